"""Every path and default of the suite, in one place.

Compute functions and notebooks take their paths and defaults from here, so that moving
the data or changing a threshold is a one-line change (the cookiecutter-data-science habit).
"""

from __future__ import annotations

import os
from pathlib import Path

#: Root of the project checkout (the folder holding ``pyproject.toml``).
PROJ_ROOT = Path(os.environ.get("LANGFANG_METRICS_ROOT", Path(__file__).resolve().parents[1]))

#: Where a run's outputs go under its output root (the project, or ``run --out``): one
#: layout, from which every output path is made (``run --out`` spelt it out again).
PROCESSED_PATH = Path("data") / "processed"
REPORTS_PATH = Path("reports")
#: Sub-folders of the reports folder.
FIGURES_NAME, NOTEBOOK_PAGES_NAME, BENCHMARKS_NAME = "figures", "notebooks", "benchmarks"
#: The processed tables as the landing page links them, from the reports folder.
PROCESSED_LINK = Path(os.path.relpath(PROCESSED_PATH, REPORTS_PATH)).as_posix()

DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = PROJ_ROOT / PROCESSED_PATH
REPORTS_DIR = PROJ_ROOT / REPORTS_PATH
FIGURES_DIR = REPORTS_DIR / FIGURES_NAME
BENCHMARK_REPORTS_DIR = REPORTS_DIR / BENCHMARKS_NAME
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
#: Where notebook 05 writes when run by hand: never reports/, which only ``run`` publishes
#: (files written there by hand were either overwritten unannounced or stopped the next run)
NOTEBOOK_OUTPUT_DIR = PROJ_ROOT / "notebook-output"
#: Caches of the main job (safe to delete; ``LANGFANG_METRICS_CACHE`` moves them).
CACHE_DIR = Path(os.environ.get("LANGFANG_METRICS_CACHE", PROJ_ROOT / ".cache"))
#: Rendered PNG/PDF keyed by the hash of the figure's SVG (see ``figures._save``).
FIGURE_CACHE_DIR = CACHE_DIR / "figures"
#: Notebook pages keyed by a digest of everything they show (see ``notebooks.page_key``).
NOTEBOOK_CACHE_DIR = CACHE_DIR / "notebooks"

PLAN_DIR = RAW_DIR / "plan"
PLAN_TEXT = PLAN_DIR / "plan_as_obtained.txt"
PLAN_TEXT_REPAIRED = PLAN_DIR / "plan_repaired.txt"
#: The repaired text as the plan was issued: simplified characters, full-width punctuation
#: (``registry.simplified_plan``; one character for one, aligned with the repaired copy).
PLAN_TEXT_SIMPLIFIED = PLAN_DIR / "plan_simplified.txt"
PLAN_METADATA = PLAN_DIR / "plan_metadata.csv"
PLAN_REPAIRS = PLAN_DIR / "plan_repairs.csv"

REGISTRY_DIR = RAW_DIR / "registry"
INDICATORS_FILE = REGISTRY_DIR / "indicators.csv"
TARGETS_FILE = REGISTRY_DIR / "targets.csv"
FISCAL_FILE = REGISTRY_DIR / "fiscal_parameters.csv"
REGIONS_FILE = REGISTRY_DIR / "regions.csv"
OBSERVATIONS_FILE = RAW_DIR / "observations.csv"
#: In a run's data/processed and reports: the id of the run they come from. A folder holding
#: it is a run's output, never a return (``observations.input_files`` skips it).
RUN_ID_NAME = ".run-id"

WORKBOOK_NAME = "langfang_metrics.xlsx"
#: The same workbook in the other language (names, sections, statuses, departments, units).
WORKBOOK_NAMES = {"zh": WORKBOOK_NAME, "en": "langfang_metrics_en.xlsx"}

#: The plan's period: baselines are end-2020 figures, the final milestone is 2025.
PLAN_BASE_YEAR = 2020
#: Years an input may name (observations, registry baselines and targets); others are typos.
YEAR_RANGE = (1949, 2100)
PLAN_END_YEAR = 2025
MILESTONE_YEARS = (2023, 2025)

#: Region whose indicators the plan targets.
HOME_REGION = "langfang"
#: Titles of the sheets that hold figures in the workbooks the suite writes: the input
#: template's data sheet and a data request's request sheet. A workbook whose data header
#: was damaged is read (and its problems named) from this sheet, not from a reference sheet
#: that happens to hold more cells (the template's indicator list took the blame).
TEMPLATE_DATA_SHEET = "数据 data"
REQUEST_DATA_SHEET = "征集 request"
#: The hidden defined name a data request records its department and round in
#: ("市科技局|2"): the loader knows a request workbook by it, and reads its request sheet only.
REQUEST_IDENTITY_NAME = "langfang_metrics_request"
#: The author (``dc:creator``) the workbooks the suite writes record in their document
#: properties: with the report's title it tells the results workbook (an output) from a
#: return (``labels.report_titles``), whatever the file is named.
WORKBOOK_CREATOR = "langfang-metrics"

#: Prediction-interval levels of the report's forecasts (percent). Part of the output
#: contract, not a setting: the tables, the workbook, the charts and ``gaps.GAP_COLUMNS``
#: name the columns ``lo_80``, ``hi_80``, ``lo_95``, ``hi_95`` and the reference class was
#: calibrated for these two levels (the code review found that (80, 90) broke the run with a
#: KeyError). ``forecast()`` called directly takes any ``levels=``.
LEVELS = (80, 95)

#: Seed for everything random (bootstrap, synthetic panels); results are reproducible.
SEED = 20211207

#: Observation statuses, and the ones that enter a year-end analysis series (best first).
STATUSES = (
    "final",
    "revised",
    "preliminary",
    "estimate",
    "chained",
    "chained-preliminary",
    "lower-bound",
    "upper-bound",
    "part-year",
    "other-definition",
)
#: ``chained``: a figure of a new definition brought onto the series' own by the ratio of a
#: year given in both (docs/input-format.md, "Re-basing a series after a change of
#: definition"): entered as an estimate, it read as provisional for ever, and the data
#: requests asked departments to relabel it as a final figure (the statistician's review).
#: ``chained-preliminary`` (衔接初步数): one chained from the new definition's preliminary
#: figure, as provisional as that figure: entered as chained, a preliminary 35.0 % chained to
#: 41.3 % met the 2025 target for good and no request asked for the final one (the
#: statistician's review). Each ranks after the same grade on the series' own definition.
SERIES_STATUS_PRIORITY = (
    "revised", "final", "chained", "preliminary", "chained-preliminary", "estimate"
)  # fmt: skip
#: Statuses of a whole year's figure, published once its year is over (an estimate can come
#: before the year ends, a part-year figure or a bound during it): the loader refuses them for
#: a year not over, the page reads a year as over by them, and a year's levels so held
#: outrun an estimate of its growth.
WHOLE_YEAR_STATUSES = ("final", "revised", "chained", "preliminary", "chained-preliminary")
#: Statuses of a figure a final one may still change, whose outcome is provisional and whose
#: final figure the data requests ask for (``coverage.PROVISIONAL``).
PROVISIONAL_STATUSES = ("preliminary", "estimate", "chained-preliminary")
#: Statuses of a figure brought onto the series' definition from a new one's (衔接数, final or
#: preliminary): the chain's checks read both (``observations.CHAIN_STATUSES`` is another
#: thing: the statuses published again as a matter of course).
CHAINED_STATUSES = ("chained", "chained-preliminary")
#: The statuses of one year's figure that each status comes out after, when a figure of both
#: is given: a final after its preliminary, a revision after the figure it revises, a chained
#: final after the chained preliminary it replaces. An undated figure is not known before
#: them (``observations.known_on``). The series' ranking is not this order: a later estimate
#: does not show that a final came after it, nor does one definition's figure date another's
#: (the diff review found both holding an undated figure back).
SUCCEEDS = {
    "final": ("preliminary",),
    "revised": ("final", "preliminary"),
    "chained": ("chained-preliminary",),
}
#: Statuses of a figure that is a bound ("1000余人": at least 1,000). Never in a series; one
#: may decide a milestone year without its own figure (``gaps.deciding_bound``).
BOUND_STATUSES = ("lower-bound", "upper-bound")

#: Growth-test thresholds (Eurostat SDG / Statistics Canada convention).
ON_TRACK_RATIO = 0.95
NEEDS_ACCELERATION_RATIO = 0.6

#: Loader limits (see README, "Input limits").
MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_INPUT_ROWS = 200_000
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_XLSX_EXPANSION_RATIO = 100.0

#: Fixed timestamp written into every output that carries one (byte-identical reruns).
#: It is the date of the plan notice; SOURCE_DATE_EPOCH overrides it for figures.
FIXED_TIMESTAMP = "2021-12-07T00:00:00"

#: A figure this many times larger or smaller than the rest of its series is reported as
#: implausible (a fraction typed for a percentage, a slipped digit), and a target this far
#: from the plan's baseline is refused (a target in another unit).
IMPLAUSIBLE_FACTOR = 10

#: Text width of the Word brief's portrait pages (A4, GB/T 9704 margins 28 and 26 mm): the
#: brief's own figures are drawn this wide, so their labels print at their own size.
BRIEF_TEXT_WIDTH_MM = 210 - 28 - 26

#: The workbooks' cell font, named on every styled cell: a bold header written as
#: ``Font(bold=True)`` names no face, and LibreOffice drew it in a serif fallback beside
#: sans data cells (Excel's own default, Calibri 11, is what unstyled cells use).
WORKBOOK_FONT = {"name": "Calibri", "size": 11, "family": 2, "scheme": "minor"}
SOURCE_DATE_EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "1638835200"))
