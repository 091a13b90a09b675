"""WebVTT and SRT transcripts: cues, speakers, turns, times, markup, offsets, bad input.

The files in tests/data/subtitles imitate what each tool writes (invented Norwegian
speech): Microsoft Teams (``<v Name>text</v>`` with GUID cue identifiers), Zoom
(``Name: text`` inside numbered cues), Whisper (no speakers; VTT without hours, SRT with
CRLF) and noScribe (title after ``WEBVTT``, NOTE blocks, ``<v S00>`` voices that repeat
the label).
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

import discourse as dc
from discourse.corpus.config import CorpusConfig
from discourse.corpus.formats import read_document
from discourse.corpus.subtitles import format_ms, parse_cues, read_subtitles
from discourse.errors import DiscourseWarning, DocumentError

DATA = Path(__file__).parent / "data" / "subtitles"


def turns(raw):
    return [
        (s.speaker, s.role, s.time, s.attrs["time_end"], s.text) for s in raw.segmented.segments
    ]


def read(name: str, **kw):
    path = DATA / name
    return read_document(path, name, **kw)


def check_offsets(raw):
    for s in raw.segmented.segments:
        assert raw.text[s.char_start : s.char_end] == s.text
    assert raw.segmented.text == raw.text


def write_corpus(tmp_path: Path, files: dict[str, str | bytes], yml: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for rel, content in files.items():
        target = folder / rel
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    if yml:
        (folder / "corpus.yml").write_text(yml, encoding="utf-8")
    return folder


# --- the four tools -------------------------------------------------------------------


def test_teams_voice_tags_give_speakers_and_roles_from_corpus_yml():
    rules = CorpusConfig.from_mapping(
        {"speakers": {"interviewer": ["Ingrid Berg"]}}, source="corpus.yml"
    ).speakers
    raw = read("teams.vtt", speakers=rules)
    assert turns(raw) == [
        (
            "Ingrid Berg",
            "interviewer",
            "00:00:03.528",
            "00:00:09.872",
            "Takk for at du ville være med i dag. Kan du fortelle litt om jobben din?",
        ),
        (
            "Kari Nordmann",
            "respondent",
            "00:00:10.410",
            "00:00:17.300",
            "Ja, jeg jobber som saksbehandler i Nav og har gjort det i snart ti år.",
        ),
        (
            "Ingrid Berg",
            "interviewer",
            "00:00:18.020",
            "00:00:20.250",
            "Hva er det beste med jobben?",
        ),
        (
            "Kari Nordmann",
            "respondent",
            "00:01:02.000",
            "00:01:07.480",
            "Brukerne. Når noen kommer i arbeid, er det verdt det.",
        ),
    ]
    assert raw.text.split("\n")[0] == (
        "Ingrid Berg: Takk for at du ville være med i dag. Kan du fortelle litt om jobben din?"
    )
    assert raw.segmented.is_transcript
    check_offsets(raw)


def test_teams_names_without_rules_take_the_unknown_role():
    rules = CorpusConfig.from_mapping(
        {"speakers": {"unknown_role": "other"}}, source="corpus.yml"
    ).speakers
    assert {s.role for s in read("teams.vtt", speakers=rules).segmented.segments} == {"other"}


def test_zoom_name_prefixes_give_speakers_and_running_text_colons_do_not():
    raw = read("zoom.vtt")
    assert turns(raw) == [
        (
            "Ingrid Berg",
            "respondent",
            "00:00:01.040",
            "00:00:04.520",
            "Velkommen til fokusgruppen om sosialhjelp.",
        ),
        (
            "Ola Hansen",
            "respondent",
            "00:00:05.100",
            "00:00:15.000",
            # "Det betyr:" opens a cue but is no name: it stays text in Ola's turn
            "Takk. Saksbehandleren sa: det ordner seg. Det betyr: vi må vente på vedtaket. "
            "Og det tok tre måneder.",
        ),
        ("Ingrid Berg", "respondent", "00:00:15.200", "00:00:17.000", "Hva tenker dere andre?"),
        # Per Olsen speaks once; the file labels most cues, so the label counts
        ("Per Olsen", "respondent", "00:00:17.400", "00:00:20.100", "Det samme skjedde med meg."),
    ]
    check_offsets(raw)


def test_whisper_vtt_without_hours_and_speakers_splits_at_pauses():
    raw = read("whisper.vtt")
    assert turns(raw) == [
        (
            None,
            "other",
            "00:00:00.000",
            "00:00:07.100",
            "Velkommen til dette opptaket. Vi skal snakke om sosialhjelp i kommunen.",
        ),
        (None, "other", "00:00:10.500", "00:00:13.000", "Etter pausen fortsetter vi."),
    ]
    assert raw.text == (
        "Velkommen til dette opptaket. Vi skal snakke om sosialhjelp i kommunen.\n"
        "Etter pausen fortsetter vi."
    )
    check_offsets(raw)
    # a longer pause threshold joins everything; zero gives one turn per cue
    data = (DATA / "whisper.vtt").read_bytes()
    assert len(read_subtitles(data, "w.vtt", pause=5).segmented.segments) == 1
    assert len(read_subtitles(data, "w.vtt", pause=0).segmented.segments) == 3


def test_whisper_srt_with_crlf_numbering_and_markup():
    raw = read("whisper_srt.srt")
    assert turns(raw) == [
        (
            None,
            "other",
            "00:00:00.000",
            "00:00:05.000",
            "Dette er første linje og andre linje. Søknaden ble innvilget.",
        ),
        (None, "other", "00:00:09.000", "00:00:11.000", "Etter en lang pause."),
    ]
    assert raw.encoding == "utf-8"
    check_offsets(raw)


def test_noscribe_title_notes_and_repeated_labels():
    raw = read("noscribe.vtt")
    assert turns(raw) == [
        (
            "S00",
            "respondent",
            "00:00:00.000",
            "00:00:06.000",
            "Hvordan opplevde du møtet med Nav? Og hva skjedde etterpå?",
        ),
        (
            "S01",
            "respondent",
            "00:00:06.500",
            "00:00:13.400",
            "Det var vanskelig i starten (..) men det ble bedre. "
            "Veilederen min hjalp & støttet meg.",
        ),
    ]
    notes = raw.segmented.annotations
    assert [(a.char_pos, a.element, a.text) for a in notes] == [
        (0, "note", "Transkribert med noScribe vers. 0.6. Språk: norsk (bokmål)"),
        (0, "note", "media: opptak/intervju_03.wav"),
    ]
    check_offsets(raw)


def test_noscribe_overlap_marks_and_empty_voices():
    vtt = (
        "WEBVTT intervju\n\nNOTE\nTranskribert med noScribe\n\n"
        "1\n00:00:00.000 --> 00:00:02.000\n<v S01>Jeg tror det\n\n"
        "2\n00:00:01.500 --> 00:00:02.200\n<v //S00>Mm.\n\n"
        "3\n00:00:02.200 --> 00:00:04.000\n<v >var bra.\n\n"
        "4\n00:00:04.000 --> 00:00:05.000\n<v S01>Ja.\n"
    )
    raw = read_subtitles(vtt.encode(), "n.vtt")
    # the empty voice (noScribe found no speaker) continues the turn before it
    assert [(s.speaker, s.text) for s in raw.segmented.segments] == [
        ("S01", "Jeg tror det"),
        ("S00", "Mm. var bra."),
        ("S01", "Ja."),
    ]


# --- the format's rules ----------------------------------------------------------------

HEADERED = """WEBVTT - Kind: captions
Kind: captions
Language: nb

STYLE
::cue { color: yellow }

REGION
id:fred width:40%

NOTE en kommentar
over to linjer

intro
00:00:01.000 --> 00:00:03.000 align:start position:10% line:0
<c.yellow>Gul</c> <i>kursiv</i> og <b>fet</b> <00:00:02.000>tekst &amp; &lt;tegn&gt;&nbsp;her.

00:00:03.000 --> 00:00:04.000
<ruby>漢<rt>kan</rt></ruby> <lang en>okay</lang> 3 < 5
"""


def test_header_style_region_note_settings_and_markup():
    raw = read_subtitles(HEADERED.encode(), "h.vtt")
    assert raw.text == "Gul kursiv og fet tekst & <tegn> her. 漢 okay 3 < 5"
    assert [(a.char_pos, a.text) for a in raw.segmented.annotations] == [
        (0, "en kommentar over to linjer")
    ]
    check_offsets(raw)


def test_several_voices_in_one_cue_and_dialogue_dashes_kept():
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Kari>Ja.\n<v.loud Ola>Nei!</v>\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v Ola>- Aldri.\n\n"
        "00:00:04.500 --> 00:00:05.000\n- Hvorfor ikke?\n- Fordi.\n"
    )
    raw = read_subtitles(vtt.encode(), "d.vtt")
    # the unlabelled last cue continues Ola's turn: the file has speakers; dashes stay
    assert [(s.speaker, s.time, s.attrs["time_end"], s.text) for s in raw.segmented.segments] == [
        ("Kari", "00:00:01.000", "00:00:03.000", "Ja."),
        ("Ola", "00:00:01.000", "00:00:05.000", "Nei! - Aldri. - Hvorfor ikke? - Fordi."),
    ]
    check_offsets(raw)


def test_cues_before_the_first_speaker_form_a_turn_without_speaker():
    vtt = (
        "WEBVTT\n\n00:00.000 --> 00:01.000\n[musikk]\n\n"
        "00:01.000 --> 00:02.000\n<v Kari>Hei.\n\n00:02.000 --> 00:03.000\n<v Kari>Hallo.\n"
    )
    raw = read_subtitles(vtt.encode(), "m.vtt")
    assert [(s.speaker, s.role, s.text) for s in raw.segmented.segments] == [
        (None, "other", "[musikk]"),
        ("Kari", "respondent", "Hei. Hallo."),
    ]
    assert raw.text == "[musikk]\nKari: Hei. Hallo."


def test_single_name_label_in_unlabelled_file_is_text_but_listed_labels_count():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nKari Nordmann: kom inn.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nHan sa :  det var alt.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nTakk.\n"
    )
    raw = read_subtitles(srt.encode(), "a.srt", kind="srt")
    assert [s.speaker for s in raw.segmented.segments] == [None]
    # rejected labels stay text as written (white space collapsed)
    assert raw.text == "Kari Nordmann: kom inn. Han sa : det var alt. Takk."
    listed = srt.replace("Kari Nordmann:", "Intervjuer:")
    raw = read_subtitles(listed.encode(), "b.srt", kind="srt")
    assert [(s.speaker, s.role) for s in raw.segmented.segments] == [("Intervjuer", "interviewer")]
    # header keys never speak, even when they recur
    header = "".join(
        f"{i}\n00:00:0{i},000 --> 00:00:0{i},500\nDato: {i}. mars\n\n" for i in range(1, 4)
    )
    assert {
        s.speaker for s in read_subtitles(header.encode(), "c.srt", kind="srt").segmented.segments
    } == {None}


def test_label_like_line_inside_a_cue_is_not_a_speaker():
    # "James:" ends a line break in the middle of a sentence; Zoom style file
    vtt = "WEBVTT\n\n" + "".join(
        f"{i}\n00:00:0{i}.000 --> 00:00:0{i}.900\n{line}\n\n"
        for i, line in enumerate(
            [
                "Lise Dahl: I The Observer sier keeper David\nJames: Det går bra.",
                "Per Olsen: Jaså.",
                "Lise Dahl: Ja.",
                "Per Olsen: Ok.",
            ],
            start=1,
        )
    )
    raw = read_subtitles(vtt.encode(), "z.vtt")
    first = raw.segmented.segments[0]
    assert (first.speaker, first.text) == (
        "Lise Dahl",
        "I The Observer sier keeper David James: Det går bra.",
    )
    # a label alone on a line (no text after the colon) is no label either
    vtt = vtt.replace("James: Det går bra.", "James:")
    first = read_subtitles(vtt.encode(), "z.vtt").segmented.segments[0]
    assert first.text == "I The Observer sier keeper David James:"


def test_bracket_labels_and_party_labels():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]: Hei.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n[SPEAKER_01]: Hallo.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n[SPEAKER_00]: Ja?\n\n"
        "4\n00:00:04,000 --> 00:00:05,000\nAudun Lysbakken (SV): President!\n"
    )
    raw = read_subtitles(srt.encode(), "b.srt", kind="srt")
    assert [(s.speaker, s.text) for s in raw.segmented.segments] == [
        ("SPEAKER_00", "Hei."),
        ("SPEAKER_01", "Hallo."),
        ("SPEAKER_00", "Ja?"),
        ("Audun Lysbakken (SV)", "President!"),
    ]
    check_offsets(raw)


def test_timestamps_both_separators_hours_and_fractions():
    cues, _, notes = parse_cues(
        "WEBVTT\n\n1:02:03.4 --> 1:02:04,05\na\n\n99:00:00.000 --> 99:00:01\nb\n", "t.vtt"
    )
    # hours without padding, one or two decimals (tenths, hundredths), "," or "."
    assert [(c.start_ms, c.end_ms) for c in cues] == [
        (3_723_400, 3_724_050),
        (356_400_000, 356_401_000),
    ]
    assert format_ms(cues[0].start_ms) == "01:02:03.400"
    assert not notes


def test_minutes_over_59_are_malformed():
    with pytest.raises(DocumentError, match=r"t\.vtt: line 6: the cue's start time is not a valid"):
        parse_cues("WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n60:00.000 --> 61:01.000\nb\n", "t.vtt")


def test_srt_file_that_is_really_webvtt_and_vtt_without_header():
    raw = read_subtitles((DATA / "teams.vtt").read_bytes(), "x.srt", kind="srt")
    assert len(raw.segmented.segments) == 4 and not raw.notes
    srt_bytes = (DATA / "whisper_srt.srt").read_bytes()
    raw = read_subtitles(srt_bytes, "y.vtt", kind="vtt")
    assert len(raw.segmented.segments) == 2
    assert raw.notes == ["line 1: does not start with 'WEBVTT'; read as SubRip (SRT) cues"]


def test_missing_blank_line_between_cues_is_two_cues():
    srt = "1\n00:00:01,000 --> 00:00:02,000\nFørst.\n2\n00:00:02,000 --> 00:00:03,000\nSå.\n"
    cues, _, _ = parse_cues(srt, "m.srt", "srt")
    assert [(c.identifier, c.line, c.lines) for c in cues] == [
        ("1", 2, ["Først."]),
        ("2", 5, ["Så."]),
    ]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (b"\xef\xbb\xbf", "utf-8-sig"),
        ("\ufeff".encode("utf-16-le"), "utf-16"),
        (b"", "cp1252"),
    ],
)
def test_encodings_and_byte_order_marks(encoded, encoding):
    text = "WEBVTT\r\n\r\n00:00.000 --> 00:02.000\r\nSøknaden ble avslått – «tøft».\r\n"
    codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "cp1252": "cp1252"}[encoding]
    raw = read_subtitles(encoded + text.encode(codec), "e.vtt")
    assert raw.encoding == encoding
    assert raw.text == "Søknaden ble avslått – «tøft»."


# --- bad input ------------------------------------------------------------------------


def test_block_without_timing_line_names_file_and_line():
    # a blank line inside the text of cue 1 leaves a block without timing at line 5
    srt = "1\n00:00:01,000 --> 00:00:02,000\nFørste del\n\nandre del\n\n2\n00:00:03,000 --> 00:00:04,000\nSå.\n"
    with pytest.raises(
        DocumentError, match=r"brudd\.srt: line 5: a block of text without a cue timing"
    ):
        read_subtitles(srt.encode(), "brudd.srt", kind="srt")


@pytest.mark.parametrize(
    ("timing", "which"),
    [
        ("00:00:1.000 --> 00:00:02.000", "start"),
        ("00:00:01.000 --> 00:00:02.0000", "end"),
        ("00:00:01.000 --> soon", "end"),
        ("ab:cd.efg --> 00:00:02.000", "start"),
    ],
)
def test_malformed_timestamps_name_file_and_line(timing, which):
    vtt = f"WEBVTT\n\nNOTE ok\n\n{timing}\nTekst.\n"
    with pytest.raises(DocumentError, match=rf"feil\.vtt: line 5: the cue's {which} time"):
        read_subtitles(vtt.encode(), "feil.vtt")


def test_messages_never_quote_the_text():
    vtt = "WEBVTT\n\nHemmelig navn Kari Nordmann sa dette\nog mer\n"
    with pytest.raises(DocumentError) as info:
        read_subtitles(vtt.encode(), "p.vtt")
    assert "Kari" not in str(info.value) and "line 3" in str(info.value)


def test_end_before_start_and_out_of_order_cues_are_noted_and_kept():
    vtt = (
        "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBaklengs.\n\n"
        "00:00:01.000 --> 00:00:02.000\nTidligere.\n"
    )
    raw = read_subtitles(vtt.encode(), "rot.vtt")
    assert raw.notes == [
        "line 3: the cue ends before it starts; its end time is left empty",
        "line 6: the cue starts before the one above it (cues out of time order); cues are "
        "kept in file order",
    ]
    assert [(s.time, s.attrs["time_end"], s.text) for s in raw.segmented.segments] == [
        ("00:00:05.000", None, "Baklengs."),
        ("00:00:01.000", "00:00:02.000", "Tidligere."),
    ]


def test_negative_pause_is_refused():
    with pytest.raises(ValueError, match="pause"):
        read_subtitles(b"WEBVTT\n", "x.vtt", pause=-1)


def test_header_only_and_empty_files_give_no_segments():
    for data in (b"", b"WEBVTT\n\nNOTE nothing yet\n", b"\xef\xbb\xbfWEBVTT\r\n"):
        raw = read_subtitles(data, "tom.vtt")
        assert raw.text == "" and raw.segmented is None


# --- in a corpus ----------------------------------------------------------------------


def test_corpus_of_subtitles_offsets_tokens_columns_and_bad_files(tmp_path):
    folder = write_corpus(
        tmp_path,
        {
            "tom.vtt": "",
            "brudd.srt": "1\n00:00:01,000 --> 00:00:02,000\nEn\n\nto\n",
            "rot.vtt": "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBaklengs tale.\n",
            "notat.txt": "Et vanlig notat.\n\nMed to avsnitt.\n",
        },
        yml="speakers:\n  interviewer: [Ingrid Berg]\n",
    )
    for name in ("teams.vtt", "zoom.vtt", "whisper.vtt", "whisper_srt.srt", "noscribe.vtt"):
        shutil.copy(DATA / name, folder / name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = dc.read_corpus(folder)
    messages = [str(w.message) for w in caught if issubclass(w.category, DiscourseWarning)]
    assert any(m.startswith("brudd.srt: line 5: a block of text") for m in messages)
    assert any(m.startswith("tom.vtt: is empty") for m in messages)
    assert any(m.startswith("rot.vtt: line 3: the cue ends before") for m in messages)
    docs = corpus.documents.set_index("doc_id")
    assert set(docs.index) == {
        "teams",
        "zoom",
        "whisper",
        "whisper_srt",
        "noscribe",
        "rot",
        "notat",
    }
    assert set(docs["format"]) == {"vtt", "srt", "txt"}
    assert (docs.loc[docs["format"] != "txt", "structure"] == "transcript").all()
    seg = corpus.segments
    assert "time_end" in seg.columns
    teams = seg[seg["doc_id"] == docs.index[docs["file"] == "teams.vtt"][0]]
    assert teams["role"].tolist() == ["interviewer", "respondent", "interviewer", "respondent"]
    assert teams["time_end"].tolist()[-1] == "00:01:07.480"
    assert seg.loc[seg["doc_id"] == "notat", "time_end"].isna().all()
    for row in seg.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    notes = corpus.annotations
    assert notes["element"].tolist() == ["note", "note"]
    assert notes["seg_id"].str.endswith(":0000").all()
    tokens = dc.preprocess(corpus, cache=False).table
    assert len(tokens) > 150
    for t in tokens.itertuples():
        assert corpus.texts[t.doc_id][t.char_start : t.char_end] == t.surface
    # timestamps and labels never become tokens
    assert not tokens["surface"].str.contains("-->|00:00", regex=True).any()


def test_pseudonymised_read_of_a_vtt_corpus(tmp_path):
    project = tmp_path / "proj"
    folder = project / "data" / "raw" / "moter"
    folder.mkdir(parents=True)
    (project / "private").mkdir()
    (project / "private" / "names.csv").write_text(
        # the interviewer's name is listed for her role, and as a name to replace
        "name,type,replacement,aliases\nKari Nordmann,person,,Kari\nIngrid Berg,person,,\n"
        "Nav,org,,\n",
        encoding="utf-8",
    )
    shutil.copy(DATA / "teams.vtt", folder / "teams.vtt")
    (folder / "corpus.yml").write_text(
        "speakers:\n  interviewer: [Ingrid Berg]\npseudonymise:\n  names: ../../../private/names.csv\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        corpus = dc.read_corpus(folder, pseudonymise=True)
    text = corpus.texts["teams"]
    assert "Kari" not in text and "Nav" not in text and "Ingrid" not in text
    seg = corpus.segments
    assert not {"Kari Nordmann", "Ingrid Berg"} & set(seg["speaker"])
    assert seg["speaker"].str.fullmatch(r"\[PERSON_\d+\]").all()
    # roles were decided on the real labels, before pseudonymisation
    assert seg["role"].tolist() == ["interviewer", "respondent", "interviewer", "respondent"]
    assert seg["speaker"].iloc[1] == seg["speaker"].iloc[3] != seg["speaker"].iloc[0]
    assert seg["time"].tolist()[0] == "00:00:03.528"
    for row in seg.itertuples():
        assert text[row.char_start : row.char_end] == row.text
    assert (project / "data" / "private" / "moter.key.json").is_file()
