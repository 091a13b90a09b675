"""The ParlaMint (Parla-CLARIN TEI) reader, on hand-written fixtures with known answers.

tests/data/parlamint/corpus holds a corpus root (teiCorpus with xi:includes), a person
and an organisation list, two sittings (2013, 2020), an .ana.xml duplicate, a TEI file
without utterances and a malformed file; tests/data/parlamint/ana_only an annotated
sitting without its plain sibling.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from discourse.corpus.config import CorpusConfig
from discourse.corpus.formats import read_document
from discourse.corpus.parlamint import load_registry, read_parlamint
from discourse.corpus.reader import read_corpus
from discourse.errors import ConfigError, DiscourseWarning, DocumentError

DATA = Path(__file__).parent / "data" / "parlamint"
CORPUS = DATA / "corpus"
S2020 = "2020/ParlaMint-XX_2020-03-10"
S2013 = "2013/ParlaMint-XX_2013-11-05"
LISTS = ["ParlaMint-XX.xml", "ParlaMint-XX-listPerson.xml", "ParlaMint-XX-listOrg.xml"]

TEXT_2020 = (
    "Møtet er satt.\n\n"
    "Takk, president. Dette er første avsnitt.\nAndre avsnitt fortsetter her.\n\n"
    "Då går vi til votering.\n\n"
    "Hei fra salen.\n\n"
    "Thank you very much.\n\n"
    "Jeg er ukjent.\n"
)


def _read(folder: Path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        return read_corpus(folder, **kwargs)


@pytest.fixture(scope="module")
def corpus():
    return _read(CORPUS)


def _copy(tmp_path: Path, *names: str) -> Path:
    for name in names:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, target)
    return tmp_path


# --- one sitting -------------------------------------------------------------------------


def test_sitting_text_turns_and_seg_paragraphs():
    registry = load_registry(CORPUS, LISTS)
    raw = read_parlamint((CORPUS / f"{S2020}.xml").read_bytes(), f"{S2020}.xml", registry)
    doc = raw.segmented
    assert doc.text == raw.text == TEXT_2020
    assert doc.is_transcript
    got = [(s.unit, s.char_start, s.char_end, s.text) for s in doc.segments]
    assert got == [
        ("turn", 0, 14, "Møtet er satt."),
        (
            "turn",
            16,
            87,
            "Takk, president. Dette er første avsnitt.\nAndre avsnitt fortsetter her.",
        ),
        ("turn", 89, 112, "Då går vi til votering."),
        ("turn", 114, 128, "Hei fra salen."),
        ("turn", 130, 150, "Thank you very much."),
        ("turn", 152, 166, "Jeg er ukjent."),
    ]
    for s in doc.segments:
        assert doc.text[s.char_start : s.char_end] == s.text


def test_speaker_type_role_and_language_per_utterance():
    registry = load_registry(CORPUS, LISTS)
    doc = read_parlamint((CORPUS / f"{S2020}.xml").read_bytes(), "s.xml", registry).segmented
    got = [(s.speaker, s.role, s.attrs["speaker_type"], s.lang) for s in doc.segments]
    assert got == [
        ("Kari Berg Dahl", "interviewer", "chair", "nb"),  # TEI root's xml:lang
        ("Ola Nordmann", "respondent", "regular", "nb"),
        ("Kari Berg Dahl", "interviewer", "chair", "nn"),  # the <u>'s own xml:lang
        (None, "respondent", "regular", "nb"),  # no @who: kept, speaker empty
        ("Jane Doe", "respondent", "guest", "en"),  # inherited from its <div>
        ("person.NOBODY", "respondent", "regular", "nb"),  # unknown @who: the id
    ]


def test_annotations_are_out_of_the_text_and_at_their_position():
    registry = load_registry(CORPUS, LISTS)
    doc = read_parlamint((CORPUS / f"{S2020}.xml").read_bytes(), "s.xml", registry).segmented
    got = [(a.element, a.type, a.text, a.char_pos) for a in doc.annotations]
    assert got == [
        ("head", None, "Sak nr. 1 [10:00:00]", 0),
        ("note", "speaker", "Presidenten:", 0),
        ("note", "speaker", "Ola Nordmann (H) [10:00:30]:", 14),  # after turn 1
        ("note", "comment", "(Uro i salen)", 57),  # inside <u>, between its <seg>s
        ("kinesic", "applause", "Applaus", 71),  # inside a <seg>
        ("note", "comment", "(latter ler)", 139),  # a note nested in a <seg>, with a <vocal>
        ("incident", "action", "Går til talerstolen", 152),  # in <u> before its <seg>
        ("gap", "editorial", "SAMPLING", 166),
    ]
    assert TEXT_2020[:57].endswith("første avsnitt.")
    assert TEXT_2020[71:].startswith(" fortsetter")
    assert TEXT_2020[139:].startswith(" very much")
    for word in ("Presidenten", "Uro", "Applaus", "latter", "SAMPLING", "talerstolen"):
        assert word not in TEXT_2020


def test_header_metadata():
    raw = read_parlamint((CORPUS / f"{S2013}.xml").read_bytes(), "s.xml")
    assert raw.segmented.metadata == {
        "date": "2013-11-05",
        "term": "2013-2017",
        "session": "2013-2014",
        "sitting": "2013-11-05",
        "chamber": "OT",  # no organisation list: the reference
        "tei_id": "ParlaMint-XX_2013-11-05",
        "subcorpus": "reference",
    }


def test_without_person_list_speaker_is_the_id_and_nothing_warns():
    raw = read_parlamint((CORPUS / f"{S2020}.xml").read_bytes(), "s.xml")
    speakers = [s.speaker for s in raw.segmented.segments]
    assert speakers == [
        "person.KB",
        "person.ON",
        "person.KB",
        None,
        "person.GUEST",
        "person.NOBODY",
    ]
    assert "speaker_name" not in raw.segmented.segments[0].attrs
    assert not any("person list" in n for n in raw.notes)
    assert any("1 utterance(s) without @who" in n for n in raw.notes)


# --- the corpus ----------------------------------------------------------------------------


def test_corpus_documents_and_control_files(corpus):
    assert list(corpus.documents["doc_id"]) == [S2013, S2020, "other/plain-tei"]
    assert list(corpus.documents["format"]) == ["xml"] * 3
    assert list(corpus.documents["structure"]) == ["transcript", "transcript", "paragraphs"]
    files = set(corpus.problems["file"])
    for control in LISTS:  # root and lists: neither documents nor problems
        assert control not in files
    assert corpus.texts[S2020] == TEXT_2020


def test_corpus_metadata_columns(corpus):
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc[S2020, ["date", "term", "session", "chamber", "subcorpus"]].tolist() == [
        "2020-03-10",
        "2017-2021",
        "2019-2020",
        "Stortinget",
        "covid",
    ]
    assert docs.loc[S2013, "chamber"] == "Odelstinget"  # named from the organisation list


def test_join_name_sex_birth_and_party_at_the_sittings_date(corpus):
    seg = corpus.segments.set_index("seg_id")
    cols = ["speaker", "speaker_id", "speaker_name", "sex", "birth", "party", "party_name"]
    # 2013: Ola Nordmann is in FrP (2009-10-01 .. 2015-05-31); Kari's name is "Kari Berg".
    assert seg.loc[f"{S2013}:0001", cols].tolist() == [
        "Ola Nordmann", "person.ON", "Ola Nordmann", "M", 1965, "FrP", "Fremskrittspartiet",
    ]  # fmt: skip
    assert seg.loc[f"{S2013}:0000", "speaker"] == "Kari Berg"
    # 2020: H (from 2015-06-01; the party, not the parliamentary group); "Kari Berg Dahl".
    assert seg.loc[f"{S2020}:0001", ["party", "party_name"]].tolist() == ["H", "Høyre"]
    assert seg.loc[f"{S2020}:0000", ["speaker", "party", "birth"]].tolist() == [
        "Kari Berg Dahl", "Sp", 1970,
    ]  # fmt: skip
    guest = seg.loc[f"{S2020}:0004"]
    assert (guest["speaker"], guest["sex"]) == ("Jane Doe", "F")
    assert guest[["party", "birth"]].isna().all()
    assert str(corpus.segments["birth"].dtype) == "Int64"


def test_segment_offsets_and_languages(corpus):
    for row in corpus.segments.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    langs = corpus.segments[corpus.segments["doc_id"] == S2020]["lang"].tolist()
    assert langs == ["nb", "nb", "nn", "nb", "en", "nb"]


def test_annotations_table(corpus):
    ann = corpus.annotations[corpus.annotations["doc_id"] == S2020]
    assert ann["element"].tolist() == [
        "head", "note", "note", "note", "kinesic", "note", "incident", "gap",
    ]  # fmt: skip
    assert ann["seg_id"].str[-4:].tolist() == [
        "0000", "0000", "0000", "0001", "0001", "0004", "0005", "0005",
    ]  # fmt: skip


def test_problems_name_file_and_line(corpus):
    by = {(r.file, r.problem): r.message for r in corpus.problems.itertuples()}
    broken = by[("other/broken.xml", "unreadable")]
    assert "not well-formed XML (line 4" in broken
    messages = list(corpus.problems["message"])
    assert any('line 55: <u who="#person.NOBODY"> is not in the person list' in m for m in messages)
    assert any("line 47: 1 utterance(s) without @who" in m for m in messages)
    assert any("plain-tei.xml: is TEI/XML without <u>" in m for m in messages)
    assert sum("plain-tei.xml" in m for m in messages) == 1
    assert any("1 .ana.xml file(s) skipped" in m for m in messages)


def test_bad_file_warns_and_the_others_are_read():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read_corpus(CORPUS)
    messages = [str(w.message) for w in caught if issubclass(w.category, DiscourseWarning)]
    assert any("broken.xml: is not well-formed XML (line 4" in m for m in messages)
    assert len(corpus.documents) == 3


def test_non_parlamint_tei_is_read_as_paragraphs(corpus):
    seg = corpus.segments[corpus.segments["doc_id"] == "other/plain-tei"]
    assert seg["unit"].tolist() == ["paragraph", "paragraph"]
    assert seg["text"].tolist() == ["Første avsnitt om NAV.", "Andre avsnitt."]
    assert corpus.texts["other/plain-tei"] == "Første avsnitt om NAV.\n\nAndre avsnitt.\n"


def test_malformed_xml_is_a_document_error_with_the_line():
    with pytest.raises(DocumentError, match=r"other/broken\.xml: is not well-formed XML \(line 4"):
        read_document(CORPUS / "other" / "broken.xml", "other/broken.xml")


def test_empty_xml_is_an_error(tmp_path):
    (tmp_path / "e.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>")
    with pytest.raises(DocumentError, match=r"e\.xml: is XML without any text"):
        read_document(tmp_path / "e.xml", "e.xml")


def test_ana_file_without_plain_sibling_is_read_from_tokens():
    corpus = _read(DATA / "ana_only")
    (doc_id,) = corpus.texts
    # join="right": no space after the token; «Ja»: the opening quote joins right too.
    assert corpus.texts[doc_id] == "Jeg tror Stortinget, altså, har rett. «Ja»\nTakk\n"
    assert corpus.segments["speaker"].tolist() == ["person.ON"]
    ann = corpus.annotations.iloc[0]
    assert (ann["element"], ann["text"], ann["char_pos"]) == ("note", "(Munterhet)", 42)
    assert corpus.documents["sitting"].tolist() == ["2021-01-12"]


# --- where the lists come from -------------------------------------------------------------


def test_lists_as_plain_files_without_root(tmp_path):
    folder = _copy(tmp_path, f"{S2013}.xml", LISTS[1], LISTS[2])
    corpus = _read(folder)
    assert list(corpus.documents["doc_id"]) == [S2013]
    assert corpus.segments["party"].tolist() == ["Sp", "FrP"]
    assert corpus.problems.empty


def test_root_file_alone_pulls_in_the_included_lists(tmp_path):
    folder = _copy(tmp_path, f"{S2013}.xml", *LISTS)
    registry = load_registry(folder, [f"{S2013}.xml", LISTS[0]])  # lists not passed as files
    assert set(registry.persons) == {"person.KB", "person.ON", "person.GUEST"}
    assert "party.FRP" in registry.orgs


def test_lists_named_in_corpus_yml_outside_the_folder(tmp_path):
    lists = _copy(tmp_path / "lists", LISTS[1], LISTS[2])
    folder = _copy(tmp_path / "sittings", f"{S2013}.xml")
    (folder / "corpus.yml").write_text(
        f"parlamint:\n  persons: {lists / LISTS[1]}\n  orgs: [../lists/{LISTS[2]}]\n"
    )
    corpus = _read(folder)
    assert corpus.segments["speaker"].tolist() == ["Kari Berg", "Ola Nordmann"]
    assert corpus.segments["party"].tolist() == ["Sp", "FrP"]
    assert corpus.config.canonical()["parlamint"]["orgs"] == [f"../lists/{LISTS[2]}"]


def test_corpus_yml_list_that_does_not_exist_is_a_problem(tmp_path):
    folder = _copy(tmp_path, f"{S2013}.xml")
    (folder / "corpus.yml").write_text("parlamint:\n  persons: nowhere.xml\n")
    corpus = _read(folder)
    assert corpus.problems["message"].str.contains("nowhere.xml: named under parlamint:").any()
    assert corpus.segments["speaker"].tolist() == ["person.KB", "person.ON"]


def test_unknown_parlamint_key_is_a_config_error():
    with pytest.raises(ConfigError, match="people"):
        CorpusConfig.from_mapping({"parlamint": {"people": "x.xml"}}, "corpus.yml")
    with pytest.raises(ConfigError, match=r"parlamint\.persons"):
        CorpusConfig.from_mapping({"parlamint": {"persons": 3}}, "corpus.yml")


def test_malformed_person_list_is_reported_and_the_sitting_still_read(tmp_path):
    folder = _copy(tmp_path, f"{S2013}.xml")
    (folder / "X-listPerson.xml").write_text(
        '<listPerson xmlns="http://www.tei-c.org/ns/1.0">\n<person>\n</listPerson>\n'
    )
    corpus = _read(folder)
    assert list(corpus.documents["doc_id"]) == [S2013]
    (message,) = corpus.problems["message"]
    assert "X-listPerson.xml: is not well-formed XML (line 3" in message
    assert corpus.segments["speaker"].tolist() == ["person.KB", "person.ON"]


# --- downstream ----------------------------------------------------------------------------


def test_preprocess_offsets_and_chair_turns(corpus, tmp_path):
    import discourse as dc

    tokens = dc.preprocess(corpus, cache_dir=tmp_path / "cache")
    t = tokens.table
    for doc_id, group in t.groupby("doc_id"):
        text = corpus.texts[doc_id]
        assert all(
            text[s:e] == w
            for s, e, w in zip(group.char_start, group.char_end, group.surface, strict=True)
        )
    speech = tokens.select(exclude_roles=["interviewer"])
    chair = corpus.segments.loc[corpus.segments["role"] == "interviewer", "seg_id"]
    assert not speech.table["seg_id"].isin(chair).any()
    assert "votering" in set(t["surface"].str.lower())  # the chair's words are tokens


def test_pseudonymised_parlamint_corpus(tmp_path):
    folder = _copy(tmp_path / "c", f"{S2020}.xml", f"{S2013}.xml", *LISTS)
    corpus = _read(folder, pseudonymise={"key": str(tmp_path / "key.json")})
    seg = corpus.segments
    for row in seg.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    names = {"Ola Nordmann", "Kari Berg", "Kari Berg Dahl", "Jane Doe"}
    assert not names & set(seg["speaker"].dropna())
    assert not names & set(seg["speaker_name"].dropna())
    # "Representanten Ola Nordmann har ordet.": the speaker's name is replaced in the text
    assert "Ola Nordmann" not in corpus.texts[S2013]
    assert corpus.texts[S2013].startswith("Representanten [PERSON_")
    assert seg["party"].tolist()[:2] == ["Sp", "FrP"]  # not personal: kept
    # a public register id would undo the pseudonym: it takes the pseudonymised label
    known = seg["speaker_id"].notna()
    assert known.any()
    assert (seg.loc[known, "speaker_id"] == seg.loc[known, "speaker"]).all()
    assert not seg["speaker_id"].dropna().str.startswith("person.").any()


def test_unsupported_language_code_falls_back_with_a_note():
    xml = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="nb"><text><body>'
        b'<u who="#a" ana="#regular" xml:lang="se"><seg>Buorre beaivi.</seg></u>'
        b'<u who="#b" ana="#regular"><seg>God dag.</seg></u></body></text></TEI>'
    )
    raw = read_parlamint(xml, "s.xml")
    assert [s.lang for s in raw.segmented.segments] == [None, "nb"]
    assert raw.notes == [
        "utterances in language(s) se (1) that discourse does not analyse (nb, nn, en); "
        "they take the document's language"
    ]


def test_token_join_left_and_right():
    xml = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#a"><seg><s>'
        b'<w>Se</w><pc join="left">!</pc><w join="right">(</w><w>ja</w><pc join="left">)</pc>'
        b"</s></seg></u></body></text></TEI>"
    )
    assert read_parlamint(xml, "s.ana.xml").text == "Se! (ja)\n"


def test_a_changed_person_list_changes_the_fingerprint(tmp_path):
    # the segments join the lists, so cached tokens (keyed by the fingerprint) must not
    # outlive a change to them
    folder = _copy(tmp_path, S2020 + ".xml", *LISTS[1:])
    before = _read(folder)
    assert _read(folder).fingerprint() == before.fingerprint()
    persons = folder / "ParlaMint-XX-listPerson.xml"
    persons.write_text(persons.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _read(folder)
    assert set(after.control_hashes) == {"ParlaMint-XX-listPerson.xml", "ParlaMint-XX-listOrg.xml"}
    assert after.fingerprint() != before.fingerprint()
