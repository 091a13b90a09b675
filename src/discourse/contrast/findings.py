"""Findings in words: careful sentences written from the contrast tables.

A notebook must not type a direction ("entrepreneurs score higher") by hand: a rerun on
other data would leave a false sentence behind. :func:`findings` reads the result
tables of :func:`discourse.score`, :func:`discourse.keyness`,
:func:`discourse.contrast.positions.group_positions` and :func:`discourse.audit` and
writes a methods-and-findings text in Markdown whose every number, ranking and
direction comes from them.

How the words are chosen
------------------------
Two groups are compared by their 95% intervals (:func:`compare`):

* ``"higher"`` / ``"lower"`` when the intervals do not overlap;
* ``"overlap"`` ("no clear difference: the intervals overlap") when they do;
* ``"no interval"`` when a group has a single document (the cluster bootstrap gives it
  no interval) or a value is missing, so the comparison cannot be judged.

Non-overlap of two 95% intervals is a conservative criterion: it implies a difference
at well below the 5% level, while overlapping intervals do not show that two groups are
alike (Schenker & Gentleman 2001). The text says so in its limits.

A group's lean on the two-pole index (:func:`lean`) is "entrepreneurial" when its whole
interval lies above 0, "bureaucratic" when below, "balanced" when it includes 0.

References
----------
Schenker, N., & Gentleman, J. F. (2001). On judging the significance of differences by
examining the overlap between confidence intervals. *The American Statistician* 55(3),
182-186.
Watanabe, K. (2021). Latent Semantic Scaling. *Communication Methods and Measures*
15(2), 81-102.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from discourse.errors import ParameterError
from discourse.report.text import interval, listing, number, signed

if TYPE_CHECKING:
    from discourse.contrast.audit import Audit
    from discourse.contrast.lexicon import Lexicon

__all__ = [
    "Estimate",
    "compare",
    "corpus_note",
    "estimate",
    "findings",
    "lean",
    "verdict",
]

#: The pole categories of the two-pole index (negative, positive).
POLES = ("bureaucratic", "entrepreneurial")
#: Below this many documents in a compared group the limits call the sample small.
SMALL_GROUP = 20
#: Below this many documents a percentile bootstrap interval is said to understate.
TINY_GROUP = 5


class Estimate(NamedTuple):
    """A point estimate with its interval and the number of documents behind it."""

    value: float
    lo: float
    hi: float
    n_docs: int | None = None


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def compare(a: Estimate, b: Estimate) -> str:
    """How ``a`` stands against ``b``, judged by their intervals.

    Parameters
    ----------
    a, b : Estimate

    Returns
    -------
    str
        ``"higher"`` (a's interval lies above b's), ``"lower"`` (below),
        ``"overlap"`` (the intervals overlap) or ``"no interval"`` (a value or a bound
        is missing, e.g. a group of one document).

    Examples
    --------
    >>> compare(Estimate(0.4, 0.2, 0.6), Estimate(-0.1, -0.3, 0.1))
    'higher'
    >>> compare(Estimate(0.4, 0.0, 0.6), Estimate(0.1, -0.3, 0.2))
    'overlap'
    >>> compare(Estimate(0.4, float("nan"), float("nan")), Estimate(0.1, 0.0, 0.2))
    'no interval'
    """
    if any(_missing(x) for x in (a.value, a.lo, a.hi, b.value, b.lo, b.hi)):
        return "no interval"
    if a.lo > b.hi:
        return "higher"
    if a.hi < b.lo:
        return "lower"
    return "overlap"


def lean(e: Estimate, zero: float = 0.0) -> str:
    """Which pole a two-pole index (or LSS position) leans to, judged by its interval.

    Returns ``"entrepreneurial"`` (interval above ``zero``), ``"bureaucratic"`` (below),
    ``"balanced"`` (the interval includes ``zero``) or ``"no interval"``.

    Examples
    --------
    >>> lean(Estimate(0.3, 0.1, 0.5)), lean(Estimate(-0.1, -0.4, 0.2))
    ('entrepreneurial', 'balanced')
    """
    if any(_missing(x) for x in (e.value, e.lo, e.hi)):
        return "no interval"
    if e.lo > zero:
        return "entrepreneurial"
    if e.hi < zero:
        return "bureaucratic"
    return "balanced"


def verdict(result: str, a_name: str, b_name: str, a: Estimate | None = None,
            b: Estimate | None = None) -> str:
    """The words for a :func:`compare` result: ``a`` against ``b``.

    Examples
    --------
    >>> verdict("higher", "entrepreneur", "municipal")
    'higher in *entrepreneur* (the intervals do not overlap)'
    >>> verdict("overlap", "entrepreneur", "municipal")
    'no clear difference: the intervals overlap'
    """
    if result == "higher":
        return f"higher in *{a_name}* (the intervals do not overlap)"
    if result == "lower":
        return f"lower in *{a_name}* (the intervals do not overlap)"
    if result == "overlap":
        return "no clear difference: the intervals overlap"
    lacking = [
        name
        for name, e in ((a_name, a), (b_name, b))
        if e is not None and any(_missing(x) for x in (e.lo, e.hi))
    ]
    single = [
        name for name, e in ((a_name, a), (b_name, b))
        if e is not None and e.n_docs is not None and e.n_docs < 2
    ]
    if single:
        return (
            f"this cannot be judged: {_groups(single)} "
            f"{'has' if len(single) == 1 else 'have'} a single document and so no interval"
        )
    if lacking:
        verb = "has" if len(lacking) == 1 else "have"
        return f"this cannot be judged: {_groups(lacking)} {verb} no interval"
    return "this cannot be judged: an interval is missing"


def _groups(names: Sequence[str]) -> str:
    return listing([f"*{n}*" for n in names])


def estimate(
    table: pd.DataFrame, by: str, group: object, value: str, category: str | None = None
) -> Estimate | None:
    """The estimate of ``value`` for one group (and category) of a group table.

    Parameters
    ----------
    table : DataFrame
        A group table with ``by``, ``value``, ``value_lo``, ``value_hi`` and optionally
        ``n_docs`` and ``category`` (as from :func:`discourse.score` with ``by=``).
    by : str
    group : value of ``by``
        Compared as text, so ``1`` and ``"1"`` are the same group.
    value : str
    category : str, optional
        Only rows of this category.

    Returns
    -------
    Estimate or None
        None when the group (or category) has no row.

    Examples
    --------
    >>> t = pd.DataFrame({"g": ["a"], "x": [1.0], "x_lo": [0.5], "x_hi": [1.5], "n_docs": [3]})
    >>> estimate(t, "g", "a", "x")
    Estimate(value=1.0, lo=0.5, hi=1.5, n_docs=3)
    >>> estimate(t, "g", "b", "x") is None
    True
    """
    rows = table[table[by].astype(str) == str(group)]
    if category is not None and "category" in rows.columns:
        rows = rows[rows["category"].astype(str) == category]
    if rows.empty or value not in rows.columns:
        return None
    row = rows.iloc[0]

    def get(col: str) -> float:
        return float(row[col]) if col in row.index and pd.notna(row[col]) else math.nan

    n_docs = int(row["n_docs"]) if "n_docs" in row.index and pd.notna(row["n_docs"]) else None
    return Estimate(get(value), get(f"{value}_lo"), get(f"{value}_hi"), n_docs)


_FICTION_WORDS = ("fictional", "fiktiv", "synthetic", "invented", "made up")


def corpus_note(folder: str | Path) -> str | None:
    """A caveat from the corpus's own description, when it declares the corpus fictional.

    Looks at the first heading of ``DATA_CARD.md`` (or ``README.md``) in the corpus
    folder, then at the opening comment block of ``corpus.yml``; when one of them calls
    the corpus fictional (*fictional*, *fiktiv*, *synthetic*, *invented*, *made up*),
    returns a sentence saying that results demonstrate the method only. Otherwise None:
    nothing is claimed about a corpus that says nothing about itself.

    Examples
    --------
    >>> corpus_note("data/raw/demo")  # doctest: +SKIP
    'The corpus is fictional, as its DATA_CARD.md says: ...'
    """
    folder = Path(folder)

    def read(name: str) -> str:
        path = folder / name
        try:
            return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        except OSError:
            return ""

    sources = []
    for name in ("DATA_CARD.md", "README.md"):
        heading = next((ln for ln in read(name).splitlines() if ln.startswith("#")), "")
        sources.append((f"its {name}", heading))
    comment = []
    for line in read("corpus.yml").splitlines():
        if not line.strip().startswith("#"):
            break
        comment.append(line)
    sources.append(("the opening comment of its corpus.yml", " ".join(comment)))
    for where, text in sources:
        if any(w in text.casefold() for w in _FICTION_WORDS):
            return (
                f"The corpus is fictional, as {where} says: the results demonstrate the "
                "method and support no empirical claim about real people, municipalities or "
                "ventures."
            )
    return None


# --- sentences ---------------------------------------------------------------------------

def _docs(e: Estimate | None) -> str:
    if e is None or e.n_docs is None:
        return ""
    return f"{number(e.n_docs)} document{'s' if e.n_docs != 1 else ''}"


def _fmt(e: Estimate, digits: int) -> str:
    if any(_missing(x) for x in (e.lo, e.hi)):
        return f"{signed(e.value, digits)} (no interval)"
    return interval(e.value, e.lo, e.hi, digits)


_LEAN_WORDS = {
    "entrepreneurial": "lean entrepreneurial (interval above 0)",
    "bureaucratic": "lean bureaucratic (interval below 0)",
    "balanced": "are balanced between the poles (interval includes 0)",
    "no interval": "cannot be placed (no interval)",
}


def _difference(diff: pd.DataFrame | None, measure: str, category: str = "") -> Estimate | None:
    if diff is None:
        return None
    rows = diff[(diff["measure"] == measure) & (diff["category"].astype(str) == category)]
    if rows.empty:
        return None
    r = rows.iloc[0]
    return Estimate(float(r["difference"]), float(r["lo"]), float(r["hi"]))


def _judge(a: Estimate, b: Estimate, d: Estimate | None) -> str:
    """``compare`` on the difference interval when there is one, else on overlap."""
    if d is None:
        return compare(a, b)
    if any(_missing(x) for x in (d.value, d.lo, d.hi)):
        return "no interval"
    return "higher" if d.lo > 0 else "lower" if d.hi < 0 else "overlap"


def _words(res: str, target: str, reference: str, a: Estimate, b: Estimate,
           d: Estimate | None, digits: int) -> str:
    """The verdict, from the difference interval when given (see :func:`verdict`)."""
    if d is None or (res == "no interval" and compare(a, b) == "no interval"):
        return verdict(res, target, reference, a, b)
    if res == "no interval":
        return "this cannot be judged: the difference has no interval"
    while digits < 4 and any(
        x != 0 and round(x, digits) == 0 for x in (d.lo, d.hi)
    ):  # a bound that rounds to 0 would hide which side of 0 it is on
        digits += 1
    shown = f"{_plus(d.value, digits)} [{signed(d.lo, digits)}, {signed(d.hi, digits)}]"
    if res == "overlap":
        return f"no clear difference: the interval of the difference, {shown}, includes 0"
    text = f"{res} in *{target}* (the difference, {shown}, excludes 0"
    if compare(a, b) == "overlap":
        text += ", although the two groups' own intervals overlap"
    return text + ")"


def _plus(x: float, digits: int) -> str:
    return ("+" if x > 0 else "") + signed(x, digits)


def _index_sentence(scores, by, target, reference, diff) -> tuple[str, str]:
    a = estimate(scores, by, target, "pole_index")
    b = estimate(scores, by, reference, "pole_index")
    d = _difference(diff, "pole_index")
    res = _judge(a, b, d)
    text = (
        "On the two-pole index (−1: only bureaucratic hits, +1: only entrepreneurial, "
        f"smoothed), the *{target}* group scores {_fmt(a, 2)} and the *{reference}* group "
        f"{_fmt(b, 2)}. "
    )
    words = _words(res, target, reference, a, b, d, 2)
    if res in ("higher", "lower"):
        pole = "entrepreneurial" if res == "higher" else "bureaucratic"
        text += (
            f"The index is {words}: the *{target}* group puts relatively more weight on "
            f"{pole} vocabulary than the *{reference}* group."
        )
    else:
        text += f"{words[0].upper()}{words[1:]}."
    return text + f" Taken alone, {_lean_clause(target, a, reference, b)}.", res


_BOTH_LEAN_WORDS = {
    "entrepreneurial": "lean entrepreneurial (both intervals above 0)",
    "bureaucratic": "lean bureaucratic (both intervals below 0)",
    "balanced": "are balanced between the poles (both intervals include 0)",
    "no interval": "cannot be placed (no intervals)",
}


def _lean_clause(target: str, a: Estimate, reference: str, b: Estimate) -> str:
    la, lb = lean(a), lean(b)
    if la == lb:
        return f"both groups' hits {_BOTH_LEAN_WORDS[la]}"
    return f"*{target}*'s hits {_LEAN_WORDS[la]}; *{reference}*'s {_LEAN_WORDS[lb]}"


def _summary(target, reference, a, b, index_result, lss_result) -> str:
    """One sentence that answers the question, from the same results as the details."""
    parts = [f"in this corpus {_lean_clause(target, a, reference, b)}"]
    if index_result in ("higher", "lower"):
        pole = "entrepreneurial" if index_result == "higher" else "bureaucratic"
        parts.append(
            f"relative to each other, the *{target}* group puts more weight on {pole} "
            f"vocabulary than the *{reference}* group"
        )
    elif index_result == "overlap":
        parts.append("the two groups cannot be told apart on the two-pole index")
    else:
        parts.append("whether the two groups differ on the two-pole index cannot be judged")
    text = "In short: " + "; ".join(parts)
    if lss_result is not None:
        if lss_result == "overlap":
            text += ", and Latent Semantic Scaling does not separate them"
        elif lss_result in ("higher", "lower") and index_result in ("higher", "lower"):
            text += (", and Latent Semantic Scaling agrees" if lss_result == index_result
                     else ", but Latent Semantic Scaling points the other way")
        elif lss_result in ("higher", "lower"):
            text += f", while Latent Semantic Scaling places *{target}* {lss_result}"
    return text + ". Details, measure by measure, follow."


def _category_order(scores: pd.DataFrame) -> list[str]:
    cats = [str(c) for c in pd.unique(scores["category"].astype(str))]
    poles = [c for c in (POLES[1], POLES[0]) if c in cats]
    return poles + [c for c in cats if c not in poles]


def _rate_lines(scores, by, target, reference, diff) -> str:
    lines = []
    for cat in _category_order(scores):
        a = estimate(scores, by, target, "rate", cat)
        b = estimate(scores, by, reference, "rate", cat)
        if a is None or b is None:
            continue
        d = _difference(diff, "rate", cat)
        res = _judge(a, b, d)
        if a.value == 0 and b.value == 0:
            lines.append(f"- *{cat.replace('_', ' ')}* vocabulary: no hits in either group.")
            continue
        lines.append(
            f"- *{cat.replace('_', ' ')}* vocabulary: {_fmt(a, 1)} against {_fmt(b, 1)} "
            f"— {_words(res, target, reference, a, b, d, 1)}."
        )
    if not lines:
        return ""
    return (
        f"Lexicon hits per 1,000 running words, *{target}* against *{reference}*:\n\n"
        + "\n".join(lines)
    )


def _ranking(scores: pd.DataFrame, by: str) -> str:
    groups = scores.drop_duplicates(by)
    groups = groups.assign(group_=groups[by].astype(str))
    groups = groups.sort_values(["pole_index", "group_"], ascending=[False, True],
                                kind="stable")
    items = []
    for name in groups["group_"]:
        e = estimate(scores, by, name, "pole_index")
        items.append(f"*{name}* {_fmt(e, 2)} ({_docs(e)})")
    return (
        f"All groups of `{by}`, from the most entrepreneurial to the most bureaucratic index "
        "(ranked by point estimate, which is not a test of the differences): "
        + listing(items) + "."
    )


def _contrast_block(scores, by, target, reference, what: str, diff=None
                    ) -> tuple[list[str], str | None]:
    present = [str(g) for g in pd.unique(scores[by].astype(str))]
    lost = [g for g in (target, reference) if str(g) not in present]
    if lost:
        return [
            f"The {what} contrast of *{target}* and *{reference}* cannot be made: "
            f"no counted text has {_groups(lost)} in column `{by}` "
            f"(groups present: {listing(f'*{g}*' for g in present)})."
        ], None
    if diff is not None and (str(diff.attrs.get("target", target)) != str(target)
                             or str(diff.attrs.get("reference", reference)) != str(reference)):
        raise ParameterError(
            f"the difference table compares {diff.attrs.get('target')!r} with "
            f"{diff.attrs.get('reference')!r}, not {target!r} with {reference!r}"
        )
    sentences = []
    result = None
    if "pole_index" in scores.columns:
        sentence, result = _index_sentence(scores, by, target, reference, diff)
        sentences.append(sentence)
    rates = _rate_lines(scores, by, target, reference, diff)
    return sentences + ([rates] if rates else []), result


def _pole_terms(lexicon: Lexicon | None) -> dict[str, list[str]]:
    if lexicon is None:
        return {}
    from discourse.contrast.hits import load_lexicon

    lex = load_lexicon(lexicon)
    out: dict[str, list[str]] = {}
    for cat in POLES:
        if cat not in lex.top_categories:
            continue
        pats = set()
        for lang in lex.languages:
            pats.update(e.replace(" ", "_").casefold() for e in lex.entries(cat, lang))
        out[cat] = sorted(pats)
    return out


def _in_pole(term: str, patterns: list[str]) -> bool:
    t = term.casefold()
    return any(fnmatch.fnmatchcase(t, p) for p in patterns)


def _keyness_sentences(table, top: int, alpha: float, lexicon) -> list[str]:
    target = table.attrs.get("target", "target")
    reference = table.attrs.get("reference", "reference")
    if reference == "rest":
        reference = "all other groups"
    sig = table[table["p_adj"] < alpha]
    up = sig[sig["G2"] > 0].sort_values(["G2", "term"], ascending=[False, True]).head(top)
    down = sig[sig["G2"] < 0].sort_values(["G2", "term"], ascending=[True, True]).head(top)
    poles = _pole_terms(lexicon)
    out = []

    def describe(rows: pd.DataFrame, docs_col: str) -> str:
        return listing(
            f"*{r.term}* (G² {abs(r.G2):.1f}, in {int(getattr(r, docs_col))} "
            f"document{'s' if int(getattr(r, docs_col)) != 1 else ''})"
            for r in rows.itertuples(index=False)
        )

    lead = (
        f"Keyness (signed log-likelihood G², Benjamini–Hochberg-adjusted p < {alpha:g}) "
        f"lists {number(len(sig[sig['G2'] > 0]))} term(s) as key for *{target}* and "
        f"{number(len(sig[sig['G2'] < 0]))} for *{reference}*, out of "
        f"{number(len(table))} compared."
    )
    out.append(lead)
    for rows, group, docs_col in ((up, target, "docs_target"), (down, reference, "docs_reference")):
        if rows.empty:
            sign = 1 if docs_col == "docs_target" else -1
            side = table[table["G2"] * sign > 0]
            best = side.assign(_s=side["G2"].abs()).sort_values(
                ["_s", "term"], ascending=[False, True]).head(3)
            text = f"No term is key for *{group}* at this level"
            if len(best):
                text += "; the largest G² values on its side are " + listing(
                    f"*{r.term}* ({abs(r.G2):.1f}, adjusted p = {r.p_adj:.2f})"
                    for r in best.itertuples(index=False)
                )
            out.append(text + ".")
            continue
        sentence = f"The strongest for *{group}*: {describe(rows, docs_col)}."
        if poles:
            counts = {
                cat: sum(_in_pole(t, pats) for t in rows["term"].astype(str))
                for cat, pats in poles.items()
            }
            if any(counts.values()):
                sentence += (
                    f" Of these {len(rows)}, "
                    + listing(f"{n} match{'es' if n == 1 else ''} the {cat} lexicon"
                              for cat, n in counts.items())
                    + "."
                )
            else:
                sentence += " None of them is an entry of either pole of the lexicon."
        out.append(sentence)
    return out


def _positions_result(positions, target, reference) -> str | None:
    by = positions.attrs.get("by") or positions.columns[0]
    a = estimate(positions, by, target, "score")
    b = estimate(positions, by, reference, "score")
    if a is None or b is None:
        return None
    d = None
    if "difference_lo" in positions.columns and str(positions.attrs.get("reference")) == str(
        reference
    ):
        row = positions[positions[by].astype(str) == str(target)].iloc[0]
        d = Estimate(float(row["difference"]), float(row["difference_lo"]),
                     float(row["difference_hi"]))
    return _judge(a, b, d)


def _positions_sentences(positions, target, reference, index_result: str | None) -> list[str]:
    by = positions.attrs.get("by") or positions.columns[0]
    a = estimate(positions, by, target, "score")
    b = estimate(positions, by, reference, "score")
    n_pos = positions.attrs.get("seeds_positive")
    n_neg = positions.attrs.get("seeds_negative")
    seeds = (
        f" with {number(n_pos)} entrepreneurial and {number(n_neg)} bureaucratic seed "
        f"patterns from the lexicon" if n_pos is not None and n_neg is not None else ""
    )
    intro = (
        "Latent Semantic Scaling (Watanabe 2021) places each document on the same axis from "
        f"word co-occurrence{seeds}, so words outside the lexicon count too."
    )
    if a is None or b is None:
        lost = [g for g, e in ((target, a), (reference, b)) if e is None]
        return [
            intro + f" The group{'s' if len(lost) > 1 else ''} {_groups(lost)} "
            f"{'has' if len(lost) == 1 else 'have'} no scaled document, so the groups "
            "cannot be compared on it."
        ]
    d = None
    if "difference_lo" in positions.columns and str(positions.attrs.get("reference")) == str(
        reference
    ):
        row = positions[positions[by].astype(str) == str(target)].iloc[0]
        d = Estimate(float(row["difference"]), float(row["difference_lo"]),
                     float(row["difference_hi"]))
    res = _judge(a, b, d)
    text = (
        f"{intro} Mean document positions (z-scores, 0 = corpus mean): *{target}* "
        f"{_fmt(a, 2)}, *{reference}* {_fmt(b, 2)}; "
        f"{_words(res, target, reference, a, b, d, 2)}."
    )
    known = ("higher", "lower", "overlap")
    if index_result in known and res in known:
        idx_sep, lss_sep = index_result != "overlap", res != "overlap"
        if idx_sep and lss_sep:
            text += (
                " This agrees with the lexicon index." if res == index_result else
                " This is the opposite of the lexicon index: read both with care."
            )
        elif idx_sep != lss_sep:
            text += (
                " Only one of the two measures separates the groups: "
                + ("the lexicon index." if idx_sep else "LSS.")
            )
    return [text]


def _audit_sentences(audits: Mapping[str, Audit], k: int = 3) -> list[str]:
    out = []
    for cat, rep in audits.items():
        entries = rep.entries
        hits = int(entries["hits"].sum())
        if hits == 0:
            out.append(f"The *{cat}* category has no hits.")
            continue
        used = int((entries["hits"] > 0).sum())
        topk = entries[entries["hits"] > 0].head(k)
        share = float(topk["hits"].sum()) / hits
        cov = rep.coverage
        cov_row = cov[cov["category"].astype(str) == cat.split(".")[0]]
        coverage = ""
        if not cov_row.empty:
            r = cov_row.iloc[0]
            coverage = (
                f", and {number(r['docs_with_hits'])} of {number(r['docs'])} documents "
                "have at least one"
            )
        langs = [str(x) for x in pd.unique(entries["lang"]) if str(x) != "*"]
        parts = f" (in the {listing(langs)} parts)" if len(langs) > 1 else ""
        out.append(
            f"The *{cat}* score rests on {number(hits)} hits of {number(used)} of its "
            f"{number(len(entries))} entries{parts}; the {len(topk)} most frequent ("
            + listing(f"*{t.entry}* {100 * t.share:.0f}%" for t in topk.itertuples(index=False))
            + f") give {100 * share:.0f}% of them{coverage}."
        )
    return out


def _limits(scores, by, target, reference, note, audits, level_pct) -> str:
    parts = []
    sizes = []
    for g in (target, reference):
        e = estimate(scores, by, g, "pole_index") if scores is not None else None
        if e is not None and e.n_docs is not None:
            sizes.append((g, e.n_docs))
    if sizes:
        smallest = min(n for _, n in sizes)
        words = ""
        if scores is not None:
            tok = scores[scores[by].astype(str).isin([str(g) for g, _ in sizes])]
            words = f" ({number(tok.drop_duplicates(by)['tokens'].sum())} running words)"
        parts.append(
            "The contrast rests on "
            + listing(f"{number(n)} *{g}* document{'s' if n != 1 else ''}" for g, n in sizes)
            + words
            + (
                ": with so few documents the intervals are wide and one talkative "
                "respondent can move a group's rate."
                if smallest < SMALL_GROUP
                else "."
            )
        )
        all_sizes = scores.drop_duplicates(by)[[by, "n_docs"]]
        tiny = all_sizes[all_sizes["n_docs"] < TINY_GROUP]
        if len(tiny):
            named = listing(f"*{r[0]}*: {int(r[1])}" for r in tiny.itertuples(index=False))
            parts.append(
                f"Groups of fewer than {TINY_GROUP} documents ({named}) get intervals that "
                "cannot reach beyond their few documents' own range, so "
                "those intervals understate the uncertainty."
            )
    if note:
        parts.append(note)
    lex_limit = (
        "A score counts lexicon entries, not meanings: a hit says that a logic's vocabulary "
        "is present, not that the speaker endorses it (someone complaining about "
        "*regelverk* still scores bureaucratic), and the lexicon has not been validated "
        "against hand coding of this corpus"
    )
    if audits:
        lex_limit += "; the audit above shows how few entries carry each score"
    parts.append(lex_limit + ".")
    parts.append(
        f"The {level_pct} intervals come from resampling documents within each group, so "
        "they describe the uncertainty of this corpus, not of a population it was not "
        "sampled from. Overlapping intervals are a conservative test: they do not show that "
        "two groups talk alike, only that these data cannot tell them apart (Schenker & "
        "Gentleman 2001)."
    )
    parts.append(
        "The method cannot show why the groups talk as they do, how a word is framed in a "
        "given passage (read the concordance lines), or that any way of talking made a "
        "collaboration succeed or stall; group labels come from the metadata, and the "
        "interview questions shape what respondents talk about."
    )
    return "**Limits.** " + " ".join(parts)


def findings(
    scores: pd.DataFrame | None,
    keyness: pd.DataFrame | None = None,
    scaling: pd.DataFrame | None = None,
    *,
    target: str = "entrepreneur",
    reference: str = "municipal",
    by: str | None = None,
    doc_scores: pd.DataFrame | None = None,
    doc_target: str = "policy",
    doc_reference: str = "interview",
    doc_keyness: pd.DataFrame | None = None,
    difference: pd.DataFrame | None = None,
    doc_difference: pd.DataFrame | None = None,
    audits: Mapping[str, Audit] | None = None,
    lexicon: Lexicon | str | None = None,
    top: int = 5,
    alpha: float = 0.05,
    level: float = 0.95,
    note: str | None = None,
) -> str:
    """A methods-and-findings text (Markdown) written from the contrast tables.

    Every number, ranking and direction comes from the tables; the words for a
    comparison are chosen by :func:`compare` from the intervals (see the module docs).
    Parts whose table is None are left out.

    Parameters
    ----------
    scores : DataFrame or None
        :func:`discourse.score` with ``by=`` (group rows with intervals), for example by
        ``actor_type``. None: no group contrast (the text says so).
    keyness : DataFrame, optional
        :func:`discourse.keyness` of ``target`` against ``reference``.
    scaling : DataFrame, optional
        Group positions on the LSS axis from
        :func:`discourse.contrast.positions.group_positions`.
    target, reference : str
        The two groups of ``by`` to contrast.
    by : str, optional
        The group column; default ``scores.attrs["by"]``.
    doc_scores : DataFrame, optional
        :func:`discourse.score` by the document-type column, to contrast ``doc_target``
        (e.g. policy documents) with ``doc_reference`` (e.g. interviews).
    doc_keyness : DataFrame, optional
        :func:`discourse.keyness` of ``doc_target`` against ``doc_reference``.
    difference, doc_difference : DataFrame, optional
        :func:`discourse.contrast.difference.score_difference` of ``target`` against
        ``reference`` (and of ``doc_target`` against ``doc_reference``). When given,
        "higher"/"lower" need the interval of the difference to exclude 0 (more
        sensitive than non-overlap of the groups' intervals, and the right test);
        otherwise the groups' intervals must not overlap.
    audits : mapping of category to Audit, optional
        :func:`discourse.audit` results, for which entries drive each score.
    lexicon : Lexicon or str, optional
        When given, the key terms are checked against the two poles' entries.
    top : int
        Key terms named per side.
    alpha : float
        Level for adjusted keyness p-values.
    level : float
        The interval level of the tables (for the wording only).
    note : str, optional
        A caveat about the corpus (see :func:`corpus_note`), placed in the limits.

    Returns
    -------
    str
        Markdown: a **Findings** part (one paragraph per analysis) and a **Limits** part.

    Raises
    ------
    ParameterError
        ``target == reference``, no ``by`` column, or a score table without group
        intervals.

    Examples
    --------
    >>> scores = pd.DataFrame({
    ...     "actor_type": ["e", "e", "m", "m"],
    ...     "category": ["bureaucratic", "entrepreneurial"] * 2,
    ...     "hits": [5, 20, 20, 5], "tokens": [1000, 1000, 1000, 1000],
    ...     "rate": [5.0, 20.0, 20.0, 5.0], "rate_lo": [3.0, 15.0, 15.0, 3.0],
    ...     "rate_hi": [7.0, 25.0, 25.0, 7.0], "pole_index": [0.52, 0.52, -0.52, -0.52],
    ...     "pole_index_lo": [0.3, 0.3, -0.7, -0.7], "pole_index_hi": [0.7, 0.7, -0.3, -0.3],
    ...     "n_docs": [6, 6, 6, 6]})
    >>> text = findings(scores, target="e", reference="m", by="actor_type")
    >>> "higher in *e* (the intervals do not overlap)" in text
    True
    """
    if str(target) == str(reference):
        raise ParameterError("target and reference must be different groups")
    level_pct = f"{100 * level:g}%"
    paragraphs: list[str] = []
    index_result = None
    if scores is not None:
        by = by or scores.attrs.get("by")
        if by is None or by not in scores.columns:
            raise ParameterError(
                "by: name the group column of the score table (score(tokens, by=...))"
            )
        if "rate_lo" not in scores.columns or "n_docs" not in scores.columns:
            raise ParameterError("findings needs group rows with intervals: score(tokens, by=...)")
        a = estimate(scores, by, target, "pole_index")
        b = estimate(scores, by, reference, "pole_index")
        n_boot = difference.attrs.get("n_boot") if difference is not None else None
        method = (
            f"We compare *{target}* ({_docs(a) or 'no documents'}) with *{reference}* "
            f"({_docs(b) or 'no documents'}) in column `{by}`, using the "
            f"{scores.attrs.get('lexicon', 'given')} lexicon: hits per 1,000 running words "
            "and a two-pole index, each with a "
            f"{level_pct} percentile interval from a cluster bootstrap over documents"
            + (
                f"; {listing(scores.attrs['exclude_roles'])} turns are left out"
                if scores.attrs.get("exclude_roles")
                else ""
            )
            + ". "
            + (
                "A difference between two groups is judged by the interval of the "
                "difference (resampling each group's documents"
                + (f", {number(n_boot)} resamples" if n_boot else "")
                + "); without it, by whether the groups' intervals overlap."
                if difference is not None
                else "Two groups differ clearly only where their intervals do not overlap."
            )
        )
        sentences, index_result = _contrast_block(
            scores, by, target, reference, "main", difference
        )
        if a is not None and b is not None and index_result is not None:
            lss = (_positions_result(scaling, target, reference)
                   if scaling is not None and len(scaling) else None)
            paragraphs.append(_summary(target, reference, a, b, index_result, lss))
        paragraphs.append(_join([method, *sentences]))
        if "pole_index" in scores.columns and scores[by].nunique() > 2:
            paragraphs.append(_ranking(scores, by))
    else:
        paragraphs.append(
            f"No group contrast was computed (no `{by or 'group'}` column with the groups "
            f"*{target}* and *{reference}*)."
        )
    if doc_scores is not None:
        dby = doc_scores.attrs.get("by")
        if dby is None or dby not in doc_scores.columns:
            raise ParameterError("doc_scores: a score table with by= (group rows) is needed")
        sentences, _ = _contrast_block(
            doc_scores, dby, doc_target, doc_reference, "document-type", doc_difference
        )
        paragraphs.append(
            _join([f"*{doc_target.capitalize()}* against *{doc_reference}* texts "
                   f"(column `{dby}`).", *sentences])
        )
    if keyness is not None and len(keyness):
        paragraphs.append(" ".join(_keyness_sentences(keyness, top, alpha, lexicon)))
    if doc_keyness is not None and len(doc_keyness):
        paragraphs.append(" ".join(_keyness_sentences(doc_keyness, top, alpha, lexicon)))
    if scaling is not None and len(scaling):
        paragraphs += _positions_sentences(scaling, target, reference, index_result)
    if audits:
        paragraphs.append(" ".join(_audit_sentences(audits)))
    text = "**Findings.** " + "\n\n".join(paragraphs)
    by_for_limits = by if scores is not None else None
    return text + "\n\n" + _limits(
        scores, by_for_limits, target, reference, note, audits, level_pct
    )


def _join(parts: Sequence[str]) -> str:
    """Sentences joined by spaces; a Markdown list starts its own block."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif "\n- " in part:
            out += "\n\n" + part
        else:
            out += " " + part
    return out
