"""The ``discourse`` command line.

``discourse <command> --corpus DIR [--format FORMAT] [--output FILE] [--strict]``

Each command lives in a module of :mod:`discourse.cli` that defines ``COMMANDS``, a
list of :class:`Command`; :data:`COMMAND_MODULES` lists those modules in help order.
The application adds the options every command shares, reads the corpus, turns
warnings into ``discourse: warning:`` lines and errors into one ``discourse: error:``
line on standard error.

CSV is the default format when standard output is not a terminal, a table otherwise.
Exit status: 0 on success, 2 on bad usage or bad input (one line naming the file or
argument), 1 on an unexpected error.

Examples
--------
>>> main(["ingest", "--corpus", "no/such/folder"])  # doctest: +SKIP
discourse: error: no/such/folder: is not a folder; ...
2
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from discourse.errors import DiscourseError, DiscourseWarning

if TYPE_CHECKING:
    from discourse.corpus.reader import Corpus
    from discourse.text.preprocess import Tokens

__all__ = ["COMMAND_MODULES", "Command", "emit", "load_corpus", "load_tokens", "main"]

#: Modules that define ``COMMANDS``; one line per module keeps additions independent.
COMMAND_MODULES: tuple[str, ...] = (
    "discourse.cli.corpus_commands",
    "discourse.cli.concordance_commands",
    "discourse.cli.contrast_commands",
    "discourse.cli.privacy_commands",
    "discourse.cli.topics_commands",
    "discourse.cli.report_commands",
)

BASIC_FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Command:
    """One subcommand.

    Attributes
    ----------
    name, help : str
        The subcommand and its one-line description.
    add_arguments : callable
        Adds the command's own arguments to its parser.
    run : callable
        Takes the parsed arguments; returns a table for :func:`emit`, or None when the
        command wrote its own output.
    formats : tuple of str
        The ``--format`` choices; the default is table on a terminal, CSV otherwise.
    needs_corpus : bool
        Whether the command takes ``--corpus DIR`` (and ``--strict``).
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], pd.DataFrame | None]
    formats: tuple[str, ...] = BASIC_FORMATS
    needs_corpus: bool = True


def _commands() -> list[Command]:
    found: list[Command] = []
    for name in COMMAND_MODULES:
        found.extend(importlib.import_module(name).COMMANDS)
    return found


def _parser(commands: list[Command]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Text-as-data for welfare discourse (Norwegian first).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        if command.needs_corpus:
            p.add_argument("--corpus", required=True, metavar="DIR", help="corpus folder")
            p.add_argument(
                "--strict", action="store_true", help="fail (exit 2) if any file has a problem"
            )
        p.add_argument(
            "--format",
            choices=command.formats,
            default=None,
            help="output format (default: table on a terminal, csv otherwise)",
        )
        p.add_argument("--output", metavar="FILE", help="write the result to FILE")
        command.add_arguments(p)
    return parser


def output_format(args: argparse.Namespace) -> str:
    """The format asked for, or the default: table on a terminal, CSV otherwise."""
    if args.format is not None:
        return str(args.format)
    return "table" if (args.output is None and sys.stdout.isatty()) else "csv"


def write_text(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output``, or to standard output."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def emit(table: pd.DataFrame, fmt: str, output: str | None) -> None:
    """Write ``table`` as ``table``, ``csv`` or ``json`` to ``output`` or standard output."""
    if fmt == "csv":
        text = table.to_csv(index=False)
    elif fmt == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    elif fmt == "table":
        text = table.to_string(index=False) + "\n"
    else:  # pragma: no cover - commands with other formats write their own output
        raise ValueError(f"emit cannot write format {fmt!r}")
    write_text(text, output)


def load_corpus(args: argparse.Namespace) -> Corpus:
    """Read the corpus named by ``--corpus`` (honouring ``--strict``)."""
    from discourse.corpus.reader import read_corpus

    return read_corpus(args.corpus, strict=args.strict)


def load_tokens(args: argparse.Namespace, *, cache: bool = True) -> Tokens:
    """Read and preprocess the corpus (through the cache); say on stderr where from."""
    from discourse.text.preprocess import preprocess

    tokens = preprocess(load_corpus(args), cache=cache)
    source = "cache" if tokens.from_cache else "computed"
    where = f" ({tokens.cache_path})" if tokens.cache_path else ""
    print(f"discourse: tokens {source}{where}", file=sys.stderr)
    return tokens


def _warn(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        if issubclass(w.category, DiscourseWarning):
            print(f"discourse: warning: {w.message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    commands = _commands()
    parser = _parser(commands)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    command = next(c for c in commands if c.name == args.command)

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DiscourseWarning)
            table = command.run(args)
            if table is not None:
                emit(table, output_format(args), args.output)
        _warn(caught)
    except DiscourseError as exc:
        _warn(caught)
        lines = str(exc).splitlines()
        print(f"discourse: error: {lines[0]}", file=sys.stderr)
        for line in lines[1:]:  # strict mode lists every problem, one per line
            print(f"discourse: {line.lstrip('- ')}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"discourse: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
