"""Which language each document and each segment of a corpus is in.

:func:`~discourse.corpus.reader.read_corpus` calls :func:`assign_languages` for every
document. The rules, in order:

**Document** (``Corpus.documents`` columns ``lang``, ``lang_source``, ``lang_margin``):

1. ``metadata``: the document's ``lang`` cell in ``metadata.csv``;
2. ``file``: a language the file itself declares, for the whole document or for every
   segment (ParlaMint's ``xml:lang``; a sitting mixing nb and nn gets the language of
   most of its characters);
3. ``corpus.yml`` (or ``argument`` for ``read_corpus(language=...)``): an explicit
   ``language: nb | nn | en``;
4. ``detected``: otherwise (no ``language:`` key, or ``language: auto``), the text is
   identified as nb, nn or en by :func:`~discourse.text.language.identify_language`;
5. ``default``: a text without any word (numbers only) falls back to ``nb``.

``lang_margin`` is the score of the document's language minus the best other score, from
identification over the document's text (headers left out): near 0 an uncertain call, up
to 1 a clear one, **negative** where the text reads as another language than the one
declared. When a declared language (sources 1 to 3) clearly disagrees with the text (at
least :data:`CHECK_MIN_WORDS` words and the other language ahead by
:data:`CHECK_MIN_MARGIN`), a problem row names the file, and a warning is issued; the
declaration still stands.

**Segment** (``Corpus.segments`` column ``lang``):

* a language the format gives the segment (ParlaMint's ``xml:lang``) always wins;
* otherwise, with ``detect_segments: true`` (the default), a turn or paragraph of at least
  :data:`SEGMENT_MIN_WORDS` words that identification puts in another language than its
  document's, by a margin of at least :data:`SEGMENT_MIN_MARGIN`, gets that language (an
  English answer in a Norwegian interview, a nynorsk quotation in a bokmål report);
* every other segment has its document's language. Short turns ("Ja.", "Nei, ikkje eg")
  never change language: a few words are no evidence. Nor do the segments of a document
  whose text as a whole reads as another language than the one declared for it: the
  declaration (wrong, and warned about, or deliberate) holds for all of them.

Preprocessing lemmatises each segment in its segment's language.

Examples
--------
>>> from discourse.corpus.segment import Segment, SegmentedDocument
>>> text = "Eg veit ikkje kva dei meiner om det, men eg trur dei er nøgde med tenestene."
>>> doc = SegmentedDocument(text, [Segment("paragraph", 0, len(text), text)], False)
>>> found = assign_languages(doc, "a.txt", None, None, "corpus.yml")
>>> found.lang, found.source, found.segment_langs
('nn', 'detected', ['nn'])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np

from discourse.corpus.segment import SegmentedDocument
from discourse.text.language import (
    LanguageGuess,
    guess_from_tally,
    labels_from_tallies,
    sample_text,
    tally_texts,
)

__all__ = [
    "CHECK_MIN_MARGIN",
    "CHECK_MIN_WORDS",
    "LANG_SOURCES",
    "SEGMENT_MIN_MARGIN",
    "SEGMENT_MIN_WORDS",
    "DocumentLanguage",
    "assign_languages",
    "tally_documents",
]

_LANGS = ("nb", "nn", "en")
#: The values of ``Corpus.documents["lang_source"]``.
LANG_SOURCES = ("metadata", "file", "corpus.yml", "argument", "detected", "default")
#: A segment needs this many words before identification may give it its own language.
SEGMENT_MIN_WORDS = 12
#: ... and the other language must lead by this margin.
SEGMENT_MIN_MARGIN = 0.2
#: A declared document language is checked against texts of at least this many words.
CHECK_MIN_WORDS = 40
#: ... and is reported when another language leads by this margin.
CHECK_MIN_MARGIN = 0.15
_FALLBACK = "nb"


@dataclass
class DocumentLanguage:
    """The language of one document and of each of its segments.

    Attributes
    ----------
    lang, source : str
        The document's language and where it came from (one of :data:`LANG_SOURCES`).
    margin : float
        Score of ``lang`` minus the best other score (negative: the text reads otherwise).
    segment_langs : list of str
        One language per segment, in order.
    problem : str or None
        A message when the declared language clearly disagrees with the text.
    guess : LanguageGuess
        Identification over the document's text.
    """

    lang: str
    source: str
    margin: float
    segment_langs: list[str] = field(default_factory=list)
    problem: str | None = None
    guess: LanguageGuess | None = None


def _lead(guess: LanguageGuess, lang: str) -> float:
    """Score of ``lang`` minus the best other candidate's score."""
    others = [v for k, v in guess.scores.items() if k != lang]
    return guess.scores.get(lang, 0.0) - (max(others) if others else 0.0)


def _file_language(doc: SegmentedDocument) -> str | None:
    declared = doc.metadata.get("lang")
    if isinstance(declared, str) and declared in _LANGS:
        return declared
    speech = [s for s in doc.segments if s.unit != "header"] or doc.segments
    if speech and all(s.lang in _LANGS for s in speech):
        chars: Counter[str] = Counter()
        for s in speech:
            chars[s.lang] += len(s.text)  # type: ignore[index]
        return max(sorted(chars), key=lambda lang: chars[lang])
    return None


def _speech(doc: SegmentedDocument) -> list[bool]:
    """Which segments the document's language is read from (headers left out)."""
    speech = [s.unit != "header" for s in doc.segments]
    return speech if any(speech) else [True] * len(doc.segments)


def _document_text(doc: SegmentedDocument) -> str:
    """The text the document-level check reads without segment detection (sampled)."""
    kept = (s.text for s, keep in zip(doc.segments, _speech(doc), strict=True) if keep)
    return sample_text("\n".join(kept))


def tally_documents(
    docs: list[SegmentedDocument], detect_segments: bool = True
) -> list[np.ndarray]:
    """The tallies :func:`assign_languages` needs, for many documents in one pass.

    With ``detect_segments`` one :func:`~discourse.text.language.tally_texts` row per
    segment, otherwise one row per document (its non-header text, sampled as
    :func:`~discourse.text.language.identify_language` samples it). Each distinct token
    is looked up once for all documents; the rows are those of tallying each alone.

    Examples
    --------
    >>> from discourse.corpus.segment import Segment, SegmentedDocument
    >>> doc = SegmentedDocument("Eg veit.", [Segment("paragraph", 0, 8, "Eg veit.")], False)
    >>> [t.shape for t in tally_documents([doc, doc])]
    [(1, 16), (1, 16)]
    """
    if not detect_segments:
        rows = tally_texts([_document_text(doc) for doc in docs])
        return [rows[i : i + 1] for i in range(len(docs))]
    rows = tally_texts([s.text for doc in docs for s in doc.segments])
    bounds = np.cumsum([0] + [len(doc.segments) for doc in docs])
    return [rows[a:b] for a, b in pairwise(bounds)]


def assign_languages(
    doc: SegmentedDocument,
    rel: str,
    cell: Any,
    configured: str | None,
    configured_source: str,
    detect_segments: bool = True,
    tallies: np.ndarray | None = None,
) -> DocumentLanguage:
    """Decide the language of a document and of its segments (rules: module docstring).

    Parameters
    ----------
    doc : SegmentedDocument
        The document, with any segment languages its format declares.
    rel : str
        The file's path in the corpus folder, for the disagreement message.
    cell : str or None
        The document's ``lang`` cell in ``metadata.csv`` (None or NaN: empty).
    configured : str or None
        ``nb``, ``nn`` or ``en`` from ``corpus.yml`` or the argument; None for ``auto``.
    configured_source : str
        ``"corpus.yml"`` or ``"argument"``: where ``configured`` comes from.
    detect_segments : bool
        Give long segments that clearly read as another language their own language.
    tallies : numpy.ndarray, optional
        The document's rows from :func:`tally_documents` (with the same
        ``detect_segments``), when already counted.

    Returns
    -------
    DocumentLanguage

    Examples
    --------
    >>> from discourse.corpus.segment import Segment, SegmentedDocument
    >>> doc = SegmentedDocument("Hei.", [Segment("paragraph", 0, 4, "Hei.", lang="nn")], False)
    >>> found = assign_languages(doc, "a.txt", None, "nb", "corpus.yml")
    >>> found.lang, found.source
    ('nn', 'file')
    """
    if tallies is None:
        tallies = tally_documents([doc], detect_segments)[0]
    if detect_segments:  # one pass over the words: each segment, and their sum
        guess = guess_from_tally(tallies[_speech(doc)].sum(axis=0))
    else:  # the document's sampled text
        guess = guess_from_tally(tallies[0])
    if isinstance(cell, str) and cell in _LANGS:
        lang, source = cell, "metadata"
    elif (from_file := _file_language(doc)) is not None:
        lang, source = from_file, "file"
    elif configured is not None:
        lang, source = configured, configured_source
    elif guess.lang is not None:
        lang, source = guess.lang, "detected"
    else:
        lang, source = _FALLBACK, "default"
    margin = _lead(guess, lang) if guess.lang is not None else 0.0
    problem = None
    if (
        source in ("metadata", "corpus.yml", "argument")
        and guess.lang is not None
        and guess.lang != lang
        and guess.n_words >= CHECK_MIN_WORDS
        and -margin >= CHECK_MIN_MARGIN
    ):
        where = {"metadata": "its lang cell in metadata.csv", "corpus.yml": "corpus.yml"}.get(
            source, "the language argument"
        )
        problem = (
            f"{rel}: declared language {lang} ({where}), but the text reads as "
            f"{guess.lang} (ahead by {-margin:.2f} over {guess.n_words} words); check the "
            "declaration (it is kept)"
        )
    segment_langs = []
    # where the text as a whole reads as another language than the document's (a wrong
    # or a deliberate declaration), every segment keeps the document's language
    detecting = detect_segments and guess.lang == lang
    seg_langs, seg_margins, seg_words = [], None, None
    if detecting:  # labels only, vectorised (a LanguageGuess per segment costs more)
        seg_langs, seg_margins = labels_from_tallies(tallies)
        seg_words = tallies[:, 0]
    for i, s in enumerate(doc.segments):
        own = s.lang if s.lang in _LANGS else lang
        if detecting and s.lang not in _LANGS and s.unit != "header":
            found = seg_langs[i]
            if (
                found is not None
                and found != lang
                and seg_words[i] >= SEGMENT_MIN_WORDS
                and seg_margins[i] >= SEGMENT_MIN_MARGIN
            ):
                own = found
        segment_langs.append(own)
    return DocumentLanguage(lang, source, float(margin), segment_langs, problem, guess)
