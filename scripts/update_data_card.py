"""Rewrite the word counts in data/raw/demo/DATA_CARD.md from the corpus itself.

The counts are white-space separated tokens of each document's normalised text, the same
definition that tests/test_demo_corpus.py checks. Run after editing the corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import discourse as dc

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw" / "demo"


def main() -> None:
    corpus = dc.read_corpus(DEMO)
    docs = corpus.documents.set_index("doc_id")
    docs["words"] = [len(corpus.text(i).split()) for i in docs.index]
    card = (DEMO / "DATA_CARD.md").read_text(encoding="utf-8")
    rows = {
        g: f"| {g} | {len(d)} | {d.words.sum():,} | {d.words.min():,}–{d.words.max():,} |"
        for g, d in docs.groupby("actor_type")
    }
    rows["**all**"] = (
        f"| **all** | {len(docs)} | {docs.words.sum():,} | "
        f"{docs.words.min():,}–{docs.words.max():,} |"
    )
    for group, row in rows.items():
        card = re.sub(rf"^\| {re.escape(group)} \| \d+ \|.*$", row, card, flags=re.MULTILINE)
    for doc_id, words in docs["words"].items():
        card = re.sub(
            rf"^(\| {doc_id} \|.*\| )[\d,]+ \|$", rf"\g<1>{words:,} |", card, flags=re.MULTILINE
        )
    (DEMO / "DATA_CARD.md").write_text(card, encoding="utf-8")
    print(f"{len(docs)} documents, {docs.words.sum():,} words")


if __name__ == "__main__":
    main()
