"""Latent Semantic Scaling (LSS): place documents on an axis defined by seed words.

Watanabe (2021) scales documents semi-supervised: a few seed words mark the two ends
of a dimension, word vectors from a truncated SVD tell how close every other word is to
them, and a document's score is the mean closeness of its words. Steps here:

1. **Matrix.** Rows are contexts, by default sentences (Watanabe 2021 fits on
   sentences: small contexts give sharper co-occurrence and many rows even in a small
   corpus; ``context="segment"`` uses turns and paragraphs); columns are terms (the
   ``term`` column: lemmas and joined phrases) with at least ``min_count`` occurrences.
   Cells are tf-idf weights (scikit-learn's ``TfidfTransformer``: smooth idf, rows
   normalised to unit length), so very common terms and very long contexts do not
   dominate the first singular vectors (``weighting="count"`` keeps raw counts).
2. **Term vectors.** A truncated SVD (scikit-learn ``TruncatedSVD``, randomised, seeded)
   with ``k = min(300, round(2 * sqrt(n_contexts)), n_contexts - 1, n_terms - 1)``
   dimensions. 300 is Watanabe's default for large corpora (reached from 22,500
   contexts on); a smaller corpus cannot estimate as many latent dimensions, and the
   square-root rule (our heuristic, not Watanabe's) gives about 115 for 3,300 sentences
   and keeps the SVD fast. Pass ``k=`` to choose.
   A term's vector is its row of ``V``, the right singular vectors, as in Watanabe's
   reference implementation (R package LSX, ``embed <- t(svd$v)``): every retained
   dimension weighs the same (``embedding="lss"``, the default). Dimensions with a
   singular value of (numerically) zero carry no information about the corpus and are
   dropped. ``embedding="lsa"`` uses ``V * S`` instead (singular vectors scaled by the
   singular values, the term space of LSA; Deerwester et al. 1990), so that with all
   dimensions kept, cosines equal the cosines of the weighted co-occurrence profiles.
3. **Polarity.** ``g(f) = sum over seeds s of w(s) * cos(v_s, v_f)``: with the seed
   weights ``+1 / n_positive`` and ``-1 / n_negative`` this is the mean cosine to the
   positive seeds minus the mean cosine to the negative seeds. A glob seed that matches
   several terms shares its weight among them.
4. **Document score.** The frequency-weighted mean polarity of the document's terms,
   ``y_d = sum_f g(f) F(f, d) / sum_f F(f, d)``, then z-scaled over documents:
   ``(y_d - mean(y)) / sd(y)``.
5. **Seed bootstrap** (``n_boot > 0``): the seed patterns of each pole are resampled
   with replacement and steps 3-4 repeated, to show how much the scores depend on the
   choice of seeds (percentile intervals ``score_lo``, ``score_hi``).

By default the seeds are the entries of the lexicon's two poles (``bureaucratic``
negative, ``entrepreneurial`` positive) that occur in the corpus.

References
----------
Deerwester, S., Dumais, S. T., Furnas, G. W., Landauer, T. K., & Harshman, R. (1990).
Indexing by latent semantic analysis. *JASIS* 41(6), 391-407.
Watanabe, K. (2021). Latent Semantic Scaling: a semisupervised text analysis technique
for new domains and languages. *Communication Methods and Measures* 15(2), 81-102.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from discourse.contrast.hits import load_lexicon
from discourse.contrast.lexicon import Lexicon
from discourse.contrast.score import DEFAULT_POLES, select_speech
from discourse.errors import ParameterError

if TYPE_CHECKING:
    from discourse.text.preprocess import Tokens

__all__ = ["Scaling", "scale"]

MAX_K = 300


@dataclass
class Scaling:
    """The result of :func:`scale`.

    Attributes
    ----------
    documents : DataFrame
        ``doc_id``, ``n_terms`` (model terms in the document), ``raw`` (mean polarity),
        ``score`` (z-scaled); with the seed bootstrap ``score_lo``, ``score_hi`` and
        ``score_sd``.
    terms : DataFrame
        ``term``, ``freq``, ``polarity``, ``seed_weight`` (0 for non-seeds), sorted by
        polarity (most positive first).
    seeds : DataFrame
        ``pattern``, ``pole`` (+1 / -1), ``term`` (each term a pattern matched) and
        ``weight``.
    k : int
        SVD dimensions used.
    settings : dict
    """

    documents: pd.DataFrame
    terms: pd.DataFrame
    seeds: pd.DataFrame
    k: int
    settings: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        n_seeds = self.seeds["pattern"].nunique()
        return (
            f"Scaling(lss, {len(self.documents)} documents, {len(self.terms)} terms, "
            f"{n_seeds} seed patterns, k={self.k})"
        )


def _seed_terms(pattern: str, vocab: np.ndarray, vocab_str: np.ndarray) -> np.ndarray:
    """Indices of the vocabulary terms a seed pattern matches (multiword: joined by _)."""
    words = pattern.replace("_", " ").split()
    joined = "_".join(w.casefold() for w in words)
    wild = [i for i, ch in enumerate(joined) if ch in "*?["]
    if not wild:
        return np.flatnonzero(vocab_str == joined)
    if wild == [len(joined) - 1] and joined.endswith("*"):  # prefix*: vectorised
        return np.flatnonzero(np.char.startswith(vocab_str, joined[:-1]))
    rx = re.compile(fnmatch.translate(joined))
    return np.array([i for i, t in enumerate(vocab) if rx.fullmatch(t)], dtype=np.int64)


def _lexicon_seeds(lex: Lexicon, poles: tuple[str, str], langs: list[str]) -> dict[str, float]:
    seeds: dict[str, float] = {}
    for sign, cat in ((-1.0, poles[0]), (1.0, poles[1])):
        for lang in langs:
            for entry in lex.entries(cat, lang):
                seeds.setdefault(entry, sign)
    return seeds


def _expand(seeds: Mapping[str, float], vocab: np.ndarray, strict: bool) -> pd.DataFrame:
    rows = []
    missing = []
    vocab_str = vocab.astype(str)
    for pattern, pole in seeds.items():
        sign = float(np.sign(pole))
        if sign == 0:
            raise ParameterError(f"seed {pattern!r} has weight 0; use +1 or -1")
        hits = _seed_terms(str(pattern), vocab, vocab_str)
        if not hits.size:
            missing.append(pattern)
            continue
        rows.extend({"pattern": pattern, "pole": sign, "term_i": int(i)} for i in hits)
    if missing and strict:
        raise ParameterError(
            f"seed(s) with no occurrences in the corpus (as terms occurring at least "
            f"min_count times): {', '.join(missing)}"
        )
    table = pd.DataFrame(rows, columns=["pattern", "pole", "term_i"])
    for sign, name in ((1.0, "positive"), (-1.0, "negative")):
        if not (table["pole"] == sign).any():
            raise ParameterError(
                f"no {name} seed occurs in the corpus; seeds given: "
                + ", ".join(p for p, v in seeds.items() if np.sign(v) == sign)
            )
    return table


def _weights(seed_table: pd.DataFrame, draws: np.ndarray | None = None) -> np.ndarray:
    """Seed-term weights: +-1 / n_patterns per pole, shared among a pattern's terms.

    ``draws`` (shape ``(n_boot, n_patterns)``) counts how often each pattern was drawn
    in each bootstrap resample; the result then has one row of weights per resample.
    """
    codes, patterns = pd.factorize(seed_table["pattern"], sort=False)
    per_pattern = np.bincount(codes)[codes]
    pole = seed_table["pole"].to_numpy()
    pattern_pole = pd.Series(pole).groupby(codes).first().to_numpy()
    n_pole = np.array([(pattern_pole == s).sum() for s in pole])
    counts = np.ones((1, len(patterns))) if draws is None else np.asarray(draws, dtype=float)
    w = counts[:, codes] * pole / n_pole / per_pattern
    return w[0] if draws is None else w


def scale(
    tokens: Tokens,
    seeds: Mapping[str, float] | None = None,
    method: str = "lss",
    *,
    lexicon: Lexicon | str = "institutional-logics",
    poles: tuple[str, str] = DEFAULT_POLES,
    context: str = "sentence",
    weighting: str = "tfidf",
    embedding: str = "lss",
    k: int | None = None,
    min_count: int = 2,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
    n_boot: int = 0,
    level: float = 0.95,
    seed: int = 0,
) -> Scaling:
    """Latent Semantic Scaling of documents between two poles (see the module docs).

    Parameters
    ----------
    tokens : Tokens
    seeds : mapping, optional
        Seed pattern → +1 (positive pole) or -1 (negative pole), for example
        ``{"innovasjon*": 1, "regelverk*": -1}``. Patterns are terms or globs
        (``"sosial verdiskaping"`` matches the joined term ``sosial_verdiskaping``).
        Every seed must occur. Default: the entries of ``poles`` in ``lexicon`` that
        occur (negative: ``poles[0]``, positive: ``poles[1]``).
    method : {"lss"}
    lexicon, poles
        Where default seeds come from.
    context : {"sentence", "segment"}
        Rows of the matrix.
    weighting : {"tfidf", "count"}
    embedding : {"lss", "lsa"}
        Term vectors: right singular vectors ``V`` (Watanabe 2021, default) or ``V * S``.
    k : int, optional
        SVD dimensions; default ``min(300, round(2 sqrt(n_contexts)), n_contexts - 1,
        n_terms - 1)``.
    min_count : int
        Terms occurring fewer times are left out of the model.
    exclude_roles, units
        As in :func:`discourse.score`.
    n_boot : int
        Seed-bootstrap resamples (0: none).
    level : float
        Interval level of the seed bootstrap.
    seed : int
        Random state of the SVD and the seed bootstrap.

    Returns
    -------
    Scaling

    Raises
    ------
    ParameterError
        A given seed with no occurrences, a pole without seeds, too few contexts or
        terms, or an unknown option.

    Examples
    --------
    >>> res = dc.scale(tokens)                                   # doctest: +SKIP
    >>> res.documents.sort_values("score")                       # doctest: +SKIP
    >>> dc.scale(tokens, seeds={"innovasjon*": 1, "vedtak*": -1})  # doctest: +SKIP
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer

    if method != "lss":
        raise ParameterError(f"method must be 'lss'; got {method!r}")
    if context not in ("sentence", "segment"):
        raise ParameterError(f"context must be 'sentence' or 'segment'; got {context!r}")
    if weighting not in ("tfidf", "count"):
        raise ParameterError(f"weighting must be 'tfidf' or 'count'; got {weighting!r}")
    if embedding not in ("lss", "lsa"):
        raise ParameterError(f"embedding must be 'lss' or 'lsa'; got {embedding!r}")
    if min_count < 1:
        raise ParameterError(f"min_count must be >= 1; got {min_count}")
    if n_boot < 0:
        raise ParameterError(f"n_boot must be >= 0; got {n_boot}")
    if not 0 < level < 1:
        raise ParameterError(f"level must be between 0 and 1; got {level}")

    sel = select_speech(tokens, exclude_roles, units)
    t = sel.table.loc[sel.table["term"].notna(), ["doc_id", "seg_id", "sent_id", "term"]]
    terms_all = t["term"].astype(str)
    freq = terms_all.value_counts()
    vocab = np.array(sorted(freq.index[freq >= min_count]), dtype=object)
    if len(vocab) < 3:
        raise ParameterError(
            f"only {len(vocab)} term(s) occur at least {min_count} times; lower min_count "
            "or use a larger corpus"
        )
    term_code = pd.Index(vocab).get_indexer(terms_all)  # -1: below min_count
    keep = term_code >= 0
    t = t.loc[keep]
    term_code = term_code[keep]
    if context == "sentence":
        ctx_key = t["doc_id"].astype(str) + "\x1f" + t["sent_id"].astype(str)
    else:
        ctx_key = t["seg_id"].astype(str)
    ctx_code, _ = pd.factorize(ctx_key, sort=False)
    n_ctx = int(ctx_code.max()) + 1 if len(ctx_code) else 0
    if n_ctx < 3:
        raise ParameterError(f"only {n_ctx} context(s) with terms; LSS needs more text")
    x = sparse.csr_matrix(
        (np.ones(len(term_code)), (ctx_code, term_code)), shape=(n_ctx, len(vocab))
    )
    if weighting == "tfidf":
        x = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(x)
    k_max = max(1, min(MAX_K, round(2 * np.sqrt(n_ctx)), n_ctx - 1, len(vocab) - 1))
    k_used = k_max if k is None else int(k)
    if not 1 <= k_used <= min(n_ctx - 1, len(vocab) - 1):
        raise ParameterError(f"k must be between 1 and {min(n_ctx, len(vocab)) - 1}; got {k}")
    svd = TruncatedSVD(n_components=k_used, algorithm="randomized", random_state=seed)
    svd.fit(x)
    values = svd.singular_values_
    informative = values > values.max(initial=0.0) * 1e-10  # zero: an arbitrary null direction
    lss = embedding == "lss"
    vectors = svd.components_[informative].T if lss else svd.components_.T * values
    norms = np.linalg.norm(vectors, axis=1)
    unit_vectors = np.divide(vectors, norms[:, None], out=np.zeros_like(vectors),
                             where=norms[:, None] > 0)

    lex = None
    if seeds is None:
        lex = load_lexicon(lexicon)
        langs = sorted(set(sel.documents.loc[
            sel.documents["doc_id"].isin(t["doc_id"].unique()), "lang"
        ].dropna().astype(str)))
        for p in poles:
            lex.check_category(p)
        seed_map = _lexicon_seeds(lex, poles, [lg for lg in langs if lg in lex.parts] or
                                  [next(iter(lex.parts))])
        seed_table = _expand(seed_map, vocab, strict=False)
    else:
        if not isinstance(seeds, Mapping) or not seeds:
            raise ParameterError("seeds must be a non-empty mapping of pattern to +1 or -1")
        seed_table = _expand(dict(seeds), vocab, strict=True)

    cos = unit_vectors @ unit_vectors[seed_table["term_i"].to_numpy()].T  # terms x seed terms
    weights = _weights(seed_table)
    polarity = cos @ weights

    doc_code, doc_ids = pd.factorize(t["doc_id"].astype(str), sort=False)
    dt = sparse.csr_matrix(
        (np.ones(len(term_code)), (doc_code, term_code)), shape=(len(doc_ids), len(vocab))
    )
    n_terms = np.asarray(dt.sum(axis=1)).ravel()

    def doc_scores(pol: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        raw = (dt @ pol) / n_terms
        sd = raw.std(ddof=1) if len(raw) > 1 else np.nan
        z = (raw - raw.mean()) / sd if sd and np.isfinite(sd) and sd > 0 else raw * np.nan
        return raw, z

    raw, z = doc_scores(polarity)
    order = pd.Categorical(doc_ids, categories=list(sel.documents["doc_id"].astype(str)))
    documents = pd.DataFrame(
        {"doc_id": doc_ids, "n_terms": n_terms.astype(np.int64), "raw": raw, "score": z}
    )
    if n_boot:
        rng = np.random.default_rng(seed)
        codes, patterns = pd.factorize(seed_table["pattern"], sort=False)
        pattern_pole = seed_table["pole"].groupby(codes).first().to_numpy()
        draws = np.zeros((n_boot, len(patterns)))
        for sign in (1.0, -1.0):
            members = np.flatnonzero(pattern_pole == sign)
            picks = rng.integers(0, len(members), size=(n_boot, len(members)))
            for b in range(n_boot):
                draws[b] += np.bincount(members[picks[b]], minlength=len(patterns))
        pols = cos @ _weights(seed_table, draws).T  # terms x resamples
        raws = np.asarray(dt @ pols) / n_terms[:, None]  # documents x resamples
        sds = raws.std(axis=0, ddof=1) if len(doc_ids) > 1 else np.full(n_boot, np.nan)
        reps = ((raws - raws.mean(axis=0)) / sds).T
        alpha = (1 - level) / 2
        documents["score_lo"] = np.quantile(reps, alpha, axis=0)
        documents["score_hi"] = np.quantile(reps, 1 - alpha, axis=0)
        documents["score_sd"] = reps.std(axis=0, ddof=1)
    documents["_o"] = order.codes
    documents = documents.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)

    seed_w = np.zeros(len(vocab))
    np.add.at(seed_w, seed_table["term_i"].to_numpy(), weights)
    terms = pd.DataFrame(
        {
            "term": vocab,
            "freq": freq.reindex(vocab).to_numpy(dtype=np.int64),
            "polarity": polarity,
            "seed_weight": seed_w,
        }
    )
    terms = terms.sort_values(["polarity", "term"], ascending=[False, True], kind="stable")
    seeds_out = pd.DataFrame(
        {
            "pattern": seed_table["pattern"].to_numpy(),
            "pole": seed_table["pole"].to_numpy(),
            "term": vocab[seed_table["term_i"].to_numpy()],
            "weight": weights,
        }
    )
    settings = {
        "method": "lss",
        "context": context,
        "weighting": weighting,
        "embedding": embedding,
        "k": k_used,
        "min_count": min_count,
        "seed": seed,
        "n_boot": n_boot,
        "poles": list(poles) if seeds is None else None,
        "lexicon": lex.name if lex is not None else None,
    }
    return Scaling(documents, terms.reset_index(drop=True), seeds_out, k_used, settings)
