"""Latent Semantic Scaling: the polarity formula, document scores, seeds, sanity, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ParameterError

ADMIN = [
    "Saksbehandlingen følger forvaltningsloven og regelverket i kommunestyret.",
    "Søknaden vurderes etter tildelingskriteriene, og vedtaket dokumenteres skriftlig.",
    "Kommunestyret krever likebehandling og forsvarlig saksbehandling.",
    "Budsjettet og anskaffelsesregelverket gjelder for kommunestyret.",
    "Avvik rapporteres i internkontrollen, og klagen går til kommunestyret.",
]
STARTUP = [
    "Kafeen har en forretningsmodell med inntekter fra kundene.",
    "Innovasjon og nytenkning gjør kafeen levedyktig.",
    "Vi vil skalere kafeen og finne investorer.",
    "Kafeen skaper sosial verdiskaping og samfunnseffekt for kundene.",
    "Kundene i kafeen liker de fleksible løsningene og innovasjonen.",
]


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    rng = np.random.default_rng(0)
    files, meta = {}, ["file,doc_id,kind,lang"]
    for i in range(4):
        for kind, sentences in (("admin", ADMIN), ("startup", STARTUP)):
            picked = rng.permutation(sentences)[:4]
            files[f"{kind}{i}.txt"] = " ".join(picked)
            meta.append(f"{kind}{i}.txt,{kind}{i},{kind},nb")
    corpus = corpus_from(tmp_path_factory.mktemp("lss"), files, meta="\n".join(meta) + "\n")
    return dc.preprocess(corpus, cache=False)


def test_norwegian_sanity_documents_and_terms_land_on_the_expected_sides(tokens):
    res = dc.scale(tokens, min_count=1)
    docs = res.documents.set_index("doc_id")["score"]
    admin = docs[docs.index.str.startswith("admin")]
    startup = docs[docs.index.str.startswith("startup")]
    assert (admin < 0).all() and (startup > 0).all()
    polarity = res.terms.set_index("term")["polarity"]
    # not seeds: they are placed by the company they keep
    assert "kommunestyre" not in set(res.seeds["term"]) and "kafe" not in set(res.seeds["term"])
    assert polarity["kommunestyre"] < 0 < polarity["kafe"]


def test_polarity_is_mean_cosine_to_positive_minus_negative_seeds(tokens):
    seeds = {"innovasjon": 1, "kunde": 1, "regelverk": -1, "vedtak": -1, "budsjett": -1}
    res = dc.scale(
        tokens, seeds=seeds, min_count=1, weighting="count", context="sentence", embedding="lsa"
    )
    # with every dimension kept, the cosine of SVD term vectors (V S) equals the cosine
    # of the columns of the sentence-term count matrix: recompute it directly
    t = tokens.select(exclude_roles=["interviewer"]).table
    t = t[t["term"].notna()]
    x = pd.crosstab([t["doc_id"].astype(str), t["sent_id"]], t["term"].astype(str))
    rank = np.linalg.matrix_rank(x.to_numpy(dtype=float))
    assert res.k >= rank  # the default k keeps the whole space for this small corpus
    cols = x.to_numpy(dtype=float)
    cols = cols / np.linalg.norm(cols, axis=0)
    cos = pd.DataFrame(cols.T @ cols, index=x.columns, columns=x.columns)
    expected = (
        cos[["innovasjon", "kunde"]].mean(axis=1)
        - cos[["regelverk", "vedtak", "budsjett"]].mean(axis=1)
    )
    got = res.terms.set_index("term")["polarity"]
    np.testing.assert_allclose(got[expected.index], expected, atol=1e-8)
    weights = res.seeds.set_index("term")["weight"]
    assert weights["innovasjon"] == pytest.approx(0.5)
    assert weights["vedtak"] == pytest.approx(-1 / 3)


def test_default_term_vectors_are_the_right_singular_vectors_as_in_lsx(tokens):
    # Watanabe's LSX takes the rows of V (not V S). With every informative dimension
    # kept, V V' is the projection onto the row space of X, P = pinv(X) X, whatever the
    # SVD's signs and rotations, so the cosine of terms i and j is P_ij / sqrt(P_ii P_jj)
    seeds = {"innovasjon": 1, "kunde": 1, "regelverk": -1, "vedtak": -1, "budsjett": -1}
    res = dc.scale(tokens, seeds=seeds, min_count=1, weighting="count")
    t = tokens.select(exclude_roles=["interviewer"]).table
    t = t[t["term"].notna()]
    x = pd.crosstab([t["doc_id"].astype(str), t["sent_id"]], t["term"].astype(str))
    x_arr = x.to_numpy(dtype=float)
    assert res.k >= np.linalg.matrix_rank(x_arr)
    p = np.linalg.pinv(x_arr) @ x_arr
    d = np.sqrt(np.diag(p))
    cos = pd.DataFrame(p / np.outer(d, d), index=x.columns, columns=x.columns)
    expected = (
        cos[["innovasjon", "kunde"]].mean(axis=1)
        - cos[["regelverk", "vedtak", "budsjett"]].mean(axis=1)
    )
    got = res.terms.set_index("term")["polarity"]
    np.testing.assert_allclose(got[expected.index], expected, atol=1e-6)
    assert res.settings["embedding"] == "lss"
    # and it differs from the LSA space (V S): the choice matters
    lsa = dc.scale(tokens, seeds=seeds, min_count=1, weighting="count", embedding="lsa")
    assert not np.allclose(lsa.terms.set_index("term")["polarity"][expected.index], expected)


def test_document_scores_are_frequency_weighted_mean_polarity_z_scaled(tokens):
    res = dc.scale(tokens, min_count=1)
    polarity = res.terms.set_index("term")["polarity"]
    t = tokens.table[tokens.table["term"].notna()]
    raw = t.groupby("doc_id", observed=True)["term"].agg(
        lambda s: polarity[s.astype(str)].mean()
    )
    docs = res.documents.set_index("doc_id")
    np.testing.assert_allclose(docs["raw"], raw[docs.index], rtol=1e-9)
    assert docs["score"].mean() == pytest.approx(0, abs=1e-9)
    assert docs["score"].std(ddof=1) == pytest.approx(1)
    assert list(res.documents["doc_id"]) == list(tokens.documents["doc_id"])


def test_glob_seeds_share_their_weight(tokens):
    res = dc.scale(tokens, seeds={"innovasjon*": 1, "regelverk*": -1}, min_count=1)
    pos = res.seeds[res.seeds["pole"] > 0]
    assert pos["weight"].sum() == pytest.approx(1.0)
    assert res.seeds.loc[res.seeds["pole"] < 0, "weight"].sum() == pytest.approx(-1.0)


def test_deterministic_and_seed_bootstrap(tokens):
    a = dc.scale(tokens, min_count=1, n_boot=200, seed=4)
    b = dc.scale(tokens, min_count=1, n_boot=200, seed=4)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    assert (a.documents["score_lo"] <= a.documents["score_hi"]).all()
    assert (a.documents["score_sd"] > 0).any()
    # one seed per pole: every resample draws the same seeds, so no spread at all
    one = dc.scale(tokens, seeds={"innovasjon": 1, "regelverk": -1}, min_count=1, n_boot=100)
    np.testing.assert_allclose(one.documents["score_lo"], one.documents["score"])
    np.testing.assert_allclose(one.documents["score_hi"], one.documents["score"])


def test_bad_input(tokens):
    with pytest.raises(ParameterError, match=r"no occurrences in the corpus.*blockchain"):
        dc.scale(tokens, seeds={"innovasjon": 1, "blockchain": 1, "regelverk": -1}, min_count=1)
    with pytest.raises(ParameterError, match="no negative seed"):
        dc.scale(tokens, seeds={"innovasjon": 1}, min_count=1)
    with pytest.raises(ParameterError, match="method must be 'lss'"):
        dc.scale(tokens, method="wordfish")
    with pytest.raises(ParameterError, match="k must be between"):
        dc.scale(tokens, min_count=1, k=10_000)
    with pytest.raises(ParameterError, match="embedding must be"):
        dc.scale(tokens, embedding="word2vec")
    with pytest.raises(ParameterError, match="weight 0"):
        dc.scale(tokens, seeds={"innovasjon": 0, "regelverk": -1}, min_count=1)


def test_rare_terms_are_left_out_without_warnings(tokens):
    # min_count=2 leaves terms out of the model: scores average the model terms only,
    # and building the matrix raises no (pandas deprecation) warning
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = dc.scale(tokens, min_count=2)
    t = tokens.table[tokens.table["term"].notna()]
    freq = t["term"].astype(str).value_counts()
    model = set(freq.index[freq >= 2])
    assert set(res.terms["term"]) == model
    polarity = res.terms.set_index("term")["polarity"]
    kept = t[t["term"].astype(str).isin(model)]
    raw = kept.groupby("doc_id", observed=True)["term"].agg(
        lambda s: polarity[s.astype(str)].mean()
    )
    n = kept.groupby("doc_id", observed=True).size()
    docs = res.documents.set_index("doc_id")
    np.testing.assert_allclose(docs["raw"], raw[docs.index], rtol=1e-9)
    assert docs["n_terms"].tolist() == n[docs.index].tolist()
