"""Tables for people: the planner's overview, its display strings and the styled HTML."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from langfang_metrics import gaps as gaps_mod
from langfang_metrics import style, views
from langfang_metrics.forecast import DEFAULT_ANCHOR
from langfang_metrics.labels import (
    STATUS_CODES,
    label,
    likelihood_legend,
    likelihood_scale,
    obs_status_label,
    status_label,
    year_span,
)


def _gap_row(iid, section, year, status, **kw):
    row = {"indicator_id": iid, "name_zh": f"指标{iid}", "name_en": f"Indicator {iid}",
           "section_zh": section, "section_en": f"S-{section}", "kind": "stock", "unit_zh": "家",
           "departments": "市科技局、市人力資源社會保障局", "milestone_year": year,
           "target": 1500.0, "comparison": ">=", "baseline_year": 2020, "baseline_value": 905.0,
           "latest_year": np.nan, "latest_value": np.nan, "status": status, "p_meet": np.nan,
           "projected": np.nan, "projected_lo_80": np.nan, "projected_hi_80": np.nan}  # fmt: skip
    row.update(kw)
    return row


@pytest.fixture
def mixed_gaps() -> pd.DataFrame:
    """Two sections listed out of plan order, every status, a yearly flow 2021-2025."""
    rows = [
        _gap_row("b_ok", "乙", 2025, "on_track", latest_year=2022, latest_value=1258.0,
                 p_meet=0.687, projected=1787.5, projected_lo_80=1032.7, projected_hi_80=2542.3),
        _gap_row("b_away", "乙", 2025, "moving_away", latest_year=2022, latest_value=800.0,
                 p_meet=0.01),
        _gap_row("a_done", "甲", 2025, "achieved", latest_year=2022, latest_value=1600.0,
                 p_meet=1.0),
        _gap_row("a_nodata", "甲", 2025, "insufficient_data"),
        _gap_row("a_slow", "甲", 2025, "needs_acceleration", latest_year=2022,
                 latest_value=1100.0, p_meet=0.3),
        _gap_row("a_slow", "甲", 2023, "insufficient_progress", target=1300.0,
                 latest_year=2022, latest_value=1100.0, p_meet=0.05),
    ]  # fmt: skip
    rows += [_gap_row("flow", "乙", y, "insufficient_data", kind="flow", unit_zh="项/年",
                      target=10.0, baseline_year=np.nan, baseline_value=np.nan)
             for y in range(2021, 2026)]  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture
def mixed_indicators(mixed_gaps) -> pd.DataFrame:
    ind = mixed_gaps.drop_duplicates("indicator_id").loc[:, ["indicator_id", "section_zh"]]
    order = ["a_nodata", "a_slow", "a_done", "b_ok", "b_away", "flow"]  # plan: 甲 before 乙
    ind = ind.set_index("indicator_id").loc[order].reset_index()
    return ind.assign(unit_en=["firms"] * 5 + ["projects per year"])


# --------------------------------------------------------------------------- target_overview
def test_overview_is_typed_and_has_the_documented_columns(mixed_gaps, mixed_indicators):
    o = views.target_overview(mixed_gaps, mixed_indicators)
    assert list(o.columns) == views.OVERVIEW_COLUMNS
    for col in ("baseline_value", "target", "latest_value", "p_meet", "projected",
                "projected_lo_80", "projected_hi_80"):  # fmt: skip
        assert o[col].dtype == np.float64, col
    for col in ("milestone_year", "baseline_year", "latest_year"):
        assert str(o[col].dtype) == "Int64", col
    assert o["p_meet"].dropna().between(0, 1).all()


def test_overview_keeps_the_plan_milestones_only(mixed_gaps, mixed_indicators):
    o = views.target_overview(mixed_gaps, mixed_indicators)
    assert set(o["milestone_year"]) == {2023, 2025}
    assert sorted(o.loc[o["indicator_id"] == "flow", "milestone_year"]) == [2023, 2025]
    assert len(o) == 8  # 6 targets' rows + the yearly flow in 2023 and 2025


def test_overview_sorts_by_section_then_worst_status(mixed_gaps, mixed_indicators):
    o = views.target_overview(mixed_gaps, mixed_indicators)
    assert list(dict.fromkeys(o["section"])) == ["甲", "乙"]  # plan order, not gap order
    first = o[o["section"] == "甲"]
    assert list(first["status"]) == ["insufficient_progress", "needs_acceleration",
                                     "insufficient_data", "achieved"]  # fmt: skip
    second = o[o["section"] == "乙"]
    assert list(second["status"]) == ["moving_away", "insufficient_data", "insufficient_data",
                                      "on_track"]  # fmt: skip
    assert list(second["milestone_year"][1:3]) == [2023, 2025]  # then by milestone


def test_overview_keeps_an_indicators_milestones_together(mixed_gaps, mixed_indicators):
    """The yearly key core technologies read 2023, then another target without figures,
    then 2025 (the planner's review): an indicator's two milestones are side by side, at
    the place of its worse one (a 2025 row on track follows its 2023 row that lags)."""
    extra = pd.DataFrame([
        _gap_row("b_nodata", "乙", 2025, "insufficient_data"),
        _gap_row("b_ok", "乙", 2023, "insufficient_progress", target=1300.0, latest_year=2022,
                 latest_value=1000.0, p_meet=0.05),
    ])  # fmt: skip
    gaps = pd.concat([mixed_gaps, extra], ignore_index=True)
    ind = pd.concat([mixed_indicators.iloc[:4],
                     pd.DataFrame([{"indicator_id": "b_nodata", "section_zh": "乙",
                                    "unit_en": "firms"}]),
                     mixed_indicators.iloc[4:]], ignore_index=True)  # fmt: skip
    o = views.target_overview(gaps, ind)
    second = o[o["section"] == "乙"]
    assert list(zip(second["indicator_id"], second["milestone_year"], strict=True)) == [
        ("b_away", 2025), ("b_ok", 2023), ("b_ok", 2025), ("b_nodata", 2025), ("flow", 2023),
        ("flow", 2025)]  # moving away is worse than insufficient progress  # fmt: skip


def test_overview_puts_the_least_likely_first_among_the_same_status(mixed_indicators):
    """Two targets needing acceleration came in plan order, 71 % before 27 % (the e2e
    review): among the same status the lowest chance comes first, one without a chance last."""
    gaps = pd.DataFrame([
        _gap_row("a_nodata", "甲", 2025, "needs_acceleration", latest_year=2022,
                 latest_value=1000.0, p_meet=0.71),
        _gap_row("a_slow", "甲", 2025, "needs_acceleration", latest_year=2022,
                 latest_value=1000.0, p_meet=np.nan),
        _gap_row("a_done", "甲", 2025, "needs_acceleration", latest_year=2022,
                 latest_value=1000.0, p_meet=0.27),
    ])  # fmt: skip
    o = views.target_overview(gaps, mixed_indicators)
    assert list(o["indicator_id"]) == ["a_done", "a_nodata", "a_slow"]


def test_severity_order_covers_every_status_once():
    assert sorted(views.SEVERITY_ORDER) == sorted(STATUS_CODES)


def test_overview_departments_in_simplified_chinese_and_english(mixed_gaps):
    zh = views.target_overview(mixed_gaps, lang="zh")
    en = views.target_overview(mixed_gaps, lang="en")
    assert set(zh["departments"]) == {"市科技局、市人力资源社会保障局"}
    assert "資" not in "".join(zh["departments"])
    assert set(en["departments"]) == {
        "Science and Technology Bureau; Human Resources and Social Security Bureau"
    }
    assert set(en["status_label"]) <= {status_label(c, "en") for c in STATUS_CODES}
    assert en["section"].str.startswith("S-").all()


def test_overview_units_follow_the_language(mixed_gaps, mixed_indicators):
    en = views.target_overview(mixed_gaps, mixed_indicators, lang="en")
    assert set(en["unit"]) == {"firms", "projects per year"}
    zh = views.target_overview(mixed_gaps, mixed_indicators, lang="zh")
    assert set(zh["unit"]) == {"家", "项/年"}


def test_overview_of_a_real_gap_assessment(indicators, targets, observations, forecasts):
    g = gaps_mod.gap_assessment(indicators, targets, observations, forecasts)
    o = views.target_overview(g, indicators)
    assert len(o) == len(g)
    assert set(o["indicator_id"]) == set(targets["indicator_id"])


def test_overview_rejects_an_unknown_language(mixed_gaps):
    with pytest.raises(ValueError, match="lang"):
        views.target_overview(mixed_gaps, lang="fr")


# --------------------------------------------------------------------------- display strings
@pytest.mark.parametrize(
    ("value", "text"),
    [(1300.0, "1,300"), (1258, "1,258"), (1.45, "1.45"), (35.6, "35.6"), (9812.34, "9,812"),
     (5.025, "5.03"), (np.nan, "—"), (None, "—"), (pd.NA, "—"), (-2.5, "-2.5")],
)  # fmt: skip
def test_fmt_number(value, text):
    assert views.fmt_number(value) == text


def test_fmt_value_and_percent():
    assert views.fmt_value(35.6, "%", "en") == "35.6%"
    assert views.fmt_value(1300, "家", "zh") == "1,300家"
    assert views.fmt_value(1300, "firms", "en") == "1,300 firms"
    assert views.fmt_percent(0.687) == "69%"
    assert views.fmt_percent(np.nan) == "—"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "text"),
    [(54.03, "100 million yuan", "en", "5.4 billion yuan"), (54.03, "亿元", "zh", "54亿元"),
     (780.4, "10,000 people", "en", "7.8 million people"), (np.nan, "100 million yuan", "en", "—"),
     (5.4, "万元", "zh", "5.4万元")],
)  # fmt: skip
def test_fmt_value_says_myriad_units_as_english_running_text(value, unit, lang, text):
    # "54 100 million yuan" would read as 54,100 million; Chinese text keeps 亿
    assert views.fmt_value(value, unit, lang) == text


def test_format_overview_projected_range_is_in_the_converted_unit(mixed_gaps, mixed_indicators):
    ind = mixed_indicators.assign(unit_en=["100 million yuan"] * 5 + ["projects per year"])
    row = mixed_gaps.iloc[[0]].assign(latest_value=54.03, projected=79.0, projected_lo_80=70.0,
                                      projected_hi_80=90.5)  # fmt: skip
    en = views.format_overview(views.target_overview(row, ind, lang="en"), lang="en").iloc[0]
    # a published figure keeps its precision: 54.03亿元 is 5.403 billion yuan
    assert en[label("col.latest", "en")] == "5.403 billion yuan (2022)"
    # the median and its range at one number of decimals (it read "7.9 … [7–9.05]"), as
    # many as the published 54.03亿元 has in billion yuan
    assert en[label("col.projected_range", "en")] == "7.900 billion yuan [7.000–9.050]"
    zh = views.format_overview(views.target_overview(row, ind, lang="zh"), lang="zh").iloc[0]
    # the Chinese unit of this row is 家: a count, projected in whole firms
    assert zh[label("col.projected_range", "zh")] == "79家 [70–91]"  # 90.5: the high end up


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_overview_is_strings_without_missing_markers(mixed_gaps, mixed_indicators, lang):
    f = views.format_overview(views.target_overview(mixed_gaps, mixed_indicators, lang=lang),
                              lang=lang)  # fmt: skip
    text = f.to_csv(index=False)
    for bad in ("NaN", "nan", "<NA>", "None"):
        assert bad not in text
    assert all(isinstance(v, str) for v in f.to_numpy().ravel())
    assert not any(re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", c) for c in f.columns)
    row = f[f[label("col.name", lang)].str.endswith("b_ok")].iloc[0]
    assert "1,258" in row[label("col.latest", lang)] and "2022" in row[label("col.latest", lang)]
    assert row[label("col.p_meet", lang)] == {"zh": "69%（较可能）", "en": "69% (likely)"}[lang]
    assert row[label("col.projected_range", lang)].endswith("[1,032–2,543]")  # outwards
    assert "905" in row[label("col.baseline_to_target", lang)]
    assert "→" in row[label("col.baseline_to_target", lang)]
    assert row[label("col.status_label", lang)] == status_label("on_track", lang)


def test_format_overview_growth_rate_target_reads_as_a_rate(mixed_gaps):
    g = mixed_gaps.iloc[[0]].assign(kind="growth_rate", target=10.0, unit_zh="亿元")
    zh = views.format_overview(views.target_overview(g), lang="zh")
    assert zh[label("col.baseline_to_target", "zh")].iloc[0].endswith("年均增长10%")


# --------------------------------------------------------------------------- styled
def _html(mixed_gaps, lang="zh"):
    o = views.target_overview(mixed_gaps, lang=lang)
    return views.styled(views.format_overview(o, lang=lang), lang=lang).to_html()


def test_styled_has_no_index_and_badges_with_words(mixed_gaps):
    page = _html(mixed_gaps)
    assert "row_heading" not in page and 'class="blank' not in page
    for code in ("moving_away", "on_track", "achieved"):
        assert f"lm-{code}" in page
        assert status_label(code, "zh") in page
        assert views.badge_colors(code)[0] in page
    assert "white-space:nowrap" in page.replace(": ", ":")


def test_styled_wraps_long_texts_and_keeps_short_ones_on_one_line():
    df = pd.DataFrame({"说明": ["乱码修复：" + "双重编码转换造成的乱码，" * 6, "短"],
                       "Code": ["x" * 10, "y"], "值": [1.0, 2.0]})  # fmt: skip
    html = views.styled(df).to_html().replace(": ", ":")
    rules = dict(re.findall(r"(td\.col\d)\s*\{([^}]*)\}", html))
    assert "white-space:normal" in rules["td.col0"]  # the long note wraps
    assert "td.col1" not in rules and "td.col2" not in rules  # short texts, numbers: one line
    # an explicit list is taken as given
    assert "td.col0" not in views.styled(df, wrap=()).to_html()


def test_milestone_table_lets_names_and_targets_wrap_to_fit_the_page(mixed_gaps):
    # notebook 04's table ran off a 1,400-pixel page: names and "baseline → target" wrap
    html = views.milestone_table(mixed_gaps, milestone_year=2025).to_html().replace(": ", ":")
    headers = re.findall(r'<th[^>]*class="col_heading[^"]*col(\d+)"[^>]*>([^<]*)</th>', html)
    cols = {text: i for i, text in headers}
    rules = dict(re.findall(r"(td\.col\d+)\s*\{([^}]*)\}", html))
    for key in ("col.name", "col.baseline_to_target"):
        assert "white-space:normal" in rules[f"td.col{cols[label(key, 'zh')]}"], key


def test_styled_is_deterministic_and_escapes_text(mixed_gaps):
    assert _html(mixed_gaps) == _html(mixed_gaps)
    df = pd.DataFrame({"指标": ["<b>x</b>"], "值": [np.nan]})
    page = views.styled(df).to_html()
    assert "&lt;b&gt;" in page and "<b>x" not in page
    assert "nan" not in page.lower().replace("nanum", "")


@pytest.mark.parametrize("code", STATUS_CODES)
def test_badge_text_is_readable_on_its_tint(code):
    """WCAG contrast of the badge's text on its background: at least 4.5:1 (normal text)."""
    fg, bg, edge = views.badge_colors(code)
    assert views.contrast(fg, bg) >= 4.5
    assert bg == f"#{style.STATUS_FILLS[code]}" and edge == style.STATUS_COLORS[code]
    assert fg in views.badge_html(code)


def test_contrast_reference_values():
    assert views.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert views.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_for_people_words_percentages_years_and_dashes():
    import numpy as np
    import pandas as pd

    df = pd.DataFrame({
        "name": ["高新技术企业数量", "科技型中小企业数量"],
        "milestone_year": [2023, 2025], "p_meet": [0.654, np.nan],
        "progress_share": [0.893, np.nan], "status": ["on_track", "insufficient_data"],
        "obs_status": ["final", np.nan], "departments": ["市稅務局", "市科技局"],
        "consistent": [True, False], "achieved": [1, 0],
    })  # fmt: skip
    out = views.for_people(df, lang="zh")
    assert list(out.columns) == ["指标", "目标年份", "达标概率", "增量完成进度", "状态", "数据性质",
                                 "责任部门", "与前一节点方向一致", "已实现"]  # fmt: skip
    rows = out.to_dict("records")
    assert rows[0]["目标年份"] == "2023" and rows[0]["达标概率"] == "65%"
    assert rows[0]["增量完成进度"] == "89.3%" and rows[1]["达标概率"] == "—"
    assert rows[0]["状态"] == "符合进度" and rows[0]["数据性质"] == "正式数"
    assert rows[0]["责任部门"] == "市税务局" and rows[0]["与前一节点方向一致"] == "是"
    html = views.people(df, lang="en").to_html()
    assert "nan" not in html.lower().replace("nanjing", "") and "None" not in html
    assert "On track" in html and "data/processed" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_table_counts_figures_and_names_regions(lang):
    obs = pd.DataFrame({"indicator_id": ["a", "a", "a", "a"], "region": ["china", "langfang",
                        "langfang", "peer"], "year": [2020, 2020, 2022, 2021],
                        "value": [1.0, 2.0, 3.0, 4.0],
                        "status": ["final", "final", "estimate", "final"]})  # fmt: skip
    ind = pd.DataFrame({"indicator_id": ["a"], "name_zh": ["甲"], "name_en": ["A"]})
    regions = pd.DataFrame({"region": ["langfang", "china"], "name_zh": ["廊坊市", "全国"],
                            "name_en": ["Langfang", "China"]})  # fmt: skip
    out = views.coverage_table(obs, ind, regions=regions, lang=lang)
    region_col = label("col.region", lang)
    home, country = ("廊坊市", "全国") if lang == "zh" else ("Langfang", "China")
    assert out[region_col].tolist() == [home, country, "peer"]  # registry order, code if unnamed
    first = out.iloc[0]
    assert first[label("col.n", lang)] == 2 and first[label("col.last", lang)] == 2022
    assert obs_status_label("estimate", lang) in first[label("col.statuses", lang)]
    codes = views.coverage_table(obs, ind, lang=lang)[region_col].tolist()
    assert codes == ["china", "langfang", "peer"]


def test_people_keeps_a_named_index_and_words_methods():
    from langfang_metrics import forecast as fc

    y = pd.Series([100.0, 108, 117, 125, 136, 147, 158], index=range(2015, 2022))
    bt = fc.backtest(y, 2, min_train=3)
    acc = fc.accuracy(bt, y)  # indexed by method, "overall" last
    zh = views.for_people(acc, lang="zh")
    assert zh.columns[0] == "方法" and zh["方法"].iloc[-1] == "全部方法"
    assert set(zh["方法"].iloc[:-1]) <= {label(f"method.{m}", "zh") for m in bt["method"]}
    en = views.for_people(bt, lang="en", columns=["origin", "method", "mean"])
    assert list(en.columns) == ["Forecast origin", "Method", "Forecast"]  # range index dropped
    empty = views.people(acc.iloc[:0], lang="en").to_html()
    assert "No rows yet" in empty and "data/processed" not in empty


def test_for_people_names_the_whole_span_in_words():
    from langfang_metrics import trajectories

    path = pd.DataFrame({"indicator_id": "a", "year": range(2020, 2026),
                         "value": [905.0, 1021, 1152, 1300, 1396, 1500]})  # fmt: skip
    seg = trajectories.segment_growth(path, [2020, 2023, 2025], shape="geometric")
    zh = views.for_people(seg, lang="zh", columns=["segment"])["区间"].tolist()
    en = views.for_people(seg, lang="en", columns=["segment"])["Segment"].tolist()
    assert zh == ["2020-2023", "2023-2025", "全程"] and en[-1] == "Overall"


def test_planning_levels_of_a_forecast_that_parts_from_its_course_carry_its_mark():
    """High-tech enterprises grew 17.9 % a year; their 2030 levels (median at 6.9 % a year)
    read as plain fact in notebooks 03/04 beside a † on the same forecast's probabilities."""
    from langfang_metrics import compute, gaps

    r = compute.load_results()
    marked = {g["indicator_id"] for g in r.gaps.to_dict("records")
              if gaps.forecast_caveat(g) is not None}  # fmt: skip
    assert "high_tech_enterprises" in marked
    for lang, why, far in (("zh", "高新技术企业数量：预测远慢于本指标迄今的平均速度",
                            "规划年距最新数据超过5年（高新技术企业数量：2022年→2030年"),
                           ("en", "High-tech enterprises: the forecast runs far slower",
                            "more than 5 years after the latest figure (High-tech enterprises: "
                            "2022 → 2030")):  # fmt: skip
        st = views.planning_table(r.planning, r.gaps, r.indicators, lang=lang)
        html = st.to_html()
        name = r.indicators.set_index("indicator_id").loc["high_tech_enterprises", f"name_{lang}"]
        assert f"{name}\u00a0†" in html and "≥" in html  # the comparison column
        # the † says which way, and the far year that its ranges are extrapolated (notebook
        # 03 has no target table for the note to point to; notebook 04 said neither)
        assert st.caption.startswith("† ") and why in st.caption and far in st.caption
    unmarked = r.gaps[~r.gaps["indicator_id"].isin(marked)]
    html = views.planning_table(r.planning, unmarked, r.indicators, lang="en").to_html()
    assert "†" not in html
    # a planning file read back without its words (or with empty cells) keeps the note
    for bare in (r.planning.drop(columns=["caveat", "caveat_zh", "caveat_en"]),
                 r.planning.assign(caveat_en=np.nan)):  # fmt: skip
        caption = views.planning_table(bare, r.gaps, r.indicators, lang="en").caption
        assert (
            caption.startswith("† ") and "High-tech enterprises: the forecast runs far" in caption
        )
    # levels within five years of the latest figure are no extrapolation
    near = r.planning.assign(year=2026)
    assert "more than 5 years" not in views.planning_table(near, r.gaps, r.indicators,
                                                           lang="en").caption  # fmt: skip
    # a level below the latest figure is said to be the range's width, not a level to plan
    # for (973 firms at 95 % after 1,258 in 2022 read as one: the planner's review)
    zh = views.planning_table(r.planning, r.gaps, r.indicators, lang="zh").caption
    assert "高新技术企业数量95%水平973家低于2022年的1,258家" in zh and "不宜作为目标" in zh
    assert "低于2022年的3.0件/万人" in zh  # the figure at its target's decimals
    assert "80%水平1,494家" not in zh  # above 1,258: not said
    high = r.planning.assign(level=r.planning["level"] + 10_000)
    assert "不宜作为目标" not in views.planning_table(high, r.gaps, r.indicators).caption


def test_the_planning_note_counts_the_years_checked_from_the_forecasts_origin():
    """The note counted from the gap table's latest figure, the fan chart from the
    history's last year; a forecast from an earlier origin (a vintage, a figure after the
    run's year) read two ways. Both now count from the forecast's origin, which
    planning_levels.csv carries as ``as_of``."""
    from langfang_metrics import compute, gaps

    r = compute.load_results()
    hte = r.planning[r.planning["indicator_id"] == "high_tech_enterprises"]
    origin = gaps.forecast_origin(r.forecasts, "high_tech_enterprises")
    assert origin == 2022 and (hte["as_of"] == origin).all()
    early = r.planning.assign(as_of=r.planning["as_of"].where(
        r.planning["indicator_id"] != "high_tech_enterprises", 2020))  # fmt: skip
    caption = views.planning_table(early, r.gaps, r.indicators, lang="en").caption
    assert "High-tech enterprises: 2020 → 2030" in caption
    # the fan chart's side: tests/test_plots_forecast.py


def test_for_people_prints_a_comparison_as_the_sign_a_target_is_read_with():
    # notebooks 03/04 show planning levels with it: "≤ 69.56" for an indicator to bring down
    planning = pd.DataFrame({"indicator_id": ["a", "b"], "year": [2030, 2030],
                             "probability": [0.8, 0.8], "comparison": [">=", "<="],
                             "level": [1500.0, 9.0]})  # fmt: skip
    zh = views.for_people(planning, lang="zh", columns=["comparison", "level"])
    en = views.for_people(planning, lang="en", columns=["comparison"])
    assert zh["比较"].tolist() == ["≥", "≤"] and en["Comparison"].tolist() == ["≥", "≤"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_for_people_quotes_the_plan_in_simplified_characters(lang):
    """Notebook 01's fiscal table quoted the captured page's traditional characters
    ("對新認定的高新技術企業…") under a targets table in simplified ones (the planner's
    review); text the plan does not hold is left as it is."""
    from langfang_metrics.registry import load_fiscal_parameters

    fiscal = load_fiscal_parameters()
    shown = views.for_people(fiscal, lang=lang, columns=["quote"]).iloc[:, 0]
    award = shown[fiscal["parameter_id"].eq("hte_award_new").to_numpy()].iloc[0]
    assert "对新认定的高新技术企业" in award and "對" not in "".join(shown)
    assert (
        views.for_people(pd.DataFrame({"quote": ["對 1,300"]}), lang=lang).iloc[0, 0] == "對 1,300"
    )


def test_english_tables_give_our_translation_above_the_plans_words():
    """Notebook 01's English tables of all targets and of the fiscal parameters gave the
    plan's words in Chinese alone, and an adviser reading English could not check a target
    or an award against the plan (the English reader's review): they give the registry's
    translation, said to be ours, with the plan's words on a muted line under it. The
    Chinese tables do not depend on the translations."""
    from langfang_metrics import registry

    ind, targets = registry.load_indicators(), registry.load_targets()
    fiscal = registry.load_fiscal_parameters()
    header = label("col.quote_translated", "en")
    assert "our translation" in header
    en = views.for_people(views.targets_table(ind, targets, lang="en"), lang="en")
    assert label("col.quote", "en") not in en.columns
    cell = en.set_index(label("col.indicator", "en")).at["Tech-based SMEs", header]
    assert cell == "Tech-based SMEs grow from 8,796 to 10,000\n科技型中小企业由8796家增长到1万家"
    columns = ["parameter", "value", "unit_en", "clause", "quote"]  # notebook 01's
    params = views.for_people(fiscal.rename(columns={"name_en": "parameter"}), lang="en",
                              columns=columns)  # fmt: skip
    assert list(params.columns)[-1] == header
    assert params.iloc[0, -1] == ("For newly certified high-tech enterprises, the city gives "
                                  "an award of 200,000 yuan\n对新认定的高新技术企业市级给予20万元奖补")  # fmt: skip
    page = views.people(views.targets_table(ind, targets, lang="en"), lang="en").to_html()
    assert ('Tech-based SMEs grow from 8,796 to 10,000<br><span style="color:#555;font-size:'
            '.88em">科技型中小企业由8796家增长到1万家</span>') in page  # fmt: skip
    # a row without its translation keeps the plan's words alone; a registry without any,
    # the quote column as it was
    partial = ind.assign(quote_en=["", *ind["quote_en"].iloc[1:]])
    first = views.for_people(views.targets_table(partial, targets, lang="en"), lang="en")
    assert first[header].iloc[0] == "科技型中小企业由8796家增长到1万家"
    bare = ind.drop(columns=["quote_en", "measure_quote_en"])
    plain = views.for_people(views.targets_table(bare, targets, lang="en"), lang="en")
    assert label("col.quote", "en") in plain.columns and header not in plain.columns
    empty = ind.assign(quote_en="")
    plain = views.for_people(views.targets_table(empty, targets, lang="en"), lang="en")
    assert label("col.quote", "en") in plain.columns and header not in plain.columns
    # the Chinese tables are the same with or without the translations
    zh = [views.people(views.targets_table(frame, targets, lang="zh"), lang="zh").to_html()
          for frame in (ind, bare)]  # fmt: skip
    assert zh[0] == zh[1]
    zh = [views.for_people(frame.rename(columns={"name_zh": "parameter"}), lang="zh",
                           columns=[*columns[:2], "unit_zh", *columns[3:]])
          for frame in (fiscal, fiscal.drop(columns="quote_en"))]  # fmt: skip
    assert zh[0].equals(zh[1]) and "原文" in zh[0].columns


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forecast_table_names_every_method_in_words(lang):
    from langfang_metrics import _forecast_core as core
    from langfang_metrics.forecast import METHODS
    from langfang_metrics.labels import method_label

    used = [m for m in METHODS if m != "auto"] + [core.GROWTH, core.GROWTH_ADDITIVE]
    words = {m: method_label(m, lang) for m in used}
    assert all(w != m for m, w in words.items() if m != "arima")  # a label, not the code
    assert len(set(words.values())) == len(used)
    fc = pd.DataFrame({"indicator_id": ["a"] * 2, "year": [2023, 2025], "method": ["growth"] * 2,
                       "as_of": 2022, "mean": [1.0, 2.0], "lo_80": 0.5, "hi_80": 3.0,
                       "lo_95": 0.2, "hi_95": 4.0})  # fmt: skip
    ind = pd.DataFrame({"indicator_id": ["a"], "name_zh": ["甲"], "name_en": ["A"]})
    table = views.forecast_table(fc, ind, lang=lang)
    assert set(table[label("col.method", lang)]) == {words["growth"]}
    # the unit beside the name: "1.65 → 3.7" and "8,796 → 10,000" read alike without it
    with_units = views.forecast_table(fc, ind.assign(unit_zh="家", unit_en="firms"), lang=lang)
    assert list(with_units.columns[:2]) == [label("col.indicator", lang), label("col.unit", lang)]
    assert set(with_units[label("col.unit", lang)]) == {"家" if lang == "zh" else "firms"}
    # data past the last milestone: the last forecast year, not an empty table
    later = fc.assign(indicator_id="b", year=[2026, 2030], as_of=2025)
    both = views.forecast_table(pd.concat([fc, later]), ind.assign(indicator_id=["a"]), lang=lang)
    assert list(both[label("col.year", lang)]) == [2023, 2025, 2030]
    assert method_label("something_new", lang) == "something_new"


@pytest.mark.parametrize(
    ("p", "words"),
    [(0.0, "very unlikely"), (0.094, "very unlikely"), (0.095, "unlikely"), (0.33, "about even"),
     (0.5, "about even"), (0.655, "likely"), (0.66, "likely"), (0.899, "very likely"),
     (1.0, "very likely")],
)  # fmt: skip
def test_likelihood_words_follow_the_printed_percent(p, words):
    """Graded on the whole percent shown beside it: 65.5 % prints 66% and reads "likely"."""
    from langfang_metrics.labels import likelihood_label

    assert likelihood_label(p, "en") == words
    shown = views.fmt_likelihood(p, "en")
    assert shown == f"{100 * p:.0f}% ({words})"
    assert views.fmt_likelihood(float("nan"), "zh") == label("fmt.missing", "zh")


def test_likelihood_of_an_impossible_probability_is_an_error():
    from langfang_metrics.labels import likelihood_label

    with pytest.raises(ValueError, match="0-1"):
        likelihood_label(1.2)
    # a computed 1 one rounding step above 1 (0.1 * 3 / 0.3) is 100%, not an error
    assert likelihood_label(1.0000000000000002, "en") == likelihood_label(1.0, "en")
    assert views.fmt_likelihood(-1e-17, "en").startswith("0%")


def test_a_small_chance_is_never_printed_as_impossible():
    """A 0.4 % chance printed "0%" ("about 0% (very unlikely)"), which reads as impossible."""
    cases = {0.004: "<1%", 0.0049: "<1%", 0.0051: "1%", 0.5: "50%", 0.994: "99%",
             0.995: ">99%", 0.9999: ">99%", 0.0: "0%", 1.0: "100%", -1e-17: "0%",
             1.0000000000000002: "100%", 1 - 1e-16: "100%"}  # fmt: skip
    assert {p: views.fmt_probability(p) for p in cases} == cases
    assert views.fmt_percent(0.004) == "0%"  # a share keeps its exact 0 %
    assert views.fmt_likelihood(0.004, "en") == "<1% (very unlikely)"
    # as a sentence says it: not "about <1%"
    assert views.fmt_likelihood(0.004, "en", in_words=True) == "below 1% (very unlikely)"
    assert views.fmt_likelihood(0.004, "zh", in_words=True) == "不足1%（很不可能）"
    assert views.fmt_likelihood(0.997, "zh", in_words=True) == "超过99%（很可能）"
    assert views.fmt_likelihood(0.61, "zh", in_words=True) == "约61%（约各半）"
    assert views.fmt_likelihood(0.0, "en", in_words=True) == "0% (very unlikely)"
    table = views.people(pd.DataFrame({"p_meet": [0.004], "coverage_80": [0.004]}), lang="en")
    assert list(table.data.iloc[0]) == ["<1%", "0%"]  # a coverage share is exact


def test_numbers_never_print_minus_zero_and_any_nan_is_missing():
    assert views.fmt_number(-0.004) == "0" and views.fmt_number(-3.5) == "-3.5"
    assert views.fmt_percent(-0.001) == "0%"
    # a rate column (growth, progress) rounds the same way: a tiny decline is 0.0%, not -0.0%
    rates = views.people(pd.DataFrame({"actual_cagr": [-0.0001, -0.012]}), lang="en")
    assert list(rates.data.iloc[:, 0]) == ["0.0%", "-1.2%"]
    for missing in (np.float32("nan"), pd.NaT, np.inf, None):
        assert views.fmt_number(missing) == label("fmt.missing", "zh")


def test_reliability_view_names_bins_by_their_range_and_adds_series_ranges():
    p = np.array([0.05, 0.15, 0.15, 0.95, 0.97])
    met = np.array([0, 1, 0, 1, 1])
    t = views.reliability_view(p, met)
    assert list(t["bin"]) == ["0–10%", "10–20%", "90–100%"]  # empty bins left out, not renamed
    assert list(t["events"]) == [1, 2, 2] and "observed_range" not in t
    t = views.reliability_view(p, met, series=["x", "x", "y", "y", "z"])
    assert t.loc[1, "observed_share"] == 0.5
    assert t.loc[1, "observed_range"] == "0%–100%"  # one hit, one miss in two series
    assert views.reliability_view(p, met, bins=5)["bin"].tolist() == ["0–20%", "80–100%"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_table_is_the_landing_pages_counts_with_badges_and_a_total(mixed_gaps, lang):
    page = views.counts_table(mixed_gaps, lang=lang).to_html()
    shown = views.counts_table(mixed_gaps, lang=lang).data
    first, m23, m25 = shown.columns
    assert list(shown.columns[1:]) == [label("landing.milestone", lang, year=y)
                                       for y in (2023, 2025)]  # fmt: skip
    # each row counts its milestone's targets; statuses without a target are left out
    assert "achieved" not in set(mixed_gaps.loc[mixed_gaps["milestone_year"] == 2023, "status"])
    few = views.counts_table(mixed_gaps[mixed_gaps["status"] == "on_track"], lang=lang).data
    assert list(few[first]) == [status_label("on_track", lang), label("index.total", lang)]
    row = shown.set_index(first).loc[status_label("achieved", lang)]
    assert (row[m23], row[m25].split("\n")[0]) == ("0", "1")  # then what it holds apart
    total = shown.set_index(first).loc[label("index.total", lang)]
    assert (total[m23], total[m25]) == (
        str(int((mixed_gaps["milestone_year"] == 2023).sum())),
        str(int((mixed_gaps["milestone_year"] == 2025).sum())),
    )
    assert "lm-badge lm-moving_away" in page and status_label("moving_away", lang) in page


def test_overview_refuses_unknown_statuses_and_duplicate_rows_and_fills_absent_columns():
    from langfang_metrics import compute, plots

    r = compute.load_results()
    for bad in (lambda g: views.target_overview(g), lambda g: views.counts_table(g),
                lambda g: plots.gap_dashboard(g, milestone_year=2025)):  # fmt: skip
        with pytest.raises(ValueError, match=r"unknown status code\(s\) \['on-track'\]"):
            bad(r.gaps.assign(status="on-track"))
    with pytest.raises(ValueError, match="rows for tech_smes and milestone 2025; expected one"):
        views.milestone_table(pd.concat([r.gaps, r.gaps]), r.indicators, milestone_year=2025)
    shown = views.milestone_table(r.gaps.drop(columns=["progress_share"]), r.indicators,
                                  milestone_year=2025).data  # fmt: skip
    assert (shown[label("col.progress_share", "zh")] == label("fmt.missing", "zh")).all()
    bare = views.target_overview(r.gaps[["indicator_id", "milestone_year", "status"]], lang="en")
    assert len(bare) == 24 and set(bare["status"]) <= set(STATUS_CODES)


def test_people_escapes_headers_and_takes_one_column_by_name():
    html = views.people(pd.DataFrame({"<b>x</b>": [1]})).to_html()
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    one = views.for_people(pd.DataFrame({"status": ["on_track"], "x": [1]}), columns="status")
    assert list(one.columns) == ["状态"] and one.iloc[0, 0] == "符合进度"
    with pytest.raises(ValueError, match="unknown status code 'bogus'"):
        views.badge_html("bogus")


def test_overview_flags_a_provisional_latest_figure():
    gaps = pd.DataFrame([
        _gap_row("a", "甲", 2025, "missed", target=1000.0, latest_year=2025, latest_value=820.0,
                 latest_status="preliminary"),
        _gap_row("b", "乙", 2025, "on_track", target=1000.0, latest_year=2024, latest_value=900.0,
                 latest_status="final"),
    ])  # fmt: skip
    zh = views.format_overview(views.target_overview(gaps), lang="zh")
    latest = list(zh[label("col.latest", "zh")])
    assert any(t.endswith("（2025年，初步数）") for t in latest)
    assert any(t.endswith("（2024年）") for t in latest)  # a final figure needs no word
    en = views.format_overview(views.target_overview(gaps, lang="en"), lang="en")
    assert any(t.endswith("(2025, preliminary)") for t in en[label("col.latest", "en")])


def test_an_achieved_targets_probability_reads_as_holding_not_as_doubt():
    gaps = pd.DataFrame([
        _gap_row("a", "甲", 2025, "achieved", target=10.0, latest_year=2024, latest_value=11.0,
                 p_meet=0.77),
        _gap_row("b", "甲", 2025, "on_track", latest_year=2024, latest_value=1400.0, p_meet=0.77),
    ])  # fmt: skip
    zh = views.format_overview(views.target_overview(gaps), lang="zh")
    by_name = dict(zip(zh[label("col.name", "zh")], zh[label("col.p_meet", "zh")], strict=True))
    assert by_name["指标a"] == "77%（较可能保持）" and by_name["指标b"] == "77%（较可能）"
    en = views.format_overview(views.target_overview(gaps, lang="en"), lang="en", prob_sep="\n")
    assert "77%\nlikely to hold" in list(en[label("col.p_meet", "en")])


def test_a_milestone_with_its_own_figure_shows_the_outcome_not_a_forecast_grade():
    gaps = pd.DataFrame([
        _gap_row("a", "甲", 2025, "missed", latest_year=2025, latest_value=1495.0, p_meet=0.0,
                 projected=1495.0),
        _gap_row("b", "甲", 2025, "achieved", latest_year=2025, latest_value=1600.0, p_meet=1.0,
                 projected=1600.0),
    ])  # fmt: skip
    zh = views.format_overview(views.target_overview(gaps), lang="zh")
    by_name = dict(zip(zh[label("col.name", "zh")], zh[label("col.p_meet", "zh")], strict=True))
    assert by_name == {"指标a": "实际结果", "指标b": "实际结果"}  # no "100%": not a chance
    projected = set(zh[label("col.projected_range", "zh")])
    assert projected == {"已有实际值"}  # nothing projected for a year whose figure is in
    provisional = gaps.assign(latest_status="preliminary")
    en = views.format_overview(views.target_overview(provisional, lang="en"), lang="en")
    assert set(en[label("col.p_meet", "en")]) == {"provisional, final figure pending"}


def test_a_count_is_projected_in_whole_things():
    gaps = pd.DataFrame([_gap_row("a", "甲", 2025, "needs_acceleration", target=10.0,
                                  latest_year=2024, latest_value=6.0, projected=6.49,
                                  projected_lo_80=5.31, projected_hi_80=8.18)])  # fmt: skip
    zh = views.format_overview(views.target_overview(gaps), lang="zh")
    assert list(zh[label("col.projected_range", "zh")]) == ["6家 [5–9]"]  # the range outwards
    share = gaps.assign(kind="share", unit_zh="%")
    zh = views.format_overview(views.target_overview(share), lang="zh")
    assert list(zh[label("col.projected_range", "zh")]) == ["6.49% [5.31–8.18]"]


def test_targets_table_states_a_growth_rate_target_as_a_rate():
    from langfang_metrics import registry

    ind, tg = registry.load_indicators(), registry.load_targets()
    zh = views.targets_table(ind, tg, lang="zh")
    rd = zh[zh.iloc[:, 0] == ind.set_index("indicator_id").loc["rd_spending", "name_zh"]]
    # the plan's words say it too (简体), and the registry's note on how it was read
    row = rd.iloc[0].drop([label("col.quote", "zh"), label("col.note", "zh")])
    cells = [v for v in row if isinstance(v, str) and "年均增长" in v]
    assert cells == ["年均增长10%"]  # not 10 beside 亿元
    assert rd.iloc[0][label("col.quote", "zh")] == "全社会研发经费年均增长10%"
    hte = zh[zh.iloc[:, 0] == "高新技术企业数量"].iloc[0]
    assert 1300 in list(hte) and 1500 in list(hte)  # other targets stay numbers
    en = views.targets_table(ind, tg, lang="en")
    assert "10% a year" in en.to_string()


def test_plan_metadata_names_its_fields_in_words():
    from langfang_metrics import config

    meta = pd.read_csv(config.PLAN_METADATA)
    zh = views.plan_metadata_table(meta, lang="zh")
    assert list(zh.columns) == ["项目", "内容"]
    fields = list(zh["项目"])
    assert "标题" in fields and "原始文件 SHA-256" in fields
    assert not [f for f in fields if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", f)]  # no keys
    en = views.plan_metadata_table(meta, lang="en")
    assert "Title (English)" in list(en.iloc[:, 0])


def test_plan_metadata_shows_each_description_in_the_page_language():
    """The zh notebook printed the provenance in English prose ("Scraped copy of the notice
    page…"); each field given in both languages shows the page's, the Chinese title stays in
    English (what one cites)."""
    meta = pd.DataFrame({"field": ["title_zh", "title_en", "notice_zh", "script_zh",
                                   "script_en", "date", "odd_key"],
                         "value": ["方案", "Plan", "通知", "繁体字", "Traditional", "2021-12-07",
                                   "x"]})  # fmt: skip
    zh = views.plan_metadata_table(meta, lang="zh")
    assert list(zh["项目"]) == ["标题", "通知标题", "字形", "发布日期", "odd_key"]
    assert list(zh["内容"]) == ["方案", "通知", "繁体字", "2021-12-07", "x"]
    en = views.plan_metadata_table(meta, lang="en")
    assert list(en["Field"]) == ["Title (Chinese)", "Title (English)", "Notice", "Script",
                                 "Date", "odd_key"]  # fmt: skip
    assert list(en["Content"]) == ["方案", "Plan", "通知", "Traditional", "2021-12-07", "x"]


def test_plan_repairs_give_their_reason_in_the_page_language():
    from langfang_metrics import config

    repairs = pd.read_csv(config.PLAN_REPAIRS, dtype=str)
    zh = views.for_people(views.plan_repairs_table(repairs, lang="zh"), lang="zh")
    assert list(zh.columns) == ["行", "原文（乱码）", "修复后", "说明"]
    assert all(re.search(r"[\u4e00-\u9fff]", r) and "Mojibake" not in r for r in zh["说明"])
    en = views.plan_repairs_table(repairs, lang="en")
    assert en["reason"].str.startswith("Mojibake").all()
    old = repairs.drop(columns=["reason_zh"]).rename(columns={"reason_en": "reason"})
    assert list(views.plan_repairs_table(old, lang="zh")["reason"]) == list(old["reason"])


def test_a_yearly_flow_shows_no_baseline_before_its_target():
    """Its first figure (12 in 2021) is no baseline: "12项/年（2021年） → 10项/年" read as a
    target to decrease."""
    from langfang_metrics import compute

    r = compute.load_results()
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    i = overview.index[overview["kind"] == "flow"][0]
    overview.loc[i, ["baseline_value", "baseline_year"]] = [12.0, 2021]
    shown = views.format_overview(overview, lang="zh")
    cell = shown.loc[i, label("col.baseline_to_target", "zh")]
    assert cell.startswith("— → ") and "12" not in cell
    # the target holds each year: its 2023 and 2025 rows alone read as two milestones
    assert cell.endswith("（2021—2025年每年）")
    en = views.format_overview(views.target_overview(r.gaps, r.indicators, lang="en"), lang="en")
    assert en.loc[i, label("col.baseline_to_target", "en")].endswith("(each year 2021-2025)")


def test_definitions_say_what_each_specialist_indicator_counts():
    """ "Tech-based SMEs", "high-tech enterprises" and "high-value invention patents" were
    never explained (the English reader's review), nor whether R&D intensity counts the R&D
    survey's expenditure or the accounts' R&D expense (the officer's review)."""
    from langfang_metrics import registry

    ind, tg = registry.load_indicators(), registry.load_targets()
    for lang in ("zh", "en"):
        said = views.definitions(ind, tg, lang)
        names = [n for n, _ in said]
        targeted = list(views._name(registry.targeted_indicators(ind, tg), lang))
        assert names == [n for n in targeted if n in names]  # registry order, targets only
        assert len(said) >= 8 and all(d for _, d in said)
    zh = dict(views.definitions(ind, tg, "zh"))
    assert "国科发火〔2016〕32号" in zh["高新技术企业数量"]
    assert "请市统计局确认" in zh["规模以上工业企业研发投入占营业收入比重"]
    en = dict(views.definitions(ind, tg, "en"))
    assert "per 10,000 resident population" in en["High-value invention patents per 10,000 people"]
    # both languages or neither, in the shipped registry
    assert (ind["definition_zh"].astype(bool) == ind["definition_en"].astype(bool)).all()
    # a registry without the columns: nothing to say, no error
    assert views.definitions(ind.drop(columns=["definition_zh", "definition_en"]), tg) == []


def test_a_checks_years_are_written_as_the_readers_language_writes_a_span():
    """checks.csv keeps "2023-2024" and "2021, 2023" (data); the Chinese tables wrote them so
    beside "2023—2024年" in the same row's words (the diff review)."""
    from langfang_metrics import registry

    checks = pd.DataFrame([
        {"indicator_id": "tech_smes", "region": "langfang", "years": "2023-2024",
         "value": np.nan, "check": "definition", "origin": "a.csv rows 2, 3",
         "message": "m", "detail_zh": "d"},
        {"indicator_id": "tech_smes", "region": "langfang", "years": "2021, 2023",
         "value": 9000.0, "check": "spike", "origin": "a.csv row 4", "message": "m",
         "detail_zh": "d"}])  # fmt: skip
    ind = registry.load_indicators()
    zh = views.checks_for_people(checks, ind, lang="zh")
    assert list(zh[label("col.years", "zh")]) == ["2023—2024", "2021、2023"]
    en = views.checks_for_people(checks, ind, lang="en")
    assert list(en[label("col.years", "en")]) == ["2023-2024", "2021, 2023"]
    assert any("2023—2024年" in line for line in views.check_lines(checks, ind, lang="zh"))


def test_an_english_check_says_whose_return_the_figure_came_from():
    """A figure to verify from the Science and Technology Bureau's second file was placed
    in English by "市科技局_补充.csv row 2" alone; Chinese keeps the file's name as it is."""
    from langfang_metrics import registry

    full = "/tmp/returns/市科技局_补充.csv"
    checks = pd.DataFrame([
        {"indicator_id": "tech_commissioners", "region": "langfang", "years": "2024",
         "value": 90.0, "check": "steep_fall", "origin": f"{full} row 2", "message": "m",
         "detail_zh": "d"}])  # fmt: skip
    ind = registry.load_indicators()
    en = views.checks_for_people(checks, ind, lang="en", files=[full])
    assert list(en[label("col.where", "en")]) == [
        "市科技局_补充.csv (Science and Technology Bureau's return) row 2"
    ]
    zh = views.checks_for_people(checks, ind, lang="zh", files=[full])
    assert list(zh[label("col.where", "zh")]) == ["市科技局_补充.csv 第2行"]


def test_a_running_totals_zero_baseline_says_where_the_count_starts():
    """ "0 firms (2020) → 400 firms" read as Langfang having no SRDI firms; the 0 is where
    the count of firms added since the end of 2020 starts (the English reader's review)."""
    from langfang_metrics import compute

    r = compute.load_results()
    for lang, said in (("zh", "0家（2021年起累计新增） → 400家"),
                       ("en", "0 firms (added from 2021 on) → 400 firms")):  # fmt: skip
        overview = views.target_overview(r.gaps, r.indicators, lang=lang)
        shown = views.format_overview(overview, lang=lang)
        cells = shown[label("col.baseline_to_target", lang)]
        i = overview.index[overview["indicator_id"] == "specialised_smes_new"][0]
        assert cells[i] == said
        # a stock's baseline is a count: said as one
        j = overview.index[overview["indicator_id"] == "tech_smes"][0]
        assert "2020" in cells[j] and "累计新增" not in cells[j] and "added from" not in cells[j]


def test_a_revised_latest_figure_says_so():
    """1,290 (preliminary) read "missed"; its revision to 1,310 read "achieved" with no sign
    that the figure had changed."""
    from langfang_metrics import compute

    r = compute.load_results()
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    i = overview.index[overview["latest_value"].notna()][0]
    overview.loc[i, "latest_status"] = "revised"
    cell = views.format_overview(overview, lang="zh").loc[i, label("col.latest", "zh")]
    assert "修订数" in cell
    assert views.flagged_word("final") is None and views.flagged_word("revised", "en") == "revised"


def test_a_computed_value_is_not_taken_for_a_published_figure():
    """1,757.09200144 (a computed exposure) passed as a figure of 3 decimals and printed
    "1,757.092" beside "1,851": the tolerance grew with the decimals tried."""
    from langfang_metrics.views import _cell_text, value_decimals

    assert value_decimals(1757.09200144, most=4) == 4
    assert _cell_text(1757.09200144) == "1,757"
    assert value_decimals(1234567.891, most=4) == 3  # was 2: its last digit dropped
    assert value_decimals(54.03) == 2 and value_decimals(0.1 + 0.2) == 1
    assert _cell_text(54.03) == "54.03" and _cell_text(1.65 * 3) == "4.95"


def test_reliability_by_series_shows_what_the_pooled_diagram_averages_away():
    """Two series erring in opposite directions pool to a calibrated-looking 50 %."""
    events = pd.DataFrame({
        "indicator_id": ["high_tech_enterprises"] * 4 + ["rd_spending"] * 4,
        "region": ["china"] * 4 + ["hebei"] * 4,
        "p_meet": [0.5] * 8,
        "met": [1, 1, 1, 1, 0, 0, 0, 1],
    })  # fmt: skip
    indicators = pd.DataFrame({"indicator_id": ["high_tech_enterprises", "rd_spending"],
                               "name_zh": ["高新技术企业数量", "全社会研发经费投入"],
                               "name_en": ["High-tech enterprises", "R&D spending"]})  # fmt: skip
    regions = pd.DataFrame({"region": ["china", "hebei"], "name_zh": ["全国", "河北省"],
                            "name_en": ["China", "Hebei"]})  # fmt: skip
    t = views.reliability_by_series(events, indicators, regions, lang="zh")
    assert t["name"].tolist() == ["高新技术企业数量（全国）", "全社会研发经费投入（河北省）"]
    assert t["difference"].tolist() == [50.0, -25.0]  # largest first, in points
    # the difference of the percentages as printed: 89 % - 51 % is +38, not +37 (88.9 - 51.4)
    odd = pd.DataFrame({"indicator_id": "rd_spending", "region": "hebei", "p_meet": 0.514,
                        "met": [1] * 8 + [0]})  # fmt: skip
    assert views.reliability_by_series(odd, indicators, regions)["difference"].tolist() == [38.0]
    assert t["events"].tolist() == [4, 4]
    en = views.reliability_by_series(events, indicators, regions, lang="en")
    assert en["name"].iloc[0] == "High-tech enterprises (China)"
    shown = views.for_people(en, lang="en")
    assert list(shown.columns)[-1] == label("col.difference", "en")
    assert shown.iloc[0, 2] == "50%"  # the mean probability as a percent
    assert views.reliability_by_series(events.iloc[:0], indicators, regions).empty
    unnamed = regions.assign(name_en=["", None])  # a region without an English name
    assert views.reliability_by_series(events, indicators, unnamed, lang="en")["name"].tolist() == [
        "High-tech enterprises (china)", "R&D spending (hebei)"]  # fmt: skip


def test_trajectory_table_shows_a_path_once():
    """R&D's 10 % path is its required path: page 02 listed the same row twice."""
    years = [2021, 2022, 2023]
    traj = pd.concat([
        pd.DataFrame({"indicator_id": "rd_spending", "year": years, "path": path,
                      "value": [54.03, 59.433, 65.3763]})
        for path in ("required", "rd_10pct")
    ] + [pd.DataFrame({"indicator_id": "tech_smes", "year": years, "path": "required",
                       "value": [9000.0, 9500.0, 10000.0]})])  # fmt: skip
    indicators = pd.DataFrame({"indicator_id": ["tech_smes", "rd_spending"],
                               "name_zh": ["科技型中小企业数量", "全社会研发经费投入"],
                               "name_en": ["Tech SMEs", "R&D spending"]})  # fmt: skip
    t = views.trajectory_table(traj, indicators, lang="en")
    assert t[label("col.name", "en")].tolist() == ["Tech SMEs", "R&D spending"]
    different = traj.assign(value=traj["value"].where(traj["path"] != "rd_10pct", 1.0))
    assert len(views.trajectory_table(different, indicators, lang="en")) == 3


def test_trajectory_table_prints_computed_years_by_size():
    """Page 02 printed R&D's 10 % path as 54.03 | 59.433 | 65.4: a computed value that
    happened to have three decimals kept them. The baseline keeps its published decimals."""
    traj = pd.DataFrame({"indicator_id": ["rd_spending"] * 3 + ["tech_smes"] * 4,
                         "year": [2021, 2022, 2023, 2020, 2021, 2022, 2023], "path": "required",
                         "value": [54.03, 59.433, 65.3763, 8796, 9025.4, 9259.6, 9500]})  # fmt: skip
    indicators = pd.DataFrame({"indicator_id": ["rd_spending", "tech_smes"],
                               "name_zh": ["全社会研发经费投入", "科技型中小企业数量"],
                               "name_en": ["R&D spending", "Tech SMEs"]})  # fmt: skip
    t = views.trajectory_table(traj, indicators, lang="en")
    assert t[["2020", "2021", "2022", "2023"]].values.tolist() == [
        ["—", "54.03", "59.4", "65.4"], ["8,796", "9,025", "9,260", "9,500"]]  # fmt: skip
    html = views.people(t, lang="en").to_html()
    assert "59.4<" in html and "59.433" not in html


def test_computed_columns_print_by_size_published_ones_as_given():
    """The national R&D backtest printed forecasts 32,815.2 beside 35,455: a forecast with
    one decimal read as more precise than its neighbours. Published figures keep theirs."""
    bt = pd.DataFrame({"mean": [32815.2, 35455.0], "lo_80": [30123.45, 33000.0],
                       "smape": [6.3412, 5.0], "actual": [54.03, 61.5]})  # fmt: skip
    out = views.for_people(bt, lang="en")
    assert out.iloc[:, 0].tolist() == ["32,815", "35,455"]
    assert out.iloc[:, 1].tolist() == ["30,123", "33,000"]
    # an error measure at a fixed number of decimals, not by size ("21" beside "6.52")
    assert out.iloc[:, 2].tolist() == ["6.3", "5.0"]
    html = views.people(bt, lang="en").to_html()
    assert "54.03" in html  # the actual, as published


def test_chinese_tables_set_source_and_clause_brackets_full_width():
    """The brief and the charts said 方案（2021-2025年）, notebook 01's tables 方案(2021-2025年)."""
    df = pd.DataFrame({"source": ["廊坊市《方案(2021-2025年)》 (Langfang plan)"],
                       "clause": ["三(二)"]})  # fmt: skip
    zh = views.for_people(df, lang="zh")
    assert zh.iloc[0].tolist() == ["廊坊市《方案（2021-2025年）》 (Langfang plan)", "三（二）"]
    # in English the source keeps its text and the clause is numbered in digits
    en = views.for_people(df, lang="en").iloc[0].tolist()
    assert en == [df.iloc[0, 0], "Part 3 (2)"]


def test_every_table_of_targets_marks_a_probability_that_parts_from_the_series_course():
    """The landing page marked 60 %, 54 % and 52 % with †; notebook 04's milestone tables
    and the brief's table 1 printed them plain."""
    from langfang_metrics import compute
    from langfang_metrics.brief import status_table

    r = compute.load_results()
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    marked = overview[overview["caveat"] != ""]
    assert len(marked) and set(marked["caveat"]) <= {"lagging", "outrunning", "never_rose"}
    for lang in ("zh", "en"):
        shown, _ = status_table(r.gaps, r.indicators, lang=lang)
        cells = shown[label("col.p_meet", lang)]
        assert cells.str.contains("%†", regex=False).sum() == len(marked)
        year = int(marked["milestone_year"].iloc[0])
        html = views.milestone_table(r.gaps, r.indicators, milestone_year=year, lang=lang).to_html()
        assert "%†" in html and label("landing.caveat_note", lang) in html
        name = marked["name"].iloc[0] if lang == "zh" else "High-tech enterprises"
        assert f"{name}（{year}年）：预测此后年均" in html or f"{name} ({year}): forecast" in html
    plain = views.format_overview(overview.assign(caveat=""), lang="en")
    assert not plain[label("col.p_meet", "en")].str.contains("†", regex=False).any()


def test_an_outcome_on_a_provisional_figure_says_so():
    """10,050 preliminary firms against 10,000 read "100% actual outcome"; the final 9,950
    then missed it."""
    row = {"p_meet": 1.0, "status": "achieved", "latest_year": 2025, "milestone_year": 2025,
           "latest_status": "preliminary"}  # fmt: skip
    assert views.outcome_words(row, "en") == "provisional, final figure pending"
    assert views.outcome_words({**row, "latest_status": "estimate"}, "zh") == "初步结果，待正式数"
    assert views.outcome_words({**row, "latest_status": "final"}, "zh") == "实际结果"
    ahead = {**row, "latest_year": 2023, "p_meet": 0.8, "status": "on_track"}
    assert views.outcome_words(ahead, "en") == "likely"  # a preliminary 2023 figure: a forecast


def test_the_fiscal_table_prints_cumulative_counts_and_awards_with_their_range():
    """Ten columns of bare numbers ran off the page, and a forecast cost of 12,640 万元
    stood without the range of the count beside it."""
    from langfang_metrics import compute

    r = compute.load_results()
    shown = views.fiscal_table(r.fiscal_exposure, lang="en").data
    assert shown.shape[1] == 6
    last = shown.iloc[-1]
    fe = r.fiscal_exposure.iloc[-1]
    # English in million yuan, as the key point above the table says the sum ("about 126
    # million yuan" over a column of 12,633 "10k yuan": the planner's review)
    lo, hi = (views.fixed(fe[c] / 100, 1) for c in ("cum_cost_lo_80_wan", "cum_cost_hi_80_wan"))
    assert last[label("col.cum_cost_range", "en")] == (
        f"{views.fixed(fe['cum_cost_wan'] / 100, 1)} [{lo}–{hi}]")  # fmt: skip
    assert "million yuan" in label("col.cum_cost_range", "en")
    assert shown[label("col.cost_money", "en")].iloc[0] == views.fixed(
        r.fiscal_exposure["cost_wan"].iloc[0] / 100, 1)  # fmt: skip
    zh = views.fiscal_table(r.fiscal_exposure, lang="zh").data
    wan = views.fmt_number(fe["cum_cost_wan"], given=True)  # 万元 as the workbook's (12,633)
    assert zh[label("col.cum_cost_range", "zh")].iloc[-1].startswith(f"{wan} [")
    first = shown.iloc[0]
    assert "[" not in first[label("col.cum_new_range", "en")]  # an actual: no range
    # the first year's cumulative count is its new firms, printed alike (it read 176.5 | 176)
    assert first[label("col.cum_new_range", "en")] == "177"


def test_a_past_milestone_without_its_figure_says_which_figure_is_owed():
    """Run --as-of 2026: every probability cell read "—", as if nothing were owed."""
    from langfang_metrics import compute, landing

    r = compute.load_results(as_of=2026)
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    hte = overview[overview["indicator_id"] == "high_tech_enterprises"].set_index("milestone_year")
    assert hte.loc[2023, "ex_post"] == "no_figure"
    shown = views.format_overview(overview, lang="en")
    cells = set(shown[label("col.p_meet", "en")])
    assert {"no 2023 figure yet", "no 2025 figure yet"} <= cells
    row = overview[overview["indicator_id"] == "high_tech_enterprises"].iloc[0]
    assert "缺2023年数据" in landing._prob_cell(row, "zh")


def test_wide_tables_of_targets_break_headers_and_brackets_not_the_page():
    """The English milestone tables ran the projection off a 1,400 px page: headers and the
    probability and latest-figure cells kept one line each."""
    from langfang_metrics import compute

    r = compute.load_results()
    html_text = views.milestone_table(
        r.gaps, r.indicators, milestone_year=2025, lang="en"
    ).to_html()
    heads = list(views.format_overview(views.target_overview(r.gaps, r.indicators, lang="en"),
                                       lang="en").columns)  # fmt: skip
    shown = [h for h in heads if h not in (label("col.section", "en"),
                                           label("col.milestone_year", "en"))]  # fmt: skip
    shown.insert(4, label("col.progress_share", "en"))
    shown.insert(5, label("col.time_share", "en"))
    p_col = shown.index(label("col.p_meet", "en"))
    assert re.search(r"th\s*\{[^}]*white-space: normal;[^}]*word-break: keep-all", html_text)
    assert re.search(rf"td\.col{p_col}\s*\{{[^}}]*white-space: normal", html_text)
    r_col = shown.index(label("col.projected_range", "en"))
    assert not re.search(rf"td\.col{r_col}\s*\{{[^}}]*white-space: normal", html_text)


def test_the_reliability_check_is_read_for_each_target_with_a_forecast():
    """The page listed +37 points for high-tech enterprises in China and left the reader to
    notice that this is a target whose probability comes from a forecast."""
    indicators = pd.DataFrame({"indicator_id": ["a", "b"], "name_zh": ["指标a", "指标b"],
                               "name_en": ["A", "B"]})  # fmt: skip
    events = pd.DataFrame({"indicator_id": ["a"] * 20 + ["b"] * 20, "region": "china",
                           "origin": [2018, 2019] * 20, "p_meet": 0.5,
                           "met": [1.0] * 18 + [0.0] * 2 + [1.0, 0.0] * 10})  # fmt: skip
    gaps = pd.DataFrame([
        _gap_row("a", "甲", 2025, "on_track", latest_year=2022, latest_value=1.0, p_meet=0.6),
        _gap_row("b", "甲", 2025, "on_track", latest_year=2022, latest_value=1.0, p_meet=0.6),
    ])  # fmt: skip
    zh = views.reliability_reading(events, gaps, indicators, lang="zh")
    assert zh.startswith("指标a：") and (
        "china序列上，预测给出所检验增速的概率平均为50%，实际达到的比例为90%（相差+40个百分点，2个预测起点、"
        "20次检验）。该目标" in zh
    )  # in plain words: predicted, happened, the difference (the planner's review)
    assert "可能偏低" in zh
    # the difference is that of the figures printed: 51 % and 89 % read "+37" (the diff review)
    odd = pd.DataFrame(
        {
            "indicator_id": "a",
            "region": "china",
            "origin": [2018, 2019] * 9,
            "p_meet": 0.514,
            "met": [1.0] * 16 + [0.0] * 2,
        }
    )  # 88.9 % - 51.4 %
    assert "平均为51%，实际达到的比例为89%（相差+38个百分点" in views.reliability_reading(
        odd, gaps.iloc[:1], indicators, lang="zh")  # fmt: skip
    # halves round up, as every other percentage in the project (Python's round gave 12 %
    # and 62 % for 12.5 % and 62.5 %, where the page's tables say 13 % and 63 %)
    tie = odd.iloc[:16].assign(p_meet=0.125, met=[1.0] * 10 + [0.0] * 6)  # 62.5 % - 12.5 %
    assert "平均为13%，实际达到的比例为63%（相差+50个百分点" in views.reliability_reading(
        tie, gaps.iloc[:1], indicators, lang="zh")  # fmt: skip
    # events made elsewhere without their origins: no origins are counted or said
    bare = views.reliability_reading(events.drop(columns="origin"), gaps, indicators, lang="zh")
    assert "实际达到的比例为90%（相差+40个百分点，20次检验）" in bare and "预测起点" not in bare
    assert "指标b：在同一指标的序列上检验，实际达到的比例与预测的概率相差不到20个百分点" in zh
    # a target settled by its own figure has no forecast to read
    done = gaps.assign(latest_year=2025)
    assert views.reliability_reading(events, done, indicators, lang="en").startswith("No target")
    # beside the probabilities (landing page, brief) only the targets that likely run off
    flagged = views.reliability_reading(events, gaps, indicators, lang="zh", flagged_only=True)
    assert flagged.startswith("指标a：") and "指标b" not in flagged
    assert views.reliability_reading(events, done, indicators, flagged_only=True) == ""
    assert views.reliability_reading(events.iloc[0:0], gaps, indicators, flagged_only=True) == ""


def _series_events(region, diff_points=0, origins=2, n=12, indicator="a"):
    """``n`` events of one series from ``origins`` forecast origins, each given 50 %, that
    happened ``50 + diff_points`` % of the time."""
    met = round(n * (50 + diff_points) / 100)
    return pd.DataFrame({"indicator_id": indicator, "region": region, "p_meet": 0.5,
                         "origin": (list(range(2010, 2010 + origins)) * n)[:n],
                         "met": [1.0] * met + [0.0] * (n - met)})  # fmt: skip


def _one_target():
    indicators = pd.DataFrame({"indicator_id": ["a"], "name_zh": ["指标a"], "name_en": ["A"]})
    gaps = pd.DataFrame([_gap_row("a", "甲", 2025, "on_track", latest_year=2022,
                                  latest_value=1.0, p_meet=0.6)])  # fmt: skip
    return indicators, gaps


def test_a_reliability_lean_outweighed_by_the_series_that_match_is_not_said():
    """China's +37 points from 2 forecast origins read "may be too low" beside another
    series' -1 from as many (the statistician's review): as many origins say the
    probabilities hold, so the reading says the series disagree and nothing is said beside
    the probability; with more origins far off, the lean is said, and the first clause
    names only the series far off."""
    indicators, gaps = _one_target()
    regions = pd.DataFrame({"region": ["china", "hebei"], "name_zh": ["全国", "河北省"],
                            "name_en": ["China", "Hebei"]})  # fmt: skip

    def events(near_origins):
        return pd.concat([_series_events("china", 39, origins=3, n=18),
                          _series_events("hebei", 0, origins=near_origins)],
                         ignore_index=True)  # fmt: skip

    assert views.reliability_keys(events(3), gaps) == {"a": "unclear"}
    zh = views.reliability_reading(events(3), gaps, indicators, regions, lang="zh")
    assert zh.startswith("指标a：在同一指标的各序列上检验，结果不一：偏差较大的有全国序列")
    assert "与预测相差不到20个百分点的有河北省序列" in zh and "+39" in zh
    assert views.reliability_reading(events(3), gaps, indicators, flagged_only=True) == ""
    # with fewer origins within the gap, China's lean is said; Hebei is not among the
    # series said to be far off, it follows them
    assert views.reliability_keys(events(2), gaps) == {"a": "low"}
    zh = views.reliability_reading(events(2), gaps, indicators, regions, lang="zh")
    lead, rest = zh.split("。", 1)
    assert "全国序列" in lead and "河北省" not in lead
    assert rest.startswith("河北省序列") and "但所含预测起点少于上述序列" in rest
    assert rest.endswith("该目标的达标概率可能偏低。")
    en = views.reliability_reading(events(2), gaps, indicators, regions, lang="en")
    assert "Hebei" not in en.split(". ", 1)[0] and "but from fewer forecast origins: on Hebei" in en


def test_the_home_series_once_read_decides_what_the_backtests_say_of_its_probability():
    """With Langfang's own patent series backtested (2 origins, 18 events, -2 points) the
    page said China's series (4 origins, +41) found the events happening far more often than
    predicted, quoted Langfang's -2 under that claim and still concluded "may be too low",
    and the table said "回测显示可能偏低" (the reviewers' case). The target's probability is a
    forecast of the home series, and its own backtest checks those very forecasts: once
    read, it decides."""
    indicators, gaps = _one_target()
    regions = pd.DataFrame({"region": ["china", "langfang"], "name_zh": ["全国", "廊坊市"],
                            "name_en": ["China", "Langfang"]})  # fmt: skip
    agree = pd.concat([_series_events("china", 41, origins=4, n=60),
                       _series_events("langfang", -2, origins=2, n=18)], ignore_index=True)  # fmt: skip
    assert views.reliability_keys(agree, gaps) == {"a": "home"}
    zh = views.reliability_reading(agree, gaps, indicators, regions, lang="zh",
                                   flagged_only=True)  # fmt: skip
    assert (
        zh.startswith("指标a：廊坊市序列")
        and "次检验），与预测相差不到20个百分点。同一指标其他地区的序列：全国序列" in zh
    )
    assert "高出较多" not in zh and "可能偏低" not in zh
    assert zh.endswith("以廊坊市序列的检验为准，不据此判断其偏低。")
    en = views.reliability_reading(agree, gaps, indicators, regions, lang="en")
    assert en.startswith("A: on Langfang’s series") and "), within 20 points of its forecasts" in en
    assert "may be too low" not in en and "not read as saying the probability runs low" in en
    # no word under the probability in the table
    row = {**gaps.iloc[0].to_dict(), "reliability": "home"}
    assert not any("回测" in w for w in views.grade_lines(row, "zh"))
    # the home series far off decides too, though China's matches from more origins
    off = pd.concat([_series_events("china", 0, origins=4, n=60),
                     _series_events("langfang", 30, origins=2, n=18)], ignore_index=True)  # fmt: skip
    assert views.reliability_keys(off, gaps) == {"a": "low"}
    zh = views.reliability_reading(off, gaps, indicators, regions, lang="zh")
    lead, rest = zh.split("。", 1)
    assert "廊坊市序列" in lead and "全国" not in lead
    assert rest.startswith("同一指标的其他序列：全国序列") and "以廊坊市序列的检验为准" in rest
    # the home series within the gap and no other far off: nothing to say beside it
    calm = pd.concat([_series_events("china", 5, origins=4, n=60),
                      _series_events("langfang", -2, origins=2, n=18)], ignore_index=True)  # fmt: skip
    assert views.reliability_keys(calm, gaps) == {"a": "ok"}
    # a home series of one origin is not read; China's lean then stands alone
    alone = pd.concat([_series_events("china", 41, origins=4, n=60),
                       _series_events("langfang", -2, origins=1, n=18)], ignore_index=True)  # fmt: skip
    assert views.reliability_keys(alone, gaps) == {"a": "low"}


def test_a_departments_targets_show_their_probability_as_the_tables_do():
    """The department list printed the raw probability: "0%" for a missed milestone where
    the target tables say "actual outcome"."""
    gaps = pd.DataFrame([
        _gap_row("a", "甲", 2025, "missed", latest_year=2025, latest_value=1400.0, p_meet=0.0),
        _gap_row("b", "甲", 2025, "on_track", latest_year=2022, latest_value=1200.0, p_meet=0.63),
    ])  # fmt: skip
    html = views.department_targets(gaps, lang="zh").to_html()
    assert "实际结果" in html and "0%" not in html and "63%" in html
    assert html.count("市人力资源社会保障局") == 2 and "市科技局" in html  # each department
    # what the backtests say of a probability, as the milestone tables say it
    low = views.department_targets(gaps, lang="zh", reliability={"b": "low"}).to_html()
    assert "63%（约各半；回测显示可能偏低）" in low and "回测显示" not in html


def test_a_forecast_of_a_year_gone_by_says_its_figure_is_owed():
    """The data have reached 2023 but not this series: the milestone is not graded, and its
    probability is the forecast of a year that is over, said as such."""
    from langfang_metrics import landing

    gaps = pd.DataFrame([_gap_row("a", "甲", 2023, "insufficient_data", latest_year=2022,
                                  latest_value=1258.0, p_meet=0.6, ex_post="no_figure",
                                  target=1300.0)])  # fmt: skip
    zh = views.format_overview(views.target_overview(gaps), lang="zh")
    assert list(zh[label("col.p_meet", "zh")]) == ["60%（约各半；缺2023年数据）"]
    cell = landing._prob_cell(views.target_overview(gaps, lang="en").iloc[0], "en")
    # on the page each on a line of its own (beside each other they widened the column)
    assert cell.startswith("60%") and "about even<br>no 2023 figure" in cell


def test_numbers_round_their_halves_up_everywhere():
    """A projected 1,434.5 firms read 1,434 in the tables (Python's half-to-even) and 1,435
    in the brief; 0.075 points a year (0.07499999999999996 in binary) read 0.07. One rule,
    Excel's: halves away from zero on the decimal value."""
    from langfang_metrics import brief, plots

    assert views.fmt_number(1434.5) == brief._number(1434.5, 0) == plots._fmt(1434.5) == "1,435"
    assert views.fixed((1.45 - 1.30) / 2, 2) == "0.08" and views.fmt_number(2.675) == "2.68"
    assert views.half_up(-2.5) == -3.0 and views.half_up(2.4999) == 2.0
    # large figures keep every digit (12 significant digits dropped the last ones)
    assert views.fixed(1234567890123.4, 0) == "1,234,567,890,123"
    assert views.fixed(98765432109876.0, 0) == "98,765,432,109,876"
    row = {"projected": 1434.5, "projected_lo_80": 1112.5, "projected_hi_80": 2288.5,
           "unit": "家", "kind": "stock", "p_meet": 0.5, "latest_year": 2022,
           "milestone_year": 2025}  # fmt: skip
    # the median half up; its range outwards, as notebook 03 prints it (views.fmt_level)
    assert views._fmt_projected(row, "zh", 0) == "1,435家 [1,112–2,289]"


def test_rates_and_extreme_figures_round_as_the_rest():
    """The tables' rates rounded half to even on the binary value (0.1025 read 10.2 % where
    the brief said 10.3 %), a figure of 1e28 or more stopped the formatter, and a rounded
    -0.4 read "-0"."""
    from langfang_metrics import brief

    assert views._fmt_rate(0.1025, "zh") == "10.3%" == brief._growth(0.1025, "%/yr", "", 0,
                                                                      "zh").lstrip("+")  # fmt: skip
    assert views._fmt_rate(-0.0004, "en") == "0.0%"
    assert views.fixed(1e30, 0) == "1," + ",".join(["000"] * 10)
    assert views.fixed(1.2345678901234568e17, 0) == "123,456,789,012,345,680"
    assert views.fixed(-0.4, 0) == "0" and views.fmt_number(-0.004) == "0"
    # the brief's decimals that tell two figures apart predict what is printed
    assert brief._growths(0.09995, 0.10, "%/yr", "", 0, "zh") == ("+9.995%", "+10.000%")


def test_segments_view_gives_each_path_its_own_terms():
    """Page 02 gave a share's linear path a compound "2.4%" it does not use, printed bare
    numbers (家, 亿元 and % mixed row by row) and a yearly flow's "0.0% | 0" every year."""
    from langfang_metrics import compute

    r = compute.load_results()
    indicators, segments = r.indicators, r.segments
    for lang in ("zh", "en"):
        shown = views.segments_view(segments, indicators, lang=lang).data
        name, growth, step = (label(f"col.{c}", lang) for c in ("name", "annual_growth",
                                                                 "annual_increment"))  # fmt: skip
        by_name = shown.set_index(name)
        names = indicators.set_index("indicator_id")[f"name_{lang}"]
        share = by_name.loc[names["high_tech_industry_share"]]
        assert share[growth] == "—"
        assert share[step] == ("0.88个百分点" if lang == "zh" else "0.88 pp")
        unit = label("col.unit", lang)
        assert (share[label("col.start_value", lang)], share[unit]) == ("35.6", "%")
        smes = by_name.loc[names["tech_smes"]]
        assert smes[growth] == "2.6%"
        assert (smes[label("col.end_value", lang)], smes[unit]) == (
            "10,000",
            "家" if lang == "zh" else "firms",
        )
        # one unit for one indicator across page 02: the registry's, as the paths table and
        # the chart give it (English read "5.403 billion yuan" beside their 54.03)
        rd = by_name.loc[names["rd_spending"]]
        units = indicators.set_index("indicator_id")[f"unit_{lang}"]
        assert rd[unit] == units["rd_spending"]
        assert rd[label("col.start_value", lang)] == "54.03" and rd[step] == "6.27"
        paths = views.trajectory_table(r.trajectories, indicators, lang=lang)
        path = paths[paths[name] == names["rd_spending"]].iloc[0]
        assert path[unit] == rd[unit] and path["2021"] == "54.03"
        flow = shown[shown[name] == names["key_core_tech_per_year"]]
        assert len(flow) == 1 and flow.iloc[0][label("col.segment", lang)] == label(
            "segment.overall", lang
        )
    # a flow's year-by-year segments without a whole-span row are kept, not lost
    parts = segments[segments["segment"] != "overall"]
    shown = views.segments_view(parts, indicators, lang="en").data
    name = indicators.set_index("indicator_id").loc["key_core_tech_per_year", "name_en"]
    assert (shown[label("col.name", "en")] == name).sum() == 4


def test_checks_warning_does_not_call_a_change_of_definition_a_figure_still_used():
    """The page read "1 figure looks wrong ... still used" of a change of definition whose
    three figures were left out."""
    definition = pd.DataFrame({"check": ["definition"], "message": ["x"]})
    mixed = pd.DataFrame({"check": ["definition", "fraction", "spike"], "message": ["x"] * 3})
    zh = views.checks_warning(definition, "landing", "zh")
    assert zh.startswith("有1处口径变化") and "仍照常计入" not in zh
    en = views.checks_warning(definition, "brief", "en")
    assert en.startswith("Changes of definition: 1.") and "still used" not in en
    both = views.checks_warning(mixed, "landing", "en")
    assert "Figures that look wrong" in both and ": 2. They are still used" in both
    assert "verify them first. Changes of definition: 1." in both  # two sentences
    assert "请先核实。有1处口径变化" in views.checks_warning(mixed, "landing", "zh")
    assert "请先核实。有1处口径变化" in views.checks_warning(mixed, "brief", "zh")
    assert views.checks_warning(mixed.iloc[1:], "landing", "zh").startswith("有2个数字")
    assert views.checks_warning(mixed.iloc[:0], "landing", "zh") == ""


def test_whole_numbers_in_tables_carry_thousands_separators_but_years_do_not():
    """Notebook 01's fiscal parameters printed 1000 and 3000 beside 1,300 elsewhere."""
    df = pd.DataFrame({"value": [1000, 20], "year": [2023, 2025], "n": [12345, 6]})
    for lang in ("zh", "en"):
        out = views.for_people(df, lang=lang)
        assert out.iloc[:, 0].tolist() == ["1,000", "20"]
        assert out.iloc[:, 1].tolist() == ["2023", "2025"]
        assert out.iloc[:, 2].tolist() == ["12,345", "6"]
    # a table whose headers are already words: 年份 is the label of two columns, and the
    # forecast table's years read "2,025" on the Chinese page
    f = pd.DataFrame({"indicator_id": ["a"], "year": [2025], "method": ["growth"],
                      "as_of": [2022], "mean": [1.0]})  # fmt: skip
    ind = pd.DataFrame({"indicator_id": ["a"], "name_zh": ["甲"], "name_en": ["A"]})
    for lang in ("zh", "en"):
        shown = views.for_people(views.forecast_table(f, ind, lang=lang), lang=lang)
        assert shown[label("col.year", lang)].tolist() == ["2025"]


def test_an_empty_table_shows_its_caption_without_a_row_of_bare_headers():
    st = views.people(pd.DataFrame({"indicator_id": [], "smape": []}), lang="en")
    html = st.to_html()
    assert label("note.no_rows", "en") in html and not re.search(r"<th[ >]", html)
    # with no columns the table is as narrow as the caption lets it be: one line, not
    # "(No rows / yet: no / data meet / …)"
    assert re.search(r"caption \{\s*white-space: nowrap;", html)


def test_checks_are_written_in_chinese_beside_the_english_line(tmp_path):
    """checks.csv said its findings in English only, while the page, the workbook and the
    command line say them in Chinese first: ``message_zh`` is the line ``validate``
    prints, and a run without findings still has the column."""
    from langfang_metrics import registry
    from langfang_metrics.observations import check_table, load_observations

    path = tmp_path / "slip.csv"
    path.write_text("indicator_id,year,value\nhigh_tech_enterprises,2021,1050\n"
                    "high_tech_enterprises,2022,12580\n", encoding="utf-8")  # fmt: skip
    ind, regions = registry.load_indicators(), registry.load_regions()
    checks = check_table(load_observations(path), ind, registry.load_targets())
    both = views.checks_in_both_languages(checks, ind, regions=regions)
    shown = [c for c in checks.columns if c != "detail_zh"]
    assert list(both.columns) == [*shown[:-1], "message_zh", "message"]
    lines = views.check_lines(checks, ind, regions=regions, lang="zh")
    assert len(both) == len(lines) >= 1
    for line, zh, en in zip(lines, both["message_zh"], both["message"], strict=True):
        assert line == f"{zh}\n    {en}" and "高新技术企业数量（廊坊市）2022年 = 12,580家" in zh
        # the reference value and the likely slip, as the English says them
        assert "与方案2020年基数905相差10倍以上：位数或单位有误？" in zh, zh
    none = views.checks_in_both_languages(checks.iloc[:0], ind, regions=regions)
    assert none.empty and list(none.columns) == list(both.columns)


def test_a_milestone_table_says_a_growth_targets_growth_figures_in_its_caption():
    """Notebook 04's milestone tables showed R&D spending's one level and "insufficient data"
    and nothing of the 2022 growth held, which the landing page says under the figure."""
    from langfang_metrics import compute, gaps

    r = compute.load_results()
    rates = gaps.rate_years(r.indicators, r.targets, r.observations, as_of=r.as_of)
    for lang, said in (("zh", "全社会研发经费投入已报告的年增速：2022年≥10%"),
                       ("en", "Society-wide R&D spending, yearly growth reported: at least 10% in "
                              "2022")):  # fmt: skip
        st = views.milestone_table(r.gaps, r.indicators, milestone_year=2025, lang=lang,
                                   rates=rates)  # fmt: skip
        assert said in st.caption
        # without rates nothing is said
        assert said not in (views.milestone_table(r.gaps, r.indicators, milestone_year=2025,
                                                  lang=lang).caption or "")  # fmt: skip
    # a yearly flow's other years, and the backtests' word under a probability, as the page
    # and the brief's table say them (the diff review: notebook 04 said neither)
    flows = pd.DataFrame({"indicator_id": "key_core_tech_per_year", "year": [2021, 2022],
                          "target": 10.0, "comparison": ">=", "value": [12.0, 8.0],
                          "met": [True, False]})  # fmt: skip
    keys = views.reliability_keys(r.events, r.gaps)
    st = views.milestone_table(r.gaps, r.indicators, milestone_year=2023, lang="zh",
                               flows=flows, reliability=keys)  # fmt: skip
    assert "每年立项支持攻克关键核心技术：其他年度：2021年12项（达标）、2022年8项" in st.caption
    p = st.data[label("col.p_meet", "zh")]
    assert p.str.contains(label("fmt.p_backtest_low", "zh")).sum() == 1  # high-tech, 2023


def test_the_backtests_word_under_a_probability_says_what_the_reading_says():
    """The page's cell said 可能偏低 ("may be low") where the workbook and the annex said
    很可能偏低 ("likely too low"); the English said "likely" in both. Both now say 可能 / "may":
    很可能 is "90 % or more" on the page's own scale, more than a few origins of one series
    can show (the notebook reader's review), and a low reading is no surer than a high one."""
    for key, zh, en in (("low", "可能偏低", "may be too low"), ("high", "可能偏高", "too high")):
        assert zh in label(f"fmt.p_backtest_{key}", "zh") and zh in label(
            f"reliability.{key}", "zh"
        )
        assert en in label(f"fmt.p_backtest_{key}", "en") and en in label(
            f"reliability.{key}", "en"
        )
        for lang in ("zh", "en"):
            said = label(f"fmt.p_backtest_{key}", lang) + label(f"reliability.{key}", lang)
            assert "很可能" not in said and "likely" not in said


def test_departments_the_plan_names_for_a_related_measure_only_are_said_to_be_inferred():
    """R&D spending's four departments come from a related measure (四(四)13); the page, the
    brief and the workbook listed them as if the plan had named them for the target."""
    from langfang_metrics import compute, export

    r = compute.load_results()
    inferred = {i for i, v in views.inferred_departments(r.indicators).items() if v}
    assert {"rd_spending", "high_value_patents_per_10k"} <= inferred
    assert "high_tech_enterprises" not in inferred
    for lang in ("zh", "en"):
        shown = views.format_overview(views.target_overview(r.gaps, r.indicators, lang=lang),
                                      lang=lang)  # fmt: skip
        marked = shown[label("col.departments", lang)].str.endswith(
            label("fmt.departments_inferred", lang))  # fmt: skip
        names = set(shown.loc[marked, label("col.name", lang)])
        expect = set(r.indicators.set_index("indicator_id").loc[sorted(inferred), f"name_{lang}"])
        assert names == expect
        frame, _ = export._summary_sheet(r.gaps, r.indicators, lang)
        said = frame["departments"].str.contains(label("fmt.departments_inferred", lang).strip(),
                                                 regex=False)  # fmt: skip
        assert set(frame.loc[said, "name"]) == expect


def test_a_milestone_table_says_where_the_path_stands_under_the_latest_figure():
    """Notebook 04, the planner's page, showed "1,258家（2022年）" and "on track" but not the
    1,152 the target path asks for by then (the notebook reader's review): the landing page
    says it under the figure, and so does the table, on a line of its own."""
    from langfang_metrics import compute

    r = compute.load_results()
    for lang, words in (("zh", "按路径2022年应为"), ("en", "target path: ")):
        st = views.milestone_table(r.gaps, r.indicators, milestone_year=2023, lang=lang)
        latest = st.data[label("col.latest", lang)]
        graded = r.gaps[(r.gaps["milestone_year"] == 2023) & r.gaps["expected_on_path"].notna()
                        & (r.gaps["status"] != "insufficient_data")]  # fmt: skip
        assert len(graded) >= 1
        assert latest.str.contains(words, regex=False).sum() == len(graded)
        lines = latest[latest.str.contains(words, regex=False)].str.split("\n")
        # the figure, the path, the pace since the baseline, the change still needed
        pace = "年以来年均增长" if lang == "zh" else " a year since "
        assert all(len(parts) == 4 and parts[1].startswith(words) and pace in parts[2]
                   for parts in lines)  # fmt: skip
        # the break is a line break in the notebook's HTML, not a space
        assert f"<br>{words}" in st.to_html()


def test_a_series_of_one_forecast_origin_is_not_read_for_a_targets_probability():
    """The events of one forecast origin share that forecast's one error: 30 of them far
    off say little more than one (the notebook reader's review). A series is read from two
    origins on, and each says its origins."""
    indicators = pd.DataFrame({"indicator_id": ["a"], "name_zh": ["指标a"], "name_en": ["A"]})
    gaps = pd.DataFrame([_gap_row("a", "甲", 2025, "on_track", latest_year=2022,
                                  latest_value=1.0, p_meet=0.6)])  # fmt: skip
    one = pd.DataFrame({"indicator_id": "a", "region": "china", "origin": 2020,
                        "p_meet": 0.5, "met": [1.0] * 30})  # fmt: skip
    assert views.reliability_keys(one, gaps) == {}
    assert views.reliability_reading(one, gaps, indicators, flagged_only=True) == ""
    two = one.assign(origin=[2020] * 15 + [2021] * 15)
    assert views.reliability_keys(two, gaps) == {"a": "low"}
    en = views.reliability_reading(two, gaps, indicators, lang="en", flagged_only=True)
    assert (
        "on china’s series the forecasts gave the growth tested a 50% chance on average, and it "
        "was reached 100% of the time (+50 percentage points, 30 checks of forecasts from 2 "
        "starting years)" in en
    ) and "may be too low" in en


def test_the_backtests_of_the_probabilities_say_they_count_growth_paces_not_the_target():
    """The page said "the target was met 89% of the time in past data" (实际达标的比例为89%)
    where the backtests count growth thresholds on past figures ("value in year T+h ≥ that
    year's value × (1+g)^h"): a planner read it as a track record of the target (the
    reviewers'). Each series says the growth tested was reached, and the paragraph says
    which paces and horizons were counted, from the events themselves."""
    from types import SimpleNamespace

    indicators, gaps = _one_target()
    events = pd.DataFrame({"indicator_id": "a", "region": "china", "p_meet": 0.5,
                           "origin": [2018, 2019] * 9, "met": [1.0] * 16 + [0.0] * 2,
                           "growth": [0.0, 0.1, 0.3] * 6, "h": [1, 2, 3] * 6})  # fmt: skip
    results = SimpleNamespace(events=events, gaps=gaps, indicators=indicators)
    for lang, counted, wrong in (
        ("zh", "从过去各年的数据预测此后1至3年内年均增速分别不低于0%、10%和30%的概率", "达标的比例"),
        ("en", "the chance of growing by at least each of 0%, 10% and 30% a year over the next 1 "
               "to 3 years", "the target was met"),
    ):  # fmt: skip
        for where in ("page", "brief", "notes"):
            said = views.reliability_note(results, lang, where=where)
            assert counted in said and wrong not in said, (lang, where)
    zh = views.reliability_note(results, "zh")
    assert "不是该目标本身" in zh and "所检验增速实际达到的比例比预测的概率高出较多" in zh
    assert "china序列上，预测给出所检验增速的概率平均为50%，实际达到的比例为89%" in zh
    en = views.reliability_note(results, "en")
    assert "they count these paces, not the target itself" in en
    assert "the growth tested was reached far more often than the forecasts said" in en
    assert views.reliability_note(results, "en", where="notes").startswith("The backtests check")
    # events made elsewhere without their thresholds: what the suite counts
    bare = SimpleNamespace(events=events.drop(columns=["growth", "h"]), gaps=gaps,
                           indicators=indicators)  # fmt: skip
    assert "1至5年内年均增速分别不低于-5%、0%、5%、10%、15%和20%" in views.reliability_note(
        bare, "zh"
    )


def test_the_reliability_diagram_of_the_suites_backtests_is_said_in_words():
    """Notebook 03 drew the diagram (pooled ECE 0.070 over 8 series) and left the reader to
    find that this is above the 0.05 aimed at, and which way it errs (the notebook reader's
    review)."""
    from langfang_metrics import compute

    r = compute.load_results()
    groups, series = views.reliability_groups(r.events)
    assert series.nunique() == 8 and sum(len(p) for p, _, _ in groups.values()) == len(r.events)
    assert list(groups)[0] == "n = 2"
    zh = views.reliability_verdict(r.events, lang="zh")
    en = views.reliability_verdict(r.events, lang="en")
    assert zh.startswith(
        "合计840次检验、8条序列：校准误差（ECE）为0.070，高于基准测试的目标（≤0.05）"
    )
    assert "实际发生的比例平均比预测概率高5个百分点，概率总体偏低" in zh and "序列只有8条" in zh
    assert "is 0.070, above the 0.05 or less" in en and "run low on the whole" in en
    assert "misses the diagonal in 1 of 10 probability bins" in en
    assert "方向相反" not in zh  # without the registry: the pooled reading only
    # with it: the shares' backtests run high while the rest run low, said apart (the
    # pooled "run low" pointed the wrong way for share targets: the statistician's review)
    split = views.reliability_verdict(r.events, lang="zh", indicators=r.indicators)
    assert split.startswith(zh) and "按指标类别看方向相反：回测的比重类序列（" in split
    kinds = r.indicators.set_index("indicator_id")["kind"]
    share = r.events["indicator_id"].map(kinds).eq("share")
    lean = 100 * (r.events.loc[share, "met"].mean() - r.events.loc[share, "p_meet"].mean())
    assert lean < -views.VERDICT_GAP_POINTS and f"低{abs(lean):.0f}个百分点" in split
    one_way = r.events[~share]  # no shares: nothing to set apart
    assert views.reliability_verdict(one_way, lang="zh", indicators=r.indicators) == (
        views.reliability_verdict(one_way, lang="zh"))  # fmt: skip
    # events that happen as predicted: within the goal, no lean, no bin apart
    even = pd.DataFrame({"indicator_id": "a", "region": [f"r{i % 40}" for i in range(4000)],
                         "n_obs": 3, "p_meet": 0.5, "met": [i % 2 for i in range(4000)]})  # fmt: skip
    said = views.reliability_verdict(even, lang="en")
    assert "is 0.000, within" in said and "no lean either way" in said
    assert f"within {views.VERDICT_GAP_POINTS} points of the mean prediction" in said
    assert "Every one of the 1 probability bins has a 95% range that reaches" in said
    assert views.reliability_verdict(even.iloc[:0]) == ""
    # five events of one series: too few to judge, not an ECE
    few = views.reliability_verdict(r.events.iloc[:5], lang="en")
    assert few == "5 events from 1 series are too few to judge the probabilities by."


def test_one_vintage_is_said_in_a_sentence_not_a_repeated_table():
    """With one vintage the section repeated the forecast table and drew one dot per chart
    (the notebook reader's review)."""
    from langfang_metrics import compute

    r = compute.load_results()
    assert "截至2022年" in views.vintage_note(r.vintages, lang="zh")
    assert views.vintage_note(r.vintages, lang="en").startswith("Every forecast has one vintage")
    two = pd.concat([r.vintages, r.vintages.assign(as_of=2021)])
    assert views.vintage_note(two, lang="zh") == ""
    assert views.vintage_note(r.vintages.iloc[:0], lang="en").startswith("No vintage")


def test_a_target_achieved_before_its_milestone_year_is_counted_as_still_to_be_held(tmp_path):
    """1,505 high-tech firms in 2024 made the 2025 milestone "achieved" in the counts, with
    nothing to say that a stock can still fall before 2025 (the statistician's review).
    Assessed as of 2024, when 2025 was still to come (without ``as_of`` China's 2025
    figures say that year is over: the next test)."""
    from langfang_metrics import brief, compute, config, landing

    obs = tmp_path / "obs.csv"
    obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8")
                   + "high_tech_enterprises,langfang,2024,1505,家,final,test,,,,\n",
                   encoding="utf-8")  # fmt: skip
    r = compute.load_results(obs, as_of=2024)
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    early = views.status_counts(overview, early=True)
    assert early.loc["achieved", 2025] == 1 and int(early.to_numpy().sum()) == 1
    assert not views.status_counts(overview, early=True, owed=True).to_numpy().any()
    assert "其中1项提前达到，需保持" in landing._counts_table(overview, "zh")
    zh = brief.overview_sentences(r.gaps, as_of=2024, lang="zh")[-1]
    en = brief.overview_sentences(r.gaps, as_of=2024, lang="en")[-1]
    assert "已实现1项（1项在目标年份前达到，需保持至目标年份）" in zh
    assert "Achieved: 1, 1 reached before the milestone year, to be held until then;" in en
    # the shipped data achieve nothing early: nothing is said
    shipped = views.target_overview(compute.load_results().gaps, lang="zh")
    assert not views.status_counts(shipped, early=True).to_numpy().any()
    assert "提前达到" not in landing._counts_table(shipped, "zh")
    with pytest.raises(ValueError, match="exclude each other"):  # never both: not zeros
        views.status_counts(overview, early=True, provisional=True)
    with pytest.raises(ValueError, match="alone it would count every target"):
        views.status_counts(overview, owed=True)


def test_a_target_achieved_early_whose_milestone_year_is_over_awaits_that_years_figure(tmp_path):
    """With the returns run to 2025, 1,505 firms in 2024 and no 2025 figure of them still
    read "1 reached early, to be held" (the final-evaluation review): 2025 is over, and the
    2025 figure is owed to confirm the target held. (So it is without the 2025 figure of
    tech-based SMEs: China's 2025 figures say that year is over.)"""
    from langfang_metrics import brief, compute, config, landing

    obs = tmp_path / "obs.csv"
    obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8")
                   + "high_tech_enterprises,langfang,2024,1505,家,final,test,,,,\n"
                   + "tech_smes,langfang,2025,9950,家,final,test,,,,\n",
                   encoding="utf-8")  # fmt: skip
    r = compute.load_results(obs)
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    assert views.status_counts(overview, early=True, owed=True).loc["achieved", 2025] == 1
    assert views.status_counts(overview, early=True).loc["achieved", 2025] == 1
    zh, en = (landing._counts_table(overview, lang) for lang in ("zh", "en"))
    assert "其中1项提前达到，待2025年数据确认" in zh and "需保持" not in zh
    assert "1 reached early, to be confirmed by the 2025 figure" in en and "to be held" not in en
    said = brief.overview_sentences(r.gaps, as_of=2025, lang="zh")[-1]
    # the only achieved one: "该项", not "1项" of 1 (the diff review)
    assert "已实现1项（该项在目标年份前达到，目标年份已过，待2025年数据确认是否保持）" in said
    assert "需保持至目标年份" not in said


# --------------------------------------------------------------------------- names for notebooks
def test_with_names_says_another_regions_name_after_the_indicators(indicators):
    regions = pd.DataFrame({"region": ["langfang", "china"], "name_zh": ["廊坊市", "全国"],
                            "name_en": ["Langfang", "China"], "level": ["city", "country"]})  # fmt: skip
    df = pd.DataFrame({"indicator_id": ["rd_spending", "rd_spending", "unknown"],
                       "region": ["langfang", "china", "atlantis"]})  # fmt: skip
    zh = views.with_names(df, indicators, regions, lang="zh")
    assert zh["name"].tolist() == [
        "全社会研发经费",
        "全社会研发经费（全国）",
        "unknown（atlantis）",
    ]
    assert zh["unit"].tolist() == ["亿元", "亿元", ""]
    en = views.with_names(df, indicators, regions, lang="en")
    assert en["name"].tolist()[:2] == ["R&D spending", "R&D spending (China)"]
    assert en["unit"].tolist()[0] == "100 million yuan"
    # figures that carry their own unit keep it
    own = views.with_names(df.assign(unit="万元"), indicators, lang="en")
    assert own["unit"].tolist() == ["万元"] * 3


def test_units_in_names_only_the_registry_unit_in_english(indicators, observations):
    obs = observations.copy()
    obs.loc[0, "unit"] = "万家"  # a source counting in another unit keeps it
    en = views.units_in(obs, indicators, "en")
    assert en.iloc[0] == "万家"
    assert en.iloc[1] == "firms" and en.iloc[-2] == "100 million yuan"
    assert views.units_in(obs, indicators, "zh").equals(obs["unit"])


def test_home_figures_lists_langfangs_figures_of_the_targets_in_registry_order(
    indicators, targets, observations
):
    obs = pd.concat([observations.iloc[::-1],  # file order must not matter
                     observations.iloc[[0]].assign(indicator_id="gdp")], ignore_index=True)  # fmt: skip
    home = views.home_figures(obs, indicators, targets, lang="en")
    assert set(home["region"]) == {"langfang"}  # the Hebei figure is not Langfang's
    assert "gdp" not in set(home["indicator_id"])  # no target: context only
    assert home["indicator_id"].tolist() == ["high_tech_enterprises"] * 6 + ["rd_spending"] * 3
    assert home["year"].tolist()[:6] == sorted(home["year"].tolist()[:6])
    assert home["unit"].iloc[0] == "firms" and home["name"].iloc[-1] == "R&D spending"
    assert {"obs_status", "source"} <= set(home.columns) and "status" not in home.columns


def test_consistency_view_is_one_row_per_indicator_no_if_any_milestone_contradicts(indicators):
    segments = pd.DataFrame({"indicator_id": ["high_tech_enterprises"] * 2 + ["rd_spending"],
                             "consistent": [True, False, True]})  # fmt: skip
    shown = views.consistency_view(segments, indicators, lang="en").data
    assert shown.iloc[:, 0].tolist() == ["High-tech enterprises", "R&D spending"]
    assert shown.iloc[:, 1].tolist() == [label("fmt.no", "en"), label("fmt.yes", "en")]


def test_under_the_latest_figure_the_yearly_change_still_needed_is_said():
    """Notebook 04 told planners the growth needed from now "says by how much" an on-track
    bar falls short of the path, and the page gave only the growth needed since the baseline
    (the numbers audit, the English reader's review): 1,258 firms in 2022 need +3.3 % a year
    to reach 1,300 by 2023, said under the figure on the page, in the brief's table and in
    notebook 04's. Since 2023 is over (China's 2025 figures are out), it says what reaching
    1,300 took over 2022-2023; as of 2022 it is what the target still needs."""
    from langfang_metrics import compute

    r = compute.load_results()
    g = r.gaps.set_index(["indicator_id", "milestone_year"]).loc[("high_tech_enterprises", 2023)]
    assert g["required_cagr_from_latest"] == pytest.approx((1300 / 1258) - 1)
    for lang, text in (("zh", "2023年达标需年均增长3.3%"),
                       ("en", "meeting it by 2023 needed +3.3% a year")):  # fmt: skip
        shown = views.milestone_table(r.gaps, r.indicators, milestone_year=2023, lang=lang).data
        latest = shown[label("col.latest", lang)]
        assert latest.str.endswith("\n" + text).sum() == 1
        assert label("col.needed_from_now", lang) not in shown.columns  # said in the cell
        rows = views.target_overview(r.gaps, r.indicators, lang=lang).to_dict("records")
        said = [views.needed_words(row, lang) for row in rows]
        assert said.count(text) == 1 and sum(bool(w) for w in said) == 3  # the graded rows
    then = compute.load_results(as_of=2022)  # 2023 still to come: what it needs from here on
    rows = views.target_overview(then.gaps, then.indicators, lang="zh").to_dict("records")
    assert "此后需年均增长3.3%" in [views.needed_words(row, "zh") for row in rows]


@pytest.mark.parametrize(
    ("row", "lang", "text"),
    [
        ({"required_cagr_from_latest": 0.0334, "growth_unit": "%/yr"}, "zh", "此后需年均增长3.3%"),
        ({"required_cagr_from_latest": 0.44, "growth_unit": "pp/yr", "unit": "%"}, "zh",
         "此后需年均提高0.44个百分点"),
        ({"required_cagr_from_latest": 0.44, "growth_unit": "pp/yr", "unit": "%"}, "en",
         "needs +0.44 pp a year from here on"),
        ({"required_cagr_from_latest": 80.0, "growth_unit": "units/yr", "unit": "家"}, "zh",
         "此后需年均增加80家"),
        ({"required_cagr_from_latest": 80.0, "growth_unit": "units/yr", "unit": "firms"}, "en",
         "needs +80 firms a year from here on"),
        ({"required_cagr_from_latest": -0.003, "growth_unit": "%/yr", "status": "achieved"},
         "zh", ""),  # met: no pace is needed
        ({"required_cagr_from_latest": np.nan, "growth_unit": "%/yr"}, "en", ""),
    ],
)  # fmt: skip
def test_needed_words_in_each_growth_unit(row, lang, text):
    graded = {"status": "on_track", "expected_on_path": 100.0, "latest_value": 160.0,
              "latest_year": 2022, "milestone_year": 2025}  # fmt: skip
    assert views.needed_words({**graded, **row}, lang) == text
    # a row the path says nothing of (no latest figure) says nothing of a pace either
    assert views.needed_words({**graded, **row, "latest_value": np.nan}, lang) == ""


def test_the_targets_table_marks_departments_inferred_from_a_related_measure(indicators, targets):
    """Notebook 01 listed inferred departments bare, where the page, the brief and the
    workbook mark them (the numbers audit)."""
    ind = indicators.assign(departments_basis=["stated", "inferred: measure 11", "stated"])
    for lang in ("zh", "en"):
        shown = views.for_people(views.targets_table(ind, targets, lang=lang), lang=lang)
        depts = shown[label("col.departments", lang)].tolist()
        said = label("fmt.departments_inferred", lang)
        assert [d.endswith(said) for d in depts] == [False, True, False]
        assert depts[1].count(said) == 1  # people() does not add it twice


def test_the_targets_table_says_how_each_target_was_read_from_the_plan():
    """A milestone year the plan does not state (the "Top 100" programme: 2025 assumed), a
    second milestone from another clause (1,300 firms by 2023) and a duty with no number
    were in the workbook alone (the planner's review): notebook 01's table says them."""
    from langfang_metrics import registry

    ind, targets = registry.load_indicators(), registry.load_targets()
    for lang, top100 in (("zh", "方案未写明年份"), ("en", "The plan states no year")):
        t = views.targets_table(ind, targets, lang=lang).set_index(label("col.indicator", lang))
        notes = t[label("col.note", lang)]
        names = ind.set_index("indicator_id")[f"name_{lang}"]
        assert notes[names["top100_hte_cultivation"]].startswith(top100)
        assert "1,300" in notes[names["high_tech_enterprises"]]
    # a registry without Chinese notes falls back to the English ones
    bare = views.targets_table(ind.drop(columns="note_zh"), targets, lang="zh")
    assert "The plan states no year" in " ".join(bare[label("col.note", "zh")])


def test_key_points_say_each_assessed_target_then_what_cannot_be_assessed_yet():
    """The page and the brief gave counts and a table, nothing to conclude (the English
    reader's review): the key points say each assessed target's status, where it stands,
    the change still needed and its probability, then how many cannot be assessed and who
    owes most of their figures: first, as here, when their milestone years are over (the
    shipped figures stop in 2022; 2023 and 2025 are over)."""
    from langfang_metrics import compute

    r = compute.load_results()
    rel = views.reliability_keys(r.events, r.gaps)
    for lang in ("zh", "en"):
        overview = views.target_overview(r.gaps, r.indicators, lang=lang, reliability=rel)
        points = views.key_points(overview, lang)
        assessed = overview[overview["status"] != "insufficient_data"]
        assert len(points) == len(assessed) + 1
        first = points[1]
        row = assessed.iloc[0]
        for part in (row["name"], row["status_label"], views.path_words(row, lang),
                     views.needed_words(row, lang), views.p_meet_text(row, lang)):  # fmt: skip
            assert part and part in first
        waiting = overview.loc[overview["status"] == "insufficient_data", "name"].nunique()
        n = overview["name"].nunique()
        last = points[0]
        assert (f"{n}个指标中有{waiting}个" if lang == "zh" else f"{waiting} of the {n}") in last
        # the department owing most: the one asked for most of those indicators' figures
        assert ("市科技局" if lang == "zh" else "Science and Technology Bureau") in last
        asked = overview[overview["status"] == "insufficient_data"].drop_duplicates("name")
        k = (
            asked["departments_asked"]
            .str.contains("市科技局" if lang == "zh" else "Science and Technology Bureau")
            .sum()
        )
        assert k < waiting  # the statistics bureau's three are not counted to 市科技局
        assert f"（{k}个指标）" in last if lang == "zh" else f"of {k} of these" in last
    # nothing assessed and nothing waiting: no points
    assert views.key_points(overview.iloc[0:0], "en") == []


def test_the_fiscal_key_point_gives_the_awards_cumulative_cost_and_its_range():
    """Notebook 04 and the workbook estimated the award's cost; the page and the brief did
    not (the English reader's review). In 亿元 / million yuan, the range in the median's
    decimals, said to be estimated from the net increase."""
    from langfang_metrics import compute

    r = compute.load_results()
    last = r.fiscal_exposure.set_index("year").loc[2025]
    zh = views.fiscal_point(r.fiscal_exposure, r.fiscal, "zh")
    assert f"约{last['cum_cost_wan'] / 1e4:.2f}亿元" in zh
    assert (
        f"80%区间{last['cum_cost_lo_80_wan'] / 1e4:.2f}亿至{last['cum_cost_hi_80_wan'] / 1e4:.2f}亿元"
        in zh
    )
    assert "每家20万元" in zh and "实际新认定户数通常多于净增数" in zh and "2021—2025年" in zh
    # what was spent and what is still to budget for, apart (the English reader's review:
    # 0.71亿 of the 1.26亿 was 2021-2022's, and the years ahead were said nowhere)
    spent = r.fiscal_exposure.set_index("year").loc[2022, "cum_cost_wan"]
    assert f"2021—2022年约{spent / 1e4:.2f}亿元；2023—2025年按预测中位数约" in zh
    # each part rounded on its own (5,573万元 is 0.56亿: the planner's review), and said so
    # where they do not add up to the total shown (0.71 + 0.56 beside 1.26: the diff review)
    assert f"按预测中位数约{(last['cum_cost_wan'] - spent) / 1e4:.2f}亿元（80%区间0至" in zh
    assert "分项分别四舍五入，相加与合计略有出入。" in zh
    # parts that add up say nothing of rounding
    even = r.fiscal_exposure.assign(cum_cost_wan=r.fiscal_exposure["cum_cost_wan"].where(
        r.fiscal_exposure["year"] != 2025, 12600.0))  # fmt: skip
    assert "四舍五入" not in views.fiscal_point(even, r.fiscal, "zh")
    # the low end is 2021-2022's cost alone, and the same clause's re-certification award is
    # not counted: both said (the planner's review read 0.71亿 as the plan's floor)
    assert (
        last["cum_cost_lo_80_wan"] == r.fiscal_exposure.set_index("year").loc[2022, "cum_cost_wan"]
    )
    assert zh.endswith("区间下端假定2022年以后高新技术企业不再净增。证书到期后未再次通过认定"
                       "的企业退出，补上的新认定企业不体现为净增，实际新认定户数通常多于净增数；"
                       "净增数中也含从外地整体转入的企业（不属于新认定）。实际奖补以财政拨付数为准。"
                       "同一条款另有对再次通过认定企业的奖补（每家20万元，市级负担50%），数据中"
                       "没有再认定户数，未计入。")  # fmt: skip
    en = views.fiscal_point(r.fiscal_exposure, r.fiscal, "en")
    assert (
        f"about {last['cum_cost_wan'] / 100:.0f} million yuan" in en and "200,000 yuan each" in en
    )
    assert "low end assumes no further net increase after 2022" in en
    assert f"about {spent / 100:.0f} million yuan in 2021-2022; about" in en
    assert "million yuan on the median forecast for 2023-2025" in en
    assert "The amounts paid, from the finance bureau, settle it" in en
    assert "Parts are rounded separately and may not add up to the total." in en
    assert "also pays re-certified firms (200,000 yuan each, 50% from the city): a second" in en
    # a low end above what was counted says nothing of it; no such parameter, no caveat
    higher = r.fiscal_exposure.assign(
        cum_cost_lo_80_wan=r.fiscal_exposure["cum_cost_lo_80_wan"] + 1
    )
    assert "区间下端" not in views.fiscal_point(higher, r.fiscal, "zh")
    plain = r.fiscal[r.fiscal["parameter_id"] != "hte_award_recertified"]
    assert "同一条款另有" not in views.fiscal_point(r.fiscal_exposure, plain, "zh")
    # no forecast to the plan's end, no parameters: nothing said
    assert views.fiscal_point(r.fiscal_exposure[r.fiscal_exposure["year"] < 2025], r.fiscal) == ""
    assert views.fiscal_point(r.fiscal_exposure, None) == ""
    overview = views.target_overview(r.gaps, r.indicators, lang="zh")
    points = views.key_points(overview, "zh", fiscal=zh)
    # after the targets (what cannot be assessed comes first: its years are over)
    assert points[-1] == zh


def test_key_points_of_a_settled_target_and_of_one_without_a_forecast_read_as_sentences():
    """A key point put "probability" before the outcome words ("probability actual outcome.")
    and before "—" for a graded series with no forecast (the diff review)."""
    base = {"indicator_id": "a", "section": "s", "name": "A", "departments": "X局",
            "milestone_year": 2023, "kind": "stock", "unit": "firms", "baseline_year": 2020,
            "baseline_value": 905.0, "target": 1300.0, "comparison": ">=", "latest_year": 2023,
            "latest_value": 1350.0, "latest_status": "final", "expected_on_path": 1300.0,
            "status": "achieved", "status_label": status_label("achieved", "en"),
            "p_meet": 1.0, "projected": np.nan, "projected_lo_80": np.nan,
            "projected_hi_80": np.nan, "caveat": "", "ex_post": "", "to_verify": False,
            "baseline_to_verify": False, "earlier_to_verify": "", "reliability": "",
            "departments_inferred": False, "required_cagr_from_latest": np.nan,
            "growth_unit": "%/yr"}  # fmt: skip
    settled = views.key_points(pd.DataFrame([base]), "en")
    # the outcome's kind beside the status: after the figures it stacked two parentheses
    assert settled == [f"A (2023 target 1,300 firms): Achieved "
                       f"({views.p_meet_text(base, 'en')}), 1,350 firms (2023)."]  # fmt: skip
    assert "probability" not in settled[0]
    graded = {**base, "status": "on_track", "status_label": status_label("on_track", "en"),
              "latest_year": 2022, "milestone_year": 2025, "p_meet": np.nan,
              "required_cagr_from_latest": 0.05}  # fmt: skip
    text = views.key_points(pd.DataFrame([graded]), "en")[0]
    assert text.endswith(f"; {label('fmt.no_forecast', 'en')}.") and "probability" not in text
    # one indicator waiting, its department unknown: singular, no department clause
    waiting = {**base, "indicator_id": "b", "name": "B", "status": "insufficient_data",
               "departments": np.nan, "status_label": status_label("insufficient_data", "en")}  # fmt: skip
    one = views.key_points(pd.DataFrame([graded, waiting]), "en")[-1]
    assert one == (
        "1 of the 2 indicators does not have the figures to be assessed yet: see "
        "“Data still missing” below."
    )
    # an indicator assessed at one milestone is not counted as waiting at the other
    both = views.key_points(pd.DataFrame([graded, {**waiting, "indicator_id": "a",
                                                   "name": "A"}]), "en")  # fmt: skip
    assert len(both) == 1
    assert "named" not in one and "nan" not in one and "—" not in one
    # the department asked for the figures, not the one responsible: the table of data
    # still missing groups by it, and the point named 市科技局 for the statistics bureau's
    stats = [{**waiting, "indicator_id": i, "name": i, "departments": "Science and Technology "
              "Bureau", "departments_asked": "Statistics Bureau"} for i in ("c", "d")]  # fmt: skip
    said = views.key_points(pd.DataFrame([graded, *stats]), "en")[-1]
    assert "figures of 2 of these are asked of the Statistics Bureau" in said, said


def test_the_dashboard_title_of_a_year_over_claims_no_outcome():
    """The title "Outcome of the 2025 targets" stood over a legend saying "graded on 2022 data,
    not the outcome" (the lead's review). With the year's own figure in for some rows, the others are
    still graded on earlier data or have none, so the title of a year over says the targets'
    status however its rows are graded, as 完成情况 does; a year still running keeps
    "Progress towards"."""
    row = {"indicator_id": "a", "milestone_year": 2025, "status": "on_track",
           "ex_post": "no_figure", "as_of": 2022}  # fmt: skip
    earlier = pd.DataFrame([row])
    own = pd.DataFrame([{**row, "status": "achieved", "ex_post": "met", "as_of": 2025}])
    for g in (earlier, own, pd.concat([earlier, own.assign(indicator_id="b")])):
        assert views.milestone_over(g, 2025)
        assert views.dashboard_title(g, 2025, "en") == "Status of the 2025 targets"
        assert views.dashboard_title(g, 2025, "zh") == "2025年目标完成情况"
    running = earlier.assign(ex_post="")
    assert views.dashboard_title(running, 2025, "en") == "Progress towards the 2025 targets"
    assert views.dashboard_title(running, 2025, "zh") == "2025年目标进展评估"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_key_point_on_targets_not_graded_says_what_sets_them_apart(lang):
    """Data to 2022, 2023 and 2025 over: the first key point said "20 of the 22 indicators
    lack their milestone year's figures" under a note that no indicator has them, the two
    graded ones included. What the 20 lack is a figure after their baseline (or any): said
    from their rows, not typed in."""
    from langfang_metrics import compute

    shipped = compute.load_results()
    overview = views.target_overview(shipped.gaps, shipped.indicators, lang=lang)
    first = views.key_points(overview, lang)[0]
    assert first.startswith(
        "22个指标中有20个基期之后没有数字（或没有任何数字），无法评估进度，也无法判定是否达标"
        if lang == "zh"
        else "20 of the 22 indicators have no figure after their baseline (or none at all) to "
        "grade them on: neither their progress nor whether they met their targets can be judged"
    )
    assert ("节点年份" not in first) if lang == "zh" else ("milestone year" not in first)
    # other data: each says what its rows hold
    waiting = overview["status"] == "insufficient_data"
    bare = overview.copy()  # nothing at all
    bare.loc[waiting, ["baseline_value", "latest_value"]] = np.nan
    based = overview[~waiting | overview["baseline_value"].notna()]  # nothing after a baseline
    later = overview.copy()  # a figure after the baseline, no pace
    later.loc[waiting, ["baseline_year", "latest_year", "latest_value"]] = (2020, 2022, 1.0)
    for rows, key in ((bare, "any"), (based, "after_baseline"), (later, "grading")):
        left = rows[rows["status"] == "insufficient_data"]
        assert views.waiting_lack(left.to_dict("records")) == key
        text = views.key_points(rows, lang)[0]
        assert label(f"points.lack_{key}", lang) in text, text


def test_key_points_give_the_pace_so_far_and_a_past_milestone_owed_its_figure():
    """The data-grows review: at the final evaluation a target with 880 firms in 2024 and no
    2025 figure vanished into the count of indicators with no figures; R&D spending missed
    its 10 % a year with no word of the +8.9 % it grew; and beside "needs +42.9 % a year" a
    planner saw no pace to set it against."""
    row = {"indicator_id": "a", "section": "s", "name": "A", "departments": "X局",
           "milestone_year": 2025, "kind": "stock", "unit": "firms", "baseline_year": 2020,
           "baseline_value": 400.0, "target": 1000.0, "comparison": ">=", "latest_year": 2024,
           "latest_value": 880.0, "latest_status": "final", "expected_on_path": 800.0,
           "status": "insufficient_data",
           "status_label": status_label("insufficient_data", "en"), "p_meet": 0.97,
           "projected": 1069.0, "projected_lo_80": 950.0, "projected_hi_80": 1200.0,
           "caveat": "", "ex_post": "no_figure", "to_verify": False,
           "baseline_to_verify": False, "earlier_to_verify": "", "reliability": "",
           "departments_inferred": False, "required_cagr_from_latest": 120.0,
           "growth_unit": "units/yr", "actual_cagr": 120.0}  # fmt: skip
    none = {**row, "indicator_id": "b", "name": "B", "latest_value": np.nan,
            "latest_year": pd.NA, "p_meet": np.nan}  # fmt: skip
    points = views.key_points(pd.DataFrame([row, none]), "en")
    assert points[1] == (
        "A (2025 target 1,000 firms): No 2025 figure yet, 880 firms (2024); target path: 800 "
        "firms in 2024; +120 firms a year since 2020; meeting it by 2025 needed +120 firms a "
        "year; "
        "probability of meeting it 97% (very likely)."
    )
    # B only; its 2025 is over (ex_post "no_figure"): owed, not "not yet" (the final-
    # evaluation review), and said first: at the final evaluation it is the headline, not
    # the last point (the planner's review); a milestone still ahead has no figure "yet",
    # said after the targets
    assert points[0].startswith("1 of the 2 indicators has no figure after its baseline to "
                                "grade it on: neither its progress nor whether it met its "
                                "target can be judged")  # fmt: skip
    # a row with no figure at all keeps no ex_post: its year is over when another row of the
    # milestone shows it (the shipped run said "does not have … yet" of 2025 beside
    # dashboards titled "Outcome": the diff review)
    blank = views.key_points(pd.DataFrame([row, {**none, "ex_post": ""}]), "en")
    assert blank[0].startswith("1 of the 2 indicators has no figure after its baseline")
    # a milestone no row shows over has no figure "yet", said after the targets
    ahead = views.key_points(pd.DataFrame([{**row, "ex_post": "", "as_of": 2024,
                                            "status": "on_track"},
                                           {**none, "ex_post": ""}]), "en")  # fmt: skip
    assert ahead[1].startswith("1 of the 2 indicators does not have")
    assert not views.milestone_over(pd.DataFrame(), 2025)
    # the backtests' word beside the chance, as the table says it (the e2e review)
    low = views.key_points(pd.DataFrame([{**row, "reliability": "low"}]), "en")
    assert low[0].endswith("probability of meeting it 97% (very likely; backtests: may be too "
                           "low).")  # fmt: skip
    zh = views.key_points(pd.DataFrame([{**row, "unit": "家", "p_meet": np.nan}]), "zh")
    assert zh == ["A（2025年目标1,000家）：缺2025年数据，880家（2024年）；按路径2024年应为800家；"
                  "2020年以来年均增加120家；2025年达标需年均增加120家。"]  # fmt: skip
    # a settled growth-rate target says the rate it grew at
    rd = {**row, "kind": "growth_rate", "unit": "亿元", "target": 10.0, "latest_year": 2025,
          "latest_value": 76.0, "latest_status": "estimate", "baseline_year": 2021,
          "status": "missed", "status_label": status_label("missed", "zh"), "p_meet": 0.0,
          "ex_post": "missed", "growth_unit": "%/yr", "actual_cagr": 0.089,
          "required_cagr_from_latest": np.nan}  # fmt: skip
    (text,) = views.key_points(pd.DataFrame([rd]), "zh")
    # ... and a miss names who is responsible (the planner's re-read)
    assert text.endswith("76亿元（2025年，预计数）；2021年以来年均增长8.9%；责任部门：X局。"), text
    (text,) = views.key_points(pd.DataFrame([{**rd, "departments_inferred": True}]), "en")
    assert text.endswith("; responsible (inferred from a related measure): X局."), text
    # a yearly flow has no pace: it is judged year by year
    assert views.pace_words({**rd, "kind": "flow"}, "zh") == ""
    # reached before its milestone year, that year's figure owed: still said beside the
    # chance (the diff review: the key point had lost "缺2025年数据" the table kept)
    early = {**row, "unit": "家", "status": "achieved",
             "status_label": status_label("achieved", "zh"), "latest_value": 1200.0,
             "p_meet": 0.88}  # fmt: skip
    (text,) = views.key_points(pd.DataFrame([early]), "zh")
    # ... and its status says it awaits that figure (the planner's review: "已实现" alone)
    assert text.startswith("A（2025年目标1,000家）：已实现（2024年已达到，待2025年数据确认），"
                           "1,200家（2024年）")  # fmt: skip
    assert text.endswith("达标概率88%（较可能已保持；缺2025年数据）。")
    # a growth-rate target past the level its rate asks for needs no fall: it is to hold
    ahead = {**rd, "status": "on_track", "status_label": status_label("on_track", "zh"),
             "ex_post": "", "latest_year": 2023, "latest_value": 85.0,
             "expected_on_path": 65.4, "required_cagr_from_latest": -0.035, "p_meet": 0.82}  # fmt: skip
    assert views.needed_words(ahead, "zh") == "已超过2025年所需水平，保持即可"
    assert views.needed_words(ahead, "en") == "already past the level 2025 asks for: hold it"
    assert "-3.5%" not in views.key_points(pd.DataFrame([ahead]), "zh")[0]
    # a ceiling needs a fall: a negative change is what it asks
    ceiling = {**ahead, "comparison": "<=", "target": 50.0}
    assert views.needed_words(ceiling, "zh").startswith("此后需年均下降3.5%")


def test_the_budget_point_at_the_final_evaluation_is_the_sum_paid():
    """Once every year's new firms came from figures the budget point fell silent (it asked
    for the forecast's range); it now says the sum, with no range."""
    exposure = pd.DataFrame({"year": [2021, 2022, 2023, 2024, 2025],
                             "basis": ["actual, spread over 2021-2022"] * 2 + ["actual"] * 3,
                             "new_firms": [176.5, 176.5, 62.0, 100.0, 60.0],
                             "cum_cost_wan": [3530.0, 7060.0, 8300.0, 10300.0, 11500.0],
                             "cum_cost_lo_80_wan": np.nan, "cum_cost_hi_80_wan": np.nan})  # fmt: skip
    params = pd.DataFrame({"parameter_id": ["hte_award_new"], "value": [20.0]})
    zh = views.fiscal_point(exposure, params, "zh")
    assert zh.startswith(
        "财政：按高新技术企业净增数估算，2021—2025年新认定企业的市级奖补（每家20万元）累计约1.15亿元。"
    )
    # no "lower bound": firms moving in whole are in the net increase without being newly
    # certified (方案三（二）), so it is said what the estimate leaves out and takes in ("净增数
    # 未计入为接替证书到期企业而新认定的企业及重新认定的企业，因此是下限": the planner's review)
    assert "下限" not in zh and "净增数中也含从外地整体转入的企业（不属于新认定）" in zh
    en = views.fiscal_point(exposure, params, "en")
    assert "lower bound" not in en and "counts firms that moved in whole" in en
    # under 1亿元 the sum is said in 万元: "约0.990亿元" read oddly (the diff review)
    small = exposure.assign(cum_cost_wan=exposure["cum_cost_wan"] * 0.86)
    assert "累计约9,890万元。" in views.fiscal_point(small, params, "zh")
    assert "about 115 million yuan in 2021-2025" in views.fiscal_point(exposure, params, "en")
    # a year without figures: no sum is said (it would be short of what was paid)
    gap = exposure.assign(new_firms=exposure["new_firms"].where(exposure["year"] != 2023))
    assert views.fiscal_point(gap, params, "zh") == ""


def test_consistency_view_reads_yes_and_no_words_as_truth_values(indicators):
    """ "no" is a non-empty string, and all() read it as consistent (the diff review)."""
    segments = pd.DataFrame({"indicator_id": ["rd_spending"] * 2 + ["high_tech_enterprises"],
                             "consistent": ["yes", "no", None]})  # fmt: skip
    shown = views.consistency_view(segments, indicators, lang="en").data
    assert shown.iloc[:, 1].tolist() == [label("fmt.no", "en"), label("fmt.yes", "en")]
    with pytest.raises(ValueError, match="consistent must be true/false"):
        views.consistency_view(segments.assign(consistent="maybe"), indicators, lang="en")


def test_a_budget_of_nothing_is_said_as_zero():
    from langfang_metrics import compute

    r = compute.load_results()
    zero = r.fiscal_exposure.assign(
        cum_cost_wan=0.0, cum_cost_lo_80_wan=0.0, cum_cost_hi_80_wan=0.0
    )
    assert "约0亿元（80%区间0亿至0亿元）" in views.fiscal_point(zero, r.fiscal, "zh")


def test_milestones_over_are_read_from_the_figures_held_not_the_calendar():
    """The page said "数据截至2022年" and graded 2023 with a forecast, without a word that
    2023 and 2025 were over (the planner's review). A milestone year is over once two series
    or more hold a whole year's figure of it or a later year, of any indicator or region (one
    mistyped year must not end it: the diff review); an estimate or a part-year figure can
    come before its year ends. No clock: a rerun gives the same."""
    obs = pd.DataFrame({
        "indicator_id": ["tech_smes", "high_value_patents_per_10k", "rd_spending",
                         "high_tech_enterprises"],
        "region": ["langfang", "china", "china", "china"],
        "year": [2022, 2025, 2024, 2026],
        "status": ["final", "final", "preliminary", "part-year"],
    })  # fmt: skip
    assert views.milestones_over(obs, 2022) == (2023,)  # 2025: one series only
    both = obs.assign(year=[2022, 2025, 2025, 2026])
    assert views.milestones_over(both, 2022) == (2023, 2025)
    assert views.milestones_over(both, 2023) == (2025,)
    assert views.milestones_over(both, 2025) == ()  # the data reach the last milestone
    assert views.milestones_over(both, None) == ()
    # an estimate (published before its year ends) leaves one series: nothing is over
    early = both.assign(status=["final", "estimate", "final", "part-year"])
    assert views.milestones_over(early, 2022) == ()
    # one GDP growth rate typed 2032 ends nothing
    typo = pd.concat([obs.iloc[:1], obs.iloc[:1].assign(indicator_id="gdp_growth", year=2032)])
    assert views.milestones_over(typo, 2022) == ()
    assert views.milestones_over_words((), 2022) == ""
    zh = views.milestones_over_words((2023, 2025), 2022, "zh", where="全国")
    assert zh.startswith("注意：节点年份2023、2025年已经结束（全国2025年的全年数字已发布）")
    assert "按2022年数据所作的预测" in zh
    en = views.milestones_over_words((2025,), 2024, "en", where="China")
    assert en.startswith("Note: the milestone year 2025 has ended (whole-year figures of 2025 "
                         "are out for China), but Langfang’s figures for it have")  # fmt: skip
    assert "from the 2024 data" in en
    one = views.milestones_over_words((2025,), 2024, "zh", where="全国")
    assert "尚未收集到廊坊市该年份的目标指标数字：本报告对该年份的判断" in one  # not "这些年份"


def test_a_published_figure_shows_at_least_its_targets_decimals_everywhere():
    """The brief's sentence said "3.0件/万人" against 3.7 while its table and the page said
    "3件/万人" (the planner's review): a published figure keeps its own decimals and shows at
    least its target's, in the table and the key points as in the sentence."""
    row = pd.Series({"kind": "density", "unit": "件/万人", "target": 3.7, "comparison": ">=",
                     "baseline_value": 1.65, "baseline_year": 2020, "latest_value": 3.0,
                     "latest_year": 2022, "latest_status": "estimate"})  # fmt: skip
    assert views._fmt_latest(row, "zh") == "3.0件/万人（2022年，预计数）"
    en = row.copy()
    en["unit"] = "per 10,000 people"  # the overview in English carries the English unit
    assert views._fmt_latest(en, "en").startswith("3.0 per 10,000 people (2022")
    assert views._fmt_baseline_target(row, "zh") == "1.65件/万人（2020年） → 3.7件/万人"
    # a count against a whole target, and a growth-rate target, are as before
    count = pd.Series({**row, "kind": "stock", "unit": "家", "target": 1300.0,
                       "latest_value": 1258.0, "latest_status": "final"})  # fmt: skip
    assert views._fmt_latest(count, "zh") == "1,258家（2022年）"
    rate = pd.Series({**row, "kind": "growth_rate", "unit": "亿元", "target": 10.0,
                      "latest_value": 54.03, "latest_status": "final"})  # fmt: skip
    assert views._fmt_latest(rate, "zh") == "54.03亿元（2022年）"
    assert views.target_decimals(rate) == 0 and views.target_decimals(row) == 1
    assert views.fmt_number(3.0, given=True, at_least=1) == "3.0"
    assert views.fmt_number(3.0, given=True) == "3"


def test_a_target_met_early_without_a_forecast_is_to_be_held():
    """ "已实现，1,020家（2024年）；数据不足以预测" read as a contradiction (the e2e review): a
    stock met before its milestone year is to be held until then."""
    row = {"indicator_id": "a", "section": "s", "name": "A", "departments": "X局",
           "milestone_year": 2025, "kind": "stock", "unit": "家", "baseline_year": 2024,
           "baseline_value": 1020.0, "target": 1000.0, "comparison": ">=", "latest_year": 2024,
           "latest_value": 1020.0, "latest_status": "final", "expected_on_path": np.nan,
           "status": "achieved", "status_label": status_label("achieved", "zh"),
           "p_meet": np.nan, "projected": np.nan, "projected_lo_80": np.nan,
           "projected_hi_80": np.nan, "caveat": "", "ex_post": "", "to_verify": False,
           "baseline_to_verify": False, "earlier_to_verify": "", "reliability": "",
           "departments_inferred": False, "required_cagr_from_latest": np.nan,
           "growth_unit": "%/yr", "actual_cagr": np.nan}  # fmt: skip
    (text,) = views.key_points(pd.DataFrame([row]), "zh")
    assert text.endswith("需保持至2025年，数据不足以预测能否保持。"), text
    (text,) = views.key_points(pd.DataFrame([{**row, "status": "on_track"}]), "zh")
    assert text.endswith("数据不足以预测。") and "需保持" not in text


def test_a_growth_rate_grade_from_a_late_first_figure_says_what_would_turn_it():
    """R&D spending missed 10 % a year on 2021-2025 (54.03 → 77.8 亿元: +9.5 %), with
    2021's growth not counted; the brief and the workbook gave a definite miss that a 2021
    growth of 11.85 % makes a success (the planner's review). The condition is said under
    the status, rounded so that it holds, and in the key point; a target achieved on four
    years says what 2021 growth would spoil it."""
    rd = {"indicator_id": "rd_spending", "name": "R&D", "kind": "growth_rate", "unit": "亿元",
          "milestone_year": 2025, "target": 10.0, "comparison": ">=", "baseline_year": 2021,
          "baseline_value": 54.03, "baseline_source": "observation", "latest_year": 2025,
          "latest_value": 77.8, "latest_status": "preliminary", "status": "missed",
          "status_label": status_label("missed", "zh"), "p_meet": 0.0, "ex_post": "missed",
          "growth_unit": "%/yr", "actual_cagr": 0.0954, "required_cagr_from_latest": np.nan}  # fmt: skip
    # (1.1^5 × 54.03 / 77.8 − 1) = 11.845 %: "11.9 % or more" suffices
    assert views.rate_year_condition(rd, "zh") == "若2021年增速不低于11.9%，即可达标"
    assert views.rate_year_condition(rd, "en") == "met if 2021’s growth was 11.9% or more"
    assert views.status_lines(rd, "zh") == ["2021年增速未计", "若2021年增速不低于11.9%，即可达标",
                                            "初步结果，待正式数"]  # fmt: skip
    # the brief's narrow table keeps the years left out beside the condition on them
    assert views.status_lines(rd, "zh", reasons=False) == views.status_lines(rd, "zh")
    (point,) = views.key_points(pd.DataFrame([rd]), "zh")
    assert (
        "未达标（初步结果，待正式数；2021年增速未计；若2021年增速不低于11.9%，即可达标）" in point
    )
    # achieved on four years (+12 % from 2021 to 2025): 2021 below 2.35 % would spoil it
    met = {**rd, "latest_value": 54.03 * 1.12**4, "status": "achieved", "latest_status": "final"}
    whole = 1.1**5 / 1.12**4 - 1  # 2.35 %: floored, "below 2.3 %" surely spoils it
    assert round(whole, 4) == 0.0235
    assert views.rate_year_condition(met, "zh") == "若2021年增速低于2.3%，则未达标"
    # a fall said as one, and a growth no year has seen not said at all (the diff review)
    fell = {**rd, "latest_value": 54.03 * 1.1**5 / 0.95}
    assert views.rate_year_condition(fell, "zh") == "若2021年降幅不超过5.0%，即可达标"
    assert views.rate_year_condition({**rd, "latest_value": 30.0}, "zh") == ""
    # a path from two years late: the average of 2021-2022
    late = {**rd, "baseline_year": 2022}
    assert views.rate_year_condition(late, "zh").startswith("若2021—2022年年均增速不低于")
    # ... and the line before it names both years left out (it said "2022年增速未计": the
    # diff review)
    assert views.status_lines(late, "zh")[0] == "2021—2022年增速未计"
    # not settled by its year's figure, a path from the plan's base year, another kind: none
    assert views.rate_year_condition({**rd, "latest_year": 2024}, "zh") == ""
    assert views.rate_year_condition({**rd, "baseline_source": "plan"}, "zh") == ""
    assert views.rate_year_condition({**rd, "kind": "stock"}, "zh") == ""
    # the counts set it apart: R&D stood among the "missed" with nothing to say its grade
    # turned on 2021 (the planner's final evaluation)
    assert views.rate_years_open(rd, "zh") == "2021"
    assert views.rate_years_open(late, "en") == "2021-2022"
    assert views.rate_years_open({**rd, "baseline_source": "plan"}, "zh") == ""
    other = {**rd, "indicator_id": "x", "kind": "stock", "status": "missed"}
    rows = pd.DataFrame([rd, other, {**late, "indicator_id": "y"}])
    # the years as one span ("2021、2021—2022" read oddly: the diff review)
    assert views.open_years_by_status(rows, "zh") == {("missed", 2025): (2, "R&D", "2021—2022")}
    # per status alone, over milestone years (a brief section's counts mix 2023 and 2025:
    # one year's entry replaced the other's)
    both = pd.concat([rows, rows.iloc[[0]].assign(milestone_year=2023)], ignore_index=True)
    assert views.open_years_by_status(both, "zh", by_year=False) == {
        "missed": (3, "R&D", "2021—2022")
    }
    assert views.open_years_by_status(rows.iloc[[1]], "zh") == {}
    from langfang_metrics import brief, landing

    # named, with "另": "其中3项…；1项…" was read as four uncertain misses of four, the R&D
    # grade being one of the three (the report writer's review)
    said = brief._counts(rows.iloc[:2], "zh")
    assert said == "未达标2项（均依据初步数或预计数，待正式数确认；R&D另取决于未计入的2021年增速）"
    # one parenthesis with the provisional note, as the others
    assert brief._counts(rows.iloc[[0]], "zh") == (
        "未达标1项（依据初步数或预计数，待正式数确认；该项取决于未计入的2021年增速）"
    )
    assert "growth" not in brief._counts(rows.iloc[[1]], "en")
    assert "; R&D also turns on the uncounted growth of 2021" in brief._counts(rows.iloc[:2], "en")
    page = landing._counts_table(rows.iloc[:2], "zh")
    assert '<span class="note">R&amp;D另取决于2021年增速</span>' in page
    assert "R&amp;D also turns on 2021’s growth" in landing._counts_table(rows.iloc[:2], "en")
    assert "取决于" not in landing._counts_table(rows.iloc[[1]], "zh")
    summary = gaps_mod.plan_summary(rows).set_index("milestone_year")
    assert summary.loc[2025, "rate_years_open"] == 2


def test_an_early_achievement_whose_year_is_over_says_so_under_its_status():
    """3.71 patents per 10,000 people in 2024 against 3.7 by 2025, the 2025 figure owed:
    "已实现" alone read as settled (the planner's review)."""
    row = {"indicator_id": "p", "name": "P", "kind": "density", "milestone_year": 2025,
           "latest_year": 2024, "latest_value": 3.71, "status": "achieved",
           "ex_post": "no_figure", "p_meet": 0.69, "latest_status": "final"}  # fmt: skip
    assert views.status_lines(row, "zh") == ["2024年已达到，待2025年数据确认"]
    assert views.status_lines(row, "en") == ["reached in 2024; to be confirmed by the 2025 figure"]
    assert views.status_lines({**row, "ex_post": ""}, "zh") == []  # its year not over: to hold


@pytest.mark.parametrize(
    ("text", "unit", "lang", "said"),
    [("+2.3%", "%/yr", "zh", "增长2.3%"), ("−1.2%", "%/yr", "zh", "下降1.2%"),
     ("+0.25个百分点", "pp/yr", "zh", "提高0.25个百分点"),
     ("-0.04个百分点", "pp/yr", "zh", "降低0.04个百分点"),
     ("+128家", "units/yr", "zh", "增加128家"), ("−5家", "units/yr", "zh", "减少5家"),
     ("0.0%", "%/yr", "zh", "持平"), ("0.00个百分点", "pp/yr", "zh", "持平"),
     ("0家", "units/yr", "zh", "持平"), ("+2.3%", "%/yr", "en", "+2.3%")],
)  # fmt: skip
def test_a_yearly_change_is_said_in_words_in_chinese(text, unit, lang, said):
    """A "2020年以来年均+2.3%" read as a spreadsheet's, not an official report's (the
    planner's review): Chinese says the direction in words, English keeps the sign."""
    assert views.change_words(text, unit, lang) == said


def test_an_early_achievement_whose_year_is_over_is_said_to_have_held():
    """Saying "likely to hold" of a 2025 that has ended was the wrong tense (the planner's review):
    the words say whether the level held; a milestone still ahead keeps "to hold"."""
    row = {"status": "achieved", "p_meet": 0.69, "latest_year": 2024, "milestone_year": 2025,
           "ex_post": "no_figure", "latest_status": "final"}  # fmt: skip
    assert views.outcome_words(row, "en") == "likely to have held"
    assert views.outcome_words(row, "zh") == "较可能已保持"
    assert views.outcome_words({**row, "ex_post": ""}, "en") == "likely to hold"


def test_a_yearly_targets_last_key_point_says_how_many_years_met_theirs():
    """ "Missed" for 2023 and "achieved" for 2025, with no verdict on the period, for a
    target of every year (the planner's reviews): the last milestone's point tallies the
    years with a figure, its other years (flows) and its settled milestones."""
    base = {"indicator_id": "k", "section": "s", "name": "K", "departments": "X局",
            "kind": "flow", "unit": "项/年", "baseline_year": np.nan, "baseline_value": np.nan,
            "target": 10.0, "comparison": ">=", "expected_on_path": np.nan, "p_meet": 1.0,
            "projected": np.nan, "projected_lo_80": np.nan, "projected_hi_80": np.nan,
            "caveat": "", "to_verify": False, "baseline_to_verify": False,
            "earlier_to_verify": "", "reliability": "", "departments_inferred": False,
            "required_cagr_from_latest": np.nan, "growth_unit": "", "actual_cagr": np.nan,
            "latest_status": "final"}  # fmt: skip
    rows = pd.DataFrame([
        {**base, "milestone_year": 2023, "latest_year": 2023, "latest_value": 9.0,
         "status": "missed", "status_label": status_label("missed", "zh"), "p_meet": 0.0,
         "ex_post": "missed"},
        {**base, "milestone_year": 2025, "latest_year": 2025, "latest_value": 10.0,
         "status": "achieved", "status_label": status_label("achieved", "zh"),
         "ex_post": "met"}])  # fmt: skip
    flows = pd.DataFrame({"indicator_id": "k", "year": [2021, 2022, 2024],
                          "met": [True, True, False]})  # fmt: skip
    first, last = views.key_points(rows, "zh", flows=flows)
    assert last.endswith("；已有数据的5个年度中3个达到当年目标。")
    assert "个年度中" not in first  # said once, at the last milestone
    assert "个年度中" not in views.key_points(rows, "zh")[1]  # without the flows: nothing


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "30.2%（2020年；按新口径重定，方案原文35.6%） → 33.9%（按新口径重定；方案原文40%）"),
     ("en", "30.2% (2020; re-based on a new definition from the plan’s 35.6%) → 33.9% "
            "(re-based on a new definition from the plan’s 40%)")],
)  # fmt: skip
def test_a_rebased_baseline_says_the_plans_own_figure(indicators, targets, lang, said):
    """A re-based baseline read "30.2%（2020年）" with nothing saying the plan printed
    35.6 % (the report writer's review): it is said in the baseline's bracket, in the words
    of a re-based target; the plan's own baseline is said as before."""
    from conftest import rebased_share

    ind, tg, obs = rebased_share(indicators, targets)
    table = gaps_mod.gap_assessment(ind, tg, obs)
    shown = views.format_overview(views.target_overview(table, ind, lang=lang), lang=lang)
    column = shown[label("col.baseline_to_target", lang)]
    share = views.target_overview(table, ind, lang=lang)["indicator_id"].eq(
        "high_tech_industry_share").to_numpy()  # fmt: skip
    assert column[share].tolist() == [said]
    assert (
        not column[~share].str.contains(label("fmt.rebased_bare", lang, plan=""), regex=False).any()
    )
    own = table.assign(plan_baseline_value=np.nan, baseline_value=35.6)
    plain = views.format_overview(views.target_overview(own, ind, lang=lang), lang=lang)
    assert plain[label("col.baseline_to_target", lang)][share].str.startswith(
        "35.6%（2020年） → " if lang == "zh" else "35.6% (2020) → ").all()  # fmt: skip


def test_table_notes_stand_under_the_table_and_the_full_tables_note_once_per_page(
    mixed_gaps, mixed_indicators
):
    """Notebook 04's notes stood above its tables as centred captions of many lines, and
    "The complete technical tables are in data/processed/*.csv …" above nearly every one."""
    full = views.full_tables_note("en")
    assert "data/processed/*.csv" in full and "langfang_metrics_en.xlsx" in full
    html = views.counts_table(mixed_gaps, lang="en").to_html()
    assert re.search(r"caption \{[^}]*caption-side: bottom;[^}]*text-align: left;", html)
    # the page's tables leave the boilerplate to the page: a note says only its own matter
    tables = [views.milestone_table(mixed_gaps, mixed_indicators, milestone_year=y, lang="en")
              for y in (2023, 2025)]  # fmt: skip
    tables += [views.department_table(mixed_gaps, lang="en"),
               views.counts_table(mixed_gaps, lang="en")]  # fmt: skip
    assert all(full not in (st.caption or "") for st in tables)
    # a technical table shown alone still says where the rest of it is
    assert views.people(pd.DataFrame({"year": [2025]}), lang="en").caption == full
    assert views.people(pd.DataFrame({"year": [2025]}), lang="en", note=False).caption is None


def test_a_settled_milestone_table_drops_time_elapsed_and_projections(mixed_gaps, mixed_indicators):
    """In the final evaluation every settled row read "Time elapsed 100.0%" and "Projected:
    see latest figure"; a milestone still open keeps both columns."""
    elapsed, projected = label("col.time_share", "en"), label("col.projected_range", "en")
    open_ = views.milestone_table(mixed_gaps, mixed_indicators, milestone_year=2025, lang="en")
    assert {elapsed, projected} <= set(open_.data.columns)
    done = mixed_gaps[mixed_gaps["milestone_year"] == 2025].assign(
        as_of=2025, latest_year=2025.0, p_meet=1.0, status="achieved"
    )  # every row met on its 2025 figure
    done = done[done["indicator_id"] != "a_nodata"]
    shown = views.milestone_table(done, mixed_indicators, milestone_year=2025, lang="en").data
    assert elapsed not in shown.columns and projected not in shown.columns
    # one row still forecast (no 2025 figure yet): its projection stays, time elapsed goes
    one = done.assign(latest_year=np.where(done["indicator_id"] == "b_ok", 2024.0, 2025.0))
    shown = views.milestone_table(one, mixed_indicators, milestone_year=2025, lang="en").data
    assert projected in shown.columns and elapsed not in shown.columns


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_table_holds_apart_what_the_landing_page_holds_apart(mixed_gaps, lang):
    """The final run's page said "Achieved 6 – 3 provisional, 1 reached early" and notebook
    04's table only "6": the provisional outcomes and targets reached early, under the count."""
    from langfang_metrics import landing

    g = mixed_gaps.copy()
    done = (g["indicator_id"] == "a_done") & (g["milestone_year"] == 2025)
    g.loc[done, ["latest_year", "latest_status"]] = [2025, "preliminary"]  # provisional
    early = g[(g["indicator_id"] == "b_ok") & (g["milestone_year"] == 2025)].assign(
        indicator_id="b_early", status="achieved", latest_year=2024.0, latest_value=1600.0
    )  # reached in 2024, the milestone year still to come
    g = pd.concat([g, early], ignore_index=True)
    shown = views.counts_table(g, lang=lang).data
    cell = shown.set_index(shown.columns[0]).loc[status_label("achieved", lang)].iloc[-1]
    notes = views.count_notes(views.target_overview(g, lang=lang), lang)[("achieved", 2025)]
    assert notes == [label("landing.count_provisional", lang, k=1),
                     label("landing.count_early", lang, k=1)]  # fmt: skip
    assert cell.split("\n") == ["2", *notes]
    # in the same words as the page's table, set under the count
    page = landing._counts_table(views.target_overview(g, lang=lang), lang)
    html_text = views.counts_table(g, lang=lang).to_html()
    for note in notes:
        assert f'<span class="note">{note}</span>' in page and f">{note}</span>" in html_text
    # nothing to hold apart: the bare count
    assert shown.set_index(shown.columns[0]).loc[status_label("on_track", lang)].iloc[-1] == "1"


def test_the_fiscal_note_and_headers_say_only_what_the_years_hold():
    """The final run's note spoke of "forecast years … plan on the range, not the median"
    above a table whose years were all counted, under "[80% range]" headers of single
    numbers."""
    from langfang_metrics import compute

    r = compute.load_results()
    fe = r.fiscal_exposure  # 2021-2022 counted (spread), 2023-2025 forecast
    for lang in ("zh", "en"):
        note = views.fiscal_note(fe, r.fiscal, lang)
        assert label("note.fiscal_forecast", lang, years=year_span(2023, 2025, lang)) in note
        spread = label("note.fiscal_spread", lang, start=2020, end=2022,
                       years=year_span(2021, 2022, lang))  # fmt: skip
        assert spread in note
        assert label("note.fiscal_counted", lang) not in note
        assert label("col.cum_new_range", lang) in views.fiscal_table(fe, lang=lang).data
    counted = fe.assign(basis="actual", cum_new_lo_80=np.nan, cum_new_hi_80=np.nan,
                        cum_cost_lo_80_wan=np.nan, cum_cost_hi_80_wan=np.nan)  # fmt: skip
    for lang in ("zh", "en"):
        note = views.fiscal_note(counted, r.fiscal, lang)
        assert label("note.fiscal_counted", lang) in note
        assert (
            "80%" not in note
            and label("note.fiscal_spread", lang, start=1, end=2, years="x")[-8:] not in note
        )
        heads = list(views.fiscal_table(counted, lang=lang).data.columns)
        assert not any("80%" in h for h in heads)
        assert {label("col.cum_new_counted", lang), label("col.cum_cost_money", lang)} <= set(heads)
    # the award said is the registry's
    doubled = r.fiscal.assign(value=np.where(r.fiscal["parameter_id"] == "hte_award_new", 40.0,
                                             r.fiscal["value"]))  # fmt: skip
    assert "每家奖补40万元" in views.fiscal_note(fe, doubled, "zh")
    assert "400,000 yuan" in views.fiscal_note(fe, doubled, "en")


def test_notebook_04_reads_as_the_final_evaluation_once_the_data_reach_the_plans_end(tmp_path):
    """With returns to 2025 the landing page read 目标终期评估 while notebook 04 still graded
    "on track / needs acceleration" and explained time elapsed and "needs … a year from here
    on": its opening and its reading words follow the page's decision."""
    from langfang_metrics import compute, config

    shipped = compute.load_results()  # data to 2022: the plan still runs
    obs = tmp_path / "obs.csv"
    obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8")
                   + "tech_smes,langfang,2025,9950,家,final,test,,,,\n",
                   encoding="utf-8")  # fmt: skip
    final = compute.load_results(obs)
    assert not views.final_evaluation(shipped) and views.final_evaluation(final)
    for lang in ("zh", "en"):
        numbers = views.grading_words()
        assert views.gaps_intro(shipped, lang) == label("nb.gaps_intro", lang, **numbers)
        # the reference class's growth as the forecasts use it, not a number typed in
        growth = views._fmt_rate(math.expm1(DEFAULT_ANCHOR.growth), lang)
        assert views.gaps_reading(shipped, lang) == label(
            "nb.gaps_reading", lang, g=growth, scale=likelihood_scale(lang), **numbers)  # fmt: skip
        assert growth in views.gaps_reading(shipped, lang) and "{" not in views.gaps_reading(
            shipped, lang)  # fmt: skip
        intro = views.gaps_intro(final, lang)
        # the page's own final-evaluation words, and no pace grading
        assert label("landing.final", lang, end=config.PLAN_END_YEAR) in intro
        assert label("status.on_track", lang) not in intro
        reading = views.gaps_reading(final, lang)
        assert reading.startswith(label("nb.gaps_reading_final", lang, **numbers))
        assert label("col.time_share", lang) not in reading
        # the probability scale only where a forecast is still shown, as on the page
        forecast = views.forecast_probabilities(views.target_overview(final.gaps)).any()
        assert (likelihood_legend(lang) in reading) == bool(forecast)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notebook_04s_guide_describes_each_form_of_the_change_still_needed(lang):
    """Data to 2022 with 2023 and 2025 over: the table's cell read "meeting it by 2023 took
    +3.3% a year" (as if achieved; the Chinese says 需) while notebook 04's guide described it
    as "needs … a year from here on", words the table never printed. The cell says what
    was needed, and the guide names both forms it takes."""
    from langfang_metrics import compute

    shipped = compute.load_results()
    overview = views.target_overview(shipped.gaps, shipped.indicators, lang=lang)
    lines = [line for r in overview.to_dict("records") for line in views.position_lines(r, lang)]
    gap = "" if lang == "zh" else "…"
    forms = {"fmt.needed_over": label("fmt.needed_over", lang, value=gap, year="…"),
             "fmt.needed_from_now": label("fmt.needed_from_now", lang, value=gap)}  # fmt: skip
    over = label("fmt.needed_over", lang, value="+3.3%", year=2023)
    assert any(
        over.replace("+3.3%", "增长3.3%" if lang == "zh" else "+3.3%") == line for line in lines
    ), lines  # the case: 2023 is over, its figure owed
    if lang == "en":
        assert not any("took" in line for line in lines)
        assert "meeting it by 2023 needed +3.3% a year" in lines
    guide = views.gaps_reading(shipped, lang)
    for key, words in forms.items():
        assert words in guide, (key, words)
    """The statistician's review: planning levels of "5.4 / 3.2 / 1.71" patents and
    "17.3 / 11.8 / 7.63" consortia, sMAPE "21" beside "6.52", MASE "0.3" beside "2.53", a
    national forecast "32,815" beside its actual "33,357.1", and 2022's patents "3" where the
    tables say "3.0" against 3.7."""
    from langfang_metrics.registry import load_indicators, load_targets

    ind, tg = load_indicators(), load_targets()
    plan = pd.DataFrame({"indicator_id": ["high_value_patents_per_10k"] * 3
                         + ["innovation_consortia"] * 3 + ["high_tech_enterprises"],
                         "probability": [0.5, 0.8, 0.95] * 2 + [0.5],
                         "comparison": [">="] * 6 + ["<="],
                         "level": [5.4, 3.2, 1.71, 17.3, 11.8, 7.63, 1300.2]})  # fmt: skip
    shown = views.for_people(plan, lang="en", columns=["level"], indicators=ind)
    # patents at 2 decimals, the size of their largest; at least: rounded down, never up
    # consortia whole, down where reached at least (7.63 is reached at 7, not 8); at most: up
    assert shown.iloc[:, 0].tolist() == ["5.40", "3.20", "1.71", "17", "11", "7", "1,301"]
    acc = pd.DataFrame({"indicator_id": ["rd_spending"] * 2, "smape": [21.0, 6.523],
                        "mase": [0.3, 2.534]})  # fmt: skip
    errors = views.for_people(acc, lang="en", columns=["smape", "mase"], indicators=ind)
    assert errors.to_numpy().tolist() == [["21.0", "0.30"], ["6.5", "2.53"]]
    bt = pd.DataFrame({"indicator_id": "rd_spending", "region": "china",
                       "mean": [32815.21, 30100.0], "lo_80": [31000.06, 29000.0],
                       "actual": [33357.1, 30870.0]})  # fmt: skip
    national = views.for_people(bt, lang="en", columns=["mean", "lo_80", "actual"],
                                indicators=ind)  # fmt: skip
    assert national.to_numpy().tolist() == [["32,815.2", "31,000.0", "33,357.1"],
                                            ["30,100.0", "29,000.0", "30,870.0"]]  # fmt: skip
    home = pd.DataFrame({"indicator_id": "high_value_patents_per_10k", "year": [2020, 2022],
                         "value": [1.65, 3.0]})  # fmt: skip
    figures = views.for_people(home, lang="en", columns=["value"], indicators=ind, targets=tg)
    assert figures.iloc[:, 0].tolist() == ["1.65", "3.0"]
    # without the registry the levels are left as numbers, for styled to print one by one
    assert views.for_people(plan, lang="en", columns=["level"]).iloc[:3, 0].tolist() == [
        5.4, 3.2, 1.71]  # fmt: skip
    # the plan's own target as it wrote it, not at the row's levels' decimals: the vintage
    # table's "3.70", "40.0" and "5.00" (the diff review)
    vint = pd.DataFrame({"indicator_id": ["high_value_patents_per_10k", "high_tech_industry_share",
                                          "digital_economy_share"],
                         "mean": [3.754, 41.27, 4.612], "target": [3.7, 40.0, 5.0]})  # fmt: skip
    said = views.for_people(vint, lang="en", columns=["mean", "target"], indicators=ind)
    assert said.iloc[:, 1].tolist() == ["3.7", "40", "5"]
    assert said.iloc[:, 0].tolist() == ["3.75", "41.3", "4.61"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_series_statuses_are_named_from_the_configuration(lang, monkeypatch):
    """Notebook 01 said revised, final, preliminary and estimated figures enter a series;
    config.SERIES_STATUS_PRIORITY holds chained figures too (the statistician's review)."""
    from langfang_metrics import config
    from langfang_metrics.labels import obs_status_label

    said = views.series_statuses_note(lang)
    words = [obs_status_label(c, lang).lower() for c in config.SERIES_STATUS_PRIORITY]
    at = [said.lower().index(w) for w in words]
    assert at == sorted(at) and obs_status_label("chained", lang).lower() in said.lower()
    kept = said.lower()[max(at) :]  # bounds and the rest come after, as context
    assert obs_status_label("lower-bound", lang).lower() in kept
    monkeypatch.setattr(config, "SERIES_STATUS_PRIORITY", ("final", "revised"))
    fewer = views.series_statuses_note(lang)
    assert obs_status_label("chained", lang).lower() in fewer.lower() and fewer != said  # kept


def test_a_reliability_bin_whose_range_misses_the_diagonal_shows_it():
    """The verdict counted 1 of 10 bins missing the diagonal, yet its row read "42%" beside
    a range of "42%–100%" (the statistician's review): the bin is marked and its range shows
    the decimals that part it from its mean forecast."""
    p = np.full(40, 0.42)
    t = views.reliability_view(p, np.ones(40), series=[f"s{k}" for k in range(40)])
    assert t["misses_diagonal"].tolist() == [True]
    lo = float(t.loc[0, "observed_range"].split("%")[0])
    assert lo > 42.0
    t = views.reliability_view(p, (np.arange(40) % 2).astype(float),
                               series=[f"s{k}" for k in range(40)])  # fmt: skip
    assert t["misses_diagonal"].tolist() == [False]
    # the decimals: the fewest that print a miss apart from its mean forecast
    assert views._apart_decimals([0.4205], [0.4215], [1.0], [True]) == 1
    assert views._apart_decimals([0.4205], [0.4207], [1.0], [True]) == 2
    assert views._apart_decimals([0.42], [0.30], [0.5], [False]) == 0
    shown = views.people(t, lang="en", note=False).data
    assert label("col.misses_diagonal", "en") in shown.columns


def test_a_table_may_let_its_unit_and_clause_columns_break_on_a_narrow_page(indicators, targets):
    """Notebook 01's table of all targets ran its notes off a 1,400 px page in English, held
    wide by "100 million yuan" and the clauses kept on one line (the statistician's review)."""
    table = views.targets_table(indicators, targets, lang="en")
    cols = list(views.for_people(table, lang="en").columns)
    at = [cols.index(label(f"col.{c}", "en")) for c in ("unit", "clause")]

    def breaking(st) -> set[int]:
        css = st.to_html()
        return {i for i in at if re.search(rf"col{i}\s*\{{[^}}]*white-space: ?normal", css)}

    assert breaking(views.people(table, lang="en")) == set()
    assert breaking(views.people(table, lang="en", soft=("unit", "clause"))) == set(at)


def test_the_forecast_table_prints_each_indicators_forecast_and_range_at_one_decimals():
    """The final-evaluation forecast table read "106 / 85.5 / 136" 亿元 and "17.3 / 9.68 /
    33.8" consortia in one row (the statistician's review)."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    fc = pd.DataFrame({"indicator_id": ["rd_spending", "innovation_consortia"], "year": 2030,
                       "method": "growth", "as_of": 2025, "mean": [106.2, 17.3],
                       "lo_80": [85.5, 9.68], "hi_80": [136.04, 33.8], "lo_95": [73.4, 6.2],
                       "hi_95": [164.0, 57.7]})  # fmt: skip
    table = views.forecast_table(fc, ind, lang="en")
    cols = [label(f"col.{c}", "en") for c in ("mean", "lo_80", "hi_80", "lo_95", "hi_95")]
    assert table[cols].to_numpy().tolist() == [["106", "85", "137", "73", "164"],
                                               ["17", "9", "34", "6", "58"]]  # fmt: skip


def test_the_planning_notes_say_a_level_as_the_table_prints_it(indicators):
    """The note over the planning table said "the 80% level, 12 consortia" where the table
    printed that level, 11.8 reached at least, as 11 (the statistician's review)."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    plan = pd.DataFrame({"indicator_id": "innovation_consortia", "year": 2030,
                         "probability": [0.5, 0.8], "comparison": ">=",
                         "level": [17.3, 11.8]})  # fmt: skip
    gaps = pd.DataFrame({"indicator_id": ["innovation_consortia"], "milestone_year": [2025],
                         "latest_value": [12.0], "latest_year": [2025], "kind": ["stock"],
                         "unit_zh": ["个"]})  # fmt: skip
    page = views.planning_table(plan, gaps, ind, lang="en").to_html()
    table = views.for_people(plan, lang="en", columns=["level"], indicators=ind)
    assert table.iloc[1, 0] == "11" and "11 consortia" in page and "12 consortia, is" not in page
    # a level whose decimals end in zeros keeps them, as the table prints it: "2.50", not
    # "2.5" (the diff review)
    patents = plan.assign(indicator_id="high_value_patents_per_10k", level=[5.0, 2.5004])
    later = gaps.assign(indicator_id="high_value_patents_per_10k", latest_value=3.32,
                        kind="density", unit_zh="件/万人")  # fmt: skip
    shown = views.for_people(patents, lang="en", columns=["level"], indicators=ind)
    page = views.planning_table(patents, later, ind, lang="en").to_html()
    assert shown.iloc[1, 0] == "2.50" and "2.50 per 10,000 people" in page


def test_the_decimals_of_a_tables_levels_follow_the_levels_it_shows():
    """The vintage table printed patents' 2.41 as 2.4: the decimals had followed a 95 % end
    of 10.2 that the table does not show."""
    from langfang_metrics.registry import load_indicators

    v = pd.DataFrame({"indicator_id": "high_value_patents_per_10k", "mean": [3.71],
                      "lo_80": [2.41], "hi_80": [6.43], "hi_95": [10.2]})  # fmt: skip
    ind = load_indicators()
    shown = views.for_people(v, lang="en", columns=["mean", "lo_80", "hi_80"], indicators=ind)
    assert shown.iloc[0].tolist() == ["3.71", "2.41", "6.43"]
    every = views.for_people(v, lang="en", indicators=ind)
    assert every[label("col.hi_95", "en")].tolist() == ["10.2"]


def test_every_notebook_of_a_known_by_run_opens_with_the_day():
    """A run --known-by wrote notebooks that showed its figures without a word of the day
    (the page, the brief and the workbook said it): each notebook opens with the cover's
    words and the method, in Markdown; a run on the figures known now says nothing."""
    import json
    import types

    from langfang_metrics import config

    then = types.SimpleNamespace(known_by="2024-03-31", undated_known=98, undated_unfinished=16)
    for lang in ("zh", "en"):
        said = views.known_by_note(then, lang)
        assert said.startswith(f"**{label('known_by.cover', lang, date='2024-03-31')}**")
        assert label("known_by.method", lang, date="2024-03-31", n=98, m=16) in said
        assert views.known_by_note(types.SimpleNamespace(known_by=None), lang) == ""
    for path in sorted((config.PROJ_ROOT / "notebooks").glob("0*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert "views.known_by_note(results, lang)" in code, path.name


def test_notebook_04_says_the_grading_numbers_config_holds(monkeypatch):
    """Notebook 04's words had "R ≥ 0.95", "0.6～0.95", "2023年和2025年" and "2020年以来"
    typed in (the diff review): they follow config, so a changed ratio or milestone is said
    as the grading uses it."""
    from langfang_metrics import config

    monkeypatch.setattr(config, "ON_TRACK_RATIO", 0.9)
    monkeypatch.setattr(config, "NEEDS_ACCELERATION_RATIO", 0.5)
    numbers = views.grading_words()
    assert (numbers["on"], numbers["acc"], numbers["tol"]) == ("0.9", "0.5", "10%")
    said = label("nb.gaps_intro", "en", **numbers)
    assert "R ≥ 0.9 on track, 0.5–0.9 needs acceleration, 0–0.5 insufficient" in said
    assert "2023 and 2025" in label("nb.gaps_intro_final", "en", **numbers)
    reading = label("nb.gaps_reading", "zh", g="6.2%", scale="", **numbers)
    assert "允许低10%（比值 ≥ 0.9 即" in reading and "“2020年以来年均”" in reading


def test_the_page_and_notebook_03_print_a_projection_and_its_range_alike():
    """The known-by run's page said Tech SMEs 10,793 [9,523–12,442] where notebook 03's range
    starts at 9,522, patents [2.75–5.62] where the notebook's ends at 5.63, and R&D 7.33
    billion yuan where the notebook said 73亿元, coarser than the published 64.6 (the
    review). One rule now: the range outwards, the decimals of views.level_decimals with the
    latest published figure, in the unit shown (English: billion yuan, one decimal more)."""
    case = {  # projected, its 80 % range, the latest figure; kind, unit
        "tech_smes": (10793.2, 9522.6, 12441.2, 8796.0, "stock", "家"),
        "high_value_patents_per_10k": (3.98, 2.7512, 5.6213, 3.0, "density", "件/万人"),
        "rd_spending": (73.26, 65.14, 82.37, 64.6, "growth_rate", "亿元"),
    }
    gaps = pd.DataFrame([
        _gap_row(i, "甲", 2025, "on_track", kind=k, unit_zh=u, latest_year=2024,
                 latest_value=last, p_meet=0.5, projected=m, projected_lo_80=lo,
                 projected_hi_80=hi, target=10.0 if k == "growth_rate" else 2 * m)
        for i, (m, lo, hi, last, k, u) in case.items()
    ])  # fmt: skip
    units_en = {"家": "firms", "件/万人": "per 10,000 people", "亿元": "100 million yuan"}
    ind = pd.DataFrame({"indicator_id": list(case), "name_zh": list(case), "name_en": list(case),
                        "kind": [c[4] for c in case.values()],
                        "unit_zh": [c[5] for c in case.values()],
                        "unit_en": [units_en[c[5]] for c in case.values()]})  # fmt: skip
    page = {lang: views.format_overview(views.target_overview(gaps, ind, lang=lang),
                                        lang=lang)[label("col.projected_range", lang)].tolist()
            for lang in ("zh", "en")}  # fmt: skip
    assert page["zh"] == ["10,793家 [9,522–12,442]", "3.98件/万人 [2.75–5.63]",
                          "73.3亿元 [65.1–82.4]"]  # fmt: skip
    assert page["en"][2] == "7.33 billion yuan [6.51–8.24]"  # 73.3亿元's digits, in billions
    fc = pd.DataFrame({"indicator_id": list(case), "year": 2025, "method": "growth",
                       "as_of": 2024, "mean": [c[0] for c in case.values()],
                       "lo_80": [c[1] for c in case.values()],
                       "hi_80": [c[2] for c in case.values()], "lo_95": [np.nan, 1.61, 55.0],
                       "hi_95": [np.nan, 10.2, 136.0]})  # fmt: skip
    table = views.forecast_table(fc, ind, lang="zh", gaps=gaps)
    cols = [label(f"col.{c}", "zh") for c in ("mean", "lo_80", "hi_80")]
    assert table[cols].to_numpy().tolist() == [["10,793", "9,522", "12,442"],
                                               ["3.98", "2.75", "5.63"],
                                               ["73.3", "65.1", "82.4"]]  # fmt: skip
    # the 95 % ends print at those decimals, without sizing them: an end of 10.2 had cut
    # the patents' row to "3.98 / 2.8 / 5.7" beside the page's figures
    ends = table[[label("col.lo_95", "zh"), label("col.hi_95", "zh")]].to_numpy().tolist()
    assert ends[1:] == [["1.61", "10.20"], ["55.0", "136.0"]]
    # without the published figure R&D fell to the size rule's whole 亿元 ("73")
    fc.loc[2, ["lo_80", "hi_80"]] = [95.0, 110.0]
    assert views.forecast_table(fc, ind, lang="zh")[cols[0]].tolist()[2] == "73"
    assert views.forecast_table(fc, ind, lang="zh", gaps=gaps)[cols[0]].tolist()[2] == "73.3"


def test_a_planning_level_keeps_the_decimals_of_its_indicators_forecast_table():
    """With the latest published figure's decimals in notebook 03's forecast table, R&D's
    2030 median read 106.4亿元 there and 106 in the planning table above its fan chart; the
    planning table, its note, the workbook and the chart now read the levels alike."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    planning = pd.DataFrame({"indicator_id": "rd_spending", "year": 2030,
                             "probability": [0.5, 0.8, 0.95], "comparison": ">=",
                             "level": [106.386, 92.137, 78.755], "as_of": 2025})  # fmt: skip
    gaps = pd.DataFrame([_gap_row("rd_spending", "甲", 2025, "achieved", kind="growth_rate",
                                  unit_zh="亿元", latest_year=2025, latest_value=64.6)])  # fmt: skip
    col = label("col.level", "en")
    shown = views.planning_table(planning, gaps, ind, lang="en", note=False).data[col]
    assert shown.tolist() == ["106.3", "92.1", "78.7"]  # at least: down, at 64.6's decimal
    bare = views.planning_table(planning, gaps.iloc[:0], ind, lang="en", note=False).data[col]
    assert bare.tolist() == ["106", "92", "78"]  # the size rule alone, without the figure
    assert views.planning_decimals(planning, ind, gaps).tolist() == [1, 1, 1]


def test_the_likelihood_scale_is_said_from_its_bands(monkeypatch):
    """The legends had the ranges of the likelihood grades typed in beside
    ``LIKELIHOOD_BANDS`` (the diff review): they are said from the bands, so the words and
    the grading cannot part."""
    from langfang_metrics import labels

    assert labels.likelihood_scale("zh") == (
        "≥90% 很可能，66%～89% 较可能，33%～65% 约各半，10%～32% 不太可能，<10% 很不可能"
    )
    assert labels.likelihood_scale("en") == (
        "≥ 90% very likely, 66-89% likely, 33-65% about even, 10-32% unlikely, < 10% very "
        "unlikely")  # fmt: skip
    monkeypatch.setattr(labels, "LIKELIHOOD_BANDS", ((95, "very_likely"), (50, "even"),
                                                     (0, "very_unlikely")))  # fmt: skip
    assert (
        labels.likelihood_scale("en") == "≥ 95% very likely, 50-94% about even, < 50% very unlikely"
    )
    assert "≥ 95% very likely" in labels.likelihood_legend("en")


def test_a_known_by_run_says_the_undated_figures_left_out_after_their_preliminary():
    """run --known-by left out undated finals whose preliminary came out on the day or later
    and said so on its first line only: the page, the brief, the workbook and the notebooks
    gave the undated figures counted as known and those of unfinished years, not these."""
    import types

    from langfang_metrics import landing

    then = types.SimpleNamespace(known_by="2024-03-31", undated_known=98,
                                 undated_unfinished=16, undated_after_earlier=2)  # fmt: skip
    assert views.known_by_method(then)[1] == ("known_by.method_after",
                                              {"date": "2024-03-31", "k": 2})  # fmt: skip
    for lang in ("zh", "en"):
        after = label("known_by.method_after", lang, date="2024-03-31", k=2)
        assert after in views.known_by_note(then, lang)
        lines = landing.known_by_lines(then, lang)
        cover = label("known_by.cover", lang, date="2024-03-31")
        assert len(lines) == 1 and lines[0].count(cover) == 1 and after in lines[0]
    none = types.SimpleNamespace(known_by="2024-03-31", undated_known=98, undated_unfinished=16)
    assert [k for k, _ in views.known_by_method(none)] == ["known_by.method"]
    assert "共2个" in label("known_by.method_after", "zh", date="2024-03-31", k=2)


def test_progress_from_names_a_start_after_the_plans_base_year_only():
    """Three 2025 shares were measured from a first figure of 2023 (the digital economy's
    56%, the consortia's 167%, the commissioners' 117%) beside shares from the plan's 2020
    baselines (the planner's review): their start year, and no other row's."""
    digital = {"baseline_source": "observation", "baseline_year": 2023.0,
               "progress_share": 0.5556}  # fmt: skip
    assert views.progress_from(digital) == 2023
    # a level implied for the year before a later first figure is a later start too
    assert (
        views.progress_from({**digital, "baseline_source": "derived", "baseline_year": 2022})
        == 2022
    )
    # the plan's baseline, a running total's 0, a start in the base year, no share: none
    assert views.progress_from({**digital, "baseline_source": "plan"}) is None
    assert views.progress_from({**digital, "baseline_source": "definition"}) is None
    assert (
        views.progress_from({**digital, "baseline_source": "derived", "baseline_year": 2020})
        is None
    )
    assert views.progress_from({**digital, "progress_share": np.nan}) is None
    assert views.progress_from({"progress_share": 0.5}) is None


def test_a_milestone_tables_progress_cell_says_a_later_start():
    """Notebook 04's milestone table printed the digital economy's 56% from 2023 as the
    dashboard had, beside shares from the plan's 2020 baselines: it says the start too."""
    from langfang_metrics import compute

    r = compute.load_results()
    g = r.gaps.astype({"baseline_source": object})
    row = (g["indicator_id"] == "high_tech_industry_share") & (g["milestone_year"] == 2025)
    g.loc[row, ["baseline_year", "baseline_source", "progress_share"]] = [2023, "observation",
                                                                          0.5556]  # fmt: skip
    for lang, words in (("zh", "55.6%（自2023年起算）"), ("en", "55.6% (from 2023)")):
        cells = views.milestone_table(g, r.indicators, milestone_year=2025, lang=lang).data[
            label("col.progress_share", lang)]  # fmt: skip
        assert [c for c in cells if "2023" in c] == [words]


def test_a_running_total_with_no_figure_says_none_reported_not_baseline_only():
    """A cumulative target's baseline is the 0 it counts from: "仅有基期值" under
    专精特新新增数 implied a 2020 figure had been reported (the planner's review). A stock
    with the plan's baseline and nothing after it still says "baseline only"."""
    row = {"status": "insufficient_data", "kind": "cumulative", "baseline_value": 0.0,
           "baseline_year": 2020, "baseline_source": "plan", "latest_year": np.nan}  # fmt: skip
    assert views.status_reason(row, "zh") == "尚无报送数据"
    assert views.status_reason(row, "en") == "no figure reported yet"
    stock = {**row, "kind": "stock", "baseline_value": 8796.0}
    assert views.status_reason(stock, "zh") == "仅有基期值"
    # a running total counted from another start than 0 holds a figure: its baseline
    assert views.status_reason({**row, "baseline_value": 12.0}, "zh") == "仅有基期值"


def test_one_years_figure_of_a_yearly_target_drops_the_per_year_unit():
    """每年10项以上 is a target of 10项/年, but a year's count is "9项（2023年）" and its
    shortfall "差1项": "9项/年（2023年）", "2022年9项/年（差1项/年）" and "1 project per year
    short" attached a rate to a single year (the planner's review)."""
    assert views.year_unit("项/年") == "项" and views.year_unit("projects per year") == "projects"
    assert views.year_unit("家") == "家" and views.year_unit("%/年") == "%/年"
    row = {"kind": "flow", "unit": "项/年", "target": 10.0, "latest_value": 9.0,
           "latest_year": 2023, "latest_status": "final", "comparison": ">="}  # fmt: skip
    assert views._fmt_latest(row, "zh") == "9项（2023年）"
    assert views._fmt_latest({**row, "unit": "projects per year"}, "en") == "9 projects (2023)"
    assert views._fmt_target(row, "zh") == "10项/年"  # the target keeps its unit
    years = pd.DataFrame({"year": [2021, 2022], "target": 10.0, "value": [12.0, 9.0],
                          "met": [True, False]})  # fmt: skip
    assert views.flow_year_items(years, "项/年", "zh") == "2021年12项（达标）、2022年9项（差1项）"


def test_a_level_targets_first_figure_after_2020_asks_no_2020_figure():
    """A share's first figure of 2024 (1.21 % against 1.45 %, no plan baseline) read "仅有
    起算值 / 缺2020年数据： / 2021—2024年增速未计", words of the R&D growth-rate target, whose
    average growth the plan counts from 2020: a level's grade needs no 2020 figure and
    counts no growth, and a statistician would chase a figure no grade needs (the review).
    A level says it has its first figure only and, before its milestone year, that it waits
    for another year's figure; the growth-rate target keeps its words."""
    share = {"status": "insufficient_data", "kind": "share", "baseline_value": 1.21,
             "baseline_year": 2024, "baseline_source": "observation", "latest_year": 2024,
             "milestone_year": 2025}  # fmt: skip
    stock = {**share, "kind": "stock", "baseline_value": 800.0, "baseline_year": 2023,
             "latest_year": 2023}  # fmt: skip
    for row in (share, stock):
        assert views.status_lines(row, "zh") == ["仅有起算值", "待另一年数据评估"]
        assert views.status_lines(row, "en") == ["first figure only",
                                                 "another year’s figure needed to grade"]  # fmt: skip
    # from the plan's base year too: one figure is no pace either
    assert views.status_reason({**stock, "baseline_year": 2020, "latest_year": 2020},
                               "en") == "first figure only\nanother year’s figure needed to grade"  # fmt: skip
    # a first figure after its milestone year: another figure grades that milestone no more
    late = {**stock, "milestone_year": 2023, "baseline_year": 2024, "latest_year": 2024}
    assert views.status_lines(late, "zh") == ["仅有起算值"]
    assert views.status_lines(late, "en") == ["first figure only"]
    # the growth-rate target counted from 2020 still says what its late start leaves out
    rate = {**share, "kind": "growth_rate", "baseline_value": 54.03, "baseline_year": 2021,
            "latest_year": 2021}  # fmt: skip
    assert views.status_lines(rate, "zh") == ["仅有起算值", "缺2020年数据：", "2021年增速未计"]
    assert views.status_lines(rate, "en") == ["first figure only", "no 2020 figure:",
                                              "2021’s growth not counted"]  # fmt: skip


def test_a_notebooks_table_cites_the_plan_execution_report_by_a_title_that_says_what_it_is():
    """A table of figures shows its sources as the workbook does: "(2022 plan-execution
    report)" said neither whose plan nor which (the review)."""
    frame = pd.DataFrame({"source": [
        "廊坊市2022年国民经济和社会发展计划执行情况 (2022 plan-execution report)",
        "《廊坊市强化企业科技创新专项服务工作方案(2021-2025年)》"]})  # fmt: skip
    for lang in ("zh", "en"):
        cells = list(views.for_people(frame, lang=lang)[label("col.source", lang)])
        assert cells[0] == ("廊坊市2022年国民经济和社会发展计划执行情况 (Langfang’s report on the "
                            "implementation of its 2022 National Economic and Social "
                            "Development Plan)")  # fmt: skip
    # Chinese brackets in Chinese, as before
    assert views.for_people(frame, lang="zh")[label("col.source", "zh")][1] == (
        "《廊坊市强化企业科技创新专项服务工作方案（2021-2025年）》"
    )


def test_on_track_below_the_pace_needed_says_it_is_within_the_tolerance(tmp_path, monkeypatch):
    """A return of 9,472 tech-based SMEs for 2023 (8,796 in 2020, 10,000 by 2025): the brief
    said "年均增长2.5%，而自2020年起实现目标需年均增长2.6%，评估为“符合进度”" and the page 9,472
    beside a path of 9,500 under "on track", the 5 % tolerance (R ≥ 0.95) said only in the
    methods. Each says it, its value from config; a pace at or above the one needed does
    not."""
    import openpyxl

    from langfang_metrics import brief, compute, config, export

    obs = tmp_path / "returns" / "smes.csv"  # a return, outside data/raw
    obs.parent.mkdir()
    obs.write_text("indicator_id,region,year,value,unit,status,source,url,accessed,quote,note\n"
                   "tech_smes,langfang,2023,9472,家,final,test return,,,,\n",
                   encoding="utf-8")  # fmt: skip
    r = compute.load_results([config.OBSERVATIONS_FILE, obs])
    row = r.gaps[r.gaps["indicator_id"] == "tech_smes"].iloc[0]
    assert row["status"] == "on_track" and 0.95 <= row["growth_ratio"] < 1  # the case
    words = {"zh": "5%容差内", "en": "within the 5% tolerance"}
    for lang in ("zh", "en"):
        assert views.tolerance_words(row, lang) == words[lang]
        overview = views.target_overview(r.gaps, r.indicators, lang=lang)
        smes = overview[overview["indicator_id"] == "tech_smes"].iloc[0]
        assert words[lang] in views.status_lines(smes, lang)  # the page's, brief's table
        point = next(p for p in views.key_points(overview, lang) if p.startswith(smes["name"]))
        assert label("fmt.paren", lang, text=words[lang]) in point
        story = brief.narrative(r.gaps, r.indicators, lang=lang)
        said = story[story["indicator_id"] == "tech_smes"]["sentence"].iloc[0]
        assert (
            "需年均增长2.6%，评估为“符合进度”（5%容差内）。" if lang == "zh"
            else "+2.6% a year the target needs from 2020; assessed as “On track” (within the 5% "
            "tolerance)."
        ) in said  # fmt: skip
        others = overview[overview["status"] == "on_track"]
        assert (others["growth_ratio"] >= 1).any()  # high-tech 2025, patents: said of none
        assert not any(words[lang] in views.status_lines(o, lang) for _, o in others.iterrows()
                       if o["growth_ratio"] >= 1)  # fmt: skip
    # the workbook's summary, in the status note beside its status
    summary = openpyxl.load_workbook(export.write_results_workbook(r, tmp_path / "w.xlsx",
                                                                   lang="en")).worksheets[0]  # fmt: skip
    notes = [str(c.value) for line in summary.iter_rows(min_row=2) for c in line]
    assert any(words["en"] in n for n in notes)
    # the tolerance is the config's: 0.9 says 10 %
    monkeypatch.setattr(config, "ON_TRACK_RATIO", 0.9)
    assert views.tolerance_words(row, "en") == "within the 10% tolerance"


def test_the_abbreviations_a_table_uses_are_spelt_out_under_it():
    """English outputs used "IP" (indicator names), "pp" (notebook 02's segments: "0.88
    pp"), "14th FYP" (notebook 01's repairs of the plan text) and "s.d." (notebook 03's
    anchors) without saying what they stand for (the reviewers)."""
    from langfang_metrics import compute, config

    assert views.abbreviations_in(["firms in IP-advantage cultivation", "IPCC", "R&D"]) == [
        ("IP", "intellectual property")
    ]
    assert views.abbreviations_in(["0.13pp above", "a fall of 0.36 pp"]) == [
        ("pp", "percentage points")
    ]
    assert views.abbreviations_note(["IP"], "zh") == ""  # the Chinese says the words
    r = compute.load_results()
    repairs = views.plan_repairs_table(pd.read_csv(config.PLAN_REPAIRS), lang="en")
    assert repairs["reason"].str.contains("14th FYP").any()  # the case
    caption = views.people(repairs, lang="en", note=False).caption
    assert caption == "Abbreviations: FYP = Five-Year Plan."
    segments = views.segments_view(r.segments, r.indicators, lang="en")
    assert "0.88 pp" in segments.to_html() and "pp = percentage points" in segments.caption
    assert not views.segments_view(r.segments, r.indicators, lang="zh").caption
    # a note the table had keeps it after its own words
    shown = views.people(repairs, lang="en")
    assert shown.caption == views.full_tables_note("en") + " " + caption
    anchors = views.people(
        views.reference_view(r.anchors, r.indicators, lang="en"), lang="en"
    ).to_html()
    assert "s.d." not in anchors and "standard deviation of annual log changes" in anchors
