"""Planner-facing tables for the notebooks: selected columns, labelled in Chinese or English.

Notebooks stay thin: they call these functions and display what comes back.
"""

from __future__ import annotations

import pandas as pd

from . import config
from .labels import LABELS, label, status_label

GAP_VIEW = ["name", "milestone_year", "target", "baseline_value", "latest_year", "latest_value",
            "expected_on_path", "progress_share", "time_share", "actual_cagr", "required_cagr",
            "growth_ratio", "projected", "projected_lo_80", "projected_hi_80", "p_meet",
            "required_cagr_from_latest", "best_growth", "status", "departments"]  # fmt: skip


def localise(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rename columns to their labels (``col.<name>``) where the label table has one."""
    return df.rename(
        columns={c: label(f"col.{c}", lang) for c in df.columns if f"col.{c}" in LABELS}
    )


def _name(df: pd.DataFrame, lang: str) -> pd.Series:
    return df["name_zh"] if lang == "zh" else df["name_en"]


def targets_table(
    indicators: pd.DataFrame, targets: pd.DataFrame, *, lang: str = "zh"
) -> pd.DataFrame:
    """Every plan target with baseline, milestones, clause, quote and departments."""
    wide = targets.pivot_table(
        index="indicator_id", columns="year", values="value", aggfunc="first"
    )
    wide.columns = [f"{label('col.target', lang)} {y}" for y in wide.columns]
    ind = indicators[indicators["indicator_id"].isin(targets["indicator_id"])]
    out = pd.DataFrame({
        "indicator": _name(ind, lang).to_numpy(),
        "unit": (ind["unit_zh"] if lang == "zh" else ind["unit_en"]).to_numpy(),
        "baseline_year": ind["baseline_year"].to_numpy(),
        "baseline_value": ind["baseline_value"].to_numpy(),
        "clause": ind["clause"].to_numpy(),
        "quote": ind["quote"].to_numpy(),
        "departments": ind["departments"].to_numpy(),
    }, index=ind["indicator_id"])  # fmt: skip
    return localise(out.join(wide).reset_index(drop=True), lang)


def coverage_table(
    observations: pd.DataFrame, indicators: pd.DataFrame, *, lang: str = "zh"
) -> pd.DataFrame:
    """How many figures we hold per indicator and region, their years and statuses."""
    g = observations.groupby(["indicator_id", "region"])
    out = g.agg(n=("value", "size"), first=("year", "min"), last=("year", "max"),
                statuses=("status", lambda s: ", ".join(sorted(set(s))))).reset_index()  # fmt: skip
    names = indicators.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    out.insert(0, "indicator", out["indicator_id"].map(names))
    return localise(out.drop(columns="indicator_id"), lang)


def gap_table(
    gaps: pd.DataFrame, *, milestone_year: int | None = None, lang: str = "zh"
) -> pd.DataFrame:
    """The planner's view of the gap assessment, statuses in words, rates in percent."""
    g = gaps if milestone_year is None else gaps[gaps["milestone_year"] == milestone_year]
    g = g.assign(name=_name(g, lang), status=g["status"].map(lambda c: status_label(c, lang)))
    out = g.loc[:, GAP_VIEW].rename(columns={"name": "indicator"})
    return localise(out.reset_index(drop=True), lang)


def forecast_table(forecasts: pd.DataFrame, indicators: pd.DataFrame, *, years=config.MILESTONE_YEARS,
                   lang: str = "zh") -> pd.DataFrame:  # fmt: skip
    """Forecasts in the milestone years with their intervals and the method used."""
    f = forecasts[forecasts["year"].isin(years)]
    names = indicators.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    f = f.assign(indicator=f["indicator_id"].map(names)).drop(columns="indicator_id")
    return localise(f.loc[:, ["indicator"] + [c for c in f.columns if c != "indicator"]], lang)


def show(fig) -> None:
    """Display a figure once in a notebook and release it (plot functions never show)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)
