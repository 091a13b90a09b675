"""Package data: speaker labels, stopwords, abbreviations, lemma corrections, connectors.

Examples
--------
>>> "og" in read_lines("phrases/connectors.txt")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["read_lines", "read_text"]


def read_text(name: str) -> str:
    """The text of a resource file, such as ``"speakers.yml"``."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """The entries of a list resource: stripped lines, without blanks and ``#`` comments."""
    return tuple(
        line.strip()
        for line in read_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
