"""Modelling units for topic models: segments pooled into pseudo-documents.

Interview turns are short (often a handful of content words), too short for LDA's
document-level topic mixtures to be estimated well; whole interviews are long and mix many
topics. The usual remedy is pooling short texts into pseudo-documents (Hong & Davison
2010; Mehrotra et al. 2013). Here consecutive segments of ONE document are pooled until a
pseudo-document holds at least ``size`` modelling terms:

* pooling never crosses a document boundary, and segments are never split;
* a segment longer than ``size`` terms is a pseudo-document on its own;
* a document's last, short remainder (fewer than ``size / 2`` terms) joins the previous
  pseudo-document of the same document instead of standing alone;
* interviewer turns are left out by default (``exclude_roles=("interviewer",)``), as are
  header segments; segments without modelling terms are skipped.

Each pseudo-document keeps its ``doc_id`` and the list of ``seg_id`` it came from.

Examples
--------
>>> units = pseudo_documents(tokens, size=100)  # doctest: +SKIP
>>> units.table[["pseudo_id", "doc_id", "n_terms", "n_segments"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from discourse.errors import ParameterError
from discourse.text.preprocess import Tokens

__all__ = ["PseudoDocuments", "pseudo_documents"]


@dataclass
class PseudoDocuments:
    """Pseudo-documents as term-id sequences plus their provenance.

    Attributes
    ----------
    table : DataFrame
        One row per pseudo-document: ``pseudo_id`` (``<doc_id>#<n>``), ``doc_id``,
        ``seg_ids`` (the segments, ``;``-separated, in order), ``n_segments``, ``n_terms``.
    segments : DataFrame
        One row per pooled segment: ``seg_id``, ``doc_id``, ``pseudo`` (row number of its
        pseudo-document), ``n_terms``, ``n_words`` (word tokens, stopwords included).
    vocabulary : list of str
        The terms, sorted; ids index this list.
    term_ids : ndarray of int
        Every pooled term token's id, in corpus order.
    term_pseudo, term_segment : ndarray of int
        Per term token: the row of its pseudo-document and of its segment.
    """

    table: pd.DataFrame
    segments: pd.DataFrame
    vocabulary: list[str]
    term_ids: np.ndarray
    term_pseudo: np.ndarray
    term_segment: np.ndarray

    def __len__(self) -> int:
        return len(self.table)

    def texts(self) -> list[list[str]]:
        """The pseudo-documents as lists of terms (the modelling texts)."""
        vocab = np.asarray(self.vocabulary, dtype=object)
        bounds = np.searchsorted(self.term_pseudo, np.arange(len(self.table) + 1))
        return [vocab[self.term_ids[a:b]].tolist() for a, b in pairwise(bounds)]

    def id_lists(self) -> list[np.ndarray]:
        """The pseudo-documents as arrays of term ids."""
        bounds = np.searchsorted(self.term_pseudo, np.arange(len(self.table) + 1))
        return [self.term_ids[a:b] for a, b in pairwise(bounds)]

    def counts(self) -> np.ndarray:
        """Term counts per pseudo-document, shape (n_pseudo, n_terms) as a dense array."""
        out = np.zeros((len(self.table), len(self.vocabulary)), dtype=np.int64)
        np.add.at(out, (self.term_pseudo, self.term_ids), 1)
        return out

    def term_frequency(self) -> np.ndarray:
        """How often each vocabulary term occurs in the pseudo-documents."""
        return np.bincount(self.term_ids, minlength=len(self.vocabulary))


def _pool(doc_of_seg: np.ndarray, n_terms: np.ndarray, size: int) -> np.ndarray:
    """The pseudo-document number of each segment (segments in corpus order)."""
    out = np.empty(len(n_terms), dtype=np.int64)
    current = -1
    filled = 0
    first_of_doc = 0  # pseudo number of the current document's first pseudo-document
    start = 0  # first segment of the current pseudo-document
    for i in range(len(n_terms)):
        if i == 0 or doc_of_seg[i] != doc_of_seg[i - 1]:
            current += 1
            first_of_doc = current
            filled, start = 0, i
        elif filled >= size:
            current += 1
            filled, start = 0, i
        out[i] = current
        filled += int(n_terms[i])
        last_of_doc = i == len(n_terms) - 1 or doc_of_seg[i + 1] != doc_of_seg[i]
        if last_of_doc and current > first_of_doc and filled < size / 2:
            out[start : i + 1] = current - 1  # a short remainder joins the previous one
            current -= 1
    return out


def pseudo_documents(
    tokens: Tokens,
    size: int = 100,
    *,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
) -> PseudoDocuments:
    """Pool a corpus's segments into pseudo-documents of at least ``size`` terms.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`; its ``term`` column gives the modelling terms.
        Select first (``tokens.select(...)``) to model part of a corpus.
    size : int
        Fewest modelling terms per pseudo-document (default 100). ``size=1`` keeps every
        segment as its own unit.
    exclude_roles : sequence of str, optional
        Roles whose turns are left out (default: interviewer turns). ``None`` keeps all.
    units : sequence of str, optional
        Segment units to pool (default turns and paragraphs; headers are left out).

    Returns
    -------
    PseudoDocuments

    Raises
    ------
    ParameterError
        When ``size`` is not a positive whole number, when the filters leave no segment,
        or when the segments left have no modelling terms (empty vocabulary).
    """
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ParameterError(f"size must be a whole number of terms >= 1, got {size!r}")
    seg = tokens.segments
    keep = pd.Series(True, index=seg.index)
    if exclude_roles is not None:
        keep &= ~seg["role"].isin(list(exclude_roles))
    if units is not None:
        keep &= seg["unit"].isin(list(units))
    kept_segments = seg.loc[keep, ["seg_id", "doc_id"]]
    if kept_segments.empty:
        raise ParameterError(
            "no segments left to model: every segment was filtered out "
            f"(exclude_roles={list(exclude_roles or [])}, units={list(units or [])}); "
            "check the corpus roles or pass exclude_roles=None"
        )
    table = tokens.table
    in_kept = table["seg_id"].isin(kept_segments["seg_id"]).to_numpy()
    words = table.loc[in_kept & (table["kind"] == "word").to_numpy(), "seg_id"]
    n_words = words.astype(str).value_counts()
    terms = table.loc[in_kept & table["term"].notna().to_numpy(), ["seg_id", "term"]]
    if terms.empty:
        raise ParameterError(
            f"empty vocabulary: the {len(kept_segments)} segments left to model have no "
            "modelling terms after filtering (stopwords, min_df, max_df, min_length); "
            "loosen the preprocessing settings or select more text"
        )
    seg_ids = kept_segments["seg_id"].astype(str).to_numpy()
    seg_row = pd.Series(np.arange(len(seg_ids)), index=seg_ids)
    term_seg_row = seg_row.loc[terms["seg_id"].astype(str).to_numpy()].to_numpy()
    order = np.argsort(term_seg_row, kind="stable")  # segment order, then token order
    term_seg_row = term_seg_row[order]
    term_str = terms["term"].astype(str).to_numpy()[order]
    vocabulary = sorted(set(term_str))
    term_ids = np.searchsorted(np.asarray(vocabulary, dtype=object), term_str)

    n_terms = np.bincount(term_seg_row, minlength=len(seg_ids))
    has_terms = n_terms > 0
    # keep only segments with terms, renumbered in corpus order
    new_row = np.cumsum(has_terms) - 1
    seg_ids = seg_ids[has_terms]
    doc_ids = kept_segments["doc_id"].astype(str).to_numpy()[has_terms]
    n_terms = n_terms[has_terms]
    term_seg_row = new_row[term_seg_row]

    doc_codes = pd.factorize(doc_ids)[0]
    pseudo = _pool(doc_codes, n_terms, int(size))
    segments = pd.DataFrame(
        {
            "seg_id": seg_ids,
            "doc_id": doc_ids,
            "pseudo": pseudo,
            "n_terms": n_terms,
            "n_words": n_words.reindex(seg_ids).fillna(0).astype(np.int64).to_numpy(),
        }
    )
    grouped = segments.groupby("pseudo", sort=True)
    pd_table = pd.DataFrame(
        {
            "doc_id": grouped["doc_id"].first(),
            "seg_ids": grouped["seg_id"].agg(";".join),
            "n_segments": grouped.size(),
            "n_terms": grouped["n_terms"].sum(),
        }
    ).reset_index(drop=True)
    number = pd_table.groupby("doc_id", sort=False).cumcount() + 1
    pd_table.insert(0, "pseudo_id", pd_table["doc_id"] + "#" + number.astype(str))
    term_pseudo = pseudo[term_seg_row]  # sorted: segments are in corpus order
    return PseudoDocuments(
        table=pd_table,
        segments=segments,
        vocabulary=vocabulary,
        term_ids=term_ids.astype(np.int64),
        term_pseudo=term_pseudo.astype(np.int64),
        term_segment=term_seg_row.astype(np.int64),
    )
