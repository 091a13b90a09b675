"""CLI commands for concordances: ``kwic`` and ``collocates``.

kwic PATTERN
    Keyword in context. ``--format table`` (the default on a terminal) aligns the
    keyword column, left context right-aligned; ``csv`` and ``json`` give every column;
    ``html`` a page with the keyword highlighted; ``xlsx`` an Excel file (needs
    ``--output``).
collocates NODE
    Collocates with observed and expected counts, G², MI, t-score and logDice. With
    ``--by COL`` the table view shows each group's top collocates side by side; CSV and
    JSON give the full long table.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from discourse.cli.app import Command, load_tokens, output_format, write_text
from discourse.errors import ParameterError

_ROLES = ("interviewer", "respondent", "other")


def _where(items: list[str] | None) -> dict[str, list[str]] | None:
    if not items:
        return None
    where: dict[str, list[str]] = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            raise ParameterError(
                f"--where {item!r}: use COLUMN=VALUE, for example actor_type=entrepreneur"
            )
        where.setdefault(column.strip(), []).append(value.strip())
    return where


def _roles(text: str) -> list[str] | None:
    if text.strip().lower() == "all":
        return None
    return [r.strip() for r in text.split(",") if r.strip()]


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--match",
        choices=("lemma", "token"),
        default="lemma",
        help="match lemmas (default) or word forms",
    )
    parser.add_argument(
        "--regex", action="store_true", help="read each word of the pattern as a regular expression"
    )
    parser.add_argument(
        "--case-sensitive",
        action="store_true",
        help="match word forms case-sensitively (with --match token)",
    )
    parser.add_argument(
        "--where",
        action="append",
        metavar="COL=VALUE",
        help="keep segments whose metadata column has this value (repeatable)",
    )
    parser.add_argument(
        "--doc", action="append", metavar="ID", help="only this document (repeatable)"
    )
    parser.add_argument(
        "--roles",
        default="respondent",
        metavar="ROLE,...",
        help="turns of these roles are searched (paragraphs always are); "
        "'all' for every segment (default: respondent)",
    )


def _check_early(args: argparse.Namespace, pattern: str) -> None:
    """Check what needs no corpus before reading one, so that typos fail fast."""
    from discourse.concordance.filters import _check_roles
    from discourse.concordance.kwic import _check_window
    from discourse.text.patterns import parse_pattern

    _check_window(args.window)
    parse_pattern(pattern, regex=args.regex)
    _where(args.where)
    roles = _roles(args.roles)
    if roles is not None:
        _check_roles("--roles", roles)


def _filter_kwargs(args: argparse.Namespace) -> dict:
    return {
        "match": args.match,
        "regex": args.regex,
        "case_sensitive": args.case_sensitive,
        "where": _where(args.where),
        "docs": args.doc,
        "roles": _roles(args.roles),
    }


def _kwic_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pattern",
        metavar="PATTERN",
        help="word, glob (innovasj*), regex (with --regex) or quoted phrase",
    )
    parser.add_argument(
        "--window", type=int, default=8, metavar="N", help="words of context each side (default 8)"
    )
    parser.add_argument(
        "--within",
        choices=("turn", "segment"),
        default=None,
        help="stop windows at the hit's turn (default: the document)",
    )
    parser.add_argument(
        "--sort",
        metavar="KEYS",
        default=None,
        help="sort keys, for example R1,R2 or L1 (default: corpus order)",
    )
    parser.add_argument(
        "--sort-by",
        choices=("surface", "lemma"),
        default="surface",
        help="compare word forms (default) or lemmas when sorting",
    )
    parser.add_argument(
        "--width",
        type=int,
        default=40,
        metavar="CHARS",
        help="characters of context each side in the table view (default 40)",
    )
    _filters(parser)


def _kwic(args: argparse.Namespace) -> pd.DataFrame | None:
    from discourse.concordance import kwic
    from discourse.concordance.export import export_kwic, format_kwic, kwic_html
    from discourse.concordance.sort import parse_sort_keys

    fmt = output_format(args)
    if fmt == "xlsx" and not args.output:
        raise ParameterError("--format xlsx needs --output FILE.xlsx")
    _check_early(args, args.pattern)
    parse_sort_keys(args.sort)
    filters = _filter_kwargs(args)
    lines = kwic(
        load_tokens(args),
        args.pattern,
        window=args.window,
        within=args.within,
        sort=args.sort,
        sort_by=args.sort_by,
        **filters,
    )
    print(f"discourse: {len(lines)} hits of {args.pattern!r}", file=sys.stderr)
    if fmt in ("csv", "json"):
        return lines
    if fmt == "xlsx":
        query = {
            "pattern": args.pattern,
            "corpus": args.corpus,
            "window": args.window,
            "within": args.within or "document",
            "sort": args.sort or "corpus order",
            "sort_by": args.sort_by,
            **{k: v for k, v in filters.items() if v is not None},
        }
        query["where"] = ", ".join(args.where or []) or "(none)"
        query["roles"] = args.roles
        export_kwic(lines, args.output, format="xlsx", query=query)
    elif fmt == "html":
        page = (
            "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
            f"<title>kwic {args.pattern}</title></head><body>"
            f"{kwic_html(lines, max_rows=None)}</body></html>\n"
        )
        write_text(page, args.output)
    else:
        write_text(format_kwic(lines, context_width=max(args.width, 5)) + "\n", args.output)
    return None


def _collocates_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("node", metavar="NODE", help="word, glob, regex or quoted phrase")
    parser.add_argument(
        "--window", type=int, default=5, metavar="N", help="words each side (default 5)"
    )
    parser.add_argument(
        "--by",
        metavar="COL",
        default=None,
        help="contrastive collocates per value of this column (actor_type, role ...)",
    )
    parser.add_argument(
        "--measures",
        default="ll,mi,t,logdice",
        metavar="M,...",
        help="measures; the first orders the rows (default ll,mi,t,logdice)",
    )
    parser.add_argument(
        "--min-freq",
        type=int,
        default=3,
        metavar="N",
        help="least co-occurrence count to list (default 3)",
    )
    parser.add_argument("--stopwords", action="store_true", help="list stopwords as collocates too")
    parser.add_argument(
        "--top",
        type=int,
        default=15,
        metavar="N",
        help="collocates per group in the table view (default 15)",
    )
    _filters(parser)


def _collocates(args: argparse.Namespace) -> pd.DataFrame | None:
    from discourse.concordance import collocates, side_by_side
    from discourse.concordance.collocates import _check_measures, _check_min_freq

    measures = _check_measures(tuple(m.strip() for m in args.measures.split(",") if m.strip()))
    _check_min_freq(args.min_freq)
    _check_early(args, args.node)
    table = collocates(
        load_tokens(args),
        args.node,
        window=args.window,
        by=args.by,
        measures=measures,
        min_freq=args.min_freq,
        stopwords=args.stopwords,
        **_filter_kwargs(args),
    )
    if output_format(args) != "table":
        return table
    if table.empty:
        write_text(
            f"no collocates of {args.node!r} with at least {args.min_freq} co-occurrences\n",
            args.output,
        )
        return None
    if args.by:
        view = side_by_side(table, args.by, measure=measures[0], top=max(args.top, 1))
        write_text(view.to_string(index=False, na_rep="") + "\n", args.output)
        return None
    shown = table.head(max(args.top, 1)).round({m: 2 for m in (*measures, "expected")})
    write_text(shown.to_string(index=False) + "\n", args.output)
    return None


COMMANDS = [
    Command(
        "kwic",
        "keyword in context: every hit of a pattern with its context",
        _kwic_arguments,
        _kwic,
        formats=("table", "csv", "json", "html", "xlsx"),
    ),
    Command(
        "collocates",
        "collocates of a node word (G2, MI, t-score, logDice), optionally per group",
        _collocates_arguments,
        _collocates,
    ),
]
