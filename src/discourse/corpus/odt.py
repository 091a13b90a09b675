"""OpenDocument text files (``.odt``, LibreOffice and OpenOffice Writer) as plain text.

An ``.odt`` file is a zip archive; its text lives in ``content.xml`` (``office:body`` /
``office:text``), its named styles in ``styles.xml``. Both are read with the standard
library (:mod:`zipfile`, :mod:`xml.etree.ElementTree`); the file is never written to.

What becomes text, in document order
    Paragraphs (``text:p``) and headings (``text:h``) are paragraphs, separated by blank
    lines. A list is one block with a line per item (nested lists flattened in order,
    rendered numbering left out). A table is read row by row, cell by cell, as the .docx
    reader does: each row one block, each cell paragraph one line (covered cells of
    merged ranges are skipped). Text boxes (``draw:text-box`` in a frame) follow the
    paragraph they are anchored in. Sections are read through.
Inside a paragraph
    White space is collapsed as the ODF specification says (runs of spaces, tabs and
    newlines in the XML are one space; leading and trailing ones are dropped);
    ``text:s`` is one space or ``text:c`` spaces, ``text:tab`` a tab, ``text:line-break``
    a line break. Links, fields and spans keep their text; ``text:soft-page-break`` is
    nothing.
Left out
    Footnotes and endnotes (``text:note``: the citation mark and the note body) and
    comments (``office:annotation``) are not running text and are left out, as the .docx
    reader leaves out Word's footnotes and comments; deleted text of tracked changes
    (``text:tracked-changes``), generated indexes (table of contents and the like), ruby
    readings and the text of drawings other than text boxes are left out too.
Speaker labels
    A paragraph that opens with a bold ``Name:`` (a span whose style, automatic or named,
    sets a bold font weight, with the colon inside or right after it) marks ``Name`` as
    a speaker label (``RawText.bold_labels``), as bold labels in .docx do.
Bad input
    A file that is not a zip archive, has no ``content.xml``, is password-protected, is
    another kind of OpenDocument file (spreadsheet, presentation) or holds malformed XML
    raises :class:`~discourse.errors.DocumentError` naming the file (and the line of
    ``content.xml`` for XML errors).

Examples
--------
>>> import io, zipfile
>>> body = '<text:p><text:span text:style-name="B">Kari:</text:span> Hei <text:s/>du</text:p>'
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
...     z.writestr("content.xml", minimal_content(body, bold_styles=["B"]))
>>> raw = read_odt(buf.getvalue(), "a.odt")
>>> raw.text, raw.bold_labels
('Kari: Hei  du\\n', {'Kari'})
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from discourse.corpus.formats import RawText, normalise_newlines
from discourse.errors import DocumentError

__all__ = ["NS", "minimal_content", "read_odt"]

#: The ODF namespaces used here.
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_TEXT_MIMETYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
    "application/vnd.oasis.opendocument.text-master",
}


def _q(prefix: str, local: str) -> str:
    return f"{{{NS[prefix]}}}{local}"


_P, _H = _q("text", "p"), _q("text", "h")
_SPAN = _q("text", "span")
_S, _TAB, _BREAK = _q("text", "s"), _q("text", "tab"), _q("text", "line-break")
_LIST, _ITEM, _LIST_HEADER = _q("text", "list"), _q("text", "list-item"), _q("text", "list-header")
_TABLE, _ROW, _CELL = _q("table", "table"), _q("table", "table-row"), _q("table", "table-cell")
_ROW_GROUPS = {
    _q("table", "table-header-rows"),
    _q("table", "table-rows"),
    _q("table", "table-row-group"),
}
_FRAME, _TEXT_BOX = _q("draw", "frame"), _q("draw", "text-box")
# Inside a paragraph: elements whose content is not part of the paragraph's text.
_SKIP_INLINE = {
    _q("text", "note"),
    _q("office", "annotation"),
    _q("text", "ruby-text"),
    _q("text", "number"),
    _q("text", "tracked-changes"),
    _q("text", "soft-page-break"),
    _q("text", "bookmark"),
    _q("text", "bookmark-start"),
    _q("text", "bookmark-end"),
}
# Between paragraphs: containers that are left out entirely.
_SKIP_BLOCK = {
    _q("text", "tracked-changes"),
    _q("text", "table-of-content"),
    _q("text", "illustration-index"),
    _q("text", "table-index"),
    _q("text", "object-index"),
    _q("text", "user-index"),
    _q("text", "alphabetical-index"),
    _q("text", "sequence-decls"),
    _q("text", "variable-decls"),
    _q("text", "user-field-decls"),
    _q("office", "forms"),
    _q("office", "annotation"),
    _q("table", "table-columns"),
    _q("table", "table-column"),
}
_WS = " \t\r\n"


def minimal_content(body: str, bold_styles: list[str] | tuple[str, ...] = ()) -> str:
    """A minimal ``content.xml`` around ``body`` (XML inside ``office:text``).

    ``bold_styles`` names automatic text styles that set a bold font weight. For tests
    and examples; LibreOffice writes many more declarations, which the reader ignores.

    Examples
    --------
    >>> "office:document-content" in minimal_content("<text:p>Hei</text:p>")
    True
    """
    declarations = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items() if k != "manifest")
    styles = "".join(
        f'<style:style style:name="{s}" style:family="text">'
        f'<style:text-properties fo:font-weight="bold"/></style:style>'
        for s in bold_styles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {declarations} office:version="1.3">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )


@dataclass
class _Paragraph:
    """A paragraph's text as chunks with their bold flag, and text boxes anchored in it."""

    chunks: list[tuple[str, bool]] = field(default_factory=list)
    space_before: bool = True  # at the start, or after a collapsible white space
    boxes: list[list[str]] = field(default_factory=list)

    def add_text(self, text: str, bold: bool) -> None:
        out = []
        for ch in text:
            if ch in _WS:
                if not self.space_before:
                    out.append(" ")
                    self.space_before = True
            else:
                out.append(ch)
                self.space_before = False
        if out:
            self.chunks.append(("".join(out), bold))

    def add_literal(self, text: str, bold: bool) -> None:
        self.chunks.append((text, bold))
        self.space_before = True

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chunks).strip(" ")

    def bold_label(self) -> str | None:
        """The label of a paragraph that opens with a bold ``Label:``, if any."""
        prefix = ""
        for chunk, bold in self.chunks:
            if not chunk.strip() and not prefix:
                continue
            if not bold:
                if prefix and chunk.lstrip().startswith(":"):
                    return prefix.strip() or None
                break
            prefix += chunk
            if ":" in prefix:
                return prefix.split(":", 1)[0].strip() or None
        return None


class _Styles:
    """Which text styles are bold, following ``style:parent-style-name`` chains."""

    def __init__(self, roots: list[ET.Element]) -> None:
        self.weight: dict[str, str | None] = {}
        self.parent: dict[str, str | None] = {}
        for root in roots:
            for style in root.iter(_q("style", "style")):
                name = style.get(_q("style", "name"))
                if not name:
                    continue
                props = style.find(_q("style", "text-properties"))
                weight = props.get(_q("fo", "font-weight")) if props is not None else None
                self.weight[name] = weight
                self.parent[name] = style.get(_q("style", "parent-style-name"))

    def bold(self, name: str | None) -> bool | None:
        """True or False when the style (or an ancestor) sets a weight; None otherwise."""
        seen = set()
        while name and name not in seen:
            seen.add(name)
            weight = self.weight.get(name)
            if weight is not None:
                if weight == "bold":
                    return True
                return weight.isdigit() and int(weight) >= 600
            name = self.parent.get(name)
        return None


def _inline(elem: ET.Element, para: _Paragraph, styles: _Styles, bold: bool) -> None:
    """Add an element's content (not its tail) to the paragraph."""
    if elem.text:
        para.add_text(elem.text, bold)
    for child in elem:
        tag = child.tag
        if tag == _S:
            count = child.get(_q("text", "c")) or "1"
            para.add_literal(" " * (int(count) if count.isdigit() else 1), bold)
        elif tag == _TAB:
            para.add_literal("\t", bold)
        elif tag == _BREAK:
            para.add_literal("\n", bold)
        elif tag == _FRAME:
            for box in child.iter(_TEXT_BOX):
                para.boxes.append(list(_block_lines(box, styles)))
        elif tag in _SKIP_INLINE:
            pass
        else:
            inner = bold
            if tag == _SPAN:
                own = styles.bold(child.get(_q("text", "style-name")))
                inner = bold if own is None else own
            _inline(child, para, styles, inner)
        if child.tail:
            para.add_text(child.tail, bold)


def _paragraph(elem: ET.Element, styles: _Styles) -> _Paragraph:
    para = _Paragraph()
    _inline(elem, para, styles, False)
    return para


def _block_lines(container: ET.Element, styles: _Styles) -> Iterator[str]:
    """Every paragraph inside a container (list, cell, text box) as lines, in order."""
    for child in container:
        if child.tag in (_P, _H):
            para = _paragraph(child, styles)
            if para.text:
                yield para.text
            for box in para.boxes:
                yield from box
        elif child.tag in _SKIP_BLOCK or child.tag == _q("table", "covered-table-cell"):
            continue
        else:
            yield from _block_lines(child, styles)


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.blocks: list[str] = []
        self.bold: set[str] = set()

    def add(self, lines: list[str]) -> None:
        lines = [ln for ln in lines if ln.strip()]
        if lines:
            self.blocks.append("\n".join(lines))

    def walk(self, container: ET.Element) -> None:
        for child in container:
            tag = child.tag
            if tag in (_P, _H):
                para = _paragraph(child, self.styles)
                label = para.bold_label()
                if label:
                    self.bold.add(label)
                self.add([para.text])
                for box in para.boxes:
                    self.add(box)
            elif tag == _LIST:
                self.add(list(_block_lines(child, self.styles)))
            elif tag == _TABLE:
                for row in _rows(child):
                    lines: list[str] = []
                    for cell in row:
                        if cell.tag == _CELL:
                            lines.extend(_block_lines(cell, self.styles))
                    self.add(lines)
            elif tag in _SKIP_BLOCK:
                continue
            else:  # sections, soft page breaks, change markers, unknown containers
                self.walk(child)


def _rows(table: ET.Element) -> Iterator[ET.Element]:
    """A table's rows in order (through header rows and row groups, not nested tables)."""
    for child in table:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _parse(data: bytes, part: str, name: str) -> ET.Element:
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data:
        raise DocumentError(
            name, f"{part} declares a DTD or entities, which OpenDocument files never do"
        )
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise DocumentError(
            name,
            f"is a damaged .odt file: {part} is not well-formed XML (line {line}, "
            f"column {col}); open and re-save it in LibreOffice",
        ) from None


def read_odt(data: bytes, name: str) -> RawText:
    """Read an OpenDocument text file into :class:`~discourse.corpus.formats.RawText`.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, for messages.

    Returns
    -------
    RawText
        ``encoding`` is ``"odt"``; ``bold_labels`` the labels that open paragraphs in
        bold.

    Raises
    ------
    DocumentError
        Not a zip archive, no ``content.xml``, password-protected, not a text document,
        or malformed XML.

    Examples
    --------
    >>> read_odt(b"PK\\x03\\x04junk", "x.odt")
    Traceback (most recent call last):
    ...
    discourse.errors.DocumentError: x.odt: is not a readable .odt file (...)
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(
            name, f"is not a readable .odt file (not a zip archive or truncated: {exc})"
        ) from None
    with archive:
        names = set(archive.namelist())
        try:
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            manifest = (
                archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            )
            content = archive.read("content.xml") if "content.xml" in names else None
            styles_xml = archive.read("styles.xml") if "styles.xml" in names else None
        except Exception as exc:  # zipfile, zlib and OS errors vary with the damage
            raise DocumentError(
                name, f"is not a readable .odt file (damaged zip: {type(exc).__name__}: {exc})"
            ) from None
    kind = mimetype.decode("ascii", "replace").strip()
    if kind and kind not in _TEXT_MIMETYPES:
        raise DocumentError(
            name,
            f"is not an OpenDocument text document (its type is {kind}); "
            "save it as .odt from LibreOffice Writer",
        )
    if b"encryption-data" in manifest:
        raise DocumentError(name, "is password-protected; save a copy without a password")
    if content is None:
        raise DocumentError(
            name, "has no content.xml: it is not an OpenDocument file (or is damaged)"
        )
    root = _parse(content, "content.xml", name)
    # Named styles first, so that content.xml's automatic styles win a shared name.
    roots = [] if styles_xml is None else [_parse(styles_xml, "styles.xml", name)]
    roots.append(root)
    body = root.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise DocumentError(
            name,
            "has no text body (office:text in content.xml): it is not a text document "
            "(a spreadsheet or presentation?)",
        )
    reader = _Reader(_Styles(roots))
    reader.walk(body)
    text = normalise_newlines("\n\n".join(reader.blocks) + ("\n" if reader.blocks else ""))
    return RawText(text, "odt", bold_labels=reader.bold)
