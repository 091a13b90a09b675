"""Lemmatising and stemming word types, offline.

Lemmas come from ``simplemma`` (bokmål ``nb``, nynorsk ``nn``, English ``en``), with a
small shipped table of corrections (``resources/lemmas/<lang>.tsv``) that users can extend.
Two Norwegian-specific fallbacks apply when simplemma does not know a form: a genitive
``-s`` is tried without the ``s`` ("kommunens" → "kommune"), and a hyphenated compound is
lemmatised on its last part ("NAV-lederen" → "nav-leder"). NLTK's Snowball stemmer is the
optional alternative. Work is done once per word type: callers pass unique forms.

Examples
--------
>>> lem = Lemmatizer("nb")
>>> [lem(w) for w in ("entreprenørene", "kommunene", "samarbeidet", "kommunens")]
['entreprenør', 'kommune', 'samarbeide', 'kommune']
>>> Lemmatizer("nb", method="snowball")("kommunene")
'kommun'
"""

from __future__ import annotations

from functools import cache

import simplemma

from discourse.errors import ParameterError
from discourse.resources import read_lines

__all__ = ["METHODS", "Lemmatizer", "lemma_corrections"]

METHODS = ("simplemma", "snowball", "none")
_SNOWBALL_NAMES = {"nb": "norwegian", "nn": "norwegian", "en": "english"}


@cache
def lemma_corrections(lang: str) -> dict[str, str]:
    """The shipped corrections for one language (form → lemma)."""
    pairs = (line.partition("\t") for line in read_lines(f"lemmas/{lang}.tsv"))
    return {form.strip(): lemma.strip() for form, _, lemma in pairs}


class Lemmatizer:
    """Map lower-cased word forms of one language to lemmas (or stems).

    Parameters
    ----------
    lang : {"nb", "nn", "en"}
        Language of the words.
    method : {"simplemma", "snowball", "none"}
        ``simplemma`` lemmas (default), NLTK Snowball stems, or the form unchanged.
    corrections : dict, optional
        Extra ``form → lemma`` entries that win over everything else.
    """

    def __init__(
        self, lang: str, method: str = "simplemma", corrections: dict[str, str] | None = None
    ) -> None:
        if lang not in _SNOWBALL_NAMES:
            raise ParameterError(f"lang must be one of nb, nn, en; got {lang!r}")
        if method not in METHODS:
            raise ParameterError(f"lemmatizer must be one of {METHODS}; got {method!r}")
        self.lang = lang
        self.method = method
        self.corrections = {**lemma_corrections(lang), **(corrections or {})}
        self._stemmer = None
        if method == "snowball":
            from nltk.stem.snowball import SnowballStemmer

            self._stemmer = SnowballStemmer(_SNOWBALL_NAMES[lang])

    def __call__(self, word: str) -> str:
        """The lemma (or stem) of one lower-cased word form."""
        if word in self.corrections:
            return self.corrections[word]
        if self.method == "none":
            return word
        if self._stemmer is not None:
            return self._stemmer.stem(word)
        return self._lemma(word)

    def _lemma(self, word: str) -> str:
        lemma = simplemma.lemmatize(word, lang=self.lang)
        if lemma != word:
            return lemma.lower()
        hyphen = "-" in word
        genitive = self.lang != "en" and len(word) > 4 and word.endswith("s")
        if not (hyphen or genitive) or simplemma.is_known(word, lang=self.lang):
            return lemma.lower()
        if hyphen:
            head, _, last = word.rpartition("-")
            if head and last:
                return f"{head}-{self._lemma(last)}"
        if genitive:
            base = word[:-1]
            if (
                simplemma.is_known(base, lang=self.lang)
                or simplemma.lemmatize(base, lang=self.lang) != base
            ):
                return self._lemma(base)
        return word
