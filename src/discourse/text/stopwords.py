"""The shipped stopword lists: function words, spoken fillers and the modelling stoplist.

Lists live in ``resources/stopwords``: ``<lang>.txt`` holds function words and
``spoken-<lang>.txt`` fillers, hesitations and transcription marks (eh, ehm, liksom,
altså, "ikke sant"). Entries with a space are multiword fillers, flagged only as a whole.
Both set a token's ``is_stop`` flag.

``modelling-<lang>.txt`` is kept apart: words that are no function words but carry no
topic (light verbs such as *si*, *ta*, *komme*; numerals and ordinals; discourse
particles; generic time and quantity words such as *år*, *gang*, *del*; fixed
expressions such as "i forhold til"). They keep ``is_stop`` False, are flagged in
``is_modelling_stop`` and get no modelling ``term``; see :func:`modelling_stopwords`.

Examples
--------
>>> words, phrases = stopwords("nb")
>>> "og" in words and "kommune" not in words
True
>>> ("ikke", "sant") in phrases
True
>>> words, phrases = modelling_stopwords("nb")
>>> "si" in words and "kommune" not in words and ("i", "forhold", "til") in phrases
True
"""

from __future__ import annotations

from discourse.resources import read_lines

__all__ = ["modelling_stopwords", "stopwords"]


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


def modelling_stopwords(
    lang: str,
    *,
    shipped: bool = True,
    add: tuple[str, ...] | list[str] = (),
    remove: tuple[str, ...] | list[str] = (),
) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The modelling stoplist of one language: lemmas, and fixed expressions.

    Preprocessing gives a word no modelling ``term`` when its lemma or its lower-cased form
    is one of ``words``, and gives every word of a match of one of ``phrases`` (consecutive
    lower-cased forms in one segment) no term (see ``modelling_stopwords`` in
    :class:`~discourse.text.settings.PreprocessSettings`).

    Parameters
    ----------
    lang : {"nb", "nn", "en"}
        Language.
    shipped : bool
        Start from the shipped list ``modelling-<lang>.txt`` (default True); False gives
        only the entries of ``add``.
    add, remove : sequence of str
        Entries to add to or remove from the list (lower-cased; may hold spaces).

    Returns
    -------
    words : frozenset of str
    phrases : frozenset of tuple of str

    Examples
    --------
    >>> words, _ = modelling_stopwords("nn", add=["prosjekt"], remove=["tru"])
    >>> sorted(w for w in words if w in {"seie", "tru", "prosjekt", "kommune"})
    ['prosjekt', 'seie']
    """
    entries = {" ".join(e.split()) for e in _read(f"modelling-{lang}")} if shipped else set()
    entries |= {" ".join(a.lower().split()) for a in add}
    entries -= {" ".join(r.lower().split()) for r in remove}
    entries.discard("")
    words = frozenset(e for e in entries if " " not in e)
    phrases = frozenset(tuple(e.split()) for e in entries if " " in e)
    return words, phrases
