"""The landing page: every target with its status word, nothing a reader should not see."""

from __future__ import annotations

import dataclasses
import re
from html import escape as html_escape

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import MISSING_WORDS, spans_not_in, visible_text

from langfang_metrics import compute, landing, plots, registry, views
from langfang_metrics.labels import label, likelihood_label, likelihood_legend, status_label
from langfang_metrics.observations import load_observations


@pytest.fixture(scope="module")
def shipped():
    return compute.load_results()


@pytest.fixture(scope="module")
def fuller(fuller_observations_file):
    return compute.compute_all(registry.load_indicators(), registry.load_targets(),
                               load_observations(fuller_observations_file),
                               registry.load_fiscal_parameters())  # fmt: skip


def _reports(tmp_path, langs=("zh", "en")):
    """A reports folder as a run leaves it: figures, notebook pages, documents."""
    reports = tmp_path / "reports"
    (reports / "figures").mkdir(parents=True)
    (reports / "notebooks").mkdir()
    for lang in langs:
        for stem in ("coverage", "status_overview", "trajectory_high_tech_enterprises"):
            for ext in ("png", "svg", "pdf"):
                (reports / "figures" / f"{stem}_{lang}.{ext}").write_bytes(b"x")
    (reports / "notebooks" / "01-baseline-and-targets.html").write_text("x")
    for name in ("langfang_metrics.xlsx", "监测简报_2022.docx", "monitoring-brief_2022.docx"):
        (reports / name).write_bytes(b"x")
    processed = tmp_path / "processed"
    processed.mkdir()
    (processed / "gap_assessment.csv").write_text("x")
    return reports, processed


def _rows_of_targets(page: str) -> list[str]:
    return re.findall(r'<tr class="[^"]*" id="t-[^"]+">.*?</tr>', page)


@pytest.mark.parametrize("data", ["shipped", "fuller"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_target_with_its_status_word_and_nothing_missing_shown(request, data, lang, tmp_path):
    results = request.getfixturevalue(data)
    reports, processed = _reports(tmp_path)
    landing.write_landing(results, reports, processed=processed)
    page = (reports / landing.PAGE_NAMES[lang]).read_text(encoding="utf-8")
    text = visible_text(page)
    assert not MISSING_WORDS.search(text), MISSING_WORDS.search(text)
    overview = views.target_overview(results.gaps, results.indicators, lang=lang)
    targets = results.targets[results.targets["year"].isin([2023, 2025])]
    rows = _rows_of_targets(page)
    assert len(rows) == len(overview) == len(targets)  # every 2023 and 2025 milestone
    assert overview["indicator_id"].nunique() == 22  # the plan's 22 targets
    for row, (_, o) in zip(rows, overview.iterrows(), strict=True):
        assert o["name"] in visible_text(row)
        assert status_label(o["status"], lang) in visible_text(row)  # the word, not only colour
        if pd.notna(o["p_meet"]):  # the probability with its graded words
            shown = views.fmt_probability(o["p_meet"], lang)  # "<1%" for 0.004, not "0%"
            words = views.outcome_words(o, lang)
            assert words in row
            if not views.settled(o):  # a forecast's grade; a known outcome says so instead
                assert shown in visible_text(row)
                assert likelihood_label(o["p_meet"], lang) in row
            else:  # of a chance: "100%" on a preliminary figure read as certainty
                assert shown not in visible_text(row).split(status_label(o["status"], lang))[1]
    assert likelihood_legend(lang) in text  # how to read the grades
    # a span of years written one way in each language: "2021—2025年" (GB/T 15834's 一字线),
    # "2021-2025"; a quoted title keeps its own "（2021-2025年）" (there were three marks)
    assert not spans_not_in(text, lang), spans_not_in(text, lang)
    # what the specialist indicators count, after the tables (the English reader's review)
    for name, said in views.definitions(results.indicators, results.targets, lang):
        assert (
            f"<dt>{html_escape(name, quote=True)}</dt><dd>{html_escape(said, quote=True)}</dd>"
            in page
        )
    assert 'id="definitions"' in page
    # headers are words, never code names
    heads = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert heads and not [h for h in heads if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h)]
    if lang == "zh":  # departments in simplified Chinese, as in the rest of the report
        assert "市人力资源社会保障局" in text and "市人力資源社會保障局" not in text
        # Chinese text takes the full-width colon: "按责任部门查看：", not "按责任部门查看:"
        assert not re.search(r"[\u4e00-\u9fff]: ?", text), re.search(
            r".{12}[\u4e00-\u9fff]: ?.{8}", text
        )
    # links: the other language, the chart, every document the run wrote, the tables
    other = landing.PAGE_NAMES["en" if lang == "zh" else "zh"]
    for href in (other, "figures/trajectory_high_tech_enterprises_" + lang + ".png",
                 "langfang_metrics.xlsx", "监测简报_2022.docx", "monitoring-brief_2022.docx",
                 "../data/processed/gap_assessment.csv", "notebooks/01-baseline-and-targets.html",
                 f"figures/coverage_{lang}.png"):  # fmt: skip
        assert f'href="{href}"' in page, href
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_status_counts_and_data_year(fuller, shipped, tmp_path):
    overview = views.target_overview(fuller.gaps, fuller.indicators)
    counts = landing.status_counts(overview)
    assert list(counts.columns) == [2023, 2025]
    assert counts.sum().tolist() == [int((overview["milestone_year"] == y).sum())
                                     for y in (2023, 2025)]  # fmt: skip
    assert (counts > 0).sum().sum() >= 4  # the fuller data set spreads over statuses
    latest, per_year = landing.data_years(overview)
    assert latest == 2023 and list(per_year) == [2023]
    # shipped data: the year of the latest Langfang figure behind a target, not the run's
    latest, per_year = landing.data_years(views.target_overview(shipped.gaps, shipped.indicators))
    home = shipped.observations[(shipped.observations["region"] == "langfang")
                                & shipped.observations["indicator_id"].isin(
                                    shipped.targets["indicator_id"])]  # fmt: skip
    assert latest == int(home[home["status"].isin(["final", "revised", "preliminary",
                                                   "estimate"])]["year"].max())  # fmt: skip
    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    text = visible_text((reports / "index.html").read_text(encoding="utf-8"))
    assert label("landing.data_to", "zh", year=latest) in text
    assert label("plan.basis", "zh") in text  # the targets are a draft for comment's
    if len(per_year) > 1:
        assert label("landing.data_to_differs", "zh") in text


def test_department_filter_needs_no_script(shipped, tmp_path):
    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    page = (reports / "index.html").read_text(encoding="utf-8")
    keys = re.findall(r'<a href="#(dept-\d+)">', page)
    assert len(keys) >= 5
    for key in keys:
        # the target says which department is shown, and how to see all again
        shown = re.search(rf'<p class="showing" id="{key}" tabindex="-1">(.*?)</p>', page)
        assert shown and "当前只显示" in shown.group(1) and 'href="#targets"' in shown.group(1)
        assert f"#{key}:target~.scroll table.targets tbody tr:not(.{key})," in page
        # each department's link keeps at least one target row
        assert re.search(rf'<tr class="[^"]*\b{key}\b[^"]*" id="t-', page)


def test_same_bytes_twice_and_missing_by_department(shipped, tmp_path):
    reports, processed = _reports(tmp_path)
    first = [p.read_bytes() for p in landing.write_landing(shipped, reports, processed=processed)]
    again = [p.read_bytes() for p in landing.write_landing(shipped, reports, processed=processed)]
    assert first == again
    page = first[0].decode("utf-8")
    owed = pd.DataFrame(shipped.missing)
    assert len(owed) > 0
    section = page.split(label("landing.missing", "zh"), 1)[1].split("<h2>", 1)[0]
    for name in owed["name_zh"].unique():
        assert name in section
    # the command that writes the data requests is set as code, not shown with backticks
    for text in (p.decode("utf-8") for p in first):
        assert "<code>langfang-metrics request " in text and "`" not in text


def test_page_says_what_the_probabilities_are_anchored_to(shipped, tmp_path):
    """Default reference class on the shipped data; named indicators once peers anchor them."""
    import dataclasses
    import math

    from langfang_metrics.forecast import DEFAULT_ANCHOR

    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    text = visible_text((reports / "index.html").read_text(encoding="utf-8"))
    g = f"{100 * math.expm1(DEFAULT_ANCHOR.growth):.1f}%"
    assert label("landing.reference_default", "zh", g=g) in text
    short = shipped.anchors["method"].isin(["growth", "growth_additive"])
    assert short.any() and (shipped.anchors.loc[short, "basis"] == "default").all()
    # one indicator anchored to its peers: the sentence names it instead
    iid = shipped.anchors.loc[short, "indicator_id"].iloc[0]
    anchors = shipped.anchors.assign(
        basis=shipped.anchors["basis"].where(shipped.anchors["indicator_id"] != iid, "comparable")
    )
    landing.write_landing(dataclasses.replace(shipped, anchors=anchors), reports,
                          processed=processed)  # fmt: skip
    text = visible_text((reports / "index_en.html").read_text(encoding="utf-8"))
    name = shipped.indicators.set_index("indicator_id").loc[iid, "name_en"]
    n = int(anchors.loc[anchors["indicator_id"] == iid, "series_growth"].iloc[0])
    item = label("reference.item", "en", name=name, n=n)
    assert label("landing.reference_some", "en", names=item) in text
    assert label("landing.reference_default", "en", g=g) not in text
    # every short series anchored to peers: no "the others" left
    every = shipped.anchors.assign(basis="comparable")
    note = views.reference_note(every, shipped.indicators, lang="zh")
    assert note.startswith(label("landing.reference_all", "zh", names="")[:10])
    assert "默认" not in note


def test_an_indicators_data_year_is_its_latest_over_both_milestones():
    # the 2023 row of an indicator stops at 2023; its 2025 row holds the 2024 figure
    overview = pd.DataFrame({
        "indicator_id": ["hte", "hte", "smes"], "name": ["高企", "高企", "科小"],
        "milestone_year": [2023, 2025, 2025], "latest_year": [2023, 2024, np.nan],
    })  # fmt: skip
    latest, per_year = landing.data_years(overview)
    assert latest == 2024 and per_year == {2024: ["高企"]}
    # a figure after the last milestone (2026) counts too, as the brief counts it
    obs = pd.DataFrame({"indicator_id": ["hte", "hte", "gdp"], "region": "langfang",
                        "year": [2026, 2027, 2028], "status": ["final", "lower-bound", "final"],
                        "value": [1600.0, 1700.0, 4000.0]})  # fmt: skip
    latest, per_year = landing.data_years(overview, obs)
    assert latest == 2026 and per_year == {2026: ["高企"]}  # a bound and a context figure do not
    # a latest figure that is the baseline says so (its table cell "latest" is "—")
    base = overview.assign(baseline_year=[2020, 2020, 2020],
                           latest_year=[2023, 2024, np.nan])  # fmt: skip
    obs = pd.DataFrame({"indicator_id": ["smes"], "region": "langfang", "year": [2020],
                        "status": ["final"], "value": [8796.0]})  # fmt: skip
    _, per_year = landing.data_years(base, obs, lang="en")
    assert per_year[2020] == ["科小 (baseline only)"] and per_year[2024] == ["高企"]
    # a target without a baseline year (a yearly flow) has figures, not a baseline: five
    # years of projects read "(baseline only)"
    flow = pd.DataFrame({"indicator_id": ["kct"], "name": ["攻关"], "milestone_year": [2025],
                         "latest_year": pd.array([2025], dtype="Int64"),
                         "baseline_year": pd.array([pd.NA], dtype="Int64")})  # fmt: skip
    assert landing.data_years(flow, lang="en") == (2025, {2025: ["攻关"]})


def test_a_latest_cell_breaks_only_between_the_figure_and_its_bracket():
    zh = landing._unbroken_parts("3件/万人（2022年，预计数）")
    assert zh == '<span class="nb">3件/万人</span><wbr><span class="nb">（2022年，预计数）</span>'
    en = landing._unbroken_parts("1,258 firms (2022)")
    assert en == '<span class="nb">1,258 firms</span> <span class="nb">(2022)</span>'
    assert landing._unbroken_parts("—") == '<span class="nb">—</span>'
    # a long bracket breaks after its commas: it pushed the table past the page
    zh3 = landing._unbroken_parts("13.2家（2023年，初步数，待核实）")
    assert zh3.count('<span class="nb">') == 4 and "（2023年，</span><wbr>" in zh3
    # before the target's arrow, the figure and its bracket may part too ("54.03亿元（2021年，
    # 起算值）" whole made the table scroll sideways)
    assert landing._arrow_parts("54.03亿元（2021年，起算值） → 年均增长10%", "zh") == (
        '<span class="nb">54.03亿元</span><wbr><span class="nb">（2021年，起算值）</span> '
        '<span class="nb">→ 年均增长10%</span>'
    )
    long = landing._unbroken_parts("0.38% (2023, preliminary, to verify)")
    assert long == ('<span class="nb">0.38%</span> <span class="nb">(2023, </span><wbr>'
                    '<span class="nb">preliminary, </span><wbr><span class="nb">to verify)</span>')  # fmt: skip


def test_a_small_chance_is_below_one_percent_not_zero():
    """0.004 printed "0%" beside "very unlikely", as if it were impossible."""
    row = pd.Series({"p_meet": 0.004, "status": "insufficient_progress", "latest_year": 2023,
                     "milestone_year": 2025})  # fmt: skip
    assert landing._prob_cell(row, "en").startswith("&lt;1%<br>")
    settled = row.copy()
    settled.update({"p_meet": 0.0, "status": "missed", "latest_year": 2025})
    # a known outcome is no chance: it says so, without a percent
    assert landing._prob_cell(settled, "en") == '—<br><span class="grade">actual outcome</span>'


def test_figures_are_described_in_words_and_the_table_scrolls_on_a_phone(shipped, tmp_path):
    """Alt text and captions were file stems ("status_overview"); the coverage picture was
    shown twice; the wide table pushed a 390 px page to 1,255 px."""
    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    for lang, page_name in landing.PAGE_NAMES.items():
        page = (reports / page_name).read_text(encoding="utf-8")
        alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
        assert alts and not [a for a in alts if re.fullmatch(r"[a-z0-9_]+", a)], alts
        assert label("title.status_overview", lang) in alts
        assert page.count(f'src="figures/coverage_{lang}.png"') == 1
        for ext in ("svg", "pdf"):  # the coverage picture offers its print files as the rest do
            assert f'href="figures/coverage_{lang}.{ext}"' in page
        # at the page's width: a gallery figure takes half of it (its cells became too small)
        assert f'<figure class="wide"><a href="figures/coverage_{lang}.png">' in page
        assert "figure.wide{display:block;width:auto}" in page
        assert '<div class="scroll"><table class="targets">' in page
        assert f'<p class="hint">{label("landing.scroll_hint", lang)}</p>' in page
        # a caption's download line is words and the file types, not the file's stem
        # ("trajectory_high_tech_enterprises_zh" under every figure: the planner's review);
        # the links still fetch each file, named on hover
        stems = re.findall(rf'<img [^>]*src="figures/([a-z0-9_]+_{lang})\.png"', page)
        shown = visible_text(page)
        assert stems and not [s for s in stems if s in shown]
        assert shown.count(label("landing.figure_files", lang).strip()) == len(stems)
        for stem in stems:
            assert f'<a href="figures/{stem}.svg" title="{stem}.svg">SVG' in page
    name = shipped.indicators.set_index("indicator_id").loc["high_tech_enterprises", "name_en"]
    assert (
        landing.figure_title("trajectory_high_tech_enterprises", shipped.indicators, "en") == name
    )
    assert landing.figure_title("something_new", shipped.indicators, "en") == "something_new"


def test_every_download_says_what_it_is(shipped, tmp_path):
    """The downloads read "accuracy.csv, backtests.csv, ..." to a planner: each workbook,
    brief and processed table is now named in words before its file name."""
    from langfang_metrics import pipeline

    for name in pipeline.PROCESSED_TABLES:
        for lang in ("zh", "en"):
            assert landing.download_title(f"../data/processed/{name}.csv", lang), name
    reports, processed = _reports(tmp_path)
    for name in ("checks", "vintages"):
        (processed / f"{name}.csv").write_text("x")
    landing.write_landing(shipped, reports, processed=processed)
    zh = (reports / "index.html").read_text(encoding="utf-8")
    en = (reports / "index_en.html").read_text(encoding="utf-8")
    assert ">Excel 工作簿（中文）（langfang_metrics.xlsx）</a>" in zh
    assert ">Word 监测简报（英文，数据截至2022年）（monitoring-brief_2022.docx）</a>" in zh
    assert ">待核实的数字（checks.csv）</a>" in zh
    assert ">Figures to verify (checks.csv)</a>" in en
    assert ">Excel workbook (Chinese) (langfang_metrics.xlsx)</a>" in en
    # the page's own language first, workbooks before briefs (by name the English brief
    # came first on the Chinese page); a table of headers only says so
    for page, first in ((zh, "监测简报_2022.docx"), (en, "monitoring-brief_2022.docx")):
        links = re.findall(r'<li><a href="([^"]+)">', page.split('id="downloads"')[-1])
        docs = [p for p in links if p.endswith((".xlsx", ".docx"))]
        briefs = [p for p in docs if p.endswith(".docx")]
        assert docs[0].endswith(".xlsx") and briefs[0] == first, docs
    assert ">待核实的数字（checks.csv）</a>（暂无数据）</li>" in zh  # "x", one line: no rows
    assert ">Figures to verify (checks.csv)</a> (no rows yet)</li>" in en
    assert "供数据分析人员使用的表格（CSV，列名与代码为英文）" in zh
    # the inferred departments' marker is kept whole on the Chinese page
    assert '<br><span class="nb">（按相关措施推定）</span>' in zh  # of the whole list
    # and on a line of its own in English: beside the last department it read as its only
    assert "<br>(inferred from a related measure)" in en
    assert "Bureau (inferred from a related measure)" not in en
    # a file it does not know keeps its name alone, also one named like a label ("brief")
    assert landing.download_title("../data/processed/new_table.csv", "zh") == ""
    assert landing.download_title("../data/processed/brief.csv", "zh") == ""
    assert landing.download_title("../data/processed/summary.csv", "zh") == "各节点年份的状态计数"
    assert landing.download_title("监测简报_final.docx", "zh") == ""
    # a final evaluation's brief is offered as one, in both languages
    assert landing.download_title("终期评估简报_2025.docx", "zh") == (
        "Word 终期评估简报（中文，数据截至2025年）"
    )
    assert landing.download_title("final-evaluation-brief_2025.docx", "en") == (
        "Word final-evaluation brief (English, data to 2025)"
    )


def test_a_yearly_flows_other_years_are_under_its_milestone_rows(shipped):
    obs = shipped.observations
    flow = obs.iloc[[0, 0, 0]].assign(
        indicator_id="key_core_tech_per_year", region="langfang", year=[2021, 2022, 2024],
        value=[12.0, 9.0, 11.0], unit="项/年", status="final", note="",
    )  # fmt: skip
    results = dataclasses.replace(shipped, observations=pd.concat([obs, flow], ignore_index=True))
    rows = {lang: {r[r.index('id="t-') + 6: r.index('">')]: r
                   for r in _rows_of_targets(landing.landing_html(results, lang=lang))}
            for lang in ("zh", "en")}  # fmt: skip
    zh = rows["zh"]
    assert "其他年度：2021年12项（达标）、2022年9项（差1项）" in zh["key_core_tech_per_year-2023"]
    assert "其他年度：2024年11项（达标）" in zh["key_core_tech_per_year-2025"]
    # the target holds each year, said in a bracket that may go to a line of its own (whole,
    # it widened the column until the table scrolled sideways)
    assert ('<span class="nb">→ 10项/年</span><wbr><span class="nb">（2021—2025年每年）</span>'
            in zh["key_core_tech_per_year-2025"])  # fmt: skip
    assert "2021" not in zh["key_core_tech_per_year-2025"].split("其他年度")[1].split("<")[0]
    assert "Other years: 2021: 12" in rows["en"]["key_core_tech_per_year-2023"]
    # no other-years line for other targets, nor for a flow whose other years have no figure
    assert sum("其他年度" in r for r in zh.values()) == 2
    assert "其他年度" not in landing.landing_html(shipped, lang="zh")


def test_a_growth_rate_targets_growth_figures_are_under_its_latest_figure(shipped):
    """R&D spending: one level (2021) and "2022 growth 10 % or more" read "insufficient
    data" and nothing else. The growth figure is said under the latest figure, against the
    10 % a year asked for, and on no other row; a figure after the page's year is not."""
    rows = {lang: {r[r.index('id="t-') + 6: r.index('">')]: r
                   for r in _rows_of_targets(landing.landing_html(shipped, lang=lang))}
            for lang in ("zh", "en")}  # fmt: skip
    assert (
        "已报告的单年增速：2022年≥10%（预计数，不低于要求的年均10%）"
        in rows["zh"]["rd_spending-2025"]
    )
    assert ("Single-year growth reported: at least 10% in 2022 (estimate, not below the plan&#x27;s 10% a year)"
            in rows["en"]["rd_spending-2025"])  # fmt: skip
    assert sum("已报告的单年增速" in r for r in rows["zh"].values()) == 1
    obs = shipped.observations
    later = obs[obs["indicator_id"] == "rd_spending_growth"].assign(
        year=2024, value=8.0, status="final")  # fmt: skip
    results = dataclasses.replace(shipped, observations=pd.concat([obs, later]))
    assert "2024年8%（低于要求的年均10%）" in landing.landing_html(results, lang="zh")
    page = landing.landing_html(dataclasses.replace(results, as_of=2022), lang="zh")
    assert "2022年≥10%" in page and "2024年8%" not in page


def test_the_page_prints_whole_on_a4_and_reads_to_a_screen_reader(shipped):
    """Printed, the scrolling table lost its status, probability and projection columns;
    a screen reader heard six links all called "chart" and department-less missing rows."""
    page = landing.landing_html(shipped, lang="en", figures=[
        "figures/trajectory_high_tech_enterprises_en.png"])  # fmt: skip
    css = page[page.index("<style>") : page.index("</style>")]
    assert "@page{size:A4 landscape" in css
    printed = css[css.index("@media print") :]
    assert ".scroll{overflow:visible}" in printed and "break-inside:avoid" in printed
    assert "break-after:avoid" in printed  # no heading alone at the foot of a page
    # the table of every target starts a page: its heading and lead sat alone at the foot
    # of the first (the print review), which holds the counts and the key points
    assert "h2#targets{break-before:page}" in printed and '<h2 id="targets">' in page
    # every header cell says what it heads; each target's name heads its row
    assert not re.search(r"<th(?=[ >])(?![^>]*scope=)[^>]*>", page)
    overview = views.target_overview(shipped.gaps, shipped.indicators, lang="en")
    assert page.count('<th scope="row" class="name">') == len(overview)
    link = re.search(r'<a href="figures/trajectory_high_tech_enterprises_en.png">(.*?)</a>', page)
    assert "High-tech enterprises" in link.group(1)
    assert "rowspan" not in page
    missing = page[page.index('<table class="missing">') :]
    missing = missing[: missing.index("</table>")]
    assert all('<td class="dept' in r for r in re.findall(r"<tr>.*?</tr>", missing)[1:])


def test_the_briefs_own_figures_stay_out_of_the_gallery(shipped):
    page = landing.landing_html(shipped, lang="zh", figures=[
        "figures/brief_gap_dashboard_2025_zh.png", "figures/gap_dashboard_2025_zh.png"])  # fmt: skip
    assert 'src="figures/gap_dashboard_2025_zh.png"' in page
    assert "brief_gap_dashboard" not in page


def test_an_as_of_page_says_its_figures_are_as_known_now():
    """--as-of cuts by the year a figure is for: a later revision is in. The page said
    "Assessment as of 2022" as if it replayed the report of that time."""
    page = landing.landing_html(compute.load_results(as_of=2022), lang="en")
    assert (
        "Assessment as of 2022 (figures for 2022 and earlier only, as known now, later "
        "revisions included)" in page
    )


def test_a_probability_the_reference_class_carries_is_marked(shipped, tmp_path):
    """The shipped forecasts run far slower than their series' pace (high-tech +7 %/yr
    against +17.9 %): the brief said so, the page showed 60 % 'about even' with no mark.
    Each such cell now carries a dagger with its reason, explained under the table."""
    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    for lang, page in (("zh", "index.html"), ("en", "index_en.html")):
        html = (reports / page).read_text(encoding="utf-8")
        marked = {re.search(r'id="t-([^"]+)"', r).group(1): r
                  for r in _rows_of_targets(html) if 'class="caveat"' in r}  # fmt: skip
        assert set(marked) == {"high_tech_enterprises-2023", "high_tech_enterprises-2025",
                               "high_value_patents_per_10k-2025"}  # fmt: skip
        assert all(landing._e(label("landing.caveat.lagging", lang)) in r for r in marked.values())
        assert 'id="caveat-note"' in html and label("landing.caveat_note", lang) in visible_text(
            html
        )
    # the note says which reason holds for which target, with its numbers (it listed three
    # and left the reader to guess: the planner's review)
    note = re.search(r'<p class="muted" id="caveat-note">(.*?)</p>', (reports / "index.html")
                     .read_text(encoding="utf-8"))[1]  # fmt: skip
    assert "<br>高新技术企业数量（2023年）：预测此后年均增长7.0%，远慢于迄今的年均增长17.9%" in note
    assert (
        "<br>每万人口高价值发明专利拥有量（2025年）：预测此后年均增长7.7%，远慢于迄今的年均增长34.8%"
        in note
    )
    # a series that never rose, forecast to rise: its own reason
    gaps = shipped.gaps.copy()
    row = gaps.index[(gaps["indicator_id"] == "high_value_patents_per_10k")
                     & (gaps["milestone_year"] == 2025)][0]  # fmt: skip
    gaps.loc[row, "best_growth"] = -0.1
    landing.write_landing(dataclasses.replace(shipped, gaps=gaps), reports, processed=processed)
    html = (reports / "index_en.html").read_text(encoding="utf-8")
    (patents,) = [r for r in _rows_of_targets(html) if "high_value_patents_per_10k-2025" in r]
    assert landing._e(label("landing.caveat.never_rose", "en")) in patents
    # a forecast in line with the series: no mark and no note
    calm = shipped.gaps.assign(forecast_method="combo")
    landing.write_landing(dataclasses.replace(shipped, gaps=calm), reports, processed=processed)
    assert 'id="caveat-note"' not in (reports / "index.html").read_text(encoding="utf-8")


#: A returned file with three slips: a count typed in the wrong unit, a 0 typed for "no
#: figure", a running total that falls; each under a hundred times off the plan's own
#: figure, so the loader takes it and a check names it (a share typed as a fraction, 0.38
#: for 38 %, is refused at load: ``observations.SCALE_REFUSED``).
SLIPS_CSV = (
    "indicator_id,region,year,value,unit,status,source\n"
    "high_tech_industry_share,langfang,2023,0,%,final,test return\n"
    "high_tech_enterprises,langfang,2023,13.2,家,preliminary,test return\n"
    "specialised_smes_new,langfang,2021,60,家,final,test return\n"
    "specialised_smes_new,langfang,2022,50,家,final,test return\n"
)


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    path = tmp_path_factory.mktemp("slips") / "returned.csv"
    path.write_text(SLIPS_CSV, encoding="utf-8")
    obs = load_observations([compute.config.OBSERVATIONS_FILE, path])
    return compute.compute_all(registry.load_indicators(), registry.load_targets(), obs,
                               registry.load_fiscal_parameters(),
                               regions=registry.load_regions())  # fmt: skip


def test_figures_that_look_wrong_are_listed_and_marked_where_they_are_used(slipped, shipped):
    """'validate' and 'run' printed a CHECK for 0.38 (a share) and 13.2 (firms), and then
    every page, table and brief used them without a mark."""
    checks = slipped.checks
    assert sorted(checks["check"]) == ["cumulative_fall", "scale", "zero"]
    hte = checks[checks["indicator_id"] == "high_tech_enterprises"].iloc[0]
    assert (hte["years"], hte["value"]) == ("2023", 13.2)
    assert hte["origin"].endswith("returned.csv row 3") and hte["message"].startswith(
        hte["origin"])  # fmt: skip
    zh = landing.landing_html(slipped, lang="zh")
    assert "有3个数字看起来可能有误" in zh and 'id="checks"' in zh
    # with the reference value and the fix, as validate says it (the generic words before)
    assert "其他数字为35.6，此数却为0" in zh and "returned.csv 第2行" in zh
    # a publication names the file, not the user's folder
    [returned] = [f for f in slipped.inputs if f.endswith("returned.csv")]
    assert returned != "returned.csv" and returned.rsplit("/", 1)[0] not in zh
    text = visible_text(zh).replace("\n", "")  # the cell breaks before its bracket
    assert "13.2家（2023年，初步数，待核实）" in text
    assert "50家（2022年，待核实）" in text
    en = visible_text(landing.landing_html(slipped, lang="en"))
    assert (
        "Figures that look wrong (a unit, a decimal point or a definition?): 3." in en
        and label("check.zero", "en") in en
    )
    assert "returned.csv row 2" in en
    # nothing looks wrong in the shipped figures: no warning, no section
    page = landing.landing_html(shipped, lang="zh")
    assert "看起来可能有误" not in page and 'id="checks"' not in page


def test_the_brief_and_the_requests_ask_for_the_figures_that_look_wrong(slipped, tmp_path):
    from langfang_metrics import brief, coverage, datarequest
    from langfang_metrics.observations import REQUEST_SHEET

    zh = "\n".join(p.text for p in brief.build_brief(slipped, lang="zh").paragraphs)
    assert "有3个数字看起来可能有误" in zh  # in the overview, before any number is read
    assert (
        "高新技术企业数量（廊坊市）2023年为13.2家，与方案2020年基数905相差10倍以上：位数或单位有误？"
        in zh
    )
    assert ".csv" not in zh.split("技术说明")[0]  # no input file named in the body
    en = "\n".join(p.text for p in brief.build_brief(slipped, lang="en").paragraphs)
    assert (
        "Figures that look wrong, still used in this brief unless given the status "
        "other-definition (3)" in en
    )
    table = brief.build_brief(slipped, lang="zh").tables[0]
    assert any("待核实" in c.text for row in table.rows for c in row.cells)
    # the next request asks the department to confirm or correct each, shaded red
    suspect = coverage.suspect_figures(slipped.observations, slipped.indicators,
                                       slipped.targets)  # fmt: skip
    assert sorted(zip(suspect["indicator_id"], suspect["year"], suspect["check"], strict=True)) == [
        ("high_tech_enterprises", 2023, "scale"),
        ("high_tech_industry_share", 2023, "zero"),
        ("specialised_smes_new", 2022, "cumulative_fall")]  # fmt: skip
    books = datarequest.build_requests(slipped.observations, slipped.indicators,
                                       slipped.targets)  # fmt: skip
    red = []
    # the share is the statistics bureau's statistic: asked of it, the high-tech count of
    # 市科技局, the new 专精特新 firms of 市工业和信息化局 that certifies them
    for name in ("数据征集表_市科技局.xlsx", "数据征集表_市统计局.xlsx",
                 "数据征集表_市工业和信息化局.xlsx"):  # fmt: skip
        ws = books[name][REQUEST_SHEET]
        header = [c.value for c in ws[1]]
        kind = header.index("已有数字类别 kind of figure held")
        value = header.index("数值 value")
        red += [row for row in ws.iter_rows(min_row=2) if "待核实" in str(row[kind].value)]
    assert len(red) == 3 and all(r[value].fill.fgColor.rgb.endswith("FCE4D6") for r in red)
    assert {r[value].value for r in red} == {13.2, 0, 50}
    # each says what was found, with its figures, and wraps (it read "正式数 final；待核实 t",
    # cut off at the column's edge: the end-to-end review)
    said = {r[value].value: r[kind] for r in red}
    assert "与方案2020年基数905相差10倍以上" in said[13.2].value
    assert all(c.alignment.wrap_text for c in said.values())
    wb = books["数据征集表_市科技局.xlsx"]
    ws = wb[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    cover = " ".join(str(c.value) for c in wb.worksheets[0]["A"] if c.value)
    assert "另有 1 项我方已有的数字看起来可能有误" in cover  # the 专精特新 one is 工信's
    # a later row does not take the suspect figure for its scale without a word
    prev = header.index("此前最近数字 latest figure before")
    later = [r[prev] for r in ws.iter_rows(min_row=2, values_only=True)
             if r[0] == "high_tech_enterprises" and r[3] in (2024, 2025)]  # fmt: skip
    assert later and all(v == "13.2家（2023年，待核实）" for v in later)
    # the preliminary 13.2 is asked once, as a figure to verify, not also as a green row
    hte = [r for r in ws.iter_rows(min_row=2, values_only=True)
           if r[0] == "high_tech_enterprises" and r[3] == 2023]  # fmt: skip
    assert len(hte) == 1


def test_a_baseline_that_looks_wrong_is_marked_where_the_pace_is_built_on_it(tmp_path):
    """A share without a plan baseline whose first return is ten times off (50 for 5 %:
    a fraction, 0.03 for 3 %, is refused at load now): the checks listed it, but the
    baseline cell and the brief's "from 50% in 2021" showed it unmarked, though every pace
    and progress share is built on it."""
    from langfang_metrics import brief

    r = _with_returns(tmp_path, [("digital_economy_share", 2021, 50.0, "final"),
                                 ("digital_economy_share", 2022, 3.5, "final"),
                                 ("digital_economy_share", 2023, 4.0, "final")])  # fmt: skip
    assert ("digital_economy_share", 2021) in r.checks[["indicator_id", "years"]].assign(
        years=r.checks["years"].astype(int)).itertuples(index=False, name=None)  # fmt: skip
    text = visible_text(landing.landing_html(r, lang="zh")).replace("\n", "")
    assert "50%（2021年，待核实）→ 5%" in text
    assert "4%（2023年）" in text and "4%（2023年，待核实）" not in text  # only the slip
    en = visible_text(landing.landing_html(r, lang="en")).replace("\n", "")
    assert "50% (2021, to verify) → 5%" in en
    zh = "\n".join(p.text for p in brief.build_brief(r, lang="zh").paragraphs)
    assert "从2021年的50%（待核实）到2023年的4%" in zh
    from langfang_metrics import export  # the workbook says so too (it had not)

    summary, _ = export._summary_sheet(r.gaps, r.indicators, "zh", r.checks)
    share = summary[summary["indicator_id"] == "digital_economy_share"]
    assert set(share["latest_status"]) == {"正式数，基期数待核实"}
    # a plan baseline stands whatever a return says of its year
    plan = r.gaps[r.gaps["baseline_source"] == "plan"].head(1)
    slip = pd.DataFrame({"indicator_id": plan["indicator_id"], "years": plan["baseline_year"]
                         .astype(int).astype(str), "region": "langfang",
                         "check": "scale"})  # fmt: skip
    from langfang_metrics.views import baseline_to_verify

    assert not baseline_to_verify(plan, slip).any()
    assert baseline_to_verify(plan.assign(baseline_source="observation"), slip).all()


def test_the_reading_of_forecast_probabilities_is_given_only_where_one_is_shown(shipped):
    """At the final evaluation every probability is an outcome (0 % or 100 %), and the note
    on reading a forecast's probability applied to no row."""
    import dataclasses

    from langfang_metrics import brief

    legend = landing._e(likelihood_legend("en"))
    assert legend in landing.landing_html(shipped, lang="en")
    # status against probability is said where an "on track" stands beside a forecast (the
    # shipped 2022 grades), not beside an early achievement alone (the planner's re-read)
    pace = landing._e(label("likelihood.legend_pace", "en").strip())
    assert pace in landing.landing_html(shipped, lang="en")
    early = shipped.gaps.assign(status=np.where(shipped.gaps["status"] == "on_track",
                                                "achieved", shipped.gaps["status"]))  # fmt: skip
    page = landing.landing_html(dataclasses.replace(shipped, gaps=early), lang="en")
    assert legend in page and pace not in page
    g = shipped.gaps
    met = g["p_meet"].fillna(0) >= 0.5
    settled = g.assign(status=np.where(met, "achieved", "missed"), p_meet=met.astype(float),
                       latest_year=g["milestone_year"], latest_value=g["target"])  # fmt: skip
    done = dataclasses.replace(shipped, gaps=settled)
    assert legend not in landing.landing_html(done, lang="en")
    text = "\n".join(p.text for p in brief.build_brief(done, lang="en").paragraphs)
    assert "so nothing is forecast" in text
    assert "forecast’s predictive distribution" not in text
    # a milestone whose year is past without its figure holds no forecast either: the final
    # evaluation's note stays (it had turned back into the forecast note)
    gone = settled.astype({"ex_post": object})
    gone.loc[gone.index[0], ["p_meet", "latest_year", "status", "ex_post"]] = [
        np.nan,
        gone["milestone_year"].iloc[0] - 1,
        "insufficient_data",
        "no_figure",
    ]
    text = "\n".join(p.text for p in brief.build_brief(dataclasses.replace(shipped, gaps=gone),
                                                        lang="en").paragraphs)  # fmt: skip
    assert "so nothing is forecast" in text and "figure is missing" in text
    # achieved early (before its year), a stock keeps a forecast of holding the level
    early = settled.assign(latest_year=g["milestone_year"] - 1, p_meet=0.82)
    held = dataclasses.replace(shipped, gaps=early)
    assert legend in landing.landing_html(held, lang="en")
    text = "\n".join(p.text for p in brief.build_brief(held, lang="en").paragraphs)
    assert "so nothing is forecast" not in text
    # nothing assessed at all is no final evaluation either
    none = g.assign(
        status="insufficient_data",
        p_meet=np.nan,
        latest_year=np.nan,
        latest_value=np.nan,
        latest_status="",
        ex_post="",
    )
    text = "\n".join(p.text for p in brief.build_brief(
        dataclasses.replace(shipped, gaps=none), lang="en").paragraphs)  # fmt: skip
    assert "forecast’s predictive distribution" in text


def test_the_chart_column_is_left_out_of_a_printed_page(shipped):
    """Printed, the chart column read "图表" in every row: a link is no use on paper."""
    html = landing.landing_html(shipped, lang="zh")
    rows = _rows_of_targets(html)
    assert rows and all(re.search(r'<td class="chart( empty)?">', r) for r in rows)
    assert '<th scope="col" class="chart">图表</th>' in html
    # no other table loses a column
    assert len(re.findall(r'class="chart( empty)?"', html)) == len(rows) + 1
    printed = html[html.index("@media print") :]
    assert re.search(r"[{}][^{}]*\.chart[,{][^}]*display:none", printed)


def test_a_latest_figure_after_a_change_of_definition_is_marked_to_verify(tmp_path):
    """Old-definition shares 37.1 and 38.4, then 46.0 and 47.5 of a new definition marked
    final (the old 2023 figure, 39.2, marked other-definition): the check was listed, but the
    2025 target read "achieved" on 47.5 against the 35.6 baseline without a mark on the row."""
    share = "high_tech_industry_share"
    r = _with_returns(tmp_path, [(share, 2021, 37.1, "final"), (share, 2022, 38.4, "final"),
                                 (share, 2023, 39.2, "other-definition"),
                                 (share, 2023, 46.0, "final"), (share, 2024, 47.5, "final")])  # fmt: skip
    assert "definition" in set(r.checks["check"])
    text = visible_text(landing.landing_html(r, lang="en")).replace("\n", "")
    assert "47.5%" in text and "(2024, to verify)" in text
    assert "35.6% (2020) → 40%" in text  # the baseline before the change is not marked
    # figures of another definition only after the series' own leave the series unmarked
    from langfang_metrics.views import latest_to_verify

    after = pd.DataFrame({"indicator_id": ["high_tech_industry_share"], "years": ["2025"],
                          "region": ["langfang"], "check": ["definition"]})  # fmt: skip
    rows = pd.DataFrame({"indicator_id": ["high_tech_industry_share"] * 2,
                         "latest_year": [2024, 2025]})  # fmt: skip
    assert latest_to_verify(rows, after).tolist() == [False, True]


def test_a_figure_to_verify_between_the_baseline_and_the_latest_is_named_on_the_row(tmp_path):
    """905, 10,500 (a digit too many), 1,258: the pace, best year and forecast were built on
    10,500 (80 % range 727-2,848 for 2023), but the row showed 1,258 (2022) unmarked; only
    the page's list of checks named the slip."""
    from langfang_metrics import brief, export

    r = _results_with(tmp_path, "high_tech_enterprises,langfang,2021,10500,家,final\n")
    text = visible_text(landing.landing_html(r, lang="zh")).replace("\n", "")
    assert "1,258家（2022年，2021年数待核实）" in text
    en = visible_text(landing.landing_html(r, lang="en")).replace("\n", "")
    assert re.search(r"1,258 firms\s*\(2022, 2021 figure to verify\)", en)
    zh = "\n".join(p.text for p in brief.build_brief(r, lang="zh").paragraphs)
    assert "到2022年的1,258家（2021年数待核实）" in zh
    summary, _ = export._summary_sheet(r.gaps, r.indicators, "en", r.checks)
    hte = summary[summary["indicator_id"] == "high_tech_enterprises"]
    assert set(hte["latest_status"]) == {"Final, 2021 figure to verify"}
    # other rows, and a figure before the baseline, are not marked
    from langfang_metrics.views import earlier_to_verify

    rows = pd.DataFrame({"indicator_id": ["a", "a", "b"], "baseline_year": [2021, 2020, 2020],
                         "latest_year": [2024, 2024, 2024]})  # fmt: skip
    checks = pd.DataFrame({"indicator_id": ["a", "a"], "years": ["2021", "2023"],
                           "region": "langfang", "check": ["scale", "spike"]})  # fmt: skip
    assert earlier_to_verify(rows, checks) == ["2023", "2021, 2023", ""]
    assert views.earlier_word("2021, 2023", "zh") == "2021、2023年数待核实"
    assert views.earlier_word("2021, 2023", "en") == "2021, 2023 figures to verify"


def test_a_graded_target_without_a_forecast_says_why_its_probability_is_missing(tmp_path):
    """A programme at 0 in 2021 and 2022 is graded on its pace but has no forecast (nothing
    to extrapolate); its probability cell was a bare "—", which the brief's note read as "no
    figure yet"."""
    r = _results_with(tmp_path, "innovation_clinics,langfang,2021,0,家,final\n"
                                "innovation_clinics,langfang,2022,0,家,final\n")  # fmt: skip
    row = r.gaps[r.gaps["indicator_id"] == "innovation_clinics"].iloc[0]
    assert row["status"] != "insufficient_data" and pd.isna(row["p_meet"])
    html = landing.landing_html(r, lang="en")
    cells = [c for c in _rows_of_targets(html) if "Enterprise innovation clinics" in c]
    assert cells and "too few figures to forecast" in cells[0]
    # 2025 is over (China's figures are out): its figure is owed as well
    assert "too few figures to forecast<br>no 2025 figure" in cells[0]
    # and the key point says both (the diff review: neither was said there)
    overview = views.target_overview(r.gaps, r.indicators, lang="en")
    [point] = [p for p in views.key_points(overview, "en") if "innovation clinics" in p]
    assert point.endswith("; too few figures to forecast; no 2025 figure yet.")
    # a target with no figure at all keeps its bare dash
    empty = [c for c in _rows_of_targets(html) if "Innovation-method trainers" in c]
    assert empty and "too few figures to forecast" not in empty[0]


def test_figures_far_apart_with_no_majority_are_both_marked(tmp_path):
    """54.03 亿元 (2021) and 612,000 (2022, 万元 typed as 亿元): neither could be judged right, so
    the check was listed but the row read "612,000亿元, on track, very likely" unmarked. A
    hundred times apart the figure is now refused at load; 612 (a digit slipped, 11 times
    apart) still loads with both marked."""
    r = _results_with(tmp_path, "rd_spending,langfang,2022,612,亿元,final\n")
    assert "no_majority" in set(r.checks["check"])
    text = visible_text(landing.landing_html(r, lang="zh")).replace("\n", "")
    assert "612亿元（2022年，待核实）" in text and "54.03亿元（2021年，待核实）" in text


def _results_with(tmp_path, rows: str, header: str = "indicator_id,region,year,value,unit,status"):
    """The suite's results with ``rows`` (lines of ``header``'s columns) returned beside the
    shipped figures."""
    path = tmp_path / "returned.csv"
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    obs = load_observations([compute.config.OBSERVATIONS_FILE, path])
    return compute.compute_all(registry.load_indicators(), registry.load_targets(), obs,
                               registry.load_fiscal_parameters(),
                               regions=registry.load_regions())  # fmt: skip


def _with_returns(tmp_path, rows):
    """The suite's results with returned shares ``(indicator, year, value, status)`` (in %)
    added to the shipped figures."""
    lines = "".join(f"{iid},langfang,{year},{value},%,{status},test return\n"
                    for iid, year, value, status in rows)  # fmt: skip
    return _results_with(tmp_path, lines, "indicator_id,region,year,value,unit,status,source")


def test_a_department_link_names_the_same_department_on_both_pages(shipped):
    """The pages numbered their own sortings: #dept-6 showed the market regulation bureau in
    Chinese and the human resources bureau in English."""
    from langfang_metrics.labels import department_label

    def links(html):
        return dict(re.findall(r'<a href="#(dept-\d+)">([^<]+)</a>', html))

    zh, en = (links(landing.landing_html(shipped, lang=lang)) for lang in ("zh", "en"))
    assert len(zh) == len(en) > 5 and set(zh) == set(en)
    for key, name in zh.items():
        assert department_label(name, "en") == html_unescape(en[key]), key


def test_departments_come_in_the_plans_order_on_the_page(shipped):
    """Sorted by character code, 市科技局 - the plan's lead, named first on nearly every
    target - came ninth of eleven in the links and in the table of data still owed."""
    from langfang_metrics.labels import department_rank

    plan = list(department_rank(shipped.gaps["departments"]))
    assert plan[0] == "市科技局"
    html = landing.landing_html(shipped, lang="zh")
    linked = re.findall(r'<a href="#dept-\d+">([^<]+)</a>', html)
    assert linked == [d for d in plan if d in linked] and linked[0] == "市科技局"
    table = html[html.index('<table class="missing">') :]
    table = table[: table.index("</table>")]
    owed = list(dict.fromkeys(re.findall(r'<td class="dept">(?:<b>)?([^<]+)', table)))
    mine = [d for d in owed if d in linked]
    assert mine == [d for d in linked if d in owed] and owed[0] == "市科技局"
    # a bureau asked for the statistics it compiles, responsible for no target, comes last
    assert owed[len(mine) :] == ["市统计局"]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_the_data_still_owed_include_the_finals_of_preliminary_figures_and_estimates(
    shipped, tmp_path
):
    """The brief and the requests ask for the final figure of the 2022 patents estimate; the
    page's table (and the workbook's sheet) of data still owed had left it out."""
    import openpyxl

    from langfang_metrics import export

    html = landing.landing_html(shipped, lang="zh")
    table = html[html.index('<table class="missing">') :]
    table = table[: table.index("</table>")]
    # in its place among the years owed
    assert "<td>2021、2022年（预计数，待正式数）、2023、2024、<b>2025</b></td>" in table
    en = landing.landing_html(shipped, lang="en")
    assert "2022 (estimate; final figure pending)" in en
    path = export.write_results_workbook(shipped, tmp_path / "w.xlsx", lang="zh")
    ws = openpyxl.load_workbook(path)["待补数据 Missing figures"]
    rows = {(r[-1], r[2]): r[5] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("high_value_patents_per_10k", 2022)] == "预计数，待正式数"
    assert len(rows) == len(shipped.missing) + 1


def test_a_department_link_filters_the_data_still_owed_too(shipped):
    """Following a department's link showed its targets only, but the table of data still
    owed below kept every department's ~60 rows."""
    html = landing.landing_html(shipped, lang="zh")
    key = re.search(r'<a href="#(dept-\d+)">市市场监督管理局</a>', html)[1]
    assert f"#{key}:target~.scroll table.missing tbody tr:not(.{key}){{display:none}}" in html
    table = html[html.index('<table class="missing">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr class="(dept-\d+)"><td class="dept[^"]*">(?:<b>)?([^<]+)', table)
    assert rows and all((k == key) == (name == "市市场监督管理局") for k, name in rows)
    # every row but the header's has its class, but a bureau asked for the statistics it
    # compiles and responsible for no target (no link: its rows show when no filter is on)
    stats = len(re.findall(r'<td class="dept[^"]*">(?:<b>)?市统计局', table))
    assert stats and len(rows) == table.count("<tr") - 1 - stats


def test_the_final_evaluation_says_which_outcomes_are_provisional(shipped):
    """With every milestone's figure in, the page and the brief counted "achieved 11" with
    no word that four rested on preliminary figures a final one may turn, printed "100%"
    beside them, and the brief still described the assessment as a pace test."""
    import dataclasses

    from langfang_metrics import brief

    g = shipped.gaps
    met = g["p_meet"].fillna(0) >= 0.5
    done = g.assign(status=np.where(met, "achieved", "missed"), p_meet=met.astype(float),
                    latest_year=g["milestone_year"], latest_value=g["target"],
                    latest_status="final")  # fmt: skip
    first = done.index[(done["milestone_year"] == 2025) & met][:2]
    done.loc[first, "latest_status"] = ["preliminary", "estimate"]
    results = dataclasses.replace(shipped, gaps=done)
    zh = landing.landing_html(results, lang="zh")
    assert "其中2项待正式数" in zh and "100%" not in zh.split('class="targets"')[1]
    en = landing.landing_html(results, lang="en")
    assert "2 provisional" in en and "provisional, final figure pending" in en
    text = "\n".join(p.text for p in brief.build_brief(results, lang="zh").paragraphs)
    # both achieved targets provisional: "均依据", not "其中2项" of 2 (the planner's re-read)
    assert "已实现2项（均依据初步数或预计数，待正式数确认）" in text
    # one decided by a bound ("1000余人"): the page owes its exact figure, as the brief says
    # (the page said "待正式数" beside the brief's "待确切数字")
    bounded = done.copy()
    bounded.loc[first[:1], "latest_status"] = "lower-bound"
    on_bound = dataclasses.replace(shipped, gaps=bounded)
    zh = landing.landing_html(on_bound, lang="zh")
    assert "其中2项待确切数字" in zh and "其中2项待正式数" not in zh
    text = "\n".join(p.text for p in brief.build_brief(on_bound, lang="zh").paragraphs)
    assert "已实现2项（均依据初步数、预计数或上下限，待确切数字确认）" in text
    # assessed in the plan's last year, the page says it is the final evaluation
    final_page = landing.landing_html(dataclasses.replace(results, as_of=2025), lang="en")
    assert "The plan’s period ended in 2025; this page is its final evaluation" in final_page
    assert "period ended" not in landing.landing_html(shipped, lang="en")
    # data up to the plan's last year: the overview says this is the final evaluation
    # ... and its title and headings say so, not "monitoring" and "progress" (the planner's
    # re-read)
    doc = brief.build_brief(results, lang="zh", as_of=2025)
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert heads[0].endswith("终期评估简报") and "二、分板块完成情况" in heads
    assert "三、各项目标完成情况" in heads and "二、分板块进展" not in heads
    final = brief.overview_sentences(done, as_of=2025, lang="en")[0]
    assert final.startswith("The plan’s period ended in 2025. This brief is the final evaluation")
    # before the plan's end the brief assesses by pace, as before
    plain = "\n".join(p.text for p in brief.build_brief(shipped, lang="zh").paragraphs)
    assert "作终期评估" not in plain and "待正式数确认）" not in plain


def test_the_page_says_which_figures_a_revision_replaced(shipped):
    """The table showed a revised 1,262 as the latest figure and said nowhere that it had
    been 1,258; the brief says so section by section, the page did not."""
    import dataclasses

    obs = shipped.observations
    base = obs[(obs["indicator_id"] == "high_tech_enterprises") & (obs["region"] == "langfang")
               & (obs["year"] == 2022)].iloc[[0]]  # fmt: skip
    revised = base.assign(value=1262.0, status="revised", source="SYNTHETIC revision")
    results = dataclasses.replace(shipped, observations=pd.concat([obs, revised]))
    zh = landing.landing_html(results, lang="zh")
    assert ('<p id="revisions">数据更新：高新技术企业数量2022年由1,258家（正式数）'
            "改为1,262家（修订数）。</p>") in zh  # fmt: skip
    en = landing.landing_html(results, lang="en")
    assert ("Figures updated: High-tech enterprises, 2022: 1,258 firms (final) is now 1,262 "
            "firms (revised).") in en  # fmt: skip
    # after the table the figures are read from, before the data still owed
    assert zh.index('class="targets"') < zh.index('id="revisions"') < zh.index("<h2>仍缺的数据")
    assert 'id="revisions"' not in landing.landing_html(shipped, lang="zh")


def test_the_table_says_where_the_target_path_stands_beside_the_latest_figure(shipped):
    """A planner read 1,258 firms and "on track" but not the 1,152 the path asked for by
    2022 (only the workbook had it); the page and the brief's table now say it under the
    latest figure, for rows graded on their pace only."""
    from langfang_metrics import brief

    zh = landing.landing_html(shipped, lang="zh")
    row = re.search(r'<tr [^>]*id="t-high_tech_enterprises-2025">.*?</tr>', zh)[0]
    # with its year, as a row with no figure yet says it (two wordings read as two paths)
    assert '<br><span class="grade nb">按路径2022年应为1,152家</span>' in row
    en = landing.landing_html(shipped, lang="en")
    row = re.search(r'<tr [^>]*id="t-high_tech_enterprises-2025">.*?</tr>', en)[0]
    assert '<br><span class="grade nb">target path: 1,152 firms in 2022</span>' in row
    # a target without a figure after its baseline says why it lacks data; R&D spending's
    # 54.03亿元 is the start of its path, not a baseline the plan gives (the planner's review)
    smes = re.search(r'<tr [^>]*id="t-tech_smes-2025">.*?</tr>', zh)[0]
    assert '<span class="grade">仅有基期值</span>' in smes
    rd = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>', zh)[0]
    assert '<span class="grade">仅有起算值</span>' in rd and "（2021年，起算值）" in rd
    # and, its path starting in 2021, that 2021's growth goes uncounted (the plan counts
    # 10 % a year from 2020: the planner's review)
    assert ('<span class="grade">缺2020年数据：</span><br>'
            '<span class="grade">2021年增速未计</span>') in rd  # fmt: skip
    none = re.search(r'<tr [^>]*id="t-gazelle_unicorn_seed-2025">.*?</tr>', zh)[0]
    assert "仅有" not in none  # nothing held at all: its dashes say it
    # graded on later figures from that start, the grade still leaves 2021's growth out,
    # and says so ("未达标… 2021年以来年均增长9.5%" without a word: the final-evaluation review)
    obs = shipped.observations
    later = obs[(obs["indicator_id"] == "rd_spending") & (obs["region"] == "langfang")].assign(
        year=2022, value=59.0, status="final")  # fmt: skip
    graded = compute.compute_all(
        registry.load_indicators(),
        registry.load_targets(),
        pd.concat([obs, later], ignore_index=True),
        registry.load_fiscal_parameters(),
        regions=shipped.regions,
    )
    rd = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>',
                   landing.landing_html(graded, lang="zh"))[0]  # fmt: skip
    assert "数据不足" not in rd and '<span class="grade">2021年增速未计</span>' in rd
    # 2023 and 2025 are over (China's 2025 figures are out): a grade is as of 2022's data,
    # said under it ("on track" for a year gone by read as met: the planner's review)
    assert '<span class="grade">on 2022 data</span>' in row
    # no figure yet: where the path stands in the year the data run to (twenty rows said
    # only "—": the planner's review), from the plan's baseline of 8,796 to 10,000 by 2025
    row = re.search(r'<tr [^>]*id="t-tech_smes-2025">.*?</tr>', zh)[0]
    assert '<span class="grade nb">按路径2022年应为9,259家</span>' in row
    assert row.count("按路径") == 1
    row = re.search(r'<tr [^>]*id="t-tech_smes-2025">.*?</tr>', en)[0]
    assert "target path: 9,259 firms in 2022" in row
    # R&D spending's only figure starts its path: where the path stands in 2022 is said too
    row = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>', zh)[0]
    assert "按路径2022年应为59.4亿元" in row
    # nothing without a baseline to start the path (the path of "— → 100家" is unknown)
    row = re.search(r'<tr [^>]*id="t-gazelle_unicorn_seed-2025">.*?</tr>', zh)[0]
    assert "按路径" not in row
    # not where nothing is graded on its pace: the milestone's own year is in
    overview = views.target_overview(shipped.gaps, shipped.indicators, lang="en")
    settled = overview.assign(latest_year=overview["milestone_year"])
    assert all(views.path_words(r, "en") == "" for _, r in settled.iterrows())
    missing = overview.assign(status="insufficient_data", ex_post="")  # not graded, not owed
    assert all(views.path_words(r, "en") == "" for _, r in missing.iterrows()
               if pd.isna(r["expected_by_as_of"]))  # fmt: skip
    # a milestone year reached without its own figure: not graded, but the latest figure is
    # still set against the path (at the final evaluation the line had vanished)
    owed = missing.assign(ex_post="no_figure", expected_by_as_of=float("nan"))  # year past
    words = [views.path_words(r, "en") for _, r in owed.iterrows()]
    shown = overview["expected_on_path"].notna() & overview["latest_value"].notna()
    assert shown.any() and all(bool(w) == s for w, s in zip(words, shown, strict=True))
    shown, _ = brief.status_table(shipped.gaps, shipped.indicators, lang="en")
    assert (
        "1,258 firms (2022)\ntarget path: 1,152 firms in 2022\n+17.9% a year since 2020\n"
        "meeting it by 2023 needed +3.3% a year" in shown[label("col.latest", "en")].tolist()
    )


def test_notebook_links_say_each_pages_title_in_the_pages_language(shipped, tmp_path):
    """The list read "01-baseline-and-targets.html" on the Chinese page too."""
    reports, processed = _reports(tmp_path)
    (reports / "notebooks" / "01-baseline-and-targets.html").write_text(
        "<html><head><title>01 基期与目标</title></head></html>", encoding="utf-8"
    )
    (reports / "notebooks" / "en").mkdir()
    (reports / "notebooks" / "en" / "01-baseline-and-targets.html").write_text(
        "<html><head><title>01 Baseline &amp; targets</title></head></html>", encoding="utf-8"
    )
    landing.write_landing(shipped, reports, processed=processed)
    zh = (reports / landing.PAGE_NAMES["zh"]).read_text(encoding="utf-8")
    en = (reports / landing.PAGE_NAMES["en"]).read_text(encoding="utf-8")
    assert ">01 基期与目标（01-baseline-and-targets.html）</a>" in zh
    assert ">01 Baseline &amp; targets (01-baseline-and-targets.html)</a>" in en


def test_the_page_says_where_the_suites_backtests_find_a_probability_runs_low(shipped, tmp_path):
    """Notebook 03 read the high-tech and patent probabilities as "likely too low" (their
    national series' events happened 37 and 40 points more often than predicted) while the
    page showed them "about even" with no word of it (found by the Chinese-reader review);
    the brief's methods annex says it too."""
    from langfang_metrics import brief

    assert len(shipped.events) > 0
    zh = landing.landing_html(shipped, lang="zh")
    note = re.search(r'<p class="muted" id="reliability-note">(.*?)</p>', zh)[1]
    what = views.reliability_what(shipped.events, "zh")
    assert note.startswith(label("landing.reliability", "zh", what=what, reading=""))
    for name in ("高新技术企业数量", "每万人口高价值发明专利拥有量"):
        assert (
            f"{name}：在同一指标的序列上检验，所检验增速实际达到的比例比预测的概率高出较多" in note
        )
    en = landing.landing_html(shipped, lang="en")
    assert 'id="reliability-note"' in en and "may be too low" in en
    # and under the probability itself: the table read "61% 约各半" with the warning
    # paragraphs below (the planner review)
    rows = {r[r.index('id="t-') + 6 : r.index('">')]: r for r in _rows_of_targets(zh)}
    for key in ("high_tech_enterprises-2023", "high_tech_enterprises-2025",
                "high_value_patents_per_10k-2025"):  # fmt: skip
        # a line of its own (after the year owed: 2023 and 2025 are over)
        year = key[-4:]
        assert f"约各半<br>缺{year}年数据<br>回测显示可能偏低" in rows[key], key
    assert sum("回测显示" in r for r in rows.values()) == 3
    assert "about even<br>no 2023 figure yet<br>backtests: may be too low" in en
    doc = brief.build_brief(shipped, lang="zh")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert note.split("：", 1)[1][:20] in text
    # nothing to say when every series stays near its predictions
    calm = dataclasses.replace(shipped, events=shipped.events.assign(met=shipped.events["p_meet"]))
    assert 'id="reliability-note"' not in landing.landing_html(calm, lang="zh")


def test_langfangs_own_backtested_series_decides_what_the_page_says_of_its_probability(
    tmp_path,
):
    """Returns giving the patents per 10,000 people of 2022-2024 (3.1, 3.3, 3.52: the
    reviewers' case) let Langfang's own series be backtested (2 origins, 18 events, -2
    points). The page still said the events "happened far more often than predicted",
    quoted Langfang's -2 under it, concluded "may be too low", and the table, the brief and
    the workbook said it under the probability. The home series decides now: the paragraph
    says it agrees and why China's +41 is not read as a lean, and no table flags it."""
    import io

    import openpyxl

    from langfang_metrics import brief, config, export
    from langfang_metrics import labels as lab

    returns = tmp_path / "returns.csv"
    returns.write_text(
        "indicator_id,region,year,value,unit,status,source\n"
        + "".join(f"high_value_patents_per_10k,langfang,{y},{v},件/万人,final,test figures\n"
                  for y, v in ((2020, 1.65), (2022, 3.1), (2023, 3.3), (2024, 3.52))),
        encoding="utf-8",
    )  # fmt: skip
    r = compute.load_results([config.OBSERVATIONS_FILE, returns])
    iid = "high_value_patents_per_10k"
    assert views.reliability_keys(r.events, r.gaps)[iid] == "home"
    name = r.indicators.set_index("indicator_id").loc[iid, "name_zh"]
    zh = landing.landing_html(r, lang="zh")
    note = re.search(r'<p class="muted" id="reliability-note">(.*?)</p>', zh)[1]
    said = note[note.index(f"{name}：") :]
    assert said.startswith(f"{name}：廊坊市序列") and "高出较多" not in said
    assert "以廊坊市序列的检验为准，不据此判断其偏低。" in said and "可能偏低" not in said
    rows = {r_[r_.index('id="t-') + 6 : r_.index('">')]: r_ for r_ in _rows_of_targets(zh)}
    assert "回测显示" not in rows[f"{iid}-2025"]
    assert "回测显示" in rows["high_tech_enterprises-2025"]  # China's lean, no home series
    shown, _ = brief.status_table(r.gaps, r.indicators, lang="zh",
                                  reliability=views.reliability_keys(r.events, r.gaps))  # fmt: skip
    flagged = shown.loc[shown[label("col.p_meet", "zh")].str.contains("回测显示"),
                        label("col.indicator", "zh")]  # fmt: skip
    assert not flagged.str.contains(name).any()
    assert flagged.str.contains(
        r.indicators.set_index("indicator_id").loc["high_tech_enterprises", "name_zh"]
    ).any()
    path = export.write_results_workbook(r, tmp_path / "zh.xlsx", lang="zh")
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    note_col, code = (headers.index(lab.bilingual(k)) for k in ("col.p_meet_note",
                                                                 "col.indicator_id"))  # fmt: skip
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert not any("可能偏低" in (row[note_col] or "") for row in rows if row[code] == iid)
    assert any("可能偏低" in (row[note_col] or "") for row in rows)


def test_the_years_that_settle_a_milestone_stand_out_among_the_data_still_owed(shipped):
    """The 2023 high-tech count, which alone settles the 2023 milestone, sat unmarked among
    the 47 rows of data still owed."""
    from html import unescape

    for lang in ("zh", "en"):
        html = landing.landing_html(shipped, lang=lang)
        table = html[html.index('<table class="missing">') :]
        table = table[: table.index("</table>")]
        name = shipped.indicators.set_index("indicator_id").loc["high_tech_enterprises",
                                                                f"name_{lang}"]  # fmt: skip
        row = next(r for r in table.split("<tr") if f">{name}<" in r)
        assert "<b>2023</b>" in row and "<b>2025</b>" in row and "<b>2024</b>" not in row
        # R&D spending's 2020 figure, from which its 10 % a year is counted, decides it too
        # (it stood as an ordinary gap: the planner's review); the lead says why it is bold
        rd = shipped.indicators.set_index("indicator_id").loc["rd_spending", f"name_{lang}"]
        rows = [r for r in table.split("<tr") if f">{html_escape(rd)}<" in r]
        assert rows and all("<b>2020</b>" in r for r in rows)
        assert label("landing.missing_deciding", lang, year=2020) in unescape(html)


def test_on_a_narrow_screen_a_target_is_a_card_with_its_status_and_probability_first(shipped):
    """On a tablet (820 px) the table ended at the latest figure: status, probability and
    projection were off-screen with no hint, and hidden screen-reader text widened the page
    at every width (the print and screen review)."""
    for lang in ("zh", "en"):
        html = landing.landing_html(shipped, lang=lang)
        start = html.index('<table class="targets">')
        table = html[start : html.index("</table>", start)]
        # every data cell names its column, so a card can say what each line is
        for key, cls in (("col.status_label", "st"), ("col.p_meet", "pm"),
                         ("col.projected_range", "pr"), ("col.latest", "lt")):  # fmt: skip
            said = f'class="[^"]*\\b{cls}\\b[^"]*" data-label="{re.escape(label(key, lang))}"'
            assert len(re.findall(said, table)) == len(shipped.gaps), key
        css = html[html.index("<style>") : html.index("</style>")]
        cards = css[css.index("@media screen and (max-width:900px)") :]
        assert "table.targets thead{display:none}" in cards
        assert "flex-direction:column" in cards and "content:attr(data-label)" in cards
        # status, probability and projection come right after the name and year
        order = {c: int(re.search(rf"table\.targets \.{c}\{{order:(\d+)\}}", cards)[1])
                 for c in ("yr", "st", "pm", "pr", "lt", "tg")}  # fmt: skip
        assert order["yr"] < order["st"] < order["pm"] < order["pr"] < order["lt"] < order["tg"]
        # a card leaves out what says only "—" (20 cards of five dashes each, otherwise)
        assert "table.targets td.empty{display:none}" in cards
        no_data = table[table.index('id="t-tech_smes-2025"') :]
        no_data = no_data[: no_data.index("</tr>")]
        assert re.search(r'class="pr empty"', no_data)
        # the table fits its box: the projected range and its header may break before the
        # bracket ("4.00件/万人 [3.25–5.06]" on one line pushed the chart column past a
        # 1,366-pixel screen in the final evaluation: the report writer's review)
        assert "table.targets{width:100%}" in css and "th.pr{white-space:normal}" in css
        assert '<th scope="col" class="pr"><span class="nb">' in table
        assert 'class="nowrap pr' not in table
        assert 'class="st"' in no_data  # the status is never left out
        # the screen-reader text is positioned inside its scroll box, not against the page
        assert ".scroll{overflow-x:auto;max-width:100%;position:relative}" in css
        # the table of data still owed scrolls on its own instead of widening the page
        assert '<div class="scroll"><table class="missing">' in html


def test_a_printed_landing_page_leaves_out_its_links(shipped):
    """Printed, the downloads, the analysts' tables and the notebook links took a landscape
    page of their own between two portrait ones (the print review)."""
    html = landing.landing_html(shipped, lang="zh")
    online = html[html.index('<div class="online">') :]
    online = online[: online.index("</div>")]
    assert 'id="downloads"' in online and label("index.notebooks", "zh") in online
    printed = html[html.index("@media print{") :]
    hidden = re.search(r"\.hint,[^{]*\{display:none\}", printed)[0]
    assert ".online" in hidden


def test_the_inferred_departments_tag_is_explained_where_it_is_shown(shipped):
    """ "(inferred from a related measure)" stood on five rows with no word on what it
    meant (the English reader's review): a bureau could be tasked that the plan never named."""
    from langfang_metrics import export

    for lang in ("zh", "en"):
        html = landing.landing_html(shipped, lang=lang)
        tag = label("fmt.departments_inferred", lang).strip()
        assert tag in html
        assert html_escape(label("landing.inferred_note", lang), quote=True) in html
        rows = export.notes_rows(shipped.gaps, shipped.observations, [], lang)
        assert (label("col.departments", lang), label("landing.inferred_note", lang)) in rows


def test_the_landing_page_and_the_brief_say_the_key_points_first(shipped):
    from langfang_metrics import brief

    for lang in ("zh", "en"):
        html = landing.landing_html(shipped, lang=lang)
        points = html[html.index('<ul class="points">') :]
        points = points[: points.index("</ul>")]
        assert points.count("<li>") == 5  # three assessed targets, the budget, then the rest
        assert html.index('<ul class="points">') < html.index('<table class="targets">')
        doc = brief.build_brief(shipped, lang=lang)
        texts = [p.text for p in doc.paragraphs]
        at = texts.index(label("points.heading", lang) + ("：" if lang == "zh" else ":"))
        assert html_escape(texts[at + 1], quote=True) in points


def test_the_page_says_when_milestone_years_are_over_without_their_figures(shipped):
    """Langfang's data run to 2022 while national figures for 2025 are held: 2023 and 2025
    are over, and the table's word on them is a forecast (the planner's review). An
    --as-of run looks back on purpose and says nothing of it."""
    zh = landing.landing_html(shipped, lang="zh")
    assert '<p class="warn">注意：节点年份2023、2025年已经结束（全国2025年的全年数字已发布）' in zh
    assert (
        zh.index("数据截至2022年")
        < zh.index("节点年份2023、2025年已经结束")
        < zh.index('id="targets"')
    )
    en = landing.landing_html(shipped, lang="en")
    assert "Note: the milestone years 2023 and 2025 have ended" in en
    back = landing.landing_html(dataclasses.replace(shipped, as_of=2022), lang="zh")
    assert "已经结束" not in back


def test_rd_spending_is_shown_once_by_its_own_chart(tmp_path, shipped):
    """The page showed two charts of R&D spending's path, and its row linked to the plainer
    one (no target mark): the row links to the bars against the 10 % a year path, and the
    gallery leaves the other out (the planner's review). The file is still written."""
    from langfang_metrics import plots

    assert set(landing.OWN_CHARTS) == {plots.RD_INDICATOR}
    figures = {f"figures/{stem}_{lang}.png" for lang in ("zh", "en")
               for stem in ("rd_path", "trajectory_rd_spending", "trajectory_tech_smes")}  # fmt: skip
    zh = landing.landing_html(shipped, lang="zh", figures=figures)
    row = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>', zh)[0]
    assert 'href="figures/rd_path_zh.png"' in row and "trajectory_rd_spending" not in row
    assert 'src="figures/trajectory_rd_spending_zh.png"' not in zh
    assert (
        'src="figures/rd_path_zh.png"' in zh and 'src="figures/trajectory_tech_smes_zh.png"' in zh
    )
    # without its own chart the trajectory is linked and shown, as for any indicator
    alone = {f for f in figures if "rd_path" not in f}
    zh = landing.landing_html(shipped, lang="zh", figures=alone)
    row = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>', zh)[0]
    assert 'href="figures/trajectory_rd_spending_zh.png"' in row
    assert 'src="figures/trajectory_rd_spending_zh.png"' in zh


def test_the_dashboard_of_a_milestone_year_over_says_so(shipped):
    """In December 2026 the dashboards read "2025年目标进展评估" and "on track" for years
    gone by, with the brief's caveat nowhere on a figure exported alone (the report
    writer's review): the title says the targets' status (完成情况), and the legend that
    grades stand on earlier data."""
    g = shipped.gaps
    assert views.milestone_over(g, 2025)  # China's 2025 figures are out
    fig = plots.gap_dashboard(g, milestone_year=2025, lang="zh")
    assert fig.axes[0].get_title(loc="left") == "2025年目标完成情况"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "目标年份已过，尚无该年数字：状态按2022年数据评估，并非实际结果" in legend
    plt.close(fig)
    # the status counts say it too (they showed "on track" for both years without a word)
    fig = plots.status_overview(g, lang="zh")
    assert "状态按2022年数据评估，并非实际结果" in fig.axes[0].get_xlabel()
    plt.close(fig)
    fig = plots.status_overview(g.assign(ex_post="", as_of=2022), lang="zh")
    assert "并非实际结果" not in fig.axes[0].get_xlabel()
    plt.close(fig)
    # a year not over: progress towards it, and no such entry
    running = g.assign(ex_post="", as_of=2022)
    assert not views.milestone_over(running, 2025)
    fig = plots.gap_dashboard(running, milestone_year=2025, lang="en")
    assert fig.axes[0].get_title(loc="left") == "Progress towards the 2025 targets"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert not any("Milestone year over" in t for t in legend)
    plt.close(fig)
    # the page's figure list says the chart's own title, which claims no outcome: its legend
    # says the grades stand on 2022 data ("Outcome of" said the opposite: the lead's review)
    assert landing.figure_title("gap_dashboard_2025", shipped.indicators, "en", g) == (
        "Status of the 2025 targets")  # fmt: skip


def test_a_known_by_page_says_it_is_a_reconstruction_in_its_header(shipped):
    """run --known-by: the header says the figures are as published by the day and how many
    undated figures were counted as known, before any number; a run without it says
    neither."""
    then = dataclasses.replace(shipped, known_by="2024-03-31", undated_known=114,
                               undated_unfinished=16)  # fmt: skip
    for lang, cover, method in (("zh", "按2024年3月31日已公布的数据复现", "共114个"),
                                ("en", "as published by 2024-03-31", "over by 2024-03-31: 114")):  # fmt: skip
        page = landing.landing_html(then, lang=lang)
        header = page[: page.index("<h2")]
        assert cover in header and method in header
        assert ("共16个" if lang == "zh" else "after the year): 16") in header
        plain = landing.landing_html(shipped, lang=lang)
        assert cover not in plain and method not in plain
        assert landing.known_by_lines(shipped, lang) == []
    # with --as-of, the year is no longer said "as known now, later revisions included"
    early = compute.at_vintage(shipped, 2021)
    page = landing.landing_html(dataclasses.replace(early, known_by="2024-03-31"), lang="en")
    assert label("landing.vintage_known", "en", year=2021) in page
    assert label("landing.vintage_of", "en", year=2021) not in page
    assert label("landing.vintage_of", "en", year=2021) in landing.landing_html(early, lang="en")


def test_a_level_targets_late_first_figure_says_no_2020_figure_is_missing(shipped):
    """A share's first figure of 2024 and a count's of 2023 (no plan baseline) read "仅有起算值
    / 缺2020年数据： / 2021—2024年增速未计" under "数据不足", words of the R&D growth-rate
    target, whose average the plan counts from 2020: a level's grade needs no 2020 figure,
    and a statistician would chase one (the review). They say what grading waits for."""
    from conftest import with_first_figures

    results = with_first_figures(shipped)
    for lang, first, wait in (("zh", "仅有起算值", "待另一年数据评估"),
                              ("en", "first figure only", "another year’s figure needed to grade")):  # fmt: skip
        page = landing.landing_html(results, lang=lang)
        for iid in ("industrial_rd_intensity", "tech_commissioners"):
            row = re.search(rf'<tr [^>]*id="t-{iid}-2025">.*?</tr>', page)[0]
            assert (f'<span class="grade">{first}</span><br>'
                    f'<span class="grade">{wait}</span>') in row  # fmt: skip
            assert "2020" not in visible_text(row)
        rd = re.search(r'<tr [^>]*id="t-rd_spending-2025">.*?</tr>', page)[0]
        assert label("status.start_only_late", lang, base=2020, years="2021").split("\n")[1] in rd


def test_the_english_page_spells_out_the_abbreviations_its_table_uses(shipped, tmp_path):
    """ "Provincial IP service brand institutions" and "High-tech firms in IP-advantage
    cultivation" stood in the English table with "IP" never spelt out (the reviewers): a
    note under the table says what each abbreviation used stands for; the Chinese page,
    which says the words, has none."""
    reports, processed = _reports(tmp_path)
    landing.write_landing(shipped, reports, processed=processed)
    en = (reports / landing.PAGE_NAMES["en"]).read_text(encoding="utf-8")
    zh = (reports / landing.PAGE_NAMES["zh"]).read_text(encoding="utf-8")
    assert "Provincial IP service brand institutions" in en  # the case
    note = re.search(r'<p class="muted" id="abbreviations">([^<]*)</p>', en)
    assert note and "IP = intellectual property" in note.group(1)
    assert en.index("Provincial IP service") < note.start()  # under the table that uses it
    assert "FYP" not in note.group(1)  # only what the page uses
    assert 'id="abbreviations"' not in zh
