"""Lexicon overlap: how much of each topic's vocabulary belongs to a lexicon category.

Which topics carry bureaucratic or entrepreneurial vocabulary? A topic is a probability
distribution φ_k over the modelling terms, so the natural measure is the probability
mass it puts on a category's terms:

- ``mass`` = Σ_{w ∈ C} φ_kw, the share of the topic's term tokens (in expectation)
  that are words of category C;
- ``corpus_mass`` = Σ_{w ∈ C} p_w, the same share in the modelling texts as a whole
  (p_w = the term's share of all modelling tokens), the baseline a topic would have if
  it were the average of the corpus;
- ``lift`` = mass / corpus_mass: above 1 the topic leans on the category more than the
  corpus does (NaN when the corpus has no term of the category);
- ``top_hits`` and ``top_share``: how many of the topic's top ``n`` terms by relevance
  (Sievert & Shirley 2014) are category terms, and their share of the ``n``: the view a
  reader of the top-term table gets.

Which terms belong to a category: each modelling term (a lemma, or a multiword term
joined with ``_`` such as ``felles_eierskap``) is matched against the category's entries
in the lexicon parts of the languages modelled. Entries are patterns of
:mod:`discourse.text.patterns`: an exact lemma, a glob (``regelverk*``) or a phrase
(``"felles eierskap"``), compared with the term's words in lower case. A phrase entry of
m words matches a term when m consecutive words of the term match it, so the entry
``eierskap*`` matches the term ``felles_eierskap``, as :func:`discourse.score` would count
the second word of that phrase. A term counts once per category and may belong to
several categories (as in :func:`discourse.score`).

Unlike :func:`discourse.score`, which counts hits in the running text, this works on the
model's vocabulary alone: exact entries are compared with the lemma as the preprocessing
wrote it (they are not lemmatised again), and terms filtered out before modelling
(stopwords, rare or too frequent terms) cannot count. Regular-expression entries are not
part of the lexicon format.

Examples
--------
>>> import numpy as np
>>> from discourse.contrast.lexicon import Lexicon
>>> lex = Lexicon.from_dict({"rules": ["regel*"], "market": ["kunde"]})
>>> vocab = ["kunde", "regelverk", "skole"]
>>> term_categories(vocab, lex, ["rules", "market"])
{'rules': [1], 'market': [0]}
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.contrast.hits import load_lexicon
from discourse.contrast.lexicon import ANY_LANGUAGE, Lexicon, LexiconError
from discourse.errors import ParameterError
from discourse.text.patterns import parse_pattern

if TYPE_CHECKING:
    from discourse.topics.model import TopicModel

__all__ = ["lexicon_overlap", "term_categories"]

#: Matched terms listed per topic and category in the ``terms`` column.
N_LISTED = 6


def _word_matches(pattern_word: str, kind: str, word: str) -> bool:
    if kind == "glob":
        return fnmatch.fnmatchcase(word, pattern_word.lower())
    return word == pattern_word.lower()


def _entry_matches(words: tuple[str, ...], kind: str, term_words: list[str]) -> bool:
    m = len(words)
    for start in range(len(term_words) - m + 1):
        window = term_words[start : start + m]
        if all(_word_matches(p, kind, w) for p, w in zip(words, window, strict=True)):
            return True
    return False


def term_categories(
    vocabulary: Sequence[str],
    lexicon: Lexicon | str,
    categories: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
) -> dict[str, list[int]]:
    """The vocabulary positions of the terms each category's entries match.

    Parameters
    ----------
    vocabulary : sequence of str
        Modelling terms (lemmas; multiword terms joined with ``_``).
    lexicon : Lexicon or str
        A lexicon or the name of a shipped one.
    categories : sequence of str, optional
        Categories or dotted subcategories (default: the lexicon's top categories).
    langs : sequence of str, optional
        Languages whose lexicon parts are used (their entries are pooled). Default: every
        part of the lexicon.

    Returns
    -------
    dict
        ``{category: [positions in vocabulary, ascending]}``.

    Raises
    ------
    LexiconError
        For an unknown category or a language the lexicon has no part for.
    """
    lex = load_lexicon(lexicon)
    cats = list(categories) if categories is not None else lex.top_categories
    if not cats:
        raise ParameterError("categories is empty")
    if langs is None:
        langs = lex.languages
    langs = [ANY_LANGUAGE if ANY_LANGUAGE in lex.parts else lang for lang in langs]
    split = [str(t).lower().split("_") for t in vocabulary]
    out: dict[str, list[int]] = {}
    for cat in cats:
        lex.check_category(cat)
        entries: list[str] = []
        for lang in dict.fromkeys(langs):
            entries.extend(e for e in lex.entries(cat, lang) if e not in entries)
        patterns = [parse_pattern(e) for e in entries]
        out[cat] = [
            i
            for i, words in enumerate(split)
            if any(_entry_matches(p.words, p.kind, words) for p in patterns)
        ]
    return out


def _model_languages(model: TopicModel, lex: Lexicon) -> list[str]:
    if ANY_LANGUAGE in lex.parts:
        return [ANY_LANGUAGE]
    meta = model.metadata
    if "lang" not in meta.columns:
        return lex.languages
    langs = sorted(str(x) for x in meta["lang"].dropna().unique())
    missing = [lang for lang in langs if lang not in lex.parts]
    if missing:
        raise LexiconError(
            f"lexicon {lex.name!r} has no {', '.join(map(repr, missing))} part (it has "
            f"{', '.join(lex.languages)}); pass langs= to choose the parts to use"
        )
    return langs or lex.languages


def lexicon_overlap(
    model: TopicModel,
    lexicon: Lexicon | str = "institutional-logics",
    *,
    categories: Sequence[str] | None = None,
    n: int = 20,
    relevance_lambda: float = 0.6,
    langs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The share of each topic's probability mass and top terms in each lexicon category.

    Parameters
    ----------
    model : TopicModel
        A fitted (or loaded) topic model.
    lexicon : Lexicon or str
        The lexicon (default the shipped ``institutional-logics``).
    categories : sequence of str, optional
        Categories or dotted subcategories (default: the top categories).
    n : int
        How many top terms (by relevance) ``top_hits`` and ``top_share`` look at (20).
    relevance_lambda : float
        λ of the relevance ranking (0.6).
    langs : sequence of str, optional
        Lexicon parts to pool. Default: the languages of the modelled documents (the
        ``lang`` metadata column; every part when there is none).

    Returns
    -------
    DataFrame
        One row per (topic, category), topics 1 to k, categories in lexicon order:
        ``topic``, ``label``, ``category``, ``mass``, ``corpus_mass``, ``lift``,
        ``top_hits``, ``top_share``, ``n_terms`` (category terms in the vocabulary) and
        ``terms`` (the topic's most probable category terms, up to six, space-separated).

    Raises
    ------
    ParameterError
        For a bad ``n`` or empty ``categories``.
    LexiconError
        For an unknown category, or a modelled language the lexicon lacks.

    Examples
    --------
    >>> tm.lexicon_overlap("institutional-logics", n=20)  # doctest: +SKIP
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"n must be a whole number >= 1, got {n!r}")
    lex = load_lexicon(lexicon)
    use = list(langs) if langs is not None else _model_languages(model, lex)
    matched = term_categories(model.vocabulary, lex, categories, use)
    phi = np.asarray(model.topic_term, dtype=float)
    freq = np.asarray(model.term_freq, dtype=float)
    share = freq / freq.sum() if freq.sum() > 0 else np.zeros_like(freq)
    n_top = min(int(n), phi.shape[1])
    top = model.top_terms(n_top, relevance_lambda)
    top_ids = {t: set(g["term"].tolist()) for t, g in top.groupby("topic", sort=True)}
    labels = model.labels()  # the same names as in every other table
    vocab = np.asarray(model.vocabulary, dtype=object)
    rows = []
    for t in range(model.k):
        for cat, ids in matched.items():
            idx = np.asarray(ids, dtype=int)
            mass = float(phi[t, idx].sum()) if idx.size else 0.0
            base = float(share[idx].sum()) if idx.size else 0.0
            order = idx[np.argsort(-phi[t, idx], kind="stable")] if idx.size else idx
            listed = [str(vocab[i]) for i in order[:N_LISTED] if phi[t, i] > 0]
            hits = sum(1 for i in idx if vocab[i] in top_ids[t + 1])
            rows.append(
                {
                    "topic": t + 1,
                    "label": labels.loc[t + 1],
                    "category": cat,
                    "mass": mass,
                    "corpus_mass": base,
                    "lift": mass / base if base > 0 else float("nan"),
                    "top_hits": hits,
                    "top_share": hits / n_top,
                    "n_terms": int(idx.size),
                    "terms": " ".join(listed),
                }
            )
    return pd.DataFrame(rows)
