"""The plan's targets, indicators and fiscal parameters, read from ``data/raw/registry``.

The registry is hand-curated from the plan text (``data/raw/plan/plan_repaired.txt``): every
target row carries the clause it comes from, the verbatim sentence, and the departments named
at the end of that clause. These loaders only read and type the tables; they never write.
"""

from __future__ import annotations

import io
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .errors import DataValidationError, Problem
from .labels import zh_brackets

KINDS = ("stock", "share", "density", "growth_rate", "cumulative", "flow")
ROLES = ("target", "context")
COMPARISONS = (">=", ">", "<=", "<")

#: Default path shape per kind: counts, money and densities grow geometrically, shares in
#: percentage points and additions linearly (the registry's ``path_shape`` overrides).
DEFAULT_PATH_SHAPE = {
    "stock": "geometric",
    "density": "geometric",
    "growth_rate": "geometric",
    "share": "linear",
    "cumulative": "linear",
    "flow": "linear",
}

INDICATOR_COLUMNS = (
    "indicator_id", "name_zh", "name_en", "short_zh", "short_en", "unit_zh", "unit_en",
    "kind", "role", "direction", "path_shape", "baseline_year", "baseline_value",
    "section_zh", "section_en", "clause", "quote", "measure_clause", "measure_quote",
    "departments", "departments_basis", "note",
)  # fmt: skip
#: Columns a registry may leave out (an older registry, a test's own): read as empty.
#: ``note_zh``: the note in Chinese, for the departments. ``rate_of``: on an indicator that is
#: the year-on-year growth (in %) of another, that other's id (rd_spending_growth of
#: rd_spending): a growth-rate target is shown with the growth figures held, which its own
#: levels may be too few to judge (one level and "2022 growth 10 % or more" said nothing).
#: ``data_from``: the departments that compile the figure, where they are not the responsible
#: ones (R&D spending and the value-added shares are the statistics bureau's statistics: the
#: data requests went to the tax and finance bureaus, which cannot answer them, and never to
#: the bureau that can: the planner's review), and the one department that certifies the firms
#: a count counts (high-tech enterprises: 市科技局; a figure asked of four departments invited
#: four returns: the final-evaluation review); empty: the responsible departments.
#: ``definition_zh``/``definition_en``: what the indicator counts, in a sentence or two, with
#: the measure that defines it where there is one (the page, the workbook and the data
#: requests left "tech-based SMEs" or "high-value invention patents" unexplained: the English
#: reader's and the officer's reviews); empty where the name says it.
#: ``quote_en``/``measure_quote_en``: the project's own English rendering of ``quote`` and
#: ``measure_quote`` (the English pages and workbook gave the plan's words in Chinese alone,
#: and an adviser reading English could not check a target against the plan: the English
#: reader's review); not the plan's words, and said so wherever they are shown. The loaded
#: table has each beside the quote it renders.
OPTIONAL_INDICATOR_COLUMNS = ("note_zh", "rate_of", "data_from", "definition_zh", "definition_en",
                              "quote_en", "measure_quote_en")  # fmt: skip
#: The registry's English renderings of the plan's words: ``{translation: quote}``, in the
#: indicator registry and (``quote_en`` alone) in the fiscal parameters.
TRANSLATIONS = {"quote_en": "quote", "measure_quote_en": "measure_quote"}
TARGET_COLUMNS = ("indicator_id", "year", "value", "comparison")
#: An optional column of targets.csv: the plan's own figure of a target re-based onto a new
#: definition (docs/input-format.md, "Re-basing a series after a change of definition"). A
#: re-based 33.9 % read as the plan's own beside its words "由35.6%提高到40%" (the
#: statistician's review); the outputs now say "33.9%（按新口径重定；方案原文40%）".
PLAN_VALUE = "plan_value"
#: The same for indicators.csv: the plan's own baseline of an indicator re-based onto a new
#: definition (35.6 % for 2020 beside the re-based 30.2 %). The re-based baseline read as the
#: plan's own, "30.2%（2020年）" beside the plan's "由35.6%提高到40%" (the report writer's
#: review); the outputs now say "30.2%（2020年；按新口径重定，方案原文35.6%）". Optional in
#: the file; the loaded table always has it (NaN where the file has none).
PLAN_BASELINE_VALUE = "plan_baseline_value"


def _read_table(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A registry table as text cells, with a clear problem for a file that is not UTF-8
    CSV text (Excel's "CSV" saves GBK; a workbook saved under a .csv name; an empty file).
    Rows whose cells are all empty (Excel leaves them at the end) are dropped; the row
    numbers of the rest stay those of the file."""
    if not Path(path).is_file():
        raise DataValidationError(
            [Problem(str(path), None, None, "registry file is missing; restore it from git")]
        )
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        zipped = raw[:4] == b"PK\x03\x04"
        why = ("is an Excel workbook saved under a .csv name" if zipped else
               f"is not UTF-8 text (byte {err.start + 1} cannot be read; Excel's plain 'CSV' "
               "saves GBK)")  # fmt: skip
        raise DataValidationError([Problem(str(path), None, None, (
            f"the registry file {why}: save it in Excel as 'CSV UTF-8 (逗号分隔)' "
            "(CSV UTF-8 (Comma delimited)), or restore it from git"))]) from None  # fmt: skip
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                         skip_blank_lines=False)  # fmt: skip
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as err:
        detail = "it is empty" if isinstance(err, pd.errors.EmptyDataError) else str(err)
        raise DataValidationError([Problem(str(path), None, None, (
            f"the registry file cannot be read as a comma-separated table ({detail}); "
            "restore it from git"))]) from None  # fmt: skip
    df = df.fillna("")  # a blank line reads as a row of NaN: dropped below, its number kept
    filled = df.apply(lambda col: col.str.strip() != "").any(axis=1)
    df = df[filled]  # the index keeps each row's place: row i + 2 of the file
    missing = [c for c in columns if c not in df.columns]
    if missing:
        header = ", ".join(repr(c) for c in df.columns)
        semicolons = " (separated by semicolons? use commas)" if ";" in header else ""
        raise DataValidationError([
            Problem(str(path), 1, c, f"required column is missing; the header has {header}"
                    f"{semicolons}") for c in missing])  # fmt: skip
    return df


def _check_numeric(df, path, column, problems, *, required=True, year=False):
    """The column as numbers; a problem for text, infinities and (``year``) anything but a
    whole year in ``config.YEAR_RANGE``. Empty cells are NaN (a problem when ``required``)."""
    values = pd.to_numeric(df[column].replace("", None), errors="coerce")
    lo, hi = config.YEAR_RANGE
    for i, raw, val in zip(df.index, df[column], values, strict=True):
        if pd.isna(val):
            if raw != "" or required:
                problems.append(
                    Problem(str(path), i + 2, column, f"expected a number, got {raw!r}")
                )
        elif not math.isfinite(val):
            problems.append(
                Problem(str(path), i + 2, column, f"expected a finite number, got {raw!r}")
            )
        elif year and (val != int(val) or not lo <= val <= hi):
            problems.append(Problem(str(path), i + 2, column,
                                    f"expected a whole year in {lo}-{hi}, got {raw!r}"))  # fmt: skip
    return values


#: Characters an indicator id cannot hold: it names files (trajectory_<id>_zh.png).
_NOT_IN_IDS = set('/\\:*?"<>|')


def _check_ids(df, path, problems) -> None:
    for i, v in zip(df.index, df["indicator_id"], strict=True):
        if not v.strip() or v != v.strip() or any(c.isspace() for c in v):
            problems.append(Problem(path, i + 2, "indicator_id",
                                    f"an indicator id has no spaces and is not empty, got {v!r}"))  # fmt: skip
        elif bad := sorted(set(v) & _NOT_IN_IDS):
            problems.append(Problem(path, i + 2, "indicator_id", (
                f"an indicator id names files (its charts), so it cannot hold "
                f"{' '.join(bad)}; got {v!r} (use letters, digits and _)")))  # fmt: skip


@lru_cache(maxsize=4)
def _load_indicators_cached(path: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    df = _read_table(Path(path), INDICATOR_COLUMNS)
    problems: list[Problem] = []
    _check_ids(df, path, problems)
    # a baseline cell typed but unreadable ("8,796") is named as such, not also as missing
    given = df[["baseline_year", "baseline_value"]].apply(lambda c: c.str.strip() != "")
    df["baseline_year"] = _check_numeric(df, path, "baseline_year", problems, required=False,
                                         year=True)  # fmt: skip
    df["baseline_value"] = _check_numeric(df, path, "baseline_value", problems, required=False)
    if PLAN_BASELINE_VALUE in df.columns:  # empty where the baseline is the plan's own
        df[PLAN_BASELINE_VALUE] = _check_numeric(df, path, PLAN_BASELINE_VALUE, problems,
                                                 required=False)  # fmt: skip
        problems += _plan_baseline_problems(df, path, typed=given["baseline_value"])
    for col, allowed in (("kind", KINDS), ("role", ROLES), ("direction", ("increase", "decrease")),
                         ("path_shape", ("", "geometric", "linear"))):  # fmt: skip
        for i, v in zip(df.index, df[col], strict=True):
            if v not in allowed:
                shown = ", ".join(repr(a) if a == "" else a for a in allowed)
                problems.append(Problem(path, i + 2, col, f"{v!r} is not one of {shown}"))
    for i, y, v in zip(df.index, df["baseline_year"], df["baseline_value"], strict=True):
        if pd.isna(y) != pd.isna(v) and given.loc[i].sum() < 2:  # named above, not missing
            problems.append(Problem(path, i + 2, "baseline_value" if pd.isna(v) else "baseline_year",
                                    "a baseline needs both its year and its value"))  # fmt: skip
    first_row = {}
    for i, iid in zip(df.index, df["indicator_id"], strict=True):
        if iid in first_row:
            problems.append(Problem(path, i + 2, "indicator_id", (
                f"indicator id '{iid}' is not unique: row {first_row[iid] + 2} has it too")))  # fmt: skip
        first_row.setdefault(iid, i)
    problems += _department_problems(df, path)
    problems += _rate_of_problems(df, path)
    problems += _translation_problems(df, path)
    if problems:
        raise DataValidationError(problems)
    df["path_shape"] = [
        shape or DEFAULT_PATH_SHAPE.get(kind, "linear")
        for shape, kind in zip(df["path_shape"], df["kind"], strict=True)
    ]
    df["baseline_year"] = df["baseline_year"].astype("Int64")
    for col in OPTIONAL_INDICATOR_COLUMNS:
        df[col] = df[col] if col in df.columns else ""
    for col in ("name_zh", "short_zh", "section_zh"):  # "项目（成果）", not "项目(成果)"
        df[col] = df[col].map(zh_brackets)
    columns = list(INDICATOR_COLUMNS + OPTIONAL_INDICATOR_COLUMNS)
    # always a column (NaN where the file has none), as the gap table's plan_target is: a
    # table whose columns depend on the registry's could not be documented column by column
    df[PLAN_BASELINE_VALUE] = (df[PLAN_BASELINE_VALUE].astype(float)
                               if PLAN_BASELINE_VALUE in df.columns else np.nan)  # fmt: skip
    columns.insert(columns.index("baseline_value") + 1, PLAN_BASELINE_VALUE)
    for english, quote in TRANSLATIONS.items():  # each translation beside its quote
        columns.remove(english)
        columns.insert(columns.index(quote) + 1, english)
    return df.loc[:, columns].reset_index(drop=True)


def _plan_baseline_problems(df: pd.DataFrame, path, *, typed: pd.Series) -> list[Problem]:
    """A plan's own baseline (``plan_baseline_value``) beside no baseline: there is nothing
    it was re-based from, and the outputs would say it beside no figure. ``typed``: where a
    baseline cell holds text (one that cannot be read is named as such, not as missing)."""
    out = []
    for i, plan, base_typed in zip(df.index, df[PLAN_BASELINE_VALUE], typed, strict=True):
        if pd.notna(plan) and not base_typed:
            out.append(Problem(path, i + 2, PLAN_BASELINE_VALUE, (
                f"the plan's own baseline {plan:g} is given beside no baseline_value; give "
                "the re-based baseline (and its year), or leave plan_baseline_value empty")))  # fmt: skip
    return out


def _rate_of_problems(df: pd.DataFrame, path) -> list[Problem]:
    """A ``rate_of`` that names no other indicator of the file or one that is not a
    growth-rate indicator, one named twice, or a rate that is not a yearly flow in %: the
    growth figures would be shown beside the wrong target, merged with another series, or
    beside none without a word."""
    if "rate_of" not in df.columns:
        return []
    kinds = dict(zip(df["indicator_id"], df["kind"], strict=True))
    out, first = [], {}
    for i, iid, of, unit, kind in zip(df.index, df["indicator_id"], df["rate_of"],
                                      df["unit_zh"], df["kind"], strict=True):  # fmt: skip
        of = str(of).strip()
        if not of:
            continue
        if of in first:  # two growth series of one amount: shown as one, year by year
            out.append(Problem(path, i + 2, "rate_of", (
                f"rate_of names '{of}', as row {first[of] + 2} does; one indicator is the "
                f"growth of '{of}'")))  # fmt: skip
            continue
        first[of] = i
        if of not in kinds or of == iid:
            what = "itself" if of == iid else f"'{of}', which is not an indicator of this file"
            out.append(Problem(path, i + 2, "rate_of", (
                f"rate_of names {what}; give the id of the indicator whose year-on-year "
                "growth this is, or leave it empty")))  # fmt: skip
        elif kinds[of] != "growth_rate":
            out.append(Problem(path, i + 2, "rate_of", (
                f"rate_of names '{of}', whose kind is {kinds[of]}; growth figures are shown "
                "beside a growth_rate target only")))  # fmt: skip
        elif str(unit).strip() != "%":
            out.append(Problem(path, i + 2, "unit_zh", (
                f"an indicator that is the growth of '{of}' (rate_of) is in %, got "
                f"{str(unit)!r}")))  # fmt: skip
        elif kind != "flow":  # a share in % (R&D intensity) is no growth of the amount
            out.append(Problem(path, i + 2, "kind", (
                f"an indicator that is the growth of '{of}' (rate_of) is a yearly rate, kind "
                f"flow, got {kind}")))  # fmt: skip
    return out


#: Letters of an English text (a translation left in Chinese has none).
_LATIN = re.compile(r"[A-Za-z]")


def _translation_problems(df: pd.DataFrame, path) -> list[Problem]:
    """A translation of the plan's words (``TRANSLATIONS``) beside no quote, which renders
    nothing the plan says, or one with no English in it (the Chinese pasted into the English
    column): the English outputs would show it as the project's translation."""
    out = []
    for english, quote in TRANSLATIONS.items():
        if english not in df.columns or quote not in df.columns:
            continue
        for i, text, words in zip(df.index, df[english], df[quote], strict=True):
            text = str(text).strip()
            if not text:
                continue
            if not str(words).strip():
                out.append(Problem(path, i + 2, english, (
                    f"an English rendering is given but '{quote}' is empty; give the plan's "
                    f"words in '{quote}' (verbatim), or leave '{english}' empty")))  # fmt: skip
            elif not _LATIN.search(text):
                out.append(Problem(path, i + 2, english, (
                    f"{text[:40]!r} holds no English; '{english}' is the project's English "
                    f"rendering of '{quote}' (leave it empty where there is none: the "
                    "English outputs then show the Chinese)")))  # fmt: skip
    return out


def _department_problems(df: pd.DataFrame, path) -> list[Problem]:
    """Known departments run together by a space or a slash (市科技局 市财政局,
    市科技局/市财政局): read as one department, they took the indicator out of both
    departments' data requests. (An unknown name alone is a :func:`registry_checks` line,
    not a problem.)"""
    from .labels import known_departments, split_departments

    known = known_departments()
    out = []
    for col in ("departments", "data_from"):
        if col not in df.columns:
            continue
        for i, cell in zip(df.index, df[col], strict=True):
            for name in split_departments(cell):
                parts = [p for p in re.split(r"[\s/／|｜]+", name) if p]
                if name not in known and len(parts) > 1 and all(p in known for p in parts):
                    out.append(Problem(path, i + 2, col, (
                        f"'{name}' runs {len(parts)} departments together; separate them "
                        f"with 、 ({'、'.join(parts)})")))  # fmt: skip
    return out


def load_indicators(path: Path | str | None = None) -> pd.DataFrame:
    """Return the indicator registry, one row per indicator.

    Parameters
    ----------
    path : path-like, optional
        Registry CSV; defaults to ``config.INDICATORS_FILE``.

    Returns
    -------
    DataFrame
        Columns as in ``INDICATOR_COLUMNS``: ids, Chinese and English names and units, kind
        (stock, share, density, growth_rate, cumulative, flow), role (target or context),
        direction, path shape, end-2020 baseline where the plan gives one, plan section,
        clause, verbatim quote, responsible departments (joined by "、"); then
        ``OPTIONAL_INDICATOR_COLUMNS`` (``note_zh``, the note in Chinese; "" where the
        registry has no such column; ``quote_en`` and ``measure_quote_en``, the project's
        English rendering of the plan's words, each after the quote it renders);
        ``plan_baseline_value`` (after ``baseline_value``): the plan's own baseline of one
        re-based onto a new definition, NaN for the others and where the registry has no
        such column.
    """
    path = Path(path or config.INDICATORS_FILE)
    try:  # the cache is keyed by the file's state: an edited registry is read again
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = (str(path), 0, 0)  # missing: _read_table says so
    return _load_indicators_cached(*key).copy()


def load_targets(
    path: Path | str | None = None, *, indicators: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the plan's milestones: ``indicator_id, year, value, comparison``.

    For ``growth_rate`` indicators the value is an average annual growth rate in percent
    (R&D spending: 10 means +10 %/yr over 2021-2025); otherwise it is in the indicator's unit.

    Each row is checked against the indicator registry (``indicators``; the shipped one when
    the shipped targets are read): see :func:`target_problems`.
    """
    if indicators is None and path is None:
        indicators = load_indicators()
    path = str(path or config.TARGETS_FILE)
    df = _read_table(Path(path), TARGET_COLUMNS)
    problems: list[Problem] = []
    _check_ids(df, path, problems)
    df["year"] = _check_numeric(df, path, "year", problems, year=True)
    df["value"] = _check_numeric(df, path, "value", problems)
    if PLAN_VALUE in df.columns:  # empty where the target is the plan's own
        df[PLAN_VALUE] = _check_numeric(df, path, PLAN_VALUE, problems, required=False)
    else:
        df[PLAN_VALUE] = np.nan
    for i, c in zip(df.index, df["comparison"], strict=True):
        if c not in COMPARISONS:
            problems.append(
                Problem(path, i + 2, "comparison", f"{c!r} is not one of {COMPARISONS}")
            )
    for i in df.index[df.duplicated(["indicator_id", "year"])]:
        problems.append(Problem(path, i + 2, "year", (
            f"a second target for {df.at[i, 'indicator_id']} in {df.at[i, 'year']}; keep one "
            "target per indicator and year")))  # fmt: skip
    if not problems and indicators is not None:
        problems += target_problems(df, indicators, path)
    if problems:
        raise DataValidationError(problems)
    df["year"] = df["year"].astype(int)
    df["value"] = df["value"].astype(float)
    df[PLAN_VALUE] = pd.to_numeric(df[PLAN_VALUE], errors="coerce").astype(float)
    return df.loc[:, [*TARGET_COLUMNS, PLAN_VALUE]].sort_values(["indicator_id", "year"],
                                                                ignore_index=True)  # fmt: skip


def target_problems(targets: pd.DataFrame, indicators: pd.DataFrame, path: str) -> list[Problem]:
    """What makes a target row unusable, one :class:`Problem` per row and column.

    A target must name a registered indicator of role ``target`` with a unit and its
    responsible departments (the landing page, the department roll-ups and the data requests
    are built from them); fall in a milestone year (any plan year for a yearly flow), after
    the indicator's own baseline (a target elsewhere would be left out of every table
    without a word: the suite assesses the 2021-2025 plan's milestones); a share lies in
    0-100 (and is not a fraction beside a baseline in percent, for a share to increase), and
    a level within ``TARGET_SCALE_REFUSED`` times the plan's baseline (万 for 亿). Entries
    that load but look wrong are :func:`registry_checks`.
    """
    import difflib

    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    first, last = config.PLAN_BASE_YEAR + 1, config.PLAN_END_YEAR
    out = []
    for i, t in targets.iterrows():
        line, iid = i + 2, t["indicator_id"]
        if iid not in ind.index:
            near = difflib.get_close_matches(str(iid), list(ind.index), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            out.append(Problem(path, line, "indicator_id", (
                f"unknown indicator '{iid}'; {hint}a target needs its indicator in "
                f"{Path(config.INDICATORS_FILE).name} first")))  # fmt: skip
            continue
        row, year, value = ind.loc[iid], int(t["year"]), float(t["value"])
        if row["role"] != "target":
            out.append(Problem(path, line, "indicator_id", (
                f"'{iid}' is a context indicator (role '{row['role']}'); set its role to "
                "'target' in the indicator registry, or drop this row")))  # fmt: skip
        if not str(row["departments"]).strip() or not str(row["unit_zh"]).strip():
            missing = "departments" if not str(row["departments"]).strip() else "unit_zh"
            out.append(Problem(path, line, "indicator_id", (
                f"'{iid}' has no {missing} in the indicator registry; a target needs its unit "
                "and the departments responsible for it")))  # fmt: skip
        milestones = ", ".join(map(str, config.MILESTONE_YEARS))
        if not first <= year <= last:
            out.append(Problem(path, line, "year", (
                f"{year} is outside the plan's years {first}-{last}; this suite assesses the "
                f"2021-2025 plan's milestones ({milestones} and a yearly flow's other years), "
                "so the target would be left out of every table")))  # fmt: skip
        elif year not in config.MILESTONE_YEARS and row["kind"] != "flow":
            out.append(Problem(path, line, "year", (
                f"{year} is not one of the plan's milestone years ({milestones}); only a yearly "
                f"flow has a target in other years. A {row['kind']} target in {year} would bend "
                "the required path but be assessed in no table")))  # fmt: skip
        base_year, base = row["baseline_year"], row["baseline_value"]
        if pd.notna(base_year) and year <= int(base_year):
            out.append(Problem(path, line, "year", (
                f"{year} is not after the indicator's baseline year {int(base_year)}")))  # fmt: skip
        if row["kind"] == "share" and not 0 < value <= 100:
            out.append(Problem(path, line, "value", (
                f"a share is a percentage between 0 and 100, got {value:g}")))  # fmt: skip
        elif (row["kind"] == "share" and value < 1 and pd.notna(base) and base > 1
              and row["direction"] == "increase"):  # fmt: skip
            # a share to bring down below 1 % (1.8 -> 0.9) means what it says
            out.append(Problem(path, line, "value", (
                f"{value:g} beside a baseline of {base:g} %: write the percentage "
                f"({100 * value:g}), not the fraction")))  # fmt: skip
        elif _off_scale(row, value) > TARGET_SCALE_REFUSED:
            out.append(Problem(path, line, "value", (
                f"{value:g} is {value / base:.3g} times the plan's baseline {base:g} "
                f"{row['unit_zh']}; a target in another unit (万 for 亿, 个 for 万)?")))  # fmt: skip
    return out


#: A level's target this many times its plan baseline (or less by the same factor) is
#: refused as a unit slip (万 for 亿 is 10,000); from ``config.IMPLAUSIBLE_FACTOR`` on it is a
#: registry check: a programme can grow from a handful to the plan's 100 (6 -> 100).
TARGET_SCALE_REFUSED = 100.0


def _off_scale(row: pd.Series, value: float) -> float:
    """How many times a level's target lies above or below its plan baseline (1 when it
    has none or is not a level)."""
    base = row["baseline_value"]
    if row["kind"] not in ("stock", "share", "density") or not (pd.notna(base) and base > 0):
        return 1.0
    if value <= 0:
        return 1.0
    return max(value / base, base / value)


def registry_checks(indicators: pd.DataFrame, targets: pd.DataFrame) -> list[str]:
    """Registry entries that load but look wrong, one line each (``validate`` and ``run``
    print them as ``CHECK:`` lines; nothing is refused):

    * a target whose comparison does not fit its indicator's direction ('<=' on an
      indicator to increase: a ceiling typed for a floor read "achieved" on 1,258 of 1,500);
    * a level's milestones moving against its direction (a 2025 target of 1,200 typed for
      1,500 after 1,300 in 2023);
    * a level's target more than ``config.IMPLAUSIBLE_FACTOR`` times its plan baseline
      (or less by that factor), up to ``TARGET_SCALE_REFUSED`` (beyond, it is refused);
    * a department the suite has no English name for (a typo, 市科枝局, made a department
      of its own; a new one is named in Chinese on the English pages until it is added to
      ``labels._DEPARTMENTS``).
    """
    import difflib

    from .labels import known_departments, split_departments

    ind = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    targets_file, indicators_file = (
        Path(config.TARGETS_FILE).name,
        Path(config.INDICATORS_FILE).name,
    )
    out = []
    for t in targets.to_dict("records"):
        iid, comp, value = t["indicator_id"], str(t["comparison"]), float(t["value"])
        if iid not in ind.index:
            continue
        row, where = ind.loc[iid], f"{targets_file}: {iid} {int(t['year'])}"
        direction = row["direction"]
        if (comp in ("<=", "<")) != (direction == "decrease"):
            want = "'<=' or '<'" if direction == "decrease" else "'>=' or '>'"
            out.append(
                f"{where}: comparison '{comp}' does not fit the indicator's direction "
                f"'{direction}' ({indicators_file}); a target of an indicator to {direction} "
                f"is {want}: a typo in one of them?"
            )
        if config.IMPLAUSIBLE_FACTOR < _off_scale(row, value) <= TARGET_SCALE_REFUSED:
            base = row["baseline_value"]
            out.append(
                f"{where}: the target {value:g} is {value / base:.3g} times the plan's baseline "
                f"{base:g} {row['unit_zh']}: a target in another unit?"
            )
    out += _milestone_order_checks(targets, ind, targets_file)
    known = known_departments()
    cells = [*ind["departments"].items(),
             *(ind["data_from"].items() if "data_from" in ind.columns else ())]  # fmt: skip
    for iid, cell in cells:
        for name in split_departments(cell):
            if name not in known:
                near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
                hint = f"a typo for '{near[0]}'? " if near else ""
                out.append(
                    f"{indicators_file}: {iid}: department '{name}' is not one the suite knows; "
                    f"{hint}the English pages name it in Chinese until its English name is "
                    "added to the table of departments (langfang_metrics/labels.py)"
                )
    return out


def _milestone_order_checks(targets: pd.DataFrame, ind: pd.DataFrame, where: str) -> list[str]:
    """A level's milestones that move against its direction. (A target the plan's baseline
    already meets is a level to hold, which the gap assessment grades as such.)"""
    out = []
    for iid, g in targets.groupby("indicator_id", sort=False):
        if iid not in ind.index or ind.loc[iid, "kind"] not in ("stock", "share", "density",
                                                                 "cumulative"):  # fmt: skip
            continue
        row = ind.loc[iid]
        sign = -1 if row["direction"] == "decrease" else 1
        points = sorted((int(t["year"]), float(t["value"])) for _, t in g.iterrows())
        for (y0, v0), (y1, v1) in zip(points[:-1], points[1:], strict=True):
            if sign * (v1 - v0) < 0:
                out.append(
                    f"{where}: {iid}: the {y1} target {v1:g} is "
                    f"{'below' if sign > 0 else 'above'} the target of {y0} ({v0:g}), against "
                    f"the indicator's direction '{row['direction']}'; a typo?"
                )
    return out


def load_fiscal_parameters(path: Path | str | None = None) -> pd.DataFrame:
    """Return the plan's fiscal parameters (awards, caps, rates) with clause and quote.

    ``quote_en``, the project's English rendering of the quote, is optional in the file
    (read as "" where it has none) and always a column of the result, after ``quote``.
    """
    path = str(path or config.FISCAL_FILE)
    cols = (
        "parameter_id",
        "name_zh",
        "name_en",
        "value",
        "unit_zh",
        "unit_en",
        "clause",
        "quote",
        "note",
    )
    df = _read_table(Path(path), cols)
    problems: list[Problem] = []
    df["value"] = _check_numeric(df, path, "value", problems)
    for i in df.index[df["parameter_id"].duplicated()]:
        problems.append(Problem(path, i + 2, "parameter_id", (
            f"parameter id {df.at[i, 'parameter_id']!r} is not unique (the first one would "
            "count, silently)")))  # fmt: skip
    problems += _translation_problems(df, path)
    if problems:
        raise DataValidationError(problems)
    df["quote_en"] = df["quote_en"] if "quote_en" in df.columns else ""
    shown = list(cols)
    shown.insert(shown.index("quote") + 1, "quote_en")
    return df.loc[:, shown].reset_index(drop=True)


def plan_translations(*tables: pd.DataFrame) -> dict[str, str]:
    """``{quote: its English rendering}`` of the registry ``tables`` (indicators, fiscal
    parameters): every quote of the plan the registry translates (``TRANSLATIONS``), keyed by
    the quote as the registry holds it. A figure quoting one of them (a baseline the plan
    states) shows the same translation."""
    out: dict[str, str] = {}
    for df in tables:
        for english, quote in TRANSLATIONS.items():
            if english not in df.columns or quote not in df.columns:
                continue
            for words, text in zip(df[quote], df[english], strict=True):
                if isinstance(words, str) and words and isinstance(text, str) and text.strip():
                    out.setdefault(words, text.strip())
    return out


def fiscal_parameter(parameter_id: str, params: pd.DataFrame | None = None) -> float:
    """Return one fiscal parameter's value by id (e.g. ``"hte_award_new"`` → 20.0 万元)."""
    params = load_fiscal_parameters() if params is None else params
    hit = params.loc[params["parameter_id"] == parameter_id, "value"]
    if hit.empty:
        raise KeyError(f"unknown fiscal parameter {parameter_id!r}")
    return float(hit.iloc[0])


#: Administrative levels a registered region may have. Regions at the home region's level act
#: as its peers for the probabilities (``compute.comparable_regions``).
REGION_LEVELS = ("country", "province", "city", "county")


def load_regions(path: Path | str | None = None) -> pd.DataFrame:
    """Return the registered regions: ``region`` code, names, ``level`` and a note.

    The shipped registry holds ``langfang`` (the home region), ``hebei`` and ``china``; a
    statistician adds peer cities here (docs/input-format.md). Checked: codes present,
    without spaces and unique; a Chinese name; names unique (they are accepted in the
    observations' region column); ``level`` one of ``REGION_LEVELS``; the home region
    present. Every problem is reported with its row and column.
    """
    path = str(path or config.REGIONS_FILE)
    df = _read_table(Path(path), ("region", "name_zh", "name_en", "level", "note"))
    df = df.assign(region=df["region"].str.strip(), level=df["level"].str.strip().str.lower())
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, row in df.iterrows():
        line = i + 2
        code = row["region"]
        if not code or any(c.isspace() for c in code):
            problems.append(Problem(path, line, "region",
                                    f"a region code is one word without spaces, got {code!r}"))  # fmt: skip
        if not row["name_zh"].strip():
            problems.append(Problem(path, line, "name_zh", "the Chinese name is missing"))
        if row["level"] not in REGION_LEVELS:
            problems.append(Problem(path, line, "level", f"{row['level']!r} is not one of "
                                    f"{', '.join(REGION_LEVELS)}"))  # fmt: skip
        for col in ("region", "name_zh", "name_en"):
            key = row[col].strip().casefold()
            if not key:
                continue
            if seen.setdefault(key, line) != line:  # a code and a name of one row may agree
                problems.append(Problem(path, line, col, f"{row[col]!r} is already used in row "
                                        f"{seen[key]}; codes and names must be unique"))  # fmt: skip
    if config.HOME_REGION not in set(df["region"]):
        problems.append(Problem(path, None, "region",
                                f"the home region {config.HOME_REGION!r} is missing"))  # fmt: skip
    if problems:
        raise DataValidationError(problems)
    return df.reset_index(drop=True)


def read_plan_text(*, repaired: bool = True) -> str:
    """Return the plan notice text: the repaired copy (default) or the text as obtained."""
    path = config.PLAN_TEXT_REPAIRED if repaired else config.PLAN_TEXT
    return Path(path).read_text(encoding="utf-8")


#: A figure's source that is the plan itself (its 2020 baselines cite it).
PLAN_SOURCE = re.compile(r"专项服务工作方案|Special Service Work Plan", re.I)


#: The captured page's ASCII punctuation inside Chinese text, full width as the plan was
#: issued (every ",", "(", ")", ":" and ";" of the notice stands in Chinese text).
FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def simplified_plan(text: str, convert) -> str:
    """The repaired plan text in simplified characters with full-width punctuation, as the
    plan was issued (the page was captured through a traditional-character mirror, and its
    quotes could not go into a simplified-Chinese report: the report writer's review).

    Parameters
    ----------
    text : str
        ``plan_repaired.txt``.
    convert : callable
        Traditional to simplified, one character for one (OpenCC's ``t2s``:
        ``opencc.OpenCC("t2s").convert``, a dev dependency; the result is committed as
        ``config.PLAN_TEXT_SIMPLIFIED`` and a test recomputes it).

    Raises
    ------
    ValueError
        When the conversion changes the text's length (the copies would not align).
    """
    out = convert(text).translate(FULL_WIDTH)
    if len(out) != len(text):
        raise ValueError(f"the simplified plan has {len(out)} characters, the repaired one "
                         f"{len(text)}: the conversion must map one character to one")  # fmt: skip
    return out


@lru_cache(maxsize=1)
def _plan_copies() -> tuple[str, str]:
    """The repaired plan and its simplified copy, aligned character by character (two
    empty texts without the copy, or when they do not align)."""
    path = Path(config.PLAN_TEXT_SIMPLIFIED)
    if not path.exists():
        return "", ""
    old, new = read_plan_text(), path.read_text(encoding="utf-8")
    return (old, new) if len(old) == len(new) else ("", "")


def simplified(text: object) -> object:
    """A quote of the plan as the plan was issued: the same passage of the simplified copy
    of the notice (simplified characters, full-width punctuation), found where the quote
    stands verbatim in the repaired one. Text the plan does not hold (a registry of one's
    own, a note) is returned as it is: mapping characters one by one had put full-width
    commas into "1,300" and "http://" (the diff review)."""
    if not isinstance(text, str) or not text:
        return text
    old, new = _plan_copies()
    at = old.find(text) if old else -1
    return new[at : at + len(text)] if at >= 0 else text


def rate_links(indicators: pd.DataFrame) -> dict[str, str]:
    """``{growth indicator id: level indicator id}`` of the registry's ``rate_of`` links that
    name a registered indicator (rd_spending_growth → rd_spending), in registry order; empty
    for a registry without the column. One reading of the column for the loader, the checks
    and the gap table (it was parsed three times: the diff review)."""
    if "rate_of" not in indicators.columns:
        return {}
    ids = set(indicators["indicator_id"].astype(str))
    out = {}
    for iid, of in zip(indicators["indicator_id"], indicators["rate_of"], strict=True):
        of = "" if of is None or (isinstance(of, float) and math.isnan(of)) else str(of).strip()
        if of and of in ids:
            out[str(iid)] = of
    return out


def growth_indicator_of(indicator_id: str) -> str | None:
    """The registered indicator that is ``indicator_id``'s growth in % (the registry's
    ``rate_of`` read backwards: rd_spending → rd_spending_growth), or None; from the
    registry file in ``config.INDICATORS_FILE``."""
    links = rate_links(load_indicators())
    return next((g for g, of in links.items() if of == indicator_id), None)


def targeted_indicators(indicators: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Return the indicators that have at least one target, in registry order."""
    return indicators[indicators["indicator_id"].isin(targets["indicator_id"])].reset_index(
        drop=True
    )
