"""Which segments a concordance or collocation query looks at.

The default is the analyst's usual view of interviews: what respondents said, plus the
paragraphs of non-transcript documents (policy papers have no speakers). Interviewer
turns and header lines (``Dato:``, ``Sted:`` before the first turn) are left out.

``roles``
    Turns of these roles are kept (default ``("respondent",)``); paragraphs are always
    kept, because they have no role. ``roles=None`` keeps every segment, interviewer
    turns and headers included.
``exclude_roles``
    Turns of these roles are dropped (applied after ``roles``).
``where``
    Segment or metadata column → value or list of values, for example
    ``{"actor_type": "entrepreneur"}`` or ``{"unit": "turn"}``.
``docs``
    Document ids to keep.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({
...     "doc_id": ["a", "a", "a", "p"], "seg_id": ["a:1", "a:2", "a:3", "p:1"],
...     "unit": ["header", "turn", "turn", "paragraph"],
...     "role": ["other", "interviewer", "respondent", None],
... })
>>> segment_mask(seg).tolist()
[False, False, True, True]
>>> segment_mask(seg, roles=None).tolist()
[True, True, True, True]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    from discourse.text.index import Layout, TokenIndex
    from discourse.text.preprocess import Tokens

__all__ = ["DEFAULT_ROLES", "SearchScope", "cached_segment_mask", "search_scope", "segment_mask"]

#: Turns kept by default: respondents' (paragraphs are always kept).
DEFAULT_ROLES: tuple[str, ...] = ("respondent",)
_ROLES = ("interviewer", "respondent", "other")


def _as_list(value: Any) -> list:
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series)):
        return list(value)
    return [value]


def _check_roles(name: str, roles: Iterable[str]) -> list[str]:
    roles = _as_list(roles)
    unknown = [r for r in roles if r not in _ROLES]
    if unknown:
        raise ParameterError(
            f"{name}: unknown role(s) {', '.join(map(repr, unknown))}; use {', '.join(_ROLES)}"
        )
    return roles


def segment_mask(
    segments: pd.DataFrame,
    *,
    roles: Iterable[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Iterable[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    docs: Iterable[str] | str | None = None,
) -> np.ndarray:
    """A boolean mask over ``segments`` rows for the filters described above.

    Raises
    ------
    ParameterError
        For an unknown role, ``where`` column, ``where`` value or document id.
    """
    keep = np.ones(len(segments), dtype=bool)
    role = segments["role"]
    if roles is not None:
        wanted = _check_roles("roles", roles)
        keep &= (segments["unit"] == "paragraph").to_numpy() | role.isin(wanted).to_numpy()
    if exclude_roles is not None:
        keep &= ~role.isin(_check_roles("exclude_roles", exclude_roles)).to_numpy()
    if where is not None and not isinstance(where, Mapping):
        raise ParameterError(
            f"where must be a mapping of column to value(s), got {type(where).__name__}"
        )
    for column, value in (where or {}).items():
        if column not in segments.columns or column in ("text", "char_start", "char_end"):
            columns = [c for c in segments.columns if c not in ("text", "char_start", "char_end")]
            raise ParameterError(
                f"where: unknown column {column!r}; available: {', '.join(columns)}"
            )
        col = segments[column].astype("string")
        values = [str(v) for v in _as_list(value)]
        present = set(col.dropna().unique())
        missing = [v for v in values if v not in present]
        if missing:
            shown = ", ".join(sorted(present)[:20]) + (" ..." if len(present) > 20 else "")
            raise ParameterError(
                f"where: no segment has {column} = {', '.join(map(repr, missing))}; "
                f"values present: {shown}"
            )
        keep &= col.isin(values).fillna(False).to_numpy(dtype=bool)
    if docs is not None:
        wanted_docs = [str(d) for d in _as_list(docs)]
        known = set(segments["doc_id"].astype(str))
        missing = [d for d in wanted_docs if d not in known]
        if missing:
            raise ParameterError(f"docs: unknown document id(s) {', '.join(map(repr, missing))}")
        keep &= segments["doc_id"].astype(str).isin(wanted_docs).to_numpy()
    return keep


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series)):
        return tuple(_freeze(v) for v in value)
    return value


def cached_segment_mask(index: Any, segments: pd.DataFrame, **filters: Any) -> np.ndarray:
    """:func:`segment_mask`, kept on a token index per set of filters.

    Repeated queries with the same filters then cost nothing per segment, so a query's
    cost grows with its hits only.
    """
    try:
        key = ("segments", id(segments), len(segments), _freeze(filters))
        hash(key)
    except TypeError:
        return segment_mask(segments, **filters)
    return index.cached_mask(key, lambda: segment_mask(segments, **filters))


@dataclass(frozen=True)
class SearchScope:
    """The segments a query searches, with the token index and layout it runs on.

    Attributes
    ----------
    index : TokenIndex
    layout : Layout
    segments : DataFrame
        ``tokens.corpus.segments``.
    seg_keep : ndarray of bool
        One flag per row of ``segments``: searched or not.
    """

    index: TokenIndex
    layout: Layout
    segments: pd.DataFrame
    seg_keep: np.ndarray

    def segment_rows(self, rows: np.ndarray) -> np.ndarray:
        """The ``segments`` row of each token row."""
        return self.layout.seg_rows[self.index.seg_codes[rows]]

    def hits(self, starts: np.ndarray) -> np.ndarray:
        """Which hits (by their first token row) start in a searched segment."""
        if not len(starts):
            return np.zeros(0, dtype=bool)
        return self.seg_keep[self.segment_rows(starts)]


def search_scope(
    tokens: Tokens,
    *,
    roles: Iterable[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Iterable[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    docs: Iterable[str] | str | None = None,
) -> SearchScope:
    """The :class:`SearchScope` of ``tokens`` for the filters described above.

    The one place where :func:`~discourse.kwic`, :func:`~discourse.collocates` and
    :func:`~discourse.dispersion` decide which segments they search.

    Raises
    ------
    ParameterError
        As :func:`segment_mask`.
    """
    from discourse.text.index import token_index

    index = token_index(tokens)
    segments = tokens.corpus.segments
    seg_keep = cached_segment_mask(
        index, segments, roles=roles, exclude_roles=exclude_roles, where=where, docs=docs
    )
    return SearchScope(index, index.layout(segments), segments, seg_keep)
