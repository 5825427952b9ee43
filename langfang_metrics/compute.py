"""The suite's computations over the whole registry, as pure functions of DataFrames.

The pipeline and the notebooks call these same functions, so a notebook shows exactly what
the report contains.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import config
from ._checks import plan_year
from .errors import InsufficientDataError
from .gaps import bounds_for  # one rule for the forecasts and for reading them back
from .series import select_series

FORECAST_COLUMNS = ["indicator_id", "year", "method", "as_of", "mean", "lo_80", "hi_80", "lo_95",
                    "hi_95"]  # fmt: skip
#: ``known_by``: the day a vintage's figures were read as known on (``first_published``),
#: "" when they are read as known now: a statistician had to call the function to learn
#: which figures a vintage used (the end-to-end review).
VINTAGE_COLUMNS = ["indicator_id", "as_of", "known_by", "milestone_year", "mean", "lo_80",
                   "hi_80", "lo_95", "hi_95", "target"]  # fmt: skip
#: Forecasts run to the end of the next plan period, so planners drafting 2026-2030 targets
#: can read levels by probability (``gaps.planning_levels``).
FORECAST_END_YEAR = 2030
BACKTEST_HORIZON = 3
#: Years ahead of the suite's event backtests (``Results.events``, notebook 03's reliability
#: diagram and the probabilities' reading on the landing page and in the brief).
EVENT_HORIZON = 5
#: Columns of :func:`reference_anchors` (``reference_anchors.csv``).
ANCHOR_COLUMNS = ["indicator_id", "as_of", "method", "basis", "series_growth", "series_spread",
                  "growth", "spread", "regions_registered", "regions_with_figures",
                  "regions"]  # fmt: skip


def forecast_options(indicator: pd.Series) -> dict:
    """Keyword arguments of ``forecast`` for an indicator: its bounds, shares additive, and
    cumulative counts forecast through their yearly additions.

    Shares (percentages of a whole) grow in points, not by compounding, so their short-series
    distribution is the additive one (docs/forecasting.md). A cumulative count (additions
    since end-2020) is a running total: its yearly additions are what goes on, so they are
    forecast and summed (``cumulative``), and the total never falls. Forecast as a level it
    grew by the reference class's typical 6.2 % a year: 80, 170, 260, 350 firms added went
    on at +39 in 2025 instead of about +90, and a target of 400 read "about even" (0.47).
    """
    return {"bounds": bounds_for(indicator), "additive": bool(indicator["kind"] == "share"),
            "cumulative": bool(indicator["kind"] == "cumulative")}  # fmt: skip


def comparable_regions(regions: pd.DataFrame | None, region: str = config.HOME_REGION) -> list:
    """Registered regions at the same level as ``region`` (cities for a city), other than it.

    Their series of an indicator form the collection that anchors ``region``'s short-series
    probabilities (:func:`comparable_anchor`). Provinces and the country are aggregates of
    another kind and never count for a city. Sorted codes; empty without a registry.
    """
    if regions is None or region not in set(regions["region"]):
        return []
    levels = regions["level"].astype(str).str.strip().str.lower()
    level = levels[regions["region"] == region].iloc[0]
    same = (levels == level) & (regions["region"] != region)
    return sorted(regions.loc[same, "region"])


def comparable_anchor(
    observations: pd.DataFrame,
    regions: pd.DataFrame | None,
    indicator_id: str,
    upto: int,
    *,
    region: str = config.HOME_REGION,
) -> tuple:
    """Anchor of an indicator's series in the regions comparable to ``region``, up to a year.

    Parameters
    ----------
    observations : DataFrame
        Tidy observations; each comparable region's series is selected as the home series is
        (``series.select_series``: series-grade figures only, one per year).
    regions : DataFrame or None
        The region registry (``registry.load_regions``); see :func:`comparable_regions`.
    indicator_id : str
    upto : int
        Only years up to and including ``upto`` (the forecast origin) are used, so a
        backtest or vintage never sees later figures of other regions either.
    region : str, default the home region

    Returns
    -------
    (Anchor or None, int, int)
        ``forecast.collection_anchor`` of the comparable series and how many series informed
        its growth and its spread. The anchor is None (use the default) when neither count
        reaches ``MIN_COLLECTION`` (20); a component with too few series keeps the default's.
    """
    return peer_anchor(comparable_series(observations, regions, indicator_id, upto, region=region))


def peer_anchor(frames: list[pd.DataFrame]) -> tuple:
    """:func:`comparable_anchor` of the series :func:`comparable_series` gathered:
    ``(Anchor or None, n_growth, n_spread)``."""
    from ._forecast_core import MIN_COLLECTION
    from .forecast import collection_anchor

    if not frames:
        return None, 0, 0
    anchor, n_growth, n_spread = collection_anchor(pd.concat(frames), return_counts=True)
    if max(n_growth, n_spread) < MIN_COLLECTION:
        return None, n_growth, n_spread
    return anchor, n_growth, n_spread


def comparable_series(
    observations: pd.DataFrame,
    regions: pd.DataFrame | None,
    indicator_id: str,
    upto: int,
    *,
    region: str = config.HOME_REGION,
) -> list[pd.DataFrame]:
    """The comparable regions' series of an indicator up to ``upto``, one long frame
    (``series_id``, ``year``, ``value``) per region that has a series-grade figure."""
    others = comparable_regions(regions, region)
    if not others:
        return []
    obs = observations[(observations["indicator_id"] == indicator_id)
                       & observations["region"].isin(others)]  # fmt: skip
    frames = []
    for other in others:
        y = select_series(obs, indicator_id, region=other, as_of=upto)
        if len(y):
            frames.append(pd.DataFrame({"series_id": other, "year": y.index.to_numpy(),
                                        "value": y.to_numpy(dtype=float)}))  # fmt: skip
    return frames


def reference_for(
    observations: pd.DataFrame,
    regions: pd.DataFrame | None,
    indicator_id: str,
    *,
    region: str = config.HOME_REGION,
):
    """``reference=`` for the forecasts of one series: origin year -> anchor (None: default).

    :func:`comparable_anchor` cut at each origin, computed once per origin. Pass it to
    ``forecast.backtest``/``event_backtest``, or call it with the last year for ``forecast``.
    """
    cache: dict = {}

    def at(upto: int):
        if upto not in cache:
            cache[upto] = comparable_anchor(observations, regions, indicator_id, int(upto),
                                            region=region)[0]  # fmt: skip
        return cache[upto]

    return at


def with_baseline(y: pd.Series, indicator: pd.Series) -> pd.Series:
    """The series a forecast of ``indicator`` starts from: ``y``, with the start of its
    required path (``trajectories.path_anchor``: the plan's baseline in the registry; for a
    running total zero at end-2020 by definition) in front of its first figure.

    The gap table measures progress from that baseline, so the forecast starts there too. A
    cumulative count's first figure is already one yearly addition: without the zero, 80
    and 170 firms added in 2021 and 2022 were one addition (90) instead of two, and 80 alone
    gave no forecast. A stock whose plan baseline (8,796 in 2020) was not typed again into
    the returns had no forecast from one later figure (9,100 in 2021), while the same data
    with the baseline typed in had one. A yearly flow has no baseline (each year stands
    alone), a series that already holds the start year or has no figure, and one without a
    plan baseline, are returned as they are.
    """
    from .trajectories import path_anchor, with_anchor

    kind = str(indicator.get("kind", ""))
    planned = pd.notna(indicator.get("baseline_year")) and pd.notna(indicator.get("baseline_value"))
    if kind == "flow" or not len(y) or not (planned or kind == "cumulative"):
        return y
    return with_anchor(y, path_anchor(indicator))  # the plan's baseline, or a total's zero


def stands_apart_from_zero(y: pd.Series) -> bool:
    """Whether a series has a figure other than 0. One that has stayed at 0 has neither a
    pace nor a scale to forecast from: its band had no width, and a programme not yet begun
    (0 in 2021 and 2022) read "0 [0–0], 0 %, very unlikely", the surest verdict of any
    target, from two figures. It gets no forecast; its status still says how it stands."""
    return bool((pd.to_numeric(y, errors="coerce").fillna(0) != 0).any())


def home_series(observations: pd.DataFrame, indicators: pd.DataFrame, *, as_of=None) -> dict:
    """Annual series of every indicator observed in the home region (2+ points not needed)."""
    out = {}
    for iid in indicators["indicator_id"]:
        y = select_series(observations, iid, as_of=as_of, registry=indicators)
        if len(y):
            out[iid] = y
    return out


def forecast_all(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    as_of: int | None = None,
    method: str = "auto",
    end_year: int = FORECAST_END_YEAR,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Forecast every targeted home-region indicator with at least two annual observations.

    Context indicators (GDP, population, year-on-year rates) are left out: they have no
    target, and extrapolating a growth rate's trend is not a forecast a planner should read.

    Returns the tidy forecast frame (``FORECAST_COLUMNS``), one row per indicator and year
    from the year after its last observation to ``end_year``; ``method`` is the method
    actually used (a short series falls back to a simple method, see ``forecast``). With the
    region registry (``regions``), a short series' growth distribution is anchored to the
    same indicator in comparable regions up to its last year (:func:`comparable_anchor`).
    """
    from .forecast import forecast

    frames = []
    by_id = indicators.set_index("indicator_id")
    targeted = indicators[indicators["role"] == "target"]
    for iid, y in home_series(observations, targeted, as_of=as_of).items():
        y = with_baseline(y, by_id.loc[iid])
        if len(y) < 2 or int(y.index[-1]) >= end_year or not stands_apart_from_zero(y):
            continue
        ref = comparable_anchor(observations, regions, iid, int(y.index[-1]))[0]
        fc = forecast(y, end_year - int(y.index[-1]), method=method, levels=config.LEVELS,
                      reference=ref, **forecast_options(by_id.loc[iid]))  # fmt: skip
        frames.append(
            fc.reset_index().assign(
                indicator_id=iid, method=fc.attrs["method"], as_of=int(y.index[-1])
            )  # fmt: skip
        )
    if not frames:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    out = pd.concat(frames, ignore_index=True).loc[:, FORECAST_COLUMNS]
    out.attrs = {}  # one forecast's method, note and bounds are not the whole frame's
    return out


def backtest_all(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    as_of: int | None = None,
    regions: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rolling-origin backtests of every home-region series, and their accuracy by method.

    Short city series give few or no origins; the frames are then empty but keep their
    columns, so ``backtests.csv`` and ``accuracy.csv`` always have the same header. Each
    origin is anchored as :func:`forecast_all` anchors, with the comparable regions' figures
    up to that origin only (:func:`reference_for`).
    """
    from .forecast import accuracy, backtest

    bts, accs = [], []
    by_id = indicators.set_index("indicator_id")
    for iid, y in home_series(observations, indicators, as_of=as_of).items():
        y = with_baseline(y, by_id.loc[iid])
        bt = backtest(y, BACKTEST_HORIZON, min_train=3,
                      reference=reference_for(observations, regions, iid),
                      **forecast_options(by_id.loc[iid]))  # fmt: skip
        if not bt.empty:
            bts.append(bt.assign(indicator_id=iid))
            accs.append(summary_rows(accuracy(bt, y).reset_index()).assign(indicator_id=iid))
    if not bts:  # an origin-less backtest gives the column layout
        empty = backtest(pd.Series([1.0, 2.0], index=[2000, 2001]), BACKTEST_HORIZON)
        bts = [empty.assign(indicator_id=pd.Series(dtype=str))]
        accs = [accuracy(empty).reset_index().iloc[0:0].assign(indicator_id=pd.Series(dtype=str))]
    bt, acc = pd.concat(bts, ignore_index=True), pd.concat(accs, ignore_index=True)
    first = ["indicator_id"]
    return (bt.loc[:, first + [c for c in bt.columns if c not in first]],
            acc.loc[:, first + [c for c in acc.columns if c not in first]])  # fmt: skip


def summary_rows(acc: pd.DataFrame) -> pd.DataFrame:
    """A series' ``forecast.accuracy`` rows as a table shows them: the ``overall`` row only
    where it summarises several methods. A series scored by one method repeated that
    method's row as "all methods" with the same numbers, so the final-evaluation backtest
    table listed each Langfang series twice (the statistician's review)."""
    methods = acc["method"] != "overall"
    return acc if methods.sum() > 1 else acc[methods].reset_index(drop=True)


def series_backtest(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str,
    *,
    region: str = config.HOME_REGION,
    regions: pd.DataFrame | None = None,
    min_train: int = 3,
    horizon: int = BACKTEST_HORIZON,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rolling-origin backtest of one series and its accuracy, as :func:`backtest_all`
    runs them for the home series, for any region's (notebook 03 shows the national R&D
    series year by year: the Langfang ones are too short to show the method at work).

    Parameters
    ----------
    observations, indicators : DataFrame
        Tidy observations and the indicator registry (the indicator's bounds, and whether
        it is a share or a running total, as :func:`forecast_options` reads them).
    indicator_id, region : str
        The series.
    regions : DataFrame, optional
        The region registry: each origin is anchored to the comparable regions' figures up
        to it (:func:`reference_for`); without it, the default anchor.
    min_train : int
        Figures needed at an origin.
    horizon : int
        Years ahead.

    Returns
    -------
    (DataFrame, DataFrame)
        ``forecast.backtest`` rows and ``forecast.accuracy`` rows (``method`` a column), each
        with ``indicator_id`` and ``region`` first; no rows when no origin qualifies.
    """
    from .forecast import accuracy, backtest

    by_id = indicators.set_index("indicator_id")
    if indicator_id not in by_id.index:
        raise ValueError(f"series_backtest: {indicator_id!r} is not in the indicator registry")
    y = select_series(observations, indicator_id, region=region)
    options = forecast_options(by_id.loc[indicator_id])
    bt = backtest(y, horizon, min_train=min_train, **options,
                  reference=reference_for(observations, regions, indicator_id, region=region))  # fmt: skip
    acc = (summary_rows(accuracy(bt, y).reset_index()) if len(bt)
           else accuracy(bt).reset_index().iloc[0:0])  # fmt: skip

    def first(df: pd.DataFrame) -> pd.DataFrame:
        df = df.assign(indicator_id=indicator_id, region=region)
        keys = ["indicator_id", "region"]
        return df.loc[:, keys + [c for c in df.columns if c not in keys]]

    return first(bt), first(acc)


def first_published(observations: pd.DataFrame, indicator_id: str, year: int) -> str:
    """The day the vintage of ``year`` is read as known by: the day the home region's first
    series-grade figure of ``indicator_id`` for ``year`` was published, as the latest date
    its ``published`` text can mean (``observations.published_end``); "" when none of them
    is dated.

    A figure of the year without a date counts as out before every dated figure of the year
    and of later years: the vintage is then read the day before the first of those can mean
    (a final 1,258 undated beside its revision to 1,262 published 2024-03-15 had the
    revision's date taken for the year's first, and the revision in the 2022 vintage: the
    statistician's review); "" when none of those is dated either. An undated figure that
    succeeds a dated one of its year (a final beside its preliminary) came out after it
    (``observations.known_on``), so it is never the year's first: read the day before its
    preliminary, the vintage had neither and lost its own year.
    """
    import datetime as dt

    if "published" not in observations.columns:
        return ""
    from .observations import published_ends, published_start, succeeded_ends

    rows = observations[(observations["indicator_id"] == indicator_id)
                        & (observations["region"] == config.HOME_REGION)
                        & (observations["year"] >= year)
                        & observations["status"].isin(config.SERIES_STATUS_PRIORITY)]  # fmt: skip
    if "value" in rows.columns:  # a row without a number is no figure
        rows = rows[pd.to_numeric(rows["value"], errors="coerce").notna()]
    what = f"{indicator_id} ({year} or later)"
    ends = published_ends(rows["published"], what)
    after = succeeded_ends(rows, ends, rows, ends).ne("").to_numpy()
    own = (rows["year"] == year).to_numpy() & ~after
    if not own.any():
        return ""
    if (ends[own] != "").all():
        return min(ends[own])
    starts = [published_start(p) for p, e in zip(rows["published"], ends, strict=True) if e]
    if not starts:
        return ""
    return (dt.date.fromisoformat(min(starts)) - dt.timedelta(days=1)).isoformat()


def vintages(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    as_of: int | None = None,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """What the forecast said for each milestone at each data vintage.

    For every targeted indicator and milestone, and every vintage year from the second
    observation on, the forecast made with the data up to that year (``VINTAGE_COLUMNS``):
    as known now, or, when the inputs date the year's figures (``published``), as known
    the day its first figure came out (:func:`first_published`: a later revision of that
    year or an earlier one is left out, and the figure it revised counts; an undated figure
    of the year counts as out before every dated one);
    vintages at or after the milestone year are left out (the chart marks the milestone's
    actual figure instead, ``figures.milestone_figure``).
    ``target`` is a level: a growth-rate target compounded from its path's anchor
    (:func:`trajectories.target_level`), so it can sit beside the forecasts.
    Anchored as :func:`forecast_all`, with the comparable regions' figures up to the vintage.
    """
    from .forecast import forecast
    from .trajectories import path_anchor, target_level

    rows = []
    by_id = indicators.set_index("indicator_id")
    for _, tgt in targets[targets["year"].isin(config.MILESTONE_YEARS)].iterrows():
        iid, T = tgt["indicator_id"], int(tgt["year"])
        y = with_baseline(
            select_series(observations, iid, as_of=as_of, registry=indicators), by_id.loc[iid]
        )
        # a rate target (10 %/yr) as the level it asks for, the end of its required path
        ind = by_id.loc[iid].copy()
        ind["indicator_id"] = iid
        goal = target_level(ind["kind"], float(tgt["value"]), T,
                            path_anchor(ind, observations, as_of=as_of))  # fmt: skip
        ref = reference_for(observations, regions, iid)
        for k in range(2, len(y) + 1):
            part = y.iloc[:k]
            last = int(part.index[-1])
            if last >= T:
                continue
            known = first_published(observations, iid, last)
            if known:  # as known the day the year's first figure came out (real time)
                part = with_baseline(select_series(observations, iid, as_of=last, known_by=known,
                                                   registry=indicators), by_id.loc[iid])  # fmt: skip
            if len(part) < 2 or not stands_apart_from_zero(part):
                continue
            try:
                fc = forecast(part, T - last, reference=ref(last),
                              **forecast_options(by_id.loc[iid]))  # fmt: skip
            except InsufficientDataError:
                continue
            rows.append({"indicator_id": iid, "as_of": last, "known_by": known,
                         "milestone_year": T, **fc.loc[T].to_dict(), "target": goal})  # fmt: skip
    return pd.DataFrame(rows, columns=VINTAGE_COLUMNS)


def reference_anchors(
    forecasts: pd.DataFrame, observations: pd.DataFrame, regions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What each forecast's short-series probabilities were anchored to (``ANCHOR_COLUMNS``).

    One row per forecast indicator: its origin (``as_of``) and ``method``; ``basis``
    ``"comparable"`` when the same indicator in 20+ comparable regions gave the anchor,
    ``"default"`` otherwise; ``series_growth``/``series_spread`` how many comparable series
    informed its growth (2+ positive figures) and its spread (3+); ``growth``/``spread`` the
    anchor (the default's where not informed; growth is the typical annual **log** change);
    ``regions_registered`` the comparable regions in the registry, ``regions_with_figures``
    how many had a figure up to the origin and ``regions`` their codes (";"-joined), so a
    statistician sees which peers counted and which were left out. The anchor shapes only
    the reference-class methods (``growth``, ``growth_additive``: 2-6 points); for longer
    series the row is for the record.
    """
    from .forecast import DEFAULT_ANCHOR

    registered = len(comparable_regions(regions))
    rows = []
    for iid, fc in forecasts.groupby("indicator_id", sort=False):
        upto = int(fc["as_of"].iloc[0])
        frames = comparable_series(observations, regions, iid, upto)  # gathered once
        anchor, ng, ns = peer_anchor(frames)
        a = DEFAULT_ANCHOR if anchor is None else anchor
        peers = [f["series_id"].iloc[0] for f in frames]
        rows.append({"indicator_id": iid, "as_of": upto, "method": fc["method"].iloc[0],
                     "basis": "default" if anchor is None else "comparable",
                     "series_growth": ng, "series_spread": ns, "growth": a.growth,
                     "spread": a.spread, "regions_registered": registered,
                     "regions_with_figures": len(peers), "regions": ";".join(peers)})  # fmt: skip
    return pd.DataFrame(rows, columns=ANCHOR_COLUMNS)


@dataclass(frozen=True)
class Results:
    """Everything the report shows, computed once from the raw inputs.

    Frozen: a stage or notebook that wants other results makes them with
    ``dataclasses.replace`` (as :func:`at_vintage` does), so results already shown or saved
    are never changed under a reader. The tables themselves are pandas frames, which a
    reader should treat as read-only.
    """

    indicators: pd.DataFrame
    targets: pd.DataFrame
    observations: pd.DataFrame
    fiscal: pd.DataFrame
    as_of: int | None
    trajectories: pd.DataFrame = field(default=None)
    segments: pd.DataFrame = field(default=None)
    forecasts: pd.DataFrame = field(default=None)
    backtests: pd.DataFrame = field(default=None)
    accuracy: pd.DataFrame = field(default=None)
    vintages: pd.DataFrame = field(default=None)
    gaps: pd.DataFrame = field(default=None)
    departments: pd.DataFrame = field(default=None)
    summary: pd.DataFrame = field(default=None)
    planning: pd.DataFrame = field(default=None)
    fiscal_exposure: pd.DataFrame = field(default=None)
    missing: pd.DataFrame = field(default=None)
    #: The departments' notes on figures still owed (``datarequest.department_notes``).
    department_notes: pd.DataFrame = field(default=None)
    #: The suite's own event backtests of every series it holds (``forecast.suite_events``):
    #: how its probabilities have fared, read beside the targets' probabilities.
    events: pd.DataFrame = field(default=None)
    regions: pd.DataFrame = field(default=None)
    anchors: pd.DataFrame = field(default=None)
    #: Figures that load but look wrong (``observations.check_table``): still used, listed.
    checks: pd.DataFrame = field(default=None)
    #: The files that won conflicts between input files (``--prefer``), as outputs name them.
    prefer: tuple = ()
    #: The input files that gave figures, as outputs name them, before any ``as_of`` cut
    #: (the brief's rerun command names them all: a file of later years is still an input).
    inputs: tuple = ()
    #: ``run --known-by``: the day the figures are read as known on (ISO text), None when
    #: they are read as known now; the outputs say it is a reconstruction as of that day.
    known_by: str | None = None
    #: Of the figures read, those without a ``published`` date that the reconstruction
    #: counted as known on ``known_by`` (``observations.published_by``): said beside it.
    undated_known: int = 0
    #: Of the figures read, those without a ``published`` date of a year not over by
    #: ``known_by``, left out (a year's figure comes out after the year).
    undated_unfinished: int = 0
    #: Of the figures read, those without a ``published`` date of a year over, left out as
    #: succeeding a dated figure of their year published on ``known_by`` or later (a final
    #: does not come out before its preliminary: ``observations.KnownBy.after_earlier``).
    undated_after_earlier: int = 0


def compute_all(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame,
    fiscal: pd.DataFrame,
    *,
    as_of: int | None = None,
    regions: pd.DataFrame | None = None,
) -> Results:
    """Run every computation of the report in order and return the results.

    ``regions`` (the region registry) lets the forecasts anchor short series to comparable
    regions' figures (:func:`comparable_anchor`); without it every anchor is the default.
    """
    from . import coverage, gaps, trajectories
    from .datarequest import department_notes
    from .forecast import suite_events
    from .observations import check_table

    as_of = None if as_of is None else plan_year(as_of, "as_of")  # "2023" too, as the CLI
    obs = observations if as_of is None else observations[observations["year"] <= as_of]
    r: dict = {}
    if "origin_file" in observations.columns:
        r["inputs"] = tuple(sorted({str(f) for f in observations["origin_file"] if f}))
    known = observations.attrs.get("known_by")  # the figures known on a day (run --known-by)
    if known is not None:  # a file whose figures all came later is still one of the inputs
        r["inputs"] = tuple(sorted({*r.get("inputs", ()), *known.files}))
        r["known_by"], r["undated_known"] = known.date, known.undated
        r["undated_unfinished"] = known.unfinished
        r["undated_after_earlier"] = known.after_earlier
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", trajectories.MilestoneWarning)
        r["trajectories"] = trajectories.all_trajectories(indicators, targets, obs)
    r["segments"] = trajectories.all_segments(r["trajectories"], indicators, targets)
    r["forecasts"] = forecast_all(obs, indicators, regions=regions)
    r["anchors"] = reference_anchors(r["forecasts"], obs, regions)
    r["backtests"], r["accuracy"] = backtest_all(obs, indicators, regions=regions)
    r["events"] = suite_events(obs, EVENT_HORIZON, as_of=as_of, indicators=indicators,
                               regions=regions)  # fmt: skip
    r["vintages"] = vintages(obs, indicators, targets, regions=regions)
    r["gaps"] = gaps.gap_assessment(indicators, targets, obs, r["forecasts"], as_of=as_of)
    r["departments"] = gaps.department_view(r["gaps"])
    r["summary"] = gaps.plan_summary(r["gaps"])
    r["planning"] = gaps.planning_levels(r["forecasts"], year=FORECAST_END_YEAR,
                                         indicators=indicators, observations=obs,
                                         assessment=r["gaps"])  # fmt: skip
    r["fiscal_exposure"] = gaps.fiscal_exposure(obs, r["forecasts"], fiscal)
    r["missing"] = coverage.missing_figures(obs, indicators, targets, as_of=as_of)
    r["checks"] = check_table(obs, indicators, targets)
    results = Results(indicators, targets, obs, fiscal, as_of, regions=regions, **r)
    # the notes ride on the figures read (attrs), which the cut above need not keep
    return replace(results,
                   department_notes=department_notes(observations, coverage.owed_of(results)))  # fmt: skip


def at_vintage(results: Results, as_of: int) -> Results:
    """The results as they stood at an earlier vintage, from the same inputs already loaded.

    Everything is recomputed from ``results``' registry and observations cut at ``as_of``,
    so a notebook that shows an earlier vintage beside the run's never reads the input
    files again (a file replaced during the run cannot make the two disagree). The input
    files and ``--prefer`` winners are kept: they are the inputs of both.

    Raises
    ------
    ValueError
        If ``as_of`` is later than the vintage ``results`` already holds.
    """
    if results.as_of is not None and as_of > results.as_of:
        raise ValueError(
            f"as_of={as_of} is later than these results (as_of={results.as_of}): "
            "an earlier vintage can only drop figures"
        )
    r = compute_all(results.indicators, results.targets, results.observations, results.fiscal,
                    as_of=as_of, regions=results.regions)  # fmt: skip
    return replace(r, inputs=results.inputs, prefer=results.prefer,
                   known_by=getattr(results, "known_by", None),
                   undated_known=getattr(results, "undated_known", 0),
                   undated_unfinished=getattr(results, "undated_unfinished", 0),
                   undated_after_earlier=getattr(results, "undated_after_earlier", 0))  # fmt: skip


def save_results(results: Results, path) -> None:
    """Write ``results`` to ``path`` for :func:`load_results` (a pickle; the run reads it back).

    The main job's compute stage writes it into its staging folder so that the notebooks
    it executes show the very results of the run instead of computing them again.
    """
    import pickle

    with open(path, "wb") as fh:
        pickle.dump(results, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_results(
    observations_path=None, *, as_of: int | None = None, results_path=None, known_by=None
) -> Results:
    """The results a notebook starts from: computed here, or read from the run's file.

    Parameters
    ----------
    observations_path : path-like, optional
        Observations file (default ``data/raw/observations.csv``); used when computing.
    as_of : int, optional
        Vintage year: only observations up to it are used.
    known_by : str, optional
        A day (``2024-03-31``): only the figures published by then are used, as
        ``run --known-by`` uses them (``observations.published_by``).
    results_path : path-like, optional
        File written by :func:`save_results` in the same run (the main job passes it to the
        notebooks); without it everything is computed from the registry and observations.
        Only pass a file this suite wrote: it is a pickle.

    Returns
    -------
    Results
        Every chart drawn after it says the results' ``known_by`` day in its source line
        (``style.charts_known_by``), as the report's charts of such a run say it: the
        notebooks draw theirs with the plot functions from these results.

    Raises
    ------
    ValueError
        If the file holds no results, or results for another ``as_of`` vintage or another
        ``known_by`` day; for a ``known_by`` that is no date.
    """
    from .style import charts_known_by

    charts_known_by(None)  # results that fail to load leave no day of earlier ones behind
    results = _loaded_results(observations_path, as_of=as_of, results_path=results_path,
                              known_by=known_by)  # fmt: skip
    charts_known_by(getattr(results, "known_by", None))  # None: as known now, as drawn
    return results


def _loaded_results(observations_path, *, as_of, results_path, known_by) -> Results:
    """:func:`load_results` before its charts are told the day."""
    from .observations import known_by_date

    if results_path is not None:
        import pickle

        with open(results_path, "rb") as fh:
            results = pickle.load(fh)
        if not isinstance(results, Results):
            raise ValueError(f"{results_path}: not a results file written by save_results")
        if as_of != results.as_of:
            raise ValueError(
                f"{results_path}: results are for as_of={results.as_of}, asked for as_of={as_of}"
            )
        day = None if known_by is None else known_by_date(known_by)
        if day != getattr(results, "known_by", None):
            raise ValueError(f"{results_path}: results are for known_by="
                             f"{getattr(results, 'known_by', None)}, asked for known_by={day}")  # fmt: skip
        return results
    from .observations import load_observations, shown_path
    from .registry import load_fiscal_parameters, load_indicators, load_regions, load_targets

    # the figures as published by the day, cut where the run cuts them
    observations = load_observations(observations_path, known_by=known_by)
    results = compute_all(load_indicators(), load_targets(), observations,
                          load_fiscal_parameters(), as_of=as_of, regions=load_regions())  # fmt: skip
    if isinstance(observations_path, dict):  # the main job's inputs, --prefer included
        prefer = tuple(shown_path(Path(p)) for p in observations_path.get("prefer") or ())
        results = replace(results, prefer=prefer)
    return results


def results_digest(results: Results, fields=None) -> str:
    """Digest of the tables and values in ``results`` (same results, same digest).

    Parameters
    ----------
    results : Results
    fields : sequence of str, optional
        The fields to cover (default: every field).

    Tables are hashed by their columns, dtypes and ``pandas.util.hash_pandas_object`` of
    their rows and index; other fields by their ``repr``.
    """
    import dataclasses
    import hashlib

    names = [f.name for f in dataclasses.fields(results)] if fields is None else list(fields)
    h = hashlib.sha256()
    for name in names:
        value = getattr(results, name)
        h.update(name.encode() + b"\0")
        if isinstance(value, pd.DataFrame):
            h.update("|".join(f"{c}:{t}" for c, t in value.dtypes.items()).encode())
            h.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        else:
            h.update(repr(value).encode())
    return h.hexdigest()
