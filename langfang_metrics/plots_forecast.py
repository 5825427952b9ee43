"""Charts of forecast distributions: fan chart of planning levels and reliability diagram.

Same conventions as :mod:`langfang_metrics.plots`: every function takes ``ax=None`` (a new
figure in the house style when omitted), returns the figure, and takes its texts from the
label table in ``lang`` ("zh" or "en").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .forecast import quantile_at
from .labels import label
from .plots import (
    _draw_milestones,
    _fmt,
    _new_axes,
    _ThousandsFormatter,
    draw_bands,
    set_unit_label,
)
from .views import fmt_level, level_decimals

_FIGSIZE = (6.5, 4.4)
#: A square plot with its legend beside it.
_FIGSIZE_SQUARE_LEGEND = (7.8, 4.8)
_BLUE = "#1f5fa8"
_GREY = "#555555"


def _styled(func):
    """Draw inside the house style of ``lang`` (texts keep its fonts when saved later)."""

    @functools.wraps(func)
    def wrapper(*args, lang: str = "zh", **kwargs):
        with style.house_style(lang) as resolved:
            return func(*args, lang=resolved, **kwargs)

    return wrapper


@_styled
def fan_chart(
    history: pd.Series,
    fc: pd.DataFrame,
    *,
    probs: Sequence[float] = (0.5, 0.8, 0.95),
    name: str = "",
    comparison: str = ">=",
    statuses: Mapping[int, str] | None = None,
    unit: str = "",
    milestones: pd.DataFrame | None = None,
    calibrated_until: int | None = None,
    decimals: int | None = None,
    lang: str = "zh",
    ax: Axes | None = None,
) -> Figure:
    """Observed values, 80 %/95 % prediction bands and the planning levels of a forecast.

    Parameters
    ----------
    history : pandas.Series
        Observed values indexed by year.
    fc : pandas.DataFrame
        A :func:`langfang_metrics.forecast.forecast` frame with ``lo_80/hi_80`` and
        ``lo_95/hi_95`` columns.
    probs : sequence of float
        Probabilities p whose planning levels (the level reached *at least* with probability
        p, :func:`~langfang_metrics.forecast.quantile_at`) are drawn as lines.
    name : str
        Indicator name for the title (already in ``lang``).
    comparison : {">=", "<="}
        ">=": the levels reached at least with probability p; "<=" (an indicator to bring
        down): the levels stayed under with probability p, as ``gaps.planning_levels`` reads
        them.
    statuses : mapping of year -> status, optional
        Each observed figure's status (``final``, ``estimate``, ...): a figure that is not
        final is drawn with its own marker and named in the legend, as the trajectory chart
        draws it (an estimate had read as an actual). Default: every figure final.
    unit : str
        The indicator's unit in ``lang``, the y-axis label.
    milestones : DataFrame, optional
        The indicator's targets (``year``, ``value``, ``comparison``), marked as the
        trajectory chart marks them (a fan drawn without 1,300 and 1,500 left the reader to
        hold them in mind: the notebook reader's review).
    calibrated_until : int, optional
        The last year the forecast's ranges were checked for (the latest figure's year plus
        ``_forecast_core.REF_HORIZONS``): the years after it are shaded and named as
        extrapolated.
    decimals : int, optional
        Decimals of the levels' labels, each rounded the way its table rounds it
        (``views.fmt_level``: an "at least" level down, an "at most" one up), so the chart
        says the table's 2,137 and not 2,138; default: each by its size.
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if comparison not in (">=", "<="):
        raise ValueError(f"comparison must be '>=' or '<=', got {comparison!r}")
    down = comparison == "<="
    for col in ("lo_80", "hi_80", "lo_95", "hi_95"):
        if col not in fc.columns:
            raise ValueError(f"forecast frame lacks column {col!r}; it has {list(fc.columns)}")
    fig, ax, _ = _new_axes(ax, _FIGSIZE)
    h = pd.Series(history).dropna().sort_index()
    years = fc.index.to_numpy()
    # bands start at the last observation so the fan opens from it
    x0 = np.r_[h.index[-1], years] if len(h) else years
    v0 = [float(h.iloc[-1])] if len(h) else []
    cols = {c: np.r_[v0, fc[c].to_numpy(float)] for c in ("lo_95", "lo_80", "hi_80", "hi_95")}
    draw_bands(ax, x0, cols, _BLUE, alpha95=0.18, alpha80=1 - (1 - 0.18) * (1 - 0.32),
               labels=(label("fcplot.band_80", lang), label("fcplot.band_95", lang)))  # fmt: skip
    styles = ("-", "--", ":", "-.")
    for i, p in enumerate(probs):
        q = [float(quantile_at(fc, int(y), [1 - p if down else p]).iloc[0]) for y in years]
        ax.plot(x0, np.r_[v0, q], color=_BLUE, ls=styles[i % len(styles)], lw=1.4,
                label=label("fcplot.level_p_at_most" if down else "fcplot.level_p", lang,
                            p=p))  # fmt: skip
        text = (_fmt(q[-1]) if decimals is None
                else fmt_level(q[-1], decimals, lang, way="up" if down else "down"))  # fmt: skip
        ax.annotate(text, (years[-1], q[-1]), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    if len(h):
        _draw_history(ax, h, dict(statuses or {}), lang)
    if calibrated_until is not None and len(years) and years[-1] > calibrated_until:
        ax.axvspan(calibrated_until + 0.5, years[-1] + 0.5, color="#888888", alpha=0.12, lw=0,
                   label=label("fcplot.extrapolated", lang, year=int(calibrated_until)),
                   gid="extrapolated", zorder=0)  # fmt: skip
    handles, texts = map(list, ax.get_legend_handles_labels())
    if milestones is not None and len(milestones):
        _draw_milestones(ax, milestones.assign(indicator_id=""), "", lang, handles, texts)
    ax.set_xlabel(label("fcplot.year", lang))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.yaxis.set_major_formatter(_ThousandsFormatter())  # 7,000 as the level labels write it
    if name:
        ax.set_title(label("fcplot.fan_title", lang, name=name))
    if unit:  # after the title, which a Chinese unit moves up
        set_unit_label(ax, unit, lang)
    ax.legend(handles, texts, loc="upper left", fontsize=8, frameon=False)
    return fig


def _draw_history(ax: Axes, h: pd.Series, statuses: dict, lang: str) -> None:
    """The observed line, each figure marked by its status (``style.OBS_MARKERS``): final
    ones as the legend's "Actual", the others hollow and named ("Estimate")."""
    from .labels import obs_status_label

    ax.plot(h.index, h.to_numpy(float), color=_GREY, lw=1.6)
    status = pd.Series([statuses.get(int(y), "final") for y in h.index], index=h.index)
    for code in dict.fromkeys(["final", *status]):
        part = h[status == code]
        if part.empty:
            continue
        marker, filled = style.OBS_MARKERS.get(code, ("o", True))
        text = label("fcplot.observed", lang) if code == "final" else obs_status_label(code, lang)
        ax.plot(part.index, part.to_numpy(float), ls="none", marker=marker,
                markersize=style.obs_marker_size(code),
                markeredgewidth=1.2, color=_GREY, markerfacecolor=_GREY if filled else "white",
                label=text, zorder=4)  # fmt: skip


def _ece(p: np.ndarray, y: np.ndarray, bins: int) -> tuple[float, pd.DataFrame]:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    frame = pd.DataFrame({"bin": idx, "p": p, "y": y})
    g = frame.groupby("bin", sort=True).agg(p=("p", "mean"), y=("y", "mean"), n=("p", "size"))
    ece = float(np.sum(g["n"] * np.abs(g["p"] - g["y"])) / max(len(p), 1))
    return ece, g


def reliability_table(p, y, bins: int = 10, *, series=None, level: float = 0.95) -> pd.DataFrame:
    """Per-bin mean predicted probability, observed frequency and count (10 equal bins).

    Parameters
    ----------
    p : array-like
        Predicted probabilities in [0, 1].
    y : array-like
        Outcomes, 1 (event happened) or 0.
    bins : int
    series : array-like, optional
        The series each event comes from (e.g. indicator and region). When given, each bin
        gets an interval that treats the series, not the events, as the independent units:
        the growth thresholds, horizons and origins of one series share its path, so a few
        series carry far less information than their many events suggest.
    level : float, default 0.95
        Central probability of the intervals.

    Returns
    -------
    pandas.DataFrame
        Index ``bin``; columns ``p``, ``y``, ``n``; ``attrs["ece"]`` holds the
        bin-size-weighted mean of ``|p - y|``. With ``series`` also ``y_lo``, ``y_hi`` (the
        ``level`` interval of the bin's frequency with the series as units: cluster-robust,
        and never narrower than the Wilson interval counting each of the bin's series once),
        ``series`` (how many series the bin's events come from) and ``attrs["series"]`` (how
        many in all).
    """
    p, y = np.asarray(p, float), np.asarray(y, float)
    if p.shape != y.shape:
        raise ValueError(f"p and y must have the same shape, got {p.shape} and {y.shape}")
    if np.any((p < 0) | (p > 1)) or not np.all(np.isfinite(p)):
        raise ValueError("probabilities must be finite and between 0 and 1")
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("outcomes must be 1 (the event happened) or 0, with none missing")
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or bins < 1:
        raise ValueError(f"bins must be a whole number of 1 or more, got {bins!r}")
    if not 0 < level < 1:
        raise ValueError(f"level is a probability strictly between 0 and 1, got {level!r}")
    ece, g = _ece(p, y, bins)
    g.attrs["ece"] = ece
    if series is not None:
        series = np.asarray(series)
        if series.shape != p.shape:
            raise ValueError(f"series must label every event: {series.shape} for {p.shape}")
        if pd.isna(series).any():
            raise ValueError("series must label every event; some labels are missing")
        series = series.astype(str)
        _series_intervals(g, p, y, series, bins, level)
    return g


def _wilson(share: np.ndarray, n: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion ``share`` observed on ``n`` units."""
    from statistics import NormalDist

    z2 = NormalDist().inv_cdf((1 + level) / 2) ** 2
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = np.sqrt(z2 * share * (1 - share) / n + z2 * z2 / (4 * n * n)) / (1 + z2 / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def _series_intervals(g, p, y, series, bins: int, level: float) -> None:
    """Add the by-series intervals to a :func:`reliability_table` frame, in place.

    A bin's observed frequency is a ratio of sums over series, ``sum(hits) / sum(events)``;
    its variance with the series as independent units is the cluster-robust (linearised)
    variance of a ratio estimator, ``G/(G-1) * sum_s (hits_s - share * events_s)^2 /
    events^2`` over the bin's ``G`` series (Cochran 1977, ch. 6; Cameron & Miller 2015). The
    interval is the wider of the normal interval on it and the Wilson interval with each of
    the bin's series counted once: with few series, or when every event of a bin went the
    same way (the cluster variance is then 0), the Wilson bound keeps the interval from
    claiming more than the number of series can say. A formula, not a resampling: the same
    numbers on every run.
    """
    from statistics import NormalDist

    codes = np.unique(np.asarray(series), return_inverse=True)[1].ravel()
    G = int(codes.max()) + 1 if codes.size else 0
    cell = codes * bins + np.minimum((p * bins).astype(int), bins - 1)
    hits = np.bincount(cell, weights=y, minlength=G * bins).reshape(G, bins)[:, g.index]
    events = np.bincount(cell, minlength=G * bins).reshape(G, bins)[:, g.index]
    share = g["y"].to_numpy(float)
    k = (events > 0).sum(axis=0)  # series with events in each bin
    resid = hits - share * events
    with np.errstate(invalid="ignore", divide="ignore"):
        var = k / (k - 1) * (resid**2).sum(axis=0) / events.sum(axis=0) ** 2
    half = NormalDist().inv_cdf((1 + level) / 2) * np.sqrt(np.where(k > 1, var, np.inf))
    wilson_lo, wilson_hi = _wilson(share, k.astype(float), level)
    g["series"] = k
    g["y_lo"] = np.minimum(np.clip(share - half, 0, 1), wilson_lo)
    g["y_hi"] = np.maximum(np.clip(share + half, 0, 1), wilson_hi)
    g.attrs["series"] = G


@_styled
def reliability_diagram(
    p,
    y,
    *,
    groups: Mapping[str, tuple] | None = None,
    series=None,
    bins: int = 10,
    title: str | None = None,
    lang: str = "zh",
    ax: Axes | None = None,
) -> Figure:
    """Reliability diagram: observed frequency against predicted probability, per bin.

    Parameters
    ----------
    p, y : array-like
        Predicted probabilities and 0/1 outcomes, pooled (drawn as the bold line).
    groups : mapping of name -> (p, y) or (p, y, series), optional
        Sub-samples (e.g. per series length) drawn as thin lines. Each is named in the
        legend with its own ECE and number of events (and series, when given): the pooled
        ECE can be the smallest of all, its sub-samples' errors cancelling.
    series : array-like, optional
        The series each pooled event comes from; draws each bin's 95 % interval with the
        series as units (:func:`reliability_table`) as a vertical bar, so a reader sees
        which departures from the diagonal the data can tell from chance.
    bins : int, default 10
    title : str, optional
        Title; default the label "reliability diagram".
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax, _ = _new_axes(ax, _FIGSIZE_SQUARE_LEGEND)
    ax.plot([0, 1], [0, 1], color="#999999", ls="--", lw=1, label=label("fcplot.perfect", lang))
    cmap = plt.get_cmap("viridis")
    for i, (name, group) in enumerate((groups or {}).items()):
        gp, gy, *gs = group
        t = reliability_table(gp, gy, bins)
        ax.plot(t["p"], t["y"], marker=".", lw=0.9, alpha=0.8,
                color=cmap(i / max(len(groups) - 1, 1)),
                label=_group_label(str(name), t, gs[0] if gs else None, lang))  # fmt: skip
    t = reliability_table(p, y, bins, series=series)
    ax.plot(t["p"], t["y"], color="black", marker="o", lw=2,
            label=_group_label(label("fcplot.all", lang), t, series, lang))  # fmt: skip
    if series is not None:
        ax.vlines(t["p"], t["y_lo"], t["y_hi"], color="black", lw=1.2, alpha=0.55,
                  label=label("fcplot.series_bars", lang, n=t.attrs["series"]))  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(label("fcplot.predicted", lang))
    ax.set_title(title if title is not None else label("fcplot.reliability_title", lang))
    set_unit_label(ax, label("fcplot.observed_freq", lang), lang)  # after the title it moves
    # beside the square, not on it: miscalibrated curves and their bars fill any corner
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)
    return fig


@_styled
def reliability_panels(
    p,
    y,
    *,
    groups: Mapping[str, tuple],
    series=None,
    bins: int = 10,
    lang: str = "zh",
) -> Figure:
    """The reliability diagram with one small panel per group beside the pooled one.

    Seven groups (n = 2 … 8 figures at the origin) drawn as seven thin lines on one square
    crossed each other and named themselves in a 7-point legend, and the square filled a
    third of a 1,400 px page (the statistician's review). Here the pooled diagram
    (:func:`reliability_diagram`, with its bars by series) takes the left, and each group
    has its own panel: its line and, when its events' series are given, its bars by series,
    over the pooled line in grey; the panel's title names its ECE, events and series.

    Parameters
    ----------
    p, y : array-like
        Predicted probabilities and 0/1 outcomes, pooled.
    groups : mapping of name -> (p, y) or (p, y, series)
        As in :func:`reliability_diagram`; none: that diagram alone.
    series : array-like, optional
        The series of each pooled event (the pooled panel's bars).
    bins : int, default 10
    lang : {"zh", "en"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .plots import _wrap

    groups = dict(groups or {})
    if not groups:
        return reliability_diagram(p, y, series=series, bins=bins, lang=lang)
    cols = -(-len(groups) // 2)  # two rows of small panels
    fig = plt.figure(figsize=(5.2 + 2.3 * cols, 6.4), layout="constrained")
    grid = fig.add_gridspec(2, 1 + cols, width_ratios=[2.2] + [1] * cols)
    big = fig.add_subplot(grid[:, 0])
    reliability_diagram(p, y, series=series, bins=bins, lang=lang, ax=big)
    # under the square: beside it the legend would sit on the small panels
    handles, texts = big.get_legend_handles_labels()
    handles.append(Line2D([], [], color="#bbbbbb", lw=1.2))
    texts.append(label("fcplot.pooled_in_panels", lang))
    big.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.0, -0.12), fontsize=8,
               frameon=False)  # fmt: skip
    pooled = reliability_table(p, y, bins)
    cmap = plt.get_cmap("viridis")
    for i, (name, group) in enumerate(groups.items()):
        ax = fig.add_subplot(grid[i // cols, 1 + i % cols])  # n = 2, 3, 4 along the top
        gp, gy, *gs = group
        t = reliability_table(gp, gy, bins, series=gs[0] if gs else None)
        colour = cmap(0.85 * i / max(len(groups) - 1, 1))  # viridis' pale yellow end left out
        ax.plot([0, 1], [0, 1], color="#999999", ls="--", lw=0.8)
        ax.plot(pooled["p"], pooled["y"], color="#bbbbbb", lw=1.2, gid="pooled")
        ax.plot(t["p"], t["y"], color=colour, marker="o", markersize=3, lw=1.4, gid="group")
        if gs:
            ax.vlines(t["p"], t["y_lo"], t["y_hi"], color=colour, lw=1.0, alpha=0.6,
                      gid="group-bars")  # fmt: skip
        ax.set(xlim=(0, 1), ylim=(0, 1), xticks=[0, 0.5, 1], yticks=[0, 0.5, 1])
        ax.set_aspect("equal")
        ax.tick_params(labelsize=7)
        # the group's name on a line of its own, what it rests on under it
        said = _group_label(str(name), t, gs[0] if gs else None, lang)
        rest = said[len(str(name)) :].lstrip("：: ")
        ax.set_title(f"{name}\n" + _wrap(rest, lang, width_en=36, width_zh=16), fontsize=8)
    return fig


def _group_label(name: str, t: pd.DataFrame, series, lang: str) -> str:
    """ "n = 2: ECE = 0.120 (138 events, 8 series)": a line of a reliability diagram with
    what it rests on."""
    events = int(t["n"].sum())
    n_series = None if series is None else int(pd.Series(np.asarray(series)).nunique())
    counts = label("fcplot.events", lang, n=events) + (
        "" if n_series is None else label("fcplot.and_series", lang, n=n_series)
    )
    return label("fcplot.group", lang, name=name, ece=t.attrs["ece"], counts=counts)


def indicator_fan_chart(
    observations: pd.DataFrame,
    forecasts: pd.DataFrame,
    *,
    indicator_id: str,
    indicators: pd.DataFrame | None = None,
    probs: Sequence[float] = (0.5, 0.8, 0.95),
    targets: pd.DataFrame | None = None,
    lang: str = "zh",
    ax: Axes | None = None,
) -> Figure:
    """:func:`fan_chart` of one indicator from the suite's tidy frames.

    Parameters
    ----------
    observations : DataFrame
        Observations contract; the home region's best figure per year is the history.
    forecasts : DataFrame
        Tidy forecasts (``compute.forecast_all``); the latest ``as_of`` is drawn, read on
        the scale its method forecasts on (as ``gaps.planning_levels`` reads it).
    indicator_id : str
    indicators : DataFrame, optional
        For the indicator's name (``name_zh``/``name_en``) in the title.
    targets : DataFrame, optional
        The registry's targets (``indicator_id, year, value, comparison``): the indicator's
        are marked, an average growth rate as the level it asks for
        (:func:`milestone_levels`). The years more than ``REF_HORIZONS`` after the forecast's origin
        (:func:`gaps.forecast_origin`; the history's last year without one) are shaded
        as extrapolated.
    probs, lang, ax
        As in :func:`fan_chart`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .gaps import _fc_for
    from .series import select_series

    sub = forecasts[forecasts["indicator_id"] == indicator_id]
    if sub.empty:
        raise ValueError(f"no forecast for indicator {indicator_id!r}")
    fc = _fc_for(sub, indicator_id)  # the latest origin's
    name, lang = "", style.resolve_lang(lang)
    if indicators is not None:
        rows = indicators[indicators["indicator_id"] == indicator_id]
        if not rows.empty:
            other = "en" if lang == "zh" else "zh"
            for key in (f"name_{lang}", f"name_{other}"):
                value = rows.iloc[0].get(key)
                if isinstance(value, str) and value.strip() and style.can_draw(value):
                    name = value.strip()
                    break
    history = select_series(observations, indicator_id)
    statuses = {int(y): str(v) for y, v in history.attrs.get("status", {}).items()}
    unit = ""
    if indicators is not None and f"unit_{lang}" in indicators:
        units = indicators.loc[indicators["indicator_id"] == indicator_id, f"unit_{lang}"]
        unit = str(units.iloc[0]) if len(units) and isinstance(units.iloc[0], str) else ""
    down = (
        indicators is not None
        and "direction" in indicators
        and (
            indicators.loc[indicators["indicator_id"] == indicator_id, "direction"] == "decrease"
        ).any()
    )  # an indicator to bring down: levels stayed under, as planning_levels gives them
    from ._forecast_core import REF_HORIZONS

    own = None
    if targets is not None and len(targets):
        own = milestone_levels(targets[targets["indicator_id"] == indicator_id], indicators,
                               observations)  # fmt: skip
    # the years checked run from the forecast's origin, as the planning table's note counts
    # them (gaps.forecast_origin); the history's last year without one
    from .gaps import forecast_origin

    origin = forecast_origin(sub, indicator_id)
    origin = origin if origin is not None else (int(history.index.max()) if len(history) else None)
    until = origin + REF_HORIZONS if origin is not None else None
    # the levels' labels as the planning table prints them (views.level_decimals)
    levels = pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "level": [
                float(quantile_at(fc, int(fc.index[-1]), [1 - p if down else p]).iloc[0])
                for p in probs
            ],
        }
    )
    decimals = None
    if indicators is not None:  # with the latest figure's decimals, as views.planning_decimals
        latest = [float(history.iloc[-1])] if len(history) else []
        both = pd.concat([levels, pd.DataFrame({"indicator_id": indicator_id, "actual": latest})],
                         ignore_index=True)  # fmt: skip
        decimals = int(level_decimals(both, indicators).iloc[0])
    return fan_chart(history, fc, probs=probs, name=name, comparison="<=" if down else ">=",
                     statuses=statuses, unit=unit, milestones=own, calibrated_until=until,
                     decimals=decimals, lang=lang, ax=ax)  # fmt: skip


def milestone_levels(
    targets: pd.DataFrame, indicators: pd.DataFrame | None, observations: pd.DataFrame | None
) -> pd.DataFrame:
    """One indicator's targets as levels on its chart's axis.

    A growth-rate target (10 % a year) is a rate, not a level: drawn as it stands it put a
    "≥10" star on an axis of 54–160 亿元 (the statistician's review). It becomes the level
    its path reaches by the milestone year (:func:`trajectories.target_level` from
    :func:`trajectories.path_anchor`, 79.1 亿元 in 2025 from 2021's 54.03), the rate kept in
    ``rate`` for the label; without an anchor it has no honest level and is left off.

    Parameters
    ----------
    targets : DataFrame
        The indicator's rows of the registry's targets (``indicator_id, year, value``).
    indicators : DataFrame, optional
        The registry, for the indicator's ``kind`` and baseline; without it (or without the
        indicator in it) the targets are taken as levels.
    observations : DataFrame, optional
        Observations contract, for a path started at the first figure.

    Returns
    -------
    DataFrame
        ``targets`` with ``value`` a level; a growth rate's with its ``rate`` beside it.
    """
    from .trajectories import path_anchor, target_level

    if targets.empty or indicators is None or "kind" not in indicators:
        return targets
    ids = targets["indicator_id"].unique()
    rows = indicators[indicators["indicator_id"].isin(ids)]
    if rows.empty or not (rows["kind"] == "growth_rate").any():
        return targets
    ind = rows.iloc[0]
    anchor = path_anchor(ind, observations)
    levels = [target_level("growth_rate", float(v), int(y), anchor)
              for y, v in zip(targets["year"], targets["value"], strict=True)]  # fmt: skip
    out = targets.assign(rate=targets["value"].astype(float), value=levels)
    return out[np.isfinite(out["value"].astype(float))]
