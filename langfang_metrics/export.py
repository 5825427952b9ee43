"""Writing outputs: figures, CSV files and the Excel workbook, atomically and reproducibly.

Every writer goes through :func:`atomic_write_bytes` (temporary file in the same folder, fsync,
``os.replace``), so a reader never sees half a file and a failed run leaves the previous output
in place. Identical inputs give byte-identical files: figures carry no dates and fixed ids, the
workbook has fixed document properties and zip timestamps, CSV floats have a fixed format.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from . import config, coverage, labels, registry, style, views
from .views import value_decimals

#: Resolution of PNG figures (print quality).
PNG_DPI = 300
FIGURE_FORMATS = ("png", "svg", "pdf")
SOFTWARE = "langfang-metrics"
#: Metadata per format: no dates, a fixed producer (matplotlib would add its version and time).
_FIG_METADATA = {
    "png": {"Software": SOFTWARE},
    "svg": {"Date": None, "Creator": SOFTWARE},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": SOFTWARE, "Producer": SOFTWARE},
}
_FIG_RC = {
    "svg.hashsalt": style.SVG_HASHSALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "pdf.compression": 6,
}

#: CSV floats are written with 12 significant digits ("%.12g"): enough for every figure the
#: suite handles (counts, shares, 亿元 amounts), and free of the last-bit noise of ``repr``
#: that can differ between platforms' maths libraries.
CSV_FLOAT_FORMAT = "%.12g"
#: Leading characters a spreadsheet would read as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
CREATOR = config.WORKBOOK_CREATOR
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
#: Lines a header may wrap to (bilingual headers are long; columns need not be as wide).
HEADER_LINES = 3
#: Text columns wrapped at this width (characters) so a sheet fits a landscape page in width.
WRAP_WIDTH = 30
#: Print margins in inches (narrow, as Excel's "Narrow" preset) and the page-number footer.
PRINT_MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.3,
                 "footer": 0.3}  # fmt: skip


# --------------------------------------------------------------------------- atomic writes


@lru_cache(maxsize=1)
def render_digest() -> str:
    """Digest of what turns a drawn figure into its PNG and PDF files besides the drawing:
    the save settings, the code that embeds the CJK glyphs as TrueType, and the versions of
    the libraries that rasterise, compress and subset (a cached PNG/PDF of an unchanged SVG
    is reused only when all of them are the same)."""
    import hashlib
    import importlib.metadata as md
    import inspect
    import zlib

    from PIL import __version__ as pillow

    h = hashlib.sha256()
    h.update(repr((sorted(_FIG_RC.items()), _FIG_METADATA, PNG_DPI)).encode())
    for fn in (save_figure, _tight_bbox, style.truetype_outlines, style._pdf_fonts_as_truetype):
        h.update(inspect.getsource(fn).encode())
    h.update(f"{mpl.__version__}|{pillow}|{md.version('fonttools')}|{zlib.ZLIB_VERSION}".encode())
    return h.hexdigest()


def cache_write(path: str | os.PathLike[str], data: bytes) -> Path | None:
    """Store ``data`` as a cache entry: the file, then its SHA-256 beside it (``.sha256``).

    Written in that order, so an entry cut short by a killed run, a full disk or a hand
    edit has no checksum or the wrong one, and :func:`cache_read` does not serve it. A
    cache is only a shortcut: when it cannot be written (its disk full, say) the entry is
    skipped and None returned; the run goes on (it stopped with "No space left on device"
    while the output disk had room).
    """
    import hashlib

    try:
        path = atomic_write_bytes(path, data)
        atomic_write_bytes(Path(f"{path}.sha256"), hashlib.sha256(data).hexdigest().encode())
    except OSError:
        return None
    return path


def cache_read(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes of a cache entry when they match their checksum, else None.

    A damaged entry (truncated, emptied, no checksum) is a miss: the caller draws the file
    again and :func:`cache_write` replaces the entry (served, it was published as a 0-byte
    PDF or a half PNG, or stopped every run at the brief). Nothing is deleted here: another
    run may be between writing an entry and its checksum.
    """
    import hashlib

    path, check = Path(path), Path(f"{path}.sha256")
    try:
        data, digest = path.read_bytes(), check.read_bytes().decode("ascii", "replace").strip()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically.

    The bytes go to a temporary file in the same folder, are flushed to disk and then moved
    over ``path`` with ``os.replace``; on any error the temporary file is removed and an
    existing ``path`` is left untouched. A ``path`` that is a symbolic link is written
    through: its target gets the new bytes and the link stays.

    Parameters
    ----------
    path : path-like
        Destination; its folder is created if needed.
    data : bytes

    Returns
    -------
    Path
        The destination.

    Raises
    ------
    ValueError
        For a destination inside ``data/raw`` (the read-only inputs), through a link too:
        every writer of the library goes through here, so none can replace an input (a
        notebook's ``out_dir`` once turned ``data/raw/observations.csv`` into a workbook).
    """
    path = Path(path)
    tmp, target = _staged(path, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise
    return path


def _staged(path: Path, data) -> tuple[str, Path]:
    """``data`` written and flushed to a temporary file beside ``path``'s target (a link is
    written through), for ``os.replace`` to move over it: ``(temporary file, target)``. On
    any error the temporary file is removed; the checks of :func:`atomic_write_bytes`."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    if path.is_dir():  # os.replace would fail only after writing, naming the temporary file
        raise IsADirectoryError(f"{path} is a folder; give the path of a file to write")
    # os.replace over a link would put a file in its place; write where the link points
    try:
        target = path.resolve(strict=False) if path.is_symlink() else path
    except (OSError, RuntimeError) as exc:  # a loop of links (RuntimeError before 3.13)
        raise OSError(f"{path} is a link that leads nowhere it can write ({exc})") from None
    refuse_inside_raw(target, f"'{path}'", "write it elsewhere")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        _unlink(tmp)
        if exc.filename is None:  # a full disk on write names no file: say which one
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    except BaseException:
        _unlink(tmp)
        raise
    return tmp, target


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def atomic_write_all(files: dict) -> list[Path]:
    """Write several files all or none: every file's bytes go to a temporary file first
    (:func:`atomic_write_bytes`' rules), and only when all are on disk are they moved into
    place, each file they replace set aside until the last is in. A disk that fills
    part-way, or a file that cannot be replaced (a workbook open in Excel on Windows),
    leaves the folder as it was: the files already moved are taken back out and the ones
    they replaced put back (``request`` had left 7 of 11 workbooks, and the next attempt
    then needed ``--force``).

    Parameters
    ----------
    files : dict
        Destination path → bytes.

    Returns
    -------
    list of Path
        The destinations, in the order given.
    """
    staged: list[tuple[str, Path]] = []
    moved: list[tuple[Path, str | None]] = []  # (target, where the file it replaced is)
    try:
        for path, data in files.items():
            staged.append(_staged(Path(path), data))
        for tmp, target in staged:
            kept = None
            if target.exists():
                fd, kept = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old",
                                            dir=target.parent)  # fmt: skip
                os.close(fd)
                try:
                    os.replace(target, kept)
                except BaseException:  # the file stays where it is; its empty stand-in goes
                    _unlink(kept)
                    raise
            try:
                os.replace(tmp, target)
            except BaseException:
                if kept is not None:
                    os.replace(kept, target)
                raise
            moved.append((target, kept))
    except BaseException:
        for target, kept in reversed(moved):  # back as they were
            if kept is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(kept, target)
        for tmp, _ in staged:
            _unlink(tmp)
        raise
    for _, kept in moved:
        if kept is not None:
            _unlink(kept)
    return [Path(p) for p in files]


def atomic_write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", *, newline: str = "\n"
) -> Path:
    """Write ``text`` atomically (see :func:`atomic_write_bytes`).

    Line endings are normalised to ``newline`` ("\\n" by default) whatever the platform.
    """
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", newline)
    return atomic_write_bytes(path, text.encode(encoding))


# --------------------------------------------------------------------------- figures


#: The white margin around a saved picture's tight bounds, in inches.
SAVE_PAD_INCHES = 0.15


def save_figure(
    fig: Figure,
    name: str,
    formats: Sequence[str] = FIGURE_FORMATS,
    *,
    out_dir: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Save ``fig`` as ``<out_dir>/<name>.<format>`` for each format, byte-reproducibly.

    PNG at 300 dpi with a fixed ``Software`` tag; SVG without date and with fixed ids
    (``svg.hashsalt``); PDF with TrueType fonts embedded (``pdf.fonttype`` 42) and no dates.
    Each file is written atomically. The figure is not closed (the caller owns it).

    Parameters
    ----------
    fig : Figure
    name : str
        File stem, e.g. ``"trajectory_high_tech_enterprises_zh"`` (no folder, no suffix).
    formats : sequence of {"png", "svg", "pdf"}
    out_dir : path-like, optional
        Default ``config.FIGURES_DIR``.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"name must be a plain file stem without folders, got {name!r}")
    if Path(name).suffix.lower().lstrip(".") in _FIG_METADATA:  # "chart.png": not chart.png.png
        name = Path(name).stem
    formats = [formats] if isinstance(formats, str) else list(formats)  # "png" is one format
    unknown = [f for f in formats if f not in _FIG_METADATA]
    if unknown:
        raise ValueError(f"unsupported figure format(s) {unknown}; use {list(_FIG_METADATA)}")
    out = Path(config.FIGURES_DIR if out_dir is None else out_dir)
    written = []
    with mpl.rc_context(), _frozen_layout(fig):
        mpl.rcdefaults()  # a user's matplotlibrc must not change the saved bytes either
        mpl.rcParams.update(_FIG_RC)
        bbox = _tight_bbox(fig, PNG_DPI, pad_inches=SAVE_PAD_INCHES)
        title = figure_title_text(fig)
        for fmt in formats:
            buf = io.BytesIO()
            # a PDF says what it shows, as the SVG's <title> does (viewers and document
            # systems showed the file name: the report writer's review)
            extra = {"Title": title} if fmt == "pdf" and title else {}
            fig.savefig(
                buf,
                format=fmt,
                dpi=PNG_DPI,
                metadata={**_FIG_METADATA[fmt], **extra},
                bbox_inches=bbox,
                facecolor="white",
            )
            data = buf.getvalue()
            if fmt == "svg":
                data = _svg_with_title(data, title)
            written.append(atomic_write_bytes(out / f"{name}.{fmt}", data))
    return written


def figure_title_text(fig: Figure) -> str:
    """The chart's title as drawn: the figure's suptitle, else its first axes title."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return sup.get_text().strip()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            text = ax.get_title(loc=loc).strip()
            if text:  # a title wrapped between two Chinese characters joins without a space
                text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])",
                              "", text)  # fmt: skip
                return " ".join(text.split())
    return ""


def _svg_with_title(data: bytes, title: str) -> bytes:
    """An SVG that says what it shows: ``role="img"`` and a ``<title>`` first inside the root
    (its text is drawn as outlines, which a screen reader or a search cannot read)."""
    if not title:
        return data
    import html

    start = data.find(b"<svg ")
    end = data.find(b">", start)
    if start < 0 or end < 0:
        return data
    head = data[:end].rstrip(b"/")
    if data[end - 1 : end] == b"/":  # an empty <svg/>: nothing to describe
        return data
    tag = head + b' role="img"' if b" role=" not in head[start:] else head
    return tag + b">\n <title>" + html.escape(title).encode() + b"</title>" + data[end + 1 :]


def _tight_bbox(fig: Figure, dpi: float, *, pad_inches: float):
    """The figure's tight bounding box (inches, padded), measured once at ``dpi``.

    ``bbox_inches="tight"`` would measure every text again for each format saved; one
    measurement at the raster resolution serves all three, so the PNG, SVG and PDF of a
    chart also share the same page size.
    """
    old = fig.dpi
    fig.set_dpi(dpi)
    try:
        return fig.get_tightbbox().padded(pad_inches)
    finally:
        fig.set_dpi(old)


#: Axes positions are rounded to this many decimals of the figure size when frozen.
_LAYOUT_DECIMALS = 6


@contextmanager
def _frozen_layout(fig: Figure) -> Iterator[None]:
    """Run the layout engine once, round the axes positions and keep them while saving.

    Constrained layout sums margins with numpy, whose SIMD reductions can differ in the last
    bit from one process to the next (memory alignment). SVG clip-path ids hash the exact
    floats, so that noise alone changed the bytes of an otherwise identical file; rounded
    positions make every format reproducible. The figure's own engine is restored after.
    """
    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        yield
        return
    fig.draw_without_rendering()
    positions = [(ax, ax.get_position().bounds) for ax in fig.axes]
    fig.set_layout_engine("none")
    try:
        for ax, bounds in positions:
            ax.set_position([round(float(v), _LAYOUT_DECIMALS) for v in bounds])
        yield
    finally:
        fig.set_layout_engine(engine)


# --------------------------------------------------------------------------- CSV


def _neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells starting with = + - @ tab or CR get a leading "'".

    Only text cells change (OWASP CSV-injection rule); numbers, negative ones included, stay
    numbers. Column names are treated the same way.
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_neutralise).astype(object)
    out.columns = [_neutralise(str(c)) for c in out.columns]
    return out


def _one_newline(value: object) -> object:
    """Text with "\r\n" and lone "\r" line breaks written as "\n"; anything else as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """True when ``path`` is ``folder`` or lies inside it (symbolic links resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def refuse_inside_raw(path: str | os.PathLike, what: str, advice: str) -> None:
    """``ValueError`` when ``path`` lies inside ``data/raw`` (read-only inputs: no command
    writes there): "<what> is inside …/data/raw, which holds the read-only inputs; <advice>"."""
    if inside(path, config.RAW_DIR):
        from .errors import Refusal

        raise Refusal(f"{what} is inside {config.RAW_DIR}, which holds the read-only "
                      f"inputs; {advice}",
                      f"{path} 位于只读输入文件夹 {config.RAW_DIR} 之内；请写到其他位置")  # fmt: skip


def refuse_inside_published(path: str | os.PathLike, what: str, advice: str) -> None:
    """``Refusal`` when ``path`` is or lies inside a folder a run publishes (one holding a
    ``.run-id``: ``data/processed``, ``reports``): the next run replaces that folder whole and
    stopped on the files written there as "not written by a run" until they were moved by
    hand (``run --out data/processed``, ``request reports/``: the hostile-input review)."""
    path = Path(path).resolve()
    for folder in (path, *path.parents):
        if (folder / config.RUN_ID_NAME).is_file():
            from .errors import Refusal

            raise Refusal(f"{what} is inside {folder}, which a run writes and replaces whole "
                          f"(it holds {config.RUN_ID_NAME}); {advice}",
                          f"{path} 位于 {folder} 之内，该文件夹由运行写出并整体替换（其中有 "
                          f"{config.RUN_ID_NAME}）；请写到其他位置")  # fmt: skip


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as UTF-8 CSV with BOM (Excel opens Chinese text correctly), atomically.

    No index; "\\n" line endings, inside text cells too ("\\r\\n" and a lone "\\r" become
    "\\n", so every line break is quoted and the file reads back row for row); floats as
    ``CSV_FLOAT_FORMAT`` ("%.12g"); missing values as empty cells; formula-looking text
    neutralised (:func:`neutralise_formulas`).

    Returns
    -------
    Path
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    out = neutralise_formulas(df)
    for col in out.columns:  # a bare CR is a line break the csv writer would not quote
        if out[col].dtype == object:
            out[col] = out[col].map(_one_newline)
    text = out.to_csv(index=False, lineterminator="\n", float_format=CSV_FLOAT_FORMAT, na_rep="")
    return atomic_write_bytes(path, text.encode("utf-8-sig"))


# --------------------------------------------------------------------------- workbook

#: Column → label key of its bilingual header (columns not listed use their own name).
_HEADER_KEYS = {
    "indicator_id": "col.indicator_id",
    "required_cagr_from_latest": "col.needed_from_now",
    "best_growth": "col.best_growth",
    "name": "col.indicator",
    "name_zh": "col.name_zh",
    "name_en": "col.name_en",
    "section": "col.section",
    "unit": "col.unit",
    "unit_zh": "col.unit",
    "kind": "col.kind",
    "direction": "col.direction",
    "status": "col.status",
    "status_code": "col.status_code",
    "status_note": "col.status_note",
    "obs_status": "col.obs_status",
    "input_origin": "col.input_origin",
    "in_series": "col.in_series",
    **{
        c: f"col.{c}"
        for c in (
            "milestone_year year target value comparison plan_target plan_value "
            "baseline_year baseline_value plan_baseline_value "
            "latest_year latest_value latest_status expected_on_path expected_by_as_of "
            "progress_share time_share "
            "actual_cagr required_cagr projected projected_lo_80 projected_hi_80 projected_gap "
            "projected_gap_pct p_meet p_meet_words p_meet_note other_figures departments "
            "departments_asked clause quote quote_en "
            "measure_clause measure_quote measure_quote_en note region source url published accessed path method as_of mean lo_80 hi_80 "
            "lo_95 hi_95 "
            "smape mase coverage_80 coverage_95 winkler_80 winkler_95 n held_status held_value "
            "held_source department_notes years check where origins over_share basis new_firms "
            "cum_new_firms cum_new_lo_80 cum_new_hi_80 cost_wan cost_city_wan cost_county_wan "
            "cum_cost_wan cum_cost_lo_80_wan cum_cost_hi_80_wan probability level forecast_origin"
        ).split()
    },
}
#: Columns that hold per cents (3.5 for 3.5 %), written as shares of 1 with one decimal.
_ONE_DECIMAL_COLUMNS = {"projected_gap_pct"}
_PERCENT_COLUMNS = {"p_meet", "progress_share", "time_share", "coverage_80", "coverage_95"}


def _progress_format(p: float) -> str:
    """Number format of a progress share: ``0%``, or with the decimals that keep a share
    short of the target below 100 % (``labels.progress_decimals``: 0.99585 showed "100%"
    beside "missed")."""
    d = labels.progress_decimals(p)
    return f"0.{'0' * d}%" if d else "0%"


def _probability_format(p: float) -> str:
    """Number format of a chance of meeting a target: ``0%``, except a value that is neither
    0 nor 1 but would show as either, which shows ``<1%`` / ``>99%`` as the landing page and
    brief print it (``views.fmt_probability``); the cell keeps its number."""
    from .views import fmt_probability

    shown = fmt_probability(p, "en")
    return f'"{shown}"' if shown in ("<1%", ">99%") else "0%"


_YEAR_COLUMNS = {"year", "milestone_year", "baseline_year", "latest_year", "as_of", "n"}
_VALUE_COLUMNS = {
    "target", "value", "plan_target", "plan_value", "baseline_value", "plan_baseline_value",
    "latest_value", "expected_on_path", "expected_by_as_of",
    "projected",
    "projected_lo_80", "projected_hi_80", "projected_gap", "mean", "lo_80", "hi_80", "lo_95",
    "hi_95", "held_value",
}  # fmt: skip
_WRAP_COLUMNS = {"quote", "quote_en", "measure_quote", "measure_quote_en", "note", "clause",
                 "source", "department_notes"}  # fmt: skip
#: Columns wrapped at ``WRAP_WIDTH`` (names and department lists are long in one line).
_NARROW_WRAP_COLUMNS = {"name", "departments", "departments_asked", "section", "url",
                        "p_meet_note", "other_figures", "status_note"}  # fmt: skip


#: Columns of figures as they were given (not computed): shown with at least the decimals they
#: were written with, so a target of 1.45 % is not printed 1.5 % by its indicator's format.
_GIVEN_VALUE_COLUMNS = {"target", "value", "plan_target", "plan_value", "baseline_value",
                        "plan_baseline_value", "latest_value", "held_value"}  # fmt: skip


def given_format(fmt: str, value: float, at_least: int = 0) -> str:
    """``fmt`` showing a figure as given: its own decimals, and at least ``at_least`` (its
    target's), no more: 3 patents per 10,000 people beside a target of 3.7 is "3.0", as the
    page and the brief print it (the density's "0.00" made it "3.00": the report writer's
    review); 1.65 keeps its two."""
    whole = fmt.partition(".")[0]
    d = max(value_decimals(value), at_least)
    return whole + ("." + "0" * d if d else "")


def at_least_decimals(fmt: str, decimals: int) -> str:
    """``fmt`` showing at least ``decimals`` decimals (``"0.0"``, 2 → ``"0.00"``)."""
    d = max(shown_decimals(fmt), decimals)
    return fmt.partition(".")[0] + ("." + "0" * d if d else "")


def shown_decimals(fmt: str) -> int:
    """The decimals a number format shows (``"#,##0.0"`` → 1, ``"0"`` → 0), of its positive
    section and before any words it adds."""
    own = fmt.split(";")[0].partition(".")[2]
    return len(own) - len(own.lstrip("0"))


def number_format_for(indicator: pd.Series | dict | None) -> str:
    """Excel number format of an indicator's values, from its kind and unit.

    Counts (家, 个, 人, 项, 件) ``#,##0``; shares, percentages and growth rates ``0.0``;
    money (元) ``#,##0.00``; densities and anything else ``#,##0.00``.
    """
    if indicator is None:
        return "#,##0.00"
    get = indicator.get
    kind = str(get("kind", "") or "")
    unit_zh = str(get("unit_zh", "") or "")
    unit_en = str(get("unit_en", "") or "")
    if (kind in ("share", "growth_rate") and "元" not in unit_zh) or "%" in unit_zh + unit_en:
        return "0.0"
    if "元" in unit_zh or "yuan" in unit_en:
        return "#,##0.00"
    if kind == "density":
        return "0.00"
    # a yearly flow counts whole things (项/年) although its unit has a slash
    if unit_zh[:1] in ("家", "个", "人", "项", "件") or kind in ("stock", "cumulative", "flow"):
        return "#,##0"
    if "/" in unit_zh:
        return "0.00"
    return "#,##0.00"


def counts_whole_things(indicator: pd.Series | dict | None) -> bool:
    """Whether an indicator's values are whole things (firms, projects): its number format is
    ``#,##0``, so a projection or a gap of it is shown in whole things too."""
    return number_format_for(indicator) == "#,##0"


def _display_width(text: str) -> int:
    # East-Asian wide characters take two columns in a spreadsheet
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clean(value: object) -> object:
    """Python scalar for openpyxl: NaN → None, numpy → builtin, control characters dropped."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, dt.datetime):  # pd.Timestamp included
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _fit_cell(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


#: The most characters a spreadsheet cell holds (Excel's limit; openpyxl cuts silently beyond it).
CELL_MAX_CHARS = 32_767


def _fit_cell(text: str) -> str:
    """``text`` cut to what a cell holds, saying so in the cell rather than silently.

    The cut cell ends with a bilingual note of how long the whole text is (the run's CSV
    files keep all of it).
    """
    if len(text) <= CELL_MAX_CHARS:
        return text
    note = f"…［截断：全文 {len(text):,} 字符 / cut: {len(text):,} characters in full］"
    return text[: CELL_MAX_CHARS - len(note)] + note


#: Height of one line of text (points) and the most lines a row grows to.
#: Height of a wrapped line in points: CJK text falls back to a face whose lines are taller
#: than Calibri's 15 points (Noto Sans CJK about 16.5 at 11 points, in LibreOffice), so
#: rows sized at 15 a line printed the second line of a quote cut in half.
LINE_HEIGHT = 17
#: Height of a line of latin text alone (Calibri's line at 11 points).
LATIN_LINE_HEIGHT = 15
MAX_ROW_LINES = 12
#: Characters a line does not start with (a comma, a closing bracket stays with the character
#: before it) and does not end with (an opening bracket or quote goes with the one after it).
_NO_LINE_START = frozenset("，。、；：？！）》」』”’％…,.;:?!)]}%")
_NO_LINE_END = frozenset("（《「『“‘([{")
#: Where a line may break inside a run of latin characters besides spaces: a URL wraps after
#: its slashes, and so puts fewer characters on a line than its length divided by the width.
_BREAK_AFTER = frozenset("/?-")


def _break_before(prev: str, ch: str) -> bool:
    """Whether a line may break between ``prev`` and ``ch`` (between any two CJK characters,
    after a space or a slash, never before a closing mark or after an opening one)."""
    if ch.isspace() or ch in _NO_LINE_START or prev in _NO_LINE_END:
        return False
    if prev.isspace() or prev in _BREAK_AFTER:
        return True
    return _display_width(prev) == 2 or _display_width(ch) == 2


#: Printed width of a latin character in columns (a column is a digit's width): the wider of
#: Carlito (Calibri's metrics, the workbook font) and DejaVu Sans (LibreOffice's fallback),
#: rounded up to a tenth. Counting every letter as a digit put about one line in six too
#: many under English text, which printed a row or two of blank space under it.
_LATIN_WIDTHS = {ch: w for chars, w in (
    (" 'iljI,.", 0.5), (":;", 0.6), ("f-()[]J!tr", 0.7), ('/\\`"', 0.8), ("szcL", 0.9),
    ("PKbdhnpquoXZBRC", 1.1), ("VA", 1.2), ("DHGUN", 1.3), ("O#+<=>^~Q&", 1.4), ("w%", 1.5),
    ("m", 1.6), ("M", 1.7), ("W@", 1.8),
) for ch in chars}  # fmt: skip


def _print_width(ch: str) -> float:
    """Columns ``ch`` prints across: two for a CJK character, a latin one's own width
    (:data:`_LATIN_WIDTHS`, a digit's otherwise), two for any other character (a dash or a
    quote mark prints as wide as a CJK character beside Chinese)."""
    if unicodedata.east_asian_width(ch) in "WF" or ord(ch) > 0x7E:
        return 2.0
    return _LATIN_WIDTHS.get(ch, 1.0)


def row_line_height(values: Iterable[object]) -> int:
    """Height in points of one line of a row holding ``values``: :data:`LINE_HEIGHT` where any
    of them holds a CJK character, Calibri's 15 points otherwise (a row of English text at
    CJK's height printed a blank line under every four)."""
    wide = any(isinstance(v, str) and _display_width(v) > len(v) for v in values)
    return LINE_HEIGHT if wide else LATIN_LINE_HEIGHT


def _pieces(part: str) -> list[tuple[float, float]]:
    """The unbreakable pieces of one line of text: (width without, width with) the spaces
    after it, which may hang past the end of a line."""
    pieces: list[list[float]] = []
    for k, ch in enumerate(part):
        w = _print_width(ch)
        if not pieces or _break_before(part[k - 1], ch):
            pieces.append([0, 0])
        if not ch.isspace():
            pieces[-1][0] = pieces[-1][1] + w
        pieces[-1][1] += w
    return [(core, full) for core, full in pieces]


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a cell ``width`` characters wide, as LibreOffice prints it.

    Each line of ``text`` is filled piece by piece: a latin word (or a URL's part between
    slashes) or one CJK character, CJK counting two columns and a latin character its
    printed width (:func:`_print_width`, rounded up); a word longer than a line is cut. The
    widths err a little wide, as they should: a row too short cuts its last line off.

    Parameters
    ----------
    text : str
        The cell's text; explicit newlines start new lines.
    width : float
        The column's width in characters (openpyxl's ``column_dimensions[...].width``); the
        cell's margins take about one of them.

    Returns
    -------
    int
        At least 1.
    """
    per_line = max(1.0, width - 1)
    lines = 0
    for part in text.split("\n"):
        lines, used = lines + 1, 0.0
        for core, full in _pieces(part):
            if used and used + core > per_line:
                lines, used = lines + 1, 0.0
            if core > per_line:  # a word longer than a line is cut where the line ends
                cut = math.ceil(core / per_line) - 1
                lines, core, full = lines + cut, core - cut * per_line, full - cut * per_line
            used += full
    return max(1, lines)


def _row_heights(ws: Worksheet, df: pd.DataFrame, widths: Sequence[float]) -> None:
    """Set the height of every data row: as many lines as its wrapped text needs
    (:func:`wrapped_lines`, the most of any of its wrapped cells).

    Spreadsheet programs do not all re-measure rows on opening (LibreOffice keeps the default
    height), so wrapped names and quotes would print cut to one line, and a row of one line
    of Chinese, left at the default height, printed its glyphs across the border below.
    """
    wrapped = [
        (j, widths[j])
        for j, c in enumerate(df.columns)
        if c in _WRAP_COLUMNS or c in _NARROW_WRAP_COLUMNS
    ]
    for i, row in enumerate(df.itertuples(index=False), start=2):
        lines = max([wrapped_lines(row[j], width) for j, width in wrapped
                     if isinstance(row[j], str) and row[j]], default=1)  # fmt: skip
        ws.row_dimensions[i].height = row_line_height(row) * min(lines, MAX_ROW_LINES)


#: Bold header text is wider than the regular text the widths count.
_BOLD = 1.1


def _header_lines(header: str, width: float) -> int:
    """Lines ``header`` wraps to in a column ``width`` wide, word by word (bold)."""
    lines, used = 1, 0.0
    for word in header.split():
        w = _display_width(word) * _BOLD
        if used and used + _BOLD + w > width:  # the space before it, then the word
            lines, used = lines + 1, w
        else:
            used += (_BOLD if used else 0) + w
    return lines


def _header_width(header: str) -> float:
    """Width that shows ``header`` on ``HEADER_LINES`` lines without breaking an English word:
    "疑点 / What looks wrong" needed four lines in the 8.7 its length divided by three gave,
    and the header row, three lines tall, cut off "wrong"."""
    width = max([_display_width(w) * _BOLD for w in header.split()] or [0])
    width = max(width, _display_width(header) * _BOLD / HEADER_LINES)
    while _header_lines(header, width) > HEADER_LINES:
        width += 0.5
    return round(width + 1, 1)


def _write_sheet(
    ws: Worksheet,
    df: pd.DataFrame,
    *,
    formats: dict[str, str] | None = None,
    row_formats: Sequence[str] | None = None,
    cell_formats: dict[tuple[int, str], str] | None = None,
    empty_note: str | None = None,
    goal_decimals: Sequence[int] | None = None,
) -> None:
    """Header row (bilingual, bold, frozen, filtered) and cells with formats and widths.

    ``cell_formats`` maps (row position, column) to a format that wins over the others.
    ``goal_decimals``: per row, the decimals of its indicator's target, for a sheet without
    a target column (:func:`given_format`).
    ``empty_note``: what a sheet without rows says under its header (it printed as a page
    of headers, which looked like a fault).
    """
    formats, cell_formats = formats or {}, cell_formats or {}
    goals = goal_decimals
    columns = list(df.columns)
    # the figure a comparison qualifies, to sit against its sign: "≥ 10,000" (the sign after
    # the right-aligned target read "10,000≥": the print review)
    signed = columns[columns.index("comparison") + 1] if "comparison" in columns[:-1] else None
    if df.empty and empty_note:
        note = ws.cell(row=2, column=1, value=empty_note)
        note.data_type = "s"
        note.font = Font(**config.WORKBOOK_FONT, italic=True, color="555555")
        ws.row_dimensions[2].height = LINE_HEIGHT  # one line of Chinese, whole
    widths = []
    for j, col in enumerate(columns, start=1):
        key = _HEADER_KEYS.get(col)
        header = labels.bilingual(key) if key else str(col)
        cell = ws.cell(row=1, column=j, value=header)
        cell.data_type = "s"
        cell.font = Font(**config.WORKBOOK_FONT, bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        widths.append(_header_width(header))
    for i, row in enumerate(df.itertuples(index=False), start=2):
        # a value computed from the row's figures (expected on path, projected) shows as
        # many decimals as the most precise of them: 1.45 beside an "expected 1.5" misled
        row_decimals = goal_decimals = 0
        if row_formats is not None:  # only sheets formatted by indicator have such values
            given = [_clean(v) for c, v in zip(columns, row, strict=True)
                     if c in _GIVEN_VALUE_COLUMNS]  # fmt: skip
            row_decimals = max([value_decimals(v) for v in given if isinstance(v, float)],
                               default=0)  # fmt: skip
            goal = _clean(row[columns.index("target")]) if "target" in columns else None
            goal_decimals = (value_decimals(goal) if isinstance(goal, float)
                             else goals[i - 2] if goals is not None else 0)  # fmt: skip
        for j, (col, raw) in enumerate(zip(columns, row, strict=True), start=1):
            value = _clean(raw)
            if col == "comparison":  # as a target is read ("≥"), not the code ">="
                value = labels.COMPARISON_SIGNS.get(value, value)
            cell = ws.cell(row=i, column=j, value=value)
            side = {"comparison": "right", signed: "left"}.get(col)
            cell.alignment = Alignment(horizontal=side, vertical="top")  # top: beside tall rows
            if isinstance(value, str):
                # never a formula, whatever the text starts with
                cell.data_type = "s"
                if col in _WRAP_COLUMNS or col in _NARROW_WRAP_COLUMNS:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif value is not None:
                fmt = formats.get(col)
                if fmt is None and col in _VALUE_COLUMNS and row_formats is not None:
                    fmt = row_formats[i - 2]
                    if col in _GIVEN_VALUE_COLUMNS and isinstance(value, float) and fmt:
                        fmt = given_format(fmt, value, goal_decimals)
                    elif fmt:
                        fmt = at_least_decimals(fmt, row_decimals)
                if fmt is None and col in _ONE_DECIMAL_COLUMNS:  # a share of 1 as the other
                    fmt = "0.0%"  # percent columns (3.516 with '0.0"%"' was 351.6 % reformatted)
                if fmt is None and col in _PERCENT_COLUMNS:
                    fmt = (_probability_format(value) if col == "p_meet"
                           else _progress_format(value) if col == "progress_share" else "0%")  # fmt: skip
                if fmt is None and col in _YEAR_COLUMNS:
                    fmt = "0"
                fmt = cell_formats.get((i - 2, col), fmt)
                if fmt:
                    cell.number_format = fmt
            shown = (
                ""
                if value is None
                else (f"{value:,.2f}" if isinstance(value, float) else str(value))
            )
            if isinstance(value, int | float) and '"' in cell.number_format:
                # the words a format adds after the number ("（自2023年起算）") widen it too
                shown += "".join(re.findall(r'"([^"]*)"', cell.number_format.split(";")[0]))
            widths[j - 1] = max(widths[j - 1],
                                max(_display_width(part) for part in shown.split("\n")) + 2)  # fmt: skip
    final = []
    for j, (col, width) in enumerate(zip(columns, widths, strict=True), start=1):
        cap = WRAP_WIDTH if col in _NARROW_WRAP_COLUMNS else MAX_COLUMN_WIDTH
        final.append(round(min(cap, max(MIN_COLUMN_WIDTH, width)), 1))
        ws.column_dimensions[get_column_letter(j)].width = final[-1]
    _row_heights(ws, df, final)
    ws.row_dimensions[1].height = LINE_HEIGHT * HEADER_LINES  # long bilingual headers wrap
    # the indicator stays in view beside the header: freeze right of its name (or id)
    key = next((c for c in ("name", "indicator_id") if c in columns), None)
    ws.freeze_panes = f"{get_column_letter(columns.index(key) + 2)}2" if key else "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(df) + 1)}"
    # a sheet without rows prints the line that says so (the print area stopped at the header)
    _print_setup(ws, columns, 1 if df.empty and empty_note else len(df), final)


#: Code columns a planner-facing sheet keeps last: on screen for look-ups, not printed.
_CODE_COLUMNS = ("status_code", "indicator_id")


#: Column-width units an A4 landscape page holds between its margins at 100 % (a unit is
#: about 1.85 mm of Calibri 11: 277 mm / 1.85).
PAGE_WIDTH_UNITS = 149
#: The smallest print scale a sheet is shrunk to before it takes a second page's width:
#: 65 % of 11 pt is about 7 pt (the summary's 24 columns printed at 5 pt on one page).
MIN_PRINT_SCALE = 0.65


def pages_wide(widths: Sequence[float], title_width: float = 0.0) -> int:
    """Pages across a sheet of these column widths prints on at no less than
    ``MIN_PRINT_SCALE``, each page after the first repeating ``title_width`` (the indicator's
    columns)."""
    total, pages = float(sum(widths)), 1
    while (total + (pages - 1) * title_width) * MIN_PRINT_SCALE > pages * PAGE_WIDTH_UNITS:
        pages += 1
        if pages >= len(widths):
            break
    return pages


def fit_landscape(ws: Worksheet, widths: Sequence[float] = (), title_columns: int = 0) -> None:
    """A4 landscape, as many pages tall as needed; one page wide unless that would print
    under ``MIN_PRINT_SCALE`` (:func:`pages_wide`): then the pages go across before down (a
    row's parts on consecutive pages), each repeating the first ``title_columns``. The
    workbook's sheets and the request workbooks' share it."""
    widths = list(widths)
    across = pages_wide(widths, sum(widths[:title_columns])) if widths else 1
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = across, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if across > 1:
        ws.page_setup.pageOrder = "overThenDown"
        if title_columns:
            ws.print_title_cols = f"A:{get_column_letter(title_columns)}"


def _print_setup(
    ws: Worksheet, columns: Sequence[str], n_rows: int, widths: Sequence[float] = (),
) -> None:  # fmt: skip
    """A4 landscape, as many pages tall as needed, header row on every page; one page wide
    unless that would print under ``MIN_PRINT_SCALE`` (:func:`pages_wide`): then the pages
    go across before down and each repeats the indicator's columns on its left.

    Code columns at the end of a planner-facing sheet (status code, indicator id) are left out
    of the print area. Page numbers ("page / pages") in the footer and the sheet's name in the header, so a
    printed stack can be put back in order; gridlines printed, as on screen.
    """
    printed = len(columns)
    while printed > 1 and columns[printed - 1] in _CODE_COLUMNS:
        printed -= 1
    key = next((c for c in ("name", "indicator_id", "year") if c in columns[:printed]), None)
    keys = columns.index(key) + 1 if key else 0  # the columns up to the indicator's name
    if key == "year" and columns[keys : keys + 1] == ["basis"]:  # (a sheet of years) and what
        keys += 1  # its figures rest on: the fiscal sheet's award columns printed on a page
        # of their own with no year beside them (the print review)
    fit_landscape(ws, list(widths)[:printed], keys)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(**PRINT_MARGINS)
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.center.text = "&P / &N"
    if 0 < printed < len(columns):
        ws.print_area = f"A1:{get_column_letter(printed)}{n_rows + 1}"


def _pick(df: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame:
    if df is None:
        return pd.DataFrame(columns=list(columns))
    return df[[c for c in columns if c in df.columns]].reset_index(drop=True)


def _translation_columns(indicators: pd.DataFrame, lang: str) -> list[str]:
    """The registry's translations of the plan's words (``registry.TRANSLATIONS``) an
    ``lang`` workbook shows beside them: in English, those the registry fills; in Chinese
    none."""
    if lang != "en":
        return []
    return [c for c in registry.TRANSLATIONS if c in indicators.columns
            and indicators[c].fillna("").astype(str).str.strip().ne("").any()]  # fmt: skip


def _lang_columns(df: pd.DataFrame, lang: str, fields: Iterable[str]) -> pd.DataFrame:
    """Rename ``<field>_<lang>`` to ``<field>`` (the workbook's language).

    Department lists are rewritten in the same language: simplified Chinese (the registry
    quotes the plan's traditional characters) joined by "、" as many to a line as the column
    holds (:func:`department_lines`), or the English short forms ("S&T; Finance",
    ``labels.department_short``, spelt out in the notes sheet) joined by "; ". A frame with
    ``departments_zh`` (the missing figures') is rewritten from it: its ``departments_en``
    already has the full English names.
    """
    out = df.copy()
    for f in fields:
        if f"{f}_{lang}" in out.columns:
            out[f] = out[f"{f}_{lang}"]
    if "departments" in out.columns:
        given = out["departments_zh"] if "departments_zh" in out.columns else out["departments"]
        out["departments"] = [
            department_lines([labels.department_short(d, lang)
                              for d in labels.split_departments(v)], lang)
            if isinstance(v, str)
            else v
            for v in given
        ]  # fmt: skip
    return out


def department_lines(names: Sequence[str], lang: str, width: float = WRAP_WIDTH) -> str:
    """Department ``names`` as a department cell shows them, in a column ``width`` wide.

    English: joined by "; ", wrapping at its spaces. Chinese: joined by "、", as many to a
    line as fit, a line breaking only between two names. One a line, the summary's rows were
    four and five lines tall for a single column and it printed on twice the pages (the
    print review); left to wrap at the column's edge, "、" broke names ("市税务 / 局") and
    began lines. A name may come broken on two lines (the brief's "市开发区改革发展\n工作办公室",
    before the kind of body it ends in): the next name may join its last line.
    """
    if lang != "zh":
        return "; ".join(names)
    text = ""
    for k, name in enumerate(names):
        piece = name + ("、" if k < len(names) - 1 else "")
        last = text.rsplit("\n", 1)[-1]
        if last and wrapped_lines(last + piece.split("\n", 1)[0], width) > 1:
            text += "\n"
        text += piece
    return text


#: A growth-rate target's unit: 10 is "10%/yr", not 10.00 beside 亿元.
RATE_UNIT = {"zh": "%/年", "en": "%/yr"}


def _typed_words(obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The sources and notes of ``obs`` as typed, framed in English where a return gave them
    in Chinese (``coverage.returned_words``); unchanged without the files they came from."""
    if lang != "en" or "origin_file" not in obs.columns:
        return obs
    out = obs.copy()
    for col, kind in (("source", "source"), ("note", "note")):
        if col in out.columns:
            pairs = list(zip(out[col], out["origin_file"], strict=True))
            # each distinct text of each file once: whose return a file is is looked up on
            # disk (a returned workbook's cover), and a return repeats its source row by row
            said = {(t, f): coverage.returned_words(t, f, lang, kind=kind)
                    for t, f in dict.fromkeys(pairs) if isinstance(t, str)}  # fmt: skip
            out[col] = [said.get((t, f), t) for t, f in pairs]
    return out


def _held_source_words(missing: pd.DataFrame, observations: pd.DataFrame, lang: str) -> list:
    """The Missing figures sheet's source of each figure held, framed as the Observations
    sheet frames it (:func:`_typed_words`), by the file of a home-region figure of that
    indicator, year and source."""
    held = missing["held_source"]
    if lang != "en" or "origin_file" not in observations.columns or "year" not in missing:
        return list(held)
    home = observations[observations["region"] == config.HOME_REGION]
    file_of = {(r.indicator_id, int(r.year), str(r.source).strip()): r.origin_file
               for r in home.itertuples(index=False) if isinstance(r.source, str)}  # fmt: skip
    return [coverage.returned_words(t, file_of.get((i, int(y), t.strip())), lang)
            if isinstance(t, str) and pd.notna(y) else t
            for t, i, y in zip(held, missing["indicator_id"], missing["year"], strict=True)]  # fmt: skip


def _rate_targets(
    frame: pd.DataFrame, indicators: pd.DataFrame | None, column: str, lang: str
) -> dict:
    """``{(row position, column): format}`` showing growth-rate targets as ``10%/年`` (zh)
    or ``10%/yr`` (en)."""
    if indicators is None or "indicator_id" not in frame.columns or column not in frame.columns:
        return {}
    kind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["kind"]
    rows = np.flatnonzero(frame["indicator_id"].map(kind).eq("growth_rate").to_numpy())
    out = {}
    for i in rows.tolist():
        v = pd.to_numeric(frame[column].iloc[i], errors="coerce")
        whole = pd.notna(v) and float(v).is_integer()
        out[(i, column)] = f'0"{RATE_UNIT[lang]}"' if whole else f'0.0#"{RATE_UNIT[lang]}"'
    return out


def _in_plan_order(
    frame: pd.DataFrame, indicators: pd.DataFrame | None, regions: pd.DataFrame | None
) -> pd.DataFrame:
    """Rows of ``frame`` in the order a planner reads them: the home region first, then the
    registered regions in registry order (others last), indicators in plan (registry)
    order, then by year; ties keep their order. A frame without these columns is returned
    as it is."""
    keys = {}
    if "region" in frame.columns:
        known = [config.HOME_REGION]
        if regions is not None and "region" in regions.columns:
            known += [r for r in regions["region"] if r != config.HOME_REGION]
        rank = {r: i for i, r in enumerate(known)}
        keys["_r"] = frame["region"].map(rank).fillna(len(rank))
    if "indicator_id" in frame.columns and indicators is not None:
        rank = {iid: i for i, iid in enumerate(dict.fromkeys(indicators["indicator_id"]))}
        keys["_i"] = frame["indicator_id"].map(rank).fillna(len(rank))
    if "year" in frame.columns:
        keys["_y"] = pd.to_numeric(frame["year"], errors="coerce")
    if not keys:
        return frame
    order = pd.DataFrame(keys, index=frame.index).sort_values(list(keys), kind="mergesort").index
    return frame.loc[order].reset_index(drop=True)


def _formats_by_indicator(frame: pd.DataFrame, indicators: pd.DataFrame | None) -> list[str]:
    table = {}
    if indicators is not None and "indicator_id" in indicators.columns:
        table = {r["indicator_id"]: number_format_for(r) for _, r in indicators.iterrows()}
    if "indicator_id" not in frame.columns:
        return ["#,##0.00"] * len(frame)
    return [table.get(i, "#,##0.00") for i in frame["indicator_id"]]


def _outcomes_in_words(s: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A milestone whose year's figure is in shows its outcome in words and no projection,
    one whose year is past without it says which figure is missing, as on the landing page
    and in the brief: the summary printed "100%" beside a preliminary figure and repeated the
    actual as "projected"."""
    from .views import graded_on, no_own_figure, p_meet_text, provisional_outcome, settled

    if s.empty or not {"p_meet", "projected"} <= set(s.columns):
        return s
    s = s.astype({"p_meet": object, "projected": object})
    derived = [c for c in ("projected_lo_80", "projected_hi_80", "projected_gap",
                           "projected_gap_pct") if c in s.columns]  # fmt: skip
    for i, r in zip(s.index, s.to_dict("records"), strict=True):
        r.setdefault("caveat", "")  # the summary has no † column
        if settled(r) and pd.notna(r["p_meet"]):
            # a provisional outcome's words stand in 状态说明 beside the status: "—" here,
            # as on the page (the two columns repeated them: the diff review)
            s.at[i, "p_meet"] = (labels.label("fmt.missing", lang) if provisional_outcome(r)
                                 else p_meet_text(r, lang))  # fmt: skip
            s.at[i, "projected"] = labels.label("fmt.figure_in", lang)
            s.loc[i, derived] = np.nan
        elif no_own_figure(r) is not None and (graded_on(r) is None or pd.isna(r["p_meet"])):
            # a year gone by: its figure is owed, and any probability is a forecast of it; a
            # grade on earlier figures keeps its number (the likelihood column says the year)
            s.at[i, "p_meet"] = p_meet_text(r, lang)
    return s


def _summary_sheet(
    summary, indicators, lang, checks=None, reliability=None, flows=None, rates=None
) -> tuple[pd.DataFrame, list[str]]:
    # planner-facing: the name first, the codes (status, indicator) last
    # the status beside the name and milestone (it stood 23rd of 26, printed on page 2)
    cols = [
        "name", "section", "unit", "milestone_year", "status", "status_note", "comparison",
        "target", "plan_target",
        "baseline_year", "baseline_value", "plan_baseline_value", "latest_year", "latest_value",
        "latest_status", "expected_on_path", "expected_by_as_of", "other_figures",
        "progress_share", "time_share", "actual_cagr", "required_cagr_from_latest", "best_growth",
        "projected", "projected_lo_80", "projected_hi_80",
        "projected_gap", "projected_gap_pct", "p_meet", "p_meet_words", "p_meet_note",
        "departments",
        "status_code", "indicator_id",
    ]  # fmt: skip
    s = _lang_columns(summary if summary is not None else pd.DataFrame(), lang, ["name", "section"])
    for col in ("plan_target", "plan_baseline_value"):  # a column only when a target or a
        if col in s.columns and s[col].isna().all():  # baseline was re-based
            s = s.drop(columns=col)
    if not s.empty and "indicator_id" in s.columns:
        s["p_meet_note"] = p_meet_notes(s, reliability or {}, lang)
        s["p_meet_words"] = p_meet_words(s, lang)
    s = _outcomes_in_words(s, lang)
    if (
        indicators is not None
        and {"indicator_id", f"unit_{lang}"} <= set(indicators.columns)
        and ("indicator_id" in s.columns)
    ):  # the unit of the figures (a growth-rate target prints its own "%/yr")
        ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
        s["unit"] = s["indicator_id"].map(ind[f"unit_{lang}"])
        if "kind" in ind.columns:  # the target column of a rate target is a rate, not 亿元
            rate = s["indicator_id"].map(ind["kind"]).eq("growth_rate")
            s.loc[rate, "unit"] = [labels.label("xlsx.unit_rate_target", lang, unit=u,
                                                rate=RATE_UNIT[lang])
                                   for u in s.loc[rate, "unit"]]  # fmt: skip
        # what the page and the brief say beside a row: a flow's other years, the growth
        # figures of a growth-rate target (the workbook had neither)
        from .views import other_years_words, rate_words

        s = _mark_inferred(s, indicators, lang)

        sep = labels.label("brief.item_sep", lang)
        s["other_figures"] = [
            sep.join(w for w in (other_years_words(r, flows, lang), rate_words(r, rates, lang))
                     if w)
            for r in s.assign(unit=s["indicator_id"].map(ind[f"unit_{lang}"])).to_dict("records")
        ]  # fmt: skip
    if "status" in s.columns:
        from .views import status_lines

        # beside the status, as the page and the brief say it under it: the year graded on,
        # what a grade leaves out and would turn it, whether the outcome is provisional (it
        # stood in the likelihood columns, twenty to the right: the planner's review)
        under = [status_lines(r, lang) if "milestone_year" in r else []
                 for r in s.to_dict("records")]  # fmt: skip
        s["status_code"] = s["status"]
        s["status"] = [
            labels.status_label(c, lang) if c in labels.STATUS_CODES else c for c in s["status"]
        ]
        # in a column of their own: in the status cell they made "未达标" read three ways to a
        # filter and to COUNTIF (the diff review)
        s["status_note"] = ["\n".join(lines) for lines in under]
    if "latest_status" in s.columns:  # a preliminary or estimated latest figure says so
        s["latest_status"] = [
            labels.obs_status_label(c, lang) if c in labels.OBS_STATUS_CODES else c
            for c in s["latest_status"]
        ]
        if checks is not None and len(checks) and {"indicator_id", "latest_year"} <= set(s):
            from .views import earlier_word, verify_flags

            # a latest figure that looks wrong says so, as do one the pace rests on and an
            # observed baseline (the page and the brief marked it; the workbook did not)
            sep = labels.label("fmt.list_sep", lang)
            flags = verify_flags(s, checks)
            words = [[labels.label("fmt.to_verify", lang) if f else None, earlier_word(e, lang),
                      labels.label("fmt.baseline_to_verify", lang) if b else None]
                     for f, e, b in zip(flags["to_verify"], flags["earlier_to_verify"],
                                        flags["baseline_to_verify"], strict=True)]  # fmt: skip
            s["latest_status"] = [sep.join([v, *[w for w in ws if w]]) if isinstance(v, str) else v
                                  for v, ws in zip(s["latest_status"], words, strict=True)]  # fmt: skip
    if {"actual_cagr", "kind"} <= set(s.columns):  # a yearly flow is judged year by year:
        s["actual_cagr"] = s["actual_cagr"].mask(s["kind"].eq("flow"))  # no pace, as the page
    frame = _pick(s, cols)
    if {"required_cagr_from_latest", "status_code"} <= set(frame.columns):
        # a settled outcome needs no pace (the page prints "—" there too)
        settled = frame["status_code"].isin(["achieved", "missed"])
        # nor one past the level its target asks for (the page says "保持即可"), whose
        # negative "needed" read as a requirement to shrink
        from .views import needs_change

        past = [not needs_change(r) for r in frame.to_dict("records")]
        frame["required_cagr_from_latest"] = frame["required_cagr_from_latest"].mask(
            settled | pd.Series(past, index=frame.index))  # fmt: skip
    if "projected_gap_pct" in frame.columns:  # per cent of the target → a share of 1
        frame["projected_gap_pct"] = pd.to_numeric(frame["projected_gap_pct"]) / 100
    # a column no row fills is left out (at the final evaluation "expected on path" and the
    # change still needed printed a page of empty columns: the final-evaluation review)
    empty = [c for c in _SUMMARY_OPTIONAL if c in frame.columns and frame[c].map(_blank).all()]
    frame = frame.drop(columns=empty) if len(frame) else frame
    return frame, _formats_by_indicator(frame, indicators)


#: Summary columns left out when no row fills them (:func:`_summary_sheet`); the others
#: (name, milestone, status, target, the latest figure, departments, codes) always stand.
_SUMMARY_OPTIONAL = (
    "expected_on_path", "expected_by_as_of", "other_figures", "progress_share", "time_share",
    "actual_cagr", "required_cagr_from_latest", "best_growth", "projected", "projected_lo_80",
    "projected_hi_80", "projected_gap", "projected_gap_pct", "p_meet_note", "status_note",
)  # fmt: skip


def _blank(value) -> bool:
    """Whether a cell holds nothing: missing, or text of spaces only."""
    return (isinstance(value, str) and not value.strip()) or (
        not isinstance(value, str) and pd.isna(value))  # fmt: skip


def growth_formats(frame: pd.DataFrame, indicators: pd.DataFrame | None, lang: str) -> dict:
    """``{(row position, column): format}`` of the summary's yearly changes
    (``actual_cagr``, ``required_cagr_from_latest``, ``best_growth``) in each row's
    ``growth_unit``, as the
    page prints them: "+3.3%/年" (a rate), "+0.44个百分点/年" (a share's points), "+80家/年"
    (a count's units, in the indicator's decimals; "+80 firms/yr" in English)."""
    cols = [c for c in ("actual_cagr", "required_cagr_from_latest", "best_growth")
            if c in frame.columns]  # fmt: skip
    if not cols or "growth_unit" not in frame.columns:
        return {}
    per_year = labels.label("fmt.per_year", lang, value="")
    points = labels.label("brief.growth_pp", lang, value="").strip()
    gap = "" if lang == "zh" else " "  # "+0.44个百分点/年", "+0.44 pp/yr", as the page prints
    from .views import unit_by_id

    units = {} if indicators is None else unit_by_id(indicators, lang).to_dict()
    decimals = _formats_by_indicator(frame, indicators)
    out = {}
    for i, (g, fmt) in enumerate(zip(frame["growth_unit"], decimals, strict=True)):
        if g == "%/yr":
            body = ["+0.0%", "-0.0%", "0.0%"]
            tail = per_year
        elif g == "pp/yr":
            body = ["+0.00", "-0.00", "0.00"]
            tail = f"{gap}{points}{per_year}"
        else:  # units a year, in the indicator's own decimals
            number = fmt.split(";")[0]
            body = [f"+{number}", f"-{number}", number]
            unit = units.get(frame["indicator_id"].iloc[i], "")
            tail = f"{gap}{unit}{per_year}" if isinstance(unit, str) and unit else per_year
        text = ";".join(f'{b}"{tail}"' for b in body)
        for col in cols:
            out[(i, col)] = text
    return out


def progress_formats(frame: pd.DataFrame, lang: str) -> dict:
    """``{(row position, "progress_share"): format}`` of the summary's progress shares that
    are measured from a first figure after the plan's base year (:func:`views.progress_from`):
    the share with the start after it, "56%（自2023年起算）" / "56% (from 2023)", as the
    dashboard names it beside the bar; the cell keeps its number. The column held 56%, 167%
    and 117% from 2023 among shares from the plan's 2020 baselines without a word (the
    planner's review)."""
    from .views import progress_from

    if "progress_share" not in frame.columns:
        return {}
    out = {}
    for i, row in enumerate(frame.to_dict("records")):
        start = progress_from(row)
        if start is not None:
            words = labels.label("legend.path_from", lang, year=start)
            out[(i, "progress_share")] = f'{_progress_format(row["progress_share"])}"{words}"'
    return out


def _mark_inferred(frame: pd.DataFrame, indicators: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """Departments the plan names for a related measure only (``views.inferred_departments``)
    marked so, on a line of their own, as the page marks them."""
    from .views import inferred_departments

    if indicators is None or not {"departments", "indicator_id"} <= set(frame.columns):
        return frame
    inferred = inferred_departments(indicators)
    said = labels.label("fmt.departments_inferred", lang).strip()
    out = frame.copy()
    out["departments"] = [f"{d}\n{said}" if isinstance(d, str) and inferred.get(i) else d
                          for d, i in zip(out["departments"], out["indicator_id"], strict=True)]  # fmt: skip
    return out


def p_meet_words(rows: pd.DataFrame, lang: str) -> list[str]:
    """Each row's probability in the graded words the page and the brief print beside it
    ("约各半", "缺2023年数据"): the workbook printed 61 % and 54 % bare while its notes ask to
    read the words, not the percent (the report writer's review). "" where there is no
    probability, and for an outcome (:func:`views.settled`), whose probability cell holds
    its words."""
    from .views import grade_lines, no_own_figure, settled

    out = []
    for r in rows.to_dict("records"):
        p = r.get("p_meet")
        if settled(r):  # an outcome: the probability cell says it in words already (the
            # two columns repeated "初步结果，待正式数": the planner's re-read)
            out.append("")
        elif p is None or (isinstance(p, float) and math.isnan(p)):
            year = no_own_figure(r)
            out.append(labels.label("fmt.no_own_figure", lang, year=year) if year else "")
        else:  # the page's graded words, without the backtests' (the note column says them)
            out.append(grade_lines({**r, "reliability": None}, lang)[0])
    return out


def p_meet_notes(rows: pd.DataFrame, reliability: dict[str, str], lang: str) -> list[str]:
    """What to keep in mind of each row's probability, as the landing page and the brief say
    it beside or under it (the workbook's summary printed it bare): the † of a forecast
    that parts from the series' own course (:func:`gaps.forecast_caveat`) and what the
    backtests of the same indicator's series say of it (``reliability``,
    :func:`views.reliability_keys`: may be too low, too high, or both ways). "" for a row
    whose probability is no forecast (:func:`views.forecast_probabilities`) or that needs
    no word."""
    from .gaps import forecast_caveat
    from .views import forecast_probabilities

    sep = labels.label("brief.item_sep", lang)
    out = []
    for r, forecast in zip(rows.to_dict("records"), forecast_probabilities(rows), strict=True):
        words = []
        if forecast:
            if (caveat := forecast_caveat(r)) is not None:
                words.append("† " + labels.label(f"landing.caveat.{caveat[0]}", lang))
            if (key := reliability.get(r["indicator_id"], "ok")) in ("low", "high", "mixed"):
                words.append(labels.label(f"xlsx.reliability.{key}", lang))
        out.append(sep.join(words))
    return out


def _with_names(frame: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """The indicator's name first and its id last, as the summary and targets sheets have
    them: the data sheets led with English codes (tech_smes) repeated on every printed page
    of the Chinese workbook (the report writer's review); a code last is left out of the
    print area (``_print_setup``)."""
    out = _with_field(frame, ind, "name", after="indicator_id")
    if "indicator_id" not in out.columns:
        return out
    first = [c for c in ("name",) if c in out.columns]
    rest = [c for c in out.columns if c not in (*first, "indicator_id")]
    return out[[*first, *rest, "indicator_id"]]


def _with_units(frame: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """Insert the indicator's unit after its name: a path or forecast of 54.03 printed bare
    (亿元? 件/万人?) where the other sheets say it."""
    return _with_field(frame, ind, "unit", after="name")


def _with_field(frame: pd.DataFrame, ind: pd.DataFrame, field: str, *, after: str) -> pd.DataFrame:
    """Insert the registry's ``field`` of each row's indicator right after column ``after``
    (unchanged when either is missing, or ``field`` is there already)."""
    if ({"indicator_id", after} - set(frame.columns)) or field not in ind.columns or field in frame:
        return frame
    values = ind.drop_duplicates("indicator_id").set_index("indicator_id")[field]
    out = frame.copy()
    out.insert(out.columns.get_loc(after) + 1, field, out["indicator_id"].map(values))
    return out


def _region_names(frame: pd.DataFrame, regions: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """Registered regions by their name in ``lang`` (廊坊市, Langfang), not their code.

    Codes that are not in ``regions`` (or all of them, without a registry) stay as they are.
    """
    if regions is None or "region" not in frame.columns or f"name_{lang}" not in regions:
        return frame
    names = regions.drop_duplicates("region").set_index("region")[f"name_{lang}"]
    out = frame.copy()
    out["region"] = out["region"].map(names).fillna(out["region"])
    return out


def _status_fills(ws: Worksheet, frame: pd.DataFrame) -> None:
    if "status_code" not in frame.columns or "status" not in frame.columns:
        return
    col = list(frame.columns).index("status") + 1
    for i, code in enumerate(frame["status_code"], start=2):
        fill = style.STATUS_FILLS.get(code)
        if fill:
            ws.cell(row=i, column=col).fill = PatternFill("solid", fgColor=fill)


def _workbook_bytes(wb: Workbook) -> bytes:
    """Serialise ``wb`` with fixed properties, then re-pack the zip with fixed timestamps."""
    stamp = dt.datetime.fromisoformat(config.FIXED_TIMESTAMP)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps `modified` with the current time
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return deterministic_zip(raw.getvalue())


def deterministic_zip(data: bytes) -> bytes:
    """Re-pack an Office (OOXML) zip with fixed entry dates, attributes and compression.

    ``[Content_Types].xml`` comes first (as Office writes it), then the writer's own stable
    order; every entry is dated ``ZIP_DATE_TIME``. Used for the workbook and the Word brief.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        infos = sorted(src.infolist(), key=lambda i: i.filename != "[Content_Types].xml")
        for info in infos:
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def write_results_workbook(results, path: str | os.PathLike[str], *, lang: str = "zh") -> Path:
    """Write a run's workbook from its results, exactly as ``langfang-metrics run`` does.

    Parameters
    ----------
    results : compute.Results
        The computed tables (``compute.load_results``).
    path : path-like
    lang : {"zh", "en"}

    Returns
    -------
    Path

    Notes
    -----
    One call for the run and notebook 05: the notebook's own call left out the region names,
    and its workbook said ``langfang`` where the run's says 廊坊市.
    """
    from .gaps import flow_years, rate_years
    from .registry import load_regions
    from .views import known_by_method, reliability_keys, reliability_note

    r = results
    events = getattr(r, "events", None)
    # what the backtests count, then what they say of the targets, as the page says it
    reliability = reliability_note(r, lang, where="notes")
    # the finals owed for preliminary figures and estimates too, as the brief and the request
    # workbooks ask for them (the sheet had left them out), said as such
    owed = coverage.owed_of(r)
    final = owed["held_status"].isin(coverage.PROVISIONAL)
    owed.loc[final, "held_status"] = [
        labels.label("landing.final_owed_kind", lang, status=labels.obs_status_label(c, lang))
        for c in owed.loc[final, "held_status"]
    ]
    owed["department_notes"] = notes_by_cell(owed, getattr(r, "department_notes", None), lang)
    return write_workbook(path, summary=r.gaps, indicators=r.indicators, targets=r.targets,
                          observations=r.observations, trajectories=r.trajectories,
                          forecasts=r.forecasts, accuracy=r.accuracy, lang=lang,
                          missing=owed, regions=load_regions(),
                          checks=getattr(r, "checks", None),
                          files=getattr(r, "inputs", ()),
                          reliability=reliability_keys(events, r.gaps),
                          reliability_note=reliability,
                          fiscal=getattr(r, "fiscal_exposure", None),
                          planning=getattr(r, "planning", None),
                          flows=flow_years(r.indicators, r.targets, r.observations,
                                           as_of=r.as_of),
                          rates=rate_years(r.indicators, r.targets, r.observations,
                                           as_of=r.as_of),
                          known_by=known_by_method(r))  # fmt: skip


def notes_by_cell(owed: pd.DataFrame, notes: pd.DataFrame | None, lang: str) -> list[str]:
    """The departments' notes (``datarequest.department_notes``) on each row of ``owed``
    (indicator × year), one a line: ``市统计局：2024年数据尚未发布`` ("" where none)."""
    said: dict[tuple[str, int], list[str]] = {}
    for n in (notes if notes is not None else pd.DataFrame()).itertuples(index=False):
        said.setdefault((n.indicator_id, int(n.year)), []).append(
            labels.label("col.said_by", lang, department=getattr(n, f"department_{lang}"),
                         note=n.note))  # fmt: skip
    return ["\n".join(said.get((i, int(y)), [])) for i, y in
            zip(owed["indicator_id"], owed["year"], strict=True)]  # fmt: skip


def write_workbook(
    path: str | os.PathLike[str],
    *,
    summary: pd.DataFrame,
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    observations: pd.DataFrame,
    trajectories: pd.DataFrame | None = None,
    forecasts: pd.DataFrame | None = None,
    accuracy: pd.DataFrame | None = None,
    lang: str = "zh",
    missing: pd.DataFrame | None = None,
    regions: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
    files: Sequence[str] = (),
    reliability: dict[str, str] | None = None,
    reliability_note: str = "",
    fiscal: pd.DataFrame | None = None,
    flows: pd.DataFrame | None = None,
    rates: pd.DataFrame | None = None,
    planning: pd.DataFrame | None = None,
    known_by: Sequence[tuple[str, dict]] = (),
) -> Path:
    """Write the Excel workbook for report writers, byte-reproducibly and atomically.

    Sheets: 摘要 Summary (gap assessment, status cells filled by status colour), 目标 Targets
    (with clause, quote, departments), 观测 Observations (with sources), 路径 Trajectories,
    预测 Forecasts (with intervals), 规划水平 Planning levels, 回测 Backtest, 待补数据 Missing figures, 待核实 To verify
    (the figures that look wrong, ``checks``; ``files`` the run's inputs, named as a
    publication names them). Headers are
    bilingual ("指标 / Indicator"), the header row and the indicator's name are frozen and the
    header is filtered, numbers are
    formatted by unit (counts ``#,##0``, percentages ``0.0``, money ``#,##0.00``,
    probabilities ``0%``), column widths follow the content (capped at 60; names and
    department lists wrap at 30), departments and registered regions are named in the workbook's
    language. The
    planner-facing sheets (summary, targets) put the name first and the codes last; the data
    sheets keep the id first with the name beside it. Every sheet prints on A4 landscape, one
    page wide, with the header row repeated on each page and page numbers in the footer. Text
    is always stored as text: a cell reading "=1+1" stays the string "=1+1", never a formula.

    Parameters
    ----------
    path : path-like
    summary : DataFrame
        Gap assessment (one row per indicator and milestone).
    indicators, targets, observations : DataFrame
    trajectories, forecasts, accuracy : DataFrame, optional
        Empty sheets (headers only) when missing.
    lang : {"zh", "en"}
        Language of indicator names, sections, units and status labels in the cells.
    missing : DataFrame, optional
        ``coverage.missing_figures``: the sheet 待补数据 Missing figures (indicator × year
        without a series-grade figure, with the departments; ``write_results_workbook``
        adds the finals owed for preliminary figures and estimates, ``coverage.owed_of``,
        and the departments' notes on them, :func:`notes_by_cell`); headers only when missing.
    regions : DataFrame, optional
        ``registry.load_regions``: the observations sheet names registered regions in
        ``lang`` (廊坊市, Langfang); without it, or for an unregistered code, the code.
    reliability : dict, optional
        ``views.reliability_keys``: what the backtests of each target indicator's series say
        of its forecast probability; the summary's note on the probability says it beside
        the † of a forecast that parts from the series' own course (:func:`p_meet_notes`).
    reliability_note : str, optional
        ``views.reliability_reading`` (``flagged_only``): the same in a sentence per target
        with its figures, for the notes sheet, as the landing page says it under its table.
    fiscal : DataFrame, optional
        ``gaps.fiscal_exposure``: the sheet 财政敞口 Fiscal exposure (a note only when
        missing).
    planning : DataFrame, optional
        ``gaps.planning_levels``: the sheet 规划水平 Planning levels, each level with what to
        mind about it (:func:`views.planning_flags`); a note only when missing.
    flows, rates : DataFrame, optional
        ``gaps.flow_years`` and ``gaps.rate_years``: the summary's 其他已报告数字 Other reported
        figures says a yearly flow's other years and a growth-rate target's growth figures, as
        the landing page and the brief do.
    known_by : sequence of (str, dict), optional
        ``views.known_by_method`` of a ``run --known-by``: every page's header says the
        figures are as published by that day, and the notes sheet says how many undated
        figures were counted as known.

    Returns
    -------
    Path
    """
    if lang not in labels.LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    ind = _lang_columns(indicators, lang, ["name", "section", "unit"])
    # the plan's words as it was issued, in simplified characters (the page was captured in
    # traditional ones: a writer could not quote them in a report)
    for col in ("quote", "measure_quote"):
        if col in ind.columns:
            ind[col] = ind[col].map(registry.simplified)
    # and in English the project's translation beside them (an adviser reading English could
    # not check a target against the plan: the English reader's review)
    translated = _translation_columns(ind, lang)
    wb = Workbook()
    wb.remove(wb.active)

    frame, fmts = _summary_sheet(summary, indicators, lang, checks, reliability, flows, rates)
    ws = wb.create_sheet(labels.sheet_name("summary"))
    # the yearly changes in each row's growth unit (the summary's rows are the gap table's)
    growth = {} if summary is None else growth_formats(
        summary.reset_index(drop=True), indicators, lang)  # fmt: skip
    # a progress share from a first figure after the plan's base year says so in its cell
    started = {} if summary is None else progress_formats(summary.reset_index(drop=True), lang)
    # computed levels at the decimals the page prints them: where the path stands, and the
    # projection with its range (its gap to the target alike)
    levels = {
        **level_formats(frame, ("expected_on_path", "expected_by_as_of"), fmts, indicators,
                        summary),
        **level_formats(frame, ("projected", "projected_lo_80", "projected_hi_80"), fmts,
                        indicators, summary, also=("projected_gap",)),
    }  # fmt: skip
    # where the path ends, in its milestone year, it is the target, and reads as the target
    # does ("5" beside a target of 5 %, not "5.00")
    for k, col in [key for key in levels if key[1] == "expected_on_path"]:
        value, goal = frame.at[k, col], frame.at[k, "target"] if "target" in frame else None
        if isinstance(goal, float) and math.isclose(float(value), goal, rel_tol=1e-9):
            levels[k, col] = given_format(fmts[k], goal)
    frame = _range_outwards(frame, levels)
    _write_sheet(ws, frame, row_formats=fmts,
                 cell_formats={**levels, **_rate_targets(frame, indicators, "target", lang),
                               **growth, **started})  # fmt: skip
    _status_fills(ws, frame)

    tg = targets.merge(
        _pick(ind, ["indicator_id", "name", "unit", "section", "clause", "quote", *translated,
                    "measure_clause", "measure_quote", "departments"]),
        on="indicator_id", how="left",
    )  # fmt: skip
    tg = _in_plan_order(tg, indicators, regions)  # the registry sorts its targets by code
    tg = _mark_inferred(tg, indicators, lang)
    if "plan_value" in tg.columns and tg["plan_value"].isna().all():
        tg = tg.drop(columns="plan_value")  # a column only when a target was re-based
    tg = _pick(tg, ["name", "section", "year", "comparison", "value", "plan_value", "unit",
                    "clause", "quote", "quote_en", "measure_clause", "measure_quote",
                    "measure_quote_en", "departments", "indicator_id"])  # fmt: skip
    for col in ("clause", "measure_clause"):  # "Part 4 (3), item 11" in English
        tg[col] = tg[col].map(lambda c: labels.clause_label(c, lang))
    rates = _rate_targets(tg, indicators, "value", lang)
    if "unit" in tg.columns and rates:  # 10 is a rate a year, not 10亿元
        tg.loc[tg.index[[i for i, _ in rates]], "unit"] = RATE_UNIT[lang]
    _write_sheet(wb.create_sheet(labels.sheet_name("targets")), tg,
                 row_formats=_formats_by_indicator(tg, indicators), cell_formats=rates)  # fmt: skip

    from .series import in_series

    obs = observations.assign(in_series=[labels.label("fmt.yes" if v else "fmt.no", lang)
                                         for v in in_series(observations)])  # fmt: skip
    obs = _in_plan_order(obs, indicators, regions)  # Langfang's figures first
    obs = obs.rename(columns={"status": "obs_status"})
    if {"origin_file", "origin_row"} <= set(obs.columns):
        # the file and row each figure came from, by the file's name as the Notes sheet
        # names the inputs: tracing a figure to its return took the processed CSV (the
        # statistician's review)
        from .observations import describe_origin

        files = [str(f) for f in obs["origin_file"].fillna("")]
        names = coverage.published_names(sorted({f for f in files if f}))
        sheets = obs.get("origin_sheet", pd.Series("", index=obs.index)).fillna("").astype(str)
        obs["input_origin"] = [
            describe_origin(coverage.return_named(names.get(f, f), f, lang), sh, row, lang)
            if f and pd.notna(row) else ""
            for f, sh, row in zip(files, sheets, obs["origin_row"], strict=True)
        ]  # fmt: skip
    obs = _typed_words(obs, lang)
    if "source" in obs.columns:  # a gloss the project puts right (coverage.SOURCE_TITLES_EN)
        obs["source"] = obs["source"].map(coverage.source_words)
    if translated and "quote" in obs.columns:  # a baseline the plan states, in its words
        said = registry.plan_translations(indicators)
        obs["quote_en"] = obs["quote"].map(lambda q: said.get(q, "") if isinstance(q, str) else "")
    obs = _pick(obs, ["indicator_id", "region", "year", "value", "unit", "obs_status",
                      "in_series", "source", "url", "published", "accessed", "quote",
                      "quote_en", "note", "input_origin"])  # fmt: skip
    obs = _with_names(obs, ind)
    obs = _region_names(obs, regions, lang)
    if "quote" in obs.columns:  # a baseline quoted from the plan reads as the Targets sheet's
        obs["quote"] = obs["quote"].map(registry.simplified)
    if "quote_en" in obs.columns:  # and our translation under it, in its cell: a column of
        # its own for two figures widened the whole sheet: it printed smaller, on 16 pages for 20
        obs["quote"] = [f"{q}\n{labels.label('fmt.our_translation', lang, text=e)}" if e else q
                        for q, e in zip(obs["quote"], obs.pop("quote_en"), strict=True)]  # fmt: skip
    # dates no figure carries (the shipped figures record neither) print as two empty
    # columns on every page: left out until a file gives one
    empty = [c for c in ("published", "accessed") if c in obs.columns
             and obs[c].fillna("").astype(str).str.strip().eq("").all()]  # fmt: skip
    obs = obs.drop(columns=empty)
    if {"unit", "indicator_id"} <= set(obs.columns):
        # figures are stored in the registry unit (家, 亿元): an English sheet names it in English
        from .views import units_in

        obs["unit"] = units_in(obs, indicators, lang)
    if "obs_status" in obs.columns:
        obs["obs_status"] = [
            labels.obs_status_label(s, lang) if s in labels.OBS_STATUS_CODES else s
            for s in obs["obs_status"]
        ]
    # a figure shows its own decimals and at least its target's: 3 patents per 10,000
    # people beside 3.7 is "3.0", an intensity of 2 beside 1.45 "2.00", as the Summary sheet
    # and the page print them (this sheet printed "3" and "2": the planner's review)
    from .views import decimals_by_indicator

    goals = decimals_by_indicator(targets, indicators)
    ids = obs["indicator_id"] if "indicator_id" in obs.columns else pd.Series(dtype=str)
    _write_sheet(wb.create_sheet(labels.sheet_name("observations")), obs,
                 row_formats=_formats_by_indicator(obs, indicators),
                 goal_decimals=[goals.get(i, 0) for i in ids])  # fmt: skip

    tr = _pick(trajectories, ["indicator_id", "year", "path", "value"])
    if {"indicator_id", "path", "year", "value"} <= set(tr.columns):
        # R&D spending's target path is its 10 % path: one set of rows, the 10 % path's
        # (the sheet listed the same five values twice: the report writer's review)
        tr = tr[~_same_as_rd_path(tr)]
    tr = _with_units(_with_names(tr, ind), ind)
    if "path" in tr.columns:
        tr["path"] = [
            labels.path_label(p, lang) if p in labels.PATH_CODES else p for p in tr["path"]
        ]
    # a path is computed: in its indicator's decimals (9,025 firms, not 9,024.604), at those
    # of the levels beside the latest figure as the page and the charts print it (R&D's
    # 79.1亿元, not 79.11); the baseline it starts from and the target it ends at as published
    tr_formats = _formats_by_indicator(tr, indicators)
    tr_cells = level_formats(tr, ("value",), tr_formats, indicators, summary)
    for k, given in enumerate(_published_on_path(tr, targets, summary)):
        if given:
            tr_cells[k, "value"] = given_format(tr_formats[k], float(tr["value"].iloc[k]))
    _write_sheet(wb.create_sheet(labels.sheet_name("trajectories")), tr, row_formats=tr_formats,
                 cell_formats={(k, "value"): f for k, f in enumerate(tr_formats)} | tr_cells)  # fmt: skip

    fc = _with_units(_with_names(_pick(forecasts, [
        "indicator_id", "year", "method", "as_of", "mean", "lo_80", "hi_80", "lo_95", "hi_95"]),
        ind), ind)  # fmt: skip
    if "method" in fc.columns:  # in words, as the notebooks say them ("growth" was a code)
        fc["method"] = [labels.method_label(m, lang) for m in fc["method"]]
    fc_formats = _formats_by_indicator(fc, indicators)
    if forecasts is not None and not fc.empty:
        # the figures notebook 03 prints (R&D's 2030 range 85.4–136.1, not Excel's 85–136)
        from .views import forecast_decimals

        decimals = forecast_decimals(forecasts, indicators, summary)
        fc, fc_formats = _as_printed(fc, [decimals.get(i, 2) for i in fc["indicator_id"]],
                                     fc_formats)  # fmt: skip
    _write_sheet(wb.create_sheet(labels.sheet_name("forecasts")), fc, row_formats=fc_formats,
                 cell_formats={(k, c): f for k, f in enumerate(fc_formats)
                               for c in ("mean", "lo_80", "hi_80", "lo_95", "hi_95")})  # fmt: skip

    _planning_sheet(wb.create_sheet(labels.sheet_name("planning")), planning, summary,
                    indicators, lang)  # fmt: skip

    acc = _with_units(_with_names(_pick(accuracy, [
        "indicator_id", "method", "smape", "mase", "over_share", "coverage_80", "coverage_95",
        "winkler_80", "winkler_95", "n", "origins"]), ind), ind)  # fmt: skip
    if "method" in acc.columns:  # in words, as the forecasts sheet says them ("growth" was a
        # code, "overall" unexplained)
        acc["method"] = [labels.method_label(m, lang) for m in acc["method"]]
    _write_sheet(wb.create_sheet(labels.sheet_name("backtest")), acc,
                 formats={"smape": "0.000", "mase": "0.000", "winkler_80": "#,##0.00",
                          "winkler_95": "#,##0.00", "over_share": "0%"},
                 empty_note=labels.bilingual("sheet.no_backtests"))  # fmt: skip

    if missing is None:
        missing = pd.DataFrame(columns=coverage.MISSING_COLUMNS)
    ms = _lang_columns(missing, lang, ["name", "unit", "section", "departments"])
    if "held_status" in ms.columns:
        ms["held_status"] = [labels.obs_status_label(s, lang) if s in labels.OBS_STATUS_CODES
                             else s for s in ms["held_status"]]  # fmt: skip
    # the departments asked: the statistics bureau for a statistic, not a responsible one
    ms = ms.rename(columns={"departments": "departments_asked"})
    if "held_source" in ms.columns:
        ms["held_source"] = [coverage.source_words(t)
                             for t in _held_source_words(ms, observations, lang)]  # fmt: skip
    ms = _pick(ms, ["name", "section", "year", "unit", "departments_asked", "held_status",
                    "held_value", "held_source", "department_notes", "indicator_id"])  # fmt: skip
    # a figure held shows at least its target's decimals, as the observations sheet and the
    # page print it: 3 patents per 10,000 people beside 3.7 is "3.0" (it printed "3": the
    # report writer's review)
    held = ms["indicator_id"] if "indicator_id" in ms.columns else pd.Series(dtype=str)
    _write_sheet(wb.create_sheet(labels.sheet_name("missing")), ms,
                 row_formats=_formats_by_indicator(ms, indicators),
                 goal_decimals=[goals.get(i, 0) for i in held])  # fmt: skip

    from .views import checks_for_people

    shown = checks_for_people(checks, indicators, regions=regions, lang=lang, files=files)
    shown.columns = ["name", "region", "years", "value", "check", "where"]
    _write_sheet(wb.create_sheet(labels.sheet_name("checks")), shown,
                 empty_note=labels.bilingual("sheet.no_checks"))  # fmt: skip
    _fiscal_sheet(wb.create_sheet(labels.sheet_name("fiscal")), fiscal, lang)
    _notes_sheet(wb.create_sheet(labels.sheet_name("notes")),
                 notes_rows(summary, observations, files, lang, accuracy=accuracy,
                            reliability_note=reliability_note,
                            definitions=views.definitions(indicators, targets, lang),
                            known_by=known_by, translated=bool(translated),
                            texts=[c for ws in wb.worksheets for line in ws.iter_rows(values_only=True)
                                   for c in line]))  # fmt: skip
    wb.properties.title = labels.report_title(_as_of(summary), lang)
    # every printed page says what it is from and the year its data run to: a sheet handed
    # on its own carried only its name (the report writer's review)
    heading = print_heading(summary, lang, known_by=dict(known_by).get("known_by.method"))
    for ws in wb.worksheets:
        ws.oddHeader.left.text = heading
        ws.oddHeader.left.size = 9
        # at the page's own size: scaled with a sheet fitted to the page's width, the header
        # printed at 4.2 pt in LibreOffice (the print review)
        ws.HeaderFooter.scaleWithDoc = False
    return atomic_write_bytes(path, _workbook_bytes(wb))


def print_heading(summary: pd.DataFrame | None, lang: str, *, known_by=None) -> str:
    """The workbook's title and the year its data run to, as each printed page's header
    says it ("廊坊市…目标监测（数据截至2022年）"); the title alone without a year. With
    ``known_by`` (the fields of ``views.known_by_method``: ``date``) the day the figures are
    as published by follows the year ("…（数据截至2023年，按2024-03-31已公布的数据）"). An
    "&" is doubled: the header's own codes begin with it."""
    year = _as_of(summary)
    title = labels.report_title(year, lang)
    if year is not None and known_by:
        title = labels.label("xlsx.heading_known", lang, title=title, year=year,
                             date=known_by["date"])  # fmt: skip
    elif year is not None:
        title = labels.label("xlsx.heading", lang, title=title, year=year)
    return title.replace("&", "&&")


def _as_of(summary: pd.DataFrame | None) -> int | None:
    """The year the summary's data run to (its latest ``as_of``), None when it gives none."""
    if summary is None or "as_of" not in summary.columns:
        return None
    years = pd.to_numeric(summary["as_of"], errors="coerce").dropna()
    return int(years.max()) if len(years) else None


#: The workbook's sheets, in order, as the notes sheet describes them.
WORKBOOK_SHEETS = ("summary", "targets", "observations", "trajectories", "forecasts",
                   "planning", "backtest", "missing", "checks", "fiscal")  # fmt: skip

#: The fiscal-exposure sheet's columns (``gaps.fiscal_exposure``), in order, and formats:
#: firms whole (a forecast's median keeps its decimal, :func:`_fiscal_sheet`), 万元 whole.
FISCAL_COLUMNS = {
    "year": None, "basis": None, "new_firms": "#,##0", "cum_new_firms": "#,##0",
    "cum_new_lo_80": "#,##0", "cum_new_hi_80": "#,##0", "cost_wan": "#,##0",
    "cost_city_wan": "#,##0", "cost_county_wan": "#,##0", "cum_cost_wan": "#,##0",
    "cum_cost_lo_80_wan": "#,##0", "cum_cost_hi_80_wan": "#,##0",
}  # fmt: skip
#: The fiscal sheet's counts of firms, and its 80 % ranges (empty where no year is a forecast).
FISCAL_FIRMS = ("new_firms", "cum_new_firms", "cum_new_lo_80", "cum_new_hi_80")
FISCAL_RANGES = ("cum_new_lo_80", "cum_new_hi_80", "cum_cost_lo_80_wan", "cum_cost_hi_80_wan")
#: The fiscal sheet's counts of firms that are a forecast's median in a forecast year.
FISCAL_MEDIANS = ("new_firms", "cum_new_firms")


def _fiscal_sheet(ws, fiscal: pd.DataFrame | None, lang: str) -> None:
    """The sheet 财政敞口 Fiscal exposure: the award for newly certified high-tech firms each
    year, actual then forecast, cumulated with its 80 % range (notebook 04's table, whose
    caption sends the reader to the workbook for the full table; the workbook had none).

    Firms are whole where they are counted (a counted increase, spread over years without
    figures too, is in whole firms: :func:`gaps.spread_share`); a forecast's median keeps
    one decimal (87.7), as notebook 04 prints it. A final evaluation's counted firms printed
    "179.0" under one format for both. A range column no year fills is left out, as the
    summary leaves out its empty columns: at the final evaluation the four printed empty
    and put the sheet on two pages (the print review); data/processed keeps them.
    """
    f = fiscal if fiscal is not None else pd.DataFrame(columns=list(FISCAL_COLUMNS))
    provisional = f["provisional"] if "provisional" in f.columns else pd.Series("", f.index)
    f = f[[c for c in FISCAL_COLUMNS if c in f.columns]].reset_index(drop=True)
    if len(f):
        f = f.drop(columns=[c for c in FISCAL_RANGES if c in f.columns and f[c].isna().all()])
    forecast = (
        (f["basis"] == "forecast").to_numpy() if "basis" in f.columns else np.zeros(len(f), bool)
    )
    if "basis" in f.columns:  # a year counted on an estimate says so
        f["basis"] = [labels.basis_words(b, p, lang) if isinstance(b, str) else b
                      for b, p in zip(f["basis"], provisional, strict=True)]  # fmt: skip
    # a forecast year's median by its basis, not its value: one that came out whole (88.0)
    # printed "88" under "87.7" (the diff review); a range's ends where they have decimals
    medians = {(i, c): "#,##0.0" for c in FISCAL_FIRMS if c in f.columns
               for i, v in enumerate(f[c]) if pd.notna(v) and (
                   forecast[i] if c in FISCAL_MEDIANS else value_decimals(float(v), 1))}  # fmt: skip
    _write_sheet(ws, f, formats={c: v for c, v in FISCAL_COLUMNS.items() if v},
                 cell_formats=medians, empty_note=labels.bilingual("sheet.no_fiscal"))  # fmt: skip
    ws.freeze_panes = "B2"  # no indicator column: the year stays in view beside the header


def _planning_sheet(ws, planning: pd.DataFrame | None, summary: pd.DataFrame | None,
                    indicators: pd.DataFrame, lang: str) -> None:  # fmt: skip
    """The sheet 规划水平 Planning levels: ``gaps.planning_levels`` by name, with its unit,
    each level in its indicator's format and the probability as a percent, and a note per
    row saying what to mind (:func:`views.planning_flags`). Notebook 03's caption sent the
    reader to the workbook for the full tables, and the workbook had no planning levels."""
    from .views import planning_decimals, planning_flags

    ind = _lang_columns(indicators, lang, ["name", "unit"])
    columns = ["indicator_id", "year", "probability", "comparison", "level", "as_of"]
    if planning is not None and not set(columns) <= set(planning.columns):
        planning = None  # a frame of other columns: the sheet's headers and its note
    frame = _with_units(_with_names(_pick(planning, columns), ind), ind)
    # the forecast's origin, not the year the data run to that "as_of" heads elsewhere
    frame = frame.rename(columns={"as_of": "forecast_origin"})
    flags = [] if planning is None else planning_flags(planning.reset_index(drop=True), summary,
                                                       indicators, lang=lang)  # fmt: skip
    frame.insert(frame.columns.get_loc("indicator_id"), "note", flags or "")
    formats = _formats_by_indicator(frame, indicators)
    if planning is not None and not frame.empty:
        # the level notebook 03 and the fan chart print: 7 consortia reached with 95 %
        # probability at 7.63, where Excel's half-up display of the float said 8
        decimals = planning_decimals(planning, indicators, summary)
        frame, formats = _as_printed(frame, decimals.tolist(), formats)
    _write_sheet(ws, frame, formats={"probability": "0%"},
                 cell_formats={(k, "level"): f for k, f in enumerate(formats)},
                 empty_note=labels.bilingual("sheet.no_planning"))  # fmt: skip


def _as_printed(frame: pd.DataFrame, decimals: Sequence[int], formats: Sequence[str]):
    """``frame``'s levels (``views.LEVEL_COLUMNS``) rounded as the notebooks print them, each
    row at its ``decimals`` (``views.round_level``: a lower bound down, an upper one up), and
    each row's number format showing exactly those decimals. Returns the frame and formats.

    Excel shows a float half up at its format's decimals, so an unrounded 95 % level of 7.63
    consortia read 8 in the workbook and 7 in notebook 03; the unrounded values are in
    data/processed/*.csv."""
    from .views import LEVEL_COLUMNS, level_way, round_level

    out = frame.copy()
    signs = out["comparison"].tolist() if "comparison" in out.columns else [None] * len(out)
    for col in [c for c in out.columns if c in LEVEL_COLUMNS]:
        out[col] = [v if v is None or pd.isna(v) else round_level(float(v), int(d), level_way(col, c))
                    for v, d, c in zip(out[col], decimals, signs, strict=True)]  # fmt: skip
    shown = [exact_decimals(f, int(d)) for f, d in zip(formats, decimals, strict=True)]
    return out, shown


def exact_decimals(fmt: str, decimals: int) -> str:
    """``fmt`` showing exactly ``decimals`` decimals (``"#,##0.00"``, 0 → ``"#,##0"``)."""
    whole = fmt.partition(".")[0]
    return whole + ("." + "0" * decimals if decimals else "")


#: The summary's projected range: its ends round outwards (``views.level_way`` of the range's
#: ``lo_80``/``hi_80``, as the page rounds them).
RANGE_ENDS = ("projected_lo_80", "projected_hi_80")


def _range_outwards(frame: pd.DataFrame, formats: dict[tuple[int, str], str]) -> pd.DataFrame:
    """``frame`` with the projected range's ends rounded outwards at the decimals their
    ``formats`` show, as the page and the brief print them: Excel shows a float half up, so
    the high-tech range's low end read 1,151 where the page says 1,150 (the forecasts and
    planning sheets store their levels so, :func:`_as_printed`); the unrounded values are in
    data/processed/summary.csv."""
    from .views import level_way, round_level

    out = frame.copy()
    for (k, col), fmt in formats.items():
        value = out.at[k, col] if col in RANGE_ENDS else None
        if isinstance(value, int | float | np.number) and np.isfinite(value):
            way = level_way(col.removeprefix("projected_"), None)
            out.at[k, col] = round_level(float(value), shown_decimals(fmt), way)
    return out


def level_formats(
    frame: pd.DataFrame,
    columns: Sequence[str],
    formats: Sequence[str],
    indicators: pd.DataFrame | None,
    gaps: pd.DataFrame | None,
    *,
    also: Sequence[str] = (),
) -> dict[tuple[int, str], str]:
    """Per numeric cell of ``columns`` (computed levels, one per row of ``frame``), its row's
    format (``formats``) at the decimals :func:`views.decimals_beside_published` gives its
    indicator: the levels read beside the latest published figure of ``gaps``, as the page,
    the brief, the charts and the forecasts and planning sheets print them. ``also``:
    columns shown at the same decimals but not sizing them (a projection's gap to its
    target).

    The summary and paths sheets gave 亿元 the money format's two decimals: R&D's 2025 path
    level printed 79.11 where the page, the brief and the vintage chart say 79.1 beside the
    latest 77.8 (the report writer's review). Cells keep their unrounded values."""
    from .views import decimals_beside_published

    columns = [c for c in columns if c in frame.columns]
    if indicators is None or "indicator_id" not in frame.columns or not columns or frame.empty:
        return {}
    ids = frame["indicator_id"].to_numpy()
    levels = pd.concat(
        [pd.DataFrame({"indicator_id": ids, "level": pd.to_numeric(frame[c], errors="coerce")
                                                      .to_numpy(float)})
         for c in columns],
        ignore_index=True,
    )  # fmt: skip
    # one number per indicator (level_decimals shares it among an indicator's rows)
    decimals = dict(zip(levels["indicator_id"],
                        decimals_beside_published(levels, gaps, indicators), strict=True))  # fmt: skip
    out = {}
    for col in [*columns, *[c for c in also if c in frame.columns]]:
        for k, (iid, value) in enumerate(zip(ids, frame[col], strict=True)):
            if isinstance(value, int | float | np.number) and np.isfinite(value):
                out[k, col] = exact_decimals(formats[k], int(decimals[iid]))
    return out


def _published_on_path(tr: pd.DataFrame, targets: pd.DataFrame | None,
                       summary: pd.DataFrame | None) -> list[bool]:  # fmt: skip
    """Per row of the paths sheet, whether its value is a published figure the path passes
    through: the baseline it starts from or the target it ends at (those keep the decimals
    they were published with, 54.03亿元 and 3.7件/万人, as the targets sheet prints them)."""
    given: dict[tuple[str, int], list[float]] = {}
    pairs = []
    if targets is not None and {"indicator_id", "year", "value"} <= set(targets.columns):
        pairs += zip(targets["indicator_id"], targets["year"], targets["value"], strict=True)
    if summary is not None and {"indicator_id", "baseline_year",
                                "baseline_value"} <= set(summary.columns):  # fmt: skip
        pairs += zip(summary["indicator_id"], summary["baseline_year"],
                     summary["baseline_value"], strict=True)  # fmt: skip
    for iid, year, value in pairs:
        if pd.notna(year) and pd.notna(value):
            given.setdefault((iid, int(year)), []).append(float(value))
    if not {"indicator_id", "year", "value"} <= set(tr.columns):
        return [False] * len(tr)
    return [pd.notna(y) and pd.notna(v) and any(math.isclose(float(v), g, rel_tol=1e-9)
                                                for g in given.get((i, int(y)), []))
            for i, y, v in zip(tr["indicator_id"], tr["year"], tr["value"], strict=True)]  # fmt: skip


def _same_as_rd_path(tr: pd.DataFrame) -> pd.Series:
    """Rows of a required path (``"required"``) that repeat an indicator's 10 % path
    (``"rd_10pct"``) year for year."""
    rd = tr[tr["path"] == "rd_10pct"].set_index(["indicator_id", "year"])["value"]
    out = pd.Series(False, index=tr.index)
    for _, g in tr[tr["path"] == "required"].groupby("indicator_id", sort=False):
        keys = list(zip(g["indicator_id"], g["year"], strict=True))
        if all(k in rd.index for k in keys) and np.allclose(rd.loc[keys].to_numpy(dtype=float),
                                                             g["value"].to_numpy(dtype=float)):  # fmt: skip
            out[g.index] = True
    return out


def notes_rows(
    summary: pd.DataFrame,
    observations: pd.DataFrame,
    files: Sequence[str],
    lang: str,
    *,
    accuracy: pd.DataFrame | None = None,
    reliability_note: str = "",
    definitions: Sequence[tuple[str, str]] = (),
    known_by: Sequence[tuple[str, dict]] = (),
    translated: bool = False,
    texts: Sequence[object] = (),
) -> list[tuple[str, str]]:
    """The rows of the notes sheet, ``(item, text)`` in ``lang``: what the workbook is, the
    year its data run to, the files read, what each sheet holds, which targets' indicators
    have a backtest (``accuracy``; the backtest sheet lists only those that do, and a reader
    could not tell a target left out from one forgotten), how statuses, paths and forecasts
    are made (the brief's methods annex, word for word), how numbers are formatted and where
    the plan's quoted words come from; for a ``run --known-by`` (``known_by``:
    ``views.known_by_method``) the day the figures are as published by and the undated
    figures counted as known, after the year; with ``translated`` (an English workbook with
    the registry's translations of the plan's words), that they are the project's own; in
    English, the abbreviations the other sheets' cells (``texts``) and these rows use, spelt
    out (:func:`_abbreviations`). A
    report writer handed the workbook alone had no word on any of it."""

    def say(key: str, **fields) -> str:
        return labels.label(key, lang, **fields)

    def body(item: str, text: str) -> tuple[str, str]:  # "数据取舍：…" beside 数据取舍, once
        for sep in ("：", ": "):
            if text.startswith(item + sep):
                rest = text[len(item + sep) :]
                return item, rest[:1].upper() + rest[1:]
        return item, text

    rows = [(say("notes.item.title"), labels.report_title(_as_of(summary), lang)),
            body(say("notes.item.basis"), say("plan.basis"))]  # fmt: skip
    years = pd.to_numeric(summary.get("as_of", pd.Series(dtype=float)), errors="coerce")
    if years.notna().any():
        year = int(years.max())
        rows.append((say("index.as_of"), f"{year}年" if lang == "zh" else str(year)))
    # a reconstruction says so where the workbook says what its data are
    if known_by:  # one row: the method and, where any were left out, the figures after it
        from .views import known_by_words

        rows.append(body(say("notes.item.known_by"), known_by_words(list(known_by), lang)))
    names = [str(f) for f in files if f]
    if not names and "origin_file" in observations.columns:
        names = sorted({str(f) for f in observations["origin_file"] if f})
    if names:
        shown = coverage.published_names(names)
        rows.append((say("notes.item.inputs"),
                     "\n".join(dict.fromkeys(coverage.return_named(shown[n], n, lang) for n in names))))  # fmt: skip
    for key in WORKBOOK_SHEETS:
        rows.append((labels.sheet_name(key), say(f"notes.sheet.{key}")))
        if key == "backtest" and accuracy is not None and "indicator_id" in summary.columns:
            said = _backtested(summary, accuracy, lang)
            if reliability_note:  # the row below backtests with longer series: say which
                said += say("notes.backtested_elsewhere")
            rows.append((say("notes.item.backtested"), said))
        if key == "backtest" and reliability_note:  # the probabilities' own backtest
            rows.append((say("notes.item.reliability"), reliability_note))
    levels = say("brief.list_sep").join(f"{lv}%" for lv in config.LEVELS)
    growth = say("brief.m_growth", **views.grading_words())  # as the brief and notebook 04
    rows += [
        body(say("notes.item.series"), say("brief.m_series")),
        body(say("notes.item.paths"), say("brief.m_paths")),
        body(say("notes.item.status"), growth),
        body(say("notes.item.forecast"), say("brief.m_forecast", levels=levels)),
    ]
    # the key to the summary's likelihood words, as the page's legend gives it (the summary
    # printed "about even" beside 61% with no word of the ranges: the print review)
    p_meet = pd.to_numeric(summary.get("p_meet", pd.Series(dtype=float)), errors="coerce")
    if p_meet.notna().any():
        rows.append((say("col.p_meet_words"), labels.likelihood_legend(lang)))
    rows += [
        (say("col.departments"), say("landing.inferred_note")),
        *_department_names(lang),
        (say("notes.item.formats"), say("notes.formats")),
        (say("notes.item.quotes"), say("notes.quotes")),
    ]
    if translated:  # the English beside the plan's words is ours, not the plan's
        rows.append((say("notes.item.translations"), say("notes.translations")))
    if definitions:  # what each specialist indicator counts (:func:`views.definitions`)
        rows.append((say("landing.definitions"), say("notes.definitions")))
        rows += [(name, text) for name, text in definitions]
    rows.append((say("notes.item.more"), say("notes.more")))
    # after the department names' short forms, the abbreviations used anywhere
    spelt = _abbreviations([*texts, *(t for row in rows for t in row)], lang)
    at = next((k + 1 for k, (item, _) in enumerate(rows)
               if item == say("notes.item.department_names")), len(rows))  # fmt: skip
    return rows[:at] + spelt + rows[at:]


def _abbreviations(texts: Sequence[object], lang: str) -> list[tuple[str, str]]:
    """The notes sheet's row spelling out the English abbreviations ``texts`` use
    (``views.abbreviations_spelt``: "IP" in two indicator names, "FYP" and "pp" in the sources'
    notes), beside the department names' row of short forms; none in Chinese, which says
    the words, or where none is used."""
    said = views.abbreviations_spelt(texts, lang)
    return [(labels.label("notes.item.abbreviations", lang), said)] if said else []


def _department_names(lang: str) -> list[tuple[str, str]]:
    """The notes sheet's row spelling out the English department cells' short forms
    (``labels.department_short``); none in Chinese, whose cells give the names in full."""
    if lang == "zh":
        return []
    pairs = "; ".join(f"{short} = {full}" for short, full in labels.department_short_forms())
    return [(labels.label("notes.item.department_names", lang),
             labels.label("notes.department_names", lang, pairs=pairs))]  # fmt: skip


def _backtested(summary: pd.DataFrame, accuracy: pd.DataFrame, lang: str) -> str:
    """Which targets' indicators the backtest sheet scores, and how many it cannot yet."""
    names = dict(zip(summary["indicator_id"], summary[f"name_{lang}"], strict=True))
    done = [names[i] for i in dict.fromkeys(accuracy.get("indicator_id", ())) if i in names]
    left = len(names) - len(done)
    if not done:
        return labels.label("notes.backtested_none", lang, n=left)
    return labels.label("notes.backtested", lang, k=len(done), n=left,
                        names=labels.label("brief.list_sep", lang).join(done))  # fmt: skip


#: Column widths of the notes sheet (item, text).
NOTES_WIDTHS = (24, 100)


def _notes_sheet(ws: Worksheet, rows: list[tuple[str, str]]) -> None:
    """Write the notes sheet: a bilingual header, one wrapped row per item, rows as tall as
    their text (LibreOffice does not re-measure rows on opening), printed as the others."""
    headers = [labels.bilingual("notes.col.item"), labels.bilingual("notes.col.text")]
    for j, (text, width) in enumerate(zip(headers, NOTES_WIDTHS, strict=True), start=1):
        cell = ws.cell(row=1, column=j, value=text)
        cell.data_type = "s"
        cell.font = Font(**config.WORKBOOK_FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        ws.column_dimensions[get_column_letter(j)].width = width
    for i, (item, text) in enumerate(rows, start=2):
        lines = 1
        for j, (value, width) in enumerate(zip((item, text), NOTES_WIDTHS, strict=True), start=1):
            cell = ws.cell(row=i, column=j, value=_clean(value))
            cell.data_type = "s"
            cell.font = Font(**config.WORKBOOK_FONT, bold=j == 1)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            lines = max(lines, wrapped_lines(str(value), width))
        ws.row_dimensions[i].height = row_line_height((str(item), str(text))) * lines
    ws.freeze_panes = "A2"
    fit_landscape(ws, NOTES_WIDTHS)
    ws.print_title_rows = "1:1"
    ws.page_margins = PageMargins(**PRINT_MARGINS)
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.center.text = "&P / &N"
