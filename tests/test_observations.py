"""Unit tests of the observation loader: helpers, the shipped data and the contract."""

from __future__ import annotations

import datetime
import hashlib
import pickle
import re
import zipfile
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS

from langfang_metrics import config, registry
from langfang_metrics.errors import DataValidationError
from langfang_metrics.observations import (
    COLUMN_ALIASES,
    FRAME_COLUMNS,
    OBSERVATION_COLUMNS,
    canonical_column,
    conversion_factor,
    input_files,
    load_observations,
    normalise_value,
    parse_unit,
    published_ends,
    validate_file,
)


@pytest.mark.parametrize(
    ("raw", "number", "unit"),
    [("8,796", 8796, ""), ("8，796", 8796, ""), ("８７９６", 8796, ""), ("35.6%", "35.6", "%"),
     ("1.65件", "1.65", "件"), ("1.65 件/万人", "1.65", "件/万人"), ("1万家", 1, "万家"),
     ("\u00a0 54.03亿元 ", "54.03", "亿元"), ("−2.5", "-2.5", ""), ("1e3", 1000, "")],
)  # fmt: skip
def test_normalise_value(raw, number, unit):
    parsed = normalise_value(raw)
    assert parsed.number == Decimal(str(number))
    assert parsed.unit == unit


@pytest.mark.parametrize("raw", ["NaN", "nan", "inf", "-", "—", "–", "不详", "n/a", "", "  "])
def test_missing_markers_give_no_number(raw):
    parsed = normalise_value(raw)
    assert parsed.number is None and "no usable number" in parsed.reason


@pytest.mark.parametrize("raw", ["abc", "1,2", "12 apples", "1e999"])
def test_text_is_not_a_number(raw):
    assert normalise_value(raw).number is None


def test_messages_repeat_a_long_cell_cut_short_and_a_short_year_whole():
    """A 32,767-character cell made a 32,878-character line; '20222' read '20222…'."""
    from langfang_metrics.observations import _year

    reason = normalise_value("x" * 32767).reason
    assert len(reason) < 200 and "(32,767 characters)" in reason
    assert normalise_value("abc").reason.startswith("not a number: 'abc' (")
    assert _year("20222")[1].startswith("the year 20222 is outside")
    assert _year("9" * 40)[1].startswith("the year 999999999999… is outside")


@pytest.mark.parametrize("raw", ["80.5¹", "1450①", "3553²", "⑴12", "9,120³ 家"])
def test_a_footnote_mark_is_not_read_as_a_digit(raw):
    """NFKC turned "80.5¹" into 80.51 and "1450①" into 14501, loaded with 'OK'."""
    parsed = normalise_value(raw)
    assert parsed.number is None and "footnote mark" in parsed.reason


@pytest.mark.parametrize(
    ("given", "target", "factor"),
    [("万元", "亿元", "0.0001"), ("万亿元", "亿元", "10000"), ("元", "亿元", "1E-8"),
     ("亿元", "亿元", "1"), ("人", "万人", "0.0001"), ("万", "家", "10000"), ("万", "万人", "1"),
     ("件", "件/万人", "1"), ("百分比", "%", "1"), ("", "家", "1")],
)  # fmt: skip
def test_conversion_factor(given, target, factor):
    assert conversion_factor(parse_unit(given), target) == Decimal(factor)


@pytest.mark.parametrize(("given", "target"), [("万人", "家"), ("%", "亿元"), ("家", "%")])
def test_incompatible_units(given, target):
    assert conversion_factor(parse_unit(given), target) is None


@pytest.mark.parametrize(
    ("header", "column"),
    [("指标代码", "indicator_id"), ("Indicator ID", "indicator_id"), ("数值 value", "value"),
     ("年份(year)", "year"), ("网址/链接", "url"), (" STATUS ", "status"), ("checked", None)],
)  # fmt: skip
def test_canonical_column(header, column):
    assert canonical_column(header) == column


def test_every_contract_column_has_aliases():
    assert set(COLUMN_ALIASES) == set(OBSERVATION_COLUMNS)


def test_shipped_file_loads_with_known_ids_and_regions():
    df = load_observations()
    assert list(df.columns) == list(FRAME_COLUMNS)
    assert set(df["indicator_id"]) <= set(registry.load_indicators()["indicator_id"])
    assert set(df["region"]) <= set(registry.load_regions()["region"])
    assert set(df["status"]) <= set(config.STATUSES)
    units = registry.load_indicators().set_index("indicator_id")["unit_zh"]
    assert (df["unit"] == df["indicator_id"].map(units)).all()
    keys = ["region", "indicator_id", "year", "status"]
    assert df.equals(df.sort_values(keys, ignore_index=True))
    assert isinstance(df.index, pd.RangeIndex)


def test_shipped_trillions_are_converted_to_registry_unit():
    df = load_observations()
    row = df[(df.indicator_id == "rd_spending") & (df.region == "china") & (df.year == 2013)]
    assert row["value"].item() == 11800.0
    assert row["unit"].item() == "亿元"
    assert "converted from 1.18 万亿元" in row["note"].item()


def test_loading_is_deterministic_and_read_only():
    before = hashlib.sha256(config.OBSERVATIONS_FILE.read_bytes()).hexdigest()
    first, second = load_observations(), load_observations(config.OBSERVATIONS_FILE)
    pd.testing.assert_frame_equal(first, second)
    assert hashlib.sha256(config.OBSERVATIONS_FILE.read_bytes()).hexdigest() == before


def test_validate_file(tmp_path):
    # counted from the file, not pinned: adding a figure is the data officer's routine
    shipped = pd.read_csv(config.OBSERVATIONS_FILE)
    assert validate_file(config.OBSERVATIONS_FILE) == (len(shipped),
                                                       shipped["indicator_id"].nunique())  # fmt: skip
    path = tmp_path / "obs.csv"
    path.write_text("indicator_id,year,value\ntech_smes,2021,9500\ngdp,2021,1\ngdp,2022,2\n")
    assert validate_file(path) == (3, 2)
    path.write_text("indicator_id,year,value\nnope,2021,9500\n")
    with pytest.raises(DataValidationError, match="unknown indicator 'nope'"):
        validate_file(path)


def test_control_characters_in_provenance_text_become_spaces(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_bytes(
        b"indicator_id,year,value,source,quote,note\n"
        b'gdp,2015,2411.2,"Langfang yearbook\x0cpage 3","a\rb\x0bc","x\r\ny\x01"\n'
    )
    row = load_observations(path).iloc[0]
    assert row["source"] == "Langfang yearbook page 3"
    assert row["quote"] == "a\nb c" and row["note"] == "x\ny"
    assert load_observations(path).equals(load_observations(path))


def test_a_folder_reads_macro_and_tab_files_and_names_what_it_cannot_read(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["indicator_id", "year", "value"])
    wb.active.append(["tech_smes", 2021, 9500])
    wb.save(tmp_path / "returned.xlsm")  # a macro workbook is an xlsx inside
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.tsv").write_text("indicator_id\tyear\tvalue\ngdp\t2021\t3553.1\n")
    (tmp_path / "cover-letter.docx").write_bytes(b"not an input")
    assert validate_file(tmp_path) == (2, 2)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    with pytest.raises(DataValidationError) as info:
        validate_file(tmp_path)
    text = str(info.value)
    assert "old.xls: .xls files cannot be read here; save it as .xlsx" in text
    assert "gone.csv: the file is a broken link" in text
    # the files that can be read are read too, and their problems said in the same round
    # (a folder's one .xls hid another file's five bad values until a second round trip)
    (tmp_path / "bad.csv").write_text("indicator_id,year,value\ntech_smes,2021,abc\n")
    with pytest.raises(DataValidationError) as info:
        validate_file(tmp_path)
    text = str(info.value)
    assert "old.xls: .xls files cannot be read here" in text
    assert "bad.csv, row 2, column 'value': not a number: 'abc'" in text


def test_an_old_office_file_is_named_as_what_it_is(tmp_path):
    """A WPS 表格 file (.et) was "这是旧版 .xls 工作簿" (the hostile-input review): both are an
    OLE2 container, so the name says whose it is; one renamed .xlsx is said to be an old
    workbook renamed, and a Word 97-2003 document to be no table. In a folder, an .et is
    WPS's too."""
    from corpus.cases import ole2

    def said(name: str, stream: str = "Workbook"):
        path = tmp_path / name
        path.write_bytes(ole2(stream))
        with pytest.raises(DataValidationError) as info:
            load_observations(path)
        (problem,) = info.value.problems
        assert (problem.file, problem.row, problem.column) == (str(path), None, None)
        return problem.message, problem.message_zh

    en, zh = said("报表.et")
    assert "WPS 表格 (WPS Spreadsheets) file (.et)" in en and "old-style .xls" not in en
    assert "save it as an Excel workbook (.xlsx) or as CSV" in en
    assert zh.startswith(
        "这是 WPS 表格文件（.et），本程序不能读取：请用 WPS 打开，点“文件 → 另存为”"
    )
    assert "旧版 .xls" not in zh
    en, zh = said("old.xls")
    assert (en, zh) == ("this is an old-style .xls workbook; save it as .xlsx or as CSV UTF-8",
                        "这是旧版 .xls 工作簿；请另存为 .xlsx 或 CSV UTF-8")  # fmt: skip
    en, zh = said("returned.xlsx")
    assert en.startswith("the file is named .xlsx but holds an old-format workbook (Excel "
                         "97-2003 .xls, or WPS 表格 .et), renamed")  # fmt: skip
    assert zh.startswith("该文件扩展名是 .xlsx，内容却是旧格式的工作簿")
    en, zh = said("returned.csv", "WordDocument")
    assert en.startswith("this is an old-style Word document (.doc), not a table of figures")
    assert zh.startswith("这是旧版 Word 文档（.doc），不是数据表")
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "报表.et").write_bytes(ole2("Workbook"))
    with pytest.raises(DataValidationError) as info:
        load_observations(folder)
    (problem,) = info.value.problems
    assert problem.message.startswith("this is a WPS 表格 (WPS Spreadsheets) file (.et)")
    assert problem.message.endswith("(or move it out of the folder)")
    assert problem.message_zh.startswith("这是 WPS 表格文件（.et）")


def test_a_folder_names_the_archives_and_templates_it_cannot_read(tmp_path):
    """returns.zip (a department's returns mailed zipped) and a workbook saved as a template
    (.xltx) were skipped without a word: their figures read as never sent (the hostile-input
    review). Both are refused by name; the folder's other files are still read."""
    import zipfile

    (tmp_path / "a.csv").write_text("indicator_id,year,value\ntech_smes,2021,9500\n")
    with zipfile.ZipFile(tmp_path / "returns.zip", "w") as z:
        z.writestr("b.csv", "indicator_id,year,value\ngdp,2021,3553.1\n")
    (tmp_path / "r.xltx").write_bytes(b"PK")
    with pytest.raises(DataValidationError) as info:
        validate_file(tmp_path)
    text = str(info.value)
    assert "returns.zip: an archive (.zip) is not read: unpack it" in text
    assert "r.xltx: .xltx files cannot be read here; save it as .xlsx" in text
    zh = "\n".join(p.message_zh for p in info.value.problems)
    assert "压缩包（.zip）不会被读取：请解压后提供其中的文件" in zh
    # given by name, an archive says so too (not "not an Excel workbook")
    with pytest.raises(DataValidationError, match="this is a zip archive, not a workbook: unpack"):
        validate_file(tmp_path / "returns.zip")


def test_a_stale_dimension_in_a_workbook_loses_no_row_or_column(tmp_path):
    """Read-only openpyxl stops at the range a file declares; some tools write it wrong, and
    rows and the status column were dropped (estimates loaded as final) without a word."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["indicator_id", "year", "value", "status"])
    for year, status in ((2019, "final"), (2020, "final"), (2021, "preliminary"),
                         (2022, "estimate")):  # fmt: skip
        wb.active.append(["gdp", year, 3000 + year - 2019, status])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(stale, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C3"', data)
                assert n == 1
            out.writestr(item, data)
    got = load_observations(stale)
    assert got["year"].tolist() == [2019, 2020, 2021, 2022]
    assert got["status"].tolist() == ["final", "final", "preliminary", "estimate"]


def test_a_unit_shown_by_the_number_format_is_the_cells_unit(tmp_path):
    """805000 formatted 0"万元" shows "805000万元" in Excel; read as 805,000 亿元 it loaded
    10,000 times too big. A currency sign before the number is not a unit."""
    import openpyxl

    from langfang_metrics._readers import format_suffix

    assert format_suffix('0"万元"', 805000) == "万元"
    assert format_suffix('#,##0;[Red]-#,##0"万元"', -5) == "万元"
    assert format_suffix("0\\万", 3) == "万"
    assert format_suffix('"¥"#,##0.00', 5) == "" and format_suffix("#,##0_);(#,##0)", 5) == ""
    wb = openpyxl.Workbook()
    wb.active.append(["indicator_id", "year", "value"])
    wb.active.append(["rd_spending", 2022, 605000])
    wb.active.append(["tech_smes", 2022, 9120])
    wb.active["C2"].number_format = '0"万元"'
    wb.active["C3"].number_format = '#,##0"家"'
    path = tmp_path / "formatted.xlsx"
    wb.save(path)
    got = load_observations(path).set_index("indicator_id")["value"]
    assert got["rd_spending"] == pytest.approx(60.5)  # 605,000 万元 = 60.5 亿元
    assert got["tech_smes"] == 9120


def test_a_number_format_that_scales_the_figure_is_read_as_shown(tmp_path):
    """605000 (万元) formatted 0!.0,"亿元" shows "60.5亿元" in Excel, a common way to show
    万元 as 亿元; it loaded as 605,000 亿元 and the landing page called R&D on track at
    2,943,559 亿元. A trailing comma divides by 1,000 and a literal point moves the point."""
    import openpyxl

    from langfang_metrics._readers import format_scaled

    assert format_scaled('0!.0,"亿元"', 605000) == pytest.approx(60.5)
    assert format_scaled('0\\.0,"亿元"', 605432) == pytest.approx(60.5432)  # unrounded
    assert format_scaled('#,##0.0,"千"', 9120) == pytest.approx(9.12)
    assert format_scaled('#,##0,,"百万"', 12345678) == pytest.approx(12.345678)
    for fmt in ("#,##0", "#,##0.00", '0"万元"', "#,##0_);(#,##0)", '"¥"#,##0.00', ""):
        assert format_scaled(fmt, 12345.5) == 12345.5  # separators and literals only
    wb = openpyxl.Workbook()
    wb.active.append(["indicator_id", "year", "value"])
    wb.active.append(["rd_spending", 2022, 605000])
    wb.active.append(["tech_smes", 2022, 9120])
    wb.active.append(["high_tech_enterprises", 2022, 1258])
    wb.active["C2"].number_format = '0!.0,"亿元"'
    wb.active["C3"].number_format = '#,##0.0,"千"'
    wb.active["C4"].number_format = "#,##0"
    path = tmp_path / "scaled.xlsx"
    wb.save(path)
    got = load_observations(path).set_index("indicator_id")["value"]
    assert got["rd_spending"] == pytest.approx(60.5)
    assert got["tech_smes"] == pytest.approx(9120)
    assert got["high_tech_enterprises"] == 1258


def test_merged_value_cells_are_named_not_copied_into_a_figure(tmp_path):
    """A value cell merged down over the next year's (Excel keeps the merge when a figure
    is cleared) gave that year the same figure without a word; a value merged over its unit
    was blamed on the unit ("unit '9120' is not recognised"). A label merged over a group
    of rows is still read for each of them."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "year", "value", "unit"])
    ws.append(["tech_smes", 2021, 9120, "家"])
    ws.append(["tech_smes", 2022, None, "家"])
    ws.append(["high_tech_enterprises", 2021, 1050, None])
    ws.merge_cells("C2:C3")
    ws.merge_cells("C4:D4")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    got = {(p.row, p.column): p.message for p in err.value.problems}
    assert "merged with row 2's (C2:C3), so it repeats that row's figure" in got[(3, "value")]
    assert "'value' and 'unit' cells are merged (C4:D4)" in got[(4, "unit")]
    assert (2, "value") not in got  # the figure's own row is read as it is
    # a value merged sideways with its year (the year was read as the figure, silently),
    # and a header cell merged down over the first row
    side = openpyxl.Workbook()
    ws = side.active
    ws.append(["indicator_id", "year", "value", "unit"])
    ws.append(["high_tech_enterprises", 2021, None, "家"])
    ws.append(["tech_smes", 2021, 9120, "家"])
    ws.merge_cells("B2:C2")
    ws.merge_cells("A1:A3")
    side.save(tmp_path / "sideways.xlsx")
    with pytest.raises(DataValidationError) as err:
        load_observations(tmp_path / "sideways.xlsx")
    said = " | ".join(f"{p.row} {p.column}: {p.message}" for p in err.value.problems)
    assert "2 value: the 'year' and 'value' cells are merged (B2:C2)" in said
    assert ("2 indicator_id: the 'indicator_id' header cell is merged down over this row "
            "(A1:A3)") in said  # fmt: skip
    assert "3 indicator_id: the 'indicator_id' header cell is merged down" in said
    ok = openpyxl.Workbook()
    ok.active.append(["indicator_id", "year", "value"])
    ok.active.append(["tech_smes", 2021, 9120])
    ok.active.append([None, 2022, 9480])
    ok.active.merge_cells("A2:A3")  # one indicator over its years: read for both
    ok.save(tmp_path / "grouped.xlsx")
    got = load_observations(tmp_path / "grouped.xlsx")
    assert got["indicator_id"].tolist() == ["tech_smes", "tech_smes"]
    assert got["value"].tolist() == [9120, 9480]


def test_rows_that_carry_only_formatting_do_not_count_against_the_row_limit(tmp_path, monkeypatch):
    """A fill dragged down to row 250,001 below nine figures was refused as "over the limit
    of 200,000 rows; split it into several files", which no split would help."""
    import openpyxl
    from openpyxl.styles import PatternFill

    from langfang_metrics import config

    monkeypatch.setattr(config, "MAX_INPUT_ROWS", 20)
    fill = PatternFill("solid", fgColor="FFFF00")

    def book(n_figures: int, path):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["indicator_id", "year", "value"])
        for k in range(n_figures):
            ws.append(["tech_smes", 1990 + k, 9000 + k])
        for r in range(n_figures + 2, n_figures + 62):  # 60 blank rows, formatted only
            ws.cell(r, 1).fill = fill
        wb.save(path)
        return path

    got = load_observations(book(5, tmp_path / "formatted.xlsx"))
    assert got["value"].tolist() == [9000, 9001, 9002, 9003, 9004]
    with pytest.raises(DataValidationError, match="over the limit of 20 rows"):
        load_observations(book(25, tmp_path / "large.xlsx"))  # figures over the limit


def test_a_number_typed_into_a_date_cell_is_named_as_such(tmp_path):
    """9120 and 2021 typed into cells formatted as dates show (and read) as 1924-12-19 and
    1905-07-13: "not a number: '1924-12-19'" did not say why."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "year", "value"])
    ws.append(["tech_smes", 2021, dt.datetime(1924, 12, 19)])
    ws.append(["tech_smes", dt.datetime(1905, 7, 13), 9480])
    ws.append(["tech_smes", dt.datetime(2023, 1, 1), 9480])  # a real date in the year cell
    ws["C2"].number_format = "yyyy-mm-dd"
    ws["B3"].number_format = "yyyy-mm-dd"
    ws["B4"].number_format = "yyyy-mm-dd"
    path = tmp_path / "dates.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    got = {(p.row, p.column): p.message for p in err.value.problems}
    assert (
        "'1924-12-19' is a date (9120 typed into a cell formatted as a date?)" in got[(2, "value")]
    )
    assert "a date: 2021 typed into a cell formatted as a date?" in got[(3, "year")]
    # no year was typed as 44927: the clerk is told to type the year alone (the clerk review)
    assert "a date: type the year alone" in got[(4, "year")] and "44927" not in got[(4, "year")]


def test_a_missing_header_is_named_when_a_figure_looks_like_a_year_too(tmp_path):
    """2000 firms beside 2021 gave three "required column is missing" lines, one of them
    calling the row a table with the years across its columns."""
    path = tmp_path / "noheader.csv"
    path.write_text("tech_diagnosis_firms,langfang,2021,2000,家,final\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    [problem] = err.value.problems
    assert "looks like a data row, not a header" in problem.message
    # years across the columns, rising, skipping or falling: a wide table, not a lost header
    for years in ("2021,2022,2023", "2020,2023,2025", "2023,2022,2021"):
        path.write_text(f"项目,{years}\nhigh_tech_enterprises,1000,1200,1300\n",
                        encoding="utf-8")  # fmt: skip
        with pytest.raises(DataValidationError, match="years across its columns"):
            load_observations(path)


def test_a_header_of_one_years_figures_or_of_last_years_says_how_to_lay_it_out(tmp_path):
    """A department's own table, "指标代码, 地区, 2024年, 上年数" or "本年数, 上年数", got only
    "required column 年份 is missing": one year across is not "years across the columns",
    and nothing said what the extra column was."""
    path = tmp_path / "own.csv"
    path.write_text("指标代码,地区,2024年,上年数,单位\nhigh_tech_enterprises,langfang,1400,1258,家\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    year, value = err.value.problems
    assert "is '2024年' the column of 2024's figures? Rename it 数值" in year.message
    assert "每行填 2024" in year.message_zh
    assert "Rename" not in value.message  # said once
    path.write_text("指标代码,地区,本年数,上年数,单位\nhigh_tech_enterprises,langfang,1400,1258,家\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    [year] = err.value.problems
    assert "'上年数' (last year's figures) is not read" in year.message
    assert "the year of the '本年数' figures" in year.message
    assert "填“本年数”所属的年份" in year.message_zh
    # "2024年数值" is one year's figures too; a title row "2024年度" above the header, a
    # growth beside this year's figure and "本期, 上期" get no such hint
    for header, said in (("指标代码,地区,2024年数值,单位", True), ("2024年度", False),
                         ("指标代码,地区,本年数,上年同期增长%,单位", False),
                         ("指标代码,地区,本期,上期,单位", False)):  # fmt: skip
        path.write_text(f"{header}\nhigh_tech_enterprises,langfang,1400,1258,家\n",
                        encoding="utf-8")  # fmt: skip
        with pytest.raises(DataValidationError) as err:
            load_observations(path)
        text = " ".join(p.message for p in err.value.problems)
        assert ("Rename it 数值" in text) == said, header
        assert "last year's figures" not in text, header


def test_an_escaped_percent_sign_does_not_scale_the_cell():
    """36.6 under 0.0!% shows 36.6% in Excel (the ! escapes the sign, like \\%); it was
    scaled to 3660."""
    from langfang_metrics._readers import cell_text

    class Cell:
        def __init__(self, value, fmt):
            self.value, self.number_format = value, fmt

    assert cell_text(Cell(36.6, "0.0!%")) == "36.6%"
    assert cell_text(Cell(36.6, "0.0\\%")) == "36.6%"
    assert cell_text(Cell(0.366, "0.0%")) == "36.6%"


def test_header_problems_say_what_to_do_and_stay_short(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("廊坊市科技创新指标统计表\n指标,年\ntech_smes,2021\n")  # no header below
    with pytest.raises(DataValidationError, match="if row 1 is a title above the header"):
        validate_file(path)
    path.write_text(",".join(f"c{i}" for i in range(3000)) + "\n" + "1," * 2999 + "1\n")
    with pytest.raises(DataValidationError) as info:
        validate_file(path)
    assert all(len(p.message) < 600 for p in info.value.problems)
    assert "(3000 cells)" in info.value.problems[0].message


def test_hash_rows_are_comments_only_where_a_hash_cannot_be_data(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("# figures from the bulletin, 2021\n\nindicator_id;year;value\n"
                    "# a comment; with the delimiter\ntech_smes;2021;9500\n")  # fmt: skip
    assert validate_file(path) == (1, 1)  # delimiter sniffed on the header, not the comment
    path.write_text("编号,indicator_id,year,value\n#1,tech_smes,2021,9500\n"
                    "#2,tech_smes,2022,10100\n3,tech_smes,2023,11000\n")  # fmt: skip
    assert validate_file(path) == (3, 1)  # '#1' is a serial number, not a comment


def test_merged_ranges_touch_only_the_cells_that_hold_data():
    """1,000 merges over a whole sheet (a 7.5 KB file) took 35 s and widened every row to
    16,384 cells; a range now reaches only the rows and columns the sheet has."""
    from langfang_metrics import _readers

    rows = [(1, ["indicator_id", "year", "value", "note"]), (2, ["tech_smes", "2021", "9500"]),
            (5, ["gdp", "2021", "3553.1"])]  # fmt: skip
    _readers.apply_merges(rows, [b"D1:XFD1048576"] * 1000 + [b"A5:A9"])
    assert [len(cells) for _, cells in rows] == [4, 4, 4]
    assert rows[1][1][3] == "note" and rows[2][1][0] == "gdp"


def test_all_problems_in_file_order_and_error_pickles(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("indicator_id,year,value\nfoo,2021,1\ntech_smes,1800,x\n")
    with pytest.raises(DataValidationError) as info:
        load_observations(path)
    rows = [p.row for p in info.value.problems]
    assert rows == sorted(rows) and len(rows) == 3
    assert "3 problems found" in str(info.value)
    assert pickle.loads(pickle.dumps(info.value)).problems == info.value.problems


def test_template_rows_round_trip_values_verbatim(tmp_path):
    path = tmp_path / "obs.csv"
    quote = "地区生产总值从2411.2亿元增至3301.1亿元，（全角）"
    pd.DataFrame({"indicator_id": ["gdp"], "year": [2015], "value": [2411.2], "quote": [quote]}
                 ).to_csv(path, index=False)  # fmt: skip
    df = load_observations(path)
    assert df.loc[0, "quote"] == quote and df.loc[0, "source"] == ""


def test_openpyxl_uses_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_million_rows_refused_fast_in_little_memory(tmp_path):
    import time
    import tracemalloc

    path = tmp_path / "million.csv"
    path.write_text("indicator_id,year,value\n" + "gdp,2021,1\n" * 1_000_000, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DataValidationError, match="over the limit of 200,000 rows"):
        load_observations(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 3
    assert peak < 16 * 2**20  # the documented ceiling: the file is never read whole


def test_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    path = tmp_path / "obs.csv"
    path.write_text("indicator_id,year,value\ntech_smes,2021,1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(DataValidationError, match="cannot be read"):
        load_observations(path)


def test_one_problem_in_many_rows_is_one_line_naming_the_rows(tmp_path):
    """The same unknown city in 880 rows printed 880 identical lines, none saying where a
    region is registered."""
    path = tmp_path / "peers.csv"
    rows = "".join(f"high_tech_enterprises,shijiazhuang,{2000 + i},{100 + i},final\n"
                   for i in range(15))  # fmt: skip
    path.write_text("indicator_id,region,year,value,status\n" + rows + "gdp,langfang,20x5,1,final\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    assert len(err.value.problems) == 16  # every problem is kept for the API
    lines = str(err.value).splitlines()[1:]
    assert len(lines) == 2
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more (15 rows), column 'region'" in lines[0]
    assert "unknown region 'shijiazhuang'" in lines[0]
    assert "register it in data/raw/registry/regions.csv" in lines[0]
    assert "row 17, column 'year'" in lines[1]


def checks_zh(obs) -> str:
    """The Chinese lines of every check of ``obs`` (``detail_zh``), joined."""
    from langfang_metrics import registry
    from langfang_metrics.observations import check_table

    return "\n".join(check_table(obs, registry.load_indicators())["detail_zh"])


def test_a_definition_change_inside_a_series_is_pointed_out(tmp_path):
    """Old-definition figures marked other-definition for 2021-2023 beside new-definition
    ones from 2023: the share read 'achieved' against the plan's old-definition baseline
    without a word. History kept aside (before the series) is not flagged."""
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    path = tmp_path / "share.csv"
    path.write_text(
        "indicator_id,year,value,status\n"
        "high_tech_industry_share,2021,36.5,other-definition\n"
        "high_tech_industry_share,2023,37.8,other-definition\n"
        "high_tech_industry_share,2023,41.2,final\n"
        "high_tech_industry_share,2025,42.9,final\n"
        "tech_smes,2016,4183,other-definition\n",
        encoding="utf-8",
    )
    obs = pd.concat([load_observations(), load_observations(path)], ignore_index=True)
    lines = implausible(obs, registry.load_indicators())
    assert len(lines) == 1, lines
    assert "high_tech_industry_share (langfang)" in lines[0]
    assert (
        f"for 2021, 2023 ({path} rows 2, 3)" in lines[0]
        and "the series has 41.2% and the other definition 37.8%" in lines[0]
    )
    # kept aside on purpose (a series chained onto the plan's definition keeps the new
    # definition's figures beside it), confirmed: the check could not be answered otherwise
    confirmed = obs.assign(note=obs["note"].where(obs["status"] != "other-definition",
                                                  "新口径，经核实无误"))  # fmt: skip
    assert implausible(confirmed, registry.load_indicators()) == []
    # the Chinese line gives the overlap year's pair and the way out, as the English does
    assert "（2023年本序列为41.2%，另一口径为37.8%）" in checks_zh(obs)
    assert "请在其备注中写“经核实无误”" in checks_zh(obs)
    # one of them confirmed: the other is still named
    one = obs.copy()
    one.loc[(one["status"] == "other-definition") & (one["year"] == 2021), "note"] = "经核实无误"
    (line,) = implausible(one, registry.load_indicators())
    assert f"for 2023 ({path} row 3)" in line


def test_a_base_year_figure_that_is_not_the_plans_baseline_is_named(tmp_path):
    """A re-based 2020 share (30.2 on a new definition, entered as revised) beside the plan's
    35.6 changed the series while progress was still measured from 35.6, without a word (the
    re-basing walk-through). The plan's own figure again, or a confirmed one, is no check."""
    from langfang_metrics import registry
    from langfang_metrics.observations import check_table

    ind = registry.load_indicators()
    path = tmp_path / "rebased.csv"
    path.write_text("indicator_id,year,value,status,note\n"
                    "high_tech_industry_share,2020,30.2,revised,新口径回溯\n"
                    "high_tech_industry_share,2021,31.2,revised,\n"
                    "tech_smes,2020,8796,final,\n", encoding="utf-8")  # fmt: skip
    obs = pd.concat([load_observations(), load_observations(path)], ignore_index=True)
    checks = check_table(obs, ind)
    (row,) = checks[checks["check"] == "baseline_differs"].itertuples()
    assert (row.indicator_id, row.years, row.value) == ("high_tech_industry_share", "2020", 30.2)
    assert f"{path} row 2: " in row.message
    assert "is not the registry's baseline 35.6 for 2020" in row.message
    assert "Re-base the registry's baseline and targets" in row.message
    assert row.detail_zh.startswith("与登记表（indicators.csv）中的2020年基数35.6%不同")
    # once the registry is re-based, nothing is said
    rebased = ind.assign(baseline_value=ind["baseline_value"].where(
        ind["indicator_id"] != "high_tech_industry_share", 30.2))  # fmt: skip
    assert "baseline_differs" not in set(check_table(obs, rebased)["check"])
    # a confirmation does not answer it: confirmed, the figure was still set against the
    # old baseline without a word (the statistician's review)
    sure = obs.assign(note=obs["note"].replace("新口径回溯", "新口径回溯，经核实无误"))
    assert "baseline_differs" in set(check_table(sure, ind)["check"])
    # a revision of the same measure, confirmed, is answered: the plan's baseline stands
    # (912 for 905 could be neither re-based nor marked 口径不同: the diff review)
    same = obs.assign(note=obs["note"].replace("新口径回溯", "统计局年报修订；经核实无误"))
    assert "baseline_differs" not in set(check_table(same, ind)["check"])
    # marked another definition, the plan's figure counts again: nothing to say
    aside = obs.assign(status=obs["status"].mask(obs["note"].eq("新口径回溯"), "other-definition"))
    assert "baseline_differs" not in set(check_table(aside, ind)["check"])
    # the registry re-based while the data are not: the plan's own row is named, against
    # the registry's figure (it had said "the plan's baseline 30.2")
    shipped = check_table(load_observations(), rebased)
    (line,) = shipped.loc[shipped["check"] == "baseline_differs", "message"]
    assert "= 35.6 is not the registry's baseline 30.2 for 2020" in line
    # the shipped figures agree with the plan's baselines
    assert "baseline_differs" not in set(check_table(load_observations(), ind)["check"])


def test_a_chained_figure_counts_as_the_series_own_and_is_never_owed(tmp_path):
    """Chained onto the plan's definition as an estimate (the walk-through's first way), a
    figure read as provisional for ever and the request asked to relabel it final (the
    statistician's review): 衔接数 counts after a final figure and before a preliminary one,
    is not owed, is said beside the figure, and quiets the definition checks it answers."""
    from langfang_metrics import views
    from langfang_metrics.coverage import PROVISIONAL, provisional_figures
    from langfang_metrics.observations import check_table, implausible
    from langfang_metrics.series import select_series

    path = tmp_path / "chained.csv"
    path.write_text("indicator_id,year,value,status,note\n"
                    "high_tech_industry_share,2023,38.9,final,\n"
                    "high_tech_industry_share,2023,33.0,other-definition,新口径回溯\n"
                    "high_tech_industry_share,2024,34.1,口径不同,新口径\n"
                    "high_tech_industry_share,2024,40.2,衔接数,按2023年新旧口径比值换算，新口径34.1%\n"
                    "high_tech_industry_share,2024,39.0,预计数,\n"
                    "high_tech_industry_share,2025,41.3,可比口径,按2023年比值换算\n",
                    encoding="utf-8")  # fmt: skip
    obs = pd.concat([load_observations(), load_observations(path)], ignore_index=True)
    y = select_series(obs, "high_tech_industry_share")
    assert y[2024] == 40.2 and y.attrs["status"][2024] == "chained"  # over the estimate
    assert y[2025] == 41.3 and y[2023] == 38.9  # a final figure of its year stays first
    assert "chained" not in PROVISIONAL and "chained" in config.WHOLE_YEAR_STATUSES
    # no definition check: the other definition's figures are what the series was chained
    # from, and the chained figure's note says so
    assert implausible(obs, registry.load_indicators()) == []
    # without the chained figures the same rows are named
    plain = obs[obs["status"] != "chained"]
    assert any(
        "another definition" in line for line in implausible(plain, registry.load_indicators())
    )
    # its arithmetic is checked: 35.0 × 38.9 / 33.0 = 41.26, not 42.0 (a slip counted as
    # the year's figure without a word)
    slip = obs.copy()
    slip.loc[(slip["status"] == "chained") & (slip["year"] == 2025), "value"] = 42.0
    slip = pd.concat([slip, obs[(obs["status"] == "chained") & (obs["year"] == 2025)].assign(
        value=35.0, status="other-definition", note="")], ignore_index=True)  # fmt: skip
    checks = check_table(slip, registry.load_indicators())
    (row,) = checks[checks["check"] == "chain_mismatch"].itertuples()
    assert (row.years, row.value) == ("2025", 42.0)
    assert "35 × 38.9 / 33 = 41.26" in row.message
    assert "应为35×38.9÷33=41.26" in row.detail_zh
    # 41.3 for 41.26 is the chain rounded as written, and 2024's 40.2 (34.1 × 38.9 / 33.0 =
    # 40.197) too: no check
    fine = slip.copy()
    fine.loc[(fine["status"] == "chained") & (fine["year"] == 2025), "value"] = 41.3
    assert "chain_mismatch" not in set(check_table(fine, registry.load_indicators())["check"])
    # after the series is chained, a figure returned as the year's (the bureau now publishes
    # the new definition only) is named with the way out: 5.4 % final after the chained
    # 4.36 % flipped the target without a word (the statistician's review)
    later = pd.concat([obs, obs[(obs["status"] == "chained") & (obs["year"] == 2025)].assign(
        year=2026, value=36.0, status="final", note="")], ignore_index=True)  # fmt: skip
    found = check_table(later, registry.load_indicators())
    (row,) = found[found["check"] == "unchained"].itertuples()
    assert (row.years, row.value) == ("2026", 36.0)
    assert "chained onto the plan's definition from 2024" in row.message
    assert "36 × 38.9 / 33 = 42.44, by 2023's ratio" in row.message
    assert "请将状态设为“口径不同”，并另填衔接数（按2023年之比：36×38.9÷33=42.44）" in row.detail_zh
    sure = later.assign(note=later["note"].mask(later["year"].eq(2026), "经核实无误"))
    assert "unchained" not in set(check_table(sure, registry.load_indicators())["check"])
    # chained again from the new definition's final (both dated): set against that final,
    # not the preliminary dated first (a false chain_mismatch: the diff review), and said in
    # 数据更新 as a revision, not as "on the new definition"
    from langfang_metrics.series import superseded

    again = pd.concat([fine.assign(published=""), pd.DataFrame({
        "indicator_id": "high_tech_industry_share", "region": "langfang", "year": 2025,
        "value": [35.3, 41.61], "status": ["other-definition", "chained"], "unit": "%",
        "note": ["新口径正式数", "按2023年比值换算，新口径35.3%"],
        "published": ["2026-06", "2026-06"]})], ignore_index=True)  # fmt: skip
    latest = (again["year"] == 2025) & (again["status"].isin(["chained", "other-definition"]))
    again.loc[latest & (again["published"] == ""), "published"] = "2026-01"
    assert "chain_mismatch" not in set(check_table(again, registry.load_indicators())["check"])
    assert select_series(again, "high_tech_industry_share")[2025] == 41.61
    revised = superseded(again)
    assert not revised["rebased"].any()
    assert views.flagged_word("chained", "zh") == "衔接数"
    assert views.flagged_word("chained", "en") == "chained"
    # no final figure is asked for in its place (an estimate's would be)
    ind, targets = registry.load_indicators(), registry.load_targets()
    owed = provisional_figures(obs, ind, targets)
    share = owed[owed["indicator_id"] == "high_tech_industry_share"]
    assert 2024 not in set(share["year"]) and 2025 not in set(share["year"])
    as_estimate = obs.assign(status=obs["status"].replace("chained", "estimate"))
    owed = provisional_figures(as_estimate, ind, targets)
    assert {2024, 2025} <= set(owed.loc[owed["indicator_id"] == "high_tech_industry_share", "year"])


def test_a_new_definition_typed_in_other_words_is_read_as_other_definition(tmp_path):
    """其他口径 / 新口径 typed in the status column were refused as unknown statuses, while
    their meaning was plain (the re-basing walk-through)."""
    path = tmp_path / "share.csv"
    path.write_text("indicator_id,year,value,status\n"
                    "high_tech_industry_share,2024,34.1,其他口径\n"
                    "high_tech_industry_share,2025,35.0,新口径\n"
                    "high_tech_industry_share,2023,33.0,口径调整\n", encoding="utf-8")  # fmt: skip
    assert set(load_observations(path)["status"]) == {"other-definition"}


def test_a_series_continued_under_a_new_definition_with_an_overlap_year(tmp_path):
    """The old definition to 2023, the new one for 2023-2025 (2023 given in both, the usual
    bridge): the CHECK said the two were compared and asked for what the file already did,
    and not that the 2025 milestone had no comparable figure."""
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    path = tmp_path / "share.csv"
    path.write_text(
        "indicator_id,year,value,status\n"
        "digital_economy_share,2025,5.6,other-definition\n"
        "digital_economy_share,2021,3.1,final\n"
        "digital_economy_share,2023,3.6,final\n"
        "digital_economy_share,2023,4.4,other-definition\n"
        "digital_economy_share,2024,5.0,other-definition\n",
        encoding="utf-8",
    )
    (line,) = implausible(load_observations(path), registry.load_indicators())
    assert "another definition only for 2024-2025 (" in line and "rows 2, 6)" in line
    assert "after the series' own for 2021-2023" in line
    assert "in 2023 the series has 3.6% and the other definition 4.4%" in line
    assert "so the series has no figure for 2024-2025 (give the figure" in line
    assert "compares the two" not in line
    assert (
        "（2023年本序列为3.6%，另一口径为4.4%：两种口径都有的年份，可据其比值衔接）"
        in checks_zh(load_observations(path))
    )
    # confirmed, the new definition's figures still leave 2024-2025 without a figure: a
    # gap in the data, not a doubtful figure (the statistician's review)
    sure = load_observations(path).assign(note="新口径，经核实无误")
    (line,) = implausible(sure, registry.load_indicators())
    assert "another definition only for 2024-2025 (" in line


def test_a_note_saved_as_text_in_a_folder_of_returns_is_named_as_no_table(tmp_path):
    """A cover note 报送说明.txt among the returns gave three "required column is missing"
    lines with advice about title rows."""
    (tmp_path / "报送说明.txt").write_text("市科技局报送说明：2025年数据为快报数。\n联系人：张三\n",
                                         encoding="utf-8")  # fmt: skip
    (tmp_path / "a.csv").write_text("indicator_id,year,value\ntech_smes,2024,9900\n",
                                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as info:
        load_observations(tmp_path)
    (problem,) = info.value.problems
    assert problem.file.endswith("报送说明.txt") and "not a table of figures" in problem.message
    # a note with commas splits into cells, but its first line is no header either
    (tmp_path / "报送说明.txt").write_text("Dear colleagues, please find the figures attached.\n"
                                         "Best regards, Li\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as info:
        load_observations(tmp_path)
    (problem,) = info.value.problems
    assert "not a table of figures: its first line is text" in problem.message
    assert "'Dear colleagues, please find the figures…'" in problem.message
    # a table with wrong short headers is still told which columns it lacks
    (tmp_path / "报送说明.txt").write_text("指标,年,值\ntech_smes,2024,1\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_observations(tmp_path)
    assert all("required column" in p.message for p in info.value.problems)
    # a one-column table with a header is still told which columns it lacks
    (tmp_path / "报送说明.txt").write_text("indicator_id\ntech_smes\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_observations(tmp_path)
    assert all("required column" in p.message for p in info.value.problems)


def test_a_zero_among_positive_figures_of_a_level_is_pointed_out(tmp_path):
    """A 0 typed for "no figure" in 2023 turned the high-tech milestone to 'missed' with no
    word; additions counted from 0 (a cumulative count, a flow) may be 0."""
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    path = tmp_path / "zero.csv"
    path.write_text("indicator_id,year,value\nhigh_tech_enterprises,2023,0\n"
                    "specialised_smes_new,2021,0\nspecialised_smes_new,2022,60\n",
                    encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, path])
    (line,) = implausible(obs, registry.load_indicators())
    assert (
        f"{path} row 2: high_tech_enterprises (langfang) 2023 = 0 among figures of 905-1258" in line
    )
    assert "leave the row out" in line


def test_a_column_without_a_known_header_but_with_regions_statuses_or_units_is_refused(
    tmp_path,
):
    """A blank header left Hebei's figures as Langfang's and estimates as final; a column
    headed 口径 left estimates as final; a blank unit header read 万亿元 as the registry's
    亿元. The header text alone cannot tell, the cells can."""
    path = tmp_path / "obs.csv"
    path.write_text("indicator_id,,year,value,,\n"
                    "rd_intensity,河北省,2024,2.1,%,预计\n"
                    "tech_smes,廊坊市,2024,10400,家,初步\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as info:
        validate_file(path)
    text = str(info.value)
    assert "column B (no header) holds regions ('河北省', '廊坊市')" in text
    assert "column E (no header) holds units ('%', '家')" in text
    assert "column F (no header) holds statuses ('预计', '初步')" in text
    assert "Name its header '地区' or 'region'" in text
    path.write_text("indicator_id,year,value,口径\ntech_smes,2024,10400,预计\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"column D \('口径'\) holds statuses"):
        validate_file(path)
    # notes that mention a region now and then are notes: the file loads
    path.write_text("indicator_id,year,value,说明二\ntech_smes,2023,9800,按河北口径\n"
                    "tech_smes,2024,10400,含新认定\ngdp,2024,3800,河北\n"
                    "gdp,2023,3700,快报\ngdp,2022,3600,\n", encoding="utf-8")  # fmt: skip
    assert validate_file(path) == (5, 2)


def test_links_to_nothing_and_special_files_are_named_for_what_they_are(tmp_path):
    """A symlink loop stopped the run with 'FAILED: RuntimeError: Symlink loop'; a pipe was
    'file not found'."""
    import os

    loop_a, loop_b = tmp_path / "a.csv", tmp_path / "b.csv"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    with pytest.raises(DataValidationError, match="a.csv: the file is a broken link"):
        validate_file(loop_a)
    with pytest.raises(DataValidationError, match="a.csv: the file is a broken link"):
        load_observations([config.OBSERVATIONS_FILE, loop_a], prefer=[loop_a])
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataValidationError, match="pipe.csv: not a regular file"):
        validate_file(fifo)
    folder = tmp_path / "returns"
    folder.mkdir()
    os.mkfifo(folder / "pipe.csv")
    with pytest.raises(DataValidationError, match=r"pipe.csv: not a regular file \(a pipe"):
        validate_file(folder)
    with pytest.raises(DataValidationError, match="nope.csv: file not found; check the path"):
        validate_file(tmp_path / "nope.csv")


def test_a_file_level_problem_repeated_is_said_once():
    from langfang_metrics.errors import Problem, grouped_problems

    lines = grouped_problems([Problem("obs.csv", None, None, "the file is empty")] * 2)
    assert lines == ["obs.csv: the file is empty"]


@pytest.mark.parametrize(
    ("value", "english", "chinese"),
    [("1,4OO", "the letter O where a zero belongs? write 1,400", "请写作 1,400"),
     ("超过1300家", "write 1300 in the value cell and the status 下限", "并在状态列填 下限"),
     ("1300余家", "write 1300 in the value cell and the status 下限", "并在状态列填 下限"),
     ("5000余万元", "write 5000万元 in the value cell", "请在数值单元格填 5000万元"),
     ("1,300多家", "write 1,300 in the value cell and the status 下限", "并在状态列填 下限"),
     ("1300+", "write 1300 in the value cell and the status 下限", "并在状态列填 下限"),
     ("'1320", "starts with an apostrophe (Excel's mark", "请去掉撇号，写作 1320"),
     # a sum typed into the cell, or 多 in a remark, is no bound
     ("1300 + 200", "not a number: '1300 + 200' (write e.g.", "（可写作"),
     ("1300家（多数为新认定）", "not a number: '1300家（多数为新认定）' (write e.g.", "（可写作"),
     ("不少于5万家", "write 5万家 in the value cell", "请在数值单元格填 5万家"),
     ("O", "not a number: 'O' (write e.g. 8796", "不是数字：“O”（可写作"),
     ("未统计", "no usable number ('未统计' means no number)", "“未统计”不是数字"),
     ("-5", "tech_smes is counted in 家 and cannot be negative",
      "“科技型中小企业数量”（tech_smes）以家计，不能为负数（填的是 -5）"),
     # the status typed with the figure: the advice was to clear the cell (the e2e review)
     ("预计10350", "write 10350 in the value cell and the status 预计数 (estimate)",
      "请在数值单元格填 10350，并在状态列填 预计数（estimate）"),
     ("1620（初步数）", "write 1620 in the value cell and the status 初步数 (preliminary)",
      "并在状态列填 初步数（preliminary）"),
     ("1.62万家（预计）", "write 1.62万家 in the value cell", "请在数值单元格填 1.62万家"),
     # a rounded figure is an estimate (it had the generic advice: the statistician's review)
     ("约10350", "write 10350 in the value cell and the status 预计数 (estimate)",
      "请在数值单元格填 10350，并在状态列填 预计数（estimate）"),
     ("about 1.3万家", "write 1.3万家 in the value cell", "请在数值单元格填 1.3万家"),
     ("1300左右", "write 1300 in the value cell and the status 预计数 (estimate)", "预计数（estimate）"),
     ("预计约1300", "write 1300 in the value cell and the status 预计数", "请在数值单元格填 1300"),
     # "nearly 1,300" is short of it: typed as 1300 it met a target of 1,300 (the diff review)
     ("近1300", "write 1300 in the value cell and the status 上限 (upper-bound)",
      "并在状态列填 上限（upper-bound）")],
)  # fmt: skip
def test_what_a_clerk_types_for_a_figure_gets_advice_in_both_languages(tmp_path, value,
                                                                       english, chinese):  # fmt: skip
    """Found by the Chinese clerk review: "1,4OO" was told to write 1.4OO (a decimal comma),
    "超过1300家" and "1300余家" got the generic advice while "1300个以上" was told to use the
    lower-bound status, 未统计 was "not a number" beside 无's "no usable number", and the
    Chinese messages named indicators by their codes."""
    path = tmp_path / "v.csv"
    path.write_text(f'indicator_id,year,value\ntech_smes,2023,"{value}"\n', encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert english in problem.message and chinese in problem.message_zh


def test_advice_on_a_bound_typed_in_the_value_cell_minds_the_status_chosen(tmp_path):
    """A "1000余" beside 下限 already chosen was told to choose 下限 in the status column (the
    statistician's review): the advice now asks for the number alone. A status that differs
    keeps the full advice."""
    path = tmp_path / "v.csv"
    path.write_text("indicator_id,year,value,status\n"
                    "tech_commissioners,2025,1000余,下限\n"
                    "tech_smes,2025,预计10350,预计数\n"
                    "tech_smes,2024,9800余,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    bound, estimate, other = err.value.problems
    assert "write 1000 in the value cell alone (the status column already says lower-bound)" in (
        bound.message)  # fmt: skip
    assert "请在数值单元格只填 1000（状态列已是下限）" in bound.message_zh
    assert "状态列已是预计数" in estimate.message_zh and "并在状态列填" not in estimate.message_zh
    assert "并在状态列填 下限（lower-bound）" in other.message_zh


def test_a_growth_rate_below_minus_100_percent_is_refused(tmp_path):
    """-250 % growth loaded with no word and stood on the landing page as "growth reported:
    -250% in 2023" (the hostile-input review): nothing falls by more than all of itself.
    A fall of 99.5 % or to zero is possible, however unlikely, and loads."""
    path = tmp_path / "g.csv"
    path.write_text("indicator_id,year,value\nrd_spending_growth,2023,-250\n"
                    "gdp_growth,2023,-100.5\nhigh_tech_va_growth,2023,-99.5\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    first, second = err.value.problems
    assert first.row == 2 and "a growth rate in percent cannot be -250" in first.message
    assert second.row == 3 and "增速（%）不可能为 -100.5" in second.message_zh
    # a fall to zero (-100 %) can happen, however unlikely
    path.write_text("indicator_id,year,value\nhigh_tech_va_growth,2023,-99.5\n"
                    "gdp_growth,2023,-100\n", encoding="utf-8")  # fmt: skip
    assert sorted(load_observations(path)["value"].tolist()) == [-100.0, -99.5]


def test_a_year_cell_holding_excels_number_of_a_date_says_so(tmp_path):
    """45291 (a year typed into a date cell, then the cell's format dropped) was only "outside
    1949-2100"; 20222, a slipped digit of 2022, is no date to speak of."""
    path = tmp_path / "y.csv"
    path.write_text("indicator_id,year,value\ntech_smes,45291,9000\ntech_smes,20222,9000\n"
                    "tech_smes,二〇二一,9000\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    serial, slip, words = err.value.problems
    assert "in Chinese numerals: write 2021" in words.message
    assert "请用阿拉伯数字写作 2021" in words.message_zh
    assert "Excel's number of a date in 2023?" in serial.message
    assert "2023 年某日的日期序号" in serial.message_zh
    assert "date" not in slip.message and "outside 1949-2100" in slip.message


def test_a_year_cell_naming_part_of_a_year_is_told_the_part_year_status(tmp_path):
    """ "2023年1-6月" in the year column was only "must be a whole number": the clerk then
    typed 2023 and the half-year figure counted as the year's. The message says to choose
    the status 非全年 part-year; a year-end ("2023年末") is that year, and 12月 no part."""
    path = tmp_path / "y.csv"
    cells = ["2023年1-6月", "2023上半年", "2023Q3", "2023年6月", "2023.6", "截至2023年6月底",
             "2023年第1季度", "2023年3季度", "2023.1-6"]  # fmt: skip
    dated = ["2024年3月底发布", "2023年统计公报（2024年3月）", "2024年3月公布", "2024年2月统计",
             "2023年四季度"]  # fmt: skip
    path.write_text("indicator_id,year,value\n" + "".join(f"tech_smes,{c},9000\n"
                                                          for c in cells + dated),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    parts, others = err.value.problems[: len(cells)], err.value.problems[len(cells) :]
    assert [p.row for p in parts] == list(range(2, 2 + len(cells)))
    for p in parts:
        assert "part of a year? Write the year alone (2023)" in p.message, p.message
        assert "状态选“非全年”" in p.message_zh
    # the date a figure was published (the review: a clerk told 非全年 dropped a whole
    # year's figure), or the fourth quarter: no part of this year to name
    assert len(others) == len(dated)
    assert not [p.message for p in others if "part of a year" in p.message]


def test_a_year_cell_naming_the_fourth_quarter_is_told_both_readings(tmp_path):
    """ "2023年第4季度" got only "must be a whole number": at the fourth quarter's end a stock
    is the year's (write 2023), a flow of its three months is part of the year."""
    path = tmp_path / "y.csv"
    cells = ["2023年第4季度", "2023年四季度", "2023Q4", "2023 q4"]
    path.write_text("indicator_id,year,value\n" + "".join(f"tech_smes,{c},9000\n"
                                                          for c in [*cells, "2024年四季度发布"]),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    *quarters, release = err.value.problems
    assert len(quarters) == len(cells)
    for p in quarters:
        assert "the fourth quarter? A count at its end is the year's: write 2023" in p.message
        assert "季度末的存量即全年数字：请填 2023" in p.message_zh and "非全年" in p.message_zh
    # a publication date names no quarter of the figure's year
    assert "fourth quarter" not in release.message


def test_a_year_cell_saying_the_whole_year_is_that_year(tmp_path):
    """ "2023年全年", "2023年1-12月" and "2023年12月底" were refused while "2023年末" loaded."""
    path = tmp_path / "y.csv"
    cells = ["2023年全年", "2023全年", "2023年1-12月", "2023年12月底", "2023年12月末", "2023年末",
             "2023年度", "2023年12月", "2023.12", "2023.1-12", "2023年度全年",
             # all four quarters (the diff review: these got the fourth quarter's hint)
             "2023年1-4季度", "2023年1～4季度", "2023年前4季度", "2023年第一至四季度",
             "2023年前四季度"]  # fmt: skip
    for cell in cells:
        path.write_text(f"indicator_id,year,value\ntech_smes,{cell},9000\n", encoding="utf-8")
        assert load_observations(path)["year"].tolist() == [2023], cell
    # spaces between digits are no whitespace to drop: "20 23" is refused, not 2023
    path.write_text("indicator_id,year,value\ntech_smes,20 23,9000\n", encoding="utf-8")
    with pytest.raises(DataValidationError):
        load_observations(path)


def test_random_bytes_named_like_a_workbook_are_not_sent_to_the_csv_advice(tmp_path):
    """A damaged file named .xlsx (neither zip nor text) got a CSV decoding error at "row 2"
    and the advice to save as CSV UTF-8 from Excel; a CSV saved under that name still loads."""
    path = tmp_path / "r.xlsx"
    path.write_bytes(bytes(range(256)) * 3)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert "a workbook's name but is neither a workbook nor text" in problem.message
    assert problem.row is None and "改了扩展名" in problem.message_zh
    text = tmp_path / "t.xlsx"
    text.write_text("indicator_id,year,value\ntech_smes,2022,9000\n", encoding="utf-8")
    assert len(load_observations(text)) == 1
    # a text that fails to decode keeps its own diagnosis (found by the diff review)
    big5 = tmp_path / "b.xlsx"
    big5.write_bytes("indicator_id,year,value\n科技型中小企業數量,2022,9000\n".encode("big5"))
    with pytest.raises(DataValidationError) as err:
        load_observations(big5)
    (problem,) = err.value.problems
    assert "it may be Big5" in problem.message and problem.row == 2


def test_a_unit_clash_with_the_header_does_not_speak_of_a_unit_column(tmp_path):
    """'540300万元' under '数值（亿元）' in a file without a unit column was told that "the
    unit column says '亿元'" and to pick from a request's drop-down."""
    path = tmp_path / "h.csv"
    path.write_text(
        "指标,年份,数值（亿元）\n全社会研发经费投入,2023,540300万元\n", encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert "the header '数值（亿元）' says the values are in '亿元'" in problem.message
    assert "unit column" not in problem.message and "drop-down" not in problem.message
    assert "表头“数值（亿元）”写明单位为“亿元”" in problem.message_zh
    assert "单位列" not in problem.message_zh and "下拉" not in problem.message_zh


def test_a_unit_clash_in_a_free_unit_column_never_offers_a_unit_the_figure_cannot_be_in(
    tmp_path,
):
    """'5%' beside 家 was told to set the unit column to '%' (the statistician's review): a
    count is never in '%'. '1.03万家' beside 家 may still set the column to '万家', a unit
    of the figure a free unit column takes, and is given the number in 家 as well."""
    path = tmp_path / "u.csv"
    path.write_text("indicator_id,year,value,unit\ntech_smes,2023,1.03万家,家\n"
                    "tech_smes,2022,5%,家\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    said = {p.row: p for p in err.value.problems}
    assert said[2].message.endswith(
        "keep one unit: type the number alone in the value cell: 10300 (in '家'), or set the "
        "unit column to '万家'")  # fmt: skip
    assert "只填数字10300，单位为“家”，或把单位列改为“万家”" in said[2].message_zh
    assert "set the unit column" not in said[3].message and "单位列改为" not in said[3].message_zh
    assert "cannot be given in '%'" in said[3].message


def test_two_data_sheets_of_a_workbook_are_named_with_advice_that_fits_a_sheet_of_detail(
    tmp_path,
):
    """Two data sheets were told "put the rows in one sheet, or save each sheet as a file of
    its own", advice that does not fit a sheet of supporting detail (the statistician's
    review): the sheets are named, and the ones that are not returns are to be deleted or
    moved; each saved as a file only if each holds returns."""
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "数据"
    for row in (("指标代码", "年份", "数值"), ("tech_smes", 2024, 10300)):
        wb.active.append(row)
    detail = wb.create_sheet("分县明细")
    for row in (("地区", "年份", "指标", "数值"), ("三河市", 2025, "高新技术企业数量", 310)):
        detail.append(row)
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert problem.message.startswith(
        "the workbook has 2 sheets with a data header ('数据', '分县明细'); one sheet is read "
        "per workbook: delete the sheets that are not returns (or move them to another "
        "workbook), or, if each holds returns, save each sheet as a file of its own"
    )
    assert "请删除不是报送数据的工作表" in problem.message_zh
    assert "“数据”、“分县明细”" in problem.message_zh


def test_problems_in_chinese_name_the_place_and_keep_the_english_under_them():
    """The clerks who correct the files read Chinese first: the place and the message in
    Chinese, the English message on its own line (a statistician can still quote it); a
    problem without a Chinese message keeps its English one after a Chinese place."""
    from langfang_metrics.errors import Problem, grouped_problems

    year = [Problem("a.xlsx", r, "年份 year", "the year must be a whole number",
                    sheet="数据", message_zh="年份须为整数") for r in range(2, 15)]  # fmt: skip
    lines = grouped_problems(year + [Problem("b.csv", None, None, "odd", message_zh="")], "zh")
    assert lines == [
        "a.xlsx [数据]，第 2、3、4、5、6、7、8、9、10、11 行等 13 行，“年份 year”列：年份须为整数"
        "\n    the year must be a whole number",
        "b.csv：odd",
    ]
    assert year[0].text("zh") == ("a.xlsx [数据]，第 2 行，“年份 year”列：年份须为整数\n    the year "
                                  "must be a whole number")  # fmt: skip
    two = grouped_problems(year[:2], "zh")[0]
    assert two.startswith("a.xlsx [数据]，第 2、3 行（共 2 行），")
    # English as before, whatever the Chinese says
    assert grouped_problems(year[:1]) == [str(year[0])] == [year[0].text("en")]


def test_a_figure_off_in_scale_is_judged_against_the_plans_baseline(tmp_path):
    """Three shares typed as fractions after the plan's correct 35.6 outnumber it: the
    median rule blamed the baseline. Two figures are enough, and a pair without a baseline
    or majority names both."""
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    path = tmp_path / "new.csv"
    path.write_text("indicator_id,year,value\n" + "".join(
        f"high_tech_industry_share,{y},{v}\n" for y, v in ((2021, 0.368), (2022, 0.375),
                                                           (2023, 0.382))) +
        "rd_spending,2022,0.00605\n", encoding="utf-8")  # fmt: skip
    # the loader refuses the fractions now (a hundredth of the plan's figure); the checks
    # still judge such figures, as a frame made elsewhere may hold them
    with pytest.raises(DataValidationError, match="0.368 for 36.8 %"):
        load_observations([config.OBSERVATIONS_FILE, path])
    shipped = load_observations()
    rows = [
        ("high_tech_industry_share", 2021, 0.368),
        ("high_tech_industry_share", 2022, 0.375),
        ("high_tech_industry_share", 2023, 0.382),
        ("rd_spending", 2022, 0.00605),
    ]
    added = pd.DataFrame(
        [{**shipped.iloc[0].to_dict(), "indicator_id": i, "region": "langfang", "year": y,
          "value": v, "status": "final", "note": "", "origin_file": str(path),
          "origin_sheet": "", "origin_row": n} for n, (i, y, v) in enumerate(rows, start=2)]
    ).astype(shipped.dtypes.to_dict())  # fmt: skip
    obs = pd.concat([shipped, added], ignore_index=True)
    lines = implausible(obs, registry.load_indicators())
    share = [s for s in lines if "high_tech_industry_share" in s]
    assert len(share) == 3 and all(f"{path} row" in s for s in share)
    assert all("against the plan's 2020 baseline 35.6" in s for s in share)
    # the hint names the figure's own reading, not the docs' example
    assert any("(0.368 for 36.8 %)?" in s for s in share) and not any("0.043" in s for s in share)
    (rd,) = [s for s in lines if "rd_spending" in s]
    assert "no majority" in rd and "2021 = 54.03" in rd and "2022 = 0.00605" in rd
    # the shipped figures alone raise nothing
    assert implausible(load_observations(), registry.load_indicators()) == []


def test_a_file_is_named_the_same_however_its_path_was_typed(tmp_path, monkeypatch):
    """'in/obs.csv' and '/…/in/obs.csv' gave two different origins, and so two reports."""
    from langfang_metrics.observations import shown_path

    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "obs.csv"
    path.write_text("indicator_id,year,value\ntech_smes,2021,9500\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "in")
    typed = [load_observations(p)["origin_file"].iloc[0] for p in ("obs.csv", "./obs.csv")]
    monkeypatch.chdir(tmp_path)
    typed.append(load_observations("in/obs.csv")["origin_file"].iloc[0])
    assert set(typed) == {str(path.resolve())}
    assert shown_path(config.OBSERVATIONS_FILE) == "data/raw/observations.csv"


def test_additions_from_zero_are_not_taken_for_a_slipped_digit():
    """6 then 70 new specialised SMEs (additions counted from 0) read as "no majority"."""
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    obs = load_observations()
    extra = obs.iloc[[0, 0]].assign(indicator_id="specialised_smes_new", region="langfang",
                                    year=[2021, 2022], value=[6.0, 70.0], status="final")  # fmt: skip
    lines = implausible(pd.concat([obs, extra], ignore_index=True), registry.load_indicators())
    assert not [s for s in lines if "specialised_smes_new" in s]


def test_a_unit_taken_from_the_header_says_so_when_it_does_not_fit(tmp_path):
    """'数值（万元）' with an empty unit cell on a count row: the message blamed the empty 单位
    cell for '万元' without saying the header put it there."""
    path = tmp_path / "mixed.csv"
    path.write_text("指标,年份,数值（万元）,单位\n全社会研发经费投入,2023,680000,\n"
                    "高新技术企业数量,2023,1310,\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert problem.row == 3 and "registry unit '家'" in problem.message
    assert "the unit cell is empty, so the header '数值（万元）' gave '万元'" in problem.message


def test_a_table_with_the_years_across_its_columns_says_how_to_lay_it_out(tmp_path):
    """Years as columns were refused for a missing year column and duplicated 数值 columns,
    without a word on the one-row-per-year layout that is read."""
    path = tmp_path / "wide.csv"
    path.write_text("指标,2021年,2022年\n高新技术企业数量,1000,1258\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    year = [p for p in err.value.problems if p.column == "year"]
    assert year and "one row per indicator and year" in year[0].message
    plain = tmp_path / "plain.csv"  # a year column simply missing: no talk of wide tables
    plain.write_text("indicator_id,value\nhigh_tech_enterprises,1258\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations(plain)
    assert not any("across its columns" in p.message for p in err.value.problems)


def test_the_suites_tables_of_targets_and_paths_are_not_read_as_figures(tmp_path):
    """targets.csv given among the returns validated "OK" and turned 21 of 22 targets
    "achieved"; a run's trajectories.csv loaded its required path as figures."""
    from langfang_metrics import config as cfg
    from langfang_metrics.errors import DataValidationError as Invalid

    with pytest.raises(Invalid) as err:
        load_observations(cfg.REGISTRY_DIR / "targets.csv")
    assert "this is a table of targets" in str(err.value)
    path = tmp_path / "trajectories.csv"
    path.write_text("indicator_id,year,path,value\ntech_smes,2021,required,9024.6\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(Invalid) as err:
        load_observations(path)
    assert "row 1, column 'path': this is a table of target paths" in str(err.value)
    # the workbook's sheet saved on its own: bilingual headers
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("指标代码 / Indicator ID,年份 / Year,路径 / Path,数值 / Value\n"
                     "tech_smes,2021,目标路径,9024.6\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(Invalid, match="table of target paths"):
        load_observations(sheet)


def test_a_lone_share_figure_far_below_its_target_is_a_check(tmp_path):
    """0.043 typed for a 4.3 % digital-economy share, the indicator's only figure and no
    baseline: no check, and the gap table took 0.043 as the series' start against a target
    of 5. With the target as the scale it is named like a fraction beside other figures."""
    from langfang_metrics.observations import check_table

    path = tmp_path / "share.csv"
    path.write_text("indicator_id,region,year,value\ndigital_economy_share,langfang,2022,0.043\n"
                    "digital_economy_share,hebei,2022,0.05\n", encoding="utf-8")  # fmt: skip
    # the loader refuses it now (a fraction against the target); the check still judges
    # such a figure, as a frame made elsewhere (or one confirmed by mistake) may hold it
    with pytest.raises(DataValidationError, match="0.043 for 4.3 %"):
        load_observations(path)
    path.write_text("indicator_id,region,year,value\ndigital_economy_share,langfang,2022,4.3\n"
                    "digital_economy_share,hebei,2022,0.05\n", encoding="utf-8")  # fmt: skip
    obs = load_observations(path)
    obs.loc[obs["region"] == "langfang", "value"] = 0.043
    indicators, targets = registry.load_indicators(), registry.load_targets()
    checks = check_table(obs, indicators, targets)
    [row] = checks.itertuples()
    assert (row.indicator_id, row.region, row.check) == ("digital_economy_share", "langfang",
                                                         "fraction")  # fmt: skip
    assert "against the plan's 2025 target 5" in row.message
    assert "a fraction for a percentage (0.043 for 4.3 %)?" in row.message
    # a figure on the target's scale is no check, and without targets nothing is judged
    path.write_text("indicator_id,region,year,value\ndigital_economy_share,langfang,2022,4.3\n",
                    encoding="utf-8")  # fmt: skip
    assert check_table(load_observations(path), indicators, targets).empty
    assert check_table(obs, indicators).empty


def test_a_year_far_after_the_series_and_the_plan_is_a_check(tmp_path, monkeypatch):
    """2032 typed for 2023 validated "OK" and re-dated the whole report to 2032. A year to
    come is refused (next test); in 2040 a 2032 figure can exist, and is a check."""
    from langfang_metrics import observations
    from langfang_metrics.observations import check_table

    monkeypatch.setattr(observations, "_today", lambda: "2040-06-30")

    path = tmp_path / "typo.csv"
    path.write_text("indicator_id,region,year,value\ntech_smes,langfang,2032,9900\n"
                    "high_tech_enterprises,langfang,2026,1450\n", encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, path])
    checks = check_table(obs, registry.load_indicators())
    far = checks[checks["check"] == "far_year"]
    assert list(zip(far["indicator_id"], far["years"], strict=True)) == [("tech_smes", "2032")]
    assert "a typo for another year?" in far["message"].iloc[0]
    assert "it would make 2032 the year the data run to" in far["message"].iloc[0]
    # another region's figure names its own previous year, and moves no report's year
    hebei = tmp_path / "hebei.csv"
    hebei.write_text("indicator_id,region,year,value\nhigh_tech_enterprises,hebei,2017,3000\n"
                     "high_tech_enterprises,hebei,2031,4000\n", encoding="utf-8")  # fmt: skip
    other = check_table(load_observations(hebei), registry.load_indicators())
    [message] = other.loc[other["check"] == "far_year", "message"]
    assert "14 years after the figure before it (2017)" in message
    assert "the year the data run to" not in message
    # 2027 typed for 2024 after the series' own 2023: too close to its figure before for the
    # gap rule, but three years ahead of every other indicator's latest figure (2024; other
    # regions' figures, China's 2026 among them, are not Langfang's returns)
    ahead = _checks_with(tmp_path, "tech_smes,langfang,2023,9800\ntech_smes,langfang,2027,10150\n"
                                   "high_tech_enterprises,langfang,2024,1420\n")  # fmt: skip
    ahead = ahead[ahead["check"] == "far_year"]
    assert list(zip(ahead["indicator_id"], ahead["years"], strict=True)) == [("tech_smes", "2027")]
    assert (
        "3 years after the latest figure of any other indicator (2024)" in ahead["message"].iloc[0]
    )
    # a figure a year ahead of the rest is the next year's return, not a typo
    one = _checks_with(tmp_path, "tech_smes,langfang,2026,10150\n"
                                 "high_tech_enterprises,langfang,2025,1500\n")  # fmt: skip
    assert "far_year" not in set(one["check"])
    # a series returned year by year runs ahead of the others without a typo
    on = _checks_with(tmp_path, "".join(f"tech_smes,langfang,{y},{9000 + 100 * (y - 2022)}\n"
                                        for y in range(2023, 2027)))  # fmt: skip
    assert "far_year" not in set(on["check"])


def test_a_year_still_to_come_is_refused(tmp_path, monkeypatch):
    """2042 typed for 2024 loaded with a check, and the run published 监测简报_2042.docx,
    "数据截至2042年" and every 2025 target as without data (the statistician's review). No
    figure of a year to come exists; this year's estimate does."""
    from langfang_metrics import observations

    monkeypatch.setattr(observations, "_today", lambda: "2026-12-07")
    f = tmp_path / "a.csv"
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2042,73.5,亿元,final\n"
                 "high_tech_enterprises,china,2027,500000,家,estimate\n"
                 "high_tech_enterprises,langfang,2026,1500,家,estimate\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "year"), (3, "year")]
    assert "year 2042 is still to come (this is 2026)" in err.value.problems[0].message
    assert "年份 2042 尚未到来（今年是2026年）" in err.value.problems[0].message_zh
    monkeypatch.setattr(observations, "_today", lambda: "2043-01-05")
    assert len(load_observations(f)) == 3


def test_a_whole_years_figure_of_a_year_not_over_is_refused(tmp_path, monkeypatch):
    """1,520 firms "final" for 2026 on 7 December 2026 (2025 mistyped) loaded without a word,
    re-dated the report and its brief to 2026 and made every 2025 target "no 2025 figure"
    (the hostile-input review). A final, revised or preliminary figure of a year exists only
    once the year is over; an estimate or a part-year figure of it may come before."""
    from langfang_metrics import observations

    monkeypatch.setattr(observations, "_today", lambda: "2026-12-07")
    f = tmp_path / "a.csv"
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "high_tech_enterprises,langfang,2026,1520,家,final\n"
                 "high_tech_enterprises,langfang,2026,1520,家,\n"
                 "rd_spending,langfang,2026,75,亿元,初步数\n"
                 "tech_smes,langfang,2026,11000,家,estimate\n"
                 "tech_smes,langfang,2026,10800,家,part-year\n"
                 "high_tech_enterprises,langfang,2025,1520,家,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    problems = err.value.problems
    # the year named first: the likeliest slip (the statistician's review)
    assert [(p.row, p.column) for p in problems] == [(2, "year"), (3, "year"), (4, "year")]
    assert "a final figure of 2026, a year not over yet" in problems[0].message
    assert "a typo for 2025?" in problems[0].message and "estimate (预计数)" in problems[0].message
    # an estimate of the year dates the report to it: said, with the way to keep the year
    # before (following the advice alone re-dated the report: the statistician's review)
    assert "an estimate of 2026 dates the report 2026" in problems[0].message
    assert "--as-of 2025 keeps it on 2025" in problems[0].message
    assert "(an empty status reads as final)" in problems[1].message
    assert "2026年尚未结束（按北京时间），不会有该年的初步数" in problems[2].message_zh
    monkeypatch.setattr(observations, "_today", lambda: "2027-01-01")  # the year is over
    assert len(load_observations(f)) == 5  # rows 2 and 3 are one figure


def test_a_year_far_before_the_series_and_the_plan_is_a_check(tmp_path):
    """400 firms in 1950 (for 2019 or 2020) validated OK, entered the series and moved the
    2025 forecast from 1,537 to 1,505 without a word (the hostile-input review). A yearbook
    figure ten years before the next is history, not a typo."""
    from langfang_metrics.observations import check_table

    path = tmp_path / "old.csv"
    path.write_text("indicator_id,region,year,value\nhigh_tech_enterprises,langfang,1950,400\n"
                    "gdp,langfang,1990,200\ngdp,langfang,1995,300\ngdp,langfang,2000,500\n"
                    "gdp,hebei,1980,2000\n", encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, path])
    checks = check_table(obs, registry.load_indicators())
    back = checks[checks["check"] == "far_back"]
    assert list(zip(back["indicator_id"], back["years"], strict=True)) == [
        ("high_tech_enterprises", "1950")]  # fmt: skip
    assert "70 years before the figure after it (2020): a typo" in back["message"].iloc[0]
    assert "年份写错了？" in back["detail_zh"].iloc[0]
    # a five-yearly history ending in 2000 (then 2015 on) is a series, not a typo; another
    # region's lone figure is its history, not a return; the shipped figures raise none
    assert check_table(load_observations(), registry.load_indicators()).empty


def test_a_figure_before_the_baseline_above_every_later_one_is_a_check(tmp_path):
    """1,420 high-tech firms typed as 2013 for 2023 entered the series, read the plan's 905
    of 2020 as a 36 % fall and moved both probabilities, with no word: the far-back check
    needs 15 years (the statistician's review). A rising stock's figure before its baseline
    that tops every later one is named; a lower one (800 in 2018) is history."""
    checks = _checks_with(tmp_path, "high_tech_enterprises,langfang,2013,1420\n"
                                    "high_tech_enterprises,langfang,2018,800\n"
                                    "high_tech_enterprises,hebei,2013,9000\n")  # fmt: skip
    assert list(zip(checks["indicator_id"], checks["years"], checks["region"], strict=True)) == [
        ("high_tech_enterprises", "2013", "langfang")]  # fmt: skip
    said = checks.iloc[0]
    assert said["check"] == "above_later"  # in words of its own (it read "far before")
    assert "above every later figure (905 in 2020, 1258 in 2022)" in said["message"]
    assert "年份写错了（应为更晚的年份）？" in said["detail_zh"]


def test_a_linked_sub_folder_is_read_and_a_loop_of_links_ends(tmp_path):
    """A sub-folder that is a link was skipped without a word ("never skipped in
    silence"); a link back up the tree must not loop."""
    (tmp_path / "in").mkdir()
    (tmp_path / "ext").mkdir()
    (tmp_path / "in" / "a.csv").write_text("indicator_id,region,year,value\n"
                                           "tech_smes,langfang,2023,9500\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "ext" / "e.csv").write_text("indicator_id,region,year,value\n"
                                            "high_tech_enterprises,langfang,2023,1350\n",
                                            encoding="utf-8")  # fmt: skip
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "ext", target_is_directory=True)
    (tmp_path / "ext" / "up").symlink_to(tmp_path / "in", target_is_directory=True)
    df = load_observations(tmp_path / "in")
    assert sorted(df["indicator_id"]) == ["high_tech_enterprises", "tech_smes"]


def test_a_runs_outputs_inside_a_returns_folder_are_not_read_as_returns(tmp_path):
    """A returns folder that was also the run's --out worked once; the next run read its own
    data/processed tables back as returns and stopped with 34 problems."""
    (tmp_path / "a.csv").write_text("indicator_id,region,year,value\n"
                                    "tech_smes,langfang,2023,9500\n", encoding="utf-8")  # fmt: skip
    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    (processed / config.RUN_ID_NAME).write_text("abc\n")
    (processed / "accuracy.csv").write_text("method,smape\nauto,16.8\n", encoding="utf-8")
    assert input_files(tmp_path) == [tmp_path / "a.csv"]
    assert load_observations(tmp_path)["value"].tolist() == [9500.0]
    # named itself, the output folder is said to be one
    with pytest.raises(DataValidationError, match="holds the outputs of a run"):
        input_files(processed)
    # a folder that merely looks like one (no .run-id) is read as any other
    (processed / config.RUN_ID_NAME).unlink()
    with pytest.raises(DataValidationError):
        load_observations(tmp_path)


def test_a_single_comma_group_is_ambiguous_in_a_semicolon_file(tmp_path):
    """'2,750' patents per 10,000 people loaded as 2750 from a file separated by semicolons,
    where the comma is the decimal comma; in a comma-separated file it is thousands."""
    semi = tmp_path / "semi.csv"
    semi.write_text("indicator_id;region;year;value\nhigh_value_patents_per_10k;hebei;2022;2,750\n"
                    "tech_smes;langfang;2023;9500\ntech_smes;hebei;2022;1,234,567\n"
                    "high_value_patents_per_10k;hebei;2021;2,600件/万人\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(semi)
    problems = err.value.problems
    assert [(p.row, p.column) for p in problems] == [(2, "value"), (5, "value")]
    assert "write 2.75 or 2750" in problems[0].message
    assert "write 2.6 or 2600" in problems[1].message  # a unit after it is no way round
    comma = tmp_path / "comma.csv"
    comma.write_text('indicator_id,region,year,value\ntech_smes,langfang,2023,"9,500"\n',
                     encoding="utf-8")  # fmt: skip
    assert load_observations(comma)["value"].tolist() == [9500.0]


def test_a_problem_in_a_workbook_names_its_sheet(tmp_path):
    """Messages named file, row and column, not the sheet: the data may be on the third."""
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "封面"
    ws = wb.create_sheet("2023年数据")
    ws.append(["indicator_id", "region", "year", "value"])
    ws.append(["tech_smes", "langfang", 2023, "很多"])
    path = tmp_path / "returns.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    assert str(err.value.problems[0]).startswith(f"{path} [2023年数据], row 2, column 'value'")
    assert err.value.problems[0].file == str(path)  # the file itself, for tools


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "bom+gbk"])
@pytest.mark.parametrize("header", ["indicator_id,region,year,value", "指标代码,地区,年份,数值"])
def test_utf16_without_a_mark_and_gbk_behind_a_utf8_mark_are_read(tmp_path, codec, header):
    """UTF-16 without a BOM was "NUL bytes: not a text CSV" (with a Chinese header too); a
    UTF-8 BOM before GBK text named the first column '锘縤ndicator_id'."""
    text = (f"{header}\ntech_smes,langfang,2023,9500\n"
            "high_tech_enterprises,廊坊,2023,1350\n")  # fmt: skip
    data = (b"\xef\xbb\xbf" + text.encode("gbk")) if codec == "bom+gbk" else text.encode(codec)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    df = load_observations(path)
    assert sorted(df["value"]) == [1350.0, 9500.0] and set(df["region"]) == {"langfang"}


@pytest.mark.parametrize("text", ["年份,数值\n", "hello\n", ",,,\n,,,\n", "abc\n\n"])
def test_a_short_file_without_zero_bytes_is_not_read_as_utf16(tmp_path, text):
    """Under 16 bytes any text was taken for UTF-16, so the message quoted '맥붻낕胥઼' for
    '年份,数值' or said the file "reads as UTF-16 but is not valid UTF-16"."""
    from langfang_metrics._readers import detect_encoding

    path = tmp_path / "short.csv"
    path.write_bytes(text.encode("utf-8"))
    assert detect_encoding(path) == "utf-8-sig"
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    said = " ".join(p.message for p in err.value.problems)
    assert "UTF-16" not in said and not any("\uac00" <= c <= "\ud7a3" for c in said)  # no hangul
    for codec in ("utf-16-le", "utf-16-be"):  # two letters of UTF-16 are still UTF-16
        path.write_bytes("a\n".encode(codec))
        assert detect_encoding(path) == codec


def test_thousands_grouped_by_spaces_are_read():
    """'9 500' and '9 600' (no-break space) were "not a number" ('9\\xa0600' in the message)."""
    from langfang_metrics.observations import normalise_value

    assert normalise_value("9 500").number == 9500
    assert normalise_value("9\u00a0600").number == 9600
    assert normalise_value("1 234 567.5").number == Decimal("1234567.5")
    assert normalise_value("9 500家").unit == "家"
    assert normalise_value("9 50").number is None and normalise_value("2021 2022").number is None


def test_figures_to_verify_are_the_single_figures_a_check_names():
    from langfang_metrics.observations import CHECK_COLUMNS, figures_to_verify

    checks = pd.DataFrame([
        ["a", "langfang", "2023", 0.38, "fraction", "", ""],
        ["b", "langfang", "2021-2022", None, "definition", "", ""],
        ["c", "langfang", "2021, 2023", None, "no_majority", "", ""],
        ["d", "hebei", "2022", 5.0, "scale", "", ""],
    ], columns=list(CHECK_COLUMNS))  # fmt: skip
    # figures far apart with no majority are each named: one of them is wrong
    assert figures_to_verify(checks) == {("a", 2023): "fraction", ("c", 2021): "no_majority",
                                         ("c", 2023): "no_majority"}  # fmt: skip
    assert figures_to_verify(checks, "hebei") == {("d", 2022): "scale"}
    assert figures_to_verify(None) == {} == figures_to_verify(checks.iloc[:0])


def test_a_level_that_falls_to_under_a_third_in_a_year_is_a_check(tmp_path, monkeypatch):
    """A clerk typed R&D spending's growth rate (10.5) after 65.5 亿元: the ratio is 6, under
    the tenfold scale check, so validate said OK and the 2025 target read "missed"."""
    from langfang_metrics import observations
    from langfang_metrics.observations import check_table

    monkeypatch.setattr(observations, "_today", lambda: "2040-01-01")  # China's 2030 and 2032

    path = tmp_path / "rates.csv"
    path.write_text(
        "indicator_id,region,year,value,unit\n"
        "rd_spending,langfang,2024,65.5,亿元\nrd_spending,langfang,2025,10.5,亿元\n"
        "high_tech_enterprises,langfang,2023,1290,家\n"
        "high_tech_enterprises,langfang,2024,1280,家\n"  # a small fall: no check
        "specialised_smes_new,langfang,2023,300,家\n"  # additions: left out
        "specialised_smes_new,langfang,2024,90,家\n"
        "rd_spending,china,2030,90000,亿元\nrd_spending,china,2032,25000,亿元\n",  # two years
        encoding="utf-8",
    )
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                         registry.load_indicators())  # fmt: skip
    steep = checks[checks["check"] == "steep_fall"]
    assert list(zip(steep["indicator_id"], steep["region"], steep["years"], strict=True)) == [
        ("rd_spending", "langfang", "2025")]  # fmt: skip
    assert "2025 = 10.5 is under half of 65.5 in 2024: a growth rate" in steep["message"].iloc[0]
    # a figure ten times off its series is said once, as a scale slip
    slip = tmp_path / "slip.csv"
    slip.write_text("indicator_id,region,year,value,unit\n"
                    "high_tech_enterprises,langfang,2023,12.9,家\n", encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, slip]),
                         registry.load_indicators())  # fmt: skip
    assert list(checks["check"]) == ["scale"]
    # the right figure after a slipped one is not blamed (1,350 after 14,000)
    high = tmp_path / "high.csv"
    high.write_text("indicator_id,region,year,value,unit\n"
                    "high_tech_enterprises,langfang,2023,14000,家\n"
                    "high_tech_enterprises,langfang,2024,1350,家\n", encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, high]),
                         registry.load_indicators())  # fmt: skip
    assert list(zip(checks["check"], checks["years"], strict=True)) == [("scale", "2023")]
    # a year not returned between them: the rate typed for the amount is still named
    gap = tmp_path / "gap.csv"
    gap.write_text("indicator_id,region,year,value,unit\n"
                   "rd_spending,langfang,2023,62.0,亿元\nrd_spending,langfang,2025,10.5,亿元\n",
                   encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, gap]),
                         registry.load_indicators())  # fmt: skip
    assert list(zip(checks["check"], checks["years"], strict=True)) == [("steep_fall", "2025")]


def test_a_figure_over_three_times_both_neighbours_is_blamed_not_the_one_after_it(tmp_path):
    """905, 10,500 (a digit too many for 1,050), 1,258: the check named 1,258 as a steep
    fall, the figure that returns to the series' course, and left 10,500 driving the pace
    unmarked."""
    spike = _checks_with(tmp_path, "high_tech_enterprises,langfang,2021,10500\n")
    assert list(zip(spike["check"], spike["years"], strict=True)) == [("spike", "2021")]
    assert "2021 = 10500 is over 3 times both 905 in 2020 and 1258 in 2022" in (
        spike["message"].iloc[0])  # fmt: skip
    # the plan's baseline stands before the first return when no figure of its year is given
    from collections import namedtuple

    from langfang_metrics.observations import _steep_falls

    Row = namedtuple("Row", "year value")
    rows = [Row(2021, 50000.0), Row(2022, 9400.0)]
    found = _steep_falls("tech_smes", "langfang", "stock", rows, lambda r: "", base=(8796, 2020))
    assert [(c["check"], c["years"]) for c in found] == [("spike", "2021")]
    found = _steep_falls("tech_smes", "langfang", "stock", rows, lambda r: "")
    assert [(c["check"], c["years"]) for c in found] == [("steep_fall", "2022")]
    # a steep fall after steady growth still names the fallen figure
    fall = _checks_with(tmp_path, "high_tech_enterprises,langfang,2023,300\n")
    assert list(zip(fall["check"], fall["years"], strict=True)) == [("steep_fall", "2023")]


def test_a_request_asks_for_the_amount_of_a_growth_rate_target():
    """The name cell of R&D spending read "增速（%）" while its unit column said 亿元: a clerk
    typed the rate."""
    from langfang_metrics import datarequest

    obs = load_observations([config.OBSERVATIONS_FILE])
    books = datarequest.build_requests(obs, registry.load_indicators(), registry.load_targets())
    ws = books["数据征集表_市统计局.xlsx"][datarequest.REQUEST_SHEET]
    names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "rd_spending"]
    assert names and all("填金额，不填增速" in n and "增速（%）" not in n for n in names)


def test_legitimate_patterns_raise_no_check(tmp_path, monkeypatch):
    """False alarms a reviewer found: a running total that starts small (a service begun
    late in its first year), and one department's 2026 return before the others report."""
    from langfang_metrics import observations

    monkeypatch.setattr(observations, "_today", lambda: "2027-03-01")  # 2026 is over
    small = _checks_with(tmp_path, "tech_diagnosis_firms,langfang,2021,6\n"
                                   "tech_diagnosis_firms,langfang,2022,70\n"
                                   "tech_diagnosis_firms,langfang,2023,150\n")  # fmt: skip
    assert small.empty, small["message"].tolist()
    first = _checks_with(tmp_path, "innovation_consortia,langfang,2026,14\n")
    assert first.empty, first["message"].tolist()
    # a small count moves by a handful: 4 firms, then 1; 1, 5, 1 clinics
    few = _checks_with(tmp_path, "tech_leader_enterprises,langfang,2021,4\n"
                                 "tech_leader_enterprises,langfang,2022,1\n"
                                 "innovation_clinics,langfang,2021,1\n"
                                 "innovation_clinics,langfang,2022,5\n"
                                 "innovation_clinics,langfang,2023,1\n")  # fmt: skip
    assert few.empty, few["message"].tolist()
    # from 10 on, and for a density or an amount whatever its size, the fall is named
    fall = _checks_with(tmp_path, "tech_leader_enterprises,langfang,2021,12\n"
                                  "tech_leader_enterprises,langfang,2022,3\n")  # fmt: skip
    assert list(fall["check"]) == ["steep_fall"]
    # a slipped digit in a running total is still named
    slip = _checks_with(tmp_path, "tech_diagnosis_firms,langfang,2021,100\n"
                                  "tech_diagnosis_firms,langfang,2022,2600\n"
                                  "tech_diagnosis_firms,langfang,2023,260\n")  # fmt: skip
    assert set(zip(slip["check"], slip["years"], strict=True)) == {("spike", "2022")}


def test_a_figure_returned_as_held_with_a_confirming_note_is_no_longer_checked(tmp_path):
    """The request workbooks ask a department to leave a red row that is right and say so
    in the note; the note was dropped with the identical row, the check printed again and the
    figure asked for again."""
    from langfang_metrics.observations import check_table, is_confirmed

    held = tmp_path / "held.csv"
    held.write_text("indicator_id,year,value,note\ndigital_economy_share,2021,50,\n"
                    "digital_economy_share,2022,3.5,\ndigital_economy_share,2023,4.0,\n",
                    encoding="utf-8")  # fmt: skip
    back = tmp_path / "back.csv"
    back.write_text("指标代码,年份,数值,备注\ndigital_economy_share,2021,50,经核实无误\n",
                    encoding="utf-8")  # fmt: skip
    ind = registry.load_indicators()
    before = check_table(load_observations([config.OBSERVATIONS_FILE, held]), ind)
    assert ("scale", "2021") in set(zip(before["check"], before["years"], strict=True))
    obs = load_observations([config.OBSERVATIONS_FILE, held, back])
    row = obs[(obs["indicator_id"] == "digital_economy_share") & (obs["year"] == 2021)]
    assert row["note"].tolist() == ["经核实无误"] and is_confirmed(row["note"].iloc[0])
    assert check_table(obs, ind).empty
    assert not is_confirmed("") and not is_confirmed(None) and is_confirmed("Verified by 市统计局")


def _checks_with(
    tmp_path, rows: str, header: str = "indicator_id,region,year,value"
) -> pd.DataFrame:
    """``check_table`` of the shipped figures and ``rows`` (lines of ``header``'s columns)
    returned beside them."""
    from langfang_metrics.observations import check_table

    path = tmp_path / "returned.csv"
    path.write_text(f"{header}\n" + rows, encoding="utf-8")
    return check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                       registry.load_indicators())  # fmt: skip


def test_a_note_left_on_an_empty_request_row_is_read_as_a_row_reads_its_year():
    """A year typed "2024年" (which the row reader accepts) was kept as text and matched no
    row of the next request; a line typed below the table was reported as an unanswered
    figure with no indicator and no year."""
    from types import SimpleNamespace

    from langfang_metrics.observations import _notes_without_figures

    cols = SimpleNamespace(index={"indicator_id": 0, "year": 1, "value": 2, "note": 3})
    table = SimpleNamespace(file="r.xlsx", sheet="征集 request")
    data = [(2, ["tech_smes", "2024年", "", "尚未发布"]), (3, ["tech_smes", "2023", "9500", "x"]),
            (9, ["", "", "", "以上数据由市统计局提供"]), (10, ["tech_smes", "明年", "", "待定"])]  # fmt: skip
    header = ["indicator_id", "year", "value", "note"]  # no "kind of figure held" column
    assert _notes_without_figures(table, header, data, cols) == [
        {"file": "r.xlsx", "sheet": "征集 request", "row": 2, "indicator_id": "tech_smes",
         "year": 2024, "note": "尚未发布", "final_owed": False}]  # fmt: skip


def test_a_confirmed_high_figure_leaves_the_fall_after_it_named(tmp_path):
    """10,500 confirmed by its department (经核实无误) is no spike: the 1,258 after it is the
    figure in doubt. The confirmation had removed the spike and left no check at all."""
    checks = _checks_with(tmp_path, "high_tech_enterprises,langfang,2021,10500,经核实无误\n",
                          header="indicator_id,region,year,value,note")  # fmt: skip
    assert list(zip(checks["check"], checks["years"], strict=True)) == [("steep_fall", "2022")]


def test_slips_a_false_alarm_hunter_found_passing_are_named(tmp_path):
    """A latest figure three times the one before (9,800 firms after 1,258: the tech-SME
    count typed in) read "achieved" unmarked; R&D spending's growth rate 21.6 after 54.03
    亿元 and a share's 13.1 after 37.8 passed the factor of three; in a running total the
    right figure after a slipped one was blamed (150, 420, 6,800, 950)."""

    def named(rows: str) -> set:
        found = _checks_with(tmp_path, rows)
        return set(zip(found["check"], found["years"], strict=True))

    assert named("high_tech_enterprises,langfang,2023,9800\n") == {("steep_rise", "2023")}
    assert ("steep_fall", "2022") in named("rd_spending,langfang,2022,21.6\n")
    assert named("high_tech_industry_share,langfang,2021,37.8\n"
                 "high_tech_industry_share,langfang,2022,13.1\n") == {("steep_fall", "2022")}  # fmt: skip
    total = named("tech_diagnosis_firms,langfang,2021,150\ntech_diagnosis_firms,langfang,2022,420\n"
                  "tech_diagnosis_firms,langfang,2023,6800\n"
                  "tech_diagnosis_firms,langfang,2024,950\n")  # fmt: skip
    assert total == {("spike", "2023")}
    # not a slip: a rise that the next figure keeps is named once, a small count's rise not
    # at all, and a figure that rises and falls back is named once, as a spike
    assert named("high_tech_enterprises,langfang,2023,9800\n"
                 "high_tech_enterprises,langfang,2024,1400\n") == {("spike", "2023")}  # fmt: skip
    assert not named("innovation_clinics,langfang,2021,1\ninnovation_clinics,langfang,2022,4\n")


def test_a_figure_confirmed_in_one_row_stays_confirmed_in_another_of_the_same_value(tmp_path):
    """A preliminary 9,800 noted 核实无误, then the final 9,800 returned without a note: the
    check read only the final's note and named the figure again."""
    found = _checks_with(tmp_path, "high_tech_enterprises,langfang,2023,9800\n")
    assert len(found)
    checks = _checks_with(tmp_path, "high_tech_enterprises,langfang,2023,9800,preliminary,经核实无误\n"
                                    "high_tech_enterprises,langfang,2023,9800,final,\n",
                          header="indicator_id,region,year,value,status,note")  # fmt: skip
    assert checks.empty, checks["message"].tolist()


def test_an_identical_figure_keeps_the_row_that_says_where_it_comes_from(tmp_path):
    """One department returned another's pre-filled row untouched (no source): read first,
    it became the figure's origin and its source was erased from every output."""
    a, b = tmp_path / "a_untouched.csv", tmp_path / "b_answer.csv"
    a.write_text("indicator_id,region,year,value,status,source\n"
                 "specialised_smes_new,langfang,2023,185,preliminary,\n", encoding="utf-8")  # fmt: skip
    b.write_text("indicator_id,region,year,value,status,source\n"
                 "specialised_smes_new,langfang,2023,185,preliminary,市工信局快报\n",
                 encoding="utf-8")  # fmt: skip
    obs = load_observations([a, b])
    row = obs.iloc[0]
    assert row["source"] == "市工信局快报" and row["origin_file"].endswith("b_answer.csv")
    # a conflict settled by --prefer keeps the preferred row, source or not
    c = tmp_path / "c.csv"
    c.write_text("indicator_id,region,year,value,status\n"
                 "specialised_smes_new,langfang,2023,190,preliminary\n", encoding="utf-8")  # fmt: skip
    kept = load_observations([b, c], prefer=[c]).iloc[0]
    assert kept["value"] == 190.0


def test_a_second_review_of_the_checks(tmp_path):
    """A figure that returns from a slip was named as a steep rise; a confirmation in
    another row of a high figure left the fall after it unnamed; figures with no majority
    could never be confirmed, and of a run of them the middle years went unmarked; a
    one-off amount of 2.2 times named the normal figure after it."""
    from langfang_metrics.observations import figures_to_verify

    def named(rows: str, header: str = "indicator_id,region,year,value") -> set:
        found = _checks_with(tmp_path, rows, header)
        return set(zip(found["check"], found["years"], strict=True))

    assert named("rd_spending,langfang,2022,10.5\nrd_spending,langfang,2023,65\n") == {
        ("steep_fall", "2022")}  # fmt: skip
    assert named("high_tech_enterprises,langfang,2023,300\n"
                 "high_tech_enterprises,langfang,2024,1400\n") == {("steep_fall", "2023")}  # fmt: skip
    notes = "indicator_id,region,year,value,status,note"
    assert named("high_tech_enterprises,langfang,2021,10500,preliminary,经核实无误\n"
                 "high_tech_enterprises,langfang,2021,10500,final,\n", notes) == {
        ("steep_fall", "2022")}  # fmt: skip
    assert named("rd_spending,langfang,2022,120\nrd_spending,langfang,2023,58\n") == {
        ("spike", "2022")}  # fmt: skip
    # figures with no majority: each marked, the whole run, and each can be confirmed
    run = _checks_with(tmp_path, "innovation_consortia,langfang,2021,20\n"
                                 "innovation_consortia,langfang,2022,22\n"
                                 "innovation_consortia,langfang,2023,220\n"
                                 "innovation_consortia,langfang,2024,240\n")  # fmt: skip
    assert list(run["check"]) == ["no_majority"]
    assert set(figures_to_verify(run)) == {("innovation_consortia", y) for y in range(2021, 2025)}
    pair = "rd_spending,langfang,2022,612000,final,{}\n"
    # unconfirmed, 612,000 beside 54.03 is refused (a figure far off its own series)
    with pytest.raises(DataValidationError, match="11,327 times"):
        named(pair.format(""), notes)
    assert named(pair.format("经核实无误"), notes) == {("no_majority", "2021")}
    both = pair.format("经核实无误") + "rd_spending,langfang,2021,54.03,final,经核实无误\n"
    assert named(both, notes) == set()


def test_a_home_figure_a_hundred_times_off_the_plans_own_figure_is_refused(tmp_path):
    """1420 typed in 万家 loaded as 14,200,000 firms with a check, and the run published
    "achieved" and a budget of 45,830亿元; 0.965 firms and a share of 0.384 % loaded too
    (the statistician's review). Refused, with the other reading; 核实无误 lets one through,
    and other regions (China's 400,000 firms) are not set against Langfang's plan."""
    f = tmp_path / "returns.csv"
    f.write_text(
        "indicator_id,region,year,value,unit,status,note\n"
        "high_tech_enterprises,langfang,2023,1420,万家,final,\n"
        "tech_smes,langfang,2023,0.965,家,final,\n"
        "high_tech_industry_share,langfang,2023,0.384,%,final,\n"
        "innovation_clinics,langfang,2023,1500,家,final,\n"
        "high_tech_enterprises,langfang,2024,1420,万家,final,经核实无误\n"
        "high_tech_enterprises,china,2023,400000,家,final,\n"
        "specialised_smes_new,langfang,2021,3,家,final,\n"
        "high_tech_enterprises,langfang,2022,5,家,lower bound,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    found = {p.row: p for p in err.value.problems}
    assert sorted(found) == [2, 3, 4, 5]
    assert found[2].column == "unit" and "15,691 times the plan's 2020 baseline 905" in (
        found[2].message) and "如为1420家，请把单位改为“家”" in found[2].message_zh  # fmt: skip
    assert found[3].column == "value" and "1/9,115 of the plan's 2020 baseline 8,796" in (
        found[3].message)  # fmt: skip
    assert "0.384 应为 38.4%" in found[4].message_zh
    assert "target 10" in found[5].message  # no baseline: its target, 150 times
    assert all("核实无误" in p.message_zh for p in found.values())
    # a note that says the figure was NOT checked confirms nothing ("未经核实" holds 经核实,
    # "unconfirmed" confirmed: 14,200,000 firms went through, the diff review)
    from langfang_metrics.observations import is_confirmed

    for note in ("数据未经核实", "unconfirmed", "not yet verified", "是否核实无误？"):
        assert not is_confirmed(note), note
        f.write_text("indicator_id,region,year,value,unit,status,note\n"
                     f"high_tech_enterprises,langfang,2023,1420,万家,final,{note}\n",
                     encoding="utf-8")  # fmt: skip
        with pytest.raises(DataValidationError):
            load_observations(f)
    assert is_confirmed("经核实无误") and is_confirmed("verified by the bureau")
    # a share under 10 % typed as a fraction is refused against its target (0.0145 for an
    # intensity of 1.45 %, 0.045 for a 5 % share loaded with no check: the diff review); a
    # yearbook history before the baseline (8 firms in 2005) is small by right
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "industrial_rd_intensity,langfang,2023,0.0145,%,final\n"
                 "digital_economy_share,langfang,2023,0.045,%,final\n"
                 "industrial_rd_intensity,langfang,2022,0.9,%,final\n"
                 "high_tech_enterprises,langfang,2005,8,家,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    assert [p.row for p in err.value.problems] == [2, 3]
    assert "0.0145 应为 1.45%" in err.value.problems[0].message_zh
    # a unit whose other reading is no more plausible is asked about, not given a reading
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "tech_smes,langfang,2023,88,万家,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    (said,) = err.value.problems
    assert "单位是否填错？" in said.message_zh and "如为" not in said.message_zh
    # ten to a hundred times off loads, and the check says how the unit cell converted it
    from langfang_metrics import registry
    from langfang_metrics.observations import implausible

    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "high_tech_enterprises,langfang,2023,1.42,万家,final\n", encoding="utf-8")  # fmt: skip
    (line,) = implausible(load_observations(f), registry.load_indicators())
    assert "the unit cell says 万家: 1.42 万家 was read as 14,200 家" in line
    # a source's own note that says "converted from" is no conversion of the loader's: the
    # check gives its usual hint, not a unit cell's reading of "2021 report"
    f.write_text("indicator_id,region,year,value,unit,status,note\n"
                 "high_tech_enterprises,langfang,2023,14200,家,final,"
                 "converted from 2021 report\n", encoding="utf-8")  # fmt: skip
    (line,) = implausible(load_observations(f), registry.load_indicators())
    assert "unit cell" not in line and "2021 report" not in line.split("(")[-1]
    # merged with the same figure from another file, whose note follows the conversion's
    # ("converted from 1.42 万家；年报" lost the hint: the diff review)
    g = tmp_path / "g.csv"
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "high_tech_enterprises,langfang,2023,1.42,万家,final\n", encoding="utf-8")  # fmt: skip
    g.write_text("indicator_id,region,year,value,unit,status,note\n"
                 "high_tech_enterprises,langfang,2023,14200,家,final,年报\n", encoding="utf-8")  # fmt: skip
    (line,) = implausible(load_observations([f, g]), registry.load_indicators())
    assert "the unit cell says 万家: 1.42 万家 was read as 14,200 家" in line
    # between a tenth and ten times nothing is refused here (a check says it); a count
    # starting from 0 (3 of 400 new firms) and a bound are no level to set against it
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "high_tech_enterprises,langfang,2023,12580,家,final\n"
                 "specialised_smes_new,langfang,2021,3,家,final\n", encoding="utf-8")  # fmt: skip
    assert len(load_observations(f)) == 2


def test_a_figure_far_off_its_own_series_is_refused_where_the_plan_gives_no_level(tmp_path):
    """R&D spending has no plan baseline and a growth target: 735,000 typed in 万元 with the
    unit cell empty loaded as 735,000亿元 with a check only, and the page said "on track,
    >99 %" (the statistician's review). It is refused against the series' other figures,
    with the reading that fits; the shipped or confirmed figures stand."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2021,54.03,亿元,final\n"
                 "rd_spending,langfang,2022,60.2,亿元,final\n", encoding="utf-8")  # fmt: skip
    b.write_text("indicator_id,region,year,数值,unit,status\n"
                 "rd_spending,langfang,2023,66.9,亿元,final\n"
                 "rd_spending,langfang,2024,735000,,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([a, b])
    (said,) = err.value.problems
    assert (said.row, said.column) == (3, "数值") and said.file.endswith("b.csv")
    assert "如为735000万元，请把单位改为“万元”" in said.message_zh
    assert "2021: 54.03, 2022: 60.2, 2023: 66.9" in said.message
    # one figure against two: the two stand
    b.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2024,735000,,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([b, a])
    assert [(p.file.endswith("b.csv"), p.row) for p in err.value.problems] == [(True, 2)]
    # confirmed, a history before the plan, another region and a growth rate all load
    b.write_text("indicator_id,region,year,value,unit,status,note\n"
                 "rd_spending,langfang,2024,735000,,final,经核实无误\n"
                 "rd_spending,langfang,2005,0.3,亿元,final,\n"
                 "rd_spending,china,2022,30870,亿元,final,\n"
                 "rd_spending_growth,langfang,2022,0.05,%,final,\n"
                 "rd_spending_growth,langfang,2023,11.4,%,final,\n", encoding="utf-8")  # fmt: skip
    assert len(load_observations([a, b])) == 7
    # four returned figures in 万元 do not outvote the shipped 54.03: they are refused, and
    # confirming 54.03 does not let them through (the diff review: 54.03 was refused as
    # "54.03 万亿元" and, confirmed, the four loaded)
    b.write_text("indicator_id,region,year,value,unit,status\n" + "".join(
        f"rd_spending,langfang,{y},{v},,final\n"
        for y, v in ((2022, 600000), (2023, 660000), (2024, 726000), (2025, 798600))),
        encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([config.OBSERVATIONS_FILE, b])
    assert [(p.file.endswith("b.csv"), p.row) for p in err.value.problems] == [
        (True, 2), (True, 3), (True, 4), (True, 5)]  # fmt: skip
    assert "万亿" not in "".join(p.message_zh for p in err.value.problems)
    # a tie with no shipped figure: each is refused against the other
    c = tmp_path / "c.csv"
    c.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2021,54.03,亿元,final\n"
                 "rd_spending,langfang,2022,600000,,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(c)
    assert sorted(p.row for p in err.value.problems) == [2, 3]
    # listed with a file's other problems, in one round
    b.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2024,735000,,final\n"
                 "high_tech_enterprises,langfang,203,1420,家,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([a, b])
    assert sorted(p.row for p in err.value.problems) == [2, 3]


def test_a_figure_far_off_its_series_is_said_in_sentences_without_doubled_stops(tmp_path):
    """0.0152 for an R&D intensity of 1.52 % read "…的112分之一：位数或单位是否有误？。请更正"
    and "slipped digits or another unit?. Correct it" (the hostile-input review): a question
    keeps its own mark; a hint that is no question ends with a full stop."""
    f = tmp_path / "a.csv"
    f.write_text("指标代码,年份,数值\nrd_intensity,2023,0.0152\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations([config.OBSERVATIONS_FILE, f])
    (said,) = [p for p in err.value.problems if p.file == str(f)]
    assert (said.row, said.column) == (2, "数值")
    assert "的112分之一：位数或单位是否有误？请更正；" in said.message_zh
    assert ": slipped digits or another unit? Correct it, or write 核实无误" in said.message
    assert "？。" not in said.message_zh and "?." not in said.message
    # a hint that is no question (the unit that fits) is ended by a full stop
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "rd_spending,langfang,2024,735000,,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([config.OBSERVATIONS_FILE, f])
    (said,) = [p for p in err.value.problems if p.file == str(f)]
    assert "请把单位改为“万元”。请更正；" in said.message_zh
    assert "write the unit 万元. Correct it, or write 核实无误" in said.message


def test_a_figure_far_below_the_plan_names_the_unit_left_out(tmp_path):
    """1.12 for 1.12万家 was "1/7,854 of the plan's baseline: slipped digits or another
    unit?" where a figure 100 times above named its reading (the statistician's review)."""
    f = tmp_path / "a.csv"
    f.write_text("indicator_id,region,year,value,unit,status\n"
                 "tech_smes,langfang,2023,1.12,,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(f)
    assert "如为1.12万家，请把单位改为“万家”" in err.value.problems[0].message_zh


def test_a_conflict_between_files_is_listed_with_the_problems_of_a_file(tmp_path):
    """A year of 203 in one file and a figure another file gives otherwise came in two
    rounds: the conflict was found only once the year was fixed, although the message
    said to correct "the rows named above" (the statistician's review)."""
    b, c = tmp_path / "b.csv", tmp_path / "c.csv"
    b.write_text("indicator_id,region,year,value,status\n"
                 "rd_spending,langfang,2023,65.2,final\n"
                 "high_tech_enterprises,langfang,203,1420,final\n", encoding="utf-8")  # fmt: skip
    c.write_text("indicator_id,region,year,value,status\n"
                 "rd_spending,langfang,2023,65.3,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([b, c])
    said = [str(p) for p in err.value.problems]
    assert len(said) == 2
    assert "203" in said[0] and "b.csv" in said[0]
    assert "conflict" in said[1] and "65.2" in said[1] and "65.3" in said[1]
    # a file that reads whole beside one with problems: the same
    with pytest.raises(DataValidationError) as err:
        load_observations([c, b])
    assert any("conflict" in str(p) for p in err.value.problems)
    # without a conflict, the problems alone
    c.write_text("indicator_id,region,year,value,status\n"
                 "rd_spending,langfang,2023,65.2,final\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([b, c])
    assert len(err.value.problems) == 1


def test_a_conflict_that_may_be_one_figure_rounded_says_so(tmp_path):
    """市科技局 returned 59.12 for the R&D spending 市统计局 gave as 59.123, and the run
    stopped on a conflict with no word that they may be one figure (the officer's review).
    They stay a conflict (a figure typed 59.10 reads as 59.1, so merging would join figures
    that differ: the diff review); the message says what to do if they are one figure,
    rounded half-up as a clerk rounds. Whole numbers and other differences say nothing."""
    a, b, c, d, e = (tmp_path / f"{x}.csv" for x in "abcde")
    head = "indicator_id,region,year,value,unit,status\n"
    a.write_text(head + "rd_spending,langfang,2022,59.12,亿元,final\n", encoding="utf-8")
    b.write_text(head + "rd_spending,langfang,2022,59.123,亿元,final\n", encoding="utf-8")
    c.write_text(head + "rd_spending,langfang,2022,59.13,亿元,final\n"
                 "high_tech_enterprises,langfang,2022,1300,家,final\n", encoding="utf-8")  # fmt: skip
    d.write_text(head + "high_tech_enterprises,langfang,2022,1296,家,final\n", encoding="utf-8")
    e.write_text(head + "rd_spending,langfang,2022,59.125,亿元,final\n", encoding="utf-8")
    for files in ([a, b], [b, a]):
        with pytest.raises(DataValidationError) as err:
            load_observations(files)
        [problem] = err.value.problems
        assert "59.12 may be 59.123 rounded: if they are one figure, clear the" in problem.message
        assert "; otherwise, if one of them corrects the other" in problem.message
        assert "59.12可能是59.123四舍五入所得" in problem.message_zh
    with pytest.raises(DataValidationError) as err:  # half-up: 59.125 → 59.13
        load_observations([c, e])
    assert "59.13 may be 59.125 rounded" in err.value.problems[0].message
    # a round's correction left 正式数 beside the slip it corrects: the digits said alike
    f = tmp_path / "f.csv"
    f.write_text(head + "rd_spending,langfang,2022,591.23,亿元,final\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations([f, b])
    [problem] = err.value.problems
    assert "591.23 and 59.123 are the same digits with the decimal point moved" in problem.message
    assert (
        "mark its correction 修订 revised" in problem.message and "rounded" not in problem.message
    )
    with pytest.raises(DataValidationError) as err:  # 59.13 is not 59.123 rounded
        load_observations([b, c, d])
    assert all("rounded" not in p.message for p in err.value.problems)
    assert {p.message.split(",")[0] for p in err.value.problems} == {
        "conflict for rd_spending", "conflict for high_tech_enterprises"}  # fmt: skip


def test_a_conflict_settled_by_prefer_is_recorded_on_the_kept_figure(tmp_path):
    """--prefer's choice was printed once and then lost: the department whose figure was
    set aside saw another figure, in every output, without a reason. The kept row's note now
    names what it won over; the set-aside row's own note does not travel to it."""
    b, c = tmp_path / "b.csv", tmp_path / "c.csv"
    b.write_text("indicator_id,region,year,value,status,note\n"
                 "specialised_smes_new,langfang,2023,185,preliminary,经核实无误\n",
                 encoding="utf-8")  # fmt: skip
    c.write_text("indicator_id,region,year,value,status,note\n"
                 "specialised_smes_new,langfang,2023,190,preliminary,统计局快报\n",
                 encoding="utf-8")  # fmt: skip
    obs = load_observations([b, c], prefer=[c])
    assert len(obs) == 1
    kept = obs.iloc[0]
    assert kept["value"] == 190.0 and kept["origin_file"].endswith("c.csv")
    assert kept["note"].startswith("统计局快报；kept by --prefer over ")
    assert "b.csv row 2: 185" in kept["note"] and "经核实无误" not in kept["note"]
    # an identical figure in a third file still merges, its note kept beside the kept one
    d = tmp_path / "d.csv"
    d.write_text("indicator_id,region,year,value,status,note\n"
                 "specialised_smes_new,langfang,2023,190,preliminary,复核一致\n",
                 encoding="utf-8")  # fmt: skip
    three = load_observations([b, c, d], prefer=[c])
    assert len(three) == 1 and three.iloc[0]["value"] == 190.0
    note = three.iloc[0]["note"]
    assert "b.csv row 2: 185" in note and "复核一致" in note and "d.csv" not in note
    # alone in its note it does not begin with "-": the CSV guard against formulas put an
    # apostrophe before "--prefer: …" in observations.csv (not in the workbook)
    c.write_text("indicator_id,region,year,value,status\n"
                 "specialised_smes_new,langfang,2023,190,preliminary\n", encoding="utf-8")  # fmt: skip
    alone = load_observations([b, c], prefer=[c]).iloc[0]["note"]
    assert alone.startswith("kept by --prefer over ") and alone.endswith("b.csv row 2: 185")


def test_a_figure_repeated_in_one_file_keeps_both_notes(tmp_path):
    """Across files identical figures join their notes; within one file the repeated row's
    note was dropped, so "经核实无误" written there left the check standing."""
    path = tmp_path / "dup.csv"
    path.write_text("indicator_id,region,year,value,status,source,note\n"
                    "tech_smes,langfang,2022,9500,final,,noteA\n"
                    "tech_smes,langfang,2022,9500,final,市科技局,经核实无误\n"
                    "tech_smes,langfang,2022,9500,final,,noteA\n", encoding="utf-8")  # fmt: skip
    row = load_observations(path).iloc[0]
    assert row["note"] == "noteA；经核实无误" and row["source"] == "市科技局"
    assert row["origin_row"] == 3  # the row the source is on
    # a url or quote typed on the first row is not dropped for the repeated row's source
    path.write_text("indicator_id,region,year,value,status,source,url,quote\n"
                    "tech_smes,langfang,2022,9500,final,,http://example.org/a,全市9500家\n"
                    "tech_smes,langfang,2022,9500,final,Press release,,\n", encoding="utf-8")  # fmt: skip
    row = load_observations(path).iloc[0]
    assert (row["source"], row["url"], row["quote"]) == ("Press release", "http://example.org/a",
                                                         "全市9500家")  # fmt: skip


def test_a_definition_change_said_only_in_the_note_is_named(tmp_path):
    """15,000 tech SMEs "under the new national definition, not comparable" came with the
    status final: nothing was named, and the target read "achieved" on it."""
    found = _checks_with(tmp_path, "tech_smes,langfang,2021,9100,final,\n"
                         "tech_smes,langfang,2022,9500,final,\n"
                         "tech_smes,langfang,2023,15000,final,自2023年起按国家新口径统计，与以前年度不可比\n",
                         header="indicator_id,region,year,value,status,note")  # fmt: skip
    row = found[found["check"] == "definition_note"]
    assert list(row["years"]) == ["2023"] and "other-definition" in row["message"].iloc[0]
    # "not fully comparable" and the like deny comparability: still named
    for note in ("自2021年起按新口径统计，与以前年度不完全可比", "口径调整，与上年不具可比",
                 "New definition from 2022; not directly comparable with earlier years",
                 "New definition; no longer comparable", "新口径; incomparable with 2020",
                 "统计口径变化（按可比价计算）"):  # fmt: skip
        found = _checks_with(tmp_path, "tech_smes,langfang,2022,9500,final,\n"
                             f"tech_smes,langfang,2023,9900,final,{note}\n",
                             header="indicator_id,region,year,value,status,note")  # fmt: skip
        assert "definition_note" in set(found["check"]), note
    # given the status other-definition, or confirmed, it is not named for its note
    for status, note in (("other-definition", "新口径"), ("final", "新口径，经核实无误")):
        found = _checks_with(tmp_path, "tech_smes,langfang,2022,9500,final,\n"
                             f"tech_smes,langfang,2023,9900,{status},{note}\n",
                             header="indicator_id,region,year,value,status,note")  # fmt: skip
        assert "definition_note" not in set(found["check"]), (status, found)
    # a note that the definition did not change, or that the figures are comparable, names
    # nothing
    for note in ("口径与上年一致", "口径与上年一致，无口径调整", "no definition change since 2020",
                 "not a break in the series", "已按新口径追溯调整以前年度，数据可比"):  # fmt: skip
        found = _checks_with(tmp_path, "tech_smes,langfang,2022,9500,final,\n"
                             f"tech_smes,langfang,2023,9900,final,{note}\n",
                             header="indicator_id,region,year,value,status,note")  # fmt: skip
        assert found.empty, note


def test_a_decimal_comma_is_named_as_one():
    """'36,9' was told to write "8,796", which the same file refused as ambiguous."""
    from langfang_metrics.observations import normalise_value

    for raw, fix in (("36,9", "36.9"), ("1,45%", "1.45%"), ("１２,５", "12.5"),
                     ("36,9亿元", "36.9亿元"), ("1,5万", "1.5万")):  # fmt: skip
        parsed = normalise_value(raw)
        assert parsed.number is None and f"decimal comma; write {fix} with a point" in parsed.reason
    assert normalise_value("8,796").number == 8796  # thousands stay thousands


def test_a_preferred_folder_whose_files_agree_wins(tmp_path):
    """Two files of a preferred folder gave 190 and a third file 185: every file of the folder
    ranked first, so no single winner, and the run stopped on a "conflict" that --prefer was
    already given for."""
    folder = tmp_path / "pref"
    folder.mkdir()
    for name in ("a.csv", "b.csv"):
        (folder / name).write_text("indicator_id,region,year,value,status,note\n"
                                   f"specialised_smes_new,langfang,2023,190,preliminary,{name}\n",
                                   encoding="utf-8")  # fmt: skip
    c = tmp_path / "c.csv"
    c.write_text("indicator_id,region,year,value,status\n"
                 "specialised_smes_new,langfang,2023,185,preliminary\n", encoding="utf-8")  # fmt: skip
    obs = load_observations([folder, c], prefer=[folder])
    assert len(obs) == 1 and obs.iloc[0]["value"] == 190.0
    note = obs.iloc[0]["note"]
    assert "kept by --prefer over" in note and "c.csv row 2: 185" in note and "b.csv" in note
    # files of the preferred folder that disagree with each other stay a conflict
    (folder / "b.csv").write_text("indicator_id,region,year,value,status\n"
                                  "specialised_smes_new,langfang,2023,195,preliminary\n",
                                  encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError, match="conflict") as err:
        load_observations([folder, c], prefer=[folder])
    # and it says why --prefer did not settle it (the same advice again read as ignored)
    assert "--prefer ranks these files alike (one --prefer folder holds both)" in str(err.value)
    assert "同一个 --prefer 文件夹包含了它们" in err.value.problems[0].message_zh
    # naming the file before the folder settles it
    obs = load_observations([folder, c], prefer=[folder / "b.csv", folder])
    assert obs.iloc[0]["value"] == 195.0


def _rezipped(wb: openpyxl.Workbook, edit) -> bytes:
    """A saved workbook with its parts passed through ``edit(name, bytes) -> bytes``."""
    import io
    import zipfile

    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info.filename)))
    return out.getvalue()


def _figures_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value"])
    ws.append(["tech_smes", "langfang", 2023, 9500])
    return wb


def test_workbooks_excel_writes_in_other_forms_are_named_not_misread(tmp_path):
    """A Strict Open XML workbook said "the workbook has no worksheets" after an openpyxl
    warning with a Python source line; an .ods given by name was "not an Excel workbook …
    no xl/workbook.xml"; a drop-down list on another sheet printed openpyxl's UserWarning."""
    import warnings
    import zipfile

    strict = tmp_path / "strict.xlsx"
    strict.write_bytes(_rezipped(_figures_workbook(), lambda n, b: b.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main") if n == "xl/workbook.xml" else b))  # fmt: skip
    with pytest.raises(DataValidationError, match="saved as Strict Open XML Spreadsheet"):
        load_observations(strict)
    ods = tmp_path / "returns.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(DataValidationError, match=r"an OpenDocument file \(\.ods\)"):
        load_observations(ods)
    ext = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://'
           b'schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations '
           b'count="0"/></ext></extLst></worksheet>')  # fmt: skip
    dropdown = tmp_path / "dropdown.xlsx"
    dropdown.write_bytes(_rezipped(_figures_workbook(), lambda n, b: b.replace(
        b"</worksheet>", ext) if n.startswith("xl/worksheets/") else b))  # fmt: skip
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        df = load_observations(dropdown)
    assert df["value"].tolist() == [9500.0]
    assert not [w for w in seen if "openpyxl" in str(w.filename)]


def test_an_invisible_character_in_an_indicator_code_is_shown(tmp_path):
    """'tech_smes' with a BEL after it read "unknown indicator 'tech_smes'; did you mean
    tech_smes": the message looked like nonsense."""
    path = tmp_path / "bel.csv"
    path.write_text("indicator_id,region,year,value\ntech_smes\x07,langfang,2023,9500\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    message = err.value.problems[0].message
    assert "unknown indicator 'tech_smes\\x07'" in message and "does not print" in message
    assert message.isprintable()
    path.write_text("indicator_id,region,year,value\ntech_smes,langfang\u200b\x07,2023,9500\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    message = err.value.problems[0].message
    assert message.startswith("unknown region 'langfang\\u200b\\x07'") and message.isprintable()


def test_rows_hidden_in_a_sheet_are_read_and_said(tmp_path, capsys):
    """A hidden row of 99,999,999 loaded without a word (only the implausibility check
    happened to name it): a hidden row is often one someone meant to drop."""
    from langfang_metrics import cli
    from langfang_metrics.observations import hidden_lines

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据 data"
    ws.append(["indicator_id", "region", "year", "value"])
    for row in (
        ["tech_smes", "langfang", 2023, 9500],
        ["tech_smes", "langfang", 2024, 9600],
        ["high_tech_enterprises", "langfang", 2023, 1350],
        [None, None, None, None],
    ):
        ws.append(row)  # fmt: skip
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True  # hidden but empty: gave no figure, not named
    path = tmp_path / "hid.xlsx"
    wb.save(path)
    df = load_observations(path)
    assert len(df) == 3  # read, as before
    assert hidden_lines(df) == [f"{path} [数据 data] row 3"]
    assert cli.main(["validate", "--no-shipped", "--lang", "en", str(path)]) == 0
    err = capsys.readouterr().err
    assert "NOTE: hidden rows or columns were read in 1 sheet" in err
    assert "[数据 data] row 3" in err
    assert "or give it a height" in err
    assert cli.main(["validate", "--no-shipped", str(path)]) == 0
    err = capsys.readouterr().err
    assert "注意：读取了 1 个工作表中的隐藏行或列" in err and "[数据 data] 第 3 行" in err
    ws.row_dimensions[3].hidden = False
    wb.save(path)
    assert hidden_lines(load_observations(path)) == []
    # a row dragged to no height (or under a point) is hidden too: it was read without a
    # word (openpyxl leaves out a height of 0, so the sheet's XML is written here)
    for height in ("0", "0.5"):
        low = tmp_path / "low.xlsx"
        _rewrite_sheet(path, low,
                       lambda xml, h=height: xml.replace(b'<row r="4"',
                                                         f'<row r="4" ht="{h}"'.encode()))  # fmt: skip
        assert hidden_lines(load_observations(low)) == [f"{low} [数据 data] row 4"]


def test_checks_come_in_file_and_row_order(tmp_path):
    """Checks came by indicator and kind of check, so a file's red rows were scattered
    through the list; a clerk correcting the files meets them file by file, row by row (the
    files in the order read)."""
    from langfang_metrics.observations import check_table

    first = tmp_path / "first.csv"
    first.write_text("indicator_id,region,year,value,unit\n"
                     "rd_spending,langfang,2024,65.5,亿元\n"
                     "rd_spending,langfang,2025,10.5,亿元\n"  # row 3: a steep fall
                     "high_tech_enterprises,langfang,2023,12.9,家\n",  # row 4: a scale slip
                     encoding="utf-8")  # fmt: skip
    second = tmp_path / "second.csv"
    second.write_text("indicator_id,region,year,value,unit\n"
                      "rd_spending_growth,langfang,2024,150,%\n",  # row 2: an extreme rate
                      encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, first, second]),
                         registry.load_indicators())  # fmt: skip
    assert list(zip(checks["check"], checks["indicator_id"], strict=True)) == [
        ("steep_fall", "rd_spending"), ("scale", "high_tech_enterprises"),
        ("extreme_rate", "rd_spending_growth")]  # fmt: skip
    assert [o.rsplit(" ", 2)[-2:] for o in checks["origin"]] == [["row", "3"], ["row", "4"],
                                                                 ["row", "2"]]  # fmt: skip
    # the files in the order read: the second file's row first when it is read first
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, second, first]),
                         registry.load_indicators())  # fmt: skip
    assert list(checks["check"]) == ["extreme_rate", "steep_fall", "scale"]
    # a frame that lost its attrs takes its files by name (first.csv before second.csv)
    bare = load_observations([config.OBSERVATIONS_FILE, second, first])
    bare.attrs = {}
    checks = check_table(bare, registry.load_indicators())
    assert list(checks["check"]) == ["steep_fall", "scale", "extreme_rate"]


def _rewrite_sheet(path, out, edit) -> None:
    """Copy the workbook at ``path`` to ``out`` with its first sheet's XML passed through
    ``edit`` (bytes -> bytes): openpyxl cannot write what a hostile or foreign file holds."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = edit(parts[sheet])
    with zipfile.ZipFile(out, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_rows_hidden_by_the_sheet_default_and_hidden_columns_are_said(tmp_path, capsys):
    """Two ways a sheet hides figures that were read without a word (the session-33 list of
    what was left): Excel's "hide every row below" (``zeroHeight``: a row without a height
    of its own is hidden) and a hidden (or zero-width) value or year column. Both are read
    like hidden rows, and said; a hidden column that says nothing of the figure (a note)
    is not named."""
    from langfang_metrics import cli
    from langfang_metrics.observations import hidden_lines

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据 data"
    ws.append(["指标代码", "region", "year", "数值", "note"])
    for row in (
        ["tech_smes", "langfang", 2023, 9500, "a"],
        ["tech_smes", "langfang", 2024, 9600, ""],
        ["high_tech_enterprises", "langfang", 2023, 1350, ""],
    ):
        ws.append(row)  # fmt: skip
    for r in (1, 2, 3):
        ws.row_dimensions[r].height = 15  # given a height: shown
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    assert hidden_lines(load_observations(path)) == []  # heights alone hide nothing

    def zero_height(xml: bytes) -> bytes:
        assert b"<sheetFormatPr " in xml
        return xml.replace(b"<sheetFormatPr ", b'<sheetFormatPr zeroHeight="1" ')

    default_hidden = tmp_path / "default_hidden.xlsx"
    _rewrite_sheet(path, default_hidden, zero_height)
    df = load_observations(default_hidden)
    assert len(df) == 3  # read, as before
    assert hidden_lines(df) == [f"{default_hidden} [数据 data] row 4"]

    # a row with a height, or switched visible, of its own is shown: LibreOffice writes the
    # rows it shows as ht="15" hidden="false" customHeight="false" (counting on customHeight
    # named every row of such a file hidden: the diff review)
    def libreoffice(xml: bytes) -> bytes:
        import re

        xml = re.sub(rb'<row r="(\d)"[^>]*>', rb'<row r="\1" ht="15" hidden="false" '
                     rb'customHeight="false">', zero_height(xml))  # fmt: skip
        return xml.replace(b'<row r="4" ht="15" hidden="false" customHeight="false">',
                           b'<row r="4" hidden="0">')  # fmt: skip

    shown = tmp_path / "libreoffice.xlsx"
    _rewrite_sheet(path, shown, libreoffice)
    with zipfile.ZipFile(shown) as z:
        assert b'hidden="false" customHeight="false"' in z.read("xl/worksheets/sheet1.xml")
    assert hidden_lines(load_observations(shown)) == []

    # a hidden value column, a zero-width year column and a hidden note column
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions["E"].hidden = True
    wb.save(path)

    def narrow_year(xml: bytes) -> bytes:
        assert b"<cols>" in xml
        return xml.replace(b"<cols>", b'<cols><col min="3" max="3" width="0" customWidth="1"/>')

    cols = tmp_path / "cols.xlsx"
    _rewrite_sheet(path, cols, narrow_year)
    df = load_observations(cols)
    assert len(df) == 3
    assert hidden_lines(df) == [f"{cols} [数据 data] columns C (year), D (数值)"]
    assert hidden_lines(df, "zh") == [f"{cols} [数据 data] 第 C 列（year），第 D 列（数值）"]
    # a header with brackets of its own is quoted whole (it printed "第 D 列（value (firms）")
    wb = openpyxl.load_workbook(path)
    wb.active["D1"] = "数值 (家)"
    wb.save(path)
    brackets = tmp_path / "brackets.xlsx"
    _rewrite_sheet(path, brackets, narrow_year)
    assert hidden_lines(load_observations(brackets), "zh") == [
        f"{brackets} [数据 data] 第 C 列（year），第 D 列（数值 (家)）"
    ]
    assert cli.main(["validate", "--no-shipped", "--lang", "en", str(cols)]) == 0
    err = capsys.readouterr().err
    assert "NOTE: hidden rows or columns were read in 1 sheet" in err
    assert "columns C (year), D (数值)" in err and "give it a height or width" in err
    # a problem in a hidden column says it is hidden: the clerk looked for it in vain (the
    # e2e review: "但单位列为'家'" with the unit column hidden)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标代码", "region", "year", "数值", "单位"])
    ws.append(["tech_smes", "langfang", 2023, "0.92万家", "家"])
    ws.column_dimensions["E"].hidden = True
    wb.save(tmp_path / "unit.xlsx")
    with pytest.raises(DataValidationError) as err:
        load_observations(tmp_path / "unit.xlsx")
    (problem,) = err.value.problems
    assert problem.message.endswith("(column E, '单位', is hidden in the sheet: unhide it)")
    assert problem.message_zh.endswith("（第 E 列“单位”在工作表中被隐藏，请先取消隐藏）")
    # rows and columns hidden on one sheet: one line
    both = tmp_path / "both.xlsx"
    _rewrite_sheet(cols, both, zero_height)
    assert hidden_lines(load_observations(both)) == [
        f"{both} [数据 data] row 4; columns C (year), D (数值)"
    ]


def test_a_struck_through_or_unshown_figure_is_refused(tmp_path):
    """A row struck through (删除线: withdrawn?) and a figure under the number format ;;;
    (an empty cell to the clerk) were read as figures without a word (the hostile-input
    review); which was meant cannot be told. Only the cells that say what the figure is
    count: a struck-out note is an edit of the words (it refused a whole file as "a figure
    withdrawn?": the diff review). Accounting's "-" for 0 is refused too: a statistical
    table writes "-" for "no figure", and a 0 so shown became a path's starting value
    without a word (the statistician's review)."""
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value", "note"])
    for row in (["tech_smes", "langfang", 2023, 9500, "old remark"],
                ["tech_smes", "langfang", 2024, 9600, ""],
                ["high_tech_enterprises", "langfang", 2023, 1350, ""],
                ["tech_commissioners", "langfang", 2023, 0, ""],
                ["innovation_clinics", "langfang", 2023, 0, ""]):  # fmt: skip
        ws.append(row)
    ws["E2"].font = Font(strike=True)  # a struck note: the row counts
    for cell in ws[3]:
        cell.font = Font(strike=True)
    ws["D4"].number_format = ";;;"
    ws["D5"].number_format = '#,##0;-#,##0;"-"'
    ws["D6"].number_format = "0;-0;;@"  # zeros hidden
    path = tmp_path / "struck.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    problems = err.value.problems
    assert [(p.row, p.column) for p in problems] == [(3, "indicator_id"), (4, "value"),
                                                      (5, "value"), (6, "value")]  # fmt: skip
    assert "cell A3 ('tech_smes') is struck through: the row withdrawn?" in problems[0].message
    assert "单元格 A3（“tech_smes”）带删除线：该行已撤回？" in problems[0].message_zh
    assert ("cell D4 holds '1350', but its number format ';;;' shows nothing for it in "
            "Excel") in problems[1].message  # fmt: skip
    assert "其数字格式“;;;”在 Excel 中对该值不显示任何内容" in problems[1].message_zh
    assert "shows it as '-', which a statistical table writes for \"no figure\"" in (
        problems[2].message
    )
    assert "而统计表中“-”表示没有数字" in problems[2].message_zh
    assert "number format '0;-0;;@'" in problems[3].message
    # the strikethrough and the formats cleared, the rows are read
    for cell in ws[3]:
        cell.font = Font(strike=False)
    ws["D4"].number_format = ws["D5"].number_format = ws["D6"].number_format = "General"
    wb.save(path)
    assert len(load_observations(path)) == 5


def test_a_cell_with_part_of_its_text_struck_through_is_refused(tmp_path):
    """ "6" struck through and "8" typed after it (a clerk's correction in place) loaded as 68
    consortia against a target of 10, achieved, without a word: the struck run is rich text
    in the shared strings, the cell's own font is not struck (the hostile-input review)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value", "note"])
    ws.append(["innovation_consortia", "langfang", 2023, "", ""])
    ws.append(["tech_smes", "langfang", 2023, "9500", ""])
    ws.append(["innovation_clinics", "langfang", 2023, 12, ""])
    ws["D2"] = CellRichText(TextBlock(InlineFont(strike=True), "6"), TextBlock(InlineFont(), "8"))
    ws["E4"] = CellRichText(TextBlock(InlineFont(strike=True), "old"), " remark")  # a note
    path = tmp_path / "rich.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (2, "value")
    assert "cell D2 ('68') has part of its text struck through" in problem.message
    assert "单元格 D2（“68”）中有一部分文字带删除线" in problem.message_zh
    # Excel keeps the text in the shared strings: the same cell written so is refused too
    shared = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(shared, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b'<c r="D2" t="inlineStr">')
                end = data.index(b"</c>", start) + 4
                data = data[:start] + b'<c r="D2" t="s"><v>0</v></c>' + data[end:]
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    (
                        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
                    ),
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    (
                        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/sharedStrings" '
                        b'Target="sharedStrings.xml"/></Relationships>'
                    ),
                )
            dst.writestr(item, data)
        dst.writestr(
            "xl/sharedStrings.xml",
            (
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                'uniqueCount="1"><si><r><rPr><strike/></rPr><t>6</t></r><r><t>8</t></r></si></sst>'
            ),
        )
    with pytest.raises(DataValidationError) as err:
        load_observations(shared)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "value")]
    # a sheet whose rows and cells carry no "r" (it is optional): placed by counting, as
    # openpyxl reads them (matched by "r" alone, the 68 loaded again: the diff review)
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<(row|c) r="[A-Z]*\d+"', rb"<\1", data)
                assert b' r="D2"' not in data and b"<c t=" in data
            dst.writestr(item, data)
    with pytest.raises(DataValidationError) as err:
        load_observations(bare)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "value")]
    ws["D2"] = CellRichText(TextBlock(InlineFont(), "8"))  # the struck part deleted
    wb.save(path)
    assert len(load_observations(path)) == 3
    # only the struck cell: the same word unstruck in other rows is read (one struck status
    # word had refused every row saying it: the diff review), and a struck run on another
    # sheet is that sheet's
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value", "status"])
    for year in (2021, 2022, 2023):
        ws.append(["tech_smes", "langfang", year, 9000 + year, "正式数"])
    ws["E4"] = CellRichText(TextBlock(InlineFont(strike=True), "正式数"))  # all of it struck
    other = wb.create_sheet("说明")
    other["A1"] = CellRichText(TextBlock(InlineFont(strike=True), "正式数"), "（旧）")
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (4, "status")
    assert "cell E4 ('正式数') is struck through" in problem.message


@pytest.mark.parametrize(
    ("fmt", "dash"),
    [('_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', True),  # Excel's comma style, en-US
     ('_ * #,##0_ ;_ * -#,##0_ ;_ * "-"??_ ;_ @_ ', True),  # Excel's comma style, zh-CN
     # with a currency sign ("¥ -", "$ -"): 会计专用, and Excel's built-ins 42 and 44 as
     # openpyxl gives them (44 without its semicolons; they loaded as 0: the diff review)
     ('_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', True),
     (BUILTIN_FORMATS[42], True), (BUILTIN_FORMATS[44], True),
     ('[Red]0;-0;"—"', True),
     ('#,##0;-#,##0;"0"', False), ("#,##0;-#,##0", False), ('0;-0;"无"', False)],
)  # fmt: skip
def test_shows_dash_reads_the_zero_section_of_a_format(fmt, dash):
    from langfang_metrics._readers import shows_dash

    assert shows_dash(fmt) is dash


def test_a_zero_under_excels_currency_accounting_format_is_refused(tmp_path):
    """Excel's built-in 44 shows 0 as "$ -"; openpyxl reads it without its semicolons, and
    the 0 loaded as a figure (the diff review)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value"])
    ws.append(["tech_commissioners", "langfang", 2023, 0])
    ws["D2"].number_format = BUILTIN_FORMATS[44]
    path = tmp_path / "money.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert problem.row == 2 and "shows it as '-'" in problem.message


def test_a_zero_on_a_sheet_that_hides_zeros_is_refused_and_a_bad_style_is_not(tmp_path):
    """A 0 on a sheet set not to show zeros loaded while the clerk saw an empty cell; a
    style table whose font number runs past its end (written by some tools) refused the
    whole workbook as damaged once fonts were read for the strikethrough (the diff
    review)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "region", "year", "value"])
    ws.append(["tech_smes", "langfang", 2023, 9500])
    ws.append(["tech_commissioners", "langfang", 2023, 0])
    ws.sheet_view.showZeros = False
    path = tmp_path / "zeros.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert problem.row == 3 and "the sheet is set not to show zeros" in problem.message
    assert "工作表设置为不显示零值" in problem.message_zh
    # a cell style whose font is not in the style table: read as plain
    ws.sheet_view.showZeros = True
    ws["D2"].number_format = "0"  # a style of its own, so the cell has one to break
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts["xl/styles.xml"].decode()
    xfs = styles[styles.index("<cellXfs") :]
    broken = xfs.replace('fontId="0"', 'fontId="7"')
    parts["xl/styles.xml"] = (styles[: styles.index("<cellXfs")] + broken).encode()
    bad = tmp_path / "bad_style.xlsx"
    with zipfile.ZipFile(bad, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert sorted(load_observations(bad)["value"]) == [0.0, 9500.0]


def test_a_figure_beyond_any_statistic_is_refused(tmp_path):
    """9.3e24 firms loaded with a CHECK only, and the landing page printed
    "9,299,999,999,999,999,790,284,800家" as achieved (found by the clerk review)."""
    path = tmp_path / "huge.csv"
    path.write_text("indicator_id,year,value\ntech_smes,2023,9300000000000000000000000\n"
                    "tech_smes,2024,9900\nrd_spending,2023,1e15\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    rows = sorted(p.row for p in err.value.problems)
    assert rows == [2, 4]
    assert "beyond any figure of tech_smes" in str(err.value)


def test_a_part_year_figure_counted_as_the_years_is_named(tmp_path):
    """A half-year count (source "2023年上半年经济运行", note "截至2023年6月底") marked final
    read "2023 target missed" with no word: 1,100 after 1,258 is no fall to a third."""
    header = "indicator_id,region,year,value,status,source,note"
    for source, note in (("2023年上半年经济运行", ""), ("统计局", "截至2023年6月底"),
                         ("1-9月统计月报", ""), ("统计局", "2023年6月末数"), ("Q3 bulletin", ""),
                         ("H1 report", ""), ("统计局", "first half of 2023"), ("2023Q3", ""),
                         ("3Q23 bulletin", ""), ("统计局", "前10个月"), ("统计局", "截至六月底"),
                         ("2023年第一季度", ""), ("2023年第3季度统计", "")):  # fmt: skip
        found = _checks_with(tmp_path, f"high_tech_enterprises,langfang,2023,1100,final,"
                             f"{source},{note}\n", header=header)  # fmt: skip
        row = found[found["check"] == "part_year_note"]
        assert list(row["years"]) == ["2023"], (source, note, found)
        assert "part-year" in row["message"].iloc[0]
    # an estimate that says only the months, not that it was worked out for the year, is named
    found = _checks_with(tmp_path, "high_tech_enterprises,langfang,2023,1100,estimate,统计局,"
                         "截至2023年6月底\n", header=header)  # fmt: skip
    assert list(found.loc[found["check"] == "part_year_note", "years"]) == ["2023"]
    # the whole year, a part-year status, a confirmed figure or a denial name nothing
    for status, source, note in (("final", "2023年统计公报", "截至12月底"),
                                 ("final", "1-12月统计月报", ""),
                                 ("final", "统计局", "2023年12月末数"),
                                 ("part-year", "2023年上半年经济运行", ""),
                                 ("final", "2023年上半年经济运行", "全年数，经核实无误"),
                                 ("final", "统计局", "非上半年数"),
                                 ("final", "统计局", "不是上半年数"),
                                 ("final", "统计局", "前12个月累计认定"),
                                 ("final", "统计局", "每一季度更新一次"),
                                 ("final", "2023年统计公报（2024年3月底发布）", ""),
                                 ("final", "统计局", "截至2023年底1350家，比6月底增加120家"),
                                 ("final", "2023年四季度统计", ""),
                                 ("final", "统计局", "比2012H1的60家多"),
                                 ("final", "统计局", "2012年上半年为60家"),
                                 ("final", "2023年第4季度统计", ""),
                                 ("final", "统计局", "全年新增4家，其中一季度新增1家"),
                                 # a year-end estimate worked out from the months so far
                                 # (the e2e review)
                                 ("estimate", "市科技局", "截至11月认定公示数推算"),
                                 ("estimate", "统计局", "based on Q3 and projected to year end")):  # fmt: skip
        found = _checks_with(tmp_path, f"high_tech_enterprises,langfang,2023,1350,{status},"
                             f"{source},{note}\n", header=header)  # fmt: skip
        assert "part_year_note" not in set(found["check"]), (status, source, note, found)


def test_a_running_total_dated_before_it_starts_counting_is_named(tmp_path):
    """'Specialised SMEs added since end-2020' took 2018 = 120 and 2019 = 160 into its
    series without a word; a stock's earlier history is history, not a slip."""
    found = _checks_with(tmp_path, "specialised_smes_new,langfang,2018,120\n"
                         "specialised_smes_new,langfang,2022,160\n"
                         "high_tech_enterprises,langfang,2019,800\n")  # fmt: skip
    named = found[found["check"] == "before_count"]
    assert list(zip(named["indicator_id"], named["years"], strict=True)) == [
        ("specialised_smes_new", "2018")
    ]
    assert "2020" in named["message"].iloc[0]


def test_a_growth_rate_typed_for_the_amount_is_told_where_it_goes(tmp_path):
    """ "rd_spending, 2023, 8.5 %" was told to add a unit column; the registry links
    rd_spending_growth to rd_spending (rate_of), so the message says where a growth goes."""
    path = tmp_path / "g.csv"
    path.write_text("indicator_id,year,value,unit\nrd_spending,2023,8.5,%\n"
                    "high_tech_enterprises,2023,8.5,%\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    rd, firms = err.value.problems
    assert "a growth rate goes under rd_spending_growth" in rd.message
    assert "增速请填在“全社会研发经费投入增速”（rd_spending_growth）下" in rd.message_zh
    assert "growth" not in firms.message  # no growth indicator of its own: no such advice


def test_two_revisions_of_one_figure_are_told_how_to_settle_it(tmp_path):
    """A second revision (1,301 after 1,296, both 修订数) was told to "mark the correction
    修订", which both already were (the statistician's review): two revisions are told to
    date each (the earlier is kept as a vintage) or name the later one's file with --prefer,
    never to delete the earlier."""
    b, c = tmp_path / "r2024.csv", tmp_path / "r2025.csv"
    for path, value in ((b, 1296), (c, 1301)):
        path.write_text("indicator_id,region,year,value,status\n"
                        f"high_tech_enterprises,langfang,2023,{value},revised\n",
                        encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations([b, c])
    (problem,) = err.value.problems
    assert "Both are revised figures: a later revision replaces an earlier one" in problem.message
    assert "mark the correction" not in problem.message and "delete" not in problem.message
    assert "give each its publication date (published, 发布日期" in problem.message
    assert "两者都是修订数" in problem.message_zh and "--prefer" in problem.message_zh
    assert "删" not in problem.message_zh and "请为每个数字填写发布日期" in problem.message_zh
    assert load_observations([b, c], prefer=[c])["value"].tolist() == [1301.0]
    # two final figures keep the advice to mark the correction revised
    for path, value in ((b, 1296), (c, 1301)):
        path.write_text(
            "indicator_id,region,year,value,status\n"
            f"high_tech_enterprises,langfang,2023,{value},final\n",
            encoding="utf-8",
        )
    with pytest.raises(DataValidationError) as err:
        load_observations([b, c])
    assert "mark the correction 修订 revised" in err.value.problems[0].message


def test_a_publication_date_is_read_at_its_precision_and_a_bad_one_is_refused(tmp_path):
    """The optional 发布日期 / published column dates when a figure came out (the real-time
    vintages read it); a date that cannot be read, or before the figure's own year, gets
    the file, row and column, not a guess."""
    path = tmp_path / "obs.csv"
    path.write_text(
        "指标代码,年份,数值,状态,发布日期\n"
        "high_tech_enterprises,2021,1050,初步数,2022年2月1日\n"
        "high_tech_enterprises,2021,1100,修订数,2023/3\n"
        "high_tech_enterprises,2022,1200,正式数,20230210\n"
        "high_tech_enterprises,2020,905,正式数,\n",
        encoding="utf-8",
    )
    df = load_observations(path)
    got = dict(zip(zip(df["year"], df["status"], strict=True), df["published"], strict=True))
    assert got == {(2021, "preliminary"): "2022-02-01", (2021, "revised"): "2023-03",
                   (2022, "final"): "2023-02-10", (2020, "final"): ""}  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator_id,year,value,published\n"
        "high_tech_enterprises,2021,1050,2022-02-30\n"
        "high_tech_enterprises,2022,1200,2021-12-01\n"
        "high_tech_enterprises,2023,1300,soon\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as info:
        load_observations(bad)
    text = str(info.value)
    assert (
        "bad.csv, row 2, column 'published': publication date '2022-02-30' cannot be read" in text
    )
    assert "2022-02 has no day 30" in text
    assert "row 3, column 'published': publication date 2021-12-01 comes before the figure" in text
    assert "row 4, column 'published': publication date 'soon' cannot be read (not a date)" in text
    zh = "\n".join(p.message_zh for p in info.value.problems)
    assert "发布日期“2022-02-30”无法识别（2022年2月没有30日）" in zh and "早于数据年份 2022" in zh


def test_a_publication_date_after_today_is_refused(tmp_path, monkeypatch):
    """A figure cannot have come out yet: 2032-02-10 typed for 2023-02-10 made a vintage
    wait for it, silently. Today's month or year (its first day not after today) passes."""
    from langfang_metrics import observations

    monkeypatch.setattr(observations, "_today", lambda: "2024-03-15")
    path = tmp_path / "obs.csv"
    path.write_text(
        "indicator_id,year,value,published\n"
        "high_tech_enterprises,2022,1200,2032-02-10\n"
        "high_tech_enterprises,2023,1300,2024-03-16\n"
        "high_tech_enterprises,2021,1100,2024-04\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as info:
        load_observations(path)
    text = str(info.value)
    assert (
        "row 2, column 'published': publication date 2032-02-10 is after today (2024-03-15)" in text
    )
    assert "row 3, column 'published'" in text and "row 4, column 'published'" in text
    assert "晚于今天（2024-03-15）" in "\n".join(p.message_zh for p in info.value.problems)
    path.write_text(
        "indicator_id,year,value,published\n"
        "high_tech_enterprises,2022,1200,2024-03-15\n"
        "high_tech_enterprises,2023,1300,2024-03\n"
        "high_tech_enterprises,2021,1100,2024\n",
        encoding="utf-8",
    )
    got = load_observations(path).set_index("year")["published"].to_dict()
    assert got == {2022: "2024-03-15", 2023: "2024-03", 2021: "2024"}


def test_a_publication_date_header_is_read_in_its_usual_forms_but_not_a_publisher():
    """数据发布日期 and 发布年份 were extra columns, their dates dropped in silence; "published
    by" (the publisher) was taken for the date column and every row refused (the
    hostile-input review)."""
    from langfang_metrics.observations import canonical_column

    for header in ("数据发布日期", "发布年份", "发布年月", "发布日期 published",
                   "发布日期 (YYYY-MM-DD)", "Published", "数据公布日期", "首次公布日期",
                   "发布年度", "Publication date", "publish date"):  # fmt: skip
        assert canonical_column(header) == "published", header
    for header in ("published by", "Published By", "发布日期 发布单位", "发布单位", "Publisher",
                   "Publication date (published by)"):  # fmt: skip
        assert canonical_column(header) is None, header


def test_a_year_typed_into_a_date_cell_of_published_says_so(tmp_path):
    """2024 typed into a date-formatted 发布日期 cell arrives as 1905-07-16, and the clerk
    read of a date they never wrote (the hostile-input review); the year column says it."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["indicator_id", "year", "value", "published"])
    wb.active.append(["tech_smes", 2023, 9000, 2024])
    wb.active["D2"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(DataValidationError) as info:
        load_observations(tmp_path / "p.xlsx")
    (problem,) = info.value.problems
    assert (
        "2024 typed into a cell formatted as a date? Format it as 常规 General" in problem.message
    )
    assert "是否在日期格式的单元格中输入了 2024？" in problem.message_zh


def test_publication_dates_refuse_junk_keep_the_earliest_copy_and_read_an_excel_month(tmp_path):
    """The diff review: "2023年2年" was read; of two copies of one figure the date depended
    on which came first; a cell typed 2023年2月 in Excel (a date shown as a month) loaded as
    the 1st of February, not as February."""
    from langfang_metrics.observations import published_date

    for junk in ("2023年2年", "2023-02年", "2023年2月10日年", "2023-2/10"):
        with pytest.raises(ValueError, match="not a date"):
            published_date(junk)
    a = tmp_path / "a.csv"
    a.write_text("indicator_id,year,value,source,published\n"
                 "high_tech_enterprises,2021,1050,A,\n"
                 "high_tech_enterprises,2021,1050,B,2022-03\n", encoding="utf-8")  # fmt: skip
    b = tmp_path / "b.csv"
    b.write_text("indicator_id,year,value,source,published\n"
                 "high_tech_enterprises,2021,1050,C,2022-02-01\n", encoding="utf-8")  # fmt: skip
    assert load_observations(a)["published"].tolist() == ["2022-03"]
    assert load_observations([a, b])["published"].tolist() == ["2022-02-01"]
    assert load_observations([b, a])["published"].tolist() == ["2022-02-01"]
    x = tmp_path / "month.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator_id", "year", "value", "published"])
    ws.append(["high_tech_enterprises", 2021, 1050, datetime.date(2022, 2, 1)])
    ws.append(["high_tech_enterprises", 2022, 1200, datetime.date(2023, 2, 10)])
    ws["D2"].number_format = 'yyyy"年"m"月"'
    ws["D3"].number_format = "yyyy-mm-dd"
    wb.save(x)
    got = load_observations(x).set_index("year")["published"]
    assert got[2021] == "2022-02" and got[2022] == "2023-02-10"


def test_a_level_whose_change_disagrees_with_the_growth_reported_for_its_year_is_a_check(
    tmp_path,
):
    """95.4 亿元 typed for 59.4 after 54.03 (+77 %) sat under every other check (under three
    times the figure before) while the city reported +10 % for the year; the level is named.
    A rate within RATE_TOLERANCE points, a bound met on its side, an estimate made before the
    year closed and a level confirmed in its note are not."""
    from langfang_metrics.observations import RATE_TOLERANCE, check_table

    def checks(rows: str):
        path = tmp_path / "r.csv"
        path.write_text("indicator_id,region,year,value,status,quote,note\n" + rows,
                        encoding="utf-8")  # fmt: skip
        found = check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                            registry.load_indicators())  # fmt: skip
        return found[found["check"] == "rate_mismatch"]

    slip = checks("rd_spending,langfang,2022,95.4,final,,\n"
                  "rd_spending_growth,langfang,2022,10,final,,\n")  # fmt: skip
    assert list(zip(slip["indicator_id"], slip["years"], slip["value"], strict=True)) == [
        ("rd_spending", "2022", 95.4)]  # fmt: skip
    assert "+76.6 % on 54.03 in 2021, but the growth reported for 2022" in slip["message"].iloc[0]
    assert "r.csv row 3) is 10 %" in slip["message"].iloc[0]
    assert "而同年报告的增速为10%（全社会研发经费投入增速" in slip["detail_zh"].iloc[0]
    # the rate's file in the English line only: the Chinese one goes to a department's request
    assert "r.csv" not in slip["detail_zh"].iloc[0]
    # the same slip against a floor the level clears, within the tolerance, or confirmed
    close = 54.03 * (1 + (10 - RATE_TOLERANCE + 0.5) / 100)
    assert checks(f"rd_spending,langfang,2022,{close:.2f},final,,\n"
                  "rd_spending_growth,langfang,2022,10,final,,\n").empty  # fmt: skip
    # (2023: the shipped 2022 rate is an estimate, "预计增长10%以上")
    assert checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,66,final,,\n"
                  "rd_spending_growth,langfang,2023,10,lower-bound,增长10%以上,\n").empty  # fmt: skip
    assert checks("rd_spending,langfang,2022,95.4,final,,经核实无误\n"
                  "rd_spending_growth,langfang,2022,10,final,,\n").empty  # fmt: skip
    # a floor the level falls short of is named; an estimate of the year ("预计") is not
    short = checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,61,final,,\n"
                   "rd_spending_growth,langfang,2023,10,lower-bound,增长10%以上,\n")  # fmt: skip
    assert list(short["years"]) == ["2023"]
    assert "is at least 10 %" in short["message"].iloc[0]
    assert "增速为10%以上" in short["detail_zh"].iloc[0]
    assert checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,61,final,,\n"
                  "rd_spending_growth,langfang,2023,10,lower-bound,预计增长10%以上,\n").empty  # fmt: skip
    # an estimate of the rate does not hide a plain bound of it; an estimated level is not
    # yet the year's figure; a rate named as beyond belief is not blamed on the level too
    # (the diff review)
    hidden = checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,61,final,,\n"
                    "rd_spending_growth,langfang,2023,10,estimate,,\n"
                    "rd_spending_growth,langfang,2023,10,lower-bound,增长10%以上,\n")  # fmt: skip
    assert (
        list(hidden["years"]) == ["2023"]
        and "比2022年的59.4亿元变化+2.7%" in (hidden["detail_zh"].iloc[0])
    )
    assert checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,70,estimate,,\n"
                  "rd_spending_growth,langfang,2023,10,final,,\n").empty  # fmt: skip
    assert checks("rd_spending,langfang,2022,59.4,final,,\nrd_spending,langfang,2023,65,final,,\n"
                  "rd_spending_growth,langfang,2023,100,final,,\n").empty  # fmt: skip
    # the level after a named one is read against the last level not named, compounded by
    # the growth reported between: 101 after a slipped 95.4 read +5.9 % against 6 % and
    # "on track, hold the level" rested on it (54.03 grown by 10 % and 6 % is 63: the
    # end-to-end review)
    chain = checks("rd_spending,langfang,2022,95.4,final,,\nrd_spending,langfang,2023,101,final,,\n"
                   "rd_spending_growth,langfang,2022,10,final,,\n"
                   "rd_spending_growth,langfang,2023,6,final,,\n")  # fmt: skip
    assert list(chain["years"]) == ["2022", "2023"]
    assert (
        "is +36.7 % a year on 54.03 in 2021 (the figures between are to verify), but the "
        "growth reported for 2022-2023 (rd_spending_growth) averages +8.0 % a year"
        in (chain["message"].iloc[1])
    )
    assert "比2021年的54.03亿元年均变化+36.7%（其间的数字待核实）" in chain["detail_zh"].iloc[1]
    # a level that agrees with the chain is not named: 63.0 after the slipped 95.4
    fine = checks("rd_spending,langfang,2022,95.4,final,,\nrd_spending,langfang,2023,63,final,,\n"
                  "rd_spending_growth,langfang,2022,10,final,,\n"
                  "rd_spending_growth,langfang,2023,6,final,,\n")  # fmt: skip
    assert list(fine["years"]) == ["2022"]
    # another region's figures are read the same way
    hebei = checks("rd_spending_growth,hebei,2024,16,final,,\n")
    assert list(hebei["years"]) == ["2024"] and "967.8" in hebei["message"].iloc[0]


def test_a_growth_rate_that_halves_or_doubles_its_amount_is_a_check(tmp_path):
    """-100 % (a fall to nothing) and GDP's 3,553.1 亿元 typed as its growth loaded without a
    word, since growth rates were left out of every check; usual rates are not named."""
    from langfang_metrics.observations import EXTREME_RATES, check_table

    low, high = EXTREME_RATES
    path = tmp_path / "g.csv"
    path.write_text("indicator_id,region,year,value\n"
                    "gdp_growth,langfang,2022,-100\ngdp_growth,langfang,2024,3553.1\n"
                    f"high_tech_va_growth,langfang,2023,{low + 1}\n"
                    f"high_tech_va_growth,langfang,2024,{high - 1}\n"
                    f"high_tech_va_growth,hebei,2024,{low}\n", encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                         registry.load_indicators())  # fmt: skip
    found = checks[checks["check"] == "extreme_rate"]
    assert list(zip(found["indicator_id"], found["region"], found["years"], strict=True)) == [
        ("gdp_growth", "langfang", "2022"), ("gdp_growth", "langfang", "2024"),
        ("high_tech_va_growth", "hebei", "2024")]  # fmt: skip
    assert "= -100 %: a growth that takes it to nothing in one year" in found["message"].iloc[0]
    assert "即数量降为零" in found["detail_zh"].iloc[0]
    assert "at least doubles it" in found["message"].iloc[1]
    assert "at least halves it" in found["message"].iloc[2]
    assert "即数量增长一倍以上" in found["detail_zh"].iloc[1]


def test_a_final_figure_dated_before_the_figure_it_replaces_is_a_check(tmp_path):
    """A final 1,262 dated 2023-02 beside its preliminary 1,258 of 2023-05 loaded without a
    word, and a vintage read in March took the final figure before the preliminary one was
    out (the hostile-input review). The later figure is named; its value is not put in
    doubt ("to verify" marks figures, not dates)."""
    from langfang_metrics.observations import check_table, figures_to_verify

    path = tmp_path / "d.csv"
    path.write_text("indicator_id,region,year,value,status,published\n"
                    "high_tech_enterprises,langfang,2023,1258,preliminary,2024-05\n"
                    "high_tech_enterprises,langfang,2023,1262,final,2024-02-10\n"
                    "tech_smes,langfang,2023,9300,preliminary,2024-02\n"
                    "tech_smes,langfang,2023,9310,final,2024-02\n"  # same month: can be
                    "tech_smes,langfang,2024,9400,final,2025-03\n"
                    "tech_smes,langfang,2024,9410,revised,2026\n", encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                         registry.load_indicators())  # fmt: skip
    found = checks[checks["check"] == "published_order"]
    assert list(zip(found["indicator_id"], found["years"], found["value"], strict=True)) == [
        ("high_tech_enterprises", "2023", 1262.0)]  # fmt: skip
    assert ("the final figure 1262 家 is dated 2024-02-10, before the preliminary figure "
            "1258 (2024-05) it replaces") in found["message"].iloc[0]  # fmt: skip
    detail = found["detail_zh"].iloc[0]
    assert "正式数1262家的发布日期为2024-02-10，早于其所替代的初步数1258家（2024-05）" in detail
    assert ("high_tech_enterprises", 2023) not in figures_to_verify(checks)
    # nor is it listed where departments are asked to confirm or correct figures (the page,
    # the brief, the workbook): it was counted among figures that "may be wrong (unit,
    # decimal point or definition)" (the end-to-end review); validate and run list it
    from langfang_metrics import views

    dated = checks[checks["check"] == "published_order"]
    assert views.checks_for_people(dated, registry.load_indicators()).empty
    assert views.checks_warning(dated, "landing") == ""


def test_a_figure_on_the_wrong_side_of_a_bound_of_its_year_is_a_check(tmp_path):
    """A counted 950 beside "1000余人" of the same year, or 2.1 % beside "below 2.00 %",
    loaded without a word, though one of the two is wrong and the figure counts (the final
    evaluation's review). The counted figure is named, with the bound's place; a figure on
    the right side of its bound, or equal to it, and a bound of another year are not."""
    from langfang_metrics.observations import check_table, figures_to_verify

    path = tmp_path / "d.csv"
    path.write_text("indicator_id,region,year,value,status\n"
                    "tech_commissioners,langfang,2025,950,final\n"
                    "tech_commissioners,langfang,2025,1000,lower-bound\n"
                    "rd_intensity,langfang,2024,2.1,preliminary\n"
                    "rd_intensity,langfang,2024,2.0,upper-bound\n"
                    "tech_smes,langfang,2024,9500,final\n"
                    "tech_smes,langfang,2024,9500,lower-bound\n"  # equal: no conflict
                    "tech_smes,langfang,2025,9000,lower-bound\n"  # no figure of 2025
                    "high_tech_enterprises,langfang,2024,1400,final\n"
                    "high_tech_enterprises,langfang,2024,1500,upper-bound\n",
                    encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, path])
    checks = check_table(obs, registry.load_indicators())
    found = checks[checks["check"] == "bound_conflict"]
    assert sorted(zip(found["indicator_id"], found["years"], found["value"], strict=True)) == [
        ("rd_intensity", "2024", 2.1), ("tech_commissioners", "2025", 950.0)]  # fmt: skip
    said = found.set_index("indicator_id")
    assert ("2025: the figure counted, 950 人, is below the lower bound 1000 given for the "
            "same year (") in said.loc["tech_commissioners", "message"]  # fmt: skip
    assert said.loc["tech_commissioners", "message"].split(": ")[0].endswith("d.csv row 2")
    assert "d.csv row 3); one of the two is wrong" in said.loc["tech_commissioners", "message"]
    assert said.loc["tech_commissioners", "origin"].endswith("d.csv row 2")
    zh = said.loc["rd_intensity", "detail_zh"]
    assert (
        zh.startswith("计入的数字2.1%高于同年给出的上限2%（")
        and "d.csv 第5行）：两者必有一误" in zh
    )
    # the counted figure is the one marked "to verify" and asked for again
    assert figures_to_verify(checks)[("tech_commissioners", 2025)] == "bound_conflict"
    # two bounds of a year that exclude each other are named; a bound that is an estimate
    # made before the year closed ("预计增长10%以上", shipped for 2022) is no bound on the
    # final figure (the diff review: a final 9 % was told one of the two was wrong)
    path.write_text("indicator_id,region,year,value,status\n"
                    "tech_commissioners,langfang,2025,1050,lower-bound\n"
                    "tech_commissioners,langfang,2025,950,upper-bound\n"
                    "rd_spending_growth,langfang,2022,9.0,final\n", encoding="utf-8")  # fmt: skip
    checks = check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                         registry.load_indicators())  # fmt: skip
    found = checks[checks["check"] == "bound_conflict"]
    assert list(zip(found["indicator_id"], found["years"], strict=True)) == [
        ("tech_commissioners", "2025")]  # fmt: skip
    assert pd.isna(found["value"].iloc[0])
    assert "the lower bound 1050 人 is above the upper bound 950 人" in found["message"].iloc[0]
    assert "下限1050人高于同年给出的上限950人" in found["detail_zh"].iloc[0]
    # a frame built by hand may repeat index labels: the bounds are taken by position
    from langfang_metrics.observations import _crossed_bounds

    twice = pd.DataFrame({"indicator_id": "x", "region": "langfang", "year": 2025,
                          "value": [1050.0, 1100.0, 950.0], "unit": "人",
                          "status": ["lower-bound", "lower-bound", "upper-bound"]},
                         index=[0, 0, 1])  # fmt: skip
    (row,) = _crossed_bounds(twice, lambda r: "")
    assert "the lower bound 1100 人 is above the upper bound 950 人" in row["message"]


def test_a_growth_rate_written_as_a_fraction_of_its_levels_change_is_named(tmp_path):
    """0.101 typed for 10.1 % beside levels of 65.2 and 71.8 亿元 was "one of the three
    figures is wrong", the level named (the statistician's review): the rate is named as a
    fraction, with the percent it stands for. A small rate that does not match (0.5 against
    +10.1 %) keeps the generic check on the level."""
    from langfang_metrics.observations import check_table, figures_to_verify

    def checks(rate: str):
        path = tmp_path / "f.csv"
        path.write_text("indicator_id,region,year,value,status\n"
                        "rd_spending,langfang,2023,65.2,final\n"
                        "rd_spending,langfang,2024,71.8,final\n"
                        f"rd_spending_growth,langfang,2024,{rate},final\n", encoding="utf-8")  # fmt: skip
        return check_table(load_observations([config.OBSERVATIONS_FILE, path]),
                           registry.load_indicators())  # fmt: skip

    found = checks("0.101")
    named = found[found["indicator_id"].isin(["rd_spending", "rd_spending_growth"])
                  & found["years"].eq("2024")]  # fmt: skip
    assert list(zip(named["indicator_id"], named["check"], strict=True)) == [
        ("rd_spending_growth", "fraction")]  # fmt: skip
    assert "written as a fraction: write 10.1 (the growth in percent)" in named["message"].iloc[0]
    assert "写成了小数：应为 10.1" in named["detail_zh"].iloc[0]
    assert ("rd_spending_growth", 2024) in figures_to_verify(found)
    other = checks("0.5")
    other = other[other["years"].eq("2024")]
    assert list(zip(other["indicator_id"], other["check"], strict=True)) == [
        ("rd_spending", "rate_mismatch")]  # fmt: skip


def test_a_fraction_is_offered_as_a_percentage_only_when_that_reads_near_the_plan(tmp_path):
    """0.4 for a 5 % share read "0.4 应为 40%?", eight times the target (the statistician's
    review): the hundredfold is offered only within FRACTION_NEAR times the plan's figure;
    past it the message asks to check the digits."""
    from langfang_metrics.observations import FRACTION_NEAR

    assert FRACTION_NEAR == 3.0
    path = tmp_path / "s.csv"
    for value, said in (("0.4", "位数是否有误，或百分比写成了小数？"),
                        ("0.045", "百分比写成了小数（0.045 应为 4.5%）？")):  # fmt: skip
        path.write_text(f"indicator_id,region,year,value\ndigital_economy_share,langfang,2024,"
                        f"{value}\n", encoding="utf-8")  # fmt: skip
        with pytest.raises(DataValidationError) as err:
            load_observations([config.OBSERVATIONS_FILE, path])
        (problem,) = err.value.problems
        assert said in problem.message_zh
        assert ("应为 40%" not in problem.message_zh) and ("for 40 %" not in problem.message)


_REVISIONS = "indicator_id,region,year,value,status,published\n"


def _revision(value, published, status="revised"):
    return f"high_tech_enterprises,langfang,2023,{value},{status},{published}\n"


def test_a_second_revision_dated_after_the_first_is_kept_beside_it(tmp_path):
    """1,291 revised in 2025-03 and 1,295 revised again in 2025-11 were refused as a
    duplicate in one file and a conflict across two (the statistician's review: following
    the advice deleted the first revision, and what was known between the two was lost):
    each dated, both are kept, in one file and across files, copies merging as before."""
    one = tmp_path / "one.csv"
    one.write_text(_REVISIONS + _revision(1288, "2024-02", "final") + _revision(1291, "2025-03")
                   + _revision(1295, "2025-11") + _revision(1291, "2025-03"), encoding="utf-8")  # fmt: skip
    got = load_observations(one)
    assert got[["value", "status", "published"]].values.tolist() == [
        [1288.0, "final", "2024-02"], [1291.0, "revised", "2025-03"],
        [1295.0, "revised", "2025-11"]]  # fmt: skip
    early, late = tmp_path / "r2025a.csv", tmp_path / "r2025b.csv"
    early.write_text(_REVISIONS + _revision(1291, "2025-03"), encoding="utf-8")
    late.write_text(_REVISIONS + _revision(1295, "2025-11"), encoding="utf-8")
    for paths in ([late, early], [early, late, one]):
        got = load_observations(paths)
        revised = got[got["status"] == "revised"]
        assert revised[["value", "published"]].values.tolist() == [
            [1291.0, "2025-03"], [1295.0, "2025-11"]]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [("", "2025-11", "give each its publication date (published, 发布日期"),
     ("2025", "2025-11", "their publication dates (2025, 2025-11) may mean the same day")],
)  # fmt: skip
def test_two_revisions_not_dated_apart_are_refused_without_advice_to_delete(
    tmp_path, first, second, said
):
    """Without a date, or with dates that can mean one day ("2025" and "2025-11"), which
    revision is the later cannot be told: refused as before, in one file and across two,
    and told to date each revision, never to delete one."""
    one = tmp_path / "one.csv"
    one.write_text(_REVISIONS + _revision(1291, first) + _revision(1295, second),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(one)
    (problem,) = err.value.problems
    assert "duplicate of row 2" in problem.message and said in problem.message
    assert "keep the right one" not in problem.message and "保留正确" not in problem.message_zh
    assert "请为两行标注不同的状态" in problem.message_zh
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(_REVISIONS + _revision(1291, first), encoding="utf-8")
    b.write_text(_REVISIONS + _revision(1295, second), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_observations([a, b])
    (problem,) = err.value.problems
    assert "conflict for high_tech_enterprises" in problem.message and said in problem.message
    assert "--prefer" in problem.message and "delete" not in problem.message


def test_two_dated_final_figures_that_disagree_stay_a_conflict(tmp_path):
    """Dates order revisions only: 1,400 final from one file (2025-03) and 1,452 final from
    another (2025-04) were both loaded and the later counted without a word (the diff
    review). Two finals that disagree are a conflict, in one file and across two, told to
    mark the correction revised, as before."""
    one = tmp_path / "one.csv"
    one.write_text(_REVISIONS + _revision(1400, "2025-03", "final")
                   + _revision(1452, "2025-04", "final"), encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(one)
    (problem,) = err.value.problems
    assert "duplicate of row 2" in problem.message
    assert "mark the correction 修订 revised" in problem.message
    assert "把更正的那个标为“修订”" in problem.message_zh
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(_REVISIONS + _revision(1400, "2025-03", "final"), encoding="utf-8")
    b.write_text(_REVISIONS + _revision(1452, "2025-04", "final"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="conflict for high_tech_enterprises"):
        load_observations([a, b])


def test_a_figure_given_again_after_its_revision_is_refused(tmp_path):
    """1,291 (2025-03), 1,295 (2025-11), 1,291 again (2025-12): no order of two figures
    says which counts, so a person decides."""
    one = tmp_path / "one.csv"
    one.write_text(_REVISIONS + _revision(1291, "2025-03") + _revision(1295, "2025-11")
                   + _revision(1291, "2025-12"), encoding="utf-8")  # fmt: skip
    with pytest.raises(DataValidationError, match="duplicate of row 3"):
        load_observations(one)


def test_published_ends_names_a_bad_date_or_reads_it_as_undated_when_no_one_is_named():
    values = pd.Series(["2024-03", None, "2023", "soon", "2024-03"], index=[5, 6, 7, 8, 9])
    assert published_ends(values).tolist() == ["2024-03-31", "", "2023-12-31", "", "2024-03-31"]
    assert published_ends(values).index.tolist() == [5, 6, 7, 8, 9]
    with pytest.raises(ValueError, match=r"rd_spending \(langfang\).*'soon'.*2023-02-10"):
        published_ends(values, "rd_spending (langfang)")


def test_the_figures_known_on_a_day_leave_out_those_published_later(tmp_path):
    """run --known-by: a revision published after the day is left out and the figure it
    revised counts; a month counts from its last day; an undated figure counts as known and
    is counted if its year was over by the day, else it is left out and counted; the frame
    keeps what the loader recorded."""
    from langfang_metrics.observations import published_by

    given = tmp_path / "科技局.csv"
    given.write_text(
        "指标代码,地区,年份,数值,单位,状态,公布日期\n"
        "high_tech_enterprises,langfang,2023,1288,家,正式数,2024-02-20\n"
        "high_tech_enterprises,langfang,2023,1301,家,修订数,2024-09-10\n"
        "tech_smes,langfang,2023,9620,家,正式数,2024-03\n"
        "tech_smes,langfang,2024,9880,家,正式数,2025\n"
        "tech_smes,langfang,2022,9310,家,正式数,\n"
        "tech_smes,langfang,2024,9900,家,预计数,\n",
        encoding="utf-8",
    )
    obs = load_observations([given])
    known = published_by(obs, "2024-03-31")
    kept = set(zip(known["indicator_id"], known["year"], known["value"], strict=True))
    assert kept == {("high_tech_enterprises", 2023, 1288.0), ("tech_smes", 2023, 9620.0),
                    ("tech_smes", 2022, 9310.0)}  # fmt: skip
    said = known.attrs["known_by"]
    assert (said.date, said.later, said.undated) == ("2024-03-31", 2, 1)
    # undated, but of a year not over by the day: no one could have known a 2024 figure
    # on 2024-03-31 (counted as known, it made the page read "data to 2024")
    assert said.unfinished == 1
    assert said.files == tuple(sorted(set(obs["origin_file"])))
    assert known.attrs["rows_by_file"] == obs.attrs["rows_by_file"]
    # a month is its last day: "2024-03" is known by then, not on the first of March
    assert published_by(obs, "2024-03").attrs["known_by"].date == "2024-03-31"
    assert 9620.0 not in set(published_by(obs, "2024-03-30")["value"])
    # a day after every date, in a year after every figure's: all figures, the revision counting
    assert len(published_by(obs, "2026-01-01")) == len(obs)
    assert published_by(obs, "2025-12-31").attrs["known_by"].unfinished == 0
    with pytest.raises(ValueError, match="--known-by '2024-02-30' is no date"):
        published_by(obs, "2024-02-30")


def _stages_file(tmp_path, *lines):
    given = tmp_path / "统计局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n" + "".join(f"{x}\n" for x in lines),
                     encoding="utf-8")  # fmt: skip
    return load_observations([given])


def test_an_undated_final_is_not_known_before_its_own_dated_preliminary(tmp_path):
    """run --known-by 2024-03-31 on a preliminary of 2023 published 2024-06-30 and its final
    undated: the preliminary was left out and the final kept (2023 was over), so the report
    used a final that could not have come out before its own preliminary. An undated figure
    comes out strictly after a dated one it succeeds; once that one is out by the day, the
    liberal rule (its year over) counts it again."""
    from langfang_metrics.observations import published_by

    obs = _stages_file(tmp_path, "rd_spending,langfang,2023,64.1,亿元,初步数,2024-06-30",
                       "rd_spending,langfang,2023,64.6,亿元,正式数,")  # fmt: skip
    for day in ("2024-03-31", "2024-06-30"):  # on the preliminary's own day, still not out
        known = published_by(obs, day)
        said = known.attrs["known_by"]
        assert (said.after_earlier, said.undated) == (1, 0), day
        assert 64.6 not in set(known["value"])
    assert published_by(obs, "2024-03-31").empty
    after = published_by(obs, "2024-07-01")
    assert set(after["value"]) == {64.1, 64.6}
    assert (after.attrs["known_by"].after_earlier, after.attrs["known_by"].undated) == (0, 1)
    # the preliminary published before the day: the undated final counts, as it did
    early = _stages_file(tmp_path, "rd_spending,langfang,2023,64.1,亿元,初步数,2024-02-10",
                         "rd_spending,langfang,2023,64.6,亿元,正式数,")  # fmt: skip
    known = published_by(early, "2024-03-31")
    assert set(known["value"]) == {64.1, 64.6}
    assert (known.attrs["known_by"].after_earlier, known.attrs["known_by"].undated) == (0, 1)


def test_an_undated_figure_is_held_back_only_by_a_stage_it_succeeds(tmp_path):
    """An undated estimate beside a final of its year published after the day: the final is
    left out, the estimate stays (it comes before a final, not after it); a preliminary of
    another year or of another indicator holds back nothing."""
    from langfang_metrics.observations import published_by

    obs = _stages_file(tmp_path, "rd_spending,langfang,2023,64.0,亿元,预计数,",
                       "rd_spending,langfang,2023,64.6,亿元,正式数,2024-06-30",
                       "rd_spending,langfang,2022,61.0,亿元,正式数,",
                       "tech_smes,langfang,2022,9310,家,初步数,2024-06-30")  # fmt: skip
    known = published_by(obs, "2024-03-31")
    assert set(zip(known["year"], known["status"], strict=True)) == {
        (2023, "estimate"), (2022, "final")}  # fmt: skip
    said = known.attrs["known_by"]
    assert (said.later, said.undated, said.after_earlier) == (2, 2, 0)


def test_a_stage_holds_back_only_the_figures_that_come_out_after_it(tmp_path):
    """The series' ranking was read as the order of publication (the diff review): an
    estimate dated after the day held back an undated final, and a chained preliminary an
    undated preliminary on the series' own definition. Only the stages a status comes out
    after (config.SUCCEEDS) hold it back: a final its preliminary, a chained final its
    chained preliminary."""
    from langfang_metrics.observations import published_by

    obs = _stages_file(tmp_path, "rd_spending,langfang,2023,64.6,亿元,正式数,",
                       "rd_spending,langfang,2023,64.0,亿元,预计数,2024-05-01",
                       "tech_smes,langfang,2023,9500,家,初步数,",
                       "tech_smes,langfang,2023,9600,家,衔接初步数,2024-04-30",
                       "high_tech_industry_share,langfang,2023,38.9,%,衔接数,",
                       "high_tech_industry_share,langfang,2023,38.5,%,衔接初步数,2024-04-30")  # fmt: skip
    known = published_by(obs, "2024-03-31")
    assert set(zip(known["indicator_id"], known["status"], strict=True)) == {
        ("rd_spending", "final"), ("tech_smes", "preliminary")}  # fmt: skip
    said = known.attrs["known_by"]
    assert (said.later, said.undated, said.after_earlier) == (3, 2, 1)


def test_a_preliminary_in_another_file_holds_back_an_undated_final(tmp_path):
    """Each file is cut on its own before the merge (so --prefer's choice of a figure not
    yet out does not empty a year); the preliminary that says when a final could come out
    may be in another department's file, and still holds the final back."""
    bureau, dept = tmp_path / "统计局.csv", tmp_path / "科技局.csv"
    head = "指标代码,地区,年份,数值,单位,状态,公布日期\n"
    bureau.write_text(head + "rd_spending,langfang,2023,64.1,亿元,初步数,2024-06-30\n",
                      encoding="utf-8")  # fmt: skip
    dept.write_text(head + "rd_spending,langfang,2023,64.6,亿元,正式数,\n"
                    "rd_spending,langfang,2022,61.0,亿元,正式数,\n", encoding="utf-8")  # fmt: skip
    known = load_observations([bureau, dept], known_by="2024-03-31")
    assert known["value"].tolist() == [61.0]
    said = known.attrs["known_by"]
    assert (said.later, said.undated, said.after_earlier) == (1, 1, 1)
    later = load_observations([bureau, dept], known_by="2024-07-01")
    assert sorted(later["value"]) == [61.0, 64.1, 64.6]


def test_a_years_figure_dated_before_its_year_ended_is_named_for_the_statistician(tmp_path):
    """A final of 2024 dated 2024-03-01 (a slip for 2025-03-01) loaded without a word, and
    run --known-by 2024-03-31 counted it as known then (the diff review). It is named, as a
    date check; an estimate dated within its year, or a figure dated by its year alone, is
    not."""
    from langfang_metrics.observations import DATE_CHECKS, check_table

    given = tmp_path / "科技局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "high_tech_enterprises,langfang,2024,1512,家,正式数,2024-03-01\n"
                     "high_tech_enterprises,langfang,2023,1288,家,正式数,2024-02-20\n"
                     "tech_smes,langfang,2024,9900,家,预计数,2024-11\n"
                     "tech_smes,langfang,2023,9620,家,正式数,2023\n",
                     encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, given])
    checks = check_table(obs, registry.load_indicators(), registry.load_targets())
    early = checks[checks["check"] == "published_early"]
    assert list(zip(early["indicator_id"], early["years"], strict=True)) == [
        ("high_tech_enterprises", "2024")]  # fmt: skip
    assert "row 2" in early["message"].iloc[0] and "a slip for 2025" in early["message"].iloc[0]
    assert "应为2025年" in early["detail_zh"].iloc[0]
    assert "published_early" in DATE_CHECKS  # for the statistician, not the departments


def test_a_figure_prefer_set_aside_counts_when_the_preferred_one_came_out_after_the_day(
    tmp_path,
):
    """run --known-by --prefer: the loader settled the conflict before the date cut, so the
    preferred 1,262 of 2024-06-01 was cut and the shipped, undated 1,258 it had set aside
    was gone too, leaving 2022 without a figure as known on 2024-03-31 (the review). Cut
    before the conflict is settled, the figure known then counts; without the day the
    preferred one still wins, and a conflict --prefer does not settle is still refused."""
    given = tmp_path / "科技局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "high_tech_enterprises,langfang,2022,1262,家,正式数,2024-06-01\n",
                     encoding="utf-8")  # fmt: skip
    files = [config.OBSERVATIONS_FILE, given]

    def of_2022(obs):
        rows = obs[(obs["indicator_id"] == "high_tech_enterprises") & (obs["year"] == 2022)]
        return rows["value"].tolist()

    now = load_observations(files, prefer=[given])
    assert of_2022(now) == [1262.0] and "known_by" not in now.attrs
    then = load_observations(files, prefer=[given], known_by="2024-03-31")
    assert of_2022(then) == [1258.0]
    # the day's conflict had nothing to settle: no "kept (preferred)" said or noted
    assert then.attrs["preferred"] == [] and not then["note"].str.contains("--prefer").any()
    said = then.attrs["known_by"]
    # the later figure left out, the undated one counted as known, all read before the cut
    assert said.later == 1 and (said.read, said.indicators) == (
        len(now), now["indicator_id"].nunique())  # fmt: skip
    assert said.undated == int(then["published"].eq("").sum()) == int(
        (now["published"].eq("") & (now["year"] < 2024)).sum()) + 1  # fmt: skip
    # the preferred figure out by the day wins as without it
    assert of_2022(load_observations(files, prefer=[given], known_by="2024-06-01")) == [1262.0]
    with pytest.raises(DataValidationError, match="conflict for high_tech_enterprises"):
        load_observations(files, known_by="2024-03-31")  # every figure is checked


def test_a_growth_rate_typed_as_a_fraction_is_asked_about(tmp_path):
    """0.105 typed for R&D spending growth of 10.5 % loaded without a word and the page said
    "2023年0.105%（低于要求的年均10%）" (the hostile-input review), where a share so typed is
    refused. A growth rate may be small by right, so it is a check, not a refusal, and only
    where a hundred times it reads as its neighbours do: the series' other figures, else
    the plan's target of the growth."""
    from langfang_metrics.observations import check_table, figures_to_verify

    f = tmp_path / "g.csv"

    def checks(rows: str, *, shipped: bool = True):
        f.write_text("indicator_id,region,year,value,status,note\n" + rows, encoding="utf-8")
        files = [config.OBSERVATIONS_FILE, f] if shipped else [f]
        found = check_table(load_observations(files), registry.load_indicators(),
                            registry.load_targets())  # fmt: skip
        return found[found["check"] == "fraction"]

    # beside the shipped "at least 10 %" of 2022
    found = checks("rd_spending_growth,langfang,2023,0.105,final,\n")
    assert list(zip(found["indicator_id"], found["years"], found["origin"], strict=True)) == [
        ("rd_spending_growth", "2023", f"{f} row 2")]  # fmt: skip
    (row,) = found.itertuples()
    assert "2023 = 0.105 % is 1/95 the size of the series' other figures (2022: at least 10)" in (
        row.message)  # fmt: skip
    assert "a fraction for a percentage (0.105 for 10.5 %)?" in row.message
    assert "write 核实无误 (confirmed) in its note if the growth is 0.105 %" in row.message
    assert row.detail_zh.startswith("只有本序列其他数字（2022年10%以上）的95分之一：百分比写成了小数"
                                    "（0.105 应为 10.5%）？")  # fmt: skip
    assert "如增速确为0.105%，请在备注中注明“核实无误”" in row.detail_zh
    assert ("rd_spending_growth", 2023) in figures_to_verify(found)
    # no other figure: the plan's 10 % a year for R&D spending is the neighbour
    (row,) = checks("rd_spending_growth,langfang,2023,0.105,final,\n", shipped=False).itertuples()
    assert "the plan's target of 10 % a year for rd_spending (2025)" in row.message
    assert "方案目标（全社会研发经费投入2025年年均增长10%）" in row.detail_zh
    # another region, against its own figures (no target), and a negative rate
    found = checks("gdp_growth,hebei,2022,6.5,final,\ngdp_growth,hebei,2023,-0.055,final,\n")
    assert list(zip(found["region"], found["years"], found["value"], strict=True)) == [
        ("hebei", "2023", -0.055)]  # fmt: skip
    # a small rate that a hundredfold does not fit, a confirmed one, and one with nothing
    # to set it against (no other figure, no target) are not named
    assert checks("gdp_growth,langfang,2022,0.5,final,\n").empty
    assert checks("rd_spending_growth,langfang,2023,0.105,final,经核实无误\n").empty
    assert checks("gdp_growth,china,2022,0.03,final,\n").empty
    assert checks("rd_spending_growth,langfang,2024,0.02,final,\n").empty  # 2 against 10
