"""Offline language identification for bokmål, nynorsk and English.

Two steps, both offline:

1. **Dictionary coverage.** Every word of the text (lower-cased letter runs of two or more
   letters; words with a capital initial are left out as likely names, unless nearly all
   words have one) is looked up in simplemma's dictionary of each candidate language. A
   language's coverage is the share of word *tokens* it knows. This separates English from
   Norwegian well, but not bokmål from nynorsk: each of simplemma's two Norwegian
   dictionaries knows many of the other norm's forms, so short sentences often tie.
2. **Norm markers** (bokmål against nynorsk only). Word forms and endings that one written
   norm uses and the other does not (``ikkje``/``ikke``, ``eg``/``jeg``, ``kva``/``hva``,
   ``frå``/``fra``, endings ``-leg``/``-lig``, ``-heit``/``-het``) are listed in
   ``resources/language/nn.txt`` and ``nb.txt``. Each occurrence counts as
   :data:`MARKER_WEIGHT` extra known words for its norm.

A candidate's score is ``(known + MARKER_WEIGHT * markers) / (words + MARKER_WEIGHT *
all_markers)``, between 0 and 1. The label is the best-scoring candidate; the **margin** is
its lead over the runner-up (0: a tie, which goes to the first candidate). A text without
words (empty, numbers, punctuation) has no label.

Long texts are sampled: beyond :data:`SAMPLE_CHARS` characters, evenly spaced windows that
together hold about that many characters are read (so a 2-million-word corpus is labelled
in seconds; a long document's language is clear from 50,000 characters).

Examples
--------
>>> detect_language("Eg veit ikkje kva dei tenkjer om tenestene i kommunen.")
'nn'
>>> detect_language("Jeg vet ikke hva de tenker om tjenestene i kommunen.")
'nb'
>>> guess = identify_language("Ho er heime no.")
>>> guess.lang, guess.margin > 0
('nn', True)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

import simplemma
import wordfreq

from discourse.errors import ParameterError
from discourse.resources import read_lines

__all__ = [
    "MARKER_WEIGHT",
    "SAMPLE_CHARS",
    "LanguageGuess",
    "detect_language",
    "identify_language",
    "language_scores",
    "markers",
]

_LANGS = ("nb", "nn", "en")
#: How many known words one norm marker counts as (bokmål against nynorsk).
MARKER_WEIGHT = 3.0
#: How many known words a word that only the nynorsk (bokmål) dictionary knows counts as.
NN_ONLY_WEIGHT = 1.0
NB_ONLY_WEIGHT = 0.0
#: Below this Zipf frequency in bokmål (wordfreq), a word the nynorsk dictionary knows
#: counts as nynorsk evidence.
RARE_ZIPF = 2.0
#: Texts longer than this many characters are read in evenly spaced windows.
SAMPLE_CHARS = 50_000
_WINDOWS = 20
_WORD = re.compile(r"[^\W\d_]+")
#: An ending marker needs at least this many letters before it (``fastlege`` is no ``-leg``).
_MIN_STEM = 3


class LanguageGuess(NamedTuple):
    """The result of :func:`identify_language`.

    Attributes
    ----------
    lang : str or None
        The best candidate, or None for a text without words.
    margin : float
        The best score minus the runner-up's, 0 to 1 (0: a tie or no words).
    scores : dict
        Each candidate's score (coverage plus markers), 0 to 1.
    n_words : int
        How many words were read (after sampling a long text).
    """

    lang: str | None
    margin: float
    scores: dict[str, float]
    n_words: int


def _check(candidates: tuple[str, ...]) -> None:
    unknown = set(candidates) - set(_LANGS)
    if unknown or not candidates:
        raise ParameterError(
            f"candidates must be one or more of nb, nn, en; got {sorted(unknown) or '()'}"
        )


@cache
def markers(lang: str) -> tuple[frozenset[str], tuple[tuple[str, str | None], ...]]:
    """The norm markers of ``nb`` or ``nn``: word forms and endings (from the resources).

    An ending is ``(ending, counterpart)``; with a counterpart (``-ar=er``) a word counts
    only where putting the counterpart in the ending's place gives a word that the other
    norm's dictionary knows (``brukar``: ``bruker``), so that ``januar`` is no marker.

    Examples
    --------
    >>> words, endings = markers("nn")
    >>> "ikkje" in words, ("leg", None) in endings, ("ar", "er") in endings
    (True, True, True)
    """
    if lang not in ("nb", "nn"):
        raise ParameterError(f"markers exist for nb and nn only, not {lang!r}")
    lines = read_lines(f"language/{lang}.txt")
    words = frozenset(x for x in lines if not x.startswith("-"))
    endings = []
    for line in lines:
        if line.startswith("-"):
            ending, _, counterpart = line[1:].partition("=")
            endings.append((ending, counterpart or None))
    return words, tuple(sorted(endings, key=lambda e: len(e[0]), reverse=True))


@lru_cache(maxsize=500_000)
def _known(word: str, lang: str) -> bool:
    return simplemma.is_known(word, lang)


@lru_cache(maxsize=500_000)
def _marker_of(word: str) -> str | None:
    """``nb``, ``nn`` or None: the norm a word form marks."""
    for lang in ("nn", "nb"):
        if word in markers(lang)[0]:
            return lang
    for lang, other in (("nn", "nb"), ("nb", "nn")):
        for ending, counterpart in markers(lang)[1]:
            if len(word) < len(ending) + _MIN_STEM or not word.endswith(ending):
                continue
            if counterpart is None or _known(word[: -len(ending)] + counterpart, other):
                return lang
    return None


@lru_cache(maxsize=500_000)
def _rare_in_bokmal(word: str) -> bool:
    """True for a word of three or more letters that bokmål text hardly uses (wordfreq)."""
    return len(word) >= 3 and wordfreq.zipf_frequency(word, "nb") < RARE_ZIPF


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // _WINDOWS
    step = len(text) / _WINDOWS
    return "\n".join(text[int(i * step) : int(i * step) + width] for i in range(_WINDOWS))


def _words(text: str) -> tuple[Counter[str], Counter[str]]:
    """Lower-cased words for markers (all) and for coverage (without capitalised ones)."""
    found = _WORD.findall(_sample(text))
    all_words = Counter(w.lower() for w in found)
    plain = Counter(w for w in found if not w[0].isupper())
    if sum(plain.values()) < 0.2 * len(found):  # a title or a text in capitals
        plain = all_words
    else:
        plain = Counter({w.lower(): n for w, n in plain.items()})
    return all_words, plain


def identify_language(text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")) -> LanguageGuess:
    """The language of ``text`` with its margin over the runner-up and every score.

    Parameters
    ----------
    text : str
        Any text; long texts are sampled (see the module docstring).
    candidates : tuple of str
        Languages to choose from, among ``nb``, ``nn`` and ``en``; a tie goes to the
        first.

    Returns
    -------
    LanguageGuess
        ``(lang, margin, scores, n_words)``; ``lang`` is None when the text has no words.

    Raises
    ------
    ParameterError
        A candidate other than nb, nn or en.

    Examples
    --------
    >>> g = identify_language("Dette er berre ein test.")
    >>> g.lang, round(g.scores["nn"] - g.scores["nb"], 3) == round(g.margin, 3)
    ('nn', True)
    >>> identify_language("1234, 56.").lang is None
    True
    """
    _check(candidates)
    all_words, plain = _words(text)
    covered = {w: n for w, n in plain.items() if len(w) >= 2}
    n_cover = sum(covered.values())
    known = {lang: {w for w in covered if _known(w, lang)} for lang in candidates}
    scores: dict[str, float] = {}
    if "nb" in candidates and "nn" in candidates:
        # bokmål against nynorsk: a word either dictionary knows counts for both; the
        # difference comes from the markers and from words only the nynorsk dictionary
        # knows (simplemma's bokmål dictionary holds most nynorsk forms as well, so a word
        # only it knows says little)
        evidence = {"nb": 0.0, "nn": 0.0}
        for w, n in all_words.items():
            norm = _marker_of(w)
            if norm is not None:
                evidence[norm] += MARKER_WEIGHT * n
            elif w not in covered:  # a name, or a word of one letter
                continue
            elif w in known["nn"] and (w not in known["nb"] or _rare_in_bokmal(w)):
                evidence["nn"] += NN_ONLY_WEIGHT * covered[w]
            elif w in known["nb"] and w not in known["nn"]:
                evidence["nb"] += NB_ONLY_WEIGHT * covered[w]
        norwegian = sum(n for w, n in covered.items() if w in known["nb"] or w in known["nn"])
        denominator = n_cover + evidence["nb"] + evidence["nn"]
        for lang in ("nb", "nn"):
            scores[lang] = (norwegian + evidence[lang]) / denominator if denominator else 0.0
    for lang in candidates:
        if lang not in scores:
            hits = sum(covered[w] for w in known[lang])
            scores[lang] = hits / n_cover if n_cover else 0.0
    scores = {lang: min(scores[lang], 1.0) for lang in candidates}
    n_words = sum(all_words.values())
    ranked = sorted(candidates, key=lambda lang: -scores[lang])  # stable: ties keep order
    best = ranked[0]
    if scores[best] <= 0:
        return LanguageGuess(None, 0.0, scores, n_words)
    margin = scores[best] - (scores[ranked[1]] if len(ranked) > 1 else 0.0)
    return LanguageGuess(best, margin, scores, n_words)


def language_scores(
    text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")
) -> dict[str, float]:
    """Plain ``simplemma.langdetect``: the share of the text's words each dictionary knows.

    The baseline that :func:`identify_language` improves on; simplemma samples the 100
    most frequent words of three or more letters and leaves out capitalised ones.

    Examples
    --------
    >>> language_scores("the cat is on the mat", ("en", "nb"))["en"]
    1.0
    """
    _check(candidates)
    return {
        lang: score for lang, score in simplemma.langdetect(text, lang=candidates) if lang != "unk"
    }


def detect_language(text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")) -> str | None:
    """The most likely language of ``text``, or None when it has no words.

    The label of :func:`identify_language`.

    Examples
    --------
    >>> detect_language("We do not know what they think of the services.")
    'en'
    """
    return identify_language(text, candidates).lang
