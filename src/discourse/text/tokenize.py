"""Offline tokenisation and sentence splitting for Norwegian (bokmål, nynorsk) and English.

One regular expression splits text into tokens and keeps their character offsets:

* URLs and e-mail addresses are single tokens (later masked as ``<url>`` and ``<email>``);
* abbreviations from the shipped lists (``f.eks.``, ``bl.a.``, ``dvs.``, ``mv.``, ``jf.``,
  ``e.g.``) are single tokens, so their full stops do not end sentences;
* words keep Norwegian and accented letters, inner hyphens (``NAV-leder``, ``e-post``),
  apostrophes and soft hyphens; a suspended hyphen before *og*/*eller* stays on the word
  (``barne- og ungdomstjenesten``);
* numbers (``2019``, ``1,5``, ``12.30``, ``15%``) are separate tokens;
* every other visible character is a punctuation token (``...`` stays one token).

Examples
--------
>>> [t for _, t in TOKEN_RE.findall("Vi ringte f.eks. NAV-lederen kl. 12.30, ikke sant?")]
['Vi', 'ringte', 'f.eks.', 'NAV-lederen', 'kl.', '12.30', ',', 'ikke', 'sant', '?']
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy as np

__all__ = ["TOKEN_RE", "abbreviations", "normalise_token", "sentence_starts", "token_kind"]


@cache
def abbreviations(lang: str | None = None) -> frozenset[str]:
    """The shipped abbreviations (lower case) of one language, or of all when None.

    Examples
    --------
    >>> "f.eks." in abbreviations("nb") and "t.d." in abbreviations("nn")
    True
    """
    langs = (lang,) if lang else ("nb", "nn", "en")
    out: set[str] = set()
    for code in langs:
        text = resources.files("discourse.resources").joinpath(
            f"abbreviations/{code}.txt"
        ).read_text("utf-8")
        out.update(ln.strip().lower() for ln in text.splitlines()
                   if ln.strip() and not ln.startswith("#"))
    return frozenset(out)


def _abbreviation_pattern() -> str:
    items = sorted(abbreviations(), key=len, reverse=True)
    return "|".join(re.escape(a) for a in items)


_URL = r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ABBR = rf"(?i:{_abbreviation_pattern()})(?![^\W\d_])"
_NUM = r"\d+(?:[.,:]\d+)*%?"
_WORD = (
    r"[^\W\d_](?:[\w\u00ad]|['’](?=[^\W\d_])|-(?=\w))*"
    r"(?:-(?=[ \t]+(?:og|eller|and|or|til)\b))?"
)
_PUNCT = r"\.\.\.|[^\w\s]|_"

#: ``findall`` gives ``(white space before, token)`` pairs that together cover the text.
TOKEN_RE = re.compile(rf"(\s*)({_URL}|{_EMAIL}|{_ABBR}|{_NUM}|{_WORD}|{_PUNCT})")

_KINDS = (
    ("url", re.compile(_URL)),
    ("email", re.compile(_EMAIL)),
    ("abbr", re.compile(_ABBR)),
    ("number", re.compile(_NUM)),
    ("word", re.compile(_WORD)),
)
_QUOTES = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "‹": "'", "›": "'",
        "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
        "…": "...", "\u00ad": None,
    }
)


def token_kind(token: str) -> str:
    """Classify a token: url, email, abbr, number, word or punct.

    Examples
    --------
    >>> [token_kind(t) for t in ("www.example.org", "a@b.example", "dvs.", "12,5", "øy", "!")]
    ['url', 'email', 'abbr', 'number', 'word', 'punct']
    """
    for kind, pattern in _KINDS:
        if pattern.fullmatch(token):
            return kind
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
    norms: np.ndarray, surfaces: np.ndarray, breaks: np.ndarray
) -> np.ndarray:
    """Mark the tokens that start a sentence.

    A sentence ends after ``.``, ``!``, ``?`` or ``...`` (and any closing quotes or
    brackets right after them) when the next token does not start with a lower-case
    letter, after a sentence-final abbreviation (``osv.``) before a capital letter, and
    wherever ``breaks`` is True (a new segment or a blank line).

    Parameters
    ----------
    norms, surfaces : ndarray of str
        Normalised and original token forms, in text order.
    breaks : ndarray of bool
        True where a token starts a new segment or follows a blank line.

    Examples
    --------
    >>> toks = np.array(["Det", "var", "f.eks.", "bra", ".", "Ja", "...", "nei", "."])
    >>> sentence_starts(np.char.lower(toks), toks, np.array([True] + [False] * 8)).nonzero()[0]
    array([0, 5])
    """
    n = len(norms)
    starts = np.asarray(breaks, dtype=bool).copy()
    if n < 2:
        starts[:1] = True
        return starts
    terminal = np.fromiter((t in _TERMINAL for t in norms), bool, n)
    closer = np.fromiter((t in _CLOSERS for t in norms), bool, n)
    final_abbr = np.fromiter((t in _FINAL_ABBR for t in norms), bool, n)
    first_lower = np.fromiter((s[:1].islower() for s in surfaces), bool, n)
    first_upper = np.fromiter((s[:1].isupper() for s in surfaces), bool, n)
    # the token that a sentence end hangs on: the terminal itself or a closer after it
    ends = terminal.copy()
    ends[1:] |= closer[1:] & terminal[:-1]
    nxt = np.zeros(n, bool)
    nxt[1:] = ends[:-1] & ~first_lower[1:] & ~closer[1:]
    nxt[1:] |= final_abbr[:-1] & first_upper[1:]
    starts |= nxt
    starts[0] = True
    return starts
