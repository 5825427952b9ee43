"""Property tests: whatever table or bytes a file holds, the loader returns or refuses cleanly."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langfang_metrics.errors import DataValidationError
from langfang_metrics.observations import FRAME_COLUMNS, load_observations, normalise_value

HEADERS = [
    "indicator_id", "region", "year", "value", "unit", "status", "note", "指标代码", "数值",
    "年份", "地区", "单位", "状态", "指标代码 indicator_id", "Value", "extra", "", "#",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(["tech_smes", "gdp", "rd_intensity", "gdp_growth", "langfang", "河北省",
                     "2021", "2021年", "1800", "final", "初步", "家", "亿元", "万元", "%", "",
                     " ", "NaN", "—", "不详", "8,796", "８７９６", "35.6%", "1万家", "#x"]),
    st.integers(-10**6, 10**7).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)  # fmt: skip
XML_SAFE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), max_size=12
)  # openpyxl refuses control characters in cells


@st.composite
def tables(draw, cells=CELLS):
    width = draw(st.integers(1, 7))
    header = draw(st.lists(st.sampled_from(HEADERS) | st.text(max_size=8), min_size=width,
                           max_size=width))  # fmt: skip
    body = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 1), max_size=8))
    return [header, *body]


def _check(path) -> None:
    try:
        df = load_observations(path)
    except DataValidationError as exc:
        assert exc.problems
        assert all(p.file == str(path) for p in exc.problems)
        return
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(FRAME_COLUMNS)
    assert isinstance(df.index, pd.RangeIndex)


FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@FAST
@given(rows=tables(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_random_csv_tables(tmp_path, rows, encoding):
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path = tmp_path / "random.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    _check(path)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(rows=tables(st.one_of(CELLS.filter(lambda s: s.isprintable()), XML_SAFE)))
def test_random_xlsx_tables(tmp_path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append([c if c.isprintable() else "" for c in row])
    path = tmp_path / "random.xlsx"
    wb.save(path)
    _check(path)


@FAST
@given(data=st.binary(max_size=400),
       prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe",
                               b"indicator_id,year,value\n"]))  # fmt: skip
def test_random_bytes(tmp_path, data, prefix):
    path = tmp_path / "random.bin"
    path.write_bytes(prefix + data)
    _check(path)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 10**12))
def test_grouped_and_fullwidth_numbers_parse(n):
    fullwidth = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for text in (f"{n:,}", f"{n:,}".replace(",", "，"), fullwidth, f" {n}\u00a0"):
        assert normalise_value(text).number == n


def _valid_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    for row in (("indicator_id", "year", "value"), ("tech_smes", 2021, 9500), ("gdp", 2021, 1)):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


VALID_XLSX = _valid_xlsx()


@FAST
@given(cut=st.integers(0, len(VALID_XLSX)),
       flips=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)),
                      max_size=4))  # fmt: skip
def test_damaged_xlsx(tmp_path, cut, flips):
    data = bytearray(VALID_XLSX)
    for pos, byte in flips:
        data[pos] = byte
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[: max(cut, 4)]))
    _check(path)
