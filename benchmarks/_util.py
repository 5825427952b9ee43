"""Shared helpers of the benchmarks: table output to the console, CSV and Markdown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from langfang_metrics.config import BENCHMARK_REPORTS_DIR


def write_table(df: pd.DataFrame, name: str, title: str, notes: list[str] | None = None) -> Path:
    """Print ``df`` and write it to ``reports/benchmarks/<name>.csv`` and ``.md``.

    Returns the directory written to. Floats are rounded to 4 decimals in the files so
    that reruns differ only where the numbers (e.g. wall times) really differ.
    """
    out_dir = Path(BENCHMARK_REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    rounded = df.round(4)
    print(f"\n{title}\n")
    print(rounded.to_string(index=False))
    for line in notes or []:
        print(line)
    rounded.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n")
    md = [f"# {title}", "", _markdown(rounded), ""]
    md += [f"- {line}" for line in notes or []]
    (out_dir / f"{name}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return out_dir


def _markdown(df: pd.DataFrame) -> str:
    """A GitHub-style pipe table (no tabulate dependency)."""
    head = "| " + " | ".join(map(str, df.columns)) + " |"
    sep = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(str(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body])
