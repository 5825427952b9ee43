"""The monitoring brief (监测简报) as a Word document, in Chinese and in English.

Report writers in the city administration write in Word or WPS and print; this module gives
them the monitoring report as a document in the house style of a government brief: title,
"数据截至" line and a "编制单位" line to fill in; a generated narrative per plan section; the
status table of every target; the key charts at print width with numbered captions and
sources; a methods and data-sources annex. Its last section, technical notes for the
statisticians (the command that regenerates the brief, the project files, the fonts), is
the only place software or file names appear, and may be removed before issue. Every
sentence is built from the gap assessment (no judgement is added) and every word comes from
the label table.

Layout: A4, the margins of the national standard for official documents (GB/T 9704: 37 mm
top, 35 mm bottom, 28 mm left, 26 mm right), body text in 宋体 and headings in 黑体 set
explicitly for East Asian text (``w:eastAsia``), Latin text in Times New Roman, page numbers
in the footer (a ``PAGE`` field). The nine-column status table has landscape pages of its own
(the margins turned with the sheet) and columns as wide as their text needs
(:func:`column_widths`). The font table names SimSun/SimHei as alternatives and the
technical notes state the fallbacks. Two runs on the same inputs give the same bytes: fixed
core properties (dated the last day of the data year) and a zip with fixed entry dates
(``export.deterministic_zip``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import os
import re
import shlex
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, RGBColor, Twips
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import config, labels
from .labels import (
    STATUS_CODES,
    label,
    obs_status_label,
    status_label,
    true_minus,
    year_runs,
    year_span,
)
from .views import (
    _missing,  # one rule for a missing cell: NaN of any float type, NA, NaT
    _unsigned_zero,  # one rule for a change that rounds to zero: "0", not "-0" or "+0"
    abbreviations_note,
    apart_decimals,
    earlier_word,
    fixed,
    grading_words,
    known_by_method,
    latest_word,
    needed_words,
    needs_change,
    provisional_outcome,
    rate_year_condition,
    rebased_baseline_words,
    settled,
    target_decimals,  # one rule with the tables: "3.0" beside a target of 3.7
    tolerance_words,
    value_decimals,
    year_unit,  # one year's figure of a yearly flow: "10项", not "10项/年"
)

#: File names of the brief, per language (``{as_of}`` is the latest year of data used).
BRIEF_NAMES = {"zh": "监测简报_{as_of}.docx", "en": "monitoring-brief_{as_of}.docx"}
#: ... and of the final evaluation's brief, data up to the plan's last year: a brief titled
#: 终期评估简报 was saved and circulated as 监测简报_2025.docx (the planner's re-read).
FINAL_BRIEF_NAMES = {"zh": "终期评估简报_{as_of}.docx", "en": "final-evaluation-brief_{as_of}.docx"}
#: Page: A4 with the margins of GB/T 9704 (official documents of Chinese administrations).
#: Word stores page sizes in twips; 11906 × 16838 is A4 exactly as Word itself writes it.
PAGE_WIDTH, PAGE_HEIGHT = Twips(11906), Twips(16838)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
#: The status table has nine columns: it gets a landscape A4 section whose margins turn with
#: the sheet (the portrait top and bottom margins become its left and right).
LANDSCAPE_MARGINS = {"top": MARGINS["left"], "bottom": MARGINS["right"],
                     "left": MARGINS["top"], "right": MARGINS["bottom"]}  # fmt: skip
TABLE_WIDTH = PAGE_HEIGHT - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]
#: Left plus right inner margin of a table cell (Word's default, 0.08 inch each side).
CELL_PADDING = Pt(11.5)
TEXT_HEIGHT = Emu(PAGE_HEIGHT - MARGINS["top"] - MARGINS["bottom"])
#: Tallest a chart may be on the page (a caption and a source line go under it); a chart
#: whose caption and source are longer gets less (:func:`picture_room`).
MAX_FIGURE_HEIGHT = Mm(185)
#: Height of a line of text in ems before the paragraph's line spacing: the CJK faces
#: LibreOffice prints 宋体/黑体 with (Noto Sans CJK, 1.45) and Times New Roman (1.15). The
#: Chinese captions took 5.5 mm a line where the English took 4.3: two charts that shared
#: a page in English each had half a page of their own in Chinese (the report writer's
#: review).
LINE_EMS = {"cjk": 1.45, "latin": 1.15}
#: Width of a Latin character in ems, on average and rounded up (Times New Roman).
LATIN_EMS = 0.5
#: Space after a picture's paragraph (Normal's 6 pt; its line spacing is single).
PICTURE_AFTER = Pt(6)
#: Fonts: East Asian body and heading faces, the Latin face, and what the font table offers
#: as alternatives (Word and WPS read ``w:altName``; the technical notes name the fallbacks).
BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
FONT_TABLE = {
    "宋体": ("SimSun", "02010600030101010101", "modern"),
    "黑体": ("SimHei", "02010609060101010101", "modern"),
}
#: Point sizes (Chinese 字号): title 二号, headings 三号/四号, body 小四, tables 五号/小五.
SIZES = {"title": 22, "h1": 16, "h2": 14, "body": 12, "caption": 10.5, "table": 9}
#: The line to fill in after "编制单位：" / "Prepared by:": full-width underscores beside
#: Chinese, ASCII ones in English (a full-width one pulled a CJK font into the English line).
BLANK = {"zh": "＿" * 12, "en": "_" * 24}
#: The status table's number (表1 / Table 1): the dashboard's caption refers to it.
STATUS_TABLE = 1
#: Between two sentences of one paragraph (Chinese full stops take no space).
_SENTENCE_SEP = {"zh": "", "en": " "}
CORE_AUTHOR = "langfang-metrics"


@dataclass(frozen=True)
class Chart:
    """One chart of the brief: the PNG to insert, its caption title and source line;
    ``continued`` when it continues the chart before it (a dashboard too long for one page),
    whose figure number it keeps."""

    stem: str
    png: Path
    title: str
    source: str
    continued: bool = False


# --------------------------------------------------------------------------- numbers


def _decimals(indicator: pd.Series | dict | None) -> int:
    from .export import number_format_for

    fmt = number_format_for(indicator)
    return len(fmt.split(".")[1]) if "." in fmt else 0


def _number(value: float, decimals: int) -> str:
    return fixed(value, decimals)


def _with_unit(value: float, unit: str, decimals: int, lang: str) -> str:
    """A figure with its unit: "1,258家" / "1,258 firms", "40.0%" in both languages.

    English myriad units as running text says them, at the same precision: "54.03亿元" /
    "5.403 billion yuan" (``views.inline_unit``).
    """
    from .views import inline_unit, with_unit

    value, unit, extra = inline_unit(value, unit, lang)
    return with_unit(_number(value, decimals + extra), unit, lang)


def _growth(
    value: float, growth_unit: str, unit: str, decimals: int, lang: str, more: int = 0,
    words: bool = False,
) -> str:  # fmt: skip
    """A yearly change in the gap table's growth unit: "+17.9%", "+0.44 pp", "+80 firms"
    (``more`` decimals than usual: :func:`_growths`; ``words``: "增长17.9%" in Chinese);
    :func:`views.fmt_growth`."""
    from .views import fmt_growth

    return fmt_growth(value, growth_unit, unit, lang, decimals=decimals, more=more, words=words)


def _growths(actual: float, required: float, growth_unit: str, unit: str, decimals: int,
             lang: str, words: bool = False) -> tuple[str, str]:  # fmt: skip
    """The actual and the required yearly change, with the decimals that tell them apart:
    9.96 % a year against 10 % read "+10.0% a year against the +10.0% the target needs;
    assessed as 'Missed'"."""
    scale, base = {"%/yr": (100, 1), "pp/yr": (1, 2)}.get(growth_unit, (1, decimals))
    more = apart_decimals([actual * scale], required * scale, base) - base
    return (_growth(actual, growth_unit, unit, decimals, lang, more, words),
            _growth(required, growth_unit, unit, decimals, lang, more, words))  # fmt: skip


def _ok(*values: object) -> bool:
    return all(isinstance(v, int | float | np.number) and math.isfinite(v) for v in values)


# --------------------------------------------------------------------------- narrative


def rerun_command(
    observations: pd.DataFrame, as_of: int | None, prefer=(), inputs=(), *, known_by=None
) -> str:
    """The command that regenerates a report from the same input files.

    ``as_of`` is the run's own ``--as-of`` (None: the run had none, and neither has the
    command: ``--as-of`` set to the data's year cuts the later figures of other regions and
    the years still owed, and the pasted command gave another brief).

    The files are the run's inputs (``inputs``, ``Results.inputs``: a file of years after
    ``as_of`` is still one, and ``--prefer`` may name it), else those behind
    ``observations``; named as the loader recorded them when inside the project, else from
    the folder they all lie in (by their file names alone when that is one folder: a user's
    folder is no part of a publication, and the command runs there); the shipped
    ``data/raw/observations.csv`` is implied unless it was left out; the files that won
    conflicts (``prefer``) are repeated with ``--prefer``; ``known_by`` (the run's own
    ``--known-by`` day) is repeated with ``--known-by``: without it the command gave the
    figures known now.
    """
    from .coverage import published_names
    from .observations import shown_path

    shipped = shown_path(config.OBSERVATIONS_FILE)  # as the loader names it
    files = sorted({str(f) for f in inputs if f})  # the run's inputs, as-of cut or not
    if not files and "origin_file" in observations.columns:
        files = sorted({str(f) for f in observations["origin_file"] if f})
    parts = ["langfang-metrics run"]
    names = published_names([*files, *map(str, prefer)])
    # files outside the project are named from the folder they all lie in, so the command
    # runs there: "ret/a.xlsx", "ret3/a.xlsx" and "b.csv" for /x/ret, /x/ret3 and /x (a bare
    # "b.xlsx" beside "ret3/a.xlsx" lay in neither folder)
    outside = [f for f in names if Path(f).is_absolute()]
    base = os.path.commonpath([str(Path(f).parent) for f in outside]) if outside else ""
    if base and Path(base).parent != Path(base):  # not the root: no tree of folders named
        names.update({f: Path(os.path.relpath(f, base)).as_posix() for f in outside})
    named = names.__getitem__
    others = [f for f in files if f != shipped]
    if others:
        parts.append("--observations " + " ".join(shlex.quote(named(f)) for f in others))
        if shipped not in files:
            parts.append("--no-shipped")
    parts += [f"--prefer {shlex.quote(named(str(p)))}" for p in prefer]
    if as_of is not None:
        parts.append(f"--as-of {int(as_of)}")
    if known_by:
        parts.append(f"--known-by {shlex.quote(str(known_by))}")
    return " ".join(parts)


def rerun_place(observations: pd.DataFrame, inputs=()) -> str:
    """Where :func:`rerun_command` runs: ``"inputs"``, the folder that holds the input files
    (some lie outside the project, named from there), or ``"project"``."""
    from .observations import shown_path

    files = {str(f) for f in inputs if f}
    if not files and "origin_file" in observations.columns:
        files = {str(f) for f in observations["origin_file"] if f}
    shipped = shown_path(config.OBSERVATIONS_FILE)
    return "inputs" if any(Path(f).is_absolute() for f in files - {shipped}) else "project"


def _indicator_info(gaps: pd.DataFrame, indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Gap rows with the name, unit and section in ``lang`` and the value decimals."""
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    out = gaps.copy()
    for field in ("name", "unit", "section"):
        col = f"{field}_{lang}"
        source = ind[col] if col in ind.columns else None
        out[field] = out["indicator_id"].map(source) if source is not None else np.nan
        if col in gaps.columns:
            out[field] = out[field].fillna(gaps[col])
        out[field] = out[field].fillna(out["indicator_id"]) if field == "name" else out[field]
    out["unit"] = out["unit"].fillna("")
    out["section"] = out["section"].fillna("")
    own = [
        ind.loc[i] if i in ind.index else row  # the registry's kind and unit, else the
        for i, (_, row) in zip(out["indicator_id"], gaps.iterrows(), strict=True)
    ]  # row's
    out["decimals"] = [_decimals(r) for r in own]
    from .export import counts_whole_things

    out["whole"] = [counts_whole_things(r) for r in own]
    from .views import projection_decimals

    # the decimals of the projection and its range as the brief's table and the page print
    # them (the same gap rows: the overview keeps the milestone years, a gap row's only years)
    out["projection_decimals"] = projection_decimals(out, lang)
    # registry order, then milestone year: the order of the plan
    order = {iid: k for k, iid in enumerate(indicators["indicator_id"])}
    out["_order"] = out["indicator_id"].map(order).fillna(len(order))
    return out.sort_values(["_order", "milestone_year"], kind="stable").drop(columns="_order")


def _target_text(row: pd.Series, lang: str) -> tuple[str, int]:
    """The target as a sentence says it (inside its parenthesis: "（2025年目标…）"), and the
    decimals its computed figures take."""
    from .views import fmt_growth_target, rebased_words

    d, unit, goal = int(row["decimals"]), str(row["unit"]), row["target"]
    if row.get("kind") == "growth_rate" and _ok(goal):  # an average growth rate in percent
        return fmt_growth_target(goal, lang) + rebased_words(row, lang, nested=True), d
    dg = target_decimals(row)  # every figure of the sentence as precise as the target:
    text = _given(goal, unit, lang, dg)  # 1.44 % against 1.45 %
    if row.get("comparison") in ("<=", "<"):  # a ceiling read as a floor ("目标9%")
        text = label("fmt.at_most", lang, value=text)
    return text + rebased_words(row, lang, nested=True), max(d, dg)


def _given(value: float, unit: str, lang: str, at_least: int = 0) -> str:
    """A published figure (baseline, latest, target) with its own decimals, and at least
    the target's, so a sentence compares like with like: "从1.20%到1.44%（目标1.45%）",
    "3.0 against 3.7" - not "3.00" and "3.70" from the indicator's two decimals."""
    return _with_unit(value, unit, max(value_decimals(value, most=3), at_least), lang)


def _sentence(row: pd.Series, lang: str) -> str:
    """One assessed target in words, from its gap-table row only."""
    # every figure but the target is one year's: "2025年为10项", "差1项" (views.year_unit)
    unit = year_unit(str(row["unit"]))
    target, d = _target_text(row, lang)
    status = status_label(row["status"], lang)
    common = {
        "name": row["name"],
        "milestone": label("brief.milestone", lang, year=int(row["milestone_year"])),
        "target": target,
        "status": status,
    }
    dg = target_decimals(row)
    latest = _given(row["latest_value"], unit, lang, dg) if _ok(row["latest_value"]) else "—"
    words = [latest_word(row.get("latest_status"), lang),  # may still change, revised, a bound
             label("fmt.to_verify", lang) if row.get("to_verify") is True else None,
             earlier_word(row.get("earlier_to_verify"), lang)]  # one the pace rests on  # fmt: skip
    words = [w for w in words if w]
    if words and latest != "—":  # the reader sees it beside the figure, not only in section 4
        latest = label("brief.flagged", lang, value=latest,
                       status=label("fmt.list_sep", lang).join(words))  # fmt: skip
    latest_year = int(row["latest_year"]) if _ok(row["latest_year"]) else "—"
    g = str(row.get("growth_unit") or "")
    # an outcome on a preliminary figure or an estimate: "preliminary", "estimate" or None;
    # on a bound ("lower-bound"), said by the bound's own sentence (:func:`_other_definition`)
    interim = row.get("latest_status") if provisional_outcome(row) else None
    on_bound = interim in config.BOUND_STATUSES
    paced = False  # the sentence gives the average growth since the baseline
    if row["status"] == "achieved":
        text = label("brief.s_achieved", lang, latest=latest, latest_year=latest_year,
                     surplus=_surplus(row, unit, d, lang), **common)  # fmt: skip
    elif row.get("kind") != "flow" and _ok(
        row["baseline_value"], row["baseline_year"], row["actual_cagr"], row["required_cagr"]
    ):  # a yearly flow is judged on its latest year alone: no growth since a baseline
        actual, required = _growths(
            row["actual_cagr"], row["required_cagr"], g, unit, d, lang, words=True
        )  # "年均增长9.5%"
        baseline = _given(row["baseline_value"], unit, lang, dg)
        if row.get("baseline_to_verify") is True:  # every pace below is built on it
            baseline = label("brief.flagged", lang, value=baseline,
                             status=label("fmt.to_verify", lang))  # fmt: skip
        elif row.get("baseline_source") == "derived":  # implied by the next year's growth
            baseline = label("brief.flagged", lang, value=baseline, status=label(
                "fmt.path_derived", lang, year=int(row["baseline_year"]) + 1))  # fmt: skip
        elif rebased := rebased_baseline_words(row, lang):  # the plan printed another figure
            baseline = label("brief.flagged", lang, value=baseline, status=rebased)
        # a path through an earlier milestone asks its own pace up to the latest figure
        to = row.get("required_to")
        key = (
            "brief.s_trend_path"
            if _ok(to) and int(to) < int(row["milestone_year"])
            else "brief.s_trend"
        )
        # on track below the pace needed: within the grade's tolerance, said here, not only
        # in the methods (a planner read 2.5 % against 2.6 % "on track" as a contradiction)
        tolerance = tolerance_words(row, lang)
        tolerance = label("fmt.paren", lang, text=tolerance) if tolerance else ""
        text = label(
            key, lang, baseline=baseline,
            baseline_year=int(row["baseline_year"]), latest=latest, latest_year=latest_year,
            actual=actual, required=required, tolerance=tolerance, **common,
        )  # fmt: skip
        paced = True
    else:
        text = label("brief.s_latest", lang, latest=latest, latest_year=latest_year, **common)
    lagging = row["status"] in (
        "needs_acceleration",
        "insufficient_progress",
        "moving_away",
        "missed",
    )
    if paced and not lagging and needs_change(row) and needed_words(row, lang):
        # on track: what the key points say is still needed, before the forecast's pace is
        # set against it (the planner's review read the pace since the baseline as a
        # second, higher "needed"; a lagging row says it after, with its fastest pace)
        text += _SENTENCE_SEP[lang] + label(
            "brief.s_needed_on_track" + _over(row), lang, year=int(row["milestone_year"]),
            needed=_growth(row["required_cagr_from_latest"], g, unit, d, lang, words=True),
        )  # fmt: skip
    if row["status"] != "achieved":
        text += _outlook(row, lang)
    elif row.get("ex_post") == "no_figure":  # reached before a milestone year now past
        text += label("brief.achieved_no_figure", lang, year=int(row["milestone_year"]))
    if row["status"] == "missed" and _ok(row.get("ex_post_gap")):  # by how much, in its terms
        gap, year = abs(float(row["ex_post_gap"])), int(row["milestone_year"])
        if row.get("kind") == "growth_rate":
            # a gap of average growth, not of the level ("实际值比目标差1.3个百分点" read as a
            # level 1.3 short of a 10 % target)
            actual = row.get("actual_cagr")
            # decimals that show the shortfall: 9.96 % against 10 % is no "0.0 pp below"
            dp = apart_decimals([gap], 0.0, 1)
            dp = (
                max(dp, apart_decimals([actual * 100], float(row["target"]), 1))
                if _ok(actual)
                else dp
            )
            actual = label("brief.growth_pct", lang, value=_unsigned_zero(
                fixed(actual * 100, dp))) if _ok(actual) else "—"  # fmt: skip
            # the rate itself was just said ("+8.9% a year against +10.0%"): the gap alone
            text += _SENTENCE_SEP[lang] + label(
                "brief.s_shortfall_rate_gap" if paced else "brief.s_shortfall_rate", lang,
                year=year, actual=actual, gap=label("brief.growth_pp", lang, value=fixed(gap, dp)),
            )  # fmt: skip
        else:
            if row.get("kind") == "share" or unit.startswith("%"):
                shown = label("brief.growth_pp", lang, value=_number(gap, d))
            else:
                shown = _with_unit(gap, unit, d, lang)
            over = row.get("comparison") in ("<=", "<")  # a ceiling is missed from above
            text += _SENTENCE_SEP[lang] + label(
                "brief.s_over_ceiling" if over else "brief.s_shortfall", lang, gap=shown,
                year=year, figure=label(f"brief.figure.{interim or 'final'}", lang))  # fmt: skip
    if interim and not on_bound:  # met or missed on a figure a final one may still turn
        text += _SENTENCE_SEP[lang] + label(f"brief.s_provisional.{interim}", lang)
    if condition := rate_year_condition(row, lang):  # the years a growth grade leaves out and
        # what would turn it: the prose gave a definite miss counted from 2021 while the key
        # points named the condition (the planner's re-read)
        text += _SENTENCE_SEP[lang] + label(
            "brief.s_rate_year_left", lang, base=config.PLAN_BASE_YEAR,
            years=year_span(config.PLAN_BASE_YEAR + 1, int(row["baseline_year"]), lang),
            condition=condition)  # fmt: skip
    text += _outrunning(row, g, unit, d, lang)
    if lagging and _ok(row.get("required_cagr_from_latest"), row.get("best_growth")):
        text += _SENTENCE_SEP[lang] + label(
            "brief.s_needed" + _over(row), lang, year=int(row["milestone_year"]),
            needed=_growth(row["required_cagr_from_latest"], g, unit, d, lang, words=True),
            best=_growth(row["best_growth"], g, unit, d, lang, words=True),
        )  # fmt: skip
    return text


def _over(row) -> str:
    """``"_over"`` for a milestone year over without its figure (``ex_post == "no_figure"``),
    whose needed pace is what reaching the target took ("2023年达标需年均增长3.3%", as the
    table says it), not one "from the latest figure" still to come; "" otherwise."""
    return "_over" if row.get("ex_post") == "no_figure" else ""


def _outrunning(row: pd.Series, g: str, unit: str, d: int, lang: str) -> str:
    """The sentence of :func:`gaps.forecast_caveat` for a row ("" when there is none)."""
    from .gaps import forecast_caveat
    from .views import caveat_fields

    caveat = forecast_caveat(row)
    if caveat is None:
        return ""
    fields = caveat_fields({**row, "growth_unit": g, "unit": unit}, *caveat, lang, decimals=d)
    return _SENTENCE_SEP[lang] + label(f"brief.s_{caveat[0]}", lang, **fields) if fields else ""


def _counts(rows: pd.DataFrame, lang: str) -> str:
    """The rows' targets by status, "已实现11项（其中4项依据初步数或预计数…）": an outcome
    resting on a preliminary figure or an estimate is counted, and said to be provisional;
    one achieved before its milestone year is said to be still held ("其中1项提前达到…"), or,
    its milestone year over, to be confirmed by that year's figure; a growth-rate grade that
    turns on an unreported earlier year's growth is named ("全社会研发经费投入另取决于未计入的
    2021年增速")."""
    from .views import achieved_early, early_owed, open_years_by_status, provisional_outcome

    counts = rows["status"].value_counts()
    records = rows.to_dict("records")
    interim = [provisional_outcome(r) for r in records]
    provisional = rows["status"][interim].value_counts()
    on_bound = set(rows["status"][[p and r.get("latest_status") in config.BOUND_STATUSES
                                   for p, r in zip(interim, records, strict=True)]])  # fmt: skip
    early = rows["status"][[achieved_early(r) and not early_owed(r)
                            for r in records]].value_counts()  # fmt: skip
    owed = rows[[early_owed(r) for r in records]]  # early, and the milestone year is over
    # a growth-rate grade that turns on an unreported earlier year's growth
    open_years = open_years_by_status(rows, lang, by_year=False)  # a section's years too
    parts = []
    for code in STATUS_CODES:
        if code not in counts.index:
            continue
        n, k = int(counts[code]), int(provisional.get(code, 0))
        key = ("brief.count" if not k
               else "brief.count_provisional_bound" if code in on_bound
               else "brief.count_provisional")  # fmt: skip
        if k and k == n:  # all of them: "未达标1项（依据初步数…）", not "（其中1项依据…）"
            key += "_all" if n > 1 else "_one"
        said = label(key, lang, status=status_label(code, lang), n=n, k=k)
        if early.get(code, 0):  # achieved on an earlier year's figure: still to be held
            said += label("brief.count_early", lang, k=int(early[code]))
        for year, k in (
            owed[owed["status"] == code]["milestone_year"].value_counts().sort_index().items()
        ):
            # the only one counted: "该项…", not "1项…" of 1 (the diff review)
            one = "_one" if int(k) == n == 1 else ""
            said += label("brief.count_early_owed" + one, lang, k=int(k), year=int(year))
        if code in open_years:  # named: "其中1项…" beside "其中3项…" was read as a fourth
            k, names, years = open_years[code]
            said += label("brief.count_open" + ("_one" if k == n == 1 else ""), lang,
                          names=names, years=years)  # fmt: skip
        # one parenthesis: "（其中3项依据初步数…；1项在目标年份前达到…）", not two in a row
        parts.append(said.replace("）（", "；") if lang == "zh" else said)
    return label("brief.count_sep", lang).join(parts)


def _surplus(row: pd.Series, unit: str, decimals: int, lang: str) -> str:
    """By how much an achieved target is exceeded ("（超出60家）"), in its terms; "" when it is
    met exactly, for a growth rate (a rate, not a level) or without the figures."""
    latest, goal = row.get("latest_value"), row.get("target")
    if row.get("kind") == "growth_rate":  # the rate achieved, over which years: without it a
        # reader could not tell which base (45 in 2020, or 54 in 2021) the verdict rests on
        cagr, start, end = (row.get(k) for k in ("actual_cagr", "baseline_year", "latest_year"))
        if not _ok(cagr, start, end):
            return ""
        pair = _growths(cagr, float(goal) / 100, "%/yr", unit, decimals, lang)
        actual, required = (t.removeprefix("+") for t in pair)  # 年均增长10.5%, not +10.5%
        return label("brief.surplus_rate", lang, actual=actual, required=required,
                     start=int(start), end=int(end))  # fmt: skip
    if not _ok(latest, goal):
        return ""
    gap = abs(float(latest) - float(goal))
    if float(fixed(gap, decimals, "")) == 0:  # met exactly, as the sentence shows it
        return ""
    if row.get("kind") == "share" or unit.startswith("%"):
        shown = label("brief.growth_pp", lang, value=_number(gap, decimals))
    else:
        shown = _with_unit(gap, unit, decimals, lang)
    below = str(row.get("comparison", "")) in ("<=", "<")  # a ceiling is met from below
    return label("brief.surplus_below" if below else "brief.surplus", lang, gap=shown)


def _no_own_figure_sentence(row: pd.Series, lang: str) -> str:
    """A past milestone whose own year's figure is missing while the data run to its year or
    later, with the latest figure the table shows ("评估截至2025年，2025年已过" read as a
    contradiction, and the sentence dropped the 2024 figure)."""
    latest = ""
    if _ok(row.get("latest_value"), row.get("latest_year")):
        value = _given(row["latest_value"], year_unit(str(row["unit"])), lang, target_decimals(row))
        latest = label("brief.no_own_figure_latest", lang, year=int(row["latest_year"]),
                       value=value)  # fmt: skip
    text = label(
        "brief.s_no_own_figure", lang, name=row["name"], year=int(row["milestone_year"]),
        as_of=int(row["as_of"]), latest=latest,
        milestone=label("brief.milestone", lang, year=int(row["milestone_year"])),
        target=_target_text(row, lang)[0], status=status_label("insufficient_data", lang),
    )  # fmt: skip
    # the year just ended: its forecast is the word on it until the figure comes, with the
    # reason for a † the table shows beside it
    unit, d = year_unit(str(row["unit"])), target_decimals(row)
    outlook = _outlook(row, lang)
    if outlook:
        outlook += _outrunning(row, str(row.get("growth_unit") or ""), unit, d, lang)
    return text + outlook


def _named_target(row: pd.Series, lang: str) -> str:
    """A target by name with its milestone and goal: "科技领军企业数量（2025年目标10家）"."""
    return label("brief.named_target", lang, name=row["name"],
                 milestone=label("brief.milestone", lang, year=int(row["milestone_year"])),
                 target=_target_text(row, lang)[0])  # fmt: skip


def _outlook(row: pd.Series, lang: str) -> str:
    """ " 预测2025年约为…（80%预测区间…），达标概率约61%。" when the row has a forecast of its
    milestone year; "" otherwise. The projection and its range are the table's
    (:func:`views.projection_levels`): the range rounded outwards, "1,150家至1,622家" where
    the sentence said "1,151家" beside the table's "[1,150–1,622]" (the reviewers)."""
    from .views import fmt_likelihood, projection_levels, with_unit

    shown = (row.get("projected"), row.get("projected_lo_80"), row.get("projected_hi_80"))
    if not _ok(*shown, row.get("p_meet")):
        return ""
    levels = projection_levels(row, int(row["projection_decimals"]), lang)
    projected, lo, hi = (with_unit(v, levels[3], lang) for v in levels[:3])
    return _SENTENCE_SEP[lang] + label(
        "brief.s_outlook", lang, year=int(row["milestone_year"]), projected=projected,
        lo=lo, hi=hi, p=fmt_likelihood(row["p_meet"], lang, in_words=True),  # "约61%", "不足1%"
    )  # fmt: skip


def _no_data_sentence(rows: pd.DataFrame, lang: str) -> str:
    """The targets without figures, one name each (milestone years when several)."""
    names = []
    for _, group in rows.groupby("indicator_id", sort=False):
        name = str(group["name"].iloc[0])
        if group["indicator_id"].iloc[0] in rows.attrs.get("multi", set()):
            years = label("brief.list_sep", lang).join(str(int(y)) for y in group["milestone_year"])
            name += f"（{years}）" if lang == "zh" else f" ({years})"
        names.append(name)
    return label(
        "brief.s_no_data", lang, n=len(rows), status=status_label("insufficient_data", lang),
        names=label("brief.item_sep", lang).join(names),  # names hold 、 themselves
    )  # fmt: skip


def _revisions_sentence(part: pd.DataFrame, revisions: pd.DataFrame | None, lang: str) -> str:
    """The section's figures that a revision or a final figure replaced, one item each, and
    the preliminary figures and estimates of a milestone year a final one confirmed; ""
    when there are none."""
    if revisions is None or revisions.empty:
        return ""
    first = part.drop_duplicates("indicator_id").set_index("indicator_id")
    own = revisions[revisions["indicator_id"].isin(first.index)]
    # a confirmation at the same value is news where an outcome rests on it (a milestone
    # year): "provisional" then no longer holds; in other years it changes nothing said
    same = np.isclose(own["value"].astype(float), own["earlier_value"].astype(float),
                      rtol=1e-9, atol=1e-12)  # fmt: skip
    milestones = set(zip(part["indicator_id"], part["milestone_year"].astype(int), strict=True))
    keys = zip(own["indicator_id"], own["year"].astype(int), strict=True)
    own = own.assign(same=same)[~same | np.array([k in milestones for k in keys], dtype=bool)]
    if own.empty:
        return ""
    by_milestone = {(i, int(y)): r for i, y, r in zip(part["indicator_id"], part["milestone_year"],
                                                      part.to_dict("records"), strict=True)}  # fmt: skip
    items = []
    for r in _revision_chains(own):
        row = first.loc[r.indicator_id]
        unit, d = year_unit(str(row["unit"])), target_decimals(row)  # a year's figures
        kind = ("brief.confirmed_item" if r.same
                else "brief.slip_item" if getattr(r, "slip", False)
                else "brief.rebased_item" if getattr(r, "rebased", False)  # a new definition's
                else "brief.revision_item")  # fmt: skip
        steps = [(r.earlier_value, r.earlier_status, r.earlier_published), *r.steps,
                 (r.value, r.status, r.published)]  # fmt: skip
        dated = bool(r.steps) or r.earlier_status == r.status  # one status twice: its dates
        said = [(_given(v, unit, lang, d), _status_dated(s, p if dated and s == r.status else "",
                                                         lang)) for v, s, p in steps]  # fmt: skip
        item = label(kind, lang, name=row["name"], year=int(r.year), old=said[0][0],
                     old_status=said[0][1], new=said[1][0], new_status=said[1][1])  # fmt: skip
        item += "".join(label("brief.revision_then", lang, new=v, new_status=st)
                        for v, st in said[2:])  # fmt: skip
        flip = None if r.same else _outcome_flip(by_milestone.get((r.indicator_id, int(r.year))),
                                                 r.earlier_value, r.value)  # fmt: skip
        if flip is not None:
            item += label(f"brief.revision_{flip}", lang, year=int(r.year))
        items.append(item)
    return label("brief.s_revisions", lang, items=label("brief.item_sep", lang).join(items))


def _status_dated(status: str, published: object, lang: str) -> str:
    """A status as a revision item says it, with the figure's publication date when given
    ("修订数，2025-03"): two revisions of one figure are told apart by it."""
    said = _in_sentence(obs_status_label(status, lang), lang)
    published = str(published or "").strip()
    return label("brief.status_dated", lang, status=said, date=published) if published else said


def _revision_chains(own: pd.DataFrame) -> list:
    """The rows of ``own`` (:func:`series.superseded`, with ``same``) as revision items: a
    figure's earlier revisions (replaced by a later one of their status, each dated) are
    one item with the figure they revised first ("由1,288家（正式数）改为1,291家（修订数，
    2025-03），再改为1,295家（修订数，2025-11）"), not each a figure replaced by the last
    (which read as two figures counted): ``steps`` holds ``(value, status, published)`` of
    each revision between the first figure and the one used, in publication order."""
    from .series import publication_ends

    own = own.assign(
        earlier_published=own.get("earlier_published", pd.Series("", index=own.index)).fillna(""),
        published=own.get("published", pd.Series("", index=own.index)).fillna(""),
    )
    chain = (own["earlier_status"] == own["status"]) & own["earlier_published"].astype(str).ne("")
    out = []
    for _, g in own.groupby(["indicator_id", "year"], sort=False):
        revs = g[chain.loc[g.index]]
        rest = g[~chain.loc[g.index]]
        if revs.empty:
            out += [r._replace(steps=()) for r in _with_steps(rest)]
            continue
        revs = revs.assign(_end=publication_ends(revs.rename(columns={
            "published": "_p", "earlier_published": "published"})))  # fmt: skip
        revs = revs.sort_values("_end", kind="mergesort")
        steps = [(v, s, p) for v, s, p in zip(revs["earlier_value"], revs["earlier_status"],
                                              revs["earlier_published"], strict=True)]  # fmt: skip
        # the figure the first revision replaced: the highest-ranked one of another status
        # (the series' order, as ``superseded`` lists it); the others keep their own items
        head = rest[~rest["same"]].head(1)
        for r in _with_steps(rest.drop(head.index)):
            out.append(r._replace(steps=()))
        if head.empty:
            first, steps = revs.iloc[0], steps[1:]
        else:
            first = head.iloc[0]
        out.append(next(_with_steps(first.to_frame().T))._replace(steps=tuple(steps)))
    return out


def _with_steps(rows: pd.DataFrame):
    """``rows`` as named tuples with a ``steps`` field."""
    return rows.assign(steps=None).itertuples(index=False)


def _outcome_flip(milestone: dict | None, old: float, new: float) -> str | None:
    """``"now_met"`` or ``"now_missed"`` when a milestone year's figure, replaced, lands on
    the other side of the target (10,120 preliminary "achieved", 9,980 final "missed": the
    page said only that the figure changed); None otherwise, and for a growth-rate target,
    whose 10 is a rate a year that a level is not compared with."""
    from .gaps import meets

    if milestone is None or milestone.get("kind") == "growth_rate":
        return None
    goal, comp = milestone.get("target"), str(milestone.get("comparison") or ">=")
    if not (_ok(goal) and _ok(old) and _ok(new)):
        return None
    before, after = meets(float(old), float(goal), comp), meets(float(new), float(goal), comp)
    if before == after:
        return None
    return "now_met" if after else "now_missed"


def revisions_sentence(results, *, lang: str = "zh") -> str:
    """Every targeted figure of a run that a revision or a final figure replaced, in one
    sentence ("数据更新：高新技术企业数量2022年由1,258家（正式数）改为1,262家（修订数）。"); "" when
    none. The brief says them section by section; the landing page under its table, where
    the latest figures are read (it showed the new figure with no word of the old one)."""
    from .series import superseded

    revisions = superseded(results.observations, as_of=results.as_of)
    if revisions.empty or results.gaps.empty:
        return ""
    info = _indicator_info(results.gaps, results.indicators, lang)
    return _revisions_sentence(info, revisions, lang)


def _in_sentence(word: str, lang: str) -> str:
    """A label as it reads inside an English sentence ("final", not "Final")."""
    return word[:1].lower() + word[1:] if lang == "en" else word


def _of_milestone(table: pd.DataFrame | None, row: pd.Series) -> pd.DataFrame:
    """The rows of ``table`` (``indicator_id``, ``milestone_year``) of a gap row's milestone."""
    if table is None or table.empty:
        return pd.DataFrame()
    return table[(table["indicator_id"] == row["indicator_id"])
                 & (table["milestone_year"] == int(row["milestone_year"]))]  # fmt: skip


def _reached(row: pd.Series, reached: pd.DataFrame | None, lang: str) -> str:
    """ " 2023年曾达104家，已达到目标，其后回落。" for a milestone whose series met the target in an
    earlier year (:func:`gaps.reached_before`); "" otherwise."""
    hit = _of_milestone(reached, row)
    if hit.empty:
        return ""
    value = _given(float(hit["value"].iloc[0]), year_unit(str(row["unit"])), lang,
                   target_decimals(row))  # fmt: skip
    return _SENTENCE_SEP[lang] + label("brief.s_reached_before", lang,
                                       year=int(hit["year"].iloc[0]), value=value)  # fmt: skip


def _other_definition(row: pd.Series, other: pd.DataFrame | None, lang: str) -> str:
    """ "2025年另有口径不同的数字（5.2%），与本序列不可比，未计入评估。" for a milestone year
    whose only figure is of another definition, the same of a bound (saying whether it
    already settles the target); "" otherwise. A milestone a bound decided
    (``gaps.deciding_bound``) is said of that bound, the row's own latest figure, after any
    figure of another definition (the brief named the other bound of the year, or only the
    other definition, and lost "counts as achieved, provisionally": the diff review)."""
    hit = _of_milestone(other, row)
    decided = row.get("latest_status") in config.BOUND_STATUSES and settled(row)
    if hit.empty and not decided:
        return ""
    year = int(row["milestone_year"])
    said = ""
    if not hit.empty and str(hit["status"].iloc[0]) == "other-definition":
        said = _SENTENCE_SEP[lang] + label(
            "brief.s_other_definition", lang, year=year,
            value=_given(float(hit["value"].iloc[0]), year_unit(str(row["unit"])), lang))  # fmt: skip
        if not decided:
            return said
    if decided:
        value, kind = float(row["latest_value"]), str(row["latest_status"])
    else:
        value, kind = float(hit["value"].iloc[0]), str(hit["status"].iloc[0])
    return said + _bound_sentence(row, value, kind, year, lang, decided)


def _bound_sentence(row, value: float, kind: str, year: int, lang: str, decided: bool) -> str:
    """ "2025年仅有下限数字（不低于1,000人），已可知达到目标，按已实现计…" for a bound of the
    milestone year: as met or missed where it decided the milestone (``decided``; the gap
    table's grade, ``gaps.deciding_bound``), else that it is not assessed (one short of the
    target on its own side, of a growth-rate target, of a year not over, or contradicted by
    another bound of the year)."""
    outcome = ("_met" if row.get("status") == "achieved" else "_missed") if decided else ""
    key = f"brief.s_{kind.replace('-', '_')}" + outcome
    shown = _given(value, year_unit(str(row["unit"])), lang)
    return _SENTENCE_SEP[lang] + label(key, lang, year=year, value=shown)


def _flow_years_sentence(
    name: str, rows: pd.DataFrame, unit: str, lang: str, milestones: pd.DataFrame | None = None
) -> str:  # fmt: skip
    """A yearly flow's other years: "其他年度：2021年12项（达标）、2022年9项（差1项）",
    then, with its ``milestones`` (gap rows), the tally of every year with a figure: the
    years were said one by one and a reader counted them to judge the period."""
    from .views import flow_year_items

    items = flow_year_items(rows, unit, lang, number=_given)
    text = label("brief.s_flow_years", lang, name=name, items=items)
    met = [bool(m) for m in rows["met"] if pd.notna(m)]
    if milestones is not None and "ex_post" in milestones:
        met += [e == "met" for e in milestones["ex_post"] if e in ("met", "missed")]
    if len(met) > 1:
        text += _SENTENCE_SEP[lang] + label("brief.flow_tally", lang, k=len(met), m=sum(met))
    return text


def narrative(
    gaps: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    lang: str = "zh",
    flows: pd.DataFrame | None = None,
    other_definition: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
    reached: pd.DataFrame | None = None,
    revisions: pd.DataFrame | None = None,
    rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Sentences of the brief, built from the gap assessment (and the flows' other years) only.

    For each plan section (in the plan's order): a count of its targets by status, then one
    sentence per assessed target (best status first: achieved, on track, needs acceleration,
    ...), with its baseline, latest figure, actual and required yearly change, the forecast
    with its 80 % interval and the probability of meeting it, and, for a lagging target, the
    change needed from now beside the best year so far; then one sentence listing the
    targets that lack data.

    Parameters
    ----------
    gaps : DataFrame
        Gap assessment (``gaps.GAP_COLUMNS``).
    indicators : DataFrame
        Registry indicators (names, units and sections in both languages).
    lang : {"zh", "en"}
    flows : DataFrame, optional
        :func:`gaps.flow_years`: a yearly flow's targets between the milestones, said after
        its milestone sentences.
    other_definition : DataFrame, optional
        :func:`gaps.other_definition_figures`: a milestone year with a figure of another
        definition only, said after that target's sentence.
    checks : DataFrame, optional
        :func:`observations.check_table`: a latest figure or an observed baseline it names
        is followed by "待核实" / "to verify".
    reached : DataFrame, optional
        :func:`gaps.reached_before`: a target met in an earlier year and lost since is said
        so after its sentence.
    revisions : DataFrame, optional
        :func:`series.superseded`: the section's figures a revision or a final figure
        replaced, said in one sentence ("数据更新：…2022年由1,258家（正式数）改为1,262家（修订数）").
    rates : DataFrame, optional
        :func:`gaps.rate_years`: a growth-rate target's yearly growth figures, said after its
        own sentences (or after the section's no-data sentence, where its levels are too few).

    Returns
    -------
    DataFrame
        ``section, kind, indicator_id, milestone_year, status, sentence``; ``kind`` is
        "counts", "target", "flow_years", "rate_years", "revisions" or "no_data"
        (``indicator_id``/``milestone_year`` empty for the section-level sentences).
    """
    labels._check_lang(lang)
    cols = ["section", "kind", "indicator_id", "milestone_year", "status", "sentence"]
    if gaps.empty:
        return pd.DataFrame(columns=cols)
    from .views import rate_year_items, verify_flags

    info = _indicator_info(gaps, indicators, lang)
    flags = verify_flags(info, checks)
    info["to_verify"] = [bool(f) for f in flags["to_verify"]]
    info["baseline_to_verify"] = [bool(f) for f in flags["baseline_to_verify"]]
    info["earlier_to_verify"] = flags["earlier_to_verify"]
    multi = set(info.loc[info["indicator_id"].duplicated(), "indicator_id"])
    rank = {code: k for k, code in enumerate(STATUS_CODES)}
    rows = []
    for section, part in info.groupby("section", sort=False):
        rows.append((section, "counts", None, None, None, label(
            "brief.section_counts", lang, n=len(part), counts=_counts(part, lang))))  # fmt: skip
        assessed = part[part["status"] != "insufficient_data"]
        assessed = assessed.assign(_r=assessed["status"].map(rank)).sort_values("_r", kind="stable")
        for _, r in assessed.iterrows():
            rows.append((section, "target", r["indicator_id"], int(r["milestone_year"]),
                         r["status"], _sentence(r, lang) + _reached(r, reached, lang)
                         + _other_definition(r, other_definition,
                                                                             lang)))  # fmt: skip
        if flows is not None and len(flows):
            for iid in dict.fromkeys(part["indicator_id"]):
                own = flows[flows["indicator_id"] == iid]
                # a flow without any figure is in the no-data sentence already
                if pd.to_numeric(own["value"], errors="coerce").notna().any():
                    first = part[part["indicator_id"] == iid].iloc[0]
                    text = _flow_years_sentence(first["name"], own, str(first["unit"]), lang,
                                                part[part["indicator_id"] == iid])  # fmt: skip
                    # right after its own milestones' sentences (it followed the section's
                    # last target, another indicator's)
                    rows.insert(_after_own(rows, section, iid),
                                (section, "flow_years", iid, None, None, text))  # fmt: skip
        said = _revisions_sentence(part, revisions, lang)
        if said:
            rows.append((section, "revisions", None, None, None, said))
        missing = part[part["status"] == "insufficient_data"]
        # a milestone the series has passed without its own year's figure: said one by one
        passed = missing.get("ex_post", pd.Series(index=missing.index, dtype=object))
        passed = passed.astype(object).eq("no_figure")
        said_alone, bare = [], {}  # bare: milestone year → rows with no figure at all
        for _, r in missing[passed].iterrows():
            extra = _reached(r, reached, lang) + _other_definition(r, other_definition, lang)
            if not extra and not _ok(r.get("latest_value"), r.get("latest_year")):
                # nothing to say of it but its missing year: listed with the others (ten
                # sentences alike at the final evaluation, found by the data-grows review)
                bare.setdefault(int(r["milestone_year"]), []).append(r)
                continue
            said_alone.append((r, extra))
        for year, group in list(bare.items()):
            if len(group) == 1:  # a list of one ("以下1项目标") reads worse than its sentence
                said_alone.append((group[0], ""))
                del bare[year]
        for r, extra in said_alone:
            rows.append((section, "target", r["indicator_id"], int(r["milestone_year"]),
                         r["status"], _no_own_figure_sentence(r, lang) + extra))  # fmt: skip
        for year, group in bare.items():
            rows.append((section, "no_data", None, year, "insufficient_data", label(
                "brief.s_no_own_figures", lang, year=year, n=len(group),
                status=status_label("insufficient_data", lang),
                names=label("brief.item_sep", lang).join(_named_target(r, lang)
                                                         for r in group))))  # fmt: skip
        missing = missing[~passed]
        if len(missing):
            missing.attrs["multi"] = multi
            rows.append((section, "no_data", None, None, "insufficient_data",
                         _no_data_sentence(missing, lang)))  # fmt: skip
        for iid in dict.fromkeys(part["indicator_id"]) if rates is not None else ():
            own = rates[rates["indicator_id"] == iid]
            if len(own):  # after its own sentences, else after the no-data sentence
                name = part.loc[part["indicator_id"] == iid, "name"].iloc[0]
                rows.insert(_after_own(rows, section, iid), (section, "rate_years", iid, None, None, label(
                    "brief.s_rate_years", lang, name=name,
                    items=rate_year_items(own, lang))))  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _after_own(rows: list[tuple], section: str, iid: str) -> int:
    """Where a sentence of ``iid`` goes among a section's ``rows``: right after that
    indicator's own sentences, else at the end."""
    mine = [k for k, r in enumerate(rows) if r[0] == section and r[2] == iid]
    return mine[-1] + 1 if mine else len(rows)


def results_narrative(results, *, lang: str = "zh", as_of: int | None = None) -> pd.DataFrame:
    """The brief's section sentences for computed results, as the brief prints them.

    :func:`narrative` with the yearly flows' other years, the figures of another definition
    and the checks' figures to verify all taken from ``results``.

    Parameters
    ----------
    results : compute.Results
    lang : {"zh", "en"}
    as_of : int, optional
        The year the flows' owed years run to; default :func:`brief_as_of`.
    """
    from .gaps import flow_years, other_definition_figures, rate_years, reached_before
    from .series import superseded

    as_of = brief_as_of(results) if as_of is None else as_of
    flows = flow_years(results.indicators, results.targets, results.observations, as_of=as_of)
    other = other_definition_figures(results.observations, results.gaps)
    return narrative(results.gaps, results.indicators, lang=lang, flows=flows,
                     other_definition=other, checks=getattr(results, "checks", None),
                     reached=reached_before(results.observations, results.gaps),
                     revisions=superseded(results.observations, as_of=results.as_of),
                     # the growth figures the page and the workbook show (the run's vintage)
                     rates=rate_years(results.indicators, results.targets,
                                      results.observations, as_of=results.as_of))  # fmt: skip


def _years_text(years, lang: str) -> str:
    """``2021—2025年`` for a run of years, ``2020、2022—2025年`` otherwise (en: no 年)."""
    text = label("brief.list_sep", lang).join(year_runs(years, lang))
    return f"{text}年" if lang == "zh" else text


def _settles(missing: pd.DataFrame, targets: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """The owed years of each indicator in ``missing`` that settle one of its milestones."""
    milestones = set(zip(targets["indicator_id"], targets["year"].astype(int), strict=True))
    out: dict[str, tuple[int, ...]] = {}
    for key, part in missing.groupby("indicator_id", sort=False):
        out[key] = tuple(sorted(int(y) for y in part["year"] if (key, int(y)) in milestones))
    return out


def _usual_settle(settles: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """The milestone years most owed indicators share (the lead names them once; an item
    names its own only when they differ), none when no two indicators share them."""
    counts = pd.Series([y for y in settles.values() if y], dtype=object).value_counts(sort=False)
    if counts.empty or counts.max() < 2:
        return ()
    return counts.index[int(counts.to_numpy().argmax())]


def _owed_item(
    row: pd.Series, settle: tuple[int, ...], usual: tuple[int, ...], lang: str,
    base: tuple[int, ...] = (),
) -> str:  # fmt: skip
    """An indicator and the years it owes (a row of :func:`coverage.by_department`), naming
    the milestone years among them (``settle``) when they are not the ``usual`` ones the
    lead names: the landing page sets them in bold, and in the brief the 2023 high-tech
    count sat unmarked among the years a department was asked for. ``base``: a growth-rate
    target's base year among them (:func:`coverage.deciding_cells`), named as deciding the
    target (R&D spending's 2020 stood as an ordinary gap: the planner's review)."""
    years = _years_text(row["years"], lang)
    if base:
        key = "brief.missing_name_all_base" if len(base) == len(row["years"]) else (
            "brief.missing_name_base")  # fmt: skip
        return label(key, lang, name=row[f"name_{lang}"], years=years,
                     base=_years_text(base, lang))  # fmt: skip
    if not settle or settle == usual:
        return label("brief.missing_name", lang, name=row[f"name_{lang}"], years=years)
    key = "all_milestone" if len(settle) == len(row["years"]) else "milestone"
    key += "s" if len(settle) > 1 else ""
    return label(f"brief.missing_name_{key}", lang, name=row[f"name_{lang}"], years=years,
                 milestones=_years_text(settle, lang))  # fmt: skip


def missing_sentences(results, *, lang: str = "zh") -> list[str]:
    """What to ask of whom: the figures still missing, one sentence per department (the
    landing page's table, in words, with what a department said of a year it left without a
    figure), and the provisional figures whose final is owed.

    A planner reading the brief alone learned that 20 targets had "insufficient data" and
    not who owes which years, nor that a milestone judged on an estimate may still flip.
    The years are those the run owes, as the landing page lists them: up to its ``--as-of``
    when one is given (a vintage owes no later year), else every plan year - a brief on
    figures up to 2022, written when the plan is over, asks for the 2023-2025 figures that
    decide the milestones.
    """
    from .coverage import by_department, deciding_cells, missing_of, provisional_of
    from .labels import department_rank

    sep = label("brief.item_sep", lang)  # names hold 、 (瞪羚企业、独角兽种子企业数量)
    missing = missing_of(results)
    owed = by_department(missing, department_rank(results.gaps["departments"]))
    notes = getattr(results, "department_notes", None)
    notes = pd.DataFrame() if notes is None else notes
    names = dict(zip(results.indicators["indicator_id"], results.indicators[f"name_{lang}"],
                     strict=True))  # fmt: skip
    settles = _settles(missing, results.targets)
    usual = _usual_settle(settles)
    _, base_cells = deciding_cells(results.targets, results.indicators, results.gaps)
    bases = {iid: (year,) for iid, year in base_cells
             if ((missing["indicator_id"] == iid) & (missing["year"] == year)).any()}  # fmt: skip
    out = []
    if owed.empty:
        out.append(label("brief.missing_none", lang))
    else:
        lead = label("brief.missing_lead", lang, n=missing["indicator_id"].nunique())
        if usual:
            lead += label("brief.missing_usual_milestone" + "s" * (len(usual) > 1), lang,
                          years=_years_text(usual, lang))  # fmt: skip
        out.append(lead)
        for dept, part in owed.groupby(f"department_{lang}", sort=False):  # the plan's order
            items = sep.join(_owed_item(r, settles.get(r["indicator_id"], ()), usual, lang,
                                        bases.get(r["indicator_id"], ()))
                             for _, r in part.iterrows())  # fmt: skip
            sentence = label("brief.missing_item", lang, department=dept, items=items)
            said = notes[notes[f"department_{lang}"] == dept] if len(notes) else notes
            if len(said):  # why a year is still missing, as the department put it
                sentence += label("brief.missing_said", lang, items=sep.join(
                    label("brief.said_item", lang, name=names[n.indicator_id],
                          year=int(n.year), note=n.note)
                    for n in said.itertuples(index=False)))  # fmt: skip
            out.append(sentence)
    # the notes of a department without a sentence above (one the registry does not name for
    # the indicator: a return the statistics bureau answered), said apart
    told = set(owed[f"department_{lang}"])
    other = [n for n in notes.itertuples(index=False)
             if getattr(n, f"department_{lang}") not in told]  # fmt: skip
    if other:
        out.append(label("brief.missing_said_other", lang, items=sep.join(
            label("brief.said_by_item", lang, department=getattr(n, f"department_{lang}"),
                  name=names[n.indicator_id], year=int(n.year), note=n.note)
            for n in other)))  # fmt: skip
    provisional = provisional_of(results)
    if len(provisional):
        items = sep.join(
            label("brief.provisional_item", lang, name=r[f"name_{lang}"], year=int(r["year"]),
                  status=obs_status_label(r["held_status"], lang).lower(),
                  departments=r[f"departments_{lang}"])
            for _, r in provisional.iterrows()
        )  # fmt: skip
        out.append(label("brief.provisional", lang, items=items))
    out += checks_sentences(results, lang=lang)
    return out


def checks_sentences(results, *, lang: str = "zh") -> list[str]:
    """The figures that look wrong (``results.checks``), in one sentence: they are still
    used in every number of the brief, so its reader learns which to have verified.
    No sentence when nothing looks wrong."""
    from .views import checks_for_people

    shown = checks_for_people(getattr(results, "checks", None), results.indicators,
                              regions=results.regions, lang=lang,
                              files=getattr(results, "inputs", ()))  # fmt: skip
    if shown.empty:
        return []
    sep = label("brief.item_sep", lang)
    # no file or row: the brief is for print, and names software and files only in its
    # technical notes (a return's "rd_returns.csv 第7行" stood in its body: the end-to-end
    # review); the workbook's 待核实 sheet and checks.csv say where each came from
    items = sep.join(label("brief.check_item", lang, name=r[0], region=r[1], years=r[2],
                           value=r[3], check=r[4])
                     for r in shown.itertuples(index=False, name=None))  # fmt: skip
    return [label("brief.checks", lang, n=len(shown), items=items)]


def overview_sentences(gaps: pd.DataFrame, *, as_of: int, lang: str = "zh") -> list[str]:
    """The overview: what was assessed and, per milestone year, the targets by status. It
    counts indicators and targets apart: "22项量化目标" stood above 2 targets for 2023 and
    22 for 2025 (the report writer's review)."""
    n = gaps["indicator_id"].nunique() if len(gaps) else 0
    final = as_of >= config.PLAN_END_YEAR  # the plan's period is over: its final evaluation
    out = [label("brief.overview_basis_final" if final else "brief.overview_basis", lang,
                 year=as_of, n=n, m=len(gaps), end=config.PLAN_END_YEAR)]  # fmt: skip
    for year, part in gaps.groupby("milestone_year"):
        out.append(label("brief.overview_milestone", lang, year=int(year), n=len(part),
                         counts=_counts(part, lang)))  # fmt: skip
    return out


# --------------------------------------------------------------------------- as-of, charts


def brief_as_of(results) -> int:
    """The latest year of home-region data the assessment used (not the date of the run).

    That is the latest year with a series-grade Langfang figure of a targeted indicator up
    to the run's vintage (the gap table's ``as_of``) — the year the landing page gives too;
    context indicators (GDP growth, population) do not move it. The run's vintage itself
    when no figure is that recent; the latest year of any Langfang figure when no targeted
    indicator has one (a file of context figures alone stopped the brief); the plan's base
    year when there is no Langfang figure at all, only the plan's baselines (a new city's
    first run, with other regions' figures only, stopped the run at the brief).
    """
    from .series import latest_year

    obs = results.observations
    obs = obs[obs["indicator_id"].isin(results.targets["indicator_id"])]
    vintage = None
    if len(results.gaps) and "as_of" in results.gaps and results.gaps["as_of"].notna().any():
        vintages = sorted(set(results.gaps["as_of"].dropna().astype(int)))
        if len(vintages) > 1:  # the first row's used to decide, "data up to 1999"
            raise ValueError(f"the gap table mixes vintages (as_of {vintages}); a brief "
                             "describes one: assess with one as_of")  # fmt: skip
        vintage = vintages[0]
    used = obs if vintage is None else obs[obs["year"] <= vintage]
    year = latest_year(used)
    if year is None and vintage is None:  # no targeted figure: the latest of any indicator's
        year = latest_year(results.observations)
    if year is None:
        return config.PLAN_BASE_YEAR if vintage is None else vintage
    return year


def brief_path(out_dir: str | os.PathLike[str], as_of: int, lang: str) -> Path:
    """``<out_dir>/监测简报_<as_of>.docx`` (zh) or ``monitoring-brief_<as_of>.docx`` (en);
    ``终期评估简报_<as_of>.docx`` / ``final-evaluation-brief_<as_of>.docx`` once the data
    reach the plan's last year, as the brief's title says (:data:`FINAL_BRIEF_NAMES`)."""
    from ._checks import as_year

    labels._check_lang(lang)
    as_of = as_year(as_of, "as_of")
    names = FINAL_BRIEF_NAMES if as_of >= config.PLAN_END_YEAR else BRIEF_NAMES
    return Path(out_dir) / names[lang].format(as_of=as_of)


def brief_note(results, lang: str = "zh") -> str:
    """Notebook 05's words on the brief the run writes: which brief (监测简报, or 终期评估简报
    once the data reach the plan's last year) and its two files, named by
    :func:`brief_path` from the same year (the notebook's heading and text said
    监测简报_<year>.docx above a cell printing final-evaluation-brief_2025.docx)."""
    as_of = brief_as_of(results)
    final = as_of >= config.PLAN_END_YEAR
    names = {lg: brief_path(".", as_of, lg).name for lg in ("zh", "en")}
    return label("nb.brief_files", lang, kind=label("nb.brief_kind_final" if final
                                                   else "nb.brief_kind", lang),
                 zh=names["zh"], en=names["en"], year=as_of,
                 why=label("nb.brief_final_why", lang, end=config.PLAN_END_YEAR) if final
                 else "")  # fmt: skip


def _trajectory_caption(results, indicator_id: str) -> str:
    """The label key of a trajectory chart's caption: "...与预测" only when the chart shows a
    forecast (:func:`plots.shows_forecast`)."""
    from .plots import shows_forecast

    shown = shows_forecast(results.forecasts, results.targets, indicator_id)
    return "brief.fig_trajectory" if shown else "brief.fig_trajectory_settled"


def brief_charts(
    results,
    *,
    lang: str,
    figures_dir: str | os.PathLike[str] | None = None,
    scratch_dir: str | os.PathLike[str] | None = None,
) -> list[Chart]:
    """The three key charts: gap dashboard, high-tech trajectory, R&D path.

    The PNG the figures stage wrote is used when ``figures_dir`` holds it (the same picture
    as the report); otherwise, or when ``figures_dir`` is None, the chart is drawn from
    ``results`` into ``scratch_dir`` (e.g. when a notebook regenerates the brief for another
    vintage, whose charts differ from the report's). A chart with no drawing (the high-tech
    indicator without any figure or forecast) is left out.
    """
    from . import plots
    from .export import save_figure
    from .figures import (
        BRIEF_PREFIX,
        BRIEF_TRAJECTORY,
        brief_dashboard_stem,
        dashboard_year,
        figure_specs,
    )
    from .views import dashboard_title

    r = results
    year = dashboard_year(r.gaps)
    hte = BRIEF_TRAJECTORY
    ind = r.indicators.set_index("indicator_id")
    name = ind.loc[hte, f"name_{lang}"] if hte in ind.index else hte
    specs = dict(figure_specs(r))
    # the targets with data on their own where some lack it (legible at print size), in as
    # many parts as keep the labels at their own size
    dashboards = [(f"gap_dashboard_{year}", dashboard_title(r.gaps, year, lang), False)]
    parts = []
    while brief_dashboard_stem(year, len(parts) + 1) in specs:
        parts.append(brief_dashboard_stem(year, len(parts) + 1))
    if parts:
        own = r.gaps[r.gaps["milestone_year"] == year]
        lacking = int((own["status"] == "insufficient_data").sum())
        title = dashboards[0][1] if not lacking else label(
            "brief.fig_dashboard_assessed", lang, title=dashboards[0][1], n=len(own) - lacking,
            lacking=lacking, table=STATUS_TABLE)  # fmt: skip
        # one chart in parts: one figure number, the parts after the first "（续）" (each
        # part numbered as a figure of its own, "(1/2)", read as two charts)
        dashboards = [(stem, label("brief.fig_continued", lang, title=title) if k else title,
                       bool(k)) for k, stem in enumerate(parts)]  # fmt: skip
    source = label("source.gaps", lang)
    # each caption names the sources of the figures its chart draws, as the chart does
    wanted = [
        *((stem, title, source, more) for stem, title, more in dashboards),
        (f"{BRIEF_PREFIX}trajectory_{hte}", label(_trajectory_caption(r, hte), lang, name=name),
         plots._source_text(plots.drawn_observations(r.observations, hte), lang, plan=True),
         False),
        (f"{BRIEF_PREFIX}rd_path", label("title.rd_path", lang),
         plots._source_text(plots.rd_actuals(r.observations), lang, plan=True), False),
    ]  # fmt: skip
    charts = []
    for stem, title, source, more in wanted:
        if stem not in specs:
            continue
        png = Path(figures_dir or scratch_dir or ".") / f"{stem}_{lang}.png"
        if figures_dir is None or not png.is_file():
            if scratch_dir is None:
                raise FileNotFoundError(f"{png} is missing and no scratch folder was given")
            fig = specs[stem](lang)
            try:
                [png] = save_figure(fig, f"{stem}_{lang}", ("png",), out_dir=scratch_dir)
            finally:
                import matplotlib.pyplot as plt

                plt.close(fig)
        source = source or label("source.default", lang)
        if day := getattr(r, "known_by", None):  # a reconstruction says its day, as the
            # report's charts do (the brief's captions carry their charts' sources)
            source += label("source.separator", lang) + label("known_by.source", lang, date=day)
        charts.append(Chart(stem, png, title, labels.source_line(source, lang), more))
    return charts


# --------------------------------------------------------------------------- document styles


def _set_fonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit fonts on a run-properties element, theme fonts removed (they would win)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin),
                        ("w:eastAsia", east_asia)):  # fmt: skip
        fonts.set(qn(attr), value)


def _set_lang(rpr, lang: str) -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(el)
    # Latin text (digits included) is English in both documents: with "zh-CN" there,
    # LibreOffice breaks lines inside numbers ("1,|258"); East Asian text is Chinese.
    el.set(qn("w:val"), "en-GB")
    el.set(qn("w:eastAsia"), "zh-CN")


def _style(doc, name: str, *, font: str, size: float, bold: bool = False, before: float = 0,
           after: float = 6, align=None, indent: bool = False, line: float = 1.5):  # fmt: skip
    st = doc.styles[name]
    st.font.size = Pt(size)
    st.font.bold = bold
    st.font.italic = False
    st.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(st.element.get_or_add_rPr(), font)
    pf = st.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(before), Pt(after), line
    pf.first_line_indent = Pt(2 * size) if indent else None
    if align is not None:
        pf.alignment = align
    return st


def _styles(doc, lang: str) -> None:
    """Normal (宋体 小四, first-line indent of two characters in Chinese), headings (黑体)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    _set_lang(rpr, lang)
    # the theme's East Asian language, which python-docx's template sets to Japanese: a style
    # a writer adds later (a table of contents, Heading 3) fell back to ＭＳ 明朝 (the print
    # review)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = doc.settings.element.makeelement(qn("w:themeFontLang"), {})
        doc.settings.element.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-GB")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")
    _style(doc, "Normal", font=BODY_FONT, size=SIZES["body"], indent=lang == "zh")
    _style(doc, "Title", font=HEADING_FONT, size=SIZES["title"], after=12,
           align=WD_ALIGN_PARAGRAPH.CENTER, line=1.2)  # fmt: skip
    _style(doc, "Heading 1", font=HEADING_FONT, size=SIZES["h1"], before=12, after=6)
    _style(doc, "Heading 2", font=HEADING_FONT, size=SIZES["h2"], before=6, after=3)
    _style(doc, "Caption", font=HEADING_FONT, size=SIZES["caption"], before=3, after=2,
           align=WD_ALIGN_PARAGRAPH.CENTER, line=1.2)  # fmt: skip
    for name in ("Title", "Heading 1", "Heading 2", "Caption"):
        # Normal's first-line indent of two characters is not theirs: it set the captions
        # and source lines 0.4 cm right of the figures they label (the report writer's review)
        doc.styles[name].paragraph_format.first_line_indent = Pt(0)
    for name in ("Title", "Heading 1", "Heading 2"):
        # the template's title carries a coloured bottom border and keeps headings with the
        # next paragraph; only the border goes
        ppr = doc.styles[name].element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
        doc.styles[name].paragraph_format.keep_with_next = True
    # the Title style's character spacing and the headings' theme colours
    for name in ("Title",):
        rpr = doc.styles[name].element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)


def _font_table(doc) -> None:
    """Declare 宋体 and 黑体 with their Windows names as ``w:altName`` (GB2312 charset)."""
    part = next(
        rel.target_part
        for rel in doc.part.rels.values()
        if rel.reltype.endswith("/fontTable") and not rel.is_external
    )
    xml = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/>'
        "</w:font>"
        for name, (alt, panose, family) in FONT_TABLE.items()
        if f'w:name="{name}"' not in xml
    )
    part._blob = xml.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _layout(section, *, landscape: bool = False) -> None:
    """A4 with GB/T 9704 margins, portrait or (for a wide table) landscape."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    )
    margins = LANDSCAPE_MARGINS if landscape else MARGINS
    section.top_margin, section.bottom_margin = margins["top"], margins["bottom"]
    section.left_margin, section.right_margin = margins["left"], margins["right"]
    section.header_distance, section.footer_distance = Mm(15), Mm(15 if landscape else 20)


def _new_section(doc, *, landscape: bool) -> None:
    """Start a new page in a new section; its footer (the page number) continues."""
    _layout(doc.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)


def _page(doc, lang: str) -> None:
    """A4 portrait with GB/T 9704 margins and the page number centred in the footer."""
    section = doc.sections[0]
    _layout(section)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    before, _, after = label("brief.page", lang, page="\0").partition("\0")
    if before:
        footer.add_run(before)
    _field(footer, "PAGE", "1")
    if after:
        footer.add_run(after)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, SEQ ...) with its cached result, updated by Word when printing."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run = paragraph.add_run()
    instr = parse_xml(
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>'
    )
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run(shown)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _drop_thumbnail(doc) -> None:
    """The template's thumbnail shows a blank page; file browsers would show it. Its
    extended properties go too: they named "Microsoft Macintosh Word" with 1 page and 0
    words (the part is optional; Word writes its own when the file is saved)."""
    rels = doc.part.package.rels
    for rid in [k for k, r in rels.items()
                if r.reltype.endswith(("/metadata/thumbnail", "/extended-properties"))]:  # fmt: skip
        del rels[rid]


def _core_properties(doc, lang: str, as_of: int) -> None:
    """Title, subject, author and language; created and modified on the last day of the data
    year, fixed so that a rerun is byte-identical (the template's 2021-12-07 predated the
    figures the brief reports); never printed."""
    stamp = max(dt.datetime.fromisoformat(config.FIXED_TIMESTAMP), dt.datetime(int(as_of), 12, 31))
    cp = doc.core_properties
    final = "_final" if as_of >= config.PLAN_END_YEAR else ""
    cp.title = label("brief.title" + final, lang).replace("\n", "")  # the title's line break
    cp.subject = label("brief.as_of", lang, year=as_of)
    cp.author = cp.last_modified_by = CORE_AUTHOR
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "zh-CN" if lang == "zh" else "en-GB"
    cp.revision = 1
    cp.created = cp.modified = stamp


# --------------------------------------------------------------------------- blocks


#: A year range of running text ("2020-2025", "（2021-2025年）"), not a part of a longer
#: number, code or file name ("obs-2021-2022.csv").
_YEAR_RANGE = re.compile(r"(?<![0-9A-Za-z_./\\-])(?:19|20)\d\d(-)(?:19|20)\d\d(?![0-9A-Za-z_./-])")


#: Chinese characters and punctuation: a text with any is laid out by CJK line breaking.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


#: A straight apostrophe inside a word ("plan's"), and one opening or closing a quotation
#: ("'Top 100 high-tech enterprises'").
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_OPENING = re.compile(r"(?<![\w'‘’])'(?=[\w(])")
_CLOSING = re.compile(r"(?<=[\w.,!?)%])'(?![\w])")


def curly_quotes(text: str) -> str:
    """English running text with typographic apostrophes and single quotation marks: the
    brief set "plan's" beside "forecast’s" and 'Top 100' beside “On track” (the report
    writer's review found 30 straight against 20 curly). Code and file names are written
    verbatim (``_paragraph``'s ``verbatim``), not through this."""
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING.sub("‘", text)
    return _CLOSING.sub("’", text)


def _prose(p, text: str):
    """Add a run of running text to paragraph ``p``; in English the hyphen of a year range
    becomes Word's non-breaking hyphen (``w:noBreakHyphen``), so "(2020-" no longer ends a
    line with "2025)" on the next. Word and LibreOffice print it as a hyphen, and python-docx
    reads it back as "-". Chinese text keeps its hyphen: LibreOffice's CJK line breaking
    still breaks there and prints the hyphen twice ("（2021-" / "-2025年）"). Returns the run."""
    if not _CJK.search(text):
        text = curly_quotes(text)
    run = p.add_run(text)
    if _CJK.search(text):
        return run
    for t in list(run._r.findall(qn("w:t"))):
        cuts = [m.start(1) for m in _YEAR_RANGE.finditer(t.text or "")]
        if not cuts:
            continue
        starts, ends = [0, *(c + 1 for c in cuts)], [*cuts, len(t.text)]  # the hyphens out
        pieces = [t.text[a:b] for a, b in zip(starts, ends, strict=True)]
        t.text = pieces[0]
        t.set(qn("xml:space"), "preserve")
        anchor = t
        for piece in pieces[1:]:
            hyphen = parse_xml(f"<w:noBreakHyphen {nsdecls('w')}/>")
            anchor.addnext(hyphen)
            anchor = parse_xml(f'<w:t {nsdecls("w")} xml:space="preserve"/>')
            anchor.text = piece
            hyphen.addnext(anchor)
    return run


def _paragraph(doc, text: str, *, style: str | None = None, indent: bool | None = None,
               verbatim: str = ""):  # fmt: skip
    """A paragraph of running text, its negative numbers with the minus sign
    (:func:`labels.true_minus`) and its year ranges kept on one line (:func:`_prose`);
    ``verbatim`` (a command or a title to copy) replaces a ``"\0"`` in ``text`` as it is."""
    p = doc.add_paragraph(style=style)
    before, mark, after = true_minus(text).partition("\0")
    for part, as_is in ((before, False), (verbatim if mark else "", True), (after, False)):
        if part:
            p.add_run(part) if as_is else _prose(p, part)
    if indent is False:
        p.paragraph_format.first_line_indent = Pt(0)
    return p


def _caption(
    doc, kind: str, number: int, title: str, lang: str, *, continued: bool = False
) -> None:
    """ "图1　title" / "Figure 1. title" with a SEQ field, so Word can renumber.

    The sequence is named by the caption's own label (``SEQ 图`` in Chinese, as Chinese Word
    names it): a caption a writer inserts with Word's label 图 then continues the numbering
    (under ``SEQ Figure`` it had started again at 图1). A ``continued`` caption repeats the
    number before it (the field's ``\\c``), so Word's renumbering keeps the two parts one
    figure.
    """
    p = doc.add_paragraph(style="Caption")
    # kept with what follows: a figure's source line (the Chinese brief printed one alone on
    # an otherwise empty page), a table's first row
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.keep_together = True  # a caption of two lines is not cut either
    word, _, _ = label(f"brief.{kind}", lang, n="\0").partition("\0")
    p.add_run(word)
    again = "\\c " if continued else ""  # the number before it, not the next
    _field(p, f"SEQ {word.strip()} {again}\\* ARABIC", str(number))
    rest = label(f"brief.{kind}", lang, n="\0").partition("\0")[2]
    _prose(p, f"{rest}{'　' if lang == 'zh' else ' '}{title}")


def _source_line(doc, text: str) -> None:
    """A source line or a note under a figure or table: left-aligned (a note of three lines
    under table 1 printed as a ragged centred block: the report writer's review)."""
    p = doc.add_paragraph(style="Caption")
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _prose(p, text)
    p.paragraph_format.space_after = Pt(12)
    p.paragraph_format.keep_together = True  # a source of three lines not cut by a page
    for run in p.runs:
        run.font.size = Pt(SIZES["table"])
        run.font.bold = False
        _set_fonts(run._r.get_or_add_rPr(), BODY_FONT)


def text_lines(text: str, size: float, width: int = TEXT_WIDTH) -> int:
    """Lines ``text`` takes at ``size`` points in a paragraph ``width`` wide (EMU), rounded
    up: a CJK character one em wide, any other character :data:`LATIN_EMS` (an estimate a
    little on the long side, for the breaks between words)."""
    ems = sum(1.0 if _CJK.match(ch) else LATIN_EMS for ch in text)
    return max(1, math.ceil(ems * Pt(size) * 1.05 / width))


def _line_height(size: float, cjk: bool, spacing: float = 1.2) -> int:
    """One line's height (EMU) at ``size`` points and ``spacing`` (1.2: the captions'), in
    the CJK face's taller line when ``cjk`` (the line holds a Chinese character)."""
    return int(Pt(size) * LINE_EMS["cjk" if cjk else "latin"] * spacing)


def caption_block(title_lines: int, source_lines: int, cjk: bool) -> int:
    """Height (EMU) of a figure's caption of ``title_lines`` and its source line of
    ``source_lines``, with their paragraph spacing (:func:`_caption`, :func:`_source_line`)
    and the space after the picture above them."""
    size, small = SIZES["caption"], SIZES["table"]
    caption = Pt(3 + 2) + title_lines * _line_height(size, cjk)
    # the source's runs are 9 pt, its paragraph mark the Caption style's 10.5 pt (its last
    # line is that tall)
    source = Pt(3 + 12) + (source_lines - 1) * _line_height(small, cjk) + _line_height(size, cjk)
    return int(PICTURE_AFTER + caption + source)


def caption_height(title: str, source: str, lang: str) -> int:
    """:func:`caption_block` of a figure's caption ("图1　title") and source line as
    printed: an estimate on the tall side, from the number of lines each takes."""
    caption = label("brief.figure", lang, n=99) + ("　" if lang == "zh" else " ") + title
    lines = text_lines(caption, SIZES["caption"]), text_lines(source, SIZES["table"])
    return caption_block(*lines, cjk=bool(_CJK.search(caption + source)))


def shared_height(n: int = 2, title_lines: int = 1, source_lines: int = 3) -> int:
    """Height (EMU) of each of ``n`` pictures that share a page, each with a caption of
    ``title_lines`` and a source of ``source_lines`` in Chinese (the taller lines): the
    brief's line charts are drawn this low (``figures.BRIEF_CHART_SIZE``)."""
    return int(TEXT_HEIGHT / n) - caption_block(title_lines, source_lines, cjk=True)


def picture_room(title: str, source: str, lang: str) -> int:
    """The tallest picture (EMU) that fits one page with its caption and source line below
    it: a figure kept together with its caption never runs off a page (at most
    :data:`MAX_FIGURE_HEIGHT`)."""
    room = TEXT_HEIGHT - caption_height(title, source, lang)
    return min(MAX_FIGURE_HEIGHT, room)


def _picture(doc, png: Path, description: str = "", most: int = MAX_FIGURE_HEIGHT) -> None:
    """The chart at print width, its title as the picture's description (alt text: screen
    readers and Word's accessibility check read it; it was "Picture 1")."""
    from PIL import Image

    from .export import PNG_DPI

    with Image.open(png) as im:
        w, h = im.size
    # at its own size (300 dpi), its 8-point labels printed at 8 points; never wider than
    # the text (a picture of another making)
    width = min(TEXT_WIDTH, Emu(int(w / PNG_DPI * 914400)))
    if width * h / w > most:  # no taller than its page leaves beside its caption
        width = int(most * w / h)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.line_spacing = 1.0
    shape = p.add_run().add_picture(str(png), width=width)
    if description:
        shape._inline.docPr.set("descr", description)
        shape._inline.docPr.set("title", description)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


#: Characters that a line may break between (CJK ideographs, kana, full-width forms). A
#: name of its own: as a second ``_CJK`` it had replaced the one ``_prose`` was written for.
_CJK_BREAK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
#: A Chinese character next to a Latin letter or digit (either order; overlapping pairs).
_MIXED = re.compile(
    r"(?=[\u2e80-\u9fff\uf900-\ufaff][A-Za-z0-9]|[A-Za-z0-9][\u2e80-\u9fff\uf900-\ufaff])"
)
#: CJK terms this long or shorter (in characters) stay on one line: "数据不足", "五大专项服务".
CJK_TERM = 6
#: A department's name longer than this (in characters) goes on two lines in the Chinese
#: table, broken before its kind (:data:`DEPARTMENT_KINDS`); shorter ones ("市人力资源社会保障
#: 局") stay whole. "市开发区改革发展工作办公室" (13) fitted whole made its column 45 mm.
DEPARTMENT_LINE = 10
#: The kinds of body a department's name ends in, where a long name breaks (the longest
#: that ends it: "工作办公室" rather than "办公室").
DEPARTMENT_KINDS = ("工作办公室", "领导小组办公室", "办公室", "管理委员会", "委员会", "服务中心")


def _text_units(text: str) -> tuple[float, float]:
    """Widths of a cell text in half-em units: (longest word to keep whole, longest line).

    A Latin letter or digit counts one unit, a CJK character two. Latin words break only at
    spaces, after hyphens and at explicit line breaks; CJK text may break between any two
    characters, but a run of up to ``CJK_TERM`` characters is kept whole (a status word, a
    section name), and a longer run asks for that much room too.
    """
    word = line = 0
    for part in text.split("\n"):
        # a word processor sets a little space between Chinese and Latin letters or digits
        # ("缺 2025 年数据"; LibreOffice whatever the paragraph says): half a unit each
        gaps = len(_MIXED.findall(part)) / 2
        line = max(line, sum(2 if _CJK_BREAK.match(ch) else 1 for ch in part) + gaps)
        for token in re.split(r"\s+|(?<=-)", part):  # a line may also break after a hyphen
            latin = [len(r) for r in _CJK_BREAK.split(token)]
            runs = re.findall(f"(?:{_CJK_BREAK.pattern})+", token)
            cjk = [2 * min(len(r), CJK_TERM) for r in runs]
            word = max(word, *latin, *cjk)
            # a short term of both ("[80%区间]", "缺2025年数据", "1,346家") is kept whole:
            # LibreOffice broke "[80%区 / 间]" and "缺 2025 年数 / 据" between its Chinese;
            # a line may still break at a full-width bracket or mark ("1.65件/万人 / （2020年）"),
            # but a closing mark stays with the word before it, as a word processor keeps it
            # ("缺2023年数据；" broke "缺 2023 年数 / 据；": the report writer's review)
            for term in re.split(r"(?=[（［【])|(?<=[）］】，；、：])", token):
                parts = re.findall(f"(?:{_CJK_BREAK.pattern})+", term)
                latin_len = len(term) - sum(map(len, parts))
                if parts and latin_len and sum(map(len, parts)) <= CJK_TERM:
                    word = max(word, latin_len + 2 * sum(map(len, parts))
                               + len(_MIXED.findall(term)) / 2)  # fmt: skip
    return word, line


def _latin_word(text: str) -> int:
    """Length of the longest run of Latin letters, digits and their marks in ``text``
    (half-em units): a word no column of running text may break."""
    return max((len(w) for w in re.findall(r"[A-Za-z0-9.,%]+", text)), default=0)


def column_widths(
    shown: pd.DataFrame, total: int, *, padding: int = CELL_PADDING, prose: Sequence[int] = (),
    whole: Sequence[int] = (),
) -> list[int]:  # fmt: skip
    """Column widths (EMU, summing to ``total``) that suit a table's text.

    Every column first gets its longest word (header included), so no word is broken
    inside ("Probabili / ty"); the width left over goes to the columns by how much longer
    their longest line is than their longest word (long department lists get most of it).
    When even the words do not fit, they are scaled down together; when every line fits,
    all columns grow in proportion. ``prose``: positions of columns of running text (a
    name), which wrap anywhere without harm; where the others' lines fit beside their
    longest words, those lines get their room first and the prose columns the rest (a
    Chinese line longer than its column breaks inside a term: "（2020 / 年）"). ``whole``:
    positions of columns whose every line is one term (a department a line: "市人力资源社会
    保障 / 局" was broken).

    When the longest words do not fit side by side, the prose columns give first, down to a
    term (:data:`CJK_TERM` characters) or their longest Latin word: scaling every column to
    97 % had broken the words each was fitted to ("目标年 / 份", "缺2025年数 / 据").
    """
    if shown.shape[1] == 0:
        raise ValueError("a table without columns has no widths")
    unit = Pt(SIZES["table"]) / 2  # half an em: a Latin letter, half a CJK character
    need = np.array([
        np.max([_text_units(t) for t in [str(c), *("—" if _missing(v) else str(v)
                                                    for v in shown[c])]], axis=0)
        for c in shown.columns
    ], dtype=float).reshape(-1, 2)  # fmt: skip
    for j in whole:
        need[j, 0] = need[j, 1]
    lo = need[:, 0] * unit + padding
    hi = np.maximum(need[:, 1] * unit + padding, lo)
    free = np.isin(np.arange(len(lo)), list(prose))
    if lo.sum() > total and free.any():  # running text wraps anywhere: it gives first
        least = np.array([max(2 * CJK_TERM, *(_latin_word(str(t)) for t in [c, *shown[c]]))
                          for c in shown.columns], dtype=float) * unit + padding  # fmt: skip
        give = np.where(free, np.maximum(lo - least, 0), 0)
        if give.sum() > 0:
            lo = lo - give * min(1.0, (lo.sum() - total) / give.sum())
    if free.any() and hi[~free].sum() + lo[free].sum() <= total < hi.sum():
        widths = np.where(free, lo, hi)
        widths[free] += (hi - lo)[free] * (total - widths.sum()) / (hi - lo)[free].sum()
    elif lo.sum() >= total:
        widths = lo * total / lo.sum()
    elif hi.sum() <= total:
        widths = hi * total / hi.sum()
    else:
        widths = lo + (hi - lo) * (total - lo.sum()) / (hi - lo).sum()
    out = [int(w) for w in np.floor(widths)]
    out[int(np.argmax(widths))] += int(total) - sum(out)  # exact total
    return out


def _table(doc, shown: pd.DataFrame, statuses: Sequence[str] | None = None,
           width: int = TEXT_WIDTH, *, group: str | None = None,
           prose: Sequence[str] = (), whole: Sequence[str] = ()) -> None:  # fmt: skip
    """A grid table of display strings, ``width`` wide with columns fitted to their text
    (:func:`column_widths`; ``prose``: the columns of running text); the header row repeats
    on every page. ``group``: a column whose value heads its rows in a full-width row of
    its own instead of a column (the plan section: nine columns did not fit a landscape
    page without breaking figures inside)."""
    from . import style

    heads = shown[group] if group is not None else None
    shown, widths = _fitted(shown, width, group=group, prose=prose, whole=whole)
    table = doc.add_table(rows=1, cols=len(shown.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word and LibreOffice keep the widths below
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(header.cells, shown.columns, strict=True):
        _cell_text(cell, str(text), bold=True)
        _shade(cell, "DDDDDD")
    status_col = None
    if statuses is not None:
        status_words = {status_label(c, lang) for c in STATUS_CODES for lang in labels.LANGS}
        for j, col in enumerate(shown.columns):
            if shown[col].astype(str).isin(status_words).any():
                status_col = j
    current = None
    for i, values in enumerate(shown.itertuples(index=False)):
        if heads is not None and heads.iloc[i] != current:
            current = heads.iloc[i]
            _group_row(table, str(current))
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell_text(cell, "—" if _missing(value) else str(value))
            if j == status_col and statuses is not None:
                fill = style.STATUS_FILLS.get(statuses[i])
                if fill:
                    _shade(cell, fill)
        # a row never splits across pages
        table.rows[-1]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    if len(table.rows) > 1:  # the last row keeps with what follows (the table's note): the
        # note had been printed alone on a page of its own
        for cell in table.rows[-1].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    for row in table.rows:  # Word reads the cells' widths, LibreOffice the grid's
        cells = row.cells
        if len({id(c._tc) for c in cells}) == 1 and len(cells) > 1:  # a group's own row
            cells[0].width = sum(widths)
            continue
        for cell, w in zip(cells, widths, strict=True):
            cell.width = w


def _fitted(
    shown: pd.DataFrame, width: int, *, group: str | None = None, prose: Sequence[str] = (),
    whole: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[Twips]]:  # fmt: skip
    """The columns :func:`_table` prints (without ``group``, a Chinese header's bracketed
    part on a line of its own: "预计值 / [80%区间]") and their widths in whole twips."""
    if group is not None:
        shown = shown.drop(columns=[group])
    shown = shown.rename(columns=lambda c: str(c).replace(" [", "\n[")
                         if _CJK_BREAK.search(str(c)) else c)  # fmt: skip
    widths = _whole_twips(column_widths(
        shown, width, prose=[j for j, c in enumerate(shown.columns) if c in prose],
        whole=[j for j, c in enumerate(shown.columns) if c in whole]))  # fmt: skip
    return shown, widths


def _status_layout(lang: str) -> dict:
    """How the status table is laid out (:func:`_table`'s options): a row per plan section
    heading its targets, the name wrapping in the room the other columns leave, and in
    Chinese the department lines kept whole (a name a line had been "市人力资源社会保障 / 局")."""
    return {"group": label("col.section", lang), "prose": [label("col.name", lang)],
            "whole": [label("col.departments", lang)] if lang == "zh" else []}  # fmt: skip


def _line_room(shown: pd.DataFrame, column: str, width: int, lang: str) -> int:
    """Half-ems (a CJK character two) a line of the status table's ``column`` holds when
    :func:`_table` prints ``shown`` ``width`` wide: its fitted width less the cell's margins,
    at the table's point size."""
    layout = _status_layout(lang)
    kept = [c for c in shown.columns if c != layout["group"]]
    _, widths = _fitted(shown, width, **layout)
    room = (Emu(widths[kept.index(column)]) - CELL_PADDING) / (Pt(SIZES["table"]) / 2)
    return math.floor(room + 1e-6)  # a line fitted to its column exactly, not one unit less


def _whole_twips(widths: Sequence[int]) -> list[Twips]:
    """Widths (EMU) as whole twips with the same total, rounded, as Word stores them.

    The grid and every cell store twips; a row spanning all columns got the rounded sum of
    the widths while the grid summed the rounded widths, one twip apart on some tables.
    """
    twips = [Emu(int(w)).twips for w in widths]
    twips[int(np.argmax(widths))] += Emu(int(sum(widths))).twips - sum(twips)
    return [Twips(t) for t in twips]


def _group_row(table, text: str) -> None:
    """A full-width row heading the rows under it (bold, shaded), kept with the next row."""
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    _cell_text(cell, text, bold=True)
    cell.paragraphs[0].paragraph_format.keep_with_next = True  # no heading alone at a foot
    _shade(cell, "F2F2F2")
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _cell_text(cell, text: str, *, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.1
    _no_auto_space(p)
    run = _prose(p, true_minus(text))  # "−3.2%", "2020-2025": no line break after the sign
    run.font.size = Pt(SIZES["table"])
    run.font.bold = bold
    if bold:
        _set_fonts(run._r.get_or_add_rPr(), HEADING_FONT)


def _no_auto_space(p) -> None:
    """No extra space between Chinese and Latin letters or digits in a table cell
    (``w:autoSpaceDE``/``w:autoSpaceDN`` off): the columns are fitted to the characters
    themselves (:func:`column_widths`), and the word processor's added spaces in
    "905 家（2020 年）" pushed a fitted line over its column, which then broke inside."""
    ppr = p._p.get_or_add_pPr()
    spacing = ppr.find(qn("w:spacing"))  # the schema's order: autoSpace* before spacing
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = parse_xml(f'<{tag} {nsdecls("w")} w:val="0"/>')
        if spacing is not None:
            spacing.addprevious(el)
        else:
            ppr.append(el)


def _sources(results, as_of: int, lang: str) -> list[str]:
    """One line per source of the home-region figures the brief rests on (up to ``as_of``):
    the one figure per indicator and year a series takes (``series.best_figures``), so a
    preliminary figure replaced by the final one is not counted as assessed, and the
    figures it quotes beside them (a growth-rate target's reported growth, ``gaps.rate_years``;
    a milestone's figure of another definition or a bound, ``gaps.other_definition_figures``):
    the 2022 plan-execution report was credited with one figure while the brief quoted two."""
    from .gaps import other_definition_figures, rate_years
    from .plots import _source_name, _sources_and_files
    from .series import best_figures

    obs = best_figures(results.observations)
    used = obs[
        (obs["region"] == config.HOME_REGION)
        & (obs["year"] <= as_of)
        & obs["indicator_id"].isin(results.targets["indicator_id"])
    ]
    keys = ["indicator_id", "year", "status"]
    rates = rate_years(results.indicators, results.targets, results.observations, as_of=as_of)
    quoted = pd.concat([
        # a growth figure's row is under the growth indicator it is kept as
        rates.assign(indicator_id=rates["kept_as"]).reindex(columns=keys),
        other_definition_figures(results.observations, results.gaps).rename(
            columns={"milestone_year": "year"}).reindex(columns=keys),
    ]).drop_duplicates()  # fmt: skip
    home = results.observations[(results.observations["region"] == config.HOME_REGION)
                                & (results.observations["year"] <= as_of)]  # fmt: skip
    said = pd.MultiIndex.from_frame(home[keys]).isin(pd.MultiIndex.from_frame(quoted))
    beside = home[said & ~home.index.isin(used.index)]
    used = pd.concat([used, beside])
    used = used.assign(source=used["source"].fillna("").astype(str).str.strip())
    used = used[used["source"] != ""]
    # in English, one source typed in two departments' returns is two items, each saying
    # whose return it is
    used = used.assign(_file=[f or "" for _, f in _sources_and_files(used, lang)])
    out = []
    for (source, file), g in used.groupby(["source", "_file"], sort=True):
        lo, hi = int(g["year"].min()), int(g["year"].max())
        years = year_span(lo, hi, lang)
        name = _source_name(source, lang, file=file or None)
        out.append(label("brief.source_item", lang, source=name, years=years, n=len(g)))
    return out


# --------------------------------------------------------------------------- the document


def status_table(gaps: pd.DataFrame, indicators: pd.DataFrame, *, lang: str,
                 checks: pd.DataFrame | None = None, reliability: dict | None = None,
                 flows: pd.DataFrame | None = None, rates: pd.DataFrame | None = None,
                 width: int = TABLE_WIDTH):  # fmt: skip
    """The landing page's table of every target: (display frame, status code per row).

    As on the landing page, the graded words stand under the percent (a narrow column),
    where the target path stands under the latest figure, a latest figure that looks
    wrong (``checks``) says "to verify", and a probability the longer series' backtests find
    may be too low or too high (``reliability``, ``views.reliability_keys``) says so; a
    yearly flow's other years (``flows``, ``gaps.flow_years``) stand under its name and a
    growth-rate target's growth figures (``rates``, ``gaps.rate_years``) under its latest
    figure, as on the page. In Chinese, the departments join by "、" as many to a line as
    their column holds when the brief prints the table ``width`` wide (:func:`_line_breaks`).
    """
    from .views import format_overview, other_years_words, rate_words, target_overview

    overview = target_overview(gaps, indicators, lang=lang, checks=checks,
                               reliability=reliability)  # fmt: skip
    shown = format_overview(overview, lang=lang, prob_sep="\n", path_sep="\n", reasons=False)
    rows = overview.to_dict("records")
    # under the status, as on the page, format_overview puts ``views.status_lines``: the
    # year of the figures a status was graded on when its milestone year is over without its
    # own ("按2022年数据": the brief did not say it, the planner's review), what would turn a
    # grade, and whether an outcome is provisional (it stood under the probability). Why a
    # target lacks data ("仅有基期值") the brief says in its section sentences: the table,
    # nine columns on a landscape page, has no room left for it
    for key, words in (("col.name", [other_years_words(r, flows, lang) for r in rows]),
                       ("col.latest", [rate_words(r, rates, lang) for r in rows])):  # fmt: skip
        col = label(key, lang)
        shown[col] = [f"{cell}\n{w}" if w else cell for cell, w in zip(shown[col], words,
                                                                       strict=True)]  # fmt: skip
    if lang != "zh" or shown.empty:
        return _line_breaks(shown, lang), list(overview["status"])
    # the departments' column is as wide as their longest name (kept whole) when each has a
    # line of its own; its lines then take as many names as that width holds
    room = _line_room(_line_breaks(shown, lang), label("col.departments", lang), width, lang)
    return _line_breaks(shown, lang, per_line=room), list(overview["status"])


def _department_lines(name: str) -> str:
    """A Chinese department's name longer than :data:`DEPARTMENT_LINE` characters on two
    lines, before the kind of body it ends in: "市开发区改革发展\\n工作办公室"."""
    if len(name) <= DEPARTMENT_LINE:
        return name
    # the shortest head: "领导小组办公室" rather than "办公室" when the name ends in it
    found = re.fullmatch(f"(.+?)({'|'.join(map(re.escape, DEPARTMENT_KINDS))})", name)
    return f"{found[1]}\n{found[2]}" if found else name


def _line_breaks(shown: pd.DataFrame, lang: str, *, per_line: float = 0) -> pd.DataFrame:
    """The Chinese table's cells broken where a reader breaks them: departments between two
    names, the target after its baseline, a figure's bracket and a range under the figure,
    after a full-width comma or semicolon. A word processor breaks Chinese between any two
    characters, so a column fitted to its longest term still printed "市财政 / 局", "1,300 /
    家" and "（2020 / 年）" once its lines ran longer than the column; lines that fit are
    never broken inside.

    ``per_line``: half-ems (a CJK character two) a line of the departments' column holds;
    its names join by "、" as many to a line as fit (``export.department_lines``, as the
    workbook's cells do); 0 gives each name a line of its own, as the table had them: rows
    up to five lines tall, and the final evaluation's table ran over five pages at about
    three rows a page (the planner's print review)."""
    from .export import department_lines

    out = shown.copy()
    if len(out):  # "(inferred from a related measure)" on a line of its own: beside the last
        # department it read as that one's only (the English reader's review)
        depts = label("col.departments", lang)
        inferred = label("fmt.departments_inferred", lang)
        out[depts] = out[depts].str.replace(inferred, "\n" + inferred.strip(), regex=False)
    # Chinese only: English breaks at its spaces (one department a line made its rows tall);
    # an empty table's columns hold no text to break
    if lang == "zh" and len(out):
        # a long name before its kind ("市开发区改革发展 / 工作办公室"): fitted whole, its
        # column took a fifth of the table and the others were cut inside their words; the
        # inferred tag stays on its line. department_lines keeps one character of a width for
        # a cell's margins, which ``per_line`` has had taken off already
        out[depts] = [
            "\n".join([department_lines([_department_lines(n) for n in names.split(
                label("fmt.dept_sep", lang))], lang, per_line + 1), *tag])
            for names, *tag in (cell.split("\n", 1) for cell in out[depts])
        ]  # fmt: skip
        target = label("col.baseline_to_target", lang)
        out[target] = out[target].str.replace(" → ", "\n→ ", regex=False)
        latest = label("col.latest", lang)
        # "（2020年）" under its figure, in both columns: LibreOffice's metrics are wider
        # than the ones the columns are fitted to, and it printed "（2020 / 年）"
        for col in (target, latest):
            out[col] = out[col].str.replace(r"^([^（\n]+)（", "\\1\n（", regex=True)
        # a yearly flow's "（2021—2025年每年）" under its target
        out[target] = out[target].str.replace(r"(→ [^（\n]+)（", "\\1\n（", regex=True)
        # "按路径2022年应为" over its figure
        by = re.escape(label("fmt.on_path_by", lang, value="", year="YEAR"))
        by = "(" + by.replace("YEAR", r"\d{4}") + ")"
        out[latest] = out[latest].str.replace(by, "\\1\n", regex=True)
        needed = label("fmt.needed_from_now", lang, value="")  # "此后需年均" over its change
        out[latest] = out[latest].str.replace(needed, needed + "\n", regex=False)
        # "2023年达标需 / 年均+3.3%", a milestone year over
        over = label("fmt.needed_over", lang, value="", year="YEAR").split("需")[0] + "需"
        over = "(" + re.escape(over).replace("YEAR", r"\d{4}") + ")"
        out[latest] = out[latest].str.replace(over, "\\1\n", regex=True)
        # "2020年以来年均" over its change
        since = re.escape(label("fmt.pace_since", lang, value="", year="YEAR"))
        since = "(" + since.replace("YEAR", r"\d{4}") + ")"
        out[latest] = out[latest].str.replace(since, "\\1\n", regex=True)
        projected = label("col.projected_range", lang)
        out[projected] = out[projected].str.replace(" [", "\n[", regex=False)
        # "（2025年，\n预计数）", "初步结果，\n待正式数", "约各半；\n缺2025年数据"
        for col in (latest, label("col.p_meet", lang)):
            out[col] = out[col].str.replace(r"([，；])(?!\n)", "\\1\n", regex=True)
        # "按2022年\n数据" under a status: the status column stays narrow
        status = label("col.status", lang)
        out[status] = out[status].str.replace(r"\n按(\d{4}年)数据", "\n按\\1\n数据", regex=True)
        # the other lines under a status at their natural breaks: "初步结果，\n待正式数",
        # "若2021年增速不低于\n11.9%，\n即可达标", "2024年已达到，\n待2025年\n数据确认"
        out[status] = (out[status].str.replace(r"([，；])(?!\n)", "\\1\n", regex=True)
                       .str.replace(r"(\d{4}年增速)(未计)", "\\1\n\\2", regex=True)
                       .str.replace(r"(增速(?:不低于|低于)|降幅(?:不超过|超过))(\d)", "\\1\n\\2",
                                    regex=True)
                       .str.replace(r"(待\d{4}年)(数据确认)", "\\1\n\\2", regex=True))  # fmt: skip
        # "回测显示\n可能偏低": eight characters, longer than the term the column is fitted
        # to, printed "回测显示可能偏 / 低" (the print review)
        for key in ("fmt.p_backtest_low", "fmt.p_backtest_high"):
            words = label(key, lang)
            out[label("col.p_meet", lang)] = out[label("col.p_meet", lang)].str.replace(
                words, f"{words[:4]}\n{words[4:]}", regex=False)  # fmt: skip
        # a running total's "（2021年起累计新增）" at its natural break
        out[target] = out[target].str.replace(r"（(\d{4}年起)累计新增）", "（\\1\n累计新增）",
                                              regex=True)  # fmt: skip
    return out


def build_brief(
    results, *, lang: str = "zh", charts: Sequence[Chart] = (), as_of: int | None = None
):
    """Assemble the brief as a ``docx.Document`` (not yet saved).

    Parameters
    ----------
    results : compute.Results
        The computed suite (gaps, indicators, observations, targets).
    lang : {"zh", "en"}
    charts : sequence of Chart
        From :func:`brief_charts`; inserted at print width with numbered captions.
    as_of : int, optional
        Default :func:`brief_as_of`.

    Returns
    -------
    docx.document.Document
    """
    labels._check_lang(lang)
    results = _xml_safe(results)
    as_of = brief_as_of(results) if as_of is None else as_of
    gaps, indicators = results.gaps, results.indicators
    doc = Document()
    _styles(doc, lang)
    _page(doc, lang)
    _font_table(doc)
    _core_properties(doc, lang, as_of)
    _drop_thumbnail(doc)

    # the plan's period over (data up to its last year): its final evaluation, not a
    # monitoring brief with "progress" headings (the planner's re-read)
    final = "_final" if as_of >= config.PLAN_END_YEAR else ""
    doc.add_paragraph(label("brief.title" + final, lang), style="Title")
    # an --as-of run uses each year's figure as known now (revisions included), as the
    # landing page says; the brief is what gets circulated, so it says so too
    # a --known-by run is a reconstruction of what was known on a day: said on the cover,
    # under the year its data run to, or it circulates as the figures known now (and its
    # --as-of year is then no longer "as known now")
    known = getattr(results, "known_by", None)
    dated = "brief.as_of" if results.as_of is None or known else "brief.as_of_vintage"
    cover = [label(dated, lang, year=as_of)]
    cover += [label("known_by.cover", lang, date=known)] if known else []
    for text in (*cover, label("brief.prepared_by", lang, blank=BLANK[lang])):
        p = _paragraph(doc, text, indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading(label("brief.h_overview", lang), level=1)
    for text in overview_sentences(gaps, as_of=as_of, lang=lang):
        _paragraph(doc, text)
    from .views import milestones_over_note

    over = milestones_over_note(results, lang)  # milestone years over: as the page says
    if over:
        _paragraph(doc, over)
    checks = getattr(results, "checks", None)
    from .views import caveat_items, fiscal_point, key_points, reliability_keys, target_overview

    # what to conclude, as the landing page says it first (a † is Table 1's note)
    overview = target_overview(gaps, indicators, lang=lang, checks=checks,
                               reliability=reliability_keys(getattr(results, "events", None),
                                                            gaps))  # fmt: skip
    from .gaps import flow_years

    flows = flow_years(indicators, results.targets, results.observations, as_of=results.as_of)
    points = key_points(overview, lang, fiscal=fiscal_point(
        getattr(results, "fiscal_exposure", None), getattr(results, "fiscal", None), lang),
        flows=flows)  # fmt: skip
    if points:
        _paragraph(doc, (label("points.heading", lang) + label("fmt.colon", lang)).rstrip(),
                   indent=False)  # fmt: skip
        for text in points:
            _paragraph(doc, text)
        if overview["caveat"].astype(bool).any():  # the † said where it is first read, each
            # marked target's reason with its numbers (it was explained on page 8 only: the
            # report writer's review)
            items = label("brief.item_sep", lang).join(caveat_items(overview, lang))
            _paragraph(doc, label("brief.points_caveat", lang, items=items))
    if checks is not None and len(checks):  # before any number built on them is read
        from .views import checks_warning

        _paragraph(doc, checks_warning(checks, "brief", lang))

    doc.add_heading(label("brief.h_sections" + final, lang), level=1)
    story = results_narrative(results, lang=lang, as_of=as_of)
    for n, (section, part) in enumerate(story.groupby("section", sort=False), start=1):
        numeral = _chinese_numeral(n) if lang == "zh" else n
        doc.add_heading(label("brief.h_section", lang, n=numeral, section=section), level=2)
        for text in part["sentence"]:
            _paragraph(doc, text)

    _new_section(doc, landscape=True)  # nine columns: a landscape page
    doc.add_heading(label("brief.h_table" + final, lang), level=1)
    from .gaps import rate_years
    from .views import forecast_probabilities, no_own_figure, reliability_keys, settled

    shown, codes = status_table(gaps, indicators, lang=lang, checks=checks,
                                flows=flows,  # the key points' (the same years)
                                rates=rate_years(indicators, results.targets,
                                                 results.observations, as_of=results.as_of),
                                reliability=reliability_keys(getattr(results, "events", None),
                                                             gaps))  # fmt: skip
    # at the final evaluation no cell holds a forecast's probability (an outcome, or a
    # milestone year's figure still missing): the note says how to read those instead
    shown_rows = gaps[gaps["milestone_year"].isin(config.MILESTONE_YEARS)]  # the table's
    past = [settled(r) or no_own_figure(r) is not None for r in shown_rows.to_dict("records")]
    settled_only = any(past) and not forecast_probabilities(shown_rows).any()
    note = label("brief.table_note_settled" if settled_only else "brief.table_note", lang)
    if shown[label("col.p_meet", lang)].str.contains("†", regex=False).any():
        note += label("brief.table_note_caveat", lang)  # the † the section text explains
    if (
        shown[label("col.departments", lang)]
        .str.contains(label("fmt.departments_inferred", lang).strip(), regex=False)
        .any()
    ):  # the tag, said once in words
        note += ("" if lang == "zh" else " ") + label("landing.inferred_note", lang)
    # the abbreviations its cells use ("IP" in two names), spelt out as the page does
    if abbreviations := abbreviations_note(shown.to_numpy().ravel(), lang):
        note += " " + abbreviations
    # how to read the table, before it: after it, a table ending at a page's foot left its
    # note alone on the next page (Word and LibreOffice keep no table row with what follows)
    _source_line(doc, note)
    _caption(doc, "table", STATUS_TABLE, label("brief.table_title" + final, lang), lang)
    _table(doc, shown, codes, width=TABLE_WIDTH, **_status_layout(lang))
    _new_section(doc, landscape=False)

    doc.add_heading(label("brief.h_missing", lang), level=1)
    for text in missing_sentences(results, lang=lang):
        _paragraph(doc, text)

    if charts:
        doc.add_heading(label("brief.h_charts", lang), level=1)
        n = 0
        for chart in charts:
            n += not chart.continued  # a continued chart keeps the number of its first part
            _picture(doc, chart.png, chart.title,
                     most=picture_room(chart.title, chart.source, lang))  # fmt: skip
            _caption(doc, "figure", n, chart.title, lang, continued=chart.continued)
            _source_line(doc, chart.source)

    annex = doc.add_heading(label("brief.h_annex", lang), level=1)
    # the annex on a page of its own, by the heading itself: an empty paragraph holding a
    # page break spilled onto a blank page of its own when the charts filled theirs (the
    # English reader's review: page 11 of 14 was empty)
    annex.paragraph_format.page_break_before = bool(charts)
    doc.add_heading(label("brief.h_methods", lang), level=2)
    levels = label("brief.list_sep", lang).join(f"{lv}%" for lv in config.LEVELS)
    for key, fields in (
        ("plan.basis", {}),
        ("brief.m_series", {}),
        *known_by_method(results),
        ("brief.m_paths", {}),
        # the ratios as notebook 04's words and the notes sheet say them
        ("brief.m_growth", grading_words()),
        ("brief.m_forecast", {"levels": levels}),
    ):
        _paragraph(doc, label(key, lang, **fields))
    from .views import reference_note, reliability_note

    # what the short-series probabilities are anchored to, and how they have fared: in
    # words a printed brief can carry (the technical notes name the files)
    reference = reference_note(getattr(results, "anchors", None), results.indicators,
                               lang=lang, where="brief")  # fmt: skip
    if reference:
        _paragraph(doc, reference)
    if reading := reliability_note(results, lang, where="brief"):
        _paragraph(doc, reading)
    _paragraph(doc, label("brief.m_generated", lang))
    from .views import definitions

    # what the specialist indicators count: the page and the workbook said it, the document
    # that goes to the vice-mayor did not (the planner's review)
    said_of = definitions(results.indicators, results.targets, lang)
    # always headed, so the annex's sections keep their numbers (a registry without
    # definitions went from （一） to （三）: the diff review)
    doc.add_heading(label("brief.h_definitions", lang), level=2)
    _paragraph(doc, label("landing.definitions_lead" if said_of else "brief.no_definitions",
                          lang))  # fmt: skip
    for name, text in said_of:  # curly quotes in English, a Chinese term beside them
        line = f"{name}{label('fmt.colon', lang)}{text}"
        _paragraph(doc, curly_quotes(line) if lang == "en" else line)
    doc.add_heading(label("brief.h_sources", lang), level=2)
    sources = _sources(results, as_of, lang)
    _paragraph(doc, label("brief.sources_intro" if sources else "brief.no_sources", lang))
    for k, text in enumerate(sources, start=1):  # titles as published: no sign is changed
        _paragraph(doc, f"{k}. \0", indent=False, verbatim=text)
    _technical_notes(doc, results, lang)
    return doc


def _technical_notes(doc, results, lang: str) -> None:
    """The annex's last section, for the statisticians: the command that regenerates the
    brief, the project files behind its methods, and the fonts. Software and file names
    are no part of a document to issue (found by the report writer's review): they stand
    here alone, under a line saying the section may be removed before issue."""
    doc.add_heading(label("brief.h_technical", lang), level=2)
    _paragraph(doc, label("brief.m_technical", lang))
    inputs = getattr(results, "inputs", ())
    command = rerun_command(
        results.observations,
        # the run's own --as-of, or none: the data's year cut other regions' later figures,
        # and --as-of 2026's settled milestones were graded again
        getattr(results, "as_of", None),
        getattr(results, "prefer", ()),
        inputs,
        known_by=getattr(results, "known_by", None),
    )
    where = label("brief.rerun_" + rerun_place(results.observations, inputs), lang)
    # a command to copy keeps its hyphens ("-1.csv" too) and ends its paragraph
    _paragraph(doc, label("brief.m_reproduce", lang, command="\0", where=where),
               verbatim=command)  # fmt: skip
    _paragraph(doc, label("brief.m_files", lang))
    _paragraph(doc, label("brief.m_fonts", lang))


def _chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def brief_bytes(doc) -> bytes:
    """The document's bytes, reproducibly (fixed zip entry dates; see the module docstring)."""
    from .export import deterministic_zip

    raw = io.BytesIO()
    doc.save(raw)
    return deterministic_zip(raw.getvalue())


def _xml_safe(results):
    """``results`` with every character XML 1.0 (so a .docx) cannot hold - the C0 controls
    other than tab, LF and CR, openpyxl's ``ILLEGAL_CHARACTERS_RE`` as the workbook uses it -
    replaced by a space in its tables' text.

    Observations read by ``load_observations`` never hold one; frames built in a notebook
    may, and python-docx would refuse the whole document for it.
    """
    if not dataclasses.is_dataclass(results):
        return results
    changed = {}
    for f in dataclasses.fields(results):
        frame = getattr(results, f.name)
        if not isinstance(frame, pd.DataFrame):
            continue
        texts = [c for c in frame.columns if frame[c].dtype == object]
        bad = [c for c in texts
               if frame[c].map(lambda v: isinstance(v, str) and bool(ILLEGAL_CHARACTERS_RE.search(v))).any()]  # fmt: skip
        if bad:
            frame = frame.copy()
            for c in bad:
                frame[c] = frame[c].map(
                    lambda v: ILLEGAL_CHARACTERS_RE.sub(" ", v) if isinstance(v, str) else v
                )
            changed[f.name] = frame
    return dataclasses.replace(results, **changed) if changed else results


def write_brief(
    results,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh",
    figures_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``监测简报_<as-of>.docx`` (zh) or ``monitoring-brief_<as-of>.docx`` (en), named
    as a final evaluation's once the data reach the plan's last year (:func:`brief_path`).

    Parameters
    ----------
    results : compute.Results
    out_dir : path-like, optional
        Default ``config.REPORTS_DIR``.
    lang : {"zh", "en"}
    figures_dir : path-like, optional
        Where the figures stage of the same run wrote the PNGs (the pipeline passes its
        own); a chart not found there, or every chart when None, is drawn from ``results``.

    Returns
    -------
    Path
        The document written (atomically).
    """
    from .export import atomic_write_bytes

    labels._check_lang(lang)
    as_of = brief_as_of(results)
    out = brief_path(config.REPORTS_DIR if out_dir is None else out_dir, as_of, lang)
    results = _xml_safe(results)  # the charts' titles and sources too
    with tempfile.TemporaryDirectory(prefix="langfang-brief-") as scratch:
        charts = brief_charts(results, lang=lang, figures_dir=figures_dir, scratch_dir=scratch)
        data = brief_bytes(build_brief(results, lang=lang, charts=charts, as_of=as_of))
    return atomic_write_bytes(out, data)
