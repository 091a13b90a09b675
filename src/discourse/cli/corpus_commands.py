"""CLI commands that read and preprocess a corpus: ``ingest`` and ``preprocess``.

ingest
    Read a corpus folder and print one row per document (segments, turns by role,
    characters, language) with a TOTAL row; problems go to standard error.
preprocess
    Read and preprocess a corpus (using the cache) and print counts per language.
"""

from __future__ import annotations

import argparse

import pandas as pd

from discourse.cli.app import Command, load_corpus, load_tokens


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def _ingest(args: argparse.Namespace) -> pd.DataFrame:
    return load_corpus(args).summary()


def _preprocess_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _preprocess(args: argparse.Namespace) -> pd.DataFrame:
    return load_tokens(args, cache=not args.no_cache).summary()


COMMANDS = [
    Command("ingest", "read a corpus and summarise its documents", _no_arguments, _ingest),
    Command(
        "preprocess",
        "tokenise and lemmatise a corpus (cached)",
        _preprocess_arguments,
        _preprocess,
    ),
]
