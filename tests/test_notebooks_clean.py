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
