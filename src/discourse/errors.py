"""Exceptions and warnings raised by ``discourse``.

Every error a user can cause by their input is a :class:`DiscourseError` subclass whose
message names the file, line or argument at fault and says what to do about it.

Examples
--------
>>> from discourse.errors import DiscourseError, ParameterError
>>> issubclass(ParameterError, DiscourseError)
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConfigError",
    "CorpusError",
    "DiscourseError",
    "DiscourseWarning",
    "DocumentError",
    "MetadataError",
    "ParameterError",
    "check_known_keys",
]


class DiscourseError(Exception):
    """Base class of every error that ``discourse`` raises on purpose."""


class CorpusError(DiscourseError):
    """A corpus folder as a whole cannot be read (missing folder, no documents, strict mode)."""


class DocumentError(CorpusError):
    """One document file cannot be read.

    Parameters
    ----------
    path : str
        The file, relative to the corpus folder where possible.
    message : str
        What is wrong and what to do about it.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        self.reason = message
        super().__init__(f"{self.path}: {message}")


class MetadataError(CorpusError):
    """``metadata.csv`` is malformed or contradicts the files on disk."""


class ConfigError(CorpusError):
    """``corpus.yml`` is malformed or holds an unknown or invalid setting."""


class ParameterError(DiscourseError, ValueError):
    """A function was called with an impossible or unknown parameter value."""


class DiscourseWarning(UserWarning):
    """A problem that did not stop the work, such as one unreadable file in a corpus."""


def check_known_keys(
    data: Any,
    known: set[str] | frozenset[str],
    where: str,
    error: type[DiscourseError] | None = None,
) -> None:
    """Raise ``error`` (default :class:`ConfigError`) naming ``where`` for unknown keys.

    Examples
    --------
    >>> check_known_keys({"langauge": "nb"}, {"language"}, "corpus.yml")
    Traceback (most recent call last):
    ...
    discourse.errors.ConfigError: corpus.yml: unknown setting(s) langauge; known ... language
    """
    unknown = sorted(set(map(str, data)) - set(known))
    if unknown:
        raise (error or ConfigError)(
            f"{where}: unknown setting(s) {', '.join(unknown)}; "
            f"known settings are {', '.join(sorted(known))}"
        )
