"""Topic models: pseudo-documents, LDA engines, model selection, interpretation, contrasts.

See :func:`fit_topics`, :class:`TopicModel` and :func:`select_k`.
"""

from discourse.topics.agreement import seed_agreement
from discourse.topics.engines import DEFAULT_ENGINE, ENGINES
from discourse.topics.leaders import prevalence_leaders
from discourse.topics.lexicon import lexicon_overlap
from discourse.topics.model import TopicModel, fit_topics
from discourse.topics.pseudodocs import PseudoDocuments, pseudo_documents
from discourse.topics.selection import KSelection, select_k

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "KSelection",
    "PseudoDocuments",
    "TopicModel",
    "fit_topics",
    "lexicon_overlap",
    "prevalence_leaders",
    "pseudo_documents",
    "seed_agreement",
    "select_k",
]
