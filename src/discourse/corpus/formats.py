"""Turning document files (.txt, .md, .docx, .pdf, .odt, .vtt, .srt, .xml) into text.

Each reader returns a :class:`RawText`: the text with normalised line endings and
Unicode NFC, the encoding it was decoded from, and any speaker labels that the file's
formatting marks as labels (bold labels in .docx and .odt). Subtitle files (.vtt, .srt)
also bring their own turns (:mod:`discourse.corpus.subtitles`); .odt files are read by
:mod:`discourse.corpus.odt`, ParlaMint TEI (.xml) by :mod:`discourse.corpus.parlamint`.
Readers never write to the file.

Examples
--------
>>> decode_text("søknad".encode("cp1252"), "x.txt").text
'søknad'
>>> decode_text(b"\\xef\\xbb\\xbfHei\\r\\nverden\\r", "x.txt").text
'Hei\\nverden\\n'
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from discourse.corpus.config import SpeakerRules
from discourse.corpus.segment import SegmentedDocument
from discourse.errors import DocumentError

if TYPE_CHECKING:
    from discourse.corpus.parlamint import ParlaMintRegistry

__all__ = ["SUPPORTED_SUFFIXES", "RawText", "decode_text", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".odt", ".vtt", ".srt", ".xml")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Sequences that UTF-8 text decoded as Windows-1252 produces ("sÃ¸knad"): a sign that
# a file was converted twice before it reached us.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf¦¥¸˜…†‡]|â€[\u0080-\u00bf™œ“”˜]")


@dataclass
class RawText:
    """Plain text read from one file, before transcript or paragraph segmentation.

    Attributes
    ----------
    text : str
        NFC-normalised text with ``\\n`` line endings.
    encoding : str
        The encoding the bytes were decoded from (``"docx"`` or ``"pdf"`` for containers).
    bold_labels : set of str
        Speaker labels that the file's formatting marks as labels (bold in .docx).
    notes : list of str
        Remarks for the user, such as a suspected double encoding.
    sha256 : str
        SHA-256 of the file's bytes (set by :func:`read_document`).
    segmented : SegmentedDocument or None
        For formats that carry their own structure (ParlaMint TEI utterances, subtitle
        cues): the document already split into segments, with ``segmented.text == text``.
        The corpus reader then uses these segments instead of finding speaker labels or
        paragraphs in the text.
    """

    text: str
    encoding: str
    bold_labels: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    sha256: str = ""
    segmented: SegmentedDocument | None = None


def normalise_newlines(text: str) -> str:
    """Replace CRLF and lone CR line endings by LF and apply Unicode NFC.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", text)


def decode_text(data: bytes, name: str, fallback: str = "cp1252") -> RawText:
    """Decode the bytes of a text file.

    The rules, in order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise
    strict UTF-8; otherwise the legacy ``fallback`` encoding (Windows-1252 by default,
    which covers Latin-1's printable characters, so "søknad" decodes correctly).

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, for messages.
    fallback : str
        Encoding for files that are neither UTF-8 nor marked by a BOM.

    Returns
    -------
    RawText

    Raises
    ------
    DocumentError
        If the bytes are binary data or decode in neither encoding.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    name, f"starts with a {codec} byte-order mark but is not valid {codec} ({exc})"
                ) from None
            return RawText(normalise_newlines(text.lstrip("\ufeff")), codec)
    if b"\x00" in data:
        raise DocumentError(
            name,
            "contains NUL bytes: it is binary data or UTF-16 without a byte-order mark; "
            "save it as UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode(fallback)
            encoding = fallback
        except UnicodeDecodeError as exc:
            raise DocumentError(
                name,
                f"cannot be decoded: it is neither UTF-8 nor {fallback} ({exc.reason} at byte "
                f"{exc.start}); save it as UTF-8 or set `encoding:` in corpus.yml",
            ) from None
    raw = RawText(normalise_newlines(text), encoding)
    if _MOJIBAKE.search(raw.text):
        raw.notes.append(
            "looks double-encoded (UTF-8 read as Windows-1252, e.g. 'sÃ¸knad'); "
            "check how the file was exported"
        )
    return raw


_MD_BOLD_LABEL = re.compile(r"^(\s*)\*\*([^*\n]{1,60}?)(:?)\*\*(:?)", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


def strip_markdown(text: str) -> str:
    """Remove the Markdown marks that would otherwise become tokens.

    Bold speaker labels (``**Navn:**`` or ``**Navn**:``) become ``Navn:`` and heading
    marks (``## ``) are dropped; all other text is kept as written.

    Examples
    --------
    >>> strip_markdown("**Kari:** Ja.\\n## Mål")
    'Kari: Ja.\\nMål'
    """
    text = _MD_BOLD_LABEL.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{':' if (m.group(3) or m.group(4)) else ''}", text
    )
    return _MD_HEADING.sub("", text)


def _read_docx(data: bytes, name: str) -> RawText:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise DocumentError(name, f"python-docx is needed to read .docx files ({exc})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            name, f"is not a readable .docx file (corrupt or not a Word document: {exc})"
        ) from None
    except Exception as exc:  # lxml and zip errors vary by version
        raise DocumentError(name, f"is not a readable .docx file ({exc})") from None
    lines: list[str] = []
    bold: set[str] = set()
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: each cell's paragraphs, row by row
            seen: list = []  # merged cells repeat the same element; keep refs alive
            for row in block.rows:
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):
                        continue
                    seen.append(cell._tc)
                    for paragraph in cell.paragraphs:
                        lines.append(paragraph.text)
                lines.append("")
            continue
        text = block.text
        label = _bold_label(block)
        if label:
            bold.add(label)
        lines.append(text)
    text = normalise_newlines("\n".join(lines))
    return RawText(text, "docx", bold_labels=bold)


def _bold_label(paragraph) -> str | None:
    """The speaker label of a paragraph that opens with a bold ``Label:``, if any."""
    prefix = ""
    for run in paragraph.runs:
        if not run.text:
            continue
        if not run.bold:
            # "**Navn**: tekst": the colon may follow the bold run.
            if prefix and run.text.lstrip().startswith(":"):
                return prefix.strip() or None
            break
        prefix += run.text
        if ":" in prefix:
            label = prefix.split(":", 1)[0].strip()
            return label or None
    return None


_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_SENTENCE_END = (".", "!", "?", ":", ";", "»", '"', "”", ")")
_LIST_ITEM = re.compile(r"(?:[•\-–—*▪◦·]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
#: A PDF whose paragraphs are still mostly single lines after re-joining gets a note.
PDF_SINGLE_LINE_SHARE = 0.8
PDF_SINGLE_LINE_MIN = 20


@dataclass
class _Box:
    """A pdfminer text box: its text (lines joined by spaces) and its geometry."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    n_lines: int


def _continues(
    a: _Box, b: _Box, pitch: float | None, spaced: bool, left: float, right: float
) -> bool:
    """True when box ``b`` continues the paragraph whose last line is the one-line box ``a``.

    The rule: ``a`` is a single line; ``b`` starts below it, not indented beyond it, is
    not a list item, and lies no further below than the page's usual line pitch allows
    (``pitch``: the median gap between one-line boxes); and either ``b`` starts in lower
    case, or ``a`` runs to the right margin (a full line, so the paragraph goes on). A
    line that ends a sentence ends the paragraph, unless the page marks its paragraphs
    by wider gaps (``spaced``), so that a regular gap says the paragraph goes on.
    """
    if a.n_lines != 1 or _LIST_ITEM.match(b.text):
        return False
    if a.text.endswith(_SENTENCE_END) and not spaced:
        return False
    height = a.y1 - a.y0
    if b.y1 > a.y0 + 0.5 * height or b.x0 > a.x0 + height:
        return False
    if pitch is not None and (a.y0 - b.y1) > 1.3 * pitch + 0.5:
        return False
    full_line = a.x1 >= right - 0.15 * (right - left)
    return full_line or (b.text[:1].islower() and not a.text.endswith(_SENTENCE_END))


def _join_page(boxes: list[_Box]) -> tuple[list[_Box], int]:
    """Re-join one page's one-line boxes into paragraphs; also the number of joins."""
    if not boxes:
        return [], 0
    gaps = sorted(
        a.y0 - b.y1
        for a, b in itertools.pairwise(boxes)
        if a.n_lines == 1 and b.n_lines == 1 and b.y1 <= a.y0
    )
    pitch = gaps[len(gaps) // 2] if len(gaps) >= 2 else None
    spaced = pitch is not None and any(g > 1.3 * pitch + 0.5 for g in gaps)
    left = min(b.x0 for b in boxes)
    right = max(b.x1 for b in boxes)
    out = [boxes[0]]
    last = boxes[0]  # the last line of out[-1]
    joins = 0
    for box in boxes[1:]:
        if _continues(last, box, pitch, spaced, left, right):
            prev = out[-1]
            out[-1] = _Box(f"{prev.text} {box.text}", prev.x0, prev.x1, box.y0, prev.y1, 2)
            joins += 1
        else:
            out.append(box)
        last = box
    return out, joins


def _read_pdf(data: bytes, name: str) -> RawText:
    """Read a PDF's text layer: one paragraph per text box, re-joined where needed.

    pdfminer groups the lines of a paragraph into one text box. Where a PDF's line
    spacing is wider than its layout analysis expects (double spacing, some Word
    exports), every line becomes its own box; such one-line boxes are re-joined into
    paragraphs by :func:`_continues`. A paragraph that runs over a page break is re-joined
    too. When most paragraphs are still single lines afterwards, ``RawText.notes`` says so.
    """
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise DocumentError(name, f"pdfminer.six is needed to read .pdf files ({exc})") from None
    paragraphs: list[str] = []
    single = 0  # paragraphs that are one line of the PDF
    n_pages = 0
    joined = 0
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            n_pages += 1
            boxes = []
            for element in page:
                if isinstance(element, LTTextContainer):
                    # Lines are joined with single spaces (runs of spaces in a PDF are
                    # layout, such as justified text, not content).
                    lines = [line.strip() for line in element.get_text().splitlines()]
                    block = _SPACES.sub(" ", " ".join(line for line in lines if line))
                    if block:
                        n_lines = sum(1 for line in lines if line)
                        boxes.append(
                            _Box(block, element.x0, element.x1, element.y0, element.y1, n_lines)
                        )
            page_boxes, n = _join_page(boxes)
            joined += n
            for i, box in enumerate(page_boxes):
                # A paragraph that runs over a page break arrives as two boxes: the
                # last of a page ends mid-sentence and the next does not start a sentence.
                if (
                    i == 0
                    and paragraphs
                    and not paragraphs[-1].endswith((".", "!", "?", ":", ";"))
                    and not box.text[:1].isupper()
                ):
                    paragraphs[-1] = f"{paragraphs[-1]} {box.text}"
                else:
                    paragraphs.append(box.text)
                    single += box.n_lines == 1
    except (PDFSyntaxError, PSException) as exc:
        raise DocumentError(name, f"is not a readable PDF (corrupt: {exc})") from None
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise DocumentError(name, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not paragraphs:
        raise DocumentError(
            name,
            f"has no text layer ({n_pages} page(s) of images only, e.g. a scan); "
            "run OCR on it first (for example with ocrmypdf) and read the result",
        )
    raw = RawText(normalise_newlines("\n\n".join(paragraphs) + "\n"), "pdf")
    if len(paragraphs) >= PDF_SINGLE_LINE_MIN and single >= PDF_SINGLE_LINE_SHARE * len(paragraphs):
        raw.notes.append(
            f"{single} of its {len(paragraphs)} paragraphs are single lines of the PDF "
            f"({joined} line(s) were re-joined); its line spacing may split paragraphs: "
            "check the segments"
        )
    return raw


def read_document(
    path: Path,
    name: str,
    fallback_encoding: str = "cp1252",
    *,
    speakers: SpeakerRules | None = None,
    parlamint: ParlaMintRegistry | None = None,
) -> RawText:
    """Read one document file of a supported format into :class:`RawText`.

    Parameters
    ----------
    path : Path
        The file.
    name : str
        The name to use in messages (the path relative to the corpus folder).
    fallback_encoding : str
        Legacy encoding for text files that are not UTF-8.
    speakers : SpeakerRules, optional
        The corpus's speaker lists, for formats that find speakers themselves (subtitle
        files: roles of voice tags and ``Name:`` labels); the shipped defaults if omitted.
    parlamint : ParlaMintRegistry, optional
        Persons and organisations for ParlaMint ``.xml`` files (see
        :mod:`discourse.corpus.parlamint`).

    Raises
    ------
    DocumentError
        For unsupported formats and unreadable, corrupt or undecodable files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = p.write_text("**Kari:** Hei", encoding="utf-8")
    >>> read_document(p, "a.md").text
    'Kari: Hei'
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            name, f"has an unsupported extension {suffix!r}; use one of {SUPPORTED_SUFFIXES}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror})") from None
    if suffix == ".docx":
        raw = _read_docx(data, name)
    elif suffix == ".pdf":
        raw = _read_pdf(data, name)
    elif suffix == ".odt":
        from discourse.corpus.odt import read_odt

        raw = read_odt(data, name)
    elif suffix in (".vtt", ".srt"):
        from discourse.corpus.subtitles import read_subtitles

        raw = read_subtitles(
            data, name, speakers, kind=suffix[1:], fallback_encoding=fallback_encoding
        )
    elif suffix == ".xml":
        from discourse.corpus.parlamint import read_parlamint

        raw = read_parlamint(data, name, parlamint)
    else:
        raw = decode_text(data, name, fallback_encoding)
        if suffix == ".md":
            raw.text = strip_markdown(raw.text)
    raw.sha256 = hashlib.sha256(data).hexdigest()
    return raw
