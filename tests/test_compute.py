"""Forecasting and assessment over the shipped data: every series, every target."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from langfang_metrics import compute, config, load_observations, views
from langfang_metrics.errors import InsufficientDataError
from langfang_metrics.forecast import forecast
from langfang_metrics.registry import load_indicators, load_targets
from langfang_metrics.series import select_series


@pytest.fixture(scope="module")
def results():
    return compute.load_results()


def test_forecast_works_on_every_shipped_series():
    obs = load_observations()
    by_id = load_indicators().set_index("indicator_id")
    tried = refused = 0
    for (iid, region), _ in obs.groupby(["indicator_id", "region"]):
        y = select_series(obs, iid, region=region)
        bounds = compute.bounds_for(by_id.loc[iid])
        if len(y) < 2:
            with pytest.raises(InsufficientDataError):
                forecast(y, 3, bounds=bounds)
            refused += 1
            continue
        fc = forecast(y, 3, bounds=bounds)
        tried += 1
        assert np.isfinite(fc.to_numpy()).all(), (iid, region)
        assert (fc["lo_95"] <= fc["mean"]).all() and (fc["mean"] <= fc["hi_95"]).all()
        if bounds[0] is not None:
            assert (fc["lo_95"] >= bounds[0]).all()
    assert tried >= 10 and refused >= 1


def test_results_cover_every_target(results):
    assert set(results.gaps["indicator_id"]) == set(results.targets["indicator_id"])
    assert set(results.forecasts["indicator_id"]) <= set(results.targets["indicator_id"])
    assert results.forecasts["year"].max() == compute.FORECAST_END_YEAR
    assert (results.planning["year"] == compute.FORECAST_END_YEAR).all()


def test_fiscal_exposure_uses_award_and_split(results):
    fe = results.fiscal_exposure
    assert list(fe["year"]) == list(range(2021, 2026))
    assert np.allclose(fe["cost_wan"], fe["new_firms"] * 20)
    # "對新認定的高新技術企業市級給予20萬元獎補": the city pays a new certification's award;
    # the 50/50 split after it is the re-certification award's (it was applied to both)
    assert np.allclose(fe["cost_city_wan"], fe["cost_wan"])
    assert np.allclose(fe["cost_county_wan"], 0)
    # 905 (2020) -> 1258 (2022): 353 new firms spread over 2021-2022, in whole firms (a
    # counted net increase has no half firm: 176.5 each read as a forecast's median)
    counted = fe.loc[fe["year"] <= 2022, "new_firms"]
    assert counted.tolist() == [177.0, 176.0] and counted.sum() == 353
    # the interval counts from 2020 as the cumulative does: it holds it
    ahead = fe[fe["basis"] == "forecast"]
    assert (ahead["cum_new_lo_80"] >= 353).all()
    assert (ahead["cum_new_lo_80"] <= ahead["cum_new_firms"]).all()
    assert (ahead["cum_new_firms"] <= ahead["cum_new_hi_80"]).all()
    # and the cumulative cost carries the same range (a cost stood alone beside it)
    assert np.allclose(ahead["cum_cost_lo_80_wan"], ahead["cum_new_lo_80"] * 20)
    assert (ahead["cum_cost_lo_80_wan"] <= ahead["cum_cost_wan"]).all()
    assert (ahead["cum_cost_wan"] <= ahead["cum_cost_hi_80_wan"]).all()


def test_vintage_reruns_with_less_data():
    early = compute.load_results(as_of=2021)
    assert early.observations["year"].max() <= 2021
    assert "high_tech_enterprises" not in set(early.forecasts["indicator_id"])  # one point only
    assert config.HOME_REGION == "langfang"


def test_backtests_keep_their_columns_and_methods():
    obs = load_observations()
    ind = load_indicators()
    bt, acc = compute.backtest_all(obs, ind)  # Langfang series are too short: no origin
    assert bt.empty and {"origin", "year", "h", "actual", "mean", "lo_80"} <= set(bt.columns)
    assert acc.empty and {"method", "smape", "mase", "coverage_80"} <= set(acc.columns)
    national = obs.assign(region=obs["region"].replace({"china": "langfang", "langfang": "x"}))
    bt, acc = compute.backtest_all(national, ind)
    assert not bt.empty and "overall" in set(acc["method"])
    assert acc["indicator_id"].notna().all()


# --------------------------------------------------------------------------- comparable regions
def _regions(n_cities: int) -> pd.DataFrame:
    from langfang_metrics.registry import load_regions

    cities = pd.DataFrame({"region": [f"city{k:02d}" for k in range(n_cities)],
                           "name_zh": [f"城市{k}" for k in range(n_cities)],
                           "name_en": [f"City {k}" for k in range(n_cities)],
                           "level": "city", "note": "synthetic"})  # fmt: skip
    return pd.concat([load_regions(), cities], ignore_index=True)


def _peer_obs(n_cities: int, years=range(2016, 2023), growth=0.01, late=None):
    """Langfang's three high-tech figures plus slow-growing peer cities (made here)."""
    rows = [("langfang", 2020, 905.0), ("langfang", 2021, 1050.0), ("langfang", 2022, 1258.0)]
    for k in range(n_cities):
        for j, year in enumerate(years):
            wobble = 0.02 * ((k * 7 + j * 3) % 5 - 2)  # deterministic, different per city
            rows.append((f"city{k:02d}", year, 400.0 * (1 + k / 10) * np.exp(growth * j + wobble)))
        if late is not None:  # a figure after Langfang's last year
            rows.append((f"city{k:02d}", 2023, late))
    return pd.DataFrame([{"indicator_id": "high_tech_enterprises", "region": r, "year": y,
                          "value": v, "status": "final"} for r, y, v in rows])  # fmt: skip


def test_comparable_regions_are_other_regions_of_the_same_level():
    regions = _regions(3)
    assert compute.comparable_regions(regions) == ["city00", "city01", "city02"]
    assert compute.comparable_regions(regions, "city01") == ["city00", "city02", "langfang"]
    assert compute.comparable_regions(regions, "hebei") == []  # no other province
    assert compute.comparable_regions(None) == []


def test_short_home_series_is_anchored_to_twenty_peer_cities():
    from langfang_metrics.forecast import DEFAULT_ANCHOR, collection_anchor

    ind = load_indicators()
    obs, regions = _peer_obs(25), _regions(25)
    anchored = compute.forecast_all(obs, ind, regions=regions)
    default = compute.forecast_all(obs, ind)
    assert set(anchored["method"]) == {"growth"}
    peers = obs[obs["region"] != "langfang"].rename(columns={"region": "series_id"})
    anchor = collection_anchor(peers)
    assert 0 < anchor.growth < 0.02 < DEFAULT_ANCHOR.growth  # the peers grow slowly
    y = select_series(obs, "high_tech_enterprises")
    expected = forecast(y, compute.FORECAST_END_YEAR - 2022, reference=anchor, bounds=(0.0, None))
    assert np.allclose(anchored["mean"], expected["mean"]) and np.allclose(
        anchored["hi_95"], expected["hi_95"]
    )
    # slow-growing peers pull the median well below the default's
    assert anchored["mean"].iloc[-1] < 0.8 * default["mean"].iloc[-1]
    table = compute.reference_anchors(anchored, obs, regions)
    assert table.loc[0, "basis"] == "comparable" and table.loc[0, "series_growth"] == 25
    assert table.loc[0, "growth"] == pytest.approx(anchor.growth)


def test_too_few_peers_keep_the_default_and_say_so():
    ind = load_indicators()
    obs, regions = _peer_obs(19), _regions(19)
    assert compute.forecast_all(obs, ind, regions=regions).equals(compute.forecast_all(obs, ind))
    table = compute.reference_anchors(compute.forecast_all(obs, ind, regions=regions), obs, regions)
    assert table.loc[0, "basis"] == "default" and table.loc[0, "series_growth"] == 19
    # which peers counted is on record, and the page says why the default is still used
    assert table.loc[0, "regions_registered"] == 19 and table.loc[0, "regions_with_figures"] == 19
    assert len(table.loc[0, "regions"].split(";")) == 19
    note = views.reference_note(table, ind, lang="en")
    assert "19 regions of the same level are registered; at most 19 of them" in note


def test_peers_without_usable_figures_are_listed_as_left_out():
    """A city with a single figure, or a zero, was dropped without a word."""
    ind = load_indicators()
    obs, regions = _peer_obs(20), _regions(20)
    first = obs["region"] == "city00"
    lone = obs[~first | (obs["year"] == 2016)]  # one city with one figure: no growth
    table = compute.reference_anchors(compute.forecast_all(lone, ind, regions=regions), lone,
                                      regions)  # fmt: skip
    row = table.iloc[0]
    assert row["regions_registered"] == 20 and row["regions_with_figures"] == 20
    assert row["series_growth"] == 19 and row["basis"] == "default"


def test_peer_figures_after_the_origin_are_never_used():
    ind = load_indicators()
    regions = _regions(25)
    calm, wild = _peer_obs(25), _peer_obs(25, late=5.0)  # every peer collapses in 2023
    assert compute.forecast_all(wild, ind, regions=regions).equals(
        compute.forecast_all(calm, ind, regions=regions)
    )
    # vintages and backtests cut the peers at each origin too
    tg = compute.load_results().targets
    assert compute.vintages(wild, ind, tg, regions=regions).equals(
        compute.vintages(calm, ind, tg, regions=regions)
    )
    seen = []
    ref = compute.reference_for(calm, regions, "high_tech_enterprises")
    from langfang_metrics.forecast import backtest

    y = select_series(calm, "high_tech_enterprises")
    backtest(y, 2, min_train=2, reference=lambda origin: seen.append(origin) or ref(origin))
    assert seen == [2021, 2022]
    assert ref(2015) is None  # no peer figure yet: the default


def test_provinces_and_countries_never_anchor_a_city():
    ind = load_indicators()
    obs = _peer_obs(25)
    obs["region"] = obs["region"].where(obs["region"] == "langfang", "hebei")
    regions = _regions(0)
    assert compute.forecast_all(obs, ind, regions=regions).equals(compute.forecast_all(obs, ind))


def test_a_growth_rate_targets_vintages_compare_with_the_level_it_asks_for():
    """The R&D target is 10 %/yr: its vintage chart drew it as 10 亿元 beside forecasts of
    71-73 亿元. The level is the first figure compounded at 10 % to the milestone."""
    obs = load_observations()
    extra = obs[(obs["indicator_id"] == "rd_spending") & (obs["region"] == "langfang")].assign(
        year=2022, value=59.8, status="final", note="synthetic"
    )  # fmt: skip
    obs = pd.concat([obs, extra], ignore_index=True)
    first = select_series(obs, "rd_spending")
    v = compute.vintages(obs, load_indicators(), load_targets())
    rd = v[v["indicator_id"] == "rd_spending"]
    assert len(rd)
    year0, level0 = int(first.index[0]), float(first.iloc[0])
    for _, r in rd.iterrows():
        assert r["target"] == pytest.approx(level0 * 1.1 ** (int(r["milestone_year"]) - year0))
    # a level target stays as it is
    ht = v[v["indicator_id"] == "high_tech_enterprises"]
    assert set(ht["target"]) <= {1300.0, 1500.0}


def test_results_name_every_input_file_whatever_the_as_of(tmp_path):
    later = tmp_path / "later.csv"
    later.write_text("indicator_id,year,value\ntech_smes,2024,9900\n", encoding="utf-8")
    r = compute.load_results({"files": [config.OBSERVATIONS_FILE, later], "prefer": [later]},
                             as_of=2022)  # fmt: skip
    assert r.observations["year"].max() <= 2022
    assert set(r.inputs) == {"data/raw/observations.csv", str(later.resolve())}
    assert r.prefer == (str(later.resolve()),)


def test_an_earlier_vintage_comes_from_the_figures_already_loaded(tmp_path, monkeypatch):
    """at_vintage gives what a fresh load at that as_of gives, without reading any file, and
    keeps the run's inputs (notebook 05's earlier brief names the same rerun command)."""
    later = tmp_path / "later.csv"
    later.write_text("indicator_id,year,value\ntech_smes,2024,9900\n", encoding="utf-8")
    files = {"files": [config.OBSERVATIONS_FILE, later], "prefer": [later]}
    run = compute.load_results(files)
    fresh = compute.load_results(files, as_of=2021)
    import langfang_metrics.observations as observations

    def no_reading(*args, **kwargs):
        raise AssertionError("an earlier vintage must not read the input files again")

    monkeypatch.setattr(observations, "load_observations", no_reading)
    early = compute.at_vintage(run, 2021)
    assert early.as_of == 2021 and early.observations["year"].max() <= 2021
    for name in ("observations", "forecasts", "gaps", "planning", "missing", "vintages"):
        pd.testing.assert_frame_equal(getattr(early, name), getattr(fresh, name), obj=name)
    assert (early.inputs, early.prefer) == (run.inputs, run.prefer)
    assert str(later.resolve()) in early.inputs  # a file of later years is still an input
    with pytest.raises(ValueError, match="later than these results"):
        compute.at_vintage(early, 2022)


def test_a_running_total_starts_from_the_plans_zero():
    """80 and 170 firms added in 2021 and 2022: with the registry's zero at end-2020 these are
    two additions (80, 90), not one; a single figure is already one addition."""
    ind = load_indicators()
    row = ind.set_index("indicator_id").loc["specialised_smes_new"]
    y = pd.Series({2021: 80.0, 2022: 170.0})
    assert compute.with_baseline(y, row).to_dict() == {2020: 0.0, 2021: 80.0, 2022: 170.0}
    held = pd.Series({2020: 0.0, 2021: 80.0})  # the baseline year observed: kept as it is
    assert compute.with_baseline(held, row).equals(held)
    obs = pd.DataFrame({"indicator_id": "specialised_smes_new", "region": "langfang",
                        "year": [2021, 2022], "value": [80.0, 170.0], "status": "final"})  # fmt: skip
    fc = compute.forecast_all(obs, ind)
    assert set(fc["method"]) == {"growth_cumulated"}  # two additions: the reference class
    one = compute.forecast_all(obs.iloc[:1], ind)  # 80 in 2021 alone: a pace of 80 a year
    assert one.loc[one["year"] == 2022, "mean"].item() == pytest.approx(160.0)
    vint = compute.vintages(obs, ind, load_targets())
    assert sorted(vint["as_of"].unique()) == [2021, 2022]  # the first figure is a vintage too


def test_a_stock_forecast_starts_from_the_plans_baseline_as_its_gap_row_does(tmp_path):
    """8,796 in 2020 (the plan's) and 9,100 returned for 2021: the gap row graded the pace
    from 8,796, but the forecast had one figure and none was made, while the same data with
    8,796 typed into the returns had one (P = 0.74)."""
    ind = load_indicators()
    by_id = ind.set_index("indicator_id")
    y = pd.Series({2021: 9100.0})
    assert compute.with_baseline(y, by_id.loc["tech_smes"]).to_dict() == {2020: 8796.0,
                                                                           2021: 9100.0}  # fmt: skip
    flow = pd.Series({2021: 12.0})  # a yearly flow has no baseline; one without a plan
    assert compute.with_baseline(flow, by_id.loc["key_core_tech_per_year"]).equals(flow)
    nobase = by_id.loc["innovation_clinics"]  # baseline: none in the plan
    assert pd.isna(nobase["baseline_value"])
    assert compute.with_baseline(pd.Series({2021: 3.0}), nobase).to_dict() == {2021: 3.0}
    obs = pd.DataFrame({"indicator_id": "tech_smes", "region": "langfang", "year": [2021],
                        "value": [9100.0], "status": "final"})  # fmt: skip
    assert set(compute.forecast_all(obs, ind)["indicator_id"]) == {"tech_smes"}


def test_a_series_that_has_stayed_at_zero_gets_no_forecast():
    """0 in 2021 and 2022: the band had no width and the target read "0 [0–0], 0 %, very
    unlikely", the surest verdict of the page, from two figures of a programme not begun."""
    ind = load_indicators()
    obs = pd.DataFrame({"indicator_id": "innovation_clinics", "region": "langfang",
                        "year": [2021, 2022], "value": [0.0, 0.0], "status": "final"})  # fmt: skip
    assert compute.forecast_all(obs, ind).empty
    assert not compute.stands_apart_from_zero(pd.Series({2021: 0.0, 2022: 0.0}))
    assert compute.stands_apart_from_zero(pd.Series({2021: 0.0, 2022: 3.0}))
    started = obs.assign(value=[0.0, 3.0])
    assert set(compute.forecast_all(started, ind)["indicator_id"]) == {"innovation_clinics"}


def test_series_backtest_of_another_region_runs_as_backtest_all_runs_the_home_series(indicators):
    long = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "hebei",
                         "year": range(2012, 2024), "value": np.linspace(500, 1600, 12),
                         "status": "final", "unit": "家"})  # fmt: skip
    obs = pd.concat([long.assign(region="langfang"), long], ignore_index=True)
    bt, acc = compute.series_backtest(obs, indicators, "high_tech_enterprises", region="hebei")
    home_bt, home_acc = compute.backtest_all(obs[obs["region"] == "langfang"], indicators)
    mine = home_bt[home_bt["indicator_id"] == "high_tech_enterprises"].drop(columns="indicator_id")
    assert bt.columns[:2].tolist() == ["indicator_id", "region"] and set(bt["region"]) == {"hebei"}
    # same figures, same options (bounds; not a share): same forecasts
    pd.testing.assert_frame_equal(bt.drop(columns=["indicator_id", "region"]).reset_index(drop=True),
                                  mine.reset_index(drop=True))  # fmt: skip
    assert acc["method"].tolist()[-1] == "overall" and set(acc["region"]) == {"hebei"}
    # more figures needed at each origin: fewer origins
    fewer, _ = compute.series_backtest(obs, indicators, "high_tech_enterprises", region="hebei",
                                       min_train=8)  # fmt: skip
    assert fewer["origin"].min() > bt["origin"].min()


def test_series_backtest_without_an_origin_keeps_its_columns(indicators, observations):
    bt, acc = compute.series_backtest(observations, indicators, "rd_spending")
    assert bt.empty and acc.empty
    assert {"indicator_id", "region", "origin", "mean"} <= set(bt.columns)
    assert {"indicator_id", "region", "method", "smape", "coverage_80"} <= set(acc.columns)


def _hte_figures(rows: list[tuple]) -> pd.DataFrame:
    """Langfang's high-tech enterprise figures from (year, value, status, published) rows."""
    return pd.DataFrame([{"indicator_id": "high_tech_enterprises", "region": "langfang",
                          "year": y, "value": v, "status": s, "published": p}
                         for y, v, s, p in rows])  # fmt: skip


def test_vintages_use_each_figure_as_it_was_known_when_the_inputs_date_them():
    """Vintages used today's revised figures ("as known now": the statistician's review);
    with publication dates, the 2021 vintage is what was known when 2021's first figure
    came out, before its revision."""
    ind, tg = load_indicators(), load_targets()
    rows = [  # (year, value, status, published)
        (2020, 905.0, "final", "2021-03"),
        (2021, 1050.0, "preliminary", "2022-02-01"),
        (2021, 1100.0, "revised", "2023-03-01"),  # out after 2022's first figure
        (2022, 1200.0, "preliminary", "2023-02-01"),
    ]
    obs = _hte_figures(rows)
    tg = tg[tg["indicator_id"] == "high_tech_enterprises"]

    def said(frame, as_of):
        got = frame[(frame["as_of"] == as_of) & (frame["milestone_year"] == 2025)]
        assert len(got) == 1
        return float(got["mean"].iloc[0])

    def alone(values):  # the forecast of these figures, made as vintages() makes it
        y = pd.Series(values, index=range(2020, 2020 + len(values)), dtype=float)
        fc = forecast(y, 2025 - y.index[-1], **compute.forecast_options(
            ind.set_index("indicator_id").loc["high_tech_enterprises"]))  # fmt: skip
        return float(fc.loc[2025, "mean"])

    real = compute.vintages(obs, ind, tg)
    now = compute.vintages(obs.drop(columns="published"), ind, tg)
    assert said(real, 2021) == pytest.approx(alone([905, 1050]))  # the first release
    assert said(now, 2021) == pytest.approx(alone([905, 1100]))  # the revision, known now
    assert said(real, 2022) == pytest.approx(alone([905, 1050, 1200]))  # revised in 2023-03
    assert said(now, 2022) == pytest.approx(alone([905, 1100, 1200]))
    assert compute.first_published(obs, "high_tech_enterprises", 2021) == "2022-02-01"
    assert compute.first_published(obs, "high_tech_enterprises", 2020) == "2021-03-31"
    assert compute.first_published(obs.drop(columns="published"), "high_tech_enterprises",
                                   2021) == ""  # fmt: skip


def test_an_undated_final_is_not_the_first_figure_of_its_year_before_its_preliminary():
    """A preliminary of 2023 published 2024-06-30 and its final undated: the undated final
    was taken for out before every dated figure, the 2023 vintage read the day before the
    preliminary, and at that day neither figure was known (a final cannot precede its
    preliminary), so the vintage lost its own year. The year's first figure is the
    preliminary; the vintage forecasts from it."""
    ind, tg = load_indicators(), load_targets()
    rows = [  # (year, value, status, published)
        (2020, 905.0, "final", ""),
        (2022, 1258.0, "final", ""),
        (2023, 1330.0, "preliminary", "2024-06-30"),
        (2023, 1345.0, "final", ""),
    ]
    obs = _hte_figures(rows)
    assert compute.first_published(obs, "high_tech_enterprises", 2023) == "2024-06-30"
    assert compute.first_published(obs, "high_tech_enterprises", 2022) == "2024-06-29"
    got = compute.vintages(obs, ind, tg[tg["indicator_id"] == "high_tech_enterprises"])
    said = got[(got["as_of"] == 2023) & (got["milestone_year"] == 2025)]["mean"].iloc[0]
    y = pd.Series([905.0, 1258.0, 1330.0], index=[2020, 2022, 2023])
    fc = forecast(y, 2, **compute.forecast_options(
        ind.set_index("indicator_id").loc["high_tech_enterprises"]))  # fmt: skip
    assert said == pytest.approx(float(fc.loc[2025, "mean"]))


def test_an_undated_figure_is_known_before_the_dated_ones_in_its_vintage():
    """The shipped final 1,258 for 2022 is undated; a return revised it to 1,262 (published
    2024-03-15) and gave 2023 (2024-02-20). The 2022 vintage took the revision's date for
    the year's first and forecast from 1,262 (the statistician's review): an undated figure
    counts as out before every dated one of its year and later years."""
    from langfang_metrics.observations import published_start

    ind, tg = load_indicators(), load_targets()
    rows = [  # (year, value, status, published)
        (2020, 905.0, "final", ""),
        (2022, 1258.0, "final", ""),
        (2022, 1262.0, "revised", "2024-03-15"),
        (2023, 1330.0, "preliminary", "2024-02"),
        (2024, 1420.0, "preliminary", "2025-02-18"),
    ]
    obs = _hte_figures(rows)
    # the day before 2024-02 can begin; 2023's own first figure is dated
    assert compute.first_published(obs, "high_tech_enterprises", 2022) == "2024-01-31"
    assert compute.first_published(obs, "high_tech_enterprises", 2023) == "2024-02-29"
    assert compute.first_published(obs, "high_tech_enterprises", 2020) == "2024-01-31"
    assert compute.first_published(obs[obs["year"] <= 2022].assign(published=""),
                                   "high_tech_enterprises", 2022) == ""  # fmt: skip
    got = compute.vintages(obs, ind, tg[tg["indicator_id"] == "high_tech_enterprises"])
    said = got[(got["as_of"] == 2022) & (got["milestone_year"] == 2025)]["mean"].iloc[0]
    y = pd.Series([905.0, 1258.0], index=[2020, 2022])
    fc = forecast(y, 3, **compute.forecast_options(
        ind.set_index("indicator_id").loc["high_tech_enterprises"]))  # fmt: skip
    assert said == pytest.approx(float(fc.loc[2025, "mean"]))  # 1,258, not the revision
    # the day each vintage was read on stands beside it ("" where nothing is dated)
    days = got.drop_duplicates("as_of").set_index("as_of")["known_by"]
    assert days.to_dict() == {2022: "2024-01-31", 2023: "2024-02-29", 2024: "2025-02-18"}
    assert [published_start(d) for d in ("2023", "2023-02", "2023-02-10", 2023, "")] == [
        "2023-01-01", "2023-02-01", "2023-02-10", "2023-01-01", ""]  # fmt: skip


def test_series_backtest_of_an_unregistered_indicator_says_so(indicators, observations):
    with pytest.raises(ValueError, match="'nonexistent' is not in the indicator registry"):
        compute.series_backtest(observations, indicators, "nonexistent")


def test_fiscal_exposure_says_which_counted_figures_are_only_estimates():
    """With every year's figure in, the key point said "2021-2025年…累计约1.43亿元" as money
    owed while 2025's 1,620 was a 预计数 (the e2e review): the counted years name the
    provisional figures they rest on, and the key point says the sum is not settled."""
    from langfang_metrics import gaps, registry, views

    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2020, 2022, 2023, 2024, 2025],
                        "value": [905.0, 1258.0, 1400.0, 1510.0, 1620.0],
                        "status": ["final", "final", "final", "preliminary", "estimate"],
                        "unit": "家"})  # fmt: skip
    params = registry.load_fiscal_parameters()
    fe = gaps.fiscal_exposure(obs, None, params)
    assert list(fe["provisional"]) == ["", "", "", "2024:preliminary",
                                       "2024:preliminary、2025:estimate"]  # fmt: skip
    zh = views.fiscal_point(fe, params, "zh")
    assert "累计约" in zh and "其中依据的2024年初步数、2025年预计数，待正式数确认。" in zh
    en = views.fiscal_point(fe, params, "en")
    assert "It rests on figures not yet final: 2024 (preliminary), 2025 (estimate)." in en
    final = gaps.fiscal_exposure(obs.assign(status="final"), None, params)
    assert (final["provisional"] == "").all()
    assert "待正式数" not in views.fiscal_point(final, params, "zh")


def test_results_known_on_a_day_count_the_figure_a_later_revision_revised(tmp_path):
    """run --known-by 2024-03-31 on a final of 2023 published 2024-02 and its revision
    published 2024-09: the assessment, the figures and the updates said read the final;
    the results say the day and the undated figures counted as known, and name a file all
    of whose figures came later as an input still."""
    from langfang_metrics.brief import revisions_sentence
    from langfang_metrics.observations import published_by
    from langfang_metrics.registry import load_fiscal_parameters, load_regions

    given, later = tmp_path / "科技局.csv", tmp_path / "统计局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "high_tech_enterprises,langfang,2023,1288,家,正式数,2024-02-20\n"
                     "high_tech_enterprises,langfang,2023,1301,家,修订数,2024-09-10\n",
                     encoding="utf-8")  # fmt: skip
    later.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "rd_spending,langfang,2024,71.4,亿元,正式数,2025-03-10\n",
                     encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, given, later])
    registry = dict(indicators=load_indicators(), targets=load_targets(),
                    fiscal=load_fiscal_parameters(), regions=load_regions())  # fmt: skip
    now = compute.compute_all(observations=obs, **registry)
    then = compute.compute_all(observations=published_by(obs, "2024-03-31"), **registry)

    def latest(results):
        g = results.gaps.set_index(["indicator_id", "milestone_year"])
        return g.loc[("high_tech_enterprises", 2023), "latest_value"]

    assert latest(now) == 1301 and latest(then) == 1288
    assert 1301 not in set(then.observations["value"]) and 71.4 not in set(
        then.observations["value"]
    )
    # 数据更新: the revision published later is no update yet
    assert "1,301" in revisions_sentence(now, lang="en")
    assert "1,301" not in revisions_sentence(then, lang="en")
    # undated figures count as known if their year was over by the day, else not at all:
    # the shipped 2024 national figures could not have been known on 2024-03-31
    undated = obs["published"].eq("")
    over = undated & (obs["year"] < 2024)
    assert (then.known_by, then.undated_known) == ("2024-03-31", int(over.sum())) and over.any()
    assert then.undated_unfinished == int((undated & ~over).sum()) > 0
    assert not (then.observations["year"] >= 2024).any()
    assert (now.known_by, now.undated_known) == (None, 0)
    assert then.inputs == now.inputs and any(f.endswith("统计局.csv") for f in then.inputs)
    # an earlier vintage of a reconstruction is one still
    assert compute.at_vintage(then, 2022).known_by == "2024-03-31"


def test_a_series_scored_by_one_method_has_no_all_methods_row():
    """The final-evaluation backtest table listed 7 Langfang series twice, under their one
    method and as "all methods" with the same numbers (the statistician's review); a series
    whose origins used several methods keeps the row that pools them."""
    from langfang_metrics.forecast import accuracy, backtest

    y = pd.Series(np.linspace(500, 1600, 12), index=range(2012, 2024))
    acc = accuracy(backtest(y, 2, min_train=3), y).reset_index()
    assert acc["method"].nunique() > 2  # growth at short origins, then the combination
    kept = compute.summary_rows(acc)
    assert kept.equals(acc) and kept["method"].tolist()[-1] == "overall"
    one = accuracy(backtest(y, 2, min_train=3).query("method == 'growth'"), y).reset_index()
    assert one["method"].tolist() == ["growth", "overall"]
    assert compute.summary_rows(one)["method"].tolist() == ["growth"]


def test_a_notebook_run_again_by_hand_computes_the_same_reconstruction(tmp_path):
    """A notebook of a run --known-by read the run's results file; run again by hand (no
    file) it computed the figures as known now. load_results takes known_by, as the run
    injects it, and refuses a results file of another day."""
    given = tmp_path / "科技局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "high_tech_enterprises,langfang,2023,1288,家,正式数,2024-02-20\n"
                     "high_tech_enterprises,langfang,2023,1301,家,修订数,2024-09-10\n",
                     encoding="utf-8")  # fmt: skip
    files = [str(config.OBSERVATIONS_FILE), str(given)]
    then = compute.load_results(files, known_by="2024-03")
    assert then.known_by == "2024-03-31"
    assert 1288 in set(then.observations["value"]) and 1301 not in set(then.observations["value"])
    saved = tmp_path / "results.pkl"
    compute.save_results(then, saved)
    assert compute.load_results(results_path=saved, known_by="2024-03-31").known_by == "2024-03-31"
    with pytest.raises(ValueError, match="known_by=2024-03-31, asked for known_by=None"):
        compute.load_results(results_path=saved)


def _source_line(fig) -> str:
    return next(t.get_text() for t in fig.texts if t.get_gid() == "source-line")


def test_a_notebooks_charts_say_the_day_of_results_known_by_it(results, tmp_path):
    """A notebook of a run --known-by said the day in its opening, but the charts it drew
    with the plot functions said nothing of it in their source lines, as the report's say:
    the results load_results returns tell every chart drawn after them their day."""
    from dataclasses import replace

    from langfang_metrics import plots
    from langfang_metrics.labels import label

    then, now = tmp_path / "then.pkl", tmp_path / "now.pkl"
    compute.save_results(replace(results, known_by="2024-03-31"), then)
    compute.save_results(results, now)

    def charts(r, lang):
        iid = r.forecasts["indicator_id"].iloc[0]
        yield plots.trajectory_chart(r.observations, indicator_id=iid, indicators=r.indicators,
                                     targets=r.targets, lang=lang)  # fmt: skip
        yield plots.gap_dashboard(r.gaps, milestone_year=2025, lang=lang)  # no figures passed
        yield plots.status_overview(r.gaps, lang=lang, indicators=r.indicators)

    for lang in ("en", "zh"):
        day = label("known_by.source", lang, date="2024-03-31")
        r = compute.load_results(results_path=then, known_by="2024-03-31")
        for fig in charts(r, lang):
            assert _source_line(fig).endswith(day)
            plt.close(fig)
        r = compute.load_results(results_path=now)  # results known now: the charts as drawn
        for fig in charts(r, lang):
            assert day not in _source_line(fig)
            plt.close(fig)
