"""findings(): every wording branch, on hand-made result tables."""

from __future__ import annotations

import pandas as pd
import pytest

from discourse.contrast.audit import Audit
from discourse.contrast.findings import (
    Estimate,
    compare,
    corpus_note,
    estimate,
    findings,
    lean,
    verdict,
)
from discourse.contrast.lexicon import Lexicon
from discourse.errors import ParameterError

NAN = float("nan")
CATS = ("bureaucratic", "entrepreneurial", "civil_society")


def score_table(groups: dict, by: str = "actor_type") -> pd.DataFrame:
    """A group score table as dc.score(by=...) returns it.

    ``groups``: name -> {"index": (est, lo, hi), "n": n_docs, "tokens": words,
    category: (rate, lo, hi)}.
    """
    rows = []
    for name, g in groups.items():
        for cat in CATS:
            rate, lo, hi = g.get(cat, (5.0, 4.0, 6.0))
            rows.append(
                {
                    by: name,
                    "category": cat,
                    "hits": int(rate * g.get("tokens", 1000) / 1000),
                    "tokens": g.get("tokens", 1000),
                    "rate": rate,
                    "share": NAN,
                    "pole_index": g["index"][0],
                    "rate_lo": lo,
                    "rate_hi": hi,
                    "pole_index_lo": g["index"][1],
                    "pole_index_hi": g["index"][2],
                    "n_docs": g.get("n", 10),
                }
            )
    table = pd.DataFrame(rows)
    table.attrs.update({"by": by, "lexicon": "institutional-logics",
                        "exclude_roles": ["interviewer"]})
    return table


def main_text(text: str) -> str:
    """The findings part only (the limits have their own tests)."""
    return text.split("**Limits.**")[0]


# --- the building blocks ----------------------------------------------------------------

def test_compare_branches():
    assert compare(Estimate(1, 0.8, 1.2), Estimate(0, -0.2, 0.2)) == "higher"
    assert compare(Estimate(0, -0.2, 0.2), Estimate(1, 0.8, 1.2)) == "lower"
    assert compare(Estimate(1, 0.1, 1.2), Estimate(0, -0.2, 0.2)) == "overlap"
    # touching intervals are not separated
    assert compare(Estimate(1, 0.2, 1.2), Estimate(0, -0.2, 0.2)) == "overlap"
    assert compare(Estimate(1, NAN, NAN, 1), Estimate(0, -0.2, 0.2)) == "no interval"
    assert compare(Estimate(NAN, 0, 1), Estimate(0, -0.2, 0.2)) == "no interval"


def test_lean_branches():
    assert lean(Estimate(0.3, 0.05, 0.5)) == "entrepreneurial"
    assert lean(Estimate(-0.3, -0.5, -0.05)) == "bureaucratic"
    assert lean(Estimate(0.1, -0.05, 0.3)) == "balanced"
    assert lean(Estimate(0.1, NAN, NAN)) == "no interval"


def test_verdict_names_the_group_without_an_interval():
    a, b = Estimate(0.2, NAN, NAN, 1), Estimate(0.1, 0.0, 0.2, 5)
    text = verdict(compare(a, b), "focus_group", "interview", a, b)
    assert text == "this cannot be judged: *focus_group* has a single document and so no interval"


def test_estimate_reads_one_group_and_category():
    table = score_table({"e": {"index": (0.4, 0.2, 0.6), "n": 7,
                               "entrepreneurial": (12.0, 9.0, 15.0)}})
    assert estimate(table, "actor_type", "e", "rate", "entrepreneurial") == Estimate(
        12.0, 9.0, 15.0, 7)
    assert estimate(table, "actor_type", "e", "pole_index") == Estimate(0.4, 0.2, 0.6, 7)
    assert estimate(table, "actor_type", "m", "pole_index") is None


# --- the main contrast --------------------------------------------------------------------

def test_target_higher():
    table = score_table({
        "entrepreneur": {"index": (0.45, 0.30, 0.60), "n": 12,
                         "entrepreneurial": (14.0, 11.0, 17.0),
                         "bureaucratic": (4.0, 3.0, 5.0)},
        "municipal": {"index": (-0.25, -0.40, -0.10), "n": 13,
                      "entrepreneurial": (5.0, 4.0, 6.0),
                      "bureaucratic": (9.0, 7.5, 10.5)},
    })
    text = main_text(findings(table))
    assert "*entrepreneur* group scores 0.45 [0.30, 0.60]" in text
    assert "*municipal* group −0.25 [−0.40, −0.10]" in text
    assert ("[−0.40, −0.10]. The index is higher in *entrepreneur* (the intervals do not "
            "overlap): the *entrepreneur* group puts relatively more weight on entrepreneurial vocabulary"
            in text)
    assert "*entrepreneur*'s hits lean entrepreneurial (interval above 0)" in text
    assert "*municipal*'s lean bureaucratic (interval below 0)" in text
    assert text.startswith(
        "**Findings.** In short: in this corpus *entrepreneur*'s hits lean entrepreneurial "
        "(interval above 0); *municipal*'s lean bureaucratic (interval below 0); relative to "
        "each other, the *entrepreneur* group puts more weight on entrepreneurial vocabulary "
        "than the *municipal* group.")
    # per category, each with its own verdict
    assert ("- *entrepreneurial* vocabulary: 14.0 [11.0, 17.0] against 5.0 [4.0, 6.0] — "
            "higher in *entrepreneur* (the intervals do not overlap)." in text)
    assert ("- *bureaucratic* vocabulary: 4.0 [3.0, 5.0] against 9.0 [7.5, 10.5] — lower in "
            "*entrepreneur* (the intervals do not overlap)." in text)
    assert ("- *civil society* vocabulary: 5.0 [4.0, 6.0] against 5.0 [4.0, 6.0] — no clear "
            "difference: the intervals overlap." in text)
    assert "Two groups differ clearly only where their intervals do not overlap." in text
    assert "12 documents" in text and "13 documents" in text


def test_reversed_direction():
    table = score_table({
        "entrepreneur": {"index": (-0.30, -0.45, -0.15)},
        "municipal": {"index": (0.20, 0.05, 0.35)},
    })
    text = main_text(findings(table))
    assert "The index is lower in *entrepreneur* (the intervals do not overlap): the" in text
    assert "more weight on bureaucratic vocabulary than the *municipal* group" in text
    assert "entrepreneurial vocabulary than" not in text
    assert "*entrepreneur*'s hits lean bureaucratic" in text
    assert "*municipal*'s lean entrepreneurial" in text
    assert ("relative to each other, the *entrepreneur* group puts more weight on bureaucratic "
            "vocabulary than the *municipal* group.") in text


def test_overlapping_intervals_claim_no_direction():
    table = score_table({
        "entrepreneur": {"index": (0.15, -0.05, 0.35)},
        "municipal": {"index": (0.05, -0.10, 0.20)},
    })
    text = main_text(findings(table))
    assert "−0.10, 0.20]. No clear difference: the intervals overlap." in text
    assert "higher in" not in text and "lower in" not in text
    assert "more weight" not in text
    assert "both groups' hits are balanced between the poles (both intervals include 0)" in text
    assert "In short: in this corpus both groups' hits are balanced" in text
    assert "the two groups cannot be told apart on the two-pole index." in text


def test_missing_group_is_said_not_compared():
    table = score_table({
        "entrepreneur": {"index": (0.4, 0.2, 0.6)},
        "policy": {"index": (0.1, 0.0, 0.2)},
    })
    text = main_text(findings(table))
    assert ("The main contrast of *entrepreneur* and *municipal* cannot be made: no counted "
            "text has *municipal* in column `actor_type`") in text
    assert "groups present: *entrepreneur* and *policy*" in text
    assert "(no documents)" in text
    assert "higher in" not in text and "lower in" not in text


def test_single_document_group_cannot_be_judged():
    table = score_table({
        "entrepreneur": {"index": (0.4, 0.2, 0.6)},
        "municipal": {"index": (-0.2, NAN, NAN), "n": 1},
    })
    text = main_text(findings(table))
    assert "−0.20 (no interval)" in text
    assert "This cannot be judged: *municipal* has a single document and so no interval" in text
    assert "*municipal*'s cannot be placed (no interval)" in text
    assert "whether the two groups differ on the two-pole index cannot be judged." in text


def test_ranking_of_all_groups():
    table = score_table({
        "entrepreneur": {"index": (0.10, 0.0, 0.2), "n": 12},
        "municipal": {"index": (-0.30, -0.4, -0.2), "n": 13},
        "policy": {"index": (0.35, 0.2, 0.5), "n": 8},
    })
    text = main_text(findings(table))
    ranking = text.split("All groups of `actor_type`")[1]
    assert ranking.index("*policy*") < ranking.index("*entrepreneur*") < ranking.index(
        "*municipal*")
    assert "*policy* 0.35 [0.20, 0.50] (8 documents)" in ranking
    # with two groups there is nothing more to rank
    two = score_table({"entrepreneur": {"index": (0.1, 0, 0.2)},
                       "municipal": {"index": (0, -0.1, 0.1)}})
    assert "All groups" not in findings(two)


def test_document_type_contrast():
    scores = score_table({"entrepreneur": {"index": (0.1, 0, 0.2)},
                          "municipal": {"index": (0, -0.1, 0.1)}})
    docs = score_table({
        "interview": {"index": (0.05, -0.05, 0.15), "n": 24},
        "policy": {"index": (0.40, 0.25, 0.55), "n": 8},
    }, by="doc_type")
    text = main_text(findings(scores, doc_scores=docs))
    part = text.split("*Policy* against *interview* texts (column `doc_type`).")[1]
    assert "The index is higher in *policy* (the intervals do not overlap)" in part
    # a corpus without policy documents: said, not compared
    only = score_table({"interview": {"index": (0.0, -0.1, 0.1)}}, by="doc_type")
    text = main_text(findings(scores, doc_scores=only))
    assert "The document-type contrast of *policy* and *interview* cannot be made" in text


def difference_table(rows: dict, target="entrepreneur", reference="municipal"):
    """rows: (measure, category) -> (difference, lo, hi)."""
    table = pd.DataFrame([
        {"measure": m, "category": c, "target": NAN, "reference": NAN,
         "difference": d, "lo": lo, "hi": hi}
        for (m, c), (d, lo, hi) in rows.items()
    ])
    table.attrs.update({"by": "actor_type", "target": target, "reference": reference,
                        "n_boot": 2000})
    return table


def test_difference_interval_decides_when_given():
    # the groups' intervals overlap, but the difference's interval excludes 0
    table = score_table({
        "entrepreneur": {"index": (-0.34, -0.50, -0.16)},
        "municipal": {"index": (-0.58, -0.66, -0.48)},
    })
    diff = difference_table({
        ("pole_index", ""): (0.24, 0.05, 0.42),
        ("rate", "entrepreneurial"): (1.7, -0.1, 3.6),
        ("rate", "bureaucratic"): (-2.0, -3.5, -0.4),
        ("rate", "civil_society"): (0.0, NAN, NAN),
    })
    text = main_text(findings(table, difference=diff))
    assert ("The index is higher in *entrepreneur* (the difference, +0.24 [0.05, 0.42], "
            "excludes 0, although the two groups' own intervals overlap): the *entrepreneur* "
            "group puts relatively more weight on entrepreneurial vocabulary") in text
    assert ("- *entrepreneurial* vocabulary: 5.0 [4.0, 6.0] against 5.0 [4.0, 6.0] — no clear "
            "difference: the interval of the difference, +1.7 [−0.1, 3.6], includes 0.") in text
    assert ("- *bureaucratic* vocabulary: 5.0 [4.0, 6.0] against 5.0 [4.0, 6.0] — lower in "
            "*entrepreneur* (the difference, −2.0 [−3.5, −0.4], excludes 0, although") in text
    assert ("- *civil society* vocabulary: 5.0 [4.0, 6.0] against 5.0 [4.0, 6.0] — this cannot "
            "be judged: the difference has no interval.") in text
    assert "judged by the interval of the difference (resampling each group's documents, " \
           "2,000 resamples)" in text
    # a difference table of other groups is refused, not silently misread
    with pytest.raises(ParameterError, match="compares 'policy'"):
        findings(table, difference=difference_table({("pole_index", ""): (0.1, 0.0, 0.2)},
                                                     target="policy"))


def test_difference_bound_near_zero_gets_more_digits():
    table = score_table({"entrepreneur": {"index": (0.2, 0.0, 0.4)},
                         "municipal": {"index": (0.0, -0.2, 0.2)}})
    diff = difference_table({("pole_index", ""): (0.2, 0.003, 0.41)})
    text = main_text(findings(table, difference=diff))
    assert "(the difference, +0.200 [0.003, 0.410], excludes 0" in text


def test_difference_reversed_direction():
    table = score_table({
        "entrepreneur": {"index": (-0.5, -0.7, -0.3)},
        "municipal": {"index": (0.2, 0.0, 0.4)},
    })
    diff = difference_table({("pole_index", ""): (-0.7, -0.95, -0.45)})
    text = main_text(findings(table, difference=diff))
    assert "The index is lower in *entrepreneur* (the difference, −0.70 [−0.95, −0.45], " \
           "excludes 0):" in text
    assert "although" not in text.split("two-pole index")[1].split("Taken alone")[0]
    assert "more weight on bureaucratic vocabulary" in text


# --- keyness, scaling, audit ----------------------------------------------------------------

def keyness_table() -> pd.DataFrame:
    table = pd.DataFrame({
        "term": ["innovasjon", "kunde", "pilot", "vedtak", "regelverk", "møte"],
        "freq_target": [30, 12, 9, 2, 1, 10],
        "freq_reference": [5, 1, 6, 25, 14, 11],
        "docs_target": [10, 5, 6, 2, 1, 8],
        "docs_reference": [3, 1, 5, 11, 9, 9],
        "G2": [25.0, 12.0, 1.2, -20.0, -13.0, -0.1],
        "p_adj": [0.001, 0.01, 0.4, 0.001, 0.01, 0.9],
    })
    table.attrs.update({"target": "entrepreneur", "reference": "municipal"})
    return table


def two_groups() -> pd.DataFrame:
    return score_table({"entrepreneur": {"index": (0.4, 0.2, 0.6)},
                        "municipal": {"index": (-0.2, -0.35, -0.05)}})


def test_keyness_sentences():
    lex = Lexicon.from_dict({"bureaucratic": ["vedtak*", "regelverk*"],
                             "entrepreneurial": ["innovasjon*", "forretningsmodell"]})
    text = main_text(findings(two_groups(), keyness_table(), lexicon=lex, top=5))
    assert "lists 2 term(s) as key for *entrepreneur* and 2 for *municipal*, out of 6" in text
    assert ("The strongest for *entrepreneur*: *innovasjon* (G² 25.0, in 10 documents) and "
            "*kunde* (G² 12.0, in 5 documents).") in text
    assert ("The strongest for *municipal*: *vedtak* (G² 20.0, in 11 documents) and "
            "*regelverk* (G² 13.0, in 9 documents).") in text
    assert "*pilot*" not in text and "*møte*" not in text  # not significant
    # pole membership: innovasjon is entrepreneurial; vedtak, regelverk bureaucratic
    target_part = text.split("The strongest for *entrepreneur*")[1].split("The strongest")[0]
    assert "0 match the bureaucratic lexicon and 1 matches the entrepreneurial lexicon" in (
        target_part)
    ref_part = text.split("The strongest for *municipal*")[1]
    assert "2 match the bureaucratic lexicon and 0 match the entrepreneurial lexicon" in ref_part


def test_keyness_terms_outside_the_lexicon():
    lex = Lexicon.from_dict({"bureaucratic": ["budsjett*"], "entrepreneurial": ["marked*"]})
    text = main_text(findings(two_groups(), keyness_table(), lexicon=lex))
    assert text.count("None of them is an entry of either pole of the lexicon.") == 2


def test_keyness_with_nothing_significant():
    table = keyness_table().assign(p_adj=0.5)
    text = main_text(findings(two_groups(), table))
    assert "lists 0 term(s) as key for *entrepreneur* and 0 for *municipal*" in text
    assert ("No term is key for *entrepreneur* at this level; the largest G² values on its "
            "side are *innovasjon* (25.0, adjusted p = 0.50), *kunde* (12.0, adjusted p = "
            "0.50) and *pilot* (1.2, adjusted p = 0.50).") in text
    assert ("No term is key for *municipal* at this level; the largest G² values on its side "
            "are *vedtak* (20.0, adjusted p = 0.50), *regelverk* (13.0") in text


def positions(target: tuple, reference: tuple) -> pd.DataFrame:
    table = pd.DataFrame({
        "actor_type": ["entrepreneur", "municipal"],
        "n_docs": [12, 13],
        "score": [target[0], reference[0]],
        "score_lo": [target[1], reference[1]],
        "score_hi": [target[2], reference[2]],
    })
    table.attrs.update({"by": "actor_type", "seeds_positive": 20, "seeds_negative": 31})
    return table


def test_scaling_agrees_disagrees_or_does_not_separate():
    agree = main_text(findings(two_groups(), scaling=positions((0.5, 0.2, 0.8),
                                                                 (-0.4, -0.7, -0.1))))
    assert "with 20 entrepreneurial and 31 bureaucratic seed patterns" in agree
    assert "*entrepreneur* 0.50 [0.20, 0.80], *municipal* −0.40 [−0.70, −0.10]" in agree
    assert "This agrees with the lexicon index." in agree
    opposite = main_text(findings(two_groups(), scaling=positions((-0.5, -0.8, -0.2),
                                                                    (0.4, 0.1, 0.7))))
    assert "lower in *entrepreneur*" in opposite.split("Latent Semantic Scaling (Watanabe")[1]
    assert "but Latent Semantic Scaling points the other way." in opposite
    assert "and Latent Semantic Scaling agrees." in agree
    assert "This is the opposite of the lexicon index" in opposite
    neither = main_text(findings(two_groups(), scaling=positions((0.1, -0.3, 0.5),
                                                                   (0.0, -0.4, 0.4))))
    assert ("no clear difference: the intervals overlap. Only one of the two measures separates "
            "the groups: the lexicon index.") in neither
    assert "and Latent Semantic Scaling does not separate them." in neither
    # with differences from the reference group, the difference interval decides
    table = positions((0.1, -0.3, 0.5), (-0.3, -0.6, 0.0)).assign(
        difference=[0.4, NAN], difference_lo=[0.05, NAN], difference_hi=[0.75, NAN])
    table.attrs.update({"by": "actor_type", "reference": "municipal"})
    text = main_text(findings(two_groups(), scaling=table))
    assert ("*municipal* −0.30 [−0.60, 0.00]; higher in *entrepreneur* (the difference, "
            "+0.40 [0.05, 0.75], excludes 0, although the two groups' own intervals overlap)."
            " This agrees with the lexicon index.") in text
    lost = positions((0.1, -0.3, 0.5), (0.0, -0.4, 0.4)).iloc[:1]
    lost.attrs.update({"by": "actor_type"})
    text = main_text(findings(two_groups(), scaling=lost))
    assert "The group *municipal* has no scaled document" in text


def test_audit_sentence_shares_by_hand():
    entries = pd.DataFrame({
        "lang": "nb", "subcategory": "bureaucratic.x",
        "entry": ["budsjett*", "vedtak*", "søknad*", "regelverk*", "hjemmel*"],
        "hits": [10, 6, 2, 2, 0],
    })
    entries["share"] = entries["hits"] / 20
    entries["docs"] = [5, 4, 2, 1, 0]
    coverage = pd.DataFrame({"category": ["bureaucratic"], "docs": [30],
                             "docs_with_hits": [21], "coverage": [0.7]})
    rep = Audit(entries, pd.DataFrame(), coverage, "bureaucratic")
    text = main_text(findings(two_groups(), audits={"bureaucratic": rep}))
    # 20 hits, 4 of 5 entries used; top three: 10 + 6 + 2 = 18 of 20 = 90%
    assert ("The *bureaucratic* score rests on 20 hits of 4 of its 5 entries; the 3 most "
            "frequent (*budsjett** 50%, *vedtak** 30% and *søknad** 10%) give 90% of them, "
            "and 21 of 30 documents have at least one.") in text


# --- limits, notes and bad input ---------------------------------------------------------

def test_limits_size_and_note():
    small = findings(two_groups(), note="The corpus is fictional.")
    limits = small.split("**Limits.**")[1]
    assert "10 *entrepreneur* documents and 10 *municipal* documents (2,000 running words)" in (
        limits)
    assert "with so few documents the intervals are wide" in limits
    assert "The corpus is fictional." in limits
    assert "Schenker & Gentleman 2001" in limits
    big = score_table({"entrepreneur": {"index": (0.1, 0, 0.2), "n": 40},
                       "municipal": {"index": (0, -0.1, 0.1), "n": 45}})
    assert "so few documents" not in findings(big)


def test_tiny_groups_and_zero_hits():
    table = score_table({
        "entrepreneur": {"index": (0.1, 0.0, 0.2), "n": 3, "civil_society": (0.0, 0.0, 0.0)},
        "municipal": {"index": (-0.2, -0.3, -0.1), "n": 12, "civil_society": (0.0, 0.0, 0.0)},
        "policy": {"index": (-0.4, -0.8, 0.0), "n": 2},
    })
    text = findings(table)
    assert "- *civil society* vocabulary: no hits in either group." in text
    limits = text.split("**Limits.**")[1]
    assert ("Groups of fewer than 5 documents (*entrepreneur*: 3 and *policy*: 2) get "
            "intervals that cannot reach beyond") in limits
    assert "Groups of fewer than" not in findings(two_groups())


def test_bad_input():
    with pytest.raises(ParameterError, match="different groups"):
        findings(two_groups(), target="municipal", reference="municipal")
    no_intervals = two_groups().drop(columns=["rate_lo", "rate_hi"])
    with pytest.raises(ParameterError, match="intervals"):
        findings(no_intervals)
    unnamed = two_groups()
    unnamed.attrs = {}
    with pytest.raises(ParameterError, match="group column"):
        findings(unnamed)
    assert "actor_type" in findings(unnamed, by="actor_type")


def test_without_scores():
    text = findings(None, by="actor_type")
    assert "No group contrast was computed (no `actor_type` column" in text
    assert "**Limits.**" in text


def test_corpus_note_from_corpus_yml(tmp_path):
    (tmp_path / "corpus.yml").write_text("# Interviews from 2023.\nname: x\n# fictional\n",
                                         encoding="utf-8")
    assert corpus_note(tmp_path) is None  # a later comment is not the description
    (tmp_path / "corpus.yml").write_text("# A small fictional corpus.\n# More.\nname: x\n",
                                         encoding="utf-8")
    assert corpus_note(tmp_path).startswith(
        "The corpus is fictional, as the opening comment of its corpus.yml says:")


def test_corpus_note(tmp_path):
    assert corpus_note(tmp_path) is None
    (tmp_path / "DATA_CARD.md").write_text("# Data card: interviews from 2023\n\nfictional\n",
                                           encoding="utf-8")
    assert corpus_note(tmp_path) is None  # only the title counts
    (tmp_path / "DATA_CARD.md").write_text("# Data card: a corpus (fictional)\n",
                                           encoding="utf-8")
    note = corpus_note(tmp_path)
    assert note is not None and note.startswith("The corpus is fictional, as its DATA_CARD.md")

