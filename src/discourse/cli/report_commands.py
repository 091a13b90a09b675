"""CLI command ``report``: run the analysis notebooks on a corpus.

``discourse report --corpus DIR [--output DIR] [--notebooks 01,03] [--param k=8]
[--quick] [--timeout S] [--kernel NAME]`` executes the notebooks headless (see
:func:`discourse.report.run_report`), writes the report folder (default
``reports/<corpus name>``), prints one line per notebook and where the report is, and
exits with status 2 if a notebook had an error cell.
"""

from __future__ import annotations

import argparse

import yaml

from discourse.cli.app import Command
from discourse.errors import ParameterError

__all__ = ["COMMANDS", "parse_params"]


def parse_params(items: list[str] | None) -> dict[str, object]:
    """``["k=8", "seeds=[1, 2]"]`` → ``{"k": 8, "seeds": [1, 2]}`` (values read as YAML).

    Examples
    --------
    >>> parse_params(["k=8", "group=actor_type", "seeds=[1, 2]"])
    {'k': 8, 'group': 'actor_type', 'seeds': [1, 2]}
    """
    out: dict[str, object] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise ParameterError(f"--param must look like NAME=VALUE, got {item!r}")
        try:
            out[name] = yaml.safe_load(value) if value.strip() else ""
        except yaml.YAMLError as exc:
            raise ParameterError(f"--param {name}: cannot read {value!r} ({exc})") from None
    return out


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notebooks",
        metavar="LIST",
        help="comma-separated notebooks to run, by number or name (default: all five)",
    )
    parser.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="a notebook parameter (value read as YAML: k=8, seeds=[1,2]); repeatable",
    )
    parser.add_argument(
        "--quick", action="store_true", help="short settings (small k grid, fewer resamples)"
    )
    parser.add_argument(
        "--timeout", type=int, default=1800, metavar="S", help="seconds per cell (1800)"
    )
    parser.add_argument("--kernel", default=None, metavar="NAME", help="Jupyter kernel name")


def _report(args: argparse.Namespace) -> None:
    from discourse.report.run import KERNEL, ReportError, run_report

    chosen = [n.strip() for n in args.notebooks.split(",") if n.strip()] if args.notebooks else None
    report = run_report(
        args.corpus,
        output=args.output,
        notebooks=chosen,
        parameters=parse_params(args.param),
        quick=args.quick,
        timeout=args.timeout,
        kernel=args.kernel or KERNEL,
    )
    if not report.ok:
        failed = [f"{r.name} ({r.error})" for r in report.runs if r.error]
        raise ReportError(
            f"{len(failed)} notebook(s) failed: {'; '.join(failed)}; the HTML in "
            f"{report.output} shows the error"
        )


COMMANDS = [
    Command(
        "report",
        "run the analysis notebooks on a corpus and write the report (HTML, figures, tables)",
        _arguments,
        _report,
        formats=("table",),
    )
]
