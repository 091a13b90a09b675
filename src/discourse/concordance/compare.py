"""Comparing groups' use of words: hit rates with intervals, and a few lines per group.

* :func:`keyword_rates`: for each word (a label with one or more patterns) and group, the
  hits, the running words searched, the rate per 10,000 words and its 95% interval from a
  cluster bootstrap over documents (:func:`discourse.stats.cluster_bootstrap`; Davison &
  Hinkley 1997), and how many of the group's documents use the word.
* :func:`plot_rates`: those rates with their intervals, one row per word;
* :func:`word_dispersion`: :func:`discourse.dispersion` for words made of several
  patterns (``regelverk*`` and ``regel`` as one word);
* :func:`sample_lines`: a reproducible sample of concordance lines per group that keeps
  the concordance's sort order, for reading a few lines of each group side by side.

Hits are found exactly as :func:`discourse.kwic` finds them (same patterns, same
filters: respondents' turns and the paragraphs of non-transcript documents by default),
and a hit that overlaps an earlier hit of the same word counts once. The denominator is
the running words (tokens of kind ``word``, stopwords included, as in
:func:`discourse.score`) of the same searched segments.

Examples
--------
>>> import discourse as dc, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Piloten var en pilot med lite risiko.\\n")
>>> tokens = dc.preprocess(dc.read_corpus(folder), cache=False)
>>> rates = keyword_rates(tokens, {"pilot": ["pilot*"], "regler": ["regel"]}, n_boot=0)
>>> rates[["word", "hits", "words"]].to_dict("records")
[{'word': 'pilot', 'hits': 2, 'words': 7}, {'word': 'regler', 'hits': 0, 'words': 7}]
>>> rates["rate"].round(1).tolist()  # per 10,000 words
[2857.1, 0.0]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from discourse.concordance.filters import DEFAULT_ROLES, search_scope
from discourse.errors import DiscourseWarning, ParameterError
from discourse.stats import cluster_bootstrap
from discourse.text.patterns import find
from discourse.text.preprocess import Tokens

__all__ = [
    "keyword_rates",
    "plot_rates",
    "sample_lines",
    "word_dispersion",
    "word_patterns",
]

_NONE = "(none)"


def word_patterns(words: Mapping[str, Any] | Sequence[str] | str) -> dict[str, list[str]]:
    """Words as ``{label: [patterns]}``.

    A string or a list of strings makes one word per pattern, labelled by the pattern;
    a mapping gives each label a pattern or a list of patterns.

    Examples
    --------
    >>> word_patterns(["pilot*", "risiko"])
    {'pilot*': ['pilot*'], 'risiko': ['risiko']}
    >>> word_patterns({"regelverk/regler": ["regelverk*", "regel"]})
    {'regelverk/regler': ['regelverk*', 'regel']}
    """
    if isinstance(words, str):
        words = [words]
    if isinstance(words, Mapping):
        out = {}
        for label, pats in words.items():
            pats = [pats] if isinstance(pats, str) else list(pats)
            if not pats or not all(isinstance(p, str) and p.strip() for p in pats):
                raise ParameterError(
                    f"words: {label!r} needs a pattern or a list of patterns, got {pats!r}"
                )
            out[str(label)] = pats
    elif isinstance(words, Sequence) and all(isinstance(w, str) and w.strip() for w in words):
        out = {w: [w] for w in words}
    else:
        raise ParameterError(
            "words must be a pattern, a list of patterns or a mapping of label to patterns, "
            f"got {words!r}"
        )
    if not out:
        raise ParameterError("words is empty; give at least one word or pattern")
    return out


def _first_of_overlaps(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Which hits (sorted by start) do not overlap an earlier kept hit."""
    keep = np.zeros(len(start), dtype=bool)
    end = -1
    for i in np.argsort(start, kind="stable"):
        if start[i] >= end:
            keep[i] = True
            end = stop[i]
    return keep


def keyword_rates(
    tokens: Tokens,
    words: Mapping[str, Any] | Sequence[str] | str,
    by: str | None = None,
    *,
    per: int = 10_000,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    match: str = "lemma",
    roles: Sequence[str] | str | None = DEFAULT_ROLES,
    exclude_roles: Sequence[str] | str | None = None,
    where: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Hits and rates per ``per`` running words of each word in each group, with intervals.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    words : mapping, sequence of str or str
        ``{label: pattern or [patterns]}`` (for example ``{"regelverk/regler":
        ["regelverk*", "regel"]}``), or patterns that are their own labels. Patterns as
        in :func:`discourse.kwic` (lemmas, globs, phrases).
    by : str, optional
        A segment or metadata column (``actor_type``); None: the whole corpus, group
        ``all``. Segments without a value form the group ``(none)``.
    per : int
        Rates are per this many running words (default 10,000).
    n_boot : int
        Bootstrap resamples of documents within each group (0: no intervals).
    seed : int
        Seed of the bootstrap.
    level : float
        Interval coverage.
    match, roles, exclude_roles, where
        Which tokens match and which segments are searched, as in :func:`discourse.kwic`.

    Returns
    -------
    DataFrame
        One row per word (in the order given) and group (sorted): ``word``, ``patterns``
        (joined with ``|``), ``[by]``, ``hits``, ``words`` (running words searched),
        ``rate`` (hits per ``per`` words), ``rate_lo``, ``rate_hi`` (percentile
        interval; NaN for a group with one document, or with ``n_boot=0``), ``docs``
        (documents with a hit) and ``n_docs`` (documents searched). A word without
        hits has rows of zeros, so absent words are listed, not dropped.

    Raises
    ------
    ParameterError
        For bad ``words``, an unknown ``by`` column, ``per`` < 1, a bad ``n_boot`` or
        filter, or a bad pattern.

    Examples
    --------
    >>> keyword_rates(tokens, {"pilot": "pilot*", "risiko": "risiko*"}, by="actor_type")
    ...     # doctest: +SKIP
    """
    if not isinstance(tokens, Tokens):
        raise ParameterError(f"expected Tokens from dc.preprocess(), got {type(tokens).__name__}")
    labels = word_patterns(words)
    if isinstance(per, bool) or not isinstance(per, (int, np.integer)) or per < 1:
        raise ParameterError(f"per must be a whole number >= 1, got {per!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ParameterError(f"n_boot must be 0 or a whole number >= 100, got {n_boot!r}")
    if 0 < n_boot < 100:
        raise ParameterError(f"n_boot must be 0 or a whole number >= 100, got {n_boot!r}")
    scope = search_scope(tokens, roles=roles, exclude_roles=exclude_roles, where=where)
    seg = scope.segments
    if by is None:
        group = np.full(len(seg), "all", dtype=object)
    elif not isinstance(by, str) or by not in seg.columns or by in ("text", "seg_id"):
        columns = [c for c in seg.columns if c not in ("text", "seg_id", "char_start", "char_end")]
        raise ParameterError(f"by: unknown column {by!r}; available: {', '.join(columns)}")
    else:
        group = seg[by].astype(object).where(seg[by].notna(), _NONE).astype(str).to_numpy()
    doc = seg["doc_id"].astype(str).to_numpy()
    t = tokens.table
    words_per_seg = (
        t.loc[t["kind"] == "word", "seg_id"]
        .astype(str)
        .value_counts()
        .reindex(seg["seg_id"].astype(str).to_numpy(), fill_value=0)
        .to_numpy()
    )
    searched = pd.DataFrame(
        {"doc_id": doc, "group": group, "words": np.where(scope.seg_keep, words_per_seg, 0)}
    )[scope.seg_keep]
    units = searched.groupby(["group", "doc_id"], sort=True)["words"].sum()
    units = units[units > 0]
    rows = []
    for label, pats in labels.items():
        matches = find(tokens, pats, match=match)
        keep = scope.hits(matches.start) & _first_of_overlaps(matches.start, matches.stop)
        seg_rows = scope.segment_rows(matches.start[keep])
        hits = (
            pd.DataFrame({"group": group[seg_rows], "doc_id": doc[seg_rows]})
            .groupby(["group", "doc_id"])
            .size()
            .reindex(units.index, fill_value=0)
        )
        sums = np.column_stack([hits.to_numpy(), units.to_numpy()])
        unit_group = units.index.get_level_values("group").to_numpy()
        names = sorted(set(unit_group.tolist()))
        lo = hi = np.full(len(names), np.nan)
        if n_boot and len(units):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DiscourseWarning)  # one-document groups
                res = cluster_bootstrap(
                    sums,
                    unit_group,
                    statistic=lambda x: per * x[..., :1] / x[..., 1:],
                    n_boot=n_boot,
                    seed=seed,
                )
            low, high = res.interval(level)
            order = [res.groups.index(g) for g in names]
            lo, hi = low[order, 0], high[order, 0]
        for i, g in enumerate(names):
            part = unit_group == g
            h, w = int(sums[part, 0].sum()), int(sums[part, 1].sum())
            row = {"word": label, "patterns": "|".join(pats)}
            if by is not None:
                row[by] = g
            row.update(
                hits=h,
                words=w,
                rate=per * h / w if w else float("nan"),
                rate_lo=float(lo[i]),
                rate_hi=float(hi[i]),
                docs=int((sums[part, 0] > 0).sum()),
                n_docs=int(part.sum()),
            )
            rows.append(row)
    columns = ["word", "patterns", *([by] if by else []), "hits", "words", "rate"]
    columns += ["rate_lo", "rate_hi", "docs", "n_docs"]
    out = pd.DataFrame(rows, columns=columns)
    out.attrs["per"] = int(per)
    return out


def sample_lines(lines: pd.DataFrame, by: str, n: int = 3, seed: int = 0) -> pd.DataFrame:
    """Up to ``n`` concordance lines of each group, drawn reproducibly, in the lines' order.

    Parameters
    ----------
    lines : DataFrame
        A concordance from :func:`discourse.kwic` (sorted or not).
    by : str
        The group column (``actor_type``). Lines without a value form ``(none)``.
    n : int
        Lines per group; a group with fewer lines gives all of them.
    seed : int
        Seed of the draw (numpy's ``default_rng``), so the same lines come every run.

    Returns
    -------
    DataFrame
        The drawn rows, grouped (groups sorted) and in their original order within each
        group; the original index is kept.

    Raises
    ------
    ParameterError
        For an unknown ``by`` column or a bad ``n``.

    Examples
    --------
    >>> lines = pd.DataFrame({"g": ["a", "b", "a", "a"], "keyword": ["w", "x", "y", "z"]})
    >>> sample_lines(lines, "g", n=5)["keyword"].tolist()
    ['w', 'y', 'z', 'x']
    """
    if not isinstance(lines, pd.DataFrame) or by not in lines.columns:
        raise ParameterError(f"sample_lines: the lines have no column {by!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"n must be a whole number >= 1, got {n!r}")
    rng = np.random.default_rng(seed)
    group = lines[by].astype(object).where(lines[by].notna(), _NONE).astype(str).to_numpy()
    picked = []
    for g in sorted(set(group.tolist())):
        where = np.flatnonzero(group == g)
        if len(where) > n:
            where = np.sort(rng.choice(where, size=n, replace=False))
        picked.extend(where.tolist())
    return lines.iloc[picked]


def plot_rates(table: pd.DataFrame, by: str | None = None, *, ax: Any = None) -> Any:
    """Rates per word and group with their intervals as error bars (seaborn style).

    Parameters
    ----------
    table : DataFrame
        From :func:`keyword_rates`.
    by : str, optional
        The group column of ``table`` (the ``by`` given to :func:`keyword_rates`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        One row per word (in the table's order), one colour per group; a point without
        bars has no interval (a group with one document).

    Examples
    --------
    >>> ax = plot_rates(keyword_rates(tokens, ["pilot*", "risiko*"], by="actor_type"),
    ...                 "actor_type")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    needed = {"word", "rate", "rate_lo", "rate_hi", *([by] if by else [])}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise ParameterError(f"plot_rates needs a table from keyword_rates with {sorted(needed)}")
    data = table.assign(_group=table[by].astype(str) if by else "all")
    words = list(pd.unique(data["word"]))
    groups = list(pd.unique(data["_group"]))
    if ax is None:
        height = 0.45 * len(words) * max(1.0, len(groups) / 2) + 1.5
        _, ax = plt.subplots(figsize=(8, height), layout="constrained")
    palette = dict(zip(groups, sns.color_palette("colorblind", len(groups)), strict=True))
    offsets = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
    for off, group in zip(offsets, groups, strict=True):
        rows = data[data["_group"] == group].set_index("word").reindex(words)
        est = rows["rate"].to_numpy(dtype=float)
        err = np.vstack(
            [
                est - rows["rate_lo"].to_numpy(dtype=float),
                rows["rate_hi"].to_numpy(dtype=float) - est,
            ]
        )
        ax.errorbar(
            est,
            np.arange(len(words)) + off,
            xerr=np.nan_to_num(np.clip(err, 0, None)),
            fmt="o",
            color=palette[group],
            label=group,
            capsize=3,
        )
    ax.set_yticks(np.arange(len(words)), words)
    ax.set_ylim(len(words) - 0.5, -0.5)
    per = table.attrs.get("per", 10_000)
    ax.set_xlabel(f"hits per {per:,} words (95% interval, documents resampled)")
    ax.set_ylabel("")
    if by:
        ax.legend(title=by, frameon=False, loc="best")
    return ax


def word_dispersion(
    tokens: Tokens, words: Mapping[str, Any] | Sequence[str] | str, **filters: Any
) -> pd.DataFrame:
    """:func:`discourse.dispersion` with one term per word, each word one or more patterns.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    words : mapping, sequence of str or str
        As in :func:`keyword_rates`.
    **filters
        ``match``, ``roles``, ``exclude_roles``, ``where``, ``docs``: as in
        :func:`discourse.dispersion`.

    Returns
    -------
    DataFrame
        The dispersion table with ``term`` = the word's label (categorical, in the order
        given); a token found by two patterns of one word is listed once. The document
        sizes travel along, so :func:`discourse.concordance.dispersion_summary` and
        :func:`discourse.plot_dispersion` work on it.

    Examples
    --------
    >>> hits = word_dispersion(tokens, {"regler": ["regelverk*", "regel"]})  # doctest: +SKIP
    """
    from discourse.concordance.dispersion import dispersion

    labels = word_patterns(words)
    flat = list(dict.fromkeys(p for pats in labels.values() for p in pats))
    label_of = {}
    for label, pats in labels.items():
        for p in pats:
            label_of.setdefault(p, label)
    table = dispersion(tokens, flat, **filters)
    attrs = dict(table.attrs)
    # a pattern listed under two words counts for the first of them
    out = table.assign(
        term=pd.Categorical(table["term"].astype(str).map(label_of), categories=list(labels))
    )
    out = out.drop_duplicates(["term", "doc_id", "position"]).reset_index(drop=True)
    out.attrs.update(attrs)
    return out
