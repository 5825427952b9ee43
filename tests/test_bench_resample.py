"""The benchmarks' cluster bootstrap (benchmarks/_resample.py)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import _resample as resample
from benchmarks import calibration


def test_weights_resample_whole_series_and_repeat():
    groups = np.repeat(["a", "b", "c", "d"], [3, 1, 2, 5])
    counts, codes = resample.cluster_weights(groups, draws=50, seed=7)
    assert counts.shape == (50, 4)
    assert (counts.sum(axis=1) == 4).all()
    assert np.array_equal(np.unique(codes), np.arange(4))
    assert np.array_equal(codes, np.repeat([0, 1, 2, 3], [3, 1, 2, 5]))
    again, _ = resample.cluster_weights(groups, draws=50, seed=7)
    assert np.array_equal(counts, again)
    with pytest.raises(ValueError, match="no cases"):
        resample.cluster_weights(np.array([]))


def test_mean_interval_counts_series_not_cases():
    # 100 series whose 50 cases all agree: the sample holds 100 independent outcomes, not
    # 5,000, so the interval is as wide as a binomial proportion of 100 (about +-0.1)
    rng = np.random.default_rng(1)
    per_series = rng.random(100) < 0.5
    hits = np.repeat(per_series, 50)
    groups = np.repeat(np.arange(100), 50)
    lo, hi = resample.mean_interval(hits, groups)
    assert lo <= hits.mean() <= hi
    assert 0.15 < hi - lo < 0.25
    # the same hits as 5,000 independent series: about +-0.014
    lo_iid, hi_iid = resample.mean_interval(hits, np.arange(5000))
    assert hi_iid - lo_iid < 0.04


def test_mean_interval_weighs_series_by_their_cases():
    # one series with 9 hits, nine series with one miss each: every resample's mean is
    # (hits drawn) / (cases drawn), never the mean of per-series means
    hits = np.r_[np.ones(9), np.zeros(9)]
    groups = np.r_[np.zeros(9), np.arange(1, 10)]
    lo, hi = resample.mean_interval(hits, groups, draws=2000)
    assert lo == 0.0
    # upper end: the big series drawn 3 times of 10 (27 hits in 34 cases); 4+ times happens
    # in about 1.3 % of resamples, too rarely to reach the 97.5 % point
    assert hi == pytest.approx(27 / 34)


def test_ece_interval_is_the_benchmark_ece_on_the_sample_itself(monkeypatch):
    rng = np.random.default_rng(3)
    p = rng.random(600)
    y = (rng.random(600) < p**1.5).astype(float)
    groups = np.repeat(np.arange(60), 10)

    def unit_weights(g, draws=resample.DRAWS, seed=resample.SEED):
        uniq, codes = np.unique(g, return_inverse=True)
        return np.ones((3, len(uniq)), dtype=int), codes

    monkeypatch.setattr(resample, "cluster_weights", unit_weights)
    lo, hi = resample.ece_interval(p, y, groups)
    assert lo == pytest.approx(calibration.ece(p, y), abs=1e-12)
    assert hi == pytest.approx(calibration.ece(p, y), abs=1e-12)


def test_ece_interval_brackets_a_miscalibration():
    rng = np.random.default_rng(4)
    p = rng.random(20000)
    y = (rng.random(20000) < np.clip(p + 0.1, 0, 1)).astype(float)  # events 10 points likelier
    lo, hi = resample.ece_interval(p, y, np.repeat(np.arange(2000), 10))
    assert lo < calibration.ece(p, y) < hi
    assert 0.07 < lo and hi < 0.12


def test_paired_interval():
    a = np.linspace(1, 2, 40)
    assert resample.paired_mean_interval(a + 1, a) == pytest.approx((1.0, 1.0))
    rng = np.random.default_rng(5)
    noise = rng.normal(size=500)
    lo, hi = resample.paired_mean_interval(a.mean() + noise, a.mean() - noise[::-1])
    assert lo < 0 < hi
    with pytest.raises(ValueError, match="finite"):
        resample.paired_mean_interval([1.0, np.nan], [1.0, 2.0])


def test_loo_rows_carry_intervals_around_their_coverage():
    pairs = {name: calibration.load_pairs(name, 8) for name in calibration.LOADERS}
    table, _, _ = calibration.loo_table(pairs)
    for key in ("cov80", "cov95"):
        assert (table[f"{key}_lo"] <= table[key]).all()
        assert (table[key] <= table[f"{key}_hi"]).all()
        assert (table[f"{key}_hi"] - table[f"{key}_lo"] > 0).all()
    assert (table["ece_lo"] <= table["ece_hi"]).all()
    notes = calibration.interval_notes(table)
    assert "resamples of the TEST series" in notes[0]
    assert notes[1].startswith("rows whose intervals reach every goal band")
