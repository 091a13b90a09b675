"""dc.collocates: counts and association measures against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.concordance.collocates import side_by_side
from discourse.errors import ParameterError

# Paragraph documents (no speakers). Lemmatiser "none": lemmas are the lower-cased forms.
#   a, paragraph 1: kaffe NODE te , brød NODE kaffe ost .
#   a, paragraph 2: te ost kaffe og NODE
#   a, paragraph 3: brød brød te
#   b:              NODE kaffe kaffe
A = "Kaffe node te, brød node kaffe ost.\n\nte ost kaffe og node\n\nbrød brød te\n"
B = "node kaffe kaffe\n"
META = "file,doc_id,doc_type,actor_type\na.txt,a,policy,entrepreneur\nb.txt,b,policy,municipal\n"


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coll")
    corpus = corpus_from(folder, {"a.txt": A, "b.txt": B}, meta=META)
    return dc.preprocess(corpus, cache=False, lemmatizer="none")


def g2(o11, r1, c1, n):
    """Dunning's G² from the 2x2 table, written out cell by cell."""
    cells = [
        (o11, r1 * c1 / n),
        (r1 - o11, r1 * (n - c1) / n),
        (c1 - o11, (n - r1) * c1 / n),
        (n - r1 - c1 + o11, (n - r1) * (n - c1) / n),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_counts_and_measures_by_hand(tokens):
    table = dc.collocates(tokens, "node", window=2, min_freq=1, docs="a").set_index("collocate")
    # windows (±2, inside the paragraph, nodes excluded):
    #   p1 hit 1: {kaffe} + {te, brød}; p1 hit 2: {te, brød} + {kaffe, ost} -> union 5 tokens
    #   p2 hit:   {kaffe, og} + nothing (end of paragraph)                  -> 2 tokens
    n, f_node, r = 15, 3, 7  # 7 + 5 + 3 non-punctuation tokens; 3 hits; 7 window tokens
    observed = {"kaffe": 3, "te": 1, "brød": 1, "ost": 1}
    coll_freq = {"kaffe": 3, "te": 3, "brød": 3, "ost": 2}
    assert set(table.index) == set(observed)  # "og" is a stopword: not listed
    for word, o in observed.items():
        row = table.loc[word]
        c = coll_freq[word]
        e = f_node * c * (r / f_node) / n  # E = f(node) f(coll) span / N, span = R / f(node)
        assert row["observed"] == o
        assert row["collocate_freq"] == c
        assert (row["node_freq"], row["window_tokens"], row["corpus_tokens"]) == (f_node, r, n)
        assert row["expected"] == pytest.approx(e)
        assert row["mi"] == pytest.approx(math.log2(o / e))
        assert row["t"] == pytest.approx((o - e) / math.sqrt(o))
        assert row["logdice"] == pytest.approx(14 + math.log2(2 * o / (f_node + c)))
        sign = 1 if o >= e else -1
        assert row["ll"] == pytest.approx(sign * g2(o, r, c, n))
    # kaffe: E = 7 * 3 / 15 = 1.4; logDice = 14 + log2(6 / 6) = 14 exactly
    assert table.loc["kaffe", "expected"] == pytest.approx(1.4)
    assert table.loc["kaffe", "logdice"] == pytest.approx(14.0)
    assert table.index[0] == "kaffe"  # ordered by G², highest first
    assert table.loc["kaffe", "docs"] == 1


def test_stopwords_on_request_and_min_freq(tokens):
    with_stop = dc.collocates(tokens, "node", window=2, min_freq=1, docs="a", stopwords=True)
    assert "og" in set(with_stop["collocate"])
    row = with_stop.set_index("collocate").loc["og"]
    assert (row["observed"], row["collocate_freq"]) == (1, 1)
    # the measures of the other words do not depend on listing stopwords
    plain = dc.collocates(tokens, "node", window=2, min_freq=1, docs="a").set_index("collocate")
    pd.testing.assert_series_equal(
        with_stop.set_index("collocate").loc[plain.index, "ll"], plain["ll"]
    )
    assert dc.collocates(tokens, "node", window=2, min_freq=3, docs="a")["collocate"].tolist() == [
        "kaffe"
    ]


def test_contrastive_collocates_by_group(tokens):
    table = dc.collocates(tokens, "node", window=2, min_freq=1, by="actor_type")
    assert table.columns[0] == "actor_type"
    assert table["actor_type"].unique().tolist() == ["entrepreneur", "municipal"]
    mun = table[table["actor_type"] == "municipal"].set_index("collocate")
    # b alone: N = 3, one hit, window {kaffe, kaffe}: R = 2, O = 2, f(coll) = 2
    assert mun.loc["kaffe", "observed"] == 2
    assert mun.loc["kaffe", "corpus_tokens"] == 3
    assert mun.loc["kaffe", "expected"] == pytest.approx(2 * 2 / 3)
    assert mun.loc["kaffe", "logdice"] == pytest.approx(14 + math.log2(4 / 3))
    ent = table[table["actor_type"] == "entrepreneur"].set_index("collocate")
    alone = dc.collocates(tokens, "node", window=2, min_freq=1, docs="a").set_index("collocate")
    pd.testing.assert_frame_equal(ent.drop(columns="actor_type"), alone)
    # pooled: N = 18, f(node) = 4, R = 9, kaffe O = 5, f = 5
    pooled = dc.collocates(tokens, "node", window=2, min_freq=1).set_index("collocate")
    assert tuple(pooled.loc["kaffe", ["observed", "collocate_freq", "window_tokens"]]) == (5, 5, 9)
    assert pooled.loc["kaffe", "docs"] == 2
    wide = side_by_side(table, "actor_type", measure="logdice", top=3)
    assert list(wide.columns) == [
        "rank",
        "entrepreneur",
        "entrepreneur logdice",
        "municipal",
        "municipal logdice",
    ]
    assert wide["municipal"].iloc[0] == "kaffe"
    assert wide["entrepreneur"].iloc[0] == "kaffe"


def test_a_by_column_with_missing_values_gets_its_own_group(tmp_path):
    meta = "file,doc_id,doc_type,actor_type\na.txt,a,policy,entrepreneur\nb.txt,b,policy,\n"
    corpus = corpus_from(tmp_path, {"a.txt": A, "b.txt": B}, meta=meta)
    tokens = dc.preprocess(corpus, cache=False, lemmatizer="none")
    table = dc.collocates(tokens, "node", window=2, min_freq=1, by="actor_type")
    assert table["actor_type"].unique().tolist() == ["(none)", "entrepreneur"]
    none = table[table["actor_type"] == "(none)"].set_index("collocate")
    # b alone, as in the test above: N = 3, R = 2, O = 2
    assert none.loc["kaffe", ["observed", "corpus_tokens", "window_tokens"]].tolist() == [2, 3, 2]


def test_phrase_node(tokens):
    table = dc.collocates(tokens, "node kaffe", window=2, min_freq=1, docs="a")
    # one hit (p1 tokens 4-5): left {te, brød}, right {ost}
    got = table.set_index("collocate")["observed"].to_dict()
    assert got == {"te": 1, "brød": 1, "ost": 1}
    assert set(table["window_tokens"]) == {3} and set(table["node_freq"]) == {1}


def test_a_hit_inside_a_longer_hit_of_the_node_counts_once(tokens):
    # node = "node kaffe" or "node": p1's second "node" starts the phrase; one occurrence
    table = dc.collocates(tokens, ["node kaffe", "node"], window=2, min_freq=1, docs="a")
    # hits: p1 "node" (1), p1 "node kaffe" (4-5), p2 "node"; windows (±2, nodes excluded):
    #   {kaffe} + {te, brød}; {te, brød} + {ost}; {kaffe, og} -> R = 6
    row = table.set_index("collocate").loc["kaffe"]
    assert (row["node_freq"], row["window_tokens"], row["observed"]) == (3, 6, 2)
    assert row["logdice"] == pytest.approx(14 + math.log2(2 * 2 / (3 + 3)))


def test_windows_stay_in_the_turn_and_respect_roles(tmp_path):
    text = "Intervjuer: kaffe kaffe\nKari: node te\nIntervjuer: ost\nKari: te\n"
    corpus = corpus_from(tmp_path, {"i.txt": text}, meta="file,doc_type\ni.txt,interview\n")
    tokens = dc.preprocess(corpus, cache=False, lemmatizer="none")
    default = dc.collocates(tokens, "node", window=3, min_freq=1)
    # respondent turns only: N = 3 (node te te); the window stops at the turn: {te}
    assert default[["collocate", "observed", "corpus_tokens", "window_tokens"]].values.tolist() == [
        ["te", 1, 3, 1]
    ]
    everyone = dc.collocates(tokens, "node", window=3, min_freq=1, roles=None)
    assert everyone["collocate"].tolist() == ["te"]  # still no crossing into the question
    assert everyone["corpus_tokens"].tolist() == [6]


def test_measure_choice_and_order(tokens):
    table = dc.collocates(tokens, "node", window=2, min_freq=1, measures=("logdice", "mi"))
    assert list(table.columns[-2:]) == ["logdice", "mi"]
    assert "ll" not in table.columns
    assert np.all(np.diff(table["logdice"].to_numpy()) <= 0)


def test_no_hits_gives_an_empty_table_with_all_columns(tokens):
    empty = dc.collocates(tokens, "finnesikke")
    assert empty.empty
    full = dc.collocates(tokens, "node", window=2, min_freq=1)
    assert list(empty.columns) == list(full.columns)
    by = dc.collocates(tokens, "finnesikke", by="actor_type")
    assert by.empty and by.columns[0] == "actor_type"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"node": "(", "regex": True}, "invalid regular expression"),
        ({"node": "node", "window": 0}, "window must be"),
        ({"node": "node", "measures": ("ll", "dice")}, "measures: unknown"),
        ({"node": "node", "measures": ()}, "measures: unknown"),
        ({"node": "node", "min_freq": 0}, "min_freq must be"),
        ({"node": "node", "by": "sektor"}, "by: unknown column"),
        ({"node": "node", "where": {"sektor": "x"}}, "unknown column"),
    ],
)
def test_bad_input(tokens, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        dc.collocates(tokens, **kwargs)


def test_side_by_side_bad_input(tokens):
    table = dc.collocates(tokens, "node", window=2, min_freq=1, by="actor_type")
    with pytest.raises(ParameterError, match="no column"):
        side_by_side(table, "phase")
    with pytest.raises(ParameterError, match="unknown measure"):
        side_by_side(table, "actor_type", measure="dice")
