"""Speaker labels on real transcripts: debates, titles, parties, configured labels and
patterns, and phrases in running text that are not speakers."""

from __future__ import annotations

import warnings

import pytest

import discourse as dc
from discourse.corpus.config import CorpusConfig, SpeakerRules
from discourse.corpus.labels import name_shaped, split_label
from discourse.corpus.segment import segment_document
from discourse.errors import ConfigError, DiscourseWarning

RULES = SpeakerRules.default()


def turns(doc):
    return [(s.speaker, s.role, s.attrs, s.text) for s in doc.segments if s.unit == "turn"]


def assert_offsets(doc):
    for s in doc.segments:
        assert doc.text[s.char_start : s.char_end] == s.text
        assert s.text == s.text.strip() and s.text


DEBATE = (
    "Møte torsdag den 2. desember 2004 kl. 10\n"
    "\n"
    "Presidenten: Vi går til dagsordenens sak nr. 1.\n"
    "Øystein Djupedal (SV): President! Barnehageforliket må følges opp.\n"
    "Det er det viktigste.\n"
    "\n"
    "Statsråd Kristin Clemet: Regjeringen følger opp forliket.\n"
    "Presidenten: Det blir replikkordskifte.\n"
    "Representanten Carl I. Hagen (FrP): Jeg har et spørsmål.\n"
    "Statsminister Kjell Magne Bondevik: Svaret er ja.\n"
    "Arbeids- og sosialminister Dagfinn Høybråten (KrF): Jeg er enig.\n"
    "Presidenten: Debatten i sak nr. 1 er avsluttet.\n"
)


def test_debate_labels_split_into_name_title_and_party():
    doc = segment_document(DEBATE, RULES)
    assert doc.is_transcript
    assert turns(doc) == [
        ("Presidenten", "interviewer", {}, "Vi går til dagsordenens sak nr. 1."),
        (
            "Øystein Djupedal",
            "respondent",
            {"party": "SV"},
            "President! Barnehageforliket må følges opp.\nDet er det viktigste.",
        ),
        (
            "Kristin Clemet",
            "respondent",
            {"title": "Statsråd"},
            "Regjeringen følger opp forliket.",
        ),
        ("Presidenten", "interviewer", {}, "Det blir replikkordskifte."),
        (
            "Carl I. Hagen",
            "respondent",
            {"title": "Representanten", "party": "FrP"},
            "Jeg har et spørsmål.",
        ),
        ("Kjell Magne Bondevik", "respondent", {"title": "Statsminister"}, "Svaret er ja."),
        (
            "Dagfinn Høybråten",
            "respondent",
            {"title": "Arbeids- og sosialminister", "party": "KrF"},
            "Jeg er enig.",
        ),
        ("Presidenten", "interviewer", {}, "Debatten i sak nr. 1 er avsluttet."),
    ]
    header = [s.text for s in doc.segments if s.unit == "header"]
    assert header == ["Møte torsdag den 2. desember 2004 kl. 10"]
    assert_offsets(doc)


@pytest.mark.parametrize(
    ("label", "speaker", "role", "attrs"),
    [
        ("Øystein Djupedal (SV)", "Øystein Djupedal", "respondent", {"party": "SV"}),
        ("Statsråd Hansen", "Hansen", "respondent", {"title": "Statsråd"}),
        ("Statsråd Ola Hansen", "Ola Hansen", "respondent", {"title": "Statsråd"}),
        ("Statsråden", "Statsråden", "respondent", {}),
        ("Presidenten", "Presidenten", "interviewer", {}),
        ("Visepresidenten", "Visepresidenten", "interviewer", {}),
        ("Møteleder", "Møteleder", "interviewer", {}),
        ("Utenriksminister Jonas Gahr Støre", "Jonas Gahr Støre", "respondent",
         {"title": "Utenriksminister"}),
        ("Kunnskapsministeren", "Kunnskapsministeren", "respondent", {}),
        ("Dr. Anne Berit Lunde", "Anne Berit Lunde", "respondent", {"title": "Dr."}),
        ("Ursula von der Leyen (EPP)", "Ursula von der Leyen", "respondent",
         {"party": "EPP"}),
        ("Senator Smith (D-CA)", "Smith", "respondent", {"title": "Senator", "party": "D-CA"}),
    ],
)  # fmt: skip
def test_titled_and_party_labels_count_from_their_first_line(label, speaker, role, attrs):
    text = f"Presidenten: Ordet går til neste taler.\n{label}: Takk.\nPresidenten: Takk.\n"
    doc = segment_document(text, RULES)
    assert turns(doc)[1] == (speaker, role, attrs, "Takk.")
    assert_offsets(doc)


def test_unknown_role_applies_to_titles_without_a_role():
    cfg = CorpusConfig.from_mapping({"speakers": {"unknown_role": "other"}})
    doc = segment_document("Presidenten: Ja.\nDr. Lunde: Nei.\nPresidenten: Takk.\n", cfg.speakers)
    assert turns(doc)[1][:2] == ("Lunde", "other")


def test_listed_name_gives_the_role_of_a_party_label():
    cfg = CorpusConfig.from_mapping({"speakers": {"interviewer": ["Kari Nordmann"]}})
    doc = segment_document(
        "Kari Nordmann (H): Spørsmål?\nOla (Ap): Svar.\nKari Nordmann (H): Mer?\n", cfg.speakers
    )
    assert [t[:3] for t in turns(doc)] == [
        ("Kari Nordmann", "interviewer", {"party": "H"}),
        ("Ola", "respondent", {"party": "Ap"}),
        ("Kari Nordmann", "interviewer", {"party": "H"}),
    ]


TURN_WITH_PHRASES = (
    "Intervjuer: Hva sa lederen?\n"
    "Informant: Han sa: Vi må kutte.\n"
    "Han sa: Det går ikke lenger.\n"
    "Det betyr: færre stillinger.\n"
    "Det betyr: mer press.\n"
    "Spørsmålet er: hvem tar ansvar?\n"
    "Spørsmålet er: når?\n"
    "Poenget er: vi visste det.\n"
    "Poenget er: ingen spurte.\n"
    "Men altså: sånn er det.\n"
    "Men altså: det er greit.\n"
    "Intervjuer: Takk.\n"
)


def test_recurring_phrases_in_running_text_are_not_speakers():
    doc = segment_document(TURN_WITH_PHRASES, RULES)
    assert [t[0] for t in turns(doc)] == ["Intervjuer", "Informant", "Intervjuer"]
    body = turns(doc)[1][3]
    assert body.startswith("Han sa: Vi må kutte.\nHan sa: Det går ikke lenger.")
    assert body.endswith("Men altså: det er greit.")
    assert body.count("\n") == 9
    assert_offsets(doc)


def test_recurring_names_and_codes_are_speakers():
    text = (
        "Intervjuer: Hei alle.\n"
        "Per: Hei.\nHans Petter: Hei.\nAnna: Hei.\nCarl I. Hagen: Hei.\nKN: Hei.\n"
        "Ludwig van Beethoven: Hei.\nPer Olav Berg Hansen: Hei.\n"
        "Per: Ja.\nHans Petter: Ja.\nAnna: Ja.\nCarl I. Hagen: Ja.\nKN: Ja.\n"
        "Ludwig van Beethoven: Ja.\nPer Olav Berg Hansen: Ja.\n"
    )
    doc = segment_document(text, RULES)
    speakers = [t[0] for t in turns(doc)]
    assert speakers[1:8] == [
        "Per", "Hans Petter", "Anna", "Carl I. Hagen", "KN", "Ludwig van Beethoven",
        "Per Olav Berg Hansen",
    ]  # fmt: skip
    assert speakers[8:] == speakers[1:8]
    assert_offsets(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kari Nordmann", True),
        ("Per", True),
        ("IP3", True),
        ("Deltaker 2", True),
        ("[Navn]", True),
        ("Han sa", False),
        ("Hun svarte", False),
        ("Det betyr", False),
        ("Spørsmålet er", False),
        ("Poenget er", False),
        ("Det vil si", False),
        ("Og", False),
        ("2 Kari", False),
        ("Kari van", False),
        ("En To Tre Fire Fem", False),
        ("A" * 41, False),
    ],
)
def test_name_shape(text, expected):
    assert name_shaped(text) is expected


def test_party_only_when_it_looks_like_one():
    parts = split_label("Kari (leder, 45 år)", RULES.titles)
    assert (parts.speaker, parts.party) == ("Kari (leder, 45 år)", None)
    assert split_label("Statsråd", RULES.titles).speaker == "Statsråd"


def test_quoted_minister_in_a_policy_text_is_not_a_transcript():
    text = "Bakgrunn\n\nStatsminister Erna Solberg: «Vi skal lykkes.»\n\nTiltakene følger.\n"
    doc = segment_document(text, RULES)
    assert not doc.is_transcript and len(doc.segments) == 3


# -- corpus.yml labels and patterns ---------------------------------------------------


def test_listed_labels_open_turns_whatever_their_shape():
    cfg = CorpusConfig.from_mapping(
        {"speakers": {"respondent": ["Kari (leder, 45 år)", "Mann i 50-årene fra Bodø"]}}
    )
    text = (
        "Intervjuer: Hei.\n"
        "KARI (LEDER, 45 ÅR): Hei selv.\n"
        "[Mann i 50-årene  fra Bodø]: Hallo.\n"
        "Intervjuer: Takk.\n"
    )
    doc = segment_document(text, cfg.speakers)
    assert [t[:2] for t in turns(doc)] == [
        ("Intervjuer", "interviewer"),
        ("Kari (leder, 45 år)", "respondent"),  # spelled as in corpus.yml
        ("Mann i 50-årene fra Bodø", "respondent"),
        ("Intervjuer", "interviewer"),
    ]
    assert [t[3] for t in turns(doc)] == ["Hei.", "Hei selv.", "Hallo.", "Takk."]
    assert doc.matched_labels == {
        ("speakers.respondent", "Kari (leder, 45 år)"),
        ("speakers.respondent", "Mann i 50-årene fra Bodø"),
    }
    assert_offsets(doc)
    plain = segment_document(text, RULES, transcript=True)  # without the list: merged
    assert [t[3] for t in turns(plain)] == [
        "Hei.\nKARI (LEDER, 45 ÅR): Hei selv.\n[Mann i 50-årene  fra Bodø]: Hallo.",
        "Takk.",
    ]


def test_label_pattern_finds_labels_without_a_colon():
    cfg = CorpusConfig.from_mapping(
        {"speakers": {"pattern": r"(?P<label>[A-ZÆØÅ]{2,}) —", "interviewer": ["INT"]}}
    )
    text = "INT — Hva mener du?\nKARI — Tja. NAV — det vet jeg ikke.\nINT — Takk.\nKARI — Ok.\n"
    doc = segment_document(text, cfg.speakers)
    assert [t[:2] for t in turns(doc)] == [
        ("INT", "interviewer"),
        ("KARI", "respondent"),
        ("INT", "interviewer"),
        ("KARI", "respondent"),
    ]
    assert turns(doc)[1][3] == "Tja. NAV — det vet jeg ikke."
    assert ("speakers.pattern", r"(?P<label>[A-ZÆØÅ]{2,}) —") in doc.matched_labels
    assert_offsets(doc)


def test_label_pattern_without_a_group_and_with_a_colon():
    cfg = CorpusConfig.from_mapping({"speakers": {"pattern": ["(?i)deltaker [a-z]"]}})
    doc = segment_document(
        "Moderator: Start.\nDeltaker A: Ja.\ndeltaker b: Nei.\nModerator: Takk.\n", cfg.speakers
    )
    assert [t[0] for t in turns(doc)] == ["Moderator", "Deltaker A", "deltaker b", "Moderator"]
    assert [t[3] for t in turns(doc)] == ["Start.", "Ja.", "Nei.", "Takk."]
    assert_offsets(doc)


@pytest.mark.parametrize(
    ("speakers", "match"),
    [
        ({"pattern": "(?P<label>[A-Z"}, r"corpus\.yml: speakers\.pattern .* not a valid regular"),
        ({"pattern": "[A-Z]*"}, r"corpus\.yml: speakers\.pattern .* matches an empty label"),
        ({"pattern": {"a": 1}}, r"corpus\.yml: speakers\.pattern must be"),
        ({"respondent": ["re:ip(\\d"]}, r"corpus\.yml: speakers\.respondent: pattern"),
        ({"respondent": [None]}, r"corpus\.yml: speakers\.respondent must list labels"),
        ({"patterns": "x"}, r"corpus\.yml: unknown key\(s\) under speakers: patterns"),
    ],
)
def test_bad_label_settings_name_the_file_and_key(speakers, match):
    with pytest.raises(ConfigError, match=match):
        CorpusConfig.from_mapping({"speakers": speakers}, source="corpus.yml")


def test_invalid_pattern_in_a_corpus_folder_names_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("I: Hei.\n", encoding="utf-8")
    (tmp_path / "corpus.yml").write_text('speakers:\n  pattern: "(unclosed"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"corpus\.yml: speakers\.pattern '\(unclosed'"):
        dc.read_corpus(tmp_path)


def test_configured_labels_that_match_no_line_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Intervjuer: Hei.\nKari: Ja.\nIntervjuer: Ok.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Intervjuer: Hei.\nOla: Ja.\nIntervjuer: Ok.\n", "utf-8")
    (tmp_path / "corpus.yml").write_text(
        "speakers:\n  respondent: [Kari, Ola, Kary]\n  pattern: 'XX\\d+'\n", encoding="utf-8"
    )
    with pytest.warns(DiscourseWarning) as caught:
        corpus = dc.read_corpus(tmp_path)
    unused = corpus.problems[corpus.problems["problem"] == "unused label"]
    assert list(unused["file"]) == ["corpus.yml", "corpus.yml"]
    messages = list(unused["message"])
    assert (
        "speakers.respondent label 'Kary' matches no line of the 2 text document" in (messages[0])
    )
    assert "speakers.pattern pattern 'XX\\\\d+'" in messages[1]
    assert sum("'Kary'" in str(w.message) for w in caught) == 1
    # Kari is used in a.txt only, Ola in b.txt only: both count, over the whole corpus.
    assert not any("'Kari'" in m or "'Ola'" in m for m in messages)
    assert set(corpus.segments["speaker"]) == {"Intervjuer", "Kari", "Ola"}


def test_party_and_title_columns_in_the_corpus(tmp_path):
    (tmp_path / "debatt.txt").write_text(DEBATE, encoding="utf-8")
    (tmp_path / "intervju.txt").write_text("I: Hei.\nR: Ja.\nI: Ok.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DiscourseWarning)
        corpus = dc.read_corpus(tmp_path)
    seg = corpus.segments
    turns_ = seg[(seg["doc_id"] == "debatt") & (seg["unit"] == "turn")]
    assert list(turns_["party"].fillna("")) == ["", "SV", "", "", "FrP", "", "KrF", ""]
    assert list(turns_["title"].fillna(""))[2] == "Statsråd"
    assert seg[seg["doc_id"] == "intervju"]["party"].isna().all()
    chair = turns_[turns_["speaker"] == "Presidenten"]
    assert set(chair["role"]) == {"interviewer"} and len(chair) == 3
    for row in seg.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text


def test_phrases_are_not_pseudonymised_as_speakers(tmp_path):
    study = tmp_path / "proj" / "data" / "raw" / "study"
    study.mkdir(parents=True)
    (study / "i.txt").write_text(TURN_WITH_PHRASES, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        corpus = dc.read_corpus(study, pseudonymise={"key": False})
    assert set(corpus.segments["speaker"]) == {"Intervjuer", "Informant"}
    text = corpus.texts["i"]
    assert text.count("Han sa:") == 2 and text.count("Det betyr:") == 2
    assert "PERSON" not in text


def test_storting_record_time_before_the_colon_goes_to_the_time_column():
    text = (
        "Presidenten: Neste taler.\n"
        "Jan Petersen (H) [10:02:33]: Takk, president.\n"
        "Statsråd Jonas Gahr Støre [10:05:01]: Jeg svarer.\n"
        "Presidenten: Takk.\n"
    )
    doc = segment_document(text, RULES)
    got = [(s.speaker, s.time, s.attrs, s.text) for s in doc.segments]
    assert got == [
        ("Presidenten", None, {}, "Neste taler."),
        ("Jan Petersen", "10:02:33", {"party": "H"}, "Takk, president."),
        ("Jonas Gahr Støre", "10:05:01", {"title": "Statsråd"}, "Jeg svarer."),
        ("Presidenten", None, {}, "Takk."),
    ]
    assert "10:02" not in doc.text and "Jan Petersen (H): Takk" in doc.text
    assert_offsets(doc)


def test_running_text_quoting_the_chair_twice_stays_paragraphs():
    lines = [f"Setning nummer {i} i en lang rapport." for i in range(200)]
    lines[10] = "Presidenten: Møtet er satt."
    lines[90] = "Presidenten: Møtet er hevet."
    for i in (20, 40, 60, 80):
        lines[i] = "Foto: NTB"
    doc = segment_document("\n".join(lines) + "\n", RULES)
    assert not doc.is_transcript  # 2 chair lines of 200: under 2% of the lines open turns
    # the same lines in a short text are a debate, and captions are never speakers
    short = segment_document("Presidenten: Ja.\nFoto: NTB\nPresidenten: Nei.\nFoto: NTB\n"
                             "Presidenten: Takk.\n", RULES)  # fmt: skip
    assert short.is_transcript
    assert [s.speaker for s in short.segments if s.unit == "turn"] == ["Presidenten"] * 3
    assert_offsets(short)


def test_listed_label_written_with_its_colon_is_spelled_as_listed():
    cfg = CorpusConfig.from_mapping({"speakers": {"interviewer": ["Leder Nord:"]}})
    doc = segment_document("LEDER NORD: Ja?\nKari (SV): Nei.\nLeder  Nord: Ok.\n", cfg.speakers)
    assert [t[:2] for t in turns(doc)] == [
        ("Leder Nord", "interviewer"), ("Kari", "respondent"), ("Leder Nord", "interviewer")
    ]  # fmt: skip


def test_first_names_that_are_function_words_still_name_speakers():
    text = "I: Hei.\nJo Nesbø: Hei.\nVår: Hei.\nI: Og?\nJo Nesbø: Ja.\nVår: Nei.\n"
    doc = segment_document(text, RULES)
    assert [t[0] for t in turns(doc)] == ["I", "Jo Nesbø", "Vår", "I", "Jo Nesbø", "Vår"]


def test_rules_description_does_not_depend_on_string_hashing():
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from discourse.corpus.config import CorpusConfig; "
        "c = CorpusConfig.from_mapping({'speakers': {'respondent': ['Bo', 'Al', 'Ex', 'Kari']}});"
        "print(json.dumps(c.canonical(), sort_keys=True))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
    assert json.loads(outs.pop())["speakers"]["literal"].index("Kari") < 40
