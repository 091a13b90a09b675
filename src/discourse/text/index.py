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
``term``
    The modelling term (lemma or joined phrase; filtered tokens are not indexed).

When the tokens came from (or went to) the preprocessing cache, each field's row order
is saved next to the cached table (``<entry>/index/<field>.npz``) the first time it is
built and read from there afterwards, so the index is built once per cached ``Tokens``.
A selected subset (:meth:`~discourse.text.preprocess.Tokens.select`) is indexed in
memory only. :meth:`TokenIndex.layout` adds the arrays a concordance needs: where
documents and segments begin, and a running count of non-punctuation tokens.

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

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from discourse.text.preprocess import Tokens

__all__ = ["FIELDS", "Layout", "TokenIndex", "token_index"]

FIELDS = ("lemma", "norm", "surface", "term")
_INDEX_VERSION = 1


class _Field:
    __slots__ = ("codes", "lookup", "offsets", "order", "sorted_types", "types")

    def __init__(self, column: pd.Series, saved: Path | None = None) -> None:
        cat = column.cat
        self.types = np.asarray(cat.categories, dtype=object)
        self.codes = cat.codes.to_numpy()
        self.lookup: dict[str, int] | None = None
        self.sorted_types: tuple[list[str], np.ndarray] | None = None
        if saved is not None and self._load(saved):
            return
        # rows sorted by type code; a stable sort keeps rows in corpus order per type
        valid = self.codes >= 0
        order = np.flatnonzero(valid)[np.argsort(self.codes[valid], kind="stable")]
        # row numbers fit 32 bits in any corpus this package reads; half the memory and disk
        self.order = order.astype(np.int32) if len(self.codes) < 2**31 else order
        counts = np.bincount(self.codes[valid], minlength=len(self.types))
        self.offsets = np.concatenate([[0], np.cumsum(counts)])
        if saved is not None:
            self._save(saved)

    def _load(self, path: Path) -> bool:
        """Read a saved row order; False if it is missing or does not fit this table."""
        if not path.is_file():
            return False
        try:
            with np.load(path, allow_pickle=False) as data:
                order, offsets = data["order"], data["offsets"]
                version = int(data["version"])
        except (OSError, ValueError, KeyError):
            return False
        n_valid = int((self.codes >= 0).sum())
        if (
            version != _INDEX_VERSION
            or offsets.shape != (len(self.types) + 1,)
            or order.shape != (n_valid,)
            or int(offsets[-1]) != n_valid
        ):
            return False
        self.order, self.offsets = order, offsets
        return True

    def _save(self, path: Path) -> None:
        """Write the row order atomically; a read-only cache just goes without."""
        try:
            path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, order=self.order, offsets=self.offsets, version=_INDEX_VERSION)
            os.replace(tmp, path)
        except OSError:
            pass

    def prefix_range(self, prefix: str) -> np.ndarray:
        """Type codes whose value starts with ``prefix`` (binary search in sorted types)."""
        import bisect

        if self.sorted_types is None:
            order = np.argsort(self.types.astype(str), kind="stable")
            self.sorted_types = (self.types[order].tolist(), order)
        values, order = self.sorted_types
        lo = bisect.bisect_left(values, prefix)
        hi = bisect.bisect_left(values, prefix + "\U0010ffff")
        return order[lo:hi]


@dataclass(frozen=True)
class Layout:
    """Where documents and segments begin, and a running count of context tokens.

    Attributes
    ----------
    doc_starts, seg_starts : ndarray
        First row of each run of equal ``doc_id`` / ``seg_id``, followed by ``n_rows``.
    counted_before : ndarray, shape (n_rows + 1,)
        Non-punctuation tokens in the rows before each row (windows count these).
    counted_rows : ndarray
        The rows of the non-punctuation tokens, in order.
    seg_rows : ndarray
        For each ``seg_id`` code, its row in ``corpus.segments`` (-1 if absent).
    """

    doc_starts: np.ndarray
    seg_starts: np.ndarray
    counted_before: np.ndarray
    counted_rows: np.ndarray
    seg_rows: np.ndarray


def _run_starts(codes: np.ndarray) -> np.ndarray:
    n = len(codes)
    starts = np.flatnonzero(np.diff(codes)) + 1 if n else np.empty(0, np.int64)
    return np.concatenate([[0] if n else [], starts, [n]]).astype(np.int64)


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
        self._layout: Layout | None = None
        self._layout_segments: pd.DataFrame | None = None
        self._masks: dict[tuple, np.ndarray] = {}
        self.n_rows = len(table)
        self.seg_codes = table["seg_id"].cat.codes.to_numpy()
        #: folder where built fields are saved (set by :func:`token_index`), or None
        self.save_dir: Path | None = None

    def _field(self, field: str) -> _Field:
        if field not in FIELDS:
            raise ParameterError(f"unknown index field {field!r}; use one of {', '.join(FIELDS)}")
        if field not in self._fields:
            saved = self.save_dir / f"{field}.npz" if self.save_dir is not None else None
            self._fields[field] = _Field(self._table[field], saved)
        return self._fields[field]

    def prefix_codes(self, field: str, prefix: str) -> np.ndarray:
        """Type codes of ``field`` whose value starts with ``prefix`` (case as given)."""
        return self._field(field).prefix_range(prefix)

    def is_lower(self, field: str) -> bool:
        """Whether every value of ``field`` is lower case (norm is; lemma has proper nouns)."""
        key = ("is_lower", field)
        if key not in self._masks:
            types = self.types(field)
            self._masks[key] = np.array(all(t == t.lower() for t in types.tolist()))
        return bool(self._masks[key])

    def cached_mask(self, key: tuple, make) -> np.ndarray:
        """A type mask kept per query word (``make()`` computes it the first time)."""
        mask = self._masks.get(key)
        if mask is None:
            if len(self._masks) >= 256:
                self._masks.clear()
            mask = self._masks[key] = make()
        return mask

    def layout(self, segments: pd.DataFrame | None = None) -> Layout:
        """Document and segment runs and counted (non-punctuation) tokens, built once.

        Parameters
        ----------
        segments : DataFrame, optional
            ``corpus.segments``, to map segment codes to its rows.
        """
        if self._layout is None or (segments is not None and self._layout_segments is not segments):
            t = self._table
            punct = (t["kind"] == "punct").to_numpy() if "kind" in t else np.zeros(0, bool)
            counted = ~punct if len(punct) == self.n_rows else np.ones(self.n_rows, bool)
            before = np.zeros(self.n_rows + 1, np.int64)
            np.cumsum(counted, out=before[1:])
            if segments is not None:
                seg_rows = pd.Index(segments["seg_id"]).get_indexer(t["seg_id"].cat.categories)
            else:  # without the segments table, segment codes stand for its rows
                seg_rows = np.arange(len(t["seg_id"].cat.categories))
            self._layout_segments = segments
            self._layout = Layout(
                doc_starts=_run_starts(t["doc_id"].cat.codes.to_numpy()),
                seg_starts=_run_starts(self.seg_codes),
                counted_before=before,
                counted_rows=np.flatnonzero(counted),
                seg_rows=np.asarray(seg_rows, np.int64),
            )
        return self._layout

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
        index.save_dir = _save_dir(tokens)
        tokens._token_index = index  # type: ignore[attr-defined]
    return index


def _save_dir(tokens: Tokens) -> Path | None:
    """``<cache entry>/index`` if ``tokens`` holds the whole cached table, else None."""
    entry = getattr(tokens, "cache_path", None)
    if entry is None:
        return None
    try:
        n_cached = np.load(Path(entry) / "position.npy", mmap_mode="r").shape[0]
    except (OSError, ValueError):
        return None
    return Path(entry) / "index" if n_cached == len(tokens.table) else None
