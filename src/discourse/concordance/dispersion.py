"""Lexical dispersion: where in each document the terms occur.

:func:`dispersion` gives one row per hit with its place in the document (token
position and relative offset, 0 at the start and 1 at the end);
:func:`plot_dispersion` draws it as a lexical dispersion plot, one strip per document
and one panel per term, in the style of AntConc's Concordance Plot and quanteda's
``textplot_xray``. :func:`dispersion_summary` condenses it per term: hits, documents
with a hit, and Gries's DP with its normalised form.

DP (deviation of proportions; Gries 2008, normalised by Lijffijt & Gries 2012):
``DP = ½ Σ_i |v_i − s_i|``, where ``v_i`` is the share of the term's hits in document
``i`` and ``s_i`` the document's share of the searched words: the corpus parts are the
parts that were searched (by default respondents' turns and paragraphs, not interviewer
turns or headers), counted in words (punctuation left out), so that hits and sizes
measure the same thing. ``DP_norm = DP / (1 − min_i s_i)``. 0 means hits spread
exactly as the searched text does; values near 1, that they sit in one corner.

References
----------
Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403–437. Lijffijt, J. & Gries, S. Th. (2012).
Correction to Gries (2008). *IJCL* 17(1), 147–149.

Examples
--------
>>> hits = dc.dispersion(tokens, ["pilot", "risiko", "innovasjon*"])  # doctest: +SKIP
>>> plot_dispersion(hits)                                              # doctest: +SKIP
>>> dispersion_summary(hits)                                           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.concordance.filters import DEFAULT_ROLES, search_scope
from discourse.concordance.kwic import _check_tokens, _patterns, metadata_columns
from discourse.errors import ParameterError
from discourse.text.patterns import find

if TYPE_CHECKING:
    import seaborn as sns

    from discourse.text.preprocess import Tokens

__all__ = ["dispersion", "dispersion_summary", "plot_dispersion"]


def dispersion(
    tokens: Tokens,
    terms: str | Sequence[str],
    *,
    match: str = "lemma",
    case_sensitive: bool = False,
    regex: bool = False,
    roles: Sequence[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Sequence[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
    docs: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """Where each term occurs: one row per hit with its place in the document.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    terms : str or sequence of str
        Patterns, each its own term (see :func:`discourse.kwic` for the syntax).
    match, case_sensitive, regex, roles, exclude_roles, where, docs
        As in :func:`discourse.kwic`.

    Returns
    -------
    DataFrame
        ``term`` (the pattern; categorical in the order given), ``doc_id`` (categorical
        whose categories are all searched documents, hits or not, in corpus order),
        ``seg_id``, ``speaker``, ``role``, ``position`` (token number in the document),
        ``doc_tokens`` (tokens in the document), ``offset`` (``position / doc_tokens``),
        ``char_start``, ``char_end``, then ``lang`` and the metadata. ``attrs`` holds
        ``doc_tokens`` (all tokens per searched document) and ``part_tokens`` (its
        searched words: the corpus part sizes of :func:`dispersion_summary`).

    Examples
    --------
    >>> hits = dispersion(tokens, ["pilot", "risiko*"], where={"doc_type": "interview"})
    ... # doctest: +SKIP
    >>> hits.groupby("term", observed=True)["doc_id"].nunique()  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    patterns = list(dict.fromkeys(_patterns(terms)))
    scope = search_scope(tokens, roles=roles, exclude_roles=exclude_roles, where=where, docs=docs)
    matches = find(tokens, patterns, match=match, case_sensitive=case_sensitive, regex=regex)
    layout, segments, seg_keep = scope.layout, scope.segments, scope.seg_keep
    keep = scope.hits(matches.start)
    start, which = matches.start[keep], matches.pattern[keep]
    seg_rows = scope.segment_rows(start)

    table = tokens.table
    doc_cat = table["doc_id"].cat
    all_doc_codes = np.asarray(table["doc_id"].array.codes)
    doc_len = np.bincount(all_doc_codes, minlength=len(doc_cat.categories))
    searched = set(segments.loc[seg_keep, "doc_id"].astype(str))
    ordered = [d for d in tokens.corpus.documents["doc_id"].astype(str) if d in searched]
    doc_codes = all_doc_codes[start]
    position = table["position"].to_numpy()[start].astype(np.int64)
    n_tokens = doc_len[doc_codes].astype(np.int64)
    meta = metadata_columns(segments)
    seg = segments[["seg_id", "speaker", "role", *meta]].take(seg_rows).reset_index(drop=True)
    sources = [p.source for p in matches.patterns]
    out = pd.DataFrame(
        {
            "term": pd.Categorical.from_codes(which, categories=pd.Index(sources, dtype="str")),
            "doc_id": pd.Categorical(
                np.asarray(doc_cat.categories, dtype=object)[doc_codes], categories=ordered
            ),
            "seg_id": seg["seg_id"],
            "speaker": seg["speaker"],
            "role": seg["role"],
            "position": position,
            "doc_tokens": n_tokens,
            "offset": position / np.maximum(n_tokens, 1),
            "char_start": table["char_start"].to_numpy()[start].astype(np.int64),
            "char_end": table["char_end"].to_numpy()[matches.stop[keep] - 1].astype(np.int64),
        }
    )
    for c in meta:
        out[c] = seg[c]
    out.attrs["doc_tokens"] = {
        d: int(doc_len[i]) for i, d in enumerate(doc_cat.categories) if d in searched
    }
    # the corpus parts for DP: words (not punctuation) in the searched segments
    counted = np.zeros(len(table), dtype=bool)
    counted[layout.counted_rows] = True
    searched_row = seg_keep[scope.segment_rows(np.arange(len(table)))] & counted
    part = np.bincount(all_doc_codes[searched_row], minlength=len(doc_cat.categories))
    out.attrs["part_tokens"] = {
        d: int(part[i]) for i, d in enumerate(doc_cat.categories) if d in searched
    }
    return out


def dispersion_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per term: hits, documents with a hit, and Gries's DP (plain and normalised).

    Parameters
    ----------
    table : DataFrame
        From :func:`dispersion` (its ``doc_id`` categories are the documents searched).

    Examples
    --------
    >>> t = pd.DataFrame({"term": pd.Categorical(["x", "x", "x"]),
    ...     "doc_id": pd.Categorical(["a", "a", "b"], categories=["a", "b", "c"])})
    >>> t.attrs["part_tokens"] = {"a": 50, "b": 25, "c": 25}
    >>> dispersion_summary(t).round(3).to_dict("records")
    [{'term': 'x', 'hits': 3, 'documents': 2, 'dp': 0.25, 'dp_norm': 0.333}]
    """
    if "term" not in table.columns or "doc_id" not in table.columns:
        raise ParameterError("dispersion_summary needs a table from dc.dispersion")
    doc_tokens = table.attrs.get("part_tokens", table.attrs.get("doc_tokens"))
    if doc_tokens is None:
        raise ParameterError("dispersion_summary: the table has lost its document sizes")
    docs = list(doc_tokens)
    sizes = np.array([doc_tokens[d] for d in docs], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = sizes / sizes.sum()
    rows = []
    terms = (
        table["term"].cat.categories if hasattr(table["term"], "cat") else table["term"].unique()
    )
    for term in terms:
        part = table[table["term"] == term]
        counts = part["doc_id"].astype(str).value_counts().reindex(docs, fill_value=0)
        hits = int(counts.sum())
        if hits and sizes.sum() > 0:
            dp = 0.5 * float(np.abs(counts.to_numpy() / hits - share).sum())
            dp_norm = dp / (1 - share.min()) if share.min() < 1 else 0.0
        else:
            dp = dp_norm = float("nan")
        rows.append(
            {
                "term": str(term),
                "hits": hits,
                "documents": int((counts > 0).sum()),
                "dp": dp,
                "dp_norm": dp_norm,
            }
        )
    return pd.DataFrame(rows)


def plot_dispersion(
    table: pd.DataFrame, *, height: float | None = None, color: str = "C0"
) -> sns.FacetGrid:
    """A lexical dispersion plot: one row per document, one panel per term.

    Each hit is a vertical tick at its relative place in the document (0 = start,
    1 = end). Documents without hits keep their (empty) row.

    Parameters
    ----------
    table : DataFrame
        From :func:`dispersion`.
    height : float, optional
        Figure height in inches (default: grows with the number of documents).
    color : str
        Tick colour.

    Returns
    -------
    seaborn.FacetGrid

    Examples
    --------
    >>> grid = plot_dispersion(dispersion(tokens, ["pilot", "risiko"]))  # doctest: +SKIP
    >>> grid.savefig("dispersion.png")                                    # doctest: +SKIP
    """
    import seaborn as sns

    if "offset" not in table.columns or "term" not in table.columns:
        raise ParameterError("plot_dispersion needs a table from dc.dispersion")

    def levels(name: str) -> list[str]:
        column = table[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            return [str(c) for c in column.cat.categories]
        return sorted(column.astype(str).unique())

    docs, terms = levels("doc_id"), levels("term")
    data = table.assign(
        doc_id=pd.Categorical(table["doc_id"].astype(str), categories=docs),
        term=pd.Categorical(table["term"].astype(str), categories=terms),
        y=lambda d: d["doc_id"].cat.codes,
    )
    size = height or max(2.0, 0.25 * len(docs) + 1)
    grid = sns.FacetGrid(
        data, col="term", col_order=terms, height=size, aspect=max(0.6, 4.0 / size), sharey=True
    )
    grid.map_dataframe(sns.scatterplot, x="offset", y="y", marker="|", s=150, color=color)
    for ax in grid.axes.flat:
        ax.set_xlim(0, 1)
        ax.set_yticks(range(len(docs)))
        ax.set_yticklabels(docs)
        ax.set_ylim(max(len(docs), 1) - 0.5, -0.5)  # no document searched: an empty strip
        ax.set_xlabel("relative position in document")
        ax.grid(axis="y", color="0.9")
    grid.set_ylabels("document")
    grid.set_titles("{col_name}")
    return grid
