"""Splitting a document's text into segments: speaker turns or paragraphs.

Transcripts
    A line that starts with a speaker label (``Intervjuer:``, ``I:``, ``IP3:``,
    ``Deltaker 2:``, ``[Navn]:``, a pseudonym, ``Øystein Djupedal (SV):``,
    ``Statsråd Karita Bekkemellem:``, ``Presidenten:``) opens a turn; the lines that follow
    belong to it until the next label. Header keys such as ``Dato:`` or ``Sted:`` are never
    speakers; the lines before the first turn become ``header`` segments. Timestamps
    (``[00:12:34]``, ``(00:12)``, ``#00:01:23-4#``, a bare ``00:12:34`` at the start of a
    line or turn) are taken out of the text and put in the ``time`` column as ``HH:MM:SS``.
Which labels are speakers
    A candidate is the text before a colon at the start of a line (after a timestamp):
    up to seven words, optionally ending in a parenthesis, or a ``[bracketed]`` label; a
    ``[10:02:33]`` just before the colon (the Storting's records) goes to ``time``.
    Labels listed in ``corpus.yml`` and ``speakers.pattern`` matches are candidates
    whatever their shape. A candidate is a speaker when

    1. it is *marked*: listed in ``corpus.yml`` or the shipped lists (``speakers.yml``,
       including a title alone such as ``Presidenten`` or ``Statsministeren``), matched
       by ``speakers.pattern``, bold in a .docx, or its name without title and party is
       listed; or
    2. it is not a header key, and it has a party in parentheses or starts with a known
       title (``Statsråd``, ``Representanten``, ``...minister``, ``Dr.``), and the rest
       is name-shaped: these count from their first occurrence; or
    3. it is not a header key, it occurs at least twice in the document and is
       name-shaped.

    *Name-shaped* (:func:`discourse.corpus.labels.name_shaped`): one to four words of at
    most 40 characters in all, every word capitalised (or an initial, a number after the
    first word, a name particle such as ``von``), and no word a function word or filler of
    the shipped stopword lists (nb, nn, en), except first names such as Per, Hans and Anna.
    So "Han sa:", "Det betyr:", "Spørsmålet er:", "Poenget er:" and "Men altså:" inside a
    turn stay text, however often they recur. A single capitalised content word that
    recurs at line starts ("Konklusjon:") still counts; list it in ``header_fields`` if
    it is not a speaker.

    A document is a transcript when at least three lines open with speakers, at least
    one of them is of kind 1 or 2, and turns open on at least 2% of its non-empty lines
    (so a report that quotes ``Presidenten:`` twice stays paragraphs);
    ``transcripts:`` in corpus.yml and ``doc_type`` in metadata.csv can force it.
Speaker, role, title and party
    ``speaker`` is the name without title and party; the title and the party go to the
    ``title`` and ``party`` columns (``Segment.attrs``), so one person has one speaker
    value as ``Statsråd Karita Bekkemellem`` and as ``Karita Bekkemellem (A)``. A label
    that is only a title stays the speaker. The role is the listed role of the label or of
    its name, else the title's role (the chair of a debate, ``Presidenten``, is
    ``interviewer`` and so left out of analyses by default, as ParlaMint's chair;
    ministers and representatives are ``respondent``), else ``speakers.unknown_role``.
Other documents
    Paragraphs, separated by blank lines (``segment: paragraphs``, the default), or one
    segment per non-empty line (``segment: lines``). A paragraph of 5,000 or more
    characters over 20 or more lines gives a note suggesting ``segment: lines``.

For every segment ``doc_text[char_start:char_end] == text``.

Examples
--------
>>> from discourse.corpus.config import SpeakerRules
>>> text = "Dato: 1.2.2023\\nI: [00:00:05] Hei?\\nR: Hei.\\nI: Takk.\\n"
>>> doc = segment_document(text, SpeakerRules.default())
>>> doc.is_transcript, doc.text
(True, 'Dato: 1.2.2023\\nI: Hei?\\nR: Hei.\\nI: Takk.\\n')
>>> [(s.unit, s.speaker, s.role, s.time, s.text) for s in doc.segments]
[('header', None, 'other', None, 'Dato: 1.2.2023'),
 ('turn', 'I', 'interviewer', '00:00:05', 'Hei?'),
 ('turn', 'R', 'respondent', None, 'Hei.'),
 ('turn', 'I', 'interviewer', None, 'Takk.')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from discourse.corpus.config import SEGMENT_MODES, SpeakerRules, _label_key
from discourse.corpus.labels import LabelParts, name_shaped, split_label

__all__ = ["Annotation", "Segment", "SegmentedDocument", "normalise_time", "segment_document"]

# A candidate: (label, label start, content start, how it was found: listed | pattern
# index as str | shape)
_Candidate = tuple[str, int, int, str]

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TS_BRACKET = rf"\[(?P<b>{_TIME})\]"
_TS_PAREN = rf"\((?P<p>{_TIME})\)"
_TS_F4 = r"#(?P<f>\d{1,2}:\d{2}:\d{2})(?:[-.,](?P<ff>\d{1,3}))?#"
_TS_BARE = r"(?P<n>\d{1,2}:\d{2}:\d{2})(?:[.,]\d{1,3})?(?=\s|$)"
# A timestamp at the start of a line or right after a speaker label: any style.
_LEADING_TS = re.compile(rf"[ \t]*(?:{_TS_BRACKET}|{_TS_PAREN}|{_TS_F4}|{_TS_BARE})[ \t]*")
# Inside a line only the unmistakable styles are taken out.
_INLINE_TS = re.compile(rf"[ \t]*(?:{_TS_BRACKET}|{_TS_F4})")
# A candidate speaker label: up to seven words (letters, digits, . - '), optionally in
# [brackets], optionally ending in a parenthesis ("(SV)"), at the start of a line, followed
# by a colon and white space or the end of the line; a [timestamp] may stand before the
# colon ("Jan Petersen (H) [10:02:33]:", as in the Storting's records). Which candidates
# are speakers is decided by _accepted_labels (the rule in the module docstring).
# (Possessive quantifiers keep the word loop from backtracking inside words.)
_LABEL = re.compile(
    r"[ \t]*+(?P<label>\[[^\]\n:]{1,40}\]"
    r"|[^\W\d_][\w.'’\-]*+(?:[ \t]++[\w.'’\-]++){0,6}(?:[ \t]*\([^()\n:]{1,40}\))?)"
    rf"(?:[ \t]*\[{_TIME}\])?[ \t]*:(?=[ \t]|$)[ \t]*"
)
_LABEL_REACH = 500  # a label's colon stands within this many characters of the line start
_AFTER_PATTERN = re.compile(r"[ \t]*(?::(?=[ \t]|$))?[ \t]*")
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
#: A detected transcript opens a turn on at least this share of its non-empty lines.
MIN_TURN_SHARE = 0.02
#: A paragraph this long, over this many lines, suggests a document without blank lines.
LONG_PARAGRAPH_CHARS = 5_000
LONG_PARAGRAPH_LINES = 20


@dataclass
class Segment:
    """One turn or paragraph of a document, with offsets into the document's text.

    Attributes
    ----------
    unit : str
        ``turn``, ``paragraph`` or ``header``.
    char_start, char_end : int
        Offsets into the document's normalised text.
    text : str
        ``doc_text[char_start:char_end]``.
    speaker, role, time : str or None
        Speaker label, its role (interviewer | respondent | other) and ``HH:MM:SS``.
    lang : str or None
        The segment's own language (nb | nn | en) when the file declares it (ParlaMint's
        ``xml:lang``) or detection finds it; None: the document's language.
    attrs : dict
        Further segment columns that a format supplies (ParlaMint: ``speaker_type``,
        ``speaker_id``); they become columns of ``Corpus.segments``.
    """

    unit: str
    char_start: int
    char_end: int
    text: str
    speaker: str | None = None
    role: str | None = None
    time: str | None = None
    lang: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Annotation:
    """Something in the source that is not running text (a TEI ``<note>`` or ``<gap>``).

    It is kept out of the segments' text, and out of every analysis, but stays visible in
    ``Corpus.annotations`` with the place where it stood.

    Attributes
    ----------
    char_pos : int
        Offset into the document's normalised text where the element stood.
    element : str
        The element's name (``note``, ``head``, ``gap``, ``vocal``, ``incident``,
        ``kinesic``).
    type : str or None
        Its ``@type`` or ``@reason``.
    text : str
        Its text content (white space collapsed), possibly empty.
    """

    char_pos: int
    element: str
    type: str | None
    text: str


@dataclass
class SegmentedDocument:
    """A document's normalised text and its segments.

    ``metadata`` holds document metadata that the file itself carries (a TEI header's
    date, term, session); ``metadata.csv`` cells win over it. ``annotations`` holds what
    stood outside the running text. ``matched_labels`` holds the ``(key, entry)`` pairs of
    ``SpeakerRules.configured`` that matched at least one line (whether or not the
    document was then read as a transcript).
    """

    text: str
    segments: list[Segment]
    is_transcript: bool
    notes: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    matched_labels: set[tuple[str, str]] = field(default_factory=set)


def normalise_time(match: re.Match[str]) -> str:
    """Format a timestamp match as ``HH:MM:SS[.f]``; two-part times are read as ``MM:SS``."""
    groups = match.groupdict()
    if groups.get("f"):
        value, fraction = groups["f"], groups.get("ff")
    else:
        raw = groups.get("b") or groups.get("p") or groups.get("n") or ""
        value, _, fraction = raw.replace(",", ".").partition(".")
    pieces = [int(p) for p in value.split(":")]
    if len(pieces) == 2:
        pieces = [0, *pieces]
    out = "{:02d}:{:02d}:{:02d}".format(*pieces)
    return f"{out}.{fraction}" if fraction else out


def _candidate_label(line: str, rules: SpeakerRules) -> _Candidate | None:
    """A line's label, its start, the start of the content after it, and how it was found.

    A timestamp before the label is skipped.
    """
    if not rules.label_patterns and line.find(":", 0, _LABEL_REACH) < 0:
        return None  # literal and shaped labels end in a colon: most lines of prose stop here
    lead = _LEADING_TS.match(line)
    pos = lead.end() if lead else 0
    if rules.literal is not None:
        m = rules.literal.match(line, pos)
        if m:  # the speaker is spelled as in corpus.yml
            label = rules.literal_names.get(_label_key(m.group("label")), m.group("label"))
            return label, m.start("label"), m.end(), "listed"
    for j, pattern in enumerate(rules.label_patterns):
        m = pattern.match(line, pos)
        if m and m.end() > pos:
            group = "label" if "label" in pattern.groupindex else 0
            label = (m.group(group) or "").strip().rstrip(":").strip()
            if label:
                after = _AFTER_PATTERN.match(line, m.end())
                return label, m.start(group), after.end() if after else m.end(), str(j)
    m = _LABEL.match(line, pos)
    if not m:
        return None
    return m.group("label").strip(), m.start("label"), m.end(), "shape"


@dataclass(frozen=True)
class _Speaker:
    """An accepted label: the speaker value, its role and further columns."""

    speaker: str
    role: str
    attrs: dict[str, Any]
    strong: bool  # listed, marked or unmistakable (counts towards transcript detection)


def _speaker_of(label: str, parts: LabelParts, rules: SpeakerRules, strong: bool) -> _Speaker:
    role = (
        rules.role_of(label)
        or rules.role_of(parts.speaker)
        or parts.title_role
        or rules.unknown_role
    )
    attrs = {k: v for k, v in (("title", parts.title), ("party", parts.party)) if v}
    return _Speaker(parts.speaker, role, attrs, strong)


def _accepted_labels(
    candidates: list[_Candidate | None], rules: SpeakerRules, bold_labels: set[str]
) -> dict[str, _Speaker]:
    """Decide which candidate labels are speakers (the rule in the module docstring)."""
    counts = Counter(c[0] for c in candidates if c)
    kinds: dict[str, set[str]] = {}
    for c in candidates:
        if c:
            kinds.setdefault(c[0], set()).add(c[3])
    bold = {_label_key(b) for b in bold_labels}
    accepted: dict[str, _Speaker] = {}
    for label, n in counts.items():
        parts = split_label(label, rules.titles)
        marked = (
            kinds[label] != {"shape"}  # listed in corpus.yml or matched by speakers.pattern
            or rules.role_of(label) is not None
            or rules.role_of(parts.speaker) is not None
            or _label_key(label) in bold
        )
        if marked:
            accepted[label] = _speaker_of(label, parts, rules, True)
        elif rules.is_header_field(label):
            continue
        elif (parts.party or parts.title) and name_shaped(parts.speaker):
            # "Øystein Djupedal (SV)", "Statsråd Karita Bekkemellem": once is enough
            accepted[label] = _speaker_of(label, parts, rules, True)
        elif n >= 2 and name_shaped(label):
            accepted[label] = _speaker_of(label, parts, rules, False)
    return accepted


def _matched_configured(
    candidates: list[_Candidate | None], rules: SpeakerRules
) -> set[tuple[str, str]]:
    if not rules.configured:
        return set()
    found: set[tuple[str, str]] = set()
    patterns = [e for w, e in rules.configured if w == "speakers.pattern"]
    seen: set[str] = set()
    for c in candidates:
        if not c:
            continue
        if c[3] not in ("listed", "shape"):
            found.add(("speakers.pattern", patterns[int(c[3])]))
        if c[0] not in seen:
            seen.add(c[0])
            found |= rules.configured_matches(c[0], split_label(c[0], rules.titles).speaker)
    return found


def segment_document(
    text: str,
    rules: SpeakerRules,
    transcript: bool | None = None,
    bold_labels: set[str] | None = None,
    mode: str = "paragraphs",
) -> SegmentedDocument:
    """Split normalised text into turns (transcripts), paragraphs or lines.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line endings (see :func:`discourse.corpus.formats.read_document`).
    rules : SpeakerRules
        Label lists and header keys.
    transcript : bool or None
        True or False to force the structure; None to detect it: a document is a
        transcript when at least three lines open with accepted labels, at least one of
        them is a listed, bold, titled or party label, and turns open on at least
        :data:`MIN_TURN_SHARE` of the non-empty lines.
    bold_labels : set of str, optional
        Labels that the file's formatting marks as speaker labels.
    mode : {"paragraphs", "lines"}
        How a document that is not a transcript (and a transcript's header) is split:
        at blank lines (default) or at every line break.

    Returns
    -------
    SegmentedDocument
        For transcripts the text has its timestamps removed; offsets index that text.
    """
    if mode not in SEGMENT_MODES:
        raise ValueError(f"mode must be one of {SEGMENT_MODES}, got {mode!r}")
    lines = text.split("\n")
    candidates = [_candidate_label(line, rules) for line in lines]
    accepted = _accepted_labels(candidates, rules, bold_labels or set())
    matched = _matched_configured(candidates, rules)
    n_turns = sum(1 for c in candidates if c and c[0] in accepted)
    listed = any(a.strong for a in accepted.values())
    notes: list[str] = []
    if transcript is None:
        n_lines = sum(1 for line in lines if line.strip())
        transcript = n_turns >= 3 and listed and n_turns >= MIN_TURN_SHARE * n_lines
    elif transcript and n_turns == 0:
        notes.append("is marked as a transcript but has no speaker labels; read as paragraphs")
        transcript = False
    if not transcript:
        segments = _paragraphs(text, 0, "paragraph", None, mode)
        if mode == "paragraphs":
            notes += _long_paragraph_notes(segments)
        doc = SegmentedDocument(text, segments, False, notes)
    else:
        doc = _transcript(lines, candidates, accepted, rules, notes, mode)
    doc.matched_labels = matched
    return doc


def _long_paragraph_notes(segments: list[Segment]) -> list[str]:
    long = [
        (i, s)
        for i, s in enumerate(segments)
        if len(s.text) >= LONG_PARAGRAPH_CHARS and s.text.count("\n") + 1 >= LONG_PARAGRAPH_LINES
    ]
    if not long:
        return []
    i, s = max(long, key=lambda x: len(x[1].text))
    return [
        f"has {len(long)} paragraph(s) of {LONG_PARAGRAPH_CHARS:,}+ characters without a blank "
        f"line (the longest, paragraph {i + 1}, has {len(s.text):,} characters over "
        f"{s.text.count(chr(10)) + 1} lines); if its lines are paragraphs, set `segment: lines` "
        "in corpus.yml or `lines` in a `segment` column of metadata.csv"
    ]


def _paragraphs(
    text: str, base: int, unit: str, role: str | None, mode: str = "paragraphs"
) -> list[Segment]:
    segments = []
    for m in (_LINE if mode == "lines" else _PARAGRAPH).finditer(text):
        chunk = m.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        start = base + m.start() + lead
        segments.append(Segment(unit, start, start + len(body), body, role=role))
    return segments


def _transcript(
    lines: list[str],
    candidates: list[_Candidate | None],
    accepted: dict[str, _Speaker],
    rules: SpeakerRules,
    notes: list[str],
    mode: str,
) -> SegmentedDocument:
    out_lines: list[str] = []
    # (line index, label, content start within the cleaned line, time)
    openers: list[tuple[int, str, int, str | None]] = []
    line_times: list[str | None] = []
    for i, (line, cand) in enumerate(zip(lines, candidates, strict=True)):
        time = None
        rest = line
        lead = _LEADING_TS.match(line)
        if lead:
            time = normalise_time(lead)
            rest = line[lead.end() :]
        if cand and cand[0] in accepted:
            label, label_start, content_start, _ = cand
            # "Maria:"; a time inside the label ("Jan Petersen (H) [10:02:33]:") goes out
            label_text, label_time = _strip_inline(line[label_start:content_start].rstrip())
            time = time or label_time
            rest = line[content_start:]
            after = _LEADING_TS.match(rest)
            if after:
                time = time or normalise_time(after)
                rest = rest[after.end() :]
            rest, inline = _strip_inline(rest)
            cleaned = f"{label_text} {rest}" if rest else label_text
            openers.append((i, label, len(label_text) + (1 if rest else 0), time or inline))
        else:
            cleaned, inline = _strip_inline(rest)
        out_lines.append(cleaned)
        line_times.append(time or inline)
    doc_text = "\n".join(out_lines)
    starts = [0]
    for ln in out_lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)

    segments: list[Segment] = []
    first = openers[0][0] if openers else len(out_lines)
    header_end = starts[first] if first < len(starts) else len(doc_text)
    segments += _paragraphs(doc_text[:header_end], 0, "header", "other", mode)
    for k, (i, label, content, time) in enumerate(openers):
        stop = openers[k + 1][0] if k + 1 < len(openers) else len(out_lines)
        start = starts[i] + content
        end = starts[stop - 1] + len(out_lines[stop - 1])
        body = doc_text[start:end]
        stripped = body.rstrip()
        lead_ws = len(stripped) - len(stripped.lstrip())
        start, end = start + lead_ws, start + len(stripped)
        if end <= start:
            continue
        turn_time = time or next((t for t in line_times[i + 1 : stop] if t), None)
        who = accepted[label]
        segments.append(
            Segment(
                "turn",
                start,
                end,
                doc_text[start:end],
                speaker=who.speaker,
                role=who.role,
                time=turn_time,
                attrs=dict(who.attrs),
            )
        )
    return SegmentedDocument(doc_text, segments, True, notes)


def _strip_inline(text: str) -> tuple[str, str | None]:
    """Remove bracketed and f4 timestamps inside a line; return the text and the first time."""
    first: str | None = None

    def repl(m: re.Match[str]) -> str:
        nonlocal first
        if first is None:
            first = normalise_time(m)
        return ""

    cleaned = _INLINE_TS.sub(repl, text)
    return cleaned.rstrip() if first else cleaned, first
