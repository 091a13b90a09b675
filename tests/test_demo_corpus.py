"""The shipped demo corpus (data/raw/demo): contents, formats, metadata, language, roles."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from fnmatch import fnmatch
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEMO, ROOT

import discourse as dc
from discourse.corpus.formats import read_document
from discourse.corpus.segment import segment_document
from discourse.text.language import detect_language

META_COLUMNS = [
    "file",
    "doc_id",
    "doc_type",
    "actor_type",
    "role",
    "organisation",
    "sector",
    "municipality",
    "date",
    "phase",
    "lang",
]


@pytest.fixture(scope="module")
def corpus() -> dc.Corpus:
    return dc.read_corpus(DEMO)  # pytest turns any DiscourseWarning into an error


@pytest.fixture(scope="module")
def docs(corpus) -> pd.DataFrame:
    d = corpus.documents.copy()
    d["words"] = [len(corpus.text(i).split()) for i in d["doc_id"]]
    return d.set_index("doc_id")


def test_reads_without_problems(corpus):
    assert corpus.problems.empty
    assert len(corpus.documents) == 33


def test_counts_and_word_ranges(docs):
    interviews = docs[docs.doc_type == "interview"]
    assert (interviews.actor_type == "entrepreneur").sum() >= 12
    assert (interviews.actor_type == "municipal").sum() >= 12
    assert (docs.doc_type == "focus_group").sum() >= 1
    transcripts = docs[docs.doc_type.isin(["interview", "focus_group"])]
    assert len(transcripts) >= 24
    assert ((transcripts.lang == "nn").sum()) >= 2
    assert transcripts.words.between(1200, 2500).all(), transcripts.words.to_dict()
    policy = docs[docs.doc_type == "policy"]
    assert len(policy) >= 8
    assert policy.words.between(1000, 3000).all(), policy.words.to_dict()
    assert docs.words.sum() >= 60_000


def test_data_card_table_matches_the_corpus(docs):
    card = (DEMO / "DATA_CARD.md").read_text(encoding="utf-8")
    for group, g in docs.groupby("actor_type"):
        row = f"| {group} | {len(g)} | {g.words.sum():,} | {g.words.min():,}–{g.words.max():,} |"
        assert row in card, row
    for doc_id, r in docs.iterrows():
        assert f"| {doc_id} | {r.doc_type} | {r.actor_type} |" in card
        assert re.search(rf"\| {doc_id} \|.*\| {r.words:,} \|", card), doc_id


def test_every_file_has_a_row_and_every_row_a_file():
    meta = pd.read_csv(DEMO / "metadata.csv", dtype=str, keep_default_na=False)
    assert meta.columns.tolist() == META_COLUMNS
    excluded = ["DATA_CARD.md", "_sources/**", "metadata.csv", "corpus.yml", "names.csv"]
    on_disk = sorted(
        p.relative_to(DEMO).as_posix()
        for p in DEMO.rglob("*")
        if p.is_file() and not any(fnmatch(p.relative_to(DEMO).as_posix(), x) for x in excluded)
    )
    assert sorted(meta.file) == on_disk
    assert meta.doc_id.is_unique
    assert set(meta.doc_type) == {"interview", "focus_group", "policy"}
    assert set(meta.actor_type) == {"entrepreneur", "municipal", "policy"}
    assert set(meta.phase) <= {"before_pilot", "pilot", "after_pilot"}
    assert set(meta.lang) == {"nb", "nn"}
    assert pd.to_datetime(meta.date, format="%Y-%m-%d").notna().all()
    for col in META_COLUMNS:
        if col != "municipality":
            assert (meta[col] != "").all(), col


def test_lang_labels_agree_with_an_offline_language_check(corpus, docs):
    seg = corpus.segments
    for doc_id, row in docs.iterrows():
        speech = " ".join(seg.loc[(seg.doc_id == doc_id) & (seg.unit != "header"), "text"])
        assert detect_language(speech, ("nb", "nn", "en")) == row.lang, doc_id


def test_no_sentence_of_ten_words_appears_in_two_files(corpus):
    seen: dict[str, set[str]] = defaultdict(set)
    for doc_id, text in corpus.texts.items():
        for sentence in re.split(r"(?<=[.!?…])\s+|\n+", text):
            words = re.findall(r"\w+", sentence.lower())
            if len(words) >= 10:
                seen[" ".join(words)].add(doc_id)
    shared = {s: d for s, d in seen.items() if len(d) > 1}
    assert not shared


def test_every_document_has_its_expected_turn_roles(corpus, docs):
    seg = corpus.segments
    for doc_id, row in docs.iterrows():
        s = seg[seg.doc_id == doc_id]
        turns = s[s.unit == "turn"]
        if row.doc_type == "policy":
            assert turns.empty and set(s.unit) == {"paragraph"}, doc_id
            continue
        speakers = turns.groupby("speaker")["role"].agg(set).to_dict()
        interviewers = {k for k, v in speakers.items() if v == {"interviewer"}}
        respondents = {k for k, v in speakers.items() if v == {"respondent"}}
        assert set(speakers) == interviewers | respondents, doc_id  # no "other"
        if row.doc_type == "interview":
            assert interviewers == {"Intervjuer"}, doc_id
            assert len(respondents) == 1, (doc_id, respondents)
        else:
            assert interviewers == {"Moderator"}
            assert respondents == {"Deltaker 1", "Deltaker 2", "Deltaker 3"}
        # headers only come before the first turn; turns alternate with the interviewer
        first_turn = s.index[s.unit == "turn"][0]
        assert (s.loc[s.index > first_turn, "unit"] == "turn").all(), doc_id
        if row.doc_type == "interview":
            roles = turns.role.tolist()
            assert all(a != b for a, b in pairwise(roles)), doc_id


def test_timestamps_in_several_styles_were_parsed(corpus):
    seg = corpus.segments
    stamped = seg[seg.time.notna()]
    assert stamped.doc_id.nunique() >= 24
    assert stamped.time.str.fullmatch(r"\d\d:\d\d:\d\d(\.\d)?").all()
    assert stamped.time.str.contains(r"\.").any()  # f4 style with tenths
    for text in corpus.texts.values():
        assert not re.search(r"\[\d\d:\d\d:\d\d\]|#\d\d:\d\d:\d\d-\d#", text)


def test_formats_cover_every_reader(corpus, docs):
    transcripts = docs[docs.doc_type != "policy"]
    assert (transcripts.format == "docx").sum() >= 3
    bold = [
        i
        for i, r in transcripts[transcripts.format == "docx"].iterrows()
        if read_document(DEMO / r.file, r.file).bold_labels
    ]
    assert len(bold) >= 2
    assert (docs[docs.doc_type == "policy"].format == "pdf").sum() >= 2
    assert (docs.encoding == "cp1252").sum() >= 1
    crlf = [f for f in docs.file if f.endswith(".txt") and b"\r\n" in (DEMO / f).read_bytes()]
    assert len(crlf) >= 1


def test_generated_variants_are_reproducible_and_up_to_date(tmp_path):
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "build_demo_variants.py"),
                "--corpus",
                str(DEMO),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
    built = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert len(built) == 7
    for rel in built:
        a = (tmp_path / "a" / rel).read_bytes()
        assert a == (tmp_path / "b" / rel).read_bytes(), f"{rel} is not deterministic"
        assert a == (DEMO / rel).read_bytes(), (
            f"{rel} differs from its source; run make demo-variants"
        )


def test_variant_text_round_trips_from_its_source(corpus, docs):
    for source in (DEMO / "_sources").rglob("*.txt"):
        rel = source.relative_to(DEMO / "_sources").with_suffix("").as_posix()
        doc_id = docs.index[docs.file.str.startswith(rel + ".")][0]
        expected = segment_document(
            source.read_text(encoding="utf-8"),
            corpus.config.speakers,
            docs.loc[doc_id, "doc_type"] != "policy",
        )
        assert corpus.text(doc_id).split() == expected.text.split(), doc_id


def test_contact_details_are_fictional(corpus):
    text = "\n".join(corpus.texts.values())
    emails = re.findall(r"[\w.+-]+@[\w.-]+\w", text)
    assert emails and all(e.endswith(".example") for e in emails)
    allowed = {
        "+47 400 12 345",
        "915 55 123",
        "40012346",
        "22 00 41 17",
        "+47 909 90 001",
        "47 11 22 33",
    }
    phones = re.findall(
        r"(?<![\d,])(?:\+47 ?)?(?:\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2}|\d{8})(?!\d|[.,]\d)",
        text,
    )
    assert phones and set(phones) <= allowed, set(phones) - allowed


def test_demo_preprocesses_with_its_multiword_terms(corpus):
    tokens = dc.preprocess(corpus, cache=False)
    terms = set(tokens.table.term.dropna())
    assert {"sosial_entreprenør", "felles_eierskap", "barn_og_ung"} <= terms
    nn = tokens.table.merge(corpus.documents[["doc_id", "lang"]], on="doc_id")
    assert nn.loc[(nn.lang == "nn") & (nn.norm == "ikkje"), "is_stop"].all()
    text = corpus.texts
    t = tokens.table
    assert all(
        text[d][s:e] == w
        for d, s, e, w in zip(t.doc_id, t.char_start, t.char_end, t.surface, strict=True)
    )
    assert Path(DEMO / "corpus.yml").exists()
