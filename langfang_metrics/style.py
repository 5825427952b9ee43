"""House style of every chart: fonts (with a CJK font when one exists), sizes, colours.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies); because reports are
often printed in black and white, every status and series also has its own marker, hatch or
line style, so series stay apart in greyscale.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from . import labels

#: CJK families tried in order; the JP/KR/TC faces of the pan-CJK fonts come last (they hold
#: the same glyphs, with Japanese or traditional shapes for a few characters).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "SimHei",
    "Noto Sans SC",
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "Noto Sans CJK JP",
    "Source Han Sans JP",
    "Noto Sans CJK KR",
    "Noto Serif CJK SC",
    "Arial Unicode MS",
)

#: Latin family used for English charts and as fallback after the CJK family.
LATIN_FAMILY = "DejaVu Sans"

#: Okabe-Ito colours.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#8C8C8C",
}

#: Fixed status → colour map (also used for workbook fills, see STATUS_FILLS).
STATUS_COLORS = {
    "achieved": OKABE_ITO["bluish_green"],
    "on_track": OKABE_ITO["blue"],
    "needs_acceleration": OKABE_ITO["orange"],
    "insufficient_progress": OKABE_ITO["vermillion"],
    "moving_away": OKABE_ITO["reddish_purple"],
    "insufficient_data": OKABE_ITO["grey"],
}
#: Darker shades of the status colours for text on white (orange is too light as type).
STATUS_TEXT_COLORS = {
    "achieved": "#007A59",
    "on_track": "#005A8C",
    "needs_acceleration": "#9A6A00",
    "insufficient_progress": "#B04D00",
    "moving_away": "#A24F82",
    "insufficient_data": "#666666",
}
#: Markers separate statuses when printed in greyscale.
STATUS_MARKERS = {
    "achieved": "D",
    "on_track": "o",
    "needs_acceleration": "s",
    "insufficient_progress": "v",
    "moving_away": "X",
    "insufficient_data": "",
}
STATUS_HATCHES = {
    "achieved": "",
    "on_track": "///",
    "needs_acceleration": "..",
    "insufficient_progress": "x",
    "moving_away": "\\\\\\",
    "insufficient_data": "",
}
#: Data-coverage cells: the status of the figure held for an indicator and year → (fill,
#: hatch, text colour). Series-grade figures are solid greens, the plan's own baseline blue,
#: figures that cannot enter a series hatched (bounds, part-year, other definitions), and
#: nothing held white. Hatches keep the groups apart in greyscale print.
COVERAGE_STYLE = {
    "revised": ("#1B7A5A", "", "#FFFFFF"),
    "final": ("#1B7A5A", "", "#FFFFFF"),
    "preliminary": ("#6CC4A4", "", "#10372A"),
    "estimate": ("#C9E8D9", "", "#10372A"),
    "plan-baseline": ("#9CC9E8", "", "#0B2F4A"),
    "lower-bound": ("#F6D38C", "///", "#4A3300"),
    "upper-bound": ("#F6D38C", "///", "#4A3300"),
    "part-year": ("#E3C4DA", "...", "#40192F"),
    "other-definition": ("#E3C4DA", "...", "#40192F"),
    "none": ("#FFFFFF", "", "#8C8C8C"),
}

#: Light tints of the status colours for spreadsheet cells (black text stays readable).
STATUS_FILLS = {
    "achieved": "CCECE3",
    "on_track": "CCE3F0",
    "needs_acceleration": "FAECCC",
    "insufficient_progress": "F7DFCC",
    "moving_away": "F5E4ED",
    "insufficient_data": "E8E8E8",
}

#: Observation status → (marker, filled?). Final and revised figures are filled; the rest hollow.
OBS_MARKERS = {
    "final": ("o", True),
    "revised": ("o", True),
    "preliminary": ("o", False),
    "estimate": ("D", False),
    "lower-bound": ("^", False),
    "upper-bound": ("v", False),
    "part-year": ("s", False),
    "other-definition": ("P", False),
}

#: Series colours of the trajectory chart.
SERIES_COLORS = {
    "observed": OKABE_ITO["black"],
    "required": OKABE_ITO["grey"],
    "rd_10pct": OKABE_ITO["vermillion"],
    "forecast": OKABE_ITO["blue"],
    "target": OKABE_ITO["vermillion"],
    "time": OKABE_ITO["black"],
}
SERIES_LINESTYLES = {"observed": "-", "required": "--", "rd_10pct": "--", "forecast": "-."}
MILESTONE_MARKERS = {2023: "^", 2025: "*"}

#: Height kept free under constrained-layout charts for the source line.
SOURCE_STRIP_INCHES = 0.3

#: Fixed salt so SVG element ids do not change between runs.
SVG_HASHSALT = "langfang-metrics"

BASE_RC = {
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.unicode_minus": False,
    "axes.prop_cycle": mpl.cycler(
        color=[
            OKABE_ITO[k]
            for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "black")
        ]
    ),
    "lines.linewidth": 1.6,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
}

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_fallback_warned = False


@functools.cache
def _installed_families() -> frozenset[str]:
    return frozenset(f.name for f in font_manager.fontManager.ttflist)


@functools.cache
def find_cjk_font() -> str | None:
    """Return the family name of an installed CJK font, or None when there is none.

    The families in :data:`CJK_FAMILIES` are tried in order among the fonts matplotlib
    already knows; the result is cached (the font cache is not rebuilt).
    """
    installed = _installed_families()
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    return None


def has_cjk(text: object) -> bool:
    """True if ``text`` holds Chinese characters or full-width punctuation."""
    return isinstance(text, str) and bool(_CJK_RE.search(text))


def resolve_lang(lang: str) -> str:
    """Return the language charts can actually draw.

    ``"zh"`` falls back to ``"en"`` when no CJK font is installed (instead of drawing empty
    boxes), with one ``UserWarning`` per process saying how to fix it.
    """
    global _fallback_warned
    if lang not in labels.LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if lang == "zh" and find_cjk_font() is None:
        if not _fallback_warned:
            _fallback_warned = True
            warnings.warn(
                "No Chinese (CJK) font found; drawing charts in English instead. Install one, "
                "e.g. `apt-get install fonts-noto-cjk`, then clear matplotlib's font cache.",
                UserWarning,
                stacklevel=2,
            )
        return "en"
    return lang


def can_draw(text: object) -> bool:
    """True if ``text`` can be drawn without missing glyphs (CJK needs a CJK font)."""
    return not has_cjk(text) or find_cjk_font() is not None


def font_families(lang: str) -> list[str]:
    """Font family list (first choice first) for ``lang``; CJK is a fallback in English."""
    cjk = find_cjk_font()
    if lang == "zh" and cjk:
        return [cjk, LATIN_FAMILY]
    return [LATIN_FAMILY, cjk] if cjk else [LATIN_FAMILY]


def style_rc(lang: str) -> dict[str, object]:
    """The rcParams of the house style for ``lang`` (a resolved language)."""
    # A concrete family list (not "sans-serif") is stored in each Text when it is created,
    # so a figure drawn in the context keeps its fonts when it is saved outside of it.
    return {**BASE_RC, "font.family": font_families(lang)}


@contextmanager
def house_style(lang: str = "zh") -> Iterator[str]:
    """Context manager applying the house style; yields the resolved language.

    Examples
    --------
    >>> with house_style("zh") as lang:  # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    """
    lang = resolve_lang(lang)
    with mpl.rc_context(style_rc(lang)):
        yield lang


def add_source_line(fig: Figure, text: str | None, lang: str = "zh") -> None:
    """Write "数据来源：… / Source: …" in small grey type under the chart.

    Parameters
    ----------
    fig : Figure
    text : str or None
        The sources; None or empty uses the default source text. Chinese source names that
        an English chart cannot draw (no CJK font) are replaced by a pointer to the workbook.
    lang : {"zh", "en"}
    """
    if not text:
        text = labels.label("source.default", lang)
    elif not can_draw(text):
        text = labels.label("source.see_workbook", lang)
    sep = "" if lang == "zh" else " "
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        # keep a strip of about two lines of small type free at the bottom
        strip = SOURCE_STRIP_INCHES / fig.get_figheight()
        engine.set(rect=(0, strip, 1, 1 - strip))
    fig.text(
        0.01,
        0.005,
        f"{labels.label('source.prefix', lang)}{sep}{text}",
        ha="left",
        va="bottom",
        fontsize=7,
        color="#555555",
        wrap=True,
        gid="source-line",
    )
