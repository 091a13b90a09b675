"""Transcript parsing: labels, roles, headers, timestamps, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.corpus.config import CorpusConfig, SpeakerRules
from discourse.corpus.segment import segment_document

RULES = SpeakerRules.default()


def turns(doc):
    return [(s.speaker, s.role, s.time, s.text) for s in doc.segments if s.unit == "turn"]


def assert_offsets(doc):
    for s in doc.segments:
        assert doc.text[s.char_start : s.char_end] == s.text
        assert s.text == s.text.strip() and s.text


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Intervjuer", "interviewer"),
        ("I", "interviewer"),
        ("Q", "interviewer"),
        ("Moderator", "interviewer"),
        ("Spørsmål", "interviewer"),
        ("Interviewer", "interviewer"),
        ("Informant", "respondent"),
        ("R", "respondent"),
        ("IP3", "respondent"),
        ("Deltaker 2", "respondent"),
        ("Tolk", "other"),
    ],
)
def test_listed_labels_and_roles(label, role):
    doc = segment_document(f"{label}: Første.\nIntervjuer: Ja?\n{label}: Andre.\n", RULES)
    assert doc.is_transcript
    assert turns(doc)[0][:2] == (label, role)
    assert_offsets(doc)


def test_pseudonym_and_bracket_labels_count_when_they_recur():
    text = "I: Hei.\nKari Nordmann: Hei!\nI: Og [Navn]?\n[Navn]: Ja.\nKari Nordmann: Nei.\n[Navn]: Jo.\n"
    doc = segment_document(text, RULES)
    assert [t[:2] for t in turns(doc)] == [
        ("I", "interviewer"),
        ("Kari Nordmann", "respondent"),
        ("I", "interviewer"),
        ("[Navn]", "respondent"),
        ("Kari Nordmann", "respondent"),
        ("[Navn]", "respondent"),
    ]
    assert_offsets(doc)


def test_header_block_is_not_a_respondent_turn():
    text = (
        "Intervju nr. 7\nDato: 14.03.2023\nSted: Fjordvik rådhus\nVarighet: 58 min\n\n"
        "Intervjuer: Kan du begynne?\nKari: Ja. Dato: det husker jeg ikke.\n"
        "Intervjuer: Greit.\nKari: Sted: kontoret.\n"
    )
    doc = segment_document(text, RULES)
    header = [s for s in doc.segments if s.unit == "header"]
    assert [h.text for h in header] == [
        "Intervju nr. 7\nDato: 14.03.2023\nSted: Fjordvik rådhus\nVarighet: 58 min"
    ]
    assert all(h.role == "other" and h.speaker is None for h in header)
    assert [t[0] for t in turns(doc)] == ["Intervjuer", "Kari", "Intervjuer", "Kari"]
    assert_offsets(doc)


def test_continuation_lines_belong_to_the_turn():
    text = "Intervjuer: Fortell.\nMaria: Første linje.\n\nAndre avsnitt i samme tur.\nIntervjuer: Takk.\nMaria: Bare hyggelig.\n"
    doc = segment_document(text, RULES)
    assert turns(doc)[1][3] == "Første linje.\n\nAndre avsnitt i samme tur."
    assert_offsets(doc)


@pytest.mark.parametrize(
    ("line", "time", "text"),
    [
        ("Maria: [00:12:34] Ja, altså.", "00:12:34", "Ja, altså."),
        ("[00:12:34] Maria: Ja, altså.", "00:12:34", "Ja, altså."),
        ("Maria: (00:12) Ja, altså.", "00:00:12", "Ja, altså."),
        ("Maria: Ja, altså. #00:01:23-4#", "00:01:23.4", "Ja, altså."),
        ("Maria: 00:12:34 Ja, altså.", "00:12:34", "Ja, altså."),
        ("00:12:34 Maria: Ja, altså.", "00:12:34", "Ja, altså."),
        ("Maria: Ja [00:12:34] altså.", "00:12:34", "Ja altså."),
    ],
)
def test_timestamps_go_to_the_time_column(line, time, text):
    doc = segment_document(f"Intervjuer: Hei.\n{line}\nIntervjuer: Mer?\nMaria: Nei.\n", RULES)
    speaker, _, got_time, got_text = turns(doc)[1]
    assert (speaker, got_time, got_text) == ("Maria", time, text)
    assert "#" not in doc.text and "00:12:34" not in doc.text and "00:01" not in doc.text
    assert_offsets(doc)


def test_bare_time_on_a_continuation_line_is_taken_out():
    doc = segment_document("I: Hei.\nR: Ja.\n00:05:00 Og så videre.\nI: Ok.\n", RULES)
    assert turns(doc)[1][2:] == ("00:05:00", "Ja.\nOg så videre.")
    assert_offsets(doc)


def test_clock_times_in_speech_are_not_labels_or_timestamps():
    doc = segment_document("I: Når?\nR: Kl. 10:30 var møtet.\nI: Ok.\nR: Ja.\n", RULES)
    assert turns(doc)[1][3] == "Kl. 10:30 var møtet."


def test_policy_text_with_recurring_colon_lines_is_paragraphs():
    text = "Mål: færre unge utenfor.\n\nTiltak: mentorordning.\n\nMål: tidlig innsats.\n\nTiltak: kurs.\n"
    doc = segment_document(text, RULES)
    assert not doc.is_transcript
    assert [s.unit for s in doc.segments] == ["paragraph"] * 4
    assert_offsets(doc)


def test_forced_transcript_without_labels_reads_paragraphs_with_a_note():
    doc = segment_document("Bare tekst.\n\nMer tekst.\n", RULES, transcript=True)
    assert not doc.is_transcript and doc.notes


def test_bold_docx_labels_count_even_once():
    text = "Intervjuer: Hei.\nSolveig: Hei.\nIntervjuer: Takk.\n"
    doc = segment_document(text, RULES, bold_labels={"Solveig"})
    assert [t[0] for t in turns(doc)] == ["Intervjuer", "Solveig", "Intervjuer"]
    plain = segment_document(text, RULES, transcript=True)  # not bold: seen once, so text
    assert [t[0] for t in turns(plain)] == ["Intervjuer", "Intervjuer"]


def test_corpus_yml_can_reassign_a_default_label():
    cfg = CorpusConfig.from_mapping({"speakers": {"respondent": ["I"], "interviewer": ["F"]}})
    doc = segment_document("F: Spørsmål?\nI: Svar.\nF: Mer?\nI: Nei.\n", cfg.speakers)
    assert [t[:2] for t in turns(doc)] == [
        ("F", "interviewer"),
        ("I", "respondent"),
        ("F", "interviewer"),
        ("I", "respondent"),
    ]


def test_focus_group_with_moderator_and_participants():
    text = (
        "Fokusgruppe 2\nDato: 29.11.2023\n\n"
        "Moderator: [00:00:10] Velkommen. Hvem starter?\n"
        "Deltaker 1: Jeg kan. Vi – eh – vi jobber med ungdom.\n"
        "Deltaker 2: Og jeg er i NAV.\n"
        "Deltaker 3: Lærer.\n"
        "Moderator: [00:02:00] Hva betyr samarbeid for dere?\n"
        "Deltaker 2: Tillit, egentlig.\n"
        "Deltaker 1: Enig.\n"
    )
    doc = segment_document(text, RULES)
    t = turns(doc)
    assert [x[0] for x in t] == [
        "Moderator",
        "Deltaker 1",
        "Deltaker 2",
        "Deltaker 3",
        "Moderator",
        "Deltaker 2",
        "Deltaker 1",
    ]
    assert {x[1] for x in t if x[0] == "Moderator"} == {"interviewer"}
    assert {x[1] for x in t if x[0] != "Moderator"} == {"respondent"}
    assert (t[0][2], t[4][2]) == ("00:00:10", "00:02:00")
    assert_offsets(doc)


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=8)
_sentence = st.lists(_word, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
_stamp = st.sampled_from(["", "[00:01:02] ", "(03:04) ", "00:05:06 "])
_tail = st.sampled_from(["", " #00:07:08-9#"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Intervjuer", "Informant", "IP3", "Deltaker 2"]),
            _stamp,
            _sentence,
            _tail,
        ),
        min_size=3,
        max_size=12,
    )
)
def test_offsets_round_trip_and_no_timestamp_survives(parts):
    text = "\n".join(f"{label}: {stamp}{sent}{tail}" for label, stamp, sent, tail in parts)
    doc = segment_document(text, RULES, transcript=True)
    assert_offsets(doc)
    assert [s.text for s in doc.segments if s.unit == "turn"] == [p[2] for p in parts]
    assert "#00" not in doc.text and "[00" not in doc.text
