"""Finding personal data in text.

Listed names, phone numbers, e-mail addresses, URLs, national identity numbers, dates of
birth, and candidate names for review.

Every detector returns :class:`Span` objects (character offsets into the text it was
given). :func:`resolve_overlaps` keeps one span where several overlap.

Phone numbers
    Norwegian numbers of eight digits starting with 2–9 (0, 1 and 8 open no ordinary
    subscriber numbers), written ungrouped (``40012346``) or grouped 2-2-2-2
    (``22 00 41 17``) or 3-2-3 (``915 55 123``), with spaces, dots or hyphens, optionally
    after ``+47``, ``(+47)`` or ``0047``. A run of digits that continues past the eighth
    digit is not a phone number.
National identity numbers (fødselsnummer)
    Eleven digits (``DDMMYYIIIKK``, optionally ``DDMMYY IIIKK``) whose two check digits
    are valid: the first is ``11 - (3d1 + 7d2 + 6d3 + 1d4 + 8d5 + 9d6 + 4d7 + 5d8 + 2d9)
    mod 11`` and the second ``11 - (5d1 + 4d2 + 3d3 + 2d4 + 7d5 + 6d6 + 5d7 + 4d8 + 3d9 +
    2k1) mod 11``, where 11 becomes 0 and 10 means the number is invalid (Skatteetaten,
    *Fødselsnummer*, the modulus-11 control digits of the Norwegian National Registry,
    1964 scheme). D-numbers and H-numbers pass the same test. Other eleven-digit numbers
    are left alone.
Dates of birth
    A date after *født*, *fødd*, *f.*, *fødselsdato*, *born*, *date of birth* or *DOB*:
    ``født 3. mars 1985``, ``født den 03.03.1985``, ``born 3 March 1985``,
    ``born on March 3, 1985``. Only the date is replaced (``født [FØDSELSDATO]``).
Candidate names
    A capitalised word inside a sentence (not after ``.``, ``!``, ``?``, ``:``, ``;``, a
    blank line or a segment start; a line break inside a paragraph does not count) that
    is not listed, whose lower-case form does not occur elsewhere in the corpus and is
    not a frequent word in ``wordfreq``'s Norwegian or English lists (Zipf frequency
    below 5, Speer 2022). Acronyms (``NAV``, ``NAV-leder``, ``NAVs``) are not
    candidates. Candidates are reported for review, never replaced.

Examples
--------
>>> [(s.type, s.value) for s in find_patterns("Ring 915 55 123 eller kari@firma.example.")]
[('TELEFON', '915 55 123'), ('EPOST', 'kari@firma.example')]
>>> fnr_is_valid("01010012356"), fnr_is_valid("01010012345")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from discourse.privacy.names import Entity, NameList, name_key, suffix_pattern

__all__ = [
    "DETECTORS",
    "NameMatcher",
    "Span",
    "find_candidates",
    "find_patterns",
    "fnr_is_valid",
    "resolve_overlaps",
]

#: Detector switch → pseudonym label.
DETECTORS = {
    "phone": "TELEFON",
    "email": "EPOST",
    "url": "URL",
    "fnr": "FNR",
    "birth_date": "FØDSELSDATO",
}


@dataclass(frozen=True)
class Span:
    """A piece of text to replace (or, for candidates, to review).

    ``type`` is the pseudonym label (``PERSON``, ``ORG``, ``STED``, ``TELEFON``, ...);
    ``value`` the text as written; ``entity`` the listed entity for names.
    """

    start: int
    end: int
    type: str
    value: str
    entity: Entity | None = None

    @property
    def key(self) -> str:
        """What the pseudonym is assigned to: the entity's name, or the folded value."""
        return name_key(self.entity.name if self.entity is not None else self.value)


# ---------------------------------------------------------------------------- names

# white space inside a multi-word name: spaces and tabs, or one line break
_WS = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"


def _trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, longest alternative first.

    A trie keeps the expression fast with hundreds of names: at each character the
    engine follows one branch instead of trying every name in turn.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(_WS if ch == " " else re.escape(ch)) + build(node[ch]) for ch in node if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


class NameMatcher:
    """Finds every listed name in its listed, inflected and genitive forms.

    Examples
    --------
    >>> names = NameList.from_records([("Kari", "person"), ("Fjordvik kommune", "org")])
    >>> m = NameMatcher(names)
    >>> [(s.type, s.value) for s in m.find("Karis sak gikk til Fjordvik kommunen.")]
    [('PERSON', 'Karis'), ('ORG', 'Fjordvik kommunen')]
    >>> m.find("Karianne og Karin")
    []
    """

    def __init__(self, names: NameList) -> None:
        self.names = names
        forms: dict[str, bool] = {}
        for form in names.forms():
            key = name_key(form)
            # a form written with a capital must start with one in the text
            forms[key] = forms.get(key, False) or form[:1].isupper()
        self._capital = forms
        self._regex = (
            re.compile(
                r"(?<!\w)(?P<stem>"
                + _trie_regex(sorted(forms))
                + r")(?P<suf>"
                + suffix_pattern()
                + r")?(?!\w)",
                re.IGNORECASE,
            )
            if forms
            else None
        )

    def find(self, text: str) -> list[Span]:
        """The names in ``text``, in order."""
        if self._regex is None:
            return []
        spans = []
        for m in self._regex.finditer(text):
            stem = m.group("stem")
            key = name_key(stem)
            entity = self.names.lookup(key)
            if entity is None:  # pragma: no cover - the trie holds listed forms only
                continue
            if self._capital.get(key) and not stem[:1].isupper():
                continue
            if (m.group("suf") or "").lower() not in entity.allowed_suffixes:
                continue
            spans.append(Span(m.start(), m.end(), entity.pseudonym_type, m.group(0), entity))
        return spans


# ------------------------------------------------------------------------- patterns

_SEP = r"[ .\-\u00a0]"
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .-])"
    r"(?:(?:\(\+47\)|\+47|0047)[ \u00a0.-]?)?"
    rf"(?:[2-9]\d{{7}}|[2-9]\d(?:{_SEP}\d{{2}}){{3}}|[2-9]\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}})"
    r"(?![\w])(?![ .-]\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = "no|com|org|net|eu|io|info|se|dk|fi|uk|de|example|test"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
    rf"|(?<![\w@.\-])(?:[\w-]+\.)+(?:{_TLDS})(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?(?![\w@-])",
    re.IGNORECASE,
)
_FNR = re.compile(r"(?<![\w+])(?<!\d[ .-])(\d{6}) ?(\d{5})(?![\w])(?![ .-]\d)")
_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "january|february|march|may|june|july|october|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|oct\.?|"
    r"nov\.?|des\.?|dec\.?"
)
_NUM_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)"
_BIRTH = re.compile(
    r"(?<!\w)(?:født|fødd|f\.|fødselsdato|fødselsdag|born|date\s+of\s+birth|dob)"
    r"(?:\s*:)?(?:\s+(?:den|d\.|on|the))?\s+"
    r"(?P<date>"
    rf"\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_NUM_DATE}"
    r")",
    re.IGNORECASE,
)
_FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: list[int], weights: tuple[int, ...]) -> int | None:
    k = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if k == 11:
        return 0
    return None if k == 10 else k


def fnr_is_valid(number: str) -> bool:
    """True when ``number`` (11 digits, spaces ignored) has two valid mod-11 check digits.

    Examples
    --------
    >>> fnr_is_valid("010100 12356")
    True
    >>> fnr_is_valid("12345678901")
    False
    """
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 11 or len(number.replace(" ", "")) != 11:
        return False
    k1 = _control(digits[:9], _FNR_W1)
    if k1 is None or k1 != digits[9]:
        return False
    k2 = _control(digits[:10], _FNR_W2)
    return k2 is not None and k2 == digits[10]


def find_patterns(text: str, detectors: Iterable[str] = tuple(DETECTORS)) -> list[Span]:
    """Phone numbers, e-mail addresses, URLs, identity numbers and dates of birth.

    Parameters
    ----------
    text : str
    detectors : iterable of str
        Any of ``phone``, ``email``, ``url``, ``fnr``, ``birth_date`` (default: all).

    Returns
    -------
    list of Span
        Sorted by position, overlaps resolved (see :func:`resolve_overlaps`).
    """
    wanted = set(detectors)
    spans: list[Span] = []
    if "email" in wanted:
        spans += [Span(m.start(), m.end(), "EPOST", m.group(0)) for m in _EMAIL.finditer(text)]
    if "url" in wanted:
        spans += [Span(m.start(), m.end(), "URL", m.group(0)) for m in _URL.finditer(text)]
    if "fnr" in wanted:
        spans += [
            Span(m.start(), m.end(), "FNR", m.group(0))
            for m in _FNR.finditer(text)
            if fnr_is_valid(m.group(0))
        ]
    if "phone" in wanted:
        spans += [Span(m.start(), m.end(), "TELEFON", m.group(0)) for m in _PHONE.finditer(text)]
    if "birth_date" in wanted:
        spans += [
            Span(m.start("date"), m.end("date"), "FØDSELSDATO", m.group("date"))
            for m in _BIRTH.finditer(text)
        ]
    return resolve_overlaps(spans)


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep non-overlapping spans: the earliest start wins, then the longest.

    Examples
    --------
    >>> a, b = Span(0, 5, "EPOST", "x"), Span(2, 9, "URL", "y")
    >>> [s.type for s in resolve_overlaps([b, a])]
    ['EPOST']
    """
    out: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= end:
            out.append(span)
            end = span.end
    return out


# ----------------------------------------------------------------------- candidates

_WORD = re.compile(r"(?<![\w\[])[^\W\d_][\w'’\-]*")
_SENTENCE_END = set(".!?:;…")
_TRANSPARENT = set(" \t\"'«»“”‘’([—–-")
_PLACEHOLDER = re.compile(r"\[[A-ZÆØÅ]+(?:_\d+)?\]")
#: Zipf frequency from which a word counts as an ordinary word (Speer 2022, wordfreq).
CANDIDATE_ZIPF = 5.0


@lru_cache(maxsize=200_000)
def _frequent(word: str) -> bool:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "nb"), zipf_frequency(word, "en")) >= CANDIDATE_ZIPF


def lower_case_words(texts: Iterable[str]) -> set[str]:
    """Words that occur with a lower-case initial somewhere in ``texts`` (folded)."""
    words: set[str] = set()
    for text in texts:
        words.update(w.casefold() for w in _WORD.findall(text) if w[:1].islower())
    return words


def _sentence_initial(text: str, start: int, floor: int) -> bool:
    """True after a sentence end, a blank line or the start; a wrapped line is no start."""
    i = start - 1
    newlines = 0
    while i >= floor and (text[i] in _TRANSPARENT or text[i] == "\n"):
        newlines += text[i] == "\n"
        i -= 1
    return i < floor or newlines > 1 or text[i] in _SENTENCE_END


def find_candidates(
    text: str,
    lower_words: set[str],
    starts: Iterable[int] = (),
    skip: Iterable[tuple[int, int]] = (),
) -> Iterator[Span]:
    """Capitalised words inside sentences that may be names nobody listed.

    Parameters
    ----------
    text : str
        The (pseudonymised) document text.
    lower_words : set of str
        Folded words seen with a lower-case initial in the corpus
        (:func:`lower_case_words`); such words are ordinary words.
    starts : iterable of int
        Offsets where segments start (a word there is sentence-initial).
    skip : iterable of (int, int)
        Spans already replaced.

    Examples
    --------
    >>> text = "Vi snakket med Torgrim om saken. Han kom fra Havdalsbygda."
    >>> [s.value for s in find_candidates(text, {"saken"})]
    ['Torgrim', 'Havdalsbygda']
    """
    start_set = set(starts)
    skip_list = sorted(skip)
    for m in _WORD.finditer(text):
        word = m.group(0).rstrip("-'’")
        if not word[:1].isupper() or word.isupper() or len(word) < 2:
            continue
        head = re.split(r"[-'’]", word, maxsplit=1)[0]
        if head.isupper() or (len(word) > 2 and word[:-1].isupper()):
            continue  # acronym compounds and genitives: NAV-leder, DPIA-en, NAVs
        if m.start() in start_set or _sentence_initial(text, m.start(), 0):
            continue
        folded = word.casefold()
        if folded in lower_words or _frequent(folded):
            continue
        if any(a <= m.start() < b for a, b in skip_list):
            continue
        yield Span(m.start(), m.start() + len(word), "KANDIDAT", word)


def is_placeholder(text: str) -> bool:
    """True for a pseudonym such as ``[PERSON_3]`` or ``[TELEFON]``.

    Examples
    --------
    >>> is_placeholder("[STED_2]"), is_placeholder("Maria")
    (True, False)
    """
    return bool(_PLACEHOLDER.fullmatch(text.strip()))
