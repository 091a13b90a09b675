"""Figures for contrasts (seaborn / matplotlib): keyness, group scores, LSS axis, polarity.

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes, so
figures can be combined, restyled and saved with ``ax.figure.savefig(...)``.

Examples
--------
>>> ax = plot_keyness(dc.keyness(tokens, by="actor_type", target="entrepreneur"))
... # doctest: +SKIP
>>> ax.figure.savefig("reports/figures/keyness.png", dpi=150)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from discourse.contrast.scaling import Scaling

__all__ = ["plot_keyness", "plot_polarity", "plot_positions", "plot_scale", "plot_scores"]

TARGET_COLOUR = "#1b6ca8"
REFERENCE_COLOUR = "#b0b0b0"


def _axes(ax, size):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size)
    return ax


def plot_keyness(
    table: pd.DataFrame, n: int = 15, *, measure: str = "G2", ax: Axes | None = None
) -> Axes:
    """Bars of the ``n`` most key terms of the target and of the reference.

    In the style of quanteda's ``textplot_keyness``: target terms on top in colour,
    reference terms below in grey, bar length the signed ``measure`` (``G2``, ``chi2`` or
    ``log_ratio``).

    Parameters
    ----------
    table : DataFrame
        From :func:`discourse.keyness`.
    n : int
        Terms shown on each side.
    measure : {"G2", "chi2", "log_ratio"}
    ax : matplotlib Axes, optional
        Draw here (default: a new figure).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> table = dc.keyness(tokens, by="actor_type", target="entrepreneur")  # doctest: +SKIP
    >>> plot_keyness(table, n=10, measure="log_ratio")                       # doctest: +SKIP
    """
    import seaborn as sns

    if measure not in ("G2", "chi2", "log_ratio"):
        raise ParameterError(f"measure must be G2, chi2 or log_ratio; got {measure!r}")
    if n < 1:
        raise ParameterError(f"n must be >= 1; got {n}")
    ordered = table.sort_values(measure, ascending=False, kind="stable")
    top = ordered[ordered[measure] > 0].head(n)
    bottom = ordered[ordered[measure] < 0].tail(n)
    data = pd.concat([top, bottom]).assign(
        side=lambda d: np.where(d[measure] > 0, "target", "reference")
    )
    ax = _axes(ax, (7, 0.28 * max(len(data), 4) + 1))
    sns.barplot(
        data=data,
        x=measure,
        y="term",
        hue="side",
        palette={"target": TARGET_COLOUR, "reference": REFERENCE_COLOUR},
        dodge=False,
        ax=ax,
        orient="h",
    )
    target = table.attrs.get("target", "target")
    reference = table.attrs.get("reference", "reference")
    ax.set_xlabel(f"{measure} (signed: + key in {target}, - key in {reference})")
    ax.set_ylabel("")
    ax.axvline(0, color="black", linewidth=0.8)
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title("")
        for text in legend.get_texts():
            text.set_text(target if text.get_text() == "target" else reference)
    return ax


def plot_scores(table: pd.DataFrame, value: str = "rate", *, ax: Axes | None = None) -> Axes:
    """Group estimates with their bootstrap intervals, one row per category.

    Parameters
    ----------
    table : DataFrame
        From :func:`discourse.score` with ``by=`` (group rows).
    value : {"rate", "pole_index"}
        Rates per category, or the two-pole index (one point per group).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> plot_scores(dc.score(tokens, by="actor_type"), "pole_index")  # doctest: +SKIP
    """
    import seaborn as sns

    by = table.attrs.get("by")
    if table.attrs.get("unit") != "group" or by is None:
        raise ParameterError("plot_scores needs a score table with by= (group rows)")
    if value not in ("rate", "pole_index"):
        raise ParameterError(f"value must be 'rate' or 'pole_index'; got {value!r}")
    if f"{value}_lo" not in table.columns:
        raise ParameterError(f"the table has no {value} intervals")
    data = table.copy()
    if value == "pole_index":
        data = data.drop_duplicates(by).assign(category="pole index")
    data["category"] = data["category"].astype(str)
    groups = list(pd.unique(data[by]))
    cats = list(pd.unique(data["category"]))
    palette = dict(zip(groups, sns.color_palette("colorblind", len(groups)), strict=True))
    ax = _axes(ax, (7, 0.6 * len(cats) * max(1, len(groups) / 2) + 1.5))
    offsets = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
    for off, group in zip(offsets, groups, strict=True):
        rows = data[data[by] == group].set_index("category").reindex(cats)
        y = np.arange(len(cats)) + off
        est = rows[value].to_numpy(dtype=float)
        err = np.vstack(
            [est - rows[f"{value}_lo"].to_numpy(dtype=float),
             rows[f"{value}_hi"].to_numpy(dtype=float) - est]
        )
        ax.errorbar(est, y, xerr=np.nan_to_num(err), fmt="o", color=palette[group],
                    label=str(group), capsize=3)
    ax.set_yticks(np.arange(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xlabel("hits per 1,000 words (95% interval)" if value == "rate"
                  else "two-pole index: bureaucratic (-) ... entrepreneurial (+)")
    if value == "pole_index":
        ax.axvline(0, color="grey", linewidth=0.8)
    ax.legend(title=by, frameon=False)
    return ax


def plot_scale(
    result: Scaling,
    metadata: pd.DataFrame | None = None,
    by: str | None = None,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Documents on the LSS axis (bureaucratic left, entrepreneurial right).

    Parameters
    ----------
    result : Scaling
        From :func:`discourse.scale`; seed-bootstrap intervals are drawn when it has them.
    metadata : DataFrame, optional
        Document metadata with ``doc_id`` (for example ``corpus.documents``).
    by : str, optional
        A ``metadata`` column that colours the documents.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> res = dc.scale(tokens, n_boot=200)                                  # doctest: +SKIP
    >>> plot_scale(res, tokens.documents, by="actor_type")                  # doctest: +SKIP
    """
    import seaborn as sns

    docs = result.documents.copy()
    if by is not None:
        if metadata is None or by not in metadata.columns:
            raise ParameterError(f"by={by!r} needs metadata with that column (corpus.documents)")
        docs = docs.merge(metadata[["doc_id", by]].astype({"doc_id": str}), on="doc_id",
                          how="left")
        docs[by] = docs[by].astype(str)
    docs = docs.sort_values("score", kind="stable")
    ax = _axes(ax, (7, 0.22 * len(docs) + 1.5))
    y = np.arange(len(docs))
    hue = docs[by] if by is not None else None
    if "score_lo" in docs.columns:
        # darker than the grid, which is switched off along y so it cannot hide them
        ax.hlines(y, docs["score_lo"], docs["score_hi"], color="0.6", linewidth=1.5)
        ax.grid(False, axis="y")
    # groups in sorted order, so colours match plot_scores (groups sorted there too)
    sns.scatterplot(x=docs["score"].to_numpy(), y=y, hue=None if hue is None else hue.to_numpy(),
                    hue_order=None if hue is None else sorted(hue.unique()),
                    palette="colorblind" if hue is not None else None, ax=ax, s=30, zorder=3)
    ax.set_yticks(y, docs["doc_id"].astype(str))
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("LSS score (z): bureaucratic (-) ... entrepreneurial (+)")
    if by is not None and ax.get_legend() is not None:
        ax.get_legend().set_title(by)
    return ax


def plot_positions(table: pd.DataFrame, by: str | None = None, *, ax: Axes | None = None) -> Axes:
    """Group positions on the LSS axis with their bootstrap intervals.

    Parameters
    ----------
    table : DataFrame
        From :func:`discourse.contrast.positions.group_positions`: ``by``, ``n_docs``,
        ``score``, ``score_lo``, ``score_hi``.
    by : str, optional
        The group column; default ``table.attrs["by"]``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> pos = group_positions(dc.scale(tokens), tokens.documents, "actor_type")  # doctest: +SKIP
    >>> plot_positions(pos)                                                    # doctest: +SKIP
    """
    import seaborn as sns

    by = by or table.attrs.get("by")
    needed = {"score", "score_lo", "score_hi", "n_docs"}
    if by is None or by not in table.columns or not needed <= set(table.columns):
        raise ParameterError(
            "plot_positions needs a group_positions() table (by, n_docs, score, score_lo, "
            "score_hi)"
        )
    data = table.assign(_g=table[by].astype(str)).sort_values(["score", "_g"], kind="stable")
    groups = list(data["_g"])
    # colours by sorted group name, as in plot_scores and plot_scale
    palette = dict(zip(sorted(groups), sns.color_palette("colorblind", len(groups)),
                       strict=True))
    colours = [palette[g] for g in groups]
    ax = _axes(ax, (7, 0.5 * len(groups) + 1.5))
    for y, (row, colour) in enumerate(zip(data.itertuples(index=False), colours, strict=True)):
        err = np.array([[row.score - row.score_lo], [row.score_hi - row.score]])
        ax.errorbar([row.score], [y], xerr=np.nan_to_num(err), fmt="o", color=colour,
                    capsize=4, markersize=7)
    ax.set_yticks(np.arange(len(groups)),
                  [f"{g} (n={n})" for g, n in zip(groups, data["n_docs"], strict=True)])
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("mean LSS score (z, 95% interval): bureaucratic (-) ... entrepreneurial (+)")
    ax.set_ylabel("")  # the tick labels name the groups; a long column name would collide
    return ax


def _label_offsets(ax, x, y, texts, fontsize: float = 7.0) -> list[tuple[float, float]]:
    """Offsets (points) that keep point labels from overlapping: shift up until free.

    Label boxes are estimated from the text length (0.6 em per character); labels are
    placed from the lowest point up, each moved up in steps of one line height until
    its box meets no box placed before.
    """
    fig = ax.figure
    fig.canvas.draw()  # fix the axis limits so data → display is final
    to_pt = 72.0 / fig.dpi
    pts = ax.transData.transform(np.column_stack([x, y])) * to_pt
    height = fontsize * 1.2
    placed: list[tuple[float, float, float, float]] = []
    offsets = [(2.0, 2.0)] * len(texts)
    for i in np.lexsort((pts[:, 0], pts[:, 1])):
        x0 = pts[i, 0] + 2.0
        width = 0.6 * fontsize * len(texts[i])
        dy = 2.0
        while any(x0 < b[2] and b[0] < x0 + width and pts[i, 1] + dy < b[3]
                  and b[1] < pts[i, 1] + dy + height for b in placed):
            dy += height
        placed.append((x0, pts[i, 1] + dy, x0 + width, pts[i, 1] + dy + height))
        offsets[i] = (2.0, dy)
    return offsets


def plot_polarity(
    result: Scaling, n_labels: int = 15, *, min_freq: int = 2, ax: Axes | None = None
) -> Axes:
    """Term polarity against frequency (log scale), seeds highlighted, extremes labelled.

    Like LSX's ``textplot_terms``: the most negative and most positive ``n_labels``
    terms (with at least ``min_freq`` occurrences) are named.

    Parameters
    ----------
    result : Scaling
        From :func:`discourse.scale`.
    n_labels : int
        Terms named at each end.
    min_freq : int
        Terms rarer than this are not drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> plot_polarity(dc.scale(tokens), n_labels=10)  # doctest: +SKIP
    """
    import seaborn as sns

    terms = result.terms[result.terms["freq"] >= min_freq].copy()
    terms["kind"] = np.where(terms["seed_weight"] != 0, "seed", "term")
    ax = _axes(ax, (8, 6))
    sns.scatterplot(data=terms, x="polarity", y="freq", hue="kind",
                    palette={"term": "#c8c8c8", "seed": "#d1495b"}, s=14, linewidth=0, ax=ax)
    ax.set_yscale("log")
    label = pd.concat([terms.nlargest(n_labels, "polarity"), terms.nsmallest(n_labels, "polarity")])
    offsets = _label_offsets(ax, label["polarity"].to_numpy(dtype=float),
                             label["freq"].to_numpy(dtype=float),
                             [str(t) for t in label["term"]], fontsize=7)
    for row, (dx, dy) in zip(label.itertuples(), offsets, strict=True):
        ax.annotate(str(row.term), (row.polarity, row.freq), fontsize=7,
                    xytext=(dx, dy), textcoords="offset points",
                    arrowprops={"arrowstyle": "-", "color": "0.6", "linewidth": 0.5}
                    if dy > 2 else None)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("polarity: bureaucratic (-) ... entrepreneurial (+)")
    ax.set_ylabel("frequency")
    return ax
