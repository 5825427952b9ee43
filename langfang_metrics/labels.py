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
- ``dept.<Chinese name>``: English names of the plan's departments.

Use :func:`label` for one language and :func:`bilingual` for "中文 / English" headers.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import config

LANGS = ("zh", "en")

#: Gap-assessment status codes, best first (the order of every legend and table).
STATUS_CODES = (
    "achieved",
    "on_track",
    "needs_acceleration",
    "insufficient_progress",
    "moving_away",
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
    "status.insufficient_data": ("数据不足", "Insufficient data"),
}

_PATH = {
    "path.required": ("目标路径", "Required path"),
    "path.rd_10pct": ("年均增长10%路径", "10 %/yr path"),
}

_OBS = {
    "obs.final": ("正式数", "Final"),
    "obs.revised": ("修订数", "Revised"),
    "obs.preliminary": ("初步数", "Preliminary"),
    "obs.estimate": ("预计数", "Estimate"),
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
    "index.as_of": ("数据截至", "Data as of"),
    "index.workbook": ("Excel 工作簿", "Excel workbook"),
    "index.notebooks": ("分析笔记本", "Notebooks"),
    "index.figures": ("图表", "Figures"),
    "index.total": ("合计", "Total"),
    # axes
    "axis.year": ("年份", "Year"),
    "axis.vintage": ("数据截至年份", "Data as of"),
    "axis.progress": (
        "完成进度（占基期至目标增量的比例）",
        "Progress (share of the change from baseline to target)",
    ),
    "axis.count": ("指标数", "Number of targets"),
    "axis.status": ("状态", "Status"),
    "axis.department": ("责任部门", "Responsible department"),
    "axis.growth": ("同比增长", "Growth on previous year"),
    # titles ({year}, {name} placeholders)
    "title.rd_path": ("全社会研发经费与年均增长10%路径", "R&D spending against the 10 %/yr path"),
    "title.gap_dashboard": ("{year}年目标进展评估", "Progress towards the {year} targets"),
    "title.status_counts": ("各目标年份状态分布", "Targets by status and milestone"),
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
    "legend.observed": ("实际值", "Observed"),
    "legend.baseline": ("基期值", "Baseline"),
    "legend.forecast": ("预测均值", "Forecast mean"),
    "legend.pi80": ("80%预测区间", "80 % interval"),
    "legend.pi95": ("95%预测区间", "95 % interval"),
    "legend.milestone": ("{year}年目标", "{year} target"),
    "legend.target": ("目标值", "Target"),
    "legend.time_share": ("时间进度", "Time elapsed"),
    "legend.progress_share": ("完成进度", "Progress"),
    "legend.actual_spending": ("实际值", "Actual"),
    "legend.mean_vintage": ("预测均值（按数据年份）", "Forecast mean (by vintage)"),
    "legend.milestone_year": ("{year}年", "{year}"),
    "note.projected_gap": ("预计缺口", "Projected gap"),
    "note.projected_surplus": ("预计超出", "Projected surplus"),
    "note.no_data": ("暂无数据", "No data yet"),
    "note.no_actuals": ("暂无实际数据", "No actual figures yet"),
    "note.clipped": ("超出显示范围", "beyond the scale"),
    "note.department_n": ("部门{n}", "Department {n}"),
    "source.and_more": ("等", " and others"),
    "source.separator": ("；", "; "),
    # source line
    "source.prefix": ("数据来源：", "Source:"),
    "source.default": (
        "廊坊市统计公报、政府工作报告等公开资料；langfang-metrics整理",
        "Langfang statistical communiqués, government work reports and other public "
        "documents; compiled by langfang-metrics",
    ),
    "source.see_workbook": (
        "见工作簿“观测”表",
        "see the workbook, sheet Observations, for each figure's source",
    ),
    "source.forecast": ("预测：langfang-metrics", "Forecasts: langfang-metrics"),
    "source.gaps": (
        "langfang-metrics根据规划目标与最新观测值计算",
        "langfang-metrics, from the plan's targets and the latest observations",
    ),
}

#: The report index page and console summary (used by the pipeline).
_INDEX = {
    "index.title": (
        "廊坊市企业科技创新专项服务工作指标监测",
        "Langfang enterprise S&T innovation targets",
    ),
    "index.as_of": ("数据截至", "Data as of"),
    "index.workbook": ("工作簿", "Workbook"),
    "index.notebooks": ("分析笔记", "Notebooks"),
    "index.figures": ("图表", "Figures"),
    "index.total": ("合计", "Total"),
}

_SHEETS = {
    "sheet.summary": ("摘要", "Summary"),
    "sheet.targets": ("目标", "Targets"),
    "sheet.observations": ("观测", "Observations"),
    "sheet.trajectories": ("路径", "Trajectories"),
    "sheet.forecasts": ("预测", "Forecasts"),
    "sheet.backtest": ("回测", "Backtest"),
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
    "col.baseline_year": ("基期年份", "Baseline year"),
    "col.baseline_value": ("基期值", "Baseline value"),
    "col.latest_year": ("最新年份", "Latest year"),
    "col.latest_value": ("最新值", "Latest value"),
    "col.expected_on_path": ("按路径应达值", "Expected on path"),
    "col.progress_share": ("完成进度", "Progress share"),
    "col.time_share": ("时间进度", "Time share"),
    "col.actual_cagr": ("实际年均增速", "Actual CAGR"),
    "col.required_cagr": ("所需年均增速", "Required CAGR"),
    "col.projected": ("预计值", "Projected"),
    "col.projected_lo_80": ("预计值80%下限", "Projected, 80 % low"),
    "col.projected_hi_80": ("预计值80%上限", "Projected, 80 % high"),
    "col.projected_gap": ("预计缺口", "Projected gap"),
    "col.projected_gap_pct": ("预计缺口（%）", "Projected gap (%)"),
    "col.p_meet": ("达标概率", "Probability of meeting"),
    "col.status": ("状态", "Status"),
    "col.status_code": ("状态代码", "Status code"),
    "col.departments": ("责任部门", "Departments"),
    "col.clause": ("条款", "Clause"),
    "col.quote": ("原文", "Quote"),
    "col.measure_clause": ("措施条款", "Measure clause"),
    "col.measure_quote": ("措施原文", "Measure quote"),
    "col.note": ("备注", "Note"),
    "col.region": ("地区", "Region"),
    "col.obs_status": ("数据性质", "Figure status"),
    "col.source": ("来源", "Source"),
    "col.url": ("网址", "URL"),
    "col.accessed": ("访问日期", "Accessed"),
    "col.path": ("路径", "Path"),
    "col.method": ("方法", "Method"),
    "col.as_of": ("数据截至", "As of"),
    "col.mean": ("预测均值", "Mean"),
    "col.lo_80": ("80%下限", "80 % low"),
    "col.hi_80": ("80%上限", "80 % high"),
    "col.lo_95": ("95%下限", "95 % low"),
    "col.hi_95": ("95%上限", "95 % high"),
    "col.smape": ("对称平均绝对百分比误差", "sMAPE"),
    "col.mase": ("平均绝对标度误差", "MASE"),
    "col.coverage_80": ("80%区间覆盖率", "80 % coverage"),
    "col.coverage_95": ("95%区间覆盖率", "95 % coverage"),
    "col.winkler_80": ("80%温克勒得分", "80 % Winkler score"),
    "col.winkler_95": ("95%温克勒得分", "95 % Winkler score"),
    "col.n": ("样本数", "n"),
}

#: Departments the plan names: spelling found in the sources (traditional or simplified) →
#: (simplified Chinese, English).
_DEPARTMENTS = {
    "市科技局": ("市科技局", "Municipal Science and Technology Bureau"),
    "市工業和信息化局": ("市工业和信息化局", "Municipal Industry and IT Bureau"),
    "市工业和信息化局": ("市工业和信息化局", "Municipal Industry and IT Bureau"),
    "市稅務局": ("市税务局", "Municipal Tax Bureau"),
    "市税务局": ("市税务局", "Municipal Tax Bureau"),
    "市市場監督管理局": ("市市场监督管理局", "Municipal Market Regulation Bureau"),
    "市市场监督管理局": ("市市场监督管理局", "Municipal Market Regulation Bureau"),
    "市財政局": ("市财政局", "Municipal Finance Bureau"),
    "市财政局": ("市财政局", "Municipal Finance Bureau"),
    "市人力資源社會保障局": (
        "市人力资源社会保障局",
        "Municipal Human Resources and Social Security Bureau",
    ),
    "市人力资源社会保障局": (
        "市人力资源社会保障局",
        "Municipal Human Resources and Social Security Bureau",
    ),
    "市商務局": ("市商务局", "Municipal Commerce Bureau"),
    "市商务局": ("市商务局", "Municipal Commerce Bureau"),
    "市國資委": ("市国资委", "Municipal SASAC"),
    "市国资委": ("市国资委", "Municipal SASAC"),
    "市教育局": ("市教育局", "Municipal Education Bureau"),
    "市發展改革委": ("市发展改革委", "Municipal Development and Reform Commission"),
    "市发展改革委": ("市发展改革委", "Municipal Development and Reform Commission"),
    "市開發區改革發展工作辦公室": (
        "市开发区改革发展工作办公室",
        "Municipal Development Zone Reform Office",
    ),
    "市开发区改革发展工作办公室": (
        "市开发区改革发展工作办公室",
        "Municipal Development Zone Reform Office",
    ),
    "市统计局": ("市统计局", "Municipal Statistics Bureau"),
    "市統計局": ("市统计局", "Municipal Statistics Bureau"),
}

#: Forecast-distribution charts (issue 13): fan chart of planning levels, reliability diagram.
_FORECAST_PLOTS = {
    "fcplot.observed": ("实际值", "Observed"),
    "fcplot.band_80": ("80%预测区间", "80 % prediction interval"),
    "fcplot.band_95": ("95%预测区间", "95 % prediction interval"),
    "fcplot.level_p": ("至少达到的水平(概率{p:.0%})", "Level reached with {p:.0%} probability"),
    "fcplot.year": ("年份", "Year"),
    "fcplot.fan_title": ("{name}:规划水平扇形图", "{name}: planning levels (fan chart)"),
    "fcplot.predicted": ("预测概率", "Predicted probability"),
    "fcplot.observed_freq": ("实际发生频率", "Observed frequency"),
    "fcplot.perfect": ("完全校准", "Perfect calibration"),
    "fcplot.all": ("全部", "All"),
    "fcplot.reliability_title": ("可靠性图", "Reliability diagram"),
    "fcplot.ece": ("期望校准误差 ECE = {ece:.3f}", "ECE = {ece:.3f}"),
    "fcplot.count": ("事件数", "Events"),
}

LABELS: Mapping[str, tuple[str, str]] = {
    **_STATUS,
    **_PATH,
    **_OBS,
    **_CHART,
    **_INDEX,
    **_SHEETS,
    **_COLUMNS,
    **{f"dept.{name}": names for name, names in _DEPARTMENTS.items()},
    **_FORECAST_PLOTS,
}


def _check_lang(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    return LANGS.index(lang)


def label(key: str, lang: str = "zh", **fields: object) -> str:
    """Return the user-facing text for ``key`` in ``lang``.

    Parameters
    ----------
    key : str
        Namespaced key such as ``"status.on_track"`` or ``"axis.year"``.
    lang : {"zh", "en"}
        Language of the text.
    **fields
        Values for ``{placeholders}`` in the text (e.g. ``year=2025``).

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
    return text.format(**fields) if fields else text


def bilingual(key: str, sep: str = " / ", **fields: object) -> str:
    """Return "中文 / English" for ``key`` (e.g. workbook headers "指标 / Indicator")."""
    return f"{label(key, 'zh', **fields)}{sep}{label(key, 'en', **fields)}"


def status_label(code: str, lang: str = "zh") -> str:
    """Label of a gap-assessment status code such as ``"on_track"``."""
    return label(f"status.{code}", lang)


def obs_status_label(code: str, lang: str = "zh") -> str:
    """Label of an observation status such as ``"preliminary"``."""
    return label(f"obs.{code}", lang)


def path_label(code: str, lang: str = "zh") -> str:
    """Label of a trajectory path such as ``"required"``."""
    return label(f"path.{code}", lang)


def department_label(name: str, lang: str = "zh") -> str:
    """Name of a department in ``lang`` (simplified Chinese or English).

    Departments not in the table keep the name as given.
    """
    idx = _check_lang(lang)
    name = name.strip()
    return LABELS.get(f"dept.{name}", (name, name))[idx]


def split_departments(text: object) -> list[str]:
    """Split a "、"-joined department list into names (empty for missing values)."""
    if not isinstance(text, str):
        return []
    parts = [p.strip() for p in text.replace(",", "、").replace(",", "、").split("、")]
    return [p for p in parts if p]


def sheet_name(key: str) -> str:
    """Bilingual worksheet name such as "摘要 Summary" ('/' is not allowed in sheet names)."""
    return bilingual(f"sheet.{key}", sep=" ")[:31]
