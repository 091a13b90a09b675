"""Reading ParlaMint (Parla-CLARIN TEI) parliamentary debates.

ParlaMint encodes one sitting per ``.xml`` file (root ``<TEI>``, namespace
``http://www.tei-c.org/ns/1.0``). This module turns such a file into one document:

Turns
    Each ``<u>`` (utterance) is one turn. Its ``<seg>`` elements are its paragraphs,
    joined with one line break; turns are separated by a blank line. White space inside
    a ``<seg>`` is collapsed to single spaces (the XML's indentation is not text).
Speaker
    ``speaker`` is the person's name from the person list (``forename surname``, the
    name valid at the sitting's date) when one is available, otherwise the ``@who``
    reference without ``#`` (``person.PES``). An ``<u>`` without ``@who`` is kept, with
    ``speaker`` empty (None) and a note that counts such utterances. A ``@who`` that the
    person list does not hold is kept as the id, with a warning naming the file and line.
Speaker type and role
    ``speaker_type`` (a segment column) is ``@ana`` without ``#``: ``chair``, ``regular``
    or ``guest``. The chair's turns get the role ``interviewer``, which every analysis
    leaves out by default (as a moderator's are); ``regular`` and ``guest`` turns get
    ``respondent``.
Language
    Each segment's ``lang`` is the utterance's ``xml:lang`` (inherited from ``<div>``,
    ``<text>`` or ``<TEI>``), so one sitting can mix ``nb`` and ``nn``. Codes that are not
    nb, nn or en are not used (the segment falls back to the document's language) and a
    note names them.
Not running text
    ``<note>``, ``<head>``, ``<gap>``, ``<vocal>``, ``<incident>`` and ``<kinesic>`` never
    enter the text, wherever they stand (between turns, inside ``<u>`` or ``<seg>``). Each
    becomes an :class:`~discourse.corpus.segment.Annotation` at the offset where it stood,
    with its ``@type`` (or ``@reason``) and its text (a ``<desc>``'s for gaps and events).
Document metadata (from the ``teiHeader``)
    ``date`` (the sitting's date, ISO), ``term`` (``#parla.term`` meeting, e.g.
    ``2009-2013``), ``session`` (``#parla.session``, e.g. ``2010-2011``), ``sitting``
    (``#parla.sitting``), ``chamber`` (the meeting's ``@corresp`` body, by name when the
    organisation list has it: ``Stortinget``, ``Odelstinget``), ``subcorpus``
    (``reference``, ``covid``, ``war`` from the ``<TEI>``'s ``@ana``) and ``tei_id`` (the
    file's ``xml:id``). ``metadata.csv`` cells win over these.
Speaker details (the join)
    When the person and organisation lists are known (a corpus root ``teiCorpus`` file in
    the folder, with ``<listPerson>``/``<listOrg>`` inline or through ``xi:include``; or
    ``*listPerson*.xml``/``*listOrg*.xml`` files in the folder; or the files named under
    ``parlamint:`` in ``corpus.yml``), every turn gets the segment columns
    ``speaker_id`` (always), ``speaker_name``, ``sex`` (``M``/``F``), ``birth`` (year),
    ``party`` (the abbreviation, ``FrP``) and ``party_name`` (``Fremskrittspartiet``).
    The party is the ``member`` affiliation valid at the sitting's date (``@from``/``@to``,
    open ends allowed) with an organisation of role ``politicalParty`` (preferred) or
    ``parliamentaryGroup``; if several are valid, the one that started last.
Control files
    The corpus root, the person and organisation lists and the taxonomy files are not
    documents: they are never listed as documents or as problems.
Linguistically annotated files (``.ana.xml``)
    A ``X.ana.xml`` next to its plain ``X.xml`` is the same sitting again: it is skipped,
    with one note. An ``.ana.xml`` without a plain sibling is read: its text is rebuilt
    from the ``<w>``/``<pc>`` tokens, a space after each token unless it has
    ``join="right"`` (and none before one with ``join="left"``); the parse (``<linkGrp>``)
    is ignored.
Other XML
    A TEI or XML file without ``<u>`` is not ParlaMint-like: its ``<p>`` (or, without
    those, its text blocks) are read as paragraphs, with a note naming it. Malformed XML
    raises :class:`~discourse.errors.DocumentError` with the line.

Offsets are exact: for every segment ``text[char_start:char_end] == segment.text``.

Examples
--------
>>> xml = b'''<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="nb"><text><body><div>
... <u who="#p.A" ana="#chair"><seg>Representanten Berg.</seg></u>
... <note type="speaker">Berg (H):</note>
... <u who="#p.B" ana="#regular" xml:lang="nn"><seg>Takk.</seg><seg>Eg meiner det.</seg></u>
... </div></body></text></TEI>'''
>>> doc = read_parlamint(xml, "s.xml").segmented
>>> doc.text
'Representanten Berg.\\n\\nTakk.\\nEg meiner det.\\n'
>>> [(s.speaker, s.role, s.lang, s.attrs["speaker_type"]) for s in doc.segments]
[('p.A', 'interviewer', 'nb', 'chair'), ('p.B', 'respondent', 'nn', 'regular')]
>>> [(a.element, a.type, a.text, a.char_pos) for a in doc.annotations]
[('note', 'speaker', 'Berg (H):', 20)]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from discourse.corpus.formats import RawText
from discourse.corpus.segment import Annotation, Segment, SegmentedDocument
from discourse.errors import DocumentError

__all__ = [
    "ANNOTATION_ELEMENTS",
    "Org",
    "ParlaMintRegistry",
    "Person",
    "load_registry",
    "read_parlamint",
]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
_LANG = f"{{{XML_NS}}}lang"
_ID = f"{{{XML_NS}}}id"
_W = f"{{{TEI_NS}}}w"

#: Elements kept out of the running text and stored as annotations.
ANNOTATION_ELEMENTS = frozenset({"note", "head", "gap", "vocal", "incident", "kinesic"})
_SKIP_ELEMENTS = frozenset({"linkGrp", "link", "spanGrp", "span"})
_ROLE_OF_TYPE = {"chair": "interviewer", "regular": "respondent", "guest": "respondent"}
_LANG_CODES = {
    "nb": "nb", "nob": "nb", "nn": "nn", "nno": "nn", "en": "en", "eng": "en",
}  # fmt: skip
_CONTROL_ROOTS = frozenset({"teiCorpus", "listPerson", "listOrg", "taxonomy", "classDecl"})
_PARTY_ROLES = ("politicalParty", "parliamentaryGroup")
_WS = re.compile(r"\s+")


def _local(tag: Any) -> str:
    """The local name of an element tag (``{ns}u`` → ``u``); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _ref_id(ref: str | None) -> str | None:
    """``#person.PES`` or ``file.xml#person.PES`` → ``person.PES``."""
    if not ref:
        return None
    ref = ref.strip().split()[0]
    return ref.rsplit("#", 1)[-1] or None


def _parse_date(value: str | None) -> dt.date | None:
    """An ISO date, or the first or last day of a bare year / year-month."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _valid_at(start: str | None, end: str | None, when: dt.date | None) -> bool:
    """True when ``when`` lies in [start, end]; open ends are unbounded."""
    if when is None:
        return start is None and end is None
    s, e = _parse_date(start), _parse_date(end)
    if s is not None and when < s:
        return False
    if e is not None:
        if end is not None and len(end) == 4:
            e = dt.date(e.year, 12, 31)
        if when > e:
            return False
    return True


def _parser() -> etree.XMLParser:
    # No entities, no DTDs, no network: a debate file never needs them.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or (exc.position[0] if exc.position else "?")
        raise DocumentError(
            name, f"is not well-formed XML (line {line}: {exc.msg}); fix or exclude the file"
        ) from None


# --------------------------------------------------------------------------------------
# Persons and organisations
# --------------------------------------------------------------------------------------


@dataclass
class Org:
    """An organisation of a ParlaMint ``<listOrg>``.

    Attributes
    ----------
    id, role : str
        ``xml:id`` and ``@role`` (``politicalParty``, ``parliamentaryGroup``, ...).
    name, abbreviation : str or None
        The full name and the abbreviation (``orgName full="abb"``), Norwegian first.
    """

    id: str
    role: str | None
    name: str | None
    abbreviation: str | None


@dataclass
class Person:
    """A person of a ParlaMint ``<listPerson>``.

    ``names`` holds (from, to, name) triples; ``affiliations`` (ref, role, from, to).
    """

    id: str
    names: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    sex: str | None = None
    birth: int | None = None
    affiliations: list[tuple[str, str | None, str | None, str | None]] = field(default_factory=list)

    def name_at(self, when: dt.date | None) -> str | None:
        """The name valid at ``when`` (the first one when none is dated for it)."""
        for start, end, name in self.names:
            if (start or end) and _valid_at(start, end, when):
                return name
        undated = [n for s, e, n in self.names if not (s or e)]
        return undated[0] if undated else (self.names[0][2] if self.names else None)

    def party_at(self, when: dt.date | None, orgs: dict[str, Org]) -> Org | None:
        """The party (or parliamentary group) the person was a member of at ``when``."""
        for wanted in _PARTY_ROLES:
            found = [
                (start or "", orgs[ref])
                for ref, role, start, end in self.affiliations
                if role == "member"
                and ref in orgs
                and orgs[ref].role == wanted
                and _valid_at(start, end, when)
            ]
            if found:
                return max(found, key=lambda pair: pair[0])[1]
        return None


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _pick_lang(elements: list[etree._Element]) -> etree._Element | None:
    """The Norwegian (nb, nn) variant of repeated elements, else the first."""
    for lang in ("nb", "nn", "en"):
        for el in elements:
            if el.get(_LANG) == lang:
                return el
    return elements[0] if elements else None


def _read_person(el: etree._Element) -> Person | None:
    pid = el.get(_ID)
    if not pid:
        return None
    person = Person(pid)
    for pn in el.iter(f"{{{TEI_NS}}}persName"):
        forenames = [_text(f) for f in pn.iter(f"{{{TEI_NS}}}forename")]
        surnames = [_text(s) for s in pn.iter(f"{{{TEI_NS}}}surname")]
        name = " ".join(x for x in [*forenames, *surnames] if x) or _text(pn)
        if name:
            person.names.append((pn.get("from"), pn.get("to"), name))
    sex = el.find(f"{{{TEI_NS}}}sex")
    if sex is not None:
        person.sex = sex.get("value") or _text(sex) or None
    birth = el.find(f"{{{TEI_NS}}}birth")
    if birth is not None and (birth.get("when") or "")[:4].isdigit():
        person.birth = int(birth.get("when")[:4])
    for aff in el.iter(f"{{{TEI_NS}}}affiliation"):
        ref = _ref_id(aff.get("ref"))
        if ref:
            person.affiliations.append((ref, aff.get("role"), aff.get("from"), aff.get("to")))
    return person


def _read_org(el: etree._Element) -> Org | None:
    oid = el.get(_ID)
    if not oid:
        return None
    names = el.findall(f"{{{TEI_NS}}}orgName")
    full = [n for n in names if n.get("full", "yes") == "yes"]
    abb = [n for n in names if n.get("full") == "abb"]
    name = _pick_lang(full)
    abbreviation = _pick_lang(abb)
    return Org(
        oid,
        el.get("role"),
        _text(name) or None,
        _text(abbreviation) or None,
    )


@dataclass
class ParlaMintRegistry:
    """Who is who in a ParlaMint corpus: persons, organisations and the control files.

    Attributes
    ----------
    persons : dict
        ``xml:id`` → :class:`Person`.
    orgs : dict
        ``xml:id`` → :class:`Org`.
    sources : list of str
        The files the lists came from (for messages).
    control_files : set of str
        Files in the corpus folder (relative POSIX paths) that are not documents.
    skipped : list of str
        ``.ana.xml`` files skipped because their plain sibling is read.
    problems : list of tuple
        (file, message) for person/organisation files that could not be read.
    hashes : dict
        SHA-256 of every person/organisation list or root file read (label → hex digest),
        so that a change to them changes :meth:`Corpus.fingerprint` and re-keys caches.
    """

    persons: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    person_sources: list[str] = field(default_factory=list)
    control_files: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def has_persons(self) -> bool:
        """True when a person list was found."""
        return bool(self.persons)

    def add_lists(self, root: etree._Element, source: str) -> None:
        """Take every ``<person>`` and ``<org>`` under ``root``."""
        n = len(self.persons) + len(self.orgs)
        n_persons = len(self.persons)
        for el in root.iter(f"{{{TEI_NS}}}person"):
            person = _read_person(el)
            if person is not None:
                self.persons[person.id] = person
        if len(self.persons) > n_persons and source not in self.person_sources:
            self.person_sources.append(source)
        for el in root.iter(f"{{{TEI_NS}}}org"):
            org = _read_org(el)
            if org is not None:
                self.orgs[org.id] = org
        if len(self.persons) + len(self.orgs) > n and source not in self.sources:
            self.sources.append(source)


def _root_name(path: Path) -> str:
    """The local name of a file's root element, reading only its start."""
    try:
        with path.open("rb") as handle:
            for _event, el in etree.iterparse(
                handle, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
            ):
                return _local(el.tag)
    except (etree.XMLSyntaxError, OSError):
        return ""
    return ""


def _load_list_file(
    registry: ParlaMintRegistry, path: Path, label: str, seen: set[Path], folder: Path
) -> None:
    """Read a person/org list or a corpus root (following its xi:includes of lists)."""
    resolved = path.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    try:
        data = path.read_bytes()
    except OSError as exc:
        registry.problems.append((label, f"{label}: cannot be read ({exc.strerror})"))
        return
    registry.hashes[label] = hashlib.sha256(data).hexdigest()
    try:
        root = _parse(data, label)
    except DocumentError as exc:
        registry.problems.append((label, f"{exc}; its persons/organisations are not joined"))
        return
    registry.add_lists(root, label)
    if _local(root.tag) == "teiCorpus":
        header = root.find(f"{{{TEI_NS}}}teiHeader")
        scope = header if header is not None else root
        for inc in scope.iter(f"{{{XI_NS}}}include"):
            href = inc.get("href") or ""
            if "listperson" in href.lower() or "listorg" in href.lower():
                target = path.parent / href
                if target.is_file():
                    _load_list_file(registry, target, _relative(target, folder), seen, folder)
                else:
                    registry.problems.append(
                        (
                            label,
                            f"{label}: includes {href}, which is not there; "
                            "its persons/organisations are not joined",
                        )
                    )


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_registry(
    folder: Path, files: list[str], persons: tuple[str, ...] = (), orgs: tuple[str, ...] = ()
) -> ParlaMintRegistry:
    """Find a ParlaMint corpus's control files and read its person and organisation lists.

    Parameters
    ----------
    folder : Path
        The corpus folder.
    files : list of str
        The candidate files in it (relative POSIX paths); only ``.xml`` ones are looked at.
    persons, orgs : tuple of str
        Person/organisation list files (or corpus root files) named in ``corpus.yml``,
        relative to the folder or absolute. When given, the folder is not searched for
        lists, but its control files are still recognised.

    Returns
    -------
    ParlaMintRegistry

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "x-listOrg.xml").write_text(
    ...     '<listOrg xmlns="http://www.tei-c.org/ns/1.0"><org xml:id="party.V" '
    ...     'role="politicalParty"><orgName full="abb">V</orgName></org></listOrg>')
    >>> reg = load_registry(d, ["x-listOrg.xml"])
    >>> reg.orgs["party.V"].abbreviation, sorted(reg.control_files)
    ('V', ['x-listOrg.xml'])
    """
    registry = ParlaMintRegistry()
    seen: set[Path] = set()
    xml_files = [f for f in files if f.lower().endswith(".xml")]
    on_disk = set(xml_files)
    lists: list[str] = []
    for rel in xml_files:
        root = _root_name(folder / rel)
        if root in _CONTROL_ROOTS:
            registry.control_files.add(rel)
            if root in ("teiCorpus", "listPerson", "listOrg"):
                lists.append(rel)
        elif rel.lower().endswith(".ana.xml") and rel[: -len(".ana.xml")] + ".xml" in on_disk:
            registry.control_files.add(rel)
            registry.skipped.append(rel)
    configured = [*persons, *orgs]
    if configured:
        for item in configured:
            path = Path(item) if Path(item).is_absolute() else folder / item
            label = _relative(path, folder)
            if not path.is_file():
                registry.problems.append(
                    (label, f"{label}: named under parlamint: in corpus.yml but does not exist")
                )
                continue
            if label in on_disk:
                registry.control_files.add(label)
            _load_list_file(registry, path, label, seen, folder)
    else:
        # Plain lists before roots: a root that includes them then adds nothing twice.
        lists.sort(key=lambda r: (_root_name(folder / r) == "teiCorpus", r))
        for rel in lists:
            _load_list_file(registry, folder / rel, rel, seen, folder)
    return registry


# --------------------------------------------------------------------------------------
# One sitting file
# --------------------------------------------------------------------------------------


class _Builder:
    """Builds the document text piece by piece, collapsing white space."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_space = False

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def raw(self, text: str) -> None:
        """Append text verbatim (separators)."""
        self.pending_space = False
        self._append(text)

    def text(self, text: str, line_start: int) -> None:
        """Append running text: white space runs become one space, none at line starts."""
        if not text:
            return
        collapsed = _WS.sub(" ", text)
        if collapsed.startswith(" "):
            self.pending_space = True
            collapsed = collapsed[1:]
        if not collapsed:
            return
        if self.pending_space and self.length > line_start:
            self._append(" ")
        self.pending_space = collapsed.endswith(" ")
        self._append(collapsed.rstrip(" "))

    def token(self, text: str, join: str | None, line_start: int) -> None:
        """Append a ``<w>``/``<pc>`` token with a space before it unless joined."""
        text = _WS.sub(" ", text).strip()
        if not text:
            return
        if self.pending_space and self.length > line_start and join != "left":
            self._append(" ")
        self._append(text)
        self.pending_space = join not in ("right", "both")

    def value(self) -> str:
        return "".join(self.parts)


@dataclass
class _SittingContext:
    name: str
    registry: ParlaMintRegistry | None
    when: dt.date | None
    builder: _Builder = field(default_factory=_Builder)
    segments: list[Segment] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    unknown: dict[str, list[int]] = field(default_factory=dict)
    no_who: list[int] = field(default_factory=list)
    bad_langs: Counter = field(default_factory=Counter)


def _lang_of(el: etree._Element, inherited: str | None) -> str | None:
    return el.get(_LANG) or inherited


def _annotation(ctx: _SittingContext, el: etree._Element, pos: int) -> None:
    name = _local(el.tag)
    desc = el.find(f"{{{TEI_NS}}}desc")
    text = _text(desc) if desc is not None and name != "note" else _text(el)
    ctx.annotations.append(
        Annotation(char_pos=pos, element=name, type=el.get("type") or el.get("reason"), text=text)
    )


def _inline(ctx: _SittingContext, el: etree._Element, line_start: int, tokens: bool) -> None:
    """Running text of a ``<seg>``'s descendants; annotations where they stand."""
    b = ctx.builder
    for child in el:
        name = _local(child.tag)
        if name in ANNOTATION_ELEMENTS:
            _annotation(ctx, child, b.length)
        elif name in _SKIP_ELEMENTS or not name:
            pass
        elif tokens and name in ("w", "pc"):
            if len(child):  # a <w> with parts (rare): its text content
                b.token(_text(child), child.get("join"), line_start)
            else:
                b.token(child.text or "", child.get("join"), line_start)
        else:
            if not tokens:
                b.text(child.text or "", line_start)
            _inline(ctx, child, line_start, tokens)
        if not tokens:
            b.text(child.tail or "", line_start)


def _speaker(ctx: _SittingContext, u: etree._Element) -> tuple[str | None, dict[str, Any]]:
    who = _ref_id(u.get("who"))
    attrs: dict[str, Any] = {"speaker_id": who}
    if who is None:
        ctx.no_who.append(u.sourceline or 0)
        return None, attrs
    reg = ctx.registry
    if reg is None or not reg.has_persons:
        return who, attrs
    person = reg.persons.get(who)
    if person is None:
        ctx.unknown.setdefault(who, []).append(u.sourceline or 0)
        return who, attrs
    name = person.name_at(ctx.when)
    party = person.party_at(ctx.when, reg.orgs)
    attrs.update(
        speaker_name=name,
        sex=person.sex,
        birth=person.birth,
        party=(party.abbreviation or party.name) if party else None,
        party_name=(party.name or party.abbreviation) if party else None,
    )
    return name or who, attrs


def _utterance(ctx: _SittingContext, u: etree._Element, lang: str | None, tokens: bool) -> None:
    b = ctx.builder
    lang = _lang_of(u, lang)
    speaker, attrs = _speaker(ctx, u)
    ana = (u.get("ana") or "").split()
    speaker_type = _ref_id(ana[0]) if ana else None
    role = _ROLE_OF_TYPE.get(speaker_type or "", "respondent")
    start = None
    first_annotation = len(ctx.annotations)
    for child in u:
        name = _local(child.tag)
        if not name or name in _SKIP_ELEMENTS:
            continue
        if name in ANNOTATION_ELEMENTS:
            _annotation(ctx, child, b.length)
            continue
        # A paragraph: a <seg> (in .ana files also a bare <s>, <w> or <pc>; any other
        # element's text is read the same way rather than lost).
        mark = (len(b.parts), b.length, b.pending_space, len(ctx.annotations))
        if start is None:
            if b.length:
                b.raw("\n\n")
        else:
            b.raw("\n")
        line_start = b.length
        if name in ("w", "pc"):
            b.token(child.text or "", child.get("join"), line_start)
        else:
            seg_tokens = tokens or next(child.iter(_W), None) is not None
            if not seg_tokens:
                b.text(child.text or "", line_start)
            _inline(ctx, child, line_start, seg_tokens)
        if b.length == line_start:  # an empty paragraph: take its separator back
            del b.parts[mark[0] :]
            b.length, b.pending_space = mark[1], mark[2]
            for a in ctx.annotations[mark[3] :]:
                a.char_pos = min(a.char_pos, b.length)
            continue
        if start is None:
            start = line_start
            for a in ctx.annotations[first_annotation:]:
                a.char_pos = max(a.char_pos, start)  # stood in this <u>, before its text
    if start is None or b.length <= start:
        return
    code = _LANG_CODES.get((lang or "").lower())
    if lang and code is None:
        ctx.bad_langs[lang] += 1
    ctx.segments.append(
        Segment(
            unit="turn",
            char_start=start,
            char_end=b.length,
            text="",  # filled in once the whole text is built
            speaker=speaker,
            role=role,
            lang=code,
            attrs={"speaker_type": speaker_type, **attrs},
        )
    )


def _walk(ctx: _SittingContext, el: etree._Element, lang: str | None, tokens: bool) -> None:
    for child in el:
        name = _local(child.tag)
        if not name:
            continue
        if name in ANNOTATION_ELEMENTS:
            _annotation(ctx, child, ctx.builder.length)
        elif name == "u":
            _utterance(ctx, child, lang, tokens)
        elif name not in _SKIP_ELEMENTS:
            _walk(ctx, child, _lang_of(child, lang), tokens)


def _header_metadata(root: etree._Element, registry: ParlaMintRegistry | None) -> dict[str, Any]:
    ns = {"t": TEI_NS}
    meta: dict[str, Any] = {}
    header = root.find("t:teiHeader", ns)
    if header is None:
        return meta
    for meeting in header.iterfind(".//t:titleStmt/t:meeting", ns):
        ana = (meeting.get("ana") or "").split()
        value = meeting.get("n") or _text(meeting)
        for key, mark in (("term", "#parla.term"), ("session", "#parla.session"),
                          ("sitting", "#parla.sitting")):  # fmt: skip
            if mark in ana and value and key not in meta:
                meta[key] = value
        body = _ref_id(meeting.get("corresp"))
        if body and "chamber" not in meta:
            org = registry.orgs.get(body) if registry is not None else None
            meta["chamber"] = (org.name or body) if org else body
    when = None
    for d in header.iterfind(".//t:settingDesc/t:setting/t:date", ns):
        when = d.get("when") or d.get("from")
        if when:
            break
    if not when:
        for d in header.iterfind(".//t:sourceDesc//t:date", ns):
            when = d.get("when")
            if when:
                break
    if not when and meta.get("sitting") and _parse_date(meta["sitting"]):
        when = meta["sitting"]
    if when:
        meta["date"] = when[:10]
    order = ("date", "term", "session", "sitting", "chamber")
    meta = {k: meta[k] for k in order if k in meta}
    tei_id = root.get(_ID)
    if tei_id:
        meta["tei_id"] = tei_id
    marks = [_ref_id(a) for a in (root.get("ana") or "").split()]
    sub = [m for m in marks if m and not m.startswith("parla.")]
    if sub:
        meta["subcorpus"] = " ".join(sub)
    return meta


def _plain_paragraphs(root: etree._Element, name: str, note: str) -> SegmentedDocument:
    """A TEI/XML file without utterances: its ``<p>`` (or text blocks) as paragraphs."""
    blocks = [_text(p) for p in root.iter() if _local(p.tag) == "p"]
    if not any(blocks):
        blocks = []
        body = root.find(f".//{{{TEI_NS}}}text")
        scope = body if body is not None else root
        for el in scope.iter():
            if not _local(el.tag) or len(el):
                continue
            value = _text(el)
            if value:
                blocks.append(value)
    blocks = [b for b in blocks if b]
    text, segments = "", []
    for block in blocks:
        if text:
            text += "\n\n"
        start = len(text)
        text += block
        segments.append(Segment("paragraph", start, len(text), block))
    if text:
        text += "\n"
    del note  # reported once, in RawText.notes
    return SegmentedDocument(text, segments, is_transcript=False)


def read_parlamint(data: bytes, name: str, registry: ParlaMintRegistry | None = None) -> RawText:
    """Read one ParlaMint sitting file (or any XML file) into a ``RawText``.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name relative to the corpus folder, for messages.
    registry : ParlaMintRegistry, optional
        Persons and organisations for the speaker join (see :func:`load_registry`).

    Returns
    -------
    RawText
        With ``segmented`` set: one turn per ``<u>``, document metadata from the header,
        annotations; ``notes`` hold the warnings (unknown ``@who``, no ``<u>``).

    Raises
    ------
    DocumentError
        Malformed XML (with the line), or a file without any text.

    Examples
    --------
    >>> raw = read_parlamint(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body>"
    ...                      b"<p>Ett.</p><p>To.</p></body></text></TEI>", "r.xml")
    >>> raw.text, raw.notes[0][:40]
    ('Ett.\\n\\nTo.\\n', 'is TEI/XML without <u> utterances, so it')
    """
    root = _parse(data, name)
    if _local(root.tag) in _CONTROL_ROOTS:
        raise DocumentError(
            name, f"is a ParlaMint <{_local(root.tag)}> file, not a sitting; it is not a document"
        )
    tokens = name.lower().endswith(".ana.xml")
    meta = _header_metadata(root, registry)
    has_u = next(root.iter(f"{{{TEI_NS}}}u"), None) is not None
    if not has_u:
        note = (
            "is TEI/XML without <u> utterances, so it is not ParlaMint-like; read its "
            "paragraphs as a plain document"
        )
        doc = _plain_paragraphs(root, name, note)
        doc.metadata = meta
        if not doc.segments:
            raise DocumentError(name, "is XML without any text")
        return RawText(doc.text, "xml", notes=[note], segmented=doc)
    ctx = _SittingContext(name, registry, _parse_date(meta.get("date")))
    text_el = root.find(f"{{{TEI_NS}}}text")
    scope = text_el if text_el is not None else root
    _walk(ctx, scope, _lang_of(scope, root.get(_LANG)), tokens)
    text = ctx.builder.value()
    if text:
        text += "\n"
    for seg in ctx.segments:
        seg.text = text[seg.char_start : seg.char_end]
    notes: list[str] = []
    for who, lines in ctx.unknown.items():
        src = ", ".join(registry.person_sources) if registry else "the person list"
        more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
        notes.append(
            f'line {lines[0]}{more}: <u who="#{who}"> is not in the person list ({src}); '
            "the speaker is kept as the id, without name, sex, birth or party"
        )
    if ctx.no_who:
        notes.append(
            f"line {ctx.no_who[0]}: {len(ctx.no_who)} utterance(s) without @who; kept with an "
            "empty speaker"
        )
    if ctx.bad_langs:
        codes = ", ".join(f"{k} ({v})" for k, v in sorted(ctx.bad_langs.items()))
        notes.append(
            f"utterances in language(s) {codes} that discourse does not analyse (nb, nn, en); "
            "they take the document's language"
        )
    doc = SegmentedDocument(
        text, ctx.segments, is_transcript=True, metadata=meta, annotations=ctx.annotations
    )
    return RawText(text, "xml", notes=notes, segmented=doc)
