"""Vectorised forecasting maths shared by :func:`forecast` and :func:`forecast_panel`.

Every function here works on a 2-D float array ``Y`` of shape ``(k, n)``: ``k`` series of
the same length ``n`` on a complete annual grid (gaps already interpolated), on the
*working scale* (levels for most methods; log values for ``loglinear`` and for the growth
distribution of short strictly positive series, see ``docs/forecasting.md``). The
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
    # trend smoothing no faster than level smoothing: a restriction of ours (in the error-
    # correction form used here, trend += alpha * beta * error, the usual region is beta <= 1)
    keep = b <= a
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

    Piecewise linear in the normal quantile ``z`` of the level: from 0 at the median to
    ``c80`` at z_80 and on to ``c95`` at z_95, extended along that last segment beyond 95 %.
    It is the rule by which ``forecast.prob_meeting`` and ``quantile_at`` read a frame between
    and beyond its knots, so a frame asked for (50, 80, 95) puts its 50 % ends where the
    default (80, 95) frame says the chance is 25 % (a power law in ``z`` put them elsewhere:
    0.25 read as 0.35). Exact at both calibrated levels and increasing in the level, so
    intervals nest. (One path reads differently: ``loglinear`` on 2-4 points takes
    ``log1p`` of the multiplier, so its other levels are close to, not exactly, what the
    default frame reads.)
    """
    if not 0 < level < 100:
        raise ValueError(f"interval levels must be between 0 and 100 (percent), got {level}")
    z80, z95 = _Z.inv_cdf(0.9), _Z.inv_cdf(0.975)
    z = _Z.inv_cdf(0.5 + level / 200.0)
    if z == z80 or z == z95:  # the calibrated levels themselves, to the last digit
        return float(c80 if z == z80 else c95)
    if z < z80:
        return float(c80 * z / z80)
    return float(c80 + (c95 - c80) * (z - z80) / (z95 - z80))


def diff_spread(Y: np.ndarray, *, log: bool = False) -> np.ndarray:
    """Per-series spread of annual changes: RMS deviation of first differences from their mean.

    It is the one-step error standard deviation of the drift model, the scale on which the
    empirical interval multipliers are expressed. A floor of ``REL_FLOOR`` times the mean
    absolute level keeps flat series from getting zero-width intervals. ``log``: ``Y`` holds
    log values, whose changes are already relative, so the floor is ``REL_FLOOR`` itself (a
    floor from the mean |log value| made the band depend on the unit of measurement).
    """
    d = np.diff(Y, axis=1)
    s = np.sqrt(np.mean((d - d.mean(axis=1, keepdims=True)) ** 2, axis=1))
    return np.maximum(s, REL_FLOOR if log else REL_FLOOR * np.mean(np.abs(Y), axis=1))


def short_scale(Y: np.ndarray) -> np.ndarray:
    """Scale of the short-series rule: |last value|, or the mean |value| if the last is 0."""
    last = np.abs(Y[:, -1])
    alt = np.maximum(np.mean(np.abs(Y), axis=1), np.max(np.abs(np.diff(Y, axis=1)), axis=1))
    return np.where(last > 0, last, alt)


def half_widths(Y: np.ndarray, h: int, levels, *, log: bool = False) -> dict:
    """Half-widths ``{level: (k, h) array}`` by the long or short rule, by series length.

    ``log``: ``Y`` holds log values (``loglinear``); the widths are then relative, and do
    not depend on the unit the series is measured in. The short rule's relative half-width
    ``r · h`` becomes ``log(1 + r · h)`` on the log scale: the same upper end as on the level
    scale (``r · h`` itself made the 95 % band of two figures run to 102 times the last value
    five years ahead), and its mirror image below.
    """
    n = Y.shape[1]
    steps = np.arange(1, h + 1, dtype=float)[None, :]
    if n >= MIN_MODEL_POINTS:
        s = diff_spread(Y, log=log)
        return {lv: mult(lv, *LONG_MULT) * s[:, None] * steps for lv in levels}
    if log:
        ones = np.ones((Y.shape[0], 1))
        return {lv: np.log1p(mult(lv, *SHORT_MULT[n]) * steps) * ones for lv in levels}
    s = short_scale(Y)
    return {lv: mult(lv, *SHORT_MULT[n]) * s[:, None] * steps for lv in levels}


def core(
    Y: np.ndarray, h: int, method: str, levels, *, log: bool = False, W: np.ndarray | None = None
) -> tuple[str, np.ndarray, dict]:
    """Point forecasts and half-widths for equal-length series on the working scale.

    Returns the method actually used (``drift`` when a model-based method gets fewer than
    ``MIN_MODEL_POINTS`` points), the ``(k, h)`` means and the half-widths per level.
    ``log``: ``Y`` holds log values (see :func:`half_widths`). ``W``: where ``Y`` has
    interpolated years, the observed figures one year apart (``forecast._annualised``); their
    number decides the fallback and the interval rule, and their changes give the spread.
    """
    W = Y if W is None else W
    n = W.shape[1]
    used = method
    if n < MIN_MODEL_POINTS and method in ("combo", "theta", "damped"):
        used = "drift"
    mean = POINT_METHODS[used](Y, h)
    return used, mean, half_widths(W, h, levels, log=log)


# --------------------------------------------------------------------------- short series
#: Series with up to this many annual points get the reference-class growth distribution
#: (``auto``/``combo`` and the model-based methods' fallback).
SHORT_MAX = 6
#: Horizons used to fit the reference class (1..5 years ahead); longer horizons extrapolate
#: the fitted scale law ``h ** beta``.
REF_HORIZONS = 5
#: The calibration error (ECE) of ``prob_meeting`` the benchmarks aim at for every number of
#: points (issue 13); notebook 03 sets the suite's own backtests against it.
ECE_GOAL = 0.05
#: Probabilities of the standardized-error quantiles the reference class stores.
REF_PROBS = (0.025, 0.1, 0.5, 0.9, 0.975)
#: Prior weights ``nu`` (in annual changes) of the collection's typical volatility that
#: ``fit_reference(..., consistency=True)`` tries when it measures how consistent a window's
#: changes are (:func:`within_ratio`); ``inf`` is one drift weight for every window. It comes
#: first so that a tie (at ``w`` = 0 or 1 every ``nu`` fits alike) reports one weight.
NU_GRID = (np.inf, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


#: Window lengths (series lengths) of the reference class: 2 .. SHORT_MAX points.
REF_NS = tuple(range(2, SHORT_MAX + 1))
#: Other changes a series needs beside a window for :func:`reliability_stats` to use it.
RELIABILITY_MIN_REST = 3
#: Relative floor inside the logarithm of a series' other changes in
#: :func:`reliability_stats` (a series whose changes equal the typical growth exactly).
RELIABILITY_EPS = 1e-12
#: Floors ``c`` (in units of the anchor's variance ``S**2``) that :func:`choose_floors`
#: tries for a window's own mean square: the reliability line is fitted on
#: ``log(m / S**2 + c)``.
FLOOR_GRID = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
#: The floor ``c`` per window length n = 2 .. ``SHORT_MAX`` of the shipped constants,
#: chosen by :func:`choose_floors` on the pooled training parts of M1 and Tourism. A window
#: whose changes happen to equal the typical growth is not infinitely calm: without a
#: floor (``c`` = 0) the line through ``log(m / S**2)`` extrapolated to such windows gave
#: them a band of almost nothing, so that a larger last figure could lower the chance of
#: meeting a target (docs/forecasting.md).
RELIABILITY_FLOOR = (0.2, 0.1, 0.05, 0.05, 0.02)


class Anchor(tuple):
    """Where a collection of series sits: its typical annual log growth and volatility.

    ``(growth, spread)``: the median over the collection's series of each series' average
    annual log change, and the median of each series' standard deviation of annual log
    changes. The reference-class distribution is expressed relative to these two numbers,
    so one set of shape constants (:class:`RefClass`) serves collections that grow at
    different paces (see docs/forecasting.md: the shape transfers between M1 and Tourism,
    the location and scale do not).

    The optional third component, ``reliability``, says how much a window's own volatility
    tells about the volatility of its series in this collection: one ``(a, lam)`` pair per
    window length n = 2 .. ``SHORT_MAX`` (:func:`reliability_from`); None means
    ``DEFAULT_ANCHOR``'s. It is an attribute, not a tuple item, so an anchor still unpacks
    and compares with a plain pair as ``(growth, spread)``; two anchors are equal when their
    reliability lines are equal too (None counting as the default's).
    """

    def __new__(cls, growth, spread, reliability=None):
        if reliability is not None:
            reliability = tuple((float(a), float(lam)) for a, lam in reliability)
            if len(reliability) != len(REF_NS):
                raise ValueError(
                    f"reliability needs one (a, lam) pair per n in {REF_NS}, got {len(reliability)}"
                )
        self = super().__new__(cls, (float(growth), float(spread)))
        self._reliability = reliability
        return self

    growth = property(lambda s: s[0])
    spread = property(lambda s: s[1])
    reliability = property(lambda s: s._reliability)

    def for_n(self, n: int) -> tuple[float, float]:
        """``(a, lam)`` for windows of ``n`` points (``DEFAULT_ANCHOR``'s when not set)."""
        rel = self.reliability if self.reliability is not None else DEFAULT_RELIABILITY
        return rel[REF_NS.index(int(n))]

    def __eq__(self, other):
        if isinstance(other, Anchor):  # None and the default's lines are the same anchor
            mine = [self.for_n(n) for n in REF_NS]
            return tuple.__eq__(self, other) and mine == [other.for_n(n) for n in REF_NS]
        return tuple.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self):
        rel = "" if self.reliability is None else f", reliability={self.reliability!r}"
        return f"Anchor(growth={self.growth!r}, spread={self.spread!r}{rel})"

    def __getnewargs__(self):  # pickles (worker processes) through __new__'s signature
        return (self.growth, self.spread, self.reliability)


class RefClass(tuple):
    """Shape constants of the reference-class growth distribution for one series length ``n``.

    ``(w, r, b, beta, q, nu)``, relative to an :class:`Anchor` ``(g, S)``: the location of the
    annual log growth is ``g + w * (d - g)`` with ``d`` the series' own average annual change
    (``w`` is the weight of the series' own drift; with a finite ``nu`` the weight grows with
    the consistency of the window's changes, :func:`own_weight`; the shipped constants have
    ``nu = inf``, one weight, see docs/forecasting.md); the scale of the h-step change is
    ``b * sqrt((r * S)**2 + v) * h**beta`` with ``v`` the variance of annual changes
    predicted from the series' own mean squared deviation from ``g`` by the collection's
    reliability line (:func:`ref_inputs`; ``r * S`` is a floor for series whose few changes
    happen to agree); ``q`` are the standardized-error quantiles at ``REF_PROBS``. A plain
    tuple subclass so the table below stays readable and hashable.
    """

    __slots__ = ()

    def __new__(cls, w, r, b, beta, q, nu=np.inf):
        if not float(nu) > 0:  # nan, 0 and negative values have no meaning (and divide by 0)
            raise ValueError(f"nu must be a positive number of changes or inf, got {nu!r}")
        return super().__new__(cls, (float(w), float(r), float(b), float(beta),
                                     tuple(float(x) for x in q), float(nu)))  # fmt: skip

    w = property(lambda s: s[0])
    r = property(lambda s: s[1])
    b = property(lambda s: s[2])
    beta = property(lambda s: s[3])
    q = property(lambda s: s[4])
    nu = property(lambda s: s[5])

    def __getnewargs__(self):
        return tuple(self)


#: Fewest series (with 2+ points for the growth, 3+ points for the spread) from which
#: :func:`anchor_from` estimates a component; with fewer it keeps the default's.
MIN_COLLECTION = 20
#: Least typical spread (s.d. of annual log changes) an anchor can have: 0.5 % a year, the
#: floor of a series' own spread. Peers that grow exactly steadily give a median spread of
#: 0 or 1e-16, and the reliability line then scaled every window's band to (almost) nothing;
#: at exactly 0 a different branch gave a wide band, so the band jumped at 0.
MIN_ANCHOR_SPREAD = REL_FLOOR


def series_growth_spread(series) -> tuple[np.ndarray, np.ndarray]:
    """Average annual change and s.d. of annual changes (ddof=1) of each series.

    ``series`` is an iterable of 1-D arrays on a complete annual grid (log values). The
    growth needs 2+ points and the spread 3+; otherwise the entry is NaN.
    """
    g, s = [], []
    for y in series:
        y = np.asarray(y, dtype=float)
        d = np.diff(y)
        g.append(float(np.mean(d)) if len(d) >= 1 else np.nan)
        s.append(float(np.std(d, ddof=1)) if len(d) >= 2 else np.nan)
    return np.array(g, dtype=float), np.array(s, dtype=float)


def anchor_from(growths, spreads, default: Anchor | None = None) -> Anchor:
    """The :class:`Anchor` of a collection from its series' growths and spreads (NaN: none).

    Medians of the finite values. A component estimated from fewer than ``MIN_COLLECTION``
    series is replaced by ``default``'s (``DEFAULT_ANCHOR`` when not given), so a small panel
    keeps the reference class it has no evidence against. The spread is at least
    ``MIN_ANCHOR_SPREAD``.
    """
    default = DEFAULT_ANCHOR if default is None else default
    g, s = np.asarray(growths, dtype=float), np.asarray(spreads, dtype=float)
    g, s = g[np.isfinite(g)], s[np.isfinite(s)]
    growth = float(np.median(g)) if len(g) >= MIN_COLLECTION else default.growth
    spread = float(np.median(s)) if len(s) >= MIN_COLLECTION else default.spread
    return Anchor(growth, max(spread, MIN_ANCHOR_SPREAD))


def series_anchor(series, default: Anchor | None = None, floors=None) -> Anchor:
    """The :class:`Anchor` of a collection of series (log values on annual grids).

    Growth and spread as :func:`anchor_from`, and the collection's reliability
    (:func:`reliability_from`) measured around them, with ``floors``
    (``RELIABILITY_FLOOR`` when not given). An :class:`Anchor` does not record its floors:
    forecasts read its lines with ``RELIABILITY_FLOOR``, so lines measured with other floors
    are for per-row anchors that carry them (``(growth, spread, a, lam, c)``, as the
    benchmark passes them).
    """
    series = [np.asarray(y, dtype=float) for y in series]
    base = anchor_from(*series_growth_spread(series), default)
    stats = reliability_stats(series, base.growth, base.spread, floors)
    return Anchor(base.growth, base.spread, reliability_from(stats, default))


def reliability_stats(series, growth: float, spread: float, floors=None) -> np.ndarray:
    """Per series and window length: sums for the regression of :func:`reliability_from`.

    For every window of ``k = n - 1`` consecutive annual changes of a series (log values
    on an annual grid) with at least ``RELIABILITY_MIN_REST`` other changes:
    ``x = log(m / S**2 + c)``, with ``m`` the window's mean squared deviation of its changes
    from the collection's typical growth ``g`` and ``c`` the floor for windows of that
    length (``floors``, one per n; ``RELIABILITY_FLOOR`` when not given), and
    ``y = log(m_rest / S**2)``, the same for the series' other changes (with a floor of
    ``RELIABILITY_EPS``). Returns ``(m, len(REF_NS), 6)``: count, sum x, sum y, sum x*x,
    sum x*y, sum y*y per series and n, so that collections (and collections without one
    series) add up.
    """
    floors = _floors(floors)  # refused before anything else, also for a flat collection
    g, S2 = float(growth), float(spread) ** 2
    out = np.zeros((len(series), len(REF_NS), 6))
    if not (np.isfinite(S2) and S2 > 0):  # no typical volatility to measure against
        return out
    floor, lS2 = RELIABILITY_EPS * S2, np.log(S2)
    lengths = np.array([len(y) for y in series], dtype=int)
    for length in np.unique(lengths):  # series of one length at once
        rows = np.flatnonzero(lengths == length)
        Y = np.array([series[i] for i in rows], dtype=float).reshape(len(rows), length)
        dev2 = (np.diff(Y, axis=1) - g) ** 2
        changes = length - 1
        cs = np.concatenate([np.zeros((len(rows), 1)), np.cumsum(dev2, axis=1)], axis=1)
        for j, n in enumerate(REF_NS):
            k = n - 1
            if changes - k < RELIABILITY_MIN_REST:
                continue
            win = cs[:, k:] - cs[:, :-k]
            x = np.log(win / k + max(floors[j], RELIABILITY_EPS) * S2) - lS2
            yv = np.log((cs[:, -1:] - win) / (changes - k) + floor) - lS2
            out[rows, j] = np.stack([np.full(len(rows), x.shape[1], dtype=float), x.sum(axis=1),
                                     yv.sum(axis=1), (x * x).sum(axis=1), (x * yv).sum(axis=1),
                                     (yv * yv).sum(axis=1)], axis=1)  # fmt: skip
    return out


def reliability_from(stats: np.ndarray, default: Anchor | None = None) -> tuple:
    """``(a, lam)`` per window length: how a window's volatility predicts its series'.

    The least-squares line ``log(m_rest / S**2) = a + lam * log(m / S**2 + c)`` through the
    windows of :func:`reliability_stats` (summed over the series of ``stats``). ``lam`` is
    the share of a window's own (log) volatility that carries over to its series: near 0
    where the collection's series are alike and a few changes are mostly noise, larger
    where series differ in volatility. A length that fewer than ``MIN_COLLECTION`` series
    inform keeps ``default``'s pair (``DEFAULT_ANCHOR`` when not given).
    """
    default = DEFAULT_ANCHOR if default is None else default
    stats = np.asarray(stats, dtype=float)
    stats = stats.reshape(-1, len(REF_NS), stats.shape[-1])
    informed = informed_lengths(stats)
    out = []
    for j, n in enumerate(REF_NS):
        line = _reliability_line(stats[:, j].sum(axis=0))
        if not informed[j] or line is None:
            line = default.for_n(n)
        out.append(line)
    return tuple(out)


def informed_lengths(stats: np.ndarray) -> np.ndarray:
    """Per window length, whether at least ``MIN_COLLECTION`` series of ``stats``
    (:func:`reliability_stats`) inform its reliability line; where not,
    :func:`reliability_from` keeps the default's."""
    stats = np.asarray(stats, dtype=float)
    windows = stats.reshape(-1, len(REF_NS), stats.shape[-1])[:, :, 0]  # per series and n
    return (windows > 0).sum(axis=0) >= MIN_COLLECTION


def _reliability_line(sums) -> tuple[float, float] | None:
    """``(a, lam)``: the least-squares line from summed statistics (count, sx, sy, sxx, sxy).

    None when the windows' x values do not vary (no line can be fitted).
    """
    N, sx, sy, sxx, sxy = (float(v) for v in sums[:5])
    var = sxx - sx * sx / N if N > 0 else 0.0
    if not var > 1e-12 * max(N, 1.0):
        return None
    lam = (sxy - sx * sy / N) / var
    return float((sy - lam * sx) / N), float(lam)


def _floors(floors) -> tuple[float, ...]:
    """One floor per window length (``RELIABILITY_FLOOR`` for None)."""
    floors = RELIABILITY_FLOOR if floors is None else tuple(float(c) for c in floors)
    if len(floors) != len(REF_NS) or not all(np.isfinite(c) and c >= 0 for c in floors):
        raise ValueError(f"floors needs one finite value >= 0 per n in {REF_NS}, got {floors}")
    return floors


def reliability_sse(stats: np.ndarray) -> np.ndarray:
    """Residual sum of squares of each length's least-squares line, ``(len(REF_NS),)``.

    ``stats`` from :func:`reliability_stats` (one collection: its series are summed); NaN
    where no line can be fitted.
    """
    sums = np.asarray(stats, dtype=float).reshape(-1, len(REF_NS), 6).sum(axis=0)
    out = np.full(len(REF_NS), np.nan)
    for j in range(len(REF_NS)):
        line = _reliability_line(sums[j])
        if line is None:
            continue
        a, lam = line
        N, sx, sy, sxx, sxy, syy = sums[j]
        # sum of (y - a - lam x)^2 expanded in the summed statistics
        out[j] = syy - 2 * a * sy - 2 * lam * sxy + N * a * a + 2 * a * lam * sx + lam * lam * sxx
    return out


def choose_floors(collections) -> tuple[float, ...]:
    """The floor ``c`` per window length that fits the reliability lines best.

    ``collections``: one list of series (log values on annual grids) per collection. Each
    collection is measured around its own typical growth and volatility
    (:func:`anchor_from`) with its own least-squares line for every floor of
    ``FLOOR_GRID``; for each n the floor with the smallest residual sum of squares, summed
    over the collections, is chosen (the first on a tie). It is how far a window's own mean
    square is trusted when it is near 0: a window whose changes happen to match the
    typical growth is calm partly by luck.
    """
    total = np.zeros((len(FLOOR_GRID), len(REF_NS)))
    for series in collections:
        series = [np.asarray(y, dtype=float) for y in series]
        base = anchor_from(*series_growth_spread(series))
        for i, c in enumerate(FLOOR_GRID):
            stats = reliability_stats(series, base.growth, base.spread, (c,) * len(REF_NS))
            total[i] += np.nan_to_num(reliability_sse(stats), nan=0.0)
    # a length no collection can fit a line for keeps the shipped floor (all sums 0 tied at
    # the grid's first value, 0, and said nothing)
    return tuple(float(FLOOR_GRID[int(np.argmin(total[:, j]))]) if total[:, j].any()
                 else RELIABILITY_FLOOR[j] for j in range(len(REF_NS)))  # fmt: skip


def _anchor_rows(anchor, n: int, k: int) -> tuple[np.ndarray, ...]:
    """``(g, S, a, lam, c)`` as ``(k,)`` arrays from an anchor for windows of ``n`` points.

    ``anchor``: an :class:`Anchor` (all rows), None (``DEFAULT_ANCHOR``), or per-row arrays
    ``(growth, spread)`` (the default's reliability), ``(growth, spread, a, lam)`` or
    ``(growth, spread, a, lam, c)``. The floor ``c`` of the reliability line is
    ``RELIABILITY_FLOOR``'s for n unless given.
    """
    if anchor is None:
        anchor = DEFAULT_ANCHOR
    floor = RELIABILITY_FLOOR[REF_NS.index(n)] if n in REF_NS else 0.0
    if isinstance(anchor, Anchor):
        parts = (anchor.growth, anchor.spread, *anchor.for_n(n), floor)
    elif len(anchor) == 2:
        parts = (*anchor, *DEFAULT_ANCHOR.for_n(n), floor)
    elif len(anchor) == 4:
        parts = (*anchor, floor)
    else:
        parts = tuple(anchor)
    return tuple(np.broadcast_to(np.asarray(p, dtype=float), (k,)) for p in parts)


def ref_inputs(U: np.ndarray, growth, spread, a, lam, floor=None) -> tuple[np.ndarray, np.ndarray]:
    """Own average annual change ``d`` and the predicted variance ``v`` of annual changes.

    ``v = S**2 * exp(a + lam * log(m / S**2 + c))``, with ``m`` the window's mean squared
    deviation of its changes from ``growth``, ``(a, lam)`` the collection's reliability
    (:func:`reliability_from`) and ``c`` its floor (``floor``; ``RELIABILITY_FLOOR``'s for
    windows of this length when None): the window's own volatility, shrunk toward the
    collection's as far as the collection's windows say it should be. Arguments are scalars
    or one value per row of ``U``.
    """
    n = U.shape[1]
    k = U.shape[0]
    if floor is None:
        floor = RELIABILITY_FLOOR[REF_NS.index(n)] if n in REF_NS else 0.0
    g, S, a, lam, c = (
        np.broadcast_to(np.asarray(x, dtype=float), (k,)) for x in (growth, spread, a, lam, floor)
    )
    d = (U[:, -1] - U[:, 0]) / (n - 1)
    m = np.mean((np.diff(U, axis=1) - g[:, None]) ** 2, axis=1)
    S2 = S * S
    ok = S2 > 0  # a collection without volatility (all its series exactly regular): m itself
    safe = np.where(ok, S2, 1.0)
    c = np.maximum(c, RELIABILITY_EPS)
    v = np.where(ok, safe * np.exp(a + lam * np.log(m / safe + c)), m)
    return d, v


def within_ratio(U: np.ndarray, spread, nu: float) -> np.ndarray:
    """How volatile each window's changes are among themselves, relative to its collection.

    ``(nu + (k - 1) * s2 / S**2) / (nu + k - 1)``: the sample variance ``s2`` of the window's
    ``k = n - 1`` annual changes about their own mean, in units of the collection's typical
    variance ``S**2`` (``spread``: a scalar or one value per row), shrunk toward 1 with the
    weight of ``nu`` changes. 1 for two points (one change says nothing about consistency),
    for ``nu = inf`` and where ``S`` is 0; below 1 for changes that agree more closely than
    the collection's usually do.
    """
    k = U.shape[1] - 1
    if k < 2 or np.isinf(nu):
        return np.ones(U.shape[0])
    S2 = np.broadcast_to(np.asarray(spread, dtype=float) ** 2, (U.shape[0],))
    s2 = np.var(np.diff(U, axis=1), axis=1, ddof=1)
    ok = S2 > 0
    rel = np.where(ok, s2 / np.where(ok, S2, 1.0), 1.0)
    return (nu + (k - 1) * rel) / (nu + k - 1)


def own_weight(U: np.ndarray, spread, w: float, nu: float = np.inf) -> np.ndarray:
    """Weight of each window's own drift against its collection's typical growth.

    ``w / (w + (1 - w) * c)`` with ``c`` = :func:`within_ratio`: the precision weight of
    the window's own average change, ``w`` for a window whose changes vary as much as the
    collection's usually do, toward 1 for changes that agree closely (a steady trend), below
    ``w`` for changes that disagree. ``w`` for every row when ``nu`` is infinite or the
    window has two points (the shipped constants: one weight).
    """
    if np.isinf(nu) or U.shape[1] < 3 or w >= 1.0:
        return np.full(U.shape[0], float(w))
    return w / (w + (1.0 - w) * within_ratio(U, spread, nu))


def ref_quantiles(U: np.ndarray, h: int, rc: RefClass, anchor=None) -> np.ndarray:
    """Predictive quantiles ``(k, h, len(REF_PROBS))`` of the reference-class model.

    ``U`` is on the working scale (log values); the result is on the same scale. ``anchor``
    is an :class:`Anchor` for all rows (its lines read with ``RELIABILITY_FLOOR``), ``(k,)``
    arrays (growth, spread), (growth, spread, a, lam) or (growth, spread, a, lam, c) with one
    anchor per row, or None for ``DEFAULT_ANCHOR``.
    """
    g, S, a, lam, c = _anchor_rows(anchor, U.shape[1], U.shape[0])
    d, v = ref_inputs(U, g, S, a, lam, c)
    m = g + own_weight(U, S, rc.w, rc.nu) * (d - g)
    steps = np.arange(1, h + 1, dtype=float)
    centre = U[:, -1:] + m[:, None] * steps[None, :]
    scale = rc.b * np.sqrt((rc.r * S) ** 2 + v)[:, None] * steps[None, :] ** rc.beta
    return centre[:, :, None] + scale[:, :, None] * np.asarray(rc.q)[None, None, :]


def ref_offsets(U: np.ndarray, h: int, levels, rc: RefClass, anchor=None):
    """Median ``(k, h)`` and ``{level: (down, up)}`` offsets of the reference-class model.

    Down and up offsets are interpolated separately between the calibrated 80 % and 95 %
    quantiles (:func:`mult`), so the distribution may be skewed on the working scale.
    """
    Q = ref_quantiles(U, h, rc, anchor)
    med = Q[:, :, 2]
    d80, u80 = med - Q[:, :, 1], Q[:, :, 3] - med
    # the ratios are the same for every series (one standardized shape): use the constants
    q = rc.q
    out = {}
    for lv in levels:
        fd = mult(lv, q[2] - q[1], q[2] - q[0]) / (q[2] - q[1])
        fu = mult(lv, q[3] - q[2], q[4] - q[2]) / (q[3] - q[2])
        out[lv] = (d80 * fd, u80 * fu)
    return med, out


def fit_reference(
    X: np.ndarray,
    F: np.ndarray,
    growth,
    spread,
    reliability=None,
    *,
    n_grid: int = 21,
    consistency: bool = False,
) -> RefClass:
    """Fit :class:`RefClass` constants on windows of one length ``n``.

    Parameters
    ----------
    X : ndarray, shape (k, n)
        Windows of ``n`` consecutive annual values on the working scale (log values).
    F : ndarray, shape (k, H)
        The values 1..H years after each window's last point (NaN where not observed).
    growth, spread : float or ndarray of shape (k,)
        The :class:`Anchor` of the collection each window comes from.
    reliability : (a, lam) or (a, lam, c), optional
        That collection's reliability pair for windows of this length (floats or ``(k,)``
        arrays; :func:`reliability_from`), and the floor ``c`` it was measured with
        (``RELIABILITY_FLOOR``'s when not given); default ``DEFAULT_ANCHOR``'s.
    consistency : bool, default False
        Also search ``nu`` over ``NU_GRID`` (windows of 3+ points), so that the drift weight
        grows with the consistency of a window's changes (:func:`own_weight`); otherwise
        ``nu = inf``, one weight for every window (the shipped constants).

    Deterministic grid searches, in three steps: (1) the weight ``w`` of the own drift on a
    grid of ``n_grid`` values in [0, 1] (and ``nu``), minimising the mean absolute per-year
    error of ``g + w * (d - g)``; (2) the floor ``r`` (in units of the anchor spread) and the horizon
    exponent ``beta`` by the Laplace likelihood of the errors in units of the anchor spread,
    with the scale factor ``b`` profiled out (``b`` = mean |error| / shape); (3) the
    empirical quantiles at ``REF_PROBS`` of the standardized errors, pooled over horizons.
    """
    X = np.asarray(X, dtype=float)
    F = np.asarray(F, dtype=float)
    k, n = X.shape
    H = F.shape[1]
    rel = DEFAULT_ANCHOR.for_n(n) if reliability is None else reliability
    g, S, a, lam, c = _anchor_rows((growth, spread, *rel), n, k)
    steps = np.arange(1, H + 1, dtype=float)[None, :]
    ok = np.isfinite(F)
    per_year = ((F - X[:, -1:]) / steps)[ok]  # realised average growth per year ahead
    hh = np.broadcast_to(steps, F.shape)[ok]
    d, v = ref_inputs(X, g, S, a, lam, c)
    dd = np.broadcast_to(d[:, None], F.shape)[ok]
    gg = np.broadcast_to(g[:, None], F.shape)[ok]
    ss = np.broadcast_to(S[:, None], F.shape)[ok]
    best = None
    for nu in NU_GRID if consistency and n > 2 else (np.inf,):
        for w in np.linspace(0.0, 1.0, n_grid):
            wi = np.broadcast_to(own_weight(X, S, w, nu)[:, None], F.shape)[ok]
            loss = float(np.mean(np.abs(per_year - gg - wi * (dd - gg))))
            if best is None or loss < best[0] - 1e-15:
                best = (loss, w, nu, wi)
    _, w, nu, wi = best
    err = (per_year - gg - wi * (dd - gg)) * hh / ss  # h-step error in units of the spread
    vv = np.broadcast_to(v[:, None], F.shape)[ok] / ss**2
    ae = np.abs(err)
    best = None
    for r in np.geomspace(0.05, 20.0, 41):
        base = np.sqrt(r * r + vv)
        for beta in np.arange(0.5, 1.001, 0.05):
            shape = base * hh**beta
            b = float(np.mean(ae / shape))
            nll = float(np.mean(np.log(b * shape)))  # + mean(ae / (b * shape)) == + 1
            if best is None or nll < best[0] - 1e-15:
                best = (nll, r, beta, b)
    _, r, beta, b = best
    z = err / (b * np.sqrt(r * r + vv) * hh**beta)
    q = np.quantile(z, REF_PROBS)
    return RefClass(round(float(w), 3), round(float(r), 5), round(b, 5),
                    round(float(beta), 3), np.round(q, 4), nu)  # fmt: skip


def knot_cdf(z: np.ndarray, V: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Vectorised ``P(Y <= x)`` for quantile functions piecewise linear in the normal score.

    ``z`` (m,) are increasing normal scores, ``V`` (k, m) strictly increasing knot values per
    row and ``x`` (k,) the points; beyond the outer knots the outermost segments are
    extended linearly. This is the rule of ``forecast.prob_meeting`` (which also handles
    flat segments from clipping, one frame at a time); the benchmarks use this form.
    """
    from scipy.special import ndtr

    V = np.asarray(V, dtype=float)
    x = np.asarray(x, dtype=float)
    j = np.clip(np.sum(V <= x[:, None], axis=1) - 1, 0, len(z) - 2)  # segment per row
    rows = np.arange(len(x))
    v0, v1 = V[rows, j], V[rows, j + 1]
    return ndtr(z[j] + (x - v0) * (z[j + 1] - z[j]) / (v1 - v0))


#: Reference-class shape constants per series length n, fitted by :func:`fit_reference` on
#: every window of the POOLED training parts of M1 and Tourism (yearly series plus monthly
#: and quarterly series summed to calendar years; strictly positive series, log values),
#: each window anchored to its own data set without its own series (growth, spread and
#: reliability: :func:`series_anchor`). Produced and checked by
#: ``benchmarks/calibration.py``; a test refits them on a fixed subset with the same code.
#: See docs/forecasting.md for the leave-one-data-set-out check.
REFERENCE = {
    2: RefClass(0.05, 0.22361, 0.83773, 0.6, (-2.5321, -1.3786, 0.0176, 1.6815, 3.1476)),
    3: RefClass(0.05, 0.30171, 0.80019, 0.6, (-2.5122, -1.4081, 0.0238, 1.6897, 3.0152)),
    4: RefClass(0.1, 0.22361, 0.80386, 0.6, (-2.4983, -1.4525, 0.0089, 1.667, 2.9525)),
    5: RefClass(0.1, 0.1925, 0.79841, 0.6, (-2.5316, -1.5013, -0.0239, 1.6352, 2.8968)),
    6: RefClass(0.15, 0.22361, 0.81348, 0.55, (-2.6307, -1.5753, -0.0672, 1.5686, 2.8292)),
}
#: Anchor used when nothing tells which collection a series belongs to: the mean of the
#: anchors of M1 and Tourism (training parts, one vote per data set). Typical growth 6.2 %
#: a year (log 0.0602), typical s.d. of annual log changes 0.116, and the reliability line
#: ``(a, lam)`` of a window's volatility for n = 2 .. 6, measured with ``RELIABILITY_FLOOR``
#: (M1's slopes 0.70-0.88, Tourism's 0.36-0.53: M1's series differ more from one another
#: in volatility).
DEFAULT_RELIABILITY = (
    (0.2419, 0.5292),
    (0.23, 0.6102),
    (0.231, 0.6472),
    (0.1798, 0.7001),
    (0.2053, 0.7065),
)
DEFAULT_ANCHOR = Anchor(0.0602, 0.1161, DEFAULT_RELIABILITY)

#: The same model, additive in points, for shares and other percentages: the windows are
#: put on an index scale (each window divided by its last value, so changes are fractions of
#: the last level and add up rather than compound) and the constants fitted there, on the
#: same pooled training windows and anchors (anchor growth ``exp(g) - 1`` a year on the index
#: scale). Produced and checked by ``benchmarks/calibration.py`` (its "additive" table).
REFERENCE_ADDITIVE = {
    2: RefClass(0.0, 0.05, 0.94364, 0.9, (-1.7076, -0.9644, 0.0614, 1.8815, 4.2784)),
    3: RefClass(0.0, 0.05, 0.93741, 0.9, (-1.7205, -0.9892, 0.0689, 1.9128, 4.1541)),
    4: RefClass(0.0, 0.05, 0.95018, 0.9, (-1.7147, -1.0105, 0.0601, 1.9141, 4.1081)),
    5: RefClass(0.05, 0.05, 0.96126, 0.9, (-1.7578, -1.0433, 0.0438, 1.8865, 4.0603)),
    6: RefClass(0.15, 0.05, 1.011, 0.85, (-1.7991, -1.0778, 0.0292, 1.831, 4.069)),
}

#: Name (``attrs["method"]``) of the reference-class growth distribution for short series.
GROWTH = "growth"
#: Name of its additive variant (shares: growth in points, read on the level scale).
GROWTH_ADDITIVE = "growth_additive"
#: Suffix of the method of a running total forecast through its yearly additions
#: (``forecast(..., cumulative=True)``): ``"growth_cumulated"`` is a level-scale frame.
CUMULATED = "_cumulated"
#: Methods whose short-series probabilities lean on a reference class (its anchor): the
#: growth distributions, also of a running total's yearly additions.
REFERENCE_METHODS = ("growth", "growth_additive", "growth" + CUMULATED)
#: Methods whose forecast frames are read on the log scale by ``prob_meeting``/``quantile_at``.
LOG_SCALE_METHODS = ("loglinear", GROWTH)


def uses_reference(method: str, n: int) -> bool:
    """Whether a request for ``method`` on ``n`` annual points gets the reference class.

    ``auto``/``combo`` up to ``SHORT_MAX`` points, and the model-based methods where they
    would otherwise fall back (fewer than ``MIN_MODEL_POINTS``). The caller also needs
    strictly positive values (the distribution is one of log growth).
    """
    if n > SHORT_MAX:
        return False
    return method == "combo" or (
        n < MIN_MODEL_POINTS and method in ("theta", "damped", "ets", "arima")
    )


def growth_core(U: np.ndarray, h: int, levels, anchor=None) -> tuple[np.ndarray, dict]:
    """Median and ``{level: (down, up)}`` offsets of log values ``U`` (k, n), n <= SHORT_MAX.

    ``anchor``: the collection's :class:`Anchor` (None: ``DEFAULT_ANCHOR``).
    """
    return ref_offsets(U, h, levels, REFERENCE[U.shape[1]], anchor)


def index_anchor(anchor=None):
    """An :class:`Anchor` on the index scale of the additive model.

    Typical growth ``exp(g) - 1`` (the annual change as a fraction of the level); the spread
    is the s.d. of annual log changes, which for small changes is that of relative changes,
    and the reliability is the same. Per-row arrays ``(growth, spread)`` give the same pair
    of arrays back, converted.
    """
    anchor = DEFAULT_ANCHOR if anchor is None else anchor
    if not isinstance(anchor, Anchor):  # per-row arrays (growth, spread): the same rule
        growth, spread = anchor
        return np.expm1(np.asarray(growth, dtype=float)), spread
    return Anchor(np.expm1(anchor.growth), anchor.spread, anchor.reliability)


def additive_core(Y: np.ndarray, h: int, levels, anchor=None) -> tuple[np.ndarray, dict]:
    """Additive (in points) variant of :func:`growth_core` for strictly positive levels ``Y``.

    Each row is divided by its last value (index scale), the additive constants
    (``REFERENCE_ADDITIVE``) give the median and offsets there, and both are scaled back to
    the row's units: location and spread are proportional to the last level, but growth
    adds up over the years instead of compounding.
    """
    last = Y[:, -1:]
    med, off = ref_offsets(Y / last, h, levels, REFERENCE_ADDITIVE[Y.shape[1]],
                           index_anchor(anchor))  # fmt: skip
    return med * last, {lv: (d * last, u * last) for lv, (d, u) in off.items()}
