"""Group positions on the LSS axis: mean document scores per group, with intervals.

:func:`discourse.scale` places documents; an analyst asks where a *group* stands. A
group's position is the mean of its documents' LSS scores (z-scaled over all documents),
and its 95% percentile interval comes from :func:`discourse.stats.cluster_bootstrap`,
which resamples the group's documents with replacement (a mean is the sum of scores over
the number of documents, a function of additive totals per document). This interval
reflects which documents happen to be in the corpus; the seed bootstrap of
:func:`discourse.scale` (``n_boot=``) reflects the choice of seed words. Both are
reported because they answer different questions.

Examples
--------
>>> import pandas as pd
>>> from discourse.contrast.scaling import Scaling
>>> docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "n_terms": [5] * 4,
...                      "raw": [0.0] * 4, "score": [1.0, 0.5, -0.5, -1.0]})
>>> res = Scaling(docs, pd.DataFrame(), pd.DataFrame({"pattern": [], "pole": []}), k=2)
>>> meta = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "group": ["x", "x", "y", "y"]})
>>> group_positions(res, meta, "group", n_boot=200)[["group", "n_docs", "score"]]
  group  n_docs  score
0     x       2   0.75
1     y       2  -0.75
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from discourse.contrast.scaling import Scaling
from discourse.errors import DiscourseWarning, ParameterError
from discourse.stats.bootstrap import cluster_bootstrap

__all__ = ["POSITION_COLUMNS", "group_positions"]

#: Columns of :func:`group_positions` (the first is the grouping column's name).
POSITION_COLUMNS = ["n_docs", "score", "score_lo", "score_hi"]


def group_positions(
    scaling: Scaling,
    documents: pd.DataFrame,
    by: str,
    *,
    reference: object | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean LSS score per group with a cluster-bootstrap interval over documents.

    Parameters
    ----------
    scaling : Scaling
        From :func:`discourse.scale`.
    documents : DataFrame
        Document metadata with ``doc_id`` and ``by`` (for example ``corpus.documents``).
    by : str
        The grouping column (``actor_type``, ``doc_type`` ...).
    reference : value of ``by``, optional
        When given, each group's difference from this group, with the percentile
        interval of the bootstrap differences (``difference``, ``difference_lo``,
        ``difference_hi``; NaN on the reference's own row).
    n_boot : int
        Bootstrap resamples (at least 100).
    seed : int
        Seed of the bootstrap.
    level : float
        Interval level.

    Returns
    -------
    DataFrame
        One row per group, sorted by group: ``by``, ``n_docs``, ``score`` (mean
        z-score of the group's documents), ``score_lo``, ``score_hi`` (NaN for a group
        of one document); with ``reference``, the difference columns. ``attrs`` holds
        ``by``, ``reference``, ``n_boot``, ``seed``, ``level`` and the number of seed
        patterns per pole (``seeds_positive``, ``seeds_negative``).

    Raises
    ------
    ParameterError
        ``by`` is not a column of ``documents``, no scaled document has a value, or
        ``reference`` is not one of the groups.

    Warns
    -----
    DiscourseWarning
        Scaled documents without a ``by`` value (left out), or a group with a single
        document (no interval).

    Examples
    --------
    >>> res = dc.scale(tokens)                                           # doctest: +SKIP
    >>> group_positions(res, tokens.documents, "actor_type", n_boot=500)  # doctest: +SKIP
    """
    if "doc_id" not in documents.columns or by not in documents.columns:
        raise ParameterError(
            f"by: documents need the columns 'doc_id' and {by!r}; available: "
            + ", ".join(map(str, documents.columns))
        )
    meta = documents[["doc_id", by]].drop_duplicates("doc_id")
    meta = meta.assign(doc_id=meta["doc_id"].astype(str))
    docs = scaling.documents[["doc_id", "score"]].assign(
        doc_id=lambda d: d["doc_id"].astype(str)
    )
    docs = docs.merge(meta, on="doc_id", how="left")
    docs = docs[docs["score"].notna()]
    missing = docs[by].isna()
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} scaled document(s) have no {by!r} value; they are left out",
            DiscourseWarning,
            stacklevel=2,
        )
        docs = docs[~missing]
    if docs.empty:
        raise ParameterError(f"by: no scaled document has a {by!r} value")
    sums = np.column_stack([docs["score"].to_numpy(dtype=float), np.ones(len(docs))])
    res = cluster_bootstrap(
        sums,
        docs[by].astype(str).tolist(),
        statistic=lambda t: t[..., :1] / t[..., 1:],
        n_boot=n_boot,
        seed=seed,
    )
    lo, hi = res.interval(level)
    out = pd.DataFrame(
        {
            by: res.groups,
            "n_docs": res.n_clusters.astype(np.int64),
            "score": res.estimate[:, 0],
            "score_lo": lo[:, 0],
            "score_hi": hi[:, 0],
        }
    )
    if reference is not None:
        if str(reference) not in res.groups:
            raise ParameterError(
                f"reference {reference!r} has no scaled document in column {by!r}; groups: "
                + ", ".join(res.groups)
            )
        diffs = [
            res.difference(g, str(reference), level) if g != str(reference)
            else (np.array([np.nan]),) * 3
            for g in res.groups
        ]
        out["difference"] = [float(d[0][0]) for d in diffs]
        out["difference_lo"] = [float(d[1][0]) for d in diffs]
        out["difference_hi"] = [float(d[2][0]) for d in diffs]
    seeds = scaling.seeds
    patterns = (
        seeds.drop_duplicates("pattern") if "pattern" in seeds.columns else pd.DataFrame()
    )
    out.attrs.update(
        {
            "by": by,
            "reference": None if reference is None else str(reference),
            "n_boot": n_boot,
            "seed": seed,
            "level": level,
            "seeds_positive": int((patterns["pole"] > 0).sum()) if len(patterns) else 0,
            "seeds_negative": int((patterns["pole"] < 0).sum()) if len(patterns) else 0,
        }
    )
    return out
