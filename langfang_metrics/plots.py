"""Charts of the plan's targets: trajectories, the R&D path, the gap dashboard, vintages.

Every function takes the data first and keyword-only options after, draws in the house style
(:mod:`langfang_metrics.style`) with texts from :mod:`langfang_metrics.labels` or the
indicators frame, accepts ``ax=None`` and returns the Figure; saving is
:func:`langfang_metrics.export.save_figure`'s job. A chart whose input is empty says
"暂无数据 / No data yet" instead of failing. The source line is added only when the function
creates the figure (a caller composing several panels writes its own).
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import Formatter, MaxNLocator, PercentFormatter
from matplotlib.transforms import Bbox, offset_copy

from . import config, labels, style
from ._checks import as_year, not_whole_years
from .gaps import check_statuses
from .labels import label, year_span
from .registry import PLAN_SOURCE
from .series import best_figures
from .views import (
    _unsigned_zero,
    _years_open,
    dashboard_title,
    early_owed,
    fixed,
    fmt_growth_target,
    fmt_number,
    fmt_value,
    graded_on,
    inferred_departments,
    progress_from,
    provisional_outcome,
    size_decimals,
    value_decimals,
    with_unit,
    year_unit,
)

#: The dashboard's mark of a growth grade that turns on an unreported year's growth (not
#: "†": the page, the brief and the workbook mark a forecast that parts from its course so).
_OPEN_MARK = "‡"
#: The dashboard's mark of a yearly flow's row, whose bar is the year's figure over the
#: year's target, not a share of the change from a baseline the axis names ("†" is taken,
#: and "*" marks a provisional figure).
_FLOW_MARK = "§"

#: Indicator whose spending is compared with the 10 %/yr path.
RD_INDICATOR = "rd_spending"

OBS_COLUMNS = ("indicator_id", "region", "year", "value", "status")
GAP_COLUMNS = ("indicator_id", "milestone_year", "status")

_FIGSIZE_LINE = (6.5, 4.4)
#: A4 portrait (8.27 x 11.69 in) less the 0.15 in margin saving adds on every side
#: (``savefig.pad_inches``): the saved picture fits the sheet (at 8.3 x 11.7 it came out
#: 21.7 x 30.2 cm, larger than A4).
_FIGSIZE_A4 = (7.95, 11.35)
#: White backing so annotations stay legible over lines and fans.
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
#: Progress shares outside this range are drawn at its edge with an arrow.
_PROGRESS_LIMITS = (-0.5, 1.5)


# --------------------------------------------------------------------------- helpers


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {missing}; it has {list(df.columns)}")


def for_caption(
    fig: Figure, size: tuple[float, float] | None = None, *, width: float | None = None
) -> Figure:
    """``fig`` without its axes' titles and its source line, for a document that captions
    each figure and gives its source beneath it (the Word brief printed both twice: in the
    picture and in its caption). The space the source line kept is given back.

    Parameters
    ----------
    fig : Figure
    size : (float, float), optional
        New width and height in inches: the page's text width prints the labels at their
        own size (a 6.5-inch chart pasted 15.6 cm wide printed them at 94 %), and a lower
        height lets two charts share a page (the brief gave each a half-empty page).
    width : float, optional
        The width in inches the saved picture must not exceed (default: that of ``size``,
        whose height it must not exceed either).
        Labels drawn beside the axes ("预计超出 37家") widen a picture saved to its tight
        bounds: the brief's were 16.2 cm for a 15.6 cm text width and printed at 96 %, their
        8-point labels smaller (the report writer's review). The figure is narrowed by the
        excess until the picture fits, its text keeping its size.

    Returns
    -------
    Figure
        ``fig`` itself, changed.
    """
    if size is not None:
        fig.set_size_inches(*size)
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            ax.set_title("", loc=loc)
    for text in [t for t in fig.texts if t.get_gid() == "source-line"]:
        text.remove()
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, 0, 1, 1))
    width = width if width is not None else (size[0] if size is not None else None)
    if width is not None:
        _fit_picture(fig, width, size[1] if size is not None else None)
    return fig


def _fit_picture(fig: Figure, width: float, height: float | None = None, tries: int = 4) -> None:
    """Shrink ``fig`` until its saved picture (tight bounds and margin, measured at the
    raster resolution) is no wider than ``width`` inches, nor taller than ``height`` (two
    of the brief's charts share a page only at their planned height)."""
    from .export import PNG_DPI as SAVE_DPI
    from .export import SAVE_PAD_INCHES, _tight_bbox

    for _ in range(tries):
        fig.draw_without_rendering()  # the layout engine places the axes for this size
        box = _tight_bbox(fig, SAVE_DPI, pad_inches=SAVE_PAD_INCHES)
        wide = box.width - width
        tall = 0.0 if height is None else box.height - height
        if wide <= 0.002 and tall <= 0.002:
            return
        fig.set_size_inches(fig.get_figwidth() - max(wide, 0.0) - 0.002 * (wide > 0),
                            fig.get_figheight() - max(tall, 0.0) - 0.002 * (tall > 0))  # fmt: skip


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes, bool]:
    """(figure, axes, whether the figure is new): the caller's ``ax`` or a new figure's."""
    if ax is not None:  # the caller's axes, made outside the house style: give it its fonts
        style.adopt_axes(ax)
        return ax.figure, ax, False
    fig = plt.figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot(), True


def _names_unit(name: str, unit: str, lang: str) -> bool:
    """Whether an indicator's name already says its unit: "… per 10,000 people", "Enterprise
    innovation consortia" (a whole word), or a Chinese name ending in it; 项 inside 项目 is
    no unit ("评价和转化科技项目(成果)" had lost its "（项）")."""
    if lang == "zh":
        return name.endswith(unit)
    return re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", name, flags=re.IGNORECASE) is not None


def _indicator_row(indicators: pd.DataFrame | None, indicator_id: str) -> pd.Series | None:
    if indicators is None or "indicator_id" not in indicators.columns:
        return None
    rows = indicators[indicators["indicator_id"] == indicator_id]
    return None if rows.empty else rows.iloc[0]


def _text(row: pd.Series | None, field: str, lang: str, default: str = "") -> str:
    """``row[field_lang]``, else the other language if drawable, else ``default``."""
    if row is None:
        return default
    other = "en" if lang == "zh" else "zh"
    for key in (f"{field}_{lang}", f"{field}_{other}"):
        value = row.get(key)
        if isinstance(value, str) and value.strip() and style.can_draw(value):
            return value.strip()
    return default


def _fmt(value: float, *, signed: bool = False) -> str:
    """Readable number: thousands separators, decimals only for small magnitudes.

    ``signed`` (a change: "+38", "−26") sets a negative number's sign as the minus sign
    (U+2212), not the hyphen-minus; tick labels are left as the style sets them."""
    if value is None or not np.isfinite(value):
        return ""
    sign = "+" if signed else ""
    # halves away from zero, as the tables print them (views.fixed)
    text = fixed(value, size_decimals(value), f"{sign},")
    # "≥10", not "≥10.0"; "35.6" and "1.45" keep their decimals
    text = text.rstrip("0").rstrip(".") if "." in text else text
    text = _unsigned_zero(text)  # a rounded -0.001 is "0"
    return text.replace("-", labels.MINUS) if signed else text


def series_decimals(values: Iterable[float], most: int = 2) -> int:
    """The decimals every label of one series in one chart takes: the most any of its
    figures was given with, at most ``most`` (the R&D bars read 54.03 / 61 / 64.6 beside
    each other: the report writer's review; now 54.03 / 61.00 / 64.60)."""
    return max((value_decimals(float(v), most=most) for v in values
                if v is not None and np.isfinite(float(v))), default=0)  # fmt: skip


def _fixed_label(value: float, decimals: int) -> str:
    """``value`` with exactly ``decimals`` places and thousands separators ("61.00")."""
    return _unsigned_zero(fixed(float(value), decimals, ","))


class _ThousandsFormatter(Formatter):
    """Tick labels with thousands separators and the same decimals on every tick."""

    def __call__(self, x, pos=None):
        return _fmt(x)

    def format_ticks(self, values):
        finite = np.asarray([v for v in values if np.isfinite(v)], dtype=float)
        steps = np.diff(finite) if len(finite) > 1 else np.array([1.0])
        step = float(np.min(np.abs(steps[steps != 0]))) if (steps != 0).any() else 1.0
        # fewest decimals that show the step exactly (2.5 → 1, 0.25 → 2, 1000 → 0)
        decimals = next(
            (d for d in range(7) if abs(round(step, d) - step) < 1e-9 * max(1, step)), 6
        )
        return [f"{v:,.{decimals}f}" for v in values]


#: Steps of a count axis, as matplotlib's default axis takes them: MaxNLocator's own list
#: has 1.5 and 3 too, and tech SMEs were ticked 8,850, 9,000 … 10,050, with neither the
#: baseline nor the target near a gridline.
_NICE_STEPS = (1, 2, 2.5, 5, 10)

#: Most years a time axis labels one by one; a longer span gets matplotlib's integer steps.
MAX_YEAR_TICKS = 12


def _year_ticks(ax: Axes) -> None:
    """Label every year of a short time axis (a plan's target year was left unlabelled
    when the axis counted in steps of two), integer steps on a longer one."""
    lo, hi = ax.get_xlim()
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    if 0 < last - first + 1 <= MAX_YEAR_TICKS:
        ax.set_xticks(range(first, last + 1))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _no_data(ax: Axes, lang: str, key: str = "note.no_data") -> None:
    ax.text(
        0.5,
        0.5,
        label(key, lang),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=14,
        color="#777777",
        gid="no-data",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _home_series(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    obs = observations[
        (observations["indicator_id"] == indicator_id)
        & (observations["region"] == config.HOME_REGION)
    ].copy()
    obs["value"] = pd.to_numeric(obs["value"], errors="coerce")
    obs["year"] = pd.to_numeric(obs["year"], errors="coerce")
    return obs.dropna(subset=["year", "value"]).sort_values(["year", "status"])


def drawn_observations(
    observations: pd.DataFrame, indicator_id: str, *, start_year: int | None = None
) -> pd.DataFrame:
    """The home-region figures :func:`trajectory_chart` draws: from ``start_year`` (default
    five years before ``config.PLAN_BASE_YEAR``), each year's figure the series uses and the
    figures kept for context (bounds, part-year figures, another definition); a preliminary
    figure or an estimate a better one of the same year replaces is left out (drawn above a
    target, it hid the revised figure that missed it). Its source line names their sources,
    and so does a caption that cites the chart (the brief)."""
    if start_year is None:
        first = config.PLAN_BASE_YEAR - 5
    else:
        try:
            first = int(start_year)
        except (TypeError, ValueError):
            raise ValueError(
                f"start_year must be a year such as 2015, got {start_year!r}"
            ) from None
    obs = _home_series(observations, indicator_id)
    used = best_figures(obs, keys=("year",)).index
    superseded = obs["status"].isin(config.SERIES_STATUS_PRIORITY) & ~obs.index.isin(used)
    return obs[(obs["year"] >= first) & ~superseded]


def rd_actuals(observations: pd.DataFrame, indicator_id: str = RD_INDICATOR) -> pd.DataFrame:
    """The bars of :func:`rd_path_chart`: the best home-region figure of each year."""
    return _best_per_year(_home_series(observations, indicator_id))


def _best_per_year(obs: pd.DataFrame) -> pd.DataFrame:
    """One figure per year, by ``config.SERIES_STATUS_PRIORITY`` (the analysis series)."""
    return best_figures(obs, keys=("year",)).reset_index(drop=True)


#: A date in a source's bibliographic tail ("…, 2023-02-10, reprint").
_SOURCE_DATE = re.compile(r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b")


def _source_name(source: str, lang: str, *, file: str | None = None) -> str:
    """The document's name, not the bibliographic tail; in English the English gloss that
    the observations give in parentheses ("廊坊市新闻发布会 (Langfang press conference), …").
    A name without a year keeps the date the tail gives: "廊坊市新闻发布会" alone could not be
    cited (which one?), "廊坊市新闻发布会（2023-02-10）" can. ``file``: the input file that
    gave the source; a Chinese name with no gloss from a department's return says in
    English whose return it is (``coverage.returned_words``)."""
    from .coverage import english_gloss, returned_words

    gloss = english_gloss(source)
    if lang == "en" and gloss:
        name = gloss
    else:
        name = source.partition(" (")[0].split(",")[0]
        name = labels.zh_brackets(name) if lang == "zh" else returned_words(name, file, lang)
    date = _SOURCE_DATE.search(source)  # in the gloss or the tail ("…, 2018-02-06, mirror")
    if date and not re.search(r"(?:19|20)\d{2}", name):
        name += f"（{date.group()}）" if lang == "zh" else f", {date.group()}"
    return name


def _source_text(observations: pd.DataFrame, lang: str, *, limit: int = 3,
                 plan: bool = False) -> str:  # fmt: skip
    """The sources of ``observations`` for a source line: the first ``limit`` names, whole
    (a chart's source line breaks them to its width: ``style.add_source_line``). ``plan``:
    the chart draws the plan's targets or paths, and names the plan for them unless a figure
    drawn comes from it already (the chart of 1,300 and 1,500 firms cited only the figures'
    sources: the report writer's review)."""
    unique = list(dict.fromkeys(_sources_and_files(observations, lang)))
    shown = []
    for s, file in unique[:limit]:
        shown.append(_source_name(s, lang, file=file))
    text = label("source.separator", lang).join(shown)
    if len(unique) > limit:
        text += label("source.and_more", lang)
    if plan and not any(PLAN_SOURCE.search(s) for s, _ in unique[:limit]):  # as named
        sep = label("source.separator", lang) if text else ""
        text += sep + label("source.plan_targets", lang)
    return text


def _sources_and_files(observations: pd.DataFrame, lang: str) -> list[tuple[str, str | None]]:
    """Each figure's source (stripped, empty ones left out) with the input file it came from
    where the file changes how the source is named (in English, Chinese words from a
    department's return say whose return they are: ``coverage.returned_words``), else None
    (always in Chinese, and for the shipped table, whose sources carry their gloss)."""
    from .coverage import sender_of
    from .observations import shown_path

    if "source" not in observations.columns:
        return []
    files = (observations["origin_file"] if lang == "en" and "origin_file" in observations
             else pd.Series(None, index=observations.index, dtype=object))  # fmt: skip
    shipped = shown_path(config.OBSERVATIONS_FILE)
    given = {f for f in files if isinstance(f, str) and f and f != shipped}
    # one file per department: the same source in two of its returns is one source
    first: dict[str, str] = {}
    one_of = {f: first.setdefault(sender_of(f) or f, f) for f in sorted(given)}
    out = []
    for s, f in zip(observations["source"], files, strict=True):
        if pd.isna(s) or not str(s).strip():
            continue
        s, f = str(s).strip(), one_of.get(f)
        # the file only where it changes the words: "TEST INVENTED" from three departments'
        # returns is one source, not three alike
        out.append((s, f if f and _source_name(s, lang, file=f) != _source_name(s, lang) else None))
    return out


def _under_xlabel_points(ax: Axes) -> float:
    """How far below the axes (points) the x axis's ticks, tick labels and label end (each
    line 1.2 of its size, as a CJK face sets it): where a legend under them starts (its own
    padding keeps it clear)."""
    from matplotlib.font_manager import FontProperties

    rc = mpl.rcParams
    ticks = rc["xtick.major.size"] + rc["xtick.major.pad"]
    tick_text = FontProperties(size=rc["xtick.labelsize"]).get_size_in_points()
    label_text = FontProperties(size=rc["axes.labelsize"]).get_size_in_points()
    return ticks + 1.2 * tick_text + rc["axes.labelpad"] + 1.2 * label_text


def balanced_columns(n: int, most: int = 4) -> int:
    """Columns for ``n`` legend entries, at most ``most``, with rows as even as the fewest
    rows allow: five entries in four columns left one alone on a second row ("实际值" under
    four others: the report writer's review); in three they read 3 + 2."""
    if n <= 0:
        return 1
    rows = math.ceil(n / max(1, most))
    return math.ceil(n / rows)


def _legend_below(ax: Axes, handles: list, texts: list[str], ncol: int = 4) -> None:
    """The legend under the x axis and its label, a fixed distance in points: placed at a
    fraction of the axes' height (-0.14), it rose into "年份" on the brief's lower charts."""
    if handles:
        under = offset_copy(ax.transAxes, fig=ax.figure, y=-_under_xlabel_points(ax),
                            units="points")  # fmt: skip
        ax.legend(
            handles,
            texts,
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            bbox_transform=under,
            ncol=balanced_columns(len(handles), ncol),
            handlelength=2.2,
            columnspacing=1.4,
        )


#: Closing quotes and brackets, and their opening twins.
_CLOSING, _OPENING = "”’）)》」』】", "“‘（(《「『【"
#: A Chinese line may not start with closing punctuation ...
_NO_LINE_START = _CLOSING + "、,。，.:;：；!?！？%"
#: ... nor end with opening punctuation.
_NO_LINE_END = _OPENING
#: A line break right after these is a phrase boundary, preferred when lines stay balanced.
_BREAK_AFTER = "：；，、。:;," + _CLOSING
#: A line break right before these is a phrase boundary too: "占" joins the two halves of a
#: share's name ("高新技术产业增加值 / 占规模以上工业增加值比重", not "…增加值占规 / 模以上…").
_BREAK_BEFORE = "占"
#: Runs that must stay on one line: numbers and Latin words (e.g. "2025", "1,300", "R&D").
_UNBREAKABLE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,&%+\-/]*[0-9A-Za-z%]|[0-9A-Za-z]|\s+|.")


def _cjk_units(text: str) -> list[str]:
    """Split Chinese text into the units a line break may fall between."""
    units: list[str] = []
    glue_next = False
    for tok in _UNBREAKABLE.findall(text):
        if units and (glue_next or tok[0] in _NO_LINE_START):
            units[-1] += tok
        else:
            units.append(tok)
        glue_next = tok[-1] in _NO_LINE_END
    return units


def set_unit_label(ax: Axes, text: str, lang: str) -> None:
    """Label the value axis with its unit ``text``.

    In Chinese the unit reads left to right above the axis's top, its right end over the
    axis line (:func:`_unit_above_axis`), as statistical bulletins set "亿元" over a chart's
    figures; the title moves up a line to make room. Stacked one character under another
    (竖排) beside the axis, "件/万人" made a column of three lines a reader had to piece
    together (the report writer's review). Set the title first: a title set afterwards
    sits at its default height, over the unit. The Chinese unit is a text on the axes, not
    the y label (:func:`axis_unit` reads either). English keeps the rotated axis label. An
    English myriad unit, which running text converts (54.03 亿元 is "5.403 billion yuan" in
    the tables and the brief), says how its figures read there: "100 million yuan (10 = 1
    billion yuan)", not a bare 54.03 beside a table's 5.403.
    """
    from .views import EN_INLINE_UNITS

    if lang != "zh" and text.strip() in EN_INLINE_UNITS:
        factor, words = EN_INLINE_UNITS[text.strip()]
        equiv = f"1 = {factor:g} {words}" if factor >= 1 else f"{1 / factor:g} = 1 {words}"
        text = label("axis.inline_unit", lang, unit=text.strip(), equiv=equiv)
    if lang == "zh" and text.strip():
        _unit_above_axis(ax, text.strip())
    else:
        ax.set_ylabel(text)


#: The gid of the Chinese unit set above a value axis.
UNIT_GID = "axis-unit"

#: Points between the Chinese unit's right end and the axis line it ends over.
_UNIT_INSET = 2.0


def axis_unit(ax: Axes) -> Text:
    """The text naming the unit of ``ax``'s value axis as :func:`set_unit_label` set it: the
    Chinese unit above the axis, or else the y label (a Text, empty if there is none)."""
    above = [t for t in ax.texts if t.get_gid() == UNIT_GID]
    return above[-1] if above else ax.yaxis.label


def _unit_above_axis(ax: Axes, text: str) -> None:
    """Write ``text`` level above the axes' top, its right end over the axis line and its
    foot clear of a tick label centred on that top; raise the axes' titles by the line it
    takes.

    A text on the axes, not the y label: constrained layout counts a y label's height as
    nothing, so a unit above an axes without a title (the brief's charts) was cut off at
    the figure's top edge.
    """
    fig = ax.get_figure()
    for old in [t for t in ax.texts if t.get_gid() == UNIT_GID]:  # set again: one unit
        old.remove()
    ax.set_ylabel("")
    tick_size = ax.yaxis.get_major_ticks()[0].label1.get_fontsize()
    rise = tick_size / 2 + 2.0  # the top tick label reaches half its height above the top
    size = ax.yaxis.label.get_fontsize()
    ax.text(0.0, 1.0, text, ha="right", va="bottom", fontsize=size, gid=UNIT_GID,
            transform=offset_copy(ax.transAxes, fig=fig, x=-_UNIT_INSET, y=rise,
                                  units="points"))  # fmt: skip
    pad = mpl.rcParams["axes.titlepad"] + rise + 1.25 * size  # a CJK line is 1.25 size high
    titles = (ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None))
    for title in [t for t in titles if t is not None]:
        title.set_transform(offset_copy(ax.transAxes, fig=fig, y=pad, units="points"))


def _wrap(text: str, lang: str, width_en: int = 38, width_zh: int = 18) -> str:
    """Wrap a label; Chinese (no spaces) is split into balanced lines of at most width_zh.

    Chinese lines break between characters but never inside a number or a Latin word, never
    before closing or after opening punctuation, preferably after a phrase boundary (``：``,
    ``，``, ``、``, a closing quote or bracket) or before ``占`` (the joint of a share's
    name) and not inside quotes or brackets, when the
    lines stay about as balanced as the best split; between equal splits, the longer line
    comes first.
    """
    if lang == "en" or not style.has_cjk(text):
        return textwrap.fill(text, width_en)
    units = _cjk_units(text)
    n_lines = -(-len(text) // width_zh)
    if n_lines <= 1:
        return text
    target = len(text) / n_lines
    bonus = (0.3 * target) ** 2  # a phrase boundary is worth this much imbalance
    ends = np.cumsum([len(u) for u in units])
    starts = np.r_[0, ends[:-1]]
    # quote/bracket depth after each unit: a break there would split a quoted term
    depth = np.cumsum([sum(u.count(c) for c in _OPENING) - sum(u.count(c) for c in _CLOSING)
                       for u in units])  # fmt: skip

    def cost(i: int, j: int) -> float:  # a line of units i..j-1
        length = int(ends[j - 1] - starts[i])
        if length > width_zh and j - i > 1:
            return np.inf
        c = (length - target) ** 2
        if j < len(units):  # a break after unit j - 1
            c -= bonus if units[j - 1].rstrip()[-1:] in _BREAK_AFTER else 0.0
            c -= 2 * bonus if units[j][:1] in _BREAK_BEFORE else 0.0  # a joint of two names
            c += bonus if depth[j - 1] > 0 else 0.0
        return c

    # best[k][j]: cheapest split of units[:j] into k lines, and where its last line starts;
    # more lines than planned only when long numbers or words leave no split that fits
    best = [{0: (0.0, 0)}]
    for k in range(1, len(units) + 1):
        row = {}
        for j in range(1, len(units) + 1):
            options = [(c + cost(i, j), -i) for i, (c, _) in best[k - 1].items() if i < j]
            if options:  # ties: the latest start, i.e. the longer line first
                c, i = min(options)
                row[j] = (c, -i)
        best.append(row)
        if k >= n_lines and np.isfinite(row.get(len(units), (np.inf,))[0]):
            break
    lines, j = [], len(units)
    for kk in range(k, 0, -1):
        i = best[kk][j][1]
        lines.append("".join(units[i:j]).strip())
        j = i
    return "\n".join(reversed(lines))


# --------------------------------------------------------------------------- trajectory


def trajectory_chart(
    observations: pd.DataFrame,
    *,
    indicator_id: str,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    trajectories: pd.DataFrame | None = None,
    forecasts: pd.DataFrame | None = None,
    gap: pd.DataFrame | None = None,
    method: str | None = None,
    statuses: Sequence[str] | None = None,
    start_year: int | None = None,
    horizon: int | None = None,
    lang: str = "zh",
    ax: Axes | None = None,
) -> Figure:
    """History, required path, forecast fan and milestones of one indicator.

    Parameters
    ----------
    observations : DataFrame
        Observations contract; only region ``config.HOME_REGION`` is drawn. Final and revised
        figures are filled markers, every other status a hollow marker of its own shape; the
        line joins the best figure of each year (``config.SERIES_STATUS_PRIORITY``).
    indicator_id : str
    indicators, targets : DataFrame
        Indicators (for name and unit) and targets (milestones drawn as markers with values).
    trajectories : DataFrame, optional
        Its ``path == "required"`` rows are drawn dashed.
    forecasts : DataFrame, optional
        Mean with 80 % and 95 % fans; the latest ``as_of`` is drawn, of ``method`` (default:
        the first method in alphabetical order).
    gap : DataFrame, optional
        Gap assessment; the projected gap at the last milestone is annotated.
    method : str, optional
    statuses : sequence of str, optional
        Observation statuses to draw (default all). Figures of another definition or of
        part of a year (``CONTEXT_STATUSES``) never set the scale: one that would stretch an
        axis by more than half is named in the legend instead of drawn.
    start_year : int, optional
        First year of history drawn; default five years before ``config.PLAN_BASE_YEAR``
        (older figures would push the plan period into a corner).
    horizon : int, optional
        Last year of paths and forecasts drawn; default the indicator's last milestone (or
        ``config.PLAN_END_YEAR``), so far-off forecast fans do not flatten the chart.
    lang : {"zh", "en"}
    ax : Axes, optional

    Returns
    -------
    Figure
    """
    _require_columns(observations, OBS_COLUMNS, "observations")
    _require_columns(indicators, ("indicator_id",), "indicators")
    if statuses is not None:
        statuses = [statuses] if isinstance(statuses, str) else list(statuses)  # one, or several
        unknown = sorted(set(statuses) - set(labels.OBS_STATUS_CODES))
        if unknown:
            raise ValueError(
                f"unknown observation status(es) {unknown}; use {labels.OBS_STATUS_CODES}"
            )
        observations = observations[observations["status"].isin(list(statuses))]
    _require_columns(targets, ("indicator_id", "year", "value"), "targets")
    if forecasts is not None and not forecasts.empty and method is not None:
        _pick_forecast(forecasts, indicator_id, method)  # an unknown method: before any figure
    with style.house_style(lang) as lang:
        row = _indicator_row(indicators, indicator_id)
        if row is None:
            raise ValueError(f"indicator {indicator_id!r} is not in the indicators frame")
        fig, ax, own = _new_axes(ax, _FIGSIZE_LINE)
        name = _text(row, "name", lang, indicator_id)
        unit = _text(row, "unit", lang)
        obs = drawn_observations(observations, indicator_id, start_year=start_year)
        if horizon is None:
            horizon = trajectory_horizon(targets, indicator_id)
        trajectories = _until(trajectories, horizon)
        forecasts = _until(forecasts, horizon)
        handles: list = []
        texts: list[str] = []

        context = obs["status"].isin(CONTEXT_STATUSES)
        drew = _draw_required_path(ax, trajectories, indicator_id, lang, handles, texts)
        drew |= _draw_baseline(ax, row, obs, lang, handles, texts)
        last = _draw_observed(ax, obs[~context], lang, handles, texts,
                              plan=_plan_baseline_rows(obs[~context], row))  # fmt: skip
        drew |= last is not None
        drew |= _draw_forecast(ax, forecasts, indicator_id, method, last, lang, handles, texts)
        # a gap note sits right of its milestone: that milestone's label goes elsewhere
        notes = _gap_notes(gap, indicator_id, row, unit, lang)
        if str(row.get("kind", "")) != "growth_rate":
            # a growth-rate target is a rate, not a level on this axis; the required path
            # already carries it
            drew |= _draw_milestones(ax, targets, indicator_id, lang, handles, texts,
                                     right_taken={n[0] for n in notes})  # fmt: skip
        for note in notes:
            _annotate_gap(ax, note)
        if context.any():
            drew = True
            kept, off = _fit_context(ax, obs[context])
            _draw_observed(ax, kept, lang, handles, texts)
            _list_off_scale(off, unit, lang, handles, texts)

        ax.set_title(_wrap(name, lang, width_en=60, width_zh=30), loc="left")
        if drew:
            ax.set_xlabel(label("axis.year", lang))
            set_unit_label(ax, unit, lang)
            _plan_years(ax, horizon)
            _room_for_labels(ax)  # after the axis is set: room is a share of its span
            _year_ticks(ax)
            from .export import counts_whole_things

            if row is not None and counts_whole_things(row):  # no "9.5 projects" on the axis
                ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=_NICE_STEPS))
            ax.yaxis.set_major_formatter(_ThousandsFormatter())
            _legend_below(ax, handles, texts)
        else:
            _no_data(ax, lang)
        if own:
            aimed = bool(targets["indicator_id"].eq(indicator_id).any())
            style.add_source_line(fig, _source_text(obs, lang, plan=aimed), lang)
        if drew:
            clear_target_labels(ax)  # on the final layout: the guess was made in data units
    return fig


#: Figures a trajectory chart shows for context only: not the plan's definition, or not a
#: whole year. They never set the chart's scale (see :func:`_fit_context`).
CONTEXT_STATUSES = ("other-definition", "part-year")

#: How far a context figure may stretch an axis the plan's own figures, path, forecast and
#: targets set: by at most this share of the axis's span.
CONTEXT_STRETCH = 0.5


def _fit_context(ax: Axes, context: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split context figures into those drawn and those listed instead.

    A figure of another definition or of part of a year is context: it may sit on the chart
    when it falls within the scale of what the plan is judged on, but it must not set that
    scale. A figure that would stretch the year axis or the value axis by more than
    ``CONTEXT_STRETCH`` of its span is listed in the legend with its value instead (tech
    SMEs' 2016 count of another definition, 4,183, put the plan's 8,796 → 10,000 path into
    the top fifth of the chart and added four empty years). With nothing else on
    the axes every context figure is drawn.
    """
    lim = ax.dataLim
    if context.empty or not (np.isfinite(lim.x0) and np.isfinite(lim.y0)):
        return context, context.iloc[:0]
    (x0, y0), (x1, y1) = lim.get_points()
    span_x = max(x1 - x0, 1.0)
    # a flat frame (one figure): a fifth of its level, so a context figure close to it stays
    span_y = y1 - y0 if y1 > y0 else max(abs(y0), abs(y1)) * 0.2 or 1.0
    years, values = context["year"], context["value"]
    new_x = np.maximum(x1, years) - np.minimum(x0, years)
    new_y = np.maximum(y1, values) - np.minimum(y0, values)
    fits = (new_x <= span_x * (1 + CONTEXT_STRETCH)) & (new_y <= span_y * (1 + CONTEXT_STRETCH))
    return context[fits], context[~fits]


def _list_off_scale(off: pd.DataFrame, unit: str, lang: str, handles, texts) -> None:
    """One legend entry per status of context figures left off the chart: its marker, the
    status and the figures, and that they are off the scale ("口径不同：2016年4,183家" over
    "（超出图幅，未画出）")."""
    color = style.SERIES_COLORS["observed"]
    for status in labels.OBS_STATUS_CODES:
        part = off[off["status"] == status].sort_values("year")
        if part.empty:
            continue
        marker, filled = style.OBS_MARKERS[status]
        handle = Line2D([], [], linestyle="none", marker=marker,
                        markersize=style.obs_marker_size(status),
                        markeredgewidth=1.2, markeredgecolor=color,
                        markerfacecolor=color if filled else "white")  # fmt: skip
        figures = label("brief.list_sep", lang).join(
            label("legend.figure_of_year", lang, year=int(y),
                  value=fmt_value(v, year_unit(unit), lang, given=True))  # a year's
            for y, v in zip(part["year"], part["value"], strict=True)
        )  # fmt: skip
        handles.append(handle)
        head = label("legend.off_scale", lang, status=labels.obs_status_label(status, lang),
                     figures=figures)  # fmt: skip
        texts.append(
            _wrap(head, lang, width_en=44, width_zh=20) + "\n" + label("legend.not_drawn", lang)
        )


def trajectory_horizon(targets: pd.DataFrame, indicator_id: str) -> int:
    """The last year :func:`trajectory_chart` draws by default: the indicator's last
    milestone, else ``config.PLAN_END_YEAR``."""
    own = targets.loc[targets["indicator_id"] == indicator_id, "year"]
    return int(own.max()) if own.notna().any() else config.PLAN_END_YEAR


def shows_forecast(
    forecasts: pd.DataFrame | None,
    targets: pd.DataFrame,
    indicator_id: str,
    *,
    method: str | None = None,
) -> bool:
    """Whether :func:`trajectory_chart` (default horizon) draws a forecast fan: the
    forecast it picks has a year up to :func:`trajectory_horizon` (at the final evaluation
    the forecast starts after 2025, off the chart)."""
    if forecasts is None or forecasts.empty:
        return False
    drawn = _until(forecasts, trajectory_horizon(targets, indicator_id))
    return not _pick_forecast(drawn, indicator_id, method).empty


def _until(frame: pd.DataFrame | None, horizon: int) -> pd.DataFrame | None:
    if frame is None or "year" not in frame.columns:
        return frame
    return frame[pd.to_numeric(frame["year"], errors="coerce") <= horizon]


def _draw_required_path(ax, trajectories, indicator_id, lang, handles, texts) -> bool:
    if trajectories is None or trajectories.empty:
        return False
    _require_columns(trajectories, ("indicator_id", "year", "path", "value"), "trajectories")
    path = trajectories[
        (trajectories["indicator_id"] == indicator_id) & (trajectories["path"] == "required")
    ].dropna(subset=["value"])
    if path.empty:
        return False
    path = path.sort_values("year")
    (line,) = ax.plot(
        path["year"],
        path["value"],
        color=style.SERIES_COLORS["required"],
        linestyle=style.SERIES_LINESTYLES["required"],
        linewidth=1.4,
        zorder=2,
        gid="required-path",
    )
    handles.append(line)
    texts.append(labels.path_label("required", lang))
    return True


def _draw_baseline(ax, row, obs, lang, handles, texts) -> bool:
    year = pd.to_numeric(pd.Series([row.get("baseline_year")]), errors="coerce").iloc[0]
    value = pd.to_numeric(pd.Series([row.get("baseline_value")]), errors="coerce").iloc[0]
    if not (np.isfinite(year) and np.isfinite(value)) or (obs["year"] == year).any():
        return False
    (mark,) = ax.plot(
        [year], [value], linestyle="none", marker="s", markersize=6,
        color="#555555", zorder=4, gid="baseline",
    )  # fmt: skip
    handles.append(mark)
    # a running total's 0 is where its count starts, by definition, not the plan's baseline
    # ("方案基期值" beside the grid's "按定义为0": the diff review)
    zero = str(row.get("kind", "")) == "cumulative" and float(value) == 0
    texts.append(label("coverage.zero-by-definition" if zero else "legend.baseline", lang))
    return True


def _plan_baseline_rows(obs: pd.DataFrame, row) -> pd.Series:
    """The figures that are the plan's own baseline (its year and value, a source citing the
    plan): drawn and named as the coverage grid names them, "方案基期值", not "正式数" (the
    planner's review: 1.65 and 35.6 read as a statistical office's final figures)."""
    year = pd.to_numeric(pd.Series([row.get("baseline_year")]), errors="coerce").iloc[0]
    value = pd.to_numeric(pd.Series([row.get("baseline_value")]), errors="coerce").iloc[0]
    if obs.empty or not (np.isfinite(year) and np.isfinite(value)) or "source" not in obs:
        return pd.Series(False, index=obs.index)
    from .coverage import plans_own_figures

    return obs["year"].eq(year) & plans_own_figures(obs["value"], obs["source"], value)


def _draw_observed(ax, obs, lang, handles, texts, plan=None) -> tuple[float, float] | None:
    """The actual line and a marker per figure by status; ``plan`` (a mask of ``obs``): the
    plan's own baseline, marked and named as such."""
    if obs.empty:
        return None
    color = style.SERIES_COLORS["observed"]
    best = _best_per_year(obs).sort_values("year")
    if len(best) > 1:
        years = best["year"].to_numpy(dtype=float)
        values = best["value"].to_numpy(dtype=float)
        gap = np.diff(years) > 1
        # solid between successive years only; across years without a figure a dotted line:
        # a solid 2020-2022 read in print as a 2021 figure (the print review)
        xs, ys = [years[0]], [values[0]]
        for i, skipped in enumerate(gap):
            if skipped:
                xs.append(np.nan)
                ys.append(np.nan)
            xs.append(years[i + 1])
            ys.append(values[i + 1])
        (line,) = ax.plot(xs, ys, color=color, zorder=3, gid="observed")
        if not gap.all():  # a solid line drawn: said in the legend
            handles.append(line)
            texts.append(label("legend.observed", lang))
        if gap.any():
            for i in np.flatnonzero(gap):
                (across,) = ax.plot(years[i : i + 2], values[i : i + 2], color=color,
                                    linestyle=":", linewidth=1.2, zorder=3, gid="observed-gap")  # fmt: skip
            handles.append(across)
            texts.append(label("legend.observed_gap", lang))
    plan = pd.Series(False, index=obs.index) if plan is None else plan.reindex(obs.index,
                                                                               fill_value=False)  # fmt: skip
    if plan.any():
        (mark,) = ax.plot(obs.loc[plan, "year"], obs.loc[plan, "value"], linestyle="none",
                          marker="s", markersize=6, color="#555555", zorder=6.5,
                          gid="plan-baseline")  # fmt: skip
        handles.append(mark)
        texts.append(label("coverage.plan-baseline", lang))
    for status in labels.OBS_STATUS_CODES:
        part = obs[(obs["status"] == status) & ~plan]
        if part.empty:
            continue
        marker, filled = style.OBS_MARKERS[status]
        (mark,) = ax.plot(
            part["year"],
            part["value"],
            linestyle="none",
            marker=marker,
            markersize=style.obs_marker_size(status),  # a hexagon apart from a dot
            markeredgewidth=1.2,
            markeredgecolor=color,
            markerfacecolor=color if filled else "white",
            # above the milestone marks (6): a figure at its target, or a preliminary one
            # there, was hidden under the star; below their labels (7)
            zorder=6.5,
            gid=f"obs-{status}",
        )
        handles.append(mark)
        texts.append(labels.obs_status_label(status, lang))
    if best.empty:
        return None
    return float(best["year"].iloc[-1]), float(best["value"].iloc[-1])


def _pick_forecast(forecasts, indicator_id, method) -> pd.DataFrame:
    need = ("indicator_id", "year", "method", "as_of", "mean", "lo_80", "hi_80", "lo_95", "hi_95")
    _require_columns(forecasts, need, "forecasts")
    fc = forecasts[forecasts["indicator_id"] == indicator_id].dropna(subset=["mean"])
    if fc.empty:
        return fc
    methods = sorted(fc["method"].astype(str).unique())
    if method is None:
        method = methods[0]
    elif method not in methods:  # a misspelt method silently drew no forecast
        raise ValueError(f"method {method!r} is not among the forecasts of {indicator_id} "
                         f"(they hold {methods})")  # fmt: skip
    fc = fc[fc["method"].astype(str) == method]
    return fc[fc["as_of"] == fc["as_of"].max()].sort_values("year")


def _draw_forecast(ax, forecasts, indicator_id, method, last, lang, handles, texts) -> bool:
    if forecasts is None or forecasts.empty:
        return False
    fc = _pick_forecast(forecasts, indicator_id, method)
    if fc.empty:
        return False
    years = fc["year"].to_numpy(dtype=float)
    cols = {c: fc[c].to_numpy(dtype=float) for c in ("mean", "lo_80", "hi_80", "lo_95", "hi_95")}
    if last is not None and last[0] < years[0]:
        # start the fan at the last observed figure so the two read as one line
        years = np.concatenate([[last[0]], years])
        cols = {c: np.concatenate([[last[1]], v]) for c, v in cols.items()}
    color = style.SERIES_COLORS["forecast"]
    band80, band95 = draw_bands(ax, years, cols, color)
    (line,) = ax.plot(years, cols["mean"], color=color, linestyle=style.SERIES_LINESTYLES[
        "forecast"], zorder=3, gid="forecast-mean")  # fmt: skip
    handles += [line, band80, band95]
    texts += [
        label("legend.forecast", lang),
        label("legend.pi80", lang),
        label("legend.pi95", lang),
    ]
    return True


#: Share of the y range just above (or below) a target that its label covers, and the half
#: width of the label in years.
_LABEL_ROOM, _LABEL_HALF_WIDTH = 0.12, 0.25


def _label_place(
    ax, year: int, value: float, *, right_taken: bool = False
) -> tuple[tuple[float, float], str, str]:
    """Where a milestone's label goes: above its marker, unless a point or the line of the
    observed or forecast series runs there (it covered the 2023 figure); then below, to the
    right or to the left, the first of them that is free. ``right_taken``: the gap note is
    drawn right of this marker (it hid the label there). Returns (offset in points, ha, va).
    """
    lo, hi = ax.get_ylim()
    room, hw = _LABEL_ROOM * (hi - lo), _LABEL_HALF_WIDTH
    series = []
    for line in ax.lines:
        if str(line.get_gid() or "").startswith(("observed", "obs-", "forecast")):
            xs = np.asarray(line.get_xdata(), dtype=float)
            order = np.argsort(xs)
            joined = line.get_linestyle() not in ("None", "none", "", " ") and len(xs) > 1
            series.append((xs[order], np.asarray(line.get_ydata(), dtype=float)[order], joined))

    def taken(xs_at, y_lo, y_hi) -> bool:
        x_lo, x_hi = min(xs_at), max(xs_at)
        for xs, ys, joined in series:
            if joined:  # the y range the line sweeps between x_lo and x_hi (steep ones too)
                grid = np.unique(np.clip([x_lo, x_hi, *xs[(xs > x_lo) & (xs < x_hi)]],
                                         xs[0], xs[-1]))  # fmt: skip
                if x_hi < xs[0] or x_lo > xs[-1]:
                    continue
                at = np.interp(grid, xs, ys)
                pairs = zip(at[:-1], at[1:], strict=True) if len(at) > 1 else [(at[0], at[0])]
                if any(max(min(a, b), y_lo) <= min(max(a, b), y_hi) for a, b in pairs):
                    return True
            else:  # markers inside the region's x range
                inside = (xs >= x_lo - 0.05) & (xs <= x_hi + 0.05)
                if any(np.isfinite(y) and y_lo <= y <= y_hi for y in ys[inside]):
                    return True
        return False

    around = (year - hw, year + hw)
    places = (
        (taken(around, value, value + room), ((0, 9), "center", "bottom")),
        (taken(around, value - room, value), ((0, -11), "center", "top")),
        (right_taken or taken((year + 0.1, year + 2 * hw), value - room / 2, value + room / 2),
         ((9, 0), "left", "center")),
        (taken((year - 2 * hw, year - 0.1), value - room / 2, value + room / 2),
         ((-9, 0), "right", "center")),
    )  # fmt: skip
    return next((place for busy, place in places if not busy), places[0][1])


def _draw_milestones(ax, targets, indicator_id, lang, handles, texts, right_taken=()) -> bool:
    tg = targets[targets["indicator_id"] == indicator_id].dropna(subset=["value"])
    tg = tg.sort_values("year")
    decimals = series_decimals(tg["value"])  # "≥37.5" and "≥40.0", not "≥40"
    for _, t in tg.iterrows():
        year = int(t["year"])
        # a yearly flow's other years share a pentagon: "P" is the other-definition figure's
        marker = style.MILESTONE_MARKERS.get(year, "p")
        (mark,) = ax.plot(
            [year], [t["value"]], linestyle="none", marker=marker,
            markersize=13 if marker == "*" else 9, color=style.SERIES_COLORS["target"],
            markeredgecolor="black", markeredgewidth=0.6, zorder=6, gid=f"milestone-{year}",
        )  # fmt: skip
        comparison = labels.COMPARISON_SIGNS.get(str(t.get("comparison", "")), "")
        offset, ha, va = _label_place(ax, year, float(t["value"]),
                                      right_taken=year in right_taken)  # fmt: skip
        ax.annotate(
            _milestone_text(t, comparison, decimals, lang),
            (year, t["value"]),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=8,
            fontweight="bold",
            color=style.SERIES_COLORS["target"],
            bbox=_LABEL_BOX,
            zorder=7,
            gid=f"milestone-label-{year}",
        )
        if year in style.MILESTONE_MARKERS:
            handles.append(mark)
            texts.append(label("legend.milestone", lang, year=year))
        elif label("legend.yearly_target", lang) not in texts:  # one entry for them all
            handles.append(mark)
            texts.append(label("legend.yearly_target", lang))
    if not tg.empty:
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo, max(hi, tg["year"].max() + 0.9))
    return not tg.empty


def _milestone_text(target: pd.Series, comparison: str, decimals: int, lang: str) -> str:
    """A milestone's label: "≥33.9", and for a target re-based onto a new definition the
    plan's own figure beside it, "≥33.9（原文40）" / "≥33.9 (plan: 40)" (``plan_value``); a
    growth rate drawn as a level (``rate``) names its rate, "≥79.1（年均增长10%）"."""
    rate = pd.to_numeric(pd.Series([target.get("rate")]), errors="coerce").iloc[0]
    if np.isfinite(rate):  # a growth rate drawn as the level it asks for, a computed figure
        level = float(target["value"])
        text = f"{comparison}{_fixed_label(level, size_decimals(level))}"
        return label("chart.growth_target_level", lang, target=text,
                     rate=fmt_growth_target(float(rate), lang))  # fmt: skip
    text = f"{comparison}{_fixed_label(target['value'], decimals)}"
    plan = target.get("plan_value")
    if plan is None or not np.isfinite(float(plan)) or float(plan) == float(target["value"]):
        return text
    return label("chart.rebased_target", lang, target=text, plan=_fmt(float(plan)))


#: Places a milestone's label may take beside its marker, in order of preference: (offset
#: in points, ha, va); above, below, right, left, then the four corners.
_LABEL_PLACES = (
    ((0, 9), "center", "bottom"), ((0, -11), "center", "top"), ((9, 0), "left", "center"),
    ((-9, 0), "right", "center"), ((8, 8), "left", "bottom"), ((-8, 8), "right", "bottom"),
    ((8, -8), "left", "top"), ((-8, -8), "right", "top"),
)  # fmt: skip
#: Lines and markers of actual figures, which a label must never cover, and of the forecast,
#: which it should not.
_ACTUAL_GIDS, _FORECAST_GIDS = ("observed", "obs-", "plan-baseline"), ("forecast-mean",)


def _label_box(ann: Text, renderer) -> Bbox:
    """The display box of a label with its white box's padding (the box is what hides)."""
    box = ann.get_window_extent(renderer)
    patch = ann.get_bbox_patch()
    pad = 0.0
    if patch is not None:
        pad = patch.get_boxstyle().pad * ann.get_fontsize() * ann.figure.dpi / 72
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def line_hits(line: Line2D, box: Bbox) -> bool:
    """Whether a drawn line (its segments, or its markers when it has no line) crosses
    ``box``, a box in display coordinates."""
    xy = line.get_transform().transform(
        np.column_stack([np.asarray(line.get_xdata(), dtype=float),
                         np.asarray(line.get_ydata(), dtype=float)]))  # fmt: skip
    joined = line.get_linestyle() not in ("None", "none", "", " ")
    if joined:
        for a, b in zip(xy[:-1], xy[1:], strict=True):
            if np.isfinite(a).all() and np.isfinite(b).all() and Path([a, b]).intersects_bbox(
                    box, filled=False):  # fmt: skip
                return True
    if line.get_marker() in (None, "None", "none", ""):
        return False
    r = line.get_markersize() * line.figure.dpi / 72 / 2
    return any(np.isfinite(p).all() and box.x0 - r <= p[0] <= box.x1 + r
               and box.y0 - r <= p[1] <= box.y1 + r for p in xy)  # fmt: skip


def _obstacles(ax: Axes, ann: Text, renderer) -> list[Bbox]:
    """Boxes a milestone label must not overlap: the other labels, the gap notes and their
    arrows (a label under "实际超出" read as part of it)."""
    boxes = []
    for other in ax.texts:
        if other is ann or not other.get_visible():
            continue
        if other.get_text():
            boxes.append(_label_box(other, renderer))
        arrow = getattr(other, "arrow_patch", None)
        if arrow is not None:
            boxes.append(arrow.get_window_extent(renderer))
    return boxes


def clear_target_labels(ax: Axes) -> None:
    """Move each milestone label whose box, as finally laid out, covers the actual line or
    a figure's marker to the first place beside its marker that covers none (its white box
    erased the 2024-2025 segment of the tech commissioners' line and the rise of the
    high-tech firms' line from 2023: the report writer's review); the forecast's line, the
    gap notes and the axes' edge are kept clear of where a place allows. A label already
    clear of all stays where it is."""
    labels_ = [t for t in ax.texts if str(t.get_gid() or "").startswith("milestone-label-")]
    if not labels_:
        return
    fig = ax.figure
    fig.draw_without_rendering()  # the final layout: the axes' size and limits
    renderer = fig.canvas.get_renderer()
    actual = [ln for ln in ax.lines if str(ln.get_gid() or "").startswith(_ACTUAL_GIDS)]
    forecast = [ln for ln in ax.lines if str(ln.get_gid() or "").startswith(_FORECAST_GIDS)]
    frame = ax.get_window_extent(renderer)

    def cost(ann: Text) -> tuple[int, int, int, int]:
        box = _label_box(ann, renderer)
        inside = (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
                  and box.y1 <= frame.y1)  # fmt: skip
        return (sum(line_hits(ln, box) for ln in actual),
                sum(box.overlaps(o) for o in _obstacles(ax, ann, renderer)), int(not inside),
                sum(line_hits(ln, box) for ln in forecast))  # fmt: skip

    for ann in labels_:
        here = (tuple(ann.xyann), ann.get_ha(), ann.get_va())
        best, best_cost = here, cost(ann)
        if best_cost == (0, 0, 0, 0):
            continue
        for place in _LABEL_PLACES:
            ann.xyann = place[0]
            ann.set_ha(place[1])
            ann.set_va(place[2])
            c = cost(ann)
            if c < best_cost:
                best, best_cost = place, c
            if c == (0, 0, 0, 0):
                break
        ann.xyann = best[0]
        ann.set_ha(best[1])
        ann.set_va(best[2])


def _room_for_labels(ax: Axes) -> None:
    """Raise the top of the axis where a milestone's label above its marker would end
    outside it (it ran into the title). Called once everything is drawn: a fixed limit set
    earlier shut out the context figures drawn after the milestones."""
    lo, hi = ax.get_ylim()
    top = max((float(a.xy[1]) + _LABEL_ROOM * (hi - lo) for a in ax.texts
               if str(a.get_gid() or "").startswith("milestone-label-")
               and getattr(a, "xyann", (0, 0))[1] > 0), default=-np.inf)  # fmt: skip
    if top > hi:
        ax.set_ylim(lo, top)


def _plan_years(ax: Axes, horizon: int) -> None:
    """A chart whose figures and targets fall in one year (a target's only figure is its
    2025 outcome) spans the plan period, from its base year to ``horizon``: matplotlib
    spread the one year over two centuries (1925-2125). Its value axis starts at 0 when
    nothing drawn is negative: fitted to the figure and the target alone, any gap between
    them filled the plot, 12 against 10 as 900 against 1,100."""
    lo, hi = ax.dataLim.intervalx
    if np.isfinite(lo) and np.isfinite(hi) and hi - lo < 1:
        ax.set_xlim(min(lo, config.PLAN_BASE_YEAR) - 0.5, max(hi, horizon) + 0.9)
        y_lo, y_hi = ax.get_ylim()
        d_lo, d_hi = ax.dataLim.intervaly
        if d_lo >= 0 and y_lo > 0:  # with the margin autoscaling gives, on the new span
            ax.set_ylim(0, max(y_hi, d_hi * (1 + plt.rcParams["axes.ymargin"])))


def _gap_notes(gap, indicator_id, row, unit, lang) -> list[tuple[int, float, float, str]]:
    """The gap notes to draw: the last milestone with a projection, and every earlier one
    whose own year's figure settled it (the chart of 1,288 firms in 2023 against 1,300 drew
    the triangle on the dot and said only 2025's surplus, so the 2023 miss looked met: the
    final-evaluation review). Each is (year, projected, target, text); none for a milestone
    exactly on target."""
    if gap is None or gap.empty or "projected_gap" not in gap.columns:
        return []
    rows = gap[(gap["indicator_id"] == indicator_id)].dropna(
        subset=["projected_gap", "projected", "target"]
    )
    rows = rows.sort_values("milestone_year")
    keep = [k == len(rows) - 1 or str(g.get("ex_post", "")) in ("met", "missed")
            for k, (_, g) in enumerate(rows.iterrows())]  # fmt: skip
    notes = [_gap_note(g, row, unit, lang) for (_, g), k in zip(rows.iterrows(), keep,
                                                                strict=True) if k]  # fmt: skip
    return [n for n in notes if n is not None]


def _gap_note(g, row, unit, lang) -> tuple[int, float, float, str] | None:
    """The gap note of one milestone's row ``g`` of the gap table: (year, projected, target,
    text), or None when there is none to draw (exactly on target)."""
    year, projected, target = float(g["milestone_year"]), float(g["projected"]), float(g["target"])
    decrease = str(row.get("direction", "increase")) == "decrease"
    short = (projected < target) != decrease
    # the milestone year's own figure is in: the gap is a fact, not a projection
    observed = str(g.get("ex_post", "")) in ("met", "missed")
    key = ("note.actual_gap" if short else "note.actual_surplus") if observed else (
        "note.projected_gap" if short else "note.projected_surplus")  # fmt: skip
    head = label(key, lang)
    if not observed and str(g.get("ex_post", "")) == "no_figure":  # the year is over, its
        # figure owed: a projection of a year gone by, said so ("预计超出" read as a forecast
        # of a year still ahead: the report writer's review)
        head = label("note.owed_gap" if short else "note.owed_surplus", lang,
                     year=int(year))  # fmt: skip
    if observed and provisional_outcome(g):  # a preliminary figure or an estimate: no fact yet
        head = label("note.interim_gap" if short else "note.interim_surplus", lang,
                     status=labels.obs_status_label(str(g["latest_status"]), lang).lower())  # fmt: skip
    points = str(row.get("kind", "")) == "share" or unit.startswith("%")
    # the word says which way, the numbers by how much: "缺口 26家（1.8%）", not the double
    # negative "缺口 -26家"; "超出 37家（2.5%）", not "超出 +37家" (超出 says more already)
    pct = g.get("projected_gap_pct")
    pct_text = ""
    if not points and pct is not None and np.isfinite(pct):  # "（2.5%）" / " (2.5%)"
        pct = fixed(abs(float(pct)), 1) + "%"  # as the workbook's 0.0 shows it
        pct_text = f"（{pct}）" if lang == "zh" else f" ({pct})"
    from .export import counts_whole_things

    amount = abs(float(g["projected_gap"]))
    # a count: whole firms as the tables show them, unless under 10, where rounding would
    # contradict the percent beside it ("1项（5.7%）" of a target of 10 for 0.57)
    whole = counts_whole_things(row) and amount >= 10
    amount_text = fixed(amount, 0) if whole else _fmt(amount)
    if amount_text in ("0", ""):  # exactly on target: no gap to point at
        return None
    if points:  # a share's gap is in percentage points; a percent of a percent would mislead
        shown = label("note.points", lang, value=amount_text)
    else:  # "38家", "38 firms", "1 project" (not "1 projects"); a gap in one year, so not
        # "1项/年" (views.year_unit: the planner's review)
        shown = with_unit(amount_text, year_unit(unit), lang)
    return int(year), projected, target, f"{head}\n{shown}{pct_text}"


#: Below this length (points) a gap is marked by a bracket, not a double arrow.
GAP_ARROW_MIN_POINTS = 14


def _annotate_gap(ax, note) -> None:
    if note is None:
        return
    year, projected, target, text = note
    x = year + 0.22
    # a gap shorter than the two arrowheads drew them crossed, an "X" that read as a fail
    # mark beside "projected surplus": a bracket then
    (_, y0), (_, y1) = ax.transData.transform([(x, projected), (x, target)])
    short = abs(y1 - y0) * 72 / ax.figure.dpi < GAP_ARROW_MIN_POINTS
    ax.annotate(
        "", xy=(x, projected), xytext=(x, target),
        arrowprops={"arrowstyle": "|-|,widthA=0.25,widthB=0.25" if short else "<->",
                    "color": "#444444", "linewidth": 0.9, "shrinkA": 0, "shrinkB": 0},
    )  # fmt: skip
    ax.text(x + 0.08, (projected + target) / 2, text, ha="left", va="center", fontsize=8,
            color="#222222", bbox=_LABEL_BOX, zorder=7, gid="projected-gap")  # fmt: skip


# --------------------------------------------------------------------------- R&D path


def rd_path_chart(
    observations: pd.DataFrame,
    *,
    trajectories: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str = RD_INDICATOR,
    lang: str = "zh",
    ax: Axes | None = None,
) -> Figure:
    """R&D spending (bars) against the 10 %/yr path (dashed), each year's growth annotated.

    Figures other than final or revised ones are hatched bars with a legend entry; a growth
    rate is written only where the previous year is known too, so one or two actual points
    draw without error.

    Parameters
    ----------
    observations : DataFrame
        Observations contract.
    trajectories : DataFrame
        Its ``path == "rd_10pct"`` rows for ``indicator_id``.
    indicators : DataFrame
        For the unit and name.
    indicator_id : str, default "rd_spending"
    lang : {"zh", "en"}
    ax : Axes, optional

    Returns
    -------
    Figure
    """
    _require_columns(observations, OBS_COLUMNS, "observations")
    _require_columns(trajectories, ("indicator_id", "year", "path", "value"), "trajectories")
    with style.house_style(lang) as lang:
        row = _indicator_row(indicators, indicator_id)
        if row is None:  # it used to draw an empty "no data yet" chart
            raise ValueError(f"indicator {indicator_id!r} is not in the indicators frame")
        fig, ax, own = _new_axes(ax, _FIGSIZE_LINE)
        unit = _text(row, "unit", lang)
        actual = rd_actuals(observations, indicator_id)
        path = trajectories[
            (trajectories["indicator_id"] == indicator_id) & (trajectories["path"] == "rd_10pct")
        ].dropna(subset=["value"])
        path = path.sort_values("year")
        handles: list = []
        texts: list[str] = []
        if not path.empty:
            (line,) = ax.plot(
                path["year"], path["value"], color=style.SERIES_COLORS["rd_10pct"],
                linestyle=style.SERIES_LINESTYLES["rd_10pct"], marker="o", markersize=4,
                markerfacecolor="white", zorder=4, gid="rd-10pct-path",
            )  # fmt: skip
            handles.append(line)
            first = int(path["year"].iloc[0])
            # a path from a first figure after the plan's base year says where it starts: the
            # chart read as the plan's 2020-2025 (the planner's re-read)
            texts.append(labels.path_label("rd_10pct", lang) + (
                label("legend.path_from", lang, year=first)
                if first > config.PLAN_BASE_YEAR else ""))  # fmt: skip
        # a path that starts the year before the first bar starts from a level without a bar
        # (implied by the first year's reported growth, trajectories.growth_start): the first
        # bar's growth is read from it (the 2021 bar had none beside a reported 12 %)
        start = ({int(path["year"].iloc[0]): float(path["value"].iloc[0])}
                 if len(path) and len(actual)
                 and int(path["year"].iloc[0]) == int(actual["year"].min()) - 1 else {})  # fmt: skip
        _draw_rd_bars(ax, actual, lang, handles, texts, start=start,
                      path=dict(zip(path["year"].astype(int), path["value"].astype(float),
                                    strict=True)))  # fmt: skip
        title = (label("title.rd_path", lang) if indicator_id == RD_INDICATOR
                 else _text(row, "name", lang, indicator_id))  # fmt: skip
        ax.set_title(title, loc="left")
        if path.empty and actual.empty:
            _no_data(ax, lang)
        else:
            if actual.empty:
                ax.text(0.02, 0.95, label("note.no_actuals", lang), transform=ax.transAxes,
                        va="top", color="#777777", gid="no-actuals")  # fmt: skip
            ax.set_xlabel(label("axis.year", lang))
            set_unit_label(ax, unit, lang)
            _year_ticks(ax)
            ax.set_ylim(0, ax.get_ylim()[1] * 1.12)
            _legend_below(ax, handles, texts)
        if own:
            style.add_source_line(fig, _source_text(actual, lang, plan=not path.empty), lang)
    return fig


#: Fill of a final R&D spending bar: dark enough for its white figure (contrast 7:1), light
#: enough not to print as a block of black.
RD_BAR_FILL = "#595959"


def _draw_rd_bars(ax, actual, lang, handles, texts, start: dict | None = None,
                  path: dict | None = None) -> None:  # fmt: skip
    """Each year's bar with its value and its growth on the year before, that year's bar or,
    for the first, a path ``start`` of the year before (``{year: level}``). A bar whose top
    the ``path`` marker sits just under has its labels set below the marker: its box hid
    the marker ("61" over the 2022 path level of 59.4: the report writer's review)."""
    if actual.empty:
        return
    path = path or {}
    # the labels' zone under a bar's top, as a share of the value axis (about 1.12 × the
    # highest figure drawn, as rd_path_chart sets it)
    top = 1.12 * max([*actual["value"].astype(float), *path.values()])
    zone = 0.10 * top
    # dark as the actual figures of every trajectory chart (blue is the "on track" colour);
    # a dark grey fill, not solid black, which printed a large block of ink (the print review)
    color, fill = style.SERIES_COLORS["observed"], RD_BAR_FILL
    decimals = series_decimals(actual["value"])  # one series: one number of decimals
    seen = set()
    values = {**(start or {}),
              **dict(zip(actual["year"].astype(int), actual["value"], strict=True))}  # fmt: skip
    for _, r in actual.iterrows():
        year, value, status = int(r["year"]), float(r["value"]), str(r["status"])
        final = status in ("final", "revised")
        bar = ax.bar(
            year, value, width=0.6, color=fill if final else "white", edgecolor=color,
            hatch="" if final else "///", linewidth=1.0, zorder=2, gid=f"rd-bar-{year}",
        )  # fmt: skip
        key = "final" if final else status
        if key not in seen:
            seen.add(key)
            handles.append(bar.patches[0])
            suffix = "" if final else f"（{labels.obs_status_label(status, lang)}）"
            if lang == "en" and suffix:
                suffix = f" ({labels.obs_status_label(status, lang).lower()})"
            texts.append(label("legend.actual_spending", lang) + suffix)
        # values and growth go inside the bar: above it they would collide with the path; a
        # box of the bar's own fill keeps them legible where the path's marker crosses them
        # ("61" under the 2022 marker: the final-evaluation review)
        box = {"boxstyle": "round,pad=0.15", "fc": fill if final else "white", "ec": "none"}
        ink = "white" if final else "#111111"
        # under the path's marker when it sits in the labels' zone
        level = path.get(year)
        anchor, below = ((level, -8) if level is not None and 0 <= value - level <= zone
                         else (value, -4))  # fmt: skip
        # published figures with the decimals of the most precise of them (54.03, 61.00)
        ax.annotate(_fixed_label(value, decimals), (year, anchor), xytext=(0, below),
                    textcoords="offset points", ha="center", va="top", fontsize=8.5,
                    fontweight="bold", color=ink,
                    bbox=box, zorder=8, gid=f"rd-value-{year}")  # fmt: skip
        prev = values.get(year - 1)
        if prev:
            change = labels.true_minus(fixed((value / prev - 1) * 100, 1, "+") + "%")  # "−3.2%"
            ax.annotate(change, (year, anchor), xytext=(0, below - 16),
                        textcoords="offset points", ha="center", va="top", fontsize=8,
                        color=ink, bbox=box, zorder=8, gid=f"rd-growth-{year}")  # fmt: skip


# --------------------------------------------------------------------------- dashboard


def _section_rows(g: pd.DataFrame, lang: str) -> list[tuple[str, object]]:
    """Rows top to bottom: ("section", name) headings, then ("indicator", row)."""
    col = f"section_{lang}" if f"section_{lang}" in g.columns else None
    rows: list[tuple[str, object]] = []
    if col is None:
        return [("indicator", r) for _, r in g.iterrows()]
    keys = g[col].fillna("").astype(str)
    for section in dict.fromkeys(keys):
        if section and style.can_draw(section):
            rows.append(("section", section))
        rows += [("indicator", r) for _, r in g[keys == section].iterrows()]
    return rows


def _in_table_order(g: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``g`` (one milestone's) in the order the target tables list that
    milestone's indicators (:func:`views.target_overview`: by section, the worst status and
    the least likely first): the dashboard in plan order sat beside the brief's table in
    another (the report writer's review). The order is of this milestone's statuses alone:
    ranked by the worse of two milestones, a 2023 result the 2025 chart does not show set
    a "met" row above a "missed" one (the report writer's review). Rows the tables leave
    out keep their order, after the others."""
    from .views import target_overview

    if g.empty or gaps.duplicated(["indicator_id", "milestone_year"]).any():
        return g  # target_overview refuses such a frame; its own check says why
    years = g["milestone_year"].unique()
    ids = list(dict.fromkeys(target_overview(gaps[gaps["milestone_year"].isin(years)])[
        "indicator_id"]))  # fmt: skip
    rank = g["indicator_id"].map({iid: k for k, iid in enumerate(ids)}).fillna(len(ids))
    return g.iloc[np.argsort(rank.to_numpy(dtype=float), kind="stable")]


def gap_dashboard(
    gaps: pd.DataFrame,
    *,
    milestone_year: int = 2025,
    lang: str = "zh",
    ax: Axes | None = None,
    width: float | None = None,
) -> Figure:
    """All indicators on one A4 page: progress against the target path, coloured by status.

    Each indicator is a bullet: a grey track from 0 to 100 % of the change the target needs,
    a bar of the progress made so far (status colour and hatch), and a black tick where the
    target path stands in the latest figure's year (:func:`path_share`; on a straight path
    the share of the time elapsed, on a compound path less). Indicators are grouped under their plan section; those with
    insufficient data keep their row, marked as such.

    Parameters
    ----------
    gaps : DataFrame
        Gap assessment (one row per indicator and milestone).
    milestone_year : int, default 2025
    lang : {"zh", "en"}
    ax : Axes, optional
        When None a figure of A4 width (``_FIGSIZE_A4``, saved with its margin) is created,
        as tall as its rows need (at most A4).
    width : float, optional
        The new figure's width in inches instead: the page's text width (6.1 in for the
        Word brief) prints its labels at their own size rather than scaled down.

    Returns
    -------
    Figure
    """
    _require_columns(gaps, GAP_COLUMNS, "gaps")
    check_statuses(gaps)
    milestone_year = as_year(milestone_year, "milestone_year")  # "2025" drew an empty chart
    if width is not None and not (isinstance(width, int | float) and 2 <= width <= 20):
        raise ValueError(f"width must be a figure width in inches (2-20), got {width!r}")
    with style.house_style(lang) as lang:
        g = _in_table_order(gaps[gaps["milestone_year"] == milestone_year], gaps)
        size = _dashboard_size(g, lang)
        fig, ax, own = _new_axes(ax, (float(width), size[1]) if width else size)
        title = dashboard_title(gaps, milestone_year, lang)  # "完成情况" once the year is over
        if width:  # a narrow figure: the title wraps clear of the column heads on the right
            title = _wrap(title, lang, width_en=int(4 * width), width_zh=int(2.4 * width))
        ax.set_title(title, loc="left")
        if g.empty:
            _no_data(ax, lang)
        else:
            _draw_dashboard(ax, g, lang)
        if own:
            style.add_source_line(fig, gaps_source(gaps, lang), lang)
    return fig


def gaps_source(gaps: pd.DataFrame, lang: str) -> str:
    """The source line of a chart of the assessment, with the year its data run to (a
    dashboard lifted into a printed report lost the "数据截至2022年" the page and the brief
    say: the report writer's review)."""
    years = pd.to_numeric(gaps.get("as_of", pd.Series(dtype=float)), errors="coerce").dropna()
    if years.empty:
        return label("source.gaps", lang)
    return label("source.gaps_to", lang, year=int(years.max()))


def _dashboard_size(g: pd.DataFrame, lang: str) -> tuple[float, float]:
    """A4 wide; as tall as its rows need (at most A4), so a milestone with few targets gets
    a compact figure instead of one stretched over a page."""
    n = max(len(_section_rows(g, lang)), 1)
    return _FIGSIZE_A4[0], float(min(_FIGSIZE_A4[1], 2.4 + 0.36 * n))


def _draw_dashboard(ax: Axes, g: pd.DataFrame, lang: str) -> None:
    rows = _section_rows(g, lang)
    n = len(rows)
    lo, hi = _PROGRESS_LIMITS
    ticks, ticklabels, heading = [], [], []
    present: list[str] = []
    ticked: list = []  # the latest figure's years of the rows that draw a path tick
    for i, (kind, item) in enumerate(rows):
        y = i
        ticks.append(y)
        if kind == "section":
            ticklabels.append(item)
            heading.append(True)
            if i:
                ax.axhline(y - 0.5, color="#BBBBBB", linewidth=0.6, zorder=0)
            continue
        heading.append(False)
        r = item
        name = r.get(f"name_{lang}") if f"name_{lang}" in r.index else None
        if not (isinstance(name, str) and style.can_draw(name)):
            name = str(r["indicator_id"])
        mark = _FLOW_MARK if _yearly_flow(r) else ""
        ticklabels.append(_row_name(name + mark, _progress_start(r, lang), lang))
        status = str(r["status"]) if r["status"] in style.STATUS_COLORS else "insufficient_data"
        if status not in present:
            present.append(status)
        if status != "insufficient_data":
            ax.barh(y, 1.0, height=0.56, color="#EFEFEF", zorder=1)
        if _dashboard_row(ax, y, r, status, lang, lo, hi):
            ticked.append(r.get("latest_year"))
    ax.set_yticks(ticks, ticklabels)
    for tick_label, is_heading in zip(ax.get_yticklabels(), heading, strict=True):
        if is_heading:
            tick_label.set_fontweight("bold")
            tick_label.set_fontsize(9)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(lo - 0.02, hi + 0.02)
    ax.axvline(1.0, color="#444444", linewidth=0.8, linestyle=":", zorder=1)
    ax.axvline(0.0, color="#444444", linewidth=0.6, zorder=1)
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(label("axis.progress", lang))
    # tick marks on top too, labelled up to the target (100 %): the column heads on the
    # right sat over the 150 % label and read as one heading with it ("Progress / 150%")
    steps = np.arange(lo, hi + 1e-9, 0.5)  # -50 %, 0, 50 %, 100 %, 150 %
    ax.set_xticks(steps)
    top = ax.secondary_xaxis("top")  # its own ticks: a bare tick stood at 150 %
    top.set_xticks(steps[steps <= 1.0 + 1e-9])
    top.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    top.spines["top"].set_visible(False)
    # the right-hand columns are named, so a progress share is not read as a probability
    # (above the top tick labels, level with the title, which sits on the left)
    for dx, ha, key in ((_PROGRESS_RIGHT_PT, "right", "axis.progress_short"),
                        (_STATUS_LEFT_PT, "left", "col.status")):  # fmt: skip
        over = offset_copy(ax.transAxes, fig=ax.figure, x=dx, y=17, units="points")
        ax.text(1.0, 1.0, label(key, lang), transform=over, ha=ha, va="bottom", fontsize=8,
                fontweight="bold", color="#444444", gid="column-head")  # fmt: skip
    order = [s for s in labels.STATUS_CODES if s in present and s != "insufficient_data"]
    handles = [
        Patch(facecolor=style.STATUS_COLORS[s], hatch=style.STATUS_HATCHES[s], edgecolor="white")
        for s in order
    ]
    texts = [labels.status_label(s, lang) for s in order]
    # the tick is the path in each row's latest figure's year: named when the rows share it,
    # and only when a row draws one (a chart whose one bar was a yearly flow's, which has no
    # path, named "where the target path stood in 2023" beside no tick)
    if ticked:
        handles.append(Line2D([], [], color=style.SERIES_COLORS["time"], marker="|",
                              markersize=12, linestyle="none", markeredgewidth=2))  # fmt: skip
        years = set(pd.to_numeric(pd.Series(ticked), errors="coerce").dropna().astype(int))
        texts.append(label("legend.path_share_at", lang, year=years.pop()) if len(years) == 1
                     else label("legend.path_share", lang))  # fmt: skip
    if any(_on_provisional(r) for r in g.to_dict("records")):
        handles.append(Line2D([], [], linestyle="none"))  # the star is the entry's first word
        texts.append(label("legend.provisional_star", lang))
    if any(early_owed(r) for r in g.to_dict("records")):
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(label("legend.early_owed", lang))
    if any(_progress_start(r, lang) for r in g.to_dict("records")):
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(label("legend.progress_from", lang, base=config.PLAN_BASE_YEAR))
    if any(_yearly_flow(r) for r in g.to_dict("records")):
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(label("legend.flow_share", lang, mark=_FLOW_MARK))
    if open_years := set().union(*(_years_open(r) for r in g.to_dict("records"))):
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(label("legend.rate_open", lang, mark=_OPEN_MARK,
                           years=year_span(min(open_years), max(open_years), lang)))  # fmt: skip
    # the milestone year over, grades standing on earlier figures: said on the figure, which
    # is exported alone ("符合进度" for 2023 read as met: the report writer's review)
    if said := _graded_on_note(g.to_dict("records"), lang):
        handles.append(Line2D([], [], linestyle="none"))
        texts.append(said)
    # below the x axis and its label, the same distance however many rows the figure has
    under = offset_copy(ax.transAxes, fig=ax.figure, y=-42, units="points")
    # a narrow figure (the brief's text width) gets two columns: four pushed the axes aside
    # once the star's entry was in
    if not texts:  # no bar, no tick, no note: an empty box said nothing
        return
    ncol = _legend_columns(ax.figure, texts)
    ax.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=under,
              ncol=ncol, handleheight=1.2)  # fmt: skip


def _row_name(name: str, start: str, lang: str, width_en: int = 40, width_zh: int = 16) -> str:
    """A dashboard row's name, wrapped, with ``start`` (:func:`_progress_start`) after it:
    on the name's line when it fits, on a line of its own under a one-line name, and at the
    end of a wrapped name's last line otherwise. Wrapped together, the digital economy's share
    with "（自2023年起算）" broke inside 生产, and a third line runs into the next row."""
    wrapped = _wrap(name, lang, width_en=width_en, width_zh=width_zh)
    if not start:
        return wrapped
    *head, last = wrapped.split("\n")
    width = width_zh if lang == "zh" else width_en
    if head or len(last + start) <= width:
        return "\n".join([*head, last + start])
    return f"{last}\n{start.strip()}"


def _progress_start(row, lang: str) -> str:
    """What a dashboard row's name says of where its progress is measured from: "（自2023年
    起算）" for a share from a first figure after the plan's base year
    (:func:`views.progress_from`), "" for one from the plan's baseline. Three bars from 2023
    stood beside bars from 2020 on one axis, unmarked (the planner's review)."""
    start = progress_from(row)
    if start is None or row.get("status") == "insufficient_data":  # no bar to mark
        return ""
    return label("legend.path_from", lang, year=start)


def _yearly_flow(row) -> bool:
    """Whether a dashboard row draws a yearly flow's bar: the year's figure over the year's
    target (11 projects against 10 a year is 110 %), which has no baseline and no change to
    share, as the axis says of every other bar (the lead's review). A yearly ceiling has no
    bar (``gaps._assessed``), nor has a row without data."""
    if row.get("kind") != "flow" or row.get("status") in (None, "insufficient_data"):
        return False
    share = pd.to_numeric(pd.Series([row.get("progress_share")]), errors="coerce").iloc[0]
    return bool(np.isfinite(share))


def _graded_on_note(records: list[dict], lang: str) -> str:
    """The note of a chart whose grades of milestone years over stand on earlier figures
    (:func:`views.graded_on`; a target met early has its own entry): "状态按2022年数据评估，
    并非实际结果", the year named when they share one; "" when none does."""
    on = {y for r in records if (y := graded_on(r)) is not None and not early_owed(r)}
    if not on:
        return ""
    if len(on) == 1:
        return label("legend.graded_on", lang, year=max(on))
    return label("legend.graded_on_earlier", lang)


def _legend_columns(fig: Figure, texts: list[str]) -> int:
    """Columns of the dashboard's legend: four on a wide figure, two on the brief's narrow
    one, halved while the widest entries side by side would not fit the figure's width
    (five entries with two long notes ran off both sides of the page in four columns, and
    collapsed the brief's figure in two)."""
    ncol = 4 if fig.get_figwidth() >= 7 else 2
    size = mpl.rcParams["legend.fontsize"]
    size = size if isinstance(size, int | float) else mpl.font_manager.FontProperties(
        size=size).get_size_in_points()  # fmt: skip
    widths = sorted((style.text_width(t, size) for t in texts), reverse=True)
    room = fig.get_figwidth() * 72 * 0.95
    while ncol > 1 and sum(w + 3.5 * size for w in widths[:ncol]) > room:
        ncol //= 2
    return ncol


def path_share(row) -> float:
    """The share of the way from baseline to target that the target path has covered in
    the latest figure's year: (expected on path - baseline) / (target - baseline), NaN
    when any is missing or the target is the baseline; an average growth rate's target is
    the level it reaches by the milestone. A progress share at or above it is on the path."""
    values = pd.to_numeric(pd.Series([row.get(c) for c in
                                      ("expected_on_path", "baseline_value", "target",
                                       "baseline_year", "milestone_year")]),
                           errors="coerce")  # fmt: skip
    on_path, base, goal, t0, t1 = (float(v) for v in values)
    if row.get("kind") == "growth_rate":  # an average rate: the level it reaches by then
        from .trajectories import Anchor, target_level

        goal = (target_level("growth_rate", goal, t1, Anchor(t0, base, ""))
                if np.isfinite([t0, t1]).all() else np.nan)  # fmt: skip
    if not np.isfinite([on_path, base, goal]).all() or goal == base:
        return np.nan
    return (on_path - base) / (goal - base)


def _on_provisional(row) -> bool:
    """Whether a dashboard row's status rests on a preliminary figure or an estimate: an
    outcome (:func:`views.provisional_outcome`) or a grade of its latest figure."""
    from .coverage import PROVISIONAL

    graded = row.get("status") not in (None, "insufficient_data")
    return provisional_outcome(row) or (graded and row.get("latest_status") in PROVISIONAL)


#: The dashboard's right-hand columns, in points from the plot's right edge: the right end
#: of the progress share ("59%", "−50%") and the left end of the status, 8 pt apart.
_PROGRESS_RIGHT_PT, _STATUS_LEFT_PT = 32.0, 40.0


def _dashboard_row(ax, y, r, status, lang, lo, hi) -> bool:
    """Draw one indicator's row; True when it drew a path tick (the legend names the tick
    only then)."""
    progress = pd.to_numeric(pd.Series([r.get("progress_share")]), errors="coerce").iloc[0]
    expected = path_share(r)
    # x in axes fraction, y in rows; the columns set in points from the axes' right edge
    # (fractions of a plot the brief's narrow figure squeezed to a third of its width put
    # "Progress" and "Status" 2 pt apart, read as one heading: the report writer's review)
    right = ax.get_yaxis_transform()
    at_progress = offset_copy(right, fig=ax.figure, x=_PROGRESS_RIGHT_PT, units="points")
    at_status = offset_copy(right, fig=ax.figure, x=_STATUS_LEFT_PT, units="points")
    # insufficient data: no bar; the status column says so
    if status != "insufficient_data" and np.isfinite(progress):
        shown = float(np.clip(progress, lo, hi))
        ax.barh(y, shown, height=0.34, color=style.STATUS_COLORS[status],
                hatch=style.STATUS_HATCHES[status], edgecolor="white", linewidth=0,
                zorder=2, gid=f"progress-{status}")  # fmt: skip
        if shown != progress:  # beyond the scale: an arrowhead at the edge
            ax.plot([shown], [y], marker=">" if shown > 0 else "<", markersize=7,
                    color=style.STATUS_COLORS[status], clip_on=False, zorder=4,
                    gid="clipped")  # fmt: skip
        # values sit in a column right of the axes, clear of bars and time ticks
        # rounded as the workbook's 0% format shows it, negative with the minus sign
        value = labels.progress_percent(progress)  # never "100%" short of the target
        ax.text(1.0, y, value, transform=at_progress, ha="right", va="center",
                fontsize=8, color="#222222", gid="progress-value")  # fmt: skip
    elif status != "insufficient_data":  # a status without a progress share (a growth rate,
        # a target without a baseline): a dash, not an empty row that reads as 0 %
        ax.text(1.0, y, label("fmt.missing", lang), transform=at_progress, ha="right",
                va="center", fontsize=8, color="#222222", gid="progress-value")  # fmt: skip
        # and the empty track says why (beside "achieved" it read as 0 % of the way)
        ax.text(0.5, y, label("dash.no_progress", lang), ha="center", va="center", fontsize=7,
                color="#666666", bbox=_LABEL_BOX, zorder=3, gid="no-progress")  # fmt: skip
    tick = bool(status != "insufficient_data" and np.isfinite(progress) and np.isfinite(expected))
    if tick:
        # where the target path stands in the latest figure's year: the share of the way a
        # bar must reach to be on it (a compound path is below the time elapsed early on, so
        # a bar at 60 % against 80 % of the time is on track when the path is at 64 %)
        ax.plot([float(np.clip(expected, lo, hi))], [y], marker="|", markersize=13,
                markeredgewidth=2, color=style.SERIES_COLORS["time"], zorder=3,
                gid="path-share")  # fmt: skip
    # an outcome or a grade on a preliminary figure or an estimate is starred: a final figure
    # may turn it (the patents' bar rested on a 2022 estimate without a word on the chart)
    mark = "*" if _on_provisional(r) else ""
    if early_owed(r):  # reached on an earlier year's figure, the milestone year's owed: the
        # year it rests on ("100% Achieved" read as settled: the final-evaluation review)
        mark += label("dash.early_year", lang, year=int(r["latest_year"]))
    gid = f"status-{status}" + ("-provisional" if mark else "")
    if _years_open(r):  # a settled growth grade that turns on an unreported year's growth:
        # the page and the brief say so, the dashboard alone read as a plain miss
        mark += _OPEN_MARK
    ax.text(1.0, y, labels.status_label(status, lang) + mark, transform=at_status, ha="left",
            va="center", fontsize=8, color=style.STATUS_TEXT_COLORS[status],
            fontweight="bold", gid=gid)  # fmt: skip
    return tick


# --------------------------------------------------------------------------- overview


def status_overview(
    gaps: pd.DataFrame,
    *,
    years: Sequence[int] = config.MILESTONE_YEARS,
    matrix_year: int | None = None,
    lang: str = "zh",
    axes: Sequence[Axes] | None = None,
    indicators: pd.DataFrame | None = None,
) -> Figure:
    """Counts of targets by status per milestone, and a department × status matrix.

    Both panels show the statuses some target of the milestones has, in the order of
    ``labels.STATUS_CODES`` (as the landing page's counts table does).

    Parameters
    ----------
    gaps : DataFrame
        Gap assessment.
    years : sequence of int, default ``config.MILESTONE_YEARS``
        Milestones compared in the first panel (grouped bars, one hatch per year).
    matrix_year : int, optional
        Milestone of the matrix (default: the last of ``years``). A target shared by
        several departments ("、"-separated) counts once for each.
    lang : {"zh", "en"}
    axes : pair of Axes, optional
    indicators : DataFrame, optional
        The registry: a matrix cell that counts a department the registry infers from a
        related measure (``views.inferred_departments``) is starred, with a note.

    Returns
    -------
    Figure
    """
    _require_columns(gaps, GAP_COLUMNS, "gaps")
    check_statuses(gaps)
    years = [int(y) for y in years]
    if not years:
        raise ValueError("years must name at least one milestone year, e.g. (2023, 2025)")
    matrix_year = years[-1] if matrix_year is None else int(matrix_year)
    with style.house_style(lang) as lang:
        own = axes is None
        if own:
            fig, axes = plt.subplots(2, 1, figsize=(_FIGSIZE_A4[0], 9.5), layout="constrained",
                                     height_ratios=(1, 1.35))  # fmt: skip
            fig.get_layout_engine().set(h_pad=0.12)
        else:
            if len(axes) != 2:
                raise ValueError(f"axes must be two Axes (counts, matrix), got {len(axes)}")
            for ax in axes:
                style.adopt_axes(ax)
            if axes[0].figure is not axes[1].figure:
                raise ValueError("axes must be two Axes of one figure (counts, matrix)")
            fig = axes[0].figure
        fig.suptitle(label("title.status_overview", lang), x=0.01, ha="left",
                     fontweight="bold", fontsize=12)  # fmt: skip
        # the statuses some target has, in the order of STATUS_CODES, as the landing page's
        # counts table shows them: a final evaluation drew four empty interim columns
        shown = gaps.loc[gaps["milestone_year"].isin([*years, matrix_year]), "status"]
        statuses = [s for s in labels.STATUS_CODES if s in set(shown)]
        _status_counts(axes[0], gaps, years, statuses, lang)
        _department_matrix(axes[1], gaps, matrix_year, statuses, lang,
                           inferred_departments(indicators))  # fmt: skip
        if own:
            style.add_source_line(fig, gaps_source(gaps, lang), lang)
    return fig


#: Hatch of the part of a count bar whose outcomes rest on a preliminary figure or an
#: estimate (the bars' statuses are told apart by place and label, not by hatch).
_INTERIM_HATCH = "..."


def _status_counts(
    ax: Axes, gaps: pd.DataFrame, years: list[int], statuses: list[str], lang: str
) -> None:
    ax.set_title(label("title.status_counts", lang), loc="left")
    g = gaps[gaps["milestone_year"].isin(years)]
    if g.empty:
        _no_data(ax, lang)
        return
    counts = pd.crosstab(g["status"], g["milestone_year"]).reindex(
        index=statuses, columns=years, fill_value=0
    )
    # outcomes on a preliminary figure or an estimate, and targets met early whose year is
    # over without its figure: dotted tops and "(k)" beside the count (one met in 2024 was
    # drawn as settled: the planner's review)
    records = g.to_dict("records")
    owed = any(early_owed(r) for r in records)
    flag = [provisional_outcome(r) or early_owed(r) for r in records]
    interim = (pd.crosstab(g.loc[flag, "status"], g.loc[flag, "milestone_year"])
               .reindex(index=statuses, columns=years, fill_value=0)
               if any(flag) else counts * 0)  # fmt: skip
    x = np.arange(len(counts))
    width = 0.8 / len(years)
    # earlier milestones in outline, told apart by hatches the statuses do not use (the
    # dashboards hatch "on track" with "///": in grey print a hatched 2023 bar read so)
    year_hatch = ["", "--", "||", "++"]
    handles: list = []
    for j, year in enumerate(years):
        offset = (j - (len(years) - 1) / 2) * width
        colors = [style.STATUS_COLORS[s] for s in counts.index]
        solid = j == len(years) - 1
        heights = counts[year].to_numpy()
        bars = ax.bar(  # a count of 0 draws no outline: a coloured sliver read as a bar
            x + offset, heights, width=width * 0.92, color=colors if solid else "white",
            edgecolor=colors, linewidth=np.where(heights > 0, 1.2, 0.0),
            hatch=year_hatch[j % len(year_hatch)] if not solid else "", zorder=2,
            gid=f"counts-{year}",
        )  # fmt: skip
        ks = interim[year].to_numpy()
        if ks.any():
            ax.bar(x + offset, ks, bottom=heights - ks, width=width * 0.92, color="none",
                   edgecolor="white" if solid else colors, linewidth=0, hatch=_INTERIM_HATCH,
                   zorder=3, gid=f"provisional-{year}")  # fmt: skip
        ax.bar_label(bars, fontsize=8, padding=2, labels=[
            label("fmt.count_provisional", lang, n=int(n), k=int(k)) if k else str(int(n))
            for n, k in zip(heights, ks, strict=True)])  # fmt: skip
        # the year's swatch is its bars: one per status in the status colours, outlined or
        # filled as drawn (a white and a dark grey swatch stood over green, maroon and grey
        # bars: the report writer's review)
        handles.append(tuple(Patch(facecolor=c if solid else "white", edgecolor=c,
                                   linewidth=1.2, hatch="" if solid else year_hatch[
                                       j % len(year_hatch)]) for c in colors))  # fmt: skip
    names = [labels.status_label(s, lang) for s in counts.index]
    ax.set_xticks(x, [textwrap.fill(n, 12) for n in names])
    pad = max(0.0, (4 - len(x)) / 2)  # two statuses are not two bars half the page wide
    ax.set_xlim(-0.5 - pad, len(x) - 0.5 + pad)
    set_unit_label(ax, label("axis.count", lang), lang)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=_NICE_STEPS))
    ax.set_ylim(0, max(1, counts.to_numpy().max()) * 1.18)
    texts = [label("legend.milestone", lang, year=y) for y in years]
    if interim.to_numpy().any():  # the dots, as drawn on a filled bar, named in a word
        handles.append(Patch(facecolor="#767676", edgecolor="white", linewidth=0,
                             hatch=_INTERIM_HATCH))  # fmt: skip
        texts.append(label("legend.provisional_dotted_early" if owed
                           else "legend.provisional_dotted", lang))  # fmt: skip
    notes = []
    if interim.to_numpy().any():  # under the statuses: beside the legend it met the title
        notes.append(label("legend.provisional_count_early" if owed
                           else "legend.provisional_count", lang))  # fmt: skip
    # grades of milestone years over that stand on earlier figures, as the dashboards say
    # (the counts showed "on track" for 2023 and 2025 without a word: the diff review)
    if said := _graded_on_note(records, lang):
        notes.append(said)
    if notes:
        ax.set_xlabel("\n".join(notes), fontsize=8, color="#444444")
    # under the statuses and their notes: above the plot area, right of the title, the
    # swatches of every status and the dots' entry ran into the title (inside, they would
    # cover the tallest bars)
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    drop = ax.get_window_extent(renderer).y0 - ax.xaxis.get_tightbbox(renderer).y0
    under = offset_copy(ax.transAxes, fig=fig, y=-drop * 72 / fig.dpi - 2, units="points")
    ax.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, 0),
              bbox_transform=under, ncol=len(texts),
              handler_map={tuple: HandlerTuple(ndivide=None, pad=0.3)},
              handlelength=1.1 * max(2, len(counts.index)))  # fmt: skip


#: Opacity of a forecast's 95 % band over white: its grey (about 220 of 255 for the forecast
#: blue) stays darker than the grid lines (221).
PI95_ALPHA = 0.22
#: Opacity of the 80 % band over white: the 95 % band with a band of 0.28 laid on it.
PI80_ALPHA = 1 - (1 - PI95_ALPHA) * (1 - 0.28)


def draw_bands(ax: Axes, x, cols: dict, color, *, alpha95: float = PI95_ALPHA,
               alpha80: float = PI80_ALPHA, labels: tuple[str, str] | None = None):  # fmt: skip
    """A forecast's 80 % band and the two tails of its 95 % band beside it (``cols``:
    ``lo_95, lo_80, hi_80, hi_95`` arrays over ``x``), none laid over another, so each
    legend swatch is the shade the plot draws: the 80 % band drawn over the 95 % one read
    181 of 255 in grey while its swatch read 208, beside the 95 % band's 218 (the report
    writer's review). Returns the 80 % band and the lower 95 % tail (the legend's
    handles); ``labels`` names them for a legend built from the axes."""
    lo95, lo80, hi80, hi95 = (np.asarray(cols[c], dtype=float)
                              for c in ("lo_95", "lo_80", "hi_80", "hi_95"))  # fmt: skip
    name80, name95 = labels or (None, None)
    # the 95 % band a shade darker than the grid (at 0.13 it printed grey 234 against the
    # gridlines' 221 and could vanish on an office printer: the print review)
    tail = ax.fill_between(x, lo95, lo80, color=color, alpha=alpha95, linewidth=0, zorder=1,
                           gid="pi95", label=name95)  # fmt: skip
    ax.fill_between(x, hi80, hi95, color=color, alpha=alpha95, linewidth=0, zorder=1,
                    gid="pi95")  # fmt: skip
    band = ax.fill_between(x, lo80, hi80, color=color, alpha=alpha80, linewidth=0, zorder=1,
                           gid="pi80", label=name80)  # fmt: skip
    return band, tail


def status_shades(values: np.ndarray, statuses: Sequence[str]) -> np.ndarray:
    """RGB cells of a department × status count matrix: each column in its own status's
    colour, white for 0 and from 20 % toward it for one target up to 80 % for the largest
    count (so a single on-track target beside 18 without data is still seen). One blue ramp
    for all columns painted 18 targets without data in the on-track blue (the print and
    screen review)."""
    from matplotlib.colors import to_rgb

    values = np.asarray(values, dtype=float)
    top = max(float(values.max()) if values.size else 0.0, 1.0)
    share = np.where(values > 0, 0.2 + 0.6 * values / top, 0.0)
    rgb = np.ones((*values.shape, 3))
    for j, status in enumerate(statuses):
        colour = np.array(to_rgb(style.STATUS_COLORS.get(status, "#8C8C8C")))
        rgb[:, j, :] = 1 - share[:, j][:, None] * (1 - colour)
    return rgb


def _department_matrix(
    ax: Axes, gaps: pd.DataFrame, year: int, statuses: list[str], lang: str,
    inferred: dict | None = None,
) -> None:  # fmt: skip
    ax.set_title(label("title.dept_matrix", lang, year=year), loc="left")
    g = gaps[gaps["milestone_year"] == year]
    inferred = inferred or {}
    pairs = []
    if "departments" in g.columns:
        for _, r in g.iterrows():
            for dept in labels.split_departments(r["departments"]):
                pairs.append((dept, str(r["status"]), bool(inferred.get(r["indicator_id"]))))
    if not pairs:
        _no_data(ax, lang)
        return
    df = pd.DataFrame(pairs, columns=["department", "status", "inferred"])
    matrix = pd.crosstab(df["department"], df["status"]).reindex(columns=statuses, fill_value=0)
    # cells that count a department inferred from a related measure: starred (市税务局 read
    # as answerable for two misses the plan never gave it: the planner's review)
    starred = set(zip(df.loc[df["inferred"], "department"], df.loc[df["inferred"], "status"],
                      strict=True))  # fmt: skip
    # most targets first; a tie in the plan's order of departments (市科技局 first), not
    # the character code's
    rank = labels.department_rank(g["departments"])
    plan = [rank.get(labels.department_label(d, "zh"), len(rank)) for d in matrix.index]
    matrix = matrix.iloc[np.lexsort((plan, -matrix.sum(axis=1).to_numpy()))]
    values = matrix.to_numpy()
    shades = status_shades(values, list(matrix.columns))
    ax.imshow(shades, aspect="auto")
    # white on a dark cell, black on a light one (an orange cell is light however full)
    lightness = shades @ np.array([0.2126, 0.7152, 0.0722])
    for (i, j), v in np.ndenumerate(values):
        if v:
            star = "*" if (matrix.index[i], matrix.columns[j]) in starred else ""
            ax.text(j, i, f"{v}{star}", ha="center", va="center", fontsize=8,
                    color="white" if lightness[i, j] < 0.45 else "#111111")  # fmt: skip
    rows = []
    for n, dept in enumerate(matrix.index, start=1):
        text = labels.department_label(dept, lang)
        rows.append(text if style.can_draw(text) else label("note.department_n", lang, n=n))
    ax.set_yticks(range(len(rows)), [textwrap.fill(r, 34) for r in rows])
    cols = [textwrap.fill(labels.status_label(s, lang), 12) for s in matrix.columns]
    ax.set_xticks(range(len(cols)), cols)
    # white rules between cells read as a table
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # a target of several departments counts in each of their rows: the cells summed to 42
    # "no data" under a bar of 20 targets, with no word of why (the report writer's review)
    ax.set_xlabel(label("axis.status", lang))
    # under the axis title, small, as the counts' note is; whenever a target has several
    # departments (a sum of cells against the targets could hide it: the diff review)
    shared = [len(labels.split_departments(d)) for d in g.get("departments", [])]
    notes = []
    if any(k > 1 for k in shared):
        counted = sum(k > 0 for k in shared)  # the targets the matrix counts
        notes.append(label("note.dept_matrix_shared", lang, n=counted))
    if starred:
        notes.append(label("note.dept_matrix_inferred", lang))
    if notes:
        note = "\n".join(_wrap(n, lang, width_en=90, width_zh=48) for n in notes)
        ax.annotate(note, xy=(0.5, 0), xycoords=ax.xaxis.label, xytext=(0, -3),
                    textcoords="offset points", ha="center", va="top", fontsize=8,
                    color="#444444", gid="dept-matrix-note")  # fmt: skip


# --------------------------------------------------------------------------- vintages


def vintage_chart(
    vintages: pd.DataFrame,
    *,
    indicator_id: str,
    milestone_year: int,
    indicators: pd.DataFrame,
    lang: str = "zh",
    ax: Axes | None = None,
    actual: float | None = None,
    actual_status: str = "",
) -> Figure:
    """How the forecast for a milestone moved as each data vintage arrived.

    Each vintage (``as_of``) is a point at the forecast mean with its 80 % (thick) and 95 %
    (thin) intervals; the target is a dashed horizontal line, and the milestone year's own
    figure, once it is in (``actual``), a solid one: how far each vintage was off. Both
    carry their value at the right edge.

    Parameters
    ----------
    vintages : DataFrame
        ``indicator_id, as_of, milestone_year, mean, lo_80, hi_80, lo_95, hi_95, target``.
    indicator_id : str
    milestone_year : int
    indicators : DataFrame
        For the indicator's name and unit.
    lang : {"zh", "en"}
    ax : Axes, optional
    actual : float, optional
        The milestone year's figure (None, NaN: not in yet).
    actual_status : str, optional
        Its status: a preliminary figure or an estimate says so in the legend ("2025年实际值
        （初步数）"; it read as the final outcome).

    Returns
    -------
    Figure
    """
    need = ("indicator_id", "as_of", "milestone_year", "mean", "lo_80", "hi_80", "lo_95", "hi_95")
    _require_columns(vintages, need, "vintages")
    milestone_year = as_year(milestone_year, "milestone_year")
    with style.house_style(lang) as lang:
        row = _indicator_row(indicators, indicator_id)
        if row is None:  # as trajectory_chart: a misspelt id is not "no data"
            raise ValueError(f"indicator {indicator_id!r} is not in the indicators frame")
        fig, ax, own = _new_axes(ax, _FIGSIZE_LINE)
        name = _text(row, "name", lang, indicator_id)
        title = label("title.vintage", lang, name=name, year=milestone_year)
        ax.set_title(_wrap(title, lang, width_en=60, width_zh=30), loc="left")
        v = vintages[
            (vintages["indicator_id"] == indicator_id)
            & (vintages["milestone_year"] == milestone_year)
        ].dropna(subset=["mean"])
        v = v.sort_values("as_of")
        if v.empty:
            _no_data(ax, lang)
        else:
            _draw_vintages(ax, v, lang, actual=actual, year=milestone_year,
                           status=actual_status, kind=str(row.get("kind", "")))  # fmt: skip
            set_unit_label(ax, _text(row, "unit", lang), lang)
        if own:
            style.add_source_line(fig, label(_vintage_source(v), lang), lang)
    return fig


def _vintage_source(v: pd.DataFrame) -> str:
    """The source line's label for the vintages drawn: read as published by then
    (``known_by``) for every one, for some, or as known now. The line said "later revisions
    included" of vintages read without them (the statistician's review)."""
    known = (v["known_by"].fillna("").astype(str).str.strip().ne("") if "known_by" in v
             else pd.Series(False, index=v.index))  # fmt: skip
    if known.any() and known.all():
        return "source.forecast_known"
    return "source.forecast_partly_known" if known.any() else "source.forecast"


def end_decimals(target: float | None, actual: float | None, kind: str = "") -> int | None:
    """Decimals of the target and the actual labelled side by side at the right edge of a
    vintage chart: the more of the two, each at most 2 (79.1 beside 77.80 read as two
    precisions for one quantity: the report writer's review). A growth rate's target level
    is computed, not given: it takes the actual's decimals; None when it is all there is
    (then it is rounded by size, as computed figures are)."""
    has_target = target is not None and np.isfinite(target)
    has_actual = actual is not None and np.isfinite(actual)
    given = has_target and kind != "growth_rate"
    if not has_actual:
        return value_decimals(float(target), most=2) if given else None
    d = value_decimals(float(actual), most=2)
    return max(d, value_decimals(float(target), most=2)) if given else d


def _draw_vintages(
    ax: Axes, v: pd.DataFrame, lang: str, actual=None, year=None, status: str = "",
    kind: str = "",
) -> None:  # fmt: skip
    is_date = pd.api.types.is_datetime64_any_dtype(v["as_of"])
    numeric = pd.to_numeric(v["as_of"], errors="coerce")
    if not is_date and numeric.notna().all():
        x = numeric.to_numpy(dtype=float)
        ticklabels = [str(int(a)) if float(a).is_integer() else str(a) for a in x]
    else:  # dates or labels: one slot per vintage, in order
        x = np.arange(len(v), dtype=float)
        ticklabels = [str(a)[:10] for a in v["as_of"]]
    color = style.SERIES_COLORS["forecast"]
    ax.vlines(x, v["lo_95"], v["hi_95"], color=color, linewidth=1.0, alpha=0.7, zorder=2,
              gid="vintage-pi95")  # fmt: skip
    ax.vlines(x, v["lo_80"], v["hi_80"], color=color, linewidth=4.5, alpha=0.55, zorder=2,
              gid="vintage-pi80")  # fmt: skip
    (mean,) = ax.plot(x, v["mean"], color=color, marker="o", markerfacecolor="white",
                      markersize=6, linewidth=1.0, zorder=3, gid="vintage-mean")  # fmt: skip
    handles = [mean, Line2D([], [], color=color, linewidth=4.5, alpha=0.55),
               Line2D([], [], color=color, linewidth=1.0, alpha=0.7)]  # fmt: skip
    texts = [label("legend.mean_vintage", lang), label("legend.pi80", lang),
             label("legend.pi95", lang)]  # fmt: skip
    target = v["target"].dropna() if "target" in v.columns else pd.Series(dtype=float)
    ends = []  # (value, text, colour, gid) of the lines labelled at the right edge
    decimals = end_decimals(None if target.empty else float(target.iloc[-1]),
                            None if actual is None else float(actual), kind)  # fmt: skip
    if not target.empty:
        value = float(target.iloc[-1])
        # dashed over the actual's solid line: a figure at the target had hidden it
        line = ax.axhline(value, color=style.SERIES_COLORS["target"], linestyle="--",
                          linewidth=1.3, zorder=1.5, gid="target-line")  # fmt: skip
        text = _fmt(value) if decimals is None else _fixed_label(value, decimals)
        ends.append((value, text, style.SERIES_COLORS["target"], "target-value"))
        handles.append(line)
        texts.append(label("legend.target", lang))
    if actual is not None and np.isfinite(actual):
        line = ax.axhline(float(actual), color=style.SERIES_COLORS["observed"], linewidth=1.6,
                          zorder=1, gid="actual-line")  # fmt: skip
        # the figure as published, with as many decimals as the target beside it
        ends.append((float(actual), _fixed_label(actual, decimals),
                     style.SERIES_COLORS["observed"], "actual-value"))  # fmt: skip
        handles.append(line)
        text = label("legend.actual_of", lang, year=year)
        if status in config.PROVISIONAL_STATUSES:  # it may still change: not the outcome yet
            word = labels.obs_status_label(status, lang)
            text = label("legend.actual_flagged", lang, actual=text,
                         status=word.lower() if lang == "en" else word)  # fmt: skip
        texts.append(text)
    ax.set_xlabel(label("axis.vintage", lang))
    ax.set_xticks(x, ticklabels)
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.yaxis.set_major_formatter(_ThousandsFormatter())
    _label_line_ends(ax, ends)
    if len(v) == 1:  # the title promises a change across vintages: say there is one so far
        when = ticklabels[0]  # "2022年" / "2022", or a date as it is ("2023-03-01")
        when = f"{when}年" if lang == "zh" and when.isdigit() else when
        # on a white box: gridlines ran through the note
        # once the year's actual is in no vintage will follow: "each new year adds one" was
        # untrue at the final evaluation
        key = "note.one_vintage" if actual is None else "note.one_vintage_settled"
        ax.text(0.02, 0.97, label(key, lang, when=when),
                transform=ax.transAxes, va="top", fontsize=8, color="#555555",
                bbox=_LABEL_BOX, zorder=5, gid="one-vintage")  # fmt: skip
    _legend_below(ax, handles, texts)


def _label_line_ends(ax: Axes, ends: list[tuple[float, str, str, str]]) -> None:
    """Write each horizontal line's value at the right edge of the axes, in its colour.

    Two values closer than a label's height (an actual a little above its target) are set
    apart, the higher one above its line and the lower one below, instead of one over the
    other.
    """
    if not ends:
        return
    lo, hi = ax.get_ylim()  # the scale every artist set
    close = len(ends) == 2 and abs(ends[0][0] - ends[1][0]) < 0.05 * abs(hi - lo)
    order = sorted(range(len(ends)), key=lambda i: ends[i][0])
    for rank, i in enumerate(order):
        value, text, colour, gid = ends[i]
        va, dy = ("center", 0)
        if close:
            va, dy = ("top", -1) if rank == 0 else ("bottom", 1)
        ax.annotate(text, (1.0, value), xycoords=("axes fraction", "data"), xytext=(3, dy),
                    textcoords="offset points", va=va, fontsize=8, color=colour,
                    gid=gid)  # fmt: skip


# --------------------------------------------------------------------------- coverage
def _check_coverage(coverage: pd.DataFrame) -> None:
    """A ``coverage_matrix`` frame or a clear error: known statuses, whole years, one cell
    per indicator and year (matplotlib used to fail deep inside on each)."""
    from .coverage import HELD_ORDER, NONE, PLAN_BASELINE, ZERO_BASELINE

    known = [*HELD_ORDER, PLAN_BASELINE, ZERO_BASELINE, NONE]
    unknown = sorted(set(coverage["status"].astype(str)) - set(known))
    if unknown:
        raise ValueError(f"coverage holds unknown status(es) {unknown}; expected {known}")
    if not_whole_years(coverage["year"]).any():
        raise ValueError("coverage years must be whole years such as 2021")
    twice = coverage.duplicated(["indicator_id", "year"])
    if twice.any():
        first = coverage[twice].iloc[0]
        raise ValueError(f"coverage holds two cells for {first['indicator_id']} in "
                         f"{first['year']}; expected one per indicator and year")  # fmt: skip


def coverage_chart(
    coverage: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
    ax: Axes | None = None,
    files: Sequence[str] = (),
    targets: pd.DataFrame | None = None,
) -> Figure:
    """Which figures we hold: indicators × years, each cell the status of the figure held.

    Cell colour and hatch follow ``style.COVERAGE_STYLE`` (series-grade figures solid green,
    the plan's baseline blue, bounds / part-year / other-definition figures hatched, nothing
    held white with a dash); every cell with a figure also prints its value, so the chart
    reads without colour.

    Parameters
    ----------
    coverage : DataFrame
        ``coverage.coverage_matrix`` output (``indicator_id, year, status, value``).
    indicators : DataFrame, optional
        Registry, for names and row order (default: ids in the order of ``coverage``).
    lang : {"zh", "en"}
    ax : Axes, optional
        When None a figure sized to the grid is created.
    files : sequence of str, optional
        The input files the figures came from, named in the source line (default: the
        shipped ``data/raw/observations.csv``); see ``coverage.input_files``.
    targets : DataFrame, optional
        Targets contract: a figure prints at least its target's decimals, as the tables do
        ("3.0" against 3.7; :func:`views.decimals_by_indicator`).

    Returns
    -------
    Figure
    """
    _require_columns(coverage, ("indicator_id", "year", "status", "value"), "coverage")
    _check_coverage(coverage)
    with style.house_style(lang) as lang:
        ids = list(dict.fromkeys(coverage["indicator_id"]))
        years = sorted({int(y) for y in coverage["year"]})
        fig, ax, own = _new_axes(ax, (_FIGSIZE_A4[0], 1.5 + 0.3 * max(len(ids), 1)))
        ax.set_title(label("title.coverage", lang), loc="left")
        if coverage.empty:
            _no_data(ax, lang)
            return fig

        from .views import decimals_by_indicator

        decimals = decimals_by_indicator(targets, indicators)
        grid = pd.MultiIndex.from_product([ids, years], names=["indicator_id", "year"])
        cells = coverage.set_index(["indicator_id", "year"]).reindex(grid)  # absent: none held
        present: list[str] = []
        for n, ((iid, _), cell) in enumerate(cells.iterrows()):
            i, j = divmod(n, len(years))
            status = str(cell["status"]) if pd.notna(cell["status"]) else "none"
            fill, hatch, ink = style.COVERAGE_STYLE.get(status, style.COVERAGE_STYLE["none"])
            if status not in present:
                present.append(status)
            # hatched in the cell's ink: a light grey hatch on the baseline's blue came out
            # grey 187 on 191 in greyscale print (the print review)
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=fill, hatch=hatch,
                                       edgecolor="#BBBBBB", hatchcolor=ink, linewidth=0.6,
                                       gid=f"cell-{status}"))  # fmt: skip
            # the tables' precision (60, 130, 35.6, 1.45, 54.03): not "60.0" beside "130"
            text = "—" if pd.isna(cell["value"]) else fmt_number(
                cell["value"], lang, given=True, at_least=decimals.get(iid, 0))  # fmt: skip
            ax.text(j, i, text, ha="center", va="center", fontsize=7.5, color=ink,
                    bbox=None if not hatch else {"boxstyle": "round,pad=0.3",
                                                 "facecolor": fill, "edgecolor": "none"})  # fmt: skip
        names = []
        for iid in ids:  # each row names its unit: the cells are bare numbers (54.03, 35.6)
            row = _indicator_row(indicators, iid)
            name, unit = _text(row, "name", lang, default=iid), _text(row, "unit", lang)
            if unit and not _names_unit(name, unit, lang):  # not "… per 10,000 people
                name += f"（{unit}）" if lang == "zh" else f" ({unit})"  # (per 10,000 people)"
            names.append(_wrap(name, lang, width_en=44, width_zh=24))
        ax.set_xlim(-0.5, len(years) - 0.5)
        ax.set_ylim(len(ids) - 0.5, -0.5)
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        ax.set_yticks(range(len(ids)), names)
        ax.tick_params(axis="both", length=0, labelsize=8)
        ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        order = [s for s in style.COVERAGE_STYLE if s in present]
        # one legend entry per look (final and revised share one), named by every status in it
        looks: dict[tuple[str, str, str], list[str]] = {}
        for s in order:
            looks.setdefault(style.COVERAGE_STYLE[s], []).append(_coverage_word(s, lang))
        handles = [Patch(facecolor=f, hatch=h, edgecolor="#BBBBBB", hatchcolor=ink)
                   for f, h, ink in looks]  # fmt: skip
        texts = [label("fmt.dept_sep", lang).join(words) for words in looks.values()]
        # the legend just under the grid (a fixed offset in points, however tall the grid)
        under = offset_copy(ax.transAxes, fig=fig, y=-4, units="points")
        ax.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, 0),
                  bbox_transform=under, ncol=balanced_columns(len(handles)))  # fmt: skip
        if own:
            style.add_source_line(fig, label("source.coverage", lang,
                                             files=coverage_sources(files, lang)), lang)  # fmt: skip
    return fig


def coverage_sources(files: Sequence[str] | None, lang: str, *, most: int = 3) -> str:
    """Where the coverage chart's figures come from, as its source line says it: the shipped
    table in words, then the returned files, counted apart from it (:func:`source_files`,
    ``coverage.files_text``): "本项目汇集的公开数据及市市场监督管理局、市科技局等3个部门报送的
    数据". Counted with the files, the shipped table read as one of "4个文件" of a run given
    three (the planner's review). ``most`` names in all, the table's words included."""
    from .coverage import files_text
    from .observations import shown_path

    shipped = shown_path(config.OBSERVATIONS_FILE)
    others = [f for f in files or () if f != shipped]
    if not others:  # the shipped table alone (or no files named)
        return label("source.shipped", lang)
    if shipped not in files:
        return files_text(source_files(others, lang, most=most), lang, most=most)
    returned = source_files(others, lang, most=most - 1)
    return label("source.shipped_and_files", lang, shipped=label("source.shipped", lang),
                 files=files_text(returned, lang, most=most - 1))  # fmt: skip


def source_files(files: Sequence[str] | None, lang: str, *, most: int = 3) -> list[str]:
    """The input ``files`` as a source line names them: the shipped table in words
    ("data/raw/observations.csv" was the one English in a Chinese figure, and told a printed
    report's reader nothing), a department's return by the department, once however many
    files it sent; other files by name.

    In English each return is "Science and Technology Bureau's return", one item each. In
    Chinese the returned files are one phrase (:func:`_returns_zh`): the Chinese line printed
    "市市场监督管理局_2023-2024.xlsx、市科技局_2023-2025.csv" where the English named the
    departments (the report writer's review)."""
    from .coverage import sender_of
    from .observations import shown_path

    shipped = shown_path(config.OBSERVATIONS_FILE)
    files = list(files or [shipped])
    if lang == "zh":
        returned = [f for f in files if f != shipped]
        return ([label("source.shipped", lang)] if shipped in files else []) + (
            [_returns_zh(returned, most)] if returned else [])  # fmt: skip
    out = []
    for f in files:
        department = sender_of(f) if f != shipped else None
        if f == shipped:
            out.append(label("source.shipped", lang))
        elif department:
            out.append(label("source.return_file", lang,
                             department=labels.department_label(department, lang)))  # fmt: skip
        else:
            out.append(f)
    return list(dict.fromkeys(out))


def _returns_zh(files: Sequence[str], most: int) -> str:
    """The returned ``files`` in a Chinese source line: the departments named together,
    "市市场监督管理局、市科技局报送的数据" ("…等3个部门" past ``most``), then the files of no
    known sender by name and counted among themselves, "和县里汇总.xlsx等2个文件", with the
    names the departments left of ``most`` (one at least). Counted in one list with the
    departments' phrase, two departments and two files read "…报送的数据、县里汇总.xlsx等3个文件"
    (the review)."""
    from .coverage import files_text, sender_of

    senders = [sender_of(f) for f in files]
    departments = list(dict.fromkeys(labels.department_label(d, "zh") for d in senders if d))
    unknown = list(dict.fromkeys(f for f, d in zip(files, senders, strict=True) if not d))
    named = files_text(departments, "zh", most=most, more="fmt.more_departments")
    returns = label("source.returns_of", "zh", departments=named) if departments else ""
    if not unknown:
        return returns
    left = most - (len(departments) if len(departments) <= most else 2)  # names shown
    others = files_text(unknown, "zh", most=max(1, left))
    if not returns:
        return others
    return label("source.returns_and_files", "zh", returns=returns, files=others)


def _coverage_word(status: str, lang: str) -> str:
    if status in labels.OBS_STATUS_CODES:
        return labels.obs_status_label(status, lang)
    return label(f"coverage.{status}", lang)
