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
    assert set(a.loc[a["entry"] == "vedtak*", "match"].str.lower()) <= {"vedtaket", "vedtakene",
                                                                          "vedtak"}
    # another seed draws other vedtak hits at least once among a few seeds
    draws = {tuple(dc.audit(tokens, LEX, "bureaucratic", n=2, seed=s).sample["char_start"])
             for s in range(6)}
    assert len(draws) > 1


def test_coverage_is_the_share_of_documents_with_a_hit(tokens):
    cov = dc.audit(tokens, LEX, "bureaucratic").coverage.set_index("category")
    assert cov.loc["bureaucratic", ["docs", "docs_with_hits"]].tolist() == [3, 2]
    assert cov.loc["entrepreneurial", "coverage"] == pytest.approx(1 / 3)


def test_unknown_category(tokens):
    with pytest.raises(LexiconError, match="unknown category 'market'"):
        dc.audit(tokens, LEX, "market")
