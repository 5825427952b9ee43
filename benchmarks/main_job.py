"""Wall time and peak memory of the main job and of ``import langfang_metrics``.

Each measurement runs in a fresh process (peak RSS via ``resource`` in a wrapper): the job
with and without notebooks, cold (empty figure cache and a fresh matplotlib font cache) and
warm (caches built by the previous run: figures and notebook pages are copied), and the full
run with every notebook executed (page cache emptied) in parallel and one after another
(``--jobs 1``, the stage as it was before it ran in parallel), so the notebook stage's
speed-up is measured in the same session. Import time is the median of
7 fresh interpreters, against ``import pandas`` alone. Goals: warm run without notebooks
under 5 s; full run (notebooks included) warm at most 12 s and cold at most 45 s (the median
of three cold runs: a shared machine's speed varies by a fifth from minute to minute); import
under 1.3x pandas. The load average is printed: on a shared machine timings are noisy.
"""

from __future__ import annotations

import argparse
import os
import re
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
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _run(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) of the largest process, and the notebook stage's seconds."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], env=env,
                          capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - t0
    if done.returncode:  # say why: a failed run's own message was lost with its stderr
        tail = "\n".join(done.stderr.splitlines()[-30:])
        sys.exit(f"benchmark run failed (exit {done.returncode}): {' '.join(cmd[1:])}\n{tail}")
    return wall, int(done.stdout.split()[-1]) / 1024, notebook_stage_seconds(done.stderr)


def notebook_stage_seconds(progress: str) -> float:
    """The notebook stage's seconds from a run's progress lines (either language), or NaN.

    The lines speak the run's language (Chinese by default: "笔记本  完成，用时 40.88 秒：…";
    with ``--lang en`` "notebooks  done in 40.88 s: …"); the pattern is built from the
    labels the run prints, so a reworded label cannot silently turn the figure into NaN
    again (an English-only pattern did, once the lines went Chinese).
    """
    from langfang_metrics.labels import label

    for lang in ("zh", "en"):
        head, tail = label("run.stage_done", lang, seconds="\0", detail="").split("\0")
        pattern = (re.escape(label("run.stage.notebooks", lang)) + r"\s+" + re.escape(head.strip())
                   + r"\s*([\d.]+)\s*" + re.escape(tail.strip()[:1]))  # fmt: skip
        found = re.search(pattern, progress)
        if found:
            return float(found[1])
    return float("nan")


def _import_time(module: str, repeat: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                  text=True).stdout) for _ in range(repeat)]  # fmt: skip
    return statistics.median(times)


def _reference_loop() -> float:
    """Seconds for a fixed CPU-bound loop: how fast the machine was during the benchmark."""
    t = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - t


def main(argv=None) -> None:
    # --help describes the benchmark instead of running it (it took minutes and rewrote
    # reports/benchmarks)
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    speed = [_reference_loop()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LANGFANG_METRICS_CACHE": f"{tmp}/cache", "MPLCONFIGDIR": f"{tmp}/mpl"}
        base = [sys.executable, "-m", "langfang_metrics", "run", "--out", f"{tmp}/out"]
        # "pages executed": figures cached, notebook pages not (every notebook runs), in
        # parallel and one after another, to compare the notebook stage itself
        for measure, extra, states in (("run --no-notebooks", ["--no-notebooks"], ("cold", "warm")),
                                       ("run", [], ("cold", "cold", "cold", "warm",
                                                    "pages executed")),
                                       ("run --jobs 1", ["--jobs", "1"], ("pages executed",))):  # fmt: skip
            for state in states:
                if state == "cold":
                    subprocess.run(["rm", "-rf", f"{tmp}/cache", f"{tmp}/mpl"], check=True)
                if state == "pages executed":
                    subprocess.run(["rm", "-rf", f"{tmp}/cache/notebooks"], check=True)
                wall, rss, nb = _run(base + extra, env)
                rows.append({"measure": measure, "state": state, "wall_s": wall,
                             "notebooks_s": nb, "peak_rss_mb": rss})  # fmt: skip
    speed.append(_reference_loop())
    pandas_s = _import_time("pandas")
    ours_s = _import_time("langfang_metrics")
    rows.append({"measure": "import pandas", "state": "median of 7", "wall_s": pandas_s})
    rows.append({"measure": "import langfang_metrics", "state": "median of 7", "wall_s": ours_s})
    df = pd.DataFrame(rows)
    warm = df[df["state"] == "warm"].set_index("measure")
    cold_runs = df[(df["state"] == "cold") & (df["measure"] == "run")]["wall_s"]
    cold = df[df["state"] == "cold"].groupby("measure")["wall_s"].median()
    executed = df[df["state"] == "pages executed"].set_index("measure")
    ratio = executed.loc["run --jobs 1", "notebooks_s"] / executed.loc["run", "notebooks_s"]
    wall = warm["wall_s"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    notes = [
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end, "
        f"a fixed 20M-step Python loop took {speed[0]:.2f} s before and {speed[1]:.2f} s after "
        "(compare runs by it: a shared machine's speed varies); peak "
        "RSS is that of the largest single process of the run (the job itself or, with "
        "notebooks, a kernel), measured per row by a fresh wrapper",
        f"goal run --no-notebooks warm < 5 s: {verdict(wall['run --no-notebooks'] < 5)}",
        f"goal full run warm <= 12 s: {verdict(wall['run'] <= 12)} ({wall['run']:.1f} s)",
        f"goal full run cold <= 45 s: {verdict(cold['run'] <= 45)} (median of "
        f"{len(cold_runs)} cold runs {cold['run']:.1f} s, range {cold_runs.min():.1f}-"
        f"{cold_runs.max():.1f} s; each starts from empty caches)",
        f"notebook stage with every notebook executed: parallel "
        f"{executed.loc['run', 'notebooks_s']:.1f} s against "
        f"{executed.loc['run --jobs 1', 'notebooks_s']:.1f} s one after another "
        f"({ratio:.2f}x faster); warm runs copy unchanged pages from the cache",
        f"import ratio {ours_s / pandas_s:.2f}x pandas (goal < 1.3x): "
        f"{'met' if ours_s < 1.3 * pandas_s else 'NOT met'}",
    ]
    write_table(df, "main_job", "Main job and import", notes)


if __name__ == "__main__":
    main()
