"""Font detection, the English fallback without a CJK font, the house style."""

from __future__ import annotations

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from langfang_metrics import style


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
        "insufficient_data",
    ]  # fmt: skip
    assert len(set(style.STATUS_COLORS.values())) == 6
    # greyscale prints: markers and hatches also tell the statuses apart
    drawn = [s for s in style.STATUS_COLORS if s != "insufficient_data"]
    assert len({style.STATUS_MARKERS[s] for s in drawn}) == len(drawn)
    assert len({style.STATUS_HATCHES[s] for s in drawn}) == len(drawn)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_line(lang):
    fig = plt.figure(layout="constrained")
    style.add_source_line(fig, "廊坊市统计公报", lang)
    style.add_source_line(fig, None, lang)
    texts = [t.get_text() for t in fig.texts]
    prefix = "数据来源：" if lang == "zh" else "Source: "
    assert all(t.startswith(prefix) for t in texts)
    plt.close(fig)


def test_source_line_without_cjk_font_points_to_workbook(no_cjk):
    fig = plt.figure()
    style.add_source_line(fig, "廊坊市统计公报", "en")
    assert "workbook" in fig.texts[0].get_text()
    plt.close(fig)
