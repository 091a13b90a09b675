"""Saving a notebook's figures and key tables into the report folder.

Every notebook makes one :class:`Outputs` from its ``output`` parameter. Figures go to
``<output>/figures/<notebook>-<name>.png`` at 300 dpi and tables to
``<output>/tables/<notebook>-<name>.csv`` (UTF-8, ``\\n`` line ends, full precision), so
two runs can be compared file by file. Both methods hand back what they were given, so a
cell can save and display in one line.

Examples
--------
>>> import tempfile, pandas as pd
>>> out = Outputs(tempfile.mkdtemp(), "01_corpus")
>>> shown = out.table(pd.DataFrame({"group": ["a"], "n": [3]}), "sizes")
>>> (out.dir / "tables" / "01_corpus-sizes.csv").read_text()
'group,n\\na,3\\n'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from discourse.errors import ParameterError
from discourse.report.paths import resolve
from discourse.report.style import SAVE_DPI

__all__ = ["Outputs"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name) or name.endswith("."):
        raise ParameterError(f"output name must be letters, digits, '_', '-' or '.', got {name!r}")
    return name


def _figure_of(obj: Any) -> Any:
    """The matplotlib Figure behind a Figure, Axes or seaborn grid."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        return obj
    if isinstance(obj, Axes):
        return obj.figure
    for attr in ("figure", "fig"):  # seaborn FacetGrid / JointGrid / PairGrid
        fig = getattr(obj, attr, None)
        if isinstance(fig, Figure):
            return fig
    raise ParameterError(
        f"cannot save a {type(obj).__name__} as a figure; pass a matplotlib Figure, "
        "Axes or seaborn grid"
    )


class Outputs:
    """The report folder of one notebook.

    Parameters
    ----------
    output : str or path-like
        The report folder (relative paths start at the project root).
    notebook : str
        The notebook's name, used as the prefix of every file (``"02_topics"``).
    """

    def __init__(self, output: str | os.PathLike[str], notebook: str) -> None:
        self.dir = resolve(output)
        self.notebook = _check_name(notebook)
        self.written: list[Path] = []

    def path(self, kind: str, name: str, suffix: str) -> Path:
        """``<output>/<kind>/<notebook>-<name><suffix>``, its folder created."""
        folder = self.dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{self.notebook}-{_check_name(name)}{suffix}"

    def figure(self, fig: Any, name: str) -> Any:
        """Save a figure (Figure, Axes or seaborn grid) as PNG at 300 dpi; return it."""
        target = self.path("figures", name, ".png")
        _figure_of(fig).savefig(
            target, dpi=SAVE_DPI, bbox_inches="tight", metadata={"Software": None}
        )
        self.written.append(target)
        return fig

    def table(self, table: pd.DataFrame, name: str, index: bool = False) -> pd.DataFrame:
        """Save a table as CSV (UTF-8, full precision); return it for display."""
        if not isinstance(table, pd.DataFrame):
            raise ParameterError(f"table must be a pandas DataFrame, got {type(table).__name__}")
        target = self.path("tables", name, ".csv")
        table.to_csv(target, index=index, lineterminator="\n", encoding="utf-8")
        self.written.append(target)
        return table
