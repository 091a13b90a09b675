"""``fit_topics`` and the fitted :class:`TopicModel`.

A fitted model holds only engine-neutral arrays (topic-term matrix, pseudo-document-topic
matrix, segment-topic matrix, vocabulary) and provenance tables (pseudo-documents,
segments, document metadata), so every result is the same after :meth:`TopicModel.save`
and :meth:`TopicModel.load`, whatever the engine.

Units and shares
----------------
* The model is fitted on pseudo-documents (:mod:`discourse.topics.pseudodocs`).
* A **segment's** topic share is the share of its pseudo-document, refined by the
  segment's own terms: each term token gets the topic responsibilities
  ``θ_dk φ_kw / Σ_j θ_dj φ_jw`` under its pseudo-document's proportions ``θ_d``, and the
  segment's share is the mean over its term tokens. A segment that is a whole
  pseudo-document and a pseudo-document that is one segment therefore agree up to the
  engine's smoothing.
* **Prevalence** is the mean topic share over units (pseudo-documents by default, or
  segments) of a group; its 95% interval comes from a cluster bootstrap that resamples
  documents (:func:`discourse.stats.cluster_bootstrap`): per document the totals are (sum
  of shares over its units, number of units) and the statistic is sum / count.

Topics are numbered 1 to k in every table.

Examples
--------
>>> import discourse as dc
>>> tokens = dc.preprocess(dc.read_corpus("data/raw/demo"))  # doctest: +SKIP
>>> tm = dc.fit_topics(tokens, k=6, seed=1)                   # doctest: +SKIP
>>> tm.top_terms(10)                                          # doctest: +SKIP
>>> tm.prevalence(by="actor_type")                            # doctest: +SKIP
>>> tm.representative(topic=2, n=3)                           # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Hashable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from discourse.errors import DiscourseWarning, ParameterError
from discourse.progress import progress_off
from discourse.stats.bootstrap import cluster_bootstrap
from discourse.topics import metrics
from discourse.topics.engines import (
    DEFAULT_ENGINE,
    engine_options,
    fit_engine,
    total_steps,
)
from discourse.topics.pseudodocs import PseudoDocuments, pseudo_documents

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from discourse.corpus.reader import Corpus
    from discourse.text.preprocess import Tokens

__all__ = ["TopicModel", "fit_topics"]

FORMAT_VERSION = 1
_SEGMENT_COLUMNS = ["speaker", "role", "unit", "time", "char_start", "char_end"]
_UNITS = ("pseudo", "segment", "document")


def _versions() -> dict[str, str]:
    out = {}
    for name in ("discourse", "tomotopy", "gensim", "numpy", "pandas", "scipy"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover
            out[name] = "unknown"
    return out


def check_k(k: object, n_units: int) -> int:
    """Check that 2 <= k < the number of pseudo-documents; return k as int."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise ParameterError(f"k must be a whole number of topics, got {k!r}")
    if k < 2:
        raise ParameterError(f"k must be at least 2 topics, got {k}")
    if k >= n_units:
        raise ParameterError(
            f"k={k} topics needs more than {k} pseudo-documents, but there are only "
            f"{n_units}; use a smaller k or a smaller pseudo-document size"
        )
    return int(k)


def _segment_shares(units: PseudoDocuments, phi: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Per pooled segment: the mean topic responsibility of its term tokens."""
    resp = theta[units.term_pseudo] * phi[:, units.term_ids].T
    resp /= resp.sum(axis=1, keepdims=True)
    out = np.zeros((len(units.segments), phi.shape[0]))
    np.add.at(out, units.term_segment, resp)
    return out / units.segments["n_terms"].to_numpy()[:, None]


def _as_plain(df: pd.DataFrame) -> pd.DataFrame:
    """Categoricals and object columns as ``str`` (NaN kept), so tables round-trip via CSV."""
    out = df.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype) or out[c].dtype == object:
            out[c] = out[c].astype("str")
            out.loc[df[c].isna().to_numpy(), c] = np.nan
    return out


def _write_csv(df: pd.DataFrame, path: Path) -> list[list[str]]:
    df.to_csv(path, index=False, lineterminator="\n")
    return [[str(c), str(t)] for c, t in df.dtypes.items()]


def _read_csv(path: Path, dtypes: list[list[str]]) -> pd.DataFrame:
    """Read a table written by :func:`_write_csv` with its column types (floats exact)."""
    text_cols = {c: "str" for c, t in dtypes if t in ("str", "object", "string")}
    df = pd.read_csv(path, dtype=text_cols, keep_default_na=False, na_values=[""])
    for c, t in dtypes:
        if c not in text_cols and str(df[c].dtype) != t:
            df[c] = df[c].astype(t)
    return df[[c for c, _ in dtypes]]


class TopicModel:
    """A fitted topic model with its provenance; made by :func:`fit_topics` or :meth:`load`.

    Attributes
    ----------
    k : int
        Number of topics (numbered 1 to k in tables).
    engine : str
        ``"tomotopy"`` or ``"gensim"``.
    seed : int
        The seed of the fit.
    options : dict
        Engine options used; ``settings`` holds the pseudo-document settings.
    vocabulary : list of str
        The modelling terms, sorted; columns of ``topic_term``.
    topic_term : ndarray, shape (k, n_terms)
        p(term | topic).
    doc_topic : ndarray, shape (n_pseudo, k)
        p(topic | pseudo-document), rows in the order of ``pseudo_documents``.
    segment_topic : ndarray, shape (n_segments, k)
        Topic shares of each pooled segment (rows of ``segments``).
    alpha : ndarray, shape (k,)
        The document-topic prior at the end of fitting.
    term_freq : ndarray, shape (n_terms,)
        Count of each term in the modelling texts.
    pseudo_documents : DataFrame
        ``pseudo_id``, ``doc_id``, ``seg_ids``, ``n_segments``, ``n_terms``.
    segments : DataFrame
        ``seg_id``, ``doc_id``, ``pseudo_id``, ``n_terms``, ``n_words``, speaker, role,
        unit, time, char_start, char_end.
    metadata : DataFrame
        One row per modelled document: ``doc_id`` and its metadata columns.
    diagnostics : DataFrame
        Per topic: ``c_npmi`` and ``u_mass`` of the top 10 terms against the modelling
        texts, and the mean exclusivity of the top 10 terms.
    corpus : Corpus or None
        The corpus, for quotes; None after :meth:`load` without ``corpus=``.
    """

    def __init__(
        self,
        *,
        k: int,
        engine: str,
        seed: int,
        options: dict[str, Any],
        settings: dict[str, Any],
        vocabulary: list[str],
        topic_term: np.ndarray,
        doc_topic: np.ndarray,
        segment_topic: np.ndarray,
        alpha: np.ndarray,
        term_freq: np.ndarray,
        pseudo_documents: pd.DataFrame,
        segments: pd.DataFrame,
        metadata: pd.DataFrame,
        diagnostics: pd.DataFrame,
        fingerprint: str | None = None,
        corpus: Corpus | None = None,
        versions: dict[str, str] | None = None,
    ) -> None:
        self.k = k
        self.engine = engine
        self.seed = seed
        self.options = options
        self.settings = settings
        self.vocabulary = vocabulary
        self.topic_term = topic_term
        self.doc_topic = doc_topic
        self.segment_topic = segment_topic
        self.alpha = alpha
        self.term_freq = term_freq
        self.pseudo_documents = pseudo_documents
        self.segments = segments
        self.metadata = metadata
        self.diagnostics = diagnostics
        self.fingerprint = fingerprint
        self.corpus = corpus
        self.versions = versions or _versions()

    def __repr__(self) -> str:
        return (
            f"TopicModel(k={self.k}, engine={self.engine!r}, seed={self.seed}, "
            f"{len(self.pseudo_documents)} pseudo-documents, {len(self.vocabulary)} terms)"
        )

    # ------------------------------------------------------------------ terms and labels
    def _check_topic(self, topic: object) -> int:
        if isinstance(topic, bool) or not isinstance(topic, (int, np.integer)):
            raise ParameterError(f"topic must be a number from 1 to {self.k}, got {topic!r}")
        if not 1 <= topic <= self.k:
            raise ParameterError(f"topic must be a number from 1 to {self.k}, got {topic}")
        return int(topic)

    def term_scores(self, relevance_lambda: float = 0.6, frex_weight: float = 0.5) -> dict:
        """Arrays of shape (k, n_terms): ``prob``, ``relevance``, ``frex``, ``exclusivity``."""
        if not 0 <= relevance_lambda <= 1:
            raise ParameterError(f"relevance_lambda must lie in [0, 1], got {relevance_lambda}")
        if not 0 < frex_weight < 1:
            raise ParameterError(f"frex_weight must lie in (0, 1), got {frex_weight}")
        share = self.term_freq / self.term_freq.sum()
        return {
            "prob": self.topic_term,
            "relevance": metrics.relevance(self.topic_term, share, relevance_lambda),
            "frex": metrics.frex(self.topic_term, frex_weight),
            "exclusivity": metrics.exclusivity(self.topic_term),
        }

    def top_terms(
        self,
        n: int = 10,
        relevance_lambda: float = 0.6,
        *,
        by: str = "relevance",
        frex_weight: float = 0.5,
    ) -> pd.DataFrame:
        """The top ``n`` terms of every topic.

        Parameters
        ----------
        n : int
            Terms per topic.
        relevance_lambda : float
            λ of Sievert & Shirley's relevance (0.6, their recommendation).
        by : {"relevance", "frex", "prob"}
            The ranking; every score is a column whatever the ranking.
        frex_weight : float
            Weight of exclusivity in FREX (0.5).

        Returns
        -------
        DataFrame
            ``topic``, ``rank``, ``term``, ``prob`` (p(term | topic)), ``relevance``,
            ``frex``, ``exclusivity``, ``freq`` (count in the modelling texts).

        Examples
        --------
        >>> tm.top_terms(5, by="frex")  # doctest: +SKIP
        """
        if by not in ("relevance", "frex", "prob"):
            raise ParameterError(f"by must be 'relevance', 'frex' or 'prob', got {by!r}")
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ParameterError(f"n must be a whole number >= 1, got {n!r}")
        scores = self.term_scores(relevance_lambda, frex_weight)
        top = metrics.top_ids(scores[by], min(int(n), len(self.vocabulary)))
        vocab = np.asarray(self.vocabulary, dtype=object)
        rows = []
        for t in range(self.k):
            for r, w in enumerate(top[t], start=1):
                rows.append(
                    {
                        "topic": t + 1,
                        "rank": r,
                        "term": vocab[w],
                        **{name: float(s[t, w]) for name, s in scores.items()},
                        "freq": int(self.term_freq[w]),
                    }
                )
        return pd.DataFrame(rows)

    def labels(self, n: int = 3, relevance_lambda: float = 0.6) -> pd.Series:
        """Short labels: the top ``n`` terms by relevance, joined with ``-``.

        Two topics that would get the same label get their number appended.

        Returns
        -------
        Series
            Indexed by topic number (1 to k), named ``label``.
        """
        top = self.top_terms(n, relevance_lambda)
        labels = top.groupby("topic", sort=True)["term"].agg("-".join)
        dup = labels.duplicated(keep=False)
        labels[dup] = labels[dup] + " (" + labels.index[dup].astype(str) + ")"
        labels.name = "label"
        return labels

    def topics(self, n: int = 8, relevance_lambda: float = 0.6) -> pd.DataFrame:
        """One row per topic: label, prevalence, diagnostics and top terms.

        Columns: ``topic``, ``label``, ``prevalence`` (mean share over pseudo-documents),
        ``c_npmi``, ``u_mass``, ``exclusivity``, ``top_terms`` (by relevance) and
        ``frex_terms``.
        """
        rel = self.top_terms(n, relevance_lambda)
        frx = self.top_terms(n, relevance_lambda, by="frex")
        out = pd.DataFrame({"topic": np.arange(1, self.k + 1)})
        out["label"] = self.labels(relevance_lambda=relevance_lambda).to_numpy()
        out["prevalence"] = self.doc_topic.mean(axis=0)
        out = out.merge(self.diagnostics, on="topic", how="left")
        out["top_terms"] = rel.groupby("topic")["term"].agg(" ".join).to_numpy()
        out["frex_terms"] = frx.groupby("topic")["term"].agg(" ".join).to_numpy()
        return out

    # ------------------------------------------------------------------ shares
    def _unit_table(self, unit: str) -> tuple[pd.DataFrame, np.ndarray]:
        if unit == "pseudo":
            base = self.pseudo_documents[["pseudo_id", "doc_id", "n_segments", "n_terms"]]
            shares = self.doc_topic
        elif unit == "segment":
            base = self.segments.drop(columns=["pseudo_id"])
            shares = self.segment_topic
        else:
            raise ParameterError(f"unit must be one of {', '.join(_UNITS)}, got {unit!r}")
        table = base.merge(self.metadata, on="doc_id", how="left", validate="many_to_one")
        return table, shares

    def document_topics(self, unit: str = "document", *, wide: bool = False) -> pd.DataFrame:
        """Topic shares per document, pseudo-document or segment, with metadata.

        Parameters
        ----------
        unit : {"document", "pseudo", "segment"}
            ``document``: the mean share over the document's pseudo-documents;
            ``pseudo``: per pseudo-document (the fitted proportions); ``segment``: per
            pooled segment (see the module notes).
        wide : bool
            False (default): tidy, one row per (unit, topic) with ``topic``, ``label``,
            ``share``. True: one row per unit and a column ``topic_<i>`` per topic.

        Returns
        -------
        DataFrame
            Identifiers (``doc_id``, and ``pseudo_id`` or ``seg_id``), sizes, the
            document metadata columns and the shares.
        """
        if unit == "document":
            table, shares = self._unit_table("pseudo")
            sums = pd.DataFrame(shares).groupby(table["doc_id"].to_numpy(), sort=False).mean()
            ids = sums.index.to_numpy()
            base = pd.DataFrame(
                {
                    "doc_id": ids,
                    "n_pseudo": table.groupby("doc_id", sort=False).size().loc[ids].to_numpy(),
                }
            ).merge(self.metadata, on="doc_id", how="left")
            shares = sums.to_numpy()
        else:
            base, shares = self._unit_table(unit)
        if wide:
            out = base.copy()
            for t in range(self.k):
                out[f"topic_{t + 1}"] = shares[:, t]
            return out
        labels = self.labels().to_numpy()
        n = len(base)
        out = base.loc[np.repeat(np.arange(n), self.k)].reset_index(drop=True)
        out["topic"] = np.tile(np.arange(1, self.k + 1), n)
        out["label"] = np.tile(labels, n)
        out["share"] = shares.reshape(-1)
        return out

    def _grouped_sums(self, by: str | None, unit: str) -> tuple[np.ndarray, list, pd.DataFrame]:
        table, shares = self._unit_table(unit)
        if by is not None and by not in table.columns:
            raise ParameterError(
                f"unknown by column {by!r}; available for unit={unit!r}: "
                f"{', '.join(c for c in table.columns if c not in ('seg_ids',))}"
            )
        group = table[by] if by is not None else pd.Series("all", index=table.index)
        missing = group.isna().to_numpy()
        if missing.any():
            warnings.warn(
                f"{int(missing.sum())} {unit} unit(s) in "
                f"{table.loc[missing, 'doc_id'].nunique()} document(s) have no {by!r} value "
                "and are left out of the groups",
                DiscourseWarning,
                stacklevel=3,
            )
        keep = ~missing
        frame = pd.DataFrame(shares[keep], columns=range(self.k))
        frame["_n"] = 1.0
        frame["_doc"] = table.loc[keep, "doc_id"].to_numpy()
        frame["_group"] = group[keep].to_numpy()
        per_doc = frame.groupby(["_group", "_doc"], sort=True).sum()
        groups = per_doc.index.get_level_values("_group").tolist()
        units = frame.groupby("_group", sort=True).size()
        return per_doc.to_numpy(), groups, units.to_frame("n_units")

    def _bootstrap(self, by: str | None, unit: str, n_boot: int, seed: int):
        if unit not in ("pseudo", "segment"):
            raise ParameterError(f"unit must be 'pseudo' or 'segment', got {unit!r}")
        sums, groups, units = self._grouped_sums(by, unit)
        k = self.k
        res = cluster_bootstrap(
            sums, groups, statistic=lambda t: t[..., :k] / t[..., k:], n_boot=n_boot, seed=seed
        )
        return res, units

    def prevalence(
        self,
        by: str | None = None,
        *,
        unit: str = "pseudo",
        level: float = 0.95,
        n_boot: int = 2000,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Mean topic share per group, with cluster-bootstrap intervals over documents.

        Parameters
        ----------
        by : str, optional
            A metadata column (``actor_type``, ``phase``, ...); with ``unit="segment"``
            also ``role``, ``speaker`` or ``unit``. None: the whole corpus.
        unit : {"pseudo", "segment"}
            What the mean is over: pseudo-documents (default; the units the model was
            fitted on) or pooled segments.
        level : float
            Interval level (0.95).
        n_boot, seed : int
            Bootstrap resamples and seed (:func:`discourse.stats.cluster_bootstrap`).

        Returns
        -------
        DataFrame
            ``<by>`` (or ``group`` = "all"), ``topic``, ``label``, ``share``, ``lo``,
            ``hi``, ``n_docs``, ``n_units``.

        Raises
        ------
        ParameterError
            For an unknown ``by`` column or ``unit``.

        Warns
        -----
        DiscourseWarning
            When units have no value of ``by`` (they are left out), or a group has a
            single document (it gets no interval).
        """
        res, units = self._bootstrap(by, unit, n_boot, seed)
        lo, hi = res.interval(level)
        labels = self.labels().to_numpy()
        col = by or "group"
        rows = []
        for g, name in enumerate(res.groups):
            for t in range(self.k):
                rows.append(
                    {
                        col: name,
                        "topic": t + 1,
                        "label": labels[t],
                        "share": float(res.estimate[g, t]),
                        "lo": float(lo[g, t]),
                        "hi": float(hi[g, t]),
                        "n_docs": int(res.n_clusters[g]),
                        "n_units": int(units.loc[name, "n_units"]),
                    }
                )
        return pd.DataFrame(rows)

    def compare(
        self,
        by: str,
        a: Hashable,
        b: Hashable,
        *,
        unit: str = "pseudo",
        level: float = 0.95,
        n_boot: int = 2000,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Difference in mean topic share between groups ``a`` and ``b`` of ``by``.

        The interval is the percentile interval of the bootstrap differences; the two
        groups' documents are resampled independently.

        Returns
        -------
        DataFrame
            ``topic``, ``label``, ``a``, ``b`` (the group names), ``share_a``,
            ``share_b``, ``difference`` (a - b), ``lo``, ``hi``, ``n_docs_a``,
            ``n_docs_b``; sorted by topic.

        Examples
        --------
        >>> tm.compare("actor_type", "entrepreneur", "municipal")  # doctest: +SKIP
        """
        if by is None:
            raise ParameterError("compare needs a by column")
        res, _ = self._bootstrap(by, unit, n_boot, seed)
        for name in (a, b):
            if name not in res.groups:
                raise ParameterError(
                    f"{by}: no group {name!r}; groups: {', '.join(map(str, res.groups))}"
                )
        diff, lo, hi = res.difference(a, b, level)
        i, j = res.groups.index(a), res.groups.index(b)
        return pd.DataFrame(
            {
                "topic": np.arange(1, self.k + 1),
                "label": self.labels().to_numpy(),
                "a": a,
                "b": b,
                "share_a": res.estimate[i],
                "share_b": res.estimate[j],
                "difference": diff,
                "lo": lo,
                "hi": hi,
                "n_docs_a": int(res.n_clusters[i]),
                "n_docs_b": int(res.n_clusters[j]),
            }
        )

    # ------------------------------------------------------------------ quotes
    def representative(
        self,
        topic: int,
        n: int = 5,
        *,
        min_words: int = 20,
        max_words: int = 120,
        prefer_roles: Sequence[str] = ("respondent",),
    ) -> pd.DataFrame:
        """The segments with the highest share of ``topic``, with text and provenance.

        Like STM's ``findThoughts`` (Roberts et al. 2014), at segment level. Segments
        are ranked in three tiers, then by share (ties by ``seg_id``):

        1. readable (``min_words`` to ``max_words`` words) turns of a preferred role
           (respondents) or paragraphs of non-transcripts;
        2. other readable segments;
        3. the rest.

        Parameters
        ----------
        topic : int
            Topic number, 1 to k.
        n : int
            How many segments.
        min_words, max_words : int
            The readable length, in word tokens (default 20 to 120).
        prefer_roles : sequence of str
            Turn roles of tier 1.

        Returns
        -------
        DataFrame
            ``topic``, ``rank``, ``share``, ``doc_id``, ``seg_id``, ``speaker``, ``role``,
            ``unit``, ``char_start``, ``char_end``, ``n_words``, ``text`` (the segment's
            text from the corpus, never rebuilt from lemmas) and the document metadata.

        Raises
        ------
        ParameterError
            For an unknown topic, or when the model has no corpus to quote from (after
            :meth:`load` without ``corpus=``).
        """
        t = self._check_topic(topic) - 1
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ParameterError(f"n must be a whole number >= 1, got {n!r}")
        if self.corpus is None:
            raise ParameterError(
                "this model has no corpus to quote from; load it with "
                "TopicModel.load(folder, corpus=dc.read_corpus(...))"
            )
        seg = self.segments
        words = seg["n_words"].to_numpy()
        readable = (words >= min_words) & (words <= max_words)
        preferred = (seg["unit"] == "paragraph").to_numpy() | seg["role"].isin(
            list(prefer_roles)
        ).to_numpy()
        tier = np.where(readable & preferred, 1, np.where(readable, 2, 3))
        share = self.segment_topic[:, t]
        order = np.lexsort((seg["seg_id"].to_numpy(), -share, tier))[: int(n)]
        out = seg.iloc[order].drop(columns=["pseudo_id", "n_terms"]).reset_index(drop=True)
        out.insert(0, "share", share[order])
        out.insert(0, "rank", np.arange(1, len(order) + 1))
        out.insert(0, "topic", t + 1)
        texts = self.corpus.segments.set_index("seg_id")["text"]
        out["text"] = texts.reindex(out["seg_id"]).to_numpy()
        return out.merge(self.metadata, on="doc_id", how="left")

    # ------------------------------------------------------------------ lexicons
    def lexicon_overlap(self, lexicon: Any = "institutional-logics", **kwargs: Any) -> pd.DataFrame:
        """Each topic's probability mass and top terms in each lexicon category.

        See :func:`discourse.topics.lexicon.lexicon_overlap` (``categories``, ``n``,
        ``relevance_lambda``, ``langs``).

        Examples
        --------
        >>> tm.lexicon_overlap("institutional-logics", n=20)  # doctest: +SKIP
        """
        from discourse.topics.lexicon import lexicon_overlap

        return lexicon_overlap(self, lexicon, **kwargs)

    # ------------------------------------------------------------------ plots and html
    def plot_terms(self, n: int = 10, relevance_lambda: float = 0.6, **kwargs: Any) -> Any:
        """Top-term bars per topic (:func:`discourse.topics.plots.plot_top_terms`)."""
        from discourse.topics.plots import plot_top_terms

        kwargs.setdefault("labels", self.labels(relevance_lambda=relevance_lambda))
        return plot_top_terms(self.top_terms(n, relevance_lambda), **kwargs)

    def plot_prevalence(self, by: str | None = None, **kwargs: Any) -> Axes:
        """Prevalence by group with intervals (:func:`discourse.topics.plots.plot_prevalence`)."""
        from discourse.topics.plots import plot_prevalence

        return plot_prevalence(self.prevalence(by), by=by or "group", **kwargs)

    def to_html(self, path: str | Path, **kwargs: Any) -> Path:
        """Write the offline topic explorer (:func:`discourse.topics.explorer.to_html`)."""
        from discourse.topics.explorer import to_html

        return to_html(self, path, **kwargs)

    # ------------------------------------------------------------------ save and load
    def save(self, folder: str | Path) -> Path:
        """Save to a folder of portable files (npy, csv, json; no pickle).

        Files: ``model.json`` (k, engine, seed, options, settings, corpus fingerprint,
        package versions, column types), ``topic_term.npy``, ``doc_topic.npy``,
        ``segment_topic.npy``, ``alpha.npy``, ``vocabulary.csv`` (term, freq),
        ``pseudo_documents.csv``, ``segments.csv``, ``metadata.csv``, ``diagnostics.csv``
        and, for convenience, ``document_topics.csv`` (wide, per pseudo-document). No
        text is written. The folder is written next to its target and renamed into place.

        Returns
        -------
        Path
            The folder.
        """
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            for name in ("topic_term", "doc_topic", "segment_topic", "alpha"):
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(getattr(self, name)))
            vocab = pd.DataFrame({"term": self.vocabulary, "freq": self.term_freq})
            dtypes = {
                "vocabulary": _write_csv(vocab, tmp / "vocabulary.csv"),
                "pseudo_documents": _write_csv(self.pseudo_documents, tmp / "pseudo_documents.csv"),
                "segments": _write_csv(self.segments, tmp / "segments.csv"),
                "metadata": _write_csv(self.metadata, tmp / "metadata.csv"),
                "diagnostics": _write_csv(self.diagnostics, tmp / "diagnostics.csv"),
            }
            self.document_topics("pseudo", wide=True).to_csv(
                tmp / "document_topics.csv", index=False, lineterminator="\n"
            )
            info = {
                "format": FORMAT_VERSION,
                "k": self.k,
                "engine": self.engine,
                "seed": self.seed,
                "options": self.options,
                "settings": self.settings,
                "fingerprint": self.fingerprint,
                "versions": self.versions,
                "dtypes": dtypes,
            }
            (tmp / "model.json").write_text(
                json.dumps(info, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
            if folder.exists():
                if not (folder / "model.json").is_file():
                    raise ParameterError(
                        f"{folder}: exists and is not a saved topic model; choose another folder"
                    )
                for f in folder.iterdir():
                    f.unlink()
                folder.rmdir()
            os.replace(tmp, folder)
        finally:
            if tmp.exists():
                for f in tmp.iterdir():
                    f.unlink()
                tmp.rmdir()
        return folder

    @classmethod
    def load(cls, folder: str | Path, corpus: Corpus | None = None) -> TopicModel:
        """Load a model saved by :meth:`save`.

        Parameters
        ----------
        folder : str or Path
            The folder.
        corpus : Corpus, optional
            The corpus the model was fitted on, for :meth:`representative`. A corpus
            whose fingerprint differs gives a warning.

        Raises
        ------
        ParameterError
            When the folder is not a saved model or a file is missing.
        """
        folder = Path(folder)
        meta = folder / "model.json"
        if not meta.is_file():
            raise ParameterError(f"{folder}: no model.json; not a folder made by TopicModel.save")
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("format") != FORMAT_VERSION:
            raise ParameterError(f"{meta}: unknown format version {info.get('format')!r}")
        try:
            arrays = {
                n: np.load(folder / f"{n}.npy", allow_pickle=False)
                for n in ("topic_term", "doc_topic", "segment_topic", "alpha")
            }
            tables = {n: _read_csv(folder / f"{n}.csv", info["dtypes"][n]) for n in info["dtypes"]}
        except FileNotFoundError as exc:
            raise ParameterError(f"{folder}: incomplete saved model: {exc.filename}") from None
        if corpus is not None and info["fingerprint"] != corpus.fingerprint():
            warnings.warn(
                f"{folder}: the corpus differs from the one the model was fitted on "
                "(fingerprints differ); quotes may not match",
                DiscourseWarning,
                stacklevel=2,
            )
        vocab = tables["vocabulary"]
        return cls(
            k=int(info["k"]),
            engine=info["engine"],
            seed=int(info["seed"]),
            options=info["options"],
            settings=info["settings"],
            vocabulary=vocab["term"].tolist(),
            term_freq=vocab["freq"].to_numpy(),
            pseudo_documents=tables["pseudo_documents"],
            segments=tables["segments"],
            metadata=tables["metadata"],
            diagnostics=tables["diagnostics"],
            fingerprint=info["fingerprint"],
            corpus=corpus,
            versions=info["versions"],
            **arrays,
        )


def topic_diagnostics(
    phi: np.ndarray, vocabulary: Sequence[str], texts: list[list[str]], dictionary: Any = None
) -> pd.DataFrame:
    """Per topic: ``c_npmi``, ``u_mass`` (top 10 terms) and mean exclusivity of the top 10."""
    from gensim.corpora import Dictionary

    vocab = np.asarray(vocabulary, dtype=object)
    top = metrics.top_ids(phi, min(10, phi.shape[1]))
    words = [vocab[row].tolist() for row in top]
    dictionary = dictionary if dictionary is not None else Dictionary(texts)
    excl = np.take_along_axis(metrics.exclusivity(phi), top, axis=1).mean(axis=1)
    return pd.DataFrame(
        {
            "topic": np.arange(1, phi.shape[0] + 1),
            "c_npmi": metrics.coherence(words, texts, "c_npmi", dictionary),
            "u_mass": metrics.coherence(words, texts, "u_mass", dictionary),
            "exclusivity": excl,
        }
    )


def fit_topics(
    tokens: Tokens,
    k: int,
    seed: int = 1,
    engine: str = DEFAULT_ENGINE,
    *,
    size: int = 100,
    exclude_roles: Sequence[str] | None = ("interviewer",),
    units: Sequence[str] | None = ("turn", "paragraph"),
    progress: bool | None = None,
    **options: Any,
) -> TopicModel:
    """Fit an LDA topic model on pseudo-documents of a corpus.

    Parameters
    ----------
    tokens : Tokens
        From :func:`discourse.preprocess` (optionally ``.select(...)``-ed).
    k : int
        Number of topics, at least 2 and fewer than the pseudo-documents.
    seed : int
        Random seed (default 1); the same seed, data and options give identical results.
    engine : {"tomotopy", "gensim"}
        ``tomotopy`` (default: collapsed Gibbs sampling; in the benchmark more coherent
        and faster than gensim) or ``gensim`` (``LdaModel``, single process).
    size : int
        Fewest modelling terms per pseudo-document (100); see
        :func:`discourse.topics.pseudo_documents`.
    exclude_roles : sequence of str, optional
        Turn roles left out (interviewers by default).
    units : sequence of str, optional
        Segment units modelled (turns and paragraphs; not headers).
    progress : bool, optional
        Show a progress bar (default: when there are over 2,000 pseudo-documents).
    **options
        Engine options, see :func:`discourse.topics.engines.fit_engine` (e.g.
        ``iterations=500`` for tomotopy, ``passes=20`` for gensim).

    Returns
    -------
    TopicModel

    Raises
    ------
    ParameterError
        k < 2 or k >= the number of pseudo-documents; empty vocabulary after filtering;
        every segment filtered out; an unknown engine or option.

    Examples
    --------
    >>> tm = dc.fit_topics(tokens, k=8, seed=1)                     # doctest: +SKIP
    >>> tm = dc.fit_topics(tokens, k=8, seed=1, engine="gensim", passes=20)  # doctest: +SKIP
    """
    opts = engine_options(engine, options)
    units_ = pseudo_documents(tokens, size, exclude_roles=exclude_roles, units=units)
    k = check_k(k, len(units_))
    quiet = progress_off(progress, small=len(units_) <= 2000)
    bar = tqdm(total=total_steps(engine, opts), desc=f"{engine} k={k}", disable=quiet)
    res = fit_engine(
        engine, units_.id_lists(), len(units_.vocabulary), k, seed, opts, progress=bar.update
    )
    bar.close()
    return _assemble(tokens, units_, res, k, seed, engine, size, exclude_roles, units)


def _assemble(tokens, units_, res, k, seed, engine, size, exclude_roles, units) -> TopicModel:
    seg_cols = tokens.segments.set_index("seg_id")[_SEGMENT_COLUMNS]
    segments = units_.segments.copy()
    segments["pseudo_id"] = units_.table["pseudo_id"].to_numpy()[segments.pop("pseudo")]
    segments = segments[["seg_id", "doc_id", "pseudo_id", "n_terms", "n_words"]]
    segments = segments.join(seg_cols, on="seg_id")
    seg = tokens.segments
    meta_cols = list(seg.columns[seg.columns.get_loc("lang") :])
    metadata = (
        seg.drop_duplicates("doc_id")
        .loc[lambda d: d["doc_id"].isin(units_.table["doc_id"]), ["doc_id", *meta_cols]]
        .reset_index(drop=True)
    )
    diagnostics = topic_diagnostics(res.topic_term, units_.vocabulary, units_.texts())
    corpus = tokens.corpus
    return TopicModel(
        k=k,
        engine=engine,
        seed=int(seed),
        options=res.options,
        settings={
            "size": int(size),
            "exclude_roles": None if exclude_roles is None else list(exclude_roles),
            "units": None if units is None else list(units),
            "preprocess": tokens.settings.to_dict(),
        },
        vocabulary=list(units_.vocabulary),
        topic_term=res.topic_term,
        doc_topic=res.doc_topic,
        segment_topic=_segment_shares(units_, res.topic_term, res.doc_topic),
        alpha=res.alpha,
        term_freq=units_.term_frequency(),
        pseudo_documents=_as_plain(units_.table),
        segments=_as_plain(segments.reset_index(drop=True)),
        metadata=_as_plain(metadata),
        diagnostics=diagnostics,
        fingerprint=corpus.fingerprint(),
        corpus=corpus,
    )
