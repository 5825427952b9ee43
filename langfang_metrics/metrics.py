"""Forecast accuracy measures on arrays (and a small frame helper).

All functions accept array-likes of equal length and work element-wise with numpy; the
summary functions return a float (the mean over elements), :func:`winkler` returns the
per-element scores so that callers can average them as they wish. A missing value (NaN) in
an element makes its score NaN, so a summary over it is NaN: drop incomplete pairs first.
Empty arrays and intervals with ``lo > hi`` are refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _same_length(**arrays) -> list[np.ndarray]:
    """The array-likes as 1-D float arrays of one length, else a ``ValueError`` naming them.

    A scalar stands for every element (``coverage(actual, 0, 100)``); arrays of different
    lengths are refused rather than broadcast.
    """
    out = [np.asarray(v, dtype=float) for v in arrays.values()]
    if any(a.ndim > 1 for a in out):
        raise ValueError(f"{', '.join(arrays)} must be one-dimensional")
    lengths = {len(a) for a in out if a.ndim == 1}
    if len(lengths) > 1:
        given = ", ".join(f"{k} {len(a)}" for k, a in zip(arrays, out, strict=True) if a.ndim)
        raise ValueError(f"{', '.join(arrays)} must have the same length, got {given}")
    n = lengths.pop() if lengths else 1
    if n == 0:
        raise ValueError(f"{', '.join(arrays)} are empty: there is nothing to score")
    return [np.broadcast_to(a, (n,)) if a.ndim == 0 else a for a in out]


def _ordered(lo: np.ndarray, hi: np.ndarray) -> None:
    if np.any(lo > hi):  # NaN compares False: a missing end is not a reversed interval
        i = int(np.argmax(lo > hi))
        raise ValueError(f"interval {i} has lo {lo[i]:g} above hi {hi[i]:g}; expected lo <= hi")


def smape(actual, forecast) -> float:
    """Symmetric mean absolute percentage error, in percent (M3/M4 definition).

    Parameters
    ----------
    actual, forecast : array_like
        Observed and forecast values.

    Returns
    -------
    float
        ``mean(200 * |a - f| / (|a| + |f|))``; elements with ``a == f == 0`` count as 0.
    """
    a, f = _same_length(actual=actual, forecast=forecast)
    den = np.abs(a) + np.abs(f)
    # a == f == 0 is a perfect forecast; avoid 0/0. A missing value stays missing.
    terms = np.divide(200.0 * np.abs(a - f), den, out=np.zeros_like(den), where=den > 0)
    terms[np.isnan(den)] = np.nan
    return float(np.mean(terms))


def mase(actual, forecast, insample, m: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler 2006).

    Parameters
    ----------
    actual, forecast : array_like
        Out-of-sample observed and forecast values.
    insample : array_like
        Training data, used for the scale: mean absolute ``m``-step naive error.
    m : int, default 1
        Seasonal period (1 for annual data).

    Returns
    -------
    float
        ``mean(|a - f|) / mean(|x[t] - x[t-m]|)``; ``inf`` (or ``nan`` for zero error) when
        the training data are constant.
    """
    a, f = _same_length(actual=actual, forecast=forecast)
    x = np.asarray(insample, dtype=float)
    if isinstance(m, bool) or not isinstance(m, int | np.integer) or m < 1:
        raise ValueError(f"m is a seasonal period, a whole number of 1 or more, got {m!r}")
    if x.ndim != 1:
        raise ValueError(f"insample must be one-dimensional, got {x.ndim} dimensions")
    if len(x) <= m:
        raise ValueError(f"insample needs more than m={m} values for the MASE scale")
    scale = np.mean(np.abs(x[m:] - x[:-m]))
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(np.abs(a - f)) / scale)


def coverage(actual, lo, hi) -> float:
    """Share of actual values inside their closed interval ``[lo, hi]`` (0 to 1).

    Parameters
    ----------
    actual, lo, hi : array_like
        Observed values and interval ends.

    Returns
    -------
    float
        Fraction of elements with ``lo <= actual <= hi``.
    """
    a, lo, hi = _same_length(actual=actual, lo=lo, hi=hi)
    _ordered(lo, hi)
    inside = ((a >= lo) & (a <= hi)).astype(float)
    inside[np.isnan(a) | np.isnan(lo) | np.isnan(hi)] = np.nan
    return float(np.mean(inside))


def winkler(actual, lo, hi, level) -> np.ndarray:
    """Winkler (interval) score per element (Winkler 1972; Gneiting & Raftery 2007).

    Parameters
    ----------
    actual, lo, hi : array_like
        Observed values and interval ends.
    level : float
        Nominal level in percent (alpha = 1 - level / 100).

    Returns
    -------
    numpy.ndarray
        ``(hi - lo) + (2/alpha)(lo - y)`` if ``y < lo``, ``+ (2/alpha)(y - hi)`` if
        ``y > hi``; lower is better.
    """
    a, lo, hi = _same_length(actual=actual, lo=lo, hi=hi)
    _ordered(lo, hi)
    if not 0 < level < 100:
        raise ValueError(f"level must be in percent, strictly between 0 and 100, got {level!r}")
    alpha = 1.0 - level / 100.0
    penalty = (2.0 / alpha) * (np.maximum(lo - a, 0.0) + np.maximum(a - hi, 0.0))
    return (hi - lo) + penalty


def evaluate(
    df: pd.DataFrame, *, id_col: str = "series_id", target_col: str = "actual", levels=(80, 95)
) -> pd.DataFrame:
    """Per-series sMAPE, coverage and mean Winkler score of a long forecast frame.

    A light utilsforecast-style helper: ``df`` holds one row per (series, year) with the
    columns ``target_col``, ``mean`` and ``lo_L``/``hi_L`` for each level.

    Returns
    -------
    pandas.DataFrame
        Index ``id_col``; columns ``smape``, ``coverage_L``, ``winkler_L``.
    """
    rows = {}
    for sid, g in df.groupby(id_col, sort=True):
        a = g[target_col].to_numpy(float)
        rec = {"smape": smape(a, g["mean"].to_numpy(float))}
        for lv in levels:
            lo, hi = g[f"lo_{lv}"].to_numpy(float), g[f"hi_{lv}"].to_numpy(float)
            rec[f"coverage_{lv}"] = coverage(a, lo, hi)
            rec[f"winkler_{lv}"] = float(np.mean(winkler(a, lo, hi, lv)))
        rows[sid] = rec
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(id_col)
