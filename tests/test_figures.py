"""The report's figure set and its two-level cache."""

import dataclasses
import hashlib

import pytest

from langfang_metrics import compute, figures


@pytest.fixture(scope="module")
def results():
    return compute.load_results()


def _digests(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_figure_set_covers_charts_in_both_languages(results):
    stems = [stem for stem, _ in figures.figure_specs(results)]
    assert "rd_path" in stems and "status_overview" in stems
    assert {"gap_dashboard_2023", "gap_dashboard_2025"} <= set(stems)
    assert "trajectory_high_tech_enterprises" in stems
    assert all(
        s.startswith("trajectory_") for s in stems if "enterprises" in s and "vintage" not in s
    )


def test_inputs_digest_tracks_the_data(results):
    base = figures.inputs_digest(results)
    assert figures.inputs_digest(results) == base
    gaps = results.gaps.copy()
    gaps.loc[0, "target"] = gaps.loc[0, "target"] + 1
    assert figures.inputs_digest(dataclasses.replace(results, gaps=gaps)) != base


def test_cached_figures_equal_fresh_ones(results, tmp_path):
    kw = {"langs": ("en",), "formats": ("svg", "png")}
    fresh = figures.report_figures(results, tmp_path / "fresh", cache_dir=None, **kw)
    first = figures.report_figures(results, tmp_path / "a", cache_dir=tmp_path / "c", **kw)
    again = figures.report_figures(results, tmp_path / "b", cache_dir=tmp_path / "c", **kw)
    assert _digests(fresh) == _digests(first) == _digests(again)
    assert len(list((tmp_path / "c").glob("*-*.svg"))) == len(fresh) // 2
