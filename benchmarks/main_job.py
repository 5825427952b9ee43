"""Wall time and peak memory of the main job and of ``import langfang_metrics``.

Each measurement runs in a fresh process (peak RSS via ``resource`` in a wrapper): the job
with and without notebooks, cold (empty figure cache and a fresh matplotlib font cache) and
warm (caches built by the previous run). Import time is the median of 7 fresh interpreters,
against ``import pandas`` alone. Goals: warm run without notebooks under 5 s, with notebooks
under 30 s; import under 1.3x pandas.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd

from benchmarks._util import write_table

#: Runs a command and prints the peak RSS (KB) of its largest process: a fresh wrapper per
#: measurement, so each row has its own peak instead of the running maximum of the benchmark.
_WRAPPER = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of one command."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], check=True, env=env,
                         capture_output=True, text=True).stdout  # fmt: skip
    return time.perf_counter() - t0, int(out.split()[-1]) / 1024


def _import_time(module: str, repeat: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                  text=True).stdout) for _ in range(repeat)]  # fmt: skip
    return statistics.median(times)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LANGFANG_METRICS_CACHE": f"{tmp}/cache", "MPLCONFIGDIR": f"{tmp}/mpl"}
        for notebooks in (False, True):
            cmd = [sys.executable, "-m", "langfang_metrics", "run", "--out", f"{tmp}/out"]
            cmd += [] if notebooks else ["--no-notebooks"]
            for state in ("cold", "warm"):
                if state == "cold":
                    subprocess.run(["rm", "-rf", f"{tmp}/cache", f"{tmp}/mpl"], check=True)
                wall, rss = _run(cmd, env)
                rows.append({"measure": f"run{'' if notebooks else ' --no-notebooks'}",
                             "state": state, "wall_s": wall, "peak_rss_mb": rss})  # fmt: skip
    pandas_s = _import_time("pandas")
    ours_s = _import_time("langfang_metrics")
    rows.append({"measure": "import pandas", "state": "median of 7", "wall_s": pandas_s})
    rows.append({"measure": "import langfang_metrics", "state": "median of 7", "wall_s": ours_s})
    df = pd.DataFrame(rows)
    warm = df[df["state"] == "warm"].set_index("measure")["wall_s"]
    notes = [
        f"machine: {os.cpu_count()} cores; peak RSS is that of the largest single process of the run "
        "(the job itself or, with notebooks, a kernel), measured per row by a fresh wrapper",
        f"goal run --no-notebooks warm < 5 s: {'met' if warm['run --no-notebooks'] < 5 else 'NOT met'}",
        f"goal run with notebooks warm < 30 s: {'met' if warm['run'] < 30 else 'NOT met'}",
        f"import ratio {ours_s / pandas_s:.2f}x pandas (goal < 1.3x): "
        f"{'met' if ours_s < 1.3 * pandas_s else 'NOT met'}",
    ]
    write_table(df, "main_job", "Main job and import", notes)


if __name__ == "__main__":
    main()
