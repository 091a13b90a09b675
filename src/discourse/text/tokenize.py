r"""Offline tokenisation and sentence splitting for Norwegian (bokmål, nynorsk) and English.

A bare ``\w+|[^\w\s]`` pass finds runs of word characters and single other characters;
offsets come from the positions of the text's non-space characters, and numpy then joins
what belongs together. The result:

* URLs and e-mail addresses are single tokens (later masked as ``<url>`` and ``<email>``);
* abbreviations from the shipped lists (``f.eks.``, ``bl.a.``, ``dvs.``, ``mv.``, ``jf.``,
  ``e.g.``) are single tokens, so their full stops do not end sentences; one that is a
  function word without its dot (``no.``: English *no*, nynorsk *no* "now") only before
  a number ("No. 5"), so "Eg er her no." ends its sentence;
* so are the same abbreviations written without their last full stop (``bl.a``,
  ``f.eks``, ``t.d``, ``e.g``), and :func:`token_kind` also calls the dotless forms of the
  ``dotless-<lang>.txt`` lists abbreviations (``jf``, ``nr``, ``ca``, ``mv``, ``dvs``,
  ``kr``, ``etc``, ``Mr``). The tokenizer does not know a token's language: every
  language's abbreviations count in every text, so the dotless lists hold no entry that
  is an ordinary word of bokmål, nynorsk or English ("eg", "no", "el" are left out);
* words keep Norwegian and accented letters, inner hyphens (``NAV-leder``, ``e-post``),
  apostrophes and soft hyphens; a suspended hyphen before *og*/*eller* stays on the word
  (``barne- og ungdomstjenesten``);
* numbers (``2019``, ``1,5``, ``12.30``, ``15%``) are separate tokens;
* every other visible character is a punctuation token (``...`` stays one token).

Examples
--------
>>> tokenize("Vi ringte f.eks. NAV-lederen kl. 12.30, ikke sant?")[2].tolist()
['Vi', 'ringte', 'f.eks.', 'NAV-lederen', 'kl.', '12.30', ',', 'ikke', 'sant', '?']
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from discourse.resources import read_lines

__all__ = [
    "TOKEN_RE",
    "abbreviations",
    "dotless_abbreviations",
    "normalise_token",
    "sentence_starts",
    "token_kind",
    "tokenize",
]


@cache
def abbreviations(lang: str | None = None) -> frozenset[str]:
    """The shipped abbreviations (lower case) of one language, or of all when None.

    Examples
    --------
    >>> "f.eks." in abbreviations("nb") and "t.d." in abbreviations("nn")
    True
    """
    langs = (lang,) if lang else ("nb", "nn", "en")
    return frozenset(
        entry.lower() for code in langs for entry in read_lines(f"abbreviations/{code}.txt")
    )


@cache
def dotless_abbreviations(lang: str | None = None) -> frozenset[str]:
    """Abbreviations as written without their last full stop (lower case).

    The entries of ``abbreviations/dotless-<lang>.txt`` (``jf``, ``nr``, ``ca``) and every
    shipped abbreviation with an inner full stop, without its last one (``bl.a``,
    ``f.eks``); of one language, or of all when None.

    Examples
    --------
    >>> {"jf", "bl.a", "f.eks"} <= dotless_abbreviations("nb")
    True
    >>> "eg" in dotless_abbreviations() or "no" in dotless_abbreviations()
    False
    """
    langs = (lang,) if lang else ("nb", "nn", "en")
    inner = {a[:-1] for a in abbreviations(lang) if a.endswith(".") and "." in a[:-1]}
    listed = {e.lower() for code in langs for e in read_lines(f"abbreviations/dotless-{code}.txt")}
    return frozenset(inner | listed)


_URL = r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

#: The first pass: runs of word characters and single other visible characters, exactly a
#: bare ``\w+`` pass. Offsets come from the positions of the text's non-space characters,
#: and :func:`tokenize` then joins what belongs together (numbers, compounds,
#: abbreviations, e-mail addresses, URLs).
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# Which code points are white space for the regular expression above (str.isspace); all
# of them lie below U+3001, so a small lookup table marks them.
_SPACE_LUT = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)
# Which code points of the Basic Multilingual Plane are word characters (\w).
_WORD_LUT = np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=bool)
_URL_RE = re.compile(_URL)
_EMAIL_RE = re.compile(_EMAIL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SUSPENDED = re.compile(r"[ \t]+(?:og|eller|and|or|til)\b")
_ABBR = (
    r"(?:" + "|".join(re.escape(a) for a in sorted(abbreviations(), key=len, reverse=True)) + r")"
)
_ABBR_RE = re.compile(_ABBR, re.IGNORECASE)
# one-character tokens that join their neighbours: inside words (e-post, NAV-leder,
# don't, soft hyphens) and inside numbers (12.30, 1,5, 14.03.2023)
_INNER_CP = np.array([ord(c) for c in "-'’\u00ad"], dtype=np.uint32)
_DECIMAL_CP = np.array([ord(c) for c in ".,:"], dtype=np.uint32)


def _abbreviation_spans(
    toks: np.ndarray, glued: np.ndarray, lengths: np.ndarray
) -> list[tuple[int, int]]:
    """Runs like ``f`` ``.`` ``eks`` ``.`` written without spaces that form an abbreviation."""
    n = len(toks)
    dots = np.flatnonzero(glued[1:] & (toks[1:] == ".") & (lengths[:-1] <= 5)) + 1
    dots = dots[[t.lower() in _ABBREVIATION_PARTS for t in toks[dots - 1]]]
    spans: list[tuple[int, int]] = []
    taken = -1
    for d in dots.tolist():
        first = d - 1
        if first <= taken:
            continue
        # extend backwards over "x." pairs (m.fl., o.l., f.eks.)
        while (
            first >= 2
            and glued[first]
            and toks[first - 1] == "."
            and glued[first - 1]
            and lengths[first - 2] <= 5
        ):
            first -= 2
        followed = d + 1 < n and glued[d + 1] and toks[d + 1][:1].isalpha()
        # an abbreviation starts a word: "s." in "Mulligan's." is no abbreviation
        while first < d and first and glued[first] and _joins_word(toks[first - 1]):
            first += 2
        for start in range(first, d, 2):
            joined = "".join(toks[start : d + 1]).lower()
            if not followed and joined in _ABBREVIATION_SET:
                # "no." is an abbreviation before a number ("No. 5") but mostly the word
                # no (nynorsk "now", English "no") that ends a sentence
                number_next = d + 1 < n and toks[d + 1][:1].isdigit()
                if joined in _WORD_ABBREVIATIONS and not number_next:
                    break
                spans.append((start, d))
                taken = d
                break
        else:
            # the same without the last full stop: "bl.a", "f.eks" (not "f.eks." and not
            # a run that goes on, as in a domain name "f.eks.no")
            last = d + 1
            if not followed or (last + 1 < n and glued[last + 1] and _goes_on(toks[last + 1])):
                continue
            for start in range(first, d, 2):
                if "".join(toks[start : last + 1]).lower() in _INNER_DOTTED:
                    spans.append((start, last))
                    taken = last
                    break
    return spans


def _joins_word(token: str) -> bool:
    """Whether a token glued before an abbreviation makes it part of a word."""
    return token[-1:].isalnum() or token in ("'", "’", "-", "\u00ad")


def _goes_on(token: str) -> bool:
    """Whether a token glued to the end of a dotted run continues it (a dot, a letter)."""
    return token == "." or token[:1].isalnum()


def _span_joins(
    pattern: re.Pattern[str], text: str, starts: np.ndarray, ends: np.ndarray, join: np.ndarray
) -> None:
    """Join the tokens that make up each match of ``pattern`` (URLs, e-mail addresses)."""
    for m in pattern.finditer(text):
        a = int(np.searchsorted(starts, m.start()))
        b = int(np.searchsorted(ends, m.end()))
        if a < b < len(starts) and starts[a] == m.start() and ends[b] == m.end():
            join[a + 1 : b + 1] = True


def tokenize(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split text into tokens with character offsets.

    Returns
    -------
    starts, ends : ndarray of int64
        Offsets of each token: ``text[starts[i]:ends[i]] == tokens[i]``.
    tokens : ndarray of str (object)
    after_blank : ndarray of bool
        True for a token that follows a blank line (a paragraph break).

    Examples
    --------
    >>> _, _, toks, _ = tokenize("Se f.eks. kari@x.example, m.fl.")
    >>> toks.tolist()
    ['Se', 'f.eks.', 'kari@x.example', ',', 'm.fl.']
    """
    found = TOKEN_RE.findall(text)
    n = len(found)
    if not n:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0, dtype=object), np.zeros(0, bool)
    toks = np.empty(n, dtype=object)
    toks[:] = found
    tl = np.fromiter(map(len, found), np.int64, n)
    # Tokens hold every non-space character, in order: the k-th non-space character of the
    # text is the k-th character of the concatenated tokens.
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    nonspace = np.flatnonzero(~_SPACE_LUT[np.minimum(points, len(_SPACE_LUT) - 1)])
    starts = nonspace[np.cumsum(tl) - tl].astype(np.int64)
    ends = starts + tl
    glued = np.zeros(n, bool)  # no white space before the token
    glued[1:] = starts[1:] == ends[:-1]
    glued_next = np.zeros(n, bool)
    glued_next[:-1] = glued[1:]
    join = np.zeros(n, bool)  # join[i]: token i belongs to the token before it

    # One-character tokens, by code point: word characters, joiners, dots, percent signs.
    single = np.flatnonzero(tl == 1)
    cp = points[starts[single]]
    is_word = np.ones(n, bool)
    is_word[single] = _WORD_LUT[np.minimum(cp, 0xFFFF)] | (cp > 0xFFFF)
    prev_word = np.zeros(n, bool)
    prev_word[1:] = is_word[:-1]
    next_word = np.zeros(n, bool)
    next_word[:-1] = is_word[1:]
    inner = single[np.isin(cp, _INNER_CP)]
    ok = glued[inner] & glued_next[inner] & prev_word[inner] & next_word[inner]
    join[inner[ok]] = True
    join[inner[ok] + 1] = True
    hyphen = inner[~ok & glued[inner] & prev_word[inner] & (points[starts[inner]] == 0x2D)]
    for i in hyphen.tolist():  # "barne- og ungdomstjenesten"
        if _SUSPENDED.match(text, ends[i]):
            join[i] = True
    decimal = single[np.isin(cp, _DECIMAL_CP)]
    decimal = decimal[glued[decimal] & glued_next[decimal]]
    for i in decimal.tolist():
        if toks[i - 1][-1:].isdigit() and toks[i + 1][:1].isdigit():
            join[i] = join[i + 1] = True
    dots = single[(cp == 0x2E)]
    dots = dots[glued[dots]]
    join[dots[toks[dots - 1] == "."]] = True  # "..." is one token
    percent = single[cp == 0x25]
    for i in percent[glued[percent]].tolist():
        if i and toks[i - 1][-1:].isdigit():
            join[i] = True
    if "." in text:
        for a, b in _abbreviation_spans(toks, glued, tl):
            join[a + 1 : b + 1] = True
    if "@" in text:
        _span_joins(_EMAIL_RE, text, starts, ends, join)
    if "http" in text or "www." in text:
        _span_joins(_URL_RE, text, starts, ends, join)
    join[0] = False

    if join.any():
        heads = np.flatnonzero(~join)
        lasts = np.append(heads[1:] - 1, n - 1)
        merged = heads[lasts > heads]
        new_ends = ends[lasts]
        for h, e in zip(merged.tolist(), ends[lasts[lasts > heads]].tolist(), strict=True):
            toks[h] = text[starts[h] : e]
        starts, ends, toks = starts[heads], new_ends, toks[heads]
    after_blank = np.zeros(len(toks), bool)
    breaks = np.fromiter((m.end() for m in _BLANK_LINE.finditer(text)), np.int64)
    k = np.searchsorted(starts, breaks)
    after_blank[k[k < len(toks)]] = True
    return starts, ends, toks, after_blank


_ABBREVIATION_SET = abbreviations()
_ABBREVIATION_PARTS = frozenset(p for a in _ABBREVIATION_SET for p in a.split(".") if p)
# abbreviations that are also a function word without their dot ("no."): only before a
# number
_FUNCTION_WORDS = {w.lower() for c in ("nb", "nn", "en") for w in read_lines(f"stopwords/{c}.txt")}
_WORD_ABBREVIATIONS = frozenset(a for a in _ABBREVIATION_SET if a[:-1] in _FUNCTION_WORDS)
_DOTLESS = dotless_abbreviations()
_INNER_DOTTED = frozenset(a for a in _DOTLESS if "." in a)
_DOTLESS_LONGEST = max(map(len, _DOTLESS))
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‟": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "‹": "'",
        "›": "'",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "\u00ad": None,
    }
)


def token_kind(token: str) -> str:
    """Classify a token: url, email, abbr, number, word or punct.

    A shipped abbreviation is ``abbr``, with its full stops ("dvs.", "bl.a.") or without
    them ("dvs", "bl.a", "jf", "nr"; see :func:`dotless_abbreviations`). A token with a
    letter is a word ("IP3", "10-åring"), one with digits but no letter a number ("12,5",
    "15%"), anything else punctuation.

    Examples
    --------
    >>> [token_kind(t) for t in ("www.example.org", "a@b.example", "dvs.", "12,5", "øy", "!")]
    ['url', 'email', 'abbr', 'number', 'word', 'punct']
    >>> [token_kind(t) for t in ("jf", "Nr", "bl.a", "eg", "no")]
    ['abbr', 'abbr', 'abbr', 'word', 'word']
    """
    if ("/" in token or "www" in token) and _URL_RE.fullmatch(token):
        return "url"
    if "@" in token and _EMAIL_RE.fullmatch(token):
        return "email"
    if "." in token and _ABBR_RE.fullmatch(token):
        return "abbr"
    if len(token) <= _DOTLESS_LONGEST and token.lower() in _DOTLESS:
        return "abbr"
    if any(ch.isalpha() for ch in token):
        return "word"
    if any(ch.isdigit() for ch in token):
        return "number"
    return "punct"


def normalise_token(token: str) -> str:
    """Lower case, one form each for quotes and dashes, soft hyphens removed.

    Examples
    --------
    >>> normalise_token("Sam\\u00adarbeid«")
    'samarbeid"'
    """
    return token.translate(_QUOTES).lower()


_TERMINAL = frozenset({".", "!", "?", "...", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", ")", "]", "}"})
#: Abbreviations that often end a sentence ("... og så videre, osv. Neste setning").
_FINAL_ABBR = frozenset({"osv.", "osb.", "etc.", "mv.", "m.m.", "o.l.", "m.fl.", "e.l."})


def sentence_starts(
    codes: np.ndarray, types: np.ndarray, breaks: np.ndarray, norms: list[str] | None = None
) -> np.ndarray:
    """Mark the tokens that start a sentence.

    A sentence ends after ``.``, ``!``, ``?`` or ``...`` (and any closing quotes or
    brackets right after them) when the next token does not start with a lower-case
    letter, after a sentence-final abbreviation (``osv.``) before a capital letter, and
    wherever ``breaks`` is True (a new segment or a blank line). The tests run once per
    token type, so the cost follows the number of types.

    Parameters
    ----------
    codes : ndarray of int
        Each token's index into ``types``.
    types : ndarray of str
        The distinct surface forms.
    breaks : ndarray of bool
        True where a token starts a new segment or follows a blank line.
    norms : list of str, optional
        ``normalise_token`` of each type, if the caller has them already.

    Examples
    --------
    >>> toks = ["Det", "var", "f.eks.", "bra", ".", "Ja", "...", "nei", "."]
    >>> types, codes = np.unique(toks, return_inverse=True)
    >>> sentence_starts(codes, types, np.array([True] + [False] * 8)).nonzero()[0]
    array([0, 5])
    """
    n = len(codes)
    starts = np.asarray(breaks, dtype=bool).copy()
    if n == 0:
        return starts
    if norms is None:
        norms = [normalise_token(t) for t in types]
    terminal = np.array([t in _TERMINAL for t in norms], bool)[codes]
    closer = np.array([t in _CLOSERS for t in norms], bool)[codes]
    final_abbr = np.array([t in _FINAL_ABBR for t in norms], bool)[codes]
    first_lower = np.array([t[:1].islower() for t in types], bool)[codes]
    first_upper = np.array([t[:1].isupper() for t in types], bool)[codes]
    # the token that a sentence end hangs on: the terminal itself or a closer after it
    ends = terminal.copy()
    ends[1:] |= closer[1:] & terminal[:-1]
    nxt = np.zeros(n, bool)
    nxt[1:] = ends[:-1] & ~first_lower[1:] & ~closer[1:]
    nxt[1:] |= final_abbr[:-1] & first_upper[1:]
    starts |= nxt
    starts[0] = True
    return starts
