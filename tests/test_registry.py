"""Provenance tests: every registry row is exactly what the plan says."""

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from langfang_metrics import config, registry

_CN_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _numbers_in(text: str) -> set[float]:
    """Numbers written in a Chinese sentence, with 萬 (10,000) multipliers and percents."""
    text = text.translate(_CN_DIGITS).replace(",", "")
    found = set()
    for num, wan in re.findall(r"(\d+(?:\.\d+)?)\s*(萬|万)?", text):
        value = float(num)
        found.add(value)
        if wan:
            found.add(value * 10_000)
    return found


@pytest.fixture(scope="module")
def plan():
    return registry.read_plan_text()


@pytest.fixture(scope="module")
def indicators():
    return registry.load_indicators()


@pytest.fixture(scope="module")
def targets():
    return registry.load_targets()


def test_plan_text_as_obtained_is_source_minus_spam_line():
    raw = config.PLAN_TEXT.read_text(encoding="utf-8")
    assert raw.startswith("今日廊坊")
    assert raw.endswith("瀏覽量:\n")
    assert "无码" not in raw
    # nor is it repeated in the metadata a notebook shows
    assert "无码" not in config.PLAN_METADATA.read_text(encoding="utf-8")
    assert "??萍夹椭行∑髽I" in raw  # corrupted passage kept as obtained


def test_repaired_text_differs_only_by_listed_repairs():
    raw = config.PLAN_TEXT.read_text(encoding="utf-8")
    repaired = config.PLAN_TEXT_REPAIRED.read_text(encoding="utf-8")
    repairs = pd.read_csv(config.PLAN_REPAIRS, dtype=str)
    assert len(repairs) == 2
    for bad, good in zip(repairs["corrupted"], repairs["repaired"], strict=True):
        assert raw.count(bad) == 1
        raw = raw.replace(bad, good)
    assert raw == repaired
    assert "??" not in repaired


def test_plan_metadata_has_issuer_date_status():
    meta = pd.read_csv(config.PLAN_METADATA, dtype=str).set_index("field")["value"]
    assert meta["issuer_zh"] == "廊坊市科学技术局"
    assert meta["date"] == "2021-12-07"
    assert meta["status_zh"] == "征求意见稿"


def test_the_targets_basis_says_what_the_plan_metadata_says():
    """Every page names the plan the targets come from as a draft for comment (an issued
    plan may have changed a target); its words must agree with the plan's metadata."""
    import calendar

    from langfang_metrics.labels import label

    meta = pd.read_csv(config.PLAN_METADATA, dtype=str).set_index("field")["value"]
    zh, en = label("plan.basis", "zh"), label("plan.basis", "en")
    year, month, day = (int(p) for p in meta["date"].split("-"))
    assert f"{meta['issuer_zh']}{year}年{month}月{day}日公开征求意见" in zh
    assert meta["status_zh"] in zh and meta["issuer_en"] in en
    assert f"{day} {calendar.month_name[month]} {year}" in en
    assert meta["status_en"].startswith("draft for comment") and "draft for comment" in en


def test_indicator_ids_unique(indicators):
    assert indicators["indicator_id"].is_unique
    assert re.fullmatch(r"[a-z0-9_]+", "".join(indicators["indicator_id"]).replace("_", "a"))


def test_every_quote_verbatim_in_plan(indicators, plan):
    target_rows = indicators[indicators["role"] == "target"]
    assert len(target_rows) >= 20
    for _, row in target_rows.iterrows():
        assert row["quote"] and row["quote"] in plan, row["indicator_id"]
        assert row["measure_quote"] in plan, row["indicator_id"]


def test_the_simplified_plan_aligns_with_the_repaired_one_and_holds_every_quote(indicators, plan):
    """The page was captured through a traditional-character mirror with ASCII commas, and
    its quotes could not go into a simplified-Chinese report (the report writer's review):
    the simplified copy is the repaired one character for character, each traditional
    character always written one way, and every quote reads in it as the plan was issued."""
    text = config.PLAN_TEXT_SIMPLIFIED.read_text(encoding="utf-8")
    assert len(text) == len(plan)
    seen: dict[str, str] = {}
    for a, b in zip(plan, text, strict=True):
        if a != b:
            assert seen.setdefault(a, b) == b, (a, b, seen[a])
    for _, row in indicators[indicators["role"] == "target"].iterrows():
        for col in ("quote", "measure_quote"):
            words = registry.simplified(row[col])
            assert words in text, row["indicator_id"]
            assert not set(words) & set(",():;業術數萬"), words
    quote = indicators.set_index("indicator_id").loc["high_tech_enterprises", "measure_quote"]
    assert registry.simplified(quote) == "到2023年，全市高新技术企业达到1300家，2025年达到1500家"
    # the committed copy is OpenCC's t2s of the repaired text (a dev dependency)
    opencc = pytest.importorskip("opencc")
    assert registry.simplified_plan(plan, opencc.OpenCC("t2s").convert) == text
    # text the plan does not hold stays as it is ("1,300" kept its comma, "http://" its colon)
    assert registry.simplified("1,300家 (2023): http://x.cn") == "1,300家 (2023): http://x.cn"
    with pytest.raises(ValueError, match="one character to one"):
        registry.simplified_plan(plan, lambda t: t + "x")


def test_every_department_named_in_plan(indicators, plan):
    for _, row in indicators[indicators["role"] == "target"].iterrows():
        depts = [d for d in row["departments"].split("、") if d]
        assert depts, row["indicator_id"]
        for d in depts:
            assert d in plan, (row["indicator_id"], d)
        if row["departments_basis"] == "stated":
            tail = plan[plan.index(row["measure_quote"]) :].split("責任", 1)[1][:80]
            assert all(d in tail for d in depts), (row["indicator_id"], tail)


def test_the_chinese_and_english_names_count_the_same_thing(indicators):
    """ "将1000家高新技术企业纳入知识产权优势企业培育对象": the English name counted high-tech
    firms, the Chinese the programme's trainees of any kind (the planner's review)."""
    row = indicators.set_index("indicator_id").loc["ip_advantage_firms"]
    assert "高新技术企业" in row["name_zh"] and "High-tech" in row["name_en"]
    assert "高企" in row["short_zh"]


def test_departments_are_stated_only_where_their_measure_sets_the_target(indicators, targets):
    """The 400 new SRDI SMEs of section 二 were "stated" for the departments of 三(一),
    which names the SRDI upgrading programme but not the target (the planner's review): a
    department is the target's own only where its measure's sentence holds the number."""
    for _, row in indicators[indicators["departments_basis"] == "stated"].iterrows():
        values = targets.loc[targets["indicator_id"] == row["indicator_id"], "value"]
        numbers = _numbers_in(row["measure_quote"])
        assert all(v in numbers for v in values), row["indicator_id"]


def test_every_number_in_target_rows_appears_in_quote(indicators, targets):
    by_id = indicators.set_index("indicator_id")
    for _, t in targets.iterrows():
        ind = by_id.loc[t["indicator_id"]]
        numbers = _numbers_in(ind["quote"] + " " + ind["measure_quote"])
        assert t["value"] in numbers, (t["indicator_id"], t["value"])
        year_stated = float(t["year"]) in numbers
        # Section 二 opens with 到2025年; yearly flows run over the plan years 2021-2025.
        year_implied = (ind["clause"] == "二" and t["year"] == config.PLAN_END_YEAR) or (
            "每年" in ind["quote"] and 2021 <= t["year"] <= config.PLAN_END_YEAR
        )
        year_assumed = "states no year" in ind["note"] and t["year"] == config.PLAN_END_YEAR
        assert year_stated or year_implied or year_assumed, t["indicator_id"]
        if pd.notna(ind["baseline_value"]) and ind["kind"] != "cumulative":
            assert ind["baseline_value"] in numbers, t["indicator_id"]


def test_milestones_after_baseline(indicators, targets):
    merged = targets.merge(indicators, on="indicator_id")
    with_base = merged.dropna(subset=["baseline_year"])
    assert (with_base["year"] > with_base["baseline_year"]).all()
    assert set(targets["indicator_id"]) <= set(indicators["indicator_id"])


def test_headline_targets_as_in_plan(targets):
    t = targets.set_index(["indicator_id", "year"])["value"]
    assert t[("tech_smes", 2025)] == 10_000
    assert t[("high_tech_enterprises", 2023)] == 1300
    assert t[("high_tech_enterprises", 2025)] == 1500
    assert t[("rd_spending", 2025)] == 10
    assert t[("industrial_rd_intensity", 2025)] == 1.45
    assert t[("high_value_patents_per_10k", 2025)] == 3.7
    assert t[("high_tech_industry_share", 2025)] == 40


def test_fiscal_parameters_quoted(plan):
    params = registry.load_fiscal_parameters()
    for _, row in params.iterrows():
        assert row["quote"] in plan, row["parameter_id"]
        assert row["value"] in _numbers_in(row["quote"]), row["parameter_id"]
    assert registry.fiscal_parameter("hte_award_new", params) == 20
    with pytest.raises(KeyError, match="unknown fiscal parameter"):
        registry.fiscal_parameter("nope", params)


#: A number of an English sentence: "8,796", "1.45", "10 million" (its thousands commas are
#: not a list's: "1,300, and").
_EN_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s+million)?")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _figures_zh(text: str) -> set[float]:
    """The figures of one of the plan's sentences, a number before 万 counted as its value
    (20万元 is 200,000; 每万人口 is per 10,000)."""
    text = text.translate(_CN_DIGITS).replace(",", "").replace("每萬", "每1萬")
    return {float(n) * (10_000 if w else 1)
            for n, w in re.findall(r"(\d+(?:\.\d+)?)\s*(萬|万)?", text)}  # fmt: skip


def _figures_en(text: str) -> set[float]:
    return {float(n.replace(",", "")) * (1e6 if m else 1) for n, m in _EN_NUMBER.findall(text)}


def test_every_quote_of_the_plan_has_an_english_rendering_with_its_figures(indicators):
    """The English outputs gave the plan's words in Chinese alone (the English reader's
    review): each quote the registry holds has the project's English beside it, in English,
    stating the same figures and years (a figure mistyped in a translation would be read as
    the plan's)."""
    fiscal = registry.load_fiscal_parameters()
    pairs = [(f"{iid} {col}", words, english)
             for iid, *row in indicators[["indicator_id", "quote", "quote_en", "measure_quote",
                                          "measure_quote_en"]].itertuples(index=False)
             for col, words, english in (("quote", *row[:2]), ("measure_quote", *row[2:]))
             if words]  # fmt: skip
    pairs += [(pid, w, e) for pid, w, e in fiscal[["parameter_id", "quote", "quote_en"]].itertuples(
        index=False)]  # fmt: skip
    assert len(pairs) == 2 * 22 + 14
    for where, words, english in pairs:
        assert english and not _CJK.search(english), where
        assert _figures_en(english) == _figures_zh(words), (where, words, english)
    # a quote another indicator shares reads the same in English
    by_quote = {}
    for _, words, english in pairs:
        assert by_quote.setdefault(words, english) == english, words
    assert registry.plan_translations(indicators, fiscal)[fiscal.at[0, "quote"]] == (
        "For newly certified high-tech enterprises, the city gives an award of 200,000 yuan"
    )
    assert _figures_en("from 1,300, and 10 million") == {1300.0, 1e7}


def test_the_english_renderings_are_optional_and_checked(tmp_path):
    """``quote_en``, ``measure_quote_en`` (indicators) and ``quote_en`` (fiscal parameters)
    may be left out (read as empty, in place beside their quotes); given, one renders a quote
    that is there, and is English."""
    from langfang_metrics.errors import DataValidationError

    frame = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    old = tmp_path / "indicators.csv"
    frame.drop(columns=["quote_en", "measure_quote_en"]).to_csv(old, index=False)
    loaded = registry.load_indicators(old)
    assert (loaded[["quote_en", "measure_quote_en"]] == "").all().all()
    columns = list(loaded.columns)
    assert columns.index("quote_en") == columns.index("quote") + 1
    assert columns.index("measure_quote_en") == columns.index("measure_quote") + 1
    context = frame.index[frame["quote"] == ""][0]
    bad = frame.copy()
    bad.loc[context, "quote_en"] = "By 2025, something"  # renders no quote
    bad.loc[0, "measure_quote_en"] = registry.simplified(bad.loc[0, "measure_quote"])
    path = tmp_path / "bad" / "indicators.csv"
    path.parent.mkdir()
    bad.to_csv(path, index=False)
    with pytest.raises(DataValidationError) as err:
        registry.load_indicators(path)
    found = {(p.row, p.column): p.message for p in err.value.problems}
    assert "'quote' is empty" in found[context + 2, "quote_en"]
    assert "holds no English" in found[2, "measure_quote_en"]
    assert len(found) == 2

    fiscal = pd.read_csv(config.FISCAL_FILE, dtype=str, keep_default_na=False)
    without = tmp_path / "fiscal.csv"
    fiscal.drop(columns="quote_en").to_csv(without, index=False)
    params = registry.load_fiscal_parameters(without)
    assert (params["quote_en"] == "").all() and list(params.columns)[7:9] == ["quote", "quote_en"]
    assert registry.plan_translations(params) == {}
    fiscal.loc[3, "quote_en"] = "市级、县级分别负担50%"
    fiscal.to_csv(without, index=False)
    with pytest.raises(DataValidationError) as err:
        registry.load_fiscal_parameters(without)
    assert [(p.row, p.column) for p in err.value.problems] == [(5, "quote_en")]
    assert "holds no English" in str(err.value) and str(without) in str(err.value)


def test_regions_registry_takes_peer_cities_and_names_every_problem(tmp_path):
    shipped = (config.REGIONS_FILE).read_text(encoding="utf-8")
    good = tmp_path / "regions.csv"
    good.write_text(shipped + "shijiazhuang,石家庄市,Shijiazhuang, City ,peer\n", encoding="utf-8")
    regions = registry.load_regions(good)
    assert regions["level"].tolist()[-1] == "city"  # spaces and case forgiven
    bad = tmp_path / "bad.csv"
    bad.write_text(
        shipped.replace("langfang,", "lang fang,", 1)
        + "tangshan,唐山市,Tangshan,town,\n"  # unknown level
        + "hebei2,河北省,Hebei again,province,\n"  # a name already used
        + ",,,city,\n",  # no code, no name
        encoding="utf-8",
    )
    with pytest.raises(registry.DataValidationError) as err:
        registry.load_regions(bad)
    found = {(p.row, p.column) for p in err.value.problems}
    assert {(2, "region"), (5, "level"), (6, "name_zh"), (7, "region"), (7, "name_zh")} <= found
    assert any("home region" in p.message for p in err.value.problems)
    text = str(err.value)
    assert str(bad) in text and "'town' is not one of country, province, city, county" in text


def _edited(tmp_path, source, row: int, **cells) -> Path:
    df = pd.read_csv(source, dtype=str, keep_default_na=False)
    for col, value in cells.items():
        df.loc[row, col] = value
    path = tmp_path / Path(source).name
    df.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [({"baseline_year": "2020.5"}, "baseline_year", "expected a whole year in 1949-2100"),
     ({"baseline_year": "3000"}, "baseline_year", "expected a whole year"),
     ({"baseline_value": "inf"}, "baseline_value", "expected a finite number"),
     ({"path_shape": "exponential"}, "path_shape", "'exponential' is not one of"),
     ({"indicator_id": "tech_smes "}, "indicator_id", "has no spaces"),
     ({"baseline_value": ""}, "baseline_value", "needs both its year and its value"),
     # the growth of another indicator (rate_of): it is shown beside that one's target
     ({"rate_of": "rd_spendng"}, "rate_of", "'rd_spendng', which is not an indicator"),
     ({"rate_of": "tech_smes"}, "rate_of", "rate_of names itself"),
     ({"rate_of": "high_tech_enterprises"}, "rate_of", "whose kind is stock"),
     ({"rate_of": "rd_spending"}, "unit_zh", "is in %, got '家'"),
     ({"rate_of": "rd_spending", "unit_zh": "%", "kind": "share"}, "kind", "got share")],
)  # fmt: skip
def test_indicator_registry_refuses_values_it_used_to_let_through(tmp_path, cells, column, message):
    from langfang_metrics.errors import DataValidationError

    row = 0  # tech_smes: baseline 2020, 8796
    path = _edited(tmp_path, config.INDICATORS_FILE, row, **cells)
    with pytest.raises(DataValidationError) as info:
        registry.load_indicators(path)
    assert any(p.row == row + 2 and p.column == column and message in p.message
               for p in info.value.problems), info.value  # fmt: skip


def test_two_growth_indicators_of_one_amount_are_refused(tmp_path):
    """Two rows naming the same rate_of were shown as one growth series, year by year."""
    from langfang_metrics.errors import DataValidationError

    df = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    row = int(df.index[df["indicator_id"] == "gdp_growth"][0])
    path = _edited(tmp_path, config.INDICATORS_FILE, row, rate_of="rd_spending")
    with pytest.raises(DataValidationError) as info:
        registry.load_indicators(path)
    first = int(df.index[df["indicator_id"] == "rd_spending_growth"][0])
    [problem] = [p for p in info.value.problems if p.column == "rate_of"]
    assert problem.row == max(row, first) + 2 and f"as row {min(row, first) + 2} does" in (
        problem.message)  # fmt: skip


def test_target_registry_refuses_fractional_years_infinities_and_duplicates(tmp_path):
    from langfang_metrics.errors import DataValidationError

    for cells, message in (({"year": "2025.5"}, "whole year"), ({"value": "-inf"}, "finite")):
        with pytest.raises(DataValidationError, match=message):
            registry.load_targets(_edited(tmp_path, config.TARGETS_FILE, 0, **cells))
    df = pd.read_csv(config.TARGETS_FILE, dtype=str, keep_default_na=False)
    twice = tmp_path / "twice.csv"
    pd.concat([df, df.iloc[[0]]]).to_csv(twice, index=False)
    with pytest.raises(DataValidationError, match="a second target for"):
        registry.load_targets(twice)


def test_a_rebased_target_keeps_the_plans_own_figure_and_says_so(tmp_path):
    """A re-based 33.9 % read as the plan's own beside its words "由35.6%提高到40%" (the
    statistician's review): targets.csv's optional plan_value keeps the plan's figure, the
    gap table carries it, and the target is said with it; without the column nothing
    changes."""
    from langfang_metrics import views
    from langfang_metrics.errors import DataValidationError

    df = pd.read_csv(config.TARGETS_FILE, dtype=str, keep_default_na=False)
    assert registry.load_targets()["plan_value"].isna().all()  # the shipped file has none
    share = df["indicator_id"] == "high_tech_industry_share"
    df["plan_value"] = ""
    df.loc[share, ["value", "plan_value"]] = ["33.9", "40"]
    path = tmp_path / "targets.csv"
    df.to_csv(path, index=False)
    targets = registry.load_targets(path, indicators=registry.load_indicators())
    row = targets[targets["indicator_id"] == "high_tech_industry_share"].iloc[0]
    assert (row["value"], row["plan_value"]) == (33.9, 40.0)
    assert (
        targets.loc[targets["indicator_id"] != "high_tech_industry_share", "plan_value"]
        .isna()
        .all()
    )
    said = {"kind": "share", "unit": "%", "target": 33.9, "plan_target": 40.0, "comparison": ">="}
    assert views._fmt_target(said, "zh") == "33.9%（按新口径重定；方案原文40%）"
    assert views._fmt_target(said, "zh", nested=True) == "33.9%，按新口径重定，方案原文40%"
    assert (
        views._fmt_target(said, "en") == "33.9% (re-based on a new definition from the plan’s 40%)"
    )
    assert views._fmt_target({**said, "plan_target": np.nan}, "zh") == "33.9%"
    assert views._fmt_target({**said, "plan_target": 33.9}, "zh") == "33.9%"
    df.loc[share, "plan_value"] = "四十"
    df.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="plan_value.*expected a number"):
        registry.load_targets(path)


def test_a_rebased_baseline_keeps_the_plans_own_figure(tmp_path):
    """A re-based baseline 30.2 % read as the plan's own beside its words "由35.6%提高到40%"
    (the report writer's review): indicators.csv's optional plan_baseline_value keeps the
    plan's figure, read as plan_value is (a number or empty; file, row and column named),
    and empty where the file has no such column."""
    from langfang_metrics.errors import DataValidationError

    assert registry.load_indicators()[registry.PLAN_BASELINE_VALUE].isna().all()
    df = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    share = df.index[df["indicator_id"] == "high_tech_industry_share"][0]
    df["plan_baseline_value"] = ""
    df.loc[share, ["baseline_value", "plan_baseline_value"]] = ["30.2", "35.6"]
    path = tmp_path / "indicators.csv"
    df.to_csv(path, index=False)
    ind = registry.load_indicators(path)
    cols = list(ind.columns)
    assert cols.index("plan_baseline_value") == cols.index("baseline_value") + 1
    row = ind[ind["indicator_id"] == "high_tech_industry_share"].iloc[0]
    assert (row["baseline_value"], row["plan_baseline_value"]) == (30.2, 35.6)
    assert ind.loc[ind.index != share, "plan_baseline_value"].isna().all()
    df.loc[share, "plan_baseline_value"] = "三十五点六"
    df.to_csv(path, index=False)
    with pytest.raises(DataValidationError) as info:
        registry.load_indicators(path)
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.column) == (str(path), share + 2,
                                                           "plan_baseline_value")  # fmt: skip
    assert "expected a number" in problem.message
    no_base = df["baseline_value"].eq("").idxmax()  # an indicator the plan gives no level of
    df.loc[share, "plan_baseline_value"] = "35.6"
    df.loc[no_base, "plan_baseline_value"] = "5"
    df.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="plan_baseline_value.*beside no baseline"):
        registry.load_indicators(path)


def test_an_edited_indicator_registry_is_read_again(tmp_path):
    path = _edited(tmp_path, config.INDICATORS_FILE, 0, name_en="Tech SMEs")
    assert registry.load_indicators(path).loc[0, "name_en"] == "Tech SMEs"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, "name_en"] = "Technology-based small firms"
    df.to_csv(path, index=False)
    os.utime(path, ns=(1, 1))  # a new state even where the clock is coarse
    assert registry.load_indicators(path).loc[0, "name_en"] == "Technology-based small firms"


def test_fiscal_parameters_refuse_a_duplicated_id(tmp_path):
    from langfang_metrics.errors import DataValidationError

    df = pd.read_csv(config.FISCAL_FILE, dtype=str, keep_default_na=False)
    twice = tmp_path / "fiscal.csv"
    pd.concat([df, df.iloc[[0]].assign(value="99")]).to_csv(twice, index=False)
    with pytest.raises(DataValidationError, match="is not unique"):
        registry.load_fiscal_parameters(twice)


def test_a_target_outside_the_milestone_years_is_refused(tmp_path):
    """A 2024 target of a stock bent the required path and was assessed in no table."""
    from langfang_metrics.errors import DataValidationError

    row = 2  # high-tech enterprises 2023 (1,300)
    path = _edited(tmp_path, config.TARGETS_FILE, row, year="2024")
    with pytest.raises(DataValidationError) as info:
        registry.load_targets(path, indicators=registry.load_indicators())
    assert any(p.row == row + 2 and p.column == "year"
               and "2024 is not one of the plan's milestone years (2023, 2025)" in p.message
               for p in info.value.problems), info.value  # fmt: skip


@pytest.mark.parametrize(
    ("row", "cells", "message"),
    [  # rows of targets.csv: 0 tech SMEs 2025, 3 high-tech 2025 (1,500)
        (3, {"comparison": "<="}, "comparison '<=' does not fit the indicator's direction"),
        (3, {"value": "1200"}, "the 2025 target 1200 is below the target of 2023 (1300)"),
    ],
)  # fmt: skip
def test_targets_read_backwards_are_checks_named_by_validate(tmp_path, capsys, row, cells,
                                                            message):  # fmt: skip
    """'<=' typed for '>=', or 1,200 typed for 1,500 after 1,300 in 2023, read "achieved" on
    1,258 without a word; they load (a ceiling of an indicator to increase is the registry's
    call) and validate and run name them."""
    path = _edited(tmp_path, config.TARGETS_FILE, row, **cells)
    targets = registry.load_targets(path, indicators=registry.load_indicators())
    lines = registry.registry_checks(registry.load_indicators(), targets)
    assert any(message in line for line in lines), lines
    assert registry.registry_checks(registry.load_indicators(), registry.load_targets()) == []


def test_a_target_the_baseline_already_meets_is_a_level_to_hold_not_a_check(tmp_path):
    path = _edited(tmp_path, config.TARGETS_FILE, 0, value="8000")  # tech SMEs 8,796 in 2020
    targets = registry.load_targets(path, indicators=registry.load_indicators())
    assert registry.registry_checks(registry.load_indicators(), targets) == []


def test_validate_and_run_print_the_registry_checks(tmp_path, capsys, monkeypatch):
    from langfang_metrics import cli

    path = _edited(tmp_path, config.TARGETS_FILE, 3, comparison="<=")
    monkeypatch.setattr(config, "TARGETS_FILE", path)
    obs = tmp_path / "obs.csv"
    obs.write_text("indicator_id,year,value\ntech_smes,2022,9000\n", encoding="utf-8")
    assert cli.main(["validate", "--lang", "en", str(obs)]) == 0
    err = capsys.readouterr().err
    assert "CHECK: 1 registry entry looks wrong" in err
    assert "high_tech_enterprises 2025: comparison '<=' does not fit" in err
    assert cli.main(["validate", str(obs)]) == 0  # a Chinese heading over the same entry
    err = capsys.readouterr().err
    assert "核对（CHECK）：1 条登记表条目看起来有误" in err
    assert "high_tech_enterprises 2025: comparison '<=' does not fit" in err


@pytest.mark.parametrize(
    ("cells", "message"),
    [({"departments": "市科技局 市财政局"}, "runs 2 departments together; separate them with 、"),
     ({"departments": "市科技局/市财政局"}, "runs 2 departments together; separate them with 、"),
     ({"indicator_id": "patents/10k"}, "cannot hold /"),
     ({"baseline_value": "8,796"}, "expected a number, got '8,796'")],
)  # fmt: skip
def test_indicator_registry_names_departments_and_ids_it_cannot_use(tmp_path, cells, message):
    """A space between two departments took the indicator out of both departments' data
    requests; an id with '/' failed at the charts."""
    from langfang_metrics.errors import DataValidationError

    path = _edited(tmp_path, config.INDICATORS_FILE, 0, **cells)
    with pytest.raises(DataValidationError) as info:
        registry.load_indicators(path)
    problems = info.value.problems
    assert any(p.row == 2 and message in p.message for p in problems), info.value
    assert not any("needs both its year and its value" in p.message for p in problems)


def test_an_unknown_department_loads_and_is_named_as_a_check(tmp_path):
    """市科枝局 (a typo) had made a department of its own without a word; a new department
    (市科学技术协会) is the registry's to add, named in Chinese on the English pages."""
    for name, hint in (
        ("市科枝局", "a typo for '市科技局'?"),
        ("市科学技术协会", ""),
        ("市行政审批局", "the English pages"),
    ):  # not "a typo for 市财政局?"
        path = _edited(tmp_path, config.INDICATORS_FILE, 0, departments=name)
        ind = registry.load_indicators(path)
        lines = registry.registry_checks(ind, registry.load_targets())
        assert any(f"department '{name}' is not one the suite knows; {hint}" in line
                   for line in lines), lines  # fmt: skip


def test_registry_files_saved_wrongly_by_excel_get_a_clear_problem(tmp_path):
    from langfang_metrics.errors import DataValidationError

    text = Path(config.INDICATORS_FILE).read_text(encoding="utf-8")
    cases = {
        "gbk.csv": (text.replace("\n", "\r\n").encode("gb18030"), "is not UTF-8 text"),
        "book.csv": (b"PK\x03\x04" + b"\x00\xff" * 40, "Excel workbook saved under a .csv name"),
        "empty.csv": (b"", "it is empty"),
        "semi.csv": (text.replace(",", ";").encode("utf-8"), "separated by semicolons?"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DataValidationError) as info:
            registry.load_indicators(path)
        assert message in str(info.value) and str(path) in str(info.value), name
    # rows Excel leaves empty at the end are dropped, the rest read as before
    trailing = tmp_path / "indicators.csv"
    columns = len(registry.INDICATOR_COLUMNS)
    trailing.write_text(text + ("," * (columns - 1) + "\n") * 3, encoding="utf-8")
    pd.testing.assert_frame_equal(registry.load_indicators(trailing), registry.load_indicators())
    targets = tmp_path / "targets.csv"
    targets.write_text(Path(config.TARGETS_FILE).read_text(encoding="utf-8") + ",,,\n,,,\n",
                       encoding="utf-8")  # fmt: skip
    pd.testing.assert_frame_equal(registry.load_targets(targets), registry.load_targets())
    # a blank line inside keeps the file's row numbers in the messages
    lines = Path(config.TARGETS_FILE).read_text(encoding="utf-8").splitlines()
    lines.insert(3, "")
    lines[5] = lines[5].rsplit(",", 2)[0] + ",abc,>="  # file row 6
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        registry.load_targets(targets)
    assert [(p.row, p.column) for p in info.value.problems] == [(6, "value")]


def test_a_duplicated_indicator_id_names_itself_and_its_first_row(tmp_path):
    from langfang_metrics.errors import DataValidationError

    df = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    twice = tmp_path / "indicators.csv"
    pd.concat([df, df.iloc[[2]]]).to_csv(twice, index=False)
    with pytest.raises(DataValidationError, match=f"indicator id '{df.loc[2, 'indicator_id']}' "
                       r"is not unique: row 4 has it too"):  # fmt: skip
        registry.load_indicators(twice)


def test_a_target_far_from_its_baseline_is_a_check_up_to_a_unit_slip(tmp_path):
    """A programme can grow from a handful to the plan's 100 (6 -> 100 had been refused);
    万 typed for 亿 (x10,000) is still refused."""
    from langfang_metrics.errors import DataValidationError

    ind = registry.load_indicators()
    grown = registry.load_targets(_edited(tmp_path, config.TARGETS_FILE, 0, value="100000"),
                                  indicators=ind)  # fmt: skip
    lines = registry.registry_checks(ind, grown)
    assert any("tech_smes 2025: the target 100000 is 11.4 times the plan's baseline 8796" in line
               for line in lines), lines  # fmt: skip
    with pytest.raises(DataValidationError, match="a target in another unit"):
        registry.load_targets(_edited(tmp_path, config.TARGETS_FILE, 0, value="87960000"),
                              indicators=ind)  # fmt: skip
    # a share to bring down below 1 % means what it says (it had been told to write 90)
    share = "high_tech_industry_share"
    down = ind.assign(direction=ind["direction"].mask(ind["indicator_id"] == share, "decrease"))
    row = int(pd.read_csv(config.TARGETS_FILE).query("indicator_id == @share").index[0])
    path = _edited(tmp_path, config.TARGETS_FILE, row, value="0.9", comparison="<=")
    assert registry.load_targets(path, indicators=down).query(
        "indicator_id == @share")["value"].tolist() == [0.9]  # fmt: skip
    with pytest.raises(DataValidationError, match="not the fraction"):
        registry.load_targets(_edited(tmp_path, config.TARGETS_FILE, row, value="0.4"),
                              indicators=ind)  # fmt: skip


def test_a_registry_without_chinese_notes_still_loads(tmp_path):
    """``note_zh`` is optional: a registry kept from before it (or a test's own) loads, its
    Chinese notes empty."""
    text = config.INDICATORS_FILE.read_text(encoding="utf-8").splitlines()
    frame = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    path = tmp_path / "indicators.csv"
    frame.drop(columns="note_zh").to_csv(path, index=False)
    old = registry.load_indicators(path)
    assert (old["note_zh"] == "").all() and len(old) == len(text) - 1
    shipped = registry.load_indicators()
    assert shipped.set_index("indicator_id").at["tech_smes", "note_zh"].startswith("按国家")
    # every indicator with a note has it in Chinese too
    assert ((shipped["note"] == "") == (shipped["note_zh"] == "")).all()


def test_the_public_modules_load_when_first_used():
    """The package docstring names trajectories, forecast, gaps, plots and export as public,
    and ``lm.gaps`` raised AttributeError (the code review); they load on first use, so
    importing the package stays cheap."""
    import subprocess
    import sys

    code = ("import sys, langfang_metrics as lm; assert 'matplotlib' not in sys.modules; "
            "assert callable(lm.gaps.gap_assessment) and callable(lm.forecast.forecast); "
            "assert {'gaps', 'plots', 'export'} <= set(dir(lm)); "
            "import pytest; pytest.raises(AttributeError, getattr, lm, 'nope')")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)
