"""Safe low-level reading of observation files: bytes in, rows of text cells out.

Everything here guards against files that are awkward (Excel encodings, odd line endings,
merged cells, formulas) or hostile (huge, zip bombs, XML entity expansion, damaged archives).
Whatever goes wrong becomes a :class:`~langfang_metrics.errors.Problem`; the only exception
that leaves this module is :class:`~langfang_metrics.errors.DataValidationError`.

The xlsx path parses only a few things itself (the zip central directory, ``<mergeCell>``
references and formula cells without a cached value); cell values come from openpyxl in
read-only, ``data_only`` mode, which parses XML through defusedxml when it is installed.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .errors import DataValidationError, Problem

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHUNK = 1 << 20
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
FORMULA_NO_VALUE = "formula has no computed value — open the file in Excel and save it again"
FORMULA_NO_VALUE_ZH = "公式没有计算结果——请用 Excel 打开该文件并重新保存"
_DAMAGED = "the workbook is damaged or incomplete ({}); open it in Excel and save it again"
_DAMAGED_ZH = "工作簿已损坏或不完整（技术信息：{}）；请用 Excel 打开并重新保存"
_MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"")
_ROW_RE = re.compile(rb"<(?:\w+:)?row[\s>/]")
#: A cell's value (``<v>``) or inline string (``<is>``): a row without one holds no figure.
_VALUE_RE = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]")
#: A row start tag that hides its row (Excel writes hidden="1"; "true" is valid too).
#: A row tag that hides its row: hidden, or dragged to under a point high (ht="0": the
#: hostile-input review's zero-height row was read without a word).
_HIDDEN_ROW_RE = re.compile(
    rb'<(?:\w+:)?row\s[^>]*?\b(?:hidden="(?:1|true)"|ht="0*(?:\.\d*)?")[^>]*>'
)
_ROW_NUMBER_RE = re.compile(rb'\br="(\d+)"')
#: Excel's "hide every row not given a height" (rows hidden below a table are written so):
#: a row tag with neither a height nor a hidden switch of its own is then hidden. A row
#: with a height is shown, whether or not it is marked custom: LibreOffice writes the rows
#: it shows as ``ht="15" hidden="false" customHeight="false"`` (the diff review: counting
#: on ``customHeight`` named every row of such a file hidden).
_ZERO_HEIGHT_RE = re.compile(rb'<(?:\w+:)?sheetFormatPr\s[^>]*?\bzeroHeight="(?:1|true)"')
_ROW_TAG_RE = re.compile(rb"<(?:\w+:)?row\s[^>]*>")
_OWN_HEIGHT_RE = re.compile(rb'\b(?:ht|hidden)="')
#: A column range (``<col min=".." max="..">``) hidden, or narrowed to under a character.
_HIDDEN_COL_RE = re.compile(
    rb'<(?:\w+:)?col\s[^>]*?\b(?:hidden="(?:1|true)"|width="0*(?:\.\d*)?")[^>]*>'
)
_COL_SPAN_RE = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')
_HIDE_ZEROS_RE = re.compile(rb'<(?:\w+:)?sheetView\s[^>]*?\bshowZeros="(?:0|false)"')
_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class RawTable:
    """The cells of one input table, as text, with their spreadsheet row numbers.

    Attributes
    ----------
    file : str
        The file as the user named it.
    rows : list of (int, list of str)
        Every row in file order with its 1-based spreadsheet row number; blank and comment
        rows are kept so the caller can skip them while keeping row numbers right.
    problems : list of Problem
        Cell-level problems found while reading (e.g. formulas without a cached value).
    truncated_tail : bool
        True when a CSV does not end with a line break (its last row may be cut off).
    sheet : str or None
        Worksheet the rows come from (xlsx only).
    formula_cells : set of (int, int)
        (row, 0-based column) of formula cells without a cached value (already reported).
    delimiter : str or None
        A CSV's field separator (None for a worksheet): a semicolon comes from locales that
        write a decimal comma.
    hidden : tuple of int
        Spreadsheet rows the sheet hides (xlsx only): read like the others, and said. A row
        under a point high counts, and so does every row with neither a height nor a hidden
        switch of its own on a sheet that hides those (``zeroHeight``, Excel's way of hiding
        all rows below a table).
    hidden_columns : tuple of int
        0-based columns the sheet hides or narrows to under a character (xlsx only): read
        like the others; the loader says those that hold what a figure is.
    merged : dict
        ``(row, 0-based column) -> (top row, left column, range)`` of every cell that
        :func:`apply_merges` filled from the top-left cell of its merged range (xlsx only):
        a figure copied into the next year's value cell, or a value merged over its unit,
        is the reader's doing, not the clerk's, and the loader says so.
    unseen : dict
        ``(row, 0-based column) -> "struck", "blank:<format>" or "dash:<format>"`` of the
        cells that hold something the sheet does not let its reader see as it is (xlsx
        only): struck through (删除线, a figure withdrawn?), under a number format that shows
        nothing for the value (``;;;``, or ``0;-0;;@`` for a 0), a 0 on a sheet set not to
        show zeros ("blank:"), or a 0 an accounting format shows as "-" ("dash:").
    unread_sheets : tuple of RawTable
        Sheets of a request workbook, beside its own, that hold something and are not read
        into the figures (:func:`unread_request_sheets`), each with its rows: the loader
        parses them to tell a county breakdown (said after NOTE:) from the home region's
        figures (refused: they would be lost).
    """

    file: str
    rows: list[tuple[int, list[str]]]
    problems: list[Problem] = field(default_factory=list)
    truncated_tail: bool = False
    sheet: str | None = None
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    delimiter: str | None = None
    hidden: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    merged: dict[tuple[int, int], tuple[int, int, str]] = field(default_factory=dict)
    unseen: dict[tuple[int, int], str] = field(default_factory=dict)
    unread_sheets: tuple[RawTable, ...] = ()


def fail(file: str, message: str, row: int | None = None, column: str | None = None,
         zh: str = ""):  # fmt: skip
    """Raise a DataValidationError carrying one file-level problem (``zh``: the message in
    Chinese)."""
    raise DataValidationError([Problem(file, row, column, message, message_zh=zh)])


def _damaged(name: str, detail: str):
    """Raise the problem of a damaged workbook, ``detail`` saying what broke."""
    fail(name, _DAMAGED.format(detail), zh=_DAMAGED_ZH.format(detail))


# --------------------------------------------------------------------------- entry point


#: Name of the stream that holds an encrypted .xlsx inside its OLE2 container (directory
#: entries are named in UTF-16LE).
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def read_table(path: Path | str, header_matches: Callable[[list[str]], bool]) -> RawTable:
    """Read a CSV/TXT or XLSX file (chosen by content, not extension) into text rows.

    Parameters
    ----------
    path : path-like
        The input file; it is opened read-only and never written.
    header_matches : callable
        Returns True when a row of header cells names the known columns; used to choose
        the data sheet of a workbook.

    Returns
    -------
    RawTable

    Raises
    ------
    DataValidationError
        For missing, empty, oversized, damaged, undecodable or hostile files.
    """
    path = Path(path)
    name = str(path)
    try:
        size = check_size(path, name)
        with open(path, "rb") as fh:
            head = fh.read(8)
            start = head + fh.read(504)
        if path.name.startswith("~$"):  # Excel's lock file beside an open workbook
            fail(name, "this is Excel's lock file for an open workbook (its name starts with "
                       "'~$'), not data: leave it out (close the workbook and it goes away)",
                 zh="这是 Excel 为已打开的工作簿建立的锁定文件（文件名以“~$”开头），不是数据：请"
                    "不要使用它（关闭工作簿后它会自动消失）")  # fmt: skip
        if kind := _binary_kind(head):
            fail(name, f"this is {kind}, not a table of figures: send the workbook (.xlsx) "
                       "or a CSV file instead",
                 zh=f"这是{_zh_kind(kind)}，不是数据表：请改为发送工作簿（.xlsx）或 CSV "
                    "文件")  # fmt: skip
        if markup := _markup_kind(start):
            fail(name, f"this is {markup} with a spreadsheet's name, not a workbook (exported "
                       "from a web system?): open it in Excel or WPS and save it as .xlsx "
                       "(Excel Workbook) or as CSV UTF-8",
                 zh=f"这是{_zh_kind(markup)}，只是用了表格文件的名字，并不是工作簿"
                    "（从网页系统导出的？）：请用 Excel 或 WPS 打开，另存为 .xlsx（Excel 工作簿）"
                    "或 CSV UTF-8")  # fmt: skip
        if head.startswith(ZIP_MAGIC):
            return read_xlsx(path, name, size, header_matches)
        if head.startswith(OLE2_MAGIC):
            data = path.read_bytes()
            if _ENCRYPTED_OOXML in data:  # an .xlsx with a password is OLE2 too
                fail(name, "the workbook is password-protected: remove its password in Excel "
                           "(File → Info → Protect Workbook) and save it again",
                     zh=_PASSWORD_ZH)  # fmt: skip
            said, said_zh = old_office_file(path.suffix, data)
            fail(name, said, zh=said_zh)
        if path.suffix.casefold() not in (".xlsx", ".xlsm"):
            return read_csv(path, name)
        try:  # a CSV saved under a workbook's name loads; anything else is no text either
            return read_csv(path, name)
        except DataValidationError as err:
            # bytes no encoding reads: junk; a Big5 or a cut UTF-8 text keeps its diagnosis
            junk = ("the file contains NUL bytes", "the text cannot be decoded as UTF-8 or GB")
            if not any(p.message.startswith(junk) for p in err.problems):
                raise
            fail(name, "the file has a workbook's name but is neither a workbook nor text: "
                       "damaged, or another kind of file renamed? Open it in Excel or WPS and "
                       "save it as .xlsx (or as CSV UTF-8)",
                 zh="该文件名是工作簿，但内容既不是工作簿也不是文本：文件已损坏，或是改了扩展名的"
                    "其他文件？请用 Excel 或 WPS 打开，另存为 .xlsx（或 CSV UTF-8）")  # fmt: skip
    except (OSError, MemoryError) as exc:  # unreadable file, or too big for this machine
        fail(
            name,
            f"the file cannot be read ({type(exc).__name__}: {exc})",
            zh=f"无法读取该文件（{type(exc).__name__}: {exc}）",
        )


#: Streams that name what an OLE2 (Office 97-2003) file holds besides a workbook: their
#: directory entries are named in UTF-16LE.
_OLE2_DOCUMENTS = (
    ("WordDocument".encode("utf-16-le"), "an old-style Word document (.doc)", "旧版 Word 文档（.doc）"),
    ("PowerPoint Document".encode("utf-16-le"), "an old-style PowerPoint presentation (.ppt)",
     "旧版 PowerPoint 演示文稿（.ppt）"),
)  # fmt: skip
#: Suffixes of WPS 表格's own files (a workbook, a template): the OLE2 container an old
#: .xls has too, but a clerk who saved from WPS knows no ".xls" (the hostile-input review).
WPS_SUFFIXES = (".et", ".ett")
#: Suffixes of Excel 97-2003 files (a workbook, a template).
_XLS_SUFFIXES = (".xls", ".xlt")


def old_office_file(suffix: str, data: bytes) -> tuple[str, str]:
    """What an OLE2 (Office 97-2003) file is and how to send it, in English and Chinese, by
    its streams and its name: a Word or PowerPoint file is no table; a workbook named .et is
    WPS 表格's, one named .xls Excel's old format, one under another name (.xlsx, .csv) an
    old workbook renamed, which no rename makes readable."""
    for stream, kind, kind_zh in _OLE2_DOCUMENTS:
        if stream in data:
            return (f"this is {kind}, not a table of figures: send the workbook (.xlsx) or a "
                    "CSV file instead",
                    f"这是{kind_zh}，不是数据表：请改为发送工作簿（.xlsx）或 CSV 文件")  # fmt: skip
    suffix = suffix.casefold()
    if suffix in WPS_SUFFIXES:
        return (f"this is a WPS 表格 (WPS Spreadsheets) file ({suffix}), which cannot be read "
                "here: open it in WPS, choose 文件 → 另存为 (File → Save As) and save it as an "
                "Excel workbook (.xlsx) or as CSV",
                f"这是 WPS 表格文件（{suffix}），本程序不能读取：请用 WPS 打开，点“文件 → 另存为”，"
                "文件类型选 Excel 工作簿（.xlsx）或 CSV 后保存")  # fmt: skip
    if suffix in _XLS_SUFFIXES:
        return ("this is an old-style .xls workbook; save it as .xlsx or as CSV UTF-8",
                "这是旧版 .xls 工作簿；请另存为 .xlsx 或 CSV UTF-8")  # fmt: skip
    named = f"named {suffix}" if suffix else "named without an extension"
    named_zh = f"扩展名是 {suffix}" if suffix else "没有扩展名"
    return (f"the file is {named} but holds an old-format workbook (Excel 97-2003 .xls, or "
            "WPS 表格 .et), renamed rather than saved in another format: open it in Excel or "
            "WPS and save it as .xlsx (Excel Workbook) or as CSV UTF-8",
            f"该文件{named_zh}，内容却是旧格式的工作簿（Excel 97-2003 的 .xls 或 WPS 表格的 "
            ".et），只改了文件名而没有另存为其他格式：请用 Excel 或 WPS 打开，另存为 .xlsx"
            "（Excel 工作簿）或 CSV UTF-8")  # fmt: skip


#: Signatures of files sent in a workbook's place (a screenshot of the table, a PDF of it):
#: read as text they were "not UTF-8 or GB18030/GBK (bad bytes 9d 09 …)".
_BINARY_KINDS = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"{\\rtf", "an RTF document"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"\x1f\x8b", "a gzip archive"),
)  # fmt: skip


#: The kinds of file above, and the markup ones below, as the Chinese messages name them.
_KIND_ZH = {
    "a PNG image": "PNG 图片", "a JPEG image": "JPEG 图片", "a GIF image": "GIF 图片",
    "a PDF document": "PDF 文档", "an RTF document": "RTF 文档", "a TIFF image": "TIFF 图片",
    "a RAR archive": "RAR 压缩包", "a 7-Zip archive": "7-Zip 压缩包",
    "a gzip archive": "gzip 压缩包", "a web page (HTML)": "网页（HTML）",
    "an XML file (Excel 2003 XML?)": "XML 文件（Excel 2003 XML？）",
    "a Word document (.docx)": "Word 文档（.docx）",
    "a PowerPoint presentation (.pptx)": "PowerPoint 演示文稿（.pptx）",
}  # fmt: skip
_PASSWORD_ZH = "工作簿设有密码：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后重新保存"


def _zh_kind(kind: str) -> str:
    """A kind of file as a Chinese message names it, spaced from Latin letters ("这是 PDF
    文档", not "这是PDF 文档")."""
    said = _KIND_ZH.get(kind, kind)
    return f" {said}" if said[:1].isascii() else said


def _binary_kind(head: bytes) -> str | None:
    """What a file that is not text, a workbook or an old Excel file is, by its first bytes."""
    return next((kind for magic, kind in _BINARY_KINDS if head.startswith(magic)), None)


def _markup_kind(start: bytes) -> str | None:
    """ "a web page (HTML)" or "an XML file (Excel 2003 XML?)" for a file that starts as one."""
    for enc in ("utf-8-sig", "utf-16"):
        try:
            text = start.decode(enc, errors="ignore").lstrip().lower()
        except LookupError:  # pragma: no cover - both codecs are built in
            continue
        if text.startswith(("<html", "<!doctype html", "<table", "<meta", "<head")):
            return "a web page (HTML)"
        if text.startswith("<?xml") or "urn:schemas-microsoft-com:office:spreadsheet" in text:
            return "an XML file (Excel 2003 XML?)"
    return None


def check_size(path: Path, name: str) -> int:
    """Return the file size, or raise for a missing, empty or oversized file."""
    try:
        if not path.is_file():
            if path.is_symlink():  # dangling, or a loop of links
                fail(
                    name,
                    "the file is a broken link (it points to no readable file)",
                    zh="该文件是失效的链接（指向的文件无法读取）",
                )
            if path.exists():  # a folder or a special file (FIFO, device)
                fail(name, "not a regular file (a folder, a pipe or a device); give a .csv, "
                           ".txt, .tsv, .xlsx or .xlsm file",
                     zh="不是普通文件（是文件夹、管道或设备）；请给出 .csv、.txt、.tsv、.xlsx 或 "
                        ".xlsm 文件")  # fmt: skip
            fail(name, "file not found; check the path", zh="找不到该文件；请检查路径")
        size = path.stat().st_size
    except OSError as exc:
        fail(
            name,
            f"the file cannot be opened ({exc.strerror or exc})",
            zh=f"无法打开该文件（{exc.strerror or exc}）",
        )
    if size == 0:
        fail(
            name,
            "the file is empty (0 bytes): the file has no data rows",
            zh="文件是空的（0 字节）：没有数据行",
        )
    limit = config.MAX_INPUT_BYTES
    if size > limit:
        fail(
            name,
            f"the file is {size / 2**20:.1f} MB, over the limit of {limit / 2**20:g} MB; "
            "split it into several files (e.g. one per region or per group of years) "
            "and load each one",
            zh=f"文件大小 {size / 2**20:.1f} MB，超过 {limit / 2**20:g} MB 的上限；请拆分成几个"
            "文件（如每个地区或每几年一个）分别读入",
        )
    return size


def row_limit_message(n_rows: int) -> str:
    """Message for a table with more data rows than config.MAX_INPUT_ROWS."""
    return (
        f"the file has about {n_rows:,} rows after the header, over the limit of "
        f"{config.MAX_INPUT_ROWS:,} rows; split it into several files of at most "
        f"{config.MAX_INPUT_ROWS:,} rows each and load each one"
    )


def row_limit_message_zh(n_rows: int) -> str:
    """:func:`row_limit_message` in Chinese."""
    return (f"表头以下约有 {n_rows:,} 行，超过 {config.MAX_INPUT_ROWS:,} 行的上限；请拆分成每个"
            f"不超过 {config.MAX_INPUT_ROWS:,} 行的几个文件分别读入")  # fmt: skip


# --------------------------------------------------------------------------- CSV


def detect_encoding(path: Path) -> str:
    """Return the codec to decode a CSV with, from its BOM (default utf-8, checked later);
    UTF-16 without a BOM by its zero bytes in the first kilobyte (at odd offsets only:
    little-endian; at even offsets only: big-endian), which read as NUL bytes in UTF-8."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # text (a header of Chinese names too) has commas, digits and line breaks, whose high
    # byte is zero: zeros at odd offsets only are UTF-16-LE, at even offsets only -BE
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    # at least one zero byte: under 16 bytes pairs // 8 is 0, and any short text without
    # NUL bytes ("年份,数值", "hello") was read as UTF-16 and quoted as garbled characters
    least = max(1, pairs // 8)
    if pairs and odd >= least and even == 0:
        return "utf-16-le"
    if pairs and even >= least and odd == 0:
        return "utf-16-be"
    return "utf-8-sig"


def count_lines(path: Path, encoding: str) -> tuple[int, bool, bool]:
    """Count lines (LF, CRLF or lone CR) by streaming; return (lines, ends_with_newline, quotes).

    In UTF-8 and GB18030 the bytes 0x0A/0x0D never occur inside a multi-byte character, so
    bytes are counted directly; UTF-16 is decoded incrementally. Memory stays at one chunk.
    ``quotes`` tells whether a double quote occurs (quoted cells may hold line breaks).
    """
    nl = cr = crlf = 0
    last = ""
    prev_cr = quotes = False
    utf16 = encoding.startswith("utf-16")
    decoder = codecs.getincrementaldecoder(encoding)("replace") if utf16 else None
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            text = decoder.decode(chunk) if decoder else chunk.decode("latin-1")
            if not text:
                continue
            nl += text.count("\n")
            cr += text.count("\r")
            crlf += text.count("\r\n") + (1 if prev_cr and text[0] == "\n" else 0)
            quotes = quotes or '"' in text
            prev_cr = text[-1] == "\r"
            last = text[-1]
    lines = nl + cr - crlf
    ends = last in ("\n", "\r")
    return lines + (0 if ends or not last else 1), ends, quotes


#: Private-use code points: no GB18030 text holds them, mis-decoded bytes often do.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _reads_as_utf8_chinese(head: bytes) -> bool:
    """True when ``head`` (valid UTF-8) holds Chinese (three characters or more: no accidental
    run) and nothing a GBK file could produce by accident (GBK pairs often form valid 2-byte
    UTF-8: Latin, Hebrew, Arabic letters)."""
    wide = [c for c in head.decode("utf-8", errors="replace") if ord(c) >= 0x80]
    hanzi = sum("\u4e00" <= c <= "\u9fff" for c in wide)
    return hanzi >= 3 and all(ord(c) >= 0x2000 for c in wide)


def decode_bytes(data: bytes, name: str, encoding: str) -> str:
    """Decode CSV bytes: UTF-8 (BOM optional) or UTF-16 by BOM strictly, else GB18030.

    A file that is UTF-8 up to a bad byte is reported as damaged UTF-8 at that line (not as
    failed GB18030 further up); GB18030 text with private-use characters is refused as
    another encoding (Big5, Shift-JIS) rather than read as mojibake.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as first:
        if encoding.startswith("utf-16"):
            fail(name, f"the file reads as UTF-16 but is not valid UTF-16 ({first})",
                 zh=f"文件看起来是 UTF-16 编码，但不是有效的 UTF-16（{first}）")  # fmt: skip
        if _reads_as_utf8_chinese(data[: first.start]):  # UTF-8 up to there: damaged
            line = data.count(b"\n", 0, first.start) + 1
            bad = data[first.start : first.start + 4].hex(" ")
            fail(name, (
                f"the file is UTF-8 up to line {line}, where it has bytes that are not UTF-8 "
                f"({bad}): the file is cut off or "
                "mixes encodings; export it again as 'CSV UTF-8 (comma delimited)'"), row=line,
                zh=(f"文件到第 {line} 行为止是 UTF-8 编码，该行有不是 UTF-8 的字节（{bad}）："
                    "文件被截断或混用了编码；请重新导出为“CSV UTF-8（逗号分隔）”"))  # fmt: skip
    if data.startswith(codecs.BOM_UTF8):  # a UTF-8 mark before GBK text: the mark read as
        data = data[len(codecs.BOM_UTF8) :]  # "锘" and hid the first column's name
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        line = data.count(b"\n", 0, exc.start) + 1
        fail(
            name,
            f"the text cannot be decoded as UTF-8 or GB18030/GBK (bad bytes {bad} near line "
            f"{line}); in Excel use 'Save as' → 'CSV UTF-8 (comma delimited)'",
            row=line,
            zh=f"文本无法按 UTF-8 或 GB18030/GBK 解码（第 {line} 行附近的字节 {bad}）；请在 Excel "
            "中“另存为”→“CSV UTF-8（逗号分隔）”",
        )
    odd = _PRIVATE_USE.search(text)
    if odd:  # Big5 or Shift-JIS bytes read as GB18030 land in unassigned code points
        line = text.count("\n", 0, odd.start()) + 1
        fail(name, (
            f"the text does not read as Chinese GB18030/GBK (unassigned characters near line "
            f"{line}): it may be Big5 or another encoding; in Excel use 'Save as' → 'CSV "
            "UTF-8 (comma delimited)'"), row=line,
            zh=(f"文本不能按简体中文 GB18030/GBK 读取（第 {line} 行附近有未分配的字符）：可能是 "
                "Big5 等其他编码；请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”"))  # fmt: skip
    return text


def sniff_delimiter(first_line: str) -> str:
    """Pick the delimiter of a header line: comma, tab (Excel 'Unicode text') or semicolon."""
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, name: str) -> RawTable:
    """Read a delimited text file into text rows (row limit checked before parsing)."""
    encoding = detect_encoding(path)
    lines, ends_with_newline, quotes = count_lines(path, encoding)
    if lines - 1 > config.MAX_INPUT_ROWS and not quotes:
        fail(
            name, row_limit_message(lines - 1), zh=row_limit_message_zh(lines - 1)
        )  # refused before the file is read whole
    data = path.read_bytes()
    if lines - 1 > config.MAX_INPUT_ROWS:
        lines = exact_record_count(data, name, encoding)
        if lines - 1 > config.MAX_INPUT_ROWS:
            fail(name, row_limit_message(lines - 1), zh=row_limit_message_zh(lines - 1))
    text = decode_bytes(data, name, encoding)
    del data
    if "\x00" in text:
        fail(
            name,
            "the file contains NUL bytes: it is not a text CSV; export it again as CSV",
            zh="文件含有 NUL 字节：不是文本 CSV；请重新导出为 CSV",
        )
    text = text.lstrip("\ufeff")
    delimiter = sniff_delimiter(first_content_line(text))
    rows = parse_csv_text(text, name, delimiter)
    return RawTable(name, rows, truncated_tail=not ends_with_newline, delimiter=delimiter)


def first_content_line(text: str, limit: int = 1000) -> str:
    """The first line that is neither blank nor a '#' comment (the header, where the
    delimiter is sniffed), among the first ``limit`` lines; else the first line."""
    lines = io.StringIO(text, newline=None)  # CR, LF and CRLF all end a line
    first = None
    for _, line in zip(range(limit), lines, strict=False):
        line = line.rstrip("\n")
        first = line if first is None else first
        if line.strip(" \t,;") and not line.lstrip().startswith("#"):
            return line
    return first or ""


def exact_record_count(data: bytes, name: str, encoding: str) -> int:
    """Count CSV records (quoted line breaks do not start a record), without keeping them."""
    text = decode_bytes(data, name, encoding)
    try:
        return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return text.count("\n") + 1


def parse_csv_text(text: str, name: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Split decoded CSV text into rows; CR, LF and CRLF all end a row, even mixed."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        detail = str(exc)
        if "unexpected end of data" in detail or "EOF" in detail:
            detail = "a quoted cell is never closed (the file may be cut off)"
        elif "field larger than field limit" in detail:
            fail(name, (f"a cell is longer than {csv.field_size_limit():,} characters; shorten "
                        "it (keep long texts in the source document)"), row=number + 1,
                 zh=(f"有一个单元格超过 {csv.field_size_limit():,} 个字符；请缩短（长文字请留在"
                     "来源文件中）"))  # fmt: skip
        unclosed = detail == "a quoted cell is never closed (the file may be cut off)"
        fail(
            name,
            f"the CSV cannot be parsed ({detail}); check the quotes in this row",
            row=number + 1,
            zh=(
                "无法解析该 CSV（"
                + ("有一个带引号的单元格没有闭合，文件可能被截断" if unclosed else detail)
                + "）；请检查本行的引号"
            ),
        )
    return rows


# --------------------------------------------------------------------------- XLSX


def read_xlsx(path: Path, name: str, size: int, header_matches) -> RawTable:
    """Read the data sheet of an xlsx workbook after the zip and XML safety checks."""
    data = path.read_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        _damaged(name, f"not a readable zip archive: {exc}")
    with archive:
        check_archive(archive, name, size)
        sheet_info = prescan_parts(archive, name)
    return load_sheet(data, name, sheet_info, header_matches)


#: Zip compression methods Python reads (Excel writes deflate; Deflate64 is not among them).
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                          zipfile.ZIP_LZMA})  # fmt: skip


#: Office files other than workbooks, by the part that makes them what they are.
_ZIP_KINDS = (("word/document.xml", "a Word document (.docx)"),
              ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"))  # fmt: skip


def check_archive(archive: zipfile.ZipFile, name: str, size: int) -> None:
    """Refuse zip bombs from the central directory, before anything is decompressed."""
    infos = archive.infolist()
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
            kind = archive.read("mimetype")  # OpenDocument names its kind first, uncompressed
            if kind.startswith(b"application/vnd.oasis.opendocument"):
                fail(name, "this is an OpenDocument file (.ods), which cannot be read here; "
                           "save it as .xlsx or as CSV UTF-8",
                     zh="这是 OpenDocument 文件（.ods），本程序不能读取；请另存为 .xlsx 或 CSV "
                        "UTF-8")  # fmt: skip
        other = next((kind for part, kind in _ZIP_KINDS if part in names), None)
        if other:
            fail(name, f"this is {other}, not an Excel workbook: send the workbook (.xlsx) "
                       "or a CSV file instead",
                 zh=f"这是{_zh_kind(other)}，不是 Excel 工作簿：请改为发送工作簿"
                    "（.xlsx）或 CSV 文件")  # fmt: skip
        if str(name).casefold().endswith(".zip"):  # an archive of returns, given as one
            fail(name, "this is a zip archive, not a workbook: unpack it and give its files "
                       "(or the folder they are in)",
                 zh="这是 zip 压缩包，不是工作簿：请解压后提供其中的文件（或其所在文件夹）")  # fmt: skip
        fail(
            name,
            "this zip file is not an Excel workbook (.xlsx): it has no xl/workbook.xml",
            zh="这个 zip 文件不是 Excel 工作簿（.xlsx）：可能是改了扩展名的其他文件（其中没有 "
            "xl/workbook.xml）",
        )
    if any(i.flag_bits & 0x1 for i in infos):
        fail(name, "the workbook's parts are encrypted: remove its password in Excel (File → "
                   "Info → Protect Workbook) and save it again", zh=_PASSWORD_ZH)  # fmt: skip
    odd = sorted({i.compress_type for i in infos} - _ZIP_METHODS)
    if odd:
        methods = ", ".join(map(str, odd))
        fail(name, f"the workbook is compressed in a way this reader cannot read (zip method "
                   f"{methods}); open it in Excel and save it again as .xlsx",
             zh=f"工作簿的压缩方式本程序不能读取（zip 方法 {methods}）；请用 Excel 打开后重新保存为 "
                ".xlsx")  # fmt: skip
    total = sum(i.file_size for i in infos)
    limit = config.MAX_XLSX_UNCOMPRESSED_BYTES
    if total > limit:
        fail(
            name,
            f"the workbook would expand to {total / 2**20:.1f} MB, over the limit of "
            f"{limit / 2**20:g} MB; split the data into smaller workbooks or save it as CSV",
            zh=f"工作簿解压后将有 {total / 2**20:.1f} MB，超过 {limit / 2**20:g} MB 的上限；请把数据"
            "拆分到几个较小的工作簿，或另存为 CSV",
        )
    ratio = total / max(size, 1)
    if ratio > config.MAX_XLSX_EXPANSION_RATIO:
        fail(
            name,
            f"the workbook expands {ratio:.0f} times its size on disk, over the limit of "
            f"{config.MAX_XLSX_EXPANSION_RATIO:g} (a zip bomb, or huge blank areas); "
            "copy only the data cells into a new workbook, or save it as CSV",
            zh=f"工作簿解压后是磁盘上大小的 {ratio:.0f} 倍，超过 "
            f"{config.MAX_XLSX_EXPANSION_RATIO:g} 倍的上限（压缩炸弹，或有大片空白区域）；请只把"
            "数据单元格复制到新工作簿，或另存为 CSV",
        )
    if archive.getinfo("xl/workbook.xml").file_size and _STRICT in b"".join(
        _head(archive, "xl/workbook.xml", name)
    ):  # openpyxl finds no sheets in it (and warns): "the workbook has no worksheets"
        fail(name, "the workbook is saved as Strict Open XML Spreadsheet, which cannot be read "
                   "here; in Excel save it as “Excel Workbook (.xlsx)”",
             zh="该工作簿存为“Strict Open XML 电子表格”格式，本程序不能读取；请在 Excel 中另存为"
                "“Excel 工作簿（.xlsx）”")  # fmt: skip


#: Namespace of Strict Open XML workbooks (Excel's "Strict Open XML Spreadsheet" format).
_STRICT = b"purl.oclc.org/ooxml/spreadsheetml/main"


def _head(archive: zipfile.ZipFile, member: str, name: str, size: int = 4096):
    """The first ``size`` bytes (or so) of a part, as chunks."""
    got = 0
    for chunk in iter_part(archive, member, name):
        yield chunk
        got += len(chunk)
        if got >= size:
            return


def iter_part(archive: zipfile.ZipFile, member: str, name: str):
    """Yield decompressed chunks of one archive member; damaged data becomes a problem."""
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(CHUNK):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
            RuntimeError, NotImplementedError) as exc:  # fmt: skip
        _damaged(name, f"part {member} cannot be read: {exc}")


def prescan_parts(archive: zipfile.ZipFile, name: str) -> dict[str, dict]:
    """Scan every XML part for DTDs/entities; per worksheet, count rows and find merges.

    Returns
    -------
    dict
        Worksheet part name → ``{"rows": int, "merges": list[bytes], "formulas": bool}``.
    """
    sheets: dict[str, dict] = {}
    for info in archive.infolist():
        member = info.filename
        if not member.endswith((".xml", ".rels", ".vml")):
            continue
        is_sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
        stats = {"rows": 0, "merges": [], "formulas": False, "hidden": [], "values": 0, "strike": False,
                 "hide_zeros": False, "zero_height": False, "hidden_columns": set()}  # fmt: skip
        tail = b""
        for chunk in iter_part(archive, member, name):
            window = tail + chunk
            if _DTD_RE.search(window):
                fail(
                    name,
                    f"the workbook part {member} declares a DTD or XML entities, which Excel "
                    "never writes (possible entity-expansion attack); the file was not opened",
                    zh=f"工作簿部件 {member} 声明了 DTD 或 XML 实体，Excel 从不这样写（可能是实体"
                    "膨胀攻击）；未打开该文件",
                )
            if is_sheet:
                # Count on the chunk plus the unfinished tag carried over, never twice.
                stats["rows"] += len(_ROW_RE.findall(window)) - len(_ROW_RE.findall(tail))
                stats["values"] += len(_VALUE_RE.findall(window)) - len(_VALUE_RE.findall(tail))
                stats["merges"] += _MERGE_RE.findall(window)[len(_MERGE_RE.findall(tail)) :]
                stats["formulas"] |= b"<f" in window
                stats["strike"] |= b"<strike" in window  # rich text typed in the cell
                # Excel's "show a zero in cells that have a zero value" switched off
                stats["hide_zeros"] |= bool(_HIDE_ZEROS_RE.search(window))
                hidden = list(_new_tags(_HIDDEN_ROW_RE, window, tail))
                # rows not given a height of their own, on a sheet that hides those
                stats["zero_height"] |= bool(_ZERO_HEIGHT_RE.search(window))
                if stats["zero_height"]:
                    hidden += [t for t in _new_tags(_ROW_TAG_RE, window, tail)
                               if not _OWN_HEIGHT_RE.search(t)]  # fmt: skip
                for tag in hidden:
                    number = _ROW_NUMBER_RE.search(tag)
                    if number:
                        stats["hidden"].append(int(number.group(1)))
                for tag in _new_tags(_HIDDEN_COL_RE, window, tail):
                    span = _COL_SPAN_RE.search(tag)
                    if span:
                        lo, hi = (span.group(1), span.group(2)) if span.group(1) else (
                            span.group(4), span.group(3))  # fmt: skip
                        # 0-based positions; a range to column XFD is capped at the widest
                        # table the loader reads
                        stats["hidden_columns"].update(range(int(lo) - 1, min(int(hi), 16384)))
            tail = window[-256:]
        if is_sheet:
            sheets[member] = stats
    return sheets


def _new_tags(pattern: re.Pattern, window: bytes, tail: bytes):
    """The tags ``pattern`` finds in ``window`` that end past ``tail``, the part of the
    previous chunk carried over: a tag is counted in the chunk it ends in, once."""
    return (m.group() for m in pattern.finditer(window) if m.end() > len(tail))


def load_sheet(data: bytes, name: str, sheet_info: dict, header_matches) -> RawTable:
    """Open the workbook with openpyxl (read-only, cached values) and read the data sheet.

    openpyxl's warnings about parts it drops (a drop-down list that refers to another sheet,
    Excel's x14 extensions) concern formatting, not figures; they printed Python source lines
    among the messages, so they are silenced here.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rows, unseen, ws, part, info, unread = _read_sheet(data, name, sheet_info,
                                                           header_matches)  # fmt: skip
    merged = apply_merges(rows, info["merges"])
    table = RawTable(name, rows, sheet=ws.title, hidden=tuple(sorted(set(info.get("hidden", ())))),
                     merged=merged, unseen=unseen, unread_sheets=unread,
                     hidden_columns=tuple(sorted(set(info.get("hidden_columns", ())))))  # fmt: skip
    if info["formulas"]:
        table.problems += formula_problems(data, part, name, rows, table.formula_cells)
    return table


def _read_sheet(data: bytes, name: str, sheet_info: dict, header_matches):
    """The data sheet's rows, its cells not shown as they are (:attr:`RawTable.unseen`), the
    sheet, its part name, its prescan info and the sheets not read
    (:attr:`RawTable.unread_sheets`)."""
    import openpyxl  # local: only xlsx inputs pay for the import

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for bad files
        _damaged(name, f"{type(exc).__name__}: {exc}")
    try:
        for sheet in wb.worksheets:  # read every cell, not the range the file declares: a
            # stale <dimension> (written by some tools) cut rows and columns without a word
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
        refuse_results_workbook(wb, name)
        ws = request_sheet(wb)
        unread: tuple[RawTable, ...] = ()
        if ws is None:
            ws = choose_sheet(wb, name, sheet_info, header_matches)
        else:
            unread = unread_request_sheets(wb, ws, name, sheet_info, header_matches)
        part = ws._worksheet_path.lstrip("/")
        info = sheet_info.get(part, {"rows": 0, "merges": [], "formulas": False, "hidden": []})
        # rows that carry only formatting (a fill or border dragged down to row 250,000)
        # count as rows in the file but hold no figure: with fewer values than the limit,
        # fewer rows than the limit can hold one, and the sheet is read
        if min(info["rows"], info.get("values", info["rows"])) - 1 > config.MAX_INPUT_ROWS:
            fail(
                name, row_limit_message(info["rows"] - 1), zh=row_limit_message_zh(info["rows"] - 1)
            )
        unseen: dict[tuple[int, int], str] = {}
        rows = sheet_rows(ws, name, unseen, hide_zeros=bool(info.get("hide_zeros")))
        for cell, how in struck_run_cells(data, part, bool(info.get("strike"))).items():
            unseen.setdefault(cell, how)  # a cell whose font is struck is said so already
    except DataValidationError:
        raise
    except Exception as exc:  # damaged sheet XML surfaces while iterating
        _damaged(name, f"{type(exc).__name__}: {exc}")
    finally:
        wb.close()
    return rows, unseen, ws, part, info, unread


def refuse_results_workbook(wb, name: str) -> None:
    """Refuse the results workbook a run wrote (``reports/langfang_metrics.xlsx``), known by
    its document properties, not its name: written by ``config.WORKBOOK_CREATOR`` under one
    of the report's titles (:func:`labels.report_titles`). Given as input it was refused as
    a workbook of five data sheets, with advice to delete four of them (the hostile-input
    review); a folder of a run's outputs is refused as such already."""
    from .labels import report_titles

    props = getattr(wb, "properties", None)
    title = str(getattr(props, "title", "") or "").strip()
    if str(getattr(props, "creator", "") or "").strip() != config.WORKBOOK_CREATOR:
        return
    if title not in report_titles():
        return
    fail(name, f"this is the results workbook a run of langfang-metrics wrote (its document "
               f"title is '{title}'): an output, not returns; give the folder or files the "
               "figures came in (data/raw/observations.csv, the departments' returned requests)",
         zh=f"这是 langfang-metrics 运行时写出的结果工作簿（文档标题为“{title}”）：是输出，不是"
            "回收的数据；请给出数据所在的文件夹或文件（data/raw/observations.csv、各部门返回的"
            "征集表）")  # fmt: skip


def request_sheet(wb):
    """The request sheet of a data request (``datarequest``), known by its hidden defined
    name or, in one written before the name, by its cover sheet beside it; else None.

    A request's figures are in that sheet alone: a department's sheet of detail beside it
    (分县明细, with its own 地区/年份/指标/数值 header) made two data sheets, and the whole
    return was refused with advice that did not fit (the statistician's review)."""
    from .labels import bilingual

    titles = {str(ws.title).strip(): ws for ws in wb.worksheets}
    found = titles.get(config.REQUEST_DATA_SHEET)
    if found is None:
        return None
    try:
        named = wb.defined_names.get(config.REQUEST_IDENTITY_NAME) is not None
    except (AttributeError, KeyError, TypeError):
        named = False
    return found if named or bilingual("request.sheet.cover", sep=" ") in titles else None


def unread_request_sheets(
    wb, ws, name: str, sheet_info: dict, header_matches
) -> tuple[RawTable, ...]:
    """The sheets of a request workbook, other than its own, that hold something, with their
    rows (:attr:`RawTable.unread_sheets`): their figures are not read, but the loader must
    know whose they are. A copy of the request sheet (its header alike) is refused: which
    of the two holds the answers is not for the loader to guess."""
    from .labels import bilingual

    own = {config.REQUEST_DATA_SHEET} | {
        bilingual(f"request.sheet.{key}", sep=" ") for key in ("cover", "indicators", "notes")
    }
    header = next((r for r in first_rows(ws, name) if header_matches(r)), None)
    unread = []
    for other in wb.worksheets:
        title = str(other.title).strip()
        if other is ws or title in own or not _holds_something(other, name, sheet_info):
            continue
        # a filled copy: two sets of answers (a copy left with its header alone answers none)
        if (header is not None and any(_same_header(r, header) for r in first_rows(other, name))
                and _rows_under_header(other, name, header_matches)):  # fmt: skip
            fail(name, (
                f"sheet '{title}' is a copy of the request sheet '{config.REQUEST_DATA_SHEET}': "
                f"a request workbook's figures are read from '{config.REQUEST_DATA_SHEET}' "
                f"only; put the figures to report in '{config.REQUEST_DATA_SHEET}' and delete "
                f"'{title}'"),
                zh=(f"工作表“{title}”是征集表“{config.REQUEST_DATA_SHEET}”的副本：征集表只读取"
                    f"工作表“{config.REQUEST_DATA_SHEET}”中的数字；请把要报送的数字填在"
                    f"“{config.REQUEST_DATA_SHEET}”中，并删除“{title}”"))  # fmt: skip
        unread.append(_unread_table(other, name, title, sheet_info, header_matches))
    return tuple(unread)


def _unread_table(ws, name: str, title: str, sheet_info: dict, header_matches) -> RawTable:
    """A sheet beside the request sheet as a table, its merged cells filled as the data
    sheet's are: parsed only to count whose figures it holds (a 数据 data sheet of the home
    region's years was said as "not read" and the run exited 0, its figures lost). A sheet
    with no data header holds no figure the loader could read: its rows are not kept."""
    if not any(map(header_matches, first_rows(ws, name))):
        return RawTable(name, [], sheet=title)
    rows = sheet_rows(ws, name)
    info = _stats(ws, sheet_info)
    return RawTable(name, rows, sheet=title, merged=apply_merges(rows, info.get("merges", [])))


def _same_header(row: list[str], header: list[str]) -> bool:
    """Whether two header rows name the same columns (trailing empty cells aside)."""

    def named(cells):
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        return cells

    return named(row) == named(header)


def _stats(ws, sheet_info: dict) -> dict:
    """A sheet's prescan info (:func:`prescan_parts`: its rows, values, merges), {} if none."""
    return sheet_info.get(getattr(ws, "_worksheet_path", "").lstrip("/"), {})


def _holds_something(ws, name: str, sheet_info: dict) -> bool:
    """Whether a sheet holds a value (the prescan's count, else its first rows)."""
    stats = _stats(ws, sheet_info)
    if "values" in stats:
        return stats["values"] > 0
    return bool(first_rows(ws, name, header_rows=1))


def choose_sheet(wb, name: str, sheet_info: dict, header_matches):
    """Choose the sheet whose header names the known columns: visible sheets first.

    Two visible sheets with a data header are refused (one would be read, the other's
    figures lost without a word); hidden sheets count only when no visible one matches.
    """
    sheets = list(wb.worksheets)
    if not sheets:
        fail(name, "the workbook has no worksheets", zh="工作簿中没有工作表")
    visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
    hidden = [ws for ws in sheets if ws not in visible]
    matching = [ws for ws in visible if any(map(header_matches, first_rows(ws, name)))]
    if len(matching) > 1:  # a copy of the data sheet filled in, the original left with its
        # header alone (the statistician's review): the one with rows is read, nothing lost
        filled = [ws for ws in matching if _rows_under_header(ws, name, header_matches)]
        if not filled:  # all blank (a template and a blank copy): nothing to lose, the
            # blank data sheet is read and says it holds no figures (the diff review)
            filled = [next((ws for ws in matching if ws.title == config.TEMPLATE_DATA_SHEET),
                           matching[0])]  # fmt: skip
        matching = filled if len(filled) == 1 else matching
    if len(matching) > 1:  # one is read: the others' figures would vanish without a word
        titles = ", ".join(f"'{ws.title}'" for ws in matching)
        # the sheets are named, and what to do with each: a sheet of detail or a working
        # copy is deleted or moved out; "save each as a file" fits only sheets of returns
        fail(name, f"the workbook has {len(matching)} sheets with a data header ({titles}); "
                   "one sheet is read per workbook: delete the sheets that are not returns "
                   "(or move them to another workbook), or, if each holds returns, save each "
                   "sheet as a file of its own",
             zh=(f"工作簿中有 {len(matching)} 个工作表带数据表头（"
                 f"{'、'.join(f'“{ws.title}”' for ws in matching)}）；每个工作簿只读取一个工作表："
                 "请删除不是报送数据的工作表（或移到另一个工作簿），如每个工作表都是报送数据，"
                 "请把每个工作表另存为单独的文件"))  # fmt: skip
    found = matching or [ws for ws in hidden if any(map(header_matches, first_rows(ws, name)))]
    if found:
        return found[0]
    # no header anywhere (deleted?): the suite's own data sheet (a template's or a request's
    # reference sheets hold more cells than a clerk's few rows, and took the blame), else the
    # sheet that holds the most, whose rows the messages then name; a request's cover sheet
    # came first and took the blame
    pool = visible or sheets
    titles = (config.TEMPLATE_DATA_SHEET, config.REQUEST_DATA_SHEET)
    own = [ws for ws in pool if str(ws.title).strip() in titles]
    if own:
        return own[0]

    def filled(ws) -> int:
        stats = _stats(ws, sheet_info)
        return int(stats.get("values", stats.get("rows", 0)))

    return max(pool, key=lambda ws: (filled(ws), -pool.index(ws)))


#: Rows above the header that may be titles ("廊坊市…统计表", "单位：家"): skipped when a row
#: below them is the header, so a sheet is also chosen by the first rows after them.
TITLE_ROWS = 5


def _rows_under_header(ws, name: str, header_matches) -> bool:
    """Whether a sheet holds a non-blank, non-comment row under its data header."""
    seen_header = False
    for row in ws.iter_rows(max_row=config.MAX_INPUT_ROWS + 2):
        cells = [cell_text(c) for c in row]
        if not any(cells) or is_comment(cells):
            continue
        if seen_header:
            return True
        seen_header = header_matches(cells)
    return False


def first_rows(
    ws, name: str, limit: int = 20, *, header_rows: int = TITLE_ROWS + 1
) -> list[list[str]]:
    """The first ``header_rows`` non-blank, non-comment rows of a sheet (its header, with
    any title rows above it), as text."""
    found = []
    for row in ws.iter_rows(max_row=limit):
        cells = [cell_text(c) for c in row]
        if any(cells) and not is_comment(cells):
            found.append(cells)
            if len(found) == header_rows:
                break
    return found


def is_comment(cells: list[str]) -> bool:
    """A row whose first cell starts with '#' (but is not an Excel error such as #N/A)."""
    first = cells[0].strip() if cells else ""
    return first.startswith("#") and first.upper() not in EXCEL_ERRORS


def sheet_rows(
    ws,
    name: str,
    unseen: dict | None = None,
    hide_zeros: bool = False,
) -> list[tuple[int, list[str]]]:
    """All rows of a read-only sheet as text, numbered as the spreadsheet shows them; the
    cells the sheet does not show as they are go into ``unseen`` (:attr:`RawTable.unseen`;
    ``hide_zeros``: the sheet is set not to show zeros)."""
    rows = []
    looks: dict = {}  # style id -> struck through, number format (one lookup per style)
    for row in ws.iter_rows():
        cells = [c for c in row]
        number = next((c.row for c in cells if getattr(c, "row", None)), None)
        if number is None:
            number = rows[-1][0] + 1 if rows else 1
        texts = [cell_text(c) for c in cells]
        if unseen is not None:
            for k, (c, text) in enumerate(zip(cells, texts, strict=True)):
                if text.strip() and (hide_zeros or getattr(c, "has_style", False)):
                    how = _unseen(c, looks, hide_zeros)
                    if how:
                        unseen[(number, k)] = how
        rows.append((number, texts))
    return rows


def _unseen(cell, looks: dict, hide_zeros: bool = False) -> str:
    """How a cell hides what it holds: "struck" (struck through), "blank:<format>" (its
    number format shows nothing for its value; "blank:" for a 0 on a sheet set not to show
    zeros), "dash:<format>" (a 0 its format shows as a dash: :func:`shows_dash`), or "".
    A style table the cell's style does not resolve in (a font number past its end, written
    by some tools) hides nothing: the look is only read for this test, and its failure
    refused the whole workbook as damaged (the diff review)."""
    key = getattr(cell, "_style_id", 0)
    if key not in looks:
        try:
            font = cell.font if getattr(cell, "has_style", False) else None
            fmt = (cell.number_format or "") if getattr(cell, "has_style", False) else ""
            looks[key] = (bool(font is not None and font.strike), fmt)
        except (IndexError, KeyError, AttributeError, TypeError):
            looks[key] = (False, "")
    struck, fmt = looks[key]
    if struck:
        return "struck"
    if ";" in fmt and shows_nothing(fmt, cell.value):
        return f"blank:{fmt}"
    value = cell.value
    zero = isinstance(value, int | float) and not isinstance(value, bool) and value == 0
    if hide_zeros and zero:
        return "blank:"
    return f"dash:{fmt}" if zero and shows_dash(fmt) else ""


#: What an accounting format shows for 0, and a statistical table writes for "no figure".
_DASHES = frozenset({"-", "--", "—", "——", "–", "－"})


#: Excel's built-in currency accounting format (numFmtId 44) as openpyxl gives it: without
#: the semicolons between its sections.
_ACCOUNTING_44 = '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)'
#: Currency signs an accounting format sets beside its dash ("¥ -", "$ -").
_CURRENCY = re.compile(r"[$¥￥€£]")


def shows_dash(fmt: str) -> bool:
    """Whether the number format ``fmt`` shows 0 as a dash alone, or beside a currency sign
    (accounting's ``_(* "-"_)``, ``_ * "-"_ ``, 会计专用 ``_ ¥* "-"??_ ``, ``0;-0;"—"``): the
    reader of a statistical table takes it for "no figure", the file holds 0."""
    if fmt == _ACCOUNTING_44:
        return True
    sections = re.split(r";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", fmt)  # ';' outside quotes
    if len(sections) < 3:
        return False
    shown = re.sub(r"\[[^\]]*\]|_.|\*.", "", sections[2])  # colours, padding, fill
    shown = shown.replace('"', "").replace("\\", "").replace("?", "")
    return _CURRENCY.sub("", shown).strip() in _DASHES


def shows_nothing(fmt: str, value) -> bool:
    """Whether the number format ``fmt`` shows nothing at all for ``value``: its section for
    the value (positive, negative, zero, text) is empty (``;;;`` hides every value; a
    section of literal text, as accounting's "-" for 0, shows something)."""
    sections = re.split(r";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", fmt)  # ';' outside quotes
    if isinstance(value, str):
        if len(sections) < 4:
            return False
        section = sections[3]
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0 and len(sections) > 1:
            section = sections[1]
        elif value == 0 and len(sections) > 2:
            section = sections[2]
        else:
            section = sections[0]
    else:
        return False
    return not re.sub(r"\[[^\]]*\]", "", section).strip()


#: Parts of an Excel number format that show text as it is: quoted strings, escaped
#: characters (``\\%``, ``!%``) and bracketed codes (colours, conditions, locales).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|[\\!].|\[[^\]]*\]')


def cell_text(cell) -> str:
    """Text of one cell: numbers without a spurious '.0', Excel percents as 'x%', dates ISO."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:  # Excel shows 0.066 as 6.6% only for a bare %; "%" and \% are literal
            scaled = _FORMAT_LITERALS.sub("", fmt).count("%") > 0
            return f"{number_text(round(value * 100, 10) if scaled else value)}%"
        return number_text(format_scaled(fmt, value)) + format_suffix(fmt, value)
    if isinstance(value, dt.date) and _shows_year_only(getattr(cell, "number_format", "")):
        return str(value.year)  # a year typed as a date and shown as 2021 or 2021年
    if isinstance(value, dt.date) and _shows_year_month_only(getattr(cell, "number_format", "")):
        return f"{value.year:04d}-{value.month:02d}"  # 2023年2月 typed: a month, not its 1st
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


#: A literal in a number format: a quoted string or one escaped character (``\\x``, ``!x``).
_FORMAT_TEXT = re.compile(r'"([^"]*)"|[\\!](.)')
#: Digit placeholders of a number format (outside its literals).
_DIGIT_CODES = re.compile(r"[0#?]")


def _format_section(fmt: str, value: float) -> str:
    """The section of a number format that shows ``value`` (the second, for a negative
    number, where there is one), without its bracketed codes."""
    sections = re.split(r";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", fmt)  # ';' outside quotes
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    return re.sub(r"\[[^\]]*\]", "", section)


def format_scaled(fmt: str, value: float) -> float:
    """The number a cell shows where its number format changes the number itself.

    Two common tricks show a figure in a larger unit without changing the cell: a comma
    after the last digit placeholder divides by 1,000 (``#,##0.0,"千"`` shows 9120 as
    "9.1千"), and a literal decimal point between placeholders moves the point
    (``0!.0,"亿元"`` shows 605000, a figure in 万元, as "60.5亿元"). Read as typed, with
    the unit the format prints, such a figure loaded 10,000 times too big (605,000 亿元).
    The result is the shown number before the format's rounding (605432 in that format is
    60.5432, not 60.5); other formats return ``value`` unchanged.
    """
    if not fmt or ("," not in fmt and "." not in fmt):
        return value
    section = _format_section(fmt, value)
    # literals blanked, a literal decimal point kept as "!" so it can be found
    codes = _FORMAT_TEXT.sub(
        lambda m: "!" if (m.group(1) == "." or m.group(2) == ".") else " " * len(m.group(0)),
        section,
    )
    digits = [m.start() for m in _DIGIT_CODES.finditer(codes)]
    if not digits:
        return value
    commas = re.match(r",+", codes[digits[-1] + 1 :])
    scaled = value / 1000 ** (len(commas.group(0)) if commas else 0)
    if "." not in codes[: digits[-1]]:  # no real decimal point: a literal one moves it
        point = codes.rfind("!", digits[0], digits[-1])
        if point != -1:
            scaled /= 10 ** sum(1 for d in digits if d > point)
    return round(scaled, 10) if scaled != value else value


def format_suffix(fmt: str, value: float) -> str:
    """The text a number format prints after the number: ``0"万元"`` shows 805000 as
    "805000万元", so the cell says 万元 (read as 805,000 亿元 it loaded 10,000 times too
    big). Text before the number (a currency sign) and codes in brackets are left out; the
    section for negative numbers is used for them where the format has one."""
    if not fmt or ('"' not in fmt and "\\" not in fmt and "!" not in fmt):
        return ""
    section = _format_section(fmt, value)
    codes = _FORMAT_TEXT.sub(lambda m: " " * len(m.group(0)), section)  # literals blanked
    digits = [m.end() for m in _DIGIT_CODES.finditer(codes)]
    if not digits:
        return ""
    return "".join(a or b for a, b in _FORMAT_TEXT.findall(section[digits[-1] :])).strip()


def _shows_year_only(fmt: str | None) -> bool:
    """Whether an Excel date format prints the year and nothing else (``yyyy``, ``yyyy"年"``)."""
    codes = _FORMAT_LITERALS.sub("", fmt or "").lower()
    return "y" in codes and not any(ch in codes for ch in "mdhsaeg")


def _shows_year_month_only(fmt: str | None) -> bool:
    """Whether an Excel date format prints a year and a month and nothing finer
    (``yyyy-mm``, ``yyyy"年"m"月"``): typing 2023年2月 makes such a cell."""
    codes = _FORMAT_LITERALS.sub("", fmt or "").lower()
    return "y" in codes and "m" in codes and not any(ch in codes for ch in "dhsaeg")


def number_text(value: float | int) -> str:
    """A number as the user would type it (2021 not 2021.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def col_index(letters: str) -> int:
    """0-based column index of spreadsheet column letters ('A' → 0, 'AB' → 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def split_ref(ref: str) -> tuple[int, int]:
    """Split 'B12' into (row 12, column index 1)."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if m is None:
        raise ValueError(ref)
    return int(m.group(2)), col_index(m.group(1))


def apply_merges(
    rows: list[tuple[int, list[str]]], merges: list[bytes]
) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Copy each merged range's top-left value into every cell of the range, in place.

    Returns the cells filled so, ``(row, column) -> (top row, left column, range)``: right
    for a label merged over a group of rows, a made-up figure in a value cell.
    """
    copied: dict[tuple[int, int], tuple[int, int, str]] = {}
    if not merges:
        return copied
    by_number = {number: cells for number, cells in rows}
    numbers = sorted(by_number)
    width = max((len(cells) for cells in by_number.values()), default=0)
    for raw in merges:
        ref = raw.decode("ascii")
        start, _, end = ref.partition(":")
        (r1, c1), (r2, c2) = split_ref(start), split_ref(end or start)
        top = by_number.get(r1, [])
        value = top[c1] if c1 < len(top) else ""
        if not value:
            continue
        # only the rows and columns that hold data: "D2:D1048576" costs the rows there are
        for r in numbers[bisect.bisect_left(numbers, r1) : bisect.bisect_right(numbers, r2)]:
            cells = by_number[r]
            for c in range(c1, min(c2, max(width, c1 + 1) - 1) + 1):
                while len(cells) <= c:
                    cells.append("")
                if not cells[c]:
                    cells[c] = value
                    copied[(r, c)] = (r1, c1, ref)
    return copied


def struck_run_cells(data: bytes, sheet: str, inline: bool) -> dict[tuple[int, int], str]:
    """The cells of worksheet part ``sheet`` whose rich text has a run struck through ("6"
    struck, "8" after it), ``(row, 0-based column) -> "partstruck"`` or ``"struck"`` (every
    run with text struck). openpyxl gives such a cell as "68", which loaded as 68 consortia
    against a target of 10 without a word (the hostile-input review); the cell's own font is
    not struck, so :func:`_unseen` could not see it. Read from the shared strings (as Excel
    writes them: a cell names its string by index) and, when ``inline`` (the prescan saw a
    strikethrough in the sheet), from strings typed in the cells (as openpyxl writes them).
    Only those cells: another cell holding the same text, unstruck, is read (a status word
    repeats on every row: the diff review)."""
    from defusedxml.ElementTree import iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            shared: dict[int, str] = {}
            if "xl/sharedStrings.xml" in names:
                with archive.open("xl/sharedStrings.xml") as fh:
                    i = -1
                    for _, elem in iterparse(fh):
                        if _local(elem.tag) != "si":
                            continue
                        i += 1
                        if kind := _struck_kind(elem):
                            shared[i] = kind
                        elem.clear()
            if sheet not in names or not (shared or inline):
                return {}
            out = {}
            # a cell's place: its "r", else counted as openpyxl counts it (a row after the
            # one before, a cell after the one before: "r" is optional; without it a struck
            # "6" before "8" loaded as 68 again: the diff review)
            row, col = 0, -1
            with archive.open(sheet) as fh:
                for event, elem in iterparse(fh, events=("start", "end")):
                    name = _local(elem.tag)
                    if event == "start":
                        if name == "row":
                            r = elem.get("r")
                            row = int(r) if r and r.isdigit() else row + 1
                            col = -1
                        elif name == "c":
                            try:
                                col = split_ref(elem.get("r") or "")[1]
                            except ValueError:  # no reference, or one not A1-style
                                col += 1
                        continue
                    if name == "row":  # read: not kept in memory
                        elem.clear()
                    if name != "c":
                        continue
                    kind = None
                    if elem.get("t") == "s" and shared:
                        v = next((x.text for x in elem if _local(x.tag) == "v"), None)
                        kind = shared.get(int(v)) if v and v.strip().isdigit() else None
                    elif elem.get("t") == "inlineStr" and inline:
                        kind = next((_struck_kind(x) for x in elem if _local(x.tag) == "is"), None)
                    if kind:
                        out[(row, col)] = kind
            return out
    except DataValidationError:
        raise
    except Exception:  # damage is reported when the sheet itself is read
        return {}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _struck_kind(elem) -> str | None:
    """ "struck" when every run of a rich string (``si``, ``is``) with text is struck
    through, "partstruck" when some are, None when none is (or it has no runs)."""
    struck = []
    for r in (r for r in elem if _local(r.tag) == "r"):
        text = "".join(x.text or "" for x in r if _local(x.tag) == "t")
        if not text.strip():
            continue
        marks = [s for rpr in r if _local(rpr.tag) == "rPr" for s in rpr
                 if _local(s.tag) == "strike"]  # fmt: skip
        struck.append(any(s.get("val", "1").lower() not in ("0", "false") for s in marks))
    if not any(struck):
        return None
    return "struck" if all(struck) else "partstruck"


def formula_problems(data: bytes, part: str, name: str, rows, cells: set) -> list[Problem]:
    """Problems for formula cells that carry no cached value; their places go in ``cells``."""
    from defusedxml.ElementTree import iterparse

    header = next((cells for _, cells in rows if any(cells) and not is_comment(cells)), [])
    problems = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as fh:
            for _, elem in iterparse(fh):
                if not elem.tag.endswith("}c") and elem.tag != "c":
                    continue
                kids = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
                value = kids.get("v")
                # t="str" with an empty <v>: Excel computed an empty string (=IF(…,"",…))
                empty_text = elem.get("t") == "str" and value is not None
                if (
                    "f" in kids
                    and not empty_text
                    and (value is None or not (value.text or "").strip())
                ):
                    r, c = split_ref(elem.get("r", "A1"))
                    column = header[c] if c < len(header) and header[c] else None
                    problems.append(
                        Problem(name, r, column, FORMULA_NO_VALUE, message_zh=FORMULA_NO_VALUE_ZH)
                    )
                    cells.add((r, c))
                elem.clear()
    except DataValidationError:
        raise
    except Exception as exc:  # defusedxml/expat/zip errors alike
        detail = f"{type(exc).__name__}: {exc}"
        return [
            Problem(
                name, None, None, _DAMAGED.format(detail), message_zh=_DAMAGED_ZH.format(detail)
            )
        ]
    return problems
