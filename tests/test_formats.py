"""Reading files: encodings, line endings, Markdown, .docx and .pdf."""

from __future__ import annotations

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
