"""prevalence_leaders: the group ahead on each topic, and whether it is clearly ahead."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discourse as dc
from discourse.errors import ParameterError


def table(rows):
    return pd.DataFrame(rows, columns=["grp", "topic", "label", "share", "lo", "hi"])


def test_leaders_by_hand():
    t = table(
        [
            ("a", 1, "x", 0.50, 0.40, 0.60),
            ("b", 1, "x", 0.20, 0.10, 0.30),
            ("c", 1, "x", 0.30, 0.25, 0.39),  # its hi (0.39) is below a's lo (0.40): clear
            ("a", 2, "y", 0.30, 0.20, 0.40),
            ("b", 2, "y", 0.35, 0.30, 0.45),  # overlaps a: not clear
            ("c", 2, "y", 0.10, 0.05, 0.15),
            ("a", 3, "z", 0.20, 0.10, 0.30),
            ("b", 3, "z", 0.20, 0.15, 0.25),  # a tie: the first listed leads
            ("c", 3, "z", 0.10, np.nan, np.nan),
        ]
    )
    got = dc.prevalence_leaders(t, "grp")
    assert got["topic"].tolist() == [1, 2, 3]
    assert got["leader"].tolist() == ["a", "b", "a"]
    assert got["runner_up"].tolist() == ["c", "a", "b"]
    assert got["clear"].tolist() == [True, False, False]
    assert got.loc[0, "runner_hi"] == pytest.approx(0.39)
    assert got.loc[1, "share"] == pytest.approx(0.35) and got.loc[1, "lo"] == pytest.approx(0.30)
    assert got.loc[2, "runner_share"] == pytest.approx(0.20)
    assert np.isnan(got.loc[2, "runner_hi"])  # a missing interval is never "clear"


def test_missing_interval_of_the_leader_and_single_group():
    t = table([("a", 1, "x", 0.9, np.nan, np.nan), ("b", 1, "x", 0.1, 0.0, 0.2)])
    assert dc.prevalence_leaders(t, "grp")["clear"].tolist() == [False]
    one = dc.prevalence_leaders(t[t["grp"] == "b"], "grp")
    assert one["leader"].tolist() == ["b"] and one["runner_up"].isna().all()
    assert one["clear"].tolist() == [False]


def test_bad_input():
    with pytest.raises(ParameterError, match="no column"):
        dc.prevalence_leaders(table([]), "group")
