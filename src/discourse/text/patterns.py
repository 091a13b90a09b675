"""Query patterns over tokens: exact words, globs, regular expressions and phrases.

One pattern language serves concordances (:func:`discourse.kwic`), collocations and
lexicon entries, so that a word counted in a score is the word shown in a KWIC line.

Syntax
------
- A pattern is one or more words separated by white space (or ``_``, the joiner of
  multiword terms): ``"felles eierskap"`` matches the two tokens in a row, within one
  segment.
- A word with ``*`` (any characters) or ``?`` (one character) is a glob, as in
  quanteda and AntConc: ``innovasj*``, ``*entreprenør*``.
- With ``regex=True`` each word is a regular expression that must match the whole
  token (``innovasj\\w+``; use ``.*`` at either end for a partial match).
- Otherwise the word is matched exactly. An exact word that the tokenizer splits into
  several tokens (``c++`` is ``c`` ``+`` ``+``; ``a/b`` is ``a`` ``/`` ``b``) is matched as
  that run of tokens, so it finds what the text says; ``e-post``, ``Kari's`` and ``f.eks.``
  are single tokens already.

Matching runs on lemmas (``match="lemma"``, the default) or on word forms
(``match="token"``). Lemma matching also lemmatises an exact pattern word with the
corpus's lemmatiser, so ``piloten`` finds ``pilot``, ``piloten`` and ``pilotene``. The
lemma a language's lemmatiser gives is looked for only in documents of that language
(in a corpus of bokmål and English, ``is`` finds English ``is`` and ``was`` through the
lemma *be*, but not Norwegian ``ber``, whose lemma is also *be*); the word as written is
looked for everywhere.
Matching is case-insensitive unless ``case_sensitive=True`` (lemmas are lower case,
so case only matters for word forms).

Examples
--------
>>> parse_pattern("sosial* entreprenør*")
Pattern(source='sosial* entreprenør*', words=('sosial*', 'entreprenør*'), kind='glob')
>>> parse_pattern("c++").words
('c', '+', '+')
>>> parse_pattern("(", regex=True)
Traceback (most recent call last):
...
discourse.errors.ParameterError: invalid regular expression '(': missing ), ...
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.errors import ParameterError
from discourse.text.index import TokenIndex, token_index
from discourse.text.tokenize import tokenize

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = [
    "MATCH_FIELDS",
    "Matches",
    "Pattern",
    "drop_nested",
    "find",
    "parse_pattern",
    "unique_spans",
]

MATCH_FIELDS = ("lemma", "token")
_GLOB = re.compile(r"[*?]")


@dataclass(frozen=True)
class Pattern:
    """A parsed query pattern.

    Attributes
    ----------
    source : str
        The pattern as given.
    words : tuple of str
        One entry per token of a phrase.
    kind : {"exact", "glob", "regex"}
    """

    source: str
    words: tuple[str, ...]
    kind: str


def parse_pattern(pattern: str, *, regex: bool = False) -> Pattern:
    """Parse one pattern; raise :class:`ParameterError` for an empty or invalid one.

    Parameters
    ----------
    pattern : str
        Words separated by white space; see the module documentation.
    regex : bool
        Read each word as a regular expression.
    """
    if not isinstance(pattern, str):
        raise ParameterError(f"a pattern must be a string, got {type(pattern).__name__}")
    source = pattern
    words = tuple(pattern.split()) if regex else tuple(pattern.replace("_", " ").split())
    if not words:
        raise ParameterError(f"empty pattern {source!r}")
    if regex:
        for word in words:
            try:
                re.compile(word)
            except re.error as exc:
                raise ParameterError(f"invalid regular expression {word!r}: {exc}") from None
        return Pattern(source, words, "regex")
    kind = "glob" if any(_GLOB.search(w) for w in words) else "exact"
    if kind == "exact":
        words = tuple(part for w in words for part in _as_tokens(w))
    return Pattern(source, words, kind)


def _as_tokens(word: str) -> list[str]:
    """The tokens the tokenizer makes of an exact pattern word (``c++`` → c, +, +).

    A word ending in a hyphen is read as a suspended compound part (``tros-`` in "tros- og
    livssynssamfunn"), which the tokenizer keeps whole before *og*/*eller*.
    """
    if word.endswith("-") and len(word) > 1:
        parts = tokenize(word + " og")[2].tolist()[:-1]
    else:
        parts = tokenize(word)[2].tolist()
    return parts if len(parts) > 1 else [word]


@dataclass(frozen=True)
class Matches:
    """Pattern hits as token row spans of a token table.

    Attributes
    ----------
    start, stop : ndarray of int
        First row and one past the last row of each hit, sorted by ``start``.
    pattern : ndarray of int
        Index into ``patterns`` of the pattern that matched (the first one listed when
        several match the same span).
    patterns : list of Pattern
    """

    start: np.ndarray
    stop: np.ndarray
    pattern: np.ndarray
    patterns: list[Pattern]

    def __len__(self) -> int:
        return len(self.start)


@lru_cache(maxsize=64)
def _lemmatizer(lang: str, method: str, corrections: tuple[tuple[str, str], ...]):
    from discourse.text.lemmatize import Lemmatizer

    return Lemmatizer(lang, method, dict(corrections))


def _lemma_candidates(tokens: Tokens, word: str) -> dict[str, str]:
    """The lemma of an exact pattern word in each corpus language the lemmatiser knows."""
    settings = tokens.settings
    if settings.lemmatizer == "none":
        return {}
    documents = tokens.documents
    langs = token_index(tokens).cached_mask(
        ("document languages", id(documents)),
        lambda: sorted(set(documents["lang"].dropna().astype(str))),
    )
    corrections = tuple(sorted((settings.lemmas or {}).items()))
    lowered = word.casefold()
    return {
        lang: _lemmatizer(lang, settings.lemmatizer, corrections)(lowered)
        for lang in langs
        if lang in ("nb", "nn", "en")
    }


def _cased_types(index: TokenIndex, field: str) -> dict[str, list[str]]:
    """Values of ``field`` with capitals (proper-noun lemmas, "Hagen"), by ``casefold``."""

    def make() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for t in index.types(field).tolist():
            if t != t.lower():
                out.setdefault(t.casefold(), []).append(t)
        return out

    return index.cached_mask(("cased types", field), make)


def _exact_candidates(tokens: Tokens, word: str, field: str) -> list[str]:
    if field == "surface":
        return [word]
    found = {word.casefold()}
    if field == "lemma":
        found.update(_lemma_candidates(tokens, word).values())
        # proper nouns keep their case as lemma: "hagen" and "Hagen" both find "Hagen"
        cased = _cased_types(token_index(tokens), field)
        found.update(t for w in list(found) for t in cased.get(w.casefold(), ()))
    return sorted(found)


def _row_languages(tokens: Tokens, index: TokenIndex) -> tuple[np.ndarray, list[str]]:
    """A language code per row of the token table (-1: none) and the languages."""

    def make() -> tuple[np.ndarray, list[str]]:
        langs = tokens.documents.set_index("doc_id")["lang"].astype(object)
        doc_names = tokens.table["doc_id"].cat.categories.astype(str)
        per_doc = langs.reindex(doc_names).to_numpy(dtype=object)
        codes, names = pd.factorize(pd.Series(per_doc, dtype=object))
        doc_codes = np.asarray(tokens.table["doc_id"].array.codes)
        row_lang = np.where(doc_codes >= 0, codes[np.maximum(doc_codes, 0)], -1)
        return row_lang.astype(np.int64), [str(n) for n in names]

    return index.cached_mask(("row languages", id(tokens.documents)), make)


def _language_filter(tokens: Tokens, index: TokenIndex, field: str, word: str, kind: str):
    """Which candidate rows of an exact lemma word match in their own language.

    For an exact word matched on lemmas in a corpus of several languages: a function of
    rows (already known to hold a candidate lemma) that keeps a lemmatiser's lemma only
    in documents of its language. None when every candidate may match everywhere.
    """
    if kind != "exact" or field != "lemma":
        return None
    by_lang = _lemma_candidates(tokens, word)
    literal = word.casefold()
    if len(set(by_lang.values()) - {literal}) == 0:
        return None
    row_lang, names = _row_languages(tokens, index)
    if len(names) < 2:
        return None
    codes = index.codes(field)
    types = index.types(field)
    # allowed[lang][type]: the literal word everywhere, a language's lemma in that language
    allowed = np.zeros((len(names) + 1, len(types)), dtype=bool)  # last row: no language
    literals = [literal, *_cased_types(index, field).get(literal, ())]
    allowed[:, index.codes_of(field, literals)] = True
    for i, name in enumerate(names):
        if name in by_lang:
            allowed[i, index.codes_of(field, [by_lang[name]])] = True

    def keep(rows: np.ndarray) -> np.ndarray:
        lang = row_lang[rows]
        return allowed[np.where(lang >= 0, lang, len(names)), codes[rows]]

    return keep


def _type_mask(tokens: Tokens, index: TokenIndex, field: str, word: str, kind: str) -> np.ndarray:
    """Which types of ``field`` match one pattern word (kept per word on the index)."""
    return index.cached_mask(
        (field, kind, word), lambda: _build_type_mask(tokens, index, field, word, kind)
    )


def _literal_prefix(word: str, kind: str) -> str:
    """The fixed start of a glob (``innovasj`` for ``innovasj*``); empty for a regex."""
    if kind != "glob":
        return ""
    m = _GLOB.search(word)
    prefix = word[: m.start()] if m else word
    return "" if "[" in prefix else prefix


def _build_type_mask(
    tokens: Tokens, index: TokenIndex, field: str, word: str, kind: str
) -> np.ndarray:
    types = index.types(field)
    mask = np.zeros(len(types), dtype=bool)
    if kind == "exact":
        mask[index.codes_of(field, _exact_candidates(tokens, word, field))] = True
        return mask
    text = word if kind == "regex" else fnmatch.translate(word)
    flags = 0 if field == "surface" else re.IGNORECASE
    matcher = re.compile(text, flags).fullmatch
    prefix = _literal_prefix(word, kind)
    if prefix:
        # only types that start with the literal prefix can match (binary search), and,
        # where a field has values with capitals (proper-noun lemmas), those values
        candidates = index.prefix_codes(field, prefix if field == "surface" else prefix.lower())
        if field != "surface" and not index.is_lower(field):
            cased = [t for ts in _cased_types(index, field).values() for t in ts]
            candidates = np.union1d(candidates, index.codes_of(field, cased))
        values = types[candidates].tolist()
        mask[candidates] = [matcher(t) is not None for t in values]
        return mask
    mask[:] = [matcher(t) is not None for t in types.tolist()]
    return mask


def find(
    tokens: Tokens,
    patterns: str | Sequence[str],
    *,
    match: str = "lemma",
    case_sensitive: bool = False,
    regex: bool = False,
) -> Matches:
    """Find every hit of one or more patterns in a token table.

    Parameters
    ----------
    tokens : Tokens
        The tokens to search (select them first to filter by role or metadata).
    patterns : str or sequence of str
        See the module documentation.
    match : {"lemma", "token"}
        Match lemmas or word forms.
    case_sensitive : bool
        Match word forms case-sensitively (ignored for lemmas, which are lower case).
    regex : bool
        Read pattern words as regular expressions.

    Returns
    -------
    Matches
        Hits as row spans of ``tokens.table``; the same span found by two patterns is
        reported once. Phrases never cross a segment boundary.

    Examples
    --------
    >>> hits = find(tokens, ["pilot*", "felles eierskap"])  # doctest: +SKIP
    >>> tokens.table.iloc[hits.start]  # doctest: +SKIP
    """
    if match not in MATCH_FIELDS:
        raise ParameterError(f"match must be one of {', '.join(MATCH_FIELDS)}, got {match!r}")
    sources = [patterns] if isinstance(patterns, str) else list(patterns)
    if not sources:
        raise ParameterError("no patterns given")
    parsed = [parse_pattern(p, regex=regex) for p in sources]
    field = "lemma" if match == "lemma" else ("surface" if case_sensitive else "norm")
    index = token_index(tokens)
    codes = index.codes(field)
    starts, stops, which = [], [], []
    for p_i, pattern in enumerate(parsed):
        masks = [_type_mask(tokens, index, field, w, pattern.kind) for w in pattern.words]
        in_lang = [_language_filter(tokens, index, field, w, pattern.kind) for w in pattern.words]
        rows = index.rows(field, np.flatnonzero(masks[0]))
        if in_lang[0] is not None and rows.size:
            rows = rows[in_lang[0](rows)]
        n = len(pattern.words)
        if n > 1 and rows.size:
            rows = rows[rows + n - 1 < index.n_rows]
            for j in range(1, n):
                nxt = rows + j
                code = codes[nxt]
                ok = (code >= 0) & (index.seg_codes[nxt] == index.seg_codes[rows])
                ok[ok] = masks[j][code[ok]]
                if in_lang[j] is not None:
                    ok[ok] = in_lang[j](nxt[ok])
                rows = rows[ok]
        starts.append(rows)
        stops.append(rows + n)
        which.append(np.full(rows.size, p_i, dtype=np.int64))
    return unique_spans(
        np.concatenate(starts), np.concatenate(stops), np.concatenate(which), parsed
    )


def unique_spans(
    start: np.ndarray, stop: np.ndarray, pattern: np.ndarray, patterns: list[Pattern]
) -> Matches:
    """Hits sorted by start, stop and pattern, each span once (the first pattern wins)."""
    order = np.lexsort((pattern, stop, start))
    start, stop, pattern = start[order], stop[order], pattern[order]
    if start.size > 1:
        keep = np.ones(start.size, dtype=bool)
        keep[1:] = (start[1:] != start[:-1]) | (stop[1:] != stop[:-1])
        start, stop, pattern = start[keep], stop[keep], pattern[keep]
    return Matches(start, stop, pattern, patterns)


def drop_nested(matches: Matches) -> Matches:
    """Drop hits that lie inside a longer hit (``"sosial verdiskaping"`` hides ``verdiskaping``).

    Use this to count each token once per category when entries overlap.
    """
    if len(matches) < 2:
        return matches
    # a hit is nested if an earlier-or-equal-starting hit reaches at least as far
    order = np.lexsort((-matches.stop, matches.start))
    start, stop = matches.start[order], matches.stop[order]
    reach = np.maximum.accumulate(stop)
    keep = np.ones(start.size, dtype=bool)
    keep[1:] = stop[1:] > reach[:-1]
    kept = np.sort(order[keep])
    return Matches(matches.start[kept], matches.stop[kept], matches.pattern[kept], matches.patterns)
