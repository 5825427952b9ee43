"""The Word monitoring brief: content, charts, house style, fonts, page and identical bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import zipfile

import numpy as np
import pandas as pd
import pytest
from conftest import rebased_share, spans_not_in
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu

from langfang_metrics import brief, config, landing, views
from langfang_metrics.compute import load_results
from langfang_metrics.gaps import GAP_COLUMNS
from langfang_metrics.labels import LIKELIHOOD_BANDS, STATUS_CODES, label, status_label


@pytest.fixture(scope="module")
def results():
    return load_results()


@pytest.fixture(scope="module")
def written(results, tmp_path_factory):
    """Both briefs written twice (charts drawn afresh: no figures folder)."""
    out = {}
    for run in ("a", "b"):
        folder = tmp_path_factory.mktemp(f"brief-{run}")
        for lang in ("zh", "en"):
            out[run, lang] = brief.write_brief(results, folder, lang=lang)
    return out


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


# --------------------------------------------------------------------------- the document


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_target_name_and_status_word_and_three_charts(results, written, lang):
    path = written["a", lang]
    assert path.name == brief.BRIEF_NAMES[lang].format(as_of=brief.brief_as_of(results))
    doc = Document(path)
    text = all_text(doc)
    table_text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for _, row in results.gaps.iterrows():
        name = _as_printed(row[f"name_{lang}"], lang)  # ‘Top 100’, as the brief sets it
        assert name in text, name
        assert name in table_text, name
        assert status_label(row["status"], lang) in table_text
    for code in set(results.gaps["status"]):
        assert status_label(code, lang) in text
    assert not re.search(r"\b(nan|NaN|None|inf|NaT)\b|<NA>", text), re.findall(
        r".{20}\b(?:nan|NaN|None|inf|NaT)\b.{20}", text
    )
    assert len(doc.inline_shapes) == 3
    for shape in doc.inline_shapes:
        assert shape.width <= brief.TEXT_WIDTH
        assert shape.height <= brief.MAX_FIGURE_HEIGHT
        # described for screen readers by the chart's title, which its caption repeats
        descr = shape._inline.docPr.get("descr")
        assert descr and any(descr in p.text for p in doc.paragraphs if p.style.name == "Caption")
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    figure_word = label("brief.figure", lang, n=1)
    assert any(c.startswith(figure_word) for c in captions), captions
    sources = [c for c in captions if c.startswith(label("source.prefix", lang))]
    assert len(sources) == 3
    # captions and notes start where the figure does: Normal's first-line indent of two
    # characters had set them 0.4 cm to the right; a note under a table reads from the left
    caption = doc.styles["Caption"].paragraph_format
    assert (
        caption.first_line_indent == 0
        and doc.styles["Heading 1"].paragraph_format.first_line_indent == 0
    )
    notes = [p for p in doc.paragraphs if p.style.name == "Caption"
             and p.text.startswith(label("source.prefix", lang))]  # fmt: skip
    assert notes and all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in notes)
    # whole source names, as on the charts (which break them over two lines)
    assert not any("…" in c for c in sources), sources
    assert all(c.startswith("Source: ") for c in sources) if lang == "en" else True
    # a span of years written one way in each language ("2021—2025年", "2021–2025")
    assert not spans_not_in(text, lang), spans_not_in(text, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_house_style_a4_fonts_and_page_numbers(results, written, lang):
    doc = Document(written["a", lang])
    paras = [p.text for p in doc.paragraphs if p.text]
    assert paras[0] == label("brief.title", lang)
    as_of = brief.brief_as_of(results)
    assert paras[1] == label("brief.as_of", lang, year=as_of)
    assert paras[2].startswith(label("brief.prepared_by", lang, blank="").strip())
    for key in ("brief.h_overview", "brief.h_sections", "brief.h_table", "brief.h_missing", "brief.h_charts",
                "brief.h_annex", "brief.h_methods", "brief.h_sources"):  # fmt: skip
        assert label(key, lang) in paras, key
    # the methods annex says what the short-series probabilities are anchored to
    assert _as_printed(views.reference_note(results.anchors, results.indicators, lang=lang,
                                            where="brief"), lang) in paras  # fmt: skip
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    # East Asian fonts are explicit on the styles, no theme font left to override them
    for name, font in (("Normal", "宋体"), ("Heading 1", "黑体"), ("Title", "黑体")):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    # and the theme's East Asian language is Chinese, not the template's Japanese: a style a
    # writer adds later resolved to ＭＳ 明朝 (the print review)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    assert theme_lang.get(qn("w:eastAsia")) == "zh-CN"
    with zipfile.ZipFile(written["a", lang]) as z:
        font_table = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="宋体"><w:altName w:val="SimSun"/>' in font_table
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in font_table
    assert "SimSun" in all_text(doc) and "Noto Sans CJK SC" in all_text(doc)  # fallbacks named


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_captions_number_in_the_sequence_word_names_by_their_label(written, lang):
    # Chinese Word inserts a caption labelled 图 as SEQ 图: under SEQ Figure a writer's own
    # caption had started again at 图1
    with zipfile.ZipFile(written["a", lang]) as z:
        body = z.read("word/document.xml").decode()
    fields = re.findall(r"<w:instrText[^>]*> SEQ (\S+) ", body)
    want = {"zh": {"图", "表"}, "en": {"Figure", "Table"}}[lang]
    assert fields and set(fields) == want


def test_status_table_header_repeats_and_cells_are_filled(results, written):
    doc = Document(written["a", "zh"])
    [table] = doc.tables
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # the plan sections head their rows in full-width rows of their own (a ninth column
    # left too little room: figures broke inside, "（2020 / 年）")
    sections = list(dict.fromkeys(results.gaps["section_zh"]))
    heads = [r for r in table.rows if len({id(c._tc) for c in r.cells}) == 1]
    assert [r.cells[0].text for r in heads] == sections
    assert label("col.section", "zh") not in [c.text for c in table.rows[0].cells]
    assert len(table.rows) == len(results.gaps) + len(sections) + 1
    assert all(cell.text for row in table.rows for cell in row.cells)
    # P(meet) with its graded words on a line of their own (a narrow column)
    col = [c.text for c in table.rows[0].cells].index(label("col.p_meet", "zh"))
    rows = [r for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]
    probs = [row.cells[col] for row in rows if row.cells[col].text != "—"]
    bands = {label(f"likelihood.{g}", "zh") for _, g in LIKELIHOOD_BANDS}
    # the backtests' words over two lines ("回测显示 / 可能偏低": the print review)
    backtested = {part for k in ("low", "high")
                  for part in (label(f"fmt.p_backtest_{k}", "zh")[:4],
                               label(f"fmt.p_backtest_{k}", "zh")[4:])}  # fmt: skip
    owed = {label("fmt.no_own_figure", "zh", year=y) + "；" for y in (2023, 2025)}
    for c in probs:  # and what the longer series' backtests say of it, on a line below
        first, words, *more = c.text.split("\n")  # the year owed first: 2023, 2025 are over
        assert words.rstrip("；") in bands and set(more) <= backtested | owed, c.text
        assert c._tc.xml.count("<w:br/>") == 1 + len(more)


def test_two_runs_give_identical_bytes_and_fixed_properties(written):
    for lang in ("zh", "en"):
        a, b = written["a", lang].read_bytes(), written["b", lang].read_bytes()
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), lang
        with zipfile.ZipFile(io.BytesIO(a)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert z.namelist()[0] == "[Content_Types].xml"
            core = z.read("docProps/core.xml").decode()
        assert core.count("2022-12-31T00:00:00Z") == 2  # created and modified: the data year
        assert "python-docx" not in core and "<cp:revision>1</cp:revision>" in core


def test_control_characters_in_a_notebook_frame_do_not_break_the_brief(results, tmp_path):
    import dataclasses

    obs = results.observations.copy()
    home = obs["region"] == "langfang"
    obs.loc[home, "source"] = obs.loc[home, "source"] + "\x0cpage 3"
    ind = results.indicators.copy()
    ind["name_en"] = ind["name_en"].str.replace("High-tech enterprises", "High-tech\x0benterprises")
    odd = dataclasses.replace(results, observations=obs, indicators=ind)
    doc = Document(brief.write_brief(odd, tmp_path, lang="en"))
    text = all_text(doc)
    assert "High-tech enterprises" in text and "\x0c" not in text and "\x0b" not in text
    assert "\x0c" in odd.observations.loc[home, "source"].iloc[0]  # the caller's frame untouched


def test_uses_the_figures_stage_png_when_present(results, tmp_path):
    charts = brief.brief_charts(results, lang="en", scratch_dir=tmp_path / "scratch",
                                figures_dir=tmp_path / "none")  # fmt: skip
    assert [c.stem for c in charts][1:] == [
        "brief_trajectory_high_tech_enterprises",
        "brief_rd_path",
    ]
    # 2 of the 22 targets can be assessed: the brief shows those two on their own, legible in
    # print (the other 20 include R&D spending and tech SMEs, which have figures: "the 2 with
    # data" was untrue of them)
    assert charts[0].stem == "brief_gap_dashboard_2025"
    # 2025 is over (China's 2025 figures are out): its targets' status, not progress
    # towards it, and no "outcome" of grades that stand on 2022 data
    assert charts[0].title == ("Status of the 2025 targets: the 2 that can be assessed "
                               "(the other 20 have too little data to assess; see Table 1)")  # fmt: skip
    zh = brief.brief_charts(results, lang="zh", scratch_dir=tmp_path / "scratch_zh")
    assert zh[0].title.endswith("可评估的2项目标（其余20项数据不足以评估，见表1）")
    figures = tmp_path / "figures"
    figures.mkdir()
    for c in charts:
        (figures / c.png.name).write_bytes(c.png.read_bytes())
    again = brief.brief_charts(results, lang="en", figures_dir=figures)
    assert [c.png.parent for c in again] == [figures] * 3
    with pytest.raises(FileNotFoundError, match="missing"):
        brief.brief_charts(results, lang="en", figures_dir=tmp_path / "none")


def test_as_of_is_the_latest_langfang_year_used(results):
    obs = results.observations
    home = obs[(obs["region"] == "langfang") & obs["status"].isin(["final", "revised",
                                                                   "preliminary", "estimate"])]  # fmt: skip
    targeted = home[home["indicator_id"].isin(results.targets["indicator_id"])]
    # the latest figure behind a target (a context indicator's newer figure does not count),
    # the same year the landing page states
    assert brief.brief_as_of(results) == int(targeted["year"].max())
    overview = views.target_overview(results.gaps, results.indicators)
    latest, _ = landing.data_years(overview, results.observations)
    assert brief.brief_as_of(results) == latest
    early = load_results(as_of=2021)
    assert brief.brief_as_of(early) <= 2021
    assert brief.brief_path("out", 2021, "zh").name == "监测简报_2021.docx"
    assert brief.brief_path("out", 2021, "en").name == "monitoring-brief_2021.docx"
    # data up to the plan's last year: the file is named as its title reads, a final
    # evaluation's (a brief titled 终期评估简报 was circulated as 监测简报_2025.docx)
    end = config.PLAN_END_YEAR
    assert brief.brief_path("out", end - 1, "zh").name == f"监测简报_{end - 1}.docx"
    assert brief.brief_path("out", end, "zh").name == f"终期评估简报_{end}.docx"
    assert brief.brief_path("out", end + 1, "en").name == f"final-evaluation-brief_{end + 1}.docx"
    with pytest.raises(ValueError, match="lang must be"):
        brief.brief_path("out", 2021, "fr")


# --------------------------------------------------------------------------- the narrative


def gap_row(**fields) -> dict:
    row = dict.fromkeys(GAP_COLUMNS, np.nan)
    row.update(indicator_id="high_tech_enterprises", name_zh="高新技术企业数量",
               name_en="High-tech enterprises", kind="stock", unit_zh="家",
               section_zh="创新主体", section_en="Innovation actors", comparison=">=",
               growth_unit="%/yr", as_of=2023)  # fmt: skip
    row.update(fields)
    return row


def test_narrative_sentences_carry_the_gap_tables_numbers(indicators):
    gaps = pd.DataFrame([
        gap_row(milestone_year=2023, target=1300.0, baseline_year=2020, baseline_value=905.0,
                latest_year=2022, latest_value=1180.0, actual_cagr=0.1419, required_cagr=0.1283,
                projected=1320.0, projected_lo_80=1250.0, projected_hi_80=1390.0, p_meet=0.61,
                status="on_track"),
        gap_row(milestone_year=2025, target=1500.0, baseline_year=2020, baseline_value=905.0,
                latest_year=2022, latest_value=1180.0, actual_cagr=0.07, required_cagr=0.1063,
                required_cagr_from_latest=0.0832, best_growth=0.16, status="needs_acceleration"),
        gap_row(indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
                name_en="High-tech industry share", kind="share", unit_zh="%",
                growth_unit="pp/yr", milestone_year=2025, target=40.0, baseline_year=2020,
                baseline_value=35.6, latest_year=2022, latest_value=35.2, actual_cagr=-0.2,
                required_cagr=0.88, status="moving_away"),
        gap_row(indicator_id="rd_spending", name_zh="全社会研发经费", name_en="R&D spending",
                kind="growth_rate", unit_zh="亿元", milestone_year=2025, target=10.0,
                status="insufficient_data"),
    ])  # fmt: skip
    zh = brief.narrative(gaps, indicators, lang="zh")
    text = "\n".join(zh["sentence"])
    assert "从2020年的905家到2022年的1,180家" in text
    assert "年均增长14.2%" in text and "需年均增长12.8%" in text
    assert "1,320家（80%预测区间1,250家至1,390家），达标概率约61%（约各半）" in text
    # the fastest pace between successive figures, not a "best year" (2020→2023 is three)
    assert "自最新数据起需年均增长8.3%方能实现目标；相邻数字间最快为年均增长16.0%" in text
    unlikely = gaps.assign(p_meet=0.004)  # "约0%" read as impossible, "约<1%" as nonsense
    zh_low = "\n".join(brief.narrative(unlikely, indicators, lang="zh")["sentence"])
    en_low = "\n".join(brief.narrative(unlikely, indicators, lang="en")["sentence"])
    assert "达标概率不足1%（很不可能）" in zh_low and "约0%" not in zh_low
    assert "the target is below 1% (very unlikely)" in en_low
    assert "年均降低0.20个百分点" in text and "“偏离目标”" in text
    assert "“数据不足”：全社会研发经费。" in text
    # on track before needs acceleration inside a section; the no-data sentence last
    hte = zh[zh["indicator_id"] == "high_tech_enterprises"]
    assert list(hte["status"]) == ["on_track", "needs_acceleration"]
    assert zh.groupby("section", sort=False)["kind"].first().eq("counts").all()
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "from 905 firms in 2020 to 1,180 firms in 2022, +14.2% a year" in en
    assert "-0.20 pp a year" in en and "“Moving away”" in en
    assert "its fastest pace between successive figures so far was +16.0% a year" in en
    assert "On track”. The forecast for" in en
    assert not re.search(r"\b(nan|NaN|None)\b", text + en)


def test_narrative_makes_no_outlook_sentence_without_a_forecast(indicators):
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, latest_year=2022,
                                 latest_value=1600.0, status="achieved")])  # fmt: skip
    [sentence] = brief.narrative(gaps, indicators, lang="zh")["sentence"][1:]
    assert "已达到目标" in sentence and "预测" not in sentence
    assert brief.narrative(gaps.iloc[:0], indicators, lang="zh").empty
    # indicators and targets counted apart ("22项量化目标" stood above 2 + 22 targets)
    two = pd.concat([gaps, gaps.assign(milestone_year=2023, target=1300.0)], ignore_index=True)
    assert (
        "工作方案1项量化指标的2个目标（按目标年份计）"
        in brief.overview_sentences(two, as_of=2023)[0]
    )
    assert brief.overview_sentences(gaps, as_of=2023, lang="en")[1] == (
        "2025 targets: 1 in all (Achieved: 1, 1 reached before the milestone year, to be held "
        "until then)."  # 1,600 firms in 2022 against 1,500 by 2025
    )
    assert set(STATUS_CODES) >= set(gaps["status"])


def test_narrative_says_myriad_units_as_english_running_text(indicators):
    """54.03亿元 is "5.403 billion yuan" in English, not "54.03 100 million yuan"."""
    gaps = pd.DataFrame([
        gap_row(indicator_id="rd_spending", name_zh="全社会研发经费", name_en="R&D spending",
                unit_zh="亿元", milestone_year=2025, target=80.0, baseline_year=2020,
                baseline_value=40.0, latest_year=2022, latest_value=54.03, actual_cagr=0.162,
                required_cagr=0.0717, projected=79.0, projected_lo_80=70.0,
                projected_hi_80=90.5, p_meet=0.45, status="on_track"),
    ])  # fmt: skip
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    # the same precision as the Chinese text: one more decimal for a factor of ten; published
    # figures with their own decimals (the status table shows 40, not 40.00)
    assert "from 4.0 billion yuan in 2020 to 5.403 billion yuan in 2022" in en
    assert "7.000 billion yuan to 9.050 billion yuan" in en and "8.0 billion yuan" in en
    assert "100 million" not in en
    assert "从2020年的40亿元到2022年的54.03亿元" in zh and "70.00亿元至90.50亿元" in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_table_is_on_a_landscape_page_with_columns_fitted_to_their_text(written, lang):
    doc = Document(written["a", lang])
    table_section = next(s for s in doc.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert table_section.page_width > table_section.page_height
    assert doc.sections[-1].orientation == WD_ORIENT.PORTRAIT  # charts and annex upright again
    [table] = doc.tables
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == pytest.approx(Emu(brief.TABLE_WIDTH).twips, abs=len(grid))
    for row in table.rows:  # the cells say the same widths as the grid (Word reads these)
        if len({id(c._tc) for c in row.cells}) == 1:  # a plan section's row spans them all
            assert row.cells[0].width.twips == sum(grid)
            continue
        assert [c.width.twips for c in row.cells] == grid
    header = [c.text for c in table.rows[0].cells]
    depts = header.index(label("col.departments", lang))
    year = header.index(label("col.milestone_year", lang))
    assert grid[depts] > 1.5 * grid[year]  # long department lists get the room


def test_column_widths_keep_words_whole_and_share_the_rest_by_need():
    shown = pd.DataFrame({"Status": ["Insufficient data", "On track"],
                          "Departments": ["Science and Technology Bureau; " * 3] * 2,
                          "Year": ["2025", "2023"]})  # fmt: skip
    total = int(brief.Mm(150))
    widths = brief.column_widths(shown, total)
    assert sum(widths) == total
    half_em = brief.Pt(brief.SIZES["table"]) / 2
    for w, word in zip(widths, [len("Insufficient"), len("Departments"), 4], strict=True):
        assert w >= word * half_em + brief.CELL_PADDING  # no word broken inside
    assert widths[1] > widths[0] > widths[2]
    # too narrow for the words: scaled down together, still the exact total
    narrow = brief.column_widths(shown, int(brief.Mm(20)))
    assert sum(narrow) == int(brief.Mm(20)) and narrow[0] > narrow[2]
    # Chinese: short terms stay whole ("数据不足"), long runs may break
    zh = pd.DataFrame({"状态": ["数据不足"], "部门": ["市科技局、市工业和信息化局、市税务局" * 2]})
    w_zh = brief.column_widths(zh, int(brief.Mm(150)))
    assert w_zh[0] >= 8 * half_em + brief.CELL_PADDING and w_zh[1] > w_zh[0]


def test_chart_captions_cite_the_sources_of_what_the_chart_draws(results, written):
    """The trajectory chart draws figures from 2015 on; its caption cites only their sources,
    and the plan for the targets and the path it draws (they went uncited: the report
    writer's review)."""
    from langfang_metrics import plots

    doc = Document(written["a", "en"])
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    hte = "high_tech_enterprises"
    drawn = plots.drawn_observations(results.observations, hte)
    home = results.observations[(results.observations["region"] == config.HOME_REGION)
                                & (results.observations["indicator_id"] == hte)]  # fmt: skip
    assert len(home) > len(drawn)  # older figures exist and are not drawn
    drawn_names = {plots._source_name(s, "en") for s in drawn["source"].dropna()}
    i = next(k for k, c in enumerate(captions)
             if c.startswith(label("brief.figure", "en", n=2)))  # fmt: skip
    cited = captions[i + 1].removeprefix("Source: ")
    plan = label("source.plan_targets", "en")
    assert cited.endswith(label("source.separator", "en") + plan), cited
    cited = cited.removesuffix(label("source.separator", "en") + plan)
    cited = cited.removesuffix(label("source.and_more", "en"))
    assert cited and set(cited.split(label("source.separator", "en"))) <= drawn_names, cited
    rd = next(k for k, c in enumerate(captions) if c.startswith(label("brief.figure", "en", n=3)))
    assert captions[rd + 1].endswith(plan)


def test_brief_refuses_a_gap_table_of_mixed_vintages_and_a_missing_year(results, tmp_path):
    import dataclasses

    mixed = results.gaps.copy()
    mixed.loc[mixed.index[0], "as_of"] = 1999  # the first row used to decide: "up to 1999"
    with pytest.raises(ValueError, match=r"mixes vintages \(as_of \[1999, \d{4}\]\)"):
        brief.brief_as_of(dataclasses.replace(results, gaps=mixed))
    with pytest.raises(ValueError, match="as_of must be a whole year"):
        brief.brief_path(tmp_path, None, "zh")
    with pytest.raises(ValueError, match="without columns"):
        brief.column_widths(pd.DataFrame(), 1000)


def test_sentences_state_growth_flow_and_fine_targets_in_their_own_terms(indicators):
    gaps = pd.DataFrame([
        gap_row(indicator_id="rd_spending", name_zh="全社会研发经费投入", name_en="R&D spending",
                kind="growth_rate", unit_zh="亿元", milestone_year=2025, target=10.0,
                baseline_year=2021, baseline_value=54.03, latest_year=2024, latest_value=64.0,
                actual_cagr=0.058, required_cagr=0.10, status="insufficient_progress"),
        gap_row(indicator_id="industrial_rd_intensity", name_zh="规上工业研发投入强度",
                name_en="Industrial R&D intensity", kind="share", unit_zh="%",
                growth_unit="pp/yr", milestone_year=2025, target=1.45, baseline_year=2021,
                baseline_value=1.2, latest_year=2025, latest_value=1.44, actual_cagr=0.06,
                required_cagr=0.0625, ex_post="missed", ex_post_gap=1.44 - 1.45, status="missed"),
        gap_row(indicator_id="key_core_tech_per_year", name_zh="每年立项支持攻克关键核心技术",
                name_en="Key core technologies per year", kind="flow", unit_zh="项/年",
                growth_unit="", milestone_year=2025, target=10.0, baseline_year=2021,
                baseline_value=12.0, latest_year=2024, latest_value=8.0, actual_cagr=8.0,
                required_cagr=10.0, status="needs_acceleration"),
    ])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    # a growth-rate target is a rate, not an amount of money
    assert "（2025年目标年均增长10%）" in zh and "目标10.00亿元" not in zh
    assert "(2025 target 10% a year)" in en and "billion yuan)" not in en
    # 1.44 % against 1.45 %: the target's two decimals are not rounded away
    assert "（2025年目标1.45%）：从2021年的1.20%到2025年的1.44%" in zh
    assert "2025年实际值比目标差0.01个百分点。" in zh  # the rounded rates looked equal
    # a yearly flow: its latest year, not a "yearly change" of a yearly count; the target
    # per year, the year's figure in the count alone ("2024年为8项/年": the planner's review)
    assert "（2025年目标10项/年）：2024年为8项，评估为“需加快”" in zh
    assert "8 in 2024; assessed as “Needs acceleration”" in en and "a year a year" not in en


def test_a_latest_figure_that_may_still_change_says_so(indicators):
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, latest_year=2025,
                                 latest_value=1400.0, latest_status="preliminary",
                                 ex_post="missed", ex_post_gap=-100.0, status="missed")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "2025年为1,400家（初步数）" in zh and "2025年初步数比目标差100家。" in zh
    assert "1,400 firms (preliminary) in 2025" in en
    # the outcome is said to be provisional, in the sentence itself: an estimate or a
    # preliminary figure was called "实际值" and nothing said a final figure may turn it
    assert "该结果依据初步数，待正式数确认。" in zh and "实际值" not in zh
    assert ("The 2025 preliminary figure falls 100 firms short of the target. This outcome "
            "rests on a preliminary figure; the final figure may still change it.") in en  # fmt: skip
    met = gaps.assign(latest_value=1520.0, latest_status="estimate", ex_post="met",
                      ex_post_gap=20.0, status="achieved")  # fmt: skip
    zh = "\n".join(brief.narrative(met, indicators, lang="zh")["sentence"])
    assert "已达到目标" in zh and "该结果依据预计数，待正式数确认。" in zh
    final = gaps.assign(latest_status="final")
    zh = "\n".join(brief.narrative(final, indicators, lang="zh")["sentence"])
    assert "2025年实际值比目标差100家。" in zh and "待正式数确认" not in zh


def test_the_rerun_command_names_the_input_files_used():
    shipped = pd.DataFrame({"origin_file": ["data/raw/observations.csv"] * 2})
    assert brief.rerun_command(shipped, 2024) == "langfang-metrics run --as-of 2024"
    # a file outside the project by its name: a user's folder is no part of a publication
    both = pd.DataFrame({"origin_file": ["data/raw/observations.csv", "/data/科技局 2024.xlsx"]})
    assert brief.rerun_command(both, 2024) == (
        "langfang-metrics run --observations '科技局 2024.xlsx' --as-of 2024"
    )
    # the file that won the conflicts wins them again
    assert brief.rerun_command(both, 2024, ["/data/科技局 2024.xlsx"]) == (
        "langfang-metrics run --observations '科技局 2024.xlsx' "
        "--prefer '科技局 2024.xlsx' --as-of 2024"
    )
    # an as-of run names every input, not only those with figures up to its year, so its
    # --prefer file (of later years) is still among them
    cut = pd.DataFrame({"origin_file": ["data/raw/observations.csv"]})
    assert brief.rerun_command(cut, 2023, ["/d/main.csv"], inputs=(
        "data/raw/observations.csv", "/d/keji.csv", "/d/main.csv")) == (
        "langfang-metrics run --observations keji.csv main.csv --prefer main.csv --as-of 2023")  # fmt: skip
    alone = pd.DataFrame({"origin_file": ["returns/a.csv", "returns/b.xlsx"]})
    assert brief.rerun_command(alone, 2025) == (
        "langfang-metrics run --observations returns/a.csv returns/b.xlsx --no-shipped --as-of 2025"
    )


def test_a_missed_growth_rate_says_growth_fell_short_not_the_level(indicators):
    """The gap "2025年实际值比目标差1.3个百分点" read as a level 1.3 short of a 10 % target."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="rd_spending", name_zh="全社会研发经费投入", name_en="R&D spending",
        kind="growth_rate", unit_zh="亿元", growth_unit="%/yr", milestone_year=2025,
        target=10.0, baseline_year=2021, baseline_value=54.03, latest_year=2025,
        latest_value=75.3, actual_cagr=0.0868, required_cagr=0.10, ex_post="missed",
        ex_post_gap=8.68 - 10.0, status="missed")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "年均增速比目标低1.3个百分点。" in zh and "实际值比目标差" not in zh
    assert "That is 1.3 pp below the target rate." in en
    # the rate is said once: "+8.7%" in the trend, not again beside its gap
    assert zh.count("8.7%") == 1 and en.count("8.7%") == 1
    # without a baseline pace to say it (no trend sentence), the gap sentence gives the rate
    bare = gaps.assign(baseline_value=np.nan)
    zh_bare = "\n".join(brief.narrative(bare, indicators, lang="zh")["sentence"])
    assert "截至2025年年均增长8.7%，比目标增速低1.3个百分点。" in zh_bare


def test_a_narrow_miss_is_printed_with_the_decimals_that_show_it(indicators):
    """79.0 亿元 in 2025 from 54.03 in 2021 is 9.96 % a year: the brief said "+10.0% a year
    against the +10.0% a year the target needs; assessed as 'Missed' ... 0.0 pp below"."""
    actual = (79.0 / 54.03) ** 0.25 - 1
    gaps = pd.DataFrame([gap_row(
        indicator_id="rd_spending", name_zh="全社会研发经费投入", name_en="R&D spending",
        kind="growth_rate", unit_zh="亿元", growth_unit="%/yr", milestone_year=2025,
        target=10.0, baseline_year=2021, baseline_value=54.03, latest_year=2025,
        latest_value=79.0, actual_cagr=actual, required_cagr=0.10, ex_post="missed",
        ex_post_gap=actual * 100 - 10.0, status="missed")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "+9.96%" in en and "+10.00%" in en and "+10.0%" not in en
    assert zh.count("9.96%") == 1 and "年均增速比目标低0.04个百分点。" in zh  # said once
    assert "0.0 pp" not in en and "0.04 pp below" in en
    # a clear miss keeps one decimal
    wide = gaps.assign(actual_cagr=0.0868, ex_post_gap=8.68 - 10.0)
    assert "+8.7%" in "\n".join(brief.narrative(wide, indicators, lang="en")["sentence"])


def test_a_past_milestone_without_its_own_figure_is_said_so(indicators):
    gaps = pd.DataFrame([gap_row(milestone_year=2023, target=1300.0, latest_year=2022,
                                 latest_value=1180.0, ex_post="no_figure", as_of=2024,
                                 status="insufficient_data")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    # the assessment year, not a claim that figures run to it (none for 2024 may exist)
    # "评估截至2025年，2025年已过" read as a contradiction; the latest figure is said
    assert "评估年份为2024年，本指标尚缺2023年数据（最新为2022年1,180家），无法判断是否达标" in zh
    assert "尚无可评估进展的数据" not in zh
    assert (
        "assessed as of 2024, this indicator's 2023 figure is missing (latest: 1,180 firms "
        "in 2022)" in en
    )


def test_past_milestones_with_no_figure_at_all_are_listed_in_one_sentence(indicators):
    """At the final evaluation ten targets read "assessed as of 2025, this indicator's 2025
    figure is missing, so whether the target was met cannot be judged" one after another
    (the data-grows review); those with nothing else to say are listed together, one with
    a latest figure keeps its own sentence."""
    none = dict(milestone_year=2025, target=1500.0, latest_year=np.nan, latest_value=np.nan,
                baseline_value=np.nan, ex_post="no_figure", as_of=2025,
                status="insufficient_data")  # fmt: skip
    gaps = pd.DataFrame([
        gap_row(**none),
        gap_row(**{**none, "indicator_id": "tech_smes", "name_zh": "科技型中小企业数量",
                   "name_en": "Tech-based SMEs", "target": 10000.0}),
        gap_row(**{**none, "indicator_id": "specialised_smes_new", "name_zh": "专精特新新增数",
                   "name_en": "New SSE", "target": 400.0, "latest_year": 2024,
                   "latest_value": 300.0}),
    ])  # fmt: skip
    zh = brief.narrative(gaps, indicators, lang="zh")
    listed = zh[zh["kind"] == "no_data"]["sentence"].tolist()
    assert listed == ["以下2项目标尚缺2025年数据，无法判断是否达标，评估为“数据不足”："
                      "高新技术企业数量（2025年目标1,500家）；科技型中小企业数量（2025年目标10,000家）。"]  # fmt: skip
    own = zh[zh["kind"] == "target"]["sentence"].tolist()
    assert len(own) == 1 and "（最新为2024年300家）" in own[0]
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert (
        "Targets whose 2025 figure is missing, so whether they were met cannot be judged (2)" in en
    )
    # one alone keeps its sentence: "以下1项目标" read worse (the diff review)
    one = brief.narrative(gaps.iloc[[0, 2]], indicators, lang="zh")
    assert not (one["kind"] == "no_data").any()
    assert any(
        "高新技术企业数量（2025年目标1,500家）：评估年份为2025年" in t for t in one["sentence"]
    )


def test_negative_numbers_in_the_document_take_the_minus_sign(results, tmp_path):
    """'…showed -' / '7.1%.': Word and LibreOffice break a line after a hyphen-minus."""
    import dataclasses

    gaps = results.gaps.copy()
    lag = gaps.index[gaps["indicator_id"] == "high_tech_enterprises"][-1]
    gaps.loc[lag, ["status", "actual_cagr", "best_growth", "required_cagr_from_latest"]] = [
        "moving_away", -0.071, -0.02, 0.09]  # fmt: skip
    doc = brief.build_brief(dataclasses.replace(results, gaps=gaps), lang="en")
    text = all_text(doc)
    assert "\u22127.1% a year" in text and "-7.1%" not in text
    assert not re.search(r"(?<![\w-])-\d", text)  # no hyphen-minus starts a number
    assert "langfang-metrics run" in text and "2021-2025" in text  # a command, a range: hyphens


def test_an_english_year_range_is_not_broken_across_lines(results):
    """ "(2020-" ended a line and "2025)" began the next: the hyphen of a year range in
    English text is Word's non-breaking hyphen. Chinese text keeps a plain hyphen
    (LibreOffice's CJK line breaking broke at it anyway and printed it twice), and so does a
    verbatim command ("obs-2021-2022.csv" must copy as typed)."""
    en = brief.build_brief(results, lang="en")
    body = en.element.body
    assert body.findall(".//" + qn("w:noBreakHyphen"))
    assert "2021-2025" in all_text(en)  # python-docx reads it back as a hyphen
    doc = Document()
    p = brief._paragraph(doc, "Figures owed (2020-2025, 2022-2024); run \0 now.",
                         verbatim="run --observations obs-2021-2022.csv")  # fmt: skip
    runs = p._p.findall(qn("w:r"))
    assert [len(r.findall(qn("w:noBreakHyphen"))) for r in runs] == [2, 0, 0]
    assert p.text == "Figures owed (2020-2025, 2022-2024); run run --observations " \
        "obs-2021-2022.csv now."  # fmt: skip
    zh = brief._paragraph(doc, "企业创新联合体数量（2020-2025年）")
    assert not zh._p.findall(".//" + qn("w:noBreakHyphen")) and "2020-2025" in zh.text
    code = brief._paragraph(doc, "file obs-2021-2022.csv, 12020-2025, 2020-20250")
    assert not code._p.findall(".//" + qn("w:noBreakHyphen"))


def _as_printed(text: str, lang: str) -> str:
    """``text`` as the brief prints it: English with typographic quotes (``curly_quotes``)."""
    return brief.curly_quotes(text) if lang == "en" else text


def test_the_dagger_is_explained_where_the_key_points_first_show_it():
    """Page 1 printed "61%†" and explained it on page 8 only (the report writer's review):
    under the key points, each marked target's reason with its numbers."""
    import dataclasses

    from langfang_metrics import compute

    r = compute.load_results()
    for lang, start, item in (
        ("zh", "†：预测与本指标迄今的走势不一致", "高新技术企业数量（2023年）：预测此后年均增长7.0%，远慢于迄今的年均增长17.9%"),
        ("en", "†: the forecast departs", "High-tech enterprises (2023): forecast +7.0% a year"),
    ):  # fmt: skip
        texts = [p.text for p in brief.build_brief(r, lang=lang).paragraphs]
        [said] = [t for t in texts if t.startswith(start)]
        first = next(i for i, t in enumerate(texts) if "†" in t)
        sections = texts.index(label("brief.h_sections", lang))
        assert first < texts.index(said) < sections and item in said  # under the key points
    calm = dataclasses.replace(r, gaps=r.gaps.assign(forecast_method="combo"))
    assert not any(p.text.startswith("†") for p in brief.build_brief(calm).paragraphs)


def test_english_brief_wording_reads_as_english(results):
    """A comma splice, a 'them' without referent, a CJK blank line and straight
    apostrophes beside curly quotation marks, found in review."""
    en = brief.build_brief(results, lang="en")
    text = all_text(en)
    assert "of them" not in text
    assert "Targets without the figures to assess progress yet (3), assessed as" in text
    prepared = next(p.text for p in en.paragraphs if p.text.startswith("Prepared by:"))
    assert prepared == "Prepared by: " + "_" * 24 and "＿" not in text
    zh = all_text(brief.build_brief(results, lang="zh"))
    assert "编制单位：" + "＿" * 12 in zh
    # the brief's own English uses curly apostrophes (registry names are left as given)
    for key in ("brief.title", "brief.overview_basis", "brief.sources_intro"):
        assert "'" not in label(key, "en") and "\u2019" in label(key, "en")
    # and so does every word it prints, labels and registry names alike: 30 straight beside
    # 20 curly ones, 'Top 100' beside “On track” (the report writer's review); commands and
    # file names set verbatim may keep theirs
    verbatim = {p.text for p in en.paragraphs if p.text[:3].rstrip(". ").isdigit()}
    assert not [line for line in text.split("\n") if "'" in line and line not in verbatim]
    assert "‘Top 100 high-tech enterprises’" in text and "plan’s" in text
    assert brief.curly_quotes("the city's award, 'Top 100'.") == "the city’s award, ‘Top 100’."


def test_the_annex_says_what_the_specialist_indicators_count(results):
    """The page and the workbook said what 科技型中小企业 and 高价值发明专利 count; the brief,
    the document that goes to the vice-mayor, did not (the planner's review)."""
    from langfang_metrics import views

    for lang in ("zh", "en"):
        doc = brief.build_brief(results, lang=lang)
        heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        paras = [p.text for p in doc.paragraphs]
        assert label("brief.h_definitions", lang) in heads
        at = heads.index(label("brief.h_definitions", lang))
        assert heads[at - 1] == label("brief.h_methods", lang)  # after the methods
        # without definitions in the registry the section still stands, numbered alike
        bare = dataclasses.replace(results, indicators=results.indicators.drop(
            columns=["definition_zh", "definition_en"]))  # fmt: skip
        plain = brief.build_brief(bare, lang=lang)
        assert [p.text for p in plain.paragraphs if p.style.name.startswith("Heading")] == heads
        assert label("brief.no_definitions", lang) in [p.text for p in plain.paragraphs]
        said = views.definitions(results.indicators, results.targets, lang)
        assert said and all(
            brief.curly_quotes(f"{n}{label('fmt.colon', lang)}{d}") in paras
            if lang == "en"
            else f"{n}：{d}" in paras
            for n, d in said
        )


def test_a_change_that_rounds_to_zero_has_no_sign():
    """'the best year so far showed -0 projects'."""
    assert brief._growth(-0.3, "units/yr", "项", 0, "zh") == "0项"
    assert brief._growth(0.001, "pp/yr", "%", 1, "en") == "0.00 pp"
    assert brief._growth(-0.071, "%/yr", "家", 0, "en") == "-7.1%"


def test_one_of_a_count_is_singular_in_english(indicators):
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, latest_year=2025,
                                 latest_value=1499.0, ex_post="missed", ex_post_gap=-1.0,
                                 status="missed")])  # fmt: skip
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "falls 1 firm short" in en and "1 firms" not in en


def test_an_achieved_target_says_by_how_much(indicators):
    """'460 firms, the target is met' left out the 60 it was exceeded by (and, with it, was
    a comma splice)."""
    gaps = pd.DataFrame([
        gap_row(milestone_year=2025, target=1500.0, latest_year=2024, latest_value=1560.0,
                status="achieved"),
        gap_row(indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
                name_en="High-tech industry share", kind="share", unit_zh="%",
                growth_unit="pp/yr", milestone_year=2025, target=40.0, latest_year=2025,
                latest_value=40.0, status="achieved"),
    ])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "2024年为1,560家，已达到目标（超出60家）" in zh
    assert "1,560 firms in 2024, which meets the target with 60 firms to spare;" in en
    assert "2025年为40%，已达到目标，" in zh  # met exactly: no "超出0"
    ceiling = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, comparison="<=",
                                    latest_year=2024, latest_value=1440.0, status="achieved")])  # fmt: skip
    assert "（低于上限60家）" in "\n".join(
        brief.narrative(ceiling, indicators, lang="zh")["sentence"]
    )


def test_a_pace_graded_on_the_path_through_an_earlier_milestone_says_so(indicators):
    """The 2025 row of a target with a 2023 milestone is graded on the path through it
    (``required_to`` before the milestone year): "实现目标需年均" would claim the pace that
    reaches 1,500 by 2025, which is not the one the grade used."""
    row = gap_row(milestone_year=2025, target=1500.0, baseline_year=2020, baseline_value=905.0,
                  latest_year=2023, latest_value=1258.0, actual_cagr=0.1160,
                  required_cagr=0.1283, required_to=2023, status="needs_acceleration")  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="en")["sentence"])
    assert "年均增长11.6%，按目标路径同期需年均增长12.8%，评估为“需加快”" in zh
    assert "+11.6% a year against the +12.8% a year the target path asked for" in en
    straight = pd.DataFrame([{**row, "required_to": 2025}])
    assert "年均增长11.6%，而自2020年起实现目标需年均增长12.8%" in "\n".join(
        brief.narrative(straight, indicators, lang="zh")["sentence"]
    )


def test_an_on_track_target_says_the_pace_still_needed_from_its_latest_figure(indicators):
    """The key points said "此后需年均增长3.3%" while the brief's sentence said only "实现目标需
    年均增长12.8%" (the pace since the baseline): a planner read two different "needed" rates
    (the planner's review). The sentence names the baseline year of its pace and says what
    is still needed from the latest figure, before the forecast's own pace."""
    row = gap_row(milestone_year=2023, target=1300.0, baseline_year=2020, baseline_value=905.0,
                  latest_year=2022, latest_value=1258.0, actual_cagr=0.1789,
                  required_cagr=0.1283, required_to=2023, required_cagr_from_latest=0.0334,
                  expected_on_path=1152.0, projected=1346.0, projected_lo_80=1151.0,
                  projected_hi_80=1622.0, p_meet=0.61, status="on_track")  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="en")["sentence"])
    assert (
        "而自2020年起实现目标需年均增长12.8%，评估为“符合进度”。自最新数据起需年均增长3.3%方能实现目标。预测"
        in zh
    )
    assert ("the +12.8% a year the target needs from 2020; assessed as “On track”. From the "
            "latest figure it needs +3.3% a year to reach the target. ") in en  # fmt: skip
    # a level already past its target's path needs no rate (a stock past it is achieved)
    past = {**row, "required_cagr_from_latest": -0.02}
    assert "自最新数据起" not in "\n".join(
        brief.narrative(pd.DataFrame([past]), indicators, lang="zh")["sentence"]
    )


def test_a_target_met_before_a_past_milestone_says_its_own_figure_is_owed(indicators):
    """At the final evaluation a count that met its 2025 target in 2023, with no 2025 figure,
    read "已达到目标，评估为已实现" and nothing more, under an overview saying milestones
    without their year's figure are not judged (found by the Chinese-reader review)."""
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=10.0, latest_year=2023,
                                 latest_value=12.0, status="achieved", ex_post="no_figure",
                                 as_of=2025)])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "评估为“已实现”。2025年数据尚缺，待其确认是否保持。" in zh
    assert "Whether it held awaits the 2025 figure." in en
    # with the milestone's own figure nothing is owed
    own = gaps.assign(latest_year=2025, ex_post="met")
    assert "尚缺" not in "\n".join(brief.narrative(own, indicators, lang="zh")["sentence"])
    basis = label("brief.overview_basis_final", "zh", year=2025, n=22, m=24, end=2025)
    assert "此前已达到目标的水平类指标" in basis


def test_a_yearly_flows_other_years_are_said(indicators):
    gaps = pd.DataFrame([gap_row(indicator_id="key_core_tech_per_year",
                                 name_zh="每年立项支持攻克关键核心技术",
                                 name_en="Key core technologies per year", kind="flow",
                                 unit_zh="项/年", growth_unit="", milestone_year=2025,
                                 target=10.0, latest_year=2025, latest_value=10.0,
                                 status="achieved")])  # fmt: skip
    flows = pd.DataFrame({"indicator_id": "key_core_tech_per_year", "year": [2022, 2024],
                          "target": 10.0, "comparison": ">=", "value": [9.0, float("nan")],
                          "met": [False, pd.NA]})  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", flows=flows)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", flows=flows)["sentence"])
    assert "其他年度：2022年9项（差1项）、2024年尚无数据。" in zh
    assert "the other years: 2022: 9 (short by 1), 2024: no figure yet." in en
    assert "个达到当年目标" not in zh  # one year with a figure: nothing to tally
    # every year with a figure counted, the milestone's met 2025 with the missed 2022
    gaps["ex_post"] = "met"
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", flows=flows)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", flows=flows)["sentence"])
    assert "已有数据的2个年度中1个达到当年目标。" in zh
    assert "Of the 2 years with a figure, 1 met the year's target." in en
    # no figure in any of those years: the no-data sentence says it already
    empty = flows.assign(value=float("nan"), met=pd.NA)
    assert "其他年度" not in "\n".join(brief.narrative(gaps, indicators, flows=empty)["sentence"])
    # beside another target of its section, the flow's other years follow its own sentence
    # (they followed the section's last target, another indicator's)
    other = gap_row(indicator_id="innovation_consortia", name_zh="企业创新联合体数量",
                    milestone_year=2025, target=10.0, latest_year=2024, latest_value=8.0,
                    status="needs_acceleration", section_zh=gaps["section_zh"].iloc[0])  # fmt: skip
    both = pd.concat([gaps, pd.DataFrame([other])], ignore_index=True)
    story = brief.narrative(both, indicators, lang="zh", flows=flows)
    kinds = story[story["kind"] != "counts"][["kind", "indicator_id"]].values.tolist()
    at = kinds.index(["flow_years", "key_core_tech_per_year"])
    assert kinds[at - 1] == ["target", "key_core_tech_per_year"]


def test_an_80_percent_range_short_of_the_target_never_prints_as_the_target(indicators):
    """4.969 printed "5.0" beside a target of 5 and a 9 % chance."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="digital_economy_share", name_zh="数字经济核心产业增加值占比",
        name_en="Digital economy share", kind="share", unit_zh="%", growth_unit="pp/yr",
        milestone_year=2025, target=5.0, baseline_year=2021, baseline_value=4.1,
        latest_year=2023, latest_value=4.5, actual_cagr=0.2, required_cagr=0.225,
        projected=4.71, projected_lo_80=4.47, projected_hi_80=4.969, p_meet=0.09,
        status="needs_acceleration")])  # fmt: skip
    text = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    assert "4.97%" in text and "5.0%" not in text.split("预测")[-1]


def test_a_projected_count_is_in_whole_things_as_the_table_prints_it(indicators):
    """ "约10.01个（7.11个至14.82个）" in the text beside "10个 [7–15]" in the table."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="innovation_consortia", name_zh="企业创新联合体数量",
        name_en="Enterprise innovation consortia", kind="stock", unit_zh="个",
        growth_unit="units/yr", milestone_year=2025, target=10.0, baseline_year=2021,
        baseline_value=4.0, latest_year=2024, latest_value=8.0, actual_cagr=1.33,
        required_cagr=1.5, projected=10.0103, projected_lo_80=7.11, projected_hi_80=14.82,
        p_meet=0.51, status="needs_acceleration")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    assert "约为10个（80%预测区间7个至15个）" in zh and "10.01" not in zh


def test_a_forecast_far_ahead_of_the_series_best_year_says_why(indicators):
    """A share that never gained more than 0.8 points a year, forecast to gain 2.4 in 2025:
    "needs acceleration" beside "62 % likely" without a word on where the 2.4 comes from."""
    row = gap_row(
        indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
        name_en="High-tech industry share", kind="share", unit_zh="%", growth_unit="pp/yr",
        milestone_year=2025, target=40.0, baseline_year=2020, baseline_value=35.6,
        latest_year=2024, latest_value=38.3, actual_cagr=0.675, required_cagr=0.88,
        best_growth=0.8, required_cagr_from_latest=1.7, projected=40.7,
        projected_lo_80=37.8, projected_hi_80=45.7, p_meet=0.62, forecast_method="growth_additive",
        status="needs_acceleration")  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    assert "此后年均提高2.40个百分点，快于相邻数字间最快的年均提高0.80个百分点" in zh
    en = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="en")["sentence"])
    assert "faster than its fastest pace between successive figures so far" in en
    ceiling = {**row, "comparison": "<="}  # its best year is its steepest fall: not said
    assert "快于" not in "\n".join(
        brief.narrative(pd.DataFrame([ceiling]), indicators, lang="zh")["sentence"]
    )
    calm = {**row, "projected": 39.0}  # +0.7 a year: nothing to explain
    assert "最快的年均提高0.80个百分点：" not in "\n".join(
        brief.narrative(pd.DataFrame([calm]), indicators, lang="zh")["sentence"]
    )


def test_a_rising_forecast_of_a_series_that_never_rose_says_why(indicators):
    """A share that fell 1.44 -> 1.40 -> 1.36, forecast at 1.46 and 52 % likely: the caveat
    was skipped because the best year was not a rise. A falling forecast needs none."""
    row = gap_row(
        indicator_id="industrial_rd_intensity", name_zh="规上工业研发投入强度",
        name_en="Industrial R&D intensity", kind="share", unit_zh="%", growth_unit="pp/yr",
        milestone_year=2025, target=1.45, baseline_year=2022, baseline_value=1.44,
        latest_year=2024, latest_value=1.36, actual_cagr=-0.04, required_cagr=0.003,
        best_growth=-0.04, required_cagr_from_latest=0.09, projected=1.46,
        projected_lo_80=1.30, projected_hi_80=1.62, p_meet=0.52, forecast_method="growth_additive",
        status="moving_away")  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    assert "而本序列迄今从未上升（相邻数字间最好为年均降低0.04个百分点）" in zh
    en = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="en")["sentence"])
    assert "has not risen between any two figures so far" in en
    falling = {**row, "projected": 1.30}
    assert "从未上升" not in "\n".join(
        brief.narrative(pd.DataFrame([falling]), indicators, lang="zh")["sentence"]
    )


def test_an_as_of_brief_says_it_uses_figures_as_known_now():
    """--as-of 2023 used the revised 2023 figure; the brief said only 'data as of 2023'."""
    early = load_results(as_of=2021)
    doc = brief.build_brief(early, lang="en")
    subtitle = [p.text for p in doc.paragraphs][1]
    assert subtitle.startswith("Data as of ") and "later revisions included" in subtitle


def test_the_rerun_command_repeats_the_runs_own_as_of():
    """A final evaluation run --as-of 2026 on figures up to 2025 said "--as-of 2025": that
    run graded a 2025 milestone without its figure "on track" again."""
    late = load_results(as_of=2026)
    text = "\n".join(p.text for p in brief.build_brief(late, lang="en").paragraphs)
    assert "--as-of 2026" in text and "--as-of 2022" not in text
    # a run without --as-of is repeated without one: --as-of set to the data's year cut the
    # other regions' later figures and the years still owed, and gave another brief
    shipped = "\n".join(p.text for p in brief.build_brief(load_results(), lang="en").paragraphs)
    assert "--as-of" not in shipped
    assert "To regenerate it, run from the project folder: langfang-metrics run" in shipped
    assert brief.rerun_command(pd.DataFrame({"origin_file": []}), None) == "langfang-metrics run"
    # the command ends its paragraph: no full stop to copy with it
    zh = [p.text for p in brief.build_brief(late, lang="zh").paragraphs if "运行：" in p.text]
    assert zh and zh[0].endswith("--as-of 2026")
    returns = pd.DataFrame({"origin_file": ["/w/ret/a.xlsx", "data/raw/observations.csv"]})
    assert brief.rerun_place(returns) == "inputs" and brief.rerun_place(shipped_obs()) == "project"


def test_the_briefs_own_figures_are_drawn_at_its_text_width():
    """Drawn A4 wide and placed 156 mm wide, the dashboard's 8-point labels printed at 6."""
    from langfang_metrics import config

    emu_per_mm = 36000
    assert brief.TEXT_WIDTH / emu_per_mm == pytest.approx(config.BRIEF_TEXT_WIDTH_MM, abs=0.1)


def test_a_run_with_context_figures_only_has_a_brief_year(results):
    """GDP figures alone: the gap table has no data year, and the brief stopped the run."""
    import dataclasses

    obs = results.observations
    ctx = obs[obs["indicator_id"] == "gdp"]
    gaps = results.gaps.assign(as_of=pd.NA)
    assert brief.brief_as_of(dataclasses.replace(results, observations=ctx, gaps=gaps)) == int(
        ctx.loc[ctx["region"] == "langfang", "year"].max())  # fmt: skip
    # no Langfang figure at all (a new city's first run: other regions' figures only): the
    # plan's base year, whose baselines are all the data there is (the run stopped here)
    others = obs[obs["region"] != "langfang"]
    assert brief.brief_as_of(dataclasses.replace(results, observations=others, gaps=gaps)) == (
        config.PLAN_BASE_YEAR)  # fmt: skip


def test_a_forecast_far_behind_the_series_own_pace_says_why(indicators):
    """80 additions a year so far, forecast 40: "on track" beside "unlikely" without a word."""
    row = gap_row(
        indicator_id="specialised_smes_new", name_zh="新增专精特新中小企业", name_en="New SMEs",
        kind="cumulative", unit_zh="家", growth_unit="units/yr", milestone_year=2025,
        target=400.0, baseline_year=2020, baseline_value=0.0, latest_year=2023,
        latest_value=240.0, actual_cagr=80.0, required_cagr=80.0, best_growth=85.0,
        projected=320.0, projected_lo_80=240.0, projected_hi_80=420.0, p_meet=0.24,
        forecast_method="growth", status="on_track")  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    assert "远慢于迄今的年均" in zh


def test_a_milestone_with_a_figure_of_another_definition_only_says_so(indicators):
    """5.2 % for 2025 under a new definition sat only as a cross on a chart while the brief
    forecast 2025 from the old series."""
    from langfang_metrics import gaps as gaps_module

    row = gap_row(indicator_id="digital_economy_share", name_zh="数字经济核心产业增加值占比",
                  name_en="Digital economy share", kind="share", unit_zh="%",
                  growth_unit="pp/yr", milestone_year=2025, target=5.0, latest_year=2024,
                  latest_value=4.3, status="needs_acceleration")  # fmt: skip
    obs = pd.DataFrame({"indicator_id": "digital_economy_share", "region": "langfang",
                        "year": [2023, 2024, 2025], "value": [4.1, 4.3, 5.2],
                        "status": ["final", "final", "other-definition"]})  # fmt: skip
    other = gaps_module.other_definition_figures(obs, pd.DataFrame([row]))
    assert other.to_dict("records") == [
        {"indicator_id": "digital_economy_share", "milestone_year": 2025, "value": 5.2,
         "status": "other-definition"}
    ]  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh",
                                   other_definition=other)["sentence"])  # fmt: skip
    assert "2025年另有口径不同的数字（5.2%），与本序列不可比，未计入评估。" in zh
    # with its own 2025 figure, nothing to say
    own = pd.concat([obs, obs.iloc[[2]].assign(status="final", value=5.0)])
    assert gaps_module.other_definition_figures(own, pd.DataFrame([row])).empty


def test_a_milestone_with_a_bound_only_says_so_and_whether_it_settles_the_target(indicators):
    """'More than 1,000' S&T commissioners for 2025 against a target of 1,000 read "the 2025
    figure is missing, so whether the target was met cannot be judged"."""
    from langfang_metrics import gaps as gaps_module

    row = gap_row(indicator_id="high_tech_enterprises", milestone_year=2025, target=1000.0,
                  latest_year=2024, latest_value=900.0, status="insufficient_data",
                  ex_post="no_figure", as_of=2025)  # fmt: skip
    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2024, 2025], "value": [900.0, 1000.0],
                        "status": ["final", "lower-bound"]})  # fmt: skip
    bound = gaps_module.other_definition_figures(obs, pd.DataFrame([row]))
    assert bound["status"].tolist() == ["lower-bound"]
    # the gap table graded it on the bound (gaps.deciding_bound): met, provisionally
    met = dict(row, latest_year=2025, latest_value=1000.0, latest_status="lower-bound",
               status="achieved", ex_post="met", p_meet=1.0)  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([met]), indicators, lang="zh",
                                   other_definition=bound)["sentence"])  # fmt: skip
    assert "2025年仅有下限数字（不低于1,000家），已可知达到目标，按已实现计，待确切数字。" in zh
    en = "\n".join(brief.narrative(pd.DataFrame([met]), indicators, lang="en",
                                   other_definition=bound)["sentence"])  # fmt: skip
    assert "only a lower bound is held (at least 1,000 firms), so the target is known" in en
    # the same bound, not graded on (a year not over, say): said, not counted
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh",
                                   other_definition=bound)["sentence"])  # fmt: skip
    assert "2025年仅有下限数字（不低于1,000家），下限不计入序列，未作评估。" in zh
    # a lower bound under the target settles nothing
    low = gaps_module.other_definition_figures(obs.assign(value=[900.0, 950.0]),
                                               pd.DataFrame([row]))  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh",
                                   other_definition=low)["sentence"])  # fmt: skip
    assert "2025年仅有下限数字（不低于950家），下限不计入序列，未作评估。" in zh
    # a growth-rate target's 10 is a rate: a level bound settles nothing (55亿元 "met" it)
    rate = dict(row, kind="growth_rate", target=10.0, growth_unit="%/yr")
    zh = "\n".join(brief.narrative(pd.DataFrame([rate]), indicators, lang="zh",
                                   other_definition=bound)["sentence"])  # fmt: skip
    assert "仅有下限数字" in zh and "已可知达到目标" not in zh
    # a ceiling with both bounds in its year: the upper bound, which settles it, is said
    ceiling = dict(row, comparison="<=")
    both = pd.concat([obs, obs.iloc[[1]].assign(value=900.0, status="upper-bound")])
    kept = gaps_module.other_definition_figures(both, pd.DataFrame([ceiling]))
    assert kept[["value", "status"]].values.tolist() == [[900.0, "upper-bound"]]
    within = dict(ceiling, latest_year=2025, latest_value=900.0, latest_status="upper-bound",
                  status="achieved", ex_post="met", p_meet=1.0)  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([within]), indicators, lang="zh",
                                   other_definition=kept)["sentence"])  # fmt: skip
    assert "2025年仅有上限数字（不高于900家），已可知达到目标" in zh
    # the row's own deciding bound is the one said, whichever the other table ranks first
    short = dict(row, latest_year=2025, latest_value=900.0, latest_status="upper-bound",
                 status="missed", ex_post="missed", p_meet=0.0)  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([short]), indicators, lang="zh",
                                   other_definition=bound)["sentence"])  # fmt: skip
    assert "2025年仅有上限数字（不高于900家），已可知未达到目标，按未达标计" in zh
    floor = gaps_module.other_definition_figures(both, pd.DataFrame([row]))
    assert floor["status"].tolist() == ["lower-bound"]  # a floor keeps its lower bound
    # a concat of gap frames repeats index labels: each row keeps its own comparison
    stacked = pd.concat([pd.DataFrame([dict(row, indicator_id="tech_smes")]),
                         pd.DataFrame([ceiling])])  # fmt: skip
    assert stacked.index.tolist() == [0, 0]
    kept = gaps_module.other_definition_figures(both, stacked)
    assert kept["status"].tolist() == ["upper-bound"]
    # no milestone with such a figure: an empty frame that keeps its columns
    none = gaps_module.other_definition_figures(both.assign(year=2024), pd.DataFrame([row]))
    assert none.empty and list(none.columns) == ["indicator_id", "milestone_year", "value",
                                                 "status"]  # fmt: skip


def test_a_yearly_change_of_one_item_is_singular():
    """'+1 firms a year': the yearly change did not agree with a number of one."""
    assert brief._growth(1.0, "units/yr", "firms", 0, "en") == "+1 firm"
    assert brief._growth(2.0, "units/yr", "firms", 0, "en") == "+2 firms"
    assert brief._growth(1.0, "units/yr", "家", 0, "zh") == "+1家"


def test_the_sources_list_counts_only_the_figures_the_series_used(results):
    """A preliminary figure replaced by the final one was listed among the sources "of the
    figures assessed" (a press release's 1,258 beside its revision)."""
    import dataclasses

    obs = results.observations
    base = obs[(obs["indicator_id"] == "high_tech_enterprises") & (obs["region"] == "langfang")
               & (obs["year"] == 2022)].iloc[[0]]  # fmt: skip
    revised = base.assign(value=1250.0, status="revised", source="SYNTHETIC revision")
    early = base.assign(value=1200.0, status="preliminary", source="SYNTHETIC flash")
    r = dataclasses.replace(results, observations=pd.concat([obs, revised, early]))
    lines = "\n".join(brief._sources(r, 2022, "en"))
    assert "SYNTHETIC revision (2022, 1 figure)" in lines
    assert "SYNTHETIC flash" not in lines
    # the superseded 1,258 no longer counts for its source (2021's figure still does)
    before = "\n".join(brief._sources(results, 2022, "en"))
    assert "press conference on S&T achievements, 2023-02-10 (2021-2022, 2 figures)" in before
    assert "press conference on S&T achievements, 2023-02-10 (2021, 1 figure)" in lines


def test_the_english_sources_list_says_whose_return_a_chinese_source_is(results):
    """The final evaluation's English brief listed "TEST INVENTED 市科技局复核 (2022, 1
    figure)": a source the Science and Technology Bureau typed into the return that revised
    2022's high-tech enterprises, bare Chinese in an English list."""
    import dataclasses

    obs = results.observations
    base = obs[(obs["indicator_id"] == "high_tech_enterprises") & (obs["region"] == "langfang")
               & (obs["year"] == 2022)].iloc[[0]]  # fmt: skip
    revised = base.assign(value=1262.0, status="revised", source="TEST INVENTED 市科技局复核",
                          origin_file="/r/市科技局_2023-2025.csv")  # fmt: skip
    r = dataclasses.replace(results, observations=pd.concat([obs, revised]))
    en = brief._sources(r, 2022, "en")
    item = "Science and Technology Bureau's return: TEST INVENTED 市科技局复核 (2022, 1 figure)"
    assert item in en
    assert "TEST INVENTED 市科技局复核（2022年，1个数据）" in brief._sources(r, 2022, "zh")
    # the shipped table's sources carry their gloss: no return is said
    assert not any("return:" in s for s in brief._sources(results, 2022, "en"))


def test_the_brief_says_what_to_ask_of_whom(results):
    """20 targets read "insufficient data" and the brief named them, but not who owes which
    years, nor that a milestone judged on an estimate may still change."""
    zh = brief.missing_sentences(results, lang="zh")
    en = brief.missing_sentences(results, lang="en")
    assert zh[0].startswith("以下22项指标的部分年份尚无可用于评估的数据")
    sti = next(t for t in zh if t.startswith("市科技局："))
    assert "高新技术企业数量（2021、2023—2025年，其中2023、2025年为目标节点年份）" in sti
    assert "瞪羚企业、独角兽种子企业数量（2020—2025年）；" in sti  # items split by ；
    assert zh[-1].endswith("每万人口高价值发明专利拥有量（2022年，预计数；市市场监督管理局）。")
    assert "(2022, estimate; Market Regulation Bureau)" in en[-1]
    doc = brief.build_brief(results, lang="zh")
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads.index(label("brief.h_missing", "zh")) == heads.index("三、各项目标进展情况") + 1
    assert sti in all_text(doc)
    # the departments in the plan's order, in both languages: its lead, 市科技局, first
    from langfang_metrics.labels import department_label, department_rank

    plan = list(department_rank(results.gaps["departments"]))
    for lang, lines in (("zh", zh), ("en", en)):
        named = [department_label(d, lang) for d in plan]
        sep = "：" if lang == "zh" else ": "
        said = [n for n in named if any(t.startswith(n + sep) for t in lines)]
        firsts = [next(n for n in named if t.startswith(n + sep)) for t in lines
                  if any(t.startswith(n + sep) for n in named)]  # fmt: skip
        assert firsts == said and firsts[0] == named[0], (lang, firsts)


def test_the_owed_years_that_settle_a_milestone_are_named(results):
    """The page sets a milestone year in bold among the years owed; the brief named none, so
    its reader could not tell the 2023 high-tech count, which settles a milestone, from 2021.
    The years most indicators share are said once in the lead, the others item by item."""
    zh = brief.missing_sentences(results, lang="zh")
    en = brief.missing_sentences(results, lang="en")
    assert zh[0].endswith("除另有注明外，以2025年的数字判定是否达标。")
    assert en[0].endswith("Unless another year is named, the 2025 figure settles whether a "
                          "target is met.")  # fmt: skip
    sti = next(t for t in zh if t.startswith("市科技局："))
    assert "科技型中小企业数量（2021—2025年）；" in sti  # the usual 2025: said in the lead
    assert "每年立项支持攻克关键核心技术（2021—2025年，均为目标节点年份）" in sti
    sti_en = next(t for t in en if t.startswith("Science and Technology Bureau: "))
    assert "High-tech enterprises (2021, 2023-2025; milestone years: 2023, 2025)" in sti_en
    # once 2025 is held for every indicator but one, no year is "usual": each item says its own
    import dataclasses

    obs = results.observations
    row = obs[obs["region"] == "langfang"].iloc[[0]]
    ids = [i for i in dict.fromkeys(results.targets["indicator_id"]) if i != "tech_smes"]
    fill = pd.concat([row.assign(indicator_id=i, year=2025, status="final", value=1.0)
                      for i in ids], ignore_index=True)  # fmt: skip
    r = dataclasses.replace(results, observations=pd.concat([obs, fill], ignore_index=True),
                            missing=None)  # fmt: skip
    zh = brief.missing_sentences(r, lang="zh")
    assert "目标是否达成" not in zh[0]
    assert "科技型中小企业数量（2021—2025年，其中2025年为目标节点年份）" in "".join(zh)
    assert "高新技术企业数量（2021、2023—2024年，其中2023年为目标节点年份）" in "".join(zh)


def test_a_vintage_brief_asks_for_no_figure_after_its_year():
    """An --as-of 2021 run owes no later year; a run on every figure owes every plan year
    (the 2023-2025 figures decide the milestones), as the landing page lists them."""
    from langfang_metrics import compute

    early = "\n".join(brief.missing_sentences(compute.load_results(as_of=2021), lang="zh"))
    assert "2021年" in early and not any(str(y) in early for y in (2022, 2023, 2024, 2025))


def test_years_are_written_as_runs():
    assert brief._years_text([2025, 2021, 2022, 2023], "zh") == "2021—2023、2025年"
    assert brief._years_text([2020], "en") == "2020"


def test_the_rerun_command_tells_apart_returns_of_one_name():
    """Two rounds of returns keep their file names: the command named
    '数据征集表_市科技局.xlsx' twice."""
    obs = pd.DataFrame({"origin_file": ["/tmp/r/ret/数据征集表_市科技局.xlsx",
                                        "/tmp/r/ret3/数据征集表_市科技局.xlsx", "/tmp/r/a.csv"]})  # fmt: skip
    cmd = brief.rerun_command(obs, 2025, prefer=["/tmp/r/ret3/数据征集表_市科技局.xlsx"])
    assert cmd == ("langfang-metrics run --observations a.csv 'ret/数据征集表_市科技局.xlsx' "
                   "'ret3/数据征集表_市科技局.xlsx' --no-shipped --prefer "
                   "'ret3/数据征集表_市科技局.xlsx' --as-of 2025")  # fmt: skip


def test_the_rerun_command_runs_from_the_folder_that_holds_the_returns():
    """Two rounds in sibling folders printed 'round2/a.xlsx' beside a bare 'b.xlsx' that
    lay in round2 too: run from anywhere, one of them was not found."""
    obs = pd.DataFrame({"origin_file": ["/w/returned/数据征集表_市科技局.xlsx",
                                        "/w/round2/数据征集表_市科技局.xlsx",
                                        "/w/round2/数据征集表_市发展改革委.xlsx",
                                        "data/raw/observations.csv"]})  # fmt: skip
    assert brief.rerun_command(obs, 2024) == (
        "langfang-metrics run --observations 'returned/数据征集表_市科技局.xlsx' "
        "'round2/数据征集表_市发展改革委.xlsx' 'round2/数据征集表_市科技局.xlsx' --as-of 2024"
    )

    # files in unrelated trees are named alone: no tree of the user's folders, from the root
    apart = pd.DataFrame({"origin_file": ["/home/u/ret/a.xlsx", "/mnt/usb/b.xlsx"]})
    assert "--observations a.xlsx b.xlsx" in brief.rerun_command(apart, 2024)


def test_a_ceiling_reads_as_a_ceiling_in_the_sentences(indicators):
    """A ceiling, "测试上限比重（2025年目标9%）", read as a floor beside the table's "≤9%"."""
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, baseline_year=2020,
                                 baseline_value=1900.0, latest_year=2022, latest_value=1700.0,
                                 actual_cagr=-0.054, required_cagr=-0.046,
                                 status="on_track")])  # fmt: skip
    ceiling = gaps.assign(comparison="<=")
    zh = "\n".join(brief.narrative(ceiling, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(ceiling, indicators, lang="en")["sentence"])
    assert "2025年目标≤1,500家" in zh and "2025 target ≤ 1,500 firms" in en
    floor = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    assert "2025年目标1,500家" in floor and "≤" not in floor


def test_a_ceiling_missed_is_over_it_not_short_of_it(indicators):
    """A ceiling of 20 read "22 items in 2025 ... falls 2 items short of the target"."""
    from langfang_metrics.views import flow_year_items

    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, comparison="<=",
                                 baseline_year=2020, baseline_value=1900.0, latest_year=2025,
                                 latest_value=1520.0, ex_post="missed", ex_post_gap=20.0,
                                 actual_cagr=-0.044, required_cagr=-0.046,
                                 status="missed")])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    assert "2025年实际值超出上限20家。" in zh and "比目标差" not in zh
    assert "The 2025 figure is 20 firms over the ceiling." in en
    years = pd.DataFrame({"year": [2021, 2022], "target": [20.0, 20.0], "value": [18.0, 21.0],
                          "met": [True, False], "comparison": ["<=", "<="]})  # fmt: skip
    assert flow_year_items(years, "项", "zh").endswith("2022年21项（超出上限1项）")
    floor = years.assign(comparison=">=", value=[21.0, 18.0], met=[True, False])
    assert flow_year_items(floor, "项", "zh").endswith("2022年18项（差2项）")


def test_a_trajectory_without_a_forecast_on_it_is_not_captioned_with_one(results):
    """At the final evaluation the forecast starts after 2025, off the chart, and the
    caption still read "actual figures, required path and forecast"."""
    import dataclasses

    assert brief._trajectory_caption(results, "high_tech_enterprises") == "brief.fig_trajectory"
    later = results.forecasts[results.forecasts["year"] > 2025]
    settled = dataclasses.replace(results, forecasts=later)
    assert (brief._trajectory_caption(settled, "high_tech_enterprises")
            == "brief.fig_trajectory_settled")  # fmt: skip
    assert label("brief.fig_trajectory_settled", "en", name="X") == (
        "X: actual figures and target path"
    )


def test_the_briefs_properties_name_the_tool_and_the_data_year(results, tmp_path):
    """docProps said "Microsoft Macintosh Word", 1 page, 0 words, and created, modified and
    printed on 2021-12-07, before the 2022 figures the brief reports."""
    import zipfile

    path = brief.write_brief(results, tmp_path, lang="en")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        core = z.read("docProps/core.xml").decode()
    assert "docProps/app.xml" not in names and "docProps/thumbnail.jpeg" not in names
    assert "2022-12-31T00:00:00Z" in core and "2021-12-07" not in core
    assert "lastPrinted" not in core and "<dc:creator>langfang-metrics</dc:creator>" in core


def test_a_ceilings_forecast_against_its_fall_is_said_in_its_own_words(indicators):
    """A share falling toward a ceiling, forecast to rise: the brief said "far slower than the
    average so far (−1.30 pp)" of a +2.30 pp rise."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
        name_en="High-tech industry share", kind="share", unit_zh="%", growth_unit="pp/yr",
        comparison="<=", milestone_year=2025, target=30.0, baseline_year=2020,
        baseline_value=35.6, latest_year=2023, latest_value=33.0, actual_cagr=-0.867,
        required_cagr=-1.12, best_growth=-1.5, status="needs_acceleration",
        forecast_method="growth_additive", projected=37.6, projected_lo_80=34.0,
        projected_hi_80=41.0, p_meet=0.05)])  # fmt: skip
    en = "\n".join(brief.narrative(gaps, indicators, lang="en")["sentence"])
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    # (the document sets the minus sign; the sentences keep the hyphen-minus)
    assert "far from the fall of 0.87 pp a year so far" in en and "far slower" not in en
    assert "降幅远小于迄今的年均降低0.87个百分点" in zh


def shipped_obs() -> pd.DataFrame:
    return pd.DataFrame({"origin_file": ["data/raw/observations.csv"]})


def test_targets_without_figures_are_listed_so_a_name_holding_a_comma_stays_whole(written):
    """ "瞪羚企业、独角兽种子企业数量、“百强高企”培育企业数" read as three targets where the
    sentence counted two: the list's 、 is also inside the first name."""
    zh = all_text(Document(written["a", "zh"]))
    sentence = next(line for line in zh.splitlines()
                    if "项目标尚无可评估进展的数据" in line and "瞪羚" in line)  # fmt: skip
    assert "瞪羚企业、独角兽种子企业数量；" in sentence or sentence.endswith(
        "瞪羚企业、独角兽种子企业数量。")  # fmt: skip
    assert "瞪羚企业、独角兽种子企业数量、" not in sentence


def test_an_achieved_rate_target_says_the_rate_and_its_years():
    """R&D spending "74亿元 in 2025, achieved" gave no rate: whether 45 (2020) or 54.03 (2021)
    was the base, and over how many years, was in no text a reader sees."""
    row = pd.Series({"kind": "growth_rate", "actual_cagr": 0.104597, "baseline_year": 2020,
                     "latest_year": 2025, "latest_value": 74.0, "target": 10.0})  # fmt: skip
    assert brief._surplus(row, "亿元", 1, "zh") == "（2020—2025年年均增长10.5%，目标年均10.0%）"
    assert brief._surplus(row, "亿元", 1, "en") == (
        " (10.5% a year over 2020-2025 against the 10.0% a year set)"
    )
    assert brief._surplus(row.drop("actual_cagr"), "亿元", 1, "zh") == ""


def test_a_target_met_earlier_and_lost_says_so(indicators):
    """Gazelle firms reached 104 against 100 in 2023 and fell to 96 by 2025: the brief said
    only that they grew too slowly (12.5 %/yr against 13.6 %)."""
    from langfang_metrics import gaps as gp

    obs = pd.DataFrame({"indicator_id": "gazelle_unicorn_seed", "region": "langfang",
                        "year": [2021, 2023, 2024, 2025], "value": [60.0, 104.0, 101.0, 96.0],
                        "status": "final"})  # fmt: skip
    row = gap_row(indicator_id="gazelle_unicorn_seed", name_zh="瞪羚企业数量",
                  name_en="Gazelle firms", milestone_year=2025, target=100.0, latest_year=2025,
                  latest_value=96.0, baseline_year=2021, baseline_value=60.0, status="missed",
                  kind="stock")  # fmt: skip
    gaps = pd.DataFrame([row])
    reached = gp.reached_before(obs, gaps)
    assert reached[["year", "value"]].values.tolist() == [[2023, 104.0]]
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", reached=reached)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", reached=reached)["sentence"])
    assert "2023年曾达104家，已达到目标，其后回落。" in zh
    assert "It had reached 104 in 2023, meeting the target, and has fallen back since." in en
    # its milestone figure still owed, the owed-figure sentence says it too
    owed = pd.DataFrame([{**row, "latest_year": 2024, "latest_value": 96.0, "as_of": 2025,
                          "status": "insufficient_data", "ex_post": "no_figure"}])  # fmt: skip
    early = obs[obs["year"] < 2025].assign(value=[60.0, 104.0, 96.0])
    zh = "\n".join(brief.narrative(owed, indicators, lang="zh",
                                   reached=gp.reached_before(early, owed))["sentence"])  # fmt: skip
    assert "本指标尚缺2025年数据" in zh and "2023年曾达104家，已达到目标，其后回落。" in zh
    # a target whose latest figure meets it, or that never met it, says nothing of the kind
    assert gp.reached_before(obs[~obs["year"].isin([2023, 2024])], gaps).empty


def test_a_revised_figure_is_said_in_its_section(indicators):
    """The series took the revised 1,262 for 2022; the brief never said 1,258 was replaced."""
    revisions = pd.DataFrame([{"indicator_id": "high_tech_enterprises", "year": 2022,
                               "value": 1262.0, "status": "revised", "earlier_value": 1258.0,
                               "earlier_status": "final"}])  # fmt: skip
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, status="on_track",
                                 latest_year=2022, latest_value=1262.0)])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", revisions=revisions)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", revisions=revisions)["sentence"])
    assert "数据更新：" in zh and "2022年由1,258家（正式数）改为1,262家（修订数）。" in zh
    assert (
        "Figures updated: " in en
        and "2022: 1,258 firms (final) is now 1,262 firms (revised)." in en
    )
    assert "数据更新" not in "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    # a figure typed ten times off and corrected is said as a correction, not a revision
    slip = revisions.assign(value=125.8, earlier_value=1258.0, slip=True)
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", revisions=slip)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", revisions=slip)["sentence"])
    assert "2022年原录入的1,258家有误，已更正为125.8家（修订数）。" in zh and "改为" not in zh
    assert "2022: 1,258 firms was a typing error, corrected to 125.8 firms (revised)." in en


def test_a_milestone_figure_confirmed_by_the_final_one_is_said(indicators):
    """A 2025 estimate of 40.3 % confirmed by a final 40.3 %: the provisional count fell and
    nothing said which outcome had become final. Confirmations of other years say nothing
    new and are left out."""
    revisions = pd.DataFrame([
        {"indicator_id": "high_tech_enterprises", "year": 2025, "value": 1510.0,
         "status": "final", "earlier_value": 1510.0, "earlier_status": "estimate"},
        {"indicator_id": "high_tech_enterprises", "year": 2024, "value": 1420.0,
         "status": "final", "earlier_value": 1420.0, "earlier_status": "preliminary"}])  # fmt: skip
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, status="achieved",
                                 latest_year=2025, latest_value=1510.0)])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", revisions=revisions)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", revisions=revisions)["sentence"])
    assert "数据更新：高新技术企业数量2025年1,510家（预计数）已由正式数确认。" in zh
    assert "2025: 1,510 firms (estimate) is confirmed by the final figure." in en
    assert "2024" not in zh.split("数据更新：")[1]


def test_a_revision_that_turns_a_milestones_outcome_says_so(indicators):
    """A final 1,490 replaced a preliminary 1,510 against 1,500 in 2025: the status went
    from achieved to missed, and the page said only that the figure changed."""

    def revision(old, new):
        return pd.DataFrame([{"indicator_id": "high_tech_enterprises", "year": 2025,
                              "value": new, "status": "final", "earlier_value": old,
                              "earlier_status": "preliminary"}])  # fmt: skip

    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, status="missed",
                                 latest_year=2025, latest_value=1490.0)])  # fmt: skip

    def said(old, new, lang):
        out = brief.narrative(gaps, indicators, lang=lang, revisions=revision(old, new))
        return "\n".join(out["sentence"])

    assert "2025年由1,510家（初步数）改为1,490家（正式数），2025年目标由已实现变为未达标。" in said(
        1510.0, 1490.0, "zh")  # fmt: skip
    assert ("2025: 1,510 firms (preliminary) is now 1,490 firms (final), so the 2025 target "
            "is now missed (it was met).") in said(1510.0, 1490.0, "en")  # fmt: skip
    assert "2025年目标由未达标变为已实现" in said(1490.0, 1510.0, "zh")
    # a revision on the same side of the target changes no outcome, and says none
    assert "目标由" not in said(1520.0, 1510.0, "zh")
    # a growth-rate target's 10 is a rate a year: a level is not compared with it
    rate = gaps.assign(kind="growth_rate", target=10.0)
    out = brief.narrative(rate, indicators, lang="zh", revisions=revision(9.0, 11.0))
    assert "目标由" not in "\n".join(out["sentence"])


def test_the_chinese_table_breaks_its_cells_between_terms_not_inside_them(results):
    """In the brief's table "市财政 / 局", "1,300 / 家" and "（2020 / 年）" were broken
    inside: a word processor breaks Chinese anywhere once a line runs past its column."""
    shown, _ = brief.status_table(results.gaps, results.indicators, lang="zh")
    row = shown[shown[label("col.name", "zh")] == "高新技术企业数量"].iloc[0]
    # as many departments to a line as their column holds, broken only between two names: one
    # a line, the final evaluation's table ran over five pages (the planner's print review)
    assert (
        row[label("col.departments", "zh")] == "市科技局、\n市市场监督管理局、\n市财政局、市税务局"
    )
    assert row[label("col.baseline_to_target", "zh")] == "905家\n（2020年）\n→ 1,300家"
    assert row[label("col.latest", "zh")] == (
        "1,258家\n（2022年）\n按路径2022年应为\n1,152家\n2020年以来年均\n增长17.9%\n"
        "2023年达标需\n年均增长3.3%"  # 2023 is over: what reaching 1,300 took
    )
    assert row[label("col.projected_range", "zh")].startswith("1,346家\n[")
    # under its status, as on the page, the year of the figures it was graded on: 2023 is over
    # without its own figure (the planner's review: the brief did not say it)
    assert row[label("col.status", "zh")] == "符合进度\n按2022年\n数据"
    # a running total's baseline and the backtests' eight characters at their natural breaks:
    # LibreOffice printed "（自2020年末起累 / 计）" and "回测显示可能偏 / 低" (the print review)
    smes = shown[shown[label("col.name", "zh")] == "市级以上“专精特新”中小企业新增数"].iloc[0]
    assert smes[label("col.baseline_to_target", "zh")] == "0家\n（2021年起\n累计新增）\n→ 400家"
    cells = [c.text for tb in brief.build_brief(results, lang="zh").tables for r in tb.rows
             for c in r.cells]  # fmt: skip
    assert any(c.endswith("回测显示\n可能偏低") for c in cells)
    assert not any("回测显示可能偏低" in c for c in cells)
    en, _ = brief.status_table(results.gaps, results.indicators, lang="en")
    assert "On track\non 2022 data" in set(en[label("col.status", "en")])
    depts = en[label("col.departments", "en")]
    tag = label("fmt.departments_inferred", "en").strip()
    # one line per cell, spaces break it; the inferred tag alone on a line of its own: beside
    # the last department it read as that one's only (the English reader's review)
    assert depts.str.contains(tag, regex=False).any()
    assert all(d.count("\n") == (tag in d) and (tag not in d or d.endswith("\n" + tag))
               for d in depts), list(depts)  # fmt: skip
    for lang in ("zh", "en"):  # no target: an empty table, not an error
        empty, codes = brief.status_table(results.gaps.iloc[:0], results.indicators, lang=lang)
        assert empty.empty and codes == []
    # the lines of the other columns get their room first; the name wraps in what is left
    total = brief.TABLE_WIDTH
    table = shown.drop(columns=[label("col.section", "zh")])
    widths = brief.column_widths(table, total, prose=[0])
    unit = brief.Pt(brief.SIZES["table"]) / 2
    for j, col in enumerate(table.columns[1:], start=1):
        line = max(brief._text_units(t)[1] for t in [col, *table[col]])
        assert widths[j] >= line * unit + brief.CELL_PADDING - 1, col
    assert sum(widths) == total
    # a mixed line counts the space a word processor puts between Chinese and digits
    assert brief._text_units("缺2025年数据")[1] == 2 + 4 + 6 + 1
    # a short term of both is one word: LibreOffice printed "[80%区 / 间]", "缺 2025 年数 / 据"
    assert brief._text_units("缺2025年数据")[0] == 13
    assert brief._text_units("[80%区间]")[0] == 9
    # ... with the closing mark after it, which no line may start with (LibreOffice printed
    # "缺 2023 年数 / 据；": the report writer's review)
    assert brief._text_units("缺2023年数据；")[0] == 13 + 2
    # ... but a line may break at a full-width bracket: "1.65件/万人 / （2020年）"
    assert brief._text_units("1.65件/万人（2020年）")[0] == brief._text_units("1.65件/万人")[0]
    assert (
        brief._text_units("市人力资源社会保障局")[0] == 2 * brief.CJK_TERM
    )  # a long run may break
    # ... but a department, one a line, is kept whole where the table asks for it
    depts = pd.DataFrame({"部门": ["市开发区改革发展工作办公室\n市科技局"], "x": ["1"]})
    wide = brief.column_widths(depts, total, whole=[0])
    assert wide[0] >= 26 * unit + brief.CELL_PADDING - 1


def test_a_missed_rate_target_says_its_rate_as_the_tables_round_it(indicators):
    """The missed growth-rate sentence rounded half to even ("+9.3%" beside "9.2%") and a
    rate of -0.04 % read "年均增长-0.0%"."""
    row = gap_row(indicator_id="rd_spending", kind="growth_rate", target=10.0,
                  growth_unit="%/yr", milestone_year=2025, latest_year=2025,
                  status="missed", ex_post="missed", baseline_year=2021,
                  actual_cagr=-0.0004, ex_post_gap=-10.04)  # fmt: skip
    zh = "\n".join(brief.narrative(pd.DataFrame([row]), indicators, lang="zh")["sentence"])
    assert "-0.0%" not in zh and "截至2025年年均增长0.0%" in zh


def test_a_pace_on_the_half_rounds_up_not_down_by_float_noise():
    """(1.45 - 1.30) / 2 points a year is 0.07499999999999996 in binary: the brief said the
    target needs "+0.07 pp a year" for 0.075."""
    assert brief._growth((1.45 - 1.30) / 2, "pp/yr", "%", 2, "en") == "+0.08 pp"
    assert brief._growth(0.1283, "%/yr", "", 0, "zh") == "+12.8%"
    assert brief._growth(-0.00004, "pp/yr", "%", 2, "en") == "0.00 pp"  # no "-0.00"
    assert brief._number(1257.5, 0) == "1,258" and brief._number(2.675, 2) == "2.68"
    assert brief._number(float("nan"), 1) == "nan"


def test_the_outlook_prints_a_small_share_as_the_table_does(indicators):
    """A share forecast of 4.09 % with an 80 % range of 3.2-5.71 read "约4%（80%预测区间3%至
    6%）" beside a target of 5 % (its decimals), where the brief's own table says 4.09
    [3.20–5.71]."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
        name_en="High-tech industry share", kind="share", unit_zh="%", growth_unit="pp/yr",
        milestone_year=2025, target=5.0, latest_year=2023, latest_value=4.3,
        projected=4.0912, projected_lo_80=3.2044, projected_hi_80=5.7081, p_meet=0.3,
        status="needs_acceleration")])  # fmt: skip
    text = "\n".join(brief.narrative(gaps, indicators, lang="zh")["sentence"])
    assert "预测2025年约为4.09%（80%预测区间3.20%至5.71%）" in text  # the table's 3.20
    wide = gaps.assign(projected=12.3, projected_lo_80=0.5, projected_hi_80=25.01)
    text = "\n".join(brief.narrative(wide, indicators, lang="en")["sentence"])
    # a share keeps 1 decimal, its range's top rounded up as the table's "[0.5–25.1]"
    assert "about 12.3% (80% interval 0.5% to 25.1%)" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_outlook_prints_the_80_percent_range_the_table_prints(indicators, lang):
    """The brief's sentence said "80%预测区间1,151家至1,622家" and "2.40 … to 6.35" where its
    own Table 1 and the page say "[1,150–1,622]" and "[2.40–6.36]": the tables round a range
    outwards, the sentence rounded to nearest. Every row's sentence now carries the table's
    median and ends, 亿元 as billion yuan in English included."""
    gaps = pd.DataFrame([
        gap_row(milestone_year=2023, target=1300.0, baseline_year=2020, baseline_value=905.0,
                latest_year=2022, latest_value=1258.0, actual_cagr=0.179, required_cagr=0.1283,
                projected=1345.709, projected_lo_80=1150.6219, projected_hi_80=1621.8519,
                p_meet=0.61, status="on_track"),
        gap_row(milestone_year=2025, target=1500.0, baseline_year=2020, baseline_value=905.0,
                latest_year=2022, latest_value=1258.0, actual_cagr=0.179, required_cagr=0.1063,
                projected=1536.659, projected_lo_80=1135.2338, projected_hi_80=2204.3537,
                p_meet=0.54, status="on_track"),
        gap_row(indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
                name_en="High-tech industry share", kind="share", unit_zh="%",
                growth_unit="pp/yr", milestone_year=2025, target=40.0, latest_year=2023,
                latest_value=36.2, projected=38.0449, projected_lo_80=35.0061,
                projected_hi_80=41.0449, p_meet=0.3, status="needs_acceleration"),
        gap_row(indicator_id="rd_spending", name_zh="全社会研发经费", name_en="R&D spending",
                kind="stock", unit_zh="亿元", milestone_year=2025, target=80.0, latest_year=2023,
                latest_value=64.6, projected=73.349, projected_lo_80=61.2249,
                projected_hi_80=88.0351, p_meet=0.2, status="needs_acceleration"),
    ])  # fmt: skip
    overview = views.target_overview(gaps, indicators, lang=lang)
    table = views.format_overview(overview, lang=lang)[label("col.projected_range", lang)]
    story = brief.narrative(gaps, indicators, lang=lang)
    said = story[story["kind"] == "target"]
    for (_, row), cell in zip(overview.iterrows(), table, strict=True):
        numbers = re.findall(r"[\d,.]*\d", cell)  # median, low end, high end
        sentence = said[
            (said["indicator_id"] == row["indicator_id"])
            & (said["milestone_year"] == row["milestone_year"])
        ]["sentence"].iloc[0]
        year = int(row["milestone_year"])
        outlook = sentence.split(f"预测{year}年约为" if lang == "zh"
                                 else f"The forecast for {year} is about")[-1]  # fmt: skip
        outlook = outlook.replace("80%", "")  # the range's name
        assert re.findall(r"[\d,.]*\d", outlook)[:3] == numbers, (cell, outlook)
    text = "\n".join(said["sentence"])
    assert ("1,150家至1,622家" if lang == "zh" else "1,150 firms to 1,622 firms") in text
    assert ("1,135家至2,205家" if lang == "zh" else "1,135 firms to 2,205 firms") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_projection_short_of_its_target_prints_apart_from_it_in_table_and_sentence(
    indicators, lang
):
    """With the sentence printing the table's decimals, a share projected at 39.96 beside
    its 40 % target read "40.0" in both, its range's top end (39.98, rounded outwards) too:
    as if met, beside a chance under even. The table's decimals show the difference."""
    gaps = pd.DataFrame([gap_row(
        indicator_id="high_tech_industry_share", name_zh="高新技术产业增加值占比",
        name_en="High-tech industry share", kind="share", unit_zh="%", growth_unit="pp/yr",
        milestone_year=2025, target=40.0, latest_year=2023, latest_value=38.9,
        projected=39.96, projected_lo_80=37.1, projected_hi_80=39.98, p_meet=0.3,
        status="needs_acceleration")])  # fmt: skip
    overview = views.target_overview(gaps, indicators, lang=lang)
    cell = views.format_overview(overview, lang=lang)[label("col.projected_range", lang)].iloc[0]
    numbers = re.findall(r"[\d,.]*\d", cell)
    assert numbers == ["39.96", "37.10", "39.98"], cell
    story = brief.narrative(gaps, indicators, lang=lang)
    sentence = story.loc[story["kind"] == "target", "sentence"].iloc[0]
    assert "39.96" in sentence and "39.98" in sentence and "40.0%" not in sentence


def test_a_growth_rate_targets_growth_figures_are_said_after_its_sentences(results, written):
    """R&D spending, one level and "2022 growth 10 % or more": the brief named it among the
    targets without data and said nothing of the growth held. It is said after the
    section's no-data sentence, against the 10 % a year, in both languages, and in the
    written brief."""
    for lang, words in (
        ("zh", "全社会研发经费投入已报告的年增速：2022年≥10%（预计数，不低于要求的年均10%）"),
        ("en", "yearly growth reported: at least 10% in 2022 (estimate, not below the plan's "
               "10% a year)"),
    ):  # fmt: skip
        story = brief.results_narrative(results, lang=lang)
        said = story[story["kind"] == "rate_years"]
        assert len(said) == 1 and words in said["sentence"].iloc[0]
        section = story[story["section"] == said["section"].iloc[0]]
        kinds = list(section["kind"])
        assert kinds.index("rate_years") == kinds.index("no_data") + 1
        assert _as_printed(said["sentence"].iloc[0], lang) in all_text(Document(written["a", lang]))
    # an assessed growth-rate target: right after its own sentence
    gaps = results.gaps.copy()
    rd = gaps["indicator_id"] == "rd_spending"
    gaps.loc[rd, ["status", "latest_year", "latest_value"]] = ["on_track", 2022, 60.0]
    rates = pd.DataFrame({"indicator_id": ["rd_spending"], "year": [2022], "value": [11.0],
                          "status": ["final"], "target": [10.0], "comparison": [">="],
                          "met": [True]})  # fmt: skip
    story = brief.narrative(gaps, results.indicators, lang="zh", rates=rates)
    mine = story[story["indicator_id"] == "rd_spending"]
    assert list(mine["kind"]) == ["target", "rate_years"]
    assert mine.index[1] == mine.index[0] + 1
    assert "2022年11%（不低于要求的年均10%）" in mine["sentence"].iloc[1]


def test_the_briefs_table_says_a_probability_the_backtests_find_likely_too_low(results, written):
    """Table 1 printed "61%† 约各半" while the methods annex said the same indicator's
    longer series find it likely too low."""
    from langfang_metrics import views

    keys = views.reliability_keys(results.events, results.gaps)
    assert keys.get("high_tech_enterprises") == "low"
    shown, _ = brief.status_table(results.gaps, results.indicators, lang="zh",
                                  reliability=keys)  # fmt: skip
    p = shown[label("col.p_meet", "zh")]
    assert p.str.contains("回测显示\n可能偏低", regex=False).sum() == 3
    table = "\n".join(c.text for t in Document(written["a", "zh"]).tables
                      for r in t.rows for c in r.cells)  # fmt: skip
    assert table.count("回测显示\n可能偏低") == 3  # at its natural break (the print review)


def test_the_briefs_table_says_growth_reported_and_a_flows_other_years_as_the_page(
    results, written
):
    """Table 1 showed R&D's one level and a yearly flow's milestone figure only, while the
    page says the growth reported under the figure and the flow's other years under its
    name (the planner review)."""
    table = "\n".join(c.text for t in Document(written["a", "zh"]).tables
                      for r in t.rows for c in r.cells)  # fmt: skip
    assert "已报告的单年增速：2022年≥10%" in table
    flows = pd.DataFrame({"indicator_id": "key_core_tech_per_year", "year": [2021, 2022],
                          "target": 10.0, "comparison": ">=", "value": [12.0, 8.0],
                          "met": [True, False]})  # fmt: skip
    shown, _ = brief.status_table(results.gaps, results.indicators, lang="zh", flows=flows)
    names = shown[label("col.name", "zh")]
    said = names[names.str.contains("其他年度")]
    assert len(said) == 1 and said.iloc[0].startswith("每年立项支持攻克关键核心技术\n其他年度：")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_software_and_file_names_stand_only_in_the_technical_notes(written, lang):
    """The brief named langfang-metrics, docs/forecasting.md and probability_backtests.csv
    in its text and a whole fonts section (the report writer's review: a clerk had to find
    and strip each). They stand together in the last section, which says it may go."""
    doc = Document(written["a", lang])
    paras = [p.text for p in doc.paragraphs if p.text]
    start = paras.index(label("brief.h_technical", lang))
    body, technical = paras[:start], paras[start:]
    assert paras[-1] == _as_printed(label("brief.m_fonts", lang), lang)
    # the methods' "指标登记表（data/raw/registry）" too (the planner's review)
    software = re.compile(r"langfang|docs/|data/processed|data/raw|\.csv|\.md\b|本系统|the suite")
    assert not [p for p in body if software.search(p)]
    assert technical[1] == _as_printed(label("brief.m_technical", lang), lang)
    assert any("langfang-metrics run" in p for p in technical)
    assert any("probability_backtests.csv" in p for p in technical)
    assert any("data/raw/registry" in p for p in technical)  # where the registry is, still
    # the statement that no judgement was added stays with the methods
    assert _as_printed(label("brief.m_generated", lang), lang) in body


def test_the_sources_count_the_figures_the_brief_quotes_beside_the_series():
    """The 2022 plan-execution report was credited with one figure (the patents estimate)
    while the brief also quoted its R&D growth "at least 10 % in 2022" (the numbers audit)."""
    from langfang_metrics import compute

    r = compute.load_results()
    lines = brief._sources(r, 2022, "zh")
    report = [
        line for line in lines if line.startswith("廊坊市2022年国民经济和社会发展计划执行情况")
    ]
    assert report == ["廊坊市2022年国民经济和社会发展计划执行情况（2022年，2个数据）"]
    # a series figure quoted once is counted once
    assert sum(int(re.search(r"(\d+)个数据", line)[1]) for line in lines) == 8


def test_the_annex_starts_its_own_page_without_an_empty_paragraph(results, tmp_path):
    """An empty paragraph holding a page break spilled onto a page of its own when the
    charts filled theirs: page 11 of the English brief was blank (the English reader's
    review). The annex heading starts the page itself."""
    charts = brief.brief_charts(results, lang="en", scratch_dir=tmp_path / "scratch",
                                figures_dir=tmp_path / "none")  # fmt: skip
    doc = brief.build_brief(results, lang="en", charts=charts)
    annex = [p for p in doc.paragraphs if p.text == label("brief.h_annex", "en")]
    assert len(annex) == 1 and annex[0].paragraph_format.page_break_before
    breaks = [p for p in doc.paragraphs if not p.text.strip()
              and p._p.xpath(".//w:br[@w:type='page']")]  # fmt: skip
    assert not breaks
    # a figure's picture, caption and source line hold together: the Chinese brief printed
    # a source line alone on an otherwise empty page (the data-grows review)
    texts = [p.text for p in doc.paragraphs]
    for chart in charts:
        at = next(i for i, t in enumerate(texts) if t.endswith(chart.title) and i)
        assert doc.paragraphs[at - 1].paragraph_format.keep_with_next  # the picture
        assert doc.paragraphs[at].paragraph_format.keep_with_next  # its caption
    # the status table's last row keeps with its note (the note had a page of its own)
    last = doc.tables[0].rows[-1]
    assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)
    # the Chinese header's bracket on a line of its own: "预计值 / [80%区间]"
    zh_doc = brief.build_brief(results, lang="zh")
    heads = [c.text for c in zh_doc.tables[0].rows[0].cells]
    assert "预计值\n[80%区间]" in heads
    # without charts the annex follows on (no page of charts to end)
    bare = brief.build_brief(results, lang="en")
    heading = [p for p in bare.paragraphs if p.text == label("brief.h_annex", "en")][0]
    assert not heading.paragraph_format.page_break_before
    # the methods open with the text the targets come from: a draft for comment
    texts = [p.text for p in bare.paragraphs]
    methods = texts.index(label("brief.h_methods", "en"))
    assert texts[methods + 1] == label("plan.basis", "en")


def test_the_brief_says_when_milestone_years_are_over_without_their_figures(results):
    """As the page says it: the brief is what gets circulated (the planner's review)."""
    import dataclasses

    zh = all_text(brief.build_brief(results, lang="zh"))
    assert "注意：节点年份2023、2025年已经结束" in zh
    en = all_text(brief.build_brief(results, lang="en"))
    assert "Note: the milestone years 2023 and 2025 have ended" in en
    assert "已经结束" not in all_text(
        brief.build_brief(dataclasses.replace(results, as_of=2022), lang="zh")
    )


def test_the_tables_status_cell_says_what_qualifies_the_status(results):
    """A provisional outcome, a target met early whose year is over and the growth that
    would turn a growth-rate grade stood under the probability or nowhere (the planner's
    review): the status cell says them, broken where a reader breaks them."""
    g = results.gaps.copy()
    rd = (g["indicator_id"] == "rd_spending") & (g["milestone_year"] == 2025)
    g.loc[rd, ["baseline_year", "baseline_value", "baseline_source", "latest_year",
               "latest_value", "latest_status", "status", "p_meet", "ex_post"]] = [
        2021, 54.03, "observation", 2025, 77.8, "preliminary", "missed", 0.0, "missed"]  # fmt: skip
    shown, codes = brief.status_table(g, results.indicators, lang="zh")
    row = shown[shown[label("col.name", "zh")] == "全社会研发经费投入"].iloc[0]
    assert row[label("col.status", "zh")] == (
        "未达标\n2021年增速\n未计\n若2021年增速不低于\n11.9%，\n即可达标\n初步结果，\n待正式数"
    )
    assert row[label("col.p_meet", "zh")] == "—"  # the words are under the status
    assert "missed" in codes  # the cell's colour still follows the status
    # the section's prose says it too: it gave a definite miss counted from 2021 (the
    # planner's re-read)
    said = "\n".join(brief.narrative(g[rd], results.indicators, lang="zh")["sentence"])
    assert (
        "因缺2020年数字，2021年增速未计入上述年均增速；若2021年增速不低于11.9%，即可达标。" in said
    )
    said = "\n".join(brief.narrative(g[rd], results.indicators, lang="en")["sentence"])
    assert "it would be met if 2021’s growth was 11.9% or more." in said


def test_the_data_still_owed_name_a_growth_targets_base_year_as_deciding(results):
    """R&D spending's 2020 figure, on which its 10 % a year turns, stood as an ordinary gap
    among the data owed (the planner's review)."""
    zh = brief.missing_sentences(results, lang="zh")
    said = "全社会研发经费投入（2020、2022—2025年，其中2020年为计算年均增速的基期，决定是否达标）"
    assert any(said in s for s in zh), zh
    en = brief.missing_sentences(results, lang="en")
    assert any("; 2020 is the base year its yearly growth is counted from, which decides the "
               "target)" in s for s in en), en  # fmt: skip


def test_each_figure_prints_at_its_drawn_size_and_fits_a_page_with_its_caption(results, tmp_path):
    """Figures 3 and 4 of the Chinese brief had half a page each where the English shared
    one: their captions' CJK lines (5.5 mm against 4.3) took the few millimetres the two
    3.6-inch charts had left (the report writer's review)."""
    from PIL import Image

    from langfang_metrics import figures
    from langfang_metrics.export import PNG_DPI

    for lang in ("zh", "en"):
        charts = brief.brief_charts(results, lang=lang, scratch_dir=tmp_path / lang,
                                    figures_dir=tmp_path / "none")  # fmt: skip
        doc = brief.build_brief(results, lang=lang, charts=charts)
        blocks = []
        for chart, shape in zip(charts, doc.inline_shapes, strict=True):
            with Image.open(chart.png) as im:
                drawn = Emu(int(im.size[0] / PNG_DPI * 914400))
            # at its own size, its labels at their set size; drawn at the text width
            assert shape.width == min(drawn, brief.TEXT_WIDTH)
            assert brief.TEXT_WIDTH - Emu(3 * 36000) <= shape.width <= brief.TEXT_WIDTH
            block = shape.height + brief.caption_height(chart.title, chart.source, lang)
            assert block <= brief.TEXT_HEIGHT
            blocks.append(block)
        # the two line charts, each with its caption and source, share a page
        lines = [b for c, b in zip(charts, blocks, strict=True) if "dashboard" not in c.stem]
        assert len(lines) == 2 and sum(lines) <= brief.TEXT_HEIGHT, lang
        # caption and source lines held whole and with their picture
        captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
        assert captions and all(p.paragraph_format.keep_together for p in captions)
    assert figures.BRIEF_CHART_SIZE[1] * 914400 <= brief.shared_height()


def test_a_long_source_gets_a_lower_picture_not_a_page_of_its_own():
    """A figure is never taller than its page leaves beside its caption: a source of many
    files under a 185 mm dashboard ran off the page."""
    short = brief.caption_height("标题", "数据来源：统计局", "zh")
    long_source = "数据来源：" + "；".join(f"市统计局复核文件{k}号" for k in range(40))
    long = brief.caption_height("标题", long_source, "zh")
    assert brief.text_lines(long_source, brief.SIZES["table"]) >= 8
    assert long > short + 7 * brief._line_height(brief.SIZES["table"], cjk=True)
    room = brief.picture_room("标题", long_source, "zh")
    assert room < brief.MAX_FIGURE_HEIGHT and room + long <= brief.TEXT_HEIGHT
    assert brief.picture_room("标题", "数据来源：统计局", "zh") == brief.MAX_FIGURE_HEIGHT
    # English lines are lower than Chinese ones of the same count
    assert brief.caption_block(1, 3, cjk=False) < brief.caption_block(1, 3, cjk=True)


def test_a_figure_revised_twice_is_said_as_one_chain(indicators):
    """A final 1,288 revised to 1,291 (2025-03) and again to 1,295 (2025-11): each replaced
    figure was said as replaced by the last, so the first revision read as a second figure
    beside the final one (the statistician's review); one item tells the chain, by date."""
    from langfang_metrics.series import superseded

    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": 2023, "value": [1288.0, 1291.0, 1295.0],
                        "status": ["final", "revised", "revised"],
                        "published": ["2024-02", "2025-03", "2025-11"]})  # fmt: skip
    gaps = pd.DataFrame([gap_row(milestone_year=2025, target=1500.0, status="on_track",
                                 latest_year=2023, latest_value=1295.0)])  # fmt: skip
    revisions = superseded(obs)
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", revisions=revisions)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", revisions=revisions)["sentence"])
    assert ("数据更新：高新技术企业数量2023年由1,288家（正式数）改为1,291家（修订数，2025年3月），"
            "再改为1,295家（修订数，2025年11月）。") in zh  # fmt: skip
    assert ("2023: 1,288 firms (final) is now 1,291 firms (revised, 2025-03), then 1,295 firms "
            "(revised, 2025-11).") in en  # fmt: skip
    # two revisions alone: the earlier replaced by the later
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh",
                                   revisions=superseded(obs.iloc[1:]))["sentence"])  # fmt: skip
    assert "2023年由1,291家（修订数，2025年3月）改为1,295家（修订数，2025年11月）。" in zh
    assert zh.count("1,291") == 1


def test_a_base_year_re_based_on_a_new_definition_is_said_so(indicators):
    """The walk-through's second way enters the base year's new figure as revised: "2020年由
    35.6%（正式数）改为30.2%（修订数）" read as a five-point correction of the same measure
    (the statistician's review). A figure whose note says it is on a new definition is said
    as one."""
    from langfang_metrics.series import superseded

    obs = pd.DataFrame({"indicator_id": "high_tech_industry_share", "region": "langfang",
                        "year": 2020, "value": [35.6, 30.2], "status": ["final", "revised"],
                        "note": ["", "新口径回溯；经核实无误"]})  # fmt: skip
    revisions = superseded(obs)
    assert revisions["rebased"].tolist() == [True]
    gaps = pd.DataFrame([gap_row(indicator_id="high_tech_industry_share", name_zh="高新技术产业占比",
                                 name_en="High-tech share", kind="share", unit_zh="%",
                                 milestone_year=2025, target=33.9, status="on_track",
                                 latest_year=2023, latest_value=33.0)])  # fmt: skip
    zh = "\n".join(brief.narrative(gaps, indicators, lang="zh", revisions=revisions)["sentence"])
    en = "\n".join(brief.narrative(gaps, indicators, lang="en", revisions=revisions)["sentence"])
    assert "2020年按新口径为30.2%（修订数；原口径35.6%，正式数）" in zh and "改为30.2%" not in zh
    assert "2020: 30.2% on the new definition (revised; 35.6% on the old one, final)" in en
    # a revision of the same measure stays one
    plain = superseded(obs.assign(note=""))
    assert plain["rebased"].tolist() == [False]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dashboard_in_parts_is_one_figure_continued(results, tmp_path, lang):
    """A dashboard too tall for one page came as 图1 "…（1/2）" and 图2 "…（2/2）": one chart
    under two figure numbers. Its second part keeps the first's number, "（续）" after the
    title, its SEQ field repeating the number (\\c) so Word renumbers it as one figure; the
    next chart is 图2."""
    charts = brief.brief_charts(results, lang=lang, scratch_dir=tmp_path)
    first = charts[0]
    more = brief.Chart(
        first.stem,
        first.png,
        label("brief.fig_continued", lang, title=first.title),
        first.source,
        True,
    )
    doc = brief.build_brief(results, lang=lang, charts=[first, more, *charts[1:]])
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"
                and p.text.startswith(label("brief.figure", lang, n="\0").partition("\0")[0])]  # fmt: skip
    sep = "　" if lang == "zh" else " "
    figure = [label("brief.figure", lang, n=n) + sep for n in (1, 1, 2, 3)]
    assert [c[: len(f)] for c, f in zip(captions, figure, strict=True)] == figure
    assert captions[1].endswith("（续）" if lang == "zh" else " (continued)")
    assert "（续）" not in captions[0] and "continued" not in captions[0]
    body = doc.element.body.xml
    fields = re.findall(r"<w:instrText[^>]*> SEQ (\S+) (\\c )?", body)
    word = label("brief.figure", lang, n="\0").partition("\0")[0].strip()
    assert [bool(again) for name, again in fields if name == word] == [False, True, False, False]


def test_when_words_do_not_fit_side_by_side_the_prose_column_gives_first():
    """Every column fitted to its longest word came to 232 mm on a 225 mm table: all were
    scaled to 97 % and LibreOffice broke the words they had been fitted to ("目标年 / 份",
    "缺2025年数 / 据", "按路径2024年应 / 为"). The running-text column (the names) gives
    first, down to a term or its longest Latin word; the others keep their words whole."""
    unit = brief.Pt(brief.SIZES["table"]) / 2
    pad = brief.CELL_PADDING
    table = pd.DataFrame({
        "指标": ["规模以上工业企业研发投入占营业收入比重（2021年12项/年，达标）"],
        "目标年份": ["2025"],
        "状态": ["已实现\n2024年已达到，\n待2025年\n数据确认"],
        "达标概率": ["较可能已保持；\n缺2025年数据；"],
    })  # fmt: skip
    words = [max(brief._text_units(t)[0] for t in [c, *table[c]]) * unit + pad
             for c in table.columns]  # fmt: skip
    total = int(sum(words) - 3 * unit)  # the longest words are 1.5 characters too wide
    widths = brief.column_widths(table, total, prose=[0])
    assert sum(widths) == total
    for j in (1, 2, 3):  # header words and short phrases whole
        assert widths[j] >= words[j] - 1, table.columns[j]
    assert widths[0] >= 2 * brief.CJK_TERM * unit + pad - 1  # a term at least
    # no prose column: scaled together, as before (nothing else can give)
    scaled = brief.column_widths(table, total)
    assert scaled[1] < words[1] - 1
    # a Latin word of the running text is not broken either: it gives down to that
    named = table.assign(指标="高新技术企业数量（Innovationcommissioners）")
    word = brief._text_units(named["指标"].iloc[0])[0] * unit + pad
    room = int(sum(words[1:]) + 24 * unit + pad)  # the Latin word's 23 fit, not the term's
    assert room < sum(words[1:]) + word
    least = brief.column_widths(named, room, prose=[0])
    assert least[0] >= 23 * unit + pad - 1 and least[0] < word


def test_a_long_department_name_breaks_before_its_kind():
    """ "市开发区改革发展工作办公室" fitted whole made the departments column 45 mm of a 225 mm
    table, and LibreOffice still broke it "…办公 / 室" once the columns were scaled down. A
    name longer than DEPARTMENT_LINE breaks before the kind of body it ends in; shorter
    ones stay whole."""
    cols = {label(k, "zh"): "" for k in ("col.departments", "col.baseline_to_target",
                                          "col.latest", "col.projected_range", "col.p_meet",
                                          "col.status")}  # fmt: skip
    names = ["市科技局", "市开发区改革发展工作办公室", "市人力资源社会保障局",
             "市发展和改革委员会", "市经济技术开发区管理委员会", "市某某某某某某某某某某局"]  # fmt: skip
    shown = pd.DataFrame([{**cols, label("col.departments", "zh"):
                           label("fmt.dept_sep", "zh").join(names)}])  # fmt: skip
    lines = brief._line_breaks(shown, "zh")[label("col.departments", "zh")].iloc[0].split("\n")
    assert lines == ["市科技局、", "市开发区改革发展", "工作办公室、", "市人力资源社会保障局、",
                     "市发展和改革委员会、", "市经济技术开发区", "管理委员会、",
                     "市某某某某某某某某某某局"]  # fmt: skip
    assert max(len(line.rstrip("、")) for line in lines[:-1]) <= brief.DEPARTMENT_LINE


def test_the_chinese_tables_department_lines_fill_their_printed_column(results):
    """Table 1 stacked its departments one a line: "市科技局 / 市财政局 / 市国资委 / 市税务局 /
    （按相关措施推定）" made a row five lines tall, and the final evaluation's table ran over
    five landscape pages at about three rows a page (the planner's print review). The names
    join by "、" as many to a line as the printed column holds (as the workbook's cells do),
    a line breaking only between two names or before a long name's kind."""
    from langfang_metrics import export, labels

    table = next(t for t in brief.build_brief(results, lang="zh").tables
                 if t.rows[0].cells[0].text == label("col.name", "zh"))  # fmt: skip
    j = [c.text for c in table.rows[0].cells].index(label("col.departments", "zh"))
    room = (table.columns[j].width - brief.CELL_PADDING) / (brief.Pt(brief.SIZES["table"]) / 2)
    cells = {
        r.cells[0].text.split("\n")[0]: r.cells[j].text
        for r in table.rows[1:]
        if len({id(c._tc) for c in r.cells}) > 1
    }  # not a section's own row
    tag = label("fmt.departments_inferred", "zh")
    assert cells["全社会研发经费投入"] == f"市科技局、市财政局、\n市国资委、市税务局\n{tag}"
    # a long name broken before its kind: the next name joins its second line
    assert cells["开发区内高新技术企业数量"].split("\n")[:2] == ["市开发区改革发展", "工作办公室、"]
    named = {labels.department_label(d, "zh") for v in results.gaps["departments"].dropna()
             for d in labels.split_departments(v)}  # fmt: skip
    parts = {p for n in named for p in brief._department_lines(n).split("\n")}
    for text in cells.values():
        lines = [line for line in text.split("\n") if line != tag]
        # a line of two names or more fits its column as the word processor counts it (a
        # name alone is one term, which the column is fitted to): none breaks inside
        assert all(export.wrapped_lines(line, room + 1) == 1 for line in lines
                   if len([n for n in line.split("、") if n]) > 1), text  # fmt: skip
        assert all(n in named | parts for line in lines for n in line.split("、") if n), text
        # no line could take the next line's first name
        for line, after in zip(lines[:-1], lines[1:], strict=True):
            first = after.split("、")[0]
            assert export.wrapped_lines(line + first + "、"[: len(after) > len(first)],
                                        room + 1) > 1 or first in parts, text  # fmt: skip


@pytest.mark.parametrize("note", ["brief.table_note", "brief.table_note_settled"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_note_says_what_the_probabilitys_dash_means(indicators, note, lang):
    """An outcome on a preliminary figure has "—" for its probability (no forecast: its
    outcome is in), beside "实际结果" for a final one; the note said "—" meant no data. Each
    note names the "—" beside the words the provisional outcome's status carries, and the
    words of a settled one."""
    common = dict(
        milestone_year=2025,
        target=1500.0,
        baseline_year=2020,
        baseline_value=905.0,
        latest_year=2025,
        status="achieved",
        ex_post="achieved",
        as_of=2025,
        p_meet=1.0,
    )
    gaps = pd.DataFrame([
        gap_row(latest_value=1536.0, latest_status="preliminary", **common),
        gap_row(indicator_id="tech_smes", name_zh="科技型中小企业数量", name_en="Tech-based SMEs",
                latest_value=1600.0, latest_status="final", **common),
    ])  # fmt: skip
    shown, _ = brief.status_table(gaps, indicators, lang=lang)
    p_meet = list(shown[label("col.p_meet", lang)])
    status = list(shown[label("col.status", lang)])
    provisional = label("likelihood.known_provisional", lang)
    cells = dict(zip(p_meet, status, strict=True))
    assert "—" in cells and provisional in cells["—"].replace("\n", "")
    known = label("likelihood.known", lang)
    assert known in p_meet
    text = label(note, lang)
    # the dash is explained where the provisional words are, not only as "no data"
    part = next(s for s in re.split("[；;]", text) if provisional in s)
    assert "“—”" in part, part
    assert f"“{known}”" in text


def test_a_rebased_baseline_is_said_with_the_plans_own_figure(indicators, targets):
    """The brief's sentence said "从2020年的30.2%" of a baseline re-based onto a new
    definition, beside the plan's "由35.6%提高到40%" (the report writer's review)."""
    from langfang_metrics import gaps

    ind, tg, obs = rebased_share(indicators, targets)
    table = gaps.gap_assessment(ind, tg, obs)
    for lang, said in (("zh", "从2020年的30.2%（按新口径重定，方案原文35.6%）到"),
                       ("en", "from 30.2% (re-based on a new definition from the plan’s 35.6%) "
                              "in 2020")):  # fmt: skip
        text = brief.narrative(table, ind, lang=lang)
        share = text[text["indicator_id"] == "high_tech_industry_share"]
        assert share["sentence"].str.contains(said, regex=False).any(), lang
        plain = brief.narrative(table.assign(plan_baseline_value=np.nan), ind, lang=lang)
        assert not plain["sentence"].str.contains("35.6", regex=False).any()


def test_a_known_by_brief_says_it_is_a_reconstruction_and_how_to_repeat_it(results, tmp_path):
    """run --known-by 2024-03-31: the cover says the figures are as published by the day,
    the methods how many undated figures were counted as known, and the rerun command
    repeats --known-by (without it the command gave the figures known now)."""
    then = dataclasses.replace(results, known_by="2024-03-31", undated_known=114)
    for lang, cover, method in (
        ("zh", "按2024年3月31日已公布的数据复现", "按当时已知计入，共114个"),
        ("en", "as published by 2024-03-31", "if their year was over by 2024-03-31: 114"),
    ):  # fmt: skip
        said = [p.text for p in brief.build_brief(then, lang=lang).paragraphs]
        assert said[1] == label("brief.as_of", lang, year=brief.brief_as_of(results))
        assert cover in said[2]
        assert any(method in p for p in said)
        assert any(p.endswith("langfang-metrics run --known-by 2024-03-31") for p in said)
        plain = [p.text for p in brief.build_brief(results, lang=lang).paragraphs]
        assert not any(cover in p or method in p or "--known-by" in p for p in plain)
    # with --as-of, the year is no longer said "as known now, later revisions included"
    early = load_results(as_of=2021)
    cover = [p.text for p in brief.build_brief(dataclasses.replace(
        early, known_by="2024-03-31", undated_known=114), lang="en").paragraphs][1:3]  # fmt: skip
    assert cover[0] == "Data as of 2021" and "as published by 2024-03-31" in cover[1]
    # the captions under its charts carry the day, as the report's charts' source lines do
    for lang in ("zh", "en"):
        said = label("known_by.source", lang, date="2024-03-31")
        charts = brief.brief_charts(then, lang=lang, scratch_dir=tmp_path / f"kb_{lang}")
        assert charts and all(c.source.endswith(said) for c in charts)
        plain = brief.brief_charts(results, lang=lang, scratch_dir=tmp_path / f"now_{lang}")
        assert not any(said in c.source for c in plain)
    assert brief.rerun_command(pd.DataFrame({"origin_file": []}), 2023, known_by="2024-03-31") == (
        "langfang-metrics run --as-of 2023 --known-by 2024-03-31")  # fmt: skip


def test_notebook_05_names_the_brief_the_run_writes(tmp_path):
    """Notebook 05's heading and text named 监测简报_<year>.docx while the cell below printed
    final-evaluation-brief_2025.docx: its words come from the decision that names the file."""
    from langfang_metrics import compute, config
    from langfang_metrics.labels import label

    shipped = compute.load_results()
    year = brief.brief_as_of(shipped)
    for lang in ("zh", "en"):
        note = brief.brief_note(shipped, lang)
        assert brief.brief_path(".", year, "zh").name in note
        assert brief.brief_path(".", year, "en").name in note
        assert label("nb.brief_kind", lang) in note and "终期" not in note
    obs = tmp_path / "obs.csv"
    obs.write_text(config.OBSERVATIONS_FILE.read_text(encoding="utf-8")
                   + "tech_smes,langfang,2025,9950,家,final,test,,,,\n",
                   encoding="utf-8")  # fmt: skip
    final = compute.load_results(obs)
    for lang in ("zh", "en"):
        note = brief.brief_note(final, lang)
        names = [brief.brief_path(".", 2025, lg).name for lg in ("zh", "en")]
        assert names == ["终期评估简报_2025.docx", "final-evaluation-brief_2025.docx"]
        assert all(n in note for n in names) and label("nb.brief_kind_final", lang) in note
        assert "监测简报" not in note and "monitoring" not in note


def test_the_methods_say_the_grading_ratios_as_notebook_04_does(results, monkeypatch):
    """The brief passed config's ratios to its methods paragraph itself, beside
    views.grading_words that notebook 04's words take them from: a ratio worked out as a
    float (0.1 * 9.5) read "0.95" in the notebook and "0.9500000000000001" in the brief."""
    monkeypatch.setattr(config, "ON_TRACK_RATIO", 0.1 * 9.5)
    words = views.grading_words()
    assert words["on"] == "0.95"
    for lang in ("zh", "en"):
        text = all_text(brief.build_brief(results, lang=lang))
        assert f"R ≥ {words['on']}" in text and f"{words['acc']} ≤ R < {words['on']}" in text
        assert "0.9500000000000001" not in text


def test_the_briefs_table_asks_no_2020_figure_of_a_level_targets_late_first_figure():
    """The table's status of a share's 2024 first figure and a count's of 2023 (no plan
    baseline) is "数据不足" alone, as its section sentence says why: no words of the R&D
    growth-rate target's uncounted growth, whose 2020 figure a level does not need."""
    from conftest import with_first_figures

    results = with_first_figures(load_results())
    for lang in ("zh", "en"):
        shown, _ = brief.status_table(results.gaps, results.indicators, lang=lang)
        col, name = label("col.status", lang), label("col.name", lang)
        names = results.indicators.set_index("indicator_id")[f"name_{lang}"]
        for iid in ("industrial_rd_intensity", "tech_commissioners"):
            cells = shown.loc[shown[name].str.startswith(names[iid]), col]
            assert list(cells) == [status_label("insufficient_data", lang)]


def test_the_annex_cites_the_plan_execution_report_by_a_title_that_says_what_it_is():
    """Annex C's first English source read "2022 plan-execution report (2022, 2 figures)",
    which says neither whose plan nor which (the review)."""
    lines = brief._sources(load_results(), 2022, "en")
    title = ("Langfang’s report on the implementation of its 2022 National Economic and "
             "Social Development Plan")  # fmt: skip
    assert f"{title} (2022, 2 figures)" in lines
    assert not [line for line in lines if "plan-execution" in line]


def test_the_english_brief_spells_out_its_abbreviations(written):
    """The English brief's table named "Provincial IP service brand institutions" with "IP"
    never spelt out, and its methods said "Eurostat's SDG monitoring report" (the
    reviewers): the table's note spells out what its cells abbreviate, and the methods name
    the Sustainable Development Goals."""
    en = Document(written["a", "en"])
    text = all_text(en)
    assert "Provincial IP service brand institutions" in text  # the case
    note = next(p.text for p in en.paragraphs if "IP = intellectual property" in p.text)
    assert note.index("Abbreviations:") > 0  # after the table's own note
    assert "Sustainable Development Goals" in text and "SDG" not in text
    zh = all_text(Document(written["a", "zh"]))
    assert "intellectual property" not in zh and "可持续发展目标" in zh
