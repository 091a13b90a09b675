"""The discourse command line: output formats, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import DEMO

from discourse.cli import main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_demo_csv(capsys):
    code, out, err = run(["ingest", "--corpus", str(DEMO), "--format", "csv"], capsys)
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert table["doc_id"].iloc[-1] == "TOTAL"
    total = table.set_index("doc_id").loc["TOTAL"]
    assert int(total["n_segments"]) == int(table["n_segments"].iloc[:-1].sum())
    assert {"turns_interviewer", "turns_respondent", "paragraphs", "n_chars", "lang"} <= set(table)
    assert err == ""


def test_ingest_json_and_output_file(tmp_path, capsys):
    target = tmp_path / "summary.json"
    code, out, _ = run(
        ["ingest", "--corpus", str(DEMO), "--format", "json", "--output", str(target)], capsys
    )
    assert code == 0 and out == ""
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert rows[-1]["doc_id"] == "TOTAL" and len(rows) == 34


def test_table_format_is_human_readable(capsys):
    code, out, _ = run(["ingest", "--corpus", str(DEMO), "--format", "table"], capsys)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["doc_id", "file", "structure"]


def test_preprocess_command_uses_the_cache(capsys):
    code, out, err = run(["preprocess", "--corpus", str(DEMO), "--format", "csv"], capsys)
    assert code == 0
    assert "tokens computed" in err
    table = pd.read_csv(io.StringIO(out)).set_index("lang")
    assert set(table.index) == {"nb", "nn", "all"}
    assert table.loc["all", "tokens"] == table.loc["nb", "tokens"] + table.loc["nn", "tokens"]
    # a new process (with other string hashing) finds the same cache entry
    done = subprocess.run(
        [sys.executable, "-m", "discourse.cli", "preprocess", "--corpus", str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert done.returncode == 0 and "tokens cache" in done.stderr, done.stderr


def test_bad_folder_exits_2_with_one_line(tmp_path, capsys):
    code, out, err = run(["ingest", "--corpus", str(tmp_path / "finnes-ikke")], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "finnes-ikke: is not a folder" in err


def test_bad_metadata_exits_2_naming_the_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Tekst.\n")
    (tmp_path / "metadata.csv").write_text("fil\na.txt\n")
    code, _, err = run(["ingest", "--corpus", str(tmp_path)], capsys)
    assert code == 2
    assert "metadata.csv: has no `file` column" in err


def test_warnings_go_to_stderr_and_strict_fails(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Tekst.\n")
    (tmp_path / "b.rtf").write_text("{\\rtf1}")
    code, out, err = run(["ingest", "--corpus", str(tmp_path), "--format", "csv"], capsys)
    assert code == 0 and "warning: b.rtf: skipped" in err and out.startswith("doc_id,")
    code, _, err = run(["ingest", "--corpus", str(tmp_path), "--strict"], capsys)
    assert code == 2 and "1 problem(s) in strict mode" in err and "b.rtf" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["ingest"],
        ["frobnicate", "--corpus", "x"],
        ["ingest", "--corpus", "x", "--format", "xml"],
    ],
)
def test_bad_usage_exits_2(argv, capsys):
    code, _, err = run(argv, capsys)
    assert code == 2 and "usage:" in err


def test_console_script_csv_when_piped(tmp_path):
    (tmp_path / "a.txt").write_text("I: Hei?\nR: Hei.\nI: Takk.\n")
    done = subprocess.run(
        [sys.executable, "-m", "discourse.cli", "ingest", "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("doc_id,file,structure,lang,n_segments")
