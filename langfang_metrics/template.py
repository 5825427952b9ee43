"""The bilingual Excel input template statisticians fill in.

``write_template(path)`` writes a workbook with a data sheet (bilingual headers, drop-down
lists for indicator, region and status, frozen header), the list of indicators from the
registry, and a sheet explaining the columns and statuses. The file is byte-identical on
every run: document properties and zip timestamps are fixed to ``config.FIXED_TIMESTAMP``,
and it is written to a temporary file first and moved into place with ``os.replace``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from . import config, registry
from .errors import Refusal
from .labels import label, obs_status_label

DATA_SHEET = config.TEMPLATE_DATA_SHEET
INDICATOR_SHEET = "指标 indicators"
NOTES_SHEET = "说明 notes"

#: Header cells of the data sheet, in contract order: Chinese, then the English column name.
TEMPLATE_HEADERS = (
    ("指标代码", "indicator_id"), ("地区", "region"), ("年份", "year"), ("数值", "value"),
    ("单位", "unit"), ("状态", "status"), ("来源", "source"), ("网址", "url"),
    ("访问日期", "accessed"), ("原文摘录", "quote"), ("备注", "note"), ("发布日期", "published"),
)  # fmt: skip

#: What each status means, in Chinese and in English (its Chinese word is the labels' one,
#: ``labels.obs_status_label``, as the drop-down, the request workbooks and the loader's
#: messages say it: the notes had said 正式, 部分年度 where they all say 正式数, 非全年).
STATUS_NOTES = {
    "final": ("正式数据（统计公报、年鉴）。", "Final official figure (statistical bulletin, yearbook)."),
    "revised": ("对正式数的后续修订。", "A later revision of a final figure."),
    "preliminary": ("初次发布的数字（快报），之后由正式数替代。",
                    "First release (flash report), to be replaced by a final figure."),
    "estimate": ("估计数，如计划执行报告中的“预计”。",
                 "Estimate, e.g. '预计' in a plan-execution report."),
    "chained": ("衔接数：新口径数字乘以两种口径都有年份的比值，衔接到本序列口径（见填报说明）。",
                "Chained: a new-definition figure times the ratio of a year given on both "
                "definitions, brought onto the series' own (see the input format)."),
    "chained-preliminary": ("衔接初步数：由新口径初步数衔接的数字，之后由衔接数替代。",
                            "Chained from the new definition's preliminary figure, to be "
                            "replaced by the chained final figure."),
    "lower-bound": ("出处写“以上”“超过”。", "The source says 'more than' (以上, 超过)."),
    "upper-bound": ("出处写“以下”“不到”。", "The source says 'less than' / 'below' (以下, 不到)."),
    "part-year": ("只覆盖部分年度（如上半年）。", "Covers part of the year only (e.g. first half)."),
    "other-definition": ("口径不同，不能与序列比较。",
                         "Different definition; not comparable with the series."),
}  # fmt: skip

#: Each column: whether it is required, and what it holds in Chinese and in English.
COLUMN_NOTES = (
    ("indicator_id", "必填 required", "指标代码，或指标的中文/英文名称（见“指标”工作表）。",
     "Indicator id, or its Chinese/English name (see sheet 指标)."),
    ("region", "可选 optional", "langfang/hebei/china 或 廊坊市/河北省/全国；空 = 廊坊市。",
     "langfang/hebei/china or 廊坊市/河北省/全国; empty = langfang."),
    ("year", "必填 required", "公历年份，如 2021（也可写 2021年）。",
     "Calendar year, e.g. 2021 (2021年 is accepted)."),
    ("value", "必填 required", "数字，如 8796、8,796、35.6%、54.03亿元。",
     "Number, e.g. 8796, 8,796, 35.6%, 54.03亿元."),
    ("unit", "可选 optional", "空 = 登记表中的单位；万元、亿元、万亿元等自动换算。",
     "Empty = the registry unit; 万元/亿元/万亿元 etc. are converted."),
    ("status", "可选 optional", "见下方状态列表；空 = 正式数。",
     "One of the statuses below; empty = final."),
    ("source", "可选 optional", "数字的出处（公报、文件名称）。", "Publication the figure comes from."),
    ("url", "可选 optional", "出处网址。", "Web address of the source."),
    ("accessed", "可选 optional", "查阅日期，如 2024-05-01。",
     "Date the source was read, e.g. 2024-05-01."),
    ("quote", "可选 optional", "出处中载明该数字的原句。",
     "The sentence of the source that states the figure."),
    ("note", "可选 optional", "读者需要知道的其他情况。", "Anything a reader should know."),
    ("published", "可选 optional",
     "数字首次公开发布的日期，如 2023-02-10（也可写 2023-02 或 2023）；填写后，各数据年份的"
     "预测按当时已发布的数字计算（不含其后的修订）。",
     "Date the figure was first made public, e.g. 2023-02-10 (2023-02 or 2023 also do); "
     "when given, each vintage's forecast uses the figures out by then, not later revisions."),
)  # fmt: skip

_BOLD = Font(**config.WORKBOOK_FONT, bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")


def published_validation(cells: str) -> DataValidation:
    """The rule of a publication-date column (``cells``, e.g. ``"K2:K40"``): a date cell, or
    text that starts with a year of :data:`config.YEAR_RANGE` ("2024-02-28", "2024-02",
    "2024年2月", "2024", "20240228"), as :func:`observations.published_date` reads them; the
    loader checks the rest (the month and day, not before the figure's year, not after today).

    A warning, not a stop: the loader is the judge, and a form it reads that Excel doubted
    (full-width digits) must not be blocked. Its input message says what to write there, for
    a clerk who selects the cell: the column was the one nobody had been told about.
    """
    lo, hi = config.YEAR_RANGE
    first = cells.split(":")[0]
    year = f"VALUE(LEFT(TRIM({first}),4))"
    formula = (f"OR(AND(ISNUMBER({first}),{first}>=DATE({lo},1,1),{first}<=DATE({hi},12,31)),"
               f"IFERROR(AND({year}>={lo},{year}<={hi}),FALSE))")  # fmt: skip
    dv = DataValidation(type="custom", formula1=formula, allow_blank=True, errorStyle="warning")
    dv.showErrorMessage = dv.showInputMessage = True
    dv.promptTitle = dv.errorTitle = "发布日期 published"
    dv.prompt = f"{label('published.prompt', 'zh')}\n{label('published.prompt', 'en')}"
    dv.error = f"{label('published.error', 'zh')} / {label('published.error', 'en')}"
    dv.add(cells)
    return dv


def _data_sheet(ws, n_indicators: int) -> None:
    ws.append([f"{zh} {en}" for zh, en in TEMPLATE_HEADERS])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _FILL
    ws.freeze_panes = "A2"
    widths = (28, 12, 8, 12, 10, 14, 30, 30, 14, 40, 30, 14)
    for col, width in zip("ABCDEFGHIJKL", widths, strict=True):
        ws.column_dimensions[col].width = width
    quoted = f"'{INDICATOR_SHEET}'"
    # the lists offer what the notes sheet says may be typed: the status in Chinese and
    # English ("正式数 final", as the request workbooks), regions by code or Chinese name; an
    # indicator may be given by its name, so a typed name only warns (they were English-only
    # lists that blocked the Chinese the notes invite)
    statuses = ",".join(f"{label(f'obs.{s}', 'zh')} {s}" for s in config.STATUSES)
    rules = (
        ("A2:A5000", f"{quoted}!$A$2:$A${n_indicators + 1}", "指标代码 indicator_id", "warning"),
        ("B2:B5000", '"langfang,hebei,china,廊坊市,河北省,全国"', "地区 region", "stop"),
        ("F2:F5000", f'"{statuses}"', "状态 status", "stop"),
    )
    for ref, formula, title, style in rules:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle=style)
        dv.error = ("Choose a value from the list / 请从列表中选择" if style == "stop" else
                    "Not an indicator code: an indicator name (指标工作表) is accepted too / "
                    "不是指标代码：也可填写指标名称（见“指标”工作表）")  # fmt: skip
        dv.errorTitle = title
        dv.showErrorMessage = True
        dv.add(ref)
        ws.add_data_validation(dv)
    # the publication date had a header and nothing else: too narrow to read, no word of
    # what to write
    published = get_column_letter([en for _zh, en in TEMPLATE_HEADERS].index("published") + 1)
    ws.add_data_validation(published_validation(f"{published}2:{published}5000"))
    ws.column_dimensions[published].number_format = "@"  # 2024 typed stays 2024, not 1905


def _indicator_sheet(ws, indicators) -> None:
    cols = ("indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "kind")
    ws.append(["指标代码 indicator_id", "中文名称 name_zh", "英文名称 name_en",
               "单位 unit_zh", "英文单位 unit_en", "类型 kind"])  # fmt: skip
    for row in indicators.loc[:, list(cols)].itertuples(index=False):
        ws.append(list(row))
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _FILL
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEF", (34, 40, 60, 10, 20, 12), strict=True):
        ws.column_dimensions[col].width = width


def _notes_sheet(ws) -> None:
    ws.append(["列 column", "是否必填 required", "说明", "description"])
    for row in COLUMN_NOTES:
        ws.append(list(row))
    ws.append([])
    ws.append(["状态 status", "中文 Chinese", "说明", "description"])
    for status in config.STATUSES:
        zh, en = STATUS_NOTES.get(status, ("", ""))
        ws.append([status, obs_status_label(status, "zh"), zh, en])
    ws.append([])
    mb = config.MAX_INPUT_BYTES // 2**20
    ws.append(["限制 limits", f"{config.MAX_INPUT_ROWS:,} 行 rows", f"每个文件 {mb} MB",
               f"{mb} MB per file"])  # fmt: skip
    for row in ws.iter_rows(min_row=2):
        for cell in row[2:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCD", (18, 22, 50, 60), strict=True):
        ws.column_dimensions[col].width = width


def build_workbook() -> Workbook:
    """Return the template workbook (not yet saved), with fixed document properties."""
    indicators = registry.load_indicators()
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    _data_sheet(ws, len(indicators))
    _indicator_sheet(wb.create_sheet(INDICATOR_SHEET), indicators)
    _notes_sheet(wb.create_sheet(NOTES_SHEET))
    stamp = dt.datetime.fromisoformat(config.FIXED_TIMESTAMP)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = config.WORKBOOK_CREATOR
    wb.properties.title = (
        "廊坊市企业科技创新指标数据录入模板 Langfang S&T indicators input template"
    )
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """Serialise a workbook reproducibly: fixed zip entry times, entries in write order."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # unlike Workbook.save, keeps properties.modified
    stamp = dt.datetime.fromisoformat(config.FIXED_TIMESTAMP).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_template(path: Path | str, *, overwrite: bool = False) -> Path:
    """Write the bilingual input template to ``path`` atomically and return the path.

    Parameters
    ----------
    path : path-like
        Destination ``.xlsx``; its folder is created if needed.
    overwrite : bool
        Replace an existing file (only once the new one is complete). Without it an existing
        file is refused: it may be a filled-in template or a data file.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        For a name not ending in ``.xlsx``, a path inside ``data/raw`` (read-only inputs) or
        an existing file without ``overwrite``; nothing is written.
    """
    from .export import atomic_write_bytes, refuse_inside_published, refuse_inside_raw

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise Refusal(f"the template is an Excel workbook: give a file name ending in "
                      f".xlsx, got '{path}'",
                      f"模板是 Excel 工作簿：请给出以 .xlsx 结尾的文件名，现在是“{path}”")  # fmt: skip
    refuse_inside_raw(path, f"'{path}'", "write the template elsewhere")
    refuse_inside_published(path, f"'{path}'", "write the template elsewhere")
    if path.exists() and not overwrite:
        raise Refusal(f"'{path}' already exists (it may hold filled-in figures); choose "
                      "another name, or pass --force to replace it",
                      f"“{path}”已存在（其中可能有已填写的数字）；请换一个文件名，或加 --force "
                      "替换它")  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, workbook_bytes(build_workbook()))  # a full disk names the file
    return path
