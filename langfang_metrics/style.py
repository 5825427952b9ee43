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
from matplotlib.textpath import TextToPath

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
    "missed": "#6B0F1A",
    "insufficient_data": OKABE_ITO["grey"],
}
#: Darker shades of the status colours for text on white (orange is too light as type).
STATUS_TEXT_COLORS = {
    "achieved": "#007A59",
    "on_track": "#005A8C",
    "needs_acceleration": "#9A6A00",
    "insufficient_progress": "#B04D00",
    "moving_away": "#A24F82",
    "missed": "#6B0F1A",
    "insufficient_data": "#666666",
}
#: Markers separate statuses when printed in greyscale.
STATUS_MARKERS = {
    "achieved": "D",
    "on_track": "o",
    "needs_acceleration": "s",
    "insufficient_progress": "v",
    "moving_away": "X",
    "missed": "P",
    "insufficient_data": "",
}
STATUS_HATCHES = {
    "achieved": "++",  # not blank as "no data" is: the two are alike in greyscale and to a
    # deuteranope (khaki against grey); larger dots than ".." show on the light orange
    "on_track": "///",
    "needs_acceleration": "oo",
    "insufficient_progress": "x",
    "moving_away": "\\\\\\",
    "missed": "xx",
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
    "estimate": ("#C9E8D9", "\\\\", "#10372A"),  # hatched too: it and the baseline differ
    "chained": ("#1B7A5A", "--", "#FFFFFF"),  # counted as a final one, made from another's
    "chained-preliminary": ("#6CC4A4", "--", "#10372A"),  # as a preliminary one, chained
    "plan-baseline": ("#9CC9E8", "||", "#0B2F4A"),  # little in lightness (not by colour alone)
    "zero-by-definition": ("#E6F1F8", "", "#0B2F4A"),  # a pale blue: the plan's, unstated
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
    "missed": "E9C9CE",
    "insufficient_data": "E8E8E8",
}

#: Observation status → (marker, filled?). Final and revised figures are filled; the rest hollow.
OBS_MARKERS = {
    "final": ("o", True),
    "revised": ("h", True),  # apart from a final figure it revises, in the same year
    "preliminary": ("o", False),
    "estimate": ("D", False),
    "chained": ("p", True),  # counted, brought onto the series' definition
    "chained-preliminary": ("p", False),  # so, from a preliminary figure: hollow as one
    "lower-bound": ("^", False),
    "upper-bound": ("v", False),
    "part-year": ("s", False),
    "other-definition": ("P", False),
}

#: Marker size of an observation's status in points: a filled hexagon or pentagon at the
#: circle's 6 points read as the same black dot (a revised 1,310 beside final figures in
#: notebook 03's high-tech chart: the statistician's review), so they are drawn larger.
OBS_MARKER_SIZES = {"revised": 8.5, "chained": 8.5, "chained-preliminary": 8.5}


def obs_marker_size(status: str) -> float:
    """Marker size of a figure of ``status`` (``OBS_MARKER_SIZES``; 6 points otherwise)."""
    return OBS_MARKER_SIZES.get(status, 6.0)


#: Series colours of the trajectory chart.
SERIES_COLORS = {
    "observed": OKABE_ITO["black"],
    "required": OKABE_ITO["grey"],
    "rd_10pct": OKABE_ITO["grey"],  # the R&D target's required path, grey as every other
    "forecast": OKABE_ITO["blue"],
    "target": OKABE_ITO["vermillion"],
    "time": OKABE_ITO["black"],
}
SERIES_LINESTYLES = {"observed": "-", "required": "--", "rd_10pct": "--", "forecast": "-."}
MILESTONE_MARKERS = {2023: "^", 2025: "*"}

#: Height kept free under constrained-layout charts for a source line of up to two lines;
#: a third line adds ``SOURCE_LINE_INCHES``.
SOURCE_STRIP_INCHES = 0.3
#: Type size of the source line (points), the height of one of its lines (inches: 7 pt
#: type at matplotlib's 1.2 line spacing) and the most lines it takes before it is cut
#: with "…" (three: the English name of the plan alone fills most of a line, and two
#: lines cut "draft for comment" off the chart of three sources).
SOURCE_FONTSIZE = 7
SOURCE_LINE_INCHES = SOURCE_FONTSIZE * 1.2 / 72
SOURCE_MAX_LINES = 3

#: CJK characters and full-width punctuation: a line may break before or after each one.
_CJK_CHARS = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
#: Where a line may break: a run of other characters with the spaces after it, one CJK
#: character with the spaces after it, or leading spaces.
_BREAK_UNIT = re.compile(rf"[^\s{_CJK_CHARS}]+\s*|[{_CJK_CHARS}]\s*|\s+")
#: Closing punctuation that never begins a line, and opening brackets that never end one
#: (the Chinese line-breaking rule, 避头尾).
_NO_LINE_START = frozenset("，。；：、）》」』’”！？,.;:)]!?…%")
_NO_LINE_END = frozenset("（《「『‘“([")

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
    # names, units and sources are data: "US$ and HK$" is text, never mathtext
    "text.parse_math": False,
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
    """Font family list (first choice first) for ``lang``; CJK is a fallback in English.

    Inside :func:`using_cjk_subset` the cut-down CJK faces come before the full ones.
    """
    cjk = find_cjk_font()
    first = [_subset_family] if _subset_family and cjk else []
    if lang == "zh" and cjk:
        return [*first, cjk, LATIN_FAMILY]
    return [LATIN_FAMILY, *first, cjk] if cjk else [LATIN_FAMILY]


# --------------------------------------------------------------------------- CJK subsets
#: Characters any chart may draw whatever the data: ASCII, Latin-1, general punctuation,
#: arrows, common maths, CJK punctuation and full-width forms.
BASE_CHARS = "".join(
    chr(c)
    for lo, hi in (
        (0x20, 0x7E),
        (0xA0, 0xFF),
        (0x2010, 0x205E),
        (0x2190, 0x2199),
        (0x2212, 0x2212),
        (0x2264, 0x2265),
        (0x3000, 0x303F),
        (0xFF01, 0xFF5E),
    )  # fmt: skip
    for c in range(lo, hi + 1)
)
#: Suffix of the family name of the cut-down CJK faces; their PostScript names get "Subset"
#: (``NotoSansCJKscSubset-Bold``), so SVG glyph ids never mix them with the full faces'.
SUBSET_SUFFIX = " (subset)"
#: Part of a cut face's file name: change it whenever the way faces are cut changes.
_CUT_VERSION = 1
_subset_family: str | None = None
_registered: tuple[str, ...] = ()


def cjk_faces() -> list[tuple[str, int]]:
    """``(file, face index)`` of the faces of the CJK family charts draw with: the ones
    matplotlib picks for normal and bold text (one, if the family has no bold face)."""
    cjk = find_cjk_font()
    if cjk is None:
        return []
    faces = set()
    for weight in ("normal", "bold"):
        found = font_manager.findfont(font_manager.FontProperties(family=cjk, weight=weight),
                                      fallback_to_default=False)  # fmt: skip
        faces.add((str(found), int(getattr(found, "face_index", 0))))
    return sorted(faces)


def cjk_subset_fonts(text: str, folder) -> tuple:
    """Files holding each face of the CJK family (:func:`cjk_faces`) cut down to the
    characters of ``text`` (and :data:`BASE_CHARS`), written once into ``folder`` and reused.

    The pan-CJK fonts hold 65,535 glyphs; a PDF embeds only the glyphs it uses, but cutting
    those out of the full font means parsing all of it again for every PDF (~0.6 s per face
    and file, most of a cold run's figure stage). Drawn with a face already cut down to the
    few hundred characters of a run, each PDF needs a fraction of that. The outlines,
    metrics and layout tables of the kept glyphs are the full font's, so a chart looks the
    same (PNG files are the same bytes; SVG glyph ids differ); a character outside ``text``
    is drawn from the full font.

    Returns
    -------
    tuple of Path
        Empty when no CJK font is installed.
    """
    return tuple(cjk_subset_font(text, folder, face) for face in cjk_faces())


def cjk_subset_font(text: str, folder, face: tuple[str, int]):
    """One face of :func:`cjk_subset_fonts`: ``face`` is ``(file, face index)``."""
    import hashlib
    import io
    from pathlib import Path

    import fontTools
    from fontTools import subset

    from .export import cache_read, cache_write

    cjk = find_cjk_font()
    fname, index = face
    chars = "".join(sorted(set(text) | set(BASE_CHARS)))
    st = Path(fname).stat()
    key = hashlib.sha256(f"{_CUT_VERSION}|{fname}|{index}|{st.st_size}|{st.st_mtime_ns}|"
                         f"{fontTools.version}|{chars}".encode()).hexdigest()[:24]  # fmt: skip
    path = Path(folder) / f"cjk-subset-{key}.otf"
    if cache_read(path) is not None:  # a cut-short face is cut again, not embedded
        return path
    # fontTools' default layout features are those text shaping applies to horizontal
    # text (kern, liga, locl, ccmp, mark...); all of them ("*") would keep every
    # alternate and vertical form too, several times the glyphs
    options = subset.Options(name_IDs=["*"], name_languages=["*"], notdef_outline=True,
                             hinting=True, legacy_kern=True, recommended_glyphs=True,
                             font_number=index)  # fmt: skip
    font = subset.load_font(fname, options)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16, 21):
            record.string = record.toUnicode().replace(cjk, cjk + SUBSET_SUFFIX)
        elif record.nameID == 6:  # SVG glyph ids and PDF font names start with it
            base, dash, style = record.toUnicode().partition("-")
            record.string = f"{base}Subset{dash}{style}"
    buf = io.BytesIO()
    font.save(buf)
    written = cache_write(path, buf.getvalue())
    if written is None:  # the charts are drawn with this file: it must be there
        raise OSError(f"the cut-down Chinese font cannot be written to {folder} (is its disk "
                      "full?); free some space there, or set LANGFANG_METRICS_CACHE to a "
                      "folder on another disk")  # fmt: skip
    return written


def truetype_outlines(font) -> None:
    """Turn a CFF-flavoured OpenType font (a fontTools ``TTFont``) into TrueType in place.

    A PDF embeds a Type 42 (``pdf.fonttype`` 42) font as ``/FontFile2`` under a
    ``/CIDFontType2`` font, which the PDF standard reserves for TrueType outlines; the
    CJK fonts (Noto Sans CJK, Source Han Sans) have CFF outlines, and a PDF carrying them
    there is malformed: Ghostscript drew the Chinese charts without any text. The cubic
    outlines are converted to quadratic ones within 1 font unit (1/1,000 em) by fontTools'
    ``cu2qu``, glyph order and advance widths unchanged (fontTools' ``otf2ttf`` recipe).
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(outlines)
        outlines[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    for glyph in glyphs.values():
        glyph.recalcBounds(glyf)
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():  # left side bearing = the new outline's xMin
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.numGlyphs = len(order)
    maxp.recalc(font)  # points and contours from the new outlines
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    try:
        post.compile(font)
    except OverflowError:  # too many names for the table: keep none
        post.formatType = 3.0
    font.sfntVersion = "\000\001\000\000"


def _pdf_fonts_as_truetype() -> None:
    """Have matplotlib's PDF backend embed CFF fonts as TrueType (:func:`truetype_outlines`):
    its ``font_as_file``, which serialises the glyph subset a PDF embeds, converts first."""
    from matplotlib.backends import _backend_pdf_ps

    original = getattr(_backend_pdf_ps, "font_as_file", None)
    if original is None or getattr(original, "truetype_outlines", False):
        return

    def font_as_file(font):
        if "CFF " in font:
            truetype_outlines(font)
        return original(font)

    font_as_file.truetype_outlines = True
    _backend_pdf_ps.font_as_file = font_as_file


_pdf_fonts_as_truetype()


def postscript_names(paths) -> set[str]:
    """PostScript names of the font files ``paths`` (what SVG glyph ids start with)."""
    from matplotlib import ft2font

    return {ft2font.FT2Font(str(p)).postscript_name for p in paths}


@contextmanager
def using_cjk_subset(paths) -> Iterator[None]:
    """Draw with the cut-down CJK faces of :func:`cjk_subset_fonts` first (then the full
    ones) while the context lasts; no-op when ``paths`` is empty.

    One set of cut-down faces is known to matplotlib at a time: faces cut for other text
    are replaced, so the family name always means the faces given here.
    """
    global _subset_family, _registered
    previous = _subset_family
    if paths:
        family = find_cjk_font() + SUBSET_SUFFIX
        wanted = tuple(sorted(map(str, paths)))
        if wanted != _registered:
            manager = font_manager.fontManager
            manager.ttflist = [e for e in manager.ttflist if e.name != family]
            for path in wanted:
                manager.addfont(path)  # also clears findfont's cache
            _registered = wanted
        _subset_family = family
    try:
        yield
    finally:
        _subset_family = previous


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
    with mpl.rc_context():
        # from matplotlib's defaults, not the user's matplotlibrc (a yellow plot area, big
        # markers and inward ticks reached every chart, and no cache key saw them)
        mpl.rcdefaults()
        mpl.rcParams.update(style_rc(lang))
        yield lang


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set at ``size`` points in the current rc font (with the
    same fallback fonts as the charts), measured from the glyph outlines: no renderer needed,
    the same on every backend."""
    prop = font_manager.FontProperties(size=size)
    return TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0]


def _break_units(text: str, width: float, size: float) -> list[str]:
    """The pieces between which :func:`fit_lines` may break ``text``: Latin words with their
    trailing spaces, single CJK characters, closing punctuation kept with what precedes it and
    opening brackets with what follows; a piece wider than ``width`` alone, in characters."""
    units: list[str] = []
    for piece in _BREAK_UNIT.findall(text):
        if units and (piece[0] in _NO_LINE_START or units[-1].rstrip()[-1:] in _NO_LINE_END):
            units[-1] += piece
        else:
            units.append(piece)
    out: list[str] = []
    for unit in units:
        out.extend(list(unit) if text_width(unit.rstrip(), size) > width else [unit])
    return out


def _fill(units: list[str], width: float, size: float) -> list[str]:
    """Greedy filling: each line takes units while it stays within ``width``."""
    lines, current = [], ""
    for unit in units:
        if current and text_width((current + unit).rstrip(), size) > width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current += unit
    lines.append(current.rstrip())
    return lines


def fit_lines(
    text: str, width: float, size: float, max_lines: int, *, prefer: str | None = None
) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines no wider than ``width`` points.

    Breaks fall only after ``prefer`` (a list separator, say) when that fits, else between
    Latin words and between CJK characters, never before closing or after opening
    punctuation. Text that needs more lines keeps the first ``max_lines`` and ends the last
    one with "…".
    """
    if text_width(text, size) <= width:
        return [text]
    if prefer and prefer in text:
        parts = text.split(prefer)
        lines = _fill([p + prefer for p in parts[:-1]] + parts[-1:], width, size)
        if len(lines) <= max_lines and all(text_width(x, size) <= width for x in lines):
            return lines
    lines = _fill(_break_units(text, width, size), width, size)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last.rstrip() + "…", size) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines


def adopt_axes(ax) -> None:
    """Give an Axes made outside :func:`house_style` the house fonts and sizes for the texts
    it already owns (titles, axis labels, tick labels), so that text drawn on it later in the
    house style shows Chinese, not boxes. Call it inside ``house_style``.

    Raises
    ------
    ValueError
        For anything but an ordinary (rectilinear) matplotlib Axes: 3-D and polar axes
        cannot hold these charts.
    """
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes) or ax.name != "rectilinear":
        what = getattr(ax, "name", type(ax).__name__)
        raise ValueError(f"ax must be an ordinary matplotlib Axes (fig.add_subplot()), got {what}")
    family = list(mpl.rcParams["font.family"])
    titles = [getattr(ax, name, None) for name in ("title", "_left_title", "_right_title")]
    for text in [t for t in titles if t is not None] + [ax.xaxis.label, ax.yaxis.label]:
        text.set_parse_math(False)
    for text in [t for t in titles if t is not None]:
        text.set_fontfamily(family)
        text.set_fontsize(mpl.rcParams["axes.titlesize"])
    for label in (ax.xaxis.label, ax.yaxis.label):
        label.set_fontfamily(family)
        label.set_fontsize(mpl.rcParams["axes.labelsize"])
    ax.tick_params(axis="both", which="both", labelfontfamily=family)


#: What every source line drawn ends with while :func:`source_ending` lasts ("" else).
_source_end: str | None = None  # None: no source_ending in force


@contextmanager
def source_ending(text: str) -> Iterator[None]:
    """End every source line :func:`add_source_line` draws while the context lasts with
    ``text``: the day a ``run --known-by`` reconstructs (``figures.figure_specs``), because
    a chart is exported alone and one of such a run did not say it was a reconstruction.
    Empty ``text`` ends them as drawn, whatever day :func:`charts_known_by` set (a report
    chart of results known now was drawn in a session that had loaded others known by a
    day, and said that day)."""
    global _source_end
    previous, _source_end = _source_end, text
    try:
        yield
    finally:
        _source_end = previous


#: The day the figures of this session's results are as published by (None: as known now),
#: said by every source line while no :func:`source_ending` is in force: see
#: :func:`charts_known_by`.
_known_by_day: str | None = None


def charts_known_by(day: str | None) -> None:
    """End every source line drawn from now on with "按{day}已公布的数据" / "as published by
    {day}" (``known_by.source``) in its chart's language; None ends them as drawn.

    ``compute.load_results`` calls it with the day of the results it returns: the notebooks
    draw their charts with the plot functions from those results, and the charts of a
    ``run --known-by`` read as of the figures known now where the page's opening said the
    day. A :func:`source_ending` in force says its own words instead.
    """
    global _known_by_day
    _known_by_day = day or None


def _ending(lang: str) -> str:
    """The words every source line now ends with: :func:`source_ending`'s, else those of
    :func:`charts_known_by`'s day in ``lang``, else none."""
    if _source_end is not None:
        return _source_end
    if not _known_by_day:
        return ""
    return labels.label("known_by.source", lang, date=_known_by_day)


def _ended(lines: list[str], width: float, lang: str) -> list[str]:
    """``lines`` of a source line with :func:`_ending`'s words after them: on the last line
    when they fit it, else on a line of their own, never cut with the sources' "…"."""
    end = _ending(lang)
    if not end:
        return lines
    sep = labels.label("source.separator", lang)
    last = lines[-1] + sep + end
    if text_width(last, SOURCE_FONTSIZE) <= width:
        return [*lines[:-1], last]
    # the separator closes the sources' last line, as where they break between sources
    # (none after a "…" or where it would not fit)
    closed = lines[-1] + sep.strip()
    if lines[-1].endswith("…") or text_width(closed, SOURCE_FONTSIZE) > width:
        closed = lines[-1]
    return [*lines[:-1], closed, *fit_lines(end, width, SOURCE_FONTSIZE, 1)]


def add_source_line(fig: Figure, text: str | None, lang: str = "zh") -> None:
    """Write "数据来源：… / Source: …" in small grey type under the chart.

    Parameters
    ----------
    fig : Figure
    text : str or None
        The sources; None or empty uses the default source text. Chinese source names that
        an English chart cannot draw (no CJK font) are replaced by a pointer to the workbook.
        Whole names: the line breaks to the figure's width (:func:`fit_lines`), in at most
        ``SOURCE_MAX_LINES`` lines, then the words of :func:`source_ending` or
        :func:`charts_known_by` (a line more when they need one).
    lang : {"zh", "en"}
    """
    if not text:
        text = labels.label("source.default", lang)
    elif not can_draw(text):
        text = labels.label("source.see_workbook", lang)
    left = 0.01
    width = (1 - 2 * left) * fig.get_figwidth() * 72
    lines = fit_lines(labels.source_line(text, lang), width, SOURCE_FONTSIZE, SOURCE_MAX_LINES,
                      prefer=labels.label("source.separator", lang).strip())  # fmt: skip
    lines = _ended(lines, width, lang)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        # keep a strip free at the bottom: two lines of small type, more if the text needs it
        inches = SOURCE_STRIP_INCHES + max(0, len(lines) - 2) * SOURCE_LINE_INCHES
        strip = inches / fig.get_figheight()
        engine.set(rect=(0, strip, 1, 1 - strip))
    fig.text(
        left,
        0.005,
        "\n".join(lines),
        ha="left",
        va="bottom",
        fontsize=SOURCE_FONTSIZE,
        color="#555555",
        gid="source-line",
    )
