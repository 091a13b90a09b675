"""Lemmatising and stemming word types, offline.

Lemmas come from ``simplemma`` (bokmål ``nb``, nynorsk ``nn``, English ``en``), with a
small shipped table of corrections (``resources/lemmas/<lang>.tsv``) that users can extend.
Norwegian-specific rules:

* genitive ``-s``: a form is lemmatised without its ``s`` when simplemma does not know it
  ("kommunens" → "kommune"), when simplemma only strips the ``s`` ("regjeringens" →
  "regjeringen" → "regjering"), or when simplemma leaves a known form unchanged whose base
  is an inflected definite form ("dagens" → "dagen" → "dag"; "kurs" stays "kurs");
* a hyphenated compound is lemmatised on its last part ("NAV-lederen" → "nav-leder");
* nynorsk infinitives: simplemma's nynorsk lemmas mix a-infinitives ("driva", "konsentrera")
  and e-infinitives ("drive"). The UD Norwegian-Nynorsk treebank, like the dictionaries'
  headwords, uses the e-infinitive, so a lemma in ``-a`` whose ``-e`` form is a known verb
  lemma becomes that ``-e`` form ("driva" → "drive"). Nouns ending in ``-a`` listed in
  ``resources/lemmas/nn-a-words.txt`` ("data", "bra") keep their ``-a``. Both spellings of a
  verb therefore share one lemma, so a lemma search (KWIC) finds ``driva`` and ``drive``.

This class maps one lower-cased form at a time; proper nouns and other decisions that
need the token's context are made by :func:`discourse.text.context_lemmas.lemmatize_tokens`.
NLTK's Snowball stemmer is the optional alternative. Work is done once per word type:
callers pass unique forms.

Examples
--------
>>> lem = Lemmatizer("nb")
>>> [lem(w) for w in ("entreprenørene", "kommunene", "samarbeidet", "kommunens")]
['entreprenør', 'kommune', 'samarbeide', 'kommune']
>>> [Lemmatizer("nb")(w) for w in ("regjeringens", "går")]
['regjering', 'gå']
>>> Lemmatizer("nn")("driva")
'drive'
>>> Lemmatizer("nb", method="snowball")("kommunene")
'kommun'
"""

from __future__ import annotations

from functools import cache

import simplemma

from discourse.errors import ParameterError
from discourse.resources import read_lines

__all__ = ["METHODS", "Lemmatizer", "lemma_corrections"]

#: endings of a definite (or plural definite) noun form, before a genitive ``-s``
_DEFINITE_ENDINGS = ("en", "et", "ene", "ane", "a", "na")

METHODS = ("simplemma", "snowball", "none")
_SNOWBALL_NAMES = {"nb": "norwegian", "nn": "norwegian", "en": "english"}


@cache
def lemma_corrections(lang: str) -> dict[str, str]:
    """The shipped corrections for one language (form → lemma)."""
    pairs = (line.partition("\t") for line in read_lines(f"lemmas/{lang}.tsv"))
    return {form.strip(): lemma.strip() for form, _, lemma in pairs}


@cache
def _nn_a_words() -> frozenset[str]:
    """Nynorsk lemmas in ``-a`` that are no verbs (they keep their ``-a``)."""
    return frozenset(read_lines("lemmas/nn-a-words.txt"))


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
        if word in self.corrections:
            return self.corrections[word]
        lemma = self._simplemma(word)
        genitive = self.lang != "en" and len(word) > 4 and word.endswith("s")
        if lemma != word:
            if genitive and lemma == word[:-1]:  # simplemma only dropped the genitive -s
                return self._lemma(word[:-1])
            return lemma
        hyphen = "-" in word
        if not (hyphen or genitive):
            return lemma
        known = simplemma.is_known(word, lang=self.lang)
        if genitive and known and word[:-1].endswith(_DEFINITE_ENDINGS):
            base = self._simplemma(word[:-1])
            if base != word[:-1]:  # "dagens": "dagen" is an inflected form of "dag"
                return base
        if known:
            return lemma
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

    def _simplemma(self, word: str) -> str:
        lemma = simplemma.lemmatize(word, lang=self.lang).lower()
        if self.lang == "nn" and len(lemma) > 3 and lemma.endswith("a"):
            return self._e_infinitive(lemma)
        return lemma

    def _e_infinitive(self, lemma: str) -> str:
        """The e-infinitive of a nynorsk a-infinitive lemma (other lemmas unchanged)."""
        if lemma in _nn_a_words():
            return lemma
        e_form = lemma[:-1] + "e"
        if simplemma.is_known(e_form, lang="nn") and simplemma.lemmatize(
            e_form, lang="nn"
        ).lower() in (e_form, lemma):
            return e_form
        return lemma
