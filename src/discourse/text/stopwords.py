"""The shipped stopword lists (function words) and spoken-language fillers.

Lists live in ``resources/stopwords``: ``<lang>.txt`` holds function words and
``spoken-<lang>.txt`` fillers, hesitations and transcription marks (eh, ehm, liksom,
altså, "ikke sant"). Entries with a space are multiword fillers, flagged only as a whole.

Examples
--------
>>> words, phrases = stopwords("nb")
>>> "og" in words and "kommune" not in words
True
>>> ("ikke", "sant") in phrases
True
"""

from __future__ import annotations

from discourse.resources import read_lines

__all__ = ["stopwords"]


def _read(name: str) -> tuple[str, ...]:
    return tuple(entry.lower() for entry in read_lines(f"stopwords/{name}.txt"))


def stopwords(
    lang: str,
    *,
    fillers: bool = True,
    add: tuple[str, ...] | list[str] = (),
    remove: tuple[str, ...] | list[str] = (),
) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Single-word stopwords and multiword fillers of one language.

    Parameters
    ----------
    lang : {"nb", "nn", "en"}
        Language.
    fillers : bool
        Include the spoken-language fillers (default True).
    add, remove : sequence of str
        Entries to add to or remove from the lists (lower-cased; may hold spaces).

    Returns
    -------
    words : frozenset of str
    phrases : frozenset of tuple of str
    """
    entries = set(_read(lang))
    if fillers:
        entries |= set(_read(f"spoken-{lang}"))
    entries |= {a.strip().lower() for a in add}
    entries -= {r.strip().lower() for r in remove}
    words = frozenset(e for e in entries if " " not in e)
    phrases = frozenset(tuple(e.split()) for e in entries if " " in e)
    return words, phrases
