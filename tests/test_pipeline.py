"""The main job end to end: outputs, nothing lost on failure, same bytes every time."""

from __future__ import annotations

import hashlib
import socket
import sys
from pathlib import Path

import pandas as pd
import pytest

from langfang_metrics import cli, config, pipeline
from langfang_metrics.errors import DataValidationError
from langfang_metrics.labels import label
from langfang_metrics.observations import shown_path


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file below ``root`` by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("quick")
    pipeline.run(out_dir=out, notebooks=False)
    return out


def test_outputs_written(quick_run):
    processed = quick_run / "data" / "processed"
    for name in pipeline.PROCESSED_TABLES:
        assert (processed / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name
    gaps = pd.read_csv(processed / "gap_assessment.csv", encoding="utf-8-sig")
    required = ["indicator_id", "milestone_year", "target", "baseline_year", "baseline_value",
                "latest_year", "latest_value", "expected_on_path", "progress_share", "time_share",
                "years_ahead", "actual_cagr", "required_cagr", "growth_ratio", "projected",
                "projected_lo_80", "projected_hi_80", "projected_gap", "p_meet",
                "required_cagr_from_latest", "status", "status_zh", "status_en"]  # fmt: skip
    assert set(required) <= set(gaps.columns)
    hte = gaps[(gaps["indicator_id"] == "high_tech_enterprises") & (gaps["milestone_year"] == 2023)]
    assert hte["status"].item() == "on_track"
    checks = pd.read_csv(processed / "checks.csv", encoding="utf-8-sig")
    assert list(checks.columns)[-2:] == ["message_zh", "message"]  # Chinese first
    forecasts = pd.read_csv(processed / "forecasts.csv", encoding="utf-8-sig")
    assert list(forecasts.columns) == ["indicator_id", "year", "method", "as_of", "mean", "lo_80",
                                       "hi_80", "lo_95", "hi_95"]  # fmt: skip
    reports = quick_run / "reports"
    assert (reports / config.WORKBOOK_NAME).is_file()
    pngs = sorted((reports / "figures").glob("*.png"))
    assert any(p.stem == "gap_dashboard_2025_zh" for p in pngs)
    assert any(p.stem == "gap_dashboard_2025_en" for p in pngs)
    for p in pngs:
        assert p.with_suffix(".svg").is_file() and p.with_suffix(".pdf").is_file()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "langfang_metrics.xlsx" in index and "gap_dashboard_2025_zh.png" in index
    assert not list(quick_run.glob(".langfang-staging-*"))


def test_every_processed_column_is_in_the_data_dictionary(quick_run):
    """A statistician could not explain most columns from the docs alone (``as_of`` meant
    three things, ``ape_s`` or ``series_growth`` nothing): docs/outputs.md describes every
    column of every table the run writes, in header order, one section per table."""
    import csv
    import re

    doc = (config.PROJ_ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    sections = {}
    for m in re.finditer(r"^## (\S+\.csv)\n(.*?)(?=^## |\Z)", doc, flags=re.S | re.M):
        table = m.group(2).split("| column | meaning |\n|---|---|\n", 1)
        rows = table[1].split("\n\n", 1)[0] if len(table) == 2 else ""
        sections[m.group(1)] = re.findall(r"^\| `([^`]+)` \|", rows, flags=re.M)
    processed = quick_run / "data" / "processed"
    written = sorted(p.name for p in processed.glob("*.csv"))
    assert sorted(sections) == written
    for name in written:
        text = (processed / name).read_text(encoding="utf-8-sig")
        header = next(csv.reader([text.split("\n", 1)[0]]))
        assert sections[name] == header, name


def test_brief_stage_writes_both_documents_after_the_workbook(quick_run):
    from langfang_metrics import brief

    names = [name for name, _ in pipeline.STAGES]
    assert names.index("workbook") < names.index("brief") < names.index("notebooks")
    docs = sorted(p.name for p in (quick_run / "reports").glob("*.docx"))
    year = pd.read_csv(quick_run / "data" / "processed" / "observations.csv", encoding="utf-8-sig")
    assert len(docs) == 2
    assert any(d.startswith("监测简报_") for d in docs)
    assert any(d.startswith("monitoring-brief_") for d in docs)
    as_of = {d.rsplit("_", 1)[1].removesuffix(".docx") for d in docs}
    assert len(as_of) == 1 and int(as_of.pop()) <= int(year["year"].max())
    assert brief.BRIEF_NAMES["zh"].startswith("监测简报_")


def test_raw_data_never_written(tmp_path):
    before = tree_hashes(config.RAW_DIR)
    pipeline.run(out_dir=tmp_path, notebooks=False)
    assert tree_hashes(config.RAW_DIR) == before


def test_same_inputs_give_same_bytes(quick_run, tmp_path):
    pipeline.run(out_dir=tmp_path, notebooks=False)
    assert tree_hashes(tmp_path / "data") == tree_hashes(quick_run / "data")
    assert tree_hashes(tmp_path / "reports") == tree_hashes(quick_run / "reports")


def test_fresh_process_without_cache_gives_same_bytes(quick_run, tmp_path):
    """A cold run in a new process (empty figure cache) writes exactly what this run wrote."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANGFANG_METRICS_CACHE": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-m", "langfang_metrics", "run", "--no-notebooks", "--out", str(tmp_path)],
        check=True, env=env, capture_output=True, timeout=300,
    )  # fmt: skip
    assert tree_hashes(tmp_path / "reports") == tree_hashes(quick_run / "reports")
    assert tree_hashes(tmp_path / "data") == tree_hashes(quick_run / "data")


@pytest.mark.parametrize("stage", [name for name, _ in pipeline.STAGES])
def test_failure_in_any_stage_leaves_previous_outputs(quick_run, stage, monkeypatch):
    before = tree_hashes(quick_run)

    def boom(ctx):
        raise RuntimeError(f"injected failure in {stage}")

    stages = [(n, boom if n == stage else f) for n, f in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    with pytest.raises(RuntimeError, match="injected failure"):
        pipeline.run(out_dir=quick_run, notebooks=False)
    assert tree_hashes(quick_run) == before
    assert not list(quick_run.glob(".langfang-staging-*"))


def test_failure_while_swapping_restores_previous(quick_run, monkeypatch):
    import os

    before = tree_hashes(quick_run)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 4:  # after processed is swapped, while swapping reports
            raise OSError("disk full (injected)")
        return real_replace(src, dst)

    monkeypatch.setattr(pipeline.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="injected"):  # other outputs: a switch to make
        pipeline.run(out_dir=quick_run, notebooks=False, as_of=2021)
    monkeypatch.setattr(pipeline.os, "replace", real_replace)
    assert tree_hashes(quick_run) == before


def test_invalid_observations_write_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,year,value\nno_such_indicator,2021,abc\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DataValidationError):
        pipeline.run(observations_path=bad, out_dir=out, notebooks=False)
    assert not (out / "data").exists() and not (out / "reports").exists()


def test_benchmark_folder_survives_a_run(tmp_path):
    bench = tmp_path / "reports" / "benchmarks"
    bench.mkdir(parents=True)
    (bench / "x.md").write_text("kept", encoding="utf-8")
    pipeline.run(out_dir=tmp_path, notebooks=False)
    assert (bench / "x.md").read_text(encoding="utf-8") == "kept"


def test_as_of_vintage(tmp_path):
    ctx = pipeline.run(out_dir=tmp_path, notebooks=False, as_of=2021)
    assert int(ctx.results.gaps["as_of"].iloc[0]) == 2021
    assert ctx.results.observations["year"].max() <= 2021


def test_run_never_reaches_the_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    pipeline.run(out_dir=tmp_path, notebooks=False)


def test_cli_run_invalid_exits_1_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,year,value\ntech_smes,1800,-5\n", encoding="utf-8")
    code = cli.main(["run", "--observations", str(bad), "--out", str(tmp_path), "--no-notebooks"])
    err = capsys.readouterr().err
    assert code == 1
    # Chinese first (the run's language), the English message under it
    assert "Traceback" not in err and "bad.csv，第 2 行，“year”列：年份 1800 不在" in err
    assert "\n    the year 1800 is outside" in err
    assert "未写入任何内容" in err and "Nothing was written" in err
    # one bad file stops the others too: said, with the way on (the clerk review)
    assert "the files without problems included" in err and "leave their file out" in err
    code = cli.main(["run", "--observations", str(bad), "--out", str(tmp_path), "--no-notebooks",
                     "--lang", "en"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "bad.csv, row 2, column 'year': the year 1800 is outside" in err
    assert "第 2 行" not in err and "未写入" not in err


def test_a_refusal_keeps_both_languages_across_processes():
    import pickle

    from langfang_metrics.errors import Refusal

    again = pickle.loads(pickle.dumps(Refusal("in the way", "挡住了")))
    assert isinstance(again, ValueError) and (str(again), again.message_zh) == ("in the way",
                                                                                 "挡住了")  # fmt: skip


def test_an_expected_refusal_does_not_ask_for_a_debug_run(tmp_path, capsys):
    """A refusal of our own (a file of someone's in reports/) ended with "Re-run with --debug
    for details", which read as a bug to report (the clerk review)."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "备注.txt").write_text("mine", encoding="utf-8")
    code = cli.main(["run", "--out", str(tmp_path), "--no-notebooks"])
    err = capsys.readouterr().err
    assert code != 0 and "备注.txt" in err and "Previous outputs are unchanged." in err
    assert "Re-run with --debug for details" not in err
    # a ValueError may still be a bug: the way to a traceback stays, said as a fallback
    assert "If the message above does not say what to change, re-run with --debug." in err
    assert (tmp_path / "reports" / "备注.txt").read_text(encoding="utf-8") == "mine"


def test_a_registry_problem_is_not_advised_to_be_left_out():
    """A bad row of the target registry was answered with "or leave their file out", which
    a run cannot do (found by the diff review)."""
    assert cli._in_registry(config.TARGETS_FILE)
    assert cli._in_registry("data/raw/registry/targets.csv")  # as outputs name it
    assert not cli._in_registry(config.OBSERVATIONS_FILE)
    assert not cli._in_registry("returns/数据征集表_市科技局.xlsx")


def test_a_notebook_that_stops_is_said_in_a_few_lines(monkeypatch, capsys):
    """An input replaced while the notebooks ran printed the kernel's 56-line coloured
    traceback; the error it ended in is what a user needs."""
    from nbclient.exceptions import CellExecutionError

    def stop(args):
        raise CellExecutionError(
            "\x1b[0;31m---------\x1b[0m\nTraceback (most recent call last) ...",
            "DataValidationError",
            "in.xlsx, row 2, column 'value': not a number: 'abc'",
        )

    monkeypatch.setattr(cli, "cmd_run", stop)
    assert cli.main(["run", "--no-notebooks"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith("FAILED: a notebook stopped with DataValidationError: in.xlsx, row 2")
    assert "Traceback" not in err and "\x1b" not in err and len(err.splitlines()) == 2
    assert "If an input file changed while the run was going, run again" in err


def test_cli_validate(tmp_path, capsys):
    shipped = pd.read_csv(config.OBSERVATIONS_FILE)  # counted, not pinned: data get added
    rows, ids = len(shipped), shipped["indicator_id"].nunique()
    assert cli.main(["validate", str(config.OBSERVATIONS_FILE)]) == 0
    assert capsys.readouterr().out.startswith(f"通过（OK）：{rows} 行，{ids} 个指标（1 个文件）")
    # the folder the returns go in holds the plan text and the registry: not returns
    assert cli.main(["validate", "--lang", "en", str(config.RAW_DIR)]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {rows} rows, {ids} indicators (1 file)")
    missing = tmp_path / "nope.csv"
    assert cli.main(["validate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    # Chinese first by default, as `run` and `request` print; the English under it
    assert err.startswith("无效（INVALID）：发现 1 处问题\n")
    assert f"{missing}：找不到该文件；请检查路径\n    file not found; check the path" in err
    assert cli.main(["validate", "--lang", "en", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"INVALID: 1 problem found\n  {missing}: file not found; check the path\n"


def test_a_return_saved_in_data_raw_is_named_as_not_read(tmp_path, monkeypatch, capsys):
    """A return copied into data/raw/ beside observations.csv was never read: `run` (and
    `make report`) read observations.csv alone, said nothing, and the report was built on
    the shipped figures (the hostile-input review). Each command now names such files."""
    raw = tmp_path / "raw"
    (raw / "registry").mkdir(parents=True)
    (raw / "plan").mkdir()
    (raw / "returns").mkdir()
    for name in ("observations.csv", "registry/indicators.csv", "plan/plan_metadata.csv",
                 "README.md", ".~lock.x.csv#", "~$数据征集表.xlsx"):  # fmt: skip
        (raw / name).write_text("x", encoding="utf-8")
    (raw / ".ipynb_checkpoints").mkdir()
    for name in ("returns_2023.csv", "数据征集表_市科技局.xlsx", "returns/old.xls",
                 "returns/市科技局 回复.zip", ".ipynb_checkpoints/observations-checkpoint.csv"):  # fmt: skip
        (raw / name).write_bytes(b"x")
    monkeypatch.setattr(config, "RAW_DIR", raw)
    monkeypatch.setattr(config, "REGISTRY_DIR", raw / "registry")
    monkeypatch.setattr(config, "PLAN_DIR", raw / "plan")
    monkeypatch.setattr(config, "OBSERVATIONS_FILE", raw / "observations.csv")
    names = [f.relative_to(raw).as_posix() for f in cli.unread_raw_files()]
    # a hidden folder's copy is no return; a zipped return is one (the diff review)
    assert names == ["returns/old.xls", "returns/市科技局 回复.zip", "returns_2023.csv",
                     "数据征集表_市科技局.xlsx"]  # fmt: skip
    # a file or folder the command reads is not named
    read = [f.name for f in cli.unread_raw_files([raw / "returns_2023.csv", raw / "returns"])]
    assert read == ["数据征集表_市科技局.xlsx"]
    cli._print_unread_raw([], "en")
    err = capsys.readouterr().err
    assert err.startswith("NOTE: these files in data/raw/ were not read: ")
    assert "returns_2023.csv" in err and "langfang-metrics run --observations " in err
    cli._print_unread_raw([], "zh")
    assert "中以下文件没有被读取" in capsys.readouterr().err
    (raw / "returns_2023.csv").rename(raw / "returns 2023.csv")  # a name with a space: quoted
    cli._print_unread_raw([], "en")
    said = capsys.readouterr().err
    assert said.endswith("returns 2023.csv'\n") and "run --observations '" in said
    for f in raw.rglob("*"):  # nothing to name: nothing said
        if (
            f.is_file()
            and f.suffix in (".csv", ".xlsx", ".xls", ".zip")
            and f.parent.name != "registry"
        ):
            f.unlink()
    cli._print_unread_raw([], "en")
    assert capsys.readouterr().err == ""


def test_run_names_returns_in_a_folder_of_data_raw_before_it_reads(tmp_path, monkeypatch, capsys):
    """Returns copied into data/raw/returns/ were named only after the whole run, minutes
    below its "114 条数据", and not at all by a run refused or stopped before its end: the
    statistician read the count and saw no notice. The NOTE now comes first, with the
    make target that reads the folder."""
    raw = tmp_path / "raw"
    (raw / "registry").mkdir(parents=True)
    (raw / "returns").mkdir()
    (raw / "observations.csv").write_text("x", encoding="utf-8")
    for name in ("数据征集表_市科技局.xlsx", "市市场监督管理局_专利_2023-2025.csv"):
        (raw / "returns" / name).write_bytes(b"x")
    monkeypatch.setattr(config, "RAW_DIR", raw)
    monkeypatch.setattr(config, "REGISTRY_DIR", raw / "registry")
    monkeypatch.setattr(config, "PLAN_DIR", raw / "plan")
    monkeypatch.setattr(config, "OBSERVATIONS_FILE", raw / "observations.csv")

    def stopped(**kwargs):  # the run's first step, then Ctrl-C
        print("[1/8] validate", file=sys.stderr)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run", stopped)
    assert cli.main(["run", "--lang", "en", "--no-notebooks"]) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    note = err.index("NOTE: these files in data/raw/ were not read: ")
    assert note < err.index("[1/8] validate")
    said = err[note:].split("\n")[0]
    assert "returns/市市场监督管理局_专利_2023-2025.csv" in said
    folder = shown_path(raw / "returns")
    assert said.endswith(f"run --observations {folder} (or make report OBS={folder})")
    # make splits OBS= at a space: only the command that reads such a folder is offered
    (raw / "returns").rename(raw / "returns 2023")
    assert cli.main(["run", "--lang", "en", "--no-notebooks"]) == cli.EXIT_INTERRUPTED
    said = capsys.readouterr().err.split("\n")[0]
    assert said.startswith("NOTE: ") and "--observations '" in said and "make" not in said


def test_cli_validate_says_which_figures_look_implausible_without_failing(tmp_path, capsys):
    path = tmp_path / "typos.csv"
    path.write_text("indicator_id,year,value\n"
                    "digital_economy_share,2021,4.1\ndigital_economy_share,2022,4.5\n"
                    "digital_economy_share,2023,50\n"
                    "specialised_smes_new,2021,60\nspecialised_smes_new,2022,1234\n"
                    "specialised_smes_new,2023,90\n", encoding="utf-8")  # fmt: skip
    assert cli.main(["validate", "--no-shipped", str(path)]) == 0  # loaded: not errors
    out = capsys.readouterr()
    assert out.out.startswith("通过（OK）：6 行")
    # in Chinese by name, what looks wrong in words; the English message under it
    assert "核对（CHECK）：2 处需要核实" in out.err
    # (a share typed as a fraction, 0.043 for 4.3 %, is refused at load now: ten times too
    # high is the slip that still loads, and its hint is no fraction's)
    assert (f"{path} 第4行：数字经济核心产业增加值占地区生产总值比重（廊坊市）2023年 = 50%："
            "与方案2025年目标值5相差10倍以上：位数或单位有误？\n    "
            + f"{path} row 4: digital_economy_share (langfang) 2023 = 50") in out.err  # fmt: skip
    assert cli.main(["validate", "--no-shipped", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("OK: 6 rows") and "CHECK: 2 findings to verify" in out.err
    assert f"{path} row 4: digital_economy_share (langfang) 2023 = 50" in out.err
    assert "第4行" not in out.err
    assert "a slipped digit or another unit?" in out.err and "a fraction" not in out.err
    # the running total's leap is named once, not the 90 that goes on from 60
    assert f"{path} row 6:" in out.err and "the total falls back to 90 in 2023" in out.err
    assert f"{path} row 7:" not in out.err
    assert f"{path} row 6:" in out.err and f"{path} row 5:" not in out.err  # 60 is plausible
    # the shipped figures raise no such note
    assert cli.main(["validate", str(config.OBSERVATIONS_FILE)]) == 0
    assert "CHECK" not in capsys.readouterr().err


def test_cli_template_round_trip(tmp_path, capsys):
    from langfang_metrics import load_observations

    path = tmp_path / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    assert path.is_file()
    # an empty template gives no figures, and says so (it stopped a run of a folder of
    # returns it sat in: the statistician's review)
    assert cli.main(["validate", str(path)]) == 0
    assert f"注意：{path} 中没有数字" in capsys.readouterr().err
    assert callable(load_observations)


def test_cli_template_never_replaces_a_file_unasked(tmp_path, capsys):
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(b"a department's answers")
    data = tmp_path / "observations.csv"
    data.write_text("indicator_id,year,value\n")
    assert cli.main(["template", str(filled)]) == 2
    err = capsys.readouterr().err  # Chinese first (template has no --lang), the English under
    assert (
        err.startswith(f"失败：“{filled}”已存在（其中可能有已填写的数字）") and "\nFAILED: " in err
    )
    assert "already exists" in err and "Refusal" not in err
    assert filled.read_bytes().startswith(b"a d")
    assert cli.main(["template", str(data)]) == 2  # not a workbook name
    assert "ending in .xlsx" in capsys.readouterr().err and data.read_text().startswith("ind")
    assert cli.main(["template", str(config.RAW_DIR / "template.xlsx")]) == 2
    assert "read-only inputs" in capsys.readouterr().err
    assert not (config.RAW_DIR / "template.xlsx").exists()
    assert cli.main(["template", "--force", str(filled)]) == 0
    assert filled.read_bytes().startswith(b"PK")


def test_status_table_lists_every_status(quick_run):
    gaps = pd.read_csv(
        quick_run / "data" / "processed" / "gap_assessment.csv", encoding="utf-8-sig"
    )
    text = pipeline.status_table(gaps, "en")
    assert "On track" in text and "Insufficient data" in text and "2023" in text


def test_cli_validate_says_what_each_file_gave(tmp_path, capsys):
    """An unfilled request workbook read "OK: 114 rows" - the shipped rows - and exit 0."""
    mine = tmp_path / "mine.csv"
    mine.write_text("indicator_id,year,value\ntech_smes,2022,9100\n", encoding="utf-8")
    empty = tmp_path / "req"
    assert cli.main(["request", str(empty)]) == 0
    book = sorted(empty.glob("*.xlsx"))[0]
    capsys.readouterr()
    assert cli.main(["validate", str(mine), str(book)]) == 0
    out = capsys.readouterr()
    assert f"{mine} 1 行；" in out.out and f"{book} 0 行" in out.out
    assert f"注意：{book} 中没有数字" in out.err
    assert cli.main(["validate", "--lang", "en", str(mine), str(book)]) == 0
    out = capsys.readouterr()
    assert f"{mine} 1 row;" in out.out and f"{book} 0 rows" in out.out
    assert f"NOTE: {book} holds no figures" in out.err


@pytest.mark.parametrize(
    ("number", "zh", "en"),
    [("EROFS", "磁盘或文件夹为只读", "the disk or folder is read-only"),
     ("ENOSPC", "磁盘已满", "the disk is full")],
)  # fmt: skip
def test_a_disk_that_refuses_is_said_in_words_and_where(number, zh, en, tmp_path, monkeypatch,
                                                        capsys):  # fmt: skip
    """A read-only or full disk printed "FAILED: OSError: [Errno 30] Read-only file system:
    '…/.template-g2ruryz5.xlsx'" in English alone, naming a hidden temporary file."""
    import errno
    import os

    from langfang_metrics import template

    hidden = tmp_path / ".template-g2ruryz5.xlsx"

    def refuse(*_args, **_kwargs):
        code = getattr(errno, number)
        raise OSError(code, os.strerror(code), str(hidden))

    monkeypatch.setattr(template, "write_template", refuse)
    assert cli.main(["template", str(tmp_path / "t.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"失败：{zh}") and f"\nFAILED: {en}" in err
    assert str(tmp_path) in err and ".template-" not in err and "Errno" not in err
    # without a file named, the sentence still ends where it should
    monkeypatch.setattr(template, "write_template",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(getattr(errno, number), "x")))  # fmt: skip
    assert cli.main(["template", str(tmp_path / "t.xlsx")]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"失败：{zh}") and first.endswith("。") and "：" not in first[3:]


def test_the_probability_backtests_behind_the_reading_are_written(quick_run):
    """'全国 +37，18次检验' under the page's table could not be traced from any output (the
    planner review): the events are written, and the page names the file."""
    from langfang_metrics import compute, views

    processed = quick_run / "data" / "processed"
    events = pd.read_csv(processed / "probability_backtests.csv", encoding="utf-8-sig")
    assert list(events.columns) == views.PROBABILITY_BACKTEST_COLUMNS and len(events) > 0
    r = compute.load_results()
    china = events[(events["indicator_id"] == "high_tech_enterprises")
                   & (events["region"] == "china")]  # fmt: skip
    gap = 100 * (china["met"].mean() - china["p_meet"].mean())
    assert len(china) == 18 and round(gap) == 37  # the page's "全国 +37，18次检验"
    assert len(events) == len(r.events)
    page = (quick_run / "reports" / "index.html").read_text(encoding="utf-8")
    assert "probability_backtests.csv" in page


def test_a_rerun_that_makes_the_same_files_rewrites_none(quick_run, capsys):
    """Unchanged inputs gave every file a new date and inode: sync and backup tools, shares
    and an open workbook saw all 139 files change (the statistician's review). The same
    files are left in place; a file deleted since is no match, and is put back."""
    from langfang_metrics import cli

    page = quick_run / "reports" / "index.html"
    before, inode = tree_hashes(quick_run), page.stat().st_ino
    run_id = pipeline.published_run_id(quick_run)
    ctx = pipeline.run(out_dir=quick_run, notebooks=False)
    assert ctx.unchanged and ctx.run_id == run_id
    assert page.stat().st_ino == inode and tree_hashes(quick_run) == before
    assert not list(quick_run.glob(f"{pipeline.STAGING_PREFIX}*"))
    # the command line says so
    assert cli.main(["run", "--no-notebooks", "--out", str(quick_run)]) == 0
    assert "没有改写任何文件" in capsys.readouterr().out
    # a workbook open in LibreOffice or Excel leaves a lock file beside it: still the same
    # files (the review: the switch then deleted the lock file from under the program)
    lock = quick_run / "reports" / ".~lock.langfang_metrics.xlsx#"
    lock.write_text("user,host", encoding="utf-8")
    ctx = pipeline.run(out_dir=quick_run, notebooks=False)
    assert ctx.unchanged and lock.is_file() and page.stat().st_ino == inode
    lock.unlink()
    # a published file deleted by hand: the run publishes again, and it is back
    (quick_run / "data" / "processed" / "summary.csv").unlink()
    ctx = pipeline.run(out_dir=quick_run, notebooks=False)
    assert not ctx.unchanged and tree_hashes(quick_run) == before
    assert page.stat().st_ino != inode


def test_run_out_lays_out_its_folders_as_the_project_does(tmp_path):
    """``run --out`` spelt out "data/processed" and "reports" again, and the page linked
    "../data/processed/" as text: one layout in ``config`` now (the code review)."""
    from langfang_metrics import pipeline

    processed, reports = pipeline.output_dirs(tmp_path)
    assert processed.relative_to(tmp_path) == config.PROCESSED_DIR.relative_to(config.PROJ_ROOT)
    assert reports.relative_to(tmp_path) == config.REPORTS_DIR.relative_to(config.PROJ_ROOT)
    # the page's links to the tables lead there from the reports folder
    assert (reports / config.PROCESSED_LINK).resolve() == processed.resolve()
    assert config.FIGURES_DIR == config.REPORTS_DIR / config.FIGURES_NAME


@pytest.mark.parametrize("given", ["2024-02-30", "31/03/2024", "soon", "2024-13"])
def test_cli_refuses_a_known_by_that_is_no_date(given, tmp_path, capsys):
    """--known-by is read as a published date is; one that is none stops before anything
    is written, in both languages (argparse reads it before --lang), exit 2."""
    with pytest.raises(SystemExit) as stop:
        cli.main(["run", "--no-notebooks", "--out", str(tmp_path), "--known-by", given])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "argument --known-by:" in err
    assert f"--known-by {given!r} 不是日期" in err and f"--known-by {given!r} is no date" in err
    assert not any(tmp_path.iterdir())
    with pytest.raises(ValueError, match="is no date"):
        pipeline.check_run_options(known_by=given)


def test_the_run_line_says_the_undated_figures_held_back_by_an_earlier_stage():
    """run --known-by left an undated final out when its preliminary came out after the
    day; the first line says how many, in both languages, and says nothing when none."""
    from langfang_metrics.observations import KnownBy

    known = KnownBy("2024-03-31", later=1, undated=3, after_earlier=2)
    zh, en = pipeline.known_by_line(known, "zh"), pipeline.known_by_line(known, "en")
    assert (
        "在该日或之后才公布的 2 个数字不计" in zh
        and "未注明公布日期的 3 个数字按当时已知计入" in zh
    )
    assert "2 figures without a published date left out as later than an earlier-stage" in en
    assert "earlier-stage" not in pipeline.known_by_line(KnownBy("2024-03-31", undated=3), "en")


def test_the_validate_stage_cuts_to_the_day_and_says_the_undated_figures(tmp_path):
    """run --known-by: the one cut, after the loader read every file whole; its line says
    the figures left out and the undated ones counted as known (the reconstruction's weak
    point), and every later stage reads the cut figures."""
    given = tmp_path / "科技局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "high_tech_enterprises,langfang,2023,1288,家,正式数,2024-02-20\n"
                     "high_tech_enterprises,langfang,2023,1301,家,修订数,2024-09-10\n",
                     encoding="utf-8")  # fmt: skip
    files = [config.OBSERVATIONS_FILE, given]
    shipped = pd.read_csv(config.OBSERVATIONS_FILE)  # its figures give no published date
    n = shipped["indicator_id"].nunique()
    # of those, the figures of years over by the day count as known, the others not at all
    known, unfinished = int((shipped["year"] < 2024).sum()), int((shipped["year"] >= 2024).sum())
    for lang, said in (("zh", f"其后公布的 1 个数字不计，未注明公布日期的 {known} 个数字按当时已知计入；"
                              f"年份在该日尚未结束、未注明公布日期的 {unfinished} 个数字不计"),
                       ("en", f"1 figure published later left out, {known} figures without a "
                              f"published date counted as known; {unfinished} figures without a "
                              "published date of a year not yet over left out")):  # fmt: skip
        ctx = pipeline.RunContext(files, None, lang, tmp_path, False, known_by="2024-03-31")
        line = pipeline.stage_validate(ctx)
        assert said in line and line.startswith(label("run.read", lang, rows=len(shipped) + 2, n=n))
        assert 1301 not in set(ctx.inputs["observations"]["value"])
    plain = pipeline.RunContext(files, None, "en", tmp_path, False)
    assert "published" not in pipeline.stage_validate(plain)
    assert 1301 in set(plain.inputs["observations"]["value"])


@pytest.mark.parametrize("given", ["1990", "2020-12-31"])
def test_cli_refuses_a_known_by_before_any_figure_of_the_plan(given, tmp_path, capsys):
    """--known-by 1990 ran to the end and wrote an empty brief: before the plan's base year
    was over no figure of the plan could be known. Refused in both languages, exit 2; a
    reason that only repeats "no date" is not said twice ("不是日期（不是日期）")."""
    with pytest.raises(SystemExit) as stop:
        cli.main(["run", "--no-notebooks", "--out", str(tmp_path), "--known-by", given])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "is before 2021-01-01" in err and "早于2021-01-01" in err
    assert not any(tmp_path.iterdir())
    with pytest.raises(ValueError) as refused:
        pipeline.check_run_options(known_by="2024Q1")
    assert refused.value.args == ("--known-by '2024Q1' is no date; write it as 2024-03-31",
                                  "--known-by '2024Q1' 不是日期；请写成 2024-03-31")  # fmt: skip


def test_a_refusal_that_ends_with_a_question_takes_no_full_stop_after_it(capsys):
    """The command line ended a Chinese refusal with "。" after its own "？" (the
    hostile-input review: doubled punctuation); a refusal ending in no mark gets one."""
    from argparse import Namespace

    from langfang_metrics.errors import Refusal

    args = Namespace(debug=False, lang="zh", command="validate")
    for said, shown in (("文件是否放错了文件夹？", "失败：文件是否放错了文件夹？\n"),
                        ("请先关闭该文件。", "失败：请先关闭该文件。\n"),
                        ("请先关闭该文件", "失败：请先关闭该文件。\n")):  # fmt: skip
        cli._failed(Refusal("in the way", said), args)
        err = capsys.readouterr().err
        assert err.startswith(shown), err


def test_the_results_workbook_given_as_input_is_refused_by_validate_and_run(tmp_path, capsys):
    """`validate reports/langfang_metrics.xlsx` advised deleting four of its five sheets
    (the hostile-input review): validate and run --observations say it is a run's output,
    in Chinese and English, and the run writes nothing."""
    from corpus.cases import titled

    book = titled(label("index.title", "zh"), name="langfang_metrics.xlsx")(tmp_path)
    zh = "这是 langfang-metrics 运行时写出的结果工作簿（文档标题为“廊坊市强化企业科技创新专项服务工作方案目标监测”）"
    en = "this is the results workbook a run of langfang-metrics wrote (its document title is"
    assert cli.main(["validate", str(book)]) == 1
    err = capsys.readouterr().err
    assert f"langfang_metrics.xlsx：{zh}" in err and en in err and "请删除" not in err
    out = tmp_path / "out"
    code = cli.main(["run", "--observations", str(book), "--out", str(out), "--no-notebooks"])
    err = capsys.readouterr().err
    assert code == 1 and zh in err and en in err and "未写入任何内容" in err
    assert not (out / "reports").exists() and not (out / "data").exists()
