"""Prevalence and group contrasts: cluster-bootstrap intervals over documents."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from topics_synth import tokens_of, write_corpus

import discourse as dc
from discourse.errors import DiscourseWarning
from discourse.topics import TopicModel


def hand_model(doc_topic: np.ndarray, doc_of_unit: list[str], groups: dict[str, str]) -> TopicModel:
    """A TopicModel with given pseudo-document shares (two terms, one per topic)."""
    k = doc_topic.shape[1]
    pseudo = pd.DataFrame(
        {
            "pseudo_id": [f"{d}#{i}" for i, d in enumerate(doc_of_unit)],
            "doc_id": doc_of_unit,
            "seg_ids": [f"{d}:{i:04d}" for i, d in enumerate(doc_of_unit)],
            "n_segments": 1,
            "n_terms": 10,
        }
    )
    segments = pd.DataFrame(
        {
            "seg_id": pseudo["seg_ids"],
            "doc_id": pseudo["doc_id"],
            "pseudo_id": pseudo["pseudo_id"],
            "n_terms": 10,
            "n_words": 30,
            "speaker": "R",
            "role": "respondent",
            "unit": "turn",
            "time": np.nan,
            "char_start": 0,
            "char_end": 1,
        }
    )
    docs = sorted(set(doc_of_unit))
    metadata = pd.DataFrame({"doc_id": docs, "group": [groups[d] for d in docs]})
    phi = np.eye(k) * 0.9 + 0.1 / k
    return TopicModel(
        k=k,
        engine="tomotopy",
        seed=0,
        options={},
        settings={},
        vocabulary=[f"w{i}" for i in range(k)],
        topic_term=phi / phi.sum(axis=1, keepdims=True),
        doc_topic=doc_topic,
        segment_topic=doc_topic,
        alpha=np.full(k, 0.1),
        term_freq=np.full(k, 10),
        pseudo_documents=pseudo,
        segments=segments,
        metadata=metadata,
        diagnostics=pd.DataFrame({"topic": range(1, k + 1)}),
    )


def test_prevalence_by_hand():
    # doc a1: shares .2, .4 ; a2: .9 ; b1: .5, .5, .5 ; b2: .1
    s = np.array([0.2, 0.4, 0.9, 0.5, 0.5, 0.5, 0.1])
    docs = ["a1", "a1", "a2", "b1", "b1", "b1", "b2"]
    tm = hand_model(np.column_stack([s, 1 - s]), docs, {"a1": "A", "a2": "A", "b1": "B", "b2": "B"})
    prev = tm.prevalence("group", n_boot=500).set_index(["group", "topic"])
    # the mean is over pseudo-documents: A = (.2+.4+.9)/3, B = (.5*3+.1)/4
    assert prev.loc[("A", 1), "share"] == pytest.approx(0.5)
    assert prev.loc[("B", 1), "share"] == pytest.approx(0.4)
    assert prev.loc[("A", 1), "n_docs"] == 2 and prev.loc[("A", 1), "n_units"] == 3
    # resampling documents: the replicates can only be mixtures of the two documents, so
    # the interval lies within [min, max] of the per-document means
    assert 0.3 - 1e-9 <= prev.loc[("A", 1), "lo"] <= prev.loc[("A", 1), "hi"] <= 0.9 + 1e-9
    cmp = tm.compare("group", "A", "B", n_boot=500)
    assert cmp.loc[0, "difference"] == pytest.approx(0.1)
    assert cmp.loc[1, "difference"] == pytest.approx(-0.1)
    overall = tm.prevalence(n_boot=500)
    assert overall.loc[0, "share"] == pytest.approx(s.mean())


def _simulate(rng, n_docs=16, mu=(0.6, 0.4), sd_doc=0.12, sd_unit=0.05):
    shares, docs, groups = [], [], {}
    for g, m in zip("AB", mu, strict=True):
        for d in range(n_docs):
            name = f"{g}{d}"
            groups[name] = g
            mu_d = m + rng.normal(0, sd_doc)
            units = rng.integers(3, 9)
            shares.extend(np.clip(mu_d + rng.normal(0, sd_unit, units), 0.01, 0.99))
            docs.extend([name] * units)
    s = np.array(shares)
    return np.column_stack([s, 1 - s]), docs, groups


def test_interval_covers_known_difference():
    """In 150 simulated two-group corpora the 95% interval covers the true 0.2 about 95%
    of the time; resampling pseudo-documents instead of documents would not."""
    rng = np.random.default_rng(42)
    covered, naive_covered = 0, 0
    reps = 150
    for r in range(reps):
        theta, docs, groups = _simulate(rng)
        tm = hand_model(theta, docs, groups)
        row = tm.compare("group", "A", "B", n_boot=400, seed=r).iloc[0]
        covered += row["lo"] <= 0.2 <= row["hi"]
        # the naive version: every pseudo-document its own "document"
        units = [f"{d}#{i}" for i, d in enumerate(docs)]
        naive = hand_model(theta, units, {u: groups[d] for u, d in zip(units, docs, strict=True)})
        nrow = naive.compare("group", "A", "B", n_boot=400, seed=r).iloc[0]
        naive_covered += nrow["lo"] <= 0.2 <= nrow["hi"]
    assert 0.88 <= covered / reps <= 0.99
    assert naive_covered / reps < 0.75


def test_fitted_two_group_corpus_shows_the_difference(tmp_path):
    """End to end: group A talks about topic 0 with mean share .6, group B .2."""
    info = write_corpus(
        tmp_path / "c",
        n_docs=40,
        k=3,
        paragraphs=3,
        group_theta={"A": np.array([0.6, 0.2, 0.2]), "B": np.array([0.2, 0.4, 0.4])},
        seed=3,
    )
    tokens = tokens_of(tmp_path / "c")
    tm = dc.fit_topics(tokens, k=3, seed=1, size=50)
    # the fitted topic that matches true topic 0 (its words are word(0..19))
    top = tm.top_terms(1, by="prob").set_index("topic")["term"]
    t0 = int(top.index[top.isin(info["vocab"][:20])][0])
    row = tm.compare("group", "A", "B").set_index("topic").loc[t0]
    assert row["lo"] > 0
    assert row["lo"] <= 0.4 <= row["hi"]
    assert row["difference"] == pytest.approx(0.4, abs=0.08)


def test_single_document_group_warns():
    s = np.array([0.2, 0.4, 0.9])
    tm = hand_model(np.column_stack([s, 1 - s]), ["a", "a", "b"], {"a": "A", "b": "B"})
    with pytest.warns(DiscourseWarning, match="single document"):
        table = tm.prevalence("group", n_boot=200)
    b = table[table["group"] == "B"]
    assert b["lo"].isna().all() and b["share"].notna().all()
