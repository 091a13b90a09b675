"""Leak guard: committed notebooks carry no outputs and no execution counts.

Outputs of a notebook run on interview data are interview data. Contributors install the
filter once with ``nbstripout --install --attributes .gitattributes``; this test is the
backstop that ``make test`` (and CI) runs.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import ROOT


def committed_notebooks(root: Path) -> list[Path]:
    """Notebooks under ``notebooks/`` that git tracks; every one when not a git checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", "notebooks"],
            cwd=root,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return sorted((root / "notebooks").rglob("*.ipynb"))
    return sorted(root / p for p in listed.split("\0") if p.endswith(".ipynb"))


def notebook_problems(path: Path) -> list[str]:
    """What a notebook carries that it should not: outputs and execution counts."""
    nb = json.loads(path.read_text("utf-8"))
    problems = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{path.name}: cell {i} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{path.name}: cell {i} has an execution count")
    return problems


def test_the_guard_catches_outputs_and_counts(tmp_path):
    dirty = tmp_path / "dirty.ipynb"
    dirty.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "markdown", "source": ["# ok"]},
                    {
                        "cell_type": "code",
                        "execution_count": 3,
                        "outputs": [{"output_type": "stream", "text": ["Kari: ..."]}],
                        "source": ["corpus.segments"],
                    },
                    {"cell_type": "code", "execution_count": None, "outputs": [], "source": []},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert notebook_problems(dirty) == [
        "dirty.ipynb: cell 1 has outputs",
        "dirty.ipynb: cell 1 has an execution count",
    ]


def test_committed_notebooks_have_no_outputs():
    problems = [p for nb in committed_notebooks(ROOT) for p in notebook_problems(nb)]
    assert problems == [], (
        "strip the notebooks before committing (nbstripout notebooks/**/*.ipynb), and "
        "install the filter: nbstripout --install --attributes .gitattributes\n"
        + "\n".join(problems)
    )


def test_nbstripout_is_configured_for_notebooks():
    attributes = (ROOT / ".gitattributes").read_text("utf-8").splitlines()
    assert "*.ipynb filter=nbstripout" in attributes


def parameter_problems(path: Path) -> list[str]:
    """What keeps a notebook from being run with parameters by papermill and the runner."""
    import re

    import papermill as pm

    nb = json.loads(path.read_text("utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        return [f"{path.name}: {len(cells)} cells tagged 'parameters' (need exactly 1)"]
    source = "".join(cells[0]["source"])
    assigned = re.findall(r"^([A-Za-z_]\w*)\s*=", source, flags=re.M)
    declared = set(pm.inspect_notebook(str(path)))
    problems = [
        f"{path.name}: papermill cannot read parameter {a!r}" for a in assigned if a not in declared
    ]
    problems += [
        f"{path.name}: does not declare {p!r}"
        for p in ("corpus", "output", "quick")
        if p not in declared
    ]
    if nb.get("metadata", {}).get("kernelspec", {}).get("name") != "discourse":
        problems.append(f"{path.name}: kernelspec is not 'discourse'")
    return problems


def test_parameter_problems_are_found(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "id": "params",
                "metadata": {"tags": ["parameters"]},
                "outputs": [],
                "execution_count": None,
                "source": ['corpus = "x"\n', 'sort = ["R1"]  # R1 = first word to the right\n'],
            }
        ],
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "p.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert parameter_problems(path) == [
        "p.ipynb: papermill cannot read parameter 'sort'",
        "p.ipynb: does not declare 'output'",
        "p.ipynb: does not declare 'quick'",
        "p.ipynb: kernelspec is not 'discourse'",
    ]


def test_every_notebook_parameter_can_be_set():
    from discourse.report import NOTEBOOKS

    paths = [ROOT / "notebooks" / f"{name}.ipynb" for name in NOTEBOOKS]
    problems = [p for path in paths for p in parameter_problems(path)]
    assert problems == [], "\n".join(problems)
