"""An inverted index over a token table: token rows by lemma or word form.

Built once per :class:`~discourse.text.preprocess.Tokens` (see :func:`token_index`), it
answers "which rows hold these types?" without rescanning the table, so the cost of a
query grows with its hits, not with the corpus. Three fields are indexed:

``lemma``
    The ``lemma`` column (lower case).
``norm``
    The normalised word form (lower case, unified quotes and dashes): case-insensitive
    matching of word forms.
``surface``
    The word form exactly as written: case-sensitive matching.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({
...     "seg_id": pd.Categorical(["s1", "s1", "s1", "s2"]),
...     "surface": pd.Categorical(["Pilot", "og", "piloten", "Pilot"]),
...     "norm": pd.Categorical(["pilot", "og", "piloten", "pilot"]),
...     "lemma": pd.Categorical(["pilot", "og", "pilot", "pilot"]),
... })
>>> index = TokenIndex(table)
>>> index.rows("lemma", index.codes_of("lemma", ["pilot"])).tolist()
[0, 2, 3]
>>> index.rows("surface", index.codes_of("surface", ["Pilot"])).tolist()
[0, 3]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from discourse.text.preprocess import Tokens

__all__ = ["FIELDS", "TokenIndex", "token_index"]

FIELDS = ("lemma", "norm", "surface")


class _Field:
    __slots__ = ("codes", "lookup", "offsets", "order", "types")

    def __init__(self, column: pd.Series) -> None:
        cat = column.cat
        self.types = np.asarray(cat.categories, dtype=object)
        self.codes = cat.codes.to_numpy()
        self.lookup: dict[str, int] | None = None
        # rows sorted by type code; a stable sort keeps rows in corpus order per type
        valid = self.codes >= 0
        self.order = np.flatnonzero(valid)[np.argsort(self.codes[valid], kind="stable")]
        counts = np.bincount(self.codes[valid], minlength=len(self.types))
        self.offsets = np.concatenate([[0], np.cumsum(counts)])


class TokenIndex:
    """Token rows by type, for the ``lemma``, ``norm`` and ``surface`` fields.

    Parameters
    ----------
    table : DataFrame
        A token table with categorical ``seg_id`` and the indexed columns. Fields are
        built on first use.

    Attributes
    ----------
    n_rows : int
        Rows in the indexed table.
    seg_codes : ndarray
        The segment code of every row (phrases never cross a segment).
    """

    def __init__(self, table: pd.DataFrame) -> None:
        self._table = table
        self._fields: dict[str, _Field] = {}
        self.n_rows = len(table)
        self.seg_codes = table["seg_id"].cat.codes.to_numpy()

    def _field(self, field: str) -> _Field:
        if field not in FIELDS:
            raise ParameterError(f"unknown index field {field!r}; use one of {', '.join(FIELDS)}")
        if field not in self._fields:
            self._fields[field] = _Field(self._table[field])
        return self._fields[field]

    def build(self, fields: Iterable[str] = FIELDS) -> TokenIndex:
        """Build the given fields now (they are otherwise built on first use)."""
        for field in fields:
            self._field(field)
        return self

    def types(self, field: str) -> np.ndarray:
        """The distinct values of ``field``, indexed by type code."""
        return self._field(field).types

    def codes(self, field: str) -> np.ndarray:
        """The type code of every row (``-1`` for a missing value)."""
        return self._field(field).codes

    def frequency(self, field: str) -> np.ndarray:
        """Rows per type code."""
        return np.diff(self._field(field).offsets)

    def codes_of(self, field: str, values: Iterable[str]) -> np.ndarray:
        """Type codes of the given exact values (values absent from the corpus are skipped)."""
        f = self._field(field)
        if f.lookup is None:
            f.lookup = {str(v): i for i, v in enumerate(f.types)}
        found = [f.lookup[v] for v in values if v in f.lookup]
        return np.asarray(sorted(set(found)), dtype=np.int64)

    def rows(self, field: str, type_codes: np.ndarray) -> np.ndarray:
        """Sorted row numbers of every token whose type is in ``type_codes``."""
        f = self._field(field)
        codes = np.asarray(type_codes, dtype=np.int64)
        if codes.size == 0:
            return np.empty(0, dtype=np.int64)
        if codes.size == 1:
            c = int(codes[0])
            return f.order[f.offsets[c] : f.offsets[c + 1]].astype(np.int64)
        parts = [f.order[f.offsets[c] : f.offsets[c + 1]] for c in codes]
        return np.sort(np.concatenate(parts)).astype(np.int64)


def token_index(tokens: Tokens) -> TokenIndex:
    """The index of ``tokens``, built once and kept for as long as its table lives.

    Examples
    --------
    >>> index = token_index(tokens)  # doctest: +SKIP
    >>> index is token_index(tokens)  # doctest: +SKIP
    True
    """
    index: TokenIndex | None = getattr(tokens, "_token_index", None)
    if index is None or index._table is not tokens.table:
        index = TokenIndex(tokens.table)
        tokens._token_index = index  # type: ignore[attr-defined]
    return index
