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
from bisect import bisect_right
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
        tail = r")(?P<suf>" + suffix_pattern() + r")?(?!\w)"
        capital = sorted(k for k, cap in forms.items() if cap)
        other = sorted(k for k, cap in forms.items() if not cap)
        # Capitalised forms are tried only where a capitalised word starts (found by a
        # fast character-class scan); other forms need a scan of the whole text.
        self._at_capital = (
            re.compile(r"(?P<stem>" + _trie_regex(capital) + tail, re.IGNORECASE)
            if capital
            else None
        )
        self._anywhere = (
            re.compile(r"(?<!\w)(?P<stem>" + _trie_regex(other) + tail, re.IGNORECASE)
            if other
            else None
        )

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        if self._at_capital is not None:
            match = self._at_capital.match
            for anchor in _CAPITAL_START.finditer(text):
                m = match(text, anchor.start())
                if m is not None:
                    yield m
        if self._anywhere is not None:
            yield from self._anywhere.finditer(text)

    def find(self, text: str) -> list[Span]:
        """The names in ``text``, in order."""
        spans = []
        for m in self._matches(text):
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
        if self._at_capital is not None and self._anywhere is not None:
            spans = resolve_overlaps(spans)
        return spans


# ------------------------------------------------------------------------- patterns

# Each expression starts with a character class or literal, so that the regular expression
# engine skips ahead in C to where a match can start; boundary checks come after the
# first character (or in Python), not before it.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я"
#: Where a capitalised word (or a bracketed one) starts.
_CAPITAL_START = re.compile(rf"[{_UPPER}](?<!\w[{_UPPER}])")
_SEP = r"[ .\-\u00a0]"
_PHONE_NUMBER = (
    rf"(?:[2-9]\d{{7}}|[2-9]\d(?:{_SEP}\d{{2}}){{3}}|[2-9]\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}})"
)
_NUMBER_END = r"(?!\w)(?![ .-]\d)"
# a phone number with a country code; the character before it is checked in Python
_PHONE_PREFIXED = re.compile(rf"(?:\(\+47\)|\+47|0047)[ \u00a0.-]?{_PHONE_NUMBER}{_NUMBER_END}")
# an identity number or a phone number without a country code, in one pass
_DIGITS = re.compile(
    r"\d(?<![\w+]\d)(?<!\d[ .-]\d)"
    r"(?:(?P<fnr>\d{5} ?\d{5})"
    rf"|(?<=[2-9])(?P<tel>\d{{7}}|\d(?:{_SEP}\d{{2}}){{3}}|\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}))"
    + _NUMBER_END
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_CHARS = frozenset("._+-")
_TLDS = "no|com|org|net|eu|io|info|se|dk|fi|uk|de|example|test"
_URL_END = r"[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
_URL_SCHEME = re.compile(rf"(?:https?://|www\.|HTTPS?://|WWW\.){_URL_END}")
_TLD_ANCHOR = re.compile(rf"\.(?:{_TLDS})(?![\w@-])")
_BARE_DOMAIN = re.compile(rf"(?:[\w-]+\.)+(?:{_TLDS})(?:/{_URL_END})?(?![\w@-])")
_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "january|february|march|may|june|july|october|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|oct\.?|"
    r"nov\.?|des\.?|dec\.?"
)
_NUM_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)"
# født, fødd, f., fødselsdato, fødselsdag, born, date of birth, dob
_BIRTH = re.compile(
    r"[fbdFBD](?<!\w[fbdFBD])(?i:ødt|ødd|\.|ødselsdato|ødselsdag|orn|ate\s+of\s+birth|ob)"
    r"(?:\s*:)?(?:\s+(?i:den|d\.|on|the))?\s+"
    r"(?P<date>"
    rf"\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?i:{_MONTHS})\s+\d{{4}}"
    rf"|(?i:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_NUM_DATE}"
    r")"
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
    if "email" in wanted and "@" in text:
        spans += _emails(text)
    if "url" in wanted:
        if "://" in text or "www." in text or "WWW." in text:
            spans += [
                Span(m.start(), m.end(), "URL", m.group(0)) for m in _URL_SCHEME.finditer(text)
            ]
        spans += _bare_domains(text)
    if "fnr" in wanted or "phone" in wanted:
        for m in _DIGITS.finditer(text):
            if m.group("fnr") is not None:
                if "fnr" in wanted and fnr_is_valid(m.group(0)):
                    spans.append(Span(m.start(), m.end(), "FNR", m.group(0)))
            elif "phone" in wanted:
                spans.append(Span(m.start(), m.end(), "TELEFON", m.group(0)))
    if "phone" in wanted and ("+47" in text or "0047" in text):
        for m in _PHONE_PREFIXED.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if not (before.isalnum() or before in "+_"):
                spans.append(Span(m.start(), m.end(), "TELEFON", m.group(0)))
    if "birth_date" in wanted:
        spans += _births(text)
    return resolve_overlaps(spans)


def _births(text: str) -> list[Span]:
    """Dates of birth, tried only where a word that may introduce one starts.

    ``str.find`` for the few introducing words (in lower, capitalised and upper case) is
    much faster than running the expression over the whole text.
    """
    starts = set()
    for word in _BIRTH_WORDS:
        for variant in {word, word.capitalize(), word.upper()}:
            i = text.find(variant)
            while i >= 0:
                starts.add(i)
                i = text.find(variant, i + 1)
    spans = []
    for i in sorted(starts):
        m = _BIRTH.match(text, i)
        if m is not None:
            spans.append(Span(m.start("date"), m.end("date"), "FØDSELSDATO", m.group("date")))
    return spans


_BIRTH_WORDS = ("født", "fødd", "fødsels", "f.", "born", "date", "dob")


def _back(text: str, i: int, extra: frozenset[str]) -> int:
    """Where the run of word characters (and ``extra``) that ends at ``i`` starts."""
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in extra):
        i -= 1
    return i


def _emails(text: str) -> list[Span]:
    spans, end = [], -1
    for at in _AT.finditer(text):
        start = _back(text, at.start(), _EMAIL_CHARS)
        if start < end or start == at.start():
            continue
        m = _EMAIL.match(text, start)
        if m is not None and m.end() > at.start():
            spans.append(Span(m.start(), m.end(), "EPOST", m.group(0)))
            end = m.end()
    return spans


def _bare_domains(text: str) -> list[Span]:
    spans, end = [], -1
    for anchor in _TLD_ANCHOR.finditer(text):
        start = _back(text, anchor.start(), _DOMAIN_CHARS)
        while start < anchor.start() and text[start] in ".-":
            start += 1
        if start < end or start == anchor.start():
            continue
        if start and text[start - 1] in "@/":  # inside an e-mail address or a URL
            continue
        m = _BARE_DOMAIN.match(text, start)
        if m is not None:
            spans.append(Span(m.start(), m.end(), "URL", m.group(0)))
            end = m.end()
    return spans


_AT = re.compile("@")
_DOMAIN_CHARS = frozenset(".-")


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

_WORD = re.compile(rf"[{_UPPER}](?<![\w\[][{_UPPER}])[\w'’\-]*")
_STRIP = "\"'«»“”‘’()[]{}.,;:!?…—–-/*"
_SENTENCE_END = set(".!?:;…")
_TRANSPARENT = set(" \t\"'«»“”‘’([—–-")
_PLACEHOLDER = re.compile(r"\[[A-ZÆØÅ]+(?:_\d+)?\]")
#: The word token inside a numbered placeholder: ``PERSON_2`` of ``[PERSON_2]`` (the
#: tokenizer splits off the brackets). Preprocessing never makes it a modelling term.
PSEUDONYM_TOKEN = re.compile(r"[A-ZÆØÅ]+_\d+")
#: Zipf frequency from which a word counts as an ordinary word (Speer 2022, wordfreq).
CANDIDATE_ZIPF = 5.0


@lru_cache(maxsize=200_000)
def _frequent(word: str) -> bool:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "nb"), zipf_frequency(word, "en")) >= CANDIDATE_ZIPF


def lower_case_words(texts: Iterable[str]) -> set[str]:
    """Words that occur with a lower-case initial somewhere in ``texts`` (folded)."""
    tokens: set[str] = set()
    for text in texts:
        tokens.update(text.split())
    words = set()
    for token in tokens:
        for part in token.strip(_STRIP).split("/"):
            if part[:1].islower():
                words.add(part.strip(_STRIP).casefold())
    return words


def _sentence_initial(text: str, start: int, floor: int) -> bool:
    """True after a sentence end, a blank line or the start; a wrapped line is no start."""
    i = start - 1
    newlines = 0
    while i >= floor and (text[i] in _TRANSPARENT or text[i] == "\n"):
        newlines += text[i] == "\n"
        i -= 1
    return i < floor or newlines > 1 or text[i] in _SENTENCE_END


def _candidate_form(raw: str, lower_words: set[str]) -> str | None:
    """The word a capitalised form stands for, or None when it is no candidate."""
    word = raw.rstrip("-'’")
    if len(word) < 2 or word.isupper():
        return None
    if word.partition("-")[0].isupper() or (len(word) > 2 and word[:-1].isupper()):
        return None  # acronym compounds and genitives: NAV-leder, DPIA-en, NAVs
    folded = word.casefold()
    if folded in lower_words or _frequent(folded):
        return None
    return word


def find_candidates(
    text: str,
    lower_words: set[str],
    starts: Iterable[int] = (),
    skip: Iterable[tuple[int, int]] = (),
    cache: dict[str, str | None] | None = None,
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
    cache : dict, optional
        Shared between the documents of a corpus: word form → verdict.

    Examples
    --------
    >>> text = "Vi snakket med Torgrim om saken. Han kom fra Havdalsbygda."
    >>> [s.value for s in find_candidates(text, {"saken"})]
    ['Torgrim', 'Havdalsbygda']
    """
    start_set = set(starts)
    skip_list = sorted(skip)
    skip_starts = [a for a, _ in skip_list]
    verdicts: dict[str, str | None] = {} if cache is None else cache
    for m in _WORD.finditer(text):
        raw = m.group(0)
        word = verdicts.get(raw, "")
        if word == "":  # not seen yet: decide once per word form
            word = _candidate_form(raw, lower_words)
            verdicts[raw] = word
        if word is None:
            continue
        start = m.start()
        if start in start_set or _sentence_initial(text, start, 0):
            continue
        k = bisect_right(skip_starts, start) - 1
        if k >= 0 and start < skip_list[k][1]:
            continue
        yield Span(start, start + len(word), "KANDIDAT", word)


def is_placeholder(text: str) -> bool:
    """True for a pseudonym such as ``[PERSON_3]`` or ``[TELEFON]``.

    Examples
    --------
    >>> is_placeholder("[STED_2]"), is_placeholder("Maria")
    (True, False)
    """
    return bool(_PLACEHOLDER.fullmatch(text.strip()))
