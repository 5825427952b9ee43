"""Coverage picture and the missing-figures to-do list."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from langfang_metrics import coverage


def _obs(rows):
    cols = ["indicator_id", "region", "year", "value", "status", "source"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def obs():
    return _obs([
        ("high_tech_enterprises", "langfang", 2020, 905.0, "final", "bulletin 2020"),
        ("high_tech_enterprises", "langfang", 2022, 1200.0, "estimate", "work report"),
        ("high_tech_enterprises", "langfang", 2022, 1258.0, "final", "bulletin 2022"),
        ("high_tech_enterprises", "langfang", 2023, 1300.0, "lower-bound", "news"),
        ("high_tech_enterprises", "hebei", 2021, 9000.0, "final", "hebei"),
        ("rd_spending", "langfang", 2021, 54.03, "final", "bulletin 2021"),
    ])  # fmt: skip


def test_coverage_matrix_takes_best_status_and_counts(obs, indicators):
    cm = coverage.coverage_matrix(obs, indicators, years=range(2020, 2024))
    assert list(cm.columns) == coverage.COVERAGE_COLUMNS
    assert len(cm) == len(indicators) * 4
    cell = cm.set_index(["indicator_id", "year"])
    assert cell.loc[("high_tech_enterprises", 2022), "status"] == "final"
    assert cell.loc[("high_tech_enterprises", 2022), "value"] == 1258.0
    assert cell.loc[("high_tech_enterprises", 2022), "n_figures"] == 2
    assert cell.loc[("high_tech_enterprises", 2023), "status"] == "lower-bound"
    assert cell.loc[("high_tech_enterprises", 2021), "status"] == "none"  # Hebei's does not count
    # the plan's own baseline fills the baseline year when no observation does
    assert cell.loc[("high_tech_industry_share", 2020), "status"] == coverage.PLAN_BASELINE
    assert cell.loc[("high_tech_industry_share", 2020), "value"] == 35.6


def test_the_plans_baselines_and_a_running_totals_zero_are_told_apart():
    """The grid drew a running total's 0 of 2020 as a "plan baseline" (the plan states none)
    and the baselines the plan states as a statistical office's "final" figures, as they are
    held as figures citing the plan (the planner's review)."""
    from langfang_metrics import compute

    r = compute.load_results()
    cell = coverage.coverage_matrix(r.observations, r.indicators).set_index(
        ["indicator_id", "year"])["status"]  # fmt: skip
    kinds = r.indicators.set_index("indicator_id")
    zero = kinds.index[(kinds["kind"] == "cumulative") & (kinds["baseline_value"] == 0)]
    assert len(zero) and all(cell[(i, 2020)] == coverage.ZERO_BASELINE for i in zero)
    cited = r.observations[r.observations["source"].str.contains("专项服务工作方案", na=False)
                           & r.observations["region"].eq("langfang")]  # fmt: skip
    stated = [(i, int(y)) for i, y in zip(cited["indicator_id"], cited["year"], strict=True)
              if kinds.loc[i, "baseline_year"] == y]  # fmt: skip
    assert stated and all(cell[c] == coverage.PLAN_BASELINE for c in stated)
    # a figure of the same year from a statistical source stays its own
    assert cell[("high_tech_enterprises", 2022)] == "final"


def test_coverage_matrix_as_of_hides_later_figures(obs, indicators):
    cm = coverage.coverage_matrix(obs, indicators, years=range(2020, 2024), as_of=2021)
    cell = cm.set_index(["indicator_id", "year"])["status"]
    assert cell[("high_tech_enterprises", 2022)] == "none"
    assert cell[("rd_spending", 2021)] == "final"


def test_missing_figures_lists_cells_without_series_grade_figure(obs, indicators, targets):
    m = coverage.missing_figures(obs, indicators, targets, years=range(2020, 2024))
    assert list(m.columns) == coverage.MISSING_COLUMNS
    cells = set(zip(m["indicator_id"], m["year"], strict=True))
    assert ("high_tech_enterprises", 2021) in cells
    assert ("high_tech_enterprises", 2023) in cells  # a lower bound is not a series figure
    assert ("high_tech_enterprises", 2022) not in cells
    assert ("high_tech_industry_share", 2020) not in cells  # the plan states the baseline
    row = m[(m["indicator_id"] == "high_tech_enterprises") & (m["year"] == 2023)].iloc[0]
    assert (row["held_status"], row["held_value"], row["held_source"]) == (
        "lower-bound",
        1300.0,
        "news",
    )
    # department names are simplified and translated
    assert row["departments_zh"] == "市科技局、市财政局"
    assert "Finance Bureau" in row["departments_en"] and "Municipal" not in row["departments_en"]


def test_missing_figures_skips_cumulative_base_year_and_years_after_as_of(indicators, targets):
    ind = indicators.assign(kind=["cumulative", "growth_rate", "share"])
    m = coverage.missing_figures(_obs([]), ind, targets, years=range(2020, 2026), as_of=2022)
    assert m["year"].max() == 2022
    assert 2020 not in set(m.loc[m["indicator_id"] == "high_tech_enterprises", "year"])
    assert 2020 in set(m.loc[m["indicator_id"] == "rd_spending", "year"])


def test_missing_figures_do_not_ask_a_yearly_flow_for_years_before_its_first_target(
    indicators, targets
):
    ind = indicators.assign(kind=["flow", "growth_rate", "share"])
    first = int(targets.loc[targets["indicator_id"] == "high_tech_enterprises", "year"].min())
    m = coverage.missing_figures(_obs([]), ind, targets, years=range(2020, 2026))
    asked = set(m.loc[m["indicator_id"] == "high_tech_enterprises", "year"])
    assert min(asked) == first and asked == set(range(first, 2026))


def test_provisional_figures_are_only_asked_for_where_they_count(indicators, targets):
    """A preliminary 2023 figure is asked for again as a final one; not a base year the plan
    itself states, a cumulative count's zero base year or a flow's year before its target."""
    rows = _obs([
        ("high_tech_enterprises", "langfang", 2020, 900.0, "preliminary", "early count"),
        ("high_tech_enterprises", "langfang", 2023, 1310.0, "preliminary", "news"),
        ("high_tech_enterprises", "langfang", 2024, 1400.0, "estimate", "report"),
        ("high_tech_enterprises", "langfang", 2024, 1420.0, "final", "bulletin"),
        ("high_tech_industry_share", "langfang", 2022, 37.0, "estimate", "report"),
    ])  # fmt: skip
    p = coverage.provisional_figures(rows, indicators, targets, years=range(2020, 2026))
    assert list(p.columns) == coverage.MISSING_COLUMNS
    got = set(zip(p["indicator_id"], p["year"], p["held_status"], strict=True))
    assert got == {("high_tech_enterprises", 2023, "preliminary"),
                   ("high_tech_industry_share", 2022, "estimate")}  # fmt: skip
    # a cumulative count's base year and a flow's years before its first target are not owed
    early = _obs([("high_tech_enterprises", "langfang", 2020, 5.0, "estimate", "x")])
    no_base = indicators.assign(baseline_year=float("nan"), baseline_value=float("nan"))
    assert len(coverage.provisional_figures(early, no_base, targets)) == 1  # a stock: asked
    for kind in ("cumulative", "flow"):
        ind = no_base.assign(kind=[kind, "growth_rate", "share"])
        assert coverage.provisional_figures(early, ind, targets).empty, kind


def test_by_department_explodes_and_groups_years(obs, indicators, targets):
    m = coverage.missing_figures(obs, indicators, targets, years=range(2020, 2024))
    d = coverage.by_department(m)
    fin = d[(d["department_zh"] == "市财政局")].set_index("indicator_id")
    assert fin.loc["high_tech_enterprises", "years"] == (2021, 2023)
    assert set(d.loc[d["indicator_id"] == "high_tech_enterprises", "department_zh"]) == {
        "市科技局",
        "市财政局",
    }
    assert coverage.by_department(m.iloc[0:0]).empty
    # departments in the order the rows first name them (the registry's, the plan's), not
    # by character code; a rank given (a page's) wins, a department it lacks goes last
    first = list(dict.fromkeys(d["department_zh"]))
    mentioned = list(dict.fromkeys(x for ds in m["departments_zh"] for x in ds.split("、")))
    assert first == mentioned and first[0] == "市科技局"
    mine = coverage.by_department(m, {"市财政局": 0, "市科技局": 1})
    order = list(dict.fromkeys(mine["department_zh"]))
    assert order[:2] == ["市财政局", "市科技局"] and order[2:] == sorted(order[2:])


def test_coverage_reads_text_years_and_refuses_what_it_cannot_draw():
    import numpy as np
    import pandas as pd

    from langfang_metrics import compute, plots
    from langfang_metrics.figures import coverage_of

    r = compute.load_results()
    as_text = r.observations.assign(year=r.observations["year"].astype(str))
    pd.testing.assert_frame_equal(coverage.coverage_matrix(as_text, r.indicators),
                                  coverage.coverage_matrix(r.observations, r.indicators))  # fmt: skip
    with pytest.raises(ValueError, match="years must be a whole year"):
        coverage.coverage_matrix(r.observations, r.indicators, years=[2020.5])
    cov = coverage_of(r)
    for bad, message in ((cov.assign(status="weird"), "unknown status"),
                         (pd.concat([cov, cov]), "two cells for"),
                         (cov.assign(year=np.nan), "whole years")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            plots.coverage_chart(bad, r.indicators)


def test_a_growth_targets_base_year_decides_it_only_when_its_path_starts_later():
    """R&D spending's 2020 is named as deciding the target while its path starts in 2021;
    once a reported 2021 growth derives the 2020 level, the plan's years are graded and the
    2020 figure decides nothing (the diff review: it was still set in bold)."""
    from langfang_metrics import registry
    from langfang_metrics.coverage import deciding_cells

    ind, targets = registry.load_indicators(), registry.load_targets()
    _, bases = deciding_cells(targets, ind)
    assert ("rd_spending", 2020) in bases
    late = pd.DataFrame({"indicator_id": ["rd_spending"], "baseline_year": [2021]})
    assert ("rd_spending", 2020) in deciding_cells(targets, ind, late)[1]
    derived = late.assign(baseline_year=2020)
    assert ("rd_spending", 2020) not in deciding_cells(targets, ind, derived)[1]
    # no figure at all (no baseline year), or no row: the base still decides it (the diff
    # review: it was dropped)
    assert ("rd_spending", 2020) in deciding_cells(targets, ind, late.assign(baseline_year=np.nan))[
        1
    ]
    assert ("rd_spending", 2020) in deciding_cells(targets, ind, late.iloc[:0])[1]


def test_of_a_figure_revised_twice_the_latest_is_held(indicators):
    """Two revisions of 2023, 1,295 (2025-11) listed before 1,291 (2025-03): the grid and
    the data request's pre-fill (held_value) took the first row, the earlier revision."""
    rows = _obs([("high_tech_enterprises", "langfang", 2023, v, "revised", "")
                 for v in (1291.0, 1295.0, 1288.0)]).assign(
        published=["2025-03", "2025-11", "2024-02"], status=["revised", "revised", "final"])  # fmt: skip
    for frame in (rows, rows.iloc[::-1]):
        cell = coverage.coverage_matrix(frame, indicators, years=[2023]).set_index("indicator_id")
        assert cell.loc["high_tech_enterprises", "value"] == 1295.0


RETURN = "/tmp/returns/市科技局_2023-2025.csv"


def test_a_departments_chinese_source_says_in_english_whose_return_it_is():
    """The final evaluation's English brief listed "TEST INVENTED 市科技局复核", a source the
    Science and Technology Bureau typed into its return, with no English word around it."""
    typed = "TEST INVENTED 市科技局复核"
    said = coverage.returned_words(typed, RETURN, "en")
    assert said == "Science and Technology Bureau's return: TEST INVENTED 市科技局复核"
    assert coverage.returned_words(typed, RETURN, "zh") == typed  # Chinese as typed
    note = coverage.returned_words("市科技局内部统计，待复核", RETURN, "en", kind="note")
    assert note == "Science and Technology Bureau's note: 市科技局内部统计，待复核"
    # a department's name alone is put in English
    assert coverage.returned_words("市科技局", RETURN, "en") == "Science and Technology Bureau"
    # English words, a gloss, the shipped table and figures of no known file stay as they are
    assert coverage.returned_words("TEST INVENTED", RETURN, "en") == "TEST INVENTED"
    glossed = "廊坊市新闻发布会 (Langfang press conference), 2023-02-10"
    assert coverage.returned_words(glossed, RETURN, "en") == glossed
    bare = "河北新闻网 report of Hebei S&T work, 2018-02-06, mirror"
    assert coverage.returned_words(bare, "data/raw/observations.csv", "en") == bare
    assert coverage.returned_words(typed, None, "en") == typed
    # a file that names no department: the words are said to be Chinese, not whose
    assert (coverage.returned_words("廊坊市统计局统计年鉴", "/tmp/returns/a.csv", "en")
            == "source given in Chinese: 廊坊市统计局统计年鉴")  # fmt: skip


def test_a_return_is_known_by_its_departments_name():
    assert coverage.sender_of(RETURN) == "市科技局"
    assert coverage.sender_of("市统计局_2023-2025.csv") == "市统计局"
    assert coverage.sender_of("data/raw/observations.csv") is None
    assert coverage.sender_of("/tmp/returns/a.csv") is None
    assert coverage.sender_of("") is None


def test_a_returns_file_name_says_in_english_whose_return_it_is():
    """Where a figure came from: the file's name stays (it is the one to open), and in
    English says whose return it is."""
    said = coverage.return_named("市科技局_2023-2025.csv", RETURN, "en")
    assert said == "市科技局_2023-2025.csv (Science and Technology Bureau's return)"
    assert coverage.return_named("市科技局_2023-2025.csv", RETURN, "zh") == "市科技局_2023-2025.csv"
    assert coverage.return_named("a.csv", "/tmp/returns/a.csv", "en") == "a.csv"


def test_the_2022_plan_execution_report_is_cited_by_a_title_that_says_what_it_is():
    """The shipped table glosses 廊坊市2022年国民经济和社会发展计划执行情况 as "2022
    plan-execution report", which says neither whose plan nor which (the review). The gloss
    is the project's own, but data/raw is edited only for a sourced figure or a registry row:
    the sources are shown with a title that says it."""
    source = "廊坊市2022年国民经济和社会发展计划执行情况 (2022 plan-execution report)"
    title = ("Langfang’s report on the implementation of its 2022 National Economic and "
             "Social Development Plan")  # fmt: skip
    assert coverage.english_gloss(source) == title
    assert coverage.source_words(source) == f"廊坊市2022年国民经济和社会发展计划执行情况 ({title})"
    assert coverage.source_words(source + ", mirror") == coverage.source_words(source) + ", mirror"
    # the shipped table's sources carry that gloss: the words put right are the ones it gives
    from langfang_metrics.observations import load_observations

    assert source in set(load_observations()["source"])
    # other glosses, a department's Chinese words without one, and no text stay as they are
    press = "廊坊市新闻发布会 (Langfang press conference on S&T achievements), 2023-02-10, reprint"
    assert coverage.source_words(press) == press
    assert coverage.english_gloss(press) == "Langfang press conference on S&T achievements"
    bare = "廊坊市2022年国民经济和社会发展计划执行情况"
    assert coverage.source_words(bare) == bare and coverage.english_gloss(bare) == ""
    assert coverage.source_words(None) is None
