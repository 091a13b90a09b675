"""Lemmas: proper nouns, systematic misses, nynorsk infinitives, overrides (hand-made answers)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ConfigError, ParameterError
from discourse.text.context_lemmas import lemmatize_tokens, name_words, shipped_names
from discourse.text.lemmatize import Lemmatizer, lemma_corrections
from discourse.text.preprocess import _corpus_names
from discourse.text.settings import PreprocessSettings


def run(text: str, lang: str = "nb", **kwargs) -> list[tuple[str, str, bool]]:
    """Lemmatise sentences separated by ' | ' (tokens separated by spaces)."""
    tokens, starts = [], []
    for sentence in text.split(" | "):
        words = sentence.split()
        tokens += words
        starts += [True] + [False] * (len(words) - 1)
    res = lemmatize_tokens(tokens, starts, lang, **kwargs)
    return list(zip(tokens, res.lemmas, res.proper.tolist(), strict=True))


def lemmas_of(rows, form: str) -> list[str]:
    return [lemma for tok, lemma, _ in rows if tok == form]


# --- systematic misses (per form) ---------------------------------------------------------


@pytest.mark.parametrize(
    "form, lemma",
    [
        ("går", "gå"),
        ("står", "stå"),
        ("får", "få"),
        ("ser", "se"),
        ("sier", "si"),
        ("gjør", "gjøre"),
        ("regjeringens", "regjering"),  # simplemma: "regjeringen"
        ("regjeringen", "regjering"),
        ("kommunens", "kommune"),  # unknown form: genitive fallback
        ("dagens", "dag"),  # known form, definite base: the genitive goes
        ("kurs", "kurs"),  # a lemma ending in -s keeps it
        ("hennes", "hennes"),  # "henne" is no definite form: no stripping
    ],
)
def test_bokmaal_systematic_misses(form, lemma):
    assert Lemmatizer("nb")(form) == lemma


@pytest.mark.parametrize(
    "form, lemma",
    [
        ("driva", "drive"),  # a-infinitive → the e-infinitive of UD nynorsk
        ("drive", "drive"),
        ("vera", "vere"),
        ("gjera", "gjere"),
        ("krevja", "krevje"),
        ("liggja", "liggje"),
        ("konsentrera", "konsentrere"),  # simplemma's own lemma is the a-form
        ("data", "data"),  # listed in nn-a-words.txt: no verb
        ("bra", "bra"),
        ("går", "gå"),
        ("døydde", "døy"),  # nn.tsv
    ],
)
def test_nynorsk_infinitives_and_misses(form, lemma):
    assert Lemmatizer("nn")(form) == lemma


def test_context_correction_i_gaar():
    rows = run("Han kom i går . | Hun går hjem .")
    assert lemmas_of(rows, "går") == ["går", "gå"]


# --- proper nouns ------------------------------------------------------------------------


def test_mid_sentence_name_keeps_its_case_sentence_initial_common_noun_does_not():
    rows = run("Vi møtte Hagen i dag . | Kommunene betaler . | I hagen vokser epler .")
    assert lemmas_of(rows, "Hagen") == ["Hagen"]
    assert lemmas_of(rows, "hagen") == ["hage"]
    assert lemmas_of(rows, "Kommunene") == ["kommune"]
    assert [p for t, _, p in rows if t in ("Hagen", "Kommunene", "hagen")] == [True, False, False]


def test_per_the_name_and_per_the_preposition():
    rows = run("Det koster 20 kroner per dag . | Vi møtte Per . | Per Olsen kom .")
    assert lemmas_of(rows, "per") == ["per"]
    assert lemmas_of(rows, "Per") == ["Per", "Per"]
    # sentence-initial "Per" with "per" in the corpus and no mid-sentence "Per": the word
    rows = run("Per dag koster det 20 kroner . | Det er 5 per dag .")
    assert lemmas_of(rows, "Per") == ["per"]
    # ... unless a proper noun follows it ("Per Olsen")
    rows = run("Per Olsen kom . | Det er 5 per dag .")
    assert [(lem, p) for t, lem, p in rows if t == "Per"] == [("Per", True)]


def test_corpus_evidence_decides_a_dictionary_word():
    # "Diamanten" (a hotel) capitalised mid-sentence more than four times as often as
    # "diamanten" in lower case: a proper noun
    more = run(" | ".join(["Vi bodde på Diamanten ."] * 5 + ["diamanten glitret ."]))
    assert lemmas_of(more, "Diamanten") == ["Diamanten"] * 5
    assert lemmas_of(more, "diamanten") == ["diamant"]
    # four times as often is not enough: the common noun
    four = run(" | ".join(["Vi bodde på Diamanten ."] * 4 + ["diamanten glitret ."]))
    assert lemmas_of(four, "Diamanten") == ["diamant"] * 4
    fewer = run("Vi så Diamanten . | diamanten glitret . | diamanten var stor .")
    assert lemmas_of(fewer, "Diamanten") == ["diamant"]
    # a user's name wins over the counts
    named = run(
        "Vi så Diamanten . | diamanten glitret . | diamanten var stor .", names=["Diamanten"]
    )
    assert lemmas_of(named, "Diamanten") == ["Diamanten"]


def test_sentence_initial_form_follows_the_corpus_decision():
    rows = run("Diamanten var stor . | Vi bodde på Diamanten .")
    assert lemmas_of(rows, "Diamanten") == ["Diamanten", "Diamanten"]
    rows = run("Diamanten var stor . | Vi fant diamanten .")
    assert lemmas_of(rows, "Diamanten") == ["diamant"]


def test_after_an_opening_quote_is_no_evidence():
    rows = run("« Diamanten » var stor . | Vi fant diamanten .")
    assert lemmas_of(rows, "Diamanten") == ["diamant"]


def test_genitive_of_proper_nouns_and_institutions():
    rows = run("Norges regjering og Stortingets flertall møtte Storting og Norge .")
    assert lemmas_of(rows, "Norges") == ["Norge"]
    assert lemmas_of(rows, "Stortingets") == ["Stortinget"]
    assert lemmas_of(rows, "Storting") == ["Stortinget"]  # capital key in nb.tsv
    assert lemma_corrections("nb")["Storting"] == "Stortinget"


def test_hyphenated_compound_with_a_lower_case_end_is_no_proper_noun():
    rows = run("Vi møtte NAV-lederen og Oslo-politiet i Nord-Norge .")
    assert lemmas_of(rows, "NAV-lederen") == ["nav-leder"]
    assert lemmas_of(rows, "Oslo-politiet") == ["oslo-politi"]
    assert lemmas_of(rows, "Nord-Norge") == ["Nord-Norge"]


def test_single_letters_are_never_proper_nouns():
    rows = run("I think I can .", "en")
    assert lemmas_of(rows, "I") == ["i", "i"]


def test_shipped_names_and_speaker_name_words():
    assert {"Per", "Hagen", "Helene", "Anna", "Møre", "Oslo"} <= shipped_names("nb")
    assert shipped_names("nb") == shipped_names("nn")
    assert name_words(["Øystein Djupedal", float("nan"), "Carl I. Hagen"]) == {
        "Øystein",
        "Djupedal",
        "Carl",
        "Hagen",
    }


# --- methods, overrides ------------------------------------------------------------------


@pytest.mark.parametrize("method, lemma", [("none", "per"), ("snowball", "per")])
def test_snowball_and_none_are_unaffected(method, lemma):
    rows = run("Vi møtte Per .", method=method)
    assert rows[2] == ("Per", lemma, False)
    assert run("Hun møtte Hagen .", method="none")[2] == ("Hagen", "hagen", False)


def test_user_corrections_win():
    # a lower-case key applies to every case, also where the form would be a proper noun
    rows = run("Vi møtte Hagen .", corrections={"hagen": "hage"})
    assert rows[2] == ("Hagen", "hage", False)
    # a capitalised key applies to that exact form
    rows = run("Vi fant diamanten . | Vi så Diamanten .", corrections={"Diamanten": "Diamant"})
    assert lemmas_of(rows, "Diamanten") == ["Diamant"]
    assert lemmas_of(rows, "diamanten") == ["diamant"]


def test_lemmatize_tokens_accepts_a_categorical_and_checks_lengths():
    cat = pd.Categorical(["Vi", "møtte", "Per", "."])
    res = lemmatize_tokens(cat, np.array([True, False, False, False]), "nb")
    assert res.lemmas == ["vi", "møte", "Per", "."]
    with pytest.raises(ParameterError, match="sentence_starts has 2 entries for 4 tokens"):
        lemmatize_tokens(cat, [True, False], "nb")
    with pytest.raises(ParameterError, match="lang"):
        lemmatize_tokens(["a"], [True], "de")
    assert lemmatize_tokens([], [], "nb").lemmas == []


# --- through preprocess ------------------------------------------------------------------


def test_preprocess_proper_nouns_norm_term_and_stopwords(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"a.txt": "Vi møtte Per i hagen. Det koster 20 kroner per dag hos Helene på Møre.\n"},
    )
    t = dc.preprocess(corpus, cache=False).table
    per = t[t.norm == "per"][["surface", "lemma", "is_stop", "term"]]
    assert per.to_dict("records") == [
        {"surface": "Per", "lemma": "Per", "is_stop": False, "term": "Per"},
        {"surface": "per", "lemma": "per", "is_stop": True, "term": np.nan},
    ]
    assert t.loc[t.surface == "Helene", "lemma"].item() == "Helene"
    assert t.loc[t.surface == "Møre", "lemma"].item() == "Møre"
    assert t.loc[t.surface == "hagen", "lemma"].item() == "hage"


def test_preprocess_user_lemmas_and_proper_names(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"a.txt": "Vi fant diamanten. Vi bodde på Diamanten. diamanten lå der.\n"},
        yml="preprocess:\n  proper_names: [Diamanten]\n",
    )
    t = dc.preprocess(corpus, cache=False).table
    assert t.loc[t.surface == "Diamanten", "lemma"].item() == "Diamanten"
    t = dc.preprocess(corpus, cache=False, lemmas={"diamanten": "diamant"}).table
    assert t.loc[t.surface == "Diamanten", "lemma"].item() == "diamant"
    t = dc.preprocess(corpus, cache=False, lemmatizer="none").table
    assert t.loc[t.surface == "Diamanten", "lemma"].item() == "diamanten"


def test_bad_proper_names_setting(tmp_path):
    with pytest.raises(ParameterError, match="proper_names must be a list of strings"):
        PreprocessSettings.resolve({"proper_names": [1, 2]}, None)
    corpus = corpus_from(tmp_path, {"a.txt": "Hei.\n"}, yml="preprocess:\n  propernames: [A]\n")
    with pytest.raises(ConfigError, match="propernames"):
        dc.preprocess(corpus, cache=False)


def test_speaker_names_from_segments(tmp_path):
    corpus = corpus_from(tmp_path, {"a.txt": "Hei.\n"})

    class WithSpeakers:  # the segments a ParlaMint reader gives (speaker_name column)
        segments = pd.DataFrame({"speaker_name": ["Torgeir Knag Fylkesnes", None]})

    settings = PreprocessSettings.resolve(None, {"proper_names": ["Kari Nordmann"]})
    assert _corpus_names(WithSpeakers(), settings) == {
        "Torgeir",
        "Knag",
        "Fylkesnes",
        "Kari",
        "Nordmann",
    }
    assert _corpus_names(corpus, PreprocessSettings()) == frozenset()


def test_kwic_finds_both_nynorsk_infinitives(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"a.txt": "Dei vil driva garden vidare.\n\nVi skal drive butikken.\n"},
        meta="file,lang\na.txt,nn\n",
    )
    tokens = dc.preprocess(corpus, cache=False)
    for pattern in ("drive", "driva", "driv*"):
        lines = dc.kwic(tokens, pattern, roles=None)
        assert lines["keyword"].tolist() == ["driva", "drive"], pattern
    token_lines = dc.kwic(tokens, "driva", match="token", roles=None)
    assert token_lines["keyword"].tolist() == ["driva"]


def test_kwic_finds_proper_noun_lemmas_and_not_the_common_word(tmp_path):
    corpus = corpus_from(tmp_path, {"a.txt": "Vi møtte Hagen i dag. Eplene vokser i hagen.\n"})
    tokens = dc.preprocess(corpus, cache=False)
    assert dc.kwic(tokens, "hage", roles=None)["keyword"].tolist() == ["hagen"]
    assert dc.kwic(tokens, "Hagen", roles=None)["keyword"].tolist() == ["Hagen", "hagen"]
    assert dc.kwic(tokens, "Hag*", roles=None)["keyword"].tolist() == ["Hagen", "hagen"]


def test_ambiguous_positions_equal_a_token_by_token_recomputation():
    # where a capital is expected anyway: the first word of a sentence, or a word right
    # after an opener; the vectorised version must agree with the plain loop
    from discourse.text.context_lemmas import _OPENERS, _ambiguous_positions

    types = np.array(["Hei", ".", '"', "og", ":", "-", "Per", "(", "12"], dtype=object)
    is_word = np.array([t[0].isalpha() for t in types])
    rng = np.random.default_rng(0)
    for _ in range(500):
        n = int(rng.integers(1, 30))
        codes = rng.integers(0, len(types), n)
        starts = rng.random(n) < 0.2
        expected, seen_word = [], False
        for i, c in enumerate(codes):
            if i == 0 or starts[i]:
                seen_word = False
            word = bool(is_word[c])
            after_opener = i > 0 and types[codes[i - 1]] in _OPENERS
            expected.append(word and (not seen_word or after_opener))
            seen_word = seen_word or word
        got = _ambiguous_positions(codes, types, starts, is_word)
        assert got.tolist() == expected
