"""The vectorised core against slow loop references, and the panel against per-series calls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from langfang_metrics import _forecast_core as core
from langfang_metrics.errors import InsufficientDataError
from langfang_metrics.forecast import forecast, forecast_panel, prob_meeting, quantile_at


# --------------------------------------------------------------------------- loop references
def ref_ses(y):
    best = None
    for a in core.SES_ALPHAS:
        level, sse = y[0], 0.0
        for t in range(1, len(y)):
            e = y[t] - level
            sse += e * e
            level += a * e
        if best is None or sse < best[0]:
            best = (sse, level, a)
    return best[1], best[2]


def ref_theta(y, h):
    n = len(y)
    level, a = ref_ses(y)
    t = np.arange(n)
    slope = np.polyfit(t, y, 1)[0]
    return np.array([level + 0.5 * slope * (j + 1 / a - (1 - a) ** n / a) for j in range(h)])


def ref_damped(y, h):
    m = min(3, len(y) - 1)
    best = None
    for a in core.DAMPED_ALPHAS:
        for b in core.DAMPED_BETAS:
            if b > a:
                continue
            for p in core.DAMPED_PHIS:
                level, trend, sse = y[0], (y[m] - y[0]) / m, 0.0
                for t in range(1, len(y)):
                    pred = level + p * trend
                    e = y[t] - pred
                    sse += e * e
                    level = pred + a * e
                    trend = p * trend + a * b * e
                if best is None or sse < best[0] - 1e-12 * max(1.0, abs(sse)):
                    best = (sse, level, trend, p)
    _, level, trend, p = best
    return np.array([level + trend * sum(p**i for i in range(1, j + 1)) for j in range(1, h + 1)])


def ref_combo(y, h):
    n = len(y)
    slope = (y[-1] - y[0]) / (n - 1)
    level, _ = ref_ses(y)
    med = float(np.median(np.diff(y)))
    out = []
    for j in range(1, h + 1):
        out.append(((y[-1] + slope * j) + (level + slope * j) + (y[-1] + med * j)) / 3)
    return np.array(out)


def random_series(rng, n):
    kind = rng.integers(4)
    t = np.arange(n)
    if kind == 0:  # trending
        return 100 * np.exp(0.05 * t + rng.normal(0, 0.03, n))
    if kind == 1:  # damped growth
        return 50 + 30 * (1 - 0.8**t) + rng.normal(0, 1, n)
    if kind == 2:  # noisy
        return 200 + rng.normal(0, 40, n)
    return np.full(n, 7.0)  # flat


@pytest.mark.parametrize("seed", range(6))
def test_core_matches_loop_references(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 25))
    Y = np.stack([random_series(rng, n) for _ in range(8)])
    for i, y in enumerate(Y):
        np.testing.assert_allclose(core.theta(Y, 4)[i], ref_theta(y, 4), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(core.combo(Y, 4)[i], ref_combo(y, 4), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(core.damped(Y, 4)[i], ref_damped(y, 4), rtol=1e-7, atol=1e-7)


def make_panel(rng, k, gaps=True):
    rows = []
    for i in range(k):
        n = int(rng.integers(2, 20))
        y = random_series(rng, n)
        years = np.arange(2000, 2000 + n)
        if gaps and n > 6 and rng.random() < 0.3:
            drop = rng.choice(np.arange(1, n - 1), size=2, replace=False)
            keep = np.setdiff1d(np.arange(n), drop)
            years, y = years[keep], y[keep]
        rows.append(pd.DataFrame({"series_id": f"s{i:03d}", "year": years, "value": y}))
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("method", ["auto", "naive", "drift", "loglinear", "theta", "damped"])
def test_panel_equals_per_series(method):
    rng = np.random.default_rng(42)
    panel = make_panel(rng, 40)
    out = forecast_panel(panel, 3, method=method, n_jobs=1)
    bands = ["lo_80", "hi_80", "lo_95", "hi_95"]
    assert list(out.columns) == ["series_id", "year", "mean", *bands, "scale"]
    assert len(out) == 40 * 3
    for sid, g in panel.groupby("series_id"):
        ref = forecast(
            pd.Series(g["value"].to_numpy(), index=g["year"].to_numpy()), 3, method=method
        )
        got = out[out["series_id"] == sid].set_index("year")[ref.columns]
        np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=1e-12, atol=1e-9)
        assert got.index.tolist() == ref.index.tolist()


def test_panel_bounds_and_shuffled_input():
    rng = np.random.default_rng(3)
    panel = make_panel(rng, 20)
    a = forecast_panel(panel, 4, bounds=(0, None), n_jobs=1)
    b = forecast_panel(panel.sample(frac=1, random_state=1), 4, bounds=(0, None), n_jobs=1)
    pd.testing.assert_frame_equal(a, b)
    assert (a[["mean", "lo_80", "hi_80", "lo_95", "hi_95"]].to_numpy() >= 0).all()


def test_panel_two_processes_equal_one(monkeypatch):
    import langfang_metrics.forecast as fmod

    monkeypatch.setattr(fmod, "PANEL_MIN_CHUNK", 2500)  # force the pool on a small panel
    rng = np.random.default_rng(5)
    k = 6000
    n = rng.integers(8, 31, k)
    ids = np.repeat(np.arange(k), n)
    years = np.concatenate([np.arange(2000, 2000 + m) for m in n])
    vals = 100 + np.cumsum(rng.normal(1, 5, len(ids)))
    panel = pd.DataFrame({"series_id": ids, "year": years, "value": vals})
    one = forecast_panel(panel, 3, n_jobs=1)
    two = forecast_panel(panel, 3, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_panel_errors():
    bad = pd.DataFrame({"series_id": ["a", "a", "b"], "year": [2019, 2020, 2020], "value": 1.0})
    with pytest.raises(InsufficientDataError, match="series 'b'"):
        forecast_panel(bad, 2, n_jobs=1)
    # a series with every value missing vanished from the result without a word
    blank = pd.DataFrame({"series_id": ["a", "a", "a", "b", "b"], "year": [2019, 2020, 2021] * 1
                          + [2019, 2020], "value": [1.0, 2.0, 3.0, np.nan, np.nan]})  # fmt: skip
    with pytest.raises(InsufficientDataError, match="series 'b' has no values"):
        forecast_panel(blank, 2, n_jobs=1)
    with pytest.raises(InsufficientDataError, match="series 'a' has no values.*1 more series"):
        forecast_panel(blank.assign(value=np.nan), 2, n_jobs=1)
    assert forecast_panel(blank.iloc[:0], 2).empty  # no rows at all: nothing to forecast
    with pytest.raises(ValueError, match="missing column"):
        forecast_panel(pd.DataFrame({"id": [1]}), 2)
    dup = pd.DataFrame({"series_id": ["a"] * 3, "year": [2019, 2019, 2020], "value": 1.0})
    with pytest.raises(ValueError, match="duplicate year"):
        forecast_panel(dup, 2, n_jobs=1)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"value": [1.0, "x", 3.0, 4.0, 5.0, 6.0]},
         r"value 'x' for series 'a', year 2021 \(row 2 of the panel\) is not a number"),
        ({"value": [1.0, 2.0, 3.0, 4.0, np.inf, 6.0]},
         r"value inf for series 'b', year 2021 \(row 5 of the panel\) is infinite"),
        ({"series_id": ["a", "a", "a", None, "b", "b"]}, r"panel row 4 has no series_id"),
        ({"year": [2020, 2021, 2022, 2020, 2021.5, 2022]},
         r"'year' must hold whole years, got 2021.5"),
    ],
)  # fmt: skip
def test_panel_refuses_bad_rows_naming_them(change, match):
    panel = pd.DataFrame(
        {"series_id": ["a"] * 3 + ["b"] * 3, "year": [2020, 2021, 2022] * 2,
         "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}
    )  # fmt: skip
    with pytest.raises(ValueError, match=match):
        forecast_panel(panel.assign(**change), 2, n_jobs=1)


def test_panel_checks_levels_and_bounds_as_forecast_does():
    panel = pd.DataFrame({"series_id": ["a"] * 3, "year": [2020, 2021, 2022], "value": 1.0})
    with pytest.raises(ValueError, match="between 0 and 100"):
        forecast_panel(panel, 2, levels=("80",))
    with pytest.raises(ValueError, match="lower bound must be below the upper bound"):
        forecast_panel(panel, 2, bounds=(100, 0))


def test_panel_arguments_are_checked_with_clear_messages():
    with pytest.raises(ValueError, match="long DataFrame with columns series_id, year"):
        forecast_panel([1, 2, 3], 1)
    df = pd.DataFrame({"series_id": ["a"] * 3, "year": [2019, 2020, 2021], "value": [1.0, 2, 3]})
    for bad in ("x", 0, -1, 1.5):
        with pytest.raises(ValueError, match="n_jobs must be a positive whole number"):
            forecast_panel(df, 1, n_jobs=bad)
    typo = df.assign(year=[2019, 2020, 20210])
    with pytest.raises(ValueError, match="series 'a' covers the years 2019-20210"):
        forecast_panel(typo, 1)
    out = forecast_panel(df, 1, bounds=(0, 100))
    assert out.attrs["bounds"] == (0.0, 100.0)


@pytest.mark.parametrize(
    "method, additive",
    [(m, a) for m in ("auto", "drift", "theta") for a in (False, True)] + [("loglinear", False)],
)
def test_panel_equals_single_series_for_figures_years_apart(method, additive):
    """The number of figures (not the years spanned) picks the rule in both paths."""
    rng = np.random.default_rng(3)
    spans = [[2015, 2021], [2018, 2020, 2021], [2010, 2012, 2013, 2016, 2017, 2020, 2022],
             [2016, 2017, 2019, 2020, 2021, 2022, 2023], [2019, 2020, 2021]]  # fmt: skip
    rows = []
    for i, yrs in enumerate(spans):
        values = 100 * np.cumprod(1 + rng.normal(0.05, 0.1, len(yrs)))
        rows += [(f"s{i}", y, v) for y, v in zip(yrs, values, strict=True)]
    df = pd.DataFrame(rows, columns=["series_id", "year", "value"])
    panel = forecast_panel(df, 3, method=method, additive=additive)
    for sid, g in df.groupby("series_id"):
        one = forecast(g.set_index("year")["value"], 3, method=method, additive=additive)
        got = panel[panel["series_id"] == sid].set_index("year")[one.columns]
        np.testing.assert_allclose(got.to_numpy(), one.to_numpy(), rtol=1e-9)


def test_panel_rows_read_on_their_own_scale(tmp_path):
    """A panel frame carried no scale: a growth row (log scale) was read as levels, P(2,000
    firms) 0.40 instead of forecast()'s 0.38. Each row now names its scale, and it survives
    a CSV round trip."""
    short = pd.Series([905.0, 1258.0], index=[2020, 2022])
    long = pd.Series([100, 130, 120, 170, 160, 220, 200, 260.0], index=range(2015, 2023))
    panel = pd.concat([
        pd.DataFrame({"series_id": "short", "year": short.index, "value": short.values}),
        pd.DataFrame({"series_id": "long", "year": long.index, "value": long.values}),
    ])  # fmt: skip
    for method, sid, y, targets in [
        ("auto", "short", short, (800, 1258, 2000, 4000)),
        ("auto", "long", long, (250, 400, 600)),
        ("loglinear", "long", long, (250, 400, 600, 800)),
    ]:
        out = forecast_panel(panel, 5, method=method, bounds=(0, None), n_jobs=1)
        out.to_csv(tmp_path / "panel.csv", index=False)
        back = pd.read_csv(tmp_path / "panel.csv")
        one = forecast(y, 5, method=method, bounds=(0, None))
        for frame in (out, back):
            rows = frame[frame["series_id"] == sid].set_index("year")
            for t in targets:
                assert prob_meeting(rows, 2027, t) == pytest.approx(prob_meeting(one, 2027, t))
            np.testing.assert_allclose(quantile_at(rows, 2027, [0.05, 0.5, 0.95]),
                                       quantile_at(one, 2027, [0.05, 0.5, 0.95]))  # fmt: skip
    assert set(forecast_panel(panel, 5, n_jobs=1)["scale"]) == {"log", "level"}
