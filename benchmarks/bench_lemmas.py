"""Benchmark: lemma accuracy against the Universal Dependencies Norwegian gold lemmas.

Reads the UD development sets (CoNLL-U: FORM, LEMMA, UPOS) from ``shared/data/ud/`` beside
the repository (or one level further up, as for a worktree)
(``no_bokmaal-ud-dev.conllu``, ``no_nynorsk-ud-dev.conllu``; or ``--ud DIR``) and compares,
in the same run and on the same tokens:

* plain simplemma: ``simplemma.lemmatize(form.lower(), lang)``, lower-cased;
* discourse: :func:`discourse.text.context_lemmas.lemmatize_tokens`, the function
  ``preprocess`` uses, fed with the UD tokens and the UD sentence boundaries (each treebank
  is one "corpus", so the corpus-level proper-noun evidence comes from that file).

Scores (issue 13): (a) all tokens except UPOS PUNCT, NUM and SYM ("content words" in the
issue's wording); (b) UPOS NOUN, PROPN, VERB, ADJ, ADV only; PROPN alone; VERB alone.
Comparisons are case-insensitive (``casefold``); for PROPN the exact-case accuracy is shown
too. Multiword-token lines (``3-4``) and empty nodes (``3.1``) are skipped.

Targets (dev sets): nb (a) >= 97.0%, nn (a) >= 95.5%, PROPN >= 93% for each.

Usage: python benchmarks/bench_lemmas.py [--ud DIR] [--errors N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import simplemma

from discourse.text.context_lemmas import lemmatize_tokens

FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}
SKIP = {"PUNCT", "NUM", "SYM"}
CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
TARGETS = {"nb": 97.0, "nn": 95.5}


def read_conllu(path: Path) -> tuple[list[str], list[bool], list[str], list[str]]:
    """Forms, sentence starts, gold lemmas and UPOS of every syntactic word."""
    forms, starts, lemmas, upos = [], [], [], []
    new_sentence = True
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                new_sentence = True
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or "-" in cols[0] or "." in cols[0]:
                continue
            forms.append(cols[1])
            lemmas.append(cols[2])
            upos.append(cols[3])
            starts.append(new_sentence)
            new_sentence = False
    return forms, starts, lemmas, upos


def score(pred: list[str], gold: list[str], upos: list[str], keep, exact: bool = False):
    idx = [i for i, u in enumerate(upos) if keep(u)]
    if exact:
        ok = sum(pred[i] == gold[i] for i in idx)
    else:
        ok = sum(pred[i].casefold() == gold[i].casefold() for i in idx)
    return ok, len(idx)


def main() -> int:
    parser = argparse.ArgumentParser()
    here = Path(__file__).resolve().parent
    default = next(
        (p for p in (here.parents[1] / "shared", here.parents[2] / "shared") if p.is_dir()),
        here.parents[1] / "shared",
    )
    parser.add_argument("--ud", type=Path, default=default / "data" / "ud")
    parser.add_argument("--errors", type=int, default=0, help="show the N commonest misses")
    args = parser.parse_args()
    found = {lang: args.ud / name for lang, name in FILES.items() if (args.ud / name).exists()}
    if not found:
        print(f"UD dev sets not found in {args.ud} ({', '.join(FILES.values())}); nothing to do.")
        return 0
    print(f"lemma accuracy against UD gold lemmas in {args.ud} (case-insensitive unless noted)")
    print(f"{'set':<28}{'tokens':>8}{'simplemma':>11}{'discourse':>11}{'target':>8}")
    for lang, path in found.items():
        forms, starts, gold, upos = read_conllu(path)
        plain = [simplemma.lemmatize(f.lower(), lang=lang).lower() for f in forms]
        ours = lemmatize_tokens(forms, starts, lang).lemmas
        rows = [
            ("(a) all but PUNCT/NUM/SYM", lambda u: u not in SKIP, False, TARGETS[lang]),
            ("(b) NOUN PROPN VERB ADJ ADV", lambda u: u in CONTENT, False, None),
            ("PROPN", lambda u: u == "PROPN", False, 93.0),
            ("PROPN, exact case", lambda u: u == "PROPN", True, None),
            ("VERB", lambda u: u == "VERB", False, None),
        ]
        for label, keep, exact, target in rows:
            ok_p, n = score(plain, gold, upos, keep, exact)
            ok_o, _ = score(ours, gold, upos, keep, exact)
            tgt = f">={target:.1f}" if target else ""
            print(
                f"{lang + ' ' + label:<28}{n:>8}{100 * ok_p / n:>10.2f}%"
                f"{100 * ok_o / n:>10.2f}%{tgt:>8}"
            )
        if args.errors:
            misses = Counter(
                (upos[i], forms[i], gold[i], ours[i])
                for i in range(len(forms))
                if upos[i] not in SKIP and ours[i].casefold() != gold[i].casefold()
            )
            for (u, f, g, o), k in misses.most_common(args.errors):
                print(f"  {k:>4} {u:<6} {f} -> {o} (gold {g})")
    missing = set(FILES) - set(found)
    if missing:
        print(f"not found: {', '.join(FILES[m] for m in sorted(missing))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
