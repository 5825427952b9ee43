"""What each chart draws (titles, labels, series, legend entries), in Chinese and English."""

from __future__ import annotations

import itertools
import re
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import unit_clashes
from matplotlib.axis import XAxis
from matplotlib.collections import PolyCollection
from matplotlib.text import Text

from langfang_metrics import coverage, labels, plots, style

HAS_CJK = style.find_cjk_font() is not None
needs_cjk = pytest.mark.skipif(not HAS_CJK, reason="no CJK font installed")
CJK = re.compile(r"[\u4e00-\u9fff]")


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def legend_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().texts]


def by_gid(fig, gid: str) -> list:
    return [a for a in fig.findobj() if hasattr(a, "get_gid") and a.get_gid() == gid]


def draw_strict(fig) -> None:
    """Render; any warning (e.g. 'Glyph ... missing from font(s)') fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


@pytest.fixture
def no_cjk(monkeypatch):
    monkeypatch.setattr(style, "find_cjk_font", lambda: None)
    monkeypatch.setattr(style, "_fallback_warned", False)


@pytest.fixture
def traj_kwargs(indicators, targets, trajectories, forecasts, gaps):
    return {
        "indicator_id": "high_tech_enterprises",
        "indicators": indicators,
        "targets": targets,
        "trajectories": trajectories,
        "forecasts": forecasts,
        "gap": gaps,
    }


# --------------------------------------------------------------------------- trajectory


@pytest.mark.parametrize(("text", "lang", "shown"), [
    ("亿元", "zh", "亿元"), ("件/万人", "zh", "件/万人"), ("家", "zh", "家"), ("%", "zh", "%"),
    ("100 million yuan", "en", "100 million yuan\n(10 = 1 billion yuan)"),
    ("10,000 yuan", "en", "10,000 yuan\n(1 = 10 thousand yuan)"), ("%", "en", "%"),
])  # fmt: skip
def test_a_chinese_axis_unit_reads_across_above_the_axis(text, lang, shown):
    """Chinese units stood upright one character under another beside the axis: "件/万人"
    was a column of three lines to piece together (the report writer's review). They read
    left to right over the axis line, above its top and under the title, as statistical
    bulletins set them; English keeps its rotated label. An English myriad unit says how the
    tables read it: the axis showed 54.03 "100 million yuan" beside a table's 5.403 billion
    yuan."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    with style.house_style(lang):
        fig, ax = plt.subplots(layout="constrained")
        ax.set_title("高新技术企业数量", loc="left")
        plots.set_unit_label(ax, text, lang)
        draw_strict(fig)
    unit = plots.axis_unit(ax)
    box, frame = unit.get_window_extent(), ax.get_window_extent()
    assert unit.get_text() == shown and not unit_clashes(fig)
    if lang == "zh":  # one line, level, its foot over the axes' top, its end over the axis
        assert unit.get_rotation() == 0 and box.height < 2 * unit.get_fontsize() * fig.dpi / 72
        assert box.y0 > frame.y1 and frame.x0 - 10 < box.x1 <= frame.x0
        assert ax._left_title.get_window_extent().y0 >= box.y1
        assert not ax.get_ylabel()  # no second unit beside the axis
    else:  # beside the axis, on its side
        assert unit is ax.yaxis.label and unit.get_rotation() == 90
        assert box.x1 <= frame.x0 and box.y1 < frame.y1
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_charts_unit_runs_into_its_title_legend_or_tick_labels(
    lang, observations, traj_kwargs, trajectories, indicators, gaps, vintages
):
    """Every chart with a unit on its value axis, alone, without its title (the brief's),
    and as a panel of a small-multiples grid: the unit, set level above the axis in Chinese,
    keeps clear of titles, legends above the axes (the status counts') and tick labels."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    figs = [
        plots.trajectory_chart(observations, lang=lang, **traj_kwargs),
        plots.for_caption(plots.trajectory_chart(observations, lang=lang, **traj_kwargs)),
        plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                            lang=lang),
        plots.status_overview(gaps, lang=lang),
        plots.vintage_chart(vintages, indicator_id="high_tech_enterprises",
                            milestone_year=2025, indicators=indicators, lang=lang),
    ]  # fmt: skip
    with style.house_style(lang):
        grid, axes = plt.subplots(1, 2, figsize=(9, 3.5), layout="constrained")
    for ax, iid in zip(axes, ("high_tech_enterprises", "rd_spending"), strict=True):
        plots.trajectory_chart(observations, lang=lang, ax=ax,
                               **{**traj_kwargs, "indicator_id": iid})  # fmt: skip
    for fig in [*figs, grid]:
        assert [ax for ax in fig.axes if plots.axis_unit(ax).get_text()]  # a unit is drawn
        assert not unit_clashes(fig), fig.axes[0].get_title(loc="left")
        plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_legend_under_the_axis_stays_clear_of_the_year_label(
    lang, observations, traj_kwargs, trajectories, indicators
):
    """Placed at a fraction of the axes' height, the legend rose into "年份" on the brief's
    lower charts (3.12 in): it starts a fixed distance under the x axis's label, at the
    report's size and the brief's."""
    from langfang_metrics.figures import BRIEF_CHART_SIZE

    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    for size in (None, BRIEF_CHART_SIZE):
        figs = [
            plots.trajectory_chart(observations, lang=lang, **traj_kwargs),
            plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                                lang=lang),
        ]  # fmt: skip
        for fig in figs:
            if size is not None:
                fig = plots.for_caption(fig, size=size)
            fig.canvas.draw()
            ax = fig.axes[0]
            xlabel = ax.xaxis.label.get_window_extent()
            legend = ax.get_legend().get_window_extent()
            assert ax.xaxis.label.get_text() and legend.y1 < xlabel.y0, (size, legend, xlabel)
            plt.close(fig)


def test_the_actual_line_is_dotted_across_years_without_a_figure(traj_kwargs):
    """A solid line from 2020 to 2022 read in print as a 2021 figure (the print review):
    solid between successive years only, dotted across a gap, and said so in the legend."""
    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2020, 2022, 2023], "value": [905.0, 1258.0, 1300.0],
                        "status": "final", "unit": "家"})  # fmt: skip
    fig = plots.trajectory_chart(obs, lang="en", **traj_kwargs)
    [solid] = by_gid(fig, "observed")
    xs = solid.get_xdata()
    assert np.isnan(xs[1]) and list(np.asarray(xs)[[0, 2, 3]]) == [2020, 2022, 2023]
    [dotted] = by_gid(fig, "observed-gap")
    assert list(dotted.get_xdata()) == [2020, 2022] and dotted.get_linestyle() == ":"
    legend = legend_texts(fig)
    assert "Actual" in legend and "Actual (no figures in between)" in legend
    plt.close(fig)
    # only two figures, a year apart from nothing: no solid line to name in the legend
    fig = plots.trajectory_chart(obs[obs["year"] < 2023], lang="en", **traj_kwargs)
    assert "Actual" not in legend_texts(fig) and by_gid(fig, "observed-gap")
    plt.close(fig)
    # successive years: solid, nothing dotted
    fig = plots.trajectory_chart(obs.assign(year=[2021, 2022, 2023]), lang="en", **traj_kwargs)
    assert not by_gid(fig, "observed-gap") and "Actual" in legend_texts(fig)
    plt.close(fig)


def test_the_plans_own_baseline_is_marked_and_named_as_the_plans(traj_kwargs):
    """1.65 and 35.6, baselines the plan states, were drawn as "正式数" dots while the
    coverage grid names them "方案基期值" (the planner's review)."""
    base = traj_kwargs["indicators"].set_index("indicator_id").loc["high_tech_enterprises"]
    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [int(base["baseline_year"]), 2022],
                        "value": [float(base["baseline_value"]), 1258.0], "status": "final",
                        "unit": "家", "source": ["廊坊市强化企业科技创新专项服务工作方案",
                                                "廊坊市统计公报"]})  # fmt: skip
    fig = plots.trajectory_chart(obs, lang="en", **traj_kwargs)
    [mark] = by_gid(fig, "plan-baseline")
    assert list(mark.get_xdata()) == [int(base["baseline_year"])]
    assert list(by_gid(fig, "obs-final")[0].get_xdata()) == [2022]  # the statistical one
    assert "Plan baseline" in legend_texts(fig)
    plt.close(fig)
    # the same figure from a statistical source is a final figure
    fig = plots.trajectory_chart(obs.assign(source="廊坊市统计公报"), lang="en", **traj_kwargs)
    assert not by_gid(fig, "plan-baseline") and len(by_gid(fig, "obs-final")[0].get_xdata()) == 2
    plt.close(fig)


@needs_cjk
def test_trajectory_chart_zh(observations, traj_kwargs):
    fig = plots.trajectory_chart(observations, lang="zh", **traj_kwargs)
    draw_strict(fig)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "高新技术企业数量"
    assert plots.axis_unit(ax).get_text() == "家" and plots.axis_unit(ax).get_rotation() == 0
    assert ax.get_xlabel() == "年份"
    legend = legend_texts(fig)
    for entry in ("目标路径", "实际值", "正式数", "初步数", "下限", "预计数", "预测值",
                  "80%预测区间", "95%预测区间", "2023年目标", "2025年目标"):  # fmt: skip
        assert entry in legend
    assert by_gid(fig, "milestone-2023") and by_gid(fig, "milestone-2025")
    assert (
        by_gid(fig, "milestone-2023")[0].get_marker()
        != by_gid(fig, "milestone-2025")[0].get_marker()
    )
    assert "≥1,500" in texts(fig)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert {c.get_gid() for c in bands} == {"pi80", "pi95"}
    gap = by_gid(fig, "projected-gap")[0].get_text()
    # Chinese sets no space before the unit and full-width brackets; a gap is by how much:
    # "133家（8.9%）", not the double negative "缺口 -133家（-8.9%）"
    assert "预计缺口" in gap and re.search(r"\n133家（\d+\.\d%）$", gap), gap
    assert any(t.startswith("数据来源：廊坊市统计公报") for t in texts(fig))
    plt.close(fig)


def test_trajectory_chart_en_and_marker_fill(observations, traj_kwargs):
    fig = plots.trajectory_chart(observations, lang="en", **traj_kwargs)
    draw_strict(fig)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "High-tech enterprises"
    assert ax.get_ylabel() == "firms"
    legend = legend_texts(fig)
    assert {"Target path", "Final", "Preliminary", "Estimate", "Lower bound",
            "Forecast", "2025 target"} <= set(legend)  # fmt: skip
    assert not any(CJK.search(t) for t in legend)
    # final figures are filled, estimates and bounds hollow
    assert by_gid(fig, "obs-final")[0].get_markerfacecolor() != "white"
    assert by_gid(fig, "obs-estimate")[0].get_markerfacecolor() == "white"
    assert by_gid(fig, "obs-lower-bound")[0].get_markerfacecolor() == "white"
    assert "Projected gap" in by_gid(fig, "projected-gap")[0].get_text()
    # a figure at its target (or a preliminary one there) is drawn over the target's mark,
    # under its label: it was hidden under the star
    assert all(m.get_zorder() > by_gid(fig, "milestone-2025")[0].get_zorder()
               for status in ("final", "preliminary") for m in by_gid(fig, f"obs-{status}"))  # fmt: skip
    assert (
        by_gid(fig, "obs-final")[0].get_zorder()
        < by_gid(fig, "milestone-label-2025")[0].get_zorder()
    )
    plt.close(fig)
    # a count's projected surplus is in whole firms, like the tables (1,537.5 - 1,500: +38)
    gap = traj_kwargs["gap"]
    surplus = gap.assign(projected=gap["target"] + 37.5, projected_gap=37.5,
                         projected_gap_pct=2.5)  # fmt: skip
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "gap": surplus})
    text = by_gid(fig, "projected-gap")[0].get_text()
    assert "Projected surplus" in text and "37.5" not in text
    assert text.endswith("\n38 firms (2.5%)")  # the word says which way: no "+38"
    plt.close(fig)
    # its milestone year over without its figure: a projection of a year gone by, said so
    # ("Projected surplus" read as a forecast of a year ahead: the report writer's review)
    owed = surplus.assign(ex_post="no_figure")
    fig = plots.trajectory_chart(observations, lang="zh", **{**traj_kwargs, "gap": owed})
    year = int(owed["milestone_year"].max())
    assert by_gid(fig, "projected-gap")[0].get_text().startswith(f"{year}年数字待报\n推算超出\n")
    plt.close(fig)
    # a small gap of a count keeps its decimal: "1 project" beside 5.7 % contradicted it
    small = gap.assign(projected=gap["target"] - 0.57, projected_gap=-0.57,
                       projected_gap_pct=-5.7)  # fmt: skip
    fig = plots.trajectory_chart(observations, lang="zh", **{**traj_kwargs, "gap": small})
    assert by_gid(fig, "projected-gap")[0].get_text().endswith("\n0.57家（5.7%）")
    plt.close(fig)
    # exactly on target: nothing to point at (it drew "+0 firms (+0.0%)")
    level = gap.assign(projected=gap["target"], projected_gap=0.0, projected_gap_pct=0.0)
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "gap": level})
    assert not by_gid(fig, "projected-gap")
    plt.close(fig)
    # once the milestone year's own figure is in, the gap is a fact, not a projection
    missed = gap.assign(ex_post="missed")
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "gap": missed})
    assert by_gid(fig, "projected-gap")[0].get_text().startswith("Shortfall\n")
    # only the home region is drawn
    ys = np.concatenate([np.asarray(line.get_ydata(), float) for line in ax.lines])
    assert 9999.0 not in ys
    plt.close(fig)
    # a shortfall on a preliminary figure is no fact yet ("实际缺口" beside "初步数")
    interim = missed.assign(latest_year=missed["milestone_year"], latest_status="preliminary")
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "gap": interim})
    assert by_gid(fig, "projected-gap")[0].get_text().startswith("Shortfall (preliminary)\n")
    plt.close(fig)
    # an earlier milestone its own year's figure settled keeps its note beside the last
    # one's projection: 1,288 firms in 2023 sat on the 1,300 triangle and looked met (the
    # final-evaluation review); one still projected does not (the 2025 note alone above)
    first = (gap["indicator_id"] == "high_tech_enterprises") & (gap["milestone_year"] == 2023)
    settled = gap.copy()
    settled.loc[first, ["target", "projected", "projected_gap", "projected_gap_pct",
                        "ex_post"]] = [1300.0, 1288.0, -12.0, -0.9, "missed"]  # fmt: skip
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "gap": settled})
    notes = by_gid(fig, "projected-gap")
    assert [n.get_text() for n in notes] == ["Shortfall\n12 firms (0.9%)",
                                             "Projected gap\n133 firms (8.9%)"]  # fmt: skip
    assert notes[0].get_position()[0] < 2024 < notes[1].get_position()[0]
    plt.close(fig)
    if HAS_CJK:  # without a CJK font a Chinese chart is drawn in English
        estimate = interim.assign(latest_status="estimate")
        fig = plots.trajectory_chart(observations, lang="zh", **{**traj_kwargs, "gap": estimate})
        assert by_gid(fig, "projected-gap")[0].get_text().startswith("缺口（预计数）\n")
        plt.close(fig)


def test_a_count_axis_steps_as_a_reader_counts():
    """Tech SMEs were ticked 8,850, 9,000 … 10,050 (MaxNLocator's own steps include 1.5):
    neither the baseline nor the target near a gridline."""
    from langfang_metrics import compute

    r = compute.load_results()
    fig = plots.trajectory_chart(r.observations, indicator_id="tech_smes", lang="en",
                                 indicators=r.indicators, targets=r.targets,
                                 trajectories=r.trajectories, forecasts=r.forecasts)  # fmt: skip
    ticks = fig.axes[0].get_yticks()
    plt.close(fig)
    step = float(np.diff(ticks)[0])
    scale = 10 ** np.floor(np.log10(step))
    assert round(step / scale, 6) in (1, 2, 2.5, 5)


def test_trajectory_chart_labels_every_year_up_to_the_target(observations, traj_kwargs):
    """Figures from 2016 to a 2025 target: every year labelled (in steps of two the target
    year went unlabelled); a span longer than MAX_YEAR_TICKS keeps integer steps."""
    obs = observations.copy()
    high_tech = obs[
        (obs["indicator_id"] == "high_tech_enterprises") & (obs["region"] == "langfang")
    ]
    extra = high_tech.iloc[:1].assign(year=2016)
    fig = plots.trajectory_chart(pd.concat([obs, extra]), lang="en", **traj_kwargs)
    draw_strict(fig)
    ax = fig.axes[0]
    ticks = [int(t) for t in ax.get_xticks()]
    lo, hi = ax.get_xlim()
    assert ticks == list(range(int(np.ceil(lo)), int(np.floor(hi)) + 1))
    assert {2016, 2025} <= set(ticks)
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.set_xlim(1990, 2030)
    plots._year_ticks(ax)
    assert len(ax.get_xticks()) <= plots.MAX_YEAR_TICKS
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_of_the_plans_targets_names_the_plan_as_their_source(
    observations, traj_kwargs, trajectories, indicators, lang
):
    """The chart of ≥1,300 and ≥1,500 firms, and R&D's 10 % path, cited only the sources
    of the figures drawn (the report writer's review); a chart whose figures come from the
    plan names it once, and a chart without a target does not name it."""
    from langfang_metrics.plots import _source_text

    plan = "".join(labels.label("source.plan_targets", lang).split())

    def source_of(fig) -> str:  # without the spaces and breaks the line's wrapping sets
        text = "".join("".join(t.get_text() for t in fig.texts).split())
        plt.close(fig)
        return text

    hte = observations[observations["indicator_id"] == "high_tech_enterprises"]
    assert plan in source_of(plots.trajectory_chart(observations, lang=lang, **traj_kwargs))
    rd = plots.rd_path_chart(
        observations, trajectories=trajectories, indicators=indicators, lang=lang
    )
    assert plan in source_of(rd)
    assert plan not in "".join(_source_text(hte, lang).split())
    assert "".join(_source_text(hte.iloc[:0], lang, plan=True).split()) == plan
    from_plan = hte.assign(
        source="廊坊市科学技术局《廊坊市强化企业科技创新专项服务工作方案(2021-2025年)》"
    )
    assert plan not in "".join(_source_text(from_plan, lang, plan=True).split())


def test_trajectory_chart_on_given_axes_adds_no_source_line(observations, traj_kwargs):
    fig, ax = plt.subplots()
    out = plots.trajectory_chart(observations, lang="en", ax=ax, **traj_kwargs)
    assert out is fig
    assert not fig.texts
    plt.close(fig)


@needs_cjk
def test_charts_on_the_callers_axes_draw_chinese_not_boxes(observations, traj_kwargs, gaps):
    from langfang_metrics import plots_forecast

    fig, (left, mid, right) = plt.subplots(1, 3, figsize=(18, 5))  # made outside the style
    plots.trajectory_chart(observations, lang="zh", ax=left, **traj_kwargs)
    plots.gap_dashboard(gaps, milestone_year=2025, lang="zh", ax=mid)
    plots_forecast.indicator_fan_chart(observations, traj_kwargs["forecasts"], lang="zh", ax=right,
                                       indicator_id="high_tech_enterprises")  # fmt: skip
    assert CJK.search(left.get_title(loc="left")) and CJK.search(left.get_xlabel())
    draw_strict(fig)  # a missing glyph warns: every Chinese title, label and tick drew
    plt.close(fig)
    for bad in (plt.figure().add_subplot(projection="polar"), "ax"):
        with pytest.raises(ValueError, match="ax must be an ordinary matplotlib Axes"):
            plots.trajectory_chart(observations, ax=bad, **traj_kwargs)
    plt.close("all")


def test_dollar_signs_in_data_are_text_not_mathtext(observations, traj_kwargs, tmp_path):
    from langfang_metrics import export

    ind = traj_kwargs["indicators"].copy()
    name = "Spend $\\foo$ in US$ and HK$"
    ind.loc[ind["indicator_id"] == "high_tech_enterprises", "name_en"] = name
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs, "indicators": ind})
    assert fig.axes[0].get_title(loc="left") == name
    assert not any(t.get_parse_math() for t in fig.findobj(Text) if "$" in t.get_text())
    export.save_figure(fig, "dollar", ("png", "svg"), out_dir=tmp_path)  # no ParseFatalException
    plt.close(fig)


def test_misspelt_method_or_indicator_is_an_error_not_an_empty_chart(
    observations, traj_kwargs, trajectories, indicators
):
    with pytest.raises(ValueError, match=r"method 'Growth' is not among the forecasts"):
        plots.trajectory_chart(observations, method="Growth", **traj_kwargs)
    with pytest.raises(ValueError, match="'nope' is not in the indicators frame"):
        plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                            indicator_id="nope")  # fmt: skip
    fig = plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                              indicator_id="high_tech_enterprises", lang="en")  # fmt: skip
    assert fig.axes[0].get_title(loc="left") == "High-tech enterprises"  # not the R&D title
    plt.close(fig)


def test_growth_rate_target_is_not_drawn_as_a_level(observations, traj_kwargs):
    fig = plots.trajectory_chart(observations, lang="en", **{**traj_kwargs,
                                 "indicator_id": "rd_spending"})  # fmt: skip
    assert not by_gid(fig, "milestone-2025")  # its target is 10 %/yr, not 10 亿元
    ticks = fig.axes[0].yaxis.get_major_formatter().format_ticks([50.0, 52.5, 55.0])
    assert ticks == ["50.0", "52.5", "55.0"]
    plt.close(fig)


def test_trajectory_chart_status_filter(observations, traj_kwargs):
    fig = plots.trajectory_chart(observations, lang="en", statuses=["final"], **traj_kwargs)
    assert by_gid(fig, "obs-final") and not by_gid(fig, "obs-estimate")
    plt.close(fig)
    with pytest.raises(ValueError, match="unknown observation status"):
        plots.trajectory_chart(observations, statuses=["guess"], **traj_kwargs)
    one = plots.trajectory_chart(observations, lang="en", statuses="final", **traj_kwargs)
    assert by_gid(one, "obs-final") and not by_gid(one, "obs-estimate")  # not 'f','i','n'…
    plt.close(one)


def _with_context(observations, rows):
    """``observations`` plus home-region figures ``(year, value, status)`` of high-tech firms."""
    base = observations.iloc[[1]]
    extra = pd.concat([base.assign(year=y, value=v, status=s) for y, v, s in rows])
    return pd.concat([observations, extra], ignore_index=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trajectory_chart_lists_a_far_off_context_figure_instead_of_drawing_it(
    observations, traj_kwargs, lang
):
    """A count of another definition far below the plan's range set the scale and pushed
    the plan's path into a corner (tech SMEs: 4,183 in 2016 against 8,796 → 10,000); it is
    named in the legend with its value, and the scale is the plan's own."""
    obs = _with_context(observations, [(2016, 120.0, "other-definition")])
    plain = plots.trajectory_chart(observations, lang=lang, **traj_kwargs)
    fig = plots.trajectory_chart(obs, lang=lang, **traj_kwargs)
    if lang == "zh" and HAS_CJK:
        draw_strict(fig)
    assert not by_gid(fig, "obs-other-definition")
    assert fig.axes[0].get_ylim() == plain.axes[0].get_ylim()
    assert fig.axes[0].get_xlim() == plain.axes[0].get_xlim()
    entry = [t for t in legend_texts(fig) if "120" in t]
    words = (
        ("口径不同：2016年120家", "未画出") if lang == "zh" else ("120 firms in 2016", "not drawn")
    )
    assert len(entry) == 1 and all(w in entry[0] for w in words), legend_texts(fig)
    plt.close("all")


def test_trajectory_chart_draws_a_context_figure_within_the_scale(observations, traj_kwargs):
    """Context that fits the plan's scale is drawn as before: a part-year figure of 2022
    between the series' values, and one a little below the range."""
    obs = _with_context(observations, [(2022, 1000.0, "part-year"), (2019, 600.0, "part-year")])
    fig = plots.trajectory_chart(obs, lang="en", **traj_kwargs)
    drawn = by_gid(fig, "obs-part-year")
    assert drawn and sorted(drawn[0].get_xdata()) == [2019, 2022]
    assert not any("not drawn" in t for t in legend_texts(fig))
    plt.close(fig)


def test_trajectory_chart_draws_context_when_it_is_all_there_is(observations, traj_kwargs):
    """No figure of the plan's definition, no baseline, path or target: the context figures
    are the chart, and are drawn."""
    obs = _with_context(observations, [(2016, 120.0, "other-definition")])
    obs = obs[~((obs["indicator_id"] == "high_tech_enterprises") & (obs["year"] != 2016))]
    indicators = traj_kwargs["indicators"].assign(baseline_year=np.nan, baseline_value=np.nan)
    kwargs = {**traj_kwargs, "trajectories": None, "forecasts": None, "gap": None,
              "targets": traj_kwargs["targets"].iloc[:0], "indicators": indicators}  # fmt: skip
    fig = plots.trajectory_chart(obs, lang="en", **kwargs)
    assert by_gid(fig, "obs-other-definition")
    assert not any("not drawn" in t for t in legend_texts(fig))
    plt.close(fig)


def test_trajectory_chart_validates_inputs(observations, traj_kwargs):
    with pytest.raises(ValueError, match="not in the indicators frame"):
        plots.trajectory_chart(observations, **{**traj_kwargs, "indicator_id": "nope"})
    with pytest.raises(ValueError, match=r"observations lacks column\(s\) \['status'\]"):
        plots.trajectory_chart(observations.drop(columns="status"), **traj_kwargs)
    assert not plt.get_fignums()


# --------------------------------------------------------------------------- R&D path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rd_path_chart(observations, trajectories, indicators, lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    # the path from the first figure, as rd_path draws it without a 2020 level
    from_first = trajectories[trajectories["year"] >= 2021]
    fig = plots.rd_path_chart(observations, trajectories=from_first, indicators=indicators,
                              lang=lang)  # fmt: skip
    draw_strict(fig)
    assert by_gid(fig, "rd-10pct-path")
    assert len([p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("rd-bar")]) == 3
    growth = [a.get_text() for a in fig.findobj(Text) if (a.get_gid() or "").startswith(
        "rd-growth")]  # fmt: skip
    assert growth == ["+5.7%", "+7.7%"]  # none for the first year: no previous figure
    plt.close(fig)
    # a path from the year before (a 2020 level implied by 2021's reported growth:
    # trajectories.growth_start) gives the first bar its growth too
    fig = plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                              lang=lang)  # fmt: skip
    growth = [a.get_text() for a in fig.findobj(Text) if (a.get_gid() or "").startswith(
        "rd-growth")]  # fmt: skip
    assert growth == ["+10.2%", "+5.7%", "+7.7%"]  # 54.0 after the path's 49.0 of 2020
    path_label = "年均增长10%路径" if lang == "zh" else "10%/yr path"
    assert path_label in legend_texts(fig)
    if lang == "zh":  # "实际值（初步数）": full-width brackets in Chinese
        assert any("（" in t for t in legend_texts(fig))
        assert not any("(" in t for t in legend_texts(fig))
    plt.close(fig)


def test_rd_path_chart_a_fall_takes_the_minus_sign(observations, trajectories, indicators):
    obs = observations.copy()
    obs.loc[(obs["indicator_id"] == "rd_spending") & (obs["year"] == 2023), "value"] = 53.0
    fig = plots.rd_path_chart(obs, trajectories=trajectories, indicators=indicators, lang="en")
    assert by_gid(fig, "rd-growth-2023")[0].get_text() == "\u22127.2%"  # not "-7.2%"
    plt.close(fig)


def test_rd_path_charts_labels_go_under_a_path_marker_just_below_the_bar_top(
    observations, trajectories, indicators
):
    """The "61" box sat on the 2022 path marker of 59.4 and hid it (the report writer's
    review): a bar whose top the marker sits just under has its labels set below the
    marker; one whose marker is above it keeps them at its top."""
    rd = trajectories[(trajectories["indicator_id"] == "rd_spending")
                      & (trajectories["path"] == "rd_10pct")].set_index("year")["value"]  # fmt: skip
    obs = observations.copy()
    sel = (obs["indicator_id"] == "rd_spending") & (obs["year"] == 2022)
    obs.loc[sel, "value"] = float(rd.loc[2022]) * 1.03  # the marker just under the top
    fig = plots.rd_path_chart(obs, trajectories=trajectories, indicators=indicators, lang="en")
    (value,) = by_gid(fig, "rd-value-2022")
    assert value.xy[1] == pytest.approx(float(rd.loc[2022]))  # anchored at the marker
    obs.loc[sel, "value"] = float(rd.loc[2022]) * 0.97  # the marker above the top
    fig2 = plots.rd_path_chart(obs, trajectories=trajectories, indicators=indicators, lang="en")
    (value,) = by_gid(fig2, "rd-value-2022")
    assert value.xy[1] == pytest.approx(float(rd.loc[2022]) * 0.97)  # at the bar's top
    # the legend says where the path starts when it is after the plan's base year
    assert [t for t in legend_texts(fig) if t.startswith("10%/yr")] == ["10%/yr path"]
    plt.close(fig)
    plt.close(fig2)
    late = trajectories[trajectories["year"] >= 2021]
    fig = plots.rd_path_chart(obs, trajectories=late, indicators=indicators, lang="en")
    assert [t for t in legend_texts(fig) if t.startswith("10%/yr")] == ["10%/yr path (from 2021)"]
    plt.close(fig)


def test_rd_path_chart_one_point_and_no_actuals(observations, trajectories, indicators):
    one = observations[(observations["indicator_id"] == "rd_spending")].iloc[[0]]
    from_first = trajectories[trajectories["year"] >= 2021]  # no level before the figure
    fig = plots.rd_path_chart(one, trajectories=from_first, indicators=indicators, lang="en")
    draw_strict(fig)
    assert by_gid(fig, "rd-value-2021") and not by_gid(fig, "rd-growth-2021")
    plt.close(fig)
    fig = plots.rd_path_chart(observations.iloc[:0], trajectories=trajectories,
                              indicators=indicators, lang="en")  # fmt: skip
    assert by_gid(fig, "no-actuals")[0].get_text() == "No actual figures yet"
    plt.close(fig)


# --------------------------------------------------------------------------- dashboard


@needs_cjk
def test_gap_dashboard_zh(gaps):
    fig = plots.gap_dashboard(gaps, lang="zh")
    draw_strict(fig)
    # A4 wide, and only as tall as its six rows need: no empty bands (at most A4)
    width, height = fig.get_size_inches()
    assert width == pytest.approx(plots._FIGSIZE_A4[0]) and 3 < height < plots._FIGSIZE_A4[1] / 2
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "2025年目标进展评估"
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    # section headings, then their indicators; insufficient data is kept, not dropped
    assert ticks == ["创新主体", "高新技术企业数量", "创新能力", "全社会研发经费", "产业支撑",
                     "高新技术产业增加值占比"]  # fmt: skip
    assert by_gid(fig, "status-insufficient_data")[0].get_text() == "数据不足"
    # the tick is where the target path stands, not the time elapsed: a compound path is
    # behind it (a bar at 60 % against 80 % of the time read wrong beside "on track")
    ticks = sorted(float(m.get_xdata()[0]) for m in by_gid(fig, "path-share"))
    assert ticks == pytest.approx([0.9 * 0.6] * 2)  # none on a row without data
    # the tick's year said when the graded rows share it ("by now" was the path's 2022 level
    # for a 2023 milestone over: the planner's review), else the latest figure's year in words
    assert {"需加快", "偏离目标", "按目标路径在最新数据年份应达进度"} <= set(legend_texts(fig))
    plt.close(fig)
    dated = gaps.assign(latest_year=2022)
    fig = plots.gap_dashboard(dated, lang="zh")
    assert "按目标路径2022年应达进度" in set(legend_texts(fig))
    assert plots.path_share(pd.Series({"expected_on_path": 1100.0, "baseline_value": 1000.0,
                                       "target": 1500.0})) == pytest.approx(0.2)  # fmt: skip
    assert np.isnan(plots.path_share(pd.Series({"expected_on_path": 5.0, "baseline_value": 5.0,
                                                "target": 5.0})))  # fmt: skip
    plt.close(fig)


def test_gap_dashboard_en_bars_coloured_by_status(gaps):
    fig = plots.gap_dashboard(gaps, lang="en")
    draw_strict(fig)
    bars = by_gid(fig, "progress-needs_acceleration")
    assert len(bars) == 1
    assert bars[0].get_width() == pytest.approx(0.56)
    colour = style.STATUS_COLORS["needs_acceleration"].lower()
    assert plt.matplotlib.colors.to_hex(bars[0].get_facecolor()) == colour
    assert "Insufficient data" in texts(fig)
    assert fig.axes[0].get_title(loc="left") == "Progress towards the 2025 targets"
    # the value column is named: "59%" beside "On track" read as a probability
    assert [t.get_text() for t in by_gid(fig, "column-head")] == ["Progress", "Status"]
    plt.close(fig)


def test_dashboard_values_round_as_the_workbook_and_never_leave_a_row_blank(gaps):
    """330 of 400 printed 82 % on the chart and 83 % in the workbook; a negative share
    printed a hyphen ("-41%" beside the axis's "−50%"); a target assessed without a progress
    share (a growth rate) left an empty track beside its status."""
    g = gaps[gaps["milestone_year"] == 2025].copy()
    hte = g["indicator_id"] == "high_tech_enterprises"
    g.loc[hte, "progress_share"] = 330 / 400
    g.loc[g["indicator_id"] == "high_tech_industry_share", "progress_share"] = -0.405
    g.loc[g["indicator_id"] == "rd_spending", ["status", "progress_share"]] = [
        "needs_acceleration", np.nan]  # fmt: skip
    fig = plots.gap_dashboard(g, lang="en")
    values = [t.get_text() for t in by_gid(fig, "progress-value")]
    assert values == ["83%", "—", "\u221241%"]
    # and its empty track says why (beside a status it read as 0 % of the way)
    (why,) = by_gid(fig, "no-progress")
    assert why.get_text() == labels.label("dash.no_progress", "en")
    plt.close(fig)


def test_dashboard_marks_a_growth_grade_that_turns_on_an_unreported_year(gaps):
    """R&D spending missed 10 % a year graded from 2021's figure on: the page and the brief
    say the grade turns on 2021's unreported growth, the dashboard read as a plain miss (the
    final evaluation's review). Its status takes a double dagger the legend names with the
    year (the single one marks a forecast that parts from its course)."""
    g = gaps[gaps["milestone_year"] == 2025].copy()
    rd = g["indicator_id"] == "rd_spending"
    cols = [
        "kind",
        "status",
        "comparison",
        "baseline_year",
        "baseline_value",
        "baseline_source",
        "latest_year",
        "latest_value",
        "latest_status",
        "target",
    ]
    g = g.reindex(columns=list(dict.fromkeys([*g.columns, *cols]))).astype(
        {c: object for c in cols}
    )
    g.loc[rd, cols] = ["growth_rate", "missed", ">=", 2021, 54.03, "observation", 2025, 77.8,
                       "final", 10.0]  # fmt: skip
    for lang, words in (("zh", "‡另取决于未计入的2021年增速"),
                        ("en", "‡also turns on the uncounted growth of 2021")):  # fmt: skip
        fig = plots.gap_dashboard(g, lang=lang)
        marked = [t.get_text() for t in by_gid(fig, "status-missed")]  # a final figure
        assert marked == [labels.status_label("missed", lang) + "‡"]
        assert words in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        plt.close(fig)
    # graded from the plan's own baseline, nothing turns on a missing year
    g.loc[rd, "baseline_source"] = "plan"
    fig = plots.gap_dashboard(g, lang="zh")
    assert not [t for t in texts(fig) if "‡" in t]
    plt.close(fig)


def test_dashboard_names_the_start_of_a_share_measured_from_a_later_first_figure(gaps):
    """The digital economy's 56% was measured from its first figure, 2023's 4.1%, on one axis
    with shares from the plan's 2020 baselines and no word of it (the planner's review): its
    name says "（自2023年起算）" and the legend says what that means; a share from the plan's
    baseline says nothing."""
    g = gaps[gaps["milestone_year"] == 2025].copy()
    share = g["indicator_id"] == "high_tech_industry_share"
    cols = ["status", "baseline_year", "baseline_value", "baseline_source", "progress_share"]
    g = g.reindex(columns=list(dict.fromkeys([*g.columns, *cols]))).astype(
        {c: object for c in cols}
    )
    g.loc[share, cols] = ["missed", 2023, 4.1, "observation", 0.5556]
    for lang, mark in (("zh", "（自2023年起算）"), ("en", "(from 2023)")):
        fig = plots.gap_dashboard(g, lang=lang)
        ticks = ["".join(t.get_text().split()) for t in fig.axes[0].get_yticklabels()]
        name = "".join(g.loc[share, f"name_{lang}"].iloc[0].split())
        assert [t for t in ticks if "".join(mark.split()) in t] == [name + "".join(mark.split())]
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert labels.label("legend.progress_from", lang, base=2020) in legend
        plt.close(fig)
    # from the plan's baseline: no mark, no legend entry
    g.loc[share, ["baseline_year", "baseline_source"]] = [2020, "plan"]
    fig = plots.gap_dashboard(g, lang="zh")
    assert not [t for t in texts(fig) if "起算" in t]
    plt.close(fig)


def test_dashboard_says_a_yearly_flows_bar_is_the_years_figure_over_its_target(gaps):
    """A bar at 110% for 11 projects against a target of 10 a year stood over an axis reading
    "share of the change from baseline to target": a yearly flow has neither (the lead's
    review). Its row is marked and the legend says what its bar is; a flow without a bar (no
    data, or a yearly ceiling, which has no share) and every other row say nothing."""
    g = gaps[gaps["milestone_year"] == 2025].copy()
    flow = {**g.iloc[0].to_dict(), "indicator_id": "key_core_tech_per_year",
            "name_zh": "每年立项支持攻克关键核心技术",
            "name_en": "Key core technologies tackled with project support per year",
            "kind": "flow", "target": 10.0, "progress_share": 1.1, "status": "on_track",
            "expected_on_path": np.nan, "baseline_value": np.nan}  # fmt: skip
    drawn = pd.concat([g, pd.DataFrame([flow])], ignore_index=True)
    for lang in ("zh", "en"):
        fig = plots.gap_dashboard(drawn, lang=lang)
        draw_strict(fig)  # the mark is in the fonts of both languages
        ticks = ["".join(t.get_text().split()) for t in fig.axes[0].get_yticklabels()]
        assert [t for t in ticks if "§" in t] == ["".join(flow[f"name_{lang}"].split()) + "§"]
        said = labels.label("legend.flow_share", lang, mark="§")
        assert said in legend_texts(fig)
        assert 1.1 in [round(b.get_width(), 6) for b in by_gid(fig, "progress-on_track")]
        plt.close(fig)
    assert "不是基期至目标的增量" in labels.label("legend.flow_share", "zh", mark="§")
    for bare in ({"status": "insufficient_data", "progress_share": np.nan},
                 {"comparison": "<=", "progress_share": np.nan}):  # fmt: skip
        fig = plots.gap_dashboard(pd.concat([g, pd.DataFrame([{**flow, **bare}])]), lang="en")
        assert not [t for t in texts(fig) if "§" in t]
        plt.close(fig)
    fig = plots.gap_dashboard(g, lang="zh")
    assert not [t for t in texts(fig) if "§" in t or "年度目标" in t]
    plt.close(fig)


def test_a_dashboards_legend_names_the_path_tick_only_when_a_row_draws_one(gaps):
    """With returns giving 2023's key technologies alone, the 2023 dashboard's one bar was a
    yearly flow's, which has no path, and its legend named "按目标路径2023年应达进度" beside no
    tick; a chart without a bar drew a legend of that entry alone."""
    g = gaps[gaps["milestone_year"] == 2025].copy()
    g["latest_year"] = 2023
    flow = {**g.iloc[0].to_dict(), "kind": "flow", "progress_share": 1.1, "status": "achieved",
            "expected_on_path": np.nan}  # fmt: skip
    alone = pd.concat([g[g["status"] == "insufficient_data"], pd.DataFrame([flow])])
    path_entries = {labels.label("legend.path_share_at", "zh", year=2023),
                    labels.label("legend.path_share", "zh")}  # fmt: skip
    fig = plots.gap_dashboard(alone, lang="zh")
    assert not by_gid(fig, "path-share") and not path_entries & set(legend_texts(fig))
    assert "已实现" in legend_texts(fig)
    plt.close(fig)
    fig = plots.gap_dashboard(g[g["status"] == "insufficient_data"], lang="zh")
    assert fig.axes[0].get_legend() is None
    plt.close(fig)
    # beside a row that draws its tick, the entry is back, with that row's year
    fig = plots.gap_dashboard(pd.concat([g, pd.DataFrame([flow])]), lang="zh")
    assert len(by_gid(fig, "path-share")) == 2
    assert labels.label("legend.path_share_at", "zh", year=2023) in legend_texts(fig)
    plt.close(fig)


def test_a_dashboard_rows_start_stays_off_a_third_line():
    """Wrapped with its name, the mark broke "数字经济…占地区生 / 产总值比重（自2023年起算）"
    inside 生产; under a two-line name, a third line runs into the next row."""
    start = labels.label("legend.path_from", "zh", year=2023)
    assert plots._row_name("数字经济核心产业增加值占地区生产总值比重", start, "zh") == (
        "数字经济核心产业增加值\n占地区生产总值比重（自2023年起算）")  # fmt: skip
    assert (
        plots._row_name("企业创新联合体数量", start, "zh") == "企业创新联合体数量\n（自2023年起算）"
    )
    assert plots._row_name("备案科技特派员", "", "zh") == "备案科技特派员"
    en = labels.label("legend.path_from", "en", year=2023)
    assert plots._row_name("Enterprise innovation consortia", en, "en") == (
        "Enterprise innovation consortia\n(from 2023)")  # fmt: skip
    assert plots._row_name("Tech SMEs", en, "en") == "Tech SMEs (from 2023)"


def test_a_target_label_does_not_go_where_the_gap_note_is():
    """The "≥3.7" label went right of its marker, under the projected-surplus note."""
    fig, ax = plt.subplots()
    # a line through the marker from the left: above, below and left are taken; right is free
    ax.plot([2020, 2025], [3.7, 3.7], gid="observed")
    ax.set_xlim(2019, 2027)
    ax.set_ylim(0, 8)
    assert plots._label_place(ax, 2025, 3.7)[0] == (9, 0)
    assert plots._label_place(ax, 2025, 3.7, right_taken=True)[0] != (9, 0)
    plt.close(fig)


# --------------------------------------------------------------------------- overview


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_overview(gaps, lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    fig = plots.status_overview(gaps, lang=lang)
    draw_strict(fig)
    counts, matrix = fig.axes[:2]
    heights = {}
    for patch in counts.patches:
        heights.setdefault(patch.get_gid(), []).append(patch.get_height())
    # the statuses some target has, in STATUS_CODES order (needs_acceleration, moving_away,
    # insufficient_data), as the landing page's counts table shows them
    assert heights["counts-2023"] == [1, 0, 0]
    assert heights["counts-2025"] == [1, 1, 1]
    ticks = [t.get_text().replace("\n", " ") for t in counts.get_xticklabels()]
    names = [labels.status_label(s, lang) for s in ("needs_acceleration", "moving_away",
                                                    "insufficient_data")]  # fmt: skip
    assert ticks == names
    assert [t.get_text().replace("\n", " ") for t in matrix.get_xticklabels()] == names
    # a count of 0 draws no outline (a coloured sliver on the axis read as a bar), and the
    # earlier milestone is told apart by its outline, not by "///", the dashboards' on-track
    # hatch (in grey print a hatched 2023 bar read as on track)
    for patch in counts.patches:
        if (patch.get_gid() or "").startswith("counts-"):
            assert (patch.get_linewidth() > 0) == (patch.get_height() > 0)
            assert patch.get_hatch() not in set(style.STATUS_HATCHES.values()) - {""}
    rows = [t.get_text().replace("\n", " ") for t in matrix.get_yticklabels()]
    science = "市科技局" if lang == "zh" else "Science and Technology Bureau"
    assert rows[0] == science  # on two targets, so the first (largest) row
    assert len(rows) == 4  # 市科技局, 市財政局, 市数据和政务服务局, 市發展改革委
    counts = [t for t in matrix.texts if t.get_gid() != "dept-matrix-note"]
    assert len(counts) == 5  # one count per non-empty (department, status) cell
    plt.close(fig)


def test_the_department_matrix_and_source_line_say_what_a_lifted_figure_needs(gaps):
    """The matrix's cells summed to 42 "no data" under a bar of 20 targets, with no word
    that a target counts under each of its departments; and a dashboard lifted into a
    printed report did not say the year its data run to (the report writer's review)."""
    fig = plots.status_overview(gaps.assign(as_of=2022), lang="zh")
    (note,) = by_gid(fig, "dept-matrix-note")
    assert note.get_text().replace("\n", "").endswith("故合计多于3个目标")
    assert any("根据《工作方案》目标与截至2022年的统计数据测算" in t for t in texts(fig))
    plt.close(fig)
    # a department the registry infers from a related measure: its cells are starred, with a
    # note (市税务局 read as answerable for misses the plan never gave it: the planner)
    first = gaps["indicator_id"].iloc[0]
    ind = pd.DataFrame({"indicator_id": gaps["indicator_id"].unique()}).assign(
        departments_basis=lambda d: np.where(d["indicator_id"] == first, "inferred: 措施", "plan")
    )
    fig = plots.status_overview(gaps, lang="zh", indicators=ind)
    matrix = fig.axes[1]
    cells = [t.get_text() for t in matrix.texts if t.get_gid() != "dept-matrix-note"]
    assert sum(c.endswith("*") for c in cells) >= 1 and not all(c.endswith("*") for c in cells)
    (note,) = by_gid(fig, "dept-matrix-note")
    assert "*含按相关措施推定的责任部门" in note.get_text().replace("\n", "")
    plt.close(fig)
    fig = plots.status_overview(gaps, lang="zh")  # without the registry: no star, no note
    assert not any("*" in t.get_text() for t in fig.axes[1].texts)
    plt.close(fig)
    one = gaps.assign(departments="市科技局")  # one department each: the cells add up
    fig = plots.status_overview(one, lang="en")
    assert fig.axes[1].get_xlabel() == "Status" and not by_gid(fig, "dept-matrix-note")
    plt.close(fig)
    # a shared target is said even where targets without departments keep the sum down
    few = gaps.assign(departments="")
    last = few.index[few["milestone_year"] == 2025][-1]
    few.loc[last, "departments"] = "市科技局、市财政局"
    fig = plots.status_overview(few, lang="zh")
    (note,) = by_gid(fig, "dept-matrix-note")
    assert note.get_text().replace("\n", "").endswith("故合计多于1个目标")
    plt.close(fig)
    fig = plots.gap_dashboard(gaps.assign(as_of=2024), lang="en")
    assert any("the figures up to 2024" in t for t in texts(fig))
    plt.close(fig)


def test_each_forecast_band_swatch_is_the_shade_drawn():
    """The 80 % band drawn over the 95 % one read 181 of 255 in grey while its legend
    swatch read 208, beside the 95 % band's 218 (the report writer's review): the bands
    are drawn side by side, each swatch the band itself."""
    fig, ax = plt.subplots()
    x = np.array([2022, 2023, 2024])
    cols = {"lo_95": x * 0 + 1.0, "lo_80": x * 0 + 2.0, "hi_80": x * 0 + 3.0, "hi_95": x * 0 + 4.0}
    band80, band95 = plots.draw_bands(ax, x, cols, "#0072B2")
    polys = [c for c in ax.collections]
    assert [c.get_gid() for c in polys] == ["pi95", "pi95", "pi80"]
    assert band80.get_alpha() == pytest.approx(1 - (1 - 0.22) * (1 - 0.28))
    assert band95.get_alpha() == pytest.approx(plots.PI95_ALPHA)
    # no band lies over another: the 95 % tails end where the 80 % band begins
    tails = [p.get_paths()[0].get_extents() for p in polys[:2]]
    assert tails[0].y1 == pytest.approx(2.0) and tails[1].y0 == pytest.approx(3.0)
    plt.close(fig)


def test_outcomes_on_preliminary_figures_are_marked_on_the_status_charts(gaps):
    """With the milestones' figures in, the status overview counted "achieved 2" and the
    dashboard said "Achieved" where the landing page and the brief say one of them rests on
    a preliminary figure a final one may still turn."""
    done = gaps.assign(status="achieved", progress_share=1.1, latest_year=gaps["milestone_year"],
                       latest_status="final")  # fmt: skip
    done.loc[done["indicator_id"] == "rd_spending", "latest_status"] = "preliminary"
    fig = plots.status_overview(done, lang="en")
    counts = fig.axes[0]
    assert [p.get_height() for p in by_gid(fig, "provisional-2025")] == [1]
    assert by_gid(fig, "provisional-2023") == []  # no provisional outcome there
    assert "3 (1)" in texts(counts) and "1" in texts(counts)
    assert counts.get_xlabel().startswith("dotted, in brackets: preliminary, estimate or bound")
    plt.close(fig)
    fig = plots.gap_dashboard(done, lang="en")
    shown = [t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("status-")]
    assert sorted(shown) == ["Achieved", "Achieved", "Achieved*"]
    assert "*preliminary, estimate or bound: may change" in legend_texts(fig)
    plt.close(fig)
    # met on an earlier year's figure, the milestone year over and its figure owed: the year
    # it rests on ("100% Achieved" read as settled: the final-evaluation review)
    early = done.assign(latest_status="final")
    early.loc[early["indicator_id"] == "rd_spending", ["latest_year", "ex_post"]] = [
        2024,
        "no_figure",
    ]
    fig = plots.gap_dashboard(early, lang="en")
    shown = [t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("status-")]
    assert sorted(shown) == ["Achieved", "Achieved", "Achieved (2024)"]
    assert "(year): met early that year; milestone-year figure pending" in legend_texts(fig)
    plt.close(fig)
    # ... and the status counts dot it as they dot a provisional outcome (it was drawn as
    # settled: the planner's review)
    fig = plots.status_overview(early, lang="en")
    assert [p.get_height() for p in by_gid(fig, "provisional-2025")] == [1]
    assert "or met early, to be confirmed by the milestone year" in fig.axes[0].get_xlabel()
    plt.close(fig)
    # with the star's entry too, the brief's narrow figure keeps its axes: one column (two
    # columns of these long entries collapsed its layout: matplotlib warned, drew none)
    both = early.copy()
    both.loc[both["indicator_id"] == "high_tech_enterprises", "latest_status"] = "preliminary"
    import warnings

    from langfang_metrics import config

    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        width = config.BRIEF_TEXT_WIDTH_MM / 25.4
        fig = plots.gap_dashboard(both, lang="en", width=width)
        fig.draw_without_rendering()
    assert len(legend_texts(fig)) == 4 and fig.axes[0].get_legend()._ncols == 1
    plt.close(fig)
    # a grade on an estimate is starred too: the patents' bar rested on a 2022 estimate
    # without a word on the chart (the planner's review)
    graded = gaps.assign(status="on_track", progress_share=0.6, latest_year=2022,
                         latest_status="final")  # fmt: skip
    graded.loc[graded["indicator_id"] == "rd_spending", "latest_status"] = "estimate"
    fig = plots.gap_dashboard(graded, lang="zh")
    shown = [t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("status-")]
    assert sorted(shown) == ["符合进度", "符合进度", "符合进度*"]
    assert "*依据初步数、预计数或上下限" in legend_texts(fig)
    plt.close(fig)
    # the same milestones, every figure final: no star, no dotted part, no note
    final = done.assign(latest_status="final")
    fig = plots.status_overview(final, lang="en")
    assert by_gid(fig, "provisional-2025") == [] and fig.axes[0].get_xlabel() == ""
    plt.close(fig)
    fig = plots.gap_dashboard(final, lang="en")
    assert not any(t.endswith("*") for t in texts(fig))
    assert not any("provisional" in t for t in legend_texts(fig))
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_counts_legend_shows_what_the_bars_are(gaps, lang):
    """The legend showed a white swatch for 2023 and a dark grey one for 2025 over green,
    maroon and grey bars, and the dots of a provisional outcome were named only in a
    sentence under the axis (the report writer's review): each year's swatch is its bars,
    in the status colours, outlined or filled as drawn, and the dots have an entry."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    from matplotlib.patches import Rectangle

    done = gaps.assign(latest_status="final", latest_year=gaps["milestone_year"])
    rd = done["indicator_id"] == "rd_spending"
    done.loc[rd, ["status", "progress_share", "latest_status"]] = ["achieved", 1.1,
                                                                   "preliminary"]  # fmt: skip
    fig = plots.status_overview(done, lang=lang)
    fig.draw_without_rendering()
    counts = fig.axes[0]
    legend = counts.get_legend()
    swatches = [p for p in legend.findobj(Rectangle) if p.get_visible()
                and p is not legend.legendPatch]  # fmt: skip
    drawn = {year: [p for p in by_gid(fig, f"counts-{year}") if p.get_height() > 0]
             for year in (2023, 2025)}  # fmt: skip
    rgba = mpl.colors.to_rgba
    for year, filled in ((2023, False), (2025, True)):
        edges = {rgba(p.get_edgecolor()) for p in drawn[year]}
        faces = {rgba(p.get_facecolor()) for p in drawn[year]}
        # the colours of the year's bars are among its swatches, filled only for 2025
        ours = [p for p in swatches if rgba(p.get_edgecolor()) in edges]
        assert edges <= {rgba(p.get_edgecolor()) for p in ours}
        assert any((rgba(p.get_facecolor()) in faces) for p in ours)
        assert filled == (rgba("white") not in faces)
    shown = legend_texts(fig)
    assert label_of("legend.milestone", lang, year=2023) in shown
    assert any(t.startswith("点状" if lang == "zh" else "dotted") for t in shown)
    assert any(p.get_hatch() == "..." for p in swatches)
    plt.close(fig)
    fig = plots.status_overview(gaps.assign(latest_status="final"), lang=lang)
    assert not any(t.startswith(("点状", "dotted")) for t in legend_texts(fig))  # none drawn
    plt.close(fig)


def label_of(key: str, lang: str, **kw) -> str:
    return labels.label(key, lang, **kw)


def test_a_legend_leaves_no_entry_alone_on_a_row():
    """Five entries in four columns put "实际值" alone on a second row (the report writer's
    review): the columns are chosen so rows hold about as many entries."""
    assert [plots.balanced_columns(n) for n in range(1, 10)] == [1, 2, 3, 4, 3, 3, 4, 4, 3]

    fig, ax = plt.subplots()
    handles = [ax.plot([0, 1], [k, k])[0] for k in range(5)]
    plots._legend_below(ax, handles, list("abcde"))
    assert ax.get_legend()._ncols == 3
    plt.close(fig)


def test_status_overview_on_given_axes(gaps):
    fig, axes = plt.subplots(1, 2)
    assert plots.status_overview(gaps, lang="en", axes=axes) is fig
    with pytest.raises(ValueError, match="axes must be two Axes"):
        plots.status_overview(gaps, lang="en", axes=axes[:1])
    plt.close(fig)


# --------------------------------------------------------------------------- vintages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_vintage_chart(vintages, indicators, lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    fig = plots.vintage_chart(vintages, indicator_id="high_tech_enterprises",
                              milestone_year=2025, indicators=indicators, lang=lang)  # fmt: skip
    draw_strict(fig)
    ax = fig.axes[0]
    assert len(by_gid(fig, "vintage-mean")[0].get_xdata()) == 4
    assert by_gid(fig, "target-line")[0].get_ydata()[0] == 1500
    assert by_gid(fig, "vintage-pi80") and by_gid(fig, "vintage-pi95")
    title = ax.get_title(loc="left")
    assert ("2025年预测值" in title) if lang == "zh" else ("forecast for 2025" in title)
    plt.close(fig)


def test_vintage_chart_marks_the_actual_once_it_is_in(vintages, indicators):
    """At the final evaluation the chart showed the forecasts but not the outcome."""
    fig = plots.vintage_chart(vintages, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang="en", actual=1460.0)  # fmt: skip
    assert by_gid(fig, "actual-line")[0].get_ydata()[0] == 1460.0
    assert "Actual 2025" in legend_texts(fig)
    plt.close(fig)
    fig = plots.vintage_chart(vintages, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang="en", actual=float("nan"))  # fmt: skip
    assert not by_gid(fig, "actual-line")
    plt.close(fig)
    # a preliminary figure says so: it read as the final outcome
    fig = plots.vintage_chart(vintages, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang="en", actual=1460.0,
                              actual_status="preliminary")  # fmt: skip
    assert "Actual 2025 (preliminary)" in legend_texts(fig)
    # a figure at the target leaves the dashed target line visible over its own
    assert by_gid(fig, "target-line")[0].get_zorder() > by_gid(fig, "actual-line")[0].get_zorder()
    plt.close(fig)


def test_the_vintage_charts_actual_line_carries_its_value(vintages, indicators):
    """The target line had its value at the right edge and the actual's line none: a reader
    could not tell the outcome's figure from the chart."""
    kwargs = {"indicator_id": "high_tech_enterprises", "milestone_year": 2025,
              "indicators": indicators, "lang": "en"}  # fmt: skip
    fig = plots.vintage_chart(vintages, actual=1234.0, **kwargs)
    actual, target = by_gid(fig, "actual-value")[0], by_gid(fig, "target-value")[0]
    assert actual.get_text() == "1,234" and target.get_text() == "1,500"
    assert actual.xy == (1.0, 1234.0) and actual.get_color() != target.get_color()
    assert actual.get_va() == target.get_va() == "center"  # far apart: each on its line
    plt.close(fig)
    # an outcome just above its target: the two labels are set apart, not over each other
    fig = plots.vintage_chart(vintages, actual=1510.0, **kwargs)
    actual, target = by_gid(fig, "actual-value")[0], by_gid(fig, "target-value")[0]
    assert (actual.get_va(), target.get_va()) == ("bottom", "top")
    fig.canvas.draw()
    box_a = actual.get_window_extent()
    box_t = target.get_window_extent()
    assert box_a.y0 >= box_t.y1 - 0.5
    plt.close(fig)


def test_chart_figures_show_their_targets_decimals_as_the_tables_do(
    vintages, observations, indicators
):
    """The coverage grid and the vintage chart printed the patents' "3" where the tables,
    the key points and the brief say "3.0件/万人" against a target of 3.7."""
    from langfang_metrics import coverage

    tenths = vintages.assign(mean=vintages["mean"] / 400, target=3.7)
    for col in ("lo_80", "hi_80", "lo_95", "hi_95"):
        tenths[col] = vintages[col] / 400
    fig = plots.vintage_chart(tenths, actual=3.0, indicator_id="high_tech_enterprises",
                              milestone_year=2025, indicators=indicators, lang="zh")  # fmt: skip
    assert by_gid(fig, "actual-value")[0].get_text() == "3.0"
    assert by_gid(fig, "target-value")[0].get_text() == "3.7"
    plt.close(fig)
    cm = coverage.coverage_matrix(observations, indicators)
    share = cm.index[cm["indicator_id"] == "high_tech_industry_share"][0]
    firms = cm.index[cm["indicator_id"] == "high_tech_enterprises"][0]
    cm.loc[share, ["status", "value"]] = ["final", 38.0]
    cm.loc[firms, ["status", "value"]] = ["final", 1300.0]
    targets = pd.DataFrame({"indicator_id": ["high_tech_industry_share"] * 2
                            + ["high_tech_enterprises"],
                            "year": [2023, 2025, 2025], "value": [37.5, 40.0, 1500.0],
                            "comparison": ">="})  # fmt: skip
    for given, expected in ((targets, "38.0"), (None, "38")):
        fig = plots.coverage_chart(cm, indicators, lang="en", targets=given)
        shown = [t.get_text() for t in fig.axes[0].texts]
        assert expected in shown and "1,300" in shown  # the most decimals of its milestones
        plt.close(fig)


def test_one_series_labels_take_one_number_of_decimals(observations, trajectories, indicators):
    """The R&D bars read 54.03 / 61 / 64.6 / 71.4 / 77.8, one series in three precisions
    (the report writer's review): every bar takes the most decimals any of them was given
    with, at most two; the milestone labels of one indicator likewise."""
    obs = observations[observations["indicator_id"] != "rd_spending"]
    rd = pd.DataFrame({"indicator_id": "rd_spending", "region": "langfang",
                       "year": [2021, 2022, 2023, 2024, 2025],
                       "value": [54.03, 61.0, 64.6, 71.4, 77.8],
                       "status": ["final"] * 4 + ["preliminary"]})  # fmt: skip
    for lang in ("zh", "en"):
        fig = plots.rd_path_chart(pd.concat([obs, rd]), trajectories=trajectories,
                                  indicators=indicators, lang=lang)  # fmt: skip
        shown = [by_gid(fig, f"rd-value-{y}")[0].get_text() for y in range(2021, 2026)]
        plt.close(fig)
        assert shown == ["54.03", "61.00", "64.60", "71.40", "77.80"]
    assert plots.series_decimals([1300.0, 1500.0]) == 0
    assert plots.series_decimals([37.5, 40.0]) == 1
    assert plots.series_decimals([1.2345, 3.0]) == 2  # at most two
    from conftest import make_obs

    from langfang_metrics import registry

    tg = registry.load_targets()
    tg = tg[tg["indicator_id"] == "high_tech_enterprises"].assign(
        value=lambda t: np.where(t["year"] == 2023, 1300.5, 1500.0))  # fmt: skip
    fig = plots.trajectory_chart(make_obs([("high_tech_enterprises", 2022, 1262, "final")]),
                                 indicator_id="high_tech_enterprises",
                                 indicators=registry.load_indicators(), targets=tg, lang="en")  # fmt: skip
    assert [by_gid(fig, f"milestone-label-{y}")[0].get_text() for y in (2023, 2025)] == [
        "≥1,300.5", "≥1,500.0"]  # fmt: skip
    plt.close(fig)


@pytest.mark.parametrize(("target", "actual", "kind", "shown"), [
    # a growth rate's level target is computed (54.03 × 1.1⁴): the actual's decimals
    (79.105323, 77.8, "growth_rate", ("79.1", "77.8")),
    (3.7, 3.65, "level", ("3.70", "3.65")),  # a given target and figure: the more of the two
    (1500.0, 1234.5, "level", ("1,500.0", "1,234.5")),
    (1500.0, 1536.0, "level", ("1,500", "1,536")),
])  # fmt: skip
def test_the_vintage_charts_target_and_actual_share_their_decimals(
    vintages, indicators, target, actual, kind, shown
):
    """The R&D vintage chart printed the target 79.1 beside the actual 77.80 (the report
    writer's review): the two labels side by side take one number of decimals."""
    v = vintages.assign(target=target)
    ind = indicators.assign(kind=kind)
    fig = plots.vintage_chart(v, actual=actual, indicator_id="high_tech_enterprises",
                              milestone_year=2025, indicators=ind, lang="en")  # fmt: skip
    got = (by_gid(fig, "target-value")[0].get_text(), by_gid(fig, "actual-value")[0].get_text())
    plt.close(fig)
    assert got == shown


def _final_case(iid: str):
    """The final-evaluation charts whose target labels covered the actual line: the figures,
    the required path and the gap rows of the final scenario's invented returns."""
    from conftest import make_obs

    if iid == "tech_commissioners":
        rows = [(2023, 820, "final"), (2024, 905, "final"), (2025, 1030, "final")]
        gaps = [(2025, 1030.0, 1000.0, 30.0, 3.0, "met", "final")]
        path = [(2023, 820.0), (2024, 905.5), (2025, 1000.0)]
    else:
        rows = [
            (2020, 905, "final"),
            (2022, 1262, "revised"),
            (2023, 1288, "final"),
            (2024, 1512, "final"),
            (2025, 1536, "preliminary"),
        ]
        gaps = [
            (2023, 1288.0, 1300.0, -12.0, -0.92, "missed", "final"),
            (2025, 1536.0, 1500.0, 36.0, 2.4, "met", "preliminary"),
        ]
        path = [
            (2020, 905.0),
            (2021, 1021.1),
            (2022, 1152.2),
            (2023, 1300.0),
            (2024, 1396.4),
            (2025, 1500.0),
        ]
    obs = make_obs([(iid, y, v, st) for y, v, st in rows])
    gap = pd.DataFrame([{"indicator_id": iid, "milestone_year": y, "projected": p,
                         "target": t, "projected_gap": d, "projected_gap_pct": pct,
                         "ex_post": ex, "latest_status": st}
                        for y, p, t, d, pct, ex, st in gaps])  # fmt: skip
    traj = pd.DataFrame([{"indicator_id": iid, "year": y, "path": "required", "value": v}
                         for y, v in path])  # fmt: skip
    return obs, gap, traj


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("iid", ["tech_commissioners", "high_tech_enterprises"])
def test_a_target_label_never_covers_the_actual_line(iid, lang):
    """The white box behind "≥1,000" erased the tech commissioners' 2024-2025 segment, and
    "≥1,300" washed out the high-tech firms' line rising from 2023 (the report writer's
    review of the final evaluation): as laid out, no label's box crosses the actual line or
    a figure's marker."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    from langfang_metrics import registry

    obs, gap, traj = _final_case(iid)
    fig = plots.trajectory_chart(obs, indicator_id=iid, indicators=registry.load_indicators(),
                                 targets=registry.load_targets(), trajectories=traj, gap=gap,
                                 lang=lang)  # fmt: skip
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    actual = [ln for ln in ax.lines if str(ln.get_gid()).startswith(("observed", "obs-"))]
    marks = [t for t in ax.texts if str(t.get_gid()).startswith("milestone-label-")]
    notes = [t.get_window_extent(renderer) for t in by_gid(fig, "projected-gap")]
    boxes = [plots._label_box(t, renderer) for t in marks]
    plt.close(fig)
    assert marks and actual
    for box in boxes:
        assert not any(plots.line_hits(ln, box) for ln in actual)
        assert not any(box.overlaps(n) for n in notes)
        assert ax.get_window_extent(renderer).contains(box.x0, box.y1)


def test_a_gap_of_one_takes_the_singular_unit():
    """ "Shortfall 1 projects per year" on the English chart, where the tables say "1 project"
    (views.with_unit); a gap in one year, without the target's "per year" (views.year_unit:
    "差1项/年" read as a rate attached to a single year, the planner's review)."""
    from langfang_metrics import registry

    ind = registry.load_indicators()
    row = ind.set_index("indicator_id").loc["key_core_tech_per_year"]
    g = pd.Series({"milestone_year": 2025, "projected": 9.0, "target": 10.0,
                   "projected_gap": -1.0, "projected_gap_pct": -10.0, "ex_post": "missed",
                   "latest_status": "final"})  # fmt: skip
    assert plots._gap_note(g, row, row["unit_en"], "en")[3] == "Shortfall\n1 project (10.0%)"
    assert plots._gap_note({**g, "projected_gap": -2.0}, row, row["unit_en"], "en")[3] == (
        "Shortfall\n2 projects (10.0%)")  # fmt: skip
    assert plots._gap_note(g, row, row["unit_zh"], "zh")[3] == "实际缺口\n1项（10.0%）"


def test_the_vintage_charts_actual_carries_its_figures_status():
    import pandas as pd

    from langfang_metrics.figures import milestone_figure

    obs = pd.DataFrame({"indicator_id": "x", "region": ["langfang", "langfang", "hebei"],
                        "year": [2025, 2025, 2024], "value": [10.0, 11.0, 9.0],
                        "status": ["preliminary", "estimate", "final"]})  # fmt: skip
    assert milestone_figure(obs, "x", 2025) == {"actual": 10.0, "actual_status": "preliminary"}
    assert milestone_figure(obs, "x", 2024) == {"actual": None, "actual_status": ""}


def note_when(year: str, lang: str) -> str:
    return f"{year}年" if lang == "zh" else year


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_vintage_chart_of_one_vintage_says_so(vintages, indicators, lang):
    """The title promises a change across data vintages; with one there is none to see."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    assert not by_gid(plots.vintage_chart(vintages, indicator_id="high_tech_enterprises",
                                          milestone_year=2025, indicators=indicators,
                                          lang=lang), "one-vintage")  # fmt: skip
    plt.close("all")
    one = vintages[vintages["as_of"] == vintages["as_of"].max()]
    fig = plots.vintage_chart(one, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang=lang)  # fmt: skip
    draw_strict(fig)
    (note,) = by_gid(fig, "one-vintage")
    year = str(int(one["as_of"].iloc[0]))
    assert (f"截至{year}年" if lang == "zh" else f"data to {year}") in note.get_text()
    # on an opaque box above the gridlines, which ran through its text
    box = note.get_bbox_patch()
    assert box is not None and box.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert note.get_zorder() > max(line.get_zorder() for line in fig.axes[0].get_ygridlines())
    assert note.get_text() == labels.label("note.one_vintage", lang, when=note_when(year, lang))
    plt.close(fig)
    # once the year's actual is in, no vintage follows: "each new year adds one" was untrue
    fig = plots.vintage_chart(one, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang=lang, actual=1500.0)  # fmt: skip
    (note,) = by_gid(fig, "one-vintage")
    assert note.get_text() == labels.label("note.one_vintage_settled", lang,
                                           when=note_when(year, lang))  # fmt: skip
    plt.close(fig)
    dated = one.assign(as_of=pd.to_datetime(["2023-03-01"]))  # a date is not followed by 年
    fig = plots.vintage_chart(dated, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang=lang)  # fmt: skip
    assert "2023-03-01" in by_gid(fig, "one-vintage")[0].get_text()
    assert "2023-03-01年" not in by_gid(fig, "one-vintage")[0].get_text()
    plt.close(fig)


def test_vintage_chart_with_date_vintages(vintages, indicators):
    dated = vintages.assign(as_of=pd.to_datetime(["2021-03-01", "2022-03-01", "2023-03-01",
                                                   "2024-03-01"]))  # fmt: skip
    fig = plots.vintage_chart(dated, indicator_id="high_tech_enterprises", milestone_year=2025,
                              indicators=indicators, lang="en")  # fmt: skip
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][0] == "2021-03-01"
    plt.close(fig)


# --------------------------------------------------------------------------- empty input


def test_trajectory_chart_refuses_a_start_year_that_is_not_a_year(observations):
    with pytest.raises(ValueError, match="start_year must be a year such as 2015, got 'x'"):
        plots.drawn_observations(observations, "high_tech_enterprises", start_year="x")


def test_the_vintage_charts_source_says_how_its_figures_were_read(vintages, indicators):
    """Vintages read as published by then (``known_by``) carried the source line "as known
    now, later revisions included" (the statistician's review): the line follows the
    vintages drawn."""

    def source(v) -> str:
        fig = plots.vintage_chart(v, indicator_id="high_tech_enterprises", milestone_year=2025,
                                  indicators=indicators, lang="en")  # fmt: skip
        text = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
        plt.close(fig)
        return text

    assert "(as known now, later revisions included)" in source(vintages)
    dated = vintages.assign(known_by=["2021-03-01", "2022-03-01", "2023-03-01", "2024-03-01"])
    assert "as published by then (later revisions left out)" in source(dated)
    partly = vintages.assign(known_by=["", "", "2023-03-01", "2024-03-01"])
    assert "as published by then where the figures are dated" in source(partly)


def test_vintage_chart_refuses_an_unknown_indicator(vintages, indicators):
    with pytest.raises(ValueError, match="indicator 'high_tech' is not in the indicators frame"):
        plots.vintage_chart(vintages, indicator_id="high_tech", milestone_year=2025,
                            indicators=indicators)  # fmt: skip


def _all_charts(lang, indicators, targets, observations, gaps, vintages, trajectories):
    empty_obs = observations.iloc[:0]
    return [
        plots.trajectory_chart(empty_obs, indicator_id="rd_spending", indicators=indicators,
                               targets=targets.iloc[:0], lang=lang),
        plots.rd_path_chart(empty_obs, trajectories=trajectories.iloc[:0],
                            indicators=indicators, lang=lang),
        plots.gap_dashboard(gaps.iloc[:0], lang=lang),
        plots.status_overview(gaps.iloc[:0], lang=lang),
        plots.vintage_chart(vintages.assign(mean=np.nan), indicator_id="high_tech_enterprises",
                            milestone_year=2025, indicators=indicators, lang=lang),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_says_no_data_on_empty_input(
    lang, indicators, targets, observations, gaps, vintages, trajectories
):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    figs = _all_charts(lang, indicators, targets, observations, gaps, vintages, trajectories)
    message = "暂无数据" if lang == "zh" else "No data yet"
    for fig in figs:
        draw_strict(fig)
        assert message in texts(fig)
        plt.close(fig)


# --------------------------------------------------------------------------- no CJK font


def test_zh_without_cjk_font_draws_english_with_one_warning(
    no_cjk, observations, traj_kwargs, gaps, vintages, indicators
):
    with pytest.warns(UserWarning, match="No Chinese") as record:
        figs = [
            plots.trajectory_chart(observations, lang="zh", **traj_kwargs),
            plots.gap_dashboard(gaps, lang="zh"),
            plots.status_overview(gaps, lang="zh"),
        ]
    assert len(record) == 1
    assert figs[0].axes[0].get_title(loc="left") == "High-tech enterprises"
    rows = [t.get_text() for t in figs[2].axes[1].get_yticklabels()]
    # 市数据和政务服务局 has no English name in the table: a neutral placeholder
    assert any(re.fullmatch(r"Department \d", r) for r in rows)
    for fig in figs:
        assert not any(CJK.search(t) for t in texts(fig)), texts(fig)
        plt.close(fig)


def test_source_line_in_english_uses_the_english_gloss():
    from langfang_metrics.plots import _source_name

    src = "廊坊市新闻发布会 (Langfang press conference on S&T achievements), 2023-02-10, reprint"
    # with its date: "廊坊市新闻发布会" alone could not be cited (which one?)
    assert _source_name(src, "en") == "Langfang press conference on S&T achievements, 2023-02-10"
    assert _source_name(src, "zh") == "廊坊市新闻发布会（2023-02-10）"
    assert _source_name("tjj.hebei.gov.cn", "en") == "tjj.hebei.gov.cn"
    # a name that carries its year, or a gloss that carries the date, is not dated twice
    dated = "2023年河北省科技经费投入统计公报 (Hebei Statistics Bureau, 2024-12-20)"
    assert _source_name(dated, "zh") == "2023年河北省科技经费投入统计公报"
    glossed = "廊坊市科技大会报道 (Langfang S&T conference, 2016-09-28), news report"
    assert _source_name(glossed, "en") == "Langfang S&T conference, 2016-09-28"
    assert _source_name(glossed, "zh") == "廊坊市科技大会报道（2016-09-28）"
    # without a gloss: two reports of one site on two days were one source in the brief
    bare = "河北新闻网 report of Hebei S&T work, 2018-02-06, mirror"
    assert _source_name(bare, "en") == "河北新闻网 report of Hebei S&T work, 2018-02-06"


def test_an_english_source_line_says_whose_return_a_chinese_source_is(observations):
    """The English chart of high-tech enterprises cited "TEST INVENTED 市科技局复核" bare
    (a source the Science and Technology Bureau typed into its return); "TEST INVENTED",
    typed in three departments' returns, is one source."""
    from langfang_metrics.plots import _source_text

    obs = observations.iloc[:4].assign(source=[
        "TEST INVENTED 市科技局复核", "TEST INVENTED", "TEST INVENTED", "市科技局"])  # fmt: skip
    obs["origin_file"] = ["/r/市科技局_2023-2025.csv", "/r/市科技局_2023-2025.csv",
                          "/r/市统计局_2023-2025.csv", "/r/市科技局_2023-2025.csv"]  # fmt: skip
    en = "".join(_source_text(obs, "en").split())
    assert en == "".join(
        "Science and Technology Bureau's return: TEST INVENTED 市科技局复核; TEST INVENTED; "
        "Science and Technology Bureau".split())  # fmt: skip
    assert (
        "".join(_source_text(obs, "zh").split())
        == "TESTINVENTED市科技局复核；TESTINVENTED；市科技局"
    )


def test_the_coverage_source_line_names_a_return_by_its_department_in_english():
    """The English coverage chart's source line named "市市场监督管理局_2023-2024.xlsx"."""
    from langfang_metrics.plots import source_files

    files = ["data/raw/observations.csv", "市市场监督管理局_2023-2024.xlsx",
             "市科技局_2023-2025.csv", "市科技局_2026.csv", "returns.csv"]  # fmt: skip
    assert source_files(files, "en") == [
        "the public figures the project collected", "Market Regulation Bureau's return",
        "Science and Technology Bureau's return", "returns.csv"]  # fmt: skip
    assert source_files(None, "en") == ["the public figures the project collected"]


def test_the_chinese_coverage_source_line_names_the_departments_not_their_files():
    """coverage_zh read "…及市市场监督管理局_2023-2024.xlsx、市科技局_2023-2025.csv等3个文件"
    where coverage_en named the departments (the report writer's review); a file whose
    sender is unknown keeps its name."""
    from langfang_metrics.plots import source_files

    files = ["data/raw/observations.csv", "市市场监督管理局_2023-2024.xlsx",
             "市科技局_2023-2025.csv", "市科技局_2026.csv", "returns.csv"]  # fmt: skip
    assert source_files(files, "zh") == [
        "本项目汇集的公开数据", "市市场监督管理局、市科技局报送的数据和returns.csv"]  # fmt: skip
    assert source_files([*files[1:], "市统计局_2023-2025.csv"], "zh", most=2) == [
        "市市场监督管理局、市科技局等3个部门报送的数据和returns.csv"]  # fmt: skip


def test_the_coverage_source_line_counts_the_returned_files_apart_from_the_shipped_table(
    observations, indicators
):
    """With three returns the source line read "本项目汇集的公开数据、市市场监督管理局_2023-2024.xlsx
    等4个文件": the shipped table counted as a file (the planner's review)."""
    from langfang_metrics import coverage

    files = ["data/raw/observations.csv", "市市场监督管理局_2023-2024.xlsx",
             "市科技局_2023-2025.csv", "市统计局_2023-2025.csv"]  # fmt: skip
    assert plots.coverage_sources(files, "zh") == (
        "本项目汇集的公开数据及市市场监督管理局、市科技局等3个部门报送的数据")  # fmt: skip
    assert plots.coverage_sources(files, "en") == (
        "the public figures the project collected; Market Regulation Bureau's return; "
        "Science and Technology Bureau's return and 1 more file")  # fmt: skip
    # returns alone are counted as before; the shipped table alone is words, no file
    assert plots.coverage_sources(files[1:], "zh") == (
        "市市场监督管理局、市科技局、市统计局报送的数据")  # fmt: skip
    assert plots.coverage_sources([*files, "returns.csv"], "zh") == (
        "本项目汇集的公开数据及市市场监督管理局、市科技局等3个部门报送的数据和returns.csv")  # fmt: skip
    assert plots.coverage_sources(files[:1], "zh") == "本项目汇集的公开数据"
    assert plots.coverage_sources((), "en") == "the public figures the project collected"
    fig = plots.coverage_chart(coverage.coverage_matrix(observations, indicators), indicators,
                               lang="zh", files=files)  # fmt: skip
    source = "".join(" ".join(t.get_text() for t in fig.texts).split())
    assert "等3个部门报送的数据" in source and "个文件" not in source
    plt.close(fig)


@pytest.mark.parametrize(
    ("returned", "zh", "en"),
    [
        # two returns and two files of no known sender: the departments' phrase had counted
        # as one of "等3个文件" (the review), where the English counted four files right
        (["returns/市科技局_2023-2025.csv", "returns/市统计局_2023-2025.csv",
          "returns/县里汇总.xlsx", "returns/乡镇.xlsx"],
         "市科技局、市统计局报送的数据和returns/县里汇总.xlsx等2个文件",
         "Science and Technology Bureau's return; Statistics Bureau's return and 2 more files"),
        (["returns/市科技局_2023-2025.csv", "returns/县里汇总.xlsx", "returns/乡镇.xlsx"],
         "市科技局报送的数据和returns/县里汇总.xlsx等2个文件",
         "Science and Technology Bureau's return; returns/县里汇总.xlsx and 1 more file"),
        # departments alone, files alone: as before
        (["returns/市科技局_2023-2025.csv", "returns/市统计局_2023-2025.csv",
          "returns/市市场监督管理局_2023-2024.xlsx"],
         "市科技局、市统计局等3个部门报送的数据",
         "Science and Technology Bureau's return; Statistics Bureau's return and 1 more file"),
        (["returns/县里汇总.xlsx", "returns/乡镇.xlsx", "returns/区里.xlsx"],
         "returns/县里汇总.xlsx、returns/乡镇.xlsx等3个文件",
         "returns/县里汇总.xlsx; returns/乡镇.xlsx and 1 more file"),
    ],
)  # fmt: skip
def test_the_coverage_source_line_counts_returns_and_unknown_files_apart(returned, zh, en):
    """Chinese and English count the same files: the departments' returns in one phrase, the
    files of no known sender counted among themselves."""
    shipped = "data/raw/observations.csv"
    assert plots.coverage_sources([shipped, *returned], "zh") == f"本项目汇集的公开数据及{zh}"
    assert plots.coverage_sources([shipped, *returned], "en") == (
        f"the public figures the project collected; {en}")  # fmt: skip
    # without the shipped table its name is free: one more file is named
    assert plots.coverage_sources(returned[:3], "zh").count("returns/") == sum(
        coverage.sender_of(f) is None for f in returned[:3])  # fmt: skip


def test_the_dashboard_lists_indicators_in_the_tables_order():
    """Tech leader enterprises came before the two high-tech rows in the brief's table and
    after them in the dashboard beside it (the report writer's review)."""
    from langfang_metrics import compute, views

    r = compute.load_results()
    g = r.gaps.copy()
    # a worse status for a later indicator of the first section moves it up in the table
    later = g["indicator_id"].eq("tech_leader_enterprises") & g["milestone_year"].eq(2025)
    g.loc[later, "status"] = "insufficient_progress"
    fig = plots.gap_dashboard(g, milestone_year=2025, lang="en")
    shown = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    table = views.target_overview(g, r.indicators, lang="en")
    names = list(dict.fromkeys(table.loc[table["milestone_year"] == 2025, "name"]))
    drawn = [n for n in shown if n in names]
    assert drawn == [n for n in names if n in drawn] and len(drawn) >= 10
    assert drawn.index("Tech leader enterprises") < drawn.index("High-tech enterprises")


def test_each_milestones_dashboard_is_ordered_by_its_own_statuses():
    """The 2025 dashboard ranked each indicator by the worse of its two milestones, so a
    2023 miss the chart does not show set an "achieved" row above a "missed" one (每年立项
    "已实现*" above 技术巡诊 "未达标": the report writer's review). Each milestone's rows go
    by that milestone's status, worst first, within their plan section."""
    from langfang_metrics import compute, views

    r = compute.load_results()
    g = r.gaps.copy()

    def put(iid, year, status):
        g.loc[g["indicator_id"].eq(iid) & g["milestone_year"].eq(year), "status"] = status

    put("high_tech_enterprises", 2023, "missed")
    put("high_tech_enterprises", 2025, "achieved")
    put("tech_leader_enterprises", 2025, "insufficient_progress")
    names = r.indicators.set_index("indicator_id")["name_en"]
    for year in (2025, 2023):
        fig = plots.gap_dashboard(g, milestone_year=year, lang="en")
        shown = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
        plt.close(fig)
        mine = g[g["milestone_year"] == year]
        rank = mine.set_index("indicator_id")["status"].map(views.SEVERITY_ORDER.index)
        section = mine.set_index("indicator_id")["section_en"]
        drawn = [iid for iid in names.index if names[iid] in shown]
        drawn.sort(key=lambda iid: shown.index(names[iid]))
        # plan sections stay together, each in one run of rows
        runs = [k for k, _ in itertools.groupby(section[drawn])]
        assert len(runs) == len(set(runs))
        for a, b in itertools.pairwise(drawn):  # within a section, never a better one first
            assert section[a] != section[b] or rank[a] <= rank[b]
        if year == 2025:  # the 2023 miss no longer lifts the firms' 2025 "achieved" row
            assert shown.index(names["tech_leader_enterprises"]) < shown.index(
                names["high_tech_enterprises"])  # fmt: skip


def test_gap_dashboard_grows_with_its_rows_up_to_a4(gaps):
    many = pd.concat([gaps.assign(indicator_id=gaps["indicator_id"] + f"_{i}") for i in range(8)])
    sizes = [plots.gap_dashboard(g, lang="en").get_size_inches()[1] for g in (gaps, many)]
    plt.close("all")
    assert sizes[0] < sizes[1] == pytest.approx(plots._FIGSIZE_A4[1])


# --------------------------------------------------------------------------- coverage
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_chart_colour_and_text_per_cell(observations, indicators, lang):
    from langfang_metrics import coverage

    cm = coverage.coverage_matrix(observations, indicators)
    fig = plots.coverage_chart(cm, indicators, lang=lang)
    draw_strict(fig)
    ax = fig.axes[0]
    cells = [p for p in ax.patches if (p.get_gid() or "").startswith("cell-")]
    assert len(cells) == len(cm)  # one cell per indicator and year
    assert {p.get_gid()[5:] for p in cells} == set(cm["status"])
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("—") == int((cm["status"] == "none").sum())  # nothing held: a dash
    assert len(texts) == len(cm)  # every held figure prints its value
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(y) for y in sorted(set(cm["year"]))]
    words = set(legend_texts(fig))
    assert labels.label("coverage.none", lang) in words
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_chart_rows_name_their_units(observations, indicators, lang):
    """The cells are bare numbers (54.03, 35.6): each row says what they count."""
    from langfang_metrics import coverage

    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    cm = coverage.coverage_matrix(observations, indicators)
    fig = plots.coverage_chart(cm, indicators, lang=lang)
    rows = [t.get_text().replace("\n", "") for t in fig.axes[0].get_yticklabels()]
    by_id = indicators.set_index("indicator_id")
    for iid, row in zip(dict.fromkeys(cm["indicator_id"]), rows, strict=True):
        unit, name = by_id.loc[iid, f"unit_{lang}"], by_id.loc[iid, f"name_{lang}"]
        if unit.casefold() in name.casefold():  # "… per 10,000 people": said once
            assert row.replace(" ", "") == name.replace(" ", ""), (row, unit)
            continue
        expected = f"（{unit}）" if lang == "zh" else f" ({unit})"
        assert row.replace(" ", "").endswith(expected.replace(" ", "")), (row, unit)
    plt.close(fig)
    first = cm["indicator_id"].iloc[0]
    named = indicators.copy()
    unit = by_id.loc[first, f"unit_{lang}"]
    named.loc[named["indicator_id"] == first, f"name_{lang}"] = f"Patents {unit}"
    fig = plots.coverage_chart(cm, named, lang=lang)
    shown = fig.axes[0].get_yticklabels()[0].get_text().replace("\n", " ")
    assert shown.replace(" ", "") == f"Patents {unit}".replace(" ", "")  # the unit said once
    plt.close(fig)


def test_coverage_chart_names_the_input_files_and_prints_values_as_the_tables_do(
    observations, indicators
):
    from langfang_metrics import coverage

    obs = observations.copy()
    home = obs["region"] == "langfang"
    obs.loc[home, "origin_file"] = "/home/stat/returns/科技局_2024.xlsx"
    obs.loc[obs.index[home][:1], "origin_file"] = "data/raw/observations.csv"
    files = coverage.input_files(obs)
    assert files == ["data/raw/observations.csv", "科技局_2024.xlsx"]  # no user folder shown
    cm = coverage.coverage_matrix(obs, indicators)
    cm.loc[cm.index[0], ["status", "value"]] = ["final", 60.0]
    cm.loc[cm.index[1], ["status", "value"]] = ["final", 54.03]
    fig = plots.coverage_chart(cm, indicators, lang="en", files=files)
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert "60" in shown  # not "60.0" beside "130"
    assert "54.03" in shown  # a published figure as the tables print it, not "54"
    source = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    # the shipped table in words (a path told a printed report's reader nothing)
    assert "the public figures the project collected; 科技局_2024.xlsx" in source
    assert "data/raw" not in source
    plt.close(fig)
    many = [f"return_{i}.xlsx" for i in range(5)]
    assert coverage.files_text(many, "zh") == "return_0.xlsx、return_1.xlsx等5个文件"
    assert coverage.files_text(many, "en") == "return_0.xlsx; return_1.xlsx and 3 more files"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # a break after the full-width colon, not inside "2025" (which split as "2\n025")
        ("每万人口高价值发明专利拥有量：2025年预测值随数据更新的变化", 30,
         "每万人口高价值发明专利拥有量：\n2025年预测值随数据更新的变化"),
        # before 占, the joint of a share's name: not inside 研发投入 or 规模
        ("规模以上工业企业研发投入占营业收入比重", 16, "规模以上工业企业研发投入\n占营业收入比重"),
        ("高新技术产业增加值占规模以上工业增加值比重", 16,
         "高新技术产业增加值\n占规模以上工业增加值比重"),
        # a quoted term stays on one line (it split as "…“专精特" / "新”…")
        ("市级以上“专精特新”中小企业新增数", 16, "市级以上“专精特新”\n中小企业新增数"),
        ("短标题：1,300家", 16, "短标题：1,300家"),
    ],
)  # fmt: skip
def test_chinese_wrap_keeps_numbers_whole_and_prefers_phrase_breaks(text, width, expected):
    assert plots._wrap(text, "zh", width_zh=width) == expected


def test_chinese_wrap_rules_hold_for_any_width():
    text = "高新技术企业数量（2020年基数905家）：到2025年达到1,500家，R&D投入年均增长10%"
    for width in range(6, 40):
        lines = plots._wrap(text, "zh", width_zh=width).split("\n")
        assert "".join(lines) == text.replace(" ", "")
        for line in lines:
            assert len(line) <= width or re.fullmatch(r".?[0-9A-Za-z.,&%+\-/]+.?", line)
        for a, b in zip(lines[:-1], lines[1:], strict=True):
            glued = a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum()
            assert not glued, (width, a, b)  # no number or Latin word is split
            assert b[0] not in "）。，：、%" and a[-1] not in "（“"


def test_a_shares_gap_is_in_percentage_points_not_a_percent(observations, traj_kwargs):
    ind = traj_kwargs["indicators"].copy()
    ind.loc[ind["indicator_id"] == "high_tech_enterprises", ["kind", "unit_zh", "unit_en"]] = [
        "share", "%", "%"]  # fmt: skip
    gap = traj_kwargs["gap"].assign(projected_gap=-3.97, projected_gap_pct=-9.9)
    for lang, want in (("en", "\n3.97 pp"), ("zh", "\n3.97个百分点")):
        if lang == "zh" and not HAS_CJK:
            continue
        fig = plots.trajectory_chart(
            observations, lang=lang, **{**traj_kwargs, "indicators": ind, "gap": gap}
        )
        text = by_gid(fig, "projected-gap")[0].get_text()
        assert text.endswith(want) and "9.9" not in text, text
        plt.close(fig)


def test_chart_numbers_drop_empty_decimals():
    assert [plots._fmt(v) for v in (10.0, 35.6, 1.45, 1300.0, 2.5)] == [
        "10", "35.6", "1.45", "1,300", "2.5"]  # fmt: skip
    assert plots._fmt(40.0, signed=True) == "+40" and plots._fmt(-0.001, signed=True) == "0"
    # a change's minus is the minus sign (no line break after it); ticks keep the style's
    assert plots._fmt(-3.97, signed=True) == "\u22123.97" and plots._fmt(-3.97) == "-3.97"


def test_a_yearly_flows_other_targets_share_one_marker_and_one_legend_entry(observations):
    from langfang_metrics import registry

    ind, tg = registry.load_indicators(), registry.load_targets()
    obs = observations.iloc[:0]
    fig = plots.trajectory_chart(obs, indicator_id="key_core_tech_per_year", indicators=ind,
                                 targets=tg, lang="en")  # fmt: skip
    legend = legend_texts(fig)
    assert legend.count("Target, other years") == 1 and "2021 target" not in legend
    assert "2023 target" in legend and "2025 target" in legend
    others = [by_gid(fig, f"milestone-{y}")[0].get_marker() for y in (2021, 2022, 2024)]
    assert set(others) == {"p"}  # "P" is the marker of an other-definition figure
    plt.close(fig)


def test_a_target_label_moves_off_a_data_point_sitting_above_its_marker():
    from conftest import make_obs

    from langfang_metrics import registry

    ind, tg = registry.load_indicators(), registry.load_targets()
    # 1,320 firms in 2023, just above the 2023 target of 1,300: the label "≥1,300" above the
    # marker covered that point, and below it the line rising from 2020 runs in: it goes right
    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2023, 1320, "final")])  # fmt: skip
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_enterprises", indicators=ind,
                                 targets=tg, lang="en")  # fmt: skip
    placed = by_gid(fig, "milestone-label-2023")[0]
    assert placed.xyann == (9, 0) and placed.get_ha() == "left"
    assert by_gid(fig, "milestone-label-2025")[0].xyann == (0, 9)  # nothing there: above
    plt.close(fig)
    # a flat series sitting just above a target a year later: below is free
    obs = make_obs([("high_tech_enterprises", 2023, 1320, "final")])
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_enterprises", indicators=ind,
                                 targets=tg, lang="en")  # fmt: skip
    placed = by_gid(fig, "milestone-label-2023")[0]
    plt.close(fig)
    assert placed.xyann == (0, -11) and placed.get_va() == "top"


def test_a_target_with_one_figure_in_its_own_year_spans_the_plan_years():
    """Tech leaders' only figure is their 2025 outcome: the axis ran 1925-2125 (matplotlib
    spreads one x value over two centuries), and the "≥1,100" label above the top marker
    ran into the title."""
    from conftest import make_obs

    from langfang_metrics import config, registry

    ind, tg = registry.load_indicators(), registry.load_targets()
    tg = tg[tg["indicator_id"] == "high_tech_enterprises"].assign(
        indicator_id="devzone_high_tech_enterprises"
    )
    tg = tg[tg["year"] == 2025].assign(value=1100.0)
    obs = make_obs([("devzone_high_tech_enterprises", 2025, 900, "preliminary")])
    fig = plots.trajectory_chart(obs, indicator_id="devzone_high_tech_enterprises",
                                 indicators=ind, targets=tg, lang="en")  # fmt: skip
    draw_strict(fig)
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    assert config.PLAN_BASE_YEAR - 1 < lo < config.PLAN_BASE_YEAR and 2025 < hi < 2027
    assert [int(t) for t in ax.get_xticks()] == list(range(config.PLAN_BASE_YEAR, 2026))
    assert ax.get_ylim()[0] == 0  # fitted to 900 and 1,100 alone, the gap filled the plot
    box = by_gid(fig, "milestone-label-2025")[0].get_window_extent()
    assert box.y1 <= ax.get_window_extent().y1  # inside the axes, under the title
    plt.close(fig)


def test_room_for_a_top_label_does_not_shut_out_a_context_figure():
    """The room made for the label above the top target was set before the context
    figures were drawn: a part-year 700 fell outside the fixed axis, listed in the legend
    but drawn nowhere."""
    from conftest import make_obs

    from langfang_metrics import registry

    obs = make_obs([("high_tech_enterprises", 2020, 905, "final"),
                    ("high_tech_enterprises", 2022, 1258, "final"),
                    ("high_tech_enterprises", 2023, 1450, "final"),
                    ("high_tech_enterprises", 2024, 700, "part-year")])  # fmt: skip
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_enterprises",
                                 indicators=registry.load_indicators(),
                                 targets=registry.load_targets(), lang="en")  # fmt: skip
    draw_strict(fig)
    ax = fig.axes[0]
    lo, hi = ax.get_ylim()
    drawn = [y for line in ax.lines for y in np.asarray(line.get_ydata(), dtype=float)]
    assert 700 in drawn and lo <= 700 <= hi
    for year in (2023, 2025):  # and the labels stay inside the axes
        box = by_gid(fig, f"milestone-label-{year}")[0].get_window_extent()
        assert box.y1 <= ax.get_window_extent().y1
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_narrow_dashboards_title_stays_clear_of_its_column_heads(lang):
    """At the brief's text width the English title ran into "Progress Status"."""
    from langfang_metrics import compute, config

    gaps = compute.load_results().gaps
    fig = plots.gap_dashboard(gaps[gaps["status"] != "insufficient_data"], milestone_year=2025,
                              lang=lang, width=config.BRIEF_TEXT_WIDTH_MM / 25.4)  # fmt: skip
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = fig.axes[0].title if fig.axes[0].get_title() else fig.axes[0]._left_title
    box = title.get_window_extent(renderer)
    heads = [t.get_window_extent(renderer) for t in fig.axes[0].texts
             if t.get_gid() == "column-head"]  # fmt: skip
    assert heads and all(not box.overlaps(h) for h in heads)
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("narrow", [False, True])
def test_a_dashboards_column_heads_do_not_sit_on_a_tick_label(lang, narrow):
    """ "Progress Status" sat 1.5 mm over the top "150%" and read as one heading with it."""
    from langfang_metrics import compute, config

    gaps = compute.load_results().gaps
    kwargs = {"width": config.BRIEF_TEXT_WIDTH_MM / 25.4} if narrow else {}
    fig = plots.gap_dashboard(gaps, milestone_year=2025, lang=lang, **kwargs)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    heads = [t.get_window_extent(renderer) for t in fig.findobj(Text)
             if t.get_gid() == "column-head"]  # fmt: skip
    ticks = [t.get_window_extent(renderer) for axis in fig.findobj(XAxis)
             for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]  # fmt: skip
    plt.close(fig)
    assert heads and ticks
    for h in heads:  # no tick label just under a head, in its column
        under = [t for t in ticks if h.y0 - 3 * h.height <= t.y1 <= h.y0 + 1]
        assert not any(h.x0 < t.x1 and t.x0 < h.x1 for t in under), lang


def test_a_short_gap_is_bracketed_not_crossed_arrows():
    """+37 firms beside 1,500 drew the double arrow's heads crossed: an "X" beside
    "projected surplus"."""
    import matplotlib.pyplot as plt

    from langfang_metrics.plots import _annotate_gap

    styles = {}
    for name, projected in (("short", 1537.0), ("long", 2400.0)):
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.set_ylim(0, 3000)
        _annotate_gap(ax, (2025, projected, 1500.0, "gap"))
        (arrow,) = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
        styles[name] = type(arrow.arrow_patch.get_arrowstyle()).__name__
        plt.close(fig)
    assert styles["short"] != styles["long"] and styles["short"] == "BarAB"


def test_a_figure_replaced_by_a_better_one_of_its_year_is_not_drawn(observations):
    """A preliminary 1,320 drawn above the 1,300 target hid the revised 1,290 that missed
    it; bounds stay, as context."""
    revised = observations.iloc[[3]].assign(value=1165.0, status="revised")
    obs = pd.concat([observations, revised], ignore_index=True)
    drawn = plots.drawn_observations(obs, "high_tech_enterprises")
    y2022 = drawn[drawn["year"] == 2022].sort_values("status")
    assert list(zip(y2022["status"], y2022["value"], strict=True)) == [
        ("lower-bound", 1150.0), ("revised", 1165.0)]  # fmt: skip
    assert (drawn["year"] == 2023).sum() == 1  # an estimate alone in its year stays


def test_a_row_of_the_coverage_chart_names_its_unit_unless_its_name_says_it():
    """项 inside 项目 was taken for the unit: "评价和转化科技项目(成果)" lost its "（项）"."""
    from langfang_metrics.plots import _names_unit

    assert not _names_unit("评价和转化科技项目(成果)", "项", "zh")
    assert _names_unit("High-value invention patents per 10,000 people", "per 10,000 people", "en")
    assert _names_unit("Enterprise innovation consortia", "consortia", "en")
    assert not _names_unit("Consortia-led projects", "projects of consortia", "en")
    assert not _names_unit("Firmsworth index", "firms", "en")


def test_a_count_of_a_few_things_gets_whole_number_ticks():
    """Key core technologies (10 a year) had ticks 9.0, 9.5, ..., 13.0 projects."""
    from langfang_metrics import registry

    indicators, targets = registry.load_indicators(), registry.load_targets()
    obs = pd.DataFrame({"indicator_id": "key_core_tech_per_year", "region": "langfang",
                        "year": [2021, 2022, 2023, 2024, 2025],
                        "value": [12.0, 9.0, 11.0, 10.0, 13.0], "status": "final"})  # fmt: skip
    fig = plots.trajectory_chart(obs, indicator_id="key_core_tech_per_year",
                                 indicators=indicators, targets=targets, lang="en")  # fmt: skip
    fig.canvas.draw()
    ticks = [t for t in fig.axes[0].get_yticks() if fig.axes[0].get_ylim()[0] <= t]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    plt.close(fig)
    # a share keeps its decimals
    share = obs.assign(indicator_id="high_tech_industry_share", value=[35.6, 35.9, 36.1, 36.2,
                                                                       36.4])  # fmt: skip
    fig = plots.trajectory_chart(share, indicator_id="high_tech_industry_share",
                                 indicators=indicators, targets=targets, lang="en")  # fmt: skip
    assert not getattr(fig.axes[0].yaxis.get_major_locator(), "_integer", False)
    plt.close(fig)


def test_the_department_matrix_shades_each_column_in_its_own_status_colour():
    """One blue ramp painted 18 targets without data in the on-track blue (the print and
    screen review): a reader took the darkest cell for good news."""
    from matplotlib.colors import to_rgb

    values = np.array([[1, 18], [2, 3], [0, 0]])
    shades = plots.status_shades(values, ["on_track", "insufficient_data"])
    assert shades.shape == (3, 2, 3)
    assert np.allclose(shades[2], 1.0)  # none: white
    grey = np.array(to_rgb(style.STATUS_COLORS["insufficient_data"]))
    blue = np.array(to_rgb(style.STATUS_COLORS["on_track"]))
    # the fullest cell leans to its own status's colour, not to the other column's
    full = shades[0, 1]
    assert np.linalg.norm(full - grey) < np.linalg.norm(full - blue)
    assert np.allclose(1 - full, 0.8 * (1 - grey))  # the largest count at 80 %
    # more targets, a deeper shade, within each column
    assert (shades[0, 1] < shades[1, 1]).all() and (shades[1, 0] < shades[0, 0]).all()
    # one target is seen beside 18: at least a fifth of the way to its colour
    assert np.allclose(1 - shades[0, 0], (0.2 + 0.6 / 18) * (1 - blue))


def test_a_forecasts_95_band_prints_darker_than_the_grid():
    """At 0.13 the 95 % band printed grey 234 against the gridlines' 221 and could vanish on
    an office printer (the print review); the 80 % band stays darker still."""
    from matplotlib.colors import to_rgb

    weights = np.array([0.2126, 0.7152, 0.0722])
    blue = np.array(to_rgb(style.SERIES_COLORS["forecast"]))

    def grey(alpha):  # a band over white, as a greyscale print sees it
        return float((1 - alpha * (1 - blue)) @ weights)

    grid = float(np.array(to_rgb(style.BASE_RC["grid.color"])) @ weights)
    assert grey(plots.PI95_ALPHA) < grid
    both = 1 - (1 - plots.PI95_ALPHA) * (1 - 0.28)  # the 80 % band lies over the 95 % one
    assert grey(both) < grey(plots.PI95_ALPHA) - 0.1


def test_a_final_rd_bar_is_dark_grey_with_a_readable_white_figure(observations, trajectories,
                                                                 indicators):  # fmt: skip
    """A solid black bar printed as a block of ink (the print review)."""
    from matplotlib.colors import to_hex

    fig = plots.rd_path_chart(observations, trajectories=trajectories, indicators=indicators,
                              lang="en")  # fmt: skip
    bars = {p.get_gid(): p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("rd-bar")}
    final = bars["rd-bar-2021"]  # the fixture's 2021 figure is final
    assert to_hex(final.get_facecolor()) == plots.RD_BAR_FILL.lower()
    assert views_contrast("#FFFFFF", plots.RD_BAR_FILL) >= 7  # its white figure stays legible
    plt.close(fig)


def views_contrast(a: str, b: str) -> float:
    from langfang_metrics import views

    return views.contrast(a, b)


@pytest.mark.parametrize(("lang", "shown"), [("zh", "≥33.9（原文40）"), ("en", "≥33.9 (plan: 40)")])
def test_a_rebased_target_is_labelled_with_the_plans_own_figure(lang, shown):
    """ "≥33.9" alone on the chart of a target re-based onto a new definition: a reader
    holding the plan saw its 40 nowhere (the report writer's review). The longer label is
    still kept off the actual line, here running up to the target."""
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font")
    from conftest import make_obs, rebased_share

    from langfang_metrics import registry

    ind, tg, obs = rebased_share(registry.load_indicators(), registry.load_targets())
    obs = pd.concat([obs, make_obs([("high_tech_industry_share", 2024, 33.1, "final"),
                                    ("high_tech_industry_share", 2025, 33.8, "preliminary")])])  # fmt: skip
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_industry_share", indicators=ind,
                                 targets=tg, lang=lang)  # fmt: skip
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    [mark] = by_gid(fig, "milestone-label-2025")
    actual = [ln for ln in ax.lines if str(ln.get_gid()).startswith(("observed", "obs-"))]
    box = plots._label_box(mark, renderer)
    plt.close(fig)
    assert mark.get_text() == shown
    assert actual and not any(plots.line_hits(ln, box) for ln in actual)
    own = tg.assign(plan_value=np.nan)
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_industry_share", indicators=ind,
                                 targets=own, lang=lang)  # fmt: skip
    assert by_gid(fig, "milestone-label-2025")[0].get_text() == "≥33.9"
    plt.close(fig)


def test_a_revised_figure_is_not_drawn_as_the_final_ones_dot(indicators, targets):
    """Notebook 03's high-tech chart drew a revised 1,310 as the same black dot as the final
    figures beside it: a filled hexagon at a circle's 6 points reads as one (the
    statistician's review). Its marker is its own shape, and larger."""
    from conftest import make_obs

    obs = make_obs([("high_tech_enterprises", 2022, 1258.0, "final"),
                    ("high_tech_enterprises", 2023, 1310.0, "revised"),
                    ("high_tech_enterprises", 2024, 1400.0, "final")])  # fmt: skip
    fig = plots.trajectory_chart(obs, indicator_id="high_tech_enterprises",
                                 indicators=indicators, targets=targets, lang="en")  # fmt: skip
    marks = {a.get_gid(): a for a in fig.axes[0].get_lines() if a.get_gid() in
             ("obs-final", "obs-revised")}  # fmt: skip
    final, revised = marks["obs-final"], marks["obs-revised"]
    assert revised.get_marker() != final.get_marker()
    assert revised.get_markersize() >= final.get_markersize() + 2
    plt.close(fig)


def test_the_plan_execution_reports_figure_is_cited_by_a_title_that_says_what_it_is():
    """The English chart of high-value patents cited "2022 plan-execution report", which
    says neither whose plan nor which (the review)."""
    from langfang_metrics.observations import load_observations

    obs = load_observations()
    patents = obs[(obs["indicator_id"] == "high_value_patents_per_10k")
                  & (obs["region"] == "langfang")]  # fmt: skip
    text = plots._source_text(patents, "en")
    assert ("Langfang’s report on the implementation of its 2022 National Economic and Social "
            "Development Plan") in text  # fmt: skip
    assert "plan-execution report" not in text
    assert "廊坊市2022年国民经济和社会发展计划执行情况" in plots._source_text(patents, "zh")
