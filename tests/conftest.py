"""Shared test set-up: a non-interactive backend and no figure left open (statsmodels habit)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
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


@pytest.fixture
def close_figures():
    """Close every figure at the end of a test that builds several."""
    yield
    plt.close("all")
