"""Fan chart and reliability diagram: what they draw, in Chinese and English."""

from __future__ import annotations

import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from langfang_metrics import compute, plots_forecast, style
from langfang_metrics.forecast import forecast, quantile_at

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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reliability_diagram_draws_groups_and_ece(lang):
    if lang == "zh" and not HAS_CJK:
        pytest.skip("no CJK font installed")
    rng = np.random.default_rng(0)
    p = rng.uniform(size=500)
    y = (rng.uniform(size=500) < p).astype(float)
    fig = plots_forecast.reliability_diagram(p, y, groups={"a": (p[:250], y[:250])}, lang=lang)
    draw_strict(fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().texts]
    assert len(legend) == 3 and legend[1] == "a"
    ece = plots_forecast.reliability_table(p, y).attrs["ece"]
    assert f"{ece:.3f}" in legend[2]
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
