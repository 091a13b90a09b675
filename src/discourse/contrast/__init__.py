"""Contrasting institutional logics: lexicons, scores, keyness, scaling and audits.

:class:`Lexicon` (quanteda dictionary YAML), :func:`score` (hits, rates, shares and the
two-pole index per unit, with cluster-bootstrap intervals per group), :func:`keyness`
(G², log ratio, %DIFF, chi² per term), :func:`scale` (Latent Semantic Scaling) and
:func:`audit` (entry counts, coverage and reproducible samples of hits); for reporting,
:func:`score_difference` (group differences with intervals), :func:`group_positions`
(groups on the LSS axis), :func:`key_terms` (keyness without pseudonyms and rare terms)
and :func:`findings` (a findings text written from the tables).
"""

from discourse.contrast.audit import Audit, audit
from discourse.contrast.difference import score_difference
from discourse.contrast.findings import findings
from discourse.contrast.keyness import keyness
from discourse.contrast.keyterms import key_terms
from discourse.contrast.lexicon import Lexicon, LexiconError
from discourse.contrast.positions import group_positions
from discourse.contrast.scaling import Scaling, scale
from discourse.contrast.score import score

__all__ = [
    "Audit",
    "Lexicon",
    "LexiconError",
    "Scaling",
    "audit",
    "findings",
    "group_positions",
    "key_terms",
    "keyness",
    "scale",
    "score",
    "score_difference",
]
