"""fit_topics and TopicModel: determinism, recovery, round trip, quotes, bad input."""

from __future__ import annotations

import filecmp

import numpy as np
import pandas as pd
import pytest
from topics_synth import aligned_phi, tokens_of, write_corpus

import discourse as dc
from discourse.errors import DiscourseWarning, ParameterError
from discourse.topics.metrics import matched_similarity

# Fitted topics must match the generating topics with a mean cosine similarity (after
# optimal matching) above this threshold; typical values are 0.98-0.998.
RECOVERY_THRESHOLD = 0.95


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "corpus"
    info = write_corpus(folder, n_docs=40, k=4)
    return info, tokens_of(folder)


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_same_seed_same_topics(synth, engine):
    _, tokens = synth
    a = dc.fit_topics(tokens, k=4, seed=7, engine=engine, size=50)
    b = dc.fit_topics(tokens, k=4, seed=7, engine=engine, size=50)
    assert np.array_equal(a.topic_term, b.topic_term)
    assert np.array_equal(a.doc_topic, b.doc_topic)
    assert np.array_equal(a.segment_topic, b.segment_topic)
    pd.testing.assert_frame_equal(a.top_terms(10), b.top_terms(10))
    pd.testing.assert_frame_equal(a.document_topics(), b.document_topics())


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_recovers_known_topics(synth, engine):
    info, tokens = synth
    tm = dc.fit_topics(tokens, k=4, seed=1, engine=engine, size=50)
    truth = aligned_phi(info["vocab"], info["phi"], tm.vocabulary)
    assert matched_similarity(tm.topic_term, truth) > RECOVERY_THRESHOLD
    # and each topic's top-5 terms by probability all come from one true topic
    owner = {w: i // 20 for i, w in enumerate(info["vocab"])}
    top = tm.top_terms(5, by="prob")
    for _, g in top.groupby("topic"):
        assert len({owner[w] for w in g["term"]}) == 1


def test_document_shares_recover_theta(synth):
    info, tokens = synth
    tm = dc.fit_topics(tokens, k=4, seed=1, size=50)
    truth = aligned_phi(info["vocab"], info["phi"], tm.vocabulary)
    # match fitted topics to true ones, then compare per-document mean shares
    from scipy.optimize import linear_sum_assignment

    sim = tm.topic_term @ truth.T
    rows, cols = linear_sum_assignment(sim, maximize=True)
    perm = np.empty(4, int)
    perm[cols] = rows
    docs = tm.document_topics(wide=True).set_index("doc_id")
    fitted = docs[[f"topic_{t + 1}" for t in perm]].to_numpy()
    order = [int(d[1:]) for d in docs.index]
    assert np.abs(fitted - info["theta"][order]).mean() < 0.06


def test_tables_are_consistent(synth):
    _, tokens = synth
    tm = dc.fit_topics(tokens, k=4, seed=1, size=50)
    assert np.allclose(tm.topic_term.sum(axis=1), 1)
    assert np.allclose(tm.doc_topic.sum(axis=1), 1)
    assert np.allclose(tm.segment_topic.sum(axis=1), 1)
    long = tm.document_topics("segment")
    assert len(long) == 4 * len(tm.segments)
    wide = tm.document_topics("pseudo", wide=True)
    assert list(wide.columns[-4:]) == ["topic_1", "topic_2", "topic_3", "topic_4"]
    assert "group" in wide.columns  # metadata travels with the shares
    # document share = mean over its pseudo-documents, recomputed independently
    doc = tm.document_topics(wide=True).set_index("doc_id")
    d0 = doc.index[0]
    rows = tm.pseudo_documents["doc_id"].to_numpy() == d0
    assert np.allclose(doc.loc[d0, "topic_2"], tm.doc_topic[rows, 1].mean())
    # a segment that is its own pseudo-document: its share is the mean responsibility
    seg = tm.segments.iloc[0]
    p = tm.pseudo_documents.index[tm.pseudo_documents["pseudo_id"] == seg["pseudo_id"]][0]
    terms = tokens.table[tokens.table["seg_id"] == seg["seg_id"]]["term"].dropna().astype(str)
    ids = np.searchsorted(np.asarray(tm.vocabulary, dtype=object), terms.to_numpy())
    resp = tm.doc_topic[p] * tm.topic_term[:, ids].T
    resp /= resp.sum(axis=1, keepdims=True)
    assert np.allclose(tm.segment_topic[0], resp.mean(axis=0))


def test_top_terms_relevance_and_frex(synth):
    _, tokens = synth
    tm = dc.fit_topics(tokens, k=4, seed=1, size=50)
    t = tm.top_terms(5, relevance_lambda=1.0)
    p = tm.top_terms(5, by="prob")
    assert t["term"].tolist() == p["term"].tolist()  # λ = 1 is ranking by probability
    # relevance by hand for one cell
    row = tm.top_terms(3, relevance_lambda=0.3).iloc[0]
    w = tm.vocabulary.index(row["term"])
    share = tm.term_freq[w] / tm.term_freq.sum()
    phi = tm.topic_term[row["topic"] - 1, w]
    assert row["relevance"] == pytest.approx(0.3 * np.log(phi) + 0.7 * np.log(phi / share))
    f = tm.top_terms(4, by="frex")
    assert (f.groupby("topic")["frex"].apply(lambda s: s.is_monotonic_decreasing)).all()
    labels = tm.labels()
    assert labels.index.tolist() == [1, 2, 3, 4]
    assert labels.is_unique and all(lab.count("-") == 2 for lab in labels)
    topics = tm.topics()
    assert topics[["c_npmi", "u_mass", "exclusivity"]].notna().all().all()
    assert topics["prevalence"].sum() == pytest.approx(1)


def test_representative_prefers_readable_respondent_turns(demo_tokens):
    tm = dc.fit_topics(demo_tokens, k=5, seed=1, iterations=50)
    q = tm.representative(2, n=4)
    assert q["rank"].tolist() == [1, 2, 3, 4]
    assert (q["topic"] == 2).all()
    assert q["share"].is_monotonic_decreasing
    assert q["n_words"].between(20, 120).all()
    assert (q["role"].eq("respondent") | q["unit"].eq("paragraph")).all()
    segments = demo_tokens.segments.set_index("seg_id")
    corpus = demo_tokens.corpus
    for row in q.itertuples():
        assert row.text == segments.loc[row.seg_id, "text"]  # the corpus text, not lemmas
        assert corpus.text(row.doc_id)[row.char_start : row.char_end] == row.text
        # paragraphs have no speaker (NaN on both sides; NaN != NaN)
        speaker = segments.loc[row.seg_id, "speaker"]
        assert speaker == row.speaker or (pd.isna(speaker) and pd.isna(row.speaker))
    # the best readable preferred segment has the highest share among its tier
    seg = tm.segments
    ok = seg["n_words"].between(20, 120) & (
        seg["role"].eq("respondent") | seg["unit"].eq("paragraph")
    )
    assert q["share"].iloc[0] == pytest.approx(tm.segment_topic[ok.to_numpy(), 1].max())
    # no interviewer turn is modelled by default
    assert not tm.segments["role"].eq("interviewer").any()


@pytest.fixture(scope="module")
def demo_tokens(tmp_path_factory):
    from conftest import DEMO

    return dc.preprocess(dc.read_corpus(DEMO), cache=False)


def test_round_trip(synth, tmp_path):
    _, tokens = synth
    tm = dc.fit_topics(tokens, k=4, seed=3, size=50)
    tm.save(tmp_path / "m")
    back = dc.TopicModel.load(tmp_path / "m", corpus=tokens.corpus)
    for name in ("topic_term", "doc_topic", "segment_topic", "alpha", "term_freq"):
        assert np.array_equal(getattr(tm, name), getattr(back, name)), name
    assert back.vocabulary == tm.vocabulary
    for name in ("pseudo_documents", "segments", "metadata", "diagnostics"):
        same(getattr(tm, name), getattr(back, name))
    same(tm.top_terms(10), back.top_terms(10))
    same(tm.topics(), back.topics())
    for unit in ("document", "pseudo", "segment"):
        same(tm.document_topics(unit), back.document_topics(unit))
    same(tm.prevalence(), back.prevalence())
    same(tm.representative(1, 3), back.representative(1, 3))
    # saving again gives byte-identical files; no pickles anywhere
    back.save(tmp_path / "m2")
    cmp = filecmp.dircmp(tmp_path / "m", tmp_path / "m2")
    assert not cmp.diff_files and not cmp.left_only and not cmp.right_only
    assert {p.suffix for p in (tmp_path / "m").iterdir()} == {".npy", ".csv", ".json"}
    # quotes need the corpus
    bare = dc.TopicModel.load(tmp_path / "m")
    with pytest.raises(ParameterError, match="no corpus"):
        bare.representative(1)


def test_round_trip_on_demo_metadata(demo_tokens, tmp_path):
    tm = dc.fit_topics(demo_tokens, k=3, seed=1, iterations=30)
    back = dc.TopicModel.load(tm.save(tmp_path / "demo-model"), corpus=demo_tokens.corpus)
    for unit in ("document", "pseudo", "segment"):
        same(tm.document_topics(unit), back.document_topics(unit))
    same(tm.segments, back.segments)
    assert tm.segments["time"].notna().any()  # transcripts' timestamps survive the trip
    same(tm.metadata, back.metadata)
    same(tm.prevalence("actor_type"), back.prevalence("actor_type"))
    same(tm.representative(2, 4), back.representative(2, 4))
    pd.testing.assert_frame_equal(
        tm.compare("phase", "pilot", "after_pilot"), back.compare("phase", "pilot", "after_pilot")
    )


def test_load_errors(tmp_path, synth):
    with pytest.raises(ParameterError, match=r"model\.json"):
        dc.TopicModel.load(tmp_path)
    _, tokens = synth
    tm = dc.fit_topics(tokens, k=2, seed=1, size=50, iterations=20)
    tm.save(tmp_path / "m")
    (tmp_path / "m" / "doc_topic.npy").unlink()
    with pytest.raises(ParameterError, match="incomplete"):
        dc.TopicModel.load(tmp_path / "m")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("keep me")
    with pytest.raises(ParameterError, match="not a saved topic model"):
        tm.save(tmp_path / "other")
    assert (tmp_path / "other" / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("k", [1, 0, -3, 2.5, True])
def test_k_too_small(synth, k):
    _, tokens = synth
    with pytest.raises(ParameterError, match="k must"):
        dc.fit_topics(tokens, k=k)


def test_k_not_below_pseudo_documents(synth):
    _, tokens = synth
    n = len(dc.topics.pseudo_documents(tokens, size=400))
    with pytest.raises(ParameterError, match=f"only {n}"):
        dc.fit_topics(tokens, k=n, size=400)
    with pytest.raises(ParameterError, match="pseudo-documents"):
        dc.select_k(tokens, ks=[2, n], seeds=[1], size=400, holdout=0)


def test_bad_arguments(synth):
    _, tokens = synth
    with pytest.raises(ParameterError, match="engine"):
        dc.fit_topics(tokens, k=3, engine="mallet")
    with pytest.raises(ParameterError, match="unknown option"):
        dc.fit_topics(tokens, k=3, engine="gensim", iterationz=5)
    with pytest.raises(ParameterError, match="iterations"):
        dc.fit_topics(tokens, k=3, iterations=0)
    with pytest.raises(ParameterError, match="term_weight must be one of one, idf, pmi"):
        dc.fit_topics(tokens, k=3, term_weight="bm25")
    tm = dc.fit_topics(tokens, k=3, seed=1, size=50, iterations=20)
    with pytest.raises(ParameterError, match="topic must be"):
        tm.representative(4)
    with pytest.raises(ParameterError, match="relevance_lambda"):
        tm.top_terms(5, relevance_lambda=1.5)
    with pytest.raises(ParameterError, match="by must"):
        tm.top_terms(5, by="lift")
    with pytest.raises(ParameterError, match="unknown by column 'actor'"):
        tm.prevalence(by="actor")
    with pytest.raises(ParameterError, match="unknown by column"):
        tm.compare("actor", "a", "b")
    with pytest.raises(ParameterError, match="no group 'x'"):
        tm.compare("group", "all", "x")
    with pytest.raises(ParameterError, match="unit"):
        tm.prevalence(unit="word")


def test_missing_group_values_warn(demo_tokens):
    tm = dc.fit_topics(demo_tokens, k=3, seed=1, iterations=20)
    # `role` (a segment column) is missing for policy-document paragraphs
    with pytest.warns(DiscourseWarning, match="have no 'role' value"):
        table = tm.prevalence("role", unit="segment")
    assert set(table["role"]) == {"respondent"}


def test_idf_term_weighting_is_an_option_that_reweights_topics(synth):
    """term_weight="idf" runs deterministically but its topic-term matrix is weighted."""
    info, tokens = synth
    a = dc.fit_topics(tokens, k=4, seed=1, size=50, term_weight="idf")
    b = dc.fit_topics(tokens, k=4, seed=1, size=50, term_weight="idf")
    np.testing.assert_array_equal(a.topic_term, b.topic_term)
    plain = dc.fit_topics(tokens, k=4, seed=1, size=50)
    truth = aligned_phi(info["vocab"], info["phi"], plain.vocabulary)
    assert matched_similarity(plain.topic_term, truth) > matched_similarity(a.topic_term, truth)
