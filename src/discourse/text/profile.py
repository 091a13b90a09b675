"""What a corpus is made of and what preprocessing takes out of it.

Three tables for describing a corpus in a methods section, all computed from a
:class:`~discourse.text.preprocess.Tokens` table:

* :func:`document_counts`: documents per group, by structure (transcript or paragraphs)
  and language;
* :func:`composition`: documents, segments and running words per group and part of the
  text (interviewer turns, respondent turns, other turns, paragraphs, header lines);
* :func:`removal_steps`: every token's fate, step by step: which tokens the analyses
  leave out (interviewer turns, header lines), which are not words (punctuation,
  numbers, abbreviations, URLs, suspended compound parts), which the stopword, filler,
  modelling-stoplist, length, multiword and document-frequency settings remove, and how
  many modelling terms are left;
* :func:`frequent_terms`: the most frequent modelling terms per group.

Examples
--------
>>> import discourse as dc, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Vi har eh en pilot. Piloten gikk bra!\\n")
>>> tokens = dc.preprocess(dc.read_corpus(folder), cache=False)
>>> removal_steps(tokens)[["step", "removed", "remaining"]].to_string(index=False)
'...all tokens        0         10...punctuation        2          8...'
>>> frequent_terms(tokens, n=1)[["rank", "term", "freq"]].to_dict("records")
[{'rank': 1, 'term': 'pilot', 'freq': 2}]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from discourse.errors import ParameterError
from discourse.privacy.detect import PSEUDONYM_TOKEN
from discourse.text.preprocess import Tokens
from discourse.text.stopwords import modelling_stopwords as _modelling_stopwords
from discourse.text.stopwords import stopwords as _stopwords

__all__ = [
    "PARTS",
    "STEPS",
    "composition",
    "document_counts",
    "frequent_terms",
    "removal_steps",
]

#: Parts of a corpus's text, in the order :func:`composition` lists them.
PARTS = ("interviewer turns", "respondent turns", "other turns", "paragraphs", "header lines")
#: The steps of :func:`removal_steps`, in order.
STEPS = (
    "all tokens",
    "interviewer turns",
    "header lines",
    "punctuation",
    "numbers",
    "abbreviations",
    "URLs and e-mail addresses",
    "suspended hyphens",
    "stopwords",
    "fillers",
    "added stopwords",
    "modelling stopwords",
    "added modelling stopwords",
    "pseudonyms",
    "too short",
    "joined into multiword terms",
    "document frequency",
)
_NONE = "(none)"


def _check_tokens(tokens: object) -> Tokens:
    if not isinstance(tokens, Tokens):
        raise ParameterError(f"expected Tokens from dc.preprocess(), got {type(tokens).__name__}")
    return tokens


def _groups(tokens: Tokens, by: str | None) -> pd.Series:
    """The group of every segment (indexed like ``tokens.segments``), as strings."""
    seg = tokens.segments
    if by is None:
        return pd.Series("all", index=seg.index, dtype=object)
    if not isinstance(by, str) or by not in seg.columns or by in ("text", "seg_id"):
        columns = [c for c in seg.columns if c not in ("text", "seg_id", "char_start", "char_end")]
        raise ParameterError(f"by: unknown column {by!r}; available: {', '.join(columns)}")
    return seg[by].astype(object).where(seg[by].notna(), _NONE).astype(str)


def _part(segments: pd.DataFrame) -> np.ndarray:
    unit = segments["unit"].astype(object).to_numpy()
    role = segments["role"].astype(object).where(segments["role"].notna(), "other").to_numpy()
    part = np.where(unit == "paragraph", "paragraphs", "header lines").astype(object)
    turn = unit == "turn"
    named = np.isin(role, ["interviewer", "respondent"])
    part[turn] = [
        f"{r if ok else 'other'} turns" for r, ok in zip(role[turn], named[turn], strict=True)
    ]
    return part


def _segment_rows(tokens: Tokens) -> np.ndarray:
    """The ``tokens.segments`` row number of every token."""
    seg = tokens.segments
    lookup = pd.Series(np.arange(len(seg)), index=seg["seg_id"].astype(str).to_numpy())
    return lookup.reindex(tokens.table["seg_id"].astype(str).to_numpy()).to_numpy()


def composition(tokens: Tokens, by: str | None = "actor_type") -> pd.DataFrame:
    """Documents, segments and running words per group and part of the text.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    by : str or None
        A segment or metadata column to group by (``actor_type``, ``lang``, ``role``...);
        None puts everything in one group, ``all``. Segments without a value form the
        group ``(none)``.

    Returns
    -------
    DataFrame
        One row per group and part (``interviewer turns``, ``respondent turns``, ``other
        turns``, ``paragraphs``, ``header lines``; parts a group lacks are left out):
        ``[by or "group"]``, ``part``, ``documents`` (with at least one such segment),
        ``segments``, ``words`` (tokens of kind ``word``, stopwords included). Groups in
        sorted order, parts in the order above.

    Raises
    ------
    ParameterError
        For tokens that are not ``Tokens`` or an unknown ``by`` column.

    Examples
    --------
    >>> composition(tokens, by="actor_type")  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    seg = tokens.segments
    group = _groups(tokens, by)
    words = (
        tokens.table.loc[tokens.table["kind"] == "word", "seg_id"]
        .astype(str)
        .value_counts()
        .reindex(seg["seg_id"].astype(str).to_numpy(), fill_value=0)
        .to_numpy()
    )
    frame = pd.DataFrame(
        {
            "group": group.to_numpy(),
            "part": pd.Categorical(_part(seg), categories=list(PARTS)),
            "doc_id": seg["doc_id"].astype(str).to_numpy(),
            "words": words,
        }
    )
    out = (
        frame.groupby(["group", "part"], observed=True, sort=True)
        .agg(documents=("doc_id", "nunique"), segments=("doc_id", "size"), words=("words", "sum"))
        .reset_index()
    )
    out["part"] = out["part"].astype(str)
    out = out.astype({"documents": "int64", "segments": "int64", "words": "int64"})
    return out.rename(columns={"group": by or "group"})


def document_counts(
    tokens: Tokens, by: str | None = "actor_type", columns: Sequence[str] = ("structure", "lang")
) -> pd.DataFrame:
    """Documents per group, split by document columns such as structure and language.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    by : str or None
        A document column to group by; None: one group, ``all``. Documents without a
        value form the group ``(none)``.
    columns : sequence of str
        Document columns to count the values of (default ``structure``, transcript or
        paragraphs, and ``lang``).

    Returns
    -------
    DataFrame
        One row per group (sorted) and a last row ``total``: ``[by or "group"]``,
        ``documents``, then ``<column>: <value>`` counts for every value of each column
        (values sorted; documents without a value count as ``(none)``).

    Raises
    ------
    ParameterError
        For an unknown column.

    Examples
    --------
    >>> document_counts(tokens, by="actor_type")  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    docs = tokens.documents
    unknown = [c for c in [*([by] if by else []), *columns] if c not in docs.columns]
    if unknown:
        raise ParameterError(
            f"unknown document column(s) {', '.join(map(repr, unknown))}; "
            f"available: {', '.join(docs.columns)}"
        )

    def values(col: str | None) -> pd.Series:
        if col is None:
            return pd.Series("all", index=docs.index, dtype=object)
        return docs[col].astype(object).where(docs[col].notna(), _NONE).astype(str)

    group = values(by)
    parts = [group.value_counts().sort_index().rename("documents")]
    for col in columns:
        table = pd.crosstab(group, values(col))
        parts.append(table.rename(columns=lambda v, col=col: f"{col}: {v}"))
    out = pd.concat(parts, axis=1).fillna(0).astype("int64")
    out.loc["total"] = out.sum()
    return out.rename_axis(by or "group").reset_index()


def _fates(tokens: Tokens, exclude_roles: Sequence[str], units: Sequence[str]) -> np.ndarray:
    """The step (an index into STEPS) that removes each token; -1 for modelling terms."""
    t = tokens.table
    s = tokens.settings
    seg = tokens.segments
    rows = _segment_rows(tokens)
    role = seg["role"].astype(object).to_numpy()[rows]
    unit = seg["unit"].astype(object).to_numpy()[rows]
    kind = t["kind"].astype(str).to_numpy()
    norm = t["norm"].astype(str).to_numpy()
    lemma = t["lemma"].astype(str).to_numpy()
    has_term = t["term"].notna().to_numpy()
    is_stop = t["is_stop"].to_numpy(dtype=bool)
    lang = (
        tokens.documents.set_index(tokens.documents["doc_id"].astype(str))["lang"]
        .astype(str)
        .reindex(t["doc_id"].astype(str).to_numpy())
        .to_numpy()
    )
    fate = np.full(len(t), -1, dtype=np.int64)

    def assign(step: str, mask: np.ndarray) -> None:
        fate[(fate == -1) & mask] = STEPS.index(step)

    assign("interviewer turns", pd.Series(role).isin(list(exclude_roles)).to_numpy())
    assign("header lines", ~pd.Series(unit).isin(list(units)).to_numpy())
    # a stopword can start a joined phrase and so carry a term: terms are kept first
    kept = has_term & (fate == -1)
    fate[kept] = -2
    assign("punctuation", kind == "punct")
    assign("numbers", kind == "number")
    assign("abbreviations", kind == "abbr")
    assign("URLs and e-mail addresses", np.isin(kind, ["url", "email"]))
    surface = t["surface"].astype("category")  # one test per distinct form
    codes = surface.cat.codes.to_numpy()
    forms = surface.cat.categories.astype(str)
    suspended = np.asarray(forms.str.endswith("-"), dtype=bool)
    assign("suspended hyphens", (kind == "word") & (codes >= 0) & suspended[np.maximum(codes, 0)])
    function = np.zeros(len(t), dtype=bool)
    filler = np.zeros(len(t), dtype=bool)
    for lg in np.unique(lang):
        words, _ = _stopwords(lg, fillers=False, remove=s.stopwords_remove)
        spoken, phrases = _stopwords(lg, fillers=True, remove=s.stopwords_remove)
        fillers = (spoken - words) | {w for p in phrases for w in p}
        here = lang == lg
        function[here] = np.isin(norm[here], list(words))
        filler[here] = np.isin(norm[here], list(fillers - words))
    assign("stopwords", is_stop & function)
    if s.fillers:
        assign("fillers", is_stop & filler)
    assign("added stopwords", is_stop)
    if "is_modelling_stop" in t.columns:  # tables of RULES_VERSION >= 4
        model_stop = t["is_modelling_stop"].to_numpy(dtype=bool)
        # shipped: the token's lemma or form is on the shipped list, or it stands in a
        # shipped fixed expression (approximated, as for fillers, by being one of its
        # words); the rest was flagged because of modelling_stopwords_add
        seg_lang = tokens.segments["lang"].astype(str).to_numpy()[rows]
        shipped = np.zeros(len(t), dtype=bool)
        for lg in np.unique(seg_lang):
            words, phrases = _modelling_stopwords(
                lg, shipped=s.modelling_stopwords, remove=s.modelling_stopwords_remove
            )
            in_phrase = {w for p in phrases for w in p}
            here = seg_lang == lg
            shipped[here] = (
                np.isin(norm[here], list(words))
                | np.isin(lemma[here], list(words))
                | np.isin(norm[here], list(in_phrase))
            )
        assign("modelling stopwords", model_stop & shipped)
        assign("added modelling stopwords", model_stop)
    is_pseudonym = np.array([bool(PSEUDONYM_TOKEN.fullmatch(x)) for x in forms], dtype=bool)
    assign("pseudonyms", (codes >= 0) & is_pseudonym[np.maximum(codes, 0)])
    lengths = np.fromiter(map(len, lemma), dtype=np.int64, count=len(lemma))
    assign("too short", lengths < s.min_length)
    rest = fate == -1  # words that pass every token filter but have no term
    if rest.any() and (s.min_df > 1 or s.max_df < 1):
        from discourse.text.preprocess import preprocess

        unfiltered = dataclasses.asdict(s) | {"min_df": 1, "max_df": 1.0}
        cache_dir = tokens.cache_path.parent.parent if tokens.cache_path is not None else None
        full = preprocess(
            tokens.corpus, cache=cache_dir is not None, cache_dir=cache_dir, **unfiltered
        ).table
        had_term = (
            full.assign(had=full["term"].notna())
            .set_index([full["doc_id"].astype(str), full["position"]])["had"]
            .reindex(pd.MultiIndex.from_arrays([t["doc_id"].astype(str), t["position"]]))
            .to_numpy(dtype=bool)
        )
        assign("document frequency", had_term)
    assign("joined into multiword terms", np.ones(len(t), dtype=bool))
    fate[fate == -2] = -1
    return fate


def removal_steps(
    tokens: Tokens,
    *,
    exclude_roles: Sequence[str] = ("interviewer",),
    units: Sequence[str] = ("turn", "paragraph"),
    by: str | None = None,
) -> pd.DataFrame:
    """What each preprocessing choice removes: tokens per step, in pipeline order.

    Every token is counted once, at the first step that removes it:

    1. ``interviewer turns``: turns of ``exclude_roles`` (the analyses leave them out);
    2. ``header lines``: segments whose unit is not in ``units`` (transcript headers);
    3. ``punctuation``, ``numbers``, ``abbreviations`` (with or without full stops: "jf.",
       "jf", "bl.a"), ``URLs and e-mail addresses``: tokens that are not words never
       become terms;
    4. ``suspended hyphens``: compound parts such as ``tros-`` in "tros- og
       livssynssamfunn";
    5. ``stopwords``: the shipped function words (``stopwords=True``);
    6. ``fillers``: tokens flagged only because of ``fillers=True`` (eh, liksom, and every
       word of a multiword filler such as "ikke sant");
    7. ``added stopwords``: words flagged only because of ``stopwords_add``;
    8. ``modelling stopwords``: the shipped modelling stoplist (``modelling_stopwords=True``:
       light verbs, numerals and ordinals, discourse particles, generic time and quantity
       words, and every word of a listed fixed expression such as "i forhold til");
    9. ``added modelling stopwords``: words flagged only because of
       ``modelling_stopwords_add``;
    10. ``pseudonyms``: placeholders of a pseudonymised corpus (``[PERSON_2]``), which are
       never modelling terms;
    11. ``too short``: lemmas shorter than ``min_length``;
    12. ``joined into multiword terms``: the second and later words of a joined phrase
       (``felles eierskap`` is one term, counted on its first word);
    13. ``document frequency``: terms outside ``min_df``/``max_df`` (found by comparing
       with the same settings without those limits, which preprocesses once more).

    A token that carries a term is kept even when it is flagged (a phrase may start with
    a stopword). ``remaining`` after the last step is the number of modelling terms.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess` (a ``select()``-ed part works too).
    exclude_roles : sequence of str
        Roles whose turns the analyses leave out (default: the interviewer's).
    units : sequence of str
        Units the analyses keep (default turns and paragraphs, so header lines go).
    by : str, optional
        A segment or metadata column: the steps per group.

    Returns
    -------
    DataFrame
        ``[by]``, ``step``, ``setting`` (the setting behind the step), ``removed``
        (tokens), ``share_removed`` (of all the group's tokens), ``remaining`` (tokens
        left after the step). Every step is listed, with 0 when it removes nothing.

    Raises
    ------
    ParameterError
        For tokens that are not ``Tokens`` or an unknown ``by`` column.

    Examples
    --------
    >>> removal_steps(tokens, by="actor_type")  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    s = tokens.settings
    seg_group = _groups(tokens, by).to_numpy()
    group = seg_group[_segment_rows(tokens)] if len(tokens.table) else np.array([], object)
    fate = _fates(tokens, exclude_roles, units)
    settings = {
        "all tokens": "",
        "interviewer turns": f"exclude_roles={', '.join(exclude_roles) or 'none'}",
        "header lines": f"units={', '.join(units)}",
        "punctuation": "words only",
        "numbers": "words only",
        "abbreviations": "words only",
        "URLs and e-mail addresses": "words only",
        "stopwords": f"stopwords={s.stopwords}",
        "fillers": f"fillers={s.fillers}",
        "added stopwords": f"stopwords_add ({len(s.stopwords_add)} entries)",
        "suspended hyphens": "compound parts ending in '-' are no terms",
        "modelling stopwords": (
            f"modelling_stopwords={s.modelling_stopwords}"
            + (
                f", {len(s.modelling_stopwords_remove)} removed"
                if s.modelling_stopwords_remove
                else ""
            )
        ),
        "added modelling stopwords": (
            f"modelling_stopwords_add ({len(s.modelling_stopwords_add)} entries)"
        ),
        "pseudonyms": "pseudonymised corpus: [PERSON_n] etc. are no terms",
        "too short": f"min_length={s.min_length}",
        "joined into multiword terms": (
            f"multiword ({len(s.multiword)} phrases)" + (", phrases=npmi" if s.phrases else "")
        ),
        "document frequency": f"min_df={s.min_df}, max_df={s.max_df}",
    }
    rows = []
    for g in sorted(set(group.tolist())) if by is not None else ["all"]:
        here = fate[group == g] if by is not None else fate
        counts = np.bincount(here[here >= 0], minlength=len(STEPS))
        remaining = len(here)
        for i, step in enumerate(STEPS):
            remaining -= int(counts[i])
            row = {} if by is None else {by: g}
            row.update(
                step=step,
                setting=settings[step],
                removed=int(counts[i]),
                share_removed=counts[i] / len(here) if len(here) else float("nan"),
                remaining=remaining,
            )
            rows.append(row)
    return pd.DataFrame(rows)


def frequent_terms(
    tokens: Tokens,
    by: str | None = None,
    n: int = 15,
    *,
    exclude_roles: Sequence[str] = ("interviewer",),
    units: Sequence[str] = ("turn", "paragraph"),
) -> pd.DataFrame:
    """The ``n`` most frequent modelling terms of each group.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    by : str, optional
        A segment or metadata column; None ranks the whole corpus.
    n : int
        Terms per group.
    exclude_roles, units
        Segments left out, as in :func:`removal_steps` (interviewer turns and header
        lines by default).

    Returns
    -------
    DataFrame
        ``[by]``, ``rank`` (1 = most frequent), ``term``, ``freq``, ``per_1000`` (per
        1,000 modelling terms of the group), ``docs`` (the group's documents that use
        it) and ``share_docs`` (their share of the group's documents). Ties are ranked
        by ``docs``, then alphabetically, so the order never depends on chance.

    Raises
    ------
    ParameterError
        For a bad ``n``, tokens that are not ``Tokens`` or an unknown ``by`` column.

    Examples
    --------
    >>> frequent_terms(tokens, by="actor_type", n=10)  # doctest: +SKIP
    """
    tokens = _check_tokens(tokens)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"n must be a whole number >= 1, got {n!r}")
    seg = tokens.segments
    seg_group = _groups(tokens, by).to_numpy()
    keep_seg = (
        ~seg["role"].isin(list(exclude_roles)).to_numpy() & seg["unit"].isin(list(units)).to_numpy()
    )
    rows = _segment_rows(tokens)
    t = tokens.table
    frame = pd.DataFrame(
        {
            "group": seg_group[rows],
            "keep": keep_seg[rows],
            "doc_id": t["doc_id"].astype(str).to_numpy(),
            "term": t["term"].astype(object).to_numpy(),
        }
    )
    n_docs = frame[frame["keep"]].groupby("group")["doc_id"].nunique()
    frame = frame[frame["keep"] & frame["term"].notna()]
    counts = (
        frame.groupby(["group", "term"])
        .agg(freq=("doc_id", "size"), docs=("doc_id", "nunique"))
        .reset_index()
    )
    totals = counts.groupby("group")["freq"].transform("sum")
    counts["per_1000"] = 1000 * counts["freq"] / totals
    counts["share_docs"] = counts["docs"] / counts["group"].map(n_docs)
    counts = counts.sort_values(
        ["group", "freq", "docs", "term"], ascending=[True, False, False, True], kind="stable"
    )
    counts["rank"] = counts.groupby("group").cumcount() + 1
    out = counts[counts["rank"] <= n][
        ["group", "rank", "term", "freq", "per_1000", "docs", "share_docs"]
    ].reset_index(drop=True)
    if by is None:
        return out.drop(columns="group")
    return out.rename(columns={"group": by})
