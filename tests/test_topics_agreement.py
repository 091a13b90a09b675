"""Per-topic agreement between fits with different seeds."""

from __future__ import annotations

import numpy as np
import pytest
from test_topics_lexicon import hand_model

import discourse as dc
from discourse.errors import ParameterError
from discourse.topics.metrics import match_topics

VOCAB = ["a", "b", "c"]


def test_match_topics_by_hand():
    a = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    b = np.array([[0.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    # cos(a0, b0) = 0, cos(a0, b1) = 1/sqrt2, cos(a1, b0) = 1/sqrt2, cos(a1, b1) = 1/2
    # pairing a0-b1 and a1-b0 sums to sqrt2 > 1/2: it is the optimum
    partner, sim = match_topics(a, b)
    assert partner.tolist() == [1, 0]
    assert sim.tolist() == pytest.approx([2**-0.5, 2**-0.5])
    # more topics in a than in b: the worst-fitting topic of a stays unmatched
    a3 = np.vstack([a, [[0.0, 0.0, 1.0]]])
    partner, sim = match_topics(a3, b[:1])
    assert partner.tolist() == [-1, 0, -1]
    assert np.isnan(sim[0]) and sim[1] == pytest.approx(2**-0.5) and np.isnan(sim[2])


def test_seed_agreement_finds_permuted_topics():
    phi = np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])
    ref = hand_model(VOCAB, phi, np.array([5, 3, 2]))
    same = hand_model(VOCAB, phi[::-1].copy(), np.array([5, 3, 2]))
    same.seed = 7
    tab = dc.seed_agreement(ref, [same])
    assert tab["topic"].tolist() == [1, 2]
    assert tab["seed"].tolist() == [7, 7]
    assert tab["matched_topic"].tolist() == [2, 1]
    assert tab["similarity"].tolist() == pytest.approx([1.0, 1.0])
    assert tab["matched_label"].tolist() == same.labels().loc[[2, 1]].tolist()
    # a different topic: cosine of (0.8, 0.1, 0.1) and (0.1, 0.8, 0.1) = 0.17 / 0.66
    other = hand_model(VOCAB, np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]]), np.array([5, 3, 2]))
    other.seed = 8
    tab = dc.seed_agreement(ref, [same, other])
    row = tab[(tab["seed"] == 8) & (tab["topic"] == 2)].iloc[0]
    assert row["matched_topic"] == 2
    assert row["similarity"] == pytest.approx(0.17 / 0.66)


def test_seed_agreement_bad_input():
    ref = hand_model(VOCAB, np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]), np.array([1, 1, 1]))
    with pytest.raises(ParameterError, match="at least one other model"):
        dc.seed_agreement(ref, [])
    other = hand_model(["a", "b", "d"], ref.topic_term, np.array([1, 1, 1]))
    with pytest.raises(ParameterError, match="another vocabulary"):
        dc.seed_agreement(ref, [other])


def test_describe_stability_bounds():
    from discourse.topics.agreement import describe_stability

    assert describe_stability(1.0).startswith("very stable")
    assert describe_stability(0.9).startswith("very stable")
    assert describe_stability(0.8999).startswith("fairly stable")
    assert describe_stability(0.5).startswith("moderately stable")
    assert describe_stability(0.4999).startswith("unstable")
    assert describe_stability(-0.2).startswith("unstable")
    assert describe_stability(None).startswith("not measured")
