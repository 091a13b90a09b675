"""Differences between two groups' scores, with a cluster-bootstrap interval.

Whether two groups differ is better judged from the interval of their *difference*
than from whether their own intervals overlap: two 95% intervals can overlap while the
difference is clearly away from 0 (Schenker & Gentleman 2001). :func:`score_difference`
takes the per-document table of :func:`discourse.score` (``unit="document"``, ``by=``),
resamples the documents of each group independently with
:func:`discourse.stats.cluster_bootstrap`, recomputes the rates per 1,000 words and the
two-pole index from the resampled totals, and gives the percentile interval of
``target - reference``.

References
----------
Schenker, N., & Gentleman, J. F. (2001). On judging the significance of differences by
examining the overlap between confidence intervals. *The American Statistician* 55(3),
182-186.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({
...     "doc_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
...     "g": ["x", "x", "x", "x", "y", "y", "y", "y"],
...     "category": ["bureaucratic", "entrepreneurial"] * 4,
...     "hits": [1, 9, 2, 8, 8, 2, 9, 1], "tokens": [1000] * 8})
>>> docs.attrs.update({"by": "g", "poles": ["bureaucratic", "entrepreneurial"], "prior": 2.0})
>>> d = score_difference(docs, "x", "y", n_boot=200)
>>> d[["measure", "category", "difference"]].round(2)
      measure         category  difference
0        rate     bureaucratic       -7.00
1        rate  entrepreneurial        7.00
2  pole_index                         1.17
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.contrast.score import pole_index
from discourse.errors import ParameterError
from discourse.stats.bootstrap import cluster_bootstrap

__all__ = ["score_difference"]


def score_difference(
    documents: pd.DataFrame,
    target: object,
    reference: object,
    *,
    by: str | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """``target - reference`` for every rate and the two-pole index, with intervals.

    Parameters
    ----------
    documents : DataFrame
        :func:`discourse.score` with ``by=`` and ``unit="document"``: one row per
        document and category with ``doc_id``, ``by``, ``category``, ``hits``,
        ``tokens``.
    target, reference : value of ``by``
        Compared as text.
    by : str, optional
        Default ``documents.attrs["by"]``.
    n_boot, seed, level
        Cluster bootstrap settings (documents resampled within each group).

    Returns
    -------
    DataFrame
        One row per category (``measure="rate"``) and, when the table has poles, one
        for the index (``measure="pole_index"``, ``category=""``): ``target``,
        ``reference`` (the groups' estimates), ``difference``, ``lo``, ``hi``
        (NaN when a group has a single document), ``n_docs_target``,
        ``n_docs_reference``. ``attrs``: ``by``, ``target``,
        ``reference``, ``n_boot``, ``seed``, ``level``.

    Raises
    ------
    ParameterError
        Not a DataFrame, a table that is not document-level, ``by`` missing, a table
        without ``doc_id``/``hits``/``tokens``, the same group twice, or a group absent
        from the table (the message lists the groups).

    Warns
    -----
    DiscourseWarning
        A group with a single document (no interval).
    """
    if not isinstance(documents, pd.DataFrame):
        raise ParameterError(
            f"documents must be a DataFrame from dc.score, got {type(documents).__name__}"
        )
    unit = documents.attrs.get("unit")
    if unit not in (None, "document"):
        raise ParameterError(
            "score_difference needs document-level scores (dc.score(..., unit='document')); "
            f"this table is per {unit}"
        )
    by = by or documents.attrs.get("by")
    needed = {"doc_id", "category", "hits", "tokens"}
    if by is None or by not in documents.columns or not needed <= set(documents.columns):
        raise ParameterError(
            "score_difference needs score(tokens, by=COLUMN, unit='document') "
            "(doc_id, the by column, category, hits, tokens)"
        )
    if str(target) == str(reference):
        raise ParameterError("target and reference must be different groups")
    data = documents.assign(_g=documents[by].astype(str), _c=documents["category"].astype(str))
    for g in (target, reference):
        if str(g) not in set(data["_g"]):
            raise ParameterError(
                f"group {g!r} does not occur in column {by!r}; groups: "
                + ", ".join(sorted(set(data["_g"].dropna())))
            )
    data = data[data["_g"].isin([str(target), str(reference)])]
    cats = list(dict.fromkeys(data["_c"]))
    hits = data.pivot_table(index=["_g", "doc_id"], columns="_c", values="hits",
                            aggfunc="sum", observed=True).reindex(columns=cats).fillna(0)
    tokens = data.groupby(["_g", "doc_id"], observed=True)["tokens"].first()
    tokens = tokens.reindex(hits.index)
    sums = np.column_stack([hits.to_numpy(dtype=float), tokens.to_numpy(dtype=float)])
    groups = hits.index.get_level_values("_g").tolist()
    poles = documents.attrs.get("poles")
    prior = float(documents.attrs.get("prior", 2.0))
    has_poles = bool(poles) and all(p in cats for p in poles)
    k = len(cats)

    def statistic(t: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = 1000.0 * t[..., :k] / t[..., k : k + 1]
        if not has_poles:
            return rates
        idx = np.asarray(pole_index(t[..., cats.index(poles[1])],
                                    t[..., cats.index(poles[0])], prior))
        return np.concatenate([rates, idx[..., None]], axis=-1)

    res = cluster_bootstrap(sums, groups, statistic=statistic, n_boot=n_boot, seed=seed)
    diff, lo, hi = res.difference(str(target), str(reference), level)
    i, j = res.groups.index(str(target)), res.groups.index(str(reference))
    out = pd.DataFrame(
        {
            "measure": ["rate"] * k + (["pole_index"] if has_poles else []),
            "category": cats + ([""] if has_poles else []),
            "target": res.estimate[i],
            "reference": res.estimate[j],
            "difference": diff,
            "lo": lo,
            "hi": hi,
            "n_docs_target": int(res.n_clusters[i]),
            "n_docs_reference": int(res.n_clusters[j]),
        }
    )
    out.attrs.update({"by": by, "target": str(target), "reference": str(reference),
                      "n_boot": n_boot, "seed": seed, "level": level})
    return out
