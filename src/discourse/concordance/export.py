"""Concordance output: CSV and Excel files, an HTML view, an aligned text view, whole turns.

- :func:`export_kwic` writes a concordance to ``.csv`` (UTF-8) or ``.xlsx`` (openpyxl)
  in its row order (the sort order) with every metadata column. The Excel file has a
  ``kwic`` sheet (right-aligned left context, bold keyword, filters, frozen header) and
  a ``query`` sheet with the query's settings, for provenance.
- :func:`kwic_html` gives an HTML table for notebooks: the keyword highlighted in a
  centre column, left context right-aligned, right context left-aligned, so keywords
  line up as in AntConc. The returned string displays itself in Jupyter.
- :func:`format_kwic` gives the same alignment as plain text, for terminals.
- :func:`show_turn` gives the whole turn (or paragraph) of one hit, keyword marked,
  optionally with the turns before and after it.

Examples
--------
>>> lines = dc.kwic(tokens, "pilot", sort=("R1",))   # doctest: +SKIP
>>> export_kwic(lines, "pilot.xlsx", query={"pattern": "pilot"})  # doctest: +SKIP
>>> kwic_html(lines)                                   # doctest: +SKIP
>>> show_turn(tokens, lines.iloc[0], before=1)         # doctest: +SKIP
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from discourse.errors import ParameterError

if TYPE_CHECKING:
    from discourse.corpus.reader import Corpus
    from discourse.text.preprocess import Tokens

__all__ = ["Html", "export_kwic", "format_kwic", "kwic_html", "show_turn"]

EXPORT_FORMATS = ("csv", "xlsx")
_REQUIRED = ("left", "keyword", "right")


class Html(str):
    """A string of HTML that Jupyter displays as HTML (and prints as its source)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


class Turn(str):
    """A turn's text with the keyword marked ``[[like this]]``; HTML in notebooks."""

    __slots__ = ("html",)

    def __new__(cls, text: str, html_text: str) -> Turn:
        obj = super().__new__(cls, text)
        obj.html = html_text
        return obj

    def _repr_html_(self) -> str:
        return self.html


def _check_kwic(df: Any) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"expected a concordance DataFrame, got {type(df).__name__}")
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise ParameterError(
            f"not a concordance table: column(s) {', '.join(missing)} missing "
            "(make it with dc.kwic)"
        )
    return df


def export_kwic(
    df: pd.DataFrame,
    path: str | Path,
    *,
    format: str | None = None,
    query: Mapping[str, Any] | None = None,
) -> Path:
    """Write a concordance to CSV or XLSX, keeping its row order and every column.

    Parameters
    ----------
    df : DataFrame
        From :func:`discourse.kwic`.
    path : str or Path
        The file to write (its folder must exist).
    format : {"csv", "xlsx"}, optional
        Default: from the file's extension.
    query : mapping, optional
        Settings to record (pattern, window, filters); written to the ``query`` sheet
        of an Excel file. CSV files hold the table only.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ParameterError
        For an unknown format or a table that is not a concordance.

    Examples
    --------
    >>> lines = dc.kwic(tokens, "pilot*", sort=("R1",))                       # doctest: +SKIP
    >>> export_kwic(lines, "pilot.xlsx", query={"pattern": "pilot*"})         # doctest: +SKIP
    """
    df = _check_kwic(df)
    path = Path(path)
    fmt = format or path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise ParameterError(
            f"{path}: cannot tell the export format; use a .csv or .xlsx file name "
            f"or format= one of {', '.join(EXPORT_FORMATS)}"
        )
    if not path.parent.is_dir():
        raise ParameterError(f"{path}: the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "csv":
            df.to_csv(tmp, index=False, encoding="utf-8")
        else:
            _write_xlsx(df, tmp, query)
        shutil.move(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _clean_cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _text_not_formula(cells: Any) -> None:
    """Keep text that starts with "=" (a quoted "=)" or "= 5 %") text, not an Excel formula."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _write_xlsx(df: pd.DataFrame, path: Path, query: Mapping[str, Any] | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from discourse import __version__

    wb = Workbook()
    ws = wb.active
    ws.title = "kwic"
    columns = [str(c) for c in df.columns]
    ws.append(columns)
    for row in df.itertuples(index=False, name=None):
        ws.append([_clean_cell(v) for v in row])
        _text_not_formula(ws[ws.max_row])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    ws.freeze_panes = "A2"
    if len(df):
        ws.auto_filter.ref = ws.dimensions
    widths = {"left": 60, "keyword": 18, "right": 60}
    highlight = PatternFill("solid", fgColor="FFF2CC")
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        sample = [len(name), *(len(str(v)) for v in df[name].head(200).tolist())]
        ws.column_dimensions[letter].width = widths.get(name, min(max(sample) + 2, 30))
        if name in ("left", "keyword"):
            align = Alignment(horizontal="right" if name == "left" else "center")
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = align
                if name == "keyword":
                    cell.font = bold
                    cell.fill = highlight
    info = wb.create_sheet("query")
    info.append(["setting", "value"])
    info["A1"].font = bold
    info["B1"].font = bold
    for key, value in {**(query or {}), "rows": len(df), "discourse": __version__}.items():
        shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
        info.append([str(key), _clean_cell(shown if shown is not None else "")])
        _text_not_formula(info[info.max_row])
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    wb.save(path)


def _cut_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def _cut_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_kwic(
    df: pd.DataFrame,
    *,
    context_width: int = 40,
    columns: tuple[str, ...] = ("doc_id", "speaker"),
) -> str:
    """The concordance as aligned plain text: left context right-aligned, keyword column.

    Parameters
    ----------
    df : DataFrame
        From :func:`discourse.kwic`.
    context_width : int
        Characters of context each side; longer contexts are cut at the far end (``…``).
    columns : tuple of str
        Columns printed before the context (those present in ``df``).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["E01", "M02"], "speaker": ["Kari", None],
    ...     "left": ["vi hadde en", "etter"], "keyword": ["pilot", "piloten"],
    ...     "right": ["i fjor.", "ble det stille"]})
    >>> print(format_kwic(df, context_width=12))
    doc_id speaker         left  keyword  right
    E01    Kari     vi hadde en  pilot    i fjor.
    M02                   etter  piloten  ble det sti…
    """
    df = _check_kwic(df)
    if isinstance(context_width, bool) or not isinstance(context_width, int) or context_width < 5:
        raise ParameterError(f"context_width must be a whole number >= 5, got {context_width!r}")
    cols = [c for c in columns if c in df.columns]

    def text(series: pd.Series) -> list[str]:
        return ["" if pd.isna(v) else str(v) for v in series.tolist()]

    lefts = [_cut_left(v, context_width) for v in text(df["left"])]
    rights = [_cut_right(v, context_width) for v in text(df["right"])]
    keys = text(df["keyword"])
    meta = [text(df[c]) for c in cols]
    w_meta = [max([len(c), *(len(v) for v in vals)]) for c, vals in zip(cols, meta, strict=True)]
    w_left = max([4, *(len(v) for v in lefts)])
    w_key = max([7, *(len(v) for v in keys)])
    header = [c.ljust(w) for c, w in zip(cols, w_meta, strict=True)]
    lines = [" ".join([*header, "left".rjust(w_left), "", "keyword".ljust(w_key), "right"])]
    for i in range(len(df)):
        cells = [vals[i].ljust(w) for vals, w in zip(meta, w_meta, strict=True)]
        lines.append(
            " ".join([*cells, lefts[i].rjust(w_left), "", keys[i].ljust(w_key), rights[i]])
        )
    return "\n".join(line.rstrip() for line in lines)


def kwic_html(
    df: pd.DataFrame,
    *,
    columns: tuple[str, ...] = ("doc_id", "speaker", "role"),
    max_rows: int | None = 500,
) -> Html:
    """An HTML view of a concordance, keywords aligned and highlighted.

    Parameters
    ----------
    df : DataFrame
        From :func:`discourse.kwic`.
    columns : tuple of str
        Columns shown before the context (those present in ``df``).
    max_rows : int or None
        Show at most this many rows (a note says how many were left out); None: all.

    Returns
    -------
    Html
        A ``str`` that Jupyter renders as a table.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["E01"], "left": ["vi hadde en"],
    ...                    "keyword": ["pilot"], "right": ["<i fjor>"]})
    >>> "<mark>pilot</mark>" in kwic_html(df) and "&lt;i fjor&gt;" in kwic_html(df)
    True
    """
    df = _check_kwic(df)
    cols = [c for c in columns if c in df.columns]
    shown = df if max_rows is None else df.head(max_rows)
    esc = html.escape
    style = (
        "<style>.dc-kwic td{padding:1px 6px;white-space:nowrap;font-family:monospace}"
        ".dc-kwic td.l{text-align:right;max-width:40em;overflow:hidden;direction:rtl}"
        ".dc-kwic td.l span{direction:ltr;unicode-bidi:embed}"
        ".dc-kwic td.k{text-align:center}.dc-kwic td.r{text-align:left;max-width:40em;"
        "overflow:hidden}.dc-kwic mark{background:#fff2cc;font-weight:bold}</style>"
    )
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    head += "<th style='text-align:right'>left</th><th>keyword</th><th>right</th>"
    rows = []
    for rec in shown[[*cols, "left", "keyword", "right"]].itertuples(index=False, name=None):
        *meta, left, key, right = ("" if pd.isna(v) else str(v) for v in rec)
        cells = "".join(f"<td>{esc(v)}</td>" for v in meta)
        cells += (
            f"<td class='l'><span>{esc(left)}</span></td>"
            f"<td class='k'><mark>{esc(key)}</mark></td><td class='r'>{esc(right)}</td>"
        )
        rows.append(f"<tr>{cells}</tr>")
    note = ""
    if len(shown) < len(df):
        note = f"<p>{len(shown)} of {len(df)} lines shown.</p>"
    body = "".join(rows)
    table = f"<table class='dc-kwic'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return Html(f"{style}{table}{note}")


def _corpus_of(source: Any) -> Corpus:
    from discourse.corpus.reader import Corpus
    from discourse.text.preprocess import Tokens

    if isinstance(source, Tokens):
        return source.corpus
    if isinstance(source, Corpus):
        return source
    raise ParameterError(f"show_turn needs Tokens or a Corpus, got {type(source).__name__}")


def show_turn(
    source: Tokens | Corpus,
    row: pd.Series | Mapping[str, Any],
    *,
    before: int = 0,
    after: int = 0,
) -> Turn:
    """The whole turn (or paragraph) of a concordance line, with the keyword marked.

    Parameters
    ----------
    source : Tokens or Corpus
        Where the concordance came from.
    row : Series or mapping
        A concordance row (``lines.iloc[3]``); needs ``doc_id``, ``seg_id``,
        ``char_start`` and ``char_end``.
    before, after : int
        Also show this many segments of the same document before and after (the
        interviewer's question, say).

    Returns
    -------
    Turn
        Plain text with one segment per line (``speaker: text``) and the keyword in
        ``[[ ]]``; in a notebook it displays as HTML with the keyword highlighted.

    Examples
    --------
    >>> print(show_turn(tokens, lines.iloc[0], before=1))  # doctest: +SKIP
    Intervjuer: Hva betyr piloten for dere?
    Kari: [[Piloten]] var viktig.
    """
    corpus = _corpus_of(source)
    try:
        doc_id, seg_id = str(row["doc_id"]), str(row["seg_id"])
        start, end = int(row["char_start"]), int(row["char_end"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ParameterError(
            f"show_turn needs a concordance row with doc_id, seg_id, char_start, char_end ({exc})"
        ) from None
    for name, n in (("before", before), ("after", after)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ParameterError(f"{name} must be a whole number >= 0, got {n!r}")
    seg = corpus.segments
    doc_segs = seg[seg["doc_id"] == doc_id].reset_index(drop=True)
    hit = doc_segs.index[doc_segs["seg_id"] == seg_id]
    if not len(hit):
        raise ParameterError(f"show_turn: no segment {seg_id!r} in document {doc_id!r}")
    i = int(hit[0])
    text = corpus.text(doc_id)
    plain, marked = [], []
    for j in range(max(0, i - before), min(len(doc_segs), i + after + 1)):
        s = doc_segs.iloc[j]
        a, b = int(s["char_start"]), int(s["char_end"])
        label = "" if pd.isna(s["speaker"]) else f"{s['speaker']}: "
        if j == i and a <= start < end <= b:
            pre, kw, post = text[a:start], text[start:end], text[end:b]
            plain.append(f"{label}{pre}[[{kw}]]{post}")
            marked.append(
                f"<p><b>{html.escape(label)}</b>{html.escape(pre)}<mark>{html.escape(kw)}</mark>"
                f"{html.escape(post)}</p>"
            )
        else:
            plain.append(f"{label}{text[a:b]}")
            marked.append(f"<p><b>{html.escape(label)}</b>{html.escape(text[a:b])}</p>")
    return Turn("\n".join(plain), "".join(marked).replace("\n", "<br>"))
