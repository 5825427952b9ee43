"""langfang-metrics: track and forecast the targets of Langfang's enterprise S&T plan 2021-2025.

Public API (stable): ``load_indicators``, ``load_targets``, ``load_observations``, the
``DataValidationError`` they raise, and the modules ``trajectories``, ``forecast``, ``gaps``,
``plots`` and ``export``. Heavy modules (statsmodels, matplotlib, openpyxl) load only when
used, so ``import langfang_metrics`` stays cheap.
"""

from __future__ import annotations

from .errors import DataValidationError, InsufficientDataError, Problem
from .registry import load_fiscal_parameters, load_indicators, load_targets

__version__ = "0.1.0"

__all__ = [
    "DataValidationError",
    "InsufficientDataError",
    "Problem",
    "load_fiscal_parameters",
    "load_indicators",
    "load_observations",
    "load_targets",
]


#: The modules the docstring names as public, imported when first used (``lm.gaps``).
_LAZY_MODULES = ("trajectories", "forecast", "gaps", "plots", "export")


def __getattr__(name: str):
    if name == "load_observations":
        from .observations import load_observations

        return load_observations
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'langfang_metrics' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_LAZY_MODULES})
