"""score_difference() and key_terms(): hand-computed values and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_scaling import tokens  # noqa: F401 - the small admin/startup corpus

import discourse as dc
from discourse.contrast.difference import score_difference
from discourse.contrast.keyterms import key_terms
from discourse.errors import DiscourseWarning, ParameterError

POLES = ["bureaucratic", "entrepreneurial"]


def doc_table(rows: list[tuple]) -> pd.DataFrame:
    """rows: (doc_id, group, bureaucratic hits, entrepreneurial hits, tokens)."""
    out = []
    for doc, group, b, e, n in rows:
        out.append({"doc_id": doc, "g": group, "category": "bureaucratic", "hits": b, "tokens": n})
        out.append(
            {"doc_id": doc, "g": group, "category": "entrepreneurial", "hits": e, "tokens": n}
        )
    table = pd.DataFrame(out)
    table.attrs.update({"by": "g", "poles": POLES, "prior": 2.0})
    return table


def test_difference_by_hand():
    table = doc_table(
        [
            ("a", "x", 1, 9, 1000),
            ("b", "x", 3, 7, 500),
            ("c", "y", 8, 2, 1000),
            ("d", "y", 6, 4, 1000),
        ]
    )
    out = score_difference(table, "x", "y", n_boot=400, seed=2)
    assert out["measure"].tolist() == ["rate", "rate", "pole_index"]
    assert out["category"].tolist() == ["bureaucratic", "entrepreneurial", ""]
    # x: 4 bureaucratic and 16 entrepreneurial hits in 1,500 words; y: 14 and 6 in 2,000
    np.testing.assert_allclose(out["target"], [4 / 1.5, 16 / 1.5, (16 - 4) / (20 + 4)])
    np.testing.assert_allclose(out["reference"], [14 / 2, 6 / 2, (6 - 14) / (20 + 4)])
    np.testing.assert_allclose(out["difference"], out["target"] - out["reference"])
    assert (out["lo"] <= out["difference"]).all() and (out["difference"] <= out["hi"]).all()
    # every resample of x has a higher index than every resample of y (x's documents
    # all lean entrepreneurial, y's bureaucratic), so the interval is above 0
    assert out.loc[2, "lo"] > 0
    assert out.attrs["target"] == "x" and out.attrs["n_boot"] == 400


def test_identical_documents_give_a_degenerate_interval():
    table = doc_table(
        [
            ("a", "x", 2, 8, 1000),
            ("b", "x", 2, 8, 1000),
            ("c", "y", 5, 5, 1000),
            ("d", "y", 5, 5, 1000),
        ]
    )
    out = score_difference(table, "x", "y", n_boot=200)
    np.testing.assert_allclose(out["lo"], out["difference"])
    np.testing.assert_allclose(out["hi"], out["difference"])
    # x: 4 and 16 hits in 2,000 words, index 12 / 24; y: 10 and 10, index 0
    np.testing.assert_allclose(out["difference"], [-3.0, 3.0, 0.5])


def test_group_estimates_match_score(tokens):  # noqa: F811
    docs = dc.score(tokens, by="kind", unit="document")
    groups = dc.score(tokens, by="kind", n_boot=200)
    out = score_difference(docs, "startup", "admin", n_boot=200)
    for row in out.itertuples():
        for name, col in (("startup", "target"), ("admin", "reference")):
            sel = groups[groups["kind"] == name]
            if row.measure == "rate":
                expected = sel.loc[sel["category"] == row.category, "rate"].iloc[0]
            else:
                expected = sel["pole_index"].iloc[0]
            assert getattr(row, col) == pytest.approx(expected)
    index = out[out["measure"] == "pole_index"].iloc[0]
    assert index["lo"] > 0  # start-up prose is clearly more entrepreneurial


def test_single_document_group_has_no_interval():
    table = doc_table([("a", "x", 1, 9, 1000), ("c", "y", 8, 2, 1000), ("d", "y", 6, 4, 1000)])
    with pytest.warns(DiscourseWarning, match="single document"):
        out = score_difference(table, "x", "y", n_boot=200)
    assert out["lo"].isna().all() and out["hi"].isna().all()
    assert out["difference"].notna().all()


def test_difference_bad_input():
    table = doc_table(
        [
            ("a", "x", 1, 9, 1000),
            ("b", "x", 3, 7, 500),
            ("c", "y", 8, 2, 1000),
            ("d", "y", 6, 4, 1000),
        ]
    )
    with pytest.raises(ParameterError, match="'z' does not occur in column 'g'"):
        score_difference(table, "x", "z")
    with pytest.raises(ParameterError, match="different groups"):
        score_difference(table, "x", "x")
    with pytest.raises(ParameterError, match="unit='document'"):
        score_difference(table.drop(columns="tokens"), "x", "y")


def keyness_table() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "term": ["innovasjon", "kunde", "vedtak", "tilbud", "regel"],
            "docs_target": [6, 1, 0, 0, 2],
            "docs_reference": [2, 0, 7, 1, 1],
            "G2": [20.0, 9.0, -18.0, -8.0, 0.0],
            "p": [0.0001, 0.003, 0.0001, 0.004, 1.0],
        }
    )
    table.attrs.update({"target": "entrepreneur", "reference": "municipal"})
    return table


def test_key_terms_drops_rare_terms():
    out = key_terms(keyness_table(), min_docs=2)
    # kunde: one target document (key for target); tilbud: one reference document
    assert out["term"].tolist() == ["innovasjon", "vedtak", "regel"]
    assert out.attrs["dropped_rare"] == 2
    assert out.attrs["target"] == "entrepreneur"
    # Benjamini-Hochberg over the three kept p-values (1e-4, 1e-4, 1), by hand:
    # sorted ranks 1..3, p * m / rank, cumulative minimum from the top
    np.testing.assert_allclose(out["p_adj"], [1.5e-4, 1.5e-4, 1.0])


def test_key_terms_keeps_everything_when_asked():
    out = key_terms(keyness_table(), min_docs=1)
    assert out["term"].tolist() == keyness_table()["term"].tolist()
    assert out.attrs["dropped_rare"] == 0
    with pytest.raises(ParameterError, match="min_docs"):
        key_terms(keyness_table(), min_docs=0)
    with pytest.raises(ParameterError, match="missing: docs_target"):
        key_terms(keyness_table().drop(columns="docs_target"))


def test_key_terms_with_wordfreq_reference_counts():
    table = keyness_table().assign(
        docs_reference=pd.array([pd.NA] * 5, dtype="Int64"), G2=[5.0] * 5
    )
    out = key_terms(table, min_docs=2)
    assert out["term"].tolist() == ["innovasjon", "regel"]
