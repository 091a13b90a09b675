"""Topic and model scores checked against values computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from discourse.topics import metrics


def test_exclusivity_and_frex_by_hand():
    phi = np.array([[0.5, 0.3, 0.2], [0.1, 0.3, 0.6]])
    excl = metrics.exclusivity(phi)
    assert excl[0].tolist() == pytest.approx([5 / 6, 0.5, 0.25])
    # topic 0: exclusivity ranks 3, 2, 1 -> ECDF 1, 2/3, 1/3; probability ranks the same
    # -> FREX = 1 / (.5/e + .5/f) = e when e = f
    assert metrics.frex(phi)[0].tolist() == pytest.approx([1, 2 / 3, 1 / 3])
    # topic 1: exclusivity ECDF 1/3, 2/3, 1; probability ECDF 1/3, 2/3, 1 (tie-free)
    # weight .8 on exclusivity for term 0: 1 / (.8/(1/3) + .2/(1/3)) = 1/3
    assert metrics.frex(phi, 0.8)[1, 0] == pytest.approx(1 / 3)
    # ties get the average rank: topic 0 of [[.4,.4,.2]] has ECDF .833, .833, .333
    tied = metrics.frex(np.array([[0.4, 0.4, 0.2], [0.2, 0.2, 0.6]]))
    assert tied[0, 0] == pytest.approx(tied[0, 1])


def test_relevance_by_hand():
    phi = np.array([[0.5, 0.5], [0.9, 0.1]])
    share = np.array([0.7, 0.3])
    r = metrics.relevance(phi, share, 0.6)
    assert r[1, 1] == pytest.approx(0.6 * np.log(0.1) + 0.4 * np.log(0.1 / 0.3))
    assert np.array_equal(metrics.relevance(phi, share, 1.0), np.log(phi))


def test_diversity_and_mean_exclusivity():
    phi = np.array([[0.4, 0.3, 0.2, 0.1, 0.0], [0.4, 0.3, 0.0, 0.1, 0.2]])
    # top 2: {0, 1} and {0, 1} -> 2 unique of 4
    assert metrics.diversity(phi, n=2) == 0.5
    # top 3: {0,1,2} and {0,1,4} -> 4 unique of 6
    assert metrics.diversity(phi, n=3) == pytest.approx(4 / 6)
    assert metrics.mean_exclusivity(phi, n=1) == pytest.approx(0.5)


def test_matching_finds_permuted_topics():
    rng = np.random.default_rng(0)
    a = rng.dirichlet(np.full(30, 0.1), 5)
    perm = [3, 0, 4, 1, 2]
    assert metrics.matched_similarity(a, a[perm]) == pytest.approx(1.0)
    noisy = a[perm] + 0.001
    assert 0.95 < metrics.matched_similarity(a, noisy) < 1
    # the optimal matching beats the greedy diagonal
    sim = a @ a[perm].T
    assert metrics.matched_similarity(a, a[perm]) > np.mean(
        np.diag(sim) / np.linalg.norm(a, axis=1) ** 2
    )
    st = metrics.stability([a, a[perm], noisy])
    assert st.shape == (3,) and np.all(st > 0.95)
    assert np.isnan(metrics.stability([a])).all()


def test_perplexity_of_known_models():
    # one uniform topic over 8 terms: every held-out token has p = 1/8, perplexity 8
    phi = np.full((1, 8), 1 / 8)
    docs = [np.array([0, 1, 2, 3, 4, 5]), np.array([7, 7, 6, 6])]
    assert metrics.heldout_perplexity(phi, docs, np.ones(8, bool)) == pytest.approx(8)
    # two disjoint topics; a document using one topic only: the fold-in finds it from the
    # first half, so the second half has p = 1/4 per token
    phi = np.array([[0.25] * 4 + [0] * 4, [0] * 4 + [0.25] * 4])
    docs = [np.array([0, 1, 2, 3, 0, 1]), np.array([4, 5, 6, 7])]
    assert metrics.heldout_perplexity(phi, docs, np.ones(8, bool)) == pytest.approx(4, rel=1e-6)
    # unseen terms are left out
    seen = np.ones(8, bool)
    seen[7] = False
    assert np.isfinite(metrics.heldout_perplexity(phi, [np.array([4, 7, 5, 7])], seen))


def test_coherent_topics_score_higher():
    texts = [["tax", "budget", "revenue", "tax"], ["school", "pupil", "teacher"]] * 10
    texts += [["tax", "revenue"], ["pupil", "school"]] * 5
    good = [["tax", "budget", "revenue"], ["school", "pupil", "teacher"]]
    bad = [["tax", "pupil", "budget"], ["school", "revenue", "teacher"]]
    for measure in ("c_npmi", "u_mass"):
        g = metrics.coherence(good, texts, measure)
        b = metrics.coherence(bad, texts, measure)
        assert g.shape == (2,)
        assert g.mean() > b.mean()
    with pytest.raises(ValueError, match="c_v"):
        metrics.coherence(good, texts, "c_v")
