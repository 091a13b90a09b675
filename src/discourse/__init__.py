"""discourse: text-as-data for welfare discourse, Norwegian first.

Read a corpus folder, preprocess it, and trace every number back to a quote.

Examples
--------
>>> import discourse as dc
>>> corpus = dc.read_corpus("data/raw/demo")  # doctest: +SKIP
>>> tokens = dc.preprocess(corpus)            # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

from discourse.concordance import (
    collocates,
    dispersion,
    export_kwic,
    keyword_rates,
    kwic,
    kwic_html,
    plot_dispersion,
    plot_rates,
    sample_lines,
    show_turn,
    word_dispersion,
)
from discourse.contrast import (
    Audit,
    Lexicon,
    LexiconError,
    Scaling,
    audit,
    findings,
    group_positions,
    key_terms,
    keyness,
    scale,
    score,
    score_difference,
)
from discourse.corpus import Corpus, read_corpus
from discourse.corpus.sotu import write_sotu
from discourse.errors import (
    ConfigError,
    CorpusError,
    DiscourseError,
    DiscourseWarning,
    DocumentError,
    MetadataError,
    ParameterError,
)
from discourse.privacy.leaks import check_leaks
from discourse.privacy.names import load_names
from discourse.privacy.report import review_report, write_report
from discourse.text.preprocess import Tokens, preprocess
from discourse.text.profile import (
    composition,
    document_counts,
    frequent_terms,
    removal_steps,
)
from discourse.topics import (
    TopicModel,
    fit_topics,
    lexicon_overlap,
    prevalence_leaders,
    seed_agreement,
    select_k,
)

try:
    __version__ = version("discourse")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Audit",
    "ConfigError",
    "Corpus",
    "CorpusError",
    "DiscourseError",
    "DiscourseWarning",
    "DocumentError",
    "Lexicon",
    "LexiconError",
    "MetadataError",
    "ParameterError",
    "Scaling",
    "Tokens",
    "TopicModel",
    "__version__",
    "audit",
    "check_leaks",
    "collocates",
    "composition",
    "dispersion",
    "document_counts",
    "export_kwic",
    "findings",
    "fit_topics",
    "frequent_terms",
    "group_positions",
    "key_terms",
    "keyness",
    "keyword_rates",
    "kwic",
    "kwic_html",
    "lexicon_overlap",
    "load_names",
    "plot_dispersion",
    "plot_rates",
    "preprocess",
    "prevalence_leaders",
    "read_corpus",
    "removal_steps",
    "review_report",
    "sample_lines",
    "scale",
    "score",
    "score_difference",
    "seed_agreement",
    "select_k",
    "show_turn",
    "word_dispersion",
    "write_report",
    "write_sotu",
]
