"""Benchmark: how the observation loader treats very large CSV files.

Writes a 1,000,000-row CSV (over ``config.MAX_INPUT_ROWS``, so it must be refused) and a file
of exactly ``config.MAX_INPUT_ROWS`` rows (the largest accepted) in a temporary folder, loads
each in a fresh Python process, and reports wall time, tracemalloc peak, peak RSS
(``ru_maxrss``) and the outcome. Prints a table and writes ``load_large.md`` and
``load_large.csv`` under ``config.BENCHMARK_REPORTS_DIR``.

Run: ``python benchmarks/load_large.py``
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROW = "gdp,langfang,{year},3553.1,亿元,final\n"
HEADER = "indicator_id,region,year,value,unit,status\n"


def write_csv(path: Path, n_rows: int) -> Path:
    """Write ``n_rows`` data rows in blocks (years vary so that most rows are distinct; none
    is still to come, which the loader refuses: 1949-2023)."""
    block = "".join(ROW.format(year=1949 + i % 75) for i in range(10_000))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        for start in range(0, n_rows, 10_000):
            fh.write(
                block
                if n_rows - start >= 10_000
                else "".join(block.splitlines(True)[: n_rows - start])
            )
    return path


def measure(path: str, trace: bool) -> dict:
    """Load one file in this process and return the measurements (run in a child process).

    tracemalloc slows allocation-heavy code and its traces take memory of their own, so wall
    time and RSS come from a run without it and the tracemalloc peak from a second run.
    """
    from langfang_metrics.errors import DataValidationError
    from langfang_metrics.observations import load_observations

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = f"loaded {len(load_observations(path)):,} rows"
    except DataValidationError as exc:
        outcome = "refused: " + exc.problems[0].message.split(";")[0]
    wall = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"wall_s": round(wall, 3), "tracemalloc_peak_mb": round(peak / 2**20, 1),
            "ru_maxrss_mb": round(rss / 1024, 1),
            "rss_growth_mb": round((rss - rss_before) / 1024, 1), "outcome": outcome}  # fmt: skip


def run(n_rows: int, folder: Path) -> dict:
    """Write the file and measure its loading in a fresh interpreter (clean ru_maxrss)."""
    path = write_csv(folder / f"rows_{n_rows}.csv", n_rows)
    runs = []
    for mode in ("plain", "trace"):
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(path), mode],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
    result = {**runs[0], "tracemalloc_peak_mb": runs[1]["tracemalloc_peak_mb"]}
    return {"rows": n_rows, "file_mb": round(path.stat().st_size / 2**20, 1), **result}


def report(results: list[dict]) -> str:
    """The results as a Markdown table."""
    cols = list(results[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(f"{r[c]:,}" if isinstance(r[c], int) else str(r[c])
                                for c in cols) + " |" for r in results]  # fmt: skip
    return "\n".join(lines)


def main(argv=None) -> None:
    """Run both scenarios, print the table and write the reports."""
    # --help describes the benchmark instead of running it (it took minutes and rewrote
    # reports/benchmarks)
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    from langfang_metrics import config

    with tempfile.TemporaryDirectory() as tmp:
        results = [run(n, Path(tmp)) for n in (1_000_000, config.MAX_INPUT_ROWS)]
    table = report(results)
    print(table)
    out = Path(config.BENCHMARK_REPORTS_DIR)
    out.mkdir(parents=True, exist_ok=True)
    machine = f"Python {platform.python_version()} on {platform.platform()}"
    (out / "load_large.md").write_text(
        "# Loading large observation files\n\n"
        f"Limits: {config.MAX_INPUT_ROWS:,} rows, {config.MAX_INPUT_BYTES // 2**20} MB. "
        "Each file is loaded in a fresh process; ru_maxrss is that process's peak RSS "
        "(interpreter and pandas included); wall time and RSS come from a run without "
        "tracemalloc, the tracemalloc peak from a second run.\n\n" + table + f"\n\n{machine}\n",
        encoding="utf-8",
    )
    with open(out / "load_large.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(results[0]))
        writer.writeheader()
        writer.writerows(results)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3] == "trace")))
    else:
        main()
