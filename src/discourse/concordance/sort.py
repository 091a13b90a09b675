"""AntConc-style sorting of concordance lines: by the words around the keyword.

A sort key names a position relative to the keyword: ``L1`` is the first word to its
left, ``L2`` the second, and so on; ``K`` is the keyword itself; ``R1``, ``R2``, … the
words to its right. Several keys sort on several levels (``("R1", "R2")``: by the next
word, then by the one after). The sort is stable: lines that tie on every key keep
their order in the corpus.

Words are counted as in the window: every token except punctuation. Keys compare word
forms case-insensitively (``by="surface"``, AntConc's default) or lemmas
(``by="lemma"``, which groups "pilot", "piloten" and "pilotene"). A missing word (the
keyword stands at the edge of the document or, with ``within="turn"``, of its turn)
sorts first. Letters sort in Norwegian order: … x, y, z, æ, ø, å.

Examples
--------
>>> parse_sort_keys("R1, R2")
('R1', 'R2')
>>> parse_sort_keys(["L1", "K"])
('L1', 'K')
>>> collation_key("Årstid") > collation_key("Ørn") > collation_key("zebra")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from discourse.errors import ParameterError
from discourse.text.index import Layout, TokenIndex

__all__ = ["SORT_BY", "collation_key", "parse_sort_keys", "sort_order"]

SORT_BY = ("surface", "lemma")
_KEY = re.compile(r"^(?:K|[LR][1-9][0-9]?)$")
# æ, ø, å come after z in Norwegian and Danish (ä and ö sort with æ and ø); the
# characters after "z" in ASCII stand in for them, other accents are ignored (é as e)
_NORDIC = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def collation_key(value: str) -> str:
    """A sort key for a word: case-insensitive, accents ignored, æ, ø, å after z."""
    text = unicodedata.normalize("NFD", value.lower().translate(_NORDIC))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def parse_sort_keys(keys: str | Sequence[str] | None) -> tuple[str, ...]:
    """Validate sort keys given as ``"R1,R2"`` or a sequence such as ``("L1",)``.

    Raises
    ------
    ParameterError
        For an unknown key (keys are ``K``, ``L1``…``L99``, ``R1``…``R99``).
    """
    if keys is None:
        return ()
    if isinstance(keys, str):
        keys = [k for k in re.split(r"[\s,]+", keys) if k]
    parsed = tuple(str(k).strip().upper() for k in keys)
    bad = [k for k in parsed if not _KEY.match(k)]
    if bad or not parsed:
        raise ParameterError(
            f"sort: unknown key(s) {', '.join(map(repr, bad)) or '(none given)'}; use K for the "
            "keyword, L1, L2, ... for words to its left and R1, R2, ... for words to its right, "
            'for example sort=("R1", "R2")'
        )
    return parsed


def _type_ranks(index: TokenIndex, field: str) -> np.ndarray:
    """Rank of every type of ``field`` in collation order (kept on the index)."""

    def make() -> np.ndarray:
        types = index.types(field).tolist()
        order = sorted(range(len(types)), key=lambda i: (collation_key(types[i]), types[i]))
        ranks = np.empty(len(types), dtype=np.int64)
        ranks[order] = np.arange(len(types))
        return ranks

    return index.cached_mask(("ranks", field), make)


def sort_order(
    index: TokenIndex,
    layout: Layout,
    start: np.ndarray,
    stop: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    keys: Sequence[str],
    by: str = "surface",
) -> np.ndarray:
    """The stable order of hits under the sort keys.

    Parameters
    ----------
    index, layout : TokenIndex, Layout
        Of the token table the hits index.
    start, stop : ndarray
        Row spans of the hits.
    lo, hi : ndarray
        The rows each hit's context may use (its document or segment).
    keys : sequence of str
        Parsed sort keys (:func:`parse_sort_keys`).
    by : {"surface", "lemma"}
        Compare word forms (case-insensitive) or lemmas.

    Returns
    -------
    ndarray of int
        Positions into the hits, in sorted order.
    """
    if by not in SORT_BY:
        raise ParameterError(f"sort_by must be one of {', '.join(SORT_BY)}, got {by!r}")
    field = "norm" if by == "surface" else "lemma"
    codes = index.codes(field)
    ranks = _type_ranks(index, field)
    cb, rows = layout.counted_before, layout.counted_rows
    n = len(start)

    def rank_at(row_idx: np.ndarray, valid: np.ndarray) -> np.ndarray:
        out = np.full(n, -1, dtype=np.int64)
        if valid.any():
            code = codes[row_idx[valid]]
            out[valid] = np.where(code >= 0, ranks[np.maximum(code, 0)], -1)
        return out

    columns: list[np.ndarray] = []
    for key in keys:
        if key == "K":
            width = int((stop - start).max()) if n else 1
            for j in range(width):
                valid = start + j < stop
                columns.append(rank_at(np.where(valid, start + j, 0), valid))
            continue
        k = int(key[1:])
        if key[0] == "L":
            idx = cb[start] - k
            valid = idx >= cb[lo]
        else:
            idx = cb[stop] + k - 1
            valid = idx < cb[hi]
        safe = np.clip(idx, 0, max(len(rows) - 1, 0))
        columns.append(rank_at(rows[safe] if len(rows) else safe, valid))
    # np.lexsort sorts by the last key first; the hit number breaks remaining ties
    return np.lexsort([np.arange(n), *reversed(columns)])
