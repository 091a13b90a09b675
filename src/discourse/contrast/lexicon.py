"""Lexicons (dictionaries) in quanteda's YAML format, with a part per language.

A lexicon maps categories to entries. The file format is quanteda's dictionary YAML
(Benoit et al. 2018, ``dictionary(file=..., format="YAML")``): a mapping of category
names to lists of entries, where a category may hold subcategories instead of a list::

    bureaucratic:
      casework:
        - saksbehandling*
        - vedtak*
      documentation:
        - dokumentasjon*
    entrepreneurial:
      - innovasjon*
      - "sosial* verdiskap*"

Nested categories are flattened to dotted keys (``bureaucratic.casework``); asking for
a category returns the entries of all its subcategories, and :meth:`Lexicon.to_yaml`
writes the nesting back. Entries use the pattern language of
:mod:`discourse.text.patterns`: exact words (lemmatised when matched), globs
(``regelverk*``) and phrases (``"felles eierskap"``, consecutive lemmas in one segment).

A lexicon has one part per language (``nb``, ``nn``, ``en``). Documents are matched with
the part of their own language (a nynorsk interview with the ``nn`` part). A lexicon
loaded from a single dictionary without a language applies to every language (its part
is called ``"*"``).

Shipped lexicons live in ``discourse/resources/lexicons/<name>/<lang>.yml``, each file a
valid quanteda dictionary on its own; ``institutional-logics`` is described in its
``LEXICON.md``.

Examples
--------
>>> lex = Lexicon.from_dict({"rules": ["regelverk*", "forskrift*"],
...                          "market": {"customers": ["kunde*"], "money": ["inntekt*"]}},
...                         lang="nb")
>>> lex.categories
['rules', 'market.customers', 'market.money']
>>> lex.top_categories
['rules', 'market']
>>> lex.entries("market", "nb")
['kunde*', 'inntekt*']
>>> print(lex.to_yaml("nb"), end="")
rules:
- regelverk*
- forskrift*
market:
  customers:
  - kunde*
  money:
  - inntekt*
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from discourse.errors import DiscourseError, ParameterError
from discourse.text.patterns import parse_pattern

__all__ = ["ANY_LANGUAGE", "LANGUAGES", "Lexicon", "LexiconError"]

#: Languages a lexicon part may be written for.
LANGUAGES = ("nb", "nn", "en")
#: The part name of a lexicon that applies to every language.
ANY_LANGUAGE = "*"


class LexiconError(DiscourseError):
    """A lexicon file is malformed, or a lexicon lacks what was asked of it."""


@dataclass
class Lexicon:
    """Categories of patterns, with one part per language.

    Parameters
    ----------
    parts : dict
        ``{lang: {dotted category: [entries]}}``; ``lang`` is ``nb``, ``nn``, ``en`` or
        ``"*"`` (any language). Every part must have the same categories.
    name : str
        A name for tables and plots.
    source : str, optional
        Where the lexicon was read from.

    Attributes
    ----------
    categories : list of str
        Leaf categories as dotted keys, in file order.
    top_categories : list of str
        The first level of the nesting (``bureaucratic``, ...).
    languages : list of str
        The languages with a part.
    """

    parts: dict[str, dict[str, list[str]]]
    name: str = "lexicon"
    source: str | None = None
    _categories: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.parts:
            raise LexiconError(f"{self.name}: the lexicon has no language part")
        first_lang, first = next(iter(self.parts.items()))
        for lang, part in self.parts.items():
            if lang not in (*LANGUAGES, ANY_LANGUAGE):
                raise LexiconError(
                    f"{self.name}: unknown language {lang!r}; use one of {', '.join(LANGUAGES)}"
                )
            if list(part) != list(first):
                missing = sorted(set(first) ^ set(part))
                raise LexiconError(
                    f"{self.name}: the {lang!r} part and the {first_lang!r} part have "
                    f"different categories ({', '.join(missing) or 'order differs'}); "
                    "every language part needs the same categories"
                )
        if ANY_LANGUAGE in self.parts and len(self.parts) > 1:
            raise LexiconError(f"{self.name}: a lexicon for any language cannot have other parts")
        self._categories = list(first)

    # -- reading ---------------------------------------------------------------
    @classmethod
    def load(cls, name_or_path: str | Path, *, lang: str | None = None) -> Lexicon:
        """Load a shipped lexicon by name, or a lexicon file or folder.

        Parameters
        ----------
        name_or_path : str or Path
            A shipped lexicon (``"institutional-logics"``); a folder holding one
            ``<lang>.yml`` per language; a YAML file whose top-level keys are all
            languages (``nb:``, ``nn:``, ``en:``), each holding a dictionary; or a single
            quanteda dictionary YAML file.
        lang : str, optional
            The language of a single dictionary file. Without it, such a dictionary
            applies to every language.

        Raises
        ------
        LexiconError
            If the file is not valid YAML (the message names the line and column), is not
            a dictionary of categories and entries, or the name is unknown.

        Examples
        --------
        >>> lex = Lexicon.load("institutional-logics")
        >>> lex.top_categories
        ['bureaucratic', 'entrepreneurial', 'civil_society', 'collaborative_innovation']
        >>> lex.languages
        ['en', 'nb', 'nn']
        """
        path = Path(name_or_path)
        if not path.exists():
            shipped = resources.files("discourse.resources").joinpath("lexicons", str(name_or_path))
            if isinstance(name_or_path, str) and "/" not in name_or_path and shipped.is_dir():
                return cls._from_folder(Path(str(shipped)), str(name_or_path))
            raise LexiconError(
                f"{name_or_path}: no such lexicon file or folder, and no shipped lexicon of "
                f"that name; shipped: {', '.join(shipped_lexicons())}"
            )
        if path.is_dir():
            return cls._from_folder(path, path.name)
        data = _read_yaml(path)
        if isinstance(data, dict) and data and set(data) <= set(LANGUAGES):
            if lang is not None:
                raise ParameterError(f"{path}: the file has language parts; do not pass lang=")
            parts = {k: _flatten(v, f"{path}: {k}") for k, v in data.items()}
            return cls(parts, name=path.stem, source=str(path))
        key = lang or ANY_LANGUAGE
        if lang is not None and lang not in LANGUAGES:
            raise ParameterError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}")
        return cls({key: _flatten(data, str(path))}, name=path.stem, source=str(path))

    @classmethod
    def _from_folder(cls, folder: Path, name: str) -> Lexicon:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml"))
        names = {lang: lang for lang in LANGUAGES} | {"any": ANY_LANGUAGE}
        parts = {names[p.stem]: _flatten(_read_yaml(p), str(p)) for p in files if p.stem in names}
        if not parts:
            raise LexiconError(
                f"{folder}: no lexicon files; expected one of "
                f"{', '.join(f'{lang}.yml' for lang in (*LANGUAGES, 'any'))}"
            )
        return cls(parts, name=name, source=str(folder))

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, lang: str | None = None, name: str = "lexicon"
    ) -> Lexicon:
        """Build a lexicon from a (nested) dictionary of categories and entries.

        With ``lang=None`` the lexicon applies to every language; pass
        ``{"nb": {...}, "en": {...}}`` with ``lang="multi"`` for several parts.
        """
        if lang == "multi":
            return cls({k: _flatten(v, f"{name}: {k}") for k, v in data.items()}, name=name)
        if lang is not None and lang not in LANGUAGES:
            raise ParameterError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}")
        return cls({lang or ANY_LANGUAGE: _flatten(data, name)}, name=name)

    # -- access ----------------------------------------------------------------
    @property
    def categories(self) -> list[str]:
        """Leaf categories as dotted keys, in file order."""
        return list(self._categories)

    @property
    def top_categories(self) -> list[str]:
        """The first level of the nesting, in file order."""
        return list(dict.fromkeys(c.split(".")[0] for c in self._categories))

    @property
    def languages(self) -> list[str]:
        """The language parts, sorted (``"*"`` for a lexicon of any language)."""
        return sorted(self.parts)

    def check_category(self, category: str) -> list[str]:
        """The leaf categories under ``category``; :class:`LexiconError` if unknown."""
        leaves = [c for c in self._categories if c == category or c.startswith(category + ".")]
        if not leaves:
            raise LexiconError(
                f"unknown category {category!r} in lexicon {self.name!r}; "
                f"categories: {', '.join(self.top_categories)} "
                f"(subcategories: {', '.join(c for c in self._categories if '.' in c) or 'none'})"
            )
        return leaves

    def part(self, lang: str) -> dict[str, list[str]]:
        """The categories and entries that apply to documents in ``lang``."""
        if lang in self.parts:
            return self.parts[lang]
        if ANY_LANGUAGE in self.parts:
            return self.parts[ANY_LANGUAGE]
        raise LexiconError(
            f"lexicon {self.name!r} has no {lang!r} part (it has {', '.join(self.languages)}); "
            f"add a {lang}.yml, or select documents in a language the lexicon covers"
        )

    def entries(self, category: str, lang: str | None = None) -> list[str]:
        """The entries of a category (with its subcategories) in one language.

        ``lang`` may be omitted when the lexicon has a single part.
        """
        if lang is None:
            if len(self.parts) != 1:
                raise ParameterError(
                    f"lexicon {self.name!r} has parts {', '.join(self.languages)}; pass lang="
                )
            lang = next(iter(self.parts))
        part = self.part(lang)
        out: list[str] = []
        for leaf in self.check_category(category):
            out.extend(e for e in part[leaf] if e not in out)
        return out

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{c}: {len(self.entries(c, self.languages[0]))}" for c in self.top_categories
        )
        return f"Lexicon({self.name!r}, languages={self.languages}, {sizes})"

    # -- writing ---------------------------------------------------------------
    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The nested dictionary of one part (or ``{lang: part}`` for all, if ``None``)."""
        if lang is None:
            return {k: _nest(self.parts[k]) for k in self.parts}
        return _nest(self.part(lang))

    def to_yaml(self, lang: str | None = None) -> str:
        """Quanteda dictionary YAML for one part; all parts under language keys if ``None``.

        A lexicon with a single part is written as a plain dictionary.
        """
        if lang is None and len(self.parts) == 1:
            lang = next(iter(self.parts))
        data = self.to_dict(None if lang is None else lang)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)

    def save(self, path: str | Path) -> Path:
        """Write the lexicon: a folder gets one ``<lang>.yml`` per part, a file all parts.

        A path ending in ``.yml``/``.yaml`` is a file; anything else is a folder.
        """
        path = Path(path)
        if path.suffix in (".yml", ".yaml"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.to_yaml(), encoding="utf-8")
            return path
        path.mkdir(parents=True, exist_ok=True)
        for lang in self.parts:
            name = "any" if lang == ANY_LANGUAGE else lang
            (path / f"{name}.yml").write_text(self.to_yaml(lang), encoding="utf-8")
        return path


def shipped_lexicons() -> list[str]:
    """Names of the lexicons that ship with the package."""
    root = resources.files("discourse.resources").joinpath("lexicons")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    try:
        # BaseLoader keeps every scalar a string: "no", "on" or "2020" stay words
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown line"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(
            f"{path}: {where}: malformed YAML ({problem}); a lexicon maps category names to "
            "lists of entries"
        ) from None


def _flatten(data: Any, where: str, prefix: str = "") -> dict[str, list[str]]:
    if not isinstance(data, dict) or not data:
        raise LexiconError(
            f"{where}: expected a mapping of category names to lists of entries"
            + (f" under {prefix.rstrip('.')!r}" if prefix else "")
        )
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        name = str(key).strip()
        if not name or "." in name:
            raise LexiconError(f"{where}: bad category name {key!r} (empty or containing '.')")
        full = prefix + name
        if isinstance(value, dict):
            out.update(_flatten(value, where, full + "."))
            continue
        values = ([value] if value.strip() else []) if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            raise LexiconError(f"{where}: category {full!r} has no entries")
        entries: list[str] = []
        for item in values:
            if not isinstance(item, str) or not item.strip():
                raise LexiconError(
                    f"{where}: category {full!r} has an entry that is not a word or phrase: "
                    f"{item!r}"
                )
            entry = " ".join(item.split())
            try:
                parse_pattern(entry)
            except ParameterError as exc:
                raise LexiconError(f"{where}: category {full!r}: {exc}") from None
            if entry not in entries:
                entries.append(entry)
        out[full] = entries
    return out


def _nest(flat: dict[str, list[str]]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for key, entries in flat.items():
        node = root
        *parents, leaf = key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = list(entries)
    return root
