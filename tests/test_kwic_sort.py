"""AntConc-style sorting of concordance lines: multi-level, stable, by form or lemma."""

from __future__ import annotations

import pytest
from conftest import corpus_from

import discourse as dc
from discourse.concordance.sort import collation_key, parse_sort_keys
from discourse.errors import ParameterError

# one paragraph per line; the hit numbers in the comments are corpus order
PARAGRAPHS = [
    "alfa nøkkel bravo charlie.",  # 0: L1 alfa   R1 bravo  R2 charlie
    "bravo nøkkel alfa delta.",  # 1: L1 bravo  R1 alfa   R2 delta
    "alfa nøkkel alfa bravo.",  # 2: L1 alfa   R1 alfa   R2 bravo
    "Åse nøkkel Zulu x.",  # 3: L1 Åse    R1 Zulu   R2 x
    "ære nøkkel bravo alfa.",  # 4: L1 ære    R1 bravo  R2 alfa
    "Bravo nøkkel alfa delta.",  # 5: L1 Bravo  R1 alfa   R2 delta
]
LEMMAS = "x nøkkel piloten b.\n\nx nøkkel anbud c.\n\nx nøkkel pilot a.\n\nsiste nøkkel"


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sort")
    corpus = corpus_from(
        folder,
        {"s.txt": "\n\n".join(PARAGRAPHS) + "\n", "t.txt": LEMMAS + "\n"},
        meta="file,doc_id,doc_type\ns.txt,s,policy\nt.txt,t,policy\n",
    )
    return dc.preprocess(corpus, cache=False)


def order(lines, corpus_order):
    """Hit numbers (corpus order) of the sorted lines, found by their offsets."""
    return [corpus_order.index(c) for c in lines["char_start"]]


@pytest.fixture(scope="module")
def base(tokens):
    return dc.kwic(tokens, "nøkkel", window=3, docs="s")["char_start"].tolist()


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # R1: alfa (1, 2, 5) < bravo (0, 4) < zulu (3); R2 breaks the ties, 1 and 5 stay
        (("R1", "R2"), [2, 1, 5, 4, 0, 3]),
        # R1 alone: ties keep corpus order (stable)
        (("R1",), [1, 2, 5, 0, 4, 3]),
        # L1 case-insensitively, Norwegian alphabet: ... z, æ, ø, å
        (("L1",), [0, 2, 1, 5, 4, 3]),
        (("L1", "R1"), [2, 0, 1, 5, 4, 3]),
        ("R2,R1", [4, 2, 0, 1, 5, 3]),
    ],
)
def test_multi_level_sort(tokens, base, keys, expected):
    lines = dc.kwic(tokens, "nøkkel", window=3, docs="s", sort=keys)
    assert order(lines, base) == expected
    assert len(lines) == len(base)


def test_sort_by_lemma_groups_inflections(tokens):
    hits = dc.kwic(tokens, "nøkkel", docs="t", within="segment")
    base = hits["char_start"].tolist()
    # surface: (siste: nothing right) < anbud < pilot < piloten
    by_form = dc.kwic(tokens, "nøkkel", docs="t", within="segment", sort="R1")
    assert order(by_form, base) == [3, 1, 2, 0]
    # lemma: pilot == piloten, so corpus order decides between them
    by_lemma = dc.kwic(tokens, "nøkkel", docs="t", within="segment", sort="R1", sort_by="lemma")
    assert order(by_lemma, base) == [3, 1, 0, 2]


def test_missing_words_sort_first_and_keyword_key(tokens):
    lines = dc.kwic(tokens, "pilot*", match="token", sort=("K",))
    assert lines["keyword"].tolist() == ["pilot", "piloten"]
    lines = dc.kwic(tokens, "nøkkel", docs="t", sort=("R1",))
    assert lines["right"].iloc[0] == ""  # the last word of the document


def test_sorted_rows_keep_their_offsets_and_context(tokens):
    plain = dc.kwic(tokens, "nøkkel", window=2)
    ranked = dc.kwic(tokens, "nøkkel", window=2, sort=("L1", "R1", "R2"))
    key = ["doc_id", "char_start"]
    a = plain.sort_values(key).reset_index(drop=True)
    b = ranked.sort_values(key).reset_index(drop=True)
    assert a.equals(b)


def test_collation_and_key_parsing():
    words = ["år", "Zulu", "øre", "ære", "alfa", "Écu", "eple"]
    assert sorted(words, key=collation_key) == ["alfa", "Écu", "eple", "Zulu", "ære", "øre", "år"]
    assert parse_sort_keys("r1, l2") == ("R1", "L2")
    assert parse_sort_keys(None) == ()
    for bad in ["R0", "M1", "", "K1", ["R1", "R100"]]:
        with pytest.raises(ParameterError, match="sort"):
            parse_sort_keys(bad)
