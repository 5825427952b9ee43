"""The label table: every key in both languages, placeholders, bilingual headers."""

from __future__ import annotations

import re

import pytest

from langfang_metrics import config, labels
from langfang_metrics.labels import bilingual, label


def test_every_label_has_both_languages():
    for key, (zh, en) in labels.LABELS.items():
        assert zh.strip() and en.strip(), key


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("achieved", "已实现", "Achieved"),
        ("on_track", "符合进度", "On track"),
        ("needs_acceleration", "需加快", "Needs acceleration"),
        ("insufficient_progress", "进展不足", "Insufficient progress"),
        ("moving_away", "偏离目标", "Moving away"),
        ("missed", "未达标", "Missed"),
        ("insufficient_data", "数据不足", "Insufficient data"),
    ],
)
def test_status_labels(code, zh, en):
    assert labels.status_label(code, "zh") == zh
    assert labels.status_label(code, "en") == en


def test_path_and_observation_labels():
    assert labels.path_label("required", "zh") == "目标路径"
    assert labels.path_label("rd_10pct", "en") == "10%/yr path"
    assert labels.obs_status_label("estimate", "zh") == "预计数"
    assert labels.obs_status_label("other-definition", "zh") == "口径不同"
    assert set(labels.OBS_STATUS_CODES) == set(config.STATUSES)


def test_basis_labels_word_every_fiscal_exposure_basis():
    import pandas as pd

    from langfang_metrics import gaps, registry

    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2020, 2022], "value": [905.0, 1258.0], "status": "final",
                        "unit": "家"})  # fmt: skip
    bases = gaps.fiscal_exposure(obs, None, registry.load_fiscal_parameters())["basis"].tolist()
    assert bases == ["actual, spread over 2021-2022"] * 2 + ["insufficient_data"] * 3
    zh = [labels.basis_label(b, "zh") for b in bases]
    assert zh[0] == "按实际净增数（2021—2022年均摊）" and zh[-1] == "数据不足"
    assert labels.basis_label("actual", "en") == "Net increase counted"
    assert labels.basis_label("forecast", "zh") == "预测值"
    assert labels.basis_label("comparable", "en") == "comparable"  # not ours: as it is


def test_placeholders_and_bilingual_headers():
    assert label("title.gap_dashboard", "zh", year=2025) == "2025年目标进展评估"
    assert label("legend.milestone", "en", year=2023) == "2023 target"
    assert bilingual("col.indicator") == "指标 / Indicator"
    assert labels.sheet_name("summary") == "摘要 Summary"
    assert all("/" not in labels.sheet_name(k) for k in ("summary", "targets", "backtest"))


def test_unknown_key_and_language_are_clear_errors():
    with pytest.raises(KeyError, match="no label 'status.nope'.*status.achieved"):
        label("status.nope", "zh")
    with pytest.raises(ValueError, match="lang must be 'zh' or 'en'"):
        label("axis.year", "fr")


def test_departments_split_and_translate():
    assert labels.split_departments("市科技局、市財政局 、") == ["市科技局", "市財政局"]
    assert labels.split_departments(float("nan")) == []
    # commas and semicolons, ASCII or full-width, also separate (a landing page crashed on ";")
    assert labels.split_departments("市科技局,市财政局；市税务局; 市教育局，市人社局") == [
        "市科技局", "市财政局", "市税务局", "市教育局", "市人社局"]  # fmt: skip
    assert labels.department_label("市科技局", "en") == "Science and Technology Bureau"
    assert labels.department_label("市科技局", "zh") == "市科技局"
    assert labels.department_label("市財政局", "zh") == "市财政局"  # simplified for reports
    assert labels.department_label("某新部门", "en") == "某新部门"
    assert labels.department_label(None, "en") == "" and labels.department_label(float("nan")) == ""


def test_a_returns_file_name_says_whose_return_it_is():
    """Departments send their figures back as "市科技局_2023-2025.csv": the English outputs
    name the department from it, one it names alone."""
    assert labels.department_in("市科技局_2023-2025.csv") == "市科技局"
    assert labels.department_in("市市場監督管理局_2023-2024.xlsx") == "市市场监督管理局"
    assert labels.department_in("returns_2025.csv") is None
    assert labels.department_in("市科技局_市统计局.csv") is None  # two: whose is it?
    assert labels.department_in(None) is None


def test_chinese_labels_use_full_width_punctuation_beside_chinese_text():
    """'（概率50%）' and '名称：', not '(概率50%)' and '名称:' (GB/T 15834)."""
    cjk = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
    ascii_beside_cjk = re.compile(rf"{cjk}[(),:;!?]|[(,:;!?]{cjk}|\){cjk}")
    bad = {k: zh for k, (zh, _) in labels.LABELS.items() if ascii_beside_cjk.search(zh)}
    assert bad == {}


def test_english_counts_agree_with_their_nouns():
    import numpy as np

    assert labels.label("brief.source_item", "en", source="S", years="2023", n=1) == (
        "S (2023, 1 figure)"
    )
    assert labels.label("brief.source_item", "en", source="S", years="2023", n=np.int64(3)) == (
        "S (2023, 3 figures)"
    )
    assert "(1 indicator)" in labels.label("request.count", "en", n=2, k=1, p=0)
    assert "个数据" in labels.label("brief.source_item", "zh", source="S", years="2023", n=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("评价和转化科技项目(成果)", "评价和转化科技项目（成果）"),
        ("工作方案(2021-2025年)(征求意见稿)", "工作方案（2021-2025年）（征求意见稿）"),
        # an English aside beside Chinese keeps its half-width brackets
        ("《方案》 (Langfang plan, draft), 2021", "《方案》 (Langfang plan, draft), 2021"),
        ("GDP (current prices)", "GDP (current prices)"),
        ("已是全角（成果）", "已是全角（成果）"),
        ("(a)", "(a)"),
        ("方案(2021-2025年(草案))", "方案（2021-2025年（草案））"),  # nested
        ("方案(1)(2)", "方案（1）（2）"),  # the second pair follows the first
        (None, None),
    ],
)
def test_zh_brackets(text, expected):
    assert labels.zh_brackets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fastest year showed -7.1%.", "the fastest year showed \u22127.1%."),
        ("预计缺口（-1.8%）", "预计缺口（\u22121.8%）"),
        ("年均变化-0.20个百分点", "年均变化\u22120.20个百分点"),
        ("-26家", "\u221226家"),
        ("2021-2025", "2021-2025"),  # a range
        ("--as-of 2024", "--as-of 2024"),  # an option
        ("R-1 and high-tech", "R-1 and high-tech"),  # inside words
        ("data/-1.csv", "data/-1.csv"),  # a path
        ("\u22123", "\u22123"),
        (None, None),
    ],
)
def test_true_minus(text, expected):
    """LibreOffice broke "…showed -" / "7.1%." after the hyphen-minus; never after U+2212."""
    assert labels.true_minus(text) == expected


def test_chinese_source_lines_and_names_set_brackets_full_width():
    from langfang_metrics import registry
    from langfang_metrics.plots import _source_name

    source = "廊坊市科学技术局《工作方案(2021-2025年)(征求意见稿)》 (Langfang plan, draft), 2021"
    assert _source_name(source, "zh") == "廊坊市科学技术局《工作方案（2021-2025年）（征求意见稿）》"
    assert _source_name(source, "en") == "Langfang plan, draft"
    # a source line keeps what it is given: an input file's name must stay exact
    assert labels.source_line("廊坊数据(2023).csv", "zh") == "数据来源：廊坊数据(2023).csv"
    names = registry.load_indicators().set_index("indicator_id")["name_zh"]
    assert names["achievements_evaluated"] == "评价和转化科技项目（成果）"
    assert not names.str.contains(r"\(").any()


def test_whole_percent_rounds_as_a_spreadsheet_shows_it():
    """Python's format rounds the binary 0.825 (just below) to 82; Excel's 0% shows 83."""
    from langfang_metrics.labels import whole_percent

    assert f"{0.825:.0%}" == "82%"  # the float rounding this replaces
    assert [whole_percent(p) for p in (0.825, 330 / 400, 0.125, -0.405, 0.004, 1.0)] == [
        83, 83, 13, -41, 0, 100]  # fmt: skip
    assert labels.likelihood_label(0.655, "en") == labels.likelihood_label(0.66, "en")


@pytest.mark.parametrize(
    ("share", "text", "decimals"),
    [(0.825, "83%", 0), (0.99585, "99.6%", 1), (0.9996, "99.96%", 2), (1.0, "100%", 0),
     (1.2, "120%", 0), (-0.2, "\u221220%", 0), (0.994, "99%", 0), (-0.0011, "0%", 0),
     (0.999996, "99.999%", 3)],
)  # fmt: skip
def test_a_progress_share_short_of_the_target_never_reads_100_percent(share, text, decimals):
    """9,995 tech SMEs against 10,000 read "100% 未达标" on the dashboard and in the
    workbook's 0% format."""
    assert labels.progress_percent(share) == text
    assert labels.progress_decimals(share) == decimals


def test_a_plan_clause_reads_in_each_language():
    """The English pages showed the plan's clauses as "二" and "四（三）11" (the notebook
    reader's review); the Chinese keeps the plan's numbering, brackets full-width."""
    cases = {"二": "Part 2", "四(四)13": "Part 4 (4), item 13", "四（三）11": "Part 4 (3), item 11",
             "三(二)": "Part 3 (2)", "十二(一)3": "Part 12 (1), item 3", "二十": "Part 20"}  # fmt: skip
    for clause, en in cases.items():
        assert labels.clause_label(clause, "en") == en, clause
    assert labels.clause_label("四(四)13", "zh") == "四（四）13"
    for other in ("see note", "", None, "十十", "三十三十"):  # not the plan's form: as it is
        assert labels.clause_label(other, "en") == other


def test_a_fiscal_basis_says_the_figures_not_yet_final_it_rests_on():
    """A year counted on a 预计数 read "实际值" in the workbook and notebook 04 (e2e review)."""
    assert labels.basis_words("actual", "2024:preliminary、2025:estimate", "zh") == (
        "按实际净增数（依据2024年初步数、2025年预计数）"
    )
    assert (
        labels.basis_words("actual", "2025:estimate", "en")
        == "Net increase counted (2025 estimate only)"
    )
    assert labels.basis_words("forecast", "", "zh") == labels.basis_label("forecast", "zh")
    assert labels.basis_words("actual", float("nan"), "zh") == "按实际净增数"


def test_the_known_by_method_names_the_date_column_as_the_input_files_head_it():
    """It told the user to fill a “公布日期” column, where the template and the request
    workbooks head it 发布日期 (and the request had none): a clerk looked for a column that
    was not there."""
    from langfang_metrics.template import TEMPLATE_HEADERS

    header = next(zh for zh, en in TEMPLATE_HEADERS if en == "published")
    said = labels.label("known_by.method", "zh", date="2024-06-30", n=1, m=0)
    assert f"“{header}”列" in said


def test_the_chinese_likelihood_legend_gives_the_ranges_without_naming_the_ipcc():
    """ "参照联合国政府间气候变化专门委员会IPCC的可能性用语" read oddly in a science and
    technology bureau's report (the planner's review): the Chinese says which range each word
    stands for; the English keeps the IPCC as the words' source."""
    zh = labels.likelihood_legend("zh")
    assert "IPCC" not in zh and "气候" not in zh
    assert zh.startswith("达标概率的读法（可能性用语与概率区间对应如下）：")
    assert labels.likelihood_scale("zh") in zh
    assert "IPCC" in labels.likelihood_legend("en")


def test_a_day_reads_the_chinese_way_in_a_chinese_sentence_and_stays_iso_in_english():
    """ "按2024-03-31已公布的数据" and "（修订数，2025-03）" read as codes amid characters (the
    report writer's review): every ``date`` field of a Chinese label says 年月日."""
    assert labels.day_words("2024-03-31") == "2024年3月31日"
    assert labels.day_words("2025-11") == "2025年11月"
    assert labels.day_words("2024", "zh") == "2024"  # a year alone reads as it is
    assert labels.day_words("2024-03-31", "en") == "2024-03-31"
    assert labels.label("known_by.source", "zh", date="2024-03-31") == "按2024年3月31日已公布的数据"
    assert labels.label("known_by.source", "en", date="2024-03-31").endswith("2024-03-31")
    # the request's held date stays in the form its 发布日期 column takes
    assert labels.label("request.held_published", "zh", published="2024-03") == "发布日期：2024-03"


def test_a_sentence_that_ends_with_a_mark_takes_no_full_stop_after_it():
    """ "位数或单位是否有误？。请更正" and "another unit?. Correct it" (the hostile-input
    review): a sentence ending in ？, ?, 。, ., ！ or ! keeps its own mark alone."""
    from langfang_metrics.labels import full_stop

    for text in ("位数或单位是否有误？", "数字无误。", "请核实！"):
        assert full_stop(text) == text
        assert full_stop(text + " ") == text
    assert full_stop("请把单位改为“万元”") == "请把单位改为“万元”。"
    for text in ("slipped digits or another unit?", "It is.", "Check it!"):
        assert full_stop(text, "en") == text
    assert full_stop("write the unit 万元", "en") == "write the unit 万元."
    assert full_stop("", "en") == ""
    # a label's full stop after a placeholder: kept after a clause, left out after a question
    zh = label(
        "brief.checks", "zh", n=1, items="研发投入强度（廊坊市）2023年为0.0152%，位数或单位有误？"
    )
    en = label(
        "brief.checks", "en", n=1, items="R&D intensity (Langfang), 2023: 0.0152%, another unit?"
    )
    assert zh.endswith("位数或单位有误？") and "？。" not in zh
    assert en.endswith("another unit?") and "?." not in en
    assert label("brief.checks", "zh", n=1, items="甲").endswith("：甲。")
    assert label("brief.checks", "en", n=1, items="a").endswith(": a.")


def test_the_notes_count_of_backtested_indicators_reads_right_for_one():
    """ "1 target indicators have a backtest" (the reviewers): the count stands in brackets,
    so one and many read alike."""
    said = labels.label("notes.backtested", "en", k=1, names="High-tech enterprises", n=21)
    assert "1 target indicators" not in said and "(1): High-tech enterprises" in said
