"""The reference-class growth distribution of short series and its pinned constants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks import calibration
from langfang_metrics import _forecast_core as core
from langfang_metrics.forecast import (
    collection_anchor,
    forecast,
    forecast_panel,
    prob_meeting,
    quantile_at,
)

#: Constants of the same fit on the first 15 series of each frequency of the two training
#: parts (reliability lines measured with the shipped floors), as printed by
#: ``python -m benchmarks.calibration`` (the "subset" notes).
SUBSET_15 = {
    2: (0.1, 0.05, 0.81358, 0.5, (-2.7338, -1.3106, 0.0924, 1.6521, 3.0848)),
    3: (0.1, 0.05, 0.77382, 0.5, (-2.8353, -1.4324, 0.0642, 1.6452, 3.0303)),
    4: (0.1, 0.05, 0.74331, 0.5, (-2.9607, -1.5044, 0.0473, 1.635, 2.8379)),
    5: (0.15, 0.05, 0.7278, 0.5, (-3.0806, -1.5702, 0.0039, 1.5736, 2.7291)),
    6: (0.1, 0.05, 0.71191, 0.5, (-3.0991, -1.587, 0.002, 1.5592, 2.7017)),
}

#: The same for the additive (shares) model, "subset" notes of calibration_additive.md.
SUBSET_15_ADDITIVE = {
    2: (0.0, 0.05, 0.90783, 0.85, (-1.5287, -0.814, 0.1165, 1.667, 4.3679)),
    3: (0.0, 0.05, 0.8758, 0.75, (-1.7664, -0.9506, 0.1147, 1.7997, 4.0946)),
    4: (0.0, 0.05, 0.82478, 0.75, (-1.8817, -1.036, 0.1015, 1.8448, 3.9119)),
    5: (0.0, 0.05, 0.81591, 0.75, (-1.9558, -1.0592, 0.0948, 1.8461, 3.8495)),
    6: (0.0, 0.05, 0.80353, 0.75, (-1.9964, -1.0902, 0.0725, 1.8318, 3.8697)),
}


#: The subset fit with a drift weight that grows with consistency (``consistency=True``),
#: "subset" notes of calibration_consistency.md; n = 2 cannot measure consistency.
SUBSET_15_CONSISTENCY = {
    2: (0.1, 0.05, 0.81358, 0.5, (-2.7338, -1.3106, 0.0924, 1.6521, 3.0848)),
    3: (0.1, 0.05, 0.77228, 0.5, (-2.8167, -1.4352, 0.0634, 1.6456, 3.0421), 16.0),
    4: (0.15, 0.12282, 0.73848, 0.5, (-3.0555, -1.5294, 0.0298, 1.615, 2.8343), 32.0),
    5: (0.2, 0.05, 0.7269, 0.5, (-3.1385, -1.5844, -0.0017, 1.5643, 2.689), 32.0),
    6: (0.2, 0.05, 0.71187, 0.5, (-3.127, -1.6314, -0.0271, 1.5088, 2.6807), 32.0),
}


def test_fit_on_fixed_subset_matches_the_benchmark():
    subset = [
        calibration.load_pairs(name, calibration.SUBSET_LIMIT) for name in calibration.LOADERS
    ]
    fitted = calibration.fit_all(subset)  # one drift weight: nu = inf, as RefClass's default
    assert fitted == {n: core.RefClass(*c) for n, c in SUBSET_15.items()}
    fitted = calibration.fit_all(subset, additive=True)
    assert fitted == {n: core.RefClass(*c) for n, c in SUBSET_15_ADDITIVE.items()}
    fitted = calibration.fit_all(subset, consistency=True)
    assert fitted == {n: core.RefClass(*c) for n, c in SUBSET_15_CONSISTENCY.items()}


def test_shipped_constants_are_the_pooled_fit():
    """REFERENCE and DEFAULT_ANCHOR are exactly what the benchmark fits on the training parts."""
    both = [calibration.load_pairs(name) for name in calibration.LOADERS]
    assert calibration.fit_all(both) == core.REFERENCE
    assert calibration.default_anchor(both) == core.DEFAULT_ANCHOR
    assert calibration.fit_all(both, additive=True) == core.REFERENCE_ADDITIVE
    assert calibration.floors_of(both) == core.RELIABILITY_FLOOR


def test_trend_table_sorts_windows_by_shape_and_scores_what_happened():
    """Steady trends in made-up series whose future is known: the fallers keep falling (the
    last value is never reached again), the fast risers keep rising (always reached)."""
    t = np.arange(10.0)
    fall = [np.log(100 * (0.9 + 0.001 * k) ** t) for k in range(25)]
    rise = [np.log(100 * (1.2 + 0.001 * k) ** t) for k in range(25)]
    pairs = {"made-up": [(y[:7], y) for y in fall + rise]}
    table = calibration.trend_table(pairs).set_index(["n", "shape"])
    for n in calibration.TREND_NS:
        windows = 25 * (10 - n)  # every window with a future year, per shape
        assert table.loc[(n, "steady fall"), "windows"] == windows
        assert table.loc[(n, "every change > +10%"), "windows"] == windows
        assert table.loc[(n, "all"), "windows"] == 2 * windows
        assert table.loc[(n, "steady fall"), "happened"] == 0.0
        assert table.loc[(n, "every change > +10%"), "happened"] == 1.0
    for col in ("p_at_least_last", "happened", "cov80"):
        assert table[col].between(0, 1).all()


def test_consistency_table_sets_the_two_drift_weights_side_by_side():
    """Same windows, same fits: two-point windows cannot tell them apart; one_* is the
    shipped form's leave-one-out table."""
    pairs = {name: calibration.load_pairs(name, calibration.SUBSET_LIMIT)
             for name in calibration.LOADERS}  # fmt: skip
    shipped = {"log": calibration.loo_table(pairs)[0],
               "additive": calibration.loo_table(pairs, additive=True)[0]}  # fmt: skip
    table = calibration.consistency_table(pairs, shipped)
    assert len(table) == 2 * 2 * len(calibration.NS)
    two = table[table["n"] == 2]
    assert np.isinf(two["nu"]).all()
    assert two["cons_ece"].tolist() == two["one_ece"].tolist()
    # the cons_* columns come from consistency fits: finite nu makes a different model there
    longer = table[(table["n"] > 2) & np.isfinite(table["nu"])]
    assert not longer.empty and (longer["cons_cov80"] != longer["one_cov80"]).any()
    log = table[table["model"] == "log"].reset_index(drop=True)
    assert log["one_cov80"].tolist() == shipped["log"]["cov80"].tolist()
    assert table[["cons_cov80", "cons_cov95", "cons_ece"]].stack().between(0, 1).all()


def test_kinds_partition_the_benchmark_series():
    """Leave-one-kind-out uses every pooled series once, M1 grouped by its series codes."""
    kinds = calibration.kind_pairs(calibration.SUBSET_LIMIT)
    pooled = [p for name in calibration.LOADERS for p in calibration.load_pairs(name, 15)]
    assert sum(len(v) for v in kinds.values()) == len(pooled)
    assert "Tourism" in kinds and all(k == "Tourism" or k.startswith("M1-") for k in kinds)
    assert calibration.series_kind("M1", "QND12") == calibration.series_kind("M1", "YAD1")
    three = dict(sorted(kinds.items(), key=lambda kv: -len(kv[1]))[:3])
    table = calibration.unseen_table(three)
    assert len(table) == 3 * len(calibration.NS)
    assert table.groupby("kind")["series"].first().to_dict() == {
        k: len(v) for k, v in three.items()
    }
    fits = calibration.held_out_fits(three)
    peers = calibration.peers_table(three, fits)
    assert not peers.empty and peers.equals(calibration.peers_table(three, fits))  # seeded
    for kind, m in zip(peers["kind"], peers["peers"], strict=True):
        assert 2 * m <= len(three[kind])  # only counts a kind can spare twice over


def test_fit_recovers_a_known_growth_process():
    rng = np.random.default_rng(3)
    k, n, H = 4000, 3, 5
    steps = 0.05 + 0.1 * rng.standard_normal((k, n - 1 + H))
    path = np.concatenate([np.zeros((k, 1)), np.cumsum(steps, axis=1)], axis=1)
    rc = core.fit_reference(path[:, :n], path[:, n:], 0.05, 0.1)
    assert rc.w <= 0.3  # i.i.d. growth: the own drift carries little information
    assert abs(rc.q[2]) < 0.1  # the anchor is the centre: no shift left for the quantiles
    Q = core.ref_quantiles(path[:, :n], H, rc, core.Anchor(0.05, 0.1))
    inside = (path[:, n:] >= Q[:, :, 1]) & (path[:, n:] <= Q[:, :, 3])
    assert inside.mean() == pytest.approx(0.8, abs=0.03)


def test_drift_weight_grows_with_the_consistency_of_the_changes():
    """One weight at two points or nu = inf; above it for steady changes, below for erratic."""
    steady = np.log([100.0, 110.0, 121.0, 133.1])  # +10 % every year: no spread of changes
    erratic = np.log([100.0, 140.0, 105.0, 133.1])  # same first and last value
    U = np.vstack([steady, erratic])
    assert core.own_weight(U, 0.1, 0.2).tolist() == [0.2, 0.2]  # nu = inf: the shipped form
    assert core.own_weight(U[:, 2:], 0.1, 0.2, nu=1.0).tolist() == [0.2, 0.2]  # two points
    w = core.own_weight(U, 0.1, 0.2, nu=1.0)
    assert w[0] > 0.2 > w[1]
    assert w[0] == pytest.approx(0.2 / (0.2 + 0.8 * 1.0 / 3.0))  # c = (1 + 2 * 0) / (1 + 2)
    assert core.own_weight(U, 0.1, 0.2, nu=1e9) == pytest.approx([0.2, 0.2], abs=1e-6)
    assert core.own_weight(U, 0.0, 0.2, nu=1.0)[0] == pytest.approx(0.2)  # no typical spread
    assert core.own_weight(U, 0.1, 1.0, nu=1.0).tolist() == [1.0, 1.0]
    # three points, per-row spreads, the sample variance (ddof=1) of the changes in S**2 units
    three = np.log([[100.0, 110.0, 115.5], [100.0, 110.0, 115.5]])
    d = np.diff(three[0])
    c = (0.5 + np.var(d, ddof=1) / np.array([0.1, 0.2]) ** 2) / (0.5 + 1)
    assert core.within_ratio(three, np.array([0.1, 0.2]), 0.5) == pytest.approx(c)
    assert core.own_weight(three, np.array([0.1, 0.2]), 0.3, 0.5) == pytest.approx(
        0.3 / (0.3 + 0.7 * c)
    )
    for bad in (0.0, -1.0, np.nan):
        with pytest.raises(ValueError, match="nu must be a positive number"):
            core.RefClass(0.2, 0.3, 0.8, 0.6, (-2.5, -1.4, 0.0, 1.7, 3.0), nu=bad)
    # the quantiles follow: the steady window's median leans further toward its own +10 %
    one = core.RefClass(0.2, 0.3, 0.8, 0.6, (-2.5, -1.4, 0.0, 1.7, 3.0))
    cons = core.RefClass(*one[:5], nu=1.0)
    a = core.Anchor(0.03, 0.1)
    med_one = core.ref_quantiles(U, 3, one, a)[:, :, 2]
    med_cons = core.ref_quantiles(U, 3, cons, a)[:, :, 2]
    assert (med_cons[0] > med_one[0]).all() and (med_cons[1] < med_one[1]).all()


def test_consistency_fit_finds_persistent_trends_and_ignores_noise():
    """Series with their own lasting growth and little noise: the fit weights steady windows
    up (finite nu, steady windows above w); i.i.d. growth: the consistency buys nothing."""
    rng = np.random.default_rng(5)
    k, n, H = 3000, 4, 5
    own = 0.05 + 0.1 * rng.standard_normal((k, 1))  # each series' lasting growth
    noise = np.where(rng.random((k, 1)) < 0.5, 0.01, 0.2)  # half steady, half erratic
    steps = own + noise * rng.standard_normal((k, n - 1 + H))
    path = np.concatenate([np.zeros((k, 1)), np.cumsum(steps, axis=1)], axis=1)
    rc = core.fit_reference(path[:, :n], path[:, n:], 0.05, 0.1, consistency=True)
    assert np.isfinite(rc.nu)
    w = core.own_weight(path[:, :n], 0.1, rc.w, rc.nu)
    steady = noise[:, 0] < 0.1
    assert w[steady].mean() > 0.8 > w[~steady].mean()
    assert core.fit_reference(path[:, :n], path[:, n:], 0.05, 0.1).nu == np.inf  # default
    iid = 0.05 + 0.1 * rng.standard_normal((k, n - 1 + H))
    path = np.concatenate([np.zeros((k, 1)), np.cumsum(iid, axis=1)], axis=1)
    rc = core.fit_reference(path[:, :n], path[:, n:], 0.05, 0.1, consistency=True)
    assert rc.w <= 0.3 and core.own_weight(path[:, :n], 0.1, rc.w, rc.nu).max() <= 0.5
    if rc.w == 0.0:  # every nu fits alike: reported as one weight, not as a strong setting
        assert rc.nu == np.inf


def test_anchor_moves_the_distribution_with_the_collection():
    """Same series, a faster and more volatile collection: higher median, wider interval."""
    y = pd.Series({2021: 100.0, 2022: 104.0, 2023: 109.0})
    slow = forecast(y, 3, reference=core.Anchor(0.02, 0.05))
    fast = forecast(y, 3, reference=core.Anchor(0.15, 0.25))
    assert (fast["mean"] > slow["mean"]).all()
    assert ((fast["hi_80"] - fast["lo_80"]) > (slow["hi_80"] - slow["lo_80"])).all()
    assert "16.2% a year" in fast.attrs["note"]
    assert forecast(y, 3).equals(forecast(y, 3, reference=core.DEFAULT_ANCHOR))


@pytest.mark.parametrize("bad", [(0.05, -1), (0.05, np.inf), ("a", 0.1), (np.nan, 0.1), 3, "pane"])
def test_a_bad_reference_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="reference must be an Anchor"):
        forecast(pd.Series({2021: 1.0, 2022: 2.0}), 2, reference=bad)
    with pytest.raises(ValueError, match="reference must be an Anchor"):
        forecast_panel(pd.DataFrame({"series_id": [1, 1], "year": [1, 2], "value": [1, 2]}), 2,
                       reference=bad)  # fmt: skip


def assert_same_anchor(a, b):
    assert (a.growth, a.spread) == pytest.approx((b.growth, b.spread), rel=1e-12)
    np.testing.assert_allclose(np.array(a.reliability), np.array(b.reliability), rtol=1e-10)


def _panel(rng, k, n, growth=0.1):
    rows = []
    for i in range(k):
        steps = growth + 0.2 * rng.standard_normal(n - 1)
        vals = 50 * np.exp(np.r_[0.0, np.cumsum(steps)])
        rows += [(f"s{i:03d}", 2010 + t, v) for t, v in enumerate(vals)]
    return pd.DataFrame(rows, columns=["series_id", "year", "value"])


def test_collection_anchor_of_a_panel_is_the_benchmark_rule_and_handles_gaps():
    rng = np.random.default_rng(5)
    df = _panel(rng, 40, 6)
    logs = [np.log(g["value"].to_numpy()) for _, g in df.groupby("series_id")]
    a = collection_anchor(df)
    assert_same_anchor(a, core.series_anchor(logs))
    assert a.growth == pytest.approx(0.1, abs=0.05)
    # a gap of L years is one annualised change weighted by L, over the changes less one
    gapped = df[~((df["series_id"] < "s010") & (df["year"] == 2012))]
    growths, spreads = [], []
    for _, g in gapped.groupby("series_id"):
        yrs, lv = g["year"].to_numpy(), np.log(g["value"].to_numpy())
        gaps, c = np.diff(yrs), np.diff(lv) / np.diff(yrs)
        mean = (lv[-1] - lv[0]) / (yrs[-1] - yrs[0])
        growths.append(mean)
        spreads.append(np.sqrt(np.sum(gaps * (c - mean) ** 2) / (len(c) - 1)))
    got = collection_anchor(gapped)
    assert (got.growth, got.spread) == pytest.approx(
        (np.median(growths), np.median(spreads)), rel=1e-12
    )


def test_a_panel_reported_every_few_years_keeps_its_spread():
    """Counting a gap as L equal changes halved the spread of a panel reported every other
    year, and two figures per series gave a spread of exactly 0 (which stopped the report)."""
    rng = np.random.default_rng(11)
    rows = []
    for i in range(300):  # random walks in logs: s.d. 0.08 a year
        u = np.cumsum(rng.normal(0.05, 0.08, 13))
        rows += [(f"s{i:03d}", 2010 + k, 100 * np.exp(u[k])) for k in range(13)]
    df = pd.DataFrame(rows, columns=["series_id", "year", "value"])
    yearly = collection_anchor(df).spread
    assert yearly == pytest.approx(0.08, rel=0.05)
    for step in (2, 3):
        assert collection_anchor(df[df["year"] % step == 0]).spread == pytest.approx(
            yearly, rel=0.15
        )
    two = df[df["year"].isin([2010, 2022])]
    anchor, n_growth, n_spread = collection_anchor(two, return_counts=True)
    assert n_spread == 0 and anchor.spread == core.DEFAULT_ANCHOR.spread
    # flat peers: the least spread an anchor has (0 stopped the report; 1e-16 gave every
    # window a band of nothing), which a single series' forecast takes as the panel does
    flat = collection_anchor(df.assign(value=100.0))
    assert flat.spread == core.MIN_ANCHOR_SPREAD
    fc = forecast(pd.Series({2020: 905.0, 2022: 1258.0}), 3, reference=flat)
    assert np.isfinite(fc.to_numpy()).all() and (fc["hi_80"] > fc["lo_80"]).all()
    widths = [forecast(pd.Series({2020: 100.0, 2021: 130.0, 2022: 110.0}), 1,
                       reference=core.Anchor(0.05, s))[["lo_95", "hi_95"]].iloc[0].tolist()
              for s in (0.0, 1e-16, 1e-4, core.MIN_ANCHOR_SPREAD)]  # fmt: skip
    assert all(w == widths[0] for w in widths) and widths[0][1] > widths[0][0]


def test_a_small_panel_keeps_the_default_anchor():
    rng = np.random.default_rng(6)
    small = _panel(rng, core.MIN_COLLECTION - 1, 5, growth=0.3)
    assert collection_anchor(small) == core.DEFAULT_ANCHOR
    big = _panel(rng, core.MIN_COLLECTION, 5, growth=0.3)
    assert collection_anchor(big).growth > 0.2


def test_panel_reference_equals_single_series_with_the_panel_anchor():
    rng = np.random.default_rng(7)
    df = _panel(rng, 30, 8)
    df = df[df["year"] >= 2010 + 8 - 3]  # short windows: three points each
    panel = forecast_panel(df, 3, reference="panel")
    anchor = collection_anchor(df)
    for sid, g in list(df.groupby("series_id"))[:5]:
        single = forecast(g.set_index("year")["value"], 3, reference=anchor)
        got = panel[panel["series_id"] == sid][["mean", "lo_80", "hi_80", "lo_95", "hi_95"]]
        np.testing.assert_allclose(got.to_numpy(), single.to_numpy(), rtol=1e-12)
    default = forecast_panel(df, 3)
    assert not np.allclose(default["mean"], panel["mean"])


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
        got = panel[panel["series_id"] == sid].drop(columns=["series_id", "year", "scale"])
        np.testing.assert_allclose(got.to_numpy(), single.to_numpy(), rtol=1e-12)
    assert panel.notna().all().all()


# --------------------------------------------------------------------------- shares: additive
def test_a_share_grows_in_points_not_by_compounding():
    """Additive: the median path is nearly a straight line in points; multiplicative: compounds."""
    y = pd.Series({2020: 35.6, 2021: 36.4, 2022: 37.0})
    add = forecast(y, 8, additive=True, bounds=(0, 100))
    mult = forecast(y, 8, bounds=(0, 100))
    assert add.attrs["method"] == "growth_additive" and add.attrs["scale"] == "level"
    assert "in points" in add.attrs["note"]
    steps = np.diff(np.r_[37.0, add["mean"].to_numpy()])
    compounding = np.diff(np.r_[37.0, mult["mean"].to_numpy()])
    # about equal steps in points (the median's small skew term grows like h**beta) ...
    assert steps.max() / steps.min() < 1.05
    # ... where the multiplicative median's steps grow by the growth rate every year
    assert np.all(np.diff(compounding) > 0) and compounding[-1] / compounding[0] > 1.3
    assert (add["hi_95"] <= 100).all() and (add["lo_95"] >= 0).all()


def test_additive_distribution_scales_with_the_level_and_reads_on_the_level_scale():
    y = pd.Series({2021: 2.0, 2022: 2.1, 2023: 2.2})
    small = forecast(y, 5, additive=True)
    big = forecast(y * 10, 5, additive=True)
    np.testing.assert_allclose(big.to_numpy(), 10 * small.to_numpy(), rtol=1e-12)
    for p in (0.05, 0.5, 0.9):  # prob_meeting and quantile_at read the same (level) knots
        q = quantile_at(small, 2028, [p]).iloc[0]
        assert prob_meeting(small, 2028, q) == pytest.approx(p, abs=1e-9)
    Q = core.ref_quantiles((y / 2.2).to_numpy()[None, :], 5, core.REFERENCE_ADDITIVE[3],
                           core.index_anchor())[0] * 2.2  # fmt: skip
    np.testing.assert_allclose(small[["lo_95", "lo_80", "mean", "hi_80", "hi_95"]].to_numpy(), Q,
                               rtol=1e-12)  # fmt: skip


def test_additive_panel_equals_single_series_and_leaves_long_series_alone():
    df = pd.DataFrame(
        {
            "series_id": ["a"] * 3 + ["b"] * 2 + ["c"] * 8,
            "year": [2020, 2021, 2022, 2019, 2022] + list(range(2015, 2023)),
            "value": [35.6, 36.4, 37.0, 1.5, 1.9] + [10, 11, 11.5, 12, 13, 13.2, 14, 15],
        }
    )
    panel = forecast_panel(df, 4, bounds=(0, 100), additive=True, reference=(0.03, 0.05))
    for sid, g in df.groupby("series_id"):
        single = forecast(pd.Series(g["value"].to_numpy(), index=g["year"]), 4,
                          bounds=(0, 100), additive=True, reference=(0.03, 0.05))  # fmt: skip
        got = panel[panel["series_id"] == sid].drop(columns=["series_id", "year", "scale"])
        np.testing.assert_allclose(got.to_numpy(), single.to_numpy(), rtol=1e-12)
    long_add = forecast(df[df.series_id == "c"].set_index("year")["value"], 4, additive=True)
    long_mul = forecast(df[df.series_id == "c"].set_index("year")["value"], 4)
    pd.testing.assert_frame_equal(long_add, long_mul)


def test_report_forecasts_shares_additively():
    from langfang_metrics import compute

    ind = pd.Series({"indicator_id": "s", "kind": "share", "unit_zh": "%"})
    assert compute.forecast_options(ind) == {"bounds": (0.0, 100.0), "additive": True,
                                             "cumulative": False}  # fmt: skip
    ind = pd.Series({"indicator_id": "c", "kind": "stock", "unit_zh": "家"})
    assert compute.forecast_options(ind) == {"bounds": (0.0, None), "additive": False,
                                             "cumulative": False}  # fmt: skip
    ind = pd.Series({"indicator_id": "n", "kind": "cumulative", "unit_zh": "家"})
    assert compute.forecast_options(ind)["cumulative"]


@pytest.mark.parametrize("bad", ["yes", 1, None])
def test_additive_must_be_a_bool(bad):
    y = pd.Series({2021: 35.0, 2022: 36.0})
    with pytest.raises(ValueError, match="additive must be True"):
        forecast(y, 3, additive=bad)
    with pytest.raises(ValueError, match="additive must be True"):
        forecast_panel(pd.DataFrame({"series_id": "a", "year": [2021, 2022], "value": [1, 2]}),
                       3, additive=bad)  # fmt: skip


def test_collection_anchor_counts_the_series_behind_each_component():
    rng = np.random.default_rng(8)
    df = _panel(rng, 30, 5)
    two = df[df["series_id"] < "s014"].groupby("series_id").head(2)  # 14 series of 2 points
    df = pd.concat([df[df["series_id"] >= "s014"], two])
    anchor, n_growth, n_spread = collection_anchor(df, return_counts=True)
    assert (n_growth, n_spread) == (30, 16)  # 2 points give a growth but no spread
    assert anchor == collection_anchor(df)
    # 30 series estimate the growth; 16 < MIN_COLLECTION keep the default's spread
    assert anchor.growth != core.DEFAULT_ANCHOR.growth
    assert anchor.spread == core.DEFAULT_ANCHOR.spread


# --------------------------------------------------------------------------- reliability
def _loop_reliability(series, g, S, n):
    """The regression of reliability_from, window by window with np.polyfit."""
    xs, ys = [], []
    k = n - 1
    for y in series:
        d = np.diff(y)
        for o in range(len(d) - k + 1):
            rest = np.r_[d[:o], d[o + k :]]
            if len(rest) < core.RELIABILITY_MIN_REST:
                continue
            c = core.RELIABILITY_FLOOR[core.REF_NS.index(n)]
            floor = core.RELIABILITY_EPS * S * S
            xs.append(np.log(np.mean((d[o : o + k] - g) ** 2) + c * S * S) - np.log(S * S))
            ys.append(np.log(np.mean((rest - g) ** 2) + floor) - np.log(S * S))
    lam, a = np.polyfit(xs, ys, 1)
    return a, lam


def test_reliability_is_the_least_squares_line_of_window_on_series_volatility():
    rng = np.random.default_rng(11)
    vol = np.exp(rng.normal(np.log(0.1), 0.8, 60))  # series differ in volatility
    series = [np.cumsum(0.05 + v * rng.standard_normal(int(rng.integers(6, 15)))) for v in vol]
    anchor = core.series_anchor(series)
    for n in core.REF_NS:
        expect = _loop_reliability(series, anchor.growth, anchor.spread, n)
        assert anchor.for_n(n) == pytest.approx(expect, rel=1e-9)


def test_reliability_is_higher_where_series_differ_in_volatility():
    """Alike series: a window's volatility is mostly noise; unlike ones: it carries over."""
    rng = np.random.default_rng(12)

    def collection(spread_of_vols):
        vol = np.exp(rng.normal(np.log(0.1), spread_of_vols, 300))
        return [np.cumsum(0.05 + v * rng.standard_normal(12)) for v in vol]

    alike, unlike = core.series_anchor(collection(0.05)), core.series_anchor(collection(1.0))
    for n in core.REF_NS:
        assert alike.for_n(n)[1] < 0.15 < 0.4 < unlike.for_n(n)[1]


def test_reliability_needs_enough_long_series_per_length():
    rng = np.random.default_rng(13)
    short = [np.cumsum(rng.standard_normal(5)) for _ in range(50)]  # 4 changes each
    anchor = core.series_anchor(short)
    assert anchor.for_n(2) != core.DEFAULT_ANCHOR.for_n(2)  # 1 change + 3 others: enough
    for n in (3, 4, 5, 6):  # too few other changes beside the window
        assert anchor.for_n(n) == core.DEFAULT_ANCHOR.for_n(n)
    few = core.series_anchor(short[: core.MIN_COLLECTION - 1])
    assert few.reliability == core.DEFAULT_ANCHOR.reliability


def test_a_window_trusted_fully_keeps_its_own_volatility():
    """With a = 0, lam = 1 and no floor the predicted variance is the window's own mean
    square; the floor c adds c * S**2 (a window is never taken for perfectly calm)."""
    U = np.log(np.array([[100.0, 112.0, 118.0], [100.0, 101.0, 130.0]]))
    d, v = core.ref_inputs(U, 0.05, 0.1, 0.0, 1.0, floor=0.0)
    m = np.mean((np.diff(U, axis=1) - 0.05) ** 2, axis=1)
    np.testing.assert_allclose(v, m + core.RELIABILITY_EPS * 0.01, rtol=1e-12)
    _, shipped = core.ref_inputs(U, 0.05, 0.1, 0.0, 1.0)  # n = 3: the shipped floor
    np.testing.assert_allclose(shipped, m + core.RELIABILITY_FLOOR[1] * 0.01, rtol=1e-12)
    _, v0 = core.ref_inputs(U, 0.05, 0.1, 0.0, 0.0)  # not trusted at all: the collection's
    np.testing.assert_allclose(v0, 0.01, rtol=1e-12)


def test_reliability_sse_is_the_residual_sum_of_squares_of_the_line():
    rng = np.random.default_rng(14)
    vol = np.exp(rng.normal(np.log(0.1), 0.6, 40))
    series = [np.cumsum(0.05 + v * rng.standard_normal(int(rng.integers(6, 12)))) for v in vol]
    anchor = core.series_anchor(series)
    sse = core.reliability_sse(core.reliability_stats(series, anchor.growth, anchor.spread))
    for j, n in enumerate(core.REF_NS):
        xs, ys = [], []
        k, S2, c = n - 1, anchor.spread**2, core.RELIABILITY_FLOOR[j]
        for y in series:
            d = (np.diff(y) - anchor.growth) ** 2
            for o in range(len(d) - k + 1):
                rest = np.r_[d[:o], d[o + k :]]
                if len(rest) >= core.RELIABILITY_MIN_REST:
                    xs.append(np.log(d[o : o + k].mean() / S2 + c))
                    ys.append(np.log(rest.mean() / S2 + core.RELIABILITY_EPS))
        lam, a = np.polyfit(xs, ys, 1)  # the least-squares line, whether or not the anchor
        resid = np.array(ys) - a - lam * np.array(xs)  # keeps it (fewer than 20 series)
        assert sse[j] == pytest.approx(float(resid @ resid), rel=1e-8)


def test_choose_floors_takes_the_best_fitting_floor_of_the_grid():
    rng = np.random.default_rng(15)
    collections = []
    for spread_of_vols in (0.3, 1.0):
        vol = np.exp(rng.normal(np.log(0.1), spread_of_vols, 60))
        collections.append([np.cumsum(0.05 + v * rng.standard_normal(10)) for v in vol])
    chosen = core.choose_floors(collections)
    total = np.zeros((len(core.FLOOR_GRID), len(core.REF_NS)))
    for series in collections:
        base = core.anchor_from(*core.series_growth_spread(series))
        for i, c in enumerate(core.FLOOR_GRID):
            floors = (c,) * len(core.REF_NS)
            stats = core.reliability_stats(series, base.growth, base.spread, floors)
            total[i] += core.reliability_sse(stats)
    assert chosen == tuple(core.FLOOR_GRID[i] for i in total.argmin(axis=0))
    assert all(c in core.FLOOR_GRID for c in core.RELIABILITY_FLOOR)


@pytest.mark.parametrize("floors", [(0.1,) * 4, (0.1, 0.1, np.nan, 0.1, 0.1), (-0.1,) * 5])
def test_bad_floors_are_a_clear_error(floors):
    for spread in (0.1, 0.0):  # a flat collection too, which measures nothing
        with pytest.raises(ValueError, match="floors needs one finite value >= 0 per n"):
            core.reliability_stats([np.arange(8.0)], 0.05, spread, floors)


def test_a_larger_latest_figure_does_not_lower_the_chance_of_a_level_above_it():
    """905 in 2020 and x in 2022 (2021 missing), x from 950 to 1,300: the chance of
    reaching 1,300 in 2023, 1,500 or 1,200 in 2025 rises with x. Without a floor under the
    window's own mean square, a figure whose growth was near the typical 6.2 % a year got
    the narrowest band, and x = 1,020 read P(1,500 in 2025) = 0.06 against 0.12 at 1,000."""
    xs = np.arange(950.0, 1301.0, 5.0)
    probs = {(2023, 1300): [], (2025, 1500): [], (2025, 1200): []}
    for x in xs:
        fc = forecast(pd.Series({2020: 905.0, 2022: x}), 3, bounds=(0, None))
        for (year, target), out in probs.items():
            out.append(prob_meeting(fc, year, target))
    for key, p in probs.items():
        assert np.all(np.diff(p) >= -1e-12), key


def test_a_larger_latest_share_does_not_lower_the_chance_of_a_share_above_it():
    """The additive model of shares the same way: 35.6 % in 2020 and x in 2022, x from 34 to
    42 points (before the floor P(at least 45 % in 2025) fell by up to 0.035 as x rose)."""
    probs = {(2023, 38.0): [], (2025, 40.0): [], (2025, 45.0): []}
    for x in np.arange(34.0, 42.01, 0.1):
        fc = forecast(pd.Series({2020: 35.6, 2022: x}), 3, bounds=(0, 100), additive=True)
        for (year, target), out in probs.items():
            out.append(prob_meeting(fc, year, target))
    for key, p in probs.items():
        assert np.all(np.diff(p) >= -1e-12), key


def test_more_trust_in_a_calm_window_narrows_its_interval():
    y = pd.Series({2020: 100.0, 2021: 106.0, 2022: 112.4})  # grows steadily near 6 %
    rel = core.DEFAULT_ANCHOR.reliability
    trusting = core.Anchor(0.0602, 0.1161, [(a, min(1.0, lam + 0.3)) for a, lam in rel])
    wide, narrow = forecast(y, 3), forecast(y, 3, reference=trusting)
    assert ((narrow["hi_80"] - narrow["lo_80"]) < (wide["hi_80"] - wide["lo_80"])).all()


@pytest.mark.parametrize(
    "reliability", [[(0.1, 0.2)] * 4, [(0.1, np.nan)] + [(0.1, 0.2)] * 4, [(0.1,)] * 5]
)
def test_a_bad_reliability_is_a_clear_error(reliability):
    with pytest.raises(ValueError, match="reference must be an Anchor|reliability needs"):
        forecast(pd.Series({2021: 1.0, 2022: 2.0}), 2, reference=(0.05, 0.1, reliability))


def test_an_anchor_still_unpacks_and_compares_as_a_pair_and_keeps_its_lines():
    import pickle

    rel = [(0.1 * i, 0.2 * i) for i in range(1, 6)]
    a = core.Anchor(0.05, 0.1, rel)
    g, s = a
    assert (g, s) == (0.05, 0.1) and a == (0.05, 0.1) and len(a) == 2
    assert a.for_n(3) == (0.2, 0.4) and "reliability=" in repr(a)
    assert a != core.Anchor(0.05, 0.1)  # other lines: another anchor
    assert core.Anchor(*core.DEFAULT_ANCHOR) == core.DEFAULT_ANCHOR  # None means the default's
    back = pickle.loads(pickle.dumps(a))  # worker processes get the lines too
    assert back == a and back.reliability == a.reliability
    assert forecast(pd.Series({2021: 1.0, 2022: 1.3}), 2, reference=back).equals(
        forecast(pd.Series({2021: 1.0, 2022: 1.3}), 2, reference=a)
    )


def test_a_panel_of_flat_series_stays_flat_with_its_own_anchor():
    """Zero typical volatility (every series exactly flat): no NaN, no warning, a flat median
    and the narrow band of the least anchor spread."""
    flat = pd.DataFrame([(i, 2015 + t, 100.0) for i in range(25) for t in range(6)],
                        columns=["series_id", "year", "value"])  # fmt: skip
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = forecast_panel(flat, 2, reference="panel")
    assert np.isfinite(out.drop(columns=["series_id", "scale"]).to_numpy(float)).all()
    np.testing.assert_allclose(out["mean"].to_numpy(float), 100.0, rtol=1e-3)
    np.testing.assert_allclose(out[["lo_95", "hi_95"]].to_numpy(float), 100.0, rtol=0.01)


def test_a_kind_too_small_for_a_line_does_not_vote_with_the_shipped_default():
    """The leave-one-kind-out default averages only the lines the kinds can measure: a kind
    whose series are too short for n = 6 used to add the shipped default's line there,
    fitted on every kind, the held-out one included."""
    rng = np.random.default_rng(16)

    def kind(length):
        vol = np.exp(rng.normal(np.log(0.1), 0.7, 40))
        series = [np.cumsum(0.05 + v * rng.standard_normal(length)) for v in vol]
        return [(y, y) for y in series]

    long, short = kind(12), kind(8)  # 7 changes: lines up to n = 5 (3 others beside it)
    both = calibration.default_anchor([long, short])
    alone = calibration.default_anchor([long])
    assert both.for_n(6) == alone.for_n(6) != core.DEFAULT_ANCHOR.for_n(6)
    assert both.for_n(2) != alone.for_n(2)  # where both can measure, both vote
    fold = calibration.anchored_windows(short, 6, "full", default=alone)[2]
    assert (fold[2][0], fold[3][0]) == pytest.approx(alone.for_n(6))  # its fold's line
