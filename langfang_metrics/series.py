"""Turn the tidy observations into one annual series per indicator, by a documented rule.

The rule (README, "Which figure counts"): for each year keep only year-end figures whose status
is ``revised``, ``final``, ``preliminary`` or ``estimate`` and take the best one in that order.
Bounds (``lower-bound``/``upper-bound``), part-year figures and figures under another
definition are kept in the raw data for context but never enter a series, so a forecast is never
fitted to a number that is not a like-for-like annual value.
"""

from __future__ import annotations

import pandas as pd

from . import config


def select_series(
    observations: pd.DataFrame,
    indicator_id: str,
    *,
    region: str = config.HOME_REGION,
    as_of: int | None = None,
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

    Returns
    -------
    Series
        Float values indexed by integer ``year`` (sorted, gaps allowed), named after the
        indicator; ``attrs["status"]`` maps each year to the status that was chosen.
    """
    rank = {s: i for i, s in enumerate(config.SERIES_STATUS_PRIORITY)}
    rows = observations[
        (observations["indicator_id"] == indicator_id)
        & (observations["region"] == region)
        & observations["status"].isin(list(rank))
    ]
    if as_of is not None:
        rows = rows[rows["year"] <= as_of]
    rows = rows.assign(_rank=rows["status"].map(rank)).sort_values(["year", "_rank"])
    best = rows.drop_duplicates("year", keep="first")
    out = pd.Series(
        best["value"].to_numpy(dtype=float),
        index=pd.Index(best["year"].to_numpy(dtype="int64"), name="year"),
        name=indicator_id,
    )
    out.attrs["status"] = dict(zip(best["year"].astype(int), best["status"], strict=True))
    return out


def latest_year(observations: pd.DataFrame, *, region: str = config.HOME_REGION) -> int | None:
    """Return the latest year with a series-grade observation in ``region`` (None if none)."""
    ok = observations[
        (observations["region"] == region)
        & observations["status"].isin(list(config.SERIES_STATUS_PRIORITY))
    ]
    return None if ok.empty else int(ok["year"].max())
