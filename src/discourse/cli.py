"""The ``discourse`` command line.

``discourse <command> --corpus DIR [--format table|csv|json] [--output FILE]``

Commands
--------
ingest
    Read a corpus folder and print one row per document (segments, turns by role,
    characters, language) with a TOTAL row; problems go to standard error.
preprocess
    Read and preprocess a corpus (using the cache) and print counts per language.

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
import sys
import warnings
from pathlib import Path

import pandas as pd

from discourse.errors import DiscourseError, DiscourseWarning

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Text-as-data for welfare discourse (Norwegian first).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", required=True, metavar="DIR", help="corpus folder")
        p.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default=None,
            help="output format (default: table on a terminal, csv otherwise)",
        )
        p.add_argument("--output", metavar="FILE", help="write the result to FILE")
        p.add_argument(
            "--strict", action="store_true", help="fail (exit 2) if any file has a problem"
        )

    p = sub.add_parser("ingest", help="read a corpus and summarise its documents")
    common(p)
    p = sub.add_parser("preprocess", help="tokenise and lemmatise a corpus (cached)")
    common(p)
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    return parser


def _emit(table: pd.DataFrame, fmt: str | None, output: str | None) -> None:
    if fmt is None:
        fmt = "table" if (output is None and sys.stdout.isatty()) else "csv"
    if fmt == "csv":
        text = table.to_csv(index=False)
    elif fmt == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        text = table.to_string(index=False) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _warn(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        if issubclass(w.category, DiscourseWarning):
            print(f"discourse: warning: {w.message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    from discourse.corpus.reader import read_corpus
    from discourse.text.preprocess import preprocess

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DiscourseWarning)
            corpus = read_corpus(args.corpus, strict=args.strict)
            if args.command == "ingest":
                table = corpus.summary()
            else:
                tokens = preprocess(corpus, cache=not args.no_cache)
                table = tokens.summary()
                source = "cache" if tokens.from_cache else "computed"
                where = f" ({tokens.cache_path})" if tokens.cache_path else ""
                print(f"discourse: tokens {source}{where}", file=sys.stderr)
        _emit(table, args.format, args.output)
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
