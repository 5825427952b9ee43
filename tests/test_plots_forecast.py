"""Fan chart and reliability diagram: what they draw, in Chinese and English."""

from __future__ import annotations

import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import unit_clashes
from matplotlib.text import Text

from langfang_metrics import compute, gaps, plots, plots_forecast, style
from langfang_metrics.forecast import forecast, quantile_at
from langfang_metrics.labels import label

HAS_CJK = style.find_cjk_font() is not None
CJK = re.compile(r"[\u4e00-\u9fff]")
HTE = pd.Series({2020: 905.0, 2022: 1258.0})


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def draw_strict(fig) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fan_chart_draws_bands_levels_and_history(lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font installed")
    fc = forecast(HTE, 8, bounds=(0, None))
    fig = plots_forecast.fan_chart(HTE, fc, name="HTE", lang=lang)
    draw_strict(fig)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().texts]
    assert len(legend) == 2 + 3 + 1  # two bands, three planning levels, observed
    q95 = quantile_at(fc, 2030, [0.95]).iloc[0]
    assert f"{q95:,.0f}" in texts(fig)
    assert bool(CJK.search(" ".join(legend))) == (lang == "zh")
    plt.close(fig)


def test_fan_chart_labels_small_levels_with_their_decimals():
    """A density of 1.65-3 per 10,000 people: the end labels keep two decimals, not '3'."""
    y = pd.Series({2020: 1.65, 2022: 3.0})
    fc = forecast(y, 8, bounds=(0, None))
    fig = plots_forecast.fan_chart(y, fc, lang="en")
    shown = texts(fig)
    for p in (0.5, 0.8, 0.95):
        q = quantile_at(fc, 2030, [p]).iloc[0]
        assert q < 10 and f"{q:.2f}".rstrip("0").rstrip(".") in shown
    plt.close(fig)


def test_fan_chart_needs_both_interval_levels():
    fc = forecast(HTE, 3, levels=(80,))
    with pytest.raises(ValueError, match="lo_95"):
        plots_forecast.fan_chart(HTE, fc)


def test_reliability_table_and_ece():
    p = np.array([0.05, 0.05, 0.95, 0.95, 0.55])
    y = np.array([0.0, 1.0, 1.0, 1.0, 0.0])
    t = plots_forecast.reliability_table(p, y)
    assert list(t.index) == [0, 5, 9]
    assert t.loc[0, "y"] == 0.5 and t.loc[9, "n"] == 2
    assert t.attrs["ece"] == pytest.approx((2 * 0.45 + 0.55 + 2 * 0.05) / 5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        plots_forecast.reliability_table([1.2], [1.0])


def test_reliability_intervals_count_series_not_events():
    # 15 series of 200 events each; a series runs above or below its probabilities as a
    # whole (a shared shock), so its events are not independent
    rng = np.random.default_rng(2)
    p = rng.uniform(size=3000)
    shock = np.repeat(rng.normal(0.0, 0.2, size=15), 200)
    y = (rng.uniform(size=3000) < np.clip(p + shock, 0, 1)).astype(float)
    few = plots_forecast.reliability_table(p, y, series=np.repeat(np.arange(15), 200))
    many = plots_forecast.reliability_table(p, y, series=np.arange(3000))
    assert few.attrs["series"] == 15 and many.attrs["series"] == 3000
    assert few[["p", "y", "n"]].equals(plots_forecast.reliability_table(p, y)[["p", "y", "n"]])
    for t in (few, many):
        assert ((t["y_lo"] <= t["y"]) & (t["y"] <= t["y_hi"])).all()
    # the same events read as 15 dependent series say less than 3,000 independent ones
    w_few, w_many = few["y_hi"] - few["y_lo"], many["y_hi"] - many["y_lo"]
    assert (w_few > w_many).all() and w_few.mean() > 1.5 * w_many.mean()
    again = plots_forecast.reliability_table(p, y, series=np.repeat(np.arange(15), 200))
    assert few.equals(again)
    empty = plots_forecast.reliability_table([], [], series=[])
    assert empty.empty and {"y_lo", "y_hi", "series"} <= set(empty.columns)
    with pytest.raises(ValueError, match="series must label every event"):
        plots_forecast.reliability_table(p, y, series=np.arange(10))


def test_reliability_interval_is_the_cluster_robust_interval_of_a_ratio():
    # one bin, three series with 5, 1 and 9 hits in 10 events each: share 15/30 = 0.5,
    # residuals 0, -4, +4; variance 3/2 * 32 / 30^2 = 0.0533, half-width 1.96 * 0.2309
    p = np.full(30, 0.45)
    y = np.r_[np.ones(5), np.zeros(5), np.ones(1), np.zeros(9), np.ones(9), np.zeros(1)]
    t = plots_forecast.reliability_table(p, y, series=np.repeat(["a", "b", "c"], 10))
    half = 1.959964 * np.sqrt(1.5 * 32 / 900)
    assert t.loc[4, "y"] == 0.5 and t.loc[4, "series"] == 3
    assert t.loc[4, "y_lo"] == pytest.approx(0.5 - half) and t.loc[4, "y_hi"] == pytest.approx(
        0.5 + half
    )
    # the same events as 30 one-event series: the binomial-like interval of 30 units
    t30 = plots_forecast.reliability_table(p, y, series=np.arange(30))
    assert t30.loc[4, "y_hi"] - t30.loc[4, "y_lo"] < 0.4 < 2 * half


def test_reliability_interval_of_a_unanimous_bin_counts_each_series_once():
    # 60 events in the 70-80 % bin, all met, from 3 series: the series-to-series variance
    # is 0, but 3 series that all met say little - the Wilson interval for 3 of 3
    p = np.r_[np.full(60, 0.75), np.full(40, 0.05)]
    y = np.r_[np.ones(60), np.zeros(40)]
    series = np.r_[np.repeat(["a", "b", "c"], 20), np.repeat(["d", "e"], 20)]
    t = plots_forecast.reliability_table(p, y, series=series)
    assert t.loc[7, "series"] == 3 and t.loc[0, "series"] == 2
    assert t.loc[7, "y_hi"] == 1.0 and t.loc[7, "y_lo"] == pytest.approx(0.4385, abs=1e-4)
    assert t.loc[0, "y_lo"] == 0.0 and t.loc[0, "y_hi"] == pytest.approx(0.6576, abs=1e-4)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reliability_diagram_draws_groups_ece_and_series_intervals(lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font installed")
    rng = np.random.default_rng(0)
    p = rng.uniform(size=500)
    y = (rng.uniform(size=500) < p).astype(float)
    groups = {"a": (p[:250], y[:250])}
    fig = plots_forecast.reliability_diagram(p, y, groups=groups, lang=lang)
    draw_strict(fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().texts]
    # each line names its own ECE and events (the pooled one had been the only ECE shown,
    # and the most flattering: its groups' errors cancel)
    ece_a = plots_forecast.reliability_table(p[:250], y[:250]).attrs["ece"]
    assert len(legend) == 3 and legend[1] == label(
        "fcplot.group", lang, name="a", ece=ece_a, counts=label("fcplot.events", lang, n=250)
    )
    ece = plots_forecast.reliability_table(p, y).attrs["ece"]
    assert f"{ece:.3f}" in legend[2] and label("fcplot.events", lang, n=500) in legend[2]
    assert not fig.axes[0].collections  # no bars without series
    plt.close(fig)
    series = np.repeat(["a", "b", "c", "d", "e"], 100)
    groups = {"a": (p[:250], y[:250], series[:250])}  # a group's series are counted too
    fig = plots_forecast.reliability_diagram(p, y, groups=groups, series=series, lang=lang)
    draw_strict(fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().texts]
    assert label("fcplot.and_series", lang, n=3) in legend[1]
    assert label("fcplot.and_series", lang, n=5) in legend[2]
    assert legend[-1] == label("fcplot.series_bars", lang, n=5)  # names how many series
    bars = [c for c in fig.axes[0].collections if c.get_label() == legend[-1]]
    assert len(bars) == 1 and len(bars[0].get_segments()) == 10  # one bar per bin
    plt.close(fig)


def test_indicator_fan_chart_reads_the_suite_forecasts():
    r = compute.load_results(None)
    iid = "high_tech_enterprises"
    fig = plots_forecast.indicator_fan_chart(
        r.observations, r.forecasts, indicator_id=iid, indicators=r.indicators, lang="en"
    )
    level95 = r.planning.query("indicator_id == @iid and probability == 0.95")["level"].iloc[0]
    assert f"{level95:,.0f}" in texts(fig)
    plt.close(fig)
    with pytest.raises(ValueError, match="no forecast"):
        plots_forecast.indicator_fan_chart(r.observations, r.forecasts, indicator_id="nope")
    # an indicator to bring down: the levels it stays under, as planning_levels gives them
    # (the chart drew "at least" 32.85 where the table said "at most" 69.56)
    down = r.indicators.assign(direction=np.where(r.indicators["indicator_id"] == iid,
                                                  "decrease", "increase"))  # fmt: skip
    ceilings = gaps.planning_levels(r.forecasts, year=2030, indicators=down)
    fig = plots_forecast.indicator_fan_chart(
        r.observations, r.forecasts, indicator_id=iid, indicators=down, lang="en"
    )
    at_most = ceilings.query("indicator_id == @iid and probability == 0.95")["level"].iloc[0]
    assert f"{at_most:,.0f}" in texts(fig) and f"{level95:,.0f}" not in texts(fig)
    assert any("stayed under" in t for t in texts(fig))
    plt.close(fig)
    with pytest.raises(ValueError, match="comparison must be"):
        plots_forecast.fan_chart(pd.Series([1.0, 2.0], index=[2021, 2022]),
                                 gaps._fc_for(r.forecasts, iid), comparison="==")  # fmt: skip


def test_a_fan_chart_marks_an_estimate_as_one_and_names_its_unit():
    """Patents per 10,000 people: 1.65 (2020, final), 3 (2022, estimate). The fan chart drew
    the estimate as an actual and its y-axis had no unit."""
    from langfang_metrics.labels import obs_status_label

    r = compute.load_results(None)
    fig = plots_forecast.indicator_fan_chart(r.observations, r.forecasts,
                                             indicator_id="high_value_patents_per_10k",
                                             indicators=r.indicators, lang="en")  # fmt: skip
    ax = fig.axes[0]
    handles, names = ax.get_legend_handles_labels()
    marks = dict(zip(names, handles, strict=True))
    assert obs_status_label("estimate", "en") in marks and label("fcplot.observed", "en") in marks
    assert marks[obs_status_label("estimate", "en")].get_markerfacecolor() == "white"
    assert list(marks[obs_status_label("estimate", "en")].get_xdata()) == [2022]
    assert ax.get_ylabel() == "per 10,000 people"  # the registry's unit_en
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fan_and_reliability_charts_units_clear_their_titles(lang):
    """Both set their title after the unit, which put a Chinese title back at its default
    height, level with the unit set above the axis."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font installed")
    rng = np.random.default_rng(0)
    p = rng.uniform(size=200)
    figs = [plots_forecast.fan_chart(HTE, forecast(HTE, 8, bounds=(0, None)), name="高新技术企业",
                                     unit="家" if lang == "zh" else "firms", lang=lang),
            plots_forecast.reliability_diagram(p, (rng.uniform(size=200) < p).astype(float),
                                               lang=lang)]  # fmt: skip
    for fig in figs:
        assert plots.axis_unit(fig.axes[0]).get_text()
        assert not unit_clashes(fig)
        plt.close(fig)


def test_reliability_table_refuses_what_it_used_to_score_as_garbage():
    from langfang_metrics import plots_forecast as pf

    p, y = [0.1, 0.5, 0.9, 0.95], [0, 1, 1, 1]
    for kwargs, message in (({"bins": 0}, "bins must be a whole number"),
                            ({"bins": 2.5}, "bins must be a whole number"),
                            ({"y": [0, 2, 5, -1]}, "outcomes must be 1"),
                            ({"y": [0, np.nan, 1, 1]}, "outcomes must be 1"),
                            ({"series": list("abab"), "level": 95}, "level is a probability"),
                            ({"series": ["a", np.nan, "b", None]}, "some labels are missing")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            pf.reliability_table(p, kwargs.pop("y", y), **kwargs)


def test_a_fan_chart_marks_the_targets_and_shades_the_years_past_the_check():
    """The 2030 fan of high-tech firms showed neither 1,300 nor 1,500, and nothing of the
    text's warning that its ranges beyond 5 years after the latest figure are extrapolated
    (the notebook reader's review)."""
    r = compute.load_results(None)
    fig = plots_forecast.indicator_fan_chart(r.observations, r.forecasts,
                                             indicator_id="high_tech_enterprises",
                                             indicators=r.indicators, targets=r.targets,
                                             lang="en")  # fmt: skip
    ax = fig.axes[0]
    gids = {a.get_gid() for a in ax.get_children()}
    assert {"milestone-2023", "milestone-2025", "extrapolated"} <= gids
    said = texts(fig)
    assert "≥1,300" in said and "≥1,500" in said
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert (
        "2023 target" in legend
        and "After 2027: beyond the 1-5 years checked, extrapolated" in legend
    )
    (span,) = [a for a in ax.get_children() if a.get_gid() == "extrapolated"]
    assert span.get_x() == pytest.approx(2027.5)  # 2022's figure and 5 years checked
    plt.close(fig)
    # the years checked count from the forecast's origin, as the planning table's note
    # counts them (tests/test_views.py), not from the history's last year
    fig = plots_forecast.indicator_fan_chart(r.observations, r.forecasts.assign(as_of=2020),
                                             indicator_id="high_tech_enterprises",
                                             indicators=r.indicators, lang="en")  # fmt: skip
    (span,) = [a for a in fig.axes[0].get_children() if a.get_gid() == "extrapolated"]
    assert span.get_x() == pytest.approx(2025.5)  # 2020's origin and 5 years checked
    plt.close(fig)
    # without targets and within the years checked: neither is drawn
    fig = plots_forecast.fan_chart(pd.Series([1.0, 2.0], index=[2021, 2022]),
                                   r.forecasts[r.forecasts["indicator_id"] == "high_tech_enterprises"]
                                   .set_index("year").head(3), calibrated_until=2027)  # fmt: skip
    assert not {"milestone-2023", "extrapolated"} & {
        a.get_gid() for a in fig.axes[0].get_children()
    }
    plt.close(fig)


def test_a_fan_chart_draws_a_growth_rate_target_as_the_level_it_asks_for():
    """R&D spending's 2025 target is 10 % a year: the fan chart put a "≥10" star on an axis
    of 54-160 亿元 (the statistician's review). Its path from 2021's 54.03 reaches 79.1."""
    from conftest import make_obs

    from langfang_metrics.trajectories import Anchor, target_level

    r = compute.load_results(None)
    obs = make_obs([("rd_spending", 2021, 54.03, "final"), ("rd_spending", 2022, 60.0, "final")])
    fc = r.forecasts[r.forecasts["indicator_id"] == "high_tech_enterprises"]
    fc = fc.assign(indicator_id="rd_spending")  # any fan: what is checked is the target
    level = target_level("growth_rate", 10.0, 2025, Anchor(2021, 54.03, ""))
    levels = plots_forecast.milestone_levels(r.targets.query("indicator_id == 'rd_spending'"),
                                             r.indicators, obs)  # fmt: skip
    assert levels["value"].tolist() == pytest.approx([level]) and levels["rate"].tolist() == [10]
    for lang, words in (("en", "≥79.1 (10% a year)"), ("zh", "≥79.1（年均增长10%）")):
        if lang == "zh" and not HAS_CJK:
            continue
        fig = plots_forecast.indicator_fan_chart(obs, fc, indicator_id="rd_spending",
                                                 indicators=r.indicators, targets=r.targets,
                                                 lang=lang)  # fmt: skip
        (star,) = [a for a in fig.axes[0].get_children() if a.get_gid() == "milestone-2025"]
        assert list(star.get_ydata()) == pytest.approx([level])
        assert words in texts(fig) and "≥10" not in texts(fig)
        plt.close(fig)
    # without a figure to start the path from, the rate has no level: left off, not drawn as 10
    none = plots_forecast.milestone_levels(r.targets.query("indicator_id == 'rd_spending'"),
                                           r.indicators, obs.iloc[:0])  # fmt: skip
    assert none.empty
    # a level target is left as it is
    hte = r.targets.query("indicator_id == 'high_tech_enterprises'")
    assert plots_forecast.milestone_levels(hte, r.indicators, obs).equals(hte)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reliability_panels_give_each_group_its_own_panel(lang):
    """Seven groups drawn as seven crossing lines on a square a third of the page wide, named
    in a tiny legend (the statistician's review): each group now has a panel of its own."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font installed")
    rng = np.random.default_rng(1)
    p = rng.uniform(size=700)
    y = (rng.uniform(size=700) < p).astype(float)
    series = np.repeat([f"s{k}" for k in range(7)], 100)
    groups = {f"n = {k + 2}": (p[k * 100 : (k + 1) * 100], y[k * 100 : (k + 1) * 100],
                               series[k * 100 : (k + 1) * 100]) for k in range(7)}  # fmt: skip
    fig = plots_forecast.reliability_panels(p, y, groups=groups, series=series, lang=lang)
    draw_strict(fig)
    big, *small = fig.axes
    assert len(small) == 7 and fig.get_figwidth() >= 12  # wider than the 7.8 in diagram
    assert big.get_window_extent().width > 1.8 * small[0].get_window_extent().width
    for (name, (gp, gy, _)), ax in zip(groups.items(), small, strict=True):
        ece = plots_forecast.reliability_table(gp, gy).attrs["ece"]
        title = ax.get_title()
        assert title.startswith(name) and f"{ece:.3f}" in title
        assert {"group", "pooled", "group-bars"} <= {a.get_gid() for a in ax.get_children()}
    legend = [t.get_text() for t in big.get_legend().texts]
    assert label("fcplot.pooled_in_panels", lang) in legend
    assert not any(name in t for t in legend for name in groups)  # the groups are the panels'
    plt.close(fig)
    # no groups: the single diagram
    fig = plots_forecast.reliability_panels(p, y, groups={}, lang=lang)
    assert len(fig.axes) == 1
    plt.close(fig)


def test_a_fan_charts_levels_read_as_the_planning_table_prints_them():
    """The table printed an "at least" level rounded down, 2,137 firms, where the chart
    beside it said 2,138 (rounded half up): the same level, one reading."""
    from langfang_metrics import views

    r = compute.load_results(None)
    iid = "high_tech_enterprises"
    fig = plots_forecast.indicator_fan_chart(r.observations, r.forecasts, indicator_id=iid,
                                             indicators=r.indicators, lang="en")  # fmt: skip
    mine = r.planning[r.planning["indicator_id"] == iid]
    table = views.for_people(mine, lang="en", columns=["level"], indicators=r.indicators)
    for cell in table.iloc[:, 0]:
        assert cell in texts(fig)
    plt.close(fig)
