"""``read_corpus``: a corpus folder in, a :class:`Corpus` with documents and segments out.

The folder contract (see the README): documents are ``.txt``, ``.md``, ``.docx``,
``.pdf`` or ParlaMint ``.xml`` files at any depth (a ParlaMint corpus's root, person,
organisation and taxonomy files are recognised and not read as documents);
``metadata.csv`` (optional) has one row per document;
``corpus.yml`` (optional) holds the corpus settings. Raw files are only ever read.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("I: Hva tenker du?\\nR: Tja.\\nI: Mer?\\nR: Nei.\\n")
>>> corpus = read_corpus(folder)
>>> corpus.segments[["seg_id", "speaker", "role", "text"]].head(2).to_dict("records")
[{'seg_id': 'a:0000', 'speaker': 'I', 'role': 'interviewer', 'text': 'Hva tenker du?'},
 {'seg_id': 'a:0001', 'speaker': 'R', 'role': 'respondent', 'text': 'Tja.'}]
"""

from __future__ import annotations

import bisect
import dataclasses
import fnmatch
import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from tqdm.auto import tqdm

from discourse.corpus.config import LANGUAGES, SEGMENT_MODES, CorpusConfig
from discourse.corpus.formats import SUPPORTED_SUFFIXES, read_document
from discourse.corpus.language import assign_languages, tally_documents
from discourse.corpus.metadata import (
    check_unique_ids,
    default_doc_id,
    read_metadata,
)
from discourse.corpus.segment import SegmentedDocument, segment_document
from discourse.errors import CorpusError, DiscourseWarning, DocumentError, MetadataError
from discourse.progress import progress_off

if TYPE_CHECKING:
    from discourse.corpus.parlamint import ParlaMintRegistry
    from discourse.privacy.pseudonymise import PrivacyResult

__all__ = ["TRANSCRIPT_TYPES", "Corpus", "read_corpus"]

#: ``doc_type`` values (case-insensitive) that mark a document as a transcript.
TRANSCRIPT_TYPES = frozenset(
    {"interview", "focus_group", "focusgroup", "transcript", "intervju", "fokusgruppe"}
)
_CONTROL_FILES = {"metadata.csv", "corpus.yml"}
_DOC_COLUMNS = [
    "doc_id",
    "file",
    "sha256",
    "n_segments",
    "n_chars",
    "format",
    "encoding",
    "structure",
    "lang",
    "lang_source",
    "lang_margin",
]
_SEG_COLUMNS = [
    "doc_id",
    "seg_id",
    "unit",
    "speaker",
    "role",
    "time",
    "text",
    "char_start",
    "char_end",
]

_ANNOTATION_COLUMNS = ["doc_id", "seg_id", "char_pos", "element", "type", "text"]


def _missing(value: Any) -> bool:
    """True for an empty metadata cell (None, NaN or blank text)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass
class Corpus:
    """A read corpus: its documents, their segments and their normalised texts.

    Attributes
    ----------
    path : Path
        The corpus folder.
    name : str
        The corpus name (``corpus.yml`` ``name`` or the folder's name).
    config : CorpusConfig
        The settings read from ``corpus.yml``.
    documents : DataFrame
        One row per document: ``doc_id``, ``file``, ``sha256`` (of the raw file),
        ``n_segments``, ``n_chars`` (of the normalised text), ``format``, ``encoding``,
        ``structure`` (transcript | paragraphs), ``lang``, ``lang_source`` (metadata |
        file | corpus.yml | argument | detected | default) and ``lang_margin`` (how far
        the text's score for ``lang`` leads the next language's; negative where the text
        reads as another language; see :mod:`discourse.corpus.language`), then the
        metadata columns.
    segments : DataFrame
        One row per turn or paragraph: ``doc_id``, ``seg_id``, ``unit``
        (turn | paragraph | header), ``speaker``, ``role``, ``time``, ``text``,
        ``char_start``, ``char_end``, ``lang`` (the segment's language: its own where the
        file declares one or where a long segment clearly reads as another language,
        else the document's), any columns the format adds (ParlaMint:
        ``speaker_type`` and the speaker's details; labels such as ``Statsråd Karita
        Bekkemellem (A):`` in text files: ``title`` and ``party``), then the document
        metadata (a metadata column named like a segment column, e.g. ``role``, appears
        as ``doc_role``).
    problems : DataFrame
        ``file``, ``problem`` and ``message`` for every file that was skipped or needs a
        look; each was also issued as a :class:`~discourse.errors.DiscourseWarning`.
    texts : dict
        ``doc_id`` to normalised text; ``texts[d][char_start:char_end] == text``.
    annotations : DataFrame
        What the source files hold outside the running text (ParlaMint's ``<note>``,
        ``<head>``, ``<gap>``, ``<vocal>``, ``<incident>``, ``<kinesic>``): ``doc_id``,
        ``seg_id`` (the segment it stands in or after), ``char_pos`` (offset into the
        document's text where it stood), ``element``, ``type`` and ``text``. Empty for
        formats without such elements.
    privacy : PrivacyResult or None
        For a pseudonymised corpus: replacement counts, candidate names and the key's
        location (:mod:`discourse.privacy`); the texts, segments, speaker labels and
        metadata above then hold pseudonyms only. None otherwise.
    """

    path: Path
    name: str
    config: CorpusConfig
    documents: pd.DataFrame
    segments: pd.DataFrame
    problems: pd.DataFrame
    texts: dict[str, str] = field(repr=False)
    privacy: PrivacyResult | None = field(default=None, repr=False)
    annotations: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=_ANNOTATION_COLUMNS), repr=False
    )
    control_hashes: dict[str, str] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"Corpus({self.name!r}, {len(self.documents)} documents, "
            f"{len(self.segments)} segments, {len(self.problems)} problems)"
        )

    @property
    def metadata_columns(self) -> list[str]:
        """The document metadata columns (from ``metadata.csv``), in file order."""
        return [c for c in self.documents.columns if c not in _DOC_COLUMNS]

    def text(self, doc_id: str) -> str:
        """The normalised text of one document.

        Raises
        ------
        KeyError
            With the unknown ``doc_id`` named.
        """
        try:
            return self.texts[doc_id]
        except KeyError:
            raise KeyError(f"no document with doc_id {doc_id!r} in corpus {self.name!r}") from None

    def fingerprint(self) -> str:
        """A SHA-256 over the raw files' hashes, the metadata and the settings.

        Two reads of unchanged inputs give the same fingerprint; any change to a file, a
        metadata cell, ``corpus.yml`` or a ParlaMint person/organisation list changes it.
        Used to key caches.
        """
        payload = {
            "documents": self.documents.astype(str).to_dict("records"),
            # segment languages may differ from their document's (detected or declared)
            "segment_langs": hashlib.sha256(
                "\n".join(self.segments["lang"].astype(str)).encode()
            ).hexdigest(),
            "config": self.config.canonical(),
        }
        if self.control_hashes:  # person/organisation lists that segments are joined with
            payload["control_files"] = dict(sorted(self.control_hashes.items()))
        if self.privacy is not None:  # the pseudonymised output, so a new key re-keys caches
            payload["pseudonymisation"] = self.privacy.fingerprint()
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def summary(self) -> pd.DataFrame:
        """One row per document plus a TOTAL row: segments, turns by role, characters.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "p.txt").write_text("Første avsnitt.\\n\\nAndre avsnitt.\\n")
        >>> read_corpus(folder).summary()[["doc_id", "paragraphs", "n_chars"]].to_dict("records")
        [{'doc_id': 'p', 'paragraphs': 2, 'n_chars': 32},
         {'doc_id': 'TOTAL', 'paragraphs': 2, 'n_chars': 32}]
        """
        seg = self.segments
        counts = pd.crosstab(seg["doc_id"], [seg["unit"], seg["role"].fillna("")])
        counts.columns = [
            f"turns_{role}" if unit == "turn" else ("paragraphs" if unit == "paragraph" else unit)
            for unit, role in counts.columns
        ]
        counts = counts.T.groupby(level=0).sum().T
        wanted = ["turns_interviewer", "turns_respondent", "turns_other", "paragraphs", "header"]
        counts = counts.reindex(columns=wanted, fill_value=0).astype("int64")
        docs = self.documents.set_index("doc_id")
        table = docs[["file", "structure", "lang", "n_segments"]].join(counts).fillna(0)
        table["n_chars"] = docs["n_chars"]
        table = table.reset_index()
        numeric = ["n_segments", *wanted, "n_chars"]
        table[numeric] = table[numeric].astype("int64")
        total = {c: "" for c in table.columns}
        total.update({c: int(table[c].sum()) for c in numeric})
        total.update(
            doc_id="TOTAL",
            file=f"{len(table)} documents",
            structure=f"{int((table['structure'] == 'transcript').sum())} transcripts",
            lang=",".join(
                f"{k}:{v}" for k, v in sorted(table["lang"].value_counts().to_dict().items())
            ),
        )
        return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def _problem(problems: list[dict], file: str, kind: str, message: str) -> None:
    problems.append({"file": file, "problem": kind, "message": message})


def _names_files(folder: Path, *configs: CorpusConfig) -> set[str]:
    """Names lists kept inside the corpus folder: control files, not documents."""
    found = set()
    for config in configs:
        path = config.pseudonymise.names_path(folder)
        if path is not None and path.resolve().is_relative_to(folder.resolve()):
            found.add(path.resolve().relative_to(folder.resolve()).as_posix())
    return found


def _int_columns(rows: list[dict], skip: set[str]) -> list[str]:
    """Columns whose every non-missing value is an int (kept whole despite gaps)."""
    seen: dict[str, bool] = {}
    for row in rows:
        for key, value in row.items():
            if key in skip or value is None:
                continue
            ok = isinstance(value, int) and not isinstance(value, bool)
            seen[key] = seen.get(key, True) and ok
    return [k for k, ok in seen.items() if ok]


def _parlamint_registry(folder: Path, config: CorpusConfig) -> ParlaMintRegistry | None:
    """Persons, organisations and control files of ParlaMint ``.xml`` files in the folder."""
    from discourse.corpus.parlamint import load_registry

    xml = []
    for path in sorted(folder.rglob("*.[xX][mM][lL]")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not _left_out(rel, config):
            xml.append(rel)
    if not xml and not (config.parlamint.persons or config.parlamint.orgs):
        return None
    return load_registry(folder, xml, config.parlamint.persons, config.parlamint.orgs)


def _left_out(rel: str, config: CorpusConfig) -> bool:
    """True for a path that is never a corpus file: hidden, excluded or a Word lock file."""
    if any(part.startswith(".") for part in rel.split("/")):
        return True  # hidden files and folders (.DS_Store, .git, editor swap files)
    if any(fnmatch.fnmatch(rel, pattern) for pattern in config.exclude):
        return True
    return rel.rsplit("/", 1)[-1].startswith("~$")  # Word's lock files for open documents


def _list_files(
    folder: Path, config: CorpusConfig, problems: list[dict], control: set[str]
) -> list[str]:
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir() or rel in control or _left_out(rel, config):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            _problem(
                problems,
                rel,
                "unsupported",
                f"{rel}: skipped: extension {path.suffix or '(none)'!r} is not a document "
                f"format ({', '.join(SUPPORTED_SUFFIXES)}); exclude it in corpus.yml to "
                "silence this",
            )
            continue
        files.append(rel)
    return files


def _document_table(
    folder: Path, config: CorpusConfig, problems: list[dict], control: set[str]
) -> pd.DataFrame:
    """Files to read with their doc_id and metadata, after checking metadata.csv."""
    on_disk = _list_files(folder, config, problems, control)
    meta = read_metadata(folder)
    if meta is None:
        table = pd.DataFrame({"file": on_disk, "doc_id": [default_doc_id(f) for f in on_disk]})
        check_unique_ids(table, str(folder))
        return table
    listed = set(meta["file"])
    disk = set(on_disk)
    for rel in meta["file"]:
        if rel not in disk:
            reason = (
                "is excluded or not a document format"
                if (folder / rel).is_file()
                else "does not exist"
            )
            _problem(
                problems,
                rel,
                "missing",
                f"{rel}: listed in metadata.csv but {reason}; fix the `file` cell or add the file",
            )
    extra = [f for f in on_disk if f not in listed]
    for rel in extra:
        _problem(
            problems,
            rel,
            "unlisted",
            f"{rel}: not listed in metadata.csv; read with doc_id {default_doc_id(rel)!r} and "
            "empty metadata (add a row to describe it)",
        )
    table = pd.concat(
        [
            meta[meta["file"].isin(disk)],
            pd.DataFrame({"file": extra, "doc_id": [default_doc_id(f) for f in extra]}),
        ],
        ignore_index=True,
    )
    check_unique_ids(table, str(folder / "metadata.csv"))
    return table.sort_values("file", kind="stable").reset_index(drop=True)


def _is_transcript(row: dict, config: CorpusConfig) -> bool | None:
    doc_type = row.get("doc_type")
    if isinstance(doc_type, str) and doc_type.strip():
        return doc_type.strip().casefold() in TRANSCRIPT_TYPES
    return {"always": True, "never": False}.get(config.transcripts)


def read_corpus(
    path: str | Path,
    *,
    language: str | None = None,
    transcripts: str | None = None,
    strict: bool = False,
    progress: bool | None = None,
    pseudonymise: bool | dict[str, Any] | None = None,
) -> Corpus:
    """Read a corpus folder into a :class:`Corpus`.

    Parameters
    ----------
    path : str or Path
        The corpus folder.
    language : {"nb", "nn", "en", "auto"}, optional
        Overrides ``corpus.yml``'s ``language`` (a metadata ``lang`` cell, and a language
        the file declares, still win for their document); ``"auto"`` identifies each
        other document's language from its text. Default: ``corpus.yml``'s setting, else
        ``auto``.
    transcripts : {"auto", "always", "never"}, optional
        Overrides ``corpus.yml``'s ``transcripts``.
    strict : bool
        False (default): a file that cannot be read is skipped with a warning that names
        it, and listed in ``Corpus.problems``; the other files are read. True: after
        reading everything, raise :class:`~discourse.errors.CorpusError` listing all
        problems.
    progress : bool, optional
        Show a progress bar; by default only for more than 50 files on a terminal.
    pseudonymise : bool or dict, optional
        Overrides ``corpus.yml``'s ``pseudonymise:`` section: True or False switches
        pseudonymisation on or off; a dict changes single settings (``names``, ``key``,
        ``detect``, ``speakers``, ``metadata``, ``candidates``) and switches it on unless
        it says ``enabled: False``. When on, texts, segments, speaker labels and metadata
        hold pseudonyms only (see :mod:`discourse.privacy`), the key file is written, and
        ``Corpus.privacy`` holds the counts and candidate names for review.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        The folder does not exist or holds no readable document.
    MetadataError
        ``metadata.csv`` is malformed: no ``file`` column, a file listed twice, two
        documents with the same ``doc_id``, a reserved column name, an unknown ``lang``.
    ConfigError
        ``corpus.yml`` is malformed or has an unknown setting.

    Examples
    --------
    >>> corpus = read_corpus("data/raw/demo")  # doctest: +SKIP
    >>> corpus.documents.groupby("actor_type").size()  # doctest: +SKIP
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(
            f"{folder}: is not a folder; give the path of a corpus folder "
            "(documents plus optional metadata.csv and corpus.yml)"
        )
    config = CorpusConfig.load(folder)
    file_config = config
    overrides = {}
    if language is not None:
        overrides["language"] = language
    if transcripts is not None:
        overrides["transcripts"] = transcripts
    if overrides:
        raw = {"language": config.language, "transcripts": config.transcripts, **overrides}
        checked = CorpusConfig.from_mapping(raw, source="read_corpus() arguments")
        config = dataclasses.replace(
            config, language=checked.language, transcripts=checked.transcripts
        )
    if pseudonymise is not None:
        if isinstance(pseudonymise, dict) and "enabled" not in pseudonymise:
            pseudonymise = {"enabled": True, **pseudonymise}
        config = dataclasses.replace(
            config,
            pseudonymise=config.pseudonymise.updated(pseudonymise, "read_corpus(pseudonymise=)"),
        )
    problems: list[dict] = []
    control = _CONTROL_FILES | _names_files(folder, file_config, config)
    registry = _parlamint_registry(folder, config)
    if registry is not None:
        control |= registry.control_files
        for rel, message in registry.problems:
            _problem(problems, rel, "unreadable", message)
        if registry.skipped:
            _problem(
                problems,
                registry.skipped[0],
                "note",
                f"{len(registry.skipped)} .ana.xml file(s) skipped (e.g. {registry.skipped[0]}): "
                "each duplicates the plain .xml sitting file next to it, which is read",
            )
    table = _document_table(folder, config, problems, control)
    if "lang" in table.columns:
        bad = table[table["lang"].notna() & ~table["lang"].isin(LANGUAGES)]
        if not bad.empty:
            raise MetadataError(
                f"{folder / 'metadata.csv'}: unknown lang value(s) "
                f"{', '.join(sorted(set(bad['lang'])))} (files {', '.join(bad['file'])}); "
                f"use one of {', '.join(LANGUAGES)}"
            )
    if "segment" in table.columns:
        given = table["segment"].where(table["segment"].notna(), None)
        bad = table[given.notna() & ~given.isin(SEGMENT_MODES)]
        if not bad.empty:
            raise MetadataError(
                f"{folder / 'metadata.csv'}: unknown segment value(s) "
                f"{', '.join(sorted(map(str, set(bad['segment']))))} (files "
                f"{', '.join(bad['file'])}); use one of {', '.join(SEGMENT_MODES)} or leave "
                "the cell empty"
            )
    docs, segs, texts = [], [], {}
    matched_labels: set[tuple[str, str]] = set()
    n_labelled = 0
    notes_rows: list[dict] = []
    # progress: as asked; by default only for more than 50 files and not in headless runs
    disable = progress_off(progress, small=len(table) <= 50)
    rows = table.to_dict("records")
    read: list[tuple[dict, SegmentedDocument, str, str]] = []
    for row in tqdm(rows, desc="reading documents", unit="doc", disable=disable):
        rel = row["file"]
        file_path = folder / rel
        try:
            raw_text = read_document(
                file_path, rel, config.encoding, speakers=config.speakers, parlamint=registry
            )
        except DocumentError as exc:
            _problem(problems, rel, "unreadable", str(exc))
            continue
        if not raw_text.text.strip():
            _problem(problems, rel, "empty", f"{rel}: is empty or holds only white space; skipped")
            continue
        if raw_text.segmented is not None:  # the format carries its own segments
            seg_doc = raw_text.segmented
        else:
            mode = row.get("segment")
            seg_doc = segment_document(
                raw_text.text,
                config.speakers,
                _is_transcript(row, config),
                raw_text.bold_labels,
                mode if isinstance(mode, str) else config.segment,
            )
            matched_labels |= seg_doc.matched_labels
            n_labelled += 1
        for note in raw_text.notes + seg_doc.notes:
            _problem(problems, rel, "note", f"{rel}: {note}")
        if not seg_doc.segments:
            _problem(problems, rel, "empty", f"{rel}: has no text segments; skipped")
            continue
        read.append((row, seg_doc, raw_text.sha256, raw_text.encoding))
    for where, entry in config.speakers.configured:
        if (where, entry) not in matched_labels:
            what = "pattern" if where == "speakers.pattern" else "label"
            _problem(
                problems,
                "corpus.yml",
                "unused label",
                f"corpus.yml: {where} {what} {entry!r} matches no line of the "
                f"{n_labelled} text document(s); check its spelling (a label is matched at "
                "the start of a line, followed by a colon)",
            )
    privacy = None
    if config.pseudonymise.enabled and read:
        # After segmentation, so that speaker labels, roles and timestamps are found in
        # the real text; offsets are then moved onto the pseudonymised text.
        from discourse.privacy.pseudonymise import pseudonymise_documents

        by_id = {r[0]["doc_id"]: r[1] for r in read}
        new_docs, new_rows, privacy = pseudonymise_documents(
            by_id,
            {r[0]["doc_id"]: r[0] for r in read},
            config.pseudonymise,
            config.speakers,
            folder,
            config.name or folder.resolve().name,
        )
        read = [(new_rows[r[0]["doc_id"]], new_docs[r[0]["doc_id"]], r[2], r[3]) for r in read]
        if privacy.flagged_documents:
            _problem(
                problems,
                "metadata.csv",
                "identifying name",
                f"{len(privacy.flagged_documents)} document(s) have a listed name in their "
                "doc_id or file name, which stay visible in every table; give them neutral "
                "doc_ids in metadata.csv (the review report lists them)",
            )
    configured = None if config.language == "auto" else config.language
    configured_source = "argument" if language is not None else "corpus.yml"
    language_problems: list[dict] = []
    # languages: every document's words counted in one pass (types looked up once)
    seg_tallies = iter(tally_documents([r[1] for r in read], config.detect_segments))
    for row, seg_doc, sha256, encoding in read:
        rel = row["file"]
        file_path = folder / rel
        doc_id = row["doc_id"]
        meta = {k: v for k, v in row.items() if k not in ("file", "doc_id", "lang")}
        for key, value in seg_doc.metadata.items():  # from the file; metadata.csv wins
            if key != "lang" and (key not in meta or _missing(meta[key])):
                meta[key] = value
        found = assign_languages(
            seg_doc,
            rel,
            row.get("lang"),
            configured,
            configured_source,
            config.detect_segments,
            next(seg_tallies, None),
        )
        doc_lang = found.lang
        if found.problem is not None:
            _problem(language_problems, rel, "language", found.problem)
        docs.append(
            {
                "doc_id": doc_id,
                "file": rel,
                "sha256": sha256,
                "n_segments": len(seg_doc.segments),
                "n_chars": len(seg_doc.text),
                "format": file_path.suffix.lower().lstrip("."),
                "encoding": encoding,
                "structure": "transcript" if seg_doc.is_transcript else "paragraphs",
                "lang": doc_lang,
                "lang_source": found.source,
                "lang_margin": round(found.margin, 4),
                **meta,
            }
        )
        texts[doc_id] = seg_doc.text
        seg_ids = [f"{doc_id}:{i:04d}" for i in range(len(seg_doc.segments))]
        for seg_id, s, seg_lang in zip(
            seg_ids, seg_doc.segments, found.segment_langs, strict=True
        ):
            segs.append(
                {
                    "doc_id": doc_id,
                    "seg_id": seg_id,
                    "unit": s.unit,
                    "speaker": s.speaker,
                    "role": s.role,
                    "time": s.time,
                    "text": s.text,
                    "char_start": s.char_start,
                    "char_end": s.char_end,
                    "lang": seg_lang,
                    **s.attrs,
                }
            )
        starts = [s.char_start for s in seg_doc.segments]
        for a in seg_doc.annotations:
            k = max(bisect.bisect_right(starts, a.char_pos) - 1, 0)
            notes_rows.append(
                {
                    "doc_id": doc_id,
                    "seg_id": seg_ids[k] if seg_ids else None,
                    "char_pos": a.char_pos,
                    "element": a.element,
                    "type": a.type,
                    "text": a.text,
                }
            )
    problems += language_problems
    problems_df = pd.DataFrame(problems, columns=["file", "problem", "message"])
    if strict and problems:
        raise CorpusError(
            f"{folder}: {len(problems)} problem(s) in strict mode:\n"
            + "\n".join(f"- {m}" for m in problems_df["message"])
        )
    for message in problems_df["message"]:
        warnings.warn(message, DiscourseWarning, stacklevel=2)
    if not docs:
        raise CorpusError(
            f"{folder}: no readable documents ({', '.join(SUPPORTED_SUFFIXES)} files)"
            + ("; problems: " + "; ".join(problems_df["message"]) if problems else "")
        )
    documents = pd.DataFrame(docs)
    meta_cols = [c for c in documents.columns if c not in _DOC_COLUMNS]
    documents = documents[_DOC_COLUMNS + meta_cols]
    int_attrs = _int_columns(segs, set(_SEG_COLUMNS))
    segments = pd.DataFrame(segs)
    seg_cols = [*_SEG_COLUMNS, "lang"]
    segments = segments[seg_cols + [c for c in segments.columns if c not in seg_cols]]
    doc_meta = documents[["doc_id", *meta_cols]].rename(
        columns={c: f"doc_{c}" for c in meta_cols if c in segments.columns}
    )
    segments = segments.merge(doc_meta, on="doc_id", how="left")
    for col in ("n_segments", "n_chars"):
        documents[col] = documents[col].astype("int64")
    documents["lang_margin"] = documents["lang_margin"].astype("float64")
    for col in ("char_start", "char_end"):
        segments[col] = segments[col].astype("int64")
    for col in int_attrs:  # whole-number format columns such as `birth`, with gaps
        segments[col] = segments[col].astype("Int64")
    return Corpus(
        path=folder,
        name=config.name or folder.resolve().name,
        config=config,
        documents=documents,
        segments=segments,
        problems=problems_df,
        texts=texts,
        privacy=privacy,
        annotations=pd.DataFrame(notes_rows, columns=_ANNOTATION_COLUMNS),
        control_hashes=dict(registry.hashes) if registry is not None else {},
    )
