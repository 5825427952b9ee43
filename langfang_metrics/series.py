"""Turn the tidy observations into one annual series per indicator, by a documented rule.

The rule (README, "Which figure counts"): for each year keep only year-end figures whose status
is ``revised``, ``final``, ``preliminary`` or ``estimate`` and take the best one in that order.
Bounds (``lower-bound``/``upper-bound``), part-year figures and figures under another
definition are kept in the raw data for context but never enter a series, so a forecast is never
fitted to a number that is not a like-for-like annual value.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import config
from ._checks import not_whole_years


def select_series(
    observations: pd.DataFrame,
    indicator_id: str,
    *,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
    known_by: str | None = None,
    registry: pd.DataFrame | None = None,
) -> pd.Series:
    """Return the annual series of one indicator, one value per year.

    Parameters
    ----------
    observations : DataFrame
        Tidy observations (``load_observations`` output).
    indicator_id : str
        Indicator to select.
    region : str, default ``"langfang"``
        Region code.
    as_of : int, optional
        Vintage: keep only years up to and including ``as_of``.
    known_by : str or date, optional
        A date (``YYYY-MM-DD``; a month or year counts as its last day): keep only the
        figures known on that day, by the rule of ``run --known-by``
        (``observations.known_on``): a dated figure if published by then (a revision
        published later is left out, so the figure it revised counts; a date given at a
        coarser precision, "2023-02" or "2023", counts from the last day it can mean); one
        without a ``published`` date if its year is over by the day and no dated figure
        of its year it succeeds (a preliminary, for a final) came out on the day or later.

    registry : DataFrame, optional
        The indicator registry ``indicator_id`` is checked against when ``observations``
        hold no row of it (default: the configured one, ``registry.load_indicators()``); a
        caller working on a registry of its own passes it, or its ids without figures were
        refused as unknown.

    Returns
    -------
    Series
        Float values indexed by integer ``year`` (sorted, gaps allowed), named after the
        indicator; ``attrs["status"]`` maps each year to the status that was chosen. Empty
        for a known indicator without figures for ``region`` (or by ``as_of``/``known_by``).

    Raises
    ------
    ValueError
        For an ``indicator_id`` that is neither in ``observations`` (any region) nor in the
        indicator registry, in English and Chinese (``args``), naming the closest known id.
    """
    rank = {s: i for i, s in enumerate(config.SERIES_STATUS_PRIORITY)}
    ours = observations["indicator_id"] == indicator_id
    if not ours.any():
        _known_indicator(observations, indicator_id, registry)
    rows = observations[
        ours & (observations["region"] == region) & observations["status"].isin(list(rank))
    ]
    rows = _usable(rows, indicator_id, region)
    if as_of is not None:
        rows = rows[rows["year"] <= as_of]
    if known_by is not None:
        from .observations import KNOWN, known_on, published_end

        what = f"{indicator_id} ({region})"
        # "2023-02" known by its last day, as a figure dated so; a day that is no date is
        # the caller's, not the data's (it read "observations … hold a published date that
        # is no date": the diff review)
        try:
            known = published_end(known_by)
        except ValueError:
            known = ""
        if not known:
            raise ValueError(f"known_by {known_by!r} is no date; write it as 2024-03-31",
                             f"known_by {known_by!r} 不是日期；请写成 2024-03-31")  # fmt: skip
        # the run's rule, not a second one: an undated figure of a year not over was kept
        # here and left out by run --known-by
        rows = rows[known_on(rows, known, what=what).isin(KNOWN).to_numpy()]
    rows = rows.assign(_rank=rows["status"].map(rank), _end=publication_ends(rows))
    # of one figure's revisions the latest known counts (:func:`publication_ends`)
    rows = rows.sort_values(["year", "_rank", "_end"], ascending=[True, True, False],
                            kind="stable")  # fmt: skip
    best = rows.drop_duplicates("year", keep="first")
    out = pd.Series(
        best["value"].to_numpy(dtype=float),
        index=pd.Index(best["year"].to_numpy(dtype="int64"), name="year"),
        name=indicator_id,
    )
    out.attrs["status"] = dict(zip(best["year"].astype(int), best["status"], strict=True))
    return out


def _known_indicator(
    observations: pd.DataFrame, indicator_id: str, registry: pd.DataFrame | None = None
) -> None:
    """Refuse an ``indicator_id`` that ``observations`` lack and the registry does not list:
    a typo gave an empty series, read as an indicator without data, and the statistician who
    asked for it had no word. An id of the registry without figures is known (the suite asks
    for every one). :func:`select_series` calls it only for an id without rows, so the
    registry (``registry``, else the configured one) is read only then.

    Raises
    ------
    ValueError
        In English and Chinese (``args``), with the closest known id where one is close.
    """
    import difflib

    from .registry import load_indicators

    present = set(observations["indicator_id"].dropna().astype(str))
    listed = load_indicators() if registry is None else registry
    known = present | set(listed["indicator_id"].astype(str))
    if indicator_id in known:
        return
    near = difflib.get_close_matches(str(indicator_id), sorted(known), n=1)
    hint_en = f"; did you mean {near[0]!r}?" if near else ""
    hint_zh = f"；是否指 {near[0]!r}？" if near else ""
    where = config.INDICATORS_FILE.name if registry is None else "the registry given"
    where_zh = config.INDICATORS_FILE.name if registry is None else "所给登记表"
    raise ValueError(
        f"unknown indicator {indicator_id!r}: neither in the observations nor in the "
        f"registry ({where}){hint_en}",
        f"未知指标 {indicator_id!r}：观测数据和登记表（{where_zh}）中都没有{hint_zh}",
    )


def _usable(rows: pd.DataFrame, indicator_id: str, region: str) -> pd.DataFrame:
    """``rows`` with a number: missing values dropped (a missing figure is no figure).

    Raises
    ------
    ValueError
        For a year that is not a whole number, an infinite value, or two figures of the same
        year and status that disagree and are not one figure and its later revisions, each
        dated apart (``observations.revision_chain``; ``load_observations`` refuses them; a
        frame built by hand may hold them, and which one counts must not depend on row
        order).
    """
    what = f"{indicator_id} ({region})"
    values = rows["value"].to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(values).any():
        rows, values = rows[~np.isnan(values)], values[~np.isnan(values)]
    if np.isinf(values).any():
        year = rows["year"].to_numpy()[np.isinf(values)][0]
        raise ValueError(f"observations of {what} hold an infinite value for year {year}")
    if not pd.api.types.is_integer_dtype(rows["year"]):
        odd = not_whole_years(rows["year"])
        if odd.any():
            raise ValueError(f"observations of {what} hold the year {rows['year'].to_numpy()[odd][0]}"
                             "; expected a whole year such as 2021")  # fmt: skip
    keys = rows[["year", "status"]]
    if keys.duplicated().any():
        twice = rows[keys.duplicated(keep=False)]
        clash = twice.groupby(["year", "status"])["value"].nunique()
        clash = clash[clash > 1]
        if len(clash) and "published" in rows.columns:
            from .observations import revision_chain

            dated = [revision_chain(*twice.loc[(twice["year"] == y) & (twice["status"] == s),
                                               ["value", "published"]].T.to_numpy(), s)
                     is not None for y, s in clash.index]  # fmt: skip
            clash = clash[~np.array(dated, dtype=bool)]
        if len(clash):
            year, status = clash.index[0]
            pick = (twice["year"] == year) & (twice["status"] == status)
            found = sorted(twice.loc[pick, "value"])
            raise ValueError(f"observations of {what} hold different {status} figures for "
                             f"{year} ({', '.join(f'{v:g}' for v in found)}); keep the right "
                             "one, or date each revision (published) so the latest counts")  # fmt: skip
    return rows


def series_grade(observations: pd.DataFrame, *, region: str | None = None) -> pd.DataFrame:
    """Rows whose figure can enter a series (``config.SERIES_STATUS_PRIORITY``, a number), in
    ``region`` when given."""
    keep = (
        observations["status"].isin(list(config.SERIES_STATUS_PRIORITY))
        & pd.to_numeric(observations["value"], errors="coerce").notna()
    )
    if region is not None:
        keep &= observations["region"] == region
    return observations[keep]


def best_figures(
    observations: pd.DataFrame, keys=("indicator_id", "region", "year")
) -> pd.DataFrame:
    """The row a series takes for each ``keys`` group: its series-grade figure of the highest
    status priority (revised before final before preliminary before estimate)."""
    return _first_by_status(series_grade(observations), config.SERIES_STATUS_PRIORITY, keys)


def _first_by_status(rows: pd.DataFrame, statuses, keys) -> pd.DataFrame:
    """The first row of each ``keys`` group of ``rows`` in the order of ``statuses`` (every
    row's status is one of them), of one status the latest published (:func:`publication_ends`);
    groups and rows keep a stable order."""
    rank = {s: i for i, s in enumerate(statuses)}
    rows = rows.assign(_rank=rows["status"].map(rank), _end=publication_ends(rows))
    rows = rows.sort_values([*keys, "_rank", "_end"], ascending=[True] * (len(keys) + 1) + [False],
                            kind="mergesort")  # fmt: skip
    return rows.drop_duplicates(list(keys), keep="first").drop(columns=["_rank", "_end"])


def latest_published(rows: pd.DataFrame, keys) -> pd.DataFrame:
    """Of the rows sharing ``keys``, the one published last (:func:`publication_ends`; of
    rows dated alike, or none dated, the first); the rows kept stay in their order: a new
    definition's figure published again (a final after its preliminary) is said, and
    chained from, as its latest."""
    keys = list(keys)
    ends = publication_ends(rows).to_numpy(dtype=object)
    order = np.array(sorted(range(len(rows)), key=lambda i: ends[i], reverse=True), dtype=int)
    # sorted() is stable under reverse=True too: equal dates keep their input order
    first = ~rows.iloc[order][keys].duplicated().to_numpy()
    return rows.iloc[np.sort(order[first])]


def publication_ends(rows: pd.DataFrame) -> pd.Series:
    """The last day each row's ``published`` date can mean (``observations.published_end``),
    "" for a row without one or without the column, to sort the revisions of one figure by:
    a figure revised twice (1,291 in 2025-03, 1,295 in 2025-11) is one figure, the latest
    revision counting and the earlier kept as what was known before it (the statistician's
    review). A date that is no date sorts as none (the loader refuses it)."""
    if "published" not in rows.columns:
        return pd.Series("", index=rows.index, dtype=object)
    from .observations import published_ends

    return published_ends(rows["published"])


#: The statuses a growth figure is read with: series-grade first, then a bound ("增长10%以上").
RATE_STATUSES = (*config.SERIES_STATUS_PRIORITY, *config.BOUND_STATUSES)

#: Words that say a bound is itself an estimate ("预计增长10%以上"): a status holds one code,
#: and "≥10%" read as a figure reported as final.
ESTIMATE_WORDS = re.compile(r"预计|估计|预估|\bestimated?\b", flags=re.IGNORECASE)


def best_rates(observations: pd.DataFrame, keys=("indicator_id", "region", "year")) -> pd.DataFrame:
    """The row a growth figure is read from for each ``keys`` group: its series-grade figure
    (:func:`best_figures` order) if there is one, else its bound (at least, then at most)."""
    ok = observations[observations["status"].isin(list(RATE_STATUSES))]
    ok = ok.assign(value=pd.to_numeric(ok["value"], errors="coerce")).dropna(subset=["value"])
    return _first_by_status(ok, RATE_STATUSES, keys)


def is_estimate(figure) -> bool:
    """Whether a figure (a row as a mapping) is an estimate: its status says so, or it is a
    bound whose quote, note or source does ("预计增长10%以上" is a forecast made before the
    year closed, not a bound on its final figure)."""
    status = figure.get("status")
    if status == "estimate":
        return True
    said = " ".join(str(figure.get(k) or "") for k in ("quote", "note", "source"))
    return status in config.BOUND_STATUSES and bool(ESTIMATE_WORDS.search(said))


def firm_bounds(observations: pd.DataFrame) -> pd.DataFrame:
    """The rows that are bounds on a year's figure: a bound status (``config.BOUND_STATUSES``)
    with a number, and not an estimate made before the year closed (:func:`is_estimate`:
    "预计增长10%以上" is a forecast). One rule for the bounds that decide a milestone
    (``gaps.deciding_bound``) and the bounds the checks hold figures against."""
    rows = observations[observations["status"].isin(list(config.BOUND_STATUSES))]
    rows = rows[pd.to_numeric(rows["value"], errors="coerce").notna()]
    return rows.loc[np.array([not is_estimate(r) for r in rows.to_dict("records")], dtype=bool)]


def crossed_bounds(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """``(lower, upper)``: the highest lower bound and the lowest upper bound of ``rows``
    (one indicator, region and year) when the first is above the second, so that no figure
    meets both (at least 1,050 and at most 950); None otherwise. Taken by position: a frame
    built by hand may repeat index labels."""
    lows = rows[rows["status"] == "lower-bound"]
    highs = rows[rows["status"] == "upper-bound"]
    if lows.empty or highs.empty:
        return None
    lo = lows.iloc[int(pd.to_numeric(lows["value"]).to_numpy().argmax())]
    hi = highs.iloc[int(pd.to_numeric(highs["value"]).to_numpy().argmin())]
    return (lo, hi) if float(lo["value"]) > float(hi["value"]) else None


def in_series(observations: pd.DataFrame) -> pd.Series:
    """Whether each row is the figure its series takes for its year (:func:`best_figures`):
    of a preliminary 1,350 and a final 1,342, or a final 1,258 and a revised 1,262, the tables
    listed both and said nowhere which one the numbers use."""
    return pd.Series(observations.index.isin(best_figures(observations).index),
                     index=observations.index)  # fmt: skip


def superseded(
    observations: pd.DataFrame, *, region: str = config.HOME_REGION, as_of: int | None = None
) -> pd.DataFrame:
    """Figures a later status replaced with another value: a final 1,258 revised to 1,262, a
    preliminary 1,350 whose final is 1,342; and a preliminary figure or an estimate a final
    one confirmed at the same value. The series takes the newer one (:func:`best_figures`);
    a reader of the brief had no word that it changed.

    Returns
    -------
    DataFrame
        ``indicator_id, year, value, status`` (the figure used) and ``earlier_value,
        earlier_status`` (the one replaced), in ``region`` and years up to ``as_of``;
        ``slip`` is True where the two differ by a power of ten (:func:`power_of_ten_apart`):
        a typing error corrected, not a statistical revision; ``published`` and
        ``earlier_published`` their publication dates ("" when not given): of a figure
        revised twice (1,291 in 2025-03, 1,295 in 2025-11) the earlier revision is a row of
        its own, replaced by the later one, and a sentence can tell them apart by date;
        ``rebased`` is True where the figure used says in its note that it is on a new
        definition (a base year re-based: "2020年由35.6%改为30.2%" read as a downward
        correction of the same measure, the statistician's review).
    """
    from .observations import _definition_said, clean_text

    cols = ["indicator_id", "year", "value", "status", "earlier_value", "earlier_status", "slip",
            "published", "earlier_published", "rebased"]  # fmt: skip
    # rows are told apart by position: a caller's concat repeats index labels, and a
    # replaced figure sharing its label with the one used was taken for it
    ok = series_grade(observations, region=region).reset_index(drop=True)
    if as_of is not None:
        ok = ok[ok["year"] <= as_of]
    dated = "published" in ok.columns
    ok = ok.assign(published=ok["published"].fillna("").astype(str) if dated else "")
    best = best_figures(ok)
    notes = best["note"] if "note" in best.columns else pd.Series("", index=best.index)
    # a chained figure's note names the new definition's figure it was made from ("新口径
    # 35.0%"), yet the figure is on the plan's: no re-basing (the diff review)
    used = {(r.indicator_id, int(r.year)): (float(r.value), r.status, r.published,
                                           r.status not in config.CHAINED_STATUSES
                                           and isinstance(note, str)
                                           and _definition_said(clean_text(note)) is not None)
            for r, note in zip(best.itertuples(), notes, strict=True)}  # fmt: skip
    rows = []
    from .coverage import PROVISIONAL

    for r in ok[~ok.index.isin(best.index)].itertuples():
        value, status, published, rebased = used[(r.indicator_id, int(r.year))]
        # a changed value, or a preliminary figure or estimate a final one confirmed (the
        # outcome on it stopped being provisional, and nothing said which one)
        confirmed = r.status in PROVISIONAL and status not in PROVISIONAL
        if confirmed or not np.isclose(float(r.value), value, rtol=1e-9, atol=1e-12):
            rows.append([r.indicator_id, int(r.year), value, status, float(r.value), r.status,
                         power_of_ten_apart(float(r.value), value), published, r.published,
                         rebased])  # fmt: skip
    out = pd.DataFrame(rows, columns=cols).astype({"slip": bool, "rebased": bool})
    return out.sort_values(["indicator_id", "year"], kind="mergesort", ignore_index=True)


#: The fewest significant digits two figures must share to read as one figure typed with its
#: decimal point or unit off (591.23 for 59.123, 1,258 for 125.8).
SLIP_DIGITS = 3


def _digits(value: float) -> str:
    """The significant digits of ``value`` (10 at most): 591.23 → "59123", 0.0145 → "145"."""
    return f"{abs(float(value)):.10g}".split("e")[0].replace(".", "").lstrip("0").rstrip("0")


def power_of_ten_apart(a: float, b: float) -> bool:
    """Whether ``a`` and ``b`` (same sign, not zero) are the same digits, three or more, with
    the decimal point moved: a figure typed wrong and corrected, which the brief called a
    revision ("2022年由591.23亿元（正式数）改为59.123亿元（修订数）", though 591.23 was never
    published: the officer's review). A preliminary 1 made a final 10 is no such thing: one
    digit could be either (the diff review)."""
    if not (np.isfinite(a) and np.isfinite(b)) or a == 0 or b == 0 or (a > 0) != (b > 0):
        return False
    da, db = _digits(a), _digits(b)
    return da == db and len(da) >= SLIP_DIGITS and round(float(np.log10(abs(a) / abs(b)))) != 0


def latest_year(observations: pd.DataFrame, *, region: str = config.HOME_REGION) -> int | None:
    """Return the latest year with a series-grade observation in ``region`` (None if none)."""
    ok = series_grade(observations, region=region)
    return None if ok.empty else int(ok["year"].max())
