import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import make_obs
from hypothesis import given, settings
from hypothesis import strategies as st

from langfang_metrics import registry, trajectories


@pytest.fixture(scope="module")
def indicators():
    return registry.load_indicators().set_index("indicator_id", drop=False)


@pytest.fixture(scope="module")
def targets():
    return registry.load_targets()


def test_high_tech_path_hits_both_milestones(indicators, targets):
    path = trajectories.required_path(indicators.loc["high_tech_enterprises"], targets)
    s = path.set_index("year")["value"]
    assert list(s.index) == list(range(2020, 2026))
    assert s[2020] == 905 and s[2023] == 1300 and s[2025] == 1500
    assert s[2021] == pytest.approx(905 * 1.128318, rel=1e-5)
    assert set(path["path"]) == {"required"}


def test_segment_growth_pins_plan_rates(indicators, targets):
    ind = indicators.reset_index(drop=True)
    seg = trajectories.all_segments(trajectories.all_trajectories(ind, targets), ind, targets)
    hte = seg[seg["indicator_id"] == "high_tech_enterprises"].set_index("segment")
    # (1300/905)^(1/3) - 1 = 12.832 %: the issue quotes it truncated as 12.82 %.
    assert hte.loc["2020-2023", "annual_growth"] == pytest.approx(0.128318, abs=1e-6)
    assert hte.loc["overall", "annual_growth"] == pytest.approx(0.106340, abs=1e-6)
    assert hte.loc["2023-2025", "annual_growth"] == pytest.approx(0.0742, abs=5e-5)
    assert hte["consistent"].all()


def test_share_path_is_linear_in_points(indicators, targets):
    path = trajectories.required_path(indicators.loc["high_tech_industry_share"], targets)
    assert np.allclose(np.diff(path["value"]), 0.88)


def test_cumulative_path_starts_at_zero(indicators, targets):
    path = trajectories.required_path(indicators.loc["specialised_smes_new"], targets)
    assert path["value"].tolist() == pytest.approx([0, 80, 160, 240, 320, 400])


def test_flow_target_applies_each_year(indicators, targets):
    path = trajectories.required_path(indicators.loc["key_core_tech_per_year"], targets)
    assert path["year"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert (path["value"] == 10).all()
    # a first figure above the target does not start a line down to it: each year asks 10
    obs = make_obs([("key_core_tech_per_year", 2021, 12, "final")])
    with warnings.catch_warnings():
        warnings.simplefilter("error", trajectories.MilestoneWarning)
        seen = trajectories.required_path(indicators.loc["key_core_tech_per_year"], targets, obs)
    assert seen["year"].tolist() == [2021, 2022, 2023, 2024, 2025] and (seen["value"] == 10).all()


def test_a_first_figure_already_past_its_target_needs_no_path(indicators, targets):
    obs = make_obs([("ip_advantage_firms", 2024, 1020, "final")])
    with warnings.catch_warnings():
        warnings.simplefilter("error", trajectories.MilestoneWarning)  # no "inconsistent" warning
        path = trajectories.required_path(indicators.loc["ip_advantage_firms"], targets, obs)
    assert path.empty
    below = make_obs([("ip_advantage_firms", 2024, 900, "final")])
    path = trajectories.required_path(indicators.loc["ip_advantage_firms"], targets, below)
    assert path["value"].tolist() == [900, 1000]


def test_no_anchor_gives_empty_path(indicators, targets):
    path = trajectories.required_path(indicators.loc["tech_commissioners"], targets)
    assert path.empty and list(path.columns) == trajectories.TRAJECTORY_COLUMNS


def test_anchor_from_first_observation_when_plan_has_no_baseline(indicators, targets):
    obs = make_obs(
        [("tech_commissioners", 2019, 100, "final"), ("tech_commissioners", 2021, 400, "final")]
    )
    path = trajectories.required_path(indicators.loc["tech_commissioners"], targets, obs)
    assert path["year"].iloc[0] == 2021 and path["value"].iloc[0] == 400
    assert path["value"].iloc[-1] == 1000


def test_rd_path_compounds_from_first_observation():
    obs = make_obs([("rd_spending", 2021, 54.03, "final"), ("rd_spending", 2022, 60, "estimate")])
    path = trajectories.rd_path(obs)
    s = path.set_index("year")["value"]
    assert s[2021] == 54.03
    assert s[2025] == pytest.approx(54.03 * 1.1**4)
    assert set(path["path"]) == {"rd_10pct"}
    fast = trajectories.rd_path(obs, rate=0.2, base_year=2020, base_value=50)
    assert fast.set_index("year")["value"][2022] == pytest.approx(72)


def test_rd_path_without_observations_is_empty():
    assert trajectories.rd_path(make_obs([("gdp", 2021, 1, "final")])).empty


def test_inconsistent_milestones_warn():
    with pytest.warns(trajectories.MilestoneWarning, match="against the desired direction"):
        ok = trajectories.check_milestones(
            "x", [(2020, 10), (2023, 20), (2025, 15)], direction="increase"
        )
    assert not ok


def test_registry_paths_raise_no_milestone_warning(indicators, targets):
    with warnings.catch_warnings():
        warnings.simplefilter("error", trajectories.MilestoneWarning)
        trajectories.all_trajectories(indicators.reset_index(drop=True), targets)


def test_interpolate_rejects_bad_input():
    with pytest.raises(ValueError, match="shape must be"):
        trajectories.interpolate([(2020, 1), (2021, 2)], shape="cubic")
    with pytest.raises(ValueError, match="must increase"):
        trajectories.interpolate([(2021, 1), (2021, 2)])


@settings(max_examples=200, deadline=None)
@given(
    base=st.floats(0.01, 1e6),
    steps=st.lists(st.tuples(st.integers(1, 6), st.floats(0.01, 1e6)), min_size=1, max_size=4),
    shape=st.sampled_from(["geometric", "linear"]),
)
def test_any_path_hits_its_milestones_exactly(base, steps, shape):
    points, year = [(2020, base)], 2020
    for gap, value in steps:
        year += gap
        points.append((year, value))
    s = trajectories.interpolate(points, shape=shape)
    for y, v in points:
        assert s[y] == v
    assert list(s.index) == list(range(2020, year + 1))


def test_segment_consistency_follows_direction():
    path = pd.DataFrame(
        {"indicator_id": "x", "year": [2020, 2023, 2025], "path": "required", "value": [10, 8, 6]}
    )
    down = trajectories.segment_growth(
        path, [2020, 2023, 2025], shape="linear", direction="decrease"
    )
    up = trajectories.segment_growth(path, [2020, 2023, 2025], shape="linear", direction="increase")
    assert down["consistent"].all() and not up["consistent"].any()
    assert down.set_index("segment").loc["overall", "annual_increment"] == pytest.approx(-0.8)


@pytest.mark.parametrize(
    ("points", "match"),
    [
        ([(2020, np.nan), (2025, 2.0)], r"whole year and a finite value, got \(2020, nan\)"),
        ([(2020.5, 1.0), (2025, 2.0)], r"whole year and a finite value, got \(2020.5, 1.0\)"),
        ([(2020, "many"), (2025, 2.0)], r"\(year, value\) pair of numbers, got \(2020, 'many'\)"),
        ([2020, (2025, 2.0)], r"\(year, value\) pair of numbers, got 2020"),
        ([], r"at least one \(year, value\) point"),
    ],
)
def test_interpolate_refuses_bad_milestones(points, match):
    with pytest.raises(ValueError, match=match):
        trajectories.interpolate(points)


def test_options_that_used_to_mean_something_else_are_refused():
    import numpy as np

    from langfang_metrics import gaps, trajectories

    with pytest.raises(ValueError, match="direction must be 'increase' or 'decrease'"):
        trajectories.check_milestones("x", [(2020, 5.0), (2025, 1.0)], direction="Increase")
    with pytest.raises(ValueError, match="kind must be one of"):
        gaps.growth_mode("stok")
    obs = pd.DataFrame({"indicator_id": "rd_spending", "region": "langfang", "year": [2021],
                        "value": [54.03], "status": "final"})  # fmt: skip
    with pytest.raises(ValueError, match=r"a fraction a year \(0.10 for 10%\), got 10"):
        trajectories.rd_path(obs, rate=10)
    with pytest.raises(ValueError, match="base_year and base_value together"):
        trajectories.rd_path(obs, base_year=2019)
    with pytest.raises(ValueError, match="finite number"):
        trajectories.rd_path(obs, base_year=2021, base_value=np.nan)
    assert trajectories.rd_path(obs)["value"].iloc[-1] == pytest.approx(54.03 * 1.1**4)


def test_segment_growth_refuses_points_the_path_does_not_hold():
    from langfang_metrics import trajectories

    path = pd.DataFrame({"indicator_id": "a", "year": range(2020, 2026),
                         "value": [1.0, 2, 3, 4, 5, 6]})  # fmt: skip
    for points, message in (([2019, 2025], r"does not reach the year\(s\) \[2019\]"),
                            ([2020], "two or more increasing years"),
                            ([2025, 2020], "two or more increasing years")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            trajectories.segment_growth(path, points, shape="geometric")
    with pytest.raises(ValueError, match="a year twice"):
        trajectories.segment_growth(pd.concat([path, path]), [2020, 2025], shape="linear")


def test_a_reported_growth_of_the_first_years_figure_starts_the_rate_path_a_year_earlier(
    tmp_path,
):
    """R&D spending's first figure is 2021's, and the plan's 10 % a year counts from 2020:
    with 2021's growth reported (12 %), the path starts from the 2020 level it implies, so
    the five years' average is judged (+10.0 %, met), not four (+9.5 %, missed: the
    final-evaluation review). Said where the baseline is shown, and drawn on the R&D chart;
    an estimate of the growth does not count."""
    import matplotlib.pyplot as plt

    from langfang_metrics import compute, config, plots, views

    def run(growth_status):
        obs = tmp_path / "obs.csv"
        rows = [("rd_spending", 2022, 61.0, "final"), ("rd_spending", 2023, 64.6, "final"),
                ("rd_spending", 2024, 71.4, "final"), ("rd_spending", 2025, 77.8, "final"),
                ("rd_spending_growth", 2021, 12.0, growth_status)]  # fmt: skip
        obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8") + "".join(
            f"{i},langfang,{y},{v},{'%' if 'growth' in i else '亿元'},{s},test,,,,\n"
            for i, y, v, s in rows), encoding="utf-8")  # fmt: skip
        return compute.load_results(obs)

    r = run("final")
    row = r.gaps[r.gaps["indicator_id"] == "rd_spending"].iloc[0]
    assert (row["baseline_year"], row["baseline_source"]) == (2020, "derived")
    assert row["baseline_value"] == pytest.approx(54.03 / 1.12)
    assert row["actual_cagr"] == pytest.approx((77.8 * 1.12 / 54.03) ** (1 / 5) - 1)
    assert row["status"] == "achieved"
    shown = views.milestone_table(r.gaps, r.indicators, milestone_year=2025, lang="zh").data
    cell = shown.loc[shown.iloc[:, 0] == "全社会研发经费投入"].iloc[0, 2]
    assert cell.startswith("48.2亿元（2020年，按2021年增速推算）")
    path = r.trajectories[r.trajectories["path"] == "rd_10pct"]
    assert path["year"].min() == 2020
    fig = plots.rd_path_chart(r.observations, trajectories=r.trajectories,
                              indicators=r.indicators, lang="en")  # fmt: skip
    grown = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "rd-growth-2021"]
    assert grown == ["+12.0%"]
    plt.close(fig)
    # an estimate of the year's growth is no whole year's figure: the path starts at 2021
    row = run("estimate").gaps.set_index("indicator_id").loc["rd_spending"]
    assert (row["baseline_year"], row["baseline_source"]) == (2021, "observation")
    assert row["status"] == "missed"
