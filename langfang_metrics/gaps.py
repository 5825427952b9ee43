"""Gap assessment: where each target stands against its 2023 and 2025 milestones.

Methods
-------
* **Progress to date** — the share of the distance covered, (actual − baseline) /
  (target − baseline), against the share of time elapsed (the "时间过半、任务过半" test),
  and the *time distance*: how many years ahead of (+) or behind (−) the required path the
  latest value is (Statistics Netherlands / OECD "time distance" idea, Sicherl 2004).
* **Growth test** — Eurostat's SDG progress assessment for quantified targets (Eurostat,
  *Sustainable development in the European Union — Monitoring report*, methodological annex)
  and Statistics Canada's *Canadian Indicator Framework* use the same rule: compare the actual
  compound annual growth since the baseline with the growth required to reach the target,
  R = actual / required, and grade R: on track (R ≥ 0.95), needs acceleration (0.6 ≤ R <
  0.95), insufficient progress (0 ≤ R < 0.6), moving away (R < 0). A target met is achieved;
  once the milestone year's own figure is in and falls short, the target is missed, whatever
  the pace was (the grading of pace is for milestones still ahead). Shares use percentage-point
  change per year instead of compound growth; cumulative additions compare additions so far
  with the pro-rata share; growth-rate targets compare achieved average growth with the rate.
* **Outlook** — beyond those published rules, which only look back: the forecast for the
  milestone year with its intervals, the projected gap, the probability of meeting the target
  and the growth needed from the latest actual ("what it takes from now") set beside the best
  growth the indicator has ever shown.
"""

from __future__ import annotations

import math
import warnings
from numbers import Real

import numpy as np
import pandas as pd

from . import config
from ._checks import as_year, as_years
from ._forecast_core import LOG_SCALE_METHODS, REFERENCE_METHODS
from .coverage import PROVISIONAL
from .labels import STATUS_CODES, label, status_label
from .registry import PLAN_BASELINE_VALUE, targeted_indicators
from .series import (
    best_figures,
    best_rates,
    crossed_bounds,
    firm_bounds,
    is_estimate,
    latest_published,
    latest_year,
    select_series,
)
from .trajectories import (
    MilestoneWarning,
    path_anchor,
    required_path,
    target_level,
    with_anchor,
)
from .views import departments_text, milestones_over

#: Status codes, best first; their Chinese and English labels live in ``labels``.
STATUSES = STATUS_CODES

GAP_COLUMNS = [
    "indicator_id", "name_zh", "name_en", "kind", "unit_zh", "section_zh", "section_en",
    "departments", "milestone_year", "target", "comparison", "plan_target", "baseline_year",
    "baseline_value", "plan_baseline_value",
    "baseline_source", "latest_year", "latest_value", "latest_status", "latest_source",
    "latest_origin", "expected_on_path", "expected_by_as_of", "progress_share",
    "time_share", "years_ahead", "growth_unit", "actual_cagr", "required_cagr", "required_to",
    "growth_ratio",
    "projected", "projected_lo_80", "projected_hi_80", "projected_lo_95", "projected_hi_95",
    "projected_gap", "projected_gap_pct", "p_meet", "forecast_method",
    "required_cagr_from_latest", "best_growth", "latest_growth", "ex_post", "ex_post_gap",
    "status",
    "status_zh", "status_en", "as_of",
]  # fmt: skip


def classify(
    ratio: float,
    *,
    on_track: float = config.ON_TRACK_RATIO,
    needs_acceleration: float = config.NEEDS_ACCELERATION_RATIO,
) -> str:
    """Grade a growth ratio R = actual / required (Eurostat thresholds by default)."""
    if ratio is None or not math.isfinite(ratio):
        return "insufficient_data"
    if ratio >= on_track:
        return "on_track"
    if ratio >= needs_acceleration:
        return "needs_acceleration"
    if ratio >= 0:
        return "insufficient_progress"
    return "moving_away"


def check_statuses(frame: pd.DataFrame, what: str = "gaps") -> None:
    """Refuse status codes that are not ``STATUS_CODES`` (a misspelt "on-track" used to be
    drawn as "insufficient data" by one view and crash another). Missing ones pass."""
    if "status" not in frame.columns:
        return
    unknown = sorted(set(frame["status"].dropna().astype(str)) - set(STATUS_CODES))
    if unknown:
        raise ValueError(f"{what} hold unknown status code(s) {unknown}; expected one of "
                         f"{list(STATUS_CODES)}")  # fmt: skip


def meets(value: float, target: float, comparison: str = ">=") -> bool:
    """Whether ``value`` meets ``target`` under ``comparison`` (">=", ">", "<=" or "<")."""
    if comparison not in (">=", ">", "<=", "<"):
        raise ValueError(f"comparison must be one of '>=', '>', '<=', '<', got {comparison!r}")
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
    }[comparison]


def annual_rate(v0: float, v1: float, years: float, *, mode: str) -> float:
    """Average yearly change from ``v0`` to ``v1`` over ``years``.

    ``mode="compound"`` gives the compound growth rate (fraction; NaN if the start is not
    positive or the end is negative; a fall to 0 is -1, the whole of it gone),
    ``mode="increment"`` the constant yearly increment in the value's unit.
    """
    if mode not in ("compound", "increment"):
        raise ValueError(f"mode must be 'compound' or 'increment', got {mode!r}")
    if years <= 0:
        return np.nan
    if mode == "compound":
        return (v1 / v0) ** (1 / years) - 1 if v0 > 0 and v1 >= 0 else np.nan
    return (v1 - v0) / years


def growth_mode(kind: str) -> tuple[str, str]:
    """How an indicator kind's growth is measured: (mode, unit label)."""
    from .registry import KINDS

    if kind not in KINDS:  # an unknown kind used to be measured as a stock
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if kind in ("share",):
        return "increment", "pp/yr"
    if kind in ("cumulative", "flow"):
        return "increment", "units/yr"
    return "compound", "%/yr"


def best_growth(y: pd.Series, *, mode: str, comparison: str = ">=") -> float:
    """Best annualised change between consecutive observations of a series (NaN if < 2).

    Best for the target: the largest change for a floor (``comparison`` ">=" or ">"), the
    smallest (the steepest fall) for a ceiling ("<=" or "<"), whose best year is the one
    that brought the figure down most.
    """
    if len(y) < 2:
        return np.nan
    years = np.diff(y.index.to_numpy(dtype=float))
    rates = [
        annual_rate(a, b, n, mode=mode)
        for a, b, n in zip(y.values[:-1], y.values[1:], years, strict=True)
    ]
    rates = [r for r in rates if np.isfinite(r)]
    if not rates:
        return np.nan
    return min(rates) if comparison in ("<=", "<") else max(rates)


def latest_growth(y: pd.Series, *, mode: str) -> float:
    """Annualised change between a series' last two observations (NaN if < 2): the pace the
    series has now, beside its average since the baseline and its best year."""
    if len(y) < 2:
        return np.nan
    years = float(y.index[-1]) - float(y.index[-2])
    return annual_rate(float(y.iloc[-2]), float(y.iloc[-1]), years, mode=mode)


#: A short series' forecast whose implied yearly change is this many times its best year, or
#: this many times slower than its average pace, is said to part from the series' course.
OUTRUN_FACTOR = 1.5


def toward(comparison: object) -> int:
    """Which way is toward a target read with ``comparison``: -1 for a ceiling ("<=", "<",
    or "≤" as a table prints it), else +1."""
    return -1 if str(comparison) in ("<=", "<", "≤") else 1


def forecast_caveat(row) -> tuple[str, float] | None:
    """Whether a target row's forecast parts from the series' own course, and how.

    The reference-class distribution carries a series of 2-6 figures toward the typical
    growth of its reference class (6.2 %/yr by default), so its median can run far ahead of
    anything the series has done (a share that never gained more than 0.8 points a year,
    forecast to gain 2.4: "needs acceleration", yet 62 % likely), far behind its own average
    pace, or upward for a series that has not risen in any year (a share falling 1.44, 1.40,
    1.36 forecast at 1.46 and 52 %). Planners should read such a probability as the
    reference class's more than the series'.

    Parameters
    ----------
    row : mapping
        A :func:`gap_assessment` row (``forecast_method``, ``kind``, ``status``,
        ``comparison``, ``projected``, ``latest_value``, ``latest_year``, ``milestone_year``,
        ``best_growth``, ``actual_cagr``, ``latest_growth``). It lags when its implied
        yearly change is ``OUTRUN_FACTOR`` times slower than both the average pace since the
        baseline and the pace between the last two figures (where known).

    A ceiling ("<=") is read the other way round: its best year is its steepest fall; a
    series that has fallen every year, forecast to rise, lags its own pace ("lagging_fall"),
    and one forecast to fall though it has not fallen in any year is "never_fell".

    Returns
    -------
    (str, float) or None
        ``("never_rose" | "outrunning" | "lagging", implied yearly change)`` in the row's
        growth unit (for a ceiling ``"never_fell" | "outrunning_fall" | "lagging_fall"``), or
        None: another method, a yearly flow, a target already achieved or missed, or a
        forecast in line. A ``growth_rate`` target is read on its level series, as its
        status is (R&D spending 54.03 → 59.6 → 65.5, +10.1 %/yr, forecast at +6.5 %/yr:
        "lagging"; it had been skipped as if its series were a rate, and "on track, 32 %"
        was printed with no word of why, found by the statistician's review).
    """

    def ok(*values) -> bool:
        return all(isinstance(v, int | float | np.number) and np.isfinite(v) for v in values)

    if (
        row.get("forecast_method") not in REFERENCE_METHODS
        or row.get("kind") == "flow"
        or row.get("status") in ("achieved", "missed")  # no outlook is said for these
    ):
        return None
    sign = toward(row.get("comparison", ""))
    projected, latest, best = row.get("projected"), row.get("latest_value"), row.get("best_growth")
    if not ok(projected, latest, best, row.get("latest_year"), row.get("milestone_year")):
        return None
    years = int(row["milestone_year"]) - int(row["latest_year"])
    if years <= 0:
        return None
    implied = annual_rate(float(latest), float(projected), years, mode=growth_mode(row["kind"])[0])
    if not ok(implied):
        return None
    # a ceiling's codes say "fall": its words differ ("a steeper fall than its steepest
    # year", not "faster than its best year")
    never, fall = ("never_rose", "") if sign > 0 else ("never_fell", "_fall")
    if sign * best <= 0:  # never moved toward the target: a forecast that does is the
        return (never, float(implied)) if sign * implied > 0 else None  # reference class's
    if sign * implied > OUTRUN_FACTOR * sign * best:
        return f"outrunning{fall}", float(implied)
    pace = row.get("actual_cagr")  # the average since the baseline
    now = row.get("latest_growth")  # and the pace between the last two figures
    slower_now = not ok(now) or sign * implied < sign * now / OUTRUN_FACTOR
    if ok(pace) and sign * pace > 0 and sign * implied < sign * pace / OUTRUN_FACTOR and slower_now:
        # 80 additions a year so far, forecast 40; not a forecast at the latest year's pace
        # (+6.85 %/yr after +5.4 and +6.8 %, "lagging" the +11.9 % of a jump in 2020-22:
        # the statistician's review)
        return f"lagging{fall}", float(implied)
    return None


def years_ahead(path: pd.Series, value: float, year: int, *, log: bool = False) -> float:
    """Time distance: the (fractional) year the path reaches ``value``, minus ``year``.

    Positive means the indicator is ahead of the required path. The path is interpolated
    linearly between its yearly points and extended at both ends with its end slopes; with
    ``log`` (a compounding path, all values and ``value`` above 0) in logs, so between two
    years it compounds as the path does (1,258 firms on the path 905 → 1,300 at +12.8 % a
    year lies 2.728 years from 2020, not the 2.716 a straight line between 2022 and 2023
    gives). A path that turns (100 → 130 → 120) reaches a level twice and gives NaN; on a flat
    stretch the distance is to its nearest year.
    """
    years = path.index.to_numpy(dtype=float)
    vals = path.to_numpy(dtype=float)
    if log and value > 0 and len(vals) and (vals > 0).all():
        vals, value = np.log(vals), float(np.log(value))
    if len(vals) < 2 or np.allclose(vals, vals[0]):
        return np.nan
    steps = np.diff(vals)
    if (steps > 0).any() and (steps < 0).any():  # a path that turns (100 → 130 → 120) reaches
        return np.nan  # a level twice: no one year says how far ahead a figure is
    if vals[-1] < vals[0]:
        vals, value = -vals, -value
    at = np.flatnonzero(np.isclose(vals, value, rtol=1e-12, atol=0.0))
    if at.size:  # on a point of the path, or a flat stretch of it (a level held for years):
        # the nearest year it stands there (interpolating over a flat stretch gave none)
        return float(np.clip(year, years[at[0]], years[at[-1]]) - year)
    if vals[0] < value < vals[-1]:
        i = int(np.searchsorted(vals, value, side="left"))  # between two distinct points
        t = years[i - 1] + (value - vals[i - 1]) / (vals[i] - vals[i - 1]) * (
            years[i] - years[i - 1])  # fmt: skip
        return float(t - year)
    if value <= vals[0] or value >= vals[-1]:  # beyond the path: extend its end slope
        i = 0 if value <= vals[0] else -2
        slope = (vals[i + 1] - vals[i]) / (years[i + 1] - years[i])
        if slope == 0:  # a flat end (a level to hold) never reaches another value
            return np.nan
        end = 0 if i == 0 else -1
        t = years[end] + (value - vals[end]) / slope
    else:
        t = float(np.interp(value, vals, years))
    return float(t - year)


def bounds_for(indicator: pd.Series) -> tuple[float | None, float | None]:
    """Value bounds of an indicator: shares 0-100, year-on-year rates free, the rest >= 0."""
    if indicator["kind"] == "share":
        return (0.0, 100.0)
    if indicator["unit_zh"] == "%":
        return (None, None)
    return (0.0, None)


def _fc_for(
    forecasts: pd.DataFrame | None, indicator_id: str, indicator: pd.Series | None = None
) -> pd.DataFrame | None:
    """One indicator's forecast, indexed by year: the latest origin's, when the frame holds
    several (vintages); exact duplicate rows count once. With the indicator's registry row
    (``indicator``) the frame carries its bounds (:func:`bounds_for`): a tidy frame forgets
    them, and a share had a chance of 100.5 %.

    Raises
    ------
    ValueError
        When the latest origin still holds several rows for a year (several methods, or
        conflicting rows): which one to assess is the caller's choice.
    """
    if forecasts is None or forecasts.empty:
        return None
    fc = forecasts[forecasts["indicator_id"] == indicator_id]
    if fc.empty:
        return None
    if "as_of" in fc.columns and fc["as_of"].nunique() > 1:
        fc = fc[fc["as_of"] == fc["as_of"].max()]
    fc = fc.drop_duplicates()
    if fc["year"].duplicated().any():
        methods = sorted(map(str, fc["method"].unique())) if "method" in fc.columns else []
        raise ValueError(
            f"the forecasts of {indicator_id} hold several rows for one year at origin "
            f"{fc['as_of'].max() if 'as_of' in fc.columns else '?'} (methods {methods}); "
            "pass one method's rows"
        )
    out = fc.set_index("year").drop(columns=["indicator_id"], errors="ignore")
    out.attrs = {}  # not the attrs a tidy frame may carry from one of its forecasts
    out.attrs["method"] = str(fc["method"].iloc[0]) if "method" in fc else ""
    # prob_meeting/quantile_at read the distribution on the scale the forecast was made on
    out.attrs["scale"] = "log" if out.attrs["method"] in LOG_SCALE_METHODS else "level"
    if indicator is not None:
        out.attrs["bounds"] = bounds_for(indicator)
    return out


def assess_milestone(
    indicator: pd.Series,
    target: pd.Series,
    y: pd.Series,
    path: pd.Series,
    *,
    anchor,
    fc: pd.DataFrame | None = None,
    assessed_in: int | None = None,
    milestones=(),
    on_track: float = config.ON_TRACK_RATIO,
    needs_acceleration: float = config.NEEDS_ACCELERATION_RATIO,
) -> dict:
    """Assess one indicator against one milestone; returns one row of the gap table.

    Parameters
    ----------
    indicator : Series
        Registry row.
    target : Series
        Target row (``year``, ``value``, ``comparison``).
    y : Series
        The indicator's annual series up to the vintage (``series.select_series``).
    path : Series
        Required path values by year (may be empty).
    anchor : trajectories.Anchor or None
        Where the path starts (plan baseline, definition or first observation).
    fc : DataFrame, optional
        The indicator's forecast indexed by year (``mean, lo_80, …``).
    assessed_in : int, optional
        The year the data run to (the gap table's ``as_of``). A milestone before it whose
        own year's figure is missing is past and is not graded on earlier figures, as when
        the series itself has a later figure; one in that very year is not graded either
        but keeps its forecast of the year (:func:`_owed`). Both get ``ex_post ==
        "no_figure"``; a stock that met its target before keeps ``achieved``.
    milestones : iterable of int, optional
        The years of all the indicator's targets. Where the required path runs through an
        earlier one (1,300 firms by 2023 on the way to 1,500 by 2025), the pace is graded
        against the path's own pace from the baseline to the latest figure's year
        (``required_cagr``, ``required_to``), as ``expected_on_path`` and ``years_ahead``
        are read on that path; otherwise against the pace that reaches the target.
    """
    T, goal, comp = int(target["year"]), float(target["value"]), target["comparison"]
    kind = indicator["kind"]
    mode, unit = growth_mode(kind)
    # the plan's own figure of a target re-based onto a new definition (registry.PLAN_VALUE)
    plan = pd.to_numeric(pd.Series([target.get("plan_value")]), errors="coerce").iloc[0]
    row = {"milestone_year": T, "target": goal, "comparison": comp, "plan_target": plan,
           "growth_unit": unit}  # fmt: skip
    # a yearly flow's first figure is no baseline, and neither is a first figure from the
    # milestone's own year or later: it is the outcome ("12家（2025年）→ 10家" read as a
    # 2025 baseline of a 2025 target, and the landing page called it "baseline only")
    if anchor is not None and kind != "flow" and (anchor.source != "observation"
                                                  or anchor.year < T):  # fmt: skip
        row.update(baseline_year=anchor.year, baseline_value=anchor.value,
                   baseline_source=anchor.source)  # fmt: skip
        if anchor.source == "plan":  # the plan's own of a re-based one (PLAN_BASELINE_VALUE)
            row[PLAN_BASELINE_VALUE] = indicator.get(PLAN_BASELINE_VALUE, np.nan)
    # A yearly flow is judged on its latest year alone; every other kind against its anchor.
    usable = y[y.index <= T]
    if anchor is not None and kind != "flow":
        usable = usable[usable.index > anchor.year]
    if len(usable):
        row.update(latest_year=int(usable.index[-1]), latest_value=float(usable.iloc[-1]))
    # a stock whose latest figure meets its target has achieved it before the milestone (with
    # no plan baseline and no figure after it, the path's first figure is the latest one)
    latest = row.get("latest_value")
    if latest is None and anchor is not None and anchor.source == "observation":
        latest = anchor.value if anchor.year <= T else None
    met_early = (
        kind not in ("growth_rate", "flow") and latest is not None and meets(latest, goal, comp)
    )
    gone = (y.index > T).any() or (assessed_in is not None and assessed_in > T)
    if T not in y.index and gone and not met_early:
        # the milestone year is over (the series or the data have moved past it) without its
        # own figure: a pace from earlier figures would grade a settled milestone (it read
        # "needs acceleration" at the final evaluation, and "on track" with a forecast for a
        # year three years gone); it stays open until that year's figure comes in
        row.update(status="insufficient_data", ex_post="no_figure")
        if kind != "flow" and "latest_year" in row and len(path):
            # where the path stood at the latest figure, as for a milestone the data have
            # just reached (one of two rows at the final evaluation said it)
            row["expected_on_path"] = float(path.get(row["latest_year"], np.nan))
        return _latest_at_anchor(row, anchor)
    # the data have just reached the milestone's year, but not this series: the year is over,
    # so its pace grades nothing ("on track" beside "very unlikely" for a 2025 target with
    # the returns run to 2025), but the forecast of that year is still the best word on it
    owed = T not in y.index and assessed_in == T
    through = any(anchor is not None and anchor.year < int(m) < T for m in milestones)
    row = _assessed(row, indicator, target, y, usable, path, anchor, fc, on_track,
                    needs_acceleration, through)  # fmt: skip
    if T not in y.index and gone and row.get("status") == "achieved":
        # met before a milestone year now past without its own figure: achieved, and that
        # year's figure owed, as the final evaluation's overview says (only the year the
        # data had just reached was marked)
        row["ex_post"] = "no_figure"
    return _owed(row, anchor) if owed else row


def _owed(row: dict, anchor) -> dict:
    """A milestone whose year the data have reached without its own figure: not graded
    (``insufficient_data``), its forecast of that year kept; a stock that met its target
    before keeps "achieved". Either way ``ex_post == "no_figure"``: the year's figure is
    owed, and its probability is said to be the forecast of a year gone by."""
    if row.get("status") != "achieved":
        row["status"] = "insufficient_data"
    row["ex_post"] = "no_figure"
    return _latest_at_anchor(row, anchor)


def _latest_at_anchor(row: dict, anchor) -> dict:
    """A row without a later figure shows the path's start as its latest figure when that is
    an observation by the milestone year (one figure, no plan baseline): R&D spending's one
    figure read "—" beside its baseline 54.03亿元（2021年）."""
    if "latest_value" not in row and anchor is not None and anchor.source == "observation":
        if anchor.year <= row["milestone_year"]:
            row.update(latest_year=anchor.year, latest_value=anchor.value)
    return row


def _assessed(
    row, indicator, target, y, usable, path, anchor, fc, on_track, needs_acceleration, through=False
):
    """:func:`assess_milestone` from the latest figure on: pace, status and outlook.

    ``through``: the required path runs through an earlier milestone, so the pace required
    by the latest figure's year is the path's (:func:`assess_milestone`)."""
    T, goal, comp = int(target["year"]), float(target["value"]), target["comparison"]
    kind = indicator["kind"]
    mode, _unit = growth_mode(kind)
    if not len(usable) or (anchor is None and kind != "flow"):
        row["status"] = _judged_at_anchor(row, anchor, kind)
        return row

    t, v = row["latest_year"], row["latest_value"]
    sign = toward(comp)
    if kind == "flow":
        actual, required = v, goal
        if goal and sign > 0:  # the year's figure against the year's target (a flow starts
            row["progress_share"] = v / goal  # from 0 each year); a ceiling is no way to go
    elif kind == "growth_rate":  # the target is an average growth rate in percent
        actual = annual_rate(anchor.value, v, t - anchor.year, mode="compound")
        required = goal / 100
        # progress toward the level the rate reaches by the milestone (54.03 亿元 at 10 %/yr
        # is 79.1 in 2025): the dashboard's bar and the workbook's share, as for any level
        needed = target_level(kind, goal, T, anchor)
        if np.isfinite(needed) and sign * (needed - anchor.value) > 0:
            row["progress_share"] = (v - anchor.value) / (needed - anchor.value)
        row["time_share"] = (t - anchor.year) / (T - anchor.year) if T > anchor.year else np.nan
    else:
        t0, v0 = anchor.year, anchor.value
        if mode == "compound" and v0 <= 0:  # no compound rate from 0 (a programme begun from
            # nothing: 0, 2, 5, 8 read "insufficient data" while ahead of its path): paces
            mode, row["growth_unit"] = "increment", "units/yr"  # in units a year
        actual = annual_rate(v0, v, t - t0, mode=mode)
        required = annual_rate(v0, goal, T - t0, mode=mode)
        on_path = (annual_rate(v0, float(path[t]), t - t0, mode=mode)
                   if through and t < T and t in path.index else np.nan)  # fmt: skip
        if sign * on_path > 0:
            # graded on the straight pace to 2025, 1,258 firms in 2023 read "on track" beside
            # a missed 2023 milestone and "target path: 1,300" (found by the statistician
            # review): the path through 1,300 asked for more by then. A path that asks for
            # no progress yet (an earlier target the baseline already meets) leaves the pace
            # that reaches the target: its 0 read as a level to hold
            required = on_path
            row["required_to"] = t
        if sign * (goal - v0) > 0:  # progress and time distance toward a target still ahead
            row["progress_share"] = (v - v0) / (goal - v0)
            if len(path):
                row["years_ahead"] = years_ahead(path, v, t, log=mode == "compound")
        row["time_share"] = (t - t0) / (T - t0) if T > t0 else np.nan
    if kind != "flow" and len(path):
        row["expected_on_path"] = float(path.get(t, np.nan))
    # A baseline that already meets the target leaves a level to hold, not a pace to grade:
    # a fall below a floor the baseline cleared has both changes negative, and their ratio
    # read "on track" (12 firms, then 9, against at least 10).
    hold = kind != "flow" and np.isfinite(required) and sign * required <= 0
    if kind == "flow" and sign < 0:  # a yearly ceiling: how far the year's figure is within it
        ratio = goal / v if v > 0 else np.nan
    else:
        ratio = (
            actual / required if np.isfinite(required) and required != 0 and not hold else np.nan
        )
    row.update(actual_cagr=actual, required_cagr=required, growth_ratio=ratio)
    row.setdefault("required_to", T)

    level = actual * 100 if kind == "growth_rate" else v  # in the target's terms
    met = meets(level, goal, comp)
    # A stock that reaches its target early has achieved it; a rate or a yearly flow only
    # counts in the milestone year itself.
    achieved = met and (t == T or kind not in ("growth_rate", "flow"))
    if achieved:
        row["status"] = "achieved"
    elif t == T:  # the milestone year's own figure is in and falls short: no grading of pace
        row["status"] = "missed"
    elif kind == "flow" and sign < 0:  # a yearly ceiling: within it, or over it
        row["status"] = "on_track" if met else "moving_away"
    elif hold and np.isfinite(actual):  # a level to hold: met, or which way it has left it
        row["status"] = (
            "on_track" if met else "moving_away" if sign * actual < 0 else "insufficient_progress"
        )
    else:
        row["status"] = classify(ratio, on_track=on_track, needs_acceleration=needs_acceleration)

    if t == T:
        row.update(ex_post="met" if met else "missed", ex_post_gap=level - goal, p_meet=float(met))
        if kind != "growth_rate":
            row.update(projected=v, projected_gap=v - goal)
    elif fc is not None and T in fc.index:
        from .forecast import prob_meeting  # heavy module: import only when used

        if kind == "cumulative":  # 100 reached, at least 100 by 2025 read "99 % to hold"
            fc = floored(fc, v)
        f = fc.loc[T]
        row.update(
            projected=float(f["mean"]), forecast_method=fc.attrs.get("method", ""),
            **{f"projected_{b}_{lv}": float(f[f"{b}_{lv}"]) for lv in config.LEVELS
               for b in ("lo", "hi") if f"{b}_{lv}" in f},
        )  # fmt: skip
        if kind == "growth_rate":
            # the forecast is a level: the target is met when the level has grown at the
            # target's average rate since the baseline, the end of the required path
            # (no level gap: the target is a rate, the projection an amount)
            needed = target_level(kind, goal, T, anchor)
            row["p_meet"] = prob_meeting(fc, T, needed, comp)
        else:
            row["projected_gap"] = row["projected"] - goal
            row["p_meet"] = prob_meeting(fc, T, goal, comp)
    if row.get("projected_gap") is not None and goal:
        row["projected_gap_pct"] = 100 * row["projected_gap"] / abs(goal)
    if T > t and kind != "flow":
        # a growth-rate target is reached at the level its rate leads to from the baseline
        # (R&D spending's 10 % a year: the page said where its path stood, not what growth
        # it still needs; found by the data-grows review)
        end = target_level(kind, goal, T, anchor) if kind == "growth_rate" else goal
        if end is not None and np.isfinite(end):
            row["required_cagr_from_latest"] = annual_rate(v, end, T - t, mode=mode)
    row["best_growth"] = (
        np.nan
        if kind == "flow"
        else best_growth(with_anchor(y, anchor), mode=mode, comparison=comp)
    )
    row["latest_growth"] = np.nan if kind == "flow" else latest_growth(with_anchor(y, anchor),
                                                                        mode=mode)  # fmt: skip
    return row


def _judged_at_anchor(row: dict, anchor, kind: str) -> str:
    """Status when the only figure is the path's own start, the first observation (no plan
    baseline): no pace to grade, but a stock already at its target has achieved it, and a
    first figure in the milestone year itself is met or missed. Fills ``row`` accordingly
    (that figure is also the latest one)."""
    # the one figure is the latest figure too, a rate's first figure included (R&D spending's
    # 54.03亿元 (2021) read "—" until the data reached 2025, then showed)
    _latest_at_anchor(row, anchor)
    if anchor is None or anchor.source != "observation" or kind in ("flow", "growth_rate"):
        return "insufficient_data"
    T, goal, comp = row["milestone_year"], row["target"], row["comparison"]
    if anchor.year > T:
        return "insufficient_data"
    met = meets(anchor.value, goal, comp)
    if not met and anchor.year < T:
        return "insufficient_data"
    if anchor.year == T:
        row.update(ex_post="met" if met else "missed", ex_post_gap=anchor.value - goal,
                   p_meet=float(met), projected=anchor.value, projected_gap=anchor.value - goal)  # fmt: skip
    return "achieved" if met else "missed"


def _with_latest_provenance(rows: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Add the status, source and origin (file, sheet, row) of each row's latest figure.

    The figure is the one the series rule chose for (indicator, home region, latest year).
    """
    cols = ["latest_status", "latest_source", "latest_origin"]
    if rows.empty or "latest_year" not in rows.columns:
        return rows.assign(**{c: "" for c in cols})
    from .observations import describe_origin

    home = observations[observations["region"] == config.HOME_REGION]
    best = best_figures(home, keys=("indicator_id", "year"))
    has_origin = "origin_file" in best.columns
    table = {
        (r["indicator_id"], int(r["year"])): (
            r["status"], r.get("source", ""),
            describe_origin(r["origin_file"], r["origin_sheet"], r["origin_row"])
            if has_origin else "",
        )
        for _, r in best.iterrows()
    }  # fmt: skip
    found = [
        table.get((i, int(y)), ("", "", "")) if pd.notna(y) else ("", "", "")
        for i, y in zip(rows["indicator_id"], rows["latest_year"], strict=True)
    ]
    return rows.assign(**{c: [f[k] for f in found] for k, c in enumerate(cols)})


def gap_assessment(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame,
    forecasts: pd.DataFrame | None = None,
    *,
    as_of: int | None = None,
    milestone_years: tuple[int, ...] = config.MILESTONE_YEARS,
    on_track: float = config.ON_TRACK_RATIO,
    needs_acceleration: float = config.NEEDS_ACCELERATION_RATIO,
) -> pd.DataFrame:
    """Assess every targeted indicator against each of its milestones.

    Parameters
    ----------
    indicators, targets, observations : DataFrame
        Registry and tidy observations.
    forecasts : DataFrame, optional
        Tidy forecasts (``indicator_id, year, method, mean, lo_80, …``) for the outlook.
    as_of : int, optional
        Vintage: only observations up to this year are used (default: all). The table's
        ``as_of`` column is this year, or without it the latest year of a Langfang figure
        of a targeted indicator (the year the landing page and the brief say the data run
        to; a context indicator's later figure, GDP growth, does not move it). A milestone
        in or before that year without its own year's figure is past: ``insufficient_data``
        with ``ex_post == "no_figure"``, not a grade from earlier figures (in that very year
        with its forecast of the year kept). Without ``as_of``, a milestone after that year
        that other series show to be over (:func:`views.milestones_over`: China's 2025
        figures are out while Langfang's stop in 2022) keeps its grade, which is as of the
        data year, and a graded one gets ``ex_post == "no_figure"`` too: its own figure is
        owed (the page said "on track" for 2023 with nothing in the row to say that year had
        ended: the planner's review). An ungraded one already says its data are wanting.
    milestone_years : tuple of int
        Milestones to assess (default 2023 and 2025, where the plan sets them).
    on_track, needs_acceleration : float
        Growth-ratio thresholds (defaults 0.95 and 0.6).

    Returns
    -------
    DataFrame
        One row per (indicator, milestone) with the columns of ``GAP_COLUMNS``; never
        raises for missing data: such rows get ``status == "insufficient_data"``.
    """
    as_of = None if as_of is None else as_year(as_of, "as_of")
    milestone_years = as_years(milestone_years, "milestone_years")
    for name, value in (("on_track", on_track), ("needs_acceleration", needs_acceleration)):
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite growth ratio, got {value!r}")
    if needs_acceleration > on_track:
        raise ValueError(f"needs_acceleration ({needs_acceleration}) must not exceed on_track "
                         f"({on_track}): a ratio between them would be both")  # fmt: skip
    targeted = observations[observations["indicator_id"].isin(targets["indicator_id"])]
    assessed_in = as_of if as_of is not None else latest_year(targeted)
    # an --as-of run looks back on purpose: the years after it are not over for it
    over = () if as_of is not None else milestones_over(observations, assessed_in, milestone_years)
    rows = []
    meta_cols = ["indicator_id", "name_zh", "name_en", "kind", "unit_zh", "section_zh",
                 "section_en", "departments"]  # fmt: skip
    cut = observations if as_of is None else observations[observations["year"] <= as_of]
    # a bound that is an estimate made before the year closed ("预计达到140亿元以上") is a
    # forecast, not a bound on the year's figure: it decides nothing
    bounds = firm_bounds(cut[cut["region"] == config.HOME_REGION])
    decided = {}  # (indicator, milestone) → the bound's observation row that settled it
    for _, ind in targeted_indicators(indicators, targets).iterrows():
        iid = ind["indicator_id"]
        own = targets[(targets["indicator_id"] == iid) & targets["year"].isin(milestone_years)]
        y = select_series(observations, iid, as_of=as_of, registry=indicators)
        anchor = path_anchor(ind, observations, as_of=as_of)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MilestoneWarning)
            p = required_path(ind, targets, observations, as_of=as_of)
        path = p.set_index("year")["value"] if not p.empty else pd.Series(dtype=float)
        fc = _fc_for(forecasts, iid, ind)
        for _, tgt in own.sort_values("year").iterrows():
            T = int(tgt["year"])
            bound = deciding_bound(ind, tgt, y, bounds,
                                   over=assessed_in is not None and T <= assessed_in or T in over)  # fmt: skip
            graded = y  # graded as if the milestone year had the bound that decides it
            if bound is not None:
                decided[(iid, T)] = bound
                graded = _with_figure(y, bound)
            row = assess_milestone(ind, tgt, graded, path, anchor=anchor, fc=fc,
                                   assessed_in=assessed_in, on_track=on_track,
                                   needs_acceleration=needs_acceleration,
                                   milestones=tuple(targets.loc[targets["indicator_id"] == iid,
                                                                "year"].astype(int)))  # fmt: skip
            row = _path_without_figure(row, ind, path, anchor, assessed_in)
            if bound is not None:
                row = _on_bound(row, bound)
            if (int(tgt["year"]) in over and int(tgt["year"]) not in graded.index
                    and row.get("status") != "insufficient_data"):  # fmt: skip
                row["ex_post"] = "no_figure"  # its year is over: the figure is owed
            rows.append({**{c: ind[c] for c in meta_cols}, **row})
    out = _with_latest_provenance(pd.DataFrame(rows), observations).reindex(columns=GAP_COLUMNS)
    out = _bound_provenance(out, decided)
    out["status_zh"] = out["status"].map(lambda c: status_label(c, "zh"))
    out["status_en"] = out["status"].map(lambda c: status_label(c, "en"))
    # departments as the other tables name them (the registry keeps the plan's traditional
    # spelling: 市工業和信息化局 here, 市工业和信息化局 in departments.csv and the workbook)
    out["departments"] = out["departments"].map(
        lambda d: departments_text(d, "zh") if isinstance(d, str) else d
    )
    out["as_of"] = assessed_in
    for col in ("baseline_year", "latest_year", "milestone_year", "required_to", "as_of"):
        out[col] = out[col].astype("Int64")
    return out


def deciding_bound(indicator: pd.Series, target: pd.Series, y: pd.Series,
                   bounds: pd.DataFrame, *, over: bool = True) -> dict | None:  # fmt: skip
    """The bound of the milestone year that decides a target its series has no figure of
    that year for, or None. A bound on the target's side that meets it settles it as met
    ("全市科技特派员1000余人" against at least 1,000; at most 3 % against a ceiling of 5 %);
    one on the other side that fails it settles it as missed (at most 900 against at least
    1,000). Either way the milestone is graded as if the year had that figure, and its
    outcome is provisional until the exact figure comes in (:func:`views.provisional_outcome`).
    A bound that decides nothing (at least 950 against at least 1,000) is only said
    (:func:`other_definition_figures`); so is any bound of a growth-rate target, whose target
    is a rate, not a level. At the final evaluation "1000余人" read "insufficient data …
    probability 37 %" beside the brief's "already known to be met" (the final-evaluation
    review). ``bounds``: the home region's bound observations (cut to the run's year).
    ``over``: whether the milestone year is over (the data's year has reached it, or other
    series hold its whole-year figures); during the year a bound decides nothing ("截至6月
    不超过8项" is no year's total). Bounds of one year that contradict each other (at least
    1,050 and at most 950) decide nothing either."""
    T, iid = int(target["year"]), indicator["indicator_id"]
    if (indicator["kind"] == "growth_rate" or T in y.index or pd.isna(target["value"])
            or not over):  # fmt: skip
        return None
    goal, comp = float(target["value"]), str(target["comparison"])
    floor = comp in (">=", ">")
    here = bounds[(bounds["indicator_id"] == iid) & (bounds["year"].astype(int) == T)]
    if crossed_bounds(here) is not None:
        return None  # at least 1,050 and at most 950: which to believe is for the checks
    for b in here.to_dict("records"):
        met = meets(float(b["value"]), goal, comp)
        if met == ((b["status"] == "lower-bound") == floor):  # met on its side, or failed
            return b
    return None


def _on_bound(row: dict, bound: dict) -> dict:
    """A row graded on a deciding bound, made an outcome whatever the grading could do
    without a figure to start from (a bound alone, "1000余人" and nothing before it, read
    "insufficient data" beside its own latest figure: the diff review), its paces between
    figures left out (they ran to the bound, a limit, and read as measured)."""
    T, goal, comp = int(row["milestone_year"]), float(row["target"]), str(row["comparison"])
    value = float(bound["value"])
    met = meets(value, goal, comp)
    out = {**row, "latest_year": T, "latest_value": value, "ex_post": "met" if met else "missed",
           "ex_post_gap": value - goal, "p_meet": float(met), "projected": value,
           "projected_gap": value - goal, "status": "achieved" if met else "missed",
           "projected_gap_pct": 100 * (value - goal) / abs(goal) if goal else np.nan}  # fmt: skip
    for col in (
        "best_growth",
        "latest_growth",
        "required_cagr_from_latest",
        "projected_lo_80",
        "projected_hi_80",
        "projected_lo_95",
        "projected_hi_95",
        "forecast_method",
    ):
        out.pop(col, None)
    return out


def _with_figure(y: pd.Series, bound: dict) -> pd.Series:
    """The series with the bound as its year's figure (for grading only)."""
    extra = pd.Series([float(bound["value"])], index=pd.Index([int(bound["year"])]))
    return pd.concat([y.astype(float), extra]).sort_index()


def _bound_provenance(rows: pd.DataFrame, decided: dict) -> pd.DataFrame:
    """The latest figure's status, source and origin of each milestone a bound decided: the
    bound's own (the series rule knows no bound, and left them empty)."""
    if not decided or rows.empty:
        return rows
    from .observations import describe_origin

    out = rows.copy()
    for (iid, year), b in decided.items():
        at = out.index[(out["indicator_id"] == iid) & (out["milestone_year"] == year)]
        origin = (describe_origin(b["origin_file"], b["origin_sheet"], b["origin_row"])
                  if "origin_file" in b and isinstance(b.get("origin_file"), str) else "")  # fmt: skip
        source = b.get("source")
        out.loc[at, ["latest_status", "latest_source", "latest_origin"]] = [
            b["status"], source if isinstance(source, str) else "", origin]  # fmt: skip
    return out


def _path_without_figure(row: dict, ind: pd.Series, path: pd.Series, anchor,
                         assessed_in: int | None) -> dict:  # fmt: skip
    """``row`` with ``expected_by_as_of``, the target path's level in the year the data run
    to, when the indicator has no figure after its baseline and the milestone is still
    ahead: where it should stand by now, the figure a department is asked to set its own
    against (9,259 tech SMEs in 2022 on the path from 8,796 to 10,000; the planner's review
    saw only "—" on every row without a figure). A latest figure that is the baseline itself
    is no figure after it (R&D spending's 54.03亿元 of 2021, the start of its path). A yearly
    flow has no path, nor has a target without a baseline."""
    if (
        anchor is None
        or ("latest_year" in row and int(row["latest_year"]) > anchor.year)
        or ind["kind"] == "flow"
        or assessed_in is None
        or not anchor.year < assessed_in < row["milestone_year"]
        or assessed_in not in path.index
    ):
        return row
    return {**row, "expected_by_as_of": float(path[assessed_in])}


#: Columns of :func:`flow_years`.
FLOW_YEAR_COLUMNS = ["indicator_id", "year", "target", "comparison", "value", "met"]


def flow_years(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    milestone_years=config.MILESTONE_YEARS,
    as_of: int | None = None,
) -> pd.DataFrame:
    """A yearly flow's targets of the years between milestones, each against its figure.

    The gap table judges the milestone years (2023, 2025); a flow such as "10 projects a
    year" has targets for 2021, 2022 and 2024 too, which nothing reported (a 2022 miss showed
    only as a dot on the chart). One row per such target year up to ``as_of`` (or the data's
    latest year), ``value`` NaN and ``met`` NA when its figure is missing.

    Returns
    -------
    DataFrame
        ``FLOW_YEAR_COLUMNS``, in registry then year order.
    """
    flows = indicators.loc[indicators["kind"] == "flow", "indicator_id"]
    last = as_of if as_of is not None else latest_year(observations)
    rows = []
    for iid in flows:
        own = targets[(targets["indicator_id"] == iid) & ~targets["year"].isin(milestone_years)]
        y = select_series(observations, iid, as_of=as_of, registry=indicators)
        for _, t in own.sort_values("year").iterrows():
            year = int(t["year"])
            if last is None or year > int(last):
                continue
            value = float(y[year]) if year in y.index else np.nan
            met = meets(value, float(t["value"]), t["comparison"]) if np.isfinite(value) else pd.NA
            rows.append({"indicator_id": iid, "year": year, "target": float(t["value"]),
                         "comparison": t["comparison"], "value": value, "met": met})  # fmt: skip
    return pd.DataFrame(rows, columns=FLOW_YEAR_COLUMNS)


#: Columns of :func:`rate_years`.
RATE_YEAR_COLUMNS = [
    "indicator_id", "year", "value", "status", "estimated", "target", "comparison", "met",
    "kept_as",
]  # fmt: skip


def rate_years(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int | None = None,
) -> pd.DataFrame:
    """The year-on-year growth figures held for a growth-rate target's indicator.

    A growth-rate target ("年均增长10%") is judged on its levels, and one level (54.03 in
    2021) judges nothing; the growth the city reported beside it ("2022年预计增长10%以上",
    kept under the indicator whose ``rate_of`` names it) said nothing anywhere. One row per
    home-region figure of such a growth indicator after the target's baseline year, up to
    ``as_of``: the series-grade figure of the year if there is one (revised before final
    before preliminary before estimate), else its bound; an estimated one is left out once
    the indicator's own levels of the year and the year before are held (final, revised or
    preliminary): they give the year's growth. ``met`` compares it with the
    target rate in force that year (the first milestone at or after it): NA where a bound
    cannot tell (at least 8 % against 10 %).

    Returns
    -------
    DataFrame
        ``RATE_YEAR_COLUMNS``; ``indicator_id`` is the target's indicator, in registry then
        year order; ``kept_as`` the growth indicator the figure is held under (its row in
        the observations: the brief's source list counts it).
    """
    from .registry import rate_links

    links = rate_links(indicators)
    if not links or observations.empty:
        return pd.DataFrame(columns=RATE_YEAR_COLUMNS)
    kinds = indicators.set_index("indicator_id")["kind"]
    baselines = indicators.set_index("indicator_id")["baseline_year"]
    home = observations[observations["region"] == config.HOME_REGION]
    if as_of is not None:
        home = home[home["year"].astype(int) <= int(as_of)]
    rows = []
    for target_id in indicators["indicator_id"]:
        own = targets[targets["indicator_id"] == target_id].sort_values("year")
        if own.empty or kinds.get(target_id) != "growth_rate":
            continue
        rates = [g for g, of in links.items() if of == target_id]
        figures = home[home["indicator_id"].isin(rates)]
        base = baselines.get(target_id)
        start = int(base) if pd.notna(base) else config.PLAN_BASE_YEAR
        best = best_rates(figures[figures["year"].astype(int) > start], keys=("year",))
        # the years whose growth the levels themselves give: a level held (not estimated) for
        # the year and the year before
        levels = home[home["indicator_id"] == target_id]
        held = set(
            levels.loc[levels["status"].isin(config.WHOLE_YEAR_STATUSES), "year"].astype(int)
        )
        for f in best.to_dict("records"):
            year, value = int(f["year"]), float(f["value"])
            if is_estimate(f) and {year - 1, year} <= held:
                # an estimate made before the year closed is outrun by the year's levels:
                # "≥10% (estimate)" still stood beside final levels that grew 8.8 % (the
                # officer's review); the levels grade the year
                continue
            later = own[own["year"].astype(int) >= year]
            t = (later if len(later) else own).iloc[0]
            goal, comparison = float(t["value"]), str(t["comparison"])
            met = meets(value, goal, comparison)
            floor = comparison in (">=", ">")
            if f["status"] == ("upper-bound" if floor else "lower-bound") and met:
                met = pd.NA  # at most 12 % against at least 10 %: either way
            elif f["status"] == ("lower-bound" if floor else "upper-bound") and not met:
                met = pd.NA  # at least 8 % against at least 10 %: either way
            estimated = is_estimate(f)
            rows.append({"indicator_id": target_id, "year": year, "value": value,
                         "status": f["status"], "estimated": estimated, "target": goal,
                         "comparison": comparison, "met": met,
                         "kept_as": f["indicator_id"]})  # fmt: skip
    return pd.DataFrame(rows, columns=RATE_YEAR_COLUMNS)


def other_definition_figures(observations: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """Milestones whose year has a home-region figure of another definition or a bound only.

    Such a figure never enters the series (it is not comparable, or not a value), so the
    milestone is judged without it; a reader must still hear that it exists (a 2025 share of
    5.2 % under a new definition sat only as a cross on a chart while the brief forecast
    2025; "more than 1,000 commissioners" against a target of 1,000 read "figure missing").

    Returns
    -------
    DataFrame
        ``indicator_id, milestone_year, value, status`` (``other-definition``,
        ``lower-bound`` or ``upper-bound``; one row per milestone, another definition first).
    """
    cols = ["indicator_id", "milestone_year", "value", "status"]
    kinds = ("other-definition", *config.BOUND_STATUSES)
    other = observations[observations["status"].isin(kinds)
                         & (observations["region"] == config.HOME_REGION)]  # fmt: skip
    if other.empty or gaps.empty:
        return pd.DataFrame(columns=cols)
    # of a new definition's figure published again (a final after a preliminary one, both
    # dated) the latest: the first-dated one was said (the diff review)
    other = latest_published(other, ["indicator_id", "year", "status"])
    own = best_figures(observations)
    own = own[own["region"] == config.HOME_REGION]
    held = set(zip(own["indicator_id"], own["year"], strict=True))
    # the comparison taken with its keys: joined by index label, a concat's repeated labels
    # gave a ceiling another target's comparison
    keys = gaps[[c for c in ("indicator_id", "milestone_year", "comparison") if c in gaps]]
    keys = keys.dropna(subset=["indicator_id", "milestone_year"])
    keys = keys.astype({"milestone_year": int})
    found = keys.merge(other.rename(columns={"year": "milestone_year"})[cols],
                       on=["indicator_id", "milestone_year"])  # fmt: skip
    keep = np.array([(i, y) not in held for i, y in zip(found["indicator_id"],
                                                       found["milestone_year"], strict=True)],
                    dtype=bool)  # fmt: skip
    found = found.loc[keep]  # rows, also when none is left (a list [] picked no columns)
    # one per milestone: another definition first, then the bound on the target's side (a
    # ceiling's upper bound settles it; its lower bound was kept and said nothing)
    ceiling = found.get("comparison", pd.Series("", index=found.index)).isin(["<=", "<"])
    side = np.where(ceiling, "upper-bound", "lower-bound")
    rank = np.where(found["status"] == "other-definition", 0,
                    np.where(found["status"] == side, 1, 2))  # fmt: skip
    found = found.assign(_r=rank).sort_values(["_r"], kind="stable")
    found = found.drop_duplicates(["indicator_id", "milestone_year"]).sort_index()
    return found[cols].reset_index(drop=True)


def reached_before(observations: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """Milestones not met by their latest figure whose series met the target in an earlier
    year after the baseline (a stock that reached 104 against 100 in 2023 and fell to 96 by
    2025): the brief said only that it grew too slowly. Floors only (``>=``, ``>``): the
    words say it "fell back".

    Returns
    -------
    DataFrame
        ``indicator_id, milestone_year, year, value``: the first year the target was met.
    """
    cols = ["indicator_id", "milestone_year", "year", "value"]
    rows = []
    for r in gaps.to_dict("records"):
        latest, goal = r.get("latest_value"), r.get("target")
        if (r.get("kind") in ("growth_rate", "flow") or pd.isna(latest) or pd.isna(goal)
                or r.get("comparison") not in (">=", ">")  # a floor: "fell back" below it
                or r.get("status") == "achieved" or meets(latest, goal, r["comparison"])):  # fmt: skip
            continue
        y = select_series(observations, r["indicator_id"])
        start = r.get("baseline_year")
        y = y[(y.index < r["latest_year"]) & (y.index <= r["milestone_year"])]
        if pd.notna(start):
            y = y[y.index > start]
        hit = [(int(t), float(v)) for t, v in y.items() if meets(float(v), goal, r["comparison"])]
        if hit:
            rows.append([r["indicator_id"], int(r["milestone_year"]), *hit[0]])
    return pd.DataFrame(rows, columns=cols)


def department_view(gaps: pd.DataFrame) -> pd.DataFrame:
    """One row per (department, indicator, milestone); a target with several departments
    counts for each of them.

    Departments are named in simplified Chinese whatever spelling the plan used (its text
    is traditional), so one department is one row in every roll-up, and come in the order
    the plan names them (:func:`labels.department_rank`: 市科技局 first). Within a department
    and milestone the targets keep the order of ``gaps`` (the plan's order; sorting them by
    their codes put 评价和转化科技项目 before 高新技术企业数量).
    """
    from .labels import department_label, department_rank, split_departments

    names = gaps["departments"].map(
        lambda text: [department_label(n, "zh") for n in split_departments(text)]
    )
    d = gaps.assign(department=names).explode("department")
    d = d[d["department"].notna()]
    cols = ["department", "indicator_id", "name_zh", "name_en", "milestone_year", "status",
            "status_zh", "status_en", "p_meet"]  # fmt: skip
    d = d.reindex(columns=cols).drop_duplicates(["department", "indicator_id", "milestone_year"])
    rank = department_rank(gaps["departments"])
    d = d.assign(_rank=d["department"].map(rank))
    d = d.sort_values(["_rank", "milestone_year"], kind="stable", ignore_index=True)
    return d.drop(columns="_rank")


def department_matrix(gaps: pd.DataFrame, *, milestone_year: int | None = None) -> pd.DataFrame:
    """Counts of targets by department (rows) and status (columns)."""
    d = department_view(gaps)
    if milestone_year is not None:
        d = d[d["milestone_year"] == as_year(milestone_year, "milestone_year")]
    m = pd.crosstab(d["department"], d["status"])
    # in the plan's order of departments (department_view's), not crosstab's sorted one
    return m.reindex(index=d["department"].unique(), columns=list(STATUSES), fill_value=0)


def plan_summary(gaps: pd.DataFrame) -> pd.DataFrame:
    """Counts of targets by milestone and status (all statuses listed, zeros included), the
    total, and ``provisional``: how many of the achieved and missed rest on a preliminary
    figure, an estimate or a deciding bound of the milestone year
    (:func:`views.provisional_outcome`; the page
    and the brief say "11, of which 4 provisional", and this table had said 11), split in
    ``achieved_provisional`` and ``missed_provisional`` (from "achieved 5, provisional 3"
    alone a reader took all three for achieved ones); then ``achieved_early``: achieved on a
    figure of a year before the milestone (:func:`views.achieved_early`), of which
    ``achieved_early_owed`` with the milestone year over and its figure owed (the status
    overview dots those too: "6 (4)" stood beside 3 provisional here, the planner's
    re-read); last ``rate_years_open``: how many of the achieved and missed are growth-rate
    grades that turn on an unreported earlier year's growth (:func:`views.rate_years_open`),
    as the page's counts and the brief's set them apart."""
    from .views import achieved_early, early_owed, provisional_outcome, rate_years_open

    m = pd.crosstab(gaps["milestone_year"], gaps["status"])
    m = m.reindex(columns=list(STATUSES), fill_value=0)
    m["total"] = m.sum(axis=1)
    provisional = [provisional_outcome(r) for r in gaps.to_dict("records")]
    interim = gaps.loc[provisional]
    for name, rows in (("provisional", interim),
                       *((f"{s}_provisional", interim[interim["status"] == s])
                         for s in ("achieved", "missed"))):  # fmt: skip
        counts = rows["milestone_year"].value_counts()
        m[name] = [int(counts.get(y, 0)) for y in m.index]
    records = gaps.to_dict("records")
    for name, test in (("achieved_early", achieved_early), ("achieved_early_owed", early_owed),
                       ("rate_years_open", rate_years_open)):  # fmt: skip
        rows = gaps.loc[[bool(test(r)) for r in records]]
        counts = rows["milestone_year"].value_counts()
        m[name] = [int(counts.get(y, 0)) for y in m.index]
    return m.reset_index()


def floored(fc: pd.DataFrame, floor: float) -> pd.DataFrame:
    """A copy of a forecast frame whose lower bound is at least ``floor``: a running total
    never falls below the total reached, but the tail read beyond the frame's widest end
    put about 1 % under it (``prob_meeting`` and ``quantile_at`` respect the bound)."""
    lo_b, hi_b = fc.attrs.get("bounds", (None, None))
    out = fc.copy()
    out.attrs["bounds"] = (floor if lo_b is None else max(lo_b, floor), hi_b)
    return out


def planning_levels(
    forecasts: pd.DataFrame,
    *,
    year: int,
    probs: tuple[float, ...] = (0.5, 0.8, 0.95),
    indicators: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
    assessment: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Levels each indicator reaches in ``year`` with the given probabilities.

    For planners drafting the next plan: a level read off here is a target met with that
    probability, given the trend so far (see ``forecast.quantile_at`` for the convention).
    An indicator meant to rise reaches the level *at least* (``comparison`` ">="); one meant
    to fall (``direction`` "decrease" in ``indicators``) stays *at most* at it ("<="): a
    ceiling met with that probability, read from the other tail (the at-least level of an
    indicator to bring down was a ceiling met with 20 % where it said 80 %).

    With ``observations``, a running total's levels are at least the total reached by the
    forecast's origin (:func:`floored`: its 99 % level read 85.8 after 100 were reached).

    With ``assessment`` (the :func:`gap_assessment` of the same forecasts), ``caveat`` holds
    the :func:`forecast_caveat` code of the indicator's latest milestone whose forecast parts
    from the series' own course ("lagging": the forecast runs far slower than the series' own
    average pace, so its levels lean on the reference class's typical growth), and
    ``caveat_zh``/``caveat_en`` say it in words, so that the file says what notebook 03's †
    says. When every milestone of the indicator is settled (achieved or missed: no open
    one speaks for the forecast), the code is read off the forecast to ``year`` itself
    (:func:`_planning_caveat`). Empty where the forecast is in line with the course, or
    without ``assessment``.

    Returns ``indicator_id, year, probability, comparison, level, as_of, caveat, caveat_zh,
    caveat_en``; ``as_of`` is the forecast's origin (:func:`forecast_origin`, the last year
    of figures it rests on; empty for a frame without origins), so a reader sees how far the
    levels reach beyond the figures. Indicators whose forecast does not reach ``year`` are
    left out.
    """
    from .forecast import quantile_at

    year = as_year(year, "year")  # "2030" used to match nothing, silently
    by_id = (pd.DataFrame(index=pd.Index([], name="indicator_id")) if indicators is None
             else indicators.drop_duplicates("indicator_id").set_index("indicator_id"))  # fmt: skip
    caveats, last_rows = {}, {}
    if assessment is not None and len(assessment):
        for row in assessment.sort_values("milestone_year").to_dict("records"):
            found = forecast_caveat(row)
            if found is not None:  # the latest milestone's code wins
                caveats[row["indicator_id"]] = found[0]
            last_rows[row["indicator_id"]] = row  # the latest milestone's row
    rows = []
    for iid in sorted(forecasts["indicator_id"].unique()):
        ind = by_id.loc[iid] if iid in by_id.index else None
        fc = _fc_for(forecasts, iid, ind)
        if year not in fc.index:
            continue
        origin = forecast_origin(forecasts, iid)
        if observations is not None and ind is not None and ind.get("kind") == "cumulative":
            from .series import select_series

            held = select_series(observations, iid, as_of=origin)
            fc = floored(fc, float(held.iloc[-1])) if len(held) else fc
        down = ind is not None and ind.get("direction") == "decrease"
        q = quantile_at(fc, year, [1 - p if down else p for p in probs])
        code = caveats.get(iid) or _planning_caveat(last_rows.get(iid), fc, year)
        words = {f"caveat_{lang}": label(f"landing.caveat.{code}", lang) if code else ""
                 for lang in ("zh", "en")}  # fmt: skip
        rows += [{"indicator_id": iid, "year": year, "probability": p,
                  "comparison": "<=" if down else ">=", "level": float(v),
                  "as_of": pd.NA if origin is None else origin, "caveat": code, **words}
                 for p, v in zip(probs, q.to_numpy(), strict=True)]  # fmt: skip
    out = pd.DataFrame(rows, columns=["indicator_id", "year", "probability", "comparison",
                                      "level", "as_of", "caveat", "caveat_zh", "caveat_en"])  # fmt: skip
    return out.astype({"as_of": "Int64"})


def _planning_caveat(row: dict | None, fc: pd.DataFrame, year: int) -> str:
    """:func:`forecast_caveat` of the forecast to ``year`` itself, for an indicator whose
    milestones are all settled (``row``: its latest milestone's assessment row): once the
    data reached 2025 every milestone was achieved or missed, no open one spoke for the
    forecast, and the 2030 levels lost their mark though their median still ran at half the
    series' own pace (the data-grows review). "" when in line or not judged."""
    if row is None or row.get("status") not in ("achieved", "missed") or year not in fc.index:
        return ""
    aimed = {**row, "status": None, "milestone_year": year,
             "projected": float(fc.loc[year, "mean"]),
             "forecast_method": fc.attrs.get("method") or row.get("forecast_method")}  # fmt: skip
    found = forecast_caveat(aimed)
    return found[0] if found is not None else ""


def forecast_origin(forecasts: pd.DataFrame | None, indicator_id: str) -> int | None:
    """The origin of an indicator's forecast (its latest ``as_of``: the last year of figures
    the forecast rests on, the one :func:`_fc_for` reads), None without one. The fan chart's
    shading and the planning table's note count the years checked from it."""
    if forecasts is None or "as_of" not in forecasts.columns:
        return None
    origin = forecasts.loc[forecasts["indicator_id"] == indicator_id, "as_of"].max()
    return int(origin) if pd.notna(origin) else None


def spread_share(total: float, k: int, n: int) -> float:
    """The ``k``-th of ``n`` years' part (1-based) of a ``total`` spread evenly over them, in
    whole units when the total is whole: a count of firms split into whole firms that add up
    to it (353 over 2021-2022 is 177 and 176), not 176.5 each, a half firm no count has;
    a fractional total is split evenly."""
    if n <= 0 or not 1 <= k <= n:
        raise ValueError(f"spread_share: year {k} of {n} is not in the span")
    if not np.isclose(total, round(total)):
        return total / n
    upto = [math.floor(total * j / n + 0.5) for j in (k - 1, k)]  # whole, rounded half up
    return float(upto[1] - upto[0])


def fiscal_exposure(
    observations: pd.DataFrame,
    forecasts: pd.DataFrame | None,
    params: pd.DataFrame,
    *,
    indicator_id: str = "high_tech_enterprises",
    years: range = range(config.PLAN_BASE_YEAR + 1, config.PLAN_END_YEAR + 1),
    as_of: int | None = None,
) -> pd.DataFrame:
    """Cost of the plan's 20万元 award for newly certified high-tech enterprises.

    Forecast years count the increase of the forecast's **median** path (its ``mean``
    column holds the median for the growth distribution of short series), not its
    expectation: a right-skewed forecast's expected cost is higher (1,537 firms median
    against about 1,640 mean in 2025 for 905 → 1,258). The 80 % columns give the range.

    New certifications are approximated by the yearly net increase of the stock of
    high-tech enterprises — not a strict lower bound: firms whose certificate lapses must be
    replaced and re-certifications (also awarded 20万元) are not observable here, but firms
    moving in whole (整体迁入, which the plan's clause supports otherwise) are in the net
    increase without being newly certified. Where the
    stock is known only every few years the increase is spread evenly over the gap, in whole
    firms (:func:`spread_share`: 353 over two years is 177 and 176, not 176.5); after
    the last observation it comes from the forecast. ``cum_new_firms`` counts from the base
    year, and so does its 80 % interval: the increase observed up to the last figure plus
    the forecast's range of the increase since then (clipped at zero; it used to leave out
    the observed part, so 395 stood as the upper end beside a cumulative 441), and so does
    the cumulative cost (``cum_cost_lo_80_wan``, ``cum_cost_hi_80_wan``). Costs are in
    万元. The city pays them: "對新認定的高新技術企業市級給予20萬元獎補" (``cost_city_wan`` is the
    whole cost, ``cost_county_wan`` 0). The 50/50 city-county split in the parenthesis after
    it is the re-certification award's (``hte_award_city_share``), which the data cannot
    count; it had been applied to new certifications too, halving the city's cost.
    """
    from .registry import fiscal_parameter

    award = fiscal_parameter("hte_award_new", params)
    city = 1.0  # "市級給予": the city gives the award for a new certification
    y = select_series(observations, indicator_id, as_of=as_of)
    # the status of each figure the increases rest on: a sum built on a 2025 estimate read
    # as money already owed (the e2e review)
    home = observations[(observations["indicator_id"] == indicator_id)
                        & (observations["region"] == config.HOME_REGION)]  # fmt: skip
    status = best_figures(home, keys=("year",)).set_index("year")["status"]
    fc = _fc_for(forecasts, indicator_id)
    rows = []
    last_year = int(y.index[-1]) if len(y) else None
    for t in years:
        row = {"year": t, "basis": "insufficient_data", "new_firms": np.nan}
        known = y[y.index < t]
        later = y[y.index >= t]
        if len(known) and len(later):
            (t0, v0), (t1, v1) = (known.index[-1], known.iloc[-1]), (later.index[0], later.iloc[0])
            row.update(
                new_firms=spread_share(max(v1 - v0, 0), t - t0, t1 - t0),
                basis="actual" if t1 - t0 == 1 else f"actual, spread over {t0 + 1}-{t1}",
                # the figures it rests on that are only preliminary or an estimate
                provisional="、".join(dict.fromkeys(
                    f"{int(yr)}:{status.get(yr)}" for yr in (t0, t1)
                    if status.get(yr) in PROVISIONAL)),
            )  # fmt: skip
        elif fc is not None and last_year is not None and t in fc.index:
            prev = y.iloc[-1] if t - 1 == last_year else fc.loc[t - 1, "mean"]
            row.update(new_firms=max(fc.loc[t, "mean"] - prev, 0), basis="forecast")
            base = y.iloc[-1]
            row.update(
                cum_new_lo_80=max(fc.loc[t, "lo_80"] - base, 0),
                cum_new_hi_80=max(fc.loc[t, "hi_80"] - base, 0),
            )
        rows.append(row)
    out = pd.DataFrame(rows).reindex(
        columns=["year", "basis", "provisional", "new_firms", "cum_new_lo_80", "cum_new_hi_80"]
    )
    out["provisional"] = out["provisional"].fillna("")
    out["cum_new_firms"] = out["new_firms"].cumsum()
    observed = out.loc[out["basis"] != "forecast", "new_firms"].sum()  # up to the last figure
    for col in ("cum_new_lo_80", "cum_new_hi_80"):
        out[col] = out[col] + observed
    out["cost_wan"] = out["new_firms"] * award
    out["cost_city_wan"] = out["cost_wan"] * city
    out["cost_county_wan"] = out["cost_wan"] * (1 - city)
    out["cum_cost_wan"] = out["cost_wan"].cumsum()
    # the range of the cumulative cost, as of the cumulative count (a forecast cost of
    # 12,640 万元 stood alone beside a count of 353-1,383 firms)
    out["cum_cost_lo_80_wan"] = out["cum_new_lo_80"] * award
    out["cum_cost_hi_80_wan"] = out["cum_new_hi_80"] * award
    return out
