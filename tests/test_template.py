"""The input template: bilingual, validated drop-downs, reproducible, and loadable back."""

from __future__ import annotations

import re

import openpyxl
import pytest

from langfang_metrics import config, registry
from langfang_metrics.errors import DataValidationError
from langfang_metrics.observations import load_observations
from langfang_metrics.template import (
    DATA_SHEET,
    INDICATOR_SHEET,
    NOTES_SHEET,
    TEMPLATE_HEADERS,
    write_template,
)


@pytest.fixture
def template(tmp_path):
    return write_template(tmp_path / "sub" / "template.xlsx")


def test_sheets_headers_and_frozen_pane(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [DATA_SHEET, INDICATOR_SHEET, NOTES_SHEET]
    ws = wb[DATA_SHEET]
    assert [c.value for c in ws[1]] == [f"{zh} {en}" for zh, en in TEMPLATE_HEADERS]
    assert ws.freeze_panes == "A2"


def test_indicator_sheet_lists_the_registry(template):
    ws = openpyxl.load_workbook(template)[INDICATOR_SHEET]
    ids = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == list(registry.load_indicators()["indicator_id"])
    assert [c.value for c in ws[1]][5] == "类型 kind"


def test_notes_sheet_explains_every_status_and_column_in_both_languages(template):
    ws = openpyxl.load_workbook(template)[NOTES_SHEET]
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0]}
    assert set(config.STATUSES) <= set(rows)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for key in (*config.STATUSES, "indicator_id", "value", "note"):
        zh, en = rows[key][2], rows[key][3]
        assert zh and cjk.search(zh) and en and re.search(r"[A-Za-z]{3}", en), key
    # each status in the words the drop-down, the requests and the messages use (the notes
    # said 正式 and 部分年度 where they say 正式数 and 非全年: the code review)
    from langfang_metrics.labels import obs_status_label

    assert all(rows[s][1] == obs_status_label(s, "zh") for s in config.STATUSES)
    assert rows["final"][1] == "正式数" and rows["part-year"][1] == "非全年"


def test_data_validation_lists(template):
    ws = openpyxl.load_workbook(template)[DATA_SHEET]
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    n = len(registry.load_indicators())
    assert rules["A2:A5000"] == f"'{INDICATOR_SHEET}'!$A$2:$A${n + 1}"
    assert all(s in rules["F2:F5000"] for s in config.STATUSES)


def test_reproducible_and_atomic(tmp_path):
    a = write_template(tmp_path / "a.xlsx").read_bytes()
    b = write_template(tmp_path / "b.xlsx").read_bytes()
    assert a == b
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.properties.created.isoformat() == config.FIXED_TIMESTAMP
    assert wb.properties.modified.isoformat() == config.FIXED_TIMESTAMP
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


def test_an_empty_template_gives_no_figures_and_is_no_error(template, tmp_path):
    """The template left blank beside the returns (the copy `template` wrote, or a
    department with nothing to report) stopped the whole run with "no data rows" (the
    statistician's review): it gives no figures, as a blank request does, and the run says
    so (``cli.no_figures``). A file of another kind with only a header is still refused."""
    assert load_observations(template).empty
    # ... and with a blank copy of its data sheet beside it: nothing to lose, no refusal
    wb = openpyxl.load_workbook(template)
    wb.copy_worksheet(wb[DATA_SHEET]).title = "副本"
    copy = tmp_path / "copy.xlsx"
    wb.save(copy)
    assert load_observations(copy).empty
    csv = tmp_path / "header.csv"
    csv.write_text("indicator_id,region,year,value\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="no data rows"):
        load_observations(csv)


def test_filled_template_reads_back_unchanged(template, tmp_path):
    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    rows = [
        ("tech_smes", "廊坊市", 2021, 9500, "家", "正式", "市科技局", "https://x.cn", "2024-01-02",
         "科技型中小企业达到9500家，同比增长", "备注"),
        ("gdp", "langfang", 2021, 3553.1, "亿元", "preliminary", "", "", "", "", ""),
        ("rd_intensity", "河北省", 2022, 2, "%", "final", "公报", "", "", "", ""),
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    df = load_observations(filled).set_index(["indicator_id", "region"])
    assert len(df) == 3
    tech = df.loc[("tech_smes", "langfang")]
    assert (tech["year"], tech["value"], tech["status"]) == (2021, 9500.0, "final")
    assert tech["quote"] == rows[0][9] and tech["accessed"] == "2024-01-02"
    assert df.loc[("gdp", "langfang"), "value"] == 3553.1
    assert df.loc[("rd_intensity", "hebei"), "note"] == ""


def test_the_drop_downs_offer_what_the_notes_invite(tmp_path):
    """The notes say a region may be 廊坊市 and a status 正式数; the English-only lists
    blocked both, and a typed indicator name too."""
    from langfang_metrics import load_observations
    from langfang_metrics.template import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert "廊坊市" in rules["B2:B5000"].formula1 and "langfang" in rules["B2:B5000"].formula1
    assert "正式数 final" in rules["F2:F5000"].formula1
    assert rules["A2:A5000"].errorStyle == "warning"  # a name is accepted, so only a warning
    ws["A2"], ws["B2"], ws["C2"], ws["D2"], ws["F2"] = (
        "tech_smes",
        "廊坊市",
        2022,
        9100,
        "初步数 preliminary",
    )
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    row = load_observations(filled).iloc[0]
    assert (row["region"], row["status"], row["value"]) == ("langfang", "preliminary", 9100.0)


@pytest.mark.parametrize("damage", ["delete year", "delete value", "rename year"])
def test_a_damaged_data_header_is_named_on_the_data_sheet(template, tmp_path, damage):
    """With a column of the data sheet's header deleted or renamed, the messages named the
    template's indicator list (it holds more cells than a clerk's few rows) and quoted its
    header (found by the clerk review)."""
    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    for j, v in enumerate(("tech_smes", "廊坊市", 2023, 9300, "家", "正式数 final", "test"), 1):
        ws.cell(2, j).value = v
    if damage == "rename year":
        ws.cell(1, 3).value = "时间"
    else:
        ws.delete_cols(3 if damage == "delete year" else 4)
    path = tmp_path / "damaged.xlsx"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    text = str(err.value)
    assert f"[{DATA_SHEET}]" in text and INDICATOR_SHEET not in text
    assert "指标代码 indicator_id" in text and "类型 kind" not in text  # its own header quoted


def test_the_publication_date_column_is_wide_enough_and_says_what_to_write(template, tmp_path):
    """The 发布日期 header stood in a column of the default width with no word of what to
    write; a date typed as the rule's message says reads back at its precision."""
    ws = openpyxl.load_workbook(template)[DATA_SHEET]
    column = openpyxl.utils.get_column_letter(
        [en for _zh, en in TEMPLATE_HEADERS].index("published") + 1
    )
    assert ws[f"{column}1"].value == "发布日期 published"
    assert ws.column_dimensions[column].width >= 12
    assert ws.column_dimensions[column].number_format == "@"  # 2024 typed stays 2024
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    rule = rules[f"{column}2:{column}5000"]
    assert rule.type == "custom" and f"LEFT(TRIM({column}2),4)" in rule.formula1
    assert "2024-02" in rule.prompt and "留空" in rule.prompt
    wb = openpyxl.load_workbook(template)
    data = wb[DATA_SHEET]
    data.append(["tech_smes", "langfang", 2023, 9500, "家", "final", "公报", None, None, None,
                 None, "2024-02"])  # fmt: skip
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    assert load_observations(path)["published"].tolist() == ["2024-02"]
