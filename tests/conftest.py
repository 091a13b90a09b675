"""Shared fixtures: builders for realistic messy input files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "raw" / "demo"


def corpus_from(
    tmp_path: Path, files: dict[str, str], yml: str | None = None, meta: str | None = None
):
    """Write ``files`` (and optional corpus.yml / metadata.csv) to a folder and read it."""
    import discourse as dc

    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    if yml:
        (folder / "corpus.yml").write_text(yml, encoding="utf-8")
    if meta:
        (folder / "metadata.csv").write_text(meta, encoding="utf-8")
    return dc.read_corpus(folder)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep every test's caches out of the project's data/processed."""
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    bold_labels: bool = False,
    table: list[list[str]] | None = None,
) -> Path:
    """A .docx with the paragraphs in order; labels bold when asked; an optional table
    placed after the first paragraph."""
    import re

    from docx import Document

    doc = Document()
    for i, text in enumerate(paragraphs):
        para = doc.add_paragraph()
        m = re.match(r"^([^:]{1,30}):(?=\s)", text)
        if bold_labels and m:
            para.add_run(m.group(0)).bold = True
            para.add_run(text[m.end() :])
        else:
            para.add_run(text)
        if i == 0 and table:
            t = doc.add_table(rows=0, cols=len(table[0]))
            for row in table:
                cells = t.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def make_pdf(path: Path, paragraphs: list[str]) -> Path:
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for text in paragraphs:
        pdf.multi_cell(0, 6, text, align="L")
        pdf.ln(5)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(pdf.output()))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is an image: no text layer, like a scan."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 120), "white")
    ImageDraw.Draw(img).text((10, 40), "Saksframlegg (skannet)", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    buf.seek(0)
    pdf.image(buf, x=10, y=10, w=180)
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A private copy of the demo corpus that a test may change."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target
