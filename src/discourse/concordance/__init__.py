"""Concordances: keyword in context, sorting, collocations, dispersion and export.

- :func:`kwic` and :func:`concordance` (:mod:`~discourse.concordance.kwic`);
- sort keys (:mod:`~discourse.concordance.sort`);
- :func:`collocates` and :func:`side_by_side` (:mod:`~discourse.concordance.collocates`);
- :func:`dispersion`, :func:`dispersion_summary`, :func:`plot_dispersion`
  (:mod:`~discourse.concordance.dispersion`);
- :func:`keyword_rates`, :func:`plot_rates`, :func:`word_dispersion` and
  :func:`sample_lines` (:mod:`~discourse.concordance.compare`);
- :func:`export_kwic`, :func:`kwic_html`, :func:`format_kwic`, :func:`show_turn`
  (:mod:`~discourse.concordance.export`).
"""

from discourse.concordance.collocates import collocates, side_by_side
from discourse.concordance.compare import (
    keyword_rates,
    plot_rates,
    sample_lines,
    word_dispersion,
)
from discourse.concordance.dispersion import dispersion, dispersion_summary, plot_dispersion
from discourse.concordance.export import export_kwic, format_kwic, kwic_html, show_turn
from discourse.concordance.kwic import concordance, kwic

__all__ = [
    "collocates",
    "concordance",
    "dispersion",
    "dispersion_summary",
    "export_kwic",
    "format_kwic",
    "keyword_rates",
    "kwic",
    "kwic_html",
    "plot_dispersion",
    "plot_rates",
    "sample_lines",
    "show_turn",
    "side_by_side",
    "word_dispersion",
]
