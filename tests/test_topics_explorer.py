"""The offline HTML explorer and the topic plots."""

from __future__ import annotations

import json
import re

import matplotlib
import numpy as np
import pytest
from topics_synth import tokens_of, write_corpus

import discourse as dc
from discourse.topics.explorer import intertopic_map
from discourse.topics.plots import plot_prevalence, plot_top_terms

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(
        folder,
        n_docs=20,
        k=3,
        group_theta={"A": np.array([0.6, 0.2, 0.2]), "B": np.array([0.2, 0.4, 0.4])},
    )
    return dc.fit_topics(tokens_of(folder), k=3, seed=1, size=50, iterations=100)


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_html_is_self_contained_and_carries_the_model(model, tmp_path):
    path = model.to_html(tmp_path / "out" / "topics.html", by="group")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from elsewhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    data = _data(page)
    assert [t["topic"] for t in data["topics"]] == [1, 2, 3]
    prev = model.doc_topic.mean(axis=0)
    assert [t["prevalence"] for t in data["topics"]] == pytest.approx(prev.tolist())
    # the embedded candidates reproduce the top 30 by relevance at λ = 0.6 (what the
    # page ranks on load)
    top = model.top_terms(30, 0.6)
    for t in data["topics"]:
        rel = 0.6 * np.log(t["phi"]) + 0.4 * np.log(np.array(t["phi"]) / np.array(t["p"]))
        order = np.lexsort((np.array(t["terms"]), -rel))[:30]
        ranked = [t["terms"][i] for i in order]
        assert ranked == top[top["topic"] == t["topic"]]["term"].tolist()
    groups = {r["group"] for r in data["prevalence"]}
    assert groups == {"A", "B"}
    assert "quotes" not in data  # no interview text unless asked for


def test_html_quotes_are_escaped(model, tmp_path):
    page = model.to_html(tmp_path / "q.html", quotes=2).read_text(encoding="utf-8")
    data = _data(page)
    assert len(data["quotes"]["1"]) == 2
    seg = model.corpus.segments.set_index("seg_id")
    q = data["quotes"]["1"][0]
    assert q["text"] == seg.loc[q["seg_id"], "text"]


def test_intertopic_map_preserves_distances():
    rng = np.random.default_rng(1)
    phi = rng.dirichlet(np.full(40, 0.2), 4)
    xy = intertopic_map(phi)
    assert xy.shape == (4, 2)
    assert np.array_equal(xy, intertopic_map(phi))
    # identical topics land on the same point
    same = intertopic_map(np.vstack([phi[0], phi[0], phi[1]]))
    assert np.allclose(same[0], same[1])


def test_plots(model):
    prev = model.prevalence("group")
    ax = plot_prevalence(prev, by="group")
    # one error-bar series per group, one point per topic
    lines = [c for c in ax.containers]
    assert len(lines) == 2
    assert len(ax.get_yticklabels()) == 3
    grid = plot_top_terms(model.top_terms(5))
    assert len(grid.axes.flat) == 3
    assert all(len(a.patches) == 5 for a in grid.axes.flat)
    assert model.plot_prevalence("group") is not None
    titled = model.plot_terms(5)  # panels titled with number and label
    labels = model.labels()
    assert [a.get_title() for a in titled.axes.flat] == [
        f"topic {t}\n{labels[t]}" for t in labels.index
    ]
    with pytest.raises(dc.ParameterError, match="lacks"):
        plot_prevalence(prev.drop(columns="lo"), by="group")


def test_plot_compare():
    import pandas as pd

    from discourse.topics.plots import plot_compare

    table = pd.DataFrame(
        {
            "topic": [2, 1, 3],
            "label": ["y", "x", "z"],
            "a": "g1",
            "b": "g2",
            "difference": [0.2, -0.1, 0.05],
            "lo": [0.1, -0.3, -0.05],
            "hi": [0.3, 0.1, 0.15],
        }
    )
    ax = plot_compare(table)
    # topic 2 excludes 0 (one series), topics 1 and 3 include it (a grey series)
    assert [len(c.lines[0].get_xdata()) for c in ax.containers] == [1, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1: x", "2: y", "3: z"]
    assert "g1 − g2" in ax.get_xlabel()
    with pytest.raises(dc.ParameterError, match="lacks"):
        plot_compare(table.drop(columns="hi"))
