"""select_k: the table, the recommendation rule, and identical results in parallel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from topics_synth import tokens_of, write_corpus

import discourse as dc
from discourse.errors import ParameterError
from discourse.topics.selection import METRICS, recommend_k


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(folder, n_docs=30, k=4, paragraphs=4, seed=5)
    return tokens_of(folder)


def test_parallel_equals_sequential_and_finds_true_k(tokens):
    kw = {"ks": [2, 4, 7], "seeds": (1, 2), "size": 50, "iterations": 60}
    one = dc.select_k(tokens, n_jobs=1, **kw)
    two = dc.select_k(tokens, n_jobs=2, **kw)
    pd.testing.assert_frame_equal(one.table, two.table, check_exact=True)
    assert one.recommended == two.recommended
    t = one.table
    assert t[["k", "seed"]].values.tolist() == [[2, 1], [2, 2], [4, 1], [4, 2], [7, 1], [7, 2]]
    assert list(t.columns) == ["k", "seed", *METRICS]
    assert t[list(METRICS)].notna().all().all()
    assert (t["diversity"] <= 1).all() and (t["stability"] <= 1 + 1e-9).all()
    # data generated from 4 disjoint topics: k=4 is the most coherent and stable
    assert one.recommended == 4
    s = one.summary.set_index("k")
    assert s.loc[4, "stability"] > 0.95
    assert s.loc[4, "c_npmi"] == s["c_npmi"].max()
    assert "k=4" in one.rule


def test_gensim_engine_and_no_holdout(tokens):
    sel = dc.select_k(tokens, ks=[3], seeds=[1], engine="gensim", size=50, holdout=0, passes=2)
    assert sel.table["perplexity"].isna().all()
    assert sel.table["stability"].isna().all()  # one seed: no stability
    assert sel.recommended == 3 and sel.engine == "gensim"


def test_recommend_rule_by_hand():
    summary = pd.DataFrame(
        {
            "k": [4, 6, 8, 10],
            "c_npmi": [0.050, 0.080, 0.078, 0.060],
            "c_npmi_se": [0.002, 0.004, 0.003, 0.002],
            "stability": [0.90, 0.70, 0.85, 0.95],
        }
    )
    # best k=6 (0.080 - 0.004 = 0.076): candidates 6 and 8; 8 is more stable
    k, rule = recommend_k(summary)
    assert k == 8 and "6, 8" in rule
    summary["stability"] = np.nan  # single seed: smallest candidate
    summary["c_npmi_se"] = np.nan
    assert recommend_k(summary)[0] == 6


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"ks": [1, 3]}, "at least 2"),
        ({"ks": []}, "ks is empty"),
        ({"ks": [3, 3]}, "repeated"),
        ({"ks": [3], "seeds": [1.5]}, "seeds must be whole"),
        ({"ks": [3], "holdout": 0.7}, "holdout"),
        ({"ks": [3], "n_jobs": 0}, "n_jobs"),
        ({"ks": [3], "engine": "mallet"}, "engine"),
    ],
)
def test_bad_input(tokens, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        dc.select_k(tokens, **kwargs)


def test_plot(tokens):
    import matplotlib

    matplotlib.use("Agg")
    sel = dc.select_k(tokens, ks=[2, 3], seeds=(1, 2), size=50, iterations=20, n_jobs=1)
    grid = sel.plot()
    assert len(grid.axes.flat) == len(METRICS)
    titles = {ax.get_title() for ax in grid.axes.flat}
    assert any("c_npmi" in t for t in titles)


def test_max_k_is_the_limit_select_k_accepts(tokens):
    # 30 documents, each shorter than 1,000 terms: one pseudo-document each;
    # 10% held out = 3, so 27 train and k may be at most 26
    from discourse.topics.selection import max_k

    assert max_k(tokens, size=1000) == 26
    assert max_k(tokens, size=1000, holdout=0) == 29
    sel = dc.select_k(tokens, ks=[26], seeds=[1], size=1000, iterations=2)
    assert sel.table["k"].tolist() == [26]
    with pytest.raises(ParameterError, match="k=27"):
        dc.select_k(tokens, ks=[27], seeds=[1], size=1000, iterations=2)
    with pytest.raises(ParameterError, match="holdout"):
        max_k(tokens, holdout=0.5)


def test_progress_bars_follow_tqdm_disable(monkeypatch):
    from discourse.progress import progress_off

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    assert progress_off(None, small=False) is False
    assert progress_off(None, small=True) is True
    monkeypatch.setenv("TQDM_DISABLE", "1")
    assert progress_off(None, small=False) is True  # headless report runs
    assert progress_off(True, small=False) is False  # asked for explicitly
    assert progress_off(False, small=False) is True
