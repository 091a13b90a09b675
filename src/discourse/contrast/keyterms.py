"""Key terms an analyst can report: terms used by more than one or two documents.

:func:`discourse.keyness` compares every term. Terms that **one or two documents**
repeat top such a list without saying anything about a group's language: a group's
vocabulary is what several of its members use (keyness with dispersion; Egbert & Biber
2019 argue for document-based keyness for this reason). :func:`key_terms` drops them and
recomputes the Benjamini & Hochberg (1995) adjusted p-values over the terms that remain,
so ``p_adj`` matches the list that is reported. (Pseudonyms of a pseudonymised corpus,
``[PERSON_3]``, never reach a keyness table: preprocessing gives them no term.)

References
----------
Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B*
57(1), 289-300.
Egbert, J., & Biber, D. (2019). Incorporating text dispersion into keyword analyses.
*Corpora* 14(1), 77-104.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"term": ["innovasjon", "kunde"],
...                       "docs_target": [6, 1], "docs_reference": [2, 0],
...                       "G2": [20.0, 9.0], "p": [1e-5, 0.003]})
>>> key_terms(table, min_docs=2)["term"].tolist()
['innovasjon']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.errors import ParameterError

__all__ = ["key_terms"]


def key_terms(table: pd.DataFrame, *, min_docs: int = 1) -> pd.DataFrame:
    """A keyness table without rare-document terms, ``p_adj`` recomputed.

    Parameters
    ----------
    table : DataFrame
        From :func:`discourse.keyness` (``term``, ``docs_target``, ``docs_reference``,
        ``G2``, ``p``).
    min_docs : int
        Keep a term only if at least this many documents use it on the side it is key
        for: ``docs_target`` when ``G2 > 0``, ``docs_reference`` when ``G2 < 0``, the
        larger of the two when ``G2 == 0``. A missing reference count (wordfreq) uses
        the target's.

    Returns
    -------
    DataFrame
        The kept rows in their order, ``p_adj`` recomputed over them (Benjamini &
        Hochberg). ``attrs`` as in ``table`` plus ``dropped_rare`` and
        ``min_docs``.

    Raises
    ------
    ParameterError
        ``min_docs`` below 1, or a table without the keyness columns.
    """
    needed = {"term", "docs_target", "docs_reference", "G2", "p"}
    if not needed <= set(table.columns):
        raise ParameterError(
            "key_terms needs a keyness() table; missing: "
            + ", ".join(sorted(needed - set(table.columns)))
        )
    if min_docs < 1:
        raise ParameterError(f"min_docs must be >= 1; got {min_docs}")
    from scipy.stats import false_discovery_control

    target_docs = table["docs_target"].astype("Float64").fillna(0).to_numpy(dtype=float)
    ref_docs = table["docs_reference"].astype("Float64")
    ref_docs = ref_docs.fillna(pd.Series(target_docs, index=table.index)).to_numpy(dtype=float)
    g2 = table["G2"].to_numpy(dtype=float)
    side = np.where(
        g2 > 0, target_docs, np.where(g2 < 0, ref_docs, np.maximum(target_docs, ref_docs))
    )
    rare = side < min_docs
    out = table.loc[~rare].copy()
    p = out["p"].to_numpy(dtype=float)
    out["p_adj"] = false_discovery_control(p, method="bh") if len(out) else p
    out = out.reset_index(drop=True)
    out.attrs.update(dict(table.attrs))
    out.attrs.update(
        {
            "dropped_rare": int(rare.sum()),
            "min_docs": min_docs,
        }
    )
    return out
