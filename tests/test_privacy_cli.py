"""``discourse pseudonymise`` and ``discourse check-leaks``, and the leak scanner."""

from __future__ import annotations

import json
import re
import stat

import numpy as np
import pytest
from test_privacy_corpus import leaked, write_study

import discourse as dc
from discourse.cli.app import main
from discourse.privacy.leaks import check_leaks


@pytest.fixture
def study(tmp_path):
    return write_study(tmp_path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pseudonymise_prints_counts_and_never_an_original_value(study, capsys):
    report = study.parents[1] / "private" / "study.review.md"
    code, out, err = run(
        capsys, "pseudonymise", "--corpus", str(study), "--format", "csv", "--report", str(report)
    )
    assert code == 0, err
    assert leaked(out + err) == []
    lines = out.splitlines()
    assert lines[0].split(",")[0] == "doc_id"
    rows = {line.split(",")[0]: line for line in lines[1:]}
    assert set(rows) == {"I01", "I02", "TOTAL"}
    key = study.parents[1] / "private" / "study.key.json"
    assert key.is_file() and str(key) in err
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text("utf-8")
    assert "Torgrim" in text and "[[Torgrim]] om du trenger mer" in text
    assert leaked(text) == []  # the report shows candidates and counts, never the mapping
    assert "| TELEFON | 0 | 0 | 4 | 4 |" in text


def test_pseudonymise_with_names_option_and_json_report(study, tmp_path, capsys):
    names = tmp_path / "other-names.csv"
    names.write_text("name,type\nTorgrim,person\n", encoding="utf-8")
    report = tmp_path / "private" / "r.json"
    code, out, err = run(
        capsys,
        "pseudonymise",
        "--corpus",
        str(study),
        "--names",
        str(names),
        "--key",
        str(tmp_path / "private" / "k.json"),
        "--report",
        str(report),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(report.read_text("utf-8"))
    assert data["settings"]["names"] == str(names.resolve())
    assert "Torgrim" not in {c["word"] for c in data["candidates"]}
    assert "Torgrim" not in out + err
    assert (tmp_path / "private" / "k.json").is_file()


def test_report_under_reports_folder_is_refused(study, capsys):
    bad = study.parents[2] / "reports" / "review.md"
    code, _, err = run(capsys, "pseudonymise", "--corpus", str(study), "--report", str(bad))
    assert code == 2
    assert "review report holds real text" in err and not bad.exists()


def test_check_leaks_passes_a_clean_tree_and_finds_planted_leaks(study, capsys):
    corpus = dc.read_corpus(study)
    tokens = dc.preprocess(corpus)  # cache under $DISCOURSE_CACHE_DIR (set by conftest)
    reports = study.parents[2] / "reports"
    reports.mkdir()
    (reports / "summary.csv").write_text(
        tokens.vocabulary().head(20).to_csv(index=False), encoding="utf-8"
    )
    code, out, err = run(capsys, "check-leaks", "--corpus", str(study))
    assert code == 0, err
    assert "no original values found in" in out

    # plant leaks of several kinds in several formats
    (reports / "table.csv").write_text("speaker,n\nKari Nordmann,3\n", encoding="utf-8")
    (reports / "page.html").write_text(
        "<p>ok</p>\n<p>\n<b>KARI&nbsp;NORDMANNS</b> sak</p>\n", encoding="utf-8"
    )
    processed = study.parents[1] / "processed"
    processed.mkdir()
    (processed / "numbers.csv").write_text("x\n91555123\n", encoding="utf-8")
    np.save(processed / "words.npy", np.array(["ok", "Mentorbrua"]), allow_pickle=False)
    (processed / "nb.ipynb").write_text(
        json.dumps({"cells": [{"source": ["Fjordvik kommune"]}]}), encoding="utf-8"
    )
    code, out, err = run(capsys, "check-leaks", "--corpus", str(study), "--format", "csv")
    assert code == 2
    assert "original value(s) found" in err
    assert leaked(out.replace(str(study.parents[2]), "")) == []  # the value is never shown
    found = check_leaks(study)
    got = {(r.file.rsplit("/", 1)[1], r.line, r.pseudonym) for r in found.itertuples()}
    assert got == {
        ("table.csv", "2", "[PERSON_1]"),
        ("page.html", "3", "[PERSON_1]"),
        ("numbers.csv", "2", "[TELEFON]"),
        ("words.npy", "element 2", "[ORG_1]"),
        ("nb.ipynb", "1", "[ORG_2]"),
    }

    # --paths replaces the default roots
    clean = study.parents[2] / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text("[PERSON_1] og [ORG_1]\n", encoding="utf-8")
    code, out, _ = run(capsys, "check-leaks", "--corpus", str(study), "--paths", str(clean))
    assert code == 0 and "1 file(s)" in out


def test_check_leaks_scans_the_cache_of_a_corpus_read_without_pseudonymisation(study, capsys):
    corpus = dc.read_corpus(study)  # writes the key
    assert corpus.privacy is not None
    raw = dc.read_corpus(study, pseudonymise=False)
    dc.preprocess(raw)  # raw text into the cache: a leak
    code, out, _ = run(capsys, "check-leaks", "--corpus", str(study), "--format", "csv")
    assert code == 2
    assert "categories.json" in out  # token surfaces, norms and lemmas


def test_check_leaks_without_key_or_names_is_an_error(tmp_path, capsys):
    folder = tmp_path / "proj" / "data" / "raw" / "x"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Tekst.\n", encoding="utf-8")
    code, _, err = run(capsys, "check-leaks", "--corpus", str(folder))
    assert code == 2 and "run `discourse pseudonymise" in err
    code, _, err = run(
        capsys, "check-leaks", "--corpus", str(folder), "--names", str(tmp_path / "no.csv")
    )
    assert code == 2 and "names list not found" in err


def test_check_leaks_missing_path_is_an_error(study, capsys):
    dc.read_corpus(study)
    code, _, err = run(capsys, "check-leaks", "--corpus", str(study), "--paths", "/no/such/dir")
    assert code == 2 and "/no/such/dir: does not exist" in err


def test_pseudonymise_the_demo_corpus(demo_copy, tmp_path, capsys):
    import pandas as pd

    key = tmp_path / "private" / "demo.key.json"
    code, out, err = run(
        capsys, "pseudonymise", "--corpus", str(demo_copy), "--key", str(key), "--format", "csv"
    )
    assert code == 0, err
    names = pd.read_csv(demo_copy / "names.csv", keep_default_na=False)
    forms = set(names["name"]) | {
        a.strip() for cell in names["aliases"] for a in cell.split(";") if a.strip()
    }
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, forms)) + r")(?![^\W_])")
    assert pattern.search(out + err) is None
    assert "12 document(s) have a listed name in their doc_id or file name" in err
    with pytest.warns(dc.DiscourseWarning, match="12 document"):  # E01_mentorbrua.txt ...
        corpus = dc.read_corpus(demo_copy, pseudonymise={"key": str(key)})
    for row in corpus.segments.itertuples():
        assert corpus.text(row.doc_id)[row.char_start : row.char_end] == row.text
        assert pattern.search(row.text) is None, (row.seg_id, pattern.search(row.text))
        assert not isinstance(row.speaker, str) or pattern.search(row.speaker) is None
    assert int(corpus.privacy.counts["n"].sum()) > 1000
