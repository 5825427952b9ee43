"""The report's figure set and its two-level cache."""

import dataclasses
import hashlib

import pytest

from langfang_metrics import compute, config, figures


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
        s.startswith(("trajectory_", figures.BRIEF_PREFIX))
        for s in stems
        if "enterprises" in s and "vintage" not in s
    )


def test_a_notebooks_selection_takes_ids_or_names_and_names_a_typo(results):
    """selection='high_tech_enterprises' (a string) had been read letter by letter, and a
    typo or a Chinese name failed a later cell inside a chart."""
    every = figures.charted_indicators(results)
    assert figures.charted_indicators(results, None) == every
    assert figures.charted_indicators(results, []) == every  # as `[] or …` had read it
    one = figures.charted_indicators(results, "high_tech_enterprises")
    assert one == ["high_tech_enterprises"]
    assert figures.charted_indicators(results, ["高新技术企业数量", "high_tech_enterprises"]) == one
    # a known indicator without figures or forecast is not charted
    assert figures.charted_indicators(results, ["tech_leader_enterprises"]) == []
    with pytest.raises(ValueError, match=r"'high_tech_enterprize' \(did you mean 'high_tech_ent"):
        figures.charted_indicators(results, ["high_tech_enterprize"])


def test_only_the_briefs_own_dashboard_is_drawn_for_it(results):
    """Both milestones' brief dashboards were written; the brief shows one (its milestone:
    the plan's end year when it has gap rows), so the other was used nowhere."""
    stems = [stem for stem, _ in figures.figure_specs(results)]
    brief = [s for s in stems if s.startswith(f"{figures.BRIEF_PREFIX}gap_dashboard")]
    assert brief == [f"{figures.BRIEF_PREFIX}gap_dashboard_2025"]
    gaps = results.gaps
    assert figures.dashboard_year(gaps) == 2025
    assert figures.dashboard_year(gaps[gaps["milestone_year"] == 2023]) == 2023
    assert figures.dashboard_year(gaps.iloc[:0]) == 2025
    only_2023 = gaps[gaps["milestone_year"] == 2023]
    assert [y for y, _ in figures.brief_dashboards(only_2023)] == (
        [2023] if (only_2023["status"] != "insufficient_data").any() else []
    )


def test_a_brief_dashboard_of_many_targets_comes_in_parts_that_print_at_their_size():
    """With 21 targets assessed the brief's one dashboard was 29 cm tall and scaled to 63 %
    on the page (9-point labels at 5.7). Parts of at most BRIEF_DASHBOARD_ROWS rows (a
    section heading counts) keep the labels at their size; a section is split only when it
    is longer than a part, its heading repeated."""
    import pandas as pd

    sections = ["A"] * 4 + ["B"] * 3 + ["C"] * 2 + ["D"] * 2 + ["E"] * 14
    g = pd.DataFrame({"section_zh": sections, "indicator_id": [f"i{k}" for k in range(25)]})
    parts = figures.dashboard_parts(g, most=13)
    rows = [p["section_zh"].nunique() + len(p) for p in parts]
    assert all(r <= 13 for r in rows)
    # three parts (fewest), E cut once (it must be), the largest part 11 rows (most even)
    assert [list(p["section_zh"].unique()) for p in parts] == [
        ["A", "B"], ["C", "D", "E"], ["E"]]  # fmt: skip
    assert max(rows) == 11
    assert sum(len(p) for p in parts) == 25 and pd.concat(parts).index.is_unique
    small = g[g["section_zh"].isin(["A", "B"])]
    assert len(figures.dashboard_parts(small, most=13)) == 1
    # of the cuts with fewest parts, the most even: 13 + 5 rows had left a near-empty page
    even = pd.DataFrame({"section_zh": ["A"] * 4 + ["B"] * 4 + ["C"] * 2 + ["D"] * 4})
    parts = figures.dashboard_parts(even, most=13)
    assert [p["section_zh"].nunique() + len(p) for p in parts] == [10, 8]
    # a section longer than a part is cut into even pieces, its heading on each
    long = pd.DataFrame({"section_zh": ["E"] * 14})
    assert [len(p) for p in figures.dashboard_parts(long, most=13)] == [7, 7]
    # but never into more parts than it needs: cut anywhere in a long section (cutting it
    # only into even pieces first had made 4 parts of 6 + 13 + 6 rows, where 3 do)
    three = pd.DataFrame({"section_zh": ["A"] * 6 + ["B"] * 13 + ["C"] * 6})
    parts = figures.dashboard_parts(three, most=13)
    assert len(parts) == 3 and all(p["section_zh"].nunique() + len(p) <= 13 for p in parts)
    assert [list(p["section_zh"].unique()) for p in parts][-1] == ["C"]  # C kept whole
    assert figures.brief_dashboard_stem(2025) == "brief_gap_dashboard_2025"
    assert figures.brief_dashboard_stem(2025, 2) == "brief_gap_dashboard_2025_2"
    # a part of the most rows the brief takes is drawn no taller than its tallest figure
    from langfang_metrics import brief

    most = figures.brief_dashboard_rows()
    assert figures.brief_dashboard_height(most) * 25.4 <= brief.MAX_FIGURE_HEIGHT.mm + 1e-9


def test_a_brief_dashboard_that_fits_its_page_is_one_figure():
    """10 targets in 4 plan sections (14 rows) came as two figures of 6 and 8 rows, each with
    its own axes and legend on a page 40 % empty: 13 rows (the most at their own 0.36 in) had
    counted the headings. A dashboard is cut only when even rows drawn closer
    (BRIEF_ROW_LEAST) do not fit the brief's tallest figure; drawn lower, not scaled."""
    import pandas as pd

    from langfang_metrics import brief

    room = brief.MAX_FIGURE_HEIGHT.inches
    most = figures.brief_dashboard_rows()
    assert (most * figures.BRIEF_ROW_LEAST + figures.DASHBOARD_FRAME <= room
            < (most + 1) * figures.BRIEF_ROW_LEAST + figures.DASHBOARD_FRAME)  # fmt: skip
    assert most >= 14  # the final evaluation's ten targets in four sections
    for rows in range(1, most + 1):  # never taller than the room, its rows never too close
        height = figures.brief_dashboard_height(rows)
        assert height <= room + 1e-9
        assert (height - figures.DASHBOARD_FRAME) / rows >= figures.BRIEF_ROW_LEAST - 1e-9
    # at their own size when they fit: a few targets are not stretched
    assert figures.brief_dashboard_height(4) == pytest.approx(2.4 + 0.36 * 4)

    def gaps(sections):
        return pd.DataFrame({
            "milestone_year": 2025, "status": "achieved",
            "section_zh": sections, "indicator_id": [f"i{k}" for k in range(len(sections))],
        })  # fmt: skip

    fourteen = gaps(["A"] * 2 + ["B"] * 2 + ["C"] * 2 + ["D"] * 4)
    assert figures.dashboard_rows(fourteen) == 14
    assert len(figures.brief_dashboards(fourteen)) == 1
    # one row more than fits: two parts, each within the room
    over = gaps(["A"] * (most - 2) + ["B"])
    assert figures.dashboard_rows(over) == most + 1
    parts = figures.brief_dashboards(over)
    assert len(parts) == 2 and all(figures.dashboard_rows(g) <= most for _, g in parts)


def test_the_a4_charts_saved_fit_an_a4_sheet(results, tmp_path):
    """Drawn 8.3 x 11.7 in, the dashboard was saved 21.7 x 30.2 cm with its margin: larger
    than the A4 sheet (21.0 x 29.7) it was drawn for."""
    import struct

    import matplotlib.pyplot as plt

    from langfang_metrics import export, plots

    a4 = (8.27 * export.PNG_DPI, 11.69 * export.PNG_DPI)
    for name, fig in [
        ("dashboard", plots.gap_dashboard(results.gaps, milestone_year=2025, lang="en")),
        ("overview", plots.status_overview(results.gaps, lang="en")),
    ]:
        (png,) = export.save_figure(fig, name, ("png",), out_dir=tmp_path)
        plt.close(fig)
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert width <= a4[0] and height <= a4[1], (name, width / 300 * 2.54, height / 300 * 2.54)


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


def test_figures_drawn_by_workers_equal_figures_drawn_here(results, tmp_path):
    kw = {"langs": ("zh",), "formats": ("png", "svg", "pdf"), "cache_dir": None}
    assert len(list(figures.figure_specs(results))) >= figures.MIN_PARALLEL_FIGURES
    here = figures.report_figures(results, tmp_path / "here", jobs=1, **kw)
    workers = figures.report_figures(results, tmp_path / "workers", jobs=2, **kw)
    assert _digests(here) == _digests(workers)
    # cut-down fonts are made in a temporary folder, never among the outputs
    assert sorted(p.name for p in (tmp_path / "workers").iterdir()) == [p.name for p in workers]


@pytest.mark.skipif(__import__("langfang_metrics.style").style.find_cjk_font() is None,
                    reason="needs a CJK font")  # fmt: skip
def test_a_chart_left_over_by_a_killed_run_equals_the_same_chart_drawn_with_all(results, tmp_path):
    """A run killed while drawing leaves most charts cached; the few left are drawn alone and
    must come out byte for byte as in a clean run (same fonts, same PDF and SVG)."""
    kw = {"langs": ("zh",), "formats": ("png", "svg", "pdf"), "jobs": 1}
    clean = figures.report_figures(results, tmp_path / "clean", cache_dir=tmp_path / "c1", **kw)
    figures.report_figures(results, tmp_path / "warm", cache_dir=tmp_path / "c2", **kw)
    stem = next(stem for stem, _ in figures.figure_specs(results))
    for left in (tmp_path / "c2").glob(f"*-{stem}_zh.*"):  # as if killed before drawing it
        left.unlink()
    for left in (tmp_path / "c2").iterdir():  # and every saved drawing (second level)
        if "-" not in left.stem:
            left.unlink()
    rerun = figures.report_figures(results, tmp_path / "rerun", cache_dir=tmp_path / "c2", **kw)
    assert _digests(rerun) == _digests(clean)


def test_chart_text_holds_names_and_labels(results):
    text = figures.chart_text(results)
    name = results.indicators["name_zh"].iloc[0]
    assert set(name) <= set(text)
    assert len(text) == len(set(text))


@pytest.mark.skipif(__import__("langfang_metrics.style").style.find_cjk_font() is None,
                    reason="needs a CJK font")  # fmt: skip
def test_a_chart_outside_the_cut_down_faces_is_drawn_with_the_installed_ones(tmp_path):
    import matplotlib.pyplot as plt

    from langfang_metrics import style

    fonts = style.cjk_subset_fonts("廊坊科技型中小企业", tmp_path / "fonts")

    def draw(title):
        def make(lang):
            with style.house_style(lang):
                fig, ax = plt.subplots(figsize=(3, 2))
                ax.set_title(title)
            return fig

        return make

    args = (tmp_path / "out", ("svg", "pdf"), None, None, fonts)
    inside = figures._draw_one(draw("廊坊科技型中小企业"), "inside_zh", "zh", *args)
    outside = figures._draw_one(draw("廊坊科技型中小企业 龘"), "outside_zh", "zh", *args)
    names = style.postscript_names(fonts)
    assert figures._glyph_fonts(inside[0].read_bytes()) <= names
    used = figures._glyph_fonts(outside[0].read_bytes())
    assert used and not used & names  # drawn again, with the installed faces only
    assert b"Subset" not in outside[1].read_bytes() and b"Subset" in inside[1].read_bytes()


def test_figure_files_lists_each_chart_once_with_its_files_per_language(tmp_path):
    paths = [
        tmp_path / f"coverage_{lg}.{ext}" for lg in ("zh", "en") for ext in ("pdf", "svg", "png")
    ]
    paths.append(tmp_path / "rd_path_zh.png")
    t = figures.figure_files(paths, lang="zh")
    assert list(t.columns) == ["文件名", "中文版文件", "英文版文件"]
    assert t.values.tolist() == [["coverage_*", "PNG · SVG · PDF", "PNG · SVG · PDF"],
                                 ["rd_path_*", "PNG", "—"]]  # fmt: skip


def test_a_damaged_cache_entry_is_drawn_again_not_published(results, tmp_path):
    """A truncated cached PNG was published as it was (3,000 bytes of 308,263), an emptied
    PDF as a 0-byte file, and a truncated one stopped every run at the brief."""
    kw = {"langs": ("en",), "formats": ("svg", "png", "pdf"), "jobs": 1}
    clean = figures.report_figures(results, tmp_path / "clean", cache_dir=tmp_path / "c", **kw)
    damaged = sorted((tmp_path / "c").glob("*-rd_path_en.png"))
    damaged += sorted((tmp_path / "c").glob("*-status_overview_en.pdf"))
    assert len(damaged) == 2
    damaged[0].write_bytes(damaged[0].read_bytes()[:3000])
    damaged[1].write_bytes(b"")
    second = [p for p in (tmp_path / "c").iterdir() if "-" not in p.stem and p.suffix == ".png"]
    second[0].write_bytes(b"\x89PNG")  # a saved drawing (second level) cut short too
    rerun = figures.report_figures(results, tmp_path / "rerun", cache_dir=tmp_path / "c", **kw)
    assert _digests(rerun) == _digests(clean)


def test_the_cache_key_follows_every_module_of_the_library(results, tmp_path, monkeypatch):
    """Charts format numbers with views: an edit there left stale charts in a warm run."""
    from pathlib import Path

    base = figures.inputs_digest(results)
    package = Path(figures.__file__).parent
    real = Path.read_bytes

    def edited(self):
        data = real(self)
        return data + b"\n# edited\n" if self == package / "views.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert figures.inputs_digest(results) != base


def test_a_users_matplotlibrc_does_not_reach_the_charts(results, tmp_path):
    import matplotlib as mpl

    kw = {"langs": ("en",), "formats": ("svg", "png"), "cache_dir": None, "jobs": 1}
    plain = figures.report_figures(results, tmp_path / "plain", **kw)
    with mpl.rc_context({"axes.facecolor": "lightyellow", "lines.markersize": 14,
                         "xtick.direction": "in", "hatch.linewidth": 3.0}):  # fmt: skip
        styled = figures.report_figures(results, tmp_path / "styled", **kw)
    assert _digests(styled) == _digests(plain)


def test_dashboard_parts_refuse_a_part_too_small_for_a_row():
    import pandas as pd

    g = pd.DataFrame({"section_zh": ["A"], "indicator_id": ["i"]})
    with pytest.raises(ValueError, match="2 rows or more"):
        figures.dashboard_parts(g, most=1)


def test_the_briefs_figures_leave_title_and_source_to_its_caption(results):
    """The brief printed each chart's title and source twice: in the picture and in its
    caption and source line beneath."""
    import matplotlib.pyplot as plt

    specs = dict(figures.figure_specs(results))
    for stem in ("brief_trajectory_high_tech_enterprises", "brief_rd_path",
                 "brief_gap_dashboard_2025"):  # fmt: skip
        fig = specs[stem]("en")
        assert not [t for t in fig.texts if t.get_gid() == "source-line"], stem
        assert all(ax.get_title(loc="left") == "" for ax in fig.axes), stem
        plt.close(fig)
    fig = specs["trajectory_high_tech_enterprises"]("en")  # the report's keep theirs
    assert fig.axes[0].get_title(loc="left") and [
        t for t in fig.texts if t.get_gid() == "source-line"]  # fmt: skip
    plt.close(fig)


def test_the_briefs_line_charts_are_drawn_at_its_text_width_and_two_share_a_page(results):
    """The brief's trajectory and R&D charts were drawn 6.5 inches wide and 4.4 tall: pasted
    at the 15.6 cm text width their labels printed at 94 %, and each took a half-empty page
    (the report writer's review)."""
    import matplotlib.pyplot as plt

    from langfang_metrics import brief
    from langfang_metrics.export import SAVE_PAD_INCHES, _tight_bbox

    specs = dict(figures.figure_specs(results))
    stems = [s for s in specs if s.startswith(figures.BRIEF_PREFIX)]
    assert any("dashboard" not in s for s in stems)
    text_height_mm = 297 - 37 - 35
    text_width = config.BRIEF_TEXT_WIDTH_MM / 25.4
    assert text_width * 25.4 == pytest.approx(brief.TEXT_WIDTH / 36000, abs=0.5)  # EMU
    for stem, lang in [(s, lang) for s in stems for lang in ("zh", "en")]:
        fig = specs[stem](lang)
        width, height = fig.get_size_inches()
        # the saved picture, labels beside the axes and margin included, is the text's
        # width: it was 16.2 cm for 15.6 and printed at 96 % (the report writer's review)
        box = _tight_bbox(fig, 300, pad_inches=SAVE_PAD_INCHES)
        plt.close(fig)
        assert text_width - 0.15 < box.width <= text_width + 0.002, (stem, lang, box.width)
        assert width <= text_width
        # two charts and their captions and sources on one page, as saved (at their own
        # size they were 9.7 cm tall, and each took a page); a caption line and a source of
        # three in Chinese take 33 mm, not the 15 once assumed: at 3.6 in the Chinese
        # brief's figures 3 and 4 still had a page each (the report writer's review)
        block = box.height * 914400 + brief.caption_block(1, 3, cjk=True)
        assert "dashboard" in stem or 2 * block <= brief.TEXT_HEIGHT, (stem, lang)
    assert brief.TEXT_HEIGHT / 36000 == pytest.approx(text_height_mm, abs=0.1)


def test_a_vintage_chart_is_drawn_only_where_it_shows_a_change_or_an_outcome(results):
    """With the data to 2022 each milestone had one vintage, and its chart was a single dot
    that said nothing the table does not, yet went into the gallery and the figures folder
    (the report writer's review). Two vintages, or one beside the milestone's own figure,
    make a chart."""
    import pandas as pd

    assert figures.vintage_keys(results) == []  # one vintage each in the shipped figures
    assert not [s for s, _ in figures.figure_specs(results) if s.startswith("vintage_")]
    two = pd.concat([results.vintages, results.vintages.assign(as_of=2021)])
    moved = dataclasses.replace(results, vintages=two)
    assert figures.vintage_keys(moved) == sorted(
        {(i, int(y)) for i, y in zip(two["indicator_id"], two["milestone_year"], strict=True)}
    )
    # the 2023 milestone's own figure in: the one forecast beside its outcome
    row = {"indicator_id": "high_tech_enterprises", "region": "langfang", "year": 2023,
           "value": 1330.0, "unit": "家", "status": "final"}  # fmt: skip
    done = dataclasses.replace(
        results, observations=pd.concat([results.observations, pd.DataFrame([row])])
    )
    assert figures.vintage_keys(done) == [("high_tech_enterprises", 2023)]


def test_every_chart_of_a_reconstruction_ends_its_source_line_with_the_day(results):
    """Charts are exported alone and go into the brief: those of a run --known-by read as the
    figures known now, the day said nowhere on them (the review). Each chart's source line
    ends with it, whole even where the sources fill their three lines; the charts of a run
    without the day are drawn as before."""
    import matplotlib.pyplot as plt

    from langfang_metrics.labels import label

    def source(draw, lang):
        fig = draw(lang)
        try:
            return "\n".join(t.get_text() for t in fig.texts if t.get_gid() == "source-line")
        finally:
            plt.close(fig)

    then = dataclasses.replace(results, known_by="2024-03-31")
    specs, now = dict(figures.figure_specs(then)), dict(figures.figure_specs(results))
    # one chart of each kind: each draws its own source line
    kinds = {stem.split("_")[0]: stem for stem in specs if not stem.startswith("brief_")}
    assert {"trajectory", "rd", "gap", "status", "coverage"} <= set(kinds)
    for lang in ("zh", "en"):
        day = label("known_by.source", lang, date="2024-03-31")
        for stem in kinds.values():
            said, before = source(specs[stem], lang), source(now[stem], lang)
            assert said.endswith(day) and "…" not in said.rsplit("\n", 1)[-1], (stem, said)
            assert said.replace("\n", "").startswith(before.replace("\n", "").rstrip("…"))
            assert "2024-03-31" not in before, stem


def test_a_report_chart_of_results_known_now_ignores_a_day_loaded_before():
    """The day of results loaded known by it (``style.charts_known_by``, as a notebook's
    ``compute.load_results`` sets it) ended the source line of a chart drawn afterwards
    from results known now: a plain run's chart said "as published by 2024-03-31"."""
    import matplotlib.pyplot as plt

    from langfang_metrics import labels, style

    drawn = []

    def draw(lang):
        with style.house_style(lang):
            fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
            style.add_source_line(fig, "Langfang", lang)
        drawn.append(fig.texts[0].get_text())
        plt.close(fig)

    style.charts_known_by("2024-03-31")
    try:
        figures.as_published_by(draw, None)("en")
        figures.as_published_by(draw, "2023-06-30")("en")
    finally:
        style.charts_known_by(None)
    assert drawn[0] == labels.source_line("Langfang", "en")
    assert drawn[1].endswith(labels.label("known_by.source", "en", date="2023-06-30"))
    assert "2024-03-31" not in drawn[1]
