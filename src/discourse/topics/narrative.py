"""Sentences about a topic model, written from its tables.

The topics notebook (``notebooks/02_topics.ipynb``) reports what the model computed in
prose. Every figure, label, ranking and direction in these sentences comes from the
tables passed in, so a rerun on another corpus rewrites them rather than leaving a false
statement behind. Each function returns Markdown (for :func:`discourse.report.say`).

Examples
--------
>>> adapt_grid([4, 6, 8], limit=6, n_train=7)
([4, 6], 'The corpus is too small for k = 8: with 7 training pseudo-documents k can be at most 6, so that value is left out of the grid.')
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from discourse.report.text import interval, listing, number, signed
from discourse.topics.agreement import describe_stability
from discourse.topics.leaders import prevalence_leaders
from discourse.topics.selection import KSelection

__all__ = [
    "FEW_UNITS_PER_TOPIC",
    "adapt_grid",
    "agreement_text",
    "choose_k",
    "compare_text",
    "leaders_text",
    "lexicon_text",
    "stability_text",
]


def _topics(frame: pd.DataFrame) -> str:
    return listing(f"{t} ({lab})" for t, lab in zip(frame["topic"], frame["label"], strict=True))


def adapt_grid(ks: Sequence[int], limit: int, n_train: int) -> tuple[list[int], str]:
    """The ks a corpus allows, and a sentence about those it does not.

    Parameters
    ----------
    ks : sequence of int
        The grid asked for.
    limit : int
        The largest k allowed (:func:`discourse.topics.selection.max_k`).
    n_train : int
        Training pseudo-documents (``limit + 1``), for the sentence.

    Returns
    -------
    (list of int, str)
        The usable ks (when none of ``ks`` fits but ``limit >= 2``: 2, the middle and
        ``limit``; empty when ``limit < 2``) and the sentence (empty when all fit).
    """
    use = [k for k in ks if 2 <= k <= limit]
    too_big = [k for k in ks if k > limit]
    text = ""
    if too_big:
        these = "that value is" if len(too_big) == 1 else "those values are"
        text = (
            f"The corpus is too small for k = {listing(too_big)}: "
            f"with {number(n_train)} training pseudo-documents k can be at most {limit}, so "
            f"{these} left out of the grid."
        )
    if not use and limit >= 2:
        use = sorted({2, (2 + limit) // 2, limit})
        text += f" The grid uses k = {listing(use)} instead."
    elif not use:
        text += (
            f" With {number(n_train)} training pseudo-documents not even two topics can be "
            "fitted, so the topic model is skipped; use a smaller pseudo-document `size` or a "
            "larger corpus."
        )
    return use, text.strip()


#: Fewer pseudo-documents per topic than this and :func:`choose_k` calls the model tentative.
FEW_UNITS_PER_TOPIC = 10


def choose_k(
    sel: KSelection,
    k: int | None = None,
    fit_limit: int | None = None,
    n_units: int | None = None,
) -> tuple[int, str]:
    """The k to fit and why: the recommended k unless ``k`` overrides it.

    Parameters
    ----------
    sel : KSelection
        From :func:`discourse.select_k`.
    k : int, optional
        A k asked for by the user (None: the recommendation).
    fit_limit : int, optional
        The largest k :func:`discourse.fit_topics` accepts; a ``k`` above it (or below 2)
        is reported and the recommendation used instead.

    Returns
    -------
    (int, str)
        The k and a paragraph: the best mean coherence, the ks within one standard
        error, the most stable among them, the perplexity minimum and any override.
    n_units : int, optional
        The number of pseudo-documents; with fewer than :data:`FEW_UNITS_PER_TOPIC` per
        topic of the chosen k, a sentence calls the topics tentative.
    """
    s = sel.summary.set_index("k")
    best = int(s["c_npmi"].idxmax())
    se = s.loc[best, "c_npmi_se"]
    near = s.index[s["c_npmi"] >= s.loc[best, "c_npmi"] - (0.0 if pd.isna(se) else se)]
    rec = int(sel.recommended)
    multi = bool(s["stability"].notna().any())
    se_text = f", standard error {signed(se, 3)}" if not pd.isna(se) else ""
    best_c = signed(s.loc[best, "c_npmi"], 3)
    text = f"Mean coherence is highest at k = {best} (c_npmi {best_c}{se_text}). "
    if len(near) > 1 and multi:
        text += (
            f"The ks within one standard error of it are {listing(near.tolist())}; of these "
            f"k = {rec} has the highest mean stability ({signed(s.loc[rec, 'stability'])}), "
            f"so the rule recommends **k = {rec}**."
        )
    elif len(near) > 1:
        text += (
            f"The ks within one standard error of it are {listing(near.tolist())}; with a "
            f"single seed stability is not measured, so the rule takes the smallest: **k = {rec}**."
        )
    else:
        text += f"No other k comes within one standard error, so the rule recommends **k = {rec}**."
    if len(s) > 1 and rec in (s.index.min(), s.index.max()):
        side, other = ("smallest", "smaller") if rec == s.index.min() else ("largest", "larger")
        text += (
            f" k = {rec} is the {side} k in the grid, so a {other} k might score better; "
            "extend the grid to check."
        )
    if s["perplexity"].notna().any():
        low = int(s["perplexity"].idxmin())
        if low == rec:
            text += f" Held-out perplexity is lowest at k = {low} as well."
        else:
            text += (
                f" Held-out perplexity is lowest at k = {low}; perplexity tends to favour more "
                "topics than readers find interpretable (Chang et al. 2009), so it does not "
                "decide here."
            )
    chosen = rec
    if k is not None:
        ok = (
            not isinstance(k, bool)
            and isinstance(k, (int, np.integer))
            and k >= 2
            and (fit_limit is None or k <= fit_limit)
        )
        if ok:
            chosen = int(k)
            text += f"\n\nThe parameter `k` sets the model to **k = {chosen}** instead."
        else:
            upper = f" to {fit_limit}" if fit_limit is not None else " or more"
            text += (
                f"\n\nThe parameter `k = {k}` cannot be fitted here (k must be a whole number "
                f"from 2{upper}), so the recommended k is used."
            )
    if n_units is not None and n_units < FEW_UNITS_PER_TOPIC * chosen:
        text += (
            f"\n\nWith {number(n_units)} pseudo-documents for {chosen} topics (fewer than "
            f"{FEW_UNITS_PER_TOPIC} per topic) the model has little to go on: treat its topics "
            "as tentative."
        )
    return chosen, text


def stability_text(sel: KSelection, k: int) -> str:
    """How stable the fits at ``k`` are across seeds, in numbers and words."""
    s = sel.summary.set_index("k")
    if k not in s.index:
        return f"k = {k} was not part of the selection grid, so its stability was not measured."
    st = s.loc[k, "stability"]
    if pd.isna(st):
        return "With a single seed per k, stability across seeds is not measured."
    n = int(s.loc[k, "n_seeds"])
    spread = (
        "one pair of seeds"
        if n == 2
        else f"standard error {signed(s.loc[k, 'stability_se'])} over {n} seeds"
    )
    text = (
        f"At k = {k} the fits of different seeds match with mean similarity {signed(st)} "
        f"({spread}): {describe_stability(st)}."
    )
    most = int(s["stability"].idxmax())
    if most != k:
        text += f" The most stable k in the grid is {most} ({signed(s.loc[most, 'stability'])})."
    return text


def agreement_text(agreement: pd.DataFrame, threshold: float = 0.7) -> tuple[pd.DataFrame, str]:
    """Which topics other seeds reproduce, from :func:`discourse.seed_agreement`.

    Parameters
    ----------
    agreement : DataFrame
        From :func:`discourse.seed_agreement`.
    threshold : float
        The matched similarity a topic must reach in every other seed to count as
        reproduced.

    Returns
    -------
    (DataFrame, str)
        Per topic ``topic``, ``label``, ``min`` and ``mean`` similarity (``reproduced``
        True or False), and the paragraph.
    """
    per = (
        agreement.groupby(["topic", "label"], sort=True)["similarity"]
        .agg(["min", "mean"])
        .reset_index()
    )
    per["reproduced"] = per["min"] >= threshold
    seeds = sorted(agreement["seed"].unique().tolist())
    kept, lost = per[per["reproduced"]], per[~per["reproduced"]]
    plural = "s" if len(seeds) > 1 else ""
    text = (
        f"Compared topic by topic with the fit{plural} of seed{plural} {listing(seeds)}, "
        f"**{len(kept)} of {len(per)}** topics are reproduced (similarity at least "
        f"{signed(threshold)} in every other seed)"
    )
    text += f": {_topics(kept)}." if len(kept) else "."
    if len(lost):
        text += (
            " Read these with more caution, as another seed does not give them back as clearly: "
        )
        text += (
            listing(
                f"{t} ({lab}, lowest similarity {signed(m)})"
                for t, lab, m in zip(lost["topic"], lost["label"], lost["min"], strict=True)
            )
            + "."
        )
    return per, text


def leaders_text(prevalence: pd.DataFrame, by: str) -> str:
    """Which group is clearly ahead on which topic (:func:`discourse.prevalence_leaders`)."""
    docs = prevalence.drop_duplicates(by)
    sizes = listing(f"{g} {n}" for g, n in zip(docs[by], docs["n_docs"], strict=True))
    intro = f"Documents per group: {sizes}. "
    if docs["n_docs"].min() < 5:
        intro += "Intervals from groups with fewer than five documents are rough. "
    if len(docs) < 2:
        return intro + "Only one group is present, so there is nothing to compare."
    lead = prevalence_leaders(prevalence, by)
    clear = lead[lead["clear"]]
    if len(clear):
        text = (
            "Clearly ahead: "
            + listing(
                f"**{g}** on topic {t} ({lab}; {interval(sh, lo, hi, 3)} against at most "
                f"{signed(rh, 3)} for the others)"
                for g, t, lab, sh, lo, hi, rh in zip(
                    clear["leader"],
                    clear["topic"],
                    clear["label"],
                    clear["share"],
                    clear["lo"],
                    clear["hi"],
                    clear["runner_hi"],
                    strict=True,
                )
            )
            + "."
        )
        rest = len(lead) - len(clear)
        if rest:
            text += (
                f" On the other {rest} topic{'s' if rest > 1 else ''} the leading group's interval "
                "overlaps another group's, so no group is clearly ahead."
            )
        return intro + text
    gap = (lead["share"] - lead["runner_share"]).idxmax()
    return intro + (
        "On no topic is one group clearly ahead: every leading group's interval overlaps "
        f"another group's. The largest gap is on topic {lead.loc[gap, 'topic']} "
        f"({lead.loc[gap, 'label']}), led by **{lead.loc[gap, 'leader']}**."
    )


def compare_text(table: pd.DataFrame) -> str:
    """The topics on which two groups clearly differ, from :meth:`TopicModel.compare`."""
    a, b = table["a"].iloc[0], table["b"].iloc[0]
    sure = table[(table["lo"] > 0) | (table["hi"] < 0)]
    text = f"**{a} versus {b}** (difference in mean share, {a} − {b}, with its 95% interval). "
    for name, part in ((a, sure[sure["difference"] > 0]), (b, sure[sure["difference"] < 0])):
        if len(part):
            text += (
                f"More room in **{name}** talk: "
                + listing(
                    f"topic {t} ({lab}, {interval(d, lo, hi, 3)})"
                    for t, lab, d, lo, hi in zip(
                        part["topic"],
                        part["label"],
                        part["difference"],
                        part["lo"],
                        part["hi"],
                        strict=True,
                    )
                )
                + ". "
            )
    if not len(sure):
        text += (
            "On every topic the interval of the difference includes zero: this corpus shows no "
            f"clear difference between {a} and {b} in what they talk about."
        )
    elif len(sure) < len(table):
        rest = len(table) - len(sure)
        text += f"On the other {rest} topic{'s' if rest > 1 else ''} the interval includes zero."
    return text.strip()


def lexicon_text(
    overlap: pd.DataFrame,
    categories: Sequence[str] = ("bureaucratic", "entrepreneurial"),
    top_n: int | None = None,
) -> str:
    """Which topics carry which lexicon category, from :func:`discourse.lexicon_overlap`.

    Parameters
    ----------
    overlap : DataFrame
        From :func:`discourse.lexicon_overlap`.
    categories : sequence of str
        The categories to describe (those missing from ``overlap`` are skipped; when none
        is present, every category in ``overlap``). With both ``bureaucratic`` and
        ``entrepreneurial``, a closing sentence says which topics lean which way.
    top_n : int, optional
        The ``n`` the table was made with, for the sentence about top terms.
    """
    present = list(dict.fromkeys(overlap["category"]))
    cats = [c for c in categories if c in present] or present
    parts = []
    for cat in cats:
        o = overlap[overlap["category"] == cat]
        name = cat.replace("_", " ")
        top = o.loc[o["mass"].idxmax()]
        if top["mass"] == 0:
            parts.append(f"No topic's terms match the **{name}** entries of the lexicon.")
            continue
        over = o[o["lift"] > 1]
        among = f"; {top['top_hits']} among its top {top_n} terms by relevance" if top_n else ""
        parts.append(
            f"**{name}** vocabulary weighs most in topic {top['topic']} ({top['label']}): "
            f"{number(100 * top['mass'], 1)}% of its probability, {signed(top['lift'], 1)} times "
            f"the corpus's share, with terms such as {listing(top['terms'].split()[:4])}{among}. "
            f"Topics above the corpus's share: {_topics(over)}."
        )
    if {"bureaucratic", "entrepreneurial"} <= set(cats):
        lift = overlap.pivot(index="topic", columns="category", values="lift")
        above = lift[["bureaucratic", "entrepreneurial"]].fillna(0.0) > 1
        bur, ent = above["bureaucratic"], above["entrepreneurial"]
        parts.append(
            "Above the corpus's share (lift over 1) in both categories: "
            f"topics {listing(above.index[bur & ent].tolist())}; in bureaucratic vocabulary "
            f"only: {listing(above.index[bur & ~ent].tolist())}; in entrepreneurial vocabulary "
            f"only: {listing(above.index[ent & ~bur].tolist())}; in neither: "
            f"{listing(above.index[~bur & ~ent].tolist())}."
        )
    return "\n\n".join(parts)
