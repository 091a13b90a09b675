"""Lexicon scores: hand-counted hits and rates, the smoothed index, roles, groups, intervals."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import corpus_from

import discourse as dc
from discourse.contrast.lexicon import Lexicon, LexiconError
from discourse.contrast.score import pole_index
from discourse.errors import DiscourseWarning, ParameterError

LEX = Lexicon.from_dict(
    {
        "bureaucratic": ["regelverk*", "vedtak", "søknad*"],
        "entrepreneurial": ["innovasjon*", "kunde*", "sosial* verdiskap*"],
        "civil_society": ["frivillig*"],
    },
    lang="nb",
)

# words per paragraph, counted by hand: kind "word" only (the number 2023 and "." are not)
DOC_A = (
    "Vedtaket om søknaden fulgte regelverket i 2023.\n\n"  # 6 words; B: 3
    "Innovasjon og sosial verdiskaping for kundene."  # 6 words; E: 3 (one phrase)
)
DOC_B = "Søknadene og vedtakene ble behandlet etter regelverket og søknadsfristen."  # 9; B: 4
TRANSCRIPT = (
    "Intervjuer: Hva med regelverket, vedtakene og søknadene?\n"  # interviewer: B 3, words 6
    "Kari: Vi jobber med innovasjon og frivillige.\n"  # 6 words; E 1, civil 1
    "Intervjuer: Og kundene?\n"  # interviewer: E 1, words 2
    "Kari: Kundene er viktige.\n"  # 3 words; E 1
    "Intervjuer: Takk.\n"
)
META = (
    "file,doc_id,actor_type,lang,doc_type\n"
    "a.txt,A,municipal,nb,policy\n"
    "b.txt,B,municipal,nb,policy\n"
    "t.txt,T,entrepreneur,nb,interview\n"
)


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("score")
    corpus = corpus_from(folder, {"a.txt": DOC_A, "b.txt": DOC_B, "t.txt": TRANSCRIPT}, meta=META)
    return dc.preprocess(corpus, cache=False)


def rows(table, **keys):
    mask = np.ones(len(table), dtype=bool)
    for k, v in keys.items():
        mask &= (table[k].astype(str) == v).to_numpy()
    return table[mask]


def test_document_scores_equal_hand_counts(tokens):
    table = dc.score(tokens, LEX)
    a = rows(table, doc_id="A").set_index("category")
    assert a["hits"].to_dict() == {"bureaucratic": 3, "entrepreneurial": 3, "civil_society": 0}
    assert set(a["tokens"]) == {12}
    assert a.loc["bureaucratic", "rate"] == pytest.approx(1000 * 3 / 12)
    assert a.loc["entrepreneurial", "share"] == pytest.approx(3 / 6)
    assert a.loc["civil_society", "share"] == 0
    assert a["pole_index"].tolist() == [pytest.approx(0.0)] * 3
    b = rows(table, doc_id="B").set_index("category")
    assert b.loc["bureaucratic", "hits"] == 4 and b.loc["bureaucratic", "tokens"] == 9
    # (E - B) / (E + B + 2 * 2) with E = 0, B = 4
    assert b.loc["bureaucratic", "pole_index"] == pytest.approx(-4 / 8)


def test_interviewer_turns_are_excluded_by_default(tokens):
    t = rows(dc.score(tokens, LEX), doc_id="T").set_index("category")
    assert t["hits"].to_dict() == {"bureaucratic": 0, "entrepreneurial": 2, "civil_society": 1}
    assert t.loc["bureaucratic", "tokens"] == 9
    everything = rows(dc.score(tokens, LEX, exclude_roles=None), doc_id="T").set_index("category")
    assert everything["hits"].to_dict() == {
        "bureaucratic": 3,
        "entrepreneurial": 3,
        "civil_society": 1,
    }
    assert everything.loc["bureaucratic", "tokens"] == 9 + 6 + 2 + 1


def test_segment_unit_and_group_unit(tokens):
    seg = dc.score(tokens, LEX, unit="segment")
    a0 = rows(seg, seg_id="A:0000").set_index("category")
    assert a0["hits"].to_dict() == {"bureaucratic": 3, "entrepreneurial": 0, "civil_society": 0}
    assert a0.loc["bureaucratic", "tokens"] == 6
    with pytest.warns(DiscourseWarning, match="single document"):
        grp = dc.score(tokens, LEX, by="actor_type", n_boot=200)
    m = rows(grp, actor_type="municipal").set_index("category")
    assert m.loc["bureaucratic", "hits"] == 7 and m.loc["bureaucratic", "tokens"] == 21
    assert m.loc["bureaucratic", "rate"] == pytest.approx(7000 / 21)
    assert m.loc["bureaucratic", "n_docs"] == 2
    assert m.loc["bureaucratic", "pole_index"] == pytest.approx((3 - 7) / (3 + 7 + 4))
    lo, hi = m.loc["bureaucratic", ["rate_lo", "rate_hi"]]
    # two documents: every resample's rate lies between the two documents' own rates
    assert 1000 * 3 / 12 - 1e-9 <= lo <= m.loc["bureaucratic", "rate"] <= hi <= 4000 / 9 + 1e-9
    e = rows(grp, actor_type="entrepreneur")
    assert e["rate_lo"].isna().all()  # a single document: no interval
    docs = dc.score(tokens, LEX, by="actor_type", unit="document")
    assert rows(docs, doc_id="T")["actor_type"].astype(str).unique().tolist() == ["entrepreneur"]


def test_segment_level_group_column(tokens):
    # paragraphs of A and B have no speaker: left out of the groups, with a warning
    with pytest.warns(DiscourseWarning) as caught:
        grp = dc.score(tokens, LEX, by="speaker", n_boot=200)
    messages = [str(w.message) for w in caught]
    assert any("2 document(s) have segments without a 'speaker' value" in m for m in messages)
    assert set(grp["speaker"].astype(str)) == {"Kari"}
    assert rows(grp, category="entrepreneurial")["hits"].item() == 2
    per_doc = dc.score(tokens, LEX, by="speaker", unit="document")
    assert len(per_doc.drop_duplicates("doc_id")) == 3  # A and B kept with no speaker


def test_subcategories_and_explicit_poles(tokens):
    lex = Lexicon.from_dict(
        {"bureaucratic": {"casework": ["vedtak", "søknad*"], "rules": ["regelverk*"]},
         "entrepreneurial": ["innovasjon*", "kunde*"]},
        lang="nb",
    )
    only = dc.score(tokens, lex, categories=["bureaucratic.casework"])
    assert "pole_index" not in only.columns
    assert rows(only, doc_id="A")["hits"].tolist() == [2]  # vedtaket, søknaden
    both = dc.score(tokens, lex, categories=["bureaucratic.rules"],
                    poles=("bureaucratic", "entrepreneurial"))
    a = rows(both, doc_id="A").set_index("category")
    assert a["hits"].to_dict() == {"bureaucratic.rules": 1, "bureaucratic": 3,
                                   "entrepreneurial": 2}
    assert a["pole_index"].iloc[0] == pytest.approx((2 - 3) / (2 + 3 + 4))


def test_same_input_same_table_bytes(tokens):
    with pytest.warns(DiscourseWarning):
        first = dc.score(tokens, LEX, by="actor_type", n_boot=300, seed=5).to_csv()
    with pytest.warns(DiscourseWarning):
        again = dc.score(tokens, LEX, by="actor_type", n_boot=300, seed=5).to_csv()
    assert first == again


def test_smoothed_index_is_the_beta_posterior_mean():
    # posterior mean of 2p - 1 under Beta(a, a): 2 (E + a) / (E + B + 2a) - 1
    for e, b, a in [(1, 0, 2), (10, 0, 2), (3, 7, 1), (0, 0, 2)]:
        assert pole_index(e, b, a) == pytest.approx(2 * (e + a) / (e + b + 2 * a) - 1)
    assert abs(pole_index(1, 0)) < 0.25 < pole_index(10, 0) < pole_index(50, 0) < 1


def test_bad_input(tokens):
    with pytest.raises(LexiconError, match="unknown category 'market'"):
        dc.score(tokens, LEX, categories=["market"])
    with pytest.raises(LexiconError, match="unknown category"):
        dc.score(tokens, LEX, poles=("bureaucratic", "market"))
    with pytest.raises(ParameterError, match="by: unknown column 'sector'"):
        dc.score(tokens, LEX, by="sector")
    with pytest.raises(ParameterError, match="needs by="):
        dc.score(tokens, LEX, unit="group")
    with pytest.raises(ParameterError, match="unit must be one of"):
        dc.score(tokens, LEX, unit="paragraph")
    with pytest.raises(LexiconError, match="no shipped lexicon"):
        dc.score(tokens, "nonexistent-lexicon")
    # no segment has a time stamp: every segment leaves the groups, and the error says so
    with (
        pytest.warns(DiscourseWarning, match="without a 'time' value"),
        pytest.raises(ParameterError, match="no counted segment has a 'time' value"),
    ):
        dc.score(tokens, LEX, by="time")


ADMIN = (
    "Saksbehandlingen skal følge forvaltningsloven og regelverket. Søknaden behandles etter "
    "tildelingskriteriene, og vedtaket dokumenteres skriftlig. Kommunen skal sikre "
    "likebehandling og forsvarlig saksbehandling. Budsjettrammene og anskaffelsesregelverket "
    "gjelder. Avvik rapporteres gjennom internkontrollen, og klagesaker går tjenestevei."
)
STARTUP = (
    "Vi er en sosial entreprenør med en forretningsmodell som gir inntekter fra kundene. "
    "Innovasjon og nytenkning er kjernen. Vi tar risiko, tester prototyper raskt og er "
    "fleksible. Målet er sosial verdiskaping og samfunnseffekt, og vi vil skalere løsningen "
    "til nye markeder med investorer som tror på levedyktige, brukertilpassede tjenester."
)


def test_norwegian_sanity_passages_land_on_the_expected_sides(tmp_path):
    meta = "file,doc_id,lang\nadmin.txt,admin,nb\nstartup.txt,startup,nb\n"
    corpus = corpus_from(tmp_path, {"admin.txt": ADMIN, "startup.txt": STARTUP}, meta=meta)
    tokens = dc.preprocess(corpus, cache=False)
    table = dc.score(tokens)  # the shipped lexicon
    index = table.drop_duplicates("doc_id").set_index("doc_id")["pole_index"]
    assert index["admin"] < -0.5
    assert index["startup"] > 0.5


def _simulated_corpus(tmp_path, n_groups, docs_per_group, rng):
    """Documents of 60 words; each document draws its own rate of "regelverk" around 0.05."""
    files, meta = {}, ["file,doc_id,grp,lang"]
    filler = ["hus", "bil", "tre", "vei", "dag", "mat"]
    for g in range(n_groups):
        for j in range(docs_per_group):
            p = rng.beta(5, 95)  # mean 0.05: the true rate is 50 per 1,000 words
            words = [("regelverk" if rng.random() < p else rng.choice(filler)) for _ in range(60)]
            name = f"g{g}d{j}"
            files[f"{name}.txt"] = " ".join(words) + "."
            meta.append(f"{name}.txt,{name},g{g:02d},nb")
    return dc.preprocess(corpus_from(tmp_path, files, meta="\n".join(meta) + "\n"), cache=False)


def test_group_intervals_cover_the_truth_and_shrink_with_more_documents(tmp_path):
    rng = np.random.default_rng(7)
    lex = Lexicon.from_dict({"rules": ["regelverk"]}, lang="nb")
    tokens = _simulated_corpus(tmp_path, 40, 12, rng)
    table = dc.score(tokens, lex, by="grp", n_boot=1000, seed=3)
    covered = ((table["rate_lo"] <= 50) & (table["rate_hi"] >= 50)).mean()
    assert 0.85 <= covered <= 1.0
    # groups of 3 documents (the first 3 of each group) give wider intervals (about
    # sqrt(12 / 3) = 2 times in theory; percentile intervals from 3 clusters run narrow)
    few = tokens.select(where={"doc_id": [f"g{g}d{j}" for g in range(40) for j in range(3)]})
    small = dc.score(few, lex, by="grp", n_boot=1000, seed=3)
    width_many = (table["rate_hi"] - table["rate_lo"]).median()
    width_few = (small["rate_hi"] - small["rate_lo"]).median()
    assert width_few > 1.2 * width_many


def test_groups_by_document_equal_the_document_rows(tokens):
    # by="doc_id" is a legal group column: each group is one document, without interval
    with pytest.warns(DiscourseWarning, match="single document"):
        groups = dc.score(tokens, LEX, by="doc_id", n_boot=100)
    docs = dc.score(tokens, LEX)
    merged = groups.merge(docs, on=["doc_id", "category"], suffixes=("", "_doc"))
    assert len(merged) == len(docs)
    np.testing.assert_allclose(merged["rate"], merged["rate_doc"])
    assert (merged["hits"] == merged["hits_doc"]).all()
    assert (groups["n_docs"] == 1).all() and groups["rate_lo"].isna().all()
