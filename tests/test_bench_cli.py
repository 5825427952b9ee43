"""The benchmarks' command lines: ``--help`` describes, it does not run."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "module", ["calibration", "forecast_accuracy", "load_large", "main_job", "panel_scale"]
)
def test_help_describes_a_benchmark_without_running_it(module, capsys):
    """``python -m benchmarks.calibration --help`` ran the whole benchmark (six minutes) and
    rewrote reports/benchmarks."""
    bench = importlib.import_module(f"benchmarks.{module}")
    with pytest.raises(SystemExit) as stop:
        bench.main(["--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")


@pytest.mark.parametrize(
    ("progress", "seconds"),
    [
        (
            "[6/8] 文档       完成，用时  1.20 秒：2 个文件\n"
            "[7/8] 笔记本     完成，用时 40.88 秒：10 个笔记本\n",
            40.88,
        ),
        ("[7/8] notebooks  done in 19.90 s: 10 notebooks\n", 19.9),
        ("[7/8] 笔记本     已跳过\n", float("nan")),
    ],
)
def test_main_job_reads_the_notebook_stage_in_either_language(progress, seconds):
    """The run's progress lines went Chinese (its default language) and the benchmark's
    English-only pattern read every notebook stage as NaN."""
    from benchmarks.main_job import notebook_stage_seconds

    assert notebook_stage_seconds(progress) == pytest.approx(seconds, nan_ok=True)
