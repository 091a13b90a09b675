"""Seaborn figures for topic models: selection curves, prevalence with intervals, top terms.

Examples
--------
>>> sel = dc.select_k(tokens, ks=range(4, 13, 2))     # doctest: +SKIP
>>> grid = plot_selection(sel)                        # doctest: +SKIP
>>> ax = plot_prevalence(tm.prevalence("actor_type"), by="actor_type")  # doctest: +SKIP
>>> grid = plot_top_terms(tm.top_terms(8))            # doctest: +SKIP
>>> ax = plot_compare(tm.compare("actor_type", "entrepreneur", "municipal"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    import seaborn as sns
    from matplotlib.axes import Axes

    from discourse.topics.selection import KSelection

__all__ = ["plot_compare", "plot_prevalence", "plot_selection", "plot_top_terms"]


def plot_selection(selection: KSelection, metrics: list[str] | None = None) -> sns.FacetGrid:
    """One panel per score against k: each seed as a point, the mean ± 1 SE as a line.

    The recommended k is marked by a dashed vertical line. Perplexity is better when
    lower; every other score when higher.

    Parameters
    ----------
    selection : KSelection
        From :func:`discourse.select_k`.
    metrics : list of str, optional
        Score columns to draw (default: all).

    Returns
    -------
    seaborn.FacetGrid
    """
    import seaborn as sns

    from discourse.topics.selection import METRICS

    names = metrics or list(METRICS)
    unknown = sorted(set(names) - set(METRICS))
    if unknown:
        raise ParameterError(f"unknown metric(s) {unknown}; known: {', '.join(METRICS)}")
    long = selection.table.melt(id_vars=["k", "seed"], value_vars=names, var_name="metric")
    long = long.dropna(subset=["value"])
    grid = sns.relplot(
        data=long,
        x="k",
        y="value",
        col="metric",
        col_order=[n for n in names if n in set(long["metric"])],
        col_wrap=min(3, max(1, long["metric"].nunique())),
        kind="line",
        errorbar="se",
        marker="o",
        height=2.6,
        aspect=1.2,
        facet_kws={"sharey": False},
    )
    from matplotlib.ticker import MaxNLocator

    for ax in grid.axes.flat:
        ax.axvline(selection.recommended, color="grey", linestyle="--", linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # k is a whole number
    for ax, name in zip(grid.axes.flat, grid.col_names, strict=False):
        better = "higher" if METRICS[name] else "lower"
        ax.set_title(f"{name} ({better} is better)", fontsize=9)
    grid.figure.suptitle(
        f"Model selection ({selection.engine}); recommended k = {selection.recommended}", y=1.02
    )
    return grid


def plot_prevalence(table: pd.DataFrame, by: str = "group", ax: Axes | None = None) -> Axes:
    """Mean topic share per group with its interval, topics as rows.

    Parameters
    ----------
    table : DataFrame
        From :meth:`TopicModel.prevalence` (columns ``label``, ``share``, ``lo``, ``hi``
        and ``by``).
    by : str
        The group column.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    missing = sorted({by, "topic", "label", "share", "lo", "hi"} - set(table.columns))
    if missing:
        raise ParameterError(f"prevalence table lacks column(s) {missing}")
    groups = list(dict.fromkeys(table[by]))
    topics = table.drop_duplicates("topic").sort_values("topic")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(topics) + 1.2))
    palette = sns.color_palette(n_colors=len(groups))
    step = 0.7 / max(1, len(groups))
    y0 = np.arange(len(topics))
    for i, (group, color) in enumerate(zip(groups, palette, strict=True)):
        g = table[table[by] == group].set_index("topic").loc[topics["topic"]]
        y = y0 + (i - (len(groups) - 1) / 2) * step
        err = np.vstack([g["share"] - g["lo"], g["hi"] - g["share"]])
        ax.errorbar(
            g["share"],
            y,
            xerr=np.nan_to_num(err),
            fmt="o",
            color=color,
            label=str(group),
            capsize=2,
            markersize=4,
        )
    ax.set_yticks(
        y0, [f"{t}: {lab}" for t, lab in zip(topics["topic"], topics["label"], strict=True)]
    )
    ax.invert_yaxis()
    ax.set_xlabel("mean topic share (95% cluster-bootstrap interval over documents)")
    if len(groups) > 1:
        ax.legend(title=by, frameon=False, fontsize=8)
    sns.despine(ax=ax)
    return ax


def plot_compare(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The difference in topic share between two groups, with its interval, per topic.

    A forest plot of :meth:`TopicModel.compare`: one point per topic at
    ``share(a) - share(b)`` with its interval as an error bar, and a line at zero.
    Intervals that exclude zero are drawn in the first palette colour, the others in
    grey.

    Parameters
    ----------
    table : DataFrame
        From :meth:`TopicModel.compare` (``topic``, ``label``, ``a``, ``b``,
        ``difference``, ``lo``, ``hi``).
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    missing = sorted({"topic", "label", "a", "b", "difference", "lo", "hi"} - set(table.columns))
    if missing:
        raise ParameterError(f"compare table lacks column(s) {missing}")
    t = table.sort_values("topic")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.4 * len(t) + 1.3))
    y = np.arange(len(t))
    clear = ((t["lo"] > 0) | (t["hi"] < 0)).to_numpy()
    err = np.nan_to_num(np.vstack([t["difference"] - t["lo"], t["hi"] - t["difference"]]))
    for mask, color, name in (
        (clear, sns.color_palette()[0], "interval excludes 0"),
        (~clear, "grey", "interval includes 0"),
    ):
        if mask.any():
            ax.errorbar(
                t["difference"].to_numpy()[mask],
                y[mask],
                xerr=err[:, mask],
                fmt="o",
                color=color,
                capsize=2,
                markersize=4,
                label=name,
            )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [f"{n}: {lab}" for n, lab in zip(t["topic"], t["label"], strict=True)])
    ax.invert_yaxis()
    a, b = t["a"].iloc[0], t["b"].iloc[0]
    ax.set_xlabel(f"difference in mean topic share, {a} − {b} (95% interval)")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    sns.despine(ax=ax)
    return ax


def plot_top_terms(
    top_terms: pd.DataFrame,
    score: str = "prob",
    col_wrap: int = 4,
    labels: pd.Series | None = None,
    **kwargs: Any,
) -> sns.FacetGrid:
    """Horizontal bars of each topic's top terms, one panel per topic.

    Parameters
    ----------
    top_terms : DataFrame
        From :meth:`TopicModel.top_terms` (the ranking decides the order of the bars).
    score : str
        The bar length: ``prob`` (default), ``relevance``, ``frex`` or ``exclusivity``.
    col_wrap : int
        Panels per row.
    labels : Series, optional
        Topic labels indexed by topic number (:meth:`TopicModel.labels`); each panel is
        then titled with its topic's number and label.
    **kwargs
        Passed to :func:`seaborn.catplot` (``height`` 2.4 and ``aspect`` 1.3 by default).

    Returns
    -------
    seaborn.FacetGrid
    """
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    if score not in top_terms.columns:
        raise ParameterError(f"top_terms has no column {score!r}")
    k = top_terms["topic"].nunique()
    data = top_terms.assign(term=top_terms["term"].astype(str))
    per_topic = int(data.groupby("topic", observed=True).size().max())
    height = max(2.4, 0.27 * per_topic + 0.7)  # room for every term label
    grid = sns.catplot(
        data=data,
        x=score,
        y="term",
        col="topic",
        col_wrap=min(col_wrap, k),
        kind="bar",
        sharey=False,
        sharex=score == "prob",
        color=sns.color_palette()[0],
        **{"height": height, "aspect": 3.4 / height, **kwargs},
    )
    grid.set_titles("topic {col_name}")
    if labels is not None:
        for ax, name in zip(grid.axes.flat, grid.col_names, strict=False):
            ax.set_title(f"topic {name}\n{labels.get(name, '')}", fontsize=9)
    for ax in grid.axes.flat:  # a few ticks, so that they never run into each other
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
    grid.set_axis_labels(score, "")
    grid.figure.tight_layout()
    return grid
