"""``preprocess``: a :class:`~discourse.corpus.Corpus` in, aligned :class:`Tokens` out.

The pipeline, per segment language (the segment's ``lang``: the file's own, else the
document's ``lang`` metadata, else ``corpus.yml``):

1. tokenise each document's normalised text (:mod:`discourse.text.tokenize`), keeping
   character offsets into that text, and drop what lies outside segments (speaker labels);
2. normalise each token type: lower case, one form for quotes and dashes, no soft hyphens;
   URLs and e-mail addresses are masked as ``<url>`` and ``<email>``;
3. split sentences (abbreviations do not end them);
4. lemmatise each word *type* once (simplemma, or Snowball stems), through
   :func:`discourse.text.context_lemmas.lemmatize_tokens`: proper nouns keep their form
   with its case as ``lemma`` (and so as ``term``) and are never stopwords, while ``norm``
   stays the lower-case form ("Per" the name: norm ``per``, lemma ``Per``, no stopword);
5. flag stopwords and spoken fillers, including multiword fillers ("ikke sant")
   (``is_stop``), and, apart from them, the words of the modelling stoplist
   (``is_modelling_stop``: light verbs, numerals and ordinals, discourse particles,
   generic time and quantity words, fixed expressions such as "i forhold til"; see
   :func:`discourse.text.stopwords.modelling_stopwords`);
6. join multiword terms ("sosial entreprenør") after lemmatisation, optionally with phrases
   that gensim ``Phrases`` finds (NPMI);
7. choose the modelling ``term``: the lemma or phrase of a word that is no stopword, not on
   the modelling stoplist (unless ``modelling_stopwords=False``), no number, abbreviation
   or punctuation, not a suspended compound part (``tros-`` in "tros- og
   livssynssamfunn"), is long enough, and passes the document-frequency limits. Every
   token stays in the table, so concordances find all of them.

The result is cached under ``data/processed/<corpus>/`` keyed by the inputs, the
settings and the versions (:mod:`discourse.text.cache`).

Examples
--------
>>> import discourse as dc, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Sosiale entreprenører samarbeider med kommunene.\\n")
>>> tokens = dc.preprocess(dc.read_corpus(folder), multiword=["sosial entreprenør"], cache=False)
>>> tokens.table[["surface", "lemma", "is_stop", "term"]].to_dict("records")[:2]
[{'surface': 'Sosiale', 'lemma': 'sosial', 'is_stop': False, 'term': 'sosial_entreprenør'},
 {'surface': 'entreprenører', 'lemma': 'entreprenør', 'is_stop': False, 'term': nan}]
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from discourse.corpus.reader import Corpus
from discourse.errors import ParameterError
from discourse.privacy.detect import PSEUDONYM_TOKEN
from discourse.progress import progress_off
from discourse.resources import read_lines
from discourse.text import cache as _cache
from discourse.text.context_lemmas import lemmatize_tokens, name_words
from discourse.text.lemmatize import Lemmatizer
from discourse.text.settings import PreprocessSettings
from discourse.text.stopwords import modelling_stopwords as _modelling_stopwords
from discourse.text.stopwords import stopwords as _stopwords
from discourse.text.tokenize import normalise_token, sentence_starts, token_kind, tokenize

__all__ = ["TOKEN_COLUMNS", "Tokens", "preprocess"]

#: Columns of ``Tokens.table``, in order.
TOKEN_COLUMNS = [
    "doc_id",
    "seg_id",
    "sent_id",
    "position",
    "char_start",
    "char_end",
    "surface",
    "norm",
    "kind",
    "lemma",
    "is_stop",
    "is_modelling_stop",
    "term",
]
#: Version of the rules that build the token table; part of the cache key, so a change to
#: them never reuses a table built by older rules (2: pseudonyms are not modelling terms;
#: 3: each segment is lemmatised in its own language; 4: the modelling stoplist and the
#: ``is_modelling_stop`` column, suspended hyphens are no terms, abbreviations written
#: without full stops are of kind ``abbr``; 5: proper nouns keep their form).
RULES_VERSION = 5

_MASKS = {"url": "<url>", "email": "<email>"}
# From this much text on, tokenising in two processes is faster than in one (see
# benchmarks/README.md); below it, starting the workers costs more than it saves.
_PARALLEL_FROM_CHARS = 4_000_000


def _connectors() -> frozenset[str]:
    """Words that may stand inside a detected phrase ("barn og unge", "rule of law")."""
    return frozenset(read_lines("phrases/connectors.txt"))


class Tokens:
    """Tokens aligned to a corpus: one row per token, with provenance.

    Attributes
    ----------
    table : DataFrame
        ``doc_id``, ``seg_id``, ``sent_id`` (sentence number in the document),
        ``position`` (token number in the document), ``char_start`` and ``char_end``
        (offsets into the document's normalised text), ``surface`` (as written),
        ``norm`` (lower case, unified quotes and dashes, ``<url>``/``<email>`` masks),
        ``kind`` (word | number | punct | abbr | url | email), ``lemma`` (lower case,
        except proper nouns, which keep their form: "Hagen", "Stortinget"), ``is_stop`` (a
        function word or spoken filler), ``is_modelling_stop`` (on the modelling stoplist:
        a light verb, numeral, discourse particle, generic time or quantity word; False
        for all when ``modelling_stopwords=False``) and ``term`` (the modelling term, a
        lemma or ``joined_phrase``; missing when filtered).
    corpus : Corpus
        The corpus the tokens came from; its segments hold speakers, roles and metadata.
    settings : PreprocessSettings
        The settings used.
    cache_path : Path or None
        The cache entry the table was written to or read from.
    from_cache : bool
        True when the table was read from the cache.
    """

    def __init__(
        self,
        table: pd.DataFrame,
        corpus: Corpus,
        settings: PreprocessSettings,
        cache_path: Path | None = None,
        from_cache: bool = False,
    ) -> None:
        self.table = table
        self.corpus = corpus
        self.settings = settings
        self.cache_path = cache_path
        self.from_cache = from_cache

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        n_terms = int(self.table["term"].notna().sum())
        return (
            f"Tokens({len(self.table)} tokens, {n_terms} terms, "
            f"{self.table['doc_id'].nunique()} documents, corpus={self.corpus.name!r})"
        )

    @property
    def segments(self) -> pd.DataFrame:
        """The corpus's segments (speaker, role, unit, time, text, metadata)."""
        return self.corpus.segments

    @property
    def documents(self) -> pd.DataFrame:
        """The corpus's documents table."""
        return self.corpus.documents

    def with_segments(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The token table joined with segment columns (default: all but ``text``).

        Examples
        --------
        >>> tokens.with_segments(["role", "actor_type"])  # doctest: +SKIP
        """
        seg = self.corpus.segments
        cols = columns or [
            c for c in seg.columns if c not in ("doc_id", "text", "char_start", "char_end")
        ]
        unknown = sorted(set(cols) - set(seg.columns))
        if unknown:
            raise ParameterError(
                f"unknown segment column(s) {', '.join(unknown)}; "
                f"available: {', '.join(seg.columns)}"
            )
        extra = seg[["seg_id", *[c for c in cols if c != "seg_id"]]]
        out = self.table.merge(extra, on="seg_id", how="left", validate="many_to_one")
        return out

    def select(
        self,
        *,
        roles: tuple[str, ...] | list[str] | None = None,
        exclude_roles: tuple[str, ...] | list[str] | None = None,
        units: tuple[str, ...] | list[str] | None = None,
        where: dict[str, Any] | None = None,
    ) -> Tokens:
        """The tokens of the segments that pass the filters, as a new ``Tokens``.

        Parameters
        ----------
        roles, exclude_roles : sequence of str, optional
            Keep only, or drop, turns of these roles (paragraphs have no role and are
            dropped by ``roles`` but kept by ``exclude_roles``).
        units : sequence of str, optional
            Keep only these units (``turn``, ``paragraph``, ``header``).
        where : dict, optional
            Segment or metadata column → value or list of values to keep.

        Examples
        --------
        >>> speech = tokens.select(exclude_roles=["interviewer"], units=["turn", "paragraph"])
        ...     # doctest: +SKIP
        """
        seg = self.corpus.segments
        keep = pd.Series(True, index=seg.index)
        if roles is not None:
            keep &= seg["role"].isin(list(roles))
        if exclude_roles is not None:
            keep &= ~seg["role"].isin(list(exclude_roles))
        if units is not None:
            keep &= seg["unit"].isin(list(units))
        for column, value in (where or {}).items():
            if column not in seg.columns:
                raise ParameterError(
                    f"where: unknown column {column!r}; available: {', '.join(seg.columns)}"
                )
            values = value if isinstance(value, (list, tuple, set)) else [value]
            keep &= seg[column].isin(list(values))
        ids = seg.loc[keep, "seg_id"]
        table = self.table[self.table["seg_id"].isin(ids)].reset_index(drop=True)
        return Tokens(table, self.corpus, self.settings, self.cache_path, self.from_cache)

    def terms(self, by: str = "doc_id") -> pd.Series:
        """Modelling terms as lists, one per ``doc_id`` or ``seg_id``, in corpus order."""
        if by not in ("doc_id", "seg_id"):
            raise ParameterError(f"by must be 'doc_id' or 'seg_id', got {by!r}")
        kept = self.table[self.table["term"].notna()]
        return kept.groupby(by, sort=False, observed=True)["term"].agg(
            lambda s: s.astype(str).tolist()
        )

    def vocabulary(self) -> pd.DataFrame:
        """Terms with their frequency and document frequency, most frequent first."""
        kept = self.table[self.table["term"].notna()]
        vocab = kept.groupby("term", observed=True).agg(
            freq=("term", "size"), docfreq=("doc_id", "nunique")
        )
        return vocab.sort_values(["freq", "docfreq"], ascending=False, kind="stable").reset_index()

    def summary(self) -> pd.DataFrame:
        """Counts per segment language: tokens, words, stopwords, types, lemmas, terms.

        ``modelling_stopwords`` counts the words on the modelling stoplist that are no
        function words (so the two counts add up).
        """
        t = self.table.merge(self.corpus.segments[["seg_id", "lang"]], on="seg_id")
        rows = []
        for lang, g in [*t.groupby("lang", observed=True), ("all", t)]:
            w = g[g["kind"] == "word"]
            rows.append(
                {
                    "lang": lang,
                    "documents": g["doc_id"].nunique(),
                    "tokens": len(g),
                    "words": len(w),
                    "stopwords": int(w["is_stop"].sum()),
                    "modelling_stopwords": int((w["is_modelling_stop"] & ~w["is_stop"]).sum()),
                    "word_types": w["norm"].nunique(),
                    "lemmas": w["lemma"].nunique(),
                    "terms": int(g["term"].notna().sum()),
                    "vocabulary": g["term"].dropna().nunique(),
                }
            )
        return pd.DataFrame(rows)


def _tokenise_chunk(items: list[tuple]) -> dict[str, Any]:
    """Tokenise some documents and factorise their token forms.

    ``items`` holds ``(document number, text, segment rows, segment starts, segment ends)``
    per document. Tokens outside every segment (speaker labels) are dropped. Runs in the
    calling process or in a worker; it reads nothing but its arguments.
    """
    keys = ("doc", "seg", "start", "end", "surface", "brk")
    parts: dict[str, list] = {k: [] for k in keys}
    for d, text, rows, seg_starts, seg_ends in items:
        starts, ends, toks, after_blank = tokenize(text)
        idx = np.searchsorted(seg_starts, starts, side="right") - 1
        ok = idx >= 0
        ok[ok] = ends[ok] <= seg_ends[idx[ok]]
        seg_index = rows[idx[ok]]
        new_seg = np.ones(len(seg_index), bool)
        new_seg[1:] = seg_index[1:] != seg_index[:-1]
        parts["doc"].append(np.full(len(seg_index), d, np.int32))
        parts["seg"].append(seg_index)
        parts["start"].append(starts[ok])
        parts["end"].append(ends[ok])
        parts["surface"].append(toks[ok])
        parts["brk"].append(new_seg | after_blank[ok])
    out = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in parts.items()}
    codes, types = pd.factorize(out.pop("surface").astype(object))
    out["codes"] = codes.astype(np.int64)
    out["types"] = list(types)
    return out


def _chunks(items: list[tuple], n: int) -> list[list[tuple]]:
    """Split documents into about ``n`` contiguous chunks of similar text length."""
    sizes = np.cumsum([len(item[1]) for item in items])
    bounds = np.searchsorted(sizes, np.linspace(0, sizes[-1], n + 1)[1:-1], side="right")
    edges = [0, *sorted(set(bounds.tolist())), len(items)]
    return [items[a:b] for a, b in pairwise(edges) if b > a]


def _tokenise_documents(
    corpus: Corpus,
    progress: bool | None,
    n_jobs: int,
    while_waiting: Callable[[], object] | None = None,
) -> dict[str, Any]:
    """Token spans, segment numbers and type codes of every document, in corpus order.

    With ``n_jobs > 1`` documents are tokenised in worker processes; the results are
    merged in document order, so they are identical to a single-process run. Meanwhile
    the calling process runs ``while_waiting`` (loading the lemma dictionaries).
    """
    seg = corpus.segments
    seg_rows = seg.groupby("doc_id", sort=False).indices
    seg_starts = seg["char_start"].to_numpy()
    seg_ends = seg["char_end"].to_numpy()
    items = []
    for d, doc_id in enumerate(corpus.documents["doc_id"]):
        rows = seg_rows[doc_id]
        items.append((d, corpus.texts[doc_id], rows, seg_starts[rows], seg_ends[rows]))
    quiet = progress_off(progress, small=len(items) < 200)
    chunks = _chunks(items, max(1, min(len(items), 8 * n_jobs if n_jobs > 1 else 20)))
    bar = tqdm(total=len(items), desc="tokenising", unit="doc", disable=quiet)
    results = []
    if n_jobs > 1 and len(chunks) > 1:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        with ProcessPoolExecutor(n_jobs, mp_context=multiprocessing.get_context(method)) as pool:
            pending = pool.map(_tokenise_chunk, chunks)
            if while_waiting is not None:
                while_waiting()
            for chunk, result in zip(chunks, pending, strict=True):
                results.append(result)
                bar.update(len(chunk))
    else:
        for chunk in chunks:
            results.append(_tokenise_chunk(chunk))
            bar.update(len(chunk))
    bar.close()
    # merge the chunks' type lists in order: first appearance over the whole corpus
    index: dict[str, int] = {}
    codes = []
    for r in results:
        remap = np.array([index.setdefault(t, len(index)) for t in r["types"]], np.int64)
        codes.append(remap[r["codes"]] if len(remap) else r["codes"])
    merged = {
        k: np.concatenate([r[k] for r in results]) for k in ("doc", "seg", "start", "end", "brk")
    }
    merged["doc"] = merged["doc"].astype(np.int32)
    merged["seg"] = merged["seg"].astype(np.int64)
    merged["brk"] = merged["brk"].astype(bool)
    merged["codes"] = np.concatenate(codes) if codes else np.zeros(0, np.int64)
    merged["types"] = np.array(list(index), dtype=object)
    return merged


def _sequence_starts(codes: np.ndarray, seg: np.ndarray, seq: tuple[int, ...]) -> np.ndarray:
    """The positions where ``seq`` starts in ``codes``, with the match inside one segment.

    Only the positions of the first code are tested further, so a rare phrase costs one
    pass over the codes.
    """
    k = len(seq)
    m = len(codes) - k + 1
    if m <= 0:
        return np.zeros(0, np.int64)
    at = np.flatnonzero(codes[:m] == seq[0])
    for j, c in enumerate(seq[1:], start=1):
        at = at[(codes[at + j] == c) & (seg[at + j] == seg[at])]
    return at


def _sequence_hits(codes: np.ndarray, seg: np.ndarray, seq: tuple[int, ...]) -> np.ndarray:
    """Where ``seq`` starts in ``codes``, with the whole match inside one segment."""
    hit = np.zeros(max(len(codes) - len(seq) + 1, 0), bool)
    hit[_sequence_starts(codes, seg, seq)] = True
    return hit


def _join_sequences(
    codes: np.ndarray,
    seg: np.ndarray,
    sequences: list[tuple[tuple[int, ...], int]],
    term: np.ndarray,
    taken: np.ndarray,
) -> None:
    """Give the first token of each match the joined term's code, -1 to the rest (in place).

    Longer sequences are matched first and matches never overlap; matches do not cross
    segment boundaries.
    """
    for seq, joined in sorted(sequences, key=lambda x: -len(x[0])):
        k = len(seq)
        for i in _sequence_starts(codes, seg, seq).tolist():
            if taken[i : i + k].any():
                continue
            taken[i : i + k] = True
            term[i] = joined
            term[i + 1 : i + k] = -1


def _flag_sequences(
    codes: np.ndarray, seg: np.ndarray, sequences: list[tuple[int, ...]], flags: np.ndarray
) -> None:
    """Flag every token of every match of the sequences (in place)."""
    for seq in sequences:
        at = _sequence_starts(codes, seg, seq)
        for j in range(len(seq)):
            flags[at + j] = True


def _detect_phrases(
    lemmas: np.ndarray,
    kinds: np.ndarray,
    sent: np.ndarray,
    settings: PreprocessSettings,
    stop_lemmas: frozenset[str],
    modelling_stop_lemmas: frozenset[str] = frozenset(),
) -> list[str]:
    """Phrases (space-separated lemmas) that gensim ``Phrases`` scores above the threshold.

    Training sequences are runs of word tokens within a sentence (punctuation and numbers
    break them). Connector words may stand inside a phrase (``barn og unge``); phrases
    that begin or end with a stopword are dropped, and so are phrases made only of
    stopwords and modelling stopwords ("første gang", "tre år"; "ta ansvar" stays).
    """
    from gensim.models.phrases import Phrases

    words = kinds == "word"
    breaks = np.ones(len(lemmas), bool)
    breaks[1:] = (sent[1:] != sent[:-1]) | ~words[:-1]
    word_idx = np.flatnonzero(words)
    if not len(word_idx):
        return []
    groups = np.cumsum(breaks)[word_idx]
    chunks = np.split(word_idx, np.flatnonzero(np.diff(groups)) + 1)
    model = Phrases(
        (lemmas[c].tolist() for c in chunks),
        min_count=settings.phrase_min_count,
        threshold=settings.phrase_threshold,
        scoring="npmi",
        connector_words=_connectors(),
        delimiter="_",
    )
    found = (p.split("_") for p in model.export_phrases())
    either = stop_lemmas | modelling_stop_lemmas
    return sorted(
        " ".join(p)
        for p in found
        if p[0] not in stop_lemmas and p[-1] not in stop_lemmas and not all(w in either for w in p)
    )


def _corpus_names(corpus: Corpus, settings: PreprocessSettings) -> frozenset[str]:
    """Name words the lemmatiser keeps as proper nouns: ``proper_names`` and speakers."""
    names = set(name_words(settings.proper_names))
    segments = corpus.segments
    if "speaker_name" in segments.columns:
        names |= name_words(segments["speaker_name"].dropna().unique())
    return frozenset(names)


def _build_table(
    corpus: Corpus, settings: PreprocessSettings, progress: bool | None, n_jobs: int = 1
) -> pd.DataFrame:
    # each segment's own language (ParlaMint mixes bokmål and nynorsk within a sitting)
    seg_lang = corpus.segments["lang"].to_numpy(dtype=object)
    langs = sorted(set(seg_lang) | set(corpus.documents["lang"]))
    lemmatizers = {lang: Lemmatizer(lang, settings.lemmatizer, settings.lemmas) for lang in langs}

    def load_dictionaries() -> None:  # simplemma loads a language on first use
        for lemmatize in lemmatizers.values():
            lemmatize("og")

    spans = _tokenise_documents(corpus, progress, n_jobs, load_dictionaries)
    n = len(spans["codes"])
    doc_codes = spans["doc"]
    seg_codes = spans["seg"]
    doc_ids = corpus.documents["doc_id"].to_numpy(dtype=object)
    tok_lang = np.array([langs.index(x) for x in seg_lang], np.int64)[seg_codes]

    # Everything below works on codes: each distinct surface form is normalised and
    # classified once, each distinct (language, normalised form) lemmatised once.
    s_codes, s_types = spans["codes"], spans["types"]
    s_kind = np.array([token_kind(t) for t in s_types], dtype=object)
    s_norm = [_MASKS.get(k, normalise_token(t)) for t, k in zip(s_types, s_kind, strict=True)]
    sn_codes, n_types = pd.factorize(np.asarray(s_norm, dtype=object))
    n_types = np.asarray(n_types, dtype=object)
    n_codes = sn_codes[s_codes]
    k_codes_s, k_types = pd.factorize(s_kind)
    k_codes = k_codes_s[s_codes]
    s_word = s_kind == "word"
    is_word = s_word[s_codes]

    # sentences: segment starts and blank lines always break
    brk = spans["brk"].copy()
    if n:
        brk[0] = True
        brk[1:] |= doc_codes[1:] != doc_codes[:-1]
    sent_start = sentence_starts(s_codes, s_types, brk, s_norm)
    doc_first = np.ones(n, bool)
    doc_first[1:] = doc_codes[1:] != doc_codes[:-1]
    sent_global = np.cumsum(sent_start) - 1
    first_sent_of_doc = np.maximum.accumulate(np.where(doc_first, sent_global, 0))
    sent_id = (sent_global - first_sent_of_doc).astype(np.int32)
    doc_start_idx = np.maximum.accumulate(np.where(doc_first, np.arange(n), 0))
    position = (np.arange(n) - doc_start_idx).astype(np.int32)

    # lemmas: decided per (language, surface form) by lemmatize_tokens, which also marks
    # proper nouns (they keep their form as lemma and are never stopwords)
    stops = {
        lang: _stopwords(
            lang,
            fillers=settings.fillers,
            add=settings.stopwords_add,
            remove=settings.stopwords_remove,
        )
        if settings.stopwords
        else (frozenset(), frozenset())
        for lang in langs
    }
    names = _corpus_names(corpus, settings)  # settings' proper_names and speaker names
    type_lemma = np.empty((len(langs), len(s_types)), dtype=object)
    type_proper = np.zeros((len(langs), len(s_types)), dtype=bool)
    overrides: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for lang_i, lang in enumerate(langs):
        idx = np.flatnonzero(tok_lang == lang_i)
        if not idx.size:
            continue
        res = lemmatize_tokens(
            pd.Categorical.from_codes(s_codes[idx], categories=pd.Index(s_types, dtype=object)),
            sent_start[idx],
            lang,
            names=names,
            lemmatizer=lemmatizers[lang],
            norms=s_norm,
            words=s_word,
        )
        type_lemma[lang_i], type_proper[lang_i] = res.type_lemma, res.type_proper
        if res.override_rows.size:
            overrides.append((idx[res.override_rows], res.override_lemmas, res.override_proper))
    pair = s_codes.astype(np.int64) * len(langs) + tok_lang
    p_codes, p_keys = pd.factorize(pair)
    p_surf, p_lang_i = p_keys // len(langs), p_keys % len(langs)
    p_norm = n_types[sn_codes[p_surf]]
    p_word = s_word[p_surf]
    p_lang = [langs[i] for i in p_lang_i]
    p_proper = type_proper[p_lang_i, p_surf]
    p_lemma = type_lemma[p_lang_i, p_surf]
    p_stop = np.array(
        [
            wd and not pr and w in stops[lg][0]
            for w, lg, wd, pr in zip(p_norm, p_lang, p_word, p_proper, strict=True)
        ],
        dtype=bool,
    )
    pl_codes, l_types = pd.factorize(np.asarray(p_lemma, dtype=object))
    l_types = np.asarray(l_types, dtype=object)
    l_codes = pl_codes[p_codes]
    is_stop = p_stop[p_codes]
    if overrides:  # context rules ("i går", "Per Olsen") set single tokens' lemmas
        l_list = list(l_types)
        l_pos = {w: i for i, w in enumerate(l_list)}
        for rows, lemmas, proper in overrides:
            for lemma in set(lemmas.tolist()) - set(l_pos):
                l_pos[lemma] = len(l_list)
                l_list.append(lemma)
            l_codes[rows] = [l_pos[w] for w in lemmas.tolist()]
            is_stop[rows[proper]] = False
        l_types = np.asarray(l_list, dtype=object)

    # multiword fillers ("ikke sant") are stopwords as a whole sequence
    norm_index = {w: i for i, w in enumerate(n_types)}

    def phrase_flags(phrases: dict[str, frozenset[tuple[str, ...]]]) -> np.ndarray:
        """Tokens inside a match of one of their language's phrases (normalised forms)."""
        flags = np.zeros(n, bool)
        for lang_i, lang in enumerate(langs):
            seqs = [
                tuple(norm_index[w] for w in ph)
                for ph in phrases[lang]
                if all(w in norm_index for w in ph)
            ]
            if seqs:
                idx = np.flatnonzero(tok_lang == lang_i)
                sub = np.zeros(len(idx), bool)
                _flag_sequences(n_codes[idx], seg_codes[idx], seqs, sub)
                flags[idx] = sub
        return flags

    is_stop |= phrase_flags({lang: stops[lang][1] for lang in langs})

    # the modelling stoplist, apart from the function words: a word whose lemma or
    # lower-cased form is listed, and every word of a listed fixed expression
    model_stops = {
        lang: _modelling_stopwords(
            lang,
            shipped=settings.modelling_stopwords,
            add=settings.modelling_stopwords_add,
            remove=settings.modelling_stopwords_remove,
        )
        for lang in langs
    }
    p_model_stop = np.array(
        [
            wd and (w in model_stops[lg][0] or lm in model_stops[lg][0])
            for w, lm, lg, wd in zip(p_norm, p_lemma, p_lang, p_word, strict=True)
        ],
        dtype=bool,
    )
    is_model_stop = p_model_stop[p_codes]
    is_model_stop |= phrase_flags({lang: model_stops[lang][1] for lang in langs}) & is_word

    # modelling terms, as codes into `term_types` (-1: no term)
    l_len = np.fromiter(map(len, l_types), np.int64, len(l_types))
    keep = is_word & ~is_stop & ~is_model_stop & (l_len[l_codes] >= settings.min_length)
    # a suspended compound part ("tros-" in "tros- og livssynssamfunn") is half a word
    s_suspended = np.fromiter((t.endswith("-") for t in s_types), bool, len(s_types))
    keep &= ~s_suspended[s_codes]
    # pseudonyms of a pseudonymised corpus ([PERSON_2], [ORG_1]) stand for different people
    # in different documents: they are shown in concordances but are not modelling terms
    s_pseudonym = np.fromiter(
        (bool(PSEUDONYM_TOKEN.fullmatch(t)) for t in s_types), bool, len(s_types)
    )
    keep &= ~s_pseudonym[s_codes]
    term_types = list(l_types)
    t_codes = np.where(keep, l_codes, -1)
    multi = list(settings.multiword)
    if settings.phrases == "npmi" and n:
        stop_lemmas = frozenset().union(*(stops[lg][0] for lg in langs))
        stop_lemmas |= {lemmatizers[lg](w) for lg in langs for w in stops[lg][0]}
        model_lemmas = frozenset().union(*(model_stops[lg][0] for lg in langs))
        kinds = np.asarray(k_types, dtype=object)[k_codes]
        multi += _detect_phrases(
            l_types[l_codes], kinds, sent_global, settings, stop_lemmas, model_lemmas
        )
    if multi and n:
        l_index = {w: i for i, w in enumerate(l_types)}
        term_index = {w: i for i, w in enumerate(term_types)}
        taken = np.zeros(n, bool)
        for lang_i, lang in enumerate(langs):
            lem = lemmatizers[lang]
            seqs = []
            for phrase in dict.fromkeys(multi):
                lemma_words = [lem(normalise_token(w)) for w in phrase.split()]
                if all(w in l_index for w in lemma_words):
                    joined = "_".join(lemma_words)
                    if joined not in term_index:
                        term_index[joined] = len(term_types)
                        term_types.append(joined)
                    seqs.append((tuple(l_index[w] for w in lemma_words), term_index[joined]))
            idx = np.flatnonzero(tok_lang == lang_i)
            sub_term, sub_taken = t_codes[idx], taken[idx]
            _join_sequences(l_codes[idx], seg_codes[idx], seqs, sub_term, sub_taken)
            t_codes[idx], taken[idx] = sub_term, sub_taken

    # document-frequency limits
    if n and (settings.min_df > 1 or settings.max_df < 1):
        has = t_codes >= 0
        pairs = np.unique(np.stack([t_codes[has], doc_codes[has]]), axis=1)
        df = np.bincount(pairs[0], minlength=len(term_types))
        n_docs = len(doc_ids)
        ok = (df >= settings.min_df) & (df <= settings.max_df * n_docs)
        t_codes = np.where(has & ok[np.maximum(t_codes, 0)], t_codes, -1)

    seg_ids = corpus.segments["seg_id"].to_numpy(dtype=object)
    table = pd.DataFrame(
        {
            "doc_id": _categorical(doc_codes, doc_ids),
            "seg_id": _categorical(seg_codes, seg_ids),
            "sent_id": sent_id,
            "position": position,
            "char_start": spans["start"].astype(np.int64),
            "char_end": spans["end"].astype(np.int64),
            "surface": _categorical(s_codes, s_types),
            "norm": _categorical(n_codes, n_types),
            "kind": _categorical(k_codes, np.asarray(k_types, dtype=object)),
            "lemma": _categorical(l_codes, l_types),
            "is_stop": is_stop.astype(bool),
            "is_modelling_stop": is_model_stop.astype(bool),
            "term": _categorical(*_used_only(t_codes, np.asarray(term_types, dtype=object))),
        }
    )
    return table  # built in TOKEN_COLUMNS order (tested), so no reordering copy


def _categorical(codes: np.ndarray, types: np.ndarray) -> pd.Categorical:
    """A categorical column from codes, with ``str`` categories in a fixed order.

    Documents and segments come in corpus order and token forms in order of first
    appearance, so equal inputs give equal tables.
    """
    return pd.Categorical.from_codes(codes, categories=pd.Index(types, dtype="str"))


def _used_only(codes: np.ndarray, types: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop categories that no token uses, keeping their order; -1 stays missing.

    Stopword lemmas, for example, are categories of ``lemma`` but never of ``term``.
    """
    used = np.bincount(codes[codes >= 0], minlength=len(types)) > 0
    remap = np.append(np.cumsum(used) - 1, -1)  # index -1 maps missing to missing
    return remap[codes], types[used]


def preprocess(
    corpus: Corpus,
    *,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
    **settings: Any,
) -> Tokens:
    """Tokenise, lemmatise and flag stopwords; return aligned :class:`Tokens`.

    Parameters
    ----------
    corpus : Corpus
        From :func:`discourse.read_corpus`.
    cache : bool
        Reuse and write the on-disk cache (default True).
    cache_dir : str or Path, optional
        Where the cache lives; default ``data/processed/<corpus name>`` (see
        :func:`discourse.text.cache.default_cache_dir`).
    progress : bool, optional
        Show progress bars; by default only for large corpora.
    n_jobs : int, optional
        Worker processes for tokenising; -1 means one per CPU. By default one process
        for corpora under 4 million characters and two above (where a second process
        pays for itself). Results are identical for every value.
    **settings
        Any :class:`~discourse.text.settings.PreprocessSettings` field, overriding
        ``corpus.yml``'s ``preprocess`` section: ``lemmatizer``, ``stopwords``,
        ``fillers``, ``stopwords_add``, ``stopwords_remove``, ``modelling_stopwords``,
        ``modelling_stopwords_add``, ``modelling_stopwords_remove``, ``lemmas``,
        ``proper_names``, ``multiword``,
        ``phrases``, ``phrase_threshold``, ``phrase_min_count``, ``min_length``,
        ``min_df``, ``max_df``.

    Returns
    -------
    Tokens

    Raises
    ------
    ParameterError
        For an unknown setting or an impossible value.

    Examples
    --------
    >>> tokens = dc.preprocess(corpus, multiword=["felles eierskap"], min_df=2)  # doctest: +SKIP
    >>> tokens.vocabulary().head()  # doctest: +SKIP
    """
    if not isinstance(corpus, Corpus):
        raise ParameterError(
            f"preprocess() needs a Corpus from dc.read_corpus(), got {type(corpus).__name__}"
        )
    if n_jobs is None:
        n_chars = int(corpus.documents["n_chars"].sum())
        n_jobs = 1 if n_chars < _PARALLEL_FROM_CHARS else min(2, os.cpu_count() or 1)
    elif n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise ParameterError(f"n_jobs must be a whole number >= 1 or -1, got {n_jobs!r}")
    resolved = PreprocessSettings.resolve(corpus.config.preprocess, settings)
    manifest = {
        "corpus": corpus.name,
        "corpus_fingerprint": corpus.fingerprint(),
        # file names may name people; a pseudonymised corpus's cache records doc_ids only
        "inputs": dict(
            zip(
                corpus.documents["file" if corpus.privacy is None else "doc_id"],
                corpus.documents["sha256"],
                strict=True,
            )
        ),
        "settings": resolved.to_dict(),
        "versions": _cache.package_versions(),
        "rules": RULES_VERSION,
        # speaker names change lemmas (proper nouns); a hash keeps names out of the manifest
        "names": hashlib.sha256(
            "\n".join(sorted(_corpus_names(corpus, resolved))).encode("utf-8")
        ).hexdigest(),
    }
    key = _cache.cache_key(manifest)
    folder = Path(cache_dir) / corpus.name if cache_dir is not None else None
    if cache:
        folder = folder or _cache.default_cache_dir(corpus.path, corpus.name)
        table = _cache.load_entry(folder, key)
        if table is not None:
            return Tokens(table, corpus, resolved, folder / f"tokens-{key[:32]}", True)
    table = _build_table(corpus, resolved, progress, n_jobs)
    entry = _cache.store_entry(folder, key, table, manifest) if cache and folder else None
    return Tokens(table, corpus, resolved, entry, False)
