"""Lexicon hits: where each category's entries occur in a token table.

Every document is matched with the lexicon part of its own language (``lang`` column of
the documents table). Matching uses :func:`discourse.text.patterns.find` on lemmas, so a
hit counted in a score is the same span a concordance shows. Within a category a token
is counted once: a phrase entry (``"sosial verdiskaping"``) hides a single-word entry
inside it (``verdiskaping*``) (:func:`~discourse.text.patterns.drop_nested`). A word that
two categories list counts in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.contrast.lexicon import ANY_LANGUAGE, Lexicon, LexiconError
from discourse.text.patterns import Matches, drop_nested, find

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["HIT_COLUMNS", "lexicon_hits", "load_lexicon", "row_languages"]

HIT_COLUMNS = ["category", "entry", "start", "stop", "doc_id", "seg_id"]


def load_lexicon(lexicon: Lexicon | str) -> Lexicon:
    """A :class:`Lexicon`, loading it when given a name or path."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, str) or hasattr(lexicon, "__fspath__"):
        return Lexicon.load(lexicon)
    raise LexiconError(
        f"expected a Lexicon, a lexicon name or a path; got {type(lexicon).__name__}"
    )


def row_languages(tokens: Tokens) -> np.ndarray:
    """The document language of every row of ``tokens.table`` (object array)."""
    langs = tokens.documents.set_index("doc_id")["lang"].astype(object)
    doc = tokens.table["doc_id"].astype(object)
    return doc.map(langs).to_numpy(dtype=object)


def _subset(matches: Matches, keep: np.ndarray) -> Matches:
    return Matches(matches.start[keep], matches.stop[keep], matches.pattern[keep], matches.patterns)


def lexicon_hits(
    tokens: Tokens, lexicon: Lexicon | str, categories: list[str] | None = None
) -> pd.DataFrame:
    """One row per hit of each category's entries.

    Parameters
    ----------
    tokens : Tokens
        The tokens to search (filter them first).
    lexicon : Lexicon or str
    categories : list of str, optional
        Categories or dotted subcategories; default: the lexicon's top categories.

    Returns
    -------
    DataFrame
        ``category``, ``entry`` (the lexicon entry that matched), ``start`` and ``stop``
        (row span in ``tokens.table``), ``doc_id``, ``seg_id``; ordered by category, then
        position.

    Raises
    ------
    LexiconError
        For an unknown category, or when the corpus has documents in a language the
        lexicon has no part for.

    Examples
    --------
    >>> hits = lexicon_hits(tokens, "institutional-logics", ["bureaucratic"])  # doctest: +SKIP
    >>> hits["entry"].value_counts().head()                                   # doctest: +SKIP
    """
    lex = load_lexicon(lexicon)
    cats = list(categories) if categories is not None else lex.top_categories
    for cat in cats:
        lex.check_category(cat)
    table = tokens.table
    langs = row_languages(tokens)
    present = sorted({str(v) for v in pd.unique(langs) if isinstance(v, str)})
    if ANY_LANGUAGE not in lex.parts:
        if any(not isinstance(v, str) for v in pd.unique(langs)):
            raise LexiconError("some documents have no language; set `lang` in metadata.csv")
        for lang in present:
            lex.part(lang)  # raises for a language the lexicon lacks
    groups = [(ANY_LANGUAGE, None)] if ANY_LANGUAGE in lex.parts else [(g, g) for g in present]
    frames = []
    for cat in cats:
        for part_lang, lang in groups:
            entries = lex.entries(cat, part_lang)
            found = find(tokens, entries)
            if lang is not None and len(found):
                found = _subset(found, langs[found.start] == lang)
            found = drop_nested(found)
            if not len(found):
                continue
            frames.append(
                pd.DataFrame(
                    {
                        "category": cat,
                        "entry": [found.patterns[i].source for i in found.pattern],
                        "start": found.start,
                        "stop": found.stop,
                    }
                )
            )
    if not frames:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in HIT_COLUMNS})
        out["start"] = out["start"].astype(np.int64)
        out["stop"] = out["stop"].astype(np.int64)
        return out
    out = pd.concat(frames, ignore_index=True)
    out["doc_id"] = table["doc_id"].to_numpy()[out["start"].to_numpy()]
    out["seg_id"] = table["seg_id"].to_numpy()[out["start"].to_numpy()]
    order = {c: i for i, c in enumerate(cats)}
    out = out.sort_values(
        ["category", "start", "stop"], key=lambda s: s.map(order) if s.name == "category" else s,
        kind="stable",
    )
    return out.reset_index(drop=True)
