"""The ``discourse`` command line (see :mod:`discourse.cli.app`)."""

from discourse.cli.app import main

__all__ = ["main"]
