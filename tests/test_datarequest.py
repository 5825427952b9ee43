"""Data requests: one workbook per department, filled in as a department would, merged back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from langfang_metrics import (
    cli,
    config,
    coverage,
    datarequest,
    labels,
    observations,
    pipeline,
    registry,
)
from langfang_metrics.errors import DataValidationError
from langfang_metrics.export import LINE_HEIGHT, wrapped_lines
from langfang_metrics.observations import REQUEST_SHEET, load_observations
from langfang_metrics.series import select_series

#: Figures "held" for the test that do not count (a bound, a part-year figure): the rows the
#: request pre-fills. They live in a test folder, never in data/raw.
HELD_CSV = (
    "indicator_id,region,year,value,unit,status,source,url,accessed,quote,note\n"
    "tech_smes,langfang,2023,9500,家,lower-bound,test bulletin,,,9500家以上,\n"
    "high_value_patents_per_10k,langfang,2023,2.1,件/万人,part-year,test report,,,2.1件,\n"
)
SCI, MARKET = "数据征集表_市科技局.xlsx", "数据征集表_市市场监督管理局.xlsx"
STATS = "数据征集表_市统计局.xlsx"  # the statistics: R&D spending, the value-added shares
MIIT = "数据征集表_市工业和信息化局.xlsx"  # the 专精特新 SMEs, certified by it


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


@pytest.fixture
def held(tmp_path) -> Path:
    path = tmp_path / "held" / "held.csv"
    path.parent.mkdir()
    path.write_text(HELD_CSV, encoding="utf-8")
    return path


@pytest.fixture
def requests(tmp_path, held) -> Path:
    out = tmp_path / "requests"
    datarequest.write_requests(out, observations_path=[config.OBSERVATIONS_FILE, held])
    return out


@pytest.fixture
def joint(tmp_path, held, monkeypatch) -> Path:
    """Requests of a registry in which high-tech enterprises are asked of all four responsible
    departments, as before the registry named the certifying one (``data_from``): how a
    figure asked of several departments travels between them."""
    ind = pd.read_csv(config.INDICATORS_FILE, dtype=str, keep_default_na=False)
    ind.loc[ind["indicator_id"] == "high_tech_enterprises", "data_from"] = ""
    path = tmp_path / "indicators.csv"
    ind.to_csv(path, index=False)
    monkeypatch.setattr(config, "INDICATORS_FILE", path)
    out = tmp_path / "joint"
    datarequest.write_requests(out, observations_path=[config.OBSERVATIONS_FILE, held])
    return out


def _rows(ws) -> dict[tuple[str, int], int]:
    """(indicator_id, year) → spreadsheet row of the request sheet."""
    return {(ws.cell(r, 1).value, int(ws.cell(r, 4).value)): r for r in range(2, ws.max_row + 1)}


def test_one_workbook_per_responsible_department(requests):
    missing = coverage.missing_figures(load_observations(), registry.load_indicators(),
                                       registry.load_targets())  # fmt: skip
    depts = sorted({d for ds in missing["departments_zh"] for d in ds.split("、")})
    assert sorted(p.name for p in requests.iterdir()) == sorted(
        f"数据征集表_{d}.xlsx" for d in depts
    )
    wb = load_workbook(requests / MARKET)
    assert wb.sheetnames == ["封面 cover", REQUEST_SHEET, "指标说明 indicators", "填表说明 notes"]
    ws = wb[REQUEST_SHEET]
    assert ws.freeze_panes == "A2"
    rows = _rows(ws)
    # every missing (indicator, year) asked of this department, and every provisional figure
    # (the shipped 2022 patents figure is an estimate)
    provisional = coverage.provisional_figures(load_observations(), registry.load_indicators(),
                                               registry.load_targets())  # fmt: skip
    wanted = pd.concat([missing, provisional])
    own = wanted[wanted["departments_zh"].str.contains("市市场监督管理局")]
    assert set(rows) == {(i, int(y)) for i, y in zip(own["indicator_id"], own["year"], strict=True)}
    assert ("high_value_patents_per_10k", 2022) in rows
    # a count of certified firms is asked of the department that certifies them, not of every
    # responsible one (high-tech enterprises went to four departments: the planner's review)
    assert ("high_tech_enterprises", 2023) not in rows and ("tech_smes", 2023) not in rows
    tech = _rows(load_workbook(requests / "数据征集表_市科技局.xlsx")[REQUEST_SHEET])
    assert ("high_tech_enterprises", 2023) in tech and ("tech_smes", 2023) in tech
    assert not (requests / "数据征集表_市税务局.xlsx").exists()
    # the indicator sheet gives definition, unit, the plan's sentence and the baseline
    info = pd.DataFrame(load_workbook(requests / SCI)["指标说明 indicators"].values)
    hte = info[info[0] == "high_tech_enterprises"].iloc[0].tolist()
    assert "家" in hte[3] and "905" in hte[8] and "高新技術企業" in hte[7]
    cover = " ".join(str(c.value) for c in wb["封面 cover"]["A"] if c.value)
    assert "市市场监督管理局" in cover and "Market Regulation Bureau" in cover
    assert "Municipal Market" not in cover  # every department is the city's: no prefix
    notes = pd.DataFrame(wb["填表说明 notes"].values)
    assert notes[0].str.contains("修订数").any() and notes[1].str.contains("revised").any()


def test_wrapped_rows_are_tall_and_a_growth_target_is_a_rate(requests):
    # LibreOffice keeps the default row height: wrapped notes printed cut to one line; R&D
    # spending is asked of the statistics bureau that compiles it (the finance bureau, a
    # responsible department, was asked for a statistic it does not keep: the planner's
    # review), and its row says so
    stats = [p for p in requests.iterdir() if "市统计局" in p.name][0]
    # nothing it keeps is owed, so the finance bureau gets no request at all (R&D spending is
    # the statistics bureau's, the counts of certified firms of the bureaus that certify them)
    assert not [p for p in requests.iterdir() if "市财政局" in p.name]
    science = [r[0] for r in load_workbook(requests / SCI)["指标说明 indicators"].iter_rows(
        values_only=True)]  # fmt: skip
    assert "high_tech_enterprises" in science
    # one department is asked for R&D spending: asked of 市科技局 too, one figure was owed by
    # two departments and could come back twice with two values
    assert "rd_spending" not in science
    wb = load_workbook(stats)
    for sheet in ("指标说明 indicators", "填表说明 notes"):
        ws = wb[sheet]
        heights = [ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)]
        assert any(h and h >= 30 for h in heights), sheet
    info = pd.DataFrame(wb["指标说明 indicators"].values)
    rd = info[info[0] == "rd_spending"].iloc[0].tolist()
    assert "年均增长10%" in rd[9] and "10% a year" in rd[9] and ">=" not in rd[9]
    assert "数据提供：市统计局（负责该项统计）" in rd[11]
    assert "figures from: Statistics Bureau" in rd[11]


def test_prefilled_rows_show_what_we_hold(requests):
    ws = load_workbook(requests / SCI)[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    r = _rows(ws)[("tech_smes", 2023)]
    cells = dict(zip(header, [c.value for c in ws[r]], strict=True))
    assert cells["数值 value"] == 9500 and cells["状态 status"] == "下限 lower-bound"
    assert cells["已有数字 figure held"] == 9500 and cells["已有数字出处 where it comes from"]
    assert ws.cell(r, COL["value"]).fill.fgColor.rgb.endswith("FFF2CC")  # shaded as pre-filled
    blank = _rows(ws)[("tech_smes", 2024)]
    assert ws.cell(blank, COL["value"]).value is None
    assert ws.cell(blank, COL["request.col.held_status"]).value == "无"


def test_each_row_shows_the_figure_before_its_year_and_the_plan_targets(requests, held):
    """A clerk saw no target and no earlier figure beside the value cell, so a figure in the
    wrong unit (1.3 for 1,300) or of another scale passed unnoticed. The references are
    grey, and the loader reads the sheet as before (the untouched request adds nothing)."""
    ws = load_workbook(requests / SCI)[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    prev, goals = "此前最近数字 latest figure before", "方案目标 plan targets"
    assert header.index(prev) < header.index("数值 value")
    obs = load_observations([config.OBSERVATIONS_FILE, held])
    hte = select_series(obs, "high_tech_enterprises")
    rows = _rows(ws)
    for year in (2023, 2024, 2025):
        if ("high_tech_enterprises", year) not in rows:
            continue
        cells = dict(zip(header, [c.value for c in ws[rows[("high_tech_enterprises", year)]]],
                         strict=True))  # fmt: skip
        y = int(hte.index[hte.index < year][-1])
        assert cells[prev] == f"{hte[y]:,.0f}家（{y}年）"
        assert cells[goals] == "2023年 ≥1,300家；2025年 ≥1,500家"
        assert ws.cell(rows[("high_tech_enterprises", year)], COL["request.col.goals"]).fill \
            .fgColor.rgb.endswith("EDEDED")  # fmt: skip
    assert ("high_tech_enterprises", 2025) in rows
    # what kind of figure is asked for stands under the name: "新增数" read as one year's
    names = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    for r in load_workbook(requests / MIIT)[REQUEST_SHEET].iter_rows(min_row=2, values_only=True):
        names[r[0]] = r[1]  # the new 专精特新 firms are asked of the bureau that certifies them
    assert names["specialised_smes_new"].endswith("\n累计新增（自2020年末起）")
    assert names["high_tech_enterprises"] == "高新技术企业数量\n存量（年末数）"


def test_goals_and_previous_figure_texts():
    ind = pd.Series({"kind": "flow", "unit_zh": "项/年", "baseline_value": float("nan"),
                     "baseline_year": float("nan")})  # fmt: skip
    yearly = pd.DataFrame({"year": [2021, 2022, 2023, 2024, 2025], "comparison": [">="] * 5,
                           "value": [10.0] * 5})  # fmt: skip
    assert datarequest.goals_text(ind, yearly) == "2021—2025年 ≥10项/年"
    stepped = yearly.assign(value=[10.0, 10.0, 12.0, 12.0, 10.0])
    assert datarequest.goals_text(ind, stepped) == (
        "2021—2022年 ≥10项/年；2023—2024年 ≥12项/年；2025年 ≥10项/年"
    )
    cap = pd.DataFrame({"year": [2025], "comparison": ["<="], "value": [0.5]})
    assert datarequest.goals_text(pd.Series({**ind, "unit_zh": "%"}), cap) == "2025年 ≤0.5%"
    # a target re-based onto a new definition says so, as the page does (the request showed
    # it as the plan's own: the statistician's review)
    share = pd.Series({**ind, "kind": "share", "unit_zh": "%"})
    rebased = pd.DataFrame({"year": [2025], "comparison": [">="], "value": [33.9],
                            "plan_value": [40.0]})  # fmt: skip
    assert datarequest.goals_text(share, rebased) == "2025年 ≥33.9%（按新口径重定；方案原文40%）"
    assert datarequest.goals_text(share, rebased.assign(plan_value=float("nan"))) == "2025年 ≥33.9%"
    rate = pd.DataFrame({"year": [2025], "comparison": [">="], "value": [10.0]})
    assert (
        datarequest.goals_text(pd.Series({**ind, "kind": "growth_rate"}), rate)
        == "2025年 年均增长10%"
    )
    assert datarequest.goals_text(ind, rate.iloc[:0]) == "—"
    # every goal the request writes reads back as the request wrote it, a negative one too
    # ("≥-5家" was taken for a figure typed over the cell: the code review)
    from langfang_metrics.observations import _as_sent_goals

    fall = rate.assign(value=-5.0)
    for text in (datarequest.goals_text(ind, stepped), datarequest.goals_text(ind, fall),
                 datarequest.goals_text(pd.Series({**ind, "kind": "growth_rate"}), fall),
                 datarequest.goals_text(pd.Series({**ind, "unit_zh": "%"}), cap)):  # fmt: skip
        assert _as_sent_goals(text), text
    assert not _as_sent_goals("2024年 1,500家")
    stock = pd.Series({"unit_zh": "亿元", "baseline_value": 50.0, "baseline_year": 2020})
    series = pd.Series([54.03, 60.5], index=[2021, 2023])
    assert datarequest.previous_text(series, stock, 2022) == "54.03亿元（2021年）"
    assert datarequest.previous_text(series, stock, 2025) == "60.5亿元（2023年）"
    assert datarequest.previous_text(series.iloc[:0], stock, 2022) == "50亿元（2020年基数）"
    assert datarequest.previous_text(series.iloc[:0], stock, 2020) == "—"
    assert datarequest.previous_text(series, stock, 2021) == "50亿元（2020年基数）"


def test_a_rebased_baseline_is_said_with_the_plans_own_figure():
    """A request said a re-based baseline, "30.2%（2020年基数）", as the plan's own, whose
    text says 35.6 % (the report writer's review); the cell still reads back as sent."""
    from langfang_metrics.observations import _as_sent_previous

    share = pd.Series({"unit_zh": "%", "unit_en": "%", "baseline_value": 30.2,
                       "baseline_year": 2020, "plan_baseline_value": 35.6})  # fmt: skip
    empty = pd.Series([], dtype=float)
    said = datarequest.previous_text(empty, share, 2021)
    assert said == "30.2%（2020年基数，按新口径重定，方案原文35.6%）"
    assert _as_sent_previous(said, 2021)
    own = share.drop("plan_baseline_value")
    assert datarequest.previous_text(empty, own, 2021) == "30.2%（2020年基数）"
    same = share.copy()
    same["plan_baseline_value"] = 30.2  # re-based to the plan's own figure: nothing to say
    assert datarequest.previous_text(empty, same, 2021) == "30.2%（2020年基数）"


def test_a_provisional_figure_is_asked_for_again_as_a_final_one(requests, held, tmp_path):
    """A preliminary or estimated figure counts, so the loop never asked again: a milestone
    stayed 'achieved' on a preliminary count until someone volunteered the revision."""
    ws = load_workbook(requests / MARKET)[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    r = _rows(ws)[("high_value_patents_per_10k", 2022)]
    cells = dict(zip(header, [c.value for c in ws[r]], strict=True))
    assert cells["数值 value"] == 3 and cells["状态 status"] == "预计数 estimate"
    assert ws.cell(r, COL["value"]).fill.fgColor.rgb.endswith(
        "E2EFDA"
    )  # green: the final is wanted
    cover = " ".join(str(c.value) for c in load_workbook(requests / MARKET)["封面 cover"]["A"]
                     if c.value)  # fmt: skip
    assert (
        "另有 1 项我方只有初步数或预计数（浅绿底纹" in cover
        and "please give the final figure" in cover
    )
    n = ws.max_row - 2  # the rows asked for (header and the green row apart)
    assert f"本表共征集 {n} 项" in cover  # "another 1" is not counted twice
    # not missing: the landing page's and workbook's list of missing figures stays as it was
    missing = coverage.missing_figures(load_observations(), registry.load_indicators(),
                                       registry.load_targets())  # fmt: skip
    assert not ((missing["indicator_id"] == "high_value_patents_per_10k")
                & (missing["year"] == 2022)).any()  # fmt: skip
    # returned untouched it adds nothing; with the final figure, the final counts
    base = load_observations([config.OBSERVATIONS_FILE, held])
    assert len(load_observations([config.OBSERVATIONS_FILE, held, requests / MARKET])) == len(base)
    returned = tmp_path / "returned.xlsx"
    (requests / MARKET).replace(returned)
    _fill(returned, {("high_value_patents_per_10k", 2022): {"value": 3.1, "status": "正式数 final",
                                                            "source": "2022年统计公报"}})  # fmt: skip
    from langfang_metrics.series import select_series

    merged = load_observations([config.OBSERVATIONS_FILE, held, returned])
    assert select_series(merged, "high_value_patents_per_10k")[2022] == 3.1
    # a final figure held: nothing more is asked for that cell
    again = coverage.provisional_figures(merged, registry.load_indicators(),
                                         registry.load_targets())  # fmt: skip
    assert not ((again["indicator_id"] == "high_value_patents_per_10k")
                & (again["year"] == 2022)).any()  # fmt: skip


def test_no_formulas_and_same_bytes_twice(requests, tmp_path, held):
    again = tmp_path / "again"
    datarequest.write_requests(again, observations_path=[config.OBSERVATIONS_FILE, held])
    assert _digest(again) == _digest(requests)
    for path in requests.iterdir():
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                assert all(c.data_type != "f" for c in row), (path.name, ws.title)


def test_dropdowns_survive_an_openpyxl_round_trip(requests, tmp_path):
    def rules(path):
        ws = load_workbook(path)[REQUEST_SHEET]
        return sorted((dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation)

    before = rules(requests / SCI)
    assert any("修订数 revised" in f for f, _ in before)  # status
    assert any(
        f == '"亿元,元,万元,万亿元"' for f, _ in rules(requests / STATS)
    )  # money unit of rd_spending
    copy = tmp_path / "copy.xlsx"
    load_workbook(requests / SCI).save(copy)
    assert rules(copy) == before


def test_untouched_request_reads_back_as_the_held_figures(requests, held):
    df = load_observations(requests / SCI)
    assert df[["indicator_id", "year", "value", "status"]].values.tolist() == [
        ["tech_smes", 2023, 9500.0, "lower-bound"]
    ]
    merged = load_observations([config.OBSERVATIONS_FILE, held, requests])
    assert len(merged) == len(load_observations([config.OBSERVATIONS_FILE, held]))


#: Request-sheet column numbers by key ("value", "status", "request.col.held", ...).
COL = {key: j for j, (key, _w) in enumerate(datarequest.REQUEST_COLUMNS, start=1)}
HELD = "request.col.held"


def _fill(path: Path, answers: dict[tuple[str, int], dict[str, object]]) -> None:
    """Fill a request as a department would: Chinese-only headers, typed values."""
    wb = load_workbook(path)
    ws = wb[REQUEST_SHEET]
    for cell in ws[1]:
        cell.value = str(cell.value).split(" ")[0]
    rows = _rows(ws)
    for key, cells in answers.items():
        for col, value in cells.items():
            ws.cell(rows[key], COL[col]).value = value
    wb.save(path)


@pytest.mark.slow
def test_filled_requests_feed_the_main_job(requests, held, tmp_path, capsys):
    returned = tmp_path / "returned"
    returned.mkdir()
    for name in (SCI, MARKET, STATS):
        (returned / name).write_bytes((requests / name).read_bytes())
    _fill(returned / SCI, {
        ("tech_smes", 2023): {"status": "正式数 final", "source": "2023年廊坊市统计公报"},  # confirmed
        ("high_tech_enterprises", 2023): {"value": "１，３２０", "source": "市科技局年报"},  # full width
    })  # fmt: skip
    _fill(returned / MARKET, {
        ("high_value_patents_per_10k", 2023): {"value": 2.3, "status": "修订数", "note": "更正"},  # corrected
    })  # fmt: skip
    _fill(returned / STATS, {
        ("high_tech_industry_share", 2023): {"value": "38.5%", "unit": "%", "source": "市统计局"},  # a % in a cell
    })  # fmt: skip
    out = tmp_path / "out"
    code = cli.main(["run", "--observations", str(held), str(returned), "--out", str(out),
                     "--no-notebooks", "--lang", "en"])  # fmt: skip
    printed = capsys.readouterr()
    assert code == 0, printed.err
    # the page to open is the run's language's (an English run pointed at the Chinese page)
    assert printed.out.rstrip().endswith(f"open:    {out / 'reports' / 'index_en.html'}")
    gaps = pd.read_csv(out / "data" / "processed" / "gap_assessment.csv")
    g = gaps[gaps["milestone_year"] == 2025].set_index("indicator_id")
    expect = {"tech_smes": (9500, "final", SCI), "high_tech_enterprises": (1320, "final", SCI),
              "high_value_patents_per_10k": (2.3, "revised", MARKET),
              "high_tech_industry_share": (38.5, "final", STATS)}  # fmt: skip
    for iid, (value, status, name) in expect.items():
        row = g.loc[iid]
        assert (row["latest_year"], row["latest_value"], row["latest_status"]) == (
            2023, value, status)  # fmt: skip
        assert name in row["latest_origin"] and f"[{REQUEST_SHEET}] row " in row["latest_origin"]
    assert g.loc["tech_smes", "latest_source"] == "2023年廊坊市统计公报"
    missing = pd.read_csv(out / "data" / "processed" / "missing_figures.csv")
    assert not ((missing["indicator_id"] == "tech_smes") & (missing["year"] == 2023)).any()

    # a third pair of files that disagree stops the run and leaves the outputs untouched
    before = _digest(out)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("指标代码,年份,数值,状态\ntech_smes,2024,9800,正式\n", encoding="utf-8")
    b.write_text("指标,年份,数值,状态\n\ntech_smes,2024,9900,final\n", encoding="utf-8")
    code = cli.main(["run", "--observations", str(held), str(returned), str(a), str(b), "--out",
                     str(out), "--no-notebooks"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert f"{a}，第 2 行：" in err and f"{b} 第 3 行：9900" in err and f"{b} row 3: 9900" in err
    assert "廊坊市“科技型中小企业数量”（tech_smes）2024年状态为“正式数”的数值互相冲突" in err
    assert "--prefer" in err
    assert "Traceback" not in err
    assert _digest(out) == before
    # settled by --prefer, the figure set aside is named (it had left no trace anywhere)
    assert cli.main(["validate", str(a), str(b), "--prefer", str(b), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "PREFERRED: 1 conflict settled by --prefer:" in err
    assert f"kept {b} row 3: 9900 (preferred) over {a} row 2: 9800" in err
    assert cli.main(["request", str(tmp_path / "again"), "--observations", str(a), str(b),
                     "--prefer", str(b)]) == 0  # fmt: skip
    err = capsys.readouterr().err  # its heading in the command's language, as validate's
    assert f"kept {b} row 3: 9900 (preferred) over {a} row 2: 9800" in err
    assert "已按 --prefer 取舍：1 处数字冲突：" in err and "PREFERRED" not in err


def test_correction_left_under_the_held_status_is_a_conflict_with_advice(requests, held,
                                                                          tmp_path):  # fmt: skip
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2023): {"value": 9700}})  # new value, status still 下限 lower-bound
    with pytest.raises(Exception) as err:
        load_observations([config.OBSERVATIONS_FILE, held, path])
    text = str(err.value)
    assert "held.csv row 2: 9500" in text and f"{SCI} [{REQUEST_SHEET}] row" in text
    assert "修订 revised" in text
    # the department's file given precedence resolves it explicitly
    df = load_observations([config.OBSERVATIONS_FILE, held, path], prefer=[path])
    row = df[(df["indicator_id"] == "tech_smes") & (df["year"] == 2023)].iloc[0]
    assert row["value"] == 9700 and row["origin_file"].endswith(SCI)


def test_cli_request_writes_the_workbooks(tmp_path, capsys):
    assert cli.main(["request", str(tmp_path / "req")]) == 0
    out = capsys.readouterr().out
    assert "数据征集表_市科技局.xlsx" in out
    assert (tmp_path / "req" / SCI).is_file()


def test_cli_request_keeps_returned_workbooks_unless_forced(tmp_path, capsys):
    req = tmp_path / "req"
    assert cli.main(["request", str(req)]) == 0
    (req / SCI).write_bytes(b"filled in by the bureau")
    capsys.readouterr()
    assert cli.main(["request", str(req)]) == 2
    err = capsys.readouterr().err
    # a sentence, no "ValueError:"; in Chinese first, as the other lines request prints
    assert "already in" in err and "\nFAILED: 数据征集表_" in err
    assert err.startswith("失败：数据征集表_") and "已交回、已填写的征集表会丢失" in err
    assert (req / SCI).read_bytes() == b"filled in by the bureau"
    assert cli.main(["request", "--force", str(req)]) == 0
    assert (req / SCI).read_bytes().startswith(b"PK")
    assert cli.main(["request", str(config.RAW_DIR / "registry")]) == 2
    assert "read-only inputs" in capsys.readouterr().err
    with pytest.raises(ValueError, match="as_of must be a year from 2020"):
        datarequest.write_requests(tmp_path / "old", as_of=2019)
    assert not (tmp_path / "old").exists()


def test_pipeline_passes_files_and_precedence_to_notebooks(tmp_path):
    ctx = pipeline.RunContext([Path("a.csv"), Path("b")], None, "zh", tmp_path, False,
                              prefer=(Path("a.csv"),))  # fmt: skip
    a, b = str(Path("a.csv").resolve()), str(Path("b").resolve())  # kernels run elsewhere
    assert pipeline._notebook_observations(ctx) == {"files": [a, b], "prefer": [a]}


def test_a_figure_typed_beside_the_value_cell_is_reported_not_dropped(requests, tmp_path):
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    ws = load_workbook(path)[REQUEST_SHEET]
    empty = [
        k for k, r in _rows(ws).items() if ws.cell(r, COL["value"]).value is None
    ]  # nothing held
    a, b, c, d = empty[:4]
    _fill(path, {
        a: {HELD: 9100},  # in "figure held", where nothing was held
        b: {"unit": "9500"},  # over the unit
        c: {"source": "市统计局公报"},  # a source for no figure
        d: {"note": "未统计"},  # a note alone is an answer: no figure to give
    })  # fmt: skip
    rows = _rows(load_workbook(path)[REQUEST_SHEET])
    with pytest.raises(DataValidationError) as err:
        load_observations([path])
    got = {(p.row, p.column): p.message for p in err.value.problems}
    assert "'9100' looks like the figure" in got[(rows[a], "已有数字")]
    assert "write the figure in '数值'" in got[(rows[b], "单位")]
    assert "gives a 来源 but no figure" in got[(rows[c], "数值")]
    assert "clear the 来源 (a note alone may say why; keep the row)" in got[(rows[c], "数值")]
    assert len(got) == 3


def test_a_figure_typed_over_a_grey_reference_cell_is_reported_not_dropped(requests, tmp_path):
    """9800 typed over 此前最近数字, 10100 over 方案目标 and a status picked with no figure:
    validate said OK and the figures were still listed as missing."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    ws = load_workbook(path)[REQUEST_SHEET]
    empty = [k for k, r in _rows(ws).items() if ws.cell(r, COL["value"]).value is None]
    a, b, c = empty[:3]
    _fill(path, {
        a: {"request.col.previous": 9800},
        b: {"request.col.goals": "10100"},
        c: {"status": "正式数 final"},
    })  # fmt: skip
    rows = _rows(load_workbook(path)[REQUEST_SHEET])
    with pytest.raises(DataValidationError) as err:
        load_observations([path])
    got = {(p.row, p.column): p.message for p in err.value.problems}
    assert "'9800' was typed over the grey reference cell" in got[(rows[a], "此前最近数字")]
    assert "'10100' was typed over the grey reference cell" in got[(rows[b], "方案目标")]
    assert "gives a 状态 but no figure" in got[(rows[c], "数值")]
    assert len(got) == 3


def test_a_figure_written_with_its_year_over_a_grey_cell_is_reported_not_dropped(
    requests, tmp_path
):
    """ "1,500家（2024年）" typed over 此前最近数字 (the very form the cell is pre-filled in),
    "2024年：1500家", "1500（已发布）", "2024年 1,500家" over 方案目标, and a bare number in
    the held figure's kind, its source or 上次说明: each read as "no answer", exit 0, the
    figure lost (the hostile-input review). A cell as the request wrote it is no answer."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    ws = load_workbook(path)[REQUEST_SHEET]
    empty = [k for k, r in _rows(ws).items() if ws.cell(r, COL["value"]).value is None]
    typed = [
        ("request.col.previous", lambda y: f"1,500家（{y}年）"),
        ("request.col.previous", lambda y: f"{y}年：1500家"),
        ("request.col.previous", lambda y: "1500（已发布）"),
        ("request.col.goals", lambda y: f"{y}年 1,500家"),
        ("request.col.goals", lambda y: f"2025年 ≥10,000家（{y}年已达9,350家）"),
        ("request.col.held_status", lambda y: "1500"),
        ("request.col.held_source", lambda y: "1500"),
        ("request.col.said", lambda y: "1500家"),
    ]
    keys = empty[: len(typed)]
    _fill(path, {k: {col: text(k[1])} for k, (col, text) in zip(keys, typed, strict=True)})
    rows = _rows(load_workbook(path)[REQUEST_SHEET])
    with pytest.raises(DataValidationError) as err:
        load_observations([path])
    got = {p.row: p.message for p in err.value.problems}
    assert sorted(got) == sorted(rows[k] for k in keys)
    assert all("looks like the figure" in m or "typed over the grey reference cell" in m
               for m in got.values())  # fmt: skip
    # a target retyped with a remark after it is no longer as sent, nor is a note typed
    # over the previous figure (both named, with where a figure and a remark go)
    assert "write the figure in '数值' and a remark in '备注'" in got[rows[keys[0]]]
    # an earlier year's figure typed over 此前最近数字 has the shape of the one sent: the
    # hidden copy as written tells them apart (the diff review); without it (a workbook of
    # an older release) the shape rule stands
    wb = load_workbook(path)
    ws = wb[REQUEST_SHEET]
    k = keys[0]
    ws.cell(rows[k], COL["request.col.previous"]).value = f"9,350家（{k[1] - 1}年）"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations([path])
    # (the message quotes the cell as read: full-width brackets made plain)
    assert f"'9,350家({k[1] - 1}年)' was typed over the grey reference cell" in str(err.value)
    ws.cell(rows[k], COL["request.col.sent_previous"]).value = None
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations([path])
    assert f"'9,350家({k[1] - 1}年)'" not in str(err.value)  # as sent by its shape
    # the cells as sent (a year before the row's, a comparison, a growth rate) are no answer
    untouched = tmp_path / "untouched.xlsx"
    untouched.write_bytes((requests / SCI).read_bytes())
    load_observations([untouched])  # no problem (its pre-filled rows load as they were)


def test_a_request_with_its_header_row_deleted_is_named_on_its_own_sheet(requests, tmp_path):
    """With the header row deleted, the messages named the cover sheet, three times ("required
    column 'indicator_id' ... the header row has: '廊坊市企业科技创新指标数据征集表'")."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    wb = load_workbook(path)
    ws = wb[REQUEST_SHEET]
    header = next(r for r in range(1, 10) if ws.cell(r, COL["indicator_id"]).value
                  and "indicator_id" in str(ws.cell(r, COL["indicator_id"]).value))  # fmt: skip
    ws.delete_rows(header)
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    [problem] = err.value.problems
    assert "looks like a data row, not a header ('tech_smes'" in problem.message
    assert "the header row is missing (deleted?)" in problem.message


def test_a_formula_without_its_value_in_a_request_is_one_problem(requests, tmp_path):
    """A formula Excel never computed read as an empty value cell too: "the row gives a 来源
    but no figure" came before the formula's own line, and was wrong."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    ws = load_workbook(path)[REQUEST_SHEET]
    key = next(k for k, r in _rows(ws).items() if ws.cell(r, COL["value"]).value is None)
    _fill(path, {key: {"value": "=D2*2", "source": "市统计局公报"}})
    row = _rows(load_workbook(path)[REQUEST_SHEET])[key]
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    mine = [p.message for p in err.value.problems if p.row == row]
    assert len(mine) == 1 and "formula" in mine[0], mine


def test_a_no_figure_word_in_a_request_says_to_clear_the_cell(requests, tmp_path):
    """'未统计' or '—' got "leave the row out" - but a request's notes say never to delete
    rows."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2022): {"value": "未统计"}, ("tech_smes", 2021): {"value": "—"}})
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 2
    assert all("clear the value cell" in m and "leave the row out" not in m for m in messages)
    # and so does the Chinese message the command line prints first
    chinese = [p.message_zh for p in err.value.problems]
    assert all("清空数值单元格" in m and "删去该行" not in m for m in chinese), chinese


def test_a_row_added_at_the_end_and_an_empty_status_read_as_the_notes_say(requests, tmp_path):
    """Note 9: an empty status counts as final; a revision of an earlier year, or a year the
    sheet does not list, goes in a row added at the end."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    wb = load_workbook(path)
    notes = [c.value for c in wb["填表说明 notes"]["A"]]
    assert any(str(n).startswith("状态留空按正式数处理") for n in notes)
    ws = wb[REQUEST_SHEET]
    key = ("high_tech_enterprises", 2024)
    ws.cell(_rows(ws)[key], COL["value"]).value = 1400  # status left empty
    end = ws.max_row + 1
    for col, value in {"indicator_id": "high_tech_enterprises", "region": "langfang",
                       "year": 2022, "value": 1250, "unit": "家", "status": "修订数",
                       "source": "市科技局更正"}.items():  # fmt: skip
        ws.cell(end, COL[col]).value = value
    wb.save(path)
    df = load_observations(path).set_index(["indicator_id", "year"])
    assert df.loc[key, "status"] == "final" and df.loc[key, "value"] == 1400
    assert df.loc[("high_tech_enterprises", 2022), "status"] == "revised"


def test_a_later_round_is_named_so_it_never_replaces_an_earlier_return(requests, held, tmp_path):
    """Every round's workbook was 数据征集表_<部门>.xlsx and the cover says to keep the name and
    put every return in one folder: the second round's return replaced the first, whose
    nine answers were then asked for again."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("tech_smes", 2021): {"value": 9100, "status": "正式数 final",
                                                 "source": "市科技局年报"}})  # fmt: skip
    second = tmp_path / "second"
    datarequest.write_requests(second, observations_path=[config.OBSERVATIONS_FILE, held,
                                                          returned])  # fmt: skip
    names = sorted(p.name for p in second.iterdir())
    assert "数据征集表_市科技局_第2轮.xlsx" in names and SCI not in names
    # every department is in round 2, returned or not; the cover says which round it is
    assert "数据征集表_市市场监督管理局_第2轮.xlsx" in names and MARKET not in names
    cover = [c.value for c in load_workbook(second / names[0]).worksheets[0]["A"] if c.value]
    assert cover[0] == "廊坊市企业科技创新指标数据征集表（第2轮）"
    assert any("“…_第3轮.xlsx”" in line for line in cover)
    # the second round's return beside the first: both are read, and the third round follows
    back = returned / "数据征集表_市科技局_第2轮.xlsx"
    back.write_bytes((second / "数据征集表_市科技局_第2轮.xlsx").read_bytes())
    first = min(_rows(load_workbook(back)[REQUEST_SHEET]).items(), key=lambda kv: kv[1])[0]
    _fill(back, {first: {"note": "尚未发布"}})  # answered with a note (unfilled is no round)
    third = tmp_path / "third"
    datarequest.write_requests(third, observations_path=[config.OBSERVATIONS_FILE, held,
                                                         returned])  # fmt: skip
    assert "数据征集表_市科技局_第3轮.xlsx" in {p.name for p in third.iterdir()}
    wb = load_workbook(third / "数据征集表_市科技局_第3轮.xlsx")
    asked = set(_rows(wb[REQUEST_SHEET]))
    assert ("tech_smes", 2021) not in asked  # answered in round 1, not asked again
    assert datarequest.request_rounds(["a/数据征集表_市科技局.xlsx", "数据征集表_市科技局_第4轮.xlsx",
                                       "other.xlsx"]) == {"市科技局": 4}  # fmt: skip


def test_a_request_put_back_unfilled_is_not_a_returned_round(requests, held, tmp_path, capsys):
    """A blank request copied into the folder of returns counted as a round: the next
    requests were "_第2轮" before anyone had answered the first. A request returned with a
    note alone ("not published yet") was answered, and counts."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())  # put back as sent
    inputs = [str(config.OBSERVATIONS_FILE), str(held), str(returned)]
    again = tmp_path / "again"
    assert cli.main(["request", str(again), "--no-shipped", "--observations", *inputs,
                     "--lang", "en"]) == 0  # fmt: skip
    names = {p.name for p in again.iterdir()}
    assert SCI in names and "数据征集表_市科技局_第2轮.xlsx" not in names
    err = capsys.readouterr().err
    assert f"{SCI} answers nothing (no figure or note beyond what it was sent with)" in err
    # in Chinese by default, as a clerk reads it (the lines were English only)
    assert cli.main(["request", str(tmp_path / "zh"), "--no-shipped", "--observations",
                     *inputs]) == 0  # fmt: skip
    said = capsys.readouterr()
    assert f"{SCI} 未填写任何新数字或说明（与发出时相同），不计为已返回的一轮" in said.err
    assert "已写出征集表：" in said.out and "份征集表，位于" in said.out
    # it gives the figure it was pre-filled with (9500, a lower bound), which answers nothing
    sent = load_observations(inputs)
    name = next(k for k in sent.attrs["rows_by_file"] if k.endswith(SCI))
    assert sent.attrs["rows_by_file"][name] >= 1 and sent.attrs["answers_by_file"][name] == 0
    assert cli.main(["validate", "--no-shipped", "--lang", "en", *inputs]) == 0
    assert "gives only the figures its request was pre-filled with" in capsys.readouterr().err
    assert cli.main(["validate", "--no-shipped", *inputs]) == 0  # in Chinese by default
    assert "只有征集表预填的数字，且未作改动" in capsys.readouterr().err
    # and run says it too (it said nothing of a form sent back blank)
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out), "--no-notebooks", "--no-shipped",
                     "--observations", *inputs]) == 0  # fmt: skip
    assert "只有征集表预填的数字，且未作改动" in capsys.readouterr().err
    # the same figure given as final is an answer
    _fill(returned / SCI, {("tech_smes", 2023): {"status": "正式数 final"}})
    assert load_observations(inputs).attrs["answers_by_file"][name] == 1
    # the same status spelt another way is no change (it counted as an answer)
    _fill(returned / SCI, {("tech_smes", 2023): {"status": "lower_bound"}})
    assert load_observations(inputs).attrs["answers_by_file"][name] == 0
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    # the same workbook with a note on a row left without a figure is an answer
    _fill(returned / SCI, {("tech_smes", 2021): {"note": "2021年数据尚未发布"}})
    third = tmp_path / "third"
    datarequest.write_requests(third, observations_path=inputs)
    assert "数据征集表_市科技局_第2轮.xlsx" in {p.name for p in third.iterdir()}
    obs = load_observations(inputs)
    assert datarequest.returned_requests([returned / SCI, held], obs) == ([returned / SCI], [])


def test_a_renamed_return_keeps_its_department_and_round(requests, held, tmp_path, capsys):
    """The round was read from the file name alone: a round-2 return saved as
    "…_第2轮-已填.xlsx" read as round 1 of a department "市科技局_第2轮-已填", and the next
    requests took the names of the round-2 forms already sent. The cover names both."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("tech_smes", 2021): {"value": 9100, "status": "正式数 final",
                                                 "source": "市科技局年报"}})  # fmt: skip
    inputs = [config.OBSERVATIONS_FILE, held, returned]
    second = tmp_path / "second"
    datarequest.write_requests(second, observations_path=inputs)
    back = returned / "数据征集表_市科技局_第2轮-已填.xlsx"  # renamed by its sender
    back.write_bytes((second / "数据征集表_市科技局_第2轮.xlsx").read_bytes())
    first = min(_rows(load_workbook(back)[REQUEST_SHEET]).items(), key=lambda kv: kv[1])[0]
    _fill(back, {first: {"note": "尚未发布"}})
    assert datarequest.request_of(back) == ("市科技局", 2)
    third = tmp_path / "third"
    datarequest.write_requests(third, observations_path=inputs)
    assert "数据征集表_市科技局_第3轮.xlsx" in {p.name for p in third.iterdir()}
    # its note is shown to the bureau that wrote it, in the next request's 上次说明 column
    ws = load_workbook(third / "数据征集表_市科技局_第3轮.xlsx")[REQUEST_SHEET]
    said = ws.cell(_rows(ws)[first], COL["request.col.said"]).value
    assert said == "尚未发布"
    # a form renamed beyond recognition and put back as sent is still named as no answer
    (returned / "科技局反馈.xlsx").write_bytes((requests / MARKET).read_bytes())
    assert datarequest.request_of(returned / "科技局反馈.xlsx") == ("市市场监督管理局", 1)
    assert cli.main(["request", str(tmp_path / "fourth"), "--observations", str(held),
                     str(returned), "--lang", "en"]) == 0  # fmt: skip
    assert "科技局反馈.xlsx answers nothing" in capsys.readouterr().err
    # a name alone (a listing, a file not at hand) is still read as request names them
    assert datarequest.request_of("x/数据征集表_市财政局_第4轮 (1).xlsx") == ("市财政局", 4)


def test_two_copies_of_one_return_are_named(requests, held, tmp_path, capsys):
    """A renamed return and a "副本" backup of it in another folder merged without a word,
    and the copy became the origin the checks named (the officer's review): run and
    validate say which files answer one request, by their paths (two copies of one name
    looked alike), and leave out a request as it was sent, which gave nothing (the
    statistician's review)."""
    returned = tmp_path / "returned"
    (returned / "备份").mkdir(parents=True)
    back, copy = returned / "统计局反馈.xlsx", returned / "备份" / "数据征集表_市科技局 - 副本.xlsx"
    for path in (back, copy):
        path.write_bytes((requests / SCI).read_bytes())
        _fill(path, {("tech_smes", 2021): {"value": 9100, "status": "正式数 final",
                                           "source": "市科技局年报"}})  # fmt: skip
    (returned / "市场监管局.xlsx").write_bytes((requests / MARKET).read_bytes())
    files = sorted(str(p) for p in returned.rglob("*.xlsx"))
    [line] = datarequest.same_return_lines(files, "zh")
    assert line == f"市科技局第1轮：{copy}、{back}"
    assert datarequest.same_return_lines([f for f in files if "备份" not in f], "en") == []
    assert cli.main(["validate", "--lang", "en", str(returned)]) == 0
    err = capsys.readouterr().err
    assert "NOTE: 1 set of files answer the same request (one department, one round)" in err
    assert "if one is an older copy, remove it" in err  # two offices' parts are not copies
    assert f"Science and Technology Bureau, round 1: {copy}, {back}" in err
    # a request put back as it was sent gave nothing: no second return
    (returned / "数据征集表_市科技局.xlsx").write_bytes((requests / SCI).read_bytes())
    copy.unlink()
    assert cli.main(["validate", "--lang", "en", str(returned)]) == 0
    assert "answer the same request" not in capsys.readouterr().err


def test_a_returns_department_and_round_survive_an_edited_cover(requests, tmp_path):
    """They were read back from the cover's words alone: "致: 市科技局" (a half-width colon)
    or a row added above the title left a renamed return without its department and round,
    its notes without their owner and the next round numbered from 1 (the code review). The
    request records both in a hidden defined name; an older request, without it, is still
    read from its cover, edited so."""
    back = tmp_path / "科技局反馈.xlsx"
    back.write_bytes((requests / SCI).read_bytes())
    wb = load_workbook(back)
    assert wb.defined_names[datarequest.IDENTITY_NAME].hidden
    cover = wb.worksheets[0]
    cover.insert_rows(1)
    cover["A1"] = "（内部流转）"
    for cell in cover["A"]:
        if isinstance(cell.value, str) and cell.value.startswith("致："):
            cell.value = "致: 廊坊市科学技术局"  # rewritten by the bureau itself
    wb.save(back)
    assert datarequest.request_of(back) == ("市科技局", 1)
    del wb.defined_names[datarequest.IDENTITY_NAME]  # a request written before the name
    older = tmp_path / "旧表.xlsx"
    wb.save(older)
    assert datarequest.request_of(older) == ("廊坊市科学技术局", 1)


def test_a_returns_round_is_read_from_its_cover_wherever_it_is_named_from(
    requests, held, tmp_path, monkeypatch
):
    """A return given by a path relative to the working folder was looked for in the
    project and read by its name; notes of two rounds on one row showed the one whose file
    sorted last, not the latest round's; a cover whose addressee the department rewrote
    made the file another department's."""
    second = tmp_path / "second"
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("tech_smes", 2021): {"value": 9100, "status": "正式数 final",
                                                 "source": "市科技局年报"}})  # fmt: skip
    datarequest.write_requests(second, observations_path=[config.OBSERVATIONS_FILE, held,
                                                          returned])  # fmt: skip
    renamed = returned / "0_科技局反馈.xlsx"  # round 2, sorting before round 1's file
    renamed.write_bytes((second / "数据征集表_市科技局_第2轮.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert datarequest.request_of(Path("returned") / renamed.name) == ("市科技局", 2)
    obs = pd.DataFrame()
    obs.attrs["unanswered"] = [
        {"file": str(renamed), "indicator_id": "tech_smes", "year": 2024, "note": "第2轮"},
        {"file": str(returned / SCI), "indicator_id": "tech_smes", "year": 2024,
         "note": "第1轮"},
    ]  # fmt: skip
    assert datarequest.said_before(obs) == {("市科技局", "tech_smes", 2024): "第2轮"}
    wb = load_workbook(renamed)
    cover = wb.worksheets[0]
    to = next(c for c in cover["A"] if str(c.value or "").startswith("致："))
    to.value = "致：廊坊市科学技术局"  # rewritten by the department
    edited = returned / "数据征集表_市科技局_第2轮.xlsx"
    wb.save(edited)
    assert datarequest.request_of(edited) == ("市科技局", 2)


def test_the_cover_says_by_when_and_whom_to_ask_and_why_the_department_is_asked(tmp_path,
                                                                                 capsys):  # fmt: skip
    """A department head found no deadline or contact on the cover, "0 项已预填" where nothing
    was, and "the plan names your department" for indicators the registry only inferred."""
    out = tmp_path / "req"
    args = ["--due", "2027-03-31", "--contact", "张三 0316-1234567"]
    assert cli.main(["request", str(out), *args]) == 0
    wb = load_workbook(out / MARKET)
    cover = [c.value for c in wb.worksheets[0]["A"] if c.value]
    assert "报送截止日期：2027-03-31" in cover and "Please return by: 2027-03-31" in cover
    assert "联系人及电话：张三 0316-1234567" in cover
    assert not any("其中 0 项" in line or "correct: 0." in line for line in cover)
    sheet = wb.worksheets[2]
    header = [c.value for c in sheet[1]]
    col = next(i for i, h in enumerate(header) if str(h).startswith("责任部门"))
    basis = {r[0]: r[col] for r in sheet.iter_rows(min_row=2, values_only=True)}
    science = load_workbook(out / SCI).worksheets[2]  # high-tech enterprises are asked of it
    basis.update((r[0], r[col]) for r in science.iter_rows(min_row=2, values_only=True))
    assert (
        "（方案明确指定 / named by the plan）\n数据提供：市科技局" in basis["high_tech_enterprises"]
    )
    assert "（据相关措施推定 / inferred from a related measure: 四(三)11" in basis[
        "high_value_patents_per_10k"]  # fmt: skip
    # without them, blanks to fill by hand; a date that is no date is refused
    blank = tmp_path / "blank"
    assert cli.main(["request", str(blank)]) == 0
    cover = [c.value for c in load_workbook(blank / MARKET).worksheets[0]["A"] if c.value]
    assert "报送截止日期：＿＿＿＿年＿＿月＿＿日" in cover
    capsys.readouterr()
    with pytest.raises(SystemExit):
        cli.main(["request", str(tmp_path / "bad"), "--due", "2027-02-30"])
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_a_row_left_empty_with_a_note_is_said_and_shown_again(joint, held, tmp_path, capsys):
    """The notes sheet asks a department to clear the value and say why in the note; the
    note was dropped with the unanswered row: read by no one, and the next request asked
    the row as if never answered. It comes back to that department only, beside the row
    (in its own note column it stuck to the figure given later), and is no longer said
    once the figure is in."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / MARKET).write_bytes((joint / MARKET).read_bytes())
    _fill(returned / MARKET, {("high_tech_enterprises", 2024): {"note": "2024年数据尚未发布"}})
    assert cli.main(["validate", str(held), str(returned)]) == 0
    err = capsys.readouterr().err
    assert "注意：有 1 个征集的数字留空并附了说明" in err
    assert "“高新技术企业数量”（high_tech_enterprises）2024年：“2024年数据尚未发布”" in err
    assert MARKET in err
    assert cli.main(["validate", "--lang", "en", str(held), str(returned)]) == 0
    err = capsys.readouterr().err
    assert "NOTE: 1 requested figure left empty with a note" in err
    assert "high_tech_enterprises 2024: “2024年数据尚未发布”" in err and MARKET in err
    again = tmp_path / "again"
    datarequest.write_requests(again, observations_path=[config.OBSERVATIONS_FILE, held,
                                                         returned])  # fmt: skip
    name = "数据征集表_市市场监督管理局_第2轮.xlsx"
    ws = load_workbook(again / name)[REQUEST_SHEET]
    said = COL["request.col.said"]
    row = _rows(ws)[("high_tech_enterprises", 2024)]
    assert ws.cell(row, said).value == "2024年数据尚未发布"
    assert ws.cell(row, COL["note"]).value is None  # the department's own note stays its own
    other = load_workbook(again / "数据征集表_市科技局_第2轮.xlsx")[REQUEST_SHEET]  # another bureau
    assert other.cell(_rows(other)[("high_tech_enterprises", 2024)], said).value is None
    # answered in the next round (the shown note left beside it): the figure carries no
    # borrowed note, and the note of the round before is no longer said
    (returned / name).write_bytes((again / name).read_bytes())
    _fill(returned / name, {("high_tech_enterprises", 2024): {"value": 1500,
                                                              "status": "正式数 final"}})  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, held, returned])
    got = obs[(obs["indicator_id"] == "high_tech_enterprises") & (obs["year"] == 2024)
              & (obs["region"] == "langfang")]  # fmt: skip
    assert list(got["value"]) == [1500.0] and list(got["note"]) == [""]
    assert obs.attrs["unanswered"] == []


def test_a_return_saved_as_a_copy_still_counts_as_its_round():
    """A browser's "(1)" copy and an upper-case extension were not read as returns, and the
    next round's number repeated one already out."""
    names = ["数据征集表_市科技局 (1).xlsx", "数据征集表_市科技局_第2轮（1）.XLSX",
             "数据征集表_市财政局.xlsx", "说明.xlsx"]  # fmt: skip
    assert datarequest.request_rounds(names) == {"市科技局": 2, "市财政局": 1}
    # one round for every department: a bureau that skipped round 2 is not asked under the
    # name of the request it left unanswered
    assert datarequest.next_round({"市科技局": 2, "市财政局": 1}) == 3
    assert datarequest.next_round({}) == 1
    assert datarequest.request_name("市税务局", 3) == "数据征集表_市税务局_第3轮.xlsx"
    assert datarequest.request_name("市税务局", 1) == "数据征集表_市税务局.xlsx"


def test_a_figure_to_verify_is_asked_of_the_department_that_sent_it(joint, held, tmp_path):
    """A red row went to every department of a joint indicator: two of them could correct it
    differently (a conflict), and one returning it untouched became its origin."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / MARKET).write_bytes((joint / MARKET).read_bytes())
    _fill(returned / MARKET, {("high_tech_enterprises", 2023): {
        "value": 13200, "status": "正式数 final", "source": "市场监管局统计"}})  # fmt: skip
    again = tmp_path / "again"
    datarequest.write_requests(again, observations_path=[config.OBSERVATIONS_FILE, held,
                                                         returned])  # fmt: skip
    market = load_workbook(again / "数据征集表_市市场监督管理局_第2轮.xlsx")[REQUEST_SHEET]
    assert ("high_tech_enterprises", 2023) in _rows(market)
    science = load_workbook(again / "数据征集表_市科技局_第2轮.xlsx")[REQUEST_SHEET]
    assert ("high_tech_enterprises", 2023) not in _rows(science)
    assert ("high_tech_enterprises", 2024) in _rows(science)  # still owed by all of them


def test_a_wide_request_sheet_prints_across_pages_legibly(requests):
    """The request sheet's 17 columns fitted one page at about 51 % (5.6 pt), while the main
    workbook went two pages across with the indicator repeated."""
    from langfang_metrics.export import MIN_PRINT_SCALE, PAGE_WIDTH_UNITS

    wb = load_workbook(requests / MARKET)
    for ws in wb:
        widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQ"[: ws.max_column]]
        across = int(ws.page_setup.fitToWidth)
        fits = sum(widths) * MIN_PRINT_SCALE <= PAGE_WIDTH_UNITS
        assert across == 1 if fits else across > 1, ws.title
    request = wb[REQUEST_SHEET]
    assert int(request.page_setup.fitToWidth) >= 2 and request.print_title_cols == "$A:$B"
    assert request.page_setup.pageOrder == "overThenDown"


def test_the_notes_sheet_explains_what_was_said_last_time(requests):
    """The grey column 上次说明 came with no word on what it is or whether to write again."""
    wb = load_workbook(requests / MARKET)
    notes = [c.value or "" for c in wb["填表说明 notes"]["A"]]
    said = labels.label("request.col.said", "zh")
    assert any(said in text and "备注" in text for text in notes)


def test_a_pre_filled_figure_made_final_without_a_source_is_named(requests, held, tmp_path,
                                                                   capsys):  # fmt: skip
    """A lower bound returned with only its status changed to final entered the series as a
    final figure with no source, and nothing said so (the form asks for the source)."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("tech_smes", 2023): {"status": "正式数 final"}})
    inputs = [str(config.OBSERVATIONS_FILE), str(held), str(returned)]
    obs = load_observations(inputs)
    mine = obs[obs["origin_file"].str.endswith(SCI)]
    assert mine.set_index(["indicator_id", "year"]).loc[("tech_smes", 2023), "status"] == "final"
    row = _rows(load_workbook(returned / SCI)[REQUEST_SHEET])[("tech_smes", 2023)]
    (line,) = observations.promoted_lines(obs)
    assert line.endswith(f"{SCI} [{REQUEST_SHEET}] row {row}")
    assert cli.main(["validate", "--no-shipped", "--lang", "en", *inputs]) == 0
    assert "made a pre-filled figure final (or revised, or chained) without a source" in (
        capsys.readouterr().err
    )
    assert cli.main(["validate", "--no-shipped", *inputs]) == 0
    err = capsys.readouterr().err
    assert "把预填的数字改成了正式数（或修订数、衔接数）却没有写出处" in err
    assert err.rstrip().endswith(f"{SCI} [{REQUEST_SHEET}] 第 {row} 行")
    # with its source it is a final figure as the form asks: nothing to say
    _fill(returned / SCI, {("tech_smes", 2023): {"status": "正式数 final", "source": "年报"}})
    assert observations.promoted_lines(load_observations(inputs)) == []


@pytest.mark.slow
def test_a_departments_note_reaches_the_planners_pages(requests, held, tmp_path):
    """A department's note on a year it left without a figure reached its next request and
    the console only: a planner reading the landing page, the workbook or the brief saw the
    year owed and no word of why. The notes are a processed table, shown beside the years
    owed, and a note whose figure has arrived since is no longer shown."""
    from langfang_metrics import brief, compute, export, landing

    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("high_tech_enterprises", 2024): {"note": "认定工作延期，暂无数据"},
                           ("tech_smes", 2022): {"note": "旧口径，不再统计"}})  # fmt: skip
    arrived = tmp_path / "arrived.csv"
    arrived.write_text(HELD_CSV.splitlines()[0] + "\ntech_smes,langfang,2022,9012,家,final,"
                       "test bulletin,,,,\n", encoding="utf-8")  # fmt: skip
    reg = (registry.load_indicators(), registry.load_targets())
    obs = load_observations([config.OBSERVATIONS_FILE, held, returned])
    notes = datarequest.department_notes(obs)
    assert list(notes.columns) == datarequest.NOTE_COLUMNS
    assert list(zip(notes["indicator_id"], notes["year"], notes["note"], strict=True)) == [
        ("high_tech_enterprises", 2024, "认定工作延期，暂无数据"),
        ("tech_smes", 2022, "旧口径，不再统计"),
    ]
    assert set(notes["department_zh"]) == {"市科技局"} and set(notes["round"]) == {1}
    assert set(notes["department_en"]) == {labels.department_label("市科技局", "en")}

    later = [config.OBSERVATIONS_FILE, held, returned, arrived]
    r = compute.compute_all(*reg, load_observations(later), registry.load_fiscal_parameters())
    assert list(zip(r.department_notes["indicator_id"], r.department_notes["year"],
                    strict=True)) == [("high_tech_enterprises", 2024)]  # fmt: skip

    reports = tmp_path / "reports"
    reports.mkdir()
    page = landing.write_landing(r, reports)[0].read_text(encoding="utf-8")
    section = page.split(labels.label("landing.missing", "zh"), 1)[1].split("<h2", 1)[0]
    assert f'<th scope="col">{labels.label("col.department_notes", "zh")}</th>' in section
    row = next(tr for tr in section.split("<tr") if "市科技局" in tr and "高新技术企业数量<" in tr)
    assert "2024年：认定工作延期，暂无数据" in row
    assert "旧口径" not in page  # the figure came; the excuse went

    wb = load_workbook(export.write_results_workbook(r, tmp_path / "r.xlsx", lang="en"))
    ws = wb[labels.sheet_name("missing")]
    head = [c.value for c in ws[1]]
    col = head.index(labels.bilingual("col.department_notes")) + 1
    got = {(ws.cell(i, head.index(labels.bilingual("col.indicator_id")) + 1).value,
            ws.cell(i, head.index(labels.bilingual("col.year")) + 1).value): ws.cell(i, col).value
           for i in range(2, ws.max_row + 1)}  # fmt: skip
    dept = labels.department_label("市科技局", "en")
    assert got[("high_tech_enterprises", 2024)] == f"{dept}: 认定工作延期，暂无数据"
    assert not got[("high_tech_enterprises", 2025)]

    text = "".join(brief.missing_sentences(r, lang="zh"))
    assert "部门说明：高新技术企业数量2024年，“认定工作延期，暂无数据”。" in text
    en = " ".join(brief.missing_sentences(r, lang="en"))
    assert "). Its notes: High-tech enterprises 2024, “认定工作延期，暂无数据”." in en  # spaced

    # a department the registry does not name for the indicator (a return another bureau
    # answered): its notes showed in the workbook only (found by the diff review)
    other = r.department_notes.assign(department_zh="市审计局", department_en="Audit Bureau")
    r2 = dataclasses.replace(r, department_notes=other)
    page = landing.landing_html(r2, lang="zh")
    owed = page.split(labels.label("landing.missing", "zh"), 1)[1].split("<h2", 1)[0]
    row = next(tr for tr in owed.split("<tr") if "市科技局" in tr and "高新技术企业数量<" in tr)
    assert "2024年（市审计局）：认定工作延期，暂无数据" in row
    text = "".join(brief.missing_sentences(r2, lang="zh"))
    assert "其他部门说明：市审计局：高新技术企业数量2024年，“认定工作延期，暂无数据”。" in text
    # a note naming its year is not prefixed with it again
    dated = r.department_notes.assign(note="2024年数据尚未发布")
    page = landing.landing_html(dataclasses.replace(r, department_notes=dated), lang="zh")
    assert "2024年数据尚未发布" in page and "2024年：2024年数据尚未发布" not in page


def test_a_unit_typed_in_the_value_cell_against_the_pre_filled_unit_says_what_to_do(
    requests, tmp_path
):
    """'605000万元' typed beside the pre-filled 亿元 was refused with "keep one unit", though
    the clerk never typed the unit cell (found by the clerk review)."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / STATS).write_bytes((requests / STATS).read_bytes())
    _fill(returned / STATS, {("rd_spending", 2022): {"value": "605000万元"}})
    ws = load_workbook(returned / STATS)[REQUEST_SHEET]
    assert ws.cell(_rows(ws)[("rd_spending", 2022)], COL["unit"]).value == "亿元"  # pre-filled
    with pytest.raises(DataValidationError) as err:
        load_observations(returned / STATS)
    text = str(err.value)
    assert "the value cell says '万元' but the unit column says '亿元'" in text
    assert "type the number alone" in text and "pick the unit from its drop-down" in text


def test_a_unit_clash_in_a_request_offers_only_what_the_row_can_take(requests, tmp_path):
    """'1.03万家' in a 家 row was told to set the unit to '万家', and '5%' to set it to '%',
    from a drop-down that offers '家' alone and stops anything typed (the statistician's
    review): the number alone is asked for, converted when the conversion is certain."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    _fill(returned / SCI, {("tech_smes", 2024): {"value": "1.03万家"},
                           ("tech_smes", 2023): {"value": "5%"}})  # fmt: skip
    ws = load_workbook(returned / SCI)[REQUEST_SHEET]
    rows = _rows(ws)
    with pytest.raises(DataValidationError) as err:
        load_observations(returned / SCI)
    said = {p.row: (p.message, p.message_zh) for p in err.value.problems}
    en, zh = said[rows[("tech_smes", 2024)]]
    assert "type the number alone in the value cell: 10300 (in '家')" in en
    assert "在数值单元格只填数字10300，单位为“家”" in zh
    assert "drop-down offers only '家'" in en and "set the unit column" not in en
    assert "单位列改为" not in zh
    en, zh = said[rows[("tech_smes", 2023)]]
    assert "'%'" in en and "set the unit column" not in en and "单位列改为" not in zh
    assert "cannot be given in '%'" in en and "不能填“%”" in zh


def _answered_request(requests: Path, tmp_path: Path) -> Path:
    """市科技局's request returned with one figure (tech-based SMEs 2024: 10,300), in a folder
    of returns: the workbook a department's extra sheet is added to."""
    returned = tmp_path / "returned"
    returned.mkdir()
    path = returned / SCI
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"value": 10300}})
    return path


def test_a_request_reads_its_request_sheet_and_names_a_sheet_of_detail_beside_it(
    requests, tmp_path, capsys
):
    """A county breakdown added as a sheet (分县明细: 地区/年份/指标/数值) made two data
    sheets and refused the whole return, telling the clerk to save the county sheet as a
    file, which would be refused for its regions (the statistician's review). The request
    sheet is read; the other sheet is named as not read."""
    path = _answered_request(requests, tmp_path)
    wb = load_workbook(path)
    detail = wb.create_sheet("分县明细")
    for row in (("地区", "年份", "指标", "数值"), ("三河市", 2025, "高新技术企业数量", 310)):
        detail.append(row)
    wb.save(path)
    obs = load_observations(path)
    assert obs.attrs["unread_sheets"] == [{"file": observations.shown_path(path),
                                           "sheet": "分县明细", "other": 1, "rows": 0}]  # fmt: skip
    assert set(obs["origin_sheet"]) == {REQUEST_SHEET} and 10300 in obs["value"].tolist()
    assert cli.main(["validate", "--no-shipped", "--lang", "en", str(path)]) == cli.EXIT_OK
    err = capsys.readouterr().err
    # the NOTE says what the sheet held (a county's figure, its region not registered)
    assert ("NOTE: 1 sheet not read: a request workbook's figures are read from sheet "
            f"'{REQUEST_SHEET}' only; put figures to report in that sheet:\n"
            f"  {observations.shown_path(path)} [分县明细]: holds 1 figure of other regions, "
            "not read\n") in err  # fmt: skip
    # a row naming no registered indicator is no figure of anyone's: said apart
    wb = load_workbook(path)
    wb["分县明细"].append(("三河市", 2025, "县级自定指标", 7))
    wb.save(path)
    assert cli.main(["validate", "--no-shipped", str(path)]) == cli.EXIT_OK
    assert (f"  {observations.shown_path(path)} [分县明细]：有 1 个其他地区的数字，"
            "有 1 行不能作为数字读入，未读取\n") in capsys.readouterr().err  # fmt: skip
    # a filled copy of the request sheet holds a second set of answers: refused, and told
    # which sheet is read
    wb = load_workbook(path)
    del wb["分县明细"]
    wb.copy_worksheet(wb[REQUEST_SHEET]).title = "征集 request 2025"
    wb.save(path)
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert problem.message.startswith(
        f"sheet '征集 request 2025' is a copy of the request sheet '{REQUEST_SHEET}'"
    )
    assert "delete '征集 request 2025'" in problem.message and "“征集 request 2025”" in (
        problem.message_zh)  # fmt: skip


def test_a_request_with_a_sheet_of_home_figures_beside_it_is_refused_and_nothing_is_written(
    requests, tmp_path, capsys
):
    """A 数据 data sheet a department added more years of langfang to, beside the request
    sheet, was named after NOTE: as not read and the run exited 0: its figures were lost
    (the code review). Read as data would be, its home figures refuse the workbook, named
    with their count and where they belong, and the refused run writes nothing."""
    path = _answered_request(requests, tmp_path)
    wb = load_workbook(path)
    data = wb.create_sheet(config.TEMPLATE_DATA_SHEET)
    # two home figures (one with no region, read as the home region) and a county's
    for row in (
        ("指标代码", "地区", "年份", "数值"),
        ("tech_smes", "", 2019, 9000),
        ("tech_smes", "廊坊市", 2020, 9500),
        ("tech_smes", "三河市", 2020, 310),
    ):
        data.append(row)  # fmt: skip
    wb.save(path)
    out = tmp_path / "out"

    def on_disk() -> dict[str, str]:
        return {str(f): hashlib.sha256(f.read_bytes()).hexdigest()
                for f in sorted(tmp_path.rglob("*")) if f.is_file()}  # fmt: skip

    before = on_disk()
    code = cli.main(["run", "--out", str(out), "--no-notebooks", "--no-shipped", "--lang", "en",
                     "--observations", str(path)])  # fmt: skip
    err = capsys.readouterr().err
    # the return is as it was, and no output was written (the run's empty lock file aside)
    after = on_disk()
    lock = str(out / pipeline.LOCK_NAME)
    assert code == cli.EXIT_INVALID and {k: v for k, v in after.items() if k != lock} == before
    assert set(after) - set(before) <= {lock} and not (out / "processed").exists()
    sheet = config.TEMPLATE_DATA_SHEET
    assert (f"[{sheet}], row 2: sheet '{sheet}' holds 2 figures of {config.HOME_REGION} "
            "(the home region; a row without a region counts as it), and a request "
            f"workbook's figures are read from sheet '{REQUEST_SHEET}' only: move those rows "
            f"into sheet '{REQUEST_SHEET}' (or delete '{sheet}' if it is only a working "
            "copy)") in err  # fmt: skip
    assert "NOTE: 1 sheet not read" not in err
    with pytest.raises(DataValidationError) as found:
        load_observations(path)
    (problem,) = found.value.problems
    assert (problem.sheet, problem.row) == (sheet, 2)
    assert f"工作表“{sheet}”中有 2 个本市（{config.HOME_REGION}）的数字" in problem.message_zh
    assert f"请把这些行移到工作表“{REQUEST_SHEET}”中" in problem.message_zh


def test_a_note_stands_until_a_figure_answers_its_row(requests, held, tmp_path):
    """A note on a year held only as a lower bound (a row still owed) was dropped as if the
    bound answered it, and so was a note on a row asking for a preliminary figure's final
    (found by the diff review). A figure that counts answers a row that asked for a figure;
    only a final or revised one answers a row that asked for the final."""
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / SCI).write_bytes((requests / SCI).read_bytes())
    # tech_smes 2023 is held as a lower bound (HELD_CSV): its row is pre-filled with it
    _fill(returned / SCI, {("tech_smes", 2023): {"value": None, "status": None,
                                                 "note": "正式数待统计年报"},
                           ("tech_smes", 2024): {"note": "尚未发布"}})  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, held, returned])
    said = {(u["indicator_id"], u["year"]) for u in obs.attrs["unanswered"]}
    assert said == {("tech_smes", 2023), ("tech_smes", 2024)}
    # a preliminary figure answers a row that asked for a figure
    prelim = tmp_path / "prelim.csv"
    prelim.write_text(HELD_CSV.splitlines()[0] + "\ntech_smes,langfang,2024,9800,家,"
                      "preliminary,test bulletin,,,,\n", encoding="utf-8")  # fmt: skip
    obs = load_observations([config.OBSERVATIONS_FILE, held, returned, prelim])
    assert {(u["indicator_id"], u["year"]) for u in obs.attrs["unanswered"]} == {
        ("tech_smes", 2023)}  # fmt: skip
    # a row that asked for the final of a preliminary figure: only a final answers it
    again = tmp_path / "again"
    datarequest.write_requests(again, observations_path=[config.OBSERVATIONS_FILE, held,
                                                         returned, prelim])  # fmt: skip
    name = "数据征集表_市科技局_第2轮.xlsx"
    second = tmp_path / "second"
    second.mkdir()
    (second / name).write_bytes((again / name).read_bytes())
    _fill(second / name, {("tech_smes", 2024): {"value": None, "status": None,
                                                "note": "正式数待年报公布"}})  # fmt: skip
    inputs = [config.OBSERVATIONS_FILE, held, returned, prelim, second]
    notes = {(u["indicator_id"], u["year"], u["note"])
             for u in load_observations(inputs).attrs["unanswered"]}  # fmt: skip
    assert ("tech_smes", 2024, "正式数待年报公布") in notes
    final = tmp_path / "final.csv"
    final.write_text(HELD_CSV.splitlines()[0] + "\ntech_smes,langfang,2024,9810,家,final,"
                     "test yearbook,,,,\n", encoding="utf-8")  # fmt: skip
    notes = {(u["indicator_id"], u["year"])
             for u in load_observations([*inputs, final]).attrs["unanswered"]}  # fmt: skip
    assert ("tech_smes", 2024) not in notes


def test_a_departments_request_gives_each_indicators_note_in_chinese_first(requests):
    """The definition column of the 指标说明 sheet was the registry's English note alone
    ("Not the same as all invention patents per 10,000 people"): the departments read
    Chinese (found by the Chinese clerk review)."""
    from langfang_metrics.labels import label

    ind = registry.load_indicators().set_index("indicator_id")
    title = label("request.sheet.indicators", "zh")
    ws = next(s for s in load_workbook(requests / SCI).worksheets if s.title.startswith(title))
    head = [c.value for c in ws[1]]
    col = next(i for i, h in enumerate(head) if h and h.startswith("口径说明"))
    cells = {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    noted = [k for k in cells if ind.at[k, "note"]]
    assert noted and "tech_smes" in noted
    for k in noted:  # what it counts first, then the note (Chinese, then English)
        said = "\n".join(x for x in (ind.at[k, "definition_zh"], ind.at[k, "note_zh"],
                                      ind.at[k, "note"]) if x)  # fmt: skip
        assert cells[k] == said, k
    assert cells["tech_smes"].startswith("按科技部、财政部、国家税务总局《科技型中小企业评价办法》")
    # the officer could not tell which R&D the intensity counts: its definition says
    stats = load_workbook(requests / "数据征集表_市统计局.xlsx")
    ws = next(s for s in stats.worksheets if s.title.startswith(title))
    cells = {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "如指会计上的研发费用，口径不同，请市统计局确认" in cells["industrial_rd_intensity"]


def test_a_code_typed_over_beside_another_indicators_name_is_refused(requests, tmp_path):
    """A department typed high_tech_enterprises over the code of the tech-SME row: its
    1,100 loaded as high-tech firms without a word (the name beside it said 科技型中小企业数量)."""
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"value": 1100, "indicator_id": "high_tech_enterprises"}})
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = [p for p in err.value.problems if "tech_smes" in p.message]
    assert problem.row is not None and "指标代码" in str(problem.column)
    assert (
        "high_tech_enterprises" in problem.message_zh and "科技型中小企业数量" in problem.message_zh
    )
    # with its code and name agreeing the row loads, and so does a name edited into none
    path.write_bytes((requests / SCI).read_bytes())
    _fill(
        path, {("tech_smes", 2024): {"value": 1100, "request.col.name": "科技型中小企业（年末）"}}
    )
    df = load_observations(path)
    assert df.loc[df["year"] == 2024, ["indicator_id", "value"]].values.tolist() == [
        ["tech_smes", 1100.0]
    ]


def test_a_code_typed_over_with_its_name_cleared_is_refused(requests, tmp_path):
    """The statistician review cleared the 中文名称 cell and typed high_tech_enterprises over
    the tech-SME row's code: nothing was left to differ from, and 1,100 loaded as high-tech
    firms. The row's code as sent sits in a hidden column; a code unlike it is refused."""
    import openpyxl

    wb = openpyxl.load_workbook(requests / SCI)
    ws = wb[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    at = header.index("发出时代码 code as sent") + 1
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(at)].hidden
    assert [r[at - 1] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        r[0] for r in ws.iter_rows(min_row=2, values_only=True)]  # fmt: skip
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"value": 1100, "indicator_id": "high_tech_enterprises",
                                       "request.col.name": None}})  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        load_observations(path)
    (problem,) = err.value.problems
    assert "指标代码" in str(problem.column)
    assert "is not the one this row was sent with (tech_smes)" in problem.message
    assert "请改回 tech_smes" in problem.message_zh and "隐藏列“发出时代码”" in problem.message_zh
    # the code as sent, the name cleared: the row loads (its code was not touched)
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"value": 9100, "request.col.name": None}})
    df = load_observations(path)
    assert df.loc[df["year"] == 2024, "indicator_id"].tolist() == ["tech_smes"]
    # a row retitled whole, code and name (or moved by a sort that left the hidden column
    # behind): the clerk's code and name agree, and the row loads (the review's rows were
    # refused, and following the advice made them wrong)
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"value": 1262, "indicator_id": "high_tech_enterprises",
                                       "request.col.name": "高新技术企业数量"}})  # fmt: skip
    df = load_observations(path)
    assert df.loc[df["year"] == 2024, ["indicator_id", "value"]].values.tolist() == [
        ["high_tech_enterprises", 1262.0]]  # fmt: skip


def test_requests_are_written_all_or_none(tmp_path, monkeypatch):
    """A disk that filled after 7 of 11 workbooks left those 7, and the next attempt was
    refused for them unless --force (the flag that can overwrite returned answers)."""
    import errno

    from langfang_metrics import export

    out, staged, real = tmp_path / "requests", [], export._staged

    def fill_up(path, data):
        if len(staged) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        staged.append(path)
        return real(path, data)

    monkeypatch.setattr(export, "_staged", fill_up)
    with pytest.raises(OSError):
        datarequest.write_requests(out)
    assert len(staged) == 3 and list(out.iterdir()) == []  # nothing, no temporary file either
    monkeypatch.setattr(export, "_staged", real)
    written = datarequest.write_requests(out)  # the next attempt needs no --force
    assert len(written) > 3 and sorted(out.iterdir()) == sorted(written)


#: The statistician's case (docs/input-format.md, "Re-basing a series after a change of
#: definition", the first way): Hebei's new definition of the high-tech share, 2023 given on
#: both, and 2025's preliminary 35.0 % chained onto the plan's definition as 41.3 %
#: (35.0 × 38.9 / 33.0), which meets the 40 % target. ``{status}`` is the chained row's.
CHAINED_CSV = (
    "indicator_id,year,value,unit,status,note,published\n"
    "high_tech_industry_share,2023,38.9,%,正式数,,\n"
    "high_tech_industry_share,2023,33.0,%,口径不同,新口径,\n"
    "high_tech_industry_share,2025,35.0,%,口径不同,新口径初步数,2026-02\n"
    "high_tech_industry_share,2025,41.3,%,{status},按2023年新旧口径比值换算（38.9÷33.0），"
    "新口径初步数35.0%,2026-02\n"
)


def _chained_loop(path: Path) -> tuple[dict, set[int], dict[tuple[str, int], str]]:
    """The 2025 high-tech share's gap row, the years whose final figure is owed, and the
    statistics bureau's request rows (key → status held), of the shipped figures and
    ``path``."""
    from langfang_metrics.gaps import gap_assessment

    ind, targets = registry.load_indicators(), registry.load_targets()
    obs = load_observations([str(config.OBSERVATIONS_FILE), str(path)])
    gaps = gap_assessment(ind, targets, obs)
    (row,) = gaps[(gaps["indicator_id"] == "high_tech_industry_share")
                  & (gaps["milestone_year"] == 2025)].to_dict("records")  # fmt: skip
    owed = coverage.owed_of(
        dataclasses.make_dataclass("R", ["observations", "indicators", "targets"])(
            obs, ind, targets
        )
    )
    years = set(owed.loc[owed["indicator_id"] == "high_tech_industry_share", "year"])
    ws = datarequest.build_requests(obs, ind, targets)[STATS][REQUEST_SHEET]
    held = COL["request.col.held_status"]
    asked = {key: ws.cell(r, held).value for key, r in _rows(ws).items()}
    return row, years, asked


def test_a_figure_chained_from_a_preliminary_one_stays_provisional_until_its_final(tmp_path):
    """A preliminary figure on a new definition chained onto the plan's (衔接数) read as a
    final "实际结果", 2025's 40 % target met for good, and no request asked for the final
    figure (the statistician's review). Entered as 衔接初步数 (or 衔接数（初步）) it is as
    provisional as the figure it is chained from: the outcome waits for the final, the year
    is owed, the statistics bureau is asked; a final chained figure then replaces it."""
    from langfang_metrics import views

    for status in ("衔接初步数", "衔接数（初步）", "chained preliminary"):
        path = tmp_path / "chained.csv"
        path.write_text(CHAINED_CSV.format(status=status), encoding="utf-8")
        row, years, asked = _chained_loop(path)
        assert row["latest_status"] == "chained-preliminary" and row["latest_value"] == 41.3
        assert row["status"] == "achieved" and views.provisional_outcome(row), status
        assert views.outcome_words(row) == "初步结果，待正式数"
        assert views.outcome_words(row, "en") == "provisional, final figure pending"
        assert 2025 in years
        assert asked[("high_tech_industry_share", 2025)] == "衔接初步数 chained-preliminary"
    # the 2025 chain checks read it as they read a chained figure: 42.0 is a slip
    from langfang_metrics.observations import check_table

    slip = load_observations(path).assign(value=lambda f: f["value"].where(
        f["status"] != "chained-preliminary", 42.0))  # fmt: skip
    checks = check_table(pd.concat([load_observations(), slip], ignore_index=True),
                         registry.load_indicators())  # fmt: skip
    assert set(checks.loc[checks["check"] == "chain_mismatch", "years"]) == {"2025"}
    # and, as a chained figure, it answers the definition checks its note and rows raise
    assert not {"definition", "definition_note"} & set(checks["check"])
    # the final on the new definition comes, chained again as 衔接数: it is the outcome
    final = path.read_text(encoding="utf-8") + (
        "high_tech_industry_share,2025,35.3,%,口径不同,新口径正式数,2026-06\n"
        "high_tech_industry_share,2025,41.61,%,衔接数,按2023年比值换算，新口径35.3%,2026-06\n"
    )
    path.write_text(final, encoding="utf-8")
    row, years, asked = _chained_loop(path)
    assert (row["latest_status"], row["latest_value"]) == ("chained", 41.61)
    assert not views.provisional_outcome(row) and views.outcome_words(row) == "实际结果"
    assert 2025 not in years and ("high_tech_industry_share", 2025) not in asked


def test_a_plain_chained_figure_still_reads_final(tmp_path):
    """Chained from a final figure, 衔接数 stays an actual outcome and is not asked for again
    (the case before a chained preliminary status: a request had asked to relabel it)."""
    from langfang_metrics import views

    path = tmp_path / "chained.csv"
    path.write_text(CHAINED_CSV.format(status="衔接数"), encoding="utf-8")
    row, years, asked = _chained_loop(path)
    assert (row["latest_status"], row["status"]) == ("chained", "achieved")
    assert not views.provisional_outcome(row) and views.outcome_words(row) == "实际结果"
    assert 2025 not in years and ("high_tech_industry_share", 2025) not in asked


def test_a_chained_preliminary_figure_relabelled_chained_without_a_source_is_named(tmp_path):
    """A pre-filled 衔接初步数 returned as 衔接数 with no source reads as chained from the new
    definition's final, an actual outcome, with nothing said of where that final came from
    (only a figure made final or revised was named)."""
    path = tmp_path / "chained.csv"
    path.write_text(CHAINED_CSV.format(status="衔接初步数"), encoding="utf-8")
    out = tmp_path / "requests"
    datarequest.write_requests(out, observations_path=[config.OBSERVATIONS_FILE, path])
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / STATS).write_bytes((out / STATS).read_bytes())
    key = ("high_tech_industry_share", 2025)
    _fill(returned / STATS, {key: {"status": "衔接数 chained"}})
    inputs = [str(config.OBSERVATIONS_FILE), str(path), str(returned)]
    obs = load_observations(inputs, prefer=[str(returned / STATS)])
    row = _rows(load_workbook(returned / STATS)[REQUEST_SHEET])[key]
    (line,) = observations.promoted_lines(obs)
    assert line.endswith(f"{STATS} [{REQUEST_SHEET}] row {row}")
    # with the final's source it is what the form asks for: nothing to say
    _fill(returned / STATS, {key: {"status": "衔接数 chained", "source": "2025年统计年鉴"}})
    assert (
        observations.promoted_lines(load_observations(inputs, prefer=[str(returned / STATS)])) == []
    )


def test_a_returned_figure_keeps_the_publication_date_written_beside_its_source(requests, tmp_path):
    """The request sheet had no 发布日期 column and its cover says not to add columns: every
    figure returned was undated, so a revision of a year counted as known on any day (a
    --known-by run counted 2023's revision, and 111 undated figures). The column stands
    beside the source; text as typed and an Excel date cell both read."""
    wb = load_workbook(requests / SCI)
    ws = wb[REQUEST_SHEET]
    header = [c.value for c in ws[1]]
    assert header.index("发布日期 published") == header.index("来源 source") + 1
    column = get_column_letter(COL["published"])
    rule = next(dv for dv in ws.data_validations.dataValidation
                if str(dv.sqref).startswith(f"{column}2:"))  # fmt: skip
    assert rule.type == "custom" and rule.errorStyle == "warning" and "留空" in rule.prompt
    notes = [c.value or "" for c in wb["填表说明 notes"]["A"]]
    assert any(n.startswith("发布日期：") and "修订" in n and "留空" in n for n in notes)
    cover = [c.value or "" for c in wb.worksheets[0]["A"]]
    assert any(n.startswith("填写方法") and "发布日期" in n for n in cover)
    path = tmp_path / SCI
    path.write_bytes((requests / SCI).read_bytes())
    typed, cell, month = ("high_tech_enterprises", 2023), ("high_tech_enterprises", 2024), (
        "tech_smes", 2024)  # fmt: skip
    _fill(path, {
        typed: {"value": 1310, "status": "正式数 final", "source": "2023年统计公报",
                "published": "2024年2月28日"},
        cell: {"value": 1400, "source": "2024年统计公报", "published": dt.date(2025, 3, 1)},
        month: {"value": 9800, "source": "市科技局快报", "published": dt.date(2025, 4, 1)},
    })  # fmt: skip
    wb = load_workbook(path)
    ws = wb[REQUEST_SHEET]
    ws.cell(_rows(ws)[month], COL["published"]).number_format = 'yyyy"年"m"月"'  # 2025年4月
    wb.save(path)
    df = load_observations(path).set_index(["indicator_id", "year"])
    assert df.loc[typed, "published"] == "2024-02-28"
    assert df.loc[cell, "published"] == "2025-03-01"
    assert df.loc[month, "published"] == "2025-04"


def test_a_request_sent_before_the_date_column_still_reads(requests, held, tmp_path):
    """Requests went out without the 发布日期 column: filled in, they give their figures
    undated, and put back as sent they are still no return."""
    old = tmp_path / "old" / SCI
    old.parent.mkdir()
    wb = load_workbook(requests / SCI)
    wb[REQUEST_SHEET].delete_cols(COL["published"])  # the sheet as it was sent before
    wb.save(old)
    assert "发布日期 published" not in [c.value for c in load_workbook(old)[REQUEST_SHEET][1]]
    sent = load_observations([held, old.parent])
    name = next(k for k in sent.attrs["answers_by_file"] if k.endswith(SCI))
    assert sent.attrs["answers_by_file"][name] == 0  # as sent: no return
    wb = load_workbook(old)
    ws = wb[REQUEST_SHEET]
    at = {c.value.split(" ")[0]: c.column for c in ws[1]}  # the old sheet's own columns
    row = _rows(ws)[("high_tech_enterprises", 2023)]
    for col, value in {"数值": 1310, "状态": "正式数 final", "来源": "2023年统计公报"}.items():
        ws.cell(row, at[col]).value = value
    wb.save(old)
    df = load_observations([held, old.parent])
    got = df.set_index(["indicator_id", "year"]).loc[("high_tech_enterprises", 2023)]
    assert (got["value"], got["source"], got["published"]) == (1310, "2023年统计公报", "")
    assert df.attrs["answers_by_file"][name] == 1


def test_a_request_put_back_as_sent_answers_nothing_and_a_date_alone_answers(
    requests, held, tmp_path
):
    """The date column left empty changes nothing of a request put back as sent; a date
    added to a pre-filled figure dates it, which is an answer; a date on a row without a
    figure is named, as a source for no figure is (it was dropped with the row)."""
    folder = tmp_path / "back"
    folder.mkdir()
    path = folder / SCI
    path.write_bytes((requests / SCI).read_bytes())
    inputs = [held, folder]
    obs = load_observations(inputs)
    name = next(k for k in obs.attrs["answers_by_file"] if k.endswith(SCI))
    assert obs.attrs["answers_by_file"][name] == 0
    assert datarequest.returned_requests([path], obs) == ([], [path])
    _fill(path, {("tech_smes", 2023): {"published": "2024-03"}})  # the held 9500 dated
    obs = load_observations(inputs)
    assert obs.attrs["answers_by_file"][name] == 1
    assert datarequest.returned_requests([path], obs) == ([path], [])
    path.write_bytes((requests / SCI).read_bytes())
    _fill(path, {("tech_smes", 2024): {"published": "2025-04"}})  # no figure on the row
    with pytest.raises(DataValidationError) as err:
        load_observations(inputs)
    assert any("gives a 发布日期 but no figure" in p.message for p in err.value.problems)


def test_a_held_figures_date_is_shown_under_its_source_not_in_the_date_cell(tmp_path):
    """The figure held is described in the grey columns, its date under its source: in the
    department's own date cell it stuck to whatever figure was written over the held one."""
    path = tmp_path / "held" / "held.csv"
    path.parent.mkdir()
    path.write_text(HELD_CSV.replace(",note\n", ",note,published\n", 1)
                    .replace("9500家以上,\n", "9500家以上,,2024-03\n"), encoding="utf-8")  # fmt: skip
    out = tmp_path / "requests"
    datarequest.write_requests(out, observations_path=[config.OBSERVATIONS_FILE, path])
    ws = load_workbook(out / SCI)[REQUEST_SHEET]
    r = _rows(ws)[("tech_smes", 2023)]
    assert ws.cell(r, COL["request.col.held_source"]).value == "test bulletin\n发布日期：2024-03"
    assert ws.cell(r, COL["published"]).value is None
    assert ws.cell(r, COL["published"]).number_format == "@"  # 2024 typed stays 2024
    blank = _rows(ws)[("tech_smes", 2024)]  # nothing held: nothing said
    assert ws.cell(blank, COL["request.col.held_source"]).value is None


def test_rows_are_as_tall_as_the_lines_libreoffice_wraps_them_to(tmp_path):
    """Rows are sized as the main workbook's (export.wrapped_lines, LINE_HEIGHT a line): a
    count of characters at 15 pt a line cut off the held figure's 发布日期 under a source
    that wraps at its slashes, and the second line of Chinese on the cover and notes."""
    url = "https://www.lf.gov.cn/tjgb/2023/index.html"
    path = tmp_path / "held" / "held.csv"
    path.parent.mkdir()
    path.write_text(HELD_CSV.replace(",note\n", ",note,published\n", 1)
                    .replace("test bulletin", url)
                    .replace("9500家以上,\n", "9500家以上,,2024-03\n"), encoding="utf-8")  # fmt: skip
    out = tmp_path / "requests"
    datarequest.write_requests(out, observations_path=[config.OBSERVATIONS_FILE, path])
    wb = load_workbook(out / SCI)
    ws = wb[REQUEST_SHEET]
    r = _rows(ws)[("tech_smes", 2023)]
    width = ws.column_dimensions[get_column_letter(COL["request.col.held_source"])].width
    held = ws.cell(r, COL["request.col.held_source"]).value
    assert held == f"{url}\n发布日期：2024-03"
    # the URL counts two lines (broken at its slashes, as LibreOffice printed it), the date one
    assert wrapped_lines(held, width) == 3
    assert ws.row_dimensions[r].height == LINE_HEIGHT * 3  # whole, and no taller
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                scale = (cell.font.size or 11) / 11  # the cover's title is 14 pt
                width = sheet.column_dimensions[cell.column_letter].width / scale
                lines = min(wrapped_lines(cell.value, width), datarequest.MAX_LINES)
                assert sheet.row_dimensions[cell.row].height >= LINE_HEIGHT * scale * lines, (
                    sheet.title,
                    cell.coordinate,
                )


def test_a_held_figure_cites_the_plan_execution_report_by_a_title_that_says_what_it_is(
    requests,
):
    """The patents' 2022 estimate, asked again of the market regulator, gave its source as
    "… (2022 plan-execution report)", a gloss that says neither whose plan nor which (the
    review); it shows the title the workbook gives."""
    ws = load_workbook(requests / MARKET)[REQUEST_SHEET]
    r = _rows(ws)[("high_value_patents_per_10k", 2022)]
    said = ws.cell(r, COL["request.col.held_source"]).value
    assert said.startswith("廊坊市2022年国民经济和社会发展计划执行情况 (Langfang’s report on the "
                           "implementation of its 2022 National Economic and Social")  # fmt: skip
    assert "plan-execution" not in said
