"""The group that talks most about each topic, and whether it is clearly ahead.

A reading aid for :meth:`discourse.TopicModel.prevalence` tables: per topic, the group
with the highest mean share, the runner-up, and whether the leader is *clearly* ahead,
meaning that the leader's interval lies wholly above the interval of every other group.
Non-overlapping 95% intervals are a conservative check (two intervals can overlap a
little while the difference is still clear; Schenker & Gentleman 2001); for a single
pair, :meth:`discourse.TopicModel.compare` gives the interval of the difference itself.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"g": ["a", "b", "a", "b"], "topic": [1, 1, 2, 2],
...                       "label": ["x", "x", "y", "y"], "share": [.5, .2, .3, .35],
...                       "lo": [.4, .1, .2, .25], "hi": [.6, .3, .4, .45]})
>>> prevalence_leaders(table, "g")[["topic", "leader", "runner_up", "clear"]]
   topic leader runner_up  clear
0      1      a         b   True
1      2      b         a  False
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

__all__ = ["prevalence_leaders"]

_NEEDED = ("topic", "label", "share", "lo", "hi")


def prevalence_leaders(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per topic: the group with the highest share, the runner-up, and whether it is clear.

    Parameters
    ----------
    table : DataFrame
        A prevalence table (``<by>``, ``topic``, ``label``, ``share``, ``lo``, ``hi``),
        possibly filtered to some groups.
    by : str
        The group column.

    Returns
    -------
    DataFrame
        One row per topic, in topic order: ``topic``, ``label``, ``leader``, ``share``,
        ``lo``, ``hi`` (the leader's), ``runner_up``, ``runner_share``, ``runner_hi``
        (the highest upper bound among the other groups), ``clear`` (the leader's ``lo``
        is above every other group's ``hi``; False when an interval is missing, or when
        there is a single group). Ties for the lead go to the group listed first.

    Raises
    ------
    ParameterError
        When a column is missing.
    """
    missing = [c for c in (by, *_NEEDED) if c not in table.columns]
    if missing:
        raise ParameterError(f"the prevalence table has no column(s) {', '.join(missing)}")
    rows = []
    for topic, g in table.groupby("topic", sort=True):
        g = g.reset_index(drop=True)
        first = int(np.argmax(g["share"].to_numpy()))
        lead = g.iloc[first]
        rest = g.drop(index=first)
        if len(rest):
            second = rest.loc[rest["share"].idxmax()]
            runner, runner_share = second[by], float(second["share"])
            runner_hi = float(rest["hi"].max(skipna=False))
            clear = bool(float(lead["lo"]) > runner_hi)  # NaN compares False
        else:
            runner, runner_share, runner_hi, clear = None, float("nan"), float("nan"), False
        rows.append(
            {
                "topic": topic,
                "label": lead["label"],
                "leader": lead[by],
                "share": float(lead["share"]),
                "lo": float(lead["lo"]),
                "hi": float(lead["hi"]),
                "runner_up": runner,
                "runner_share": runner_share,
                "runner_hi": runner_hi,
                "clear": clear,
            }
        )
    return pd.DataFrame(rows)
