"""The set of report figures: which charts the report contains, in both languages.

Plot functions draw; ``export.save_figure`` writes; this module only decides what goes into
the report and names the files (``<chart>_<indicator>_<lang>.<ext>``).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from . import _workers, config

LANGS = ("zh", "en")


def charted_indicators(results, selection=None) -> list[str]:
    """Targeted indicators with at least one home-region observation or a forecast.

    Indicators with no data at all are shown (as such) on the dashboard rather than as an
    empty chart each.

    Parameters
    ----------
    results : compute.Results
    selection : str or sequence of str, optional
        The notebooks' ``selection`` parameter: indicator ids, or names as the registry
        writes them (zh or en, full or short); one name alone is one indicator, not its
        letters. Of these, the ones with data (figures or a forecast), in the order given;
        None or an empty list: every charted indicator.

    Raises
    ------
    ValueError
        A selection naming no known indicator, with the closest id offered (a typo had
        failed cells later, in a chart).
    """
    obs = results.observations
    home = obs[obs["region"] == config.HOME_REGION]["indicator_id"]
    targeted = results.targets["indicator_id"].unique()
    have = set(home) | set(results.forecasts["indicator_id"])
    charted = [i for i in results.indicators["indicator_id"] if i in have and i in targeted]
    if selection is None or (not isinstance(selection, str) and len(selection) == 0):
        return charted  # None or [] (as `selection or ...` read it): every charted one
    return [i for i in _selected_ids(results.indicators, selection) if i in charted]


def _selected_ids(indicators: pd.DataFrame, selection) -> list[str]:
    import difflib

    items = [selection] if isinstance(selection, str) else list(selection)
    by_name = {}
    for col in ("indicator_id", "name_zh", "name_en", "short_zh", "short_en"):
        if col in indicators:
            for iid, name in zip(indicators["indicator_id"], indicators[col], strict=True):
                if isinstance(name, str) and name.strip():
                    by_name.setdefault(name.strip().casefold(), iid)
    ids, unknown = [], []
    for item in items:
        iid = by_name.get(str(item).strip().casefold())
        (ids if iid else unknown).append(iid or str(item))
    if unknown:
        hints = []
        for item in unknown:
            near = difflib.get_close_matches(item, list(indicators["indicator_id"]), n=1)
            hints.append(f"{item!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
        raise ValueError(
            f"selection names no known indicator: {', '.join(hints)}; give indicator ids of "
            "data/raw/registry/indicators.csv (or their names), e.g. ['high_tech_enterprises']"
        )
    return list(dict.fromkeys(ids))


def coverage_of(results) -> pd.DataFrame:
    """``coverage.coverage_matrix`` of the targeted indicators, as the report shows it."""
    from . import coverage

    targeted = results.indicators[
        results.indicators["indicator_id"].isin(results.targets["indicator_id"])
    ]
    return coverage.coverage_matrix(results.observations, targeted, as_of=results.as_of)


#: Stem prefix of figures drawn for the Word brief only (the landing gallery leaves them out):
#: without the title and source line the brief's caption and source line give
#: (:func:`plots.for_caption`).
BRIEF_PREFIX = "brief_"
#: The indicator whose trajectory the Word brief shows.
BRIEF_TRAJECTORY = "high_tech_enterprises"


def dashboard_year(gaps) -> int:
    """The milestone the Word brief's dashboard shows.

    Parameters
    ----------
    gaps : DataFrame
        The gap assessment (``milestone_year`` column).

    Returns
    -------
    int
        The plan's end year when it has gap rows (or there are none), else the latest
        milestone that has.
    """
    years = set(gaps["milestone_year"].dropna().astype(int)) if len(gaps) else set()
    return config.PLAN_END_YEAR if config.PLAN_END_YEAR in years or not years else max(years)


#: A dashboard's height besides its rows, and each row's (inches: ``plots._dashboard_size``).
DASHBOARD_FRAME, DASHBOARD_ROW = 2.4, 0.36
#: The least a row of the brief's dashboard may get (inches): two lines of its 9-point
#: labels (1.2 lines apart: 0.30 in) and a little space between rows. A dashboard drawn at
#: its rows' own height (0.36 in) but taller than its page allows is drawn lower, down to
#: this, rather than cut: 14 rows (10 targets, 4 headings) came in two figures of 6 and 8
#: rows, each with its own axes and legend on a page 40 % empty (the report writer's
#: review).
BRIEF_ROW_LEAST = 0.32


def brief_dashboard_room() -> float:
    """The tallest the brief's dashboard may be drawn (inches): the brief's tallest figure,
    ``brief.MAX_FIGURE_HEIGHT``, or less when the page leaves less beside a caption of two
    lines and a source of three in Chinese (the room :func:`brief.picture_room` gives it, so
    the brief never shrinks the picture and its 9-point labels)."""
    from .brief import MAX_FIGURE_HEIGHT, TEXT_HEIGHT, caption_block

    return min(MAX_FIGURE_HEIGHT, TEXT_HEIGHT - caption_block(2, 3, cjk=True)) / 914400


def brief_dashboard_rows() -> int:
    """Rows (section headings and targets) one dashboard of the Word brief holds: as many as
    fit :func:`brief_dashboard_room` at :data:`BRIEF_ROW_LEAST` a row. With more the brief
    gets its dashboard in parts: one of 22 rows drawn in one piece was scaled to 63 %, its
    9-point labels printed at 5.7."""
    return int((brief_dashboard_room() - DASHBOARD_FRAME) / BRIEF_ROW_LEAST)


def brief_dashboard_height(rows: int) -> float:
    """Height (inches) the brief draws a dashboard of ``rows`` at: its own
    (``plots._dashboard_size``), or the room of its page when that is lower (its rows then
    closer, :func:`brief_dashboard_rows`)."""
    return min(DASHBOARD_FRAME + DASHBOARD_ROW * rows, brief_dashboard_room())


def dashboard_rows(g) -> int:
    """Rows of a dashboard of gap rows ``g``: its targets and a heading for each plan
    section (``section_zh``)."""
    if "section_zh" not in g.columns:
        return len(g)
    sections = g["section_zh"].fillna("").astype(str)
    return len(g) + int(sections[sections != ""].nunique())


def brief_dashboard_stem(year: int, part: int = 1) -> str:
    """File stem of the brief's dashboard of ``year``: ``brief_gap_dashboard_2025``, its
    second part ``brief_gap_dashboard_2025_2``."""
    return f"{BRIEF_PREFIX}gap_dashboard_{year}" + (f"_{part}" if part > 1 else "")


def brief_dashboards(gaps) -> list[tuple[int, object]]:
    """``(milestone year, assessed gap rows)`` of each of the Word brief's dashboards
    (:func:`dashboard_year`), when a target of that milestone has data: drawn at the
    brief's text width with the targets that lack data left out (its text and table list
    them), in one piece when it fits a page (:func:`brief_dashboard_rows`), else in parts
    (:func:`dashboard_parts`), plan sections kept whole where they fit. Empty when none has data (the brief then uses the report's dashboard).

    The report's dashboard is A4 wide and lists all 22 targets; placed on a portrait page
    below its caption it printed its 8-point labels at 5. Only the brief's milestone is
    drawn: a second one was written and used nowhere.
    """
    year = dashboard_year(gaps)
    own = gaps[gaps["milestone_year"] == year]
    assessed = own[own["status"] != "insufficient_data"]
    if not len(assessed):
        return []
    return [(year, part) for part in dashboard_parts(assessed, brief_dashboard_rows())]


def dashboard_parts(g, most: int) -> list:
    """``g`` (gap rows) cut into consecutive parts of at most ``most`` dashboard rows, a
    section heading counting as one (repeated at the top of a part that continues it).

    Of all cuts, the one with the fewest parts; then the fewest sections cut (a section is
    split only when it must be); then the most even (the largest part as small as it can
    be): packing each part full had left a part of 2 rows between parts of 9 and 11.
    """
    if most < 2:  # a heading and one target at least, or no part could hold a row
        raise ValueError(f"most must be 2 rows or more, got {most!r}")
    n = len(g)
    sections = (list(g["section_zh"].fillna("").astype(str)) if "section_zh" in g.columns
                else [""] * n)  # fmt: skip
    # best[i]: (parts, sections cut, largest part, where the last part starts) for the
    # first i rows
    best: list = [(0, 0, 0, 0)] + [None] * n
    for i in range(1, n + 1):
        headings = 0
        for j in range(i - 1, -1, -1):
            headings += j == i - 1 or sections[j] != sections[j + 1]
            size = (i - j) + headings
            if size > most:
                break
            if best[j] is None:
                continue
            cut = int(0 < j and sections[j - 1] == sections[j])  # inside a section
            cand = (best[j][0] + 1, best[j][1] + cut, max(best[j][2], size), j)
            if best[i] is None or cand[:3] < best[i][:3]:
                best[i] = cand
    bounds, i = [], n
    while i:
        bounds.append((best[i][3], i))
        i = best[i][3]
    return [g.iloc[a:b] for a, b in reversed(bounds)]


def _brief_chart_size() -> tuple[float, float]:
    """The brief's line charts (inches): the text width of its pages, and low enough that
    two of them, each with a caption line and a source of three lines, share a page in
    Chinese (``brief.shared_height``). At 3.6 in they did in English only: the Chinese
    captions' taller lines gave figures 3 and 4 half a page each (the report writer's
    review)."""
    import math

    from .brief import shared_height

    # rounded down: a hundredth of an inch more had not shared the page
    return (config.BRIEF_TEXT_WIDTH_MM / 25.4, math.floor(shared_height() / 9144) / 100)


BRIEF_CHART_SIZE = _brief_chart_size()


def figure_specs(results) -> Iterator[tuple[str, callable]]:
    """Yield ``(file stem, draw)`` for every report figure, ``draw(lang)`` returning a Figure.

    The figures of a reconstruction (``results.known_by``: ``run --known-by``) end their
    source lines with the day (:func:`as_published_by`).
    """
    day = getattr(results, "known_by", None)
    for stem, draw in _figure_specs(results):
        # results known now end their lines as drawn, whatever a session loaded before
        yield stem, as_published_by(draw, day)


def as_published_by(draw, day: str | None):
    """``draw(lang)`` whose source line ends "按{day}已公布的数据" / "as published by {day}"
    (``known_by.source``): a chart is exported alone and goes into the brief, and the charts
    of a ``run --known-by`` read as the figures known now. Without a day it ends as drawn,
    even in a session whose results were loaded known by one (``style.charts_known_by``)."""
    from .labels import label
    from .style import source_ending

    def drawn(lang):
        with source_ending(label("known_by.source", lang, date=day) if day else ""):
            return draw(lang)

    return drawn


def _figure_specs(results) -> Iterator[tuple[str, callable]]:
    from . import plots

    r = results

    def trajectory(lang, iid):
        return plots.trajectory_chart(
            r.observations, indicator_id=iid, indicators=r.indicators, targets=r.targets,
            trajectories=r.trajectories, forecasts=r.forecasts,
            gap=r.gaps[r.gaps["indicator_id"] == iid], lang=lang,
        )  # fmt: skip

    def rd_path(lang):
        return plots.rd_path_chart(r.observations, trajectories=r.trajectories,
                                   indicators=r.indicators, lang=lang)  # fmt: skip

    charted = charted_indicators(r)
    for iid in charted:
        yield f"trajectory_{iid}", lambda lang, iid=iid: trajectory(lang, iid)
    yield "rd_path", rd_path
    # the brief's own: captioned there, so without a title and source line of their own
    if BRIEF_TRAJECTORY in charted:
        yield (f"{BRIEF_PREFIX}trajectory_{BRIEF_TRAJECTORY}",
               lambda lang: plots.for_caption(trajectory(lang, BRIEF_TRAJECTORY),
                                              size=BRIEF_CHART_SIZE))  # fmt: skip
    yield (
        f"{BRIEF_PREFIX}rd_path",
        lambda lang: plots.for_caption(rd_path(lang), size=BRIEF_CHART_SIZE),
    )
    for year in config.MILESTONE_YEARS:
        if (r.gaps["milestone_year"] == year).any():
            yield (
                f"gap_dashboard_{year}",
                lambda lang, year=year: plots.gap_dashboard(r.gaps, milestone_year=year, lang=lang),
            )
    width = config.BRIEF_TEXT_WIDTH_MM / 25.4
    for part, (year, assessed) in enumerate(brief_dashboards(r.gaps), start=1):
        size = (width, brief_dashboard_height(dashboard_rows(assessed)))
        yield (
            brief_dashboard_stem(year, part),
            lambda lang, year=year, g=assessed, size=size: plots.for_caption(plots.gap_dashboard(
                g, milestone_year=year, lang=lang, width=width), size=size),
        )  # fmt: skip
    yield (
        "status_overview",
        lambda lang: plots.status_overview(r.gaps, lang=lang, indicators=r.indicators),
    )
    from .coverage import input_files

    files = input_files(r.observations)
    yield (
        "coverage",
        lambda lang: plots.coverage_chart(
            coverage_of(r), r.indicators, lang=lang, files=files, targets=r.targets
        ),
    )
    for iid, year in vintage_keys(r):
        yield (f"vintage_{iid}_{year}",
               lambda lang, iid=iid, year=year: vintage_chart(r, iid, year, lang=lang))  # fmt: skip


def vintage_keys(results) -> list[tuple[str, int]]:
    """``(indicator_id, milestone_year)`` of every vintage chart, sorted: a milestone
    forecast from two vintages or more, or from one once its own figure is in (the forecast
    beside its outcome). A chart of one forecast alone was a single dot that said nothing
    the table does not, and went into the gallery and the figures folder as a report
    figure (the report writer's review)."""
    v = results.vintages
    if v.empty:
        return []
    counts = v.groupby(["indicator_id", "milestone_year"])["as_of"].nunique()
    out = []
    for (iid, year), n in counts.items():
        if n >= 2 or milestone_figure(results.observations, iid, int(year))["actual"] is not None:
            out.append((str(iid), int(year)))
    return out


def vintage_chart(results, indicator_id: str, milestone_year: int, *, lang: str = "zh"):
    """How the forecast of one milestone moved with each vintage (``plots.vintage_chart``),
    with the milestone's own figure once it is in: the report's figure and notebook 03's."""
    from . import plots

    return plots.vintage_chart(
        results.vintages, indicator_id=indicator_id, milestone_year=milestone_year,
        indicators=results.indicators, lang=lang,
        **milestone_figure(results.observations, indicator_id, milestone_year),
    )  # fmt: skip


def milestone_figure(observations: pd.DataFrame, indicator_id: str, year: int) -> dict:
    """The indicator's series figure in ``year`` (a milestone's actual, once in) and its
    status, as ``vintage_chart``'s ``actual`` and ``actual_status`` (None and "" when not
    in); read when a chart is drawn, and by :func:`vintage_keys` for a milestone of one
    vintage only (a cheap lookup of one series)."""
    from .series import best_figures, select_series

    own = select_series(observations, indicator_id)
    if year not in own.index:
        return {"actual": None, "actual_status": ""}
    mine = observations[(observations["indicator_id"] == indicator_id)
                        & (observations["region"] == config.HOME_REGION)
                        & (observations["year"] == year)]  # fmt: skip
    best = best_figures(mine, keys=("indicator_id", "year"))
    status = str(best["status"].iloc[0]) if len(best) else ""
    return {"actual": float(own[year]), "actual_status": status}


#: How PDF files embed fonts, part of the cache key of a cached PDF: a cache filled before CFF
#: fonts were embedded as TrueType (``style.truetype_outlines``) must not be reused.
PDF_FONTS = "truetype"


def _save(
    fig, name: str, formats, out_dir: Path, cache_dir: Path | None, fonts=()
) -> list[Path] | None:
    """Save one figure; PNG and PDF are reused from the cache when the SVG is unchanged.

    The SVG is byte-deterministic, so its hash (with ``export.render_digest``: the save
    settings, the TrueType conversion and the versions of matplotlib, Pillow, fontTools and
    zlib; and the cut-down CJK faces in use, ``fonts``) identifies the drawing: a
    cached PNG/PDF for the same key is the very file a fresh render would write. Rasterising
    at 300 dpi and embedding CJK fonts in PDF are the slow parts of a run; an unchanged
    chart skips them.

    A figure drawn with cut-down faces (``fonts``, ``"svg"`` among ``formats``) must use
    them alone: a PDF orders its fonts by file path, so a chart mixing a cut-down face
    (in the cache folder) with an installed font would change bytes with the cache's
    location. When the SVG shows glyphs of any other font, only the SVG is written and
    ``None`` is returned: the caller draws the figure again with the installed fonts.
    """
    import hashlib

    from .export import atomic_write_bytes, cache_read, cache_write, render_digest, save_figure
    from .style import postscript_names

    if "svg" not in formats or (cache_dir is None and not fonts):
        return save_figure(fig, name, formats, out_dir=out_dir)
    [svg] = save_figure(fig, name, ("svg",), out_dir=out_dir)
    data = svg.read_bytes()
    if fonts and not _glyph_fonts(data) <= postscript_names(fonts):
        return None
    others = [f for f in formats if f != "svg"]
    if cache_dir is None:
        return [svg, *save_figure(fig, name, others, out_dir=out_dir)]
    # the cut-down CJK faces drawn with are part of the key: PDF files embed them
    key = hashlib.sha256(data + f"{render_digest()}|{PDF_FONTS}|"
                         f"{'|'.join(Path(f).name for f in fonts)}".encode())  # fmt: skip
    written = [svg]
    for fmt in others:
        cached = cache_dir / f"{key.hexdigest()}.{fmt}"
        data = cache_read(cached)
        if data is not None:
            written.append(atomic_write_bytes(out_dir / f"{name}.{fmt}", data))
        else:
            [path] = save_figure(fig, name, (fmt,), out_dir=out_dir)
            cache_write(cached, path.read_bytes())
            written.append(path)
    return written


def _glyph_fonts(svg: bytes) -> set[str]:
    """PostScript names of the fonts whose glyphs an SVG (text as paths) draws."""
    import re
    from urllib.parse import unquote

    ids = re.findall(rb'<path id="([^"]+)-[0-9a-f]+"', svg)
    return {unquote(i.decode()) for i in ids}


def inputs_digest(results) -> str:
    """Digest of everything a report figure depends on: the data, the library's code (every
    module: charts format numbers with ``views`` and pick figures with ``series``, so a
    list of drawing modules left edits there out), the matplotlib version and the CJK font.

    Two runs with the same digest draw the same figures byte for byte (tests prove the
    drawing deterministic), so files cached under it can be reused without drawing.
    """
    import hashlib

    import matplotlib

    from . import export, style
    from .compute import results_digest

    h = hashlib.sha256()
    h.update(results_digest(results, ("observations", "indicators", "targets", "trajectories",
                                      "forecasts", "gaps", "vintages")).encode())  # fmt: skip
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.name.encode() + b"\0" + source.read_bytes())
    h.update(f"{matplotlib.__version__}|{style.find_cjk_font()}|{export.render_digest()}".encode())
    return h.hexdigest()


#: Free-text columns charts never draw (long quotes would only enlarge the CJK cut).
_LONG_TEXT = frozenset({"quote", "url", "accessed", "note", "notes"})


def chart_text(results) -> str:
    """Every character the report's charts are likely to draw (each one once).

    The text cells of the result tables (names, units, departments, sources; not quotes,
    notes or links) and the text of the modules charts take their words from (label tables,
    plot code). Used to cut the CJK font down before drawing (``style.cjk_subset_fonts``);
    a chart with a character missed here is drawn with the full font.
    """
    from . import labels, plots, plots_forecast

    seen: set[str] = set()
    for frame in vars(results).values():
        if not isinstance(frame, pd.DataFrame):
            continue
        for col in frame.columns:
            text = frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col])
            if text and col not in _LONG_TEXT:
                for value in frame[col].dropna().unique():
                    seen.update(str(value))
    for module in (labels, plots, plots_forecast):
        seen.update(Path(module.__file__).read_text(encoding="utf-8"))
    return "".join(sorted(seen))


#: Fewer figures than this to draw are drawn in this process: starting a worker (a fresh
#: interpreter importing matplotlib and pandas and reading the results) takes about as long
#: as drawing three figures.
MIN_PARALLEL_FIGURES = 6


def report_figures(
    results,
    out_dir: Path,
    *,
    langs=LANGS,
    formats=("png", "svg", "pdf"),
    cache_dir: Path | None = config.FIGURE_CACHE_DIR,
    jobs: int | None = None,
) -> list[Path]:
    """Draw and save every report figure in every language; returns the files written.

    Two cache levels, both under ``cache_dir`` (``None`` renders everything afresh): a figure
    whose inputs are unchanged (``inputs_digest``) is copied without drawing; a drawn figure
    whose SVG is unchanged reuses its PNG and PDF (``_save``).

    Figures still to draw are shared among up to ``jobs`` worker processes (default: the
    CPUs available; 1 draws them all here; POSIX systems only). Each file has the same
    bytes whichever process draws it. Workers end with the process that started them.
    """
    from . import style
    from .export import atomic_write_bytes, cache_read

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = None
    if cache_dir is not None:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        digest = inputs_digest(results)
    written: list[Path] = []
    pending: list[tuple[str, str]] = []
    for stem, _ in figure_specs(results):
        for lang in langs:
            name = f"{stem}_{lang}"
            cached = (
                [Path(cache_dir) / f"{digest}-{name}.{fmt}" for fmt in formats] if digest else []
            )
            data = [cache_read(c) for c in cached]
            if cached and all(d is not None for d in data):
                written += [atomic_write_bytes(out_dir / f"{name}.{fmt}", d)
                            for fmt, d in zip(formats, data, strict=True)]  # fmt: skip
            else:
                pending.append((stem, lang))
    jobs = min(jobs or _workers.available_cpus(), len(pending))
    parallel = _workers.SUPPORTED and jobs > 1 and len(pending) >= MIN_PARALLEL_FIGURES
    with contextlib.ExitStack() as stack:
        subset: tuple = ()
        # Chinese SVGs and PDFs are always drawn with the cut-down faces (cut once per chart
        # text, then taken from the cache): a chart's bytes must not depend on how many are
        # drawn together, e.g. the few left over by a killed run
        chinese = any(lang == "zh" for _, lang in pending)
        if {"pdf", "svg"} <= set(formats) and chinese:
            fonts = cache_dir or stack.enter_context(tempfile.TemporaryDirectory())
            subset = [(chart_text(results), fonts, face) for face in style.cjk_faces()]
        pool = None
        if parallel:  # the workers cut the CJK faces down too, one face each
            pool = stack.enter_context(_workers.WorkerPool(
                jobs, setup=f"{__name__}:_worker_setup", context=results))  # fmt: skip
            subset = tuple(pool.map(f"{__name__}:_worker_subset", subset))
        else:
            subset = tuple(style.cjk_subset_font(*one) for one in subset)
        args = (out_dir, tuple(formats), None if cache_dir is None else Path(cache_dir), digest,
                subset)  # fmt: skip
        if pool is not None:
            done = pool.map(f"{__name__}:_worker_draw", [(*item, args) for item in pending])
            written += [path for paths in done for path in paths]
        else:
            specs = dict(figure_specs(results))
            for stem, lang in pending:
                written += _draw_one(specs[stem], f"{stem}_{lang}", lang, *args)
    return sorted(written)


def _draw_one(
    draw, name: str, lang: str, out_dir, formats, cache_dir, digest, subset=()
) -> list[Path]:
    """Draw one figure in one language, save it in every format and fill both caches.

    ``subset``: cut-down CJK faces (``style.cjk_subset_fonts``) a Chinese chart is drawn
    with; a chart that needs any other font is drawn again with the installed ones.
    """
    import matplotlib.pyplot as plt

    from .export import cache_write
    from .style import using_cjk_subset

    use = tuple(subset) if lang == "zh" and "svg" in formats else ()
    for fonts in (use, ()) if use else ((),):
        with using_cjk_subset(fonts):
            fig = draw(lang)
            try:
                paths = _save(fig, name, formats, out_dir, cache_dir, fonts)
            finally:
                plt.close(fig)
        if paths is not None:
            break
    if digest is not None:
        for path in paths:
            cache_write(Path(cache_dir) / f"{digest}-{path.name}", path.read_bytes())
    return paths


def _worker_setup(results) -> dict:
    return dict(figure_specs(results))


def _worker_subset(specs, item) -> Path:
    from .style import cjk_subset_font

    return cjk_subset_font(*item)


def _worker_draw(specs, item) -> list[Path]:
    stem, lang, args = item
    return _draw_one(specs[stem], f"{stem}_{lang}", lang, *args)


def figure_table(paths: list[Path]) -> pd.DataFrame:
    """Files by figure and format, for notebooks and the index page."""
    rows = [{"figure": p.stem, "format": p.suffix.lstrip("."), "path": p} for p in paths]
    return pd.DataFrame(rows, columns=["figure", "format", "path"])


def figure_files(paths: list[Path], *, lang: str = "zh") -> pd.DataFrame:
    """The report's figures for a report writer: one row per chart, the files written for
    each language ("trajectory_tech_smes_*" │ "PNG · SVG · PDF" │ "PNG · SVG · PDF"; the
    files are ``<name>_zh.png`` and so on), headers in ``lang``."""
    from .labels import label

    order = {"png": 0, "svg": 1, "pdf": 2}
    t = figure_table(paths)
    parts = t["figure"].str.rsplit("_", n=1)
    t = t.assign(chart=parts.str[0], language=parts.str[1])
    out = {}
    for (chart, language), g in t.groupby(["chart", "language"], sort=True):
        shown = sorted(g["format"], key=lambda f: (order.get(f, 9), f))
        out.setdefault(chart, {})[language] = " · ".join(f.upper() for f in shown)
    return pd.DataFrame({
        label("col.file_stem", lang): [f"{c}_*" for c in out],
        label("col.files_zh", lang): [v.get("zh", "—") for v in out.values()],
        label("col.files_en", lang): [v.get("en", "—") for v in out.values()],
    })  # fmt: skip
