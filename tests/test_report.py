"""The report runner and its helpers: discourse.report and ``discourse report``.

The runner is tested on tiny notebooks written here (in a temporary ``notebooks/``
folder), so these tests exercise papermill, the kernel, the HTML export, the manifest and
the index without depending on the analysis notebooks themselves (those are executed by
``tests/test_notebooks_run.py``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd
import pytest
from conftest import ROOT

from discourse.cli.app import main
from discourse.cli.report_commands import parse_params
from discourse.errors import ParameterError
from discourse.report import (
    Outputs,
    ReportError,
    corpus_hash,
    interval,
    listing,
    number,
    project_root,
    resolve,
    run_report,
    signed,
)

matplotlib.use("Agg")

MINI = ROOT / "tests" / "data" / "mini"


def write_notebook(folder: Path, name: str, body: str, params: str | None = None) -> Path:
    """A notebook with a parameters cell and one code cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "discourse", "display_name": "x", "language": "python"}
    cells = [nbformat.v4.new_markdown_cell(f"# {name}")]
    p = nbformat.v4.new_code_cell(
        params if params is not None else 'corpus = ""\noutput = ""\nquick = False\nk = 3'
    )
    p.metadata["tags"] = ["parameters"]
    cells += [p, nbformat.v4.new_code_cell(body)]
    nb.cells = cells
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


BODY = """
import pandas as pd
from discourse import report as rp
out = rp.Outputs(output, "{name}")
out.table(pd.DataFrame({{"corpus": [corpus], "quick": [quick], "k": [k]}}), "params")
rp.say(f"k is **{{k}}**")
"""


# --- helpers: text, paths, outputs ---------------------------------------------------


def test_text_helpers_format_by_hand_values() -> None:
    assert interval(0.5, 0.25, 0.75) == "0.50 [0.25, 0.75]"
    assert interval(-1.234, -2.0, -0.5, digits=1) == "−1.2 [−2.0, −0.5]"
    assert signed(float("nan")) == "n/a"
    assert number(1234567) == "1,234,567"
    assert number(-0.5, 1) == "−0.5"
    assert listing(["a"]) == "a"
    assert listing(["a", "b"], "or") == "a or b"


def test_resolve_reads_relative_paths_from_the_project_root(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    assert project_root() == ROOT
    assert resolve("data/raw/demo") == ROOT / "data" / "raw" / "demo"
    assert resolve(tmp_path / "x") == tmp_path / "x"


def test_discourse_root_overrides_and_must_exist(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DISCOURSE_ROOT", str(tmp_path))
    assert resolve("a/b") == tmp_path / "a" / "b"
    monkeypatch.setenv("DISCOURSE_ROOT", str(tmp_path / "missing"))
    with pytest.raises(ParameterError, match="DISCOURSE_ROOT"):
        project_root()


def test_outputs_save_tables_exactly_and_figures_at_300_dpi(tmp_path) -> None:
    import matplotlib.pyplot as plt
    import seaborn as sns

    out = Outputs(tmp_path / "rep", "01_corpus")
    df = pd.DataFrame({"term": ["å", "b"], "x": [0.1, 1 / 3]})
    assert out.table(df, "terms") is df
    back = pd.read_csv(tmp_path / "rep" / "tables" / "01_corpus-terms.csv")
    pd.testing.assert_frame_equal(back, df)  # full precision, UTF-8
    _fig, ax = plt.subplots(figsize=(2, 1))
    assert out.figure(ax, "axes") is ax
    grid = sns.FacetGrid(pd.DataFrame({"a": [1, 2], "g": ["x", "y"]}), col="g")
    out.figure(grid, "grid")
    png = tmp_path / "rep" / "figures" / "01_corpus-axes.png"
    data = png.read_bytes()
    at = data.index(b"pHYs") + 4  # PNG physical size: pixels per metre, x then y
    assert int.from_bytes(data[at : at + 4], "big") == round(300 / 0.0254)
    height, width = plt.imread(png).shape[:2]
    assert width > 2 * 300 * 0.9 and height > 1 * 300 * 0.9  # 2 x 1 inches, tight box
    assert (tmp_path / "rep" / "figures" / "01_corpus-grid.png").stat().st_size > 0
    assert out.written[0].name == "01_corpus-terms.csv"
    plt.close("all")


@pytest.mark.parametrize("name", ["", "../x", "a b", "x/", ".hidden", "a."])
def test_outputs_reject_names_that_are_not_plain(tmp_path, name) -> None:
    with pytest.raises(ParameterError, match="output name"):
        Outputs(tmp_path, "nb").table(pd.DataFrame({"a": [1]}), name)


def test_outputs_reject_what_they_cannot_save(tmp_path) -> None:
    out = Outputs(tmp_path, "nb")
    with pytest.raises(ParameterError, match="DataFrame"):
        out.table([1, 2], "x")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="cannot save a str"):
        out.figure("not a figure", "x")


def test_corpus_hash_follows_content_and_ignores_hidden_files(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(b"two")
    expected = hashlib.sha256()
    for rel, data in (("a.txt", b"one"), ("sub/b.txt", b"two")):
        expected.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    assert corpus_hash(tmp_path) == (expected.hexdigest(), 2)
    (tmp_path / ".cache").write_bytes(b"ignored")
    assert corpus_hash(tmp_path)[0] == expected.hexdigest()
    (tmp_path / "a.txt").write_bytes(b"One")
    assert corpus_hash(tmp_path)[0] != expected.hexdigest()
    with pytest.raises(ParameterError, match="not a folder"):
        corpus_hash(tmp_path / "a.txt")


def test_parse_params_reads_yaml_values() -> None:
    assert parse_params(["k=8", "seeds=[1, 2]", "group=actor_type", "quick_x=true"]) == {
        "k": 8,
        "seeds": [1, 2],
        "group": "actor_type",
        "quick_x": True,
    }
    for bad in ("k", "=3", "1x=2", "k=[1,"):
        with pytest.raises(ParameterError, match="--param"):
            parse_params([bad])


# --- the runner ----------------------------------------------------------------------


def test_run_report_executes_writes_and_records(tmp_path) -> None:
    nbs = tmp_path / "nbs"
    write_notebook(nbs, "01_corpus", BODY.format(name="01_corpus"))
    write_notebook(
        nbs, "03_kwic", BODY.format(name="03_kwic"), 'corpus = ""\noutput = ""\nquick = 0'
    )
    rep = run_report(
        MINI,
        tmp_path / "out",
        notebooks=["01", "03_kwic"],
        parameters={"k": 7},
        quick=True,
        folder=nbs,
        echo=False,
    )
    assert [r.name for r in rep.runs] == ["01_corpus", "03_kwic"]
    assert rep.runs[0].error is None
    params = pd.read_csv(tmp_path / "out" / "tables" / "01_corpus-params.csv")
    assert params.to_dict("records") == [{"corpus": str(MINI), "quick": True, "k": 7}]
    # k goes only to the notebook that declares it; 03 keeps its parameters cell and fails
    # on the undefined name, which the report records instead of raising
    assert "k" not in rep.runs[1].parameters
    assert rep.runs[1].error is not None and "NameError" in rep.runs[1].error
    assert not rep.ok
    html = (tmp_path / "out" / "01_corpus.html").read_text("utf-8")
    assert "k is <strong>7</strong>" in html
    manifest = json.loads(rep.manifest.read_text("utf-8"))
    assert manifest["corpus"] == {
        "path": "tests/data/mini",
        "sha256": corpus_hash(MINI)[0],
        "files": corpus_hash(MINI)[1],
    }
    table = tmp_path / "out" / "tables" / "01_corpus-params.csv"
    assert (
        manifest["tables"]["tables/01_corpus-params.csv"]
        == hashlib.sha256(table.read_bytes()).hexdigest()
    )
    assert manifest["notebooks"][0]["parameters"] == {"corpus": str(MINI), "quick": True, "k": 7}
    assert manifest["kernel"] == "discourse" and manifest["quick"] is True
    assert manifest["versions"]["gensim"] != "not installed"
    assert "01_corpus.html" in rep.index.read_text("utf-8")


def test_a_failing_cell_is_reported_not_hidden(tmp_path, capsys) -> None:
    nbs = tmp_path / "nbs"
    write_notebook(nbs, "02_topics", "x = 1\nraise ValueError('boom')")
    rep = run_report(MINI, tmp_path / "out", notebooks=["02"], folder=nbs, echo=False)
    assert not rep.ok
    assert rep.runs[0].error is not None and "ValueError" in rep.runs[0].error
    assert "boom" in (tmp_path / "out" / "02_topics.html").read_text("utf-8")
    status = json.loads(rep.manifest.read_text("utf-8"))["notebooks"][0]["status"]
    assert status.startswith("error") and "ValueError" in status


def test_stale_files_of_a_rerun_notebook_are_removed(tmp_path) -> None:
    nbs = tmp_path / "nbs"
    write_notebook(nbs, "01_corpus", BODY.format(name="01_corpus"))
    stale = tmp_path / "out" / "tables" / "01_corpus-old.csv"
    other = tmp_path / "out" / "tables" / "02_topics-kept.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("a\n1\n")
    other.write_text("a\n1\n")
    run_report(MINI, tmp_path / "out", notebooks=["01"], folder=nbs, echo=False)
    assert not stale.exists() and other.exists()


def test_bad_arguments_give_clear_errors(tmp_path) -> None:
    nbs = tmp_path / "nbs"
    write_notebook(nbs, "01_corpus", "pass")
    write_notebook(nbs, "02_topics", "pass", params="corpus = ''\nquick = False")
    kw = {"folder": nbs, "echo": False}
    with pytest.raises(ParameterError, match="unknown notebook '07'"):
        run_report(MINI, tmp_path / "o", notebooks=["07"], **kw)
    with pytest.raises(ReportError, match=r"04_logics\.ipynb: notebook not found"):
        run_report(MINI, tmp_path / "o", notebooks=["04"], **kw)
    with pytest.raises(ParameterError, match=r"declares parameter.*nope; known: k"):
        run_report(MINI, tmp_path / "o", notebooks=["01"], parameters={"nope": 1}, **kw)
    with pytest.raises(ParameterError, match="own arguments"):
        run_report(MINI, tmp_path / "o", notebooks=["01"], parameters={"corpus": "x"}, **kw)
    with pytest.raises(ReportError, match="does not declare output"):
        run_report(MINI, tmp_path / "o", notebooks=["02"], **kw)
    with pytest.raises(ParameterError, match="not a folder"):
        run_report(tmp_path / "missing", tmp_path / "o", notebooks=["01"], **kw)
    with pytest.raises(ParameterError, match="timeout"):
        run_report(MINI, tmp_path / "o", notebooks=["01"], timeout=0, **kw)
    assert not (tmp_path / "o").exists()  # nothing written before the checks pass


def test_cli_report_exits_2_on_bad_input(tmp_path, capsys) -> None:
    code = main(["report", "--corpus", str(MINI), "--notebooks", "09", "--output", str(tmp_path)])
    assert code == 2
    assert "unknown notebook '09'" in capsys.readouterr().err
    code = main(["report", "--corpus", str(MINI), "--param", "oops"])
    assert code == 2
    assert "NAME=VALUE" in capsys.readouterr().err
