"""group_positions(): mean LSS scores per group with cluster-bootstrap intervals."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from discourse.contrast.plots import plot_positions
from discourse.contrast.positions import group_positions
from discourse.contrast.scaling import Scaling
from discourse.errors import DiscourseWarning, ParameterError


def scaling(scores: dict[str, float]) -> Scaling:
    docs = pd.DataFrame({"doc_id": list(scores), "n_terms": 10, "raw": 0.0,
                         "score": list(scores.values())})
    seeds = pd.DataFrame({"pattern": ["innovasjon*", "innovasjon*", "vedtak*", "regelverk*"],
                          "pole": [1.0, 1.0, -1.0, -1.0],
                          "term": ["innovasjon", "innovasjonsarbeid", "vedtak", "regelverk"],
                          "weight": [0.5, 0.5, -0.5, -0.5]})
    return Scaling(docs, pd.DataFrame(), seeds, k=2)


META = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e"],
                     "actor_type": ["x", "x", "x", "y", "y"]})


def test_means_and_intervals_by_hand():
    res = scaling({"a": 1.0, "b": 0.0, "c": 2.0, "d": -1.0, "e": -1.0})
    out = group_positions(res, META, "actor_type", n_boot=500, seed=3)
    assert list(out.columns) == ["actor_type", "n_docs", "score", "score_lo", "score_hi"]
    assert out["actor_type"].tolist() == ["x", "y"]
    assert out["n_docs"].tolist() == [3, 2]
    np.testing.assert_allclose(out["score"], [1.0, -1.0])
    # x: a resampled mean of {0, 1, 2} lies in [0, 2] and the interval holds the mean
    assert 0.0 <= out.loc[0, "score_lo"] <= 1.0 <= out.loc[0, "score_hi"] <= 2.0
    # y: both documents score -1, so every resample does
    assert out.loc[1, "score_lo"] == out.loc[1, "score_hi"] == -1.0
    assert out.attrs["seeds_positive"] == 1 and out.attrs["seeds_negative"] == 2
    assert out.attrs["by"] == "actor_type" and out.attrs["n_boot"] == 500


def test_differences_from_a_reference_group():
    res = scaling({"a": 1.0, "b": 1.0, "c": 1.0, "d": -1.0, "e": -0.5})
    out = group_positions(res, META, "actor_type", reference="y", n_boot=400, seed=0)
    x, y = out.set_index("actor_type").loc["x"], out.set_index("actor_type").loc["y"]
    assert x["difference"] == pytest.approx(1.0 - (-0.75))
    # x's documents are all 1.0; y's resampled means lie in [-1, -0.5]
    assert 1.5 <= x["difference_lo"] <= x["difference"] <= x["difference_hi"] <= 2.0
    assert np.isnan(y["difference"]) and np.isnan(y["difference_lo"])
    assert out.attrs["reference"] == "y"
    with pytest.raises(ParameterError, match="reference 'z'"):
        group_positions(res, META, "actor_type", reference="z", n_boot=200)


def test_deterministic_for_a_seed():
    res = scaling({"a": 1.0, "b": 0.3, "c": 2.0, "d": -1.0, "e": 0.5})
    one = group_positions(res, META, "actor_type", n_boot=300, seed=1)
    two = group_positions(res, META, "actor_type", n_boot=300, seed=1)
    pd.testing.assert_frame_equal(one, two)


def test_single_document_and_missing_values_warn():
    res = scaling({"a": 1.0, "b": 0.0, "c": 2.0, "d": -1.0, "e": -1.0})
    meta = META.assign(actor_type=["x", "x", "x", "y", None])
    with pytest.warns(DiscourseWarning) as caught:
        out = group_positions(res, meta, "actor_type", n_boot=200)
    messages = " ".join(str(w.message) for w in caught)
    assert "1 scaled document(s) have no 'actor_type' value" in messages
    assert "single document" in messages
    row = out.set_index("actor_type").loc["y"]
    assert row["n_docs"] == 1 and row["score"] == -1.0
    assert np.isnan(row["score_lo"]) and np.isnan(row["score_hi"])


def test_bad_input():
    res = scaling({"a": 1.0, "b": 0.0, "c": 2.0, "d": -1.0, "e": -1.0})
    with pytest.raises(ParameterError, match="'phase'"):
        group_positions(res, META, "phase")
    with pytest.raises(ParameterError, match="no scaled document"), pytest.warns(
        DiscourseWarning
    ):
        group_positions(res, META.assign(actor_type=None), "actor_type")
    with pytest.raises(ParameterError, match="n_boot"):
        group_positions(res, META, "actor_type", n_boot=10)


def test_plot_positions_draws_each_group():
    res = scaling({"a": 1.0, "b": 0.0, "c": 2.0, "d": -1.0, "e": -2.0})
    out = group_positions(res, META, "actor_type", n_boot=200)
    ax = plot_positions(out)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["y (n=2)", "x (n=3)"]  # sorted by score, lowest first
    xs = [line.get_xdata()[0] for line in ax.get_lines() if line.get_marker() == "o"]
    np.testing.assert_allclose(xs, [-1.5, 1.0])
    with pytest.raises(ParameterError, match="group_positions"):
        plot_positions(out.drop(columns="score_lo"))
    plt.close("all")
