"""read_corpus: the folder contract, metadata, bad input, and the immutability of raw data."""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_docx, make_pdf, make_scanned_pdf

import discourse as dc
from discourse.errors import ConfigError, CorpusError, DiscourseWarning, MetadataError

INTERVIEW = (
    "Dato: 14.03.2023\nSted: Fjordvik\n\n"
    "Intervjuer: [00:00:04] Hvordan startet samarbeidet?\n"
    "Informant: Eh, vi – altså – vi tok kontakt med kommunen. Søknaden ble avslått.\n"
    "Intervjuer: Og så?\n"
    "Informant: Så fikk vi pilotmidler.\n"
)


def write(folder: Path, rel: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def messy(tmp_path) -> Path:
    """A realistic messy corpus: cp1252+CRLF transcript, docx with bold labels and f4
    timestamps, focus group, PDF, Markdown, nested folders, metadata.csv in Excel style."""
    folder = tmp_path / "korpus"
    write(folder, "intervjuer/E1.txt", INTERVIEW.replace("\n", "\r\n"), "cp1252")
    make_docx(
        (folder / "intervjuer").joinpath("M1.docx"),
        [
            "Intervju med saksbehandler",
            "Intervjuer: Hva er viktigst? #00:00:12-3#",
            "Silje: Forsvarlighet og dokumentasjon. #00:00:40-1#",
            "Intervjuer: Hvorfor?",
            "Silje: Fordi vi har ansvaret.",
        ],
        bold_labels=True,
    )
    write(
        folder,
        "fokus/FG.md",
        "# Fokusgruppe\n\n**Moderator:** Velkommen.\n\n**Deltaker 1:** Takk.\n\n"
        "**Deltaker 2:** Hei.\n\n**Deltaker 3:** Hallo.\n\n**Moderator:** Første spørsmål?\n",
    )
    make_pdf(
        folder / "dokumenter" / "strategi.pdf",
        ["Innovasjonsstrategi for kommunen.", "Vi skal samarbeide med sosiale entreprenører."],
    )
    (folder / "metadata.csv").write_bytes(
        "\ufefffile;doc_id;actor_type;role;lang\n"
        "intervjuer/E1.txt;E1;entrepreneur;gründer;nb\n"
        "intervjuer/M1.docx;M1;municipal;saksbehandler;nb\n"
        "fokus/FG.md;FG;municipal;;nb\n"
        "dokumenter/strategi.pdf;P1;policy;strategi;\n".encode()
    )
    return folder


def test_messy_corpus_reads_completely(messy):
    before = snapshot(messy)
    corpus = dc.read_corpus(messy)
    assert snapshot(messy) == before  # raw data is only read
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["P1", "FG", "E1", "M1"]  # sorted by file path
    assert docs.loc["E1", "encoding"] == "cp1252"
    assert docs.loc[["E1", "M1", "FG"], "structure"].tolist() == ["transcript"] * 3
    assert docs.loc["P1", "structure"] == "paragraphs"
    # empty cell and no corpus.yml: identified from the text
    assert docs.loc["P1", ["lang", "lang_source"]].tolist() == ["nb", "detected"]
    assert corpus.problems.empty
    seg = corpus.segments
    e1 = seg[seg.doc_id == "E1"]
    assert e1["unit"].tolist() == ["header", "turn", "turn", "turn", "turn"]
    assert "Søknaden ble avslått." in e1["text"].iloc[2]
    assert e1["time"].iloc[1] == "00:00:04"
    m1 = seg[(seg.doc_id == "M1") & (seg.unit == "turn")]
    assert m1["speaker"].tolist() == ["Intervjuer", "Silje", "Intervjuer", "Silje"]
    assert m1["time"].tolist()[:2] == ["00:00:12.3", "00:00:40.1"]
    assert m1["text"].iloc[1] == "Forsvarlighet og dokumentasjon."
    fg = seg[(seg.doc_id == "FG") & (seg.unit == "turn")]
    assert fg["role"].tolist() == ["interviewer"] + ["respondent"] * 3 + ["interviewer"]
    # metadata columns travel with segments; `role` (a job) becomes doc_role there
    assert set(seg.loc[seg.doc_id == "M1", "doc_role"]) == {"saksbehandler"}
    assert "actor_type" in seg.columns
    for row in seg.itertuples():
        assert corpus.text(row.doc_id)[row.char_start : row.char_end] == row.text


def test_missing_and_unlisted_files_warn_and_keep_the_others(messy):
    (messy / "metadata.csv").write_text(
        "file,doc_id\nintervjuer/E1.txt,E1\nintervjuer/borte.txt,X\n", encoding="utf-8"
    )
    with pytest.warns(DiscourseWarning) as record:
        corpus = dc.read_corpus(messy)
    messages = [str(w.message) for w in record]
    assert any(
        "intervjuer/borte.txt: listed in metadata.csv but does not exist" in m for m in messages
    )
    assert any(m.startswith("intervjuer/M1.docx: not listed in metadata.csv") for m in messages)
    assert set(corpus.documents["doc_id"]) == {
        "E1",
        "intervjuer/M1",
        "fokus/FG",
        "dokumenter/strategi",
    }
    assert set(corpus.problems["problem"]) == {"missing", "unlisted"}


def test_duplicate_doc_id_names_both_files(messy):
    (messy / "metadata.csv").write_text(
        "file,doc_id\nintervjuer/E1.txt,A\nintervjuer/M1.docx,A\nfokus/FG.md,B\n"
        "dokumenter/strategi.pdf,C\n"
    )
    with pytest.raises(
        MetadataError, match=r"share a doc_id: 'A' for intervjuer/E1.txt, intervjuer/M1.docx"
    ):
        dc.read_corpus(messy)


def test_metadata_without_file_column(messy):
    (messy / "metadata.csv").write_text("fil,doc_id\nintervjuer/E1.txt,A\n")
    with pytest.raises(
        MetadataError, match=r"metadata.csv: has no `file` column \(columns found: fil, doc_id\)"
    ):
        dc.read_corpus(messy)


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ("file,sha256\na.txt,x\n", "reserved"),
        ("file,doc_id\na.txt,A\na.txt,B\n", "listed more than once"),
        ("file,doc_id\n,A\n", "empty `file` cell"),
        ("", "is empty"),
        ("file,lang\na.txt,se\n", "unknown lang value"),
    ],
)
def test_malformed_metadata(tmp_path, content, pattern):
    write(tmp_path, "a.txt", "Tekst.\n")
    (tmp_path / "metadata.csv").write_text(content)
    with pytest.raises(MetadataError, match=pattern):
        dc.read_corpus(tmp_path)


@pytest.mark.parametrize(
    ("name", "maker", "problem"),
    [
        ("tom.txt", lambda p: p.write_text("  \n\t\n"), "empty is empty or holds only white space"),
        ("rar.txt", lambda p: p.write_bytes(b"s\x81knad \xff\xfe"), "cannot be decoded"),
        ("bilde.txt", lambda p: p.write_bytes(b"\x89PNG\x00\x00"), "NUL bytes"),
        ("notat.rtf", lambda p: p.write_text("{\\rtf1}"), "is not a document format"),
        ("ødelagt.docx", lambda p: p.write_bytes(b"PK\x03\x04rubbish"), "not a readable .docx"),
        ("ødelagt.pdf", lambda p: p.write_bytes(b"%PDF-1.7\nrubbish"), "not a readable PDF"),
        ("skannet.pdf", make_scanned_pdf, "has no text layer"),
    ],
)
def test_one_bad_file_is_named_and_skipped(tmp_path, name, maker, problem):
    write(tmp_path, "god.txt", INTERVIEW)
    maker(tmp_path / name)
    before = snapshot(tmp_path)
    with pytest.warns(DiscourseWarning, match=name.replace(".", r"\.")) as record:
        corpus = dc.read_corpus(tmp_path)
    assert snapshot(tmp_path) == before
    assert corpus.documents["doc_id"].tolist() == ["god"]
    assert any(problem.split(" is ")[-1] in str(w.message) for w in record)
    assert corpus.problems["file"].tolist() == [name]
    with pytest.raises(CorpusError, match=r"1 problem\(s\) in strict mode"):
        dc.read_corpus(tmp_path, strict=True)


def test_no_readable_documents(tmp_path):
    (tmp_path / "tom.txt").write_text("")
    with pytest.warns(DiscourseWarning), pytest.raises(CorpusError, match="no readable documents"):
        dc.read_corpus(tmp_path)
    with pytest.raises(CorpusError, match="is not a folder"):
        dc.read_corpus(tmp_path / "finnes-ikke")


def test_corpus_yml_settings_and_errors(tmp_path):
    write(tmp_path, "a.txt", INTERVIEW)
    write(tmp_path, "README.txt", "Ikke et dokument.")
    write(tmp_path, "_kilder/x.txt", "Kilde.")
    (tmp_path / "corpus.yml").write_text(
        "name: mitt\nlanguage: nn\nexclude: [README.txt, '_kilder/**']\n", encoding="utf-8"
    )
    corpus = dc.read_corpus(tmp_path)
    assert corpus.name == "mitt"
    assert corpus.documents["doc_id"].tolist() == ["a"]
    assert corpus.documents["lang"].tolist() == ["nn"]
    assert dc.read_corpus(tmp_path, language="en").documents["lang"].tolist() == ["en"]
    for bad, pattern in [
        ("languag: nb\n", "unknown setting.*languag"),
        ("language: sv\n", "language 'sv' is not supported"),
        ("encoding: klingon\n", "not a known codec"),
        ("transcripts: sometimes\n", "transcripts must be one of"),
        ("speakers: {interviewers: [I]}\n", "unknown key.*interviewers"),
        ("speakers: {interviewer: ['re:(']}\n", "not a valid regular expression"),
        ("language: [nb\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
    ]:
        (tmp_path / "corpus.yml").write_text(bad)
        with pytest.raises(ConfigError, match=pattern):
            dc.read_corpus(tmp_path)


def test_doc_type_metadata_decides_structure(tmp_path):
    write(tmp_path, "a.txt", "Mål: x.\nTiltak: y.\nMål: z.\nTiltak: w.\n")
    write(tmp_path, "b.txt", INTERVIEW)
    (tmp_path / "metadata.csv").write_text("file,doc_type\na.txt,interview\nb.txt,policy\n")
    corpus = dc.read_corpus(tmp_path)
    assert corpus.documents["structure"].tolist() == ["transcript", "paragraphs"]
    a = corpus.segments[corpus.segments.doc_id == "a"]
    assert a["speaker"].tolist() == ["Mål", "Tiltak", "Mål", "Tiltak"]


def test_hidden_and_word_lock_files_are_ignored(tmp_path):
    write(tmp_path, "a.txt", "Tekst.\n")
    write(tmp_path, ".DS_Store", "x")
    write(tmp_path, "~$utkast.docx", "x")
    write(tmp_path, ".git/config", "x")
    assert dc.read_corpus(tmp_path).documents["doc_id"].tolist() == ["a"]


def test_summary_counts_by_hand(messy):
    table = dc.read_corpus(messy).summary().set_index("doc_id")
    assert table.loc["E1", ["turns_interviewer", "turns_respondent", "header"]].tolist() == [
        2,
        2,
        1,
    ]
    assert table.loc["FG", ["turns_interviewer", "turns_respondent"]].tolist() == [2, 3]
    assert table.loc["P1", "paragraphs"] == 2
    assert table.loc["TOTAL", "n_segments"] == table.drop("TOTAL")["n_segments"].sum()
    assert table.loc["TOTAL", "lang"] == "nb:4"


def test_fingerprint_changes_with_inputs(messy):
    a = dc.read_corpus(messy).fingerprint()
    assert dc.read_corpus(messy).fingerprint() == a
    path = messy / "fokus" / "FG.md"
    path.write_text(path.read_text() + "\n**Deltaker 1:** Ett ord til.\n")
    assert dc.read_corpus(messy).fingerprint() != a
    os.utime(path)


def test_unicode_docx_label_is_read_as_bold(tmp_path):
    make_docx(
        tmp_path / "a.docx",
        ["Intervjuer: Hei?", "Øystein: Hei.", "Intervjuer: Takk."],
        bold_labels=True,
    )
    corpus = dc.read_corpus(tmp_path)
    assert corpus.segments["speaker"].tolist() == ["Intervjuer", "Øystein", "Intervjuer"]
    assert isinstance(corpus.documents, pd.DataFrame)


def test_fingerprint_is_the_same_in_every_process(messy):
    """Cache keys must not depend on Python's per-process string hashing."""
    import subprocess
    import sys

    code = "import discourse as dc, sys; print(dc.read_corpus(sys.argv[1]).fingerprint())"
    prints = {
        subprocess.run(
            [sys.executable, "-c", code, str(messy)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1 and len(prints.pop().strip()) == 64


# -- segmentation settings ------------------------------------------------------------

REPORT_LINES = [
    "Sammendrag",
    "Utvalget foreslår en ny modell for tilskudd til frivillige organisasjoner.",
    "Modellen skal gjøre det enklere å søke, og den skal gi forutsigbarhet.",
    "Kommunene får et tydeligere ansvar for oppfølgingen.",
]


def test_segment_lines_splits_every_non_empty_line(tmp_path):
    write(tmp_path, "rapport.txt", "\n".join(REPORT_LINES[:2]) + "\n\n  " + "\n".join(
        REPORT_LINES[2:]) + "  \n")  # fmt: skip
    write(tmp_path, "corpus.yml", "segment: lines\n")
    corpus = dc.read_corpus(tmp_path)
    assert list(corpus.segments["text"]) == REPORT_LINES
    assert set(corpus.segments["unit"]) == {"paragraph"}
    for row in corpus.segments.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    assert corpus.config.canonical()["segment"] == "lines"
    default = dc.read_corpus(tmp_path, transcripts="auto")  # same settings, re-read
    assert len(default.segments) == 4
    (tmp_path / "corpus.yml").unlink()
    paragraphs = dc.read_corpus(tmp_path)
    assert len(paragraphs.segments) == 2 and "segment" not in paragraphs.config.canonical()


def test_segment_column_in_metadata_wins_per_document(tmp_path):
    text = "\n".join(REPORT_LINES) + "\n"
    write(tmp_path, "a.txt", text)
    write(tmp_path, "b.txt", text)
    write(tmp_path, "c.txt", "I: Hei.\nR: Hei.\nI: Ok.\nR: Ja.\n")
    write(tmp_path, "metadata.csv", "file,doc_id,segment\na.txt,a,lines\nb.txt,b,\nc.txt,c,lines\n")
    corpus = dc.read_corpus(tmp_path)
    counts = corpus.segments.groupby("doc_id").size().to_dict()
    assert counts == {"a": 4, "b": 1, "c": 4}  # transcripts are split at labels anyway
    assert corpus.documents.set_index("doc_id").loc["c", "structure"] == "transcript"


@pytest.mark.parametrize(
    ("files", "error", "match"),
    [
        ({"corpus.yml": "segment: sentences\n"}, ConfigError,
         r"corpus\.yml: segment must be one of paragraphs, lines, got 'sentences'"),
        ({"corpus.yml": "segment: [lines]\n"}, ConfigError, r"corpus\.yml: segment must be"),
        ({"metadata.csv": "file,segment\na.txt,Lines\n"}, MetadataError,
         r"metadata\.csv: unknown segment value\(s\) Lines \(files a\.txt\)"),
    ],
)  # fmt: skip
def test_bad_segment_values_are_named(tmp_path, files, error, match):
    write(tmp_path, "a.txt", "Tekst.\n")
    for name, content in files.items():
        write(tmp_path, name, content)
    with pytest.raises(error, match=match):
        dc.read_corpus(tmp_path)


def test_long_document_without_blank_lines_suggests_segment_lines(tmp_path):
    line = "Regjeringen vil styrke arbeidet med kvalifisering og oppfølging av unge. " * 3
    write(tmp_path, "melding.txt", "\n".join([line.strip()] * 30) + "\n")
    write(tmp_path, "kort.txt", "En linje.\nTo linjer.\n")
    with pytest.warns(DiscourseWarning, match=r"melding\.txt: has 1 paragraph\(s\) of 5,000\+"):
        corpus = dc.read_corpus(tmp_path)
    notes = corpus.problems[corpus.problems["problem"] == "note"]
    assert list(notes["file"]) == ["melding.txt"]
    message = notes["message"].iloc[0]
    # 30 lines of 3 x 73 - 1 = 218 characters and 29 line breaks: 6,569 characters
    assert "6,569 characters over 30 lines" in message and "segment: lines" in message
    write(tmp_path, "corpus.yml", "segment: lines\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DiscourseWarning)
        lines = dc.read_corpus(tmp_path)
    assert lines.segments.groupby("doc_id").size().to_dict() == {"kort": 2, "melding": 30}
