"""Modelling terms: the modelling stoplist, suspended hyphens and dotless abbreviations.

Expected values are worked out by hand from the small texts below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ParameterError
from discourse.resources import read_lines
from discourse.text.preprocess import TOKEN_COLUMNS, _detect_phrases
from discourse.text.profile import removal_steps
from discourse.text.settings import PreprocessSettings
from discourse.text.stopwords import modelling_stopwords, stopwords
from discourse.text.tokenize import dotless_abbreviations, token_kind, tokenize

# A (nb), 15 tokens: Vi at og fikk i are function words | sa (si), to, fjor are on the
# modelling stoplist | tros- is a suspended compound part | jf an abbreviation without
# its dot | , . punctuation | terms: livssynssamfunn, tilskudd, lov.
A = "Vi sa at tros- og livssynssamfunn fikk to tilskudd i fjor, jf loven.\n"
# B (nb), 15 tokens: Det i til for i are function words | forhold and eksempel stand in
# the listed fixed expressions "i forhold til" and "for eksempel" | , . . punctuation |
# terms: gjelde, kommune, bergen, god, forhold (outside the expression it is a term).
B = "Det gjelder i forhold til kommunen, for eksempel i Bergen. Gode forhold.\n"
META = "file,lang\na.txt,nb\nb.txt,nb\n"


def _removed(table: pd.DataFrame) -> dict[str, int]:
    counts = dict(zip(table["step"], table["removed"], strict=True))
    return {k: v for k, v in counts.items() if v}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return corpus_from(tmp_path_factory.mktemp("terms"), {"a.txt": A, "b.txt": B}, meta=META)


@pytest.fixture(scope="module")
def tokens(corpus):
    return dc.preprocess(corpus, cache=False)


# -- the lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "listed", "domain"),
    [
        (
            "nb",
            {"si", "ta", "komme", "gå", "se", "to", "tre", "første", "år", "gang", "del"},
            {"kommune", "tjeneste", "innovasjon", "budsjett", "regelverk", "ansvar", "tid"},
        ),
        (
            "nn",
            {"seie", "seia", "ta", "kome", "sjå", "to", "fyrste", "år", "gong", "del"},
            {"kommune", "teneste", "innovasjon", "budsjett", "regelverk", "ansvar", "tid"},
        ),
        (
            "en",
            {"say", "take", "come", "go", "two", "first", "year", "day", "part"},
            {"municipality", "service", "innovation", "budget", "regulation", "people"},
        ),
    ],
)
def test_modelling_stoplist_per_language(lang, listed, domain):
    words, phrases = modelling_stopwords(lang)
    assert listed <= words
    assert not (domain & words)
    # kept apart from the function words: no entry is on both lists
    function_words, _ = stopwords(lang, fillers=False)
    assert not (words & function_words)
    # entries are lower case and not repeated within a file
    entries = read_lines(f"stopwords/modelling-{lang}.txt")
    assert all(e == e.lower() for e in entries)
    assert len(entries) == len(set(entries))
    assert all(len(p) >= 2 for p in phrases)


def test_fixed_expressions_and_add_remove():
    _, phrases = modelling_stopwords("nb")
    assert {("i", "forhold", "til"), ("for", "eksempel"), ("i", "hvert", "fall")} <= phrases
    _, nn_phrases = modelling_stopwords("nn")
    assert ("til", "dømes") in nn_phrases
    words, phrases = modelling_stopwords(
        "nb", add=["Prosjekt", "felles  løft"], remove=["si", "for eksempel"]
    )
    assert "prosjekt" in words and "si" not in words
    assert ("felles", "løft") in phrases and ("for", "eksempel") not in phrases
    assert modelling_stopwords("nb", shipped=False, add=["x"]) == (frozenset({"x"}), frozenset())


# -- preprocess --------------------------------------------------------------------------


def test_tokens_column_contract(tokens):
    assert tokens.table.columns.tolist() == TOKEN_COLUMNS
    assert TOKEN_COLUMNS.index("is_modelling_stop") == TOKEN_COLUMNS.index("is_stop") + 1
    assert tokens.table["is_modelling_stop"].dtype == bool


def test_stoplisted_words_get_no_term_and_stay_apart_from_is_stop(tokens):
    t = tokens.table
    a = t[t.doc_id == "a"].set_index("surface")
    assert a.loc[["sa", "to", "fjor"], "is_modelling_stop"].all()
    assert not a.loc[["sa", "to", "fjor"], "is_stop"].any()
    assert a.loc[["sa", "to", "fjor"], "term"].isna().all()
    assert a.loc["sa", "lemma"] == "si"  # listed on lemmas: "sa" goes with "si"
    assert not a.loc[["Vi", "at", "og", "fikk", "i"], "is_modelling_stop"].any()
    assert a.loc[["Vi", "at", "og", "fikk", "i"], "is_stop"].all()
    assert t.loc[t.doc_id == "a", "term"].dropna().tolist() == [
        "livssynssamfunn",
        "tilskudd",
        "lov",
    ]
    # a fixed expression takes its words' terms there and only there
    b = t[t.doc_id == "b"].reset_index(drop=True)
    forhold = b.index[b.surface == "forhold"].tolist()
    assert b.loc[forhold, "is_modelling_stop"].tolist() == [True, False]
    assert b.loc[forhold, "term"].tolist()[1] == "forhold"
    assert b["term"].dropna().tolist() == ["gjelde", "kommune", "Bergen", "god", "forhold"]  # a place name keeps its case
    assert tokens.vocabulary()["term"].tolist()[0] != "si"


def test_per_segment_language_chooses_the_list(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {
            "nb.txt": "Vi fikk to svar.\n",
            "nn.txt": "Ho seier at dei fekk to svar.\n",
            "en.txt": "They said two answers came to us.\n",
        },
        meta="file,lang\nnb.txt,nb\nnn.txt,nn\nen.txt,en\n",
    )
    t = dc.preprocess(corpus, cache=False).table
    to = t[t.norm == "to"].set_index("doc_id")
    # "to" is the numeral two in Norwegian, a function word in English
    assert to.loc["nb", "is_modelling_stop"] and not to.loc["nb", "is_stop"]
    assert to.loc["nn", "is_modelling_stop"] and not to.loc["nn", "is_stop"]
    assert to.loc["en", "is_stop"] and not to.loc["en", "is_modelling_stop"]
    assert t.loc[t.surface.isin(["seier", "said", "two", "came"]), "term"].isna().all()
    assert set(t["term"].dropna().astype(str)) == {"svar", "answer"}


def test_switch_off_by_keyword(corpus):
    t = dc.preprocess(corpus, cache=False, modelling_stopwords=False).table
    assert not t["is_modelling_stop"].any()
    a = t[t.doc_id == "a"]
    assert a["term"].dropna().tolist() == ["si", "livssynssamfunn", "to", "tilskudd", "fjor", "lov"]
    # is_stop does not depend on the modelling stoplist
    assert t["is_stop"].tolist() == dc.preprocess(corpus, cache=False).table["is_stop"].tolist()


def test_extend_and_remove_in_corpus_yml(tmp_path):
    yml = (
        "preprocess:\n"
        "  modelling_stopwords_add: [tilskudd, gode forhold]\n"
        "  modelling_stopwords_remove: [fjor]\n"
    )
    corpus = corpus_from(tmp_path, {"a.txt": A, "b.txt": B}, yml=yml, meta=META)
    t = dc.preprocess(corpus, cache=False).table
    assert t.loc[t.doc_id == "a", "term"].dropna().tolist() == ["livssynssamfunn", "fjor", "lov"]
    assert t.loc[t.doc_id == "b", "term"].dropna().tolist() == ["gjelde", "kommune", "Bergen"]
    # keywords override corpus.yml; with the shipped list off, added entries still count
    t = dc.preprocess(corpus, cache=False, modelling_stopwords=False).table
    assert t.loc[t.doc_id == "a", "term"].dropna().tolist() == [
        "si",
        "livssynssamfunn",
        "to",
        "fjor",
        "lov",
    ]
    t = dc.preprocess(corpus, cache=False, modelling_stopwords_add=[]).table
    assert "tilskudd" in set(t["term"].dropna().astype(str))


def test_settings_are_validated_and_part_of_the_cache_key(corpus, tmp_path):
    for bad in ("yes", 1):
        with pytest.raises(ParameterError, match="modelling_stopwords must be true or false"):
            PreprocessSettings.resolve({"modelling_stopwords": bad}, {})
    with pytest.raises(ParameterError, match="modelling_stopwords_add must be a list"):
        PreprocessSettings.resolve({}, {"modelling_stopwords_add": [3]})
    with pytest.raises(ParameterError, match="modelling_stopwords_remove holds an empty"):
        PreprocessSettings.resolve({}, {"modelling_stopwords_remove": ["år", " "]})
    with pytest.raises(ParameterError, match="modelling_stopwords_add must be a list"):
        PreprocessSettings.resolve({"modelling_stopwords_add": {"a": 1}}, {})
    bad_yml = corpus_from(tmp_path, {"a.txt": A}, yml="preprocess:\n  modelling_stopword: no\n")
    with pytest.raises(dc.errors.ConfigError, match="modelling_stopword"):
        dc.preprocess(bad_yml, cache=False)
    on = dc.preprocess(corpus, cache_dir=tmp_path / "cache")
    off = dc.preprocess(corpus, cache_dir=tmp_path / "cache", modelling_stopwords=False)
    again = dc.preprocess(corpus, cache_dir=tmp_path / "cache")
    assert on.cache_path != off.cache_path and again.from_cache
    assert again.table["term"].astype(object).equals(on.table["term"].astype(object))


def test_removal_steps_show_the_new_steps(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"a.txt": A, "b.txt": B},
        yml="preprocess:\n  modelling_stopwords_add: [tilskudd]\n",
        meta=META,
    )
    tokens = dc.preprocess(corpus, cache=False)
    steps = removal_steps(tokens)
    assert _removed(steps) == {
        "punctuation": 5,  # , . | , . .
        "abbreviations": 1,  # jf
        "suspended hyphens": 1,  # tros-
        "stopwords": 10,  # Vi at og fikk i | Det i til for i
        "modelling stopwords": 5,  # sa to fjor | forhold eksempel
        "added modelling stopwords": 1,  # tilskudd
    }
    assert steps["remaining"].iloc[0] == 30
    assert steps["remaining"].iloc[-1] == tokens.table["term"].notna().sum() == 7
    setting = dict(zip(steps["step"], steps["setting"], strict=True))
    assert setting["modelling stopwords"] == "modelling_stopwords=True"
    assert setting["added modelling stopwords"] == "modelling_stopwords_add (1 entries)"
    # switched off: the step removes nothing, the added entry still does
    off = removal_steps(dc.preprocess(corpus, cache=False, modelling_stopwords=False))
    assert _removed(off)["added modelling stopwords"] == 1
    assert "modelling stopwords" not in _removed(off)
    assert off["remaining"].iloc[-1] == 12
    per = removal_steps(tokens, by="doc_id")
    a = _removed(per[per.doc_id == "a"])
    assert a["modelling stopwords"] == 3 and a["suspended hyphens"] == 1


def test_kwic_still_finds_stoplisted_words(tokens):
    hits = dc.kwic(tokens, "si")  # lemma search: "sa" is a form of "si"
    assert hits["keyword"].tolist() == ["sa"]
    assert dc.kwic(tokens, "fjor", match="token")["keyword"].tolist() == ["fjor"]
    assert dc.kwic(tokens, "i forhold til")["keyword"].tolist() == ["i forhold til"]
    assert dc.kwic(tokens, "forhold")["keyword"].tolist() == ["forhold", "forhold"]
    assert dc.kwic(tokens, "tros-", match="token")["keyword"].tolist() == ["tros-"]
    assert dc.kwic(tokens, "jf", match="token")["keyword"].tolist() == ["jf"]


def test_npmi_phrases_made_only_of_stoplisted_words_are_dropped():
    words = ["første", "gang", "ta", "ansvar", "kommune", "x"] * 6
    lemmas = np.array(words, dtype=object)
    kinds = np.array(["word"] * len(words), dtype=object)
    sent = np.repeat(np.arange(6), 6)
    settings = PreprocessSettings(phrases="npmi", phrase_min_count=3, phrase_threshold=0.1)
    model_words, _ = modelling_stopwords("nb")
    found = _detect_phrases(lemmas, kinds, sent, settings, frozenset(), frozenset(model_words))
    assert "første gang" not in found
    assert "ta ansvar" in found  # a light verb with a content word stays a phrase
    assert "første gang" in _detect_phrases(lemmas, kinds, sent, settings, frozenset())


# -- suspended hyphens ---------------------------------------------------------------------


def test_suspended_hyphens_are_never_terms(tmp_path):
    text = "Barne- og ungdomstjenesten og tros- eller livssynssamfunn.\n"
    # declared: one short sentence is too little for language identification to go by
    corpus = corpus_from(tmp_path, {"s.txt": text}, yml="language: nb\n")
    t = dc.preprocess(corpus, cache=False).table
    assert t["surface"].tolist()[:6] == [
        "Barne-",
        "og",
        "ungdomstjenesten",
        "og",
        "tros-",
        "eller",
    ]
    parts = t[t.surface.isin(["Barne-", "tros-"])]
    assert (parts["kind"] == "word").all() and parts["term"].isna().all()
    assert not parts["is_stop"].any() and not parts["is_modelling_stop"].any()
    assert set(t["term"].dropna().astype(str)) == {"ungdomstjeneste", "livssynssamfunn"}
    doc = corpus.texts["s"]
    assert all(doc[a:b] == s for a, b, s in zip(t.char_start, t.char_end, t.surface, strict=True))
    # an inner hyphen is part of a word, as before
    (tmp_path / "h").mkdir()
    t2 = dc.preprocess(corpus_from(tmp_path / "h", {"h.txt": "NAV-lederen.\n"}), cache=False)
    assert t2.table["term"].tolist()[0] == "nav-leder"
    assert dc.kwic(dc.preprocess(corpus, cache=False), "tros-", match="token").shape[0] == 1


# -- abbreviations without full stops ---------------------------------------------------------


@pytest.mark.parametrize(
    "abbr", ["jf", "nr", "ca", "mv", "dvs", "evt", "pga", "mht", "kr", "JF", "Nr", "etc", "Mr"]
)
def test_dotless_abbreviations_are_abbr(abbr):
    assert token_kind(abbr) == "abbr"


def test_inner_dotted_abbreviations_without_last_dot_are_one_token():
    text = "Se bl.a Oslo, f.eks Bergen, t.o.m 2020 og e.g, men f.eks.no er et domene."
    toks = tokenize(text)[2].tolist()
    assert toks[:8] == ["Se", "bl.a", "Oslo", ",", "f.eks", "Bergen", ",", "t.o.m"]
    assert "e.g" in toks
    assert [token_kind(t) for t in ("bl.a", "f.eks", "t.o.m", "e.g", "t.d", "m.a")] == ["abbr"] * 6
    # a domain name is not an abbreviation
    assert "f.eks" not in toks[toks.index("men") :]
    assert "bl.a." in tokenize("Se bl.a. dette.")[2].tolist()  # the dotted form, as before


def test_dotless_abbreviations_are_no_terms_and_keep_their_form(tmp_path):
    text = "Vi viser til bl.a Oslo og f.eks Bergen, jf loven nr 3 og ca 200 kr mv. Neste sak.\n"
    t = dc.preprocess(corpus_from(tmp_path, {"x.txt": text}), cache=False).table
    abbr = t[t.surface.isin(["bl.a", "f.eks", "jf", "nr", "ca", "kr", "mv."])]
    assert len(abbr) == 7 and (abbr["kind"] == "abbr").all()
    assert abbr["term"].isna().all()
    assert abbr["lemma"].astype(str).tolist() == ["bl.a", "f.eks", "jf", "nr", "ca", "kr", "mv."]
    assert not t["term"].dropna().astype(str).str.endswith(".").any()
    # sentences: nothing breaks at bl.a or f.eks; mv. before a capital ends the sentence
    first = t[t.sent_id == 0]["surface"].tolist()
    assert first[-1] == "mv." and t[t.sent_id == 1]["surface"].tolist() == ["Neste", "sak", "."]
    assert t["sent_id"].max() == 1
    assert set(t["term"].dropna().astype(str)) == {"vise", "Oslo", "Bergen", "lov", "sak"}


def test_words_that_look_like_abbreviations_stay_words(tmp_path):
    for word in ("eg", "no", "el", "jan", "jul", "us", "am", "pm", "ms", "may", "mar", "s"):
        assert word not in dotless_abbreviations(), word
    function = set()
    for lang in ("nb", "nn", "en"):
        function |= stopwords(lang)[0] | modelling_stopwords(lang)[0]
    assert not (dotless_abbreviations() & function)
    (tmp_path / "nn").mkdir()
    (tmp_path / "en").mkdir()
    nn = corpus_from(
        tmp_path / "nn",
        {"n.txt": "Eg er her no. Så gjekk eg heim.\n"},
        meta="file,lang\nn.txt,nn\n",
    )
    t = dc.preprocess(nn, cache=False).table
    assert t.loc[t.surface.isin(["Eg", "no", "eg"]), "kind"].tolist() == ["word"] * 3
    assert t["sent_id"].tolist() == [0] * 5 + [1] * 5  # "no." ends the first sentence
    en = corpus_from(
        tmp_path / "en",
        {"e.txt": "I said no. No. 5 came ca 1900 with Mr Smith. We left.\n"},
        meta="file,lang\ne.txt,en\n",
    )
    t = dc.preprocess(en, cache=False).table
    kinds = dict(zip(t.surface, t.kind, strict=False))
    assert kinds["no"] == "word" and kinds["No."] == "abbr"
    assert kinds["ca"] == "abbr" and kinds["Mr"] == "abbr"
    assert t.groupby("sent_id")["surface"].first().tolist() == ["I", "No.", "We"]


def test_an_abbreviation_glued_to_a_word_is_no_abbreviation():
    # "s." (side) is an abbreviation, but not the "s." of "Mulligan's." or "1980's."
    toks = tokenize("Se s. 12 om Mulligan's. Så 1980's. Slutt.")[2].tolist()
    assert toks == ["Se", "s.", "12", "om", "Mulligan's", ".", "Så", "1980's", ".", "Slutt", "."]


def test_english_contractions_are_function_words(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"e.txt": "It's clear that we're ready and don't wait.\n"},
        meta="file,lang\ne.txt,en\n",
    )
    t = dc.preprocess(corpus, cache=False).table
    assert t.loc[t.surface.isin(["It's", "we're", "don't"]), "is_stop"].all()
    assert set(t["term"].dropna().astype(str)) == {"clear", "ready", "wait"}


def test_summary_counts_modelling_stopwords(tokens):
    row = tokens.summary().set_index("lang").loc["all"]
    # A: sa to fjor; B: forhold eksempel (the function words are counted as stopwords)
    assert (row["stopwords"], row["modelling_stopwords"], row["terms"]) == (10, 5, 8)
