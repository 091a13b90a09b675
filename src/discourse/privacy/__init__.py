"""Pseudonymisation at import, the protected key, the review report and leak guards.

See :mod:`discourse.privacy.pseudonymise` for how a corpus is pseudonymised when
``corpus.yml`` (or ``read_corpus(..., pseudonymise=...)``) switches it on.
"""

from importlib import import_module
from typing import Any

# Names are loaded on first use: discourse.corpus.config imports the settings module of
# this package, and the other modules import discourse.corpus.
_WHERE = {
    "find_candidates": "detect",
    "find_patterns": "detect",
    "fnr_is_valid": "detect",
    "PseudonymKey": "key",
    "default_key_path": "key",
    "check_leaks": "leaks",
    "leak_roots": "leaks",
    "NameList": "names",
    "load_names": "names",
    "OffsetMap": "pseudonymise",
    "PrivacyResult": "pseudonymise",
    "Pseudonymiser": "pseudonymise",
    "pseudonymise_documents": "pseudonymise",
    "replace_spans": "pseudonymise",
    "review_report": "report",
    "write_report": "report",
    "PseudonymiseSettings": "settings",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"discourse.privacy.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'discourse.privacy' has no attribute {name!r}")


__all__ = [
    "NameList",
    "OffsetMap",
    "PrivacyResult",
    "PseudonymKey",
    "PseudonymiseSettings",
    "Pseudonymiser",
    "check_leaks",
    "default_key_path",
    "find_candidates",
    "find_patterns",
    "fnr_is_valid",
    "leak_roots",
    "load_names",
    "pseudonymise_documents",
    "replace_spans",
    "review_report",
    "write_report",
]
