"""Contrasting institutional logics: lexicons, scores, keyness, scaling and audits.

:class:`Lexicon` (quanteda dictionary YAML), :func:`score` (hits, rates, shares and the
two-pole index per unit, with cluster-bootstrap intervals per group), :func:`keyness`
(G², log ratio, %DIFF, chi² per term), :func:`scale` (Latent Semantic Scaling) and
:func:`audit` (entry counts, coverage and reproducible samples of hits) and
:func:`compare_scores` (differences between two groups, with intervals).
"""

from discourse.contrast.audit import Audit, audit
from discourse.contrast.compare import compare_scores
from discourse.contrast.keyness import keyness
from discourse.contrast.lexicon import Lexicon, LexiconError
from discourse.contrast.scaling import Scaling, scale
from discourse.contrast.score import score

__all__ = [
    "Audit",
    "Lexicon",
    "LexiconError",
    "Scaling",
    "audit",
    "compare_scores",
    "keyness",
    "scale",
    "score",
]
