"""Pseudo-documents: pooling rules, provenance, and the bad-input cases."""

from __future__ import annotations

import numpy as np
import pytest

import discourse as dc
from discourse.errors import ParameterError
from discourse.topics import pseudo_documents
from discourse.topics.pseudodocs import _pool


def _transcript(folder, name, turns):
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{who}: {text}" for who, text in turns]
    (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_pool_rules_by_hand():
    # doc A: 30, 30, 50, 10 terms with size 60 -> [30+30], [50+10]; the remainder (10)
    # is short (< 30) so it joins; doc B: 70 (one segment over size), 40 -> [70], [40]
    docs = np.array([0, 0, 0, 0, 1, 1])
    n = np.array([30, 30, 50, 10, 70, 40])
    assert _pool(docs, n, 60).tolist() == [0, 0, 1, 1, 2, 3]
    # a short remainder merges into the previous pseudo-document of the same document
    assert _pool(np.array([0, 0, 0]), np.array([60, 60, 5]), 60).tolist() == [0, 1, 1]
    # ...but never into another document's
    assert _pool(np.array([0, 1]), np.array([60, 5]), 60).tolist() == [0, 1]
    # size 1: every segment alone
    assert _pool(np.array([0, 0, 1]), np.array([3, 4, 5]), 1).tolist() == [0, 1, 2]


def test_pseudo_documents_keep_provenance_and_skip_interviewer(tmp_path):
    folder = tmp_path / "c"
    _transcript(
        folder,
        "A",
        [
            ("Intervjuer", "Hva tenker du om samarbeid med kommunen?"),
            ("Informant", "Kommunen samarbeid innovasjon pilot tilskudd budsjett"),
            ("Intervjuer", "Fortell mer om piloten og tilskuddet."),
            ("Informant", "Pilot tilskudd forretningsmodell skalering marked kunde"),
        ],
    )
    _transcript(folder, "B", [("Intervjuer", "Og så?"), ("Informant", "Vedtak klage søknad")] * 2)
    tokens = dc.preprocess(dc.read_corpus(folder), cache=False)
    units = pseudo_documents(tokens, size=8)
    seg = tokens.segments.set_index("seg_id")
    pooled = units.segments["seg_id"].tolist()
    assert all(seg.loc[s, "role"] == "respondent" for s in pooled)
    # each pseudo-document lists segments of its own document only, in order
    for row in units.table.itertuples():
        ids = row.seg_ids.split(";")
        assert {seg.loc[s, "doc_id"] for s in ids} == {row.doc_id}
        assert ids == sorted(ids)
    # term counts add up, and the texts are the tokens' terms of those segments
    kept = tokens.table[tokens.table["seg_id"].isin(pooled) & tokens.table["term"].notna()]
    assert units.table["n_terms"].sum() == len(kept)
    for row, text in zip(units.table.itertuples(), units.texts(), strict=True):
        expect = kept[kept["seg_id"].isin(row.seg_ids.split(";"))]["term"].astype(str).tolist()
        assert text == expect
    # with interviewer turns included there are more terms
    everything = pseudo_documents(tokens, size=8, exclude_roles=None)
    assert everything.table["n_terms"].sum() > units.table["n_terms"].sum()


def test_all_segments_filtered_out(tmp_path):
    folder = tmp_path / "c"
    _transcript(folder, "A", [("Intervjuer", "Hva tenker du om kommunen?")] * 3)
    tokens = dc.preprocess(dc.read_corpus(folder), cache=False)
    with pytest.raises(ParameterError, match="filtered out"):
        pseudo_documents(tokens)
    with pytest.raises(ParameterError, match="filtered out"):
        dc.fit_topics(tokens, k=2)


def test_empty_vocabulary(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("og i på at det\n\nsom en er til\n", encoding="utf-8")
    tokens = dc.preprocess(dc.read_corpus(folder, language="nb"), cache=False)
    with pytest.raises(ParameterError, match="empty vocabulary"):
        pseudo_documents(tokens)
    with pytest.raises(ParameterError, match="empty vocabulary"):
        dc.select_k(tokens, ks=[2, 3], seeds=[1])


@pytest.mark.parametrize("size", [0, -5, 2.5, True])
def test_bad_size(tmp_path, size):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("kommune pilot\n", encoding="utf-8")
    tokens = dc.preprocess(dc.read_corpus(folder, language="nb"), cache=False)
    with pytest.raises(ParameterError, match="size"):
        pseudo_documents(tokens, size=size)
