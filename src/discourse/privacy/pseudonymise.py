"""Replacing personal data with typed pseudonyms, keeping character offsets consistent.

:func:`replace_spans` turns a text and its spans into the pseudonymised text plus an
:class:`OffsetMap` between the two. :func:`pseudonymise_documents` does this for a whole
corpus at import (``read_corpus`` calls it after segmentation): it assigns pseudonyms in
a fixed order (documents sorted by ``doc_id``, then by position; metadata cells after the
texts), so that the same inputs and the same key always give the same pseudonyms, and it
moves every segment's offsets onto the pseudonymised text, so that
``corpus.text(doc_id)[char_start:char_end] == text`` still holds.

Examples
--------
>>> from discourse.privacy.detect import Span
>>> new, omap = replace_spans("Ring Kari nå.", [Span(5, 9, "PERSON", "Kari")], ["[PERSON_1]"])
>>> new, omap.to_new(10), omap.to_old(new.index("nå"))
('Ring [PERSON_1] nå.', 16, 10)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pandas as pd

from discourse.corpus.config import SpeakerRules
from discourse.corpus.segment import SegmentedDocument
from discourse.privacy.detect import (
    NameMatcher,
    Span,
    find_candidates,
    find_patterns,
    is_placeholder,
    lower_case_words,
    resolve_overlaps,
)
from discourse.privacy.key import PseudonymKey
from discourse.privacy.names import Entity, NameList, load_names, name_key
from discourse.privacy.settings import PseudonymiseSettings

__all__ = [
    "OffsetMap",
    "PrivacyResult",
    "Pseudonymiser",
    "pseudonymise_documents",
    "replace_spans",
]

_CONTEXT = 40
#: Metadata columns never pseudonymised: they identify files and languages.
_KEEP_COLUMNS = {"file", "doc_id", "lang", "doc_type"}
#: Segment columns from a format (``Segment.attrs``) that hold a person's name and are
#: pseudonymised like speaker labels.
PERSON_ATTRS = frozenset({"speaker_name"})
#: Segment columns that identify the speaker through a public register (ParlaMint's
#: person ids): they take the speaker's pseudonymised label instead.
SPEAKER_ID_ATTRS = frozenset({"speaker_id"})


def _pseudonymised_attr(worker: Pseudonymiser, key: str, value: Any, speaker: str | None) -> Any:
    """One ``Segment.attrs`` value with names replaced (see PERSON_ATTRS, SPEAKER_ID_ATTRS)."""
    if not isinstance(value, str):
        return value
    if key in SPEAKER_ID_ATTRS:
        return speaker
    if key in PERSON_ATTRS:
        return worker.replace(value)[0]
    return value


@dataclass(frozen=True)
class OffsetMap:
    """Maps character offsets between an original text and its pseudonymised version.

    An offset inside a replaced span maps to the start of its replacement when it is a
    ``start`` offset and to the end when it is an ``end`` offset, so that a range that
    covers part of a name covers all of its pseudonym.
    """

    old_starts: tuple[int, ...] = ()
    old_ends: tuple[int, ...] = ()
    new_starts: tuple[int, ...] = ()
    new_ends: tuple[int, ...] = ()

    def _map(self, p: int, side: str, a0, a1, b0, b1) -> int:
        i = bisect_right(a0, p) - 1
        if i < 0:
            return p
        if p == a0[i]:
            return b0[i]
        if p < a1[i]:
            return b0[i] if side == "start" else b1[i]
        return p + (b1[i] - a1[i])

    def to_new(self, offset: int, side: str = "start") -> int:
        """An offset of the original text in the pseudonymised text."""
        return self._map(
            offset, side, self.old_starts, self.old_ends, self.new_starts, self.new_ends
        )

    def to_old(self, offset: int, side: str = "start") -> int:
        """An offset of the pseudonymised text in the original text."""
        return self._map(
            offset, side, self.new_starts, self.new_ends, self.old_starts, self.old_ends
        )


def replace_spans(
    text: str, spans: Sequence[Span], replacements: Sequence[str]
) -> tuple[str, OffsetMap]:
    """Replace non-overlapping, sorted ``spans`` of ``text`` by ``replacements``.

    Returns
    -------
    (str, OffsetMap)
        The new text and the map between old and new offsets.
    """
    pieces: list[str] = []
    pos = 0
    shift = 0
    old_s, old_e, new_s, new_e = [], [], [], []
    for span, rep in zip(spans, replacements, strict=True):
        pieces.append(text[pos : span.start])
        pieces.append(rep)
        old_s.append(span.start)
        old_e.append(span.end)
        new_s.append(span.start + shift)
        shift += len(rep) - (span.end - span.start)
        new_e.append(span.end + shift)
        pos = span.end
    pieces.append(text[pos:])
    omap = OffsetMap(tuple(old_s), tuple(old_e), tuple(new_s), tuple(new_e))
    return "".join(pieces), omap


class Pseudonymiser:
    """Finds personal data in texts and replaces it with pseudonyms from a key.

    Parameters
    ----------
    names : NameList
        Listed (and speaker-label) names.
    key : PseudonymKey
        Where pseudonyms come from and new ones are recorded.
    detectors : sequence of str
        Pattern detectors to run (see :data:`discourse.privacy.detect.DETECTORS`).

    Examples
    --------
    >>> names = NameList.from_records([("Kari Nordmann", "person"), ("Fjordvik", "place")])
    >>> p = Pseudonymiser(names, PseudonymKey())
    >>> p.replace("Kari Nordmanns kontor i Fjordvik: 22 00 41 17.")[0]
    '[PERSON_1] kontor i [STED_1]: [TELEFON].'
    """

    def __init__(
        self,
        names: NameList,
        key: PseudonymKey,
        detectors: Sequence[str] = ("phone", "email", "url", "fnr", "birth_date"),
    ) -> None:
        self.names = names
        self.key = key
        self.detectors = tuple(detectors)
        self.matcher = NameMatcher(names)
        key.reserve([e.replacement for e in names.entities if e.replacement])
        self._by_entity: dict[str, str] = {}

    def find(self, text: str) -> list[Span]:
        """Every span to replace in ``text``, sorted, without overlaps."""
        return resolve_overlaps(self.matcher.find(text) + find_patterns(text, self.detectors))

    def pseudonym(self, span: Span) -> str:
        """The pseudonym of one span (assigned on first use)."""
        entity = span.entity
        if entity is not None:
            known = self._by_entity.get(entity.name)
            if known is None:  # once per entity and run: the key is not asked again
                known = self.key.pseudonym(span.type, entity.name, entity.replacement, entity.forms)
                self._by_entity[entity.name] = known
            return known
        return self.key.pseudonym(span.type, span.value)

    def replace(
        self, text: str, spans: list[Span] | None = None
    ) -> tuple[str, OffsetMap, list[Span]]:
        """The pseudonymised text, its offset map and the replaced spans.

        ``spans``, if given, are ``self.find(text)`` computed beforehand.
        """
        spans = self.find(text) if spans is None else spans
        new, omap = replace_spans(text, spans, [self.pseudonym(s) for s in spans])
        return new, omap, spans


@dataclass
class PrivacyResult:
    """What pseudonymisation did to a corpus (no real values except candidates).

    Attributes
    ----------
    settings : PseudonymiseSettings
    key_path : Path or None
        Where the key was read from and written to.
    counts : DataFrame
        ``doc_id``, ``where`` (text | speaker | metadata), ``type``, ``n``: replacements.
    candidates : DataFrame
        ``doc_id``, ``seg_id``, ``word``, ``char_start``, ``char_end`` (into the
        pseudonymised text) and ``context``: capitalised words nobody listed. They are
        real text: keep them out of shared outputs. Found on first use (the review
        report), so that reading a corpus does not pay for them.
    flagged_documents : list of str
        doc_ids whose ``doc_id`` or file name contains a listed name.
    n_names : int
        Entities on the names list, plus speaker labels treated as names.
    offsets : dict
        ``doc_id`` → :class:`OffsetMap` between the normalised and the pseudonymised text.
    """

    settings: PseudonymiseSettings
    key_path: Path | None
    counts: pd.DataFrame
    _candidates: pd.DataFrame | Callable[[], pd.DataFrame] = field(repr=False)
    flagged_documents: list[str]
    n_names: int
    output_hash: str
    offsets: dict[str, OffsetMap] = field(default_factory=dict, repr=False)

    @property
    def candidates(self) -> pd.DataFrame:
        """Candidate names with their context (see the class documentation)."""
        if callable(self._candidates):
            self._candidates = self._candidates()
        return self._candidates

    def fingerprint(self) -> dict[str, Any]:
        """Settings and a hash of the pseudonymised output (for cache keys)."""
        return {"settings": self.settings.canonical(), "output": self.output_hash}

    def summary(self) -> pd.DataFrame:
        """Replacements per document and type (one column per type) with a TOTAL row."""
        if self.counts.empty:
            return pd.DataFrame({"doc_id": ["TOTAL"], "total": [0]})
        table = self.counts.pivot_table(
            index="doc_id", columns="type", values="n", aggfunc="sum", fill_value=0
        )
        table.columns = [str(c) for c in table.columns]
        table["total"] = table.sum(axis=1)
        table = table.reset_index()
        total = {c: int(table[c].sum()) for c in table.columns if c != "doc_id"}
        return pd.concat([table, pd.DataFrame([{"doc_id": "TOTAL", **total}])], ignore_index=True)


def _speaker_entities(docs: dict[str, SegmentedDocument], rules: SpeakerRules) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for doc_id in sorted(docs):
        for seg in docs[doc_id].segments:
            label = seg.speaker
            if seg.unit != "turn" or not label or rules.role_of(label) is not None:
                continue
            name = " ".join(label.strip().strip("[]*").split())
            if not name or is_placeholder(label) or name_key(name) in seen:
                continue
            if not any(ch.isalpha() for ch in name):
                continue
            seen[name_key(name)] = Entity(name, "person", source="speaker")
    return list(seen.values())


def _metadata_columns(rows: dict[str, dict[str, Any]], setting: bool | tuple[str, ...]) -> list:
    if setting is False:
        return []
    columns: list[str] = []
    for row in rows.values():
        for col in row:
            if col not in columns and col not in _KEEP_COLUMNS:
                columns.append(col)
    if setting is True:
        return columns
    return [c for c in columns if c in setting]


def _segment_of(starts: list[int], seg_ids: list[str], offset: int) -> str | None:
    i = bisect_right(starts, offset) - 1
    return seg_ids[i] if i >= 0 else None


def _names_in_identifiers(forms: list[str], doc_id: str, file: str) -> bool:
    haystack = " " + " ".join(re.split(r"[\W_]+", f"{doc_id} {file}")).casefold() + " "
    return any(form in haystack for form in forms)


#: From this many characters, spans are found in two worker processes (as tokenising is).
_PARALLEL_FROM_CHARS = 4_000_000
_FINDER: Pseudonymiser | None = None  # the worker forked processes inherit


def _find_chunk(texts: list[str]) -> list[list[Span]]:
    assert _FINDER is not None
    return [_FINDER.find(t) for t in texts]


def _find_all(worker: Pseudonymiser, texts: list[str]) -> list[list[Span]]:
    """The spans of every text, in order; in two forked processes for a large corpus.

    Finding spans depends on the text and the names list only, so splitting the work
    cannot change the result; pseudonyms are assigned afterwards, in document order.
    """
    global _FINDER
    n_chars = sum(map(len, texts))
    parallel = (
        n_chars >= _PARALLEL_FROM_CHARS
        and len(texts) > 1
        and sys.platform.startswith("linux")  # fork; elsewhere one process
        and (os.cpu_count() or 1) > 1
    )
    if not parallel:
        return [worker.find(t) for t in texts]
    n_chunks = min(len(texts), 16)
    bounds = [round(i * len(texts) / n_chunks) for i in range(n_chunks + 1)]
    chunks = [texts[a:b] for a, b in pairwise(bounds)]
    _FINDER = worker
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            parts = list(pool.map(_find_chunk, chunks))
    finally:
        _FINDER = None
    return [spans for part in parts for spans in part]


def pseudonymise_documents(
    docs: dict[str, SegmentedDocument],
    rows: dict[str, dict[str, Any]],
    settings: PseudonymiseSettings,
    rules: SpeakerRules,
    corpus_path: Path,
    corpus_name: str,
) -> tuple[dict[str, SegmentedDocument], dict[str, dict[str, Any]], PrivacyResult]:
    """Pseudonymise every document's text, speaker labels and metadata.

    Parameters
    ----------
    docs : dict
        ``doc_id`` → segmented document (normalised text with segment offsets).
    rows : dict
        ``doc_id`` → metadata row (``file`` and the metadata columns).
    settings : PseudonymiseSettings
    rules : SpeakerRules
        The corpus's speaker rules (a label that no list names is a person's name).
    corpus_path, corpus_name
        For the names list and the default key location.

    Returns
    -------
    (dict, dict, PrivacyResult)
        Pseudonymised documents, pseudonymised metadata rows, and what was done. The key
        file is written when it changed.
    """
    names_path = settings.names_path(corpus_path)
    names = load_names(names_path) if names_path is not None else NameList([], "no names list")
    if settings.speakers:
        names = names.extended(_speaker_entities(docs, rules))
    key_path = settings.key_path(corpus_path, corpus_name)
    key = PseudonymKey.load(key_path) if key_path is not None else PseudonymKey()
    worker = Pseudonymiser(names, key, settings.detectors)
    counts: Counter = Counter()
    out_docs: dict[str, SegmentedDocument] = {}
    offsets: dict[str, OffsetMap] = {}
    replaced: dict[str, list[tuple[int, int]]] = {}
    digest = hashlib.sha256()
    order = sorted(docs)
    found = dict(zip(order, _find_all(worker, [docs[d].text for d in order]), strict=True))
    for doc_id in order:
        doc = docs[doc_id]
        new_text, omap, spans = worker.replace(doc.text, found[doc_id])
        for span in spans:
            counts[(doc_id, "text", span.type)] += 1
        segments = []
        for seg in doc.segments:
            start, end = omap.to_new(seg.char_start, "start"), omap.to_new(seg.char_end, "end")
            speaker = seg.speaker
            if speaker:
                new_speaker, _, label_spans = worker.replace(speaker)
                if label_spans:
                    counts[(doc_id, "speaker", label_spans[0].type)] += len(label_spans)
                speaker = new_speaker
            segments.append(
                dataclasses.replace(
                    seg,
                    char_start=start,
                    char_end=end,
                    text=new_text[start:end],
                    speaker=speaker,
                    attrs={
                        k: _pseudonymised_attr(worker, k, v, speaker) for k, v in seg.attrs.items()
                    },
                )
            )
        annotations = [
            dataclasses.replace(
                a, char_pos=omap.to_new(a.char_pos, "start"), text=worker.replace(a.text)[0]
            )
            for a in doc.annotations
        ]
        out_docs[doc_id] = dataclasses.replace(
            doc, text=new_text, segments=segments, annotations=annotations
        )
        offsets[doc_id] = omap
        replaced[doc_id] = list(zip(omap.new_starts, omap.new_ends, strict=True))
        digest.update(f"{doc_id}\0{new_text}\0".encode())
        digest.update("\0".join(str(s.speaker) for s in segments).encode())
    columns = _metadata_columns(rows, settings.metadata)
    out_rows: dict[str, dict[str, Any]] = {}
    for doc_id in sorted(rows):
        row = dict(rows[doc_id])
        for col in columns:
            value = row.get(col)
            if isinstance(value, str) and value:
                new_value, _, spans = worker.replace(value)
                for span in spans:
                    counts[(doc_id, "metadata", span.type)] += 1
                row[col] = new_value
        out_rows[doc_id] = row
        digest.update(json.dumps([doc_id, {c: str(row.get(c)) for c in columns}]).encode())
    if settings.candidates:

        def candidates() -> pd.DataFrame:
            return _candidates(out_docs, replaced)
    else:
        candidates = _no_candidates
    forms = [f" {name_key(form)} " for form in names.forms()]
    flagged = [
        d for d in sorted(rows) if _names_in_identifiers(forms, d, str(rows[d].get("file", "")))
    ]
    if key.path is not None and (key.changed or not key.path.exists()):
        key.save()
    counts_df = pd.DataFrame(
        [{"doc_id": d, "where": w, "type": t, "n": n} for (d, w, t), n in sorted(counts.items())],
        columns=["doc_id", "where", "type", "n"],
    )
    result = PrivacyResult(
        settings=settings,
        key_path=key.path,
        counts=counts_df,
        _candidates=candidates,
        flagged_documents=flagged,
        n_names=len(names),
        output_hash=digest.hexdigest(),
        offsets=offsets,
    )
    return out_docs, out_rows, result


def _no_candidates() -> pd.DataFrame:
    return pd.DataFrame(columns=["doc_id", "seg_id", "word", "char_start", "char_end", "context"])


def _candidates(
    docs: dict[str, SegmentedDocument], replaced: dict[str, list[tuple[int, int]]]
) -> pd.DataFrame:
    lower = lower_case_words(doc.text for doc in docs.values())
    verdicts: dict[str, str | None] = {}
    records = []
    for doc_id in sorted(docs):
        doc = docs[doc_id]
        starts = [s.char_start for s in doc.segments]
        seg_ids = [f"{doc_id}:{i:04d}" for i in range(len(doc.segments))]
        for span in find_candidates(doc.text, lower, starts, replaced[doc_id], verdicts):
            left = doc.text[max(0, span.start - _CONTEXT) : span.start]
            right = doc.text[span.end : span.end + _CONTEXT]
            context = " ".join(f"{left}[[{span.value}]]{right}".split())
            records.append(
                {
                    "doc_id": doc_id,
                    "seg_id": _segment_of(starts, seg_ids, span.start),
                    "word": span.value,
                    "char_start": span.start,
                    "char_end": span.end,
                    "context": context,
                }
            )
    return pd.DataFrame(records, columns=_no_candidates().columns)
