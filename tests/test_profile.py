"""discourse.text.profile: corpus composition, what preprocessing removes, frequent terms.

Expected values are counted by hand from the two small documents below.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ParameterError
from discourse.text.profile import STEPS, composition, frequent_terms, removal_steps

# A (interview, entrepreneur):
#   header line      "Dato: mars"                          -> Dato : mars (3 tokens, 2 words)
#   interviewer turn "Hva mener du om piloten?"             -> 6 tokens, 5 words
#   respondent turn  "Eh, piloten var bra, ikke sant. Felles eierskap og risiko i 2024."
#     16 tokens: punct , , . .  | number 2024 | function words var ikke og i |
#     fillers Eh, sant (of "ikke sant") | added stopword bra | eierskap joined into
#     felles_eierskap | terms: pilot, felles_eierskap, risiko. 11 words.
# B (policy, paragraph): "Risiko og regelverk. Risiko er x."
#     8 tokens: punct . . | function words og er | x too short | terms risiko, regelverk,
#     risiko. 6 words.
A = (
    "Dato: mars\n\nIntervjuer: Hva mener du om piloten?\n"
    "Informant: Eh, piloten var bra, ikke sant. Felles eierskap og risiko i 2024.\n"
)
B = "Risiko og regelverk. Risiko er x.\n"
META = "file,doc_id,doc_type,actor_type\na.txt,A,interview,entrepreneur\nb.txt,B,policy,policy\n"
SETTINGS = {"multiword": ["felles eierskap"], "stopwords_add": ["bra"]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return corpus_from(tmp_path_factory.mktemp("profile"), {"a.txt": A, "b.txt": B}, meta=META)


@pytest.fixture(scope="module")
def tokens(corpus):
    return dc.preprocess(corpus, cache=False, **SETTINGS)


def removed(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["step"], table["removed"], strict=True))


def test_every_token_is_counted_once_at_its_step(tokens):
    steps = removal_steps(tokens)
    assert steps["step"].tolist() == list(STEPS)
    assert removed(steps) == {
        "all tokens": 0,
        "interviewer turns": 6,
        "header lines": 3,
        "punctuation": 6,
        "numbers": 1,
        "abbreviations": 0,
        "URLs and e-mail addresses": 0,
        "suspended hyphens": 0,  # the steps of the modelling stoplist and suspended
        "stopwords": 6,  # hyphens are listed with 0: nothing here is on the list
        "fillers": 2,  # (tests/test_modelling_terms.py counts them)
        "added stopwords": 1,
        "modelling stopwords": 0,
        "added modelling stopwords": 0,
        "pseudonyms": 0,
        "too short": 1,
        "joined into multiword terms": 1,
        "document frequency": 0,
    }
    assert steps["remaining"].iloc[0] == len(tokens.table) == 33
    # what is left is exactly the modelling terms outside interviewer turns and headers
    kept = tokens.select(exclude_roles=["interviewer"], units=["turn", "paragraph"])
    assert steps["remaining"].iloc[-1] == kept.table["term"].notna().sum() == 6
    assert steps["share_removed"].iloc[1] == pytest.approx(6 / 33)


def test_steps_per_group_add_up_to_the_whole(tokens):
    per = removal_steps(tokens, by="actor_type")
    assert sorted(per["actor_type"].unique()) == ["entrepreneur", "policy"]
    policy = removed(per[per["actor_type"] == "policy"])
    assert (policy["punctuation"], policy["stopwords"], policy["too short"]) == (2, 2, 1)
    assert per[per["step"] == "all tokens"]["remaining"].tolist() == [25, 8]
    total = per.groupby("step", sort=False)["removed"].sum()
    assert total.to_dict() == removed(removal_steps(tokens))


def test_switched_off_settings_remove_nothing(corpus):
    plain = dc.preprocess(corpus, cache=False, multiword=["felles eierskap"], fillers=False)
    got = removed(removal_steps(plain))
    # without fillers "Eh" and "sant" stay words and become terms; nothing was added
    assert (got["fillers"], got["added stopwords"]) == (0, 0)
    assert removal_steps(plain)["remaining"].iloc[-1] == 6 + 3  # + eh, bra, sann


def test_document_frequency_step_is_found_by_comparison(corpus):
    # min_df=2: pilot, felles_eierskap (only A) and regelverk (only B) go; risiko stays
    limited = dc.preprocess(corpus, cache=False, min_df=2, **SETTINGS)
    got = removed(removal_steps(limited))
    assert got["document frequency"] == 3
    assert got["joined into multiword terms"] == 1  # "eierskap" is still a joined word
    assert removal_steps(limited)["remaining"].iloc[-1] == 3


def test_keeping_interviewer_turns(tokens):
    got = removed(removal_steps(tokens, exclude_roles=(), units=("turn", "paragraph", "header")))
    assert (got["interviewer turns"], got["header lines"]) == (0, 0)
    assert got["punctuation"] == 6 + 1 + 1  # the question mark and the header's colon


def test_composition_by_group_and_part(tokens):
    table = composition(tokens, by="actor_type")
    rows = {(r.actor_type, r.part): (r.documents, r.segments, r.words) for r in table.itertuples()}
    assert rows == {
        ("entrepreneur", "interviewer turns"): (1, 1, 5),
        ("entrepreneur", "respondent turns"): (1, 1, 11),
        ("entrepreneur", "header lines"): (1, 1, 2),
        ("policy", "paragraphs"): (1, 1, 6),
    }
    whole = composition(tokens, by=None)
    assert set(whole["group"]) == {"all"}
    assert whole["words"].sum() == (tokens.table["kind"] == "word").sum() == 24


def test_frequent_terms_rank_by_frequency_then_documents_then_alphabet(tokens):
    top = frequent_terms(tokens, by="actor_type", n=5)
    ent = top[top["actor_type"] == "entrepreneur"]
    # interviewer turn left out: pilot, felles_eierskap and risiko once each (a tie)
    assert ent["term"].tolist() == ["felles_eierskap", "pilot", "risiko"]
    assert ent["per_1000"].tolist() == pytest.approx([1000 / 3] * 3)
    pol = top[top["actor_type"] == "policy"]
    assert pol[["rank", "term", "freq", "docs"]].values.tolist() == [
        [1, "risiko", 2, 1],
        [2, "regelverk", 1, 1],
    ]
    with_questions = frequent_terms(tokens, by="actor_type", n=1, exclude_roles=())
    assert with_questions.iloc[0][["term", "freq"]].tolist() == ["pilot", 2]
    whole = frequent_terms(tokens, n=1)
    assert whole[["term", "freq", "docs", "share_docs"]].values.tolist() == [["risiko", 3, 2, 1.0]]


def test_bad_input(tokens):
    with pytest.raises(ParameterError, match="unknown column 'sector'"):
        removal_steps(tokens, by="sector")
    with pytest.raises(ParameterError, match="unknown column"):
        composition(tokens, by="nope")
    with pytest.raises(ParameterError, match="n must be"):
        frequent_terms(tokens, n=0)
    with pytest.raises(ParameterError, match="expected Tokens"):
        composition(tokens.table)


def test_document_counts_by_structure_and_language(tokens):
    from discourse.text.profile import document_counts

    table = document_counts(tokens, by="actor_type")
    assert table["actor_type"].tolist() == ["entrepreneur", "policy", "total"]
    assert table.set_index("actor_type").to_dict("index") == {
        "entrepreneur": {
            "documents": 1,
            "structure: paragraphs": 0,
            "structure: transcript": 1,
            "lang: nb": 1,
        },
        "policy": {
            "documents": 1,
            "structure: paragraphs": 1,
            "structure: transcript": 0,
            "lang: nb": 1,
        },
        "total": {
            "documents": 2,
            "structure: paragraphs": 1,
            "structure: transcript": 1,
            "lang: nb": 2,
        },
    }
    assert document_counts(tokens, by=None, columns=())["documents"].tolist() == [2, 2]
    with pytest.raises(ParameterError, match="unknown document column"):
        document_counts(tokens, by="sector")
