"""Wall time and peak memory of the main job and of ``import langfang_metrics``.

Each measurement runs in a fresh process (``/usr/bin/time``-style via ``resource``): the job
with and without notebooks, cold (empty figure cache and a fresh matplotlib font cache) and
warm (caches built by the previous run). Import time is the median of 7 fresh interpreters,
against ``import pandas`` alone. Goals: warm run without notebooks under 5 s, with notebooks
under 30 s; import under 1.3x pandas.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd

from benchmarks._util import write_table


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest child process of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


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
        f"machine: {os.cpu_count()} cores; peak RSS is the largest single process (for the run "
        "with notebooks, the kernel processes count separately)",
        f"goal run --no-notebooks warm < 5 s: {'met' if warm['run --no-notebooks'] < 5 else 'NOT met'}",
        f"goal run with notebooks warm < 30 s: {'met' if warm['run'] < 30 else 'NOT met'}",
        f"import ratio {ours_s / pandas_s:.2f}x pandas (goal < 1.3x): "
        f"{'met' if ours_s < 1.3 * pandas_s else 'NOT met'}",
    ]
    write_table(df, "main_job", "Main job and import", notes)


if __name__ == "__main__":
    main()
