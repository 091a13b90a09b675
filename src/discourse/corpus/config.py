"""Corpus settings from ``corpus.yml``.

A corpus folder may hold a ``corpus.yml`` with these keys (all optional)::

    name: demo                    # used for the cache folder; default: the folder's name
    language: auto                # nb | nn | en | auto (the default): see below
    detect_segments: true         # long segments clearly in another language get their own
    encoding: cp1252              # how to decode text files that are not UTF-8/UTF-16
    exclude: ["DATA_CARD.md", "_sources/**"]   # glob patterns of files that are not documents
    transcripts: auto             # auto | always | never (a metadata `doc_type` wins)
    speakers:
      interviewer: [Intervjuer]   # labels added to the defaults for each role
      respondent: [Informant]
      other: [Tolk]
      replace_defaults: false     # true: the lists above replace the defaults
      unknown_role: respondent    # role of a recurring label that no list names
    header_fields: [Intervjuperson]  # extra header keys that are never speakers
    preprocess: {...}             # defaults for dc.preprocess (see discourse.text.settings)
    pseudonymise: {...}           # pseudonymisation at import (see discourse.privacy.settings)

Unknown keys are an error, so that a typo never passes silently.

``language``: a metadata ``lang`` cell wins for its document, then a language the file
declares (ParlaMint's ``xml:lang``); ``nb``, ``nn`` or ``en`` here is the language of every
other document. Without the key, or with ``auto``, each such document's language is
identified from its text (``Corpus.documents`` says so in ``lang_source``). See
:mod:`discourse.corpus.language` for the rules, the margins and the per-segment detection
that ``detect_segments`` switches.

Examples
--------
>>> cfg = CorpusConfig.from_mapping({"language": "nn"}, source="corpus.yml")
>>> cfg.language
'nn'
>>> CorpusConfig.from_mapping({}).language
'auto'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from discourse.errors import ConfigError, check_known_keys
from discourse.privacy.settings import PseudonymiseSettings
from discourse.resources import read_text

__all__ = ["LANGUAGES", "LANGUAGE_SETTINGS", "ROLES", "CorpusConfig", "SpeakerRules"]

LANGUAGES = ("nb", "nn", "en")
#: Values of ``corpus.yml``'s ``language``: a language, or ``auto`` (identify per document).
LANGUAGE_SETTINGS = (*LANGUAGES, "auto")
ROLES = ("interviewer", "respondent", "other")
_TRANSCRIPT_MODES = ("auto", "always", "never")
_KNOWN_KEYS = {
    "name",
    "language",
    "detect_segments",
    "encoding",
    "exclude",
    "transcripts",
    "speakers",
    "header_fields",
    "preprocess",
    "pseudonymise",
}
_SPEAKER_KEYS = {*ROLES, "replace_defaults", "unknown_role"}


def _load_default_speakers() -> dict[str, list[str]]:
    return yaml.safe_load(read_text("speakers.yml"))


def _label_key(label: str) -> str:
    """Fold a speaker label for comparison: case, brackets, inner white space."""
    label = label.strip().strip("[]*").strip()
    return re.sub(r"\s+", " ", label).casefold()


@dataclass(frozen=True)
class SpeakerRules:
    """Which speaker labels mean which role, and which header keys are never speakers.

    Examples
    --------
    >>> rules = SpeakerRules.default()
    >>> rules.role_of("Intervjuer"), rules.role_of("IP3"), rules.role_of("Deltaker 2")
    ('interviewer', 'respondent', 'respondent')
    >>> rules.role_of("Maria") is None
    True
    >>> rules.is_header_field("Dato")
    True
    """

    exact: dict[str, str] = field(default_factory=dict)
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()
    header_fields: frozenset[str] = frozenset()
    unknown_role: str = "respondent"

    @classmethod
    def build(
        cls,
        labels: list[tuple[str, str]],
        header_fields: list[str],
        unknown_role: str = "respondent",
    ) -> SpeakerRules:
        """Build rules from ``(role, label)`` pairs, earlier pairs winning over later ones.

        Labels starting with ``re:`` are regular expressions matched against the whole
        (case-folded) label.
        """
        exact: dict[str, str] = {}
        patterns: list[tuple[re.Pattern[str], str]] = []
        for role, entry in labels:
            entry = str(entry)
            if entry.startswith("re:"):
                try:
                    patterns.append((re.compile(entry[3:], re.IGNORECASE), role))
                except re.error as exc:
                    raise ConfigError(
                        f"speaker pattern {entry!r} for role {role!r} is not a valid "
                        f"regular expression: {exc}"
                    ) from None
            else:
                exact.setdefault(_label_key(entry), role)
        return cls(
            exact=exact,
            patterns=tuple(patterns),
            header_fields=frozenset(_label_key(h) for h in header_fields),
            unknown_role=unknown_role,
        )

    @classmethod
    def default(cls) -> SpeakerRules:
        """The shipped Norwegian and English defaults (``resources/speakers.yml``)."""
        d = _load_default_speakers()
        pairs = [(role, label) for role in ROLES for label in d.get(role, []) or []]
        return cls.build(pairs, d.get("header_fields", []))

    def role_of(self, label: str) -> str | None:
        """Role of a listed label, or None when no list names it."""
        key = _label_key(label)
        if key in self.exact:
            return self.exact[key]
        for pattern, role in self.patterns:
            if pattern.fullmatch(key):
                return role
        return None

    def canonical(self) -> dict[str, Any]:
        """A JSON-ready description that does not depend on hash order (for cache keys)."""
        return {
            "exact": sorted(self.exact.items()),
            "patterns": [[p.pattern, role] for p, role in self.patterns],
            "header_fields": sorted(self.header_fields),
            "unknown_role": self.unknown_role,
        }

    def is_header_field(self, label: str) -> bool:
        """True for keys such as ``Dato`` or ``Sted`` that open header lines."""
        return _label_key(label) in self.header_fields


@dataclass(frozen=True)
class CorpusConfig:
    """Settings of one corpus folder, read from its ``corpus.yml``.

    Examples
    --------
    >>> CorpusConfig().language
    'auto'
    """

    name: str | None = None
    language: str = "auto"
    detect_segments: bool = True
    encoding: str = "cp1252"
    exclude: tuple[str, ...] = ()
    transcripts: str = "auto"
    speakers: SpeakerRules = field(default_factory=SpeakerRules.default)
    preprocess: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    pseudonymise: PseudonymiseSettings = field(default_factory=PseudonymiseSettings)

    def canonical(self) -> dict[str, Any]:
        """A JSON-ready description that does not depend on hash order (for cache keys).

        Examples
        --------
        >>> CorpusConfig().canonical()["language"]
        'auto'
        """
        out = {
            "name": self.name,
            "language": self.language,
            "detect_segments": self.detect_segments,
            "encoding": self.encoding,
            "exclude": list(self.exclude),
            "transcripts": self.transcripts,
            "speakers": self.speakers.canonical(),
            "preprocess": self.preprocess,
        }
        if self.pseudonymise.enabled:  # absent otherwise, so older cache keys stay valid
            out["pseudonymise"] = self.pseudonymise.canonical()
        return out

    @classmethod
    def load(cls, folder: Path) -> CorpusConfig:
        """Read ``folder/corpus.yml``; defaults when the file does not exist."""
        path = folder / "corpus.yml"
        if not path.exists():
            return cls()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: is not valid YAML: {exc}") from None
        return cls.from_mapping(data or {}, source=str(path))

    @classmethod
    def from_mapping(cls, data: Any, source: str = "corpus.yml") -> CorpusConfig:
        """Validate a parsed mapping; every problem names the key and the file."""
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: must be a mapping of settings, got {type(data).__name__}")
        check_known_keys(data, _KNOWN_KEYS, source)
        language = str(data.get("language", "auto"))
        if language not in LANGUAGE_SETTINGS:
            raise ConfigError(
                f"{source}: language {language!r} is not supported; use one of "
                f"{', '.join(LANGUAGE_SETTINGS)}"
            )
        detect_segments = data.get("detect_segments", True)
        if not isinstance(detect_segments, bool):
            raise ConfigError(
                f"{source}: detect_segments must be true or false, got {detect_segments!r}"
            )
        encoding = str(data.get("encoding", "cp1252"))
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(f"{source}: encoding {encoding!r} is not a known codec") from None
        transcripts = str(data.get("transcripts", "auto"))
        if transcripts not in _TRANSCRIPT_MODES:
            raise ConfigError(
                f"{source}: transcripts must be one of {_TRANSCRIPT_MODES}, got {transcripts!r}"
            )
        exclude = data.get("exclude", []) or []
        if isinstance(exclude, str):
            exclude = [exclude]
        if not isinstance(exclude, list):
            raise ConfigError(f"{source}: exclude must be a list of glob patterns")
        preprocess = data.get("preprocess", {}) or {}
        if not isinstance(preprocess, dict):
            raise ConfigError(f"{source}: preprocess must be a mapping of settings")
        return cls(
            name=None if data.get("name") is None else str(data["name"]),
            language=language,
            detect_segments=detect_segments,
            encoding=encoding,
            exclude=tuple(str(x) for x in exclude),
            transcripts=transcripts,
            speakers=_speaker_rules(data.get("speakers"), data.get("header_fields"), source),
            preprocess=dict(preprocess),
            source=source,
            pseudonymise=PseudonymiseSettings.from_mapping(
                data.get("pseudonymise", {}) or {}, source
            ),
        )


def _speaker_rules(spec: Any, extra_headers: Any, source: str) -> SpeakerRules:
    defaults = _load_default_speakers()
    spec = spec or {}
    if not isinstance(spec, dict):
        raise ConfigError(f"{source}: speakers must be a mapping with keys {sorted(_SPEAKER_KEYS)}")
    unknown = sorted(set(map(str, spec)) - _SPEAKER_KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key(s) under speakers: {', '.join(unknown)}; "
            f"known keys are {', '.join(sorted(_SPEAKER_KEYS))}"
        )
    unknown_role = str(spec.get("unknown_role", "respondent"))
    if unknown_role not in ROLES:
        raise ConfigError(f"{source}: speakers.unknown_role must be one of {ROLES}")
    replace = bool(spec.get("replace_defaults", False))
    # Configured labels come first, so that they win over a default of another role
    # (a corpus where "I" means "Informant" can say so).
    pairs: list[tuple[str, str]] = []
    for role in ROLES:
        given = spec.get(role, []) or []
        if isinstance(given, str):
            given = [given]
        if not isinstance(given, list):
            raise ConfigError(f"{source}: speakers.{role} must be a list of labels")
        pairs += [(role, str(x)) for x in given]
    if not replace:
        pairs += [(role, str(x)) for role in ROLES for x in defaults.get(role, []) or []]
    headers = list(defaults.get("header_fields", []))
    if extra_headers:
        if isinstance(extra_headers, str):
            extra_headers = [extra_headers]
        headers += [str(h) for h in extra_headers]
    return SpeakerRules.build(pairs, headers, unknown_role)
