"""Atomic writes, byte-identical figures and workbooks, CSV and workbook safety."""

from __future__ import annotations

import hashlib
import io
import os
import warnings
import zipfile

import matplotlib.pyplot as plt
import numpy as np
import openpyxl
import pandas as pd
import pytest

from langfang_metrics import config, coverage, export, labels, plots, views


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    export.atomic_write_text(target, "旧\n", "utf-8")
    export.atomic_write_text(target, "新\n", "utf-8")
    assert target.read_text("utf-8") == "新\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_failed_write_keeps_old_file_and_cleans_temp(tmp_path, monkeypatch):
    target = tmp_path / "a.bin"
    export.atomic_write_bytes(target, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_atomic_write_rejects_text_as_bytes(tmp_path):
    with pytest.raises(TypeError, match="data must be bytes"):
        export.atomic_write_bytes(tmp_path / "x", "text")


def test_atomic_write_to_a_folder_is_a_clear_error_and_writes_nothing(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(IsADirectoryError, match=r"out is a folder; give the path of a file"):
        export.write_csv(pd.DataFrame({"a": [1]}), tmp_path / "out")
    assert list(tmp_path.iterdir()) == [tmp_path / "out"]
    assert not any((tmp_path / "out").iterdir())


def test_atomic_write_through_a_link_keeps_the_link(tmp_path):
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "summary.csv"
    real.write_text("old\n")
    link = tmp_path / "summary.csv"
    link.symlink_to(real)
    export.atomic_write_text(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["summary.csv"]
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    with pytest.raises(OSError, match="loop.csv is a link that leads nowhere"):
        export.atomic_write_text(loop, "x")
    assert loop.is_symlink()


# --------------------------------------------------------------------------- figures


def _draw(observations, indicators, targets, trajectories, forecasts, gaps):
    return plots.trajectory_chart(
        observations, indicator_id="high_tech_enterprises", indicators=indicators,
        targets=targets, trajectories=trajectories, forecasts=forecasts, gap=gaps, lang="zh",
    )  # fmt: skip


def test_save_figure_is_byte_identical(
    tmp_path, observations, indicators, targets, trajectories, forecasts, gaps
):
    hashes = []
    for run in ("one", "two"):
        fig = _draw(observations, indicators, targets, trajectories, forecasts, gaps)
        paths = export.save_figure(fig, "trajectory", out_dir=tmp_path / run)
        plt.close(fig)
        assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]
        hashes.append([sha(p) for p in paths])
    assert hashes[0] == hashes[1]
    pdf = (tmp_path / "one" / "trajectory.pdf").read_bytes()
    assert b"/CreationDate" not in pdf and b"/FontFile2" in pdf  # TrueType embedded
    svg = (tmp_path / "one" / "trajectory.svg").read_text("utf-8")
    assert "<dc:date>" not in svg
    png = (tmp_path / "one" / "trajectory.png").read_bytes()
    assert b"langfang-metrics" in png


def test_save_figure_defaults_and_validation(tmp_path, monkeypatch):
    monkeypatch.setattr(export.config, "FIGURES_DIR", tmp_path / "figs")
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    assert export.save_figure(fig, "x", ("png",)) == [tmp_path / "figs" / "x.png"]
    assert plt.fignum_exists(fig.number)  # the caller closes
    with pytest.raises(ValueError, match="unsupported figure format"):
        export.save_figure(fig, "x", ("gif",))
    with pytest.raises(ValueError, match="plain file stem"):
        export.save_figure(fig, "../x")
    plt.close(fig)


# --------------------------------------------------------------------------- CSV


def test_write_csv_reads_back_row_for_row_whatever_the_line_breaks_in_text(tmp_path):
    notes = ["first line\rsecond line", "dos\r\nbreak", "unix\nbreak", "none"]
    path = export.write_csv(pd.DataFrame({"note": notes, "n": [1, 2, 3, 4]}), tmp_path / "a.csv")
    assert b"\r" not in path.read_bytes()
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["n"].tolist() == [1, 2, 3, 4]
    assert back["note"].tolist() == ["first line\nsecond line", "dos\nbreak", "unix\nbreak", "none"]


def test_write_csv_bom_newlines_floats_and_injection(tmp_path):
    df = pd.DataFrame(
        {
            "name": ["=1+1", "+86", "-x", "@SUM(A1)", "\tq", "高新技术企业", None],
            "value": [-5.0, 0.1 + 0.2, 1 / 3, 1500.0, np.nan, -0.0, 12345678.9],
            "n": [-1, 2, 3, 4, 5, 6, 7],
        }
    )
    path = export.write_csv(df, tmp_path / "a.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw.replace(b"'\tq", b"")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(back["name"]) == ["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tq", "高新技术企业", ""]
    text = raw.decode("utf-8-sig")
    assert "\n'=1+1,-5," in text  # negative numbers stay numbers
    assert ",0.3," in text and ",0.333333333333," in text and ",12345678.9," in text
    assert ",-1\n" in text
    again = export.write_csv(df, tmp_path / "b.csv")
    assert sha(again) == sha(path)


# --------------------------------------------------------------------------- workbook


@pytest.fixture
def workbook_kwargs(gaps, indicators, targets, observations, trajectories, forecasts, accuracy):
    summary = gaps.copy()
    summary.loc[0, "name_zh"] = "=cmd|' /C calc'!A0"
    return {
        "summary": summary, "indicators": indicators, "targets": targets,
        "observations": observations, "trajectories": trajectories, "forecasts": forecasts,
        "accuracy": accuracy,
    }  # fmt: skip


def test_workbook_is_byte_identical_and_deterministic_zip(tmp_path, workbook_kwargs):
    a = export.write_workbook(tmp_path / "a.xlsx", **workbook_kwargs)
    b = export.write_workbook(tmp_path / "b.xlsx", **workbook_kwargs)
    assert sha(a) == sha(b)
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
        core = z.read("docProps/core.xml").decode()
    assert "2021-12-07T00:00:00Z" in core and "langfang-metrics" in core


def test_a_rebased_baseline_has_the_plans_own_figure_beside_it(tmp_path, workbook_kwargs):
    """The summary sheet showed a re-based baseline (30.2 %) with nothing saying the plan
    printed 35.6 % (the report writer's review): a column of the plan's own baseline beside
    it, only when a baseline was re-based, as the plan's own target beside a re-based one."""
    from conftest import rebased_share

    from langfang_metrics import gaps

    ind, tg, obs = rebased_share(workbook_kwargs["indicators"], workbook_kwargs["targets"])
    table = gaps.gap_assessment(ind, tg, obs)
    kwargs = {**workbook_kwargs, "summary": table, "indicators": ind, "targets": tg}
    header = labels.bilingual("col.plan_baseline_value", sep=" / ")
    for summary, shown in ((table, True), (table.assign(plan_baseline_value=np.nan), False)):
        path = export.write_workbook(tmp_path / "w.xlsx", **{**kwargs, "summary": summary})
        ws = openpyxl.load_workbook(path).worksheets[0]
        headers = [c.value for c in ws[1]]
        assert (header in headers) is shown
        if shown:
            base = headers.index(labels.bilingual("col.baseline_value", sep=" / "))
            assert headers.index(header) == base + 1
            values = {r[base + 1].value for r in ws.iter_rows(min_row=2) if r[base].value}
            assert values == {35.6, None}


def test_every_column_of_every_sheet_has_a_bilingual_header(tmp_path, workbook_kwargs):
    """The backtest sheet's 'origins' and 'over_share' printed as code names, every other
    header "中文 / English"."""
    path = export.write_workbook(tmp_path / "w.xlsx", **workbook_kwargs)
    wb = openpyxl.load_workbook(path)
    assert {"origins", "over_share"} <= set(workbook_kwargs["accuracy"].columns)
    for ws in wb:
        headers = [c.value for c in ws[1] if c.value is not None]
        if len(headers) > 1:  # a sheet with a table (not a one-cell "none yet" note)
            assert all(" / " in h for h in headers), (ws.title, headers)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_says_what_it_holds_and_how_it_was_made(tmp_path, workbook_kwargs, lang):
    """A report writer handed the workbook alone found no word on the data's year, the
    files read, the sheets, the statuses, the methods or the number formats."""
    summary = workbook_kwargs["summary"].assign(as_of=2022)  # the gap table's data year
    kwargs = {**workbook_kwargs, "summary": summary,
              "files": ["data/raw/observations.csv", "/x/ret/a.xlsx"]}  # fmt: skip
    path = export.write_workbook(tmp_path / "w.xlsx", lang=lang, **kwargs)
    wb = openpyxl.load_workbook(path)
    assert wb.properties.title == labels.label("index.title", lang)
    ws = wb.worksheets[-1]
    assert ws.title == "说明 Notes" and [c.value for c in ws[1]] == ["项目 / Item", "说明 / Note"]
    notes = {ws.cell(i, 1).value: ws.cell(i, 2).value for i in range(2, ws.max_row + 1)}
    assert notes[labels.label("index.as_of", lang)] == ("2022年" if lang == "zh" else "2022")
    # the targets are a draft's (the issued plan may have changed one)
    basis = notes[labels.label("notes.item.basis", lang)]
    assert ("征求意见稿" if lang == "zh" else "draft for comment") in basis
    assert notes[labels.label("notes.item.inputs", lang)].split("\n") == [
        "data/raw/observations.csv", "a.xlsx"]  # fmt: skip
    for sheet in wb.sheetnames[:-1]:  # every other sheet is described
        assert notes[sheet], sheet
    status = notes[labels.label("notes.item.status", lang)]
    assert f"R ≥ {config.ON_TRACK_RATIO}" in status
    assert labels.label("status.on_track", lang).lower() in status.lower()
    assert "{" not in "".join(notes.values())  # every placeholder filled
    # which targets' indicators the backtest sheet scores, and how many it leaves out: the
    # sheet listed only the first, and a target left out read as forgotten (statistician
    # review)
    covered = notes[labels.label("notes.item.backtested", lang)]
    ids = set(summary["indicator_id"])
    done = [i for i in dict.fromkeys(kwargs["accuracy"]["indicator_id"]) if i in ids]
    names = dict(zip(summary["indicator_id"], summary[f"name_{lang}"], strict=True))
    assert done and all(names[i] in covered for i in done)
    assert str(len(ids) - len(done)) in covered
    # an item is not said again at the start of its note ("Which figure counts | Which …")
    assert not any(t.startswith((f"{i}：", f"{i}: ")) for i, t in notes.items())
    for i in range(2, ws.max_row + 1):  # rows as tall as their wrapped text
        assert ws.cell(i, 2).alignment.wrap_text
        text = str(ws.cell(i, 2).value)
        assert ws.row_dimensions[i].height >= 15 * (len(text) // 200 + text.count("\n") + 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_backtest_sheet_names_methods_in_words_with_units(tmp_path, workbook_kwargs, lang):
    """Its method column printed the codes 'growth' and 'overall', and its Winkler scores
    no unit, where the forecasts sheet says both."""
    acc = workbook_kwargs["accuracy"]
    acc = pd.concat([acc, acc.iloc[:1].assign(method="overall")], ignore_index=True)
    path = export.write_workbook(tmp_path / "w.xlsx", lang=lang,
                                 **{**workbook_kwargs, "accuracy": acc})  # fmt: skip
    ws = openpyxl.load_workbook(path)["回测 Backtest"]
    heads = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    methods = [r[heads.index("方法 / Method")] for r in rows]
    assert methods == [labels.method_label("ets", lang), labels.method_label("naive", lang),
                       labels.label("method.all", lang)]  # fmt: skip
    assert {r[heads.index("单位 / Unit")] for r in rows} == {"家" if lang == "zh" else "firms"}
    assert "对称平均绝对百分比误差（%） / sMAPE (%)" in heads


def test_workbook_content(tmp_path, workbook_kwargs):
    path = export.write_workbook(tmp_path / "w.xlsx", **workbook_kwargs)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["摘要 Summary", "目标 Targets", "观测 Observations",
                             "路径 Trajectories", "预测 Forecasts", "规划水平 Planning levels",
                             "回测 Backtest",
                             "待补数据 Missing figures", "待核实 To verify",
                             "财政敞口 Fiscal exposure", "说明 Notes"]  # fmt: skip
    ws = wb["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    # planner-facing: the name first, the codes last; the name stays in view beside the header
    assert headers[0] == "指标 / Indicator"
    assert headers[-2:] == ["状态代码 / Status code", "指标代码 / Indicator ID"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref.startswith("A1:")
    # formula-looking text stays text
    cell = ws["A2"]
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"
    col = {h: i + 1 for i, h in enumerate(headers)}
    status = ws.cell(row=2, column=col["状态 / Status"])
    assert status.value == "需加快"
    assert status.fill.fgColor.rgb.endswith("FAECCC")
    assert ws.cell(row=2, column=col["达标概率 / Probability of meeting"]).number_format == "0%"
    assert ws.cell(row=2, column=col["目标值 / Target"]).number_format == "#,##0"
    # a comparison as a target is read, not its code (">=")
    targets = wb["目标 Targets"]
    j = [h.value for h in targets[1]].index("比较 / Comparison")
    signs = {r[j] for r in targets.iter_rows(min_row=2, values_only=True)}
    assert signs <= {"≥", "≤", ">", "<"} and signs
    # a path or forecast says its unit, as the other sheets do (54.03 printed bare)
    for name in ("路径 Trajectories", "预测 Forecasts"):
        head = [h.value for h in wb[name][1]]
        assert head[:2] == ["指标 / Indicator", "单位 / Unit"], (name, head)
        units = {r[1] for r in wb[name].iter_rows(min_row=2, values_only=True)}
        assert units and None not in units, (name, units)
    widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
    assert all(8 <= w <= 60 for w in widths)

    targets = wb["目标 Targets"]
    theads = [c.value for c in targets[1]]
    assert "原文 / Quote" in theads and "责任部门 / Departments" in theads
    quote = targets.cell(row=2, column=theads.index("原文 / Quote") + 1)
    assert quote.value.startswith("=") and quote.data_type == "s"
    assert theads[0] == "指标 / Indicator" and theads[-1] == "指标代码 / Indicator ID"
    fmt = {r[-1].value: r[theads.index("数值 / Value")].number_format
           for r in targets.iter_rows(min_row=2)}  # fmt: skip
    # a target as the plan writes it: 40 (%), as the page says "40%", not "40.0"
    assert fmt["high_tech_industry_share"] == "0"
    assert fmt["rd_spending"] == '0"%/年"'  # a rate a year, not 10.00 beside 亿元

    obs = wb["观测 Observations"]
    oheads = [c.value for c in obs[1]]
    note = obs.cell(row=2, column=oheads.index("备注 / Note") + 1)
    assert note.value == '=HYPERLINK("http://evil")' and note.data_type == "s"
    minus = obs.cell(row=2, column=oheads.index("原文 / Quote") + 1)
    assert minus.value == "-5%" and minus.data_type == "s"
    assert obs.cell(row=2, column=oheads.index("数据性质 / Figure status") + 1).value == "正式数"

    backtest = wb["回测 Backtest"]
    bheads = [c.value for c in backtest[1]]
    assert backtest.cell(row=2, column=bheads.index("80%区间覆盖率 / 80% coverage") + 1
                         ).number_format == "0%"  # fmt: skip


def test_workbook_prints_landscape_legibly_with_repeated_header(tmp_path, workbook_kwargs):
    path = export.write_workbook(tmp_path / "p.xlsx", **workbook_kwargs)
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == "$1:$1", ws.title
        # one page wide, unless that prints under MIN_PRINT_SCALE: then the name repeats
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width
                  for j in range(1, ws.max_column + 1)]  # fmt: skip
        across = int(ws.page_setup.fitToWidth)
        if sum(widths) * export.MIN_PRINT_SCALE <= export.PAGE_WIDTH_UNITS:
            assert across == 1, ws.title
        if across > 1:
            assert ws.print_title_cols in ("$A:$A", "$A:$B") and ws.page_setup.pageOrder == (
                "overThenDown"
            ), ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        if ws.title == "说明 Notes":  # no indicator column: the header row alone is frozen
            assert ws.freeze_panes == "A2"
            continue
        # the left header at the page's size: scaled with a fitted sheet it printed at 4.2 pt
        assert ws.HeaderFooter.scaleWithDoc is False and ws.oddHeader.left.size >= 9
        if ws.title == "财政敞口 Fiscal exposure":  # one high-tech count: its year is the key
            assert ws.freeze_panes == "B2"
            # printed across, each page repeats the year and its basis: the award columns
            # printed on a page with no year beside them (the print review)
            assert across == 1 or ws.print_title_cols == "$A:$B"
            continue
        # the indicator (name, else id) is frozen beside the header row
        heads = [c.value for c in ws[1]]
        key = "指标 / Indicator" if "指标 / Indicator" in heads else "指标代码 / Indicator ID"
        col = openpyxl.utils.get_column_letter(heads.index(key) + 2)
        assert ws.freeze_panes == f"{col}2", ws.title
    # a sheet of years printed across repeats the year and its basis on every page
    ws = openpyxl.Workbook().active
    export._print_setup(ws, list(export.FISCAL_COLUMNS), 6, [20] * len(export.FISCAL_COLUMNS))
    assert int(ws.page_setup.fitToWidth) > 1 and ws.print_title_cols == "$A:$B"
    # data sheets show the name first and the id last, off the printed page: they led with
    # English codes repeated on every page of the Chinese workbook (report writer's review)
    for title in ("观测 Observations", "路径 Trajectories", "预测 Forecasts", "回测 Backtest"):
        ws = wb[title]
        heads = [c.value for c in ws[1]]
        assert heads[0] == "指标 / Indicator" and heads[-1] == "指标代码 / Indicator ID", title
        assert ws["A2"].value == "高新技术企业数量" or ws.max_row == 1
        if ws.max_row > 1:  # a sheet without rows prints the line that says so, too (its
            # print area stopped at the header: the report writer's review)
            last = openpyxl.utils.get_column_letter(len(heads) - 1)
            assert ws.print_area == f"'{title}'!$A$1:${last}${ws.max_row}", title
            assert ws.print_title_cols in (None, "A:A"), (title, ws.print_title_cols)
    # dates no figure carries are not printed as empty columns (the fixture's figures give
    # when they were accessed, none when they were published)
    heads = [c.value for c in wb["观测 Observations"][1]]
    assert [h[:4] for h in heads if h.startswith(("发布日期", "访问日期"))] == ["访问日期"], heads
    # the trailing codes of planner-facing sheets are on screen, not on paper
    summary = wb["摘要 Summary"]
    heads = [c.value for c in summary[1]]
    last = openpyxl.utils.get_column_letter(heads.index("责任部门 / Departments") + 1)
    assert summary.print_area == f"'摘要 Summary'!$A$1:${last}${summary.max_row}"


def test_workbook_departments_in_the_cells_language(tmp_path, workbook_kwargs):
    zh = openpyxl.load_workbook(export.write_workbook(tmp_path / "zh.xlsx", **workbook_kwargs))
    en = openpyxl.load_workbook(
        export.write_workbook(tmp_path / "en.xlsx", lang="en", **workbook_kwargs)
    )
    for wb, want in ((zh, "市发展改革委"), (en, "DRC")):  # English: its short form
        for title in ("摘要 Summary", "目标 Targets"):
            ws = wb[title]
            col = [c.value for c in ws[1]].index("责任部门 / Departments")
            values = {r[col].value for r in ws.iter_rows(min_row=2)}
            assert want in values, (title, values)
            assert not any("發" in v or "財" in v for v in values if v), values
    # a department the label table does not know keeps its name; two short names share a
    # line (one a line, the summary's rows were four and five lines tall: the print review)
    ws = zh["目标 Targets"]
    col = [c.value for c in ws[1]].index("责任部门 / Departments")
    assert "市科技局、市数据和政务服务局" in {r[col].value for r in ws.iter_rows(min_row=2)}
    # each line fits the column, so no name breaks inside and the row is as tall as its lines
    letter = openpyxl.utils.get_column_letter(col + 1)
    width = ws.column_dimensions[letter].width
    for r in ws.iter_rows(min_row=2):
        if r[col].value:
            assert all(export.wrapped_lines(line, width) == 1
                       for line in r[col].value.split("\n")), r[col].value  # fmt: skip


def test_english_department_cells_use_short_forms_the_notes_spell_out(tmp_path, workbook_kwargs):
    """Four full English names ("Science and Technology Bureau; Market Regulation Bureau;
    Finance Bureau; Tax Bureau") made a summary row four lines tall in its 30-wide column and
    the English summary printed on six pages to the Chinese three (the print review): the
    English cells give each department's short form, on fewer lines, and the notes sheet
    spells each out once; the Chinese workbook keeps the names in full and has no such row."""
    four = ["市科技局", "市市场监督管理局", "市财政局", "市税务局"]
    full = "; ".join(labels.department_label(d, "en") for d in four)
    short = "; ".join(labels.department_short(d, "en") for d in four)
    assert short == "S&T; Market Regulation; Finance; Taxation"
    assert export.wrapped_lines(full, export.WRAP_WIDTH) == 3  # printed widths, not 4 digits'
    assert export.wrapped_lines(short, export.WRAP_WIDTH) == 2
    # a traditional spelling, and a department without a short form, as before
    assert labels.department_short("市財政局", "en") == "Finance"
    assert labels.department_short("市財政局", "zh") == "市财政局"
    assert labels.department_short("市数据和政务服务局", "en") == "市数据和政务服务局"
    missing = pd.DataFrame([{
        "indicator_id": "rd_spending", "name_zh": "全社会研发经费投入",
        "name_en": "Society-wide R&D spending", "unit_zh": "亿元", "unit_en": "100 million yuan",
        "section_zh": "创新能力", "section_en": "Innovation capacity", "year": 2023,
        "departments_zh": "、".join(four), "departments_en": full,
    }])  # fmt: skip
    kwargs = {**workbook_kwargs, "missing": missing}
    cells = {}
    for lang in ("zh", "en"):
        wb = openpyxl.load_workbook(export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang,
                                                          **kwargs))  # fmt: skip
        cells[lang] = {ws.title: [c.value for row in ws.iter_rows(min_row=2) for c in row]
                       for ws in wb}  # fmt: skip
    en, zh = cells["en"], cells["zh"]
    # the missing figures' departments come as the others do, though its frame has the
    # full English names already
    assert short in en["待补数据 Missing figures"]
    assert full not in en["待补数据 Missing figures"]
    assert "市科技局、市市场监督管理局、\n市财政局、市税务局" in zh["待补数据 Missing figures"]
    names = [v for v in en["说明 Notes"] if isinstance(v, str) and "S&T = " in v]
    assert len(names) == 1, names
    for s, f in labels.department_short_forms():
        assert f"{s} = {f}" in names[0]
    assert "Department names" in en["说明 Notes"]
    assert not any("S&T" in v for v in zh["说明 Notes"] if isinstance(v, str))
    assert "部门名称" not in zh["说明 Notes"]


def test_a_target_reads_sign_first_against_its_figure(tmp_path, workbook_kwargs):
    """The summary put the left-aligned sign after the right-aligned target, so it printed
    "10,000≥" and "10%/年≥" (the print review): the sign comes first, right-aligned, and the
    figure, still a number, left-aligned against it."""
    for lang in ("zh", "en"):
        path = export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang, **workbook_kwargs)
        wb = openpyxl.load_workbook(path)
        heads = [c.value for c in wb["规划水平 Planning levels"][1]]  # (no rows here)
        assert heads[heads.index("比较 / Comparison") + 1] == "水平 / Level"
        for title, figure in (
            ("摘要 Summary", "目标值 / Target"),
            ("目标 Targets", "数值 / Value"),
        ):
            ws = wb[title]
            heads = [c.value for c in ws[1]]
            j = heads.index("比较 / Comparison")
            assert heads[j + 1] == figure, (lang, title, heads)
            rows = list(ws.iter_rows(min_row=2))
            assert rows, title
            for r in rows:
                assert r[j].value in {"≥", "≤", ">", "<"} and r[j].alignment.horizontal == "right"
                assert isinstance(r[j + 1].value, int | float), (title, r[j + 1].value)
                assert r[j + 1].alignment.horizontal == "left", title
            # the other figures keep the default (right) alignment
            assert ws.cell(2, j + 3).alignment.horizontal is None, title


def test_department_lines_fill_a_line_and_break_only_between_names():
    """Joined by "、" and left to wrap, a 30-wide column broke "市税务 / 局"; one a line,
    the summary's rows were four and five lines tall (the print review)."""
    names = ["市科技局", "市市场监督管理局", "市财政局", "市税务局", "市工业和信息化局"]
    text = export.department_lines(names, "zh")
    lines = text.split("\n")
    # 28 columns, then 20 (the next name's 18 would make 38 of the 29 a line holds), then 16
    assert lines == ["市科技局、市市场监督管理局、", "市财政局、市税务局、", "市工业和信息化局"]
    assert all(export.wrapped_lines(line, export.WRAP_WIDTH) == 1 for line in lines)
    assert export.wrapped_lines(text, export.WRAP_WIDTH) == 3  # the row's height follows
    assert export.department_lines(names[:2], "zh") == "市科技局、市市场监督管理局"
    assert export.department_lines(names[:2], "en") == "市科技局; 市市场监督管理局"


def test_wrapped_rows_are_tall_enough(tmp_path, workbook_kwargs):
    kwargs = dict(workbook_kwargs)
    kwargs["indicators"] = kwargs["indicators"].assign(quote="很长的原文" * 40)
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "t.xlsx", **kwargs))
    ws = wb["目标 Targets"]
    assert ws.row_dimensions[2].height >= 3 * export.LINE_HEIGHT
    assert ws.row_dimensions[1].height == export.HEADER_LINES * export.LINE_HEIGHT


def test_every_data_row_has_a_height_and_a_path_of_firms_prints_whole_firms(tmp_path,
                                                                           workbook_kwargs):  # fmt: skip
    """One-line rows of Chinese, left at LibreOffice's default height, printed their glyphs
    across the border below; a required path of firms printed 9,024.604."""
    kwargs = dict(workbook_kwargs)
    tr = kwargs["trajectories"]
    hte = tr["indicator_id"] == "high_tech_enterprises"
    kwargs["trajectories"] = tr.assign(value=tr["value"].where(~hte, tr["value"] + 0.604))
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "h.xlsx", **kwargs))
    for ws in wb.worksheets:
        assert all(ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)), ws.title
    ws = wb["路径 Trajectories"]
    header = [c.value for c in ws[1]]
    col = header.index("数值 / Value") + 1
    rows = [r for r in range(2, ws.max_row + 1)
            if ws.cell(r, len(header)).value == "high_tech_enterprises"]  # fmt: skip
    assert rows and {ws.cell(r, col).number_format for r in rows} == {"#,##0"}


def test_workbook_in_english_and_with_missing_optional_sheets(tmp_path, workbook_kwargs):
    kwargs = {**workbook_kwargs, "trajectories": None, "forecasts": None, "accuracy": None}
    path = export.write_workbook(tmp_path / "en.xlsx", lang="en", **kwargs)
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    ws = wb["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=headers.index("状态 / Status") + 1).value == "Needs acceleration"
    assert wb["预测 Forecasts"].max_row == 1
    obs = wb["观测 Observations"]
    headers = [c.value for c in obs[1]]
    units = {r[headers.index("指标代码 / Indicator ID")].value: r[headers.index("单位 / Unit")].value
             for r in obs.iter_rows(min_row=2)}  # fmt: skip
    assert units["high_tech_enterprises"] == "firms"  # not 家 in an English sheet
    with pytest.raises(ValueError, match="lang must be"):
        export.write_workbook(tmp_path / "x.xlsx", lang="fr", **workbook_kwargs)


def test_save_figure_keeps_the_callers_layout_engine(gaps, tmp_path):
    fig = plots.status_overview(gaps, lang="en")
    engine = fig.get_layout_engine()
    export.save_figure(fig, "overview", ("svg",), out_dir=tmp_path)
    assert fig.get_layout_engine() is engine
    plt.close(fig)


def test_workbook_missing_figures_sheet(tmp_path, workbook_kwargs, observations, targets):
    missing = coverage.missing_figures(observations, workbook_kwargs["indicators"], targets)
    assert len(missing) > 0
    path = export.write_workbook(tmp_path / "m.xlsx", missing=missing, **workbook_kwargs)
    ws = openpyxl.load_workbook(path)["待补数据 Missing figures"]
    headers = [c.value for c in ws[1]]
    # a to-do list for planners: the name first, who owns it, the codes last
    assert headers[0] == "指标 / Indicator" and headers[-1] == "指标代码 / Indicator ID"
    assert ws.max_row == len(missing) + 1
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    got = {(r[-1], r[headers.index("年份 / Year")]) for r in rows}
    assert got == set(zip(missing["indicator_id"], missing["year"].astype(int), strict=True))
    depts = [r[headers.index("应提供数据的部门 / Departments asked")] for r in rows]
    assert all(d and "資" not in d and "會" not in d for d in depts)  # simplified Chinese


def test_save_figure_takes_a_name_with_its_extension_and_one_format_as_text(tmp_path):
    import matplotlib.pyplot as plt

    fig = plt.figure()
    written = export.save_figure(fig, "chart.png", "png", out_dir=tmp_path)
    assert [p.name for p in written] == ["chart.png"]  # not chart.png.png, not ['p','n','g']
    plt.close(fig)


def test_text_longer_than_a_cell_holds_is_cut_with_a_note_not_silently(tmp_path, workbook_kwargs):
    kwargs = dict(workbook_kwargs)
    obs = kwargs["observations"].copy()
    obs.loc[obs.index[0], "quote"] = "很长的引文" * 8_000  # 40,000 characters
    kwargs["observations"] = obs
    path = export.write_workbook(tmp_path / "long.xlsx", **kwargs)
    ws = openpyxl.load_workbook(path)["观测 Observations"]
    cells = [c.value for row in ws.iter_rows(min_row=2) for c in row]
    cut = [v for v in cells if isinstance(v, str) and v.startswith("很长的引文")]
    assert len(cut) == 1 and len(cut[0]) == export.CELL_MAX_CHARS
    assert cut[0].endswith("40,000 characters in full］") and "全文 40,000 字符" in cut[0]


def test_given_figures_keep_their_decimals_and_flows_count_whole_items():
    assert export.given_format("0.0", 1.45) == "0.00" and export.given_format("0.0", 35.6) == "0.0"
    assert export.given_format("#,##0", 1300.0) == "#,##0"
    assert export.given_format("#,##0.00", 54.0312) == "#,##0.000"
    # its target's decimals, no more: 3 beside 3.7 is "3.0", not the density's "3.00"
    assert (
        export.given_format("0.00", 3.0, 1) == "0.0"
        and export.given_format("0.00", 1.65, 1) == "0.00"
    )
    assert export.value_decimals(0.1 + 0.2) == 1 and export.value_decimals(1 / 3) == 3
    flow = {"kind": "flow", "unit_zh": "项/年", "unit_en": "projects per year"}
    density = {"kind": "density", "unit_zh": "件/万人", "unit_en": "per 10,000 people"}
    assert export.number_format_for(flow) == "#,##0"
    assert export.number_format_for(density) == "0.00"


def test_a_given_figure_shows_its_targets_decimals_in_the_summary(tmp_path):
    """The patents' 3 of 2022 printed "3.00" in the summary (a density's format) where the
    page and the brief say 3.0 against 3.7 (the report writer's review)."""
    from langfang_metrics import compute

    r = compute.load_results()
    path = export.write_results_workbook(r, tmp_path / "w.xlsx", lang="zh")
    ws = openpyxl.load_workbook(path)["摘要 Summary"]
    heads = [c.value for c in ws[1]]
    code = heads.index("指标代码 / Indicator ID")
    [row] = [r for r in ws.iter_rows(min_row=2) if r[code].value == "high_value_patents_per_10k"]
    latest = row[heads.index(labels.bilingual("col.latest_value"))]
    baseline = row[heads.index(labels.bilingual("col.baseline_value"))]
    assert (latest.value, latest.number_format) == (3.0, "0.0")
    assert (baseline.value, baseline.number_format) == (1.65, "0.00")


def test_a_figure_held_shows_its_targets_decimals_in_the_missing_sheet(tmp_path):
    """The patents' 3 of 2022, held while its final figure is owed, printed "3" in the
    sheet of missing figures where the page says "3.0件/万人" against 3.7 (the report
    writer's review, final evaluation): at least its target's decimals, as on the
    observations sheet."""
    from langfang_metrics import compute

    r = compute.load_results()
    path = export.write_results_workbook(r, tmp_path / "w.xlsx", lang="zh")
    ws = openpyxl.load_workbook(path)[labels.sheet_name("missing")]
    heads = [c.value for c in ws[1]]
    code, held = (
        heads.index("指标代码 / Indicator ID"),
        heads.index(labels.bilingual("col.held_value")),
    )
    cells = [row[held] for row in ws.iter_rows(min_row=2)
             if row[code].value == "high_value_patents_per_10k" and row[held].value is not None]  # fmt: skip
    assert [(c.value, c.number_format) for c in cells] == [(3, "0.0")]


def test_workbook_shows_a_target_of_1_45_percent_as_written(tmp_path, workbook_kwargs):
    kwargs = dict(workbook_kwargs)
    summary = kwargs["summary"].copy()
    share = summary["indicator_id"] == "high_tech_industry_share"
    summary.loc[share, "target"] = 40.25
    kwargs["summary"] = summary
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **kwargs))
    ws = wb["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    col = headers.index("目标值 / Target")
    cells = [r[col] for r in ws.iter_rows(min_row=2) if r[col].value == 40.25]
    assert cells and all(c.number_format == "0.00" for c in cells)


def test_values_computed_from_a_fine_target_show_its_decimals(tmp_path, workbook_kwargs):
    """Target and latest 1.45 printed beside an expected and projected "1.5"."""
    kwargs = dict(workbook_kwargs)
    summary = kwargs["summary"].copy()
    share = summary["indicator_id"] == "high_tech_industry_share"
    summary.loc[share, ["target", "expected_on_path", "projected"]] = [1.45, 1.4512, 1.4788]
    kwargs["summary"] = summary
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **kwargs))
    ws = wb["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    for key in ("col.expected_on_path", "col.projected"):
        col = headers.index(labels.bilingual(key))
        cells = [r[col] for r in ws.iter_rows(min_row=2) if r[col].value in (1.4512, 1.4788)]
        assert cells and all(c.number_format == "0.00" for c in cells), key


def test_a_computed_level_shows_the_decimals_the_page_prints_it_with(tmp_path, workbook_kwargs):
    """R&D spending's 2025 path level printed 79.11 on the summary and paths sheets (亿元's
    two decimals) where the page, the brief and the vintage chart say 79.1 beside the latest
    77.8 (the report writer's review, final evaluation; here the row of a year before, whose
    path level and projection are shown): a computed level takes the decimals
    of ``views.level_decimals``, the published baseline keeps its own two, and the cells
    keep their values."""
    years = np.arange(2021, 2026)
    path = 54.03 * 1.1 ** (years - 2021)
    summary = workbook_kwargs["summary"].copy()
    rd = summary.index[summary["indicator_id"].eq("rd_spending")]
    summary.loc[rd, ["target", "baseline_year", "baseline_value", "latest_year", "latest_value",
                     "expected_on_path", "projected"]] = [10.0, 2021, 54.03, 2024, 70.5,
                                                          path[-2], 78.2345]  # fmt: skip
    summary.loc[rd, ["projected_lo_80", "projected_hi_80"]] = [60.17, 95.81]
    # the digital economy's share: its path ends at its target of 5 %, which reads "5"
    share = summary.index[summary["indicator_id"].eq("high_tech_industry_share")]
    summary.loc[share, ["target", "latest_year", "latest_value", "expected_on_path"]] = [
        5.0, 2025, 4.6, 5.0]  # fmt: skip
    tr = pd.DataFrame({"indicator_id": "rd_spending", "year": years, "path": "rd_10pct",
                       "value": path})  # fmt: skip
    kwargs = {**workbook_kwargs, "summary": summary, "trajectories": tr}
    for lang in ("zh", "en"):
        out = export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang, **kwargs)
        wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
        ws = wb[labels.sheet_name("summary")]
        heads = [c.value for c in ws[1]]
        code = heads.index(labels.bilingual("col.indicator_id"))
        [row] = [r for r in ws.iter_rows(min_row=2) if r[code].value == "rd_spending"]
        shown = {k: (row[heads.index(labels.bilingual(f"col.{k}"))].value,
                     row[heads.index(labels.bilingual(f"col.{k}"))].number_format)
                 for k in ("expected_on_path", "projected", "baseline_value", "latest_value")}  # fmt: skip
        assert shown == {"expected_on_path": (pytest.approx(path[-2]), "#,##0.0"),
                         "projected": (78.2345, "#,##0.0"), "baseline_value": (54.03, "#,##0.00"),
                         "latest_value": (70.5, "#,##0.0")}, lang  # fmt: skip
        # the range's ends are stored rounded outwards, as the page prints them (Excel shows
        # a float half up: the high-tech range's low end read 1,151 beside the page's 1,150)
        ends = {k: row[heads.index(labels.bilingual(f"col.{k}"))].value
                for k in ("projected_lo_80", "projected_hi_80")}  # fmt: skip
        assert ends == {"projected_lo_80": 60.1, "projected_hi_80": 95.9}, lang
        [row] = [r for r in ws.iter_rows(min_row=2) if r[code].value == "high_tech_industry_share"]
        on_path = row[heads.index(labels.bilingual("col.expected_on_path"))]
        assert (on_path.value, on_path.number_format) == (5, "0"), lang
        ws = wb[labels.sheet_name("trajectories")]
        at = [c.value for c in ws[1]].index(labels.bilingual("col.value"))
        cells = [r[at] for r in ws.iter_rows(min_row=2)]
        assert [c.value for c in cells] == pytest.approx(path.tolist())
        assert [c.number_format for c in cells] == ["#,##0.00"] + ["#,##0.0"] * 4, lang


def test_a_growth_rate_target_shows_as_a_rate_not_an_amount(tmp_path, workbook_kwargs):
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **workbook_kwargs))
    for sheet, col in (("目标 Targets", "目标值 / Target"), ("摘要 Summary", "目标值 / Target")):
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        if col not in headers:
            col = "数值 / Value"
        ids = [r[headers.index("指标代码 / Indicator ID")].value for r in ws.iter_rows(min_row=2)]
        cells = [r[headers.index(col)] for r in ws.iter_rows(min_row=2)]
        rd = [c for c, i in zip(cells, ids, strict=True) if i == "rd_spending"]
        # in the workbook's language: the Chinese summary said "10%/yr" beside "%/年"
        assert rd and all(c.number_format == '0"%/年"' for c in rd), sheet
        others = [c for c, i in zip(cells, ids, strict=True) if i != "rd_spending"]
        assert all("%/" not in c.number_format for c in others)
    en = openpyxl.load_workbook(
        export.write_workbook(tmp_path / "en.xlsx", lang="en", **workbook_kwargs)
    )
    ws = en["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    formats = {r[headers.index("指标代码 / Indicator ID")].value:
               r[headers.index("目标值 / Target")].number_format for r in ws.iter_rows(min_row=2)}  # fmt: skip
    assert formats["rd_spending"] == '0"%/yr"'
    targets = wb["目标 Targets"]
    headers = [c.value for c in targets[1]]
    units = {r[headers.index("指标代码 / Indicator ID")].value: r[headers.index("单位 / Unit")].value
             for r in targets.iter_rows(min_row=2)}  # fmt: skip
    assert units["rd_spending"] == "%/年" and units["high_tech_enterprises"] == "家"


def test_a_sheet_without_rows_says_why(tmp_path, workbook_kwargs):
    """The backtest sheet printed as a page of bare headers on the shipped data."""
    kwargs = dict(workbook_kwargs, accuracy=workbook_kwargs["accuracy"].iloc[0:0])
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **kwargs))
    note = wb["回测 Backtest"]["A2"].value
    assert note.startswith("暂无回测") and "No backtests yet" in note
    # and prints it: the print area had stopped at the header (the report writer's review)
    assert wb["回测 Backtest"].print_area.endswith("$2")


def test_forecast_methods_are_named_in_words(tmp_path, workbook_kwargs):
    kwargs = {**workbook_kwargs, "lang": "en"}
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **kwargs))
    ws = wb["预测 Forecasts"]
    headers = [c.value for c in ws[1]]
    col = headers.index(labels.bilingual("col.method"))
    methods = {r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert methods and not methods & {"growth", "combo", "drift", "growth_additive"}, methods


def test_the_summary_names_the_unit_of_its_figures(tmp_path, workbook_kwargs):
    """Targets and baselines stood bare on the summary sheet (10,000; 54.03; 3.70)."""
    for lang, unit in (("zh", "家"), ("en", "firms")):
        kwargs = {**workbook_kwargs, "lang": lang}
        ws = openpyxl.load_workbook(export.write_workbook(tmp_path / f"{lang}.xlsx", **kwargs))[
            "摘要 Summary"
        ]
        headers = [c.value for c in ws[1]]
        col, code = (
            headers.index(labels.bilingual("col.unit")),
            headers.index(labels.bilingual("col.indicator_id")),
        )
        units = {r[code]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
        assert units["high_tech_enterprises"] == unit


def test_workbook_names_registered_regions_in_its_language(tmp_path, workbook_kwargs):
    obs = workbook_kwargs["observations"].copy()
    obs.loc[obs.index[-1], "region"] = "unregistered_city"
    regions = pd.DataFrame({"region": ["langfang", "hebei"], "name_zh": ["廊坊市", "河北省"],
                            "name_en": ["Langfang", "Hebei"], "level": ["city", "province"]})  # fmt: skip
    seen = {}
    for lang in ("zh", "en"):
        path = export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang, regions=regions,
                                     **{**workbook_kwargs, "observations": obs})  # fmt: skip
        ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["观测 Observations"]
        col = [c.value for c in ws[1]].index("地区 / Region")
        seen[lang] = [r[col].value for r in ws.iter_rows(min_row=2)]
    expected = {"zh": "廊坊市", "en": "Langfang"}
    for lang, cells in seen.items():
        wanted = [expected[lang] if r == "langfang" else r for r in obs["region"]]
        wanted = [{"hebei": {"zh": "河北省", "en": "Hebei"}[lang]}.get(r, r) for r in wanted]
        assert cells == wanted
    assert seen["en"][-1] == "unregistered_city"  # an unknown code stays a code


def test_the_results_workbook_is_the_runs_with_region_names(tmp_path):
    """Notebook 05 wrote its own workbook call without the regions: 'langfang' where the
    run's workbook says 廊坊市, over the published file."""
    from langfang_metrics import compute

    path = export.write_results_workbook(compute.load_results(), tmp_path / "w.xlsx", lang="zh")
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["观测 Observations"]
    col = [c.value for c in ws[1]].index("地区 / Region")
    regions = {r[col].value for r in ws.iter_rows(min_row=2)}
    assert "廊坊市" in regions and "langfang" not in regions
    assert config.NOTEBOOK_OUTPUT_DIR.parent == config.PROJ_ROOT  # never under reports/


def test_summary_sheet_says_when_a_latest_figure_may_still_change(tmp_path, workbook_kwargs):
    """Every other output marks a preliminary latest figure; the summary sheet did not."""
    summary = workbook_kwargs["summary"].copy()
    summary["latest_status"] = "final"
    summary.loc[summary.index[0], "latest_status"] = "preliminary"
    path = export.write_workbook(tmp_path / "s.xlsx", **{**workbook_kwargs, "summary": summary})
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["摘要 Summary"]
    col = [c.value for c in ws[1]].index("最新值性质 / Status of latest")
    cells = [r[col].value for r in ws.iter_rows(min_row=2)]
    assert cells[0] == "初步数" and set(cells[1:]) <= {"正式数"}


def test_a_cache_entry_is_served_only_whole(tmp_path):
    entry = tmp_path / "c" / "key.pdf"
    export.cache_write(entry, b"%PDF-1.4 whole")
    assert export.cache_read(entry) == b"%PDF-1.4 whole"
    entry.write_bytes(b"%PDF-1.4 wh")  # cut short after its checksum was written
    assert export.cache_read(entry) is None
    assert entry.exists()  # not deleted: another run may be between entry and checksum
    (tmp_path / "c" / "key.pdf.sha256").unlink()
    assert export.cache_read(entry) is None  # no checksum: a killed run, or an old cache
    export.cache_write(entry, b"%PDF-1.4 whole")  # a miss is drawn again and replaces it
    assert export.cache_read(entry) == b"%PDF-1.4 whole"
    assert export.cache_read(tmp_path / "missing.png") is None


def test_an_svg_says_what_it_shows(tmp_path):
    """Text in the SVGs is drawn as outlines: without a title a screen reader read nothing."""
    import xml.dom.minidom

    fig, ax = plt.subplots()
    ax.set_title("High-tech\nenterprises & <firms>", loc="left")
    [path] = export.save_figure(fig, "t", ("svg",), out_dir=tmp_path)
    plt.close(fig)
    doc = xml.dom.minidom.parseString(path.read_bytes())
    root = doc.documentElement
    assert root.getAttribute("role") == "img"
    title = next(n for n in root.childNodes if n.nodeType == n.ELEMENT_NODE)
    assert title.tagName == "title"
    assert title.firstChild.data == "High-tech enterprises & <firms>"
    blank = plt.figure()
    assert export.figure_title_text(blank) == ""
    plt.close(blank)


def test_a_pdf_figure_carries_its_title(tmp_path):
    """pdfinfo showed only Creator and Producer: viewers showed the file name (the report
    writer's review). The title is the chart's, in Chinese too, and saving stays byte-stable."""
    fig, ax = plt.subplots()
    ax.set_title("High-tech enterprises", loc="left")
    [a] = export.save_figure(fig, "a", ("pdf",), out_dir=tmp_path)
    [b] = export.save_figure(fig, "b", ("pdf",), out_dir=tmp_path)
    ax.set_title("高新技术企业", loc="left")
    with warnings.catch_warnings():  # the test's own axes have no Chinese font: no matter
        warnings.simplefilter("ignore")
        [zh] = export.save_figure(fig, "zh", ("pdf",), out_dir=tmp_path)
    plt.close(fig)
    assert a.read_bytes() == b.read_bytes()
    assert b"/Title (High-tech enterprises)" in a.read_bytes()
    assert b"/Title (\xfe\xff" + "高新技术企业".encode("utf-16-be") in zh.read_bytes()


def test_a_chance_below_one_percent_shows_so_in_the_workbook(tmp_path, workbook_kwargs):
    """p_meet 0.004 showed '0%' in Excel, the 'impossible' the page and brief no longer say;
    the cell keeps its number, and an exact 0 or 1 stays 0% / 100%."""
    kwargs = dict(workbook_kwargs)
    summary = kwargs["summary"].copy().reset_index(drop=True)
    values = [0.004, 0.998, 0.0, 1.0, 0.42]
    summary = summary.iloc[[0] * len(values)].reset_index(drop=True).assign(p_meet=values)
    kwargs["summary"] = summary
    wb = openpyxl.load_workbook(export.write_workbook(tmp_path / "w.xlsx", **kwargs))
    ws = wb["摘要 Summary"]
    col = next(
        i for i, c in enumerate(ws[1]) if "p_meet" in str(c.value) or "达标概率" in str(c.value)
    )
    cells = [r[col] for r in ws.iter_rows(min_row=2)][: len(values)]
    assert [c.value for c in cells] == values
    assert [c.number_format for c in cells] == ['"<1%"', '">99%"', "0%", "0%", "0%"]


def test_a_progress_share_from_a_later_first_figure_says_its_start_in_the_workbook(
    tmp_path, workbook_kwargs
):
    """The summary's progress column held the digital economy's 56% from 2023's first figure
    beside shares from the plan's 2020 baselines, unmarked (the planner's review): its cell
    says "（自2023年起算）" as the dashboard does, keeps its number, and is wide enough to show
    the words; a share from the plan's baseline is a bare percentage."""
    kwargs = dict(workbook_kwargs)
    summary = kwargs["summary"].copy().reset_index(drop=True).iloc[[0, 0]].reset_index(drop=True)
    summary = summary.assign(progress_share=[0.5556, 0.88], baseline_year=[2023, 2020],
                             baseline_source=["observation", "plan"])  # fmt: skip
    for lang, words in (("zh", "（自2023年起算）"), ("en", " (from 2023)")):
        kwargs["summary"] = summary
        ws = openpyxl.load_workbook(export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang,
                                                          **kwargs))["摘要 Summary"]  # fmt: skip
        headers = [c.value for c in ws[1]]
        col = headers.index(labels.bilingual("col.progress_share")) + 1
        start, plan = ws.cell(row=2, column=col), ws.cell(row=3, column=col)
        assert (start.value, start.number_format) == (pytest.approx(0.5556), f'0%"{words}"')
        assert (plan.value, plan.number_format) == (pytest.approx(0.88), "0%")
        assert ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width >= (
            export._display_width(f"56%{words}"))  # fmt: skip


def test_targets_and_observations_sheets_read_in_plan_order(tmp_path):
    """The targets sheet came sorted by English code (achievements_evaluated first), the
    observations sheet with China's and Hebei's figures before Langfang's."""
    from langfang_metrics import compute

    r = compute.load_results()
    wb = openpyxl.load_workbook(export.write_results_workbook(r, tmp_path / "w.xlsx"))
    codes = [row[-1].value for row in wb["目标 Targets"].iter_rows(min_row=2)]
    plan = list(dict.fromkeys(r.indicators["indicator_id"]))
    assert codes == sorted(codes, key=plan.index) and codes[0] == "tech_smes"
    ws = wb["观测 Observations"]
    col = [c.value for c in ws[1]].index("地区 / Region")
    regions = [row[col].value for row in ws.iter_rows(min_row=2)]
    first_other = regions.index(next(x for x in regions if x != "廊坊市"))
    assert set(regions[:first_other]) == {"廊坊市"} and "廊坊市" not in regions[first_other:]


def test_no_writer_of_the_library_replaces_an_input_in_data_raw(tmp_path):
    """export.write_results_workbook(results, "data/raw/observations.csv") turned the
    observations into a workbook: every writer goes through atomic_write_bytes, which
    refuses data/raw, through a link too."""
    from langfang_metrics import config

    before = config.OBSERVATIONS_FILE.read_bytes()
    for target in (config.OBSERVATIONS_FILE, config.RAW_DIR / "new.docx"):
        with pytest.raises(ValueError, match="read-only inputs"):
            export.atomic_write_bytes(target, b"x")
    link = tmp_path / "link.csv"
    link.symlink_to(config.OBSERVATIONS_FILE)
    with pytest.raises(ValueError, match="read-only inputs"):
        export.write_csv(pd.DataFrame({"a": [1]}), link)
    assert config.OBSERVATIONS_FILE.read_bytes() == before
    assert not (config.RAW_DIR / "new.docx").exists()


def test_a_cache_that_cannot_be_written_is_skipped_not_fatal(tmp_path, monkeypatch):
    """A full cache disk stopped the run with 'No space left on device' although the
    output disk had room: a cache entry is only a shortcut."""
    import errno

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "atomic_write_bytes", full)
    assert export.cache_write(tmp_path / "entry.png", b"png") is None
    assert export.cache_read(tmp_path / "entry.png") is None


def test_the_workbook_lists_the_figures_to_verify_and_marks_a_latest_one(tmp_path,
                                                                         workbook_kwargs):  # fmt: skip
    """The landing page and the brief warned of 13.2 firms; the workbook said nothing."""
    from langfang_metrics.observations import CHECK_COLUMNS

    kwargs = dict(workbook_kwargs)
    gaps = kwargs["summary"].assign(latest_year=2023, latest_value=13.2, latest_status="final")
    kwargs["summary"] = gaps
    row = gaps.iloc[0]
    year = "2023"
    checks = pd.DataFrame([[row["indicator_id"], "langfang", year, 13.2, "scale",
                            "/home/u/returns/a.csv row 3", "message"]],
                          columns=list(CHECK_COLUMNS))  # fmt: skip
    path = export.write_workbook(tmp_path / "c.xlsx", checks=checks,
                                 files=["/home/u/returns/a.csv"], **kwargs)  # fmt: skip
    wb = openpyxl.load_workbook(path)
    ws = wb["待核实 To verify"]
    cells = [c.value for c in ws[2]]
    assert cells[2:] == [year, cells[3], "与其参照值（同一序列的其他数字或方案基数）相差10倍以上（单位或位数有误？）",
                         "a.csv 第3行"]  # fmt: skip
    summary = wb["摘要 Summary"]
    header = [c.value for c in summary[1]]
    col = header.index("最新值性质 / Status of latest")
    marked = [r[col].value for r in summary.iter_rows(min_row=2) if r[-1].value == row["indicator_id"]
              and r[header.index("最新年份 / Latest year")].value == int(year)]  # fmt: skip
    assert marked and all(str(v).endswith("待核实") for v in marked)
    empty = openpyxl.load_workbook(export.write_workbook(tmp_path / "e.xlsx", **workbook_kwargs))
    assert empty["待核实 To verify"]["A2"].value.startswith("没有看起来有误的数字")


def test_the_workbook_never_shows_a_share_short_of_its_target_as_100_percent(
    tmp_path, workbook_kwargs
):
    """0.99585 in the 0% format showed "100%" beside "未达标"."""
    from langfang_metrics.export import _progress_format

    assert _progress_format(0.99585) == "0.0%" and _progress_format(0.83) == "0%"
    assert _progress_format(1.0) == "0%"
    summary = workbook_kwargs["summary"].copy()
    summary.loc[summary.index[1], "progress_share"] = 0.99585
    path = export.write_workbook(tmp_path / "w.xlsx", **{**workbook_kwargs, "summary": summary})
    ws = openpyxl.load_workbook(path)["摘要 Summary"]
    j = [c.value for c in ws[1]].index("增量完成进度 / Progress")
    formats = {r[j].value: r[j].number_format for r in ws.iter_rows(min_row=2)
               if isinstance(r[j].value, float)}  # fmt: skip
    assert formats.pop(0.99585) == "0.0%" and formats and set(formats.values()) == {"0%"}


def test_the_summary_names_a_rate_targets_unit_beside_the_amounts_unit(workbook_kwargs):
    """R&D spending's row read Unit "100 million yuan" beside a target of 10 (shown
    "10%/yr" only by its number format): copied or filtered, the target read 10 亿元."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    rate = ind.loc[ind["kind"] == "growth_rate", "indicator_id"].iloc[0]
    summary = workbook_kwargs["summary"]
    frame, _ = export._summary_sheet(summary, ind, "en")
    units = dict(zip(frame["indicator_id"], frame["unit"], strict=False))
    assert units[rate] == f"{ind.set_index('indicator_id').loc[rate, 'unit_en']} (target: %/yr)"
    zh, _ = export._summary_sheet(summary, ind, "zh")
    assert dict(zip(zh["indicator_id"], zh["unit"], strict=False))[rate] == "亿元（目标：%/年）"
    others = frame[frame["indicator_id"] != rate]
    assert not others["unit"].astype(str).str.contains("target").any()


def test_a_wide_sheet_prints_across_pages_not_at_five_points():
    """The summary's 24 columns fitted one page at 44 %, about 5 pt: unreadable on paper."""
    assert export.pages_wide([10] * 10) == 1  # 100 units: one page at full size
    assert export.pages_wide([20] * 17, title_width=20) == 2  # 340 units: 5 pt on one page
    wide = [20] * 40  # 800 units
    n = export.pages_wide(wide, title_width=20)
    assert (800 + (n - 1) * 20) * export.MIN_PRINT_SCALE <= n * export.PAGE_WIDTH_UNITS
    assert (800 + (n - 2) * 20) * export.MIN_PRINT_SCALE > (n - 1) * export.PAGE_WIDTH_UNITS


def test_a_header_wraps_to_three_lines_without_breaking_a_word():
    """ "疑点 / What looks wrong" got a column 8.7 wide: four lines in a row three tall, so
    "wrong" was cut off in print."""
    from langfang_metrics.export import HEADER_LINES, _header_lines, _header_width

    for header in ("疑点 / What looks wrong", "出处 / Where it came from",
                   "达标概率 / Probability of meeting"):  # fmt: skip
        assert _header_lines(header, _header_width(header) - 1) <= HEADER_LINES, header


def test_the_summary_says_a_known_outcome_in_words_as_the_page_does(workbook_kwargs):
    """The summary printed "100%" beside a preliminary figure and repeated the actual as
    "projected", where the landing page and the brief say "provisional, final figure
    pending"; a milestone past without its figure was blank."""
    gaps = workbook_kwargs["summary"].copy()
    first, second = gaps.index[:2]
    gaps = gaps.assign(ex_post=pd.Series(dtype=object), latest_status="final")
    gaps.loc[first, ["latest_year", "p_meet", "projected", "latest_status"]] = [
        gaps.at[first, "milestone_year"],
        1.0,
        1560.0,
        "preliminary",
    ]
    gaps.loc[second, ["latest_year", "p_meet", "projected", "ex_post"]] = [
        gaps.at[second, "milestone_year"] - 1,
        np.nan,
        np.nan,
        "no_figure",
    ]
    frame, _ = export._summary_sheet(gaps, workbook_kwargs["indicators"], "zh")
    # a provisional outcome: its words stand in 状态说明, "—" in the probability column
    assert frame.loc[0, "p_meet"] == "—" and frame.loc[0, "projected"] == "已有实际值"
    assert "projected_lo_80" not in frame or pd.isna(frame.loc[0, "projected_lo_80"])
    year = int(gaps.at[second, "milestone_year"])
    assert frame.loc[1, "p_meet"] == f"缺{year}年数据"
    en, _ = export._summary_sheet(gaps, workbook_kwargs["indicators"], "en")
    assert en.loc[0, "p_meet"] == "—"
    # said once: the likelihood column beside it does not repeat the outcome's words
    assert export.p_meet_words(gaps, "zh")[0] == ""
    # the status says it too, under its word: twenty columns to the right, a planner reading
    # the status took a provisional outcome for a settled one (the planner's review)
    assert frame.loc[0, "status_note"] == "初步结果，待正式数"
    assert en.loc[0, "status_note"] == "provisional, final figure pending"
    # in a column of its own: the status cell stays one word a filter and COUNTIF can use
    assert frame.loc[0, "status"] in {labels.status_label(c, "zh") for c in labels.STATUS_CODES}
    assert frame.loc[0, "status_code"] == gaps.at[first, "status"]  # its fill keeps the code
    # a year the data have just reached without its figure: its forecast, said as such
    gaps.loc[second, ["p_meet", "status"]] = [0.54, "insufficient_data"]
    frame, _ = export._summary_sheet(gaps, workbook_kwargs["indicators"], "zh")
    assert frame.loc[1, "p_meet"] == f"54%（约各半；缺{year}年数据）"
    # a grade on the figures before a year now over keeps its number; its words say the year
    gaps.loc[second, "status"] = "on_track"
    frame, _ = export._summary_sheet(gaps, workbook_kwargs["indicators"], "zh")
    assert frame.loc[1, "p_meet"] == 0.54


def test_the_summary_says_what_the_page_says_of_a_probability(tmp_path):
    """The page and the brief mark high-tech enterprises' "61 %" with † and say the same
    indicator's backtests find it likely too low; the workbook's summary printed 61 % bare,
    and its notes said no target had a backtest."""
    from langfang_metrics import compute, gaps, views

    r = compute.load_results()
    keys = views.reliability_keys(r.events, r.gaps)
    assert keys.get("high_tech_enterprises") == "low"
    marked = {g["indicator_id"] for g in r.gaps.to_dict("records")
              if gaps.forecast_caveat(g) is not None}  # fmt: skip
    for lang in ("zh", "en"):
        path = export.write_results_workbook(r, tmp_path / f"{lang}.xlsx", lang=lang)
        wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
        ws = wb["摘要 Summary"]
        headers = [c.value for c in ws[1]]
        note, code, p = (headers.index(labels.bilingual(k)) for k in
                         ("col.p_meet_note", "col.indicator_id", "col.p_meet"))  # fmt: skip
        assert note == p + 2  # beside the probability and its words
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        low = labels.label("xlsx.reliability.low", lang)
        for row in rows:
            said = row[note] or ""
            assert said.startswith("† ") == (row[code] in marked and isinstance(row[p], float))
            assert (low in said) == (keys.get(row[code]) == "low" and isinstance(row[p], float))
        assert any(row[note] for row in rows)
        items = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True)}
        reading = items[labels.label("notes.item.reliability", lang)]
        name = r.indicators.set_index("indicator_id").loc["high_tech_enterprises", f"name_{lang}"]
        # what the backtests count first, then the targets they flag (the reviewers': "the
        # target was met 89% of the time" read as the target's own record)
        what = views.reliability_what(r.events, lang)
        assert reading.startswith(what[:1].upper() + what[1:])
        assert f"{name}：" in reading if lang == "zh" else f" {name}: " in reading
        assert "+38" in reading  # 89 % - 51 %, as printed


def test_a_probability_without_a_word_to_say_has_an_empty_note():
    rows = pd.DataFrame({"indicator_id": ["a", "b"], "p_meet": [0.7, np.nan],
                         "status": ["on_track", "insufficient_data"],
                         "forecast_method": ["combo", None]})  # fmt: skip
    assert export.p_meet_notes(rows, {"a": "ok", "b": "low"}, "zh") == ["", ""]
    both = export.p_meet_notes(rows, {"a": "mixed"}, "en")
    assert both == [labels.label("xlsx.reliability.mixed", "en"), ""]


def test_percent_points_in_the_summary_say_percent(tmp_path, workbook_kwargs):
    """The column "Projected − target (% of target)" showed 3.5 beside 89 % and 61 %; then
    it held 3.516 under '0.0"%"' where the other percent columns hold shares of 1, and a
    writer who reformatted it read 351.6 % (the report writer's review)."""
    path = export.write_workbook(tmp_path / "w.xlsx", **workbook_kwargs)
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["摘要 Summary"]
    col = [c.value for c in ws[1]].index(labels.bilingual("col.projected_gap_pct")) + 1
    cells = [ws.cell(row=i, column=col) for i in range(2, ws.max_row + 1)]
    numbers = [c for c in cells if isinstance(c.value, float)]
    assert numbers and {c.number_format for c in numbers} == {"0.0%"}
    summary = workbook_kwargs["summary"]
    given = pd.to_numeric(summary["projected_gap_pct"]).dropna()
    assert sorted(round(c.value, 9) for c in numbers) == sorted(round(v / 100, 9) for v in given)
    # and the notes sheet says so: it still called the column "a percentage (−3.5 is 3.5%
    # below the target)" over cells holding −0.035 (the English reader's review)
    notes = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))[labels.sheet_name("notes")]
    [said] = [r[1] for r in notes.iter_rows(values_only=True)
              if r[1] and labels.bilingual("col.projected_gap_pct").split()[0] in r[1]]  # fmt: skip
    assert "比例存储" in said and "−0.035显示为−3.5%" in said


def test_the_notes_sheet_keys_the_summarys_likelihood_words(tmp_path, workbook_kwargs):
    """The summary printed "about even" beside 61% and nothing said what range the words
    stand for (the print review): the notes give the page's legend, under the summary
    column's own name, while any probability is shown."""
    assert workbook_kwargs["summary"]["p_meet"].notna().any()
    for lang in ("zh", "en"):
        path = export.write_workbook(tmp_path / f"{lang}.xlsx",
                                     **{**workbook_kwargs, "lang": lang})  # fmt: skip
        notes = dict(r[:2] for r in openpyxl.load_workbook(path)[labels.sheet_name("notes")]
                     .iter_rows(values_only=True))  # fmt: skip
        key = notes[labels.label("col.p_meet_words", lang)]
        assert key == labels.likelihood_legend(lang)
        assert labels.likelihood_scale(lang) in key
    none = workbook_kwargs["summary"].assign(p_meet=np.nan)
    path = export.write_workbook(tmp_path / "none.xlsx", **{**workbook_kwargs, "summary": none})
    items = [r[0] for r in openpyxl.load_workbook(path)[labels.sheet_name("notes")]
             .iter_rows(values_only=True)]  # fmt: skip
    assert labels.label("col.p_meet_words", "zh") not in items


def test_the_notes_sheet_says_what_the_specialist_indicators_count(tmp_path, workbook_kwargs):
    """ "Tech-based SMEs" and "high-value invention patents" were never explained in the
    workbook (the English reader's review): one row each, after a row saying what they are."""
    ind = workbook_kwargs["indicators"]
    is_hte = ind["indicator_id"].eq("high_tech_enterprises")
    ind = ind.assign(definition_zh=np.where(is_hte, "经认定的高新技术企业", ""),
                     definition_en=np.where(is_hte, "Certified high-tech firms", ""))  # fmt: skip
    for lang, said in (("zh", "经认定的高新技术企业"), ("en", "Certified high-tech firms")):
        path = export.write_workbook(tmp_path / f"{lang}.xlsx",
                                     **{**workbook_kwargs, "indicators": ind, "lang": lang})  # fmt: skip
        notes = openpyxl.load_workbook(path)[labels.sheet_name("notes")]
        rows = [r[:2] for r in notes.iter_rows(values_only=True)]
        name = ind.loc[is_hte, f"name_{lang}"].iloc[0]
        lead = (labels.label("landing.definitions", lang), labels.label("notes.definitions", lang))
        assert rows.index((name, said)) == rows.index(lead) + 1
    # a registry without definitions: no such rows
    path = export.write_workbook(tmp_path / "none.xlsx", **workbook_kwargs)
    notes = openpyxl.load_workbook(path)[labels.sheet_name("notes")]
    assert labels.label("notes.definitions", "zh") not in [
        r[1] for r in notes.iter_rows(values_only=True)
    ]


def test_the_observations_sheet_shows_a_figure_with_its_targets_decimals(tmp_path, workbook_kwargs):
    """3 patents per 10,000 people printed "3" on the observations sheet beside a target of
    3.7, and an intensity of 2 "2" beside 1.45, where the Summary sheet and the page print
    "3.0" and "2.00" (the planner's review): a figure keeps at least its target's decimals."""
    targets = workbook_kwargs["targets"].copy()
    targets.loc[targets["indicator_id"].eq("high_tech_enterprises"), "value"] = [1300.5, 1500.25]
    path = export.write_workbook(tmp_path / "w.xlsx", **{**workbook_kwargs, "targets": targets})
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))[labels.sheet_name("observations")]
    head = [c.value for c in ws[1]]
    at = head.index(labels.bilingual("col.value")) + 1
    formats = {ws.cell(row=i, column=at).number_format for i in range(2, ws.max_row + 1)
               if ws.cell(row=i, column=at).value == 1050.0}  # fmt: skip
    assert formats == {"#,##0.00"}


def test_the_paths_sheet_lists_r_and_d_spendings_path_once(tmp_path, workbook_kwargs):
    """Its target path is its 10 % path: the sheet listed the same five values twice, as
    "目标路径" and "年均增长10%路径" (the report writer's review). A required path of its own
    stays."""
    tr = pd.DataFrame({
        "indicator_id": ["rd_spending"] * 4 + ["high_tech_enterprises"] * 2,
        "year": [2021, 2022, 2021, 2022, 2021, 2022],
        "path": ["required", "required", "rd_10pct", "rd_10pct", "required", "required"],
        "value": [54.03, 59.433, 54.03, 59.433, 1033.0, 1180.0]})  # fmt: skip
    path = export.write_workbook(tmp_path / "w.xlsx", **{**workbook_kwargs, "trajectories": tr})
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))[labels.sheet_name("trajectories")]
    head = [c.value for c in ws[1]]
    paths = [r[head.index(labels.bilingual("col.path"))] for r in ws.iter_rows(min_row=2,
                                                                              values_only=True)]  # fmt: skip
    assert paths.count(labels.path_label("rd_10pct", "zh")) == 2
    assert paths.count(labels.path_label("required", "zh")) == 2  # high-tech firms' own


def _results_sheet(results, tmp_path, lang: str, key: str):
    """The run's workbook in ``lang``, its sheet ``key``'s header and data rows."""
    path = export.write_results_workbook(results, tmp_path / f"{lang}.xlsx", lang=lang)
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    ws = wb[labels.sheet_name(key)]
    return wb, [c.value for c in ws[1]], list(ws.iter_rows(min_row=2, values_only=True))


def test_the_workbook_holds_the_fiscal_exposure_the_notebook_sends_readers_to(tmp_path):
    """Notebook 04's fiscal table says the full table is in the workbook; the workbook had
    no such sheet, and the award's cost (with its 80 % range) reached no planner's file."""
    from langfang_metrics import compute

    r = compute.load_results()
    f = r.fiscal_exposure
    for lang in ("zh", "en"):
        wb, headers, rows = _results_sheet(r, tmp_path, lang, "fiscal")
        year, cum = (headers.index(labels.bilingual(k)) for k in ("col.year", "col.cum_cost_wan"))
        hi = headers.index(labels.bilingual("col.cum_cost_hi_80_wan"))
        assert [row[year] for row in rows] == f["year"].tolist()
        assert [row[cum] for row in rows] == pytest.approx(f["cum_cost_wan"].tolist())
        assert rows[-1][hi] == pytest.approx(f["cum_cost_hi_80_wan"].iloc[-1])
        assert labels.label("basis.forecast", lang) in {row[1] for row in rows}
        items = [row[0] for row in wb.worksheets[-1].iter_rows(values_only=True)]
        assert labels.sheet_name("fiscal") in items  # the notes say what it holds


def _fiscal(new_firms, basis, lo=None, hi=None):
    """A ``gaps.fiscal_exposure`` frame of these yearly new firms (award 20 万元 each)."""
    f = pd.DataFrame({"year": range(2021, 2021 + len(new_firms)), "basis": basis,
                      "provisional": "", "new_firms": new_firms})  # fmt: skip
    f["cum_new_firms"] = f["new_firms"].cumsum()
    f["cum_new_lo_80"], f["cum_new_hi_80"] = lo, hi
    f["cost_wan"] = f["cost_city_wan"] = f["new_firms"] * 20
    f["cost_county_wan"] = 0.0
    f["cum_cost_wan"] = f["cost_wan"].cumsum()
    f["cum_cost_lo_80_wan"] = f["cum_new_lo_80"] * 20
    f["cum_cost_hi_80_wan"] = f["cum_new_hi_80"] * 20
    return f


def test_the_fiscal_sheet_counts_whole_firms_and_prints_no_empty_range(tmp_path,
                                                                      workbook_kwargs):  # fmt: skip
    """At the final evaluation every year is counted: the firms printed "179.0" and four empty
    80 % range columns put five rows on two pages (the print review)."""
    counted = _fiscal([179.0, 178.0, 26.0, 224.0, 24.0], "actual", np.nan, np.nan)
    path = export.write_workbook(tmp_path / "f.xlsx", fiscal=counted, **workbook_kwargs)
    ws = openpyxl.load_workbook(path)[labels.sheet_name("fiscal")]
    heads = [c.value for c in ws[1]]
    assert not [h for h in heads if "80%" in h], heads
    firms = [heads.index(labels.bilingual(f"col.{c}")) + 1 for c in ("new_firms", "cum_new_firms")]
    assert {ws.cell(r, j).number_format for r in range(2, 7) for j in firms} == {"#,##0"}
    assert int(ws.page_setup.fitToWidth) == 1  # the eight columns left fit one page
    # forecast years: their ranges stand, their medians keep a decimal (87.7, as notebook 04
    # prints them), a counted year and a range's counted floor are whole
    lo = [np.nan, np.nan, 353.0, 353.0]
    hi = [np.nan, np.nan, 716.85, 1003.4]
    fc = _fiscal([177.0, 176.0, 87.709, 92.448], ["actual"] * 2 + ["forecast"] * 2, lo, hi)
    path = export.write_workbook(tmp_path / "g.xlsx", fiscal=fc, **workbook_kwargs)
    ws = openpyxl.load_workbook(path)[labels.sheet_name("fiscal")]
    heads = [c.value for c in ws[1]]
    assert len(heads) == len(export.FISCAL_COLUMNS)
    j = {c: heads.index(labels.bilingual(f"col.{c}")) + 1 for c in export.FISCAL_FIRMS}
    assert [ws.cell(r, j["new_firms"]).number_format for r in range(2, 6)] == (
        ["#,##0"] * 2 + ["#,##0.0"] * 2)  # fmt: skip
    assert ws.cell(4, j["cum_new_lo_80"]).number_format == "#,##0"  # 353
    assert ws.cell(4, j["cum_new_hi_80"]).number_format == "#,##0.0"  # 716.9
    cost = heads.index(labels.bilingual("col.cost_wan")) + 1
    assert ws.cell(4, cost).number_format == "#,##0"  # 万元 as before
    # a forecast's median that comes out whole keeps its decimal beside the others (it
    # printed "88" under "87.7": the diff review), by its basis, not its value
    whole = _fiscal([177.0, 176.0, 87.709, 88.0], ["actual"] * 2 + ["forecast"] * 2, lo, hi)
    path = export.write_workbook(tmp_path / "h.xlsx", fiscal=whole, **workbook_kwargs)
    ws = openpyxl.load_workbook(path)[labels.sheet_name("fiscal")]
    assert ws.cell(5, j["new_firms"]).number_format == "#,##0.0"


def test_a_disk_full_on_write_names_the_file_being_written(tmp_path, monkeypatch):
    """An OSError raised by write or fsync names no file: the command line could only say
    "the disk is full", not where."""
    import errno

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    target = tmp_path / "w.xlsx"
    with pytest.raises(OSError) as err:
        export.atomic_write_bytes(target, b"x")
    assert err.value.errno == errno.ENOSPC and err.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_writing_all_or_none_puts_back_what_a_failed_rename_replaced(tmp_path, monkeypatch):
    """A rename that fails part-way (a workbook open in Excel on Windows) left the first
    files new and the rest old: a department's returned workbook was overwritten while the
    others were not."""
    paths = [tmp_path / f"f{i}.xlsx" for i in range(5)]
    for p in paths[:4]:
        p.write_bytes(b"OLD returned answers")
    real, calls = export.os.replace, []

    def locked(src, dst):
        calls.append(dst)
        if str(dst) == str(paths[2]) and str(src).endswith(".tmp"):
            raise PermissionError(13, "The file is in use", str(src), None, str(dst))
        return real(src, dst)

    monkeypatch.setattr(export.os, "replace", locked)
    with pytest.raises(PermissionError):
        export.atomic_write_all({p: b"NEW" for p in paths})
    assert [p.read_bytes() for p in paths[:4]] == [b"OLD returned answers"] * 4
    assert sorted(tmp_path.iterdir()) == paths[:4]  # nothing new, no temporary file left
    monkeypatch.setattr(export.os, "replace", real)
    assert export.atomic_write_all({p: b"NEW" for p in paths}) == paths
    assert [p.read_bytes() for p in paths] == [b"NEW"] * 5
    assert sorted(tmp_path.iterdir()) == paths


def test_writing_all_or_none_leaves_nothing_when_a_file_cannot_be_set_aside(tmp_path, monkeypatch):
    """A file that cannot be moved aside (locked) stops the write before anything moves,
    and no temporary file or empty stand-in is left beside it."""
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    paths[0].write_bytes(b"OLD")
    real = export.os.replace

    def locked(src, dst):
        if str(src) == str(paths[0]):
            raise PermissionError(13, "The file is in use", str(src))
        return real(src, dst)

    monkeypatch.setattr(export.os, "replace", locked)
    with pytest.raises(PermissionError):
        export.atomic_write_all({p: b"NEW" for p in paths})
    assert sorted(tmp_path.iterdir()) == [paths[0]] and paths[0].read_bytes() == b"OLD"


def test_the_summary_says_a_flows_other_years_and_a_growth_targets_growth_figures(tmp_path):
    """The page and the brief say "其他年度：2021年12项（达标）…" under a yearly flow and the
    R&D growth figure held under its target; the workbook's summary said neither."""
    import dataclasses

    from langfang_metrics import compute

    r = compute.load_results()
    flow = r.observations.iloc[[0, 0]].assign(
        indicator_id="key_core_tech_per_year", region="langfang", year=[2021, 2022],
        value=[12.0, 9.0], unit="项/年", status="final", note="")  # fmt: skip
    r = dataclasses.replace(r, observations=pd.concat([r.observations, flow], ignore_index=True))
    for lang, flow_words, rate in (
        ("zh", "其他年度：2021年12项（达标）、2022年9项（差1项）",
         "已报告的单年增速：2022年≥10%（预计数，不低于要求的年均10%）"),
        ("en", "Other years: 2021: 12", "Single-year growth reported: at least 10% in 2022"),
    ):  # fmt: skip
        path = export.write_results_workbook(r, tmp_path / f"{lang}.xlsx", lang=lang)
        ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["摘要 Summary"]
        headers = [c.value for c in ws[1]]
        said, code, year = (headers.index(labels.bilingual(k)) for k in
                            ("col.other_figures", "col.indicator_id", "col.milestone_year"))  # fmt: skip
        rows = {(row[code], row[year]): row[said] for row in ws.iter_rows(min_row=2,
                                                                         values_only=True)}  # fmt: skip
        assert rows[("key_core_tech_per_year", 2023)].startswith(flow_words)
        assert rows[("rd_spending", 2025)].startswith(rate)
        assert sum(bool(v) for v in rows.values()) == 2  # 2025's own other year has no figure


def test_the_summary_gives_the_yearly_change_needed_from_now_in_each_rows_growth_unit(
    tmp_path, workbook_kwargs
):
    """Notebook 04 sent planners to the workbook for the growth needed from now, which it
    did not hold (the numbers audit); a rate prints as one, a share's change in points."""
    summary = workbook_kwargs["summary"].copy()
    summary["required_cagr_from_latest"] = [0.0334, 0.06, 0.44, np.nan][: len(summary)]
    summary["best_growth"] = 0.1
    summary["actual_cagr"] = 0.179
    summary["growth_unit"] = ["%/yr", "%/yr", "pp/yr", "%/yr"][: len(summary)]
    summary.loc[1, "status"] = "achieved"  # a settled outcome needs no pace
    assert len(summary) >= 3
    kwargs = {**workbook_kwargs, "summary": summary}
    ws = openpyxl.load_workbook(export.write_workbook(tmp_path / "s.xlsx", **kwargs))[
        "摘要 Summary"
    ]
    headers = [c.value for c in ws[1]]
    col = headers.index(labels.bilingual("col.needed_from_now")) + 1
    assert headers[col] == labels.bilingual("col.best_growth")
    cells = [ws.cell(row=i + 2, column=col) for i in range(len(summary))]
    assert cells[0].value == pytest.approx(0.0334) and cells[0].number_format.startswith("+0.0%")
    assert "/年" in cells[0].number_format
    assert cells[2].value == pytest.approx(0.44) and "个百分点/年" in cells[2].number_format
    assert cells[1].value is None
    assert ws.cell(row=3, column=col + 1).value == pytest.approx(0.1)  # its best year stays
    # the pace since the baseline stands before it, in the same units (the page says
    # "2020年以来年均+17.9%"; the workbook had only the technical gap table's raw rate)
    assert headers[col - 2] == labels.bilingual("col.actual_cagr")
    pace = ws.cell(row=2, column=col - 1)
    assert pace.value == pytest.approx(0.179)
    assert pace.number_format.startswith("+0.0%") and "/年" in pace.number_format


def test_a_change_in_units_a_year_prints_in_the_indicators_unit_and_decimals(indicators):
    """The units-a-year branch of the summary's formats: "+80家/年" in Chinese (no space
    before a Chinese unit, as the page prints it), "+80 firms/yr" in English."""
    frame = pd.DataFrame({"indicator_id": ["high_tech_enterprises", "high_tech_industry_share"],
                          "growth_unit": ["units/yr", "pp/yr"],
                          "required_cagr_from_latest": [80.0, 0.44], "best_growth": [90.0, 0.5]})  # fmt: skip
    zh = export.growth_formats(frame, indicators, "zh")
    en = export.growth_formats(frame, indicators, "en")
    assert zh[(0, "required_cagr_from_latest")].startswith('+#,##0"家/年"')
    assert en[(0, "best_growth")].startswith('+#,##0" firms/yr"')
    assert zh[(1, "required_cagr_from_latest")].startswith('+0.00"个百分点/年"')
    assert en[(1, "required_cagr_from_latest")].startswith('+0.00" pp/yr"')


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_says_each_probability_in_words_and_every_page_what_it_is(
    tmp_path, workbook_kwargs, lang
):
    """The summary printed 61 % and 54 % bare while its notes ask to read the graded words,
    and a printed page carried only its sheet's name, not the report or the year its data
    run to (the report writer's review)."""
    from langfang_metrics import views

    path = export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang, **workbook_kwargs)
    wb = openpyxl.load_workbook(path)
    ws = wb[labels.sheet_name("summary")]
    head = [c.value for c in ws[1]]
    words_col = head.index(labels.bilingual("col.p_meet_words"))
    p_col = head.index(labels.bilingual("col.p_meet"))
    assert words_col == p_col + 1  # beside the percent
    gaps = workbook_kwargs["summary"].assign(as_of=2022)
    path = export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang,
                                 **{**workbook_kwargs, "summary": gaps})  # fmt: skip
    ws = openpyxl.load_workbook(path)[labels.sheet_name("summary")]
    wb = ws.parent
    shown = [r[words_col].value or "" for r in ws.iter_rows(min_row=2)]
    expected = [w for w in export.p_meet_words(gaps, lang)]
    assert sorted(shown) == sorted(expected) and any(shown)
    forecast = gaps[gaps["p_meet"].notna() & ~gaps.apply(views.settled, axis=1)]
    assert views.likelihood_label(forecast["p_meet"].iloc[0], lang) in shown
    year = int(gaps["as_of"].max())
    want = f"（数据截至{year}年）" if lang == "zh" else f"(data to {year})"
    for sheet in wb.worksheets:
        assert sheet.oddHeader.left.text.endswith(want), sheet.title
        title = labels.label("index.title", lang).replace("&", "&&")  # "&" starts a code
        assert sheet.oddHeader.left.text.startswith(title)
    # data up to the plan's last year: the final evaluation's title, as the brief's (it said
    # 目标监测 beside a 终期评估简报: the report writer's review)
    assert export.print_heading(gaps.assign(as_of=2025), lang).startswith(
        labels.label("index.title_final", lang).replace("&", "&&"))  # fmt: skip
    assert labels.report_title(2025, "zh").endswith("目标终期评估")
    assert labels.report_title(2024, "zh").endswith("目标监测")
    assert labels.report_title(None, "en") == labels.label("index.title", "en")


def test_the_plans_words_read_in_simplified_characters(tmp_path):
    """The Targets sheet quoted the captured page's traditional characters; the two baselines the plan states kept the captured page's traditional characters on
    the figures sheet while the Targets sheet gave the same sentence in simplified ones (the
    end-to-end review); other quotes stay as their sources wrote them."""
    from langfang_metrics import compute

    r = compute.load_results()
    path = export.write_results_workbook(r, tmp_path / "zh.xlsx", lang="zh")
    wb = openpyxl.load_workbook(path)
    # the plan's words as it was issued (the page was captured in traditional characters,
    # with ASCII commas: the report writer's review)
    targets = wb["目标 Targets"]
    heads = [c.value for c in targets[1]]
    quotes = [row[heads.index(h)].value for row in targets.iter_rows(min_row=2)
              for h in ("原文 / Quote", "措施原文 / Measure quote")]  # fmt: skip
    assert quotes and not any(set(q) & set("業術,(") for q in quotes if q), quotes[:2]
    assert "到2023年，全市高新技术企业达到1300家，2025年达到1500家" in quotes
    ws = wb["观测 Observations"]
    col = [c.value for c in ws[1]].index("原文 / Quote")
    said = [row[col].value for row in ws.iter_rows(min_row=2) if row[col].value]
    assert "每万人口高价值发明专利拥有量由1.65件提高到3.7件" in said
    assert not any("萬人" in q for q in said)
    held = set(r.observations["quote"].dropna())
    assert sum(q in held for q in said) > 100  # the sources' own words, unchanged


def test_the_english_workbook_gives_our_translation_beside_the_plans_words(tmp_path):
    """The English workbook gave the plan's words in Chinese alone, and an adviser reading
    English could not check a target against the plan (the English reader's review): its
    Targets sheet has the registry's translation of each quote beside it, the Observations
    sheet under a baseline the plan states, and the notes say the translation is the
    project's. The Chinese workbook is, byte for byte, what it is without translations."""
    import dataclasses

    from langfang_metrics import compute

    r = compute.load_results()
    wb, heads, rows = _results_sheet(r, tmp_path, "en", "targets")
    q, m = heads.index("原文 / Quote"), heads.index("措施原文 / Measure quote")
    assert heads[q + 1] == "原文（英文） / Quote (our translation)"
    assert heads[m + 1] == "措施原文（英文） / Measure quote (our translation)"
    assert all(row[q + 1] and row[m + 1] for row in rows)
    said = {row[q]: row[q + 1] for row in rows} | {row[m]: row[m + 1] for row in rows}
    assert said["科技型中小企业由8796家增长到1万家"] == "Tech-based SMEs grow from 8,796 to 10,000"
    assert said["到2023年，全市高新技术企业达到1300家，2025年达到1500家"] == (
        "By 2023, the city's high-tech enterprises reach 1,300, and in 2025 they reach 1,500"
    )
    ws = wb[labels.sheet_name("observations")]
    obs_heads = [c.value for c in ws[1]]
    assert not any("translation" in h for h in obs_heads)  # no column of its own
    col = obs_heads.index("原文 / Quote")
    quotes = [row[col] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ("每万人口高价值发明专利拥有量由1.65件提高到3.7件\nOur translation: High-value "
            "invention patents held per 10,000 people rise from 1.65 to 3.7") in quotes  # fmt: skip
    assert sum("Our translation" in (q or "") for q in quotes) == 2  # the plan's two baselines
    notes = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True)}
    assert "this project’s own translation" in notes["Our translations"]

    bare = dataclasses.replace(
        r, indicators=r.indicators.drop(columns=["quote_en", "measure_quote_en"])
    )
    zh = [export.write_results_workbook(x, tmp_path / f"zh{i}.xlsx", lang="zh")
          for i, x in enumerate((r, bare))]  # fmt: skip
    assert sha(zh[0]) == sha(zh[1])
    wb, heads, _ = _results_sheet(bare, tmp_path, "en", "targets")  # as before translations
    assert not any("translation" in h for h in heads)
    assert "Our translations" not in {
        row[0] for row in wb.worksheets[-1].iter_rows(values_only=True)
    }


def test_the_summary_says_where_a_target_without_a_figure_should_stand_by_now(tmp_path):
    """The page and the brief say "按路径2022年应为9,259家" under a target with no figure yet;
    the summary gives the number in a column of its own, in the indicator's format."""
    from langfang_metrics import compute

    path = export.write_results_workbook(compute.load_results(), tmp_path / "w.xlsx", lang="zh")
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["摘要 Summary"]
    headers = [c.value for c in ws[1]]
    by_now, code, on_path = (headers.index(labels.bilingual(k)) + 1 for k in
                             ("col.expected_by_as_of", "col.indicator_id",
                              "col.expected_on_path"))  # fmt: skip
    assert by_now == on_path + 1  # beside the path value of a row with a figure
    cells = {ws.cell(r, code).value: ws.cell(r, by_now) for r in range(2, ws.max_row + 1)}
    smes = cells["tech_smes"]
    assert smes.value == pytest.approx(8796 * (10000 / 8796) ** (2 / 5))
    assert smes.number_format == "#,##0"
    assert cells["high_tech_enterprises"].value is None  # it has a figure: expected on path


def test_the_workbook_holds_the_planning_levels_with_what_to_mind(tmp_path):
    """Notebook 03's caption sends readers to the workbook for the full tables, and the
    workbook had no planning levels (the statistician's review). Each level is in its
    indicator's format, and its note says the cautions notebook 03 gives under its table."""
    from langfang_metrics import compute

    r = compute.load_results()
    p = r.planning.reset_index(drop=True)
    latest = r.gaps.dropna(subset=["latest_value"]).groupby("indicator_id")["latest_value"].last()
    for lang in ("zh", "en"):
        wb, heads, rows = _results_sheet(r, tmp_path, lang, "planning")
        col = {k: heads.index(labels.bilingual(f"col.{k}"))
               for k in ("probability", "level", "note", "indicator_id")}  # fmt: skip
        # as notebook 03's table prints them (views.planning_table), not the unrounded floats
        per_row = views.planning_decimals(p, r.indicators, r.gaps)
        printed = [views.round_level(v, d, views.level_way("level", c))
                   for v, d, c in zip(p["level"], per_row, p["comparison"], strict=True)]  # fmt: skip
        assert [row[col["level"]] for row in rows] == pytest.approx(printed)
        assert (
            wb[labels.sheet_name("planning")].cell(2, col["probability"] + 1).number_format == "0%"
        )
        below = labels.label("planning.flag_below", lang)
        for k, row in enumerate(rows):
            under = p.at[k, "level"] < latest[p.at[k, "indicator_id"]]
            assert (below in row[col["note"]]) == under  # said where it holds, only there
            gap = int(p.at[k, "year"]) - int(p.at[k, "as_of"])
            assert (str(gap) in row[col["note"]]) == (gap > 5)
        assert any(below in row[col["note"]] for row in rows)  # the 95 % level of 2030
        items = [row[0] for row in wb.worksheets[-1].iter_rows(values_only=True)]
        assert labels.sheet_name("planning") in items  # the notes say what it holds


def test_the_notes_say_why_a_50_percent_level_reads_below_the_forecast(tmp_path):
    """The Forecasts sheet gave the 2030 high-tech median as 2138 and the Planning levels
    sheet its 50 % level as 2137 (both 2137.82): the level is reached "at least", so it is
    rounded down on purpose, and the planning sheet's note now says why the two differ."""
    from langfang_metrics import compute

    r = compute.load_results()
    for lang in ("zh", "en"):
        wb, heads, rows = _results_sheet(r, tmp_path, lang, "planning")
        col = {k: heads.index(labels.bilingual(f"col.{k}"))
               for k in ("probability", "level", "indicator_id", "year")}  # fmt: skip
        median = {(row[col["indicator_id"]], row[col["year"]]): row[col["level"]]
                  for row in rows if row[col["probability"]] == 0.5}  # fmt: skip
        ws = wb[labels.sheet_name("forecasts")]
        fheads = [c.value for c in ws[1]]
        fcol = {k: fheads.index(labels.bilingual(f"col.{k}"))
                for k in ("indicator_id", "year", "mean")}  # fmt: skip
        forecast = {(row[fcol["indicator_id"]], row[fcol["year"]]): row[fcol["mean"]]
                    for row in ws.iter_rows(min_row=2, values_only=True)}  # fmt: skip
        key = ("high_tech_enterprises", 2030)
        assert (median[key], forecast[key]) == (2137, 2138)  # the case: 2137.82 both
        notes = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True)}
        said = notes[labels.sheet_name("planning")]
        assert "50%" in said and labels.sheet_name("forecasts").split()[lang == "en"] in said
        assert ("末位可能差1" if lang == "zh" else "differ by one in the last digit") in said


def test_the_summary_leaves_out_a_column_no_row_fills(tmp_path, workbook_kwargs):
    """At the final evaluation every row's "expected on path" and change still needed were
    empty, and the printed summary carried a page of empty columns (the final-evaluation
    review); a column some row fills stays."""
    summary = workbook_kwargs["summary"].assign(expected_on_path=np.nan)
    path = export.write_workbook(tmp_path / "w.xlsx", **{**workbook_kwargs, "summary": summary})
    heads = [c.value for c in openpyxl.load_workbook(path)["摘要 Summary"][1]]
    assert labels.bilingual("col.expected_on_path") not in heads
    assert labels.bilingual("col.milestone_year") in heads
    kept = export.write_workbook(tmp_path / "k.xlsx", **workbook_kwargs)
    heads = [c.value for c in openpyxl.load_workbook(kept)["摘要 Summary"][1]]
    assert (labels.bilingual("col.expected_on_path") in heads) == bool(
        workbook_kwargs["summary"]["expected_on_path"].notna().any())  # fmt: skip


def test_the_observations_sheet_says_where_each_figure_was_read(tmp_path, workbook_kwargs):
    """Tracing 1,610 firms to its return took data/processed/observations.csv: the sheet
    had no file or row (the statistician's review). Each figure read from a file says
    which, by the file's name, and the row; one without an origin leaves the cell empty."""
    obs = workbook_kwargs["observations"].copy()
    obs["origin_file"], obs["origin_sheet"] = "", ""
    obs["origin_row"] = np.nan
    obs.loc[obs.index[0], ["origin_file", "origin_sheet", "origin_row"]] = [
        "/tmp/returns/市科技局_2025.xlsx", "数据 data", 6]  # fmt: skip
    path = export.write_workbook(tmp_path / "o.xlsx", **{**workbook_kwargs, "observations": obs})
    ws = openpyxl.load_workbook(path)["观测 Observations"]
    heads = [c.value for c in ws[1]]
    col = heads.index("出处（文件、行） / Read from (file, row)")
    said = [r[col].value for r in ws.iter_rows(min_row=2)]
    assert "市科技局_2025.xlsx [数据 data] 第 6 行" in said
    assert sum(bool(v) for v in said) == 1  # the others have no origin


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_known_by_workbook_says_the_day_on_every_page_and_in_its_notes(gaps, observations, lang):
    """run --known-by: each printed page's header names the day the figures are as
    published by, after the year; the notes sheet says how many undated figures were
    counted as known."""
    from langfang_metrics.views import known_by_method

    class Then:  # the two fields known_by_method reads of the results
        known_by, undated_known = "2024-03-31", 7

    said = known_by_method(Then())
    summary = gaps.assign(as_of=2023)
    heading = export.print_heading(summary, lang, known_by=dict(said)["known_by.method"])
    want = "（数据截至2023年，按2024年3月31日已公布的数据）" if lang == "zh" else (
        "(data to 2023, as published by 2024-03-31)")  # fmt: skip
    assert heading.endswith(want)
    assert export.print_heading(summary, lang) == export.print_heading(summary, lang, known_by={})
    rows = dict(export.notes_rows(summary, observations, [], lang, known_by=said))
    note = rows[labels.label("notes.item.known_by", lang)]
    assert labels.day_words("2024-03-31", lang) in note and (
        "共7个" in note if lang == "zh" else "by 2024-03-31: 7" in note
    )
    Then.undated_after_earlier = 2  # finals left out as after their preliminary: one row
    rows = export.notes_rows(summary, observations, [], lang, known_by=known_by_method(Then()))
    note = [text for item, text in rows if item == labels.label("notes.item.known_by", lang)]
    assert len(note) == 1 and labels.label("known_by.method_after", lang,
                                           date="2024-03-31", k=2) in note[0]  # fmt: skip
    assert labels.label("notes.item.known_by", lang) not in dict(
        export.notes_rows(summary, observations, [], lang))  # fmt: skip


def test_the_english_workbook_frames_what_a_department_typed_in_chinese(tmp_path, workbook_kwargs):
    """A return's Chinese source and note, and its file, stood bare in the English workbook
    (Observations, Missing figures, Notes); the Chinese workbook keeps them as typed."""
    obs = workbook_kwargs["observations"].copy()
    obs["origin_file"], obs["origin_sheet"], obs["origin_row"] = "", "", np.nan
    ret = "/tmp/returns/市统计局_2023-2025.csv"
    at = obs.index[(obs["indicator_id"] == "rd_spending") & (obs["year"] == 2023)][0]
    obs.loc[at, ["source", "note", "origin_file", "origin_row"]] = [
        "廊坊市统计局统计年鉴", "初步核算", ret, 5]  # fmt: skip
    missing = pd.DataFrame(
        [
            {
                "indicator_id": "rd_spending",
                "name_zh": "全社会研发经费投入",
                "name_en": "Society-wide R&D spending",
                "unit_zh": "亿元",
                "unit_en": "100 million yuan",
                "section_zh": "创新能力",
                "section_en": "Innovation capacity",
                "year": 2023,
                "departments_zh": "市统计局",
                "departments_en": "Statistics Bureau",
                "held_status": "preliminary",
                "held_value": 61.5,
                "held_source": "廊坊市统计局统计年鉴",
            }
        ]
    )
    kwargs = {**workbook_kwargs, "observations": obs, "missing": missing,
              "files": ["data/raw/observations.csv", ret]}  # fmt: skip
    cells = {}
    for lang in ("zh", "en"):
        wb = openpyxl.load_workbook(export.write_workbook(tmp_path / f"{lang}.xlsx", lang=lang,
                                                          **kwargs))  # fmt: skip
        cells[lang] = {ws.title: [c.value for row in ws.iter_rows(min_row=2) for c in row]
                       for ws in wb}  # fmt: skip
    en = cells["en"]
    assert "Statistics Bureau's return: 廊坊市统计局统计年鉴" in en["观测 Observations"]
    assert "Statistics Bureau's note: 初步核算" in en["观测 Observations"]
    origin = "市统计局_2023-2025.csv (Statistics Bureau's return) row 5"
    assert origin in en["观测 Observations"]
    assert "Statistics Bureau's return: 廊坊市统计局统计年鉴" in en["待补数据 Missing figures"]
    assert "市统计局_2023-2025.csv (Statistics Bureau's return)" in en["说明 Notes"]
    zh = cells["zh"]
    assert {"廊坊市统计局统计年鉴", "初步核算", "市统计局_2023-2025.csv 第 5 行"} <= set(
        zh["观测 Observations"])  # fmt: skip
    assert "廊坊市统计局统计年鉴" in zh["待补数据 Missing figures"]
    # the figures of the shipped table keep their source
    assert en["观测 Observations"].count("廊坊市统计公报") == len(obs) - 1


def _planning_case() -> pd.DataFrame:
    """The final run's planning levels the review read differently in the workbook and in
    the notebooks (2030; a lower bound ">=" at 80 % and 95 %)."""
    return pd.DataFrame({
        "indicator_id": ["innovation_consortia"] * 2 + ["high_tech_enterprises"]
                        + ["high_value_patents_per_10k"] * 2,
        "year": 2030, "probability": [0.95, 0.8, 0.8, 0.8, 0.95], "comparison": ">=",
        "level": [7.625, 11.80, 1677.94, 3.9097, 2.5176], "as_of": 2025,
    })  # fmt: skip


def test_the_planning_sheet_shows_each_level_as_the_notebooks_print_it():
    """Excel showed the planning levels' floats half up: consortia 7.625 read 8 where
    notebook 03, the page and the fan chart say 7, high-tech 1,677.94 read 1,678, patents
    3.9097 read 3.91 (the review of the final run). Each cell now holds the printed figure
    at exactly the decimals the notebook uses."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    case = _planning_case()
    ws = openpyxl.Workbook().active
    export._planning_sheet(ws, case, None, ind, "en")
    heads = [c.value for c in ws[1]]
    j = heads.index(labels.bilingual("col.level")) + 1
    cells = [ws.cell(i, j) for i in range(2, 2 + len(case))]
    assert [c.value for c in cells] == pytest.approx([7, 11, 1677, 3.90, 2.51])
    assert [c.number_format for c in cells] == ["#,##0"] * 3 + ["0.00"] * 2
    shown = views.planning_table(case, pd.DataFrame(columns=["milestone_year"]), ind,
                                 lang="en", note=False).data  # fmt: skip
    assert shown[labels.label("col.level", "en")].tolist() == ["7", "11", "1,677", "3.90", "2.51"]


def test_the_forecasts_sheet_shows_the_figures_notebook_03_prints(tmp_path, workbook_kwargs):
    """The forecasts sheet held R&D's 2030 range as 85.47 / 136.04 shown "85.47" and "136.04"
    beside notebook 03's 85 / 137; both now say 85.4 / 136.1亿元, at the decimal of the
    published 64.6亿元, the range outwards. The unrounded values stay in forecasts.csv."""
    from langfang_metrics.registry import load_indicators

    ind = load_indicators()
    fc = pd.DataFrame({"indicator_id": "rd_spending", "year": 2030, "method": "growth",
                       "as_of": 2025, "mean": [106.386], "lo_80": [85.4655], "hi_80": [136.0423],
                       "lo_95": [73.3626], "hi_95": [164.0129]})  # fmt: skip
    gaps = pd.DataFrame({"indicator_id": ["rd_spending"], "baseline_value": [54.03],
                         "latest_value": [64.6]})  # fmt: skip
    cols = ["mean", "lo_80", "hi_80", "lo_95", "hi_95"]
    notebook = views.forecast_table(fc, ind, lang="en", gaps=gaps)
    printed = notebook[[labels.label(f"col.{c}", "en") for c in cols]].iloc[0].tolist()
    assert printed == ["106.4", "85.4", "136.1", "73.3", "164.1"]
    kwargs = {**workbook_kwargs, "forecasts": fc, "indicators": ind}
    path = export.write_workbook(tmp_path / "w.xlsx", **kwargs)
    ws = openpyxl.load_workbook(path)[labels.sheet_name("forecasts")]
    heads = [c.value for c in ws[1]]
    cells = [ws.cell(2, heads.index(labels.bilingual(f"col.{c}")) + 1) for c in cols]
    # the summary of workbook_kwargs has no R&D row: the sheet keeps the size rule's decimals
    alone = views.forecast_decimals(fc, ind, kwargs["summary"])["rd_spending"]
    assert {c.number_format for c in cells} == {"#,##0" + ("." + "0" * alone if alone else "")}
    assert [c.value for c in cells] == pytest.approx(
        [views.round_level(v, alone, views.level_way(c, None))
         for v, c in zip(fc.loc[0, cols], cols, strict=True)])  # fmt: skip
    with_rd = export.write_workbook(tmp_path / "g.xlsx", **{**kwargs, "summary": pd.concat(
        [kwargs["summary"], gaps.assign(milestone_year=2025)], ignore_index=True)})  # fmt: skip
    ws = openpyxl.load_workbook(with_rd)[labels.sheet_name("forecasts")]
    cells = [ws.cell(2, heads.index(labels.bilingual(f"col.{c}")) + 1) for c in cols]
    assert [f"{c.value:,.1f}" for c in cells] == printed
    assert {c.number_format for c in cells} == {"#,##0.0"}


#: The final run's planning note (2030 patents, 95 %) and a source's URL: LibreOffice printed
#: the URL on 4 lines at width 30 where its row was 3 tall, and cut its last characters off.
_CJK_NOTE = ("†\xa0预测远慢于本指标迄今的平均速度；低于最新实际值：只说明区间很宽，并非预计会减少；"
             "距预测起点6年，超出检验过的1–5年：外推的情景")  # fmt: skip
_URL = "https://www3.lf.gov.cn/Item/139689.aspx?sourceid=118244&sourcenodeid=1010"


def test_wrapped_lines_count_cjk_as_two_columns_latin_by_its_width_and_break_at_words():
    """Rows were sized from the text's length over 90 % of the width less one, so short
    names and notes that fit one line were given two, and a URL that wraps at its slashes
    was given a line too few. Every latin character counted as a digit then gave English
    text about a line in six too many (the probability note took 6 lines where LibreOffice
    prints 5), and a run of capitals, wider than digits, a line too few."""
    assert export.wrapped_lines("每年立项支持攻克关键核心技术", 30) == 1  # 28 columns
    assert export.wrapped_lines("每年立项支持攻克关键核心技术项", 30) == 2  # 30 > 29
    assert export.wrapped_lines(_CJK_NOTE, 60) == 3  # 120 columns, two to a CJK character
    # 31 characters, 26.9 columns printed: one line in 30 columns, two in 25
    assert export.wrapped_lines("Enterprise innovation consortia", 30) == 1
    assert export.wrapped_lines("Enterprise innovation consortia", 25) == 2
    assert export.wrapped_lines("High-tech enterprises firms", 30) == 1
    # a word goes whole to the next line: 'slower' (5.7) does not fit after 17.5 + 0.5
    assert export.wrapped_lines("the forecast runs far slower", 23) == 2
    assert export.wrapped_lines("the forecast runs far slower", 26) == 1
    # ten capital W are 18 columns wide, not 10: two lines in a 12-wide column
    assert export.wrapped_lines("W" * 10, 12) == 2
    assert export.wrapped_lines("i" * 20, 12) == 1  # and twenty i are 10
    assert export.wrapped_lines(_URL, 30) == 4  # https://www3.lf.gov.cn/Item/ | 139689.aspx? | …
    assert export.wrapped_lines("一二\n三", 30) == 2  # a newline starts a line
    assert export.wrapped_lines("一二三，", 7) == 2  # a comma does not start a line: 三， goes down
    assert export.wrapped_lines("", 30) == 1


def test_a_row_of_latin_text_takes_calibris_line_height_a_row_with_cjk_a_taller_one(tmp_path):
    """English rows were sized at the 17 points a line of Chinese needs, and printed a blank
    line under every four or so; a row with CJK anywhere in it, wrapped or not, keeps 17."""
    assert export.row_line_height(["High-tech enterprises", 1258.0, None]) == 15
    assert export.row_line_height(["High-tech enterprises", "市科技局"]) == 17
    frame = pd.DataFrame({"name": ["High-tech enterprises", "高新技术企业"],
                          "note": ["the forecast runs far slower " * 3] * 2})  # fmt: skip
    ws = openpyxl.Workbook().active
    export._write_sheet(ws, frame)
    lines = export.wrapped_lines(frame.loc[0, "note"], ws.column_dimensions["B"].width)
    assert ws.row_dimensions[2].height == 15 * lines
    assert ws.row_dimensions[3].height == 17 * lines


def test_a_long_note_rows_height_is_its_lines(tmp_path):
    """A row is as tall as the most lines any of its wrapped cells takes, a line height each
    (the planning sheet's notes printed with blank lines under them)."""
    frame = pd.DataFrame({"name": ["高新技术企业数量"] * 3,
                          "note": ["", _CJK_NOTE, _CJK_NOTE + "\n" + _CJK_NOTE]})  # fmt: skip
    ws = openpyxl.Workbook().active
    export._write_sheet(ws, frame)
    width = ws.column_dimensions["B"].width
    assert width == export.MAX_COLUMN_WIDTH
    heights = [ws.row_dimensions[i].height for i in (2, 3, 4)]
    assert heights == [export.LINE_HEIGHT * n for n in (1, 3, 6)]
    assert heights[2] == 2 * heights[1] == 6 * heights[0]


def test_the_status_note_of_a_level_targets_late_first_figure_asks_no_2020_figure():
    """状态说明 of a share's first figure of 2024 and a count's of 2023 (no plan baseline)
    read "缺2020年数据：2021—2024年增速未计", words of the R&D growth-rate target counted from
    2020, which sent a statistician after a 2020 figure no grade of a level needs (the
    review); the R&D target keeps them."""
    from conftest import with_first_figures

    from langfang_metrics.compute import load_results

    results = with_first_figures(load_results())
    for lang, words in (("zh", "仅有起算值\n待另一年数据评估"),
                        ("en", "first figure only\nanother year’s figure needed to grade")):  # fmt: skip
        frame, _ = export._summary_sheet(results.gaps, results.indicators, lang)
        notes = dict(zip(frame["indicator_id"], frame["status_note"], strict=True))
        assert notes["industrial_rd_intensity"] == words
        assert notes["tech_commissioners"] == words
        assert "2020" in notes["rd_spending"]


def test_the_workbooks_cite_the_plan_execution_report_by_a_title_that_says_what_it_is(tmp_path):
    """The Observations and Missing figures sheets gave the source as "廊坊市2022年国民经济和
    社会发展计划执行情况 (2022 plan-execution report)": the gloss says neither whose plan nor
    which (the review). data/raw keeps its words; the sheets show the title."""
    from langfang_metrics import compute

    r = compute.load_results()
    title = ("廊坊市2022年国民经济和社会发展计划执行情况 (Langfang’s report on the "
             "implementation of its 2022 National Economic and Social Development Plan)")  # fmt: skip
    for lang in ("zh", "en"):
        wb = openpyxl.load_workbook(export.write_results_workbook(r, tmp_path / f"{lang}.xlsx",
                                                                  lang=lang))  # fmt: skip
        for sheet, n in (("observations", 4), ("missing", 1)):
            cells = [c.value for row in wb[labels.sheet_name(sheet)].iter_rows(min_row=2)
                     for c in row if isinstance(c.value, str)]  # fmt: skip
            assert cells.count(title) == n, (lang, sheet)
            assert not [c for c in cells if "(2022 plan-execution report)" in c]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_workbook_given_as_input_is_refused_as_an_output(
    tmp_path, workbook_kwargs, lang
):
    """reports/langfang_metrics.xlsx given to validate was "a workbook with 5 sheets with a
    data header: delete the sheets that are not returns" (the hostile-input review): the
    loader knows it by the document properties the export writes, under any name, and says
    it is an output; a copy re-saved in Excel keeps them."""
    from langfang_metrics.errors import DataValidationError
    from langfang_metrics.observations import load_observations, validate_file

    path = export.write_workbook(tmp_path / "廊坊数据2024.xlsx", lang=lang, **workbook_kwargs)
    title = labels.report_title(None, lang)
    with pytest.raises(DataValidationError) as info:
        load_observations(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == (str(path), None, None)
    assert problem.message.startswith(
        f"this is the results workbook a run of langfang-metrics wrote (its document title is "
        f"'{title}'): an output, not returns")  # fmt: skip
    assert problem.message_zh.startswith(
        f"这是 langfang-metrics 运行时写出的结果工作簿（文档标题为“{title}”）：是输出，不是回收的数据")  # fmt: skip
    assert "delete the sheets" not in problem.message
    with pytest.raises(DataValidationError, match="an output, not returns"):
        validate_file(path)
    # re-saved by a spreadsheet program (the modified date and author change)
    wb = openpyxl.load_workbook(path)
    wb.properties.lastModifiedBy = "王"
    wb.save(tmp_path / "copy.xlsx")
    with pytest.raises(DataValidationError, match="an output, not returns"):
        load_observations(tmp_path / "copy.xlsx")


def test_the_english_notes_spell_out_the_abbreviations_the_workbook_uses(tmp_path):
    """ "IP" in two indicator names, "FYP" and "pp" in the sources' notes, and "SDG" in the
    notes' own Status row were never spelt out in the English workbook (the reviewers): a
    row beside the department names' short forms says what each used stands for."""
    from langfang_metrics import compute

    r = compute.load_results()
    wb, _, _ = _results_sheet(r, tmp_path, "en", "notes")
    cells = [str(c) for ws in wb.worksheets[:-1] for row in ws.iter_rows(values_only=True)
             for c in row if c is not None]  # fmt: skip
    assert any("IP service" in c for c in cells) and any("14th FYP" in c for c in cells)
    notes = {row[0]: row[1] for row in wb.worksheets[-1].iter_rows(values_only=True)}
    said = notes[labels.label("notes.item.abbreviations", "en")]
    for pair in ("IP = intellectual property", "FYP = Five-Year Plan", "pp = percentage points"):
        assert pair in said
    items = list(notes)
    names = items.index(labels.label("notes.item.department_names", "en"))
    assert items[names + 1] == labels.label("notes.item.abbreviations", "en")
    assert "SDG" not in notes[labels.label("notes.item.status", "en")]
    zh, _, _ = _results_sheet(r, tmp_path, "zh", "notes")
    items = [row[0] for row in zh.worksheets[-1].iter_rows(values_only=True)]
    assert labels.label("notes.item.abbreviations", "zh") not in items
