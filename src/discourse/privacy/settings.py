"""Pseudonymisation settings: the ``pseudonymise:`` section of ``corpus.yml``.

::

    pseudonymise:
      enabled: true          # pseudonymise at import (default false)
      names: ../../private/names.csv   # names list (CSV or YAML), relative to the corpus folder
      key: auto              # auto: data/private/<name>.key.json; a path; or false (no file)
      detect:                # pattern detectors, all on by default
        phone: true
        email: true
        url: true
        fnr: true
        birth_date: true
      speakers: true         # speaker labels that no role list names are people's names
      metadata: true         # also pseudonymise metadata cells: true, false or a list of columns
      candidates: true       # report capitalised unknown words for review (never replaced)

``read_corpus(path, pseudonymise=...)`` overrides the section: ``True``/``False`` switch
it on or off, a dict overrides single settings (and switches it on unless it says
``enabled: false``).

Examples
--------
>>> s = PseudonymiseSettings.from_mapping({"enabled": True, "detect": {"url": False}})
>>> s.enabled, s.detectors
(True, ('phone', 'email', 'fnr', 'birth_date'))
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from discourse.errors import ConfigError, check_known_keys
from discourse.privacy.detect import DETECTORS

__all__ = ["PseudonymiseSettings"]

_KEYS = {"enabled", "names", "key", "detect", "speakers", "metadata", "candidates"}


def _bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ConfigError(f"{where}: must be true or false, got {value!r}")


@dataclass(frozen=True)
class PseudonymiseSettings:
    """How a corpus is pseudonymised (see the module documentation)."""

    enabled: bool = False
    names: str | None = None
    key: str | None = "auto"
    detectors: tuple[str, ...] = tuple(DETECTORS)
    speakers: bool = True
    metadata: bool | tuple[str, ...] = True
    candidates: bool = True
    source: str = "corpus.yml"

    @classmethod
    def from_mapping(cls, data: Any, source: str = "corpus.yml") -> PseudonymiseSettings:
        """Validate a ``pseudonymise:`` mapping; errors name the key and the file."""
        return cls(source=source).updated(data, source)

    def updated(self, data: Any, source: str) -> PseudonymiseSettings:
        """These settings with the keys of ``data`` changed."""
        where = f"{source}: pseudonymise"
        if isinstance(data, bool):
            return replace(self, enabled=data, source=source)
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be true, false or a mapping of settings")
        check_known_keys(data, _KEYS, where)
        out = self
        if "enabled" in data:
            out = replace(out, enabled=_bool(data["enabled"], f"{where}.enabled"))
        if "names" in data:
            names = data["names"]
            out = replace(out, names=None if names in (None, "") else str(names))
        if "key" in data:
            key = data["key"]
            if key is False or key is None:
                key = None
            elif key is True:
                key = "auto"
            out = replace(out, key=None if key is None else str(key))
        if "detect" in data:
            detect = data["detect"]
            if isinstance(detect, bool):
                detectors = tuple(DETECTORS) if detect else ()
            elif isinstance(detect, dict):
                bad = sorted(set(map(str, detect)) - set(DETECTORS))
                if bad:
                    raise ConfigError(
                        f"{where}.detect: unknown detector(s) {', '.join(bad)}; "
                        f"known: {', '.join(DETECTORS)}"
                    )
                on = {d: d in out.detectors for d in DETECTORS}
                on.update({str(k): _bool(v, f"{where}.detect.{k}") for k, v in detect.items()})
                detectors = tuple(d for d in DETECTORS if on[d])
            else:
                raise ConfigError(f"{where}.detect: must map detector names to true/false")
            out = replace(out, detectors=detectors)
        for flag in ("speakers", "candidates"):
            if flag in data:
                out = replace(out, **{flag: _bool(data[flag], f"{where}.{flag}")})
        if "metadata" in data:
            meta = data["metadata"]
            if isinstance(meta, str):
                meta = [meta]
            if isinstance(meta, list):
                meta = tuple(str(c) for c in meta)
            elif not isinstance(meta, bool):
                raise ConfigError(f"{where}.metadata: must be true, false or a list of columns")
            out = replace(out, metadata=meta)
        return replace(out, source=source)

    def names_path(self, corpus_path: Path) -> Path | None:
        """The names list, relative paths taken from the corpus folder."""
        if self.names is None:
            return None
        path = Path(self.names).expanduser()
        return path if path.is_absolute() else corpus_path / path

    def key_path(self, corpus_path: Path, corpus_name: str) -> Path | None:
        """The key file (None: keep the key in memory only)."""
        from discourse.privacy.key import default_key_path

        if self.key is None:
            return None
        if self.key == "auto":
            return default_key_path(corpus_path, corpus_name)
        path = Path(self.key).expanduser()
        return path if path.is_absolute() else corpus_path / path

    def canonical(self) -> dict[str, Any]:
        """A JSON-ready description (for cache keys)."""
        return {
            "enabled": self.enabled,
            "names": self.names,
            "key": self.key,
            "detectors": list(self.detectors),
            "speakers": self.speakers,
            "metadata": self.metadata if isinstance(self.metadata, bool) else list(self.metadata),
            "candidates": self.candidates,
        }
