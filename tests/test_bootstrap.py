"""Cluster bootstrap: known estimates, determinism, coverage and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from discourse.errors import DiscourseWarning, ParameterError
from discourse.stats import cluster_bootstrap


def rate(t):
    return t[..., :1] / t[..., 1:]


def test_estimate_is_ratio_of_sums_computed_by_hand():
    sums = np.array([[2, 10], [4, 30], [6, 20], [1, 9]])
    res = cluster_bootstrap(sums, ["x", "x", "y", "y"], statistic=rate, n_boot=200)
    assert res.groups == ["x", "y"]
    np.testing.assert_allclose(res.estimate[:, 0], [6 / 40, 7 / 29])
    assert res.n_clusters.tolist() == [2, 2]
    # every replicate is a ratio of sums over a resample of the group's own documents
    possible_x = {2 / 10, 4 / 30, 6 / 40}
    assert set(np.round(res.replicates[0, :, 0], 12)) <= {round(v, 12) for v in possible_x}


def test_same_seed_same_replicates_other_seed_differs():
    rng = np.random.default_rng(1)
    sums = rng.integers(1, 50, size=(30, 2))
    groups = ["a"] * 15 + ["b"] * 15
    r1 = cluster_bootstrap(sums, groups, statistic=rate, seed=7)
    r2 = cluster_bootstrap(sums, groups, statistic=rate, seed=7)
    r3 = cluster_bootstrap(sums, groups, statistic=rate, seed=8)
    np.testing.assert_array_equal(r1.replicates, r2.replicates)
    assert not np.array_equal(r1.replicates, r3.replicates)


def _simulate(rng, n_docs, p, segs=20, doc_sd=0.08):
    """Documents whose segments share a document-level rate (intra-cluster correlation)."""
    doc_p = np.clip(rng.normal(p, doc_sd, n_docs), 0.01, 0.99)
    hits = rng.binomial(100, np.repeat(doc_p, segs)).reshape(n_docs, segs)
    return np.column_stack([hits.sum(axis=1), np.full(n_docs, 100 * segs)])


def test_interval_for_a_difference_covers_the_truth_about_95_percent():
    rng = np.random.default_rng(2026)
    covered = 0
    runs = 200
    for i in range(runs):
        a, b = _simulate(rng, 12, 0.30), _simulate(rng, 12, 0.20)
        res = cluster_bootstrap(
            np.vstack([a, b]), ["a"] * 12 + ["b"] * 12, statistic=rate, n_boot=400, seed=i
        )
        _, lo, hi = res.difference("a", "b")
        covered += bool(lo[0] <= 0.10 <= hi[0])
    # percentile intervals with 12 clusters run a little narrow; 0.85 is a loose floor
    assert 0.85 <= covered / runs <= 0.99


def test_intervals_are_wider_with_fewer_documents():
    rng = np.random.default_rng(5)
    many = _simulate(rng, 40, 0.25)
    few = many[:8]
    w_many = np.diff(cluster_bootstrap(many, ["g"] * 40, statistic=rate).interval(), axis=0)
    w_few = np.diff(cluster_bootstrap(few, ["g"] * 8, statistic=rate).interval(), axis=0)
    assert w_few.item() > 1.5 * w_many.item()


def test_resampling_documents_is_wider_than_resampling_segments():
    """The point of clustering: segment resampling ignores within-interview correlation."""
    rng = np.random.default_rng(11)
    doc_p = np.clip(rng.normal(0.3, 0.1, 15), 0.01, 0.99)
    seg_hits = rng.binomial(50, np.repeat(doc_p, 30))
    per_seg = np.column_stack([seg_hits, np.full(seg_hits.size, 50)])
    per_doc = per_seg.reshape(15, 30, 2).sum(axis=1)
    w_doc = np.diff(cluster_bootstrap(per_doc, ["g"] * 15, statistic=rate).interval(), axis=0)
    w_seg = np.diff(
        cluster_bootstrap(per_seg, ["g"] * per_seg.shape[0], statistic=rate).interval(), axis=0
    )
    assert w_doc.item() > 2 * w_seg.item()


def test_table_is_tidy():
    sums = np.array([[1, 2], [3, 4], [5, 6], [7, 8]])
    with pytest.warns(DiscourseWarning, match="single document"):
        res = cluster_bootstrap(sums, ["a", "a", "a", "b"], n_boot=100)
    table = res.table(["hits", "tokens"], by="actor_type")
    assert list(table.columns) == ["actor_type", "statistic", "estimate", "lo", "hi", "n_docs"]
    assert len(table) == 4
    b = table[table["actor_type"] == "b"]
    assert b["estimate"].tolist() == [7.0, 8.0] and b["lo"].isna().all()


@pytest.mark.parametrize(
    ("sums", "groups", "kwargs", "message"),
    [
        (np.ones((3, 2)), ["a", "b"], {}, "3 rows but groups has 2"),
        (np.ones((0, 2)), [], {}, "no clusters"),
        (np.ones((2, 2)), ["a", None], {}, "no group value"),
        (np.ones((2, 2)), ["a", "a"], {"n_boot": 10}, "at least 100"),
    ],
)
def test_bad_input(sums, groups, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        cluster_bootstrap(sums, groups, **kwargs)


def test_unknown_group_and_bad_level():
    res = cluster_bootstrap(np.ones((4, 1)), ["a", "a", "b", "b"], n_boot=100)
    with pytest.raises(ParameterError, match="unknown group 'c'"):
        res.difference("a", "c")
    with pytest.raises(ParameterError, match="level"):
        res.interval(1.5)
