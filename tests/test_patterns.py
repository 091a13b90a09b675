"""Patterns and the token index: exact, glob, regex and phrase hits, lemma matching."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ParameterError
from discourse.text.index import TokenIndex, token_index
from discourse.text.patterns import drop_nested, find, parse_pattern

A = (
    "Intervjuer: Hva betyr piloten for dere?\n"
    "Kari: Piloten var viktig. Alle pilotene i kommunen handlet om felles eierskap. "
    "Vi snakket om pilot og innovasjon, og om sosial innovasjon.\n"
    "Intervjuer: Og risiko?\n"
    "Kari: Risikoen var felles. Eierskap kom senere, felles\n"
    "Intervjuer: eierskap?\n"
)
B = "Kommunen skrev om innovasjonen. Innovasjonsarbeid og pilot-prosjekter krever felles eierskap."


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("patterns")
    corpus = corpus_from(folder, {"a.txt": A, "b.txt": B})
    return dc.preprocess(corpus, cache=False)


def surfaces(tokens, hits):
    t = tokens.table
    return [
        " ".join(t["surface"].iloc[s:e].astype(str))
        for s, e in zip(hits.start, hits.stop, strict=True)
    ]


def test_exact_word_forms_equal_an_independent_regex_count(tokens):
    for word in ["felles", "eierskap", "pilot", "og", "kommunen"]:
        hits = find(tokens, word, match="token")
        expected = sum(
            len(re.findall(rf"(?<![\w-]){word}(?![\w-])", tokens.corpus.text(d), flags=re.I))
            for d in ("a", "b")
        )
        # hyphenated compounds (pilot-prosjekter) are one token; no word here is a label
        assert len(hits) == expected, word


def test_lemma_matching_finds_norwegian_inflections(tokens):
    assert surfaces(tokens, find(tokens, "pilot")) == ["piloten", "Piloten", "pilotene", "pilot"]
    # an inflected pattern is lemmatised too
    assert surfaces(tokens, find(tokens, "piloten")) == surfaces(tokens, find(tokens, "pilot"))
    assert surfaces(tokens, find(tokens, "risiko")) == ["risiko", "Risikoen"]


def test_globs_and_regex(tokens):
    got = surfaces(tokens, find(tokens, "innovasjon*", match="token"))
    assert got == ["innovasjon", "innovasjon", "innovasjonen", "Innovasjonsarbeid"]
    got = surfaces(tokens, find(tokens, "*pilot*", match="token"))
    assert "pilot-prosjekter" in " ".join(got) or "pilot" in got
    rx = surfaces(tokens, find(tokens, r"innovasjon(en)?", match="token", regex=True))
    assert rx == ["innovasjon", "innovasjon", "innovasjonen"]


def test_case_sensitive_word_forms(tokens):
    assert surfaces(tokens, find(tokens, "Piloten", match="token", case_sensitive=True)) == [
        "Piloten"
    ]
    assert len(find(tokens, "Piloten", match="token")) == 2


def test_phrases_match_in_a_row_and_never_across_segments(tokens):
    hits = find(tokens, "felles eierskap")
    # a: "felles eierskap" once inside a turn; "felles\nIntervjuer: eierskap" crosses turns
    assert surfaces(tokens, hits) == ["felles eierskap", "felles eierskap"]
    t = tokens.table
    assert t["doc_id"].iloc[hits.start].astype(str).tolist() == ["a", "b"]
    assert (hits.stop - hits.start == 2).all()
    # the joiner of multiword terms works as a space; globs inside phrases too
    assert len(find(tokens, "felles_eierskap")) == 2
    assert surfaces(tokens, find(tokens, "sosial* innovasjon*")) == ["sosial innovasjon"]


def test_same_span_from_two_patterns_is_reported_once(tokens):
    hits = find(tokens, ["pilot", "pilot*"])
    assert len(hits) == len(find(tokens, "pilot*"))
    assert set(hits.pattern[: len(find(tokens, "pilot"))]) <= {0, 1}


def test_drop_nested_keeps_the_longest(tokens):
    hits = find(tokens, ["eierskap", "felles eierskap"])
    # 4 x "eierskap" (2 of them inside the 2 phrases) + 2 phrases
    assert len(hits) == 6
    kept = drop_nested(hits)
    assert surfaces(tokens, kept) == ["felles eierskap", "Eierskap", "eierskap", "felles eierskap"]


def test_index_rows_hold_their_types(tokens):
    index = token_index(tokens)
    assert index is token_index(tokens)
    codes = index.codes("lemma")
    for code in range(len(index.types("lemma"))):
        rows = index.rows("lemma", np.array([code]))
        assert (codes[rows] == code).all()
        assert np.all(np.diff(rows) > 0)
    assert index.frequency("lemma").sum() == (codes >= 0).sum()


@pytest.mark.parametrize(
    ("pattern", "kwargs", "message"),
    [
        ("(", {"regex": True}, "invalid regular expression"),
        ("   ", {}, "empty pattern"),
        ("pilot", {"match": "stem"}, "match must be one of"),
        ([], {}, "no patterns"),
    ],
)
def test_bad_patterns(tokens, pattern, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        find(tokens, pattern, **kwargs)


def test_parse_and_unknown_field():
    assert parse_pattern("innovasj*").kind == "glob"
    assert parse_pattern("felles eierskap").words == ("felles", "eierskap")
    with pytest.raises(ParameterError, match="unknown index field"):
        TokenIndex.__new__(TokenIndex)._field("stem")


SPECIAL = (
    "Vi koder i C++ og c++, sender e-post og E-post. Det var Kari's idé.\n\n"
    "Innovasjon og INNOVASJONER i kommunen; og/eller ikke.\n"
)


@pytest.fixture(scope="module")
def special(tmp_path_factory):
    folder = tmp_path_factory.mktemp("special")
    corpus = corpus_from(folder, {"s.txt": SPECIAL})
    return dc.preprocess(corpus, cache=False)


@pytest.mark.parametrize(
    ("pattern", "kwargs", "expected"),
    [
        # the tokenizer splits "C++" into C + +: the pattern is matched as that run
        ("c++", {}, ["C++", "c++"]),
        ("C++", {"match": "token", "case_sensitive": True}, ["C++"]),
        ("og/eller", {}, ["og/eller"]),
        ("e-post", {}, ["e-post", "E-post"]),
        ("e-post", {"match": "token", "case_sensitive": True}, ["e-post"]),
        ("kari's", {}, ["Kari's"]),
        ("Kari's", {"match": "token", "case_sensitive": True}, ["Kari's"]),
        # globs ignore case unless asked: on lemmas and on word forms
        ("INNOVASJ*", {}, ["Innovasjon", "INNOVASJONER"]),
        ("innovasj*", {"match": "token"}, ["Innovasjon", "INNOVASJONER"]),
        ("INNOVASJ*", {"match": "token", "case_sensitive": True}, ["INNOVASJONER"]),
    ],
)
def test_special_characters_and_case(special, pattern, kwargs, expected):
    text = special.corpus.text(special.corpus.documents["doc_id"].iloc[0])
    lines = dc.kwic(special, pattern, **kwargs)
    assert [text[a:b] for a, b in zip(lines["char_start"], lines["char_end"], strict=True)] == (
        expected
    )
    assert lines["keyword"].tolist() == expected


def test_a_lemma_is_looked_for_in_its_own_language_only(tmp_path):
    # English "is" has the lemma "be"; so has Norwegian "ber" (to ask): an English
    # pattern must not find the Norwegian verb through the shared lemma string
    files = {"e.txt": "This is it. It was so.\n", "n.txt": "Vi ber om hjelp.\n"}
    meta = "file,doc_id,lang,doc_type\ne.txt,e,en,policy\nn.txt,n,nb,policy\n"
    tokens = dc.preprocess(corpus_from(tmp_path, files, meta=meta), cache=False)
    t = tokens.table
    lemma = dict(zip(t["surface"].astype(str), t["lemma"].astype(str), strict=True))
    assert lemma["is"] == lemma["was"] == lemma["ber"] == "be"  # the premise
    assert surfaces(tokens, find(tokens, "is")) == ["is", "was"]
    assert surfaces(tokens, find(tokens, "ber")) == ["ber"]
    # the word as written is looked for everywhere: the lemma "be" itself
    assert surfaces(tokens, find(tokens, "be")) == ["is", "was", "ber"]
