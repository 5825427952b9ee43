"""Accuracy measures against plain per-element Python loops and hand-worked numbers."""

from __future__ import annotations

import numpy as np
import pytest

from langfang_metrics import metrics


def ref_smape(a, f):
    tot = 0.0
    for x, y in zip(a, f, strict=True):
        den = abs(x) + abs(y)
        tot += 0.0 if den == 0 else 200 * abs(x - y) / den
    return tot / len(a)


def ref_winkler(a, lo, hi, level):
    alpha = 1 - level / 100
    out = []
    for y, lw, u in zip(a, lo, hi, strict=True):
        s = u - lw
        if y < lw:
            s += 2 / alpha * (lw - y)
        if y > u:
            s += 2 / alpha * (y - u)
        out.append(s)
    return out


RNG = np.random.default_rng(1)
A = RNG.normal(10, 3, 50)
F = A + RNG.normal(0, 2, 50)
LO, HI = F - 2, F + 2


def test_smape_matches_loop_and_hand_numbers():
    assert metrics.smape(A, F) == pytest.approx(ref_smape(A, F))
    # |100-110| / (210/2) = 9.5238 %
    assert metrics.smape([100], [110]) == pytest.approx(200 * 10 / 210)
    assert metrics.smape([0, 1], [0, 1]) == 0.0


def test_mase_matches_loop_and_hand_numbers():
    x = [1.0, 3.0, 2.0, 5.0]  # naive errors 2, 1, 3 -> scale 2
    assert metrics.mase([6, 7], [5, 5], x) == pytest.approx(((1 + 2) / 2) / 2)
    ins = RNG.normal(0, 1, 20)
    scale = sum(abs(ins[i] - ins[i - 1]) for i in range(1, 20)) / 19
    ref = sum(abs(a - f) for a, f in zip(A, F, strict=True)) / len(A) / scale
    assert metrics.mase(A, F, ins) == pytest.approx(ref)
    with pytest.raises(ValueError, match="more than m"):
        metrics.mase([1], [1], [1.0])


def test_coverage_matches_loop():
    ref = sum(lo <= a <= hi for a, lo, hi in zip(A, LO, HI, strict=True)) / len(A)
    assert metrics.coverage(A, LO, HI) == pytest.approx(ref)
    assert metrics.coverage([1, 2, 3], [1, 0, 4], [1, 1, 5]) == pytest.approx(1 / 3)


def test_winkler_matches_loop_and_hand_numbers():
    np.testing.assert_allclose(metrics.winkler(A, LO, HI, 80), ref_winkler(A, LO, HI, 80))
    # inside: width only; below by 1 at 95 %: width 2 + (2/0.05)*1 = 42
    np.testing.assert_allclose(metrics.winkler([5, 3], [4, 4], [6, 6], 95), [2.0, 42.0])


def test_evaluate_frame_version():
    import pandas as pd

    df = pd.DataFrame(
        {
            "series_id": ["a", "a", "b"],
            "actual": [1.0, 2.0, 3.0],
            "mean": [1.0, 2.0, 2.0],
            "lo_80": [0.0, 1.0, 2.5],
            "hi_80": [2.0, 3.0, 3.5],
            "lo_95": [0.0, 1.0, 2.0],
            "hi_95": [2.0, 3.0, 4.0],
        }
    )
    ev = metrics.evaluate(df)
    assert ev.loc["a", "smape"] == 0.0
    assert ev.loc["b", "coverage_80"] == 1.0
    assert ev.loc["b", "winkler_95"] == pytest.approx(2.0)


def test_arrays_of_different_lengths_are_refused_not_broadcast():
    with pytest.raises(
        ValueError, match="actual, forecast must have the same length, got actual 2"
    ):
        metrics.smape([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="same length"):
        metrics.mase([1.0, 2.0], [1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="actual, lo, hi must have the same length"):
        metrics.coverage([1.0, 2.0], [0.0], [3.0])
    with pytest.raises(ValueError, match="same length"):
        metrics.winkler([1.0, 2.0], [0.0, 0.0], [3.0], 80)


@pytest.mark.parametrize("level", [0, 100, 150, -5])
def test_winkler_level_is_a_percentage(level):
    with pytest.raises(ValueError, match="strictly between 0 and 100"):
        metrics.winkler([1.0], [0.0], [2.0], level)


def test_a_scalar_stands_for_every_element():
    assert metrics.coverage([1.0, 5.0, 9.0], 0.0, 6.0) == pytest.approx(2 / 3)
    assert metrics.smape([100.0, 100.0], 100.0) == 0.0
    np.testing.assert_allclose(metrics.winkler([5.0, 7.0], 0.0, 6.0, 80), [6.0, 16.0])


def test_a_missing_value_is_never_scored_as_perfect_or_as_a_miss():
    assert np.isnan(metrics.smape([1, np.nan], [1, 2]))  # was 0.0, a perfect score
    assert np.isnan(metrics.coverage([np.nan], [0], [1]))  # was 0.0, a miss
    assert metrics.smape([0], [0]) == 0.0 and metrics.coverage([0.5, 2], [0, 0], [1, 1]) == 0.5


def test_malformed_inputs_are_refused():
    with pytest.raises(ValueError, match="empty"):
        metrics.smape([], [])
    with pytest.raises(ValueError, match="lo 2 above hi 0"):
        metrics.winkler([1], [2], [0], 80)
    with pytest.raises(ValueError, match="lo 2 above hi 0"):
        metrics.coverage([1], [2], [0])
    for m in (-1, 0, 1.5, True):
        with pytest.raises(ValueError, match="seasonal period"):
            metrics.mase([3], [2], [1, 2, 4], m=m)
    with pytest.raises(ValueError, match="one-dimensional"):
        metrics.mase([3], [2], [[1, 2], [3, 4]])
