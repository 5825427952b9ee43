"""Planner-facing tables for the notebooks: selected columns, labelled in Chinese or English.

Notebooks stay thin: they call these functions and display what comes back.
"""

from __future__ import annotations

import hashlib
import html
import math
import numbers
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import config
from ._checks import as_year
from ._forecast_core import ECE_GOAL, REF_HORIZONS, REFERENCE_METHODS
from .labels import (
    LABELS,
    STATUS_CODES,
    department_label,
    label,
    likelihood_label,
    likelihood_legend,
    likelihood_scale,
    method_label,
    obs_status_label,
    split_departments,
    status_label,
    whole_percent,
    year_runs,
    year_span,
)
from .registry import TRANSLATIONS, simplified, targeted_indicators


def localise(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rename columns to their labels in ``lang``: a raw name with a label (``col.<name>``),
    a header already in words (either language) and a status code as a column name (the
    status-count tables) all become words; other columns keep their names."""
    renamed = {}
    for col in df.columns:
        raw = _raw(col)
        if raw in STATUS_CODES:
            renamed[col] = status_label(raw, lang)
        elif f"col.{raw}" in LABELS:
            renamed[col] = label(f"col.{raw}", lang)
    return df.rename(columns=renamed)


def _name(df: pd.DataFrame, lang: str) -> pd.Series:
    return df["name_zh"] if lang == "zh" else df["name_en"]


def _names_by_id(indicators: pd.DataFrame, lang: str) -> pd.Series:
    """Indicator names in ``lang``, indexed by indicator id (for ``Series.map``)."""
    return _name(indicators.set_index("indicator_id"), lang)


def targets_table(
    indicators: pd.DataFrame, targets: pd.DataFrame, *, lang: str = "zh"
) -> pd.DataFrame:
    """Every plan target with baseline, milestones, clause, quote and departments.

    Departments the registry infers from a related measure are marked so, as on the landing
    page, in the brief and in the workbook (notebook 01 listed them bare). In English the
    registry's translation of the quote (``quote_en``) follows it, which :func:`for_people`
    shows in the quote's cell."""
    wide = targets.pivot_table(
        index="indicator_id", columns="year", values="value", aggfunc="first"
    )
    wide.columns = [f"{label('col.target', lang)} {y}" for y in wide.columns]
    ind = targeted_indicators(indicators, targets)
    rates = ind.loc[ind["kind"] == "growth_rate", "indicator_id"]
    if len(rates):  # "年均增长10%", not 10 beside the indicator's unit 亿元
        wide = wide.astype(object)
        for col in wide.columns:
            wide.loc[wide.index.isin(rates), col] = [
                v if _missing(v) else fmt_growth_target(v, lang)
                for v in wide.loc[wide.index.isin(rates), col]
            ]
    out = pd.DataFrame({
        "indicator": _name(ind, lang).to_numpy(),
        "unit": (ind["unit_zh"] if lang == "zh" else ind["unit_en"]).to_numpy(),
        "baseline_year": ind["baseline_year"].to_numpy(),
        "baseline_value": ind["baseline_value"].to_numpy(),
        "clause": ind["clause"].to_numpy(),
        "quote": ind["quote"].map(simplified).to_numpy(),
        "departments": ind["departments"].to_numpy(),
    }, index=ind["indicator_id"])  # fmt: skip
    if lang == "en" and "quote_en" in ind.columns:
        out.insert(out.columns.get_loc("quote") + 1, "quote_en", ind["quote_en"].to_numpy())
    inferred = inferred_departments(indicators)
    said = label("fmt.departments_inferred", lang)
    out["departments"] = [departments_text(d, lang) + (said if inferred.get(i) else "")
                          for i, d in out["departments"].items()]  # fmt: skip
    # the registry's note on how a target was read from the plan, in the page's language:
    # a milestone year the plan does not state (the "Top 100" programme: 2025 assumed), a
    # second milestone from another clause (1,300 firms by 2023, 三(二)), a duty with no
    # number (a new tech leader every year) were in the workbook alone (the planner's review)
    out = out.join(wide)
    if "note" in ind:  # the English note; the Chinese one where the registry gives it
        notes = ind.set_index("indicator_id")["note"].fillna("").astype(str)
        if lang == "zh" and "note_zh" in ind:
            zh = ind.set_index("indicator_id")["note_zh"].fillna("").astype(str)
            notes = zh.where(zh.str.strip() != "", notes)
        out["note"] = notes.reindex(out.index).to_numpy()
    return localise(out.reset_index(drop=True), lang)


def _twin(field: str) -> tuple[str, str | None]:
    """``"script_zh"`` → ``("script", "zh")``; a field without a language suffix → ``(field,
    None)``."""
    base, _, suffix = field.rpartition("_")
    return (base, suffix) if base and suffix in ("zh", "en") else (field, None)


def plan_metadata_table(metadata: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """The plan text's provenance (``data/raw/plan/plan_metadata.csv``) with its fields named
    in ``lang`` instead of their keys (``date`` → 发布日期).

    A field given in both languages (``script_zh`` and ``script_en``) shows the one in
    ``lang``, named without the language (字形). The plan's title is the exception in English:
    its Chinese title, the one to cite, stays beside the translation. A field in one language
    only (``notice_zh``) is shown in both; unknown keys stay as they are.

    Returns
    -------
    DataFrame
        Columns field, value (localized headers), in the file's order.
    """
    fields = [str(f) for f in metadata["field"]]
    present = set(fields)
    other = "en" if lang == "zh" else "zh"
    keep, names = [], []
    for i, field in enumerate(fields):
        base, suffix = _twin(field)
        paired = suffix is not None and f"{base}_{'en' if suffix == 'zh' else 'zh'}" in present
        both = paired and base == "title" and lang == "en"
        if paired and suffix == other and not both:
            continue
        key = f"plan.{field}" if both or not paired else f"plan.{base}"
        keep.append(i)
        names.append(label(key, lang) if key in LABELS else field)
    return pd.DataFrame({label("col.field", lang): names,
                         label("col.content", lang): metadata["value"].to_numpy()[keep]})  # fmt: skip


def plan_repairs_table(repairs: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """The repairs of the plan text (``data/raw/plan/plan_repairs.csv``) with the reason in
    ``lang`` (``reason_zh`` / ``reason_en``; a single ``reason`` column is kept as it is).

    Returns
    -------
    DataFrame
        Columns line, corrupted, repaired, reason (snake_case: pass it to :func:`people`).
    """
    reason = next((c for c in (f"reason_{lang}", "reason") if c in repairs.columns), None)
    out = repairs.loc[:, ["line", "corrupted", "repaired"]].copy()
    if reason is not None:
        out["reason"] = repairs[reason].to_numpy()
    return out


def check_label(kind: str, lang: str = "zh") -> str:
    """Words for a kind of check of :func:`observations.check_table` ("fraction" →
    "百分比写成了小数？"); an unknown kind is kept as it is."""
    key = f"check.{kind}"
    return label(key, lang, factor=config.IMPLAUSIBLE_FACTOR) if key in LABELS else str(kind)


def check_words(check, lang: str = "zh") -> str:
    """What looks wrong in one check row (:func:`observations.check_table`): in Chinese its
    ``detail_zh`` where given (the reference value and the fix), else :func:`check_label`."""
    detail = getattr(check, "detail_zh", "")
    if lang == "zh" and isinstance(detail, str) and detail:
        return detail
    return check_label(check.check, lang)


def value_checks(checks: pd.DataFrame | None) -> pd.DataFrame | None:
    """``checks`` without those of a figure's date (``observations.DATE_CHECKS``): what a
    page, a brief and a workbook list as figures that may be wrong."""
    if checks is None or checks.empty or "check" not in checks.columns:
        return checks
    from .observations import DATE_CHECKS

    return checks[~checks["check"].isin(DATE_CHECKS)]


def checks_warning(checks: pd.DataFrame | None, key: str, lang: str = "zh") -> str:
    """The warning a page or brief sets before its numbers, for ``checks`` (``check_table``):
    how many figures look wrong and are still used, and how many changes of definition whose
    figures are not (one count for both read "1 figure looks wrong ... still used" of three
    figures of another definition that were left out). ``key`` is ``"landing"`` or
    ``"brief"``; "" without checks."""
    checks = value_checks(checks)
    if checks is None or len(checks) == 0:
        return ""
    kinds = checks["check"] if "check" in checks.columns else pd.Series("", index=checks.index)
    n_def = int((kinds == "definition").sum())
    parts = []
    if len(checks) > n_def:
        parts.append(label(f"{key}.checks_warn", lang, n=len(checks) - n_def))
    if n_def:
        parts.append(label(f"{key}.checks_warn_definition", lang, n=n_def))
    # two sentences: the first ends as a sentence, the last as the page has it (a colon
    # before the link to the list)
    ends = {"：": "。", ":": "."}
    parts[:-1] = [p[:-1] + ends[p[-1]] if p[-1:] in ends else p for p in parts[:-1]]
    return ("" if lang == "zh" else " ").join(parts)


def checks_for_people(
    checks: pd.DataFrame | None,
    indicators: pd.DataFrame,
    *,
    regions: pd.DataFrame | None = None,
    lang: str = "zh",
    files: Sequence[str] = (),
) -> pd.DataFrame:
    """Figures to verify (:func:`observations.check_table`) as a person reads them.

    ``files``: the run's input files (``Results.inputs``); where a check names one, it is
    named as a publication names it (:func:`coverage.published_names`: a user's folder is
    no part of a page or a brief), in English with whose return it is
    (:func:`coverage.return_named`).

    Returns
    -------
    DataFrame
        Columns (localized headers): the indicator's name, the region's name, the years, the
        figure (``—`` for a check of several), what looks wrong, where it came from; the home
        region first, then the registry's order. Empty (with those headers) when nothing
        looks wrong.
    """
    heads = [label(k, lang) for k in ("col.name", "col.region", "col.years", "col.value",
                                      "col.check", "col.where")]  # fmt: skip
    checks = value_checks(checks)
    if checks is None or checks.empty:
        return pd.DataFrame(columns=heads)
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    names = ind[f"name_{lang}"] if f"name_{lang}" in ind.columns else pd.Series(dtype=object)
    units = ind[f"unit_{lang}"] if f"unit_{lang}" in ind.columns else pd.Series(dtype=object)
    region_names = {}
    if regions is not None and f"name_{lang}" in regions.columns:
        region_names = dict(zip(regions["region"], regions[f"name_{lang}"], strict=True))
    order = {iid: i for i, iid in enumerate(indicators["indicator_id"])}
    c = checks.assign(_home=checks["region"] != config.HOME_REGION,
                      _order=checks["indicator_id"].map(order).fillna(len(order)))  # fmt: skip
    c = c.sort_values(["_home", "_order"], kind="mergesort")
    from .coverage import published_names, return_named

    shorter = sorted(published_names(files).items(), key=lambda kv: -len(kv[0]))
    rows = []
    for r in c.itertuples(index=False):
        origin = "" if _missing(r.origin) or r.origin is None else str(r.origin)
        for full, short in shorter:
            # in English with whose return the file is (coverage.return_named)
            origin = origin.replace(full, return_named(short, full, lang))
        unit = units.get(r.indicator_id, "")
        # a year's figure: "9项", not "9项/年" (:func:`year_unit`)
        unit = year_unit(unit) if isinstance(unit, str) else ""
        value = (fmt_value(r.value, unit, lang, given=True)
                 if not _missing(r.value) else label("fmt.missing", lang))  # fmt: skip
        name = names.get(r.indicator_id, r.indicator_id)
        rows.append([name if isinstance(name, str) else r.indicator_id,
                     region_names.get(r.region, r.region), years_shown(r.years, lang), value,
                     check_words(r, lang),
                     _origin_words(origin, lang) or label("fmt.missing", lang)])  # fmt: skip
    return pd.DataFrame(rows, columns=heads)


def years_shown(years: object, lang: str = "zh") -> str:
    """A check's ``years`` cell ("2023-2024", "2021, 2023": data, ASCII) as a reader reads
    it: "2023—2024" and "2021、2023" in Chinese (the Chinese tables wrote the data form
    beside "2023—2024年" in the same row's detail: the diff review), as is in English."""
    from .observations import check_years

    found = check_years(years) if isinstance(years, str | int) else []
    if not found:
        return "" if _missing(years) else str(years)
    return label("brief.list_sep", lang).join(year_runs(found, lang))


def check_lines(
    checks: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    regions: pd.DataFrame | None = None,
    lang: str = "zh",
) -> list[str]:
    """The lines the command line prints under ``CHECK:`` for ``checks``
    (:func:`observations.check_table`), in its order: in English its ``message`` column; in
    Chinese where the figure came from, the indicator and region by name, the years, the
    figure and what looks wrong, with the English message indented under it (the clerks
    who correct the files read Chinese first; the English says how the figure was judged).
    """
    if checks is None or checks.empty:
        return []
    if lang != "zh":
        return [str(m) for m in checks["message"]]
    zh = _check_messages_zh(checks, indicators, regions)
    return [f"{line}\n    {r.message}" for line, r in zip(zh, checks.itertuples(), strict=True)]


def _check_messages_zh(
    checks: pd.DataFrame, indicators: pd.DataFrame, regions: pd.DataFrame | None
) -> list[str]:
    """Each check said in Chinese: where the figure came from, the indicator and region by
    name, the years, the figure and what looks wrong."""
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    region_names = {} if regions is None else dict(
        zip(regions["region"], regions["name_zh"], strict=True))  # fmt: skip
    out = []
    for r in checks.itertuples(index=False):
        name = ind["name_zh"].get(r.indicator_id, r.indicator_id)
        unit = ind["unit_zh"].get(r.indicator_id, "")
        unit = year_unit(unit) if isinstance(unit, str) else ""  # a year's figure
        what = f"{name}（{region_names.get(r.region, r.region)}）{years_shown(r.years, 'zh')}年"
        if not _missing(r.value):
            what += f" = {fmt_value(r.value, unit, 'zh', given=True)}"
        origin = "" if _missing(r.origin) or r.origin is None else str(r.origin)
        head = f"{_origin_words(origin, 'zh')}：" if origin else ""
        out.append(f"{head}{what}：{check_words(r, 'zh')}")
    return out


#: Columns of :func:`probability_backtests`.
PROBABILITY_BACKTEST_COLUMNS = ["indicator_id", "region", "origin", "n_obs", "year", "h",
                                "growth", "threshold", "p_meet", "met"]  # fmt: skip


def probability_backtests(events: pd.DataFrame | None) -> pd.DataFrame:
    """The suite's own event backtests (``Results.events``, ``forecast.suite_events``) as a
    table: each series' forecast probability of "at least the threshold in ``year``" from
    ``origin`` with ``n_obs`` figures, and whether it happened (``met``). The readings under
    the page's table ("全国 +37，2个预测起点、18次检验") are their averages per target indicator and
    region; without this table no report writer could trace them."""
    if events is None or events.empty:
        return pd.DataFrame(columns=PROBABILITY_BACKTEST_COLUMNS)
    out = events.reindex(columns=PROBABILITY_BACKTEST_COLUMNS)
    return out.sort_values(["indicator_id", "region", "origin", "h", "growth"],
                           kind="mergesort").reset_index(drop=True)  # fmt: skip


def checks_in_both_languages(
    checks: pd.DataFrame, indicators: pd.DataFrame, *, regions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``checks`` (:func:`observations.check_table`) with ``message_zh`` before ``message``:
    the Chinese line ``validate`` prints (checks.csv said its findings in English only, while
    the page, the workbook and the command line say them in Chinese first); its
    ``detail_zh`` is part of that line and is not repeated."""
    zh = _check_messages_zh(checks, indicators, regions) if len(checks) else []
    out = checks.drop(columns=["detail_zh"], errors="ignore")
    at = list(out.columns).index("message") if "message" in out.columns else len(out.columns)
    out.insert(at, "message_zh", pd.Series(zh, index=out.index, dtype=object))
    return out


def _origin_words(text: str, lang: str) -> str:
    """Where a figure came from in ``lang``: "a.csv row 3" → "a.csv 第3行", "rows 4, 5 and 2
    more" → "第4、5行（另有2行）" (file and sheet names as they are)."""
    if lang != "zh" or not text:
        return text

    def rows(m: re.Match) -> str:
        more = f"（另有{m.group(2)}行）" if m.group(2) else ""
        return f"第{m.group(1).replace(', ', '、')}行{more}"

    return re.sub(r"\brows? (\d+(?:, \d+)*)(?: and (\d+) more)?", rows, text)


def coverage_table(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    regions: pd.DataFrame | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """How many figures we hold per indicator and region, their years and statuses.

    Parameters
    ----------
    observations, indicators : DataFrame
        The observations and the registry's indicators.
    regions : DataFrame, optional
        The registry's regions (``region``, ``name_zh``, ``name_en``): regions are then named
        in words and listed in the registry's order (the plan's region first); without it, by
        code in alphabetical order.
    lang : {"zh", "en"}
    """
    g = observations.groupby(["indicator_id", "region"], sort=True)
    from .labels import OBS_STATUS_CODES, obs_status_label

    order = {c: i for i, c in enumerate(OBS_STATUS_CODES)}
    sep = label("fmt.dept_sep", lang)

    def words(s: pd.Series) -> str:
        return sep.join(obs_status_label(c, lang) if c in order else str(c)
                        for c in sorted(set(s), key=lambda c: order.get(c, len(order))))  # fmt: skip

    out = g.agg(n=("value", "size"), first=("year", "min"), last=("year", "max"),
                statuses=("status", words)).reset_index()  # fmt: skip
    names = _names_by_id(indicators, lang)
    out.insert(0, "indicator", out["indicator_id"].map(names))
    if regions is not None:
        rank = {r: i for i, r in enumerate(regions["region"])}
        out = out.assign(_rank=out["region"].map(rank).fillna(len(rank)))
        out = out.sort_values(["indicator_id", "_rank"], kind="stable").drop(columns="_rank")
        words = region_words(regions, lang)
        out["region"] = out["region"].map(lambda r: words.get(r, r))
    return localise(out.drop(columns="indicator_id").reset_index(drop=True), lang)


def region_words(regions: pd.DataFrame | None, lang: str = "zh") -> dict[str, str]:
    """Region code -> its name in ``lang``; a region without one keeps its code (callers
    use ``.get(code, code)``): a blank English name printed "A ()"."""
    if regions is None:
        return {}
    return {r: n.strip() for r, n in zip(regions["region"], regions[f"name_{lang}"], strict=True)
            if isinstance(n, str) and n.strip()}  # fmt: skip


def forecast_table(forecasts: pd.DataFrame, indicators: pd.DataFrame, *, years=config.MILESTONE_YEARS,
                   lang: str = "zh", gaps: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """Forecasts in the milestone years with their intervals and the method used (in words).

    An indicator whose figures already reach past every one of ``years`` (a 2025 figure in
    for the 2025 milestone) shows its last forecast year instead (2030, the next plan's
    horizon): the table said "no rows" once the data reached the plan's end. ``gaps``
    (``gaps.assess``): the series' published figures, whose decimals the levels keep
    (:func:`forecast_decimals`).
    """
    f = _milestone_forecasts(forecasts, years)
    names = _names_by_id(indicators, lang)
    units = unit_by_id(indicators, lang)
    f = f.assign(indicator=f["indicator_id"].map(names), unit=f["indicator_id"].map(units))
    # each indicator's forecast and range at one number of decimals, the range outwards:
    # "106 / 85.5 / 136" 亿元 and "17.3 / 9.68 / 33.8" consortia stood in one row
    decimals = forecast_decimals(forecasts, indicators, gaps, years=years)
    per_row = f["indicator_id"].map(decimals)
    for col in [c for c in f.columns if c in LEVEL_COLUMNS]:
        f[col] = [fmt_level(x, int(d), lang, way=level_way(col, None))
                  for x, d in zip(f[col], per_row, strict=True)]  # fmt: skip
    f = f.drop(columns="indicator_id")
    if "method" in f:
        f = f.assign(method=f["method"].map(lambda m: method_label(m, lang)))
    # the unit beside the name: "1.65 → 3.7" and "8,796 → 10,000" read alike without it
    first = ["indicator", "unit"]
    return localise(f.loc[:, first + [c for c in f.columns if c not in first]], lang)


def _milestone_forecasts(forecasts: pd.DataFrame, years) -> pd.DataFrame:
    """The rows :func:`forecast_table` shows: the milestone years, else the last year."""
    wanted = forecasts["year"].isin(years)
    ahead = wanted.groupby(forecasts["indicator_id"]).transform("any")
    last = forecasts["year"] == forecasts.groupby("indicator_id")["year"].transform("max")
    return forecasts[wanted | (~ahead & last)]


def published_levels(gaps: pd.DataFrame | None) -> pd.DataFrame:
    """Each indicator's latest published figure as an ``actual`` level (in its own unit) for
    :func:`level_decimals`: a forecast keeps its decimals (R&D's 73.3亿元 beside the latest
    64.6, not 73). The latest, the figure a forecast goes on from and the page prints beside
    it; a baseline's 54.03 of years before would give every R&D forecast two decimals."""
    if gaps is None or not {"indicator_id", "latest_value"} <= set(gaps.columns):
        return pd.DataFrame(columns=["indicator_id", "actual"])
    out = pd.DataFrame({"indicator_id": gaps["indicator_id"].to_numpy(),
                        "actual": pd.to_numeric(gaps["latest_value"], errors="coerce").to_numpy()})  # fmt: skip
    return out[out["actual"].notna()].reset_index(drop=True)


def forecast_decimals(
    forecasts: pd.DataFrame,
    indicators: pd.DataFrame,
    gaps: pd.DataFrame | None = None,
    *,
    years=config.MILESTONE_YEARS,
) -> dict[str, int]:
    """Each indicator's decimals for its forecast levels: :func:`level_decimals` of the
    medians and 80 % ranges of the rows notebook 03's :func:`forecast_table` shows, with
    the latest published figure of ``gaps``. The workbook's forecasts sheet takes them too.
    The 95 % ends print at them but do not size them, as the page, which shows the median
    and its 80 % range only (:func:`projection_decimals`), does not: a 95 % end of 10.2 cut
    notebook 03's patents to "3.7 [2.4–6.4]" beside the page's "3.75 [2.40–6.36]"."""
    shown = _milestone_forecasts(forecasts, years)
    levels = [c for c in ("mean", "lo_80", "hi_80") if c in shown.columns]
    per_row = decimals_beside_published(shown[["indicator_id", *levels]], gaps, indicators)
    return {i: int(d) for i, d in zip(shown["indicator_id"], per_row, strict=True)}


def decimals_beside_published(
    rows: pd.DataFrame, gaps: pd.DataFrame | None, indicators: pd.DataFrame, *, factors=None
) -> np.ndarray:
    """:func:`level_decimals` of the levels of ``rows`` read beside their indicators' latest
    published figures (:func:`published_levels` of ``gaps``), one per row of ``rows``: the
    rule the forecast table, the planning table and the page's projections share."""
    published = published_levels(gaps)
    published = published[published["indicator_id"].isin(set(rows["indicator_id"]))]
    frame = pd.concat([rows.reset_index(drop=True), published], ignore_index=True)
    return level_decimals(frame, indicators, factors=factors).iloc[: len(rows)].to_numpy(int)


def planning_decimals(
    planning: pd.DataFrame, indicators: pd.DataFrame, gaps: pd.DataFrame | None = None
) -> pd.Series:
    """Per row of ``gaps.planning_levels``, the decimals of its level: :func:`level_decimals`
    of the indicator's levels with its latest published figure (:func:`published_levels`),
    as :func:`forecast_decimals` reads the forecasts: R&D's 2030 median is 106.4亿元 in the
    forecast table and in the planning table (which said 106), the workbook and the fan
    chart alike."""
    keys = [c for c in ("indicator_id", "region") if c in planning.columns]
    per_row = decimals_beside_published(planning[[*keys, "level"]], gaps, indicators)
    return pd.Series(per_row, index=planning.index)


def unit_by_id(indicators: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """Each indicator's unit in ``lang`` (the registry's ``unit_zh`` / ``unit_en``)."""
    col = f"unit_{lang}"
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    return ind[col].fillna("") if col in ind else pd.Series("", index=ind.index)


def with_names(
    df: pd.DataFrame,
    indicators: pd.DataFrame,
    regions: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
) -> pd.DataFrame:
    """``df`` with ``name`` and ``unit`` columns in ``lang`` from its ``indicator_id``.

    A row of another region than Langfang names its region after the indicator
    ("研发经费（全国）", "R&D spending (China)"), so a table never shows a national figure
    under the city's name. ``unit`` is the registry's (an existing ``unit`` column is kept:
    figures carry their own, see :func:`units_in`).
    """
    names, places = _names_by_id(indicators, lang), region_words(regions, lang)
    ids = df["indicator_id"]
    name = ids.map(names).fillna(ids).astype(object)
    if "region" in df.columns:
        away = df["region"].ne(config.HOME_REGION)
        name[away] = [_in_region(n, places.get(r, r), lang)
                      for n, r in zip(name[away], df.loc[away, "region"], strict=True)]  # fmt: skip
    out = df.assign(name=name)
    if "unit" not in out.columns:
        out = out.assign(unit=ids.map(unit_by_id(indicators, lang)).fillna(""))
    return out


def _in_region(name: str, place: str, lang: str) -> str:
    """An indicator's name with its region: "研发经费（全国）", "R&D spending (China)"."""
    return f"{name}（{place}）" if lang == "zh" else f"{name} ({place})"


def units_in(observations: pd.DataFrame, indicators: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """Each figure's unit as ``lang`` names it: a figure in its indicator's registry unit
    (家, 亿元) takes the registry's word in ``lang`` ("firms", "100 million yuan"); a figure
    in another unit keeps the unit its input wrote (a source may count in 万元)."""
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    unit = observations["unit"]
    if f"unit_{lang}" not in ind or "unit_zh" not in ind:
        return unit
    ids = observations["indicator_id"]
    mine = ids.map(ind[f"unit_{lang}"])
    same = unit.eq(ids.map(ind["unit_zh"])) & mine.notna()
    return unit.mask(same, mine)


def home_figures(
    observations: pd.DataFrame, indicators: pd.DataFrame, targets: pd.DataFrame, *, lang: str = "zh"
) -> pd.DataFrame:
    """Langfang's figures of the targeted indicators, every one the inputs hold (revised,
    part-year and other-definition figures too, with their status), as notebook 01 lists
    them: indicators in registry order, years ascending; ``name`` and ``unit`` in ``lang``
    and the figure's status as ``obs_status``, beside the other observation columns."""
    targeted = set(targets["indicator_id"])
    order = {iid: k for k, iid in enumerate(indicators["indicator_id"])}
    home = observations[observations["region"].eq(config.HOME_REGION)
                        & observations["indicator_id"].isin(targeted)]  # fmt: skip
    if "unit" not in home.columns:  # a frame built by hand: the registry's unit
        home = home.assign(unit=home["indicator_id"].map(unit_by_id(indicators, "zh")))
    home = home.assign(
        unit=units_in(home, indicators, lang), _order=home["indicator_id"].map(order)
    )
    home = home.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
    return with_names(home, indicators, lang=lang).rename(columns={"status": "obs_status"})


# --------------------------------------------------------------------------- overview
#: Statuses worst first: the order of the overview inside a plan section. ``insufficient_data``
#: sits between the off-track statuses and ``on_track``: a target we cannot judge is a risk a
#: planner must act on (get the figures), but not known to be off track.
SEVERITY_ORDER = (
    "missed",
    "moving_away",
    "insufficient_progress",
    "needs_acceleration",
    "insufficient_data",
    "on_track",
    "achieved",
)

OVERVIEW_COLUMNS = [
    "indicator_id", "section", "name", "departments", "milestone_year", "kind", "unit",
    "baseline_year", "baseline_value", "target", "comparison", "latest_year", "latest_value",
    "latest_status", "expected_on_path", "status", "status_label", "p_meet", "projected",
    "projected_lo_80", "projected_hi_80", "caveat", "ex_post", "to_verify", "baseline_to_verify",
    "earlier_to_verify", "reliability", "departments_inferred", "required_cagr_from_latest",
    "growth_unit", "actual_cagr", "expected_by_as_of", "as_of", "caveat_implied", "best_growth",
    "baseline_source", "departments_asked", "plan_target", "plan_baseline_value", "growth_ratio",
]  # fmt: skip
#: Gap-table columns the overview reads (absent ones count as missing values).
_GAP_INPUTS = [
    "indicator_id", "section_zh", "section_en", "name_zh", "name_en", "departments",
    "milestone_year", "kind", "unit_zh", "baseline_year", "baseline_value", "target",
    "comparison", "latest_year", "latest_value", "latest_status", "expected_on_path", "status",
    "p_meet", "projected",
    "projected_lo_80", "projected_hi_80", "forecast_method", "best_growth", "actual_cagr",
    "ex_post", "baseline_source", "required_cagr_from_latest", "growth_unit",
    "expected_by_as_of", "as_of", "plan_target", "plan_baseline_value", "growth_ratio",
]  # fmt: skip


def definitions(indicators: pd.DataFrame, targets: pd.DataFrame | None = None,
                lang: str = "zh") -> list[tuple[str, str]]:  # fmt: skip
    """``(name, definition)`` of each indicator with a target (every indicator without
    ``targets``) whose registry row says what it counts (``definition_zh``/``definition_en``),
    in registry order: "tech-based SMEs" and "high-value invention patents" were left
    unexplained on the page and in the workbook (the English reader's review)."""
    col = f"definition_{lang}"
    label("col.name", lang)  # validates lang
    if col not in indicators.columns:
        return []
    ind = targeted_indicators(indicators, targets) if targets is not None else indicators
    return [(str(n), str(d).strip()) for n, d in zip(_name(ind, lang), ind[col], strict=True)
            if isinstance(d, str) and d.strip()]  # fmt: skip


def _asked(gaps: pd.DataFrame, indicators: pd.DataFrame | None) -> list[str]:
    """Each gap row's departments asked for its figures (:func:`coverage.asked_departments`),
    "、"-joined; its responsible departments without a registry."""
    from .coverage import asked_departments

    if indicators is None or "data_from" not in indicators:
        return [d if isinstance(d, str) else "" for d in gaps["departments"]]
    by_id = indicators.set_index("indicator_id")
    return ["、".join(asked_departments(by_id.loc[i]) if i in by_id.index
                     else split_departments(d))
            for i, d in zip(gaps["indicator_id"], gaps["departments"], strict=True)]  # fmt: skip


def departments_text(raw: object, lang: str = "zh") -> str:
    """A "、"-joined department list as simplified Chinese (zh) or English (en) names."""
    return label("fmt.dept_sep", lang).join(
        department_label(d, lang) for d in split_departments(raw)
    )


def _section_order(gaps: pd.DataFrame, indicators: pd.DataFrame | None) -> dict[str, int]:
    """Plan order of the sections: their first appearance in the registry (or the gaps)."""
    src = indicators if indicators is not None and "section_zh" in indicators else gaps
    return {s: i for i, s in enumerate(dict.fromkeys(src["section_zh"]))}


#: The full stop after a sentence of a caption.
_STOP = {"zh": "。", "en": "."}


def inferred_departments(indicators: pd.DataFrame | None) -> dict[str, bool]:
    """``{indicator_id: True}`` for an indicator whose departments the registry infers from a
    related measure (``departments_basis`` "inferred: ..."): the plan names none for the
    target itself, and a planner held them to it without a word."""
    if indicators is None or "departments_basis" not in indicators.columns:
        return {}
    basis = indicators.drop_duplicates("indicator_id").set_index("indicator_id")[
        "departments_basis"
    ]
    return {iid: str(b).startswith("inferred") for iid, b in basis.items()}


def target_overview(
    gaps: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
    checks: pd.DataFrame | None = None,
    reliability: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The planner's overview: one typed row per target milestone, worst first by section.

    Parameters
    ----------
    gaps : DataFrame
        ``gaps.gap_assessment`` output (one row per indicator and milestone).
    indicators : DataFrame, optional
        Registry; gives the plan order of sections and English units. Without it the
        sections keep the order of ``gaps`` and units are the Chinese ones.
    lang : {"zh", "en"}
        Language of ``section``, ``name``, ``departments``, ``unit`` and ``status_label``.
    checks : DataFrame, optional
        :func:`observations.check_table`: a latest figure it names (the home region's, that
        year) is ``to_verify``, an observed baseline it names ``baseline_to_verify``, the
        figures it names between the two ``earlier_to_verify`` (:func:`earlier_to_verify`),
        and :func:`format_overview` says so beside each.
    reliability : dict, optional
        :func:`reliability_keys`: what the backtests of each indicator's longer series say of
        its probability; ``reliability`` "low" or "high" is said under a forecast's
        probability (:func:`grade_words`), where the table showed "约各半" and the note that
        it is likely too low stood paragraphs below.

    Returns
    -------
    DataFrame
        ``OVERVIEW_COLUMNS``: numbers as floats (NaN where missing), years as ``Int64``,
        ``status`` the code, ``p_meet`` a probability in 0-1, ``caveat`` the kind of
        :func:`gaps.forecast_caveat` ("" when the forecast keeps to the series' own course;
        :func:`format_overview` marks the probability with †), ``ex_post`` the gap table's
        ("no_figure": the milestone year is past without its own figure; "" when not
        given). Only the plan's milestone years
        (``config.MILESTONE_YEARS``, 2023 and 2025) appear: a target with a milestone every
        year (the yearly flow of key core technologies, 2021-2025) is listed for those two
        years like every other target, so each milestone's status counts cover the same
        question; its other yearly milestones are in the full gap table. Sorted by plan
        section, then worst status first (``SEVERITY_ORDER``: an indicator's milestones
        together, at the place of its worse one), then the lowest probability of meeting
        first (none after any), then registry order and milestone year.
    """
    from .gaps import check_statuses, forecast_caveat

    label("col.name", lang)  # validates lang
    check_statuses(gaps)
    twice = gaps[gaps.duplicated(["indicator_id", "milestone_year"], keep=False)]
    if len(twice):
        first = twice.iloc[0]
        raise ValueError(f"gaps hold {int((twice['indicator_id'] == first['indicator_id']).sum())} "
                         f"rows for {first['indicator_id']} and milestone "
                         f"{first['milestone_year']}; expected one per target milestone")  # fmt: skip
    g = gaps[gaps["milestone_year"].isin(config.MILESTONE_YEARS)].reset_index(drop=True)
    g = g.reindex(columns=list(dict.fromkeys([*g.columns, *_GAP_INPUTS])))  # absent → NaN
    g["status"] = g["status"].fillna("insufficient_data")  # no status: nothing to say yet
    for col in ("section_zh", "section_en", "name_zh", "name_en"):
        g[col] = g[col].fillna("")
    unit = g["unit_zh"]
    if lang == "en" and indicators is not None:
        unit = g["indicator_id"].map(indicators.set_index("indicator_id")["unit_en"])
    elif lang == "en" and "unit_en" in g:
        unit = g["unit_en"]
    reg = {iid: i for i, iid in enumerate(dict.fromkeys(
        indicators["indicator_id"] if indicators is not None else g["indicator_id"]))}  # fmt: skip
    sections = _section_order(g, indicators)
    inferred = inferred_departments(indicators)
    caveats = [forecast_caveat(r) or ("", np.nan) for r in g.to_dict("records")]
    out = pd.DataFrame({
        "indicator_id": g["indicator_id"].astype(str),
        "section": g[f"section_{lang}"].astype(str),
        "name": g[f"name_{lang}"].astype(str),
        "departments": g["departments"].map(lambda d: departments_text(d, lang)),
        "milestone_year": g["milestone_year"].astype("Int64"),
        "kind": g["kind"].astype(str),
        "unit": unit.fillna("").astype(str),
        "baseline_year": g["baseline_year"].astype("Int64"),
        "baseline_value": g["baseline_value"].astype(float),
        "target": g["target"].astype(float),
        "comparison": g["comparison"].fillna(">=").astype(str),
        "plan_target": pd.to_numeric(g["plan_target"], errors="coerce").astype(float),
        "plan_baseline_value": pd.to_numeric(g["plan_baseline_value"],
                                             errors="coerce").astype(float),  # fmt: skip
        "latest_year": g["latest_year"].astype("Int64"),
        "latest_value": g["latest_value"].astype(float),
        "latest_status": g["latest_status"].fillna("").astype(str),
        "expected_on_path": g["expected_on_path"].astype(float),
        "status": g["status"].astype(str),
        "status_label": g["status"].map(lambda c: status_label(c, lang)),
        "p_meet": g["p_meet"].astype(float),
        "projected": g["projected"].astype(float),
        "projected_lo_80": g["projected_lo_80"].astype(float),
        "projected_hi_80": g["projected_hi_80"].astype(float),
        "caveat": [c[0] for c in caveats],
        # the yearly change the forecast implies, and the best year's (:func:`caveat_words`)
        "caveat_implied": [float(c[1]) for c in caveats],
        "best_growth": g["best_growth"].astype(float),
        "ex_post": g["ex_post"].fillna("").astype(str),
        **verify_flags(g, checks),
        "reliability": g["indicator_id"].map(reliability or {}).fillna("").astype(str),
        # departments the plan names for a related measure, not for the target itself
        "departments_inferred": [bool(inferred.get(i)) for i in g["indicator_id"]],
        # the yearly change still needed from the latest figure (:func:`needed_words`)
        "required_cagr_from_latest": g["required_cagr_from_latest"].astype(float),
        "growth_unit": g["growth_unit"].fillna("").astype(str),
        # the average yearly change since the baseline (:func:`pace_words`)
        "actual_cagr": g["actual_cagr"].astype(float),
        # actual ÷ required growth: below 1 "on track" is within the tolerance
        "growth_ratio": pd.to_numeric(g["growth_ratio"], errors="coerce").astype(float),
        # where a row without a figure should stand by the year the data run to
        "expected_by_as_of": g["expected_by_as_of"].astype(float),
        "as_of": g["as_of"].astype("Int64"),
        # "plan", or "observation" for a path that starts from a figure (R&D spending)
        "baseline_source": g["baseline_source"].fillna("").astype(str),
        # who is asked for its figures (the registry's data_from: 市统计局 compiles R&D
        # spending), as the table of data still missing groups them
        "departments_asked": [departments_text(d, lang) for d in _asked(g, indicators)],
    })  # fmt: skip
    severity = {c: i for i, c in enumerate(SEVERITY_ORDER)}
    v = out["status"].map(severity).fillna(len(severity))
    keys = pd.DataFrame({
        "s": g["section_zh"].map(sections).fillna(len(sections)),
        # an indicator's milestones side by side, at the place of its worst (the yearly
        # key core technologies read 2023, then another target, then 2025: the planner's
        # review)
        "v": v.groupby(out["indicator_id"]).transform("min"),
        # among the same status the least likely first (a 27 % chance came after a 71 %
        # one in plan order: the e2e review); no probability after any
        "p": out["p_meet"].groupby(out["indicator_id"]).transform("min").fillna(2.0),
        "r": out["indicator_id"].map(reg).fillna(len(reg)),
        "m": out["milestone_year"].astype(float),
    })  # fmt: skip
    order = keys.sort_values(["s", "v", "p", "r", "m"], kind="mergesort").index
    return out.loc[order, OVERVIEW_COLUMNS].reset_index(drop=True)


def verify_flags(g: pd.DataFrame, checks: pd.DataFrame | None) -> dict:
    """The three marks a row of figures carries, by column: ``to_verify``
    (:func:`latest_to_verify`), ``baseline_to_verify`` (:func:`baseline_to_verify`) and
    ``earlier_to_verify`` (:func:`earlier_to_verify`) - one call for the overview, the
    brief and the workbook, which had each made the three."""
    return {"to_verify": latest_to_verify(g, checks),
            "baseline_to_verify": baseline_to_verify(g, checks),
            "earlier_to_verify": earlier_to_verify(g, checks)}  # fmt: skip


def latest_to_verify(g: pd.DataFrame, checks: pd.DataFrame | None) -> np.ndarray:
    """Whether each row's latest figure (``indicator_id``, ``latest_year``) is one that
    looks wrong (:func:`observations.figures_to_verify`: the home region's), or lies in or
    after a change of definition of its indicator (:func:`observations.definition_breaks`)."""
    return _years_to_verify(g, "latest_year", checks)


def baseline_to_verify(g: pd.DataFrame, checks: pd.DataFrame | None) -> np.ndarray:
    """Whether each row's baseline (``indicator_id``, ``baseline_year``) is a figure that
    looks wrong. Only an observed baseline can be: the plan's own (``baseline_source``
    "plan") stands whatever a return says of that year. A gap table without
    ``baseline_source`` reads every baseline as observed."""
    observed = np.ones(len(g), dtype=bool)
    if "baseline_source" in g:
        observed = g["baseline_source"].fillna("observation").astype(str).ne("plan").to_numpy()
    return _years_to_verify(g, "baseline_year", checks) & observed


def earlier_to_verify(g: pd.DataFrame, checks: pd.DataFrame | None) -> list[str]:
    """The years of the figures that look wrong (:func:`observations.figures_to_verify`)
    between each row's baseline and its latest figure, "2021" or "2021, 2022" ("" for
    none): the row's pace, best year and forecast are built on them too (905, 10,500 typed
    for 1,050, 1,258 read a best year of +1,060 % and an 80 % range of 727-2,848 for 2023),
    though the latest figure itself is sound."""
    from .observations import figures_to_verify

    named = figures_to_verify(checks)
    if not named or "latest_year" not in g:
        return [""] * len(g)
    base = g["baseline_year"] if "baseline_year" in g else pd.Series(np.nan, index=g.index)
    out = []
    for iid, b, last in zip(g["indicator_id"], base, g["latest_year"], strict=True):
        lo = int(b) if pd.notna(b) else -(10**6)
        hi = int(last) if pd.notna(last) else lo
        out.append(", ".join(str(y) for i, y in sorted(named) if i == iid and lo < y < hi))
    return out


def earlier_word(years: object, lang: str = "zh") -> str | None:
    """ "2021年数待核实" / "2021 figure to verify" for :func:`earlier_to_verify`'s years,
    None for none."""
    if not isinstance(years, str) or not years:
        return None
    key = "fmt.earlier_to_verify" if "," not in years else "fmt.earlier_to_verify_n"
    return label(key, lang, years=years.replace(", ", "、" if lang == "zh" else ", "))


def _years_to_verify(g: pd.DataFrame, year: str, checks: pd.DataFrame | None) -> np.ndarray:
    """Whether each row's figure of ``year`` is named by a check, or lies in or after the
    first year of a change of definition of its indicator (:func:`observations.definition_breaks`)."""
    from .observations import definition_breaks, figures_to_verify

    named, breaks = figures_to_verify(checks), definition_breaks(checks)
    if year not in g:
        return np.zeros(len(g), dtype=bool)
    return np.array([pd.notna(y) and ((iid, int(y)) in named or int(y) >= breaks.get(iid, 10**6))
                     for iid, y in zip(g["indicator_id"], g[year], strict=True)],
                    dtype=bool)  # fmt: skip


# --------------------------------------------------------------------------- display strings
def _missing(x: object) -> bool:
    """None, NA, NaT, and NaN or infinity of any float type (numpy's float32 included)."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    return isinstance(x, numbers.Real) and not math.isfinite(x)


def _unsigned_zero(text: str) -> str:
    """ "-0" or "-0.0" (a small negative number rounded), or a signed change "+0.0", printed
    as zero, without a sign."""
    return text[1:] if text.startswith(("-", "+")) and not text.strip("+-0.,%") else text


def value_decimals(value: float, most: int = 3) -> int:
    """The decimals a given figure carries (1.45 → 2, 1,300 → 0), at most ``most``.

    The tolerance is relative to the figure, not to the scaled one: a computed 1,757.092001
    passed as "3 decimals" (1e-9 of 1,757,092 is 0.0018) and printed "1,757.092" beside a
    rounded "1,851".
    """
    if not math.isfinite(value):
        return 0
    tol = 1e-9 * max(1.0, abs(value))
    for d in range(most):
        scaled = value * 10**d
        if abs(scaled - round(scaled)) <= tol:
            return d
    return most


def fixed(value: float, decimals: int, spec: str = ",") -> str:
    """``value`` to ``decimals`` places, halves rounded away from zero on its decimal value
    (binary noise beyond 15 significant digits cleared first), as Excel shows a number:
    (1.45 - 1.30) / 2 is 0.07499999999999996 in binary and printed "0.07"; a projected
    1,434.5 read 1,434 in a table and 1,435 in the brief. ``spec``: "," or "+,"."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    if not math.isfinite(value):
        return format(value, f"{spec}.{decimals}f")
    # below 1e15 the 16th and 17th digits are binary noise; above, every digit of the float
    # is kept (15 digits printed 123,456,789,012,346,000 where the table had …345,680)
    digits = f"{value:.15g}" if abs(value) < 1e15 else repr(float(value))
    with localcontext() as ctx:
        ctx.prec = 400  # a quantize past the default 28 digits raised for 1e28 and up
        exact = Decimal(digits).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if exact == 0:
        exact = abs(exact)  # "-0" for a rounded -0.4; a "+" spec still writes "+0"
    return format(exact, f"{spec}.{decimals}f")


def half_up(value: float) -> float:
    """The whole number nearest ``value``, halves away from zero (:func:`fixed`)."""
    return float(fixed(float(value), 0, ""))


def fmt_number(x: object, lang: str = "zh", *, given: bool = False, at_least: int = 0) -> str:
    """A number for people: thousands separators, 0-2 decimals by size, ``—`` when missing.

    Whole numbers print without decimals (``1,300``); others keep 2 decimals below 10, 1
    below 100 and none from 100 up, trailing zeros dropped (``1.45``, ``35.6``, ``9,812``).
    ``given``: a figure as published keeps its own decimals, up to 3 (``54.03``, not ``54``
    beside a brief that says 54.03), and at least ``at_least`` (its target's: "3.0" beside a
    target of 3.7); computed values are rounded by size.
    """
    if _missing(x):
        return label("fmt.missing", lang)
    v = float(x)
    if abs(v - round(v)) < 1e-9 and not (given and at_least):
        return f"{round(v):,}"
    if given:
        d = max(value_decimals(v, most=4), at_least)  # 54.03亿元 is 5.403 billion yuan
        if d < 4:
            return _unsigned_zero(fixed(v, d, ","))
    text = fixed(v, size_decimals(v))
    return _unsigned_zero(text.rstrip("0").rstrip(".") if "." in text else text)


def size_decimals(value: float) -> int:
    """Decimals of a computed figure by its size: 2 below 10, 1 below 100, none above
    (the tables', the charts' and the brief's one rule; trailing zeros are then dropped)."""
    magnitude = abs(value)
    return 2 if magnitude < 10 else 1 if magnitude < 100 else 0


#: Chinese counts in myriads (亿 = 10^8, 万 = 10^4) as English says them in running text.
#: "54.03 100 million yuan" reads as 54,100 million, so inline English figures are converted
#: (54.03 亿元 → 5.4 billion yuan); column headers and axis labels keep the registry's unit.
EN_INLINE_UNITS = {
    "100 million yuan": (0.1, "billion yuan"),
    "10,000 people": (0.01, "million people"),
    "10,000 yuan": (10.0, "thousand yuan"),
}


def inline_unit(x: object, unit: str, lang: str = "zh") -> tuple[object, str, int]:
    """A figure and unit as running text says them: ``(value, unit, extra decimals)``.

    In English a myriad unit (``EN_INLINE_UNITS``) is converted, so ``54.03`` in
    "100 million yuan" becomes ``5.403`` "billion yuan"; ``extra decimals`` is how many more
    decimals keep the same precision (1 for a factor of 0.1). Chinese, other units and
    missing values are returned unchanged.
    """
    if lang != "en" or unit not in EN_INLINE_UNITS or _missing(x):
        return x, unit, 0
    factor, words = EN_INLINE_UNITS[unit]
    return float(x) * factor, words, max(0, -math.floor(math.log10(factor) + 1e-9))


def fmt_value(
    x: object, unit: str = "", lang: str = "zh", *, given: bool = False, at_least: int = 0
) -> str:
    """A number with its unit: ``35.6%``, ``1,300家`` (zh) or ``1,300 firms`` (en).

    English myriad units read as running text does (:func:`inline_unit`): ``54亿元`` (zh),
    ``5.4 billion yuan`` (en). ``given``: a published figure, shown with its own decimals
    (:func:`fmt_number`; ``54.03亿元``, ``5.403 billion yuan``), and at least ``at_least``
    in the registry's unit.
    """
    if _missing(x):
        return label("fmt.missing", lang)
    x, unit, extra = inline_unit(x, unit, lang)
    return with_unit(fmt_number(x, lang, given=given, at_least=at_least + extra if at_least
                                else 0), unit, lang)  # fmt: skip


#: English count units (the registry's ``unit_en``) in the singular, for "1 firm", not
#: "1 firms"; the first word is the noun ("projects per year" → "project per year").
EN_SINGULAR = {
    "firms": "firm", "clinics": "clinic", "consortia": "consortium",
    "institutions": "institution", "people": "person", "platforms": "platform",
    "projects": "project",
}  # fmt: skip


#: How a per-year unit ends ("项/年", "projects per year"): the unit of a yearly target.
PER_YEAR_TAILS = ("/年", " per year", "/yr")


def year_unit(unit: str) -> str:
    """The unit of one year's figure of a per-year unit: "项/年" → "项", "projects per
    year" → "projects"; any other unit (and a rate's "%/年") unchanged.

    The target keeps it ("每年10项以上" is "10项/年"), but a year's count is "10项（2025年）"
    and its shortfall "差1项": "2025年为10项/年", "比目标差1项/年", "falls 1 project per
    year short" read as a rate attached to a single year (the planner's review).
    """
    if unit.startswith("%"):
        return unit
    for tail in PER_YEAR_TAILS:
        if unit.endswith(tail) and len(unit) > len(tail):
            return unit[: -len(tail)]
    return unit


def with_unit(text: str, unit: str, lang: str = "zh") -> str:
    """A formatted number and its unit: ``35.6%`` and ``1,300家`` close up, ``1,300 firms``
    (``1 firm``: English count nouns agree with a number of one)."""
    if not unit:
        return text
    if unit.startswith("%") or lang == "zh":
        return f"{text}{unit}"
    noun, _, rest = unit.partition(" ")
    if text.lstrip("+-−") == "1" and noun in EN_SINGULAR:
        unit = " ".join(filter(None, (EN_SINGULAR[noun], rest)))
    return f"{text} {unit}"


def fmt_growth(
    value: float, growth_unit: str, unit: str = "", lang: str = "zh", *, decimals: int = 0,
    more: int = 0, words: bool = False,
) -> str:  # fmt: skip
    """A yearly change in the gap table's ``growth_unit``: "+17.9%" (``%/yr``, a rate),
    "+0.44个百分点" (``pp/yr``, a share's points), "+80家" (``units/yr``, in ``unit`` with
    ``decimals``); ``more`` decimals than usual where two changes must be told apart.
    ``words``: after "年均", in Chinese in words (:func:`change_words`: "增长17.9%")."""
    if growth_unit == "%/yr":
        text = label("brief.growth_pct", lang,
                     value=_unsigned_zero(fixed(value * 100, 1 + more, "+")))  # fmt: skip
    elif growth_unit == "pp/yr":
        text = label("brief.growth_pp", lang, value=_unsigned_zero(fixed(value, 2 + more, "+")))
    else:
        value, unit, extra = inline_unit(value, unit, lang)
        text = with_unit(_unsigned_zero(fixed(value, decimals + extra + more, "+,")), unit, lang)
    return change_words(text, growth_unit, lang) if words else text


def change_words(text: str, growth_unit: str, lang: str = "zh") -> str:
    """A signed yearly change (:func:`fmt_growth`) as Chinese official prose writes it after
    "年均": "+2.3%" → "增长2.3%", "−1.2%" → "下降1.2%", "+0.25个百分点" → "提高0.25个百分点",
    "+128家" → "增加128家" ("年均+2.3%" read as a spreadsheet's, not a report's: the
    planner's review). English keeps the sign ("+2.3% a year")."""
    if lang != "zh" or not text:
        return text
    falls = text[0] in "-−"
    number = text.lstrip("+-−")
    if not re.search(r"[1-9]", number.split("个")[0]):  # "0.0%", "0家": no change
        return "持平"
    if growth_unit == "pp/yr":
        verb = "降低" if falls else "提高"
    elif growth_unit == "%/yr":
        verb = "下降" if falls else "增长"
    else:
        verb = "减少" if falls else "增加"
    return verb + number


def needed_words(row, lang: str = "zh") -> str:
    """The yearly change a row still needs from its latest figure to its target, said under
    that figure after where the path stands: "此后需年均增长3.3%" / "needs +3.3% a year from
    now" (``required_cagr_from_latest`` in the row's ``growth_unit``; a change in units
    names the row's ``unit``: "+80家"). The figure a planner acts on: the page gave the
    growth needed since the baseline and the forecast's, not what must happen from here
    (the English reader's review). A growth-rate target needs the growth that reaches the
    level its rate leads to (R&D spending at 10 % a year from 54.03 亿元 in 2021: 79.1 亿元
    in 2025). "" where none is said: a row :func:`path_words` says nothing of (no figure,
    not graded, its milestone's own figure in), a yearly flow (its target is the yearly
    figure itself), an outcome settled. A milestone year over without its figure
    (``ex_post == "no_figure"``) says what reaching the target from the latest figure took:
    "2023年达标需年均增长3.3%" (in December 2026 "此后需年均" asked a pace of a year gone by: the
    final-evaluation review)."""
    value = row.get("required_cagr_from_latest")
    if _missing(value) or row.get("status") in ("achieved", "missed") or not path_words(row, lang):
        return ""
    if not needs_change(row):  # a growth-rate target already past the level its rate asks
        # for (85亿元 in 2023 against 79.1 by 2025): "needs -3.5% a year" read as "must
        # shrink" (the diff review); a stock past its target is achieved and says nothing
        return label("fmt.needed_hold", lang, year=int(row["milestone_year"]))
    latest = row.get("latest_value")
    decimals = 0 if _missing(latest) else value_decimals(float(latest))
    text = fmt_growth(float(value), str(row.get("growth_unit") or ""), str(row.get("unit") or ""),
                      lang, decimals=decimals, words=True)  # fmt: skip
    if row.get("ex_post") == "no_figure" and not _missing(row.get("milestone_year")):
        # the milestone year is over and its figure owed: what reaching the target took
        return label("fmt.needed_over", lang, value=text, year=int(row["milestone_year"]))
    return label("fmt.needed_from_now", lang, value=text)


def needs_change(row) -> bool:
    """Whether a row's yearly change still needed (``required_cagr_from_latest``) points
    toward its target: up for a floor, down for a ceiling. A level already past the one its
    target asks for needs none (a negative rate there is no requirement to shrink)."""
    from .gaps import toward

    value = row.get("required_cagr_from_latest")
    return not _missing(value) and toward(row.get("comparison", "")) * float(value) > 0


def key_points(
    overview: pd.DataFrame, lang: str = "zh", *, fiscal: str = "",
    flows: pd.DataFrame | None = None,
) -> list[str]:  # fmt: skip
    """The few sentences a planner reads first: each assessed target's status, where it
    stands against its path, the yearly change still needed and its probability, one
    sentence each, then how many targets cannot be assessed yet and the department asked
    for most of their figures (``departments_asked``; the responsible ones without it; first
    when their milestone years are all over: at the final evaluation it is the headline). The
    counts alone said nothing of what to conclude (the English
    reader's review). ``overview``: :func:`target_overview` (with its ``reliability``, so a
    probability the backtests find may be too low says so). ``fiscal``: :func:`fiscal_point`,
    said after the targets. A milestone whose year is past without its own figure is said
    with its latest figure when it has one (at the final evaluation 880 firms in 2024 and
    "no 2025 figure" vanished into the count of indicators with no figures at all)."""
    sep = label("brief.item_sep", lang)
    out = []
    rows = overview.to_dict("records")

    def add(r, text: str) -> None:
        """A target's point; a miss, or a target moving away, names who is responsible
        (the key points named no one for the misses: the planner's re-read); a yearly
        flow's last milestone says how many of its years met their targets."""
        if r.get("status") in ("missed", "moving_away") and str(r.get("departments") or ""):
            # one list, its inferred tag on the whole of it ("…Tax Bureau (inferred…)" read
            # as that bureau's alone; "; " split a sentence already split by "; ")
            depts = split_departments(str(r["departments"]))
            said = label("brief.list_sep", lang).join(depts)  # "、" / ", "
            key = "points.departments_inferred" if r.get("departments_inferred") else (
                "points.departments")  # fmt: skip
            text = text[:-1] + label(key, lang, departments=said) + text[-1]
        if tally := _flow_tally(r, overview, flows, lang):
            text = text[:-1] + tally + text[-1]
        out.append(text)

    def said(r) -> bool:  # graded, or a milestone past without its figure but with others
        return r["status"] != "insufficient_data" or (
            no_own_figure(r) is not None and not _missing(r.get("latest_value"))
        )

    for r in rows:
        if not said(r):
            continue
        where = sep.join([_fmt_latest(r, lang), *position_lines(r, lang)])
        fields = {"name": r["name"], "year": int(r["milestone_year"]),
                  "target": _fmt_target(r, lang, nested=True), "status": r["status_label"],
                  "where": where}  # fmt: skip
        owed = no_own_figure(r)
        if tolerance := tolerance_words(r, lang):  # the pace so far below the one needed
            fields["status"] += label("fmt.paren", lang, text=tolerance)
        if early_owed(r):  # met before its year, the year over without its figure: the
            # status says it is to be confirmed ("已实现" alone read as settled: the planner)
            fields["status"] += label("fmt.paren", lang, text=status_lines(r, lang)[-1])
        if settled(r):  # an outcome: no chance to give, the outcome's kind beside its status,
            # and for a grade from a late first figure what was left out and would turn it
            outcome = sep.join(w for w in (p_meet_text(r, lang), status_reason(r, lang),
                                           rate_year_condition(r, lang)) if w)  # fmt: skip
            add(r, label("points.settled", lang, **fields, said=outcome))
        elif owed is not None:  # the milestone's year is over, its figure owed: said so in
            # place of "insufficient data", the forecast of that year kept as such
            mine = r["status"] == "insufficient_data"
            if mine:  # the missing year said as its status, not again beside the chance
                text = label("fmt.no_own_figure", lang, year=owed)
                fields["status"] = text[:1].upper() + text[1:]  # as a status label: No 2025…
            if _missing(r["p_meet"]) and not mine:  # graded on earlier figures, no forecast:
                # why there is no chance, and the year owed (the diff review: both had gone)
                no_chance = label("fmt.forecast_owed", lang, words=label("fmt.no_forecast", lang),
                                  year=owed)  # fmt: skip
                add(r, label("points.target", lang, **fields, p=no_chance))
                continue
            if _missing(r["p_meet"]):
                add(r, label("points.owed", lang, **fields))
                continue
            # the backtests' word too, as the table says it under the same chance (the e2e
            # review: "51%†（约各半）" here, "回测显示可能偏低" in the row)
            words = label("brief.item_sep", lang).join([outcome_words(r, lang),
                                                         *grade_lines(r, lang)[1:]])  # fmt: skip
            chance = (fmt_likelihood(r["p_meet"], lang, words=words,
                                     mark="†" if r.get("caveat") else "")
                      if mine else p_meet_text(r, lang))  # fmt: skip
            add(r, label("points.target", lang, **fields,
                             p=label("points.probability", lang, p=chance)))  # fmt: skip
        elif _missing(r["p_meet"]):  # graded, but too few figures (or only 0s) to forecast
            # met before its year: it is to be held, not "too few figures" alone (the e2e
            # review: "已实现…；数据不足以预测" read as a contradiction)
            no_chance = (label("fmt.hold_no_forecast", lang, year=int(r["milestone_year"]))
                         if achieved_early(r) else label("fmt.no_forecast", lang))  # fmt: skip
            add(r, label("points.target", lang, **fields, p=no_chance))
        else:
            add(r, label("points.target", lang, **fields,
                             p=label("points.probability", lang, p=p_meet_text(r, lang))))  # fmt: skip
    if fiscal:
        out.append(fiscal)
    assessed = {r["name"] for r in rows if said(r)}
    waiting = [r for r in rows if not said(r) and r["name"] not in assessed]
    if waiting:  # indicators none of whose milestones can be assessed
        names = list(dict.fromkeys(r["name"] for r in waiting))
        per: dict[str, set] = {}
        dept_sep = label("fmt.dept_sep", lang)
        for r in waiting:  # the table of data still missing groups by who is asked: the
            # point named 市科技局 for 18 indicators, three of them the statistics bureau's
            raw = r.get("departments_asked")
            raw = raw if isinstance(raw, str) and raw else r["departments"]
            raw = raw if isinstance(raw, str) else ""
            for d in raw.split(dept_sep):
                if d.strip() and d.strip() != label("fmt.missing", lang):
                    per.setdefault(d.strip(), set()).add(r["name"])
        most = max(per.items(), key=lambda kv: len(kv[1]), default=None)
        n, total = len(names), overview["name"].nunique()
        # every milestone year of theirs over (the final evaluation): their figures are owed,
        # not "not yet" there (the final-evaluation review)
        # (a row with no figure at all keeps no ``ex_post``: its year is over when the gap
        # table shows it so, :func:`milestone_over`; the shipped run said "还没有" of 2023
        # and 2025 beside dashboards titled "完成情况": the diff review)
        over = all(r.get("ex_post") == "no_figure"
                   or milestone_over(overview, int(r["milestone_year"])) for r in waiting)  # fmt: skip
        key = "points.waiting_over" if over else "points.waiting"
        one = "" if n > 1 else "_one"
        lack = label(f"points.lack_{waiting_lack(waiting)}{one}", lang) if over else ""
        text = label(key + one, lang, n=n, total=total, lack=lack)
        k = 0 if most is None else len(most[1])
        if k > 1:  # the department named on most of them
            text += label("points.waiting_most", lang, department=most[0], k=k)
        elif k == 1 and n == 1:  # the one indicator's department
            text += label("points.waiting_most_one", lang, department=most[0])
        # at the final evaluation, "12 of 22 cannot be judged" is the headline, not the last
        # point after the fiscal one (the planner's review); before it, the targets lead
        place = 0 if key == "points.waiting_over" else len(out)
        out.insert(place, text + label("points.waiting_see", lang))
    return out


def abbreviations_in(texts) -> list[tuple[str, str]]:
    """The English abbreviations (``labels.ABBREVIATIONS_EN``) that ``texts`` use, as whole
    words ("IP-advantage" holds IP, "IPCC" does not), with what each stands for."""
    from .labels import ABBREVIATIONS_EN

    said = "\n".join(str(t) for t in texts if isinstance(t, str))
    return [(short, full) for short, full in ABBREVIATIONS_EN
            if re.search(rf"(?<![\w&]){re.escape(short)}(?![\w&])", said)]  # fmt: skip


def abbreviations_note(texts, lang: str = "zh") -> str:
    """ "Abbreviations: IP = intellectual property; pp = percentage points." for the
    abbreviations ``texts`` use (:func:`abbreviations_in`), said under the table that shows
    them; "" where none is used, and in Chinese, which says the words. "IP" in indicator
    names, "pp" in a share's changes and "FYP" in the plan's repairs were never spelt out
    in the English outputs (the reviewers)."""
    said = abbreviations_spelt(texts, lang)
    return label("note.abbreviations", lang, pairs=said) if said else ""


def abbreviations_spelt(texts, lang: str = "zh") -> str:
    """ "IP = intellectual property; pp = percentage points": the abbreviations ``texts``
    use (:func:`abbreviations_in`) with what each stands for, as :func:`abbreviations_note`
    and the workbook's notes row say them; "" where none is used, and in Chinese."""
    pairs = abbreviations_in(texts) if lang == "en" else []
    return "; ".join(f"{short} = {full}" for short, full in pairs)


def waiting_lack(rows) -> str:
    """What the targets :func:`key_points` cannot grade lack, from their rows' figures:
    ``"after_baseline"`` (a baseline, plan's or first figure's, and nothing after it),
    ``"any"`` (no figure at all), ``"mixed"`` (some of each) or ``"grading"`` (a figure
    after the baseline, yet no pace to grade). Once their milestone years are over, the
    key point said they "lack their milestone year's figures", as every target did, the two
    graded ones too (the reviewers)."""

    def later(r) -> bool:  # a figure after the baseline (or, without one, any figure)
        latest, since = r.get("latest_year"), r.get("baseline_year")
        return not _missing(r.get("latest_value")) and not _missing(latest) and (
            _missing(since) or int(latest) > int(since))  # fmt: skip

    rows = list(rows)
    if any(later(r) for r in rows):
        return "grading"
    based = {not _missing(r.get("baseline_value")) for r in rows}
    return "mixed" if len(based) > 1 else "after_baseline" if based == {True} else "any"


def _flow_tally(row, overview: pd.DataFrame, flows: pd.DataFrame | None, lang: str) -> str:
    """ "；已有数据的5个年度中4个达到当年目标" for a yearly flow's last milestone row: its other
    years (``flows``, :func:`gaps.flow_years`) and its milestones settled (``ex_post``). A
    target of every year read "missed" for 2023 and "achieved" for 2025 with no verdict on the
    period (the planner's reviews); "" for another row, or with fewer than two years."""
    if row.get("kind") != "flow" or flows is None or flows.empty:
        return ""
    own = overview[overview["indicator_id"] == row["indicator_id"]]
    if int(row["milestone_year"]) != int(pd.to_numeric(own["milestone_year"]).max()):
        return ""
    met = [bool(m) for m in flows.loc[flows["indicator_id"] == row["indicator_id"], "met"]
           if pd.notna(m)]  # fmt: skip
    met += [
        e == "met" for e in own.get("ex_post", pd.Series(dtype=object)) if e in ("met", "missed")
    ]
    if len(met) < 2:
        return ""
    return label("points.flow_tally", lang, k=len(met), m=sum(met))


#: Statuses of a whole year's figure (``config.WHOLE_YEAR_STATUSES``).
YEAR_OVER_STATUSES = config.WHOLE_YEAR_STATUSES
#: Series (indicator and region) whose whole-year figures must reach a year for it to count
#: as over: one mistyped year (a GDP growth rate dated 2032) said 2023 and 2025 were over
#: (the diff review).
YEAR_OVER_SERIES = 2


def milestones_over(
    observations: pd.DataFrame, latest: int | None, years=config.MILESTONE_YEARS
) -> tuple[int, ...]:
    """The milestone years after ``latest`` (the year Langfang's data run to) that are over:
    ``YEAR_OVER_SERIES`` series or more (any indicator, any region) hold a whole year's
    figure (:data:`YEAR_OVER_STATUSES`) of that year or later (China's 2025 patents and
    R&D: 2025 has ended). Nothing here reads the calendar, so a rerun gives the same page.
    The page said "数据截至2022年" and graded 2023 with a forecast, without a word that 2023
    and 2025 were over and their outcomes owed (the planner's review)."""
    last = _series_reach(observations)
    if latest is None or last.empty:
        return ()
    return tuple(int(y) for y in years
                 if int(latest) < int(y) and int((last >= int(y)).sum()) >= YEAR_OVER_SERIES)  # fmt: skip


def _series_reach(observations: pd.DataFrame | None) -> pd.Series:
    """The latest year of a whole year's figure in each series (indicator, region)."""
    if observations is None or observations.empty:
        return pd.Series(dtype=int)
    done = observations[observations["status"].isin(YEAR_OVER_STATUSES)]
    return done.groupby(["indicator_id", "region"])["year"].max().astype(int)


def milestone_over(gaps: pd.DataFrame, year: int) -> bool:
    """Whether the gap table shows milestone ``year`` over: a row of it graded on its own
    year's figure or owing it (``ex_post``), or assessed as of that year or later. Nothing
    here reads the calendar (:func:`milestones_over` decided which years the data show over)."""
    if "milestone_year" not in gaps:
        return False
    own = gaps[pd.to_numeric(gaps["milestone_year"], errors="coerce") == int(year)]
    if own.empty:
        return False
    if "ex_post" in own and own["ex_post"].fillna("").astype(str).str.strip().ne("").any():
        return True
    as_of = (pd.to_numeric(own["as_of"], errors="coerce") if "as_of" in own
             else pd.Series(dtype=float))  # fmt: skip
    return bool((as_of >= int(year)).any())


def dashboard_title(gaps: pd.DataFrame, year: int, lang: str = "zh") -> str:
    """The gap dashboard's title: "2025年目标进展评估" while the milestone year runs,
    "2025年目标完成情况" / "Status of the 2025 targets" once it is over
    (:func:`milestone_over`). The figures of the final evaluation still described a plan under
    way (the report writer's review). The title over a year over claims no outcome, whatever
    the rows rest on: "Outcome of the 2025 targets" stood over grades on 2022 data, and even
    with the year's figures in, a dashboard shows outcomes (some on preliminary figures),
    grades on earlier data and rows without data side by side, which its legend tells apart."""
    key = "title.gap_dashboard_over" if milestone_over(gaps, year) else "title.gap_dashboard"
    return label(key, lang, year=int(year))


def known_by_method(results) -> list[tuple[str, dict]]:
    """The methods' sentences of a ``--known-by`` run (label keys and fields; none for a run
    on the figures known now): the day, and how many undated figures were counted as known,
    the weak point of such a reconstruction; then, where there were any, the undated figures
    left out as succeeding a dated figure of their year published on the day or later (the
    run's first line said them, the page and the brief did not)."""
    known = getattr(results, "known_by", None)
    if not known:
        return []
    said = [("known_by.method", {"date": known, "n": int(getattr(results, "undated_known", 0)),
                                 "m": int(getattr(results, "undated_unfinished", 0))})]  # fmt: skip
    if after := int(getattr(results, "undated_after_earlier", 0)):
        said.append(("known_by.method_after", {"date": known, "k": after}))
    return said


def known_by_words(said: list[tuple[str, dict]], lang: str = "zh") -> str:
    """:func:`known_by_method`'s sentences (``said``) as one paragraph in ``lang``: the page's
    header, the workbook's notes and each notebook's opening say them so ("" for none)."""
    return ("" if lang == "zh" else " ").join(label(key, lang, **fields) for key, fields in said)


def known_by_note(results, lang: str = "zh") -> str:
    """A notebook's opening words of a ``--known-by`` run, in Markdown ("" for a run on the
    figures known now): that its figures are a reconstruction as published by the day, and
    the method's words (:func:`known_by_method`), as the page and the brief say them. The
    notebooks of such a run showed its figures without a word of the day."""
    said = known_by_method(results)
    if not said:
        return ""
    words = known_by_words(said, lang)
    return f"**{label('known_by.cover', lang, date=said[0][1]['date'])}** {words}"


def final_evaluation(results) -> bool:
    """Whether ``results`` are the plan's final evaluation: the data used reach the plan's
    last year (:func:`brief.brief_as_of`), the decision that titles the page (目标终期评估)
    and names the brief (:func:`brief.brief_path`)."""
    from .brief import brief_as_of

    return brief_as_of(results) >= config.PLAN_END_YEAR


def gaps_intro(results, lang: str = "zh") -> str:
    """Notebook 04's opening: while the plan runs, what it grades and by which test (the
    growth test's on track / needs acceleration); in the final evaluation, met or missed
    on the milestone years' figures, in the landing page's words (``landing.final``). The
    final run's notebook still graded a pace and read as monitoring beside a page titled
    目标终期评估."""
    words = grading_words()
    if not final_evaluation(results):
        return label("nb.gaps_intro", lang, **words)
    return "\n\n".join([label("nb.gaps_intro_final", lang, **words),
                         label("landing.final", lang, end=config.PLAN_END_YEAR)])  # fmt: skip


def grading_words() -> dict:
    """The grading's numbers as notebook 04's words, the brief's methods and the workbook's
    notes say them, from config (notebook 04's words had
    "R ≥ 0.95", "2023年和2025年" and "2020年以来" typed in): milestones ``first``/``last``,
    ``on``/``acc`` (the growth test's ratios), ``tol`` (how far short of the path "on
    track" allows, "5%") and ``base`` (the plan's base year)."""
    on, acc = config.ON_TRACK_RATIO, config.NEEDS_ACCELERATION_RATIO
    return {"first": config.MILESTONE_YEARS[0], "last": config.MILESTONE_YEARS[-1],
            "on": f"{on:g}", "acc": f"{acc:g}", "tol": f"{round((1 - on) * 100, 6):g}%",
            "base": config.PLAN_BASE_YEAR}  # fmt: skip


def gaps_reading(results, lang: str = "zh") -> str:
    """Notebook 04's "how to read the tables": progress against time elapsed and the
    probability of meeting while the plan runs; outcomes and what they rest on in the final
    evaluation, with the probability scale only where a forecast is still shown, as the
    landing page says it (the final run explained time elapsed and "needs … a year from
    here on" above tables of outcomes)."""
    if not final_evaluation(results):
        from .forecast import DEFAULT_ANCHOR

        # the reference class's growth as the forecasts use it (the words had it typed in)
        return label("nb.gaps_reading", lang, g=_fmt_rate(math.expm1(DEFAULT_ANCHOR.growth), lang),
                     scale=likelihood_scale(lang), **grading_words())  # fmt: skip
    words = label("nb.gaps_reading_final", lang, **grading_words())
    if forecast_probabilities(target_overview(results.gaps, lang=lang)).any():
        words += ("" if lang == "zh" else " ") + likelihood_legend(lang)
    return words


def milestones_over_note(results, lang: str = "zh") -> str:
    """The page's, the brief's and notebook 04's note on milestone years over while the data
    stop before them (:func:`milestones_over` after the gap table's ``as_of``), naming whose
    figures show it ("全国2025年全年数字已发布"); "" for an ``--as-of`` run (it looks back on
    purpose) or when there is none."""
    gaps = getattr(results, "gaps", None)
    if getattr(results, "as_of", None) is not None or gaps is None or "as_of" not in gaps:
        return ""
    years = pd.to_numeric(gaps["as_of"], errors="coerce").dropna()
    if years.empty:
        return ""
    latest = int(years.max())
    over = milestones_over(results.observations, latest)
    if not over:
        return ""
    reach = _series_reach(results.observations)
    places = region_words(getattr(results, "regions", None), lang)
    regions = dict.fromkeys(r for (_, r), y in reach.sort_index(level=1).items() if y >= max(over))
    where = ("、" if lang == "zh" else ", ").join(places.get(r, r) for r in regions)
    return milestones_over_words(over, latest, lang, where=where)


def milestones_over_words(years: tuple[int, ...], latest: int, lang: str = "zh", *,
                          where: str = "") -> str:  # fmt: skip
    """The note of :func:`milestones_over_note` for ``years`` ("" when there are none);
    ``where``: the regions whose whole-year figures of the last of them are out."""
    if not years:
        return ""
    sep = "、" if lang == "zh" else " and "
    one = len(years) == 1
    return label("points.milestones_over", lang, years=sep.join(str(y) for y in years),
                 last=max(years), latest=latest, where=where or label("fmt.some_regions", lang),
                 have="has" if one else "have", them="it" if one else "them",
                 these=("该年份" if one else "这些年份") if lang == "zh" else "",
                 n=len(years))  # fmt: skip


def fiscal_point(
    exposure: pd.DataFrame | None, params: pd.DataFrame | None = None, lang: str = "zh"
) -> str:
    """The plan's 20万元 award for new high-tech enterprises as a key point: the years
    counted from figures and the years forecast apart (the forecast years with their 80 %
    range), then the cumulative city cost from the plan's start to its end year with its
    range ("约1.26亿元（80%区间0.71亿至2.60亿元）"), a floor (net increases of the stock)
    that the amounts paid settle (:func:`gaps.fiscal_exposure`); parts rounded on their own
    say so when they do not add up to the total shown. Notebook 04 and the workbook had it;
    the page and the brief did not (the English reader's review). ``params``: the fiscal
    parameters, for the award's amount (``hte_award_new``, 万元). "" without a forecast to
    the end year."""
    if exposure is None or exposure.empty or "cum_cost_wan" not in exposure or params is None:
        return ""
    from .registry import fiscal_parameter

    try:
        award = float(fiscal_parameter("hte_award_new", params))
    except (KeyError, ValueError):
        return ""
    rows = exposure[exposure["year"] <= config.PLAN_END_YEAR]
    if rows.empty or int(rows["year"].max()) != config.PLAN_END_YEAR:
        return ""
    last = rows.loc[rows["year"].idxmax()]
    # every year's new firms counted from figures: the sum is what was owed, with no range
    # (the final evaluation said nothing of the budget once no year was forecast)
    actual = ("basis" in rows and not rows["basis"].eq("forecast").any()
              and not rows["new_firms"].isna().any())  # fmt: skip
    wanted = ("cum_cost_wan",) if actual else ("cum_cost_wan", "cum_cost_lo_80_wan",
                                               "cum_cost_hi_80_wan")  # fmt: skip
    if any(_missing(last.get(c)) for c in wanted):
        return ""

    scale = 1e4 if lang == "zh" else 100  # 万元 as 亿元 / million yuan
    cost = float(last["cum_cost_wan"]) / scale
    # three figures (1.26), at most four decimals; a cost of nothing is "0"
    decimals = 0 if cost == 0 else min(4, max(0, 2 - int(np.floor(np.log10(abs(cost))))))

    def money(wan: float) -> str:  # the range in the median's decimals: 0.71, not 0.706
        return fixed(float(wan) / scale, decimals)

    each = _award_text(award, lang)
    if actual:
        total = float(last["cum_cost_wan"])
        if lang == "zh":  # under 1亿元 in 万元: "约9,900万元", not "约0.990亿元"
            cost = (f"{fmt_number(half_up(total), lang)}万元" if total < 1e4
                    else f"{money(total)}亿元")  # fmt: skip
        else:
            cost = money(total)
        return (label("points.fiscal_actual", lang, first=int(rows["year"].min()),
                      last=int(last["year"]), award=each, cost=cost)
                + _fiscal_provisional(rows, lang) + _fiscal_caveats(rows, last, params, lang))  # fmt: skip
    counted = (rows[rows["basis"].astype(str) != "forecast"] if "basis" in rows
               else rows.iloc[:0])  # fmt: skip
    if len(counted) and not _missing(counted["cum_cost_wan"].iloc[-1]):
        # the years counted apart from those forecast: 0.71亿 of the 1.26亿 was counted from
        # figures already, and what the years forecast add was said nowhere (the English
        # reader's review)
        past = float(counted["cum_cost_wan"].iloc[-1])
        upto = int(counted["year"].iloc[-1])

        def ahead(wan: float) -> str:  # what the forecast years add, rounded on its own (as
            # statistics round parts: 5,573万元 is 0.56亿, whatever the total's rounding)
            left = max(0.0, float(wan) - past)
            return "0" if left == 0 else money(left)

        # parts that do not add up to the total shown say why (0.71 + 0.56 beside 1.26)
        parts = (money(past), ahead(last["cum_cost_wan"]), money(last["cum_cost_wan"]))
        whole = float(parts[0].replace(",", "")) + float(parts[1].replace(",", ""))
        off = abs(whole - float(parts[2].replace(",", ""))) > 10.0**-decimals / 2
        rounding = label("points.fiscal_rounding", lang) if off else ""

        text = label("points.fiscal_split", lang, award=each,
                     counted=year_span(int(rows["year"].min()), upto, lang),
                     ahead_years=year_span(upto + 1, int(last["year"]), lang),
                     past=money(past), ahead=ahead(last["cum_cost_wan"]),
                     alo=ahead(last["cum_cost_lo_80_wan"]), ahi=ahead(last["cum_cost_hi_80_wan"]),
                     first=int(rows["year"].min()), last=int(last["year"]),
                     cost=money(last["cum_cost_wan"]), lo=money(last["cum_cost_lo_80_wan"]),
                     hi=money(last["cum_cost_hi_80_wan"]), rounding=rounding)  # fmt: skip
    else:
        text = label("points.fiscal", lang, first=int(rows["year"].min()),
                     last=int(last["year"]), award=each, cost=money(last["cum_cost_wan"]),
                     lo=money(last["cum_cost_lo_80_wan"]), hi=money(last["cum_cost_hi_80_wan"]))  # fmt: skip
    return text + _fiscal_provisional(rows, lang) + _fiscal_caveats(rows, last, params, lang)


def _award_text(wan: float, lang: str) -> str:
    """An award per firm as the key point says it: "20" (万元, zh), "200,000" (yuan, en)."""
    return fmt_number(wan, lang) if lang == "zh" else f"{wan * 1e4:,.0f}"


def _fiscal_provisional(rows: pd.DataFrame, lang: str) -> str:
    """The key point's "其中依据的2025年预计数，待正式数确认。" when the counted years rest on a
    preliminary figure or an estimate (``provisional`` of :func:`gaps.fiscal_exposure`): a sum built on
    a 2025 estimate read as money already owed (the e2e review)."""
    if "provisional" not in rows:
        return ""
    from .labels import provisional_items

    found: dict[int, str] = {}
    for cell in rows["provisional"]:
        for year, status in provisional_items(cell):
            found.setdefault(year, status)
    if not found:
        return ""
    items = label("brief.list_sep", lang).join(
        label("points.fiscal_provisional_item", lang, year=y,
              status=obs_status_label(found[y], lang).lower())
        for y in sorted(found)
    )  # fmt: skip
    return label("points.fiscal_provisional", lang, items=items)


def _fiscal_caveats(rows: pd.DataFrame, last: pd.Series, params: pd.DataFrame,
                    lang: str) -> str:  # fmt: skip
    """What the fiscal key point's range leaves to be said (the planner's review): a low end
    that is only the years already counted (no net increase after them: 0.71亿 was
    2021-2022's cost, read as a floor of the plan's), what the net increase leaves out
    (certifications replacing lapsed firms) and takes in (firms moving in whole, not newly
    certified), and the re-certification award of the same clause, which is not estimated
    (re-certifications are not in the data)."""
    out = ""
    counted = rows[rows["basis"].astype(str) != "forecast"] if "basis" in rows else rows.iloc[:0]
    low = last.get("cum_cost_lo_80_wan")
    forecast = "basis" in rows and rows["basis"].astype(str).eq("forecast").any()
    if (forecast and len(counted) and not _missing(low)
            and float(low) <= float(counted["cum_cost_wan"].iloc[-1])):  # fmt: skip
        out += label("points.fiscal_floor", lang, year=int(counted["year"].iloc[-1]))
    # what the net increase leaves out and takes in: a "lower bound" that move-ins can break
    out += label("points.fiscal_net", lang)
    from .registry import fiscal_parameter

    try:
        again = float(fiscal_parameter("hte_award_recertified", params))
        share = float(fiscal_parameter("hte_award_city_share", params))
    except (KeyError, ValueError):
        return out
    return out + label("points.fiscal_recertified", lang, award=_award_text(again, lang),
                       share=fmt_number(share, lang))  # fmt: skip


def position_lines(row, lang: str = "zh") -> list[str]:
    """What is said under a latest figure, a line each: where the target path stands that
    year (:func:`path_words`), the pace since the baseline (:func:`pace_words`) and the
    yearly change still needed (:func:`needed_words`)."""
    return [w for w in (path_words(row, lang), pace_words(row, lang), needed_words(row, lang))
            if w]  # fmt: skip


def pace_words(row, lang: str = "zh") -> str:
    """The average yearly change from the baseline to the latest figure, said under that
    figure: "2020年以来年均增长17.9%" / "+17.9% a year since 2020" (``actual_cagr`` in the row's
    ``growth_unit``). Beside the change still needed it says why a probability is what it
    is (a count on pace since 2020 that needs +42.9 % in its last year: unlikely), and for
    a settled growth-rate target it is the outcome's rate (R&D spending missed 10 % a year
    at +8.9 %, which only the brief said). "" for a row not graded (no figure after the
    baseline, a figure only in the baseline's year) and for a yearly flow (judged year by
    year, its average is not its pace)."""
    value, since, latest = row.get("actual_cagr"), row.get("baseline_year"), row.get("latest_year")
    if _missing(value) or _missing(since) or _missing(latest) or int(latest) <= int(since):
        return ""
    if row.get("kind") == "flow" or not graded_or_owed(row):
        return ""
    figure = row.get("latest_value")
    decimals = 0 if _missing(figure) else value_decimals(float(figure))
    text = fmt_growth(float(value), str(row.get("growth_unit") or ""), str(row.get("unit") or ""),
                      lang, decimals=decimals, words=True)  # fmt: skip
    return label("fmt.pace_since", lang, value=text, year=int(since))


def fmt_percent(p: object, lang: str = "zh") -> str:
    """A probability or share in 0-1 as a whole percent (``87%``), ``—`` when missing."""
    if _missing(p):
        return label("fmt.missing", lang)
    return _unsigned_zero(f"{whole_percent(p)}%")


def fmt_probability(p: object, lang: str = "zh") -> str:
    """A probability of meeting a target as a whole percent (:func:`fmt_percent`), except
    that one that is neither 0 nor 1 never prints as either: ``<1%`` when it would round to
    0 % (below about 0.5 %), ``>99%`` when it would round to 100 % ("0%" beside a 0.4 %
    chance read as impossible). 0 and 1, and values within ``1e-12`` of them (a computed 0
    or 1 a rounding step off, or a tail so far out it is no chance at all), stay ``0%`` and
    ``100%``; shares keep :func:`fmt_percent`, where 0 % is 0."""
    pct = fmt_percent(p, lang)
    if pct == "0%" and float(p) > _ROUNDING:
        return "<1%"
    if pct == "100%" and float(p) < 1 - _ROUNDING:
        return ">99%"
    return pct


#: A computed 0 or 1 may be a rounding step off (0.1 * 3 / 0.3): still 0 % or 100 %.
_ROUNDING = 1e-12


def _probability_in_words(pct: str, lang: str) -> str:
    """A printed probability as running text says it: "约63%" / "about 63%", "不足1%" /
    "below 1%", "超过99%" / "above 99%", "为0%" / "0%" (not "约<1%")."""
    if pct.startswith("<"):
        return label("likelihood.below", lang, p=pct[1:])
    if pct.startswith(">"):
        return label("likelihood.above", lang, p=pct[1:])
    if pct in ("0%", "100%"):
        return label("likelihood.exact", lang, p=pct)
    return label("likelihood.about", lang, p=pct)


def fmt_likelihood(
    p: object,
    lang: str = "zh",
    *,
    sep: str | None = None,
    words: str | None = None,
    in_words: bool = False,
    mark: str = "",
) -> str:
    """A probability of meeting a target with its graded words: ``63%（约各半）``.

    The percent is :func:`fmt_probability`'s (``<1%`` for 0.004). With ``sep`` the words
    follow the percent after ``sep`` instead of in brackets (``"\n"``: on a line of their
    own, for narrow table columns). ``words`` replaces the graded words
    (:func:`likelihood_words` for an achieved or settled target). ``in_words``: as a
    sentence says it, "约63%（约各半）" / "about 63% (about even)", "不足1%（很不可能）" /
    "below 1% (very unlikely)". ``mark`` follows the percent ("60%†": a forecast that parts
    from the series' own course, explained in a note).
    """
    if _missing(p):
        return label("fmt.missing", lang)
    pct, words = fmt_probability(p, lang), words or likelihood_label(p, lang)
    if in_words:
        pct = _probability_in_words(pct, lang)
    pct += mark
    if sep is not None:
        return f"{pct}{sep}{words}"
    return label("likelihood.with_words", lang, p=pct, words=words)


def fmt_growth_target(value: object, lang: str = "zh") -> str:
    """A growth-rate target in words: ``年均增长10%`` / ``10% a year`` (not 10 beside 亿元)."""
    return label("fmt.growth_target", lang, value=fmt_value(value, "%", lang))


def _fmt_target(row: pd.Series, lang: str, *, nested: bool = False) -> str:
    """The target as the tables say it; ``nested``: inside a parenthesis already (the key
    points' "（2025年目标…）"), for :func:`rebased_words`."""
    if row["kind"] == "growth_rate":  # the target is an average growth rate in percent
        return fmt_growth_target(row["target"], lang) + rebased_words(row, lang, nested=nested)
    text = fmt_value(row["target"], row["unit"], lang, given=True)
    if row["comparison"] in ("<=", "<"):
        text = label("fmt.at_most", lang, value=text)
    return text + rebased_words(row, lang, nested=nested)


def rebased_words(row, lang: str = "zh", *, nested: bool = False) -> str:
    """ "（按新口径重定；方案原文40%）" after a target re-based onto a new definition (the
    registry's ``plan_value``, the gap table's ``plan_target``); "" for the plan's own. A
    re-based 33.9 % read as the plan's own beside its words "由35.6%提高到40%" (the
    statistician's review). ``nested``: "，按新口径重定，方案原文40%", for a target said
    inside a parenthesis (a parenthesis in a parenthesis read badly)."""
    plan = _plan_figure(row, "target", "plan_target")
    if plan is None:
        return ""
    unit = "%" if row.get("kind") == "growth_rate" else row.get("unit", "")
    return label("fmt.rebased_inline" if nested else "fmt.rebased", lang,
                 plan=fmt_value(plan, unit, lang, given=True))  # fmt: skip


def _plan_figure(row, key: str, plan_key: str) -> float | None:
    """The plan's own figure of a re-based one (``row[plan_key]`` beside ``row[key]``), or
    None: not re-based, or re-based to the same figure."""
    plan, value = row.get(plan_key), row.get(key)
    if _missing(plan) or _missing(value) or float(plan) == float(value):
        return None
    return float(plan)


def rebased_baseline_words(row, lang: str = "zh") -> str:
    """ "按新口径重定，方案原文35.6%" for a baseline re-based onto a new definition (the
    registry's and the gap table's ``plan_baseline_value``), said in the baseline's bracket
    ("30.2%（2020年；按新口径重定，方案原文35.6%）"); "" for the plan's own. A re-based
    30.2 % read as the plan's own beside its words "由35.6%提高到40%" (the report writer's
    review)."""
    plan = _plan_figure(row, "baseline_value", "plan_baseline_value")
    if plan is None:
        return ""
    return label("fmt.rebased_bare", lang, plan=fmt_value(plan, row.get("unit", ""), lang,
                                                           given=True))  # fmt: skip


def _fmt_baseline_target(row: pd.Series, lang: str) -> str:
    """``baseline (year) → target``; a yearly flow has no baseline (each year stands alone:
    "12项/年（2021年） → 10项/年" read as a target to decrease). A baseline that looks wrong
    says "to verify", as a latest figure does: every pace and progress share is built on it."""
    if row.get("kind") == "flow":  # the target holds each year: 2023 and 2025 rows alone
        # read as two milestones (the planner's review)
        target = label("fmt.each_year", lang, target=_fmt_target(row, lang),
                       first=config.PLAN_BASE_YEAR + 1, last=config.PLAN_END_YEAR)  # fmt: skip
        return f"{label('fmt.missing', lang)} → {target}"
    d = target_decimals(row)
    # a baseline that looks wrong, or the figure a path starts from, not a baseline the plan
    # gives (R&D spending's 54.03亿元 of 2021 read as the plan's: the planner's review)
    said = ("fmt.to_verify" if _flag_set(row.get("baseline_to_verify"))
            else "fmt.path_start" if row.get("baseline_source") == "observation"
            else "fmt.path_derived" if row.get("baseline_source") == "derived" else None)  # fmt: skip
    if said and not _missing(row["baseline_value"]):
        value = fmt_value(row["baseline_value"], row["unit"], lang, given=True, at_least=d)
        # a level implied by the next year's reported growth (trajectories.growth_start)
        words = label(said, lang, year=int(row["baseline_year"]) + 1)
        base = label("fmt.latest_flagged", lang, value=value, year=int(row["baseline_year"]),
                     status=words)  # fmt: skip
    elif (row.get("kind") == "cumulative" and not _missing(row["baseline_value"])
          and float(row["baseline_value"]) == 0):  # fmt: skip
        # a running total's 0 is where its count starts, not a count of firms: "0家（2020年）
        # → 400家" read as Langfang having no such firms (the English reader's review)
        value = fmt_value(row["baseline_value"], row["unit"], lang, given=True, at_least=d)
        # "0家（2021年起累计新增）": the count of what is added from the year after the
        # baseline ("自2020年末起累计" still read as a collected 0: the planner's review)
        base = label("fmt.count_start", lang, value=value, year=int(row["baseline_year"]) + 1)
    elif rebased := rebased_baseline_words(row, lang):  # the plan printed another figure
        value = fmt_value(row["baseline_value"], row["unit"], lang, given=True, at_least=d)
        base = label("fmt.rebased_baseline", lang, value=value, year=int(row["baseline_year"]),
                     rebased=rebased)  # fmt: skip
    else:
        base = _fmt_at(row["baseline_value"], row["baseline_year"], row["unit"], lang, d)
    return f"{base} → {_fmt_target(row, lang)}"


def _flag_set(flag: object) -> bool:
    """A to-verify flag that is set (True or numpy's True; missing or False is not)."""
    return flag is True or flag is np.True_


def _fmt_at(value: object, year: object, unit: str, lang: str, at_least: int = 0) -> str:
    """``value unit (year)``, or ``—`` when either is missing; ``at_least``: decimals."""
    if _missing(value) or _missing(year):
        return label("fmt.missing", lang)
    return label("fmt.latest", lang, year=int(year),
                 value=fmt_value(value, unit, lang, given=True, at_least=at_least))  # fmt: skip


def target_decimals(row) -> int:
    """The decimals of a row's level target (3.7 → 1, 1.45 → 2; 0 for a growth rate or
    none): a published figure set beside it shows at least as many, so "3件/万人" from a
    source that said "3件" reads "3.0件/万人" against 3.7 in the table, the key points and
    the brief's sentence alike (the brief said 3.0 and its table 3: the planner's review)."""
    goal = row.get("target")
    if _missing(goal) or row.get("kind") == "growth_rate":
        return 0
    return value_decimals(float(goal), most=2)


def decimals_by_indicator(targets: pd.DataFrame, indicators: pd.DataFrame) -> dict[str, int]:
    """:func:`target_decimals` per indicator, the most of its milestones' (a chart of figures
    with no target row beside them: the coverage grid printed "3" where the tables say
    "3.0件/万人" against 3.7)."""
    if targets is None or targets.empty or "value" not in targets.columns:
        return {}
    kinds = {} if indicators is None or "kind" not in indicators.columns else dict(
        zip(indicators["indicator_id"], indicators["kind"], strict=True))  # fmt: skip
    out: dict[str, int] = {}
    for iid, value in zip(targets["indicator_id"], targets["value"], strict=True):
        d = target_decimals({"target": value, "kind": kinds.get(iid)})
        out[iid] = max(out.get(iid, 0), d)
    return out


#: Statuses of a latest figure that a reader must see beside it: it may still change
#: (preliminary, estimate), or it changed since first published (revised: a verdict may
#: have turned with it, "missed" at 1,290 preliminary, "achieved" at 1,310 revised), or it
#: was brought onto the series' definition from a new one's (chained: "41.3%（2025年，衔接数）",
#: not read as a figure published so), from a preliminary one too ("衔接初步数").
FLAGGED_STATUSES = ("preliminary", "estimate", "revised", "chained", "chained-preliminary")


def flagged_word(status: object, lang: str = "zh") -> str | None:
    """The word set beside a latest figure of a :data:`FLAGGED_STATUSES` status ("初步数",
    "修订数", "preliminary" in running English), None for any other status."""
    if status not in FLAGGED_STATUSES:
        return None
    word = obs_status_label(status, lang)
    return word.lower() if lang == "en" else word


def latest_word(status: object, lang: str = "zh") -> str | None:
    """The word set beside a row's latest figure: :func:`flagged_word`, or the bound that
    settled its milestone ("1,000人（2025年，下限）": ``gaps.deciding_bound``)."""
    if status in config.BOUND_STATUSES:
        word = obs_status_label(status, lang)
        return word.lower() if lang == "en" else word
    return flagged_word(status, lang)


def _fmt_latest(row: pd.Series, lang: str) -> str:
    """``value (year)``; ``value (year, preliminary)`` for a figure that may still change
    or was revised; ``value (year, to verify)`` for one that looks wrong; ``value (year,
    2021 figure to verify)`` when one between the baseline and it looks wrong."""
    words = [latest_word(row.get("latest_status"), lang)]
    if _flag_set(row.get("to_verify")):
        words.append(label("fmt.to_verify", lang))  # a figure that looks wrong
    words.append(earlier_word(row.get("earlier_to_verify"), lang))  # one the pace rests on
    words = [w for w in words if w]
    d = target_decimals(row)  # "3.0件/万人" beside a target of 3.7, as the brief says it
    unit = year_unit(str(row["unit"]))  # one year's figure: "9项（2023年）", not "9项/年"
    if words and not _missing(row["latest_value"]):
        value = fmt_value(row["latest_value"], unit, lang, given=True, at_least=d)
        return label("fmt.latest_flagged", lang, value=value, year=int(row["latest_year"]),
                     status=label("fmt.list_sep", lang).join(words))  # fmt: skip
    return _fmt_at(row["latest_value"], row["latest_year"], unit, lang, d)


def path_words(row, lang: str = "zh") -> str:
    """Where the target path stands in the latest figure's year, said under that figure:
    "按路径2022年应为1,152家" / "target path: 1,152 firms in 2022" ("" for a row not graded on its
    pace: no figure, or the milestone's own year is in). The planner read 1,258 and "on
    track" but not the 1,152 it was measured against (only the workbook had it). A
    milestone year the data have reached without its own figure (``ex_post ==
    "no_figure"``) is not graded, but its latest figure is still set against the path: at
    the final evaluation 9,350 firms (2024) under "no 2025 figure" hid that the path asked
    for 9,747 by then. A row with no figure yet says where the path stands in the year the
    data run to (``expected_by_as_of``): "按路径2022年应为9,259家" / "target path: 9,259
    firms in 2022" (rows without a figure said only "—": the planner's review)."""
    value = row.get("expected_on_path")
    by_now = row.get("expected_by_as_of")
    latest, base = row.get("latest_year"), row.get("baseline_year")
    if (
        (_missing(latest) or (not _missing(base) and int(latest) <= int(base)))
        and not _missing(by_now)
        and not _missing(row.get("as_of"))
    ):  # no figure after the baseline yet: where the path stands in the data's year
        unit, by_now = year_unit(str(row.get("unit", ""))), float(by_now)
        shown = half_up(by_now) if _counts_whole(row) else by_now
        return label("fmt.on_path_by", lang, year=int(row["as_of"]),
                     value=fmt_value(shown, unit, lang))  # fmt: skip
    if _missing(value) or _missing(row.get("latest_value")) or settled(row):
        return ""
    if not graded_or_owed(row):
        return ""
    unit, value = year_unit(str(row.get("unit", ""))), float(value)
    shown = half_up(value) if _counts_whole(row) else value
    # with its year, as a row with no figure yet says it ("按路径应为1,152家" under "1,258家
    # （2022年）" beside "按路径2022年应为9,259家" read as two kinds of path: the planner's review)
    return label("fmt.on_path_by", lang, year=int(latest), value=fmt_value(shown, unit, lang))


def graded_or_owed(row) -> bool:
    """Whether a row is graded, or its milestone year is past without its own figure (it is
    then not graded, but its latest figure is still set against the path and its pace):
    what :func:`path_words`, :func:`pace_words` and :func:`key_points` say anything of."""
    return row.get("status") not in (None, "insufficient_data") or row.get("ex_post") == "no_figure"


def _counts_whole(row) -> bool:
    """Whether an overview row counts whole things (``export.counts_whole_things`` of its
    kind and unit): its projections and path values are printed in whole things."""
    from .export import counts_whole_things

    unit = str(row.get("unit", ""))
    return counts_whole_things({"kind": row.get("kind"), "unit_zh": unit, "unit_en": unit})


def flow_year_items(rows: pd.DataFrame, unit: str, lang: str = "zh", *, number=None) -> str:
    """A yearly flow's targets between the milestones, each against its figure:
    "2021年12项（达标）、2022年9项（差1项）、2024年尚无数据" (one year's figures, in
    :func:`year_unit`).

    Parameters
    ----------
    rows : DataFrame
        :func:`gaps.flow_years` rows of one indicator (``year``, ``target``, ``value``,
        ``met``).
    unit : str
        The indicator's unit in ``lang``.
    number : callable, optional
        ``number(value, unit, lang)`` renders a figure; by default with its own decimals
        (:func:`fmt_value` with ``given=True``).
    """
    if number is None:
        number = lambda v, u, lg: fmt_value(v, u, lg, given=True)  # noqa: E731
    unit = year_unit(unit)  # each a year's figure: "2022年9项（差1项）", not "9项/年（差1项/年）"
    items = []
    for r in rows.itertuples(index=False):
        if _missing(r.value):
            items.append(label("brief.flow_item_missing", lang, year=int(r.year)))
            continue
        if bool(r.met):
            verdict = label("brief.flow_met", lang)
        else:
            over = getattr(r, "comparison", ">=") in ("<=", "<")  # a ceiling, exceeded
            verdict = label("brief.flow_over" if over else "brief.flow_short", lang,
                            gap=number(abs(float(r.value) - float(r.target)), unit, lang))  # fmt: skip
        items.append(label("brief.flow_item", lang, year=int(r.year),
                           value=number(float(r.value), unit, lang), verdict=verdict))  # fmt: skip
    return label("brief.list_sep", lang).join(items)


def other_years_words(row, flows: pd.DataFrame | None, lang: str = "zh") -> str:
    """A yearly flow's targets of the years since the previous milestone (2021 and 2022
    under 2023), each against its figure: "其他年度：2021年12项（达标）、…"; "" for another
    kind, or when none of those years has a figure (the row's status says the data are
    missing). ``row``: a milestone row with ``indicator_id``, ``milestone_year``, ``kind``
    and its unit (``unit``, else ``unit_{lang}``)."""
    if flows is None or flows.empty or row.get("kind") != "flow":
        return ""
    year = int(row["milestone_year"])
    before = [y for y in config.MILESTONE_YEARS if y < year]
    own = flows[(flows["indicator_id"] == row["indicator_id"]) & (flows["year"] < year)
                & (flows["year"] > (max(before) if before else -1))]  # fmt: skip
    if own.empty or pd.to_numeric(own["value"], errors="coerce").isna().all():
        return ""
    unit = row.get("unit", row.get(f"unit_{lang}", ""))
    return label("landing.other_years", lang, items=flow_year_items(own, str(unit), lang))


def rate_words(row, rates: pd.DataFrame | None, lang: str = "zh") -> str:
    """A growth-rate target's yearly growth figures held up to its milestone
    (:func:`gaps.rate_years`): "已报告的单年增速：2022年≥10%（预计数，不低于要求的年均10%）". One level and
    "2022 growth 10 % or more" read "insufficient data" and nothing else. "" when none."""
    own = _rates_of(row, rates)
    return label("landing.rate_years", lang, items=rate_year_items(own, lang)) if len(own) else ""


def _rates_of(row, rates: pd.DataFrame | None) -> pd.DataFrame:
    """The growth figures of ``row``'s indicator up to its milestone year."""
    if rates is None or rates.empty:
        return pd.DataFrame()
    return rates[(rates["indicator_id"] == row["indicator_id"])
                 & (rates["year"] <= int(row["milestone_year"]))]  # fmt: skip


def rate_year_items(rows: pd.DataFrame, lang: str = "zh") -> str:
    """A growth-rate target's yearly growth figures (:func:`gaps.rate_years`), each against
    the rate a year the plan asks for: "2022年≥10%（预计数，不低于要求的年均10%）"."""
    items = []
    for r in rows.itertuples(index=False):
        value = fmt_value(float(r.value), "%", lang, given=True)
        if r.status in config.BOUND_STATUSES:
            value = label("rate.at_least" if r.status == "lower-bound" else "rate.at_most",
                          lang, value=value)  # fmt: skip
        ceiling = r.comparison in ("<=", "<")
        if _missing(r.met):
            key = "rate.unknown"
        elif bool(r.met):
            key = "rate.met_ceiling" if ceiling else "rate.met"
        else:
            key = "rate.over" if ceiling else "rate.short"
        verdict = label(key, lang, target=fmt_value(float(r.target), "%", lang, given=True))
        status = flagged_word(r.status, lang)  # a preliminary growth may still change
        if status is None and getattr(r, "estimated", False):  # "预计增长10%以上": a bound
            status = flagged_word("estimate", lang)
        if status is not None:
            verdict = f"{status}{label('fmt.list_sep', lang)}{verdict}"
        items.append(label("rate.item", lang, year=int(r.year), value=value, verdict=verdict))
    return label("brief.list_sep", lang).join(items)


#: Statuses that grade a pace (progress against the path), not an outcome.
PACE_STATUSES = ("on_track", "needs_acceleration", "insufficient_progress", "moving_away")


def settled(row) -> bool:
    """Whether a row's milestone year has its own figure: met or missed is then a fact."""
    latest, year = row.get("latest_year"), row.get("milestone_year")
    return not _missing(latest) and not _missing(year) and int(latest) >= int(year)


def forecast_probabilities(rows: pd.DataFrame) -> pd.Series:
    """Whether each row's probability comes from a forecast: it has one and its milestone
    year has no own figure yet (:func:`settled`). A stock achieved early keeps a forecast of
    holding the level; a settled one's probability is the outcome (0 or 1)."""
    if rows.empty:
        return pd.Series(dtype=bool, index=rows.index)
    return pd.Series([not _missing(r.get("p_meet")) and not settled(r)
                      for r in rows.to_dict("records")], index=rows.index)  # fmt: skip


def outcome_words(row, lang: str = "zh") -> str:
    """The graded words of a row's P(meet), from the row: "实际结果" for a milestone its own
    year's figure has settled, "初步结果，待正式数" when that figure is only preliminary or an estimate
    (a final figure may still turn it: 10,050 preliminary firms met 10,000, the final 9,950
    missed it), else the likelihood words."""
    if provisional_outcome(row):
        if row.get("latest_status") in config.BOUND_STATUSES:  # no final figure to wait for
            bound = latest_word(row["latest_status"], lang)  # "下限", "lower bound"
            if lang == "en":  # "on a lower bound", "on an upper bound"
                bound = ("an " if bound[0] in "aeiou" else "a ") + bound
            return label("likelihood.known_on_bound", lang, bound=bound)
        return label("likelihood.known_provisional", lang)
    return likelihood_words(row["p_meet"], row["status"], lang, known=settled(row),
                            over=early_owed(row))  # fmt: skip


def likelihood_words(
    p: object, status: object, lang: str = "zh", *, known: bool = False, over: bool = False
) -> str:
    """The graded words of P(meet).

    ``known`` (the milestone year's figure is in): "实际结果" / "actual outcome", as 100 % or 0 %
    is then no forecast. For a target achieved before its milestone year, words of holding it
    to that year ("很可能保持" / "very likely to hold": a count can fall back), so they do not
    read as doubt beside the word "achieved"; ``over`` (that year has ended, its figure owed:
    :func:`early_owed`), of having held it ("较可能已保持" / "likely to have held": "to hold"
    of a year gone by was the wrong tense, the planner's review).
    """
    if known:
        return label("likelihood.known", lang)
    words = likelihood_label(p, lang)
    if status != "achieved":
        return words
    return label("likelihood.held" if over else "likelihood.hold", lang, words=words)


def no_own_figure(row) -> int | None:
    """The milestone year of a row whose year is past without its own figure (``ex_post ==
    "no_figure"``), else None: its probability cell then says "缺2023年数据" / "no 2023
    figure" (it said only "—", as if nothing were owed)."""
    if row.get("ex_post") != "no_figure" or _missing(row.get("milestone_year")):
        return None
    return int(row["milestone_year"])


def caveat_fields(row, kind: str, implied: float, lang: str = "zh",
                  decimals: int | None = None) -> dict[str, str] | None:  # fmt: skip
    """The changes a † is read with, each in the row's growth unit: ``implied`` (the
    forecast's yearly change), and ``pace`` (the average since the baseline, for a forecast
    that lags it) or ``best`` (the fastest between figures); None without them. One source
    for the page's note (:func:`caveat_words`) and the brief's sentence
    (``brief._outrunning``). ``decimals``: of a change in units (default the target's)."""
    lagging = kind.startswith("lagging")  # against the average pace, else the best year
    other = row.get("actual_cagr") if lagging else row.get("best_growth")
    if _missing(implied) or _missing(other):
        return None
    g, unit = str(row.get("growth_unit") or ""), str(row.get("unit") or "")
    d = target_decimals(row) if decimals is None else decimals
    # in Chinese in words ("年均增长7.0%"), as the table says the pace beside it; in English
    # a fall the words name is unsigned ("its fall of 0.87 pp", not "of -0.87 pp": the diff
    # review)
    said = fmt_growth(float(other), g, unit, lang, decimals=d, words=True)
    if lang == "en" and kind in ("lagging_fall", "outrunning_fall"):
        said = said.lstrip("+-−")
    return {"implied": fmt_growth(float(implied), g, unit, lang, decimals=d, words=True),
            "pace" if lagging else "best": said}  # fmt: skip


def caveat_words(row, lang: str = "zh") -> str:
    """What a † row of :func:`target_overview` means against the series' own course, with
    its numbers: "预测此后年均增长7.0%，远慢于迄今的年均增长17.9%" (its ``caveat`` and
    ``caveat_implied``, :func:`gaps.forecast_caveat`; "" when there is no caveat). The
    page's note listed the three possible reasons and left the reader to guess which one
    held (the planner's review); the brief says it in a sentence."""
    kind = row.get("caveat")
    fields = caveat_fields(row, kind, row.get("caveat_implied"), lang) if kind else None
    return label(f"caveat_item.{kind}", lang, **fields) if fields else ""


def caveat_items(overview: pd.DataFrame, lang: str = "zh") -> list[str]:
    """One line per indicator whose milestones carry a † (:func:`caveat_words`), its
    milestone years together when they say the same: "高新技术企业数量（2023、2025年）：…"."""
    said: dict[tuple[str, str], list[int]] = {}
    names: dict[str, str] = {}
    for r in overview.to_dict("records"):
        if not r.get("caveat") or _missing(r.get("p_meet")) or settled(r):
            continue
        words = caveat_words(r, lang)
        if words:
            said.setdefault((r["indicator_id"], words), []).append(int(r["milestone_year"]))
            names[r["indicator_id"]] = r["name"]
    sep = "、" if lang == "zh" else ", "
    return [label("caveat_item.target", lang, name=names[iid], words=words,
                  years=sep.join(str(y) for y in years))
            for (iid, words), years in said.items()]  # fmt: skip


def status_reason(row, lang: str = "zh") -> str:
    """Why a row lacks data, said under its status when it holds the plan's baseline (or
    the figure its path starts from) and nothing after it: "仅有基期值" / "baseline only"
    ("尚无报送数据" / "no figure reported yet" for a running total, whose baseline is the 0
    it counts from),
    "仅有起算值" / "first figure only", before the milestone year with what grading waits for
    ("待另一年数据评估": a level has no pace from one figure), and for a growth-rate
    target's path starting after the plan's base year what that leaves out ("仅有起算值",
    "缺2020年数据：", "2021年增速未计", a line each; a level asks nothing of those years).
    R&D spending read "数据不足" beside a 2022 growth of at least 10 % with no word why (the
    planner's review). A growth-rate target graded on a path from such a first figure says
    the same of its grade: "2021年增速未计" ("未达标… 2021年以来年均+9.5%" judged the plan's
    2021-2025 average on four years' growth without a word: the final-evaluation review).
    "" for any other row."""
    if (row.get("kind") == "growth_rate" and row.get("status") not in (None, "insufficient_data")
            and row.get("baseline_source") == "observation"
            and not _missing(row.get("baseline_year"))
            and int(row["baseline_year"]) > config.PLAN_BASE_YEAR):  # fmt: skip
        return label("status.rate_year_left", lang,
                     years=year_span(config.PLAN_BASE_YEAR + 1, int(row["baseline_year"]), lang))  # fmt: skip
    if row.get("status") != "insufficient_data" or row.get("kind") == "flow":
        return ""
    if _missing(row.get("baseline_value")) or _missing(row.get("baseline_year")):
        return ""
    latest = row.get("latest_year")
    if not _missing(latest) and int(latest) > int(row["baseline_year"]):
        return ""
    if row.get("baseline_source") != "observation":
        # a running total's 0 is where its count starts by definition, not a figure held
        # (:func:`_fmt_baseline_target` says it as "0家（2021年起累计新增）")
        zero = row.get("kind") == "cumulative" and float(row["baseline_value"]) == 0
        return label("status.none_reported" if zero else "status.baseline_only", lang)
    year = int(row["baseline_year"])
    if row.get("kind") == "growth_rate" and year > config.PLAN_BASE_YEAR:
        # R&D spending's path from 2021: the plan counts 10 % a year from 2020, and a fall in
        # 2021 would go unseen (the planner's review). A level's grade asks no growth of the
        # years before its first figure: a share's 2024 figure read "缺2020年数据：2021—2024年
        # 增速未计" (the review)
        return label("status.start_only_late", lang, base=config.PLAN_BASE_YEAR,
                     years=year_span(config.PLAN_BASE_YEAR + 1, year, lang))  # fmt: skip
    milestone = row.get("milestone_year")
    if _missing(milestone) or year >= int(milestone):  # no later figure grades that milestone
        return label("status.start_only", lang)
    # one figure short of its target before the milestone year: no pace to grade yet
    # (``gaps._judged_at_anchor``)
    return label("status.start_only", lang) + "\n" + label("status.start_needs_another", lang)


#: Yearly growth (percent) beyond which a condition on the uncounted years is not said: as
#: the checks' ``observations.EXTREME_RATES``, growth no city's R&D spending shows.
EXTREME_GROWTH = (-50.0, 100.0)


def rate_year_condition(row, lang: str = "zh") -> str:
    """What the growth of the plan's years before a growth-rate target's first figure would
    have to be to turn its settled grade: "若2021年增速不低于11.9%，即可达标" under a miss
    graded on 2021-2025 (from the first figure, :func:`status_reason`), "若2021年增速低于8.1%，
    则未达标" under an achievement. The brief and the workbook had given a definite miss that
    a 2021 growth of 11.8 % would make a success, without a word (the planner's review).
    "" for any other row (a grade not settled by its milestone year's figure, a path from the
    plan's base year, a target to fall)."""
    if (row.get("kind") != "growth_rate" or row.get("status") not in ("achieved", "missed")
            or not settled(row) or row.get("baseline_source") != "observation"
            or row.get("comparison") not in (None, ">=")):  # fmt: skip
        return ""
    values = [row.get(k) for k in ("baseline_year", "baseline_value", "latest_value", "target",
                                   "milestone_year")]  # fmt: skip
    if any(_missing(v) for v in values):
        return ""
    first, base, latest, rate, year = (float(v) for v in values)
    left = int(first) - config.PLAN_BASE_YEAR  # the plan's years before the first figure
    if left <= 0 or base <= 0 or latest <= 0:
        return ""
    # (1 + g)^left * latest / base = (1 + rate)^(year - base year): the growth that makes the
    # plan's average exactly the target's
    whole = (1 + rate / 100) ** (int(year) - config.PLAN_BASE_YEAR) * base / latest
    g = 100 * (whole ** (1 / left) - 1)
    low, high = EXTREME_GROWTH
    if not low < g < high:  # a growth no year has seen (+190 %): no condition worth saying
        return ""
    missed = row["status"] == "missed"
    # rounded so that the words hold: "at least 11.9 %" suffices, "below 8.1 %" fails
    shown = (math.ceil(g * 10 - 1e-9) if missed else math.floor(g * 10 + 1e-9)) / 10
    years = year_span(config.PLAN_BASE_YEAR + 1, int(first), lang)
    # a fall is said as one: "降幅不超过3.4%", not "增速不低于-3.4%" (the diff review)
    key = "status.rate_year_" + ("needed" if missed else "spoils") + ("_fall" if shown < 0 else "")
    return label(
        key,
        lang,
        years=years,
        avg=label("fmt.rate_avg", lang) if left > 1 else "",
        rate=f"{abs(shown):.1f}%",
    )


def rate_years_open(row, lang: str = "zh") -> str:
    """The plan's years whose growth a settled growth-rate grade leaves out and turns on
    ("2021"; :func:`rate_year_condition`), for the counts that set such a grade apart: R&D
    spending stood among the targets "missed" on the landing page and in the brief's counts
    while its grade turned on 2021's unreported growth (the planner's final evaluation).
    "" for any other row."""
    years = _years_open(row, lang)
    return year_span(min(years), max(years), lang) if years else ""


def _years_open(row, lang: str = "zh") -> set[int]:
    """The years :func:`rate_years_open` names, as a set (empty for any other row): the
    counts merge several grades' years into one span."""
    if not rate_year_condition(row, lang):
        return set()
    return set(range(config.PLAN_BASE_YEAR + 1, int(float(row["baseline_year"])) + 1))


def open_years_by_status(rows: pd.DataFrame, lang: str = "zh", *, by_year: bool = True) -> dict:
    """Per (status, milestone year) of ``rows`` holding such grades (per status alone when
    not ``by_year``: a brief section's counts mix 2023 and 2025): how many settled
    growth-rate grades turn on an unreported earlier year's growth, their names, and the
    years (:func:`rate_years_open`) as one span: ``{("missed", 2025): (1, "全社会研发经费投入",
    "2021")}``. The counts on the page and in the brief name them: "其中3项待正式数；1项取决于
    2021年增速" was read as four uncertain misses of four, the R&D grade being one of the
    three (the report writer's review); two grades' years read "2021、2021—2022" (the diff
    review)."""
    found: dict = {}
    for r in rows.to_dict("records"):
        if years := _years_open(r, lang):
            name = r.get("name") if not _missing(r.get("name")) else r.get(f"name_{lang}")
            key = (r["status"], int(r["milestone_year"])) if by_year else r["status"]
            found.setdefault(key, []).append(("" if _missing(name) else str(name), years))
    sep = label("brief.list_sep", lang)
    return {key: (len(v), sep.join(dict.fromkeys(n for n, _ in v if n)),
                  sep.join(year_runs(set().union(*(y for _, y in v)), lang)))
            for key, v in found.items()}  # fmt: skip


def status_lines(row, lang: str = "zh", *, reasons: bool = True) -> list[str]:
    """The lines under a row's status in the target tables (the page's, the brief's, the
    workbook's): the year of the figures it was graded on (:func:`graded_on`), why it lacks
    data or what its grade leaves out (:func:`status_reason`) and what would turn it
    (:func:`rate_year_condition`), and whether the outcome is provisional ("初步结果，待正式数",
    "依据下限，待确切数字") or met early with its year over ("2024年已达到，待2025年数据确认").
    The qualifiers stood only under the probability, twenty columns from the status in
    the workbook: a planner scanning the status read six provisional outcomes of ten as
    settled (the planner's review). ``reasons=False`` leaves out :func:`status_reason` (the
    brief's table, nine columns on a landscape page, has no width for it; its section
    sentences say it), unless a condition on the years it leaves out follows it."""
    year = None if early_owed(row) else graded_on(row)  # the early line says the year
    condition = rate_year_condition(row, lang)
    tolerance = tolerance_words(row, lang)  # first: it qualifies the grade itself
    # the years a grade leaves out stay beside the condition on them ("若2021年增速…" alone
    # did not say 2021 was left out: the diff review)
    reason = status_reason(row, lang) if reasons or condition else ""
    lines = [tolerance, label("fmt.graded_on", lang, year=year) if year is not None else "",
             reason, condition]  # fmt: skip
    if provisional_outcome(row):
        lines.append(outcome_words(row, lang))
    elif early_owed(row):
        lines.append(label("status.early_owed", lang, year=int(row["latest_year"]),
                           milestone=int(row["milestone_year"])))  # fmt: skip
    return [part for w in lines for part in w.split("\n") if part]  # a reason's own lines


def tolerance_words(row, lang: str = "zh") -> str:
    """ "5%容差内" / "within the 5% tolerance" for a target graded on track with a pace
    below the one it needs (the growth ratio R below 1, at least ``config.ON_TRACK_RATIO``),
    else "". The brief said "年均增长2.5%，而自2020年起实现目标需年均增长2.6%，评估为“符合进度”"
    and the page a figure below its path beside "on track", the tolerance said only in the
    methods (the reviewers)."""
    ratio = row.get("growth_ratio")
    if row.get("status") != "on_track" or _missing(ratio) or float(ratio) >= 1:
        return ""
    return label("fmt.within_tolerance", lang, tol=grading_words()["tol"])


def graded_on(row) -> int | None:
    """The year a status was graded on when its milestone year is over without its own
    figure but the grade stands (the data stop before that year: "符合进度" for 2023 on the
    2022 figures), else None. The page says it under the status: "on track" for a year gone
    by read as met or being met (the planner's review)."""
    if no_own_figure(row) is None or row.get("status") in (None, "insufficient_data"):
        return None
    latest = row.get("latest_year")
    if _missing(latest) or int(latest) >= int(row["milestone_year"]):
        return None
    return int(latest)


def p_meet_text(row, lang: str = "zh") -> str:
    """A row's probability cell as the target tables print it: the outcome in words for a
    settled milestone, "缺2025年数据" for a past one without its figure, a forecast's percent
    with its graded words (and "缺2025年数据" when that year is over and its figure owed)."""
    return _fmt_p_meet(row, lang, None)


def _fmt_p_meet(row: dict, lang: str, sep: str | None) -> str:
    p = row["p_meet"]
    year = no_own_figure(row)
    if _missing(p) and year is not None:
        return label("fmt.no_own_figure", lang, year=year)
    if not _missing(p) and settled(row):  # the outcome is a fact, not a chance: "100%" on a
        # preliminary figure that a final one may still turn read as certainty
        return outcome_words(row, lang)
    words = None if _missing(p) else grade_words(row, lang)
    return fmt_likelihood(p, lang, sep=sep, words=words, mark="†" if row.get("caveat") else "")


def grade_words(row, lang: str = "zh") -> str:
    """The words under a row's probability (:func:`outcome_words`), and "缺2025年数据" / "no
    2025 figure yet" beside them when the milestone year is over and its figure owed: the
    probability is then the forecast of a year gone by; then what the longer series'
    backtests say of it (:func:`grade_lines`, joined)."""
    return label("brief.item_sep", lang).join(grade_lines(row, lang))


def grade_lines(row, lang: str = "zh", *, apart: bool = False) -> list[str]:
    """:func:`grade_words` as its parts: the graded words (with a milestone's figure owed),
    and "回测显示可能偏低" / "backtests: may be too low" where the row's ``reliability``
    says so (the landing page sets it on a line of its own). ``apart``: the figure owed
    ("缺2023年数据") on a line of its own too (beside the words it widened the page's
    column until the table scrolled sideways)."""
    words = [outcome_words(row, lang)]
    year = no_own_figure(row)
    if year is not None and apart:
        words.append(label("fmt.no_own_figure", lang, year=year))
    elif year is not None:
        words = [label("fmt.forecast_owed", lang, words=words[0], year=year)]
    backtested = row.get("reliability")  # the longer series' backtests: may be too low/high
    if backtested in ("low", "high") and not settled(row):
        return [*words, label(f"fmt.p_backtest_{backtested}", lang)]
    return words


def _fmt_projected(row: pd.Series, lang: str, decimals: int) -> str:
    """The projection and its 80 % range as notebook 03 prints them (:func:`fmt_level`, the
    range outwards), at ``decimals`` (:func:`projection_decimals`) in the unit shown."""
    if settled(row) and not _missing(row.get("p_meet")):  # no projection: the milestone
        # year's own figure is the latest one (a rate target has no level to project either)
        return label("fmt.figure_in", lang)
    if _missing(row["projected"]):
        return label("fmt.missing", lang)
    mid, lo, hi, unit = projection_levels(row, decimals, lang)
    value = with_unit(mid, unit, lang)
    if lo is None or hi is None:
        return value
    return label("fmt.range", lang, value=value, lo=lo, hi=hi)


def projection_levels(
    row, decimals: int, lang: str = "zh"
) -> tuple[str, str | None, str | None, str]:
    """A row's projection and its 80 % range's ends as every target table and the brief's
    sentences print them, with the unit they are in: ``(median, low, high, unit)``, at
    ``decimals`` (:func:`projection_decimals`) in the unit shown (English running text:
    亿元 as billion yuan), the range rounded outwards (:func:`fmt_level`); an end is None
    when missing. One year's figure: "10项", not "10项/年". The brief's sentence said
    "1,151家至1,622家" beside its table's "[1,150–1,622]" (the reviewers)."""
    mid, unit, _ = inline_unit(row["projected"], year_unit(str(row["unit"])), lang)
    ends = []
    for col in ("projected_lo_80", "projected_hi_80"):  # outwards, as level_way says
        v = row.get(col)
        # the same unit as the median: the page said 9,523 where notebook 03 says the 80 %
        # range starts at 9,522
        way = level_way(col.removeprefix("projected_"), None)
        ends.append(None if _missing(v) else fmt_level(inline_unit(v, str(row["unit"]), lang)[0],
                                                       decimals, lang, way=way))  # fmt: skip
    return fmt_level(mid, decimals, lang), ends[0], ends[1], unit


def projection_decimals(overview: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """Per row of :func:`target_overview`, the decimals of its projection and 80 % range:
    :func:`level_decimals` of the levels shown with the series' published figures
    (:func:`published_levels`), in the unit shown (English: 亿元 as billion yuan), none for
    a count of whole things ("6家 [5–8]", not "6.49家 [5.31–8.18]")."""
    if overview.empty or "indicator_id" not in overview.columns:
        return pd.Series(0, index=overview.index, dtype=int)
    rows = overview.reset_index(drop=True)
    # the registry's fields that decide a count, from the row (the overview carries them)
    registry = pd.DataFrame({"indicator_id": rows["indicator_id"], "kind": rows.get("kind"),
                             "unit_zh": rows["unit"], "unit_en": rows["unit"]})  # fmt: skip
    shown = rows[["indicator_id", "projected", "projected_lo_80", "projected_hi_80"]].rename(
        columns={"projected": "mean", "projected_lo_80": "lo_80", "projected_hi_80": "hi_80"}
    )
    shown = shown.apply(pd.to_numeric, errors="coerce").assign(indicator_id=rows["indicator_id"])
    factors = {i: (inline_unit(1.0, u, lang)[0] if isinstance(u, str) else 1.0)
               for i, u in zip(rows["indicator_id"], rows["unit"], strict=True)}  # fmt: skip
    per_row = decimals_beside_published(shown, rows, registry, factors=factors)
    if "target" in rows.columns:  # a level that is not the target never prints as the target
        from .export import counts_whole_things

        for k, r in rows.iterrows():
            if r.get("kind") == "growth_rate" or counts_whole_things(registry.loc[k]):
                continue
            f = factors.get(r["indicator_id"], 1.0)
            values = [v * f for v in shown.loc[k, ["mean", "lo_80", "hi_80"]]]
            per_row[k] = apart_decimals(values, float(r["target"]) * f, int(per_row[k]))
    return pd.Series(per_row, index=overview.index)


def apart_decimals(values, target: float, decimals: int, most: int = 3) -> int:
    """The fewest decimals from ``decimals`` (at most ``most``) at which none of ``values``
    that differs from ``target`` prints as the target: a projection of 39.96 read "40.0"
    beside a target of 40 (its range's end rounded outwards too), as if it met it; an 80 %
    range ending at 4.969 read "4.5%至5.0%" beside a target of 5 % (and a 9 % chance)."""

    def shown(v) -> bool:
        return v is not None and pd.notna(v) and bool(np.isfinite(float(v)))

    if not shown(target):
        return decimals
    d = decimals
    while d < most and any(shown(v) and float(v) != float(target)
                           and fixed(float(v), d) == fixed(float(target), d)
                           for v in values):  # fmt: skip
        d += 1
    return d


def format_overview(
    overview: pd.DataFrame,
    *,
    lang: str = "zh",
    prob_sep: str | None = None,
    path_sep: str | None = None,
    reasons: bool = True,
) -> pd.DataFrame:
    """Display strings of :func:`target_overview`, with localized headers.

    Parameters
    ----------
    overview : DataFrame
        :func:`target_overview` output (in the same ``lang``).
    lang : {"zh", "en"}
    prob_sep : str, optional
        Passed to :func:`fmt_likelihood` as ``sep`` (``"\n"``: the graded words on a line of
        their own, for narrow columns); default: the words in brackets after the percent.
    path_sep : str, optional
        Where given, the latest figure is followed, each after ``path_sep``, by where the
        target path stands in that year and the yearly change still needed
        (:func:`position_lines`); the landing page puts each on a line of its own. The
        status is then followed by :func:`status_lines` in the same way (the year graded
        on, what a grade leaves out, whether an outcome is provisional), and a provisional
        outcome's probability cell is "—" (its words stood there, far from the status).
    reasons : bool, default True
        Passed to :func:`status_lines` (False: why a target lacks data is left out).

    Returns
    -------
    DataFrame
        Columns (headers from ``labels``): section, indicator, departments, milestone year,
        "baseline (year) → target", "latest (year)", status word, P(meet) in % with its
        graded words, "projected [80 % range]". Every cell is a string; missing values print
        as ``—``.
    """
    o = overview
    rows = o.to_dict("records")
    out = pd.DataFrame({
        label("col.section", lang): o["section"].astype(str),
        label("col.name", lang): o["name"].astype(str),
        label("col.departments", lang): [
            d + label("fmt.departments_inferred", lang) if inferred else d
            for d, inferred in zip(o["departments"].astype(str),
                                   o.get("departments_inferred", [False] * len(o)), strict=True)
        ],  # fmt: skip
        label("col.milestone_year", lang): o["milestone_year"].map(
            lambda y: label("fmt.missing", lang) if _missing(y) else str(int(y))),
        label("col.baseline_to_target", lang): [_fmt_baseline_target(r, lang) for r in rows],
        label("col.latest", lang): [
            _fmt_latest(r, lang) + ("".join(path_sep + w for w in position_lines(r, lang))
                                    if path_sep is not None else "")
            for r in rows],  # fmt: skip
        label("col.status_label", lang): [
            "".join([str(w), *(path_sep + line
                               for line in status_lines(r, lang, reasons=reasons))])
            if path_sep is not None else str(w)
            for w, r in zip(o["status_label"], rows, strict=True)],  # fmt: skip
        label("col.p_meet", lang): [
            label("fmt.missing", lang)
            if path_sep is not None and settled(r) and provisional_outcome(r)
            else _fmt_p_meet(r, lang, prob_sep) for r in rows],  # fmt: skip
        label("col.projected_range", lang): [
            _fmt_projected(r, lang, d)
            for r, d in zip(rows, projection_decimals(o, lang), strict=True)],  # fmt: skip
    }, index=o.index)  # fmt: skip
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- styled tables
#: Status word (either language) → code, so a display table needs no hidden code column.
_STATUS_BY_WORD = {status_label(c, lg): c for c in STATUS_CODES for lg in ("zh", "en")}

#: Columns that may wrap (long lists); every other column keeps its text on one line.
_WRAPPING_KEYS = ("col.departments", "col.department", "col.quote", "col.measure_quote",
                  "col.quote_en", "col.measure_quote_en", "col.quote_translated",
                  "col.measure_quote_translated",
                  "col.note", "col.source", "col.years", "col.name",
                  "col.baseline_to_target")  # fmt: skip
#: Columns whose cells may break at a space when the table is wider than the page (a
#: figure and its bracket: "60%† (about even)", "1,258 firms (2022)"); they keep their
#: width otherwise. English milestone tables ran the projection off the page. (A range,
#: "1,346 firms [1,139–1,653]", would break at its dash, so it stays whole.)
_SOFT_KEYS = ("col.p_meet", "col.latest")
#: Texts wider than this (in display columns, a CJK character counting two) make their
#: column wrap in :func:`styled`.
WRAP_WIDTH = 60


def _longest_text(column: pd.Series) -> int:
    """Display width of the longest text in a column (0 for a column without text)."""
    from .export import _display_width

    texts = [v for v in column if isinstance(v, str)]
    return max((_display_width(t) for t in texts), default=0)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def badge_colors(code: str) -> tuple[str, str, str]:
    """``(text, background, border)`` of a status badge, from ``style``'s status palette.

    The background is the status tint, the border the status colour, and the text the dark
    status shade, darkened further where needed until it reaches WCAG AA contrast (4.5:1).
    """
    from .style import STATUS_COLORS, STATUS_FILLS, STATUS_TEXT_COLORS

    bg = f"#{STATUS_FILLS[code]}"
    rgb = [int(STATUS_TEXT_COLORS[code].lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    text = STATUS_TEXT_COLORS[code]
    while contrast(text, bg) < 4.5:
        rgb = [int(c * 0.9) for c in rgb]
        text = "#{:02X}{:02X}{:02X}".format(*rgb)
    return text, bg, STATUS_COLORS[code]


def badge_html(code: str, lang: str = "zh") -> str:
    """A status badge: the status word on a light tint of its colour, dark text, coloured edge."""
    if code not in STATUS_CODES:
        raise ValueError(f"unknown status code {code!r}; expected one of {list(STATUS_CODES)}")
    fg, bg, edge = badge_colors(code)
    word = html.escape(status_label(code, lang))
    return (
        f'<span class="lm-badge lm-{code}" style="display:inline-block;padding:1px 8px;'
        f"border-radius:9px;white-space:nowrap;font-weight:600;"
        f'background:{bg};color:{fg};border:1px solid {edge}">{word}</span>'
    )


def _badge_formatter(lang: str):
    def fmt(word: object) -> str:
        if _missing(word):
            return label("fmt.missing", lang)
        # the status word, then the lines under it (``format_overview``'s status_lines)
        first, *under = str(word).split("\n")
        code = _STATUS_BY_WORD.get(first, first)
        if code not in STATUS_CODES:
            return html.escape(str(word)).replace("\n", "<br>")
        return badge_html(code, lang) + "".join(
            f'<br><span style="color:#555;font-size:.88em">{html.escape(w)}</span>' for w in under
        )

    return fmt


def _cell_text(x: object) -> str:
    if _missing(x):
        return "—"
    if isinstance(x, float | np.floating):  # 54.03 as published; computed values by size
        return fmt_number(x, given=True)
    return html.escape(str(x)).replace("\n", "<br>")  # a line of its own, as in the brief


#: A table's note (its caption): under the table, left-aligned, smaller and muted, at least
#: :data:`CAPTION_MIN_WIDTH` wide.
CAPTION_MIN_WIDTH = "24em"
CAPTION_CSS = ("caption-side:bottom;text-align:left;font-size:0.9em;color:#444;"
               f"padding:4px 0 0 0;min-width:{CAPTION_MIN_WIDTH};line-height:1.45")  # fmt: skip


def full_tables_note(lang: str = "zh") -> str:
    """Where the complete tables are (``data/processed`` and the workbook of ``lang``), said
    once per notebook page: under nearly every table of notebook 04 it was read ten times."""
    return label("note.full_tables", lang, workbook=config.WORKBOOK_NAMES[lang])


def styled(
    df: pd.DataFrame,
    *,
    lang: str = "zh",
    status_col: str | None = None,
    wrap: tuple[str, ...] | None = None,
    uuid: str | None = None,
    soft: Sequence[str] = (),
):
    """A table for people: no index, no one-character-per-line names, status badges.

    Parameters
    ----------
    df : DataFrame
        A display table (headers already localized, e.g. :func:`format_overview`). Numbers
        left in it are formatted with :func:`fmt_number`; missing cells print ``—``.
    lang : {"zh", "en"}
        Language of the status words in the badges.
    status_col : str, optional
        Column holding status words (or codes); shown as coloured badges with their word.
        Default: the localized "status" header when present.
    wrap : tuple of str, optional
        Columns allowed to wrap (default: departments, quotes, notes, sources, years, and
        any column with a text longer than ``WRAP_WIDTH`` columns, so that long notes wrap
        instead of running off the page).
    uuid : str, optional
        Id of the table in the HTML; default a digest of its content, so the same table
        renders to the same bytes on every run.

    soft : sequence of str, optional
        More columns (raw names such as ``"unit"``, or headers) that may break at a space
        when the table is wider than the page, beside ``_SOFT_KEYS``: notebook 01's table of
        all targets ran its notes past a 1,400 px page in English, held wide by "100 million
        yuan" and the clauses on one line (the statistician's review).
    Returns
    -------
    pandas.io.formats.style.Styler
    """
    if status_col is None:
        cand = [label("col.status_label", lang), label("col.status", lang)]
        status_col = next((c for c in cand if c in df.columns), None)
    longest = [_longest_text(df[c]) for c in df.columns]
    if wrap is None:
        wrap = tuple(label(k, lg) for k in _WRAPPING_KEYS for lg in ("zh", "en"))
        wrap += tuple(c for c, n in zip(df.columns, longest, strict=True) if n > WRAP_WIDTH)
    if uuid is None:
        digest = hashlib.sha256(df.to_csv(index=False).encode("utf-8")).hexdigest()
        uuid = f"lm{digest[:10]}"
    st = df.style.hide(axis="index").set_uuid(uuid).format(_cell_text, na_rep="—")
    st = st.format_index(escape="html", axis=1)  # headers are text too: '<' is not markup
    if status_col is not None and status_col in df.columns:
        st = st.format(_badge_formatter(lang), subset=[status_col])
    # the plan's words on a muted line under our translation (:func:`with_translations`)
    quoted = [c for c in df.columns if _raw(c) in ("quote_translated", "measure_quote_translated")]
    if quoted:
        st = st.format(lambda x: label("fmt.missing", lang) if _missing(x) else _count_cell(x),
                       subset=quoted)  # fmt: skip
    styles = [
        {"selector": "", "props": "border-collapse:collapse;font-size:0.92em;margin:0.5em 0"},
        # a header breaks at its spaces only ("Probability of meeting" on two lines, 达标概率
        # whole): the column's width is its cells'
        {"selector": "th", "props": "white-space:normal;word-break:keep-all;text-align:left;"
                                    "padding:4px 8px;border-bottom:2px solid #444;"
                                    "background:#f4f4f4"},
        {"selector": "td", "props": "white-space:nowrap;padding:3px 8px;text-align:left;"
                                    "border-bottom:1px solid #ddd;vertical-align:top"},
        # a note is read after the table, as a footnote: above it and centred, notebook 04's
        # many-line notes stood between the heading and the rows (the planner's review); a
        # narrow table is widened to a readable measure rather than its note squeezed
        {"selector": "caption", "props": CAPTION_CSS},
    ]  # fmt: skip
    keys = (*_SOFT_KEYS, *(f"col.{c}" for c in soft if f"col.{c}" in LABELS))
    soft = {label(k, lg) for k in keys for lg in ("zh", "en")} | set(soft)
    for i, col in enumerate(df.columns):
        if col in soft and col not in wrap:
            styles.append({"selector": f"td.col{i}",
                           "props": "white-space:normal;word-break:keep-all"})  # fmt: skip
        if col in wrap:  # prose (a long note) gets a wider measure than a list of names
            # narrow minimums: four wrapped columns at 12-16em each ran notebook 04's
            # ten-column milestone table past a 1,400 px page (the print and screen review)
            wide = longest[i] > 2 * WRAP_WIDTH
            styles.append({"selector": f"td.col{i}", "props": "white-space:normal;" + (
                "min-width:10em;max-width:40em" if wide else "min-width:8em;max-width:24em")})  # fmt: skip
    st = st.set_table_styles(styles, overwrite=True)
    # the abbreviations it uses, spelt out under it (callers' own notes keep it after theirs)
    said = abbreviations_note([*map(str, df.columns), *df.to_numpy().ravel()], lang)
    return st.set_caption(said) if said else st


def show(fig) -> None:
    """Display a figure once in a notebook and release it (plot functions never show)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


# --------------------------------------------------------------------------- tables for people
#: Columns shown as percentages: probabilities in 0-1 (whole percent) and rates (one decimal).
PROBABILITY_COLUMNS = frozenset({"p_meet", "probability", "coverage_80", "coverage_95",
                                 "predicted", "observed_share", "over_share"})  # fmt: skip
RATE_COLUMNS = frozenset({"progress_share", "time_share", "actual_cagr", "required_cagr",
                          "required_cagr_from_latest", "best_growth", "annual_growth",
                          "anchor_growth"})  # fmt: skip
#: Columns of computed values (forecasts, their ranges, accuracy scores): printed by size,
#: like every computed figure (:func:`fmt_number`), not with the decimals a published figure
#: keeps (a forecast of 32,815.2 beside 35,455 read as more precise than its neighbours).
COMPUTED_COLUMNS = frozenset({"mean", "lo_80", "hi_80", "lo_95", "hi_95", "smape", "mase",
                              "winkler_80", "winkler_95"})  # fmt: skip
#: Columns of an indicator's levels in its unit, computed or published: with the registry
#: at hand (``for_people(indicators=...)``) a table prints each indicator's at one number of
#: decimals (:func:`level_decimals`); "5.4 / 3.2 / 1.71" patents and "17.3 / 11.8 / 7.63"
#: consortia stood in one column (the statistician's review).
LEVEL_COLUMNS = frozenset({"mean", "lo_80", "hi_80", "lo_95", "hi_95", "actual", "level",
                           "winkler_80", "winkler_95"})  # fmt: skip
#: Error measures at a fixed number of decimals, whatever their size: sMAPE in percent to
#: one, MASE (a ratio to 1) to two; "21" beside "6.52" and "0.3" beside "2.53" read as
#: figures of different precision.
ERROR_DECIMALS = {"smape": 1, "mase": 2}
#: Which way a level is rounded to a whole number of its decimals so that what it says stays
#: true: a lower bound (a level reached at least with probability p, an interval's low end)
#: down, an upper one up; a count reached with 95 % probability at 7.63 is reached at 7,
#: not 8 (rounding up would claim more than the forecast gives).
_DOWN, _UP = ("lo_80", "lo_95"), ("hi_80", "hi_95")
#: Columns holding years: printed as plain integers (2023, never 2,023).
YEAR_COLUMNS = frozenset({"year", "milestone_year", "baseline_year", "latest_year", "as_of",
                          "start_year", "end_year", "origin", "first", "last",
                          "held_year"})  # fmt: skip
#: Header (a label in either language, or the raw name) → raw column name.
#: A header two columns share (年份 is ``col.year`` and ``col.years``) means the year column:
#: the other reading printed the forecast table's years as "2,025".
_RAW_NAMES = {label(k, lg): k[4:] for k in LABELS if k.startswith("col.") for lg in ("zh", "en")}
_RAW_NAMES |= {label(f"col.{c}", lg): c for c in YEAR_COLUMNS if f"col.{c}" in LABELS
               for lg in ("zh", "en")}  # fmt: skip


def _raw(column: object) -> str:
    text = str(column)
    return _RAW_NAMES.get(text, text)


def _fmt_rate(x: object, lang: str) -> str:
    if _missing(x):
        return label("fmt.missing", lang)
    return _unsigned_zero(fixed(100 * float(x), 1) + "%")


def _fmt_year(x: object, lang: str) -> str:
    if _missing(x):
        return label("fmt.missing", lang)
    try:
        return str(int(float(x)))
    except (TypeError, ValueError):
        return str(x)


def _fmt_bool(x: object, lang: str) -> str:
    if _missing(x):
        return label("fmt.missing", lang)
    return label("fmt.yes" if bool(x) else "fmt.no", lang)


def level_decimals(
    df: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame | None = None,
    *,
    factors: Mapping[str, float] | None = None,
) -> pd.Series:
    """One number of decimals per row for the levels (``LEVEL_COLUMNS``) of a table.

    Rows of one indicator (and region, where the table has one) share it: none for an
    indicator counting whole things (firms, projects: ``export.counts_whole_things``), else
    the decimals :func:`size_decimals` gives its largest level, at least those of its
    published figures (``actual``, up to 2: a forecast of 32,815 beside an actual of
    33,357.1) and of its targets (:func:`decimals_by_indicator`). A row without an
    ``indicator_id`` takes the decimals of its own size.

    ``factors``: per indicator, the factor that converts its levels into the unit they are
    shown in (English running text says 亿元 as billion yuan, 0.1: :func:`inline_unit`).
    Sizes are then read in that unit, and the published figures' and targets' decimals move
    with it, so no figure loses a significant digit (64.6亿元 is 6.46 billion yuan).
    """
    from .export import counts_whole_things

    cols = [c for c in df.columns if _raw(c) in LEVEL_COLUMNS
            and pd.api.types.is_numeric_dtype(df[c])]  # fmt: skip
    if "indicator_id" not in df.columns or not cols:
        return pd.Series(np.nan, index=df.index)
    registry = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    goals = decimals_by_indicator(targets, indicators) if targets is not None else {}
    keys = ["indicator_id"] + [k for k in ("region",) if k in df.columns]
    out = np.zeros(len(df), dtype=int)  # by position: a concatenated frame repeats labels
    for key, at in (
        df.reset_index(drop=True).groupby(keys, sort=False, dropna=False).indices.items()
    ):
        g = df.iloc[at]
        iid = key[0] if isinstance(key, tuple) else key
        row = registry.loc[iid] if iid in registry.index else None
        if row is not None and counts_whole_things(row):
            continue
        factor = (factors or {}).get(iid, 1.0)
        shift = round(-math.log10(factor))  # decimals gained in the shown unit (0.1: one)
        levels = np.abs(g[cols].to_numpy(float)) * factor
        levels = levels[np.isfinite(levels)]
        d = size_decimals(levels.max()) if levels.size else 0
        published = [value_decimals(v, most=2) for c in cols if _raw(c) == "actual"
                     for v in g[c].to_numpy(float) if np.isfinite(v)]  # fmt: skip
        given = [p + shift for p in (goals.get(iid, 0), *published)]
        out[at] = max([d, *given, 0])
    return pd.Series(out, index=df.index)


def fmt_level(value: object, decimals: int, lang: str = "zh", *, way: str | None = None) -> str:
    """A level at ``decimals`` places, thousands grouped: rounded half up, or ``way="down"``
    (an "at least" level, an interval's low end) or ``"up"`` so that it still holds."""
    if _missing(value):
        return label("fmt.missing", lang)
    return _unsigned_zero(fixed(round_level(float(value), decimals, way), decimals))


def round_level(value: float, decimals: int, way: str | None = None) -> float:
    """``value`` at ``decimals`` places the way :func:`fmt_level` prints it: half up, or
    ``way="down"`` / ``"up"`` (the workbook stores the figure the notebooks print, so that
    Excel's half-up display cannot turn a 95 % level of 7.63 consortia into 8)."""
    if way not in ("down", "up"):
        return float(fixed(value, decimals, "")) if math.isfinite(value) else value
    scale = 10**decimals
    # a level already on the grid stays (7.0000000001 is 7, not 8 rounded up)
    shifted = round(value * scale, 9)
    return (math.floor(shifted) if way == "down" else math.ceil(shifted)) / scale


def level_way(raw: str, comparison: object) -> str | None:
    """Which way :func:`fmt_level` rounds a column's level (``_DOWN``/``_UP``; a planning
    level by its comparison, at least ">=" down and at most "<=" up)."""
    if raw in _DOWN or (raw == "level" and comparison in (">=", ">")):
        return "down"
    if raw in _UP or (raw == "level" and comparison in ("<=", "<")):
        return "up"
    return None


def for_people(
    df: pd.DataFrame,
    *,
    lang: str = "zh",
    columns=None,
    indicators: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Display strings of a technical table: the columns a reader needs, headers in words.

    Probabilities and rates print as percentages, years as plain years, statuses, data
    statuses, truth values, what a figure rests on (``basis``) and the whole-span segment as
    words, comparisons as signs (``≥``), departments in simplified Chinese (zh) or English,
    the plan's clauses as each language numbers them (:func:`labels.clause_label`), its
    quotes in simplified characters (:func:`registry.simplified`; in English under the
    registry's translation where ``df`` carries it, :func:`with_translations`), every missing
    value as ``—``;
    computed values (``COMPUTED_COLUMNS``) by size and whole numbers with thousands
    separators, as text; other numbers keep their values for :func:`styled` (which prints
    them with thousands separators); forecast methods in words. A named index becomes the first column. Headers
    become their labels (``col.<name>``).

    Parameters
    ----------
    df : DataFrame
        Raw (snake_case) or already labelled columns.
    lang : {"zh", "en"}
    columns : list of str, optional
        Columns to keep, in this order (default: all).
    indicators : DataFrame, optional
        The registry: with it, and an ``indicator_id`` column in ``df``, each indicator's
        levels print at one number of decimals (:func:`level_decimals`), an "at least" level
        and an interval rounded outwards (:func:`fmt_level`), and a published ``value`` with
        at least its target's decimals (``targets``: "3.0" against 3.7, as the tables say it).
    targets : DataFrame, optional
        The registry's targets, with ``indicators``.

    Returns
    -------
    DataFrame
        With a fresh index.
    """
    from .coverage import source_words
    from .labels import (
        COMPARISON_SIGNS,
        OBS_STATUS_CODES,
        basis_label,
        clause_label,
        obs_status_label,
        zh_brackets,
    )

    if isinstance(columns, str):  # one column: "status" is not the columns 's', 't', …
        columns = [columns]
    if lang == "en":  # the plan's words under our translation of them
        df, columns = with_translations(df, columns)
    # the decimals of the levels shown: a hidden 95 % end of 10.2 had cut patents' 2.41 to 2.4
    keys = [c for c in ("indicator_id", "region") if c in df.columns]
    seen = df if columns is None else df.loc[:, keys + [c for c in columns if c not in keys]]
    per_row = (level_decimals(seen, indicators, targets) if indicators is not None
               else pd.Series(np.nan, index=df.index)).to_numpy()  # fmt: skip
    ids = df["indicator_id"].to_numpy() if "indicator_id" in df.columns else None
    goals = decimals_by_indicator(targets, indicators) if indicators is not None else {}
    signs = df["comparison"].to_numpy() if "comparison" in df.columns else [None] * len(df)
    out = df.loc[:, list(columns)] if columns is not None else df.copy()
    # a named index (``forecast.accuracy``'s ``method``) is a column a reader needs
    named = [n for n in out.index.names if n is not None and n not in out.columns]
    out = out.reset_index(level=named) if named else out
    out = out.reset_index(drop=True)
    for col in out.columns:
        raw = _raw(col)
        s = out[col]
        if raw == "p_meet":  # a chance of 0.4 % is "<1%", not an impossible "0%"
            out[col] = s.map(lambda p: fmt_probability(p, lang)).astype(object)
        elif raw in PROBABILITY_COLUMNS:
            out[col] = s.map(lambda p: fmt_percent(p, lang)).astype(object)
        elif raw in RATE_COLUMNS:
            out[col] = s.map(lambda p: _fmt_rate(p, lang)).astype(object)
        elif raw in YEAR_COLUMNS:
            out[col] = s.map(lambda y: _fmt_year(y, lang)).astype(object)
        elif raw in ERROR_DECIMALS and pd.api.types.is_numeric_dtype(s):
            d = ERROR_DECIMALS[raw]
            out[col] = s.map(lambda x, d=d: fmt_level(x, d, lang)).astype(object)
        elif raw == "target" and pd.api.types.is_numeric_dtype(s):
            # the plan's own figure as it wrote it ("3.7", "40"), not at the row's computed
            # levels' decimals ("3.70", "40.0": the diff review)
            out[col] = s.map(lambda x: fmt_number(x, lang, given=True)).astype(object)
        elif (raw in LEVEL_COLUMNS and pd.api.types.is_numeric_dtype(s)
              and np.isfinite(per_row).all() and len(per_row)):  # fmt: skip
            out[col] = [fmt_level(x, int(d), lang, way=level_way(raw, c))
                        for x, d, c in zip(s, per_row, signs, strict=True)]  # fmt: skip
        elif raw == "value" and ids is not None and goals and pd.api.types.is_numeric_dtype(s):
            # a published figure keeps its own decimals, at least its target's ("3.0" vs 3.7)
            out[col] = [fmt_number(x, lang, given=True, at_least=goals.get(i, 0))
                        for x, i in zip(s, ids, strict=True)]  # fmt: skip
        elif raw in COMPUTED_COLUMNS and pd.api.types.is_numeric_dtype(s):
            out[col] = s.map(lambda x: fmt_number(x, lang)).astype(object)
        elif raw in ("status", "status_code"):
            out[col] = s.map(lambda c: status_label(c, lang) if c in STATUS_CODES else c)
        elif raw in ("obs_status", "held_status"):
            out[col] = s.map(lambda c: obs_status_label(c, lang) if c in OBS_STATUS_CODES else c)
        elif raw in ("departments", "department"):
            out[col] = s.map(lambda d: departments_text(d, lang))
        elif raw == "method":
            out[col] = s.map(lambda m: method_label(m, lang))
        elif raw == "basis":
            out[col] = s.map(lambda v: basis_label(v, lang) if isinstance(v, str) else v)
        elif raw == "comparison":  # as a target is read ("≥"), not the code ">="
            out[col] = s.map(lambda c: COMPARISON_SIGNS.get(c, c) if isinstance(c, str) else c)
        elif raw == "segment":  # "2020-2023" as it is; the whole span in words
            out[col] = s.map(lambda v: label("segment.overall", lang) if v == "overall" else v)
        elif raw in ("clause", "measure_clause"):  # 三（二）; "Part 3 (2)" in English
            out[col] = s.map(lambda c: clause_label(c, lang))
        elif raw in ("source", "held_source"):  # a gloss put right (coverage.SOURCE_TITLES_EN)
            out[col] = s.map(source_words)
            if lang == "zh" and raw == "source":  # 方案（2021-2025年）
                out[col] = out[col].map(zh_brackets)
        elif raw in ("quote", "measure_quote"):  # the plan's words as it was issued
            out[col] = s.map(simplified)
        elif s.dtype == bool:
            out[col] = s.map(lambda b: _fmt_bool(b, lang)).astype(object)
        elif pd.api.types.is_integer_dtype(s):  # 1,000, not 1000 (years are said above)
            out[col] = s.map(lambda x: fmt_number(x, lang)).astype(object)
    return localise(out, lang)


def with_translations(df: pd.DataFrame, columns=None) -> tuple[pd.DataFrame, list | None]:
    """``df`` with each quote of the plan that has the registry's translation beside it
    (``registry.TRANSLATIONS``: ``quote`` and ``quote_en``) in one cell, the translation
    first and the plan's words (simplified) on the line under it, in a column named
    ``quote_translated`` (its header says the English is ours); ``columns`` (a selection of
    :func:`for_people`) renamed alike. A quote without its translation keeps the plan's
    words alone; a translation column left empty throughout is dropped, the quote as it was.

    The English pages gave the plan's words in Chinese alone, and an adviser reading English
    could not check a target or an award against the plan (the English reader's review).
    """
    for english, quote in TRANSLATIONS.items():
        col = next((c for c in df.columns if _raw(c) == quote), None)
        twin = next((c for c in df.columns if _raw(c) == english), None)
        if twin is None:
            continue
        given = df[twin].map(lambda t: t.strip() if isinstance(t, str) else "")
        joined = col is not None and given.ne("").any()
        if joined:
            words = df[col].map(simplified)
            cells = [w if not t else t if _missing(w) or not str(w).strip() else f"{t}\n{w}"
                     for w, t in zip(words, given, strict=True)]  # fmt: skip
            df = df.assign(**{col: cells}).rename(columns={col: f"{quote}_translated"})
        if columns is not None:
            columns = [f"{quote}_translated" if joined and c == col else c
                       for c in columns if c != twin]  # fmt: skip
        df = df.drop(columns=twin)
    return df, columns


def people(
    df: pd.DataFrame,
    *,
    lang: str = "zh",
    columns=None,
    note: bool = True,
    indicators: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    soft: Sequence[str] = (),
):
    """A technical table as a person reads it: :func:`for_people`, then :func:`styled`
    (``indicators`` and ``targets`` passed on: each indicator's levels at one number of
    decimals; ``soft``: columns that may break at a space on a narrow page).

    With ``note`` the caption says where the complete table is (``data/processed`` and the
    workbook): notebooks show the few columns a reader needs. A table with no rows says so
    in its caption instead of showing bare headers.
    """
    st = styled(for_people(df, lang=lang, columns=columns, indicators=indicators,
                           targets=targets), lang=lang, soft=soft)  # fmt: skip
    if len(df) == 0:  # the caption says so; a row of headers over nothing said no more
        st = st.set_caption(label("note.no_rows", lang)).hide(axis="columns")
        # a table of no columns is as narrow as its caption lets it be: one line
        st = st.set_table_styles([{"selector": "caption",
                                   "props": "white-space: nowrap; text-align: left;"}],
                                 overwrite=False)  # fmt: skip
    elif note:  # after the abbreviations its cells use (:func:`styled`)
        st = st.set_caption(" ".join([full_tables_note(lang), *([st.caption] if st.caption
                                                                else [])]))  # fmt: skip
    return st


def department_targets(
    gaps: pd.DataFrame, *, lang: str = "zh", reliability: dict[str, str] | None = None
):
    """Each department's targets at both milestones, its status and its probability cell as
    the target tables print it (outcome words for a settled milestone, "缺2025年数据" for a
    past one without its figure, the graded words of a forecast): the raw probability read
    "0%" for a missed milestone where the tables say "actual outcome". ``reliability``
    (:func:`reliability_keys`): what the backtests say of a probability, beside it as the
    milestone tables say it ("61%†（约各半；回测显示可能偏低）"; the planner's review found it
    missing here alone).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from .gaps import department_view

    d = department_view(gaps)
    overview = target_overview(gaps, lang=lang, reliability=reliability)
    cells = format_overview(overview, lang=lang)[label("col.p_meet", lang)]
    prob = {(i, int(y)): c for i, y, c in zip(overview["indicator_id"],
                                              overview["milestone_year"], cells, strict=True)}  # fmt: skip
    status = label("col.status_label", lang)
    shown = pd.DataFrame({
        label("col.department", lang): [department_label(x, lang) for x in d["department"]],
        label("col.name", lang): d[f"name_{lang}"].to_numpy(),
        label("col.milestone_year", lang): d["milestone_year"].astype(int).to_numpy(),
        status: d["status"].to_numpy(),
        label("col.p_meet", lang): [prob.get((i, int(y)), label("fmt.missing", lang))
                                    for i, y in zip(d["indicator_id"], d["milestone_year"],
                                                    strict=True)],
    })  # fmt: skip
    return styled(shown, lang=lang, status_col=status)


def planning_table(
    planning: pd.DataFrame, gaps: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh",
    note: bool = True,
):  # fmt: skip
    """``gaps.planning_levels`` for people: name, year, probability, comparison and level,
    with ``†`` beside an indicator whose forecast parts from its own course (a milestone row
    with a :func:`gaps.forecast_caveat`), and the note that says what that means for its
    levels (the 2030 levels of a series that grew 17.9 % a year read as plain fact beside a
    † on the same forecast's probabilities). ``note``: end with where the complete tables
    are (:func:`full_tables_note`); False on a page that says it once.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from .gaps import forecast_caveat

    names = indicators.set_index("indicator_id")[f"name_{lang}"]
    marked: dict[str, str] = {}  # indicator → the caveat of its first milestone that has one
    for r in gaps.sort_values("milestone_year").to_dict("records"):
        if (caveat := forecast_caveat(r)) is not None:
            marked.setdefault(r["indicator_id"], caveat[0])
    units = indicators.drop_duplicates("indicator_id").set_index("indicator_id")[f"unit_{lang}"]
    # each level as the forecast table prints its indicator (with its published figure's
    # decimals), an "at least" level down: formatted here, for_people leaves text as it is
    decimals = planning_decimals(planning, indicators, gaps)
    levels = [fmt_level(v, int(d), lang, way=level_way("level", c))
              for v, d, c in zip(planning["level"], decimals, planning["comparison"], strict=True)]  # fmt: skip
    shown = planning.assign(
        level=levels,
        name=[
            f"{names.get(i, i)}\u00a0†" if i in marked else names.get(i, i)  # † not on a line alone
            for i in planning["indicator_id"]
        ],  # fmt: skip
        unit=planning["indicator_id"].map(units),  # "≥ 90" read bare: 90 what?
    )
    st = people(shown, lang=lang, note=note, indicators=indicators,
                columns=["name", "year", "probability", "comparison", "level", "unit"])  # fmt: skip
    notes = []
    caveat_col = f"caveat_{lang}"
    for iid in dict.fromkeys(i for i in planning["indicator_id"] if i in marked):
        # which way the forecast parts from the course, said here: notebook 03 shows no
        # target table whose † the note could point to
        words = (planning.loc[planning["indicator_id"] == iid, caveat_col].iloc[0]
                 if caveat_col in planning else "")  # fmt: skip
        if not isinstance(words, str) or not words:  # a file without its words: the code's
            words = label(f"landing.caveat.{marked[iid]}", lang)
        notes.append(f"{names.get(iid, iid)}{label('fmt.colon', lang)}{words}")
    if notes:
        reasons = label("brief.item_sep", lang).join(notes)
        notes = [label("note.planning_caveat", lang, reasons=reasons)]
    below = _below_latest(planning, gaps, names, units, lang, decimals)
    if below:
        notes.append(label("note.planning_below_latest", lang,
                           items=label("brief.item_sep", lang).join(below)))  # fmt: skip
    far = _beyond_calibration(planning, gaps, names)
    if far:
        notes.append(label("note.planning_extrapolated", lang, horizon=REF_HORIZONS,
                           items=label("brief.item_sep", lang).join(
                               label("note.planning_span", lang, name=n, latest=a, year=b)
                               for n, a, b in far)))  # fmt: skip
    if notes:
        st = st.set_caption(" ".join([*notes, *([st.caption] if st.caption else [])]))
    return st


def planning_flags(planning: pd.DataFrame, gaps: pd.DataFrame | None, indicators: pd.DataFrame,
                   *, lang: str = "zh") -> list[str]:  # fmt: skip
    """What to mind about each row of ``gaps.planning_levels``, one cell each ("" where
    nothing): the † words of a forecast that parts from its indicator's own course, a level
    below the latest figure (only the range's width), and a planning year beyond the 1 to
    ``REF_HORIZONS`` years the method was checked for (a scenario). The workbook's planning
    sheet carries them on each row, as :func:`planning_table` says them under its table
    (the sheet's rows were bare numbers: the statistician's review)."""
    if planning is None or planning.empty:
        return []
    names = indicators.drop_duplicates("indicator_id").set_index("indicator_id")[f"name_{lang}"]
    units = indicators.drop_duplicates("indicator_id").set_index("indicator_id")[f"unit_{lang}"]
    caveat_col = f"caveat_{lang}"
    sep = label("brief.item_sep", lang)
    decimals = planning_decimals(planning, indicators, gaps).tolist()
    out = []
    for k, r in enumerate(planning.to_dict("records")):
        row = planning.iloc[[k]]
        said = []
        words = r.get(caveat_col)
        if isinstance(words, str) and words:
            said.append(f"†\u00a0{words}")
        if _below_latest(row, gaps, names, units, lang, decimals[k : k + 1]):
            said.append(label("planning.flag_below", lang))
        for _name, latest, year in _beyond_calibration(row, gaps, names):
            said.append(label("planning.flag_far", lang, gap=year - latest, horizon=REF_HORIZONS))
        out.append(sep.join(said))
    return out


def _below_latest(planning: pd.DataFrame, gaps: pd.DataFrame, names, units, lang: str,
                  decimals: Sequence[int]) -> list:  # fmt: skip
    """The planning levels ("at least") below their indicator's latest figure, one phrase
    each: "高新技术企业数量95%水平973家低于2022年的1,258家". A planner read 973 firms at 95 %
    as a level to plan for, after 1,258 already held (the planner's review). ``decimals``:
    each row's, as the table prints it (:func:`planning_decimals`)."""
    if planning.empty or gaps is None or gaps.empty or "latest_value" not in gaps:
        return []
    known = gaps.dropna(subset=["latest_value", "latest_year"]).sort_values("latest_year")
    latest = known.groupby("indicator_id").last()
    out = []
    for r, d in zip(planning.to_dict("records"), decimals, strict=True):
        iid = r["indicator_id"]
        if iid not in latest.index or r["comparison"] not in (">=", ">") or _missing(r["level"]):
            continue
        figure, year = float(latest.at[iid, "latest_value"]), int(latest.at[iid, "latest_year"])
        if float(r["level"]) < figure:
            unit = year_unit(str(units.get(iid, "") or ""))  # levels of one year each
            whole = _counts_whole({"kind": latest.at[iid, "kind"],
                                   "unit": latest.at[iid, "unit_zh"]})  # fmt: skip
            # the level as the table under the note prints it (planning_decimals, rounded
            # down): the note said 12 consortia where the table said 11
            level = round_level(float(r["level"]), 0 if whole else int(d), "down")
            out.append(label("note.planning_below_item", lang, name=names.get(iid, iid),
                             p=whole_percent(r["probability"]), year=year,
                             level=fmt_value(level, unit, lang, given=True,
                                             at_least=0 if whole else int(d)),
                             latest=fmt_value(figure, unit, lang, given=True,
                                              at_least=target_decimals(latest.loc[iid]))))  # fmt: skip
    return out


def _beyond_calibration(planning: pd.DataFrame, gaps: pd.DataFrame, names) -> list:
    """``(name, latest year, planning year)`` of each indicator whose planning year lies more
    than ``REF_HORIZONS`` years after its forecast's origin (``planning``'s ``as_of``, as the
    fan chart shades it; the gap table's latest year for a frame without it): its ranges
    widen by extrapolation (the reference class was fitted and checked 1-5 years ahead),
    which notebook 03 said in its text and notebook 04 printed the same levels without."""
    if planning.empty:
        return []
    if "as_of" in planning.columns and planning["as_of"].notna().any():
        latest = planning.groupby("indicator_id")["as_of"].max()
    elif gaps is not None and not gaps.empty and "latest_year" in gaps:
        latest = gaps.groupby("indicator_id")["latest_year"].max()
    else:
        return []
    out = []
    for iid, year in planning.groupby("indicator_id", sort=False)["year"].max().items():
        last = latest.get(iid)
        if not _missing(last) and int(year) - int(last) > REF_HORIZONS:
            out.append((names.get(iid, iid), int(last), int(year)))
    return out


def fiscal_table(fiscal: pd.DataFrame, *, lang: str = "zh"):
    """``gaps.fiscal_exposure`` for people: each year's new firms and awards, and the
    cumulative count and awards with their 80 % range in one cell ("441 [353–748]"), as the
    target tables print a projection (ten columns of bare numbers ran off the page, and a
    forecast cost stood without its range).

    Returns
    -------
    pandas.io.formats.style.Styler
    """

    def number(x) -> str:  # as the yearly columns print their cells: 87.7, not 88
        return _cell_text(float(x))

    def money(wan) -> str:
        """万元 in Chinese; million yuan to one decimal in English, the unit its key point and
        brief say the sum in ("about 126 million yuan" above a column of 12,633 "10k yuan"
        was a second unit for one sum: the planner's review)."""
        return number(wan) if lang == "zh" else fixed(float(wan) / 100, 1)

    def with_range(value, lo, hi, text=number) -> str:
        if _missing(value):
            return label("fmt.missing", lang)
        if _missing(lo) or _missing(hi):
            return text(value)
        return label("fmt.range", lang, value=text(value), lo=text(lo), hi=text(hi))

    f = fiscal
    # a range to head only where a year is a forecast: the final evaluation's counted years
    # stood under "[80% range]" with single numbers
    ranged = f[["cum_new_lo_80", "cum_new_hi_80"]].notna().to_numpy().any()
    shown = for_people(f, lang=lang, columns=["year", "basis", "new_firms"])
    shown[label("col.cost_money", lang)] = [
        label("fmt.missing", lang) if _missing(v) else money(v) for v in f["cost_wan"]]  # fmt: skip
    if "provisional" in f.columns:  # a year counted on an estimate says so
        from .labels import basis_words

        shown[label("col.basis", lang)] = [
            basis_words(b, p, lang) for b, p in zip(f["basis"], f["provisional"], strict=True)
        ]
    shown.insert(3, label("col.cum_new_range" if ranged else "col.cum_new_counted", lang), [
        with_range(*v) for v in zip(f["cum_new_firms"], f["cum_new_lo_80"], f["cum_new_hi_80"],
                                    strict=True)])  # fmt: skip
    shown[label("col.cum_cost_range" if ranged else "col.cum_cost_money", lang)] = [
        with_range(*v, text=money) for v in zip(f["cum_cost_wan"], f["cum_cost_lo_80_wan"],
                                                f["cum_cost_hi_80_wan"], strict=True)]  # fmt: skip
    return styled(shown, lang=lang)  # where the complete tables are: said once on the page


def fiscal_note(fiscal: pd.DataFrame, params: pd.DataFrame | None = None,
                lang: str = "zh") -> str:  # fmt: skip
    """What notebook 04 says above :func:`fiscal_table`, of the years it holds: the award and
    its basis, the years a net increase is spread over in whole firms, the forecast years and
    why a budget is planned on their range (only when there are some: the final
    evaluation's note spoke of "forecast years" above a table of counted ones), and where
    the yearly detail is. ``params``: the fiscal parameters, for the award (``hte_award_new``,
    万元; the plan's 20 without them)."""
    from .registry import fiscal_parameter

    try:
        award = float(fiscal_parameter("hte_award_new", params)) if params is not None else 20.0
    except (KeyError, ValueError):
        award = 20.0
    parts = [label("note.fiscal_basis", lang, award=_award_text(award, lang))]
    basis = fiscal["basis"].astype(str)
    spans = sorted({tuple(map(int, m.groups())) for b in basis
                    if (m := re.search(r"spread over (\d{4})-(\d{4})", b))})  # fmt: skip
    parts += [
        label("note.fiscal_spread", lang, start=a - 1, end=b, years=year_span(a, b, lang))
        for a, b in spans
    ]  # the years between two figures, from the figure before
    ahead = fiscal.loc[basis.eq("forecast"), "year"].astype(int).tolist()
    if ahead:
        years = year_runs(set(ahead), lang)
        parts.append(label("note.fiscal_forecast", lang,
                           years=label("brief.list_sep", lang).join(years)))  # fmt: skip
    elif basis.str.startswith("actual").any():
        parts.append(label("note.fiscal_counted", lang))
    parts.append(label("note.fiscal_detail", lang))
    return "".join(parts)


def achieved_early(row) -> bool:
    """Whether a row counts as achieved on a figure of a year before its milestone's (a
    stock of 1,505 firms in 2024 against 1,500 by 2025): a stock can still fall, so the
    target is to be held until then."""
    year, milestone = row.get("latest_year"), row.get("milestone_year")
    return (row.get("status") == "achieved" and not _missing(year) and not _missing(milestone)
            and int(year) < int(milestone))  # fmt: skip


def early_owed(row) -> bool:
    """Whether a target achieved early (:func:`achieved_early`) has seen its milestone year
    end without that year's figure (``ex_post == "no_figure"``): no longer "to be held" but
    to be confirmed by the figure owed (the final-evaluation review: "1 reached early, to be
    held" stood in December 2026 beside a 2025 target met in 2024)."""
    return achieved_early(row) and row.get("ex_post") == "no_figure"


def progress_from(row) -> int | None:
    """The year a row's progress share is measured from when that is not the plan's base
    year: the target has no plan baseline, so its path starts from a first figure reported
    later (``baseline_source`` "observation", 起算值) or the level that figure's growth
    implies for the year before ("derived"). None for a plan baseline, a running total's 0,
    a start in the base year itself, or a row without a progress share.

    The dashboard and the workbook say this year beside the share: 56% of the way from
    2023's figure shared an axis with shares from the plan's 2020 baselines without a word,
    and read as 56% of the plan's five years (the planner's review)."""
    if row.get("baseline_source") not in ("observation", "derived"):
        return None
    start, share = row.get("baseline_year"), row.get("progress_share")
    if _missing(start) or _missing(share) or int(start) <= config.PLAN_BASE_YEAR:
        return None
    return int(start)


def status_counts(
    overview: pd.DataFrame, *, provisional: bool = False, early: bool = False,
    owed: bool = False,
) -> pd.DataFrame:  # fmt: skip
    """Targets per status (rows, ``STATUS_CODES`` order) and milestone year (columns).

    ``provisional``: count only the outcomes that rest on a preliminary figure or an
    estimate (:func:`provisional_outcome`): "achieved 11" of which 4 may still turn.
    ``early``: count only the targets achieved before their milestone year
    (:func:`achieved_early`), which are still to be held. The two exclude each other (an
    outcome is settled by its milestone year's own figure; an early one has none yet), so
    asking for both is refused (ValueError) rather than answered with zeros. ``owed`` (with
    ``early``): only those whose milestone year is over without its own figure
    (:func:`early_owed`).
    """
    if owed and not early:
        raise ValueError(
            "status_counts: owed= counts targets achieved early (early=True) "
            "whose milestone year is over; alone it would count every target"
        )
    if provisional and early:
        raise ValueError("status_counts: provisional= and early= exclude each other (a "
                         "provisional outcome has its milestone year's figure, an early one "
                         "has not); count them in two calls")  # fmt: skip
    years = [int(y) for y in config.MILESTONE_YEARS]
    if provisional or early:
        test = provisional_outcome if provisional else early_owed if owed else achieved_early
        keep = [test(r) for r in overview.to_dict("records")]
        overview = overview[pd.Series(keep, index=overview.index, dtype=bool)]
    counts = pd.crosstab(overview["status"], overview["milestone_year"].astype(int))
    return counts.reindex(index=list(STATUS_CODES), columns=years, fill_value=0).fillna(0)


def provisional_outcome(row) -> bool:
    """Whether a row's outcome (its milestone year's own figure is in, :func:`settled`)
    rests on a preliminary figure or an estimate, which a final figure may still turn, or on
    a bound that settles it (``gaps.deciding_bound``: "1000余人"), whose exact figure is
    still owed."""
    from .coverage import PROVISIONAL

    return settled(row) and row.get("latest_status") in (*PROVISIONAL, *config.BOUND_STATUSES)


def _provisional_key(on_bounds: int) -> str:
    """The label of a count's provisional note: "待确切数字" when a bound decided one of its
    outcomes or more (the brief's words), else "待正式数"."""
    return "landing.count_provisional_bound" if on_bounds else "landing.count_provisional"


def count_notes(overview: pd.DataFrame, lang: str = "zh") -> dict[tuple[str, int], list[str]]:
    """What each count of targets by status holds apart, per (status, milestone year), as
    the landing page says it under the count: outcomes a final (or exact) figure may turn
    ("3 provisional"), targets reached before the milestone ("1 reached early, to be held",
    or "… to be confirmed by the 2025 figure" once its year is over), and growth-rate grades
    that turn on an unreported year's growth (the summary's ``achieved_provisional``,
    ``missed_provisional``, ``achieved_early*`` and ``rate_years_open``). Notebook 04's
    table showed "Achieved 6" where the page said "6 – 3 provisional, 1 reached early".
    """
    provisional = status_counts(overview, provisional=True)  # outcomes a final figure may turn
    # ... of which one or more rests on a bound ("1000余人"): its exact figure is owed, as the
    # brief says, not a "final" one
    bound = status_counts(overview[overview["latest_status"].isin(config.BOUND_STATUSES)],
                          provisional=True)  # fmt: skip
    early = status_counts(overview, early=True)  # achieved before the milestone: to be held
    owed = status_counts(overview, early=True, owed=True)  # ... or confirmed, its year over
    # a growth-rate grade that turns on an unreported earlier year's growth (R&D's "missed"
    # on 2021-2025 from its 2021 figure) is set apart, as its status line says
    open_years = open_years_by_status(overview, lang)
    notes: dict[tuple[str, int], list[str]] = {}
    for code in provisional.index:
        for y in provisional.columns:
            cell = []
            if k := int(provisional.loc[code, y]):
                cell.append(label(_provisional_key(bound.loc[code, y]), lang, k=k))
            if k := int(early.loc[code, y] - owed.loc[code, y]):
                cell.append(label("landing.count_early", lang, k=k))
            if k := int(owed.loc[code, y]):
                cell.append(label("landing.count_early_owed", lang, k=k, year=y))
            if o := open_years.get((code, y)):
                cell.append(label("landing.count_open", lang, names=o[1], years=o[2]))
            if cell:
                notes[(code, int(y))] = cell
    return notes


def counts_table(gaps: pd.DataFrame, *, lang: str = "zh"):
    """Targets by status for the 2023 and 2025 milestones, for people: the landing page's
    first table (status badges, statuses with no target left out, a total row), each count
    with what it holds apart under it (:func:`count_notes`), as the page says it.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    overview = target_overview(gaps, lang=lang)
    counts = status_counts(overview)
    counts = counts[counts.sum(axis=1) > 0]
    notes = count_notes(overview, lang)
    status = label("col.status_label", lang)
    shown = pd.DataFrame({status: [status_label(c, lang) for c in counts.index]})
    for year in counts.columns:
        shown[label("landing.milestone", lang, year=year)] = [
            "\n".join([str(int(counts.loc[c, year])), *notes.get((c, int(year)), [])])
            for c in counts.index
        ]
    total = {status: label("index.total", lang),
             **{label("landing.milestone", lang, year=y): str(int(counts[y].sum()))
                for y in counts.columns}}  # fmt: skip
    shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
    numbers = [{"selector": f"td.col{i}", "props": "text-align:right"}
               for i in range(1, shown.shape[1])]  # fmt: skip
    st = styled(shown, lang=lang, status_col=status).set_table_styles(numbers, overwrite=False)
    return st.format(_count_cell, subset=list(shown.columns[1:]))


def _count_cell(text: object) -> str:
    """A count, and the notes under it set smaller, as the page and the status badges' lines
    set them."""
    first, *under = str(text).split("\n")
    return html.escape(first) + "".join(
        f'<br><span style="color:#555;font-size:.88em">{html.escape(w)}</span>' for w in under
    )


def milestone_table(
    gaps: pd.DataFrame, indicators: pd.DataFrame | None = None, *, milestone_year: int,
    lang: str = "zh", checks: pd.DataFrame | None = None, rates: pd.DataFrame | None = None,
    flows: pd.DataFrame | None = None, reliability: dict[str, str] | None = None,
):  # fmt: skip
    """One milestone's targets for people: the overview's columns (the latest figure with
    where the target path stands in its year, :func:`path_words`) plus progress against time
    (``checks``: figures to verify, marked beside the latest figure, :func:`target_overview`;
    ``rates``: :func:`gaps.rate_years`, a growth-rate target's growth figures reported, and
    ``flows``: :func:`gaps.flow_years`, a yearly flow's other years, said in the caption as
    the landing page says them in the row; ``reliability``: :func:`reliability_keys`, what
    the longer series' backtests say of a probability, under it as on the page).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    milestone_year = as_year(milestone_year, "milestone_year")
    g = gaps[gaps["milestone_year"] == milestone_year]
    overview = target_overview(g, indicators, lang=lang, checks=checks, reliability=reliability)
    # where the target path stands in the latest figure's year, under it as on the page:
    # "where it should stand by now" is the planner's second question
    shown = format_overview(overview, lang=lang, path_sep="\n").drop(
        columns=[label("col.section", lang), label("col.milestone_year", lang)]
    )
    by_id = g.set_index("indicator_id")
    # progress against time elapsed reads a pace; a settled milestone (met, missed, no figure)
    # has none, and its rows all read "Time elapsed 100.0%" (the final evaluation's review)
    paced = overview["status"].isin(PACE_STATUSES).any()
    for key in ("progress_share", "time_share"):
        if key == "time_share" and not paced:
            continue
        values = (overview["indicator_id"].map(by_id[key]) if key in by_id
                  else np.full(len(overview), np.nan))  # fmt: skip
        cells = pd.Series(values).map(lambda p: _fmt_rate(p, lang)).to_numpy()
        if key == "progress_share":  # from a later first figure: its start, as the dashboard
            starts = overview["indicator_id"].map(
                lambda iid: progress_from(by_id.loc[iid]) if iid in by_id.index else None
            )
            cells = [c + label("legend.path_from", lang, year=int(y)) if pd.notna(y) else c
                     for c, y in zip(cells, starts, strict=True)]  # fmt: skip
        shown.insert(4 if key == "progress_share" else 5, label(f"col.{key}", lang), cells)
    if not forecast_probabilities(overview).any():
        # no row left to forecast projects nothing: a settled milestone's rows all read "see
        # latest figure" (the final evaluation's review); kept while one row has a forecast
        shown = shown.drop(columns=label("col.projected_range", lang), errors="ignore")
    st = styled(shown, lang=lang)
    rows = overview.to_dict("records")
    grown = [label("brief.s_rate_years", lang, name=r["name"], items=rate_year_items(own, lang))
             for r in rows if len(own := _rates_of(r, rates))]  # fmt: skip
    grown += [f"{r['name']}{label('fmt.colon', lang)}{words}{_STOP[lang]}"
              for r in rows if (words := other_years_words(r, flows, lang))]  # fmt: skip
    notes = []
    if overview["caveat"].astype(bool).any():  # the † beside a probability, explained
        items = label("brief.item_sep", lang).join(caveat_items(overview, lang))
        which = f"{items}{_STOP[lang]}" if items else ""  # which reason, for which target
        notes.append(f"{label('landing.caveat_note', lang)}{'' if lang == 'zh' else ' '}{which}")
    if grown:
        notes.append(("" if lang == "zh" else " ").join(grown))
    # where the complete tables are is said once on the page (:func:`full_tables_note`)
    notes += [st.caption] if st.caption else []  # the abbreviations (:func:`styled`)
    return st.set_caption(" ".join(notes)) if notes else st


def department_table(gaps: pd.DataFrame, *, milestone_year: int = 2025, lang: str = "zh"):
    """Targets per department and status (a target with several departments counts for each).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from .gaps import department_matrix

    m = department_matrix(gaps, milestone_year=milestone_year)
    m = m.loc[:, [c for c in m.columns if m[c].sum() > 0]]
    depts = [department_label(d, lang) for d in m.index]
    m = m.reset_index(drop=True)
    m.insert(0, "department", depts)
    # two names in English? one row; the plan's order of departments kept
    m = m.groupby("department", sort=False, as_index=False).sum()
    return people(m, lang=lang, note=False)  # the complete tables: said once on the page


def trajectory_table(
    trajectories: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh"
) -> pd.DataFrame:
    """The yearly required paths: one row per indicator and path, one column per year.

    Returns
    -------
    DataFrame
        Indicator name, unit (the registry's), path (in words), then the years as columns,
        as display text: a
        path's first value is the published baseline and keeps its decimals (54.03), the
        computed years are printed by size (:func:`fmt_number`: 59.4, not 59.433 beside
        65.4).
    """
    from .labels import PATH_CODES, path_label

    names = _names_by_id(indicators, lang)
    order = {iid: i for i, iid in enumerate(indicators["indicator_id"])}
    wide = trajectories.pivot_table(index=["indicator_id", "path"], columns="year",
                                    values="value", aggfunc="first")  # fmt: skip
    wide.columns = [str(int(y)) for y in wide.columns]
    wide = wide.reset_index()
    # a path identical to another of its indicator (R&D: the 10 % path is the required one)
    # is one row, not two
    years = [c for c in wide.columns if c not in ("indicator_id", "path")]
    wide = wide[~wide.round(9).duplicated(["indicator_id", *years])].reset_index(drop=True)
    wide = wide.iloc[sorted(range(len(wide)), key=lambda i: (order.get(wide["indicator_id"][i],
                                                                       len(order)), i))]  # fmt: skip
    wide[years] = [_path_cells(row, lang) for row in wide[years].to_numpy(dtype=float)]
    wide.insert(0, label("col.name", lang), wide["indicator_id"].map(names))
    # firms, 亿元, per 10,000 people and % stood in one grid of bare numbers: the registry's
    # unit, as the page's charts label their axes
    wide.insert(1, label("col.unit", lang), wide["indicator_id"].map(unit_by_id(indicators, lang)))
    wide["path"] = wide["path"].map(lambda c: path_label(c, lang) if c in PATH_CODES else c)
    return wide.drop(columns="indicator_id").rename(columns={"path": label("col.path", lang)})


def segments_view(segments: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh"):
    """The implied growth of each segment of the targets (``segments.csv``) for people.

    Start and end values and the annual increment are in the registry's unit, said in a
    column of its own as the paths table says it (English "5.403 billion yuan" stood beside
    the paths table's and the chart's 54.03 亿元 / 100 million yuan on the same page); the
    annual growth is given for paths that compound (a linear path, e.g. a share's, has none:
    its 2.4 % "growth" was a rate the path does not use) and a share's increment in
    percentage points ("0.88个百分点", "0.88 pp"). A yearly flow's
    target is the same every year, so its year-by-year segments (each "0.0% | 0") are left
    out and its whole span kept.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    reg = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    seg = segments[segments["indicator_id"].isin(reg.index)]
    kind = seg["indicator_id"].map(reg["kind"]) if "kind" in reg else pd.Series("", seg.index)
    is_flow = kind.eq("flow")
    whole = seg["segment"].eq("overall")
    has_whole = whole.groupby(seg["indicator_id"]).transform("any")
    seg = seg[~is_flow | whole | ~has_whole]  # a flow without a whole-span row keeps its own
    rows = []
    for r in seg.to_dict("records"):
        unit = str(reg.at[r["indicator_id"], f"unit_{lang}"] or "")
        points = unit.startswith("%")
        growth = r["annual_growth"] if r.get("shape") == "geometric" else np.nan
        step = r["annual_increment"]
        if _missing(step):
            step_text = label("fmt.missing", lang)
        elif points:
            step_text = label("note.points", lang, value=fmt_number(step, lang))
        else:  # in the unit column's unit: "6.27" 亿元, as the paths table's 54.03
            step_text = fmt_number(step, lang)
        rows.append({
            label("col.name", lang): reg.at[r["indicator_id"], f"name_{lang}"],
            label("col.unit", lang): unit,
            label("col.segment", lang): (label("segment.overall", lang)
                                         if r["segment"] == "overall" else r["segment"]),
            label("col.start_value", lang): fmt_number(r["start_value"], lang, given=True),
            label("col.end_value", lang): fmt_number(r["end_value"], lang, given=True),
            label("col.annual_growth", lang): _fmt_rate(growth, lang),
            label("col.annual_increment", lang): step_text,
        })  # fmt: skip
    shown = pd.DataFrame(rows, columns=[label(f"col.{c}", lang) for c in (
        "name", "unit", "segment", "start_value", "end_value", "annual_growth",
        "annual_increment")])  # fmt: skip
    st = styled(shown, lang=lang)
    if shown.empty:
        return st.set_caption(label("note.no_rows", lang))
    return st  # where the complete tables are: said once on the page (full_tables_note)


def consistency_view(segments: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh"):
    """Whether each indicator's milestones agree with one another (``segments.csv``'s
    ``consistent``: "no" when some milestone moves against the desired direction from the
    one before), one row per indicator in the segments' order, for people.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    # True/False, or the words a CSV or a hand-made frame may hold ("yes"/"no"): "no" is a
    # non-empty string, and all() read it as consistent; a missing value is no contradiction
    words = {"true": True, "yes": True, "是": True, "1": True,
             "false": False, "no": False, "否": False, "0": False}  # fmt: skip

    def agrees(value: object) -> bool:
        if isinstance(value, bool | np.bool_):
            return bool(value)
        if _missing(value):
            return True
        text = str(value).strip().lower()
        if text not in words:
            raise ValueError(f"segments: consistent must be true/false (yes/no), got {value!r}")
        return words[text]

    flags = segments.assign(consistent=segments["consistent"].map(agrees))
    per = flags.groupby("indicator_id", sort=False, as_index=False)["consistent"].all()
    return people(with_names(per, indicators, lang=lang), lang=lang, columns=["name", "consistent"],
                  note=False)  # fmt: skip


def _path_cells(values: np.ndarray, lang: str) -> list[str]:
    """One path's yearly values as text: the first (the baseline, published) as given,
    the rest computed, by size; ``—`` where the path has no value."""
    first = next((i for i, v in enumerate(values) if np.isfinite(v)), None)
    return [fmt_number(v, lang, given=i == first) for i, v in enumerate(values)]


#: Methods whose probabilities depend on the anchor (the short-series growth distributions,
#: also of a running total's yearly additions: ``growth_cumulated``).
_ANCHORED_METHODS = REFERENCE_METHODS


def reference_view(anchors: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh"):
    """What each forecast's short-series probabilities are anchored to, for :func:`people`.

    Parameters
    ----------
    anchors : DataFrame
        ``compute.reference_anchors`` (``reference_anchors.csv``).
    indicators : DataFrame
        The registry's indicators (names).
    lang : {"zh", "en"}

    Returns
    -------
    DataFrame
        ``name``, ``origin`` (forecast origin), ``method`` (in words), ``reference_class``
        (the default, or how many regions of the same level), ``anchor_growth`` (typical
        growth a year, ``exp(g) - 1``) and ``anchor_spread`` (s.d. of annual log changes, as
        text with 3 decimals); only the forecasts made by the short-series distributions.
    """
    names = _names_by_id(indicators, lang)
    a = anchors[anchors["method"].isin(_ANCHORED_METHODS)].reset_index(drop=True)
    basis = [label("reference.comparable", lang, n=int(n)) if b == "comparable"
             else label("reference.default", lang)
             for b, n in zip(a["basis"], a["series_growth"], strict=True)]  # fmt: skip
    return pd.DataFrame({"name": a["indicator_id"].map(names), "origin": a["as_of"],
                         "method": [method_label(m, lang) for m in a["method"]],
                         "reference_class": basis, "anchor_growth": np.expm1(a["growth"]),
                         "anchor_spread": [f"{v:.3f}" for v in a["spread"]]})  # fmt: skip


def reference_note(
    anchors: pd.DataFrame | None, indicators: pd.DataFrame, *, lang: str = "zh", where: str = "page"
):
    """One sentence on what the short-series probabilities are anchored to ("" if none are).

    Names the indicators anchored to regions of the same level (with how many regions), or
    says that all use the default reference class and what to supply to change that.
    ``where="brief"`` words it for a document to print: no project file is named (the
    brief's technical notes name them).
    """
    from .forecast import DEFAULT_ANCHOR

    if anchors is None:
        return ""
    a = anchors[anchors["method"].isin(_ANCHORED_METHODS)]
    if a.empty:
        return ""
    comparable = a[a["basis"] == "comparable"]
    if comparable.empty:
        prefix = "brief" if where == "brief" else "landing"
        text = label(f"{prefix}.reference_default", lang,
                     g=_fmt_rate(math.expm1(DEFAULT_ANCHOR.growth), lang))  # fmt: skip
        registered = int(a["regions_registered"].max()) if "regions_registered" in a else 0
        if registered:  # peers are registered, yet too few count: say how many did
            text += label(f"{prefix}.reference_counted", lang, registered=registered,
                          counted=int(a["series_growth"].max()))  # fmt: skip
        return text
    names = _names_by_id(indicators, lang)
    items = [label("reference.item", lang, name=names.get(iid, iid), n=int(n))
             for iid, n in zip(comparable["indicator_id"], comparable["series_growth"],
                               strict=True)]  # fmt: skip
    key = "landing.reference_all" if len(comparable) == len(a) else "landing.reference_some"
    return label(key, lang, names=("、" if lang == "zh" else ", ").join(items))


def reliability_by_series(
    events: pd.DataFrame,
    indicators: pd.DataFrame,
    regions: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
) -> pd.DataFrame:
    """Each series' mean forecast probability beside the share of its events that happened.

    The pooled reliability diagram averages over series that may err in opposite directions;
    per series, the same indicator in other regions says most about a target's probability
    (events that happen far more often than predicted mean its probabilities run low).

    Parameters
    ----------
    events : DataFrame
        ``forecast.event_backtest``/``suite_events`` rows: ``indicator_id``, ``region``,
        ``p_meet``, ``met``.
    indicators, regions : DataFrame
        The registries, for the names (a region not registered keeps its code).
    lang : {"zh", "en"}

    Returns
    -------
    DataFrame
        ``name`` (indicator and region), ``events``, ``predicted``, ``observed_share`` and
        ``difference`` (observed minus predicted, in points), the largest differences first.
    """
    cols = ["name", "events", "predicted", "observed_share", "difference"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    names, places = _names_by_id(indicators, lang), region_words(regions, lang)
    g = events.groupby(["indicator_id", "region"], sort=True).agg(
        events=("p_meet", "size"), predicted=("p_meet", "mean"), observed_share=("met", "mean")
    ).reset_index()  # fmt: skip
    # the difference of the two percentages as printed beside it, as the reliability note
    # says it (the table read +37 under 51 % and 89 %, where the note says +38)
    g["difference"] = [float(whole_percent(o) - whole_percent(p))
                       for o, p in zip(g["observed_share"], g["predicted"], strict=True)]  # fmt: skip
    g["name"] = [_in_region(names.get(i, i), places.get(r, r), lang)
                 for i, r in zip(g["indicator_id"], g["region"], strict=True)]  # fmt: skip
    order = g["difference"].abs().sort_values(ascending=False, kind="stable").index
    return g.loc[order, cols].reset_index(drop=True)


#: How far (in points) a series' events may happen more or less often than predicted before
#: :func:`reliability_reading` says a target's probability may run low or high.
RELIABILITY_GAP_POINTS = 20
#: The fewest events of a series :func:`reliability_reading` reads (two forecast origins of
#: the six growth thresholds); each is said with its number of events.
RELIABILITY_MIN_EVENTS = 12
#: The fewest forecast origins of a series it reads: the events of one origin share that
#: forecast's one error, and say little more than one event (the notebook reader's review:
#: "18次检验" were two origins of one series); each is said with its origins.
RELIABILITY_MIN_ORIGINS = 2


def _reliability_by_target(events: pd.DataFrame | None, gaps: pd.DataFrame) -> dict:
    """For each target indicator whose probability comes from a forecast and that has a
    series of the same indicator read (``RELIABILITY_MIN_EVENTS`` events or more from
    ``RELIABILITY_MIN_ORIGINS`` forecast origins or more): ``(key, series)``, ``key`` as
    :func:`_reliability_key` grades it and ``series`` the frame of the series read
    (``region``, ``events``, ``origins``, ``predicted``, ``observed``, ``diff`` in points,
    ``home``: the home region's series, ``lead``: a series the reading's first clause
    names, the ones that deviate the way the key says, or the home series that decides)."""
    if events is None or events.empty or gaps is None or gaps.empty:
        return {}
    # events without their origins (a frame made elsewhere): their origins are not known,
    # and neither counted nor said
    origins = events["origin"] if "origin" in events.columns else pd.Series(np.nan, events.index)
    by_series = events.assign(_origin=origins).groupby(["indicator_id", "region"], sort=True).agg(
        events=("p_meet", "size"), origins=("_origin", "nunique"), predicted=("p_meet", "mean"),
        observed=("met", "mean"),
    ).reset_index()  # fmt: skip
    if "origin" not in events.columns:
        by_series["origins"] = np.nan
    forecast = gaps[forecast_probabilities(gaps)]
    out = {}
    for iid in dict.fromkeys(forecast["indicator_id"]):
        own = by_series[(by_series["indicator_id"] == iid)
                        & (by_series["events"] >= RELIABILITY_MIN_EVENTS)
                        & ~(by_series["origins"] < RELIABILITY_MIN_ORIGINS)]  # fmt: skip
        if own.empty:
            continue
        own = own.assign(diff=(own["observed"] - own["predicted"]) * 100,
                         home=own["region"].eq(config.HOME_REGION))  # fmt: skip
        key = _reliability_key(own)
        far = own["diff"].abs() >= RELIABILITY_GAP_POINTS
        lead = {"low": far & (own["diff"] > 0), "high": far & (own["diff"] < 0),
                "home": own["home"], "ok": pd.Series(True, index=own.index)}.get(key, far)  # fmt: skip
        out[iid] = (key, own.assign(lead=lead))
    return out


def _reliability_key(own: pd.DataFrame) -> str:
    """What the series read of one indicator (``own``: ``region``, ``origins``, ``diff``,
    ``home``) say of its target's probability.

    The home region's series, once read, decides alone: the target's probability is a
    forecast of that series, and its backtest checks those very forecasts, where another
    region's series (China's, with its own level and pace) stands in for it. "low" or
    "high" when its events happened ``RELIABILITY_GAP_POINTS`` or more above or below its
    predictions, else "home" when another series read is that far off (the page had
    printed China's +41 points and "may be too low" beside Langfang's own -2: the
    reviewers' case) and "ok" when none is.

    Without it, over the other regions' series: "ok" (all within the gap), "low" or "high"
    (every series that far off errs that way, and those series hold more forecast origins
    than the ones within it), "unclear" (as many origins or more within it) or "mixed" (far
    off both ways). A series whose origins are not known counts as one origin.
    """
    far = own["diff"].abs() >= RELIABILITY_GAP_POINTS
    home = own[own["home"]]
    if not home.empty:
        diff = float(home["diff"].iloc[0])
        if abs(diff) >= RELIABILITY_GAP_POINTS:
            return "low" if diff > 0 else "high"
        return "home" if far.any() else "ok"
    big = own.loc[far, "diff"]
    key = ("ok" if big.empty else "low" if (big > 0).all() else "high" if (big < 0).all()
           else "mixed")  # fmt: skip
    weight = own["origins"].fillna(1)  # origins not known: one each
    if key in ("low", "high") and weight[~far].sum() >= weight[far].sum():
        # China's +37 points from 2 origins beside another series' -1 from 2 read "may be
        # too low" (the statistician's review): as many origins say otherwise
        key = "unclear"
    return key


def reliability_keys(events: pd.DataFrame | None, gaps: pd.DataFrame) -> dict[str, str]:
    """What the per-series check says of each target indicator's forecast probability, as
    :func:`reliability_reading` grades it (:func:`_reliability_key`): ``{indicator_id:
    "ok" | "low" | "high" | "home" | "unclear" | "mixed"}`` (targets it cannot check are
    left out; "ok", "home" and "unclear" need no word beside a probability). The
    workbook's summary says it beside the probability, which it had printed bare while the
    page and the brief said "likely too low" of it."""
    return {iid: key for iid, (key, _) in _reliability_by_target(events, gaps).items()}


def _series_words(own: pd.DataFrame, places: dict, lang: str) -> str:
    """The series of ``own`` (:func:`_reliability_by_target`) in words, joined: each one's
    mean prediction, what happened, their difference, its forecast origins and events."""
    return label("brief.item_sep", lang).join(
        label(
            "reliability.series" if pd.notna(k) else "reliability.series_events",
            lang,
            region=places.get(r, r),
            # the difference of the two figures as printed, so that they add up (51 % and
            # 89 % read "+37" from the unrounded 51.4 and 88.9: the diff review)
            diff=f"{whole_percent(o) - whole_percent(p):+d}",
            n=int(n),
            origins=int(k) if pd.notna(k) else 0,
            predicted=f"{whole_percent(p):d}",
            observed=f"{whole_percent(o):d}",
        )
        for r, n, k, p, o in zip(
            own["region"],
            own["events"],
            own["origins"],
            own["predicted"],
            own["observed"],
            strict=True,
        )
    )


def _rest_words(key: str, own: pd.DataFrame, places: dict, lang: str) -> str:
    """The sentence of a low, high or mixed reading on the series its first clause does not
    name (``own``'s rows not ``lead``): the ones within the gap, or for a reading the home
    series decides, the others; "" when there are none."""
    rest = own[~own["lead"]]
    if rest.empty or key not in ("low", "high", "mixed"):
        return ""
    which = "mixed" if key == "mixed" else "home" if own["home"].any() else "fewer"
    return label(f"reliability.rest_{which}", lang, others=_series_words(rest, places, lang),
                 gap=RELIABILITY_GAP_POINTS, home=places.get(config.HOME_REGION,
                                                             config.HOME_REGION))  # fmt: skip


def reliability_reading(
    events: pd.DataFrame,
    gaps: pd.DataFrame,
    indicators: pd.DataFrame,
    regions: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
    flagged_only: bool = False,
) -> str:
    """What the per-series check says of the targets' own probabilities, in one sentence
    per target: the page showed +37 points for high-tech enterprises in China and left the
    reader to notice that this is a target with a forecast probability.

    ``flagged_only``: only the targets whose probability may run low or high, whose series
    err both ways, or whose home series keeps another region's lean from being said
    ("home"), and "" when there are none: what the landing page and the brief say beside
    the probabilities (notebook 03 says every target's reading).

    A target whose milestone probability comes from a forecast (:func:`forecast_probabilities`)
    is named when a series of the same indicator is read (``RELIABILITY_MIN_EVENTS`` events
    from ``RELIABILITY_MIN_ORIGINS`` origins), graded by :func:`_reliability_key`. The first
    clause names the series that deviate the way the reading says (or the home series that
    decides), the series beside them are said after it: the page had said "far more often
    than predicted" over a list that held Langfang's own -2 points (the reviewers' case).
    """
    names, places = _names_by_id(indicators, lang), region_words(regions, lang)
    home = places.get(config.HOME_REGION, config.HOME_REGION)
    out = []
    for iid, (key, own) in _reliability_by_target(events, gaps).items():
        if flagged_only and key in ("ok", "unclear"):
            continue
        others = own[~own["lead"]]
        # the way the other series lean, which the home series keeps from being said
        far = others.loc[others["diff"].abs() >= RELIABILITY_GAP_POINTS, "diff"]
        way = "low" if (far > 0).all() else "high" if (far < 0).all() else "both"
        out.append(label(f"reliability.{key}", lang, name=names.get(iid, iid),
                         series=_series_words(own[own["lead"]], places, lang),
                         others=_series_words(others, places, lang),
                         rest=_rest_words(key, own, places, lang), home=home,
                         way=label(f"reliability.runs_{way}", lang),
                         gap=RELIABILITY_GAP_POINTS))  # fmt: skip
    if not out:
        return "" if flagged_only else label("reliability.none", lang)
    return ("" if lang == "zh" else " ").join(out)


def reliability_what(events: pd.DataFrame | None, lang: str = "zh") -> str:
    """What a backtest of the probabilities counts, in words: a target's probability is the
    chance of growing as fast as it needs, and the backtests check that kind of forecast on
    the growth thresholds of ``events`` (their ``growth`` and ``h`` columns, else
    ``forecast.EVENT_GROWTHS`` over ``compute.EVENT_HORIZON`` years, what the suite
    counts): "from each past year's figures, the chance of growing by at least each of -5%,
    0%, … 20% a year over the next 1 to 5 years, against what happened". A planner read
    "the target was met 89% of the time" as a track record of the target (the reviewers')."""
    from .compute import EVENT_HORIZON
    from .forecast import EVENT_GROWTHS

    has = events is not None and {"growth", "h"} <= set(events.columns) and len(events)
    growths = sorted(set(events["growth"])) if has else list(EVENT_GROWTHS)
    years = int(events["h"].max()) if has else EVENT_HORIZON
    paces = [f"{whole_percent(g)}%" for g in growths]
    sep, last = ("、", "和") if lang == "zh" else (", ", " and ")
    said = sep.join(paces[:-1]) + last + paces[-1] if len(paces) > 1 else "".join(paces)
    return label("reliability.what", lang, paces=said, years=years)


def reliability_note(results, lang: str, where: str = "page") -> str:
    """What the suite's own backtests of the same indicators say of the targets'
    probabilities, where they may run low or high (:func:`reliability_reading`), after
    what they count (:func:`reliability_what`), as the landing page and the brief's
    methods annex say it under the probabilities; "" otherwise. Notebook 03 said "likely too
    low" of the high-tech probability while the page read it "about even" with no word of
    it (found by the Chinese-reader review). ``where="brief"`` names no project file (a
    document to print); ``where="notes"`` is the workbook's notes row, headed by its item."""
    events = getattr(results, "events", None)
    if events is None or not len(events):
        return ""
    reading = reliability_reading(events, results.gaps, results.indicators,
                                  getattr(results, "regions", None), lang=lang,
                                  flagged_only=True)  # fmt: skip
    if not reading:
        return ""
    what = reliability_what(events, lang)
    if where == "notes":  # a row of its own: the explanation opens a sentence
        return label("notes.reliability", lang, what=what[:1].upper() + what[1:],
                     reading=reading)  # fmt: skip
    key = "brief.reliability" if where == "brief" else "landing.reliability"
    return label(key, lang, what=what, reading=reading)


def series_statuses_note(lang: str = "zh") -> str:
    """Which figures enter an analysis series, in words: the statuses of
    ``config.SERIES_STATUS_PRIORITY`` in its order, and the others of ``config.STATUSES``
    kept as context ("修订数、正式数、衔接数、初步数、预计数"), so the notebook's sentence
    follows the configuration (it had named four and left chained figures out)."""
    used = [obs_status_label(c, lang) for c in config.SERIES_STATUS_PRIORITY]
    kept = [obs_status_label(c, lang) for c in config.STATUSES
            if c not in config.SERIES_STATUS_PRIORITY]  # fmt: skip
    if lang == "en":  # words inside a sentence
        used, kept = [w.lower() for w in used], [w.lower() for w in kept]
    sep = "、" if lang == "zh" else ", "
    last = "和" if lang == "zh" else " and "
    kept_words = sep.join(kept[:-1]) + last + kept[-1] if len(kept) > 1 else "".join(kept)
    return label("note.series_statuses", lang, used=sep.join(used), kept=kept_words)


def vintage_note(vintages: pd.DataFrame | None, *, lang: str = "zh") -> str:
    """A sentence in place of the vintage table and charts while no forecast has a second
    vintage: notebook 03 repeated its forecast table and drew one dot per chart (the
    notebook reader's review). "" once some indicator's milestone has two or more."""
    if vintages is None or vintages.empty:
        return label("vintage.none", lang)
    per = vintages.groupby(["indicator_id", "milestone_year"])["as_of"].nunique()
    if (per > 1).any():
        return ""
    years = sorted({int(y) for y in vintages["as_of"]})
    return label("vintage.one", lang, year=label("brief.list_sep", lang).join(map(str, years)))


def reliability_groups(events: pd.DataFrame) -> tuple[dict, pd.Series]:
    """The suite's backtest events by the number of figures at the forecast origin, as the
    reliability diagram draws them: ``({"n = 2": (p, met, series), …, "n ≥ 7": …}, series)``,
    ``series`` each event's "indicator/region" (the independent units)."""
    series = events["indicator_id"].astype(str) + "/" + events["region"].astype(str)
    groups = {f"n = {n}" if n < 7 else "n ≥ 7": (g["p_meet"], g["met"], series[g.index])
              for n, g in events.assign(n=events["n_obs"].clip(upper=7)).groupby("n")}  # fmt: skip
    return groups, series


#: How far (in points) the share of events that happened may differ from the mean
#: predicted probability before :func:`reliability_verdict` calls the probabilities low or
#: high on the whole.
VERDICT_GAP_POINTS = 2


def reliability_verdict(events: pd.DataFrame | None, *, lang: str = "zh",
                        indicators: pd.DataFrame | None = None) -> str:  # fmt: skip
    """What the reliability diagram of the suite's own backtests says, in words: the pooled
    calibration error against the benchmarks' goal, which way the probabilities err on the
    whole (the share of events that happened against the mean probability, event-weighted),
    and in how many bins the series can tell a departure from chance (notebook 03 showed
    the diagram and the table and left the reader to find that 0.070 is above the 0.05
    aimed at, found by the notebook reader's review). Fewer than ``RELIABILITY_MIN_EVENTS``
    events or 2 series are said to be too few to judge; "" without events. With the registry
    (``indicators``), a sentence follows where shares (``kind == "share"``) and the other
    indicators lean opposite ways, each by ``VERDICT_GAP_POINTS`` or more: the pooled "run
    low" pointed the wrong way for the share series backtested (8 points high on the shipped
    data: the statistician's review). The share series are context series, not the plan's
    share targets, so the sentence names them and speaks of shares, not of the targets."""
    from .plots_forecast import reliability_table

    if events is None or not len(events):
        return ""
    _, series = reliability_groups(events)
    n_series = int(series.nunique())
    if len(events) < RELIABILITY_MIN_EVENTS or n_series < 2:
        return label("reliability.verdict_few", lang, events=len(events), series=n_series)
    t = reliability_table(events["p_meet"], events["met"], series=series)
    t = t[t["n"] > 0]
    diff = 100 * (float(events["met"].mean()) - float(events["p_meet"].mean()))
    way = ("low" if diff >= VERDICT_GAP_POINTS else "high" if diff <= -VERDICT_GAP_POINTS
           else "even")  # fmt: skip
    apart = int(((t["y_lo"] > t["p"]) | (t["y_hi"] < t["p"])).sum())
    ece = float(t.attrs["ece"])
    return label("reliability.verdict", lang, events=f"{len(events):,}", series=n_series,
                 ece=f"{ece:.3f}", goal=f"{ECE_GOAL:.2f}",
                 versus=label("reliability.verdict_" + ("above" if ece > ECE_GOAL else "within"),
                              lang),
                 way=label(f"reliability.verdict_{way}", lang, points=f"{abs(diff):.0f}",
                           gap=VERDICT_GAP_POINTS),
                 chance=label("reliability.verdict_" + ("apart" if apart else "none_apart"),
                              lang, apart=apart, bins=len(t), series=n_series)) + _verdict_by_kind(
        events, indicators, lang)  # fmt: skip


def _verdict_by_kind(events: pd.DataFrame, indicators: pd.DataFrame | None, lang: str) -> str:
    """ " 按指标类别看…": shares and the other indicators leaning opposite ways (each by
    ``VERDICT_GAP_POINTS`` or more, each from ``RELIABILITY_MIN_EVENTS`` events or more), as
    one sentence; "" otherwise."""
    if indicators is None or "kind" not in indicators.columns:
        return ""
    kinds = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["kind"]
    share = events["indicator_id"].map(kinds).eq("share").to_numpy()
    leans = []
    for part in (events[share], events[~share]):
        if len(part) < RELIABILITY_MIN_EVENTS:
            return ""
        leans.append(100 * (float(part["met"].mean()) - float(part["p_meet"].mean())))
    (sp, rp) = leans
    if not (abs(sp) >= VERDICT_GAP_POINTS and abs(rp) >= VERDICT_GAP_POINTS and sp * rp < 0):
        return ""
    names = indicators.drop_duplicates("indicator_id").set_index("indicator_id")[f"name_{lang}"]
    shares = label("brief.list_sep", lang).join(
        dict.fromkeys(names.get(i, i) for i in events.loc[share, "indicator_id"])
    )
    return ("" if lang == "zh" else " ") + label("reliability.verdict_split", lang, shares=shares,
                       share_way=label(f"reliability.way_{'more' if sp > 0 else 'less'}", lang),
                       rest_way=label(f"reliability.way_{'more' if rp > 0 else 'less'}", lang),
                       sp=f"{abs(sp):.0f}", rp=f"{abs(rp):.0f}")  # fmt: skip


def reliability_view(p, met, series=None, bins: int = 10) -> pd.DataFrame:
    """:func:`plots_forecast.reliability_table` with named columns, for :func:`people`.

    Parameters
    ----------
    p, met : array-like
        Predicted probabilities and 0/1 outcomes.
    series : array-like, optional
        The series each event comes from: adds each bin's 95 % range with the series as
        the independent units (``observed_range``; ``plots_forecast.reliability_table``),
        which shows how little a bin of a few series says however many events it holds.
    bins : int, default 10
        Equal-width probability bins (empty ones are left out).

    Returns
    -------
    DataFrame
        ``bin`` (the probability range as text), ``predicted`` (mean forecast probability),
        ``observed_share`` (share of events that happened), ``events`` (count), and with
        ``series`` also ``series`` (how many series the bin's events come from) and
        ``observed_range``; non-empty bins.
    """
    from .plots_forecast import reliability_table

    t = reliability_table(p, met, bins, series=series)
    width = 100 / bins  # the table lists only the bins that hold events
    t = t[t["n"] > 0].reset_index()
    ranges = [f"{b * width:.0f}–{(b + 1) * width:.0f}%" for b in t["bin"]]
    out = pd.DataFrame({"bin": ranges, "predicted": t["p"],
                        "observed_share": t["y"], "events": t["n"].astype(int)})  # fmt: skip
    if series is not None:
        out["series"] = t["series"].astype(int)
        apart = ((t["y_lo"] > t["p"]) | (t["y_hi"] < t["p"])).to_numpy()
        d = _apart_decimals(t["p"].to_numpy(float), t["y_lo"].to_numpy(float),
                            t["y_hi"].to_numpy(float), apart)  # fmt: skip
        out["observed_range"] = [f"{_pct(lo, d)}–{_pct(hi, d)}" for lo, hi in
                                 zip(t["y_lo"], t["y_hi"], strict=True)]  # fmt: skip
        out["misses_diagonal"] = apart.astype(bool)
    return out


def _pct(share: float, decimals: int) -> str:
    """A share as a percent at ``decimals`` places, a whole end ("100%") without them."""
    text = fixed(100 * share, decimals)
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def _apart_decimals(p, lo, hi, apart, most: int = 2) -> int:
    """Decimals of the ranges' percents that show each miss: the fewest at which every
    bin's range that leaves out its mean forecast ``p`` prints apart from ``p`` printed the
    same way (42.2 %–100 % beside 42.1 %, not 42 %–100 % beside 42 %), at most ``most``."""
    for d in range(most + 1):
        shown = [(float(fixed(100 * a, d, "")), float(fixed(100 * b, d, "")),
                  float(fixed(100 * c, d, ""))) for a, b, c in zip(p, lo, hi, strict=True)]  # fmt: skip
        if all(not miss or lo_ > p_ or hi_ < p_
               for (p_, lo_, hi_), miss in zip(shown, apart, strict=True)):  # fmt: skip
            return d
    return most
