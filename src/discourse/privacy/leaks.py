"""The leak check: does any generated file hold an original value from the key.

:func:`check_leaks` scans folders of generated files for every real value in a pseudonym
key (and, when one is configured, every form on the names list), case-insensitively.
Names are also found in their inflected and genitive forms, and next to ``_`` or ``-``
(``intervju_kari.csv``); phone and identity numbers also without their spaces. One
exception to case-insensitivity: a one-word name that is also an ordinary word (*Vold*,
*Berg*, *Line*: Zipf frequency of 3 or more in ``wordfreq``'s Norwegian or English list)
is only found with a capital initial, as the ``surface`` column of the cache keeps it;
otherwise every lemma "vold" would be reported.

Where it looks
    By default the project's shareable outputs: ``<root>/data/processed/`` and
    ``<root>/reports/``, where ``<root>`` holds the corpus's ``data/raw/`` folder (or is
    the current folder for a corpus elsewhere), plus the corpus's cache folder when
    ``$DISCOURSE_CACHE_DIR`` moves it. ``paths`` replaces these.
What it reads
    Text files (``.txt``, ``.md``, ``.csv``, ``.tsv``, ``.json``, ``.jsonl``, ``.html``,
    ``.htm``, ``.xml``, ``.yml``, ``.yaml``, ``.tex``, ``.log``), notebooks (``.ipynb``),
    the cache's ``.npy`` arrays (text arrays; number arrays cannot hold text) and
    ``.parquet`` tables. JSON ``\\uXXXX`` escapes and HTML entities are decoded first.
    Other files are counted as skipped.

A finding names the file, the line (for ``.npy`` the element, for ``.parquet`` the row),
the type and the pseudonym whose real value was found; never the value itself.

Examples
--------
>>> check_leaks("data/raw/study")  # doctest: +SKIP
Empty DataFrame ...
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from discourse.errors import ConfigError
from discourse.privacy.detect import _trie_regex
from discourse.privacy.key import PseudonymKey
from discourse.privacy.names import (
    TYPE_LABELS,
    Entity,
    NameList,
    load_names,
    name_key,
    suffix_pattern,
)

__all__ = ["LEAK_COLUMNS", "TEXT_SUFFIXES", "LeakScanner", "check_leaks", "leak_roots"]

TEXT_SUFFIXES = (
    ".txt",
    ".md",
    ".csv",
    ".tsv",
    ".json",
    ".jsonl",
    ".html",
    ".htm",
    ".xml",
    ".yml",
    ".yaml",
    ".tex",
    ".log",
    ".ipynb",
)
LEAK_COLUMNS = ["file", "line", "type", "pseudonym", "source"]
_NAME_TYPES = {"PERSON", "ORG", "STED"}
_LIST_TYPES = {label: kind for kind, label in TYPE_LABELS.items()}
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class _Target:
    type: str
    pseudonym: str
    source: str
    is_name: bool
    suffixes: frozenset[str] = frozenset({""})


class LeakScanner:
    """Searches text for the real values of a key and the forms of a names list.

    Examples
    --------
    >>> key = PseudonymKey()
    >>> _ = key.pseudonym("PERSON", "Kari Nordmann", forms=("Kari Nordmann", "Kari"))
    >>> _ = key.pseudonym("TELEFON", "+47 915 55 123")
    >>> scan = LeakScanner(key)
    >>> [(line, t.pseudonym) for line, t in scan.scan("x\\nKARIS sak\\ntlf 91555123")]
    [(2, '[PERSON_1]'), (3, '[TELEFON]')]
    >>> scan.scan("Karianne")
    []
    """

    def __init__(self, key: PseudonymKey, names: NameList | None = None) -> None:
        self.targets: dict[str, _Target] = {}
        self._capital: set[str] = set()
        for entry in key.values():
            kind = str(entry["type"])
            forms = [str(entry["value"]), *map(str, entry.get("forms", []))]
            suffixes = frozenset({""})
            if kind in _NAME_TYPES:
                entity = Entity(forms[0], _LIST_TYPES[kind], aliases=tuple(forms[1:]))
                suffixes = entity.allowed_suffixes
            target = _Target(kind, str(entry["pseudonym"]), "key", kind in _NAME_TYPES, suffixes)
            for form in forms:
                self._add(form, target)
        for entity in names.entities if names is not None else []:
            target = _Target(
                entity.pseudonym_type,
                entity.replacement or "",
                "names list",
                True,
                entity.allowed_suffixes,
            )
            for form in entity.forms:
                if name_key(form) not in self.targets:
                    self._add(form, target)
        self._regex = (
            re.compile(
                r"(?<![^\W_])(?P<stem>"
                + _trie_regex(sorted(self.targets))
                + r")(?P<suf>"
                + suffix_pattern()
                + r")?(?![^\W_])",
                re.IGNORECASE,
            )
            if self.targets
            else None
        )

    def _add(self, form: str, target: _Target) -> None:
        key = name_key(form)
        if key and key not in self.targets:
            self.targets[key] = target
            if target.is_name and " " not in key and _ordinary_word(key):
                self._capital.add(key)
        if target.type in ("TELEFON", "FNR"):
            digits = "".join(c for c in form if c.isdigit())
            if len(digits) >= 8:
                self.targets.setdefault(digits, target)
                if digits.startswith("47") and len(digits) == 10:
                    self.targets.setdefault(digits[2:], target)
                if digits.startswith("0047"):
                    self.targets.setdefault(digits[4:], target)

    def __len__(self) -> int:
        return len(self.targets)

    def scan(self, text: str) -> list[tuple[int, _Target]]:
        """``(line, target)`` for every value found in ``text``."""
        if self._regex is None:
            return []
        found = []
        for m in self._regex.finditer(text):
            stem = m.group("stem")
            target = self.targets.get(name_key(stem))
            if target is None:  # pragma: no cover
                continue
            if name_key(stem) in self._capital and not stem[:1].isupper():
                continue
            if (m.group("suf") or "").lower() not in target.suffixes:
                continue
            found.append((text.count("\n", 0, m.start()) + 1, target))
        return found


def _ordinary_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "nb"), zipf_frequency(word, "en")) >= 3.0


def leak_roots(corpus_path: Path, corpus_name: str | None = None) -> list[Path]:
    """The folders :func:`check_leaks` scans by default for a corpus (existing ones only).

    Examples
    --------
    >>> leak_roots(Path("/nowhere/data/raw/study"))
    []
    """
    from discourse.text.cache import default_cache_dir

    resolved = corpus_path.resolve()
    root = Path.cwd()
    for parent in [resolved, *resolved.parents]:
        if parent.name == "raw" and parent.parent.name == "data":
            root = parent.parent.parent
            break
    roots = [root / "data" / "processed", root / "reports"]
    if corpus_name and os.environ.get("DISCOURSE_CACHE_DIR"):
        cache = default_cache_dir(corpus_path, corpus_name)
        if not any(cache.resolve().is_relative_to(r.resolve()) for r in roots):
            roots.append(cache)
    return [r for r in roots if r.exists()]


def _texts(path: Path) -> list[tuple[str, str]]:
    """``(unit, text)`` pieces of a file to scan: unit is ``line`` or ``element``/``row``."""
    suffix = path.suffix.lower()
    if suffix == ".npy":
        try:
            array = np.load(path, allow_pickle=False)
        except Exception:  # not loadable as plain array: scan the bytes
            return [("line", path.read_bytes().decode("utf-8", errors="replace"))]
        if array.dtype.kind in "US":
            values = array.astype(str).ravel().tolist()
            return [("element", "\n".join(v.replace("\n", " ") for v in values))]
        return []
    if suffix == ".parquet":
        table = pd.read_parquet(path)
        text = table.astype(str).apply(lambda r: " | ".join(r), axis=1)
        return [("row", "\n".join(v.replace("\n", " ") for v in text))]
    text = path.read_bytes().decode("utf-8", errors="replace")
    if suffix in (".json", ".jsonl", ".ipynb") and "\\u" in text:
        text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if suffix in (".html", ".htm", ".xml", ".ipynb"):
        text = "\n".join(html.unescape(line) for line in text.split("\n"))
    return [("line", text)]


def check_leaks(
    corpus: Any,
    *,
    paths: list[str | Path] | None = None,
    key: str | Path | PseudonymKey | None = None,
    names: str | Path | NameList | None = None,
) -> pd.DataFrame:
    """Find original values of the pseudonym key in generated files.

    Parameters
    ----------
    corpus : str, Path or Corpus
        The corpus folder (its ``corpus.yml`` ``pseudonymise:`` section says where the
        key and the names list are) or a read :class:`~discourse.corpus.Corpus`.
    paths : list of str or Path, optional
        Files or folders to scan instead of :func:`leak_roots`.
    key : str, Path or PseudonymKey, optional
        The key to check against; default: the corpus's key file.
    names : str, Path or NameList, optional
        A names list whose forms are searched too; default: the corpus's names list.

    Returns
    -------
    DataFrame
        ``file``, ``line``, ``type``, ``pseudonym`` and ``source`` (key | names list), one
        row per finding; empty when nothing leaked. ``attrs["scanned"]`` and
        ``attrs["skipped"]`` count the files read and the files of other types.

    Raises
    ------
    ConfigError
        There is no key file (run ``discourse pseudonymise`` first) and no names list.
    """
    from discourse.corpus.config import CorpusConfig

    if hasattr(corpus, "config") and hasattr(corpus, "path"):
        folder, config, name = Path(corpus.path), corpus.config, corpus.name
    else:
        folder = Path(corpus)
        if not folder.is_dir():
            raise ConfigError(f"{folder}: is not a corpus folder")
        config = CorpusConfig.load(folder)
        name = config.name or folder.resolve().name
    settings = config.pseudonymise
    if isinstance(key, PseudonymKey):
        the_key = key
    else:
        key_path = Path(key) if key is not None else settings.key_path(folder, name)
        if key_path is None or not key_path.is_file():
            the_key = PseudonymKey()
        else:
            the_key = PseudonymKey.load(key_path)
    if isinstance(names, NameList):
        the_names: NameList | None = names
    else:
        names_path = Path(names) if names is not None else settings.names_path(folder)
        the_names = load_names(names_path) if names_path is not None else None
    if not len(the_key) and not (the_names and len(the_names)):
        where = settings.key_path(folder, name)
        raise ConfigError(
            f"{where or 'the corpus'}: no pseudonym key and no names list to check against; "
            "run `discourse pseudonymise --corpus DIR` first"
        )
    scanner = LeakScanner(the_key, the_names)
    roots = [Path(p) for p in paths] if paths is not None else leak_roots(folder, name)
    findings: list[dict[str, Any]] = []
    scanned = skipped = 0
    for root in roots:
        if not root.exists():
            raise ConfigError(f"{root}: does not exist; give existing files or folders")
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            suffix = path.suffix.lower()
            if suffix not in TEXT_SUFFIXES and suffix not in (".npy", ".parquet"):
                skipped += 1
                continue
            scanned += 1
            for unit, text in _texts(path):
                for line, target in scanner.scan(text):
                    findings.append(
                        {
                            "file": str(path),
                            "line": f"{unit} {line}" if unit != "line" else line,
                            "type": target.type,
                            "pseudonym": target.pseudonym or "(listed name)",
                            "source": target.source,
                        }
                    )
    table = pd.DataFrame(findings, columns=LEAK_COLUMNS).drop_duplicates(ignore_index=True)
    table["line"] = table["line"].astype(str)
    table.attrs["scanned"] = scanned
    table.attrs["skipped"] = skipped
    table.attrs["roots"] = [str(r) for r in roots]
    return table
