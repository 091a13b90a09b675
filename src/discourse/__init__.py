"""discourse: text-as-data for welfare discourse, Norwegian first.

Read a corpus folder, preprocess it, and trace every number back to a quote.

Examples
--------
>>> import discourse as dc
>>> corpus = dc.read_corpus("data/raw/demo")  # doctest: +SKIP
>>> tokens = dc.preprocess(corpus)            # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

from discourse.corpus import Corpus, read_corpus
from discourse.errors import (
    ConfigError,
    CorpusError,
    DiscourseError,
    DiscourseWarning,
    DocumentError,
    MetadataError,
    ParameterError,
)
from discourse.text.preprocess import Tokens, preprocess
from discourse.topics import TopicModel, fit_topics, select_k

try:
    __version__ = version("discourse")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "ConfigError",
    "Corpus",
    "CorpusError",
    "DiscourseError",
    "DiscourseWarning",
    "DocumentError",
    "MetadataError",
    "ParameterError",
    "Tokens",
    "TopicModel",
    "__version__",
    "fit_topics",
    "preprocess",
    "read_corpus",
    "select_k",
]
