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
    for (iid, year), _ in r.vintages.groupby(["indicator_id", "milestone_year"]):
        yield f"vintage_{iid}_{year}", lambda lang, iid=iid, year=year: plots.vintage_chart(
            r.vintages, indicator_id=iid, milestone_year=int(year), indicators=r.indicators,
            lang=lang,
        )  # fmt: skip


def report_figures(
    results, out_dir: Path, *, langs=LANGS, formats=("png", "svg", "pdf")
) -> list[Path]:
    """Draw and save every report figure in every language; returns the files written."""
    import matplotlib.pyplot as plt

    from .export import save_figure

    written: list[Path] = []
    for stem, draw in figure_specs(results):
        for lang in langs:
            fig = draw(lang)
            try:
                written += save_figure(fig, f"{stem}_{lang}", formats, out_dir=out_dir)
            finally:
                plt.close(fig)
    return written


def figure_table(paths: list[Path]) -> pd.DataFrame:
    """Files by figure and format, for notebooks and the index page."""
    rows = [{"figure": p.stem, "format": p.suffix.lstrip("."), "path": p} for p in paths]
    return pd.DataFrame(rows, columns=["figure", "format", "path"])
