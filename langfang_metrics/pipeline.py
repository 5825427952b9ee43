"""The main job: raw data in, ``data/processed/`` and ``reports/`` out, nothing half-written.

Stages run in order. Every output is written under a staging folder beside the final one;
only when every stage has succeeded are the staged folders swapped into place (a rename
each), so a failure at any stage leaves the previous ``data/processed/`` and ``reports/``
exactly as they were. ``data/raw/`` is only ever read.
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config

PROCESSED_TABLES = (
    "indicators", "targets", "observations", "trajectories", "segments", "forecasts",
    "backtests", "accuracy", "vintages", "gap_assessment", "departments", "summary",
    "planning_levels", "fiscal_exposure", "missing_figures",
)  # fmt: skip


@dataclass
class RunContext:
    """What one run reads, computes and stages; passed from stage to stage."""

    observations_path: Path | list[Path] | None
    as_of: int | None
    lang: str
    out_root: Path
    notebooks: bool
    stage_dir: Path | None = None
    results: object = None
    figures: list[Path] = field(default_factory=list)
    notebook_pages: list[Path] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)
    prefer: tuple = ()

    @property
    def processed(self) -> Path:
        return self.stage_dir / "processed"

    @property
    def reports(self) -> Path:
        return self.stage_dir / "reports"


def output_dirs(out_root: Path) -> tuple[Path, Path]:
    """Final ``data/processed`` and ``reports`` folders under ``out_root``."""
    if Path(out_root).resolve() == Path(config.PROJ_ROOT).resolve():
        return Path(config.PROCESSED_DIR), Path(config.REPORTS_DIR)
    return Path(out_root) / "data" / "processed", Path(out_root) / "reports"


# --------------------------------------------------------------------------- stages
def stage_validate(ctx: RunContext) -> str:
    """Load and validate the registry and observations (raises DataValidationError)."""
    from .observations import load_observations
    from .registry import load_fiscal_parameters, load_indicators, load_targets

    obs = load_observations(ctx.observations_path, prefer=ctx.prefer)
    ctx.inputs = dict(indicators=load_indicators(), targets=load_targets(),
                      observations=obs, fiscal=load_fiscal_parameters())  # fmt: skip
    return f"{len(obs)} observations, {obs['indicator_id'].nunique()} indicators"


def stage_compute(ctx: RunContext) -> str:
    """Trajectories, forecasts, backtests, vintages, gaps, roll-ups, fiscal exposure."""
    from .compute import compute_all

    ctx.results = compute_all(**ctx.inputs, as_of=ctx.as_of)
    return f"{ctx.results.forecasts['indicator_id'].nunique()} indicators forecast"


def stage_tables(ctx: RunContext) -> str:
    """Write every processed table as UTF-8-with-BOM CSV."""
    from .export import write_csv

    r = ctx.results
    tables = dict(indicators=r.indicators, targets=r.targets, observations=r.observations,
                  trajectories=r.trajectories, segments=r.segments, forecasts=r.forecasts,
                  backtests=r.backtests, accuracy=r.accuracy, vintages=r.vintages,
                  gap_assessment=r.gaps, departments=r.departments, summary=r.summary,
                  planning_levels=r.planning, fiscal_exposure=r.fiscal_exposure,
                  missing_figures=r.missing)  # fmt: skip
    for name in PROCESSED_TABLES:
        write_csv(tables[name], ctx.processed / f"{name}.csv")
    return f"{len(tables)} tables"


def stage_figures(ctx: RunContext) -> str:
    """Every report chart in Chinese and English, as PNG, SVG and PDF."""
    from .figures import report_figures

    ctx.figures = report_figures(ctx.results, ctx.reports / "figures")
    return f"{len(ctx.figures)} files"


def stage_workbook(ctx: RunContext) -> str:
    """The formatted Excel workbook."""
    from .export import write_workbook

    r = ctx.results
    write_workbook(ctx.reports / config.WORKBOOK_NAME, summary=r.gaps, indicators=r.indicators,
                   targets=r.targets, observations=r.observations, trajectories=r.trajectories,
                   forecasts=r.forecasts, accuracy=r.accuracy, lang=ctx.lang,
                   missing=r.missing)  # fmt: skip
    return config.WORKBOOK_NAME


def stage_brief(ctx: RunContext) -> str:
    """The monitoring brief as Word documents, Chinese and English (监测简报_<as-of>.docx)."""
    from .brief import write_brief

    written = [
        write_brief(ctx.results, ctx.reports, lang=lang, figures_dir=ctx.reports / "figures")
        for lang in ("zh", "en")
    ]
    return ", ".join(p.name for p in written)


def stage_notebooks(ctx: RunContext) -> str:
    """Execute every notebook into HTML (skipped with ``--no-notebooks``).

    Notebook 05 writes its figures and workbook into a scratch folder that is removed
    afterwards (the report's own come from the figures and workbook stages). The folder's
    name is fixed and injected relative to the notebooks, so the HTML, which shows the
    injected parameters, is the same on every run.
    """
    if not ctx.notebooks:
        return "skipped"
    from .notebooks import execute_all

    scratch = ctx.out_root / ".langfang-notebook-scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    params = {"as_of": ctx.as_of, "lang": ctx.lang,
              "observations_path": _notebook_observations(ctx),
              "out_dir": os.path.relpath(scratch, config.NOTEBOOKS_DIR)}  # fmt: skip
    try:
        ctx.notebook_pages = execute_all(ctx.reports / "notebooks", params=params)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return f"{len(ctx.notebook_pages)} notebooks"


def _notebook_observations(ctx: RunContext):
    """``observations_path`` as notebooks get it: a path, a list, or files with precedence."""
    path = ctx.observations_path
    if isinstance(path, list):
        path = [str(p) for p in path]
    if ctx.prefer:
        return {"files": path, "prefer": [str(p) for p in ctx.prefer]}
    return path


def stage_index(ctx: RunContext) -> str:
    """``reports/index.html`` linking the notebooks, figures and workbook."""
    from .export import atomic_write_text

    atomic_write_text(ctx.reports / "index.html", index_html(ctx), encoding="utf-8")
    return "index.html"


STAGES: list[tuple[str, Callable[[RunContext], str]]] = [
    ("validate", stage_validate),
    ("compute", stage_compute),
    ("tables", stage_tables),
    ("figures", stage_figures),
    ("workbook", stage_workbook),
    ("brief", stage_brief),
    ("notebooks", stage_notebooks),
    ("index", stage_index),
]


# --------------------------------------------------------------------------- run
def run(
    *,
    observations_path: str | os.PathLike | None = None,
    as_of: int | None = None,
    lang: str = "zh",
    out_dir: str | os.PathLike | None = None,
    notebooks: bool = True,
    progress: Callable[[str], None] | None = None,
    prefer=(),
) -> RunContext:
    """Run the main job; see the module docstring for the all-or-nothing guarantee.

    Parameters
    ----------
    observations_path : path-like or sequence of path-like, optional
        Observations file(s) and/or folder(s) (CSV or xlsx), merged as
        ``observations.load_observations`` does; default ``data/raw/observations.csv``.
    as_of : int, optional
        Vintage year: only observations up to it are used.
    lang : {"zh", "en"}
        Language of the workbook and the notebooks' narrative (figures are made in both).
    out_dir : path-like, optional
        Write ``OUT/data/processed`` and ``OUT/reports`` instead of the project's folders.
    notebooks : bool
        Execute the notebooks into HTML.
    progress : callable, optional
        Receives one line per stage (the CLI prints them).
    prefer : sequence of path-like
        Files whose figures win conflicts between files, first wins (``--prefer``).

    Raises
    ------
    DataValidationError
        When the inputs have problems; nothing is written.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    say = progress or (lambda _line: None)
    out_root = Path(out_dir) if out_dir is not None else Path(config.PROJ_ROOT)
    if isinstance(observations_path, list | tuple):
        obs_path = [Path(p) for p in observations_path] or None
    else:
        obs_path = Path(observations_path) if observations_path else None
    ctx = RunContext(obs_path, as_of, lang, out_root, notebooks,
                     prefer=tuple(Path(p) for p in prefer))  # fmt: skip
    out_root.mkdir(parents=True, exist_ok=True)
    ctx.stage_dir = Path(tempfile.mkdtemp(prefix=".langfang-staging-", dir=out_root))
    try:
        ctx.processed.mkdir()
        ctx.reports.mkdir()
        for i, (name, stage) in enumerate(STAGES, 1):
            t0 = time.perf_counter()
            say(f"[{i}/{len(STAGES)}] {name:<10} …")
            detail = stage(ctx)
            say(
                f"[{i}/{len(STAGES)}] {name:<10} done in {time.perf_counter() - t0:5.2f} s: {detail}"
            )
        _swap_into_place(ctx)
    finally:
        shutil.rmtree(ctx.stage_dir, ignore_errors=True)
    return ctx


def _swap_into_place(ctx: RunContext) -> None:
    """Replace the final folders by the staged ones, keeping what a run does not make."""
    processed, reports = output_dirs(ctx.out_root)
    if (reports / "benchmarks").is_dir():  # written by `make bench`, not by the run
        shutil.copytree(reports / "benchmarks", ctx.reports / "benchmarks")
    pairs = [(ctx.processed, processed), (ctx.reports, reports)]
    for staged, final in pairs:
        (staged / ".gitkeep").touch()
        final.parent.mkdir(parents=True, exist_ok=True)
    backups = []
    try:
        for staged, final in pairs:
            if final.exists():
                backup = ctx.stage_dir / f"old-{final.name}"
                os.replace(final, backup)
                backups.append((backup, final))
            os.replace(staged, final)
    except OSError:
        for backup, final in backups:  # put the previous outputs back
            if final.exists():
                shutil.rmtree(final, ignore_errors=True)
            os.replace(backup, final)
        raise


def index_html(ctx: RunContext) -> str:
    """A self-contained page linking everything a planner can read in a browser."""
    from .labels import label

    def li(href: str, text: str) -> str:
        return f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>'

    pngs = sorted(p for p in ctx.figures if p.suffix == ".png")
    rel = [p.relative_to(ctx.reports).as_posix() for p in pngs]
    figs = "\n".join(
        f'<figure><a href="{html.escape(r)}"><img src="{html.escape(r)}" alt="{html.escape(p.stem)}" '
        f'loading="lazy"></a><figcaption>{html.escape(p.stem)} '
        f'(<a href="{html.escape(r[:-4])}.svg">SVG</a>, <a href="{html.escape(r[:-4])}.pdf">PDF</a>)'
        f"</figcaption></figure>"
        for p, r in zip(pngs, rel, strict=True)
    )
    nbs = "\n".join(
        li(p.relative_to(ctx.reports).as_posix(), p.stem) for p in sorted(ctx.notebook_pages)
    )
    title = f"{label('index.title', 'zh')} / {label('index.title', 'en')}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>body{{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
figure{{display:inline-block;width:48%;margin:0 1% 1.5em 0;vertical-align:top}}img{{width:100%;border:1px solid #ddd}}
figcaption{{font-size:.85em;color:#555}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(label("index.as_of", "zh"))}: {ctx.results.gaps["as_of"].iloc[0] if len(ctx.results.gaps) else "—"}</p>
<h2>{html.escape(label("index.workbook", "zh"))} / {html.escape(label("index.workbook", "en"))}</h2>
<ul>{li(config.WORKBOOK_NAME, config.WORKBOOK_NAME)}</ul>
<h2>{html.escape(label("index.notebooks", "zh"))} / {html.escape(label("index.notebooks", "en"))}</h2>
<ul>{nbs or "<li>—</li>"}</ul>
<h2>{html.escape(label("index.figures", "zh"))} / {html.escape(label("index.figures", "en"))}</h2>
{figs}
</body></html>
"""


def status_table(gaps: pd.DataFrame, lang: str = "zh") -> str:
    """Short plain-text table: targets by status for each milestone (printed at the end)."""
    from .export import _display_width
    from .gaps import plan_summary
    from .labels import label, status_label

    s = plan_summary(gaps).set_index("milestone_year")
    rows = [(status_label(c, lang), c) for c in s.columns if c != "total"]
    rows.append((label("index.total", lang), "total"))
    width = max(_display_width(name) for name, _ in rows) + 2
    lines = [" " * width + "".join(f"{y:>8}" for y in s.index)]
    for name, code in rows:
        pad = " " * (width - _display_width(name))
        lines.append(name + pad + "".join(f"{int(s.loc[y, code]):>8}" for y in s.index))
    return "\n".join(lines)


def main_progress(line: str) -> None:
    """Default progress printer (stderr, so stdout stays for results)."""
    print(line, file=sys.stderr, flush=True)
