"""Keyness: G2, log ratio, %DIFF and Yates chi2 against hand computation; groups and errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import corpus_from
from scipy import stats

import discourse as dc
from discourse.contrast.keyness import keyness_stats
from discourse.contrast.score import select_speech
from discourse.errors import ParameterError


def g2_by_hand(a, b, c, d):
    n = c + d
    cells = [(a, (a + b) * c / n), (b, (a + b) * d / n)]
    cells += [(c - a, (n - a - b) * c / n), (d - b, (n - a - b) * d / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def yates_by_hand(a, b, c, d):
    # the textbook closed form, N (|a d' - b c'| - N/2)^2 / (row1 row2 col1 col2)
    c2, d2, n = c - a, d - b, c + d
    return n * (abs(a * d2 - b * c2) - n / 2) ** 2 / ((a + b) * (c2 + d2) * c * d)


def test_a_2x2_table_computed_by_hand():
    # 10 of 1,000 terms in the target, 5 of 1,000 in the reference
    out = keyness_stats([10], [5], [1000], [1000]).iloc[0]
    assert out["G2"] == pytest.approx(g2_by_hand(10, 5, 1000, 1000))
    assert out["G2"] == pytest.approx(1.7115852)  # 2 (10 ln(10/7.5) + 5 ln(5/7.5) + ...)
    assert out["p"] == pytest.approx(stats.chi2.sf(out["G2"], 1))
    assert out["log_ratio"] == pytest.approx(1.0)  # log2((10/1000) / (5/1000))
    assert out["pct_diff"] == pytest.approx(100.0)  # (0.01 - 0.005) / 0.005 * 100
    assert out["chi2"] == pytest.approx(yates_by_hand(10, 5, 1000, 1000))
    assert out["chi2"] == pytest.approx(2000 * (5000 - 1000) ** 2 / (15 * 1985 * 1000 * 1000))


def test_a_zero_cell_and_unequal_sizes():
    # absent from the target: 0 of 2,000 against 4 of 1,000
    out = keyness_stats([0], [4], [2000], [1000]).iloc[0]
    assert out["G2"] == pytest.approx(-g2_by_hand(0, 4, 2000, 1000))
    assert out["log_ratio"] == pytest.approx(math.log2((0.5 / 2000) / (4 / 1000)))
    assert out["pct_diff"] == pytest.approx(-100.0)
    assert out["chi2"] == pytest.approx(-yates_by_hand(0, 4, 2000, 1000))
    # absent from the reference: %DIFF is infinite, log ratio finite
    out = keyness_stats([6], [0], [1000], [3000]).iloc[0]
    assert out["G2"] > 0 and out["pct_diff"] == np.inf
    assert out["log_ratio"] == pytest.approx(math.log2((6 / 1000) / (0.5 / 3000)))


def test_statistics_agree_with_scipy_contingency_tables():
    rng = np.random.default_rng(0)
    for _ in range(20):
        c, d = rng.integers(500, 5000, size=2)
        a, b = rng.integers(0, 60, size=2)
        if a + b == 0:
            continue
        table = np.array([[a, b], [c - a, d - b]])
        g2 = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        yates = stats.chi2_contingency(table, correction=True)[0]
        out = keyness_stats([a], [b], [c], [d]).iloc[0]
        assert abs(out["G2"]) == pytest.approx(g2, rel=1e-9, abs=1e-12)
        assert abs(out["chi2"]) == pytest.approx(yates, rel=1e-9, abs=1e-12)


FILES = {
    "e1.txt": "Kunden og kunden og markedet. Innovasjon skjer.",
    "e2.txt": "Kunden betaler. Innovasjon igjen og igjen.",
    "m1.txt": "Vedtaket følger regelverket. Regelverket er klart. Kunden venter.",
    "m2.txt": (
        "Intervjuer: Hva med innovasjon og innovasjon?\n"
        "Informant: Regelverket og vedtaket gjelder.\n"
        "Intervjuer: Og kunden?\n"
        "Deltaker 2: Regelverket.\n"
    ),
}
META = (
    "file,doc_id,actor_type,lang,doc_type\n"
    "e1.txt,e1,entrepreneur,nb,policy\n"
    "e2.txt,e2,entrepreneur,nb,policy\n"
    "m1.txt,m1,municipal,nb,policy\n"
    "m2.txt,m2,municipal,nb,interview\n"
)


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    corpus = corpus_from(tmp_path_factory.mktemp("keyness"), FILES, meta=META)
    return dc.preprocess(corpus, cache=False)


def test_keyness_counts_terms_documents_and_speakers(tokens):
    table = dc.keyness(tokens, by="actor_type", target="entrepreneur").set_index("term")
    # terms (stopwords such as "og", "er" are not terms); interviewer turns left out
    assert table.loc["kunde", ["freq_target", "freq_reference"]].tolist() == [3, 1]
    assert table.loc["innovasjon", ["freq_target", "freq_reference"]].tolist() == [2, 0]
    assert table.loc["regelverk", ["freq_target", "freq_reference"]].tolist() == [0, 4]
    assert table.loc["regelverk", ["docs_target", "docs_reference"]].tolist() == [0, 2]
    # m2 has two speakers who say "regelverket"; m1 is one paragraph document
    assert table.loc["regelverk", "speakers_reference"] == 3
    # sizes: all terms outside interviewer turns, per group
    attrs = dc.keyness(tokens, by="actor_type", target="entrepreneur").attrs
    sel = select_speech(tokens)
    seg_group = sel.with_segments(["actor_type"])
    sizes = seg_group[seg_group["term"].notna()].groupby("actor_type", observed=True).size()
    assert attrs["size_target"] == sizes["entrepreneur"]
    assert attrs["size_reference"] == sizes["municipal"]
    row = table.loc["regelverk"]
    expected = keyness_stats([0], [4], [attrs["size_target"]], [attrs["size_reference"]]).iloc[0]
    assert row["G2"] == pytest.approx(expected["G2"]) and row["G2"] < 0


def test_benjamini_hochberg_and_order(tokens):
    table = dc.keyness(tokens, by="actor_type", target="entrepreneur")
    assert table["G2"].is_monotonic_decreasing
    p = table["p"].to_numpy()
    m = len(p)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1)
    expected = np.empty(m)
    expected[order] = adjusted
    np.testing.assert_allclose(table["p_adj"].to_numpy(), expected)


def test_wordfreq_reference(tokens):
    import wordfreq

    table = dc.keyness(tokens, by="actor_type", target="entrepreneur", reference="wordfreq")
    c = table.attrs["size_target"]
    row = table.set_index("term").loc["kunde"]
    forms = {"kunden"}  # the only form of "kunde" in the corpus
    expected = c * sum(wordfreq.word_frequency(f, "nb") for f in forms)
    assert row["freq_reference"] == pytest.approx(expected)
    assert row["freq_target"] == 3
    assert table.attrs["size_reference"] == c
    assert table["docs_reference"].isna().all()


def test_bad_input(tokens):
    with pytest.raises(ParameterError, match=r"target 'policy' does not occur in column "
                       r"'actor_type'.*values: entrepreneur, municipal"):
        dc.keyness(tokens, by="actor_type", target="policy")
    with pytest.raises(ParameterError, match="reference 'x' does not occur"):
        dc.keyness(tokens, by="actor_type", target="entrepreneur", reference="x")
    with pytest.raises(ParameterError, match="must differ"):
        dc.keyness(tokens, by="actor_type", target="entrepreneur", reference="entrepreneur")
    with pytest.raises(ParameterError, match="by: unknown column 'sector'"):
        dc.keyness(tokens, by="sector", target="x")


def test_wordfreq_reference_is_per_running_word(tmp_path):
    # wordfreq gives shares of ALL running words (function words included), so the
    # target's relative frequency must be over its running words, not its terms
    import wordfreq

    text = "Vi og de er i kommunen, og vi er der. Det er kommunen vi snakker om og om.\n"
    corpus = corpus_from(
        tmp_path,
        {"a.txt": text, "b.txt": "Regelverket gjelder.\n"},
        meta="file,doc_id,actor_type,lang,doc_type\na.txt,a,x,nb,policy\nb.txt,b,y,nb,policy\n",
    )
    tokens = dc.preprocess(corpus, cache=False)
    table = dc.keyness(tokens, by="actor_type", target="x", reference="wordfreq")
    # counted by hand: 6 + 4 + 8 = 18 words (commas and full stops are not words), of
    # which 2 are "kommunen"; most of the words are stopwords, not terms
    words, a = 18, 2
    f = wordfreq.word_frequency("kommunen", "nb")
    row = table.set_index("term").loc["kommune"]
    assert table.attrs["size_target"] == words
    assert row["freq_target"] == a
    assert row["freq_reference"] == pytest.approx(words * f)
    assert row["log_ratio"] == pytest.approx(math.log2((a / words) / f))
    assert row["pct_diff"] == pytest.approx(100 * ((a / words) - f) / f)


def test_a_segment_as_the_target(tokens):
    # by="seg_id": one paragraph against the rest of the corpus
    table = dc.keyness(tokens, by="seg_id", target="m1:0000").set_index("term")
    sel = select_speech(tokens).table
    mine = sel[(sel["seg_id"].astype(str) == "m1:0000") & sel["term"].notna()]
    counts = mine["term"].astype(str).value_counts()
    assert table.attrs["size_target"] == len(mine)
    assert table.loc["regelverk", "freq_target"] == counts["regelverk"] == 2
    assert table.loc["regelverk", "freq_reference"] == 2  # m2's two respondents
