"""Forecasting and assessment over the shipped data: every series, every target."""

import numpy as np
import pytest

from langfang_metrics import compute, config, load_observations
from langfang_metrics.errors import InsufficientDataError
from langfang_metrics.forecast import forecast
from langfang_metrics.registry import load_indicators
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
    assert np.allclose(fe["cost_city_wan"], fe["cost_wan"] / 2)
    # 905 (2020) -> 1258 (2022): 353 new firms spread over 2021-2022
    assert fe.loc[fe["year"] == 2021, "new_firms"].item() == pytest.approx(176.5)


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
