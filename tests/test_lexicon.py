"""Lexicons: the shipped institutional-logics lexicon, the YAML format, round trips, errors."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import corpus_from

import discourse as dc
from discourse.contrast.hits import lexicon_hits
from discourse.contrast.lexicon import Lexicon, LexiconError
from discourse.errors import ParameterError
from discourse.text.patterns import find

CATEGORIES = ["bureaucratic", "entrepreneurial", "civil_society", "collaborative_innovation"]


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load("institutional-logics")


def test_shipped_lexicon_has_four_categories_with_40_entries_per_language(lex):
    assert lex.top_categories == CATEGORIES
    assert lex.languages == ["en", "nb", "nn"]
    for lang in lex.languages:
        for cat in CATEGORIES:
            assert len(lex.entries(cat, lang)) >= 40, (lang, cat)


def test_each_language_file_is_a_valid_quanteda_dictionary_on_its_own(lex, tmp_path):
    from importlib import resources

    folder = resources.files("discourse.resources").joinpath("lexicons", "institutional-logics")
    for lang in ("nb", "nn", "en"):
        data = yaml.safe_load(folder.joinpath(f"{lang}.yml").read_text("utf-8"))
        assert list(data) == CATEGORIES
        single = Lexicon.load(str(folder.joinpath(f"{lang}.yml")), lang=lang)
        assert single.parts[lang] == lex.parts[lang]


def test_ambiguous_words_are_not_bare_entries(lex):
    # "plan", "ansvar", "lov" (also "allowed to"), "risiko", "effekt" and "kontroll" are
    # too ambiguous alone; they may appear only inside phrases or compounds
    for lang in ("nb", "nn"):
        for cat in CATEGORIES:
            for entry in lex.entries(cat, lang):
                assert entry not in {"plan", "ansvar", "lov", "risiko", "effekt", "kontroll"}


def _sample_word(entry: str) -> str:
    """A plausible written form of an entry: globs filled in with a likely letter."""
    word = re.sub(r"\?(?=[ae])", "z", entry)
    return word.replace("?", "u").replace("*", "")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_entry_matches_its_own_written_form(lex, lang, tmp_path):
    entries = sorted({e for cat in CATEGORIES for e in lex.entries(cat, lang)})
    # a frame in the lexicon's language: an English list in a Norwegian frame would (rightly)
    # be warned about as text that contradicts its declared language
    frame = "is here." if lang == "en" else "er her."
    text = "\n\n".join(f"{_sample_word(e).capitalize()} {frame}" for e in entries)
    corpus = corpus_from(tmp_path, {"doc.txt": text}, yml=f"language: {lang}\n")
    tokens = dc.preprocess(corpus, cache=False)
    # one search per entry: find reports a span once, under the first entry that matches
    assert [e for e in entries if len(find(tokens, [e])) == 0] == []


def test_inflected_norwegian_forms_land_in_the_right_category(lex, tmp_path):
    files = {
        "nb.txt": (
            "Saksbehandlingen av søknadene og vedtakene fulgte regelverket.\n\n"
            "Forretningsmodellene ga inntektene, og kundene likte innovasjonen.\n\n"
            "Ildsjelene og de frivillige bygde tilliten.\n\n"
            "Samskapingen ga felles eierskap."
        ),
        "nn.txt": (
            "Sakshandsaminga av søknadene og vedtaka følgde regelverket.\n\n"
            "Forretningsmodellane gav inntektene, og kundane likte innovasjonen.\n\n"
            "Eldsjelene og dei frivillige bygde tilliten.\n\n"
            "Samskapinga gav felles eigarskap."
        ),
    }
    meta = "file,lang\nnb.txt,nb\nnn.txt,nn\n"
    tokens = dc.preprocess(corpus_from(tmp_path, files, meta=meta), cache=False)
    hits = lexicon_hits(tokens, lex)
    t = tokens.table
    for doc in ("nb", "nn"):
        h = hits[hits["doc_id"] == doc]
        paragraph = t.loc[h["start"], "seg_id"].astype(str).str[-4:].astype(int).to_numpy()
        expected = [CATEGORIES.index(c) for c in h["category"]]
        assert paragraph.tolist() == expected, doc
        counts = h.groupby("category").size().to_dict()
        assert counts == {
            "bureaucratic": 4,
            "entrepreneurial": 4,
            "civil_society": 3,
            "collaborative_innovation": 2,
        }, (doc, counts)


def test_nested_categories_flatten_to_dotted_keys_and_write_back(tmp_path):
    text = (
        "# a comment\n"
        "logic:\n"
        "  rules:\n"
        "    - regelverk*\n"
        "    - forskrift\n"
        "  money: inntekt*\n"
        "plain:\n"
        "  - no\n"
        "  - 2020\n"
        "  - \"sosial*   verdiskap*\"\n"
    )
    path = tmp_path / "mine.yml"
    path.write_text(text, encoding="utf-8")
    lex = Lexicon.load(path)
    assert lex.categories == ["logic.rules", "logic.money", "plain"]
    assert lex.top_categories == ["logic", "plain"]
    assert lex.languages == ["*"]
    # YAML 1.1 would read "no" as False and 2020 as a number; a lexicon keeps words
    assert lex.entries("plain") == ["no", "2020", "sosial* verdiskap*"]
    assert lex.entries("logic") == ["regelverk*", "forskrift", "inntekt*"]
    assert lex.entries("logic.money", "nb") == ["inntekt*"]  # a part for any language
    again = yaml.safe_load(lex.to_yaml())
    assert again == {
        "logic": {"rules": ["regelverk*", "forskrift"], "money": ["inntekt*"]},
        "plain": ["no", "2020", "sosial* verdiskap*"],
    }


def test_round_trip_of_the_shipped_lexicon_through_a_folder_and_a_file(lex, tmp_path):
    folder = lex.save(tmp_path / "copy")
    assert sorted(p.name for p in folder.iterdir()) == ["en.yml", "nb.yml", "nn.yml"]
    assert Lexicon.load(folder).parts == lex.parts
    single = lex.save(tmp_path / "all.yml")
    assert Lexicon.load(single).parts == lex.parts


def test_round_trip_of_a_lexicon_for_any_language(tmp_path):
    lex = Lexicon.from_dict({"a": {"b": ["x*", "y z"]}, "c": ["w"]})
    folder = lex.save(tmp_path / "any-lexicon")
    assert [p.name for p in folder.iterdir()] == ["any.yml"]
    again = Lexicon.load(folder)
    assert again.parts == lex.parts and again.languages == ["*"]


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("rules:\n  - regelverk*\n - forskrift\nmarket: [kunde*\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yml: line 3, column 2: malformed YAML"):
        Lexicon.load(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "expected a mapping"),
        ("rules:\n", "category 'rules' has no entries"),
        ("rules: []\n", "category 'rules' has no entries"),
        ("rules:\n  - [a, b]\n", "not a word or phrase"),
        ("rules:\n  - '  '\n", "not a word or phrase"),
        ("a.b:\n  - x\n", "bad category name"),
    ],
)
def test_lexicon_files_that_are_not_dictionaries(tmp_path, text, message):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)):
        Lexicon.load(path)


def test_language_parts_must_share_categories(tmp_path):
    path = tmp_path / "two.yml"
    path.write_text("nb:\n  a: [x]\nen:\n  b: [y]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="different categories"):
        Lexicon.load(path)


def test_unknown_lexicon_name_and_unknown_category(lex):
    with pytest.raises(LexiconError, match=r"no shipped lexicon of that name.*institutional-logics"):
        Lexicon.load("no-such-lexicon")
    with pytest.raises(LexiconError, match=r"unknown category 'market'.*bureaucratic"):
        lex.entries("market", "nb")
    with pytest.raises(ParameterError, match="pass lang="):
        lex.entries("bureaucratic")


def test_a_lexicon_without_the_corpus_language_is_refused(tmp_path):
    corpus = corpus_from(tmp_path, {"a.txt": "Regelverket er strengt."}, yml="language: nb\n")
    tokens = dc.preprocess(corpus, cache=False)
    english = Lexicon.from_dict({"rules": ["regulation*"]}, lang="en")
    with pytest.raises(LexiconError, match="has no 'nb' part"):
        lexicon_hits(tokens, english)
    with pytest.raises(LexiconError, match="has no 'nb' part"):
        dc.score(tokens, english)


def test_each_document_is_matched_with_its_own_language_part(tmp_path):
    lex = Lexicon.from_dict(
        {"nb": {"civil": ["ildsjel*"]}, "nn": {"civil": ["eldsjel*"]}}, lang="multi"
    )
    text = "Ildsjelene og eldsjelene møttes."
    meta = "file,lang\nnb.txt,nb\nnn.txt,nn\n"
    files = {"nb.txt": text, "nn.txt": text}
    tokens = dc.preprocess(corpus_from(tmp_path, files, meta=meta), cache=False)
    hits = lexicon_hits(tokens, lex)
    surface = tokens.table["surface"].astype(str).to_numpy()
    found = {(d, surface[s]) for d, s in zip(hits["doc_id"], hits["start"], strict=True)}
    assert found == {("nb", "Ildsjelene"), ("nn", "eldsjelene")}
