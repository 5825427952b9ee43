"""Forecasts of annual indicators with honest (empirically calibrated) prediction intervals.

Public functions: :func:`forecast`, :func:`backtest`, :func:`accuracy`, :func:`prob_meeting`,
:func:`quantile_at` and :func:`forecast_panel`. The methods, the ``auto`` rule and the
evidence behind it are documented in ``docs/forecasting.md``.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ProcessPoolExecutor
from statistics import NormalDist

import numpy as np
import pandas as pd

from langfang_metrics import _forecast_core as core
from langfang_metrics import metrics
from langfang_metrics._checks import as_year as _as_year
from langfang_metrics.errors import InsufficientDataError

#: Typical growth and volatility of a collection of series (``reference=`` of the forecasts).
Anchor = core.Anchor
#: The anchor used when none is given: the mean of the M1 and Tourism collections.
DEFAULT_ANCHOR = core.DEFAULT_ANCHOR

#: Every method name :func:`forecast` accepts.
METHODS = ("auto", "combo", "naive", "drift", "loglinear", "theta", "damped", "ets", "arima")
#: Methods computed by the vectorised core (fast in :func:`forecast_panel`).
_VECTOR_METHODS = ("combo", "naive", "drift", "loglinear", "theta", "damped")
_Z = NormalDist()
#: Series per worker below which forecast_panel stays in-process. The vectorised maths costs a
#: few microseconds per series, less than pickling the chunk to a worker and back, so a
#: process pool only pays off for very large panels (measured by benchmarks/panel_scale.py).
PANEL_MIN_CHUNK = 250_000


# --------------------------------------------------------------------------- input handling
def _check_method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; valid methods are: {', '.join(METHODS)}")
    return "combo" if method == "auto" else method


def _positive_int(value, what: str) -> int:
    """``value`` as a positive whole number (not a bool), else "``what``, got ..."."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{what}, got {value!r}")
    return int(value)


def _check_horizon(horizon) -> int:
    h = _positive_int(horizon, "horizon must be a positive whole number of years")
    if h > MAX_HORIZON:
        raise ValueError(f"horizon must be at most {MAX_HORIZON} years, got {h}")
    return h


def _is_number(x) -> bool:
    """A real number (Python, numpy scalar or 0-d array), not a bool and not a string."""
    if isinstance(x, bool | np.bool_ | str | bytes) or np.ndim(x) != 0:
        return False
    dtype = np.asarray(x).dtype
    return np.issubdtype(dtype, np.integer) or np.issubdtype(dtype, np.floating)


def _as_items(value, what: str) -> tuple:
    """One number or an iterable of items as a tuple; text or a non-iterable: "``what``"."""
    items = (value,) if _is_number(value) else value
    if isinstance(items, str | bytes) or not np.iterable(items):
        raise ValueError(f"{what}, got {value!r}")
    return tuple(items)


def _plain(x):
    """A numpy scalar as the Python value (for messages: 2021, not np.int64(2021))."""
    return x.item() if isinstance(x, np.generic) else x


def _check_levels(levels) -> tuple:
    """Interval levels as a tuple (one number may be given alone), duplicates dropped.

    Each level is a percentage strictly between 0 and 100 (80 for an 80 % interval); the
    values are kept as given, so they name the ``lo_L``/``hi_L`` columns.
    """
    out = []
    for lv in _as_items(levels, "levels must be interval levels in percent, such as (80, 95)"):
        if not _is_number(lv) or not 0 < float(lv) < 100:
            raise ValueError(
                "interval levels must be numbers between 0 and 100 (percent, e.g. 80 for an "
                f"80 % interval), got {lv!r}"
            )
        if float(lv) < 1:  # (0.8, 0.95) gave 0.8 % intervals without a word
            raise ValueError(
                f"interval levels are percentages: 80 for an 80 % interval; {lv!r} looks like "
                f"a fraction (did you mean {float(lv) * 100:g}?)"
            )
        if float(lv).is_integer():  # 80.0 names the columns lo_80, as 80 does
            lv = int(lv)
        if lv not in out:
            out.append(lv)
    return tuple(out)


def _check_flag(value, name: str, meaning: str = "") -> bool:
    """``value`` as a bool; anything but True/False is a clear ``ValueError`` (``meaning``
    says what True stands for)."""
    if not isinstance(value, bool | np.bool_):
        said = f" ({meaning})" if meaning else ""
        raise ValueError(f"{name} must be True{said} or False, got {value!r}")
    return bool(value)


def _floor_at_last(bounds: tuple, vals: np.ndarray, monotone: bool) -> tuple:
    """``bounds`` with the last value as the lower one for a running total that cannot fall."""
    if not monotone:
        return bounds
    lo, hi = bounds
    floor = float(vals[-1]) if lo is None else max(lo, float(vals[-1]))
    if hi is not None and floor > hi:  # it forecast the bound with certainty, below the total
        raise ValueError(
            f"monotone=True keeps the forecast at or above the last value {vals[-1]:g}, but "
            f"the upper bound {hi:g} is below it; raise the bound or drop monotone"
        )
    if hi is not None and floor == hi:
        return (hi, hi)
    return (floor, hi)


def _check_bounds(bounds) -> tuple:
    """``(lower, upper)`` with each None or a finite number and lower < upper."""
    if bounds is None:
        return (None, None)
    expected = (
        "bounds must be a pair (lower, upper), each None (no limit) or a finite number, "
        "e.g. (0, 100)"
    )
    if isinstance(bounds, str | bytes) or not np.iterable(bounds) or len(bounds) != 2:
        raise ValueError(f"{expected}; got {bounds!r}")
    for b in bounds:
        if b is not None and not (_is_number(b) and np.isfinite(b)):
            raise ValueError(f"{expected}; got {bounds!r}")
    lo, hi = (None if b is None else float(b) for b in bounds)
    if lo is not None and hi is not None and not lo < hi:
        raise ValueError(f"the lower bound must be below the upper bound, got {bounds!r}")
    return lo, hi


def _check_min_train(min_train) -> int:
    return _positive_int(min_train, "min_train must be a positive whole number of observations")


def _numeric_values(values, where) -> np.ndarray:
    """Values as floats: missing (NaN, None, NA) stays NaN; text or infinity is an error.

    ``where(i)`` describes position ``i`` for the message (e.g. "year 2021").
    """
    raw = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object))
    if pd.api.types.is_bool_dtype(raw.dtype):
        num, bad = np.full(len(raw), np.nan), np.flatnonzero(raw.notna().to_numpy())
    elif pd.api.types.is_numeric_dtype(raw.dtype):
        num = raw.to_numpy(dtype=float, na_value=np.nan)  # numbers already: nothing to parse
        bad = np.array([], dtype=int)
    else:  # text or mixed objects: parse, and refuse what is neither a number nor missing
        is_bool = raw.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(dtype=bool)
        num = pd.to_numeric(raw.where(~is_bool), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        bad = np.flatnonzero(np.isnan(num) & (raw.notna().to_numpy() | is_bool))
    if len(bad):
        i = bad[0]
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise ValueError(
            f"value {_plain(raw.iloc[i])!r} for {where(i)} is not a number{more}; expected a plain "
            "number such as 1258 or 1258.5 (no thousands separators or units), or NaN for "
            "a missing value"
        )
    inf = np.flatnonzero(np.isinf(num))
    if len(inf):
        more = f" (and {len(inf) - 1} more)" if len(inf) > 1 else ""
        raise ValueError(
            f"value {num[inf[0]]} for {where(inf[0])} is infinite{more}; expected a finite "
            "number, or NaN for a missing value"
        )
    return num


def _clean_series(y: pd.Series, as_of: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Validated (years, values) arrays: NaNs dropped, sorted, cut at ``as_of``."""
    if isinstance(y, pd.DataFrame):
        raise ValueError(
            "y must be one series of values indexed by year (a pandas Series), got a "
            f"DataFrame with columns {list(y.columns)[:5]!r}; pass one column, e.g. df['value']"
        )
    if not isinstance(y, pd.Series):
        y = pd.Series(y)
    idx = y.index
    years = np.asarray(idx, dtype=object)
    try:
        as_float = np.array([float(v) for v in years], dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"the series index must be integer years (e.g. 2020, 2021), got {list(years[:3])!r}"
        ) from None
    if len(as_float) and (
        not np.all(np.isfinite(as_float)) or np.any(as_float != np.round(as_float))
    ):
        bad = [v for v, f in zip(years, as_float, strict=True) if f != np.round(f)][:3]
        raise ValueError(f"the series index must be whole years, got non-integer years {bad!r}")
    far = np.abs(as_float) > _YEAR_LIMIT  # cast to int64 they wrapped round to one number
    if far.any():
        raise ValueError(f"the series index must be years, got {years[far][0]!r}: is a year "
                         "mistyped?")  # fmt: skip
    yr = as_float.astype(np.int64)
    if len(np.unique(yr)) != len(yr):
        u, c = np.unique(yr, return_counts=True)
        raise ValueError(f"duplicate years in the series: {sorted(u[c > 1].tolist())}")
    vals = _numeric_values(y.reset_index(drop=True), lambda i: f"year {yr[i]}")
    _check_magnitude(vals, lambda i: f"year {yr[i]}")
    keep = np.isfinite(vals)
    if as_of is not None:
        keep &= yr <= _as_year(as_of, "as_of")
    yr, vals = yr[keep], vals[keep]
    order = np.argsort(yr, kind="stable")
    _check_span(yr[order], "the series")
    return yr[order], vals[order]


#: Longest stretch of years one series may cover: a year typed with an extra digit (20210)
#: made a grid of 18,000 interpolated years and a forecast for the year 20211.
MAX_SPAN = 200
#: Largest year number read as a year (beyond it a "year" is a typing slip or a unit).
_YEAR_LIMIT = 1e6
#: Longest horizon: a forecast builds a grid of this many years per series.
MAX_HORIZON = 100


#: Largest |value| forecast: squares of larger changes overflow (a series of 1e160 got a
#: forecast that did not scale with it, and 1e200 gave infinite interval ends).
MAX_MAGNITUDE = 1e100


def _check_magnitude(vals: np.ndarray, where) -> None:
    """Refuse values too large to forecast in floating point, naming the first."""
    big = np.flatnonzero(np.abs(np.nan_to_num(vals, nan=0.0)) > MAX_MAGNITUDE)
    if len(big):
        raise ValueError(f"{where(big[0])}: value {vals[big[0]]:g} is too large to forecast "
                         f"(beyond ±{MAX_MAGNITUDE:g}); express the series in a larger unit")  # fmt: skip


def _check_span(years: np.ndarray, what: str) -> None:
    """Refuse years spread over more than ``MAX_SPAN`` (sorted ``years``), naming the jump."""
    if len(years) > 1 and years[-1] - years[0] + 1 > MAX_SPAN:
        jump = int(np.argmax(np.diff(years)))
        raise ValueError(
            f"{what} covers the years {int(years[0])}-{int(years[-1])}, more than {MAX_SPAN} "
            f"years; the largest jump is {int(years[jump])} -> {int(years[jump + 1])}: "
            "is a year mistyped?"
        )


def _insufficient(years: np.ndarray, as_of) -> InsufficientDataError:
    got = ", ".join(str(int(v)) for v in years)
    cut = f" up to {as_of}" if as_of is not None else ""
    msg = f"needs at least 2 annual observations{cut}, got {len(years)}"
    return InsufficientDataError(msg + (f" ({got})" if got else ""))


def _grid(years: np.ndarray, values: np.ndarray, log: bool = False) -> np.ndarray:
    """Values on the complete annual grid first..last year, gaps linearly interpolated."""
    full = np.arange(years[0], years[-1] + 1)
    v = np.log(values) if log else values
    if len(full) == len(years):
        return v.astype(float)
    return np.interp(full, years, v)


def _annualised(years: np.ndarray, values: np.ndarray, log: bool = False) -> np.ndarray:
    """The observed figures as if one year apart, ending at the last figure: what the
    number of points, the average change and the spread of a series are measured on.

    Each change between two figures L years apart is annualised (divided by L); its
    deviation from the series' average annual change (total change / years) is scaled by
    sqrt(L), the yearly volatility an L-year average implies, and the deviations are
    centred so that the changes still average to it. Yearly figures come back unchanged.
    On the interpolated grid, two figures five years apart looked like a calm series of six
    points (a band of +-1 %); unscaled, annualised changes understated the spread by sqrt(L).
    """
    v = (np.log(values) if log else values).astype(float)
    gaps = np.diff(years)
    if np.all(gaps == 1):
        return v
    steps = np.diff(v) / gaps
    mean = (v[-1] - v[0]) / (years[-1] - years[0])
    dev = (steps - mean) * np.sqrt(gaps)
    changes = mean + dev - dev.mean()
    return v[-1] - np.r_[np.cumsum(changes[::-1])[::-1], 0.0]


# --------------------------------------------------------------------------- statsmodels
def _statsmodels_point(Y: np.ndarray, h: int, method: str) -> np.ndarray:
    """Point forecasts from statsmodels ETS (damped additive trend) or a small ARIMA search.

    The series is fitted divided by its mean absolute value and the forecast multiplied
    back: statsmodels' optimisers start and stop by absolute amounts, so the same series in
    亿元 and in 万元 gave 2027 forecasts of 146 and 109 亿元. Scaled, any unit gives the
    same numbers.
    """
    scale = float(np.mean(np.abs(Y)))
    scale = scale if np.isfinite(scale) and scale > 0 else 1.0
    return scale * _statsmodels_unit_free(np.asarray(Y, dtype=float) / scale, h, method)


def _statsmodels_unit_free(Y: np.ndarray, h: int, method: str) -> np.ndarray:
    """:func:`_statsmodels_point` on a series already divided by its scale."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "ets":
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel

            res = ETSModel(Y, error="add", trend="add", damped_trend=True).fit(disp=False)
            return np.asarray(res.forecast(h), dtype=float)
        from statsmodels.tsa.arima.model import ARIMA

        best, best_aic = None, np.inf
        # Small fixed search: random walk with drift and its AR(1)/MA(1)/ARMA(1,1) extensions.
        for order in ((0, 1, 0), (1, 1, 0), (0, 1, 1), (1, 1, 1)):
            try:
                res = ARIMA(Y, order=order, trend="t").fit()
            except Exception:  # a failed candidate is simply skipped
                continue
            if np.isfinite(res.aic) and res.aic < best_aic - 1e-9:
                best, best_aic = res, res.aic
        if best is None:
            raise RuntimeError("no ARIMA candidate could be fitted")
        return np.asarray(best.forecast(h), dtype=float)


# --------------------------------------------------------------------------- forecast
def _note(
    used: str, requested: str, n: int, grid_n: int, fell_back: str | None, anchor=None
) -> str:
    parts = []
    if fell_back:
        parts.append(fell_back)
    elif used == core.GROWTH:
        anchor = core.DEFAULT_ANCHOR if anchor is None else anchor
        parts.append(
            f"only {n} annual points: growth distribution of a reference class of short "
            f"yearly series typically growing {np.expm1(anchor.growth):.1%} a year "
            "(log scale; median shown as mean)"
        )
    elif used == core.GROWTH_ADDITIVE:
        anchor = core.DEFAULT_ANCHOR if anchor is None else anchor
        parts.append(
            f"only {n} annual points: additive growth distribution (in points) of a "
            "reference class of short yearly series typically changing by "
            f"{np.expm1(anchor.growth):.1%} of the last level a year (median shown as mean)"
        )
    elif n < core.MIN_MODEL_POINTS:
        parts.append(
            f"only {n} annual points: {used} with widened intervals "
            "(relative error spread of short yearly series)"
        )
    elif used == "combo":
        parts.append("auto: mean of drift, smoothed-level drift and median-change drift")
    else:
        parts.append(f"{used} forecast")
    if grid_n != n and used in (core.GROWTH, core.GROWTH_ADDITIVE):
        parts.append(f"{grid_n - n} missing year(s): changes between figures annualised")
    elif grid_n != n:
        parts.append(
            f"{grid_n - n} missing year(s) linearly interpolated for the point forecast; "
            "the spread from the changes between figures, annualised"
        )
    return "; ".join(parts)


def forecast(
    y: pd.Series,
    horizon: int,
    *,
    method: str = "auto",
    levels=(80, 95),
    as_of: int | None = None,
    bounds: tuple[float | None, float | None] = (None, None),
    reference: core.Anchor | None = None,
    additive: bool = False,
    monotone: bool = False,
    cumulative: bool = False,
) -> pd.DataFrame:
    """Forecast an annual series ``horizon`` years past its last (used) observation.

    Parameters
    ----------
    y : pandas.Series
        Values indexed by integer years; gaps allowed, missing values (NaN, None, NA)
        dropped, any order. Numbers given as text ("1258") are read; other text ("1,258",
        "n/a"), booleans and infinite values are refused with the year they belong to.
    horizon : int
        Number of years to forecast (``last_year + 1 .. last_year + horizon``).
    method : str, default "auto"
        One of ``METHODS``. ``auto`` (= ``combo``) is the mean of three drift variants, chosen
        on the M1 and Tourism yearly series (docs/forecasting.md); with 2-6 strictly positive
        points it uses the reference-class growth distribution (``method="growth"``, log
        scale, ``mean`` is then the median), as do ``theta``/``damped``/``ets``/``arima``
        below 5 points; short series with zeros or negatives fall back to ``drift``.
        ``loglinear`` needs strictly positive values.
    levels : float or sequence of float, default (80, 95)
        Prediction-interval levels in percent, each strictly between 0 and 100.
    as_of : int, optional
        Vintage: only observations with year <= ``as_of`` are used.
    bounds : (float or None, float or None)
        Lower/upper limits (e.g. ``(0, None)`` for counts, ``(0, 100)`` for shares); means and
        interval ends are clipped to them. None means no limit; the lower must be below the
        upper.
    reference : Anchor, optional
        Typical growth and volatility of the collection the series belongs to, for the
        short-series growth distribution (see :func:`collection_anchor`); default
        ``DEFAULT_ANCHOR``, the mean of the M1 and Tourism collections.
    additive : bool, default False
        For shares and other percentages: the short-series distribution grows additively,
        in points (``method="growth_additive"``, level scale), with its own constants
        (``REFERENCE_ADDITIVE``), instead of compounding on the log scale. Series of 7+
        points are unaffected (``auto`` works in levels there anyway).
    monotone : bool, default False
        A running total that cannot fall (additions counted since a base year): the last
        value used is a lower bound besides ``bounds``, so no interval end, quantile or
        probability goes below the total already reached.
    cumulative : bool, default False
        A running total of yearly additions (firms added since a base year): the additions
        are forecast instead of the total, by the same rules (``method``, ``levels``,
        ``reference`` apply to them; with 2-6 positive additions the reference-class growth
        distribution), and the total's median and interval ends are the last total plus the
        running sums of the additions' (a path whose additions stay high or low together).
        The additions are the differences of consecutive figures, per year where figures
        are years apart; they are kept at or above 0, so the total never falls (implies
        ``monotone``). With two figures, one addition: the total goes on at that pace
        (``drift``, the short-series rule). Where ``method`` would give 2-6 positive
        additions the reference class but one is 0 or less (a stalled year), the total goes
        on at its median yearly addition (``median_drift``, with the drift rule's
        intervals). Otherwise ``attrs["method"]`` is the additions' method with the suffix
        ``_cumulated``; the frame is on the level scale.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; columns ``mean`` then ``lo_L``, ``hi_L`` per level. ``attrs`` holds
        ``method`` (the method actually used), ``n_obs``, ``last_year``, ``note``, ``scale``
        ("log" for loglinear and growth, else "level") and ``levels``.

    Raises
    ------
    InsufficientDataError
        Fewer than 2 usable observations.
    ValueError
        Bad index (non-integer or duplicate years), values that are not numbers, unknown
        method, bad horizon, levels, bounds or ``as_of``, or ``loglinear`` on data that are
        not all positive. Every message says what was given and what is expected.
    """
    h = _check_horizon(horizon)
    req = _check_method(method)
    levels = _check_levels(levels)
    bounds = _check_bounds(bounds)
    ref = _check_reference(reference)
    additive = _check_flag(additive, "additive", "shares: growth in points")
    years, vals = _clean_series(y, as_of)
    if len(years) < 2:
        raise _insufficient(years, as_of)
    cumulative = _check_flag(cumulative, "cumulative", "a running total of yearly additions")
    monotone = _check_flag(monotone, "monotone") or cumulative
    bounds = _floor_at_last(bounds, vals, monotone)
    stalled = cumulative and _stalled(years, vals, req)
    if cumulative and len(years) >= 3 and not stalled:
        return _cumulated(years, vals, h, method=req, levels=levels, bounds=bounds, reference=ref)
    if cumulative:  # one addition (its pace), or a stalled year (its median addition, below):
        req = "drift"  # the drift rule's intervals on the total
    log = req == "loglinear"
    if log and np.any(vals <= 0):
        raise ValueError(
            "method 'loglinear' needs strictly positive values (it fits growth on log values); "
            "use 'drift' or 'auto' for series with zeros or negatives"
        )
    Y = _grid(years, vals, log=log)[None, :]
    # the figures themselves decide the rule and the spread: interpolated years add none
    W = _annualised(years, vals, log=log)[None, :]
    grid_n, n_real = Y.shape[1], W.shape[1]
    fell_back = anchor = None
    if core.uses_reference(req, n_real) and np.all(vals > 0):
        anchor = ref
        if additive:  # shares: in points, on the level scale
            used = core.GROWTH_ADDITIVE
            mean, half = core.additive_core(W, h, levels, anchor)
        else:
            log, used = True, core.GROWTH
            U = _annualised(years, vals, log=True)[None, :]
            mean, half = core.growth_core(U, h, levels, anchor)
    elif req in ("ets", "arima"):
        if n_real < core.MIN_MODEL_POINTS:
            used, mean, half = core.core(Y, h, "theta", levels, W=W)  # -> drift fallback
        else:
            used, half = req, core.half_widths(W, h, levels)
            try:
                mean = _statsmodels_point(Y[0], h, req)[None, :]
                if not np.all(np.isfinite(mean)):
                    raise FloatingPointError("non-finite forecast")
            except Exception as exc:  # degrade gracefully, and say so
                used, mean, _ = core.core(Y, h, "damped", levels, W=W)
                fell_back = f"{req} failed ({type(exc).__name__}); damped trend used instead"
    else:
        used, mean, half = core.core(Y, h, req, levels, log=log, W=W)
    if stalled:  # at its median yearly addition: one year, stalled or not, does not set it
        used = MEDIAN_DRIFT
        mean = vals[-1] + np.median(additions(years, vals)) * np.arange(1, h + 1)[None, :]
    if not log:  # a series on a bound does not drift beyond it
        mean = _held_at_bounds(mean, vals[-1:], bounds)
    out = _assemble(mean[0], {lv: _row(w, 0) for lv, w in half.items()}, levels, log, bounds)
    out.index = pd.Index(np.arange(years[-1] + 1, years[-1] + h + 1), name="year")
    out.attrs.update(
        method=used,
        n_obs=len(years),
        last_year=int(years[-1]),
        note=(_STALLED if stalled else _ONE_ADDITION * cumulative)
        + _note(used, req, len(years), grid_n, fell_back, anchor),
        scale="log" if log else "level",
        levels=levels,
        bounds=bounds,
    )
    return out


#: Start of the note of a running total with two figures (``forecast(..., cumulative=True)``).
_ONE_ADDITION = "running total with one yearly addition: it goes on at that pace; "
#: Start of the note of a running total with a stalled (or falling) year among few additions.
_STALLED = (
    "running total with a year that added nothing (or fell) among its few additions: it goes "
    "on at its median yearly addition; "
)
#: ``attrs["method"]`` of such a total (not a method to request).
MEDIAN_DRIFT = "median_drift"


def _stalled(years: np.ndarray, vals: np.ndarray, method: str) -> bool:
    """Whether a running total's 2-6 yearly additions include one of 0 or less, where
    ``method`` would give positive ones the reference-class distribution.

    Few additions with a stalled year have no growth to read on the log scale, and the
    short-series drift on the additions extrapolated the stall itself: 100, then 0 added,
    went on at -100 a year, clipped to 0, and the total read certain to stay where it was
    ([100-100], P(at least 101) = 0). The total goes on at its median yearly addition
    instead, with the intervals of the drift on the total, kept at or above its last value:
    the median is not set by one year, so a single stall among steady additions leaves
    their pace (100, 100, 0, 100: 100 a year), and three stalled years after one of 300
    keep the total where it is (the average, 75 a year, gave 100 more in a year a 44 %
    chance).
    """
    adds = additions(years, vals).to_numpy()
    return len(adds) >= 2 and core.uses_reference(method, len(adds)) and bool(np.any(adds <= 0))


def additions(years: np.ndarray, vals: np.ndarray) -> pd.Series:
    """Yearly additions of a running total: differences of consecutive figures, per year.

    Indexed by the later figure's year; figures years apart give the average addition of
    those years (1,000 added over 2020-2022 is 500 a year, at 2022).
    """
    years = np.asarray(years, dtype=int)
    vals = np.asarray(vals, dtype=float)
    per_year = np.diff(vals) / np.diff(years)
    return pd.Series(per_year, index=pd.Index(years[1:], name="year"))


def _cumulated(years, vals, h, *, method, levels, bounds, reference) -> pd.DataFrame:
    """:func:`forecast` of a running total through its yearly additions (``cumulative``).

    The additions (:func:`additions`) are forecast with the same method, levels and
    reference, kept at or above 0; the total's mean and every interval end are the last
    total plus the running sum of the additions' (quantiles of a path whose additions stay
    high or low together: wider than independent years would give, which is the safe side
    for a planner), then clipped to ``bounds``.
    """
    adds = additions(years, vals)
    if method == "loglinear" and not np.all(adds.to_numpy() > 0):
        raise ValueError(
            f"method 'loglinear' with cumulative=True fits the yearly additions on log values, "
            f"and the additions {adds.round(6).to_dict()} include 0 or less; use 'auto' or "
            "'drift'"
        )
    inner = forecast(adds, h, method=method, levels=levels, bounds=(0.0, None),
                     reference=reference)  # fmt: skip
    out = vals[-1] + inner.cumsum()
    lo_b, hi_b = bounds
    out = out.clip(lower=lo_b, upper=hi_b)
    out.attrs.update(
        method=inner.attrs["method"] + core.CUMULATED,
        n_obs=len(years),
        last_year=int(years[-1]),
        note=f"running total: its {len(adds)} yearly additions forecast and summed; "
        + inner.attrs["note"],
        scale="level",
        levels=levels,
        bounds=bounds,
    )
    return out


def _check_reference(reference) -> core.Anchor:
    """A valid :class:`Anchor` (``DEFAULT_ANCHOR`` for None), else a clear ``ValueError``."""
    if reference is None:
        return core.DEFAULT_ANCHOR
    if isinstance(reference, str) and reference == "panel":  # forecast_panel handles it
        raise ValueError(
            'reference="panel" belongs to forecast_panel (the panel\'s own anchor); for one '
            "series pass an Anchor, e.g. collection_anchor(panel)"
        )
    try:
        anchor = reference if isinstance(reference, core.Anchor) else core.Anchor(*reference)
    except (TypeError, ValueError):
        anchor = None
    if (
        anchor is None
        or not np.isfinite(anchor.growth)
        or not (np.isfinite(anchor.spread) and anchor.spread >= 0)
        or not np.all(np.isfinite(anchor.reliability or ()))
    ):
        raise ValueError(
            "reference must be an Anchor (growth, spread[, reliability]): typical annual log "
            "growth, a s.d. of annual log changes (0 or more) and optionally one finite (a, lam) "
            f"pair per series length 2-6, got {reference!r}"
        )
    if anchor.spread < core.MIN_ANCHOR_SPREAD:  # flat or perfectly steady peers (it stopped
        # the report at 0, and a spread of 1e-16 gave every window a band of nothing)
        anchor = core.Anchor(anchor.growth, core.MIN_ANCHOR_SPREAD, anchor.reliability)
    return anchor


def collection_anchor(df: pd.DataFrame, *, return_counts: bool = False):
    """Typical growth and volatility of a collection of annual series (long frame).

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``series_id``, ``year`` and ``value`` (as for :func:`forecast_panel`).
    return_counts : bool, default False
        Also return how many series informed each component.

    Returns
    -------
    Anchor, or (Anchor, int, int) with ``return_counts``
        ``growth``: median over the strictly positive series of their average annual log
        change; ``spread``: median of their s.d. of annual log changes (series with 3+
        figures; a change across a gap of L years is annualised and weighted by L), at least
        ``_forecast_core.MIN_ANCHOR_SPREAD``; ``reliability``: for each window length
        n = 2..6, how far a window's own volatility carries over to its series in this
        collection (``_forecast_core.reliability_from``, from the series without gaps with
        n + 3 or more years). A component (or length) that fewer than ``MIN_COLLECTION`` (20)
        series inform is ``DEFAULT_ANCHOR``'s. Pass the result as ``reference=`` to
        :func:`forecast`, or use ``forecast_panel(reference="panel")``. The counts are the
        numbers of series behind the growth and the spread (whether or not they reach
        ``MIN_COLLECTION``).
    """
    arrays = _panel_arrays(df)
    growth, spread = _panel_growth_spread(*arrays)
    anchor = _anchor_of(arrays, growth, spread)
    if return_counts:
        return anchor, int(np.isfinite(growth).sum()), int(np.isfinite(spread).sum())
    return anchor


def _panel_anchor(ids, years, vals) -> core.Anchor:
    """:func:`collection_anchor` on sorted panel arrays."""
    arrays = (ids, years, vals)
    return _anchor_of(arrays, *_panel_growth_spread(*arrays))


def _anchor_of(arrays, growth, spread) -> core.Anchor:
    """The anchor of sorted panel arrays, given each series' growth and spread."""
    base = core.anchor_from(growth, spread)
    ids, years, vals = arrays
    if len(ids) == 0:
        return core.Anchor(base.growth, base.spread, core.DEFAULT_ANCHOR.reliability)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    span = years[ends - 1] - years[starts] + 1
    lv = np.log(np.where(vals > 0, vals, 1.0))
    series = []  # log values of the yearly positive series long enough to count
    # (a series with gaps is left out: its windows would be read as yearly changes)
    long_enough = np.isfinite(spread) & (span >= core.REF_NS[0] + core.RELIABILITY_MIN_REST)
    for i in np.flatnonzero(long_enough & (ends - starts == span)):
        series.append(lv[starts[i] : ends[i]])
    stats = core.reliability_stats(series, base.growth, base.spread)
    return core.Anchor(base.growth, base.spread, core.reliability_from(stats))


def _panel_growth_spread(ids, years, vals) -> tuple[np.ndarray, np.ndarray]:
    """Each series' average annual log change and s.d. of annual log changes (NaN: none).

    Vectorised over the series of sorted panel arrays. NaN where the series is not strictly
    positive, or has too few figures (2 for the growth, 3 for the spread).

    A gap of L years between two figures gives one annualised change whose variance is 1/L
    of a single year's, so its squared deviation is weighted by L and the sum divided by
    the number of changes between figures less one: the usual s.d. for yearly figures, and
    the same estimate for a series reported every other year (counting a gap as L equal
    changes halved it, and two figures five years apart got a spread of exactly 0).
    """
    if len(ids) == 0:
        return np.empty(0), np.empty(0)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    positive = np.minimum.reduceat(vals, starts) > 0
    span = (years[ends - 1] - years[starts]).astype(float)  # years on the grid minus one
    lv = np.log(np.where(vals > 0, vals, 1.0))
    total = lv[ends - 1] - lv[starts]
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = total / span
        # pairs of consecutive figures: an annualised change each, weighted by its years
        L = np.diff(years).astype(float)
        c = np.diff(lv) / np.where(L > 0, L, 1.0)
        pair_series = np.cumsum(np.r_[0, ids[1:] != ids[:-1]])[1:]  # series of each pair
        same = ids[1:] == ids[:-1]
        k = len(starts)
        dev = c - growth[pair_series]  # growth is the L-weighted mean of the changes
        ss = np.bincount(pair_series[same], weights=(L * dev * dev)[same], minlength=k)
        changes = (ends - starts - 1).astype(float)
        spread = np.sqrt(ss / (changes - 1.0))
    return (np.where(positive & (changes >= 1), growth, np.nan),
            np.where(positive & (changes >= 2), spread, np.nan))  # fmt: skip


def _row(w, i):
    """Row ``i`` of a half-width array, or of both arrays of a ``(down, up)`` pair."""
    return (w[0][i], w[1][i]) if isinstance(w, tuple) else w[i]


def _held_at_bounds(mean: np.ndarray, last: np.ndarray, bounds: tuple) -> np.ndarray:
    """Locations (``(k, h)``, level scale) of series whose last value ``(k,)`` sits on a
    bound, held there where they would move beyond it: a drift does not carry a count that
    has fallen to 0 below 0. The band is then drawn around the bound, so the clipped
    distribution keeps its chance of moving back (clipped after the band, every end of
    3, 1, 0 firms lay at 0: "0 [0-0]", and no chance of a single firm)."""
    lo_b, hi_b = bounds
    if lo_b is not None:
        mean = np.where((last <= lo_b)[:, None] & (mean < lo_b), lo_b, mean)
    if hi_b is not None:
        mean = np.where((last >= hi_b)[:, None] & (mean > hi_b), hi_b, mean)
    return mean


def _assemble(mean, half, levels, log, bounds) -> pd.DataFrame:
    """Frame of mean and interval ends (back-transformed, clipped to ``bounds``).

    ``half[level]`` is a symmetric half-width or a ``(down, up)`` pair of offsets.
    """
    cols = {"mean": mean}
    for lv in levels:
        down, up = half[lv] if isinstance(half[lv], tuple) else (half[lv], half[lv])
        cols[f"lo_{lv}"] = mean - down
        cols[f"hi_{lv}"] = mean + up
    lo_b, hi_b = bounds
    for k, v in cols.items():
        v = np.exp(v) if log else np.asarray(v, dtype=float)
        cols[k] = np.clip(v, lo_b, hi_b) if (lo_b is not None or hi_b is not None) else v
    return pd.DataFrame(cols)


# --------------------------------------------------------------------------- backtest
_BT_COLUMNS = ["origin", "year", "h", "actual", "mean"]


def backtest(
    y: pd.Series,
    horizon: int,
    *,
    method: str = "auto",
    levels=(80, 95),
    as_of: int | None = None,
    min_train: int = 3,
    bounds=(None, None),
    additive: bool = False,
    reference=None,
    monotone: bool = False,
    cumulative: bool = False,
) -> pd.DataFrame:
    """Rolling-origin evaluation with a refit at every origin.

    Every observed year with at least ``max(min_train, 2)`` observations up to and including
    it (and not after ``as_of``) is an origin; the series up to the origin is forecast
    ``horizon`` years ahead and compared with the observed values (data after ``as_of`` are
    not used, as actuals or otherwise). Only forecast years with a known actual are kept.
    ``bounds``, ``additive``, ``monotone`` and ``cumulative`` are passed to :func:`forecast`;
    ``reference`` is an :class:`Anchor` for every origin, a function of the origin year
    returning the Anchor (or None for the default) to use there - so an anchor estimated
    from other series can be cut at each origin and never use later years - or None.

    Returns
    -------
    pandas.DataFrame
        One row per (origin, year): ``origin, year, h, actual, mean, lo_L, hi_L`` per level,
        ``method`` (method actually used: ``growth`` at short origins), ``requested`` (the
        ``method`` argument), ``error`` (actual - mean), ``ape_s`` (per-row
        sMAPE term, %) and ``scale`` (mean absolute one-step naive change of the training data
        up to the origin, the MASE denominator). Empty with these columns when no origin
        qualifies.
    """
    h = _check_horizon(horizon)
    _check_method(method)
    levels = _check_levels(levels)
    bounds = _check_bounds(bounds)
    min_train = _check_min_train(min_train)
    years, vals = _clean_series(y, as_of)
    cols = (
        _BT_COLUMNS
        + [f"{p}_{lv}" for lv in levels for p in ("lo", "hi")]
        + ["method", "requested", "error", "ape_s", "scale"]
    )
    actual = dict(zip(years.tolist(), vals.tolist(), strict=True))
    rows = []
    for i in range(max(min_train, 2) - 1, len(years)):
        origin = int(years[i])
        train = pd.Series(vals[: i + 1], index=years[: i + 1])
        fc = forecast(train, h, method=method, levels=levels, bounds=bounds, additive=additive,
                      reference=_reference_at(reference, origin), monotone=monotone,
                      cumulative=cumulative)  # fmt: skip
        scale = _naive_scale(years[: i + 1], vals[: i + 1])
        for step, (yr, row) in enumerate(fc.iterrows(), start=1):
            if yr not in actual:
                continue
            a = actual[yr]
            rec = {"origin": origin, "year": int(yr), "h": step, "actual": a, "mean": row["mean"]}
            for lv in levels:
                rec[f"lo_{lv}"], rec[f"hi_{lv}"] = row[f"lo_{lv}"], row[f"hi_{lv}"]
            rec["method"] = fc.attrs["method"]
            rec["requested"] = method
            rec["error"] = a - row["mean"]
            rec["ape_s"] = float(metrics.smape([a], [row["mean"]]))
            rec["scale"] = scale
            rows.append(rec)
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"origin": "int64", "year": "int64", "h": "int64"})


def _reference_at(reference, origin: int):
    """The anchor ``reference`` gives at ``origin``: itself, or its value there if callable."""
    return reference(origin) if callable(reference) else reference


def _naive_scale(years: np.ndarray, vals: np.ndarray) -> float:
    """Mean absolute one-step naive change per year (gaps: change divided by years elapsed)."""
    if len(vals) < 2:
        return float("nan")
    return float(np.mean(np.abs(np.diff(vals) / np.diff(years))))


# --------------------------------------------------------------------------- accuracy
def accuracy(
    bt: pd.DataFrame, y: pd.Series | None = None, *, levels=(80, 95), by: str | None = None
) -> pd.DataFrame:
    """Summarise a :func:`backtest` frame per method and overall.

    Parameters
    ----------
    bt : pandas.DataFrame
        Output of :func:`backtest` (several backtests may be concatenated).
    y : pandas.Series, optional
        The full series; if given, the MASE scale of each origin is recomputed from it (the
        mean absolute one-step naive change of the observations up to the origin) instead
        of using ``bt["scale"]``.
    levels : sequence of float
        Interval levels to summarise (columns ``lo_L``/``hi_L`` must exist).
    by : {"method", "requested"}, optional
        Group by the method actually used (``growth`` at short origins, ``drift`` where a
        model falls back) or by the method asked for. Default: ``requested`` when the frame
        holds backtests of several methods (concatenated, to compare them: grouping by the
        method used would pool their short origins into one ``growth`` row), else
        ``method``.

    Returns
    -------
    pandas.DataFrame
        Index ``method`` (each method, then ``overall``); columns ``n`` (forecasts scored),
        ``origins`` (distinct forecast origins, when the frame has them: the forecasts of
        one origin at several horizons are not independent checks, so 6 forecasts can be
        3 origins), ``smape``, ``mase``, ``over_share`` (the share of forecasts above the
        actual: near 1 or 0 a bias that sMAPE and MASE do not show), and ``coverage_L`` and
        ``winkler_L`` per level. MASE rows whose scale is 0 are skipped.
    """
    levels = _check_levels(levels)
    if not isinstance(bt, pd.DataFrame):
        raise ValueError(f"bt must be a backtest() result (a DataFrame), got {type(bt).__name__}")
    if by is None:
        several = "requested" in bt.columns and bt["requested"].nunique(dropna=True) > 1
        by = "requested" if several else "method"
    if by not in ("method", "requested"):
        raise ValueError(f"by must be 'method' (used) or 'requested' (asked for), got {by!r}")
    need = [by, "actual", "mean"] + [f"{p}_{lv}" for lv in levels for p in ("lo", "hi")]
    need += ["origin"] if y is not None else ["scale"]
    missing = [c for c in need if c not in bt.columns]
    if missing:
        raise ValueError(
            f"bt is missing column(s) {missing}; expected a backtest() result with columns "
            f"{need} (levels={levels!r})"
        )
    bt = bt.copy()
    if y is not None:
        years, vals = _clean_series(y, None)
        bt["scale"] = [
            _naive_scale(years[years <= o], vals[years <= o]) for o in bt["origin"].to_numpy()
        ]
    groups = [(m, g) for m, g in bt.groupby(by, sort=True)] + [("overall", bt)]
    rows = []
    for name, g in groups:
        a, f = g["actual"].to_numpy(float), g["mean"].to_numpy(float)
        sc = g["scale"].to_numpy(float)
        ok = np.isfinite(sc) & (sc > 0)
        rec = {"method": name, "n": len(g)}
        if "origin" in g.columns:
            rec["origins"] = int(g["origin"].nunique())
        rec["smape"] = float(metrics.smape(a, f)) if len(g) else np.nan
        rec["mase"] = float(np.mean(np.abs(a - f)[ok] / sc[ok])) if ok.any() else np.nan
        scored = np.isfinite(a) & np.isfinite(f) & (a != f)
        rec["over_share"] = float(np.mean(f[scored] > a[scored])) if scored.any() else np.nan
        for lv in levels:
            lo, hi = g[f"lo_{lv}"].to_numpy(float), g[f"hi_{lv}"].to_numpy(float)
            rec[f"coverage_{lv}"] = float(metrics.coverage(a, lo, hi)) if len(g) else np.nan
            rec[f"winkler_{lv}"] = (
                float(np.mean(metrics.winkler(a, lo, hi, lv))) if len(g) else np.nan
            )
        rows.append(rec)
    return pd.DataFrame(rows).set_index("method")


# --------------------------------------------------------------------------- probabilities
def _knots(fc: pd.DataFrame, year: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """Normal scores and values of the quantiles the frame holds for ``year``."""
    if not isinstance(fc, pd.DataFrame) or "mean" not in fc.columns:
        got = type(fc).__name__ if not isinstance(fc, pd.DataFrame) else list(fc.columns)[:6]
        raise ValueError(f"fc must be a forecast() result with a 'mean' column, got {got!r}")
    year = _as_year(year, "year")
    if year not in fc.index:
        years = fc.index.tolist()
        span = f"years {years[0]}-{years[-1]}" if years else "no years"
        raise ValueError(f"year {year} is not in the forecast ({span})")
    row = fc.loc[year]
    z, v = [0.0], [float(row["mean"])]
    for col in fc.columns:
        if col.startswith(("lo_", "hi_")):
            lv = float(col[3:])
            p = 0.5 - lv / 200 if col.startswith("lo_") else 0.5 + lv / 200
            z.append(_Z.inv_cdf(p))
            v.append(float(row[col]))
    if len(z) == 1:  # a point forecast: reading it as certain gave 1.0 where it is 0.645
        raise ValueError(
            "the forecast frame holds no interval columns (lo_80, hi_80, ...), so it says "
            "nothing about uncertainty; make it with levels such as (80, 95)"
        )
    z, v = np.array(z), np.array(v)
    if not np.all(np.isfinite(v)):  # a missing end read as a confident 0 % chance
        cols = ["mean"] + [c for c in fc.columns if c.startswith(("lo_", "hi_"))]
        bad = [c for c, x in zip(cols, [float(row[c]) for c in cols], strict=True)
               if not np.isfinite(x)]  # fmt: skip
        raise ValueError(f"the forecast for {year} has no finite value in {bad}; a probability "
                         "needs the mean and every interval end")  # fmt: skip
    order = np.argsort(z)
    z, v = z[order], np.maximum.accumulate(v[order])  # guard monotonicity after clipping
    # the frame's scale (forecast), else the row's (forecast_panel, a tidy table read back)
    scale = fc.attrs["scale"] if "scale" in fc.attrs else row.get("scale")
    log = scale == "log" and bool(np.all(v > 0))
    return z, (np.log(v) if log else v), log


def _bounds_of(fc: pd.DataFrame, log: bool) -> tuple[float | None, float | None]:
    """The frame's clipping bounds (``attrs["bounds"]``) on its working scale.

    A frame without them (read back from a CSV) still has its clipped ends: knots that
    coincide at the top or bottom are a bound the distribution cannot pass.
    """
    try:
        lo_b, hi_b = _check_bounds(fc.attrs.get("bounds"))
    except ValueError:
        lo_b = hi_b = None
    if log:
        lo_b = None if lo_b is None or lo_b <= 0 else float(np.log(lo_b))
        hi_b = None if hi_b is None or hi_b <= 0 else float(np.log(hi_b))
    return lo_b, hi_b


def _unclipped(z: np.ndarray, v: np.ndarray, bounds=(None, None)):
    """The knots a bound did not move, and where the bounds lie.

    Clipping to a bound moves the knots beyond it onto it: a running total kept at or above
    its last value, 350, had its 10 % and 2.5 % ends both at 350, and reading between 350
    and the median as if 350 were the 10 % point gave P(>= 351) = 0.89 where the forecast
    before clipping says 0.65 (0.63 read this way). The distribution inside the bounds is
    that of the unclipped forecast, so its tail is extended from the knots left (as beyond
    the outermost ones), and everything it puts past a bound sits on the bound. Moved knots
    are those of an end where two or more coincide (a flattened end): a single end knot on a
    bound is read as it is, since a frame read back from CSV, without ``attrs["bounds"]``,
    could not tell it from a quantile that lies there, and the two must read alike. With
    fewer than two knots left the knots are read as they are. What the moved knots still say
    holds: the bound holds at least their share (a 10 % end on it puts 10 % or more there).

    Returns
    -------
    z, v : ndarray
        The knots to read.
    lo, hi : float or None
        The bounds on the working scale (given, or found from a flattened end).
    zlo, zhi : float or None
        The normal scores up to which (from which) the moved knots put the distribution on
        the lower (upper) bound; None where no knot was moved.
    """
    lo_b, hi_b = bounds
    flat_lo = len(v) > 1 and v[0] == v[1]
    flat_hi = len(v) > 1 and v[-1] == v[-2]
    lo = (v[0] if lo_b is None else max(lo_b, v[0])) if flat_lo else lo_b
    hi = (v[-1] if hi_b is None else min(hi_b, v[-1])) if flat_hi else hi_b
    keep = np.ones(len(v), dtype=bool)
    if flat_lo:
        keep &= v > v[0]
    if flat_hi:
        keep &= v < v[-1]
    if keep.sum() < 2:
        return z, v, lo, hi, None, None
    zlo = float(z[~keep & (v == v[0])].max()) if flat_lo else None
    zhi = float(z[~keep & (v == v[-1])].min()) if flat_hi else None
    return z[keep], v[keep], lo, hi, zlo, zhi


def _cdf(z: np.ndarray, v: np.ndarray, x: float, bounds=(None, None)) -> float:
    """P(Y <= x) for the piecewise-linear quantile function through (z, v), linear tails.

    No probability lies beyond ``bounds`` or beyond ends flattened by clipping (the linear
    tail used to put 2.5 % of a share above 100 %).
    """
    lo_b, hi_b = bounds
    if (hi_b is not None and x >= hi_b) or (x >= v[-1] and len(v) > 1 and v[-1] == v[-2]):
        return 1.0
    if (lo_b is not None and x < lo_b) or (x < v[0] and len(v) > 1 and v[0] == v[1]):
        return 0.0
    if v[-1] == v[0]:
        return 1.0 if x >= v[0] else 0.0
    if x < v[0] or x > v[-1]:
        # linear extrapolation of the outermost non-flat segment
        i = 0 if x < v[0] else len(v) - 2
        step = 1 if x < v[0] else -1
        while v[i + 1] == v[i]:
            i += step
        slope = (v[i + 1] - v[i]) / (z[i + 1] - z[i])
        zz = z[i] + (x - v[i]) / slope
        return _Z.cdf(zz)
    # inside: last knot with v <= x gives P(Y<=x) at flat parts (atoms from clipping)
    j = int(np.searchsorted(v, x, side="right")) - 1
    if j >= len(v) - 1:
        return _Z.cdf(z[-1]) if x < v[-1] else _Z.cdf(z[-1])
    zz = z[j] + (x - v[j]) * (z[j + 1] - z[j]) / (v[j + 1] - v[j])
    return _Z.cdf(zz)


def prob_meeting(fc: pd.DataFrame, year: int, target: float, comparison: str = ">=") -> float:
    """Probability that the indicator in ``year`` meets ``target``.

    The predictive distribution is rebuilt from the frame: its quantile function is the
    piecewise-linear interpolation, on the normal-score scale, through the mean (median,
    p = 0.5) and every interval end (``lo_L`` at p = 0.5 - L/200, ``hi_L`` at p = 0.5 + L/200),
    extended linearly beyond the widest interval; on the log scale when ``attrs["scale"]`` is
    "log". With one level this is a normal distribution; with 80 and 95 % it is a
    split-normal-like distribution with the frame's tail weight.

    Parameters
    ----------
    fc : pandas.DataFrame
        A :func:`forecast` result.
    year : int
        A forecast year present in ``fc``.
    target : float
        The target value.
    comparison : {">=", ">", "<=", "<"}
        Direction of "meeting": ``>=``/``>`` for targets to reach or exceed, ``<=``/``<`` for
        ceilings. The distribution is continuous, so strict and non-strict agree except at
        atoms created by clipping to bounds.

    Returns
    -------
    float
        Probability in [0, 1].
    """
    if comparison not in (">=", ">", "<=", "<"):
        raise ValueError(f"comparison must be one of '>=', '>', '<=', '<', got {comparison!r}")
    if not _is_number(target) or np.isnan(target):
        raise ValueError(f"target must be a number, got {target!r}")
    target = float(target)
    z, v, log = _knots(fc, year)
    z, v, lo, hi, zlo, zhi = _unclipped(z, v, _bounds_of(fc, log))

    def cdf(x: float) -> float:  # P(Y <= x), with what the moved knots say about the bounds
        p = _cdf(z, v, x, (lo, hi))
        if zlo is not None and x >= lo:
            p = max(p, _Z.cdf(zlo))
        if zhi is not None and x < hi:
            p = min(p, _Z.cdf(zhi))
        return p

    if np.isinf(target):  # nothing reaches +inf; everything is below it
        above = target < 0
        return float(above if comparison in (">=", ">") else not above)
    if log:
        if target <= 0:
            return 1.0 if comparison in (">=", ">") else 0.0
        target = float(np.log(target))
    below = cdf(target)  # P(Y <= target)
    # P(Y < t) equals P(Y <= t) except at atoms (the clipped mass at a bound)
    eps = 1e-12 * max(1.0, abs(target))
    if comparison == "<=":
        p = below
    elif comparison == "<":
        p = cdf(target - eps)
    else:  # P(Y >= t) = 1 - P(Y < t)
        p = 1.0 - (cdf(target - eps) if comparison == ">=" else below)
    return float(min(1.0, max(0.0, p)))


def quantile_at(fc: pd.DataFrame, year: int, probs=(0.5, 0.8, 0.95)) -> pd.Series:
    """Level the indicator reaches *at least* with probability p, for each p in ``probs``.

    Convention: the returned value q satisfies P(Y >= q) = p, i.e. it is the (1 - p) quantile
    of the predictive distribution of :func:`prob_meeting`. So ``quantile_at(fc, 2025, [0.8])``
    is the level the indicator is 80 % likely to reach or exceed (a cautious planning figure
    for an "at least" target), and ``prob_meeting(fc, 2025, q, ">=")`` returns p again.

    Returns
    -------
    pandas.Series
        Values indexed by ``probs``.
    """
    probs = list(_as_items(probs, "probs must be probabilities such as (0.5, 0.8)"))
    for p in probs:
        if not _is_number(p) or not 0 < p < 1:
            raise ValueError(f"probabilities must be numbers strictly between 0 and 1, got {p!r}")
    z, v, log = _knots(fc, year)
    # the knots a bound did not move, read as prob_meeting reads them; a tail extended past
    # a bound stops at it
    z, v, lo_b, hi_b, zlo, zhi = _unclipped(z, v, _bounds_of(fc, log))
    fc_lo = float(np.exp(lo_b)) if log and lo_b is not None else lo_b
    if log and lo_b is not None:  # the bound as given, not as it comes back from the log
        given = fc.attrs.get("bounds")
        if given is not None and given[0] is not None and np.isclose(given[0], fc_lo):
            fc_lo = float(given[0])
    out = []
    for p in probs:
        zz = _Z.inv_cdf(1.0 - p)
        if v[-1] == v[0]:
            q = v[0]
        elif zz < z[0] or zz > z[-1]:
            i = 0 if zz < z[0] else len(z) - 2
            step = 1 if zz < z[0] else -1
            while v[i + 1] == v[i]:
                i += step
            q = v[i] + (zz - z[i]) * (v[i + 1] - v[i]) / (z[i + 1] - z[i])
        else:
            q = float(np.interp(zz, z, v))
        if zlo is not None and zz <= zlo:  # a share the moved knots put on the bound
            q = lo_b
        elif zhi is not None and zz >= zhi:
            q = hi_b
        if lo_b is not None:  # each bound on its own: a missing upper one undid the lower
            q = max(q, lo_b)
        if hi_b is not None:
            q = min(q, hi_b)
        q = float(np.exp(q)) if log else float(q)
        if log and lo_b is not None and q < fc_lo:  # exp(log(415)) is 414.99999999999994
            q = fc_lo
        out.append(q)
    return pd.Series(out, index=list(probs), dtype=float)


# --------------------------------------------------------------------------- panel
def _panel_chunk(ids, years, vals, h, method, levels, bounds, anchor=None, additive=False):
    """Forecast every series of one chunk (rows sorted by id then year). Picklable worker."""
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    counts = ends - starts
    span = years[ends - 1] - years[starts] + 1
    k = len(starts)
    if np.any(counts < 2):
        bad = ids[starts[counts < 2][0]]
        raise InsufficientDataError(f"series {bad!r} needs at least 2 annual observations")
    log = method == "loglinear"
    if log and np.any(vals <= 0):
        bad = ids[np.flatnonzero(vals <= 0)[0]]
        raise ValueError(f"method 'loglinear' needs strictly positive values (series {bad!r})")
    wv = np.log(vals) if log else vals  # working scale: log values for loglinear
    # series forecast by the reference-class growth distribution (on log values)
    positive = np.minimum.reduceat(vals, starts) > 0
    # the number of figures decides the rule (interpolated years are not figures)
    short = {n: core.uses_reference(method, int(n)) for n in np.unique(counts)}
    growth = positive & np.array([short[n] for n in counts.tolist()], dtype=bool)
    gv = np.log(np.where(vals > 0, vals, 1.0))
    mean = np.empty((k, h))
    lo = {lv: np.empty((k, h)) for lv in levels}
    hi = {lv: np.empty((k, h)) for lv in levels}
    for n, c in np.unique(np.c_[span, counts], axis=0).tolist():
        for use_growth in (False, True):
            sel = np.flatnonzero((span == n) & (counts == c) & (growth == use_growth))
            if len(sel) == 0:
                continue
            src = gv if use_growth and not additive else wv
            # Y: the annual grid (gaps interpolated); W: the figures one year apart
            Y = np.empty((len(sel), n))
            if n == c:
                Y[:] = src[starts[sel][:, None] + np.arange(n)[None, :]]
                W = Y
            else:  # the rare series with gaps
                W = np.empty((len(sel), c))
                for r in range(len(sel)):
                    s, e = starts[sel[r]], ends[sel[r]]
                    Y[r] = _grid(years[s:e], src[s:e])
                    W[r] = _annualised(years[s:e], src[s:e])
            if use_growth and additive:
                m, hw = core.additive_core(W, h, levels, anchor)
            elif use_growth:
                m, hw = core.growth_core(W, h, levels, anchor)
            elif method in _VECTOR_METHODS:
                _, m, hw = core.core(Y, h, method, levels, log=log, W=W)
            else:  # statsmodels methods: the per-series path, one series at a time
                m = np.empty((len(sel), h))
                hw = core.half_widths(W, h, levels)
                for r in range(len(sel)):
                    s, e = starts[sel[r]], ends[sel[r]]
                    fc = forecast(pd.Series(vals[s:e], index=years[s:e]), h, method=method)
                    m[r] = fc["mean"].to_numpy()
            if not (log or (use_growth and not additive)):  # level scale, as in forecast()
                m = _held_at_bounds(m, vals[ends[sel] - 1], bounds)
            mean[sel] = m
            for lv in levels:
                down, up = hw[lv] if isinstance(hw[lv], tuple) else (hw[lv], hw[lv])
                lo[lv][sel], hi[lv][sel] = m - down, m + up
    # rows on the log scale: the multiplicative growth distribution, or every row of loglinear
    to_level = np.ones(k, dtype=bool) if log else (np.zeros(k, dtype=bool) if additive else growth)
    cols = {"mean": mean}
    for lv in levels:
        cols[f"lo_{lv}"], cols[f"hi_{lv}"] = lo[lv], hi[lv]
    lo_b, hi_b = bounds
    for key, v in cols.items():
        v = np.where(to_level[:, None], np.exp(np.where(to_level[:, None], v, 0.0)), v).ravel()
        cols[key] = np.clip(v, lo_b, hi_b) if (lo_b is not None or hi_b is not None) else v
    cols = pd.DataFrame(cols)
    last = years[ends - 1]
    cols.insert(0, "year", (last[:, None] + np.arange(1, h + 1)[None, :]).ravel())
    cols.insert(0, "series_id", np.repeat(ids[starts], h))
    # each row says the scale its quantiles are read on (a panel mixes both); categorical:
    # text columns of 500,000 rows cost more than the maths of short series
    cols["scale"] = pd.Categorical.from_codes(np.repeat(to_level.astype(np.int8), h),
                                              categories=["level", "log"])  # fmt: skip
    return cols


def _panel_arrays(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``series_id``, ``year``, ``value`` arrays of a long panel, sorted."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(
            "the panel must be a long DataFrame with columns series_id, year and value, got "
            f"{type(df).__name__} (one series: use forecast() with a Series indexed by year)"
        )
    missing = {"series_id", "year", "value"} - set(df.columns)
    if missing:
        raise ValueError(f"panel is missing column(s): {sorted(missing)}")
    d = df[["series_id", "year", "value"]].reset_index(drop=True)

    def where(i):
        sid, yr = (_plain(d[c].iloc[i]) for c in ("series_id", "year"))
        return f"series {sid!r}, year {yr!r} (row {i + 1} of the panel)"

    d["value"] = _numeric_values(d["value"], where)
    _check_magnitude(d["value"].to_numpy(dtype=float), where)
    no_id = np.flatnonzero(d["series_id"].isna().to_numpy())
    if len(no_id):
        raise ValueError(f"panel row {no_id[0] + 1} has no series_id; every row needs one")
    finite = np.isfinite(d["value"].to_numpy(dtype=float))
    # a series whose every value is missing vanished from the result without a word (one
    # with a single value left is refused below: both have too few to forecast)
    kept = set(d.loc[finite, "series_id"])
    gone = [sid for sid in dict.fromkeys(d["series_id"]) if sid not in kept]
    if gone:
        raise InsufficientDataError(
            f"series {_plain(gone[0])!r} has no values (all missing) and needs at least 2 "
            "annual observations"
            + (f"; {len(gone) - 1} more series likewise" if len(gone) > 1 else "")  # fmt: skip
        )
    d = d[finite]
    yrs = pd.to_numeric(d["year"], errors="coerce").to_numpy(dtype=float)
    whole = np.isfinite(yrs) & (yrs == np.round(yrs))
    if not whole.all():
        bad = d["year"].to_numpy(dtype=object)[~whole]
        raise ValueError(f"panel column 'year' must hold whole years, got {_plain(bad[0])!r}")
    d["year"] = yrs.astype("int64")
    d = d.sort_values(["series_id", "year"], kind="stable")
    if d.duplicated(["series_id", "year"]).any():
        dup = d[d.duplicated(["series_id", "year"])].iloc[0]
        raise ValueError(f"duplicate year {dup['year']} in series {dup['series_id']!r}")
    ids = d["series_id"].to_numpy()
    years = d["year"].to_numpy()
    vals = d["value"].to_numpy(dtype=float)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], int)
    ends = np.r_[starts[1:], len(ids)]
    wide = np.flatnonzero(years[ends - 1] - years[starts] + 1 > MAX_SPAN) if len(ids) else []
    if len(wide):
        a, b = starts[wide[0]], ends[wide[0]]
        _check_span(years[a:b], f"series {_plain(ids[a])!r}")
    return ids, years, vals


def forecast_panel(
    df: pd.DataFrame,
    horizon: int,
    *,
    method: str = "auto",
    levels=(80, 95),
    n_jobs: int = 2,
    bounds=(None, None),
    reference=None,
    additive: bool = False,
) -> pd.DataFrame:
    """Forecast many series at once (vectorised across series, optionally on several cores).

    Parameters
    ----------
    df : pandas.DataFrame
        Long frame with columns ``series_id``, ``year`` (integers) and ``value``; missing
        values are dropped, text and infinite values are refused (the message names the
        series, year and row). Every series needs at least 2 observations.
    horizon : int
        Years to forecast past each series' own last year.
    method, levels, bounds, additive
        As in :func:`forecast` (same maths: equal results series by series). ``ets`` and
        ``arima`` run series by series through statsmodels and are slow.
    n_jobs : int, default 2
        Worker processes. Only chunks of at least ``PANEL_MIN_CHUNK`` series go to a process
        pool; smaller panels run in-process, because the vectorised maths is cheaper than
        moving the data to worker processes (see benchmarks/panel_scale.py).
    reference : Anchor, "panel" or None
        Anchor of the short-series growth distribution, as in :func:`forecast`. ``"panel"``
        estimates it from the panel itself (:func:`collection_anchor`: the median growth and
        volatility of its series, histories only), so a large panel of one kind of series is
        judged against its own kind; every series then depends on the others' histories.

    Returns
    -------
    pandas.DataFrame
        ``series_id, year, mean, lo_L, hi_L ..., scale``, sorted by series_id then year.
        ``scale`` ("log" or "level") is the scale each row's distribution is read on by
        :func:`prob_meeting` and :func:`quantile_at` (a single forecast carries it in
        ``attrs``; a panel mixes both, and read as levels a growth row's chance of 2,000
        firms was 0.40 instead of 0.38).
    """
    h = _check_horizon(horizon)
    m = _check_method(method)
    levels = _check_levels(levels)
    bounds = _check_bounds(bounds)
    additive = _check_flag(additive, "additive", "shares: growth in points")
    n_jobs = _positive_int(n_jobs, "n_jobs must be a positive whole number of processes")
    ids, years, vals = _panel_arrays(df)
    if isinstance(reference, str) and reference == "panel":
        anchor = _panel_anchor(ids, years, vals)
    else:
        anchor = _check_reference(reference)
    cols = ["series_id", "year", "mean"] + [f"{p}_{lv}" for lv in levels for p in ("lo", "hi")]
    cols.append("scale")
    if len(ids) == 0:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(levels=levels, bounds=bounds)
        return out
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    n_chunks = max(1, min(n_jobs, len(starts) // PANEL_MIN_CHUNK))
    if n_chunks == 1:
        out = _panel_chunk(ids, years, vals, h, m, levels, bounds, anchor, additive)[cols]
    else:
        cut = np.r_[starts[np.linspace(0, len(starts), n_chunks + 1).astype(int)[:-1]], len(ids)]
        with ProcessPoolExecutor(max_workers=n_chunks) as pool:
            args = (h, m, levels, bounds, anchor, additive)
            futs = [
                pool.submit(_panel_chunk, ids[a:b], years[a:b], vals[a:b], *args)
                for a, b in zip(cut[:-1], cut[1:], strict=True)
            ]
            parts = [f.result() for f in futs]
        out = pd.concat(parts, ignore_index=True)[cols]
    # the clipping bounds travel with the frame, so prob_meeting puts nothing beyond them
    out.attrs.update(levels=levels, bounds=bounds)
    return out


# --------------------------------------------------------------------------- event backtests
#: Annual growth rates g of the events "value in year T+h >= last value x (1+g)^h" used to
#: check the calibration of prob_meeting (the same events as benchmarks/calibration.py).
EVENT_GROWTHS = (-0.05, 0.0, 0.05, 0.10, 0.15, 0.20)


def _check_growths(growths) -> tuple:
    """Annual growth rates of the events: finite numbers above -1 (one may be given alone)."""
    items = _as_items(growths, "growths must be annual growth rates such as (0.0, 0.05)")
    for g in items:
        if not _is_number(g) or not np.isfinite(g) or g <= -1:
            raise ValueError(
                f"growths must be annual growth rates above -1 (0.05 for 5 % a year), got {g!r}"
            )
    return items


def event_backtest(
    y: pd.Series,
    horizon: int,
    *,
    growths=EVENT_GROWTHS,
    method: str = "auto",
    min_train: int = 2,
    as_of: int | None = None,
    bounds=(None, None),
    additive: bool = False,
    reference=None,
    monotone: bool = False,
    cumulative: bool = False,
) -> pd.DataFrame:
    """Rolling-origin check of :func:`prob_meeting` on growth events.

    At every origin with at least ``max(min_train, 2)`` observations the series up to the
    origin is forecast ``horizon`` years ahead; for every later year with an observed value
    and every g in ``growths`` the event "value >= last value x (1 + g) ** h" gets its
    forecast probability and its outcome. Pooled over series, the frame feeds a reliability
    diagram (:func:`langfang_metrics.plots_forecast.reliability_diagram`). ``bounds``,
    ``additive``, ``monotone``, ``cumulative`` and ``reference`` as in :func:`backtest`.

    Returns
    -------
    pandas.DataFrame
        ``origin, n_obs, year, h, growth, threshold, p_meet, met`` (``met`` is 1.0 or 0.0).
        Empty with these columns when no origin qualifies.
    """
    h = _check_horizon(horizon)
    _check_method(method)
    bounds = _check_bounds(bounds)
    min_train = _check_min_train(min_train)
    growths = _check_growths(growths)
    years, vals = _clean_series(y, as_of)
    actual = dict(zip(years.tolist(), vals.tolist(), strict=True))
    rows = []
    for i in range(max(min_train, 2) - 1, len(years)):
        train = pd.Series(vals[: i + 1], index=years[: i + 1])
        fc = forecast(train, h, method=method, bounds=bounds, additive=additive,
                      reference=_reference_at(reference, int(years[i])),
                      monotone=monotone, cumulative=cumulative)  # fmt: skip
        last = float(vals[i])
        for yr in fc.index:
            if yr not in actual:
                continue
            step = int(yr - years[i])
            for g in growths:
                thr = last * (1.0 + g) ** step
                rows.append({"origin": int(years[i]), "n_obs": i + 1, "year": int(yr),
                             "h": step, "growth": float(g), "threshold": thr,
                             "p_meet": prob_meeting(fc, int(yr), thr),
                             "met": float(actual[yr] >= thr)})  # fmt: skip
    cols = ["origin", "n_obs", "year", "h", "growth", "threshold", "p_meet", "met"]
    return pd.DataFrame(rows, columns=cols)


def suite_events(
    observations: pd.DataFrame,
    horizon: int = 5,
    *,
    as_of: int | None = None,
    min_points: int = 3,
    indicators: pd.DataFrame | None = None,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`event_backtest` of every series the suite holds (each indicator and region).

    Parameters
    ----------
    observations : DataFrame
        Tidy observations; each (indicator, region) series is selected with
        ``series.select_series`` (series-grade figures only).
    horizon : int
        Years ahead.
    as_of : int, optional
        Only observations up to this year.
    min_points : int
        Series with fewer points are left out.
    indicators : DataFrame, optional
        The registry's indicators (``indicator_id``, ``kind``, ``unit_zh``); when given, each
        series is forecast as the report forecasts it (shares additive in points within
        0-100, counts bounded below by 0, see ``compute.forecast_options``).
    regions : DataFrame, optional
        The region registry; when given, each series is anchored, origin by origin, to the
        same indicator in the other regions of its level, as the report anchors the home
        series (``compute.reference_for``).

    Returns
    -------
    DataFrame
        :func:`event_backtest` columns plus ``indicator_id`` and ``region``, in the order of
        the series (sorted by indicator and region); empty with these columns if none qualify.
    """
    from . import config
    from .compute import forecast_options, reference_for, with_baseline
    from .series import select_series

    by_id = None if indicators is None else indicators.set_index("indicator_id")
    frames = []
    for (iid, region), _ in observations.groupby(["indicator_id", "region"], sort=True):
        y = select_series(observations, iid, region=region, as_of=as_of, registry=indicators)
        known = by_id is not None and iid in by_id.index
        if known and region == config.HOME_REGION:  # from the plan's baseline (a running
            y = with_baseline(y, by_id.loc[iid])  # total's zero), as the report forecasts it
        opts = {} if not known else forecast_options(by_id.loc[iid])
        if regions is not None:
            opts["reference"] = reference_for(observations, regions, iid, region=region)
        if len(y) >= min_points:
            found = event_backtest(y, horizon, **opts)
            if len(found):  # three figures with no window to score (2020, 2023, 2032): none,
                # and an empty frame in the concat warned of pandas' coming dtype rule
                frames.append(found.assign(indicator_id=iid, region=region))
    if not frames:
        return event_backtest(pd.Series(dtype=float), horizon).assign(indicator_id="", region="")
    return pd.concat(frames, ignore_index=True)
