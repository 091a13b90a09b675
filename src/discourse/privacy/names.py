"""The names list: people, organisations and places to pseudonymise, and their inflected forms.

A names list is a CSV file or a YAML file kept by the analyst (preferably in
``data/private/``, next to the key).

CSV (comma, semicolon or tab separated, UTF-8), one row per entity::

    name,type,replacement,aliases
    Kari Nordmann,person,,Kari; Nordmann
    Fjordvik kommune,org,,
    Fjordvik,place,,
    Mentorbrua,org,[ORG_1],

``type`` is ``person``, ``org`` or ``place`` (Norwegian ``person``, ``organisasjon``,
``sted`` work too). ``replacement`` (optional) fixes the pseudonym; otherwise one is
assigned (``[PERSON_3]``, ``[ORG_1]``, ``[STED_2]``). ``aliases`` (optional, separated by
``;``) are other ways of writing the same entity; they get the same pseudonym.

YAML: a mapping from type to a list of names; a name may be a mapping with ``name``,
``replacement`` and ``aliases``::

    person: [Kari Nordmann, {name: Ole Kristian Berg, aliases: [Ole Kristian]}]
    org: [Fjordvik kommune, Mentorbrua]
    place: [Fjordvik]

Inflected forms
    Every entity also matches its genitive (*Karis*, *Fjordvik kommunes*, *Lars'*,
    English *Kari's*). When the last word of an organisation or place is a lower-case
    common noun (*Fjordvik kommune*, *Fjordvik ungdomsskole*), its definite and plural
    forms match too (*kommunen*, *kommunens*, *skolene*). Matching ignores case except
    that a name written with a capital letter must start with one in the text, so the
    organisation *Sterk Start* does not swallow the phrase "en sterk start".

Examples
--------
>>> names = NameList.from_records([("Kari", "person"), ("Fjordvik kommune", "org")])
>>> [e.pseudonym_type for e in names.entities]
['PERSON', 'ORG']
>>> sorted(names.entities[1].allowed_suffixes)[:4]
['', "'", "'s", 'a']
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from discourse.errors import ConfigError

__all__ = ["TYPE_LABELS", "Entity", "NameList", "load_names", "name_key"]

#: Names-list types and the pseudonym label of each.
TYPE_LABELS = {
    "person": "PERSON",
    "org": "ORG",
    "place": "STED",
}
_TYPE_ALIASES = {
    "person": "person",
    "people": "person",
    "per": "person",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "organisasjon": "org",
    "place": "place",
    "sted": "place",
    "stad": "place",
    "loc": "place",
    "location": "place",
}
#: Endings every name may take: genitive (Karis, Lars', Kari's).
GENITIVE = ("", "s", "'", "’", "'s", "’s")
#: Endings of a lower-case common noun that ends an organisation or place name
#: (kommune → kommunen, kommunens, kommuner, kommunene; skole → skolen; senter → senteret).
NOUN_ENDINGS = ("n", "en", "et", "a", "r", "er", "ne", "ene", "ar", "ane", "i")
_ALL_SUFFIXES = tuple(sorted({*GENITIVE} | {n + g for n in NOUN_ENDINGS for g in GENITIVE}))


def name_key(text: str) -> str:
    """Fold a name for lookup: case and runs of white space.

    Examples
    --------
    >>> name_key("Fjordvik \\n Kommune")
    'fjordvik kommune'
    """
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Entity:
    """One person, organisation or place, with the forms that name it."""

    name: str
    type: str
    replacement: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = "list"

    @property
    def pseudonym_type(self) -> str:
        """``PERSON``, ``ORG`` or ``STED``."""
        return TYPE_LABELS[self.type]

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and its aliases."""
        return (self.name, *self.aliases)

    @property
    def allowed_suffixes(self) -> frozenset[str]:
        """Endings accepted after a form.

        Genitives, plus noun endings for organisation and place names whose last word is
        a lower-case common noun.
        """
        suffixes = set(GENITIVE)
        if self.type in ("org", "place") and any(_ends_in_common_noun(f) for f in self.forms):
            suffixes |= {n + g for n in NOUN_ENDINGS for g in GENITIVE}
        return frozenset(suffixes)


def _ends_in_common_noun(form: str) -> bool:
    words = form.split()
    return len(words) > 1 and words[-1][:1].islower() and words[-1].isalpha()


@dataclass
class NameList:
    """The entities to pseudonymise, with a lookup from every folded form to its entity."""

    entities: list[Entity] = field(default_factory=list)
    source: str = "names list"

    def __post_init__(self) -> None:
        self._by_form: dict[str, Entity] = {}
        for entity in self.entities:
            for form in entity.forms:
                key = name_key(form)
                other = self._by_form.get(key)
                if other is not None and other.name != entity.name:
                    raise ConfigError(
                        f"{self.source}: the form {form!r} names two entities "
                        f"({other.name!r} and {entity.name!r}); keep it on one row"
                    )
                self._by_form[key] = entity

    def __len__(self) -> int:
        return len(self.entities)

    def lookup(self, form: str) -> Entity | None:
        """The entity a (folded) form belongs to, or None."""
        return self._by_form.get(name_key(form))

    def forms(self) -> list[str]:
        """Every form of every entity, as written."""
        return [form for entity in self.entities for form in entity.forms]

    def extended(self, extra: Iterable[Entity]) -> NameList:
        """A new list with ``extra`` entities added (forms already listed are skipped)."""
        added = [e for e in extra if not any(name_key(f) in self._by_form for f in e.forms)]
        return NameList([*self.entities, *added], self.source)

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[str, str] | dict[str, Any]], source: str = "names list"
    ) -> NameList:
        """Build a list from ``(name, type)`` pairs or dicts.

        Dicts have ``name``, ``type`` and optionally ``replacement`` and ``aliases``.
        """
        entities = []
        for i, rec in enumerate(records, start=1):
            if not isinstance(rec, dict):
                rec = {"name": rec[0], "type": rec[1]}
            entities.append(_entity(rec, f"{source}: entry {i}"))
        return cls(entities, source)

    def canonical(self) -> list[list[Any]]:
        """A JSON-ready, order-independent description (for cache keys)."""
        return sorted(
            [e.name, e.type, e.replacement or "", sorted(e.aliases)] for e in self.entities
        )


def _entity(rec: dict[str, Any], where: str) -> Entity:
    name = " ".join(str(rec.get("name") or "").split())
    if not name:
        raise ConfigError(f"{where}: the name is empty; give a name or delete the entry")
    raw_type = str(rec.get("type") or "").strip().casefold()
    kind = _TYPE_ALIASES.get(raw_type)
    if kind is None:
        raise ConfigError(
            f"{where}: unknown type {rec.get('type')!r} for {name!r}; use person, org or place"
        )
    aliases = rec.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";")]
    aliases = tuple(a for a in (" ".join(str(x).split()) for x in aliases) if a)
    replacement = rec.get("replacement")
    replacement = str(replacement).strip() if replacement not in (None, "") else None
    forms = {name_key(f) for f in (name, *aliases)}
    if replacement is not None and name_key(replacement) in forms:
        raise ConfigError(f"{where}: the replacement of {name!r} is the name itself")
    return Entity(name, kind, replacement or None, aliases)


def load_names(path: str | Path) -> NameList:
    """Read a names list from a CSV or YAML file.

    Parameters
    ----------
    path : str or Path
        ``.csv`` / ``.tsv`` / ``.txt`` (columns ``name``, ``type``, optional
        ``replacement`` and ``aliases``) or ``.yml`` / ``.yaml``.

    Raises
    ------
    ConfigError
        The file is missing, unreadable, lacks a column, has an unknown type, an empty
        name, or a form listed for two entities; the message names the file and row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "names.csv"
    >>> _ = p.write_text("name,type\\nKari Nordmann,person\\nFjordvik,sted\\n")
    >>> [(e.name, e.pseudonym_type) for e in load_names(p).entities]
    [('Kari Nordmann', 'PERSON'), ('Fjordvik', 'STED')]
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: names list not found; give the path of a CSV or YAML file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text; save the names list as UTF-8") from None
    if path.suffix.lower() in (".yml", ".yaml"):
        return _from_yaml(text, str(path))
    return _from_csv(text, str(path))


def _from_csv(text: str, source: str) -> NameList:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [c.strip().casefold() for c in reader.fieldnames or []]
    if "name" not in columns or "type" not in columns:
        raise ConfigError(
            f"{source}: needs the columns name and type (optional: replacement, aliases); "
            f"found {', '.join(columns) or 'no header'}"
        )
    entities = []
    for line, row in enumerate(reader, start=2):
        row = {str(k).strip().casefold(): v for k, v in row.items() if k is not None}
        if not any((v or "").strip() for v in row.values()):
            continue
        entities.append(_entity(row, f"{source}: line {line}"))
    return NameList(entities, source)


def _from_yaml(text: str, source: str) -> NameList:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: must map types (person, org, place) to lists of names")
    entities = []
    for kind, items in data.items():
        if not isinstance(items, list):
            raise ConfigError(f"{source}: {kind}: must be a list of names")
        for i, item in enumerate(items, start=1):
            rec = dict(item) if isinstance(item, dict) else {"name": item}
            rec["type"] = kind
            entities.append(_entity(rec, f"{source}: {kind} entry {i}"))
    return NameList(entities, source)


def suffix_pattern() -> str:
    """A regular expression alternation of every ending any entity may take."""
    return "|".join(re.escape(s) for s in sorted(_ALL_SUFFIXES, key=len, reverse=True) if s)
