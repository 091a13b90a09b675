"""The pseudonym key: the mapping from real values to pseudonyms, kept apart from the data.

The key is a JSON file, by default ``<root>/data/private/<corpus name>.key.json``:

* ``$DISCOURSE_PRIVATE_DIR/<name>.key.json`` when that variable is set;
* for a corpus in ``<root>/data/raw/``, ``<root>/data/private/`` (git-ignored);
* otherwise ``./data/private/`` under the current folder, as for the cache.

The file is created readable and writable by its owner only (mode ``0o600``) in a folder
only its owner may enter (``0o700``); it is written to a temporary file and renamed into
place, so a crash never leaves half a key. A key inside ``data/processed/`` or
``reports/`` is refused: those folders hold shareable outputs.

Re-reading the corpus with the same key gives the same pseudonyms; values the key does not
know get the next free number of their type. The mapping is never logged or printed.

Examples
--------
>>> key = PseudonymKey()
>>> key.pseudonym("PERSON", "Kari Nordmann"), key.pseudonym("PERSON", "Ola")
('[PERSON_1]', '[PERSON_2]')
>>> key.pseudonym("PERSON", "kari  nordmann"), key.pseudonym("TELEFON", "915 55 123")
('[PERSON_1]', '[TELEFON]')
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from discourse.errors import ConfigError, DiscourseWarning
from discourse.privacy.names import name_key

__all__ = ["KEY_FORMAT", "NUMBERED_TYPES", "PseudonymKey", "default_key_path"]

KEY_FORMAT = "discourse-pseudonym-key"
#: Types whose pseudonyms carry a number; the others are one label for every value.
NUMBERED_TYPES = ("PERSON", "ORG", "STED")
_NUMBERED = re.compile(r"\[(?P<type>[A-ZÆØÅ]+)_(?P<n>\d+)\]")
_SHARED_DIRS = ("processed", "reports")


def default_key_path(corpus_path: Path, corpus_name: str) -> Path:
    """Where a corpus's key goes when ``corpus.yml`` does not say.

    Examples
    --------
    >>> import os
    >>> os.environ.pop("DISCOURSE_PRIVATE_DIR", None) and None
    >>> default_key_path(Path("/p/data/raw/study"), "study").as_posix()
    '/p/data/private/study.key.json'
    """
    env = os.environ.get("DISCOURSE_PRIVATE_DIR")
    if env:
        return Path(env) / f"{corpus_name}.key.json"
    resolved = corpus_path.resolve()
    for parent in [resolved, *resolved.parents]:
        if parent.name == "raw" and parent.parent.name == "data":
            return parent.parent / "private" / f"{corpus_name}.key.json"
    return Path.cwd() / "data" / "private" / f"{corpus_name}.key.json"


def _check_location(path: Path) -> None:
    parts = path.resolve().parts
    for i, part in enumerate(parts[:-1]):
        shared = part == "reports" or (part == "processed" and i > 0 and parts[i - 1] == "data")
        if shared:
            raise ConfigError(
                f"{path}: a pseudonym key may not be kept under data/processed/ or reports/ "
                "(they hold shareable outputs); keep it in data/private/"
            )


@dataclass
class PseudonymKey:
    """Value → pseudonym, per type; loaded from and saved to a protected JSON file.

    Attributes
    ----------
    path : Path or None
        The key file; None for a key kept in memory only.
    entries : dict
        ``(type, folded value)`` → entry dict with ``type``, ``value``, ``pseudonym`` and,
        for names, ``forms`` (the forms that were listed for it).
    """

    path: Path | None = None
    entries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    changed: bool = False
    reserved: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path) -> PseudonymKey:
        """Read a key file; a missing file gives an empty key that will be created there.

        Raises
        ------
        ConfigError
            The file is under ``data/processed``/``reports``, is not a key, or is damaged.
        """
        path = Path(path)
        _check_location(path)
        key = cls(path)
        if not path.exists():
            return key
        try:
            data = json.loads(path.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: is not a readable pseudonym key ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
            raise ConfigError(f"{path}: is not a discourse pseudonym key (format {KEY_FORMAT})")
        for i, entry in enumerate(data.get("entries", []), start=1):
            if not isinstance(entry, dict) or not {"type", "value", "pseudonym"} <= set(entry):
                raise ConfigError(f"{path}: entry {i} lacks type, value or pseudonym")
            key.entries[(entry["type"], name_key(entry["value"]))] = dict(entry)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            warnings.warn(
                f"{path}: the key file can be read by others (mode {mode:o}); run chmod 600 on it",
                DiscourseWarning,
                stacklevel=2,
            )
        return key

    def __len__(self) -> int:
        return len(self.entries)

    def reserve(self, pseudonyms: list[str]) -> None:
        """Keep numbered pseudonyms (fixed in a names list) from being assigned to others."""
        self.reserved.update(pseudonyms)

    def _next_number(self, kind: str) -> int:
        taken = [e["pseudonym"] for e in self.entries.values()] + sorted(self.reserved)
        used = [
            int(m.group("n"))
            for p in taken
            if (m := _NUMBERED.fullmatch(p)) and m.group("type") == kind
        ]
        return max(used, default=0) + 1

    def pseudonym(
        self, kind: str, value: str, fixed: str | None = None, forms: tuple[str, ...] = ()
    ) -> str:
        """The pseudonym of ``value`` (of type ``kind``), assigned on first use.

        Parameters
        ----------
        kind : str
            ``PERSON``, ``ORG``, ``STED``, ``TELEFON``, ``EPOST``, ``URL``, ``FNR``,
            ``FØDSELSDATO``.
        value : str
            The real value (a listed name, or a detected value as written).
        fixed : str, optional
            A replacement given in the names list; it wins over the key.
        forms : tuple of str
            Listed forms of a name, kept in the key for the leak check.
        """
        k = (kind, name_key(value))
        entry = self.entries.get(k)
        if entry is not None and (fixed is None or entry["pseudonym"] == fixed):
            if forms and not set(forms) <= set(entry.get("forms", [])):
                entry["forms"] = sorted(set(entry.get("forms", [])) | set(forms))
                self.changed = True
            return str(entry["pseudonym"])
        if fixed is not None:
            pseudonym = fixed
        elif kind in NUMBERED_TYPES:
            pseudonym = f"[{kind}_{self._next_number(kind)}]"
        else:
            pseudonym = f"[{kind}]"
        entry = {"type": kind, "value": value, "pseudonym": pseudonym}
        if forms:
            entry["forms"] = sorted(set(forms))
        self.entries[k] = entry
        self.changed = True
        return pseudonym

    def values(self) -> list[dict[str, Any]]:
        """Every entry (for the leak check); do not print them."""
        return list(self.entries.values())

    def fingerprint(self) -> str:
        """SHA-256 of the mapping (for cache keys); reveals nothing by itself."""
        import hashlib

        blob = json.dumps(self._payload(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def _payload(self) -> dict[str, Any]:
        def order(e: dict[str, Any]) -> tuple:
            m = _NUMBERED.fullmatch(e["pseudonym"])
            return (e["type"], int(m.group("n")) if m else 0, name_key(e["value"]))

        return {
            "format": KEY_FORMAT,
            "version": 1,
            "note": "Re-identification key. Keep it private; never commit or share it.",
            "entries": sorted(self.entries.values(), key=order),
        }

    def save(self) -> Path | None:
        """Write the key (mode 0o600, folder 0o700) atomically; return its path."""
        if self.path is None:
            return None
        path = self.path
        _check_location(path)
        folder = path.parent
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
            os.chmod(folder, 0o700)
        elif stat.S_IMODE(folder.stat().st_mode) & 0o077:
            warnings.warn(
                f"{folder}: the folder of the pseudonym key is open to others "
                f"(mode {stat.S_IMODE(folder.stat().st_mode):o}); run chmod 700 on it",
                DiscourseWarning,
                stacklevel=2,
            )
        text = json.dumps(self._payload(), ensure_ascii=False, indent=1) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=folder)
        try:
            if hasattr(os, "fchmod"):  # POSIX; mkstemp already creates 0o600 files
                os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        os.chmod(path, 0o600)
        self.changed = False
        return path
