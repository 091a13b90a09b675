"""``select_k``: fit a grid of (k, seed) and score each fit, in parallel processes.

For every number of topics ``k`` and every seed, a model is fitted on the same training
pseudo-documents (all but a held-out share, chosen once with a fixed seed so every fit
sees the same split) and scored with :mod:`discourse.topics.metrics`: coherence
(``c_npmi``, ``u_mass`` of the top 10 terms, against all modelling texts), topic
diversity, mean exclusivity, held-out perplexity, and stability across seeds (mean
cosine similarity of Hungarian-matched topics).

Recommended k (the rule)
------------------------
Maier et al. (2018) ask that a chosen model be both interpretable and reliable. The
rule therefore takes coherence first and breaks near-ties by reliability:

1. per k, the mean ``c_npmi`` over seeds and its standard error;
2. the candidates are the ks whose mean lies within one standard error of the best mean
   (the "one-standard-error rule", Hastie, Tibshirani & Friedman 2009, sect. 7.10);
3. among them, the k with the highest mean stability; ties (and a single seed, where
   stability is undefined) go to the smallest k.

The recommendation is a starting point for reading the topics, not a verdict.

Determinism: every fit depends only on its (k, seed) and the data, fits run with one
engine thread and one BLAS thread each (in workers and in the sequential path alike),
and results are put back in (k, seed) order, so the table is identical with any
``n_jobs``. tomotopy's ``workers`` option is set to 1 here.

Examples
--------
>>> sel = dc.select_k(tokens, ks=range(4, 17, 2), seeds=(1, 2, 3))  # doctest: +SKIP
>>> sel.table                                                       # doctest: +SKIP
>>> sel.recommended, sel.plot()                                     # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from discourse.errors import ParameterError
from discourse.progress import progress_off
from discourse.text.preprocess import Tokens
from discourse.topics import metrics
from discourse.topics.engines import DEFAULT_ENGINE, engine_options, fit_engine
from discourse.topics.model import check_k
from discourse.topics.pseudodocs import pseudo_documents

__all__ = ["METRICS", "KSelection", "max_k", "recommend_k", "select_k"]

#: Score columns of the selection table, and whether higher is better.
METRICS: dict[str, bool] = {
    "c_npmi": True,
    "u_mass": True,
    "diversity": True,
    "exclusivity": True,
    "perplexity": False,
    "stability": True,
}
_SPLIT_SEED = 0
# Data shared with forked workers (set before the pool starts, read-only afterwards).
_SHARED: dict[str, Any] = {}


@dataclass
class KSelection:
    """The result of :func:`select_k`.

    Attributes
    ----------
    table : DataFrame
        One row per (k, seed): ``k``, ``seed``, ``c_npmi``, ``u_mass``, ``diversity``,
        ``exclusivity``, ``perplexity``, ``stability``.
    summary : DataFrame
        One row per k: the mean and standard error (``<metric>_se``) over seeds.
    recommended : int
        The k the documented rule picks (module notes).
    rule : str
        The rule in words.
    engine : str
        The engine used.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    recommended: int
    rule: str
    engine: str

    def plot(self, **kwargs: Any) -> Any:
        """Selection curves (:func:`discourse.topics.plots.plot_selection`)."""
        from discourse.topics.plots import plot_selection

        return plot_selection(self, **kwargs)


def _summary(table: pd.DataFrame) -> pd.DataFrame:
    g = table.groupby("k", sort=True)[list(METRICS)]
    mean = g.mean()
    se = g.std(ddof=1) / np.sqrt(g.count())
    out = mean.join(se.add_suffix("_se"))
    out.insert(0, "n_seeds", table.groupby("k", sort=True).size())
    return out.reset_index()


def recommend_k(summary: pd.DataFrame) -> tuple[int, str]:
    """The recommended k from a :attr:`KSelection.summary` table, and the rule in words."""
    best = summary["c_npmi"].idxmax()
    se = summary.loc[best, "c_npmi_se"]
    se = 0.0 if pd.isna(se) else float(se)
    threshold = float(summary.loc[best, "c_npmi"]) - se
    cand = summary[summary["c_npmi"] >= threshold]
    if cand["stability"].notna().any():
        top = cand["stability"].max()
        k = int(cand.loc[cand["stability"] == top, "k"].min())
    else:
        k = int(cand["k"].min())
    rule = (
        f"ks with mean c_npmi within one standard error of the best "
        f"(k={int(summary.loc[best, 'k'])}: {summary.loc[best, 'c_npmi']:.4f} - {se:.4f}): "
        f"{', '.join(map(str, cand['k'].tolist()))}; among them the most stable: k={k}"
    )
    return k, rule


def _heldout(n: int, holdout: float) -> np.ndarray:
    """Which of ``n`` pseudo-documents are held out (fixed split, seed 0)."""
    n_held = round(holdout * n)
    held = np.zeros(n, bool)
    if n_held:
        held[np.random.default_rng(_SPLIT_SEED).choice(n, n_held, replace=False)] = True
    return held


def max_k(
    tokens: Tokens,
    *,
    size: int = 100,
    holdout: float = 0.1,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
) -> int:
    """The largest k that :func:`select_k` accepts for these tokens and settings.

    k must stay below the number of training pseudo-documents (all pseudo-documents but
    the held-out share); with ``holdout=0`` this is also :func:`discourse.fit_topics`'s
    limit. A result below 2 means the corpus is too small to model with this ``size``.

    Parameters
    ----------
    tokens : Tokens
    size, holdout, exclude_roles, units
        As in :func:`select_k`.

    Returns
    -------
    int
        The number of training pseudo-documents minus one.

    Examples
    --------
    >>> limit = max_k(tokens)                                        # doctest: +SKIP
    >>> sel = dc.select_k(tokens, [k for k in range(4, 17, 2) if k <= limit])  # doctest: +SKIP
    """
    if not 0 <= holdout < 0.5:
        raise ParameterError(f"holdout must be a share in [0, 0.5), got {holdout}")
    units_ = pseudo_documents(tokens, size, exclude_roles=exclude_roles, units=units)
    n = len(units_)
    return int(n - _heldout(n, holdout).sum() - 1)


def _fit_one(job: tuple[int, int]) -> tuple[int, int, np.ndarray, dict[str, float]]:
    """Fit and score one (k, seed) on the shared data; runs in a worker or in-process."""
    from gensim.corpora import Dictionary

    k, seed = job
    s = _SHARED
    if "dictionary" not in s:
        s["dictionary"] = Dictionary(s["texts"])
    res = fit_engine(s["engine"], s["train"], len(s["vocabulary"]), k, seed, s["options"])
    phi = res.topic_term
    vocab = np.asarray(s["vocabulary"], dtype=object)
    top = [vocab[row].tolist() for row in metrics.top_ids(phi, min(10, phi.shape[1]))]
    scores = {
        "c_npmi": float(metrics.coherence(top, s["texts"], "c_npmi", s["dictionary"]).mean()),
        "u_mass": float(metrics.coherence(top, s["texts"], "u_mass", s["dictionary"]).mean()),
        "diversity": metrics.diversity(phi),
        "exclusivity": metrics.mean_exclusivity(phi),
        "perplexity": metrics.heldout_perplexity(phi, s["heldout"], s["seen"])
        if s["heldout"]
        else float("nan"),
    }
    return k, seed, phi, scores


def _one_thread() -> Any:
    """Limit BLAS/OpenMP pools to one thread: no oversubscription, same sums everywhere."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _init_worker() -> None:
    _SHARED["_limits"] = _one_thread()


def _check_ints(values: Iterable[Any], name: str) -> list[int]:
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise ParameterError(f"{name} must be whole numbers, got {v!r}")
        out.append(int(v))
    if not out:
        raise ParameterError(f"{name} is empty")
    if len(set(out)) != len(out):
        raise ParameterError(f"{name} has repeated values: {out}")
    return out


def select_k(
    tokens: Tokens,
    ks: Iterable[int],
    seeds: Sequence[int] = (1, 2, 3),
    engine: str = DEFAULT_ENGINE,
    *,
    size: int = 100,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
    holdout: float = 0.1,
    n_jobs: int | None = None,
    progress: bool | None = None,
    **options: Any,
) -> KSelection:
    """Fit and score a model for every (k, seed); recommend a k.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess`.
    ks : iterable of int
        Numbers of topics to try (each >= 2 and below the number of training
        pseudo-documents), e.g. ``range(4, 17, 2)``.
    seeds : sequence of int
        Seeds per k (default 1, 2, 3); two or more are needed for stability.
    engine : {"tomotopy", "gensim"}
        The engine (default tomotopy).
    size, exclude_roles, units
        Pseudo-document settings, as in :func:`discourse.fit_topics`.
    holdout : float
        Share of pseudo-documents held out for perplexity (0.1; 0 fits on all and
        reports no perplexity). The split is fixed (seed 0) for every fit.
    n_jobs : int, optional
        Worker processes (default: the number of CPUs, at most the number of fits).
        Results are identical for every value.
    progress : bool, optional
        Progress bar over fits (default: on when there are more than 4 fits).
    **options
        Engine options (see :func:`discourse.topics.engines.fit_engine`).

    Returns
    -------
    KSelection
        ``.table`` (one row per (k, seed)), ``.summary`` (per k), ``.recommended``,
        ``.rule`` and ``.plot()``.

    Raises
    ------
    ParameterError
        For a k < 2 or >= the number of training pseudo-documents, an empty vocabulary,
        all segments filtered out, bad seeds, holdout or n_jobs.
    """
    opts = engine_options(engine, options)
    ks_ = sorted(_check_ints(ks, "ks"))
    seeds_ = _check_ints(seeds, "seeds")
    if not 0 <= holdout < 0.5:
        raise ParameterError(f"holdout must be a share in [0, 0.5), got {holdout}")
    if n_jobs is not None and (isinstance(n_jobs, bool) or (n_jobs < 1 and n_jobs != -1)):
        raise ParameterError(f"n_jobs must be >= 1 or -1, got {n_jobs!r}")
    units_ = pseudo_documents(tokens, size, exclude_roles=exclude_roles, units=units)
    docs = units_.id_lists()
    held = _heldout(len(docs), holdout)
    train = [d for d, h in zip(docs, held, strict=True) if not h]
    for k in ks_:
        check_k(k, len(train))
    seen = np.zeros(len(units_.vocabulary), bool)
    for d in train:
        seen[d] = True
    jobs = [(k, s) for k in ks_ for s in seeds_]
    cpus = os.cpu_count() or 1
    workers = min(len(jobs), cpus if n_jobs in (None, -1) else int(n_jobs))
    _SHARED.clear()
    _SHARED.update(
        engine=engine,
        options={**opts, "workers": 1} if engine == "tomotopy" else opts,
        train=train,
        heldout=[d for d, h in zip(docs, held, strict=True) if h],
        seen=seen,
        texts=units_.texts(),
        vocabulary=units_.vocabulary,
    )
    quiet = progress_off(progress, small=len(jobs) <= 4)
    bar = tqdm(total=len(jobs), desc="select_k", unit="fit", disable=quiet)
    results: dict[tuple[int, int], tuple] = {}
    try:
        # big k first: the longest fits start early, so the workers finish together
        order = sorted(jobs, key=lambda j: (-j[0], j[1]))
        if workers > 1:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            ctx = multiprocessing.get_context(method)
            if method != "fork":  # pragma: no cover - workers need the shared data
                raise ParameterError("n_jobs > 1 needs the fork start method (Linux)")
            with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker) as pool:
                futures = [pool.submit(_fit_one, j) for j in order]
                for f in as_completed(futures):
                    k, s, phi, scores = f.result()
                    results[(k, s)] = (phi, scores)
                    bar.update(1)
        else:
            with _one_thread():
                for j in order:
                    k, s, phi, scores = _fit_one(j)
                    results[(k, s)] = (phi, scores)
                    bar.update(1)
    finally:
        bar.close()
        _SHARED.clear()
    rows = []
    for k in ks_:
        stab = metrics.stability([results[(k, s)][0] for s in seeds_])
        for s, st in zip(seeds_, stab, strict=True):
            rows.append({"k": k, "seed": s, **results[(k, s)][1], "stability": float(st)})
    table = pd.DataFrame(rows)
    summary = _summary(table)
    recommended, rule = recommend_k(summary)
    return KSelection(table, summary, recommended, rule, engine)
