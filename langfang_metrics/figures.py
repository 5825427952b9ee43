"""The set of report figures: which charts the report contains, in both languages.

Plot functions draw; ``export.save_figure`` writes; this module only decides what goes into
the report and names the files (``<chart>_<indicator>_<lang>.<ext>``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from . import config

LANGS = ("zh", "en")


def charted_indicators(results) -> list[str]:
    """Targeted indicators with at least one home-region observation or a forecast.

    Indicators with no data at all are shown (as such) on the dashboard rather than as an
    empty chart each.
    """
    obs = results.observations
    home = obs[obs["region"] == config.HOME_REGION]["indicator_id"]
    targeted = results.targets["indicator_id"].unique()
    have = set(home) | set(results.forecasts["indicator_id"])
    return [i for i in results.indicators["indicator_id"] if i in have and i in targeted]


def coverage_of(results) -> pd.DataFrame:
    """``coverage.coverage_matrix`` of the targeted indicators, as the report shows it."""
    from . import coverage

    targeted = results.indicators[
        results.indicators["indicator_id"].isin(results.targets["indicator_id"])
    ]
    return coverage.coverage_matrix(results.observations, targeted, as_of=results.as_of)


def figure_specs(results) -> Iterator[tuple[str, callable]]:
    """Yield ``(file stem, draw)`` for every report figure, ``draw(lang)`` returning a Figure."""
    from . import plots

    r = results
    for iid in charted_indicators(r):
        gap = r.gaps[r.gaps["indicator_id"] == iid]
        yield f"trajectory_{iid}", lambda lang, iid=iid, gap=gap: plots.trajectory_chart(
            r.observations, indicator_id=iid, indicators=r.indicators, targets=r.targets,
            trajectories=r.trajectories, forecasts=r.forecasts, gap=gap, lang=lang,
        )  # fmt: skip
    yield (
        "rd_path",
        lambda lang: plots.rd_path_chart(
            r.observations, trajectories=r.trajectories, indicators=r.indicators, lang=lang
        ),
    )
    for year in config.MILESTONE_YEARS:
        if (r.gaps["milestone_year"] == year).any():
            yield (
                f"gap_dashboard_{year}",
                lambda lang, year=year: plots.gap_dashboard(r.gaps, milestone_year=year, lang=lang),
            )
    yield "status_overview", lambda lang: plots.status_overview(r.gaps, lang=lang)
    yield "coverage", lambda lang: plots.coverage_chart(coverage_of(r), r.indicators, lang=lang)
    for (iid, year), _ in r.vintages.groupby(["indicator_id", "milestone_year"]):
        yield f"vintage_{iid}_{year}", lambda lang, iid=iid, year=year: plots.vintage_chart(
            r.vintages, indicator_id=iid, milestone_year=int(year), indicators=r.indicators,
            lang=lang,
        )  # fmt: skip


def _save(fig, name: str, formats, out_dir: Path, cache_dir: Path | None) -> list[Path]:
    """Save one figure; PNG and PDF are reused from the cache when the SVG is unchanged.

    The SVG is byte-deterministic, so its hash (with matplotlib's version and the PNG
    resolution) identifies the drawing: a cached PNG/PDF for the same key is the very file a
    fresh render would write. Rasterising at 300 dpi and embedding CJK fonts in PDF are the
    slow parts of a run; an unchanged chart skips them.
    """
    import hashlib

    import matplotlib

    from .export import PNG_DPI, atomic_write_bytes, save_figure

    if cache_dir is None or "svg" not in formats:
        return save_figure(fig, name, formats, out_dir=out_dir)
    [svg] = save_figure(fig, name, ("svg",), out_dir=out_dir)
    key = hashlib.sha256(svg.read_bytes() + f"{matplotlib.__version__}|{PNG_DPI}".encode())
    written = [svg]
    for fmt in (f for f in formats if f != "svg"):
        cached = cache_dir / f"{key.hexdigest()}.{fmt}"
        if cached.is_file():
            written.append(atomic_write_bytes(out_dir / f"{name}.{fmt}", cached.read_bytes()))
        else:
            [path] = save_figure(fig, name, (fmt,), out_dir=out_dir)
            atomic_write_bytes(cached, path.read_bytes())
            written.append(path)
    return written


def inputs_digest(results) -> str:
    """Digest of everything a report figure depends on: the data, the drawing code, the
    matplotlib version and the CJK font in use.

    Two runs with the same digest draw the same figures byte for byte (tests prove the
    drawing deterministic), so files cached under it can be reused without drawing.
    """
    import hashlib

    import matplotlib

    from . import coverage, export, labels, plots, style
    from .compute import results_digest

    h = hashlib.sha256()
    h.update(results_digest(results, ("observations", "indicators", "targets", "trajectories",
                                      "forecasts", "gaps", "vintages")).encode())  # fmt: skip
    for source in (plots.__file__, style.__file__, labels.__file__, export.__file__,
                   config.__file__, coverage.__file__, __file__):  # fmt: skip
        h.update(Path(source).read_bytes())
    h.update(f"{matplotlib.__version__}|{style.find_cjk_font()}|{export.PNG_DPI}".encode())
    return h.hexdigest()


def report_figures(
    results,
    out_dir: Path,
    *,
    langs=LANGS,
    formats=("png", "svg", "pdf"),
    cache_dir: Path | None = config.FIGURE_CACHE_DIR,
) -> list[Path]:
    """Draw and save every report figure in every language; returns the files written.

    Two cache levels, both under ``cache_dir`` (``None`` renders everything afresh): a figure
    whose inputs are unchanged (``inputs_digest``) is copied without drawing; a drawn figure
    whose SVG is unchanged reuses its PNG and PDF (``_save``).
    """
    import matplotlib.pyplot as plt

    from .export import atomic_write_bytes

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = None
    if cache_dir is not None:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        digest = inputs_digest(results)
    written: list[Path] = []
    for stem, draw in figure_specs(results):
        for lang in langs:
            name = f"{stem}_{lang}"
            cached = (
                [Path(cache_dir) / f"{digest}-{name}.{fmt}" for fmt in formats] if digest else []
            )
            if cached and all(c.is_file() for c in cached):
                written += [atomic_write_bytes(out_dir / f"{name}.{fmt}", c.read_bytes())
                            for fmt, c in zip(formats, cached, strict=True)]  # fmt: skip
                continue
            fig = draw(lang)
            try:
                paths = _save(fig, name, formats, out_dir, cache_dir)
            finally:
                plt.close(fig)
            for path, c in zip(sorted(paths, key=lambda q: formats.index(q.suffix[1:])), cached,
                               strict=False):  # fmt: skip
                atomic_write_bytes(c, path.read_bytes())
            written += paths
    return sorted(written)


def figure_table(paths: list[Path]) -> pd.DataFrame:
    """Files by figure and format, for notebooks and the index page."""
    rows = [{"figure": p.stem, "format": p.suffix.lstrip("."), "path": p} for p in paths]
    return pd.DataFrame(rows, columns=["figure", "format", "path"])
