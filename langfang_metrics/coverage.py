"""Which figures we hold, and which are still missing, per indicator and year.

Two tidy views of the observations that the landing page, notebook 01, the workbook and the
departments' data requests share:

* :func:`coverage_matrix` — one row per (indicator, year): the best figure held for that year
  in the home region and its status, or ``"none"``;
* :func:`missing_figures` — the to-do list: every targeted indicator × plan year that has no
  series-grade figure (``config.SERIES_STATUS_PRIORITY``), with what we do hold (a bound, a
  part-year figure, another definition) and the departments the plan makes responsible;
* :func:`provisional_figures` — the cells whose figure is only preliminary or an estimate:
  it counts for now, and the final one is asked for too;
* :func:`suspect_figures` — the cells whose figure looks wrong: it counts, and the department
  is asked to confirm or correct it;
* :func:`by_department` — the same list with one row per responsible department.

A year needs no figure when the plan itself states the baseline for it, or when the indicator
is a cumulative addition (zero at end-2020 by definition).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from ._checks import as_year, as_years, not_whole_years
from .labels import (
    department_in,
    department_label,
    department_rank,
    label,
    split_departments,
)
from .registry import PLAN_SOURCE, targeted_indicators
from .series import publication_ends

#: Series-grade statuses that stand in for a figure still to come (``provisional_figures``).
PROVISIONAL = config.PROVISIONAL_STATUSES

#: Plan years whose figures the suite asks for (end-2020 baseline to the final milestone).
PLAN_YEARS = tuple(range(config.PLAN_BASE_YEAR, config.PLAN_END_YEAR + 1))

#: Every status a held figure can have, best first: series-grade ones, then the rest.
HELD_ORDER = config.SERIES_STATUS_PRIORITY + tuple(
    s for s in config.STATUSES if s not in config.SERIES_STATUS_PRIORITY
)
#: Cell status when nothing at all is held for an (indicator, year).
NONE = "none"
#: Cell status when the plan itself gives the figure (its end-2020 baseline), held as a
#: figure that cites the plan or as the registry's baseline alone.
PLAN_BASELINE = "plan-baseline"
#: Cell status of a running total's base year: 0 by definition, a figure no one states (it
#: was drawn as a plan baseline, and the plan's stated ones as "final": the planner's review).
ZERO_BASELINE = "zero-by-definition"

COVERAGE_COLUMNS = ["indicator_id", "year", "status", "value", "n_figures"]
MISSING_COLUMNS = [
    "indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "section_zh", "section_en",
    "year", "departments_zh", "departments_en", "held_status", "held_value", "held_source",
]  # fmt: skip


def _best_held(observations: pd.DataFrame, *, region: str, years) -> pd.DataFrame:
    """Best figure per (indicator, year) in ``region`` by ``HELD_ORDER``, with a count."""
    rank = {s: i for i, s in enumerate(HELD_ORDER)}
    obs = observations[observations["region"] == region]
    held = pd.to_numeric(obs["value"], errors="coerce").notna()  # a missing value is not held
    odd = held.to_numpy() & not_whole_years(obs["year"])  # "2021" is 2021, as in the series
    if odd.any():
        raise ValueError(f"observations hold the year {obs.loc[odd, 'year'].iloc[0]!s} for "
                         f"{obs.loc[odd, 'indicator_id'].iloc[0]}; expected a whole year")  # fmt: skip
    obs = obs[held].assign(year=pd.to_numeric(obs.loc[held, "year"]).astype("int64"))
    obs = obs[obs["year"].isin(list(years))]
    obs = obs.assign(_rank=obs["status"].map(rank).fillna(len(rank)), _end=publication_ends(obs))
    # of a figure's revisions the latest published is held (``series.publication_ends``)
    obs = obs.sort_values(["indicator_id", "year", "_rank", "_end"],
                          ascending=[True, True, True, False], kind="mergesort")  # fmt: skip
    counts = obs.groupby(["indicator_id", "year"]).size().rename("n_figures")
    best = obs.drop_duplicates(["indicator_id", "year"], keep="first")
    cols = ["indicator_id", "year", "status", "value", "source"]
    return best.loc[:, cols].merge(counts.reset_index(), on=["indicator_id", "year"])


def coverage_matrix(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    years=PLAN_YEARS,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Status of the best figure held for every indicator and year.

    Parameters
    ----------
    observations : DataFrame
        Tidy observations (``load_observations`` output).
    indicators : DataFrame
        Registry rows of the indicators to cover (their order is kept).
    years : iterable of int, default 2020-2025
        Columns of the picture.
    region : str, default ``"langfang"``
    as_of : int, optional
        Vintage: figures for later years are treated as not (yet) held.

    Returns
    -------
    DataFrame
        ``COVERAGE_COLUMNS``, one row per indicator × year in registry then year order.
        ``status`` is the best held status (``HELD_ORDER``), ``"plan-baseline"`` where the
        plan's own baseline gives the figure (the registry's alone, or a figure citing the
        plan), ``"zero-by-definition"`` for a running total's base year, or ``"none"``;
        ``value`` is NaN where no figure.
    """
    years = list(as_years(years, "years"))
    as_of = None if as_of is None else as_year(as_of, "as_of")
    held_years = [y for y in years if as_of is None or y <= as_of]
    best = _best_held(observations, region=region, years=held_years)
    grid = pd.MultiIndex.from_product(
        [indicators["indicator_id"].tolist(), years], names=["indicator_id", "year"]
    ).to_frame(index=False)
    out = grid.merge(best, on=["indicator_id", "year"], how="left")
    by_id = indicators.set_index("indicator_id")
    stated, bv = _plan_baseline(out, by_id)
    plan_base = out["status"].isna() & stated
    out.loc[plan_base, "status"] = PLAN_BASELINE
    out.loc[plan_base, "value"] = bv[plan_base]
    # the plan's baseline held as a figure that cites the plan is the plan's, not a
    # statistical office's final figure
    out.loc[stated & plans_own_figures(out["value"], out["source"], bv), "status"] = PLAN_BASELINE
    if "kind" in by_id.columns:  # a running total's base year: 0 by definition
        zero = (out["indicator_id"].map(by_id["kind"]).eq("cumulative") & plan_base
                & pd.to_numeric(bv, errors="coerce").eq(0))  # fmt: skip
        out.loc[zero, "status"] = ZERO_BASELINE
    out["status"] = out["status"].fillna(NONE)
    out["n_figures"] = out["n_figures"].fillna(0).astype("int64")
    return out.loc[:, COVERAGE_COLUMNS]


def deciding_cells(
    targets: pd.DataFrame, indicators: pd.DataFrame, gaps: pd.DataFrame | None = None
) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The (indicator, year) cells whose figures decide whether a target is met: its
    milestone years, and for a target of average yearly growth the plan's base year
    (``config.PLAN_BASE_YEAR``), whose level the growth is counted from. Returned as
    ``(milestones, bases)``: the lists of data still owed set both in bold (R&D spending's
    2020 figure, on which a miss or a success turns, stood unmarked among the others: the
    planner's review). With ``gaps`` (the gap table), a base year counts only for a target
    whose path starts after it (``baseline_year``): one whose 2020 level is derived from a
    reported 2021 growth is graded on the plan's years already (the diff review)."""
    milestones = {(str(i), int(y)) for i, y in zip(targets["indicator_id"], targets["year"],
                                                  strict=True)}  # fmt: skip
    kinds = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["kind"]
    rates = {str(i) for i in set(targets["indicator_id"]) if kinds.get(i) == "growth_rate"}
    if gaps is not None and {"indicator_id", "baseline_year"} <= set(gaps.columns):
        # dropped only where a row shows the path starting in the base year: a target with no
        # figure at all (no baseline year) still owes the base that decides it (the diff
        # review)
        start = pd.to_numeric(gaps["baseline_year"], errors="coerce")
        rates -= set(gaps.loc[start <= config.PLAN_BASE_YEAR, "indicator_id"].astype(str))
    bases = {(i, config.PLAN_BASE_YEAR) for i in rates}
    return milestones, bases - milestones


def missing_of(results) -> pd.DataFrame:
    """A run's missing figures (``results.missing``), computed for a results object made
    without them (its targeted indicators, up to its vintage)."""
    missing = getattr(results, "missing", None)
    return missing if missing is not None else _of_results(missing_figures, results)


def in_plan_order(frames: Sequence[pd.DataFrame], indicators: pd.DataFrame) -> pd.DataFrame:
    """Rows of cell tables (:func:`missing_figures`, :func:`provisional_figures`, ...) put
    together in the order a department reads them: registry order, then year."""
    order = {iid: i for i, iid in enumerate(indicators["indicator_id"])}
    out = pd.concat(list(frames), ignore_index=True)
    return out.sort_values(["indicator_id", "year"], kind="mergesort",
                           key=lambda c: c.map(order) if c.name == "indicator_id" else c
                           ).reset_index(drop=True)  # fmt: skip


def owed_of(results, finals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everything a run still asks of the departments: its missing figures, then (in plan
    order) the final figures owed for the preliminary figures and estimates it holds
    (``finals``: :func:`provisional_of`, computed when not given), as the brief and the
    request workbooks ask for them."""
    missing = missing_of(results)
    finals = provisional_of(results) if finals is None else finals
    if not len(finals):
        return missing
    return in_plan_order([missing, finals], results.indicators)


def provisional_of(results) -> pd.DataFrame:
    """A run's provisional figures (:func:`provisional_figures` of its targeted indicators,
    up to its vintage): the finals still owed."""
    return _of_results(provisional_figures, results)


def _of_results(table, results) -> pd.DataFrame:
    # the table keeps the targeted indicators itself (_targeted_cells), as compute relies on
    return table(results.observations, results.indicators, results.targets,
                 as_of=getattr(results, "as_of", None))  # fmt: skip


def missing_figures(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    years=PLAN_YEARS,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Targeted indicator × year cells without a series-grade figure: the data to collect.

    Parameters
    ----------
    observations, indicators, targets : DataFrame
        Tidy observations and the registry.
    years : iterable of int, default 2020-2025
    region : str, default ``"langfang"``
    as_of : int, optional
        Only years up to ``as_of`` are asked for (a vintage cannot owe later figures).

    Returns
    -------
    DataFrame
        ``MISSING_COLUMNS``, one row per missing cell in registry then year order; the
        ``held_*`` columns describe the best figure that is held but does not count (a bound,
        a part-year figure, another definition), empty where nothing is held. Department
        names are simplified Chinese and English.
    """
    by_id, years, cov = _targeted_cells(observations, indicators, targets, years, region, as_of)
    counts = cov["status"].isin(config.SERIES_STATUS_PRIORITY + (PLAN_BASELINE, ZERO_BASELINE))
    miss = cov[~counts & _owed(cov, by_id, targets)].reset_index(drop=True)
    return _to_collect(miss, observations, by_id, region=region, years=years)


def provisional_figures(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    years=PLAN_YEARS,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Targeted indicator × year cells whose figure is only preliminary or an estimate.

    Such a figure counts for now (it is series-grade), but it is later revised, and a
    milestone judged on it can flip (1,310 firms in 2023 as a preliminary count met 1,300;
    the revised 1,290 missed it). The data-collection loop therefore asks for the final
    figure too (:mod:`~langfang_metrics.datarequest`); :func:`missing_figures` does not
    list these cells, which are not missing.

    Returns
    -------
    DataFrame
        ``MISSING_COLUMNS`` as :func:`missing_figures`, the ``held_*`` columns describing
        the provisional figure, in registry then year order.
    """
    by_id, years, cov = _targeted_cells(observations, indicators, targets, years, region, as_of)
    # the plan's own baseline is what a baseline year is assessed against
    planned = _plan_baseline(cov, by_id)[0]
    wanted = cov["status"].isin(PROVISIONAL) & _owed(cov, by_id, targets) & ~planned
    return _to_collect(cov[wanted].reset_index(drop=True), observations, by_id, region=region,
                       years=years)  # fmt: skip


def suspect_figures(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    checks: pd.DataFrame | None = None,
    years=PLAN_YEARS,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Targeted indicator × year cells whose figure looks wrong (a check of
    :func:`observations.check_table` names it): it counts, so it is not missing, but the
    data-collection loop asks the department to confirm or correct it
    (:mod:`~langfang_metrics.datarequest`).

    Parameters
    ----------
    checks : DataFrame, optional
        :func:`observations.check_table` of ``observations`` (computed when not given).

    Returns
    -------
    DataFrame
        ``MISSING_COLUMNS`` as :func:`missing_figures`, the ``held_*`` columns describing
        the figure, ``check`` (its kind, :data:`observations.CHECK_KINDS`) and
        ``check_detail`` (what it found, in Chinese, with its figures; "" when not known), in
        registry then year order. Figures far apart with no majority are each asked for; a change of
        definition names no single figure and is left to the message of ``validate``.
    """
    from .observations import check_table, figures_to_verify

    checks = check_table(observations, indicators, targets) if checks is None else checks
    by_id, years, cov = _targeted_cells(observations, indicators, targets, years, region, as_of)
    kinds = figures_to_verify(checks, region)
    keys = list(zip(cov["indicator_id"], cov["year"], strict=True))
    wanted = pd.Series([k in kinds for k in keys], index=cov.index)
    wanted &= cov["status"].isin(config.SERIES_STATUS_PRIORITY) & _owed(cov, by_id, targets)
    cells = cov[wanted].reset_index(drop=True)
    out = _to_collect(cells, observations, by_id, region=region, years=years)
    out["check"] = [kinds[(i, int(y))] for i, y in zip(out["indicator_id"], out["year"],
                                                        strict=True)]  # fmt: skip
    # what the check found, with its figures ("比2021年的54.03亿元变化+76.6%，而同年报告的增速
    # 为10%…"): the request's red row gave the kind's words alone (the end-to-end review)
    details: dict[tuple[str, int], str] = {}
    if "detail_zh" in checks.columns:
        from .observations import check_years

        for iid, reg, yrs, said in zip(checks["indicator_id"], checks["region"],
                                       checks["years"], checks["detail_zh"], strict=True):  # fmt: skip
            if reg == region and isinstance(said, str) and said:
                for y in check_years(yrs):
                    details.setdefault((iid, y), said)
    out["check_detail"] = [details.get((i, int(y)), "") for i, y in
                           zip(out["indicator_id"], out["year"], strict=True)]  # fmt: skip
    return out


def _plan_baseline(cells: pd.DataFrame, by_id: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which (indicator, year) ``cells`` are a base year the plan states a figure for, and that
    figure (``by_id``: registry rows by indicator id)."""
    by = cells["indicator_id"].map(by_id["baseline_year"])
    bv = cells["indicator_id"].map(by_id["baseline_value"])
    return (by == cells["year"]) & bv.notna(), bv


def _owed(cov: pd.DataFrame, by_id: pd.DataFrame, targets: pd.DataFrame) -> pd.Series:
    """Cells of ``cov`` whose figure the plan needs: not a cumulative count's base year (zero
    by definition) nor a yearly flow's year before its first target (judged year by year)."""
    kind = cov["indicator_id"].map(by_id["kind"])
    zero_by_definition = kind.eq("cumulative") & (cov["year"] == config.PLAN_BASE_YEAR)
    first_target = targets.groupby("indicator_id")["year"].min()
    before_flow = kind.eq("flow") & (cov["year"] < cov["indicator_id"].map(first_target))
    return ~zero_by_definition & ~before_flow


def _targeted_cells(observations, indicators, targets, years, region, as_of):
    """``(targeted registry rows by id, years asked for, their coverage_matrix)``."""
    targeted = targeted_indicators(indicators, targets)
    years = [int(y) for y in years if as_of is None or int(y) <= as_of]
    cov = coverage_matrix(observations, targeted, years=years, region=region)
    return targeted.set_index("indicator_id"), years, cov


def plans_own_figures(values, sources, baseline) -> np.ndarray:
    """Which figures are the plan's own baseline: a source citing the plan
    (``registry.PLAN_SOURCE``) and the baseline's value (``baseline``: one value, or one per
    figure). The coverage grid and the trajectory charts name them "方案基期值"."""
    cites = pd.Series(sources).fillna("").astype(str).str.contains(PLAN_SOURCE).to_numpy()
    given = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    return cites & np.isclose(
        given, np.asarray(pd.to_numeric(baseline, errors="coerce"), dtype=float)
    )


def asked_departments(indicator) -> list[str]:
    """The departments asked for an indicator's figures: those that compile it
    (``data_from``: the statistics bureau for R&D spending), else the responsible ones."""
    given = indicator.get("data_from")
    return split_departments(given) or split_departments(indicator.get("departments"))


def _to_collect(cells, observations, by_id, *, region, years) -> pd.DataFrame:
    """``MISSING_COLUMNS`` rows for coverage cells (status and value of the figure held)."""
    held = _best_held(observations, region=region, years=years)
    miss = cells.merge(held.loc[:, ["indicator_id", "year", "source"]],
                       on=["indicator_id", "year"], how="left")  # fmt: skip
    ind = by_id.loc[miss["indicator_id"]]
    depts = ind.apply(asked_departments, axis=1) if len(ind) else ind["departments"].map(
        split_departments)  # fmt: skip
    out = pd.DataFrame({
        "indicator_id": miss["indicator_id"].to_numpy(),
        "name_zh": ind["name_zh"].to_numpy(), "name_en": ind["name_en"].to_numpy(),
        "unit_zh": ind["unit_zh"].to_numpy(), "unit_en": ind["unit_en"].to_numpy(),
        "section_zh": ind["section_zh"].to_numpy(), "section_en": ind["section_en"].to_numpy(),
        "year": miss["year"].to_numpy(dtype="int64"),
        "departments_zh": ["、".join(department_label(d, "zh") for d in ds) for ds in depts],
        "departments_en": ["; ".join(department_label(d, "en") for d in ds) for ds in depts],
        "held_status": miss["status"].where(miss["status"] != NONE, "").to_numpy(),
        "held_value": miss["value"].to_numpy(dtype=float),
        "held_source": miss["source"].fillna("").to_numpy(),
    })  # fmt: skip
    return out.loc[:, MISSING_COLUMNS]


def by_department(missing: pd.DataFrame, rank: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per (department, indicator) with the years it still owes.

    Parameters
    ----------
    missing : DataFrame
        :func:`missing_figures` output.
    rank : dict, optional
        Place of each department (simplified Chinese) in the plan's order
        (:func:`labels.department_rank` of the gap table's departments, so a page lists them
        as its other sections do); by default the first mention in ``missing``.

    Returns
    -------
    DataFrame
        ``department_zh, department_en, indicator_id, name_zh, name_en, years`` where
        ``years`` is a sorted tuple of int; a target with several departments appears under
        each. Sorted by department in the plan's order (one it does not rank after the
        others, by name), then registry order.
    """
    cols = ["department_zh", "department_en", "indicator_id", "name_zh", "name_en", "years"]
    if missing.empty:
        return pd.DataFrame(columns=cols)
    order = {iid: i for i, iid in enumerate(dict.fromkeys(missing["indicator_id"]))}
    d = missing.assign(
        department_zh=missing["departments_zh"].str.split("、"),
        department_en=missing["departments_en"].str.split("; "),
    ).explode(["department_zh", "department_en"])
    g = d.groupby(["department_zh", "department_en", "indicator_id", "name_zh", "name_en"],
                  sort=False)["year"]  # fmt: skip
    out = g.agg(lambda s: tuple(sorted(int(y) for y in s))).rename("years").reset_index()
    rank = department_rank(missing["departments_zh"]) if rank is None else rank
    out = out.assign(_o=out["indicator_id"].map(order),
                     _d=out["department_zh"].map(rank).fillna(len(rank)))  # fmt: skip
    out = out.sort_values(["_d", "department_zh", "_o"], kind="mergesort")
    out = out.drop(columns=["_o", "_d"])
    return out.loc[:, cols].reset_index(drop=True)


def input_files(observations: pd.DataFrame, *, region: str = config.HOME_REGION) -> list[str]:
    """The input files behind a region's figures, as a source line names them.

    Files inside the project keep their project path (``data/raw/observations.csv``); others
    are named by their file name alone (a user's folder is no part of a publication).
    """
    if "origin_file" not in observations.columns or observations.empty:
        return []
    files = observations.loc[observations["region"] == region, "origin_file"]
    return sorted({published_name(f) for f in files if f})


def published_name(file: str) -> str:
    """How a publication names an input file: its project path when inside the project
    (recorded relative), its file name alone otherwise (a user's folder is no part of a
    publication)."""
    return Path(file).name if Path(file).is_absolute() else str(file)


def published_names(files: Sequence[str]) -> dict[str, str]:
    """:func:`published_name` of each file, with as many of its folders as tell apart files
    of one name (returns of a second round keep their names: ``ret/数据征集表_市科技局.xlsx``
    and ``ret3/数据征集表_市科技局.xlsx``, not the same name twice)."""
    files = list(dict.fromkeys(str(f) for f in files))
    out = {f: published_name(f) for f in files}
    depth = 1
    while True:
        names = list(out.values())
        clash = {f for f in files if names.count(out[f]) > 1 and Path(f).is_absolute()}
        depth += 1
        longer = {f: Path(*Path(f).parts[-depth:]).as_posix() for f in clash
                  if len(Path(f).parts) > depth}  # fmt: skip
        if not longer:
            return out
        out.update(longer)


def sender_of(file: object) -> str | None:
    """The department whose return the input ``file`` is (simplified Chinese name), None
    for the shipped table and for a file that names no department the suite knows.

    A returned request workbook is known as :func:`datarequest.request_of` knows it (by the
    name it records, so a renamed return still is); any other file by the department its
    name gives ("市科技局_2023-2025.csv", the way departments send their figures back).
    """
    from .datarequest import request_of
    from .observations import shown_path

    if not isinstance(file, str) or not file or file == shown_path(config.OBSERVATIONS_FILE):
        return None
    sent = request_of(file)
    return sent[0] if sent else department_in(Path(file).name)


def return_named(name: str, file: object, lang: str) -> str:
    """An input file's ``name`` (where a figure came from) in ``lang``: in English with whose
    return it is ("市科技局_2023-2025.csv (Science and Technology Bureau's return)"); the
    name stays, as it is the file to open, but alone it told an English reader nothing (the
    review)."""
    department = sender_of(file) if lang == "en" else None
    if not department:
        return name
    return label("col.origin_return", lang, file=name,
                 department=department_label(department, lang))  # fmt: skip


#: English titles of sources, by their Chinese title, that stand for the project's own gloss
#: in ``data/raw/observations.csv`` where that gloss reads unclear: "2022 plan-execution
#: report" said neither whose plan nor which one (the review). The gloss is the project's
#: translation, not a quote, but ``data/raw`` is edited only to add a sourced figure or
#: correct a registry row (its README), so the title is put right where sources are shown
#: (:func:`english_gloss`, :func:`source_words`).
SOURCE_TITLES_EN = {
    "廊坊市2022年国民经济和社会发展计划执行情况": (
        "Langfang’s report on the implementation of its 2022 National Economic and Social "
        "Development Plan"
    ),
}


def _glossed(text: str) -> tuple[str, str, str]:
    """``(Chinese words, their English gloss, the rest after its closing bracket)`` of a
    source given as the shipped table gives it ("廊坊市新闻发布会 (Langfang press
    conference), 2023-02-10"); the gloss is "" when the text gives none."""
    from .style import has_cjk

    head, _, rest = text.partition(" (")
    gloss, _, tail = rest.partition(")")
    if not (has_cjk(head) and gloss and not has_cjk(gloss)):
        return head, "", tail
    return head, gloss, tail


def english_gloss(text: str) -> str:
    """The English gloss of Chinese words that give one in parentheses, as the shipped table
    gives its sources ("廊坊市新闻发布会 (Langfang press conference), …" → "Langfang press
    conference"; a title of ``SOURCE_TITLES_EN`` for its own gloss); "" for any other
    text."""
    head, gloss, _ = _glossed(text)
    return SOURCE_TITLES_EN.get(head.strip(), gloss) if gloss else ""


def source_words(text: object) -> object:
    """A source as the outputs show it whole (a workbook's sources, a request's held
    source): as given, but a gloss ``SOURCE_TITLES_EN`` puts right in its title's words
    ("廊坊市2022年国民经济和社会发展计划执行情况 (2022 plan-execution report)" →
    "… (Langfang’s report on the implementation of its 2022 National Economic and Social
    Development Plan)"). Chinese words without a gloss, as a department types them, and
    anything but a string are returned as they are."""
    if not isinstance(text, str):
        return text
    head, gloss, tail = _glossed(text)
    title = SOURCE_TITLES_EN.get(head.strip())
    if not gloss or title is None or title == gloss:
        return text
    return f"{head} ({title}){tail}"


def returned_words(text: str, file: object, lang: str, *, kind: str = "source") -> str:
    """``text`` that input ``file`` gives for a figure (its ``kind``, "source" or "note"),
    as a reader of ``lang`` sees it.

    Chinese keeps it as typed. English keeps the project's own table (glossed where it is
    Chinese), a figure of no known file and words with no Chinese; a department's name alone ("市科技局") is put in
    English; other Chinese words cannot be translated, so they are framed by whose return
    they come from ("Science and Technology Bureau's return: 市科技局复核"), or by their
    being Chinese when the file names no department: a department's source stood bare in
    the English brief and charts (the review).
    """
    from .observations import shown_path
    from .style import has_cjk

    text = "" if not isinstance(text, str) else text
    # no file (a frame made elsewhere) or the shipped table: as before
    given = isinstance(file, str) and file and file != shown_path(config.OBSERVATIONS_FILE)
    if lang == "zh" or not given or not has_cjk(text) or english_gloss(text):
        return text
    named = department_label(text, "en")
    if named != text.strip():  # a department's name the table knows
        return named
    department = sender_of(file)
    if department:
        return label(f"source.{'returned_by' if kind == 'source' else 'note_by'}", lang,
                     department=department_label(department, lang), text=text.strip())  # fmt: skip
    key = "given_in_chinese" if kind == "source" else "note_in_chinese"
    return label(f"source.{key}", lang, text=text.strip())


def files_text(
    files: Sequence[str], lang: str = "zh", *, most: int = 3, more: str = "fmt.more_files"
) -> str:
    """``a、b、c`` for up to ``most`` files, else the first two (the first, if ``most`` is 1)
    and how many more (``more``: the label that counts them, "等3个文件";
    ``fmt.more_departments`` counts departments)."""
    files = list(files)
    sep = label("fmt.dept_sep", lang)
    if len(files) <= most:
        return sep.join(files)
    shown = files[: max(1, min(2, most))]
    return label(more, lang, files=sep.join(shown), n=len(files) - len(shown),
                 total=len(files))  # fmt: skip
