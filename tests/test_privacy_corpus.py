"""Pseudonymisation at import, on realistic transcripts written here.

The study corpus lives in ``<tmp>/proj/data/raw/study`` so that the default key goes to
``<tmp>/proj/data/private`` and nothing is written into the repository.
"""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path

import pandas as pd
import pytest
from test_privacy_detect import BAD_FNR, FNR

import discourse as dc
from discourse.errors import ConfigError, DiscourseWarning

TRANSCRIPT_1 = f"""Dato: 12.03.2024
Sted: Fjordvik

Intervjuer: [00:00:05] Hei, Kari. Kan du fortelle litt om deg selv?
Kari: Ja, jeg heter Kari Nordmann, er født 3. mars 1985, og er daglig leder i Mentorbrua.
Karis kontor ligger rett ved Fjordvik kommunes servicetorg.
Intervjuer: Hvordan kan folk nå deg?
Kari: Mobilen min er 915 55 123, eller +47 22 00 41 17 på kontoret. Før hadde jeg
40012346, og i den gamle jobben 0047 47 11 22 33. E-post kari.nordmann@mentorbrua.example,
og nettsiden er www.mentorbrua.example/om-oss.
Intervjuer: Og samarbeidet med kommunen?
Kari: Det gikk via Ole Hansen i Fjordvik kommune. Oles team i Fjordvik kommunen var flinke.
Fødselsnummeret mitt står på kontrakten, {FNR}, men kundenummeret {BAD_FNR} er noe annet.
Intervjuer: Takk skal du ha.
Kari: Takk selv.
"""

TRANSCRIPT_2 = """Intervjuer: Hvem var kontaktpersonen deres i kommunen?
Informant: Det var Kari Nordmann fra Mentorbrua. Vi møtte henne i Fjordvik.
Intervjuer: Og Ole?
Informant: Ole Hansen har sluttet, han er født 03.03.1970 ifølge avisa. Ring gjerne
Torgrim om du trenger mer.
Intervjuer: Takk.
Informant: Bare hyggelig.
"""

NAMES_CSV = """name,type,replacement,aliases
Kari Nordmann,person,,Kari
Ole Hansen,person,,Ole
Mentorbrua,org,,
Fjordvik kommune,org,,
Fjordvik,place,,
"""

METADATA = """file,doc_id,doc_type,organisation,municipality
intervju_01.txt,I01,interview,Mentorbrua,Fjordvik
intervju_02.txt,I02,interview,Fjordvik kommune,Fjordvik
"""

#: Every original value in the study corpus (case-insensitive, whole words).
ORIGINALS = [
    "Kari",
    "Nordmann",
    "Ole",
    "Hansen",
    "Mentorbrua",
    "Fjordvik",
    "915 55 123",
    "22 00 41 17",
    "40012346",
    "47 11 22 33",
    "kari.nordmann@mentorbrua.example",
    "www.mentorbrua.example",
    FNR,
    "3. mars 1985",
    "03.03.1970",
]


def _found(value: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(value)}(?![^\W_])", text, re.IGNORECASE) is not None


def leaked(text: str) -> list[str]:
    """The original values found in ``text`` (names also inside longer forms)."""
    out = [v for v in ORIGINALS if _found(v, text)]
    out += [v for v in ("Karis", "Oles", "Nordmanns", "kommunes") if _found(v, text)]
    return out


def write_study(root: Path, yml: str = "") -> Path:
    folder = root / "proj" / "data" / "raw" / "study"
    folder.mkdir(parents=True)
    (folder / "intervju_01.txt").write_text(TRANSCRIPT_1, encoding="utf-8")
    (folder / "intervju_02.txt").write_text(TRANSCRIPT_2, encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    (folder / "names.csv").write_text(NAMES_CSV, encoding="utf-8")
    (folder / "corpus.yml").write_text(
        "pseudonymise:\n  enabled: true\n  names: names.csv\n" + yml, encoding="utf-8"
    )
    return folder


@pytest.fixture
def study(tmp_path) -> Path:
    return write_study(tmp_path)


@pytest.fixture
def corpus(study):
    return dc.read_corpus(study)


def all_text(corpus) -> str:
    """Texts, segments (every column) and documents (but the raw file's name and hash)."""
    parts = list(corpus.texts.values())
    for table in (corpus.segments, corpus.documents.drop(columns=["file", "sha256"])):
        parts += [str(v) for v in table.to_numpy().ravel()]
    return "\n".join(parts)


def test_every_original_value_is_replaced(corpus):
    assert leaked(all_text(corpus)) == []
    text = corpus.text("I01")
    for label in ("[PERSON_1]", "[PERSON_2]", "[ORG_1]", "[ORG_2]", "[STED_1]"):
        assert label in text
    assert text.count("[TELEFON]") == 4  # four formats
    assert "[EPOST]" in text and "[URL]" in text and "[FNR]" in text
    assert "født [FØDSELSDATO]" in text


def test_invalid_eleven_digit_number_and_clock_times_are_left_alone(corpus):
    assert BAD_FNR in corpus.text("I01")
    assert corpus.segments.loc[corpus.segments["unit"] == "turn", "time"].iloc[0] == "00:00:05"


def test_inflected_and_genitive_forms(corpus):
    text = corpus.text("I01")
    # "Karis kontor", "Fjordvik kommunes servicetorg", "Oles team", "Fjordvik kommunen"
    assert "[PERSON_1] kontor" in text
    assert "[ORG_2] servicetorg" in text
    assert "[PERSON_2] team i [ORG_2] var" in text


def test_same_person_same_pseudonym_across_documents(corpus):
    one, two = corpus.text("I01"), corpus.text("I02")
    assert "heter [PERSON_1]," in one and "Det var [PERSON_1] fra [ORG_1]." in two
    assert "via [PERSON_2] i [ORG_2]" in one and "Informant: [PERSON_2] har sluttet" in two
    assert "møtte henne i [STED_1]." in two


def test_speaker_labels_and_metadata_are_pseudonymised(corpus):
    seg = corpus.segments
    turns = seg[seg["unit"] == "turn"]
    assert set(turns["speaker"]) == {"Intervjuer", "[PERSON_1]", "Informant"}
    assert set(turns.loc[turns["speaker"] == "[PERSON_1]", "role"]) == {"respondent"}
    assert corpus.documents.set_index("doc_id")["organisation"].to_dict() == {
        "I01": "[ORG_1]",
        "I02": "[ORG_2]",
    }
    assert set(corpus.documents["municipality"]) == {"[STED_1]"}
    assert set(seg["organisation"]) == {"[ORG_1]", "[ORG_2]"}


def test_offsets_round_trip_on_every_segment_and_token(corpus):
    for row in corpus.segments.itertuples():
        assert corpus.text(row.doc_id)[row.char_start : row.char_end] == row.text
    tokens = dc.preprocess(corpus, cache=False)
    table = tokens.table
    assert len(table) > 100
    for doc_id, group in table.groupby("doc_id", observed=True):
        text = corpus.text(doc_id)
        surfaces = [text[a:b] for a, b in zip(group["char_start"], group["char_end"], strict=True)]
        assert surfaces == group["surface"].astype(str).tolist()
    assert corpus.documents.set_index("doc_id")["n_chars"].to_dict() == {
        d: len(t) for d, t in corpus.texts.items()
    }


def test_tokens_hold_pseudonyms_only(corpus):
    table = dc.preprocess(corpus, cache=False).table
    for column in ("surface", "norm", "lemma", "term"):
        values = " ".join(table[column].dropna().astype(str))
        assert leaked(values) == [], column
    for _, group in table.groupby("doc_id", observed=True):  # numbers split into tokens
        assert leaked(" ".join(group["surface"].astype(str))) == []
    assert "PERSON_1" in set(table["surface"].astype(str))


def test_cache_bytes_contain_no_original_value(corpus):
    tokens = dc.preprocess(corpus)
    entry = Path(tokens.cache_path)
    files = [p for p in entry.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".npy", ".json"}
    for path in files:
        blob = path.read_bytes()
        for value in [*ORIGINALS, "intervju_01"]:
            for encoded in (value.encode("utf-8"), value.encode("utf-32-le")):
                assert encoded.lower() not in blob.lower(), (path.name, value)
    manifest = json.loads((entry / "manifest.json").read_text("utf-8"))
    assert sorted(manifest["inputs"]) == ["I01", "I02"]  # doc_ids, not file names


def test_kwic_collocates_and_audit_show_pseudonyms_only(corpus, tmp_path):
    tokens = dc.preprocess(corpus)
    lines = dc.kwic(tokens, "*", match="token", roles=None, window=10)
    assert len(lines) > 0
    dumped = lines.to_csv(index=False)
    assert leaked(dumped) == []
    assert "[PERSON_1]" in dumped
    path = tmp_path / "lines.xlsx"
    dc.export_kwic(lines, path)
    assert leaked(pd.read_excel(path, sheet_name=None)["kwic"].to_csv(index=False)) == []
    assert leaked(lines.to_json(force_ascii=False)) == []
    for i in range(min(50, len(lines))):
        assert leaked(str(dc.show_turn(tokens, lines.iloc[i], before=1, after=1))) == []
    colls = dc.collocates(tokens, "*", window=5, min_freq=1, roles=None)
    assert leaked(colls.to_csv(index=False)) == []
    sample = dc.audit(tokens, "institutional-logics", "bureaucratic", n=50).sample
    assert leaked(sample.to_csv(index=False)) == []


def test_key_file_location_permissions_and_content(corpus, study):
    key_path = study.parents[1] / "private" / "study.key.json"
    assert corpus.privacy.key_path == key_path
    assert key_path.is_file()
    assert "processed" not in key_path.parts
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    key = json.loads(key_path.read_text("utf-8"))
    mapping = {(e["type"], e["value"]): e["pseudonym"] for e in key["entries"]}
    assert mapping[("PERSON", "Kari Nordmann")] == "[PERSON_1]"
    assert mapping[("PERSON", "Ole Hansen")] == "[PERSON_2]"
    assert mapping[("ORG", "Mentorbrua")] == "[ORG_1]"
    assert mapping[("TELEFON", "915 55 123")] == "[TELEFON]"
    assert mapping[("FNR", FNR)] == "[FNR]"


def test_rerun_with_key_keeps_pseudonyms_and_numbers_new_names_after_them(study):
    first = dc.read_corpus(study)
    # a new document that sorts first, mentions Ole before Kari, and a new person
    (study / "intervju_00.txt").write_text(
        "Intervjuer: Kjenner du Ole Hansen?\nInformant: Ja, og Per Olsen og Kari.\n"
        "Intervjuer: Takk.\nInformant: Ha det.\n",
        encoding="utf-8",
    )
    (study / "metadata.csv").write_text(
        METADATA + "intervju_00.txt,I00,interview,Mentorbrua,Fjordvik\n", encoding="utf-8"
    )
    (study / "names.csv").write_text(NAMES_CSV + "Per Olsen,person,,\n", encoding="utf-8")
    with_key = dc.read_corpus(study)
    assert with_key.text("I01") == first.text("I01")
    assert with_key.text("I02") == first.text("I02")
    assert with_key.text("I00").splitlines()[:2] == [
        "Intervjuer: Kjenner du [PERSON_2]?",
        "Informant: Ja, og [PERSON_3] og [PERSON_1].",
    ]
    # without the key, numbers follow first occurrence over documents sorted by doc_id
    no_key = dc.read_corpus(study, pseudonymise={"key": False})
    assert no_key.privacy.key_path is None
    assert no_key.text("I00").splitlines()[:2] == [
        "Intervjuer: Kjenner du [PERSON_1]?",
        "Informant: Ja, og [PERSON_2] og [PERSON_3].",
    ]
    again = dc.read_corpus(study, pseudonymise={"key": False})
    assert again.texts == no_key.texts
    assert again.segments.equals(no_key.segments)


def test_cache_key_changes_with_settings_and_key(study, tmp_path):
    base = dc.read_corpus(study)
    no_url = dc.read_corpus(study, pseudonymise={"detect": {"url": False}})
    other_key = tmp_path / "elsewhere" / "other.key.json"
    other_key.parent.mkdir(mode=0o700)
    other_key.write_text(
        json.dumps(
            {
                "format": "discourse-pseudonym-key",
                "entries": [{"type": "PERSON", "value": "Kari Nordmann", "pseudonym": "[P_9]"}],
            }
        ),
        encoding="utf-8",
    )
    other_key.chmod(0o600)
    keyed = dc.read_corpus(study, pseudonymise={"key": str(other_key)})
    assert "[P_9]" in keyed.text("I01")
    off = dc.read_corpus(study, pseudonymise=False)
    prints = {c.fingerprint() for c in (base, no_url, keyed, off)}
    assert len(prints) == 4
    assert dc.read_corpus(study).fingerprint() == base.fingerprint()
    paths = {dc.preprocess(c).cache_path for c in (base, keyed)}
    assert len(paths) == 2


def test_off_by_default_and_names_file_not_read_as_document(study):
    (study / "corpus.yml").write_text("pseudonymise:\n  names: names.csv\n", encoding="utf-8")
    corpus = dc.read_corpus(study)
    assert corpus.privacy is None and "Kari Nordmann" in corpus.text("I01")
    assert corpus.problems.empty  # names.csv is a control file, not an unsupported document
    on = dc.read_corpus(study, pseudonymise=True)
    assert "Kari" not in on.text("I01")


def test_candidates_reported_not_replaced(corpus):
    cand = corpus.privacy.candidates
    assert "Torgrim" in corpus.text("I02")
    row = cand[cand["word"] == "Torgrim"].iloc[0]
    assert row["doc_id"] == "I02"
    text = corpus.text("I02")
    assert text[row["char_start"] : row["char_end"]] == "Torgrim"
    assert "[[Torgrim]] om du trenger mer" in row["context"]
    seg = corpus.segments.set_index("seg_id").loc[row["seg_id"]]
    assert seg["char_start"] <= row["char_start"] < seg["char_end"]
    assert not (cand["word"].isin(["Kari", "Ole", "Fjordvik", "Intervjuer"])).any()


def test_counts_per_type_and_document(corpus):
    summary = corpus.privacy.summary().set_index("doc_id")
    assert summary.loc["I01", "TELEFON"] == 4
    assert summary.loc["I01", "FNR"] == 1 and summary.loc["I02", "FNR"] == 0
    assert summary.loc["I01", "FØDSELSDATO"] == 1 and summary.loc["I02", "FØDSELSDATO"] == 1
    counts = corpus.privacy.counts
    speaker = counts[(counts["where"] == "speaker") & (counts["doc_id"] == "I01")]
    assert speaker["n"].sum() == 4  # four turns labelled "Kari:"
    assert summary.loc["TOTAL", "total"] == summary.drop("TOTAL")["total"].sum()


def test_unlisted_speaker_labels_are_treated_as_names(tmp_path):
    folder = tmp_path / "proj" / "data" / "raw" / "fg"
    folder.mkdir(parents=True)
    (folder / "fg.txt").write_text(
        "Moderator: Velkommen.\nTorill: Takk. Jeg er Torill.\nModerator: Og du?\n"
        "Deltaker 2: Jeg jobber med Torill.\nTorill: Ja.\n",
        encoding="utf-8",
    )
    corpus = dc.read_corpus(folder, pseudonymise={"candidates": False})
    assert "Torill" not in all_text(corpus)
    assert set(corpus.segments["speaker"]) == {"Moderator", "[PERSON_1]", "Deltaker 2"}
    kept = dc.read_corpus(folder, pseudonymise={"speakers": False, "key": False})
    assert "Torill" in kept.text("fg")


@pytest.mark.parametrize(
    ("yml", "message"),
    [
        ("pseudonymise:\n  enabeld: true\n", "unknown setting.*enabeld"),
        ("pseudonymise:\n  enabled: yes please\n", "enabled: must be true or false"),
        ("pseudonymise:\n  detect: {telefon: true}\n", "unknown detector.*telefon"),
        ("pseudonymise:\n  metadata: 3\n", "metadata: must be"),
        ("pseudonymise: [1, 2]\n", "must be true, false or a mapping"),
    ],
)
def test_bad_settings(tmp_path, yml, message):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Tekst.\n", encoding="utf-8")
    (folder / "corpus.yml").write_text(yml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        dc.read_corpus(folder)
    assert "corpus.yml" in str(err.value)


def test_missing_names_file_is_an_error_naming_it(study):
    with pytest.raises(ConfigError, match=r"nope\.csv: names list not found"):
        dc.read_corpus(study, pseudonymise={"names": "nope.csv"})


def test_key_under_processed_or_reports_is_refused(study):
    for bad in ("data/processed/study.key.json", "reports/k.json"):
        target = study.parents[2] / bad
        with pytest.raises(ConfigError, match="may not be kept under"):
            dc.read_corpus(study, pseudonymise={"key": str(target)})
        assert not target.exists()


def test_damaged_key_is_an_error_and_left_alone(study):
    key = study.parents[1] / "private" / "study.key.json"
    key.parent.mkdir(mode=0o700)
    key.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"study\.key\.json: is not a readable pseudonym key"):
        dc.read_corpus(study)
    assert key.read_text(encoding="utf-8") == "{not json"


def test_key_readable_by_others_is_warned_about(study):
    dc.read_corpus(study)
    key = study.parents[1] / "private" / "study.key.json"
    key.chmod(0o644)
    with pytest.warns(DiscourseWarning, match="can be read by others"):
        dc.read_corpus(study)


def test_spans_found_in_worker_processes_equal_one_process(study, monkeypatch):
    """Large corpora find spans in two forked processes; the result must not change."""
    import discourse.privacy.pseudonymise as ps

    one = dc.read_corpus(study)
    monkeypatch.setattr(ps, "_PARALLEL_FROM_CHARS", 0)
    pools = []

    class CountedPool(ps.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(ps, "ProcessPoolExecutor", CountedPool)
    two = dc.read_corpus(study)
    if sys.platform.startswith("linux"):
        assert pools == [(2,)]  # the worker processes did run
    assert one.texts == two.texts
    pd.testing.assert_frame_equal(one.segments, two.segments)
    pd.testing.assert_frame_equal(one.privacy.counts, two.privacy.counts)
