"""Sentences about a topic model: every number and direction comes from the tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse.topics import narrative
from discourse.topics.selection import KSelection


def selection(c_npmi, c_se, stability, perplexity, n_seeds=3, recommended=None):
    ks = [4, 6, 8]
    summary = pd.DataFrame(
        {
            "k": ks,
            "n_seeds": n_seeds,
            "c_npmi": c_npmi,
            "c_npmi_se": c_se,
            "stability": stability,
            "stability_se": [0.01, 0.02, 0.03],
            "perplexity": perplexity,
        }
    )
    return KSelection(pd.DataFrame(), summary, recommended, "rule", "tomotopy")


def test_adapt_grid():
    assert narrative.adapt_grid([4, 6], limit=10, n_train=11) == ([4, 6], "")
    use, text = narrative.adapt_grid([4, 6, 8, 10], limit=6, n_train=7)
    assert use == [4, 6]
    assert "too small for k = 8 and 10" in text and "at most 6" in text
    assert "7 training pseudo-documents" in text and "those values are" in text
    use, text = narrative.adapt_grid([8, 10], limit=5, n_train=6)
    assert use == [2, 3, 5] and "k = 2, 3 and 5 instead" in text
    use, text = narrative.adapt_grid([4], limit=1, n_train=2)
    assert use == [] and "skipped" in text


def test_choose_k_follows_the_table():
    # best c_npmi at 6 (0.080 - 0.004): 6 and 8 are near; 8 is the more stable
    sel = selection(
        [0.05, 0.08, 0.078],
        [0.002, 0.004, 0.003],
        [0.9, 0.7, 0.85],
        [900.0, 950.0, 1000.0],
        recommended=8,
    )
    k, text = narrative.choose_k(sel)
    assert k == 8
    assert "highest at k = 6 (c_npmi 0.080, standard error 0.004)" in text
    assert "within one standard error of it are 6 and 8" in text
    assert "k = 8 has the highest mean stability (0.85)" in text and "**k = 8**" in text
    assert "perplexity is lowest at k = 4;" in text  # not at the chosen k: said so
    assert "largest k in the grid, so a larger k might" in text  # the edge of the grid
    k, text = narrative.choose_k(sel, k=6, fit_limit=20)
    assert k == 6 and "sets the model to **k = 6** instead" in text
    assert "tentative" not in narrative.choose_k(sel, n_units=80)[1]
    assert "With 79 pseudo-documents for 8 topics" in narrative.choose_k(sel, n_units=79)[1]
    k, text = narrative.choose_k(sel, k=30, fit_limit=20)
    assert k == 8 and "`k = 30` cannot be fitted here" in text and "from 2 to 20" in text
    # a single seed: no stability; one k alone near the best
    sel = selection(
        [0.01, 0.08, 0.02],
        [np.nan] * 3,
        [np.nan] * 3,
        [1000.0, 900.0, 950.0],
        n_seeds=1,
        recommended=6,
    )
    k, text = narrative.choose_k(sel)
    assert k == 6 and "No other k comes within one standard error" in text
    assert "in the grid" not in text
    assert "standard error" not in text.split("(")[1].split(")")[0]
    assert "lowest at k = 6 as well" in text


def test_stability_text():
    sel = selection([0.05, 0.08, 0.078], [0.002] * 3, [0.95, 0.6, 0.3], [1.0] * 3)
    text = narrative.stability_text(sel, 6)
    assert "mean similarity 0.60 (standard error 0.02 over 3 seeds)" in text
    assert "moderately stable" in text and "most stable k in the grid is 4 (0.95)" in text
    assert "most stable k" not in narrative.stability_text(sel, 4)
    sel2 = selection([0.05] * 3, [0.002] * 3, [0.8, 0.6, 0.3], [1.0] * 3, n_seeds=2)
    assert "(one pair of seeds)" in narrative.stability_text(sel2, 4)
    assert "not part of the selection grid" in narrative.stability_text(sel, 5)


def test_agreement_text():
    agreement = pd.DataFrame(
        {
            "topic": [1, 2, 1, 2],
            "label": ["a-b", "c-d", "a-b", "c-d"],
            "seed": [2, 2, 3, 3],
            "similarity": [0.9, 0.8, 0.75, 0.4],
        }
    )
    per, text = narrative.agreement_text(agreement, 0.7)
    assert per["min"].tolist() == [0.75, 0.4]
    assert per["mean"].tolist() == pytest.approx([0.825, 0.6])
    assert per["reproduced"].tolist() == [True, False]
    assert "fits of seeds 2 and 3" in text and "**1 of 2** topics are reproduced" in text
    assert ": 1 (a-b)." in text and "2 (c-d, lowest similarity 0.40)" in text


def prevalence_table(n_docs=(6, 6)):
    return pd.DataFrame(
        {
            "grp": ["a", "b", "a", "b"],
            "topic": [1, 1, 2, 2],
            "label": ["x", "x", "y", "y"],
            "share": [0.5, 0.2, 0.3, 0.35],
            "lo": [0.4, 0.1, 0.2, 0.25],
            "hi": [0.6, 0.3, 0.4, 0.45],
            "n_docs": [n_docs[0], n_docs[1]] * 2,
        }
    )


def test_leaders_text():
    text = narrative.leaders_text(prevalence_table(), "grp")
    assert "Documents per group: a 6 and b 6." in text and "rough" not in text
    assert "**a** on topic 1 (x; 0.500 [0.400, 0.600] against at most 0.300" in text
    assert "On the other 1 topic the leading group's interval overlaps" in text
    text = narrative.leaders_text(prevalence_table((3, 6)), "grp")
    assert "fewer than five documents are rough" in text
    t = prevalence_table()
    t.loc[1, "hi"] = 0.45  # b's interval now reaches a's
    text = narrative.leaders_text(t, "grp")
    assert "On no topic is one group clearly ahead" in text
    assert "largest gap is on topic 1 (x), led by **a**" in text
    one = narrative.leaders_text(t[t["grp"] == "a"], "grp")
    assert "Only one group is present" in one


def test_compare_text():
    table = pd.DataFrame(
        {
            "topic": [1, 2, 3],
            "label": ["x", "y", "z"],
            "a": "ent",
            "b": "mun",
            "difference": [0.1, -0.2, 0.01],
            "lo": [0.05, -0.3, -0.02],
            "hi": [0.15, -0.1, 0.04],
        }
    )
    text = narrative.compare_text(table)
    assert "More room in **ent** talk: topic 1 (x, 0.100 [0.050, 0.150])" in text
    assert "More room in **mun** talk: topic 2 (y, −0.200 [−0.300, −0.100])" in text
    assert "On the other 1 topic the interval includes zero." in text
    none = narrative.compare_text(table.assign(lo=-1.0, hi=1.0))
    assert "no clear difference between ent and mun" in none and "More room" not in none


def test_lexicon_text():
    overlap = pd.DataFrame(
        {
            "topic": [1, 1, 2, 2],
            "label": ["x", "x", "y", "y"],
            "category": ["bureaucratic", "entrepreneurial"] * 2,
            "mass": [0.06, 0.01, 0.02, 0.03],
            "corpus_mass": [0.04, 0.02, 0.04, 0.02],
            "lift": [1.5, 0.5, 0.5, 1.5],
            "top_hits": [3, 0, 1, 2],
            "terms": ["vedtak søknad", "kunde", "regel", "innovasjon kunde"],
        }
    )
    text = narrative.lexicon_text(overlap, top_n=20)
    assert "**bureaucratic** vocabulary weighs most in topic 1 (x): 6.0% of its probability" in text
    assert "1.5 times the corpus's share, with terms such as vedtak and søknad; 3 among" in text
    assert "**entrepreneurial** vocabulary weighs most in topic 2 (y): 3.0%" in text
    assert "in both categories: topics none; in bureaucratic vocabulary only: 1;" in text
    assert "in entrepreneurial vocabulary only: 2; in neither: none." in text
    both = overlap.assign(lift=[1.5, 1.2, 0.5, 0.9])
    text = narrative.lexicon_text(both)
    assert "in both categories: topics 1; in bureaucratic vocabulary only: none;" in text
    assert "entrepreneurial vocabulary only: none; in neither: 2." in text
    zero = overlap.assign(mass=0.0, lift=np.nan)
    assert "No topic's terms match the **bureaucratic** entries" in narrative.lexicon_text(zero)
    other = overlap.assign(category=["rules", "market"] * 2)
    assert "**rules** vocabulary" in narrative.lexicon_text(other)
