"""CLI command ``topics``: fit a topic model, or compare numbers of topics.

topics --k K
    Fit one model and print one row per topic: label, prevalence, coherence (c_npmi),
    exclusivity, top terms by relevance (λ = 0.6) and by FREX. ``--save DIR`` keeps the
    model (npy/csv/json), ``--html FILE`` writes the offline explorer.
topics --select 4:16:2 --seeds 1,2,3
    Fit every (k, seed) in parallel and print the selection table; the recommended k and
    the rule go to standard error.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from discourse.cli.app import Command, load_tokens
from discourse.errors import ParameterError
from discourse.topics.engines import DEFAULT_ENGINE, ENGINES


def parse_ks(text: str) -> list[int]:
    """``4:16:2`` (start:stop:step, stop included), ``4:8`` or ``4,6,9`` as a list of ks.

    Examples
    --------
    >>> parse_ks("4:16:4"), parse_ks("3,5"), parse_ks("2:4")
    ([4, 8, 12, 16], [3, 5], [2, 3, 4])
    """
    try:
        if ":" in text:
            parts = [int(p) for p in text.split(":")]
            if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] < 1):
                raise ValueError
            start, stop = parts[0], parts[1]
            step = parts[2] if len(parts) == 3 else 1
            ks = list(range(start, stop + 1, step))
        else:
            ks = [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise ParameterError(
            f"--select {text!r}: expected START:STOP[:STEP] (e.g. 4:16:2) or a list (4,6,8)"
        ) from None
    if not ks:
        raise ParameterError(f"--select {text!r} gives no k")
    return ks


def parse_seeds(text: str) -> list[int]:
    """``1,2,3`` as a list of seeds."""
    try:
        seeds = [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise ParameterError(f"--seeds {text!r}: expected whole numbers, e.g. 1,2,3") from None
    if not seeds:
        raise ParameterError("--seeds is empty")
    return seeds


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--k", type=int, help="number of topics (needed without --select)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"LDA engine (default {DEFAULT_ENGINE})",
    )
    parser.add_argument(
        "--select", metavar="KS", help="compare ks: START:STOP[:STEP] (stop included) or 4,6,8"
    )
    parser.add_argument(
        "--seeds", default="1,2,3", metavar="S,S", help="seeds for --select (default 1,2,3)"
    )
    parser.add_argument(
        "--size", type=int, default=100, help="terms per pseudo-document (default 100)"
    )
    parser.add_argument(
        "--iterations", type=int, help="Gibbs iterations (tomotopy) or per-document iterations"
    )
    parser.add_argument("--passes", type=int, help="passes over the corpus (gensim)")
    parser.add_argument("--terms", type=int, default=8, help="top terms per topic (default 8)")
    parser.add_argument(
        "--include-interviewer", action="store_true", help="model interviewer turns too"
    )
    parser.add_argument("--jobs", type=int, help="worker processes for --select (default: CPUs)")
    parser.add_argument("--save", metavar="DIR", help="save the fitted model to DIR")
    parser.add_argument("--html", metavar="FILE", help="write the offline topic explorer")


def _options(args: argparse.Namespace) -> dict:
    opts = {}
    if args.iterations is not None:
        opts["iterations"] = args.iterations
    if args.passes is not None:
        if args.engine != "gensim":
            raise ParameterError("--passes applies to --engine gensim only")
        opts["passes"] = args.passes
    return opts


def _topics(args: argparse.Namespace) -> pd.DataFrame:
    from discourse.topics import fit_topics, select_k

    if args.select is None and args.k is None:
        raise ParameterError("give --k K to fit a model, or --select KS to compare ks")
    ks = parse_ks(args.select) if args.select is not None else None
    seeds = parse_seeds(args.seeds)
    tokens = load_tokens(args)
    exclude = None if args.include_interviewer else ("interviewer",)
    if ks is not None:
        sel = select_k(
            tokens,
            ks,
            seeds,
            engine=args.engine,
            size=args.size,
            exclude_roles=exclude,
            n_jobs=args.jobs,
            progress=False,
            **_options(args),
        )
        print(f"discourse: recommended k = {sel.recommended} ({sel.rule})", file=sys.stderr)
        return sel.table
    tm = fit_topics(
        tokens,
        args.k,
        seed=args.seed,
        engine=args.engine,
        size=args.size,
        exclude_roles=exclude,
        **_options(args),
    )
    if args.save:
        print(f"discourse: model saved to {tm.save(args.save)}", file=sys.stderr)
    if args.html:
        print(f"discourse: explorer written to {tm.to_html(args.html)}", file=sys.stderr)
    return tm.topics(n=args.terms).drop(columns=["u_mass"])


COMMANDS = [
    Command(
        "topics",
        "fit an LDA topic model (--k) or compare numbers of topics (--select)",
        _arguments,
        _topics,
    ),
]
