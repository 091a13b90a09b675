"""Splitting a document's text into segments: speaker turns or paragraphs.

Transcripts
    A line that starts with a speaker label (``Intervjuer:``, ``I:``, ``IP3:``,
    ``Deltaker 2:``, ``[Navn]:``, a pseudonym) opens a turn; the lines that follow belong
    to it until the next label. A label counts as a speaker when a label list names it
    (Norwegian and English defaults, extended in ``corpus.yml``), when the file marks it
    (bold in .docx), or when it recurs in the document. Header keys such as ``Dato:`` or
    ``Sted:`` are never speakers; the lines before the first turn become ``header``
    segments. Timestamps (``[00:12:34]``, ``(00:12)``, ``#00:01:23-4#``, a bare
    ``00:12:34`` at the start of a line or turn) are taken out of the text and put in the
    ``time`` column as ``HH:MM:SS``.
Other documents
    Paragraphs, separated by blank lines.

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

from discourse.corpus.config import SpeakerRules, _label_key

__all__ = ["Annotation", "Segment", "SegmentedDocument", "normalise_time", "segment_document"]

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TS_BRACKET = rf"\[(?P<b>{_TIME})\]"
_TS_PAREN = rf"\((?P<p>{_TIME})\)"
_TS_F4 = r"#(?P<f>\d{1,2}:\d{2}:\d{2})(?:[-.,](?P<ff>\d{1,3}))?#"
_TS_BARE = r"(?P<n>\d{1,2}:\d{2}:\d{2})(?:[.,]\d{1,3})?(?=\s|$)"
# A timestamp at the start of a line or right after a speaker label: any style.
_LEADING_TS = re.compile(rf"[ \t]*(?:{_TS_BRACKET}|{_TS_PAREN}|{_TS_F4}|{_TS_BARE})[ \t]*")
# Inside a line only the unmistakable styles are taken out.
_INLINE_TS = re.compile(rf"[ \t]*(?:{_TS_BRACKET}|{_TS_F4})")
# A speaker label: up to four words (letters, digits, . - '), optionally in [brackets],
# at the start of a line, followed by a colon and white space or the end of the line.
_LABEL = re.compile(
    r"[ \t]*(?P<label>\[[^\]\n:]{1,40}\]|[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3})"
    r"[ \t]*:(?=[ \t]|$)[ \t]*"
)
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


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
    stood outside the running text.
    """

    text: str
    segments: list[Segment]
    is_transcript: bool
    notes: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)


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


def _candidate_label(line: str) -> tuple[str, int, int] | None:
    """A line's label, where the label starts and where the content after the colon starts.

    A timestamp before the label is skipped.
    """
    lead = _LEADING_TS.match(line)
    m = _LABEL.match(line, lead.end() if lead else 0)
    if not m:
        return None
    return m.group("label").strip(), m.start("label"), m.end()


def _accepted_labels(
    candidates: list[tuple[str, int, int] | None], rules: SpeakerRules, bold_labels: set[str]
) -> tuple[set[str], bool]:
    """Decide which candidate labels are speakers; also whether any has a listed role."""
    counts = Counter(c[0] for c in candidates if c)
    bold = {_label_key(b) for b in bold_labels}
    accepted: set[str] = set()
    listed = False
    for label, n in counts.items():
        if rules.role_of(label) is not None:
            accepted.add(label)
            listed = True
        elif rules.is_header_field(label):
            continue
        elif _label_key(label) in bold:
            accepted.add(label)
            listed = True
        elif n >= 2 and len(label.split()) <= 3 and (label[0].isupper() or label[0] == "["):
            accepted.add(label)
    return accepted, listed


def segment_document(
    text: str,
    rules: SpeakerRules,
    transcript: bool | None = None,
    bold_labels: set[str] | None = None,
) -> SegmentedDocument:
    """Split normalised text into turns (transcripts) or paragraphs.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line endings (see :func:`discourse.corpus.formats.read_document`).
    rules : SpeakerRules
        Label lists and header keys.
    transcript : bool or None
        True or False to force the structure; None to detect it: a document is a
        transcript when at least three lines open with accepted labels and at least one
        of them is a listed (or bold) label.
    bold_labels : set of str, optional
        Labels that the file's formatting marks as speaker labels.

    Returns
    -------
    SegmentedDocument
        For transcripts the text has its timestamps removed; offsets index that text.
    """
    lines = text.split("\n")
    candidates = [_candidate_label(line) for line in lines]
    accepted, listed = _accepted_labels(candidates, rules, bold_labels or set())
    n_turns = sum(1 for c in candidates if c and c[0] in accepted)
    notes: list[str] = []
    if transcript is None:
        transcript = n_turns >= 3 and listed
    elif transcript and n_turns == 0:
        notes.append("is marked as a transcript but has no speaker labels; read as paragraphs")
        transcript = False
    if not transcript:
        return SegmentedDocument(text, _paragraphs(text, 0, "paragraph", None), False, notes)
    return _transcript(lines, candidates, accepted, rules, notes)


def _paragraphs(text: str, base: int, unit: str, role: str | None) -> list[Segment]:
    segments = []
    for m in _PARAGRAPH.finditer(text):
        chunk = m.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        start = base + m.start() + lead
        segments.append(Segment(unit, start, start + len(body), body, role=role))
    return segments


def _transcript(
    lines: list[str],
    candidates: list[tuple[str, int, int] | None],
    accepted: set[str],
    rules: SpeakerRules,
    notes: list[str],
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
            label, label_start, content_start = cand
            label_text = line[label_start:content_start].rstrip()  # "Maria:"
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
    segments += _paragraphs(doc_text[:header_end], 0, "header", "other")
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
        role = rules.role_of(label) or rules.unknown_role
        segments.append(
            Segment(
                "turn", start, end, doc_text[start:end], speaker=label, role=role, time=turn_time
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
