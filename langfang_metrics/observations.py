"""Load the annual observations statisticians supply, as CSV or as an Excel workbook.

The input contract is written for statisticians in ``docs/input-format.md``. In short: one
row per indicator, region, year and status; English, Chinese or bilingual headers; values
as typed in Chinese offices (``8,796``, ``８７９６``, ``35.6%``, ``54.03亿元``, ``1万家``) are
normalised and converted to the registry unit. Every problem in a file is collected and
raised at once in a :class:`~langfang_metrics.errors.DataValidationError`; nothing else is
raised for bad input, and the input file is never written.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from . import _readers, config, registry
from .errors import DataValidationError, Problem
from .labels import bilingual, full_stop, label, obs_status_label, year_runs, year_span
from .series import (
    best_figures,
    best_rates,
    crossed_bounds,
    firm_bounds,
    is_estimate,
    power_of_ten_apart,
)

OBSERVATION_COLUMNS = (
    "indicator_id", "region", "year", "value", "unit", "status",
    "source", "url", "accessed", "quote", "note", "published",
)  # fmt: skip
#: Where each row came from: the file as named, its worksheet ("" for CSV) and its row number.
ORIGIN_COLUMNS = ("origin_file", "origin_sheet", "origin_row")
#: Columns of the frame :func:`load_observations` returns.
FRAME_COLUMNS = OBSERVATION_COLUMNS + ORIGIN_COLUMNS
REQUIRED_COLUMNS = ("indicator_id", "year", "value")
#: Files a folder given as input contributes (hidden files and Excel lock files ``~$…`` skipped).
INPUT_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
#: Spreadsheets a folder may hold that this reader cannot: refused by name, never skipped.
UNREAD_SUFFIXES = (".xls", ".xlsb", ".et", ".ods", ".numbers", ".xltx", ".xltm", ".ett", ".ots")
#: Archives a folder may hold (a department's returns mailed zipped): refused by name, as
#: their figures would otherwise count as never sent (the hostile-input review).
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz")
#: Worksheet of a department's data request (``datarequest``): rows whose value cell is empty
#: are unanswered requests and are skipped, not reported.
REQUEST_SHEET = config.REQUEST_DATA_SHEET
#: Header (Chinese part) of the request sheet's read-only "figure we hold" column; a sheet
#: carrying it is read as a request sheet even when it was renamed.
REQUEST_MARKER = "已有数字"
YEAR_RANGE = config.YEAR_RANGE

#: Header names accepted for each column (compared after NFKC, case folding and with
#: spaces, hyphens and underscores removed). Bilingual headers such as
#: "指标代码 indicator_id" match when their parts agree.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "indicator", "指标代码", "指标", "指标名称", "指标id"),
    "region": (
        "region",
        "地区",
        "区域",
        "地区代码",
        "地区名称",
        "区域名称",
        "行政区划",
        "行政区划名称",
        "城市",
    ),
    "year": ("year", "年份", "年度", "数据年份", "统计年度", "统计年份"),
    "value": ("value", "数值", "值", "数据", "指标值", "本年数值", "本年数", "数量"),
    "unit": ("unit", "单位", "计量单位"),
    "status": ("status", "状态", "数据状态", "数据性质", "数据类型"),
    "source": ("source", "来源", "数据来源"),
    "url": ("url", "link", "网址", "链接"),
    "accessed": ("accessed", "access_date", "date_accessed", "访问日期"),
    "quote": ("quote", "原文摘录", "引文", "摘录"),
    "note": ("note", "notes", "备注", "说明"),
    # when the figure was first made public (optional): vintages then use each figure only
    # from that date on, as it was known, not as later revised
    "published": (
        "published",
        "release_date",
        "date_published",
        "published_on",
        "发布日期",
        "公布日期",
        "发布时间",
        "公布时间",
        "数据发布日期",
        "首次发布日期",
        "发布年份",
        "公布年份",
        "发布年月",
        "公布年月",
    ),
}

#: Chinese (and English) words accepted in the status column.
STATUS_ALIASES = {
    "正式": "final", "终值": "final", "最终": "final", "修订": "revised",
    "年报": "final", "年报数": "final", "核实数": "final", "最终核实数": "final", "最终数": "final",
    # 修正数 is a common word for 修订数: refused, while the list of statuses was clear (the
    # officer's review)
    "修正": "revised", "修正数": "revised", "修正值": "revised", "修订值": "revised",
    "初步": "preliminary", "初值": "preliminary", "快报": "preliminary", "快报数": "preliminary",
    "初步核算": "preliminary", "初步核算数": "preliminary",
    "预计": "estimate", "估计": "estimate",
    "下限": "lower-bound", "上限": "upper-bound", "部分年度": "part-year",
    # a figure on a new definition typed as 其他口径 / 新口径 / 口径调整 was refused, while its
    # meaning was plain (the re-basing walk-through of docs/input-format.md)
    "口径不同": "other-definition", "其他口径": "other-definition", "新口径": "other-definition",
    "口径调整": "other-definition", "口径变化": "other-definition",
    # a new definition's figure brought onto the series' own by an overlap year's ratio
    "衔接": "chained", "可比口径": "chained", "可比口径数": "chained", "按可比口径": "chained",
    # one chained from the new definition's preliminary figure: as provisional as it
    "衔接初步": "chained-preliminary", "初步衔接数": "chained-preliminary",
}  # fmt: skip

#: Words after a number that make it a bound ("10个以上": at least 10).
_BOUND_WORDS = (("不超过", "upper-bound"), ("不少于", "lower-bound"), ("以上", "lower-bound"),
                ("超过", "lower-bound"), ("多于", "lower-bound"), ("以下", "upper-bound"),
                ("不足", "upper-bound"), ("少于", "upper-bound"),
                ("余", "lower-bound"), ("多", "lower-bound"),
                ("+", "lower-bound"))  # longest first; "1300余家", "1,300多家", "1300+"  # fmt: skip
#: Bound words that count only right after the number: "1,300多家", "1300+" - not a remark
#: ("1300家（多数为新认定）") or a sum typed into the cell ("1300 + 200").
_NEXT_TO_NUMBER = ("多", "+")


def _bound_word_in(word: str, suffix: str) -> bool:
    """Whether ``suffix`` (the text after the number) holds the bound word ``word``; a
    word of ``_NEXT_TO_NUMBER`` only at its start, and "+" only before a unit or nothing."""
    if word not in _NEXT_TO_NUMBER:
        return word in suffix
    if word == "+":
        rest = suffix[1:].strip()
        return suffix.startswith("+") and (not rest or parse_unit(rest) is not None)
    return suffix.startswith(word)


#: Words of a figure's status typed with it in the value cell ("预计10350", "1620（初步数）",
#: "10350 (est.)"): the advice was to clear the cell, losing the figure (the e2e review). A
#: rounded figure ("约1300", "1300左右", "about 1300") is an estimate, "近1300" a ceiling: they
#: had only the generic "not a number" (the statistician's review).
_STATUS_IN_VALUE = re.compile(
    r"^(?:(?P<lead>(?:预计|预估|估计|估算|测算|初步|快报)(?:数|值)?[:：]?\s*(?:大约|约为|约)?|"
    r"大约|约为|约|近|approx\.?|about|~|≈)[:：]?\s*)?(?P<body>.*?)(?:\s*(?P<around>左右))?\s*"
    r"(?:[（(]\s*(?P<tail>预计|预估|估计|估算|测算|初步|快报|est\.?|estimated?|prelim(?:inary)?\.?)"
    r"(?:数|值)?\s*[)）])?$",
    re.IGNORECASE,
)
_STATUS_OF_WORD = {"预计": "estimate", "预估": "estimate", "估计": "estimate", "估算": "estimate",
                   "测算": "estimate", "初步": "preliminary", "快报": "preliminary",
                   # "近1300" is nearly 1,300, short of it: a ceiling, not the figure (typed as
                   # 1300 it met a target of 1,300: the diff review)
                   "近": "upper-bound"}  # fmt: skip


def _status_in_value(text: str) -> tuple[str, str] | None:
    """``(number as to be typed, status)`` of a value cell that says its status beside its
    number (:data:`_STATUS_IN_VALUE`), None for any other text."""
    m = _STATUS_IN_VALUE.match(text.strip())
    word = m and (m.group("lead") or m.group("tail") or m.group("around"))
    if not word or (m.group("lead") and m.group("tail")):
        return None
    word = word.strip().rstrip(":：").strip()
    body = m.group("body").strip()
    number = _NUMBER_RE.match(body.casefold())
    unit = body[number.end() :].strip() if number else ""
    parsed = parse_unit(unit) if number else None
    if parsed is None:
        return None
    scaled = parsed[0] != 1  # "1.62万家": the multiplier stays
    status = (
        _STATUS_OF_WORD.get(word)
        or _STATUS_OF_WORD.get(word[:2])
        or ("preliminary" if word.lower().startswith("prel") else "estimate")
    )  # "预计约": 预计
    return (f"{number.group()}{unit}" if scaled else number.group()), status


#: The bound words written before the number ("超过1300家"); 以上, 以下 and 余 follow it.
_LEADING_BOUND_WORDS = ("不超过", "不少于", "超过", "多于", "不足", "少于")

#: Extra spellings of region names (the registry's codes and names are always accepted).
REGION_ALIASES = {"廊坊": "langfang", "河北": "hebei", "中国": "china", "全国": "china"}

#: Cell contents that mean "no number here".
MISSING_TOKENS = frozenset(
    {"", "nan", "inf", "+inf", "-inf", "infinity", "-", "--", "—", "——", "–", "不详", "n/a",
     "na", "null", "none", "…", "...", "/", "无", "#n/a", "#value!", "#div/0!", "#ref!",
     "#num!", "#name?", "#null!", "未统计", "暂无", "无数据", "缺"}
)  # fmt: skip

_PREFIXES = (("万亿", 10**12), ("百万", 10**6), ("亿", 10**8), ("万", 10**4), ("千", 10**3))
_BASES = ("元", "人", "家", "个", "项", "件", "所", "户", "名")
_COMPOUND = ("件/万人", "项/年", "个/年", "家/年")
_UNIT_SYNONYMS = {"百分比": "%", "percent": "%", "pct": "%", "%y/y": "%", "百分率": "%"}
_NUMBER_RE = re.compile(
    r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:e[+-]?\d+)?|[+-]?\.\d+(?:e[+-]?\d+)?"
)
_DASHES = str.maketrans({"−": "-", "﹣": "-", "\u00a0": " ", "\u3000": " ", "\ufeff": ""})


# --------------------------------------------------------------------------- text helpers


#: Control characters other than tab and line feed (form feeds from PDFs, vertical tabs,
#: NUL): no text format of the outputs can hold them (XML refuses them outright).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def provenance_text(raw: object) -> str:
    """A provenance cell (source, quote, note …) as given, trimmed, with its line breaks as
    "\n" and any other control character (a form feed pasted from a PDF, say) as a space."""
    text = "" if raw is None else str(raw)
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


#: Invisible format characters pasted from web pages (zero-width spaces, direction marks,
#: the word joiner): "tech_\u200bsmes" looks like tech_smes and must read as it.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]")


#: Footnote marks that NFKC turns into digits: superscripts (¹²³⁴…) and circled or
#: parenthesised numbers (①⑴⒈…), which a number typed from a yearbook page may carry.
_FOOTNOTE_MARK = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u2079\u2460-\u249b\u24ea-\u24ff"
                            r"\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")  # fmt: skip


#: Longest cell text a message repeats; a 32,767-character cell made a 32,878-character line.
SHOWN_TEXT = 60


def _shown(raw: object) -> str:
    """A cell as a message repeats it: stripped, and cut to ``SHOWN_TEXT`` characters."""
    text = ("" if raw is None else str(raw)).strip()
    return text if len(text) <= SHOWN_TEXT else f"{text[:SHOWN_TEXT]}… ({len(text):,} characters)"


def clean_text(raw: object) -> str:
    """Normalise a cell to plain text: NFKC (full-width → ASCII), NBSP → space, invisible
    format characters removed, trimmed."""
    text = "" if raw is None else str(raw)
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text.translate(_DASHES))).strip()


def _printable(text: str) -> str:
    """``text`` with each character that does not print written as its escape (``\\x07``,
    ``\\u200b``), so a message shows what the cell holds."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _key(text: str) -> str:
    """Comparison key of a header or name: cleaned, case-folded, separators removed."""
    return re.sub(r"[\s_\-]+", "", clean_text(text).casefold())


_ALIAS_INDEX = {_key(a): col for col, aliases in COLUMN_ALIASES.items() for a in aliases}


@lru_cache(maxsize=512)
def header_parts(header: str) -> list[str]:
    """The words of a header cell: "指标代码 indicator_id" → ["指标代码", "indicator_id"],
    "数值（万元）" → ["数值", "万元"]."""
    return [p for p in re.split(r"[\s/()（）|:：,，\[\]【】]+", clean_text(header)) if p]


def canonical_column(header: str) -> str | None:
    """Return the contract column a header cell names, or None for an extra column.

    Parameters
    ----------
    header : str
        The header cell as written, e.g. ``"数值"``, ``"Value"`` or ``"指标代码 indicator_id"``.
    """
    whole = _key(header)
    if whole in _ALIAS_INDEX:
        return _ALIAS_INDEX[whole]
    words = header_parts(header)
    hits = {_ALIAS_INDEX.get(_key(p)) for p in words} - {None}
    if not hits and any(_PUBLISHED_HEADER.search(k) for k in [whole, *map(_key, words)]):
        hits = {"published"}  # 数据公布日期, 发布年度, Publication date: by their words
    if hits == {"published"} and {_key(p) for p in words} & _PUBLISHER_WORDS:
        # "published by" names the publisher: its text read as dates refused every row
        return None  # (the hostile-input review)
    return hits.pop() if len(hits) == 1 else None


#: A header naming when a figure was published, beyond the aliases: 发布/公布 with a date,
#: time, year or month (数据公布日期, 首次发布年度), or publication/release with a date (the
#: diff review found "Publication date" and 数据公布日期 dropped as extra columns).
_PUBLISHED_HEADER = re.compile(
    r"(?:发布|公布)(?:的)?(?:日期|时间|年份|年月|年度|月份|日)"
    r"|(?:publication|published|publish|release|released)(?:date|day|on|time)"
)


#: Words beside "published" that make a header name who published, not when.
_PUBLISHER_WORDS = frozenset(
    {
        "by",
        "publisher",
        "agency",
        "单位",
        "机构",
        "部门",
        "发布单位",
        "公布单位",
        "发布机构",
        "发布部门",
    }
)


def header_matches(cells: list[str]) -> bool:
    """True when a header row names every required column (used to choose a sheet)."""
    found = {canonical_column(c) for c in cells if c}
    return all(col in found for col in REQUIRED_COLUMNS)


# --------------------------------------------------------------------------- values and units


@dataclass(frozen=True)
class ParsedValue:
    """A value cell split into number and unit text.

    Attributes
    ----------
    number : Decimal or None
        The number, or None when the cell holds no usable number.
    unit : str
        Unit text written after the number ("" if none), e.g. ``"亿元"``, ``"%"``, ``"万"``.
    reason : str
        Why there is no number (empty when ``number`` is set).
    reason_zh : str
        The same in Chinese.
    status : str
        The status the cell's words say ("1000余" → ``"lower-bound"``, "预计10350" →
        ``"estimate"``) when ``reason`` asks for it in the status column; else "".
    """

    number: Decimal | None
    unit: str = ""
    reason: str = ""
    reason_zh: str = ""
    status: str = ""


#: Thousands grouped by spaces ("9 500", "1 234 567.5"; a no-break space is a space after
#: clean_text), before an optional unit.
_SPACE_GROUPS = re.compile(r"^([+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?)(?!\d)")
#: A figure with one comma before three digits and no point ("2,750"): thousands in a
#: comma-separated file, but perhaps 2.750 in a semicolon-separated one.
_ONE_COMMA_GROUP = re.compile(r"^[+-]?\d{1,3},\d{3}(?![\d,.])")


#: Chinese numerals as a year is written in words ("二〇二一"), and their digits.
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
#: A number as a clerk types one, without an exponent ("1,400", "2024", "36.5").
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
#: Letters typed for a zero ("1,4OO"), and the zero they stand for.
_LETTER_ZERO = str.maketrans({"O": "0", "o": "0", "〇": "0"})
#: What an empty value cell is told to do, in Chinese (a request's rows say it otherwise).
NO_NUMBER_ZH = "请填写数字或删去该行"
#: The same for a request's row, whose notes say not to delete rows.
NO_NUMBER_REQUEST_ZH = "请填写数字，或清空数值单元格（该行即视为未填报）并在备注列说明原因"

#: A number with a decimal comma ("36,9", "1,45%", "36,9亿元"): one or two digits after the
#: comma, which no thousands grouping gives.
_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d{1,2})(\s*[^\d,.\s]*)$")


@lru_cache(maxsize=65536)
def normalise_value(raw: str) -> ParsedValue:
    """Split a value cell such as ``"8,796"``, ``"８７９６"``, ``"35.6%"`` or ``"1万家"``.

    Parameters
    ----------
    raw : str
        The cell as read from the file.

    Returns
    -------
    ParsedValue
        Number (exact, as Decimal) and trailing unit text; for missing markers (``NaN``,
        ``-``, ``—``, ``不详`` …) and text that is not a number, ``number`` is None and
        ``reason`` says why.
    """
    marker = _FOOTNOTE_MARK.search("" if raw is None else str(raw))
    if marker:  # NFKC makes "80.5¹" 80.51 and "1450①" 14501
        return ParsedValue(None, reason=f"the value {_shown(raw)!r} carries a footnote mark "
                                        f"({marker.group()}); type the number alone and put "
                                        "the footnote in the note column",
                           reason_zh=f"数值“{_shown(raw)}”带有注释符号（{marker.group()}）；请只填"
                                     "数字，注释写在备注列")  # fmt: skip
    text = clean_text(raw)
    spaced = _SPACE_GROUPS.match(text)
    if spaced:  # "9 500", "9 500" (no-break space): thousands grouped by spaces
        text = spaced.group(1).replace(" ", "") + text[spaced.end(1) :]
    if text.casefold() in MISSING_TOKENS:
        shown = "the cell is empty" if not text else f"{_shown(raw)!r} means no number"
        shown_zh = "数值单元格为空" if not text else f"“{_shown(raw)}”不是数字"
        return ParsedValue(None, reason=f"no usable number ({shown}); give a number or "
                                       "leave the row out",
                           reason_zh=f"{shown_zh}；{NO_NUMBER_ZH}")  # fmt: skip
    match = _NUMBER_RE.match(text.casefold())
    suffix = text[match.end() :].strip() if match else text
    lead = "" if match else next((w for w in _LEADING_BOUND_WORDS if text.startswith(w)), "")
    if lead:  # "超过1300家", "不少于5000万元": the bound word before the number
        rest = text[len(lead) :].strip()
        match = _NUMBER_RE.match(rest.casefold())
        suffix = f"{lead}{rest[match.end() :].strip()}" if match else suffix
    if match is None or parse_unit(suffix) is None:
        said = _status_in_value(text)
        if said:  # "预计10350", "1620（初步数）": the number, and the status says the rest
            meant, status = said
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r}; write {meant} in the value cell and the "
                f"status {label(f'obs.{status}', 'zh')} ({status}) in the status column"),
                reason_zh=(f"不是数字：“{_shown(raw)}”；请在数值单元格填 {meant}，并在"
                           f"状态列填 {label(f'obs.{status}', 'zh')}（{status}）"),
                status=status)  # fmt: skip
        word, bound = next(((w, b) for w, b in _BOUND_WORDS if _bound_word_in(w, suffix)),
                           (None, None))  # fmt: skip
        if match is not None and bound:  # "10个以上": the number, and the status says the rest
            # with a multiplier written beside it ("5000余万元": 5000万元, not 5000 in the
            # unit cell's 亿元); a plain unit (家) as the unit column has it
            unit = suffix.replace(word, "", 1).strip()
            scaled = (parse_unit(unit) or (1, None))[0] != 1
            meant = f"{match.group()}{unit}" if scaled else match.group()
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r}; write {meant} in the value cell and "
                f"the status {label(f'obs.{bound}', 'zh')} ({bound}) in the status column"),
                reason_zh=(f"不是数字：“{_shown(raw)}”；请在数值单元格填 {meant}，并在"
                           f"状态列填 {label(f'obs.{bound}', 'zh')}（{bound}）"),
                status=bound)  # fmt: skip
        serial = _date_serial(text)
        if serial is not None:  # 9120 typed into a date cell shows (and is read) as a date
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r} is a date ({serial} typed into a cell "
                "formatted as a date?); format the cell as a number (常规 General) and type "
                "the figure again"),
                reason_zh=(f"不是数字：“{_shown(raw)}”是一个日期（是否在日期格式的单元格中输入了 "
                           f"{serial}？）；请把单元格格式设为数字（常规）后重新输入"))  # fmt: skip
        comma = _DECIMAL_COMMA.match(text)
        if comma and parse_unit(comma.group(3)) is None:  # "1,4OO" is no decimal comma
            comma = None
        zeros = text.translate(_LETTER_ZERO)
        if zeros != text and _PLAIN_NUMBER.fullmatch(zeros) and re.search(r"\d", text):
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r} has the letter O where a zero belongs? write "
                f"{zeros}"),
                reason_zh=f"不是数字：“{_shown(raw)}”中把数字 0 写成了字母 O？请写作 {zeros}")  # fmt: skip
        if text.startswith(("'", "’", "‘")) and _NUMBER_RE.fullmatch(text[1:].strip().casefold()):
            # "'1320": Excel's mark of a number kept as text, typed into a CSV
            meant = text[1:].strip()
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r} starts with an apostrophe (Excel's mark of a "
                f"number kept as text); write {meant}"),
                reason_zh=f"不是数字：“{_shown(raw)}”以撇号开头（Excel 中把数字存为文本的标记）；"
                          f"请去掉撇号，写作 {meant}")  # fmt: skip
        if comma:  # "36,9": a decimal comma (thousands take groups of three)
            meant = f"{comma.group(1)}.{comma.group(2)}{comma.group(3)}"
            return ParsedValue(None, reason=(
                f"not a number: {_shown(raw)!r} looks like a decimal comma; write "
                f"{meant} with a point"),
                reason_zh=f"不是数字：“{_shown(raw)}”似乎用了小数逗号；请用小数点写作 {meant}")  # fmt: skip
        return ParsedValue(None, reason=f"not a number: {_shown(raw)!r} (write e.g. 8796, "
                                        "8,796, 35.6%, 54.03亿元)",
                           reason_zh=f"不是数字：“{_shown(raw)}”（可写作 8796、8,796、35.6%、"
                                     "54.03亿元）")  # fmt: skip
    try:
        number = Decimal(match.group().replace(",", ""))
        huge = not number.is_finite() or abs(number) > Decimal("1e300")
    except ArithmeticError:  # an exponent beyond what Decimal holds: 1e999999999999999999999
        huge = True
    if huge:
        return ParsedValue(
            None,
            reason=f"no usable number ({_shown(raw)!r} is out of range)",
            reason_zh=f"没有可用的数字（“{_shown(raw)}”超出范围）",
        )
    return ParsedValue(number, suffix)


@lru_cache(maxsize=1024)
def parse_unit(unit: str) -> tuple[int, str | None] | None:
    """Parse a unit into (multiplier, base unit): ``"亿元"`` → (10**8, "元"), ``"万"`` → (10**4,
    None), ``"%"`` → (1, "%"), ``""`` → (1, None); None when the unit is not recognised."""
    u = re.sub(r"\s+", "", clean_text(unit)).casefold()
    u = _UNIT_SYNONYMS.get(u, u)
    if u in ("", "%") or u in _COMPOUND or u in _BASES:
        return (1, u or None)
    for prefix, multiplier in _PREFIXES:
        rest = u.removeprefix(prefix)
        if rest != u and (rest == "" or rest in _BASES):
            return (multiplier, rest or None)
    return None


def conversion_factor(given: tuple[int, str | None], target: str) -> Decimal | None:
    """Factor taking a value in ``given`` (from :func:`parse_unit`) to the registry unit.

    A bare multiplier (``"1万"``) is read in the registry's base unit; when the registry unit
    is itself 万-based, a bare 万 is that unit's own 万. Returns None if not convertible.
    """
    reg = parse_unit(target)
    if reg is None:
        return Decimal(1) if given == (1, None) else None
    (mg, bg), (mr, br) = given, reg
    if bg is None:
        if br == "%" or br in _COMPOUND:
            return Decimal(1) if mg == 1 else None
        return Decimal(mg) if mr == 1 else Decimal(mg) / Decimal(mr) if mg != 1 else Decimal(1)
    if bg == br:
        return Decimal(mg) / Decimal(mr) if bg != "%" or mg == 1 else None
    if br and "/" in br and mg == 1 and br.split("/")[0] == bg:
        return Decimal(1)  # "1.65件" for 件/万人: the number is already per 10,000 people
    return None


# --------------------------------------------------------------------------- registry lookups


@dataclass(frozen=True)
class _Lookups:
    indicators: dict[str, str]
    units: dict[str, str]
    units_en: dict[str, str]
    kinds: dict[str, str]
    regions: dict[str, str]
    region_list: str
    region_list_zh: str
    ids: tuple[str, ...]
    names_zh: dict[str, str] = field(default_factory=dict)  # indicator id → 中文名称

    region_names_zh: dict[str, str] = field(default_factory=dict)  # region code → 中文名称
    #: indicator id → the id of the indicator that is its growth in % (registry ``rate_of``)
    growth_of: dict[str, str] = field(default_factory=dict)
    #: indicator id → ``(value, year, "baseline" or "target")``: the plan's positive baseline,
    #: else its last positive level target (:func:`_scale_problem`)
    plan_scale: dict[str, tuple[float, int, str]] = field(default_factory=dict)

    def named(self, iid: str) -> str:
        """An indicator as a Chinese message names it: "科技型中小企业数量（tech_smes）"."""
        name = self.names_zh.get(iid)
        return f"“{name}”（{iid}）" if name else iid

    def region_name(self, region: str) -> str:
        """A region by its Chinese name ("廊坊市"), or its code when the registry has none."""
        return self.region_names_zh.get(region) or region


def _registry_lookups() -> _Lookups:
    """:func:`_lookups` of the registry files ``config`` names (its targets too: a figure is
    set against the plan's own, and the cache must know which targets file that was)."""
    return _lookups(str(config.INDICATORS_FILE), str(config.REGIONS_FILE),
                    str(config.TARGETS_FILE))  # fmt: skip


@lru_cache(maxsize=2)
def _lookups(indicators_file: str, regions_file: str, targets_file: str = "") -> _Lookups:
    ind = registry.load_indicators(indicators_file)
    names: dict[str, str] = {}
    for col in ("indicator_id", "name_zh", "name_en", "short_zh", "short_en"):
        for key, iid in zip(ind[col], ind["indicator_id"], strict=True):
            names.setdefault(_key(key), iid) if key else None
    reg = registry.load_regions(regions_file)
    regions = {_key(k): v for k, v in REGION_ALIASES.items()}
    for col in ("region", "name_zh", "name_en"):
        regions.update({_key(k): v for k, v in zip(reg[col], reg["region"], strict=True)})
    pairs = [f"{r} ({n})" for r, n in zip(reg["region"], reg["name_zh"], strict=True)]
    more = f" and {len(pairs) - 12} more" if len(pairs) > 12 else ""
    listing = ", ".join(pairs[:12]) + more
    pairs_zh = [f"{n}（{r}）" for r, n in zip(reg["region"], reg["name_zh"], strict=True)]
    more_zh = f"等 {len(pairs_zh)} 个" if len(pairs_zh) > 12 else ""
    listing_zh = "、".join(pairs_zh[:12]) + more_zh
    return _Lookups(
        indicators=names,
        units=dict(zip(ind["indicator_id"], ind["unit_zh"], strict=True)),
        units_en=dict(zip(ind["indicator_id"], ind["unit_en"], strict=True)),
        kinds=dict(zip(ind["indicator_id"], ind["kind"], strict=True)),
        regions=regions,
        region_list=listing,
        region_list_zh=listing_zh,
        names_zh=dict(zip(ind["indicator_id"], ind["name_zh"], strict=True)),
        region_names_zh=dict(zip(reg["region"], reg["name_zh"], strict=True)),
        ids=tuple(ind["indicator_id"]),
        growth_of={of: iid for iid, of in registry.rate_links(ind).items()},
        plan_scale=_plan_scales(ind, targets_file),
    )


def _plan_scales(ind: pd.DataFrame, targets_file: str = "") -> dict[str, tuple[float, int, str]]:
    """The plan's own figure of each level indicator to set a returned figure against: its
    positive baseline, else its last positive target in ``targets_file`` (a growth rate has
    none; no targets file, baselines only)."""
    out: dict[str, tuple[float, int, str]] = {}
    for iid, kind, value, year in zip(ind["indicator_id"], ind["kind"], ind["baseline_value"],
                                      ind["baseline_year"], strict=True):  # fmt: skip
        if kind != "growth_rate" and pd.notna(value) and float(value) > 0 and pd.notna(year):
            out[iid] = (float(value), int(year), "baseline")
    if not targets_file:
        return out
    try:
        targets = registry.load_targets(targets_file, indicators=ind)
    except (OSError, ValueError):  # the registry's own checks say what is wrong with it
        return out
    kinds = dict(zip(ind["indicator_id"], ind["kind"], strict=True))
    for t in targets.sort_values("year", kind="stable").itertuples():  # the last one stays
        if (out.get(t.indicator_id, ("", "", "target"))[2] == "target"
                and kinds.get(t.indicator_id) != "growth_rate"
                and pd.notna(t.value) and float(t.value) > 0):  # fmt: skip
            out[t.indicator_id] = (float(t.value), int(t.year), "target")
    return out


#: A figure of the plan's own region this many times its indicator's plan baseline (or a
#: hundredth of it, or this many times its target) is refused unless its note confirms it
#: (核实无误): 万 typed for 个 is 10,000 times, and it loaded as a check while the run
#: published "achieved" on 14,200,000 firms and a budget of 45,830亿元 (the statistician's
#: review). Between ``config.IMPLAUSIBLE_FACTOR`` and this it stays a check; the registry
#: refuses a target this far from its baseline too.
SCALE_REFUSED = 100.0


def _within(value: float, reference: float) -> bool:
    """Whether ``value`` is within ``config.IMPLAUSIBLE_FACTOR`` times ``reference``."""
    return 0 < value and reference / config.IMPLAUSIBLE_FACTOR < value < (
        reference * config.IMPLAUSIBLE_FACTOR
    )


#: How near its reference a fraction's hundredfold must be for the message to offer it as the
#: figure meant: 0.4 for a 5 % share read "0.4 应为 40%?", eight times the target (the
#: statistician's review); past this the message asks to check the digits instead.
FRACTION_NEAR = 3.0


def _fraction_meant(value: float, reference: float) -> bool:
    """Whether a hundred times ``value`` is a likely reading: within ``FRACTION_NEAR``
    times ``reference``."""
    return 0 < value < 1 and reference / FRACTION_NEAR <= value * 100 <= reference * FRACTION_NEAR


def _scale_problem(ind: str, region: str, year: int, value: float, note: str, lk: _Lookups,
                   converted: tuple[str, str] | None = None) -> tuple[str, str] | None:  # fmt: skip
    """Why a home-region figure is refused as a slipped unit or digits (:data:`SCALE_REFUSED`
    times off the plan's own figure, or a share typed as a fraction: 0.384 for 38.4 %), in
    English and Chinese, or None. ``converted``: the figure as typed and its unit ("1420",
    "万家"), said beside the converted value. A note with 核实无误 lets it through.

    Upwards every year counts; downwards only from the plan's baseline year on (a yearbook
    history, 8 firms in 2005, is small by right: the diff review), and against a target
    only for a share (a count that starts from 0 is small in its first years). A share is a
    fraction typed for a percentage where a hundred times it, not itself, is of the plan's
    scale (0.0145 for an intensity of 1.45 %, 0.045 for a 5 % share)."""
    plan = lk.plan_scale.get(ind)
    if region != config.HOME_REGION or plan is None or value <= 0 or is_confirmed(note):
        return None
    reference, since, what = plan
    unit, ratio = lk.units[ind], value / reference
    share = lk.kinds[ind] == "share"
    fraction = share and value < 1 and _within(value * 100, reference) and not _within(
        value, reference)  # fmt: skip
    first = since if what == "baseline" else config.PLAN_BASE_YEAR  # the plan's own years
    low = ratio <= 1 / SCALE_REFUSED and (share or what == "baseline") and year >= first
    if not (fraction or ratio >= SCALE_REFUSED or low):
        return None
    what_zh = "基数" if what == "baseline" else "目标值"
    typed = f" (converted from {''.join(converted)})" if converted else ""
    typed_zh = f"（由{''.join(converted)}换算）" if converted else ""
    times = f"{ratio:,.0f} times" if ratio >= 1 else f"1/{1 / ratio:,.0f} of"
    times_zh = f"的{ratio:,.0f}倍" if ratio >= 1 else f"的{1 / ratio:,.0f}分之一"
    if fraction and _fraction_meant(value, reference):
        hint = f"a fraction for a percentage ({value:g} for {value * 100:g} %)?"
        hint_zh = f"百分比写成了小数（{value:g} 应为 {value * 100:g}%）？"
    elif fraction:  # a hundred times it is far from the plan's figure too
        hint, hint_zh = (
            "slipped digits, or a fraction for a percentage?",
            "位数是否有误，或百分比写成了小数？",
        )
    elif converted and _within(float(converted[0]), reference):  # the number as typed, in
        # the registry's unit, is of the plan's scale: that is the likely reading
        hint = f"a unit typed wrong (if it is {converted[0]} {unit}, write the unit {unit})?"
        hint_zh = f"单位是否填错（如为{converted[0]}{unit}，请把单位改为“{unit}”）？"
    elif converted:
        hint, hint_zh = "a unit typed wrong?", "单位是否填错？"
    elif other := _other_unit(value, reference, unit, "", ind):  # 1.12 for 1.12 万家
        hint = f"a unit left out (if it is {other[0]} {other[1]}, write the unit {other[1]})?"
        hint_zh = f"单位是否漏填（如为{other[0]}{other[1]}，请把单位改为“{other[1]}”）？"
    else:
        hint, hint_zh = "slipped digits or another unit?", "位数或单位是否有误？"
    return (f"{value:,.10g} {unit}{typed} is {times} the plan's {since} {what} "
            f"{reference:,g} {unit}: {full_stop(hint, 'en')} Correct it, or write 核实无误 "
            "(confirmed) in the note if it is right",
            f"{value:,.10g}{unit}{typed_zh}是方案{since}年{what_zh}{reference:,g}{unit}{times_zh}："
            f"{full_stop(hint_zh)}请更正；如数字无误，请在备注中写“核实无误”")  # fmt: skip


def _series_scale_problems(
    obs: pd.DataFrame, lk: _Lookups, columns: dict[str, str] | None = None
) -> list[Problem]:
    """Home-region figures :data:`SCALE_REFUSED` times or more off the indicator's other
    figures since the plan's base year, for an indicator the plan gives no level of
    (:func:`_scale_problem` sets the others against the plan's own figure).

    R&D spending has no plan baseline and a growth target: 735,000 typed from a yearbook in
    万元, the unit cell left empty, was read as 735,000亿元 beside 54.03亿元 of 2021, loaded
    with a check only, and the page said "on track, >99 %" (the statistician's review).

    The figures are grouped where each is within :data:`SCALE_REFUSED` times of the next.
    One group stands: the one holding the shipped figures (``config.OBSERVATIONS_FILE``),
    else the largest; every figure outside it is refused with the group's figures named,
    and the unit that would bring it among them. When none stands alone, every figure is
    refused against the others. Growth rates and bounds are left out; a note with 核实无误
    lets its figure through (it makes no other figure wrong). ``columns``: the value
    column's header per ``origin_file``.
    """
    columns = columns or {}
    shipped = shown_path(Path(config.OBSERVATIONS_FILE))
    keep = (
        (obs["region"] == config.HOME_REGION)
        & obs["status"].isin(config.SERIES_STATUS_PRIORITY)
        & (obs["year"] >= config.PLAN_BASE_YEAR)
        & (obs["value"] > 0)
    )
    out = []
    for ind, g in obs[keep].groupby("indicator_id", sort=True):
        if ind in lk.plan_scale or ind not in lk.units or "y/y" in lk.units_en.get(ind, ""):
            continue
        g = g.sort_values(["value", "year"], kind="mergesort")
        if len(g) < 2 or g["value"].iloc[-1] / g["value"].iloc[0] < SCALE_REFUSED:
            continue
        values = g["value"].to_numpy(dtype=float)
        group = np.concatenate([[0], np.cumsum(values[1:] / values[:-1] >= SCALE_REFUSED)])
        groups = list(dict.fromkeys(group.tolist()))
        sizes = pd.Series(group).value_counts()

        from_shipped = g["origin_file"].eq(shipped).to_numpy(dtype=bool)
        # the figures that stand: the shipped figures' group (curated, with their sources: a
        # return of four figures in 万元 outvoted R&D spending's 54.03 and had it refused:
        # the diff review), else the largest; none when still tied
        candidates = ([k for k in groups if from_shipped[group == k].any()],
                      [k for k in groups if sizes[k] == sizes.max()])  # fmt: skip
        main = next((c[0] for c in candidates if len(c) == 1), None)
        for k in groups:
            if k == main:
                continue
            held = g[group == main] if main is not None else g[group != k]
            out += [_series_problem(ind, row, held, lk, columns)
                    for row in g[group == k].itertuples(index=False)
                    if not is_confirmed(row.note)]  # fmt: skip
    return out


def _series_problem(ind: str, row, held: pd.DataFrame, lk: _Lookups,
                    columns: dict[str, str]) -> Problem:  # fmt: skip
    """The problem of one figure far off ``held``, the figures of its series that stand."""
    reference = float(held["value"].median())
    unit = lk.units[ind]
    shown = held.sort_values("year", kind="mergesort").tail(4)  # the latest, at most 4
    pairs = list(zip(shown["year"].astype(int), shown["value"], strict=True))
    more = len(held) > len(shown)
    named = ("…、" if more else "") + "、".join(f"{y}年{_fmt_given(v)}" for y, v in pairs)
    named_en = ("…, " if more else "") + ", ".join(f"{y}: {_fmt_given(v)}" for y, v in pairs)
    value, ratio = float(row.value), float(row.value) / reference
    times = f"{ratio:,.0f} times" if ratio >= 1 else f"1/{1 / ratio:,.0f} of"
    times_zh = f"的{ratio:,.0f}倍" if ratio >= 1 else f"的{1 / ratio:,.0f}分之一"
    other = _other_unit(value, reference, unit, row.note, ind)
    if other:
        typed, said = other
        hint = f"if it is {typed} {said}, write the unit {said}"
        hint_zh = f"如为{typed}{said}，请把单位改为“{said}”"
    else:
        hint, hint_zh = "slipped digits or another unit?", "位数或单位是否有误？"
    file = str(row.origin_file)
    return Problem(
        file, int(row.origin_row), columns.get(file, "value"),
        f"{_fmt_given(value)} {unit} is {times} Langfang's other figures of {ind} since "
        f"{config.PLAN_BASE_YEAR} ({named_en}; in {unit}): {full_stop(hint, 'en')} Correct "
        "it, or write 核实无误 (confirmed) in the note if it is right",
        sheet=str(row.origin_sheet) or None,
        message_zh=(
            f"{_fmt_given(value)}{unit}是廊坊市{config.PLAN_BASE_YEAR}年以来{lk.named(ind)}其他"
            f"数字（{named}，单位{unit}）{times_zh}：{full_stop(hint_zh)}请更正；如数字无误，"
            "请在备注中写“核实无误”"
        ),
    )  # fmt: skip


def _fmt_given(value: float) -> str:
    """A figure as given, thousands separated (54.03, 1,258)."""
    return f"{value:,.10g}"


def _other_unit(value: float, reference: float, unit: str, note: object, ind: str
                ) -> tuple[str, str] | None:  # fmt: skip
    """``(number as typed, unit)`` that would put ``value`` among figures near ``reference``:
    735,000 in 亿元 beside 54.03 → ("735000", "万元"); a figure the unit cell converted is
    read back as typed first (1.42 万家 read as 14,200 家 → ("1.42", "家")). The unit whose
    reading lands closest to ``reference`` in ratio, among the registry unit's base with
    each prefix; None when no reading lands within ``config.IMPLAUSIBLE_FACTOR`` times."""
    own = parse_unit(unit)
    if own is None or own[1] is None or own[1] == "%" or "/" in own[1]:
        return None
    typed = _converted(note, ind, value)
    number = Decimal(typed[0]) if typed else Decimal(repr(value))
    best = None
    for prefix, _ in (("", 1), *_PREFIXES):
        if prefix == "万亿":  # no city statistic comes in 万亿 (54.03 "万亿元")
            continue
        said = f"{prefix}{own[1]}"
        factor = conversion_factor(parse_unit(said), unit)
        if factor is None or (typed is None and said == unit):
            continue
        reading = float(number * factor)
        if _within(reading, reference):
            gap = abs(math.log(reading / reference))
            if best is None or gap < best[0]:
                best = (gap, format(number.normalize(), "f"), said)
    return None if best is None else best[1:]


def _suggest(raw: str, lk: _Lookups, lang: str = "en") -> str:
    close = difflib.get_close_matches(_key(raw), list(lk.indicators), n=6, cutoff=0.6)
    ids = list(dict.fromkeys(lk.indicators[c] for c in close))[:3]
    if ids:
        if lang == "zh":
            return f"是否指{'、'.join(lk.named(i) for i in ids)}？"
        return f"did you mean {', '.join(ids)}?"
    if lang == "zh":
        return "请查看模板的指标表或 data/raw/registry/indicators.csv"
    return "see the indicator sheet of the template or data/raw/registry/indicators.csv"


_STATUS_INDEX = {**{s: s for s in config.STATUSES}, **STATUS_ALIASES}
# the Chinese status labels of the reports and request workbooks (正式数, 非全年 …)
_STATUS_INDEX.update({label(f"obs.{s}", "zh"): s for s in config.STATUSES})


#: The statuses as a message lists them, each with its Chinese word (the form's drop-down).
_STATUS_CHOICES = ", ".join(f"{label(f'obs.{s}', 'zh')} {s}" for s in config.STATUSES)
_STATUS_CHOICES_ZH = "、".join(f"{label(f'obs.{s}', 'zh')}（{s}）" for s in config.STATUSES)


@lru_cache(maxsize=4096)
def _status(raw: str) -> str | None:
    text = clean_text(raw).casefold().replace("_", "-").replace(" ", "-")
    if not text:
        return "final"
    if text in _STATUS_INDEX:
        return _STATUS_INDEX[text]
    # bilingual choices such as "正式数 final" (the request workbook's drop-down): every
    # part must name the same status
    parts = [p for p in re.split(r"[\s/()（）|]+", clean_text(raw).casefold()) if p]
    hits = {_STATUS_INDEX.get(p.replace("_", "-"), "?") for p in parts}
    if hits == {"chained", "preliminary"}:  # "衔接数（初步）": chained from a preliminary figure
        return "chained-preliminary"
    return hits.pop() if len(hits) == 1 and "?" not in hits else None


_YEAR_RE = re.compile(r"[+-]?\d+(?:\.0*)?")
#: The end of a year cell that says the whole year: "年全年", "年1-12月", "年12月底", "年1-4季度",
#: "年前四季度".
_WHOLE_YEAR_END = re.compile(
    r"(?<=\d)(?:年度?)?(?:全年|1[-—–~至到]12月(?:份)?|12月(?:份)?(?:底|末)?|"
    r"(?:第?[1一][-—–~～至到]第?[4四]|前[4四]个?)季度)$|"
    r"(?<=\d)\s*[.\-/]\s*(?:1\s*[-—–~至到]\s*)?12$"
)
#: A year cell naming part of its year beyond :data:`PART_YEAR_NOTE`: a month ("2023年6月",
#: "2023.6", "2023-06"), a quarter in digits ("2023年第1季度", "2023年3季度"), a span of months
#: ("2023.1-6"). The fourth quarter is no such part, as in the notes: a stock at its end is
#: the year's.
_PART_YEAR_CELL = re.compile(
    r"\d{4}\s*年\s*(?:0?[1-9]|1[01])\s*月|^\s*\d{4}\s*[.\-/]\s*(?:0?[1-9]|1[01])\s*$|"
    r"第?\s*[1-3]\s*季度|"
    r"\d{4}\s*\.\s*1\s*[-—–~至到]\s*(?:[1-9]|1[01])\b"
)
#: A year cell naming the fourth quarter ("2023年第4季度", "2023年四季度", "2023Q4"): a stock at
#: its end is the year's, a flow of those three months alone is part of the year.
_FOURTH_QUARTER_CELL = re.compile(r"第?\s*[4四]\s*季度|Q\s*4(?!\d)", re.I)
#: A year cell that dates a publication or a release ("2024年3月公布", "2023年统计公报（2024年3
#: 月）"): the month is when it came out, no part of the figure's year.
_RELEASE_WORDS = re.compile(r"发布|公布|印发|披露|公报|统计|更新|出版|[（(]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T00:00(?::00)?)?")


#: The forms of a publication date: a bare year (2023, 2023年), numbers (2023-02-10, 2023/2,
#: 2023.2.10) and Chinese (2023年2月, 2023年2月10日); each group (year, month, day) optional
#: after the year. Nothing else is read ("2023年2年", "2023-02年" are refused).
_PUBLISHED_DATES = (
    re.compile(r"(?P<y>\d{4})\s*年?"),
    re.compile(
        r"(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})"
        r"(?:\s*(?P=sep)\s*(?P<d>\d{1,2}))?"
    ),  # one separator throughout
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日?)?"),
)


_CLOCK_TIME = re.compile(r"(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def published_date(text: str) -> str:
    """A publication date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, at the precision given
    ("2023/2/10", "2023年2月10日", "20230210", "2023-02", "2023年2月", "2023"; an Excel date
    cell arrives as ISO text, a time of day is dropped).

    Raises
    ------
    ValueError
        Saying why, in English and Chinese (``args``): not a date, a month or day that does
        not exist, a year out of range.
    """
    import datetime as dt

    text = unicodedata.normalize("NFKC", str(text)).strip()
    text = _CLOCK_TIME.sub("", text)  # a date cell with a time of day: the day
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # 20230210
    text = "-".join(compact.groups()) if compact else text
    found = next((m for m in (p.fullmatch(text) for p in _PUBLISHED_DATES) if m), None)
    if found is None:
        raise ValueError("not a date", "不是日期")
    parts = found.groupdict()
    year, month, day = (int(parts[k]) if parts.get(k) else None for k in ("y", "m", "d"))
    lo, hi = YEAR_RANGE
    if not lo <= year <= hi:
        raise ValueError(
            f"the year {year} is outside {lo}-{hi}", f"年份 {year} 不在 {lo}-{hi} 之内"
        )
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}", f"没有{month}月")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{year}-{month:02d} has no day {day}",
                         f"{year}年{month}月没有{day}日") from None  # fmt: skip
    return f"{year:04d}-{month:02d}-{day:02d}"


def _today() -> str:
    """Today's date in China (UTC+8, no summer time) as ISO text: a bulletin dated today in
    Langfang was refused until 08:00 there on a machine keeping UTC (the diff review). A
    function, so a test can move the clock."""
    import datetime as dt

    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()


def earliest_published(dates) -> str:
    """Of the publication dates copies of one figure give (loader text), the one that ends
    first ("" when none does)."""
    given = [d for d in dates if isinstance(d, str) and d]
    return min(given, key=lambda d: (published_end(d), d)) if given else ""


def published_ends(values: pd.Series, what: str | None = None) -> pd.Series:
    """:func:`published_end` of each value of a frame's ``published`` column (object dtype,
    ``values``' index).

    A value that is no date raises a ValueError naming ``what`` (whose figures hold it) and
    the value, not :func:`published_date`'s bare reason; with ``what`` None it reads as ""
    (undated), for sorting the revisions of figures the loader has already checked.
    """

    def end(value: object) -> str:
        try:
            return published_end(value)
        except ValueError as err:
            if what is None:
                return ""
            raise ValueError(f"observations of {what} hold a published date that is no date: "
                             f"{value!r} ({err.args[0]}); write it as 2023-02-10, 2023-02 or "
                             "2023") from None  # fmt: skip

    # each distinct date once: a million rows carry a few hundred dates at most; a missing
    # value codes as -1, the last entry ("")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    ends = np.array([*(end(u) for u in uniques), ""], dtype=object)
    return pd.Series(ends[codes], index=values.index, dtype=object)


def published_end(value: object) -> str:
    """The last day a publication date can mean, as ISO text that sorts as dates do ("2023"
    → "2023-12-31", "2023-02" → "2023-02-28", a date or Timestamp its own day); "" when
    there is none (empty, NaN, NaT). Any form :func:`published_date` reads is read, so a
    frame built by hand compares as a loaded one does.

    Raises
    ------
    ValueError
        For a value that is no date (:func:`published_date`'s reason).
    """
    import calendar
    import datetime as dt

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.date):  # datetime and Timestamp too
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return ""
    text = published_date(text)
    if len(text) == 4:
        return f"{text}-12-31"
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        return f"{text}-{calendar.monthrange(year, month)[1]:02d}"
    return text


def known_by_date(value: object) -> str:
    """The day a ``--known-by`` date means, as ISO text: any form :func:`published_date`
    reads, a month or a year counting from its last day as a figure dated so does
    ("2024-03" → "2024-03-31"), so the outputs name one day.

    Raises
    ------
    ValueError
        For an empty value, one that is no date, or a day before the plan's base year was
        over (no figure of the plan's period could be known then: ``--known-by 1990`` wrote
        an empty brief), saying why in English and Chinese (``args``).
    """
    try:
        day = published_end(value)
    except ValueError as err:
        en, zh = (*err.args, *err.args)[:2]
        # a reason that only repeats "no date" is left out ("不是日期（不是日期）")
        why_en = "" if en == "not a date" else f" ({en})"
        why_zh = "" if zh in ("不是日期", "not a date") else f"（{zh}）"
        raise ValueError(f"--known-by {value!r} is no date{why_en}; write it as 2024-03-31",
                         f"--known-by {value!r} 不是日期{why_zh}；请写成 2024-03-31") from None  # fmt: skip
    if not day:
        raise ValueError("--known-by needs a date such as 2024-03-31",
                         "--known-by 需要一个日期，如 2024-03-31")  # fmt: skip
    first = f"{config.PLAN_BASE_YEAR + 1}-01-01"  # a base-year figure comes out after the year
    if day < first:
        raise ValueError(
            f"--known-by {value!r} is before {first}: the plan's base year "
            f"{config.PLAN_BASE_YEAR} was not over, so no figure of the plan could be known; "
            f"give a day from {first} on",
            f"--known-by {value!r} 早于{first}：方案基期{config.PLAN_BASE_YEAR}年尚未结束，"
            f"还没有方案的任何数字；请给出{first}及以后的日期")  # fmt: skip
    return day


@dataclass(frozen=True)
class KnownBy:
    """What keeping the figures known on a day (:func:`published_by`) did: the day, the
    figures published later and left out, the undated figures counted as known (the weak
    point of such a reconstruction: any of them may have come out later), the undated
    figures of a year not over by the day and left out (``unfinished``: a year's figure comes
    out after the year), the undated figures of a year over left out because a dated figure
    they succeed came out on or after the day (``after_earlier``: a final cannot precede its
    own preliminary), and every input file that gave figures before the cut (a file all
    of whose figures came later is still an input, and a command that repeats the run names
    it); ``read`` and ``indicators``, the figures read before the cut and their indicators
    (0 when not given: the run says them)."""

    date: str
    later: int = 0
    undated: int = 0
    files: tuple = ()
    unfinished: int = 0
    read: int = 0
    indicators: int = 0
    after_earlier: int = 0


#: Why a figure is or is not known on a day (:func:`known_on`): published by the day, published
#: after it, undated and counted as known, undated of a year not over, undated and after a
#: dated figure it succeeds that came out on the day or later.
KNOWN_REASONS = ("dated", "later", "undated", "unfinished", "after_earlier")
#: The reasons of a figure counted as known.
KNOWN = ("dated", "undated")


def succeeded_ends(rows: pd.DataFrame, ends: pd.Series, siblings: pd.DataFrame,
                   sibling_ends: pd.Series) -> pd.Series:  # fmt: skip
    """For each row of ``rows``, the day the latest earlier stage of its figure came out: of
    the dated ``siblings`` of its series-year (same indicator, region and year) whose status
    its own comes out after (``config.SUCCEEDS``: a final after its preliminary, a revision
    after the final, a chained final after its chained preliminary), the latest of each
    stage's first day out
    (``sibling_ends``, :func:`published_end` text); "" when there is none, for rows not of a
    series status, and for dated rows (their own date says when they came out).

    Each stage counts from its first figure (the earliest of a status's dates): a stage
    re-issued later (a chained figure chained again) did not hold back what succeeds it.
    A definition changed is its own status (``other-definition``), so the statuses alone
    key a series' stages.
    """
    keys = [c for c in ("indicator_id", "region", "year") if c in rows.columns]
    out = pd.Series("", index=rows.index, dtype=object)
    if "status" not in rows.columns or "status" not in siblings.columns:
        return out  # no stages to tell apart
    earlier = {s for stages in config.SUCCEEDS.values() for s in stages}
    asking = rows[ends.eq("").to_numpy() & rows["status"].isin(list(config.SUCCEEDS)).to_numpy()]
    dated = siblings.assign(_end=sibling_ends.to_numpy())
    dated = dated[dated["_end"].ne("") & dated["status"].isin(list(earlier))]
    if asking.empty or dated.empty:
        return out
    stages = dated.groupby([*keys, "status"], sort=False)["_end"].min().reset_index()
    ask = asking[keys].assign(_status=asking["status"].to_numpy(), _row=asking.index)
    pairs = ask.merge(stages, on=keys, how="inner")
    follows = [s in config.SUCCEEDS[a] for a, s in zip(pairs["_status"], pairs["status"],
                                                         strict=True)]  # fmt: skip
    pairs = pairs[np.asarray(follows, dtype=bool)]  # the stages the row's own comes after
    latest = pairs.groupby("_row")["_end"].max()
    out.loc[latest.index] = latest.to_numpy()
    return out


def known_on(rows: pd.DataFrame, day: str, *, siblings: pd.DataFrame | None = None,
             what: str = "the input") -> pd.Series:  # fmt: skip
    """Why each of ``rows`` is or is not known on ``day`` (ISO text): one of
    :data:`KNOWN_REASONS`, ``rows``' index. The one rule of :func:`published_by` and
    ``series.select_series(known_by=)``.

    A dated figure is known if published on or before the day (by the last day its date can
    mean). An undated one is known if its year is over by the day (a year's figure comes
    out after the year) and no dated figure it succeeds (:func:`succeeded_ends`, among
    ``siblings``, ``rows`` when not given) came out on the day or after it: a successor
    comes strictly later, so a final beside its preliminary of 2024-06-30 was not out on
    2024-03-31, though 2023 was over.

    Raises
    ------
    ValueError
        For a ``published`` value that is no date (naming ``what``).
    """

    def ends_of(frame: pd.DataFrame) -> pd.Series:
        if "published" in frame.columns:
            return published_ends(frame["published"], what)
        return pd.Series("", index=frame.index, dtype=object)

    ends = ends_of(rows)
    others = rows if siblings is None else siblings
    before = succeeded_ends(rows, ends, others, ends if siblings is None else ends_of(others))
    undated = ends.eq("").to_numpy()
    over = (pd.to_numeric(rows["year"], errors="coerce") < int(day[:4])).to_numpy()
    held = before.ne("").to_numpy() & (before >= day).to_numpy()
    why = np.select(
        [~undated & (ends <= day).to_numpy(), ~undated, ~over, held],
        ["dated", "later", "unfinished", "after_earlier"],
        default="undated",
    )
    return pd.Series(why, index=rows.index, dtype=object)


def published_by(observations: pd.DataFrame, date: object,
                 siblings: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """The figures known on ``date``: those published by then, as ``select_series(known_by=)``
    keeps them (both by :func:`known_on`), for a whole run (``run --known-by``).

    A figure dated at a coarser precision ("2024-03", "2024") counts from the last day it can
    mean. One without a ``published`` date counts as known if its year was over by the day,
    and is left out if not: a year's figure comes out after the year (as known on 2024-03-31,
    undated 2025 figures made the page read "data to 2025"); it is left out too when a dated
    figure it succeeds (a preliminary, for a final) came out on the day or later, found
    among ``siblings`` (``observations`` when not given: :func:`_known_on` gives every
    file's). Of a figure and its revisions,
    those published later are left out, so the figure they revised counts again. The frame
    keeps its ``attrs`` (the notes, files and lines the loader recorded) and says what was
    done in ``attrs["known_by"]`` (:class:`KnownBy`).

    Raises
    ------
    ValueError
        For a ``date`` that is no date (:func:`known_by_date`).
    """
    day = known_by_date(date)
    why = known_on(observations, day, siblings=siblings)
    keep = why.isin(KNOWN).to_numpy()
    files = ()
    if "origin_file" in observations.columns:
        files = tuple(sorted({str(f) for f in observations["origin_file"] if f}))
    out = observations[keep]
    n = why.value_counts()
    out.attrs = {**observations.attrs, "known_by": KnownBy(
        day, later=int(n.get("later", 0)), undated=int(n.get("undated", 0)), files=files,
        unfinished=int(n.get("unfinished", 0)),
        after_earlier=int(n.get("after_earlier", 0)))}  # fmt: skip
    return out


def _known_on(merged: pd.DataFrame, frames: list, rank: dict, date: object) -> pd.DataFrame:
    """The figures known on ``date`` of several files (:func:`published_by`), each file's cut
    before the conflicts between files are settled, so that a figure ``--prefer`` set aside
    for one published later counts: the preferred figure was not yet out, and cut after the
    merge the year was left without a figure (the review's 2022 high-tech count: 1,258
    undated beside a preferred 1,262 of 2024-06-01). Conflicts among the figures known then
    are settled as the merge settles them (and refused as it refuses them). ``merged``, the
    merge of all of them, gives the counts of the figures published later or of a year not
    over left out, as a run without the day would show them; the undated ones counted as
    known are those the cut keeps.

    The dated figures an undated one succeeds are looked for in ``merged``, not in its own
    file alone: a preliminary of 2024-06-30 in the statistics bureau's return still says
    that the final a department sent undated was not out on 2024-03-31 (the figures of a
    conflict ``--prefer`` set aside are not looked at: the run stands by the preferred one).
    """
    whole = published_by(merged, date)
    said = replace(whole.attrs["known_by"], read=len(merged),
                   indicators=int(merged["indicator_id"].nunique()))  # fmt: skip
    if len(frames) > 1:
        whole = merge_observations([published_by(f, date, merged) for f in frames], rank)
        said = replace(said, undated=int(published_ends(whole["published"]).eq("").sum()))
    whole.attrs["known_by"] = said
    return whole


def published_start(value: object) -> str:
    """The first day a publication date can mean, as ISO text ("2023" → "2023-01-01",
    "2023-02" → "2023-02-01", a date its own day); "" when there is none. Reads what
    :func:`published_end` reads, and raises as it does."""
    import datetime as dt

    end = published_end(value)
    if not end or isinstance(value, dt.date):
        return end
    text = published_date(str(value).strip())
    return text + "-01" * ((10 - len(text)) // 3)


#: Statuses whose figure is published again, later and different, as a matter of course: a
#: revision revised again, a chained figure chained again from the new definition's final,
#: and the new definition's own figures. Two dated final (or preliminary, estimated, bound)
#: figures that disagree stay a conflict: two files' finals settled by their dates without a
#: word (the diff review) would pick a figure silently.
CHAIN_STATUSES = ("revised", "chained", "other-definition")


def _figure_key(value: float) -> float:
    """A figure as a key: copies of one figure (equal to 10 significant digits) share it, so a
    figure's rows group in one pass (comparing each with every other took 30 s for 1,000
    dated revisions of one figure: the diff review)."""
    return float(f"{float(value):.10g}")


@lru_cache(maxsize=8192)
def _span_of(date: object) -> tuple[str, str]:
    """(first, last) day a ``published`` value can mean (:func:`published_start`,
    :func:`published_end`: text, a date, or none), ("", "") for none; ValueError for a date
    that is no date. Cached: a figure's every new revision sets the dates of those before it
    against it again (1,000 dated revisions of one figure took 13 s to parse)."""
    end = published_end(date)
    return (published_start(date), end) if end else ("", "")


def revision_chain(values, published, status: str) -> list[int] | None:
    """How the figures of one indicator, region, year and status that disagree are one
    figure and its later revisions (1,291 published 2025-03, revised again to 1,295 in
    2025-11): each row's place in publication order (0 for the first figure; copies of one
    figure share it), when every figure gives a ``published`` date and no two figures' dates
    can mean the same day; None otherwise ("2025" beside "2025-11", an undated figure, or a
    figure given again after another replaced it, or a status not in
    :data:`CHAIN_STATUSES`), and a person decides which one counts.

    Parameters
    ----------
    values : sequence of float
        The rows' values (copies of one figure agree to 1e-9).
    published : sequence
        The rows' ``published`` text ("" when not given); a copy without a date takes its
        figure's.
    status : str
        Their status: only those published again as a matter of course form a chain.
    """
    if status not in CHAIN_STATUSES:
        return None
    keys = [_figure_key(v) for v in values]
    spans_of: dict[float, list[tuple[str, str]]] = {}
    for k, p in zip(keys, published, strict=True):
        spans_of.setdefault(k, [])
        try:
            span = _span_of(p)
        except ValueError:  # a date that is no date orders nothing
            return None
        if span[1]:
            spans_of[k].append(span)
    if len(spans_of) < 2 or not all(spans_of.values()):
        return None
    spans = {k: (min(a for a, _ in d), max(b for _, b in d)) for k, d in spans_of.items()}
    order = sorted(spans, key=lambda k: spans[k])
    if any(spans[a][1] >= spans[b][0] for a, b in zip(order, order[1:], strict=False)):
        return None  # two dates that may be one day, or a figure back after its revision
    place = {k: i for i, k in enumerate(order)}
    return [place[k] for k in keys]


def revision_advice(published, lang: str = "en") -> str:
    """What a clerk does with two figures of one status that disagree (:func:`revision_chain`
    found no order), after "if one revises the other": give each its publication date, so the later one counts and
    the earlier is kept as what was known before it, never "delete the earlier" (the
    statistician's review: following that advice lost the first revision); dates that can
    mean the same day ("2025" and "2025-11") are named."""
    given = sorted([str(p) for p in published if str(p or "").strip()], key=published_start)
    if len(given) >= 2 and any(published_end(a) >= published_start(b)
                               for a, b in zip(given, given[1:], strict=False)):  # fmt: skip
        given = list(dict.fromkeys(given))
        said = ", ".join(given) if lang == "en" else "、".join(given)
        if lang == "en":
            return (f"their publication dates ({said}) may mean the same day: give each the "
                    "month or day it was first made public, so the later one counts and the "
                    "earlier is kept as what was known before it")  # fmt: skip
        return (f"其发布日期（{said}）可能是同一天：请写明各自首次公布的年月或日期，以便采用后一个，"
                "前一个作为此前已知的数字保留")  # fmt: skip
    if lang == "en":
        return ("give each its publication date (published, 发布日期: the day it was first made "
                "public), so the later one counts and the earlier is kept as what was known "
                "before it")  # fmt: skip
    return "请为每个数字填写发布日期（首次公布之日），以便采用后一个，前一个作为此前已知的数字保留"


def _date_serial(text: str) -> int | None:
    """Excel's day number of a date as the reader writes it ("1905-07-13" → 2021): what a
    number typed into a date-formatted cell was; None for other text."""
    import datetime as dt

    m = _ISO_DATE.fullmatch(text.strip())
    if m is None:
        return None
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    serial = (day - dt.date(1899, 12, 30)).days  # Excel's 1900 system, past its leap bug
    return serial if serial > 0 else None


def _date_serial_year(number: int) -> int | None:
    """The year of the date Excel numbers ``number`` (1900 system), when that is a year a
    figure could be of; else None."""
    import datetime as dt

    if not 1 <= number <= 2_958_465:  # Excel's last day, 9999-12-31
        return None
    year = (dt.date(1899, 12, 30) + dt.timedelta(days=number)).year
    # from 30 years before the plan: 20222 (a typo of 2022) is a day in 1955, no date typed
    return year if config.PLAN_BASE_YEAR - 30 <= year <= YEAR_RANGE[1] else None


@lru_cache(maxsize=4096)
def _year(raw: str) -> tuple[int | None, str, str]:
    # a stock dated by its year's end ("2023年末", "2023年底", "2023年12月底") and a flow of
    # the whole year ("2023年全年", "2023年1-12月") are that year's figure
    text = re.sub(r"(?<=\D)\s+|\s+(?=\D)", "", clean_text(raw))  # "20 23" is no year
    text = _WHOLE_YEAR_END.sub("", text)
    for end in ("年末", "年底", "年度", "年"):
        text = text.removesuffix(end)
    text = text.strip()
    if not _YEAR_RE.fullmatch(text):
        what = "the cell is empty" if not text else f"got {raw.strip()!r}"
        what_zh = "单元格为空" if not text else f"填的是“{raw.strip()}”"
        if text and _YEAR_RE.fullmatch(text.translate(_LETTER_ZERO)):  # "2O24"
            what += f", the letter O for a zero? write {text.translate(_LETTER_ZERO)}"
            what_zh += f"，把数字 0 写成了字母 O？请写作 {text.translate(_LETTER_ZERO)}"
        elif text and _YEAR_RE.fullmatch(text.translate(_HAN_DIGITS)):  # "二〇二一"
            what += f", in Chinese numerals: write {text.translate(_HAN_DIGITS)}"
            what_zh += f"，用了汉字数字：请用阿拉伯数字写作 {text.translate(_HAN_DIGITS)}"
        said = clean_text(raw)
        years_said = set(re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", said))
        # the one year the cell names, unless it dates a publication ("2024年3月公布")
        named = (next(iter(years_said))
                 if len(years_said) == 1 and not _RELEASE_WORDS.search(said) else None)  # fmt: skip
        if named and (PART_YEAR_NOTE.search(said) or _PART_YEAR_CELL.search(said)):
            # "2023年1-6月", "2023.6", "截至2023年6月底": a part of the year
            what += (f", part of a year? Write the year alone ({named}) and choose "
                     "the status 非全年 part-year: such a figure is kept, not counted as the "
                     "year's")  # fmt: skip
            what_zh += (f"，是部分年度的数字？请只填年份（{named}），状态选“非全年”："
                        "这样的数字会保留，但不作为全年数字计入")  # fmt: skip
        elif named and _FOURTH_QUARTER_CELL.search(said):
            # "2023年第4季度": the year's end for a stock, three months for a flow
            what += (f", the fourth quarter? A count at its end is the year's: write {named}; "
                     f"a figure of those three months alone is part of the year: write {named} "
                     "and choose the status 非全年 part-year")  # fmt: skip
            what_zh += (f"，是第四季度？季度末的存量即全年数字：请填 {named}；若仅为该季度三个月的"
                        f"数字，属部分年度：请填 {named} 并将状态选为“非全年”")  # fmt: skip
        serial = _date_serial(text)
        if serial is not None and YEAR_RANGE[0] <= serial <= YEAR_RANGE[1]:
            # 2021 typed into a date cell reads 1905-07-13
            what += (f", a date: {serial} typed into a cell formatted as a date? Format it as "
                     "常规 General and type the year again")  # fmt: skip
            what_zh += (f"，是一个日期：是否在日期格式的单元格中输入了 {serial}？请把单元格格式"
                        "设为“常规”后重新输入年份")  # fmt: skip
        elif serial is not None:  # a real date (2023-01-01): "44927 typed" misled the clerk
            what += ", a date: type the year alone, in a cell formatted as 常规 General"
            what_zh += "，是一个日期：请只填年份，单元格格式设为“常规”"
        return (None, f"the year must be a whole number such as 2021 ({what})",
                f"年份须为整数，如 2021（{what_zh}）")  # fmt: skip
    lo, hi = YEAR_RANGE
    whole = text.split(".")[0]
    digits = whole.lstrip("+-").lstrip("0") or "0"
    long = len(digits) > 12  # 400 nines: out of range, and too long to convert
    year = None if long else int(digits) * (-1 if whole.startswith("-") else 1)
    if year is not None and lo <= year <= hi:
        return year, "", ""
    # the year as a number ("+2200" is 2200); the digits typed when too long to convert
    shown = str(year) if year is not None else f"{whole[:12]}…" if len(whole) > 12 else whole
    en = f"the year {shown} is outside {lo}-{hi}; check for a typing error"
    zh = f"年份 {shown} 不在 {lo}—{hi} 之间，请检查是否输入有误"
    dated = None if year is None else _date_serial_year(year)
    if dated is not None:  # 45291: Excel's number of a date, the cell's format dropped
        en += (
            f" (Excel's number of a date in {dated}? type the year alone, in a cell "
            "formatted as 常规 General)"
        )
        zh += f"（这是 Excel 中 {dated} 年某日的日期序号？请只填年份，单元格格式设为“常规”）"
    return None, en, zh


# --------------------------------------------------------------------------- rows


@dataclass
class _Columns:
    index: dict[str, int]  # contract column → position in the row
    names: dict[str, str]  # contract column → header as written
    width: int
    value_unit: str = ""  # a unit written in the value column's header: "数值（万元）"
    more_notes: tuple[int, ...] = ()  # further note columns (备注 and an added 说明)
    unit_said: str = ""  # where value_unit was written, when not in the header: "row 2"
    unit_said_zh: str = ""  # the same in Chinese: "第 2 行"


def header_unit(header: str) -> str:
    """The unit a value header names beside the column's name ("数值（万元）", "Value (%)"),
    or "" when it names none."""
    units = [p for p in header_parts(header) if _ALIAS_INDEX.get(_key(p)) is None
             and parse_unit(p) not in (None, (1, None))]  # fmt: skip
    return units[0] if len(units) == 1 else ""


#: Headers that name the code of an indicator or region, beside ones that name it in words:
#: a table with both ("指标代码, 指标名称, 年份, 数值") reads the code; the name is for people.
_CODE_ALIASES = {"indicator_id": ("indicator_id", "指标代码", "指标id"), "region": ("地区代码",)}


def _names_code(header: str, col: str) -> bool:
    keys = [_key(header), *map(_key, header_parts(header))]
    return any(_key(a) in keys for a in _CODE_ALIASES[col])


def _letters(pos: int) -> str:
    """Spreadsheet column letters of a 0-based position (0 → A, 26 → AA)."""
    out = ""
    pos += 1
    while pos:
        pos, rest = divmod(pos - 1, 26)
        out = chr(65 + rest) + out
    return out


#: A header cell that is a year ("2021", "2021年", "2021 年"): years across the columns.
_YEAR_HEADER = re.compile(r"^(19|20)\d{2}\s*年?(度)?$")
#: A header cell of one year's figures ("2024年", "2024年度", "2024年数值").
_ONE_YEAR_HEADER = re.compile(r"^(19|20)\d{2}\s*年?(度)?\s*(数值|数|值)?$")


def _looks_like_data(cells: list[str]) -> bool:
    """A data row where the header should be (no cell names a column): a cell that is a
    year and a cell that names a registered indicator ("tech_smes, 廊坊市, 2021, 9120,
    家"). A header with the years across its columns ("项目, 2020, 2023, 2025", in any
    order) names no indicator; its rows below do, but it is the first row that is read."""
    text = [c.strip() for c in cells if c.strip()]
    if not any(re.fullmatch(r"(19|20)\d{2}", c) for c in text):
        return False
    lk = _registry_lookups()
    return any(_key(c) in lk.indicators for c in text)


def _map_header(file: str, number: int, cells: list[str]) -> tuple[_Columns, list[Problem]]:
    index: dict[str, int] = {}
    names: dict[str, str] = {}
    more_notes: list[int] = []
    problems = []
    unread: list[tuple[int, str]] = []
    for pos, cell in enumerate(cells):
        col = canonical_column(cell) if cell.strip() else None
        if col is None:
            if cell.strip():
                unread.append((pos, cell.strip()))
            continue
        if col in index and col == "note":  # a clerk adds 说明 beside 备注: both are kept
            more_notes.append(pos)
            continue
        if col in index:
            if col in _CODE_ALIASES and _names_code(cell, col) != _names_code(names[col], col):
                if _names_code(cell, col):  # a code column and a name column: the code counts
                    index[col], names[col] = pos, cell
                continue
            where = f"columns {_letters(index[col])} and {_letters(pos)}"
            merged = " (one header cell merged over two columns?)" if cell == names[col] else ""
            merged_zh = "（一个表头单元格合并跨了两列？）" if cell == names[col] else ""
            problems.append(Problem(file, number, cell, (
                f"{where} ('{names[col]}' and '{cell}') both mean '{col}'{merged}; delete, "
                "rename or unmerge so that one column carries it"),
                message_zh=(f"{_letters(index[col])} 列和 {_letters(pos)} 列（“{names[col]}”和"
                            f"“{cell}”）都表示“{_COLUMN_NAMES_ZH.get(col, col)}”{merged_zh}；请删除、"
                            "改名或取消合并，只留一列")))  # fmt: skip
            continue
        index[col], names[col] = pos, cell
    shown = [repr(c) for c in cells if c]
    listed = ", ".join(shown[:12]) + (f" … ({len(shown)} cells)" if len(shown) > 12 else "")
    shown_zh = [f"“{c}”" for c in cells if c]
    listed_zh = "、".join(shown_zh[:12]) + (f"……（共 {len(shown)} 格）" if len(shown) > 12 else "")
    if not index and _looks_like_data(cells):  # one line, not three "missing column"s
        return _Columns(index, names, len(cells), "", ()), [Problem(file, number, None, (
            f"row {number} looks like a data row, not a header ({listed}): the header row is "
            "missing (deleted?); put it back above the rows (指标代码 indicator_id, 年份 "
            "year, 数值 value, ... as in the template)"),
            message_zh=(f"第 {number} 行看起来是数据行而不是表头（{listed_zh}）：缺少表头行（被删除"
                        "了？）；请在数据行上方恢复表头（指标代码 indicator_id、年份 year、数值 "
                        "value……同模板）"))]  # fmt: skip
    title = (f"; if row {number} is a title above the header, delete it or start it with '#'"
             if not index else "")  # fmt: skip
    title_zh = (f"；如果第 {number} 行是表头上方的标题，请删除它或在行首加“#”"
                if not index else "")  # fmt: skip
    # years across the columns (2021, 2022, ... or one 数值 cell merged over them): a wide table
    wide = "year" not in index and (
        sum(bool(_YEAR_HEADER.match(c.strip())) for c in cells) >= 2
        or any(p.column == names.get("value") for p in problems)
    )
    # one column headed by a year ("2024年", "2024年数值") and no 年份, no 数值, among columns
    # the reader knows: that year's figures (a title row "2024年度" alone is not a header)
    years = [c.strip() for c in cells if _ONE_YEAR_HEADER.match(c.strip())]
    one_year = "year" not in index and "value" not in index and len(years) == 1 and bool(index)
    # "本年数, 上年数": this year's figure (read as 数值) beside last year's, no 年份 column (a
    # growth "上年同期增长%" is no figure of last year's)
    last_year = "year" not in index and "value" in index and next(
        (c.strip() for c in cells if re.match(r"^\s*(上年|去年)", c)
         and not re.search(r"增长|增速|增幅|%|％|比|排名|位次|名次", c)), None)  # fmt: skip
    for col in REQUIRED_COLUMNS:
        if col not in index:
            zh = {"indicator_id": "指标代码", "year": "年份", "value": "数值"}[col]
            across = col == "year" and wide
            hint = (
                "; a table with the years across its columns is not read: give one row per "
                "indicator and year, with a 年份 column and a 数值 column"
                if across
                else ""
            )
            hint_zh = ("；年份横向排成多列的表格无法读取：请每个指标每年一行，设“年份”列和“数值”列"
                       if across else "")  # fmt: skip
            if col == "year" and one_year and not across:
                year = re.match(r"\d{4}", years[0]).group(0)
                hint = (
                    f"; is '{years[0]}' the column of {year}'s figures? Rename it 数值 "
                    f"value and add a 年份 year column holding {year} on every row"
                )
                hint_zh = (f"；“{years[0]}”是 {year} 年数字的列吗？请把它改名为“数值”，并加一列"
                           f"“年份”，每行填 {year}")  # fmt: skip
            elif col == "year" and last_year and not across:
                now = names.get("value", "数值")
                hint = (
                    f"; '{last_year}' (last year's figures) is not read: add a 年份 year "
                    f"column with the year of the '{now}' figures, and give last year's "
                    "figure a row of its own if it is wanted"
                )
                hint_zh = (f"；“{last_year}”（上年的数字）不会读取：请加一列“年份”，填“{now}”"
                           "所属的年份；上年的数字如需要，请另起一行填写")  # fmt: skip
            problems.append(Problem(file, number, col, (
                f"required column '{col}' ({zh}) is missing; the header row has: "
                f"{listed or 'nothing'}{title}{hint}"),
                message_zh=(f"缺少必需的列“{zh}”（{col}）；现有表头：{listed_zh or '（空）'}"
                            f"{title_zh}{hint_zh}")))  # fmt: skip
    problems += _unread_lookalikes(file, number, unread, index)
    unit = header_unit(names["value"]) if "value" in names else ""
    return _Columns(index, names, len(cells), unit, tuple(more_notes)), problems


#: Words in a header this reader does not know that say it holds a column with a default:
#: without it every row would silently be Langfang's, final, in the registry unit.
_LOOKALIKES = {
    "region": (
        "地区",
        "区域",
        "行政区",
        "城市",
        "区县",
        "县",
        "市区",
        "region",
        "city",
        "district",
        "county",
    ),
    "status": ("状态", "性质", "status"),
    "unit": ("单位", "unit"),
}
#: Header words of a note about a definition (口径说明): its varied text is a note unless two
#: of its values name definitions themselves (旧口径, 新口径).
_NOTE_WORDS = ("说明", "备注", "注", "note")
#: Header words of a column that says which definition a figure is on (旧口径 / 新口径): where
#: it gives one indicator two definitions it is refused, status column or not, since this
#: reader would merge both (:func:`_definition_columns`).
_DEFINITION_WORDS = ("口径", "定义", "definition")
_DEFAULTS = {
    "region": f"'{config.HOME_REGION}'",
    "status": "'final' (正式数)",
    "unit": "in the registry's unit",
}
_DEFAULTS_ZH = {
    "region": f"本市（{config.HOME_REGION}）",
    "status": "“正式数”（final）",
    "unit": "登记的单位",
}
#: The columns with a default, as the Chinese messages name them.
_COLUMN_ZH = {"region": "地区", "status": "状态", "unit": "单位"}
#: Every column of the contract as the Chinese messages name it.
_COLUMN_NAMES_ZH = {"indicator_id": "指标代码", "region": "地区", "year": "年份", "value": "数值",
                    "unit": "单位", "status": "状态", "note": "备注", "source": "来源",
                    "url": "网址", "accessed": "访问日期", "quote": "原文摘录",
                    "published": "发布日期"}  # fmt: skip
_NOT_A_UNIT = ("填报单位", "报送单位", "制表单位", "统计单位", "单位名称", "责任单位", "牵头单位",
               "提供单位", "主管单位", "发布单位", "编制单位", "负责单位", "归口单位", "实施单位",
               "承办单位")  # fmt: skip
#: Headers with a status look-alike word that name something else: 指标性质 (预期性 /
#: 约束性) is a plan table's kind of indicator, not a figure's status.
_NOT_A_STATUS = ("指标性质", "指标属性")


def _unread_lookalikes(file: str, number: int, unread: list[tuple[int, str]],
                       index: dict[str, int]) -> list[Problem]:  # fmt: skip
    """Header cells this reader does not know but that look like the region, status or
    unit column while the table has none: refused, since each row would otherwise take the
    default (廊坊, final, the registry unit) without a word."""
    out = []
    for col, words in _LOOKALIKES.items():
        if col in index:
            continue
        for pos, cell in unread:
            key = clean_text(cell).casefold()
            if col == "unit" and any(w in key for w in _NOT_A_UNIT):
                continue
            if col == "status" and any(w in key for w in _NOT_A_STATUS):
                continue
            if any(w in key for w in words):
                names = f"'{COLUMN_ALIASES[col][1]}' or '{col}'"
                what = _COLUMN_ZH[col]
                out.append(Problem(file, number, cell, (
                    f"column {_letters(pos)} ('{cell}') is not a column this reader knows, but "
                    f"it looks like the {col}; without a {col} column every row is read as "
                    f"{_DEFAULTS[col]}. Name it {names} (or delete the column if it is not "
                    f"the {col})"),
                    message_zh=(f"{_letters(pos)} 列（“{cell}”）不是本程序认识的列，但看起来是"
                                f"{what}；没有{what}列时，每行都按{_DEFAULTS_ZH[col]}读取。请将其"
                                f"命名为“{COLUMN_ALIASES[col][1]}”或“{col}”（若不是{what}，请删除"
                                "该列）")))  # fmt: skip
                break
    return out


#: Share of an unread column's filled cells that must be regions, statuses or units for
#: the column to be taken for one (:func:`_unnamed_columns`); notes that mention a region
#: now and then stay notes.
UNNAMED_COLUMN_SHARE = 0.8
_PLURAL = {"region": "regions", "status": "statuses", "unit": "units"}


def _definition_columns(file, number, header, data, cols) -> list[Problem]:
    """An unread column headed 口径/定义/definition that gives one indicator two definitions
    (旧口径, 新口径): old and new figures would be merged into one series without a word
    (a column of the same note on every row, or one definition per indicator, is a note)."""
    if "indicator_id" not in cols.index:
        return []
    read = set(cols.index.values()) | set(cols.more_notes)
    ind = cols.index["indicator_id"]
    out = []
    for pos, cell in enumerate(header):
        if pos in read or not any(w in clean_text(cell).casefold() for w in _DEFINITION_WORDS):
            continue
        seen: dict[str, set] = {}
        for _, c in data:
            if pos < len(c) and ind < len(c) and (v := clean_text(c[pos])):
                seen.setdefault(clean_text(c[ind]), set()).add(v)
        mixed = {k: v for k, v in seen.items() if len(v) > 1}
        if any(w in cell for w in _NOTE_WORDS):  # 口径说明: notes, unless they name definitions
            mixed = {k: v for k, v in mixed.items()
                     if sum(any(w in x.casefold() for w in _DEFINITION_WORDS) for x in v) > 1}  # fmt: skip
        if mixed:
            iid, values = next(iter(mixed.items()))
            shown = ", ".join(repr(v) for v in sorted(values)[:3])
            shown_zh = "、".join(f"“{v}”" for v in sorted(values)[:3])
            out.append(Problem(file, number, cell.strip(), (
                f"column {_letters(pos)} ('{cell.strip()}') gives {iid} more than one definition "
                f"({shown}) and is not read: old and new figures would be merged into one series "
                "without a word. Mark the figures of the definition the series does not use "
                "'other-definition' (口径不同) in the status (状态) column, and delete this "
                "column"),
                message_zh=(f"{_letters(pos)} 列（“{cell.strip()}”）给 {iid} 标了不止一种口径"
                            f"（{shown_zh}），本程序不读该列：新旧口径的数值会被悄悄并成一个序列。"
                            "请在状态列把序列不用的口径的数值标为“口径不同”（other-definition），"
                            "并删除该列")))  # fmt: skip
    return out


def _unnamed_columns(file, number, header, data, cols, lk) -> list[Problem]:
    """Columns whose header is blank or unknown but whose cells are regions, statuses or
    units while the table has no such column: refused, since every row would otherwise take
    the default (a blank header left Hebei's figures as Langfang's, and a column headed 口径
    left estimates as final) without a word. The header text alone (:func:`_unread_lookalikes`)
    cannot see these."""
    read = set(cols.index.values()) | set(cols.more_notes)
    kinds = {
        "region": lambda v: lk.regions.get(_key(v)) is not None,
        "status": lambda v: _status(v) is not None,
        "unit": lambda v: not _NUMBER_RE.match(v.casefold()) and parse_unit(v) is not None,
    }
    out = []
    for pos in range(max((len(c) for _, c in data), default=0)):
        if pos in read:
            continue
        values = [v for _, c in data if pos < len(c) and (v := clean_text(c[pos]))]
        if not values:
            continue
        cell = header[pos].strip() if pos < len(header) else ""
        for col, looks in kinds.items():
            if col in cols.index or (col == "unit" and cols.value_unit):
                continue
            hits = [v for v in values if looks(v)]
            if len(hits) >= UNNAMED_COLUMN_SHARE * len(values):
                shown = ", ".join(repr(v) for v in list(dict.fromkeys(hits))[:3])
                shown_zh = "、".join(f"“{v}”" for v in list(dict.fromkeys(hits))[:3])
                head = f"'{cell}'" if cell else "no header"
                what = _COLUMN_ZH[col]
                # a header cell merged over this column and a read one: the clerk sees one
                # cell, and "rename column E's header" made no sense (the statistician's review)
                twin = next((p for p in sorted(read) if cell and p < len(header)
                             and header[p].strip() == cell), None)  # fmt: skip
                if twin is not None:
                    out.append(Problem(file, number, cell, (
                        f"column {_letters(pos)} holds {_PLURAL[col]} ({shown}) under the header "
                        f"'{cell}' it shares with column {_letters(twin)} (one header cell merged "
                        f"over both?): unmerge it and head column {_letters(pos)} "
                        f"'{COLUMN_ALIASES[col][1]}' or '{col}'"),
                        message_zh=(f"{_letters(pos)} 列填的是{what}（{shown_zh}），但其表头与 "
                                    f"{_letters(twin)} 列同为“{cell}”（一个表头单元格合并跨了两列？）："
                                    f"请取消合并，并把 {_letters(pos)} 列的表头填为"
                                    f"“{COLUMN_ALIASES[col][1]}”或“{col}”")))  # fmt: skip
                    break
                out.append(Problem(file, number, cell or _letters(pos), (
                    f"column {_letters(pos)} ({head}) holds {_PLURAL[col]} ({shown}) but is not read "
                    f"as the {col}: without a {col} column every row is read as "
                    f"{_DEFAULTS[col]}. Name its header '{COLUMN_ALIASES[col][1]}' or '{col}' "
                    f"(or delete the column)"),
                    message_zh=(f"{_letters(pos)} 列（{f'“{cell}”' if cell else '无表头'}）填的是"
                                f"{what}（{shown_zh}），但没有作为{what}列读取：没有{what}列时，每行"
                                f"都按{_DEFAULTS_ZH[col]}读取。请把表头命名为"
                                f"“{COLUMN_ALIASES[col][1]}”或“{col}”（或删除该列）")))  # fmt: skip
                break
    return out


#: A unit stated above a table, as Chinese statistical tables do ("单位：万元", "计量单位:
#: 家"); not the reporting body ("填报单位：市科技局").
_TITLE_UNIT = re.compile(r"(?:计量)?单位\s*[:：]\s*([^\s，,；;、/（）()\[\]【】]+)")
#: Words before 单位 that make it a body, not a unit ("填报单位：市科技局", "牵头单位：…").
_BODY_WORDS = ("填报", "报送", "制表", "统计", "牵头", "主管", "责任", "提供", "发布", "编制",
               "负责", "归口", "实施", "承办")  # fmt: skip
#: After a stated unit, another one follows ("单位：万元、家"): the table mixes units.
_MORE_UNITS = re.compile(r"\s*[、,，/;；]\s*\S")


def _stated_units(text: str) -> list[tuple[str, str, bool]]:
    """``(what the line says, the unit, whether more units follow)`` for each 单位：… in
    ``text`` that states a unit rather than a body."""
    out = []
    for m in _TITLE_UNIT.finditer(text):
        if text[max(0, m.start() - 4) : m.start()].endswith(_BODY_WORDS):
            continue
        more = bool(_MORE_UNITS.match(text, m.end()))
        out.append((text.strip() if len(text.strip()) <= 40 else m.group(0), m.group(1), more))
    return out


def _title_unit(file: str, titles: list, cols: _Columns) -> tuple[_Columns, list[Problem]]:
    """The unit a title row above the header states for the values ("单位：万元").

    It counts as the value header's unit would: it stands for an empty unit cell, and a unit
    cell or header that says another unit is a conflict. A stated unit this reader does not
    know is refused rather than passed over (the figures would be read in the registry's).
    """
    found = [(n, text, unit, more) for n, cells in titles for c in cells
             for text, unit, more in _stated_units(c)]  # fmt: skip
    if not found:
        return cols, []
    problems = [Problem(file, n, None, (
        f"the line above the header says '{text}': several units for one table; give each "
        "row's unit in a unit column (or the value header) instead"),
        message_zh=(f"表头上方一行写着“{text}”：一张表有多种单位；请改在单位列（或数值表头）"
                    "写明每行的单位"))
        for n, text, _, more in found if more]  # fmt: skip
    said = [(n, text, unit) for n, text, unit, _ in found]
    for n, text, unit in said:
        if parse_unit(unit) in (None, (1, None)):
            problems.append(Problem(file, n, None, (
                f"the line above the header says '{text}', a unit this reader does not know; "
                "give the unit in the value header ('数值（万元）') or a unit column, or "
                "delete the line"),
                message_zh=(f"表头上方一行写着“{text}”，本程序不认识这个单位；请在数值表头"
                            "（如“数值（万元）”）或单位列写明单位，或删除该行")))  # fmt: skip
    units = {parse_unit(u) for _, _, u in said}
    first_row, first_text, first = said[0]
    head = cols.value_unit
    if len(units) > 1:
        problems.append(Problem(file, first_row, None, (
            f"the lines above the header state different units ("
            f"{', '.join(repr(t) for _, t, _ in said)}); keep one"),
            message_zh=(f"表头上方几行写的单位不同（{'、'.join(f'“{t}”' for _, t, _ in said)}）；"
                        "请只保留一种")))  # fmt: skip
    elif head and parse_unit(head) != parse_unit(first):
        problems.append(Problem(file, first_row, None, (
            f"the line above the header says '{first_text}' but the header "
            f"'{cols.names['value']}' says '{head}'; keep one unit"),
            message_zh=(f"表头上方一行写着“{first_text}”，但表头“{cols.names['value']}”写的是"
                        f"“{head}”；请只保留一种单位")))  # fmt: skip
    if problems or head:
        return cols, problems
    return replace(
        cols,
        value_unit=first,
        unit_said=f"row {first_row} ('{first_text}')",
        unit_said_zh=f"第 {first_row} 行（“{first_text}”）",
    ), []


#: A figure cut by an unquoted thousands comma: "9" in the value cell and "120" (or
#: "120.5") in the next one.
_LEADING_GROUP = re.compile(r"[+-]?[1-9]\d{0,2}")
_GROUP = re.compile(r"\d{3}(?:\.\d+)?")
#: Columns that hold words: a bare three-digit group there is the rest of a cut figure.
_TEXT_COLUMNS = ("note", "source", "url", "quote", "accessed", "unit", "status", "region",
                 "published")  # fmt: skip


def _split_thousands(cells: list[str], cols: _Columns) -> str | None:
    """The number a CSV row most likely meant when an unquoted "9,120" spilt over two cells
    (the next cell then shifts into the column after the value: a note, a source, a unit,
    or the empty cells a spreadsheet adds), else None."""
    pos = cols.index.get("value")
    if pos is None or pos + 1 >= len(cells) or not _LEADING_GROUP.fullmatch(cells[pos].strip()):
        return None
    # the row is wider than the header, or the group sits where text belongs (a note, a
    # source, a unit): a "100" in a column of numbers of its own (目标值) is data
    texts = {cols.index[c] for c in _TEXT_COLUMNS if c in cols.index} | set(cols.more_notes)
    if len(cells) <= cols.width and pos + 1 not in texts:
        return None
    groups = []
    for cell in cells[pos + 1 :]:
        if not _GROUP.fullmatch(cell.strip()):
            break
        groups.append(cell.strip())
        if "." in cell:
            break
    return ",".join([cells[pos].strip(), *groups]) if groups else None


def _shape_problem(table, number, cells, cols: _Columns, is_last: bool) -> Problem | None:
    meant = _split_thousands(cells, cols) if table.sheet is None else None
    if meant:
        here, after = (cells[cols.index["value"]].strip(),
                       cells[cols.index["value"] + 1].strip())  # fmt: skip
        return Problem(table.file, number, cols.names["value"], (
            f"'{here}' is followed by '{after}' in the next cell: probably {meant} cut "
            f"by an unquoted comma; write \"{meant}\" in quotes or {meant.replace(',', '')} "
            "without the separator"),
            message_zh=(f"“{here}”后一个单元格是“{after}”：很可能是 {meant} 被没有加引号的逗号"
                        f"拆开了；请加引号写作 \"{meant}\"，或去掉分隔符写作 "
                        f"{meant.replace(',', '')}"))  # fmt: skip
    extra = [c for c in cells[cols.width :] if c.strip()]
    if extra and table.sheet is None:
        return Problem(table.file, number, None, (
            f"the row has {len(cells)} cells but the header has {cols.width}: a value "
            "probably contains an unquoted comma (e.g. 8,796); put quotes around it or "
            "remove the thousands separator"),
            message_zh=(f"本行有 {len(cells)} 个单元格，但表头只有 {cols.width} 个：某个数值很可能"
                        "含有没有加引号的逗号（如 8,796）；请给它加引号，或去掉千位分隔符"))  # fmt: skip
    if is_last and table.truncated_tail and len(cells) < cols.width:
        return Problem(table.file, number, None, (
            f"the last row has {len(cells)} of {cols.width} cells and the file does not end "
            "with a line break: the file looks cut off; export it again"),
            message_zh=(f"最后一行只有 {len(cells)} 个单元格（应有 {cols.width} 个），且文件末尾"
                        "没有换行：文件似乎不完整；请重新导出"))  # fmt: skip
    return None


def unit_choices(unit_zh: str) -> list[str]:
    """Units a department may pick for an indicator: the registry unit first, then the money
    units the loader converts (元, 万元, 亿元, 万亿元) where the registry unit is money. A
    request's drop-down offers these alone, and stops anything else typed (``datarequest``)."""
    parsed = parse_unit(unit_zh)
    choices = [unit_zh]
    if parsed is not None and parsed[1] == "元":
        choices += ["元", "万元", "亿元", "万亿元"]
    return list(dict.fromkeys(choices))


def _restated(number: Decimal | None, unit: str, to_unit: str) -> str | None:
    """``number`` in ``unit`` written in ``to_unit`` ("1.03", "万家", "家" → "10300") when the
    conversion is certain: the unit names its base (a bare "万" beside "亿元" could mean 万元
    or 万亿元); else None."""
    given = parse_unit(unit)
    if number is None or given is None or given[1] is None:
        return None
    factor = conversion_factor(given, to_unit)
    return None if factor is None else format((number * factor).normalize(), "f")


def _two_units(in_value: str, in_column: str, said: tuple[str, str] | None = None,
               request: bool = False, target: str | None = None,
               number: Decimal | None = None) -> tuple[str, str]:  # fmt: skip
    """A value cell and a unit cell that name different units: which to change, and how; in
    English and in Chinese. ``said`` (English, Chinese): where the other unit came from when
    the unit cell is empty (the value header, a line above it): a message about "the unit
    column" of a file without one contradicted the file. ``request``: a request pre-fills its
    unit cell, which the clerk never typed and kept. ``target``: the indicator's registry unit
    and ``number`` the value cell's number, to offer only what the row can take (below)."""
    if said is not None:
        return (f"the value cell says '{in_value}' but {said[0]} says the values are in "
                f"'{in_column}'; keep one unit: type the number alone in the value cell (in "
                f"'{in_column}'), or convert the figure to '{in_column}'",
                f"数值单元格写的是“{in_value}”，但{said[1]}写明单位为“{in_column}”；请只保留一种"
                f"单位：数值单元格只填数字（以“{in_column}”计），或把数字换算成“{in_column}”")  # fmt: skip
    en, zh = _one_unit(in_value, in_column, target or in_column, number, request)
    return (f"the value cell says '{in_value}' but the unit column says '{in_column}'; keep "
            f"one unit: {en}",
            f"数值单元格写的是“{in_value}”，但单位列为“{in_column}”；请只保留一种单位：{zh}")  # fmt: skip


def _one_unit(in_value: str, in_column: str, target: str, number: Decimal | None,
              request: bool) -> tuple[str, str]:  # fmt: skip
    """The ways out of a clash of units that the row can take, in English and in Chinese.

    The number alone, in the unit column's unit (converted for the clerk when that is
    certain), or in the registry unit when the column's cannot be read as it. The unit
    column set to the value cell's unit only when the figure can be in that unit (a count is
    never in '%') and, in a request, the row's drop-down offers it: the drop-down of a 家 row
    holds '家' alone and stops '万家' typed (the statistician's review)."""
    given = parse_unit(in_value)
    column = parse_unit(in_column)
    alone = (in_column if column is not None and conversion_factor(column, target) is not None
             else target)  # fmt: skip
    figure = _restated(number, in_value, alone)
    if figure is None:
        en, zh = (f"type the number alone in the value cell (in '{alone}')",
                  f"在数值单元格只填以“{alone}”计的数字")  # fmt: skip
    else:
        en, zh = (f"type the number alone in the value cell: {figure} (in '{alone}')",
                  f"在数值单元格只填数字{figure}，单位为“{alone}”")  # fmt: skip
    if alone != in_column:
        en, zh = f"{en} and set the unit column to '{alone}'", f"{zh}，并把单位列改为“{alone}”"
    fits = given is not None and conversion_factor(given, target) is not None
    offered = unit_choices(target) if request else [in_value]
    switch = next((u for u in offered if fits and parse_unit(u) == given), None)
    if switch is not None and switch != alone:
        hint = (" (a request's unit cell is pre-filled; pick the unit from its drop-down)",
                "（征集表的单位已预填，请从下拉列表中选择）")  # fmt: skip
        return (f"{en}, or set the unit column to '{switch}'{hint[0] if request else ''}",
                f"{zh}，或把单位列改为“{switch}”{hint[1] if request else ''}")  # fmt: skip
    if not fits:  # '5%' in a count's row: no unit column makes it a count
        return (f"{en}; this indicator is in '{target}' and cannot be given in '{in_value}'",
                f"{zh}（该指标以“{target}”计，不能填“{in_value}”）")  # fmt: skip
    if request:  # convertible, but the drop-down stops it: say why it is not offered
        choices = unit_choices(target)
        listed = "', '".join(choices)
        return (f"{en}; the row's unit drop-down offers only '{listed}'",
                f"{zh}（本行单位的下拉列表只有“{'”“'.join(choices)}”）")  # fmt: skip
    return en, zh


def _convert(ind, parsed, unit_raw, lk, said=None, request=False):
    """Return (factor, unit text given, problem message or None, the message in Chinese).
    ``said`` and ``request`` as :func:`_two_units` takes them."""
    target = lk.units[ind]
    from_value = parse_unit(parsed.unit)
    from_column = parse_unit(unit_raw)
    if from_column is None:
        if _key(unit_raw) in (_key(target), _key(lk.units_en[ind])):
            from_column = parse_unit(target) or (1, None)
        else:
            return (
                None,
                unit_raw,
                f"unit '{unit_raw}' is not recognised; use the registry unit '{target}'",
                f"无法识别的单位“{unit_raw}”；请使用登记的单位“{target}”",
            )
    if from_value[1] is not None and from_column[1] is not None:
        fv = conversion_factor(from_value, target)
        fc = conversion_factor(from_column, target)
        if fv != fc or fv is None:
            return (
                None,
                unit_raw,
                *_two_units(parsed.unit, unit_raw, said, request, target, parsed.number),
            )
        return fv, unit_raw, None, ""
    (mv, bv), (mc, bc) = from_value, from_column
    if mv != 1 and mc != 1:  # a multiplier in both places: the same one written twice, or a clash
        if mv != mc:
            return (
                None,
                unit_raw,
                *_two_units(parsed.unit, unit_raw, said, request, target, parsed.number),
            )
        given = (mv, bv or bc)
        shown = clean_text(unit_raw) if bc is not None or bv is None else parsed.unit
    else:
        given = (mv * mc, bv or bc)
        shown = f"{parsed.unit}{clean_text(unit_raw)}" or target
    factor = conversion_factor(given, target)
    if factor is None:
        growth = lk.growth_of.get(ind) if given == parse_unit("%") else None
        # a growth rate typed for the amount ("rd_spending, 8.5, %"): say where it goes
        hint = (f"; a growth rate goes under {growth} ({lk.names_zh.get(growth, growth)}), "
                f"{ind} takes the amount in {target}" if growth else "")  # fmt: skip
        hint_zh = (f"；增速请填在{lk.named(growth)}下，{lk.named(ind)}填金额（{target}）"
                   if growth else "")  # fmt: skip
        return (None, shown, f"unit '{shown}' does not match the registry unit '{target}' for "
                f"{ind}{hint}", f"单位“{shown}”与{lk.named(ind)}的登记单位“{target}”不符{hint_zh}")  # fmt: skip
    return factor, shown, None, ""


#: No figure of a city's, province's or country's statistic reaches this in the registry's
#: unit (亿元, 家, %, 件/万人): beyond it a value is a pasted ID, a slipped exponent or extra
#: digits. 9.3e24 firms loaded with a CHECK only, and the page printed
#: "9,299,999,999,999,999,790,284,800家" as achieved (found by the clerk review).
MAX_ABS_VALUE = 1e15


def _range_problem(ind: str, value: float, lk: _Lookups) -> tuple[str, str] | None:
    """Why ``value`` cannot be a figure of ``ind``, in English and in Chinese, or None."""
    unit, kind = lk.units[ind], lk.kinds[ind]
    if abs(value) >= MAX_ABS_VALUE:
        return (f"{value:g} {unit} is beyond any figure of {ind} (at most {MAX_ABS_VALUE:g}): "
                "a pasted ID, a slipped exponent or extra digits?",
                f"{value:g}{unit} 超出{lk.named(ind)}任何可能的数值（至多 {MAX_ABS_VALUE:g}）：是否"
                "粘贴了编号、指数写错或多输了数字？")  # fmt: skip
    if "y/y" in lk.units_en[ind]:  # growth rates may be negative, but nothing falls by more
        if value < -100:  # than all of itself: -250 printed as "growth reported: -250%"
            return (f"a growth rate in percent cannot be {value:g}: nothing falls by more than "
                    "all of itself (-100 % is a fall to zero); check the sign and the digits "
                    "(write -2.5 for a fall of 2.5 %)",
                    f"增速（%）不可能为 {value:g}：任何数量的减少都不会超过其全部（-100%即降为零）；"
                    "请核对符号和数字（下降2.5%请写作 -2.5）")  # fmt: skip
        return None
    if unit == "%" and kind == "share":
        if not 0 <= value <= 100:
            return (f"a share must be between 0 and 100 (%), got {value:g}; write 35.6 for "
                    "35.6 %",
                    f"比重须在 0 到 100（%）之间，填的是 {value:g}；35.6% 请写作 35.6")  # fmt: skip
        return None
    if value < 0:
        return (f"{ind} is counted in {unit} and cannot be negative (got {value:g})",
                f"{lk.named(ind)}以{unit}计，不能为负数（填的是 {value:g}）")  # fmt: skip
    return None


#: "9.120" or "1.234.567": digits grouped in threes by dots, as Europe separates thousands.
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def _dot_thousands(
    ind: str, raw: str, value: float, lk: _Lookups, converted: bool = False
) -> tuple[str, str] | None:
    """A count of whole things written with dots between thousands ("9.120" firms), which
    would load as 9.12: refused with the likely reading. Other fractions of a count (an
    average, an estimate) are left alone, and so is a figure in a unit that converts
    (``converted``: "1.200" in 万家 is 12,000 firms)."""
    unit = lk.units[ind]
    if _whole_things(unit) and not converted and _DOT_THOUSANDS.fullmatch(clean_text(raw)):
        meant = clean_text(raw).replace(".", ",")
        return (f"{ind} counts whole things ({unit}): '{clean_text(raw)}' would be "
                f"{value:g}; if the dot separates thousands, write {meant}",
                f"{lk.named(ind)}计的是整数个数（{unit}）：“{clean_text(raw)}”会读作 {value:g}；如果"
                f"点号是千位分隔符，请写作 {meant}")  # fmt: skip
    return None


def _whole_things(unit: str) -> bool:
    """Whether a registry unit counts whole things: 家, 个, 人, 项, 件, or so many a year
    (项/年); not a density (件/万人) or a unit of ten thousand (万人)."""
    head, _, per = unit.partition("/")
    return head in ("家", "个", "人", "项", "件") and per in ("", "年")


class _RowChecker:
    """Checks and normalises data rows one at a time, collecting problems."""

    def __init__(self, table, cols: _Columns, lk: _Lookups, request: bool = False):
        self.table, self.cols, self.lk = table, cols, lk
        self.request = request  # a department's request workbook: its rows must not be deleted
        self.problems: list[Problem] = []
        self.out: dict[str, list] = {c: [] for c in OBSERVATION_COLUMNS + ("origin_row",)}
        # each figure of a key (one, or one and its later revisions): row, value, position
        self.seen: dict[tuple, list[tuple[int, float, int]]] = {}
        # the current year in China, once a table (a figure of a later year cannot exist)
        self.this_year = int(_today()[:4])
        self.memo: dict[tuple, object] = {}  # repeated cells are resolved once

    def remember(self, key: tuple, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def cell(self, cells: list[str], col: str) -> str:
        pos = self.cols.index.get(col)
        return cells[pos] if pos is not None and pos < len(cells) else ""

    def published(self, number: int, cells: list[str], year: int) -> str | None:
        """The row's publication date as :func:`published_date` normalises it ("" when not
        given); None after reporting a date that cannot be read or that comes before the
        figure's own year (a figure of 2022 is not out in 2021)."""
        text = self.cell(cells, "published").strip()
        if not text:
            return ""
        try:
            date = published_date(text)
        except ValueError as err:
            why, why_zh = (*err.args, err.args[0])[:2]
            serial = _date_serial(text)
            if serial is not None and YEAR_RANGE[0] <= serial <= YEAR_RANGE[1]:
                # 2024 typed into a date cell reads 1905-07-16: a date the clerk never wrote
                why = (f"{why}; {serial} typed into a cell formatted as a date? Format it as "
                       "常规 General and type it again")  # fmt: skip
                why_zh = f"{why_zh}；是否在日期格式的单元格中输入了 {serial}？请把单元格格式设为“常规”后重新输入"
            self.report(number, "published", (
                f"publication date {text!r} cannot be read ({why}); write it as 2023-02-10, "
                "2023-02 or 2023 (2023年2月10日 is read too), or leave it empty"),
                f"发布日期“{text}”无法识别（{why_zh}）；请写成 2023-02-10、2023-02 或 2023"
                "（也可写 2023年2月10日），或留空")  # fmt: skip
            return None
        today = _today()
        if date > today[: len(date)]:  # a date's first day after today: not out yet
            self.report(number, "published", (
                f"publication date {date} is after today ({today}): a figure cannot have "
                "been published yet; check the date"),
                f"发布日期 {date} 晚于今天（{today}）：数据尚未发布，请核对日期")  # fmt: skip
            return None
        if int(date[:4]) < year:
            self.report(number, "published", (
                f"publication date {date} comes before the figure's year {year}: a figure is "
                "made public in its year or later; check the year and the date"),
                f"发布日期 {date} 早于数据年份 {year}：数据只能在其年份当年或以后发布；"
                "请核对年份和日期")  # fmt: skip
            return None
        return date

    def another_figure(self, key: tuple, number: int, row: dict) -> bool:
        """Whether the row of ``key`` (indicator, region, year, status) that ``seen`` holds
        already is a figure of its own: a later revision of the one held, both dated
        (:func:`revision_chain`). A copy of a figure held merges into it; a different value
        that cannot be ordered by its date is reported."""
        held = self.seen[key]
        value = row["value"]
        copy = next((at for _, old, at in held
                     if math.isclose(old, value, rel_tol=1e-9, abs_tol=1e-12)), None)  # fmt: skip
        if copy is not None and len(held) == 1:
            self.merge_copy(copy, number, row)
            return False
        dates = [self.out["published"][at] for _, _, at in held] + [row["published"]]
        values = [old for _, old, _ in held] + [value]
        chained = key[3] in CHAIN_STATUSES  # the advice below differs by it
        if revision_chain(values, dates, key[3]) is None:
            first, old = next((n, v) for n, v, _ in held
                              if not math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-12))  # fmt: skip
            # a revision revised again is dated apart; two figures of another status that
            # disagree are a conflict: a correction is marked revised (修订)
            fix = (revision_advice(dates) if chained else
                   "keep the right one, or mark the correction 修订 revised")  # fmt: skip
            fix_zh = (revision_advice(dates, "zh") if chained else
                      "请保留正确的一个，或把更正的那个标为“修订”")  # fmt: skip
            self.report(number, "value", (
                f"duplicate of row {first} (same indicator, region, year and status) "
                f"with a different value ({value:g} here, {old:g} in row {first}); if one "
                f"revises the other, {fix}; if they are different figures, give them "
                "different statuses"),
                f"与第 {first} 行重复（指标、地区、年份和状态相同）但数值不同（本行 {value:g}，"
                f"第 {first} 行 {old:g}）；如其中一个是对另一个的修订，"
                f"{fix_zh}；如是不同的数字，请为两行标注不同的状态")  # fmt: skip
            return False
        if copy is not None:
            self.merge_copy(copy, number, row)
            return False
        return True  # a later (or earlier) revision: kept beside the one held

    def merge_copy(self, at: int, number: int, row: dict) -> None:
        """Merge the row into the copy of its figure at position ``at``."""
        # the same figure again: its note joins the first row's, as across files
        # ("经核实无误" on the repeated row was dropped, and the check stayed); a first row
        # without a source takes the repeated row's source and row number, and the rest
        # of its provenance where the first row gave none; of the publication dates the
        # copies give, the earliest counts (which copy came first must not decide it)
        self.out["published"][at] = earliest_published(
            [self.out["published"][at], row["published"]]
        )
        kept = self.out["note"][at]
        if row["note"] and row["note"] not in kept.split("；"):
            self.out["note"][at] = "；".join(filter(None, [kept, row["note"]]))
        if not self.out["source"][at] and row["source"]:
            for col in ("source", "url", "accessed", "quote"):
                self.out[col][at] = row[col] or self.out[col][at]  # typed evidence stays
            self.out["origin_row"][at] = number  # the row the source is on

    def report(self, number: int, col: str | None, message: str, zh: str = "") -> None:
        name = self.cols.names.get(col, col) if col else None
        pos = self.cols.index.get(col) if col else None
        if pos is not None and pos in getattr(self.table, "hidden_columns", ()):
            # a clerk told to correct a column the sheet hides looks for it in vain (the
            # e2e review: "但单位列为'家'" with the unit column hidden)
            message += f" (column {_letters(pos)}, '{name}', is hidden in the sheet: unhide it)"
            zh += f"（第 {_letters(pos)} 列“{name}”在工作表中被隐藏，请先取消隐藏）"
        self.problems.append(Problem(self.table.file, number, name, message, message_zh=zh))

    def formula_blocked(self, number: int, col: str) -> bool:
        pos = self.cols.index.get(col)
        return (number, pos) in self.table.formula_cells

    def check_merges(self, number: int, cells: list[str]) -> None:
        """Cells a merged range filled that no one typed: a value cell merged down over the
        next year's gave that year the same figure (Excel leaves the merge when a figure is
        cleared); a value merged sideways with its year, unit or status gave one of them the
        other's text (a year read as the figure, "unit '9120' is not recognised"); a header
        cell merged down over the first row read as its data ("unknown indicator
        'indicator_id'")."""
        column_at = {pos: col for col, pos in self.cols.index.items()}
        value = self.cols.names["value"]
        for col, pos in self.cols.index.items():
            source = self.table.merged.get((number, pos))
            if source is None:
                continue
            top, left, ref = source
            name = self.cols.names.get(col, col)
            text = cells[pos] if pos < len(cells) else ""
            if canonical_column(text) == col:  # the header's own word, copied down
                self.report(number, col, (
                    f"the '{name}' header cell is merged down over this row ({ref}); unmerge "
                    "it and give the row its own cell"),
                    f"表头单元格“{name}”向下合并到了本行（{ref}）；请取消合并，为本行单独设一个"
                    "单元格")  # fmt: skip
            elif col == "value" and top != number and left == pos:
                self.report(number, col, (
                    f"the '{value}' cell is merged with row {top}'s ({ref}), so it repeats "
                    "that row's figure; unmerge the cells and give each year its own figure "
                    "(or leave this one empty)"),
                    f"“{value}”单元格与第 {top} 行的合并（{ref}），因此重复了该行的数值；请取消"
                    "合并，每年各填各的数值（或让本行留空）")  # fmt: skip
            elif left != pos and "value" in (col, column_at.get(left)):
                other = self.cols.names.get(column_at.get(left, ""), _letters(left))
                self.report(number, col, (
                    f"the '{other}' and '{name}' cells are merged ({ref}); unmerge them and "
                    "give each its own cell (the number in "
                    f"'{value}')"),
                    f"“{other}”与“{name}”单元格被合并（{ref}）；请取消合并，各设一个单元格"
                    f"（数字填在“{value}”）")  # fmt: skip

    def check(self, number: int, cells: list[str]) -> None:
        lk, before = self.lk, len(self.problems)
        if self.table.merged:
            self.check_merges(number, cells)
        raw_ind = self.cell(cells, "indicator_id")
        ind = self.remember(("i", raw_ind), lambda: lk.indicators.get(_key(raw_ind)))
        raw_ind = raw_ind.strip()
        if ind is None and not self.formula_blocked(number, "indicator_id"):
            msg = "the indicator is empty" if not raw_ind else f"unknown indicator '{raw_ind}'"
            zh = "指标为空" if not raw_ind else f"无法识别的指标“{raw_ind}”"
            if raw_ind and not raw_ind.isprintable():  # 'tech_smes' + BEL looked like the code
                msg = (f"unknown indicator '{_printable(raw_ind)}' (it holds a character that "
                       "does not print, written here as a \\ code; delete it)")  # fmt: skip
                zh = (f"无法识别的指标“{_printable(raw_ind)}”（其中有一个不显示的字符，此处写作"
                      " \\ 代码；请删除它）")  # fmt: skip
            self.report(number, "indicator_id", f"{msg}; {_suggest(raw_ind, lk)}",
                        f"{zh}；{_suggest(raw_ind, lk, 'zh')}")  # fmt: skip
        raw_region = self.cell(cells, "region")
        region = self.remember(("r", raw_region), lambda: lk.regions.get(_key(raw_region)))
        region = region if raw_region.strip() else config.HOME_REGION
        if region is None:
            self.report(number, "region", f"unknown region '{_printable(raw_region.strip())}'; use one "
                                          f"of {lk.region_list}, or register it in "
                                          f"{shown_path(config.REGIONS_FILE)} "
                                          "(docs/input-format.md)",
                        f"无法识别的地区“{_printable(raw_region.strip())}”；请使用以下之一："
                        f"{lk.region_list_zh}，或在 {shown_path(config.REGIONS_FILE)} 中登记该地区"
                        "（见 docs/input-format.md）")  # fmt: skip
        year, why, why_zh = _year(self.cell(cells, "year"))
        if year is None and not self.formula_blocked(number, "year"):
            self.report(number, "year", why, why_zh)
        elif year is not None and year > (now := self.this_year):
            # no figure of a year to come exists: 2042 typed for 2024 loaded with a check
            # and re-dated the report, its brief and every milestone to 2042 (the
            # statistician's review); an estimate of this year is a figure, a plan's is not
            self.report(number, "year", (
                f"year {year} is still to come (this is {now}): no figure of it exists yet; "
                "a typo for another year? A target or projection goes in the registry, not "
                "among the figures"),
                f"年份 {year} 尚未到来（今年是{now}年），不会有该年的数字：年份是否写错？"
                "目标或预测值不属于数据，请勿填入")  # fmt: skip
        status = _status(self.cell(cells, "status"))
        if status is None:
            self.report(number, "status", f"unknown status '{self.cell(cells, 'status')}'; "
                                          f"use one of {_STATUS_CHOICES}",
                        f"无法识别的状态“{self.cell(cells, 'status')}”；请使用以下之一："
                        f"{_STATUS_CHOICES_ZH}")  # fmt: skip
        elif year == self.this_year and status in config.WHOLE_YEAR_STATUSES:
            # a whole year's figure of a year not yet over: 1,520 firms "final" for 2026 on
            # 7 December 2026 (2025 mistyped) re-dated the report to 2026, and every 2025
            # target read "no 2025 figure" (the hostile-input and the officer's reviews)
            shown = label(f"obs.{status}", "zh")
            typed = self.cell(cells, "status").strip()
            empty = "" if typed else " (an empty status reads as final)"
            empty_zh = "" if typed else "（状态为空即按正式数读）"
            self.report(number, "year", (
                f"a {status} figure{empty} of {year}, a year not over yet (China's date): a whole "
                f"year's figure comes after it ends; check the year (a typo for {year - 1}?), "
                "or write part-year (非全年) for a figure so far, or estimate (预计数) for one "
                f"expected for the year (an estimate of {year} dates the report {year} and "
                f"reads {year - 1} as past; --as-of {year - 1} keeps it on {year - 1})"),
                f"{year}年尚未结束（按北京时间），不会有该年的{shown}{empty_zh}：请检查年份（是否应为"
                f"{year - 1}年？）；如为截至目前的数，状态请写“非全年”；如为全年预计数，请写“预计数”"
                f"（{year}年的预计数会使报告以{year}年为数据年份、把{year - 1}年视为已过去；"
                f"加 --as-of {year - 1} 可保持以{year - 1}年为准）")  # fmt: skip
        raw_value = self.cell(cells, "value")
        parsed = normalise_value(raw_value)
        comma = (_ONE_COMMA_GROUP.match(clean_text(raw_value))
                 if self.table.delimiter == ";" else None)  # fmt: skip
        if parsed.number is not None and comma:
            shown = comma.string
            whole, _, part = comma.group().partition(",")
            self.report(number, "value", (
                f"'{shown}' is ambiguous in a file separated by semicolons, where a comma is "
                f"often the decimal comma: write {whole}.{part.rstrip('0') or '0'} or "
                f"{whole}{part}"),
                f"“{shown}”在以分号分隔的文件中有歧义（逗号常作小数点）：请写作 "
                f"{whole}.{part.rstrip('0') or '0'} 或 {whole}{part}")  # fmt: skip
        if parsed.number is None and not self.formula_blocked(number, "value"):
            reason, reason_zh = parsed.reason, parsed.reason_zh
            if parsed.status and _status(self.cell(cells, "status")) == parsed.status:
                # "1000余" beside 下限 already chosen: the advice asked for the status the row
                # has (the statistician's review); the number alone is what is wanted
                zh = label(f"obs.{parsed.status}", "zh")
                reason = reason.replace(f" and the status {zh} ({parsed.status}) in the status "
                                        "column", " alone (the status column already says "
                                        f"{parsed.status})")  # fmt: skip
                reason_zh = reason_zh.replace(f"，并在状态列填 {zh}（{parsed.status}）",
                                              f"（状态列已是{zh}）").replace(
                                                  "请在数值单元格填 ", "请在数值单元格只填 ")  # fmt: skip
            if self.request:  # its notes say not to delete rows: say what to do instead
                reason = reason.replace("; give a number or leave the row out", "") + (
                    "; write a number, or clear the value cell (the row is then read as not "
                    "answered) and say why in the note column")  # fmt: skip
                reason_zh = (reason_zh.replace(f"；{NO_NUMBER_ZH}", "")
                             + f"；{NO_NUMBER_REQUEST_ZH}")  # fmt: skip
            self.report(number, "value", reason, reason_zh)
        if len(self.problems) > before or ind is None or parsed.number is None:
            return
        self.finish(number, cells, ind, region, year, status, parsed)

    def finish(self, number, cells, ind, region, year, status, parsed) -> None:
        unit_raw = clean_text(self.cell(cells, "unit"))
        head = self.cols.value_unit
        said = self.cols.unit_said or f"the header '{self.cols.names.get('value')}'"
        said_zh = self.cols.unit_said_zh or f"表头“{self.cols.names.get('value')}”"
        if head and unit_raw and parse_unit(unit_raw) != parse_unit(head):
            self.report(number, "unit", (
                f"{said} says the values are in '{head}' but the unit column says "
                f"'{unit_raw}'; keep one unit"),
                f"{said_zh}写明数值单位为“{head}”，但单位列为“{unit_raw}”；请只保留一种单位")  # fmt: skip
            return
        from_header = bool(head) and not unit_raw
        unit_raw = unit_raw or head  # the header's unit stands for an empty unit cell
        where = (said, said_zh) if from_header else None
        factor, shown, message, message_zh = self.remember(
            # a unit in the value cell: the advice of a clash restates the row's number
            ("u", ind, parsed.unit, unit_raw, from_header, parsed.unit and parsed.number),
            lambda: _convert(ind, parsed, unit_raw, self.lk, where, self.request),
        )
        if message:
            # the unit cell is empty: say where the unit came from (a clash of two units
            # names it already)
            if from_header and said not in message and "unit" in self.cols.index:
                message += (f" (the unit cell is empty, so {said} gave '{head}'; write this "
                            "row's unit in the unit column)")  # fmt: skip
                message_zh += (
                    f"（单位单元格为空，因此按{said_zh}的“{head}”计；请在单位列填写本行的单位）"
                )
            elif from_header and said not in message:  # no unit column to write it in
                message += (f" ({said} gave '{head}' for every row; add a unit column (单位) "
                            "and write each row's unit there)")  # fmt: skip
                message_zh += f"（{said_zh}给每一行都定了“{head}”；请加一个“单位”列，逐行填写单位）"
            self.report(number, "unit" if "unit" in self.cols.index else "value", message,
                        message_zh)  # fmt: skip
            return
        value = float(parsed.number * factor)
        if not math.isfinite(value):
            raw_value = self.cell(cells, "value").strip()
            self.report(number, "value", (
                f"no usable number ({raw_value!r} in {shown} is out of "
                f"range in {self.lk.units[ind]})"),
                f"没有可用的数字（以{shown}计的“{raw_value}”换算为{self.lk.units[ind]}后超出"
                "范围）")  # fmt: skip
            return
        if said_both := _range_problem(ind, value, self.lk) or _dot_thousands(
            ind, self.cell(cells, "value"), value, self.lk, converted=factor != 1
        ):
            self.report(number, "value", *said_both)
            return
        key = (ind, region, year, status)
        notes = [self.cell(cells, "note")] + [
            cells[p] for p in self.cols.more_notes if p < len(cells)
        ]
        note = provenance_text("; ".join(n.strip() for n in notes if n.strip()))
        number_text = format(parsed.number.normalize(), "f")
        if status in config.SERIES_STATUS_PRIORITY and (said_both := _scale_problem(
            ind, region, year, value, note, self.lk,
            converted=(number_text, shown) if factor != 1 else None,
        )):  # fmt: skip
            self.report(number, "unit" if factor != 1 and "unit" in self.cols.index
                        else "value", *said_both)  # fmt: skip
            return
        if factor != 1:
            note = "; ".join(filter(None, [note, f"converted from {number_text} {shown}"]))
        row = {"indicator_id": ind, "region": region, "year": year, "value": value,
               "unit": self.lk.units[ind], "status": status, "note": note}  # fmt: skip
        for col in ("source", "url", "accessed", "quote"):
            row[col] = provenance_text(self.cell(cells, col))  # kept as given
        published = self.published(number, cells, year)
        if published is None:
            return
        row["published"] = published
        if key in self.seen and not self.another_figure(key, number, row):
            return
        self.seen.setdefault(key, []).append((number, value, len(self.out["origin_row"])))
        for col in OBSERVATION_COLUMNS:
            self.out[col].append(row[col])
        self.out["origin_row"].append(number)


# --------------------------------------------------------------------------- public API


def _is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _is_request(table, header: list[str]) -> bool:
    marker = _key(REQUEST_MARKER)
    return table.sheet == REQUEST_SHEET or any(_key(c).startswith(marker) for c in header)


#: Columns where a cell starting with '#' cannot be data, so such a row is a comment; in a
#: file whose first column is another one (a serial number "#1", a note) it is data.
_CODE_COLUMNS = frozenset({"indicator_id", "region", "year", "value", "unit", "status"})


#: Columns of a request row that describe a figure: filled with an empty value cell, the
#: figure went somewhere else (a publication date alone was dropped with the row).
_DESCRIBING = ("status", "source", "published", "url", "quote")


def _request_column(header: list[str], key: str) -> int | None:
    """Position of a request sheet's own column (``request.col.held``, …) under its header in
    Chinese, English or both; None when the sheet has none."""
    wanted = {_key(bilingual(key, sep=" ")), _key(label(key, "zh")), _key(label(key, "en"))}
    return next((i for i, h in enumerate(header) if _key(h) in wanted), None)


def _cell_text(cells: list[str], i: int | None) -> str:
    return clean_text(cells[i]) if i is not None and i < len(cells) else ""


def _rows_as_sent(header: list[str], data, cols: _Columns) -> tuple[int, list[int]]:
    """How many rows of a request workbook came back as the request pre-filled them, and
    which pre-filled figures came back made final without a word of where from.

    As sent: the figure held (a bound, a part-year figure, one to verify) still in the
    value cell with its status, and no source, publication date, URL, quote or note added.
    They give a figure, but only the one already held: a workbook of such rows alone was put
    back unanswered (``datarequest.returned_requests``). A department that confirms a figure
    says so by its source, date or note, or by changing its status.

    Made final: the same figure with its status changed to final, revised or chained (or
    cleared, which reads as final) and no source or URL: the form asks for the final figure's
    source, and an estimate became a sourced-nowhere final figure without a word (the rows,
    for a NOTE: :func:`promoted_lines`); a chained preliminary figure relabelled chained is
    read as chained from the new definition's final, and nothing said where that came from.
    """
    held = _request_column(header, "request.col.held")
    held_status = _request_column(header, "request.col.held_status")
    if held is None or held_status is None:
        return 0, []
    value, status = cols.index["value"], cols.index.get("status")
    # a publication date added dates the held figure: an answer (requests sent before the
    # column was added have none, and read as before)
    added = [cols.index[c] for c in ("source", "published", "url", "quote", "note")
             if c in cols.index]  # fmt: skip
    cited = [cols.index[c] for c in ("source", "url") if c in cols.index]
    n, promoted = 0, []
    for number, cells in data:
        figure, kept, said = (_cell_text(cells, i) for i in (value, held, status))
        same = bool(figure and kept) and (
            normalise_value(figure).number == normalise_value(kept).number
        )
        # the status as a code: "lower_bound" for the pre-filled "下限 lower-bound" is the
        # same status; the held column of a row to verify reads "正式数 final；待核实 …"
        was = _status(_cell_text(cells, held_status).split("；")[0])
        if (same and said and _status(said) == was and was is not None
                and not any(_cell_text(cells, i) for i in added)):  # fmt: skip
            n += 1
        elif (same and was is not None and was != _status(said)
              and _status(said) in ("final", "revised", "chained")
              and not any(_cell_text(cells, i) for i in cited)):  # fmt: skip
            promoted.append(int(number))
    return n, promoted


#: A year in a request's grey cell: "1,258家（2022年）", "2025年 ≥1,500家".
_YEAR_IN_CELL = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d|2100)(?=\s*(?:年|[)）]))")


def _figure_in(text: str) -> bool:
    """Whether ``text`` holds a number besides its years ("1500（已发布）", "2024年：1500家")."""
    return normalise_value(text).number is not None or bool(
        re.search(r"\d", _YEAR_IN_CELL.sub("", text))
    )


def _as_sent_previous(text: str, year: int | None) -> bool:
    """Whether a "latest figure before" cell reads as the request wrote it: a figure and a
    year before the row's ("1,258家（2022年）", "0家（2020年基数）")."""
    years = [int(y) for y in _YEAR_IN_CELL.findall(text)]
    return bool(years) and (year is None or all(y < year for y in years))


#: One target as a request writes it (``datarequest.goals_text``): "2025年 ≥1,000家",
#: "2021—2025年 ≥10项/年", "2025年 年均增长10%".
_GOAL_AS_SENT = re.compile(
    r"\d{4}(?:\s*[—–-]\s*\d{4})?\s*年\s*"
    r"(?:[≥≤<>=＜＞]\s*[-−]?[\d,]+(?:\.\d+)?[^\d\s]*|年均增长\s*[-−]?\d+(?:\.\d+)?%)"
)  # a target may be negative: "≥-5家" was read as a figure typed over the cell (code review)


def _as_sent_goals(text: str) -> bool:
    """Whether a "plan targets" cell reads as the request wrote it: each target a year and
    a comparison ("2023年 ≥1,300家；2025年 ≥1,500家") or a growth rate; "2024年 1,500家"
    is a figure typed over it."""
    parts = [p.strip() for p in re.split(r"[；;]", text) if p.strip()]
    return bool(parts) and all(_GOAL_AS_SENT.fullmatch(p) for p in parts)


def _misplaced_figures(table, header: list[str], data, cols: _Columns) -> list[Problem]:
    """Rows of a request workbook whose value cell is empty but whose clerk answered anyway:
    a number in the unit, note, "figure held", its kind, its source or "said last time"
    column, or a figure typed over the grey "latest figure before" cell (pre-filled with a
    figure and a year before the row's: "1,500家（2024年）" or "1500（已发布）" on the 2024
    row is the row's own) or "plan targets" cell (pre-filled with ≥ or ≤), or a status or
    source for no figure. Skipping them as unanswered would lose the figure without a word
    (the hostile-input review found eight such cells read as "no answer", exit 0)."""
    pos = cols.index["value"]
    value_name = cols.names["value"]
    held = _request_column(header, "request.col.held")
    held_status = _request_column(header, "request.col.held_status")
    previous = _request_column(header, "request.col.previous")
    sent_previous = _request_column(header, "request.col.sent_previous")  # hidden, as written
    goals = _request_column(header, "request.col.goals")
    # pre-filled with words, never with a bare number
    worded = [i for i in (held_status, _request_column(header, "request.col.held_source"),
                          _request_column(header, "request.col.said")) if i is not None]  # fmt: skip
    none_held = label("request.none_held")
    out = []
    cell = _cell_text
    for number, cells in data:
        if cell(cells, pos) or (number, pos) in table.formula_cells:  # said as a formula
            continue
        found = [(cols.names[c], cell(cells, cols.index[c])) for c in ("unit", "note")
                 if c in cols.index and normalise_value(cell(cells, cols.index[c])).number is not None]  # fmt: skip
        if held is not None and cell(cells, held) and cell(cells, held_status) == none_held:
            found.append((header[held], cell(cells, held)))  # typed where nothing was held
        found += [(header[i], cell(cells, i)) for i in worded
                  if normalise_value(cell(cells, i)).number is not None]  # fmt: skip
        try:
            year = int(float(cell(cells, cols.index["year"])))
        except ValueError:
            year = None
        over = []  # typed over a grey reference cell: a figure, or a note with numbers
        for i in (previous, goals):
            text = cell(cells, i)
            if i is None or not text or not _figure_in(text):
                continue
            if i == previous:  # against the text as sent where the workbook keeps it
                sent = cell(cells, sent_previous)
                as_sent = _key(text) == _key(sent) if sent else _as_sent_previous(text, year)
            else:
                as_sent = _as_sent_goals(text)
            if not as_sent:
                over.append((header[i], text))
        for name, text in found:
            out.append(Problem(table.file, number, name, (
                f"'{text}' looks like the figure, but the '{value_name}' cell of this row is "
                f"empty; write the figure in '{value_name}' (or clear '{name}')"),
                message_zh=(f"“{text}”像是数值，但本行的“{value_name}”单元格是空的；请把数值"
                            f"填在“{value_name}”（或清空“{name}”）")))  # fmt: skip
        note_name = cols.names.get("note", "备注 note")
        for name, text in over:  # the clerk may have meant a figure or a note: say both
            out.append(Problem(table.file, number, name, (
                f"'{text}' was typed over the grey reference cell '{name}', which the request "
                f"fills in and which is not read; the '{value_name}' cell of this row is "
                f"empty: write the figure in '{value_name}' and a remark in '{note_name}', "
                f"and put '{name}' back as it was (or clear it)"),
                message_zh=(f"“{text}”填在了灰色参考列“{name}”中（该列由征集表预填，不会读入），"
                            f"而本行“{value_name}”单元格是空的：请把数值填在“{value_name}”、"
                            f"说明写在“{note_name}”，并将“{name}”恢复原样（或清空）")))  # fmt: skip
        found += over
        if not found:
            described = [cols.names[c] for c in _DESCRIBING
                         if c in cols.index and cell(cells, cols.index[c])]  # fmt: skip
            if described:
                out.append(Problem(table.file, number, value_name, (
                    f"the row gives a {described[0]} but no figure: write the figure in "
                    f"'{value_name}'; if there is none, clear the {described[0]} (a note "
                    "alone may say why; keep the row)"),
                    message_zh=(f"本行填了“{described[0]}”却没有数值：请把数值填在"
                                f"“{value_name}”；如果没有数值，请清空“{described[0]}”（可只在"
                                "备注说明原因；保留该行）")))  # fmt: skip
    return out


#: How the notes under a statistical table begin ("注：…", "填报单位：…（盖章）  填报人：…").
_FOOTNOTE = re.compile(r"(?:注|说明|备注|资料来源|数据来源|填报单位|填报人|填表人|制表|审核|"
                       r"负责人|单位负责人|联系电话|联系人|note|source)\s*\d*\s*[:：.]",
                       re.IGNORECASE)  # fmt: skip


def _is_footnote(cells: list[str], cols: _Columns) -> bool:
    """A note under the table: it starts like one and has no year and no value, so it holds
    no figure to lose (each gave an 'unknown indicator', 'year' and 'value' problem)."""
    year, value = cols.index["year"], cols.index["value"]  # a data row is done with here
    if (year < len(cells) and cells[year].strip()) or (value < len(cells) and cells[value].strip()):
        return False
    text = next((clean_text(c) for c in cells if c.strip()), "")
    return bool(_FOOTNOTE.match(text))


#: A first row whose cells average more characters than this, none of them a known column,
#: is a sentence split at its commas ("Dear colleagues, please find ..."), not a header.
PROSE_HEADER_CHARS = 15


#: Header words of the suite's own tables that hold targets or paths, not figures: each has
#: the columns of a figure (indicator, year, value), so the rows would load as observations
#: (the target registry given as returns turned 21 of 22 targets "achieved").
_NOT_FIGURES = {
    "comparison": "targets (the target registry, data/raw/registry/targets.csv)",
    "比较": "targets (the target registry, data/raw/registry/targets.csv)",
    "path": "target paths (data/processed/trajectories.csv)",
    "路径": "target paths (data/processed/trajectories.csv)",
}
_NOT_FIGURES_ZH = {
    _NOT_FIGURES["comparison"]: "目标（目标登记表 data/raw/registry/targets.csv）",
    _NOT_FIGURES["path"]: "目标路径（data/processed/trajectories.csv）",
}


def _not_a_table_of_figures(file, number, header) -> Problem | None:
    """A problem when the header marks one of the suite's tables of targets or paths, in
    any of its headers ("comparison", the workbook's "路径 / Path")."""
    for cell in header:
        words = [_key(cell), *(_key(w) for w in header_parts(cell))]
        what = next((_NOT_FIGURES[w] for w in words if w in _NOT_FIGURES), None)
        if what:
            return Problem(file, number, cell, (
                f"this is a table of {what}, not of figures (its header has '{cell}'): give "
                "the observed figures, or take the file out of the inputs"),
                message_zh=(f"这是一张{_NOT_FIGURES_ZH[what]}表，不是数据表（表头有“{cell}”）："
                            "请提供实际数值，或把该文件移出输入"))  # fmt: skip
    return None


def _parse_table(table, lk: _Lookups) -> tuple[dict[str, list], list[Problem]]:
    rows = [(n, c) for n, c in table.rows if not _is_blank(c)]
    candidates = [i for i, (_, c) in enumerate(rows) if not _readers.is_comment(c)]
    if not candidates:
        return {}, [
            Problem(
                table.file, None, None, "the file has no data rows", message_zh="文件没有数据行"
            )
        ]
    # the header is the first row naming the required columns; title rows above it (a
    # statistical table's "廊坊市…统计表") are not data. Else the first row, to say what lacks.
    start = next((i for i in candidates[: _readers.TITLE_ROWS + 1] if header_matches(rows[i][1])),
                 candidates[0])  # fmt: skip
    (header_number, header), data = rows[start], rows[start + 1 :]
    if canonical_column(header[0]) in _CODE_COLUMNS:
        data = [(n, c) for n, c in data if not _readers.is_comment(c)]
    cols, problems = _map_header(table.file, header_number, header)
    if problems and (not cols.index or any(p.column in REQUIRED_COLUMNS for p in problems)):
        prose = all(len(c) <= 1 for _, c in rows) or (  # no separator, or sentences for a header
            sum(len(c.strip()) for c in header) / max(len(header), 1) > PROSE_HEADER_CHARS
        )
        if table.sheet is None and not cols.index and prose:
            # prose (a cover note saved as .txt), not a table: three "required column is
            # missing" lines told the sender nothing
            first = ",".join(header).strip()
            first = first if len(first) <= 40 else first[:40] + "…"
            return {}, [Problem(table.file, None, None, (
                f"not a table of figures: its first line is text, not column names ('{first}': "
                "a note or a letter saved as text?); move it out of the folder of returns, or "
                "give the figures as CSV with the columns 指标代码 (indicator_id), 年份 (year), "
                "数值 (value)"),
                message_zh=(f"不是数据表：第一行是文字而不是列名（“{first}”：是存成文本的说明或"
                            "信函？）；请不要把它作为数据文件读入（移出存放报送数据的文件夹），或"
                            "以 CSV 提供数据，列为 指标代码"
                            "（indicator_id）、年份（year）、数值（value）"))]  # fmt: skip
        return {}, problems + table.problems
    not_figures = _not_a_table_of_figures(table.file, header_number, header)
    if not_figures:
        return {}, [not_figures]
    cols, found = _title_unit(table.file, [rows[i] for i in candidates if i < start], cols)
    problems = problems + found + _unnamed_columns(table.file, header_number, header, data,
                                                   cols, lk)  # fmt: skip
    problems += _definition_columns(table.file, header_number, header, data, cols)
    unanswered: list[dict] = []
    as_sent, promoted = 0, []
    if _is_request(table, header):  # unanswered requests (empty value cell) are skipped
        pos = cols.index["value"]
        problems = problems + _misplaced_figures(table, header, data, cols)
        unanswered = _notes_without_figures(table, header, data, cols)
        data = [(n, c) for n, c in data if pos < len(c) and clean_text(c[pos])]
        problems += _codes_unlike_names(table, header, data, cols, lk)
        as_sent, promoted = _rows_as_sent(header, data, cols)
        if not data:
            empty = {c: [] for c in OBSERVATION_COLUMNS + ("origin_row",)}
            return {**empty, UNANSWERED_KEY: unanswered}, problems + table.problems
    data = [(n, c) for n, c in data if not _is_footnote(c, cols)]
    if not data and table.sheet == config.TEMPLATE_DATA_SHEET:
        # the suite's own template left blank (a department with nothing to report, or the
        # copy `template` wrote beside the returns): no figures, said as a blank request is
        # ("NOTE: … holds no figures"), not a refusal that stopped the whole run (the
        # statistician's review)
        empty = {c: [] for c in OBSERVATION_COLUMNS + ("origin_row",)}
        return {**empty, UNANSWERED_KEY: []}, problems + table.problems
    if not data:
        return {}, problems + [Problem(table.file, None, None, (
            "the file has no data rows (only a header): add one row per figure "
            "(docs/input-format.md) or leave the file out; `langfang-metrics request` writes "
            "the workbooks that ask each department for its figures"),
            message_zh=("文件没有数据行（只有表头）：请按每个数值一行填写（见 docs/input-format.md），"
                        "或不使用该文件；`langfang-metrics request` 可生成向各部门征集数据的"
                        "工作簿"))]  # fmt: skip
    checker = _RowChecker(table, cols, lk, request=_is_request(table, header))
    checker.problems += problems
    last = data[-1][0]
    for number, cells in data:
        unseen = _unseen_cell(table, number, cells, cols)
        if unseen:
            checker.problems.append(unseen)
            continue
        shape = _shape_problem(table, number, cells, cols, number == last)
        if shape:
            checker.problems.append(shape)
            continue
        if header_matches(cells):  # two tables pasted one under the other: one problem, not
            # an unknown indicator, region, year, status and value (the hostile-input review)
            checker.problems.append(Problem(table.file, number, None, (
                "this row repeats the header (two tables pasted one under the other?): delete "
                "it, and check that the rows below it have their figures in the same columns"),
                message_zh=("本行重复了表头（两张表上下粘贴在一起？）：请删除该行，并核对其下各行"
                            "的数值是否与上方在同一列")))  # fmt: skip
            continue
        checker.check(number, cells)
    if as_sent:
        checker.out[AS_SENT_KEY] = as_sent
    if promoted:
        checker.out[PROMOTED_KEY] = promoted
    hidden = _hidden_key_columns(table, cols)
    if hidden and checker.out.get("indicator_id"):
        checker.out[HIDDEN_COLUMNS_KEY] = hidden
    checker.out[VALUE_COLUMN_KEY] = cols.names.get("value", "value")
    return {**checker.out, UNANSWERED_KEY: unanswered}, checker.problems + table.problems


def _hidden_key_columns(table, cols) -> list[tuple[str, str]]:
    """``("D", "数值")`` (letter, header as written) for each column that says what a
    figure is (:func:`_key_columns`) and that the sheet hides (:attr:`_readers.RawTable.hidden_columns`): the figures in a
    hidden 数值 column, or the years in a hidden 年份 column, were read without a word (the
    hostile-input review); like hidden rows they are read and said."""
    hidden = set(getattr(table, "hidden_columns", ()))
    return [(_letters(pos), str(cols.names.get(col, col))) for col, pos in _key_columns(cols)
            if pos in hidden]  # fmt: skip


def _key_columns(cols) -> list[tuple[str, int]]:
    """``(column, position)`` of the columns that say what a figure is
    (:data:`_UNSEEN_COLUMNS`), in sheet order."""
    return [(col, pos) for col, pos in sorted(cols.index.items(), key=lambda item: item[1])
            if col in _UNSEEN_COLUMNS]  # fmt: skip


#: Columns whose cell, struck through or not shown, makes a row's meaning unclear: what the
#: figure is of, when, where, how much, in what unit and of what status. A struck-out note or
#: source is an edit of the words, not of the figure (the diff review: a struck old remark
#: refused the whole file as "a figure withdrawn?").
_UNSEEN_COLUMNS = ("indicator_id", "region", "year", "value", "unit", "status")


def _unseen_cell(table, number: int, cells: list[str], cols) -> Problem | None:
    """A data row one of whose key cells (:data:`_UNSEEN_COLUMNS`) the sheet does not show
    as it holds it (:attr:`_readers.RawTable.unseen`, also through a merged range whose
    top-left cell it is): struck through (删除线: the figure or the row withdrawn, or still
    counted?), or under a number format that shows nothing for it (``;;;``, a zero under
    ``0;-0;;@`` or on a sheet set not to show zeros: the clerk sees an empty cell, the file
    holds a figure). Which was meant cannot be told, so the row is refused (the
    hostile-input review: both were read as figures without a word)."""
    if not table.unseen:
        return None
    for col, pos in _key_columns(cols):
        top, left = table.merged.get((number, pos), (number, pos, ""))[:2]
        how = table.unseen.get((top, left))
        if not how:
            continue
        cell, name = f"{_letters(pos)}{number}", cols.names.get(col, col)
        merged = (f" (merged from {_letters(left)}{top})" if (top, left) != (number, pos)
                  else "")  # fmt: skip
        merged_zh = f"（由 {_letters(left)}{top} 合并而来）" if merged else ""
        text = _cell_text(cells, pos)
        if how == "partstruck":  # "6" struck, then "8": read as 68 by the cell's text
            return Problem(table.file, number, name, (
                f"cell {cell}{merged} ('{text}') has part of its text struck through, which "
                "is read with the rest; type what counts alone (the struck part deleted)"),
                message_zh=(f"单元格 {cell}{merged_zh}（“{text}”）中有一部分文字带删除线，读取时"
                            "会与其余文字连在一起；请只保留应计入的内容（删去带删除线的部分）"))  # fmt: skip
        if how == "struck":
            what, what_zh = (("the figure withdrawn?", "该数字已撤回？") if col == "value"
                             else ("the row withdrawn?", "该行已撤回？"))  # fmt: skip
            return Problem(table.file, number, name, (
                f"cell {cell}{merged} ('{text}') is struck through: {what} Delete the row if "
                "it no longer counts, or clear the strikethrough if it does"),
                message_zh=(f"单元格 {cell}{merged_zh}（“{text}”）带删除线：{what_zh}"
                            "不再计入的请删除该行，仍计入的请去掉删除线"))  # fmt: skip
        kind, fmt = how.split(":", 1)
        if kind == "dash":  # accounting's "-" for 0: a statistical table's "no figure"
            return Problem(table.file, number, name, (
                f"cell {cell}{merged} holds 0, but its number format '{fmt}' shows it as "
                "'-', which a statistical table writes for \"no figure\": if there is none, "
                "clear the cell; if the figure is 0, set the cell to 常规 General so it shows 0"),
                message_zh=(f"单元格 {cell}{merged_zh}的值为0，但其数字格式“{fmt}”把它显示为"
                            "“-”，而统计表中“-”表示没有数字：如没有数字，请清空该单元格；如数字"
                            "确为0，请把单元格格式设为“常规”，使其显示0"))  # fmt: skip
        if fmt:
            why = f"its number format '{fmt}' shows nothing for it in Excel"
            why_zh = f"其数字格式“{fmt}”在 Excel 中对该值不显示任何内容"
            fix, fix_zh = "set the cell to 常规 General", "把单元格格式设为“常规”"
        else:
            why = "the sheet is set not to show zeros, so Excel shows an empty cell"
            why_zh = "工作表设置为不显示零值，Excel 中该单元格显示为空"
            fix = ("tick Excel's 在具有零值的单元格中显示零 (show a zero in cells that have "
                   "a zero value)")  # fmt: skip
            fix_zh = "在 Excel 选项中勾选“在具有零值的单元格中显示零”"
        return Problem(table.file, number, name, (
            f"cell {cell}{merged} holds '{text}', but {why}: {fix} if the figure counts, or "
            "delete it"),
            message_zh=(f"单元格 {cell}{merged_zh}有内容“{text}”，但{why_zh}："
                        f"仍计入的请{fix_zh}，否则请删除"))  # fmt: skip
    return None


def _codes_unlike_names(table, header, data, cols, lk: _Lookups) -> list[Problem]:
    """Filled request rows whose indicator code and name (the first line of the 中文名称
    cell the request wrote) are two registered indicators: a code typed over
    ("high_tech_enterprises" beside 科技型中小企业数量) put 1,100 under high-tech firms without
    a word. Which figure was meant cannot be told, so the row is refused. The same of a code
    unlike the one the row was sent with (the hidden 发出时代码 column) when the name cell
    names no indicator: cleared too, the typed-over code loaded silently. A name that agrees
    with the code is taken as the clerk's word (a row copied and retitled, or moved by a sort
    that left the hidden column behind)."""
    pos_id = cols.index.get("indicator_id")
    pos_name = _request_column(header, "request.col.name")
    pos_sent = _request_column(header, "request.col.sent_id")
    if pos_id is None or (pos_name is None and pos_sent is None):
        return []
    out = []
    column = cols.names.get("indicator_id", "indicator_id")
    for number, cells in data:
        code = _cell_text(cells, pos_id)
        name = _cell_text(cells, pos_name).split("\n")[0].strip()
        by_code, by_name = lk.indicators.get(_key(code)), lk.indicators.get(_key(name))
        sent = _cell_text(cells, pos_sent)
        by_sent = lk.indicators.get(_key(sent))
        if by_code is not None and by_name is not None and by_code != by_name:
            out.append(Problem(table.file, number, column, (
                f"the code {code} and the name beside it ('{name}', which is {by_name}) are two "
                "indicators: was one of them typed over? Make them agree (the figure goes under "
                "the indicator it counts)"),
                message_zh=(f"指标代码 {code} 与同一行的中文名称“{name}”（{by_name}）不是同一指标："
                            "是否改写了其中一个？请使代码与名称一致（数值填在它所统计的指标下）")))  # fmt: skip
        elif by_name is None and by_code is not None and by_sent is not None and by_code != by_sent:
            # the name cleared (or not a registered name): the code as sent is all that is left
            # to tell a code typed over; a name agreeing with the code is the clerk's own word
            # (a row added or moved without the hidden column)
            sent_col = label("request.col.sent_id", "zh")  # the header as the request wrote it
            out.append(Problem(table.file, number, column, (
                f"the code {code} is not the one this row was sent with ({by_sent}) and its "
                f"中文名称 cell does not name either: was the code typed over? Put {by_sent} "
                f"back; if the row is meant for {code}, write its Chinese name in the 中文名称 "
                f"cell (or clear the hidden '{sent_col}' cell of this row)"),
                message_zh=(f"指标代码 {code} 不是本行发出时的代码（{by_sent}），中文名称单元格也未"
                            f"写明是哪个指标：是否改写了代码？请改回 {by_sent}；如本行确为 {code} 的"
                            f"数字，请在“中文名称”单元格写上它的中文名称（或清空本行隐藏列“{sent_col}”"
                            "的单元格）")))  # fmt: skip
    return out


#: Key of :func:`_parse_table`'s columns under which a request's rows left without a figure
#: but with a note come back (:func:`_notes_without_figures`); ``_frame`` moves them into
#: the frame's ``attrs["unanswered"]``.
UNANSWERED_KEY = "__unanswered__"
#: Key under which :func:`_parse_table` gives how many of a request's rows came back as
#: they were pre-filled (:func:`_rows_as_sent`); ``_frame`` moves it into ``attrs["as_sent"]``.
AS_SENT_KEY = "__as_sent__"
#: Key of the rows whose pre-filled figure came back made final without a source
#: (:func:`_rows_as_sent`); ``_frame`` moves them into ``attrs["promoted"]``.
PROMOTED_KEY = "__promoted__"
#: Key of the hidden columns that say what a figure is (:func:`_hidden_key_columns`);
#: :func:`_load_one` moves them into ``attrs["hidden"]``.
HIDDEN_COLUMNS_KEY = "__hidden_columns__"
#: Key of :func:`_parse_table`'s output holding the value column's header as written (for a
#: problem found once every file is read: :func:`_series_scale_problems`).
VALUE_COLUMN_KEY = "__value_column__"


def _notes_without_figures(table, header, data, cols) -> list[dict]:
    """A request's rows left without a figure whose note says why ("2024年数据尚未发布，预计
    2025年4月公布", as the notes sheet asks): they were skipped with the unanswered rows, and
    the department's answer was read by no one. ``final_owed``: the row asked for the final
    figure of a preliminary one or an estimate it showed as held (only a final or revised
    figure answers it, :func:`load_observations`)."""
    pos, note, iid, year = (cols.index.get(k) for k in ("value", "note", "indicator_id", "year"))
    if note is None or iid is None or year is None:
        return []
    held_status = _request_column(header, "request.col.held_status")
    out = []
    for n, c in data:
        if pos < len(c) and clean_text(c[pos]):
            continue
        # as a figure's note is kept: the department's own words, full-width "，" and all
        text = provenance_text(c[note].strip()) if note < len(c) else ""
        code = clean_text(c[iid]) if iid < len(c) else ""
        y = _year(c[year])[0] if year < len(c) and isinstance(c[year], str) else None
        if text and code and y is not None:  # a line typed below the table is no answer
            was = (_status(_cell_text(c, held_status).split("；")[0])
                   if held_status is not None else None)  # fmt: skip
            out.append({"file": table.file, "sheet": table.sheet or "", "row": int(n),
                        "indicator_id": code, "year": int(y), "note": text,
                        "final_owed": was in config.PROVISIONAL_STATUSES})  # fmt: skip
    return out


def _frame(out: dict[str, list], origin_file: str = "", origin_sheet: str = "") -> pd.DataFrame:
    unanswered = out.pop(UNANSWERED_KEY, [])
    as_sent = out.pop(AS_SENT_KEY, 0)
    value_column = out.pop(VALUE_COLUMN_KEY, "value")
    promoted = out.pop(PROMOTED_KEY, [])
    n = len(out.get("indicator_id", []))
    out = {**{c: [] for c in OBSERVATION_COLUMNS + ("origin_row",)}, **out}
    out["origin_file"], out["origin_sheet"] = [origin_file] * n, [origin_sheet] * n
    data = {
        c: np.asarray(out[c], dtype=np.int64)
        if c in ("year", "origin_row")
        else np.asarray(out[c], dtype=np.float64)
        if c == "value"
        else pd.array(out[c], dtype="str")
        for c in FRAME_COLUMNS
    }
    df = pd.DataFrame(data, columns=list(FRAME_COLUMNS))
    order = ["region", "indicator_id", "year", "status"]
    df = df.sort_values(order, kind="mergesort", ignore_index=True)
    df.attrs["unanswered"] = [{**u, "file": origin_file or u["file"]} for u in unanswered]
    df.attrs["as_sent"] = int(as_sent)
    df.attrs["value_column"] = str(value_column)
    df.attrs["promoted"] = (
        [{"file": origin_file, "sheet": origin_sheet, "rows": sorted(promoted)}] if promoted else []
    )
    return df


def shown_path(path: Path) -> str:
    """How a file is named in outputs and messages: relative to the project when inside it,
    else its absolute path (the same file typed ``in/a.csv`` or ``/home/x/in/a.csv`` gave two
    different outputs). Publications name outside files by their name alone
    (``coverage.input_files``, ``brief.rerun_command``)."""
    full = _resolved(Path(path))
    try:
        return full.relative_to(Path(config.PROJ_ROOT).resolve()).as_posix()
    except ValueError:
        return str(full)


def describe_origin(file: str, sheet: str, row: int, lang: str = "en") -> str:
    """One readable place of a row, e.g. ``"a.xlsx [征集 request] row 7"`` (in Chinese
    ``"a.xlsx [征集 request] 第 7 行"``)."""
    if lang == "zh":
        return f"{file}{f' [{sheet}]' if sheet else ''} 第 {int(row)} 行"
    return f"{file}{f' [{sheet}]' if sheet else ''} row {int(row)}"


def _as_list(path) -> list:
    if path is None:
        return [config.OBSERVATIONS_FILE]
    if isinstance(path, str | Path) or hasattr(path, "__fspath__"):
        return [path]
    return list(path)


def _folder_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """A folder's input files (sorted by path) and a problem for each thing in it that
    could hold figures but cannot be read: a sub-folder that cannot be opened, a broken
    link, a spreadsheet in a format this reader does not know. Linked sub-folders are read
    (each folder once, so a loop of links ends). Hidden files and Excel's lock files
    (``~$…``) are skipped; other files (a cover letter, say) are not inputs, nor are the
    project's own ``config.PLAN_DIR`` and ``config.REGISTRY_DIR`` inside it, nor the
    outputs of a run (a sub-folder holding ``config.RUN_ID_NAME``)."""
    found, problems = [], []

    def unreadable(err: OSError) -> None:
        problems.append(Problem(str(err.filename or folder), None, None,
                                f"the folder cannot be read ({err.strerror or err}); give "
                                "this account read access or move the files out",
                                message_zh=f"无法读取该文件夹（{err.strerror or err}）；请给当前"
                                           "账户读取权限，或把文件移出"))  # fmt: skip

    # a linked sub-folder is read as any other (it was skipped in silence); one that leads
    # back to a folder already read (a loop) is read once. The project's own plan text and
    # registry are not returns: `validate data/raw` read them as tables (21 problems)
    seen = {os.path.realpath(folder)} | {
        os.path.realpath(d) for d in (config.PLAN_DIR, config.REGISTRY_DIR)
    }
    if (folder / config.RUN_ID_NAME).is_file():  # asked for by name: say what it is
        return [], [Problem(str(folder), None, None, (
            "this folder holds the outputs of a run (it has a .run-id), not returns; give "
            "the folder or files the figures came in"),
            message_zh=("该文件夹是一次运行的输出（内有 .run-id），不是回收的数据；请给出数据所在"
                        "的文件夹或文件"))]  # fmt: skip
    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        keep = []
        for d in sorted(d for d in dirs if not d.startswith((".", "~$"))):
            real = os.path.realpath(os.path.join(root, d))
            # a run's data/processed and reports: a returns folder that was also the run's
            # --out read its own tables back on the next run (34 "problems")
            if os.path.isfile(os.path.join(real, config.RUN_ID_NAME)):
                seen.add(real)
                continue
            if real not in seen:
                seen.add(real)
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            p = Path(root) / name
            suffix = p.suffix.casefold()
            if name.startswith((".", "~$")) or suffix not in (
                INPUT_SUFFIXES + UNREAD_SUFFIXES + ARCHIVE_SUFFIXES
            ):
                continue
            if not p.is_file():  # a link to nothing, or a pipe or device named like a file
                broken = p.is_symlink() or not p.exists()
                problems.append(Problem(str(p), None, None, "the file is a broken link"
                                        if broken else "not a regular file (a pipe or a device)",
                                        message_zh="该文件是失效的链接" if broken
                                        else "不是普通文件（是管道或设备）"))  # fmt: skip
            elif suffix in ARCHIVE_SUFFIXES:
                problems.append(Problem(str(p), None, None, (
                    f"an archive ({suffix}) is not read: unpack it and give its files (or move "
                    "it out of the folder)"),
                    message_zh=(f"压缩包（{suffix}）不会被读取：请解压后提供其中的文件"
                                "（或将压缩包移出该文件夹）")))  # fmt: skip
            elif suffix in _readers.WPS_SUFFIXES:  # a WPS 表格 file, said as WPS's own
                said, said_zh = _readers.old_office_file(suffix, b"")
                problems.append(Problem(str(p), None, None, f"{said} (or move it out of the "
                                        "folder)", message_zh=f"{said_zh}（或移出该文件夹）"))  # fmt: skip
            elif suffix in UNREAD_SUFFIXES:
                problems.append(Problem(str(p), None, None, (
                    f"{suffix} files cannot be read here; save it as .xlsx or as CSV UTF-8 "
                    "(or move it out of the folder)"),
                    message_zh=(f"本程序不能读取 {suffix} 文件；请另存为 .xlsx 或 CSV UTF-8"
                                "（或移出该文件夹）")))  # fmt: skip
            else:
                found.append(p)
    return sorted(found), problems


def input_files(path) -> list[Path]:
    """Expand files and folders into the input files, in the order given, each once.

    Parameters
    ----------
    path : path-like, folder, or a sequence of them
        A folder contributes its ``.csv``, ``.txt``, ``.tsv``, ``.xlsx`` and ``.xlsm`` files
        (sub-folders included, sorted by path; hidden files and Excel lock files ``~$…``
        skipped).

    Raises
    ------
    DataValidationError
        For a folder without input files, and for anything in a folder that could hold
        figures but cannot be read (old .xls and other spreadsheet formats, broken links,
        sub-folders that cannot be opened): never skipped in silence.
    """
    files, problems = _input_files(path)
    if problems:
        raise DataValidationError(problems)
    return files


def _input_files(path) -> tuple[list[Path], list[Problem]]:
    """:func:`input_files` and the problems it raises, returned: the loader reads the files
    it can and reports every problem together (a folder's one .xls hid the five bad values
    of another file until a second round trip)."""
    files: list[Path] = []
    problems = []
    for item in _as_list(path):
        item = Path(item)
        if item.is_dir():
            found, trouble = _folder_files(item)
            problems += trouble
            if not found and not trouble:
                problems.append(Problem(str(item), None, None, (
                    "the folder holds no observation files (.csv, .txt, .tsv, .xlsx or "
                    ".xlsm)"),
                    message_zh="该文件夹中没有数据文件（.csv、.txt、.tsv、.xlsx 或 .xlsm）"))  # fmt: skip
            files += found
        else:
            files.append(item)
    seen, unique = set(), []
    for f in files:
        try:  # a file in a folder this account cannot search: the reader says so, by name
            key = f.resolve() if f.exists() else f
        except OSError:
            key = f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _load_one(path: Path, lk: _Lookups) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A file's frame and no problems, or None and its problems; then the rows that did
    read are in the problems list's ``partial`` attribute (``_Problems``), for the check of
    conflicts between files (:func:`load_observations`)."""
    table = _readers.read_table(path, header_matches)
    out, problems = _parse_table(table, lk)
    beside, refused = _figures_beside(table, lk)
    problems = problems + refused
    if problems:  # a row of a workbook says on which sheet (the data may be on the third)
        if table.sheet:
            problems = [replace(p, sheet=table.sheet)
                        if p.file == table.file and p.sheet is None and p.row is not None
                        else p for p in problems]  # fmt: skip
        found = _Problems(problems)
        if out and out.get("indicator_id"):
            out.pop(HIDDEN_COLUMNS_KEY, None)
            found.partial = _frame(out, shown_path(path), table.sheet or "")
        return None, found
    columns = out.pop(HIDDEN_COLUMNS_KEY, [])
    frame = _frame(out, shown_path(path), table.sheet or "")
    # rows and columns the sheet hides are read like the others (a hidden row is often one
    # someone meant to drop): the figures they gave are said, by row and by column
    rows = sorted(set(table.hidden) & set(frame["origin_row"].astype(int)))
    frame.attrs["hidden"] = ([{"file": shown_path(path), "sheet": table.sheet or "",
                               "rows": rows, "columns": columns}]
                             if rows or columns else [])  # fmt: skip
    # a request workbook's other sheets are not read: said, not refused (a county breakdown
    # beside the request sheet stopped the whole run), with what each held
    frame.attrs["unread_sheets"] = [{"file": shown_path(path), **held} for held in beside]
    return frame, []


def _figures_beside(table, lk: _Lookups) -> tuple[list[dict], list[Problem]]:
    """What each sheet beside a request sheet holds (``{"sheet", "other", "rows"}``: figures
    of other regions, rows that do not read as figures), and a problem for each sheet that
    holds figures of the home region.

    Such a sheet (a 数据 data sheet a department added its years to) was said as "not read"
    and the run exited 0: its figures were lost. Read as data would be, a county breakdown
    (其他地区) is told from the home region's figures, which refuse the workbook."""
    held, problems = [], []
    for other in getattr(table, "unread_sheets", ()):
        home, elsewhere, unread = _whose_figures(other, lk)
        if home:
            problems.append(_home_figures_beside(other, home))
        else:
            held.append({"sheet": other.sheet, "other": elsewhere, "rows": unread})
    return held, problems


def _whose_figures(table, lk: _Lookups) -> tuple[list[int], int, int]:
    """A sheet's rows of the home region's figures (a row without a region reads as the home
    region), its count of other regions' figures, and its count of rows under the header
    that do not read as figures.

    The sheet is parsed as a data sheet is (:func:`_parse_table`); a row it refuses still
    counts as a figure when it names a registered indicator and holds a value: a county's
    row (三河市, not a registered region) is another region's figure, and a home row with a
    typo is a home figure that would be lost."""
    if not table.rows:  # no data header: nothing the loader could read as a figure
        return [], 0, 0
    out, _ = _parse_table(table, lk)
    parsed = dict(zip(out.get("origin_row", []), out.get("region", []), strict=True))
    home, elsewhere, unread = [], 0, 0
    for number, region in _figure_regions(table, lk, parsed):
        if region == config.HOME_REGION:
            home.append(number)
        elif region is None:
            unread += 1
        else:
            elsewhere += 1
    return home, elsewhere, unread


def _figure_regions(table, lk: _Lookups, parsed: dict) -> list[tuple[int, str | None]]:
    """Each data row of a sheet with the region its figure is of: the parsed region, else
    the region cell as written (the home region when empty), else None when the row does
    not name a registered indicator beside a value."""
    rows = [(n, c) for n, c in table.rows if not _is_blank(c) and not _readers.is_comment(c)]
    start = next((i for i, (_, c) in enumerate(rows) if header_matches(c)), None)
    if start is None:
        return []
    cols, _ = _map_header(table.file, *rows[start])
    found = []
    for number, cells in rows[start + 1 :]:
        if number in parsed:
            found.append((number, parsed[number]))
            continue

        def cell(col: str, cells=cells) -> str:
            pos = cols.index.get(col)
            return clean_text(cells[pos]) if pos is not None and pos < len(cells) else ""

        if lk.indicators.get(_key(cell("indicator_id"))) is None or not cell("value"):
            found.append((number, None))
            continue
        raw = cell("region")
        found.append((number, lk.regions.get(_key(raw), raw) if raw else config.HOME_REGION))
    return found


def _home_figures_beside(table, rows: list[int]) -> Problem:
    """The refusal of a sheet beside the request sheet that holds the home region's
    figures: at its first such row, with how many there are and where they belong."""
    sheet, request, n = table.sheet, REQUEST_SHEET, len(rows)
    return Problem(table.file, rows[0], None, (
        f"sheet '{sheet}' holds {n} figure{'s' if n != 1 else ''} of {config.HOME_REGION} "
        f"(the home region; a row without a region counts as it), and a request workbook's "
        f"figures are read from sheet '{request}' only: move those rows into sheet "
        f"'{request}' (or delete '{sheet}' if it is only a working copy)"),
        sheet=sheet,
        message_zh=(f"工作表“{sheet}”中有 {n} 个本市（{config.HOME_REGION}）的数字（未填地区的"
                    f"行按本市计），而征集表只读取工作表“{request}”中的数字：请把这些行移到"
                    f"工作表“{request}”中（如“{sheet}”只是工作副本，请删除该工作表）"))  # fmt: skip


def _resolved(path: Path) -> Path:
    """``path.resolve()``, or the path as given where it cannot be resolved (a symlink loop
    raised RuntimeError and stopped the run with a bare exception name)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _preference(files: list[Path], prefer) -> tuple[dict[str, int], list[Problem]]:
    """Rank of each input file under ``--prefer`` (0 = first preferred; unpreferred last)."""
    rank: dict[str, int] = {}
    problems = []
    by_key = {_resolved(f): shown_path(f) for f in files}
    for i, item in enumerate(_as_list(prefer) if prefer else []):
        item = Path(item)
        wanted = input_files(item) if item.is_dir() else [item]
        hits = [by_key[_resolved(w)] for w in wanted if _resolved(w) in by_key]
        if not hits:
            problems.append(Problem(str(item), None, None, (
                "--prefer names a file that is not among the inputs; give one of: "
                + ", ".join(by_key.values())),
                message_zh="--prefer 指定的文件不在输入之中；请从以下文件中选择："
                           + "、".join(by_key.values())))  # fmt: skip
        for h in hits:
            rank.setdefault(h, i)
    return rank, problems


_CONFLICT_HINT = (
    "If one of them corrects the other, mark the correction 修订 revised (a revised figure "
    "outranks a final one), or run again with --prefer FILE (repeatable, first wins) to let "
    "one file's figures win; a figure is never chosen silently"
)
_CONFLICT_HINT_ZH = (
    "如果其中一个是对另一个的更正，请把更正标为“修订”（revised，修订数优先于正式数），或加 "
    "--prefer 文件 重新运行（可重复，先写的优先），让某个文件的数值优先；程序不会自行选用其中之一"
)

#: Two revisions of one figure: marking one "revised" cannot settle it (both are), and
#: deleting the earlier (the advice once) lost what was known before the later one (the
#: statistician's review). ``{advice}``: :func:`revision_advice`.
_CONFLICT_HINT_REVISED = (
    "Both are revised figures: a later revision replaces an earlier one, and both are kept "
    "when they are dated apart: {advice}; or run again with --prefer FILE (repeatable, first "
    "wins) naming the file of the later one (the earlier is then kept only in its note); a "
    "figure is never chosen silently"
)
_CONFLICT_HINT_REVISED_ZH = (
    "两者都是修订数：后一次修订取代前一次，两次修订的发布日期分得开时都会保留：{advice}；或加 "
    "--prefer 文件 重新运行（可重复，先写的优先），指定后一次修订所在的文件（前一次则只记在备注"
    "中）；程序不会自行选用其中之一"
)


#: The conflicting figures come from files one --prefer ranks alike (a folder holding both).
_CONFLICT_HINT_TIED = (
    "--prefer ranks these files alike (one --prefer folder holds both): name the file whose "
    "figure should win with its own --prefer, before the folder; a figure is never chosen "
    "silently"
)
_CONFLICT_HINT_TIED_ZH = (
    "--prefer 给这些文件的优先级相同（同一个 --prefer 文件夹包含了它们）：请另加 --prefer 指定"
    "应优先的那个文件（写在文件夹之前）；程序不会自行选用其中之一"
)


class _Problems(list):
    """A file's problems, with the rows of it that did read (``partial``, or None)."""

    partial: pd.DataFrame | None = None


def _decimals(value: float) -> int:
    """Decimals ``value`` is given to (59.12 → 2, 1300 → 0), read from its shortest form."""
    text = f"{float(value):.10g}"
    if "e" in text:
        return 0
    return len(text.partition(".")[2])


def _rounded_pair(values) -> tuple[float, float] | None:
    """``(rounded, precise)`` when the figures of a conflict may be one figure given to fewer
    decimals in one file (59.12 beside 59.123: the officer's review), half-up as a clerk
    rounds (59.13 beside 59.125); None otherwise, and for whole numbers (1,296 and 1,300
    firms differ). Decimals are read from the numbers: a figure typed 59.10 reads as 59.1,
    so this only words a hint; the conflict stands and a person decides."""
    values = [float(v) for v in values]
    places = [_decimals(v) for v in values]
    if min(places) == 0 or len(set(places)) == 1:
        return None
    precise = values[int(np.argmax(places))]
    for v, d in zip(values, places, strict=True):
        if abs(precise - v) > 0.5 * 10.0**-d + 1e-9 * max(1.0, abs(precise)):
            return None
    rounded = values[int(np.argmin(places))]
    return rounded, precise


def merge_observations(frames: list[pd.DataFrame], prefer_rank: dict[str, int] | None = None
                       ) -> pd.DataFrame:  # fmt: skip
    """Merge the frames of several files: identical duplicates once, conflicts refused.

    Parameters
    ----------
    frames : list of DataFrame
        :func:`load_observations` frames of single files, in input order.
    prefer_rank : dict, optional
        ``origin_file`` → precedence (0 wins); files not listed never win a conflict.

    Returns
    -------
    DataFrame
        ``FRAME_COLUMNS``; of identical duplicates the row of the preferred (else the first)
        file that gives a source is kept (one without a source only when none gives one:
        a pre-filled row returned untouched), with the notes of all of them; a conflict
        resolved by precedence keeps
        the preferred file's row, and ``attrs["preferred"]`` says, one line each, which
        figure was kept over which.

    Raises
    ------
    DataValidationError
        One problem per conflict (same indicator, region, year and status with different
        values) not resolved by ``prefer_rank``, naming every file, sheet, row and value.
    """
    prefer_rank = prefer_rank or {}
    frames = [f.assign(_order=i) for i, f in enumerate(frames)]
    df = pd.concat(frames, ignore_index=True) if frames else _frame({})
    if df.empty:
        return df.drop(columns="_order", errors="ignore").loc[:, list(FRAME_COLUMNS)]
    unranked = len(prefer_rank) + 1
    df["_pref"] = df["origin_file"].map(prefer_rank).fillna(unranked).astype(int)
    df = df.sort_values(["_pref", "_order", "origin_row"], kind="mergesort")
    key = ["indicator_id", "region", "year", "status"]
    dup = df.duplicated(key, keep=False)
    problems, preferred, settled, aside, set_aside = [], [], set(), {}, set()
    df["_rev"] = 0  # a figure's place among its revisions (0 when it has none)
    for k, group in df[dup].groupby(key, sort=True):
        values = group["value"].to_numpy()
        close = np.isclose(values, values[0], rtol=1e-9, atol=1e-12)  # the first row's figure
        if close.all():
            continue
        chain = revision_chain(values, group["published"].tolist(), k[3])
        if chain is not None:  # a figure and its later revisions, each dated: all kept
            # (deleting the earlier lost what was known before the later: the
            # statistician's review), its copies merge as identical duplicates do
            df.loc[group.index, "_rev"] = chain
            continue
        settled.add(k)
        # the most preferred rows win when they agree with one another (two files of one
        # preferred folder giving the same figure) and something less preferred differs
        top = group["_pref"].to_numpy() == group["_pref"].iloc[0]
        agree = close[top].all()
        if agree and group["_pref"].iloc[0] < unranked:
            kept, *rest = [f"{describe_origin(r.origin_file, r.origin_sheet, r.origin_row)}: "
                           f"{r.value:g}" for r in group.itertuples()]  # fmt: skip
            other = ~close
            rest = [r for r, o in zip(rest, other[1:], strict=True) if o]  # the figures set aside
            first = group.iloc[0]
            preferred.append(
                f"{first['indicator_id']} ({first['region']}) {int(first['year'])}, status "
                f"{first['status']}: kept {kept} (preferred) over {'; '.join(rest)}"
            )
            # the kept row says what it won over, so the outputs (processed observations,
            # workbook, the next request's pre-fill) carry it, not only the console; the
            # rows set aside leave the merge (their notes are their files' word on their
            # own figures), rows of the kept figure merge as identical duplicates do
            aside[group.index[0]] = "kept by --prefer over " + ", ".join(rest)  # one note
            # among the notes the merge joins with "；"
            set_aside.update(group.index[other])
            continue
        first = group.iloc[0]
        places = "; ".join(
            f"{describe_origin(r.origin_file, r.origin_sheet, r.origin_row)}: {r.value:g}"
            for r in group.itertuples()
        )
        places_zh = "；".join(
            f"{describe_origin(r.origin_file, r.origin_sheet, r.origin_row, 'zh')}：{r.value:g}"
            for r in group.itertuples()
        )
        status_zh = label(f"obs.{first['status']}", "zh")
        lk = _registry_lookups()
        # two revisions: "mark the correction revised" was the advice, and both already were
        hint, hint_zh = ((_CONFLICT_HINT_REVISED, _CONFLICT_HINT_REVISED_ZH)
                         if first["status"] == "revised" else (_CONFLICT_HINT, _CONFLICT_HINT_ZH))  # fmt: skip
        if first["status"] == "revised":  # dates that may be one day are named
            dates = group["published"].tolist()
            hint = hint.format(advice=revision_advice(dates))
            hint_zh = hint_zh.format(advice=revision_advice(dates, "zh"))
        if group["_pref"].iloc[0] < unranked:  # one --prefer (a folder) ranked them alike:
            # the same advice again read as if --prefer had been ignored
            hint, hint_zh = _CONFLICT_HINT_TIED, _CONFLICT_HINT_TIED_ZH
        distinct = sorted(set(map(float, values)))
        if len(distinct) == 2 and power_of_ten_apart(*distinct):  # 591.23 beside 59.123: one
            # typed with its point moved (the statistician's review: a round's correction
            # left 正式数 got no word of it)
            lo_v, hi_v = distinct
            hint = (
                f"{hi_v:g} and {lo_v:g} are the same digits with the decimal point moved: "
                f"if one is a typing error, mark its correction 修订 revised; {hint}"
            )
            hint_zh = (f"{hi_v:g}与{lo_v:g}数字相同、只是小数点位置不同：如其中一个是录入错误，"
                       f"请把更正的那个标为“修订”；{hint_zh}")  # fmt: skip
        elif pair := _rounded_pair(values):  # 59.12 beside 59.123: said, never merged
            # a request's rows are not deleted: its value cell is cleared (the statistician's
            # review)
            hint = (
                f"{pair[0]:g} may be {pair[1]:g} rounded: if they are one figure, clear the "
                f"rounded one's value cell, or run again with --prefer FILE; otherwise, "
                f"{hint[:1].lower()}{hint[1:]}"
            )
            hint_zh = (f"{pair[0]:g}可能是{pair[1]:g}四舍五入所得：如为同一个数字，请清空位数少的"
                       f"那个数值单元格，或加 --prefer 文件 重新运行；否则，{hint_zh}")  # fmt: skip
        problems.append(Problem(first["origin_file"], int(first["origin_row"]), None, (
            f"conflict for {first['indicator_id']}, {first['region']}, {int(first['year'])}, "
            f"status {first['status']}: {places}. {hint}"),
            message_zh=(f"{lk.region_name(first['region'])}{lk.named(first['indicator_id'])}"
                        f"{int(first['year'])}年状态为“{status_zh}”的数值互相冲突：{places_zh}。"
                        f"{hint_zh}")))  # fmt: skip
    if problems:
        raise DataValidationError(problems)
    key = [*key, "_rev"]  # a figure's revisions are figures of their own from here
    dup = df.duplicated(key, keep=False)
    if dup.any():
        # of identical duplicates the row that says where the figure comes from is kept: a
        # pre-filled row returned untouched by another department (no source) had become
        # the figure's origin and erased its source everywhere; a conflict --prefer settled
        # keeps the preferred row whatever it says
        mute = df["source"].astype(str).str.strip().eq("") & dup
        mute &= ~pd.Series([tuple(r) in settled for r in df[key[:-1]].itertuples(index=False)],
                           index=df.index)  # fmt: skip
        df = df.assign(_mute=mute.astype(int)).sort_values("_mute", kind="mergesort")
        df, dup = df.drop(columns="_mute"), dup.loc[df.index]
    if aside:
        df.loc[list(aside), "note"] = [
            "；".join(filter(None, [df.at[i, "note"], said])) for i, said in aside.items()
        ]
        keep = ~df.index.isin(list(set_aside))
        df = df[keep]
        dup = dup.loc[df.index] & df.duplicated(key, keep=False)
    if dup.any():  # identical duplicates keep every note ("经核实无误" on a figure returned as
        # it was held had been dropped with the later row)
        notes = (df[dup].groupby(key, sort=False)["note"]
                 .agg(lambda n: "；".join(dict.fromkeys(x for x in n if x))))  # fmt: skip
        # and the earliest publication date any copy gives (the figure was out from then;
        # which copy came first must not decide it)
        dates = df[dup].groupby(key, sort=False)["published"].agg(earliest_published)
        first = df.drop_duplicates(key, keep="first")
        at = first.set_index(key).index
        joined, dated = at.map(notes.to_dict()), at.map(dates.to_dict())
        df = first.assign(
            note=[j if isinstance(j, str) else n
                  for j, n in zip(joined, first["note"], strict=True)],
            published=[d if isinstance(d, str) else p
                       for d, p in zip(dated, first["published"], strict=True)],
        )  # fmt: skip
    else:
        df = df.drop_duplicates(key, keep="first")
    df = df.drop(columns=["_order", "_pref"])
    order = ["region", "indicator_id", "year", "status", "_rev"]
    out = df.sort_values(order, kind="mergesort", ignore_index=True).loc[:, list(FRAME_COLUMNS)]
    out.attrs["preferred"] = preferred  # the figures set aside are said, never lost in silence
    return out


def load_observations(path=None, *, prefer=(), known_by=None) -> pd.DataFrame:
    """Load, check, normalise and merge observation files (CSV/TXT or XLSX, by content).

    Parameters
    ----------
    path : path-like, folder, sequence of them, or mapping, optional
        The file(s); defaults to ``config.OBSERVATIONS_FILE`` alone. A folder contributes
        every ``.csv``/``.txt``/``.xlsx`` in it (see :func:`input_files`). A mapping
        ``{"files": [...], "prefer": [...]}`` is the form the pipeline passes to notebooks.
        Files are only read.
    prefer : path-like or sequence, optional
        Files (or folders) whose figures win a conflict, first wins (``--prefer``).
    known_by : str or date, optional
        A day (``run --known-by``): only the figures known on it are returned
        (:func:`published_by`, its ``attrs["known_by"]`` saying what was left out), cut
        before conflicts between files are settled, after every check has read all of them.

    Returns
    -------
    DataFrame
        Columns ``FRAME_COLUMNS``: the contract columns ``OBSERVATION_COLUMNS`` (``year``
        int64, ``value`` float64 in the registry unit, ``unit`` the registry's ``unit_zh``,
        conversions noted in ``note``, other text "" when missing), then where each row came
        from: ``origin_file`` (relative to the project when inside it), ``origin_sheet`` ("" for
        CSV) and ``origin_row`` (the spreadsheet row). Sorted by region, indicator, year and
        status, with a fresh RangeIndex. Duplicate rows with the same value are collapsed,
        within a file and across files.

    Raises
    ------
    DataValidationError
        With every problem found in every file (file, spreadsheet row, column as written,
        message), or every conflict between files that ``prefer`` does not resolve.
    """
    if isinstance(path, dict):
        path, prefer = path.get("files"), path.get("prefer") or prefer
    lk = _registry_lookups()
    files, problems = _input_files(path)  # every file's problems, the unreadable ones' too
    frames, partial = [], []
    for f in files:
        try:
            frame, found = _load_one(f, lk)
        except DataValidationError as err:
            frame, found = None, err.problems
        if getattr(found, "partial", None) is not None:
            partial.append(found.partial)
        found = sorted(found, key=lambda p: -1 if p.row is None else p.row)
        problems += found
        if frame is not None:
            frames.append(frame)
            partial.append(frame)
    rank, found = _preference(files, prefer)
    problems += found
    columns = {}
    for fr in partial:  # the value column's header of each file, for a problem in it
        if len(fr):
            columns[str(fr["origin_file"].iloc[0])] = fr.attrs.get("value_column", "value")
    if problems:
        if len(partial) >= 1 and not found:
            # the conflicts between files among the rows that did read, listed with the
            # rest: they came a round later, once these were fixed (the statistician's
            # review: three rounds of fixes for one file); so do figures far off their own
            # series
            try:
                read = partial[0] if len(partial) == 1 else merge_observations(partial, rank)
                problems += _series_scale_problems(read, lk, columns)
            except DataValidationError as err:
                problems += err.problems
        raise DataValidationError(problems)
    out = frames[0] if len(frames) == 1 else merge_observations(frames, rank)
    if off := _series_scale_problems(out, lk, columns):
        raise DataValidationError(off)
    if known_by is not None:  # every file checked whole; the run reads the figures then known
        out = _known_on(out, frames, rank, known_by)
    # how many figures each file gave, before duplicates across files merge (an unfilled
    # request workbook gives none, which "OK: 114 rows" alone hides)
    out.attrs["rows_by_file"] = {
        shown_path(f): len(fr) for f, fr in zip(files, frames, strict=True)
    }
    # what each file answered: its figures other than those its request was pre-filled with
    # and that came back unchanged, and its notes on rows left without a figure (counted
    # before a later figure answers them); a request that answered nothing is no returned
    # round (``datarequest.returned_requests``)
    out.attrs["answers_by_file"] = {
        shown_path(f): len(fr) - fr.attrs.get("as_sent", 0) + len(fr.attrs.get("unanswered", []))
        for f, fr in zip(files, frames, strict=True)
    }
    out.attrs["preferred"] = list(out.attrs.get("preferred", []))
    # a department's note on a row it left without a figure (said by validate and run, and
    # shown again in the row of its next request), until a figure answers the row: one that
    # counts in a series for a row that asked for a figure (a bound or a part-year figure
    # held beside it answers nothing: the note was dropped, and the landing page showed the
    # year owed without it), a final or revised one for a row that asked for the final
    home = out[out["region"] == config.HOME_REGION]
    cells = list(zip(home["indicator_id"], home["year"].astype(int), strict=True))
    counted = {c for c, s in zip(cells, home["status"], strict=True)
               if s in config.SERIES_STATUS_PRIORITY}  # fmt: skip
    final = {c for c, s in zip(cells, home["status"], strict=True) if s in ("final", "revised")}
    out.attrs["unanswered"] = [
        u for fr in frames for u in fr.attrs.get("unanswered", [])
        if (u["indicator_id"], u["year"]) not in (final if u.get("final_owed") else counted)
    ]  # fmt: skip
    out.attrs["hidden"] = [h for fr in frames for h in fr.attrs.get("hidden", [])]
    out.attrs["promoted"] = [p for fr in frames for p in fr.attrs.get("promoted", [])]
    out.attrs["unread_sheets"] = [u for fr in frames for u in fr.attrs.get("unread_sheets", [])]
    return out


def hidden_lines(observations: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per worksheet whose hidden rows or columns gave figures (``attrs["hidden"]``
    of :func:`load_observations`): ``"a.xlsx [数据 data] rows 4, 7"`` (in Chinese ``"a.xlsx
    [数据 data] 第 4、7 行"``), ``"…; column D (数值)"`` for a hidden column that says what a
    figure is. Hidden rows and columns are read like any other; a statistician who hid a
    row to drop it learns that it counted."""
    return _sheet_rows(observations.attrs.get("hidden", []), lang)


def unread_sheet_lines(observations: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per sheet of a request workbook not read beside its request sheet
    (``attrs["unread_sheets"]`` of :func:`load_observations`), with what it held:
    ``"a.xlsx [分县明细]: holds 3 figures of other regions, not read"``."""
    lines = []
    for u in observations.attrs.get("unread_sheets", []):
        held = [label(f"cli.unread_sheet.{key}", lang, n=u[key])
                for key in ("other", "rows") if u.get(key)]  # fmt: skip
        held = held or [label("cli.unread_sheet.none", lang)]
        lines.append(label("cli.unread_sheet.line", lang, file=u["file"], sheet=u["sheet"],
                           held=("，" if lang == "zh" else "; ").join(held)))  # fmt: skip
    return lines


def promoted_lines(observations: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per request sheet whose pre-filled figures came back made final (or
    revised) with no source (``attrs["promoted"]`` of :func:`load_observations`):
    ``"a.xlsx [征集 request] rows 4, 7"``."""
    return _sheet_rows(observations.attrs.get("promoted", []), lang)


def _sheet_rows(entries: list[dict], lang: str = "en") -> list[str]:
    """``"a.xlsx [sheet] rows 4, 7"`` (``"… 第 4、7 行"``) for each ``{"file", "sheet",
    "rows"}`` entry; with ``"columns"`` (``[("D", "数值")]``) too, ``"… column D (数值)"``
    (``"… 第 D 列（数值）"``)."""
    lines = []
    for e in entries:
        sheet = f" [{e['sheet']}]" if e["sheet"] else ""
        rows, columns = e.get("rows", []), e.get("columns", [])
        parts = []
        if lang == "zh":
            if rows:
                parts.append(f"第 {'、'.join(str(r) for r in rows)} 行")
            parts += [f"第 {letter} 列（{name}）" for letter, name in columns]
            lines.append(f"{e['file']}{sheet} {'，'.join(parts)}")
            continue
        if rows:
            parts.append(f"row{'s' if len(rows) > 1 else ''} {', '.join(str(r) for r in rows)}")
        if columns:
            named = ", ".join(f"{letter} ({name})" for letter, name in columns)
            parts.append(f"column{'s' if len(columns) > 1 else ''} {named}")
        lines.append(f"{e['file']}{sheet} {'; '.join(parts)}")
    return lines


def unanswered_lines(observations: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per request row left without a figure but with a note (``attrs
    ["unanswered"]`` of :func:`load_observations`): ``"a.xlsx [征集 request] row 7:
    high_value_patents_per_10k 2024: “2024年数据尚未发布”"``; in Chinese the indicator by
    its name (``"… 第 7 行：“每万人口高价值发明专利拥有量”（…）2024年：“…”"``)."""
    found = observations.attrs.get("unanswered", [])
    if lang == "zh":
        lk = _registry_lookups()
        return [f"{describe_origin(u['file'], u['sheet'], u['row'], 'zh')}："
                f"{lk.named(u['indicator_id'])}{u['year']}年：“{u['note']}”" for u in found]  # fmt: skip
    return [f"{describe_origin(u['file'], u['sheet'], u['row'])}: {u['indicator_id']} "
            f"{u['year']}: “{u['note']}”" for u in found]  # fmt: skip


def validate_file(
    path,
    *,
    prefer=(),
    checks: list | None = None,
    per_file: dict | None = None,
    answers: dict | None = None,
    preferred: list | None = None,
    unanswered: list | None = None,
    hidden: list | None = None,
    promoted: list | None = None,
    unread_sheets: list | None = None,
    lang: str = "en",
) -> tuple[int, int]:
    """Check files as :func:`load_observations` does; return (rows, distinct indicators).

    ``checks``, a list, receives the lines of :func:`implausible` (figures that load but
    look wrong); ``per_file``, a dict, how many figures each file gave (before duplicates
    across files merge); ``answers``, a dict, how many of them (and of its notes) each file
    gave beyond what its request was pre-filled with (``attrs["answers_by_file"]``);
    ``preferred``, a list, the conflicts ``prefer`` settled (which
    figure was kept over which); ``unanswered``, a list, the request rows left without a
    figure but with a note (:func:`unanswered_lines`); ``hidden``, a list, the worksheets
    whose hidden rows gave figures (:func:`hidden_lines`); ``promoted``, a list, the
    request sheets whose pre-filled figures came back made final without a source
    (:func:`promoted_lines`); ``unread_sheets``, a list, the sheets of request workbooks not
    read beside their request sheet (:func:`unread_sheet_lines`). ``lang``: the language of those lines (the checks in Chinese
    with the English under each, :func:`views.check_lines`).

    Raises
    ------
    DataValidationError
        With every problem found.
    """
    df = load_observations(path, prefer=prefer)
    if per_file is not None:
        per_file.update(df.attrs.get("rows_by_file", {}))
    if answers is not None:
        answers.update(df.attrs.get("answers_by_file", {}))
    if preferred is not None:
        preferred.extend(df.attrs.get("preferred", []))
    if unanswered is not None:
        unanswered.extend(unanswered_lines(df, lang))
    if hidden is not None:
        hidden.extend(hidden_lines(df, lang))
    if promoted is not None:
        promoted.extend(promoted_lines(df, lang))
    if unread_sheets is not None:
        unread_sheets.extend(unread_sheet_lines(df, lang))
    if checks is not None:
        from .registry import load_indicators, load_regions, load_targets
        from .views import check_lines

        indicators = load_indicators()
        found = check_table(df, indicators, load_targets())
        checks.extend(check_lines(found, indicators, regions=load_regions(), lang=lang))
    return len(df), int(df["indicator_id"].nunique())


def _definition_changes(observations: pd.DataFrame, series: pd.DataFrame) -> list[dict]:
    """One check (:data:`CHECK_COLUMNS`) per indicator and region whose figures come in two
    definitions.

    Figures of another definition only after the series' own (a 2025 figure under the new
    definition alone) leave those years without a figure, confirmed or not: a gap in the
    data, not a doubtful figure. Inside the series' span, a figure of another definition
    whose note confirms it (经核实无误) is left out: a series chained onto the plan's
    definition keeps the new definition's figures beside it on purpose (docs/input-format.md,
    "Re-basing a series after a change of definition"), and the check said to mark as
    口径不同 what already was. Both messages give a year given in both definitions (the
    ratio to chain with) and name that section, in Chinese too (the statistician's review).
    """
    other = observations[observations["status"] == "other-definition"]
    sure = (other["note"].map(is_confirmed).astype(bool) if "note" in other.columns
            else pd.Series(False, index=other.index))  # fmt: skip
    out = []
    for (iid, region), g in other.groupby(["indicator_id", "region"], sort=True):
        own = series[(series["indicator_id"] == iid) & (series["region"] == region)]
        if own.empty:
            continue
        # other-definition figures before the series are history kept aside (the provincial
        # count of 2013-2016); inside its span, or after it (a 2025 figure only under the
        # new definition), they mean the series switched
        g = g[g["year"] >= own["year"].min()]
        if g.empty:
            continue
        both = own.merge(g[["year", "value"]], on="year", suffixes=("", "_other"))
        pair = pair_zh = ""
        if len(both):
            b = both.sort_values("year").iloc[-1]
            unit = str(own["unit"].iloc[0]) if "unit" in own.columns else ""
            mine, theirs = _alike(float(b.value), float(b.value_other), unit)
            pair = (f"; in {int(b.year)} the series has {mine} and the other definition "
                    f"{theirs}")  # fmt: skip
            pair_zh = f"{int(b.year)}年本序列为{mine}，另一口径为{theirs}"
        first, last = int(own["year"].min()), int(own["year"].max())
        after = sorted({int(y) for y in g["year"] if y > last})
        if after:  # the series goes on under another definition (an overlap year or not)
            bridge = (f"{pair} (a year given in both: the ratio to chain the new figures "
                      "with, 衔接)" if pair else "")  # fmt: skip
            bridge_zh = f"（{pair_zh}：两种口径都有的年份，可据其比值衔接）" if pair else ""
            where = _origins_of(g[g["year"].isin(after)])
            out.append(_check(iid, region, after, None, "definition", where[2:-1], (
                f"{iid} ({region}): figures of another definition only for "
                f"{_year_span(after, 'en')}{where}, after the series' own for "
                f"{year_span(first, last, 'en')}{bridge}; they do not count, so the series has "
                f"no figure for {_year_span(after, 'en')} (give the figure under the series' "
                "definition, or re-base the series: docs/input-format.md, 'Re-basing a series "
                "after a change of definition')"),
                f"{_year_span(after, 'zh')}年只有口径不同的数字（本序列自身口径的数字为"
                f"{year_span(first, last, 'zh')}年）{bridge_zh}："
                "这些数字不计入序列，故序列在这些年份没有数字（请按本序列口径提供数字，或按"
                "docs/input-format.md“口径调整后的基数重定”衔接或重定序列）"))  # fmt: skip
            continue
        g = g[~sure.loc[g.index].to_numpy(dtype=bool)]  # kept aside on purpose, confirmed
        if g.empty or own["status"].isin(config.CHAINED_STATUSES).any():  # chained onto its own:
            # the other definition's figures are what it was chained from
            continue
        years = sorted({int(y) for y in g["year"]})
        where = _origins_of(g)
        said_zh = f"（{pair_zh}）" if pair_zh else ""
        out.append(_check(iid, region, years, None, "definition", where[2:-1], (
            f"{iid} ({region}): figures of another definition for {_year_span(years, 'en')}"
            f"{where} beside the series' own for {year_span(first, last, 'en')}{pair}; "
            "progress since a baseline of the other definition compares the two "
            "(mark the figures of one definition as other-definition throughout; if the "
            "series is already on one definition and they are kept beside it on purpose, "
            "write 经核实无误 in their notes: docs/input-format.md, 'Re-basing a series after "
            "a change of definition')"),
            f"{_year_span(years, 'zh')}年有口径不同的数字，与本序列{year_span(first, last, 'zh')}年"
            f"自身口径的数字并存{said_zh}："
            "以另一口径的基数计算进度，会把两种口径相比（请把同一口径的数字统一标为“口径不同”；"
            "如本序列已统一为一种口径、另一口径的数字只是并列保留，请在其备注中写“经核实无误”，"
            "见docs/input-format.md“口径调整后的基数重定”）"))  # fmt: skip
    return out


#: Columns of :func:`check_table`: what looks wrong, where, and the line that says it.
CHECK_COLUMNS = ("indicator_id", "region", "years", "value", "check", "origin", "message")
#: Kinds of check: a cumulative count that falls, a figure ten times off its series (a
#: fraction for a percentage in particular), figures that far apart with no majority, a 0
#: among positive figures of a level, a change of definition (by status, or said only in a
#: counted figure's note), a year far after the rest, a
#: level that falls to under a third (a share, an amount: half) of the figure before it, one
#: over three times it, a level over three times the figures before and after it, a level
#: whose change from the year before disagrees with the growth reported for its year, a
#: growth rate that halves or doubles its amount in a year, a final or revised figure dated
#: before the figure it replaces.
CHECK_KINDS = (
    "cumulative_fall",
    "steep_fall",
    "steep_rise",
    "spike",
    "scale",
    "fraction",
    "no_majority",
    "zero",
    "definition",
    "definition_note",
    "part_year_note",
    "far_year",
    "far_back",
    "above_later",
    "before_count",
    "rate_mismatch",
    "extreme_rate",
    "published_order",
    "published_early",
    "bound_conflict",
    "baseline_differs",
    "chain_mismatch",
    "unchained",
)


#: Kinds of check that question a figure's date, not its value: ``validate`` and ``run`` list
#: them for the statistician, who fixes the input file; the page, the brief, the workbook and
#: the requests, which ask departments to confirm or correct figures, leave them out (the
#: end-to-end review: a right 1,335 was listed as "may be wrong (unit, decimal point or
#: definition)", to be resent as a revised figure).
DATE_CHECKS = ("published_order", "published_early")


def figures_to_verify(checks: pd.DataFrame | None, region: str = config.HOME_REGION) -> dict:
    """``{(indicator id, year): kind}`` of the figures :func:`check_table` names in
    ``region``: the ones a page marks "to verify" and a data request asks for again. Figures
    far apart with no majority are each named (one of them is wrong: 54.03 and 612,000 亿元
    had read "612,000亿元, on track" unmarked); a change of definition names no single
    figure (:func:`definition_breaks` marks the years from it)."""
    if checks is None or checks.empty:
        return {}
    # a date out of order says nothing of the figure's value
    named = checks[(checks["region"] == region)
                   & ~checks["check"].isin(["definition", *DATE_CHECKS])]  # fmt: skip
    out = {}
    for iid, years, kind in zip(named["indicator_id"], named["years"], named["check"],
                                strict=True):  # fmt: skip
        text = str(years)
        if text.isdigit() or kind == "no_majority":
            for y in check_years(text):
                out[(iid, y)] = kind
    return out


def definition_breaks(checks: pd.DataFrame | None, region: str = config.HOME_REGION) -> dict:
    """``{indicator id: first year}`` of the changes of definition :func:`check_table` finds
    in ``region``: a figure of the series from that year on may be of the other definition
    than the figures before it (a share of 35.6 on the old definition graded "achieved" on
    46.0, 47.5 of the new), so a page marks it "to verify" as it marks a figure that looks
    wrong. Figures of another definition only after the series' own name later years, so
    the series' figures stay unmarked."""
    if checks is None or checks.empty:
        return {}
    found = checks[(checks["region"] == region) & (checks["check"] == "definition")]
    out: dict = {}
    for iid, years in zip(found["indicator_id"], found["years"], strict=True):
        first = min(check_years(years))
        out[iid] = min(first, out.get(iid, first))
    return out


def check_years(years: object) -> list[int]:
    """The years a check's ``years`` cell names: "2024", "2021, 2022", and every year of a
    run "2021-2024" (a run holds the years of figures named one by one, ``_year_span``: its
    ends alone had left 2022 of 20, 22, 220, 240 unmarked and named 2023 twice)."""
    out: list[int] = []
    for part in str(years).split(","):
        ends = [int(y) for y in re.findall(r"\d{4}", part)]
        out += list(range(ends[0], ends[-1] + 1)) if len(ends) == 2 else ends
    return out


def _check(iid, region, years, value, kind, origin, message, zh: str = "") -> dict:
    """One check row; ``zh``: what looks wrong and what to do, in Chinese, after the figure
    (``detail_zh``: the Chinese line gave only the kind's generic words, no reference value
    and no fix)."""
    years = [int(y) for y in (years if isinstance(years, list | tuple) else [years])]
    return {"indicator_id": iid, "region": region, "years": _year_span(sorted(set(years))),
            "value": value, "check": kind, "origin": origin, "message": message,
            "detail_zh": zh}  # fmt: skip


def _year_span(years: list[int], lang: str | None = None) -> str:
    """``2024-2025`` for a run of years, ``2021, 2023`` for years with a gap, ``2024`` alone
    (a run's mark in ``lang``: :func:`labels.year_span`; the ASCII hyphen for data)."""
    return ("、" if lang == "zh" else ", ").join(year_runs(years, lang))


def _origins_of(rows: pd.DataFrame, most: int = 4) -> str:
    """Where figures came from, e.g. ``" (a.csv rows 4, 5)"``, when the loader recorded it:
    per file and sheet, up to ``most`` rows each, then how many more; else ``""``."""
    if "origin_file" not in rows.columns:
        return ""
    by_place: dict = {}
    for r in rows.sort_values("year").itertuples():
        if r.origin_file:
            by_place.setdefault((r.origin_file, r.origin_sheet), []).append(int(r.origin_row))
    parts = []
    for (file, sheet), found in by_place.items():
        found = sorted(found)
        shown = ", ".join(str(n) for n in found[:most])
        more = f" and {len(found) - most} more" if len(found) > most else ""
        where = describe_origin(file, sheet, found[0]).rsplit(" row ", 1)[0]
        parts.append(f"{where} row{'s' if len(found) > 1 else ''} {shown}{more}")
    return f" ({'; '.join(parts)})" if parts else ""


def _target_scale(targets: pd.DataFrame | None, iid: str) -> tuple[float, int, str] | None:
    """``(value, year, "target")`` of an indicator's last positive milestone, or None."""
    if targets is None or targets.empty:
        return None
    t = targets[targets["indicator_id"] == iid]
    values = pd.to_numeric(t["value"], errors="coerce")
    t = t[values > 0].assign(value=values[values > 0]).sort_values("year")
    if t.empty:
        return None
    return float(t["value"].iloc[-1]), int(t["year"].iloc[-1]), "target"


def _scale_breaks(iid, region, rows, base, hint, where) -> list[dict]:
    """Figures of one series that sit ``config.IMPLAUSIBLE_FACTOR`` times or more away from the
    rest: the figures are split into groups of one order of scale (a break wherever two
    neighbouring values, sorted, differ by the factor or more). The group holding the plan's
    own baseline is the right scale; without it, the group with the most figures; with two
    groups of equal size neither is blamed and both are named. Two figures are enough."""
    points = sorted([(float(r.value), r) for r in rows] + ([(base[0], None)] if base else []),
                    key=lambda p: p[0])  # fmt: skip
    if len(points) < 2:
        return []
    groups, current = [], [points[0]]
    for prev, point in zip(points[:-1], points[1:], strict=True):
        if point[0] / prev[0] >= config.IMPLAUSIBLE_FACTOR:
            groups.append(current)
            current = []
        current.append(point)
    groups.append(current)
    if len(groups) == 1:
        return []
    sizes = sorted((len(g) for g in groups), reverse=True)
    right = next((g for g in groups if any(r is None for _, r in g)), None)
    if right is None and sizes[0] > sizes[1]:
        right = max(groups, key=len)
    if right is None:
        named = sorted((p for p in points if p[1] is not None), key=lambda p: p[1].year)
        shown = ", ".join(f"{int(r.year)} = {v:g}" + (f" ({where(r)[:-2]})" if where(r) else "")
                          for v, r in named)  # fmt: skip
        origins = "; ".join(where(r)[:-2] for _, r in named if where(r))
        return [_check(iid, region, [r.year for _, r in named], None, "no_majority", origins,
                       f"{iid} ({region}): figures "
                       f"{max(p[0] for p in points) / min(p[0] for p in points):,.0f} "
                       f"times apart with no majority: {shown}; {hint}",
                       f"各数字相差{max(p[0] for p in points) / min(p[0] for p in points):,.0f}"
                       f"倍，且没有多数："
                       f"{'、'.join(f'{int(r.year)}年{v:g}' for v, r in named)}；"
                       f"{_HINTS_ZH.get(hint, hint)}")]  # fmt: skip
    if any(r is None for _, r in right):
        year = f"{int(base[1])} " if base[1] is not None and pd.notna(base[1]) else ""
        what = base[2] if len(base) > 2 else "baseline"
        reference, typical = f"the plan's {year}{what} {base[0]:g}", base[0]
        what_zh = "目标值" if what == "target" else "基数"
        reference_zh = f"方案{year.strip()}{'年' if year else ''}{what_zh}{base[0]:g}"
    else:
        typical = float(np.median([v for v, _ in right]))
        reference = f"a median of {typical:g} over its other years"
        reference_zh = f"其他年份数字的中位数{typical:g}"
    out = []
    for g in groups:
        if g is right:
            continue
        for v, r in sorted(g, key=lambda p: p[1].year):
            said = _hint_for(hint, v, typical, getattr(r, "note", ""), iid)
            kind = "fraction" if said.startswith("a fraction") else "scale"
            out.append(_check(iid, region, r.year, v, kind, where(r)[:-2], (
                f"{where(r)}{iid} ({region}) {int(r.year)} = {v:g} against {reference}; "
                f"{said}"),
                f"与{reference_zh}相差{config.IMPLAUSIBLE_FACTOR:g}倍以上："
                f"{_hint_for_zh(hint, v, typical, getattr(r, 'note', ''), iid)}"))  # fmt: skip
    return out


#: The hint for a figure ten times off that is no percentage typed as a fraction.
_SLIPPED = "a slipped digit or another unit?"

#: The Chinese of the hints :func:`check_table` gives a figure far off its series.
_HINTS_ZH = {
    "a fraction for a percentage (0.043 for 4.3 %)?": "百分比写成了小数（如把4.3%写成0.043）？",
    _SLIPPED: "位数或单位有误？",
}


#: What the loader notes of a figure it converted from its unit cell's unit (appended to the
#: note; merging files may join another file's note after it with "；").
_CONVERTED = re.compile(r"converted from (\S+) ([^\s;；]+)")


def _converted(note: object, iid: str, value: float) -> tuple[str, str, str] | None:
    """``(number as typed, its unit, the registry unit)`` of a figure the loader converted
    ("converted from 1420 万家" in its note), else None.

    The words are the loader's own only when they convert to ``value``: a source's note that
    says "converted from 2021 report" is no conversion, and one that says "converted from
    1420 万家" of another figure is not this one's. Another file's note may follow them
    ("converted from 1.42 万家；年报": merged copies of one figure).
    """
    lk = _registry_lookups()
    own = lk.units.get(iid, "")
    for found in _CONVERTED.finditer(note) if isinstance(note, str) and own else ():
        given = parse_unit(found.group(2))
        factor = conversion_factor(given, own) if given is not None else None
        try:
            typed = Decimal(found.group(1)) if factor is not None else None
        except ArithmeticError:
            continue
        if typed is not None and math.isclose(float(typed * factor), value, rel_tol=1e-9):
            return found.group(1), found.group(2), own
    return None


def _hint_for_zh(hint: str, value: float, typical: float, note: object = "", iid: str = "") -> str:
    """:func:`_hint_for` in Chinese."""
    if (
        hint.startswith("a fraction for a percentage")
        and 1 <= typical
        and _fraction_meant(value, typical)
    ):
        return f"百分比写成了小数（{value:g} 应为 {value * 100:g}%）？"
    if (typed := _converted(note, iid, value)) is not None:
        number, unit, own = typed
        return f"单位列为“{unit}”，已按{number}{unit}换算为{value:,.10g}{own}：单位是否填错？"
    return _HINTS_ZH[_SLIPPED] if hint.startswith("a fraction") else _HINTS_ZH.get(hint, hint)


def _hint_for(hint: str, value: float, typical: float, note: object = "", iid: str = "") -> str:
    """The likely slip for one figure: a percentage typed as a fraction names its own value
    ("0.372 for 37.2 %?"), not the generic example; a figure converted by its unit cell says
    so ("the unit cell says 万家: 1.42 万家 was read as 14,200 家": the statistician's review
    saw only "a slipped digit or another unit?"); other hints as given."""
    if (
        hint.startswith("a fraction for a percentage")
        and 1 <= typical
        and _fraction_meant(value, typical)
    ):
        return f"a fraction for a percentage ({value:g} for {value * 100:g} %)?"
    if (typed := _converted(note, iid, value)) is not None:
        number, unit, own = typed
        return (
            f"the unit cell says {unit}: {number} {unit} was read as {value:,.10g} {own}; "
            "a unit typed wrong?"
        )
    # a share far above its series, or no fraction of it, is no fraction typed (50 for 5 %
    # read "a fraction for a percentage (0.043 for 4.3 %)?")
    return _SLIPPED if hint.startswith("a fraction") else hint


def implausible(
    observations: pd.DataFrame, indicators: pd.DataFrame, targets: pd.DataFrame | None = None
) -> list[str]:
    """Figures that load but look wrong, one readable line each: the ``message`` column of
    :func:`check_table`, which says what is checked."""
    return list(check_table(observations, indicators, targets)["message"])


def check_table(
    observations: pd.DataFrame, indicators: pd.DataFrame, targets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Figures that load but look wrong, one row each (not errors: a real series can jump).
    They stay in every computation; the outputs list them so that a reader of a number
    built on one knows, and the next data request asks for it again. Checked on the figure
    each year counts (``config.SERIES_STATUS_PRIORITY``):

    * a cumulative count that falls from one year to the next;
    * a figure ``config.IMPLAUSIBLE_FACTOR`` times above or below the rest of its series (the same
      indicator and region, two figures or more; 0.043 among shares of 4.1-4.5 %: a fraction
      for a percentage; 1,234 between 85 and 90), judged against the plan's baseline where
      it has one, so three fractions typed after a correct baseline are the ones named
      (:func:`_scale_breaks`); a share or density with no baseline is judged against its
      target, so a lone 0.043 typed for a 4.3 % share whose target is 5 % is named too (it
      became the series' first figure without a word). Growth rates are left out: one
      typed as a fraction (0.105 for 10.5 %) is named where a hundred times it reads as the
      series' other figures or the plan's target of the growth do (:func:`_growth_fractions`);
    * a change of definition: figures of another definition inside or after the span of
      the series' own for the same indicator and region (a share 37.8 on the old definition
      and 41.2 on the new in 2023, the plan's 2020 baseline on the old; or a 2025 figure under
      the new definition only): the series then switches definition, and progress from the
      baseline compares the two (or the milestone's figure is not comparable);
    * a counted figure whose note says the definition changed ("新口径", "不可比":
      :data:`DEFINITION_NOTE`) without the status ``other-definition``;
    * a year after the plan's end and ``FAR_YEAR_GAP`` years or more after the figure before
      it (2032 typed for 2023: it would move the year the data run to, and every milestone),
      or, for Langfang, ``AHEAD_YEARS`` or more after the latest figure of every other
      indicator (2027 typed for 2024 after 2023);
    * a level (a stock, a density, a share, an amount whose target is its growth rate) that
      falls to under ``1 / STEEP_FALL_FACTOR`` of the figure before it (a share or an amount
      of money: ``1 / STEEP_FALL_FACTOR_AMOUNT``), up to ``STEEP_FALL_YEARS`` years earlier
      (10.5 typed for R&D spending of 65.5 亿元 the year before: its growth rate in percent,
      not the amount), rises to over ``STEEP_RISE_FACTOR`` times it, or rises and falls back
      (the figure in between is named: a spike; in a running total too), unless either
      figure is named by a check above; counts under ``SMALL_COUNT`` are left out
      (:func:`_steep_falls`);
    * a counted figure on the wrong side of a bound of its year (950 beside "1000余人"), or
      two bounds of a year that exclude each other (:func:`_bound_conflicts`).

    A figure whose note confirms it (:func:`is_confirmed`: "经核实无误", as the request
    workbooks ask a department to write of a red row that is right; in any row that gives
    the same figure) is named by no check, and taken for no spike.

    Parameters
    ----------
    observations : DataFrame
        :func:`load_observations` output (its origin columns name the place).
    indicators : DataFrame
        The registry (``indicator_id``, ``kind``, ``unit_en``).
    targets : DataFrame, optional
        The plan's milestones (``indicator_id, year, value``): the scale of a share or
        density without a baseline.

    Returns
    -------
    DataFrame
        :data:`CHECK_COLUMNS`: ``years`` the figure's year (or the years of a definition
        change, "2023-2024"), ``value`` the figure (empty for a check of several), ``check``
        one of :data:`CHECK_KINDS`, ``origin`` where it came from ("a.xlsx [征集 request] row
        7", empty when unknown), ``message`` the line ``validate`` and ``run`` print; then
        ``detail_zh``, what looks wrong and what to do in Chinese (the reference value, the
        words quoted, the fix), which ``views.check_lines`` says after the figure.
    """
    obs = best_figures(observations)
    if obs.empty:
        return pd.DataFrame(columns=[*CHECK_COLUMNS, "detail_zh"])
    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    has_origin = "origin_file" in obs.columns
    out = _definition_changes(observations, obs)

    def where(r) -> str:  # "file row 7: " where the row came from, when known
        return (
            f"{describe_origin(r.origin_file, r.origin_sheet, r.origin_row)}: "
            if has_origin
            else ""
        )

    # a figure confirmed in any row that gives it: a preliminary 95 noted 核实无误, then the
    # final 95 returned without a note, was named again (and a confirmed high figure,
    # judged on the final's note alone, was taken for a slip while the fall after it went
    # unnamed)
    best = {(r.indicator_id, r.region, int(r.year)): float(r.value) for r in obs.itertuples()}
    confirmed = {(r.indicator_id, r.region, int(r.year)) for r in observations.itertuples()
                 if is_confirmed(r.note)
                 and best.get((r.indicator_id, r.region, int(r.year))) == float(r.value)}  # fmt: skip
    home_latest = obs.loc[obs["region"] == config.HOME_REGION].groupby("indicator_id")["year"].max()
    for (iid, region), g in obs.groupby(["indicator_id", "region"], sort=True):
        if iid not in ind.index:
            continue
        if "y/y" in str(ind.loc[iid].get("unit_en", "")):
            out += _extreme_rates(iid, region, g.itertuples(index=False), where)
            continue
        rows = list(g.itertuples(index=False))
        if ind.loc[iid, "kind"] == "cumulative":
            for k, (a, b) in enumerate(zip(rows[:-1], rows[1:], strict=True)):
                z = rows[k - 1] if k else None
                small = str(ind.loc[iid].get("unit_zh", "")) in COUNT_UNITS and (
                    z is not None and z.value < SMALL_COUNT
                )  # 2, 7, 6: no slipped digit
                if (b.value < a.value and z is not None and 0 < z.value <= b.value
                        and a.value > STEEP_RISE_FACTOR * z.value and not small
                        and (iid, region, int(a.year)) not in confirmed):  # fmt: skip
                    # 150, 420, 6,800 (for 680), 950: the total that leaps and falls back
                    # is the slip, not the 950 that goes on from 420
                    out.append(_check(iid, region, a.year, float(a.value), "spike",
                                      where(a)[:-2], (
                        f"{where(a)}{iid} ({region}) {int(a.year)} = {a.value:g} is over "
                        f"{STEEP_RISE_FACTOR:g} times {z.value:g} in {int(z.year)} and the "
                        f"total falls back to {b.value:g} in {int(b.year)}: a slipped digit?"),
                        f"超过{int(z.year)}年{z.value:g}的{STEEP_RISE_FACTOR:g}倍，而累计数在"
                        f"{int(b.year)}年又回落到{b.value:g}：位数有误？"))  # fmt: skip
                elif b.value < a.value:
                    out.append(_check(iid, region, b.year, float(b.value), "cumulative_fall",
                                      where(b)[:-2], (
                        f"{where(b)}{iid} ({region}) {int(b.year)} = {b.value:g} is below "
                        f"{a.value:g} in {int(a.year)}; a cumulative count cannot fall"),
                        f"低于{int(a.year)}年的{a.value:g}：累计数不会下降"))  # fmt: skip
        hint = ("a fraction for a percentage (0.043 for 4.3 %)?" if g["unit"].iloc[0] == "%"
                else _SLIPPED)  # fmt: skip
        base = None
        if region == config.HOME_REGION and "baseline_value" in ind.columns:
            b = pd.to_numeric(pd.Series([ind.loc[iid, "baseline_value"]]), errors="coerce")[0]
            if np.isfinite(b) and b > 0:
                base = (float(b), ind.loc[iid].get("baseline_year"))
        # additions counted from 0 (cumulative, a yearly flow) can grow tenfold in their
        # second year (6, then 70): judged from three figures on
        scale = base
        if (
            base is None
            and region == config.HOME_REGION
            and ind.loc[iid, "kind"] in ("share", "density")
        ):  # a share or density 10 times off its target is no plan's ambition
            scale = _target_scale(targets, iid)
        if ind.loc[iid, "kind"] not in ("cumulative", "flow") or len(rows) >= 3:
            found = _scale_breaks(iid, region, [r for r in rows if r.value > 0], scale, hint,
                                  where)  # fmt: skip
            if ind.loc[iid, "kind"] == "cumulative":  # a running total starts small (6, 70,
                # 150: a service begun late in its first year); a low figure after a higher
                # one is a fall, which cumulative_fall names
                middle = float(np.median([r.value for r in rows]))
                found = [c for c in found if c["value"] is None or c["value"] > middle]
            said = {str(c["years"]) for c in out if c["indicator_id"] == iid
                    and c["region"] == region and c["check"] == "spike"}  # fmt: skip
            out += [c for c in found if str(c["years"]) not in said]  # one line per figure
        out += _zero_placeholders(iid, region, ind.loc[iid, "kind"], rows, base, where)
        out += _far_years(iid, region, rows, where)
        out += _far_back(iid, region, rows, where)
        out += _above_later(iid, region, ind.loc[iid], rows, base, where, out)
        if region == config.HOME_REGION:
            out += _ahead_of_the_rest(iid, rows, home_latest.drop(iid, errors="ignore"), out,
                                      where)  # fmt: skip
        # a figure already named (ten times off, a 0) is not blamed again, nor is the right
        # figure after it (1,350 after a slipped 14,000)
        named = {
            int(y)
            for c in out
            if c["indicator_id"] == iid and c["region"] == region
            for y in check_years(c["years"])
        }  # "2021, 2022" too
        unit = str(ind.loc[iid].get("unit_zh", ""))
        sure = {y for i, r, y in confirmed if i == iid and r == region}
        out += _steep_falls(iid, region, ind.loc[iid, "kind"], rows, where, named, base,
                            count=unit in COUNT_UNITS, money=unit in MONEY_UNITS,
                            confirmed=sure)  # fmt: skip
        if region == config.HOME_REGION and ind.loc[iid, "kind"] == "cumulative":
            out += _before_the_count(iid, region, ind.loc[iid].get("baseline_year"), rows, where)
    out += _definition_notes(observations, best, where)
    out += _part_year_notes(observations, best, where)
    out += _rate_mismatches(observations, obs, ind, out, where)
    out += _growth_fractions(observations, ind, targets, out, where)
    out += _published_out_of_order(observations, where)
    out += _published_early(observations, where)
    out += _bound_conflicts(observations, obs, where)
    out += _baseline_differs(obs, ind, where)
    out += _chain_mismatches(observations, obs, where)
    out += _unchained(observations, obs, where)
    out = [_unconfirmed(c, confirmed) for c in out]
    out = [c for c in out if c is not None]
    if has_origin:
        out = _in_file_order(out, observations)
    return pd.DataFrame(out, columns=[*CHECK_COLUMNS, "detail_zh"])


def _in_file_order(checks: list[dict], observations: pd.DataFrame) -> list[dict]:
    """``checks`` in the order a clerk correcting the files meets them: by file (in the
    order the files were read), then by row; checks of no one row (a definition change, a
    figure from several rows) after them, as they came (by indicator and region). They came
    by indicator and kind of check, so a file's red rows were scattered through the list
    (the session-33 list of what was left)."""
    place: dict[str, tuple[int, int, int]] = {}
    # the files in the order read (``attrs["rows_by_file"]``: the frame is sorted by figure);
    # a frame that lost its attrs (pandas drops them in some operations) takes its files by
    # name, as a folder of returns is read
    read = list(observations.attrs.get("rows_by_file", {}))
    read += sorted(set(map(str, observations["origin_file"])) - set(read))
    files = {f: k for k, f in enumerate(read)}
    for f, sheet, row in zip(observations["origin_file"], observations["origin_sheet"],
                             observations["origin_row"], strict=True):  # fmt: skip
        number = files[str(f)]
        if not pd.isna(row):
            place.setdefault(describe_origin(f, sheet, row), (0, number, int(row)))
    last = (1, 0, 0)
    keyed = sorted(enumerate(checks),
                   key=lambda item: (place.get(str(item[1]["origin"] or ""), last), item[0]))  # fmt: skip
    return [c for _, c in keyed]


def _unconfirmed(check: dict, confirmed: set) -> dict | None:
    """A check without the figures confirmed (None when it names only such figures): a
    check of one figure goes; figures far apart with no majority lose the confirmed years
    (54.03 and 612,000 亿元 both confirmed were marked and asked for again every round)."""
    # a change of definition is answered in its own function; a base-year figure that is
    # not the registry's baseline is answered only by re-basing one or the other (confirmed,
    # it was still set against the old baseline without a word: the statistician's review)
    if check["check"] in ("definition", "baseline_differs"):
        return check
    years = check_years(check["years"])
    left = [y for y in years if (check["indicator_id"], check["region"], y) not in confirmed]
    if not left:
        return None
    if len(left) < len(years):
        check = {**check, "years": _year_span(left)}
    return check


#: Words of a note that confirm a figure a check named ("经核实无误"): the department has
#: answered it, and the figure is no longer named (nor asked for again).
CONFIRMATION_WORDS = ("核实无误", "经核实", "已核实", "确认无误", "数据无误", "数字无误", "confirmed",
                      "verified")  # fmt: skip


#: Words of a note that says a figure's definition changed ("自2023年起按国家新口径统计，与以前
#:年度不可比"): given on a figure of a counted status, the figure entered the series and was
#: compared with the old definition's (15,000 tech SMEs after 9,500 read "achieved").
DEFINITION_NOTE = re.compile(
    r"新口径|口径(?:调整|变化|变动|改变|不同|不一致)|调整(?:了)?口径|不可比|new definition|"
    r"definition (?:change|changed)|changed (?:its )?definition|not comparable|break in (?:the )?series",
    flags=re.IGNORECASE,
)


#: A note that says the figures are comparable after all ("已按新口径追溯调整以前年度，数据可比");
#: "不完全可比", "不具可比性", "可比价", "not directly comparable", "incomparable" are no such word
#: (:func:`_says_comparable`).
COMPARABLE_NOTE = re.compile(r"可比(?!价)|\bcomparable\b", flags=re.IGNORECASE)
_NOT_COMPARABLE = re.compile(
    r"(?:不|无|非|难以|无法|不完全|不具|不具有|not|no longer|not directly|not fully|hardly|never)"
    r"\s*(?:\w+\s+)?$",
    flags=re.IGNORECASE,
)


def _says_comparable(note: str) -> bool:
    """Whether a note says its figure is comparable with the series, undenied."""
    return any(not _denied(note, m, _NOT_COMPARABLE, 14) for m in COMPARABLE_NOTE.finditer(note))


#: Words before a definition word that deny it ("无口径调整", "no definition change").
_NEGATION = re.compile(
    r"(?:无|没有|未|非|并非|不是|不存在|no|not(?: a| the)?|without|nor)\s*$", flags=re.IGNORECASE
)


def _denied(note: str, match: re.Match, words: re.Pattern = _NEGATION, width: int = 12) -> bool:
    """Whether ``match`` is denied by ``words`` ending within ``width`` characters before it
    ("无口径调整", "not directly comparable")."""
    return words.search(note[max(0, match.start() - width) : match.start()]) is not None


def _said_of_counted(observations: pd.DataFrame, counted: dict, fields: tuple[str, ...],
                     find, *, skip: tuple[str, ...]):  # fmt: skip
    """``(row, field, match)`` of each figure the series counts (``counted``: (indicator,
    region, year) → value; once per figure, at its first such row) whose text in one of
    ``fields`` holds what ``find(text, year)`` finds (a match, or None); rows of a status in
    ``skip`` are left out (the status that already says it)."""
    seen = set()
    present = [f for f in fields if f in observations.columns]
    for r in observations.itertuples():
        key = (r.indicator_id, r.region, int(r.year))
        if r.status in skip or counted.get(key) != float(r.value) or key in seen:
            continue
        for col in present:
            text = getattr(r, col)
            said = find(clean_text(text), int(r.year)) if isinstance(text, str) else None
            if said is not None:
                seen.add(key)
                yield r, col, said
                break


def _definition_said(note: str) -> re.Match | None:
    """A change of definition a note says (:data:`DEFINITION_NOTE`), undenied, in a note
    that does not also say the figures are comparable."""
    said = next((m for m in DEFINITION_NOTE.finditer(note) if not _denied(note, m)), None)
    return None if said is None or _says_comparable(note) else said


def _definition_notes(observations: pd.DataFrame, counted: dict, where) -> list[dict]:
    """Figures the series counts (``counted``: (indicator, region, year) → value) whose own
    note says the definition changed (any row giving the figure): they are compared with the
    old series unless given the status ``other-definition``."""
    return [_check(r.indicator_id, r.region, r.year, float(r.value), "definition_note",
                   where(r)[:-2], (
        f"{where(r)}{r.indicator_id} ({r.region}) {int(r.year)} = {r.value:g}: its note says "
        f"the definition changed ('{said.group(0)}') but the figure counts in the series and "
        "is compared with the figures before it; give it the status other-definition (口径不同) "
        "if it is not comparable, or write 经核实无误 in the note if it is"),
        f"备注称口径有变（“{said.group(0)}”），但该数字计入序列并与此前的数字相比：如不可比，请将"
        "状态设为“口径不同”；如可比，请在备注中写“经核实无误”")
        for r, _, said in _said_of_counted(observations, counted, ("note",),
                                            lambda note, _year: _definition_said(note),
                                            skip=("other-definition",
                                                  *config.CHAINED_STATUSES))]  # fmt: skip


#: Words of a source, note or quote that say a figure covers part of a year ("2023年上半年经济
#: 运行", "截至2023年6月底", "1-9月", "2023Q3"): marked final, a half-year 1,100 high-tech
#: firms after 1,258 read "2023 target missed" without a word. "截至12月底", "1-12月",
#: "前12个月", "每一季度" and "四季度" are no such words; a part of another year ("2024年3月底
#: 发布", when a figure was published; "~60 in 2012H1", a comparison) is none of this figure's
#: (:func:`_part_of_its_year`); a bare "6月底" says nothing (a quote's "比6月底增加120家"),
#: so a month-end needs 截至 or a year before it.
_MONTH = r"(?:1[01]|[1-9]|十一|十|[一二三四五六七八九])"  # January to November
PART_YEAR_NOTE = re.compile(
    r"(?:(?P<year>\d{4})\s*年?\s*第?\s*)?"  # the year it speaks of ("2012H1" of a 2022 figure
    r"(?:上半年|前三季度|(?<![每各])[一二三]季度|(?<![每各\d])[1-3]\s*季度|"
    r"(?<![A-Za-z])(?:Q[1-3]|H1)(?![A-Za-z\d]))|"
    rf"前{_MONTH}个月|"
    rf"截至\s*(?:(?P<upto>\d{{4}})\s*年\s*)?(?<![\d十]){_MONTH}\s*月|"
    rf"(?P<dated>\d{{4}})\s*年\s*(?<![\d十]){_MONTH}\s*月\s*(?:底|末)|"
    rf"(?<!\d)1\s*[-—–~至到]\s*{_MONTH}\s*月|"
    r"(?<![A-Za-z\d])(?:[1-3]Q|1H)(?P<yy>\d{2})?(?![A-Za-z\d])|"
    r"first half|first (?:three|nine|six) months|first (?:two|three) quarters|half[- ]year|"
    r"part[- ]year",
    flags=re.IGNORECASE,
)


#: "其中" (of which) just before a part of the year: a sub-figure of the year's, not it.
_OF_WHICH = re.compile(r"其中|of which", flags=re.IGNORECASE)


def _part_of_its_year(match: re.Match, year: int) -> bool:
    """Whether a :data:`PART_YEAR_NOTE` match speaks of ``year`` (the figure's): it names
    that year, or none."""
    said = match.group("year") or match.group("upto") or match.group("dated")
    if said is None and match.group("yy"):
        said = 2000 + int(match.group("yy"))  # "3Q23"
    return said is None or int(said) == year


#: Words of an estimate worked out for the whole year from part of it: such an estimate
#: naming months ("截至11月认定公示数推算") is no part-year figure.
EXTRAPOLATED = re.compile(r"推算|测算|估算|预计|预测|extrapolat|projected|estimated", re.IGNORECASE)


def _part_year_notes(observations: pd.DataFrame, counted: dict, where) -> list[dict]:
    """Figures the series counts (``counted``: (indicator, region, year) → value) whose
    source, note or quote says they cover part of a year (:data:`PART_YEAR_NOTE`, not
    denied: "非上半年数"): a part-year figure counted as the year's turned a milestone to
    "missed". The status ``part-year`` keeps it out of the series; 经核实无误 in the note
    says it is the year's figure. An estimate worked out from the months so far
    (:data:`EXTRAPOLATED`) is the year's figure by its status, and is not named."""

    def find(text: str, year: int) -> re.Match | None:
        # "新增4家，其中一季度新增1家": a part of the year's figure, said in passing
        return next((m for m in PART_YEAR_NOTE.finditer(text) if not _denied(text, m)
                     and not _denied(text, m, _OF_WHICH, 6)
                     and _part_of_its_year(m, year)), None)  # fmt: skip

    # a year-end estimate worked out from the months so far ("截至11月认定公示数推算") is the
    # year's figure by nature: its status says so (the e2e review: both fixes the check
    # asked for were wrong for it)
    text = observations[["source", "note", "quote"]].fillna("").astype(str).agg(" ".join, axis=1)
    extrapolated = observations["status"].eq("estimate") & text.str.contains(EXTRAPOLATED)
    observations = observations[~extrapolated]
    return [_check(r.indicator_id, r.region, r.year, float(r.value), "part_year_note",
                   where(r)[:-2], (
        f"{where(r)}{r.indicator_id} ({r.region}) {int(r.year)} = {r.value:g}: its {col} says "
        f"part of a year ('{said.group(0)}') but the figure counts as the year's; give it the "
        "status part-year (非全年) if it covers part of the year, or write 经核实无误 in the "
        "note if it is the whole year's"),
        f"{_COLUMN_NAMES_ZH.get(col, col)}称只是部分年度（“{said.group(0)}”），却按全年数计入序列：如只"
        "涵盖部分年度，请将状态设为“非全年”；如是全年数，请在备注中写“经核实无误”")
        for r, col, said in _said_of_counted(observations, counted, ("source", "note", "quote"),
                                              find, skip=("part-year",))]  # fmt: skip


def _before_the_count(iid, region, baseline_year, rows, where) -> list[dict]:
    """Figures of a running total (``kind`` cumulative) of the home region dated before the
    year it counts from (``baseline_year``, else the plan's base year): "400 firms added
    since end-2020" has no 2018 figure, yet 2018 and 2019 entered its series (2023 typed as
    2018?)."""
    start = pd.to_numeric(pd.Series([baseline_year]), errors="coerce")[0]
    start = int(start) if np.isfinite(start) else config.PLAN_BASE_YEAR
    return [_check(iid, region, r.year, float(r.value), "before_count", where(r)[:-2], (
            f"{where(r)}{iid} ({region}) {int(r.year)} = {r.value:g} is dated before {start}, "
            f"the year this running total counts from (the figure at the end of {start} is 0 "
            "by definition): a typo for another year?"),
            f"早于该累计数的起算年份{start}年（{start}年末按定义为0）：年份写错了？")
            for r in rows if int(r.year) < start]  # fmt: skip


_CONFIRMATION = re.compile("|".join(map(re.escape, CONFIRMATION_WORDS)), flags=re.IGNORECASE)
#: Words just before a confirmation that deny it: "未经核实" holds 经核实, "unconfirmed" and
#: "not verified" hold confirmed and verified (a note saying the figure was NOT checked let
#: 14,200,000 firms through the scale refusal: the diff review).
_NOT_CONFIRMED = re.compile(r"(?:未|没有|不|待|无法|是否|un|(?:not|never)(?:\s+\w+)?\s+)$",
                            flags=re.IGNORECASE)  # fmt: skip


def is_confirmed(note: object) -> bool:
    """Whether a figure's note confirms it (:data:`CONFIRMATION_WORDS`, not denied by the
    words before it: "未经核实", "unconfirmed", "not yet verified")."""
    text = clean_text(note).casefold() if isinstance(note, str) else ""
    return any(not _NOT_CONFIRMED.search(text[max(0, m.start() - 12) : m.start()])
               for m in _CONFIRMATION.finditer(text))  # fmt: skip


#: A level that falls to under 1/STEEP_FALL_FACTOR of the figure before it, within
#: STEEP_FALL_YEARS years, is flagged: a growth rate, a part-year figure or another unit
#: typed for the amount (10.5 after 65.5 亿元 read as R&D spending and turned the 2025
#: target "missed"; 2024 not returned, it came after 62.0 in 2023).
STEEP_FALL_FACTOR = 3.0
STEEP_FALL_YEARS = 3
#: A share or an amount of money (亿元) that falls to under half the figure before it is
#: flagged: R&D spending's growth rate (21.6) typed after 54.03 亿元, a half-year GDP, a share
#: of 37.8 followed by another indicator's 13.1 all passed the factor of three.
STEEP_FALL_FACTOR_AMOUNT = 2.0
#: A level over this many times the figure before it (within ``STEEP_FALL_YEARS``) is flagged:
#: 9,800 high-tech firms after 1,258 (the tech-SME count typed in) read "achieved" unmarked.
STEEP_RISE_FACTOR = 3.0
#: Counts (firms, people, items) whose larger figure is under this move by a handful from
#: year to year: 4 firms, then 1, or 1, 5, 1 clinics, are no slipped digit or growth rate
#: (a false alarm marked them "to verify"); a digit slipped in them is ten times off, which
#: the scale check names.
SMALL_COUNT = 10
#: Registry units of counts (件/万人 is a density, 亿元 an amount: small values are usual).
COUNT_UNITS = ("家", "个", "人", "项", "件")
#: Registry units of amounts of money.
MONEY_UNITS = ("亿元", "万元", "元")


def _steep_falls(
    iid,
    region,
    kind,
    rows,
    where,
    named=frozenset(),
    base=None,
    *,
    count=False,
    money=False,
    confirmed=frozenset(),
) -> list[dict]:
    """Levels that move too far in a year or three for a clerk's figure to be right.

    * A level under 1/:data:`STEEP_FALL_FACTOR` of the figure before it, at most
      ``STEEP_FALL_YEARS`` years earlier (a growth rate, a part-year figure or another unit
      typed for the level: 10.5 after 65.5 亿元); a share or an amount of money
      (``money``) under 1/:data:`STEEP_FALL_FACTOR_AMOUNT` (21.6, R&D spending's growth
      rate, after 54.03 亿元; a share of 37.8 followed by 13.1, another indicator's rate).
    * A level over :data:`STEEP_RISE_FACTOR` times the figure before it (``steep_rise``):
      9,800 firms after 1,258, another indicator's count typed in. It decided the milestone
      ("achieved") unmarked while a fall of the same size was named.
    * A figure that rose so and fell back (or from the plan's ``base``, ``(value, year)``,
      when no figure comes before) is the one blamed (``spike``): of 905, 10,500, 1,258 it
      is 10,500 that is off (a digit too many), not the 1,258 that returns to the series'
      course; a rise and a fall by the factor of the fall (54.03, 120, 58 亿元 names the 120,
      not the 58). A figure its department has confirmed (``confirmed``: its years, in any
      row that gives it) is no spike: the fall after it is the doubt. A figure that returns
      from one named (10.5 typed for 65.5 亿元, then 65) is not named again.

    Additions (cumulative, a yearly flow) are left out: a yearly flow can halve and halve
    again. Pairs with a figure in ``named`` (years another check has named already) are
    skipped. A ``count`` (firms, people) is left out where the smaller figure of a rise or
    the larger of a fall is under :data:`SMALL_COUNT` (4 firms, then 1; 1 clinic, then 10)."""
    if kind not in ("stock", "density", "growth_rate", "share"):
        return []
    fall = STEEP_FALL_FACTOR_AMOUNT if (money or kind == "share") else STEEP_FALL_FACTOR
    ordered = sorted(rows, key=lambda r: r.year)
    before = [(float(base[0]), int(base[1]))] if base and pd.notna(base[1]) else []
    points = [(float(r.value), int(r.year)) for r in ordered]
    points = [p for p in before if not points or p[1] < points[0][1]] + points
    prior = {y: (v, py) for (v, py), (_, y) in zip(points[:-1], points[1:], strict=True)}
    close = {int(b.year) for a, b in zip(ordered[:-1], ordered[1:], strict=True)
             if int(b.year) - int(a.year) <= STEEP_FALL_YEARS}  # fmt: skip

    def falls(a, b) -> bool:  # b under 1/fall of a, a not a small count
        return 0 < b.value * fall < a.value and not (count and a.value < SMALL_COUNT)

    def rises(lo_value: float, hi_value: float, factor: float = STEEP_RISE_FACTOR) -> bool:
        return 0 < lo_value * factor < hi_value and not (count and lo_value < SMALL_COUNT)

    out, fell = [], set()
    for k, (a, b) in enumerate(zip(ordered[:-1], ordered[1:], strict=True)):
        ya, yb = int(a.year), int(b.year)
        if yb - ya > STEEP_FALL_YEARS or {ya, yb} & (set(named) | fell):
            continue
        if falls(a, b):
            z = prior.get(ya)
            if (z and ya - z[1] <= STEEP_FALL_YEARS and rises(z[0], a.value, fall)
                    and ya not in confirmed):  # fmt: skip
                out.append(_check(iid, region, ya, float(a.value), "spike", where(a)[:-2], (
                    f"{where(a)}{iid} ({region}) {ya} = {a.value:g} is over "
                    f"{fall:g} times both {z[0]:g} in {z[1]} and {b.value:g} in "
                    f"{yb}: a slipped digit, another unit or a figure of another indicator?"),
                    f"是{z[1]}年{z[0]:g}和{yb}年{b.value:g}的{fall:g}倍以上：位数、单位有误，还是"
                    "别的指标的数字？"))  # fmt: skip
                continue
            fell.add(yb)
            out.append(_check(iid, region, yb, float(b.value), "steep_fall", where(b)[:-2], (
                f"{where(b)}{iid} ({region}) {yb} = {b.value:g} is under "
                f"{'half' if fall == 2 else 'a third'} of {a.value:g} in {ya}: a growth rate, "
                "a part-year figure or another unit typed for the year's level?"),
                f"不到{ya}年{a.value:g}的{'一半' if fall == 2 else '三分之一'}：是否把增速、非全年"
                "数字或其他单位的数字当作全年水平填入？"))  # fmt: skip
        elif rises(a.value, b.value):
            c = ordered[k + 2] if k + 2 < len(ordered) else None
            if c is not None and int(c.year) in close and falls(b, c):
                continue  # it falls back: the spike rule names it at the next pair
            out.append(_check(iid, region, yb, float(b.value), "steep_rise", where(b)[:-2], (
                f"{where(b)}{iid} ({region}) {yb} = {b.value:g} is over "
                f"{STEEP_RISE_FACTOR:g} times {a.value:g} in {ya}: a figure of another "
                "indicator or region, another unit or a slipped digit?"),
                f"是{ya}年{a.value:g}的{STEEP_RISE_FACTOR:g}倍以上：是否为其他指标或地区的数字、"
                "其他单位，或位数有误？"))  # fmt: skip
    return out


#: A home figure later than the year after the plan's end and this many years or more after
#: the latest figure of every other indicator (and of its own before) is flagged: 2027 typed
#: for 2024, after 2023 in its own series (too close for ``FAR_YEAR_GAP``), re-dated the
#: report to 2027 and left 21 of 22 milestones without a figure.
AHEAD_YEARS = 2


def _ahead_of_the_rest(iid, rows, others: pd.Series, found: list[dict], where) -> list[dict]:
    """Home figures after the year after the plan's end (a 2026 figure is the first
    department's return of the year, or a series published every other year) that run
    ``AHEAD_YEARS`` or more ahead of every other indicator's latest figure (``others``:
    latest year by indicator) and of their own series' figure before, unless a check in
    ``found`` names them already."""
    if others.empty:
        return []
    rest = int(others.max())
    named = {(c["indicator_id"], str(c["years"])) for c in found if c["check"] == "far_year"}
    years = sorted(int(r.year) for r in rows)
    before = dict(zip(years[1:], years[:-1], strict=True))  # each figure's own year before
    return [_check(iid, config.HOME_REGION, r.year, float(r.value), "far_year", where(r)[:-2], (
            f"{where(r)}{iid} ({config.HOME_REGION}) {int(r.year)} = {r.value:g} is "
            f"{int(r.year) - rest} years after the latest figure of any other indicator "
            f"({rest}) and after the plan's end ({config.PLAN_END_YEAR}): a typo for another "
            f"year? (it would make {int(r.year)} the year the data run to)"),
            f"比其他任何指标的最新数字（{rest}年）晚{int(r.year) - rest}年，且在方案期末"
            f"（{config.PLAN_END_YEAR}年）之后：年份写错了？（它会使数据截至年份变为"
            f"{int(r.year)}年）")
            for r in rows
            if int(r.year) > config.PLAN_END_YEAR + 1 and int(r.year) - rest >= AHEAD_YEARS
            # a series that goes on year by year (2024, 2025, 2026) is ahead, not mistyped
            and int(r.year) - before.get(int(r.year), config.PLAN_BASE_YEAR) >= AHEAD_YEARS
            and (iid, str(int(r.year))) not in named]  # fmt: skip


#: A figure this many years or more after the one before it in its series, and after the
#: plan's end, is flagged: 2032 typed for 2023 moved the year the data run to, and with it
#: every milestone, to "no figure".
FAR_YEAR_GAP = 5


def _far_years(iid, region, rows, where) -> list[dict]:
    """Figures dated after the plan's end and far after the rest of their series (the plan's
    base year when nothing comes before)."""
    out, previous = [], None
    for r in sorted(rows, key=lambda r: r.year):
        year = int(r.year)
        before = (f"the figure before it ({previous})" if previous is not None
                  else f"the plan's base year ({config.PLAN_BASE_YEAR})")  # fmt: skip
        before_zh = (f"前一个数字（{previous}年）" if previous is not None
                     else f"方案基期（{config.PLAN_BASE_YEAR}年）")  # fmt: skip
        gap = year - (previous if previous is not None else config.PLAN_BASE_YEAR)
        if year > config.PLAN_END_YEAR + 1 and gap >= FAR_YEAR_GAP:
            dated = (f" (it would make {year} the year the data run to)"
                     if region == config.HOME_REGION else "")  # fmt: skip
            dated_zh = f"（它会使数据截至年份变为{year}年）" if dated else ""
            out.append(_check(iid, region, year, float(r.value), "far_year", where(r)[:-2], (
                f"{where(r)}{iid} ({region}) {year} = {r.value:g} is {gap} years after "
                f"{before} and after the plan's end ({config.PLAN_END_YEAR}): a typo for "
                f"another year?{dated}"),
                f"比{before_zh}晚{gap}年，且在方案期末（{config.PLAN_END_YEAR}年）之后：年份写错了？"
                f"{dated_zh}"))  # fmt: skip
        previous = year
    return out


#: A Langfang figure before the plan's base year this many years or more from the rest of
#: its series on both sides (the plan's base year when nothing follows) is named: 1950
#: typed for 2019 or 2020 entered the series and moved the 2025 forecast without a word
#: (the hostile-input review). Yearbook series with a figure every five or ten years stay
#: clear of it.
FAR_BACK_GAP = 15


def _above_later(iid, region, ind, rows, base, where, said) -> list[dict]:
    """Langfang figures of a rising stock or density dated before the plan's baseline year
    yet above its baseline and every later figure: 1,420 high-tech firms typed as 2013 for
    2023 entered the series, made the plan's 905 of 2020 read as a 36 % fall and moved both
    milestones' probabilities, with no word (the statistician's review: the far-back check
    needs 15 years). A figure another check names already is left to it."""
    if (region != config.HOME_REGION or base is None or pd.isna(base[1])
            or ind.get("kind") not in ("stock", "density")
            or ind.get("direction", "increase") != "increase"):  # fmt: skip
        return []
    start = int(base[1])
    named = {int(y) for c in said if c["indicator_id"] == iid and c["region"] == region
             for y in check_years(c["years"])}  # fmt: skip
    later = [(int(r.year), float(r.value)) for r in rows if int(r.year) > start]
    top = max([base[0], *(v for _, v in later)])
    out = []
    for r in rows:
        year = int(r.year)
        if year >= start or year in named or not float(r.value) > top:
            continue
        shown = "、".join(f"{y}年{v:g}" for y, v in [(start, base[0]), *later])
        shown_en = ", ".join(f"{v:g} in {y}" for y, v in [(start, base[0]), *later])
        out.append(_check(iid, region, year, float(r.value), "above_later", where(r)[:-2], (
            f"{where(r)}{iid} ({region}) {year} = {r.value:g} is before the plan's baseline "
            f"year yet above every later figure ({shown_en}) of an indicator meant to rise: "
            "a typo for a later year? (it enters the series the forecast reads)"),
            f"早于方案基期，却高于此后的每一个数字（{shown}），而该指标应当上升：年份写错了"
            "（应为更晚的年份）？（它会进入预测所用的序列）"))  # fmt: skip
    return out


def _far_back(iid, region, rows, where) -> list[dict]:
    """Langfang figures dated before the plan's base year and far from the rest of their
    series on both sides: ``FAR_BACK_GAP`` years or more after the figure before (if any)
    and before the next (the plan's base year when none follows). A yearbook history
    (1990, 1995, 2000) is a series of its own, not a typo (the diff review: the last
    figure of such a history was named); other regions' histories are not the returns."""
    if region != config.HOME_REGION:
        return []
    out = []
    years = sorted(int(r.year) for r in rows)
    for r in rows:
        year = int(r.year)
        after = [y for y in years if y > year]
        before = [y for y in years if y < year]
        nxt = after[0] if after else config.PLAN_BASE_YEAR
        gap = nxt - year
        alone = not before or year - before[-1] >= FAR_BACK_GAP
        if year >= config.PLAN_BASE_YEAR or gap < FAR_BACK_GAP or not alone:
            continue
        following = (f"the figure after it ({nxt})" if after
                     else f"the plan's base year ({config.PLAN_BASE_YEAR})")  # fmt: skip
        following_zh = (
            f"后一个数字（{nxt}年）" if after else f"方案基期（{config.PLAN_BASE_YEAR}年）"
        )
        out.append(_check(iid, region, year, float(r.value), "far_back", where(r)[:-2], (
            f"{where(r)}{iid} ({region}) {year} = {r.value:g} is {gap} years before "
            f"{following}: a typo for another year? (it enters the series the forecast reads)"),
            f"比{following_zh}早{gap}年：年份写错了？（它会进入预测所用的序列）"))  # fmt: skip
    return out


#: Percentage points by which the growth a level shows over the year before may differ from
#: the growth reported for that year before the level is named. The reported rate is taken
#: on the year before's level as revised, so the two part by about the revision: China's R&D
#: spending moved under 1 % from preliminary to final (10,240 → 10,298.4 亿元 for 2012,
#: 27,864 → 27,956.3 for 2021, in data/raw), so 3 points leave room for three such
#: revisions and still catch a level typed with a slipped digit (95.4 for 59.4: +77 %
#: against a reported +10 %), which no other check sees below three times the figure before.
#: The link must join a level to its growth on the same basis (current prices for R&D
#: spending): a growth at comparable prices (可比价, GDP's) parts from its level's nominal
#: change by the price change, routinely more than 3 points.
RATE_TOLERANCE = 3.0


def _rate_mismatches(observations, best, ind, found, where) -> list[dict]:
    """Levels whose change disagrees with the growth reported for their years (the
    registry's ``rate_of`` links the two) by over ``RATE_TOLERANCE`` points a year: one of
    the figures is wrong. A level is read against the year before's; when that one is named
    already (95.4 亿元 typed for 59.4), against the last level not named, compounded by the
    growth reported for each year between (101 in 2023 after a named 95.4 read +5.9 %
    against a reported 6 %, and "on track, hold the level" rested on it, while 54.03 grown
    by the 10 % and 6 % reported is 63: the end-to-end review). A bound disagrees only
    beyond its side ("at least 10 %" against +5 %) and is read year to year only; an
    estimate made before the year closed ("预计增长10%以上") is no evidence against the
    year's figure; a level or rate another check names already is not named again."""
    links = registry.rate_links(ind.reset_index())
    if not links:
        return []
    given = observations[observations["indicator_id"].isin(list(links))]
    # an estimate made before the year closed is no evidence, nor may it hide a figure that
    # is (an estimate of 10 % outranked a plain "at least 10 %" and the year went unread)
    given = given.loc[np.array([not is_estimate(r) for r in given.to_dict("records")], dtype=bool)]
    rates = best_rates(given).sort_values(["indicator_id", "region", "year"], kind="mergesort")
    said_by = {(r["indicator_id"], r["region"], int(r["year"])): r
               for r in rates.to_dict("records")}  # fmt: skip
    levels = {(r.indicator_id, r.region, int(r.year)): r for r in best.itertuples()}
    named = {(c["indicator_id"], c["region"], y) for c in found for y in check_years(c["years"])}
    out = []
    for f in rates.to_dict("records"):
        rate_id, region, year = f["indicator_id"], f["region"], int(f["year"])
        level_id = links[rate_id]
        now = levels.get((level_id, region, year))
        if now is None or now.status == "estimate":  # a level estimated, not yet counted
            continue
        # a level or rate another check names already (a rate of 100 % is named as such;
        # the right level beside it is not to be blamed)
        if {(level_id, region, year), (rate_id, region, year)} & named:
            continue
        base, growth = _rate_base(level_id, rate_id, region, year, f, levels, said_by, named)
        if base is None:
            continue
        n = year - int(base.year)
        shown = 100 * ((float(now.value) / float(base.value)) ** (1 / n) - 1)
        said = float(f["value"]) if n == 1 else 100 * (growth ** (1 / n) - 1)
        low = f["status"] != "upper-bound" and shown < said - RATE_TOLERANCE
        high = f["status"] != "lower-bound" and shown > said + RATE_TOLERANCE
        if not (low or high):
            continue
        if _rate_as_fraction(f, n, shown, said):  # 0.101 typed for 10.1 %: the rate is
            # wrong, not the level (one of three figures was all it said: the statistician's
            # review)
            named.add((rate_id, region, year))
            out.append(_fraction_rate_check(f, now, base, shown, ind, where))
            continue
        named.add((level_id, region, year))  # the next year reads past it
        out.append(_rate_check(f, now, base, shown, said, level_id, ind, where))
    return out


def _rate_as_fraction(rate: dict, n: int, shown: float, said: float) -> bool:
    """Whether a year's growth figure is its level's change written as a fraction: a plain
    figure (not a bound) under 1 in size whose hundredfold matches the level's change from
    the year before to within a tenth of ``RATE_TOLERANCE`` (0.101 beside 65.2 → 71.8)."""
    return (n == 1 and rate["status"] in config.SERIES_STATUS_PRIORITY and 0 < abs(said) < 1
            and abs(100 * said - shown) <= RATE_TOLERANCE / 10)  # fmt: skip


def _fraction_rate_check(rate: dict, now, base, shown: float, ind, where) -> dict:
    """The ``fraction`` row of a growth figure written as a fraction (:func:`_rate_as_fraction`):
    the rate is named, with the percent it stands for."""
    r = SimpleNamespace(**rate)
    rate_id, region, year = r.indicator_id, r.region, int(r.year)
    meant = f"{100 * float(r.value):.4g}"
    unit = str(ind.loc[now.indicator_id].get("unit_zh", "") or "")
    return _check(rate_id, region, year, float(r.value), "fraction", where(r)[:-2], (
        f"{where(r)}{rate_id} ({region}) {year} = {float(r.value):g} is the change of "
        f"{now.indicator_id} from {base.value:g} to {now.value:g} ({shown:+.1f} %) written as a "
        f"fraction: write {meant} (the growth in percent)"),
        f"恰是{int(base.year)}年{base.value:g}{unit}到{year}年{now.value:g}{unit}的变化"
        f"（{shown:+.1f}%）写成了小数：应为 {meant}（增速以百分数填写）")  # fmt: skip


#: The most years a level is read back to the last level not named (compounding the growth
#: reported for each year between).
_RATE_CHAIN_YEARS = 5


def _rate_base(level_id, rate_id, region, year, rate, levels, said_by, named):
    """The level a year's figure is read against, and the growth factor reported since it:
    the year before's (factor unused) if it is not named, else the last level not named
    whose every year since has a plain growth figure (not a bound) that is not named
    either; ``(None, None)`` when there is none."""
    before = levels.get((level_id, region, year - 1))
    if before is not None and (level_id, region, year - 1) not in named:
        ok = before.value > 0 and before.status != "estimate"
        return (before, None) if ok else (None, None)
    if rate["status"] not in config.SERIES_STATUS_PRIORITY:
        return None, None
    growth = 1 + float(rate["value"]) / 100
    for k in range(year - 1, year - 1 - _RATE_CHAIN_YEARS, -1):
        between = said_by.get((rate_id, region, k))
        if between is None or between["status"] not in config.SERIES_STATUS_PRIORITY:
            return None, None
        if (rate_id, region, k) in named:
            return None, None
        growth *= 1 + float(between["value"]) / 100
        base = levels.get((level_id, region, k - 1))
        if base is not None and (level_id, region, k - 1) not in named:
            ok = base.value > 0 and base.status != "estimate" and growth > 0
            return (base, growth) if ok else (None, None)
    return None, None


def _rate_check(rate, now, base, shown, said, level_id, ind, where) -> dict:
    """The ``rate_mismatch`` row of a level read against ``base`` (the year before, or the
    last level not named, a few years back)."""
    rate_id, region, year, first = (
        rate["indicator_id"],
        rate["region"],
        int(now.year),
        int(base.year),
    )
    side, side_zh = {"lower-bound": ("at least ", "以上"), "upper-bound": ("at most ", "以内")
                     }.get(rate["status"], ("", ""))  # fmt: skip
    unit = str(ind.loc[level_id].get("unit_zh", "") or "")
    unit_en = str(ind.loc[level_id].get("unit_en", "") or "")
    rate_zh = ind.loc[rate_id].get("name_zh", rate_id)
    # the rate's place is said in the English line only: the Chinese one goes into the red
    # row of a request sent to a department, which carried the statistician's own folder
    at = ""
    if pd.notna(rate.get("origin_file")) and pd.notna(rate.get("origin_row")):
        place = (rate["origin_file"], rate.get("origin_sheet") or "", rate["origin_row"])
        at = f", {describe_origin(*place)}"
    fix = "correct the wrong one, or write 核实无误 (confirmed) in the level's note"
    fix_zh = "请更正有误的数字，数字无误的请在该数字的备注中注明“核实无误”"
    if year - first == 1:
        message = (
            f"{where(now)}{level_id} ({region}) {year} = {now.value:g} {unit_en} is "
            f"{shown:+.1f} % on {base.value:g} in {first}, but the growth reported for {year} "
            f"({rate_id}{at}) is {side}{said:g} %: one of the three figures is wrong (a "
            f"slipped digit, another year's figure, a revised base?); {fix}"
        )
        zh = (
            f"比{first}年的{base.value:g}{unit}变化{shown:+.1f}%，而同年报告的增速为{said:g}%"
            f"{side_zh}（{rate_zh}）：三个数字中有一个有误（位数、年份或基数修订？）；{fix_zh}"
        )
    else:
        span = f"{first + 1}-{year}"
        message = (
            f"{where(now)}{level_id} ({region}) {year} = {now.value:g} {unit_en} is "
            f"{shown:+.1f} % a year on {base.value:g} in {first} (the figures between are to "
            f"verify), but the growth reported for {span} ({rate_id}) averages {said:+.1f} % "
            f"a year: one of the figures is wrong; {fix}"
        )
        zh = (
            f"比{first}年的{base.value:g}{unit}年均变化{shown:+.1f}%（其间的数字待核实），而"
            f"{first + 1}—{year}年报告的增速（{rate_zh}）年均{said:+.1f}%：其中有数字有误；{fix_zh}"
        )
    return _check(level_id, region, year, float(now.value), "rate_mismatch", where(now)[:-2],
                  message, zh)  # fmt: skip


def _growth_fractions(observations, ind, targets, found, where) -> list[dict]:
    """Growth figures in percent (``% y/y``) typed as fractions: 0.105 for R&D spending
    growth of 10.5 % went into the page as "2023年0.105%（低于要求的年均10%）" without a word
    (the hostile-input review), where a share so typed is refused.

    A growth rate may be small by right (0.5 %), so its size alone says nothing: a figure
    is named when it is under 1 in size and a hundred times it reads as its neighbours do
    (within :data:`FRACTION_NEAR` times of their typical size): the median size of the
    series' other figures of 1 or more (the same indicator and region, any status, bounds
    too), else, for the plan's own region, the plan's target of the growth (its own, or
    that of the amount it is the growth of, a target of yearly growth: R&D spending's 10 %
    a year). The figure each year is read from (:func:`best_rates`: a bound where there is
    no figure) is judged; one another check names already (the level's change read as a
    fraction, :func:`_fraction_rate_check`, says more) or whose note confirms it is not."""
    rates_of = registry.rate_links(ind.reset_index())
    growth = [i for i in ind.index if "y/y" in str(ind.loc[i].get("unit_en", ""))]
    given = observations[observations["indicator_id"].isin(growth)]
    if given.empty:
        return []
    given = given.assign(_size=pd.to_numeric(given["value"], errors="coerce").abs())
    named = {(c["indicator_id"], c["region"], y) for c in found for y in check_years(c["years"])}
    out = []
    for f in best_rates(given).to_dict("records"):
        iid, region, year, value = f["indicator_id"], f["region"], int(f["year"]), float(f["value"])
        if not 0 < abs(value) < 1 or (iid, region, year) in named or is_confirmed(f.get("note")):
            continue
        others = given[(given["indicator_id"] == iid) & (given["region"] == region)
                       & (given["_size"] >= 1)]  # fmt: skip
        if not others.empty:
            typical = float(others["_size"].median())
            reference, reference_zh = _neighbours_named(others)
        elif region == config.HOME_REGION and (
            aim := _growth_target(iid, rates_of.get(iid), ind, targets)
        ):
            typical, aim_year, of = aim
            reference = f"the plan's target of {typical:g} % a year for {of} ({aim_year})"
            reference_zh = (
                f"方案目标（{ind.loc[of].get('name_zh', of)}{aim_year}年年均增长{typical:g}%）"
            )
        else:
            continue
        if typical < 1 or not _fraction_meant(abs(value), typical):
            continue
        row, meant, ratio = SimpleNamespace(**f), f"{value * 100:.4g}", typical / abs(value)
        out.append(_check(iid, region, year, value, "fraction", where(row)[:-2], (
            f"{where(row)}{iid} ({region}) {year} = {value:g} % is 1/{ratio:,.0f} the size of "
            f"{reference}: a "
            f"fraction for a percentage ({value:g} for {meant} %)? A growth rate is written in "
            f"percent ({meant} for a growth of {meant} %); correct it, or write 核实无误 "
            f"(confirmed) in its note if the growth is {value:g} %"),
            f"只有{reference_zh}的{ratio:,.0f}分之一：百分比写成了小数（{value:g} 应为 {meant}%）？增速应以百分数"
            f"填写（增速{meant}%填{meant}）；请更正，如增速确为{value:g}%，请在备注中注明"
            "“核实无误”"))  # fmt: skip
    return out


def _neighbours_named(rows: pd.DataFrame, most: int = 4) -> tuple[str, str]:
    """The growth figures a figure is set against, the latest ``most`` and the median of
    their sizes when there are several, in English and Chinese: "the series' other figures
    (2021: 13.1, 2022: at least 10; median size 11.55)"."""
    shown = rows.sort_values(["year", "status"], kind="mergesort").tail(most)
    more_en, more_zh = ("…, ", "…、") if len(rows) > len(shown) else ("", "")
    sides = {"lower-bound": ("at least ", "以上"), "upper-bound": ("at most ", "以内")}
    en, zh = [], []
    for r in shown.itertuples(index=False):
        side, side_zh = sides.get(r.status, ("", ""))
        en.append(f"{int(r.year)}: {side}{float(r.value):g}")
        zh.append(f"{int(r.year)}年{float(r.value):g}%{side_zh}")
    if len(rows) > 1:  # the figure is set against their median
        typical = float(pd.to_numeric(rows["value"]).abs().median())
        en[-1] += f"; median size {typical:g}"
        zh[-1] += f"，大小的中位数{typical:g}%"
    return (f"the series' other figures ({more_en}{', '.join(en)})",
            f"本序列其他数字（{more_zh}{'、'.join(zh)}）")  # fmt: skip


def _growth_target(iid: str, of: str | None, ind, targets) -> tuple[float, int, str] | None:
    """``(target, year, indicator)``: the plan's last positive target of a growth rate in
    percent, its own, else that of the amount ``of`` it is the growth of, when the plan sets
    that amount a yearly growth (kind ``growth_rate``); None without one."""
    for target_of in (iid, of):
        if target_of is None or target_of not in ind.index:
            continue
        if target_of != iid and ind.loc[target_of, "kind"] != "growth_rate":
            continue
        found = _target_scale(targets, target_of)
        if found is not None:
            return found[0], found[1], target_of
    return None


#: A yearly growth rate (%) at or below the first or at or above the second is named: the
#: amount halves, or doubles, in one year. A city's R&D spending, GDP or high-tech value
#: added moves by a few to twenty-odd percent a year (Langfang's high-tech value added
#: +13.1 % and about +3 %, China's R&D spending +8 % to +15 % a year in data/raw), and -100
#: (a fall to nothing) loaded without a word, as did GDP's 3,553.1 亿元 typed as its growth.
EXTREME_RATES = (-50.0, 100.0)


def _extreme_rates(iid, region, rows, where) -> list[dict]:
    """Series-grade growth figures (``rows``) at or beyond :data:`EXTREME_RATES`."""
    low, high = EXTREME_RATES
    out = []
    for r in rows:
        value = float(r.value)
        if low < value < high:
            continue
        what = "at least halves it" if value <= low else "at least doubles it"
        what_zh = "减少一半以上" if value <= low else "增长一倍以上"
        if value <= -100:
            what, what_zh = "takes it to nothing", "降为零"
        out.append(_check(iid, region, int(r.year), value, "extreme_rate", where(r)[:-2], (
            f"{where(r)}{iid} ({region}) {int(r.year)} = {value:g} %: a growth that {what} "
            "in one year (the sign, the digits, or a level typed for its growth?); correct "
            "it, or write 核实无误 (confirmed) in its note"),
            f"一年增速{value:g}%，即数量{what_zh}（符号、位数有误，或把总量填作了增速？）；"
            "请更正，数字无误的请在备注中注明“核实无误”"))  # fmt: skip
    return out


#: The order in which a year's figures come out: an estimate, then the preliminary figure,
#: the final one, a revision.
_RELEASE_ORDER = {s: k for k, s in enumerate(reversed(config.SERIES_STATUS_PRIORITY))}


def _published_out_of_order(observations: pd.DataFrame, where) -> list[dict]:
    """Figures of a later status dated before a figure of an earlier status of the same
    year (a final 1,262 "published" 2023-02 beside its preliminary 1,258 of 2023-05): a
    vintage read as known in March would take the final figure before the preliminary one
    was out (the hostile-input review: dates out of order loaded without a word). The
    figure of the later status is named; the date of a page that quotes a figure, not the
    day it was first made public, is the usual cause."""
    if "published" not in observations.columns:
        return []
    rows = observations[observations["status"].isin(list(_RELEASE_ORDER))
                        & observations["published"].fillna("").astype(str).str.strip().ne("")]  # fmt: skip
    out = []
    for (iid, region, year), g in rows.groupby(["indicator_id", "region", "year"], sort=True):
        if g["status"].nunique() < 2:
            continue
        dated = [(r, published_start(r.published), published_end(r.published))
                 for r in g.itertuples(index=False)]  # fmt: skip
        for later, _, end_l in dated:
            earlier = [(r, s) for r, s, _ in dated
                       if _RELEASE_ORDER[r.status] < _RELEASE_ORDER[later.status] and end_l < s]  # fmt: skip
            if not earlier:
                continue
            first, _ = min(earlier, key=lambda e: e[1])
            unit = str(getattr(later, "unit", "") or "")
            said, said_zh = later.status, obs_status_label(later.status, "zh")
            before, before_zh = first.status, obs_status_label(first.status, "zh")
            out.append(_check(iid, region, int(year), float(later.value), "published_order",
                              where(later)[:-2], (
                f"{where(later)}{iid} ({region}) {int(year)}: the {said} figure "
                f"{later.value:g} {unit} is dated {later.published}, before the {before} figure "
                f"{first.value:g} ({first.published}) it replaces; a final figure or a "
                "revision comes out after the one it replaces: check the dates (the day each "
                "figure was first made public, not the date of a page that quotes it)"),
                f"{said_zh}{later.value:g}{unit}的发布日期为{later.published}，早于其所替代的"
                f"{before_zh}{first.value:g}{unit}（{first.published}）：正式数或修订数应晚于其替代"
                "的数字发布；请核对日期（应为该数字首次公布之日，而非转载页面的日期）"))  # fmt: skip
    return out


#: Statuses of a figure that comes out after its year: an estimate (预计数) may be made
#: within the year, a preliminary, final, revised or chained figure is not.
_AFTER_THE_YEAR = ("preliminary", "final", "revised", *config.CHAINED_STATUSES)


def _published_early(observations: pd.DataFrame, where) -> list[dict]:
    """A year's figure (not an estimate) dated before its year ended: a final of 2024 dated
    2024-03-01 is most likely a slip for 2025-03-01, and ``run --known-by 2024-03-31`` would
    count it as known then and read "data to 2024" (the diff review). The figure is named,
    for the statistician (a date check); a date given as the year alone ("2024") ends with
    the year and is not named."""
    if "published" not in observations.columns:
        return []
    from .series import publication_ends

    ends = publication_ends(observations)
    years = pd.to_numeric(observations["year"], errors="coerce")
    year_end = years.map(lambda y: f"{int(y)}-12-31" if pd.notna(y) else "")
    early = (observations["status"].isin(_AFTER_THE_YEAR) & ends.ne("")
             & (ends < year_end)).to_numpy()  # fmt: skip
    out = []
    for r in observations[early].itertuples(index=False):
        year, unit = int(r.year), str(getattr(r, "unit", "") or "")
        said, said_zh = r.status, obs_status_label(r.status, "zh")
        out.append(_check(r.indicator_id, r.region, year, float(r.value), "published_early",
                          where(r)[:-2], (
            f"{where(r)}{r.indicator_id} ({r.region}) {year}: the {said} figure {r.value:g} "
            f"{unit} is dated {r.published}, before its year ended; a year's figure comes out "
            f"after the year (a slip for {year + 1}?): correct the date, or mark the figure an "
            "estimate if it is one"),
            f"{said_zh}{r.value:g}{unit}的发布日期为{r.published}，早于该年结束：年度数字在年后才"
            f"公布（应为{year + 1}年？）；请更正日期，若为预计数请标为预计数"))  # fmt: skip
    return out


def _baseline_differs(best: pd.DataFrame, ind: pd.DataFrame, where) -> list[dict]:
    """The home region's counted figure of a baseline's year that is not the registry's
    baseline: progress is measured from the registry's figure (the plan's, unless re-based),
    so a re-based 2020 figure entered as revised (30.2 on a new definition beside the plan's
    35.6) changed the series but not the assessment, without a word (the re-basing
    walk-through of docs/input-format.md). A confirmation answers it only for a revision of
    the same measure (912 for the plan's 905: 经核实无误 in its note); for a figure whose note
    says the definition changed (新口径) only re-basing the registry or marking the figure
    口径不同 does (:func:`_unconfirmed` leaves it to this function). ``best``: the figure each
    year counts."""
    if "baseline_value" not in ind.columns:
        return []
    home = best[best["region"] == config.HOME_REGION]
    out = []
    for r in home.itertuples(index=False):
        if r.indicator_id not in ind.index:
            continue
        plan = ind.loc[r.indicator_id]
        base = pd.to_numeric(pd.Series([plan["baseline_value"], plan["baseline_year"]]),
                             errors="coerce")  # fmt: skip
        if (
            base.isna().any()
            or int(base[1]) != int(r.year)
            or np.isclose(float(r.value), float(base[0]), rtol=1e-9, atol=1e-12)
        ):
            continue
        note = clean_text(r.note) if isinstance(getattr(r, "note", None), str) else ""
        if is_confirmed(note) and _definition_said(note) is None:
            continue  # a revision of the same measure, confirmed: the plan's baseline stands
        unit = str(plan.get("unit_zh", ""))
        year, value, baseline = int(r.year), float(r.value), float(base[0])
        out.append(_check(r.indicator_id, r.region, year, value, "baseline_differs",
                          where(r)[:-2], (
            f"{where(r)}{r.indicator_id} ({r.region}) {year} = {value:g} is not the "
            f"registry's baseline {baseline:g} for {year} (indicators.csv), which progress is "
            f"measured from: the series and the assessment disagree. Re-base the registry's "
            "baseline and targets to it (docs/input-format.md, 'Re-basing a series after a "
            "change of definition'), or, if the baseline stands, mark this figure "
            "other-definition (口径不同); a revision of the same measure is confirmed with "
            "经核实无误 in its note (not a figure on a new definition)"),
            f"与登记表（indicators.csv）中的{year}年基数{baseline:g}{unit}不同，而进度按该基数"
            "计算：序列与评估不一致。请按docs/input-format.md“口径调整后的基数重定”把登记表中的"
            "基数和目标值改按此数重定；如基数不变，请把此数的状态标为“口径不同”；如是同一口径的"
            "修订，请在备注中写“经核实无误”（新口径的数字不能以此消除）"))  # fmt: skip
    return out


def _alike(a: float, b: float, unit: str) -> tuple[str, str]:
    """Two figures with their unit, at the decimals the more precise was written with: "38.9%"
    and "33.0%", not 38.9 and 33 (the statistician's review)."""
    from .views import value_decimals

    d = max(value_decimals(a, most=6), value_decimals(b, most=6))
    return f"{a:,.{d}f}{unit}", f"{b:,.{d}f}{unit}"


#: How far a chained figure may lie from its arithmetic (the new definition's figure times the
#: overlap year's ratio) before it is named: 0.2 % (a ratio rounded to 1.18 for 1.1788), or
#: half the last decimal it was written with, whichever is more (40.2 for 40.197 is no slip).
CHAIN_TOLERANCE = 0.002


def _chain_mismatches(observations: pd.DataFrame, best: pd.DataFrame, where) -> list[dict]:
    """A chained figure (衔接数) that is not the new definition's figure of its year times the
    ratio of the latest earlier year given on both definitions (the series' own figure over
    the other definition's): the tool holds every number of the chain, and a slip in it
    (34.1 × 38.9 / 33.0 = 40.2 typed 42.0) counted as the year's figure without a word (the
    statistician's review). A chained figure without the new definition's figure of its year,
    or without an overlap year before it, is not checked: its arithmetic is not in the data."""
    from .series import publication_ends
    from .views import value_decimals

    chained = best[best["status"].isin(config.CHAINED_STATUSES)]
    if chained.empty:
        return []
    other = observations[observations["status"] == "other-definition"]
    other = other.assign(_end=publication_ends(other))
    out = []
    for r, end in zip(chained.itertuples(index=False), publication_ends(chained), strict=True):
        new = other[(other["indicator_id"] == r.indicator_id) & (other["region"] == r.region)
                    & (other["year"] == r.year)]  # fmt: skip
        # the new definition's figure it was made from: the latest published by the chained
        # figure's own date (chained again from a final, it is set against that final, not
        # the preliminary figure dated first: the diff review)
        if end:
            new = new[(new["_end"] == "") | (new["_end"] <= end)]
        ratio = _overlap_ratio(observations, best, r.indicator_id, r.region, int(r.year))
        if new.empty or ratio is None:
            continue
        n = float(new.sort_values("_end", kind="stable")["value"].iloc[-1])
        oy, old, oth = ratio
        expected = n * old / oth
        value = float(r.value)
        slack = max(CHAIN_TOLERANCE * abs(expected), 0.5 * 10 ** -value_decimals(value, most=6))
        if abs(value - expected) <= slack:
            continue
        sum_en = f"{n:g} × {old:g} / {oth:g} = {expected:.4g}"
        out.append(_check(r.indicator_id, r.region, int(r.year), value, "chain_mismatch",
                          where(r)[:-2], (
            f"{where(r)}{r.indicator_id} ({r.region}) {int(r.year)} = {value:g} chained, but "
            f"the new definition's {n:g} of that year times {oy}'s ratio of the two "
            f"definitions gives {sum_en}: correct the chained figure, or the figures it is "
            "made from"),
            f"为衔接数，但按{oy}年两种口径之比换算，该年另一口径的{n:g}应为"
            f"{n:g}×{old:g}÷{oth:g}={expected:.4g}：请更正衔接数或其所依据的数字"))  # fmt: skip
    return out


def _overlap_ratio(
    observations: pd.DataFrame, best: pd.DataFrame, iid: str, region: str, before: int
) -> tuple[int, float, float] | None:
    """The latest year before ``before`` given on both definitions (the series' own counted
    figure, not a chained one, and a figure of another definition): (year, own, other)."""
    other = observations[(observations["status"] == "other-definition")
                         & (observations["indicator_id"] == iid)
                         & (observations["region"] == region)]  # fmt: skip
    own = best[(best["indicator_id"] == iid) & (best["region"] == region)
               & ~best["status"].isin(config.CHAINED_STATUSES)
               & (best["year"] < before)]  # fmt: skip
    from .series import latest_published

    # of a year's other-definition figures published again, the latest
    other = latest_published(other, ["year"])
    both = own.merge(other[["year", "value"]], on="year", suffixes=("", "_other"))
    both = both[both["value_other"] > 0]
    if both.empty:
        return None
    o = both.sort_values("year", kind="stable").iloc[-1]
    return int(o["year"]), float(o["value"]), float(o["value_other"])


def _unchained(observations: pd.DataFrame, best: pd.DataFrame, where) -> list[dict]:
    """A counted figure that is not chained, of a year after a series' first chained one:
    once a series is chained onto the plan's definition, a later figure the bureau returns is
    on the new definition, and counted as it came it flipped the target without a word (5.4 %
    returned as 正式数 after the chained 4.36 %: the statistician's review). The way out is
    said with its arithmetic when an overlap year gives the ratio; a figure confirmed
    (经核实无误: it is on the plan's definition) is not named."""
    chained = best[best["status"].isin(config.CHAINED_STATUSES)]
    out = []
    for (iid, region), g in chained.groupby(["indicator_id", "region"], sort=True):
        start = int(g["year"].min())
        later = best[(best["indicator_id"] == iid) & (best["region"] == region)
                     & (best["year"] > start)
                     & ~best["status"].isin(config.CHAINED_STATUSES)]  # fmt: skip
        for r in later.itertuples(index=False):
            value, year = float(r.value), int(r.year)
            ratio = _overlap_ratio(observations, best, iid, region, year)
            how = how_zh = ""
            if ratio is not None:
                oy, own, oth = ratio
                how = (f" ({value:g} × {own:g} / {oth:g} = {value * own / oth:.4g}, by {oy}'s "
                       "ratio)")  # fmt: skip
                how_zh = f"（按{oy}年之比：{value:g}×{own:g}÷{oth:g}={value * own / oth:.4g}）"
            out.append(_check(iid, region, year, value, "unchained", where(r)[:-2], (
                f"{where(r)}{iid} ({region}) {year} = {value:g} counts as it came, but the "
                f"series is chained onto the plan's definition from {start}: if it is the new "
                "definition's figure, give it the status other-definition (口径不同) and enter "
                f"it chained (衔接数){how}; if it is on the plan's definition, write 经核实无误 in "
                "its note"),
                f"按原数计入，但本序列自{start}年起为衔接数：如是新口径数字，请将状态设为“口径不同”，"
                f"并另填衔接数{how_zh}；如是方案口径的数字，请在备注中写“经核实无误”"))  # fmt: skip
    return out


def _bound_conflicts(observations: pd.DataFrame, best: pd.DataFrame, where) -> list[dict]:
    """A year's counted figure on the wrong side of a bound of the same year: 950 科技特派员
    counted for 2025 beside "1000余人" (at least 1,000), or 2.1 % beside "below the provincial
    2.00 %". One of the two is wrong, and which one decides the milestone: the figure counts,
    while the bound alone would have settled the year the other way (the final evaluation's
    review: a bound contradicting the year's own figure loaded without a word). The counted
    figure is named (it is the one in every computation); the bound's place is said.

    Two bounds of one year that exclude each other (at least 1,050, at most 950) are named
    too: neither can decide the year (``gaps.deciding_bound``), and the target read "数据不足"
    without a word why (the diff review). A bound that is an estimate made before the year
    closed ("预计增长10%以上": :func:`series.is_estimate`) is no bound on the year's figure: a
    final 9 % beside it is no error (the diff review)."""
    bounds = firm_bounds(observations)
    if bounds.empty:
        return []
    from .views import _origin_words  # "a.csv row 3" as the Chinese check line says it

    out = _crossed_bounds(bounds, where)
    counted = {(r.indicator_id, r.region, int(r.year)): r for r in best.itertuples(index=False)}
    for b in bounds.itertuples(index=False):
        figure = counted.get((b.indicator_id, b.region, int(b.year)))
        if figure is None:
            continue
        value, bound = float(figure.value), float(b.value)
        lower = b.status == "lower-bound"
        if (value >= bound) if lower else (value <= bound):
            continue
        unit = str(getattr(figure, "unit", "") or "")
        place = where(b)[:-2]
        at = f" ({place})" if place else ""
        # "a.csv 第3行", as the check line before it says its own place
        at_zh = f"（{_origin_words(place, 'zh')}）" if place else ""
        side, side_zh = ("below", "低于") if lower else ("above", "高于")
        word = str(b.status).replace("-", " ")
        out.append(_check(b.indicator_id, b.region, int(b.year), value, "bound_conflict",
                          where(figure)[:-2], (
            f"{where(figure)}{b.indicator_id} ({b.region}) {int(b.year)}: the figure counted, "
            f"{value:g} {unit}, is {side} the {word} {bound:g} given for the same year{at}; "
            "one of the two is wrong: correct it, or mark the bound other-definition if it "
            "counts something else"),
            f"计入的数字{value:g}{unit}{side_zh}同年给出的{obs_status_label(b.status, 'zh')}"
            f"{bound:g}{unit}{at_zh}：两者必有一误；请更正，若该上下限另有统计范围，将其状态"
            "标为“口径不同”（other-definition）"))  # fmt: skip
    return out


def _crossed_bounds(bounds: pd.DataFrame, where) -> list[dict]:
    """A ``bound_conflict`` row for each year whose highest lower bound is above its lowest
    upper bound (:func:`series.crossed_bounds`: no figure can meet both); ``value`` empty,
    the two bounds' places said."""
    from .views import _origin_words

    out = []
    for (iid, region, year), g in bounds.groupby(["indicator_id", "region", "year"], sort=True):
        pair = crossed_bounds(g)  # the rule that keeps them from deciding the year
        if pair is None:
            continue
        a, b = (SimpleNamespace(**r.to_dict()) for r in pair)
        unit = str(getattr(a, "unit", "") or "")
        place_a, place_b = where(a)[:-2], where(b)[:-2]
        at = f" ({place_a}; {place_b})" if place_a else ""
        at_zh = (f"（{_origin_words(place_a, 'zh')}；{_origin_words(place_b, 'zh')}）"
                 if place_a else "")  # fmt: skip
        out.append(_check(iid, region, int(year), None, "bound_conflict", place_a, (
            f"{where(a)}{iid} ({region}) {int(year)}: the lower bound {float(a.value):g} "
            f"{unit} is above the upper bound {float(b.value):g} {unit} given for the same year{at}; "
            "no figure meets both, so neither decides the year: correct the wrong one"),
            f"下限{float(a.value):g}{unit}高于同年给出的上限{float(b.value):g}{unit}{at_zh}："
            "没有数字能同时满足，两者均不能用于判定；请更正有误的一项"))  # fmt: skip
    return out


def _zero_placeholders(iid, region, kind, rows, base, where) -> list[dict]:
    """A 0 among positive figures of a level (a stock, a density, a share, an amount whose
    target is its growth rate): typed for "no figure", it read as one and turned a milestone
    to "missed". Additions (cumulative, a yearly flow) can be 0."""
    if kind not in ("stock", "density", "share", "growth_rate"):
        return []
    positive = [r.value for r in rows if r.value > 0] + ([base[0]] if base else [])
    if not positive:
        return []
    lo, hi = min(positive), max(positive)
    span = f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"
    return [_check(iid, region, r.year, 0.0, "zero", where(r)[:-2], (
            f"{where(r)}{iid} ({region}) {int(r.year)} = 0 among figures of {span}: if there "
            "is no figure for that year, leave the row out (in a request workbook, clear the "
            "value and say why in the note; 0 counts as a figure)"),
            f"其他数字{'为' if lo == hi else '在'}{span}{'' if lo == hi else '之间'}，此数却为0："
            "如该年没有数字，请不要填写该行（征集表中请清空数值并"
            "在备注中说明原因；0会被当作一个数字）")
            for r in rows if r.value == 0]  # fmt: skip


__all__ = [
    "CHECK_COLUMNS",
    "CHECK_KINDS",
    "DATE_CHECKS",
    "COLUMN_ALIASES",
    "check_table",
    "check_years",
    "is_confirmed",
    "definition_breaks",
    "figures_to_verify",
    "FRAME_COLUMNS",
    "OBSERVATION_COLUMNS",
    "published_date",
    "published_end",
    "published_ends",
    "published_start",
    "ORIGIN_COLUMNS",
    "describe_origin",
    "implausible",
    "input_files",
    "merge_observations",
    "ParsedValue",
    "canonical_column",
    "conversion_factor",
    "load_observations",
    "normalise_value",
    "parse_unit",
    "validate_file",
]
