"""The analysis series: the best figure per year by status, and what a series refuses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from langfang_metrics import load_observations
from langfang_metrics.registry import load_indicators
from langfang_metrics.series import latest_published, latest_year, publication_ends, select_series

HTE = "high_tech_enterprises"


@pytest.fixture(scope="module")
def obs():
    return load_observations()


def _home_2022(obs):
    return obs[(obs["indicator_id"] == HTE) & (obs["region"] == "langfang") & (obs["year"] == 2022)]


def test_best_status_per_year_and_bounds_left_out(obs):
    y = select_series(obs, HTE)
    assert y.to_dict() == {2020: 905.0, 2022: 1258.0}
    assert y.attrs["status"] == {2020: "final", 2022: "final"}
    revised = pd.concat([obs, _home_2022(obs).assign(value=1260.0, status="revised")])
    assert select_series(revised, HTE)[2022] == 1260.0  # revised beats final
    bound = pd.concat([obs, _home_2022(obs).assign(year=2023, status="lower-bound")])
    assert 2023 not in select_series(bound, HTE).index


def test_a_missing_value_is_no_figure(obs):
    missing = pd.concat([obs, _home_2022(obs).assign(value=np.nan, status="revised")])
    assert select_series(missing, HTE)[2022] == 1258.0  # not NaN beating a valid final
    only_missing = pd.concat([obs, _home_2022(obs).assign(year=2023, value=np.nan)])
    assert latest_year(only_missing) == latest_year(obs)


def test_what_a_series_refuses_instead_of_guessing(obs):
    half = obs.assign(year=obs["year"].astype(float))
    half.loc[_home_2022(obs).index, "year"] = 2022.5
    with pytest.raises(ValueError, match="hold the year 2022.5; expected a whole year"):
        select_series(half, HTE)
    half.loc[_home_2022(obs).index, "year"] = np.nan
    with pytest.raises(ValueError, match="hold the year nan"):
        select_series(half, HTE)
    clash = pd.concat([obs, _home_2022(obs).assign(value=1300.0)])
    with pytest.raises(ValueError, match=r"different final figures for 2022 \(1258, 1300\)"):
        select_series(clash, HTE)
    same = pd.concat([obs, _home_2022(obs)])  # an exact duplicate is one figure
    assert select_series(same, HTE).to_dict() == {2020: 905.0, 2022: 1258.0}
    with pytest.raises(ValueError, match="infinite value for year 2022"):
        select_series(pd.concat([obs, _home_2022(obs).assign(value=np.inf, status="revised")]), HTE)


def test_each_row_says_whether_its_series_uses_it():
    """A preliminary 1,350 and a final 1,342, a final 1,258 and a revised 1,262: the tables
    listed both and said nowhere which one the numbers use."""
    from langfang_metrics.series import in_series

    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2022, 2022, 2023, 2023, 2024],
                        "value": [1258.0, 1262.0, 1350.0, 1342.0, 1400.0],
                        "status": ["final", "revised", "preliminary", "final", "part-year"]})  # fmt: skip
    assert in_series(obs).tolist() == [False, True, False, True, False]


def test_a_replaced_figure_is_listed_with_the_one_that_replaced_it():
    """The series took the revised 1,262 and the final 1,342 and nobody was told that 1,258
    and the preliminary 1,350 had been replaced."""
    from langfang_metrics.series import superseded

    obs = pd.DataFrame({"indicator_id": "high_tech_enterprises", "region": "langfang",
                        "year": [2022, 2022, 2023, 2023, 2024, 2024],
                        "value": [1258.0, 1262.0, 1350.0, 1342.0, 1400.0, 1400.0],
                        "status": ["final", "revised", "preliminary", "final", "preliminary",
                                   "final"]})  # fmt: skip
    got = superseded(obs)
    assert got[["year", "value", "status", "earlier_value", "earlier_status"]].values.tolist() == [
        [2022, 1262.0, "revised", 1258.0, "final"],
        [2023, 1342.0, "final", 1350.0, "preliminary"],
        [2024, 1400.0, "final", 1400.0, "preliminary"],  # confirmed: no longer provisional
    ]
    assert superseded(obs, as_of=2022)["year"].tolist() == [2022]  # a vintage's own years
    # a final figure of another value than a revised one is no confirmation
    assert superseded(obs[obs["year"] == 2022])["earlier_status"].tolist() == ["final"]
    # a frame stacked by a caller's concat repeats index labels: each row is still its own
    stacked = pd.concat([obs.iloc[[0]], obs.iloc[[1]]])
    assert stacked.index.tolist() == [0, 1] and superseded(stacked)["earlier_value"].tolist() == [
        1258.0]  # fmt: skip
    repeated = pd.concat([obs.iloc[[0]], obs.iloc[[1]].set_axis([0])])
    assert superseded(repeated)["earlier_value"].tolist() == [1258.0]
    assert not got["slip"].any()  # revisions of a few firms, not typing errors


def test_a_figure_ten_times_off_and_corrected_is_a_slip_not_a_revision():
    """591.23 (a slip flagged to verify) corrected to 59.123 as 修订数 read "2022年由
    591.23亿元（正式数）改为59.123亿元（修订数）", a revision of a figure never published (the
    officer's review)."""
    from langfang_metrics.series import power_of_ten_apart, superseded

    obs = pd.DataFrame({"indicator_id": "rd_spending", "region": "langfang",
                        "year": [2022, 2022, 2023, 2023],
                        "value": [591.23, 59.123, 6.49, 64.9],
                        "status": ["final", "revised", "final", "revised"]})  # fmt: skip
    assert superseded(obs)["slip"].tolist() == [True, True]
    assert power_of_ten_apart(5912.3, 59.123) and power_of_ten_apart(0.0145, 1.45)
    # one or two digits could be either; digits that differ are a revision (the diff review)
    for a, b in ((1262, 1258), (20, 10), (0, 5), (-5.9, 59), (np.nan, 5), (95.4, 10), (1, 10),
                 (0.5, 5), (1300, 130), (6.48, 64.9)):  # fmt: skip
        assert not power_of_ten_apart(a, b), (a, b)


def test_known_by_reads_dates_as_the_loader_writes_them_and_as_a_hand_made_frame_gives_them():
    """published_end assumed loader text: 2022年2月 in a hand-made frame raised a bare int()
    error, Timestamps counted as undated, and known_by="2023-02" dropped a figure of
    2023-02-01 (the diff review)."""
    import datetime

    obs = pd.DataFrame({"indicator_id": "x", "region": "langfang", "year": [2020, 2021, 2021],
                        "value": [1.0, 2.0, 3.0], "status": ["final", "preliminary", "revised"],
                        "published": ["2021年2月", pd.Timestamp("2022-02-01"),
                                      datetime.date(2023, 3, 1)]})  # fmt: skip
    assert select_series(obs, "x", known_by="2022-02").tolist() == [1.0, 2.0]
    assert select_series(obs, "x", known_by="2023").tolist() == [1.0, 3.0]  # the revision
    assert select_series(obs, "x", known_by="2021-12-31").tolist() == [1.0]
    with pytest.raises(ValueError, match=r"published date that is no date: '2023-13'"):
        select_series(obs.assign(published="2023-13"), "x", known_by="2023")


def test_known_by_keeps_what_the_run_keeps(tmp_path):
    """select_series(known_by=) said an undated figure counts as known, while run
    --known-by left out the undated figures of a year not over by the day (and now those
    after a preliminary published later): a notebook's series and the run's differed. Both
    read observations.known_on."""
    from langfang_metrics.observations import published_by

    given = tmp_path / "统计局.csv"
    given.write_text("指标代码,地区,年份,数值,单位,状态,公布日期\n"
                     "rd_spending,langfang,2022,61.0,亿元,正式数,\n"
                     "rd_spending,langfang,2023,64.1,亿元,初步数,2024-06-30\n"
                     "rd_spending,langfang,2023,64.6,亿元,正式数,\n"
                     "rd_spending,langfang,2024,70.0,亿元,预计数,\n", encoding="utf-8")  # fmt: skip
    obs = load_observations([given])
    for day in ("2024-03-31", "2024-07-01", "2025-01-01"):
        run = published_by(obs, day)
        mine = select_series(obs, "rd_spending", known_by=day)
        assert mine.to_dict() == select_series(run, "rd_spending").to_dict(), day
    # the year not over (2024) and the final before its preliminary (2023) are left out
    assert select_series(obs, "rd_spending", known_by="2024-03-31").to_dict() == {2022: 61.0}
    assert select_series(obs, "rd_spending", known_by="2024-07-01").to_dict() == {
        2022: 61.0, 2023: 64.6}  # fmt: skip
    # a frame with no published column: every figure undated, the years not over left out
    plain = obs.drop(columns="published")
    kept = select_series(plain, "rd_spending", known_by="2024-03-31")
    assert kept.index.tolist() == [2022, 2023]


def test_of_a_figure_revised_twice_the_latest_known_counts():
    """1,291 revised in 2025-03 and revised again to 1,295 in 2025-11: select_series refused
    the two revisions, so a vintage between them could not be read (the statistician's
    review). The latest published among those known by the day counts; the frame the
    workbook marks (in_series) takes the latest, whatever the row order."""
    from langfang_metrics.series import best_figures, in_series

    obs = pd.DataFrame({"indicator_id": "x", "region": "langfang", "year": 2023,
                        "value": [1295.0, 1288.0, 1291.0],
                        "status": ["revised", "final", "revised"],
                        "published": ["2025-11", "2024-02", "2025-03"]})  # fmt: skip
    assert select_series(obs, "x").tolist() == [1295.0]
    assert select_series(obs, "x", known_by="2025-06-30").tolist() == [1291.0]
    assert select_series(obs, "x", known_by="2025-12").tolist() == [1295.0]
    assert select_series(obs, "x", known_by="2024-12").tolist() == [1288.0]
    assert select_series(obs, "x").attrs["status"] == {2023: "revised"}
    assert best_figures(obs)["value"].tolist() == [1295.0]
    assert in_series(obs).tolist() == [True, False, False]
    assert in_series(obs.iloc[::-1]).tolist() == [False, False, True]
    # undated, or dated so that either could be the later: which counts is not guessed
    for dates in (["", "2024-02", "2025-03"], ["2025", "2024-02", "2025-03"]):
        with pytest.raises(ValueError, match="different revised figures for 2023"):
            select_series(obs.assign(published=dates), "x")


def test_latest_published_keeps_the_last_dated_figure_of_each_key_in_input_order():
    rows = pd.DataFrame({
        "year": [2023, 2024, 2023, 2024, 2025],
        "value": [5.0, 6.0, 5.2, 6.1, 7.0],
        # a month counts as its last day: 2024-03 is after 2024-03-15
        "published": ["2024-03-15", "", "2024-03", "2025-01-10", ""],
    })  # fmt: skip
    out = latest_published(rows, ["year"])
    assert out["value"].tolist() == [5.2, 6.1, 7.0]
    assert out.index.tolist() == [2, 3, 4]


def test_latest_published_of_rows_dated_alike_keeps_the_first_and_reads_no_column_as_undated():
    rows = pd.DataFrame({"year": [2023, 2023, 2024], "value": [1.0, 2.0, 3.0]})
    assert latest_published(rows, ["year"])["value"].tolist() == [1.0, 3.0]
    assert latest_published(rows.iloc[:0], ["year"]).empty


def test_publication_ends_reads_dates_a_frame_built_by_hand_holds_as_timestamps():
    # NaT is undated; no column at all, every row undated
    rows = pd.DataFrame({"published": pd.to_datetime(["2024-01-02", None, "2023-12-01"])})
    assert publication_ends(rows).tolist() == ["2024-01-02", "", "2023-12-01"]
    assert publication_ends(rows.drop(columns="published")).tolist() == ["", "", ""]


def test_a_typo_of_an_indicator_is_refused_with_the_nearest_id(obs):
    """A typo, high_tech_enterprise (an s short), gave an empty series without a word, read
    in a notebook as an indicator without data."""
    with pytest.raises(ValueError, match="unknown indicator 'high_tech_enterprise'.*did you mean "
                       "'high_tech_enterprises'") as err:  # fmt: skip
        select_series(obs, "high_tech_enterprise")
    zh = err.value.args[1]
    assert "未知指标 'high_tech_enterprise'" in zh and "'high_tech_enterprises'" in zh
    with pytest.raises(ValueError, match="unknown indicator 'zzz'") as err:
        select_series(obs, "zzz")  # nothing close: no suggestion
    assert "did you mean" not in err.value.args[0] and "是否指" not in err.value.args[1]


def test_a_known_indicator_without_figures_is_an_empty_series(obs):
    """Insufficient data is no error: an id with figures elsewhere only, and one of the
    registry with no figure at all (the suite asks for every indicator it lists)."""
    assert select_series(obs, HTE, region="no_such_region").empty
    assert select_series(obs, HTE, as_of=2000).empty
    listed = set(load_indicators()["indicator_id"]) - set(obs["indicator_id"])
    assert listed  # the registry lists indicators still without a figure
    assert all(select_series(obs, iid).empty for iid in listed)
    hand = pd.DataFrame({"indicator_id": ["x"], "region": ["other"], "year": [2021],
                         "value": [1.0], "status": ["final"]})  # fmt: skip
    assert select_series(hand, "x").empty  # a frame built by hand knows its own ids


def test_a_known_by_that_is_no_date_is_the_callers_not_the_datas():
    """select_series(known_by="garbage") said the observations held a published date that
    is no date, blaming the data for the caller's day (the diff review)."""
    obs = load_observations()
    with pytest.raises(ValueError) as err:
        select_series(obs, "high_tech_enterprises", known_by="garbage")
    assert err.value.args[0].startswith("known_by 'garbage' is no date")
    assert err.value.args[1].startswith("known_by 'garbage' 不是日期")


def test_a_registry_given_is_the_one_an_id_without_figures_is_checked_against(obs):
    """An id of a caller's own registry without figures was refused as unknown, as the
    configured registry was read in its place (the diff review): the registry passed is the
    one checked, and the library's own callers pass theirs."""
    ours = pd.concat([load_indicators(), load_indicators().iloc[:1].assign(
        indicator_id="county_incubators")], ignore_index=True)  # fmt: skip
    assert select_series(obs, "county_incubators", registry=ours).empty
    with pytest.raises(ValueError, match="unknown indicator 'county_incubators'"):
        select_series(obs, "county_incubators")  # the configured registry lacks it
    with pytest.raises(ValueError, match="the registry given") as err:
        select_series(obs, "high_tech_enterprise", registry=ours.iloc[1:])
    assert "所给登记表" in err.value.args[1]


def test_gaps_and_home_series_take_an_indicator_of_the_registry_they_are_given(obs):
    from langfang_metrics.compute import home_series

    ours = pd.concat([load_indicators(), load_indicators().iloc[:1].assign(
        indicator_id="county_incubators")], ignore_index=True)  # fmt: skip
    series = home_series(obs, ours)  # no figures: left out, not refused as unknown
    assert "county_incubators" not in series and "high_tech_enterprises" in series
