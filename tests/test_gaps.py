import numpy as np
import pandas as pd
import pytest
from conftest import make_obs, rebased_share

from langfang_metrics import config, gaps, registry
from langfang_metrics.labels import department_label, split_departments


@pytest.fixture(scope="module")
def indicators():
    return registry.load_indicators()


@pytest.fixture(scope="module")
def targets():
    return registry.load_targets()


def _row(table, iid, year):
    hit = table[(table["indicator_id"] == iid) & (table["milestone_year"] == year)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_a_rebased_baseline_rides_in_the_gap_table_beside_its_baseline(indicators, targets):
    """The plan's own baseline of one re-based onto a new definition (35.6 % beside 30.2 %)
    is carried as plan_baseline_value, after baseline_value, as plan_target is beside the
    target; a registry without the column gives it empty (a column that came and went with
    the registry could not be documented)."""
    ind, tg, obs = rebased_share(indicators, targets)
    table = gaps.gap_assessment(ind, tg, obs)
    r = _row(table, "high_tech_industry_share", 2025)
    assert (r["baseline_value"], r["plan_baseline_value"]) == (30.2, 35.6)
    assert (r["target"], r["plan_target"]) == (33.9, 40.0)
    cols = list(table.columns)
    assert cols.index("plan_baseline_value") == cols.index("baseline_value") + 1
    assert table.loc[table["indicator_id"] != "high_tech_industry_share",
                     "plan_baseline_value"].isna().all()  # fmt: skip
    plain = gaps.gap_assessment(ind.drop(columns="plan_baseline_value"), tg, obs)
    assert list(plain.columns) == gaps.GAP_COLUMNS
    assert plain["plan_baseline_value"].isna().all()


def test_high_tech_hand_worked(indicators, targets):
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                ("high_tech_enterprises", 2022, 1258, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "high_tech_enterprises", 2023)
    assert r["actual_cagr"] == pytest.approx(0.1790, abs=5e-5)
    assert r["required_cagr"] == pytest.approx(0.12832, abs=5e-5)
    assert r["growth_ratio"] == pytest.approx(1.395, abs=1e-3)
    assert r["status"] == "on_track" and r["status_zh"] == "符合进度"
    assert r["progress_share"] == pytest.approx((1258 - 905) / (1300 - 905))
    assert r["time_share"] == pytest.approx(2 / 3)
    assert r["expected_on_path"] == pytest.approx(905 * (1300 / 905) ** (2 / 3))
    assert r["years_ahead"] > 0
    assert r["required_cagr_from_latest"] == pytest.approx(1300 / 1258 - 1)
    assert r["best_growth"] == pytest.approx(0.1790, abs=5e-5)
    # the 2025 milestone's path runs through 1,300 in 2023: by 2022 it asked for the same
    # 12.83 %/yr, not the straight 10.63 %/yr to 1,500
    r25 = _row(table, "high_tech_enterprises", 2025)
    assert r25["required_cagr"] == pytest.approx(0.12832, abs=5e-5)
    assert r25["required_to"] == 2022 and r["required_to"] == 2023
    assert r25["growth_ratio"] == pytest.approx(r["growth_ratio"])
    assert r25["expected_on_path"] == pytest.approx(r["expected_on_path"])


def test_a_milestone_past_an_earlier_one_is_graded_on_the_path_through_it(indicators, targets):
    """905 firms, then 1,258 three years on: the 2023 milestone (1,300) is missed, and the
    2025 row read "on track" (11.6 %/yr against the straight 10.6 %/yr to 1,500) beside
    "target path: 1,300 firms" it had not reached (found by the statistician review)."""
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2023, 1258, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs, as_of=2023)
    assert _row(table, "high_tech_enterprises", 2023)["status"] == "missed"
    r = _row(table, "high_tech_enterprises", 2025)
    assert r["expected_on_path"] == pytest.approx(1300) and r["years_ahead"] < 0
    assert r["required_cagr"] == pytest.approx((1300 / 905) ** (1 / 3) - 1)
    assert r["required_to"] == 2023
    assert r["status"] == "needs_acceleration"
    # past the earlier milestone: the path's average pace to the latest year, through 1,300
    # (1,330 in 2024 grew 10.1 %/yr: "on track" against the straight 10.6 %/yr to 1,500)
    later = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                      ("high_tech_enterprises", 2024, 1330, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, later, as_of=2024),
             "high_tech_enterprises", 2025)  # fmt: skip
    on_path = 1300 * (1500 / 1300) ** (1 / 2)
    assert r["expected_on_path"] == pytest.approx(on_path)
    assert r["required_cagr"] == pytest.approx((on_path / 905) ** (1 / 4) - 1)
    assert r["status"] == "needs_acceleration" and r["required_to"] == 2024
    # one milestone only: the pace that reaches the target, as before
    smes = _row(gaps.gap_assessment(indicators, targets, make_obs([
        ("tech_smes", 2022, 9200, "final")])), "tech_smes", 2025)  # fmt: skip
    assert smes["required_to"] == 2025
    assert smes["required_cagr"] == pytest.approx((10000 / 8796) ** (1 / 5) - 1)


def test_decline_is_moving_away(indicators, targets):
    obs = make_obs([("tech_smes", 2022, 8500, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "tech_smes", 2025)
    assert (
        r["growth_ratio"] < 0 and r["status"] == "moving_away" and r["status_en"] == "Moving away"
    )


def test_exceeded_target_is_achieved(indicators, targets):
    obs = make_obs([("high_tech_enterprises", 2022, 1320, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    assert _row(table, "high_tech_enterprises", 2023)["status"] == "achieved"
    assert _row(table, "high_tech_enterprises", 2025)["status"] != "achieved"


def test_no_observation_after_baseline_is_insufficient_data(indicators, targets):
    obs = make_obs([("high_tech_industry_share", 2020, 35.6, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "high_tech_industry_share", 2025)
    assert r["status"] == "insufficient_data" and r["status_zh"] == "数据不足"
    assert pd.isna(r["growth_ratio"]) and pd.isna(r["projected"])
    assert set(table["status"]) <= set(gaps.STATUSES)


def test_share_uses_percentage_points(indicators, targets):
    obs = make_obs([("high_tech_industry_share", 2022, 36.6, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "high_tech_industry_share", 2025)
    assert r["growth_unit"] == "pp/yr"
    assert r["actual_cagr"] == pytest.approx(0.5) and r["required_cagr"] == pytest.approx(0.88)
    assert r["status"] == "insufficient_progress"


def test_cumulative_compares_with_pro_rata(indicators, targets):
    obs = make_obs([("specialised_smes_new", 2022, 150, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "specialised_smes_new", 2025)
    assert r["growth_ratio"] == pytest.approx(75 / 80)
    assert r["status"] == "needs_acceleration"


def test_growth_rate_target_compares_average_growth(indicators, targets):
    obs = make_obs([("rd_spending", 2021, 100, "final"), ("rd_spending", 2023, 112.36, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "rd_spending", 2025)
    assert r["actual_cagr"] == pytest.approx(0.06, abs=1e-9)
    assert r["growth_ratio"] == pytest.approx(0.6)
    assert r["status"] == "needs_acceleration"
    assert r["expected_on_path"] == pytest.approx(121)
    # progress toward the level 10 % a year reaches by 2025 (146.41): a bar, not "—" (a
    # missed R&D target showed an empty row on the dashboard)
    assert r["progress_share"] == pytest.approx(12.36 / 46.41)
    assert r["time_share"] == pytest.approx(0.5)
    from langfang_metrics.plots import path_share

    assert path_share(pd.Series(r)) == pytest.approx(21 / 46.41)  # 121 on the path
    # the growth still needed: to 146.41 in 2025 from 112.36 in 2023 (the page said where
    # the path stood and nothing of what growth it still asks for)
    assert r["required_cagr_from_latest"] == pytest.approx((146.41 / 112.36) ** 0.5 - 1)


def test_thresholds_are_parameters(indicators, targets):
    obs = make_obs([("specialised_smes_new", 2022, 150, "final")])
    strict = gaps.gap_assessment(indicators, targets, obs, on_track=0.9)
    assert _row(strict, "specialised_smes_new", 2025)["status"] == "on_track"


def test_as_of_cuts_the_data(indicators, targets):
    obs = make_obs([("tech_smes", 2021, 9000, "final"), ("tech_smes", 2022, 8000, "final")])
    early = gaps.gap_assessment(indicators, targets, obs, as_of=2021)
    assert _row(early, "tech_smes", 2025)["latest_value"] == 9000
    assert int(early["as_of"].iloc[0]) == 2021


def test_a_graded_milestone_whose_year_is_over_owes_its_figure(indicators, targets):
    """The data stop in 2022, but China's 2025 figures are out: 2023 and 2025 are over. The
    page said "on track" for 2023 with nothing in the row to say that year had ended (the
    planner's review): a graded row keeps its grade, as of 2022, and owes its figure."""
    home = make_obs([("high_tech_enterprises", 2022, 1258, "final")])
    china = make_obs([("rd_spending", 2025, 36000.0, "preliminary"),
                      ("high_value_patents_per_10k", 2025, 16.0, "final")])  # fmt: skip
    obs = pd.concat([home, china.assign(region="china")], ignore_index=True)
    table = gaps.gap_assessment(indicators, targets, obs)
    for year in (2023, 2025):
        row = _row(table, "high_tech_enterprises", year)
        assert row["ex_post"] == "no_figure" and row["status"] == "on_track", year
    # an ungraded row already says its data are wanting
    assert pd.isna(_row(table, "tech_smes", 2025)["ex_post"])
    # one series past 2025 is not enough (a mistyped year), nor is an --as-of run over
    for alone, as_of in ((pd.concat([home, china.iloc[:1].assign(region="china")]), None),
                         (obs, 2022)):  # fmt: skip
        row = _row(gaps.gap_assessment(indicators, targets, alone, as_of=as_of),
                   "high_tech_enterprises", 2023)  # fmt: skip
        assert pd.isna(row["ex_post"]) and row["status"] == "on_track"


def test_ex_post_met_and_missed(indicators, targets):
    obs = make_obs([("high_tech_enterprises", 2023, 1250, "final"),
                ("high_tech_enterprises", 2025, 1600, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r23 = _row(table, "high_tech_enterprises", 2023)
    assert r23["ex_post"] == "missed" and r23["ex_post_gap"] == -50
    # the milestone's own year fell short: missed, whatever the pace since the baseline was
    assert r23["status"] == "missed" and r23["status_en"] == "Missed" and r23["p_meet"] == 0
    r25 = _row(table, "high_tech_enterprises", 2025)
    assert r25["ex_post"] == "met" and r25["status"] == "achieved" and r25["p_meet"] == 1


def test_a_milestone_just_missed_at_a_fast_pace_is_missed_not_on_track(indicators, targets):
    # 905 → 1,290 in 2023 is 97 % of the required growth: on track by pace, but 2023 is over
    obs = make_obs([("high_tech_enterprises", 2023, 1290, "final"),
                    ("rd_spending", 2021, 100, "final"), ("rd_spending", 2025, 140, "preliminary")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "high_tech_enterprises", 2023)
    assert r["growth_ratio"] > config.ON_TRACK_RATIO and r["status"] == "missed"
    assert r["status_zh"] == "未达标"
    # a preliminary figure for the milestone year counts too
    rd = _row(table, "rd_spending", 2025)  # 40 % in four years is 8.8 %/yr against 10 %
    assert rd["status"] == "missed" and rd["ex_post"] == "missed"
    # while the data run to 2023, the 2025 milestone of high-tech enterprises is graded by pace
    early = gaps.gap_assessment(indicators, targets, obs[obs["year"] <= 2023])
    assert _row(early, "high_tech_enterprises", 2025)["status"] == "on_track"


@pytest.mark.parametrize(
    ("ratio", "status"),
    [(1.2, "on_track"), (0.95, "on_track"), (0.94, "needs_acceleration"), (0.6, "needs_acceleration"),
     (0.59, "insufficient_progress"), (0.0, "insufficient_progress"), (-0.1, "moving_away"),
     (np.nan, "insufficient_data")],
)  # fmt: skip
def test_classify_thresholds(ratio, status):
    assert gaps.classify(ratio) == status


def test_best_growth_is_best_for_the_targets_direction(indicators, targets):
    """A ceiling's best year is its steepest fall, not its largest rise."""
    y = pd.Series([100.0, 110.0, 99.0, 103.0], index=[2020, 2021, 2022, 2023])
    assert gaps.best_growth(y, mode="increment") == pytest.approx(10.0)
    assert gaps.best_growth(y, mode="increment", comparison="<=") == pytest.approx(-11.0)
    assert gaps.best_growth(y, mode="increment", comparison="<") == pytest.approx(-11.0)
    # the gap table passes the target's comparison
    ceiling = targets[targets["indicator_id"] == "high_tech_enterprises"].assign(
        comparison="<=", value=800.0)  # fmt: skip
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2021, 950, "final"),
                    ("high_tech_enterprises", 2022, 900, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, ceiling, obs), "high_tech_enterprises", 2025)
    assert r["best_growth"] == pytest.approx(900 / 950 - 1)


def test_a_running_totals_best_year_counts_its_first_addition(indicators, targets):
    """Counted from 0 at end-2020: 2021 added 100, 2022 none. The best year had read "0
    firms" (the first figure's addition to the plan's zero was not counted), and the total
    read certain to stay at 100 (P 0, [100-100])."""
    obs = make_obs([("specialised_smes_new", 2021, 100, "final"),
                    ("specialised_smes_new", 2022, 100, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "specialised_smes_new", 2025)
    assert r["best_growth"] == pytest.approx(100.0)
    # so does a stock's: the plan's 905 (2020) to 1,258 (2022), 17.9 % a year, is a year of
    # its course when the returns hold no 2020 figure (its best year had read 3.3 %)
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final"),
                    ("high_tech_enterprises", 2023, 1300, "final")])  # fmt: skip
    stock = _row(gaps.gap_assessment(indicators, targets, obs), "high_tech_enterprises", 2025)
    assert stock["best_growth"] == pytest.approx((1258 / 905) ** 0.5 - 1)


def test_years_ahead_on_and_off_path():
    path = pd.Series([100.0, 110, 120, 130], index=[2020, 2021, 2022, 2023])
    assert gaps.years_ahead(path, 120, 2021) == pytest.approx(1)
    assert gaps.years_ahead(path, 105, 2022) == pytest.approx(-1.5)
    assert gaps.years_ahead(path, 150, 2023) == pytest.approx(2)


def test_years_ahead_on_a_path_that_turns_or_holds_a_level():
    """On 100 → 130 (2023) → 120 (2025) a figure of 125 in 2022 read +2.0 years ahead
    (interpolating a path that is not monotone); on a path that holds 100 for three years a
    figure of 100 read NaN (the code review). A level a path reaches twice has no one year;
    one it holds is reached in the nearest year it holds it."""
    turns = pd.Series([100.0, 110, 120, 130, 125, 120], index=range(2020, 2026))
    assert np.isnan(gaps.years_ahead(turns, 125, 2022))
    flat = pd.Series([100.0, 100, 100, 110], index=range(2020, 2024))
    assert gaps.years_ahead(flat, 100, 2022) == 0
    assert gaps.years_ahead(flat, 100, 2023) == pytest.approx(-1)
    assert gaps.years_ahead(flat, 105, 2022) == pytest.approx(0.5)


def test_years_ahead_on_a_compounding_path_is_read_in_logs():
    """1,258 firms in 2022 on the path 905 → 1,300 (2020-2023) lies ln(1258/905)/ln(1+g)
    years from 2020; a straight line between the path's 2022 and 2023 points said 0.716
    where the compounding path says 0.728 (the numbers audit)."""
    g = (1300 / 905) ** (1 / 3) - 1
    path = pd.Series([905 * (1 + g) ** k for k in range(6)], index=range(2020, 2026))
    exact = np.log(1258 / 905) / np.log(1 + g) - 2
    assert gaps.years_ahead(path, 1258, 2022, log=True) == pytest.approx(exact, abs=1e-9)
    assert gaps.years_ahead(path, 1258, 2022) < exact - 0.005  # the straight-line reading
    # beyond the path's end it goes on compounding at the path's own rate
    beyond = 905 * (1 + g) ** 7
    assert gaps.years_ahead(path, beyond, 2022, log=True) == pytest.approx(5, abs=1e-9)
    # the report reads a geometric path so
    obs = make_obs([("high_tech_enterprises", 2020, 905.0, "final"),
                    ("high_tech_enterprises", 2022, 1258.0, "final")])  # fmt: skip
    ind, tg = registry.load_indicators(), registry.load_targets()
    row = _row(gaps.gap_assessment(ind, tg, obs), "high_tech_enterprises", 2023)
    assert row["years_ahead"] == pytest.approx(exact, abs=1e-3)


def test_rollups_count_each_department(indicators, targets):
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    view = gaps.department_view(table)
    hte = view[view["indicator_id"] == "high_tech_enterprises"]
    # named in simplified Chinese whatever spelling the plan used
    assert set(hte["department"]) == {"市科技局", "市市场监督管理局", "市财政局", "市税务局"}
    summary = gaps.plan_summary(table).set_index("milestone_year")
    assert summary.loc[2023, "total"] == 2 and summary.loc[2025, "total"] == 22
    assert summary.loc[2025, "insufficient_data"] >= 15
    assert summary["provisional"].sum() == 0  # no outcome rests on a preliminary figure
    settled = table.assign(latest_year=table["milestone_year"], latest_status="preliminary",
                           status="achieved")  # fmt: skip
    assert gaps.plan_summary(settled).set_index("milestone_year").loc[2025, "provisional"] == 22
    # split by outcome: "achieved 5, provisional 3" read as three achieved ones
    mixed = settled.assign(status=np.where(settled.index % 2 == 0, "achieved", "missed"))
    split = gaps.plan_summary(mixed).set_index("milestone_year").loc[2025]
    assert split["achieved_provisional"] + split["missed_provisional"] == split["provisional"]
    assert split["achieved_provisional"] == split["achieved"] > 0
    assert split["missed_provisional"] == split["missed"] > 0
    # met on an earlier year's figure, and of those the ones whose year is over without its
    # figure (the status overview dots them: "6 (4)" beside 3 provisional, the planner)
    early = table.assign(status="achieved", latest_year=2024,
                         ex_post=np.where(table.index % 2 == 0, "no_figure", ""))  # fmt: skip
    counts = gaps.plan_summary(early).set_index("milestone_year").loc[2025]
    assert counts["achieved_early"] == 22
    assert counts["achieved_early_owed"] == (early.loc[early["milestone_year"] == 2025,
                                                       "ex_post"] == "no_figure").sum() > 0  # fmt: skip
    assert summary["achieved_early"].sum() == 0
    matrix = gaps.department_matrix(table, milestone_year=2025)
    assert list(matrix.columns) == list(gaps.STATUSES)
    assert matrix.loc["市科技局"].sum() >= 15


def test_department_view_lists_a_departments_targets_in_plan_order(indicators, targets):
    """Notebook 04 listed 市科技局's targets by their codes (评价和转化科技项目 first,
    高新技术企业数量 in the middle); the plan's own order is the one planners know."""
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    view = gaps.department_view(table)
    plan = {iid: i for i, iid in enumerate(dict.fromkeys(table["indicator_id"]))}
    for _, part in view.groupby(["department", "milestone_year"]):
        ranks = part["indicator_id"].map(plan).tolist()
        assert ranks == sorted(ranks)
    # grouped, the departments in the order the plan names them: 市科技局, its lead, first
    # (sorted by character code it came ninth)
    firsts = list(dict.fromkeys(view["department"]))
    assert view["department"].tolist() == sorted(view["department"], key=firsts.index)
    mention = list(dict.fromkeys(department_label(d, "zh") for ds in table["departments"]
                                 for d in split_departments(ds)))  # fmt: skip
    assert firsts == mention and firsts[0] == "市科技局"
    matrix = gaps.department_matrix(table, milestone_year=2025)
    assert matrix.index.tolist() == [d for d in firsts if d in matrix.index]


def test_one_department_spelled_two_ways_is_one_row(indicators, targets):
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    table.loc[0, "departments"] = "市稅務局、市税务局"  # traditional and simplified
    view = gaps.department_view(table)
    assert not view.duplicated(["department", "indicator_id", "milestone_year"]).any()
    matrix = gaps.department_matrix(table)
    assert "市稅務局" not in matrix.index and "市税务局" in matrix.index


def test_every_target_gets_a_row_even_without_data(indicators, targets):
    empty = make_obs([("gdp", 2021, 1, "final")])
    table = gaps.gap_assessment(indicators, targets, empty)
    # 22 targets at 2025; at 2023 high-tech enterprises and the yearly key-technology flow
    assert len(table) == 24
    assert (table["status"] == "insufficient_data").all()


def test_yearly_flow_judged_on_its_latest_year(indicators, targets):
    obs = make_obs([("key_core_tech_per_year", 2022, 12, "final")])
    table = gaps.gap_assessment(indicators, targets, obs)
    r23 = _row(table, "key_core_tech_per_year", 2023)
    assert r23["growth_ratio"] == pytest.approx(1.2) and r23["status"] == "on_track"
    # the year's figure against the yearly target: the dashboard draws it as a bar
    assert r23["progress_share"] == pytest.approx(1.2) and pd.isna(r23["best_growth"])
    short = make_obs([("key_core_tech_per_year", 2023, 8, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, short), "key_core_tech_per_year", 2023)
    assert r["status"] == "missed" and r["ex_post"] == "missed" and r["ex_post_gap"] == -2


def test_growth_rate_target_ex_post_has_no_level_gap(indicators, targets):
    obs = make_obs([("rd_spending", 2021, 100, "final"), ("rd_spending", 2025, 146.41, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "rd_spending", 2025)
    assert r["actual_cagr"] == pytest.approx(0.10)
    assert r["status"] == "achieved" and r["ex_post"] == "met" and r["p_meet"] == 1
    assert pd.isna(r["projected"]) and pd.isna(r["projected_gap"])


def test_a_growth_rate_target_gets_the_chance_of_reaching_the_end_of_its_path(indicators, targets):
    """10 % a year from 100 in 2021 is 146.41 in 2025: P(meet) is P(level ≥ 146.41)."""
    from langfang_metrics import compute
    from langfang_metrics.forecast import prob_meeting

    obs = make_obs([("rd_spending", 2021, 100.0, "final"), ("rd_spending", 2022, 108.0, "final")])
    fcs = compute.forecast_all(obs, indicators)
    r = _row(gaps.gap_assessment(indicators, targets, obs, fcs), "rd_spending", 2025)
    mine = fcs[fcs["indicator_id"] == "rd_spending"].set_index("year")
    assert r["projected"] == pytest.approx(mine.loc[2025, "mean"])
    assert r["p_meet"] == pytest.approx(
        prob_meeting(gaps._fc_for(fcs, "rd_spending"), 2025, 146.41)
    )
    assert 0 < r["p_meet"] < 1
    # the level gap of an amount against a rate has no meaning, and none is given
    assert pd.isna(r["projected_gap"]) and pd.isna(r["projected_gap_pct"])
    # faster growth makes the target likelier
    quick = make_obs([("rd_spending", 2021, 100.0, "final"), ("rd_spending", 2022, 125.0, "final")])
    fq = compute.forecast_all(quick, indicators)
    assert _row(gaps.gap_assessment(indicators, targets, quick, fq), "rd_spending", 2025)[
        "p_meet"] > r["p_meet"]  # fmt: skip


def test_a_share_is_forecast_in_points_and_read_on_the_level_scale(indicators, targets):
    """Two share observations after the plan's baseline (35.6 in 2020, where the gap row
    measures progress from): additive growth distribution; P(meet) from its level knots."""
    from langfang_metrics import compute
    from langfang_metrics.forecast import forecast, prob_meeting

    obs = make_obs([("high_tech_industry_share", 2021, 36.0, "final"),
                    ("high_tech_industry_share", 2022, 36.6, "final")])  # fmt: skip
    fcs = compute.forecast_all(obs, indicators)
    mine = fcs[fcs["indicator_id"] == "high_tech_industry_share"]
    assert set(mine["method"]) == {"growth_additive"}
    r = _row(gaps.gap_assessment(indicators, targets, obs, fcs), "high_tech_industry_share", 2025)
    direct = forecast(pd.Series({2020: 35.6, 2021: 36.0, 2022: 36.6}), 3, additive=True,
                      bounds=(0, 100))  # fmt: skip
    assert r["projected"] == pytest.approx(direct.loc[2025, "mean"])
    assert r["p_meet"] == pytest.approx(prob_meeting(direct, 2025, 40.0))
    assert r["forecast_method"] == "growth_additive"


def test_unknown_comparison_or_growth_mode_is_a_clear_error():
    # a misspelt mode used to be read silently as "increment"
    with pytest.raises(ValueError, match="mode must be 'compound' or 'increment', got 'geometric'"):
        gaps.annual_rate(1.0, 2.0, 3, mode="geometric")
    with pytest.raises(ValueError, match="comparison must be one of"):
        gaps.meets(1.0, 1.0, "==")
    assert gaps.annual_rate(1.0, 1.21, 2, mode="compound") == pytest.approx(0.1)
    assert gaps.annual_rate(1.0, 2.0, 4, mode="increment") == pytest.approx(0.25)


def test_forecasts_of_several_origins_or_methods():
    """The latest origin's forecast is assessed; several methods at once are the caller's
    choice, refused with a message (they used to raise a bare TypeError)."""
    from langfang_metrics import compute

    results = compute.load_results()
    fc = results.forecasts
    vintages = pd.concat([fc, fc.assign(as_of=2021, mean=fc["mean"] * 2)])
    again = gaps.gap_assessment(results.indicators, results.targets, results.observations,
                                    vintages)  # fmt: skip
    pd.testing.assert_frame_equal(again, results.gaps)
    doubled = gaps.planning_levels(pd.concat([fc, fc]), year=2030)
    pd.testing.assert_frame_equal(doubled, gaps.planning_levels(fc, year=2030))
    with pytest.raises(
        ValueError, match=r"several rows for one year .*methods \['drift', 'growth'\]"
    ):
        gaps.planning_levels(pd.concat([fc, fc.assign(method="drift")]), year=2030)


def test_a_level_to_hold_is_graded_by_the_sign_of_growth():
    """A milestone equal to the baseline ("hold 1,300 until 2023") has no required growth to
    divide by: falling below it is moving away, not 'insufficient data'."""
    import warnings

    from langfang_metrics import compute

    r = compute.load_results()
    ind = r.indicators.copy()
    ind.loc[ind["indicator_id"] == "high_tech_enterprises", "baseline_value"] = 1300.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by zero on the way
        g = gaps.gap_assessment(ind, r.targets, r.observations, r.forecasts)
    row = g[(g["indicator_id"] == "high_tech_enterprises") & (g["milestone_year"] == 2023)]
    assert row["status"].item() == "moving_away" and np.isnan(row["years_ahead"].item())
    flat = pd.Series([1.0, 1.0, 3.0], index=[2020, 2021, 2022])
    assert np.isnan(gaps.years_ahead(flat, 0.5, 2021))
    assert gaps.years_ahead(flat, 2.0, 2022) == pytest.approx(-0.5)


def test_gap_arguments_are_read_as_years_and_ratios_or_refused():
    from langfang_metrics import compute, views

    r = compute.load_results()
    ga = lambda **k: gaps.gap_assessment(r.indicators, r.targets, r.observations, r.forecasts, **k)  # noqa: E731
    pd.testing.assert_frame_equal(ga(as_of="2022", milestone_years=2025),
                                  ga(as_of=2022, milestone_years=(2025,)))  # fmt: skip
    for kwargs, message in (({"as_of": 2022.5}, "as_of must be a whole year"),
                            ({"milestone_years": ("twenty",)}, "milestone_years must be"),
                            ({"on_track": np.nan}, "on_track must be a finite growth ratio"),
                            ({"on_track": 0.5, "needs_acceleration": 0.9}, "must not exceed")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            ga(**kwargs)
    # a year given as text means that year everywhere it used to match nothing
    assert len(gaps.planning_levels(r.forecasts, year="2030")) == 6
    assert gaps.department_matrix(r.gaps, milestone_year="2025").to_numpy().sum() > 0
    assert len(views.milestone_table(r.gaps, r.indicators, milestone_year="2025").data) == 22


def test_a_first_figure_without_plan_baseline_that_meets_the_target_is_achieved(
    indicators, targets
):
    # the plan gives no baseline, so the first figure starts the path: there is no pace to
    # grade, but 1,020 firms against a target of 1,000 is the target met
    obs = make_obs([("ip_advantage_firms", 2024, 1020, "final"),
                    ("digital_economy_share", 2025, 4.2, "preliminary"),
                    ("gazelle_unicorn_seed", 2022, 40, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "ip_advantage_firms", 2025)
    assert r["status"] == "achieved" and (r["latest_year"], r["latest_value"]) == (2024, 1020)
    # the data have reached 2025 (a 2025 share): that year's own figure is still owed
    assert r["baseline_year"] == 2024 and r["ex_post"] == "no_figure"
    # a first figure in the milestone year itself that falls short is missed, and says by how much
    d = _row(table, "digital_economy_share", 2025)
    assert d["status"] == "missed" and d["ex_post"] == "missed"
    assert d["ex_post_gap"] == pytest.approx(-0.8) and d["p_meet"] == 0
    # one figure short of its target with years to go cannot be graded
    g = _row(table, "gazelle_unicorn_seed", 2025)
    assert g["baseline_year"] == 2022 and g["status"] == "insufficient_data"
    assert (g["latest_year"], g["latest_value"]) == (2022, 40)  # shown, not "—"


def test_a_milestone_passed_without_its_own_figure_is_not_graded_by_pace(indicators, targets):
    """Figures for 2022 and 2024 but none for 2023: the 2023 milestone is past and cannot be
    judged (it read "needs acceleration" from 2022's pace at the final evaluation)."""
    obs = make_obs([("high_tech_enterprises", 2022, 1100, "final"),
                    ("high_tech_enterprises", 2024, 1400, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r23 = _row(table, "high_tech_enterprises", 2023)
    assert r23["status"] == "insufficient_data" and r23["ex_post"] == "no_figure"
    assert r23["latest_year"] == 2022 and pd.isna(r23["p_meet"])
    # the 2025 milestone is still ahead of the figures: graded as before
    r25 = _row(table, "high_tech_enterprises", 2025)
    assert r25["status"] != "insufficient_data" and pd.isna(r25["ex_post"])


def test_a_milestone_before_the_year_the_data_run_to_is_past(indicators, targets):
    """Run --as-of 2026, the page said "assessed 2026" and still graded the 2023 milestone
    "on track" with a 60 % forecast for 2023; only a later figure of the series itself
    settled it."""
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final")])
    default = gaps.gap_assessment(indicators, targets, obs)
    assert _row(default, "high_tech_enterprises", 2023)["status"] == "on_track"
    table = gaps.gap_assessment(indicators, targets, obs, as_of=2026)
    for year in (2023, 2025):
        r = _row(table, "high_tech_enterprises", year)
        assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure"
        assert pd.isna(r["p_meet"]) and pd.isna(r["projected"])
    # a data year past the milestone by another targeted indicator's figure does the same
    obs = make_obs([("high_tech_enterprises", 2022, 1258, "final"),
                    ("tech_smes", 2024, 9500, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, obs), "high_tech_enterprises", 2023)
    assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure"
    # the year before the milestone's is not past: the milestone is graded by pace
    r = _row(gaps.gap_assessment(indicators, targets, obs, as_of=2022), "high_tech_enterprises",
             2023)  # fmt: skip
    assert r["status"] == "on_track"


def test_a_milestone_in_the_year_the_data_run_to_is_not_graded_by_pace(indicators, targets):
    """December 2026, every return reaches 2025 and none 2026: a 2025 target whose 2025
    figure was not in read "on track" (by the 2021-2023 pace) beside "very unlikely", and one
    2026 figure of another indicator turned it into "no 2025 figure". The milestone year the
    data have reached is over: its own figure decides, and until it comes in the row says it
    is missing, whatever later figure another indicator has."""
    rows = [("high_tech_enterprises", 2021, 1000, "final"),
            ("high_tech_enterprises", 2023, 1250, "final"),
            ("tech_smes", 2025, 10000, "final")]  # fmt: skip
    for extra in ([], [("tech_smes", 2026, 10100, "final")]):
        table = gaps.gap_assessment(indicators, targets, make_obs(rows + extra))
        r = _row(table, "high_tech_enterprises", 2025)
        assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure"
        assert pd.isna(r["p_meet"]) and pd.isna(r["projected"])
        assert _row(table, "tech_smes", 2025)["status"] == "achieved"
    # an --as-of run to the milestone year judges it the same way
    table = gaps.gap_assessment(indicators, targets, make_obs(rows[:2]), as_of=2023)
    r = _row(table, "high_tech_enterprises", 2023)
    assert r["status"] == "missed" and r["ex_post"] == "missed"  # its own 2023 figure
    table = gaps.gap_assessment(indicators, targets, make_obs(rows[:1]), as_of=2023)
    assert _row(table, "high_tech_enterprises", 2023)["ex_post"] == "no_figure"


def _milestone(y, goal, comparison, *, kind="stock", base=(2020, 100.0)):
    from langfang_metrics.trajectories import Anchor

    ind = pd.Series({"indicator_id": "x", "kind": kind, "direction": "increase"})
    tgt = pd.Series({"indicator_id": "x", "year": 2025, "value": goal, "comparison": comparison})
    anchor = None if kind == "flow" else Anchor(base[0], base[1], "plan")
    y = pd.Series(y, dtype=float)
    return gaps.assess_milestone(ind, tgt, y, pd.Series(dtype=float), anchor=anchor)


@pytest.mark.parametrize(
    ("latest", "goal", "comparison", "status"),
    [
        (85.0, 90.0, ">=", "moving_away"),  # fell below a floor the baseline cleared
        (95.0, 90.0, ">=", "achieved"),
        (130.0, 120.0, "<=", "moving_away"),  # rose through a ceiling above the baseline
        (105.0, 100.0, "<=", "moving_away"),  # a ceiling at the baseline
        (100.0, 100.0, ">", "insufficient_progress"),  # flat against a strict floor at it
        (70.0, 80.0, "<=", "achieved"),  # ordinary ceilings grade as before
        (92.0, 80.0, "<=", "needs_acceleration"),  # R = 0.94 of the required fall
        (115.0, 80.0, "<=", "moving_away"),
    ],
)
def test_a_target_the_baseline_already_met_is_a_level_to_hold(latest, goal, comparison, status):
    """A first figure of 12 firms against 'at least 10', then 9, read "on track" (R = 5.6:
    both changes negative) with 150 % progress."""
    row = _milestone({2020: 100.0, 2022: latest}, goal, comparison)
    assert row["status"] == status
    if status == "moving_away" and (goal - 100) * (1 if comparison in (">=", ">") else -1) <= 0:
        assert np.isnan(row["growth_ratio"]) and "progress_share" not in row


def test_a_stock_that_falls_to_zero_is_moving_away_not_insufficient_data():
    """905 firms, then a 0: the compound rate was NaN, so the milestone read "insufficient
    data" beside a 0.5 % chance and a 0 [0-0] projection. A fall to 0 is the whole stock
    gone (-100 %/yr); only a start at or below 0 leaves no compound rate."""
    assert gaps.annual_rate(905.0, 0.0, 3, mode="compound") == -1.0
    assert np.isnan(gaps.annual_rate(0.0, 5.0, 3, mode="compound"))
    assert np.isnan(gaps.annual_rate(5.0, -1.0, 3, mode="compound"))
    row = _milestone({2020: 100.0, 2023: 0.0}, 150.0, ">=")
    assert row["status"] == "moving_away"
    assert row["actual_cagr"] == -1.0 and row["growth_ratio"] < 0


def test_a_yearly_ceiling_is_on_track_when_the_year_is_within_it():
    """'At most 10 a year': 15 read "on track" (R = 1.5) and 6 "needs acceleration"; a year
    over the ceiling is no call to speed up either (it read "needs acceleration")."""
    assert _milestone({2022: 6.0}, 10.0, "<=", kind="flow")["status"] == "on_track"
    over = _milestone({2022: 15.0}, 10.0, "<=", kind="flow")
    assert over["status"] == "moving_away" and over["growth_ratio"] == pytest.approx(2 / 3)
    assert _milestone({2022: 5.0}, 0.0, "<=", kind="flow")["status"] == "moving_away"
    assert _milestone({2022: 12.0}, 10.0, ">=", kind="flow")["status"] == "on_track"
    # a ceiling has no share of the way to go: "110% Missed", "95% Achieved" on the chart
    assert "progress_share" not in over and "progress_share" not in _milestone(
        {2022: 6.0}, 10.0, "<=", kind="flow")  # fmt: skip


def test_departments_are_named_in_simplified_chinese_as_in_the_other_tables(indicators, targets):
    """The registry keeps the plan's traditional spelling (市工業和信息化局); the gap table
    named them so while departments.csv and the workbook said 市工业和信息化局."""
    table = gaps.gap_assessment(indicators, targets,
                                make_obs([("tech_smes", 2022, 9000, "final")]))  # fmt: skip
    assert table["departments"].str.contains("市工业和信息化局").any()
    assert not table["departments"].str.contains("工業|稅務", regex=True).any()


def test_a_yearly_flows_years_between_milestones_are_judged(indicators, targets):
    """'10 projects a year' has targets for 2021, 2022 and 2024 as well; the 2022 miss
    showed only as a dot on the chart."""
    obs = make_obs([("key_core_tech_per_year", 2021, 12, "final"),
                    ("key_core_tech_per_year", 2022, 9, "final"),
                    ("key_core_tech_per_year", 2023, 10, "final")])  # fmt: skip
    f = gaps.flow_years(indicators, targets, obs)
    assert list(f["year"]) == [2021, 2022]  # 2024 is after the data's latest year
    assert list(f["met"]) == [True, False]
    f = gaps.flow_years(indicators, targets, obs, as_of=2024)
    assert list(f["year"]) == [2021, 2022, 2024] and pd.isna(f["met"].iloc[-1])


def test_a_stock_met_early_stays_achieved_when_a_later_figure_arrives(indicators, targets):
    """1,320 firms in 2022 met the 2023 target; a 2024 figure (and none for 2023) turned it
    into 'insufficient data'. It stays achieved, its own year's figure said to be owed (as
    at the final evaluation's milestone)."""
    obs = make_obs([("high_tech_enterprises", 2022, 1320, "final"),
                    ("high_tech_enterprises", 2024, 1400, "final")])  # fmt: skip
    r23 = _row(gaps.gap_assessment(indicators, targets, obs), "high_tech_enterprises", 2023)
    assert r23["status"] == "achieved" and r23["ex_post"] == "no_figure"


def test_the_gap_tables_data_year_is_the_one_the_reports_say():
    """gap_assessment.csv said as_of 2023 (GDP growth, a context indicator) beside a landing
    page and brief saying the data run to 2022."""
    from langfang_metrics import compute
    from langfang_metrics.brief import brief_as_of
    from langfang_metrics.series import latest_year

    r = compute.load_results()
    assert latest_year(r.observations) > brief_as_of(r)  # a context figure is later
    assert set(r.gaps["as_of"]) == {brief_as_of(r)}


def test_a_yearly_flows_progress_is_its_figure_against_the_yearly_target():
    """The dashboard showed a flow's status with no bar and no percentage."""
    ind = pd.Series({"indicator_id": "f", "kind": "flow", "direction": "increase"})
    tgt = pd.Series({"indicator_id": "f", "year": 2025, "value": 10.0, "comparison": ">="})
    y = pd.Series([12.0, 9.0, 13.0], index=[2021, 2022, 2024])
    row = gaps.assess_milestone(ind, tgt, y, pd.Series(dtype=float), anchor=None)
    assert row["progress_share"] == pytest.approx(1.3)
    assert np.isnan(row.get("time_share", np.nan))


def test_a_yearly_flows_first_figure_is_no_baseline_in_the_gap_table(indicators, targets):
    obs = make_obs([("key_core_tech_per_year", 2021, 12, "final"),
                    ("key_core_tech_per_year", 2022, 9, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, obs), "key_core_tech_per_year", 2023)
    assert pd.isna(r["baseline_value"]) and pd.isna(r["baseline_year"])
    assert r["latest_value"] == 9


def _caveat_row(**fields) -> dict:
    row = {"forecast_method": "growth_additive", "kind": "share", "status": "needs_acceleration",
           "comparison": ">=", "latest_year": 2024, "milestone_year": 2025, "latest_value": 38.3,
           "projected": 40.7, "best_growth": 0.8, "actual_cagr": 0.675}  # fmt: skip
    row.update(fields)
    return row


def test_a_forecast_that_parts_from_the_series_course_is_named():
    """Ahead of the best year, far behind the pace, or rising where the series never rose:
    the three ways a short series' probability is more the reference class's than its own."""
    from langfang_metrics.gaps import forecast_caveat

    kind, implied = forecast_caveat(_caveat_row())  # +2.4 points against a best year of 0.8
    assert kind == "outrunning" and implied == pytest.approx(2.4)
    assert forecast_caveat(_caveat_row(projected=39.0)) is None  # +0.7: in line
    lag = _caveat_row(forecast_method="growth", kind="cumulative", latest_value=240.0,
                      projected=280.0, best_growth=85.0, actual_cagr=80.0, latest_year=2023)  # fmt: skip
    assert forecast_caveat(lag) == ("lagging", pytest.approx(20.0))
    # at the pace of its last two figures it does not lag (+6.85 %/yr after +5.4 and +6.8 %
    # "lagged" the +11.9 % average of a jump in 2020-22: the statistician's review)
    assert forecast_caveat({**lag, "latest_growth": 25.0}) is None
    assert forecast_caveat({**lag, "latest_growth": 40.0}) == ("lagging", pytest.approx(20.0))
    fell = _caveat_row(latest_value=1.36, projected=1.46, best_growth=-0.04, actual_cagr=-0.04,
                       status="moving_away")  # fmt: skip
    assert forecast_caveat(fell) == ("never_rose", pytest.approx(0.1))
    assert forecast_caveat({**fell, "projected": 1.30}) is None  # falling on: in line
    for other in (
        {"forecast_method": "combo"},
        {"status": "achieved"},
        {"comparison": "<="},
        {"kind": "flow"},
        {"projected": np.nan},
        {"forecast_method": "drift_cumulated"},
    ):
        assert forecast_caveat(_caveat_row(**other)) is None, other
    # a running total's additions lean on the reference class too
    assert forecast_caveat(_caveat_row(forecast_method="growth_cumulated"))[0] == "outrunning"


def test_a_growth_targets_forecast_is_read_on_its_level_series(tmp_path):
    """R&D spending 54.03 → 59.6 → 65.5 (+10.1 %/yr against the 10 % a year asked) was
    forecast at 74.3 for 2025, +6.5 %/yr: "on track, 32 %" with no mark, because the
    caveat skipped growth-rate targets as if their series were a rate (the statistician's
    review). Their series is the level; the status reads it so, and so does the caveat."""
    from langfang_metrics import compute
    from langfang_metrics.gaps import forecast_caveat

    row = _caveat_row(forecast_method="growth", kind="growth_rate", status="on_track",
                      latest_year=2023, latest_value=65.5, projected=74.33,
                      best_growth=0.1031, actual_cagr=0.1010)  # fmt: skip
    kind, implied = forecast_caveat(row)
    assert kind == "lagging" and implied == pytest.approx(0.0653, abs=1e-3)
    assert forecast_caveat({**row, "projected": 79.0}) is None  # +9.8 %/yr: in line
    # end to end: two more levels of the shipped R&D series
    obs = pd.read_csv(config.OBSERVATIONS_FILE, dtype=str, keep_default_na=False)
    more = pd.DataFrame({"indicator_id": "rd_spending", "region": "langfang", "year": ["2022", "2023"],
                         "value": ["59.6", "65.5"], "unit": "亿元", "status": "final",
                         "source": "test"})  # fmt: skip
    path = tmp_path / "rd_levels.csv"
    pd.concat([obs, more]).fillna("").to_csv(path, index=False)
    r = compute.load_results(path)
    rd = r.gaps[(r.gaps["indicator_id"] == "rd_spending") & (r.gaps["milestone_year"] == 2025)]
    assert rd["status"].tolist() == ["on_track"]
    assert forecast_caveat(rd.iloc[0].to_dict())[0] == "lagging"


def test_a_ceilings_forecast_that_parts_from_its_course_is_named_the_other_way_round():
    """A share below a ceiling of 9 falling 12 → 11.2 → 10.9 → 10.1, forecast to rise to
    10.8 by the anchor's typical growth: no mark, because ceilings were skipped."""
    from langfang_metrics.gaps import forecast_caveat

    ceiling = _caveat_row(comparison="<=", latest_year=2023, latest_value=10.1, projected=10.8,
                          best_growth=-0.8, actual_cagr=-0.633, status="needs_acceleration")  # fmt: skip
    assert forecast_caveat(ceiling) == ("lagging_fall", pytest.approx(0.35))
    assert forecast_caveat({**ceiling, "projected": 9.0}) is None  # falling on: in line
    assert forecast_caveat({**ceiling, "projected": 6.0})[0] == "outrunning_fall"  # -2.05/yr
    rising = {**ceiling, "best_growth": 0.2, "actual_cagr": 0.3, "projected": 9.5}
    assert forecast_caveat(rising) == ("never_fell", pytest.approx(-0.3))
    assert forecast_caveat({**rising, "projected": 10.5}) is None  # rising on: in line


def test_planning_levels_say_when_the_forecast_parts_from_the_series_course():
    """The 2030 levels of high-tech enterprises (905 -> 1,258: +17.9 % a year, forecast at
    +6.9 %) carry the forecast's caveat in the file too, not only beside notebook 03's
    table; without an assessment, or for an indicator in line, the column is empty."""
    from langfang_metrics import compute

    r = compute.load_results()
    caveats = r.planning.groupby("indicator_id")["caveat"].unique()
    assert list(caveats["high_tech_enterprises"]) == ["lagging"]
    words = r.planning.query("indicator_id == 'high_tech_enterprises'").iloc[0]
    assert words["caveat_zh"] == "预测远慢于本指标迄今的平均速度"
    assert words["caveat_en"].startswith("the forecast runs far slower")
    expected = {row["indicator_id"]: gaps.forecast_caveat(row) for row in
                r.gaps.sort_values("milestone_year").to_dict("records")
                if gaps.forecast_caveat(row) is not None}  # fmt: skip
    for iid, found in caveats.items():
        assert list(found) == [expected[iid][0] if iid in expected else ""], iid
    bare = gaps.planning_levels(r.forecasts, year=2030, indicators=r.indicators)
    assert (bare[["caveat", "caveat_zh", "caveat_en"]] == "").all().all()
    # every milestone settled (the data reached 2025): the 2030 forecast is read against
    # the series itself, as the data-grows review found the levels bare of their mark
    settled = r.gaps.assign(status="achieved")
    marks = gaps.planning_levels(r.forecasts, year=2030, assessment=settled).groupby(
        "indicator_id")["caveat"].unique()  # fmt: skip
    assert list(marks["high_tech_enterprises"]) == ["lagging"]
    in_line = r.gaps.assign(status="achieved", best_growth=0.07, actual_cagr=0.07)
    assert (gaps.planning_levels(r.forecasts, year=2030, assessment=in_line)["caveat"] == "").all()


def test_planning_levels_of_an_indicator_to_bring_down_are_ceilings():
    """A count to bring down got the level it reaches *at least* with 80 %: as a ceiling,
    that is met with 20 %."""
    from langfang_metrics import compute
    from langfang_metrics.forecast import prob_meeting

    results = compute.load_results()
    fc = results.forecasts
    iid = "high_tech_enterprises"
    down = results.indicators.assign(direction=np.where(
        results.indicators["indicator_id"] == iid, "decrease", "increase"))  # fmt: skip
    up = gaps.planning_levels(fc, year=2030, indicators=results.indicators)
    levels = gaps.planning_levels(fc, year=2030, indicators=down)
    mine = levels[levels["indicator_id"] == iid].set_index("probability")
    assert set(mine["comparison"]) == {"<="} and set(up["comparison"]) == {">="}
    own = gaps._fc_for(fc, iid)
    for p, level in mine["level"].items():
        assert prob_meeting(own, 2030, level, "<=") == pytest.approx(p, abs=0.01)
    # the more certain ceiling is the higher one; the other indicators are as before
    assert mine.loc[0.95, "level"] > mine.loc[0.5, "level"]
    others = levels["indicator_id"] != iid
    pd.testing.assert_frame_equal(levels[others], up[up["indicator_id"] != iid])


def test_every_caveat_has_its_words_in_both_languages():
    """A ceiling's rise beside its fall so far read "far slower than the average so far"."""
    from langfang_metrics.labels import LABELS

    codes = ("never_rose", "never_fell", "outrunning", "lagging", "outrunning_fall",
             "lagging_fall")  # fmt: skip
    for code in codes:
        assert f"landing.caveat.{code}" in LABELS and f"brief.s_{code}" in LABELS, code
    assert "far from the fall" in LABELS["brief.s_lagging_fall"][1]


def test_a_shares_forecast_read_back_keeps_its_bounds():
    """forecasts.csv carries no bounds: read back, a share of 60 -> 66 had a 2 % chance of
    100.5 % and a 1 % level of 107.7 %."""
    import io

    from langfang_metrics import compute, registry
    from langfang_metrics.forecast import prob_meeting, quantile_at

    ind = registry.load_indicators()
    share = ind[ind["indicator_id"] == "high_tech_industry_share"]
    obs = make_obs([("high_tech_industry_share", 2021, 60.0, "final"),
                    ("high_tech_industry_share", 2022, 66.0, "final")])  # fmt: skip
    in_memory = compute.forecast_all(obs, share)
    assert in_memory.attrs == {}  # one forecast's attrs (its bounds) are not the frame's
    tidy = pd.read_csv(io.StringIO(in_memory.to_csv(index=False)))  # as forecasts.csv is read
    targets = pd.DataFrame({"indicator_id": ["high_tech_industry_share"], "year": [2023],
                            "value": [100.5], "comparison": [">="]})  # fmt: skip
    row = _row(gaps.gap_assessment(share, targets, obs, tidy), "high_tech_industry_share", 2023)
    assert row["p_meet"] == 0
    levels = gaps.planning_levels(tidy, year=2030, indicators=share, probs=(0.01, 0.5))
    assert levels["level"].max() <= 100
    # without the registry the frame is read as it is (its clipped ends)
    bare = gaps._fc_for(tidy, "high_tech_industry_share")
    assert prob_meeting(bare, 2023, 100.5) > 0.01 and quantile_at(bare, 2023, [0.01]).iloc[0] > 100


def test_a_stock_begun_from_nothing_is_graded_by_its_pace_in_units(indicators, targets):
    """Innovation clinics 0, 2, 5, 8 (2020-2023), no plan baseline, target 10 in 2025: a
    compound rate from 0 is undefined, and the row read "insufficient data" while ahead of
    its path and 91 % likely."""
    obs = make_obs([("innovation_clinics", y, v, "final")
                    for y, v in ((2020, 0), (2021, 2), (2022, 5), (2023, 8))])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, obs), "innovation_clinics", 2025)
    assert r["status"] == "on_track" and r["growth_unit"] == "units/yr"
    assert r["actual_cagr"] == pytest.approx(8 / 3) and r["required_cagr"] == pytest.approx(2.0)


def test_a_running_total_already_at_its_target_is_certain_to_hold(indicators, targets):
    """100 projects evaluated by 2021 against at least 100 by 2025: the tail beyond the
    forecast's widest end put 1 % below the total reached, and the row read "99 % likely to
    hold" for a count that cannot fall."""
    from langfang_metrics.compute import forecast_all

    obs = make_obs([("achievements_evaluated", 2021, 100, "final")])
    fc = forecast_all(obs, indicators)
    r = _row(gaps.gap_assessment(indicators, targets, obs, fc), "achievements_evaluated", 2025)
    assert r["status"] == "achieved" and r["p_meet"] == 1.0
    # the forecast itself is untouched: the floor is the total reached, not a new bound
    assert fc.loc[fc["indicator_id"] == "achievements_evaluated", "lo_95"].min() > 100
    # so are planning levels read beyond the widest end (its 99 % level had read 85.8)
    levels = gaps.planning_levels(fc, year=2030, probs=(0.5, 0.99, 0.999),
                                  indicators=indicators, observations=obs)  # fmt: skip
    assert levels["level"].min() >= 100
    bare = gaps.planning_levels(fc, year=2030, probs=(0.999,), indicators=indicators)
    assert bare["level"].iloc[0] < 100  # without the figures the frame alone cannot know


def test_a_milestone_whose_year_the_data_just_reached_keeps_its_forecast(indicators, targets):
    """One 2023 figure of R&D spending took the high-tech 2023 milestone from "on track,
    60 %" to "no 2023 figure" with nothing else: the year is over, so its pace grades
    nothing, but the forecast of that year is still the best word on it until the figure
    comes."""
    from langfang_metrics import compute

    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2022, 1258, "final"),
                    ("rd_spending", 2023, 66, "final")])  # fmt: skip
    fc = compute.forecast_all(obs, indicators)
    table = gaps.gap_assessment(indicators, targets, obs, fc)
    r23 = _row(table, "high_tech_enterprises", 2023)
    assert r23["status"] == "insufficient_data" and r23["ex_post"] == "no_figure"
    assert 0 < r23["p_meet"] < 1 and r23["projected"] > 1258
    r25 = _row(table, "high_tech_enterprises", 2025)  # 2025 still ahead: graded by pace
    assert r25["status"] == "on_track" and pd.isna(r25["ex_post"])


def test_a_target_met_by_a_first_figure_and_lost_is_not_held_as_met(indicators, targets):
    """Clinics 12 in 2021 (no plan baseline, so the path's start) and 9 in 2023 against at
    least 10: the first figure counted as the target met, so at the final evaluation the
    2025 milestone was graded by pace with a forecast instead of "no 2025 figure"."""
    rows = [("innovation_clinics", 2021, 12, "final"), ("innovation_clinics", 2023, 9, "final")]
    for extra in (("tech_smes", 2025, 10000, "final"), ("tech_smes", 2026, 10100, "final")):
        table = gaps.gap_assessment(indicators, targets, make_obs([*rows, extra]))
        r = _row(table, "innovation_clinics", 2025)
        assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure", extra
    # a first figure that meets the target, with nothing after it, has met it
    table = gaps.gap_assessment(indicators, targets, make_obs(rows[:1]))
    assert _row(table, "innovation_clinics", 2025)["status"] == "achieved"


def test_a_rate_target_with_one_figure_keeps_it_when_the_data_reach_its_year(indicators, targets):
    """R&D spending has one figure (2021: 54.03); once any return reached 2025, its row lost
    that figure and the page printed "—" beside the baseline 54.03亿元（2021年）."""
    obs = make_obs([("rd_spending", 2021, 54.03, "final"), ("tech_smes", 2025, 10100, "final")])
    r = _row(gaps.gap_assessment(indicators, targets, obs), "rd_spending", 2025)
    assert (r["latest_year"], r["latest_value"]) == (2021, 54.03)
    assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure"
    # and before the data reach 2025 it shows the same figure: the row read "—" in the
    # shipped report and "54.03亿元（2021年）" once a return for another indicator came in
    r = _row(gaps.gap_assessment(indicators, targets, obs.iloc[:1]), "rd_spending", 2025)
    assert (r["latest_year"], r["latest_value"]) == (2021, 54.03)
    assert r["status"] == "insufficient_data"


def test_a_first_figure_from_the_milestones_own_year_is_the_outcome_not_a_baseline(
    indicators, targets
):
    """Tech leaders (no plan baseline) have one figure, 12 in 2025: the table read
    "12家（2025年）→ 10家" as if 2025 were the baseline of a 2025 target, and the landing
    page called the graded outcome "baseline only"."""
    obs = make_obs([("tech_leader_enterprises", 2025, 12, "final"),
                    ("devzone_high_tech_enterprises", 2025, 900, "preliminary"),
                    ("gazelle_unicorn_seed", 2022, 40, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    r = _row(table, "tech_leader_enterprises", 2025)
    assert pd.isna(r["baseline_year"]) and pd.isna(r["baseline_value"])
    assert (r["latest_year"], r["latest_value"]) == (2025, 12)
    assert r["status"] == "achieved" and r["ex_post"] == "met"
    d = _row(table, "devzone_high_tech_enterprises", 2025)
    assert pd.isna(d["baseline_year"]) and d["status"] == "missed"
    assert _row(table, "gazelle_unicorn_seed", 2025)["baseline_year"] == 2022  # before: kept
    from langfang_metrics import landing

    overview = table.assign(name=table["indicator_id"])
    _year, groups = landing.data_years(overview, obs, lang="en")
    assert groups[2025] == ["tech_leader_enterprises", "devzone_high_tech_enterprises"]


def test_a_stock_met_before_its_year_says_that_years_figure_is_owed(indicators, targets):
    """104 gazelle firms in 2024 met the 2025 target of 100; with the data run to 2025 the row
    read "achieved, 77 % likely to hold" for a year gone by, with no word of the owed figure."""
    obs = make_obs([("gazelle_unicorn_seed", 2022, 40, "final"),
                    ("gazelle_unicorn_seed", 2024, 104, "final"),
                    ("tech_smes", 2025, 10100, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, obs), "gazelle_unicorn_seed", 2025)
    assert r["status"] == "achieved" and r["ex_post"] == "no_figure"


@pytest.mark.parametrize("interim", [905.0, 900.0])
def test_a_path_that_asks_no_progress_yet_leaves_the_pace_to_the_target(
    indicators, targets, interim
):
    """An interim target the baseline already meets makes the path flat to 2023: graded on
    that path's 0, the 2025 row read "a level to hold" and "insufficient progress" for a
    series growing 15 % a year toward 1,500 (found by the diff review)."""
    t = targets.copy()
    t.loc[(t["indicator_id"] == "high_tech_enterprises") & (t["year"] == 2023), "value"] = interim
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2022, 1200, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, t, obs), "high_tech_enterprises", 2025)
    assert r["required_to"] == 2025
    assert r["required_cagr"] == pytest.approx((1500 / 905) ** (1 / 5) - 1)
    assert r["status"] == "on_track"


def test_a_milestone_past_without_its_figure_says_so_and_where_the_path_stood(indicators, targets):
    """Data to 2025: 1,350 firms in 2022 met the 2023 target, and 2024's 1,550 the 2025 one,
    with neither year's own figure. Only the year the data had just reached was marked as
    owed, and only its row said where the path stood (found by the diff review)."""
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2022, 1350, "final"),
                    ("high_tech_enterprises", 2024, 1550, "final"),
                    ("tech_smes", 2025, 9900, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    for year in (2023, 2025):
        r = _row(table, "high_tech_enterprises", year)
        assert r["status"] == "achieved" and r["ex_post"] == "no_figure", year
    # not met before a year gone by: not graded, with the path at its latest figure
    short = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                      ("high_tech_enterprises", 2022, 1200, "final"),
                      ("high_tech_enterprises", 2024, 1400, "final"),
                      ("tech_smes", 2025, 9900, "final")])  # fmt: skip
    r = _row(gaps.gap_assessment(indicators, targets, short), "high_tech_enterprises", 2023)
    assert r["status"] == "insufficient_data" and r["ex_post"] == "no_figure"
    assert r["latest_year"] == 2022
    assert r["expected_on_path"] == pytest.approx(905 * (1300 / 905) ** (2 / 3))


def test_a_growth_rate_targets_growth_figures_are_set_against_its_rate(indicators, targets):
    """One R&D level (2021) and "2022 growth 10 % or more" read "insufficient data" and
    nothing else: the growth figure held is set against the 10 % a year asked for, a bound
    telling only where it can."""
    ind = indicators  # the registry: rd_spending_growth is the growth of rd_spending
    obs = make_obs([("rd_spending", 2021, 54.03, "final"),
                    ("rd_spending_growth", 2019, 7.0, "final"),  # before the plan: not shown
                    ("rd_spending_growth", 2021, 8.0, "lower-bound"),  # at least 8: unknown
                    ("rd_spending_growth", 2022, 10.0, "lower-bound"),  # at least 10: met
                    ("rd_spending_growth", 2023, 9.0, "estimate"),
                    ("rd_spending_growth", 2023, 12.0, "lower-bound"),  # a figure wins
                    ("rd_spending_growth", 2024, 11.0, "upper-bound"),  # at most 11: unknown
                    ("hebei_growth_not_linked", 2022, 3.0, "final")])  # fmt: skip
    obs = pd.concat(
        [obs, make_obs([("rd_spending_growth", 2022, 1.0, "final")]).assign(region="hebei")],
        ignore_index=True,
    )  # another region's figure: not Langfang's
    r = gaps.rate_years(ind, targets, obs)
    assert list(r["indicator_id"].unique()) == ["rd_spending"]
    assert list(r["year"]) == [2021, 2022, 2023, 2024]
    assert list(r["status"]) == ["lower-bound", "lower-bound", "estimate", "upper-bound"]
    assert [None if pd.isna(m) else bool(m) for m in r["met"]] == [None, True, False, None]
    assert set(r["target"]) == {10.0}
    assert list(r["estimated"]) == [False, False, True, False]  # the estimate says so
    said = obs.assign(quote=np.where(obs["year"] == 2022, "全社会研发经费投入预计增长10%以上", ""))
    assert list(gaps.rate_years(ind, targets, said)["estimated"]) == [False, True, True, False]
    assert list(gaps.rate_years(ind, targets, obs, as_of=2022)["year"]) == [2021, 2022]
    # the year's own levels outrun an estimate of its growth: "≥10% (estimate)" stood beside
    # final levels 54.35 → 59.123 (+8.8 %: the officer's review); a bound that is no
    # estimate stays (the rate check sets it against the levels), and so does an estimate
    # with the year before's level missing or itself estimated
    levels = make_obs([("rd_spending", 2022, 59.123, "final"),
                       ("rd_spending", 2023, 65.0, "estimate")])  # fmt: skip
    now = gaps.rate_years(ind, targets, pd.concat([said, levels], ignore_index=True))
    assert list(now["year"]) == [2021, 2023, 2024]
    assert list(gaps.rate_years(ind, targets, pd.concat([obs, levels], ignore_index=True))["year"]) == [
        2021, 2022, 2023, 2024]  # fmt: skip
    # no link in the registry (an older one), or an empty column read as NaN: nothing to
    # show, no error (the page, the brief and the workbook stopped on .str of floats)
    assert gaps.rate_years(indicators.drop(columns="rate_of"), targets, obs).empty
    assert gaps.rate_years(indicators.assign(rate_of=np.nan), targets, obs).empty


def test_a_row_without_a_figure_says_where_its_path_stands_by_the_data_year(indicators, targets):
    """Twenty rows of the page said only "—" (the planner's review): a row with no figure
    after its baseline and a milestone still ahead gives the path's level in the year the
    data run to; one with a figure, a yearly flow, a row without a baseline or a milestone
    already past give none."""
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2022, 1258, "final"),
                    ("key_core_tech_per_year", 2021, 12, "final"),
                    ("rd_spending", 2021, 54.03, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    # a latest figure that is the path's start is no figure after it (the diff review): R&D
    # spending at 10 % a year from its 54.03 of 2021
    rd = _row(table, "rd_spending", 2025)
    assert rd["latest_year"] == rd["baseline_year"] == 2021
    assert rd["expected_by_as_of"] == pytest.approx(54.03 * 1.1)
    smes = _row(table, "tech_smes", 2025)  # 8,796 (2020) → 10,000 (2025), no figure
    assert smes["as_of"] == 2022 and pd.isna(smes["latest_value"])
    assert smes["expected_by_as_of"] == pytest.approx(8796 * (10000 / 8796) ** (2 / 5))
    assert pd.isna(_row(table, "high_tech_enterprises", 2025)["expected_by_as_of"])  # a figure
    assert pd.isna(_row(table, "key_core_tech_per_year", 2025)["expected_by_as_of"])  # flow
    assert pd.isna(_row(table, "gazelle_unicorn_seed", 2025)["expected_by_as_of"])  # no base
    late = gaps.gap_assessment(indicators, targets, obs, as_of=2025)  # the year is in
    assert late["expected_by_as_of"].isna().all()


def test_a_first_figure_that_already_meets_its_target_is_not_called_baseline_only(
    indicators, targets
):
    """1,020 IP-advantage firms in 2024 (no plan baseline: the first figure anchors the
    path) against 1,000 by 2025 read "（仅基期值）" in the page's list of latest years beside
    "已实现" (the e2e review); a first figure short of its target is its path's start only
    (no baseline the plan gives: the planner's review)."""
    from langfang_metrics import landing

    obs = make_obs([("ip_advantage_firms", 2024, 1020, "final"),
                    ("gazelle_unicorn_seed", 2024, 40, "final")])  # fmt: skip
    table = gaps.gap_assessment(indicators, targets, obs)
    assert _row(table, "ip_advantage_firms", 2025)["status"] == "achieved"
    overview = table.assign(name=table["indicator_id"])
    _year, groups = landing.data_years(overview, obs, lang="zh")
    assert "ip_advantage_firms" in groups[2024]
    assert "gazelle_unicorn_seed（仅起算值）" in groups[2024]


def test_a_bound_in_the_milestone_year_that_decides_the_target_settles_it(tmp_path):
    """ "全市科技特派员1000余人" for 2025 against a target of 1,000, with 905 in 2024: the page
    said "insufficient data … probability 37 %" while the brief said the target was known to
    be met (the final-evaluation review). It is achieved, graded as if 2025 had that figure
    (progress, path and pace too: the dashboard had drawn 47 % "achieved"), provisionally; an
    upper bound short of the target settles it as missed; a bound that decides nothing, or
    one after the as-of year, settles nothing. The brief, page and workbook are built from
    it (the brief had raised KeyError on the bound's status: the diff review)."""
    from langfang_metrics import brief, compute, export, landing, views

    def run(lines, **kw):
        obs = tmp_path / "obs.csv"
        obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8") + "".join(
            "tech_commissioners,langfang,{},{},人,{},{},,,,\n".format(*line.split(","))
            for line in lines),
            encoding="utf-8")  # fmt: skip
        r = compute.load_results(obs, **kw)
        return r, r.gaps[r.gaps["indicator_id"] == "tech_commissioners"].iloc[0]

    held = ["2023,820,final,test", "2024,905,final,test"]
    r, row = run([*held, "2025,1000,lower-bound,全市科技特派员1000余人"])
    assert (row["status"], row["ex_post"], row["p_meet"]) == ("achieved", "met", 1.0)
    assert (row["latest_year"], row["latest_value"], row["latest_status"]) == (
        2025, 1000.0, "lower-bound")  # fmt: skip
    assert row["latest_source"] == "全市科技特派员1000余人"
    assert row["progress_share"] == 1.0 and row["time_share"] == 1.0
    assert row["expected_on_path"] == 1000.0 and pd.isna(row["projected_lo_80"])
    assert pd.isna(row["required_cagr_from_latest"])
    assert views.provisional_outcome(row)
    assert views.outcome_words(row, "zh") == "依据下限，待确切数字"
    assert views.outcome_words(row, "en") == "on a lower bound, exact figure pending"
    said = "".join(brief.results_narrative(r, lang="zh")["sentence"])
    assert "2025年仅有下限数字（不低于1,000人），已可知达到目标，按已实现计，待确切数字。" in said
    assert "该结果依据" not in said.split("备案科技特派员")[1].split("。")[0]  # said once
    assert "1,000人（2025年，下限）" in landing.landing_html(r, lang="zh")
    path = export.write_results_workbook(r, tmp_path / "w.xlsx", lang="en")
    assert path.exists()
    # an upper bound under the target: missed on it, provisionally
    r, row = run([*held, "2025,900,upper-bound,不超过900人"])
    assert (row["status"], row["ex_post"], row["p_meet"]) == ("missed", "missed", 0.0)
    assert views.provisional_outcome(row) and row["ex_post_gap"] == -100.0
    said = "".join(brief.results_narrative(r, lang="en")["sentence"])
    assert "so the target is known to be missed: it counts as missed, provisionally" in said
    # beside a figure of another definition of the same year, still decided
    r, row = run([*held, "2025,1000,lower-bound,1000余人", "2025,1200,other-definition,x"])
    assert row["status"] == "achieved" and row["latest_status"] == "lower-bound"
    # a bound that decides nothing, on either side
    for bound in ("2025,990,lower-bound,990余人", "2025,1100,upper-bound,不超过1100人"):
        _, row = run([*held, bound])
        assert row["status"] != "achieved" and row["ex_post"] not in ("met", "missed")
    # a run as of 2024 knows nothing of 2025's bound
    _, row = run([*held, "2025,1000,lower-bound,1000余人"], as_of=2024)
    assert row["latest_year"] == 2024 and row["ex_post"] != "met"
    # a bound alone, no figure before it: decided all the same (it read "insufficient data"
    # beside its own latest figure: the diff review), with no pace to a limit
    _, row = run(["2025,1000,lower-bound,1000余人"])
    assert (row["status"], row["ex_post"], row["latest_status"]) == ("achieved", "met",
                                                                     "lower-bound")  # fmt: skip
    assert pd.isna(row["best_growth"]) and pd.isna(row["latest_growth"])
    # bounds of one year that contradict each other decide nothing
    _, row = run([*held, "2025,1050,lower-bound,1050余人", "2025,950,upper-bound,不超过950人"])
    assert row["status"] != "achieved" and row["ex_post"] not in ("met", "missed")


def test_a_bound_decides_nothing_in_a_year_not_over():
    """ "截至6月不超过8项" typed as an upper bound of the year: a yearly count still grows, so
    during the year no bound settles its milestone (the diff review)."""
    ind = pd.Series({"indicator_id": "x", "kind": "flow"})
    target = pd.Series({"year": 2025, "value": 10.0, "comparison": ">="})
    bound = pd.DataFrame({"indicator_id": ["x"], "year": [2025], "value": [8.0],
                          "status": ["upper-bound"], "region": ["langfang"]})  # fmt: skip
    y = pd.Series([9.0], index=[2024])
    assert gaps.deciding_bound(ind, target, y, bound, over=False) is None
    assert gaps.deciding_bound(ind, target, y, bound)["value"] == 8.0


def test_a_bound_decides_a_ceiling_from_its_own_side():
    """At most 3 against a ceiling of 5 meets it; at least 6 fails it; at least 3 and at
    most 6 decide nothing."""
    ind = pd.Series({"indicator_id": "x", "kind": "stock"})
    target = pd.Series({"year": 2025, "value": 5.0, "comparison": "<="})
    y = pd.Series([4.0], index=[2024])

    def bound(value, status):
        return pd.DataFrame({"indicator_id": ["x"], "year": [2025], "value": [value],
                             "status": [status], "region": ["langfang"]})  # fmt: skip

    assert gaps.deciding_bound(ind, target, y, bound(3.0, "upper-bound"))["value"] == 3.0
    assert gaps.deciding_bound(ind, target, y, bound(6.0, "lower-bound"))["value"] == 6.0
    assert gaps.deciding_bound(ind, target, y, bound(3.0, "lower-bound")) is None
    assert gaps.deciding_bound(ind, target, y, bound(6.0, "upper-bound")) is None
    # the year's own figure, or a growth-rate target: never a bound
    assert gaps.deciding_bound(ind, target, pd.Series([4.0], index=[2025]),
                               bound(3.0, "upper-bound")) is None  # fmt: skip
    rate = ind.copy()
    rate["kind"] = "growth_rate"
    assert gaps.deciding_bound(rate, target, y, bound(3.0, "upper-bound")) is None


def test_a_net_increase_spread_over_years_without_figures_is_counted_in_whole_firms():
    """905 firms in 2020 and 1,258 in 2022 gave 176.5 new firms a year in the fiscal table:
    a counted increase has no half firm. Whole parts that add up to it; a fractional total
    (not a count) is split evenly."""
    parts = [gaps.spread_share(353, k, 2) for k in (1, 2)]
    assert parts == [177.0, 176.0] and sum(parts) == 353
    three = [gaps.spread_share(10, k, 3) for k in (1, 2, 3)]
    assert all(p == int(p) for p in three) and sum(three) == 10
    assert gaps.spread_share(7.5, 1, 2) == 3.75
    with pytest.raises(ValueError, match="not in the span"):
        gaps.spread_share(10, 3, 2)
