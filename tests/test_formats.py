"""Reading files: encodings, line endings, Markdown, .docx and .pdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_docx, make_pdf, make_scanned_pdf

from discourse.corpus.formats import decode_text, read_document, strip_markdown
from discourse.errors import DocumentError

TEXT = "Søknaden om tilskudd ble avslått – «det var tøft».\nVi prøver igjen.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM (little endian here)
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decoding_round_trips_norwegian_text(encoded, encoding):
    raw = decode_text(encoded, "x.txt")
    assert raw.text == TEXT
    assert raw.encoding == encoding
    assert not raw.text.startswith("\ufeff")


def test_latin1_bytes_decode_as_cp1252_without_garbling():
    raw = decode_text("søknad om støtte, æøå ÆØÅ".encode("latin-1"), "x.txt")
    assert raw.text == "søknad om støtte, æøå ÆØÅ"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_are_normalised(newline):
    raw = decode_text(newline.join(["a", "b", "", "c"]).encode(), "x.txt")
    assert raw.text == "a\nb\n\nc"


def test_text_is_nfc_normalised():
    decomposed = "bla\u030a"  # a + combining ring above
    assert decode_text(decomposed.encode(), "x.txt").text == "bl\u00e5"


def test_binary_and_undecodable_files_name_the_file():
    with pytest.raises(DocumentError, match=r"bilde\.txt.*NUL bytes"):
        decode_text(b"\x89PNG\x00\x00\x00", "bilde.txt")
    # 0x81 is neither UTF-8 here nor defined in Windows-1252
    with pytest.raises(DocumentError, match=r"rar\.txt: cannot be decoded.*corpus\.yml"):
        decode_text(b"s\x81knad \xff\xfe", "rar.txt")


def test_double_encoded_text_is_noted():
    raw = decode_text("søknad".encode().decode("cp1252").encode("utf-8"), "x.txt")
    assert raw.text == "sÃ¸knad"
    assert any("double-encoded" in n for n in raw.notes)


def test_markdown_bold_labels_and_headings():
    assert strip_markdown("# Tittel\n**Kari:** Ja.\n**Ola**: Nei.\nEt **viktig** ord.") == (
        "Tittel\nKari: Ja.\nOla: Nei.\nEt **viktig** ord."
    )


def test_docx_paragraphs_in_order_with_tables_and_bold_labels(tmp_path):
    path = make_docx(
        tmp_path / "t.docx",
        ["Intervjuer: Hva skjedde?", "Kari: Vi fikk avslag.", "Intervjuer: Og så?"],
        bold_labels=True,
        table=[["Dato:", "14.03.2023"], ["Sted:", "Fjordvik"]],
    )
    raw = read_document(path, "t.docx")
    lines = [ln for ln in raw.text.split("\n") if ln]
    assert lines == [
        "Intervjuer: Hva skjedde?",
        "Dato:",
        "14.03.2023",
        "Sted:",
        "Fjordvik",
        "Kari: Vi fikk avslag.",
        "Intervjuer: Og så?",
    ]
    assert raw.bold_labels == {"Intervjuer", "Kari"}


def test_pdf_text_layer_paragraphs(tmp_path):
    paras = [
        "Saksframlegg om videreføring av piloten.",
        "Kommunedirektøren tilrår at tilskuddet avsluttes.",
    ]
    raw = read_document(make_pdf(tmp_path / "s.pdf", paras), "s.pdf")
    assert raw.text.strip().split("\n\n") == paras


def test_scanned_pdf_without_text_layer_names_the_file(tmp_path):
    path = make_scanned_pdf(tmp_path / "skannet.pdf")
    with pytest.raises(DocumentError, match=r"skannet\.pdf: has no text layer.*OCR"):
        read_document(path, "skannet.pdf")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_corrupt_containers_name_the_file(tmp_path, suffix):
    path = tmp_path / f"ødelagt{suffix}"
    path.write_bytes(b"%PDF-1.4\nnot really\x00\x01" if suffix == ".pdf" else b"PK\x03\x04junk")
    with pytest.raises(DocumentError, match=rf"ødelagt\{suffix}: is not a readable"):
        read_document(path, path.name)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "notater.rtf"
    path.write_text("{\\rtf1 hei}")
    with pytest.raises(DocumentError, match=r"notater\.rtf: has an unsupported extension"):
        read_document(path, "notater.rtf")


def spaced_pdf(path, blocks, pitch=14, gap=0, indent=0):
    """A PDF with one line per ``cell`` at a wide line pitch (double spacing), so that
    pdfminer makes every line its own text box. ``blocks`` are paragraphs as lists of
    lines; ``gap`` is extra space between paragraphs, ``indent`` a first-line indent."""
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for lines in blocks:
        for i, line in enumerate(lines):
            if i == 0 and indent:
                pdf.set_x(pdf.l_margin + indent)
            pdf.cell(0, pitch, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)
    path.write_bytes(bytes(pdf.output()))
    return path


PARAGRAPHS = [
    [
        "Kommunen har over flere år arbeidet med å samordne tjenestene for barn og",
        "unge som står i fare for å falle utenfor skole og arbeid. Erfaringene fra",
        "piloten viser at tett oppfølging virker.",
    ],
    ["1 Bakgrunn"],
    [
        "Statsforvalteren ba i 2021 om en gjennomgang av tilskuddsordningen for lav-",
        "inntektsfamilier. Gjennomgangen ble levert i mars, og den peker på tre forhold.",
        "Kommunestyret må handle i løpet av året.",
    ],
]


def test_spaced_pdf_lines_are_rejoined_at_paragraph_gaps(tmp_path):
    path = spaced_pdf(tmp_path / "spaced.pdf", PARAGRAPHS, gap=8)
    raw = read_document(path, "spaced.pdf")
    # wider gaps mark the paragraphs, so a line ending a sentence inside one joins too
    assert raw.text.strip().split("\n\n") == [" ".join(p) for p in PARAGRAPHS]
    assert raw.notes == []


def test_spaced_pdf_without_gaps_joins_lines_that_do_not_end_a_sentence(tmp_path):
    blocks = [
        ["Tilskuddet skal gå til tiltak som gir unge arbeidserfaring og en vei inn i", "jobb."],
        ["Ordningen forvaltes av NAV."],
        ["• Søknadsfrist 1. mars"],
        ["• Rapport innen 31. desember"],
    ]
    path = spaced_pdf(tmp_path / "tight.pdf", blocks, gap=0)
    raw = read_document(path, "tight.pdf")
    assert raw.text.strip().split("\n\n") == [
        "Tilskuddet skal gå til tiltak som gir unge arbeidserfaring og en vei inn i jobb.",
        "Ordningen forvaltes av NAV.",
        "• Søknadsfrist 1. mars",
        "• Rapport innen 31. desember",
    ]


def test_indented_first_line_starts_a_paragraph(tmp_path):
    blocks = [
        ["Første avsnitt går over to linjer og fortsetter her med flere ord enn nok til", "å"],
        ["Andre avsnitt begynner med innrykk og har bare denne ene linjen uten punktum"],
    ]
    path = spaced_pdf(tmp_path / "indent.pdf", blocks, gap=0, indent=10)
    paras = read_document(path, "indent.pdf").text.strip().split("\n\n")
    assert len(paras) == 2 and paras[0].endswith("til å")


def test_pdf_of_single_lines_that_cannot_be_joined_gets_a_note(tmp_path):
    blocks = [[f"Punkt {i}: tiltaket er gjennomført."] for i in range(1, 25)]
    path = spaced_pdf(tmp_path / "liste.pdf", blocks, gap=0)
    raw = read_document(path, "liste.pdf")
    assert len(raw.text.strip().split("\n\n")) == 24
    assert raw.notes == [
        "24 of its 24 paragraphs are single lines of the PDF (0 line(s) were re-joined); "
        "its line spacing may split paragraphs: check the segments"
    ]
