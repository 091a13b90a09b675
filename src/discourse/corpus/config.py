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
      pattern: "[A-ZÆØÅ]{2,}"     # optional: a regular expression (or a list of them) for
                                  # the label at the start of a line (see below)
    header_fields: [Intervjuperson]  # extra header keys that are never speakers
    segment: paragraphs           # paragraphs (split at blank lines) | lines (every line)
    preprocess: {...}             # defaults for dc.preprocess (see discourse.text.settings)
    pseudonymise: {...}           # pseudonymisation at import (see discourse.privacy.settings)
    parlamint:                    # ParlaMint TEI: where the speaker lists are (optional;
      persons: ParlaMint-NO-listPerson.xml    # by default found in the folder). Paths are
      orgs: ParlaMint-NO-listOrg.xml          # relative to the folder; a corpus root
                                              # (teiCorpus) file may be given as either.

Unknown keys are an error, so that a typo never passes silently.

Speaker labels listed under ``speakers:`` are matched literally (case-insensitively) at
the start of a line, followed by a colon, whatever their shape (``Kari (leder, 45):``);
the speaker is then spelled as listed.
``speakers.pattern`` is matched with :func:`re.match` at the start of a line (after a
leading timestamp); the label is its named group ``label`` if it has one, else the whole
match; a colon right after the match is part of the label mark. Matching is
case-sensitive unless the pattern says ``(?i)``. A configured label or pattern that
matches no line of the corpus is reported in ``Corpus.problems``.

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

from discourse.corpus.labels import compile_titles
from discourse.errors import ConfigError, check_known_keys
from discourse.privacy.settings import PseudonymiseSettings
from discourse.resources import read_text

__all__ = [
    "LANGUAGES",
    "LANGUAGE_SETTINGS",
    "ROLES",
    "SEGMENT_MODES",
    "CorpusConfig",
    "ParlaMintSettings",
    "SpeakerRules",
]

LANGUAGES = ("nb", "nn", "en")
#: Values of ``corpus.yml``'s ``language``: a language, or ``auto`` (identify per document).
LANGUAGE_SETTINGS = (*LANGUAGES, "auto")
ROLES = ("interviewer", "respondent", "other")
_TRANSCRIPT_MODES = ("auto", "always", "never")
#: Values of ``segment:`` (corpus.yml) and of a ``segment`` column in metadata.csv.
SEGMENT_MODES = ("paragraphs", "lines")
_KNOWN_KEYS = {
    "name",
    "language",
    "detect_segments",
    "encoding",
    "exclude",
    "transcripts",
    "speakers",
    "header_fields",
    "segment",
    "preprocess",
    "pseudonymise",
    "parlamint",
}
_PARLAMINT_KEYS = {"persons", "orgs"}
_SPEAKER_KEYS = {*ROLES, "replace_defaults", "unknown_role", "pattern"}


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
    >>> rules.role_of("Presidenten")  # a title alone: the chair of a debate
    'interviewer'

    Attributes
    ----------
    exact, patterns : dict, tuple
        Listed labels (case-folded) and ``re:`` label patterns, with their roles.
    header_fields : frozenset
        Header keys (case-folded) that are never speakers.
    unknown_role : str
        Role of an accepted label that no list names.
    titles : tuple
        Compiled titles with the role they imply (``speakers.yml``, ``titles``).
    literal : re.Pattern or None
        The labels listed in ``corpus.yml``, matched literally at the start of a line.
    literal_names : dict
        Case-folded listed label to its spelling in ``corpus.yml``, the speaker value of
        every line it matches.
    label_patterns : tuple of re.Pattern
        ``speakers.pattern`` from ``corpus.yml``.
    configured : tuple of (str, str)
        ``(key, entry)`` for every label and pattern that ``corpus.yml`` gives, such as
        ``("speakers.respondent", "Kari")``: checked for use across the corpus.
    """

    exact: dict[str, str] = field(default_factory=dict)
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()
    header_fields: frozenset[str] = frozenset()
    unknown_role: str = "respondent"
    titles: tuple[tuple[re.Pattern[str], str | None], ...] = ()
    literal: re.Pattern[str] | None = None
    literal_names: dict[str, str] = field(default_factory=dict)
    label_patterns: tuple[re.Pattern[str], ...] = ()
    configured: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(
        cls,
        labels: list[tuple[str, str]],
        header_fields: list[str],
        unknown_role: str = "respondent",
        *,
        configured: list[tuple[str, str]] | None = None,
        label_patterns: list[str] | None = None,
        source: str = "speakers.yml",
    ) -> SpeakerRules:
        """Build rules from ``(role, label)`` pairs, earlier pairs winning over later ones.

        Labels starting with ``re:`` are regular expressions matched against the whole
        (case-folded) label. ``configured`` names the ``(role, label)`` pairs that
        ``corpus.yml`` gives (matched literally at line starts and checked for use);
        ``label_patterns`` are ``speakers.pattern`` expressions; ``source`` names the file
        in error messages.
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
                        f"{source}: speakers.{role}: pattern {entry!r} is not a valid "
                        f"regular expression: {exc}"
                    ) from None
            else:
                exact.setdefault(_label_key(entry), role)
        configured = list(configured or [])
        # longest first, so that "Kari Nordmann" wins over "Kari"; ties in text order, so
        # that the pattern (part of cache keys) does not depend on string hashing
        literal_labels = sorted(
            {str(e).strip() for _, e in configured if not str(e).startswith("re:")} - {""},
            key=lambda x: (-len(x), x),
        )
        literal = None
        if literal_labels:
            body = "|".join(
                r"[ \t]+".join(re.escape(w) for w in label.strip("[]*").split())
                for label in literal_labels
            )
            literal = re.compile(
                rf"[ \t]*[\[*]*(?P<label>{body})[\]*]*[ \t]*:(?=[ \t]|$)[ \t]*", re.IGNORECASE
            )
        compiled_patterns = []
        for p in label_patterns or []:
            try:
                compiled = re.compile(p)
            except re.error as exc:
                raise ConfigError(
                    f"{source}: speakers.pattern {p!r} is not a valid regular expression: {exc}"
                ) from None
            if compiled.match(""):
                raise ConfigError(
                    f"{source}: speakers.pattern {p!r} matches an empty label; it must match "
                    "at least one character of the label"
                )
            compiled_patterns.append(compiled)
        d = _load_default_speakers()
        title_pairs = [
            (None if role == "any" else role, str(t))
            for role, entries in (d.get("titles") or {}).items()
            for t in entries or []
        ]
        return cls(
            exact=exact,
            patterns=tuple(patterns),
            header_fields=frozenset(_label_key(h) for h in header_fields),
            unknown_role=unknown_role,
            titles=compile_titles(title_pairs),
            literal=literal,
            literal_names={_label_key(x): " ".join(x.strip("[]*").split()) for x in literal_labels},
            label_patterns=tuple(compiled_patterns),
            configured=tuple(
                [(f"speakers.{role}", str(e)) for role, e in configured]
                + [("speakers.pattern", p) for p in label_patterns or []]
            ),
        )

    @classmethod
    def default(cls) -> SpeakerRules:
        """The shipped Norwegian and English defaults (``resources/speakers.yml``)."""
        d = _load_default_speakers()
        pairs = [(role, label) for role in ROLES for label in d.get(role, []) or []]
        return cls.build(pairs, d.get("header_fields", []))

    def role_of(self, label: str) -> str | None:
        """Role of a listed label (or of a label that is a title alone), else None."""
        key = _label_key(label)
        if key in self.exact:
            return self.exact[key]
        for pattern, role in self.patterns:
            if pattern.fullmatch(key):
                return role
        for pattern, role in self.titles:
            m = pattern.match(key)
            if role is not None and m and m.end() == len(key):
                return role
        return None

    def configured_matches(self, label: str, *more: str) -> set[tuple[str, str]]:
        """The configured ``(key, entry)`` labels that ``label`` (or ``more``) matches."""
        keys = {_label_key(x) for x in (label, *more)}
        found = set()
        for where, entry in self.configured:
            if where == "speakers.pattern":
                continue  # pattern use is recorded where lines are matched
            if entry.startswith("re:"):
                if any(re.fullmatch(entry[3:], k, re.IGNORECASE) for k in keys):
                    found.add((where, entry))
            elif _label_key(entry) in keys:
                found.add((where, entry))
        return found

    def canonical(self) -> dict[str, Any]:
        """A JSON-ready description that does not depend on hash order (for cache keys)."""
        return {
            "exact": sorted(self.exact.items()),
            "patterns": [[p.pattern, role] for p, role in self.patterns],
            "header_fields": sorted(self.header_fields),
            "unknown_role": self.unknown_role,
            "titles": [[p.pattern, role] for p, role in self.titles],
            "literal": self.literal.pattern if self.literal else None,
            "label_patterns": [p.pattern for p in self.label_patterns],
        }

    def is_header_field(self, label: str) -> bool:
        """True for keys such as ``Dato`` or ``Sted`` that open header lines."""
        return _label_key(label) in self.header_fields


@dataclass(frozen=True)
class ParlaMintSettings:
    """Where a ParlaMint corpus's person and organisation lists are (``parlamint:``).

    Empty tuples (the default): the lists are found in the corpus folder (a ``teiCorpus``
    root file, ``*listPerson*.xml``, ``*listOrg*.xml``).

    Examples
    --------
    >>> ParlaMintSettings.from_mapping({"persons": "p.xml"}, "corpus.yml").persons
    ('p.xml',)
    """

    persons: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Any, source: str) -> ParlaMintSettings:
        """Validate the ``parlamint:`` section; unknown keys are an error."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(
                f"{source}: parlamint must be a mapping with keys {sorted(_PARLAMINT_KEYS)}"
            )
        check_known_keys(data, _PARLAMINT_KEYS, f"{source}: parlamint")
        out = {}
        for key in ("persons", "orgs"):
            value = data.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(
                    f"{source}: parlamint.{key} must be a file path or a list of them"
                )
            out[key] = tuple(value)
        return cls(**out)


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
    segment: str = "paragraphs"
    speakers: SpeakerRules = field(default_factory=SpeakerRules.default)
    preprocess: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    pseudonymise: PseudonymiseSettings = field(default_factory=PseudonymiseSettings)
    parlamint: ParlaMintSettings = field(default_factory=ParlaMintSettings)

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
        if self.segment != "paragraphs":  # absent by default, so older cache keys stay valid
            out["segment"] = self.segment
        if self.pseudonymise.enabled:  # absent otherwise, so older cache keys stay valid
            out["pseudonymise"] = self.pseudonymise.canonical()
        if self.parlamint != ParlaMintSettings():  # likewise
            out["parlamint"] = {"persons": list(self.parlamint.persons),
                                "orgs": list(self.parlamint.orgs)}  # fmt: skip
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
        segment = data.get("segment", "paragraphs")
        if segment not in SEGMENT_MODES:
            raise ConfigError(
                f"{source}: segment must be one of {', '.join(SEGMENT_MODES)}, got {segment!r}"
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
            segment=segment,
            speakers=_speaker_rules(data.get("speakers"), data.get("header_fields"), source),
            preprocess=dict(preprocess),
            source=source,
            pseudonymise=PseudonymiseSettings.from_mapping(
                data.get("pseudonymise", {}) or {}, source
            ),
            parlamint=ParlaMintSettings.from_mapping(data.get("parlamint"), source),
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
        bad = [x for x in given if not isinstance(x, str | int | float) or not str(x).strip()]
        if bad:
            raise ConfigError(f"{source}: speakers.{role} must list labels as text; got {bad[0]!r}")
        # "Kari:" as written in the transcript means the label "Kari"
        pairs += [
            (role, str(x) if str(x).startswith("re:") else str(x).strip().removesuffix(":"))
            for x in given
        ]
    configured = list(pairs)
    label_patterns = spec.get("pattern") or []
    if isinstance(label_patterns, str):
        label_patterns = [label_patterns]
    if not isinstance(label_patterns, list) or not all(isinstance(p, str) for p in label_patterns):
        raise ConfigError(
            f"{source}: speakers.pattern must be a regular expression or a list of them"
        )
    if not replace:
        pairs += [(role, str(x)) for role in ROLES for x in defaults.get(role, []) or []]
    headers = list(defaults.get("header_fields", []))
    if extra_headers:
        if isinstance(extra_headers, str):
            extra_headers = [extra_headers]
        headers += [str(h) for h in extra_headers]
    return SpeakerRules.build(
        pairs,
        headers,
        unknown_role,
        configured=configured,
        label_patterns=label_patterns,
        source=source,
    )
