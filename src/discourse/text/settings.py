"""Preprocessing settings: defaults, ``corpus.yml`` values and keyword overrides.

Examples
--------
>>> s = PreprocessSettings.resolve({"min_df": 2}, {"lemmatizer": "snowball"})
>>> s.min_df, s.lemmatizer
(2, 'snowball')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from discourse.errors import ConfigError, ParameterError, check_known_keys
from discourse.text.lemmatize import METHODS

__all__ = ["PreprocessSettings"]


@dataclass(frozen=True)
class PreprocessSettings:
    """Every setting that changes the ``Tokens`` table (and so the cache key).

    Attributes
    ----------
    lemmatizer : {"simplemma", "snowball", "none"}
        How the ``lemma`` column is made: lemmas, Snowball stems, or lower-cased forms.
    stopwords : bool
        Flag the shipped function words.
    fillers : bool
        Also flag spoken fillers and hesitations (eh, liksom, "ikke sant").
    stopwords_add, stopwords_remove : tuple of str
        Words or phrases to add to or remove from the lists, for every language.
    modelling_stopwords : bool
        Give no modelling ``term`` to the words of the modelling stoplist
        (``resources/stopwords/modelling-<lang>.txt``: light verbs, numerals and
        ordinals, discourse particles, generic time and quantity words). They stay
        tokens with lemmas, ``is_stop`` stays False, and KWIC finds them; the column
        ``is_modelling_stop`` flags them. Default True; False switches the shipped list
        off (entries of ``modelling_stopwords_add`` still apply).
    modelling_stopwords_add, modelling_stopwords_remove : tuple of str
        Lemmas or fixed expressions (with spaces) to add to or remove from the modelling
        stoplist, for every language.
    lemmas : dict
        Extra ``form → lemma`` corrections. A lower-case key applies to the word in any
        case (also where it would otherwise be kept as a proper noun); a key with a
        capital letter applies to that exact form only (``Storting: Stortinget``).
    proper_names : tuple of str
        Extra proper names (``"Carl I. Hagen"``, ``"Per"``): their capitalised words keep
        their form as lemma and are never stopwords, beside the shipped names list and the
        corpus's ``speaker_name`` values (see :mod:`discourse.text.context_lemmas`).
    multiword : tuple of str
        Phrases joined into one term after lemmatisation ("sosial entreprenør" matches
        "sosiale entreprenører"); written with spaces, joined with ``_``.
    phrases : {None, "npmi"}
        Detect further phrases with gensim ``Phrases`` (NPMI scoring).
    phrase_threshold : float
        NPMI threshold in (-1, 1] for detected phrases.
    phrase_min_count : int
        Minimum count of a detected phrase.
    min_length : int
        Shortest term, in characters.
    min_df : int
        Fewest documents a term must occur in.
    max_df : float
        Largest share of documents a term may occur in (1.0 keeps all).
    """

    lemmatizer: str = "simplemma"
    stopwords: bool = True
    fillers: bool = True
    stopwords_add: tuple[str, ...] = ()
    stopwords_remove: tuple[str, ...] = ()
    modelling_stopwords: bool = True
    modelling_stopwords_add: tuple[str, ...] = ()
    modelling_stopwords_remove: tuple[str, ...] = ()
    lemmas: dict[str, str] = field(default_factory=dict)
    proper_names: tuple[str, ...] = ()
    multiword: tuple[str, ...] = ()
    phrases: str | None = None
    phrase_threshold: float = 0.5
    phrase_min_count: int = 5
    min_length: int = 2
    min_df: int = 1
    max_df: float = 1.0

    @classmethod
    def names(cls) -> list[str]:
        """The setting names."""
        return [f.name for f in fields(cls)]

    @classmethod
    def resolve(
        cls, from_config: dict[str, Any] | None, overrides: dict[str, Any] | None
    ) -> PreprocessSettings:
        """Defaults, then ``corpus.yml``'s ``preprocess`` section, then keyword arguments."""
        known = set(cls.names())
        merged: dict[str, Any] = {}
        for source, values, error in (
            ("corpus.yml preprocess", from_config or {}, ConfigError),
            ("preprocess()", overrides or {}, ParameterError),
        ):
            check_known_keys(values, known, source, error)
            merged.update({k: v for k, v in values.items() if v is not None or k == "phrases"})
        return cls._checked(merged)

    @classmethod
    def _checked(cls, values: dict[str, Any]) -> PreprocessSettings:
        lists = (
            "stopwords_add",
            "stopwords_remove",
            "modelling_stopwords_add",
            "modelling_stopwords_remove",
            "multiword",
            "proper_names",
        )
        for key in lists:
            if key in values:
                v = values[key]
                if isinstance(v, str):
                    v = [v]
                if not isinstance(v, (list, tuple, set, frozenset)) or not all(
                    isinstance(x, str) for x in v
                ):
                    raise ParameterError(f"{key} must be a list of strings, got {v!r}")
                if key.startswith("modelling") and not all(x.strip() for x in v):
                    raise ParameterError(f"{key} holds an empty entry: {list(v)!r}")
                values[key] = tuple(sorted(v)) if isinstance(v, (set, frozenset)) else tuple(v)
        for phrase in values.get("multiword", ()):
            if len(phrase.split()) < 2:
                raise ParameterError(f"multiword term {phrase!r} has fewer than two words")
        flag = values.get("modelling_stopwords", True)
        if not isinstance(flag, bool):
            raise ParameterError(f"modelling_stopwords must be true or false, got {flag!r}")
        s = cls(**values)
        if s.lemmatizer not in METHODS:
            raise ParameterError(f"lemmatizer must be one of {METHODS}, got {s.lemmatizer!r}")
        if s.phrases not in (None, "npmi"):
            raise ParameterError(f"phrases must be None or 'npmi', got {s.phrases!r}")
        if not -1 < float(s.phrase_threshold) <= 1:
            raise ParameterError(
                f"phrase_threshold must lie in (-1, 1] for NPMI, got {s.phrase_threshold}"
            )
        for name, low in (("min_length", 1), ("min_df", 1), ("phrase_min_count", 1)):
            value = getattr(s, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ParameterError(f"{name} must be a whole number >= {low}, got {value!r}")
        if isinstance(s.max_df, bool) or not 0 < float(s.max_df) <= 1:
            raise ParameterError(f"max_df must be a share in (0, 1], got {s.max_df!r}")
        if not isinstance(s.lemmas, dict):
            raise ParameterError("lemmas must be a mapping of word form to lemma")
        return s

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples as lists, keys sorted)."""
        d = asdict(self)
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in sorted(d.items())}
