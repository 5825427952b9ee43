"""Shared test set-up: a non-interactive backend and no figure left open (statsmodels habit)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest


@pytest.fixture(autouse=True)
def no_open_figures():
    """Fail a test that leaves figures open (close them so the next test starts clean)."""
    before = set(plt.get_fignums())
    yield
    leaked = set(plt.get_fignums()) - before
    if leaked:
        plt.close("all")
        pytest.fail(f"test left {len(leaked)} matplotlib figure(s) open; close them")


@pytest.fixture(autouse=True)
def charts_as_known_now():
    """Draw the next test's charts as known now: results loaded as known by a day
    (``compute.load_results``) make every chart drawn after them say the day."""
    yield
    from langfang_metrics import style

    style.charts_known_by(None)


@pytest.fixture
def close_figures():
    """Close every figure at the end of a test that builds several."""
    yield
    plt.close("all")


# --------------------------------------------------------------------------- tiny frames
# Synthetic frames of exactly the contracts' shapes (see docs of plots and export).

_SECTIONS = {
    "high_tech_enterprises": ("创新主体", "Innovation actors"),
    "rd_spending": ("创新能力", "Innovation capacity"),
    "high_tech_industry_share": ("产业支撑", "Industrial support"),
}


@pytest.fixture
def indicators() -> pd.DataFrame:
    rows = [
        ("high_tech_enterprises", "高新技术企业数量", "High-tech enterprises", "家", "firms",
         "stock", 2020, 905.0, "市科技局、市財政局"),
        ("rd_spending", "全社会研发经费", "R&D spending", "亿元", "100 million yuan",
         "growth_rate", np.nan, np.nan, "市科技局、市数据和政务服务局"),
        ("high_tech_industry_share", "高新技术产业增加值占比", "High-tech industry share", "%",
         "%", "share", 2020, 35.6, "市發展改革委"),
    ]  # fmt: skip
    df = pd.DataFrame(
        rows,
        columns=["indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "kind",
                 "baseline_year", "baseline_value", "departments"],
    )  # fmt: skip
    df["short_zh"], df["short_en"] = df["name_zh"], df["name_en"]
    df["role"], df["direction"], df["path_shape"] = "target", "increase", "geometric"
    df["section_zh"] = [_SECTIONS[i][0] for i in df["indicator_id"]]
    df["section_en"] = [_SECTIONS[i][1] for i in df["indicator_id"]]
    df["clause"], df["quote"] = "二", "=高新技術企業由905家增長到1500家"
    df["measure_clause"], df["measure_quote"] = "三(二)", "+到2025年達到1500家"
    df["departments_basis"], df["note"] = "stated", "@note"
    return df


@pytest.fixture
def targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["high_tech_enterprises", "high_tech_enterprises", "rd_spending",
                             "high_tech_industry_share"],
            "year": [2023, 2025, 2025, 2025],
            "value": [1300.0, 1500.0, 10.0, 40.0],
            "comparison": ">=",
        }
    )  # fmt: skip


@pytest.fixture
def observations() -> pd.DataFrame:
    rows = [
        ("high_tech_enterprises", 2019, 720.0, "final"),
        ("high_tech_enterprises", 2020, 905.0, "final"),
        ("high_tech_enterprises", 2021, 1050.0, "final"),
        ("high_tech_enterprises", 2022, 1180.0, "preliminary"),
        ("high_tech_enterprises", 2022, 1150.0, "lower-bound"),
        ("high_tech_enterprises", 2023, 1240.0, "estimate"),
        ("rd_spending", 2021, 54.0, "final"),
        ("rd_spending", 2022, 57.1, "final"),
        ("rd_spending", 2023, 61.5, "preliminary"),
    ]
    df = pd.DataFrame(rows, columns=["indicator_id", "year", "value", "status"])
    df.insert(1, "region", "langfang")
    df["unit"] = ["家"] * 6 + ["亿元"] * 3
    df["source"] = "廊坊市统计公报"
    df["url"] = "https://example.org/x"
    df["accessed"] = "2024-05-01"
    df["quote"] = "-5%"
    df["note"] = '=HYPERLINK("http://evil")'
    other = df.iloc[[0]].assign(region="hebei", value=9999.0)
    return pd.concat([df, other], ignore_index=True)


@pytest.fixture
def trajectories() -> pd.DataFrame:
    years = np.arange(2020, 2026)
    req = 905 * (1500 / 905) ** ((years - 2020) / 5)
    return pd.concat(
        [
            pd.DataFrame({"indicator_id": "high_tech_enterprises", "year": years,
                          "path": "required", "value": req}),
            pd.DataFrame({"indicator_id": "rd_spending", "year": years, "path": "rd_10pct",
                          "value": 49.0 * 1.1 ** (years - 2020)}),
        ],
        ignore_index=True,
    )  # fmt: skip


@pytest.fixture
def forecasts() -> pd.DataFrame:
    rng = np.random.default_rng(20211207)
    years = np.array([2024, 2025])
    mean = 1240 * 1.05 ** (years - 2023) + rng.normal(0, 1, 2)
    sd = 40.0 * (years - 2023)
    return pd.DataFrame(
        {"indicator_id": "high_tech_enterprises", "year": years, "method": "ets",
         "as_of": 2023, "mean": mean, "lo_80": mean - 1.28 * sd, "hi_80": mean + 1.28 * sd,
         "lo_95": mean - 1.96 * sd, "hi_95": mean + 1.96 * sd}
    )  # fmt: skip


@pytest.fixture
def gaps(indicators) -> pd.DataFrame:
    rows = []
    spec = {
        ("high_tech_enterprises", 2023): ("needs_acceleration", 0.85, 1.0),
        ("high_tech_enterprises", 2025): ("needs_acceleration", 0.56, 0.6),
        ("rd_spending", 2025): ("insufficient_data", np.nan, 0.6),
        ("high_tech_industry_share", 2025): ("moving_away", -0.2, 0.6),
    }
    for (iid, year), (status, progress, time_share) in spec.items():
        ind = indicators.set_index("indicator_id").loc[iid]
        rows.append(
            {"indicator_id": iid, "milestone_year": year, "target": 1500.0, "comparison": ">=",
             "kind": ind["kind"], "progress_share": progress, "time_share": time_share,
             # a compound path: behind the time elapsed (0.9 of it, as a share of the way)
             "baseline_value": 1000.0, "expected_on_path": 1000.0 + 500.0 * 0.9 * time_share,
             "projected": 1367.0 if iid == "high_tech_enterprises" else np.nan,
             "projected_gap": -133.0 if iid == "high_tech_enterprises" else np.nan,
             "projected_gap_pct": -8.9 if iid == "high_tech_enterprises" else np.nan,
             "p_meet": 0.2, "status": status, "name_zh": ind["name_zh"],
             "name_en": ind["name_en"], "section_zh": ind["section_zh"],
             "section_en": ind["section_en"], "departments": ind["departments"]}
        )  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture
def vintages() -> pd.DataFrame:
    mean = np.array([1300.0, 1420.0, 1390.0, 1367.0])
    sd = np.array([150.0, 110.0, 80.0, 50.0])
    return pd.DataFrame(
        {"indicator_id": "high_tech_enterprises", "as_of": [2020, 2021, 2022, 2023],
         "milestone_year": 2025, "mean": mean, "lo_80": mean - 1.28 * sd,
         "hi_80": mean + 1.28 * sd, "lo_95": mean - 1.96 * sd, "hi_95": mean + 1.96 * sd,
         "target": 1500.0}
    )  # fmt: skip


@pytest.fixture
def accuracy() -> pd.DataFrame:
    return pd.DataFrame(
        {"indicator_id": ["high_tech_enterprises"] * 2, "method": ["ets", "naive"],
         "smape": [0.05, 0.08], "mase": [0.7, 1.0], "coverage_80": [0.8, 0.6],
         "coverage_95": [1.0, 0.9], "winkler_80": [120.5, 180.2],
         "winkler_95": [160.0, 240.0], "n": [4, 4], "over_share": [0.75, 0.5],
         "origins": [2, 2]}
    )  # fmt: skip


# --------------------------------------------------------------------------- chart helpers
def unit_clashes(fig) -> list[str]:
    """What the unit of each axes of ``fig`` (``plots.axis_unit``) runs into once drawn: a title,
    the figure's title, an axis label, a drawn tick label, a text on the axes or the figure,
    a legend, or the figure's edge. A title beside a Chinese unit counts too: the unit takes
    its own line under the title, or the two read as one heading."""
    from langfang_metrics.plots import axis_unit

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    clashes = []
    for ax in fig.axes:
        unit = axis_unit(ax)
        if not unit.get_text():
            continue
        box = unit.get_window_extent(renderer)
        if not fig.bbox.contains(box.x0, box.y0) or not fig.bbox.contains(box.x1, box.y1):
            clashes.append(f"{unit.get_text()!r} leaves the figure")
        titles = [t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
        for title in titles:
            if unit.get_rotation() == 0 and title.get_window_extent(renderer).y0 < box.y1:
                clashes.append(f"title {title.get_text()!r} is not above the unit")
        others = [*titles, fig._suptitle, *fig.texts]
        for other in fig.axes:
            others += [other.xaxis.label, other.yaxis.label, *other.texts]
            for axis in (other.xaxis, other.yaxis):
                lo, hi = sorted(axis.get_view_interval())
                others += [tick.label1 for tick in axis.get_major_ticks()
                           if tick.get_loc() is not None and lo <= tick.get_loc() <= hi]  # fmt: skip
        for text in others:
            if text is not None and text is not unit and text.get_visible() and text.get_text():
                if box.overlaps(text.get_window_extent(renderer)):
                    clashes.append(f"{unit.get_text()!r} overlaps {text.get_text()!r}")
        for legend in [a.get_legend() for a in fig.axes] + list(fig.legends):
            if legend is not None and box.overlaps(legend.get_window_extent(renderer)):
                clashes.append(f"{unit.get_text()!r} overlaps a legend")
    return clashes


# --------------------------------------------------------------------------- registry helpers
def make_obs(rows) -> pd.DataFrame:
    """Langfang observations from ``(indicator_id, year, value, status)`` tuples."""
    return pd.DataFrame(
        [
            {"indicator_id": i, "region": "langfang", "year": y, "value": v, "status": s}
            for i, y, v, s in rows
        ]
    )


def rebased_share(indicators: pd.DataFrame, targets: pd.DataFrame):
    """The high-tech industry share re-based onto a new definition as docs/input-format.md
    says ("Re-basing a series after a change of definition"): baseline 30.2 % for 2020 (the
    plan's 35.6 % in ``plan_baseline_value``), the 2025 target 33.9 % (the plan's 40 % in
    ``plan_value``), and new-definition figures from the revised 2020 on. Returns
    ``(indicators, targets, observations)``; the inputs are left as they are."""
    ind, tg = indicators.copy(), targets.copy()
    share = ind["indicator_id"] == "high_tech_industry_share"
    if "plan_baseline_value" not in ind.columns:  # a frame made without the registry
        ind.insert(ind.columns.get_loc("baseline_value") + 1, "plan_baseline_value", np.nan)
    ind.loc[share, ["baseline_value", "plan_baseline_value"]] = [30.2, 35.6]
    if "plan_value" not in tg.columns:
        tg["plan_value"] = np.nan
    at = (tg["indicator_id"] == "high_tech_industry_share") & (tg["year"] == 2025)
    tg.loc[at, ["value", "plan_value"]] = [33.9, 40.0]
    obs = make_obs([("high_tech_industry_share", 2020, 30.2, "revised"),
                    ("high_tech_industry_share", 2022, 31.5, "final"),
                    ("high_tech_industry_share", 2023, 32.0, "final")])  # fmt: skip
    return ind, tg, obs


def fuller_observations(indicators: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """A synthetic, fuller data set (2020-2023 for every targeted indicator, made here).

    Built from the registry only — never shipped as data — so the pages can be looked at
    and tested the way they will read once departments send their figures: each indicator
    moves from its baseline (or half its target) at one of several speeds, some fast enough,
    some too slow, one falling, so several statuses appear.
    """
    rows = []
    speeds = (0.12, 0.03, 0.2, -0.04, 0.07)
    targeted = indicators[indicators["indicator_id"].isin(targets["indicator_id"])]
    for i, ind in enumerate(targeted.itertuples()):
        goal = float(targets.loc[targets["indicator_id"] == ind.indicator_id, "value"].max())
        start = float(ind.baseline_value) if pd.notna(ind.baseline_value) else goal / 2
        start = start if start > 0 else max(goal / 10, 1.0)
        share = ind.unit_zh == "%"
        for year in range(2020, 2024):
            value = start * (1 + speeds[i % len(speeds)]) ** (year - 2020)
            value = min(value, 95.0) if share else round(value, 2)
            rows.append({"indicator_id": ind.indicator_id, "region": "langfang", "year": year,
                         "value": round(value, 2), "unit": ind.unit_zh, "status": "final",
                         "source": "synthetic test data", "url": "", "accessed": "",
                         "quote": "", "note": ""})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def fuller_observations_file(tmp_path_factory):
    """:func:`fuller_observations` of the shipped registry, written as an input CSV."""
    from langfang_metrics import registry

    path = tmp_path_factory.mktemp("fuller") / "fuller_observations.csv"
    fuller_observations(registry.load_indicators(), registry.load_targets()).to_csv(
        path, index=False
    )
    return path


class _VisibleText(HTMLParser):
    """Text a reader sees in an HTML page (no style, script or tag attributes).

    With ``code=False`` the code of notebook cells (nbconvert's input editors) is left out
    too: what is checked is what the notebook shows, not the Python that makes it.
    """

    _VOID = {"br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source"}

    def __init__(self, code: bool = True):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._code = code
        self._stack: list[bool] = []  # per open element: does it start a skipped region?

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        cls = dict(attrs).get("class") or ""
        skip = tag in ("style", "script") or (not self._code and "jp-InputArea-editor" in cls)
        self._stack.append(skip)
        self._skip += skip

    def handle_endtag(self, tag):
        if tag in self._VOID or not self._stack:
            return
        self._skip -= self._stack.pop()

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str, *, code: bool = True) -> str:
    """The visible text of an HTML page, one chunk per line (``code=False``: no cell code)."""
    parser = _VisibleText(code=code)
    parser.feed(page)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


#: Words that must never be shown to a reader for a missing value.
MISSING_WORDS = re.compile(r"(?<![A-Za-z])(NaN|nan|None|<NA>|NaT)(?![A-Za-z])")


#: The plan's title as quoted, which keeps its own hyphen: "方案（2021-2025年）", and the
#: English title a source in data/raw gives ("Work Plan 2021-2025, draft for comment").
_QUOTED_SPAN = re.compile(r"[（(]2021-2025年[）)]|Work Plan 2021-2025")


def spans_not_in(text: str, lang: str) -> list[str]:
    """Spans of years in ``text`` written with another mark than the language's
    (``labels.SPAN_DASH``), a quoted title of the plan aside."""
    from langfang_metrics.labels import SPAN_DASH

    text = _QUOTED_SPAN.sub("", text)
    # not in a file name ("04-gap-dashboard-2023-2025.ipynb")
    spans = re.findall(r".{0,12}(?<![A-Za-z0-9_-])(?:19|20)\d\d\s*[-–—~～]\s*(?:19|20)\d\d"
                       r"(?![\d.])(?!-\w).{0,4}", text)  # fmt: skip
    return [s for s in spans if not re.search(rf"\d{SPAN_DASH[lang]}\d", s)]


def with_first_figures(results, figures=(("industrial_rd_intensity", 2024, 1.21),
                                         ("tech_commissioners", 2023, 800.0))):  # fmt: skip
    """``results`` recomputed with a first figure, made here, for targets the plan gives no
    baseline, returned after 2020: ``(indicator_id, year, value)`` in the registry unit
    (defaults: a share's 1.21 % of 2024, a count's 800 of 2023, both short of their 2025
    targets)."""
    from langfang_metrics import compute, registry

    obs = results.observations
    one = obs[obs["region"] == "langfang"].iloc[[0]]
    units = results.indicators.set_index("indicator_id")["unit_zh"]
    rows = [one.assign(indicator_id=i, year=y, value=v, unit=units[i], status="final",
                       source="test return", url="", quote="", note="")
            for i, y, v in figures]  # fmt: skip
    return compute.compute_all(registry.load_indicators(), registry.load_targets(),
                               pd.concat([obs, *rows], ignore_index=True),
                               registry.load_fiscal_parameters(), regions=results.regions)  # fmt: skip
