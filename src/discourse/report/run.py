"""Running the notebooks headless: ``discourse report`` and ``make analysis``.

:func:`run_report` executes the analysis notebooks in ``notebooks/`` with papermill on
an explicit Jupyter kernel (``discourse``, installed into the environment on first use),
from the project root, with a timeout per cell. Each notebook receives ``corpus``,
``output`` and ``quick`` through its cell tagged ``parameters``, plus any extra
parameters it declares. For each notebook the report folder gets the executed
``.ipynb`` and an ``.html`` rendering; the notebooks themselves save figures (PNG) and
key tables (CSV) through :class:`discourse.report.Outputs`. A ``manifest.json``
records the versions, the parameters (seeds included), the corpus hash, timings and a
hash of every table and figure, and ``index.html`` links everything.

Cell output is not echoed to the terminal or logs: it may quote interviews.

Examples
--------
>>> report = run_report("data/raw/demo", quick=True)  # doctest: +SKIP
discourse: report in reports/demo/ (index.html, manifest.json); 5 notebook(s) in 95 s
>>> report.ok  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import os
import platform
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from discourse.errors import DiscourseError, ParameterError
from discourse.report.paths import project_root, resolve

__all__ = [
    "KERNEL",
    "NOTEBOOKS",
    "NotebookRun",
    "Report",
    "ReportError",
    "corpus_hash",
    "ensure_kernel",
    "run_report",
]

#: The analysis notebooks, in reading order (file stems in ``notebooks/``).
NOTEBOOKS: tuple[str, ...] = (
    "01_corpus",
    "02_topics",
    "03_kwic",
    "04_logics",
    "05_real_corpus_sotu",
)
#: The Jupyter kernel the notebooks run on.
KERNEL = "discourse"
#: Parameters every notebook declares; the runner sets them.
COMMON_PARAMETERS = ("corpus", "output", "quick")
#: Package versions recorded in the manifest.
RECORDED_PACKAGES = (
    "discourse",
    "gensim",
    "tomotopy",
    "scikit-learn",
    "numpy",
    "scipy",
    "pandas",
    "seaborn",
    "matplotlib",
    "nltk",
    "simplemma",
    "wordfreq",
    "papermill",
    "nbconvert",
    "ipykernel",
)


class ReportError(DiscourseError):
    """A notebook failed, or the report could not be run."""


@dataclass
class NotebookRun:
    """One executed notebook.

    Attributes
    ----------
    name : str
        The notebook's stem (``"02_topics"``).
    ipynb, html : Path
        The executed notebook and its HTML rendering.
    seconds : float
        Wall time of the execution.
    parameters : dict
        The parameters passed in (the notebook's own defaults apply to the rest).
    error : str or None
        ``"<cell>: <exception type>"`` when a cell failed, else None.
    """

    name: str
    ipynb: Path
    html: Path
    seconds: float
    parameters: dict[str, Any]
    error: str | None = None


@dataclass
class Report:
    """The result of :func:`run_report`."""

    output: Path
    manifest: Path
    index: Path
    runs: list[NotebookRun] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every notebook ran without an error cell."""
        return all(r.error is None for r in self.runs)


def ensure_kernel(name: str = KERNEL) -> str:
    """Install the Jupyter kernel ``name`` for this Python into ``sys.prefix`` if missing.

    Returns the kernel name. Offline: it only writes a ``kernel.json``.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if name not in KernelSpecManager().find_kernel_specs():
        from ipykernel.kernelspec import install

        install(kernel_name=name, display_name="Python (discourse)", prefix=sys.prefix)
    return name


def corpus_hash(folder: str | os.PathLike[str]) -> tuple[str, int]:
    """SHA-256 over a corpus folder's files and the number of files hashed.

    Each file adds its relative path and the hash of its bytes, in path order; hidden
    files and caches are skipped.
    """
    root = resolve(folder)
    if not root.is_dir():
        raise ParameterError(f"{folder}: is not a folder")
    digest = hashlib.sha256()
    n = 0
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(
            part.startswith(".") or part == "__pycache__" for part in rel.parts
        ):
            continue
        digest.update(rel.as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        n += 1
    return digest.hexdigest(), n


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in RECORDED_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git_commit(root: Path) -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def _select(notebooks: Iterable[str] | None, folder: Path) -> list[str]:
    if notebooks is None:
        chosen = list(NOTEBOOKS)
    else:
        chosen = []
        for want in notebooks:
            hits = [n for n in NOTEBOOKS if n == want or n.split("_", 1)[0] == want]
            if not hits:
                raise ParameterError(
                    f"unknown notebook {want!r}; known: {', '.join(NOTEBOOKS)} "
                    "(or their numbers, 01 to 05)"
                )
            chosen.extend(h for h in hits if h not in chosen)
    for name in chosen:
        if not (folder / f"{name}.ipynb").is_file():
            raise ReportError(f"{folder / name}.ipynb: notebook not found")
    return chosen


def _declared(path: Path) -> dict[str, Any]:
    import papermill as pm

    declared = pm.inspect_notebook(str(path))
    missing = [p for p in COMMON_PARAMETERS if p not in declared]
    if missing:
        raise ReportError(
            f"{path.name}: its cell tagged 'parameters' does not declare {', '.join(missing)}"
        )
    return declared


def _clear_outputs(output: Path, name: str) -> None:
    """Remove an earlier run's files of one notebook, so nothing stale remains."""
    for kind in ("figures", "tables", "text"):
        for old in (output / kind).glob(f"{name}-*"):
            old.unlink()
    for suffix in (".ipynb", ".html"):
        (output / f"{name}{suffix}").unlink(missing_ok=True)


def _render(ipynb: Path, target: Path) -> str | None:
    """Write the executed notebook as HTML; return its first error output, if any."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(ipynb, as_version=4)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                return f"cell {i}: {out.get('ename', 'error')}"
    return None


def _execute(
    source: Path, target: Path, parameters: dict[str, Any], kernel: str, timeout: int, root: Path
) -> str | None:
    import papermill as pm
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":  # local sockets: no TCP port, and no "unencrypted TCP" warning
        config.KernelManager.transport = "ipc"
    try:
        pm.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name=kernel,
            cwd=str(root),
            execution_timeout=timeout,
            progress_bar=False,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            config=config,
        )
    except pm.PapermillExecutionError as exc:
        return f"cell {exc.exec_count}: {exc.ename}"
    return None


def _write_index(report: Report, tables: list[Path], figures: list[Path]) -> None:
    def link(path: Path) -> str:
        rel = path.relative_to(report.output).as_posix()
        return f'<a href="{html.escape(rel)}">{html.escape(rel)}</a>'

    rows = "\n".join(
        f"<tr><td>{link(r.html)}</td><td>{link(r.ipynb)}</td><td>{r.seconds:.0f} s</td>"
        f"<td>{'ok' if r.error is None else html.escape('error: ' + r.error)}</td></tr>"
        for r in report.runs
    )
    listing = "\n".join(f"<li>{link(p)}</li>" for p in [*tables, *figures])
    report.index.write_text(
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>discourse report</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td{padding:.2em 1em}</style></head><body>\n<h1>discourse report</h1>\n"
        "<p>Executed notebooks (see <a href='manifest.json'>manifest.json</a> for "
        "versions, parameters and hashes).</p>\n"
        f"<table><tr><th>report</th><th>notebook</th><th>time</th><th>status</th></tr>\n"
        f"{rows}\n</table>\n<h2>Tables and figures</h2>\n<ul>\n{listing}\n</ul>\n"
        "</body></html>\n",
        encoding="utf-8",
    )


def run_report(
    corpus: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    notebooks: Sequence[str] | None = None,
    parameters: Mapping[str, Any] | None = None,
    quick: bool = False,
    timeout: int = 1800,
    kernel: str = KERNEL,
    echo: bool = True,
    folder: str | os.PathLike[str] | None = None,
) -> Report:
    """Execute the analysis notebooks on ``corpus`` and write the report.

    Parameters
    ----------
    corpus : str or path-like
        The corpus folder (relative paths start at the project root).
    output : str or path-like, optional
        The report folder; default ``reports/<corpus folder name>``.
    notebooks : sequence of str, optional
        Notebook stems or numbers (``"02_topics"`` or ``"02"``); default all five.
    parameters : mapping, optional
        Extra notebook parameters (``{"k": 8, "seeds": [1, 2]}``). Each goes to the
        notebooks whose parameters cell declares it; a name no chosen notebook declares
        is an error.
    quick : bool
        Ask the notebooks for their short settings (a small k grid, fewer resamples, a
        sample of the sotu corpus); used by the tests and CI.
    timeout : int
        Seconds a single cell may run.
    kernel : str
        Jupyter kernel name; the ``discourse`` kernel is installed when missing.
    echo : bool
        Print one line per notebook and where the report is (standard error and out).
    folder : str or path-like, optional
        Where the notebooks are; default ``notebooks/`` of the project.

    Returns
    -------
    Report
        ``ok`` is False when a notebook had an error cell; its HTML shows the error.

    Raises
    ------
    ParameterError
        Unknown notebook or parameter, bad timeout, corpus not a folder.
    ReportError
        A notebook is missing or lacks the common parameters.
    """
    root = project_root()
    corpus_dir = resolve(corpus)
    if not corpus_dir.is_dir():
        raise ParameterError(f"{corpus}: is not a folder")
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise ParameterError(f"timeout must be a whole number of seconds >= 1, got {timeout!r}")
    out_dir = resolve(output) if output is not None else root / "reports" / corpus_dir.name
    folder = resolve(folder) if folder is not None else root / "notebooks"
    chosen = _select(notebooks, folder)
    extra = dict(parameters or {})
    clash = sorted(set(extra) & set(COMMON_PARAMETERS))
    if clash:
        raise ParameterError(f"set {', '.join(clash)} with their own arguments, not as parameters")
    declared = {name: _declared(folder / f"{name}.ipynb") for name in chosen}
    unknown = sorted(p for p in extra if not any(p in d for d in declared.values()))
    if unknown:
        known = sorted({p for d in declared.values() for p in d} - set(COMMON_PARAMETERS))
        raise ParameterError(
            f"no chosen notebook declares parameter(s) {', '.join(unknown)}; "
            f"known: {', '.join(known)}"
        )
    kernel = ensure_kernel(kernel) if kernel == KERNEL else kernel
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DISCOURSE_ROOT", str(root))
    os.environ["PYTHONHASHSEED"] = "0"  # the kernel inherits it: stable set and dict order
    os.environ["TQDM_DISABLE"] = "1"  # progress bars are for interactive use

    report = Report(out_dir, out_dir / "manifest.json", out_dir / "index.html")
    for name in chosen:
        params = {"corpus": str(corpus_dir), "output": str(out_dir), "quick": bool(quick)}
        params.update({k: v for k, v in extra.items() if k in declared[name]})
        _clear_outputs(out_dir, name)
        target = out_dir / f"{name}.ipynb"
        t0 = time.perf_counter()
        error = _execute(folder / f"{name}.ipynb", target, params, kernel, timeout, root)
        seconds = time.perf_counter() - t0
        page = out_dir / f"{name}.html"
        found = _render(target, page)  # always: the HTML shows a failed cell too
        error = error or found
        report.runs.append(NotebookRun(name, target, page, seconds, params, error))
        if echo:
            state = "ok" if error is None else f"ERROR ({error})"
            print(f"discourse: {name}: {state}, {seconds:.0f} s", file=sys.stderr, flush=True)

    tables = sorted((out_dir / "tables").glob("*.csv"))
    figures = sorted((out_dir / "figures").glob("*.png"))
    texts = sorted((out_dir / "text").glob("*"))
    digest, n_files = corpus_hash(corpus_dir)
    try:
        corpus_label = corpus_dir.relative_to(root).as_posix()
    except ValueError:
        corpus_label = str(corpus_dir)
    manifest = {
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "corpus": {"path": corpus_label, "sha256": digest, "files": n_files},
        "git_commit": _git_commit(root),
        "kernel": kernel,
        "quick": bool(quick),
        "platform": platform.platform(),
        "versions": _versions(),
        "notebooks": [
            {
                "name": r.name,
                "parameters": {k: v for k, v in r.parameters.items() if k != "output"},
                "defaults": {
                    k: v["default"] for k, v in declared[r.name].items() if k not in r.parameters
                },
                "seconds": round(r.seconds, 1),
                "status": "ok" if r.error is None else f"error: {r.error}",
                "html": r.html.name,
                "ipynb": r.ipynb.name,
            }
            for r in report.runs
        ],
        "tables": {p.relative_to(out_dir).as_posix(): _file_hash(p) for p in tables},
        "figures": {p.relative_to(out_dir).as_posix(): _file_hash(p) for p in figures},
        "text": {p.relative_to(out_dir).as_posix(): _file_hash(p) for p in texts},
    }
    report.manifest.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", "utf-8")
    _write_index(report, [*tables, *texts], figures)
    if echo:
        try:
            where = out_dir.relative_to(Path.cwd())
        except ValueError:
            where = out_dir
        total = sum(r.seconds for r in report.runs)
        print(
            f"discourse: report in {where}/ (index.html, manifest.json); "
            f"{len(report.runs)} notebook(s) in {total:.0f} s",
            flush=True,
        )
    return report
