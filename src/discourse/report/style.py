"""One look for every figure: seaborn, a colour-blind-safe palette, paper resolution.

:func:`set_style` is called once at the top of each notebook. Figures get readable font
sizes on screen and are saved at 300 dpi (:meth:`discourse.report.Outputs.figure`).
The palette is seaborn's ``colorblind`` (Okabe–Ito-like hues that stay distinct with the
common colour-vision deficiencies).

Examples
--------
>>> set_style()
>>> import matplotlib as mpl
>>> mpl.rcParams["savefig.dpi"]
300.0
"""

from __future__ import annotations

__all__ = ["PALETTE", "SAVE_DPI", "set_style"]

#: The seaborn palette every figure uses.
PALETTE = "colorblind"
#: Resolution of saved figures (dots per inch), suitable for print.
SAVE_DPI = 300


def set_style(font_scale: float = 1.1) -> None:
    """Set seaborn's theme (white grid, colour-blind palette) and matplotlib defaults.

    Parameters
    ----------
    font_scale : float
        Scales seaborn's font sizes; 1.1 keeps labels readable at a column's width.
    """
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font_scale=font_scale)
    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": float(SAVE_DPI),
            "savefig.bbox": "tight",
            "figure.autolayout": False,
            "axes.titleweight": "bold",
            "axes.titlesize": "large",
            "svg.hashsalt": "discourse",  # stable ids in SVG output
        }
    )
