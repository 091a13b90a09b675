"""When progress bars show: one rule for every long step.

Reading documents, tokenising, fitting topic models and ``select_k`` show tqdm progress
bars. ``progress=True`` shows a bar and ``False`` hides it; by default (None) it is
hidden for small jobs and when ``$TQDM_DISABLE`` is set. Headless report runs
(:func:`discourse.report.run_report`) set that variable; tqdm itself ignores it as soon
as ``disable=`` is passed explicitly, so this rule applies it.

Examples
--------
>>> progress_off(True, small=True), progress_off(None, small=True)
(False, True)
"""

from __future__ import annotations

import os

__all__ = ["progress_off"]


def progress_off(progress: bool | None, small: bool) -> bool:
    """Whether a progress bar stays off (``True``) or shows (``False``).

    Parameters
    ----------
    progress : bool or None
        The caller's wish; None means "decide".
    small : bool
        Whether the job is small enough that a bar would only flicker.
    """
    if progress is not None:
        return not progress
    return small or os.environ.get("TQDM_DISABLE", "").strip().lower() in ("1", "true", "yes")
