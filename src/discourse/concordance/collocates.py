"""Collocates: the words that keep company with a node word, and how strongly.

Counting (window-based surface co-occurrence, Evert 2005, 2008)
---------------------------------------------------------------
- The **population** is every token other than punctuation in the searched segments
  (respondents' turns and the paragraphs of non-transcript documents by default; the
  same filters as :func:`discourse.kwic`). Its size is ``N``.
- Each hit of the node (a word, pattern or phrase; a hit that lies inside a longer hit
  of another of the node's patterns is the same occurrence and counts once) opens a
  window of ``window`` tokens to its left and to its right (punctuation not counted).
  Windows never cross a
  segment (turn or paragraph), so an interviewer's question never counts among a
  respondent's collocates. The tokens of node hits themselves are not in any window.
- The **window tokens** ``R`` are the tokens in the union of all windows: a token in
  the windows of two nearby hits counts once. Without overlaps and edges,
  ``R = f(node) · span`` with ``span = 2 · window``; in general ``span = R / f(node)``,
  the mean effective window size, and that is the span used below.
- A **collocate** is a lemma. Its observed co-occurrence ``O`` is the number of its
  tokens in the windows; ``f(coll)`` its tokens in the population.
- Candidates are words (not numbers, URLs, e-mail addresses); stopwords are left out
  unless ``stopwords=True`` (a lemma is a stopword when most of its tokens are
  flagged). They still count in ``N`` and ``R``, so the measures do not depend on the
  choice.

Measures (on the 2×2 table of the population: in a window or not × the collocate or
not; Evert 2005, ch. 3)
----------------------------------------------------------------------------
- expected ``E = f(node) · f(coll) · span / N = R · f(coll) / N``;
- ``ll``: log-likelihood ``G² = 2 Σ O_ij ln(O_ij / E_ij)`` over the four cells (Dunning
  1993), given a minus sign when ``O < E`` (fewer co-occurrences than chance);
- ``mi``: pointwise mutual information ``log2(O / E)`` (Church & Hanks 1990);
- ``t``: the t-score ``(O − E) / √O``;
- ``logdice``: ``14 + log2(2·O / (f(node) + f(coll)))`` (Rychlý 2008), which does not
  depend on ``N`` and so compares well across groups of different size.

Only collocates with ``O >= min_freq`` are listed. With ``by=COLUMN`` every measure is
computed within each group (its own ``N``, node hits and windows): contrastive
collocates, side by side with :func:`side_by_side`.

References
----------
Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and
lexicography. *Computational Linguistics* 16(1), 22–29.
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61–74.
Evert, S. (2005). *The Statistics of Word Cooccurrences: Word Pairs and Collocations.*
PhD thesis, University of Stuttgart. Evert, S. (2008). Corpora and collocations. In
Lüdeling & Kytö (eds.), *Corpus Linguistics. An International Handbook*, art. 58.
Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of RASLAN
2008*, 6–9.

Examples
--------
>>> dc.collocates(tokens, "pilot", window=5)                      # doctest: +SKIP
>>> table = dc.collocates(tokens, "risiko", by="actor_type")      # doctest: +SKIP
>>> side_by_side(table, "actor_type", measure="logdice", top=10)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.concordance.filters import DEFAULT_ROLES, search_scope
from discourse.concordance.kwic import _check_tokens, _check_window, _patterns
from discourse.concordance.sort import _type_ranks, collation_key
from discourse.errors import ParameterError
from discourse.text.patterns import drop_nested, find

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["MEASURES", "association", "collocates", "side_by_side"]

MEASURES = ("ll", "mi", "t", "logdice")
_MISSING_GROUP = "(none)"


def association(
    observed: np.ndarray,
    window_tokens: np.ndarray | float,
    coll_freq: np.ndarray,
    node_freq: np.ndarray | float,
    n: np.ndarray | float,
) -> dict[str, np.ndarray]:
    """Expected count and the four association measures from the 2×2 table's margins.

    Parameters
    ----------
    observed : array
        ``O``: the collocate's tokens in the windows.
    window_tokens : array or float
        ``R``: tokens in the windows.
    coll_freq : array
        ``f(coll)``: the collocate's tokens in the population.
    node_freq : array or float
        ``f(node)``: hits of the node.
    n : array or float
        ``N``: tokens in the population.

    Returns
    -------
    dict
        ``expected``, ``ll``, ``mi``, ``t``, ``logdice``.

    Examples
    --------
    >>> m = association(np.array([4.0]), 20.0, np.array([10.0]), 2.0, 200.0)
    >>> float(m["expected"][0]), round(float(m["mi"][0]), 4), round(float(m["logdice"][0]), 4)
    (1.0, 2.0, 13.415)
    """
    o11 = np.asarray(observed, dtype=float)
    r1 = np.broadcast_to(np.asarray(window_tokens, dtype=float), o11.shape)
    c1 = np.asarray(coll_freq, dtype=float)
    nn = np.broadcast_to(np.asarray(n, dtype=float), o11.shape)
    f_node = np.broadcast_to(np.asarray(node_freq, dtype=float), o11.shape)
    o12, o21 = r1 - o11, c1 - o11
    o22 = nn - r1 - c1 + o11
    r2, c2 = nn - r1, nn - c1
    e11, e12, e21, e22 = r1 * c1 / nn, r1 * c2 / nn, r2 * c1 / nn, r2 * c2 / nn

    def term(o: np.ndarray, e: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)

    g2 = 2 * (term(o11, e11) + term(o12, e12) + term(o21, e21) + term(o22, e22))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-13 for a perfect fit
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "expected": e11,
            "ll": np.where(o11 < e11, -g2, g2),
            "mi": np.log2(o11 / e11),
            "t": (o11 - e11) / np.sqrt(o11),
            "logdice": 14 + np.log2(2 * o11 / (f_node + c1)),
        }


def _check_measures(measures: Any) -> tuple[str, ...]:
    if isinstance(measures, str):
        measures = [measures]
    measures = tuple(measures)
    bad = [m for m in measures if m not in MEASURES]
    if bad or not measures:
        raise ParameterError(
            f"measures: unknown {', '.join(map(repr, bad)) or '(none given)'}; "
            f"use any of {', '.join(MEASURES)}"
        )
    return measures


def _check_min_freq(min_freq: Any) -> int:
    if isinstance(min_freq, bool) or not isinstance(min_freq, (int, np.integer)) or min_freq < 1:
        raise ParameterError(f"min_freq must be a whole number >= 1, got {min_freq!r}")
    return int(min_freq)


def _columns(by: str | None, measures: tuple[str, ...]) -> list[str]:
    head = [by] if by else []
    return [
        *head,
        "collocate",
        "observed",
        "expected",
        "collocate_freq",
        "node_freq",
        "window_tokens",
        "corpus_tokens",
        "docs",
        *measures,
    ]


def collocates(
    tokens: Tokens,
    node: str | Sequence[str],
    window: int = 5,
    by: str | None = None,
    measures: Sequence[str] = MEASURES,
    min_freq: int = 3,
    *,
    match: str = "lemma",
    case_sensitive: bool = False,
    regex: bool = False,
    stopwords: bool = False,
    roles: Sequence[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Sequence[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    docs: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """Collocates of a node within ±``window`` tokens, with association measures.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    node : str or sequence of str
        A word, glob, regular expression (``regex=True``) or phrase, or a list of them
        (all hits together form the node); matched as in :func:`discourse.kwic`.
    window : int
        Tokens (not punctuation) each side; default 5.
    by : str, optional
        A segment or metadata column (``actor_type``, ``role``, ``doc_id``): compute
        the collocates within each of its groups (contrastive collocates). Segments
        without a value form their own group, ``"(none)"``.
    measures : sequence of str
        Any of ``"ll"``, ``"mi"``, ``"t"``, ``"logdice"``; the first one orders the rows.
    min_freq : int
        Least observed co-occurrence for a collocate to be listed; default 3.
    match, case_sensitive, regex
        How the node is matched (see :func:`discourse.kwic`).
    stopwords : bool
        List stopword lemmas as collocates too (default False).
    roles, exclude_roles, where, docs
        Which segments are searched and counted (see :func:`discourse.kwic`).

    Returns
    -------
    DataFrame
        ``[by]``, ``collocate`` (a lemma), ``observed`` (O), ``expected`` (E),
        ``collocate_freq`` (f(coll)), ``node_freq`` (f(node)), ``window_tokens`` (R),
        ``corpus_tokens`` (N), ``docs`` (documents where the pair co-occurs), then the
        measures; ordered by group, then by the first measure, highest first. The
        module documentation gives the formulas.

    Raises
    ------
    ParameterError
        For a bad pattern, window, measure, ``min_freq``, ``by`` or filter.

    Examples
    --------
    >>> dc.collocates(tokens, "pilot*", window=4, measures=("logdice", "ll"))  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    window = _check_window(window)
    measures = _check_measures(measures)
    min_freq = _check_min_freq(min_freq)
    segments = tokens.corpus.segments
    if by is not None and (
        by not in segments.columns or by in ("text", "char_start", "char_end", "seg_id")
    ):
        usable = [c for c in segments.columns if c not in ("text", "char_start", "char_end")]
        raise ParameterError(f"by: unknown column {by!r}; available: {', '.join(usable)}")
    scope = search_scope(tokens, roles=roles, exclude_roles=exclude_roles, where=where, docs=docs)
    matches = find(tokens, _patterns(node), match=match, case_sensitive=case_sensitive, regex=regex)
    # a hit inside a longer hit ("eierskap" in "felles eierskap") is the same occurrence
    matches = drop_nested(matches)

    index, layout, seg_keep = scope.index, scope.layout, scope.seg_keep
    table = tokens.table
    n_rows = len(table)
    seg_row_of_token = layout.seg_rows[index.seg_codes]
    counted = np.zeros(n_rows, dtype=bool)
    counted[layout.counted_rows] = True
    in_pop = counted & seg_keep[seg_row_of_token]
    before = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(in_pop, out=before[1:])
    stream = np.flatnonzero(in_pop)  # population tokens, as rows
    s_len = len(stream)

    # hits that start in a searched segment; their tokens are the node
    hit_ok = scope.hits(matches.start)
    a = before[matches.start[hit_ok]]
    b = before[matches.stop[hit_ok]]
    real = b > a
    a, b = a[real], b[real]

    # segments are whole in the population, so they are runs of the stream
    s_seg = index.seg_codes[stream]
    runs = np.concatenate([[0], np.flatnonzero(np.diff(s_seg)) + 1, [s_len]]).astype(np.int64)
    i = np.searchsorted(runs, a, side="right") - 1
    lo, hi = runs[i], runs[i + 1]
    diff = np.zeros(s_len + 1, dtype=np.int64)
    np.add.at(diff, np.maximum(a - window, lo), 1)
    np.add.at(diff, a, -1)
    np.add.at(diff, b, 1)
    np.add.at(diff, np.minimum(b + window, hi), -1)
    node_diff = np.zeros(s_len + 1, dtype=np.int64)
    np.add.at(node_diff, a, 1)
    np.add.at(node_diff, b, -1)
    is_node = np.cumsum(node_diff[:-1]) > 0
    in_window = (np.cumsum(diff[:-1]) > 0) & ~is_node

    lemma_codes = index.codes("lemma")[stream]
    n_types = len(index.types("lemma"))
    word = (table["kind"] == "word").to_numpy()[stream] & (lemma_codes >= 0)
    doc_codes = np.asarray(table["doc_id"].array.codes)[stream]
    lemma_safe = np.maximum(lemma_codes, 0)
    # a lemma is a stopword when most of its tokens (in the whole table) are flagged
    all_lemma = index.codes("lemma")
    all_ok = all_lemma >= 0
    flagged = table["is_stop"].to_numpy()[all_ok]
    n_stop = np.bincount(all_lemma[all_ok], weights=flagged, minlength=n_types)
    n_all = np.bincount(all_lemma[all_ok], minlength=n_types)
    stop_lemma = n_stop * 2 > n_all

    if by is None:
        group_codes = np.zeros(s_len, dtype=np.int64)
        group_names = np.array([""], dtype=object)
    else:
        values = segments[by].astype("string").fillna(_MISSING_GROUP)
        g_codes, g_index = pd.factorize(values)
        group_codes = np.asarray(g_codes, dtype=np.int64)[seg_row_of_token[stream]]
        group_names = np.asarray(g_index, dtype=object)
    n_groups = len(group_names)
    node_group = group_codes[a] if len(a) else np.zeros(0, np.int64)
    n_by_group = np.bincount(group_codes, minlength=n_groups)  # N
    r_by_group = np.bincount(group_codes[in_window], minlength=n_groups)  # R
    f_by_group = np.bincount(node_group, minlength=n_groups)  # f(node)

    # O per (group, lemma): windows stay in a segment, so a window token's group is its node's
    cand = in_window & word
    pair = group_codes[cand] * n_types + lemma_safe[cand]
    keys, observed = np.unique(pair, return_counts=True)
    g_of, c_of = keys // n_types, keys % n_types
    listed = observed >= min_freq
    if not stopwords:
        listed &= ~stop_lemma[c_of]
    keys, observed, g_of, c_of = keys[listed], observed[listed], g_of[listed], c_of[listed]
    # f(coll) per (group, lemma) over the population
    has_lemma = lemma_codes >= 0
    pop_pair = group_codes[has_lemma] * n_types + lemma_safe[has_lemma]
    if n_groups * n_types <= 20_000_000:
        coll_freq = np.bincount(pop_pair, minlength=n_groups * n_types)[keys]
    else:
        f_keys, f_counts = np.unique(pop_pair, return_counts=True)
        coll_freq = f_counts[np.searchsorted(f_keys, keys)]
    # documents in which each (group, lemma) pair co-occurs
    n_docs_all = len(table["doc_id"].cat.categories)
    with_doc = np.unique(pair * n_docs_all + doc_codes[cand])
    d_keys, d_counts = np.unique(with_doc // n_docs_all, return_counts=True)
    n_docs = d_counts[np.searchsorted(d_keys, keys)] if keys.size else keys

    m = association(observed, r_by_group[g_of], coll_freq, f_by_group[g_of], n_by_group[g_of])
    # order: group (collation), first measure and observed highest first, then the lemma
    group_rank = np.empty(n_groups, dtype=np.int64)
    group_rank[sorted(range(n_groups), key=lambda g: collation_key(str(group_names[g])))] = (
        np.arange(n_groups)
    )
    lemma_rank = _type_ranks(index, "lemma")
    order = np.lexsort((lemma_rank[c_of], -observed, -m[measures[0]], group_rank[g_of]))
    frame: dict[str, Any] = {}
    if by is not None:
        frame[by] = pd.array(group_names[g_of][order].tolist(), dtype="str")
    frame.update(
        {
            "collocate": pd.array(index.types("lemma")[c_of][order].tolist(), dtype="str"),
            "observed": observed[order].astype(np.int64),
            "expected": m["expected"][order],
            "collocate_freq": coll_freq[order].astype(np.int64),
            "node_freq": f_by_group[g_of][order].astype(np.int64),
            "window_tokens": r_by_group[g_of][order].astype(np.int64),
            "corpus_tokens": n_by_group[g_of][order].astype(np.int64),
            "docs": np.asarray(n_docs)[order].astype(np.int64),
        }
    )
    for measure in measures:
        frame[measure] = m[measure][order]
    return pd.DataFrame(frame)[_columns(by, measures)]


def side_by_side(
    table: pd.DataFrame, by: str, measure: str | None = None, top: int = 15
) -> pd.DataFrame:
    """Contrastive collocates in columns: the top collocates of each group side by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`collocates` with ``by=``.
    by : str
        The group column.
    measure : str, optional
        The measure to rank and show (default: the first measure in the table).
    top : int
        Rows per group.

    Returns
    -------
    DataFrame
        One row per rank; for each group a column with its collocates and one with the
        measure (``<group>`` and ``<group> <measure>``).

    Examples
    --------
    >>> t = pd.DataFrame({"g": ["a", "a", "b"], "collocate": ["x", "y", "z"],
    ...                   "observed": [3, 4, 5], "logdice": [9.0, 8.0, 7.5]})
    >>> side_by_side(t, "g", top=2)
       rank  a  a logdice    b  b logdice
    0     1  x        9.0    z        7.5
    1     2  y        8.0  NaN        NaN
    """
    if by not in table.columns:
        raise ParameterError(f"side_by_side: the table has no column {by!r}")
    present = [m for m in MEASURES if m in table.columns]
    measure = measure or (present[0] if present else None)
    if measure not in table.columns:
        raise ParameterError(
            f"side_by_side: unknown measure {measure!r}; the table has {', '.join(present)}"
        )
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ParameterError(f"top must be a whole number >= 1, got {top!r}")
    out = pd.DataFrame({"rank": np.arange(1, top + 1)})
    for group, part in table.groupby(by, sort=False):
        best = part.sort_values([measure, "observed"], ascending=False, kind="stable").head(top)
        words = pd.Series(best["collocate"].to_numpy(dtype=object))
        scores = pd.Series(best[measure].to_numpy(dtype=float).round(2))
        out[str(group)] = words.reindex(range(top)).to_numpy()
        out[f"{group} {measure}"] = scores.reindex(range(top)).to_numpy()
    filled = out.drop(columns="rank").notna().any(axis=1).to_numpy()
    return out[filled].reset_index(drop=True)
