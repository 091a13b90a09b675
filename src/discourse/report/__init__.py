"""Reports: running the analysis notebooks and saving what they show.

* :func:`run_report` executes the notebooks headless (``discourse report``,
  ``make analysis``) and writes HTML, executed notebooks, figures, tables and a manifest.
* :class:`Outputs` saves a notebook's figures (PNG, 300 dpi) and tables (CSV).
* :func:`set_style` gives every figure the same seaborn look (colour-blind palette).
* :func:`say`, :func:`interval`, :func:`listing`, :func:`number` write prose from
  computed values, so no figure in a notebook's text is typed by hand.
* :func:`project_root` and :func:`resolve` make paths independent of the working
  directory.
"""

from discourse.report.outputs import Outputs
from discourse.report.paths import project_root, resolve
from discourse.report.run import (
    KERNEL,
    NOTEBOOKS,
    NotebookRun,
    Report,
    ReportError,
    corpus_hash,
    ensure_kernel,
    run_report,
)
from discourse.report.style import PALETTE, SAVE_DPI, set_style
from discourse.report.text import interval, listing, number, say, signed

__all__ = [
    "KERNEL",
    "NOTEBOOKS",
    "PALETTE",
    "SAVE_DPI",
    "NotebookRun",
    "Outputs",
    "Report",
    "ReportError",
    "corpus_hash",
    "ensure_kernel",
    "interval",
    "listing",
    "number",
    "project_root",
    "resolve",
    "run_report",
    "say",
    "set_style",
    "signed",
]
