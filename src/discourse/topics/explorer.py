"""``to_html``: a self-contained, offline topic explorer in one HTML file.

The file holds its CSS, its JavaScript and the model's data (inline JSON); it loads
nothing from the network, so it works offline, in a browser or in JupyterLab
(``IPython.display.IFrame``), and can be sent to a co-author. It shows, in the manner of
LDAvis (Sievert & Shirley 2014) but without pyLDAvis:

* an intertopic map: topics placed by classical multidimensional scaling (Torgerson 1952)
  of the Jensen-Shannon distances between their term distributions (as in LDAvis), circle
  area proportional to prevalence;
* for the selected topic, the top 30 terms by relevance with a λ slider, as bars of the
  term's estimated count in the topic against its count in the corpus;
* a table of all topics: label, prevalence, coherence (c_npmi), exclusivity, top terms by
  relevance and by FREX;
* optionally prevalence by a group column with its intervals, and representative quotes
  (off by default: quotes are raw interview text, see the privacy note in the README).

Examples
--------
>>> tm.to_html("reports/topics.html", by="actor_type")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from discourse.resources import read_text
from discourse.topics import metrics

if TYPE_CHECKING:
    from discourse.topics.model import TopicModel

__all__ = ["intertopic_map", "to_html"]

_LAMBDAS = np.round(np.linspace(0, 1, 11), 1)


def _js_divergence(p: np.ndarray, q: np.ndarray) -> float:
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_pm = np.where(p > 0, p * np.log(p / m), 0.0).sum()
        kl_qm = np.where(q > 0, q * np.log(q / m), 0.0).sum()
    return float((kl_pm + kl_qm) / 2)


def intertopic_map(phi: np.ndarray) -> np.ndarray:
    """2-D coordinates of topics: classical MDS of Jensen-Shannon distances.

    Signs are fixed (each axis's largest coordinate is positive), so the map is
    deterministic.

    Examples
    --------
    >>> xy = intertopic_map(np.array([[0.9, 0.1, 0.0], [0.0, 0.1, 0.9], [0.4, 0.2, 0.4]]))
    >>> xy.shape
    (3, 2)
    """
    k = phi.shape[0]
    d2 = np.zeros((k, k))
    for i in range(k):
        for j in range(i + 1, k):
            d2[i, j] = d2[j, i] = _js_divergence(phi[i], phi[j])  # JSD = squared JS distance
    centre = np.eye(k) - 1.0 / k
    b = -0.5 * centre @ d2 @ centre
    values, vectors = np.linalg.eigh(b)
    order = np.argsort(values)[::-1][:2]
    coords = vectors[:, order] * np.sqrt(np.clip(values[order], 0, None))
    if coords.shape[1] < 2:
        coords = np.column_stack([coords, np.zeros(k)])
    for a in range(2):
        if coords[np.argmax(np.abs(coords[:, a])), a] < 0:
            coords[:, a] = -coords[:, a]
    return np.round(coords, 10)


def _candidates(tm: TopicModel, n: int) -> list[np.ndarray]:
    """Per topic: the terms in the top ``n`` by relevance for some λ in 0, 0.1, ..., 1."""
    share = tm.term_freq / tm.term_freq.sum()
    sets: list[set[int]] = [set() for _ in range(tm.k)]
    for lam in _LAMBDAS:
        top = metrics.top_ids(metrics.relevance(tm.topic_term, share, float(lam)), n)
        for t in range(tm.k):
            sets[t].update(top[t].tolist())
    return [np.array(sorted(s)) for s in sets]


def explorer_data(
    tm: TopicModel, *, n_terms: int = 30, by: str | None = None, quotes: int = 0
) -> dict:
    """The data the explorer shows, as a JSON-ready dict."""
    share = tm.term_freq / tm.term_freq.sum()
    n_tokens = float(tm.term_freq.sum())
    sizes = tm.pseudo_documents["n_terms"].to_numpy(dtype=float)
    topic_tokens = tm.doc_topic.T @ sizes  # expected tokens per topic
    prevalence = tm.doc_topic.mean(axis=0)
    xy = intertopic_map(tm.topic_term)
    table = tm.topics(n=10)
    vocab = np.asarray(tm.vocabulary, dtype=object)
    topics = []
    for t, cand in enumerate(_candidates(tm, n_terms)):
        row = table.iloc[t]
        topics.append(
            {
                "topic": t + 1,
                "label": str(row["label"]),
                "prevalence": float(prevalence[t]),
                "x": float(xy[t, 0]),
                "y": float(xy[t, 1]),
                "c_npmi": None if np.isnan(row["c_npmi"]) else float(row["c_npmi"]),
                "exclusivity": float(row["exclusivity"]),
                "top_terms": str(row["top_terms"]),
                "frex_terms": str(row["frex_terms"]),
                "terms": vocab[cand].tolist(),
                "phi": [float(v) for v in tm.topic_term[t, cand]],
                "p": [float(v) for v in share[cand]],
                "in_topic": [float(v) for v in tm.topic_term[t, cand] * topic_tokens[t]],
                "in_corpus": [float(v) for v in share[cand] * n_tokens],
            }
        )
    data: dict = {
        "model": {
            "k": tm.k,
            "engine": tm.engine,
            "seed": tm.seed,
            "n_pseudo": len(tm.pseudo_documents),
            "n_documents": int(tm.pseudo_documents["doc_id"].nunique()),
            "n_terms": len(tm.vocabulary),
            "n_tokens": int(n_tokens),
            "n_show": n_terms,
        },
        "topics": topics,
    }
    if by is not None:
        prev = tm.prevalence(by)
        data["by"] = by
        data["prevalence"] = [
            {
                "group": str(r[by]),
                "topic": int(r["topic"]),
                "share": float(r["share"]),
                "lo": None if np.isnan(r["lo"]) else float(r["lo"]),
                "hi": None if np.isnan(r["hi"]) else float(r["hi"]),
                "n_docs": int(r["n_docs"]),
            }
            for _, r in prev.iterrows()
        ]
    if quotes:
        data["quotes"] = {
            str(t + 1): [
                {
                    "doc_id": str(r["doc_id"]),
                    "seg_id": str(r["seg_id"]),
                    "speaker": None if r.isna()["speaker"] else str(r["speaker"]),
                    "share": float(r["share"]),
                    "text": str(r["text"]),
                }
                for _, r in tm.representative(t + 1, quotes).iterrows()
            ]
            for t in range(tm.k)
        }
    return data


def to_html(
    tm: TopicModel,
    path: str | Path,
    *,
    by: str | None = None,
    quotes: int = 0,
    n_terms: int = 30,
    title: str | None = None,
) -> Path:
    """Write the offline topic explorer for ``tm`` to ``path``.

    Parameters
    ----------
    tm : TopicModel
        The fitted model.
    path : str or Path
        The HTML file to write (its folder is created).
    by : str, optional
        A metadata column; adds each topic's prevalence per group with intervals.
    quotes : int
        Representative segments per topic to include (default 0: the file then holds no
        interview text). Quotes need the model's corpus.
    n_terms : int
        Terms shown per topic (30).
    title : str, optional
        Page title.

    Returns
    -------
    Path
        The file written.
    """
    data = explorer_data(tm, n_terms=n_terms, by=by, quotes=quotes)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    css, js = read_text("explorer/explorer.css"), read_text("explorer/explorer.js")
    m = data["model"]
    heading = title or f"Topic model: k={m['k']} ({m['engine']}, seed {m['seed']})"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(heading)}</title>
<style>{css}</style></head>
<body>
<h1>{html.escape(heading)}</h1>
<div class="meta">{m["n_documents"]} documents, {m["n_pseudo"]} pseudo-documents,
{m["n_terms"]} terms, {m["n_tokens"]} term tokens. Made by discourse; works offline.</div>
<div class="row">
 <div class="panel"><h3>Intertopic map</h3>
  <div class="small">Classical MDS of Jensen-Shannon distances; area: prevalence.
  Click a topic.</div><div id="map"></div>
  <p><button id="prev">◀ previous</button> <button id="next">next ▶</button></p></div>
 <div class="panel">
  <label for="lambda">relevance λ = <span id="lamval"></span></label>
  <input id="lambda" type="range" min="0" max="1" step="0.05" value="0.6">
  <span class="small">1: by probability; 0: by lift (Sievert &amp; Shirley 2014)</span>
  <div id="terms"></div></div>
</div>
<div id="extra"></div>
<div id="table"></div>
<script type="application/json" id="data">{payload}</script>
<script>{js}</script>
</body></html>
"""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
