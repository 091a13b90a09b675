"""Speaker labels: their parts (title, name, party) and whether a label looks like a name.

A label such as ``Statsråd Karita Bekkemellem (A)`` has three parts: a title from the
shipped title list (``resources/speakers.yml``, key ``titles``), a name, and a party
abbreviation in parentheses. :func:`split_label` separates them; the segmenter puts the
name in ``speaker`` and the title and party in the ``title`` and ``party`` columns, so
that one person has one speaker value whether the transcript calls her ``Statsråd Karita
Bekkemellem`` or ``Karita Bekkemellem (A)``. A label that is only a title (``Presidenten``,
``Statsministeren``) stays the speaker.

:func:`name_shaped` is the shape test that an unlisted label must pass to count as a
speaker (see :mod:`discourse.corpus.segment` for the whole rule).

Examples
--------
>>> from discourse.corpus.config import SpeakerRules
>>> rules = SpeakerRules.default()
>>> split_label("Statsråd Karita Bekkemellem (A)", rules.titles)
LabelParts(speaker='Karita Bekkemellem', title='Statsråd', party='A', title_role='respondent')
>>> split_label("Presidenten", rules.titles)
LabelParts(speaker='Presidenten', title=None, party=None, title_role='interviewer')
>>> name_shaped("Øystein Djupedal"), name_shaped("Han sa"), name_shaped("Det betyr")
(True, False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from discourse.resources import read_lines, read_text

__all__ = ["MAX_NAME_WORDS", "LabelParts", "name_shaped", "split_label"]

#: An unlisted label has at most this many words (a title and a party not counted).
MAX_NAME_WORDS = 4
_MAX_NAME_CHARS = 40
# A party abbreviation in parentheses at the end of a label: "(SV)", "(FrP)", "(uavh.)".
_PARTY = re.compile(r"(?P<rest>.*?)[ \t]*\((?P<party>[^\W\d_][\w.\-/]{0,11})\)")
_INITIAL = re.compile(r"[^\W\d_]\.")


@dataclass(frozen=True)
class LabelParts:
    """A speaker label split into its parts.

    Attributes
    ----------
    speaker : str
        The name without title and party; the whole label when it is only a title.
    title : str or None
        The title as written (``Statsråd``, ``Utenriksminister``, ``Dr.``).
    party : str or None
        The party abbreviation from the parentheses (``SV``).
    title_role : str or None
        The role that the title implies (``interviewer`` for the chair of a debate,
        ``respondent`` for ministers and representatives), None when it implies none.
    """

    speaker: str
    title: str | None
    party: str | None
    title_role: str | None


@cache
def _speaker_data() -> dict:
    return yaml.safe_load(read_text("speakers.yml"))


@cache
def _function_words() -> frozenset[str]:
    """Function words and fillers of all shipped languages, minus words that are names."""
    words: set[str] = set()
    for name in ("nb", "nn", "en", "spoken-nb", "spoken-nn", "spoken-en"):
        words |= {w.casefold() for w in read_lines(f"stopwords/{name}.txt") if " " not in w}
    names = {str(w).casefold() for w in _speaker_data().get("name_words", []) or []}
    return frozenset(words - names)


@cache
def _particles() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in _speaker_data().get("name_particles", []) or [])


def compile_titles(
    pairs: list[tuple[str | None, str]],
) -> tuple[tuple[re.Pattern[str], str | None], ...]:
    """Compile ``(role, title)`` pairs; titles starting with ``re:`` are regular expressions.

    Each pattern matches a title at the start of a label, followed by white space or the
    end of the label.
    """
    out = []
    for role, entry in pairs:
        body = entry[3:] if entry.startswith("re:") else re.escape(entry)
        out.append((re.compile(rf"(?:{body})(?=[ \t]|$)", re.IGNORECASE), role))
    return tuple(out)


def split_label(label: str, titles: tuple[tuple[re.Pattern[str], str | None], ...]) -> LabelParts:
    """Split a label into name, title and party.

    Parameters
    ----------
    label : str
        The label as written, without its colon.
    titles : tuple
        Compiled titles (``SpeakerRules.titles``).

    Returns
    -------
    LabelParts

    Examples
    --------
    >>> from discourse.corpus.config import SpeakerRules
    >>> split_label("Øystein Djupedal (SV)", SpeakerRules.default().titles).party
    'SV'
    """
    label = " ".join(label.split())
    party = None
    m = _PARTY.fullmatch(label)
    if m and m.group("rest"):
        label, party = m.group("rest"), m.group("party")
    best: tuple[int, str | None] | None = None
    for pattern, role in titles:
        t = pattern.match(label)
        if t and (best is None or t.end() > best[0]):
            best = (t.end(), role)
    if best is None:
        return LabelParts(label, None, party, None)
    end, role = best
    rest = label[end:].strip()
    if not rest:  # the label is a title: "Presidenten"
        return LabelParts(label, None, party, role)
    return LabelParts(rest, label[:end].strip(), party, role)


def name_shaped(text: str) -> bool:
    """True when ``text`` looks like a person's name or a role code.

    The rule: one to :data:`MAX_NAME_WORDS` words and at most 40 characters; every word
    starts with a capital letter, or is an initial (``I.``), a number after the first word
    (``Deltaker 2``), or a lower-case name particle inside the name (``van``, ``von``,
    ``de``); and no word is a function word or filler of the shipped stopword lists (nb,
    nn, en), except first names that are also function words (``Per``, ``Hans``, ``Anna``;
    ``name_words`` in ``speakers.yml``). Bracketed placeholders (``[Navn]``) always pass.

    Examples
    --------
    >>> [name_shaped(x) for x in ["Kari Nordmann", "IP3", "Per", "Carl I. Hagen", "[Navn]"]]
    [True, True, True, True, True]
    >>> [name_shaped(x) for x in ["Spørsmålet er", "Poenget er", "Men altså", "Han"]]
    [False, False, False, False]
    """
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        return True
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) > _MAX_NAME_CHARS:
        return False
    function_words = _function_words()
    for i, word in enumerate(words):
        if _INITIAL.fullmatch(word):
            continue
        if word.isdigit():
            if i == 0:
                return False
            continue
        folded = word.casefold()
        if not word[0].isupper():
            if folded in _particles() and 0 < i < len(words) - 1:
                continue
            return False
        if folded.rstrip(".") in function_words or folded in function_words:
            return False
    return True
