"""The one table of user-facing strings, in Chinese and English.

Charts, the workbook and the CSV exports take every word a reader sees from here (or from the
indicators frame, which carries the indicators' own names and units). Keys are namespaced:

- ``status.<code>``: gap-assessment statuses (``achieved`` ... ``insufficient_data``);
- ``path.<code>``: trajectory paths (``required``, ``rd_10pct``);
- ``obs.<code>``: observation statuses (``final`` ... ``other-definition``);
- ``axis.*``, ``title.*``, ``legend.*``, ``note.*``: chart texts (some take ``{placeholders}``);
- ``source.*``: the source line under each chart;
- ``sheet.*`` and ``col.*``: workbook sheet names and column headers;
- ``index.*``: the report index page and the run summary;
- ``brief.*``: the Word monitoring brief (headings, sentence templates, captions, annex);
- ``run.*``: the main job's notices (waiting for another run, repairs, notebook progress);
- ``dept.<Chinese name>``: English names of the plan's departments.

Use :func:`label` for one language and :func:`bilingual` for "中文 / English" headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from numbers import Integral

from . import config
from ._forecast_core import CUMULATED

LANGS = ("zh", "en")

#: Gap-assessment status codes, best first (the order of every legend and table).
STATUS_CODES = (
    "achieved",
    "on_track",
    "needs_acceleration",
    "insufficient_progress",
    "moving_away",
    "missed",
    "insufficient_data",
)

#: Observation statuses (the config's list, so the two cannot drift apart).
OBS_STATUS_CODES = config.STATUSES

PATH_CODES = ("required", "rd_10pct")

_STATUS = {
    "status.achieved": ("已实现", "Achieved"),
    "status.on_track": ("符合进度", "On track"),
    "status.needs_acceleration": ("需加快", "Needs acceleration"),
    "status.insufficient_progress": ("进展不足", "Insufficient progress"),
    "status.moving_away": ("偏离目标", "Moving away"),
    "status.missed": ("未达标", "Missed"),
    "status.insufficient_data": ("数据不足", "Insufficient data"),
}

_PATH = {
    "path.required": ("目标路径", "Target path"),
    "path.rd_10pct": ("年均增长10%路径", "10%/yr path"),
}

_OBS = {
    "obs.final": ("正式数", "Final"),
    "obs.revised": ("修订数", "Revised"),
    "obs.preliminary": ("初步数", "Preliminary"),
    "obs.estimate": ("预计数", "Estimate"),
    "obs.chained": ("衔接数", "Chained"),
    "obs.chained-preliminary": ("衔接初步数", "Chained preliminary"),
    "obs.lower-bound": ("下限", "Lower bound"),
    "obs.upper-bound": ("上限", "Upper bound"),
    "obs.part-year": ("非全年", "Part-year"),
    "obs.other-definition": ("口径不同", "Other definition"),
}

_CHART = {
    # report index page and the run's status table
    "index.title": (
        "廊坊市强化企业科技创新专项服务工作方案目标监测",
        "Langfang enterprise S&T plan 2021-2025: target monitor",
    ),
    # data up to the plan's last year: its final evaluation, as the brief is titled
    "index.title_final": (
        "廊坊市强化企业科技创新专项服务工作方案目标终期评估",
        "Langfang enterprise S&T plan 2021-2025: final evaluation of the targets",
    ),
    "index.as_of": ("数据截至", "Data as of"),
    "index.workbook": ("Excel 工作簿", "Excel workbook"),
    "index.notebooks": ("分析笔记本", "Notebooks"),
    "index.figures": ("图表", "Figures"),
    "index.total": ("合计", "Total"),
    # axes
    "axis.year": ("年份", "Year"),
    "axis.vintage": ("数据截至年份", "Data as of"),
    "axis.progress": (
        "增量完成进度（占基期至目标增量的比例）",
        "Progress (share of the change from baseline to target)",
    ),
    # two lines in English: one, "100 million yuan (10 = 1 billion yuan)" stood taller than
    # the brief's low charts, and their picture could not be fitted to its height
    "axis.inline_unit": ("{unit}", "{unit}\n({equiv})"),
    "axis.count": ("目标数", "Number of targets"),
    "axis.status": ("状态", "Status"),
    "axis.department": ("责任部门", "Responsible department"),
    "axis.growth": ("同比增长", "Growth on previous year"),
    # titles ({year}, {name} placeholders)
    "title.rd_path": ("全社会研发经费与年均增长10%路径", "R&D spending against the 10%/yr path"),
    "title.gap_dashboard": ("{year}年目标进展评估", "Progress towards the {year} targets"),
    # the milestone year is over (``views.milestone_over``). "Outcome of the 2025 targets"
    # stood over a legend saying "graded on 2022 data, not the outcome"; a dashboard holds
    # outcomes, grades on earlier figures and rows without data side by side, so the title
    # says neither, as 完成情况 does not (the report writer's review)
    "title.gap_dashboard_over": ("{year}年目标完成情况", "Status of the {year} targets"),
    "brief.fig_dashboard_assessed": (
        "{title}：可评估的{n}项目标（其余{lacking}项数据不足以评估，见表{table}）",
        "{title}: the {n} that can be assessed (the other {lacking} have too little data to "
        "assess; see Table {table})",
    ),
    "title.status_counts": ("各目标年份状态分布", "Targets by status and milestone"),
    "note.dept_matrix_inferred": (
        "*含按相关措施推定的责任部门（方案未明确该目标的责任部门）",
        "*includes departments inferred from a related measure (the plan names none for the "
        "target)",
    ),
    "note.dept_matrix_shared": (
        "一个目标可有多个责任部门，在每个部门下各计一次，故合计多于{n}个目标",
        "A target with several departments counts once under each, so the cells add up to "
        "more than its {n} targets",
    ),
    "title.dept_matrix": (
        "责任部门 × 状态（{year}年目标）",
        "Responsible department × status ({year} targets)",
    ),
    "title.status_overview": ("目标状态总览", "Status overview"),
    "title.vintage": (
        "{name}：{year}年预测值随数据更新的变化",
        "{name}: forecast for {year} by data vintage",
    ),
    # legend entries and annotations
    "legend.observed": ("实际值", "Actual"),
    # across years without a figure the actual line is dotted (no figure between)
    "legend.observed_gap": ("实际值（其间年份无数据）", "Actual (no figures in between)"),
    "legend.actual_of": ("{year}年实际值", "Actual {year}"),
    "legend.actual_flagged": ("{actual}（{status}）", "{actual} ({status})"),
    # the registry's baseline is the plan's: named as the coverage grid names it
    "legend.baseline": ("方案基期值", "Plan baseline"),
    "legend.forecast": ("预测值", "Forecast"),
    "legend.pi80": ("80%预测区间", "80% interval"),
    "legend.pi95": ("95%预测区间", "95% interval"),
    "legend.milestone": ("{year}年目标", "{year} target"),
    "legend.yearly_target": ("其他年度目标", "Target, other years"),
    # a target re-based onto a new definition, labelled on a chart: "≥33.9" alone left a
    # reader holding the plan without its 40 (the report writer's review)
    "chart.rebased_target": ("{target}（原文{plan}）", "{target} (plan: {plan})"),
    # a growth-rate target drawn as the level its path reaches by the milestone year
    "chart.growth_target_level": ("{target}（{rate}）", "{target} ({rate})"),
    "legend.target": ("目标值", "Target"),
    "legend.path_share": (
        "按目标路径在最新数据年份应达进度",
        "Where the target path stood at the latest figure",
    ),
    # the tick is read in the latest figure's year, named when the rows share it: "by now"
    # for a 2023 milestone over was the path's 2022 level (the planner's review)
    "legend.path_share_at": ("按目标路径{year}年应达进度", "Where the target path stood in {year}"),
    # an outcome, or a grade, that rests on a preliminary figure or an estimate
    "legend.path_from": ("（自{year}年起算）", " (from {year})"),
    # a progress share measured from a first figure after the plan's base year, its row
    # marked with legend.path_from (views.progress_from)
    "legend.progress_from": (
        "（自年份起算）：方案未给基期值，增量完成进度从该年数据起算，不是从{base}年",
        "(from year): no plan baseline; progress counted from that year's figure, not {base}",
    ),
    # a yearly flow's row, marked with plots._FLOW_MARK: its bar is no share of a change
    "legend.flow_share": (
        "{mark}年度目标：进度为当年数字占当年目标的比例，不是基期至目标的增量",
        "{mark}yearly target: the year's figure over the year's target, not a change from baseline",
    ),
    "legend.provisional_star": (
        "*依据初步数、预计数或上下限",
        "*preliminary, estimate or bound: may change",
    ),
    "legend.early_owed": (
        "（年份）：该年提前达到，待目标年份数据确认",
        "(year): met early that year; milestone-year figure pending",
    ),
    # a settled growth-rate grade graded from a late first figure (views.rate_years_open)
    "legend.rate_open": (
        "{mark}另取决于未计入的{years}年增速",
        "{mark}also turns on the uncounted growth of {years}",
    ),
    "dash.early_year": ("（{year}年）", " ({year})"),
    # the milestone year over without its figure: grades on earlier figures
    "legend.graded_on": (
        "目标年份已过，尚无该年数字：状态按{year}年数据评估，并非实际结果",
        "Milestone year over, its figure not yet reported: graded on {year} data, not the outcome",
    ),
    "legend.graded_on_earlier": (
        "目标年份已过，尚无该年数字：状态按此前数据评估，并非实际结果",
        "Milestone year over, its figure not yet reported: graded on earlier data, not the outcome",
    ),
    # the dotted swatch of the status counts' legend; the note under the axis says more
    "legend.provisional_dotted": ("点状：初步结果，待确切数字", "dotted: provisional"),
    "legend.provisional_dotted_early": (
        "点状：初步结果或提前达到，待确认",
        "dotted: provisional or met early",
    ),
    "legend.provisional_count": (
        "点状及括号内：依据初步数、预计数或上下限，待确切数字",
        "dotted, in brackets: preliminary, estimate or bound; exact figure pending",
    ),
    # ... or met before the milestone year, which is over without its figure
    "legend.provisional_count_early": (
        "点状及括号内：依据初步数、预计数或上下限，待确切数字；或提前达到，待目标年份数据确认",
        "dotted, in brackets: preliminary, estimate or bound, exact figure pending; or met "
        "early, to be confirmed by the milestone year's figure",
    ),
    # of the change from baseline to target, not of the target ("完成进度" read as 完成率,
    # 9,850 of 10,000 firms as 88 %: the planner's review)
    "axis.progress_short": ("增量完成进度", "Progress"),
    "legend.progress_share": ("增量完成进度", "Progress"),
    "legend.actual_spending": ("实际值", "Actual"),
    "legend.mean_vintage": ("预测值（按数据年份）", "Forecast (by vintage)"),
    "legend.milestone_year": ("{year}年", "{year}"),
    "legend.figure_of_year": ("{year}年{value}", "{value} in {year}"),
    "legend.off_scale": ("{status}：{figures}", "{status}: {figures}"),
    "legend.not_drawn": ("（超出图幅，未画出）", "(off the scale, not drawn)"),
    # notebook 01: which statuses enter a series, from config.SERIES_STATUS_PRIORITY (its
    # text named four and left out chained figures: the statistician's review)
    "note.series_statuses": (
        "只有以下状态的年末数字进入分析序列（按此优先顺序）：{used}；{kept}的数字作为背景保留。",
        "Only year-end figures of these statuses enter an analysis series, in this order of "
        "preference: {used}; {kept} figures are kept as context.",
    ),
    "note.projected_gap": ("预计缺口", "Projected gap"),
    "note.projected_surplus": ("预计超出", "Projected surplus"),
    # the milestone year over without its figure: the projection of a year gone by
    "note.owed_gap": ("{year}年数字待报\n推算缺口", "{year} figure pending\nprojected gap"),
    "note.owed_surplus": ("{year}年数字待报\n推算超出", "{year} figure pending\nprojected surplus"),
    "note.actual_gap": ("实际缺口", "Shortfall"),
    "note.actual_surplus": ("实际超出", "Surplus"),
    "note.interim_gap": ("缺口（{status}）", "Shortfall ({status})"),
    "note.interim_surplus": ("超出（{status}）", "Surplus ({status})"),
    "note.points": ("{value}个百分点", "{value} pp"),
    "fmt.more_files": ("{files}等{total}个文件", "{files} and {n} more file{n_s}"),
    "fmt.more_departments": ("{files}等{total}个部门", "{files} and {n} more department{n_s}"),
    "note.no_data": ("暂无数据", "No data yet"),
    "note.no_actuals": ("暂无实际数据", "No actual figures yet"),
    "note.one_vintage": (
        "目前只有一个数据年份（截至{when}）的预测；\n每增加一年数据，增加一次预测",
        "One vintage so far (data to {when});\neach new year of data adds one",
    ),
    "note.one_vintage_settled": (
        "实际值公布前只有一个数据年份（截至{when}）的预测",
        "One vintage (data to {when})\nbefore the actual came in",
    ),
    "note.clipped": ("超出显示范围", "beyond the scale"),
    "dash.no_progress": ("无完成进度可示", "no progress share"),
    "note.department_n": ("部门{n}", "Department {n}"),
    "source.and_more": ("等", " and others"),
    "source.separator": ("；", "; "),
    # source line
    "source.prefix": ("数据来源：", "Source:"),
    "source.default": (
        "廊坊市统计公报、政府工作报告等公开资料",
        "Langfang statistical communiqués, government work reports and other public documents",
    ),
    "source.see_workbook": (
        "见工作簿“观测”表",
        "see the workbook, sheet Observations, for each figure's source",
    ),
    "source.forecast": (
        "以截至各年的数据测算的预测（各年数据按现有最新值，含其后的修订）",
        "forecasts made from the figures up to each year (as known now, later revisions included)",
    ),
    # every vintage drawn read its figures as published by then (``vintages.known_by``)
    "source.forecast_known": (
        "以截至各年的数据测算的预测（各年数据按当时已发布的数字，不含其后的修订）",
        "forecasts made from the figures up to each year, as published by then (later revisions "
        "left out)",
    ),
    # some did (their figures carry publication dates), the others as known now
    "source.forecast_partly_known": (
        "以截至各年的数据测算的预测（注明发布日期的，按当时已发布的数字，不含其后的修订；其余按现有最新值）",
        "forecasts made from the figures up to each year (as published by then where the figures "
        "are dated, later revisions left out; the others as known now)",
    ),
    "source.gaps_to": (
        "根据《工作方案》目标与截至{year}年的统计数据测算",
        "computed from the plan's targets and the figures up to {year}",
    ),
    "source.shipped": ("本项目汇集的公开数据", "the public figures the project collected"),
    # the shipped table beside returned files, counted apart from them (plots.coverage_sources)
    "source.shipped_and_files": ("{shipped}及{files}", "{shipped}; {files}"),
    # words a department typed into its return (a source, a note), in Chinese with no English
    # gloss: the English outputs say whose return they are (``coverage.returned_words``); the
    # Chinese outputs keep them as typed
    "source.returned_by": ("{department}报送：{text}", "{department}'s return: {text}"),
    "source.note_by": ("{department}备注：{text}", "{department}'s note: {text}"),
    # the same from an input file that names no department the suite knows
    "source.given_in_chinese": ("{text}", "source given in Chinese: {text}"),
    "source.note_in_chinese": ("{text}", "note given in Chinese: {text}"),
    # an input file in an English source line: whose return it is, not its Chinese name
    "source.return_file": ("{department}报送的文件", "{department}'s return"),
    # the departments whose returns were read, named together in a Chinese source line
    # (plots.source_files): "市市场监督管理局、市科技局报送的数据"
    "source.returns_of": ("{departments}报送的数据", "the returns of {departments}"),
    # the departments' returns, then the files of no known sender, counted apart
    # (plots._returns_zh): "市科技局报送的数据和县里汇总.xlsx等2个文件"
    "source.returns_and_files": ("{returns}和{files}", "{returns}; {files}"),
    # an input file where a figure came from (workbook, checks): the name stays, as it is the
    # file to open, and says in English whose return it is
    "col.origin_return": ("{file}（{department}报送）", "{file} ({department}'s return)"),
    # a chart that draws the plan's targets or paths names the plan for them
    "source.plan_targets": (
        "目标：廊坊市科学技术局《廊坊市强化企业科技创新专项服务工作方案（2021-2025年）（征求意见稿）》",
        "targets: Langfang Municipal S&T Bureau, Enterprise S&T Innovation Special Service "
        "Work Plan 2021-2025 (draft for comment)",
    ),
    "source.gaps": (
        "根据《工作方案》目标与最新统计数据测算",
        "computed from the plan's targets and the latest figures",
    ),
}


#: The planner's overview table and the display formats of every table for people.
_VIEWS = {
    "col.baseline_to_target": ("基期 → 目标", "Baseline → target"),
    "col.latest": ("最新值（年份）", "Latest (year)"),
    "col.projected_range": ("预计值 [80%区间]", "Projected [80% range]"),
    "col.status_label": ("状态", "Status"),
    "col.chart": ("图表", "Chart"),
    "col.department": ("责任部门", "Department"),
    "col.years": ("年份", "Years"),
    "col.department_notes": ("部门说明", "Department notes"),
    "col.said_by": ("{department}：{note}", "{department}: {note}"),
    "col.name": ("指标", "Indicator"),
    "fmt.missing": ("—", "—"),
    "fmt.count_provisional": ("{n}（{k}）", "{n} ({k})"),
    "fmt.paren": ("（{text}）", " ({text})"),
    # where the target path stands in a year: the latest figure's, or for a row with no
    # figure yet the year the data run to
    "fmt.on_path_by": ("按路径{year}年应为{value}", "target path: {value} in {year}"),
    # under a forecast's probability, what the backtests of longer series say of it
    "fmt.p_backtest_low": ("回测显示可能偏低", "backtests: may be too low"),
    "fmt.p_backtest_high": ("回测显示可能偏高", "backtests: may be too high"),
    "fmt.no_own_figure": ("缺{year}年数据", "no {year} figure yet"),
    # under a status graded on earlier figures while its milestone year is over
    "fmt.graded_on": ("按{year}年数据", "on {year} data"),
    # on track with a pace below the one needed: the grade's tolerance (R ≥ 0.95), said where
    # the two paces or the figure below its path stand beside "on track" (a planner read
    # "年均增长2.5%，而…需年均增长2.6%，评估为“符合进度”" as a contradiction)
    "fmt.within_tolerance": ("{tol}容差内", "within the {tol} tolerance"),
    "fmt.forecast_owed": ("{words}；缺{year}年数据", "{words}; no {year} figure yet"),
    "fmt.figure_in": ("已有实际值", "see latest figure"),
    "fmt.growth_target": ("年均增长{value}", "{value} a year"),
    "fmt.per_year": ("{value}/年", "{value}/yr"),
    "points.target": (
        "{name}（{year}年目标{target}）：{status}，{where}；{p}。",
        "{name} ({year} target {target}): {status}, {where}; {p}.",
    ),
    "points.probability": ("达标概率{p}", "probability of meeting it {p}"),
    # the outcome's kind beside the status, not after the figures: "285家（2025年）（实际
    # 结果）" stacked two parentheses, and after the pace it read as the pace's
    # a yearly flow's years, at the end of its last milestone's point
    "points.flow_tally": (
        "；已有数据的{k}个年度中{m}个达到当年目标",
        "; of the {k} years with a figure, {m} met the year’s target",
    ),
    # who is responsible for a miss, at the end of its point
    "points.departments": ("；责任部门：{departments}", "; responsible: {departments}"),
    "points.departments_inferred": (
        "；责任部门（按相关措施推定）：{departments}",
        "; responsible (inferred from a related measure): {departments}",
    ),
    "points.settled": (
        "{name}（{year}年目标{target}）：{status}（{said}），{where}。",
        "{name} ({year} target {target}): {status} ({said}), {where}.",
    ),
    # a milestone year over without its figure, and no forecast of it
    "points.owed": (
        "{name}（{year}年目标{target}）：{status}，{where}。",
        "{name} ({year} target {target}): {status}, {where}.",
    ),
    "points.waiting": (
        "{total}个指标中有{n}个还没有足以评估进度的数字",
        "{n} of the {total} indicators do not have the figures to be assessed yet",
    ),
    "points.waiting_one": (
        "{total}个指标中有1个还没有足以评估进度的数字",
        "1 of the {total} indicators does not have the figures to be assessed yet",
    ),
    # every such milestone year is over (the final evaluation): not "yet", but owed. What
    # sets them apart is what they lack ({lack}: views.waiting_lack), not their milestone
    # year's figure: every target lacked it, the two graded ones too (the reviewers)
    "points.waiting_over": (
        "{total}个指标中有{n}个{lack}，无法评估进度，也无法判定是否达标",
        "{n} of the {total} indicators {lack}: neither their progress nor whether they met "
        "their targets can be judged",
    ),
    "points.waiting_over_one": (
        "{total}个指标中有1个{lack}，无法评估进度，也无法判定是否达标",
        "1 of the {total} indicators {lack}: neither its progress nor whether it met its "
        "target can be judged",
    ),
    # ... what they lack: no figure after a baseline (R&D spending's one 2021 figure is its
    # baseline), no figure at all, some of each, or (a figure after the baseline but no
    # pace to grade) the figures to grade them
    "points.lack_after_baseline": (
        "基期之后没有可据以评估的数字",
        "have no figure after their baseline to grade them on",
    ),
    "points.lack_after_baseline_one": (
        "基期之后没有可据以评估的数字",
        "has no figure after its baseline to grade it on",
    ),
    "points.lack_any": ("没有任何数字", "have no figures at all"),
    "points.lack_any_one": ("没有任何数字", "has no figures at all"),
    "points.lack_mixed": (
        "基期之后没有数字（或没有任何数字）",
        "have no figure after their baseline (or none at all) to grade them on",
    ),
    "points.lack_mixed_one": (
        "基期之后没有数字（或没有任何数字）",
        "has no figure after its baseline (or none at all) to grade it on",
    ),
    "points.lack_grading": ("没有足以评估进度的数字", "do not have the figures to grade them"),
    "points.lack_grading_one": ("没有足以评估进度的数字", "does not have the figures to grade it"),
    "points.waiting_most": (
        "；其中须由{department}提供数字的最多（{k}个指标）",
        "; the figures of {k} of these are asked of the {department}, more than of any other "
        "department",
    ),
    "points.waiting_most_one": (
        "；其数字须由{department}提供",
        "; its figures are asked of the {department}",
    ),
    # milestone years over while Langfang's data stop before them (views.milestones_over)
    "points.milestones_over": (
        "注意：节点年份{years}年已经结束（{where}{last}年的全年数字已发布），但尚未收集到廊坊市"
        "{these}的目标指标数字：本报告对{these}的判断是按{latest}年数据所作的预测，并非实际"
        "结果；实际数请各有关部门报送（见下方“仍缺的数据”）。",
        "Note: the milestone year{n_s} {years} {have} ended (whole-year figures of {last} are "
        "out for {where}), but Langfang’s figures for {them} have not been collected: what "
        "this report says of {years} is a forecast from the {latest} data, not an outcome; "
        "the departments concerned are asked for the actual figures (see “Data still "
        "missing” below).",
    ),
    # regions not named (a frame without them)
    "fmt.some_regions": ("其他地区", "other regions"),
    "points.waiting_see": ("，见下方“仍缺的数据”。", ": see “Data still missing” below."),
    "points.heading": ("要点", "Key points"),
    "points.fiscal": (
        "财政：按高新技术企业数量预测的中位数，{first}—{last}年新认定企业的市级奖补（每家{award}万元）累计约"
        "{cost}亿元（80%区间{lo}亿至{hi}亿元）。",
        "Budget: on the median forecast of high-tech enterprises, the city's award for newly certified "
        "firms ({award} yuan each) adds up to about {cost} million yuan in {first}-{last} (80% "
        "range {lo} to {hi} million yuan).",
    ),
    # years counted from figures, then years forecast: what is spent and what is to budget
    "points.fiscal_rounding": (
        "分项分别四舍五入，相加与合计略有出入。",
        " Parts are rounded separately and may not add up to the total.",
    ),
    "points.fiscal_split": (
        "财政：新认定高新技术企业的市级奖补（每家{award}万元），按企业净增数计：{counted}年约"
        "{past}亿元；{ahead_years}年按预测中位数约{ahead}亿元（80%区间{alo}至{ahi}亿元）；{first}—{last}"
        "年合计约{cost}亿元（80%区间{lo}亿至{hi}亿元）。{rounding}",
        "Budget: the city's award for newly certified high-tech enterprises ({award} yuan "
        "each), counted on the net increase of firms: about {past} million yuan in {counted}; "
        "about {ahead} million yuan on the median forecast for {ahead_years} (80% range {alo} to {ahi} "
        "million); "
        "about {cost} million yuan in {first}-{last} (80% range {lo} to {hi} million).{rounding}",
    ),
    # the counted years rest on a preliminary figure or an estimate: the sum is not settled
    "points.fiscal_provisional": (
        "其中依据的{items}，待正式数确认。",
        " It rests on figures not yet final: {items}.",
    ),
    "points.fiscal_provisional_item": ("{year}年{status}", "{year} ({status})"),
    "basis.on_provisional": ("{basis}（依据{items}）", "{basis} ({items} only)"),
    "basis.on_item": ("{year}年{status}", "{year} {status}"),
    # the range's low end is the years already counted: no net increase after them
    "points.fiscal_floor": (
        "区间下端假定{year}年以后高新技术企业不再净增。",
        " The range’s low end assumes no further net increase after {year}.",
    ),
    # the same clause's re-certification award, not estimated (no counts in the data)
    "points.fiscal_recertified": (
        "同一条款另有对再次通过认定企业的奖补（每家{award}万元，市级负担{share}%），数据中没有再"
        "认定户数，未计入。",
        " The same clause also pays re-certified firms ({award} yuan each, {share}% from the "
        "city): a second award, not counted, as the data hold no count of re-certifications.",
    ),
    "points.fiscal_actual": (
        "财政：按高新技术企业净增数估算，{first}—{last}年新认定企业的市级奖补（每家{award}万元）累计约"
        "{cost}。",
        "Budget: estimated on the net increase of high-tech enterprises, the city's award for newly "
        "certified firms ({award} yuan each) added up to about {cost} million yuan in "
        "{first}-{last}.",
    ),
    # what the net increase of the stock leaves out and takes in, after each fiscal key
    # point: firms certified to replace lapsed ones do not show in it, and firms that moved
    # in whole (plan Part 3 (2) names them apart from new certifications) are in it
    # without being newly certified, so it is no strict floor ("净增数未计入为接替证书到期企业
    # 而新认定的企业及重新认定的企业，因此是下限" read as translationese, and as a floor that
    # move-ins can break: the planner's review)
    "points.fiscal_net": (
        "证书到期后未再次通过认定的企业退出，补上的新认定企业不体现为净增，实际新认定户数通常多于净增数；"
        "净增数中也含从外地整体转入的企业（不属于新认定）。实际奖补以财政拨付数为准。",
        " Newly certified firms that only replace firms whose certificates lapsed do not show "
        "in the net increase, so more firms are usually newly certified than it counts; it also "
        "counts firms that moved in whole, which are not newly certified. The amounts paid, "
        "from the finance bureau, settle it.",
    ),
    "fmt.needed_from_now": ("此后需年均{value}", "needs {value} a year from here on"),
    # the milestone year is over, its figure owed: what reaching the target needed, not what
    # it needs "from here on" (the final-evaluation review); "took" read as achieved
    "fmt.needed_over": ("{year}年达标需年均{value}", "meeting it by {year} needed {value} a year"),
    "fmt.needed_hold": (
        "已超过{year}年所需水平，保持即可",
        "already past the level {year} asks for: hold it",
    ),
    "fmt.pace_since": ("{year}年以来年均{value}", "{value} a year since {year}"),
    "fmt.latest": ("{value}（{year}年）", "{value} ({year})"),
    "fmt.latest_flagged": ("{value}（{year}年，{status}）", "{value} ({year}, {status})"),
    "fmt.to_verify": ("待核实", "to verify"),
    # a path's start the plan does not give (R&D spending: 10 % a year from its first figure;
    # "path start" was jargon to the English reader)
    "fmt.path_start": ("起算值", "first figure"),
    # a growth-rate target's start implied by the next year's reported growth
    "fmt.path_derived": ("按{year}年增速推算", "implied by {year}’s growth"),
    # a running total's baseline: where the count starts, by definition
    "fmt.count_start": ("{value}（{year}年起累计新增）", "{value} (added from {year} on)"),
    # a target re-based onto a new definition: the plan's own figure beside it
    "fmt.rebased": (
        "（按新口径重定；方案原文{plan}）",
        " (re-based on a new definition from the plan’s {plan})",
    ),
    # ... inside a parenthesis already: "（2025年目标33.9%，按新口径重定，方案原文40%）"
    "fmt.rebased_inline": (
        "，按新口径重定，方案原文{plan}",
        ", re-based on a new definition from the plan’s {plan}",
    ),
    # a baseline re-based onto a new definition, the plan's own figure in its bracket
    "fmt.rebased_bare": (
        "按新口径重定，方案原文{plan}",
        "re-based on a new definition from the plan’s {plan}",
    ),
    "fmt.rebased_baseline": ("{value}（{year}年；{rebased}）", "{value} ({year}; {rebased})"),
    # a yearly flow's target holds in each year of the plan, not at the milestone alone
    "fmt.each_year": ("{target}（{first}—{last}年每年）", "{target} (each year {first}-{last})"),
    # why a row is not assessed, under its status: only the plan's baseline, or only the
    # figure its path starts from, is held
    "status.baseline_only": ("仅有基期值", "baseline only"),
    # ... but a running total's baseline is the 0 it counts from, no figure anyone reported:
    # "仅有基期值" beside "0家（2021年起累计新增）" implied a 2020 return (the planner's review)
    "status.none_reported": ("尚无报送数据", "no figure reported yet"),
    "status.start_only": ("仅有起算值", "first figure only"),
    # ... and, before its milestone year, what grading it waits for: a level has no pace
    # from one figure (a share's first figure of 2024 read "缺2020年数据：2021—2024年增速
    # 未计", words of the growth-rate target, and sent a statistician after a 2020 figure
    # no grade of a level needs: the review)
    "status.start_needs_another": (
        "待另一年数据评估",
        "another year’s figure needed to grade",
    ),
    # a growth-rate target's path that starts after the plan's base year leaves that year's
    # growth unassessed (the plan counts its average growth from the base year)
    "status.start_only_late": (
        "仅有起算值\n缺{base}年数据：\n{years}年增速未计",
        "first figure only\nno {base} figure:\n{years}’s growth not counted",
    ),
    # a growth-rate target graded from a first figure after the plan's base year
    # {years}: the plan's years before the first figure, "2021" or "2021—2023"
    "status.rate_year_left": ("{years}年增速未计", "{years}’s growth not counted"),
    # what that growth would have to be to turn a settled grade ({avg}: "年均" for several)
    "status.rate_year_needed": (
        "若{years}年{avg}增速不低于{rate}，即可达标",
        "met if {years}’s {avg}growth was {rate} or more",
    ),
    "status.rate_year_spoils": (
        "若{years}年{avg}增速低于{rate}，则未达标",
        "missed if {years}’s {avg}growth was below {rate}",
    ),
    "status.rate_year_needed_fall": (
        "若{years}年{avg}降幅不超过{rate}，即可达标",
        "met if {years}’s {avg}fall was {rate} or less",
    ),
    "status.rate_year_spoils_fall": (
        "若{years}年{avg}降幅超过{rate}，则未达标",
        "missed if {years}’s {avg}fall was more than {rate}",
    ),
    "fmt.rate_avg": ("年均", "average "),
    # achieved on an earlier year's figure, the milestone year over without its own
    "status.early_owed": (
        "{year}年已达到，待{milestone}年数据确认",
        "reached in {year}; to be confirmed by the {milestone} figure",
    ),
    "fmt.no_forecast": ("数据不足以预测", "too few figures to forecast"),
    # met before its milestone year, too few figures to forecast whether it holds
    "fmt.hold_no_forecast": (
        "需保持至{year}年，数据不足以预测能否保持",
        "to be held until {year}; too few figures to forecast whether it holds",
    ),
    "xlsx.unit_rate_target": ("{unit}（目标：{rate}）", "{unit} (target: {rate})"),
    "fmt.baseline_to_verify": ("基期数待核实", "baseline to verify"),
    "fmt.earlier_to_verify": ("{years}年数待核实", "{years} figure to verify"),
    "fmt.earlier_to_verify_n": ("{years}年数待核实", "{years} figures to verify"),
    "fmt.list_sep": ("，", ", "),
    "brief.flagged": ("{value}（{status}）", "{value} ({status})"),
    "likelihood.hold": ("{words}保持", "{words} to hold"),
    # the milestone year over, its figure owed: whether the level held through it
    "likelihood.held": ("{words}已保持", "{words} to have held"),
    "likelihood.known": ("实际结果", "actual outcome"),
    "likelihood.known_provisional": ("初步结果，待正式数", "provisional, final figure pending"),
    "likelihood.known_on_bound": ("依据{bound}，待确切数字", "on {bound}, exact figure pending"),
    "fmt.range": ("{value} [{lo}–{hi}]", "{value} [{lo}–{hi}]"),
    "fmt.at_most": ("≤{value}", "≤ {value}"),
    "fmt.dept_sep": ("、", "; "),
    # departments the plan names for a related measure only (registry departments_basis)
    # no "均" / "all": it stood after a single department too (the planner's review)
    "fmt.departments_inferred": (
        "（按相关措施推定）",
        " (inferred from a related measure)",
    ),
    "fmt.colon": ("：", ": "),
    # the project's English of a quote of the plan, under it (the English workbook)
    "fmt.our_translation": ("英文：{text}", "Our translation: {text}"),
    "note.no_rows": (
        "（暂无数据行：目前没有满足条件的数据。）",
        "(No rows yet: no data meet the conditions.)",
    ),
    "note.full_tables": (
        "完整的技术表格见 data/processed/*.csv 与 Excel 工作簿（reports/{workbook}）。",
        "The complete technical tables are in data/processed/*.csv and the Excel workbook "
        "(reports/{workbook}).",
    ),
}

#: The data-coverage picture and the landing page.
_COVERAGE = {
    "title.coverage": (
        "数据覆盖：各指标各年份已掌握的数据",
        "Data coverage: the figure held per indicator and year",
    ),
    "coverage.none": ("无数据", "Nothing held"),
    "coverage.plan-baseline": ("方案基期值", "Plan baseline"),
    "coverage.zero-by-definition": (
        "按定义为0（累计数起点）",
        "Zero by definition (a running total's start)",
    ),
    "source.coverage": (
        "{files}（廊坊市；每格为该年最佳数据的状态）",
        "{files} (Langfang; each cell the status of the best figure held)",
    ),
    "fmt.yes": ("是", "yes"),
    "fmt.no": ("否", "no"),
    "col.field": ("项目", "Field"),
    "col.content": ("内容", "Content"),
    "col.line": ("行", "Line"),
    "col.corrupted": ("原文（乱码）", "As obtained"),
    "col.repaired": ("修复后", "Repaired"),
    "col.reason": ("说明", "Reason"),
    "col.parameter_id": ("参数代码", "Parameter ID"),
    "col.parameter": ("参数", "Parameter"),
    "col.segment": ("区间", "Segment"),
    "segment.overall": ("全程", "Overall"),
    "col.start_year": ("起始年", "From"),
    "col.end_year": ("终止年", "To"),
    "col.start_value": ("起始值", "Start value"),
    "col.end_value": ("终止值", "End value"),
    "col.shape": ("路径形态", "Shape"),
    "col.annual_growth": ("年均增速", "Annual growth"),
    "col.annual_increment": ("年均增量", "Annual increment"),
    "col.consistent": ("与前一节点方向一致", "Consistent with the previous milestone"),
    "col.probability": ("概率", "Probability"),
    "col.forecast_origin": ("预测起点", "Forecast origin"),
    "col.level": ("水平", "Level"),  # which way: the comparison column beside it (≥, ≤)
    "col.basis": ("依据", "Basis"),
    # counted from the stock's figures (its net increase), not from payments: "实际值" read
    # as awards paid (the planner's review)
    "basis.actual": ("按实际净增数", "Net increase counted"),
    "basis.actual_spread": (
        "按实际净增数（{first}—{last}年均摊）",
        "Net increase counted ({first}-{last} spread evenly)",
    ),
    "basis.forecast": ("预测值", "Forecast"),
    # counted on the net increase of the stock, not the firms certified: "新认定
    # 企业数 87.7" was quotable as the certifications of a year (the report writer's review)
    "col.new_firms": ("新认定企业数（按净增计）", "New firms (net increase)"),
    "col.cum_new_firms": ("累计新认定（按净增计）", "Cum. new firms (net increase)"),
    "col.cum_new_lo_80": ("累计下限（80%）", "Cum., low (80%)"),
    "col.cum_new_hi_80": ("累计上限（80%）", "Cum., high (80%)"),
    "col.cost_wan": ("奖补（万元）", "Awards (10k yuan)"),
    "col.cost_city_wan": ("市级负担（万元）", "City share (10k yuan)"),
    "col.cost_county_wan": ("县级负担（万元）", "County share (10k yuan)"),
    "col.cum_cost_wan": ("累计奖补（万元）", "Cum. awards (10k yuan)"),
    "col.cum_new_range": ("累计新认定 [80%区间]", "Cum. new firms [80% range]"),
    # the page's and notebook 04's table: English in million yuan, as its key point says it
    "col.cost_money": ("奖补（万元）", "Awards (million yuan)"),
    "col.cum_cost_range": ("累计奖补（万元）[80%区间]", "Cum. awards (million yuan) [80% range]"),
    # ... and without a forecast year, no range to head (the final evaluation's table)
    "col.cum_new_counted": ("累计新认定", "Cum. new firms"),
    "col.cum_cost_money": ("累计奖补（万元）", "Cum. awards (million yuan)"),
    # notebook 04's note on the fiscal table, said of the years it holds (views.fiscal_note);
    # its "是下限：证书到期需补充的企业…" left out firms moving in whole (the planner's review)
    "note.fiscal_basis": (
        "新认定高新技术企业每家奖补{award}万元，由市级给予（方案三（二）：“对新认定的高新技术企业市级给予"
        "20万元奖补”；其后“市级、县级分别负担50%”指再次通过认定企业的奖补）。新认定数以高企净增数近似"
        "：证书到期后补上的新认定企业不体现为净增，从外地整体转入的企业（不属于新认定）则计入净增，"
        "再认定奖补无法从现有数据得到。",
        "The award of {award} yuan per newly certified high-tech enterprise, given by the city "
        "(Part 3 (2) says the city gives it; the 50/50 city-county split stated after it "
        "belongs to the award for re-certified enterprises). New certifications are "
        "approximated by the net increase of the stock: it leaves out certifications that "
        "replace lapsed firms and takes in firms that moved in whole, which are not newly "
        "certified; the re-certification award cannot be counted from the data.",
    ),
    "note.fiscal_spread": (
        "{start}年与{end}年之间没有逐年数字：其间的净增数按整家均摊到{years}年各年（合计等于该净增数）。",
        " Between the figures of {start} and {end} there are no yearly ones: the net increase "
        "between them is spread over {years} in whole firms (adding up to that increase).",
    ),
    "note.fiscal_forecast": (
        "{years}年为中位预测值（高于或低于它的可能各半；预测分布右偏，平均值更高），累计数和累计奖补另列80%"
        "区间：数据点很少，区间很宽，应按区间而不是中位值安排预算。",
        " The years {years} give the median forecast (as likely to be exceeded as not; the distribution "
        "is skewed to the right, so its mean is higher), with the 80% range of the cumulative "
        "count and cost beside it: with so few figures the range is wide, and a budget should "
        "be planned on the range, not the median.",
    ),
    "note.fiscal_counted": (
        "各年均按企业净增数计，没有预测年份。",
        " Every year is counted from the net increase; none is a forecast.",
    ),
    "note.fiscal_detail": (
        "逐年明细见 data/processed/fiscal_exposure.csv。",
        " The yearly detail is in data/processed/fiscal_exposure.csv.",
    ),
    "col.cum_cost_lo_80_wan": ("累计奖补下限（80%）", "Cum. awards, low (80%)"),
    "col.cum_cost_hi_80_wan": ("累计奖补上限（80%）", "Cum. awards, high (80%)"),
    "col.origin": ("预测起点年", "Forecast origin"),
    "col.input_origin": ("出处（文件、行）", "Read from (file, row)"),
    "col.h": ("预测步长（年）", "Horizon (years)"),
    "col.actual": ("实际值", "Actual"),
    "col.error": ("误差", "Error"),
    "col.ape_s": ("对称百分比误差", "Symmetric % error"),
    "col.scale": ("尺度", "Scale"),
    "col.sentence": ("评估", "Assessment"),
    "col.first": ("最早年份", "First year"),
    "col.last": ("最新年份", "Latest year"),
    "col.statuses": ("数据状态", "Statuses"),
    "col.figure": ("图表", "Figure"),
    "col.format": ("格式", "Format"),
    "col.file_stem": ("文件名", "File name"),
    "col.files_zh": ("中文版文件", "Chinese files"),
    "col.files_en": ("英文版文件", "English files"),
    "col.unit_zh": ("单位", "Unit (zh)"),
    "col.unit_en": ("单位（英文）", "Unit"),
    "col.bin": ("概率区间", "Probability range"),
    "col.predicted": ("平均预测概率", "Mean forecast probability"),
    "col.observed_share": ("实际发生比例", "Share that happened"),
    "col.events": ("事件数", "Events"),
    "col.series": ("序列数", "Series"),
    "col.observed_range": ("95% 区间（按序列计）", "95% range (by series)"),
    # a bin whose range leaves out its mean forecast: "42%" beside "42%–100%" hid the one
    # miss the verdict above the table counts (the statistician's review)
    "col.misses_diagonal": ("区间不含对角线", "Range misses the diagonal"),
    "col.difference": ("实际减预测（百分点）", "Happened minus predicted (points)"),
    "landing.lead": (
        "每个目标一行：责任部门、基期与目标、最新数据、状态、达标概率与预计值。按方案章节排列，章节内最需关注的排在前面。",
        "One row per target: departments, baseline and target, latest figure, status, "
        "probability of meeting it and projected value. In plan order, the most worrying first "
        "within each section.",
    ),
    "landing.counts": ("目标状态统计", "Targets by status"),
    "landing.milestone": ("{year}年目标", "{year} milestone"),
    "landing.targets": ("全部目标一览", "Every target"),
    "landing.by_department": ("按责任部门查看", "By department"),
    "plan.title": ("标题", "Title"),
    "plan.title_zh": ("标题（中文）", "Title (Chinese)"),
    "plan.title_en": ("标题（英文）", "Title (English)"),
    "plan.notice_zh": ("通知标题", "Notice"),
    "plan.issuer": ("发布单位", "Issued by"),
    "plan.date": ("发布日期", "Date"),
    "plan.status": ("文件状态", "Status"),
    "plan.script": ("字形", "Script"),
    "plan.obtained": ("获取方式", "How it was obtained"),
    "plan.source_sha256": ("原始文件 SHA-256", "SHA-256 of the file obtained"),
    "plan.as_obtained_file": ("原样文本文件", "Text as obtained"),
    "plan.as_obtained_changes": ("原样文本的改动", "Changes to the text as obtained"),
    "plan.repaired_file": ("修复文本文件", "Repaired text"),
    "plan.repaired_changes": ("修复文本的改动", "Changes in the repaired text"),
    "plan.authority": ("权威依据", "Which text is authoritative"),
    "landing.all": ("全部", "All"),
    "landing.showing": (
        "当前只显示{department}负责的目标。",
        "Showing the targets of the {department} only.",
    ),
    "landing.show_all": ("显示全部", "Show all"),
    # the departments asked: those that compile a statistic (市统计局), else the responsible
    "landing.missing": (
        "仍缺的数据（按应提供数据的部门）",
        "Data still missing, by department asked",
    ),
    "landing.missing_lead": (
        "下列年份还没有可用的年度数字（正式数、修订数、初步数或预计数均可）；注明“待正式数”的年份目前只有"
        "初步数或预计数，仍需报送正式数。统计类指标（如全社会研发经费）向负责该项统计的部门征集。（统计人员：运行命令 `langfang-metrics request 文件夹/`，即可为"
        "每个部门生成一份数据征集表（Excel）。）",
        "These years have no usable yearly figure yet (final, revised, preliminary or estimate "
        "all count); a year marked “final figure pending” has only a preliminary figure or an "
        "estimate so far. A statistic (such as R&D spending) is asked of the department that "
        "compiles it. (For statisticians: the command `langfang-metrics request folder/` "
        "writes a data-request workbook (Excel) per department.)",
    ),
    # ... and a growth-rate target's base year among them
    "landing.missing_deciding": (
        "加粗的年份决定目标是否达标：该指标的目标节点年份，以及年均增速目标的基期（{year}年）。",
        " Years in bold decide whether a target is met: the indicator's milestone years, and "
        "the base year ({year}) a yearly growth target is counted from.",
    ),
    "landing.missing_milestones": (
        "加粗的年份是该指标的目标节点年份：有了这一年的数字，即可判定该节点是否达标。",
        " Years in bold are the indicator's milestone years: their figure settles whether the "
        "milestone is met.",
    ),
    "landing.final_owed": (
        "{year}年（{status}，待正式数）",
        "{year} ({status}; final figure pending)",
    ),
    "landing.final_owed_kind": ("{status}，待正式数", "{status}; final figure pending"),
    # a department's own words on a year it left without a figure (its request's note)
    "landing.said": ("{year}年：{note}", "{year}: {note}"),
    "landing.said_by": ("{year}年（{department}）：{note}", "{year} ({department}): {note}"),
    "landing.none_missing": ("所有目标年份均已有数据。", "Every target year has a figure."),
    "landing.checks": ("数字待核实", "Figures to verify"),
    "landing.checks_warn": (
        "有{n}个数字看起来可能有误（单位、小数点或口径），仍照常计入下列表格和预测（注明“口径不同”的数字除外），请先核实：",
        "Figures that look wrong (a unit, a decimal point or a definition?): {n}. They are "
        "still used in the tables and forecasts below (figures given the status "
        "other-definition are left out); verify them first:",
    ),
    "landing.checks_warn_definition": (
        "有{n}处口径变化，口径不同的数字未计入下列表格和预测，请核实序列口径：",
        "Changes of definition: {n}. Figures of another definition are not used in the tables "
        "and forecasts below; check which definition the series keeps:",
    ),
    "landing.checks_link": ("见“数字待核实”", "see “Figures to verify”"),
    "landing.checks_lead": (
        "这些数字已载入并参与计算（注明“口径不同”的数字除外），但与同一序列的其他数字不相称。数字有误的，请以修订数更正；"
        "数字无误的，请在备注中说明。`langfang-metrics request` 生成的数据征集表会向责任部门再次列出它们；"
        "没有责任部门的背景指标，请统计人员核对来源文件。"
        "每条的完整说明见 data/processed/checks.csv，`langfang-metrics validate` 也会列出（另含发布日期先后不符等只涉及日期的疑点）。",
        "These figures are loaded and used (figures given the status other-definition are left out), but "
        "do not fit the rest of their series. Correct a "
        "wrong one with a revised figure, and say in the note why a right one is right; the "
        "workbooks of `langfang-metrics request` list them again to their departments, and a "
        "context indicator no department is asked for is for the statistician to check in its "
        "source file. data/processed/checks.csv and `langfang-metrics validate` give each in "
        "full (and findings about dates alone, such as publication dates out of order).",
    ),
    "col.check": ("疑点", "What looks wrong"),
    "col.where": ("出处", "Where it came from"),
    "check.cumulative_fall": ("累计数比上一年少", "a cumulative count below the year before"),
    "check.steep_fall": (
        "比前一个数字骤降（不到其三分之一，比重或金额不到一半；填了增速、半年数或其他单位？）",
        "far below the figure before it (under a third; a share or an amount under half: a "
        "growth rate, a part-year figure or another unit?)",
    ),
    "check.steep_rise": (
        "是前一个数字的三倍以上（填了其他指标、其他地区的数字，单位或位数有误？）",
        "over three times the figure before it (another indicator's or region's figure, "
        "another unit or a slipped digit?)",
    ),
    "check.spike": (
        "远高于前后两个数字（多了一位数、单位或指标有误？）",
        "far above the figures before and after it (a slipped digit, another unit or "
        "another indicator?)",
    ),
    "check.scale": (
        "与其参照值（同一序列的其他数字或方案基数）相差{factor}倍以上（单位或位数有误？）",
        "{factor} times or more away from its reference (the rest of its series or the plan's "
        "baseline: a unit or a slipped digit?)",
    ),
    "check.fraction": ("百分比写成了小数？", "a fraction typed for a percentage?"),
    "check.no_majority": (
        "数字之间相差{factor}倍以上，无法判断哪个正确",
        "figures {factor} times apart, none in the majority",
    ),
    "check.zero": (
        "正数序列中出现0（无数据时应留空）",
        "a 0 among positive figures (leave a year without a figure empty)",
    ),
    "check.far_year": (
        "年份远在其他数字和方案期之后（年份写错？）",
        "a year far after the other figures and the plan (a typo?)",
    ),
    "check.above_later": (
        "早于方案基期，却高于此后的每一个数字（年份写错？）",
        "before the plan's baseline year yet above every later figure (a typo for a later year?)",
    ),
    "check.far_back": (
        "年份远在其他数字和方案基期之前（年份写错？）",
        "a year far before the other figures and the plan's base year (a typo?)",
    ),
    "check.definition_note": (
        "备注称口径已变，却按原口径计入序列",
        "the note says the definition changed, yet it counts in the old series",
    ),
    "check.part_year_note": (
        "来源、备注或原文摘录称只是部分年度（如上半年），却按全年数计入序列",
        "its source, note or quote says part of a year (the first half, say), yet it counts "
        "as the year's figure",
    ),
    "check.before_count": (
        "累计数的年份早于其累计起点（年份写错？）",
        "a running total dated before the year it counts from (a typo?)",
    ),
    "check.rate_mismatch": (
        "与上一年相比的变化与同年报告的增速不符（位数、年份有误，或基数已修订？）",
        "its change from the year before disagrees with the growth reported for its year (a "
        "slipped digit, another year's figure, a revised base?)",
    ),
    "check.extreme_rate": (
        "一年内增长一倍以上或减少一半以上（符号、位数有误，或把总量填作了增速？）",
        "a growth that doubles or halves the amount in one year (the sign, the digits, or a "
        "level typed for its growth?)",
    ),
    "check.bound_conflict": (
        "与同年给出的上下限相矛盾（两者必有一误）",
        "on the wrong side of a bound given for the same year (one of the two is wrong)",
    ),
    "check.chain_mismatch": (
        "衔接数与按两种口径之比换算的结果不符（计算有误？）",
        "not the new definition's figure times the two definitions' ratio (a slip in the "
        "arithmetic?)",
    ),
    "check.unchained": (
        "本序列已衔接到方案口径，此数未衔接（新口径数字？）",
        "not chained, after the series was chained onto the plan's definition (a new "
        "definition's figure?)",
    ),
    "check.baseline_differs": (
        "与登记表中的基数不同，而进度按该基数计算（口径调整？）",
        "not the registry's baseline, which progress is measured from (a new definition?)",
    ),
    "check.published_order": (
        "发布日期早于其所替代的数字（应为首次公布之日？）",
        "dated before the figure it replaces (the day it was first made public?)",
    ),
    "check.published_early": (
        "发布日期早于该年结束（年度数字在年后才公布：年份有误？）",
        "dated before its year ended (a year's figure comes out after the year: a slip?)",
    ),
    "check.definition": (
        "口径变化：另一口径的数字不计入",
        "a change of definition: figures of the other definition do not count",
    ),
    "landing.coverage": ("数据覆盖", "Data coverage"),
    "landing.definitions": ("指标说明", "What the indicators count"),
    "landing.definitions_lead": (
        "有专门统计口径的指标统计的是什么，及其依据的办法或分类（本报告的说明，不是方案原文）。",
        "What each indicator with a statistical definition of its own counts, and the measure "
        "or classification defining it (this report's words, not the plan's).",
    ),
    "landing.downloads": ("下载", "Downloads"),
    # under each figure's caption, before its PNG, SVG and PDF links (landing._figure)
    "landing.figure_files": ("下载：", "Download: "),
    # what each download is (landing.download_title): the list read "accuracy.csv, ..."
    "download.lang_zh": ("中文", "Chinese"),
    "download.lang_en": ("英文", "English"),
    "download.workbook": ("Excel 工作簿（{language}）", "Excel workbook ({language})"),
    "download.brief": (
        "Word 监测简报（{language}，数据截至{year}年）",
        "Word monitoring brief ({language}, data to {year})",
    ),
    "download.brief_final": (
        "Word 终期评估简报（{language}，数据截至{year}年）",
        "Word final-evaluation brief ({language}, data to {year})",
    ),
    "download.accuracy": ("预测精度回测汇总", "Forecast accuracy of the backtests"),
    "download.backtests": ("滚动起点回测的逐条预测", "Rolling-origin backtest forecasts"),
    "download.checks": ("待核实的数字", "Figures to verify"),
    "download.department_notes": (
        "各部门对缺数年份的说明",
        "Departments' notes on years left without a figure",
    ),
    "download.departments": ("各部门负责的目标及状态", "Targets and statuses by department"),
    "download.fiscal_exposure": ("财政敞口（奖补测算）", "Fiscal exposure (awards)"),
    "download.forecasts": ("预测值与预测区间", "Forecasts with prediction intervals"),
    "download.gap_assessment": (
        "目标差距评估（每个目标节点一行）",
        "Gap assessment, one row per target and milestone",
    ),
    "download.indicators": ("指标登记表", "Indicator registry"),
    "download.missing_figures": ("仍缺的数据", "Figures still missing"),
    "download.observations": ("全部数据及其出处", "Every figure with its source"),
    "download.planning_levels": (
        "下一规划期（至2030年）各概率对应的水平",
        "Levels for the next plan period (to 2030) at each probability",
    ),
    "download.empty": ("（暂无数据）", " (no rows yet)"),
    "download.probability_backtests": (
        "达标概率的回测（各序列的逐个事件）",
        "Backtests of the probabilities (each series' events)",
    ),
    "landing.tables_for_analysts": (
        "供数据分析人员使用的表格（CSV，列名与代码为英文）：",
        "Tables for analysts (CSV, English column names and codes):",
    ),
    "download.reference_anchors": (
        "短序列达标概率的参照基准",
        "What each short-series probability is anchored to",
    ),
    "download.segments": ("目标路径的分段", "Segments of the target paths"),
    "download.summary": ("各节点年份的状态计数", "Status counts by milestone year"),
    "download.targets": ("方案目标", "Plan targets"),
    "download.trajectories": ("按方案要求的逐年路径", "Required yearly paths"),
    "download.vintages": ("按数据年份（版本）的预测", "Forecasts by data vintage"),
    "landing.final": (
        "工作方案的规划期已于{end}年结束，本页为终期评估：节点年份已有实际值的按实际值判定是否达标"
        "（依据初步数或预计数的待正式数确认；只有上下限、且已能判定的，按其判定，待确切数字），"
        "尚缺节点年份数据的列为数据不足，但此前已达到目标的水平类指标（如企业数量、每万人口专利数）记为已实现，待节点年份数据确认。",
        "The plan’s period ended in {end}; this page is its final evaluation: a milestone whose "
        "year has its figure is met or missed on it (provisionally where the figure is "
        "preliminary or an estimate, or only a bound that already decides it), one still "
        "missing its figure lacks data, except that a level (a count of firms, a density) that "
        "had already reached its target counts as achieved, to be confirmed by that year’s "
        "figure.",
    ),
    "landing.data_to": (
        "数据截至{year}年（目标指标的廊坊市最新数据）",
        "Langfang data up to {year} (the latest figure of any target)",
    ),
    "landing.data_to_differs": ("各指标最新数据年份", "Latest year per indicator"),
    "landing.no_data_yet": ("尚无廊坊市数据", "No Langfang figure yet"),
    "landing.other_lang": ("English", "中文"),
    "landing.chart": ("图表", "chart"),
    "landing.vintage_of": (
        "评估年份 {year}（仅用{year}年及以前的数据，按现有最新值，含其后的修订）",
        "Assessment as of {year} (figures for {year} and earlier only, as known now, later "
        "revisions included)",
    ),
    # an --as-of run's year beside a --known-by day: the figures are as published by then
    "landing.vintage_known": (
        "评估年份 {year}（仅用{year}年及以前的数据）",
        "Assessment as of {year} (figures for {year} and earlier only)",
    ),
    "note.planning_caveat": (
        "† 预测与本指标迄今的走势不一致（{reasons}）：其规划年水平主要反映参照序列的典型增长，"
        "而非该指标自身的速度，只宜作为参照。",
        "† The forecast departs from the indicator's own course so far ({reasons}): its "
        "planning-year levels mainly reflect the reference class's typical growth, not the "
        "indicator's own pace; read them as a reference only.",
    ),
    "note.planning_extrapolated": (
        "规划年距最新数据超过{horizon}年（{items}）：预测方法只在1–{horizon}年内检验过，"
        "其后区间的扩展是外推的，这些水平是情景，不是经过校准的分位数。",
        "The planning year lies more than {horizon} years after the latest figure ({items}): "
        "the method was checked 1-{horizon} years ahead only, so the widening of the ranges "
        "beyond is extrapolated; read these levels as scenarios, not calibrated quantiles.",
    ),
    # the workbook's planning sheet: one cell per row (views.planning_flags)
    "planning.flag_below": (
        "低于最新实际值：只说明区间很宽，并非预计会减少",
        "below the latest figure: says only how wide the range is, not that a fall is expected",
    ),
    "planning.flag_far": (
        "距预测起点{gap}年，超出检验过的1–{horizon}年：外推的情景",
        "{gap} years after the forecast's origin, beyond the 1-{horizon} years checked: an "
        "extrapolated scenario",
    ),
    "note.planning_span": ("{name}：{latest}年→{year}年", "{name}: {latest} → {year}"),
    # a level reached with a high probability below the latest figure (95 %: 973 firms, after
    # 1,258 in 2022): the width of the range, not a fall expected or a target to set
    "note.planning_below_latest": (
        "{items}：低于最新实际值的水平只说明区间很宽（数据点很少），并非预计会减少，不宜作为目标。",
        "{items}: a level below the latest figure says only how wide the range is (few "
        "figures), not that a fall is expected; it is no target to set.",
    ),
    "note.planning_below_item": (
        "{name}{p}%水平{level}低于{year}年的{latest}",
        "{name}: the {p}% level, {level}, is below the {year} figure of {latest}",
    ),
    "landing.inferred_note": (
        "“按相关措施推定”：规划没有为这些目标本身指定责任部门，所列部门是与目标相关的措施条款所指定的"
        "部门（条款见 Excel 工作簿“目标”表），布置任务前请先确认。",
        "“Inferred from a related measure”: the plan names no department for these targets "
        "themselves; the departments listed are those of the measure the target relates to (the "
        "workbook's Targets sheet gives its clause), so confirm them before assigning the work.",
    ),
    "landing.caveat_note": (
        "† 该预测与本指标迄今的走势不一致（快于相邻数字间的最快速度、远慢于迄今的平均速度，或本指标从未上升"
        "却预测上升；以上限为目标的，方向相反）：数据点很少时，预测主要依据参照序列的典型增长，此达标"
        "概率应主要看作参照序列的判断（详见简报）。",
        "† The forecast departs from the indicator's own course so far (faster than its fastest "
        "pace between figures, "
        "far slower than its average pace, or rising although it has not risen in any year; "
        "for a ceiling, the other way round): "
        "with so few figures it rests mostly on the typical growth of the reference class, so "
        "this probability mainly reflects comparable series, not the indicator's own trend "
        "(see the brief).",
    ),
    # the note's list, one item per target: what its forecast means against its own course
    "caveat_item.outrunning": (
        "预测此后年均{implied}，快于相邻数字间最快的年均{best}",
        "forecast {implied} a year, faster than its fastest pace between figures ({best} a year)",
    ),
    "caveat_item.lagging": (
        "预测此后年均{implied}，远慢于迄今的年均{pace}",
        "forecast {implied} a year, far slower than its average so far ({pace} a year)",
    ),
    "caveat_item.never_rose": (
        "预测此后年均{implied}，而迄今从未上升（最好为年均{best}）",
        "forecast {implied} a year, though it has not risen between "
        "any two figures (at best {best} a year)",
    ),
    "caveat_item.outrunning_fall": (
        "预测此后年均{implied}，降得比相邻数字间最快的年均{best}还快",
        "forecast {implied} a year, a steeper fall than its "
        "steepest between figures ({best} a year)",
    ),
    "caveat_item.lagging_fall": (
        "预测此后年均{implied}，降幅远小于迄今的年均{pace}",
        "forecast {implied} a year, far from its fall of {pace} a year so far",
    ),
    "caveat_item.never_fell": (
        "预测此后年均{implied}，而迄今从未下降（最好为年均{best}）",
        "forecast {implied} a year, though it has not fallen between "
        "any two figures (at best {best} a year)",
    ),
    "caveat_item.target": ("{name}（{years}年）：{words}", "{name} ({years}): {words}"),
    "landing.caveat.outrunning": (
        "预测快于本指标相邻数字间的最快速度",
        "the forecast runs faster than the indicator's fastest pace between figures",
    ),
    "landing.caveat.lagging": (
        "预测远慢于本指标迄今的平均速度",
        "the forecast runs far slower than the indicator's average pace",
    ),
    "landing.caveat.never_rose": (
        "本指标从未上升，预测却上升",
        "the forecast rises, but the indicator has not risen in any year",
    ),
    "landing.caveat.outrunning_fall": (
        "预测降得比本指标相邻数字间降得最快时还快",
        "the forecast falls faster than the indicator's steepest fall between figures",
    ),
    "landing.caveat.lagging_fall": (
        "预测远慢于本指标迄今的平均降速，或转为上升",
        "the forecast falls far slower than the indicator's average pace, or rises",
    ),
    "landing.caveat.never_fell": (
        "本指标从未下降，预测却下降",
        "the forecast falls, but the indicator has not fallen in any year",
    ),
    "landing.full_tables": (
        "全部数字另见 Excel 工作簿（见下方下载）和 data/processed/ 下的 CSV 表格。",
        "Every figure is also in the Excel workbook (see the downloads below) and in the CSV "
        "tables under data/processed/.",
    ),
}

#: Notices of the main job (pipeline): one writer at a time, repairs, sweeps, progress.
_RUN = {
    "run.waiting": (
        "另一个运行（进程 {pid}，启动于 {started}）正在写入 {out}，等待其结束（最多 {timeout} 秒）…",
        "Another run (PID {pid}, started {started}) is writing {out}; "
        "waiting for it to finish (up to {timeout} s) …",
    ),
    "run.locked": (
        "另一个运行（进程 {pid}，启动于 {started}）在 {timeout} 秒后仍在写入 {out}；"
        "本次未写入任何内容，原有输出不变。请稍后重试，或用 --wait 秒数 等待更久。",
        "Another run (PID {pid}, started {started}) is still writing {out} after {timeout} s; "
        "this run wrote nothing and the outputs are unchanged. Try again later, or wait "
        "longer with --wait SECONDS.",
    ),
    "run.repaired": (
        "已完成上次被中断的发布（运行 {run_id}）",
        "Completed a publish that was interrupted (run {run_id})",
    ),
    "run.swept": (
        "已删除已终止运行留下的 {n} 个暂存文件夹",
        "Removed {n} staging folder(s) left by runs that died",
    ),
    "run.notebooks_done": ("{done}/{total} 个笔记本", "{done}/{total} notebooks"),
    # the main job's progress lines: "[2/8] 计算 完成，用时 0.88 秒：预测了 5 个指标"
    "run.stage.validate": ("校验", "validate"),
    "run.stage.compute": ("计算", "compute"),
    "run.stage.tables": ("数据表", "tables"),
    "run.stage.figures": ("图表", "figures"),
    "run.stage.workbook": ("工作簿", "workbook"),
    "run.stage.brief": ("简报", "brief"),
    "run.stage.notebooks": ("笔记本", "notebooks"),
    "run.stage.index": ("首页", "index"),
    "run.stage_done": ("完成，用时 {seconds} 秒：{detail}", "done in {seconds} s: {detail}"),
    "run.read_checks": (
        "；其中 {n} 个数字需要核实（列表见运行结束时；如是录入错误，可按 Ctrl+C 中止，改正后重新运行）",
        "; {n} figure{n_s} to verify (listed when the run ends; for a typing error, Ctrl+C stops "
        "the run before it writes anything)",
    ),
    "run.read": ("{rows} 条数据，{n} 个指标", "{rows} observation{rows_s}, {n} indicator{n_s}"),
    "run.known_by": (
        "；按{date}已公布的数据：其后公布的 {later} 个数字不计，未注明公布日期的 {n} 个数字按当时已知计入",
        "; as published by {date}: {later} figure{later_s} published later left out, {n} "
        "figure{n_s} without a published date counted as known",
    ),
    # undated figures of a year not over by the day: left out (a year's figure comes later)
    "run.known_by_unfinished": (
        "；年份在该日尚未结束、未注明公布日期的 {m} 个数字不计",
        "; {m} figure{m_s} without a published date of a year not yet over left out",
    ),
    # undated figures of a year over whose earlier stage (a preliminary, for a final) came
    # out on the day or later: left out (a final cannot precede its own preliminary)
    "run.known_by_after_earlier": (
        "；未注明公布日期、但所接替的较早数字（如正式数之前的初步数）在该日或之后才公布的 {k} 个数字不计",
        "; {k} figure{k_s} without a published date left out as later than an earlier-stage "
        "figure published on or after that day (a final after its preliminary)",
    ),
    "run.forecast": ("预测了 {n} 个指标", "{n} indicator{n_s} forecast"),
    "run.tables": ("{n} 张表", "{n} tables"),
    "run.files": ("{n} 个文件", "{n} files"),
    "run.skipped": ("已跳过", "skipped"),
    "run.notebooks": ("{n} 个笔记本", "{n} notebooks"),
    "run.unchanged": (
        "输出与已发布的完全相同：没有改写任何文件。",
        "The outputs are the very files published already: no file was rewritten.",
    ),
    "run.where": (
        "\n数据：{data}\n报告：{reports}\n打开：{page}",
        "\ndata:    {data}\nreports: {reports}\nopen:    {page}",
    ),
}

#: The command line's headings of what it prints about the files read (``cli``): Chinese
#: unless ``--lang en``; the lines under a heading name files, rows and figures.
_CLI = {
    "cli.invalid": ("无效（INVALID）：发现 {n} 处问题", "INVALID: {n} problem{n_s} found"),
    # what a Ctrl-C leaves, per command
    "cli.interrupted.run": (
        "已中断。此前发布的输出保持原样（中途打断的替换会被恢复，或由下一次运行完成）；请重新运行该命令。",
        "Interrupted. The outputs published before stay as they were (a switch cut short is "
        "put back or finished by the next run); run the command again.",
    ),
    "cli.interrupted_after_publish": (
        "收到中断（Ctrl+C）时，本次运行已完成并已发布输出：没有中断任何内容。",
        "Ctrl+C came after the run had published its outputs: the run succeeded and was not "
        "interrupted.",
    ),
    "cli.interrupted.validate": (
        "已中断。未写入任何内容；请重新运行该命令。",
        "Interrupted. Nothing was written; run the command again.",
    ),
    "cli.interrupted.template": (
        "已中断。工作簿要么完整写出，要么完全不写；请重新运行该命令（文件已存在时加 --force）。",
        "Interrupted. The workbook is written whole or not at all; run the command again (with "
        "--force if the file is there).",
    ),
    "cli.interrupted.request": (
        "已中断。文件夹中可能已有部分数据征集表，每份都是完整的；请加 --force 重新运行，或换一个新文件夹。",
        "Interrupted. Some request workbooks may already be in the folder, each whole; run the "
        "command again with --force, or into a new folder.",
    ),
    "cli.nothing_written": (
        "未写入任何内容，原有输出不变。所有输入文件的数值都没有使用（没有问题的文件也一样）："
        "请更正上面列出的行{leave}后重新运行。",
        "Nothing was written; previous outputs are unchanged. No figure of any input file was "
        "used, the files without problems included: correct the rows named above{leave} and "
        "run again.",
    ),
    "cli.leave_out": ("（或不使用它们所在的文件）", ", or leave their file out,"),
    "cli.more": ("……另有 {n} 条", "... and {n} more"),
    "cli.checks": (
        "核对（CHECK）：{n} 处需要核实：数字看起来不合理或口径有变化（已读入，不是错误；如是录入"
        "错误请更正文件）：",
        "CHECK: {n} finding{n_s} to verify: figures that look implausible or change definition "
        "(loaded, not an error; correct the file if it is a typo):",
    ),
    "cli.registry_checks": (
        "核对（CHECK）：{n} 条登记表条目看起来有误（已读入，不是错误；如是录入错误请更正 "
        "data/raw/registry）：",
        "CHECK: {n} registry {entries} wrong (loaded, not an error; correct data/raw/registry "
        "if it is a typo):",
    ),
    "cli.unanswered": (
        "注意：有 {n} 个征集的数字留空并附了说明（下一轮征集会再次询问，并在旁边列出该说明）：",
        "NOTE: {n} requested figure{n_s} left empty with a note (asked again by the next "
        "request, the note beside it):",
    ),
    "cli.same_return": (
        "注意：以下{n}组文件答的是同一份征集表（同一部门、同一轮），其数字已合并（相同的只计一次）；"
        "如其中有旧副本，请删去，以免改了一份、另一份的数字仍在：",
        "NOTE: {n} set{n_s} of files answer the same request (one department, one round); "
        "their figures were merged (identical ones once): if one is an older copy, remove it, "
        "or a correction made in one stands beside the other's figure:",
    ),
    "cli.same_return_line": (
        "{department}第{round}轮：{files}",
        "{department}, round {round}: {files}",
    ),
    "cli.hidden": (
        "注意：读取了 {n} 个工作表中的隐藏行或列（其中的数字照常计入；不应计入的行请删除，或取消"
        "隐藏，行高、列宽过小的请调整）：",
        "NOTE: hidden rows or columns were read in {n} sheet{n_s} (their figures count; delete "
        "a row that should not, or make it visible: unhide it, or give it a height or width):",
    ),
    "cli.promoted": (
        "注意：有 {n} 个征集表把预填的数字改成了正式数（或修订数、衔接数）却没有写出处；现按正式数计入："
        "请在“来源”列写明正式数的发布出处，或把状态改回原样：",
        "NOTE: {n} request sheet{n_s} made a pre-filled figure final (or revised, or chained) "
        "without a source; it counts as final now: write where the final figure was published in the "
        "source column, or set the status back:",
    ),
    "cli.unread_sheets": (
        "注意：有 {n} 个工作表没有被读取：征集表只读取工作表“{sheet}”中的数字；要报送的数字请填在"
        "该工作表中：",
        "NOTE: {n} sheet{n_s} not read: a request workbook's figures are read from sheet "
        "'{sheet}' only; put figures to report in that sheet:",
    ),
    # what a sheet beside the request sheet held, said on its NOTE line (a sheet of the
    # home region's figures is refused, not said: see observations._figures_beside)
    "cli.unread_sheet.line": (
        "{file} [{sheet}]：{held}，未读取",
        "{file} [{sheet}]: {held}, not read",
    ),
    "cli.unread_sheet.other": ("有 {n} 个其他地区的数字", "holds {n} figure{n_s} of other regions"),
    "cli.unread_sheet.rows": (
        "有 {n} 行不能作为数字读入",
        "{n} row{n_s} the loader cannot read as figures",
    ),
    "cli.unread_sheet.none": ("没有能读入的数字", "holds no figures it could read"),
    "cli.preferred": (
        "已按 --prefer 取舍：{n} 处数字冲突：",
        "PREFERRED: {n} conflict{n_s} settled by --prefer:",
    ),
    "cli.raw_unread": (
        "注意：data/raw/ 中以下文件没有被读取：{names}。运行只读取 data/raw/observations.csv 和用 "
        "--observations 指定的文件或文件夹，例如：langfang-metrics {command} --observations {first}"
        "{make}",
        "NOTE: these files in data/raw/ were not read: {names}. A run reads "
        "data/raw/observations.csv and the files or folders given with --observations, e.g. "
        "langfang-metrics {command} --observations {first}{make}",
    ),
    "cli.raw_unread.make": ("（或 make report OBS={first}）", " (or make report OBS={first})"),
    "cli.and_more": ("，另有{n}个", " and {n} more"),
    "cli.no_figures": (
        "注意：{name} 中没有数字（没有填了数值的行），未从中读入任何数字；征集表和模板只读取填了数值的行",
        "NOTE: {name} holds no figures (no row with a value), so none was read from it; a "
        "request workbook or the template is read only where its value cells are filled in",
    ),
    "cli.as_sent": (
        "注意：{name} 只有征集表预填的数字，且未作改动（是原样交回的吗？）：它没有回答任何问题，"
        "不计为已返回的一轮；确认某个数字时，请在来源或备注中写明",
        "NOTE: {name} gives only the figures its request was pre-filled with, unchanged (put "
        "back as it was sent?): it answers nothing and is no returned round; a figure "
        "confirmed says so in its source or note",
    ),
}

_SHEETS = {
    "sheet.summary": ("摘要", "Summary"),
    "sheet.targets": ("目标", "Targets"),
    "sheet.observations": ("观测", "Observations"),
    "sheet.trajectories": ("路径", "Trajectories"),
    "sheet.forecasts": ("预测", "Forecasts"),
    "sheet.backtest": ("回测", "Backtest"),
    "sheet.missing": ("待补数据", "Missing figures"),
    "sheet.checks": ("待核实", "To verify"),
    "sheet.planning": ("规划水平", "Planning levels"),
    "sheet.fiscal": ("财政敞口", "Fiscal exposure"),
    "sheet.notes": ("说明", "Notes"),
    # the workbook's notes sheet (export.notes_rows)
    "notes.col.item": ("项目", "Item"),
    "notes.col.text": ("说明", "Note"),
    "notes.item.title": ("名称", "Title"),
    "notes.item.inputs": ("输入文件", "Input files"),
    "notes.item.known_by": ("按日期复现", "Reconstruction by date"),
    "notes.item.series": ("数据取舍", "Which figure counts"),
    "notes.item.paths": ("目标路径", "Target paths"),
    "notes.item.basis": ("目标依据", "Source of the targets"),
    "notes.item.status": ("状态判定", "Status"),
    "notes.item.forecast": ("预测与达标概率", "Forecasts and probabilities"),
    "notes.item.formats": ("数字格式", "Number formats"),
    "notes.item.quotes": ("方案原文", "The plan’s words"),
    "notes.item.translations": ("方案原文的英文", "Our translations"),
    "notes.item.more": ("详细说明", "More"),
    "notes.item.department_names": ("部门名称", "Department names"),
    # the English abbreviations a text uses, spelt out once (views.abbreviations_note): "IP"
    # in indicator names, "pp" in a share's changes, "FYP" in the plan's repairs were never
    # explained (the reviewers)
    "notes.item.abbreviations": ("简称", "Abbreviations"),
    "note.abbreviations": ("简称：{pairs}。", "Abbreviations: {pairs}."),
    "notes.department_names": (
        "{pairs}",
        "The department cells name each department by a short form: {pairs}.",
    ),
    "notes.definitions": (
        "以下各行说明有专门统计口径的指标统计的是什么，及其依据的办法或分类（登记于指标登记表，"
        "不是方案原文）。",
        "The rows below say what each indicator with a statistical definition of its own "
        "counts, and the measure or classification defining it (the registry's words, not the "
        "plan's).",
    ),
    "notes.sheet.summary": (
        "每个目标与目标年份一行：责任部门、基期与目标、最新值、按目标路径在最新值年份（尚无数字的"
        "按数据截至年份）应达到的水平、基期以来年均变化与自最新值起达标所需的年均变化、状态、达标概率与"
        "预计值（已有结果的目标不列所需变化与预测；没有任何一行填写的列不列出）。",
        "One row per target and milestone: departments, baseline and target, latest figure, "
        "the level the target path expects in the latest figure's year (without a figure, in "
        "the year the data run to), the yearly change since the baseline and the one needed "
        "from the latest figure to meet the target, status, probability of meeting the target "
        "and projection (a settled target has no change needed and no projection; a column no "
        "row fills is left out).",
    ),
    "notes.sheet.targets": (
        "工作方案的量化目标，附所在条款、方案原文、相关措施与责任部门。",
        "The plan’s quantitative targets, with their clause, the plan’s words, the related "
        "measure and the responsible departments.",
    ),
    "notes.sheet.observations": (
        "本报告读入的数据（廊坊市及用于比较的河北省、全国等；指定评估年份时只含该年及以前的"
        "数据），每个数据附状态、来源、网址与原文摘录；“计入序列”标明该数据是否用于评估。",
        "The figures this report read (Langfang, and Hebei, China and other regions for "
        "comparison; with an assessment year given, those up to that year), each with its "
        "status, source, address and quoted words; “Used in the series” says whether it "
        "enters the assessment.",
    ),
    "notes.sheet.trajectories": (
        "各目标的目标路径（自基期值经各目标年份的目标值），以及全社会研发经费年均增长10%的路径。",
        "Each target’s path (from the baseline through every milestone’s target), "
        "and the path of R&D spending growing 10% a year.",
    ),
    "notes.sheet.forecasts": (
        "各指标的年度预测值及预测区间（预测方法见下），按笔记本显示的位数取舍：区间下限向下、上限向上"
        "取舍，使区间仍然成立；未取舍的数值见 data/processed/forecasts.csv。",
        "Each indicator’s yearly forecast with its prediction intervals (methods below), "
        "rounded to the decimals the notebooks print: an interval’s low end down and its high "
        "end up, so that it still holds; the unrounded values are in "
        "data/processed/forecasts.csv.",
    ),
    "notes.sheet.planning": (
        "规划年份各指标按预测分布以50%、80%、95%的概率能达到的水平（“比较”列为≥的是至少达到，为≤的是"
        "不超过；data/processed/planning_levels.csv），水平按笔记本显示的位数取舍（至少达到的向下、不超过的向上取舍，未取舍的数值见该CSV文件）。50%的水平就是“预测”表中该年的预测值，只是向下（不超过的向上）取舍，而“预测”表四舍五入，所以两者末位可能差1。“预测起点”是预测所依据的最新数据年份。“备注”说明哪些水平只宜作为参照：预测与本指标迄今的走势不一致（†）、"
        "低于最新实际值（只说明区间很宽）、或规划年超出预测方法检验过的年数（外推的情景）。",
        "The level each indicator reaches in the planning year with probability 50%, 80% and "
        "95%, read from its forecast distribution (at least, where the comparison is ≥; at "
        "most, where it is ≤; data/processed/planning_levels.csv), rounded to the decimals the "
        "notebooks print (an at-least level down, an at-most level up; the CSV file holds "
        "the unrounded values). The 50% level is that year’s forecast on the Forecasts sheet, "
        "rounded down (an at-most level up) where the Forecasts sheet rounds to nearest, so the "
        "two can differ by one in the last digit shown. "
        "The forecast origin is the year of the latest figure the forecast starts from. "
        "The note says which levels to read as a reference only: a forecast that departs from "
        "the indicator's own course (†), a level below the latest figure (only the width of the "
        "range), or a planning year beyond the years the method was checked for (an "
        "extrapolated scenario).",
    ),
    "notes.sheet.backtest": (
        "滚动起点回测：用较早的数据预测已知年份，比较预测与实际（sMAPE、MASE、预测区间覆盖率、"
        "预测偏高占比），说明预测可信到什么程度。",
        "Rolling-origin backtests: forecasts of known years from earlier figures, scored "
        "against what happened (sMAPE, MASE, interval coverage, share over-forecast), to "
        "show how far the forecasts can be trusted.",
    ),
    "notes.sheet.missing": (
        "尚缺的数据（指标×年份）及应提供数据的部门，包括只有初步数或预计数、仍待正式数的年份；"
        "“部门说明”是部门在数据征集表中对未填年份的说明。",
        "Figures still missing (indicator × year) and the departments to provide them, "
        "including years with only a preliminary figure or an estimate, whose final figure "
        "is still to come; Department notes: what a department wrote in its data request about a year "
        "it left without a figure.",
    ),
    "notes.item.backtested": ("回测覆盖", "Backtest coverage"),
    "notes.item.reliability": ("达标概率的回测", "Backtest of the probabilities"),
    "xlsx.heading": ("{title}（数据截至{year}年）", "{title} (data to {year})"),
    "xlsx.heading_known": (
        "{title}（数据截至{year}年，按{date}已公布的数据）",
        "{title} (data to {year}, as published by {date})",
    ),
    "xlsx.reliability.low": (
        "同一指标序列的回测显示，此概率可能偏低",
        "backtests on series of the same indicator: this probability may run low",
    ),
    "xlsx.reliability.high": (
        "同一指标序列的回测显示，此概率可能偏高",
        "backtests on series of the same indicator: this probability may run high",
    ),
    "xlsx.reliability.mixed": (
        "同一指标序列的回测偏差方向不一，无法判断此概率偏高还是偏低",
        "backtests on series of the same indicator err both ways: whether this "
        "probability runs high or low cannot be told",
    ),
    "notes.backtested": (
        "{k}项目标指标有预测精度回测：{names}。其余{n}项尚无（用本市数据回测需要至少4个年度数据，含基期）。",
        "Target indicators with a backtest of forecast accuracy ({k}): {names}. Without one "
        "yet ({n}): a backtest on the city's own figures needs at least 4 yearly figures, "
        "the baseline included.",
    ),
    "notes.backtested_none": (
        "{n}项目标指标的本市序列均尚无预测精度回测（用本市数据回测需要至少4个年度数据，含基期）。",
        "None of the {n} target indicators has a backtest of forecast accuracy on the city's "
        "own figures yet (that needs at least 4 yearly figures, the baseline included).",
    ),
    "notes.backtested_elsewhere": (
        "下一行“达标概率的回测”读同一指标各地区数据足够多的序列（如全国的），不限于本市。",
        " The backtest of the probabilities on the next row reads the same indicator's series "
        "of every region with enough figures (such as China's), not only the city's own.",
    ),
    "notes.sheet.fiscal": (
        "新认定高新技术企业的市级奖补（按方案三（二）的每家奖补标准，见 data/raw/registry/"
        "fiscal_parameters.csv）：已有数据的年份按高新技术企业净增数"
        "（两年一报的按年平均），其后按预测中位数，累计数附80%区间（预测区间下端低于最新数据时，"
        "下限按此后不再净增计）；净增数不含证书到期后补上的和再次认定的，但含从外地整体转入的（不属于新认定）。"
        "金额单位：万元。",
        "The city's award for newly certified high-tech enterprises (at Part 3 (2)'s "
        "amount per firm, data/raw/registry/fiscal_parameters.csv): "
        "years with figures by the net increase of the high-tech stock (spread evenly over a "
        "gap), later years by the forecast median, the cumulative figures with their 80% range "
        "(where the forecast's low end lies below the latest figure, the low end assumes no "
        "further net increase); the net increase leaves out firms replacing lapsed certificates "
        "and re-certifications, and takes in firms that moved in whole, which are not newly "
        "certified. Amounts in 10,000 yuan.",
    ),
    "sheet.no_planning": (
        "暂无：没有可以预测到规划年份的指标。",
        "None yet: no indicator could be forecast to the planning year.",
    ),
    "sheet.no_fiscal": (
        "暂无：高新技术企业数量没有数据。",
        "None yet: no figures of high-tech enterprises.",
    ),
    "notes.sheet.checks": (
        "看起来可能有误、需要核实的数据，及其所在文件和行。",
        "Figures that look wrong and should be verified, with the file and row they come from.",
    ),
    "notes.formats": (
        "达标概率、增量完成进度、时间进度、预测区间覆盖率和预测偏高占比为0至1之间的比例，以百分比"
        "显示（0.6显示为60%）；“预计值−目标值（占目标值%）”也以比例存储、以百分比显示（−0.035"
        "显示为−3.5%，即比目标值低3.5%；CSV文件gap_assessment.csv中同一列以百分数存储，为−3.5）；"
        "回测表中对称平均绝对百分比误差（sMAPE）为百分数，平均绝对标度误差（MASE）为与"
        "逐年不变预测的样本内误差相比的倍数，温克勒得分采用该指标的单位；其余数值采用“单位”列的单位，"
        "比重类指标以%计。",
        "Probabilities, progress, time elapsed, interval coverage and the share "
        "over-forecast are fractions from 0 to 1 shown as percentages (0.6 shows as 60%); "
        "“Projected − target (% of target)” is stored as a fraction too and shown as a "
        "percentage (−0.035 shows as −3.5%, 3.5% below the target; gap_assessment.csv holds "
        "the same column in per cent, −3.5); in the Backtest sheet sMAPE is a percentage, MASE a multiple of the in-sample "
        "error of a no-change forecast, and the Winkler score is in the indicator’s unit; every "
        "other figure is in the unit of its “Unit” column, shares in %.",
    ),
    "notes.quotes": (
        "“原文”和“措施原文”两列照录方案通知原文，用简体字和全角标点，与方案印发时一致"
        "（所抓取的网页为繁体字、半角逗号，逐字转换，见 data/raw/plan/plan_simplified.txt）；"
        "其中两处乱码已修复，修复处及理由见 data/raw/plan/plan_repairs.csv。",
        "The “Quote” and “Measure quote” columns give the plan notice’s words in simplified "
        "characters and full-width punctuation, as the plan was issued (the page it was "
        "scraped from showed traditional characters and ASCII commas, converted character by "
        "character: data/raw/plan/plan_simplified.txt); two garbled passages are repaired, "
        "each listed with its reason in data/raw/plan/plan_repairs.csv.",
    ),
    "notes.translations": (
        "“原文（英文）”“措施原文（英文）”两列及“观测”表原文下的英文为本报告对方案原文的英文说明，"
        "供英文读者对照，非方案原有的英文；两者不一致的，以中文原文为准。",
        "The Targets sheet’s “Quote (our translation)” and “Measure quote (our translation)” "
        "columns put the plan’s Chinese words into English, as does “Our translation:” under "
        "a quote of the plan on the Observations sheet (a baseline the plan itself states). "
        "They are this project’s own translation, made from the plan text for readers of "
        "English; the plan was issued in Chinese only, and where the two differ the Chinese "
        "quote beside it is the plan’s word. An empty cell has no translation in the registry "
        "yet (data/raw/registry: quote_en, measure_quote_en).",
    ),
    "notes.more": (
        "方法详见项目文档 docs/forecasting.md（预测与概率）和 docs/input-format.md（数据格式）；"
        "每个数据的出处见“观测”表。",
        "Methods in full: docs/forecasting.md (forecasts and probabilities) and "
        "docs/input-format.md (data formats) in the project; each figure’s source is in the "
        "Observations sheet.",
    ),
}

#: The departments' data-request workbooks (``datarequest``) and the missing-figures sheet.
_REQUEST = {
    "request.sheet.cover": ("封面", "cover"),
    "request.sheet.indicators": ("指标说明", "indicators"),
    "request.sheet.notes": ("填表说明", "notes"),
    "request.title": (
        "廊坊市企业科技创新指标数据征集表",
        "Data request: Langfang enterprise S&T innovation indicators",
    ),  # fmt: skip
    "request.title_round": (
        "廊坊市企业科技创新指标数据征集表（第{round}轮）",
        "Data request, round {round}: Langfang enterprise S&T innovation indicators",
    ),  # fmt: skip
    "request.to": ("致：{department}", "To: {department}"),
    "request.from": (
        "征集单位：{issuer}（《廊坊市强化企业科技创新专项服务工作方案（2021-2025年）》牵头部门）",
        "From: {issuer} (lead department of the Langfang Enterprise S&T "
        "Innovation Special Service Work Plan 2021-2025)",
    ),  # fmt: skip
    # an indicator whose figures the statistics bureau compiles: asked of it
    "request.data_from": (
        "数据提供：{departments}（负责该项统计）",
        "figures from: {departments} (compiles the statistic)",
    ),
    "request.purpose": (
        "用途：评估方案2023年、2025年目标完成情况。目前缺少下列指标年份的正式数据；方案将贵单位列为"
        "责任部门，或其相关措施条款涉及贵单位，或贵单位负责该项统计（每个指标的依据见“指标说明”表的"
        "责任部门列）。",
        "Purpose: to assess the plan's 2023 and 2025 "
        "targets. The figures below are missing; the plan names your department as "
        "responsible, or a related measure of the plan involves it, or your department compiles "
        "the statistic (the departments column of the indicators sheet gives the basis for each "
        "indicator).",
    ),  # fmt: skip
    "request.count": (
        "本表共征集 {n} 项（{k} 个指标），其中 {p} 项已预填我方掌握的数字，请核实。",
        "This form asks for {n} figure{n_s} ({k} indicator{k_s}); pre-filled with "
        "the figure we hold, for you to confirm or correct: {p}.",
    ),  # fmt: skip
    "request.count_none_held": (
        "本表共征集 {n} 项（{k} 个指标）。",
        "This form asks for {n} figure{n_s} ({k} indicator{k_s}).",
    ),  # fmt: skip
    "request.how": (
        "填写方法：在“{sheet}”工作表中每行填写数值、状态、来源、发布日期（可附网址、原文和备注）；"
        "不要改动指标代码、地区和年份，不要增删列。",
        "How to fill in: on sheet '{sheet}', give for each row the value, status, "
        "source and the date it was published (URL, quote and note if you can); do not change "
        "the indicator code, region or year, and do not add or delete columns.",
    ),  # fmt: skip
    # the publication-date column's input message and its warning (request and template)
    "published.prompt": (
        "数字首次公布的日期（如公报的发布日期）：2024-02-28，也可写 2024-02 或 2024；不详可留空。",
        "Date the figure was first published (e.g. the bulletin's): 2024-02-28, or "
        "2024-02 or 2024; leave empty if unknown.",
    ),
    "published.error": (
        "不是日期：请写成 2024-02-28、2024-02 或 2024，或留空",
        "not a date: write 2024-02-28, 2024-02 or 2024, or leave it empty",
    ),
    # the publication date of the figure held, under its source in the grey column
    # in the form the 发布日期 column takes ("2024-03"), not as a sentence says a day
    "request.held_published": ("发布日期：{published}", "published: {published}"),
    "request.return": (
        "返回方式：保存为 .xlsx（文件名不变），发回{issuer}。所有返回文件（含此前各轮的）放入同一"
        "文件夹后运行 langfang-metrics run --observations 文件夹/ 即可合并；下一轮的征集表名为"
        "“…_第{next}轮.xlsx”，不会覆盖此前的返回文件。",
        "Return: save as .xlsx (keep the file name) and send it back to {issuer}. "
        "All returned files, earlier rounds' included, go into one folder, merged by running "
        "langfang-metrics run --observations folder/; the next round's request is named "
        "“…_第{next}轮.xlsx”, so it never replaces an earlier return.",
    ),  # fmt: skip
    "request.col.name": ("中文名称", "Chinese name"),
    "request.col.said": ("上次说明", "said last time"),
    # hidden: the code each row was sent with, to tell a code typed over (the name cleared)
    "request.col.sent_id": ("发出时代码", "code as sent"),
    "request.col.sent_previous": ("发出时此前最近数字", "latest figure before, as sent"),
    "request.due": ("报送截止日期：{due}", "Please return by: {due}"),
    "request.contact": ("联系人及电话：{contact}", "Contact (name, telephone): {contact}"),
    "request.blank_date": ("＿＿＿＿年＿＿月＿＿日", "____-__-__"),
    "request.blank": ("＿＿＿＿＿＿＿＿＿＿＿＿", "____________________"),
    "request.basis.stated": ("方案明确指定", "named by the plan"),
    "request.basis.inferred": ("据相关措施推定", "inferred from a related measure"),
    "request.col.held": ("已有数字", "figure held"),
    "request.col.held_status": ("已有数字类别", "kind of figure held"),
    "request.col.held_source": ("已有数字出处", "where it comes from"),
    "request.col.definition": ("口径说明", "Definition"),
    "request.col.kind": ("指标类型", "Kind"),
    "request.col.plan_sentence": ("方案原文", "Plan sentence"),
    "request.col.baseline": ("2020年基数", "2020 baseline"),
    "request.col.targets": ("目标值", "Targets"),
    "request.col.years": ("征集年份", "Years requested"),
    "request.col.zh": ("中文", "Chinese"),
    "request.col.en": ("英文", "English"),
    "request.count_check": (
        "另有 {c} 项我方已有的数字看起来可能有误（浅红底纹，已预填，疑点见“已有数字类别”列），"
        "请核实：有误的请更正并把状态改为修订数，无误的请在备注中说明。",
        "For {c} more the figure we hold looks wrong (shaded red, pre-filled; what looks "
        "wrong is in “kind of figure held”): correct a wrong one and set its status to "
        "revised, or say in the note that it is right.",
    ),
    "request.to_verify": (
        "{status}；待核实 to verify：{check} / {check_en}",
        "{status}; to verify: {check_en}",
    ),
    "request.count_final": (
        "另有 {q} 项我方只有初步数或预计数（浅绿底纹，已预填），请提供正式数。",
        "For {q} more we hold only a preliminary figure or an estimate (shaded green, "
        "pre-filled): please give the final figure.",
    ),
    "request.none_held": ("无", "none"),
    "request.col.previous": ("此前最近数字", "latest figure before"),
    "request.col.goals": ("方案目标", "plan targets"),
    "request.baseline_at": ("{value}（{year}年基数）", "{value} ({year} baseline)"),
    "request.baseline_at_rebased": (
        "{value}（{year}年基数，{rebased}）",
        "{value} ({year} baseline, {rebased})",
    ),
    "request.no_baseline": ("方案未给出", "not given in the plan"),
    "request.kind.stock": ("存量（年末数）", "stock (end of year)"),
    "request.kind.flow": ("年度流量（当年数）", "flow (within the year)"),
    "request.kind.cumulative": ("累计新增（自2020年末起）", "cumulative additions since end-2020"),
    "request.kind.share": ("比重（%）", "share (%)"),
    "request.kind.density": ("密度（每万人）", "density (per 10,000 people)"),
    "request.kind.growth_rate": (
        "全年总额（填金额，不填增速）",
        "the year's total (the amount, not its growth rate)",
    ),
    "request.note.1": (
        "每行一个指标、一个年份。数值填数字，可写 8796、8,796、35.6% 或 54.03亿元；全角数字亦可。",
        "One indicator and one year per row. Write the value as a number: 8796, "
        "8,796, 35.6% or 54.03亿元 are all accepted, full-width digits too.",
    ),
    "request.note.2": (
        "单位：从下拉列表选择，默认即登记单位；万元、亿元等会自动换算。",
        "Unit: pick from the drop-down; the default is the registry unit, and "
        "万元/亿元 etc. are converted.",
    ),
    "request.note.3": (
        "状态：正式数=统计公报、年鉴等正式数据；初步数=快报数；预计数=估计；修订数=对已发布数字的更正。",
        "Status: final = official figure (bulletin, yearbook); preliminary = first "
        "release; estimate = estimate; revised = a correction of a published "
        "figure.",
    ),
    "request.note.4": (
        "黄色底纹的行已预填我方掌握的数字（见“已有数字”列）。这些数字不能直接进入序列：多为下限"
        "（如“超过……”）、非全年数或口径不同的数字。请改填该年全年、按方案口径的数字，选择相应"
        "状态并填写来源；只有预填数字本身就是这样的数字时，才保留数值并把状态改为正式数。",
        "Yellow rows are pre-filled with the figure we hold (see 'figure held'). As it "
        "stands it cannot enter the series: it is mostly a bound ('more than ...'), a "
        "part-year figure or a figure of another definition. Overwrite it with the "
        "full-year figure in the plan's definition, choose its status and give the "
        "source; keep the number and set the status to final only if it already is "
        "that figure.",
    ),
    "request.note.8": (
        "浅绿底纹的行预填了我方已有的初步数或预计数：它暂时计入评估，但正式数可能不同，"
        "甚至改变目标是否实现的判断。请填写正式数及其来源（发布机关和文件名称），并把状态改为"
        "正式数（数字不变也请改状态）；暂无正式数的，保持原样即可。预填的是衔接初步数的，请按新口径"
        "正式数衔接后填写，状态改为衔接数，并在表末另加一行该年新口径正式数（状态：口径不同）。",
        "Green rows are pre-filled with the preliminary figure or estimate we hold: it counts "
        "for now, but the final figure may differ and can change whether a target is met. "
        "Write the final figure with its source (issuing body and document) and set the "
        "status to final (change the status even if the number stays the same); where there "
        "is no final figure yet, leave the row as it is. Where the row holds a chained "
        "preliminary figure, chain the new definition's final figure, set the status to "
        "chained, and add a row below the table with that final figure (status: other "
        "definition).",
    ),
    "request.note.5": (
        "没有数据的行请留空数值，系统会跳过；不要删除行。不要输入公式。",
        "Leave the value empty where you have no figure (the row is skipped); do "
        "not delete rows. Do not enter formulas.",
    ),
    "request.note.6": (
        "来源请写发布机关和文件名称（如“2023年廊坊市国民经济和社会发展统计公报”），有网址请一并填写。",
        "Source: the issuing body and the document (e.g. the 2023 statistical "
        "bulletin of Langfang); add the web address if there is one.",
    ),
    "request.note.7": (
        "同一指标、年份和状态若与其他来源数字不一致，合并时会列出冲突并停止，由征集单位核定。",
        "If a figure differs from another source for the same indicator, year and "
        "status, the merge lists the conflict and stops until the lead department "
        "decides.",
    ),
    "request.note.9": (
        "状态留空按正式数处理。发现往年已发布的数字有误，或要报送表中未列出的年份，可在表末添加一行"
        "（指标代码、地区、年份照其他行的写法填写），状态选修订数或相应状态，并填写来源。",
        "An empty status counts as final. To correct a figure published for an earlier year, "
        "or to give a year the sheet does not list, add a row at the end (indicator code, "
        "region and year written as in the other rows) with the status revised, or the one "
        "that applies, and its source.",
    ),
    "request.note.10": (
        "浅红底纹的行预填了我方已有、但看起来可能有误的数字（单位、小数点或口径，疑点见“已有数字"
        "类别”列）：它照常计入评估。数字有误的，请填写正确数字并把状态改为修订数；数字无误的，"
        "保持原样并在备注中写“核实无误”，此后不再标为待核实。",
        "Red rows are pre-filled with a figure we hold that looks wrong (a unit, a decimal "
        "point or a definition; what looks wrong is in “kind of figure held”): it counts as "
        "it is. Where it is wrong, write the right figure and set the status to revised; "
        "where it is right, leave it and write “核实无误” (confirmed) in the note: it is "
        "then no longer marked to verify.",
    ),
    "request.note.11": (
        "“上次说明”列是贵单位在上一轮征集表中对该行所作的说明（如“尚未发布”），仅供参考。"
        "本轮如已有数字，请照常填写；仍无数字的，请在“备注”列写明最新情况（如预计发布时间），"
        "上次说明不会自动沿用。",
        "The column 'said last time' shows what your department wrote on this row in the "
        "previous round (e.g. 'not yet published'), for reference. Where there is a figure "
        "now, fill it in as usual; where there still is none, write the latest in 'note' (e.g. "
        "when it is expected): last time's words are not carried over.",
    ),
    "request.note.12": (
        "发布日期：填所填数字首次公布或上报的日期，如统计公报的发布日期，写成 2024-02-28、"
        "2024-02 或 2024；不详可留空。同一年份的数字若有修订（如初步数和正式数、年鉴修订数），须有发布日期"
        "才能区分先后；有了它，报告还可以还原为某日已知的数字（--known-by）。灰色“已有数字出处”"
        "列中的发布日期是我方已有数字的；改填了数字的，请填新数字的发布日期。",
        "Publication date: the day the figure you give was first published or reported, e.g. "
        "the statistical bulletin's date, as 2024-02-28, 2024-02 or 2024; leave it empty if "
        "you do not know. Where a year's figure is revised (a preliminary and a final figure, "
        "a yearbook's revision), only the dates tell which came first; with them the report "
        "can also be rebuilt as it was known on a given day (--known-by). A date in the grey "
        "'where it comes from' column is that of the figure we hold; if you write another "
        "figure, give its own date.",
    ),
    "request.cli.written": ("已写出征集表：{path}", "request written: {path}"),
    "request.cli.blank": (
        "注意：{path} 未填写任何新数字或说明（与发出时相同），不计为已返回的一轮",
        "NOTE: {path} answers nothing (no figure or note beyond what it was sent with): not "
        "counted as a returned round",
    ),
    "request.cli.total": ("共 {n} 份征集表，位于 {dir}", "{n} workbook{n_s} in {dir}"),
}

_COLUMNS = {
    "col.indicator_id": ("指标代码", "Indicator ID"),
    "col.indicator": ("指标", "Indicator"),
    "col.name_zh": ("指标名称", "Indicator (Chinese)"),
    "col.name_en": ("指标名称（英文）", "Indicator"),
    "col.section": ("规划板块", "Plan section"),
    "col.unit": ("单位", "Unit"),
    "col.kind": ("指标类型", "Kind"),
    "col.direction": ("方向", "Direction"),
    "col.milestone_year": ("目标年份", "Milestone year"),
    "col.year": ("年份", "Year"),
    "col.target": ("目标值", "Target"),
    "col.value": ("数值", "Value"),
    "col.comparison": ("比较", "Comparison"),
    # a target re-based onto a new definition: the plan's own figure beside it
    "col.plan_value": ("方案原目标（重定前）", "Plan's own target (before re-basing)"),
    "col.plan_target": ("方案原目标（重定前）", "Plan's own target (before re-basing)"),
    "col.plan_baseline_value": ("方案原基期值（重定前）", "Plan's own baseline (before re-basing)"),
    "col.baseline_year": ("基期年份", "Baseline year"),
    "col.baseline_value": ("基期值", "Baseline value"),
    "col.latest_year": ("最新年份", "Latest year"),
    "col.latest_value": ("最新值", "Latest value"),
    "col.latest_status": ("最新值性质", "Status of latest"),
    "col.expected_on_path": ("按路径应达值（最新值年份）", "Expected on path (latest year)"),
    # a row without a figure yet: where its path stands in the year the data run to
    "col.expected_by_as_of": (
        "按路径应达值（数据截至年份，起点后尚无数字的指标）",
        "Expected on path (data year, no figure after the path's start)",
    ),
    "col.progress_share": ("增量完成进度", "Progress"),
    "col.time_share": ("时间进度", "Time elapsed"),
    "col.needed_from_now": ("达标需年均", "Yearly change needed to meet it"),
    # between successive figures, annualised: 905 (2020) → 1,258 (2022) is one such pace
    "col.best_growth": (
        "相邻数字间最快年均变化",
        "Fastest pace between figures",
    ),
    # in the row's growth unit: a rate, a share's points or a count's units a year
    "col.actual_cagr": ("基期以来年均变化", "Yearly change since the baseline"),
    "col.required_cagr": ("所需年均增速", "Required CAGR"),
    "col.projected": ("预计值", "Projected"),
    "col.projected_lo_80": ("预计值80%下限", "Projected, 80% low"),
    "col.projected_hi_80": ("预计值80%上限", "Projected, 80% high"),
    # signed, projected minus target: a surplus of a floor target is positive, a shortfall
    # negative ("预计缺口 +46" read as a shortfall of a projection above its target)
    "col.projected_gap": ("预计值−目标值", "Projected − target"),
    # relative to the target: beside a share in %, a bare "(%)" read as percentage points
    "col.projected_gap_pct": ("预计值−目标值（占目标值%）", "Projected − target (% of target)"),
    "col.p_meet": ("达标概率", "Probability of meeting"),
    "col.p_meet_words": ("达标可能性", "Likelihood"),
    "col.p_meet_note": ("概率说明", "About the probability"),
    "col.other_figures": ("其他已报告数字", "Other reported figures"),
    "col.status": ("状态", "Status"),
    "col.status_note": ("状态说明", "Status note"),
    "col.status_code": ("状态代码", "Status code"),
    "col.departments": ("责任部门", "Departments"),
    # who is asked for a figure: the responsible departments, or the statistics bureau
    "col.departments_asked": ("应提供数据的部门", "Departments asked"),
    "col.department_asked": ("应提供数据的部门", "Department asked"),
    "col.clause": ("条款", "Clause"),
    "col.quote": ("原文", "Quote"),
    # the project's English rendering of the plan's words, beside them (English outputs only)
    "col.quote_en": ("原文（英文）", "Quote (our translation)"),
    "col.quote_translated": (
        "原文（英文及中文）",
        "Quote (our translation, then the plan’s Chinese)",
    ),
    "col.measure_clause": ("措施条款", "Measure clause"),
    "col.measure_quote": ("措施原文", "Measure quote"),
    "col.measure_quote_en": ("措施原文（英文）", "Measure quote (our translation)"),
    "col.measure_quote_translated": (
        "措施原文（英文及中文）",
        "Measure quote (our translation, then the plan’s Chinese)",
    ),
    "col.note": ("备注", "Note"),
    "col.region": ("地区", "Region"),
    "col.obs_status": ("数据性质", "Figure status"),
    "col.in_series": ("计入序列", "Used in the series"),
    "col.source": ("来源", "Source"),
    "col.url": ("网址", "URL"),
    "col.accessed": ("访问日期", "Accessed"),
    "col.published": ("发布日期", "Published"),
    "col.path": ("路径", "Path"),
    "col.method": ("方法", "Method"),
    "col.as_of": ("数据截至", "As of"),
    "col.mean": ("预测值", "Forecast"),
    "col.lo_80": ("80%下限", "80% low"),
    "col.hi_80": ("80%上限", "80% high"),
    "col.lo_95": ("95%下限", "95% low"),
    "col.hi_95": ("95%上限", "95% high"),
    "col.smape": ("对称平均绝对百分比误差（%）", "sMAPE (%)"),
    "col.mase": ("平均绝对标度误差", "MASE"),
    "col.coverage_80": ("80%区间覆盖率", "80% coverage"),
    "col.coverage_95": ("95%区间覆盖率", "95% coverage"),
    "col.winkler_80": ("80%温克勒得分", "80% Winkler score"),
    "col.winkler_95": ("95%温克勒得分", "95% Winkler score"),
    "col.n": ("样本数", "n"),
    "col.origins": ("预测起点数", "Origins"),
    "col.over_share": ("预测偏高占比", "Share over-forecast"),
    "col.held_status": ("已有数字类别", "Kind of figure held"),
    "col.held_value": ("已有数字", "Figure held"),
    "col.held_source": ("已有数字出处", "Source of figure held"),
}

#: Departments the plan names: spelling found in the sources (traditional or simplified) →
#: (simplified Chinese, English). Every one is a department of the Langfang municipal
#: government, so the English leaves out "Municipal" (as the Chinese says 市 once): four of
#: them made a 200-character cell that pushed the English tables off the page.
_DEPARTMENTS = {
    "市科技局": ("市科技局", "Science and Technology Bureau"),
    "市工業和信息化局": ("市工业和信息化局", "Industry and IT Bureau"),
    "市工业和信息化局": ("市工业和信息化局", "Industry and IT Bureau"),
    "市稅務局": ("市税务局", "Tax Bureau"),
    "市税务局": ("市税务局", "Tax Bureau"),
    "市市場監督管理局": ("市市场监督管理局", "Market Regulation Bureau"),
    "市市场监督管理局": ("市市场监督管理局", "Market Regulation Bureau"),
    "市財政局": ("市财政局", "Finance Bureau"),
    "市财政局": ("市财政局", "Finance Bureau"),
    "市人力資源社會保障局": (
        "市人力资源社会保障局",
        "Human Resources and Social Security Bureau",
    ),
    "市人力资源社会保障局": (
        "市人力资源社会保障局",
        "Human Resources and Social Security Bureau",
    ),
    "市商務局": ("市商务局", "Commerce Bureau"),
    "市商务局": ("市商务局", "Commerce Bureau"),
    "市國資委": (
        "市国资委",
        "State-owned Assets Commission (SASAC)",
    ),
    "市国资委": (
        "市国资委",
        "State-owned Assets Commission (SASAC)",
    ),
    "市教育局": ("市教育局", "Education Bureau"),
    "市發展改革委": ("市发展改革委", "Development and Reform Commission"),
    "市发展改革委": ("市发展改革委", "Development and Reform Commission"),
    "市開發區改革發展工作辦公室": (
        "市开发区改革发展工作办公室",
        "Development Zone Reform Office",
    ),
    "市开发区改革发展工作办公室": (
        "市开发区改革发展工作办公室",
        "Development Zone Reform Office",
    ),
    "市统计局": ("市统计局", "Statistics Bureau"),
    "市統計局": ("市统计局", "Statistics Bureau"),
}

#: The English workbook's department cells name a department by its remit (simplified
#: Chinese name → short English form): four full names made a summary row six lines tall and
#: the sheet printed on twice the pages of the Chinese one; its notes sheet spells each out
#: once (:func:`department_short_forms`).
_DEPARTMENT_SHORT_EN = {
    "市科技局": "S&T",
    "市工业和信息化局": "Industry & IT",
    "市税务局": "Taxation",
    "市市场监督管理局": "Market Regulation",
    "市财政局": "Finance",
    "市人力资源社会保障局": "HR & Social Security",
    "市商务局": "Commerce",
    "市国资委": "SASAC",
    "市教育局": "Education",
    "市发展改革委": "DRC",
    "市开发区改革发展工作办公室": "Dev. Zone Office",
    "市统计局": "Statistics",
}


#: The Word monitoring brief (``brief``): headings, sentence templates, captions, annex.
_BRIEF = {
    # 20 characters fill the line at 22 pt: a break of its own, not inside 目标
    "brief.title": (
        "廊坊市强化企业科技创新专项服务工作方案\n目标监测简报",
        "Monitoring brief: the targets of Langfang’s Enterprise S&T Innovation Special "
        "Service Work Plan 2021-2025",
    ),
    # data up to the plan's last year: the final evaluation
    "brief.title_final": (
        "廊坊市强化企业科技创新专项服务工作方案\n终期评估简报",
        "Final evaluation brief: the targets of Langfang’s Enterprise S&T Innovation Special "
        "Service Work Plan 2021-2025",
    ),
    "brief.as_of": ("数据截至{year}年", "Data as of {year}"),
    "brief.as_of_vintage": (
        "数据截至{year}年（按现有最新值，含其后的修订）",
        "Data as of {year} (as known now, later revisions included)",
    ),
    # run --known-by: the figures as published by a day, a reconstruction of what was known
    # (in characters labels.py has already: the charts' Chinese font is cut to its text,
    # and a new character changed every Chinese SVG and PDF of a run without the option)
    "known_by.cover": (
        "按{date}已公布的数据复现（其后公布的数字和修订不计入）",
        "Reconstructed as published by {date} (figures and revisions published later left out)",
    ),
    # the words each chart's source line of such a run ends with (style.source_ending)
    "known_by.source": ("按{date}已公布的数据", "as published by {date}"),
    "known_by.method": (
        "按日期复现：只用{date}及以前公布的数字；其后公布的修订不计入，被修订的原数字照常计入。"
        "未注明公布日期的数字：年份在{date}以前已结束的，按当时已知计入，共{n}个，这是复现中"
        "最不可靠之处：其中有的可能是其后才公布的；年份尚未结束的不计入（年度数字在年后才公布），"
        "共{m}个。已知其公布日期的，请填入输入文件（征集表、模板）的“发布日期”列。",
        "Reconstruction by date: only the figures published by {date} are used; a revision "
        "published later is left out and the figure it revised counts. Figures without a "
        "published date are counted as known then if their year was over by {date}: {n}. "
        "That is the weak point of the reconstruction, as some may have come out later. "
        "Those of a year not yet over are left out (a year's figure comes out after the "
        "year): {m}. Where a date is known, give it in the input's published column (发布日期 "
        "in the request workbooks and the template).",
    ),
    # said after known_by.method when the run left such figures out (views.known_by_method)
    # the exception to the method's rule for undated figures of a year over: the rule said
    # "均按当时已知计入" (all counted) and this sentence "也不计入" after it (the diff review)
    "known_by.method_after": (
        "但年份已结束、所接替的较早数字（如正式数之前的初步数）在{date}或之后才公布的，"
        "不计入（正式数不会早于其初步数公布），共{k}个。",
        "An undated figure of a year over is left out all the same where it succeeds an "
        "earlier-stage figure of its year published on or after {date} (a final after its "
        "preliminary), as a final does not come out before its preliminary: {k}.",
    ),
    "brief.prepared_by": ("编制单位：{blank}", "Prepared by: {blank}"),
    "brief.page": ("— {page} —", "Page {page}"),
    "brief.h_overview": ("一、总体情况", "1. Overview"),
    "brief.h_sections": ("二、分板块进展", "2. Progress by plan section"),
    "brief.h_sections_final": ("二、分板块完成情况", "2. Outcome by plan section"),
    "brief.h_section": ("（{n}）{section}", "2.{n} {section}"),
    "brief.h_table": ("三、各项目标进展情况", "3. Status of every target"),
    "brief.h_table_final": ("三、各项目标完成情况", "3. Outcome of every target"),
    "brief.h_missing": (
        "四、仍缺的数据（按应提供数据的部门）",
        "4. Data still missing, by department asked",
    ),
    "brief.fig_continued": ("{title}（续）", "{title} (continued)"),
    "brief.checks_warn": (
        "有{n}个数字看起来可能有误（单位、小数点或口径），仍照常计入本简报的各项数字（注明“口径不同”的数字除外），"
        "详见第四部分，请先核实。",
        "Figures that look wrong (a unit, a decimal point or a definition?): {n}. They are "
        "still used in this brief’s numbers (figures given the status other-definition are left out); "
        "section 4 lists them: verify them first.",
    ),
    "brief.checks_warn_definition": (
        "有{n}处口径变化，口径不同的数字未计入本简报的各项数字，详见第四部分，请核实序列口径。",
        "Changes of definition: {n}. Figures of another definition are not used in this "
        "brief’s numbers; section 4 lists them: check which definition the series keeps.",
    ),
    "brief.checks": (
        "以下{n}个数字看起来可能有误，仍照常计入本简报（注明“口径不同”的数字除外），请有关部门核实（有误的以修订数更正）：{items}。",
        "Figures that look wrong, still used in this brief unless given the status "
        "other-definition ({n}); the departments concerned "
        "should verify them (and correct a wrong one with a revised figure): {items}.",
    ),
    "brief.check_item": (
        "{name}（{region}）{years}年为{value}，{check}",
        "{name} ({region}), {years}: {value}, {check}",
    ),
    "brief.h_charts": ("五、重点图表", "5. Key charts"),
    "brief.h_annex": ("附件：方法与数据来源", "Annex: methods and data sources"),
    "brief.h_methods": ("（一）方法", "A. Methods"),
    "brief.h_definitions": ("（二）指标说明", "B. What the indicators count"),
    "brief.no_definitions": (
        "指标登记表未给出指标说明。",
        "The indicator registry gives no definitions.",
    ),
    "brief.h_sources": ("（三）数据来源", "C. Data sources"),
    "brief.h_technical": ("（四）技术说明", "D. Technical notes"),
    # overview and section sentences ({counts} is a list of brief.count items)
    "brief.overview_basis": (
        "本简报依据截至{year}年的廊坊市统计数据，对工作方案{n}项量化指标的{m}个目标（按目标年份计）逐项评估："
        "将基期以来的实际年均变化与实现目标所需的年均变化相比较（增长检验法）。",
        "This brief assesses the plan’s {n} quantified indicators, {m} targets counting each "
        "milestone year, one by one with Langfang’s "
        "statistics up to {year}: the actual average yearly change since the baseline "
        "is compared with the change needed to reach the target (the growth test).",
    ),
    "brief.overview_basis_final": (
        "工作方案的规划期已于{end}年结束。本简报依据截至{year}年的廊坊市统计数据，对工作方案{n}项"
        "量化指标的{m}个目标（按目标年份计）逐项作终期评估：节点年份已有实际值的，按实际值判定是否达标（依据初步数或预计数的，"
        "待正式数确认；只有上下限、且已能判定的，按其判定，待确切数字）；节点年份尚缺数据的，列为数据不足，不再按进度推断，但此前已达到目标的水平类"
        "指标（如企业数量、每万人口专利数）记为已实现，待节点年份数据确认。",
        "The plan’s period ended in {end}. This brief is the final evaluation of the plan’s {n} "
        "quantified indicators ({m} targets, counting each milestone year), with Langfang’s "
        "statistics up to {year}. A target whose milestone year has its figure is met or "
        "missed on that figure. The outcome is provisional where that figure is preliminary or "
        "an estimate, or only a bound. A target whose milestone year has no figure lacks data; "
        "it is not judged from its earlier pace. One exception: a level (a count of firms, a "
        "density) that had already reached its target counts as achieved, to be confirmed by "
        "that year’s figure.",
    ),
    "brief.overview_milestone": (
        "{year}年目标共{n}项，其中{counts}。",
        "{year} targets: {n} in all ({counts}).",
    ),
    "brief.section_counts": (
        "本板块共有{n}项目标（按目标年份计），其中{counts}。",
        "Targets in this section, counting each milestone year: {n} in all ({counts}).",
    ),
    "brief.count": ("{status}{n}项", "{status}: {n}"),
    "brief.count_provisional": (
        "{status}{n}项（其中{k}项依据初步数或预计数，待正式数确认）",
        "{status}: {n}, {k} of them provisional, on a preliminary figure or an estimate",
    ),
    # one of them or more rests on a bound that settles it ("1000余人")
    "brief.count_provisional_bound": (
        "{status}{n}项（其中{k}项依据初步数、预计数或上下限，待确切数字确认）",
        "{status}: {n}, {k} of them provisional, on a preliminary figure, an estimate or a bound",
    ),
    # every one of them provisional: one, or all
    "brief.count_provisional_one": (
        "{status}{n}项（依据初步数或预计数，待正式数确认）",
        "{status}: {n}, provisional, on a preliminary figure or an estimate",
    ),
    "brief.count_provisional_all": (
        "{status}{n}项（均依据初步数或预计数，待正式数确认）",
        "{status}: {n}, all provisional, on preliminary figures or estimates",
    ),
    "brief.count_provisional_bound_one": (
        "{status}{n}项（依据初步数、预计数或上下限，待确切数字确认）",
        "{status}: {n}, provisional, on a preliminary figure, an estimate or a bound",
    ),
    "brief.count_provisional_bound_all": (
        "{status}{n}项（均依据初步数、预计数或上下限，待确切数字确认）",
        "{status}: {n}, all provisional, on preliminary figures, estimates or bounds",
    ),
    # between the counts of one sentence: an English count may hold a comma of its own
    "brief.count_sep": ("、", "; "),
    "landing.count_provisional": ("其中{k}项待正式数", "{k} provisional"),
    # one of them or more rests on a bound that settles it: the exact figure is owed
    "landing.count_provisional_bound": ("其中{k}项待确切数字", "{k} provisional"),
    "landing.count_early": ("其中{k}项提前达到，需保持", "{k} reached early, to be held"),
    # a growth-rate grade from a late first figure: it turns on the years before it
    "landing.count_open": (
        "{names}另取决于{years}年增速",
        "{names} also turns on {years}’s growth",
    ),
    "landing.count_early_owed": (
        "其中{k}项提前达到，待{year}年数据确认",
        "{k} reached early, to be confirmed by the {year} figure",
    ),
    "brief.count_early_owed": (
        "（{k}项在目标年份前达到，目标年份已过，待{year}年数据确认是否保持）",
        ", {k} of them met before the milestone year, to be confirmed by the {year} figure",
    ),
    "brief.count_early_owed_one": (
        "（该项在目标年份前达到，目标年份已过，待{year}年数据确认是否保持）",
        ", met before the milestone year, to be confirmed by the {year} figure",
    ),
    "brief.count_open": (
        "（{names}另取决于未计入的{years}年增速）",
        "; {names} also turns on the uncounted growth of {years}",
    ),
    "brief.count_open_one": (
        "（该项取决于未计入的{years}年增速）",
        ", turning on the uncounted growth of {years}",
    ),
    "brief.count_early": (
        "（{k}项在目标年份前达到，需保持至目标年份）",
        ", {k} reached before the milestone year, to be held until then",
    ),
    "brief.list_sep": ("、", ", "),
    "brief.item_sep": ("；", "; "),
    "brief.missing_lead": (
        "以下{n}项指标的部分年份尚无可用于评估的数据（修订数、正式数、初步数或预计数），"
        "请下列部门报送（统计类指标由负责该项统计的部门报送）；统计部门可向每个部门发送一份数据征集表。",
        "For {n} indicators some years have no figure an assessment can use (revised, final, "
        "preliminary or estimate); the departments below are asked to supply them (a "
        "statistic, the department that compiles it; the statistics office can send each "
        "department a data-request workbook).",
    ),
    "brief.missing_none": (
        "目标所需的各年份数据均已具备。",
        "Every year the targets need has a figure.",
    ),
    "brief.missing_item": ("{department}：{items}。", "{department}: {items}."),
    # a growth-rate grade from a first figure after the plan's base year
    "brief.s_rate_year_left": (
        "因缺{base}年数字，{years}年增速未计入上述年均增速；{condition}。",
        "With no {base} figure, {years}’s growth is not in that average; it would be {condition}.",
    ),
    "brief.missing_name": ("{name}（{years}）", "{name} ({years})"),
    # the milestone years most owed indicators share, after the lead; the others are named
    # in their items
    "brief.missing_usual_milestone": (
        "除另有注明外，以{years}的数字判定是否达标。",
        " Unless another year is named, the {years} figure settles whether a target is met.",
    ),
    "brief.missing_usual_milestones": (
        "除另有注明外，以{years}的数字判定是否达标。",
        " Unless other years are named, the {years} figures settle whether a target is met.",
    ),
    # the owed years that settle a milestone (the page sets them in bold)
    "brief.missing_name_milestones": (
        "{name}（{years}，其中{milestones}为目标节点年份）",
        "{name} ({years}; milestone years: {milestones})",
    ),
    "brief.missing_name_milestone": (
        "{name}（{years}，其中{milestones}为目标节点年份）",
        "{name} ({years}; milestone year: {milestones})",
    ),
    "brief.missing_name_all_milestones": (
        "{name}（{years}，均为目标节点年份）",
        "{name} ({years}; each a milestone year)",
    ),
    # a growth-rate target's base year owed: the growth is counted from its level
    "brief.missing_name_base": (
        "{name}（{years}，其中{base}为计算年均增速的基期，决定是否达标）",
        "{name} ({years}; {base} is the base year its yearly growth is counted from, which "
        "decides the target)",
    ),
    "brief.missing_name_all_base": (
        "{name}（{years}：计算年均增速的基期，决定是否达标）",
        "{name} ({years}: the base year its yearly growth is counted from, which decides the "
        "target)",
    ),
    "brief.missing_name_all_milestone": (
        "{name}（{years}，目标节点年份）",
        "{name} ({years}; a milestone year)",
    ),
    # the department's own words on a year it left without a figure, after its list
    "brief.missing_said": ("部门说明：{items}。", " Its notes: {items}."),
    # notes of a department the registry does not name for that indicator (a return the
    # statistics bureau answered): after the departments' sentences
    "brief.missing_said_other": ("其他部门说明：{items}。", "Other departments' notes: {items}."),
    "brief.said_by_item": (
        "{department}：{name}{year}年，“{note}”",
        "{department}: {name} {year}, “{note}”",
    ),
    "brief.said_item": ("{name}{year}年，“{note}”", "{name} {year}, “{note}”"),
    "brief.provisional": (
        "以下数据目前只是初步数或预计数，据此作出的判断在正式数公布后可能改变，请报送正式数：{items}。",
        "These figures are only preliminary or estimates, and an assessment made on them may "
        "change when the final figure comes; the final figures are asked for: {items}.",
    ),
    "brief.provisional_item": (
        "{name}（{year}年，{status}；{departments}）",
        "{name} ({year}, {status}; {departments})",
    ),
    "brief.milestone": ("{year}年目标", "{year} target"),
    "brief.growth_pct": ("{value}%", "{value}%"),
    "brief.growth_pp": ("{value}个百分点", "{value} pp"),
    "brief.s_trend": (
        "{name}（{milestone}{target}）：从{baseline_year}年的{baseline}到{latest_year}年的"
        "{latest}，年均{actual}，而自{baseline_year}年起实现目标需年均{required}，评估为"
        "“{status}”{tolerance}。",
        "{name} ({milestone} {target}): from {baseline} in {baseline_year} to {latest} in "
        "{latest_year}, {actual} a year against the {required} a year the target needs from "
        "{baseline_year}; assessed as “{status}”{tolerance}.",
    ),
    # the required path runs through an earlier milestone: its pace over the same years
    "brief.s_trend_path": (
        "{name}（{milestone}{target}）：从{baseline_year}年的{baseline}到{latest_year}年的"
        "{latest}，年均{actual}，按目标路径同期需年均{required}，评估为“{status}”{tolerance}。",
        "{name} ({milestone} {target}): from {baseline} in {baseline_year} to {latest} in "
        "{latest_year}, {actual} a year against the {required} a year the target path asked "
        "for over those years; assessed as “{status}”{tolerance}.",
    ),
    # a stock that met its target before a milestone year now past, whose own figure is owed
    "brief.achieved_no_figure": (
        "{year}年数据尚缺，待其确认是否保持。",
        " Whether it held awaits the {year} figure.",
    ),
    "brief.s_latest": (
        "{name}（{milestone}{target}）：{latest_year}年为{latest}，评估为“{status}”。",
        "{name} ({milestone} {target}): {latest} in {latest_year}; assessed as “{status}”.",
    ),
    "brief.s_achieved": (
        "{name}（{milestone}{target}）：{latest_year}年为{latest}，已达到目标{surplus}，"
        "评估为“{status}”。",
        "{name} ({milestone} {target}): {latest} in {latest_year}, which meets the "
        "target{surplus}; assessed as “{status}”.",
    ),
    # a reading's first clause names only the series that deviate the way it says (or the
    # home series that decides, "home"); {rest} says the others after it, "" when none: the
    # page said "far more often than predicted" over Langfang's own -2 (the reviewers' case)
    "reliability.low": (
        "{name}：在同一指标的序列上检验，所检验增速实际达到的比例比预测的概率高出较多：{series}。"
        "{rest}该目标的达标概率可能偏低。",
        "{name}: checked on the same indicator’s series, the growth tested was reached far more "
        "often than the forecasts said: {series}. {rest}This target’s probability may be too "
        "low.",
    ),
    "reliability.high": (
        "{name}：在同一指标的序列上检验，所检验增速实际达到的比例比预测的概率低得较多：{series}。"
        "{rest}该目标的达标概率可能偏高。",
        "{name}: checked on the same indicator’s series, the growth tested was reached far less "
        "often than the forecasts said: {series}. {rest}This target’s probability may be too "
        "high.",
    ),
    "reliability.mixed": (
        "{name}：在同一指标的各序列上检验，偏差方向不一：{series}。{rest}"
        "无法判断该目标的概率偏高还是偏低。",
        "{name}: the same indicator’s series err in both directions: {series}. {rest}Whether "
        "this target’s probability runs high or low cannot be told.",
    ),
    "reliability.unclear": (
        "{name}：在同一指标的各序列上检验，结果不一：偏差较大的有{series}；与预测相差不到{gap}个"
        "百分点的有{others}。后者所含预测起点不少于前者，不能据此判断该目标的概率偏高或偏低。",
        "{name}: the same indicator’s series disagree: far off, {series}; within {gap} points "
        "of their predictions, {others}. The series within hold as many forecast origins as "
        "the ones far off, so they do not tell whether this target’s probability runs high or "
        "low.",
    ),
    # the home series, once read, decides (views._reliability_key): the target's
    # probability is a forecast of that very series
    "reliability.home": (
        "{name}：{series}，与预测相差不到{gap}个百分点。同一指标其他地区的序列：{others}。"
        "该目标的达标概率就是对{home}序列的预测，以{home}序列的检验为准，不据此判断其{way}。",
        "{name}: {series}, within {gap} points of its forecasts. The same indicator’s other "
        "series: {others}. This target’s probability is a "
        "forecast of {home}’s series, so its own check decides, and the other series are "
        "not read as saying the probability runs {way}.",
    ),
    "reliability.rest_fewer": (
        "{others}与预测相差不到{gap}个百分点，但所含预测起点少于上述序列。",
        "Within {gap} points of their predictions, but from fewer forecast origins: {others}. ",
    ),
    "reliability.rest_mixed": (
        "{others}与预测相差不到{gap}个百分点。",
        "Within {gap} points of their predictions: {others}. ",
    ),
    "reliability.rest_home": (
        "同一指标的其他序列：{others}；该目标的达标概率就是对{home}序列的预测，"
        "以{home}序列的检验为准。",
        "The same indicator’s other series: {others}; this target’s probability is a "
        "forecast of {home}’s series, so its own check decides. ",
    ),
    "reliability.runs_low": ("偏低", "low"),
    "reliability.runs_high": ("偏高", "high"),
    "reliability.runs_both": ("偏高或偏低", "high or low"),
    "reliability.ok": (
        "{name}：在同一指标的序列上检验，实际达到的比例与预测的概率相差不到{gap}个百分点：{series}。",
        "{name}: the same indicator’s series stay within {gap} points of their predictions: "
        "{series}.",
    ),
    # what a backtest of the probabilities counts: growth thresholds on past figures, not
    # the target (a planner read "the target was met 89% of the time" as a track record of
    # the target itself: the reviewers' case)
    "reliability.what": (
        "回测检验的是算出达标概率的同一种预测：在同一指标历史数据较多的序列上，从过去各年的数据预测"
        "此后1至{years}年内年均增速分别不低于{paces}的概率，再看实际是否达到；检验的是这些增速，"
        "不是该目标本身",
        "the backtests check the forecasts the probabilities come from: on the same "
        "indicator’s series with more figures, from each past year’s figures, the chance of "
        "growing by at least each of {paces} a year over the next 1 to {years} years, against "
        "what happened; they count these paces, not the target itself",
    ),
    "landing.reliability": (
        "达标概率的回测（{what}；见分析笔记本“03 预测与回测”，逐次检验见 "
        "probability_backtests.csv）：{reading}",
        "Backtests of the probabilities ({what}; notebook “03 Forecasts and backtests”, each "
        "check in probability_backtests.csv): {reading}",
    ),
    "brief.reliability": (
        "达标概率的回测（{what}）：{reading}",
        "Backtests of the probabilities ({what}): {reading}",
    ),
    "notes.reliability": ("{what}。{reading}", "{what}. {reading}"),
    "nb.written": ("figures/：{n} 个文件；{workbook}", "figures/: {n} files; {workbook}"),
    "nb.written_to": ("{name}（写入 out_dir）", "{name} (in out_dir)"),
    # notebook 04's opening while the plan runs: what it grades and how (views.gaps_intro)
    "nb.gaps_intro": (
        "**按进度判定。** 每个目标在{first}年和{last}年两个节点的状态：已实现、符合进度、需加快、进展不足、偏离目标、未达标（节点年份数据已出而未达目标）或数据不足。判定规"
        "则采用欧盟统计局（Eurostat）和加拿大统计局的增速比较法：实际年均增速 ÷ 所需年均增速 = R；R ≥ {on} 符合进度，{acc}～{on} 需加快，0～{acc} 进展不"
        "足，R < 0 偏离目标。",
        "**Graded on pace.** Status of every target at both milestones, graded by the Eurostat "
        "/ Statistics Canada growth test: R = actual ÷ required annual growth; R ≥ {on} on track, "
        "{acc}–{on} needs acceleration, 0–{acc} insufficient progress, below 0 moving away; a milestone "
        "whose own year is in and falls short is missed.",
    ),
    # ... and once the data reach the plan's last year: its final evaluation, as the page
    "nb.gaps_intro_final": (
        "**终期评估。** 每个目标在{first}年和{last}年两个节点是否达标：已实现、未达标或数据不足。",
        "**The final evaluation.** Whether every target was met at both milestones, "
        "{first} and {last}: achieved, missed or insufficient data.",
    ),
    # notebook 04's how to read the tables while the plan runs (views.gaps_reading)
    "nb.gaps_reading": (
        "“时间过半、任务过半”：对比**增量完成进度**（基期至目标所需增量已完成的比例，不是最新值占目标的比例）与**时间进度**（从基期到该指标最新数据的年份，已过去的规划期比例："
        "最新数据越早，时间进度越小，所以各行不同）。看板图上的竖线是**按目标路径在最新数据年份应达的进度**：按年均增速的路径前慢后快，所以这条线常低于时间进度（在其左侧），条形达到"
        "它即在路径上。有中期目标时，路径经过中期目标（如{first}年），{last}年目标的“进展状态”也按这条路径判定：比较基期以来的实际年均增速与路径在同期要求的年均增速，且允许低{tol}（"
        "比值 ≥ {on} 即“符合进度”）；所以“符合进度”的条形也可能略短于竖线；“最新值”格中，“{base}年以来年均”是基期以来的实际年均变化，“此后需年均”是从最新值到目标每年"
        "还需的变化（节点年份已过而尚缺当年数据的，写作“…年达标需年均”：从最新值起按期达标每年需要的变化），两者相比即见差距。**达标概率**按预测分布计算；预计值后的方括号是80% 预测区间。迄今“相邻数字间最快年均变化”等技术列见 `data/processed/gap_assessment.csv` "
        "和 Excel 工作簿。状态按基期以来的实际进度判定，达标概率来自预测；数据点很少时，预测向参照类序列的典型增长（默认每年{g}）收拢，所以两者可能不一致（如“符合进度”而概"
        "率“约各半”）。概率请按等级读（{scale}），不宜精确到个位百分点。",
        "Compare **progress** (the share of the required change achieved) with **time elapsed** (the "
        "share of the plan period gone by the year of the indicator's latest figure: an older latest "
        "figure gives a smaller share, so rows differ). The tick on the dashboard chart is **where "
        "the target path stands in the year of the latest figure**: a path of constant yearly growth "
        "rises slowly at first, so the tick often sits left of (below) the time elapsed, and a bar "
        "that reaches it is on the path. Where there is an interim milestone the path runs through "
        "it ({first}), and the {last} target's status is graded on that path: the actual yearly growth "
        "since the baseline against the growth the path asks for over the same years, with a {tol} tolerance "
        '(a ratio of {on} or more is "on track"); so an "on track" bar can stop a little short of '
        'the tick; under the latest figure, "… a year since {base}" is the actual yearly change since '
        'the baseline and "needs … a year from here on" how much the indicator must still change '
        "each year to reach the target (once the milestone year is over without its figure, "
        '"meeting it by … needed … a year": the yearly change from the latest figure that '
        "reaching the target in time needed): set side by side they show the gap. The "
        "**probability of "
        "meeting the target** comes from the forecast distribution; the brackets after the projected "
        "value hold its 80% range. The fastest pace between figures so far and the other technical "
        "columns are in `data/processed/gap_assessment.csv` and the Excel workbook. The status grades "
        "the pace since the baseline; the probability comes from the forecast, which with few figures "
        "leans toward the typical growth of a reference class of series ({g} a year by default), "
        "so the two can differ (on track, yet about even). Read the probability by its grade ({scale}), "
        "not to the percent.",
    ),
    # ... and in the final evaluation: outcomes, not a pace against time elapsed
    "nb.gaps_reading_final": (
        "每个目标按节点年份的实际值判定：状态下注明依据（实际结果；依据初步数或预计数的“待正式数”；只有上下限而已能判定的“待确切数字”）。**增量完成进度**是基期至目标所需增量已完"
        "成的比例，不是最新值占目标的比例；“最新值”格中，“{base}年以来年均”是基期以来的实际年均变化。节点年份尚缺数据的目标列为数据不足，此前已达到目标的水平类指标记为已实现，待该"
        "年数据确认；只有这类目标还有**达标概率**和预计值，是按已有数据对已结束年份的推断，不是结果。迄今“相邻数字间最快年均变化”等技术列见 `data/processed/gap_assessment.csv` "
        "和 Excel 工作簿。",
        "Every target is met or missed on its milestone year's figure, and the line under its status "
        'says on what (the actual outcome; "provisional" on a preliminary figure or an estimate; '
        "on a bound that already decides it, its exact figure pending). **Progress** is the share "
        "of the required change achieved since the baseline, not the latest value's share of the "
        'target; under the latest figure, "… a year since {base}" is the actual yearly change since '
        "the baseline. A target still missing its milestone year's figure lacks data, except that "
        "a level already reached before counts as achieved, to be confirmed by that year's figure; "
        "only such targets still have a **probability of meeting** and a projected value, an inference "
        "about a year that is over from the figures so far, not an outcome. The fastest pace between "
        "figures so far and the other technical columns are in `data/processed/gap_assessment.csv` "
        "and the Excel workbook.",
    ),
    # notebook 05: the brief the run writes, named as brief.brief_path names it (brief.brief_note)
    "nb.brief_files": (
        "主程序（`langfang-metrics run`）在 `reports/` 中写出{kind}：中文 `{zh}` 和英文 `{en}`，{year}年为实际使用的最新廊坊数"
        "据年份{why}。下面的代码按本笔记本的参数（`as_of`、`lang`）重新生成简报；换一个数据年份或语言，只需改参数单元格，或像最后一个单元格那样直接调用。",
        "The main job (`langfang-metrics run`) writes the {kind} into `reports/`: `{zh}` (Chinese) "
        "and `{en}` (English), {year} being the latest year of Langfang data used{why}. The cells "
        "below regenerate it for this notebook's parameters (`as_of`, `lang`); for another vintage "
        "or language change the parameters cell, or call it directly as the last cell does.",
    ),
    "nb.brief_kind": ("监测简报", "monitoring brief"),
    "nb.brief_kind_final": ("终期评估简报", "final evaluation brief"),
    # why the brief is the final evaluation's
    "nb.brief_final_why": (
        "（数据已到规划期末{end}年，故为终期评估简报）",
        " (the data reach the plan's last year, {end}: hence its final evaluation)",
    ),
    "vintage.one": (
        "目前每项预测只有一个数据年份（截至{year}年），还看不出预测随数据更新的变化：表格与上面的"
        "预测表相同，故不再列出。下一年的数据报来后，这里会逐年列出每次更新的预测及其图表。",
        "Every forecast has one vintage so far (data up to {year}), so there is no change "
        "with new data to see yet: its table would repeat the forecast table above. Once the "
        "next year's figures are in, each vintage's forecast and its chart appear here.",
    ),
    "vintage.none": (
        "目前没有可作预测的数据年份。",
        "No vintage of figures can be forecast yet.",
    ),
    "reliability.verdict": (
        "合计{events}次检验、{series}条序列：校准误差（ECE）为{ece}，{versus}基准测试的目标"
        "（≤{goal}）；{way}。{chance}",
        "{events} events from {series} series: the calibration error (ECE) is {ece}, {versus} "
        "the {goal} or less the benchmarks aim at; {way}. {chance}",
    ),
    "reliability.verdict_split": (
        "按指标类别看方向相反：回测的比重类序列（{shares}）实际发生的比例比预测概率{share_way}{sp}个百分点，"
        "其余序列{rest_way}{rp}个百分点；上面的总体结论不宜套用于比重类指标。",
        "By kind the lean is opposite: for the share series backtested ({shares}) events "
        "happened {sp} points {share_way} often than predicted, for the other series {rp} "
        "points {rest_way} often; the pooled reading above should not be carried over to "
        "shares.",
    ),
    "reliability.way_more": ("高", "more"),
    "reliability.way_less": ("低", "less"),
    "reliability.verdict_above": ("高于", "above"),
    "reliability.verdict_within": ("未超过", "within"),
    "reliability.verdict_low": (
        "实际发生的比例平均比预测概率高{points}个百分点，概率总体偏低",
        "events happened {points} points more often than predicted on average: the "
        "probabilities run low on the whole",
    ),
    "reliability.verdict_high": (
        "实际发生的比例平均比预测概率低{points}个百分点，概率总体偏高",
        "events happened {points} points less often than predicted on average: the "
        "probabilities run high on the whole",
    ),
    "reliability.verdict_even": (
        "实际发生的比例与平均预测概率相差不到{gap}个百分点，总体没有偏高或偏低",
        "events happened within {gap} points of the mean prediction: no lean either way on "
        "the whole",
    ),
    "reliability.verdict_apart": (
        "{bins}个概率段中有{apart}个的95%区间不含对角线；序列只有{series}条，其余偏离尚不能与偶然区分。",
        "The 95% range misses the diagonal in {apart} of {bins} probability bins; with "
        "{series} series, the other departures cannot yet be told from chance.",
    ),
    "reliability.verdict_none_apart": (
        "{bins}个概率段的95%区间都包含对角线：序列只有{series}条，这些偏离尚不能与偶然区分。",
        "Every one of the {bins} probability bins has a 95% range that reaches the diagonal: "
        "with {series} series, the departures cannot yet be told from chance.",
    ),
    "reliability.verdict_few": (
        "只有{events}次检验、{series}条序列，还不足以判断概率是否可信。",
        "{events} events from {series} series are too few to judge the probabilities by.",
    ),
    # "全国序列 +37": the national series of the indicator, not China as a whole
    # a series' events in plain words: the probabilities it gave on average, how often the
    # events happened, and on how much (the planner's review: "实际减预测，百分点：+37" was
    # opaque); the difference in points stays for the reader who compares. Both languages
    # say what was counted, the growth tested (reliability.what): "the events happened 92%
    # of the time" was a statistician's jargon (the planner's review), and "实际达标的比例" /
    # "the target was met 89% of the time" read as a track record of the target itself (the
    # reviewers')
    "reliability.series_events": (
        "{region}序列上，预测给出所检验增速的概率平均为{predicted}%，实际达到的比例为{observed}%"
        "（相差{diff}个百分点，{n}次检验）",
        "on {region}’s series the forecasts gave the growth tested a {predicted}% chance on "
        "average, and it was reached {observed}% of the time ({diff} percentage points, {n} "
        "checks)",
    ),
    "reliability.series": (
        "{region}序列上，预测给出所检验增速的概率平均为{predicted}%，实际达到的比例为{observed}%"
        "（相差{diff}个百分点，{origins}个预测起点、{n}次检验）",
        "on {region}’s series the forecasts gave the growth tested a {predicted}% chance on "
        "average, and it was reached {observed}% of the time ({diff} percentage points, {n} "
        "checks of forecasts from {origins} starting year{origins_s})",
    ),
    "reliability.none": (
        "没有哪个带预测概率的目标有足够长的同指标序列可供检验。",
        "No target with a forecast probability has a series of the same indicator long enough "
        "to check it.",
    ),
    "brief.s_revisions": ("数据更新：{items}。", "Figures updated: {items}."),
    "brief.confirmed_item": (
        "{name}{year}年{old}（{old_status}）已由{new_status}确认",
        "{name}, {year}: {old} ({old_status}) is confirmed by the {new_status} figure",
    ),
    "brief.revision_now_met": (
        "，{year}年目标由未达标变为已实现",
        ", so the {year} target is now met (it was missed)",
    ),
    "brief.revision_now_missed": (
        "，{year}年目标由已实现变为未达标",
        ", so the {year} target is now missed (it was met)",
    ),
    # a figure typed 10 times off and corrected: no revision of a published figure
    "brief.slip_item": (
        "{name}{year}年原录入的{old}有误，已更正为{new}（{new_status}）",
        "{name}, {year}: {old} was a typing error, corrected to {new} ({new_status})",
    ),
    "brief.revision_item": (
        "{name}{year}年由{old}（{old_status}）改为{new}（{new_status}）",
        "{name}, {year}: {old} ({old_status}) is now {new} ({new_status})",
    ),
    # the figure used is on a new definition (its note says so): no correction of the old
    "brief.rebased_item": (
        "{name}{year}年按新口径为{new}（{new_status}；原口径{old}，{old_status}）",
        "{name}, {year}: {new} on the new definition ({new_status}; {old} on the old one, "
        "{old_status})",
    ),
    # a figure revised twice: the later revision, after the first ("由…改为…，再改为…")
    "brief.revision_then": ("，再改为{new}（{new_status}）", ", then {new} ({new_status})"),
    # a revision's status with its publication date, to tell two revisions apart
    "brief.status_dated": ("{status}，{date}", "{status}, {date}"),
    "brief.s_reached_before": (
        "{year}年曾达{value}，已达到目标，其后回落。",
        "It had reached {value} in {year}, meeting the target, and has fallen back since.",
    ),
    "brief.s_flow_years": ("{name}，其他年度：{items}。", "{name}, the other years: {items}."),
    "brief.flow_tally": (
        "已有数据的{k}个年度中{m}个达到当年目标。",
        "Of the {k} years with a figure, {m} met the year's target.",
    ),
    "brief.flow_item": ("{year}年{value}（{verdict}）", "{year}: {value} ({verdict})"),
    "brief.flow_item_missing": ("{year}年尚无数据", "{year}: no figure yet"),
    # a growth-rate target's growth figures (gaps.rate_years): one year's growth against the
    # rate a year the plan asks for on average
    "rate.item": ("{year}年{value}（{verdict}）", "{value} in {year} ({verdict})"),
    "rate.at_least": ("≥{value}", "at least {value}"),
    "rate.at_most": ("≤{value}", "at most {value}"),
    "rate.met": ("不低于要求的年均{target}", "not below the plan's {target} a year"),
    "rate.short": ("低于要求的年均{target}", "below the plan's {target} a year"),
    "rate.met_ceiling": ("不高于方案上限年均{target}", "within the plan's {target} a year"),
    "rate.over": ("高于方案上限年均{target}", "above the plan's {target} a year"),
    "rate.unknown": (
        "与要求的年均{target}相比尚难判断",
        "cannot tell against the plan's {target} a year",
    ),
    "brief.s_rate_years": (
        "{name}已报告的年增速：{items}。单一年份的增速不等于全程年均增速。",
        "{name}, yearly growth reported: {items}. One year's growth is not the average over the "
        "plan's years.",
    ),
    "brief.flow_met": ("达标", "met"),
    "brief.flow_short": ("差{gap}", "short by {gap}"),
    "brief.flow_over": ("超出上限{gap}", "over the ceiling by {gap}"),
    "brief.surplus": ("（超出{gap}）", " with {gap} to spare"),
    "brief.surplus_rate": (
        "（{start}—{end}年年均增长{actual}，目标年均{required}）",
        " ({actual} a year over {start}-{end} against the {required} a year set)",
    ),
    "brief.surplus_below": ("（低于上限{gap}）", ", {gap} below the ceiling"),
    "brief.s_outrunning": (
        "该预测意味着此后年均{implied}，快于相邻数字间最快的年均{best}：数据点很少时，预测主要依据参照"
        "序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, faster than its fastest "
        "pace between successive figures so far ({best} a year): with so few figures the forecast rests mostly on the typical growth of a "
        "reference class of other short series, not on this series’ own course.",
    ),
    "brief.s_never_rose": (
        "该预测意味着此后年均{implied}，而本序列迄今从未上升（相邻数字间最好为年均{best}）：数据点很少时，"
        "预测主要依据参照序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, although the series has not risen "
        "between any two figures so far (at best {best} a year): with so few figures the "
        "forecast rests mostly on the typical growth of a reference class of other short "
        "series, not on this series’ own course.",
    ),
    "brief.s_outrunning_fall": (
        "该预测意味着此后年均{implied}，降得比相邻数字间降得最快的年均{best}还快：数据点很少时，预测主要"
        "依据参照序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, a steeper fall than its "
        "steepest between successive figures so far ({best} a year): with so few figures the forecast rests mostly on the typical "
        "growth of a reference class of other short series, not on this series’ own course.",
    ),
    "brief.s_lagging_fall": (
        "该预测意味着此后年均{implied}，降幅远小于迄今的年均{pace}：数据点很少时，预测主要依据参照"
        "序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, far from the fall of {pace} a year "
        "so far: with so few figures the forecast rests mostly on the typical growth of a "
        "reference class of other short series, not on this series’ own course.",
    ),
    "brief.s_never_fell": (
        "该预测意味着此后年均{implied}，而本序列迄今从未下降（相邻数字间最好为年均{best}）：数据点很少时，"
        "预测主要依据参照序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, although the series has not fallen "
        "between any two figures so far (at best {best} a year): with so few figures the "
        "forecast rests mostly on the typical growth of a reference class of other short "
        "series, not on this series’ own course.",
    ),
    "brief.s_lower_bound": (
        "{year}年仅有下限数字（不低于{value}），下限不计入序列，未作评估。",
        "For {year} only a lower bound is held (at least {value}); a bound does not enter "
        "the series, so the target is not assessed on it.",
    ),
    "brief.s_lower_bound_met": (
        "{year}年仅有下限数字（不低于{value}），已可知达到目标，按已实现计，待确切数字。",
        "For {year} only a lower bound is held (at least {value}), so the target is known to "
        "be met: it counts as achieved, provisionally, until the exact figure comes in.",
    ),
    "brief.s_lower_bound_missed": (
        "{year}年仅有下限数字（不低于{value}），已超出目标上限，按未达标计，待确切数字。",
        "For {year} only a lower bound is held (at least {value}), already over the target's "
        "ceiling: it counts as missed, provisionally, until the exact figure comes in.",
    ),
    "brief.s_upper_bound_missed": (
        "{year}年仅有上限数字（不高于{value}），已可知未达到目标，按未达标计，待确切数字。",
        "For {year} only an upper bound is held (at most {value}), so the target is known to "
        "be missed: it counts as missed, provisionally, until the exact figure comes in.",
    ),
    "brief.s_upper_bound": (
        "{year}年仅有上限数字（不高于{value}），上限不计入序列，未作评估。",
        "For {year} only an upper bound is held (at most {value}); a bound does not enter "
        "the series, so the target is not assessed on it.",
    ),
    "brief.s_upper_bound_met": (
        "{year}年仅有上限数字（不高于{value}），已可知达到目标，按已实现计，待确切数字。",
        "For {year} only an upper bound is held (at most {value}), so the target is known to "
        "be met: it counts as achieved, provisionally, until the exact figure comes in.",
    ),
    "brief.s_other_definition": (
        "{year}年另有口径不同的数字（{value}），与本序列不可比，未计入评估。",
        "A {year} figure under another definition ({value}) is not comparable with this "
        "series and is not counted.",
    ),
    "brief.s_lagging": (
        "该预测意味着此后年均{implied}，远慢于迄今的年均{pace}：数据点很少时，预测主要依据参照"
        "序列（其他短序列）的典型增长，而非本序列自身的走势。",
        "That forecast means {implied} a year after the latest figure, far slower than the average so far "
        "({pace}): with so few figures the forecast rests mostly on the typical growth of a "
        "reference class of other short series, not on this series’ own course.",
    ),
    "brief.s_outlook": (
        "预测{year}年约为{projected}（80%预测区间{lo}至{hi}），达标概率{p}。",
        "The forecast for {year} is about {projected} (80% interval {lo} "
        "to {hi}); the probability of meeting the target is {p}.",
    ),
    "brief.s_shortfall": (
        "{year}年{figure}比目标差{gap}。",
        "The {year} {figure} falls {gap} short of the target.",
    ),
    "brief.s_over_ceiling": (
        "{year}年{figure}超出上限{gap}。",
        "The {year} {figure} is {gap} over the ceiling.",
    ),
    # what a settled outcome rests on: an estimate is no "实际值"
    "brief.figure.final": ("实际值", "figure"),
    "brief.figure.preliminary": ("初步数", "preliminary figure"),
    "brief.figure.estimate": ("预计数", "estimate"),
    "brief.figure.chained-preliminary": ("衔接初步数", "chained preliminary figure"),
    "brief.figure.lower-bound": ("下限数字", "lower bound"),
    "brief.figure.upper-bound": ("上限数字", "upper bound"),
    "brief.s_provisional.preliminary": (
        "该结果依据初步数，待正式数确认。",
        "This outcome rests on a preliminary figure; the final figure may still change it.",
    ),
    "brief.s_provisional.chained-preliminary": (
        "该结果依据衔接初步数（由新口径初步数衔接），待正式数确认。",
        "This outcome rests on a figure chained from the new definition's preliminary one; "
        "the final figure may still change it.",
    ),
    "brief.s_provisional.estimate": (
        "该结果依据预计数，待正式数确认。",
        "This outcome rests on an estimate; the final figure may still change it.",
    ),
    "brief.s_shortfall_rate": (
        "截至{year}年年均增长{actual}，比目标增速低{gap}。",
        "Average growth up to {year} was {actual} a year, {gap} below the target rate.",
    ),
    "brief.s_shortfall_rate_gap": (
        "年均增速比目标低{gap}。",
        "That is {gap} below the target rate.",
    ),
    # on track: the pace still needed from the latest figure (the key points say it; the
    # sentence gave only the pace since the baseline, read as a second "needed" rate)
    "brief.s_needed_on_track": (
        "自最新数据起需年均{needed}方能实现目标。",
        "From the latest figure it needs {needed} a year to reach the target.",
    ),
    "brief.s_needed": (
        "自最新数据起需年均{needed}方能实现目标；相邻数字间最快为年均{best}。",
        "From the latest figure it needs {needed} a year to reach the target; its fastest "
        "pace between successive figures so far was {best} a year.",
    ),
    # the milestone year is over without its figure: what reaching the target needed
    "brief.s_needed_on_track_over": (
        "自最新数据起，{year}年达标需年均{needed}。",
        "From the latest figure, meeting the target by {year} needed {needed} a year.",
    ),
    "brief.s_needed_over": (
        "自最新数据起，{year}年达标需年均{needed}；相邻数字间最快为年均{best}。",
        "From the latest figure, meeting the target by {year} needed {needed} a year; its "
        "fastest pace between successive figures so far was {best} a year.",
    ),
    "brief.s_no_own_figure": (
        "{name}（{milestone}{target}）：评估年份为{as_of}年，本指标尚缺{year}年数据{latest}，"
        "无法判断是否达标，评估为“{status}”。",
        "{name} ({milestone} {target}): assessed as of {as_of}, this indicator's {year} "
        "figure is missing{latest}, so whether the target was met cannot be judged; assessed "
        "as “{status}”.",
    ),
    "brief.s_no_own_figures": (
        "以下{n}项目标尚缺{year}年数据，无法判断是否达标，评估为“{status}”：{names}。",
        "Targets whose {year} figure is missing, so whether they were met cannot be judged "
        "({n}), assessed as “{status}”: {names}.",
    ),
    "brief.named_target": ("{name}（{milestone}{target}）", "{name} ({milestone} {target})"),
    "brief.no_own_figure_latest": ("（最新为{year}年{value}）", " (latest: {value} in {year})"),
    "brief.s_no_data": (
        "以下{n}项目标尚无可评估进展的数据，评估为“{status}”：{names}。",
        "Targets without the figures to assess progress yet ({n}), assessed as “{status}”: "
        "{names}.",
    ),
    # figures, tables
    "brief.figure": ("图{n}", "Figure {n}."),
    "brief.table": ("表{n}", "Table {n}."),
    "brief.points_caveat": (
        "†：预测与本指标迄今的走势不一致，数据点很少时此概率主要反映参照序列的典型增长。{items}。",
        "†: the forecast departs from the indicator's own course so far; with so few figures "
        "the probability mainly reflects the typical growth of comparable series. {items}.",
    ),
    "brief.table_note_caveat": (
        "†表示预测与本指标迄今的走势不一致，数据点很少时此概率主要反映参照序列的典型增长，"
        "原因见正文各部分。",
        " † marks a forecast that departs from the indicator's own course so far: with so few "
        "figures the probability rests mostly on the typical growth of the reference class "
        "(the sections above say why).",
    ),
    "brief.table_title": ("各项目标进展情况", "Status of every target"),
    "brief.table_title_final": ("各项目标完成情况", "Outcome of every target"),
    # what each "—" of the probability column means: an outcome on a preliminary figure has
    # none (its outcome is in, unsettled), which "暂无数据" had contradicted (the report
    # writer's review)
    "brief.table_note": (
        "说明：达标概率为按预测分布计算的实现目标的概率；已有节点年份实际值的目标注明“实际结果”；"
        "节点年份只有初步数、预计数或上下限的，结果已出但未最终确定，不再计算概率，达标概率栏为“—”，"
        "状态栏注明“初步结果，待正式数”（依据上下限的注明“依据下限（上限），待确切数字”）；"
        "其余“—”表示暂无数据，或数据尚不足以预测（只有一个数字，或一直为0）。",
        "How to read the table: the probability of meeting is read from the forecast’s predictive distribution; "
        "a target with its milestone year's figure shows “actual outcome” instead; one whose "
        "milestone-year figure is preliminary, an estimate or a bound has its outcome, not yet "
        "final, so no probability: “—”, the status saying “provisional, final figure pending” "
        "(on a bound: “on a lower bound, exact figure pending”); any other “—” means no figure "
        "yet, or too few for a forecast (one figure, or only 0s).",
    ),
    "brief.table_note_settled": (
        "说明：各节点年份均已过去，不再预测，达标概率栏不给出概率：已有节点年份实际值的注明“实际结果”，"
        "达标与否见状态栏；依据初步数或预计数的为“—”，状态栏注明“初步结果，待正式数”，"
        "依据上下限的注明“依据下限（上限），待确切数字”；缺节点年份数据的注明“缺××年数据”；"
        "其余“—”表示暂无数据。",
        "How to read the table: every milestone year is past, so nothing is forecast and the probability column "
        "gives no probability: where the milestone year's figure is in it says “actual "
        "outcome” and the status says whether the target was met; an outcome resting on a "
        "preliminary figure or an estimate shows “—”, its status saying “provisional, final "
        "figure pending” (on a bound: “on a lower bound, exact figure pending”); where the "
        "milestone year's figure is missing, the cell says which year's; any other “—” means "
        "no figure yet.",
    ),
    "brief.fig_trajectory": (
        "{name}：实际值、目标路径与预测",
        "{name}: actual figures, target path and forecast",
    ),
    "brief.fig_trajectory_settled": (
        "{name}：实际值与目标路径",
        "{name}: actual figures and target path",
    ),
    # annex: methods
    # which text the targets come from (data/raw/plan/plan_metadata.csv: issuer, date,
    # status): a draft for comment, whose issued version may have changed a target
    "plan.basis": (
        "目标依据：廊坊市科学技术局2021年12月7日公开征求意见的《廊坊市强化企业科技创新专项服务"
        "工作方案（2021-2025年）》征求意见稿。正式印发的方案如调整了目标，以正式方案为准，"
        "须更新目标登记表并重新生成本报告。",
        "The targets are those of the draft for comment of the Langfang Enterprise Science and "
        "Technology Innovation Special Service Work Plan 2021-2025, put to public consultation "
        "by the Langfang Municipal Science and Technology Bureau on 7 December 2021. Should "
        "the plan as issued change a target, the issued plan prevails: update the target "
        "registry and regenerate.",
    ),
    "brief.m_paths": (
        "目标路径：自基期值经各目标年份的目标值分段连接；数量、金额和密度类指标按固定增长率"
        "（几何路径），比重、累计新增和年度流量类指标按固定增量（线性路径）。",
        "Target paths run from the baseline through every milestone: constant growth "
        "(geometric) for counts, money and densities, constant increments (linear) for "
        "shares, cumulative additions and yearly flows.",
    ),
    "brief.m_growth": (
        "进度评估（增长检验法，欧盟统计局可持续发展目标监测报告与加拿大统计局采用）："
        "R = 基期以来实际年均增速 ÷ 实现目标所需年均增速（目标路径经过更早的节点时，取路径自基期至"
        "最新数据年份要求的年均增速）；R ≥ {on}为“符合进度”，"
        "{acc} ≤ R < {on}为“需加快”，0 ≤ R < {acc}为“进展不足”，R < 0为“偏离目标”；"
        "已达目标值为“已实现”；节点年份的数据已出而未达目标值为“未达标”；"
        "基期值已达到目标值的，目标是保持该水平，最新数据不再达标即为“偏离目标”；"
        "基期以后无观测数据，或数据已到节点年份或其后而缺少当年数据，为“数据不足”（此前已达到目标的水平类"
        "指标除外：记为“已实现”，待当年数据确认）；"
        "数据止于节点年份之前而该年份已过的，状态按最新数据评定，并注明缺该年数据（当年数据待报）。"
        "比重类指标按每年百分点计算。",
        "Progress (the growth test of Eurostat’s monitoring report on the Sustainable "
        "Development Goals, and of Statistics Canada): R = actual average growth since the baseline ÷ growth needed to reach the "
        "target (where the target path runs through an earlier milestone, the growth the "
        "path asks for from the baseline to the latest figure's year); R ≥ {on} on track, "
        "{acc} ≤ R < {on} needs acceleration, 0 ≤ R < {acc} "
        "insufficient progress, R < 0 moving away; achieved when the target is met; missed "
        "when the milestone year’s figure is in and falls short of it; "
        "where the baseline already meets the target, the target is a level to hold and a "
        "latest figure that no longer meets it is moving away; insufficient data when "
        "there is no figure after the baseline, or the data reach the milestone year or "
        "beyond without its own figure (except a count or density that had already reached its target: "
        "achieved, to be confirmed by that year's figure); where the data stop before a "
        "milestone year that has "
        "ended, the status is graded on the latest figures and the year's own figure is said "
        "to be pending. Shares use percentage points a year.",
    ),
    "brief.m_forecast": (
        "预测：对每项有两年以上数据的指标作年度预测。有7个及以上数据点时，取三种趋势外推"
        "（漂移）方法的等权平均；只有2至6个数据点时，采用从大量短年度序列（M1、Tourism预测"
        "竞赛数据）学得的增长分布（企业数、金额、密度按比例增长，占比按百分点增长），"
        "给出目标年份的预测中位数及{levels}预测区间；达标概率由预测分布计算，"
        "宜按“很不可能／不太可能／约各半／较可能／很可能”分级理解，不宜精确到个位百分点。"
        "预测是在现有趋势延续的假设下作出的，不代表对政策效果的判断。",
        "Forecasts: an annual forecast for every indicator with two or more figures. With 7 "
        "or more figures, the equal-weight mean of three drift (trend-extrapolation) methods; "
        "with 2 to 6 figures, a growth distribution learned from many short yearly series "
        "(the M1 and Tourism forecasting-competition data; counts, money and densities grow "
        "by percentages, shares by points), giving the median and {levels} prediction "
        "intervals in the milestone year. The probability of meeting a target is read from "
        "the predictive distribution and is best read as graded (very unlikely / unlikely / "
        "about even / likely / very likely), not to the percent. Forecasts assume present "
        "trends continue; they are not a judgement of policy effects.",
    ),
    "brief.m_series": (
        "数据取舍：每年取最优的年末数，顺序为修订数、正式数、衔接数（口径调整后，新口径数字按两种口径"
        "都有年份的比值换算到方案口径）、初步数、衔接初步数（由新口径初步数衔接）、预计数；上下限、"
        "非全年数和口径不同的数据仅供参考，不进入评估（唯一例外：已结束的目标年份只有下限或上限、且已可知"
        "达到或未达到目标的，按已实现或未达标计，待确切数字）。基期以工作方案所列2020年末数为准；"
        "方案未列基期的，以2020年及以后首个可用的年度数据为基期（新增累计数以2020年为零）；"
        "首个数据已是目标年份当年的，是该目标的结果，不作基期。",
        "Which figure counts: for each year the best year-end figure, in the order revised, "
        "final, chained (after a change of definition, the new definition's figure brought "
        "onto the plan's by the ratio of a year given in both), preliminary, chained "
        "preliminary (so brought from the new definition's preliminary figure), estimate; "
        "bounds, part-year figures and other definitions are "
        "kept for context but never assessed (one exception: a milestone year now over that "
        "holds only a bound that already meets the target, or already fails it, counts as "
        "achieved or missed, provisionally, until the exact figure comes in). Baselines are the plan’s own end-2020 figures; "
        "where the plan gives none, the first usable yearly figure from 2020 on (cumulative "
        "additions start from zero in 2020); a first figure from the milestone year itself "
        "is that target’s outcome, not its baseline.",
    ),
    "brief.m_generated": (
        "本简报的数字和评估结论均由统计数据按上述方法自动生成；指标说明和责任部门录自指标登记表，"
        "其余文字为固定表述，不含对个别指标的人工判断。",
        "Every figure and grade of this brief is computed from the statistics by the methods "
        "above; the indicator definitions and the responsible departments are taken from the "
        "indicator registry, and the rest of the text is fixed wording, "
        "with no judgement written by hand about any one indicator.",
    ),
    "brief.m_technical": (
        "本节供统计人员核对和重新生成本简报之用，不属于简报正文，印发前可整节删去。",
        "This section is for the statisticians who check and regenerate the brief; it is no "
        "part of the brief's text and may be removed before issue.",
    ),
    "brief.m_reproduce": (
        "本简报由 langfang-metrics 生成。重新生成本简报，请在{where}中运行：{command}",
        "This brief is generated by langfang-metrics. To regenerate it, run from {where}: "
        "{command}",
    ),
    "brief.m_files": (
        "方法全文见项目文档 docs/forecasting.md（预测与概率）和 docs/input-format.md（数据格式）；"
        "指标登记表见 data/raw/registry；"
        "达标概率的逐次回测见 data/processed/probability_backtests.csv，参照序列见 "
        "data/processed/reference_anchors.csv；每个数据的出处、网址和原文摘录见 Excel 工作簿的"
        "“观测”表。",
        "Methods in full: docs/forecasting.md (forecasts and probabilities) and "
        "docs/input-format.md (data formats) in the project; the indicator registry is "
        "data/raw/registry; each backtest of the "
        "probabilities is in data/processed/probability_backtests.csv, the reference series "
        "in data/processed/reference_anchors.csv; each figure's source, address and quote is "
        "in the Excel workbook's Observations sheet.",
    ),
    "brief.rerun_inputs": ("输入文件所在的文件夹", "the folder that holds the input files"),
    "brief.rerun_project": ("项目文件夹", "the project folder"),
    "brief.m_fonts": (
        "正文使用宋体，标题使用黑体，西文使用Times New Roman。如系统未安装，"
        "宋体可由SimSun、Noto Serif CJK SC、思源宋体（Source Han Serif SC）替代，"
        "黑体可由SimHei、Noto Sans CJK SC、思源黑体（Source Han Sans SC）替代。"
        "文档只指定宋体和黑体：缺少时由Word、WPS或LibreOffice自行换用已安装的中文字体，"
        "未必是宋体类（如Linux上的LibreOffice常以黑体类字体显示正文），付印前请在装有宋体、"
        "黑体的电脑上检查。",
        "Text is set in Times New Roman; the Chinese names it quotes are set in SimSun "
        "(headings: SimHei), for which Noto Serif CJK SC / Noto Sans CJK SC or Source Han "
        "Serif SC / Source Han Sans SC can stand in. The document names SimSun and SimHei "
        "only: where they are missing, Word, WPS or LibreOffice substitute an installed "
        "Chinese font of their choosing, not necessarily a serif one (LibreOffice on Linux "
        "often shows the body in a sans face); check the print on a computer with both "
        "installed.",
    ),
    "brief.source_item": (
        "{source}（{years}年，{n}个数据）",
        "{source} ({years}, {n} figure{n_s})",
    ),
    "brief.sources_intro": (
        "评估所用廊坊市数据的来源如下（每个数据的出处、网址和原文摘录见随本简报提供的 Excel 工作簿“观测”表）：",
        "The Langfang figures assessed come from the following documents (the Excel workbook "
        "that accompanies this brief gives each figure’s source, address and quoted words in "
        "its Observations sheet):",
    ),
    "brief.no_sources": ("暂无可用的廊坊市数据。", "No Langfang figures are available yet."),
}

#: Forecast-distribution charts (issue 13): fan chart of planning levels, reliability diagram.
_FORECAST_PLOTS = {
    "fcplot.observed": ("实际值", "Actual"),
    "fcplot.band_80": ("80%预测区间", "80% prediction interval"),
    "fcplot.band_95": ("95%预测区间", "95% prediction interval"),
    "fcplot.level_p": ("至少达到的水平（概率{p:.0%}）", "Level reached with {p:.0%} probability"),
    "fcplot.level_p_at_most": (
        "至多保持的水平（概率{p:.0%}）",
        "Level stayed under with {p:.0%} probability",
    ),
    "fcplot.year": ("年份", "Year"),
    "fcplot.extrapolated": (
        "{year}年以后：超出已检验的1～5年，为外推",
        "After {year}: beyond the 1-5 years checked, extrapolated",
    ),
    "fcplot.fan_title": ("{name}：规划水平扇形图", "{name}: planning levels (fan chart)"),
    "fcplot.predicted": ("预测概率", "Predicted probability"),
    "fcplot.observed_freq": ("实际发生频率", "Observed frequency"),
    "fcplot.perfect": ("完全校准", "Perfect calibration"),
    "fcplot.all": ("全部", "All"),
    "fcplot.reliability_title": ("可靠性图", "Reliability diagram"),
    "fcplot.count": ("事件数", "Events"),
    "fcplot.group": ("{name}：ECE = {ece:.3f}（{counts}）", "{name}: ECE = {ece:.3f} ({counts})"),
    "fcplot.events": ("{n:,}个事件", "{n:,} events"),
    "fcplot.and_series": ("，{n}条序列", ", {n} series"),
    "fcplot.pooled_in_panels": ("小图中的灰线：全部", "Grey line in the small panels: all"),
    "fcplot.series_bars": (
        "竖线：按序列计的95%区间（{n}条序列）",
        "Bars: 95% range by series ({n} series)",
    ),
}

#: Graded words for a probability of meeting a target, after the IPCC's calibrated
#: likelihood language (Mastrandrea et al. 2010): with two or three figures a planner should
#: read the grade, not the percent (docs/forecasting.md). Bands: see ``LIKELIHOOD_BANDS``.
_LIKELIHOOD = {
    "likelihood.very_likely": ("很可能", "very likely"),
    "likelihood.likely": ("较可能", "likely"),
    "likelihood.even": ("约各半", "about even"),
    "likelihood.unlikely": ("不太可能", "unlikely"),
    "likelihood.very_unlikely": ("很不可能", "very unlikely"),
    "likelihood.with_words": ("{p}（{words}）", "{p} ({words})"),
    # a probability in a sentence ("达标概率{p}"): about 63 %, below 1 %, above 99 %, exactly 0
    "likelihood.about": ("约{p}", "about {p}"),
    "likelihood.below": ("不足{p}", "below {p}"),
    "likelihood.above": ("超过{p}", "above {p}"),
    "likelihood.exact": ("为{p}", "{p}"),
    # the Chinese says the ranges plainly: "参照联合国政府间气候变化专门委员会IPCC的可能性用语"
    # read oddly in a science and technology bureau's document (the planner's review); the English
    # keeps the source of the words, as docs/forecasting.md does
    "likelihood.legend": (
        "达标概率的读法（可能性用语与概率区间对应如下）：{scale}。"
        "数据只有两三年时，请按等级理解，不宜精确到个位百分点。",
        "Reading the probability of meeting a target (after the likelihood scale of the "
        "IPCC, the UN's Intergovernmental Panel on Climate Change): {scale}. With two or "
        "three years of data, read the grade, not the percent.",
    ),
    # said where a status graded by pace stands beside a forecast's probability
    "likelihood.legend_pace": (
        "状态按基期以来的实际进度判定，达标概率来自预测；短序列的预测向参照序列的典型增长收拢，"
        "因此两者可能不一致（如符合进度而概率只是约各半，或进度不足而概率仍约各半）。",
        " The status grades the pace since the baseline, the probability comes from the "
        "forecast; a short series' forecast leans toward the typical growth of a reference "
        "class of series, so the two can differ (on track, yet only about even; or "
        "insufficient progress, yet about even).",
    ),
}

#: What the short-series probabilities are anchored to (``compute.reference_anchors``).
_REFERENCE = {
    "reference.comparable": (
        "{n} 个同级地区的同一指标",
        "the same indicator in {n} regions of the same level",
    ),
    "reference.default": (
        "默认参照类（M1、Tourism 短序列）",
        "default (short windows of M1 and Tourism series)",
    ),
    "col.reference_class": ("参照类", "Reference class"),
    "col.anchor_growth": (
        "参照类典型年增长（占当年水平的比例；占比指标按此折算为百分点）",
        "Typical growth of the reference class (% of the level a year; for a percentage "
        "indicator, that % of its level in points)",
    ),
    "col.anchor_spread": (
        "参照类典型波动（年对数变化标准差）",
        "Typical volatility (standard deviation of annual log changes)",
    ),
    "sheet.no_checks": ("没有看起来有误的数字。", "No figure looks wrong."),
    "sheet.no_backtests": (
        "暂无回测：回测需要某指标至少有4个年度数据（用前3个预测其后已知的年份）",
        "No backtests yet: a backtest needs an indicator with 4 or more yearly figures (3 to "
        "forecast from, a later one to check against)",
    ),
    "landing.scroll_hint": (
        "表格较宽：左右滑动可看到状态、达标概率与预计值。",
        "The table is wide: swipe sideways for the status, probability and projection.",
    ),
    "landing.baseline_only": ("（仅基期值）", " (baseline only)"),
    "landing.start_only": ("（仅起算值）", " (first figure only)"),
    "landing.other_years": ("其他年度：{items}", "Other years: {items}"),
    "landing.rate_years": ("已报告的单年增速：{items}", "Single-year growth reported: {items}"),
    "landing.reference_default": (
        "数据点很少（2～6个）时，达标概率主要依据参照序列的典型增长（每年约{g}），而非本指标"
        "自身短暂的走势；默认的参照是两个公开的国际预测竞赛数据集（M1、Tourism）中的大量年度短"
        "序列。若能提供至少20个（最好40个以上）同级地区同一指标的年度数据（登记在地区登记表"
        "中），该指标即改以同级地区为参照，概率更可信（方法见 docs/forecasting.md）。",
        "With few figures (2-6 points), a probability rests mostly on the typical growth of "
        "comparable series ({g} a year), not on the indicator's own brief course; by default "
        "these are the many short yearly series of two public forecasting competitions (M1 "
        "and Tourism). With yearly figures of the same indicator for at least 20 regions "
        "of the same level (40 or more are better, registered in the regions registry), the "
        "indicator is anchored to these peers instead, which makes its probability more "
        "trustworthy (method: docs/forecasting.md).",
    ),
    "brief.reference_default": (
        "数据点很少（2～6个）时，达标概率主要依据参照序列的典型增长（每年约{g}），而非本指标"
        "自身短暂的走势；默认的参照是两个公开的国际预测竞赛数据集（M1、Tourism）中的大量年度短"
        "序列。若能提供至少20个（最好40个以上）同级地区同一指标的年度数据，该指标即改以同级"
        "地区为参照，概率更可信。",
        "With few figures (2-6 points), a probability rests mostly on the typical growth of "
        "comparable series ({g} a year), not on the indicator's own brief course; by default "
        "these are the many short yearly series of two public forecasting competitions (M1 "
        "and Tourism). With yearly figures of the same indicator for at least 20 regions "
        "of the same level (40 or more are better), the indicator is anchored to these peers "
        "instead, which makes its probability more trustworthy.",
    ),
    "brief.reference_counted": (
        "目前登记了{registered}个同级地区，其中最多{counted}个有该指标至少2个大于0的年度数据，"
        "不足20个。",
        " {registered} regions of the same level are registered; at most {counted} of them have "
        "the 2 or more positive yearly figures of an indicator that count, fewer than 20.",
    ),
    "landing.reference_counted": (
        "目前登记了{registered}个同级地区，其中最多{counted}个有该指标至少2个大于0的年度数据，"
        "不足20个（逐个地区见 data/processed/reference_anchors.csv）。",
        " {registered} regions of the same level are registered; at most {counted} of them have "
        "the 2 or more positive yearly figures of an indicator that count, fewer than 20 (each "
        "region: data/processed/reference_anchors.csv).",
    ),
    "landing.reference_some": (
        "数据点很少（2～6个）时的达标概率：{names}以同级地区的同一指标为参照，其余以两个国际预测"
        "竞赛数据集（M1、Tourism）中的年度短序列为参照。",
        "Probabilities with few figures (2-6 points): {names} anchored to the same indicator in "
        "regions of the same level; the others to the short yearly series of two forecasting "
        "competitions (M1 and Tourism).",
    ),
    "landing.reference_all": (
        "短序列（2～6个数据点）的达标概率均以同级地区的同一指标为基准：{names}。",
        "Probabilities for short series (2-6 points) are all anchored to the same indicator in "
        "regions of the same level: {names}.",
    ),
    "reference.item": ("{name}（{n}个地区）", "{name} ({n} region{n_s})"),
}

#: Forecast methods as planners read them (``attrs["method"]`` / the ``method`` column). The
#: short-series distributions show their median, the others their mean.
_METHODS = {
    "method.growth": ("增长分布（短序列，中位数）", "growth distribution (short series, median)"),
    "method.growth_additive": (
        "增长分布（按百分点，中位数）",
        "growth distribution in points (median)",
    ),
    "method.cumulated": ("按年新增数预测后累加：{method}", "yearly additions, summed: {method}"),
    "method.combo": ("三种漂移法平均", "mean of three drift methods"),
    "method.all": ("全部方法", "all methods"),
    "method.drift": ("漂移法（平均变化外推）", "drift (average change extrapolated)"),
    "method.median_drift": (
        "中位数漂移（按年新增数的中位数外推）",
        "median drift (median yearly addition extrapolated)",
    ),
    "method.naive": ("保持最新值", "naive (latest value)"),
    "method.loglinear": ("对数线性趋势", "log-linear trend"),
    "method.theta": ("Theta法", "Theta"),
    "method.damped": ("阻尼趋势", "damped trend"),
    "method.ets": ("指数平滑（阻尼趋势）", "exponential smoothing (damped trend)"),
    "method.arima": ("ARIMA", "ARIMA"),
}

LABELS: Mapping[str, tuple[str, str]] = {
    **_STATUS,
    **_PATH,
    **_OBS,
    **_CHART,
    **_RUN,
    **_CLI,
    **_COVERAGE,
    **_SHEETS,
    **_REQUEST,
    **_COLUMNS,
    **_VIEWS,
    **_BRIEF,
    **{f"dept.{name}": names for name, names in _DEPARTMENTS.items()},
    **_FORECAST_PLOTS,
    **_METHODS,
    **_LIKELIHOOD,
    **_REFERENCE,
}


def _check_lang(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    return LANGS.index(lang)


#: Marks that end a sentence already: a sentence ending in one takes no full stop after it
#: ("位数或单位是否有误？。请更正", "another unit?. Correct it": the hostile-input review).
SENTENCE_ENDS = ("。", "？", "！", "?", "!", ".")


def full_stop(text: str, lang: str = "zh") -> str:
    """``text`` ended as a sentence: "。" (Chinese) or "." (English) after it, unless it ends
    with a mark that ends a sentence already (:data:`SENTENCE_ENDS`); "" stays "".

    Parameters
    ----------
    text : str
        A sentence, with or without its closing mark.
    lang : {"zh", "en"}
        Whose full stop to add.

    Returns
    -------
    str
    """
    stop = ("。", ".")[_check_lang(lang)]
    text = text.rstrip()
    return text if not text or text.endswith(SENTENCE_ENDS) else text + stop


#: A placeholder a full stop follows in a label ("{items}。", "{names}."): the stop is left
#: out where the value ends a sentence already (a check's words end with "？").
_FIELD_THEN_STOP = re.compile(r"(?<!\{)\{(\w+)([!:][^{}]*)?\}[。.]")


def _stops_after_sentences(text: str, fields: Mapping[str, object]) -> str:
    """``text`` without the full stop after each placeholder whose value ends a sentence."""

    def drop(m: re.Match) -> str:
        value = fields.get(m.group(1))
        ends = isinstance(value, str) and value.rstrip().endswith(SENTENCE_ENDS)
        return m.group(0)[:-1] if ends else m.group(0)

    return _FIELD_THEN_STOP.sub(drop, text)


def label(key: str, lang: str = "zh", **fields: object) -> str:
    """Return the user-facing text for ``key`` in ``lang``.

    Parameters
    ----------
    key : str
        Namespaced key such as ``"status.on_track"`` or ``"axis.year"``.
    lang : {"zh", "en"}
        Language of the text.
    **fields
        Values for ``{placeholders}`` in the text (e.g. ``year=2025``); for every whole-number
        field ``n`` the text may also use ``{n_s}``, "s" unless ``n`` is 1 (English plurals).
        A text's full stop right after a placeholder is left out where the value ends a
        sentence already ("…有误？", not "…有误？。": :func:`full_stop`).

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If the key is not in the table (the message lists close keys).
    ValueError
        If ``lang`` is not "zh" or "en".
    """
    idx = _check_lang(lang)
    try:
        text = LABELS[key][idx]
    except KeyError:
        prefix = key.split(".", 1)[0] + "."
        near = sorted(k for k in LABELS if k.startswith(prefix))[:12]
        raise KeyError(f"no label {key!r}; keys with that prefix: {near}") from None
    if not fields:
        return text
    if idx == 0 and "date" in fields:  # "2024年3月31日", not "2024-03-31", in a Chinese sentence
        fields["date"] = day_words(fields["date"], "zh")
    # English plurals: "{n} figure{n_s}" is "1 figure", "2 figures"
    plurals = {f"{k}_s": "" if v == 1 else "s" for k, v in fields.items()
               if isinstance(v, Integral) and not isinstance(v, bool)}  # fmt: skip
    return _stops_after_sentences(text, fields).format(**plurals, **fields)


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def day_words(day: object, lang: str = "zh") -> str:
    """A published day or month as a sentence in ``lang`` says it: "2024年3月31日" and
    "2025年3月" in Chinese, ISO ("2024-03-31", "2025-03") in English; anything else as given.

    :func:`label` says every ``date`` field so in Chinese: the reconstruction's day and a
    revision's month read "按2024-03-31已公布的数据", "（修订数，2025-03）" amid characters (the
    report writer's review)."""
    text = str(day)
    found = _ISO_DAY.fullmatch(text)
    if lang != "zh" or not found:
        return text
    year, month, dom = found.groups()
    return f"{year}年{int(month)}月" + (f"{int(dom)}日" if dom else "")


def report_title(as_of: object, lang: str = "zh") -> str:
    """The page's and the workbook's title: "…目标监测", or "…目标终期评估" once the data
    reach the plan's last year, as the brief is titled then (the page and the workbook still
    said 目标监测 beside a 终期评估简报: the report writer's review). ``as_of``: the year the
    data run to (None: not known)."""
    try:
        final = as_of is not None and int(as_of) >= config.PLAN_END_YEAR
    except (TypeError, ValueError):
        final = False
    return label("index.title_final" if final else "index.title", lang)


def report_titles() -> tuple[str, ...]:
    """Every title :func:`report_title` gives, in both languages: the results workbook
    records one in its document properties, by which the loader knows it."""
    return tuple(label(key, lang) for key in ("index.title", "index.title_final") for lang in LANGS)


def bilingual(key: str, sep: str = " / ", **fields: object) -> str:
    """Return "中文 / English" for ``key`` (e.g. workbook headers "指标 / Indicator")."""
    return f"{label(key, 'zh', **fields)}{sep}{label(key, 'en', **fields)}"


def source_line(text: str, lang: str = "zh") -> str:
    """A source line: "数据来源：…" (no space after the full-width colon) / "Source: …".

    The text is kept as given: it may name input files ("廊坊数据(2023).csv"), whose names
    must stay exact; document names are set by whoever names them (``plots._source_name``).
    """
    return f"{label('source.prefix', lang)}{'' if lang == 'zh' else ' '}{text}"


#: A Chinese character or full-width punctuation mark: the neighbours that make a bracket
#: Chinese (:func:`zh_brackets`).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60《》“”]")
_HALF_BRACKETS = re.compile(r"\(([^()]*)\)")


_HAN_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_CLAUSE = re.compile(
    r"([一二三四五六七八九十]+)\s*(?:[（(]\s*([一二三四五六七八九十]+)\s*[）)])?\s*(\d+)?"
)


def _han_number(text: str) -> int:
    """ "三" → 3, "十二" → 12, "二十" → 20 (the plan numbers its parts up to the tens)."""
    if "十" not in text:
        return _HAN_NUMBER[text]
    tens, _, ones = text.partition("十")
    return (_HAN_NUMBER[tens] if tens else 1) * 10 + (_HAN_NUMBER[ones] if ones else 0)


def clause_label(clause: object, lang: str = "zh") -> object:
    """A clause of the plan as ``lang`` reads it: in Chinese as the plan numbers it, brackets
    full-width ("四（三）11"); in English in digits, "Part 4 (3), item 11" (the English
    pages showed "二" and "四（三）11", found by the notebook reader's review). Anything else
    is returned as it is."""
    if not isinstance(clause, str) or not clause.strip():
        return clause
    if _check_lang(lang) == 0:
        return zh_brackets(clause)
    m = _CLAUSE.fullmatch(clause.strip())
    if m is None:
        return clause
    part, sub, item = m.groups()
    try:
        text = f"Part {_han_number(part)}"
        if sub:
            text += f" ({_han_number(sub)})"
    except KeyError:  # no number ("十十"): as it is
        return clause
    if item:
        text += f", item {int(item)}"
    return text


def zh_brackets(text: object) -> object:
    """Half-width brackets of Chinese text set full-width, as Chinese typesetting wants.

    A pair is Chinese when it encloses a Chinese character or follows one:
    "评价和转化科技项目(成果)" → "评价和转化科技项目（成果）", "方案(2021-2025年)" →
    "方案（2021-2025年）"; an English aside such as "》 (Langfang plan, draft)" keeps its
    brackets. Anything but a string is returned as it is.
    """
    if not isinstance(text, str) or "(" not in text:
        return text

    def repl(m: re.Match) -> str:
        before = m.string[m.start() - 1] if m.start() else ""
        if _CJK.search(m.group(1)) or (before and _CJK.match(before)):
            return f"（{m.group(1)}）"
        return m.group(0)

    while True:  # inner pairs first: "方案(2021-2025年(草案))", then "(1)(2)" pair by pair
        done = _HALF_BRACKETS.sub(repl, text)
        if done == text:
            return done
        text = done


#: A hyphen-minus that starts a number: not one inside a word, a range ("2021-2022",
#: "2021年-2022年") or an option ("--as-of"), nor one in a path, a file name or a query
#: ("obs_-1.csv", "./-1", "id=-1", "A:-3").
_LEADING_MINUS = re.compile(r"(?<![0-9A-Za-z_\-./\\=:年月日号期])-(?=\d)")
#: The minus sign (U+2212): a line never breaks after it, as it may after a hyphen.
MINUS = "\u2212"


def true_minus(text: object) -> object:
    """Negative numbers of running text with the minus sign (U+2212) for their hyphen-minus.

    Word and LibreOffice may break a line after a hyphen-minus, leaving "…showed -" at the
    end of one line and "7.1%." on the next; after a minus sign they do not, and it is the
    sign typesetting wants: "-7.1%" → "−7.1%", "（-1.8%）" → "（−1.8%）". A hyphen between
    digits or letters ("2021-2025", "R-1"), in an option ("--as-of 2024") or in a path keeps
    its hyphen. Anything but a string is returned as it is.
    """
    if not isinstance(text, str) or "-" not in text:
        return text
    return _LEADING_MINUS.sub(MINUS, text)


def status_label(code: str, lang: str = "zh") -> str:
    """Label of a gap-assessment status code such as ``"on_track"``."""
    return label(f"status.{code}", lang)


#: Comparison codes as a reader writes them before a target ("≥1,300家").
COMPARISON_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}

#: Lower edges (whole percent, included) of the likelihood grades, highest first.
LIKELIHOOD_BANDS = (
    (90, "very_likely"),
    (66, "likely"),
    (33, "even"),
    (10, "unlikely"),
    (0, "very_unlikely"),
)


def whole_percent(p: float) -> int:
    """A share or probability ``p`` in 0-1 as the whole percent a spreadsheet's ``0%`` format
    shows: its decimal value (12 significant digits) rounded half away from zero, so 330/400
    is 83 % in the charts as in the workbook (Python's ``f"{0.825:.0%}"`` gives 82 %: the
    binary 0.825 lies just below it)."""
    exact = Decimal(format(100 * float(p), ".12g"))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def progress_decimals(p: float, most: int = 3) -> int:
    """Decimals a progress share ``p`` in 0-1 is printed with: none, unless the whole percent
    would read 100 % short of the target (99.6 % read "100% 未达标" on the dashboard and in
    the workbook), then as many as keep it below 100 (99.6 %; at most ``most``)."""
    d = 0
    exact = Decimal(format(100 * float(p), ".12g"))
    while d < most and p < 1 and exact.quantize(Decimal(1).scaleb(-d),
                                                rounding=ROUND_HALF_UP) >= 100:  # fmt: skip
        d += 1
    return d


def progress_percent(p: float) -> str:
    """A progress share as printed beside its bar: "83%", "99.6%" (never "100%" short of
    the target; :func:`progress_decimals`: at its most decimals a share still that close
    is cut, not rounded up, "99.999%"), a negative one with the minus sign, never "−0%"."""
    d = progress_decimals(p)
    exact = Decimal(format(100 * float(p), ".12g"))
    step = Decimal(1).scaleb(-d)
    shown = exact.quantize(step, rounding=ROUND_HALF_UP)
    if p < 1 and shown >= 100:
        shown = exact.quantize(step, rounding=ROUND_DOWN)
    if shown == 0:
        shown = abs(shown)  # a tiny fall rounds to 0, without a sign
    return f"{shown:f}%".replace("-", MINUS)


def likelihood_scale(lang: str = "zh") -> str:
    """The grades of ``LIKELIHOOD_BANDS`` with their ranges, as the legends say them:
    "≥90% 很可能，66%～89% 较可能，…，<10% 很不可能" / "≥ 90% very likely, 66-89% likely, …,
    < 10% very unlikely" (the legends had the ranges typed in beside the bands)."""
    zh = lang == "zh"
    out = []
    for i, (edge, code) in enumerate(LIKELIHOOD_BANDS):
        words = label(f"likelihood.{code}", lang)
        if i == 0:
            span = f"≥{edge}%" if zh else f"≥ {edge}%"
        elif i == len(LIKELIHOOD_BANDS) - 1:
            span = f"<{LIKELIHOOD_BANDS[i - 1][0]}%" if zh else f"< {LIKELIHOOD_BANDS[i - 1][0]}%"
        else:
            top = LIKELIHOOD_BANDS[i - 1][0] - 1
            span = f"{edge}%～{top}%" if zh else f"{edge}-{top}%"
        out.append(f"{span} {words}")
    return ("，" if zh else ", ").join(out)


def likelihood_legend(lang: str = "zh") -> str:
    """How to read a probability of meeting a target (``likelihood.legend`` with
    :func:`likelihood_scale`)."""
    return label("likelihood.legend", lang, scale=likelihood_scale(lang))


def likelihood_label(p: float, lang: str = "zh") -> str:
    """Graded words for a probability ``p`` in 0-1 (``LIKELIHOOD_BANDS``).

    Graded on the whole percent that is printed beside it, so "66%" always reads "likely".
    """
    try:
        p = float(p)
    except (TypeError, ValueError):
        raise ValueError(f"a probability must lie in 0-1, got {p!r}") from None
    if not -1e-9 <= p <= 1.0 + 1e-9:  # rounding may leave a computed 1 one step above 1
        raise ValueError(f"a probability must lie in 0-1, got {p}")
    pct = whole_percent(min(max(p, 0.0), 1.0))
    grade = next(code for edge, code in LIKELIHOOD_BANDS if pct >= edge)
    return label(f"likelihood.{grade}", lang)


def method_label(code: object, lang: str = "zh") -> str:
    """Words for a forecast-method code such as ``"growth"``; an unknown code is kept as is.

    A running total forecast through its yearly additions (``"growth_cumulated"``, see
    ``forecast(..., cumulative=True)``) says so around its additions' method; the backtest
    summary's ``"overall"`` row (``forecast.accuracy``) is all methods together.
    """
    text = str(code)
    if text == "overall":
        return label("method.all", lang)
    if text.endswith(CUMULATED) and len(text) > len(CUMULATED):
        return label("method.cumulated", lang, method=method_label(text[: -len(CUMULATED)], lang))
    key = f"method.{code}"
    return label(key, lang) if key in LABELS else text


#: The mark between the first and the last year of a span a reader sees: the 一字线 in
#: Chinese (GB/T 15834-2011 4.13: the start and end of a time, "2021—2025年"), the hyphen in
#: English ("2021-2025"; the brief makes it Word's non-breaking hyphen), as in data columns
#: (checks.csv's ``years``); a quoted title keeps its own ("方案（2021-2025年）"). The page
#: and the brief had written one span three ways in Chinese.
SPAN_DASH = {"zh": "—", "en": "-"}


def year_span(first: int, last: int, lang: str | None = None) -> str:
    """``2021—2025`` (zh), ``2021-2025`` (en, and ``lang`` None: data); one year alone
    when ``first == last``."""
    if int(first) == int(last):
        return str(int(first))
    dash = "-" if lang is None else SPAN_DASH[LANGS[_check_lang(lang)]]
    return f"{int(first)}{dash}{int(last)}"


def year_runs(years, lang: str | None = None) -> list[str]:
    """Years as runs: ``[2020, 2022, 2023, 2024]`` → ``["2020", "2022-2024"]`` (sorted, each
    year once; each run written by :func:`year_span` in ``lang``); the caller joins them in
    its language."""
    years = sorted({int(y) for y in years})
    runs = []
    for y in years:
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return [year_span(a, b, lang) for a, b in runs]


def obs_status_label(code: str, lang: str = "zh") -> str:
    """Label of an observation status such as ``"preliminary"``."""
    return label(f"obs.{code}", lang)


#: ``gaps.fiscal_exposure``'s basis of a year spread over several years of one change.
_SPREAD_BASIS = re.compile(r"actual, spread over (\d{4})-(\d{4})")


def basis_label(code: object, lang: str = "zh") -> str:
    """Label of what a figure rests on (``fiscal_exposure.csv``'s ``basis``): ``"actual"``,
    ``"actual, spread over 2021-2022"``, ``"forecast"`` or ``"insufficient_data"``; any
    other value as it is."""
    code = str(code)
    spread = _SPREAD_BASIS.fullmatch(code)
    if spread:
        return label("basis.actual_spread", lang, first=spread[1], last=spread[2])
    if code == "insufficient_data":
        return status_label(code, lang)
    return label(f"basis.{code}", lang) if f"basis.{code}" in LABELS else code


def provisional_items(cell: object) -> list[tuple[int, str]]:
    """``[(year, status), …]`` of a ``provisional`` cell of ``gaps.fiscal_exposure``
    ("2024:preliminary、2025:estimate"); [] for an empty or missing one. The one reader of
    that encoding (the key point and the basis words each parsed it)."""
    if not isinstance(cell, str):
        return []
    return [(int(year), status) for year, _, status in
            (item.partition(":") for item in cell.split("、") if ":" in item)]  # fmt: skip


def basis_words(code: object, provisional: object = "", lang: str = "zh") -> str:
    """:func:`basis_label`, and the figures not yet final it rests on (``provisional`` of
    ``gaps.fiscal_exposure``: "2025:estimate"): "实际值（依据2025年预计数）" / "Actual (2025
    estimate only)"; a year counted on a 预计数 read "实际值" in the workbook and notebook 04
    (the e2e review)."""
    text = basis_label(code, lang)
    items = provisional_items(provisional)
    if not items:
        return text
    sep = label("brief.list_sep", lang)
    said = sep.join(label("basis.on_item", lang, year=y, status=obs_status_label(st, lang).lower())
                    for y, st in items)  # fmt: skip
    return label("basis.on_provisional", lang, basis=text, items=said)


def path_label(code: str, lang: str = "zh") -> str:
    """Label of a trajectory path such as ``"required"``."""
    return label(f"path.{code}", lang)


def department_label(name: str, lang: str = "zh") -> str:
    """Name of a department in ``lang`` (simplified Chinese or English).

    Departments not in the table keep the name as given.
    """
    idx = _check_lang(lang)
    if not isinstance(name, str):  # a missing department (NaN, None) has no name
        return ""
    name = name.strip()
    return LABELS.get(f"dept.{name}", (name, name))[idx]


def department_short(name: str, lang: str = "zh") -> str:
    """Name of a department as a workbook's department cell gives it: in English its short
    form ("S&T" for the Science and Technology Bureau), in Chinese its name
    (:func:`department_label`); a department without a short form keeps its label."""
    simplified = department_label(name, "zh")
    if lang == "en" and simplified in _DEPARTMENT_SHORT_EN:
        return _DEPARTMENT_SHORT_EN[simplified]
    return department_label(name, lang)


#: English abbreviations the outputs use without spelling them out (indicator names, a
#: share's changes, the plan's repairs), with what each stands for; the Chinese says the
#: words. ``views.abbreviations_note`` names those a text holds.
ABBREVIATIONS_EN = (
    ("FYP", "Five-Year Plan"),
    ("IP", "intellectual property"),
    ("pp", "percentage points"),
)


def department_short_forms() -> list[tuple[str, str]]:
    """The short English forms of :func:`department_short` and the names they stand for,
    in the table's order: ("S&T", "Science and Technology Bureau"), …"""
    return [(short, department_label(name, "en")) for name, short in _DEPARTMENT_SHORT_EN.items()]


def known_departments() -> frozenset[str]:
    """The department names the suite knows (simplified and traditional spellings), the
    ones ``department_label`` can put in English."""
    return frozenset(_DEPARTMENTS)


def department_in(text: object) -> str | None:
    """The one department ``text`` names (a return's file name, "市科技局_2023-2025.csv"),
    by its simplified Chinese name; None when it names none the suite knows, or more than
    one (whose return "市科技局_市统计局.csv" is cannot be told from its name)."""
    if not isinstance(text, str):
        return None
    found = [name for name in _DEPARTMENTS if name in text]
    # a spelling inside a longer one found too is the same mention
    found = [n for n in found if not any(n != m and n in m for m in found)]
    named = {_DEPARTMENTS[n][0] for n in found}
    return named.pop() if len(named) == 1 else None


#: Separators of a department list as people write it: 、 , ， ; ；
_DEPT_SEPARATORS = re.compile(r"[、,，;；]")


def split_departments(text: object) -> list[str]:
    """Split a department list ("市科技局、市财政局"; commas and semicolons, ASCII or
    full-width, also separate) into names (empty for missing values)."""
    if not isinstance(text, str):
        return []
    return [p.strip() for p in _DEPT_SEPARATORS.split(text) if p.strip()]


def department_rank(texts: Iterable[object]) -> dict[str, int]:
    """Place of each department (by its simplified Chinese name) in the order the plan names
    them: its first mention in ``texts``, department lists in the plan's order of targets
    (the gap table's or the registry's ``departments``). 市科技局, the plan's lead on nearly
    every target, comes first; sorted by character code it came ninth of eleven."""
    rank: dict[str, int] = {}
    for text in texts:
        for name in split_departments(text):
            rank.setdefault(department_label(name, "zh"), len(rank))
    return rank


def in_plan_order(names: Iterable[str], rank: Mapping[str, int], lang: str = "zh") -> list[str]:
    """``names`` (departments as shown in ``lang``) in the plan's order (``rank`` from
    :func:`department_rank`); a department it does not rank (a return from a department the
    registry does not name) after the others, by name."""
    zh_of = {department_label(k, lang): k for k in rank}
    return sorted(names, key=lambda n: (rank.get(zh_of.get(n, n), len(rank)), n))


def sheet_name(key: str) -> str:
    """Bilingual worksheet name such as "摘要 Summary" ('/' is not allowed in sheet names)."""
    return bilingual(f"sheet.{key}", sep=" ")[:31]
