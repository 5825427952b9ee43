"""Argument checks shared by the public functions: one rule, one message."""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

from . import config


def as_year(value, name: str) -> int:
    """``value`` as a whole year (int, whole float or digit string such as ``"2025"``).

    Raises
    ------
    ValueError
        For anything else (booleans, fractions, NaN, other text), naming ``name``.
    """
    try:
        if isinstance(value, bool | np.bool_):
            raise TypeError
        f = float(value)
        if not math.isfinite(f) or f != round(f):
            raise ValueError
        return int(f)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole year such as 2025, got {value!r}") from None


def as_years(values, name: str) -> tuple[int, ...]:
    """One year or a sequence of them as a tuple of whole years (:func:`as_year` each)."""
    if isinstance(values, str | Real) or values is None:
        values = [values]
    return tuple(as_year(v, name) for v in values)


def plan_year(value, name: str) -> int:
    """:func:`as_year`, from the plan's base year (an ``as_of`` of 0 or 2019 means no
    monitoring year of this plan) to the last year a figure may have
    (``config.YEAR_RANGE``)."""
    year = as_year(value, name)
    if not config.PLAN_BASE_YEAR <= year <= config.YEAR_RANGE[1]:
        raise ValueError(f"{name} must be a year from {config.PLAN_BASE_YEAR} (the plan's base "
                         f"year) to {config.YEAR_RANGE[1]}, got {value!r}")  # fmt: skip
    return year


def not_whole_years(values) -> np.ndarray:
    """Mask of the entries of a year column that are not whole years: fractions, NaN,
    infinities, text that is not a number ("2021" as text is a whole year)."""
    import pandas as pd

    years = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    return ~(np.isfinite(years) & (years == np.round(years)))
