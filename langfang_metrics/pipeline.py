"""The main job: raw data in, ``data/processed/`` and ``reports/`` out, nothing half-written.

Stages run in order. Every output is written under a staging folder beside the final one;
only when every stage has succeeded are the staged folders published, so a failure at any
stage leaves the previous ``data/processed/`` and ``reports/`` exactly as they were.
``data/raw/`` is only ever read.

One writer at a time: a run holds an exclusive lock on ``OUT/.langfang-run.lock`` (which
records its PID and start time) from start to end; a second run on the same output folder
waits for it, printing that it waits, and gives up with a clear message after
``lock_timeout`` seconds.

One switch: publishing renames four folders (old processed out, new in, old reports out,
new in). Before the first rename a journal (``OUT/.langfang-publish.json``) records the
renames; it is removed after the last. A run killed in between leaves the journal, and the
next run completes the switch before doing anything else, so ``data/processed`` and
``reports`` always end up from one run. Both carry that run's id (``.run-id``, a digest of
the published files): readers can check that the two agree (:func:`published_run_id`), or
hold :func:`reading` to keep a switch from happening while they read. A run whose files
are exactly those published already makes no switch: the files keep their dates and inodes
(:func:`unchanged`, ``RunContext.unchanged``).

No debris: staging folders are named after the owner's PID and process start time; each
run removes those of runs that are no longer alive (a reused PID has another start time),
never a live run's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import config
from ._checks import plan_year
from .errors import Refusal

PROCESSED_TABLES = (
    "indicators", "targets", "observations", "trajectories", "segments", "forecasts",
    "backtests", "accuracy", "vintages", "gap_assessment", "departments", "summary",
    "planning_levels", "fiscal_exposure", "missing_figures", "department_notes",
    "reference_anchors", "checks", "probability_backtests",
)  # fmt: skip

STAGING_PREFIX = ".langfang-staging-"
LOCK_NAME = ".langfang-run.lock"  # held by the one writer of an output folder
PUBLISH_LOCK_NAME = ".langfang-publish.lock"  # held while folders are switched (readers share)
JOURNAL_NAME = ".langfang-publish.json"  # the switch in progress
RUN_ID_NAME = config.RUN_ID_NAME  # in data/processed and reports: the run they come from
RESULTS_NAME = "results.pickle"  # in the staging folder: the compute stage's results
NOTEBOOK_SCRATCH = "notebook-scratch"  # in the staging folder: where notebook 05 writes
#: Seconds a run waits for another run writing the same output folder (``--wait``).
LOCK_TIMEOUT_S = 600.0
#: Staging folders without an owner in their name (older versions) are swept after this.
LEGACY_STAGING_AGE_S = 3600.0
#: Test hook: a run pauses (blocks) at the point named here, so a test can kill it there.
PAUSE_ENV = "LANGFANG_METRICS_PAUSE_AT"


class OutputLockedError(RuntimeError):
    """Another live run kept the output folder locked longer than the run would wait."""


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
    progress: Callable[[str], None] | None = None
    jobs: int | None = None
    run_id: str | None = None
    #: True when the run published nothing: the same files were in place already.
    unchanged: bool = False
    #: ``--known-by``: the day (ISO text) whose published figures the run uses, else None.
    known_by: str | None = None
    #: Called once the run's outputs are in place (see ``run``'s ``on_published``).
    on_published: Callable[[], None] | None = None

    @property
    def processed(self) -> Path:
        return self.stage_dir / config.PROCESSED_PATH.name

    @property
    def reports(self) -> Path:
        return self.stage_dir / config.REPORTS_PATH.name


def output_dirs(out_root: Path) -> tuple[Path, Path]:
    """Final ``data/processed`` and ``reports`` folders under ``out_root``."""
    if Path(out_root).resolve() == Path(config.PROJ_ROOT).resolve():
        return Path(config.PROCESSED_DIR), Path(config.REPORTS_DIR)
    return Path(out_root) / config.PROCESSED_PATH, Path(out_root) / config.REPORTS_PATH


#: What a run's output folder may hold besides a run's files: the placeholder a checkout
#: ships and the benchmarks ``make bench`` writes (kept across runs).
_NOT_FROM_A_RUN_OK = frozenset({".gitkeep", config.BENCHMARKS_NAME})
#: In each published folder: every file the run wrote, with its SHA-256, so the next run can
#: tell a file added or edited since (which it would delete or replace) from its own.
MANIFEST_NAME = ".run-files"
#: Files an office program or the operating system leaves beside the outputs (a lock file
#: while a workbook is open, a folder's thumbnails): not the user's work, never refused.
_LEFT_BY_PROGRAMS = (".~lock.", "~$", ".DS_Store", "Thumbs.db", "desktop.ini")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _run_files(folder: Path) -> list[Path]:
    """The files of a published folder a run answers for (its manifest, ``.run-id``,
    ``.gitkeep``, the benchmarks and programs' lock files apart)."""
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if (not p.is_file() or rel.parts[0] in _NOT_FROM_A_RUN_OK
                or p.name in (RUN_ID_NAME, MANIFEST_NAME, LOCK_NAME, PUBLISH_LOCK_NAME)
                or p.name.startswith(_LEFT_BY_PROGRAMS)):  # fmt: skip
            continue
        out.append(p)
    return out


def _manifest_text(folder: Path) -> str:
    """One line per file a run answers for in ``folder``: its SHA-256 and its path."""
    return "".join(
        f"{_sha256(p)}  {p.relative_to(folder).as_posix()}\n" for p in _run_files(folder)
    )


def _write_manifest(folder: Path) -> None:
    (folder / MANIFEST_NAME).write_text(_manifest_text(folder), encoding="utf-8")


def not_from_the_run(final: Path) -> list[str]:
    """Files of a published folder that its run did not write as they are now: added since
    (a note saved into ``reports/``) or changed since (a brief edited in place). A run would
    delete or replace them. Empty for a folder without a manifest (published before runs
    wrote one)."""
    manifest = final / MANIFEST_NAME
    if not manifest.is_file():
        return []
    listed = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        listed[rel] = digest
    out = []
    for p in _run_files(final):
        rel = p.relative_to(final).as_posix()
        if rel not in listed:
            out.append(f"{rel} (not written by a run)")
        elif _sha256(p) != listed[rel]:
            out.append(f"{rel} (changed since the run wrote it)")
    return out


def refuse_touched(out_root: Path) -> None:
    """``ValueError`` naming every file added to or edited in a run's published folders
    since the run (:func:`not_from_the_run`), in both folders at once."""
    touched = [f"{final / t}" for final in output_dirs(out_root)
               if final.is_dir() and (final / RUN_ID_NAME).is_file()
               for t in not_from_the_run(final)]  # fmt: skip
    if touched:
        shown = "; ".join(touched[:6]) + (f"; and {len(touched) - 6} more"
                                          if len(touched) > 6 else "")  # fmt: skip
        raise Refusal(f"the output folder holds files a run would delete or replace: "
                      f"{shown}. Move them elsewhere (or delete them) and run again",
                      f"输出文件夹中有运行会删除或替换的文件：{shown.replace('; and ', '；另有 ')}。"
                      "请把它们移到别处（或删除）后重新运行")  # fmt: skip


def check_output_folder(out_root: Path, inputs=()) -> None:
    """Refuse an output folder whose publishing would destroy something a run did not write.

    A run replaces ``data/processed`` and ``reports`` under ``out_root`` whole. It refuses
    (``ValueError``, nothing written) when ``out_root`` lies inside ``data/raw`` (read-only
    input), when one of those folders exists with files but no ``.run-id`` (not made by a
    run: a user's own ``reports`` folder, say), when a run's folder holds a file added or
    edited since the run (:func:`not_from_the_run`: a note saved into ``reports``, a brief
    edited in place), and when an input file or folder lies inside one of them (the run
    would delete its own input).
    """
    from .export import inside, refuse_inside_published, refuse_inside_raw

    if out_root.exists() and not out_root.is_dir():
        raise Refusal(
            f"the output folder {out_root} is a file; --out names a folder",
            f"输出文件夹 {out_root} 是一个文件；--out 应指定文件夹",
        )
    refuse_inside_raw(out_root, f"the output folder {out_root}", "choose another --out")
    refuse_inside_published(out_root, f"the output folder {out_root}", "choose another --out")
    refuse_touched(out_root)
    for final in output_dirs(out_root):
        for given in inputs:
            if inside(given, final):
                raise Refusal(f"the input {given} lies inside {final}, which every run "
                              "replaces whole; move it elsewhere first",
                              f"输入 {given} 位于 {final} 之内，而每次运行都会整体替换该文件夹；"
                              "请先把它移到别处")  # fmt: skip
        if not final.is_dir() or (final / RUN_ID_NAME).is_file():
            continue
        foreign = sorted(p.name for p in final.iterdir() if p.name not in _NOT_FROM_A_RUN_OK)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise Refusal(f"{final} already exists and was not written by langfang-metrics "
                          f"(it has no {RUN_ID_NAME}; it holds {shown}); a run would replace "
                          "it whole: move it away or choose another --out",
                          f"{final} 已存在，且不是 langfang-metrics 写出的（其中没有 {RUN_ID_NAME}，"
                          f"有 {shown}）；运行会整体替换它：请把它移走，或用 --out 指定其他文件夹")  # fmt: skip
    refuse_unwritable(_swapped_folders(out_root))


def _swapped_folders(out_root: Path) -> list[Path]:
    """The folders the switch changes: ``out_root`` (the staging folder and the run's lock
    are made there), the folder holding ``data/processed`` and both published folders (a
    folder moved to another parent rewrites its ``..`` entry, so it must be writable too)."""
    processed, reports = output_dirs(out_root)
    return list(dict.fromkeys([Path(out_root), processed.parent, processed, reports]))


def _writable(folder: Path) -> bool:
    """Whether this account may add, remove and rename entries of ``folder`` (False for a
    read-only disk and for a folder flagged immutable, even for root)."""
    return os.access(folder, os.W_OK | os.X_OK)


def refuse_unwritable(folders) -> None:
    """``Refusal`` naming those of ``folders`` that exist and this account cannot change.

    A run found a ``reports`` it could not rename only when publishing, after every stage
    had run, and named the hidden staging folder (the hostile-input review); it is checked
    before the work starts (:func:`check_output_folder`), and a switch that still fails so
    is said in the same words (:func:`_replace`).
    """
    stuck = [f for f in map(Path, folders) if f.is_dir() and not _writable(f)]
    if stuck:
        raise _cannot_change(stuck)


def _cannot_change(stuck: list[Path]) -> Refusal:
    shown = ", ".join(map(str, stuck))
    return Refusal(f"this account may not change {shown} (no write permission, a read-only "
                   "disk, or a folder locked against changes); a run replaces data/processed "
                   "and reports whole, which needs write permission on them and on the "
                   "folders holding them: make them writable for this account (their owner "
                   "or an administrator can), or choose another --out",
                   f"当前账户无权修改 {'、'.join(map(str, stuck))}（没有写权限、磁盘只读，或文件夹"
                   "被锁定不可更改）；运行会整体替换 data/processed 和 reports，这需要对它们及其所在"
                   "文件夹有写权限：请让当前账户可以写入（可请其所有者或管理员设置），或用 --out "
                   "指定其他文件夹")  # fmt: skip


def check_run_options(
    *, as_of=None, lock_timeout=LOCK_TIMEOUT_S, jobs=None, known_by=None
) -> int | None:
    """Refuse option values that cannot mean anything (``ValueError`` naming the option);
    return ``as_of`` as a whole year (``"2022"`` is 2022)."""
    as_of = None if as_of is None else plan_year(as_of, "--as-of")
    if known_by is not None:
        from .observations import known_by_date

        known_by_date(known_by)  # the day itself is read where the figures are cut
    if not (isinstance(lock_timeout, int | float) and 0 <= lock_timeout < float("inf")):
        raise ValueError(f"--wait must be a number of seconds, 0 or more, got {lock_timeout!r}")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"--jobs must be a whole number of processes, 1 or more, got {jobs!r}")
    return as_of


# --------------------------------------------------------------------------- stages
def stage_validate(ctx: RunContext) -> str:
    """Load and validate the registry and observations (raises DataValidationError)."""
    from .observations import load_observations
    from .registry import load_fiscal_parameters, load_indicators, load_regions, load_targets

    # the one cut to the figures known on the day is the loader's, after it has checked
    # every file whole and before --prefer settles conflicts between files: every stage
    # after this one reads only these
    obs = load_observations(ctx.observations_path, prefer=ctx.prefer, known_by=ctx.known_by)
    from .labels import label
    from .observations import check_table

    known = obs.attrs.get("known_by")
    if known is None:
        rows, n = len(obs), int(obs["indicator_id"].nunique())
    else:  # the figures read, before the cut
        rows, n = known.read, known.indicators
    said = label("run.read", ctx.lang, rows=rows, n=n)
    if known is not None:
        said += known_by_line(known, ctx.lang)
    ctx.inputs = dict(indicators=load_indicators(), targets=load_targets(),
                      observations=obs, fiscal=load_fiscal_parameters(),
                      regions=load_regions())  # fmt: skip
    # the figures to verify, said as soon as they are read: the list came after the report
    # was published, and a slip could be stopped only by running again (the statistician's
    # review); the list itself still follows the run
    found = len(check_table(obs, ctx.inputs["indicators"], ctx.inputs["targets"]))
    return said + (label("run.read_checks", ctx.lang, n=found) if found else "")


def known_by_line(known, lang: str) -> str:
    """What ``--known-by`` did, as the validate stage's line goes on (``known``: the
    ``observations.KnownBy`` of the cut): the day, the figures published later and left
    out, the undated figures counted as known (the weak point of a reconstruction), those
    of a year not over by the day, left out, and those left out as they follow a figure
    published on the day or later (a final after its preliminary)."""
    from .labels import label

    said = label("run.known_by", lang, date=known.date, later=known.later, n=known.undated)
    if known.unfinished:
        said += label("run.known_by_unfinished", lang, m=known.unfinished)
    if getattr(known, "after_earlier", 0):
        said += label("run.known_by_after_earlier", lang, k=known.after_earlier)
    return said


def stage_compute(ctx: RunContext) -> str:
    """Trajectories, forecasts, backtests, vintages, gaps, roll-ups, fiscal exposure."""
    from .compute import compute_all
    from .observations import shown_path

    ctx.results = replace(
        compute_all(**ctx.inputs, as_of=ctx.as_of),
        prefer=tuple(shown_path(Path(p)) for p in ctx.prefer),
    )  # the brief repeats it
    if ctx.notebooks:  # the notebooks read these results instead of computing them again
        from .compute import save_results

        save_results(ctx.results, ctx.stage_dir / RESULTS_NAME)
    from .labels import label

    return label("run.forecast", ctx.lang, n=int(ctx.results.forecasts["indicator_id"].nunique()))


def stage_tables(ctx: RunContext) -> str:
    """Write every processed table as UTF-8-with-BOM CSV."""
    from .export import write_csv
    from .series import in_series
    from .views import checks_in_both_languages, probability_backtests

    r = ctx.results
    observations = r.observations.assign(in_series=in_series(r.observations))
    tables = dict(indicators=r.indicators, targets=r.targets, observations=observations,
                  trajectories=r.trajectories, segments=r.segments, forecasts=r.forecasts,
                  backtests=r.backtests, accuracy=r.accuracy, vintages=r.vintages,
                  gap_assessment=r.gaps, departments=r.departments, summary=r.summary,
                  planning_levels=r.planning, fiscal_exposure=r.fiscal_exposure,
                  missing_figures=r.missing, department_notes=r.department_notes,
                  reference_anchors=r.anchors,
                  checks=checks_in_both_languages(r.checks, r.indicators,
                                                  regions=r.regions),
                  # the events behind "全国 +37，18次检验": a report writer could not trace it
                  probability_backtests=probability_backtests(r.events))  # fmt: skip
    for name in PROCESSED_TABLES:
        write_csv(tables[name], ctx.processed / f"{name}.csv")
    from .labels import label

    return label("run.tables", ctx.lang, n=len(tables))


def stage_figures(ctx: RunContext) -> str:
    """Every report chart in Chinese and English, as PNG, SVG and PDF (in parallel)."""
    from .figures import report_figures

    ctx.figures = report_figures(ctx.results, ctx.reports / config.FIGURES_NAME, jobs=ctx.jobs)
    from .labels import label

    return label("run.files", ctx.lang, n=len(ctx.figures))


def stage_workbook(ctx: RunContext) -> str:
    """The formatted Excel workbook, in Chinese and in English (``config.WORKBOOK_NAMES``;
    the headers of both are bilingual, the contents in the workbook's language)."""
    from .export import write_results_workbook

    for lang, name in config.WORKBOOK_NAMES.items():
        write_results_workbook(ctx.results, ctx.reports / name, lang=lang)
    return ", ".join(config.WORKBOOK_NAMES.values())


def stage_brief(ctx: RunContext) -> str:
    """The monitoring brief as Word documents, Chinese and English (监测简报_<as-of>.docx;
    终期评估简报_<as-of>.docx once the data reach the plan's last year)."""
    from .brief import write_brief

    written = [
        write_brief(
            ctx.results, ctx.reports, lang=lang, figures_dir=ctx.reports / config.FIGURES_NAME
        )
        for lang in ("zh", "en")
    ]
    return ", ".join(p.name for p in written)


def stage_notebooks(ctx: RunContext) -> str:
    """Execute every notebook into HTML, in parallel (skipped with ``--no-notebooks``).

    The kernels work in the staging folder and read the compute stage's results from it
    (``results_path``). Notebook 05 writes its figures and workbook into a scratch folder
    there (the report's own come from the figures and workbook stages). Both paths are
    injected relative to the staging folder, so the HTML, which shows the injected
    parameters, is the same on every run.
    """
    from .labels import label

    if not ctx.notebooks:
        return label("run.skipped", ctx.lang)
    from .notebooks import execute_all

    say = ctx.progress or (lambda _line: None)
    names = [name for name, _ in STAGES]
    i = names.index("notebooks") + 1 if "notebooks" in names else 0

    def progress(done: int, total: int, name: str) -> None:
        say(f"[{i}/{len(STAGES)}] {_stage_name('notebooks', ctx.lang)} "
            f"{label('run.notebooks_done', ctx.lang, done=done, total=total)}: {name}")  # fmt: skip
        _pause_point(f"notebooks:{done}")

    from .compute import results_digest
    from .notebooks import environment_digest
    from .observations import input_files

    given = input_files(ctx.observations_path) if ctx.observations_path else []
    inputs = f"{results_digest(ctx.results)}|{environment_digest(given)}"
    ctx.notebook_pages = []
    try:
        # the run's language in reports/notebooks/, the other in reports/notebooks/<lang>/:
        # the English landing page linked pages whose every table was Chinese
        langs = (ctx.lang, *(o for o in ("zh", "en") if o != ctx.lang))
        for k, lang in enumerate(langs):

            def counted(done, total, name, k=k, lang=lang):  # "7/10 notebooks: 02 (en)"
                progress(k * total + done, len(langs) * total, f"{name} ({lang})")

            params = {"as_of": ctx.as_of, "lang": lang,
                      "observations_path": _notebook_observations(ctx),
                      "out_dir": NOTEBOOK_SCRATCH, "results_path": RESULTS_NAME,
                      # a page run again by hand computes the same reconstruction
                      **({"known_by": ctx.known_by} if ctx.known_by else {})}  # fmt: skip
            out = notebook_folder(ctx.reports, lang, ctx.lang)
            ctx.notebook_pages += execute_all(out, params=params, cwd=ctx.stage_dir,
                                              jobs=ctx.jobs, progress=counted,
                                              cache_dir=config.NOTEBOOK_CACHE_DIR, inputs=inputs,
                                              started=lambda name: _pause_point(f"kernel:{name}"))  # fmt: skip
            shutil.rmtree(ctx.stage_dir / NOTEBOOK_SCRATCH, ignore_errors=True)
    finally:
        shutil.rmtree(ctx.stage_dir / NOTEBOOK_SCRATCH, ignore_errors=True)
    return label("run.notebooks", ctx.lang, n=len(ctx.notebook_pages))


def notebook_folder(reports: Path, lang: str, run_lang: str) -> Path:
    """Where the notebook pages in ``lang`` go: ``reports/notebooks/`` for the run's own
    language, ``reports/notebooks/<lang>/`` for the other."""
    base = Path(reports) / config.NOTEBOOK_PAGES_NAME
    return base if lang == run_lang else base / lang


def _notebook_observations(ctx: RunContext):
    """``observations_path`` as notebooks get it: a path, a list, or files with precedence.

    Paths are made absolute: the kernels work in the staging folder, not where the user
    typed them. The default (None: the shipped file) stays None, so the pages of a default
    run do not depend on where the project lives.
    """
    path = ctx.observations_path
    if isinstance(path, list):
        path = [os.path.abspath(p) for p in path]
    elif path is not None:
        path = os.path.abspath(path)
    if ctx.prefer:
        return {"files": path, "prefer": [os.path.abspath(p) for p in ctx.prefer]}
    return path


def stage_index(ctx: RunContext) -> str:
    """The landing pages ``reports/index.html`` and ``index_en.html`` (see ``landing``)."""
    from .landing import write_landing

    pages = write_landing(ctx.results, ctx.reports, processed=ctx.processed)
    return ", ".join(p.name for p in pages)


def _stage_name(name: str, lang: str) -> str:
    """A stage as its progress line names it, padded to one width (a Chinese character
    counts two columns, as :func:`status_table` measures them)."""
    from .export import _display_width
    from .labels import LABELS, label

    key = f"run.stage.{name}"
    shown = label(key, lang) if key in LABELS else name  # a stage added by a test or a user
    return shown + " " * max(0, 10 - _display_width(shown))


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
    lock_timeout: float = LOCK_TIMEOUT_S,
    jobs: int | None = None,
    known_by: str | None = None,
    on_published: Callable[[], None] | None = None,
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
        Receives one line per stage, one per finished notebook, and the waiting, repair
        and sweep notices (the CLI prints them).
    lock_timeout : float
        Seconds to wait while another run writes the same output folder.
    jobs : int, optional
        Processes at once: figures drawn and notebooks executed in parallel (default: the
        CPUs available to the process; 1 does everything one after another).
    prefer : sequence of path-like
        Files whose figures win conflicts between files, first wins (``--prefer``).
    known_by : str, optional
        A date (``2024-03-31``; a month or year counts from its last day): the run uses
        only the figures published by then, as known that day (``--known-by``;
        ``observations.published_by``), and its outputs say so. Undated figures count as
        known if their year was over by then and no dated figure they succeed (a
        preliminary, for a final) came out on the day or later, else they are left out;
        the run says how many.
    on_published : callable, optional
        Called once, right after the last rename of the switch (or on finding the same
        outputs published already), before the staging folder is removed: from then on
        the run has succeeded, whatever stops it. The command line uses it to take a
        Ctrl-C after that as no interruption.

    Raises
    ------
    DataValidationError
        When the inputs have problems; nothing is written.
    OutputLockedError
        When another run still writes the output folder after ``lock_timeout`` seconds.
    ValueError
        For an option that cannot mean anything (``as_of`` before the plan's base year,
        negative or infinite ``lock_timeout``, ``jobs`` below 1, ``known_by`` no date) and for an output folder
        whose publishing would destroy what a run did not write (:func:`check_output_folder`).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    from .labels import label

    as_of = check_run_options(as_of=as_of, lock_timeout=lock_timeout, jobs=jobs,
                              known_by=known_by)  # fmt: skip
    say = progress or (lambda _line: None)
    out_root = Path(out_dir) if out_dir is not None else Path(config.PROJ_ROOT)
    if isinstance(observations_path, list | tuple):
        obs_path = [Path(p) for p in observations_path] or None
    else:
        obs_path = Path(observations_path) if observations_path else None
    ctx = RunContext(obs_path, as_of, lang, out_root, notebooks,
                     prefer=tuple(Path(p) for p in prefer), progress=say,
                     jobs=jobs, known_by=known_by, on_published=on_published)  # fmt: skip
    inputs = [] if obs_path is None else obs_path if isinstance(obs_path, list) else [obs_path]
    check_output_folder(out_root, [*inputs, *ctx.prefer])  # before the lock file is made
    out_root.mkdir(parents=True, exist_ok=True)
    with writer_lock(out_root, timeout=lock_timeout, say=say, lang=lang):
        _housekeeping(out_root, say, lang)
        check_output_folder(out_root, [*inputs, *ctx.prefer])  # as it is after any repair
        me = _process_identity(os.getpid())
        ctx.stage_dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{me[0]}-{me[1]}-",
                                              dir=out_root))  # fmt: skip
        try:
            ctx.processed.mkdir()
            ctx.reports.mkdir()
            for i, (name, stage) in enumerate(STAGES, 1):
                t0 = time.perf_counter()
                shown = _stage_name(name, lang)
                say(f"[{i}/{len(STAGES)}] {shown} …")
                detail = stage(ctx)
                _pause_point(name)
                seconds = f"{time.perf_counter() - t0:5.2f}"
                done = label("run.stage_done", lang, seconds=seconds, detail=detail)
                say(f"[{i}/{len(STAGES)}] {shown} {done}")
            _swap_into_place(ctx)
        finally:
            shutil.rmtree(ctx.stage_dir, ignore_errors=True)
    return ctx


def _swap_into_place(ctx: RunContext) -> None:
    """Publish the staged folders as one switch (journal, renames), keeping what a run does
    not make; an error during the renames puts the previous outputs back."""
    processed, reports = output_dirs(ctx.out_root)
    if (reports / config.BENCHMARKS_NAME).is_dir():  # written by `make bench`, not the run
        shutil.copytree(reports / config.BENCHMARKS_NAME, ctx.reports / config.BENCHMARKS_NAME)
    pairs = [(ctx.processed, processed), (ctx.reports, reports)]
    for staged, final in pairs:
        (staged / ".gitkeep").touch()
        (staged / RUN_ID_NAME).unlink(missing_ok=True)
        _write_manifest(staged)
        final.parent.mkdir(parents=True, exist_ok=True)
    ctx.run_id = _tree_digest([staged for staged, _ in pairs])
    for staged, _ in pairs:
        (staged / RUN_ID_NAME).write_text(ctx.run_id + "\n", encoding="ascii")
    moves = [(str(staged), str(final), str(ctx.stage_dir / f"old-{i}-{final.name}"))
             for i, (staged, final) in enumerate(pairs)]  # fmt: skip
    journal = ctx.out_root / JOURNAL_NAME
    with _locked(ctx.out_root / PUBLISH_LOCK_NAME, exclusive=True):
        # again, at the last moment: a brief saved into reports/ while the run went on is
        # as much the user's as one saved before it started
        refuse_touched(ctx.out_root)
        if unchanged(ctx.out_root, pairs, ctx.run_id):
            # the same bytes are published already: leave them, so that sync and backup
            # tools, shares and an open workbook see nothing change (every file got a new
            # date and inode on a rerun of unchanged inputs: the statistician's review)
            ctx.unchanged = True
            _now_published(ctx)
            _pause_point("published")
            return
        _write_durably(journal, json.dumps({"run_id": ctx.run_id, "moves": moves}, indent=1))
        try:
            _complete_moves(moves, pause=True)
            _now_published(ctx)  # in the try: a Ctrl-C before it still puts the old ones back
        except BaseException:  # Ctrl-C too: the previous outputs go back in place
            _undo_moves(moves)  # if this fails too, the journal stays and the next run completes
            journal.unlink()
            raise
        journal.unlink()
        _fsync_dir(ctx.out_root)
    _pause_point("published")


def _now_published(ctx: RunContext) -> None:
    """The run's outputs are in place: from here on it has succeeded (``on_published``)."""
    if ctx.on_published is not None:
        ctx.on_published()


def unchanged(out_root: Path, pairs: list[tuple[Path, Path]], run_id: str) -> bool:
    """Whether each published folder holds exactly the files its staged twin holds, for a
    run whose id is ``run_id``: both published folders say that id, and the files a run
    answers for (:func:`_run_files`: an office program's lock file beside an open workbook
    is none of them) are the same, by name and bytes. A file deleted, added or changed
    since is no match."""
    if published_run_id(out_root) != run_id:
        return False
    return all((staged / MANIFEST_NAME).read_text(encoding="utf-8") == _manifest_text(final)
               for staged, final in pairs)  # fmt: skip


def _complete_moves(moves: list, *, pause: bool = False) -> None:
    """Do the switch's renames that are not done yet (idempotent, so a rerun can finish it).

    For each (staged, final, backup): while the staged folder exists, the previous final
    folder (if any) goes to the backup and the staged one takes its place.
    """
    step = 0
    for staged, final, backup in map(lambda m: tuple(map(Path, m)), moves):
        if not staged.exists():
            continue
        if final.exists():
            _replace(final, backup, final)
        step += 1
        if pause:
            _pause_point(f"publish:{step}")
        _replace(staged, final, final)
        step += 1
        if pause:
            _pause_point(f"publish:{step}")


def _replace(src: Path, dst: Path, final: Path) -> None:
    """``os.replace`` in a switch, its failure naming ``final``, the published folder the
    user knows, not the staging folder a backup goes to (a ``reports`` that could not be
    renamed was said as ".langfang-staging-…/old-1-reports")."""
    try:
        os.replace(src, dst)
    except PermissionError as err:
        stuck = [f for f in (final, final.parent) if f.is_dir() and not _writable(f)]
        raise (_cannot_change(stuck) if stuck else Refusal(
            f"this account may not move {final} (permission denied, or a file in it is "
            "open in another program): close it, make the folder writable for this "
            "account, or choose another --out",
            f"当前账户无法移动 {final}（权限不足，或其中有文件正被其他程序打开）：请关闭该文件、"
            "让当前账户可以写入该文件夹，或用 --out 指定其他文件夹")) from err  # fmt: skip
    except OSError as err:  # said in words by the command line, at the user's folder
        raise OSError(err.errno, err.strerror, str(final)) from err


def _undo_moves(moves: list) -> None:
    """Put the previous final folders back after a failed switch (reverse order)."""
    for staged, final, backup in map(lambda m: tuple(map(Path, m)), reversed(moves)):
        if backup.exists():
            if final.exists() and not staged.exists():
                os.replace(final, staged)
            elif final.exists():
                shutil.rmtree(final)
            os.replace(backup, final)


def _housekeeping(out_root: Path, say: Callable[[str], None], lang: str) -> None:
    """Under the writer lock: finish an interrupted switch, then sweep dead runs' folders."""
    from .labels import label

    journal = out_root / JOURNAL_NAME
    if journal.exists():
        record = json.loads(journal.read_text(encoding="utf-8"))
        with _locked(out_root / PUBLISH_LOCK_NAME, exclusive=True):
            _complete_moves(record["moves"])
            journal.unlink()
            _fsync_dir(out_root)
        say(label("run.repaired", lang, run_id=record["run_id"]))
    swept = sweep_staging(out_root)
    if swept:
        say(label("run.swept", lang, n=len(swept)))


def sweep_staging(out_root: Path) -> list[Path]:
    """Remove the staging folders of runs that are no longer alive; returns those removed.

    A folder's name carries its owner's PID and process start time; it is kept while that
    process lives (a PID reused by another process has another start time). Folders from
    versions that did not record an owner are removed once older than an hour.
    """
    removed = []
    for folder in sorted(Path(out_root).glob(f"{STAGING_PREFIX}*")):
        m = re.match(rf"{re.escape(STAGING_PREFIX)}(\d+)-(\d+)-", folder.name)
        if m:
            if _is_alive(int(m[1]), m[2]):
                continue
        elif time.time() - folder.stat().st_mtime < LEGACY_STAGING_AGE_S:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():  # one it could not remove (a read-only folder inside) was
            removed.append(folder)  # counted as removed, and said so at every run after
    return removed


def published_run_id(out_dir: str | os.PathLike | None = None) -> str | None:
    """The id of the run ``data/processed`` and ``reports`` both come from, else None.

    None means there are no outputs yet, or a switch was interrupted (the next run
    completes it), or the folders were changed by hand.
    """
    out_root = Path(out_dir) if out_dir is not None else Path(config.PROJ_ROOT)
    if (out_root / JOURNAL_NAME).exists():
        return None
    ids = set()
    for folder in output_dirs(out_root):
        try:
            ids.add((folder / RUN_ID_NAME).read_text(encoding="ascii").strip())
        except OSError:
            return None
    return ids.pop() if len(ids) == 1 else None


@contextlib.contextmanager
def reading(out_dir: str | os.PathLike | None = None) -> Iterator[str]:
    """Hold the outputs still while reading them: no run switches folders meanwhile.

    Yields the run id both folders come from; raises ``RuntimeError`` when they do not
    agree (run ``langfang-metrics run`` to complete an interrupted switch).
    """
    out_root = Path(out_dir) if out_dir is not None else Path(config.PROJ_ROOT)
    with _locked(out_root / PUBLISH_LOCK_NAME, exclusive=False):
        run_id = published_run_id(out_root)
        if run_id is None:
            raise RuntimeError(f"{out_root}: data/processed and reports are not from one run")
        yield run_id


# --------------------------------------------------------------------------- locks
@contextlib.contextmanager
def writer_lock(
    out_root: Path, *, timeout: float = LOCK_TIMEOUT_S, say=None, lang: str = "zh"
) -> Iterator[None]:
    """Be the one writer of ``out_root``: wait up to ``timeout`` s for a running writer.

    The lock is ``fcntl.flock`` on ``OUT/.langfang-run.lock`` (the kernel drops it when its
    owner dies, however it dies); the file records the owner's PID and start time for the
    waiting message.
    """
    from .labels import label

    path = Path(out_root) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, told = time.monotonic() + timeout, False
        while not _try_lock(fd, exclusive=True):
            owner = _lock_owner(path)
            if time.monotonic() >= deadline:
                raise OutputLockedError(label("run.locked", lang, out=out_root, timeout=f"{timeout:g}",
                                              **owner))  # fmt: skip
            if not told and say is not None:
                say(label("run.waiting", lang, out=out_root, timeout=f"{timeout:g}", **owner))
                told = True
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        pid, start = _process_identity(os.getpid())
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{pid} {start} {started}\n".encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            _unlock(fd)
    finally:
        os.close(fd)


def _lock_owner(path: Path) -> dict:
    try:
        pid, _start, started = path.read_text(encoding="utf-8").split(" ", 2)
        return {"pid": pid, "started": started.strip()}
    except (OSError, ValueError):
        return {"pid": "?", "started": "?"}


@contextlib.contextmanager
def _locked(path: Path, *, exclusive: bool) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _try_lock(fd, exclusive=exclusive, block=True)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int, *, exclusive: bool, block: bool = False) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock (always exclusive)
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if block else msvcrt.LK_NBLCK, 1)
        except OSError:
            if block:
                raise
            return False
        return True
    flags = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        fcntl.flock(fd, flags if block else flags | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def _process_identity(pid: int) -> tuple[int, str]:
    """(PID, start time in clock ticks since boot from /proc, or "0" where unknown)."""
    stat = _proc_stat(pid)
    return pid, stat[19] if stat else "0"


def _proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state first), None if absent."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text.rpartition(")")[2].split()


def _is_alive(pid: int, start: str) -> bool:
    """Whether the process that had ``pid`` and ``start`` time still runs (not a zombie)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    except OSError:
        return False
    if not Path("/proc/self/stat").exists():  # no /proc (macOS): the PID is all we know
        return True
    stat = _proc_stat(pid)
    if stat is None or stat[0] in ("Z", "X"):
        return False
    return start == "0" or stat[19] == start


# --------------------------------------------------------------------------- files
def _tree_digest(folders: list[Path]) -> str:
    """Digest of every file's path and bytes below ``folders`` (same outputs, same id)."""
    h = hashlib.sha256()
    for i, folder in enumerate(folders):
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.name != RUN_ID_NAME:
                h.update(f"{i}/{p.relative_to(folder).as_posix()}\0".encode())
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def _write_durably(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pause_point(name: str) -> None:
    """Block forever when ``LANGFANG_METRICS_PAUSE_AT`` names this point (tests kill here)."""
    if os.environ.get(PAUSE_ENV) != name:
        return
    print(f"paused at {name}", file=sys.stderr, flush=True)
    while True:
        time.sleep(60)


def status_table(gaps: pd.DataFrame, lang: str = "zh") -> str:
    """Short plain-text table: targets by status for each milestone (printed at the end)."""
    from .export import _display_width
    from .gaps import plan_summary
    from .labels import label, status_label

    s = plan_summary(gaps).set_index("milestone_year")
    from .gaps import STATUSES

    rows = [(status_label(c, lang), c) for c in s.columns if c in STATUSES]
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
