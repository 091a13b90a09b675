"""Cluster bootstrap: intervals that respect that segments of one interview belong together.

Segments, turns and pseudo-documents from one interview are not independent draws, so
resampling them understates uncertainty. The cluster (or "case") bootstrap resamples
whole clusters - documents - with replacement, within each group, and recomputes the
statistic from the resampled clusters (Davison & Hinkley 1997, sect. 3.8; Field &
Welsh 2007). Intervals are percentile intervals of the replicates.

The statistics of this package are functions of sums over clusters (a rate is hits
summed over documents divided by tokens summed over documents; a mean topic share is
shares summed over units divided by the number of units), so a cluster is described
by a vector of additive totals and a replicate is a weighted sum of those vectors.
That makes the whole bootstrap one matrix product per group.

Examples
--------
>>> import numpy as np
>>> sums = np.array([[3, 100], [5, 100], [1, 50], [9, 100], [8, 120]])  # hits, tokens
>>> groups = ["a", "a", "a", "b", "b"]
>>> res = cluster_bootstrap(sums, groups, statistic=lambda t: t[..., :1] / t[..., 1:] * 1000)
>>> res.estimate.round(1).tolist()  # per 1,000 tokens: 9 / 250, 17 / 220
[[36.0], [77.3]]
>>> lo, hi = res.interval()
>>> bool((lo <= res.estimate).all() and (res.estimate <= hi).all())
True
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from discourse.errors import DiscourseWarning, ParameterError

__all__ = ["BootstrapResult", "cluster_bootstrap"]

Statistic = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class BootstrapResult:
    """Point estimates and bootstrap replicates per group.

    Attributes
    ----------
    groups : list
        Group labels, in sorted order.
    estimate : ndarray, shape (n_groups, n_stats)
        The statistic on each group's observed clusters.
    replicates : ndarray, shape (n_groups, n_boot, n_stats)
        The statistic on each resample (NaN for a group with a single cluster).
    n_clusters : ndarray, shape (n_groups,)
        Clusters (documents) per group.
    seed : int
        The seed the resampling used.
    """

    groups: list[Hashable]
    estimate: np.ndarray
    replicates: np.ndarray
    n_clusters: np.ndarray
    seed: int

    def _index(self, group: Hashable) -> int:
        try:
            return self.groups.index(group)
        except ValueError:
            known = ", ".join(map(str, self.groups))
            raise ParameterError(f"unknown group {group!r}; groups: {known}") from None

    def interval(self, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Percentile interval bounds, each of shape (n_groups, n_stats)."""
        _check_level(level)
        alpha = (1 - level) / 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN single-cluster groups
            lo = np.nanquantile(self.replicates, alpha, axis=1)
            hi = np.nanquantile(self.replicates, 1 - alpha, axis=1)
        return lo, hi

    def difference(
        self, a: Hashable, b: Hashable, level: float = 0.95
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Estimate and percentile interval of ``stat(a) - stat(b)``, per statistic.

        The groups are resampled independently, so the replicate differences are the
        bootstrap distribution of the difference.
        """
        _check_level(level)
        i, j = self._index(a), self._index(b)
        diff = self.replicates[i] - self.replicates[j]
        alpha = (1 - level) / 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            lo = np.nanquantile(diff, alpha, axis=0)
            hi = np.nanquantile(diff, 1 - alpha, axis=0)
        return self.estimate[i] - self.estimate[j], lo, hi

    def table(self, names: Sequence[str], level: float = 0.95, by: str = "group") -> pd.DataFrame:
        """Tidy table: one row per (group, statistic) with estimate, lo, hi, n_docs."""
        if len(names) != self.estimate.shape[1]:
            raise ParameterError(f"{len(names)} names for {self.estimate.shape[1]} statistics")
        lo, hi = self.interval(level)
        rows = []
        for g, group in enumerate(self.groups):
            for s, name in enumerate(names):
                rows.append(
                    {
                        by: group,
                        "statistic": name,
                        "estimate": float(self.estimate[g, s]),
                        "lo": float(lo[g, s]),
                        "hi": float(hi[g, s]),
                        "n_docs": int(self.n_clusters[g]),
                    }
                )
        return pd.DataFrame(rows)


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ParameterError(f"level must be between 0 and 1, got {level}")


def cluster_bootstrap(
    sums: np.ndarray,
    groups: Sequence[Hashable] | np.ndarray,
    *,
    statistic: Statistic | None = None,
    n_boot: int = 2000,
    seed: int = 0,
) -> BootstrapResult:
    """Resample clusters with replacement within each group and recompute a statistic.

    Parameters
    ----------
    sums : array, shape (n_clusters, p)
        Additive totals per cluster (for example hits per category and tokens).
    groups : sequence, length n_clusters
        The group of each cluster. Missing values are not allowed.
    statistic : callable, optional
        Maps group totals of shape (..., p) to statistics of shape (..., m); it must
        work on a stack of replicates. The default returns the totals themselves.
    n_boot : int
        Number of resamples (at least 100).
    seed : int
        Seed for :func:`numpy.random.default_rng`; groups are resampled in sorted
        order, so the result depends only on the data and the seed.

    Returns
    -------
    BootstrapResult

    Raises
    ------
    ParameterError
        If the shapes disagree, a group label is missing, there are no clusters, or
        ``n_boot`` < 100.

    Warns
    -----
    DiscourseWarning
        For a group with a single cluster: it gets an estimate but no interval.
    """
    data = np.asarray(sums, dtype=float)
    if data.ndim == 1:
        data = data[:, None]
    labels = pd.Series(list(groups), dtype=object)
    if data.ndim != 2 or len(labels) != data.shape[0]:
        raise ParameterError(f"sums has {data.shape[0]} rows but groups has {len(labels)} labels")
    if len(labels) == 0:
        raise ParameterError("no clusters to bootstrap (nothing left after filtering?)")
    if labels.isna().any():
        raise ParameterError(
            f"{int(labels.isna().sum())} cluster(s) have no group value; "
            "drop them or fill the column before grouping"
        )
    if n_boot < 100:
        raise ParameterError(f"n_boot must be at least 100, got {n_boot}")
    stat = statistic or (lambda t: t)
    rng = np.random.default_rng(seed)
    names = sorted(labels.unique(), key=lambda v: (str(type(v)), v))
    estimates, replicates, sizes = [], [], []
    for name in names:
        member = data[(labels == name).to_numpy()]
        n = len(member)
        estimates.append(np.asarray(stat(member.sum(axis=0)), dtype=float))
        if n < 2:
            warnings.warn(
                f"group {name!r} has a single document; it gets no bootstrap interval",
                DiscourseWarning,
                stacklevel=2,
            )
            reps = np.full((n_boot, estimates[-1].shape[-1]), np.nan)
        else:
            weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)
            with np.errstate(divide="ignore", invalid="ignore"):
                reps = np.asarray(stat(weights @ member), dtype=float)
        replicates.append(reps)
        sizes.append(n)
    return BootstrapResult(
        groups=list(names),
        estimate=np.vstack(estimates),
        replicates=np.stack(replicates),
        n_clusters=np.asarray(sizes),
        seed=seed,
    )
