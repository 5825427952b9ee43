"""The main job killed at any point, or run twice at once: outputs stay from one whole run.

Runs happen in subprocesses (``python -m langfang_metrics run``) so they can be killed with
SIGKILL at a known point: ``LANGFANG_METRICS_PAUSE_AT`` makes a run block right after the
named stage (or between two renames of the publish switch) and say so on stderr.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from langfang_metrics import config, pipeline
from langfang_metrics.labels import label

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL, /proc")]

EXTRA = (
    "indicator_id,region,year,value,unit,status,source,url,accessed,quote,note\n"
    "tech_smes,langfang,2024,9911,家,final,test bulletin,,,9911家,\n"
)


def _cmd(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "langfang_metrics", "run", "--out", str(out), "--no-notebooks",
            *extra]  # fmt: skip


def _env(pause: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != pipeline.PAUSE_ENV}
    if pause:
        env[pipeline.PAUSE_ENV] = pause
    return env


def _run(out: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(out, *extra), env=_env(), capture_output=True, text=True,
                          timeout=timeout, cwd=config.PROJ_ROOT)  # fmt: skip


def _start_paused(out: Path, pause: str, *extra: str) -> subprocess.Popen:
    """Start a run that blocks at ``pause``; return once it says it is paused there."""
    proc = subprocess.Popen(_cmd(out, *extra), env=_env(pause), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=config.PROJ_ROOT)  # fmt: skip
    for line in proc.stderr:
        if line.strip() == f"paused at {pause}":
            return proc
    proc.wait(timeout=60)
    raise AssertionError(f"the run ended (exit {proc.returncode}) without pausing at {pause}")


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stderr.close()


def _published(out: Path) -> dict[str, str]:
    """Digest of every published file under OUT/data/processed and OUT/reports."""
    found = {}
    for folder in pipeline.output_dirs(out):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                found[p.relative_to(out).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def _debris(out: Path) -> list[str]:
    names = [p.name for p in out.iterdir()]
    return sorted(n for n in names if n.startswith(pipeline.STAGING_PREFIX)
                  or n == pipeline.JOURNAL_NAME)  # fmt: skip


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("clean")
    done = _run(out)
    assert done.returncode == 0, done.stderr
    assert pipeline.published_run_id(out) is not None
    return _published(out)


STOPS = [name for name, _ in pipeline.STAGES] + ["publish:1", "publish:2", "publish:3",
                                                 "publish:4"]  # fmt: skip


@pytest.mark.parametrize("stop", STOPS)
def test_killed_run_leaves_no_trace_and_the_next_run_matches_a_clean_one(stop, tmp_path, clean):
    out = tmp_path / "out"
    proc = _start_paused(out, stop)
    _kill(proc)
    if stop.startswith("publish:"):
        # killed inside the switch: readers are told the two folders are not from one run
        assert pipeline.published_run_id(out) is None
    again = _run(out)
    assert again.returncode == 0, again.stderr
    if stop.startswith("publish:"):
        assert "中断" in again.stderr  # the switch was completed first, and it says so
    assert _published(out) == clean
    assert _debris(out) == []
    run_id = pipeline.published_run_id(out)
    assert run_id is not None
    with pipeline.reading(out) as seen:
        assert seen == run_id


def test_a_killed_run_never_damages_the_previous_outputs(tmp_path, clean):
    out = tmp_path / "out"
    assert _run(out).returncode == 0
    extra = tmp_path / "extra.csv"
    extra.write_text(EXTRA, encoding="utf-8")
    for stop in ("figures", "index"):
        _kill(_start_paused(out, stop, "--observations", str(extra)))
        assert _published(out) == clean  # the staged run never showed


def test_second_run_waits_then_gives_up_with_a_clear_message(tmp_path):
    out = tmp_path / "out"
    first = _start_paused(out, "tables")
    try:
        t0 = time.monotonic()
        second = _run(out, "--wait", "1")
        waited = time.monotonic() - t0
    finally:
        _kill(first)
    assert second.returncode == 2
    assert f"PID {first.pid}" in second.stderr or f"进程 {first.pid}" in second.stderr
    assert "BUSY" in second.stderr and "Traceback" not in second.stderr
    assert waited >= 1
    assert not (out / "data" / "processed").exists()  # the second run wrote nothing


def test_two_runs_at_once_publish_one_consistent_result(tmp_path):
    out = tmp_path / "out"
    extra = tmp_path / "extra.csv"
    extra.write_text(EXTRA, encoding="utf-8")
    first = _start_paused(out, "workbook")
    try:
        second = subprocess.Popen(_cmd(out, "--observations", str(extra)), env=_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  cwd=config.PROJ_ROOT)  # fmt: skip
        told = second.stdout.readline()
        assert "waiting" in told or "等待" in told, told
    finally:
        _kill(first)  # the lock dies with its owner; the waiting run goes on
    rest = second.communicate(timeout=300)[0]
    assert second.returncode == 0, rest
    # every published file comes from the second run: its observations, one run id
    gaps = pd.read_csv(out / "data" / "processed" / "gap_assessment.csv")
    row = gaps[(gaps["indicator_id"] == "tech_smes") & (gaps["milestone_year"] == 2025)].iloc[0]
    assert (row["latest_year"], row["latest_value"]) == (2024, 9911)
    assert pipeline.published_run_id(out) is not None
    assert _debris(out) == []


def test_sweep_removes_dead_runs_staging_never_a_live_one(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    pid, start = pipeline._process_identity(os.getpid())
    live = tmp_path / f"{pipeline.STAGING_PREFIX}{pid}-{start}-abc"
    gone = tmp_path / f"{pipeline.STAGING_PREFIX}{dead.pid}-{start}-def"
    reused = tmp_path / f"{pipeline.STAGING_PREFIX}{pid}-{int(start) + 1}-ghi"  # PID reused
    for folder in (live, gone, reused):
        (folder / "processed").mkdir(parents=True)
    removed = pipeline.sweep_staging(tmp_path)
    assert sorted(removed) == sorted([gone, reused])
    assert live.is_dir() and not gone.exists() and not reused.exists()


def test_killed_while_notebooks_run_leaves_no_kernel_and_no_trace(tmp_path, clean):
    out = tmp_path / "out"
    # paused once the third notebook's kernel is up: a kernel is certainly at work then
    stop = "kernel:03-forecasts-and-backtests"
    env = {**_env(stop), "LANGFANG_METRICS_CACHE": str(tmp_path / "cache")}  # no pages cached
    proc = subprocess.Popen([*_cmd(out)[:-1], "--jobs", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=config.PROJ_ROOT)  # fmt: skip
    for line in proc.stderr:
        if line.strip() == f"paused at {stop}":
            break
    else:
        raise AssertionError(f"the run ended (exit {proc.wait()}) without pausing")
    try:
        staging = [p for p in out.iterdir() if p.name.startswith(pipeline.STAGING_PREFIX)]
        assert _kernels_in(staging)  # another notebook's kernel is at work in the staging folder
    finally:
        _kill(proc)  # never leave a paused run behind, whatever the assertion says
    deadline = time.monotonic() + 30  # kernels notice their parent is gone and exit
    while time.monotonic() < deadline and _kernels_in(staging):
        time.sleep(0.5)
    assert not _kernels_in(staging)
    again = _run(out)
    assert again.returncode == 0, again.stderr
    assert _published(out) == clean and _debris(out) == []


def _kernels_in(folders: list[Path]) -> list[int]:
    """PIDs of processes whose working folder is inside one of ``folders``."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cwd = Path(os.readlink(proc / "cwd"))
        except OSError:
            continue
        if any(cwd == f or f in cwd.parents for f in folders):
            pids.append(int(proc.name))
    return pids


def _figure_workers(parent: int) -> list[int]:
    """PIDs of the figure-drawing worker processes whose parent is ``parent``."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"langfang_metrics._workers" in cmdline:
            pids.append(int(proc.name))
    return pids


def _running(pid: int) -> bool:
    try:
        return b"langfang_metrics._workers" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_killed_while_figures_are_drawn_leaves_no_worker_and_no_trace(tmp_path, clean):
    out = tmp_path / "out"
    env = {**_env(), "LANGFANG_METRICS_CACHE": str(tmp_path / "cache")}  # nothing cached
    proc = subprocess.Popen([*_cmd(out), "--jobs", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=config.PROJ_ROOT)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
            workers = _figure_workers(proc.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the figures were not drawn by two workers"
        time.sleep(1.0)  # let them start drawing and writing
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    deadline = time.monotonic() + 20  # the kernel ends them with their parent
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(p) for p in workers)
    again = subprocess.run(_cmd(out), env=env, capture_output=True, text=True, timeout=600,
                           cwd=config.PROJ_ROOT)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert _published(out) == clean and _debris(out) == []


# --------------------------------------------------------------------------- what a run may replace


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_a_run_refuses_to_replace_folders_it_did_not_write(tmp_path):
    (tmp_path / "reports" / "我的论文").mkdir(parents=True)
    (tmp_path / "reports" / "我的论文" / "draft.docx").write_bytes(b"thesis")
    before = _tree(tmp_path)
    with pytest.raises(ValueError, match=r"reports already exists and was not written by "):
        pipeline.run(out_dir=tmp_path, notebooks=False)
    assert _tree(tmp_path) == before and not (tmp_path / pipeline.LOCK_NAME).exists()
    # a checkout's placeholder, make bench's tables and a run's own folders are fine
    ok = tmp_path / "ok"
    (ok / "data" / "processed").mkdir(parents=True)
    (ok / "data" / "processed" / ".gitkeep").touch()
    (ok / "reports" / "benchmarks").mkdir(parents=True)
    (ok / "reports" / "figures").mkdir()
    (ok / "reports" / pipeline.RUN_ID_NAME).write_text("abc\n")
    pipeline.check_output_folder(ok)


def test_a_run_refuses_to_delete_its_own_input_or_to_write_into_raw(tmp_path):
    given = tmp_path / "data" / "processed" / "new_figures.csv"
    given.parent.mkdir(parents=True)
    given.write_text("indicator_id,year,value\ntech_smes,2023,11000\n")
    with pytest.raises(ValueError, match="lies inside .* which every run replaces whole"):
        pipeline.run(observations_path=[config.OBSERVATIONS_FILE, given], out_dir=tmp_path,
                     notebooks=False)  # fmt: skip
    assert given.read_text().endswith("11000\n")
    with pytest.raises(ValueError, match="holds the read-only inputs"):
        pipeline.check_output_folder(config.RAW_DIR / "registry")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    with pytest.raises(ValueError, match="is a file; --out names a folder"):
        pipeline.check_output_folder(a_file)


def test_nothing_is_written_inside_a_folder_a_run_publishes(tmp_path):
    """`run --out data/processed`, `request reports/x` and a template saved into reports/
    were written there, and the next plain run stopped on them (and on the nested run's
    lock files) as "not written by a run" until they were moved by hand (the
    hostile-input review)."""
    from langfang_metrics import datarequest, template

    published = tmp_path / "reports"
    published.mkdir()
    (published / pipeline.RUN_ID_NAME).write_text("abc\n")
    for where in (published, published / "sub" / "deeper"):
        with pytest.raises(ValueError, match=r"which a run writes and replaces whole"):
            pipeline.check_output_folder(where)
    with pytest.raises(ValueError, match=r"is inside .*reports, which a run writes"):
        datarequest.write_requests(published / "requests")
    with pytest.raises(ValueError, match=r"which a run writes and replaces whole"):
        template.write_template(published / "t.xlsx")
    assert sorted(p.name for p in published.rglob("*")) == [pipeline.RUN_ID_NAME]
    pipeline.check_output_folder(tmp_path)  # the folder above it is the run's --out
    # a run's own lock files are never named as files a user added
    (published / pipeline.LOCK_NAME).write_text("")
    (published / pipeline.PUBLISH_LOCK_NAME).write_text("")
    pipeline._write_manifest(published)
    (published / ".langfang-run.lock").write_text("")
    assert pipeline.not_from_the_run(published) == []


def test_a_staging_folder_that_cannot_be_removed_is_not_counted_as_removed(tmp_path, monkeypatch):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    pid, start = pipeline._process_identity(os.getpid())
    stuck = tmp_path / f"{pipeline.STAGING_PREFIX}{dead.pid}-{start}-abc"
    (stuck / "processed").mkdir(parents=True)
    monkeypatch.setattr(pipeline.shutil, "rmtree", lambda *a, **k: None)  # a read-only folder
    assert pipeline.sweep_staging(tmp_path) == [] and stuck.is_dir()


@pytest.mark.parametrize(
    ("args", "wrong"),
    [(["--jobs", "0"], "--jobs"), (["--jobs", "-3"], "--jobs"), (["--wait", "nan"], "--wait"),
     (["--wait", "-5"], "--wait"), (["--as-of", "0"], "--as-of"), (["--as-of", "2019"], "--as-of"),
     (["--as-of", "99999999999999999999"], "--as-of")],
)  # fmt: skip
def test_cli_refuses_option_values_that_mean_nothing(args, wrong, tmp_path, capsys):
    from langfang_metrics import cli

    with pytest.raises(SystemExit) as stop:
        cli.main(["run", "--no-notebooks", "--out", str(tmp_path), *args])
    err = capsys.readouterr().err  # Chinese first (--lang is not read yet), the English beside
    assert stop.value.code == 2 and f"argument {wrong}: 应为" in err and "（expected " in err
    assert not any(tmp_path.iterdir())  # nothing written
    api = {"--jobs": {"jobs": 0}, "--wait": {"lock_timeout": float("nan")},
           "--as-of": {"as_of": 2019}}  # fmt: skip
    with pytest.raises(ValueError, match=f"^{wrong} must"):
        pipeline.check_run_options(**api[wrong])


def test_ctrl_c_prints_a_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    """Ctrl-C printed 50-80 lines of KeyboardInterrupt traceback."""
    from langfang_metrics import cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_validate", interrupted)
    assert cli.main(["validate", str(tmp_path)]) == cli.EXIT_INTERRUPTED == 130
    err = capsys.readouterr().err
    assert "Interrupted." in err and "Traceback" not in err
    # in the run's language first (the statistician's review: English only in a Chinese run)
    assert err.strip().startswith("已中断。未写入任何内容") and err.index("已中断") < err.index(
        "Interrupted"
    )
    for command in ("run", "validate", "template", "request"):
        assert label(f"cli.interrupted.{command}", "zh").startswith("已中断")
    assert cli.main(["validate", str(tmp_path), "--lang", "en"]) == 130
    assert "已中断" not in capsys.readouterr().err


def test_a_rerun_refuses_to_delete_or_replace_what_the_user_added_or_edited(tmp_path):
    """A note saved into reports/ and a brief edited in place were deleted or replaced by
    the next run without a word, although "nothing a command did not write is ever
    replaced unasked". Each published folder lists the files its run wrote (with their
    SHA-256); a lock file an office program leaves beside an open workbook is no one's work."""
    processed, reports = pipeline.output_dirs(tmp_path)
    for final in (processed, reports):
        (final / "figures").mkdir(parents=True)
        (final / "figures" / "a.png").write_bytes(b"png")
        (final / "brief.docx").write_bytes(b"docx")
        pipeline._write_manifest(final)
        (final / pipeline.RUN_ID_NAME).write_text("abc\n")
    (reports / "benchmarks").mkdir()
    (reports / "benchmarks" / "t.md").write_text("kept across runs")
    (reports / ".~lock.langfang_metrics.xlsx#").write_text("open in LibreOffice")
    pipeline.check_output_folder(tmp_path)  # as the run left it: fine
    (reports / "我的笔记.docx").write_text("mine")
    (processed / "brief.docx").write_bytes(b"edited")
    with pytest.raises(ValueError) as err:
        pipeline.check_output_folder(tmp_path)
    text = str(err.value)
    assert f"{reports / '我的笔记.docx'} (not written by a run)" in text
    assert f"{processed / 'brief.docx'} (changed since the run wrote it)" in text
    assert "benchmarks" not in text and "lock" not in text
    # a folder published before runs wrote a manifest: nothing can be told, nothing refused
    for final in (processed, reports):
        (final / pipeline.MANIFEST_NAME).unlink()
    pipeline.check_output_folder(tmp_path)


def _quick_stages(monkeypatch, extra=()):
    """The run's first stages only (validate, compute, tables), then ``extra``."""
    keep = [s for s in pipeline.STAGES if s[0] in ("validate", "compute", "tables")]
    monkeypatch.setattr(pipeline, "STAGES", keep + list(extra))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", ["[1/3] 校验       完成，用时", "条数据，17 个指标", "[3/3] 数据表     完成",
                 f"{len(pipeline.PROCESSED_TABLES)} 张表"]),
     ("en", ["[1/3] validate   done in", "observations, 17 indicators", "[3/3] tables     done",
             f"{len(pipeline.PROCESSED_TABLES)} tables"])],
)  # fmt: skip
def test_the_progress_lines_speak_the_runs_language(tmp_path, monkeypatch, lang, expected):
    """A run in Chinese (the default) printed its progress in English ("[2/8] compute done
    in 0.88 s: 3 indicators forecast"), found by the clerk review."""
    _quick_stages(monkeypatch)
    lines: list[str] = []
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lines.append, lang=lang)
    text = "\n".join(lines)
    assert all(e in text for e in expected), text
    assert ("完成" in text) == (lang == "zh") and ("done in" in text) == (lang == "en")


def test_figures_to_verify_are_counted_when_read_before_anything_is_written(tmp_path, monkeypatch):
    """The CHECK list printed after the report was published (the statistician's review):
    the line that ends reading says how many figures look wrong, while a run can still be
    stopped; the shipped figures raise none."""
    _quick_stages(monkeypatch)
    slip = tmp_path / "slip.csv"
    slip.write_text("indicator_id,region,year,value,status\n"
                    "high_tech_enterprises,langfang,2023,13.2,final\n", encoding="utf-8")  # fmt: skip
    lines: list[str] = []
    pipeline.run(observations_path=[config.OBSERVATIONS_FILE, slip], out_dir=tmp_path / "o",
                 notebooks=False, jobs=1, progress=lines.append, lang="en")  # fmt: skip
    [read] = [line for line in lines if line.startswith("[1/3]") and "done" in line]
    assert read.endswith("; 1 figure to verify (listed when the run ends; for a typing error, "
                         "Ctrl+C stops the run before it writes anything)")  # fmt: skip
    lines.clear()
    pipeline.run(out_dir=tmp_path / "p", notebooks=False, jobs=1, progress=lines.append)
    assert not any("核实" in line for line in lines)


def test_a_file_saved_into_the_outputs_during_a_run_is_not_deleted(tmp_path, monkeypatch):
    """The check ran only before the stages: a note saved into reports/ while the run went
    on was deleted with the old folder."""
    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    note = tmp_path / "reports" / "我的批注.md"

    def user_saves_a_note(ctx):
        note.write_text("typed during the run", encoding="utf-8")
        return "saved"

    _quick_stages(monkeypatch, [("user", user_saves_a_note)])
    with pytest.raises(ValueError, match="would delete or replace"):
        pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    assert note.read_text(encoding="utf-8") == "typed during the run"
    assert not list(tmp_path.glob(f"{pipeline.STAGING_PREFIX}*"))


def test_ctrl_c_during_the_switch_puts_the_previous_outputs_back(tmp_path, monkeypatch):
    """A KeyboardInterrupt between the renames deleted the previous data/processed (only
    an OSError was undone), while the message said the outputs were kept."""
    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    processed, _ = pipeline.output_dirs(tmp_path)
    before = {p.name: p.read_bytes() for p in processed.iterdir() if p.is_file()}

    def interrupt(name):
        if name == "publish:1":
            raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_pause_point", interrupt)
    with pytest.raises(KeyboardInterrupt):  # other outputs (a switch to make, unlike a rerun)
        pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None,
                      as_of=2021)  # fmt: skip
    assert {p.name: p.read_bytes() for p in processed.iterdir() if p.is_file()} == before
    assert not (tmp_path / pipeline.JOURNAL_NAME).exists()


@pytest.mark.parametrize(
    "argv",
    [["run", "--no-notebooks", "--out", ""], ["run", "--no-notebooks", "--observations", ""],
     ["validate", "--no-shipped", ""], ["request", ""], ["template", ""],
     ["validate", "--prefer", "", "x.csv"]],
)  # fmt: skip
def test_an_empty_path_is_refused_not_read_as_the_working_folder(argv, capsys):
    """--observations "$RETURNS" with the variable unset ran on the shipped data alone and
    said OK; --out "" wrote into wherever the shell stood."""
    from langfang_metrics import cli

    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert (
        stop.value.code == 2 and "got an empty path (an unset variable?)" in capsys.readouterr().err
    )


def test_file_system_failures_are_said_in_words(tmp_path, capsys):
    """'FAILED: NotADirectoryError: [Errno 20] Not a directory' named a Python class."""
    from langfang_metrics import cli

    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    assert cli.main(["request", str(a_file)]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert f"FAILED: a file of that name is in the way: {a_file}" in err and "Error" not in err
    assert cli.main(["run", "--no-notebooks", "--out", str(a_file / "sub")]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "FAILED: a part of this path is a file, not a folder" in err and "Errno" not in err
    assert a_file.read_text() == "mine"


def _unwritable_to_this_account(monkeypatch, *folders: Path) -> None:
    """Make ``os.access`` say ``folders`` cannot be written, as it does for a folder
    without write permission, on a read-only disk or flagged immutable (``chattr +i``)."""
    real = os.access
    stuck = {Path(f) for f in folders}
    monkeypatch.setattr(pipeline.os, "access", lambda path, mode, *a, **k: (
        not (mode & os.W_OK and Path(path) in stuck) and real(path, mode, *a, **k)))  # fmt: skip


@pytest.mark.parametrize("which", ["reports", "processed", "data", "out"])
def test_a_folder_the_switch_cannot_change_is_refused_before_any_stage(
    which, tmp_path, monkeypatch, capsys
):
    """A reports/ made unwritable (chattr +i) let every stage run, then the switch failed
    naming ".langfang-staging-…/old-1-reports" (the hostile-input review): the folders the
    switch renames, and those it renames them in, are checked before the work starts."""
    from langfang_metrics import cli

    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    processed, reports = pipeline.output_dirs(tmp_path)
    before = _published(tmp_path)
    stuck = {"reports": reports, "processed": processed, "data": processed.parent,
             "out": tmp_path}[which]  # fmt: skip
    _unwritable_to_this_account(monkeypatch, stuck)
    ran = []
    monkeypatch.setattr(pipeline, "STAGES", [("validate", lambda ctx: ran.append(1) or "")])
    with pytest.raises(ValueError, match=f"^this account may not change {stuck} ") as err:
        pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None,
                     as_of=2021)  # fmt: skip
    assert (
        "or choose another --out" in str(err.value) and "当前账户无权修改" in err.value.message_zh
    )
    assert ran == [] and _published(tmp_path) == before and _debris(tmp_path) == []
    assert cli.main(["run", "--no-notebooks", "--out", str(tmp_path)]) == cli.EXIT_FAILED
    said = capsys.readouterr().err
    assert f"失败：当前账户无权修改 {stuck}（" in said and "原有输出不变" in said
    assert f"FAILED: this account may not change {stuck} " in said
    assert pipeline.STAGING_PREFIX not in said and "Traceback" not in said


def test_a_folder_locked_against_changes_is_refused_before_any_stage(tmp_path, monkeypatch):
    """As the review found it, with the folder really unwritable: ``chattr +i`` as root (a
    root run may rename a folder without write permission), else ``chmod a-w``."""
    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    _, reports = pipeline.output_dirs(tmp_path)
    before = _published(tmp_path)
    if os.geteuid() == 0:
        lock, unlock = ["chattr", "+i", str(reports)], ["chattr", "-i", str(reports)]
        if subprocess.run(lock, capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here")
    else:
        lock, unlock = None, None
        reports.chmod(0o555)
    try:
        with pytest.raises(ValueError, match=f"^this account may not change {reports} "):
            pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None,
                         as_of=2021)  # fmt: skip
    finally:
        subprocess.run(unlock, check=True) if unlock else reports.chmod(0o755)
    assert _published(tmp_path) == before and _debris(tmp_path) == []


@pytest.mark.parametrize("found", [True, False])
def test_a_switch_that_cannot_move_a_folder_names_it_not_the_staging_folder(
    found, tmp_path, monkeypatch
):
    """A folder made unwritable while the run went on (or a rename refused for a reason
    ``os.access`` does not see) is named as the user knows it, and the previous outputs go
    back in place."""
    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    _, reports = pipeline.output_dirs(tmp_path)
    before = _published(tmp_path)
    real = os.replace

    def replace(src, dst):
        if Path(src) == reports:
            raise PermissionError(1, "Operation not permitted", str(src), str(dst))
        real(src, dst)

    def locked_meanwhile(ctx):
        if found:
            _unwritable_to_this_account(monkeypatch, reports)
        monkeypatch.setattr(pipeline.os, "replace", replace)
        return ""

    _quick_stages(monkeypatch, [("meanwhile", locked_meanwhile)])
    expected = (f"^this account may not change {reports} " if found else
                f"^this account may not move {reports} \\(permission denied, or a file in it")  # fmt: skip
    with pytest.raises(ValueError, match=expected) as err:
        pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None,
                     as_of=2021)  # fmt: skip
    assert pipeline.STAGING_PREFIX not in str(err.value) + err.value.message_zh
    assert isinstance(err.value.__cause__, PermissionError)
    assert _published(tmp_path) == before and _debris(tmp_path) == []


def test_other_failures_of_the_switch_name_the_users_folder(tmp_path, monkeypatch, capsys):
    """Any other file-system failure of a rename is said at the published folder, in words
    ("磁盘或文件夹为只读：…/reports"), and a failure inside the staging folder at the output
    folder holding it."""
    import errno

    from langfang_metrics import cli

    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    processed, reports = pipeline.output_dirs(tmp_path)
    before = _published(tmp_path)
    real = os.replace

    def read_only(src, dst):  # the staged reports/ moving in, not the previous one going back
        if Path(dst) == reports and Path(src).name == reports.name:
            raise OSError(errno.EROFS, "Read-only file system", str(src), str(dst))
        real(src, dst)

    monkeypatch.setattr(pipeline.os, "replace", read_only)
    assert cli.main(["run", "--no-notebooks", "--out", str(tmp_path), "--as-of", "2021"]) == 2
    said = capsys.readouterr().err
    assert f"失败：磁盘或文件夹为只读：{reports}。原有输出不变。" in said
    assert f"FAILED: the disk or folder is read-only: {reports}\n" in said
    assert pipeline.STAGING_PREFIX not in said
    assert _published(tmp_path) == before and _debris(tmp_path) == []
    staged = tmp_path / f"{pipeline.STAGING_PREFIX}1-2-abcdefgh" / "reports" / "figures" / "a.png"
    assert cli._shown_path(staged) == str(tmp_path)


@pytest.mark.parametrize(("at", "code"), [("tables", 130), ("publish:2", 130), ("published", 0)])
def test_a_ctrl_c_once_the_outputs_are_published_stops_nothing(
    at, code, tmp_path, monkeypatch, capsys
):
    """A Ctrl-C just as a run ended gave exit 130 and no word, though the new outputs were
    published (the hostile-input review). Before the switch's last rename it stops the run
    and the previous outputs stay; after it, the run has succeeded: exit 0, and it says the
    Ctrl-C came too late to stop anything."""
    from langfang_metrics import cli

    _quick_stages(monkeypatch)
    pipeline.run(out_dir=tmp_path, notebooks=False, jobs=1, progress=lambda s: None)
    before, old_id = _published(tmp_path), pipeline.published_run_id(tmp_path)

    def ctrl_c(name):  # a real SIGINT, taken by the handler in place then
        if name == at:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)

    monkeypatch.setattr(pipeline, "_pause_point", ctrl_c)
    previous = signal.getsignal(signal.SIGINT)
    argv = ["run", "--no-notebooks", "--jobs", "1", "--out", str(tmp_path), "--as-of", "2021"]
    assert cli.main(argv) == code
    assert signal.getsignal(signal.SIGINT) is previous  # put back for a caller in Python
    said = capsys.readouterr()
    assert _debris(tmp_path) == []
    if code:
        assert "已中断" in said.err and _published(tmp_path) == before
        return
    assert "已中断" not in said.err and "打开：" in said.out
    assert said.err.endswith(f"{label('cli.interrupted_after_publish', 'zh')}\n"
                             f"{label('cli.interrupted_after_publish', 'en')}\n")  # fmt: skip
    assert pipeline.published_run_id(tmp_path) not in (None, old_id)
    # the same outputs again: found published already, and a Ctrl-C then stops nothing either
    assert cli.main([*argv, "--lang", "en"]) == 0
    said = capsys.readouterr()
    assert label("run.unchanged", "en") in said.out
    assert said.err.endswith(label("cli.interrupted_after_publish", "en") + "\n")


def test_the_program_ignores_ctrl_c_once_its_command_has_ended(monkeypatch, capsys):
    """In the interpreter's shutdown, about a second after a run's last line, Python's
    handler is gone and a Ctrl-C killed the process: exit 130 after a run that had
    succeeded. Run as the program (no argv given), the command's outcome is its exit code."""
    from langfang_metrics import cli

    monkeypatch.setattr(
        sys, "argv", ["langfang-metrics", "validate", str(config.OBSERVATIONS_FILE)]
    )
    previous = signal.getsignal(signal.SIGINT)
    try:
        assert cli.main() == 0
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert cli.main(["validate", str(config.OBSERVATIONS_FILE)]) == 0  # called from Python
    assert signal.getsignal(signal.SIGINT) is previous
    capsys.readouterr()
