"""The reference-class growth distribution of short series and its pinned constants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks import calibration
from langfang_metrics import _forecast_core as core
from langfang_metrics.forecast import forecast, forecast_panel, prob_meeting, quantile_at

#: Constants of the same fit on the first 15 series of each frequency of the two training
#: parts, as printed by ``python -m benchmarks.calibration`` (the "subset" notes).
SUBSET_15 = {
    2: (0.06299, 0.1, 0.171, 0.58699, 0.55, (-2.7341, -1.4922, 0.0, 1.5107, 2.9517)),
    3: (0.062, 0.05, 0.171, 0.57778, 0.5, (-2.9221, -1.5583, -0.0, 1.5308, 2.7437)),
    4: (0.0588, 0.1, 0.20403, 0.49038, 0.5, (-3.0835, -1.6045, 0.0, 1.5301, 2.6224)),
    5: (0.05517, 0.15, 0.20403, 0.48253, 0.5, (-3.2088, -1.6364, 0.0, 1.5296, 2.5434)),
    6: (0.05357, 0.15, 0.171, 0.54204, 0.5, (-3.1818, -1.6909, 0.0, 1.465, 2.493)),
}


def test_fit_on_fixed_subset_matches_the_benchmark():
    series = [s for name in calibration.LOADERS for s in calibration.load_series(name, "train", 15)]
    fitted = calibration.fit_all(series)
    assert {n: tuple(rc) for n, rc in fitted.items()} == SUBSET_15


def test_shipped_constants_are_the_pooled_fit():
    """REFERENCE is exactly what fit_reference gives on the pooled training parts."""
    series = [s for name in calibration.LOADERS for s in calibration.load_series(name, "train")]
    fitted = calibration.fit_all(series)
    assert fitted == core.REFERENCE


def test_fit_recovers_a_known_growth_process():
    rng = np.random.default_rng(3)
    k, n, H = 4000, 3, 5
    steps = 0.05 + 0.1 * rng.standard_normal((k, n - 1 + H))
    path = np.concatenate([np.zeros((k, 1)), np.cumsum(steps, axis=1)], axis=1)
    rc = core.fit_reference(path[:, :n], path[:, n:])
    assert rc.mu0 == pytest.approx(0.05, abs=0.01)
    assert rc.w <= 0.3  # i.i.d. growth: the own drift carries little information
    Q = core.ref_quantiles(path[:, :n], H, rc)
    inside = (path[:, n:] >= Q[:, :, 1]) & (path[:, n:] <= Q[:, :, 3])
    assert inside.mean() == pytest.approx(0.8, abs=0.03)


def test_planning_levels_of_a_fast_growing_count_are_plausible():
    fc = forecast(pd.Series({2021: 905.0, 2023: 1258.0}), 7, bounds=(0, None))
    q = quantile_at(fc, 2030, (0.5, 0.8, 0.95))
    assert 1258 < q[0.5] < 1258 * 1.25**7  # growth continues, not beyond its own pace
    assert q[0.95] > 0.6 * 1258  # a 95 % planning level is not a collapse of the stock
    assert q[0.5] > q[0.8] > q[0.95]


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_prob_meeting_and_quantile_at_read_the_same_distribution(n):
    y = pd.Series(np.geomspace(100, 100 * 1.08 ** (n - 1), n), index=range(2020 - n + 1, 2021))
    fc = forecast(y, 5)
    assert fc.attrs["method"] == "growth"
    for p in (0.05, 0.3, 0.5, 0.8, 0.95, 0.99):
        q = quantile_at(fc, 2025, [p]).iloc[0]
        assert prob_meeting(fc, 2025, q) == pytest.approx(p, abs=1e-9)
    # the benchmark's vectorised CDF agrees with prob_meeting
    Q = core.ref_quantiles(np.log(y.to_numpy())[None, :], 5, core.REFERENCE[n])[0]
    for thr in (90.0, 120.0, 180.0):
        p = 1 - core.knot_cdf(calibration.Z_KNOTS, Q[-1:], np.log([thr]))[0]
        assert prob_meeting(fc, 2025, thr) == pytest.approx(p, abs=1e-9)


def test_intervals_are_skewed_upward_on_the_level_scale():
    fc = forecast(pd.Series({2022: 100.0, 2023: 110.0}), 5)
    up, down = fc["hi_95"] - fc["mean"], fc["mean"] - fc["lo_95"]
    assert (up > down).all()
    assert (fc["lo_95"] > 0).all()


def test_panel_matches_single_series_for_short_positive_and_nonpositive_series():
    df = pd.DataFrame(
        {
            "series_id": ["a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d", "d"],
            "year": [2021, 2023, 2020, 2021, 2022, 2020, 2021, 2022, 2018, 2019, 2020, 2021],
            "value": [905, 1258, 0, 1, 2, 3, 4, 6, 5, 5.5, 6, 7],
        }
    )
    panel = forecast_panel(df, 4, bounds=(0, None))
    for sid, g in df.groupby("series_id"):
        single = forecast(pd.Series(g["value"].to_numpy(), index=g["year"]), 4, bounds=(0, None))
        got = panel[panel["series_id"] == sid].drop(columns=["series_id", "year"])
        np.testing.assert_allclose(got.to_numpy(), single.to_numpy(), rtol=1e-12)
    assert panel.notna().all().all()
