"""dc.kwic and concordance(): hits, context windows, filters, sorting, offsets, bad input."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO, corpus_from
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse as dc
from discourse.concordance import concordance
from discourse.concordance.kwic import KWIC_COLUMNS
from discourse.errors import ParameterError
from discourse.text.index import token_index
from discourse.text.patterns import find

A = (
    "Intervjuer: Hva betyr piloten for dere?\n"
    "Kari: Piloten var viktig. Alle pilotene i kommunen handlet om felles eierskap.\n"
    "Intervjuer: Og risiko?\n"
    "Kari: Risikoen var felles, og pilot er et ord vi bruker.\n"
)
B = (
    "Pilot først. Kommunen skrev om innovasjonen og felles eierskap i piloten.\n\n"
    "Neste avsnitt har ingen treff.\n"
)
C = (
    "Intervjuar: Kva med risikoen?\n"
    "Ola: Risikoen er stor, og risikoane aukar.\n"
    "Intervjuar: Og piloten?\n"
    "Ola: Piloten gjekk bra.\n"
)
META = (
    "file,doc_id,doc_type,actor_type,lang\n"
    "a.txt,a,interview,entrepreneur,nb\n"
    "b.txt,b,policy,municipal,nb\n"
    "c.txt,c,interview,municipal,nn\n"
)


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kwic")
    corpus = corpus_from(folder, {"a.txt": A, "b.txt": B, "c.txt": C}, meta=META)
    return dc.preprocess(corpus, cache=False)


@pytest.fixture(scope="module")
def demo():
    return dc.preprocess(dc.read_corpus(DEMO))


def searched_text(tokens, roles=("respondent",)):
    """The text of the segments kwic searches by default: respondent turns + paragraphs."""
    seg = tokens.corpus.segments
    keep = (seg["unit"] == "paragraph") | seg["role"].isin(list(roles))
    return seg.loc[keep, "text"].tolist()


def test_columns_and_metadata(tokens):
    lines = dc.kwic(tokens, "pilot")
    assert list(lines.columns[: len(KWIC_COLUMNS)]) == KWIC_COLUMNS
    assert {"lang", "doc_type", "actor_type"} <= set(lines.columns)
    a = lines[lines["doc_id"] == "a"]
    assert set(a["speaker"]) == {"Kari"} and set(a["role"]) == {"respondent"}
    assert set(a["actor_type"]) == {"entrepreneur"}
    b = lines[lines["doc_id"] == "b"]
    assert b["role"].isna().all() and set(b["actor_type"]) == {"municipal"}
    assert (lines["pattern"] == "pilot").all()


@pytest.mark.parametrize("word", ["felles", "og", "eierskap", "kommunen", "piloten", "var"])
def test_exact_word_counts_equal_an_independent_regex_count(tokens, word):
    # every segment
    texts = tokens.corpus.segments["text"].tolist()
    rx = re.compile(rf"(?<![\w-]){word}(?![\w-])", re.IGNORECASE)
    expected_all = sum(len(rx.findall(t)) for t in texts)
    assert len(dc.kwic(tokens, word, match="token", roles=None)) == expected_all
    # the default: respondent turns and paragraphs only
    expected = sum(len(rx.findall(t)) for t in searched_text(tokens))
    got = dc.kwic(tokens, word, match="token")
    assert len(got) == expected
    assert got["keyword"].str.lower().eq(word).all()


def test_demo_counts_equal_a_regex_count(demo):
    seg = demo.corpus.segments
    for word in ["pilot", "risiko", "kommunen", "innovasjon"]:
        rx = re.compile(rf"(?<![\w-]){word}(?![\w-])", re.IGNORECASE)
        expected = int(seg["text"].map(lambda t, rx=rx: len(rx.findall(t))).sum())
        assert len(dc.kwic(demo, word, match="token", roles=None)) == expected, word


def test_lemma_matching_on_norwegian_inflections(tokens):
    # bokmål: piloten, pilotene, pilot; the interviewer's "piloten" is skipped by default
    lines = dc.kwic(tokens, "pilot", docs=["a", "b"])
    assert lines["keyword"].tolist() == ["Piloten", "pilotene", "pilot", "Pilot", "piloten"]
    everyone = dc.kwic(tokens, "pilot", roles=None, docs="a")
    assert everyone["keyword"].tolist() == ["piloten", "Piloten", "pilotene", "pilot"]
    # an inflected pattern finds the same lemma
    inflected = dc.kwic(tokens, "pilotene", docs=["a", "b"])
    assert inflected["keyword"].tolist() == lines["keyword"].tolist()
    # nynorsk: risikoen, risikoane
    nn = dc.kwic(tokens, "risiko", docs="c")
    assert nn["keyword"].tolist() == ["Risikoen", "risikoane"]
    # word forms instead of lemmas
    assert dc.kwic(tokens, "pilot", match="token")["keyword"].tolist() == ["pilot", "Pilot"]
    assert dc.kwic(tokens, "Pilot", match="token", case_sensitive=True)["keyword"].tolist() == [
        "Pilot"
    ]


def test_globs_regex_and_lists(tokens):
    assert dc.kwic(tokens, "pilot*", match="token")["keyword"].str.lower().tolist() == [
        "piloten",
        "pilotene",
        "pilot",
        "pilot",
        "piloten",
        "piloten",
    ]
    rx = dc.kwic(tokens, r"risiko(en|ane)", match="token", regex=True)
    assert rx["keyword"].tolist() == ["Risikoen", "Risikoen", "risikoane"]
    both = dc.kwic(tokens, ["innovasj*", "eierskap"])
    assert both["keyword"].tolist() == ["eierskap", "innovasjonen", "eierskap"]
    assert both["pattern"].tolist() == ["eierskap", "innovasj*", "eierskap"]


def test_phrase_matching(tokens):
    lines = dc.kwic(tokens, "felles eierskap", window=3, within="turn")
    assert lines["keyword"].tolist() == ["felles eierskap", "felles eierskap"]
    assert lines["doc_id"].tolist() == ["a", "b"]
    assert lines["left"].tolist() == ["kommunen handlet om", "om innovasjonen og"]
    assert lines["right"].tolist() == [".", "i piloten."]
    assert dc.kwic(tokens, "felles_eierskap").shape[0] == 2
    assert dc.kwic(tokens, "fel* eier*")["keyword"].tolist() == lines["keyword"].tolist()


def test_windows_count_words_and_keep_punctuation(tokens):
    line = dc.kwic(tokens, "pilotene", match="token", window=3).iloc[0]
    # left: three words back, with the full stop between them; right: three words
    assert line["left"] == "var viktig. Alle"
    assert line["right"] == "i kommunen handlet"
    one = dc.kwic(tokens, "risikoane", match="token", window=1).iloc[0]
    assert (one["left"], one["right"]) == ("og", "aukar.")


def test_windows_at_document_edges(tokens):
    first = dc.kwic(tokens, "Pilot", match="token", case_sensitive=True, window=5).iloc[0]
    assert first["left"] == ""  # the first token of document b
    assert first["right"] == "først. Kommunen skrev om innovasjonen"
    last = dc.kwic(tokens, "treff", window=5).iloc[0]
    assert last["right"] == "."  # the last token of b is a full stop: kept, nothing after
    # across paragraphs of one document (within=None), blank line shown as a space
    assert last["left"] == "piloten. Neste avsnitt har ingen"
    # the last hit of document a never reaches into document b
    end_a = dc.kwic(tokens, "bruke", window=8).iloc[0]
    assert end_a["right"] == "." and "Pilot" not in end_a["right"]
    # and the first hit of document b never reaches back into a
    assert "bruker" not in first["left"]


def test_within_turn_stops_at_the_turn(tokens):
    across = dc.kwic(tokens, "Piloten", match="token", case_sensitive=True, window=2, docs="a")
    assert across["left"].tolist() == ["for dere? Kari:"]  # the label is in the text
    inside = dc.kwic(
        tokens, "Piloten", match="token", case_sensitive=True, window=2, docs="a", within="turn"
    )
    assert inside["left"].tolist() == [""]
    assert inside["right"].tolist() == ["var viktig."]
    seg = dc.kwic(tokens, "risiko", window=10, within="segment", docs="a")
    assert seg["right"].tolist() == ["var felles, og pilot er et ord vi bruker."]


def test_offsets_of_every_hit_point_at_the_keyword(demo):
    for pattern, kw in [
        ("pilot*", {}),
        ("felles eierskap", {}),
        ("sosial* entreprenør*", {}),
        ("risiko", {"roles": None}),
        (r"innovasjon\w*", {"regex": True, "match": "token"}),
    ]:
        lines = dc.kwic(demo, pattern, **kw)
        assert len(lines) > 0, pattern
        for row in lines.itertuples():
            source = demo.corpus.text(row.doc_id)[row.char_start : row.char_end]
            assert " ".join(source.split()) == row.keyword, pattern


def test_context_is_the_source_text_around_the_keyword(demo):
    window = 4
    lines = dc.kwic(demo, "risiko", window=window, roles=None)
    t = demo.table
    for row in lines.itertuples():
        text = demo.corpus.text(row.doc_id)
        doc = t[(t["doc_id"] == row.doc_id) & (t["kind"] != "punct")]
        words_before = doc[doc["char_end"] <= row.char_start]
        words_after = doc[doc["char_start"] >= row.char_end]
        start = (
            words_before["char_start"].iloc[-window]
            if len(words_before) >= window
            else (words_before["char_start"].iloc[0] if len(words_before) else row.char_start)
        )
        if len(words_after) > window:
            end = words_after["char_start"].iloc[window]
        else:
            end = t.loc[t["doc_id"] == row.doc_id, "char_end"].iloc[-1]
        assert row.left == " ".join(text[start : row.char_start].split())
        assert row.right == " ".join(text[row.char_end : max(end, row.char_end)].split())


def test_filters(tokens):
    ent = dc.kwic(tokens, "pilot", where={"actor_type": "entrepreneur"})
    assert set(ent["doc_id"]) == {"a"}
    mun = dc.kwic(tokens, "pilot", where={"actor_type": ["municipal"]})
    assert set(mun["doc_id"]) == {"b", "c"}
    assert len(ent) + len(mun) == len(dc.kwic(tokens, "pilot"))
    inter = dc.kwic(tokens, "pilot", roles=["interviewer"])
    # paragraphs of non-transcripts stay; interviewer turns come in
    assert inter["role"].dropna().eq("interviewer").all()
    assert set(inter["doc_id"]) == {"a", "b", "c"}
    no_int = dc.kwic(tokens, "pilot", roles=None, exclude_roles=["interviewer"])
    assert len(no_int) == len(dc.kwic(tokens, "pilot"))
    turns = dc.kwic(tokens, "pilot", where={"unit": "turn"})
    assert set(turns["doc_id"]) == {"a", "c"}


def test_empty_result_has_all_columns(tokens):
    empty = dc.kwic(tokens, "finnesikke")
    assert empty.empty
    assert list(empty.columns) == list(dc.kwic(tokens, "pilot").columns)
    assert empty["char_start"].dtype == np.int64
    sorted_empty = dc.kwic(tokens, "finn*", sort=("R1",))
    assert sorted_empty.empty and list(sorted_empty.columns) == list(empty.columns)


def test_concordance_on_matches(tokens):
    hits = find(tokens, "pilot")
    rows = concordance(tokens, hits, window=2)
    assert len(rows) == len(hits)
    assert rows["keyword"].str.lower().str.startswith("pilot").all()
    t = tokens.table
    assert rows["char_start"].tolist() == t["char_start"].iloc[hits.start].tolist()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pattern": "(", "regex": True}, "invalid regular expression"),
        ({"pattern": "pilot", "window": 0}, "window must be"),
        ({"pattern": "pilot", "window": -3}, "window must be"),
        ({"pattern": "pilot", "window": 2.5}, "window must be"),
        ({"pattern": "pilot", "window": True}, "window must be"),
        ({"pattern": "pilot", "where": {"sektor": "x"}}, "unknown column 'sektor'"),
        ({"pattern": "pilot", "where": {"actor_type": "entrepenør"}}, "no segment has"),
        ({"pattern": "pilot", "where": ["actor_type"]}, "where must be a mapping"),
        ({"pattern": "pilot", "roles": ["respondant"]}, "unknown role"),
        ({"pattern": "pilot", "docs": ["zz"]}, "unknown document"),
        ({"pattern": "pilot", "sort": ("R1", "X2")}, "unknown key"),
        ({"pattern": "pilot", "sort": ("R1",), "sort_by": "stem"}, "sort_by must be"),
        ({"pattern": "pilot", "match": "stem"}, "match must be"),
        ({"pattern": "pilot", "within": "sentence"}, "within must be"),
        ({"pattern": "  "}, "empty pattern"),
        ({"pattern": 3}, "pattern must be"),
    ],
)
def test_bad_input(tokens, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        dc.kwic(tokens, **kwargs)


def test_not_tokens():
    with pytest.raises(ParameterError, match="expected Tokens"):
        dc.kwic(pd.DataFrame(), "pilot")


def test_index_is_saved_next_to_the_cache_and_reused(tmp_path):
    corpus = corpus_from(tmp_path, {"a.txt": A, "b.txt": B})
    first = dc.preprocess(corpus)
    lines = dc.kwic(first, "pilot")
    saved = first.cache_path / "index" / "lemma.npz"
    assert saved.is_file()
    again = dc.preprocess(corpus)
    assert again.from_cache
    index = token_index(again)
    index.codes("lemma")  # loads the saved order
    assert np.array_equal(index._fields["lemma"].order, token_index(first)._fields["lemma"].order)
    pd.testing.assert_frame_equal(dc.kwic(again, "pilot"), lines)
    # a selected subset is indexed in memory only
    subset = first.select(exclude_roles=["interviewer"])
    assert token_index(subset).save_dir is None
    # a damaged file is ignored and the index rebuilt
    saved.write_bytes(b"not an npz")
    third = dc.preprocess(corpus)
    pd.testing.assert_frame_equal(dc.kwic(third, "pilot"), lines)


def test_glob_prefix_lookup_equals_a_full_scan(demo):
    index = token_index(demo)
    for field in ("lemma", "norm", "surface"):
        types = index.types(field).tolist()
        for glob in ["innovasj*", "sam*id*", "Pilot?", "ø*", "k*e"]:
            hits = find(
                demo,
                glob,
                match="lemma" if field == "lemma" else "token",
                case_sensitive=field == "surface",
            )
            flags = 0 if field == "surface" else re.IGNORECASE
            rx = re.compile(glob.replace("*", ".*").replace("?", "."), flags)
            expected = {i for i, t in enumerate(types) if rx.fullmatch(t)}
            got = set(index.codes(field)[hits.start].tolist())
            assert got == expected, (field, glob)


WORDS = ["pilot", "kommune", "og", "risiko", "Eierskap", "ny", "å"]
PUNCT = [".", ",", "?", " –"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(
        st.lists(
            st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", *PUNCT])),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=3,
    ),
    window=st.integers(1, 5),
    within=st.sampled_from([None, "segment"]),
)
def test_windows_match_an_independent_count(tmp_path_factory, paragraphs, window, within):
    """Random paragraphs: every hit's context equals one built word by word."""
    text = "\n\n".join(" ".join(w + p for w, p in para) for para in paragraphs) + "\n"
    folder = tmp_path_factory.mktemp("hyp")
    corpus = corpus_from(folder, {"h.txt": text}, meta="file,doc_type\nh.txt,policy\n")
    tokens = dc.preprocess(corpus, cache=False, lemmatizer="none")
    lines = dc.kwic(tokens, "pilot", window=window, within=within)
    # independent: words, paragraphs and their offsets, straight from the text
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)]
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    para = [next(k for k, (a, b) in enumerate(spans) if a <= s < b) for s, _, _ in words]
    hits = [i for i, (_, _, w) in enumerate(words) if w.lower() == "pilot"]
    assert len(lines) == len(hits)
    for row, i in zip(lines.itertuples(), hits, strict=True):
        same = [j for j in range(len(words)) if within is None or para[j] == para[i]]
        before = [j for j in same if j < i][-window:]
        after = [j for j in same if j > i]
        assert row.char_start == words[i][0]
        left = text[words[before[0]][0] : words[i][0]] if before else ""
        assert row.left == " ".join(left.split())
        if len(after) > window:  # up to the next word past the window
            end = words[after[window]][0]
        else:  # to the end of the paragraph (or the text), punctuation included
            end = spans[para[i]][1] if within else spans[-1][1]
        assert row.right == " ".join(text[words[i][1] : end].split())
