"""The review report of a pseudonymisation run.

It holds what an analyst needs to check the run, and nothing of the key:

* the settings (detectors, names list, where the key is);
* replacements per type and per document (in the text, in speaker labels, in metadata);
* documents whose ``doc_id`` or file name contains a listed name (rename them);
* candidate names (capitalised words inside sentences that no list names), each with its
  context, so the analyst can add real names to the list and run again.

Candidates are real text, so the report is private: write it to ``data/private/``, never to
``data/processed/`` or ``reports/`` (:func:`write_report` refuses those).

Examples
--------
>>> write_report(corpus.privacy, "data/private/study.review.md")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from discourse.errors import ParameterError
from discourse.privacy.pseudonymise import PrivacyResult

__all__ = ["review_report", "write_report"]


def _markdown_table(table: pd.DataFrame) -> str:
    cols = [str(c) for c in table.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in table.itertuples(index=False):
        cells = [str(v).replace("|", "\\|") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def review_report(result: PrivacyResult, corpus_name: str = "") -> str:
    """The review report as Markdown text.

    Parameters
    ----------
    result : PrivacyResult
        ``corpus.privacy`` of a pseudonymised corpus.
    corpus_name : str
        For the title.
    """
    s = result.settings
    lines = [
        f"# Pseudonymisation review: {corpus_name}".rstrip(": "),
        "",
        "Private: the candidates below are real text. Keep this file in data/private/.",
        "",
        "## Settings",
        "",
        f"- names list: {s.names or '(none)'} ({result.n_names} names, speaker labels "
        f"{'included' if s.speakers else 'not included'})",
        f"- key file: {result.key_path or '(kept in memory only)'}",
        f"- detectors: {', '.join(s.detectors) or '(none)'}",
        f"- metadata: {s.metadata if isinstance(s.metadata, bool) else ', '.join(s.metadata)}",
        "",
        "## Replacements by type",
        "",
    ]
    counts = result.counts
    if counts.empty:
        lines.append("No replacements.")
    else:
        by_type = counts.pivot_table(
            index="type", columns="where", values="n", aggfunc="sum", fill_value=0
        )
        by_type["total"] = by_type.sum(axis=1)
        lines.append(_markdown_table(by_type.reset_index()))
    lines += ["", "## Replacements by document", "", _markdown_table(result.summary()), ""]
    lines += ["## Documents with a listed name in their doc_id or file name", ""]
    if result.flagged_documents:
        lines.append(
            "Give these documents neutral doc_ids in metadata.csv (and neutral file names): "
            + ", ".join(result.flagged_documents)
        )
    else:
        lines.append("None.")
    lines += ["", "## Candidate names", ""]
    cand = result.candidates
    if not result.settings.candidates:
        lines.append("Candidate detection is switched off.")
    elif cand.empty:
        lines.append("None found.")
    else:
        words = cand.groupby("word", sort=True).size().rename("n").reset_index()
        lines += [
            "Capitalised words inside sentences that no list names and that are not common "
            "words. Add the real names to the names list and run again.",
            "",
            _markdown_table(words),
            "",
            "### In context",
            "",
            _markdown_table(cand[["doc_id", "seg_id", "word", "context"]]),
        ]
    return "\n".join(lines) + "\n"


def _refuse_shared(path: Path) -> None:
    parts = path.resolve().parts
    for i, part in enumerate(parts[:-1]):
        if part == "reports" or (part == "processed" and i > 0 and parts[i - 1] == "data"):
            raise ParameterError(
                f"{path}: the review report holds real text (candidate names); write it to "
                "data/private/, not under data/processed/ or reports/"
            )


def write_report(result: PrivacyResult, path: str | Path, corpus_name: str = "") -> Path:
    """Write the review report to a private file (mode 0o600).

    ``.md``/``.txt`` give Markdown, ``.json`` everything, ``.csv`` the candidates.

    Raises
    ------
    ParameterError
        The path lies under ``data/processed/`` or ``reports/``, or has another suffix.
    """
    path = Path(path)
    _refuse_shared(path)
    suffix = path.suffix.lower()
    if suffix in (".md", ".txt"):
        text = review_report(result, corpus_name)
    elif suffix == ".csv":
        text = result.candidates.to_csv(index=False)
    elif suffix == ".json":
        text = json.dumps(
            {
                "corpus": corpus_name,
                "settings": result.settings.canonical(),
                "key_file": str(result.key_path) if result.key_path else None,
                "counts": result.counts.to_dict("records"),
                "flagged_documents": result.flagged_documents,
                "candidates": result.candidates.to_dict("records"),
            },
            ensure_ascii=False,
            indent=1,
        )
    else:
        raise ParameterError(f"{path}: the report must end in .md, .txt, .csv or .json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    os.chmod(path, 0o600)  # real candidate words: readable by the owner only
    path.write_text(text, encoding="utf-8")
    return path
