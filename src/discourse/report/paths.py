"""Where the project is: paths in notebooks and reports resolve from the project root.

A notebook may be opened from ``notebooks/``, run by papermill from anywhere, or run
by ``discourse report``; relative paths such as ``data/raw/demo`` must mean the same
folder in every case. :func:`project_root` finds the folder that holds the project's
``pyproject.toml`` (``$DISCOURSE_ROOT`` wins when set), and :func:`resolve` reads
relative paths from there, never from the working directory.

Examples
--------
>>> root = project_root()
>>> (root / "pyproject.toml").is_file()
True
>>> resolve("data/raw/demo") == root / "data" / "raw" / "demo"
True
"""

from __future__ import annotations

import os
from pathlib import Path

from discourse.errors import ParameterError

__all__ = ["project_root", "resolve"]


def _is_root(folder: Path) -> bool:
    marker = folder / "pyproject.toml"
    if not marker.is_file():
        return False
    try:
        head = marker.read_text(encoding="utf-8")[:4000]
    except OSError:
        return False
    return 'name = "discourse"' in head


def project_root() -> Path:
    """The project folder, found from the package or the working directory.

    ``$DISCOURSE_ROOT`` when set; otherwise the nearest folder above the installed
    package, then above the working directory, whose ``pyproject.toml`` names the
    ``discourse`` project.

    Raises
    ------
    ParameterError
        When no such folder is found (``discourse`` installed outside a checkout and no
        ``$DISCOURSE_ROOT``).
    """
    env = os.environ.get("DISCOURSE_ROOT")
    if env:
        root = Path(env).expanduser().resolve()
        if not root.is_dir():
            raise ParameterError(f"DISCOURSE_ROOT={env!r} is not a folder")
        return root
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if _is_root(folder):
                return folder
    raise ParameterError(
        "cannot find the discourse project folder (a pyproject.toml naming discourse) "
        "above the package or the working directory; set DISCOURSE_ROOT"
    )


def resolve(path: str | os.PathLike[str]) -> Path:
    """``path`` as an absolute path; a relative one is read from :func:`project_root`.

    Parameters
    ----------
    path : str or path-like
        ``~`` is expanded. Absolute paths are returned unchanged (normalised).
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p.resolve()
    return (project_root() / p).resolve()
