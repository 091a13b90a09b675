"""Build the demo corpus's non-UTF-8-text files from their committed UTF-8 sources.

The demo corpus covers every reader: .docx (two with bold speaker labels, one with a
header table and plain labels), .pdf with a text layer, Windows-1252 and CRLF text.
Those files are generated from `data/raw/demo/_sources/<path>.txt` so they can be
rebuilt and reviewed as text. Output is deterministic: fixed timestamps in the .docx
zip entries and core properties, a fixed PDF creation date, and an embedded DejaVu Sans
font (shipped with matplotlib) so that every Norwegian character survives.

Usage: python scripts/build_demo_variants.py [--corpus data/raw/demo] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import matplotlib
from docx import Document
from docx.shared import Pt
from fpdf import FPDF

FIXED = dt.datetime(2024, 6, 1, 12, 0, 0, tzinfo=dt.UTC)
VARIANTS = {
    "interviews/entrepreneurs/E03_friluftsbasen": "docx-bold",
    "interviews/municipal/M04_saksbehandler": "docx-bold",
    "interviews/entrepreneurs/E07_kodeverkstedet": "docx-table-header",
    "policy/P05_evalueringsrapport": "pdf",
    "policy/P06_saksframlegg_videreforing": "pdf",
    "interviews/municipal/M07_okonomisjef": "cp1252",
    "interviews/entrepreneurs/E09_matverket": "crlf",
}
SUFFIX = {
    "docx-bold": ".docx",
    "docx-table-header": ".docx",
    "pdf": ".pdf",
    "cp1252": ".txt",
    "crlf": ".txt",
}
LABEL = re.compile(r"^([^\W\d_][\w .'-]{0,30}):(?=\s)")


def _first_turn(lines: list[str]) -> int:
    return next((i for i, ln in enumerate(lines) if ln.startswith("Intervjuer:")), 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps and a stable order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            new = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


def build_docx(text: str, mode: str) -> bytes:
    doc = Document()
    props = doc.core_properties
    props.author = "discourse demo corpus (fictional)"
    props.created = props.modified = FIXED.replace(tzinfo=None)
    props.last_modified_by = "discourse"
    props.revision = 1
    doc.styles["Normal"].font.size = Pt(11)
    lines = text.split("\n")
    start = _first_turn(lines)
    if mode == "docx-table-header":
        header = [ln for ln in lines[:start] if ln.strip()]
        title = header[0] if header and ":" not in header[0] else None
        if title:
            doc.add_paragraph(title)
        pairs = [ln.split(":", 1) for ln in header if ":" in ln]
        table = doc.add_table(rows=0, cols=2)
        for key, value in pairs:
            row = table.add_row().cells
            row[0].text = f"{key.strip()}:"
            row[1].text = value.strip()
        lines = lines[start:]
        start = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        para = doc.add_paragraph()
        m = LABEL.match(line)
        if mode == "docx-bold" and i >= start and m:
            para.add_run(m.group(0)).bold = True
            para.add_run(line[m.end() :])
        else:
            para.add_run(line)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def build_pdf(text: str) -> bytes:
    font_dir = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title("discourse demo corpus (fictional)")
    pdf.set_author("discourse demo corpus")
    pdf.add_font("DejaVu", "", str(font_dir / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(font_dir / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(ln.strip() for ln in block.split("\n") if ln.strip())
        heading = len(block) < 90 and not block.endswith((".", ":", ";", ","))
        pdf.set_font("DejaVu", "B" if heading else "", 12 if heading else 10.5)
        pdf.multi_cell(0, 5.5, block, align="L")
        pdf.ln(4)
    return bytes(pdf.output())


def build(corpus: Path, out: Path) -> list[Path]:
    written = []
    for rel, mode in VARIANTS.items():
        source = corpus / "_sources" / f"{rel}.txt"
        text = source.read_text(encoding="utf-8")
        target = out / f"{rel}{SUFFIX[mode]}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode.startswith("docx"):
            data = build_docx(text, mode)
        elif mode == "pdf":
            data = build_pdf(text)
        elif mode == "cp1252":
            data = text.encode("cp1252")  # strict: fails loudly on a character it lacks
        else:
            data = text.replace("\n", "\r\n").encode("utf-8")
        target.write_bytes(data)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="data/raw/demo", type=Path)
    parser.add_argument(
        "--out", default=None, type=Path, help="write here instead of into the corpus folder"
    )
    args = parser.parse_args()
    for path in build(args.corpus, args.out or args.corpus):
        print(path)


if __name__ == "__main__":
    main()
