"""Vectorised forecasting maths shared by :func:`forecast` and :func:`forecast_panel`.

Every function here works on a 2-D float array ``Y`` of shape ``(k, n)``: ``k`` series of
the same length ``n`` on a complete annual grid (gaps already interpolated), on the
*working scale* (natural log for strictly positive series, levels otherwise). The
recursions run over the ``n`` years; each step updates all ``k`` series -- and, for the
parameter searches, every grid point -- at once, so one call costs about as much for
10,000 series as a Python loop costs for a handful.

The single-series path (``forecast``) calls the same functions with ``k == 1``, so the panel
and per-series forecasts are the same maths. Slow loop-based references live in
``tests/test_forecast_panel.py``.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

#: Smoothing-parameter grid for simple exponential smoothing (the SES step of Theta).
SES_ALPHAS = np.round(np.arange(0.05, 1.0001, 0.05), 4)

#: Damped-trend grid: level smoothing, trend smoothing and damping factor.
DAMPED_ALPHAS = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
DAMPED_BETAS = np.array([0.01, 0.05, 0.1, 0.2, 0.3])
DAMPED_PHIS = np.array([0.8, 0.85, 0.9, 0.95, 0.98])

#: Minimum number of annual points for the model-based methods (theta, damped, ets, arima).
MIN_MODEL_POINTS = 5


def _damped_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a, b, p = np.meshgrid(DAMPED_ALPHAS, DAMPED_BETAS, DAMPED_PHIS, indexing="ij")
    a, b, p = a.ravel(), b.ravel(), p.ravel()
    keep = b <= a  # trend smoothing no faster than level smoothing (usual admissible region)
    return a[keep], b[keep], p[keep]


_DA, _DB, _DP = _damped_grid()


def naive(Y: np.ndarray, h: int) -> np.ndarray:
    """Last value carried forward; shape ``(k, h)``."""
    return np.repeat(Y[:, -1:], h, axis=1)


def drift(Y: np.ndarray, h: int) -> np.ndarray:
    """Random walk with drift: last value + average annual change x steps ahead."""
    n = Y.shape[1]
    slope = (Y[:, -1] - Y[:, 0]) / (n - 1)
    steps = np.arange(1, h + 1, dtype=float)
    return Y[:, -1:] + slope[:, None] * steps[None, :]


def ols_line(Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OLS intercept and slope of each row on t = 0..n-1."""
    n = Y.shape[1]
    t = np.arange(n, dtype=float)
    tc = t - t.mean()
    slope = (Y - Y.mean(axis=1, keepdims=True)) @ tc / (tc @ tc)
    intercept = Y.mean(axis=1) - slope * t.mean()
    return intercept, slope


def linear_trend(Y: np.ndarray, h: int) -> np.ndarray:
    """Extrapolated OLS line (constant growth when ``Y`` is on the log scale)."""
    n = Y.shape[1]
    intercept, slope = ols_line(Y)
    t = np.arange(n, n + h, dtype=float)
    return intercept[:, None] + slope[:, None] * t[None, :]


def ses_fit(Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Simple exponential smoothing with alpha chosen on a grid by one-step SSE.

    Returns the final level and the chosen alpha, each of shape ``(k,)``. The level starts
    at the first observation (so the first one-step error is that of the second year).
    """
    k, n = Y.shape
    alphas = SES_ALPHAS[None, :]
    level = np.repeat(Y[:, :1], alphas.shape[1], axis=1)
    sse = np.zeros_like(level)
    for t in range(1, n):
        err = Y[:, t : t + 1] - level
        sse += err * err
        level += alphas * err
    best = np.argmin(sse, axis=1)  # first minimum: deterministic tie-break
    rows = np.arange(k)
    return level[rows, best], SES_ALPHAS[best]


def theta(Y: np.ndarray, h: int) -> np.ndarray:
    """Standard Theta method (Assimakopoulos & Nikolopoulos 2000; Hyndman & Billah 2003).

    SES forecast plus half the OLS trend slope, with the small-sample correction used by
    ``statsmodels.tsa.forecasting.theta.ThetaModel`` (theta = 2, no seasonality).
    """
    n = Y.shape[1]
    level, alpha = ses_fit(Y)
    _, slope = ols_line(Y)
    steps = np.arange(h, dtype=float)[None, :]
    a = alpha[:, None]
    trend = steps + 1.0 / a - (1.0 - a) ** n / a
    return level[:, None] + 0.5 * slope[:, None] * trend


def damped(Y: np.ndarray, h: int) -> np.ndarray:
    """Additive damped-trend exponential smoothing (Gardner & McKenzie 1985).

    Parameters (alpha, beta, phi) are chosen per series on a fixed grid by one-step SSE;
    the level starts at the first observation and the trend at the mean of the first (up
    to three) annual changes.
    """
    k, n = Y.shape
    m = min(3, n - 1)
    a, b, p = _DA[None, :], _DB[None, :], _DP[None, :]
    g = a.shape[1]
    level = np.repeat(Y[:, :1], g, axis=1)
    trend = np.repeat(((Y[:, m] - Y[:, 0]) / m)[:, None], g, axis=1)
    sse = np.zeros_like(level)
    for t in range(1, n):
        pred = level + p * trend
        err = Y[:, t : t + 1] - pred
        sse += err * err
        new_level = pred + a * err
        trend = p * trend + a * b * err  # error-correction form of Holt's trend update
        level = new_level
    best = np.argmin(sse, axis=1)
    rows = np.arange(k)
    lv, tr, ph = level[rows, best], trend[rows, best], _DP[best]
    # cumulative damping phi + phi^2 + ... + phi^j for j = 1..h
    cum = np.cumsum(ph[:, None] ** np.arange(1, h + 1)[None, :], axis=1)
    return lv[:, None] + tr[:, None] * cum


def ses_drift(Y: np.ndarray, h: int) -> np.ndarray:
    """Smoothed level (SES, alpha by one-step SSE) plus the average annual change."""
    n = Y.shape[1]
    level, _ = ses_fit(Y)
    slope = (Y[:, -1] - Y[:, 0]) / (n - 1)
    return level[:, None] + slope[:, None] * np.arange(1, h + 1, dtype=float)[None, :]


def median_drift(Y: np.ndarray, h: int) -> np.ndarray:
    """Last value plus the median annual change (a drift that ignores one-off jumps)."""
    slope = np.median(np.diff(Y, axis=1), axis=1)
    return Y[:, -1:] + slope[:, None] * np.arange(1, h + 1, dtype=float)[None, :]


def combo(Y: np.ndarray, h: int) -> np.ndarray:
    """The ``auto`` point forecast: equal-weight mean of three drift variants.

    Drift from the last value, drift from the SES-smoothed level, and last value plus the
    median annual change (see docs/forecasting.md for the evidence that picked it).
    """
    return (drift(Y, h) + ses_drift(Y, h) + median_drift(Y, h)) / 3.0


#: Point-forecast functions of the vectorised methods, by public method name.
POINT_METHODS = {
    "naive": naive,
    "drift": drift,
    "loglinear": linear_trend,  # applied to log values by the caller
    "theta": theta,
    "damped": damped,
    "combo": combo,
}


# --------------------------------------------------------------------------- intervals
#: Interval rule for series of 5+ points: half-width = c_L * s * h, where s is the spread
#: of annual changes (:func:`diff_spread`) and h the steps ahead. c_80 and c_95 are the 80 %
#: and 95 % quantiles of |error| / (s * h) of the ``auto`` forecast over pseudo-out-of-sample
#: holdouts cut from the TRAINING parts of the M1 and Tourism yearly series (recomputed and
#: printed by benchmarks/forecast_accuracy.py); other levels are interpolated (mult()).
LONG_MULT = (1.57, 3.02)
#: Short series (2-4 points, drift): half-width = r_L(n) * |last value| * h, with r from the
#: same holdouts using only the last n training points (relative error spread of drift).
SHORT_MULT = {2: (0.25, 0.76), 3: (0.20, 0.63), 4: (0.17, 0.48)}
#: Floor of the spread s: 0.5 % of the mean absolute level (a flat series still gets a band).
REL_FLOOR = 0.005

_Z = NormalDist()


def mult(level: float, c80: float, c95: float) -> float:
    """Multiplier at ``level`` % from the 80 % and 95 % ones.

    Interpolated as c80 * (z_L / z_80) ** k with k chosen so that the 95 % value is
    reproduced: a power law in the normal quantile, which is exact at both calibrated
    levels and increasing in the level (so intervals nest).
    """
    if not 0 < level < 100:
        raise ValueError(f"interval levels must be between 0 and 100 (percent), got {level}")
    z80, z95 = _Z.inv_cdf(0.9), _Z.inv_cdf(0.975)
    k = np.log(c95 / c80) / np.log(z95 / z80)
    z = _Z.inv_cdf(0.5 + level / 200.0)
    return float(c80 * (z / z80) ** k)


def diff_spread(Y: np.ndarray) -> np.ndarray:
    """Per-series spread of annual changes: RMS deviation of first differences from their mean.

    It is the one-step error standard deviation of the drift model, the scale on which the
    empirical interval multipliers are expressed. A floor of ``REL_FLOOR`` times the mean
    absolute level keeps flat series from getting zero-width intervals.
    """
    d = np.diff(Y, axis=1)
    s = np.sqrt(np.mean((d - d.mean(axis=1, keepdims=True)) ** 2, axis=1))
    return np.maximum(s, REL_FLOOR * np.mean(np.abs(Y), axis=1))


def short_scale(Y: np.ndarray) -> np.ndarray:
    """Scale of the short-series rule: |last value|, or the mean |value| if the last is 0."""
    last = np.abs(Y[:, -1])
    alt = np.maximum(np.mean(np.abs(Y), axis=1), np.max(np.abs(np.diff(Y, axis=1)), axis=1))
    return np.where(last > 0, last, alt)


def half_widths(Y: np.ndarray, h: int, levels) -> dict:
    """Half-widths ``{level: (k, h) array}`` by the long or short rule, by series length."""
    n = Y.shape[1]
    steps = np.arange(1, h + 1, dtype=float)[None, :]
    if n >= MIN_MODEL_POINTS:
        s, (c80, c95) = diff_spread(Y), LONG_MULT
    else:
        s, (c80, c95) = short_scale(Y), SHORT_MULT[n]
    return {lv: mult(lv, c80, c95) * s[:, None] * steps for lv in levels}


def core(Y: np.ndarray, h: int, method: str, levels) -> tuple[str, np.ndarray, dict]:
    """Point forecasts and half-widths for equal-length series on the working scale.

    Returns the method actually used (``drift`` when a model-based method gets fewer than
    ``MIN_MODEL_POINTS`` points), the ``(k, h)`` means and the half-widths per level.
    """
    n = Y.shape[1]
    used = method
    if n < MIN_MODEL_POINTS and method in ("combo", "theta", "damped"):
        used = "drift"
    mean = POINT_METHODS[used](Y, h)
    return used, mean, half_widths(Y, h, levels)
