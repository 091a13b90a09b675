"""Lexicon overlap of topics: probability mass and top terms in each lexicon category."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse.contrast.lexicon import Lexicon, LexiconError
from discourse.errors import ParameterError
from discourse.topics import TopicModel
from discourse.topics.lexicon import term_categories

VOCAB = ["felles_eierskap", "kunde", "regelverk", "skole", "vedtak"]
PHI = np.array(
    [
        [0.10, 0.40, 0.25, 0.15, 0.10],
        [0.30, 0.02, 0.10, 0.48, 0.10],
    ]
)
FREQ = np.array([10, 20, 30, 30, 10])
LEX = Lexicon.from_dict({"rules": ["regel*", "vedtak"], "market": ["kunde", "eierskap*"]})


def hand_model(vocab=VOCAB, phi=PHI, freq=FREQ, lang: str | None = "nb") -> TopicModel:
    k = phi.shape[0]
    meta = pd.DataFrame({"doc_id": ["d1"]})
    if lang is not None:
        meta["lang"] = lang
    return TopicModel(
        k=k,
        engine="tomotopy",
        seed=0,
        options={},
        settings={},
        vocabulary=list(vocab),
        topic_term=phi,
        doc_topic=np.full((1, k), 1 / k),
        segment_topic=np.full((1, k), 1 / k),
        alpha=np.full(k, 0.1),
        term_freq=np.asarray(freq),
        pseudo_documents=pd.DataFrame(
            {
                "pseudo_id": ["d1#0"],
                "doc_id": ["d1"],
                "seg_ids": ["d1:0"],
                "n_segments": 1,
                "n_terms": 1,
            }
        ),
        segments=pd.DataFrame({"seg_id": ["d1:0"], "doc_id": ["d1"], "pseudo_id": ["d1#0"]}),
        metadata=meta,
        diagnostics=pd.DataFrame({"topic": range(1, k + 1)}),
    )


def test_mass_lift_and_top_terms_by_hand():
    # relevance_lambda=1 ranks by probability, so the top 2 terms are known:
    # topic 1: kunde (0.40), regelverk (0.25); topic 2: skole (0.48), felles_eierskap (0.30)
    tab = hand_model().lexicon_overlap(LEX, n=2, relevance_lambda=1.0)
    assert tab["category"].tolist() == ["rules", "market", "rules", "market"]
    assert tab["topic"].tolist() == [1, 1, 2, 2]
    row = tab.set_index(["topic", "category"])
    # rules = regelverk + vedtak; market = kunde + felles_eierskap (through eierskap*)
    assert row.loc[(1, "rules"), "mass"] == pytest.approx(0.25 + 0.10)
    assert row.loc[(1, "market"), "mass"] == pytest.approx(0.40 + 0.10)
    assert row.loc[(2, "rules"), "mass"] == pytest.approx(0.10 + 0.10)
    assert row.loc[(2, "market"), "mass"] == pytest.approx(0.30 + 0.02)
    # corpus shares: rules (30 + 10) / 100, market (20 + 10) / 100
    assert row.loc[(1, "rules"), "corpus_mass"] == pytest.approx(0.40)
    assert row.loc[(2, "market"), "corpus_mass"] == pytest.approx(0.30)
    assert row.loc[(1, "rules"), "lift"] == pytest.approx(0.35 / 0.40)
    assert row.loc[(1, "market"), "lift"] == pytest.approx(0.50 / 0.30)
    assert row.loc[(1, "rules"), "top_hits"] == 1 and row.loc[(1, "market"), "top_hits"] == 1
    assert row.loc[(2, "rules"), "top_hits"] == 0 and row.loc[(2, "market"), "top_hits"] == 1
    assert row.loc[(2, "market"), "top_share"] == pytest.approx(0.5)
    assert (tab["n_terms"] == 2).all()
    # terms in order of probability within the topic
    assert row.loc[(1, "market"), "terms"] == "kunde felles_eierskap"
    assert row.loc[(2, "market"), "terms"] == "felles_eierskap kunde"
    assert row.loc[(1, "rules"), "terms"] == "regelverk vedtak"
    assert tab["label"].tolist()[0] == hand_model().labels().loc[1]


def test_function_and_method_agree_and_defaults_to_the_shipped_lexicon():
    tm = hand_model()
    a = dc.lexicon_overlap(tm, LEX, n=3)
    b = tm.lexicon_overlap(LEX, n=3)
    pd.testing.assert_frame_equal(a, b)
    shipped = tm.lexicon_overlap()
    cats = Lexicon.load("institutional-logics").top_categories
    assert shipped["category"].unique().tolist() == cats
    # regelverk* and vedtak* are bureaucratic entries of the shipped nb part
    bur = shipped[(shipped["topic"] == 1) & (shipped["category"] == "bureaucratic")].iloc[0]
    assert bur["mass"] == pytest.approx(0.25 + 0.10)


def test_terms_with_zero_probability_are_not_listed():
    phi = np.array([[0.5, 0.0, 0.25, 0.25, 0.0], [0.2, 0.2, 0.2, 0.2, 0.2]])
    tab = hand_model(phi=phi).lexicon_overlap(LEX).set_index(["topic", "category"])
    assert tab.loc[(1, "market"), "terms"] == "felles_eierskap"
    assert tab.loc[(1, "rules"), "terms"] == "regelverk"
    assert tab.loc[(2, "rules"), "terms"] == "regelverk vedtak"  # ties keep vocabulary order


def test_phrase_and_exact_entries():
    vocab = ["felles", "felles_eierskap", "eierskapet", "eierskap", "sosial_verdiskaping"]
    lex = Lexicon.from_dict(
        {"phrase": ["felles eierskap"], "exact": ["eierskap"], "glob": ["verdiskap*"]}
    )
    got = term_categories(vocab, lex)
    assert got == {"phrase": [1], "exact": [1, 3], "glob": [4]}


def test_subcategories_and_languages():
    lex = Lexicon.from_dict(
        {
            "nb": {"rules": {"law": ["lov"], "case": ["vedtak"]}},
            "en": {"rules": {"law": ["rule*"], "case": ["ruling"]}},
        },
        lang="multi",
    )
    vocab = ["lov", "rulebook", "vedtak"]
    assert term_categories(vocab, lex, ["rules.law"], ["nb"]) == {"rules.law": [0]}
    assert term_categories(vocab, lex, ["rules"], ["nb"]) == {"rules": [0, 2]}
    assert term_categories(vocab, lex, ["rules"], ["en"]) == {"rules": [1]}
    assert term_categories(vocab, lex, ["rules"]) == {"rules": [0, 1, 2]}
    phi = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    freq = np.array([1, 1, 1])
    # the model's documents are bokmål: the English part is not used
    nb = hand_model(vocab, phi, freq, lang="nb").lexicon_overlap(lex)
    assert nb["mass"].tolist() == pytest.approx([0.7, 0.7])
    # no lang column: every part is pooled
    anylang = hand_model(vocab, phi, freq, lang=None).lexicon_overlap(lex)
    assert anylang["mass"].tolist() == pytest.approx([1.0, 1.0])
    chosen = hand_model(vocab, phi, freq, lang="nb").lexicon_overlap(lex, langs=["en"])
    assert chosen["mass"].tolist() == pytest.approx([0.3, 0.3])


def test_no_category_terms_gives_zero_mass_and_no_lift():
    lex = Lexicon.from_dict({"civil": ["frivillig*"]})
    tab = hand_model().lexicon_overlap(lex)
    assert (tab["mass"] == 0).all() and (tab["n_terms"] == 0).all()
    assert tab["lift"].isna().all() and (tab["terms"] == "").all()


def test_bad_input():
    tm = hand_model()
    with pytest.raises(LexiconError, match="unknown category 'nope'"):
        tm.lexicon_overlap(LEX, categories=["nope"])
    with pytest.raises(ParameterError, match="n must be"):
        tm.lexicon_overlap(LEX, n=0)
    with pytest.raises(ParameterError, match="categories is empty"):
        tm.lexicon_overlap(LEX, categories=[])
    with pytest.raises(LexiconError, match="no 'nn' part"):
        hand_model(lang="nn").lexicon_overlap(Lexicon.from_dict({"rules": ["regel*"]}, lang="nb"))
    with pytest.raises(LexiconError, match="no such lexicon"):
        tm.lexicon_overlap("no-such-lexicon")
