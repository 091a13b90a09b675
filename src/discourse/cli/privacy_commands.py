"""CLI commands for confidential data: ``pseudonymise`` and ``check-leaks``.

pseudonymise
    Read a corpus with pseudonymisation on (``corpus.yml`` settings, ``--names`` and
    ``--key`` override them), write or update the key file, and print the replacements
    per document and type. ``--report FILE`` writes the review report (with the candidate
    names in context) to a private file. Nothing printed contains a real value.
check-leaks
    Scan the project's generated outputs (``data/processed/`` and ``reports/``, or
    ``--paths``) for every real value in the key. Prints the findings (file, line, type,
    pseudonym; never the value) and exits with status 2 when anything leaked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from discourse.cli.app import Command, emit, output_format
from discourse.errors import DiscourseError

__all__ = ["COMMANDS", "LeakError"]


class LeakError(DiscourseError):
    """Original values were found in generated files."""


def _pseudonymise_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--names", metavar="FILE", help="names list (CSV or YAML); default: corpus.yml's"
    )
    parser.add_argument(
        "--key", metavar="FILE", help="key file; default: corpus.yml's, or data/private/"
    )
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="write the review report (.md, .json or .csv of candidates) to a private file",
    )


def _pseudonymise(args: argparse.Namespace) -> pd.DataFrame:
    from discourse.corpus.reader import read_corpus
    from discourse.privacy.report import write_report

    override: dict[str, object] = {"enabled": True}
    if args.names:
        override["names"] = str(Path(args.names).resolve())
    if args.key:
        override["key"] = str(Path(args.key).resolve())
    corpus = read_corpus(args.corpus, strict=args.strict, pseudonymise=override)
    result = corpus.privacy
    assert result is not None  # pseudonymisation was switched on above
    if result.key_path is not None:
        print(f"discourse: key file {result.key_path} (keep it private)", file=sys.stderr)
    n_cand = len(result.candidates)
    if args.report:
        path = write_report(result, args.report, corpus.name)
        print(f"discourse: review report {path} (private)", file=sys.stderr)
    elif n_cand:
        print(
            f"discourse: {n_cand} candidate name(s) to review; write them with --report FILE",
            file=sys.stderr,
        )
    return result.summary()


def _check_leaks_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paths",
        nargs="+",
        metavar="PATH",
        help="files or folders to scan (default: data/processed/ and reports/ of the project)",
    )
    parser.add_argument("--key", metavar="FILE", help="key file; default: the corpus's")
    parser.add_argument("--names", metavar="FILE", help="also search the forms of this names list")


def _check_leaks(args: argparse.Namespace) -> None:
    from discourse.privacy.leaks import check_leaks

    found = check_leaks(args.corpus, paths=args.paths, key=args.key, names=args.names)
    roots = ", ".join(found.attrs["roots"]) or "(no output folders exist yet)"
    scanned = found.attrs["scanned"]
    if found.empty:
        print(f"no original values found in {scanned} file(s) under {roots}")
        return None
    emit(found, output_format(args), args.output)
    n_files = found["file"].nunique()
    raise LeakError(
        f"{len(found)} original value(s) found in {n_files} of {scanned} file(s) under "
        f"{roots} (listed above by pseudonym); delete or regenerate those files from the "
        "pseudonymised corpus"
    )


COMMANDS = [
    Command(
        "pseudonymise",
        "pseudonymise a corpus: write the key, count replacements, report candidates",
        _pseudonymise_arguments,
        _pseudonymise,
    ),
    Command(
        "check-leaks",
        "fail if generated files hold original values from the pseudonym key",
        _check_leaks_arguments,
        _check_leaks,
    ),
]
