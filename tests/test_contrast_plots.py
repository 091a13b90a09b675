"""Contrast figures: the drawn elements match the tables they come from."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from test_scaling import tokens  # noqa: F401 - the LSS corpus fixture

import discourse as dc
from discourse.contrast.plots import (
    plot_keyness,
    plot_polarity,
    plot_scale,
    plot_scores,
)
from discourse.errors import ParameterError


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_keyness_bars(tokens):  # noqa: F811
    table = dc.keyness(tokens, by="kind", target="admin")
    ax = plot_keyness(table, n=4)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ordered = table.sort_values("G2", ascending=False)
    expected = list(ordered[ordered["G2"] > 0]["term"].head(4))
    expected += list(ordered[ordered["G2"] < 0]["term"].tail(4))
    assert labels == expected
    widths = sorted(round(p.get_width(), 6) for p in ax.patches if p.get_width() != 0)
    assert widths == sorted(round(v, 6) for v in table.set_index("term").loc[expected, "G2"])
    with pytest.raises(ParameterError, match="measure"):
        plot_keyness(table, measure="p")


def test_group_scores_with_intervals(tokens):  # noqa: F811
    table = dc.score(tokens, by="kind", n_boot=200)
    ax = plot_scores(table)
    points = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(points) == 2  # one series per group
    xs = np.sort(np.concatenate([p.get_xdata() for p in points]))
    np.testing.assert_allclose(xs, np.sort(table["rate"].to_numpy()))
    ax2 = plot_scores(table, "pole_index")
    assert [t.get_text() for t in ax2.get_yticklabels()] == ["pole index"]
    with pytest.raises(ParameterError, match="by="):
        plot_scores(dc.score(tokens))


def test_scale_and_polarity(tokens):  # noqa: F811
    res = dc.scale(tokens, min_count=1, n_boot=50)
    ax = plot_scale(res, tokens.documents, by="kind")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(res.documents.sort_values("score", kind="stable")["doc_id"])
    ax = plot_polarity(res, n_labels=3, min_freq=1)
    named = {t.get_text() for t in ax.texts}
    terms = res.terms
    assert set(terms.nlargest(3, "polarity")["term"]) <= named
    assert set(terms.nsmallest(3, "polarity")["term"]) <= named
    with pytest.raises(ParameterError, match="metadata"):
        plot_scale(res, by="kind")
