"""OpenDocument text (.odt): paragraphs, lists, tables, spaces, notes, bold labels, bad files.

The files are built here as LibreOffice writes them: a stored ``mimetype`` first,
``META-INF/manifest.xml``, ``content.xml`` with automatic styles, ``styles.xml`` with
named styles, ``meta.xml``.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

import discourse as dc
from discourse.corpus.formats import read_document
from discourse.corpus.odt import NS, minimal_content, read_odt
from discourse.errors import DiscourseWarning, DocumentError

MIMETYPE = "application/vnd.oasis.opendocument.text"
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="{NS["manifest"]}" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="{NS["office"]}" xmlns:style="{NS["style"]}"
  xmlns:fo="{NS["fo"]}" office:version="1.3">
 <office:styles>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis"
    style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Talerlabel" style:family="text"
    style:parent-style-name="Strong_20_Emphasis"/>
  <style:style style:name="Standard" style:family="paragraph"/>
 </office:styles>
</office:document-styles>
"""
META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="{NS["office"]}" office:version="1.3"><office:meta/>
</office:document-meta>
"""
AUTOMATIC = """
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="T1" style:family="text">
   <style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text">
   <style:text-properties fo:font-weight="700"/></style:style>
  <style:style style:name="T3" style:family="text">
   <style:text-properties fo:font-weight="normal"/></style:style>
  <style:style style:name="T4" style:family="text">
   <style:text-properties fo:font-style="italic"/></style:style>
"""


def content_xml(body: str) -> str:
    xmlns = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items() if k != "manifest")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {xmlns} xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'office:version="1.3">'
        f"<office:automatic-styles>{AUTOMATIC}</office:automatic-styles>"
        "<office:body><office:text>"
        '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" '
        'text:name="Illustration"/></text:sequence-decls>'
        f"{body}</office:text></office:body></office:document-content>"
    )


def make_odt(
    path: Path,
    body: str,
    *,
    content: str | None = None,
    mimetype: str | None = MIMETYPE,
    manifest: str = MANIFEST,
    styles: bool = True,
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype is not None:
            z.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        if content != "":
            z.writestr("content.xml", content if content is not None else content_xml(body))
        if styles:
            z.writestr("styles.xml", STYLES)
        z.writestr("meta.xml", META)
    return path


REPORT = """
<text:h text:style-name="Heading_20_1" text:outline-level="1"><text:number>1.</text:number>Innledning</text:h>
<text:table-of-content text:name="Innhold"><text:index-body>
  <text:p text:style-name="Contents_20_1">Innledning<text:tab/>1</text:p>
</text:index-body></text:table-of-content>
<text:p text:style-name="P1">Kommunen   har
   innført <text:span text:style-name="T4">ny</text:span> ordning.<text:note text:id="ftn1"
  text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>
  <text:p>Se vedtak i bystyret.</text:p></text:note-body></text:note> Den gjelder fra
  <text:soft-page-break/>januar.</text:p>
<text:soft-page-break/>
<text:p>To<text:s/>mellomrom, fire <text:s text:c="3"/>her,<text:tab/>tab og<text:line-break/>ny linje.</text:p>
<text:p/>
<text:list text:style-name="L1">
 <text:list-item><text:p>Første punkt</text:p></text:list-item>
 <text:list-item><text:p>Andre punkt</text:p>
  <text:list><text:list-item><text:p>Underpunkt</text:p></text:list-item></text:list>
 </text:list-item>
</text:list>
<table:table table:name="Tabell1">
 <table:table-column table:number-columns-repeated="2"/>
 <table:table-header-rows><table:table-row>
  <table:table-cell office:value-type="string"><text:p>Tiltak</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p>Kostnad</text:p></table:table-cell>
 </table:table-row></table:table-header-rows>
 <table:table-row>
  <table:table-cell table:number-columns-spanned="2"><text:p>Arbeidstrening</text:p></table:table-cell>
  <table:covered-table-cell/>
 </table:table-row>
 <table:table-row>
  <table:table-cell><text:p>Mentor</text:p></table:table-cell>
  <table:table-cell office:value-type="float" office:value="12000"><text:p>12 000</text:p></table:table-cell>
 </table:table-row>
</table:table>
<text:section text:name="Seksjon1">
 <text:p>Les <text:a xlink:href="https://www.nav.no" xmlns:xlink="http://www.w3.org/1999/xlink">nav.no</text:a> for mer.<office:annotation><dc:creator>Saksbehandler</dc:creator><text:p>Sjekk lenken</text:p></office:annotation></text:p>
</text:section>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>
 <text:p>Slettet avsnitt.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p>Ramme:<draw:frame draw:name="Ramme1"><draw:text-box><text:p>Faktaboks om tiltaket.</text:p></draw:text-box></draw:frame> slutt.</text:p>
"""

REPORT_TEXT = (
    "Innledning\n\n"
    "Kommunen har innført ny ordning. Den gjelder fra januar.\n\n"
    "To mellomrom, fire    her,\ttab og\nny linje.\n\n"
    "Første punkt\nAndre punkt\nUnderpunkt\n\n"
    "Tiltak\nKostnad\n\n"
    "Arbeidstrening\n\n"
    "Mentor\n12 000\n\n"
    "Les nav.no for mer.\n\n"
    "Ramme: slutt.\n\n"
    "Faktaboks om tiltaket.\n"
)


def test_report_structure_spaces_lists_tables_and_left_out_parts(tmp_path):
    raw = read_document(make_odt(tmp_path / "rapport.odt", REPORT), "rapport.odt")
    assert raw.text == REPORT_TEXT
    assert raw.encoding == "odt"
    assert raw.bold_labels == set()
    for left_out in ("Se vedtak", "Sjekk lenken", "Saksbehandler", "Slettet", "1.Innledning"):
        assert left_out not in raw.text


INTERVIEW = """
<text:p><text:span text:style-name="T1">Intervjuer:</text:span> Hva skjedde da?</text:p>
<text:p><text:span text:style-name="T2">Kari</text:span>: Vi fikk avslag.</text:p>
<text:p><text:span text:style-name="Talerlabel">Ola Hansen: </text:span>Og så klaget vi.</text:p>
<text:p><text:span text:style-name="T1">Viktig</text:span> å huske: dette er ikke en etikett.</text:p>
<text:p><text:span text:style-name="T1"><text:span text:style-name="T3">Per:</text:span></text:span> ikke fet.</text:p>
<text:p><text:span text:style-name="T4">Lise:</text:span> kursiv, ikke fet.</text:p>
<text:p>Intervjuer: Takk.</text:p>
"""


def test_bold_labels_from_automatic_named_and_inherited_styles(tmp_path):
    raw = read_odt(make_odt(tmp_path / "i.odt", INTERVIEW).read_bytes(), "i.odt")
    assert raw.bold_labels == {"Intervjuer", "Kari", "Ola Hansen"}
    assert raw.text.split("\n\n")[:3] == [
        "Intervjuer: Hva skjedde da?",
        "Kari: Vi fikk avslag.",
        "Ola Hansen: Og så klaget vi.",
    ]


def test_odt_transcript_in_a_corpus_offsets_and_tokens(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    make_odt(folder / "intervju.odt", INTERVIEW)
    make_odt(folder / "rapport.odt", REPORT)
    (folder / "ødelagt.odt").write_bytes(b"PK\x03\x04 not a zip")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = dc.read_corpus(folder)
    messages = [str(w.message) for w in caught if issubclass(w.category, DiscourseWarning)]
    assert any(m.startswith("ødelagt.odt: is not a readable .odt file") for m in messages)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["intervju", "structure"] == "transcript"
    assert docs.loc["rapport", "structure"] == "paragraphs"
    assert docs.loc["rapport", "format"] == "odt"
    seg = corpus.segments
    turns = seg[(seg["doc_id"] == "intervju") & (seg["unit"] == "turn")]
    assert turns["speaker"].tolist()[:3] == ["Intervjuer", "Kari", "Ola Hansen"]
    assert turns["role"].tolist()[:3] == ["interviewer", "respondent", "respondent"]
    paragraphs = seg[seg["doc_id"] == "rapport"]["text"].tolist()
    assert paragraphs[:2] == [
        "Innledning",
        "Kommunen har innført ny ordning. Den gjelder fra januar.",
    ]
    for row in seg.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    tokens = dc.preprocess(corpus, cache=False).table
    for t in tokens.itertuples():
        assert corpus.texts[t.doc_id][t.char_start : t.char_end] == t.surface


def test_minimal_file_without_styles_or_mimetype(tmp_path):
    path = make_odt(
        tmp_path / "m.odt",
        "",
        content=minimal_content("<text:p>Bare tekst.</text:p>"),
        mimetype=None,
        styles=False,
    )
    assert read_odt(path.read_bytes(), "m.odt").text == "Bare tekst.\n"


def test_empty_document_reads_as_empty_text(tmp_path):
    path = make_odt(tmp_path / "tom.odt", "<text:p/><text:p>  </text:p>")
    assert read_odt(path.read_bytes(), "tom.odt").text == ""


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"content": ""}, r"x\.odt: has no content\.xml"),
        (
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet"},
            r"opendocument\.spreadsheet",
        ),
        (
            {
                "manifest": MANIFEST.replace(
                    "</manifest:manifest>", "<manifest:encryption-data/></manifest:manifest>"
                )
            },
            r"x\.odt: is password-protected",
        ),
        ({"content": "<office:document-content><office:body>"}, r"x\.odt: is a damaged .*line 1"),
        (
            {
                "content": minimal_content("<text:p>Hei</text:p>").replace(
                    "office:text>", "office:spreadsheet>"
                )
            },
            r"x\.odt: has no text body",
        ),
        (
            {"content": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'},
            r"x\.odt: content\.xml declares a DTD",
        ),
    ],
)
def test_bad_files_name_the_file(tmp_path, kwargs, message):
    path = make_odt(tmp_path / "x.odt", "<text:p>Hei</text:p>", **kwargs)
    with pytest.raises(DocumentError, match=message):
        read_document(path, "x.odt")


def test_malformed_xml_names_the_line(tmp_path):
    broken = content_xml("<text:p>Hei</text:p>\n<text:p>uten slutt\n</office:text>")
    line = broken[: broken.index("</office:text>")].count("\n") + 1  # the mismatched tag
    path = make_odt(tmp_path / "x.odt", "", content=broken)
    with pytest.raises(
        DocumentError,
        match=rf"x\.odt: is a damaged \.odt file: content\.xml is not well-formed XML \(line {line},",
    ):
        read_odt(path.read_bytes(), "x.odt")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04junk", b"Hei, jeg er tekst"])
def test_not_a_zip(data):
    with pytest.raises(DocumentError, match=r"x\.odt: is not a readable \.odt file"):
        read_odt(data, "x.odt")


def test_truncated_zip_names_the_file(tmp_path):
    data = make_odt(tmp_path / "x.odt", REPORT).read_bytes()
    with pytest.raises(DocumentError, match=r"x\.odt: is not a readable \.odt file"):
        read_odt(data[: len(data) // 2], "x.odt")
