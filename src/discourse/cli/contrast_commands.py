"""CLI commands that contrast logics: ``score`` and ``keyness``.

score
    Lexicon hits, rates per 1,000 words, shares and the two-pole index per document,
    segment or group (with 95% cluster-bootstrap intervals for groups).
keyness
    Key terms of one group (``--by COL --target VALUE``) against another value, the rest
    of the corpus, or general-language frequencies (``--reference wordfreq``).
"""

from __future__ import annotations

import argparse

import pandas as pd

from discourse.cli.app import Command, load_tokens


def _score_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lexicon",
        default="institutional-logics",
        help="a shipped lexicon's name or a YAML file/folder (default: institutional-logics)",
    )
    parser.add_argument("--by", metavar="COL", help="group by this segment or metadata column")
    parser.add_argument(
        "--unit",
        choices=("document", "segment", "group"),
        default=None,
        help="rows per document, segment or group (default: group with --by, else document)",
    )
    parser.add_argument(
        "--include-interviewer", action="store_true", help="count interviewer turns too"
    )
    parser.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (2000)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (0)")


def _score(args: argparse.Namespace) -> pd.DataFrame:
    from discourse.contrast.score import score

    tokens = load_tokens(args)
    table = score(
        tokens,
        args.lexicon,
        by=args.by,
        unit=args.unit,
        exclude_roles=None if args.include_interviewer else ("interviewer",),
        n_boot=args.n_boot,
        seed=args.seed,
    )
    return table.round(4)


def _keyness_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", metavar="COL", required=True, help="segment or metadata column")
    parser.add_argument("--target", metavar="VALUE", required=True, help="the target group")
    parser.add_argument(
        "--reference",
        metavar="VALUE|wordfreq",
        default=None,
        help="another value of --by, or wordfreq (default: all other values)",
    )
    parser.add_argument("--top", type=int, default=None, metavar="N", help="only the first N rows")
    parser.add_argument("--min-freq", type=int, default=1, help="minimum total frequency (1)")
    parser.add_argument(
        "--include-interviewer", action="store_true", help="count interviewer turns too"
    )


def _keyness(args: argparse.Namespace) -> pd.DataFrame:
    from discourse.contrast.keyness import keyness

    tokens = load_tokens(args)
    table = keyness(
        tokens,
        by=args.by,
        target=args.target,
        reference=args.reference,
        min_freq=args.min_freq,
        exclude_roles=None if args.include_interviewer else ("interviewer",),
    )
    if args.top is not None:
        table = table.head(args.top)
    return table.round({"G2": 3, "log_ratio": 3, "pct_diff": 1, "chi2": 3, "freq_reference": 3})


COMMANDS = [
    Command(
        "score",
        "lexicon scores: hits, rates, shares and the two-pole index",
        _score_arguments,
        _score,
    ),
    Command(
        "keyness",
        "key terms of a group (G2, log ratio, %DIFF, chi2)",
        _keyness_arguments,
        _keyness,
    ),
]
