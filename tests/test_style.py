"""Font detection, the English fallback without a CJK font, the house style."""

from __future__ import annotations

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from langfang_metrics import labels, style


@pytest.fixture
def no_cjk(monkeypatch):
    monkeypatch.setattr(style, "find_cjk_font", lambda: None)
    monkeypatch.setattr(style, "_fallback_warned", False)


def test_find_cjk_font_is_cached_and_known():
    font = style.find_cjk_font()
    assert font is None or font in style.CJK_FAMILIES
    assert style.find_cjk_font() is font  # cached, same object


def test_zh_falls_back_to_en_with_exactly_one_warning(no_cjk):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert style.resolve_lang("zh") == "en"
        assert style.resolve_lang("zh") == "en"
        assert style.resolve_lang("en") == "en"
    assert len(caught) == 1
    assert issubclass(caught[0].category, UserWarning)
    assert "No Chinese (CJK) font" in str(caught[0].message)


def test_resolve_lang_rejects_unknown_language():
    with pytest.raises(ValueError, match="lang must be"):
        style.resolve_lang("de")


def test_house_style_sets_fonts_and_reproducibility_settings():
    with style.house_style("en") as lang:
        assert lang == "en"
        assert mpl.rcParams["svg.hashsalt"] == style.SVG_HASHSALT
        assert mpl.rcParams["axes.unicode_minus"] is False
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["font.family"][0] == style.LATIN_FAMILY
    if style.find_cjk_font():
        with style.house_style("zh") as lang:
            assert lang == "zh"
            assert mpl.rcParams["font.family"][0] == style.find_cjk_font()


def test_palette_is_fixed_and_distinct():
    assert list(style.STATUS_COLORS) == [
        "achieved", "on_track", "needs_acceleration", "insufficient_progress", "moving_away",
        "missed", "insufficient_data",
    ]  # fmt: skip
    assert len(set(style.STATUS_COLORS.values())) == 7
    # greyscale prints: markers and hatches also tell the statuses apart
    drawn = [s for s in style.STATUS_COLORS if s != "insufficient_data"]
    assert len({style.STATUS_MARKERS[s] for s in drawn}) == len(drawn)
    assert len({style.STATUS_HATCHES[s] for s in drawn}) == len(drawn)
    # "achieved" and "no data" were both unhatched: alike in greyscale (L* 58 and 58) and to
    # a deuteranope (khaki against grey; the print review)
    assert len(set(style.STATUS_HATCHES.values())) == len(style.STATUS_HATCHES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_line(lang):
    with style.house_style(lang) as drawn:
        fig = plt.figure(layout="constrained")
        style.add_source_line(fig, "廊坊市统计公报" if drawn == "zh" else "Langfang", drawn)
        style.add_source_line(fig, None, drawn)
    texts = [t.get_text() for t in fig.texts]
    prefix = "数据来源：" if drawn == "zh" else "Source: "
    assert all(t.startswith(prefix) for t in texts)
    plt.close(fig)


@pytest.mark.skipif(style.find_cjk_font() is None, reason="needs a CJK font")
def test_fit_lines_breaks_cjk_and_latin_text_to_width():
    size, width = 7, 200.0
    with style.house_style("zh"):
        short = "数据来源：廊坊市统计公报"
        assert style.fit_lines(short, width, size, 2) == [short]
        long = (
            "数据来源：" + "廊坊市强化企业科技创新专项服务工作方案（2021-2025年），征求意见稿" * 2
        )
        lines = style.fit_lines(long, width, size, 4)
        assert "".join(lines) == long and len(lines) > 1  # nothing lost, nothing added
        assert all(style.text_width(x, size) <= width for x in lines)
        assert not any(x[0] in "，。；：、）" for x in lines[1:])  # no closing mark starts a line
        assert not any(x[-1] in "（《" for x in lines)  # no opening mark ends one
        cut = style.fit_lines(long, width, size, 2)
        assert len(cut) == 2 and cut[-1].endswith("…") and style.text_width(cut[-1], size) <= width
        # a separator is the preferred break when what follows it fits
        two = "数据来源：廊坊市科学技术局工作方案征求意见稿；廊坊市国民经济和社会发展计划执行情况"
        assert style.fit_lines(two, 220, size, 2, prefer="；")[0].endswith("；")
    with style.house_style("en"):
        text = "Source: Langfang enterprise S&T innovation service work plan 2021-2025; report"
        lines = style.fit_lines(text, 150, size, 3)
        assert " ".join(lines) == text  # broken between words only
        assert all(style.text_width(x, size) <= 150 for x in lines)


def test_source_line_keeps_whole_names_within_the_figure():
    from langfang_metrics import labels

    name = "廊坊市强化企业科技创新专项服务工作方案(2021-2025年)(征求意见稿)"
    with style.house_style("zh"):
        fig = plt.figure(figsize=(6, 4), layout="constrained")
        style.add_source_line(fig, f"{name}；廊坊市2022年国民经济和社会发展计划执行情况", "zh")
    text = fig.texts[0].get_text()
    assert name in text.replace("\n", "") and "…" not in text
    assert len(text.split("\n")) <= style.SOURCE_MAX_LINES
    assert text.startswith(labels.source_line("", "zh"))
    plt.close(fig)


def test_a_third_source_line_is_drawn_whole_and_given_room():
    """Two sources and the plan's long English name: in two lines the English trajectory
    chart of high-tech enterprises ended "draft for…" (the English reader's review)."""
    text = ("Langfang S&T 14th Five-Year Plan, 2022-01-24; Langfang press conference on S&T "
            "achievements, 2023-02-10; targets: Langfang Municipal Science and Technology "
            "Bureau, Enterprise S&T Innovation Special Service Work Plan 2021-2025, draft for "
            "comment")  # fmt: skip
    strips = {}
    for source in ("Langfang statistical communique", text):
        with style.house_style("en"):
            fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
            style.add_source_line(fig, source, "en")
        drawn = fig.texts[0].get_text()
        assert "…" not in drawn and drawn.replace("\n", " ").endswith(source)
        strips[drawn.count("\n") + 1] = fig.get_layout_engine().get()["rect"][1]
        plt.close(fig)
    assert set(strips) == {1, 3}
    # the strip holds two lines; a third line widens it by one line's height
    assert strips[1] * 4.4 == pytest.approx(style.SOURCE_STRIP_INCHES)
    assert (strips[3] - strips[1]) * 4.4 == pytest.approx(style.SOURCE_LINE_INCHES)


def test_a_reconstructions_day_ends_the_source_line_whole_after_sources_cut_short():
    """run --known-by: each chart's source line ends with the day (``style.source_ending``),
    on the last line when it fits there, else on a line of its own and the strip a line
    higher: sources that fill their three lines end with "…", which must not cut the day."""
    day = labels.label("known_by.source", "en", date="2024-03-31")
    long = "; ".join(["Langfang Municipal Science and Technology Bureau work plan"] * 8)
    for source, lines in (("Langfang statistical communique", 1), (long, 4)):
        drawn = {}
        for end in ("", day):
            with style.house_style("en"), style.source_ending(end):
                fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
                style.add_source_line(fig, source, "en")
            drawn[end] = (fig.texts[0].get_text(), fig.get_layout_engine().get()["rect"][1])
            plt.close(fig)
        text, strip = drawn[day]
        assert text.endswith(day) and text.count("\n") + 1 == lines
        assert day not in drawn[""][0] and text.startswith(drawn[""][0])
        more = lines - 1 - drawn[""][0].count("\n")  # the lines the day added
        assert (strip - drawn[""][1]) * 4.4 == pytest.approx(more * style.SOURCE_LINE_INCHES)
    with style.house_style("en"):  # the context over, the lines end as drawn
        fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
        style.add_source_line(fig, "Langfang", "en")
    assert fig.texts[0].get_text() == labels.source_line("Langfang", "en")
    plt.close(fig)


def test_source_line_without_cjk_font_points_to_workbook(no_cjk):
    fig = plt.figure()
    style.add_source_line(fig, "廊坊市统计公报", "en")
    assert "workbook" in fig.texts[0].get_text()
    plt.close(fig)


@pytest.mark.skipif(style.find_cjk_font() is None, reason="needs a CJK font")
def test_cut_down_cjk_faces_draw_the_same_and_fall_back_for_other_characters(tmp_path):
    import io

    import matplotlib.pyplot as plt

    from langfang_metrics import export

    fonts = style.cjk_subset_fonts("廊坊科技型中小企业", tmp_path)
    assert len(fonts) == len(style.cjk_faces()) >= 1
    assert style.cjk_subset_fonts("廊坊科技型中小企业", tmp_path) == fonts  # reused
    again = style.cjk_subset_fonts("企业科技型中小廊坊", tmp_path)
    assert again == fonts  # same characters, same file whatever their order

    def draw(title: str) -> dict[str, bytes]:
        with style.house_style("zh"):
            fig, ax = plt.subplots(figsize=(3, 2))
            ax.set_title(title)
            ax.plot([2021, 2025], [8796, 10000])
        try:
            out = {}
            for fmt in ("png", "pdf"):
                buf = io.BytesIO()
                fig.savefig(buf, format=fmt, dpi=100, metadata=export._FIG_METADATA[fmt])
                out[fmt] = buf.getvalue()
            return out
        finally:
            plt.close(fig)

    full = draw("廊坊科技型中小企业 2025")
    with style.using_cjk_subset(fonts):
        assert style.font_families("zh")[0].endswith(style.SUBSET_SUFFIX)
        cut = draw("廊坊科技型中小企业 2025")
        # 龘 is not in the cut-down faces: it comes from the full font
        mixed = draw("廊坊科技型中小企业 龘")
    assert style.SUBSET_SUFFIX not in "".join(style.font_families("zh"))
    assert cut["png"] == full["png"]
    assert b"Subset" in cut["pdf"] and b"Subset" not in full["pdf"]
    full_face = style.cjk_faces()[0][0]
    if "NotoSansCJK" in full_face:  # the full face's PostScript name has no "Subset"
        assert b"NotoSansCJKsc-" in mixed["pdf"] and b"NotoSansCJKscSubset-" in mixed["pdf"]
    assert mixed["png"] != cut["png"]


def test_every_observation_status_has_its_own_marker_look():
    # a revised figure and the final one it revises sit in the same year: they must differ
    looks = list(style.OBS_MARKERS.values())
    assert len(set(looks)) == len(looks)
    assert set(style.OBS_MARKERS) == set(labels.OBS_STATUS_CODES)


@pytest.mark.skipif(style.find_cjk_font() is None, reason="needs a CJK font")
def test_a_chinese_pdf_embeds_its_cff_font_as_truetype(tmp_path):
    # /FontFile2 under /CIDFontType2 is for TrueType outlines; the CJK fonts have CFF ones,
    # and a PDF carrying CFF there lost every Chinese label in Ghostscript
    import re
    import zlib

    from fontTools.ttLib import TTFont

    from langfang_metrics import export

    [path] = style.cjk_subset_fonts("廊坊科技型中小企业", tmp_path / "fonts")[:1]
    font = TTFont(path)
    assert "CFF " in font  # the installed CJK faces are CFF-flavoured
    widths = {g: font["hmtx"][g][0] for g in font.getGlyphOrder()}
    style.truetype_outlines(font)
    font.save(tmp_path / "tt.ttf")
    tt = TTFont(tmp_path / "tt.ttf")
    assert tt.sfntVersion == "\x00\x01\x00\x00" and "glyf" in tt and "CFF " not in tt
    assert {g: tt["hmtx"][g][0] for g in tt.getGlyphOrder()} == widths  # same advances

    with style.house_style("zh"):
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_title("廊坊科技型中小企业：数量（家）")
    [pdf] = export.save_figure(fig, "zh", ("pdf",), out_dir=tmp_path)
    plt.close(fig)
    data = pdf.read_bytes()
    streams = [zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
               if m[:2] in (b"x\x9c", b"x\xda", b"x^", b"x\x01")]  # fmt: skip
    assert b"/FontFile2" in data and b"/CIDFontType2" in data
    assert any(s.startswith(b"\x00\x01\x00\x00") for s in streams)
    assert not any(s.startswith(b"OTTO") for s in streams)


def test_coverage_statuses_of_similar_lightness_differ_by_hatch():
    """Estimate and plan-baseline cells were told apart by fill colour alone."""
    hatch = {s: style.COVERAGE_STYLE[s][1] for s in style.COVERAGE_STYLE}
    assert hatch["estimate"] and hatch["plan-baseline"]
    marked = ["estimate", "plan-baseline", "lower-bound", "part-year"]
    assert len({hatch[s] for s in marked}) == len(marked)


def test_the_sessions_day_ends_a_source_line_once_in_the_charts_language():
    """Results loaded as known by a day (``style.charts_known_by``) end every source line
    with the day in the chart's language; a report figure drawn then (notebook 05) is in a
    ``source_ending`` of its own, whose words end its line instead of following the day's,
    and an empty one (a report chart of results known now, ``figures.figure_specs``) ends it
    as drawn: the day of results loaded before had ended a plain run's charts."""
    import contextlib

    style.charts_known_by("2024-03-31")
    drawn = {}
    for lang, end in (("en", None), ("zh", None), ("en", "its own words"), ("en", "")):
        ending = contextlib.nullcontext() if end is None else style.source_ending(end)
        with style.house_style(lang), ending:
            fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
            style.add_source_line(fig, "Langfang", lang)
        drawn[lang, end] = fig.texts[0].get_text()
        plt.close(fig)
    for lang in ("en", "zh"):
        day = labels.label("known_by.source", lang, date="2024-03-31")
        assert drawn[lang, None].endswith(day) and drawn[lang, None].count(day) == 1
    own = drawn["en", "its own words"]
    assert own.endswith("its own words") and "2024-03-31" not in own
    assert drawn["en", ""] == labels.source_line("Langfang", "en")
    style.charts_known_by(None)
    with style.house_style("en"):
        fig = plt.figure(figsize=(6.3, 4.4), layout="constrained")
        style.add_source_line(fig, "Langfang", "en")
    assert fig.texts[0].get_text() == labels.source_line("Langfang", "en")
    plt.close(fig)
