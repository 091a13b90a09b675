"""Prose from numbers: Markdown that notebooks display, written from computed values.

The notebooks never type a figure into their text. They format the values they computed
with these helpers and display the sentence with :func:`say`, so a rerun on other data
rewrites the sentence instead of leaving a false one behind.

Examples
--------
>>> interval(-0.3354, -0.5125, -0.1514)
'−0.34 [−0.51, −0.15]'
>>> listing(["risiko", "pilot", "innovasjon"])
'risiko, pilot and innovasjon'
>>> listing([])
'none'
>>> number(12345)
'12,345'
>>> say("**Two** documents.")  # outside a notebook this prints the Markdown
**Two** documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["interval", "listing", "number", "say", "signed"]


def _minus(text: str) -> str:
    return text.replace("-", "−")


def signed(value: float, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals and a typographic minus; "n/a" for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return _minus(f"{value:.{digits}f}")


def interval(estimate: float, low: float, high: float, digits: int = 2) -> str:
    """An estimate with its interval: ``"0.34 [0.15, 0.51]"``."""
    return f"{signed(estimate, digits)} [{signed(low, digits)}, {signed(high, digits)}]"


def number(n: float, digits: int = 0) -> str:
    """A count or amount with thousands separators: ``12,345``."""
    return _minus(f"{n:,.{digits}f}")


def listing(items: Iterable[object], conjunction: str = "and") -> str:
    """Items as an English list: ``"a, b and c"``; ``"none"`` when empty."""
    words = [str(x) for x in items]
    if not words:
        return "none"
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def say(markdown: str) -> None:
    """Display ``markdown`` as formatted text in a notebook; print it elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - IPython comes with the notebooks extra
        print(markdown)
        return
    if get_ipython() is None:
        print(markdown)
    else:
        display(Markdown(markdown))
