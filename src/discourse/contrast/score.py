"""Lexicon scores per segment, document or group, and the two-pole index.

Definitions
-----------
hits
    Lexicon hits of a category in the unit (a phrase entry is one hit; a token is counted
    once per category; see :mod:`discourse.contrast.hits`). A hit belongs to the unit of
    its first token.
tokens
    The denominator: the unit's running words, i.e. tokens of kind ``word`` (stopwords
    and fillers included; numbers, punctuation, abbreviations, URLs and e-mail addresses
    excluded), counted after the same role and unit filters as the hits. Including
    stopwords keeps the denominator independent of the stopword list, as in corpus
    linguistics' normalised frequencies.
rate
    ``1000 * hits / tokens``: hits per 1,000 words.
share
    ``hits / (hits of all scored categories in the unit)``: the category's part of the
    unit's lexicon hits.
pole_index
    The two-pole index of Laver & Garry (2000) and Kim & Fording (2002), the "relative
    proportional difference" ``(E - B) / (E + B)`` of the entrepreneurial hits ``E`` and
    the bureaucratic hits ``B``, smoothed with a pseudo-count ``prior`` on each pole::

        pole_index = (E - B) / (E + B + 2 * prior)

    This is exactly the posterior mean of ``2p - 1`` when ``p``, the share of
    entrepreneurial among the pole hits, has a Beta(``prior``, ``prior``) prior and the
    hits are binomial: the posterior mean of ``p`` is ``(E + prior) / (E + B + 2 prior)``
    (Gelman et al. 2013, ch. 2). The default ``prior = 2`` (a weakly informative prior
    centred on balance, worth four hits) keeps a unit with one entrepreneurial hit at
    0.2 instead of 1, and lets the index approach ±1 only with many hits (10 : 0 gives
    0.71, 50 : 0 gives 0.93). The same smoothing idea is used by Lowe et al. (2011) for
    their logit scale. ``prior=0`` gives the raw index (undefined, NaN, without hits).

Intervals
---------
With ``by=``, group rows carry percentile intervals from
:func:`discourse.stats.cluster_bootstrap`: documents (or, for a segment-level column
such as ``speaker``, each document's part in the group) are resampled with replacement
within each group, and rates and the index are recomputed from the resampled totals.

References
----------
Gelman, A. et al. (2013). *Bayesian Data Analysis*, 3rd ed. CRC Press.
Kim, H., & Fording, R. C. (2002). Government partisanship in Western democracies,
1945-1998. *European Journal of Political Research* 41(2), 187-206.
Laver, M., & Garry, J. (2000). Estimating policy positions from political texts.
*American Journal of Political Science* 44(3), 619-634.
Lowe, W., Benoit, K., Mikhaylov, S., & Laver, M. (2011). Scaling policy preferences from
coded political texts. *Legislative Studies Quarterly* 36(1), 123-155.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from discourse.contrast.hits import lexicon_hits, load_lexicon
from discourse.contrast.lexicon import Lexicon
from discourse.errors import DiscourseWarning, ParameterError
from discourse.stats.bootstrap import cluster_bootstrap

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["DEFAULT_POLES", "UNITS", "pole_index", "score", "select_speech"]

UNITS = ("segment", "document", "group")
#: (negative pole, positive pole) of the two-pole index.
DEFAULT_POLES = ("bureaucratic", "entrepreneurial")


def pole_index(
    positive: ArrayLike, negative: ArrayLike, prior: float = 2.0
) -> float | np.ndarray:
    """``(P - N) / (P + N + 2 prior)``: the smoothed two-pole index (see module docs).

    Parameters
    ----------
    positive, negative : number or array
        Hits of the positive pole (``E``) and of the negative pole (``B``).
    prior : float
        Pseudo-count added to each pole; 0 gives the raw index.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> pole_index(1, 0), pole_index(10, 0), pole_index(3, 3)
    (0.2, 0.7142857142857143, 0.0)
    >>> round(float(pole_index(1, 0, prior=0)), 3)
    1.0
    """
    p = np.asarray(positive, dtype=float)
    n = np.asarray(negative, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (p - n) / (p + n + 2.0 * prior)
    return float(out) if out.ndim == 0 else out


def select_speech(
    tokens: Tokens,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
) -> Tokens:
    """The tokens that scores and keyness count.

    By default: no interviewer turns and no header lines (``Dato:``, ``Sted:`` ...
    before the first turn).

    Parameters
    ----------
    tokens : Tokens
    exclude_roles : sequence of str or None
        Turns of these roles are left out.
    units : sequence of str or None
        Segment units kept.

    Returns
    -------
    Tokens

    Examples
    --------
    >>> speech = select_speech(tokens)                        # doctest: +SKIP
    >>> everyone = select_speech(tokens, exclude_roles=None)  # doctest: +SKIP
    """
    if exclude_roles is None and units is None:
        return tokens
    return tokens.select(
        exclude_roles=list(exclude_roles) if exclude_roles is not None else None,
        units=list(units) if units is not None else None,
    )


def _resolve_poles(lex: Lexicon, poles, categories: list[str]) -> tuple[str, str] | None:
    if poles == "auto":
        if all(p in categories for p in DEFAULT_POLES):
            poles = DEFAULT_POLES
        else:
            return None
    if poles is None:
        return None
    if len(poles) != 2:
        raise ParameterError(f"poles must be (negative, positive) categories; got {poles!r}")
    for p in poles:
        lex.check_category(p)
        if p not in categories:
            categories.append(p)
    return (str(poles[0]), str(poles[1]))


def score(
    tokens: Tokens,
    lexicon: Lexicon | str = "institutional-logics",
    by: str | None = None,
    unit: str | None = None,
    *,
    categories: Sequence[str] | None = None,
    poles: tuple[str, str] | str | None = "auto",
    prior: float = 2.0,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Lexicon hits, rates, shares and the two-pole index per unit and category.

    Parameters
    ----------
    tokens : Tokens
    lexicon : Lexicon or str
        A :class:`Lexicon`, a shipped lexicon's name or a path
        (default ``"institutional-logics"``).
    by : str, optional
        A segment or metadata column (``actor_type``, ``phase``, ``speaker`` ...). With
        ``unit="group"`` (the default when ``by`` is given) one row per value and
        category, with bootstrap intervals; with ``unit="document"`` or ``"segment"``
        the column is carried along (a segment-level column such as ``speaker`` then
        gives one row per document and value). Segments without a value are left out
        of groups, with a warning.
    unit : {"segment", "document", "group"}, optional
        Default: ``"group"`` with ``by``, else ``"document"``.
    categories : sequence of str, optional
        Categories or dotted subcategories to score; default: the top categories.
    poles : (negative, positive), "auto" or None
        The categories of the two-pole index (added to ``categories`` if missing).
        ``"auto"`` uses ``("bureaucratic", "entrepreneurial")`` when both are among
        the scored categories.
    prior : float
        Pseudo-count added to each pole (Beta prior); see the module docs.
    exclude_roles : sequence of str or None
        Turns of these roles are left out (default: interviewer turns).
    units : sequence of str or None
        Segment units that count (default: turns and paragraphs, not header lines).
    n_boot, seed, level
        Cluster bootstrap settings for group intervals.

    Returns
    -------
    DataFrame
        One row per unit and category: the unit's key columns (``doc_id``, ``seg_id``
        and/or ``by``), ``category``, ``hits``, ``tokens``, ``rate`` (per 1,000 words),
        ``share``, and with poles ``pole_index`` (a property of the unit, repeated on
        each of its category rows). Group rows add ``rate_lo``, ``rate_hi``,
        ``pole_index_lo``, ``pole_index_hi`` and ``n_docs``.

    Raises
    ------
    LexiconError
        Unknown category, or documents in a language the lexicon has no part for.
    ParameterError
        Unknown ``by`` column or ``unit``, or ``unit="group"`` without ``by``.

    Examples
    --------
    >>> lex = Lexicon.load("institutional-logics")   # doctest: +SKIP
    >>> dc.score(tokens, lex, by="actor_type")         # doctest: +SKIP
    """
    lex = load_lexicon(lexicon)
    unit = unit or ("group" if by is not None else "document")
    if unit not in UNITS:
        raise ParameterError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}")
    if unit == "group" and by is None:
        raise ParameterError("unit='group' needs by=COLUMN (a segment or metadata column)")
    if prior < 0:
        raise ParameterError(f"prior must be >= 0; got {prior}")
    cats = list(categories) if categories is not None else lex.top_categories
    if not cats:
        raise ParameterError("no categories to score")
    for cat in cats:
        lex.check_category(cat)
    pole_pair = _resolve_poles(lex, poles, cats)
    seg_cols = tokens.segments.columns
    if by is not None and by not in seg_cols:
        raise ParameterError(
            f"by: unknown column {by!r}; available: "
            + ", ".join(c for c in seg_cols if c not in ("text", "char_start", "char_end"))
        )
    sel = select_speech(tokens, exclude_roles, units)
    hits = lexicon_hits(sel, lex, cats)

    # per segment: words and hits per category
    table = sel.table
    words = (
        table.loc[table["kind"] == "word"]
        .groupby("seg_id", observed=True)
        .size()
        .rename("tokens")
    )
    seg = sel.segments
    seg = seg[seg["seg_id"].isin(table["seg_id"].unique())][
        ["doc_id", "seg_id", *([by] if by is not None and by not in ("doc_id", "seg_id") else [])]
    ].copy()
    seg["tokens"] = seg["seg_id"].map(words).fillna(0).astype(np.int64)
    counts = hits.groupby(["seg_id", "category"], observed=True).size()
    for cat in cats:
        seg[cat] = seg["seg_id"].map(
            counts.xs(cat, level="category") if cat in counts.index.get_level_values(1) else {}
        ).fillna(0).astype(np.int64)

    if unit == "group" and seg[by].isna().any():
        n_missing = int(seg.loc[seg[by].isna(), "doc_id"].nunique())
        warnings.warn(
            f"{n_missing} document(s) have segments without a {by!r} value; those segments "
            "are left out of the groups",
            DiscourseWarning,
            stacklevel=2,
        )
        seg = seg[seg[by].notna()]
        if seg.empty:
            raise ParameterError(
                f"by: no counted segment has a {by!r} value (after leaving out "
                f"{', '.join(exclude_roles or []) or 'nothing'}); choose another column"
            )

    if unit == "segment":
        keys = ["doc_id", "seg_id"]
        if by is not None and by not in keys:
            keys.append(by)
        wide = seg[[*keys, "tokens", *cats]]
    elif unit == "document":
        keys = ["doc_id"]
        if by is not None and by != "doc_id":
            keys.append(by)
        wide = (
            seg.groupby(keys, sort=False, observed=True, dropna=False)[["tokens", *cats]]
            .sum()
            .reset_index()
        )
    else:
        keys = [by]
        wide = seg.groupby(keys, sort=True, observed=True)[["tokens", *cats]].sum().reset_index()

    out = _long(wide, keys, cats, pole_pair, prior)
    if unit == "group":
        out = _with_intervals(out, seg, by, cats, pole_pair, prior, n_boot, seed, level)
    out.attrs.update(
        {
            "lexicon": lex.name,
            "unit": unit,
            "by": by,
            "prior": prior,
            "poles": list(pole_pair) if pole_pair else None,
            "exclude_roles": list(exclude_roles) if exclude_roles is not None else None,
            "units": list(units) if units is not None else None,
        }
    )
    return out


def _long(wide: pd.DataFrame, keys, cats, poles, prior) -> pd.DataFrame:
    total_hits = wide[cats].sum(axis=1).to_numpy(dtype=float)
    tokens = wide["tokens"].to_numpy(dtype=float)
    index = pole_index(wide[poles[1]], wide[poles[0]], prior) if poles else None
    frames = []
    for cat in cats:
        h = wide[cat].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            part = wide[keys].copy()
            part["category"] = cat
            part["hits"] = wide[cat].to_numpy(dtype=np.int64)
            part["tokens"] = wide["tokens"].to_numpy(dtype=np.int64)
            part["rate"] = np.where(tokens > 0, 1000.0 * h / tokens, np.nan)
            part["share"] = np.where(total_hits > 0, h / total_hits, np.nan)
        if poles:
            part["pole_index"] = np.asarray(index, dtype=float)
        part["_order"] = np.arange(len(wide))
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["category"] = pd.Categorical(out["category"], categories=list(dict.fromkeys(cats)))
    out = out.sort_values(["_order", "category"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


def _with_intervals(out, seg, by, cats, poles, prior, n_boot, seed, level) -> pd.DataFrame:
    keys = [by] if by == "doc_id" else [by, "doc_id"]  # by=doc_id: each group one document
    clusters = seg.groupby(keys, sort=True, observed=True)[["tokens", *cats]].sum()
    clusters = clusters.reset_index()
    sums = clusters[[*cats, "tokens"]].to_numpy(dtype=float)
    k = len(cats)
    pos = cats.index(poles[1]) if poles else None
    neg = cats.index(poles[0]) if poles else None

    def statistic(t: np.ndarray) -> np.ndarray:
        rates = 1000.0 * t[..., :k] / t[..., k : k + 1]
        if poles is None:
            return rates
        idx = np.asarray(pole_index(t[..., pos], t[..., neg], prior))
        return np.concatenate([rates, idx[..., None]], axis=-1)

    res = cluster_bootstrap(
        sums, clusters[by].tolist(), statistic=statistic, n_boot=n_boot, seed=seed
    )
    lo, hi = res.interval(level)
    group_pos = {g: i for i, g in enumerate(res.groups)}
    gi = out[by].map(group_pos).to_numpy()
    ci = out["category"].cat.codes.to_numpy()
    cat_order = list(out["category"].cat.categories)
    stat_col = np.array([cats.index(c) for c in cat_order])[ci]
    out["rate_lo"] = lo[gi, stat_col]
    out["rate_hi"] = hi[gi, stat_col]
    if poles:
        out["pole_index_lo"] = lo[gi, k]
        out["pole_index_hi"] = hi[gi, k]
    out["n_docs"] = res.n_clusters[gi]
    return out
