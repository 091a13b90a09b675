"""Which topics come back with another seed: per-topic agreement between fits.

:func:`discourse.select_k`'s ``stability`` is one number per fit: the mean similarity
of its matched topics. To say *which* topics are reliable, :func:`seed_agreement` pairs
the topics of a reference model with those of models fitted with other seeds (optimal
matching on the cosine similarity of topic-term vectors; Greene, O'Callaghan &
Cunningham 2014; Maier et al. 2018) and reports, per topic of the reference, its partner
and their similarity in each other fit.

Examples
--------
>>> fits = [dc.fit_topics(tokens, k=6, seed=s) for s in (1, 2, 3)]  # doctest: +SKIP
>>> agreement = seed_agreement(fits[0], fits[1:])                   # doctest: +SKIP
>>> agreement.groupby("topic")["similarity"].min()                  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from discourse.errors import ParameterError
from discourse.topics.metrics import match_topics

if TYPE_CHECKING:
    from discourse.topics.model import TopicModel

__all__ = ["STABILITY_WORDS", "describe_stability", "seed_agreement"]

#: Lower bounds of mean matched cosine similarity and how the notebooks describe them.
#: A reading convention, not a test: cosine similarities of topic-term vectors near 0.9
#: mean nearly the same top terms; below 0.5 most topics have no counterpart.
STABILITY_WORDS: tuple[tuple[float, str], ...] = (
    (0.9, "very stable: nearly the same topics come back with every seed"),
    (0.7, "fairly stable: most topics come back with other seeds"),
    (0.5, "moderately stable: several topics change with the seed"),
    (float("-inf"), "unstable: most topics change with the seed"),
)


def describe_stability(value: float) -> str:
    """Words for a mean matched similarity (``stability``), from :data:`STABILITY_WORDS`.

    Examples
    --------
    >>> describe_stability(0.93)
    'very stable: nearly the same topics come back with every seed'
    >>> describe_stability(0.7)
    'fairly stable: most topics come back with other seeds'
    >>> describe_stability(float("nan"))
    'not measured (a single seed)'
    """
    if value is None or value != value:  # NaN
        return "not measured (a single seed)"
    for bound, words in STABILITY_WORDS:
        if value >= bound:
            return words
    raise AssertionError("unreachable")  # pragma: no cover - the last bound is -inf


def seed_agreement(reference: TopicModel, others: Sequence[TopicModel]) -> pd.DataFrame:
    """Match every topic of ``reference`` to a topic of each model in ``others``.

    Parameters
    ----------
    reference : TopicModel
        The model whose topics are reported (its numbering and labels).
    others : sequence of TopicModel
        Models of the same modelling texts (same vocabulary), usually fitted with other
        seeds; they may have another k.

    Returns
    -------
    DataFrame
        One row per (topic of the reference, other model): ``topic``, ``label``,
        ``seed`` (the other model's seed), ``matched_topic`` (its topic number, 1-based;
        0 when a larger reference leaves the topic unmatched), ``matched_label`` and
        ``similarity`` (cosine of the two topic-term vectors; NaN when unmatched).

    Raises
    ------
    ParameterError
        When ``others`` is empty or a model has a different vocabulary.
    """
    others = list(others)
    if not others:
        raise ParameterError("seed_agreement needs at least one other model")
    labels = reference.labels()
    rows = []
    for other in others:
        if list(other.vocabulary) != list(reference.vocabulary):
            raise ParameterError(
                f"the model with seed {other.seed} has another vocabulary than the reference "
                f"(seed {reference.seed}); fit both on the same tokens and pseudo-document "
                "settings"
            )
        partner, sim = match_topics(np.asarray(reference.topic_term), np.asarray(other.topic_term))
        other_labels = other.labels()
        for t in range(reference.k):
            p = int(partner[t])
            rows.append(
                {
                    "topic": t + 1,
                    "label": labels.loc[t + 1],
                    "seed": other.seed,
                    "matched_topic": p + 1,
                    "matched_label": other_labels.loc[p + 1] if p >= 0 else "",
                    "similarity": float(sim[t]),
                }
            )
    return pd.DataFrame(rows)
