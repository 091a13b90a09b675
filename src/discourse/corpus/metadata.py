"""Reading and checking a corpus folder's ``metadata.csv``.

The CSV has one row per document. ``file`` (a path relative to the corpus folder) is
required; ``doc_id`` is optional and defaults to the file's path without its extension;
every other column is document metadata. Spreadsheet exports are accepted as they come:
UTF-8 with or without BOM, Windows-1252, and comma, semicolon or tab separators.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "metadata.csv").write_text("file;actor_type\\na.txt;entrepreneur\\n")
>>> read_metadata(folder)[["file", "doc_id", "actor_type"]].to_dict("records")
[{'file': 'a.txt', 'doc_id': 'a', 'actor_type': 'entrepreneur'}]
"""

from __future__ import annotations

import csv
import io
from pathlib import Path, PurePosixPath

import pandas as pd

from discourse.corpus.formats import decode_text
from discourse.errors import DocumentError, MetadataError

__all__ = ["RESERVED_COLUMNS", "default_doc_id", "normalise_relpath", "read_metadata"]

# Columns of the documents table that discourse itself computes; metadata may not reuse
# them. (A metadata column named like a segment column, such as `role` for an informant's
# job, is kept as is in the documents table and appears as `doc_role` in the segments.)
RESERVED_COLUMNS = frozenset({"sha256", "n_segments", "n_chars", "format", "encoding", "structure"})


def normalise_relpath(value: str) -> str:
    """A relative path in POSIX form without ``./``, as used in the ``file`` column.

    Examples
    --------
    >>> normalise_relpath(r".\\\\intervjuer\\\\E01.txt")
    'intervjuer/E01.txt'
    """
    value = value.strip().replace("\\", "/")
    return str(PurePosixPath(*[p for p in value.split("/") if p not in ("", ".")]))


def default_doc_id(relpath: str) -> str:
    """The default ``doc_id``: the file's relative path without its extension.

    Examples
    --------
    >>> default_doc_id("intervjuer/E01.docx")
    'intervjuer/E01'
    """
    return str(PurePosixPath(relpath).with_suffix(""))


def read_metadata(folder: Path) -> pd.DataFrame | None:
    """Read and validate ``folder/metadata.csv``; None when there is no such file.

    Returns
    -------
    DataFrame or None
        One row per listed document with string columns ``file`` and ``doc_id`` first,
        then the metadata columns as written (empty cells are missing values).

    Raises
    ------
    MetadataError
        If the file cannot be parsed, has no ``file`` column, uses a reserved column
        name, or lists a file or ``doc_id`` twice.
    """
    path = folder / "metadata.csv"
    if not path.exists():
        return None
    try:
        text = decode_text(path.read_bytes(), str(path)).text
    except DocumentError as exc:
        raise MetadataError(str(exc)) from None
    if not text.strip():
        raise MetadataError(f"{path}: is empty; add a header row with a `file` column")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        table = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise MetadataError(f"{path}: is not a valid CSV table ({exc})") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "file" not in table.columns:
        raise MetadataError(
            f"{path}: has no `file` column (columns found: {', '.join(table.columns)}); "
            "add a `file` column with each document's path relative to the corpus folder"
        )
    unnamed = [c for c in table.columns if not c or c.startswith("Unnamed:")]
    if unnamed:
        raise MetadataError(f"{path}: has a column without a name; name every column")
    dupes = sorted({c for c in table.columns if list(table.columns).count(c) > 1})
    if dupes:
        raise MetadataError(f"{path}: column(s) {', '.join(dupes)} appear more than once")
    reserved = sorted(set(table.columns) & RESERVED_COLUMNS)
    if reserved:
        raise MetadataError(
            f"{path}: column(s) {', '.join(reserved)} are reserved for discourse's own "
            "tables; rename them"
        )
    missing_file = table["file"].isna()
    if missing_file.any():
        rows = ", ".join(str(i + 2) for i in table.index[missing_file])
        raise MetadataError(f"{path}: line(s) {rows} have an empty `file` cell")
    table["file"] = table["file"].map(normalise_relpath)
    repeated = table["file"][table["file"].duplicated()].unique().tolist()
    if repeated:
        raise MetadataError(f"{path}: file(s) listed more than once: {', '.join(repeated)}")
    ids = table["doc_id"] if "doc_id" in table.columns else pd.Series(pd.NA, index=table.index)
    table["doc_id"] = ids.where(ids.notna(), table["file"].map(default_doc_id)).str.strip()
    check_unique_ids(table, str(path))
    others = [c for c in table.columns if c not in ("file", "doc_id")]
    return table[["file", "doc_id", *others]].reset_index(drop=True)


def check_unique_ids(table: pd.DataFrame, source: str) -> None:
    """Raise :class:`MetadataError` naming every ``doc_id`` that two files share."""
    dup = table[table["doc_id"].duplicated(keep=False)]
    if dup.empty:
        return
    clashes = "; ".join(
        f"{doc_id!r} for {', '.join(group['file'])}" for doc_id, group in dup.groupby("doc_id")
    )
    raise MetadataError(f"{source}: two documents share a doc_id: {clashes}; make each unique")
