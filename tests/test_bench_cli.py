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
