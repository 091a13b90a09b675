"""Differences of lexicon scores between two groups, with cluster-bootstrap intervals.

:func:`discourse.score` gives each group's rates and pole index with an interval; two
overlapping intervals do not mean "no difference", and two separate ones say little about
its size. :func:`compare_scores` estimates the difference itself, group ``a`` minus group
``b``, for each category's rate (hits per 1,000 words) and for the two-pole index, with a
percentile interval from :func:`discourse.stats.cluster_bootstrap`: the documents of each
group are resampled with replacement, independently, and the statistics are recomputed from
the resampled totals (Davison & Hinkley 1997, sect. 3.8). The input is the document-level
table of :func:`discourse.score`, so the same function also serves a placebo check (shuffle
the group column across documents and compare again: the interval should then cover 0).

References
----------
Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from discourse.contrast.score import pole_index
from discourse.errors import ParameterError
from discourse.stats.bootstrap import cluster_bootstrap

__all__ = ["compare_scores"]

_NEEDED = ("doc_id", "category", "hits", "tokens")


def compare_scores(
    scores: pd.DataFrame,
    a: Hashable,
    b: Hashable,
    *,
    by: str | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Group ``a`` minus group ``b``: rate and pole-index differences with intervals.

    Parameters
    ----------
    scores : DataFrame
        Document-level scores with a group column:
        ``dc.score(tokens, lexicon, by=COLUMN, unit="document")``. The pole index uses
        the table's poles and prior (``scores.attrs``).
    a, b : value
        The two groups (values of the ``by`` column).
    by : str, optional
        The group column; default: the one the table was scored with.
    n_boot, seed, level
        Cluster bootstrap settings (documents resampled within each group).

    Returns
    -------
    DataFrame
        One row per category and, when the table has poles, a last row ``pole_index``:
        ``statistic``, ``a`` and ``b`` (the groups' estimates: rates per 1,000 words, or
        the index), ``difference`` (``a - b``), ``lo``, ``hi`` (its percentile interval),
        ``n_docs_a``, ``n_docs_b``. The groups' names are in ``attrs["groups"]``.

    Raises
    ------
    ParameterError
        If the table is not document-level, lacks the group column, ``a`` equals ``b``,
        or a group has no documents (the message lists the groups).

    Examples
    --------
    >>> docs = pd.DataFrame({
    ...     "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3", "d4", "d4"],
    ...     "period": ["old"] * 4 + ["new"] * 4,
    ...     "category": ["bureaucratic", "entrepreneurial"] * 4,
    ...     "hits": [6, 1, 4, 1, 1, 5, 1, 3], "tokens": [500] * 4 + [400] * 4})
    >>> docs.attrs.update(unit="document", by="period", prior=2.0,
    ...                   poles=["bureaucratic", "entrepreneurial"])
    >>> out = compare_scores(docs, "new", "old", n_boot=200)
    >>> out[["statistic", "a", "b", "difference"]].round(3)
             statistic       a     b  difference
    0     bureaucratic   2.500  10.0      -7.500
    1  entrepreneurial  10.000   2.0       8.000
    2       pole_index   0.429  -0.5       0.929
    """
    if not isinstance(scores, pd.DataFrame):
        raise ParameterError(
            f"scores must be a DataFrame from dc.score, got {type(scores).__name__}"
        )
    unit = scores.attrs.get("unit")
    if unit not in (None, "document"):
        raise ParameterError(
            f"compare_scores needs document-level scores (dc.score(..., unit='document')); "
            f"this table is per {unit}"
        )
    by = by or scores.attrs.get("by")
    if by is None:
        raise ParameterError("by: name the group column (or score with by=COLUMN)")
    missing = [c for c in (*_NEEDED, by) if c not in scores.columns]
    if missing:
        raise ParameterError(f"scores lacks column(s) {', '.join(missing)}; use dc.score's table")
    if a == b:
        raise ParameterError(f"a and b are the same group ({a!r})")
    groups = sorted(pd.unique(scores[by].dropna()), key=str)
    for g in (a, b):
        if g not in groups:
            raise ParameterError(
                f"no documents in group {g!r} of {by!r}; groups: {', '.join(map(str, groups))}"
            )
    sub = scores[scores[by].isin([a, b])]
    cats = [str(c) for c in pd.unique(sub["category"].astype(str))]
    hits = sub.pivot_table(
        index=["doc_id", by], columns="category", values="hits", aggfunc="sum", observed=True
    )
    hits.columns = hits.columns.astype(str)
    hits = hits.reindex(columns=cats, fill_value=0).fillna(0)
    words = sub.groupby(["doc_id", by], observed=True)["tokens"].first()
    totals = hits.join(words).reset_index()
    sums = totals[[*cats, "tokens"]].to_numpy(dtype=float)
    k = len(cats)
    poles = scores.attrs.get("poles")
    prior = float(scores.attrs.get("prior", 2.0))
    use_poles = bool(poles) and all(p in cats for p in poles)
    if use_poles:
        neg, pos = cats.index(poles[0]), cats.index(poles[1])

    def statistic(t: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = 1000.0 * t[..., :k] / t[..., k : k + 1]
        if not use_poles:
            return rates
        idx = np.asarray(pole_index(t[..., pos], t[..., neg], prior))
        return np.concatenate([rates, idx[..., None]], axis=-1)

    res = cluster_bootstrap(
        sums, totals[by].tolist(), statistic=statistic, n_boot=n_boot, seed=seed
    )
    diff, lo, hi = res.difference(a, b, level)
    ia, ib = res.groups.index(a), res.groups.index(b)
    names = [*cats, "pole_index"] if use_poles else cats
    out = pd.DataFrame(
        {
            "statistic": names,
            "a": res.estimate[ia],
            "b": res.estimate[ib],
            "difference": diff,
            "lo": lo,
            "hi": hi,
            "n_docs_a": int(res.n_clusters[ia]),
            "n_docs_b": int(res.n_clusters[ib]),
        }
    )
    out.attrs.update({"groups": [a, b], "by": by, "level": level, "n_boot": n_boot, "seed": seed})
    return out
