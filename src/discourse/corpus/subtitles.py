"""Subtitle-style transcripts: WebVTT (``.vtt``) and SubRip (``.srt``) files.

Speech-to-text tools and meeting software write transcripts as subtitle files: Whisper
(no speakers), noScribe (``<v S01>`` voice tags or edited names), Microsoft Teams
(``<v Firstname Lastname>text</v>``) and Zoom (``Firstname Lastname: text`` inside the
cue). This module reads both formats into turns with offsets.

The files
    WebVTT: an optional byte-order mark, ``WEBVTT`` (optionally followed by a title),
    header lines up to the first blank line, then blocks separated by blank lines:
    ``NOTE`` comments (kept as annotations), ``STYLE`` and ``REGION`` blocks (ignored)
    and cues. A cue is an optional identifier line, a timing line
    ``00:00:01.000 --> 00:00:04.000`` (hours optional, cue settings such as
    ``align:start`` after the end time are ignored) and its text lines. SRT: a cue number,
    ``00:00:01,000 --> 00:00:04,000`` and the text lines. Both separators (``.`` and
    ``,``) are accepted in both formats, as are one-digit hours and one to three decimals.
    A ``.srt`` file that starts with ``WEBVTT`` is read as WebVTT. Encodings, BOMs and
    CRLF line endings are handled by :func:`~discourse.corpus.formats.decode_text`.
Cue text
    Markup stays out of the text: ``<i>``, ``<b>``, ``<u>``, ``<c.class>``, ``<lang>``,
    ``<ruby>`` (the ``<rt>`` reading is dropped), timestamp tags ``<00:00:01.000>``, SRT's
    ``<font>`` and ``{\\an8}`` position codes. Character references (``&amp;``,
    ``&lt;``, ``&nbsp;``) are decoded. Dialogue dashes (``- Hei.``) stay, as written. The
    lines of a cue are joined with single spaces: cue line breaks are display breaks,
    not speech structure.
Speakers
    A voice tag ``<v Name>`` (``<v.loud Name>``) names the speaker of the text after it, and
    a cue may hold several. Without a voice tag, a ``Name:`` (or ``[Name]:``) label followed
    by text on the same line names the speaker when the corpus's speaker lists name it
    (``corpus.yml`` ``speakers:``), or when it is name-shaped as transcript labels must be
    (:func:`discourse.corpus.labels.name_shaped`: capitalised words, no function words;
    ``Kari Nordmann``, ``Speaker 1``, not ``Han sa``) and opens at least two cues. A
    name-like label that opens a cue only once still counts when the file opens at least
    half of its cues with such labels (Zoom). A label on a later line of a cue must meet the
    first rules (a line break in the middle of a sentence, ``... sier David`` / ``James:
    ...``, is not a speaker). Header keys such as ``Dato:`` never name a speaker. noScribe's
    habit of repeating the label after the voice tag (``<v S01>S01: ...``) is undone, and
    its mark of overlapping speech (``<v //S01>``) is dropped from the name; an empty voice
    tag (``<v >``: no speaker found) is a cue without speaker. The role comes from the
    speaker lists (``SpeakerRules.role_of``); names that no list gives are
    ``speakers.unknown_role`` (respondent by default).
Turns
    Consecutive cues of one speaker become one turn, their texts joined with a space. In
    a file with speakers, a cue without a speaker continues the current turn (as a line
    without a label does in a text transcript); cues before the first speaker form a
    turn of their own. In a file without any speaker (Whisper), consecutive cues are
    joined into one turn until a pause of at least ``pause`` seconds (2 by default)
    between one cue's end and the next cue's start. Turns without a speaker have the
    role ``other`` (as ``Ukjent``/``Unknown`` have in the default lists), so analyses
    keep them and summaries count them as other turns. A turn's ``time`` is the start of
    its first cue (``HH:MM:SS.mmm``); the end of its last cue is the segment column
    ``time_end``.
The text
    One line per turn: ``Name: text`` (or just the text when the speaker is unknown);
    timestamps, identifiers and markup are not part of it. Segment offsets index it:
    ``text[char_start:char_end]`` is the turn's text without the label.
Bad input
    A block without a timing line, a timing line whose timestamps cannot be read, and a
    ``.vtt`` file without cues where it should have them raise
    :class:`~discourse.errors.DocumentError` naming the file and the line. A cue whose end
    lies before its start is kept without an end time, and cues out of time order are
    kept in file order; both are noted (a warning naming the file and line). No text of
    the file is quoted in messages.

Examples
--------
>>> vtt = (
...     "WEBVTT\\n\\n00:00:01.000 --> 00:00:03.500\\n<v Kari Nordmann>Hei, og velkommen.</v>\\n\\n"
...     "00:00:03.500 --> 00:00:05.000\\n<v Kari Nordmann>Skal vi begynne?</v>\\n\\n"
...     "00:00:05.200 --> 00:00:07.000\\n<v Ola Hansen>Ja, gjerne.</v>\\n"
... )
>>> raw = read_subtitles(vtt.encode(), "møte.vtt")
>>> print(raw.text)
Kari Nordmann: Hei, og velkommen. Skal vi begynne?
Ola Hansen: Ja, gjerne.
>>> [(s.speaker, s.role, s.time, s.attrs["time_end"]) for s in raw.segmented.segments]
[('Kari Nordmann', 'respondent', '00:00:01.000', '00:00:05.000'),
 ('Ola Hansen', 'respondent', '00:00:05.200', '00:00:07.000')]
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from discourse.corpus.config import SpeakerRules, _label_key
from discourse.corpus.formats import RawText, decode_text
from discourse.corpus.labels import name_shaped
from discourse.corpus.segment import Annotation, Segment, SegmentedDocument
from discourse.errors import DocumentError

__all__ = ["PAUSE_SECONDS", "Cue", "format_ms", "parse_cues", "read_subtitles"]

#: Pause (seconds) that ends a turn in a file without speakers.
PAUSE_SECONDS = 2.0

_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMING = re.compile(r"[ \t]*(?P<start>[^ \t]+)[ \t]*-->[ \t]*(?P<end>[^ \t]+)(?:[ \t]+.*)?")
_TIMESTAMP = re.compile(r"(?:(?P<h>\d{1,3}):)?(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:[.,](?P<f>\d{1,3}))?")
_SPECIAL_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?=[ \t]|$)")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?(?:[ \t]+(?P<who>[^>]*))?>", re.IGNORECASE)
_RUBY_TEXT = re.compile(r"<rt>.*?</rt>", re.IGNORECASE | re.DOTALL)
# Tags start with a letter, a slash or a digit (timestamp tags); "3 < 5" is not a tag.
_TAG = re.compile(r"</?(?:[A-Za-z][^<>]*|\d[\d:.,]*)>")
_ASS = re.compile(r"\{\\[^{}]*\}")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACE = re.compile(r"\s+")
_MARKUP_CHARS = frozenset("<&{\u200e\u200f")
# A speaker label opening a cue line: up to four words, or [bracketed], with an optional
# "(Party)", then a colon and white space.
_CUE_LABEL = re.compile(
    r"(?P<label>\[[^\]\n:]{1,40}\]|[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3}"
    r"(?:[ \t]*\([^()\n:]{1,30}\))?)[ \t]*:[ \t]+(?=\S)"
)
_PARENTHETICAL = re.compile(r"\([^()]*\)")


@dataclass
class Cue:
    """One subtitle cue.

    Attributes
    ----------
    line : int
        1-based line number of the cue's timing line.
    start_ms, end_ms : int or None
        Start and end in milliseconds; ``end_ms`` is None when it lay before the start.
    identifier : str or None
        The cue identifier (VTT) or number (SRT).
    lines : list of str
        The cue's text lines as written (markup included).
    """

    line: int
    start_ms: int
    end_ms: int | None
    identifier: str | None
    lines: list[str] = field(default_factory=list)


@dataclass
class _Piece:
    """Part of a cue's text with its speaker (a voice tag or a label), markup removed."""

    cue: Cue
    speaker: str | None
    text: str
    label: str | None = None  # a Name: candidate still to be accepted or rejected
    opens_cue: bool = False  # the label opens the cue's first line
    prefix: str = ""  # the label as written, with its colon: restored if rejected


def format_ms(ms: int) -> str:
    """Format milliseconds as ``HH:MM:SS.mmm``.

    Examples
    --------
    >>> format_ms(3_723_004)
    '01:02:03.004'
    """
    seconds, milli = divmod(ms, 1000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours:02d}:{minute:02d}:{sec:02d}.{milli:03d}"


def _parse_timestamp(value: str) -> int | None:
    m = _TIMESTAMP.fullmatch(value)
    if not m:
        return None
    fraction = (m.group("f") or "0").ljust(3, "0")
    return (
        int(m.group("h") or 0) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
    ) * 1000 + int(fraction)


def _blocks(lines: list[str], first: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines from index ``first``: (0-based index of the first line, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first
    for i in range(first, len(lines)):
        if lines[i].strip():
            if not current:
                start = i
            current.append(lines[i])
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def parse_cues(
    text: str, name: str, kind: str = "vtt"
) -> tuple[list[Cue], list[tuple[int, str]], list[str]]:
    """Parse the cues of a decoded WebVTT or SRT text.

    Parameters
    ----------
    text : str
        The file's text with ``\\n`` line endings.
    name : str
        The file's name, for messages.
    kind : {"vtt", "srt"}
        The format the file's extension promises; a text that starts with ``WEBVTT`` is
        read as WebVTT either way.

    Returns
    -------
    (list of Cue, list of (int, str), list of str)
        The cues in file order, the ``NOTE`` blocks (line number and text) and notes
        for the user.

    Raises
    ------
    DocumentError
        A block without a timing line, or a timing line whose timestamps cannot be read;
        the message names the file and line.

    Examples
    --------
    >>> cues, _, _ = parse_cues("1\\n00:00:01,000 --> 00:00:02,500\\nHei\\n", "a.srt", "srt")
    >>> [(c.line, c.start_ms, c.end_ms, c.identifier, c.lines) for c in cues]
    [(2, 1000, 2500, '1', ['Hei'])]
    """
    lines = text.split("\n")
    notes: list[str] = []
    first = next((i for i, ln in enumerate(lines) if ln.strip()), len(lines))
    is_vtt = first < len(lines) and _HEADER.fullmatch(lines[first].rstrip()) is not None
    if kind == "vtt" and not is_vtt and first < len(lines):
        notes.append(f"line {first + 1}: does not start with 'WEBVTT'; read as SubRip (SRT) cues")
    body_start = first
    if is_vtt:
        body_start = first + 1
        # Header lines run to the first blank line; a timing line there starts the cues.
        while body_start < len(lines) and lines[body_start].strip():
            if "-->" in lines[body_start]:
                break
            body_start += 1
    cues: list[Cue] = []
    notes_out: list[tuple[int, str]] = []
    for index, block in _blocks(lines, body_start):
        head = block[0].strip()
        if is_vtt and _SPECIAL_BLOCK.match(head) and "-->" not in block[0]:
            if head.startswith("NOTE"):
                body = " ".join([head[4:].strip(), *(ln.strip() for ln in block[1:])]).strip()
                notes_out.append((index + 1, _SPACE.sub(" ", body)))
            continue
        # A block may hold several cues when a blank line between them is missing: each
        # timing line starts one (with the line before it as identifier if it is a number).
        timing_at = [k for k, ln in enumerate(block) if "-->" in ln]
        if not timing_at or timing_at[0] > 1:
            raise DocumentError(
                name,
                f"line {index + 1}: a block of text without a cue timing line "
                f"('00:00:01{',' if not is_vtt else '.'}000 --> 00:00:04"
                f"{',' if not is_vtt else '.'}000'); a timing line is missing, or a blank "
                "line splits a cue's text",
            )
        ident = block[0].strip() if timing_at[0] == 1 else None
        for n, k in enumerate(timing_at):
            stop = timing_at[n + 1] if n + 1 < len(timing_at) else len(block)
            payload = block[k + 1 : stop]
            next_ident = None
            if n + 1 < len(timing_at) and payload and payload[-1].strip().isdigit():
                next_ident = payload.pop().strip()
            cues.append(_cue(block[k], index + k + 1, ident, payload, name, notes))
            ident = next_ident
    previous = None
    for cue in cues:
        if previous is not None and cue.start_ms < previous.start_ms:
            notes.append(
                f"line {cue.line}: the cue starts before the one above it (cues out of time "
                "order); cues are kept in file order"
            )
            break
        previous = cue
    return cues, notes_out, notes


def _cue(
    timing: str, line_no: int, ident: str | None, payload: list[str], name: str, notes: list[str]
) -> Cue:
    m = _TIMING.fullmatch(timing)
    if not m:
        raise DocumentError(
            name, f"line {line_no}: the cue timing line is malformed; write 'start --> end'"
        )
    start, end = _parse_timestamp(m.group("start")), _parse_timestamp(m.group("end"))
    for value, which in ((start, "start"), (end, "end")):
        if value is None:
            raise DocumentError(
                name,
                f"line {line_no}: the cue's {which} time is not a valid timestamp; write "
                "hh:mm:ss.ttt or mm:ss.ttt (minutes and seconds 00-59)",
            )
    assert start is not None
    if end is not None and end < start:
        notes.append(f"line {line_no}: the cue ends before it starts; its end time is left empty")
        end = None
    return Cue(line_no, start, end, ident, payload)


def _clean(fragment: str) -> str:
    """Markup out, character references decoded, white space collapsed."""
    if not _MARKUP_CHARS.intersection(fragment):
        return " ".join(fragment.split())
    fragment = _RUBY_TEXT.sub("", fragment)
    fragment = _TAG.sub("", fragment)
    fragment = _ASS.sub("", fragment)
    fragment = _ENTITY.sub(lambda m: html.unescape(m.group(0)), fragment)
    fragment = fragment.replace("\u200e", "").replace("\u200f", "")
    return _SPACE.sub(" ", fragment).strip()


def _pieces(cue: Cue) -> list[_Piece]:
    """Split a cue's text at voice tags and at line-opening ``Name:`` candidates."""
    pieces: list[_Piece] = []
    voice: str | None = None
    for line_no, raw_line in enumerate(cue.lines):
        # text, who, text, who, ...
        parts = _VOICE.split(raw_line) if "<v" in raw_line.lower() else [raw_line]
        for j in range(0, len(parts), 2):
            if j > 0:
                # noScribe marks overlapping speech as "//S01"
                who = _SPACE.sub(" ", html.unescape(parts[j - 1] or "")).strip().lstrip("/")
                voice = who or None
                pieces.append(_Piece(cue, voice, ""))
            fragment = _clean(parts[j])
            if not fragment:
                continue
            if voice is not None:
                if pieces and pieces[-1].speaker == voice:
                    prefix = f"{voice}:"
                    if not pieces[-1].text and fragment.startswith(prefix):  # noScribe
                        fragment = fragment[len(prefix) :].lstrip()
                    pieces[-1].text = f"{pieces[-1].text} {fragment}".strip()
                else:
                    pieces.append(_Piece(cue, voice, fragment))
                continue
            if j == 0:
                m = _CUE_LABEL.match(fragment)
                if m:
                    label = m.group("label").strip()
                    pieces.append(
                        _Piece(
                            cue, None, fragment[m.end() :], label, line_no == 0, fragment[: m.end()]
                        )
                    )
                    continue
            if pieces:
                pieces[-1].text = f"{pieces[-1].text} {fragment}".strip()
            else:
                pieces.append(_Piece(cue, None, fragment))
    return [p for p in pieces if p.text or p.label]


def _looks_like_name(label: str) -> bool:
    """The transcripts' rule for unlisted labels, without a parenthetical (party, firm).

    See :func:`discourse.corpus.labels.name_shaped`.
    """
    return name_shaped(" ".join(_PARENTHETICAL.sub(" ", label).split()))


def _resolve_labels(pieces: list[_Piece], rules: SpeakerRules) -> None:
    """Accept or reject the ``Name:`` candidates; a rejected label stays in the text."""
    candidates = [p for p in pieces if p.label is not None]
    counts = Counter(_label_key(p.label) for p in candidates if p.label and p.opens_cue)

    known: dict[str, bool] = {}

    def strong(label: str) -> bool:
        if label not in known:
            if rules.role_of(label) is not None:
                known[label] = True
            elif rules.is_header_field(label) or not _looks_like_name(label):
                known[label] = False
            else:
                known[label] = counts[_label_key(label)] >= 2
        return known[label]

    cues = {id(p.cue) for p in pieces}
    opened = {id(p.cue) for p in candidates if p.label and p.opens_cue and strong(p.label)}
    label_style = len(opened) * 2 >= len(cues)
    for p in candidates:
        label = p.label or ""
        ok = strong(label) or (
            label_style
            and p.opens_cue
            and _looks_like_name(label)
            and not rules.is_header_field(label)
        )
        if ok:
            p.speaker = label[1:-1].strip() if label.startswith("[") else label
            p.speaker = _SPACE.sub(" ", p.speaker)
        else:  # not a speaker: the label is ordinary text again
            p.text = p.prefix + p.text
        p.label = None


@dataclass
class _Turn:
    speaker: str | None
    start_ms: int
    end_ms: int | None
    texts: list[str]
    line: int  # the timing line of its first cue
    last_start: int = 0  # the start of its last cue


def _turns(pieces: list[_Piece], pause: float) -> list[_Turn]:
    has_speakers = any(p.speaker for p in pieces)
    turns: list[_Turn] = []
    gap_ms = round(pause * 1000)
    for p in pieces:
        cue = p.cue
        current = turns[-1] if turns else None
        if current is not None and (
            (p.speaker is not None and p.speaker == current.speaker)
            or (p.speaker is None and has_speakers)
            or (
                p.speaker is None
                and current.speaker is None
                and cue.start_ms >= current.last_start
                and cue.start_ms - (current.end_ms or current.last_start) < gap_ms
            )
        ):
            current.texts.append(p.text)
            current.last_start = cue.start_ms
            if cue.end_ms is not None:
                current.end_ms = max(current.end_ms or 0, cue.end_ms)
            continue
        turns.append(_Turn(p.speaker, cue.start_ms, cue.end_ms, [p.text], cue.line, cue.start_ms))
    return turns


def read_subtitles(
    data: bytes,
    name: str,
    rules: SpeakerRules | None = None,
    *,
    kind: str = "vtt",
    fallback_encoding: str = "cp1252",
    pause: float = PAUSE_SECONDS,
) -> RawText:
    """Read a WebVTT or SRT file into turns (see the module docstring for the rules).

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, for messages.
    rules : SpeakerRules, optional
        The corpus's speaker lists (roles, header keys); the shipped defaults if omitted.
    kind : {"vtt", "srt"}
        The format the extension promises.
    fallback_encoding : str
        Encoding for files that are neither UTF-8 nor marked by a byte-order mark.
    pause : float
        In a file without speakers, a pause of at least this many seconds between two cues
        ends a turn (0: one turn per cue).

    Returns
    -------
    RawText
        ``text`` one line per turn; ``segmented`` the turns (``is_transcript`` True), with
        ``time`` and the ``time_end`` column, and the ``NOTE`` blocks as annotations. A
        file without cues gives an empty text.

    Raises
    ------
    DocumentError
        Undecodable bytes, a block without a timing line, an unreadable timestamp.

    Examples
    --------
    >>> srt = "1\\n00:00:00,000 --> 00:00:02,000\\nHei.\\n\\n"
    >>> srt += "2\\n00:00:05,000 --> 00:00:06,000\\nHallo.\\n"
    >>> raw = read_subtitles(srt.encode(), "w.srt", kind="srt")
    >>> [(s.speaker, s.time, s.text) for s in raw.segmented.segments]
    [(None, '00:00:00.000', 'Hei.'), (None, '00:00:05.000', 'Hallo.')]
    """
    if pause < 0:
        raise ValueError(f"pause must be >= 0 seconds; got {pause}")
    rules = rules or SpeakerRules.default()
    decoded = decode_text(data, name, fallback_encoding)
    cues, note_blocks, notes = parse_cues(decoded.text, name, kind)
    pieces = [p for cue in cues for p in _pieces(cue)]
    _resolve_labels(pieces, rules)
    pieces = [p for p in pieces if p.text]
    lines: list[str] = []
    segments: list[Segment] = []
    pos = 0
    turn_lines: list[int] = []
    line_starts: list[int] = []
    for turn in _turns(pieces, pause):
        body = " ".join(t for t in turn.texts if t)
        prefix = f"{turn.speaker}: " if turn.speaker else ""
        start = pos + len(prefix)
        end = start + len(body)
        # an unknown speaker is "other", as the default lists make "Ukjent"/"Unknown"
        role = "other"
        if turn.speaker is not None:
            role = rules.role_of(turn.speaker) or rules.unknown_role
        segments.append(
            Segment(
                "turn",
                start,
                end,
                body,
                speaker=turn.speaker,
                role=role,
                time=format_ms(turn.start_ms),
                attrs={"time_end": format_ms(turn.end_ms) if turn.end_ms is not None else None},
            )
        )
        turn_lines.append(turn.line)
        line_starts.append(pos)
        lines.append(prefix + body)
        pos = end + 1
    text = "\n".join(lines)
    # A NOTE block stands at the start of the line of the turn that follows it (so it
    # belongs to the turn before it), or at the end of the text.
    annotations = [
        Annotation(
            next(
                (at for at, ln in zip(line_starts, turn_lines, strict=True) if ln > note_line),
                len(text),
            ),
            "note",
            None,
            note_text,
        )
        for note_line, note_text in note_blocks
    ]
    raw = RawText(text, decoded.encoding, notes=decoded.notes + notes)
    if segments:
        raw.segmented = SegmentedDocument(
            text, segments, True, metadata={}, annotations=annotations
        )
    return raw
