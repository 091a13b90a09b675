"""`discourse kwic` and `discourse collocates` on the demo corpus."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import DEMO

import discourse as dc
from discourse.cli import main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def tokens():
    return dc.preprocess(dc.read_corpus(DEMO))


def test_kwic_csv_equals_the_api(tokens, capsys):
    code, out, err = run(
        [
            "kwic",
            "pilot",
            "--corpus",
            str(DEMO),
            "--window",
            "6",
            "--sort",
            "R1,R2",
            "--where",
            "actor_type=entrepreneur",
            "--format",
            "csv",
        ],
        capsys,
    )
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    api = dc.kwic(
        tokens, "pilot", window=6, sort=("R1", "R2"), where={"actor_type": "entrepreneur"}
    )
    assert got["keyword"].tolist() == api["keyword"].tolist()
    assert got["char_start"].astype(int).tolist() == api["char_start"].tolist()
    assert (got["actor_type"] == "entrepreneur").all()
    assert f"{len(api)} hits" in err


def test_kwic_table_aligns_the_keyword(tokens, capsys):
    code, out, _ = run(
        ["kwic", "risiko", "--corpus", str(DEMO), "--window", "5", "--format", "table"], capsys
    )
    assert code == 0
    rows = out.splitlines()
    api = dc.kwic(tokens, "risiko", window=5)
    assert len(rows) == len(api) + 1
    col = rows[0].index("keyword")
    for r, k in zip(rows[1:], api["keyword"], strict=True):
        assert r[col : col + len(k)] == k and r[col - 1] == " "


def test_kwic_lemma_vs_token_roles_and_json(tokens, capsys):
    code, out, _ = run(
        [
            "kwic",
            "pilot",
            "--corpus",
            str(DEMO),
            "--match",
            "token",
            "--roles",
            "all",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(dc.kwic(tokens, "pilot", match="token", roles=None))
    assert {r["keyword"].lower() for r in rows} == {"pilot"}


def test_kwic_xlsx_and_html_files(tmp_path, capsys):
    target = tmp_path / "k.xlsx"
    code, out, _ = run(
        [
            "kwic",
            "felles eierskap",
            "--corpus",
            str(DEMO),
            "--format",
            "xlsx",
            "--output",
            str(target),
        ],
        capsys,
    )
    assert code == 0 and out == ""
    back = pd.read_excel(target, sheet_name="kwic")
    assert set(back["keyword"].str.lower()) == {"felles eierskap"}
    query = pd.read_excel(target, sheet_name="query").set_index("setting")["value"]
    assert query["pattern"] == "felles eierskap"
    page = tmp_path / "k.html"
    code, _, _ = run(
        [
            "kwic",
            "felles eierskap",
            "--corpus",
            str(DEMO),
            "--format",
            "html",
            "--output",
            str(page),
        ],
        capsys,
    )
    assert code == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<mark>") == len(back)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["kwic", "(", "--regex"], "invalid regular expression"),
        (["kwic", "pilot", "--window", "0"], "window must be"),
        (["kwic", "pilot", "--where", "sektor=x"], "unknown column 'sektor'"),
        (["kwic", "pilot", "--where", "actor_type"], "use COLUMN=VALUE"),
        (["kwic", "pilot", "--format", "xlsx"], "needs --output"),
        (["kwic", "pilot", "--sort", "R1,Q"], "unknown key"),
        (["kwic", "pilot", "--roles", "boss"], "unknown role"),
        (["collocates", "pilot", "--by", "sektor"], "by: unknown column"),
        (["collocates", "pilot", "--measures", "ll,dice"], "measures: unknown"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv, message, capsys):
    code, out, err = run([*argv, "--corpus", str(DEMO)], capsys)
    assert code == 2 and out == ""
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1 and message in errors[0]


def test_collocates_side_by_side_and_csv(tokens, capsys):
    code, out, _ = run(
        [
            "collocates",
            "risiko",
            "--corpus",
            str(DEMO),
            "--by",
            "actor_type",
            "--min-freq",
            "2",
            "--format",
            "table",
        ],
        capsys,
    )
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:3] == ["rank", "entrepreneur", "entrepreneur"]
    api = dc.collocates(tokens, "risiko", by="actor_type", min_freq=2)
    top = api[api["actor_type"] == "municipal"]["collocate"].iloc[0]
    assert out.splitlines()[1].split()[3] == top
    code, out, _ = run(
        ["collocates", "risiko", "--corpus", str(DEMO), "--by", "actor_type", "--format", "csv"],
        capsys,
    )
    got = pd.read_csv(io.StringIO(out))
    want = dc.collocates(tokens, "risiko", by="actor_type")
    assert got["collocate"].tolist() == want["collocate"].tolist()
    assert got["ll"].round(6).tolist() == want["ll"].round(6).tolist()
