"""preprocess: tokens, offsets, lemmas, stopwords, multiword terms, filters, cache."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.errors import ConfigError, DiscourseWarning, ParameterError
from discourse.text.lemmatize import Lemmatizer
from discourse.text.stopwords import stopwords

TRANSCRIPT = (
    "Dato: 14.03.2023\n\n"
    "Intervjuer: Hva tenker du om samarbeidet med kommunen?\n"
    "Kari: Eh, altså... sosiale entreprenører er, ikke sant, veldig fleksible. "
    "De jobber f.eks. raskt, bl.a. med NAV-lederen og barne- og ungdomstjenesten. "
    "Men samarbeidet med kommunene tar tid! Sant nok.\n"
    "Intervjuer: Hvor mye fikk dere?\n"
    "Kari: Vi fikk 250 000 kroner i 2023, dvs. 15% av budsjettet. "
    "Send en e-post til kari@eksempel.example eller se https://www.eksempel.example/side.\n"
)


@pytest.fixture
def tokens(tmp_path) -> dc.Tokens:
    return dc.preprocess(corpus_from(tmp_path, {"k.txt": TRANSCRIPT}), cache=False)


def test_surface_forms_round_trip_through_offsets(tokens):
    t = tokens.table
    text = tokens.corpus.text("k")
    assert all(text[s:e] == w for s, e, w in zip(t.char_start, t.char_end, t.surface, strict=True))
    # tokens lie inside their segment; speaker labels are not tokens
    seg = tokens.segments.set_index("seg_id")
    assert (t.char_start.to_numpy() >= seg.loc[t.seg_id, "char_start"].to_numpy()).all()
    assert (t.char_end.to_numpy() <= seg.loc[t.seg_id, "char_end"].to_numpy()).all()
    assert "Intervjuer" not in set(t.surface) and "Kari" not in set(t.surface)
    assert t.columns.tolist() == dc.text.preprocess.TOKEN_COLUMNS


def test_tokenisation_rules(tokens):
    surfaces = tokens.table.surface.tolist()
    for expected in (
        "entreprenører",
        "f.eks.",
        "bl.a.",
        "dvs.",
        "NAV-lederen",
        "barne-",
        "ungdomstjenesten",
        "250",
        "000",
        "2023",
        "15%",
        "...",
        "kari@eksempel.example",
        "https://www.eksempel.example/side",
    ):
        assert expected in surfaces, expected
    kinds = dict(zip(tokens.table.surface, tokens.table.kind, strict=False))
    assert kinds["2023"] == "number" and kinds["f.eks."] == "abbr" and kinds["!"] == "punct"
    norms = dict(zip(tokens.table.surface, tokens.table.norm, strict=False))
    assert norms["kari@eksempel.example"] == "<email>"
    assert norms["https://www.eksempel.example/side"] == "<url>"
    assert tokens.table.loc[tokens.table.norm.isin(["<email>", "<url>"]), "term"].isna().all()


def test_sentences_do_not_break_at_abbreviations(tokens):
    t = tokens.table
    kari = t[t.seg_id == "k:0002"]
    starts = kari.groupby("sent_id").surface.first().tolist()
    assert starts == ["Eh", "De", "Men", "Sant"]
    # sent_id and position count within the document
    assert t.position.tolist() == list(range(len(t)))
    assert (np.diff(t.sent_id) >= 0).all()


def test_norwegian_lemmas():
    lem = Lemmatizer("nb")
    assert lem("entreprenørene") == "entreprenør"
    assert lem("kommunene") == "kommune"
    assert lem("samarbeidet") == "samarbeide"  # simplemma's bokmål reading; see README
    assert lem("kommunens") == "kommune"  # genitive fallback
    assert lem("nav-lederen") == "nav-leder"  # compound: last part lemmatised
    assert lem("leder") == "leder"  # shipped correction (simplemma says "led")
    assert Lemmatizer("nn")("tenestene") == "teneste"
    assert Lemmatizer("nb", method="snowball")("kommunene") == "kommun"
    assert Lemmatizer("nb", method="none")("kommunene") == "kommunene"
    with pytest.raises(ParameterError):
        Lemmatizer("sv")


def test_stopwords_and_fillers(tokens):
    t = tokens.table.set_index("surface")
    for word in ("Eh", "altså", "er", "Vi", "med"):
        assert t.loc[word, "is_stop"].all(), word
    # "ikke sant" is a filler as a whole; "Sant nok" keeps "Sant" as content
    ikke_sant = tokens.table[tokens.table.norm.isin(["ikke", "sant"])]
    assert ikke_sant.is_stop.tolist() == [True, True, False]
    assert tokens.table.loc[tokens.table.surface == "kroner", "term"].tolist() == ["krone"]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_stopword_lists_hold_no_content_words(lang):
    words, phrases = stopwords(lang)
    guard = {
        "kommune",
        "kommunen",
        "fjordvik",
        "oslo",
        "bergen",
        "norge",
        "nav",
        "januar",
        "februar",
        "mars",
        "april",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "desember",
        "barn",
        "ungdom",
        "innovasjon",
        "samarbeid",
        "risiko",
        "ansvar",
        "tillit",
        "pilot",
        "kroner",
        "municipality",
        "january",
        "march",
        "innovation",
        "risk",
        "government",
        "people",
        "work",
        "year",
    }
    assert not (words & guard)
    assert len(words) > 100
    assert all(" " in " ".join(p) for p in phrases)


def test_stopwords_added_and_removed_by_keyword_and_corpus_yml(tmp_path):
    corpus = corpus_from(
        tmp_path, {"k.txt": TRANSCRIPT}, yml="preprocess:\n  stopwords_add: [kroner]\n"
    )
    t = dc.preprocess(corpus, cache=False).table
    assert t.loc[t.surface == "kroner", "is_stop"].all()
    t = dc.preprocess(corpus, cache=False, stopwords_add=[], stopwords_remove=["med"]).table
    assert not t.loc[t.surface == "med", "is_stop"].any()
    assert not t.loc[t.surface == "kroner", "is_stop"].any()  # keyword replaces the yml list


def test_multiword_terms_join_inflected_forms(tmp_path):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    t = dc.preprocess(corpus, cache=False, multiword=["sosial entreprenør"]).table
    i = t.index[t.surface == "sosiale"][0]
    assert t.loc[i, "term"] == "sosial_entreprenør"
    assert pd.isna(t.loc[i + 1, "term"]) and t.loc[i + 1, "lemma"] == "entreprenør"
    with pytest.raises(ParameterError, match="fewer than two words"):
        dc.preprocess(corpus, cache=False, multiword=["innovasjon"])


def test_gensim_phrases_detect_a_recurring_pair(tmp_path):
    text = (
        "\n\n".join(
            f"Avsnitt {i}: felles eierskap er viktig, sa {name}. Tillit bygges over tid."
            for i, name in enumerate(["Kari", "Ola", "Per", "Ali", "Siv", "Tor"])
        )
        + "\n\nHelt andre ord her.\n"
    )
    corpus = corpus_from(tmp_path, {"p.txt": text})
    t = dc.preprocess(
        corpus, cache=False, phrases="npmi", phrase_min_count=3, phrase_threshold=0.5
    ).table
    assert (t.term == "felles_eierskap").sum() == 6
    joined = set(t.term.dropna()[t.term.dropna().str.contains("_")])
    # pairs with a stopword at either end ("eierskap er", "over tid") are not phrases
    assert joined == {"felles_eierskap", "tillit_bygge"}


def test_vocabulary_filters_by_hand(tmp_path):
    files = {
        "a.txt": "Pilot pilot risiko ansvar.\n",
        "b.txt": "Pilot risiko.\n",
        "c.txt": "Pilot x.\n",
    }
    corpus = corpus_from(tmp_path, files)
    vocab = dc.preprocess(corpus, cache=False).vocabulary().set_index("term")
    assert vocab.loc["pilot"].tolist() == [4, 3]
    assert vocab.loc["risiko"].tolist() == [2, 2]
    assert "x" not in vocab.index  # min_length 2
    vocab = dc.preprocess(corpus, cache=False, min_df=2).vocabulary()
    assert vocab.term.tolist() == ["pilot", "risiko"]
    vocab = dc.preprocess(corpus, cache=False, max_df=0.7).vocabulary()
    assert vocab.term.tolist() == ["risiko", "ansvar"]  # pilot is in 3 of 3 documents


def test_language_per_document_from_metadata(tmp_path):
    corpus = corpus_from(
        tmp_path,
        {"nb.txt": "Tjenestene er gode.\n", "nn.txt": "Tenestene er ikkje gode.\n"},
        meta="file,lang\nnb.txt,nb\nnn.txt,nn\n",
    )
    t = dc.preprocess(corpus, cache=False).table
    assert t.loc[t.surface == "Tjenestene", "lemma"].item() == "tjeneste"
    assert t.loc[t.surface == "Tenestene", "lemma"].item() == "teneste"
    assert t.loc[t.surface == "ikkje", "is_stop"].item()


def test_select_roles_units_and_metadata(tmp_path):
    corpus = corpus_from(
        tmp_path, {"k.txt": TRANSCRIPT}, meta="file,actor_type\nk.txt,entrepreneur\n"
    )
    tokens = dc.preprocess(corpus, cache=False)
    respondents = tokens.select(roles=["respondent"])
    assert set(respondents.with_segments(["role"]).role) == {"respondent"}
    no_int = tokens.select(exclude_roles=["interviewer"], units=["turn"])
    assert set(no_int.with_segments(["unit"]).unit) == {"turn"}
    assert len(tokens.select(where={"actor_type": "municipal"})) == 0
    with pytest.raises(ParameterError, match="unknown column 'actor'"):
        tokens.select(where={"actor": "x"})
    with pytest.raises(ParameterError, match="unknown segment column"):
        tokens.with_segments(["nope"])


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"min_df": 0}, "min_df must be a whole number >= 1"),
        ({"min_df": 1.5}, "min_df must be a whole number"),
        ({"max_df": 1.5}, r"max_df must be a share in \(0, 1\]"),
        ({"max_df": 0}, "max_df"),
        ({"min_length": 0}, "min_length"),
        ({"lemmatizer": "spacy"}, "lemmatizer must be one of"),
        ({"phrases": "pmi"}, "phrases must be None or 'npmi'"),
        ({"phrase_threshold": 2}, "phrase_threshold"),
        ({"stopword_add": ["x"]}, "unknown setting.*stopword_add"),
        ({"multiword": [1, 2]}, "list of strings"),
    ],
)
def test_impossible_parameters(tmp_path, kwargs, pattern):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    with pytest.raises(ParameterError, match=pattern):
        dc.preprocess(corpus, cache=False, **kwargs)


def test_bad_preprocess_section_in_corpus_yml(tmp_path):
    with pytest.raises(ConfigError, match=r"unknown setting.*min_dff"):
        dc.preprocess(
            corpus_from(tmp_path, {"k.txt": TRANSCRIPT}, yml="preprocess: {min_dff: 2}\n")
        )
    with pytest.raises(ParameterError, match="needs a Corpus"):
        dc.preprocess("data/raw/demo")


def test_no_network_needed(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("preprocessing tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    for lemmatizer in ("simplemma", "snowball"):
        t = dc.preprocess(
            corpus, cache=False, lemmatizer=lemmatizer, phrases="npmi", phrase_min_count=1
        )
        assert len(t) > 50


def _parquet_bytes(table: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    table.to_parquet(buf, index=False)
    return buf.getvalue()


def test_same_inputs_give_byte_identical_tables(tmp_path):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT, "l.txt": TRANSCRIPT[::-1]})
    a = dc.preprocess(corpus, cache=False, multiword=["sosial entreprenør"]).table
    b = dc.preprocess(
        dc.read_corpus(corpus.path), cache=False, multiword=["sosial entreprenør"]
    ).table
    assert _parquet_bytes(a) == _parquet_bytes(b)
    assert a.to_csv(index=False) == b.to_csv(index=False)


def test_cache_reuse_keys_and_round_trip(tmp_path):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    cache_dir = tmp_path / "cache"
    first = dc.preprocess(corpus, cache_dir=cache_dir)
    assert not first.from_cache and first.cache_path.is_dir()
    again = dc.preprocess(dc.read_corpus(corpus.path), cache_dir=cache_dir)
    assert again.from_cache and again.cache_path == first.cache_path
    pd.testing.assert_frame_equal(again.table, first.table)
    other = dc.preprocess(corpus, cache_dir=cache_dir, min_length=3)
    assert not other.from_cache and other.cache_path != first.cache_path
    (corpus.path / "k.txt").write_text(TRANSCRIPT + "Kari: Ett ord til.\n", encoding="utf-8")
    changed = dc.preprocess(dc.read_corpus(corpus.path), cache_dir=cache_dir)
    assert not changed.from_cache
    manifest = (first.cache_path / "manifest.json").read_text()
    assert '"k.txt"' in manifest and '"simplemma"' in manifest


def test_cache_write_is_atomic(tmp_path, monkeypatch):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    cache_dir = tmp_path / "cache"

    real_save = np.save

    def crash(path, array, **kwargs):
        if str(path).endswith("lemma.npy"):
            Path(path).write_bytes(b"\x93NUMPY half a file")
            raise OSError("disk full")
        real_save(path, array, **kwargs)

    monkeypatch.setattr(np, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        dc.preprocess(corpus, cache_dir=cache_dir)
    monkeypatch.undo()
    assert list((cache_dir / corpus.name).iterdir()) == []  # nothing half-written is left
    assert not dc.preprocess(corpus, cache_dir=cache_dir).from_cache


def test_damaged_cache_entry_is_rebuilt_with_a_warning(tmp_path):
    corpus = corpus_from(tmp_path, {"k.txt": TRANSCRIPT})
    first = dc.preprocess(corpus, cache_dir=tmp_path / "cache")
    (first.cache_path / "lemma.npy").write_bytes(b"garbage")
    with pytest.warns(DiscourseWarning, match="cache entry is damaged"):
        again = dc.preprocess(corpus, cache_dir=tmp_path / "cache")
    assert not again.from_cache
    pd.testing.assert_frame_equal(again.table, first.table)


def test_default_cache_dir_follows_the_data_layout(tmp_path, monkeypatch):
    monkeypatch.delenv("DISCOURSE_CACHE_DIR")
    root = tmp_path / "prosjekt"
    (root / "data" / "raw" / "mine").mkdir(parents=True)
    (root / "data" / "raw" / "mine" / "a.txt").write_text("Pilot og risiko.\n")
    tokens = dc.preprocess(dc.read_corpus(root / "data" / "raw" / "mine"))
    assert tokens.cache_path.parent == root / "data" / "processed" / "mine"


def test_parallel_tokenising_gives_identical_tables(tmp_path):
    files = {
        f"d{i:02d}.txt": TRANSCRIPT.replace("Kari", f"Kari{i % 3}") * (i % 4 + 1) for i in range(12)
    }
    corpus = corpus_from(tmp_path, files)
    one = dc.preprocess(corpus, cache=False, n_jobs=1).table
    two = dc.preprocess(corpus, cache=False, n_jobs=2).table
    pd.testing.assert_frame_equal(one, two)
    assert _parquet_bytes(one) == _parquet_bytes(two)
    with pytest.raises(ParameterError, match="n_jobs"):
        dc.preprocess(corpus, cache=False, n_jobs=0)


def test_pseudonym_placeholders_are_tokens_but_never_terms(tmp_path):
    text = "Informant: [PERSON_2] og [ORG_10] startet piloten i [STED_1]. PERSON er et ord.\n"
    corpus = corpus_from(tmp_path, {"a.txt": text})
    table = dc.preprocess(corpus, cache=False).table
    surface = table["surface"].astype(str)
    placeholders = table[surface.isin(["PERSON_2", "ORG_10", "STED_1"])]
    assert len(placeholders) == 3  # still tokens: concordances show them
    assert placeholders["term"].isna().all()
    assert set(table["term"].dropna().astype(str)) >= {"pilot", "starte", "person", "ord"}
    steps = dc.removal_steps(dc.preprocess(corpus, cache=False), exclude_roles=())
    assert steps.set_index("step").loc["pseudonyms", "removed"] == 3


def test_pseudonyms_never_reach_keyness(tmp_path):
    """Why keyness needs no pseudonym filter: placeholders have no term to count."""
    a = "Informant: [PERSON_2] og [PERSON_2] møtte [ORG_1] om piloten og risiko.\n" * 3
    b = "Informant: [PERSON_5] snakket om regelverk og vedtak i [STED_1].\n" * 3
    meta = "file,doc_id,actor_type\na.txt,A,entrepreneur\nb.txt,B,municipal\n"
    corpus = corpus_from(tmp_path, {"a.txt": a, "b.txt": b}, meta=meta)
    table = dc.keyness(
        dc.preprocess(corpus, cache=False),
        by="actor_type",
        target="entrepreneur",
        reference="municipal",
    )
    terms = set(table["term"].astype(str))
    assert {"pilot", "risiko", "regelverk", "vedtak"} <= terms
    assert not {t for t in terms if "_" in t and t.split("_")[-1].isdigit()}
