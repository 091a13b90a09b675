"""Concordances: keyword in context, sorting, collocations, dispersion and export."""

from discourse.concordance.collocates import collocates, side_by_side
from discourse.concordance.kwic import concordance, kwic

__all__ = ["collocates", "concordance", "kwic", "side_by_side"]
