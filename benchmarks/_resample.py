"""Sampling uncertainty of benchmark scores: a bootstrap over series (clusters).

A benchmark score pools many cases - windows, horizons, events - but the cases of one series
are not independent: overlapping windows share years, and a series that is hard to forecast
is hard at every origin. Resampling whole series with replacement (a cluster bootstrap;
Davison & Hinkley 1997, sec. 3.8) keeps that dependence and answers the question a reader of
the tables asks: with another sample of series of the same kind, how far could this number
move? It does not cover shocks shared by all series in one calendar period (the data carry
no dates), so the intervals are a lower bound on the uncertainty.

Every function takes the per-case values and the series each case comes from, and returns
percentile intervals. The draws come from one seeded generator, so reruns print the same
intervals.
"""

from __future__ import annotations

import numpy as np

#: Bootstrap resamples and the seed that makes them the same on every run.
DRAWS = 1000
SEED = 20261130
#: Central probability of the percentile intervals.
LEVEL = 0.95


def cluster_weights(groups, draws: int = DRAWS, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Resample whole series with replacement: how often each enters each resample.

    A score that is a ratio of sums over cases is then ``counts @ per-series sums``: no
    case-level loop.

    Parameters
    ----------
    groups : array_like, shape (k,)
        The series (any sortable labels) each of ``k`` cases comes from.
    draws, seed : int
        Number of resamples and the seed of their generator.

    Returns
    -------
    counts : ndarray, shape (draws, G)
        Multiplicity of each of the ``G`` distinct series (in sorted order) in each
        resample; every row sums to ``G``.
    codes : ndarray, shape (k,)
        Index in ``0..G-1`` of each case's series.
    """
    uniq, codes = np.unique(np.asarray(groups), return_inverse=True)
    G = len(uniq)
    if G == 0:
        raise ValueError("no cases to resample")
    rng = np.random.default_rng(seed)
    return rng.multinomial(G, np.full(G, 1.0 / G), size=draws), codes.ravel()


def _sums(values: np.ndarray, codes: np.ndarray, G: int) -> np.ndarray:
    return np.bincount(codes, weights=np.asarray(values, dtype=float), minlength=G)


def _interval(boot: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    lo, hi = np.quantile(boot, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def mean_interval(values, groups, *, draws: int = DRAWS, seed: int = SEED) -> tuple[float, float]:
    """Percentile interval of the pooled mean of ``values`` (e.g. 0/1 coverage hits).

    Each resample's mean is the sum of its series' values over the number of their cases,
    so a series with many cases weighs as much as it does in the pooled mean.
    """
    values = np.asarray(values, dtype=float)
    counts, codes = cluster_weights(groups, draws, seed)
    G = counts.shape[1]
    num, den = counts @ _sums(values, codes, G), counts @ np.bincount(codes, minlength=G)
    return _interval(num / den)


def ece_interval(
    p, y, groups, *, bins: int = 10, draws: int = DRAWS, seed: int = SEED
) -> tuple[float, float]:
    """Percentile interval of the expected calibration error of probabilities ``p``.

    The same ECE as the benchmark's (10 equal bins, ``sum |sum p - sum y| / cases`` over
    bins, i.e. bin-size-weighted ``|mean p - frequency|``), recomputed on every resample of
    series. ECE is a sum of absolute values, so noise only raises it: the interval says how
    far the reported ECE could move, and its lower end is the more telling one.
    """
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    counts, codes = cluster_weights(groups, draws, seed)
    G = counts.shape[1]
    idx = np.minimum((p * bins).astype(int), bins - 1)
    cell = codes * bins + idx  # (series, bin) cells
    P = np.bincount(cell, weights=p, minlength=G * bins).reshape(G, bins)
    Y = np.bincount(cell, weights=y, minlength=G * bins).reshape(G, bins)
    N = np.bincount(codes, minlength=G)
    boot = np.abs(counts @ P - counts @ Y).sum(axis=1) / (counts @ N)
    return _interval(boot)


def paired_mean_interval(a, b, *, draws: int = DRAWS, seed: int = SEED) -> tuple[float, float]:
    """Percentile interval of ``mean(a - b)`` for per-series scores of two methods.

    ``a`` and ``b`` hold one score per series (same series, same order), so resampling
    series keeps the pairing: what is measured is how sure the sample is that one method
    scores lower than the other on series of this kind.
    """
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if d.ndim != 1 or not np.isfinite(d).all():
        raise ValueError("paired scores must be two finite 1-d arrays of the same length")
    counts, _ = cluster_weights(np.arange(len(d)), draws, seed)
    return _interval(counts @ d / len(d))
