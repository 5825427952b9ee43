"""Data requests: one bilingual workbook per responsible department, read back as input.

``langfang-metrics request DIR`` turns the to-do list of :func:`coverage.missing_figures`
(targeted indicator × plan year without a series-grade figure) into one workbook per
department the plan names as responsible (a target with several departments goes to each),
named ``数据征集表_<部门>.xlsx``:

* 封面 cover — who asks, what for, how to fill in and return the form;
* 征集 request — one row per missing (indicator, year), header frozen, with the latest
  figure before that year and the plan's targets beside cells for value, unit, status,
  source, publication date, URL, quote and note; drop-down lists (Excel data validation)
  for status and unit, a date rule for the publication date; rows where we hold a figure
  that does not count (a bound, a part-year figure, another definition) are pre-filled with
  it, shaded and described in the read-only "figure held" columns (its publication date
  under its source), so the department confirms or corrects it;
* 指标说明 indicators — definition, unit, kind, the plan's sentence, the 2020 baseline, the
  targets and the years requested;
* 填表说明 notes — the rules in Chinese and English.

The request sheet's headers are the input contract's, so :func:`observations.load_observations`
reads a returned workbook as it is (rows left without a value are unanswered requests and are
skipped). No formulas; every text cell is stored as text; the bytes are the same on every run.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from . import config, coverage, registry
from ._checks import plan_year
from .errors import Refusal
from .export import (
    LINE_HEIGHT,
    _clean,
    _workbook_bytes,
    atomic_write_all,
    refuse_inside_published,
    refuse_inside_raw,
    row_line_height,
    wrapped_lines,
)
from .labels import (
    COMPARISON_SIGNS,
    LABELS,
    bilingual,
    clause_label,
    department_label,
    known_departments,
    label,
    obs_status_label,
    split_departments,
    year_span,
)
from .observations import (
    REQUEST_SHEET,
    earliest_published,
    input_files,
    load_observations,
    shown_path,
    unit_choices,
)
from .series import select_series
from .template import TEMPLATE_HEADERS, published_validation
from .views import (
    check_label,
    fmt_growth_target,
    fmt_value,
    rebased_baseline_words,
    rebased_words,
    year_unit,
)

#: File name of a department's request; ``{department}`` is its simplified Chinese name.
FILE_PATTERN = "数据征集表_{department}.xlsx"
#: The name of a later round's requests (:func:`next_round`), when the figures read hold
#: returns of an earlier round: every round's return goes into one folder (as the cover
#: says), and a second round under the first one's name replaced the first return, whose
#: answers were then asked for again.
ROUND_PATTERN = "数据征集表_{department}_第{round}轮.xlsx"
_NAME_RE = re.compile(
    r"^数据征集表_(?P<department>.+?)(?:_第(?P<round>\d+)轮)?"
    r"(?:\s*[(（]\d+[)）])?\.xlsx$",
    re.IGNORECASE,
)  # "… (1).xlsx": a copy


def request_of(file) -> tuple[str, int] | None:
    """``(department, round)`` of a returned request workbook, None for any other file.

    Read from the hidden defined name the request records both in (:data:`IDENTITY_NAME`),
    else from its cover, which names both ("（第2轮）" in its title, "致：市科技局" under it),
    so a return renamed by its sender ("…_第2轮-已填.xlsx", "科技局反馈.xlsx") is
    still known: read from the name alone it restarted the rounds and the next requests
    took the names of ones already sent. A file that cannot be opened (or named only, as in
    a listing) is known by its name as ``request`` names them (a "(1)" copy too).
    """
    path = Path(str(file))
    named = _NAME_RE.match(path.name)
    by_name = (named["department"], int(named["round"] or 1)) if named else None
    # as given (a command's inputs, from the working folder), else from the project (the
    # origin files of figures are named from it): the working folder's copy was missed
    for place in (path, Path(config.PROJ_ROOT) / path) if not path.is_absolute() else (path,):
        try:
            stat = place.stat()
        except OSError:
            continue
        if place.suffix.lower() != ".xlsx":
            break
        found = _cover_identity(str(place.resolve()), stat.st_mtime_ns, stat.st_size)
        if found and by_name and found[0] not in known_departments():
            # a cover whose addressee the department rewrote ("致：廊坊市科学技术局"): the
            # name, when it names a department, says whose it is; the cover its round
            return by_name[0], found[1]
        if found:
            return found
        break
    return by_name


def same_returns(files) -> list[tuple[tuple[str, int], list[str]]]:
    """Groups of two or more ``files`` that are returns of one request (the same department
    and round, :func:`request_of`), each group's files in the order given: a backup copy
    beside the renamed return merged without a word, and the copy became the figures'
    origin (the officer's review). Two offices may each fill their part of one request, so
    the note asks to remove an older copy, not to keep one file (the diff review)."""
    groups: dict[tuple[str, int], list[str]] = {}
    for f in files:
        found = request_of(f)
        if found is not None and str(f).lower().endswith(".xlsx"):
            groups.setdefault(found, []).append(str(f))
    return [(k, v) for k, v in groups.items() if len(v) > 1]


def same_return_lines(files, lang: str = "zh") -> list[str]:
    """One line per group of :func:`same_returns`: "市统计局第1轮：a.xlsx、b.xlsx"."""
    out = []
    for (dept, round_), names in same_returns(files):
        # the files as the OK line names them: two copies of one name looked alike (the
        # statistician's review)
        shown = label("brief.list_sep", lang).join(shown_path(Path(n)) for n in names)
        out.append(label("cli.same_return_line", lang, department=department_label(dept, lang),
                         round=round_, files=shown))  # fmt: skip
    return out


#: A request cover's Chinese title (first cell), its round from 2 on; and its addressee.
_COVER_TITLE = re.compile(
    "^" + re.escape(label("request.title", "zh")) + r"(?:（第(?P<round>\d+)轮）)?$"
)
_COVER_TO = re.compile(r"^致\s*[：:]\s*(.+)$")
#: The hidden defined name that records a request's department and round ("市科技局|2").
IDENTITY_NAME, IDENTITY_SEP = config.REQUEST_IDENTITY_NAME, "|"


def _identity_of(wb) -> tuple[str, int] | None:
    """``(department, round)`` the request recorded in its hidden defined name, or None."""
    try:
        found = wb.defined_names.get(IDENTITY_NAME)
    except (AttributeError, KeyError, TypeError):
        return None
    text = (getattr(found, "attr_text", "") or "").strip().strip('"')
    department, sep, round_ = text.rpartition(IDENTITY_SEP)
    if not sep or not department.strip() or not round_.isdigit():
        return None
    return department.strip(), int(round_)


@lru_cache(maxsize=512)
def _cover_identity(path: str, _mtime_ns: int, _size: int) -> tuple[str, int] | None:
    """``(department, round)`` from a request workbook's cover, None when the file has no
    such cover (any other workbook, or one that cannot be read). Cached by path, time and
    size: a run asks for each returned file several times."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a readable workbook: known by its name, if at all
        return None
    try:
        if (recorded := _identity_of(wb)) is not None:
            return recorded
        if not wb.worksheets:
            return None
        cells = [str(row[0]).strip() for row in wb.worksheets[0].iter_rows(
            min_row=1, max_row=10, max_col=1, values_only=True) if row and row[0] is not None]  # fmt: skip
    finally:
        wb.close()
    # an older request, without the name: its cover, a row or two added above the title
    at = next((i for i, c in enumerate(cells) if _COVER_TITLE.match(c)), None)
    title = _COVER_TITLE.match(cells[at]) if at is not None else None
    to = next((m for m in map(_COVER_TO.match, cells[at + 1 :]) if m), None) if title else None
    if title is None or to is None:
        return None
    return to.group(1).strip(), int(title["round"] or 1)


#: Who asks (the plan's issuer, ``data/raw/plan/plan_metadata.csv``).
ISSUER_ZH, ISSUER_EN = "廊坊市科学技术局", "Langfang Municipal Science and Technology Bureau"

_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_HELD_FILL = PatternFill("solid", fgColor="FFF2CC")
#: Rows pre-filled with a preliminary figure or an estimate, whose final figure is asked for.
_PROVISIONAL_FILL = PatternFill("solid", fgColor="E2EFDA")
_REF_FILL = PatternFill("solid", fgColor="EDEDED")
#: Rows pre-filled with a figure that looks wrong (``coverage.suspect_figures``), to verify.
_CHECK_FILL = PatternFill("solid", fgColor="FCE4D6")
_BOLD = Font(**config.WORKBOOK_FONT, bold=True)
_TOP = Alignment(vertical="top", wrap_text=True)

#: Request-sheet columns: (key, width). A contract column's key is its input-contract name
#: and its header the template's ("数值 value"); the other keys are labels of reference
#: columns (grey, to read, not to fill in), whose words are no column alias, so the loader
#: ignores them. The figure before the year and the plan's targets stand beside the value
#: cell, so a clerk sees at once a figure in the wrong unit or of another scale. The
#: publication date stands beside the source it dates: without it every returned figure
#: was undated, and a revision of a year could not be told from the figure it revised
#: (the statistician's review). The loader finds every column by its header, so requests
#: sent before it was added read as they did.
REQUEST_COLUMNS = (
    ("indicator_id", 24), ("request.col.name", 24), ("region", 9), ("year", 8),
    ("request.col.previous", 18), ("request.col.goals", 24), ("value", 12), ("unit", 9),
    ("status", 17), ("source", 22), ("published", 12), ("url", 16), ("quote", 22), ("note", 16),
    ("request.col.held", 12), ("request.col.held_status", 30), ("request.col.held_source", 22),
    ("request.col.said", 22), ("request.col.sent_id", 24), ("request.col.sent_previous", 24),
)  # fmt: skip
_COL = {key: j for j, (key, _w) in enumerate(REQUEST_COLUMNS, start=1)}
#: Reference columns (shaded grey) and columns whose text wraps.
_REFERENCE = {j for key, j in _COL.items() if key.startswith("request.col.")}
_WRAP = {_COL[k] for k in ("request.col.name", "request.col.previous", "request.col.goals",
                           "source", "quote", "note", "request.col.held_status",
                           "request.col.held_source", "request.col.said")}  # fmt: skip


def _column_header(key: str) -> str:
    if key.startswith("request.col."):
        return f"{label(key, 'zh')} {label(key, 'en')}"
    return next(f"{zh} {en}" for zh, en in TEMPLATE_HEADERS if en == key)


def _status_choice(code: str) -> str:
    """Drop-down text of an observation status: "正式数 final" (the loader reads it back)."""
    return f"{obs_status_label(code, 'zh')} {code}"


def department_requests(missing: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split the missing-figures table into one frame per department (simplified Chinese).

    Parameters
    ----------
    missing : DataFrame
        :func:`coverage.missing_figures` output.

    Returns
    -------
    dict
        Department → its rows (registry then year order), departments sorted by name.
    """
    out: dict[str, list[int]] = {}
    for pos, names in enumerate(missing["departments_zh"]):
        for name in split_departments(names):
            out.setdefault(name, []).append(pos)
    return {d: missing.iloc[out[d]].reset_index(drop=True) for d in sorted(out)}


def _header(ws, cells: list[str], widths: list[float], title_columns: int = 2) -> None:
    """Header row, column widths and print setup; ``title_columns`` (the indicator's code and
    name) repeat on each page when the sheet prints across pages."""
    for j, (text, width) in enumerate(zip(cells, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=j, value=text)
        cell.data_type, cell.font, cell.fill, cell.alignment = "s", _BOLD, _HEAD_FILL, _TOP
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    ws.print_title_rows = "1:1"
    _landscape(ws, widths, title_columns)


def _landscape(ws, widths=(), title_columns: int = 0) -> None:
    """The main workbook's print setup (:func:`export.fit_landscape`): the request sheet's
    17 columns had printed at 5.6 pt on one page."""
    from .export import fit_landscape

    fit_landscape(ws, widths, title_columns)


def _text(ws, row: int, col: int, value, *, wrap: bool = True):
    cell = ws.cell(row=row, column=col, value=_clean(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if wrap:
        cell.alignment = _TOP
    return cell


def _request_sheet(ws, rows: pd.DataFrame, indicators: pd.DataFrame, targets: pd.DataFrame,
                   observations: pd.DataFrame, department: str = "") -> None:  # fmt: skip
    widths = [w for _k, w in REQUEST_COLUMNS]
    _header(ws, [_column_header(k) for k, _w in REQUEST_COLUMNS], widths)
    region = registry.load_regions().set_index("region").loc[config.HOME_REGION, "name_zh"]
    by_id = indicators.set_index("indicator_id")
    fmt = {iid: _number_format(ind) for iid, ind in by_id.iterrows()}
    goals = {iid: goals_text(by_id.loc[iid], targets[targets["indicator_id"] == iid])
             for iid in rows["indicator_id"].unique()}  # fmt: skip
    series = {iid: select_series(observations, iid, registry=indicators)
              for iid in rows["indicator_id"].unique()}  # fmt: skip
    checks = rows["check"] if "check" in rows.columns else pd.Series("", index=rows.index)
    details = (rows["check_detail"] if "check_detail" in rows.columns
               else pd.Series("", index=rows.index)).fillna("")  # fmt: skip
    suspect = {(i, int(y)) for i, y, c in zip(rows["indicator_id"], rows["year"], checks,
                                              strict=True) if c}  # fmt: skip
    said = said_before(observations)
    dates = held_published(rows, observations)
    units: dict[tuple[str, ...], list[str]] = {}
    for i, (r, check, detail, date) in enumerate(zip(rows.itertuples(index=False), checks,
                                                     details, dates, strict=True), start=2):  # fmt: skip
        held = bool(r.held_status)
        held_status = _status_choice(r.held_status) if held else None
        held_kind = held_status
        if check:  # the figure looks wrong: say what, beside its kind
            held_kind = label("request.to_verify", "zh", status=held_status,
                              check=detail or check_label(check, "zh"),
                              check_en=check_label(check, "en"))  # fmt: skip
        previous = previous_text(series[r.indicator_id], by_id.loc[r.indicator_id],
                                 int(r.year), suspect=suspect)  # fmt: skip
        values = {
            "indicator_id": r.indicator_id, "request.col.name": _name_and_kind(
                r.name_zh, by_id.loc[r.indicator_id, "kind"]), "region": region,
            "year": int(r.year),
            "request.col.previous": previous,
            "request.col.goals": goals[r.indicator_id],
            "value": r.held_value if held else None, "unit": r.unit_zh, "status": held_status,
            "request.col.held": r.held_value if held else None,
            "request.col.held_status": held_kind or label("request.none_held", "zh"),
            # the held figure's date under its source, grey: in the date cell it stuck to
            # the figure a department wrote over the held one, a revision dated as the
            # figure it revised; a gloss put right as the workbook shows it
            # (coverage.SOURCE_TITLES_EN)
            "request.col.held_source": "\n".join(filter(None, (
                coverage.source_words(r.held_source),
                date and label("request.held_published", "zh", published=date)))) if held else None,
            # what the department said last time of the row it left empty, to read (in
            # its own note column it stuck to the figure given later, "经核实…" confirming it)
            "request.col.said": said.get((department, r.indicator_id, int(r.year))),
            # hidden: with the name cell cleared, a code typed over had nothing to differ from
            "request.col.sent_id": r.indicator_id,
            # hidden: the grey figure before as written, so one typed over it is told apart
            # ("9,350家（2023年）" over "9,200家（2022年）" had the shape of the one sent)
            "request.col.sent_previous": previous,
        }  # fmt: skip
        for key, j in _COL.items():
            value = values.get(key)
            cell = _text(ws, i, j, value, wrap=j in _WRAP)
            if key in ("value", "request.col.held") and value is not None:
                cell.number_format = fmt[r.indicator_id]
            if key == "published":  # text as typed: 2024 in a date cell read 1905-07-16
                cell.number_format = "@"
            if j in _REFERENCE:
                cell.fill = _REF_FILL
            elif held and key in ("value", "unit", "status"):
                provisional = r.held_status in coverage.PROVISIONAL
                cell.fill = (_CHECK_FILL if check else _PROVISIONAL_FILL if provisional
                             else _HELD_FILL)  # fmt: skip
        units.setdefault(tuple(unit_choices(r.unit_zh)), []).append(
            f"{get_column_letter(_COL['unit'])}{i}"
        )
    last = len(rows) + 1
    statuses = ",".join(_status_choice(s) for s in config.STATUSES)
    status = get_column_letter(_COL["status"])
    _validation(ws, f'"{statuses}"', [f"{status}2:{status}{last}"], "request.col.held_status",
                status=True)  # fmt: skip
    for choices, cells in units.items():
        _validation(ws, '"' + ",".join(choices) + '"', cells, None)
    published = get_column_letter(_COL["published"])
    ws.add_data_validation(published_validation(f"{published}2:{published}{last}"))
    ws.column_dimensions[published].number_format = "@"  # a row added at the end too
    ws.auto_filter.ref = f"A1:{get_column_letter(len(REQUEST_COLUMNS))}{last}"
    _fit_rows(ws, widths)
    for key in ("request.col.sent_id", "request.col.sent_previous"):
        ws.column_dimensions[get_column_letter(_COL[key])].hidden = True


def held_published(rows: pd.DataFrame, observations: pd.DataFrame) -> list[str]:
    """The publication date of the figure each row is pre-filled with, as the loader reads
    it ("2024-02-28", "2024-02", "2024"); "" where nothing is held or the figure gives none.

    The held figure is the one of ``observations`` in the home region with the row's
    indicator, year, value, status and source (``held_*``: :func:`coverage.missing_figures`
    names the figure, not its row); copies of it that give different dates give the earliest,
    as the loader keeps it (:func:`observations.earliest_published`).
    """
    if "published" not in observations.columns or not len(rows):
        return [""] * len(rows)
    home = observations[observations["region"] == config.HOME_REGION]
    found: dict[tuple, list] = {}
    for iid, year, value, status, source, date in zip(
        home["indicator_id"], home["year"], home["value"], home["status"],
        home["source"].fillna(""), home["published"].fillna(""), strict=True,
    ):  # fmt: skip
        found.setdefault((iid, int(year), float(value), status, source), []).append(date)
    return [
        earliest_published(found.get((r.indicator_id, int(r.year), float(r.held_value),
                                      r.held_status, r.held_source), []))
        if r.held_status else ""
        for r in rows.itertuples(index=False)
    ]  # fmt: skip


def said_before(observations: pd.DataFrame) -> dict[tuple[str, str, int], str]:
    """``{(department, indicator id, year): note}`` of the request rows a department left
    without a figure but with a note (``attrs["unanswered"]`` of the figures read): the row
    of its next request shows the note again, where it had been read by no one and the row
    asked as if never answered. The department is the one the returned file is addressed
    to (:func:`request_of`: a note of one bureau is not shown to the others). Where several
    rounds noted the same row, the latest round's note is kept (files are read in the order
    of their paths, which need not be the rounds')."""
    return {k: note for k, (_round, note, _file) in _latest_notes(observations).items()}


def _latest_notes(observations: pd.DataFrame) -> dict[tuple[str, str, int], tuple]:
    """``{(department, indicator id, year): (round, note, file)}``, the latest round's note
    (:func:`said_before`)."""
    out: dict[tuple[str, str, int], tuple[int, str, str]] = {}
    for u in observations.attrs.get("unanswered", []):
        sent = request_of(u["file"])
        key = (sent[0], u["indicator_id"], int(u["year"])) if sent else None
        if key and sent[1] >= out.get(key, (0, "", ""))[0]:
            out[key] = (sent[1], u["note"], str(u["file"]))
    return out


#: Columns of :func:`department_notes` (``data/processed/department_notes.csv``).
NOTE_COLUMNS = ["indicator_id", "year", "department_zh", "department_en", "note", "round", "file"]


def department_notes(observations: pd.DataFrame, owed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Why a figure is still missing, in the departments' own words.

    A department that returns its request with a row left without a figure but with a note
    ("2024年数据尚未发布，预计2025年4月公布", as the request's notes sheet asks) has answered
    that row. The next request shows the note again (:func:`said_before`); this table
    carries it to the landing page and the workbook's missing-figures sheet, beside the
    figure still owed, where a planner reads it.

    Parameters
    ----------
    observations : DataFrame
        The figures read (:func:`observations.load_observations`), whose
        ``attrs["unanswered"]`` lists the notes on rows without a figure.
    owed : DataFrame, optional
        ``coverage.owed_of``: keep only notes on an (indicator, year) still owed (a figure
        that has arrived since needs no excuse), in its order. Every note when not given.

    Returns
    -------
    DataFrame
        ``NOTE_COLUMNS``: one row per (indicator, year, department), the latest round's
        note; ``file`` names the returned workbook (its provenance), ``round`` its round.
        Sorted by ``owed``'s order (else indicator id), then year and department.
    """
    rows = [
        {"indicator_id": iid, "year": year, "department_zh": department_label(dept, "zh"),
         "department_en": department_label(dept, "en"), "note": note, "round": rnd,
         "file": file}
        for (dept, iid, year), (rnd, note, file) in _latest_notes(observations).items()
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=NOTE_COLUMNS)
    if owed is not None:
        cells = set(zip(owed["indicator_id"], owed["year"].astype(int), strict=True))
        keep = [(i, int(y)) in cells for i, y in zip(out["indicator_id"], out["year"], strict=True)]
        out = out.loc[pd.Series(keep, index=out.index, dtype=bool)]  # [] would pick columns
        order = {iid: k for k, iid in enumerate(dict.fromkeys(owed["indicator_id"]))}
    else:
        order = {iid: k for k, iid in enumerate(sorted(set(out["indicator_id"])))}
    out = out.assign(_order=out["indicator_id"].map(order))
    out = out.sort_values(["_order", "year", "department_zh"], kind="stable")
    return (
        out.drop(columns="_order")
        .reset_index(drop=True)
        .astype({"year": "int64", "round": "int64"})
    )


def _name_and_kind(name: str, kind: str) -> str:
    """The indicator's name and, under it, what kind of figure is asked for: "新增数" read
    as the additions of one year, where the suite wants the running total since end-2020."""
    key = f"request.kind.{kind}"
    return f"{name}\n{label(key, 'zh')}" if key in LABELS else name


def goals_text(indicator: pd.Series, targets: pd.DataFrame) -> str:
    """An indicator's targets in one cell: ``2023年 ≥1,300家；2025年 ≥1,500家``, a growth
    rate as ``2025年 年均增长10%``, the same target in consecutive years once
    (``2021—2025年 ≥10项/年``); ``—`` when the plan sets none. A target re-based onto a new
    definition says so, as the page does ("2025年 ≥33.9%（按新口径重定；方案原文40%）"): the
    request showed it as the plan's own (the statistician's review).

    Parameters
    ----------
    indicator : Series
        Its registry row (``kind``, ``unit_zh``).
    targets : DataFrame
        Its rows of the target registry.
    """
    runs: list[list] = []  # [first year, last year, goal]: a yearly target once
    for t in targets.sort_values("year").itertuples():
        if indicator["kind"] == "growth_rate":
            goal = fmt_growth_target(t.value, "zh")
        else:
            goal = COMPARISON_SIGNS.get(t.comparison, t.comparison) + fmt_value(
                t.value, indicator["unit_zh"], "zh", given=True
            )
        goal += rebased_words({"kind": indicator["kind"], "unit": indicator["unit_zh"],
                               "target": t.value, "plan_target": getattr(t, "plan_value", None)},
                              "zh")  # fmt: skip
        if runs and runs[-1][2] == goal and runs[-1][1] == int(t.year) - 1:
            runs[-1][1] = int(t.year)
        else:
            runs.append([int(t.year), int(t.year), goal])
    parts = [
        f"{a}年 {goal}" if a == b else f"{year_span(a, b, 'zh')}年 {goal}" for a, b, goal in runs
    ]
    return "；".join(parts) or label("fmt.missing", "zh")


def previous_text(series: pd.Series, indicator: pd.Series, year: int, *, suspect=()) -> str:
    """The latest figure that counts before ``year``: ``1,258家（2022年）``; the plan's
    baseline (``8,796家（2020年基数）``) when no figure is held; ``—`` when there is none.

    Parameters
    ----------
    series : Series
        The indicator's series (:func:`series.select_series`).
    indicator : Series
        Its registry row (``unit_zh``, ``baseline_value``, ``baseline_year``).
    year : int
        The year asked for.
    suspect : collection of (indicator id, year)
        Figures that look wrong (``coverage.suspect_figures``): said beside it, "（2023年，
        待核实）", so it is not taken as the scale to check against.
    """
    unit = year_unit(str(indicator["unit_zh"]))  # a year's figure: "12项（2022年）"
    before = series[series.index < year]
    if len(before):
        y = int(before.index[-1])
        mark = f"，{label('fmt.to_verify', 'zh')}" if (series.name, y) in set(suspect) else ""
        return f"{fmt_value(before.iloc[-1], unit, 'zh', given=True)}（{y}年{mark}）"
    base, base_year = indicator.get("baseline_value"), indicator.get("baseline_year")
    if pd.notna(base) and pd.notna(base_year) and int(base_year) < year:
        # a baseline re-based onto a new definition says the plan's own, as the page does
        rebased = _rebased_baseline(indicator, "zh")
        return label("request.baseline_at_rebased" if rebased else "request.baseline_at", "zh",
                     value=fmt_value(base, unit, "zh", given=True), year=int(base_year),
                     rebased=rebased)  # fmt: skip
    return label("fmt.missing", "zh")


def _rebased_baseline(indicator: pd.Series, lang: str) -> str:
    """:func:`views.rebased_baseline_words` of a registry row ("" without
    ``plan_baseline_value``)."""
    return rebased_baseline_words({"baseline_value": indicator.get("baseline_value"),
                                   "plan_baseline_value": indicator.get("plan_baseline_value"),
                                   "unit": indicator.get(f"unit_{lang}", "")}, lang)  # fmt: skip


def _number_format(indicator: pd.Series) -> str:
    from .export import number_format_for

    return number_format_for(indicator)


def _validation(ws, formula: str, refs: list[str], title_key, *, status: bool = False) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.showErrorMessage = True
    dv.errorTitle = "状态 status" if status else "单位 unit"
    dv.error = "请从列表中选择 / Choose a value from the list"
    for ref in refs:
        dv.add(ref)
    ws.add_data_validation(dv)


def _indicator_sheet(ws, rows: pd.DataFrame, indicators: pd.DataFrame, targets) -> None:
    keys = ["col.indicator_id", "col.name_zh", "col.name_en", "col.unit", "request.col.kind",
            "request.col.definition", "col.clause", "request.col.plan_sentence",
            "request.col.baseline", "request.col.targets", "request.col.years",
            "col.departments"]  # fmt: skip
    widths = [24, 28, 34, 9, 20, 50, 8, 46, 12, 18, 16, 30]
    _header(ws, [bilingual(k, sep=" ") for k in keys], widths)
    by_id = indicators.set_index("indicator_id")
    for i, (iid, own) in enumerate(rows.groupby("indicator_id", sort=False), start=2):
        ind = by_id.loc[iid]
        kind = bilingual(f"request.kind.{ind['kind']}")
        base = (f"{ind['baseline_value']:g}" if pd.notna(ind["baseline_value"])
                else bilingual("request.no_baseline"))  # fmt: skip
        if rebased := _rebased_baseline(ind, "zh"):  # the plan printed another baseline
            base += f"\n（{rebased}）\n({_rebased_baseline(ind, 'en')})"
        tg = targets[targets["indicator_id"] == iid].sort_values("year")
        if ind["kind"] == "growth_rate":  # a rate a year, not an amount in the unit beside it
            goals = "; ".join(f"{int(t.year)}: {fmt_growth_target(t.value, 'zh')} / "
                              f"{fmt_growth_target(t.value, 'en')}" for t in tg.itertuples())  # fmt: skip
        else:
            goals = goals_text(ind, tg)
        depts = "、".join(department_label(d) for d in split_departments(ind["departments"]))
        depts += basis_text(ind.get("departments_basis"))
        if given := split_departments(ind.get("data_from")):  # who compiles the statistic
            depts += "\n" + label("request.data_from", "zh", departments="、".join(
                department_label(d) for d in given)) + " " + label(
                "request.data_from", "en",
                departments="; ".join(department_label(d, "en") for d in given))  # fmt: skip
        # what the indicator counts first (an officer could not tell whether R&D intensity
        # meant the R&D survey's expenditure or the accounts' R&D expense: the officer's
        # review), then the note in Chinese, for the department, the registry's English under it
        note = "\n".join(n for n in (str(ind.get("definition_zh", "") or ""),
                                      str(ind.get("note_zh", "") or ""), ind["note"]) if n)  # fmt: skip
        values = [iid, ind["name_zh"], ind["name_en"], f"{ind['unit_zh']} ({ind['unit_en']})",
                  kind, note, clause_label(ind["clause"], "zh"), ind["quote"], base, goals,
                  "、".join(str(int(y)) for y in own["year"]), depts]  # fmt: skip
        for j, value in enumerate(values, start=1):
            _text(ws, i, j, value)
    _fit_rows(ws, widths)


def basis_text(basis: object) -> str:
    """Why the departments are responsible, after their names: "（方案明确指定 named by the
    plan）", or for a target whose sentence names no department, the measure they were
    inferred from; "" when the registry does not say. A department asked for a figure the
    plan never assigned it can see that it was inferred."""
    if not isinstance(basis, str) or not basis.strip():
        return ""
    basis = basis.strip()
    if basis == "stated":
        return f"（{bilingual('request.basis.stated')}）"
    if basis.startswith("inferred"):
        detail = basis.split(":", 1)[1].strip() if ":" in basis else ""
        detail = re.sub(r"^related measure\s*", "", detail)  # said by the words before it
        return f"（{bilingual('request.basis.inferred')}{': ' + detail if detail else ''}）"
    return f"（{basis}）"


#: The most lines a row grows to in a request workbook (plan sentences run long).
MAX_LINES = 30


def _fit_rows(ws, widths: list[float], first: int = 2) -> None:
    """Rows as tall as their wrapped text (:func:`export.wrapped_lines`, lines as tall as
    :func:`export.row_line_height` says, as the main workbook sizes them): LibreOffice does not re-measure rows on opening,
    so wrapped notes printed cut to one line, and a count of characters over the width at
    15 pt a line cut off a URL wrapping at its slashes and the second line of Chinese, such
    as the held figure's 发布日期 under its source."""
    for row in ws.iter_rows(min_row=first):
        lines = max([wrapped_lines(cell.value, width)
                     for cell, width in zip(row, widths, strict=False)
                     if isinstance(cell.value, str) and cell.value
                     and cell.alignment.wrap_text], default=1)  # fmt: skip
        height = row_line_height(cell.value for cell in row)
        ws.row_dimensions[row[0].row].height = height * min(lines, MAX_LINES)


#: Width of the cover's one column, and the size of its title's font (points).
COVER_WIDTH, TITLE_SIZE = 110, 14


def _cover_height(text: str, size: float) -> float:
    """Height of a cover row: the lines :func:`export.wrapped_lines` wraps ``text`` to, at
    ``LINE_HEIGHT`` a line, both scaled by the font's size (the title's 14 points take more
    of the column and a taller line than the 11 points the width counts)."""
    scale = size / config.WORKBOOK_FONT["size"]
    return LINE_HEIGHT * scale * wrapped_lines(text, COVER_WIDTH / scale)


def _cover_sheet(
    ws, department: str, rows: pd.DataFrame, *, due=None, contact=None, round_: int = 1
) -> None:
    ws.column_dimensions["A"].width = COVER_WIDTH
    suspect = rows["check"].astype(bool) if "check" in rows.columns else rows["year"] < 0
    provisional = rows["held_status"].isin(coverage.PROVISIONAL) & ~suspect
    missing, q, c = rows[~provisional & ~suspect], int(provisional.sum()), int(suspect.sum())
    n, k = len(missing), missing["indicator_id"].nunique()
    p = int((missing["held_status"] != "").sum())
    sheet = REQUEST_SHEET
    title = ("request.title_round", {"round": round_}, True) if round_ > 1 else (
        "request.title", {}, True)  # fmt: skip
    lines = [title, ("request.to", {"department": None}, False),
             ("request.from", {}, False), ("request.purpose", {}, False),
             *([("request.count" if p else "request.count_none_held",  # no "0 pre-filled"
                 {"n": n, "k": k, "p": p}, False)] if n else []),
             *([("request.count_final", {"q": q}, False)] if q else []),
             *([("request.count_check", {"c": c}, False)] if c else []),
             # by when, and whom to ask: blanks to fill by hand when the command was not told
             ("request.due", {"due": due}, False), ("request.contact", {"contact": contact}, False),
             ("request.how", {"sheet": sheet}, False),
             ("request.return", {"next": round_ + 1}, False)]  # fmt: skip
    row = 1
    for key, fields, bold in lines:
        for lang in ("zh", "en"):
            f = dict(fields)
            if "department" in f:
                f["department"] = department_label(department, lang)
            if key in ("request.from", "request.return"):
                f["issuer"] = ISSUER_ZH if lang == "zh" else ISSUER_EN
            if f.get("due", True) is None:  # a blank to fill in by hand
                f["due"] = label("request.blank_date", lang)
            if f.get("contact", True) is None:
                f["contact"] = label("request.blank", lang)
            cell = _text(ws, row, 1, label(key, lang, **f))
            cell.font = (
                Font(**{**config.WORKBOOK_FONT, "size": TITLE_SIZE}, bold=True)
                if bold
                else Font(**config.WORKBOOK_FONT, bold=lang == "zh")
            )
            ws.row_dimensions[row].height = _cover_height(cell.value, cell.font.size)
            row += 1
        row += 1
    _landscape(ws)
    ws.page_setup.fitToHeight = 1  # the cover letter on one sheet of paper


def _notes_sheet(ws) -> None:
    _header(ws, [bilingual("request.col.zh", sep=" "), bilingual("request.col.en", sep=" ")],
            [70, 70], title_columns=0)  # fmt: skip
    row = 2
    for i in range(1, sum(k.startswith("request.note.") for k in LABELS) + 1):
        _text(ws, row, 1, label(f"request.note.{i}", "zh"))
        _text(ws, row, 2, label(f"request.note.{i}", "en"))
        row += 1
    row += 1
    for status in config.STATUSES:
        _text(ws, row, 1, _status_choice(status))
        _text(ws, row, 2, obs_status_label(status, "en"))
        row += 1
    _fit_rows(ws, [70, 70])


def request_workbook(
    department: str,
    rows: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame | None = None,
    *,
    due: str | None = None,
    contact: str | None = None,
    round_: int = 1,
) -> Workbook:
    """One department's request workbook (not yet saved).

    Parameters
    ----------
    department : str
        Simplified Chinese name (e.g. ``"市科技局"``).
    rows : DataFrame
        The department's rows of :func:`coverage.missing_figures`.
    indicators, targets : DataFrame
        Registry.
    observations : DataFrame, optional
        Figures held: each row shows the latest one before its year (without them, the
        plan's baseline).
    due, contact : str, optional
        The date the figures are due (YYYY-MM-DD) and whom to ask, on the cover; blanks to
        fill in by hand without them.
    round_ : int
        The round of requests (:func:`next_round`), named in the cover's title from 2 on.

    Returns
    -------
    Workbook
        Sheets 封面 cover, 征集 request, 指标说明 indicators, 填表说明 notes.
    """
    wb = Workbook()
    cover = wb.active
    cover.title = bilingual("request.sheet.cover", sep=" ")
    _cover_sheet(cover, department, rows, due=due, contact=contact, round_=round_)
    held = (
        observations
        if observations is not None
        else pd.DataFrame(columns=["indicator_id", "region", "year", "value", "status"])
    )
    _request_sheet(wb.create_sheet(REQUEST_SHEET), rows, indicators, targets, held, department)
    _indicator_sheet(wb.create_sheet(bilingual("request.sheet.indicators", sep=" ")), rows,
                     indicators, targets)  # fmt: skip
    _notes_sheet(wb.create_sheet(bilingual("request.sheet.notes", sep=" ")))
    wb.active = 1  # opens on the request sheet
    wb.properties.title = f"{label('request.title', 'zh')} — {department}"
    # whose request and which round, where no one edits it: the cover's words were the only
    # record, and "致: 市科技局" or a row added above the title lost both (the code review)
    wb.defined_names[IDENTITY_NAME] = DefinedName(
        IDENTITY_NAME, attr_text=f'"{department}{IDENTITY_SEP}{int(round_)}"', hidden=True
    )
    return wb


def _to_its_sender(suspect: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Figures to verify (:func:`coverage.suspect_figures`), each asked of the department
    whose returned request gave it, when it is one of the indicator's departments: sent to
    every department of a joint indicator, a red row invited two different corrections
    (which then conflicted), and a department that returned it untouched became its origin.
    A figure from any other file is asked of every department, as before."""
    if suspect.empty or "origin_file" not in observations.columns:
        return suspect
    home = observations[observations["region"] == config.HOME_REGION]
    out = suspect.copy()
    for i, r in suspect.iterrows():
        rows = home[(home["indicator_id"] == r["indicator_id"]) & (home["year"] == r["year"])
                    & (home["value"] == r["held_value"])]  # fmt: skip
        senders = {sent[0] for sent in map(request_of, rows["origin_file"]) if sent}
        owners = split_departments(r["departments_zh"])
        mine = [d for d in owners if d in senders]
        if mine:
            out.at[i, "departments_zh"] = "、".join(mine)
            out.at[i, "departments_en"] = "; ".join(department_label(d, "en") for d in mine)
    return out


def request_rounds(files) -> dict[str, int]:
    """``{department: latest round}`` of the request workbooks among ``files`` (paths or
    names): ``数据征集表_市科技局.xlsx`` is round 1, ``数据征集表_市科技局_第2轮.xlsx`` round 2."""
    rounds: dict[str, int] = {}
    for dept, n in filter(None, map(request_of, files)):
        rounds[dept] = max(n, rounds.get(dept, 0))
    return rounds


def returned_requests(inputs, observations: pd.DataFrame) -> tuple[list[Path], list[Path]]:
    """The request workbooks among ``inputs`` a department answered, and those that came
    back as they were sent.

    A request counts as returned when it answered something: a figure other than one it was
    pre-filled with and that came back unchanged, or a note on a row left without a figure
    (``attrs["answers_by_file"]`` of :func:`observations.load_observations`, which read
    ``inputs``). A request copied into the folder of returns as it was sent answers
    nothing; counted as a round, it made the next requests "_第2轮" before anyone had
    answered the first.

    Returns
    -------
    tuple of lists
        ``(answered, blank)``, each in the order of ``inputs``; files that are not request
        workbooks are in neither.
    """
    answers = observations.attrs.get("answers_by_file", {})
    answered, blank = [], []
    for f in map(Path, inputs):
        if request_of(f) is not None:
            (answered if answers.get(shown_path(f), 0) > 0 else blank).append(f)
    return answered, blank


def next_round(rounds: dict[str, int] | None = None) -> int:
    """The round of the next requests: one after the latest round any department returned
    (:func:`request_rounds`), 1 when none has. One number for every department: a bureau
    that skipped round 2 got "_第2轮" again in round 3, two different requests under one
    name (a late reply to the first and a reply to the second replaced one another)."""
    return max((rounds or {}).values(), default=0) + 1


def request_name(department: str, round_: int = 1) -> str:
    """The file name of ``department``'s request of round ``round_`` (:func:`next_round`):
    :data:`FILE_PATTERN` for the first, :data:`ROUND_PATTERN` after."""
    if round_ <= 1:
        return FILE_PATTERN.format(department=department)
    return ROUND_PATTERN.format(department=department, round=round_)


def build_requests(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    as_of: int | None = None,
    inputs=(),
    due: str | None = None,
    contact: str | None = None,
) -> dict[str, Workbook]:
    """Request workbooks by file name, one per department that owes a figure.

    Parameters
    ----------
    observations, indicators, targets : DataFrame
        Figures held and the registry.
    as_of : int, optional
        Ask only for years up to ``as_of``.
    inputs : sequence of path-like
        The files the figures were read from: requests among them that a department answered
        (:func:`returned_requests`) make these the next round's (:func:`next_round`,
        :func:`request_name`).
    due, contact : str, optional
        On every cover (:func:`request_workbook`).

    Returns
    -------
    dict
        ``数据征集表_<部门>.xlsx`` (``数据征集表_<部门>_第<n>轮.xlsx`` for a later round) →
        workbook, sorted by name.
    """
    missing = coverage.missing_figures(observations, indicators, targets, as_of=as_of)
    # a preliminary figure or an estimate counts for now, but the final one is wanted too
    provisional = coverage.provisional_figures(observations, indicators, targets, as_of=as_of)
    # a figure that looks wrong counts too: the department confirms or corrects it
    suspect = coverage.suspect_figures(observations, indicators, targets, as_of=as_of)
    named = set(zip(suspect["indicator_id"], suspect["year"], strict=True))
    provisional = provisional[[k not in named for k in zip(
        provisional["indicator_id"], provisional["year"], strict=True)]]  # fmt: skip
    missing = coverage.in_plan_order(
        [
            missing.assign(check=""),
            provisional.assign(check=""),
            _to_its_sender(suspect, observations),
        ],
        indicators,
    )
    round_ = next_round(request_rounds(returned_requests(inputs, observations)[0]))
    books = {
        request_name(dept, round_): request_workbook(
            dept,
            rows,
            indicators,
            targets,
            observations,
            due=due,
            contact=contact,
            round_=round_,
        )
        for dept, rows in department_requests(missing).items()
    }
    return dict(sorted(books.items()))


def write_requests(
    out_dir: str | os.PathLike,
    *,
    observations_path=None,
    as_of: int | None = None,
    overwrite: bool = False,
    prefer=(),
    preferred: list | None = None,
    blank: list | None = None,
    due: str | None = None,
    contact: str | None = None,
) -> list[Path]:
    """Write every department's request workbook into ``out_dir``; return the paths.

    Parameters
    ----------
    out_dir : path-like
        Folder (created if needed); each file is written atomically and byte-reproducibly.
    observations_path : path-like, folder or sequence, optional
        Figures already held (default ``data/raw/observations.csv``).
    as_of : int, optional
        Ask only for years up to ``as_of`` (the plan's base year or later).
    overwrite : bool
        Replace request workbooks already in ``out_dir``. Without it they are refused: the
        folder where requests go out is where filled-in ones tend to come back.
    prefer : sequence of path-like
        Files whose figures win conflicts between files (as in ``load_observations``).
    preferred : list, optional
        Receives one line per conflict ``prefer`` settled (the figure kept and the one set
        aside), for the command to print.
    blank : list, optional
        Receives the request workbooks read that hold no answer (:func:`returned_requests`):
        they do not count as a returned round.
    due, contact : str, optional
        The date the figures are due and whom to ask, on every cover.

    Raises
    ------
    DataValidationError
        When the observations have problems; nothing is written.
    ValueError
        For ``out_dir`` inside ``data/raw``, an ``as_of`` before the plan's base year, or a
        workbook that already exists without ``overwrite``; nothing is written.
    """
    out = Path(out_dir)
    refuse_inside_raw(out, f"'{out}'", "write the requests elsewhere")
    refuse_inside_published(out, f"'{out}'", "write the requests elsewhere")
    as_of = None if as_of is None else plan_year(as_of, "as_of")
    obs = load_observations(observations_path, prefer=prefer)
    if preferred is not None:
        preferred.extend(obs.attrs.get("preferred", []))
    given = (
        observations_path.get("files")
        if isinstance(observations_path, dict)
        else (observations_path)
    )  # the pipeline's mapping form, as load_observations reads it
    inputs = input_files(given or config.OBSERVATIONS_FILE)
    if blank is not None:
        blank.extend(returned_requests(inputs, obs)[1])
    books = build_requests(obs, registry.load_indicators(), registry.load_targets(), as_of=as_of,
                           inputs=inputs, due=due, contact=contact)  # fmt: skip
    there = sorted(name for name in books if (out / name).exists())
    if there and not overwrite:
        raise Refusal(f"{', '.join(there)} already in '{out}' (returned, filled-in requests "
                      "would be lost); write into a new folder, or pass --force to replace "
                      "them",
                      f"{'、'.join(there)} 已在“{out}”中（已交回、已填写的征集表会丢失）；请写入新的"
                      "文件夹，或加 --force 替换它们")  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    # all or none: a disk that filled part-way left some departments' workbooks, and the
    # next attempt then needed --force over them
    return atomic_write_all({out / name: _workbook_bytes(wb) for name, wb in books.items()})
