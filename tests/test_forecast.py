"""Behaviour of forecast, backtest, accuracy, prob_meeting and quantile_at."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langfang_metrics.errors import InsufficientDataError
from langfang_metrics.forecast import (
    METHODS,
    accuracy,
    backtest,
    forecast,
    prob_meeting,
    quantile_at,
)

YEARS = list(range(2008, 2021))
NORMAL = pd.Series([410, 455, 470, 530, 560, 610, 640, 700, 730, 790, 850, 880, 950.0], index=YEARS)
FLAT = pd.Series([5.0] * 8, index=range(2013, 2021))
NOISY = pd.Series(
    np.random.default_rng(7).normal(100, 40, 12), index=range(2009, 2021), dtype=float
)
GAPPY = pd.Series({2012: 300.0, 2014: 340, 2015: 360, 2018: 450, 2019: 470, 2020: 505})
ALL = METHODS


def ordered(fc: pd.DataFrame) -> bool:
    c = fc
    return bool(
        (c["lo_95"] <= c["lo_80"]).all()
        and (c["lo_80"] <= c["mean"]).all()
        and (c["mean"] <= c["hi_80"]).all()
        and (c["hi_80"] <= c["hi_95"]).all()
    )


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize(
    "series", [NORMAL, FLAT, NOISY, GAPPY], ids=["normal", "flat", "noisy", "gaps"]
)
def test_every_method_every_shape(method, series):
    if method == "loglinear" and (series <= 0).any():
        pytest.skip("loglinear needs positive data")
    fc = forecast(series, 4, method=method)
    assert list(fc.columns) == ["mean", "lo_80", "hi_80", "lo_95", "hi_95"]
    assert fc.index.name == "year"
    assert fc.index.tolist() == [2021, 2022, 2023, 2024]
    assert np.isfinite(fc.to_numpy()).all()
    assert ordered(fc)
    assert fc.attrs["n_obs"] == series.notna().sum()
    assert fc.attrs["last_year"] == 2020
    assert isinstance(fc.attrs["note"], str) and fc.attrs["note"]


def test_flat_series_forecasts_flat():
    fc = forecast(FLAT, 3)
    np.testing.assert_allclose(fc["mean"], 5.0)
    assert (fc["hi_95"] > fc["lo_95"]).all()  # still an honest, non-empty band


def test_gaps_noted_and_drift_per_year():
    fc = forecast(pd.Series({2020: 905.0, 2022: 1258.0}), 2, method="drift")
    # drift per year = total change / years elapsed = 353 / 2
    np.testing.assert_allclose(fc["mean"], [1258 + 176.5, 1258 + 353])
    assert fc.index.tolist() == [2023, 2024]
    assert "interpolated" in fc.attrs["note"]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_short_series_get_growth_distribution_with_wide_intervals(n):
    y = NORMAL.iloc[-n:]
    fc = forecast(y, 3)
    assert fc.attrs["method"] == "growth"
    assert fc.attrs["scale"] == "log"
    assert f"only {n} annual points" in fc.attrs["note"]
    long = forecast(NORMAL, 3)
    assert (fc["hi_95"] - fc["lo_95"]).iloc[0] > (long["hi_95"] - long["lo_95"]).iloc[0]
    assert ordered(fc)


@pytest.mark.parametrize("method", ["theta", "damped", "ets", "arima"])
def test_model_methods_fall_back_on_short_series(method):
    fc = forecast(NORMAL.iloc[-3:], 2, method=method)
    assert fc.attrs["method"] == "growth"
    # without strictly positive values there is no log growth: drift with the old rule
    fc = forecast(pd.Series({2018: 0.0, 2019: 2.0, 2020: 3.0}), 2, method=method)
    assert fc.attrs["method"] == "drift"


def test_one_point_and_empty_raise_planner_message():
    with pytest.raises(
        InsufficientDataError, match=r"at least 2 annual observations, got 1 \(2020\)"
    ):
        forecast(pd.Series({2020: 1.0}), 2)
    with pytest.raises(InsufficientDataError, match="got 0"):
        forecast(pd.Series(dtype=float), 2)
    with pytest.raises(InsufficientDataError, match="got 1"):
        forecast(pd.Series({2019: 1.0, 2020: np.nan}), 2)


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match="valid methods are: auto"):
        forecast(NORMAL, 2, method="prophet")
    with pytest.raises(ValueError, match="duplicate years"):
        forecast(pd.Series([1.0, 2.0, 3.0], index=[2019, 2019, 2020]), 2)
    with pytest.raises(ValueError, match="non-integer years"):
        forecast(pd.Series([1.0, 2.0, 3.0], index=[2019.5, 2020, 2021]), 2)
    with pytest.raises(ValueError, match="integer years"):
        forecast(pd.Series([1.0, 2.0], index=["a", "b"]), 2)
    with pytest.raises(ValueError, match="strictly positive"):
        forecast(pd.Series([1.0, 0.0, 2.0], index=[2018, 2019, 2020]), 2, method="loglinear")
    with pytest.raises(ValueError, match="horizon"):
        forecast(NORMAL, 0)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (["905", "1,100", "1258"], r"value '1,100' for year 2021 is not a number"),
        ([905, "n/a", 1258], r"value 'n/a' for year 2021 is not a number"),
        ([905.0, np.inf, 1258.0], r"value inf for year 2021 is infinite"),
        ([905.0, 1100.0, -np.inf], r"value -inf for year 2022 is infinite"),
        ([True, False, True], r"value True for year 2020 is not a number \(and 2 more\)"),
    ],
)
def test_values_that_are_not_numbers_are_refused_with_their_year(values, match):
    # silently dropping them would forecast from fewer points than the user supplied
    with pytest.raises(ValueError, match=match):
        forecast(pd.Series(values, index=[2020, 2021, 2022]), 2)


def test_missing_values_and_numbers_as_text_are_read():
    ref = forecast(pd.Series([905.0, 1258.0], index=[2020, 2022]), 2)
    for missing in (np.nan, None, pd.NA):
        y = pd.Series([905.0, missing, 1258.0], index=[2020, 2021, 2022], dtype=object)
        pd.testing.assert_frame_equal(forecast(y, 2), ref)
    as_text = pd.Series(["905", "1258"], index=[2020, 2022])
    pd.testing.assert_frame_equal(forecast(as_text, 2), ref)
    nullable = pd.Series([905, None, 1258], index=[2020, 2021, 2022], dtype="Int64")
    pd.testing.assert_frame_equal(forecast(nullable, 2), ref)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"levels": ("80",)}, r"numbers between 0 and 100 .* got '80'"),
        ({"levels": (0,)}, r"between 0 and 100 .* got 0"),
        ({"levels": (100,)}, r"between 0 and 100 .* got 100"),
        ({"levels": (np.nan,)}, r"between 0 and 100 .* got nan"),
        ({"levels": "80"}, r"levels must be interval levels in percent"),
        ({"bounds": (10, 5)}, r"lower bound must be below the upper bound, got \(10, 5\)"),
        ({"bounds": (0, 0)}, r"lower bound must be below the upper bound"),
        ({"bounds": (np.nan, None)}, r"each None \(no limit\) or a finite number"),
        ({"bounds": "0,100"}, r"bounds must be a pair \(lower, upper\)"),
        ({"bounds": (0, None, 1)}, r"bounds must be a pair"),
        ({"as_of": 2016.5}, r"as_of must be a whole year such as 2025, got 2016.5"),
        ({"as_of": "last"}, r"as_of must be a whole year .* got 'last'"),
    ],
)
def test_bad_options_raise_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        forecast(NORMAL, 2, **kwargs)


def test_a_dataframe_is_refused_with_advice():
    with pytest.raises(ValueError, match=r"one series .* pass one column, e.g. df\['value'\]"):
        forecast(NORMAL.to_frame("value"), 2)


def test_one_level_may_be_given_alone_and_duplicates_collapse():
    pd.testing.assert_frame_equal(forecast(NORMAL, 2, levels=80), forecast(NORMAL, 2, levels=[80]))
    assert list(forecast(NORMAL, 2, levels=(80, 80, 95)).columns) == [
        "mean", "lo_80", "hi_80", "lo_95", "hi_95"
    ]  # fmt: skip


def test_whole_years_given_as_text_or_float_are_read():
    pd.testing.assert_frame_equal(
        forecast(NORMAL, 3, as_of="2016"), forecast(NORMAL, 3, as_of=2016)
    )
    fc = forecast(NORMAL, 5)
    assert (
        prob_meeting(fc, 2025.0, 1000)
        == prob_meeting(fc, "2025", 1000)
        == prob_meeting(fc, 2025, 1000)
    )


def test_unsorted_index_is_sorted():
    a = forecast(NORMAL.sample(frac=1, random_state=3), 3)
    pd.testing.assert_frame_equal(a, forecast(NORMAL, 3))


def test_zeros_and_negatives_do_not_crash_auto():
    y = pd.Series([0.0, -3, 2, 0, -1, 4, 0], index=range(2014, 2021))
    fc = forecast(y, 3)
    assert np.isfinite(fc.to_numpy()).all() and ordered(fc)


def test_bounds_counts_and_shares():
    falling = pd.Series([50.0, 40, 28, 15, 9, 4], index=range(2015, 2021))
    fc = forecast(falling, 5, bounds=(0, None))
    assert (fc.to_numpy() >= 0).all()
    share = pd.Series([80.0, 86, 91, 95, 98, 99.5], index=range(2015, 2021))
    fc = forecast(share, 5, bounds=(0, 100))
    assert ((fc.to_numpy() >= 0) & (fc.to_numpy() <= 100)).all()
    assert ordered(fc)


def test_a_count_that_fell_to_its_bound_keeps_a_chance_of_moving_back():
    """3, 1, 0 firms drifted on below 0 and clipping put every end at 0: "0 [0-0]" and no
    chance of a single firm. A series on a bound now stops there, with its band around it."""
    from langfang_metrics.forecast import forecast_panel

    fc = forecast(pd.Series([3.0, 1.0, 0.0], index=[2020, 2021, 2022]), 3, bounds=(0, None))
    assert (fc["mean"] == 0).all() and (fc["lo_95"] == 0).all()
    assert fc["hi_95"].tolist() == pytest.approx([1.26, 2.52, 3.78])  # 0.63 x 2 x h
    assert 0.05 < prob_meeting(fc, 2025, 1) < 0.5
    # the same rule at the top: a share at 100 with a rising drift
    top = forecast(pd.Series([0.0, 98.0, 100.0], index=[2020, 2021, 2022]), 2, bounds=(0, 100))
    assert (top["mean"] == 100).all() and (top["lo_80"] < 100).all()
    # ... on the additive path of shares too (no zero: the growth distribution in points)
    share = forecast(pd.Series([96.0, 98.0, 100.0], index=[2020, 2021, 2022]), 3,
                     bounds=(0, 100), additive=True)  # fmt: skip
    assert share.attrs["method"] == "growth_additive" and (share["mean"] == 100).all()
    assert (share["lo_95"] < 100).all() and 0 < prob_meeting(share, 2025, 99) < 1
    # read from the frame: the upper ends extended down to the bound (no knot lies below)
    assert prob_meeting(fc, 2025, 0, "<=") == pytest.approx(0.833, abs=0.001)
    # a series above its bound is not touched, nor one whose drift moves away from it
    away = forecast(pd.Series([0.0, 1.0, 0.0, 2.0], index=range(2019, 2023)), 2, bounds=(0, None))
    assert away["mean"].tolist() == pytest.approx([2.6666667, 3.3333333])
    panel = pd.DataFrame({"series_id": ["a"] * 3 + ["b"] * 2, "year": [2020, 2021, 2022] * 1
                          + [2020, 2021], "value": [3.0, 1.0, 0.0, 10.0, 0.0]})  # fmt: skip
    got = forecast_panel(panel, 3, bounds=(0, None))
    a = got[got["series_id"] == "a"].set_index("year")[fc.columns]
    pd.testing.assert_frame_equal(a, fc, check_names=False, check_freq=False)
    assert got.loc[got["series_id"] == "b", "hi_95"].tolist() == pytest.approx([7.6, 15.2, 22.8])


@pytest.mark.parametrize("method", ["auto", "theta", "damped", "ets", "arima", "loglinear"])
def test_deterministic_bytes(method):
    a = forecast(NOISY.abs() + 1, 5, method=method)
    b = forecast(NOISY.abs() + 1, 5, method=method)
    assert a.to_csv() == b.to_csv()
    assert pd.util.hash_pandas_object(a).equals(pd.util.hash_pandas_object(b))


def test_as_of_cuts_the_vintage():
    fc = forecast(NORMAL, 3, as_of=2016)
    assert fc.attrs["last_year"] == 2016
    assert fc.index.tolist() == [2017, 2018, 2019]
    pd.testing.assert_frame_equal(fc, forecast(NORMAL.loc[:2016], 3))


def test_custom_levels_columns_in_order():
    fc = forecast(NORMAL, 2, levels=(50, 90))
    assert list(fc.columns) == ["mean", "lo_50", "hi_50", "lo_90", "hi_90"]
    assert (fc["lo_90"] <= fc["lo_50"]).all()


# --------------------------------------------------------------------------- probabilities
def test_prob_meeting_and_quantile_at_consistent_and_monotone():
    for method in ("auto", "loglinear"):
        fc = forecast(NORMAL, 5, method=method)
        qs = quantile_at(fc, 2025, [0.05, 0.2, 0.5, 0.8, 0.95, 0.99])
        for p, q in qs.items():
            assert prob_meeting(fc, 2025, q, ">=") == pytest.approx(p, abs=1e-9)
            assert prob_meeting(fc, 2025, q, "<") == pytest.approx(1 - p, abs=1e-9)
        assert qs.is_monotonic_decreasing  # more certainty -> lower guaranteed level
        targets = np.linspace(fc.loc[2025, "lo_95"] * 0.8, fc.loc[2025, "hi_95"] * 1.2, 25)
        probs = [prob_meeting(fc, 2025, t) for t in targets]
        assert all(a >= b for a, b in zip(probs, probs[1:], strict=False))
        assert prob_meeting(fc, 2025, fc.loc[2025, "mean"]) == pytest.approx(0.5)
        assert prob_meeting(fc, 2025, fc.loc[2025, "hi_80"]) == pytest.approx(0.1)
        assert prob_meeting(fc, 2025, fc.loc[2025, "lo_95"], "<=") == pytest.approx(0.025)


@pytest.mark.parametrize(
    ("values", "options"),
    [
        ([1.88, 1.52, 1.61], {"additive": True, "bounds": (0, 100)}),  # short share
        ([905, 1258], {}),  # short count: the growth distribution
        ([100, 104, 103, 110, 116, 115, 121, 130], {}),  # long: auto's combination
    ],
)
def test_any_levels_frame_reads_as_the_default_frame(values, options):
    """A frame asked for (50, 80, 95) put its 50 % ends where the default (80, 95) frame
    read a 35 % chance of reaching them, not 25 %: the two rules of filling in a level
    (a power law in the normal quantile) and of reading between knots (linear) differed."""
    y = pd.Series(values, index=range(2023 - len(values), 2023), dtype=float)
    wide = forecast(y, 3, levels=(50, 80, 90, 95, 99), **options)
    default = forecast(y, 3, **options)
    for year in wide.index:
        for level in (50, 90, 99):
            hi, lo = wide.loc[year, f"hi_{level}"], wide.loc[year, f"lo_{level}"]
            tail = (1 - level / 100) / 2
            if hi < 100 or not options.get("bounds"):  # not clipped at the share's bound
                assert prob_meeting(default, year, hi) == pytest.approx(tail, abs=1e-9)
            assert prob_meeting(default, year, lo, "<=") == pytest.approx(tail, abs=1e-9)
        for level in (80, 95):
            assert wide.loc[year, f"hi_{level}"] == pytest.approx(default.loc[year, f"hi_{level}"])


@pytest.mark.parametrize("method", ["ets", "arima"])
def test_statsmodels_methods_do_not_depend_on_the_unit(method):
    """The same series in 亿元 and in 万元 gave ETS forecasts of 146 and 109 亿元: the
    optimisers start and stop by absolute amounts, so the fit now sees the series scaled."""
    y = pd.Series([100, 100, 100, 100, 100, 100, 100, 160.0], index=range(2015, 2023))
    a = forecast(y, 5, method=method)
    b = forecast(y * 1e4, 5, method=method)
    assert a.attrs["method"] == b.attrs["method"] == method
    for col in ("mean", "lo_80", "hi_95"):
        assert np.allclose(b[col] / 1e4, a[col], rtol=1e-3), col


def test_prob_meeting_errors():
    fc = forecast(NORMAL, 2)
    with pytest.raises(ValueError, match="not in the forecast"):
        prob_meeting(fc, 2030, 1.0)
    with pytest.raises(ValueError, match="comparison"):
        prob_meeting(fc, 2021, 1.0, "==")
    with pytest.raises(ValueError, match="not in the forecast"):
        quantile_at(fc, 2019)


def test_prob_meeting_and_quantile_at_refuse_bad_arguments():
    fc = forecast(NORMAL, 2)
    with pytest.raises(ValueError, match=r"target must be a number, got nan"):
        prob_meeting(fc, 2021, np.nan)
    with pytest.raises(ValueError, match=r"target must be a number, got '1000'"):
        prob_meeting(fc, 2021, "1000")
    with pytest.raises(ValueError, match=r"fc must be a forecast\(\) result .* got 'NoneType'"):
        prob_meeting(None, 2021, 1000)
    with pytest.raises(ValueError, match=r"year must be a whole year .* got 'next'"):
        prob_meeting(fc, "next", 1000)
    with pytest.raises(ValueError, match=r"strictly between 0 and 1, got '0.5'"):
        quantile_at(fc, 2021, ["0.5"])
    with pytest.raises(ValueError, match=r"probs must be probabilities"):
        quantile_at(fc, 2021, "0.5")
    # a point forecast read as certain: 1.0 where the full frame says 0.645
    for frame in (fc[["mean"]], forecast(NORMAL, 2, levels=())):
        with pytest.raises(ValueError, match=r"no interval columns .* levels such as \(80, 95\)"):
            prob_meeting(frame, 2021, 1000)
        with pytest.raises(ValueError, match=r"no interval columns"):
            quantile_at(frame, 2021, [0.5])


def test_contradictory_options_are_refused():
    """A running total of 1,258 with an upper bound of 1,000 was forecast at 1,000 with
    certainty; reference="panel" for one series got the generic anchor message."""
    y = pd.Series([905.0, 1258.0], index=[2020, 2022])
    with pytest.raises(ValueError, match=r"last value 1258, but the upper bound 1000 is below"):
        forecast(y, 3, monotone=True, bounds=(0, 1000))
    assert forecast(y, 3, monotone=True, bounds=(0, 1258))["mean"].eq(1258).all()
    with pytest.raises(ValueError, match=r"belongs to forecast_panel .* collection_anchor"):
        forecast(y, 3, reference="panel")


def test_infinite_targets_are_certain_either_way():
    fc = forecast(NORMAL, 2)
    assert prob_meeting(fc, 2022, np.inf) == 0.0
    assert prob_meeting(fc, 2022, np.inf, "<=") == 1.0
    assert prob_meeting(fc, 2022, -np.inf) == 1.0
    assert prob_meeting(fc, 2022, -np.inf, "<") == 0.0


def test_quantile_at_takes_one_probability_alone():
    fc = forecast(NORMAL, 2)
    pd.testing.assert_series_equal(quantile_at(fc, 2022, 0.8), quantile_at(fc, 2022, [0.8]))


def test_prob_meeting_flat_bounded_series():
    fc = forecast(pd.Series([0.0] * 6, index=range(2015, 2021)), 2, bounds=(0, None))
    assert prob_meeting(fc, 2021, 0.0, ">=") == 1.0
    assert prob_meeting(fc, 2021, 1.0, ">=") == 0.0


# --------------------------------------------------------------------------- backtest
def test_backtest_shape_and_origin_rule():
    bt = backtest(NORMAL, 2, min_train=5)
    assert bt["origin"].min() == NORMAL.index[4]  # 5th observation is the first origin
    assert bt["origin"].max() == 2019  # the last origin with a known actual
    assert set(bt["h"]) == {1, 2}
    assert len(bt) == 2 * (len(NORMAL) - 5) - 1
    for col in [
        "origin",
        "year",
        "h",
        "actual",
        "mean",
        "lo_80",
        "hi_80",
        "lo_95",
        "hi_95",
        "method",
    ]:
        assert col in bt.columns
    row = bt.iloc[0]
    ref = forecast(NORMAL.loc[: row["origin"]], 2)
    assert row["mean"] == ref.loc[row["year"], "mean"]


def test_backtest_short_series_empty_frame_and_as_of():
    bt = backtest(pd.Series({2020: 1.0, 2021: 2.0}), 2)
    assert bt.empty and "lo_95" in bt.columns
    assert backtest(pd.Series(dtype=float), 2).empty
    bt = backtest(NORMAL, 1, as_of=2015)
    assert bt["year"].max() <= 2015 and bt["origin"].max() <= 2014


def test_accuracy_summary():
    bt = backtest(NORMAL, 2, min_train=3)
    acc = accuracy(bt)
    assert "overall" in acc.index
    assert acc.loc["overall", "n"] == len(bt)
    for col in ["smape", "mase", "coverage_80", "coverage_95", "winkler_80", "winkler_95"]:
        assert np.isfinite(acc.loc["overall", col])
    acc2 = accuracy(bt, NORMAL)
    assert acc2.loc["overall", "mase"] == pytest.approx(acc.loc["overall", "mase"])


def test_accuracy_counts_origins_and_the_direction_of_the_errors():
    """A share forecast above its outcome 6 times in 6 read "sMAPE 3.2, coverage 100 %, n = 6"
    with nothing to show the one-way bias or that the 6 came from 3 origins."""
    bt = pd.DataFrame({"method": "growth", "origin": [2020, 2020, 2021, 2021, 2022, 2022],
                       "year": [2021, 2022, 2022, 2023, 2023, 2024],
                       "actual": [36.5, 37.2, 37.2, 38.0, 38.0, 38.9],
                       "mean": [37.9, 40.3, 38.6, 40.1, 39.4, 41.3], "scale": 0.8,
                       "lo_80": 30.0, "hi_80": 45.0, "lo_95": 25.0, "hi_95": 50.0})  # fmt: skip
    acc = accuracy(bt)
    assert acc.loc["overall", "n"] == 6 and acc.loc["overall", "origins"] == 3
    assert acc.loc["overall", "over_share"] == 1.0
    flipped = accuracy(bt.assign(mean=2 * bt["actual"] - bt["mean"]))
    assert flipped.loc["overall", "over_share"] == 0.0
    exact = accuracy(bt.assign(mean=bt["actual"]))
    assert np.isnan(exact.loc["overall", "over_share"])  # no error has a direction
    assert "origins" not in accuracy(bt.drop(columns="origin")).columns


def test_backtest_and_accuracy_refuse_bad_arguments():
    with pytest.raises(
        ValueError, match=r"min_train must be a positive whole number of observations, got 0"
    ):
        backtest(NORMAL, 2, min_train=0)
    with pytest.raises(ValueError, match=r"bt is missing column\(s\) \['method'"):
        accuracy(pd.DataFrame({"x": [1.0]}))
    bt = backtest(NORMAL, 2)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['lo_50', 'hi_50'\]"):
        accuracy(bt, levels=(50,))


# --------------------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False),
        min_size=2,
        max_size=15,
    ),
    st.sampled_from(["auto", "naive", "drift", "loglinear", "theta", "damped"]),
    st.integers(min_value=1, max_value=6),
)
def test_property_positive_series(values, method, horizon):
    y = pd.Series(values, index=range(2000, 2000 + len(values)))
    fc = forecast(y, horizon, method=method)
    assert len(fc) == horizon
    assert np.isfinite(fc.to_numpy()).all()
    # ordered up to floating-point noise of equal values
    tol = 1e-9 * (1 + np.abs(fc.to_numpy()).max())
    assert (fc["lo_95"] <= fc["lo_80"] + tol).all()
    assert (fc["lo_80"] <= fc["mean"] + tol).all()
    assert (fc["mean"] <= fc["hi_80"] + tol).all()
    assert (fc["hi_80"] <= fc["hi_95"] + tol).all()


def test_event_backtest_probabilities_and_outcomes():
    from langfang_metrics.forecast import EVENT_GROWTHS, event_backtest

    ev = event_backtest(NORMAL.iloc[:6], 3, min_train=3)
    # origins 2010..2012 (3..5 points; 2013 has no later actual), six growth rates
    assert sorted(ev["origin"].unique()) == [2010, 2011, 2012]
    assert len(ev) == (3 + 2 + 1) * len(EVENT_GROWTHS)
    row = ev[(ev["origin"] == 2010) & (ev["h"] == 2) & (ev["growth"] == 0.05)].iloc[0]
    assert row["threshold"] == pytest.approx(470 * 1.05**2)
    assert row["met"] == float(NORMAL[2012] >= 470 * 1.05**2)
    fc = forecast(NORMAL.loc[:2010], 3)
    assert row["p_meet"] == pytest.approx(prob_meeting(fc, 2012, row["threshold"]))
    # higher growth thresholds are never more likely to be met
    for _, g in ev.groupby(["origin", "h"]):
        assert np.all(np.diff(g.sort_values("growth")["p_meet"].to_numpy()) <= 1e-12)
    assert event_backtest(NORMAL.iloc[:2], 3, min_train=3).empty


def test_suite_events_of_a_series_with_no_window_to_score_warn_of_nothing():
    """Three figures far apart (2020, 2023 and a 2032 typed for 2022) give no window to
    score: the empty frame in the concat printed pandas' FutureWarning on the console (found
    by the clerk review)."""
    import warnings

    from langfang_metrics.forecast import suite_events

    obs = pd.DataFrame({"indicator_id": ["a"] * 3 + ["b"] * 5, "region": "x",
                        "year": [2020, 2023, 2032, 2018, 2019, 2020, 2021, 2022],
                        "value": [8796.0, 9500, 9600, 10.0, 11, 12, 13, 14],
                        "status": "final"})  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = suite_events(obs, 3)
    assert set(found["indicator_id"]) == {"b"} and len(found)


def test_suite_events_forecast_shares_as_the_report_does():
    """With the registry, a share's events come from the additive distribution in 0-100."""
    from langfang_metrics.forecast import event_backtest, suite_events

    obs = pd.DataFrame(
        {
            "indicator_id": ["sh"] * 5 + ["ct"] * 4,
            "region": "x",
            "year": [2018, 2019, 2020, 2021, 2022, 2019, 2020, 2021, 2022],
            "value": [30.0, 31.0, 33.0, 32.5, 34.0, 100.0, 120.0, 130.0, 150.0],
            "status": "final",
        }
    )
    ind = pd.DataFrame({"indicator_id": ["sh", "ct"], "kind": ["share", "stock"],
                        "unit_zh": ["%", "家"]})  # fmt: skip
    with_reg = suite_events(obs, 3, indicators=ind)
    plain = suite_events(obs, 3)
    share = obs[obs.indicator_id == "sh"].set_index("year")["value"]
    expect = event_backtest(share, 3, additive=True, bounds=(0, 100))
    got = with_reg[with_reg.indicator_id == "sh"].drop(columns=["indicator_id", "region"])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expect)
    sh_plain = plain[plain.indicator_id == "sh"]["p_meet"].to_numpy()
    assert not np.allclose(got["p_meet"].to_numpy(), sh_plain)
    count = with_reg[with_reg.indicator_id == "ct"]["p_meet"].to_numpy()
    np.testing.assert_allclose(count, plain[plain.indicator_id == "ct"]["p_meet"].to_numpy())


def test_loglinear_intervals_do_not_depend_on_the_unit():
    """The spread was measured against |log value|: the same series in thousands got an
    interval ten times as wide (short rule) or a different floor (long rule)."""
    for y in (pd.Series([100.0, 110, 125], index=[2020, 2021, 2022]),
              pd.Series([50.0, 55, 61, 66, 73, 80], index=range(2017, 2023))):  # fmt: skip
        base = forecast(y, 3, method="loglinear")
        for k in (1e-3, 1e3):
            pd.testing.assert_frame_equal(forecast(y * k, 3, method="loglinear") / k, base,
                                          rtol=1e-9)  # fmt: skip


def test_figures_years_apart_are_two_figures_not_a_long_calm_series():
    """Two figures six years apart used to be read as a 7-point series of interpolated
    years (a 'combo' band of +-1 %); the number of figures decides the rule."""
    near = forecast(pd.Series({2020: 100.0, 2021: 150.0}), 1)
    far = forecast(pd.Series({2015: 100.0, 2021: 150.0}), 1)
    assert near.attrs["method"] == far.attrs["method"] == "growth"
    assert "only 2 annual points" in far.attrs["note"] and "5 missing year" in far.attrs["note"]
    width = (far["hi_80"] / far["lo_80"]).iloc[0]
    assert width > 1.2  # not the +-1 % of an interpolated straight line
    # a drift request with gaps: the short rule of its 3 figures, not the long one of 7 years
    d = forecast(pd.Series({2014: 100.0, 2017: 120.0, 2020: 130.0}), 1, method="drift")
    assert "only 3 annual points" in d.attrs["note"]
    short = forecast(pd.Series({2018: 100.0, 2019: 120.0, 2020: 130.0}), 1, method="drift")
    assert (d["hi_80"] - d["lo_80"]).iloc[0] == pytest.approx(
        (short["hi_80"] - short["lo_80"]).iloc[0]
    )


def test_no_probability_beyond_the_bounds():
    """A share forecast clipped at 100 put 2.5 % above 100 through its linear tail."""
    high = forecast(pd.Series([96.0, 98, 99.5], index=[2020, 2021, 2022]), 3,
                    bounds=(0, 100), additive=True)  # fmt: skip
    assert prob_meeting(high, 2025, 100, ">") == 0.0
    assert prob_meeting(high, 2025, 101) == 0.0
    assert prob_meeting(high, 2025, 100, "<=") == 1.0
    low = forecast(pd.Series([3.0, 1.5, 0.4], index=[2020, 2021, 2022]), 3, bounds=(0, 100),
                   additive=True)  # fmt: skip
    assert prob_meeting(low, 2025, 0) == 1.0 and prob_meeting(low, 2025, -1, "<=") == 0.0
    assert quantile_at(low, 2025, [0.99]).iloc[0] >= 0.0
    # read back without attrs (a CSV), the clipped ends still stop the tail
    bare = pd.DataFrame(high.to_numpy(), index=high.index, columns=high.columns)
    assert prob_meeting(bare, 2025, 101) == 0.0


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"levels": (0.8, 0.95)}, "looks like a fraction"),
        ({"horizon": 10**9}, "at most 100 years"),
    ],
)
def test_easy_mistakes_are_refused(kwargs, match):
    args = {"horizon": 2} | kwargs
    with pytest.raises(ValueError, match=match):
        forecast(NORMAL, args.pop("horizon"), **args)


def test_a_mistyped_year_is_named():
    y = pd.Series({2019: 1.0, 2020: 2.0, 20210: 3.0})
    with pytest.raises(ValueError, match=r"2020 -> 20210: is a year mistyped"):
        forecast(y, 1)


def test_levels_given_as_whole_floats_name_the_columns_as_integers():
    fc = forecast(NORMAL, 2, levels=(80.0, 95.0))
    assert {"lo_80", "hi_95"} <= set(fc.columns)


def test_accuracy_compares_the_methods_asked_for():
    """Concatenated backtests of several methods were grouped by the method used, pooling
    every method's short origins into one 'growth' row."""
    bts = [backtest(NORMAL, 3, method=m, min_train=3) for m in ("auto", "theta", "damped")]
    bt = pd.concat(bts, ignore_index=True)
    assert set(bt["requested"]) == {"auto", "theta", "damped"}
    acc = accuracy(bt)
    assert list(acc.index) == ["auto", "damped", "theta", "overall"]
    assert acc.loc["auto", "n"] == len(bts[0])
    used = accuracy(bts[0])  # one method: by the method used, short origins apart
    assert "growth" in used.index
    assert list(accuracy(bt, by="method").index) != list(acc.index)
    with pytest.raises(ValueError, match="by must be"):
        accuracy(bt, by="nope")


def test_figures_years_apart_keep_the_yearly_spread():
    """Annualised changes across gaps understated the yearly volatility by sqrt(L): random
    walks sampled every 3 years got 80 % intervals covering 41 %."""
    rng = np.random.default_rng(9)
    steps = rng.normal(0.05, 0.1, 30)
    u = np.log(100) + np.cumsum(steps)
    years = np.arange(2000, 2030)
    every3 = forecast.__globals__["_annualised"](years[::3], np.exp(u[::3]), log=True)
    changes = np.diff(every3)
    # the average change is the series' own (total change / years) ...
    assert changes.mean() == pytest.approx((u[27] - u[0]) / 27)
    # ... and the spread is that of yearly changes, not a third of it
    assert 0.6 * 0.1 < changes.std(ddof=1) < 1.6 * 0.1
    yearly = forecast.__globals__["_annualised"](years, np.exp(u), log=True)
    np.testing.assert_allclose(yearly, u)  # yearly figures come back unchanged


def test_loglinear_short_bands_stay_within_sense():
    """r * h used as a log half-width made two figures' 95 % band run to 102 times the last
    value five years ahead; log(1 + r * h) matches the level rule's upper end."""
    fc = forecast(pd.Series({2021: 905.0, 2022: 1258.0}), 5, method="loglinear")
    ratio = (fc["hi_95"] / fc["mean"]).iloc[-1]
    assert 2 < ratio < 6
    assert fc["lo_95"].iloc[-1] > 0


def test_strictly_below_a_bound_excludes_its_atom():
    high = forecast(pd.Series([96.0, 98, 99.5], index=[2020, 2021, 2022]), 3,
                    bounds=(0, 100), additive=True)  # fmt: skip
    below, at_least = prob_meeting(high, 2025, 100, "<"), prob_meeting(high, 2025, 100, ">=")
    assert below + at_least == pytest.approx(1.0)
    low = forecast(pd.Series([3.0, 1.5, 0.4], index=[2020, 2021, 2022]), 3, bounds=(0, 100),
                   additive=True)  # fmt: skip
    assert prob_meeting(low, 2025, 0, "<") == 0.0
    bare = pd.DataFrame(high.to_numpy(), index=high.index, columns=high.columns)  # as from CSV
    assert quantile_at(bare, 2025, [0.001, 0.01]).max() <= 100.0


def test_a_running_total_never_forecast_below_what_it_has_reached():
    y = pd.Series([105.0, 205.0, 310.0, 415.0], index=[2021, 2022, 2023, 2024])
    free = forecast(y, 3, bounds=(0, None))
    assert free["lo_95"].min() < 415  # the growth distribution alone lets the level fall
    fc = forecast(y, 3, bounds=(0, None), monotone=True)
    assert (fc.drop(columns="mean") >= 415).all().all() and (fc["mean"] >= 415).all()
    assert fc.attrs["bounds"] == (415.0, None)
    assert prob_meeting(fc, 2025, 400, ">=") == 1.0
    assert (quantile_at(fc, 2025, (0.5, 0.95)) >= 415).all()
    # per origin in backtests: each origin's own last value is its floor
    bt = backtest(y, 2, min_train=2, bounds=(0, None), monotone=True)
    last = dict(zip(y.index, y.values, strict=True))
    assert (bt["lo_95"] >= bt["origin"].map(last)).all()
    with pytest.raises(ValueError, match="monotone must be True or False"):
        forecast(y, 1, monotone="yes")


def test_a_running_total_is_forecast_through_its_yearly_additions():
    """80, 170, 260, 350 firms added: the additions (90 a year) go on, not the total's growth
    (forecast as a level it went on at +39 in 2025 and read a target of 400 as about even)."""
    from langfang_metrics.forecast import additions
    from langfang_metrics.labels import method_label

    y = pd.Series([80.0, 170.0, 260.0, 350.0], index=[2021, 2022, 2023, 2024])
    level = forecast(y, 3, bounds=(0, None), monotone=True)
    fc = forecast(y, 3, bounds=(0, None), cumulative=True)
    adds = forecast(additions(y.index, y.to_numpy()), 3, bounds=(0, None))
    assert fc.attrs["method"] == "growth_cumulated" and fc.attrs["scale"] == "level"
    assert "3 yearly additions" in fc.attrs["note"]
    # the total is the last total plus the running sums of the additions' median and ends
    pd.testing.assert_frame_equal(fc, 350 + adds.cumsum(), check_names=False)
    assert fc.loc[2025, "mean"] == pytest.approx(350 + adds.loc[2025, "mean"])
    assert 80 < adds.loc[2025, "mean"] < 110 and level.loc[2025, "mean"] < 400
    assert prob_meeting(fc, 2025, 400) > 0.95 > 0.5 > prob_meeting(level, 2025, 400)
    assert (fc.diff().dropna() >= 0).all().all()  # every quantile rises with h
    assert (fc["hi_80"] - fc["lo_80"]).is_monotonic_increasing  # and the band widens
    assert method_label("growth_cumulated", "en") == (
        "yearly additions, summed: growth distribution (short series, median)"
    )
    # backtests and event checks pass it on
    bt = backtest(y, 2, min_train=3, bounds=(0, None), cumulative=True)
    assert set(bt["method"]) == {"growth_cumulated"}


def test_a_running_total_with_gaps_falls_or_two_figures():
    from langfang_metrics.forecast import additions

    # figures two years apart: the additions of those years, per year
    gap = pd.Series([100.0, 300.0, 400.0], index=[2020, 2022, 2023])
    assert additions(gap.index, gap.to_numpy()).to_dict() == {2022: 100.0, 2023: 100.0}
    # a revision that made the total fall: additions are kept at or above 0
    fell = pd.Series([100.0, 90.0, 150.0], index=[2021, 2022, 2023])
    fc = forecast(fell, 3, bounds=(0, None), cumulative=True)
    assert (fc >= 150).all().all()
    # two figures, one addition: the total goes on at that pace (drift), never below it
    two = forecast(pd.Series({2021: 80.0, 2022: 170.0}), 3, bounds=(0, None), cumulative=True)
    assert two["mean"].tolist() == pytest.approx([260.0, 350.0, 440.0])
    assert two.attrs["method"] == "drift" and two.attrs["note"].startswith("running total")
    assert (two.drop(columns="mean") >= 170).all().all()
    with pytest.raises(ValueError, match="cumulative must be True"):
        forecast(fell, 1, cumulative="yes")


def test_a_running_total_with_a_stalled_year_goes_on_at_its_median_addition():
    """100 added in 2021 and none in 2022: drift on the additions went on at -100 a year,
    clipped to 0, and the total read certain to stay at 100 ([100-100], P(at least 101) 0).
    The median addition is not set by one year either way."""
    from langfang_metrics.labels import method_label

    y = pd.Series([0.0, 100.0, 100.0], index=[2020, 2021, 2022])
    fc = forecast(y, 3, bounds=(0, None), cumulative=True)
    assert fc.attrs["method"] == "median_drift" and "added nothing" in fc.attrs["note"]
    assert method_label("median_drift", "en").startswith("median drift")
    assert fc["mean"].tolist() == pytest.approx([150.0, 200.0, 250.0])  # 50 a year
    assert fc.loc[2025, "lo_80"] < 250 < fc.loc[2025, "hi_80"]
    assert (fc.drop(columns="mean") >= 100).all().all()  # never below the total reached
    assert 0.9 < prob_meeting(fc, 2025, 101) < 1 and 0 < prob_meeting(fc, 2025, 400) < 0.2
    # one stall among steady additions leaves their pace; three stalled years after one of
    # 300 keep the total where it is (the average pace, 75 a year, read 44 % for 100 more)
    steady = forecast(pd.Series([0.0, 100, 200, 200, 300], index=range(2020, 2025)), 1,
                      bounds=(0, None), cumulative=True)  # fmt: skip
    assert steady.loc[2025, "mean"] == pytest.approx(400.0)
    stopped = forecast(pd.Series([0.0, 300, 300, 300, 300], index=range(2020, 2025)), 1,
                       bounds=(0, None), cumulative=True)  # fmt: skip
    assert stopped.loc[2025, "mean"] == pytest.approx(300.0)
    assert 0 < prob_meeting(stopped, 2025, 400) < 0.25
    # a requested method that is not the reference class's keeps its own reading
    naive = forecast(y, 3, method="naive", bounds=(0, None), cumulative=True)
    assert naive.attrs["method"] == "naive_cumulated"
    # positive additions keep the reference-class distribution of the additions
    growing = forecast(pd.Series([0.0, 100, 190], index=[2020, 2021, 2022]), 3,
                       bounds=(0, None), cumulative=True)  # fmt: skip
    assert growing.attrs["method"] == "growth_cumulated"


def test_quantiles_stay_within_a_lone_lower_bound():
    """With a lower bound and no upper one the clamp undid itself: -7.9 for a count."""
    y = pd.Series([5.0, 1.0, 6.0, 0.5, 7.0, 0.2, 8.0, 0.1], index=range(2013, 2021))
    fc = forecast(y, 3, method="drift", bounds=(0, None))
    assert (quantile_at(fc, 2023, (0.5, 0.9, 0.99)) >= 0).all()


@pytest.mark.parametrize(
    ("y", "kw", "plain", "year", "target"),
    [
        # a running total kept at or above its last value: 10 % and 2.5 % ends both at 350
        (
            pd.Series([80, 170, 260, 350.0], index=range(2020, 2024)),
            {"monotone": True},
            {},
            2024,
            351.0,
        ),  # fmt: skip
        # a share whose median and upper ends are clipped at 100
        (
            pd.Series([97, 98, 99.0], index=range(2020, 2023)),
            {"bounds": (0, 100), "additive": True},
            {"additive": True},
            2024,
            99.5,
        ),  # fmt: skip
    ],
)
def test_clipping_to_a_bound_leaves_the_probabilities_inside_it(y, kw, plain, year, target):
    """Reading the clipped ends as quantiles put P(>= 351) at 0.89 where the unclipped
    forecast says 0.65, and P(share >= 99.5) at 0.55 instead of 0.82: a bound moves what
    lies beyond it onto it and nothing inside."""
    clipped, free = forecast(y, 3, **kw), forecast(y, 3, **plain)
    p, p_free = prob_meeting(clipped, year, target), prob_meeting(free, year, target)
    assert abs(p - p_free) < 0.03, (p, p_free)
    # read back from CSV (no attrs): the same reading
    back = clipped.reset_index().to_csv(index=False)
    back = pd.read_csv(io.StringIO(back)).set_index("year")
    back.attrs["scale"] = clipped.attrs.get("scale")
    assert prob_meeting(back, year, target) == pytest.approx(p)
    # and quantile_at still inverts it inside the bounds
    for q in (0.3, 0.5):
        level = quantile_at(clipped, year, [q])[q]
        lo, hi = kw.get("bounds", (None, None))
        if (hi is None or level < hi) and level > y.iloc[-1]:
            assert prob_meeting(clipped, year, level) == pytest.approx(q, abs=1e-9)


def test_the_knots_a_bound_moved_still_put_their_share_on_it():
    """A 10 % end clipped onto the bound says at least 10 % lies there: a steep upper side
    extended down must not take that away."""
    fc = pd.DataFrame({"mean": [100.0], "lo_80": [90.0], "hi_80": [101.0], "lo_95": [90.0],
                       "hi_95": [102.0]}, index=pd.Index([2024], name="year"))  # fmt: skip
    assert prob_meeting(fc, 2024, 90.5) == pytest.approx(0.9)  # extended alone: about 1.0
    assert prob_meeting(fc, 2024, 90.0) == 1.0
    assert quantile_at(fc, 2024, [0.95])[0.95] == 90.0
    assert prob_meeting(fc, 2024, 100.0) == pytest.approx(0.5)


def test_years_and_values_beyond_floating_point_are_named():
    """A year of 1e20 wrapped round to one int64 and was called a duplicate year; values of
    1e160 gave a forecast that did not scale with them, and 1e200 infinite interval ends."""
    with pytest.raises(ValueError, match="got 1e\\+20: is a year mistyped"):
        forecast(pd.Series([1.0, 2.0], index=[1e20, 1e20 + 1]), 1)
    steady = pd.Series(np.linspace(1, 2, 8), index=range(2015, 2023))
    with pytest.raises(ValueError, match="year 2015: value 1e\\+160 is too large"):
        forecast(steady * 1e160, 1)
    scaled = forecast(steady * 1e99, 1)["mean"].iloc[0] / 1e99
    assert scaled == pytest.approx(forecast(steady, 1)["mean"].iloc[0])
    from langfang_metrics.forecast import forecast_panel

    panel = pd.DataFrame({"series_id": "a", "year": [2020, 2021], "value": [1e200, 2e200]})
    with pytest.raises(ValueError, match="series 'a', year 2020 .*too large"):
        forecast_panel(panel, 1)


def test_a_frame_with_a_missing_end_is_no_probability():
    """A NaN anywhere in the year's row read as a confident 0 % (and a NaN quantile)."""
    fc = forecast(pd.Series([905.0, 1258.0], index=[2020, 2022]), 3)
    with pytest.raises(
        ValueError, match=r"the forecast for 2023 has no finite value in \['lo_95'\]"
    ):
        prob_meeting(fc.assign(lo_95=np.nan), 2023, 1000)
    with pytest.raises(ValueError, match="no finite value"):
        quantile_at(fc.assign(mean=np.inf), 2024, [0.9])
    assert 0 < prob_meeting(fc, 2023, 1300) < 1  # the frame itself reads as before


def test_suite_events_start_a_running_total_from_its_zero_as_the_report_does():
    """The reliability check forecast 80, 170, 260 firms added from 2021 on its own, where
    the report forecasts the total from its zero at end-2020 (the methods audit): the
    events now start one origin earlier, from the same series the report uses."""
    from langfang_metrics.compute import with_baseline
    from langfang_metrics.forecast import event_backtest, suite_events
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    obs = pd.DataFrame({"indicator_id": "specialised_smes_new", "region": "langfang",
                        "year": [2021, 2022, 2023], "value": [80.0, 170.0, 260.0],
                        "status": "final"})  # fmt: skip
    got = suite_events(obs, 3, indicators=ind)
    row = ind.set_index("indicator_id").loc["specialised_smes_new"]
    y = with_baseline(obs.set_index("year")["value"], row)
    assert y.index[0] == 2020 and y.iloc[0] == 0
    expect = event_backtest(y, 3, cumulative=True, bounds=(0, None))
    pd.testing.assert_frame_equal(
        got.drop(columns=["indicator_id", "region"]).reset_index(drop=True), expect
    )
    assert got["origin"].min() == 2021
    # another region's series has no plan baseline: as it is
    away = suite_events(obs.assign(region="hebei"), 3, indicators=ind)
    assert away["origin"].min() == 2022
