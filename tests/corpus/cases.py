"""The loader corpus: awkward-but-valid and invalid observation files, written at test time.

Each :class:`Case` has a ``write(folder) -> Path`` function that creates its file (no binary
files are committed) and the expected outcome: the rows and some values it loads to, or the
problems (row, column, message substring) of the DataValidationError it must raise.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from langfang_metrics import config
from langfang_metrics.labels import label

HEADER = "indicator_id,region,year,value,unit,status\n"
ROWS = "tech_smes,langfang,2021,9500,家,final\ngdp,langfang,2021,3553.1,亿元,preliminary\n"
ZH_HEADER = "指标代码,地区,年份,数值,单位,状态,来源,备注\n"
ZH_ROWS = "tech_smes,廊坊市,2021,9500,家,正式,市科技局,\ngdp,廊坊,2021,3553.1,亿元,初步,,𠀀\n"
BASIC = {("tech_smes", "langfang", 2021, "final"): 9500.0}


@dataclass
class Case:
    """One corpus file and what loading it must give.

    Attributes
    ----------
    name : str
        Test id.
    write : callable
        ``write(folder) -> Path`` creates the file inside ``folder``.
    rows : int or None
        Number of rows it loads to (None: it must be refused).
    values : dict
        ``(indicator, region, year, status) → value`` that must be in the result.
    problems : list of (row, column, substring)
        Problems that must be among those raised (the file is always the written path).
    patch : dict
        ``config`` attributes to set while loading (small limits keep tests fast).
    notes : dict
        ``(indicator, region, year, status) → substring`` of the ``note`` column.
    """

    name: str
    write: Callable[[Path], Path]
    rows: int | None = None
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    patch: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- writers


def zip_of(parts: dict[str, bytes]) -> bytes:
    """A zip archive holding ``parts`` (name -> bytes), with fixed dates."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for part, data in parts.items():
            out.writestr(zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def raw(data: bytes, name: str = "obs.csv") -> Callable[[Path], Path]:
    """Writer of a file with exactly these bytes."""

    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return write


def text(body: str, encoding: str = "utf-8", name: str = "obs.csv", bom: bytes = b""):
    """Writer of a text file in an encoding (optionally with a byte-order mark)."""
    return raw(bom + body.encode(encoding), name)


def workbook(
    rows, *, sheets=(), merges=(), percent=(), formulas=None, formats=None
) -> openpyxl.Workbook:
    """An openpyxl workbook: ``rows`` on the first sheet; ``sheets`` = (title, rows, state)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for ref in percent:
        ws[ref].number_format = "0.0%"
    for ref, code in (formats or {}).items():
        ws[ref].number_format = code
    for ref, formula in (formulas or {}).items():
        ws[ref] = formula
    for title, sheet_rows, state in sheets:
        extra = wb.create_sheet(title)
        extra.sheet_state = state
        for row in sheet_rows:
            extra.append(list(row))
    return wb


def xlsx_bytes(wb: openpyxl.Workbook) -> bytes:
    """Serialise a workbook to bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def edit_part(data: bytes, member: str, edit: Callable[[bytes], bytes]) -> bytes:
    """Return a copy of a zip archive with one member rewritten by ``edit``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == member:
                payload = edit(payload)
            dst.writestr(info, payload, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xlsx(rows, name: str = "obs.xlsx", edit=None, **kwargs) -> Callable[[Path], Path]:
    """Writer of an xlsx file; ``edit(bytes) -> bytes`` post-processes the archive."""

    def write(folder: Path) -> Path:
        data = xlsx_bytes(workbook(rows, **kwargs))
        path = folder / name
        path.write_bytes(edit(data) if edit else data)
        return path

    return write


def zip_entries(*, flags: int = 0, method: int | None = None):
    """Archive edit setting general-purpose flag bits and/or the compression method of every
    entry, in the local headers and the central directory (the data are left as they are)."""
    import struct

    def edit(data: bytes) -> bytes:
        out = bytearray(data)
        for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            pos = out.find(sig)
            while pos != -1:
                flag = struct.unpack_from("<H", out, pos + at)[0]
                struct.pack_into("<H", out, pos + at, flag | flags)
                if method is not None:
                    struct.pack_into("<H", out, pos + at + 2, method)
                pos = out.find(sig, pos + 4)
        return bytes(out)

    return edit


def excel_empty_text_result(ref: str):
    """Archive edit marking a formula cell as Excel writes an empty-string result:
    ``<c t="str"><f>…</f><v></v></c>``."""

    def edit(data: bytes) -> bytes:
        def sheet(xml: bytes) -> bytes:
            return xml.replace(f'<c r="{ref}">'.encode(), f'<c r="{ref}" t="str">'.encode())

        return edit_part(data, "xl/worksheets/sheet1.xml", sheet)

    return edit


def cache_formula_values(values: dict[str, str]):
    """Archive edit giving formula cells (by reference) a cached ``<v>`` value."""

    def edit(data: bytes) -> bytes:
        def sheet(xml: bytes) -> bytes:
            for ref, value in values.items():
                cached = b"<v>" + value.encode() + b"</v>"
                pattern = rb'(<c r="' + ref.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)(<v\s*/>|<v></v>)?'
                xml = re.sub(pattern, lambda m, c=cached: m.group(1) + c, xml)
            return xml

        return edit_part(data, "xl/worksheets/sheet1.xml", sheet)

    return edit


def billion_laughs(data: bytes) -> bytes:
    """Archive edit: a DTD with nested entities in the first sheet (never to be expanded)."""
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    dtd = f"<!DOCTYPE worksheet [{lol}]>".encode()

    def sheet(xml: bytes) -> bytes:
        xml = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + dtd, xml, count=1)
        return xml.replace(b"<v>9500</v>", b"<v>&lol9;</v>")

    return edit_part(data, "xl/worksheets/sheet1.xml", sheet)


def zip_bomb(data: bytes) -> bytes:
    """Archive edit: 8 MB of whitespace in the sheet XML (valid, compresses to ~10 KB)."""
    return edit_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</worksheet>", b" " * (8 << 20) + b"</worksheet>"),
    )


def truncate(fraction: float):
    """Archive edit: keep only the first part of the bytes (a download cut short)."""
    return lambda data: data[: int(len(data) * fraction)]


def ole2(stream: str) -> bytes:
    """The start of an Office 97-2003 (OLE2) file whose directory names ``stream``
    ("Workbook", "WordDocument"; names are UTF-16LE there)."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(512)
    )


def titled(title: str, *, name: str = "obs.xlsx", results: bool = True):
    """Writer of a workbook the suite wrote (``config.WORKBOOK_CREATOR`` in its document
    properties) under ``title``: with ``results``, the results workbook's first two sheets,
    each under a data header, as a run writes them; else one data sheet, as a return has."""

    def write(folder: Path) -> Path:
        header = ("指标代码 / Indicator ID", "年份 / Year", "数值 / Value")
        more = [("目标 Targets", [header, ("tech_smes", 2025, 10000)], "visible")]
        wb = workbook([header, ("tech_smes", 2021, 9500)], sheets=more if results else ())
        wb.active.title = "摘要 Summary" if results else config.TEMPLATE_DATA_SHEET
        wb.properties.title, wb.properties.creator = title, config.WORKBOOK_CREATOR
        path = folder / name
        path.write_bytes(xlsx_bytes(wb))
        return path

    return write


def million_rows(folder: Path) -> Path:
    """1,000,000 data rows (about 20 MB): under the byte limit, over the row limit."""
    path = folder / "million.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("indicator_id,region,year,value\n")
        fh.write("gdp,langfang,2021,1\n" * 1_000_000)
    return path


def shipped(folder: Path) -> Path:
    """The shipped data file itself (read in place, never written)."""
    return config.OBSERVATIONS_FILE


XL_HEADER = ("indicator_id", "region", "year", "value", "unit", "status")
XL_ROWS = (
    ("tech_smes", "langfang", 2021, 9500, "家", "final"),
    ("gdp", "langfang", 2021, 3553.1, "亿元", "preliminary"),
)
TWO = {("tech_smes", "langfang", 2021, "final"): 9500.0,
       ("gdp", "langfang", 2021, "preliminary"): 3553.1}  # fmt: skip


def _v(ind, value, year=2021, region="langfang", status="final"):
    return {(ind, region, year, status): value}


# --------------------------------------------------------------------------- valid files

VALID = [
    Case(  # the data sheet copied and filled in, the original left with its header alone:
        # the one with rows is read, nothing is lost (the statistician's review)
        "xlsx_copied_data_sheet_the_original_left_empty",
        xlsx([XL_HEADER], sheets=[("2025年数据", [XL_HEADER, *XL_ROWS], "visible")]),
        rows=len(XL_ROWS),
        values=TWO,
    ),  # fmt: skip
    Case(  # the same note on every row (the request workbooks' own header) is a note
        "definition_note_column_with_one_text",
        text(
            "indicator_id,year,value,口径说明 Definition\n"
            "high_tech_industry_share,2021,37.1,按规模以上工业统计\n"
            "high_tech_industry_share,2022,38.4,按规模以上工业统计\n"
        ),
        rows=2,
    ),  # fmt: skip
    Case(  # notes on a definition (口径说明) that vary by row are notes, not two definitions
        "definition_notes_that_vary",
        text(
            "indicator_id,year,value,口径说明\n"
            "tech_smes,2021,9500,国家科技型中小企业评价系统入库数\n"
            "tech_smes,2022,9800,同上\n"
        ),
        rows=2,
    ),  # fmt: skip
    Case(  # a column naming the body that provides the figures is not a unit column
        "data_provider_and_indicator_kind_columns",
        text(
            "指标代码,年份,数值,数据提供单位,主管单位,指标性质\n"
            "tech_smes,2021,9500,市科技局,市科技局,预期性\n"
        ),
        rows=1,
        values={("tech_smes", "langfang", 2021, "final"): 9500.0},
    ),  # fmt: skip
    Case(  # 年报数 is the year's final figure, 初步核算数 a preliminary one; 2023年末 dates a stock
        "annual_report_and_preliminary_accounts_words_and_year_end",
        text(
            "指标代码,年份,数值,状态\n"
            "tech_smes,2022年末,9800,年报数\n"
            "tech_smes,2023年底,10100,初步核算数\n"
        ),
        rows=2,
        values={
            ("tech_smes", "langfang", 2022, "final"): 9800.0,
            ("tech_smes", "langfang", 2023, "preliminary"): 10100.0,
        },
    ),  # fmt: skip
    Case("utf8_basic", text(HEADER + ROWS), 2, TWO),
    Case("utf8_bom", text(HEADER + ROWS, "utf-8-sig"), 2, TWO),
    Case("gb18030_chinese_headers", text(ZH_HEADER + ZH_ROWS, "gb18030"), 2, TWO),
    Case("gbk", text(ZH_HEADER + ZH_ROWS.replace("𠀀", "说明"), "gbk"), 2, TWO),
    Case(
        "utf16le_bom_tabs",
        text(
            (HEADER + ROWS).replace(",", "\t"), "utf-16-le", bom=codecs.BOM_UTF16_LE, name="obs.txt"
        ),
        2,
        TWO,
    ),  # fmt: skip
    Case("utf16be_bom", text(HEADER + ROWS, "utf-16-be", bom=codecs.BOM_UTF16_BE), 2, TWO),
    Case(
        "mixed_line_endings",
        text(
            HEADER.replace("\n", "\r\n")
            + ROWS.replace("\n", "\r", 1)
            + "rd_platforms,langfang,2022,135,家,final\r\n"
        ),
        3,
        TWO,
    ),  # fmt: skip
    Case("blank_rows", text(HEADER + "\n,,,,,\n" + ROWS + "\n\n"), 2, TWO),
    Case("comment_rows", text("# exported by 市统计局\n" + HEADER + "# 2021\n" + ROWS), 2, TWO),
    Case(
        "extra_columns",
        text("indicator_id,region,year,value,checked_by,\ntech_smes,langfang,2021,9500,王,x\n"),
        1,
        BASIC,
    ),  # fmt: skip
    Case("reordered_columns", text("value,year,indicator_id\n9500,2021,tech_smes\n"), 1, BASIC),
    Case("chinese_headers_utf8", text(ZH_HEADER + ZH_ROWS), 2, TWO),
    Case(
        "bilingual_headers",
        text(
            "指标代码 indicator_id,地区 region,年份 year,数值 value,Unit (单位)\n"
            "tech_smes,langfang,2021,9500,家\n"
        ),
        1,
        BASIC,
    ),  # fmt: skip
    Case(
        "indicator_by_name",
        text(
            "指标,年份,数值\n科技型中小企业数量,2021,9500\n"
            "Gross domestic (regional) product,2021,3553.1\n"
        ),
        2,
        {**BASIC, **_v("gdp", 3553.1)},
    ),  # fmt: skip
    Case(
        "thousands_separators",
        text('indicator_id,year,value\ntech_smes,2021,"8,796"\ntech_smes,2022,8，796\n'),
        2,
        {**_v("tech_smes", 8796.0), **_v("tech_smes", 8796.0, 2022)},
    ),  # fmt: skip
    Case(
        "fullwidth_digits",
        text("indicator_id,year,value\ntech_smes,２０２１,８７９６\n"),
        1,
        _v("tech_smes", 8796.0),
    ),  # fmt: skip
    Case(
        "percentages",
        text(
            "indicator_id,year,value\nrd_intensity,2021,1.52%\n"
            "high_tech_industry_share,2020,35.6 ％\n"
        ),
        2,
        {**_v("rd_intensity", 1.52), **_v("high_tech_industry_share", 35.6, 2020)},
    ),
    Case(
        "units_in_value_cell",
        text(
            "indicator_id,year,value,unit\nrd_spending,2021,54.03亿元,\n"
            "high_value_patents_per_10k,2020,1.65\u00a0件/万人 ,\n"
            "invention_patents_per_10k,2020,6.3件,\n"
        ),
        3,
        {**_v("rd_spending", 54.03), **_v("high_value_patents_per_10k", 1.65, 2020)},
    ),
    Case(
        "wan_multiplier",
        text("indicator_id,year,value\ntech_smes,2025,1万家\npopulation_resident,2021,553.82万\n"),
        2,
        {**_v("tech_smes", 10000.0, 2025), **_v("population_resident", 553.82)},
    ),
    Case(  # the request form's own note says 初步数=快报数: a clerk writes 快报数
        "status_word_of_the_statistical_flash_report",
        text("indicator_id,year,value,状态\ntech_smes,2021,9500,快报数\n"),
        1,
        _v("tech_smes", 9500.0, status="preliminary"),
    ),  # fmt: skip
    Case(  # 修正数, a common word for 修订数, was refused (the officer's review); 最终核实数
        # is a final figure's word in statistical bulletins
        "status_words_for_a_revised_and_a_verified_figure",
        text(
            "indicator_id,year,value,状态\ntech_smes,2021,9500,修正数\n"
            "tech_smes,2022,9600,最终核实数\n"
        ),
        2,
        {**_v("tech_smes", 9500.0, status="revised"), **_v("tech_smes", 9600.0, 2022)},
    ),  # fmt: skip
    Case(  # a clerk adds a 说明 column beside the form's 备注: both say something, both are kept
        "two_note_columns_are_joined",
        text("indicator_id,year,value,备注,说明\ntech_smes,2021,9500,快报,含开发区\n"),
        1,
        BASIC,
        notes={("tech_smes", "langfang", 2021, "final"): "快报; 含开发区"},
    ),  # fmt: skip
    Case(  # only dot-grouped thousands in a count are refused: an estimate of 1303.2 firms
        # and a density of 2.150 are what they say
        "fractions_that_are_not_thousands",
        text(
            "indicator_id,year,value\nhigh_tech_enterprises,2022,1303.2\n"
            "high_value_patents_per_10k,2022,2.150\n"
        ),
        2,
        {
            **_v("high_tech_enterprises", 1303.2, 2022),
            **_v("high_value_patents_per_10k", 2.15, 2022),
        },
    ),  # fmt: skip
    Case("year_with_nian", text("indicator_id,year,value\ntech_smes,2021年,9500\n"), 1, BASIC),
    Case(
        "wanyuan_converted",
        text("indicator_id,year,value,unit,note\nrd_spending,2021,540300,万元,bulletin\n"),
        1,
        _v("rd_spending", 54.03),
        notes={("rd_spending", "langfang", 2021, "final"): "bulletin; converted from 540300 万元"},
    ),  # fmt: skip
    Case(
        "wanyiyuan_converted",
        text("indicator_id,region,year,value,unit\nrd_spending,china,2018,1.97,万亿元\n"),
        1,
        _v("rd_spending", 19700.0, 2018, "china"),
        notes={("rd_spending", "china", 2018, "final"): "converted from 1.97 万亿元"},
    ),
    Case(  # a department types "60.5亿" where the request pre-filled the unit 亿元
        "unit_written_in_both_places_counts_once",
        text(
            "indicator_id,year,value,unit\ngdp,2021,3553.1亿,亿元\n"
            "population_resident,2021,553.82万,万人\nrd_spending,2021,54.03亿元,亿\n"
            "tech_smes,2021,1万家,万\n"
        ),
        4,
        {
            **_v("gdp", 3553.1),
            **_v("population_resident", 553.82),
            **_v("rd_spending", 54.03),
            **_v("tech_smes", 10000.0),
        },
    ),  # fmt: skip
    Case(  # Chinese tables put the unit in the header: it stands for the empty unit cells
        "unit_in_the_value_header",
        text(
            "指标代码,年份,数值（万元）,单位\nrd_spending,2021,540300,\nrd_spending,2022,600000,万元\n"
        ),
        2,
        {**_v("rd_spending", 54.03), **_v("rd_spending", 60.0, 2022)},
        notes={("rd_spending", "langfang", 2021, "final"): "converted from 540300 万元"},
    ),  # fmt: skip
    Case(  # a zero-width space and a direction mark pasted from a web page are invisible
        "invisible_format_characters_in_codes",
        text("indicator_id,year,value\ntech_\u200bsmes,2021,9500\ntech_smes\u200e,2022,9600\n"),
        2,
        {**BASIC, **_v("tech_smes", 9600.0, 2022)},
    ),  # fmt: skip
    Case(  # a statistical table's title rows above the header
        "title_rows_above_the_header",
        text(
            "廊坊市科技创新指标统计表,,\n单位：家,,\nindicator_id,year,value\ntech_smes,2021,9500\n"
        ),
        1,
        BASIC,
    ),  # fmt: skip
    Case(  # "单位：万元" above the table: the figures are in 万元, converted to the registry's 亿元
        "unit_stated_in_a_title_row",
        text(
            "廊坊市全社会研发经费统计表\n单位：万元\n指标代码,年份,数值\nrd_spending,2022,605000\n"
        ),
        1,
        _v("rd_spending", 60.5, 2022),
        notes={("rd_spending", "langfang", 2022, "final"): "converted from 605000 万元"},
    ),  # fmt: skip
    Case(  # a count in 万家 stated above the table: 0.956 is 9,560 firms, not dots for thousands
        "count_in_ten_thousands_stated_above_the_table",
        text("填报单位：市科技局 单位：万家\n指标代码,年份,数值\ntech_smes,2021,0.956\n"),
        1,
        _v("tech_smes", 9560.0),
    ),  # fmt: skip
    Case(  # the notes under a statistical table hold no figure: not data, not problems
        "notes_under_the_table",
        text(
            "指标代码,年份,数值,备注\ntech_smes,2021,9500,\n注：2021年为初步数,,,\n"
            "填报单位：市科技局（盖章）  填报人：张三,,,\n"
        ),
        1,
        BASIC,
    ),  # fmt: skip
    Case(  # a reporting body above the table is no unit; a price basis after the unit is fine
        "reporting_body_and_price_basis_above_the_table",
        text(
            "牵头单位：市科技局\n单位：万元（现价）\n指标代码,年份,数值\nrd_spending,2022,605000\n"
        ),
        1,
        _v("rd_spending", 60.5, 2022),
    ),  # fmt: skip
    Case(  # 1.200 in 万家 is 12,000 firms: a decimal point, not dots between thousands
        "count_with_a_decimal_point_in_ten_thousands",
        text("单位：万家\nindicator_id,year,value\ntech_smes,2021,1.200\n"),
        1,
        _v("tech_smes", 12000.0),
    ),  # fmt: skip
    Case(  # a three-digit number in a numeric column of its own is data, not a cut figure
        "three_digits_in_an_extra_numeric_column",
        text("指标,年份,数值,目标值\ntech_smes,2021,9500,100\ntech_smes,2022,945,100\n"),
        2,
        {**BASIC, **_v("tech_smes", 945.0, 2022)},
    ),  # fmt: skip
    Case(  # ordinary statistical headers for the region and status columns
        "region_name_and_nature_of_data_headers",
        text("指标,地区名称,数据年份,指标值,数据性质\ntech_smes,河北省,2021,25000,初步\n"),
        1,
        _v("tech_smes", 25000.0, region="hebei", status="preliminary"),
    ),  # fmt: skip
    Case(  # the most common table layout: the code for the machine, the name for people
        "code_and_name_columns",
        text("指标名称,指标代码,年份,数值\n科技型中小企业数量,tech_smes,2021,9500\n"),
        1,
        BASIC,
    ),  # fmt: skip
    Case(
        "duplicates_same_value_collapsed",
        text(HEADER + ROWS + 'tech_smes,廊坊市,2021,"9,500",家,final\n'),
        2,
        TWO,
    ),
    Case(
        "duplicates_different_status_kept",
        text(HEADER + ROWS + "tech_smes,langfang,2021,9400,家,preliminary\n"),
        3,
        {**TWO, **_v("tech_smes", 9400.0, status="preliminary")},
    ),  # fmt: skip
    Case(
        "chinese_status_and_regions",
        text(
            "indicator_id,region,year,value,status\ngdp,河北省,2021,40391.3,初步\n"
            "rd_spending,中国,2021,27956.3,修订\nrd_intensity,全国,2022,2.54,预计\n"
        ),
        3,
        {
            **_v("gdp", 40391.3, region="hebei", status="preliminary"),
            **_v("rd_spending", 27956.3, region="china", status="revised"),
        },
    ),  # fmt: skip
    Case(
        "negative_growth_allowed",
        text("indicator_id,year,value\ngdp_growth,2020,-2.5\n"),
        1,
        _v("gdp_growth", -2.5, 2020),
    ),  # fmt: skip
    Case("no_final_newline_complete_row", text((HEADER + ROWS).rstrip("\n")), 2, TWO),
    Case("xlsx_basic", xlsx([XL_HEADER, *XL_ROWS]), 2, TWO),
    Case(  # written by the suite under another title (a template filled in) is a return
        "workbook_of_the_suite_under_another_title",
        titled("廊坊市企业科技创新指标数据录入模板", results=False),
        1,
        BASIC,
    ),  # fmt: skip
    Case(
        "xlsx_merged_cells",
        xlsx(
            [("indicator_id", "year", "value"), ("tech_smes", 2021, 9500), (None, 2022, 10100)],
            merges=["A2:A3"],
        ),
        2,
        {**BASIC, **_v("tech_smes", 10100.0, 2022)},
    ),  # fmt: skip
    Case(
        "xlsx_formula_cached",
        xlsx(
            [("indicator_id", "year", "value"), ("tech_smes", 2021, None)],
            formulas={"C2": "=9000+500"},
            edit=cache_formula_values({"C2": "9500"}),
        ),
        1,
        BASIC,
    ),  # fmt: skip
    Case(  # a helper column =IF(C2>0,"","check"): Excel stores the "" result as t="str", <v/>
        "xlsx_formula_with_empty_text_result",
        xlsx(
            [("indicator_id", "year", "value", "check"), ("tech_smes", 2021, 9500, None)],
            formulas={"D2": '=IF(C2>0,"","check")'},
            edit=excel_empty_text_result("D2"),
        ),
        1,
        BASIC,
    ),  # fmt: skip
    Case(
        "xlsx_several_sheets",
        xlsx([("说明",), ("本表为示例",)], sheets=[("obs", [XL_HEADER, *XL_ROWS], "visible")]),
        2,
        TWO,
    ),  # fmt: skip
    Case(
        "xlsx_hidden_sheet_skipped",
        xlsx(
            [("readme",)],
            sheets=[
                ("old", [XL_HEADER, ("tech_smes", "langfang", 2021, 1)], "hidden"),
                ("obs", [XL_HEADER, *XL_ROWS], "visible"),
            ],
        ),
        2,
        TWO,
    ),  # fmt: skip
    Case(
        "xlsx_only_hidden_sheet_has_data",
        xlsx([("readme",)], sheets=[("obs", [XL_HEADER, *XL_ROWS], "hidden")]),
        2,
        TWO,
    ),
    Case(
        "xlsx_percent_format",
        xlsx([("indicator_id", "year", "value"), ("rd_intensity", 2021, 0.0152)], percent=["C2"]),
        1,
        _v("rd_intensity", 1.52),
    ),  # fmt: skip
    Case(  # Excel shows 6.6 as "6.6%" under 0.0"%" and 0.0\%: a literal sign, no scaling
        "xlsx_literal_percent_sign_in_format",
        xlsx(
            [
                ("indicator_id", "year", "value"),
                ("gdp_growth", 2021, 6.6),
                ("high_tech_industry_share", 2021, 35.6),
                ("rd_intensity", 2021, 0.0152),
            ],
            formats={"C2": '0.0"%"', "C3": "0.0\\%", "C4": '[Blue]0.00%;"-"'},
        ),
        3,
        {
            **_v("gdp_growth", 6.6),
            **_v("high_tech_industry_share", 35.6),
            **_v("rd_intensity", 1.52),
        },
    ),  # fmt: skip
    Case(  # a year typed as a date and formatted to show only the year: 2021年, 2022
        "xlsx_year_typed_as_a_date_shown_as_a_year",
        xlsx(
            [
                ("indicator_id", "year", "value"),
                ("tech_smes", dt.datetime(2021, 1, 1), 9500),
                ("tech_smes", dt.datetime(2022, 1, 1), 10100),
            ],
            formats={"B2": 'yyyy"年"', "B3": "[$-804]yyyy"},
        ),
        2,
        {**BASIC, **_v("tech_smes", 10100.0, 2022)},
    ),  # fmt: skip
    Case("csv_that_is_xlsx", xlsx([XL_HEADER, *XL_ROWS], name="obs.csv"), 2, TWO),
    Case("xlsx_that_is_csv", text(HEADER + ROWS, "gb18030", name="obs.xlsx"), 2, TWO),
    Case("shipped_observations", shipped, 114),
]

# --------------------------------------------------------------------------- invalid files

INVALID = [
    Case("zero_bytes", raw(b""), problems=[(None, None, "no data rows")]),
    Case(
        "header_unit_clashes_with_unit_column",
        text("indicator_id,year,Value (万元),unit\nrd_spending,2021,540300,亿元\n"),
        problems=[(2, "unit", "the header 'Value (万元)' says the values are in '万元'")],
    ),  # fmt: skip
    Case(  # a download cut inside a Chinese character: the file is UTF-8, damaged at row 3
        "utf8_cut_off_inside_a_character",
        raw(
            (
                "indicator_id,year,value,source\ntech_smes,2021,9500,科技局\n"
                "tech_smes,2022,9600,科技局公"
            ).encode()[:-2]
        ),
        problems=[(3, None, "the file is UTF-8 up to line 3")],
    ),  # fmt: skip
    Case(  # Traditional-Chinese Windows: not GB18030, and not to be read as mojibake
        "big5_is_not_read_as_gb18030",
        raw("indicator_id,year,value,source\ntech_smes,2021,9500,廊坊市統計資料\n".encode("big5")),
        problems=[(2, None, "does not read as Chinese GB18030/GBK")],
    ),  # fmt: skip
    Case(  # one sheet per year: reading the first would lose the second without a word
        "xlsx_two_data_sheets",
        xlsx([XL_HEADER, *XL_ROWS], sheets=[("2022年", [XL_HEADER, *XL_ROWS], "visible")]),
        problems=[(None, None, "the workbook has 2 sheets with a data header ('data', '2022年')")],
    ),  # fmt: skip
    Case(  # the value header merged over the unit column: one cell to the clerk, so the unit
        # column is told to unmerge, not to be "renamed" (the statistician's review)
        "xlsx_value_header_merged_over_the_unit_column",
        xlsx(
            [
                (
                    "指标代码 indicator_id",
                    "地区 region",
                    "年份 year",
                    "数值 value",
                    "单位 unit",
                    "状态 status",
                ),
                ("tech_smes", "langfang", 2021, 9500, "家", "final"),
            ],
            merges=["D1:E1"],
        ),
        problems=[
            (
                1,
                "数值 value",
                "column E holds units ('家') under the header '数值 value' "
                "it shares with column D (one header cell merged over both?)",
            )
        ],
    ),  # fmt: skip
    Case(
        "unit_multipliers_clash",
        text("indicator_id,year,value,unit\ngdp,2021,0.36万亿,亿元\n"),
        problems=[(2, "unit", "the value cell says '万亿' but the unit column says '亿元'")],
    ),  # fmt: skip
    Case(  # a whole date in the year column is not silently read as its year
        "xlsx_date_shown_as_a_date_in_the_year_column",
        xlsx(
            [("indicator_id", "year", "value"), ("tech_smes", dt.datetime(2021, 6, 30), 9500)],
            formats={"B2": "yyyy-mm-dd"},
        ),
        problems=[(2, "year", "got '2021-06-30'")],
    ),  # fmt: skip
    Case("header_only", text(HEADER), problems=[(None, None, "no data rows")]),
    Case(
        "only_blank_and_comments",
        text("# nothing yet\n\n,,\n"),
        problems=[(None, None, "no data rows")],
    ),  # fmt: skip
    Case(
        "undecodable_bytes",
        raw(HEADER.encode() + b"gdp,langfang,2021,\xff\xfe\x80,,\n"),
        problems=[(2, None, "cannot be decoded")],
    ),  # fmt: skip
    Case(
        "nul_bytes",
        raw(HEADER.encode() + b"gdp\x00\x00,langfang\n"),
        problems=[(None, None, "NUL bytes")],
    ),  # fmt: skip
    Case(
        "old_xls",
        raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "obs.xls"),
        problems=[(None, None, "this is an old-style .xls workbook")],
    ),  # fmt: skip
    Case(  # WPS 表格's own file shares the old .xls container: said as WPS's, not as an .xls
        # the clerk never saved (the hostile-input review)
        "wps_et_file",
        raw(ole2("Workbook"), "报表.et"),
        problems=[(None, None, "this is a WPS 表格 (WPS Spreadsheets) file (.et)")],
    ),  # fmt: skip
    Case(  # an old workbook renamed .xlsx: no rename makes it readable
        "old_workbook_named_xlsx",
        raw(ole2("Workbook"), "obs.xlsx"),
        problems=[(None, None, "the file is named .xlsx but holds an old-format workbook")],
    ),  # fmt: skip
    Case(  # the results workbook of a run given as input: known by its document
        # properties, whatever its name, and refused as an output, not as five data sheets
        # to delete (the hostile-input review)
        "results_workbook_of_a_run",
        titled(label("index.title", "zh"), name="数据.xlsx"),
        problems=[
            (
                None,
                None,
                "this is the results workbook a run of langfang-metrics wrote "
                "(its document title is '廊坊市强化企业科技创新专项服务工作方案目标监测')",
            )
        ],
    ),  # fmt: skip
    Case(
        "results_workbook_of_a_final_evaluation_in_english",
        titled(label("index.title_final", "en")),
        problems=[(None, None, "final evaluation of the targets'): an output, not returns")],
    ),  # fmt: skip
    Case(  # a Word 97-2003 document sent under the workbook's name is no workbook at all
        "old_word_document_named_xlsx",
        raw(ole2("WordDocument"), "obs.xlsx"),
        problems=[(None, None, "this is an old-style Word document (.doc), not a table")],
    ),  # fmt: skip
    Case(
        "missing_required_column",
        text("indicator_id,year\ntech_smes,2021\n"),
        problems=[(1, "value", "required column 'value' (数值) is missing")],
    ),  # fmt: skip
    Case(
        "duplicated_headers",
        text("indicator_id,year,value,数值\ntech_smes,2021,1,2\n"),
        problems=[(1, "数值", "('value' and '数值') both mean 'value'")],
    ),  # fmt: skip
    Case(
        "missing_values",
        text(
            "indicator_id,year,value\ntech_smes,2015,NaN\ntech_smes,2016,inf\n"
            "tech_smes,2017,-\ntech_smes,2018,—\ntech_smes,2019,不详\ntech_smes,2020,\n"
        ),
        problems=[
            (2, "value", "no usable number ('NaN'"),
            (3, "value", "no usable number"),
            (4, "value", "no usable number"),
            (5, "value", "no usable number"),
            (6, "value", "'不详' means no number"),
            (7, "value", "the cell is empty"),
        ],
    ),
    Case(
        "non_numeric_value",
        text("indicator_id,year,value\ntech_smes,2021,about 9500\n"),
        problems=[(2, "value", "not a number: 'about 9500'")],
    ),  # fmt: skip
    Case(
        "negative_count",
        text("indicator_id,year,value\ntech_smes,2021,-5\n"),
        problems=[(2, "value", "cannot be negative")],
    ),  # fmt: skip
    Case(  # a European thousands dot: 9.120 firms meant 9,120
        "fraction_of_a_firm",
        text(
            "indicator_id,year,value\ntech_smes,2021,9.120\nhigh_tech_enterprises,2022,1303.2\n"
            "high_value_patents_per_10k,2022,2.150\n"
        ),
        problems=[
            (2, "value", "'9.120' would be 9.12; if the dot separates thousands, write 9,120")
        ],
    ),  # fmt: skip
    Case(
        "share_over_100",
        text("indicator_id,year,数值\nhigh_tech_industry_share,2021,135\n"),
        problems=[(2, "数值", "between 0 and 100")],
    ),  # fmt: skip
    Case(
        "impossible_years",
        text(
            "indicator_id,year,value\ntech_smes,1800,1\ntech_smes,2200,1\n"
            "tech_smes,二〇二一,1\ntech_smes,2021.5,1\n"
        ),
        problems=[
            (2, "year", "outside 1949-2100"),
            (3, "year", "outside 1949-2100"),
            (4, "year", "whole number such as 2021"),
            (5, "year", "whole number such as 2021"),
        ],
    ),  # fmt: skip
    Case(
        "wanren_for_jia",
        text("indicator_id,year,value,unit\ntech_smes,2021,1,万人\n"),
        problems=[(2, "unit", "unit '万人' does not match the registry unit '家' for tech_smes")],
    ),
    Case(
        "unknown_unit",
        text("indicator_id,year,value,unit\ngdp,2021,1,美元\n"),
        problems=[(2, "unit", "unit '美元' is not recognised")],
    ),  # fmt: skip
    Case(
        "value_unit_conflicts_unit_column",
        text("indicator_id,year,value,unit\nrd_spending,2021,54.03亿元,万元\n"),
        problems=[(2, "unit", "the value cell says '亿元' but the unit column says '万元'")],
    ),
    Case(
        "duplicate_different_values",
        text(HEADER + ROWS + "tech_smes,langfang,2021,9400,家,final\n"),
        problems=[(4, "value", "duplicate of row 2")],
    ),  # fmt: skip
    Case(
        "unknown_indicator",
        text("indicator_id,year,value\ntech_sme,2021,9500\n"),
        problems=[(2, "indicator_id", "unknown indicator 'tech_sme'; did you mean tech_smes")],
    ),
    Case(
        "unknown_region",
        text("indicator_id,region,year,value\ngdp,beijing,2021,1\n"),
        problems=[(2, "region", "unknown region 'beijing'; use one of langfang (廊坊市)")],
    ),
    Case(
        "unknown_status",
        text("indicator_id,year,value,状态\ngdp,2021,1,guess\n"),
        problems=[(2, "状态", "unknown status 'guess'; use one of 正式数 final, 修订数 revised")],
    ),  # fmt: skip
    Case(
        "row_numbers_count_blank_and_comment_rows",
        text("# title\n" + HEADER + "\n# note\n" + "tech_smes,langfang,2021,x,家,final\n"),
        problems=[(5, "value", "not a number")],
    ),  # fmt: skip
    Case(
        "all_problems_collected",
        text("indicator_id,year,value\nfoo,2021,1\ntech_smes,1800,1\ntech_smes,2021,abc\n"),
        problems=[
            (2, "indicator_id", "unknown indicator"),
            (3, "year", "outside"),
            (4, "value", "not a number"),
        ],
    ),  # fmt: skip
    Case(
        "unquoted_comma_shifts_cells",
        text("indicator_id,year,value\ntech_smes,2021,8,796\n"),
        problems=[(2, "value", "probably 8,796 cut by an unquoted comma")],
    ),  # fmt: skip
    Case(  # the spilt-over group lands in an empty trailing cell a spreadsheet added
        "unquoted_comma_into_an_empty_trailing_cell",
        text("indicator_id,year,value,source,note\ntech_smes,2021,9,120,市科技局,\n"),
        problems=[(2, "value", "probably 9,120 cut by an unquoted comma")],
    ),  # fmt: skip
    Case(  # ... or in the note column, with the row exactly as wide as the header
        "unquoted_comma_into_the_note_column",
        text("indicator_id,year,value,note\ntech_smes,2021,9,120\n"),
        problems=[(2, "value", "probably 9,120 cut by an unquoted comma")],
    ),  # fmt: skip
    Case(  # a shell glob picks up Excel's lock file beside an open workbook
        "excel_lock_file",
        raw(b"\x05user  " + b"\x00" * 40, name="~$obs.xlsx"),
        problems=[(None, None, "Excel's lock file")],
    ),  # fmt: skip
    Case(  # a web page saved with an .xls name by a reporting system
        "web_page_named_xls",
        raw(
            b"<html><head><meta charset='utf-8'></head><body><table><tr><td>indicator_id</td>"
            b"</tr></table></body></html>",
            name="export.xls",
        ),
        problems=[(None, None, "a web page (HTML)")],
    ),  # fmt: skip
    Case(  # a department answers with a note alone: refused as empty, not a traceback
        "only_a_note_under_the_header",
        text("indicator_id,region,year,value\n注：本单位本年度无相关数据,,,\n"),
        problems=[(None, None, "no data rows")],
    ),  # fmt: skip
    Case(
        "several_units_stated_above_the_table",
        text("单位：万元、家\n指标代码,年份,数值\nrd_spending,2022,605000\n"),
        problems=[(1, None, "several units for one table")],
    ),  # fmt: skip
    Case(  # county figures would load as Langfang's
        "county_column_not_known",
        text("指标代码,县（市、区）,年份,数值\ntech_smes,三河市,2022,1200\n"),
        problems=[(1, "县（市、区）", "looks like the region")],
    ),  # fmt: skip
    Case(
        "unknown_unit_stated_above_the_table",
        text("统计表\n单位：吨\nindicator_id,year,value\ntech_smes,2021,956\n"),
        problems=[(2, None, "a unit this reader does not know")],
    ),  # fmt: skip
    Case(  # old and new definitions would be merged into one series without a word
        "definition_column_beside_a_status_column",
        text(
            "indicator_id,year,value,状态,口径\n"
            "high_tech_industry_share,2021,37.1,正式数,旧口径\n"
            "high_tech_industry_share,2023,46.0,正式数,新口径\n"
        ),
        problems=[(1, "口径", "gives high_tech_industry_share more than one definition")],
    ),  # fmt: skip
    Case(  # "10个以上" is the number and a status: the message says which
        "a_bound_written_into_the_value",
        text("indicator_id,year,value\ntech_smes,2021,10000家以上\n"),
        problems=[(2, "value", "write 10000 in the value cell and the status 下限 (lower-bound)")],
    ),  # fmt: skip
    Case(  # every row would silently be Langfang's
        "unread_column_that_looks_like_the_region",
        text("indicator_id,所属区县,year,value\ntech_smes,河北省,2021,9500\n"),
        problems=[(1, "所属区县", "looks like the region")],
    ),  # fmt: skip
    Case(
        "truncated_csv_mid_row",
        text(HEADER + ROWS + "rd_platforms,langfang,20"),
        problems=[(4, None, "looks cut off")],
    ),  # fmt: skip
    Case(
        "truncated_csv_in_quotes",
        text(HEADER + ROWS + 'rd_platforms,langfang,2022,"13'),
        problems=[(4, None, "never closed")],
    ),  # fmt: skip
    Case(
        "truncated_xlsx",
        xlsx([XL_HEADER, *XL_ROWS], edit=truncate(0.6)),
        problems=[(None, None, "damaged or incomplete")],
    ),  # fmt: skip
    Case(
        "zip_not_workbook",
        raw(
            edit_part(xlsx_bytes(workbook([XL_HEADER])), "xl/workbook.xml", lambda b: b).replace(
                b"xl/workbook.xml", b"xl/notebook.xml"
            ),
            "obs.xlsx",
        ),
        problems=[(None, None, "not an Excel workbook")],
    ),  # fmt: skip
    Case(
        "png_named_xlsx",  # a screenshot of the table sent in its place
        raw(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "obs.xlsx"),
        problems=[(None, None, "this is a PNG image, not a table of figures")],
    ),  # fmt: skip
    Case(
        "pdf_named_xlsx",
        raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "obs.xlsx"),
        problems=[(None, None, "this is a PDF document, not a table of figures")],
    ),  # fmt: skip
    Case(
        "docx_named_xlsx",
        raw(
            zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
            "obs.xlsx",
        ),
        problems=[(None, None, "this is a Word document (.docx), not an Excel workbook")],
    ),  # fmt: skip
    Case(
        "xlsx_formula_without_cached_value",
        xlsx(
            [("indicator_id", "year", "value"), ("tech_smes", 2021, None)],
            formulas={"C2": "=9000+500"},
        ),
        problems=[(2, "value", "formula has no computed value — open the file in Excel")],
    ),
    Case(
        "xlsx_encrypted_entries",
        xlsx([XL_HEADER, *XL_ROWS], edit=zip_entries(flags=0x1)),
        problems=[(None, None, "parts are encrypted: remove its password")],
    ),  # fmt: skip
    Case(  # Excel's "Encrypt with Password": an OLE2 container holding the encrypted zip
        "xlsx_password_protected",
        raw(
            bytes.fromhex("d0cf11e0a1b11ae1")
            + bytes(504)
            + "EncryptionInfo".encode("utf-16-le")
            + bytes(50)
            + "EncryptedPackage".encode("utf-16-le")
            + bytes(512),
            "locked.xlsx",
        ),
        problems=[(None, None, "the workbook is password-protected")],
    ),  # fmt: skip
    Case(
        "xlsx_deflate64",
        xlsx([XL_HEADER, *XL_ROWS], edit=zip_entries(method=9)),
        problems=[(None, None, "compressed in a way this reader cannot read (zip method 9)")],
    ),  # fmt: skip
    Case(
        "year_and_exponent_beyond_any_range",
        text(
            "indicator_id,year,value\ntech_smes," + "9" * 5000 + ",5\n"
            "tech_smes," + "0" * 5000 + "2021,1e999999999999999999999\n"
            "tech_smes,2022,1e300万亿\n"
        ),
        problems=[
            (2, "year", "is outside 1949-2100"),
            (3, "value", "is out of range"),
            (4, "value", "is out of range in 家"),
        ],
    ),  # fmt: skip
    Case(
        "xlsx_billion_laughs",
        xlsx([XL_HEADER, *XL_ROWS], edit=billion_laughs),
        problems=[(None, None, "declares a DTD or XML entities")],
    ),  # fmt: skip
    Case(
        "xlsx_zip_bomb",
        xlsx([XL_HEADER, *XL_ROWS], edit=zip_bomb),
        problems=[(None, None, "over the limit of 100")],
    ),  # fmt: skip
    Case(
        "xlsx_over_uncompressed_limit",
        xlsx([XL_HEADER, *XL_ROWS]),
        patch={"MAX_XLSX_UNCOMPRESSED_BYTES": 1000},
        problems=[(None, None, "would expand to")],
    ),  # fmt: skip
    Case(
        "xlsx_over_row_limit",
        xlsx([XL_HEADER, *XL_ROWS] * 3),
        patch={"MAX_INPUT_ROWS": 3},
        problems=[(None, None, "over the limit of 3 rows")],
    ),
    Case(
        "xlsx_bad_values",
        xlsx(
            [
                ("指标代码 indicator_id", "年份 year", "数值 value"),
                ("tech_smes", 2021, "NaN"),
                ("tech_smes", 2022, -3),
            ]
        ),
        problems=[(2, "数值 value", "no usable number"), (3, "数值 value", "cannot be negative")],
    ),  # fmt: skip
    Case(
        "over_byte_limit",
        text(HEADER + ROWS * 40),
        patch={"MAX_INPUT_BYTES": 1000},
        problems=[(None, None, "over the limit of")],
    ),  # fmt: skip
    Case(
        "csv_over_row_limit",
        text(HEADER + ROWS * 3),
        patch={"MAX_INPUT_ROWS": 5},
        problems=[(None, None, "over the limit of 5 rows")],
    ),  # fmt: skip
    Case("million_rows", million_rows, problems=[(None, None, "over the limit of 200,000 rows")]),
    Case(
        "missing_file",
        lambda folder: folder / "nowhere.csv",
        problems=[(None, None, "file not found")],
    ),  # fmt: skip
    # two tables pasted one under the other: one problem for the repeated header, not five
    Case(
        "header_repeated_inside",
        text(
            "指标代码,年份,数值\ntech_smes,2021,9000\n指标代码 indicator_id,年份 year,数值 value\n"
            "tech_smes,2022,9100\n"
        ),
        problems=[(3, None, "this row repeats the header")],
    ),  # fmt: skip
    Case(
        "growth_rate_below_minus_100",
        text("indicator_id,year,value\nrd_spending_growth,2023,-250\n"),
        problems=[(2, "value", "a growth rate in percent cannot be -250")],
    ),  # fmt: skip
]

CASES = VALID + INVALID
