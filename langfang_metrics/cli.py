"""Command line: ``langfang-metrics run | validate | template`` (also ``python -m langfang_metrics``).

Bad input never produces a traceback: every problem is printed as one line naming file, row
and column, and the exit code says what happened (0 ok, 1 invalid input, 2 other failure).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import re
import shlex
import signal
import sys
import threading
from pathlib import Path

from .errors import DataValidationError, Refusal, grouped_problems

EXIT_OK, EXIT_INVALID, EXIT_FAILED = 0, 1, 2
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


def _both(zh: str, en: str) -> str:
    """An argument error in both languages, Chinese first: argparse reads the arguments
    before ``--lang``, and the default language is Chinese ("error: argument --due:
    expected a date …" was English alone)."""
    return f"{zh}（{en}）"


def _whole(minimum: int, what: str, maximum: int | None = None, what_zh: str = ""):
    """argparse type: a whole number of at least ``minimum`` and at most ``maximum`` (when
    given; ``what`` says it in words, ``what_zh`` in Chinese)."""
    what_zh = what_zh or what

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(
                _both(f"应为{what_zh}，收到 {text!r}", f"expected {what}, got {text!r}")
            )
        return value

    return parse


def _seconds(text: str) -> float:
    """argparse type of --wait: a finite number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value < float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(_both(f"应为不小于0的秒数，收到 {text!r}",
                                               f"expected a number of seconds, 0 or more, "
                                               f"got {text!r}"))  # fmt: skip
    return value


def _date(text: str) -> str:
    """argparse type of --due: a calendar date written YYYY-MM-DD, returned as written."""
    import datetime

    try:
        datetime.date.fromisoformat(text)
        ok = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))
    except ValueError:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(
            _both(
                f"应为 YYYY-MM-DD 格式的日期（如 2025-03-31），收到 {text!r}",
                f"expected a date as YYYY-MM-DD, got {text!r}",
            )
        )
    return text


def _known_by(text: str) -> str:
    """argparse type of --known-by: a date as a ``published`` cell gives it (2024-03-31, or a
    month or a year, counting from its last day), returned as the day it means."""
    from .observations import known_by_date

    try:
        return known_by_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(_both(err.args[1], err.args[0])) from None


def _path(text: str) -> str:
    """argparse type of a file or folder: not empty. ``""`` meant the working directory (a
    script's unset ``--observations "$RETURNS"`` ran on the shipped data alone, and ``--out ""``
    wrote into wherever the shell stood)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_both("应为文件或文件夹，收到的路径为空（变量未设置？）",
                                               "expected a file or folder, got an empty path "
                                               "(an unset variable?)"))  # fmt: skip
    return text


def _parser() -> argparse.ArgumentParser:
    from .config import PLAN_BASE_YEAR, YEAR_RANGE

    year = _whole(PLAN_BASE_YEAR, f"a year from {PLAN_BASE_YEAR} (the plan's base year) to "
                  f"{YEAR_RANGE[1]}", YEAR_RANGE[1],
                  f"{PLAN_BASE_YEAR}（方案基期）至{YEAR_RANGE[1]}之间的年份，如 2023")  # fmt: skip
    p = argparse.ArgumentParser(
        prog="langfang-metrics",
        description="Track and forecast the targets of Langfang's enterprise S&T plan 2021-2025.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="the main job: data/processed/ and reports/ from data/raw/")
    run.add_argument("--observations", metavar="FILE", nargs="+", action="extend", type=_path,
                     help="observations CSV/xlsx files or folders (merged; conflicts stop)")  # fmt: skip
    run.add_argument("--as-of", type=year, metavar="YEAR",
                     help="use observations of years up to YEAR (as known now: a figure "
                          "revised later counts as revised; to reproduce an earlier report, "
                          "add --known-by)")  # fmt: skip
    run.add_argument("--known-by", type=_known_by, metavar="DATE",
                     help="use only the figures published by DATE (2024-03-31; a month or "
                          "year counts from its last day), as known on that day: a revision "
                          "published later is left out; undated figures count as known if "
                          "their year was over by DATE and no dated figure they succeed (a "
                          "preliminary, for a final) came out on DATE or later (the run says "
                          "how many)")  # fmt: skip
    run.add_argument("--lang", choices=("zh", "en"), default="zh")
    run.add_argument(
        "--out", metavar="DIR", type=_path, help="write DIR/data/processed and DIR/reports"
    )
    run.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    run.add_argument(
        "--wait",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="wait this long for another run writing the same folder (default 600)",
    )
    run.add_argument(
        "--jobs",
        type=_whole(1, "a whole number of processes, 1 or more", what_zh="不小于1的整数（进程数）"),
        default=None,
        metavar="N",
        help="processes at once for figures and notebooks (default: the CPUs available)",
    )
    val = sub.add_parser("validate", help="check observation files; exit 1 on problems")
    val.add_argument("file", nargs="+", type=_path, help="CSV/xlsx files or folders")
    val.add_argument("--lang", choices=("zh", "en"), default="zh",
                     help="language of the problems printed (zh: Chinese, the English under "
                          "it)")  # fmt: skip
    req = sub.add_parser("request", help="write one data-request workbook per department")
    for sp in (run, val, req):
        sp.add_argument(
            "--prefer",
            metavar="FILE",
            action="append",
            type=_path,
            default=[],
            help="this file wins conflicts (repeatable; the first given wins)",
        )
        sp.add_argument(
            "--no-shipped",
            action="store_true",
            help="do not add data/raw/observations.csv to the files given",
        )
    req.add_argument("dir", type=_path, help="folder for 数据征集表_<部门>.xlsx")
    req.add_argument(
        "--observations",
        metavar="FILE",
        nargs="+",
        action="extend",
        type=_path,
        help="figures already held, besides data/raw/observations.csv (merged as in run)",
    )
    req.add_argument("--as-of", type=year, metavar="YEAR", help="ask only for years up to YEAR")
    req.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of the lines this command prints (the workbooks are bilingual)",
    )
    req.add_argument(
        "--due",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the figures are due, on each cover (else a blank to fill)",
    )
    req.add_argument("--contact", metavar="TEXT",
                     help="who to ask, e.g. a name and a telephone number, on each cover "
                          "(else a blank to fill)")  # fmt: skip
    tpl = sub.add_parser("template", help="write a bilingual Excel input template")
    tpl.add_argument("file", type=_path, help="the .xlsx to write")
    for sp, what in ((req, "request workbooks already in DIR"), (tpl, "an existing FILE")):
        sp.add_argument("--force", action="store_true", help=f"replace {what}")
    for sp in (run, val, tpl, req):
        sp.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    return p


def _print_problems(err: DataValidationError, lang: str = "en") -> None:
    """Every problem of a refused input, grouped (one entry per repeated problem, its rows
    named); in Chinese each with its English under it, a blank line between them (a line
    wrapped by the terminal ran into the next problem)."""
    from .labels import label

    print(label("cli.invalid", lang, n=len(err.problems)), file=sys.stderr)
    for i, line in enumerate(grouped_problems(err.problems, lang)):
        if lang == "zh" and i:
            print(file=sys.stderr)
        print(f"  {line}", file=sys.stderr)


def _print_empty_files(per_file: dict, answers: dict, lang: str = "en") -> None:
    """One NOTE per file read that gave no figure, or (a request put back as it was sent)
    only the figures it was pre-filled with (``attrs["rows_by_file"]`` and
    ``attrs["answers_by_file"]`` of the figures read)."""
    from .labels import label

    for name, k in per_file.items():
        if k == 0:
            print(label("cli.no_figures", lang, name=name), file=sys.stderr)
        elif answers.get(name) == 0:  # the figures a request was pre-filled with, unchanged
            print(label("cli.as_sent", lang, name=name), file=sys.stderr)


def unread_raw_files(given=()) -> list[Path]:
    """Files in ``data/raw/`` that could hold figures but that no run reads: a return saved
    there beside observations.csv (``make report`` reads that file alone) was left out
    without a word and the report built on the shipped figures (the hostile-input review).
    ``given``: the files and folders the command reads as well."""
    from . import config
    from .observations import ARCHIVE_SUFFIXES, INPUT_SUFFIXES, UNREAD_SUFFIXES, input_files

    raw = Path(config.RAW_DIR)
    if not raw.is_dir():
        return []
    skip = {Path(config.REGISTRY_DIR).resolve(), Path(config.PLAN_DIR).resolve()}
    read = {Path(config.OBSERVATIONS_FILE).resolve()}
    for item in given or ():
        try:
            read |= {f.resolve() for f in input_files(item)}
        except (DataValidationError, OSError):  # the command itself says what is wrong
            read.add(Path(item).resolve())
    out = []
    suffixes = INPUT_SUFFIXES + UNREAD_SUFFIXES + ARCHIVE_SUFFIXES  # returns mailed zipped too
    for f in sorted(raw.rglob("*")):
        rel = f.relative_to(raw).parts
        # as the loader walks a folder: hidden files and folders (.ipynb_checkpoints) and
        # office lock files are no one's returns
        if (f.is_file() and f.suffix.lower() in suffixes
                and not any(part.startswith((".", "~$")) for part in rel)
                and not any(s in f.resolve().parents for s in skip)
                and f.resolve() not in read
                and not any(r in f.resolve().parents for r in read)):  # fmt: skip
            out.append(f)
    return out


def _print_unread_raw(given, lang: str = "en", command: str = "run") -> None:
    """One NOTE naming the files of data/raw/ the run did not read (:func:`unread_raw_files`),
    with the ``command`` that reads them."""
    from . import config
    from .labels import label
    from .observations import INPUT_SUFFIXES, shown_path

    files = unread_raw_files(given)
    if not files:
        return
    names = [shown_path(f) for f in files]
    shown = label("brief.list_sep", lang).join(names[:5]) + (
        label("cli.and_more", lang, n=len(names) - 5) if len(names) > 5 else "")  # fmt: skip
    # the command names what it can read (an .xls or a .zip is refused, and says why): the
    # folder when every file is in one below data/raw/ (one file of two was read: the
    # statistician's review), else the first file
    readable = [f for f in files if f.suffix.lower() in INPUT_SUFFIXES]
    folders = {f.parent for f in readable}
    if len(readable) > 1 and len(folders) == 1 and folders != {Path(config.RAW_DIR)}:
        first = shown_path(next(iter(folders)))
    else:
        first = shown_path(readable[0]) if readable else names[0]
    quoted = shlex.quote(first)
    # make's OBS= splits a path at its spaces (the Makefile's help says so): offered for a
    # run, and for a path make reads whole
    make = (label("cli.raw_unread.make", lang, first=first)
            if command == "run" and quoted == first else "")  # fmt: skip
    print(label("cli.raw_unread", lang, names=shown, first=quoted, command=command, make=make),
          file=sys.stderr)  # fmt: skip


def _observation_inputs(files, no_shipped: bool):
    """The files a command reads: the shipped observations first, then the ones given."""
    from . import config

    if not files:
        return None
    return ([] if no_shipped else [config.OBSERVATIONS_FILE]) + list(files)


def cmd_run(args) -> int:
    from . import pipeline

    interrupts = getattr(args, "interrupts", None)

    # said before the run, beside the inputs it names: at its end (after minutes of charts
    # and notebooks, below "114 条数据") it went unseen, and a run refused or stopped early
    # never reached it (the statistician's review)
    _print_unread_raw(args.observations, args.lang)
    ctx = pipeline.run(
        observations_path=_observation_inputs(args.observations, args.no_shipped),
        as_of=args.as_of, lang=args.lang, out_dir=args.out, notebooks=not args.no_notebooks,
        known_by=args.known_by,
        progress=pipeline.main_progress, prefer=args.prefer, jobs=args.jobs,
        lock_timeout=pipeline.LOCK_TIMEOUT_S if args.wait is None else args.wait,
        on_published=interrupts.published if interrupts is not None else None,
    )  # fmt: skip
    processed, reports = pipeline.output_dirs(ctx.out_root)
    from .observations import (
        check_table,
        hidden_lines,
        promoted_lines,
        unanswered_lines,
        unread_sheet_lines,
    )
    from .views import check_lines

    read, lang = ctx.inputs["observations"].attrs, args.lang
    _print_preferred(read.get("preferred", []), lang)
    # a returned file that answered nothing, said as validate and request say it
    _print_empty_files(read.get("rows_by_file", {}), read.get("answers_by_file", {}), lang)
    _print_unanswered(unanswered_lines(ctx.inputs["observations"], lang), lang)
    _print_same_returns(read.get("answers_by_file", {}), lang)
    _print_hidden(hidden_lines(ctx.inputs["observations"], lang), lang)
    _print_promoted(promoted_lines(ctx.inputs["observations"], lang), lang)
    _print_unread_sheets(unread_sheet_lines(ctx.inputs["observations"], lang), lang)
    _print_registry_checks(ctx.inputs["indicators"], ctx.inputs["targets"], lang)
    found = check_table(ctx.results.observations, ctx.results.indicators, ctx.results.targets)
    _print_checks(check_lines(found, ctx.results.indicators, regions=ctx.results.regions,
                              lang=lang), lang)  # fmt: skip
    print(pipeline.status_table(ctx.results.gaps, args.lang))
    from .landing import PAGE_NAMES

    page = reports / PAGE_NAMES[args.lang]  # the page in the run's language
    from .labels import label

    print(label("run.where", args.lang, data=processed, reports=reports, page=page))
    if ctx.unchanged:  # nothing was rewritten: say so, or a user looks for what changed
        print(label("run.unchanged", args.lang))
    if interrupts is not None and interrupts.late:  # a Ctrl-C as it ended: it stopped nothing
        for each in ("zh", "en") if args.lang == "zh" else ("en",):  # the English under it
            print(label("cli.interrupted_after_publish", each), file=sys.stderr)
    return EXIT_OK


def cmd_validate(args) -> int:
    from .observations import input_files, validate_file
    from .registry import load_targets

    targets = load_targets()  # the registry the files are read against: its problems first
    files = _observation_inputs(args.file, args.no_shipped)
    checks: list[str] = []
    per_file: dict[str, int] = {}
    answers: dict[str, int] = {}
    preferred: list[str] = []
    unanswered: list[str] = []
    hidden: list[str] = []
    promoted: list[str] = []
    unread: list[str] = []
    rows, indicators = validate_file(files, prefer=args.prefer, checks=checks, per_file=per_file,
                                     answers=answers, preferred=preferred,
                                     unanswered=unanswered, hidden=hidden,
                                     promoted=promoted, unread_sheets=unread,
                                     lang=args.lang)  # fmt: skip
    n = len(input_files(files))
    lang = args.lang
    detail = ""
    if n > 1:  # which file gave what: a returned workbook left unfilled gives nothing
        sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
        detail = colon + sep.join(f"{name} {_rows(k, lang)}" for name, k in per_file.items())
    if lang == "zh":
        print(
            f"通过（OK）：{_rows(rows, lang)}，{indicators} 个指标（{n} 个文件{detail}）",
            flush=True,
        )
    else:
        print(f"OK: {_rows(rows)}, {indicators} indicator{'s' if indicators != 1 else ''} "
              f"({n} file{'s' if n != 1 else ''}{detail})", flush=True)  # fmt: skip
    _print_empty_files(per_file, answers, lang)
    _print_unanswered(unanswered, lang)
    _print_same_returns(answers, lang)
    _print_unread_raw(args.file, lang)
    _print_hidden(hidden, lang)
    _print_promoted(promoted, lang)
    _print_unread_sheets(unread, lang)
    _print_preferred(preferred, lang)
    from .registry import load_indicators

    _print_registry_checks(load_indicators(), targets, lang)
    _print_checks(checks, lang)
    return EXIT_OK


def _print_registry_checks(indicators, targets, lang: str = "en") -> None:
    """Registry entries that load but look wrong (``registry.registry_checks``; said in
    English, for the statistician who keeps the registry, under a heading in ``lang``)."""
    from .registry import registry_checks

    lines = registry_checks(indicators, targets)
    n = len(lines)
    entries = f"entr{'ies' if n != 1 else 'y'} look{'s' if n == 1 else ''}"
    _print_lines("cli.registry_checks", lines, lang, entries=entries)


def _print_unanswered(lines: list[str], lang: str = "en") -> None:
    """Request rows a department left without a figure but with a note saying why
    (:func:`observations.unanswered_lines`)."""
    _print_lines("cli.unanswered", lines, lang)


def _print_same_returns(files: dict, lang: str = "en") -> None:
    """Files that are returns of one request (:func:`datarequest.same_return_lines`), of
    those that answered something (``files``: name → figures and notes given, beyond the
    figures a request was pre-filled with): the request as sent is no second return (the
    statistician's review)."""
    from .datarequest import same_return_lines

    given = [f for f, n in files.items() if n]
    _print_lines("cli.same_return", same_return_lines(given, lang), lang)


def _print_hidden(lines: list[str], lang: str = "en") -> None:
    """Worksheet rows hidden in the sheet that gave figures (:func:`observations.hidden_lines`)."""
    _print_lines("cli.hidden", lines, lang)


def _print_unread_sheets(lines: list[str], lang: str = "en") -> None:
    """Sheets of request workbooks not read beside their request sheet
    (:func:`observations.unread_sheet_lines`): a department's detail sheet is left out,
    and said, not refused with the whole return."""
    from . import config

    _print_lines("cli.unread_sheets", lines, lang, sheet=config.REQUEST_DATA_SHEET)


def _print_promoted(lines: list[str], lang: str = "en") -> None:
    """Request rows whose pre-filled figure came back made final with no source
    (:func:`observations.promoted_lines`)."""
    _print_lines("cli.promoted", lines, lang)


def _print_preferred(lines: list[str], lang: str = "en") -> None:
    """Conflicts ``--prefer`` settled: the figure set aside is named, not lost in silence
    (the lines in English: they quote the files' figures and statuses as read)."""
    _print_lines("cli.preferred", lines, lang)


def _print_lines(key: str, lines: list[str], lang: str = "en", **fields) -> None:
    """The heading ``key`` (a ``cli.*`` label, ``n`` the number of lines) and up to
    ``CHECKS_SHOWN`` indented lines on stderr, then how many more; nothing when there are
    no lines."""
    from .labels import label

    if not lines:
        return
    print(label(key, lang, n=len(lines), **fields), file=sys.stderr)
    for line in lines[:CHECKS_SHOWN]:
        print(f"  {line}", file=sys.stderr)
    if len(lines) > CHECKS_SHOWN:
        print(f"  {label('cli.more', lang, n=len(lines) - CHECKS_SHOWN)}", file=sys.stderr)


def _rows(n: int, lang: str = "en") -> str:
    return f"{n:,} 行" if lang == "zh" else f"{n:,} row{'s' if n != 1 else ''}"


#: Implausible figures listed before "... and N more" (a file of peers can have hundreds).
CHECKS_SHOWN = 40


def _print_checks(checks: list[str], lang: str = "en") -> None:
    """Figures that loaded but look wrong: said, without failing the command ("1 figure
    looks implausible" read oddly of three figures of another definition)."""
    _print_lines("cli.checks", checks, lang)


def cmd_template(args) -> int:
    from .template import write_template

    path = write_template(args.file, overwrite=args.force)
    print(f"已写入模板（template written）：{path or args.file}")
    return EXIT_OK


def cmd_request(args) -> int:
    from .datarequest import write_requests
    from .labels import label

    preferred: list[str] = []
    blank: list = []
    paths = write_requests(args.dir, as_of=args.as_of, overwrite=args.force, prefer=args.prefer,
                           observations_path=_observation_inputs(args.observations,
                                                                 args.no_shipped),
                           preferred=preferred, blank=blank, due=args.due,
                           contact=args.contact)  # fmt: skip
    _print_preferred(preferred, args.lang)
    # a return saved in data/raw/ and not read: its department would be asked again (the
    # requests just written are no returns)
    _print_unread_raw([*(args.observations or ()), args.dir], args.lang,
                      command=f"request {shlex.quote(str(args.dir))}")  # fmt: skip
    from .observations import shown_path

    for path in blank:
        print(label("request.cli.blank", args.lang, path=shown_path(path)), file=sys.stderr)
    for path in paths:
        print(label("request.cli.written", args.lang, path=path))
    print(label("request.cli.total", args.lang, n=len(paths), dir=args.dir))
    return EXIT_OK


class _Interrupts:
    """The SIGINT handler while a command runs: Ctrl-C raises KeyboardInterrupt, as Python's
    own handler does, until :meth:`published` is called (``run`` calls it once its outputs
    are in place); after that the run has succeeded, and a Ctrl-C is counted (``late``),
    not raised. A Ctrl-C just as a run ended gave exit 130 and no word, though the new
    outputs were published, or "Interrupted. The outputs published before stay as they
    were" (the hostile-input review)."""

    def __init__(self) -> None:
        self.done = False
        self.late = 0

    def published(self) -> None:
        self.done = True

    def __call__(self, signum, frame) -> None:
        if not self.done:
            signal.default_int_handler(signum, frame)  # raises KeyboardInterrupt
        self.late += 1

    @contextlib.contextmanager
    def held(self, *, until_exit: bool):
        """Be the SIGINT handler while the block runs (in the main thread, where Python
        takes signals). Then, with ``until_exit`` (the command line's own process), SIGINT
        is ignored: the command's outcome is settled, and in the interpreter's shutdown,
        about a second after the last line, Python's handler is gone and a Ctrl-C killed
        the process (exit 130, after a run that had succeeded). Else the previous handler
        is put back."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN if until_exit else previous)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``langfang-metrics`` console script.

    Called as the program (``argv`` None), the process ignores Ctrl-C once the command has
    ended: its exit code says what the command did (:class:`_Interrupts`).
    """
    args = _parser().parse_args(argv)
    args.interrupts = _Interrupts()
    with args.interrupts.held(until_exit=argv is None):
        return _command(args)


def _command(args) -> int:
    """Run the command ``args`` names; every failure said in words, with its exit code."""
    command = {"run": cmd_run, "validate": cmd_validate, "template": cmd_template,
               "request": cmd_request}[args.command]  # fmt: skip
    try:
        return command(args)
    except KeyboardInterrupt:  # Ctrl-C: no traceback either, and what it left behind
        from .labels import label

        lang = getattr(args, "lang", "zh")
        said = [
            label(f"cli.interrupted.{args.command}", each)
            for each in (("zh", "en") if lang == "zh" else ("en",))
        ]  # the English under it
        print("\n" + "\n".join(said), file=sys.stderr)
        return EXIT_INTERRUPTED
    except DataValidationError as err:
        lang = getattr(args, "lang", "zh")
        _print_problems(err, lang)
        if args.command == "run":
            # one file's bad row stops every file: say so, and how to go on without it (a
            # registry file cannot be left out)
            from .labels import label

            registry = any(_in_registry(p.file) for p in err.problems)
            for each in ("zh", "en") if lang == "zh" else ("en",):  # the English under it
                leave = "" if registry else label("cli.leave_out", each)
                print(label("cli.nothing_written", each, leave=leave), file=sys.stderr)
        return EXIT_INVALID
    except RuntimeError as err:
        from .pipeline import OutputLockedError

        if not isinstance(err, OutputLockedError):
            return _failed(err, args)
        print(f"BUSY: {err}", file=sys.stderr)
        return EXIT_FAILED
    except (OSError, ValueError) as err:
        return _failed(err, args)
    except Exception as err:  # a bug: still no traceback for users, but say how to get one
        if args.debug:
            raise
        if type(err).__name__ == "CellExecutionError":  # nbclient's, not imported here
            return _notebook_failed(err)
        print(f"FAILED (unexpected {type(err).__name__}): {err}\n"
              "Previous outputs are unchanged. Re-run with --debug and report the traceback.",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _notebook_failed(err: Exception) -> int:
    """A notebook cell raised: its error in a few lines, not the kernel's coloured traceback
    (an input file replaced while the notebooks ran printed 56 lines)."""
    name = getattr(err, "ename", "") or "an error"
    value = _ANSI.sub("", str(getattr(err, "evalue", "") or "")).strip()
    print(f"FAILED: a notebook stopped with {name}: {value}\n"
          "Previous outputs are unchanged. If an input file changed while the run was going, "
          "run again; otherwise re-run with --debug and report the traceback.",
          file=sys.stderr)  # fmt: skip
    return EXIT_FAILED


#: File-system errors said in words (the first class that matches), in English and Chinese.
_OS_WORDS = (
    (FileNotFoundError, "no such file or folder", "找不到该文件或文件夹"),
    (NotADirectoryError, "a part of this path is a file, not a folder", "路径中有一段是文件而不是文件夹"),
    (IsADirectoryError, "this is a folder where a file is expected", "这里需要文件，给出的却是文件夹"),
    (FileExistsError, "a file of that name is in the way", "已有同名文件挡在这里"),
    (PermissionError, "this account may not read or write here (permission denied)",
     "当前账户无权在此读写（权限不足）"),
)  # fmt: skip
#: Failures the operating system names only by their number (a plain OSError, no subclass):
#: "OSError: [Errno 30] Read-only file system" was printed in English alone.
_ERRNO_WORDS = {
    getattr(errno, name): words
    for name, words in (
        ("EROFS", ("the disk or folder is read-only", "磁盘或文件夹为只读")),
        ("ENOSPC", ("the disk is full (no space left on device)", "磁盘已满（没有剩余空间）")),
        ("EDQUOT", ("the disk quota is used up", "磁盘配额已用完")),
        (
            "EBUSY",
            ("the file or folder is in use by another program", "文件或文件夹正被其他程序占用"),
        ),
        ("EMFILE", ("too many files are open", "打开的文件过多")),
    )
    if hasattr(errno, name)  # not every system names them all
}
#: What a failed run left, in Chinese (printed before the English).
_UNCHANGED_ZH = "原有输出不变。"


def _in_registry(file: object) -> bool:
    """Whether a problem's file is one of the registry's (data/raw/registry/): not an input
    file a run can leave out."""
    from pathlib import Path

    from . import config

    path = Path(str(file))
    path = path if path.is_absolute() else Path(config.PROJ_ROOT) / path  # as outputs name it
    try:
        return path.resolve().parent == Path(config.REGISTRY_DIR).resolve()
    except OSError:
        return False


def _shown_path(filename: object) -> str:
    """Where a file-system failure happened, as the user knows it: the folder of a hidden
    file (the run's lock, a workbook's temporary ``.…tmp`` written before it is renamed),
    the output folder of a file in a run's staging folder, not the hidden file nobody
    asked for; "" when the error names no place."""
    from pathlib import Path

    if not filename:
        return ""
    path = Path(str(filename))
    from .pipeline import STAGING_PREFIX

    for folder in path.parents:  # a run's staging folder is hidden: the output folder holds it
        if folder.name.startswith(STAGING_PREFIX):
            return str(folder.parent)
    ours = path.name.startswith(".") and (
        path.name.endswith((".tmp", ".lock")) or re.search(r"-\w{8}\.\w+$", path.name)
    )  # ".x.xlsx.b0jy0prm.tmp", ".langfang-run.lock", ".template-g2ruryz5.xlsx"; not ".reports"
    return str(path.parent) if ours else str(path)


def _failed(err: Exception, args) -> int:
    """An expected failure (file system, bad value): one message, no traceback."""
    if args.debug:
        raise err
    zh = getattr(args, "lang", "zh") == "zh"  # template has no --lang: Chinese, as the rest
    # our own refusals (ValueError) are sentences already; a file-system error is said in
    # words ("NotADirectoryError: [Errno 20]" named a Python class), other kinds keep theirs
    words = next(((w, w_zh) for cls, w, w_zh in _OS_WORDS if isinstance(err, cls)), None)
    by_number = _ERRNO_WORDS.get(getattr(err, "errno", None)) if isinstance(err, OSError) else None
    if (words and getattr(err, "filename", None)) or by_number:
        words = words or by_number
        # a rename names the file it could not replace second (a workbook open in Excel)
        place = _shown_path(getattr(err, "filename2", None) or getattr(err, "filename", None))
        if zh:  # Chinese first, the English under it
            unchanged = "。" + (_UNCHANGED_ZH if args.command == "run" else "")
            print(f"失败：{words[1]}{'：' + place if place else ''}{unchanged}", file=sys.stderr)
        print(f"FAILED: {words[0]}{': ' + place if place else ''}", file=sys.stderr)
        if args.command == "run":
            print("Previous outputs are unchanged.", file=sys.stderr)
        return EXIT_FAILED
    said_zh = getattr(err, "message_zh", "") if zh else ""
    if said_zh:  # a refusal of our own (errors.Refusal), said in Chinese first
        from .labels import full_stop

        unchanged = _UNCHANGED_ZH if args.command == "run" else ""
        print(f"失败：{full_stop(said_zh)}{unchanged}", file=sys.stderr)
    ours = type(err) is ValueError or isinstance(err, Refusal)  # a sentence of our own
    kind = "" if ours else f"{type(err).__name__}: "
    where = getattr(err, "filename", None)
    # "No space left on device" named no place: the disk may be the cache's, not the output's
    place = f" ({where})" if where and str(where) not in str(err) else ""
    print(f"FAILED: {kind}{err}{place}", file=sys.stderr)
    if args.command == "run":
        # our own refusals (ValueError) say what to do, where "Re-run with --debug for
        # details" read as a bug to report; a ValueError may still be one
        debug = (" If the message above does not say what to change, re-run with --debug."
                 if ours else " Re-run with --debug for details.")  # fmt: skip
        print(f"Previous outputs are unchanged.{debug}", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
