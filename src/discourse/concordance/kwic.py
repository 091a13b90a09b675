"""Keyword in context: every hit of a pattern with the words around it, and where it is.

:func:`kwic` is the analyst's verb (quanteda's ``kwic``, AntConc's Concordance):
pattern in, one row per hit out. :func:`concordance` is the lower-level step that turns
:class:`~discourse.text.patterns.Matches` into rows; the lexicon audit uses it too.

Context
-------
The context is the document's own text, with its casing and punctuation, cut by
character offsets (not a string of lemmas). The window counts tokens other than
punctuation, as AntConc counts words: ``window=8`` shows up to eight words each side.
Punctuation between those words is shown; the left context starts at its first word,
the right context runs up to (not including) the next word after the window, so a
closing comma or full stop stays. Line breaks (and runs of white space) are shown as
one space; the exact source
text is always ``corpus.text(doc_id)[char_start:char_end]`` (the keyword).

Windows never cross a document boundary. By default (``within=None``) they run across
turns, so a respondent's answer can show the end of the interviewer's question to its
left, speaker label included, as it stands in the transcript. ``within="turn"`` (or its
synonym ``"segment"``) stops them at the hit's own turn or paragraph.

Hits are searched in every token and then filtered by the segment they start in
(:mod:`discourse.concordance.filters`): respondents' turns and the paragraphs of
non-transcript documents by default. Pass the whole ``Tokens`` (not a ``select``-ed
subset) so that windows see each document's full token sequence.

Examples
--------
>>> import discourse as dc
>>> tokens = dc.preprocess(dc.read_corpus("data/raw/demo"))  # doctest: +SKIP
>>> dc.kwic(tokens, "pilot", window=6, sort=("R1",))         # doctest: +SKIP
>>> dc.kwic(tokens, ["innovasj*", "felles eierskap"], where={"actor_type": "entrepreneur"})
...     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.concordance.filters import DEFAULT_ROLES, search_scope
from discourse.concordance.sort import parse_sort_keys, sort_order
from discourse.errors import ParameterError
from discourse.text.index import Layout, TokenIndex, token_index
from discourse.text.patterns import Matches, find, parse_pattern, unique_spans

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["KWIC_COLUMNS", "WITHIN", "concordance", "kwic", "metadata_columns"]

#: The leading columns of every concordance table; document metadata follows.
KWIC_COLUMNS = [
    "doc_id",
    "seg_id",
    "speaker",
    "role",
    "time",
    "left",
    "keyword",
    "right",
    "char_start",
    "char_end",
    "pattern",
]
#: Values of ``within``: None (the document) or the hit's own segment.
WITHIN = (None, "document", "turn", "segment")
_SEGMENT_CORE = {"doc_id", "seg_id", "unit", "speaker", "role", "time", "text"}
_SEGMENT_CORE |= {"char_start", "char_end"}


def metadata_columns(segments: pd.DataFrame) -> list[str]:
    """The document columns of a segments table (``lang`` and the metadata), in order."""
    return [c for c in segments.columns if c not in _SEGMENT_CORE]


def _check_tokens(tokens: Any) -> Tokens:
    from discourse.text.preprocess import Tokens

    if not isinstance(tokens, Tokens):
        raise ParameterError(f"expected Tokens from dc.preprocess(), got {type(tokens).__name__}")
    return tokens


def _check_window(window: Any, name: str = "window") -> int:
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window <= 0:
        raise ParameterError(f"{name} must be a whole number of tokens >= 1, got {window!r}")
    return int(window)


def _check_within(within: Any) -> str | None:
    if within not in WITHIN:
        raise ParameterError(
            f"within must be None (the document), 'turn' or 'segment', got {within!r}"
        )
    return None if within in (None, "document") else "segment"


def _patterns(pattern: Any) -> list[str]:
    """One pattern, or a list of them (a lexicon category's entries)."""
    if isinstance(pattern, str):
        return [pattern]
    if isinstance(pattern, (set, frozenset)):
        return sorted(pattern)
    if isinstance(pattern, Iterable) and not isinstance(pattern, (bytes, Mapping)):
        return list(pattern)
    raise ParameterError(
        f"pattern must be a string or a list of strings, got {type(pattern).__name__}"
    )


def lexicon_matches(tokens: Tokens, lexicon: Any, category: str) -> Matches:
    """The hits of a lexicon category's entries as :class:`Matches` (entries as patterns).

    Uses :func:`discourse.contrast.hits.lexicon_hits`, so every document is searched
    with the lexicon part for its language and nested entries count once.
    """
    from discourse.contrast.hits import lexicon_hits

    hits = lexicon_hits(tokens, lexicon, [category])
    entries = list(dict.fromkeys(hits["entry"].astype(str)))
    which = {e: i for i, e in enumerate(entries)}
    return unique_spans(
        hits["start"].to_numpy(dtype=np.int64),
        hits["stop"].to_numpy(dtype=np.int64),
        hits["entry"].astype(str).map(which).to_numpy(dtype=np.int64),
        [parse_pattern(e) for e in entries],
    )


def bounds(layout: Layout, start: np.ndarray, within: str | None) -> tuple[np.ndarray, np.ndarray]:
    """First and one-past-last row of the document (or segment) each hit starts in."""
    runs = layout.doc_starts if within is None else layout.seg_starts
    i = np.searchsorted(runs, start, side="right") - 1
    return runs[i], runs[i + 1]


def _windows(
    layout: Layout,
    start: np.ndarray,
    stop: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    window: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each left context and the last row of each right context.

    A left context is empty when its first row equals the hit's start; a right context
    is empty when its last row is before the hit's stop.
    """
    cb, rows = layout.counted_before, layout.counted_rows
    last = max(len(rows) - 1, 0)
    before = cb[start]
    first = np.maximum(before - window, cb[lo])
    left_row = np.where(first < before, rows[np.minimum(first, last)] if len(rows) else 0, start)
    after = cb[stop] + window  # the first counted token past the window
    inside = after < cb[hi]
    right_row = np.where(inside, (rows[np.minimum(after, last)] if len(rows) else 0) - 1, hi - 1)
    return left_row.astype(np.int64), right_row.astype(np.int64)


def _empty(index: TokenIndex, segments: pd.DataFrame) -> pd.DataFrame:
    """A concordance table without rows (built once per index, copied out)."""

    def make() -> pd.DataFrame:
        columns: dict[str, Any] = {c: pd.Series([], dtype="str") for c in KWIC_COLUMNS}
        columns["char_start"] = pd.Series([], dtype="int64")
        columns["char_end"] = pd.Series([], dtype="int64")
        for c in metadata_columns(segments):
            columns[c] = segments[c].iloc[:0].reset_index(drop=True)
        return pd.DataFrame(columns)

    return index.cached_mask(("empty kwic", id(segments)), make).copy()


_LINE_BREAKS = str.maketrans({c: " " for c in "\n\r\t\v\f\x85\u2028\u2029"})


def _one_line(values: list[str]) -> list[str]:
    """Trim, and collapse runs of spaces (line breaks are spaces already: ``_display_texts``)."""
    return [" ".join(v.split()) if "  " in v else v.strip() for v in values]


def _display_texts(index: TokenIndex, table: pd.DataFrame, texts: dict[str, str]) -> list[str]:
    """Each document's text with line breaks and tabs as spaces (same length), by doc code."""

    def make() -> list[str]:
        names = table["doc_id"].cat.categories.tolist()
        return [texts[str(name)].translate(_LINE_BREAKS) for name in names]

    return index.cached_mask(("display texts", id(texts)), make)


def _rows_table(
    tokens: Tokens,
    index: TokenIndex,
    layout: Layout,
    matches: Matches,
    keep: np.ndarray,
    window: int,
    within: str | None,
    sort: tuple[str, ...],
    sort_by: str,
) -> pd.DataFrame:
    segments = tokens.corpus.segments
    start = matches.start[keep]
    stop = matches.stop[keep]
    pattern_of = matches.pattern[keep]
    if start.size == 0:
        return _empty(index, segments)
    lo, hi = bounds(layout, start, within)
    if sort:
        order = sort_order(index, layout, start, stop, lo, hi, sort, sort_by)
        start, stop, pattern_of, lo, hi = (a[order] for a in (start, stop, pattern_of, lo, hi))
    left_row, right_row = _windows(layout, start, stop, lo, hi, window)

    table = tokens.table
    cs = table["char_start"].to_numpy()
    ce = table["char_end"].to_numpy()
    by_code = _display_texts(index, table, tokens.corpus.texts)
    texts = [by_code[d] for d in np.asarray(table["doc_id"].array.codes)[start].tolist()]
    k_start, k_end = cs[start], ce[stop - 1]
    # an empty context is the empty slice at the keyword's edge; the text between the
    # keyword and its context (a speaker label where a turn changes) is kept
    l_start = np.where(left_row < start, cs[left_row], k_start).tolist()
    r_end = np.where(right_row >= stop, ce[right_row], k_end).tolist()
    ks, ke = k_start.tolist(), k_end.tolist()
    lefts = _one_line([t[a:b] for t, a, b in zip(texts, l_start, ks, strict=True)])
    keywords = _one_line([t[a:b] for t, a, b in zip(texts, ks, ke, strict=True)])
    rights = _one_line([t[a:b] for t, a, b in zip(texts, ke, r_end, strict=True)])

    seg_rows = layout.seg_rows[index.seg_codes[start]]
    if (seg_rows < 0).any():
        raise ParameterError("tokens and corpus disagree: a token's segment is not in the corpus")
    meta = metadata_columns(segments)
    columns = ["doc_id", "seg_id", "speaker", "role", "time", *meta]
    sub = index.cached_mask(("kwic columns", id(segments)), lambda: segments[columns])
    seg = sub.take(seg_rows).reset_index(drop=True)
    sources = [p.source for p in matches.patterns]
    if len(sources) == 1:
        pattern = pd.array(np.full(len(ks), sources[0], dtype=object), dtype="str")
    else:
        pattern = pd.array(np.asarray(sources, dtype=object)[pattern_of], dtype="str")
    out = {
        "doc_id": seg["doc_id"].array,
        "seg_id": seg["seg_id"].array,
        "speaker": seg["speaker"].array,
        "role": seg["role"].array,
        "time": seg["time"].array,
        "left": pd.array(lefts, dtype="str"),
        "keyword": pd.array(keywords, dtype="str"),
        "right": pd.array(rights, dtype="str"),
        "char_start": k_start.astype(np.int64),
        "char_end": k_end.astype(np.int64),
        "pattern": pattern,
    }
    for c in meta:
        out[c] = seg[c].array
    return pd.DataFrame(out, copy=False)


def concordance(
    tokens: Tokens,
    matches: Matches,
    window: int = 8,
    within: str | None = None,
    *,
    sort: str | Sequence[str] | None = None,
    sort_by: str = "surface",
) -> pd.DataFrame:
    """Concordance rows for pattern hits: context, provenance and document metadata.

    Parameters
    ----------
    tokens : Tokens
        The tokens ``matches`` index (from :func:`~discourse.text.patterns.find`).
    matches : Matches
        The hits, all of which become rows (filter them first if needed).
    window : int
        Tokens (punctuation not counted) of context each side; default 8.
    within : {None, "turn", "segment"}
        None: windows stop at the document's edges; ``"turn"``/``"segment"``: at the
        edges of the hit's segment.
    sort : str or sequence of str, optional
        Sort keys such as ``("R1", "R2")`` (:mod:`discourse.concordance.sort`); default
        corpus order.
    sort_by : {"surface", "lemma"}
        What the sort keys compare.

    Returns
    -------
    DataFrame
        ``doc_id``, ``seg_id``, ``speaker``, ``role``, ``time``, ``left``, ``keyword``,
        ``right``, ``char_start``, ``char_end`` (the keyword's offsets in
        ``corpus.text(doc_id)``), ``pattern`` (which pattern matched), then ``lang`` and
        the document metadata. No hits: an empty table with these columns.

    Examples
    --------
    >>> from discourse.text.patterns import find
    >>> rows = concordance(tokens, find(tokens, "pilot"), window=5)  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    window = _check_window(window)
    within = _check_within(within)
    keys = parse_sort_keys(sort)
    index = token_index(tokens)
    layout = index.layout(tokens.corpus.segments)
    keep = np.ones(len(matches), dtype=bool)
    return _rows_table(tokens, index, layout, matches, keep, window, within, keys, sort_by)


def kwic(
    tokens: Tokens,
    pattern: str | Sequence[str] | None = None,
    window: int = 8,
    *,
    lexicon: Any = None,
    category: str | None = None,
    match: str = "lemma",
    case_sensitive: bool = False,
    regex: bool = False,
    within: str | None = None,
    roles: Sequence[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Sequence[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    docs: Sequence[str] | str | None = None,
    sort: str | Sequence[str] | None = None,
    sort_by: str = "surface",
) -> pd.DataFrame:
    """Keyword in context: one row per hit of ``pattern``, with its context and provenance.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess` (the whole corpus; filter with the arguments).
    pattern : str or sequence of str
        An exact word, a glob (``innovasj*``, ``*entreprenør*``), a regular expression
        (with ``regex=True``) or a phrase (``"felles eierskap"``,
        ``"sosial* entreprenør*"``); or a list of them, such as a lexicon category's
        entries. See :mod:`discourse.text.patterns`. Leave it out to use ``lexicon``
        and ``category``.
    window : int
        Words of context each side (punctuation is shown but not counted); default 8.
    lexicon, category : Lexicon or str, and str, optional
        Search the entries of a lexicon category instead of ``pattern``
        (``lexicon="institutional-logics", category="entrepreneurial"``). Each document
        is searched with the lexicon part for its language, exactly as
        :func:`discourse.score` counts, and the ``pattern`` column names the entry.
    match : {"lemma", "token"}
        Match lemmas (default: "pilot" finds "piloten" and "pilotene"; an inflected
        exact pattern is lemmatised too) or word forms.
    case_sensitive : bool
        Match word forms case-sensitively (``match="token"`` only).
    regex : bool
        Read each pattern word as a regular expression matching the whole token.
    within : {None, "turn", "segment"}
        Where windows stop: the document (default) or the hit's turn or paragraph.
    roles : sequence of str or None
        Turns of these roles are searched; paragraphs of non-transcript documents
        always are. Default ``("respondent",)``: interviewer turns and header lines are
        skipped. ``None`` searches every segment.
    exclude_roles : sequence of str, optional
        Turns of these roles are skipped.
    where : dict, optional
        Segment or metadata column → value or list of values, for example
        ``{"actor_type": "entrepreneur"}``.
    docs : sequence of str, optional
        Only these documents.
    sort : str or sequence of str, optional
        AntConc-style sort keys, for example ``("R1", "R2")`` or ``("L1",)``; default
        corpus order. The sort is stable.
    sort_by : {"surface", "lemma"}
        Sort on word forms (case-insensitive) or lemmas.

    Returns
    -------
    DataFrame
        See :func:`concordance`. The row order is the sort order (or corpus order).

    Raises
    ------
    ParameterError
        For an invalid regular expression, ``window <= 0``, an unknown ``where`` column
        or value, role, document, sort key or ``match``.

    Examples
    --------
    >>> lines = dc.kwic(tokens, "risiko*", window=6, sort=("L1", "R1"))  # doctest: +SKIP
    >>> lines[["doc_id", "speaker", "left", "keyword", "right"]]         # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    window = _check_window(window)
    within = _check_within(within)
    keys = parse_sort_keys(sort)
    scope = search_scope(tokens, roles=roles, exclude_roles=exclude_roles, where=where, docs=docs)
    if lexicon is not None or category is not None:
        if pattern is not None:
            raise ParameterError("give either a pattern or lexicon= and category=, not both")
        if lexicon is None or category is None:
            raise ParameterError("lexicon= and category= go together")
        matches = lexicon_matches(tokens, lexicon, category)
    else:
        if pattern is None:
            raise ParameterError("no pattern given (or give lexicon= and category=)")
        matches = find(
            tokens, _patterns(pattern), match=match, case_sensitive=case_sensitive, regex=regex
        )
    keep = scope.hits(matches.start)
    return _rows_table(
        tokens, scope.index, scope.layout, matches, keep, window, within, keys, sort_by
    )
