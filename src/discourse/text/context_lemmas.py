"""Lemmas in context: proper nouns keep their form, context corrections, one entry point.

:func:`lemmatize_tokens` is the one place where a token's lemma is decided. Both
:func:`discourse.preprocess` and ``benchmarks/bench_lemmas.py`` call it, so the benchmark
measures what users get. Work is done per word *type*; the context enters as counts over
the whole corpus (or benchmark), never as a per-token loop.

Proper nouns (lemmatiser ``simplemma`` only; Snowball stems and ``none`` are unchanged):

* A capitalised word type seen **mid-sentence** (not the first word of a sentence, not
  right after an opening quote, dash, bracket or colon) is a proper noun when its
  lower-case form is no dictionary word ("Oslo", "Djupedal"), when it is a listed name
  (the shipped list ``resources/names/no.txt``, the corpus's ``speaker_name`` values, or
  the user's ``proper_names:``), or when the corpus has it capitalised mid-sentence more
  than four times as often as in lower case ("Hagen" in a debate about Carl I. Hagen,
  "Møre"; not "Government" in 19th-century English, which also has "government").
* A capitalised type seen **only** at sentence starts follows the same evidence: it is a
  proper noun when its lower-case form never occurs in the corpus and it is a listed name or
  no dictionary word. So "Per" at the start of "Per Olsen sa …" is the name when the corpus
  has no "per", and "Per dag …" is the preposition when the corpus has "per" elsewhere.
* A listed name at a sentence start right before a proper noun is the name in that
  token ("Per Olsen sa …"), whatever the decision for its form elsewhere.
* Single letters ("I", "A") are never proper nouns, nor are hyphenated compounds whose
  last part is in lower case ("NAV-lederen" → "nav-leder").

A proper noun's lemma is its form with its case kept, without a genitive ``-s`` where the
base is a name or a definite form ("Norges" → "Norge", "Stortingets" → "Stortinget", as in
the Universal Dependencies Norwegian treebanks). Corrections whose key has a capital letter
apply to that exact form ("Storting" → "Stortinget"); lower-case keys (shipped corrections
and the user's ``lemmas:``) win over the proper-noun rule for every case of the word.

Context corrections (``resources/lemmas/<lang>-context.tsv``: previous word, form, lemma)
fix fixed expressions per token ("i går": "går" is the noun *går*, elsewhere the verb *gå*).

Examples
--------
>>> words = "Per Olsen bor i Hagen , og Per sier at prisen er 20 kroner per dag .".split()
>>> starts = [True] + [False] * (len(words) - 1)
>>> lemmatize_tokens(words, starts, "nb").lemmas[:8]
['Per', 'Olsen', 'bo', 'i', 'Hagen', ',', 'og', 'Per']
>>> lemmatize_tokens(words, starts, "nb").lemmas[-3:-1]
['per', 'dag']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import simplemma

from discourse.errors import ParameterError
from discourse.resources import read_lines
from discourse.text.lemmatize import Lemmatizer
from discourse.text.tokenize import normalise_token

__all__ = ["TokenLemmas", "lemmatize_tokens", "name_words", "shipped_names"]

#: tokens after which a capital letter says nothing about a name
_OPENERS = frozenset("«\"“”„'‘’‹›»([{–—-:•*")
#: a dictionary word is a proper noun when capitalised mid-sentence more than this many
#: times as often as written in lower case ("Hagen" 40, "hagen" 3); "Government" beside
#: "government" in older English prose stays a common noun
_RARE = 4
#: a name's genitive base must be at least this long ("Pers" → "Per", not "Ås" → "Å")
_MIN_BASE = 2


@cache
def shipped_names(lang: str) -> frozenset[str]:
    """The shipped names list for a language (Norwegian for ``nb`` and ``nn``)."""
    name = {"nb": "no", "nn": "no"}.get(lang, lang)
    try:
        return frozenset(read_lines(f"names/{name}.txt"))
    except FileNotFoundError:
        return frozenset()


@cache
def _context_rules(lang: str) -> tuple[tuple[str, str, str], ...]:
    try:
        lines = read_lines(f"lemmas/{lang}-context.tsv")
    except FileNotFoundError:
        return ()
    rules = []
    for line in lines:
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) == 3 and all(parts):
            rules.append((parts[0], parts[1], parts[2]))
    return tuple(rules)


def name_words(names: Iterable[object]) -> frozenset[str]:
    """The capitalised words of full names ("Øystein Djupedal" → Øystein, Djupedal).

    Missing values and words that do not start with a capital letter ("van", "(SV)") are
    skipped.

    Examples
    --------
    >>> sorted(name_words(["Øystein Djupedal", None, "Ine Marie Eriksen Søreide"]))
    ['Djupedal', 'Eriksen', 'Ine', 'Marie', 'Søreide', 'Øystein']
    """
    out: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            continue
        for word in name.replace(",", " ").split():
            word = word.strip(".()")
            if len(word) > 1 and word[0].isupper() and any(c.isalpha() for c in word):
                out.add(word)
    return frozenset(out)


@dataclass(frozen=True)
class TokenLemmas:
    """The lemmas of a token sequence, decided per surface type.

    Attributes
    ----------
    codes : ndarray of int
        Each token's index into ``types``.
    types : ndarray of str
        The distinct surface forms.
    type_lemma : ndarray of object
        The lemma of each surface type (``None`` for types no token uses).
    type_proper : ndarray of bool
        Whether each surface type is a proper noun.
    override_rows, override_lemmas, override_proper : ndarray
        Tokens whose lemma a context rule sets, those lemmas, and whether each such token
        is a proper noun.
    """

    codes: np.ndarray
    types: np.ndarray
    type_lemma: np.ndarray
    type_proper: np.ndarray
    override_rows: np.ndarray
    override_lemmas: np.ndarray
    override_proper: np.ndarray

    @property
    def lemmas(self) -> list[str]:
        """One lemma per token."""
        out = self.type_lemma[self.codes]
        out[self.override_rows] = self.override_lemmas
        return out.tolist()

    @property
    def proper(self) -> np.ndarray:
        """One flag per token: True for a proper noun."""
        out = self.type_proper[self.codes]
        out[self.override_rows] = self.override_proper
        return out


def lemmatize_tokens(
    surfaces: Sequence[str] | pd.Categorical,
    sentence_starts: Sequence[bool] | np.ndarray,
    lang: str,
    *,
    names: Iterable[str] | None = None,
    lemmatizer: Lemmatizer | None = None,
    method: str = "simplemma",
    corrections: dict[str, str] | None = None,
    norms: Sequence[str] | None = None,
    words: Sequence[bool] | np.ndarray | None = None,
) -> TokenLemmas:
    """Lemmatise a sequence of tokens of one language, with proper nouns kept.

    Parameters
    ----------
    surfaces : sequence of str or pandas.Categorical
        The tokens as written, in order (a Categorical is used as codes and types).
    sentence_starts : sequence of bool
        True where a token starts a sentence.
    lang : {"nb", "nn", "en"}
        The tokens' language.
    names : iterable of str, optional
        Extra name words (speaker names, the user's ``proper_names:``), beside the shipped list.
    lemmatizer : Lemmatizer, optional
        The lemmatiser to use; by default one is made from ``method`` and ``corrections``.
    method : {"simplemma", "snowball", "none"}
        Used when ``lemmatizer`` is not given. Only ``simplemma`` keeps proper nouns.
    corrections : dict, optional
        User ``form → lemma`` corrections (used when ``lemmatizer`` is not given).
    norms : sequence of str, optional
        The normalised (lower-case) form of each surface type, if the caller has them.
    words : sequence of bool, optional
        Per surface type, whether it is a word (others keep their normalised form as the
        lemma); by default, types with a letter are words.

    Returns
    -------
    TokenLemmas
        Per-type lemmas and proper-noun flags; ``.lemmas`` and ``.proper`` per token.

    Raises
    ------
    ParameterError
        When ``sentence_starts`` and ``surfaces`` differ in length.

    Examples
    --------
    >>> toks = ["Regjeringens", "forslag", "går", "til", "Stortinget", "."]
    >>> lemmatize_tokens(toks, [True] + [False] * 5, "nb").lemmas
    ['regjering', 'forslag', 'gå', 'til', 'Stortinget', '.']
    """
    if isinstance(surfaces, pd.Categorical):
        codes = np.asarray(surfaces.codes, dtype=np.int64)
        types = np.asarray(surfaces.categories, dtype=object)
    else:
        codes, types = pd.factorize(pd.Series(list(surfaces), dtype=object))
        codes = np.asarray(codes, dtype=np.int64)
        types = np.asarray(types, dtype=object)
    starts = np.asarray(sentence_starts, dtype=bool)
    if len(starts) != len(codes):
        raise ParameterError(f"sentence_starts has {len(starts)} entries for {len(codes)} tokens")
    lem = lemmatizer if lemmatizer is not None else Lemmatizer(lang, method, corrections)
    n_types = len(types)
    used = np.bincount(codes, minlength=n_types) > 0 if len(codes) else np.zeros(n_types, bool)
    if norms is None:
        norm_of = [normalise_token(t) if u else "" for t, u in zip(types, used, strict=True)]
    else:
        norm_of = list(norms)
    if words is None:
        is_word = np.fromiter(
            (u and any(c.isalpha() for c in t) for t, u in zip(types, used, strict=True)),
            bool,
            n_types,
        )
    else:
        is_word = np.asarray(words, dtype=bool) & used

    used_idx = np.flatnonzero(used)
    used_norms = [norm_of[i] for i in used_idx.tolist()]
    used_words = is_word[used_idx].tolist()
    word_norms = dict.fromkeys(w for w, wd in zip(used_norms, used_words, strict=True) if wd)
    lemma_of = {w: lem(w) for w in word_norms}  # each normalised form once
    type_lemma = np.empty(n_types, dtype=object)
    type_lemma[used_idx] = [
        lemma_of[w] if wd else w for w, wd in zip(used_norms, used_words, strict=True)
    ]
    type_proper = np.zeros(n_types, dtype=bool)
    if lem.method != "simplemma" or not len(codes):
        none = np.zeros(0, dtype=np.int64)
        return TokenLemmas(
            codes, types, type_lemma, type_proper, none, none.astype(object), none.astype(bool)
        )

    all_names = shipped_names(lang) | frozenset(names or ())
    ambiguous = _ambiguous_positions(codes, types, starts, is_word)
    _decide_proper(
        codes, types, ambiguous, is_word, norm_of, type_lemma, type_proper, lem, all_names
    )
    rows, lemmas = _context_overrides(codes, norm_of, is_word, type_proper, lang)
    name_rows = _names_before_names(codes, types, ambiguous, type_proper, all_names, lem)
    name_rows = np.setdiff1d(name_rows, rows)
    return TokenLemmas(
        codes,
        types,
        type_lemma,
        type_proper,
        np.concatenate([rows, name_rows]),
        np.concatenate([lemmas, types[codes[name_rows]]]),
        np.concatenate([np.zeros(len(rows), bool), np.ones(len(name_rows), bool)]),
    )


def _names_before_names(
    codes: np.ndarray,
    types: np.ndarray,
    ambiguous: np.ndarray,
    type_proper: np.ndarray,
    names: frozenset[str],
    lem: Lemmatizer,
) -> np.ndarray:
    """Sentence-initial listed names right before a proper noun ("Per Olsen sa …").

    Such a token is the name even where the corpus-wide decision for its form is the
    common word (the corpus also has "per" in lower case).
    """
    if not names or len(codes) < 2:
        return np.zeros(0, np.int64)
    listed = np.fromiter(
        (
            not p and len(t) > 1 and t in names and t.lower() not in lem.corrections
            for t, p in zip(types, type_proper, strict=True)
        ),
        bool,
        len(types),
    )
    if not listed.any():
        return np.zeros(0, np.int64)
    hit = ambiguous[:-1] & listed[codes[:-1]] & type_proper[codes[1:]]
    return np.flatnonzero(hit).astype(np.int64)


def _ambiguous_positions(
    codes: np.ndarray, types: np.ndarray, starts: np.ndarray, is_word: np.ndarray
) -> np.ndarray:
    """Tokens where a capital letter is expected anyway.

    A sentence's first word, or a word right after an opening quote, dash, bracket,
    bullet or colon.
    """
    n = len(codes)
    tok_word = is_word[codes]
    out = np.zeros(n, bool)
    if not n:
        return out
    # the first word token of each sentence: a word whose sentence differs from the
    # previous word's (the first token always opens a sentence)
    sentence = np.cumsum(starts)
    words = np.flatnonzero(tok_word)
    of_word = sentence[words]
    first = np.ones(len(words), bool)
    first[1:] = of_word[1:] != of_word[:-1]
    out[words[first]] = True
    opener = np.fromiter((t in _OPENERS for t in types), bool, len(types))
    out[1:] |= opener[codes[:-1]] & tok_word[1:]
    return out


def _decide_proper(
    codes: np.ndarray,
    types: np.ndarray,
    ambiguous: np.ndarray,
    is_word: np.ndarray,
    norm_of: list[str],
    type_lemma: np.ndarray,
    type_proper: np.ndarray,
    lem: Lemmatizer,
    names: frozenset[str],
) -> None:
    """Mark proper-noun types and give them their own form as lemma (in place)."""
    n_types = len(types)
    per_type = np.bincount(codes, minlength=n_types)
    present = np.flatnonzero(is_word & (per_type > 0))
    forms = types[present].tolist()
    cap = [len(t) > 1 and t[0].isupper() for t in forms]
    if not any(cap):
        return
    capital = np.zeros(n_types, dtype=bool)
    capital[present[np.asarray(cap, dtype=bool)]] = True
    cap_mid = np.bincount(codes[~ambiguous], minlength=n_types) * capital
    # how often each normalised form occurs written in lower case
    lower_count: dict[str, int] = {}
    for i, t, c in zip(present.tolist(), forms, per_type[present].tolist(), strict=True):
        norm = norm_of[i]
        if t == norm:
            lower_count[norm] = lower_count.get(norm, 0) + c
    corrections = lem.corrections
    lang = lem.lang
    candidates = np.flatnonzero(capital)

    def is_proper(i: int, t: str, mid: int) -> bool:
        norm = norm_of[i]
        if norm in corrections:  # lower-case corrections (shipped or the user's) win
            return False
        if t in corrections:
            return True
        if "-" in t and t.rpartition("-")[2][:1].islower():
            return False  # "NAV-lederen", "Oslo-politiet": a common noun ending ("nav-leder")
        named = t in names or (
            lang != "en" and t.endswith("s") and len(t) > _MIN_BASE + 1 and t[:-1] in names
        )
        low = lower_count.get(norm, 0)
        if named and (mid > 0 or low == 0):
            return True
        if mid == 0 and low > 0:
            return False
        if mid > 0 and low * _RARE < mid:
            return True
        # the rest turns on whether the lower-case form is a dictionary word
        return not (type_lemma[i] != norm or simplemma.is_known(norm, lang=lang))

    cand_forms = types[candidates].tolist()
    type_proper[candidates] = [
        is_proper(i, t, m)
        for i, t, m in zip(
            candidates.tolist(), cand_forms, cap_mid[candidates].tolist(), strict=True
        )
    ]
    # a genitive's base seen capitalised in the corpus counts as a name ("Hitlers": "Hitler")
    seen = frozenset(cand_forms)
    for i in np.flatnonzero(type_proper):
        type_lemma[i] = _proper_lemma(types[i], lang, names, seen, corrections)


def _proper_lemma(
    form: str,
    lang: str,
    names: frozenset[str],
    seen: frozenset[str],
    corrections: dict[str, str],
) -> str:
    """A proper noun's lemma: its form, without a genitive -s where fitting.

    The -s goes where the base is a name (listed, or seen capitalised in the corpus) or a
    definite form.
    """
    lemma = form
    if lang != "en" and form.endswith("s") and len(form) > _MIN_BASE + 1:
        base = form[:-1]
        if (
            base in names
            or base in seen
            or base in corrections
            or (len(base) >= 4 and base.endswith(("en", "et")) and form not in names)
        ) and form not in names:
            lemma = base
    return corrections.get(lemma, lemma)


def _context_overrides(
    codes: np.ndarray,
    norm_of: list[str],
    is_word: np.ndarray,
    type_proper: np.ndarray,
    lang: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and lemmas that a context rule (previous word, form) sets."""
    rules = _context_rules(lang)
    if not rules or len(codes) < 2:
        return np.zeros(0, np.int64), np.zeros(0, object)
    by_norm: dict[str, list[int]] = {}
    for i, w in enumerate(norm_of):
        if is_word[i] and not type_proper[i]:
            by_norm.setdefault(w, []).append(i)
    rows, lemmas = [], []
    for prev, form, lemma in rules:
        if form not in by_norm or prev not in by_norm:
            continue
        is_form = np.zeros(len(norm_of), bool)
        is_form[by_norm[form]] = True
        is_prev = np.zeros(len(norm_of), bool)
        is_prev[by_norm[prev]] = True
        hit = np.flatnonzero(is_form[codes[1:]] & is_prev[codes[:-1]]) + 1
        rows.append(hit)
        lemmas.extend([lemma] * len(hit))
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, object)
    return np.concatenate(rows).astype(np.int64), np.asarray(lemmas, dtype=object)
