"""Scores for topics and topic models: term rankings, coherence, diversity, stability.

Term scores (arrays of shape (k, n_terms) from a topic-term matrix ``phi``):

relevance (Sievert & Shirley 2014)
    ``r(w, k | λ) = λ log φ_kw + (1 - λ) log(φ_kw / p_w)``, where ``p_w`` is the term's
    share of all modelling tokens. λ = 1 ranks by probability, λ = 0 by lift; the
    authors' user study found λ ≈ 0.6 best for interpretation (the default).
exclusivity (Bischof & Airoldi 2012; Roberts, Stewart & Airoldi 2016)
    ``φ_kw / Σ_j φ_jw``: how much of the term's weight lies in this topic.
FREX (Roberts, Stewart & Airoldi 2016, STM's ``labelTopics``)
    The weighted harmonic mean of the term's empirical-CDF rank (within its topic) by
    exclusivity and by frequency: ``1 / (w / ECDF(excl) + (1 - w) / ECDF(φ))``, w = 0.5.

Model scores:

coherence (Röder, Both & Hinneburg 2015; Mimno et al. 2011)
    ``c_npmi`` and ``u_mass`` of each topic's top 10 terms against the modelling texts,
    computed by gensim's ``CoherenceModel`` (boolean sliding window of 10 terms for NPMI,
    whole documents for UMass). ``c_v`` is not offered: its author advises against it.
diversity (Dieng, Ruiz & Blei 2020)
    The share of unique terms among all topics' top 25 terms.
stability (Maier et al. 2018; matching as in Greene, O'Callaghan & Cunningham 2014)
    Topics of two fits are paired by optimal (Hungarian) matching on the cosine
    similarity of their term distributions (``scipy.optimize.linear_sum_assignment``); a
    fit's stability is the mean similarity of matched topics, averaged over the other fits.
held-out perplexity (Wallach et al. 2009, "document completion")
    For held-out documents, topic proportions are estimated from every other term token
    with the topic-term matrix fixed (EM), and the other half is scored:
    ``exp(-Σ log Σ_k θ_dk φ_kw / N)``. Terms unseen in training are left out.

Examples
--------
>>> import numpy as np
>>> phi = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]])
>>> exclusivity(phi).round(3).tolist()
[[0.875, 0.5, 0.125], [0.125, 0.5, 0.875]]
>>> a = np.array([[1.0, 0.0], [0.0, 1.0]])
>>> matched_similarity(a, a[::-1])
1.0
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

__all__ = [
    "coherence",
    "diversity",
    "exclusivity",
    "frex",
    "heldout_perplexity",
    "match_topics",
    "matched_similarity",
    "mean_exclusivity",
    "relevance",
    "stability",
    "top_ids",
]

COHERENCE_MEASURES = ("c_npmi", "u_mass")


def top_ids(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` highest scores per row, best first (ties: lower index first)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    return order[:, :n]


def relevance(phi: np.ndarray, term_share: np.ndarray, lam: float = 0.6) -> np.ndarray:
    """Sievert & Shirley (2014) relevance of every term for every topic.

    Parameters
    ----------
    phi : ndarray, shape (k, n_terms)
        p(term | topic).
    term_share : ndarray, shape (n_terms,)
        p(term): each term's share of the modelling tokens.
    lam : float
        λ in [0, 1].
    """
    with np.errstate(divide="ignore"):
        logphi = np.log(phi)
        return lam * logphi + (1 - lam) * (logphi - np.log(term_share)[None, :])


def exclusivity(phi: np.ndarray) -> np.ndarray:
    """``φ_kw / Σ_j φ_jw`` for every topic and term (0 for a term no topic uses)."""
    total = phi.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, phi / total, 0.0)


def frex(phi: np.ndarray, weight: float = 0.5) -> np.ndarray:
    """FREX score (Roberts, Stewart & Airoldi 2016) of every topic and term.

    Within each topic, terms are ranked by exclusivity and by probability; the ranks are
    turned into empirical CDF values in (0, 1] (ties get their average rank) and combined
    by a weighted harmonic mean, ``weight`` on exclusivity.
    """
    from scipy.stats import rankdata

    n = phi.shape[1]
    excl = rankdata(exclusivity(phi), axis=1, method="average") / n
    freq = rankdata(phi, axis=1, method="average") / n
    return 1.0 / (weight / excl + (1 - weight) / freq)


def diversity(phi: np.ndarray, n: int = 25) -> float:
    """Share of unique terms among the topics' top ``n`` terms (Dieng et al. 2020)."""
    top = top_ids(phi, min(n, phi.shape[1]))
    return float(len(np.unique(top)) / top.size)


def mean_exclusivity(phi: np.ndarray, n: int = 10) -> float:
    """Mean exclusivity of each topic's top ``n`` terms, averaged over topics."""
    top = top_ids(phi, min(n, phi.shape[1]))
    excl = exclusivity(phi)
    return float(np.take_along_axis(excl, top, axis=1).mean())


def coherence(
    topics: Sequence[Sequence[str]],
    texts: Sequence[Sequence[str]],
    measure: str = "c_npmi",
    dictionary: object | None = None,
) -> np.ndarray:
    """Coherence of each topic's terms against ``texts``, via gensim's ``CoherenceModel``.

    Parameters
    ----------
    topics : list of list of str
        Each topic's top terms (10 by convention).
    texts : list of list of str
        The reference texts: the modelling texts (pseudo-documents).
    measure : {"c_npmi", "u_mass"}
        NPMI over a boolean sliding window of 10 (Röder et al. 2015) or UMass
        (Mimno et al. 2011).
    dictionary : gensim Dictionary, optional
        A dictionary of ``texts``, to avoid building it again.

    Returns
    -------
    ndarray, shape (k,)
    """
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    if measure not in COHERENCE_MEASURES:
        raise ValueError(f"measure must be one of {COHERENCE_MEASURES}, got {measure!r}")
    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    gensim_log.setLevel(logging.WARNING)
    try:
        dictionary = dictionary if dictionary is not None else Dictionary(texts)
        kwargs: dict[str, object] = {"texts": texts}
        if measure == "u_mass":
            kwargs = {"corpus": [dictionary.doc2bow(t) for t in texts]}
        cm = CoherenceModel(
            topics=[list(t) for t in topics],
            dictionary=dictionary,
            coherence=measure,
            topn=max(len(t) for t in topics),
            processes=1,
            **kwargs,
        )
        return np.asarray(cm.get_coherence_per_topic(), dtype=np.float64)
    finally:
        gensim_log.setLevel(level)


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    an = a / np.linalg.norm(a, axis=1, keepdims=True)
    bn = b / np.linalg.norm(b, axis=1, keepdims=True)
    return an @ bn.T


def matched_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Mean cosine similarity of topics of ``a`` and ``b`` under the optimal matching.

    Parameters
    ----------
    a, b : ndarray, shape (k, n_terms)
        Topic-term matrices over the same vocabulary.
    """
    from scipy.optimize import linear_sum_assignment

    sim = _cosine(a, b)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return float(np.round(sim[rows, cols].mean(), 12))


def match_topics(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each topic's partner under the optimal matching of ``a`` to ``b``, and their similarity.

    For each topic (row) of ``a``: the row of ``b`` it is paired with and the cosine
    similarity of the pair. The matching maximises the summed cosine similarity of the
    pairs (Hungarian algorithm, :func:`scipy.optimize.linear_sum_assignment`; Greene,
    O'Callaghan & Cunningham 2014). ``a`` and ``b`` may have different numbers of topics; topics of
    the larger one are then left without a partner (``-1``, similarity NaN, for rows of
    ``a``).

    Examples
    --------
    >>> a = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> partner, sim = match_topics(a, a[::-1])
    >>> partner.tolist(), sim.tolist()
    ([1, 0], [1.0, 1.0])
    """
    from scipy.optimize import linear_sum_assignment

    sim = _cosine(a, b)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    partner = np.full(a.shape[0], -1, dtype=int)
    out = np.full(a.shape[0], np.nan)
    partner[rows] = cols
    out[rows] = np.round(sim[rows, cols], 12)
    return partner, out


def stability(models: Sequence[np.ndarray]) -> np.ndarray:
    """Per fit: the mean matched similarity to each other fit (NaN with a single fit)."""
    n = len(models)
    if n < 2:
        return np.full(n, np.nan)
    pair = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            pair[i, j] = pair[j, i] = matched_similarity(models[i], models[j])
    return pair.sum(axis=1) / (n - 1)


def fold_in(
    phi: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    counts: np.ndarray,
    n_docs: int,
    iterations: int = 50,
) -> np.ndarray:
    """Topic proportions of documents given as sparse counts, with ``phi`` fixed (EM).

    The update ``θ_dk ∝ Σ_w n_dw θ_dk φ_kw / Σ_j θ_dj φ_jw`` is the EM step of the
    mixture with fixed components; it starts from uniform proportions, so it is
    deterministic.
    """
    k = phi.shape[0]
    theta = np.full((n_docs, k), 1.0 / k)
    phi_cols = phi[:, cols].T  # (nnz, k)
    for _ in range(iterations):
        mix = np.einsum("nk,nk->n", theta[rows], phi_cols)
        resp = theta[rows] * phi_cols * (counts / np.where(mix > 0, mix, 1.0))[:, None]
        new = np.zeros_like(theta)
        np.add.at(new, rows, resp)
        total = new.sum(axis=1, keepdims=True)
        theta = np.where(total > 0, new / np.where(total > 0, total, 1.0), 1.0 / k)
    return theta


def heldout_perplexity(phi: np.ndarray, docs: Sequence[np.ndarray], seen: np.ndarray) -> float:
    """Document-completion perplexity of held-out documents (Wallach et al. 2009).

    Parameters
    ----------
    phi : ndarray, shape (k, n_terms)
        The fitted topic-term matrix.
    docs : list of int arrays
        Held-out documents as term ids.
    seen : bool array, shape (n_terms,)
        Terms that occur in the training documents; others are left out.

    Returns
    -------
    float
        ``exp(-mean log p(w))`` over the second halves; NaN when nothing is left.
    """
    est_r, est_c, ev_r, ev_c = [], [], [], []
    for d, ids in enumerate(docs):
        ids = ids[seen[ids]]
        est_r.append(np.full(len(ids[0::2]), d))
        est_c.append(ids[0::2])
        ev_r.append(np.full(len(ids[1::2]), d))
        ev_c.append(ids[1::2])
    if not docs or not sum(len(c) for c in ev_c):
        return float("nan")
    er, ec = np.concatenate(est_r), np.concatenate(est_c)
    theta = fold_in(phi, er, ec, np.ones(len(er)), len(docs))
    vr, vc = np.concatenate(ev_r), np.concatenate(ev_c)
    p = np.einsum("nk,nk->n", theta[vr], phi[:, vc].T)
    return float(np.exp(-np.mean(np.log(np.maximum(p, 1e-300)))))
