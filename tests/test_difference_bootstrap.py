"""score_difference on hand-made document tables: estimates, the bootstrap, bad input.

(Ported from the tests of compare_scores, a second implementation merged into
score_difference.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse.contrast.difference import score_difference
from discourse.errors import ParameterError

POLES = ["bureaucratic", "entrepreneurial"]


def doc_table(rows, by="period", prior=2.0, poles=POLES):
    """rows: (doc_id, group, bureaucratic hits, entrepreneurial hits, tokens)."""
    long = []
    for doc, group, b, e, t in rows:
        long.append({"doc_id": doc, by: group, "category": "bureaucratic", "hits": b, "tokens": t})
        long.append({"doc_id": doc, by: group, "category": "entrepreneurial", "hits": e, "tokens": t})
    table = pd.DataFrame(long)
    table.attrs.update(unit="document", by=by, prior=prior, poles=poles)
    return table


def compare_scores(table, a, b, **kw):
    """score_difference with one row name per statistic (category or pole_index)."""
    out = score_difference(table, a, b, **kw)
    name = out["category"].where(out["measure"] == "rate", "pole_index")
    return out.assign(statistic=name, a=out["target"], b=out["reference"]).rename(
        columns={"n_docs_target": "n_docs_a", "n_docs_reference": "n_docs_b"}
    )


ROWS = [
    ("d1", "old", 6, 1, 500),
    ("d2", "old", 4, 1, 500),
    ("d3", "old", 5, 0, 1000),
    ("d4", "new", 1, 5, 400),
    ("d5", "new", 1, 3, 400),
]


def test_estimates_by_hand():
    out = compare_scores(doc_table(ROWS), "new", "old", n_boot=500).set_index("statistic")
    # old: B = 15 / 2000 words, E = 2 / 2000; new: B = 2 / 800, E = 8 / 800
    assert out.loc["bureaucratic", "a"] == pytest.approx(2.5)
    assert out.loc["bureaucratic", "b"] == pytest.approx(7.5)
    assert out.loc["entrepreneurial", "a"] == pytest.approx(10.0)
    assert out.loc["entrepreneurial", "b"] == pytest.approx(1.0)
    assert out.loc["pole_index", "a"] == pytest.approx((8 - 2) / (10 + 4))
    assert out.loc["pole_index", "b"] == pytest.approx((2 - 15) / (17 + 4))
    assert np.allclose(out["difference"], out["a"] - out["b"])
    assert (out["lo"] <= out["difference"]).all() and (out["difference"] <= out["hi"]).all()
    assert out["n_docs_a"].tolist() == [2, 2, 2] and out["n_docs_b"].tolist() == [3, 3, 3]
    assert (out.attrs["target"], out.attrs["reference"]) == ("new", "old")


def test_prior_from_the_table_and_swapping_groups():
    raw = compare_scores(doc_table(ROWS, prior=0.0), "old", "new", n_boot=200)
    idx = raw.set_index("statistic").loc["pole_index"]
    assert idx["b"] == pytest.approx(6 / 10)  # (E - B) / (E + B) without smoothing
    assert idx["a"] == pytest.approx(-13 / 17)
    ab = compare_scores(doc_table(ROWS), "new", "old", n_boot=200)
    ba = compare_scores(doc_table(ROWS), "old", "new", n_boot=200)
    assert np.allclose(ab["difference"], -ba["difference"])


def test_interval_is_the_bootstrap_of_the_difference():
    """Independent re-computation: resample documents per group, as the docs describe."""
    table = doc_table(ROWS)
    out = compare_scores(table, "new", "old", n_boot=2000, seed=3).set_index("statistic")
    rng = np.random.default_rng(11)
    docs = {g: [r for r in ROWS if r[1] == g] for g in ("new", "old")}
    diffs = []
    for _ in range(4000):
        rate = {}
        for g, members in docs.items():
            pick = [members[i] for i in rng.integers(0, len(members), len(members))]
            e = sum(r[3] for r in pick)
            w = sum(r[4] for r in pick)
            rate[g] = 1000 * e / w
        diffs.append(rate["new"] - rate["old"])
    lo, hi = np.quantile(diffs, [0.025, 0.975])
    assert out.loc["entrepreneurial", "lo"] == pytest.approx(lo, abs=0.6)
    assert out.loc["entrepreneurial", "hi"] == pytest.approx(hi, abs=0.6)


def test_deterministic():
    a = compare_scores(doc_table(ROWS), "new", "old", n_boot=300, seed=5)
    b = compare_scores(doc_table(ROWS), "new", "old", n_boot=300, seed=5)
    pd.testing.assert_frame_equal(a, b)


def test_without_poles_only_rates():
    table = doc_table(ROWS, poles=None)
    out = compare_scores(table, "new", "old", n_boot=200)
    assert out["statistic"].tolist() == POLES


def test_on_real_scores(demo_copy):
    tokens = dc.preprocess(dc.read_corpus(demo_copy), cache=False)
    docs = dc.score(tokens, by="actor_type", unit="document")
    out = compare_scores(docs, "entrepreneur", "municipal", n_boot=300).set_index("statistic")
    groups = dc.score(tokens, by="actor_type", n_boot=300)
    ent = groups[groups["actor_type"] == "entrepreneur"].set_index("category")
    mun = groups[groups["actor_type"] == "municipal"].set_index("category")
    for cat in ent.index:
        assert out.loc[str(cat), "a"] == pytest.approx(ent.loc[cat, "rate"])
        assert out.loc[str(cat), "b"] == pytest.approx(mun.loc[cat, "rate"])
    assert out.loc["pole_index", "a"] == pytest.approx(ent["pole_index"].iloc[0])


def test_same_group():
    with pytest.raises(ParameterError, match="different groups"):
        compare_scores(doc_table(ROWS), "old", "old")


def test_missing_column():
    table = doc_table(ROWS)
    slim = table.drop(columns="tokens")
    slim.attrs.update(table.attrs)
    with pytest.raises(ParameterError, match="tokens"):
        compare_scores(slim, "new", "old")


def test_unknown_group_lists_the_groups():
    with pytest.raises(ParameterError, match="groups: new, old"):
        compare_scores(doc_table(ROWS), "new", "future")


def test_group_level_table_is_refused():
    table = doc_table(ROWS)
    table.attrs["unit"] = "group"
    with pytest.raises(ParameterError, match="document-level"):
        compare_scores(table, "new", "old")


def test_no_group_column_named():
    table = doc_table(ROWS)
    table.attrs.pop("by")
    with pytest.raises(ParameterError, match="by"):
        compare_scores(table, "new", "old")
    assert compare_scores(table, "new", "old", by="period", n_boot=100).shape[0] == 3


def test_not_a_dataframe():
    with pytest.raises(ParameterError, match="DataFrame"):
        compare_scores([1, 2], "a", "b")
