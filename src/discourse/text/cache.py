"""The on-disk cache of preprocessed tokens, with atomic writes.

A cache entry is a folder ``<cache_dir>/tokens-<key>/`` holding the token table as plain
NumPy arrays (one ``.npy`` per column; categorical columns as integer codes plus their
categories in ``categories.json``) and ``manifest.json`` (the inputs' hashes, the settings,
the package versions). Arrays load without pickles and far faster than a parquet file, so a
warm rerun costs a few per cent of a cold one. The key is a
SHA-256 of all of these, so any change to a file, a metadata cell, a setting or a
dependency version makes a new entry. An entry is written to a temporary folder and
renamed into place in one step, so a crash never leaves a half-written entry that a
later run would trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from discourse.errors import DiscourseWarning

__all__ = ["cache_key", "default_cache_dir", "load_entry", "store_entry"]

_VERSIONED = ("discourse", "simplemma", "nltk", "gensim", "pandas", "pyarrow", "numpy")


def package_versions() -> dict[str, str]:
    """Versions of the packages whose behaviour shapes the tokens table."""
    return {name: version(name) for name in _VERSIONED}


def default_cache_dir(corpus_path: Path, corpus_name: str) -> Path:
    """Where a corpus's caches go when the caller does not say.

    ``$DISCOURSE_CACHE_DIR/<name>`` if that variable is set; ``<root>/data/processed/<name>``
    for a corpus in ``<root>/data/raw/``; otherwise ``./data/processed/<name>``.

    Examples
    --------
    >>> default_cache_dir(Path("/p/data/raw/demo"), "demo").as_posix()
    '/p/data/processed/demo'
    """
    env = os.environ.get("DISCOURSE_CACHE_DIR")
    if env:
        return Path(env) / corpus_name
    resolved = corpus_path.resolve()
    for parent in [resolved, *resolved.parents]:
        if parent.name == "raw" and parent.parent.name == "data":
            return parent.parent / "processed" / corpus_name
    return Path.cwd() / "data" / "processed" / corpus_name


def cache_key(manifest: dict[str, Any]) -> str:
    """SHA-256 of a manifest's canonical JSON."""
    blob = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def load_entry(folder: Path, key: str) -> pd.DataFrame | None:
    """The cached table for ``key``, or None when there is no complete, valid entry."""
    entry = folder / f"tokens-{key[:32]}"
    manifest_file = entry / "manifest.json"
    if not manifest_file.is_file():
        return None
    try:
        manifest = json.loads(manifest_file.read_text("utf-8"))
        if manifest.get("key") != key:
            return None
        return _read_table(entry, manifest["columns"])
    except Exception as exc:  # damaged by hand or by a full disk: recompute, say so
        warnings.warn(
            f"{entry}: cache entry is damaged ({exc}); it is ignored and rebuilt",
            DiscourseWarning,
            stacklevel=3,
        )
        shutil.rmtree(entry, ignore_errors=True)
        return None


def _write_table(folder: Path, table: pd.DataFrame) -> list[list[str]]:
    """Write each column as ``<name>.npy`` (categoricals as codes).

    Returns the ``[name, dtype]`` pairs in column order, for the manifest.
    """
    categories: dict[str, list[str]] = {}
    dtypes: list[list[str]] = []
    for name in table.columns:
        col = table[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            np.save(folder / f"{name}.npy", col.cat.codes.to_numpy(np.int32), allow_pickle=False)
            categories[name] = [str(c) for c in col.cat.categories]
            dtypes.append([name, "category"])
        else:
            np.save(folder / f"{name}.npy", col.to_numpy(), allow_pickle=False)
            dtypes.append([name, str(col.dtype)])
    (folder / "categories.json").write_text(
        json.dumps(categories, ensure_ascii=False), encoding="utf-8"
    )
    return dtypes


def _read_table(folder: Path, columns: list[list[str]]) -> pd.DataFrame:
    """Read the columns that :func:`_write_table` wrote (``[name, dtype]`` pairs)."""
    categories = json.loads((folder / "categories.json").read_text("utf-8"))
    data = {}
    for name, dtype in columns:
        values = np.load(folder / f"{name}.npy", allow_pickle=False)
        if dtype == "category":
            data[name] = pd.Categorical.from_codes(
                values, categories=pd.Index(categories[name], dtype="str")
            )
        else:
            data[name] = values
    return pd.DataFrame(data)


def store_entry(folder: Path, key: str, table: pd.DataFrame, manifest: dict[str, Any]) -> Path:
    """Write a cache entry atomically and return its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / f"tokens-{key[:32]}"
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{key[:12]}-", dir=folder))
    try:
        columns = _write_table(tmp, table)
        payload = {"key": key, "columns": columns, **manifest}
        (tmp / "manifest.json").write_text(
            json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n", "utf-8"
        )
        if entry.exists() and not (entry / "manifest.json").is_file():
            shutil.rmtree(entry)  # an incomplete entry left by hand; never trusted
        try:
            os.rename(tmp, entry)
        except OSError:
            if not (entry / "manifest.json").is_file():
                raise
            # another process finished the same entry first; keep theirs
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return entry
