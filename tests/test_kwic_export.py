"""Concordance output: CSV/XLSX round trips, HTML and text views, whole turns, dispersion."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import DEMO

import discourse as dc
from discourse.concordance import dispersion_summary, format_kwic
from discourse.errors import ParameterError

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def tokens():
    return dc.preprocess(dc.read_corpus(DEMO))


@pytest.fixture(scope="module")
def lines(tokens):
    return dc.kwic(tokens, ["pilot*", "felles eierskap"], window=5, sort=("R1", "R2"), roles=None)


def comparable(df):
    """Strings as read back from a file: missing and empty cells alike."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype.kind in "iu":
            out[c] = out[c].astype("int64")
        else:
            out[c] = out[c].astype(object).where(out[c].notna(), "").astype(str)
    return out.reset_index(drop=True)


def test_csv_round_trip_keeps_order_and_metadata(lines, tmp_path):
    path = dc.export_kwic(lines, tmp_path / "pilot.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(back.columns) == list(lines.columns)
    back["char_start"] = back["char_start"].astype("int64")
    back["char_end"] = back["char_end"].astype("int64")
    pd.testing.assert_frame_equal(comparable(back), comparable(lines))


def test_xlsx_round_trip_keeps_order_and_metadata(lines, tmp_path):
    from openpyxl import load_workbook

    path = dc.export_kwic(lines, tmp_path / "pilot.xlsx", query={"pattern": ["pilot*", "x"]})
    back = pd.read_excel(path, sheet_name="kwic", dtype=str, keep_default_na=False)
    back["char_start"] = back["char_start"].astype("int64")
    back["char_end"] = back["char_end"].astype("int64")
    pd.testing.assert_frame_equal(comparable(back), comparable(lines))
    wb = load_workbook(path)
    ws = wb["kwic"]
    header = [c.value for c in ws[1]]
    k = header.index("keyword") + 1
    left = header.index("left") + 1
    assert ws.cell(2, k).font.b and ws.cell(2, left).alignment.horizontal == "right"
    assert ws.freeze_panes == "A2"
    query = {r[0].value: r[1].value for r in wb["query"].iter_rows(min_row=2)}
    assert query["pattern"] == "pilot*, x" and query["rows"] == len(lines)


def test_xlsx_keeps_text_that_starts_with_an_equals_sign(lines, tmp_path):
    # a context such as "= 5 %" or "=)" is text, never an Excel formula
    odd = lines.head(2).copy()
    odd["left"] = ["=SUM(1, 2)", "=)"]
    path = dc.export_kwic(odd, tmp_path / "odd.xlsx", query={"pattern": "=x"})
    back = pd.read_excel(path, sheet_name="kwic", dtype=str, keep_default_na=False)
    assert back["left"].tolist() == ["=SUM(1, 2)", "=)"]
    query = pd.read_excel(path, sheet_name="query", dtype=str)
    assert query.set_index("setting").loc["pattern", "value"] == "=x"


def test_empty_export_and_bad_input(tokens, tmp_path):
    empty = dc.kwic(tokens, "finnesikke")
    back = pd.read_csv(dc.export_kwic(empty, tmp_path / "e.csv"))
    assert back.empty and list(back.columns) == list(empty.columns)
    assert pd.read_excel(dc.export_kwic(empty, tmp_path / "e.xlsx")).columns.tolist() == list(
        empty.columns
    )
    with pytest.raises(ParameterError, match="export format"):
        dc.export_kwic(empty, tmp_path / "e.docx")
    with pytest.raises(ParameterError, match="does not exist"):
        dc.export_kwic(empty, tmp_path / "no" / "e.csv")
    with pytest.raises(ParameterError, match="not a concordance"):
        dc.export_kwic(pd.DataFrame({"a": [1]}), tmp_path / "e.csv")
    assert not (tmp_path / "e.docx").exists()


def test_html_view_highlights_and_escapes(lines):
    view = dc.kwic_html(lines, max_rows=3)
    assert view._repr_html_() == str(view)
    assert view.count("<mark>") == 3
    assert f"3 of {len(lines)} lines shown" in view
    first = lines.iloc[0]
    assert f"<mark>{first['keyword']}</mark>" in view
    odd = pd.DataFrame({"left": ["a <b>"], "keyword": ["&"], "right": ['"x"']})
    html = dc.kwic_html(odd)
    assert "a &lt;b&gt;" in html and "<mark>&amp;</mark>" in html


def test_text_view_aligns_the_keyword(lines):
    text = format_kwic(lines.head(20), context_width=30)
    rows = text.splitlines()
    assert rows[0].split()[:2] == ["doc_id", "speaker"]
    cols = [r.index(k) for r, k in zip(rows[1:], lines["keyword"].head(20), strict=True)]
    assert len(set(cols)) == 1  # every keyword starts in the same column
    # every non-empty left context ends two spaces before the keyword (right-aligned)
    for r, left in zip(rows[1:], lines["left"].head(20), strict=True):
        if left:
            assert r[: cols[0]].endswith(left[-5:] + "  ")


def test_show_turn_marks_the_keyword(tokens, lines):
    row = lines[lines["role"] == "respondent"].iloc[0]
    turn = dc.show_turn(tokens, row)
    seg = tokens.corpus.segments.set_index("seg_id").loc[row["seg_id"]]
    assert str(turn).startswith(f"{seg['speaker']}: ")
    assert f"[[{tokens.corpus.text(row['doc_id'])[row['char_start'] : row['char_end']]}]]" in turn
    assert str(turn).replace("[[", "").replace("]]", "") == f"{seg['speaker']}: {seg['text']}"
    assert "<mark>" in turn._repr_html_()
    wider = dc.show_turn(tokens.corpus, row, before=1, after=1)
    assert len(str(wider).splitlines()) >= 3
    with pytest.raises(ParameterError, match="doc_id"):
        dc.show_turn(tokens, {"doc_id": "E01"})
    with pytest.raises(ParameterError, match="no segment"):
        dc.show_turn(tokens, {**row.to_dict(), "seg_id": "E01:9999"})
    with pytest.raises(ParameterError, match="before"):
        dc.show_turn(tokens, row, before=-1)


def test_dispersion_table_and_plot(tokens):
    table = dc.dispersion(tokens, ["pilot", "risiko"])
    lines = dc.kwic(tokens, ["pilot", "risiko"])
    assert len(table) == len(lines)
    assert table["char_start"].tolist() == lines["char_start"].tolist()
    t = tokens.table
    pos = t.set_index(["doc_id", "char_start"])["position"]
    expected = [pos.loc[(d, c)] for d, c in zip(table["doc_id"], table["char_start"], strict=True)]
    assert table["position"].tolist() == expected
    sizes = t.groupby("doc_id", observed=True).size()
    assert np.allclose(table["offset"], table["position"] / sizes.loc[table["doc_id"]].to_numpy())
    assert ((table["offset"] >= 0) & (table["offset"] < 1)).all()
    # the documents searched are all categories, with or without hits
    assert list(table["doc_id"].cat.categories) == tokens.corpus.documents["doc_id"].tolist()
    grid = dc.plot_dispersion(table)
    assert [ax.get_title() for ax in grid.axes.flat] == ["pilot", "risiko"]
    assert len(grid.axes.flat[0].get_yticklabels()) == len(tokens.corpus.documents)
    import matplotlib.pyplot as plt

    plt.close(grid.figure)


def test_dispersion_summary_by_hand(tokens):
    table = dc.dispersion(tokens, "risiko", docs=["E01", "E06", "M07"])
    # corpus parts: the searched text (respondent turns: no interviewer, no header),
    # counted in words, the same population the hits come from
    t = tokens.with_segments(["unit", "role"])
    searched = (t["role"] == "respondent") & (t["unit"] == "turn") & (t["kind"] != "punct")
    sizes = t[searched].groupby("doc_id", observed=True).size().loc[["E01", "E06", "M07"]]
    counts = table["doc_id"].astype(str).value_counts().reindex(sizes.index, fill_value=0)
    v = counts / counts.sum()
    s = sizes / sizes.sum()
    dp = 0.5 * (v - s).abs().sum()
    got = dispersion_summary(table).iloc[0]
    assert got["hits"] == counts.sum() and got["documents"] == (counts > 0).sum()
    assert got["dp"] == pytest.approx(dp)
    assert got["dp_norm"] == pytest.approx(dp / (1 - s.min()))
    with pytest.raises(ParameterError):
        dispersion_summary(pd.DataFrame({"x": [1]}))


def test_dispersion_parts_follow_the_search(tokens):
    # with every segment searched, the parts are the documents' words (punctuation out)
    table = dc.dispersion(tokens, "risiko", roles=None)
    words = tokens.table[tokens.table["kind"] != "punct"].groupby("doc_id", observed=True).size()
    assert table.attrs["part_tokens"] == {d: int(n) for d, n in words.items()}
    # a search that finds no document gives NaN, not an error
    empty = dc.dispersion(tokens, "risiko", where={"actor_type": "entrepreneur"}, docs="P01")
    got = dispersion_summary(empty).iloc[0]
    assert got["hits"] == 0 and np.isnan(got["dp"])
    import warnings

    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib: "identical low and high ylims"
        grid = dc.plot_dispersion(empty)
    plt.close(grid.figure)
