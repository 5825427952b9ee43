"""Argument checks shared by the public functions: one rule, one message."""

from __future__ import annotations

import math
from numbers import Real


def as_year(value, name: str) -> int:
    """``value`` as a whole year (int, whole float or digit string such as ``"2025"``).

    Raises
    ------
    ValueError
        For anything else (booleans, fractions, NaN, other text), naming ``name``.
    """
    try:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
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
