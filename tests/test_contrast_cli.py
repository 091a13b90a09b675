"""The ``score`` and ``keyness`` commands: output tables and exit status on bad input."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from discourse.cli.app import main

FILES = {
    "e1.txt": "Innovasjon og kundene. Forretningsmodellen gir inntekter.",
    "e2.txt": "Vi skalerer innovasjonen med investorer.",
    "m1.txt": "Vedtaket følger regelverket. Søknaden dokumenteres skriftlig.",
    "m2.txt": "Budsjettet og regelverket. Saksbehandlingen tar tid.",
}
META = (
    "file,doc_id,actor_type,lang\n"
    "e1.txt,e1,entrepreneur,nb\ne2.txt,e2,entrepreneur,nb\n"
    "m1.txt,m1,municipal,nb\nm2.txt,m2,municipal,nb\n"
)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "metadata.csv").write_text(META, encoding="utf-8")
    return root


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_by_group_as_csv(folder, capsys):
    code, out, _ = run(capsys, "score", "--corpus", str(folder), "--by", "actor_type",
                       "--format", "csv", "--n-boot", "200")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert set(table["actor_type"]) == {"entrepreneur", "municipal"}
    e = table[(table["actor_type"] == "entrepreneur") & (table["category"] == "entrepreneurial")]
    m = table[(table["actor_type"] == "municipal") & (table["category"] == "bureaucratic")]
    # hits counted by hand: innovasjon, kundene, forretningsmodellen, inntekter,
    # skalerer, innovasjonen, investorer / vedtaket, regelverket, søknaden,
    # dokumenteres, skriftlig, budsjettet, regelverket, saksbehandlingen
    assert e["hits"].item() == 7 and m["hits"].item() == 8
    assert {"rate_lo", "rate_hi", "pole_index", "n_docs"} <= set(table.columns)


def test_score_per_document_and_keyness(folder, capsys):
    code, out, _ = run(capsys, "score", "--corpus", str(folder), "--format", "json")
    assert code == 0
    assert set(pd.read_json(io.StringIO(out))["doc_id"]) == {"e1", "e2", "m1", "m2"}
    code, out, _ = run(capsys, "keyness", "--corpus", str(folder), "--by", "actor_type",
                       "--target", "municipal", "--top", "3", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 3 and table["term"].iloc[0] == "regelverk"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["keyness", "--by", "actor_type", "--target", "policy"], "target 'policy' does not occur"),
        (["keyness", "--by", "sector", "--target", "x"], "by: unknown column 'sector'"),
        (["score", "--lexicon", "nope.yml"], "nope.yml: no such lexicon"),
        (["score", "--unit", "group"], "needs by="),
    ],
)
def test_bad_input_exits_2_with_one_line(folder, capsys, argv, message):
    code, _, err = run(capsys, argv[0], "--corpus", str(folder), *argv[1:])
    assert code == 2
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1 and message in errors[0]


def test_malformed_lexicon_exits_2_naming_the_line(folder, tmp_path, capsys):
    bad = tmp_path / "mine.yml"
    bad.write_text("rules:\n  - regelverk*\n - vedtak\n", encoding="utf-8")
    code, _, err = run(capsys, "score", "--corpus", str(folder), "--lexicon", str(bad))
    assert code == 2
    assert "mine.yml: line 3, column 2: malformed YAML" in err
