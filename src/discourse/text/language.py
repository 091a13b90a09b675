"""Offline language identification for bokmål, nynorsk and English.

Every word of the text (a run of letters) is looked up once per word form; the text's
counts then give each candidate a score between 0 and 1.

1. **Dictionary coverage.** A word of two or more letters counts for coverage unless it is
   capitalised (a likely name; unless nearly all words are capitalised, as in a title).
   English's score is the share of those words that simplemma's English dictionary knows.
   This separates English from Norwegian well, but not bokmål from nynorsk: simplemma's
   bokmål dictionary holds most nynorsk forms as well (``ikkje`` is the exception, not
   ``heilt``, ``omnen`` or ``løys``), so plain coverage ties or favours bokmål.
2. **Bokmål against nynorsk.** A word either Norwegian dictionary knows counts for both;
   the difference comes from evidence:

   * **norm markers**, word forms and endings that one written norm uses and the other
     does not (``ikkje``/``ikke``, ``eg``/``jeg``, ``kva``/``hva``, ``frå``/``fra``,
     ``-leg``/``-lig``, ``-heit``/``-het``), listed in ``resources/language/nn.txt`` and
     ``nb.txt`` (capitalised words count too: ``Eg``, ``Ikkje``). An ending may name its
     counterpart in the other norm (``-ar=er``): ``brukar`` counts because ``bruker`` is
     a bokmål word, ``januar`` does not. Each occurrence weighs :data:`MARKER_WEIGHT`
     words;
   * **nynorsk-only words** of three or more letters: the nynorsk dictionary knows them
     and the bokmål dictionary does not, or bokmål text hardly uses them (wordfreq's
     bokmål Zipf frequency below :data:`RARE_ZIPF`). Each weighs :data:`NN_ONLY_WEIGHT`.
     A capitalised word inside a sentence is a likely name and gives none; at a
     sentence's start (the text's first word, a line's, or one after ``.``, ``!``, ``?``)
     a title-case word gives its evidence (``Flogen til byen.``);
   * **compound heads**: a lower-case word that no dictionary knows and that is no marker
     takes the evidence of its head, its longest known last part of at least
     :data:`MIN_HEAD` letters (``utvalsmedlemene``: ``medlemene``; ``rollemodellar``:
     ``modellar``, as ``-ar=er``), since a Norwegian compound carries its inflection in
     its last part. The word still counts as unknown for coverage.

   ``score(nb) = (norwegian + evidence_nb) / (covered + evidence_nb + evidence_nn)`` and
   the same for nn.

The label is the best-scoring candidate; the **margin** is its lead over the runner-up
(0: a tie, which goes to the first candidate, nb by default). A text without words
(empty, numbers, punctuation) has no label. Short fragments that are valid in both norms
("Dette er viktig.") tie, and say so with margin 0.

Texts longer than :data:`SAMPLE_CHARS` characters are read in evenly spaced windows that
hold about that many characters together. :func:`tally_texts` and
:func:`guesses_from_tallies` (or :func:`labels_from_tallies`) identify many texts (the
segments of a corpus) in one vectorised pass; segment tallies add up to the document's.
Above 20,000 characters in one call, the texts are split at white space and factorised
with Arrow, and each distinct token is resolved into its words once per corpus (for both
states it can be met in: starting a sentence or not); the counts are those of finding
every word one by one.

Examples
--------
>>> detect_language("Eg veit ikkje kva dei tenkjer om tenestene i kommunen.")
'nn'
>>> detect_language("Jeg vet ikke hva de tenker om tjenestene i kommunen.")
'nb'
>>> guess = identify_language("Ho er heime no.")
>>> guess.lang, guess.margin > 0
('nn', True)
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import repeat
from typing import NamedTuple
from unicodedata import is_normalized as _is_nfc

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import simplemma
import wordfreq
from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

from discourse.errors import ParameterError
from discourse.resources import read_lines

__all__ = [
    "MARKER_WEIGHT",
    "MIN_HEAD",
    "NN_ONLY_WEIGHT",
    "RARE_ZIPF",
    "SAMPLE_CHARS",
    "LanguageGuess",
    "detect_language",
    "guess_from_tally",
    "guesses_from_tallies",
    "identify_language",
    "labels_from_tallies",
    "language_scores",
    "markers",
    "sample_text",
    "tally_texts",
]

_LANGS = ("nb", "nn", "en")
#: How many known words one norm marker counts as (bokmål against nynorsk).
MARKER_WEIGHT = 3.0
#: How many known words a nynorsk-only word counts as (one that simplemma's nynorsk
#: dictionary knows and that its bokmål dictionary lacks or bokmål text hardly uses).
NN_ONLY_WEIGHT = 1.0
#: Below this Zipf frequency in bokmål (wordfreq), a word the nynorsk dictionary knows
#: counts as nynorsk evidence.
RARE_ZIPF = 2.0
#: Texts longer than this many characters are read in evenly spaced windows.
SAMPLE_CHARS = 50_000
_WINDOWS = 20
# a word (a run of letters); at the start of a line or after a sentence's end, the match
# keeps what stands before it ("\n", ". «"), so that sentence-initial forms are their own
# types (texts are read with a "\n" in front: their first word starts a sentence)
_WORD = re.compile(r"[.!?\n][^\w]*[^\W\d_]+|[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]+$")
#: An ending marker needs at least this many letters before it (``fastlege`` is no ``-leg``).
_MIN_STEM = 3
#: The head of an unknown compound (its last part) has at least this many letters.
MIN_HEAD = 4


class LanguageGuess(NamedTuple):
    """The result of :func:`identify_language`.

    Attributes
    ----------
    lang : str or None
        The best candidate, or None for a text without words.
    margin : float
        The best score minus the runner-up's, 0 to 1 (0: a tie or no words).
    scores : dict
        Each candidate's score (coverage plus markers), 0 to 1.
    n_words : int
        How many words were read (after sampling a long text).
    """

    lang: str | None
    margin: float
    scores: dict[str, float]
    n_words: int


def _check(candidates: tuple[str, ...]) -> None:
    unknown = set(candidates) - set(_LANGS)
    if unknown or not candidates:
        raise ParameterError(
            f"candidates must be one or more of nb, nn, en; got {sorted(unknown) or '()'}"
        )


@cache
def markers(lang: str) -> tuple[frozenset[str], tuple[tuple[str, str | None], ...]]:
    """The norm markers of ``nb`` or ``nn``: word forms and endings (from the resources).

    An ending is ``(ending, counterpart)``; with a counterpart (``-ar=er``) a word counts
    only where putting the counterpart in the ending's place gives a word that the other
    norm's dictionary knows (``brukar``: ``bruker``), so that ``januar`` is no marker.

    Examples
    --------
    >>> words, endings = markers("nn")
    >>> "ikkje" in words, ("leg", None) in endings, ("ar", "er") in endings
    (True, True, True)
    """
    if lang not in ("nb", "nn"):
        raise ParameterError(f"markers exist for nb and nn only, not {lang!r}")
    lines = read_lines(f"language/{lang}.txt")
    words = frozenset(x for x in lines if not x.startswith("-"))
    endings = []
    for line in lines:
        if line.startswith("-"):
            ending, _, counterpart = line[1:].partition("=")
            endings.append((ending, counterpart or None))
    return words, tuple(sorted(endings, key=lambda e: len(e[0]), reverse=True))


_NN_WORDS, _NB_WORDS = markers("nn")[0], markers("nb")[0]


@cache
def _dictionary_get(lang: str):
    """The ``get`` of simplemma's dictionary for ``lang`` (loaded once, on first use)."""
    return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang).get


def _known(word: str, lang: str) -> bool:
    """``simplemma.is_known(word, lang)``, without its per-call overhead.

    For nb, nn and en, simplemma normalises the word to NFC, looks it up as it is and then
    with its first letter's case reversed, and tries apostrophe variants only for a word
    with an apostrophe; that is done here straight on the dictionary. Anything else (an
    apostrophe, a word not in NFC) goes to ``simplemma.is_known`` itself.
    """
    if "'" in word or "\u2019" in word or "\u02bc" in word or not _is_nfc("NFC", word):
        return simplemma.is_known(word, lang)
    get = _dictionary_get(lang)
    if get(word) is not None:
        return True
    return get(word.lower() if word[:1].isupper() else word.capitalize()) is not None


@lru_cache(maxsize=1 << 18)
def _known_all(word: str) -> tuple[bool, bool, bool]:
    """Whether simplemma's nb, nn and en dictionaries know ``word``.

    Cached: word forms that differ in case or in what stands before them share their
    lower-case word.
    """
    return _known(word, "nb"), _known(word, "nn"), _known(word, "en")


_Endings = tuple[tuple[int, str, tuple[str | None, ...]], ...]


@cache
def _ending_index(lang: str) -> tuple[dict[str, _Endings], dict[str, tuple[str | None, ...]]]:
    """The ending markers of ``lang``, indexed by their last letters.

    A dict from the last two letters of each ending of two or more letters to
    ``(length, ending, counterparts)``, longest first, and a dict from each one-letter
    ending to its counterparts (None for an ending without one; in file order).
    """
    counterparts: dict[str, tuple[str | None, ...]] = {}
    for ending, counterpart in markers(lang)[1]:  # longest first
        counterparts[ending] = (*counterparts.get(ending, ()), counterpart)
    tails: dict[str, _Endings] = {}
    for ending, options in counterparts.items():
        if len(ending) >= 2:
            tails[ending[-2:]] = (*tails.get(ending[-2:], ()), (len(ending), ending, options))
    ones = {e: options for e, options in counterparts.items() if len(e) == 1}
    return tails, ones


def _ending_marks(stem: str, options: tuple[str | None, ...], other: str) -> bool:
    """Whether an ending marks its norm: it needs no counterpart, or one makes a word.

    ``stem`` + a counterpart must be a word of the ``other`` norm (``brukar``: ``bruker``).
    """
    return any(c is None or _known(stem + c, other) for c in options)


def _marker_of(word: str) -> str | None:
    """``nb``, ``nn`` or None: the norm a lower-case word form marks.

    Marker words first, then endings; nynorsk before bokmål, and within a norm the
    longest ending first (an ending with a counterpart counts only where the other
    norm's dictionary knows the word with the counterpart in the ending's place).
    """
    if word in _NN_WORDS:
        return "nn"
    if word in _NB_WORDS:
        return "nb"
    size = len(word)
    if size <= _MIN_STEM:
        return None
    tail, last = word[-2:], word[-1]
    for lang, other in (("nn", "nb"), ("nb", "nn")):
        tails, ones = _ending_index(lang)
        for length, ending, options in tails.get(tail, ()):
            if (
                size >= length + _MIN_STEM
                and word.endswith(ending)
                and _ending_marks(word[: size - length], options, other)
            ):
                return lang
        options = ones.get(last)
        if options is not None and _ending_marks(word[:-1], options, other):
            return lang
    return None


def _head(word: str) -> str | None:
    """The head of an unknown lower-case compound: its longest known last part, or None.

    Norwegian compounds carry their inflection, and so their norm, in the last part
    (``utvalsmedlemene``: ``medlemene``; ``rollemodellar``: ``modellar``). The head is the
    longest ending of at least :data:`MIN_HEAD` letters, after at least three letters,
    that either Norwegian dictionary knows or that is a marker word; a head that starts
    with the linking ``s`` of a compound is read without it when that is a word too
    (``forhandlingskort``: ``kort``, not ``skort``).
    """
    for i in range(_MIN_STEM, len(word) - MIN_HEAD + 1):
        head = word[i:]
        if _norwegian_part(head):
            rest = head[1:]
            if head[0] == "s" and len(rest) >= MIN_HEAD and _norwegian_part(rest):
                return rest
            return head
    return None


@lru_cache(maxsize=1 << 18)
def _norwegian_part(part: str) -> bool:
    """A possible compound head: either Norwegian dictionary knows it, or a marker word.

    Cached: the endings of different compounds are mostly the same strings.
    """
    return _known(part, "nb") or _known(part, "nn") or _marker_word(part)


def _marker_word(word: str) -> bool:
    return word in _NN_WORDS or word in _NB_WORDS


def _rare_in_bokmal(word: str) -> bool:
    """True for a word of three or more letters that bokmål text hardly uses (wordfreq)."""
    return len(word) >= 3 and wordfreq.zipf_frequency(word, "nb") < RARE_ZIPF


# What one occurrence of a word form adds to a text's tally (see _tally):
# [0] words, [1] lower-case words, then for lower-case (2..7) and capitalised (8..13)
# words of two or more letters: covered, known nb, known nn, known en, known nb or nn,
# nynorsk-only; [14] nb markers, [15] nn markers.
_FIELDS = 16
_INDEX: dict[str, int] = {}
_TABLE = np.zeros((0, _FIELDS), dtype=np.int32)
_CACHE_LIMIT = 1_000_000


def _norm_evidence(word: str, kb: bool, kn: bool) -> tuple[str | None, bool]:
    """The norm a lower-case word marks (or None), and whether it is nynorsk-only."""
    marker = _marker_of(word)
    # simplemma's bokmål dictionary holds most nynorsk forms as well, so a word only it
    # knows says little; a word the nynorsk dictionary knows and that the bokmål
    # dictionary lacks or bokmål text hardly uses is evidence for nynorsk
    nn_only = marker is None and kn and len(word) >= 3 and (not kb or _rare_in_bokmal(word))
    return marker, nn_only


def _row(form: str) -> tuple[int, ...]:
    """The tally row of one word form (dictionary look-ups happen here, once per form).

    A title-case form that starts a sentence (``_WORD`` kept what stands before it) may be
    a name ("Jonas met ..."), so it stays out of coverage like any capitalised word, but
    its nynorsk-only evidence counts as a lower-case word's would (``Kveite``, ``Tida``).
    """
    initial = not form[0].isalpha()
    if initial:
        form = _LETTERS.search(form).group()  # type: ignore[union-attr]
    title_start = initial and form[0].isupper() and (form[1:].islower() or len(form) == 1)
    word = form.lower()
    kb, kn, ke = _known_all(word)
    marker, nn_only = _norm_evidence(word, kb, kn)
    if (
        marker is None
        and not (kb or kn or ke)
        and form[0].islower()  # capitalised: likely a name (Sponheim is no -heim)
        and not initial
        and len(word) >= _MIN_STEM + MIN_HEAD
        and (head := _head(word)) is not None
    ):  # an unknown compound has the norm of its head (coverage stays unknown)
        marker, nn_only = _norm_evidence(head, _known(head, "nb"), _known(head, "nn"))
    cover = (1, kb, kn, ke, kb or kn, nn_only) if len(word) >= 2 else (0,) * 6
    capital = form[0].isupper()
    lower = (0,) * 6 if capital else cover
    upper = cover if capital else (0,) * 6
    if title_start:  # its norm evidence counts; for coverage it may still be a name
        lower = (0, 0, 0, 0, 0, nn_only)
    return (
        1,
        int(not capital),
        *map(int, lower),
        *map(int, upper),
        int(marker == "nb"),
        int(marker == "nn"),
    )


def _ids(forms: list[str]) -> list[int]:
    global _TABLE
    if len(_INDEX) >= _CACHE_LIMIT:  # a bound on memory for endless streams of new forms
        _INDEX.clear()
        _TABLE = np.zeros((0, _FIELDS), dtype=np.int32)
    new = set(forms).difference(_INDEX)
    if new:
        rows = []
        for form in sorted(new):
            _INDEX[form] = len(_TABLE) + len(rows)
            rows.append(_row(form))
        _TABLE = np.concatenate([_TABLE, np.array(rows, dtype=np.int32)])
    return list(map(_INDEX.__getitem__, forms))


def _chunks(texts: list[str], size: int = 2_000_000):
    """``(begin, end)`` ranges of texts of about ``size`` characters (bounds memory)."""
    begin = 0
    while begin < len(texts):
        end, chars = begin, 0
        while end < len(texts) and (end == begin or chars + len(texts[end]) <= size):
            chars += len(texts[end])
            end += 1
        yield begin, end
        begin = end


def _tallies_by_words(texts: list[str]) -> np.ndarray:
    """:func:`_tallies` the straightforward way: every word of every text, in context."""
    out = np.zeros((len(texts), _FIELDS), dtype=np.int64)
    for begin, end in _chunks(texts):
        found = [_WORD.findall("\n" + t) for t in texts[begin:end]]
        lengths = np.array([len(forms) for forms in found], dtype=np.int64)
        if lengths.sum():
            ids = np.asarray(_ids([f for forms in found for f in forms]), dtype=np.int64)
            starts = np.cumsum(lengths) - lengths
            full = lengths > 0
            out[begin:end][full] = np.add.reduceat(_TABLE[ids], starts[full], axis=0)
    return out


# The fast path reads white-space tokens instead of words: each distinct token ("court.",
# "«Eg") is resolved into its words once per corpus, for both states it can be met in
# (starting a sentence or not), and a token's state comes from the tokens before it.
# Splitting and factorising run in Arrow's compute kernels.
_LINE = "\x00"  # stands for a line break
_TOKEN_PATH_CHARS = 20_000  # below this many characters, words are found one by one
_TOKEN_INDEX: dict[str, int] = {}
_TOKEN_ROWS = np.zeros((0, 2, _FIELDS), dtype=np.int32)  # [token, starts a sentence]
_TOKEN_SETS = np.zeros(0, dtype=bool)  # decides the state of the next token ...
_TOKEN_ENDS = np.zeros(0, dtype=bool)  # ... which then starts a sentence
_TAIL = re.compile(r"\W*$")
_ENDS = re.compile(r"[.!?]")


def _add_tokens(tokens: list[str]) -> None:
    """Resolve new white-space tokens into tally rows (``_WORD`` applied to each)."""
    global _TOKEN_ROWS, _TOKEN_SETS, _TOKEN_ENDS
    forms = [[_WORD.findall(p + t) for p in ("", "\n")] for t in tokens]
    ids = _ids([f for pair in forms for found in pair for f in found])
    table = _TABLE  # _ids may have replaced it
    # the rows of each (token, state)'s words, summed in one pass (in token, state order)
    lengths = np.fromiter((len(found) for pair in forms for found in pair), np.int64)
    rows = np.zeros((2 * len(tokens), _FIELDS), dtype=np.int32)
    full = lengths > 0
    if full.any():
        starts = np.cumsum(lengths) - lengths
        summed = np.add.reduceat(table[ids], starts[full], axis=0, dtype=np.int64)
        rows[full] = summed
    rows = rows.reshape(len(tokens), 2, _FIELDS)
    sets, ends = [], []
    for t in tokens:
        if t == _LINE:
            sets.append(True)
            ends.append(True)
        else:  # a token with a word character decides; punctuation alone passes it on
            tail = _TAIL.search(t).group()  # type: ignore[union-attr]
            ended = _ENDS.search(tail) is not None
            sets.append(len(tail) < len(t) or ended)
            ends.append(ended)
    for t in tokens:
        _TOKEN_INDEX[t] = len(_TOKEN_INDEX)
    _TOKEN_ROWS = np.concatenate([_TOKEN_ROWS, rows])
    _TOKEN_SETS = np.concatenate([_TOKEN_SETS, np.array(sets, dtype=bool)])
    _TOKEN_ENDS = np.concatenate([_TOKEN_ENDS, np.array(ends, dtype=bool)])


def _token_ids(tokens: list[str]) -> np.ndarray:
    """Ids of distinct tokens in the token cache (new ones are resolved first)."""
    global _TOKEN_ROWS, _TOKEN_SETS, _TOKEN_ENDS
    if len(_TOKEN_INDEX) + len(tokens) >= _CACHE_LIMIT:
        _TOKEN_INDEX.clear()
        _TOKEN_ROWS = np.zeros((0, 2, _FIELDS), dtype=np.int32)
        _TOKEN_SETS = np.zeros(0, dtype=bool)
        _TOKEN_ENDS = np.zeros(0, dtype=bool)
    ids = np.fromiter(map(_TOKEN_INDEX.get, tokens, repeat(-1)), np.int64, len(tokens))
    missing = np.flatnonzero(ids < 0)
    if len(missing):
        new = [tokens[i] for i in missing]  # distinct already
        _add_tokens(new)
        ids[missing] = [_TOKEN_INDEX[t] for t in new]
    return ids


def _tallies(texts: list[str]) -> np.ndarray:
    """One tally row (``_FIELDS`` counts) per text; tallies add up over texts.

    Equal to :func:`_tallies_by_words`, faster: each distinct white-space token is looked
    up once per call, and resolved once per corpus, instead of every word being found by
    a regular expression and looked up.
    """
    if sum(map(len, texts)) < _TOKEN_PATH_CHARS or any(_LINE in t for t in texts):
        # short texts: Arrow's fixed costs dominate; the line stand-in: ambiguous
        return _tallies_by_words(texts)
    return _tallies_by_tokens(texts)


def _tallies_by_tokens(texts: list[str]) -> np.ndarray:
    """:func:`_tallies` by white-space tokens (texts without ``_LINE``)."""
    out = np.zeros((len(texts), _FIELDS), dtype=np.int64)
    for begin, end in _chunks(texts):
        chunk = pa.array(texts[begin:end], type=pa.large_string())
        lists = pc.utf8_split_whitespace(pc.replace_substring(chunk, "\n", f" {_LINE} "))
        offsets = np.asarray(lists.offsets, dtype=np.int64)
        lengths = np.diff(offsets)
        if not lengths.sum():
            continue
        encoded = pc.dictionary_encode(lists.flatten())
        local = np.asarray(encoded.indices, dtype=np.int64)
        ids = _token_ids(encoded.dictionary.to_pylist())[local]
        # a token starts a sentence when the last deciding token before it in its text
        # ends one, or when there is none (the text's first words)
        position = np.arange(len(ids))
        last = np.maximum.accumulate(np.where(_TOKEN_SETS[ids], position, -1))
        before = np.empty(len(ids), dtype=np.int64)
        before[0] = -1
        before[1:] = last[:-1]
        text_start = np.repeat(offsets[:-1], lengths)
        inside = before >= text_start
        starts_sentence = np.ones(len(ids), dtype=np.int64)
        starts_sentence[inside] = _TOKEN_ENDS[ids[before[inside]]]
        rows = _TOKEN_ROWS.reshape(-1, _FIELDS).take(2 * ids + starts_sentence, axis=0)
        full = lengths > 0
        out[begin:end][full] = np.add.reduceat(rows, offsets[:-1][full], axis=0)
    return out


def sample_text(text: str) -> str:
    """``text``, or for a text over :data:`SAMPLE_CHARS` characters its sampled windows.

    What :func:`identify_language` reads: :data:`SAMPLE_CHARS` // 20 characters at each
    of 20 evenly spaced places, joined by line breaks.

    Examples
    --------
    >>> sample_text("Eg veit.") == "Eg veit."
    True
    >>> len(sample_text("x" * 200_000)) == SAMPLE_CHARS + 19
    True
    """
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // _WINDOWS
    step = len(text) / _WINDOWS
    return "\n".join(text[int(i * step) : int(i * step) + width] for i in range(_WINDOWS))


def _score_matrix(tallies: np.ndarray, candidates: tuple[str, ...]) -> np.ndarray:
    """Scores (one column per candidate) of tally rows."""
    t = np.asarray(tallies, dtype=np.float64).reshape(-1, _FIELDS)
    # capitalised words are left out of coverage as likely names, unless nearly all words
    # are capitalised (a title, a text in capitals)
    caps = t[:, 1] < 0.2 * t[:, 0]
    part = t[:, 2:8] + caps[:, None] * t[:, 8:14]
    n_cover, kb, kn, ke, norwegian, nn_only = part.T
    known = {"nb": kb, "nn": kn, "en": ke}
    pair = "nb" in candidates and "nn" in candidates
    # bokmål against nynorsk: a word either dictionary knows counts for both; the
    # difference comes from the markers and from nynorsk-only words
    evidence = {"nb": MARKER_WEIGHT * t[:, 14], "nn": MARKER_WEIGHT * t[:, 15]}
    evidence["nn"] = evidence["nn"] + NN_ONLY_WEIGHT * nn_only
    denominator = n_cover + evidence["nb"] + evidence["nn"]
    columns = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for lang in candidates:
            if pair and lang in ("nb", "nn"):
                score = np.where(denominator > 0, (norwegian + evidence[lang]) / denominator, 0)
            else:
                score = np.where(n_cover > 0, known[lang] / n_cover, 0)
            columns.append(np.minimum(score, 1.0))
    return np.stack(columns, axis=1)


def _best(tallies: np.ndarray, candidates: tuple[str, ...]):
    """Scores, the best candidate's index, its score and the runner-up's, per tally row."""
    _check(candidates)
    tallies = np.asarray(tallies).reshape(-1, _FIELDS)
    scores = _score_matrix(tallies, candidates)
    best = scores.argmax(axis=1)  # the first of equal scores: ties go to the first candidate
    top = scores[np.arange(len(scores)), best]
    runner = np.sort(scores, axis=1)[:, -2] if len(candidates) > 1 else np.zeros(len(scores))
    return tallies, scores, best, top, runner


def labels_from_tallies(
    tallies: np.ndarray, candidates: tuple[str, ...] = _LANGS
) -> tuple[list[str | None], np.ndarray]:
    """The label and margin of every row of :func:`tally_texts`, without the scores.

    The same labels and margins as :func:`guesses_from_tallies`, as a list and an array,
    for many texts (the segments of a corpus).

    Examples
    --------
    >>> langs, margins = labels_from_tallies(tally_texts(["Eg veit ikkje.", "1234"]))
    >>> langs, margins.round(2).tolist()
    (['nn', None], [0.82, 0.0])
    """
    _, _, best, top, runner = _best(tallies, candidates)
    found = top > 0
    pairs = zip(best.tolist(), found.tolist(), strict=True)
    langs = [candidates[b] if f else None for b, f in pairs]
    return langs, np.where(found, top - runner, 0.0)


def guesses_from_tallies(
    tallies: np.ndarray, candidates: tuple[str, ...] = _LANGS
) -> list[LanguageGuess]:
    """One :class:`LanguageGuess` per row of :func:`tally_texts` (vectorised).

    Examples
    --------
    >>> [g.lang for g in guesses_from_tallies(tally_texts(["Eg veit ikkje.", "Ikke jeg."]))]
    ['nn', 'nb']
    """
    tallies, scores, best, top, runner = _best(tallies, candidates)
    out = []
    for row, b, s, r, n in zip(scores, best, top, runner, tallies[:, 0], strict=True):
        named = {lang: float(v) for lang, v in zip(candidates, row, strict=True)}
        if s <= 0:
            out.append(LanguageGuess(None, 0.0, named, int(n)))
        else:
            out.append(LanguageGuess(candidates[b], float(s - r), named, int(n)))
    return out


def guess_from_tally(tally: np.ndarray, candidates: tuple[str, ...] = _LANGS) -> LanguageGuess:
    """The :class:`LanguageGuess` of one tally (a row of :func:`tally_texts`, or a sum).

    Examples
    --------
    >>> rows = tally_texts(["Eg veit ikkje.", "Kva meiner du?"])
    >>> guess_from_tally(rows.sum(axis=0)).lang
    'nn'
    """
    return guesses_from_tallies(np.asarray(tally).reshape(1, _FIELDS), candidates)[0]


def tally_texts(texts: list[str]) -> np.ndarray:
    """Word counts per text that :func:`guess_from_tally` turns into a language guess.

    Tallies add up: the sum of the rows of a document's segments is the document's tally,
    so that segments and their document are identified in one pass over the words.

    Examples
    --------
    >>> tally_texts(["Eg veit.", "1234"])[:, 0].tolist()  # words per text
    [2, 0]
    """
    return _tallies(list(texts))


def identify_language(text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")) -> LanguageGuess:
    """The language of ``text`` with its margin over the runner-up and every score.

    Parameters
    ----------
    text : str
        Any text; long texts are sampled (see the module docstring).
    candidates : tuple of str
        Languages to choose from, among ``nb``, ``nn`` and ``en``; a tie goes to the
        first.

    Returns
    -------
    LanguageGuess
        ``(lang, margin, scores, n_words)``; ``lang`` is None when the text has no words.

    Raises
    ------
    ParameterError
        A candidate other than nb, nn or en.

    Examples
    --------
    >>> g = identify_language("Dette er berre ein test.")
    >>> g.lang, g.margin, {lang: round(score, 2) for lang, score in g.scores.items()}
    ('nn', 0.5, {'nb': 0.4, 'nn': 1.0, 'en': 0.5})
    >>> identify_language("1234, 56.").lang is None
    True
    """
    _check(candidates)
    return guess_from_tally(_tallies([sample_text(text)])[0], candidates)


def language_scores(
    text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")
) -> dict[str, float]:
    """Plain ``simplemma.langdetect``: the share of the text's words each dictionary knows.

    The baseline that :func:`identify_language` improves on; simplemma samples the 100
    most frequent words of three or more letters and leaves out capitalised ones.

    Examples
    --------
    >>> language_scores("the cat is on the mat", ("en", "nb"))["en"]
    1.0
    """
    _check(candidates)
    return {
        lang: score for lang, score in simplemma.langdetect(text, lang=candidates) if lang != "unk"
    }


def detect_language(text: str, candidates: tuple[str, ...] = ("nb", "nn", "en")) -> str | None:
    """The most likely language of ``text``, or None when it has no words.

    The label of :func:`identify_language`.

    Examples
    --------
    >>> detect_language("We do not know what they think of the services.")
    'en'
    """
    return identify_language(text, candidates).lang
