"""discourse.concordance.compare: word rates per group with intervals, sampled lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.concordance.compare import keyword_rates, sample_lines, word_patterns
from discourse.errors import ParameterError

# A (interview, entrepreneur): the question is not searched; the answer has 11 words,
#   one "piloten", one "risiko", and "Felles eierskap".
# B (policy): 6 words, "Risiko" twice.
A = (
    "Intervjuer: Hva mener du om piloten og risiko?\n"
    "Informant: Eh, piloten var bra, ikke sant. Felles eierskap og risiko i 2024.\n"
    "Intervjuer: Takk.\n"
)
B = "Risiko og regelverk. Risiko er x.\n"
META = "file,doc_id,doc_type,actor_type\na.txt,A,interview,entrepreneur\nb.txt,B,policy,policy\n"


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    corpus = corpus_from(tmp_path_factory.mktemp("rates"), {"a.txt": A, "b.txt": B}, meta=META)
    return dc.preprocess(corpus, cache=False)


def test_counts_and_rates_per_group(tokens):
    words = {"risiko": "risiko", "pilot": ["pilot*"], "absent": "zzz"}
    got = keyword_rates(tokens, words, by="actor_type", n_boot=0)
    assert got["word"].tolist() == ["risiko"] * 2 + ["pilot"] * 2 + ["absent"] * 2
    table = {(r.word, r.actor_type): (r.hits, r.words, r.docs, r.n_docs) for r in got.itertuples()}
    assert table[("risiko", "entrepreneur")] == (1, 11, 1, 1)
    assert table[("risiko", "policy")] == (2, 6, 1, 1)
    assert table[("pilot", "entrepreneur")] == (1, 11, 1, 1)  # the question's is not counted
    assert table[("absent", "policy")] == (0, 6, 0, 1)
    rates = {(r.word, r.actor_type): r.rate for r in got.itertuples()}
    assert rates[("risiko", "policy")] == pytest.approx(10_000 * 2 / 6)
    assert got["rate_lo"].isna().all()  # n_boot=0: no intervals
    # the hits agree with the concordance
    lines = dc.kwic(tokens, "risiko")
    assert len(lines) == got[got["word"] == "risiko"]["hits"].sum()


def test_overlapping_patterns_count_a_hit_once(tokens):
    got = keyword_rates(tokens, {"eierskap": ["felles eierskap", "eierskap", "*skap"]}, n_boot=0)
    assert got["hits"].tolist() == [1]
    per_mille = keyword_rates(tokens, ["risiko"], per=1000, n_boot=0, roles=None)
    assert per_mille["hits"].tolist() == [4]  # the question's too, with roles=None
    assert per_mille["rate"].iloc[0] == pytest.approx(1000 * 4 / (7 + 11 + 1 + 6))


def test_intervals_resample_documents(tmp_path):
    # four policy documents of 4 words with 0, 1, 2 and 3 hits of "risiko"
    files = {f"d{i}.txt": " ".join(["risiko"] * i + ["tiltak"] * (4 - i)) + "\n" for i in range(4)}
    meta = "file,doc_id,doc_type,actor_type\n" + "".join(
        f"d{i}.txt,d{i},policy,policy\n" for i in range(4)
    )
    tokens = dc.preprocess(corpus_from(tmp_path, files, meta=meta), cache=False)
    a = keyword_rates(tokens, ["risiko"], by="actor_type", n_boot=500, seed=3)
    b = keyword_rates(tokens, ["risiko"], by="actor_type", n_boot=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    row = a.iloc[0]
    assert row["rate"] == pytest.approx(10_000 * 6 / 16)
    assert row["rate_lo"] < row["rate"] < row["rate_hi"]
    # a resample of documents can hold at most 3 hits per 4 words, at least none
    assert row["rate_lo"] >= 0 and row["rate_hi"] <= 10_000 * 3 / 4


def test_one_document_groups_get_no_interval(tokens):
    got = keyword_rates(tokens, ["risiko"], by="actor_type", n_boot=200)
    assert got["rate_lo"].isna().all() and got["rate_hi"].isna().all()
    assert got["rate"].notna().all()


def test_word_patterns_forms():
    assert word_patterns("pilot") == {"pilot": ["pilot"]}
    assert word_patterns({"a": "x", "b": ["y", "z"]}) == {"a": ["x"], "b": ["y", "z"]}


def test_sample_lines_keeps_order_and_is_reproducible():
    lines = pd.DataFrame({"g": list("abababababa"), "keyword": [f"w{i}" for i in range(11)]})
    one = sample_lines(lines, "g", n=3, seed=1)
    two = sample_lines(lines, "g", n=3, seed=1)
    pd.testing.assert_frame_equal(one, two)
    assert one["g"].tolist() == ["a"] * 3 + ["b"] * 3
    for g in "ab":  # within a group, the concordance's own order
        idx = one.index[one["g"] == g].tolist()
        assert idx == sorted(idx)
        assert set(idx) <= set(np.flatnonzero(lines["g"] == g))
    missing = pd.DataFrame({"g": ["a", None], "keyword": ["x", "y"]})
    assert sample_lines(missing, "g")["keyword"].tolist() == ["y", "x"]  # "(none)" sorts first


def test_bad_input(tokens):
    with pytest.raises(ParameterError, match="words is empty"):
        keyword_rates(tokens, {})
    with pytest.raises(ParameterError, match="needs a pattern"):
        keyword_rates(tokens, {"x": []})
    with pytest.raises(ParameterError, match="unknown column 'sector'"):
        keyword_rates(tokens, ["risiko"], by="sector")
    with pytest.raises(ParameterError, match="n_boot"):
        keyword_rates(tokens, ["risiko"], n_boot=50)
    with pytest.raises(ParameterError, match="per must"):
        keyword_rates(tokens, ["risiko"], per=0)
    with pytest.raises(ParameterError, match="no column 'nope'"):
        sample_lines(pd.DataFrame({"g": []}), "nope")
    with pytest.raises(ParameterError, match="n must"):
        sample_lines(pd.DataFrame({"g": []}), "g", n=0)


def test_word_dispersion_merges_the_patterns_of_a_word(tokens):
    from discourse.concordance import dispersion_summary
    from discourse.concordance.compare import word_dispersion

    hits = word_dispersion(tokens, {"risk": ["risiko", "risik*"], "rules": ["regelverk", "zzz"]})
    assert list(hits["term"].cat.categories) == ["risk", "rules"]
    # "risiko" matches both patterns; each token is one hit: A's answer once, B twice
    assert hits.groupby("term", observed=False).size().to_dict() == {"risk": 3, "rules": 1}
    summary = dispersion_summary(hits)
    assert summary[["term", "hits", "documents"]].values.tolist() == [
        ["risk", 3, 2],
        ["rules", 1, 1],
    ]


def test_plot_rates_draws_one_row_per_word(tokens):
    import matplotlib

    matplotlib.use("Agg")
    from discourse.concordance.compare import plot_rates

    table = keyword_rates(tokens, {"risiko": "risiko", "pilot": "pilot*"}, by="actor_type")
    ax = plot_rates(table, "actor_type")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["risiko", "pilot"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["entrepreneur", "policy"]
    assert "per 10,000 words" in ax.get_xlabel()
    with pytest.raises(ParameterError, match="plot_rates needs"):
        plot_rates(table.drop(columns="rate_lo"), "actor_type")
