"""Offline language identification for bokmål, nynorsk and English.

A thin layer over ``simplemma.langdetect``, which scores each language by the share of
a text's words that its lemma dictionary knows. Bokmål and nynorsk share most words, so
the scores of both are high; the better-covered one wins (in the demo corpus the gap is
0.15 to 0.32 in favour of the right one).

Examples
--------
>>> detect_language("Eg veit ikkje kva dei tenkjer om tenestene i kommunen.")
'nn'
>>> detect_language("Jeg vet ikke hva de tenker om tjenestene i kommunen.")
'nb'
"""

from __future__ import annotations

import simplemma

from discourse.errors import ParameterError

__all__ = ["detect_language", "language_scores"]


def language_scores(
    text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")
) -> dict[str, float]:
    """Share of the text's words known to each candidate language's dictionary."""
    unknown = set(candidates) - {"nb", "nn", "en"}
    if unknown:
        raise ParameterError(f"candidates must be among nb, nn, en; got {sorted(unknown)}")
    return {
        lang: score for lang, score in simplemma.langdetect(text, lang=candidates) if lang != "unk"
    }


def detect_language(text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")) -> str | None:
    """The most likely language of ``text``, or None when no candidate knows its words."""
    scores = language_scores(text, candidates)
    best = max(scores, key=lambda lang: (scores[lang], lang == candidates[0]), default=None)
    return best if best is not None and scores[best] > 0 else None
