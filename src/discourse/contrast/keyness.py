"""Keyness: which terms a group uses more (or less) than a reference.

For every term the counts form a 2x2 contingency table::

                      target      reference     total
    the term          a           b             a + b
    all other terms   c - a       d - b         N - a - b
    total             c           d             N = c + d

``a`` and ``b`` are the term's frequencies, ``c`` and ``d`` the number of terms (tokens
with a ``term``, i.e. after stopword and other filtering; a joined multiword term counts
once) in the target and the reference. Expected counts are ``E = row total * column
total / N``. From this table:

G2 (log-likelihood; Dunning 1993; Rayson & Garside 2000)
    ``G2 = 2 * sum(O * ln(O / E))`` over the four cells, with ``0 * ln 0 = 0``. It is
    signed: positive when the term's relative frequency is higher in the target
    (``a / c > b / d``), negative when lower. ``p`` is the upper tail of chi-square with
    one degree of freedom at ``|G2|``; ``p_adj`` the Benjamini & Hochberg (1995) adjusted
    value over all terms of the table (:func:`scipy.stats.false_discovery_control`).
log_ratio (Hardie 2014)
    ``log2((a / c) / (b / d))``: a binary log of the ratio of relative frequencies, so +1
    means twice as frequent in the target. A zero count is replaced by 0.5 (Hardie's
    adjustment), so the value stays finite.
pct_diff (Gabrielatos & Marchi 2012)
    ``%DIFF = 100 * (a / c - b / d) / (b / d)``: the percentage by which the target's
    normalised frequency exceeds the reference's (``inf`` when the reference count is 0;
    -100 when the target count is 0).
chi2 (Pearson with Yates's continuity correction; Yates 1934)
    ``sum((|O - E| - 0.5)^2 / E)``, where the correction is capped at ``|O - E|`` as in
    :func:`scipy.stats.chi2_contingency`; signed like G2.

Dispersion: ``docs_target``, ``docs_reference`` count the documents, and
``speakers_target``, ``speakers_reference`` the speakers (distinct speaker labels per
transcript; a paragraph document counts as one speaker), that use the term in each
group. A term that one person repeats 40 times is not a group's vocabulary.

``reference="wordfreq"`` compares with general-language word frequencies from the
:mod:`wordfreq` package (Speer 2022). wordfreq's frequencies are shares of all running
words, function words included, so here the target size ``c`` is the target's running
words (tokens of kind ``word``, stopwords included), not its terms: dividing by the
terms alone would inflate every term's relative frequency (by 2-3 times in interview
speech) and make almost every term look key. The reference is taken to be a
general-language sample as large as the target (``d = c``): ``b = c * f``, where ``f`` is
the term's
general frequency: the sum of :func:`wordfreq.word_frequency` over the word forms of the
term seen in the corpus (wordfreq counts forms, terms are lemmas); for a joined
multiword term, the phrase's frequency as wordfreq estimates it. ``b`` is then an
expected count and may be fractional. Because the real reference is far larger than the
target, p-values are conservative; log ratio and %DIFF do not depend on ``d``. The
language is the target's most common document language; wordfreq has no nynorsk list,
so ``nn`` uses the bokmål (``nb``) frequencies. Reference document and speaker counts
are missing.

References
----------
Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B*
57(1), 289-300.
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61-74.
Gabrielatos, C., & Marchi, A. (2012). Keyness: appropriate metrics and practical issues.
CADS International Conference, Bologna.
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC CASS blog.
Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
*Proceedings of the Workshop on Comparing Corpora*, ACL, 1-6.
Speer, R. (2022). wordfreq (version 3). Zenodo.
Yates, F. (1934). Contingency tables involving small numbers and the chi2 test.
*Supplement to JRSS* 1(2), 217-235.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from discourse.contrast.score import select_speech
from discourse.errors import ParameterError

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["KEYNESS_COLUMNS", "keyness", "keyness_stats"]

KEYNESS_COLUMNS = [
    "term",
    "freq_target",
    "freq_reference",
    "docs_target",
    "docs_reference",
    "speakers_target",
    "speakers_reference",
    "G2",
    "p",
    "p_adj",
    "log_ratio",
    "pct_diff",
    "chi2",
]


def _xlogy(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def keyness_stats(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> pd.DataFrame:
    """G2, p, log ratio, %DIFF and Yates chi2 for arrays of 2x2 tables (see module docs).

    Parameters
    ----------
    a, b : array
        The term's frequency in the target and in the reference.
    c, d : float or array
        The sizes (terms) of the target and the reference.

    Returns
    -------
    DataFrame
        ``G2`` (signed), ``p``, ``log_ratio``, ``pct_diff``, ``chi2`` (signed), one row
        per table.

    Examples
    --------
    10 of 1,000 terms in the target against 5 of 1,000 in the reference:

    >>> keyness_stats([10], [5], [1000], [1000]).round(3).to_dict("records")
    [{'G2': 1.712, 'p': 0.191, 'log_ratio': 1.0, 'pct_diff': 100.0, 'chi2': 1.075}]
    """
    from scipy.stats import chi2 as chi2_dist  # here: scipy.stats takes 0.5 s to import

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    c = np.broadcast_to(np.asarray(c, dtype=float), a.shape)
    d = np.broadcast_to(np.asarray(d, dtype=float), a.shape)
    n = c + d
    obs = np.stack([a, b, c - a, d - b])
    rows = np.stack([a + b, a + b, n - a - b, n - a - b])
    cols = np.stack([c, d, c, d])
    exp = rows * cols / n
    g2 = 2.0 * _xlogy(obs, exp).sum(axis=0)
    g2 = np.maximum(g2, 0.0)  # rounding can give -1e-15 for identical rates
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_t = a / c
        rel_r = b / d
        sign = np.sign(rel_t - rel_r)
        log_ratio = np.log2((np.where(a == 0, 0.5, a) / c) / (np.where(b == 0, 0.5, b) / d))
        pct = np.where(b == 0, np.inf, 100.0 * (rel_t - rel_r) / rel_r)
        diff = obs - exp
        corr = np.minimum(0.5, np.abs(diff))
        chi2 = (((np.abs(diff) - corr) ** 2) / exp).sum(axis=0)
    return pd.DataFrame(
        {
            "G2": sign * g2,
            "p": chi2_dist.sf(g2, 1),
            "log_ratio": log_ratio,
            "pct_diff": pct,
            "chi2": sign * chi2,
        }
    )


def _speaker_keys(tokens: Tokens) -> pd.Series:
    seg = tokens.segments.set_index("seg_id")
    speaker = seg["speaker"].astype(object)
    key = seg["doc_id"].astype(str) + "\x1f" + speaker.where(speaker.notna(), "").astype(str)
    return key


def _counts(tokens: Tokens, rows: pd.DataFrame, speakers: pd.Series) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=["freq", "docs", "speakers"])
    term = rows["term"].astype(str)
    spk = rows["seg_id"].astype(str).map(speakers)
    frame = pd.DataFrame({"term": term, "doc": rows["doc_id"].astype(str), "spk": spk})
    return frame.groupby("term").agg(
        freq=("term", "size"), docs=("doc", "nunique"), speakers=("spk", "nunique")
    )


def _wordfreq_reference(tokens: Tokens, target_rows: pd.DataFrame, terms: pd.Index) -> np.ndarray:
    import wordfreq

    langs = tokens.documents.set_index("doc_id")["lang"].astype(str)
    lang_counts = target_rows["doc_id"].astype(str).map(langs).value_counts()
    lang = str(lang_counts.index[0]) if len(lang_counts) else "nb"
    wf_lang = "nb" if lang == "nn" else lang
    forms = tokens.table.loc[tokens.table["term"].notna(), ["term", "norm"]].astype(str)
    forms = forms.drop_duplicates()
    by_term = forms.groupby("term")["norm"].agg(list)
    freq = np.zeros(len(terms))
    for i, term in enumerate(terms):
        if "_" in term:
            freq[i] = wordfreq.word_frequency(term.replace("_", " "), wf_lang)
        else:
            freq[i] = sum(wordfreq.word_frequency(f, wf_lang) for f in by_term.get(term, [term]))
    return freq


def keyness(
    tokens: Tokens,
    by: str,
    target: object,
    reference: object | None = None,
    *,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
    min_freq: int = 1,
) -> pd.DataFrame:
    """Key terms of a target group against a reference group, the rest, or wordfreq.

    Parameters
    ----------
    tokens : Tokens
    by : str
        A segment or metadata column (``actor_type``, ``phase``, ``speaker`` ...).
    target : value
        The value of ``by`` that forms the target.
    reference : value, "wordfreq" or None
        Another value of ``by``; ``None`` (default) for every other value;
        ``"wordfreq"`` for general-language frequencies (see the module docs).
        Segments without a ``by`` value are in neither group.
    exclude_roles, units
        As in :func:`discourse.score`: interviewer turns and header lines are left out.
    min_freq : int
        Leave out terms whose total frequency (target + reference) is lower.

    Returns
    -------
    DataFrame
        One row per term (columns in :data:`KEYNESS_COLUMNS`), sorted by signed G2,
        largest first (the target's key terms on top, the reference's at the bottom).
        ``attrs`` holds the sizes ``c`` and ``d`` (terms; with ``"wordfreq"``, the
        target's running words) and the settings.

    Raises
    ------
    ParameterError
        Unknown ``by`` column, a ``target`` or ``reference`` value absent from it,
        ``reference == target``, or no terms in a group.

    Examples
    --------
    >>> dc.keyness(tokens, by="actor_type", target="entrepreneur")  # doctest: +SKIP
    """
    seg = tokens.segments
    if by not in seg.columns:
        raise ParameterError(
            f"by: unknown column {by!r}; available: "
            + ", ".join(c for c in seg.columns if c not in ("text", "char_start", "char_end"))
        )
    if min_freq < 1:
        raise ParameterError(f"min_freq must be >= 1; got {min_freq}")
    sel = select_speech(tokens, exclude_roles, units)
    columns = ["seg_id"] if by == "seg_id" else ["seg_id", by]
    values = seg.loc[seg["seg_id"].isin(sel.table["seg_id"].unique()), columns]
    present = pd.unique(values[by].dropna())
    present_str = {str(v): v for v in present}

    def resolve(value: object, what: str) -> object:
        if value in list(present):
            return value
        if str(value) in present_str:
            return present_str[str(value)]
        shown = ", ".join(sorted(map(str, present))) or "none"
        raise ParameterError(
            f"{what} {value!r} does not occur in column {by!r} (after leaving out "
            f"{', '.join(exclude_roles or []) or 'nothing'}); values: {shown}"
        )

    target_value = resolve(target, "target")
    wordfreq_ref = isinstance(reference, str) and reference == "wordfreq"
    if reference is not None and not wordfreq_ref:
        reference_value = resolve(reference, "reference")
        if reference_value == target_value:
            raise ParameterError("reference must differ from target")
    lookup = pd.Series(values[by].to_numpy(dtype=object), index=values["seg_id"].astype(str))
    group = sel.table["seg_id"].astype(str).map(lookup)
    kept = sel.table["term"].notna()
    in_target = (group == target_value) & kept
    if wordfreq_ref or reference is None:
        in_ref = (group != target_value) & group.notna() & kept
    else:
        in_ref = (group == reference_value) & kept
    target_rows = sel.table.loc[in_target.to_numpy()]
    ref_rows = sel.table.loc[in_ref.to_numpy()]
    if target_rows.empty:
        raise ParameterError(f"target {target!r} has no terms to compare")
    speakers = _speaker_keys(sel)
    tc = _counts(sel, target_rows, speakers)
    c = float(len(target_rows))
    if wordfreq_ref:
        # wordfreq frequencies are per running word: the target's size counts them all
        words = (group == target_value) & (sel.table["kind"] == "word")
        c = float(words.sum())
        terms = tc.index
        a = tc["freq"].to_numpy(dtype=float)
        d = c
        b = _wordfreq_reference(sel, target_rows, terms) * d
        out = pd.DataFrame(
            {
                "term": terms,
                "freq_target": a.astype(np.int64),
                "freq_reference": b,
                "docs_target": tc["docs"].to_numpy(),
                "docs_reference": pd.array([pd.NA] * len(terms), dtype="Int64"),
                "speakers_target": tc["speakers"].to_numpy(),
                "speakers_reference": pd.array([pd.NA] * len(terms), dtype="Int64"),
            }
        )
    else:
        if ref_rows.empty:
            raise ParameterError(f"the reference for target {target!r} has no terms to compare")
        rc = _counts(sel, ref_rows, speakers)
        both = tc.add_suffix("_target").join(rc.add_suffix("_reference"), how="outer").fillna(0)
        both = both.astype(np.int64)
        d = float(len(ref_rows))
        a = both["freq_target"].to_numpy(dtype=float)
        b = both["freq_reference"].to_numpy(dtype=float)
        out = pd.DataFrame(
            {
                "term": both.index,
                "freq_target": both["freq_target"].to_numpy(),
                "freq_reference": both["freq_reference"].to_numpy(),
                "docs_target": both["docs_target"].to_numpy(),
                "docs_reference": both["docs_reference"].to_numpy(),
                "speakers_target": both["speakers_target"].to_numpy(),
                "speakers_reference": both["speakers_reference"].to_numpy(),
            }
        )
    keep = (a + b) >= min_freq
    out = out.loc[keep].reset_index(drop=True)
    st = keyness_stats(a[keep], b[keep], c, d)
    out = pd.concat([out, st], axis=1)
    from scipy.stats import false_discovery_control

    p_values = out["p"].to_numpy()
    out["p_adj"] = false_discovery_control(p_values, method="bh") if len(out) else p_values
    out = out[KEYNESS_COLUMNS]
    out = out.sort_values(["G2", "term"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "by": by,
            "target": str(target_value),
            "reference": (
                "wordfreq" if wordfreq_ref else ("rest" if reference is None else str(reference))
            ),
            "size_target": c,
            "size_reference": d,
        }
    )
    return out
