"""``discourse topics`` on the demo corpus."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import DEMO

import discourse as dc
from discourse.cli import main
from discourse.cli.topics_commands import parse_ks


def test_topics_prints_terms_per_topic(capsys):
    assert (
        main(["topics", "--corpus", str(DEMO), "--k", "4", "--iterations", "50", "--format", "csv"])
        == 0
    )
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert table["topic"].tolist() == [1, 2, 3, 4]
    assert list(table.columns) == [
        "topic",
        "label",
        "prevalence",
        "c_npmi",
        "exclusivity",
        "top_terms",
        "frex_terms",
    ]
    assert table["prevalence"].sum() == pytest.approx(1, abs=1e-6)
    assert all(len(t.split()) == 8 for t in table["top_terms"])
    # the same as the library call with the same settings
    tokens = dc.preprocess(dc.read_corpus(DEMO))
    tm = dc.fit_topics(tokens, k=4, seed=1, iterations=50)
    assert table["label"].tolist() == tm.labels().tolist()


def test_topics_save_and_html(tmp_path, capsys):
    args = [
        "topics",
        "--corpus",
        str(DEMO),
        "--k",
        "3",
        "--engine",
        "gensim",
        "--passes",
        "2",
        "--save",
        str(tmp_path / "m"),
        "--html",
        str(tmp_path / "t.html"),
        "--format",
        "json",
    ]
    assert main(args) == 0
    out = capsys.readouterr()
    rows = json.loads(out.out)
    assert len(rows) == 3
    assert "model saved" in out.err and "explorer written" in out.err
    back = dc.TopicModel.load(tmp_path / "m")
    assert back.engine == "gensim" and back.options["passes"] == 2
    assert (tmp_path / "t.html").stat().st_size > 1000


def test_topics_select(capsys):
    args = [
        "topics",
        "--corpus",
        str(DEMO),
        "--select",
        "3:5:2",
        "--seeds",
        "1,2",
        "--iterations",
        "40",
        "--format",
        "csv",
        "--jobs",
        "2",
    ]
    assert main(args) == 0
    out = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out.out))
    assert table[["k", "seed"]].values.tolist() == [[3, 1], [3, 2], [5, 1], [5, 2]]
    assert "recommended k = " in out.err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--k", "1"], "at least 2"),
        (["--k", "5000"], "pseudo-documents"),
        ([], "give --k"),
        (["--select", "4-8"], "--select '4-8'"),
        (["--select", "4:8", "--seeds", "a"], "--seeds"),
        (["--k", "3", "--passes", "3"], "--passes"),
        (["--k", "3", "--size", "0"], "size"),
    ],
)
def test_topics_bad_input(capsys, extra, message):
    assert main(["topics", "--corpus", str(DEMO), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("discourse: error:") == 1


def test_parse_ks():
    assert parse_ks("4:16:2") == [4, 6, 8, 10, 12, 14, 16]
    assert parse_ks("5") == [5]
    with pytest.raises(dc.ParameterError):
        parse_ks("4:16:0")
