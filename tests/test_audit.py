"""Audit: entry counts and shares, reproducible samples of hits, coverage, bad input."""

from __future__ import annotations

import pytest
from conftest import corpus_from

import discourse as dc
from discourse.contrast.lexicon import Lexicon, LexiconError

LEX = Lexicon.from_dict(
    {
        "bureaucratic": {"casework": ["vedtak*", "søknad*"], "rules": ["regelverk*", "paragraf"]},
        "entrepreneurial": ["innovasjon*"],
    },
    lang="nb",
)
FILES = {
    "a.txt": "Vedtaket og vedtakene. Søknaden følger regelverket. Vedtak igjen.",
    "b.txt": "Innovasjon og søknader.",
    "c.txt": "Ingen treff her.",
}


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    corpus = corpus_from(tmp_path_factory.mktemp("audit"), FILES, yml="language: nb\n")
    return dc.preprocess(corpus, cache=False)


def test_entry_counts_shares_and_zero_entries(tokens):
    report = dc.audit(tokens, LEX, "bureaucratic", n=2)
    entries = report.entries.set_index("entry")
    assert entries["hits"].to_dict() == {"vedtak*": 3, "søknad*": 2, "regelverk*": 1, "paragraf": 0}
    assert entries.loc["vedtak*", "share"] == pytest.approx(3 / 6)
    assert entries.loc["søknad*", "docs"] == 2
    assert entries.loc["regelverk*", "subcategory"] == "bureaucratic.rules"
    assert list(report.entries["entry"])[:1] == ["vedtak*"]  # most hits first


def test_sample_is_reproducible_and_points_into_the_text(tokens):
    a = dc.audit(tokens, LEX, "bureaucratic", n=2, seed=1).sample
    b = dc.audit(tokens, LEX, "bureaucratic", n=2, seed=1).sample
    assert a.equals(b)
    assert a.groupby("entry").size().to_dict() == {"regelverk*": 1, "søknad*": 2, "vedtak*": 2}
    for row in a.itertuples():
        assert tokens.corpus.text(row.doc_id)[row.char_start : row.char_end] == row.match
    assert set(a.loc[a["entry"] == "vedtak*", "match"].str.lower()) <= {
        "vedtaket",
        "vedtakene",
        "vedtak",
    }
    # another seed draws other vedtak hits at least once among a few seeds
    draws = {
        tuple(dc.audit(tokens, LEX, "bureaucratic", n=2, seed=s).sample["char_start"])
        for s in range(6)
    }
    assert len(draws) > 1


def test_coverage_is_the_share_of_documents_with_a_hit(tokens):
    cov = dc.audit(tokens, LEX, "bureaucratic").coverage.set_index("category")
    assert cov.loc["bureaucratic", ["docs", "docs_with_hits"]].tolist() == [3, 2]
    assert cov.loc["entrepreneurial", "coverage"] == pytest.approx(1 / 3)


def test_unknown_category(tokens):
    with pytest.raises(LexiconError, match="unknown category 'market'"):
        dc.audit(tokens, LEX, "market")


def test_sample_lines_are_kwic_lines_from_the_source_text(tmp_path):
    transcript = (
        "Intervjuer: Hva med vedtaket?\n"
        "Kari: Vedtaket kom sent, og søknaden ble liggende hos saksbehandleren i uker.\n"
        "Intervjuer: Og så?\n"
        "Kari: Så startet vi likevel.\n"
    )
    corpus = corpus_from(tmp_path, {"t.txt": transcript}, yml="language: nb\n")
    tokens = dc.preprocess(corpus, cache=False)
    sample = dc.audit(tokens, LEX, "bureaucratic", n=5, window=3).sample
    # the interviewer's "vedtaket" is not counted, so only Kari's hits are sampled
    assert sorted(sample["match"]) == ["Vedtaket", "søknaden"]
    assert set(sample["speaker"]) == {"Kari"} and set(sample["role"]) == {"respondent"}
    text = tokens.corpus.text("t")
    for row in sample.itertuples():
        assert row.keyword == row.match
        assert text[row.char_start : row.char_end] == row.keyword
    line = sample.set_index("match").loc["søknaden"]
    assert line["left"] == "kom sent, og"
    assert line["right"].startswith("ble liggende hos")


def test_kwic_on_a_lexicon_category_finds_what_score_counts(tokens):
    lines = dc.kwic(tokens, lexicon=LEX, category="bureaucratic", roles=None)
    counted = dc.score(tokens, LEX, unit="document")
    hits = counted[counted["category"] == "bureaucratic"]["hits"].sum()
    assert len(lines) == hits == 6
    assert set(lines["pattern"]) == {"vedtak*", "søknad*", "regelverk*"}
    with pytest.raises(dc.ParameterError, match="not both"):
        dc.kwic(tokens, "vedtak", lexicon=LEX, category="bureaucratic")
    with pytest.raises(dc.ParameterError, match="go together"):
        dc.kwic(tokens, lexicon=LEX)
    with pytest.raises(dc.ParameterError, match="no pattern"):
        dc.kwic(tokens)


def test_nothing_left_after_filtering_gives_empty_tables(tokens):
    # no header turns in paragraph documents: the selection is empty
    empty = tokens.select(units=["header"])
    assert empty.table.empty
    report = dc.audit(empty, LEX, "bureaucratic", n=2)
    assert report.entries.empty
    assert list(report.entries.columns) == ["lang", "subcategory", "entry", "hits", "share", "docs"]
    assert report.sample.empty
    assert report.coverage["docs"].tolist() == [0, 0]
    assert report.coverage["coverage"].isna().all()
