"""Auditing a lexicon category: which entries drive it, how widely, and samples to read.

A score is only as good as its entries' precision: does *kontroll* here mean
bureaucratic control? :func:`audit` lists, for every entry of a category, its hits and
its share of the category's hits (a few words often carry most of a score), the number
of documents it occurs in, and a reproducible random sample of hits to read, each with
``doc_id``, ``seg_id`` and character offsets into ``corpus.text(doc_id)``. Coverage is the
share of documents with at least one hit, per category.

Samples are drawn per entry with a generator seeded by ``seed`` and the entry's text,
so adding or removing one entry does not change the samples of the others.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.contrast.hits import lexicon_hits, load_lexicon, row_languages
from discourse.contrast.lexicon import ANY_LANGUAGE, Lexicon
from discourse.contrast.score import select_speech
from discourse.errors import ParameterError

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["Audit", "audit"]


@dataclass
class Audit:
    """The result of :func:`audit`.

    Attributes
    ----------
    entries : DataFrame
        One row per entry of the category and language: ``lang``, ``subcategory``,
        ``entry``, ``hits``, ``share`` (of the category's hits), ``docs``; most hits first.
        Entries without hits are listed with 0.
    sample : DataFrame
        Up to ``n`` hits per entry: ``lang``, ``entry``, ``doc_id``, ``seg_id``,
        ``char_start``, ``char_end`` (offsets into ``corpus.text(doc_id)``), ``match`` (the
        words that matched), and the KWIC line: ``speaker``, ``role``, ``left``,
        ``keyword``, ``right`` (from :func:`discourse.concordance.concordance`, so
        the context is the source text and may run into a neighbouring turn).
    coverage : DataFrame
        Per top category of the lexicon: ``category``, ``docs``, ``docs_with_hits``,
        ``coverage``.
    category : str
    """

    entries: pd.DataFrame
    sample: pd.DataFrame
    coverage: pd.DataFrame
    category: str


def _entry_rng(seed: int, entry: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(entry.encode("utf-8"))])


_LINE_COLUMNS = ["speaker", "role", "left", "keyword", "right"]


def _with_kwic_lines(
    tokens: Tokens, sel: Tokens, sample: pd.DataFrame, window: int
) -> pd.DataFrame:
    """Add KWIC lines to sampled hits, cut from the whole document (not the selection)."""
    from discourse.concordance.kwic import concordance
    from discourse.text.patterns import Matches, parse_pattern

    if sample.empty:
        return sample.assign(**{c: pd.Series(dtype=object) for c in _LINE_COLUMNS})
    full = tokens.table
    codes = full["doc_id"].cat.codes.to_numpy()
    first_row = np.zeros(len(full["doc_id"].cat.categories), dtype=np.int64)
    present, first = np.unique(codes, return_index=True)
    first_row[present] = first
    # a row of the selection is (document, position); the same token in the full table
    sel_doc = sel.table["doc_id"].cat.codes.to_numpy()
    sel_pos = sel.table["position"].to_numpy()
    lines = []
    for _entry, chunk in sample.groupby(["lang", "entry"], sort=False):
        starts = first_row[sel_doc[chunk["_start"]]] + sel_pos[chunk["_start"]]
        stops = first_row[sel_doc[chunk["_last"]]] + sel_pos[chunk["_last"]] + 1
        order = np.argsort(starts, kind="stable")
        m = Matches(
            starts[order],
            stops[order],
            np.zeros(len(chunk), dtype=np.int64),
            [parse_pattern(str(_entry[1]))],
        )
        rows = concordance(tokens, m, window=window)
        rows.index = chunk.index[order]
        lines.append(rows[["char_start", "char_end", *_LINE_COLUMNS]])
    lines_df = pd.concat(lines).sort_index()
    if not (
        (lines_df["char_start"].to_numpy() == sample["char_start"].to_numpy()).all()
        and (lines_df["char_end"].to_numpy() == sample["char_end"].to_numpy()).all()
    ):  # pragma: no cover - the two tables index the same tokens
        raise RuntimeError("audit: KWIC lines do not line up with the sampled hits")
    return sample.join(lines_df[_LINE_COLUMNS])


def audit(
    tokens: Tokens,
    lexicon: Lexicon | str = "institutional-logics",
    category: str = "bureaucratic",
    n: int = 5,
    *,
    seed: int = 0,
    window: int = 8,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
) -> Audit:
    """Entry counts, shares, coverage and a reproducible sample of hits for a category.

    Parameters
    ----------
    tokens : Tokens
    lexicon : Lexicon or str
    category : str
        A category or dotted subcategory.
    n : int
        Hits sampled per entry (all of them when an entry has fewer).
    seed : int
    window : int
        Words of KWIC context each side of a sampled hit.
    exclude_roles, units
        As in :func:`discourse.score` (interviewer turns and header lines left out).

    Returns
    -------
    Audit

    Raises
    ------
    LexiconError
        Unknown category, or a corpus language the lexicon lacks.

    Examples
    --------
    >>> report = dc.audit(tokens, "institutional-logics", "bureaucratic", n=3)  # doctest: +SKIP
    >>> report.entries.head()                                                   # doctest: +SKIP
    """
    if n < 0:
        raise ParameterError(f"n must be >= 0; got {n}")
    lex = load_lexicon(lexicon)
    leaves = lex.check_category(category)
    sel = select_speech(tokens, exclude_roles, units)
    table = sel.table
    hits = lexicon_hits(sel, lex, [category])

    langs_present = sorted({str(v) for v in pd.unique(row_languages(sel)) if isinstance(v, str)})
    parts = [ANY_LANGUAGE] if ANY_LANGUAGE in lex.parts else langs_present
    hit_lang = (
        pd.Series(row_languages(sel)[hits["start"].to_numpy()], dtype=object)
        if len(hits)
        else pd.Series([], dtype=object)
    )
    hits = hits.assign(lang=ANY_LANGUAGE if parts == [ANY_LANGUAGE] else hit_lang.to_numpy())
    total = len(hits)
    rows = []
    for lang in parts:
        part = lex.part(lang)
        for leaf in leaves:
            for entry in part[leaf]:
                mine = hits[(hits["entry"] == entry) & (hits["lang"] == lang)]
                rows.append(
                    {
                        "lang": lang,
                        "subcategory": leaf,
                        "entry": entry,
                        "hits": len(mine),
                        "share": len(mine) / total if total else np.nan,
                        "docs": mine["doc_id"].nunique(),
                    }
                )
    entry_columns = ["lang", "subcategory", "entry", "hits", "share", "docs"]
    entries = pd.DataFrame(rows, columns=entry_columns).drop_duplicates(["lang", "entry"])
    entries = entries.sort_values(
        ["hits", "lang", "entry"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)

    starts = table["char_start"].to_numpy()
    ends = table["char_end"].to_numpy()
    samples = []
    for (lang, entry), mine in hits.groupby(["lang", "entry"], sort=True):
        take = min(n, len(mine))
        if take == 0:
            continue
        picked = np.sort(_entry_rng(seed, f"{lang}:{entry}").choice(len(mine), take, replace=False))
        chosen = mine.iloc[picked]
        first = chosen["start"].to_numpy()
        last = chosen["stop"].to_numpy() - 1
        doc_ids = chosen["doc_id"].astype(str).to_numpy()
        c0, c1 = starts[first], ends[last]
        samples.append(
            pd.DataFrame(
                {
                    "lang": lang,
                    "entry": entry,
                    "doc_id": doc_ids,
                    "seg_id": chosen["seg_id"].astype(str).to_numpy(),
                    "char_start": c0,
                    "char_end": c1,
                    "match": [
                        sel.corpus.text(d)[a:b] for d, a, b in zip(doc_ids, c0, c1, strict=True)
                    ],
                    "_start": first,
                    "_last": last,
                }
            )
        )
    columns = ["lang", "entry", "doc_id", "seg_id", "char_start", "char_end", "match"]
    sample = pd.concat(samples, ignore_index=True) if samples else pd.DataFrame(columns=columns)
    sample = _with_kwic_lines(tokens, sel, sample, window)
    sample = sample.drop(columns=["_start", "_last"], errors="ignore")

    docs = pd.unique(table["doc_id"].astype(str))
    all_hits = lexicon_hits(sel, lex, lex.top_categories)
    coverage = []
    for cat in lex.top_categories:
        with_hits = all_hits.loc[all_hits["category"] == cat, "doc_id"].astype(str).nunique()
        coverage.append(
            {
                "category": cat,
                "docs": len(docs),
                "docs_with_hits": with_hits,
                "coverage": with_hits / len(docs) if len(docs) else np.nan,
            }
        )
    return Audit(entries, sample, pd.DataFrame(coverage), category)
