"""The landing page a planner opens first: ``reports/index.html`` (Chinese) and its English twin.

One static page per language that answers "which targets, whose, how likely" without opening
a notebook: the year the data run to, the status counts of the 2023 and 2025 milestones, one
table of every target (:func:`views.target_overview`, the same table the Word brief prints),
what data each department still owes (:mod:`coverage`), the coverage picture, then the
figures, notebooks and every document the run wrote.

The pages open from disk: no server, no script, no font or style sheet from outside. The
department filter is pure CSS (``:target``): following a department's link hides the other
departments' rows. The bytes depend only on the results and the files the run wrote.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import config, coverage, views
from .labels import (
    department_label,
    department_rank,
    in_plan_order,
    label,
    likelihood_legend,
    obs_status_label,
    report_title,
    split_departments,
)
from .series import series_grade
from .views import status_counts

#: Page file per language: the Chinese page is the default index.
PAGE_NAMES = {"zh": "index.html", "en": "index_en.html"}

#: The ``lang`` attribute of each page's language.
_HTML_LANG = {"zh": "zh-CN", "en": "en"}

#: Figures shown first in the gallery, in this order (file stems without the language).
KEY_FIGURES = ("status_overview", "gap_dashboard_2025", "gap_dashboard_2023", "rd_path")

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
"Noto Sans","Segoe UI",sans-serif;max-width:1320px;margin:1.5em auto;padding:0 1em;color:#222;
line-height:1.45}
html[lang=en] body{font-family:"Noto Sans","Segoe UI","Helvetica Neue",Arial,"Noto Sans CJK SC",
sans-serif}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;
border-bottom:2px solid #ddd;padding-bottom:.2em}
.lang{float:right;font-size:.95em}.muted{color:#555;font-size:.92em}
.definitions{max-width:60em}.definitions dt{font-weight:600;margin-top:.5em}
.definitions dd{margin:.1em 0 0 1.5em;color:#333}
table{border-collapse:collapse;margin:.4em 0 1em}table.targets{width:100%}th.pr{white-space:normal}
th,td{padding:4px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top;text-align:left}
th{background:#f4f4f4;font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.name{min-width:10em}td.dept{min-width:10em;max-width:20em;font-size:.92em}td.st{min-width:8em;max-width:9.5em}td.said{max-width:28em;font-size:.92em}
td.nowrap,.nb{white-space:nowrap}.grade{color:#555;font-size:.88em}html[lang=en] .grade{white-space:normal}html[lang=en] td.nowrap{white-space:normal;min-width:8em}
html[lang=en] th{white-space:normal}
tr.section td{background:#fafafa;font-weight:700;border-top:2px solid #ccc}
.counts td,.counts th{text-align:center}.counts tr>:first-child{text-align:left}
.depts a{display:inline-block;margin:0 .7em .3em 0;white-space:nowrap}
.showing{display:none;margin:.3em 0;padding:.3em .6em;background:#eef5fb;border-left:4px solid #0072B2}
.showing:target{display:block}
.warn{margin:.6em 0;padding:.5em .8em;background:#fff4e5;border-left:4px solid #D55E00}
figure{display:inline-block;width:48%;margin:0 1% 1.5em 0;vertical-align:top}
figure img{width:100%;border:1px solid #ddd}figcaption{font-size:.85em;color:#555}
img.wide{max-width:100%;border:1px solid #ddd}figure.wide{display:block;width:auto}
figure.wide img{width:auto}figure.wide img.tall{max-width:min(100%,1000px)}
.scroll{overflow-x:auto;max-width:100%;position:relative}.hint{display:none}
@media (max-width:700px){.depts a{white-space:normal}figure{width:100%}}
@media screen and (min-width:901px) and (max-width:1100px){
.hint{display:block;color:#555;font-size:.9em}}
@media screen and (max-width:900px){
table.targets thead{display:none}table.targets,table.targets tbody{display:block}
table.targets tr{display:flex;flex-direction:column;border-bottom:2px solid #ccc;padding:.3em 0}
table.targets tr>*{border:0;padding:1px 8px;min-width:0;max-width:none;text-align:left;
white-space:normal}
table.targets td[data-label]{padding-left:8.5rem}
table.targets td[data-label]::before{content:attr(data-label);float:left;width:8rem;
margin-left:-8rem;color:#555;font-size:.88rem;line-height:1.65}
table.targets td.empty{display:none}table.targets th.name{font-weight:700}
table.targets .yr{order:1}table.targets .st{order:2}table.targets .pm{order:3}
table.targets .pr{order:4}table.targets .lt{order:5}table.targets .tg{order:6}
table.targets td.dept{order:7}table.targets td.chart{order:8}}
code{font-family:"Noto Sans Mono","DejaVu Sans Mono",Consolas,monospace;font-size:.92em;
background:#f4f4f4;padding:0 .25em;border-radius:3px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
td.rep{color:#888}tr.section th{background:#fafafa;font-weight:700;border-top:2px solid #ccc}
th[scope=row]{background:none;font-weight:400;white-space:normal}
@page{size:A4 landscape;margin:12mm}@page figures{size:A4 portrait;margin:12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:9pt}
.scroll{overflow:visible}.hint,.lang,.depts,.chart,.files,.online{display:none}
html[lang=en] td.dept{min-width:14em}
h2.fig{page:figures}
h2#targets{break-before:page}
tr,figure,img{break-inside:avoid}h2,tr.section{break-after:avoid}thead{display:table-header-group}
a{color:inherit;text-decoration:none}
figure{display:block;width:auto;margin:0 0 4mm;page:figures}figure img,img.wide{width:auto;
max-width:100%;max-height:265mm;border:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def data_years(
    overview: pd.DataFrame, observations: pd.DataFrame | None = None, *, lang: str = "zh"
) -> tuple[int | None, dict[int, list[str]]]:
    """The latest year of home-region data behind the targets, and the names per latest year.

    Parameters
    ----------
    overview : DataFrame
        :func:`views.target_overview` output.
    observations : DataFrame, optional
        The run's observations (cut at its vintage): an indicator's figures after its last
        milestone (a 2026 figure) count too, as the brief counts them (``brief_as_of``);
        without them, the latest figure the milestones' rows hold.
    lang : {"zh", "en"}
        Language of the note set beside a name whose latest figure is its baseline.

    Returns
    -------
    (int or None, dict)
        The latest year any target's figure is from (None when no target has a figure),
        and ``{year: [indicator names]}`` for every latest year (one entry per indicator).
    """
    # an indicator's latest figure is its latest in any milestone's row (a 2023 row stops at 2023)
    latest = overview.groupby("indicator_id", sort=False)["latest_year"].max().astype(float)
    if observations is not None and len(observations):
        ok = series_grade(observations, region=config.HOME_REGION)
        newest = ok.groupby("indicator_id")["year"].max().reindex(latest.index).astype(float)
        latest = pd.concat([latest, newest], axis=1).max(axis=1)
    per = overview.drop_duplicates("indicator_id")
    per = per.reindex(columns=["indicator_id", "name", "baseline_year", "baseline_source"])
    per = per.assign(latest_year=per["indicator_id"].map(latest))
    per = per[per["latest_year"].notna()]
    if per.empty:
        return None, {}
    # a latest figure that is the baseline itself says so: the table's "latest" cell is
    # "—" for it (no figure after the baseline), which read as a contradiction
    # (a target without a baseline year, a yearly flow, is never "baseline only": its
    # missing year compared as NA and put the note beside five years of figures)
    base = pd.to_numeric(per["baseline_year"], errors="coerce").astype(float).to_numpy()
    at_base = per["latest_year"].to_numpy(dtype=float) == base  # NaN equals nothing
    # a first figure that already meets the target is an outcome, not a baseline only (the
    # e2e review: 1,020 firms in 2024 against 1,000 read "仅基期值" beside "已实现")
    met = (set(overview.loc[overview["status"] == "achieved", "indicator_id"])
           if "status" in overview.columns else set())  # fmt: skip
    at_base &= ~per["indicator_id"].isin(met).to_numpy()
    # the figure a path starts from is no baseline the plan gives (R&D spending's 2021)
    start = per["baseline_source"].eq("observation").to_numpy()
    words = np.where(start, label("landing.start_only", lang), label("landing.baseline_only", lang))
    names = per["name"].where(~at_base, per["name"] + words)
    per = per.assign(name=names)
    groups = {int(y): list(g["name"]) for y, g in per.groupby("latest_year", sort=True)}
    return max(groups), groups


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _e_code(text: object) -> str:
    """Escaped text whose `backticked` spans (commands) are set as ``<code>``."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(text))


def _dept_key(name: str, departments: dict[str, str]) -> str:
    return departments[name]


def department_keys(shown: Sequence[str], raw: Iterable[object], lang: str) -> dict[str, str]:
    """``{department as shown: anchor}`` in the plan's order of departments.

    ``raw``: the gap table's department lists, as the registry spells them, in the plan's
    order (:func:`labels.department_rank`: 市科技局, the lead, first; sorted by name it came
    ninth). The anchor is ``dept-N``, N that place: the same department has the same link
    on both pages (the English page had numbered its own sorting, and ``#dept-6`` showed
    the market regulation bureau in Chinese and the human resources bureau in English).
    """
    raw = list(raw)
    rank = department_rank(raw)
    zh_of = {department_label(d, lang): department_label(d, "zh")
             for ds in raw for d in split_departments(ds)}  # fmt: skip
    order = in_plan_order({zh_of.get(d, d) for d in shown}, rank)
    return {d: f"dept-{order.index(zh_of.get(d, d)) + 1}"
            for d in in_plan_order(shown, rank, lang)}  # fmt: skip


#: Figures drawn for one indicator in its own way, which its row links to and the gallery
#: shows instead of its trajectory chart: R&D spending's bars against its 10 % a year path
#: (the planner's review: two charts of the same path, the row linked to the plainer one).
OWN_CHARTS = {"rd_spending": "rd_path"}  # plots.RD_INDICATOR (no matplotlib import here)


def _chart_href(iid: str, lang: str, figures: set[str]) -> str | None:
    own = f"figures/{OWN_CHARTS[iid]}_{lang}.png" if iid in OWN_CHARTS else None
    if own in figures:
        return own
    name = f"figures/trajectory_{iid}_{lang}.png"
    return name if name in figures else None


def _other_years(row: pd.Series, flows: pd.DataFrame | None, lang: str) -> str:
    """Under a yearly flow's milestone row, its targets of the years since the previous
    milestone (``views.other_years_words``)."""
    words = views.other_years_words(row, flows, lang)
    return f'<div class="grade">{_e(words)}</div>' if words else ""


def _targets_table(
    overview: pd.DataFrame,
    lang: str,
    departments: dict[str, str],
    figures: set[str],
    flows: pd.DataFrame | None = None,
    rates: pd.DataFrame | None = None,
) -> str:
    shown = views.format_overview(overview, lang=lang)
    keys = ["col.name", "col.departments", "col.milestone_year", "col.baseline_to_target",
            "col.latest", "col.status_label", "col.p_meet", "col.projected_range"]  # fmt: skip
    heads = [label(k, lang) for k in keys] + [label("col.chart", lang)]
    # wide: it scrolls sideways on a narrow screen instead of pushing the page wider
    out = [
        '<div class="scroll"><table class="targets">',
        f'<caption class="sr">{_e(label("landing.targets", lang))}</caption><thead><tr>',
    ]
    # the chart column links to a file: no use on paper (printed, it read "图表" in each row)
    last = ' class="chart"'
    # the projected range's header may break before its bracket: "预计值 [80%区间]" on one
    # line made its column wider than any outcome's "已有实际值" and pushed the chart column
    # past a 1,366-pixel screen in the final evaluation (the report writer's review)
    out += [f'<th scope="col"{last if k == len(heads) - 1 else ""}'
            + (f' class="pr">{_unbroken_parts(h)}</th>' if k == 7 else f">{_e(h)}</th>")
            for k, h in enumerate(heads)]  # fmt: skip
    out.append("</tr></thead><tbody>")
    section = None
    sep = label("fmt.dept_sep", lang)
    said = [f' data-label="{_e(h)}"' for h in heads]  # the header each cell is under

    def classes(rows: pd.DataFrame) -> str:
        """The department keys of ``rows`` (a section row carries those of its targets)."""
        found = {d for ds in rows["departments"] for d in str(ds).split(sep) if d}
        return " ".join(_dept_key(d, departments) for d in departments if d in found)

    for i, row in overview.iterrows():
        if row["section"] != section:
            section = row["section"]
            members = classes(overview[overview["section"] == section])
            out.append(f'<tr class="section {members}"><th colspan="{len(heads)}" '
                       f'scope="colgroup">{_e(section)}</th></tr>')  # fmt: skip
        cells = shown.loc[i]
        href = _chart_href(row["indicator_id"], lang, figures)
        # the link says whose chart it is to a screen reader (six "chart" links otherwise)
        chart = (f'<a href="{_e(href)}">{_e(label("landing.chart", lang))}<span class="sr">'
                 f'{label("fmt.colon", lang)}{_e(cells[heads[0]])}</span></a>' if href else "—")  # fmt: skip
        # each cell names its column (data-label): on a narrow screen a row is a card, the
        # status and probability first (the table hid them off-screen on a tablet)
        inner = [
            ("dept", _inferred_unbroken(_e(cells[heads[1]]), lang)),
            ("num yr", _e(cells[heads[2]])),
            ("tg", _arrow_parts(cells[heads[3]], lang)),
            ("lt", f"{_unbroken_parts(cells[heads[4]])}{_path_line(row, lang)}"
                   f"{_rate_line(row, rates, lang)}"),
            ("st", _status_cell(row, lang)),
            ("num pm", _prob_cell(row, lang)),
            # the figure and its range each whole, a line apart when the column is narrow
            # ("4.00件/万人 [3.25–5.06]" on one line pushed the chart column past a 1,366-pixel
            # screen in the final evaluation: the report writer's review)
            ("pr", _unbroken_parts(cells[heads[7]])),
        ]  # fmt: skip
        out.append(
            f'<tr class="{classes(overview.loc[[i]])}" id="t-{_e(row["indicator_id"])}-{int(row["milestone_year"])}">'
            f'<th scope="row" class="name">{_e(cells[heads[0]])}{_other_years(row, flows, lang)}</th>'
            + "".join(f'<td class="{css}{_empty(html_text, lang)}"{said[k]}>{html_text}</td>'
                      for k, (css, html_text) in enumerate(inner, start=1))
            + f'<td class="chart{_empty(chart, lang)}">{chart}</td></tr>'
        )  # fmt: skip
    out.append("</tbody></table></div>")
    return "".join(out)


#: Statuses graded by the pace since the baseline (the growth test), not by an outcome.
PACE_STATUSES = views.PACE_STATUSES


def _status_cell(row: pd.Series, lang: str) -> str:
    """The status badge, and under it ``views.status_lines``: the year of the figures it was
    graded on when its milestone year is over without its own figure, why a target lacks
    data or what its grade leaves out (and what would turn it), and whether the outcome is
    provisional."""
    badge = views.badge_html(row["status"], lang)
    # a line each; a long one wraps (td.st's width): whole, "若2021年增速不低于11.9%，即可达标"
    # pushed the table's chart column off a 1,400-pixel screen (the planner's review)
    return badge + "".join(f'<br><span class="grade">{_e(line)}</span>'
                           for line in views.status_lines(row, lang))  # fmt: skip


def _path_line(row: pd.Series, lang: str) -> str:
    """Under the latest figure, where the target path stands that year and the yearly change
    still needed (``views.position_lines``), a line each."""
    # each whole: "2.28件/万人" broke before its last 人
    return "".join(f'<br><span class="grade nb">{_e(w)}</span>'
                   for w in views.position_lines(row, lang))  # fmt: skip


def _rate_line(row: pd.Series, rates: pd.DataFrame | None, lang: str) -> str:
    """Under a growth-rate target's latest figure, the yearly growth figures held up to its
    milestone (``views.rate_words``)."""
    words = views.rate_words(row, rates, lang)
    return f'<div class="grade">{_e(words)}</div>' if words else ""


def _arrow_parts(text: str, lang: str) -> str:
    """``54.03亿元（2021年） → 年均增长10%`` as two unbreakable parts: a narrow column breaks
    before the arrow, the target with it, and nowhere else (Chinese breaks between any two
    characters otherwise). English text breaks at its spaces, as it is."""
    if lang != "zh":
        return _e(text)
    before, arrow, after = text.partition(" → ")
    if not arrow:
        return f'<span class="nb">{_e(text)}</span>'
    # the figure and its bracket may part: "54.03亿元（2021年，起算值）" whole widened the
    # column until the table scrolled sideways; so may a target and its bracket ("→ 10项/年
    # （2021—2025年每年）")
    return f"{_unbroken_parts(before)} {_unbroken_parts('→ ' + after)}"


def _unbroken_parts(text: str) -> str:
    """``1,258家（2022年，预计数）`` or ``3.75 [2.43–6.29]`` as unbreakable parts, so a
    narrow column breaks between the figure and its bracket, or after a comma in an
    English bracket, and nowhere else."""
    cut = min((i for i in (text.find("（"), text.find(" ("), text.find(" [")) if i > 0),
              default=-1)  # fmt: skip
    if cut < 0:
        return f'<span class="nb">{_e(text)}</span>'
    gap = " " if text[cut] == " " else "<wbr>"  # English keeps its space, Chinese has none
    # a long bracket ("(2023, preliminary, to verify)", "（2023年，初步数，待核实）") may
    # break after its commas; one of two items ("（2022年，预计数）") stays whole
    bracket = text[cut:].lstrip()
    several = len(re.findall("，|, ", bracket)) > 1
    items = re.split(r"(?<=，)|(?<=, )", bracket) if several else [bracket]
    bracket = "<wbr>".join(f'<span class="nb">{_e(item)}</span>' for item in items if item)
    return f'<span class="nb">{_e(text[:cut])}</span>{gap}{bracket}'


def _prob_cell(row: pd.Series, lang: str) -> str:
    """P(meet) as a percent with its graded words under it (narrow: the words wrap below);
    a forecast that parts from the series' own course (the overview's ``caveat``,
    ``gaps.forecast_caveat``) is marked with a dagger that the note under the table
    explains, and says why on hover."""
    p, caveat = row["p_meet"], row.get("caveat")
    shown = views.fmt_probability(p, lang)  # "<1%": a 0.4 % chance is no "0%"
    if not views._missing(p) and views.settled(row):  # an outcome, not a chance: "100%" on
        # a preliminary figure that a final one may still turn read as certainty
        if views.provisional_outcome(row):  # the status cell says it, beside the status
            return _e(label("fmt.missing", lang))
        words = _e(views.outcome_words(row, lang))
        return f'{_e(label("fmt.missing", lang))}<br><span class="grade">{words}</span>'
    if shown == label("fmt.missing", lang):
        year = views.no_own_figure(row)  # a past milestone still owes its own year's figure
        words = []
        if row.get("status") != "insufficient_data" and not views._missing(row["latest_value"]):
            # graded, but the series (one figure, or only 0s) gives no forecast to read
            words.append(label("fmt.no_forecast", lang))
        if year is not None:  # and its year is over: a line of its own, as below
            words.append(label("fmt.no_own_figure", lang, year=year))
        if not words:
            return _e(shown)
        return f'{_e(shown)}<br><span class="grade">{"<br>".join(map(_e, words))}</span>'
    mark = ""
    if caveat:
        why = _e(label(f"landing.caveat.{caveat}", lang))
        mark = f'<sup class="caveat" title="{why}"><a href="#caveat-note">†</a></sup>'
    # the graded words, the figure owed for a year gone by and what the backtests say of it,
    # a line each (side by side they widened the column until the table scrolled sideways)
    lines = [_e(w) for w in views.grade_lines(row, lang, apart=True)]
    return f'{_e(shown)}{mark}<br><span class="grade">{"<br>".join(lines)}</span>'


def _inferred_unbroken(departments: str, lang: str) -> str:
    """ "（按相关措施推定）" on a line of its own, kept whole in Chinese (a narrow column broke
    it before its last character); in both languages beside the last department it read as
    that one's only (the English reader's review)."""
    said = _e(label("fmt.departments_inferred", lang))
    if said not in departments:
        return departments
    line = f'<span class="nb">{said}</span>' if lang == "zh" else said.strip()
    return departments.replace(said, f"<br>{line}")  # of them all


def _empty(cell_html: str, lang: str) -> str:
    """ " empty" for a cell that says only "—": a card on a narrow screen leaves it out (20
    targets without data made 20 cards of five dashes each)."""
    text = re.sub(r"<[^>]+>", "", cell_html).strip()
    return " empty" if text == _e(label("fmt.missing", lang)) else ""


def _filter_css(departments: dict[str, str]) -> str:
    """Following ``#dept-N`` hides every target row of other departments, and their rows of
    the data still owed (no script): a department had to find its lines among 60."""
    return "".join(
        f"#{k}:target~.scroll table.targets tbody tr:not(.{k}),"
        f"#{k}:target~.scroll table.missing tbody tr:not(.{k}){{display:none}}"
        for k in (_dept_key(d, departments) for d in departments)
    )


def _counts_table(overview: pd.DataFrame, lang: str) -> str:
    counts = status_counts(overview)
    notes = views.count_notes(overview, lang)  # provisional, early, growth years still open
    years = list(counts.columns)
    out = [
        '<table class="counts"><thead><tr>',
        f'<th scope="col">{_e(label("col.status_label", lang))}</th>',
    ]
    out += [f'<th scope="col">{_e(label("landing.milestone", lang, year=y))}</th>' for y in years]
    out.append("</tr></thead><tbody>")
    for code, row in counts.iterrows():
        if not row.sum():
            continue
        out.append(f'<tr><th scope="row">{views.badge_html(code, lang)}</th>')
        out += [
            f'<td class="num">{int(row[y])}'
            + "".join(f'<br><span class="note">{_e(n)}</span>' for n in notes.get((code, y), []))
            + "</td>"
            for y in years
        ]
        out.append("</tr>")
    out.append(f'<tr><th scope="row"><b>{_e(label("index.total", lang))}</b></th>')
    out += [f'<td class="num"><b>{int(counts[y].sum())}</b></td>' for y in years]
    out.append("</tr></tbody></table>")
    return "".join(out)


def _missing_table(
    owed: pd.DataFrame,
    lang: str,
    finals: pd.DataFrame | None = None,
    departments: dict[str, str] | None = None,
    notes: pd.DataFrame | None = None,
    milestones: set[tuple[str, int]] = frozenset(),
) -> str:
    """The figures each department still owes (:func:`coverage.by_department` of
    :func:`coverage.owed_of`): a year without a figure, or (in ``finals``,
    :func:`coverage.provisional_figures`) one whose figure is only preliminary or an
    estimate, said as such, whose final figure is owed - as the brief and the request
    workbooks ask for it (the page had left them out, and a department working from it
    missed part of its request). ``notes`` (:func:`datarequest.department_notes`): what a
    department said of a year it left without a figure, in a column of its own beside the
    years (only when there are notes). ``milestones``: (indicator, year) of the targets; such
    a year is set in bold, since its figure settles a milestone (the 2023 high-tech count sat
    unmarked among 47 rows)."""
    final_of: dict[tuple[str, int], str] = {}
    if finals is not None and len(finals):
        for r in finals.itertuples(index=False):
            status = obs_status_label(r.held_status, lang)
            final_of[(r.indicator_id, int(r.year))] = label(
                "landing.final_owed", lang, year=int(r.year),
                status=status.lower() if lang == "en" else status)  # fmt: skip
    if owed.empty:
        return f"<p>{_e(label('landing.none_missing', lang))}</p>"
    said: dict[tuple[str, str], list[str]] = {}
    rows_of = set(zip(owed[f"department_{lang}"], owed["indicator_id"], strict=True))
    for r in (notes if notes is not None else pd.DataFrame()).itertuples(index=False):
        dept = getattr(r, f"department_{lang}")
        named = (dept, r.indicator_id) in rows_of
        # a department the registry does not name for the indicator (a return the statistics
        # bureau answered): on the indicator's rows, with its name
        if str(int(r.year)) in r.note:  # "2024年：2024年数据尚未发布" said the year twice
            text = r.note if named else label("col.said_by", lang, department=dept, note=r.note)
        else:
            text = label("landing.said" if named else "landing.said_by", lang, year=int(r.year),
                         department=dept, note=r.note)  # fmt: skip
        said.setdefault((dept if named else "", r.indicator_id), []).append(text)
    heads = [label("col.department_asked", lang), label("col.name", lang), label("col.years", lang)]
    heads += [label("col.department_notes", lang)] if said else []
    out = ['<div class="scroll"><table class="missing"><thead><tr>']
    out += [f'<th scope="col">{_e(h)}</th>' for h in heads]
    out.append("</tr></thead><tbody>")
    dept_col, name_col = f"department_{lang}", f"name_{lang}"
    # departments in the order of the filter links above (the plan's, as by_department
    # gives them); on every row, greyed after the first, so a printed page or a screen
    # reader keeps it
    for dept, part in owed.groupby(dept_col, sort=False):
        for j, (_, row) in enumerate(part.iterrows()):
            cell = f"<b>{_e(dept)}</b>" if j == 0 else _e(dept)
            sep = label("brief.list_sep", lang)
            years = [_e(final_of.get((row["indicator_id"], y), str(y))) for y in row["years"]]
            years = [f"<b>{text}</b>" if (row["indicator_id"], int(y)) in milestones else text
                     for text, y in zip(years, row["years"], strict=True)]  # fmt: skip
            key = (departments or {}).get(dept)  # the department filter's class
            tr = f'<tr class="{key}">' if key else "<tr>"
            # the notes are on years still owed (department_notes keeps no others)
            told = said.get((dept, row["indicator_id"]), []) + said.get(
                ("", row["indicator_id"]), []
            )
            note = f'<td class="said">{"<br>".join(_e(n) for n in told)}</td>' if said else ""
            out.append(f'{tr}<td class="dept{" rep" if j else ""}">{cell}</td>'
                       f'<td class="name">{_e(row[name_col])}</td>'
                       f"<td>{_e(sep).join(years)}</td>{note}</tr>")  # fmt: skip
    out.append("</tbody></table></div>")
    return "".join(out)


def _plain_table(df: pd.DataFrame, css: str) -> str:
    """A table of text cells, its headers as given."""
    out = [f'<div class="scroll"><table class="{css}"><thead><tr>']
    out += [f'<th scope="col">{_e(h)}</th>' for h in df.columns]
    out.append("</tr></thead><tbody>")
    for row in df.itertuples(index=False):
        out.append("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


#: Figures of many rows of small labels, shown at up to 1,000 px wide rather than in half
#: the page: at half of 1,400 px the department names read at about 8 px (the report
#: writer's review).
TALL_FIGURES = ("status_overview", "gap_dashboard_")


def _figure(rel: str, stem: str, title: str, *, lang: str, wide: bool = False) -> str:
    base = rel[: -len(".png")]
    name = Path(base).name
    tall = stem.startswith(TALL_FIGURES)
    # a wide picture takes the page's width (a gallery figure takes half of it)
    fig, img = (
        ('<figure class="wide">', ' class="wide tall" loading="lazy"' if tall else ' class="wide"')
        if wide or tall
        else ("<figure>", ' loading="lazy"')
    )
    # the picture links to itself (a larger view); the caption names it once, in words, and
    # each download link says which file it fetches (its name on hover): the file stem under
    # every caption, "trajectory_high_tech_enterprises_zh", was the only code a reader met
    # on the page (the planner's review)
    links = label("brief.list_sep", lang).join(
        f'<a href="{_e(base)}.{ext}" title="{_e(name)}.{ext}">{ext.upper()}'
        f'<span class="sr"> {_e(title)}</span></a>' for ext in ("png", "svg", "pdf"))  # fmt: skip
    return (f'{fig}<a href="{_e(rel)}"><img{img} src="{_e(rel)}" alt="{_e(title)}">'
            f'</a><figcaption>{_e(title)}<span class="files"><br>'
            f'{_e(label("landing.figure_files", lang))}{links}</span></figcaption></figure>')  # fmt: skip


def figure_title(
    stem: str, indicators: pd.DataFrame, lang: str, gaps: pd.DataFrame | None = None
) -> str:
    """What a report figure shows, in words (its alt text and caption): the chart's own
    title where it has one (a dashboard's as :func:`views.dashboard_title` words it from
    ``gaps``), the indicator's name for its trajectory; the file stem only for a figure this
    function does not know."""
    names = dict(zip(indicators["indicator_id"], indicators[f"name_{lang}"], strict=True))
    fixed = {"rd_path": "title.rd_path", "status_overview": "title.status_overview",
             "coverage": "title.coverage"}  # fmt: skip
    if stem in fixed:
        return label(fixed[stem], lang)
    if m := re.fullmatch(r"(?:brief_)?gap_dashboard_(\d{4})", stem):
        year = int(m.group(1))
        return (label("title.gap_dashboard", lang, year=year) if gaps is None
                else views.dashboard_title(gaps, year, lang))  # fmt: skip
    if (m := re.fullmatch(r"trajectory_(.+)", stem)) and m.group(1) in names:
        return str(names[m.group(1)])
    if (m := re.fullmatch(r"vintage_(.+)_(\d{4})", stem)) and m.group(1) in names:
        return label("title.vintage", lang, name=names[m.group(1)], year=int(m.group(2)))
    return stem


def _gallery(
    figures: Iterable[str], lang: str, indicators: pd.DataFrame, gaps: pd.DataFrame | None = None
) -> str:
    """This language's PNGs: the key figures first, then the rest by name (the coverage
    picture, shown above, is not repeated)."""
    suffix = f"_{lang}.png"
    mine = sorted(f for f in figures if f.endswith(suffix))
    stems = {f: Path(f).name[: -len(suffix)] for f in mine}
    # the coverage picture is shown above; the brief's own figures are for print
    mine = [f for f in mine if stems[f] != "coverage" and not stems[f].startswith("brief_")]
    # an indicator with a chart of its own is shown once, by that chart
    shown = set(stems.values())
    mine = [f for f in mine if not any(stems[f] == f"trajectory_{iid}" and own in shown
                                       for iid, own in OWN_CHARTS.items())]  # fmt: skip
    rank = {s: i for i, s in enumerate(KEY_FIGURES)}
    mine.sort(key=lambda f: (rank.get(stems[f], len(rank)), stems[f]))
    return "\n".join(_figure(f, stems[f], figure_title(stems[f], indicators, lang, gaps),
                             lang=lang) for f in mine)  # fmt: skip


def known_by_lines(results, lang: str) -> list[str]:
    """The header's paragraphs of a ``--known-by`` run (none for a run on the figures known
    now): that the page is a reconstruction as published by the day, and how many undated
    figures it counted as known then (:func:`views.known_by_method`, as the brief's methods
    say it), the weak point a reader should see before any number."""
    said = views.known_by_method(results)
    if not said:
        return []
    words = views.known_by_words(said, lang)
    return [f'<p class="warn">{_e(label("known_by.cover", lang, date=said[0][1]["date"]))}</p>'
            f'<p class="muted">{_e(words)}</p>']  # fmt: skip


def landing_html(
    results,
    *,
    lang: str = "zh",
    figures: Iterable[str] = (),
    notebook_pages: Iterable[str] = (),
    documents: Iterable[str] = (),
    tables: Iterable[str] = (),
    titles: Mapping[str, str] | None = None,
    empty: Iterable[str] = (),
) -> str:
    """The landing page in one language, as one self-contained HTML string.

    Parameters
    ----------
    results : compute.Results
        The run's results (gaps, indicators, targets, observations, as_of).
    lang : {"zh", "en"}
    figures, notebook_pages, documents, tables : iterable of str
        Paths relative to the reports folder (POSIX) of the figure files, notebook pages,
        documents (workbook, Word briefs) and processed tables the run wrote.
    titles : mapping of str to str, optional
        A page's title by its path ("01 基期与目标"), shown as its link before the file
        name (the list read "01-baseline-and-targets.html" on the Chinese page too).

    Returns
    -------
    str
    """
    label("index.title", lang)  # validates lang
    figures = sorted(set(figures))
    overview = views.target_overview(
        results.gaps,
        results.indicators,
        lang=lang,
        checks=getattr(results, "checks", None),
        reliability=views.reliability_keys(getattr(results, "events", None), results.gaps),
    )
    departments = department_keys(sorted({d for ds in overview["departments"]
                                          for d in str(ds).split(label("fmt.dept_sep", lang))
                                          if d}), results.gaps["departments"], lang)  # fmt: skip
    latest, per_year = data_years(overview, results.observations, lang=lang)
    other = "en" if lang == "zh" else "zh"
    title = report_title(latest, lang)  # "…目标终期评估" once the data reach 2025

    parts = [
        f'<!DOCTYPE html>\n<html lang="{_HTML_LANG[lang]}"><head>'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, '
        f'initial-scale=1">\n<title>{_e(title)}</title>\n<style>{_CSS}{_filter_css(departments)}'
        "</style></head><body>\n",
        f'<a class="lang" href="{PAGE_NAMES[other]}" hreflang="{_HTML_LANG[other]}" '
        f'lang="{_HTML_LANG[other]}">{_e(label("landing.other_lang", lang))}</a>',
        f"<h1>{_e(title)}</h1>\n",
    ]
    if latest is None:
        parts.append(f"<p>{_e(label('landing.no_data_yet', lang))}</p>")
    else:
        parts.append(f"<p><b>{_e(label('landing.data_to', lang, year=latest))}</b>")
        if results.as_of is not None:  # "as known now", unless --known-by says otherwise
            vintage = (
                "landing.vintage_known" if views.known_by_method(results) else "landing.vintage_of"
            )
            parts.append(f" · {_e(label(vintage, lang, year=results.as_of))}")
        parts.append("</p>")
        parts += known_by_lines(results, lang)
        assessed = results.as_of if results.as_of is not None else latest
        if assessed >= config.PLAN_END_YEAR:  # as the brief says it: the plan's period is over
            parts.append(f"<p>{_e(label('landing.final', lang, end=config.PLAN_END_YEAR))}</p>")
        # milestone years over while the data stop before them: what the table says of them
        # is a forecast, and their outcomes are owed (an --as-of run looks back on purpose)
        over = views.milestones_over_note(results, lang)
        if over:
            parts.append(f'<p class="warn">{_e(over)}</p>')
        if len(per_year) > 1:
            # names within a year split by 、 or ", ", the years by "；" or "; " (English used
            # "; " for both, so the years ran into the names)
            sep, between = ("、", "；") if lang == "zh" else (", ", "; ")
            colon = label("fmt.colon", lang)
            items = between.join(f"{y}{colon}{sep.join(names)}"
                                 for y, names in sorted(per_year.items()))  # fmt: skip
            parts.append(f'<p class="muted">{_e(label("landing.data_to_differs", lang))}{colon}'
                         f"{_e(items)}</p>")  # fmt: skip
    # the targets are a draft's: the issued plan may have changed one
    parts.append(f'<p class="muted">{_e(label("plan.basis", lang))}</p>')
    checks = views.checks_for_people(getattr(results, "checks", None), results.indicators,
                                     regions=results.regions, lang=lang,
                                     files=getattr(results, "inputs", ()))  # fmt: skip
    if len(checks):  # before any number built on them is read
        warn = views.checks_warning(getattr(results, "checks", None), "landing", lang)
        parts.append(f'<p class="warn">{_e(warn)} '
                     f'<a href="#checks">{_e(label("landing.checks_link", lang))}</a></p>')  # fmt: skip
    fiscal = views.fiscal_point(getattr(results, "fiscal_exposure", None),
                                getattr(results, "fiscal", None), lang)  # fmt: skip
    from .gaps import flow_years, rate_years

    flows = flow_years(results.indicators, results.targets, results.observations,
                       as_of=results.as_of)  # fmt: skip
    points = views.key_points(overview, lang, fiscal=fiscal, flows=flows)  # what to conclude
    parts += [
        f"<h2>{_e(label('landing.counts', lang))}</h2>",
        _counts_table(overview, lang),
        *(
            [
                f"<h2>{_e(label('points.heading', lang))}</h2>",
                '<ul class="points">' + "".join(f"<li>{_e(t)}</li>" for t in points) + "</ul>",
            ]
            if points
            else []
        ),
        f'<h2 id="targets">{_e(label("landing.targets", lang))}</h2>',
        f'<p class="muted">{_e(label("landing.lead", lang))}</p>',
        f'<p class="depts">{_e(label("landing.by_department", lang))}{label("fmt.colon", lang)}'
        f'<a href="#targets">{_e(label("landing.all", lang))}</a>',
    ]
    parts += [f'<a href="#{_dept_key(d, departments)}">{_e(d)}</a>' for d in departments]
    parts.append("</p>")
    # following a department's link shows its targets only (CSS, no script) and says so, in
    # words a screen reader reaches too (an empty anchor announced nothing)
    parts += [
        f'<p class="showing" id="{_dept_key(d, departments)}" tabindex="-1">'
        f"{_e(label('landing.showing', lang, department=d))} "
        f'<a href="#targets">{_e(label("landing.show_all", lang))}</a></p>'
        for d in departments
    ]
    # on a tablet the status and probability columns can be off-screen: say the table scrolls
    # (narrower, a row is a card and needs no hint)
    parts.append(f'<p class="hint">{_e(label("landing.scroll_hint", lang))}</p>')
    rates = rate_years(results.indicators, results.targets, results.observations,
                       as_of=results.as_of)  # fmt: skip
    parts.append(_targets_table(overview, lang, departments, set(figures), flows, rates))
    # how to read a forecast's probability: said where one is shown (at the final
    # evaluation every probability is an outcome, and the note applied to no row)
    forecast = views.forecast_probabilities(overview)
    if forecast.any():
        legend = likelihood_legend(lang)
        # status against probability: only where a pace grade stands beside a forecast (at
        # the final evaluation it spoke of "on track" rows there were none of: the planner)
        paced = overview.loc[forecast, "status"].isin(PACE_STATUSES)
        legend += label("likelihood.legend_pace", lang) if paced.any() else ""
        parts.append(f'<p class="muted">{_e(legend)}</p>')
    if overview["caveat"].astype(bool).any():
        # which reason holds for which target, with its numbers (the note alone listed three
        # and left the reader to guess: the planner's review)
        items = views.caveat_items(overview, lang)
        which = "".join(f"<br>{_e(i)}" for i in items)
        parts.append(
            f'<p class="muted" id="caveat-note">{_e(label("landing.caveat_note", lang))}{which}</p>'
        )
    if overview["departments_inferred"].astype(bool).any():  # the tag, said once in words
        parts.append(f'<p class="muted">{_e(label("landing.inferred_note", lang))}</p>')
    # the abbreviations the key points and the table use ("IP" in two names), spelt out
    said = [*points, *views.format_overview(overview, lang=lang).to_numpy().ravel()]
    if abbreviations := views.abbreviations_note(said, lang):
        parts.append(f'<p class="muted" id="abbreviations">{_e(abbreviations)}</p>')
    reference = views.reference_note(getattr(results, "anchors", None), results.indicators,
                                     lang=lang)  # fmt: skip
    if reference and views.forecast_probabilities(overview).any():  # of forecasts shown
        parts.append(f'<p class="muted">{_e(reference)}</p>')
    reading = views.reliability_note(results, lang)
    if reading and views.forecast_probabilities(overview).any():
        parts.append(f'<p class="muted" id="reliability-note">{_e(reading)}</p>')
    from .brief import revisions_sentence

    revised = revisions_sentence(results, lang=lang)
    if revised:  # the table shows the newer figures; say what they replaced
        parts.append(f'<p id="revisions">{_e(revised)}</p>')
    parts.append(f'<p class="muted">{_e(label("landing.full_tables", lang))}</p>')

    if len(checks):  # before the data still owed: a figure held may be wrong
        parts += [
            f'<h2 id="checks">{_e(label("landing.checks", lang))}</h2>',
            f'<p class="muted">{_e_code(label("landing.checks_lead", lang))}</p>',
            _plain_table(checks, "checks"),
        ]
    finals = coverage.provisional_of(results)  # the finals owed, on the table and beside it
    owed = coverage.owed_of(results, finals)
    milestones, bases = coverage.deciding_cells(results.targets, results.indicators,
                                                results.gaps)  # fmt: skip
    lead = label("landing.missing_lead", lang)
    cells = set(zip(owed["indicator_id"], owed["year"].astype(int), strict=True))
    if cells & bases:  # a growth-rate target's base year is owed: said with the milestones
        lead += label("landing.missing_deciding", lang, year=config.PLAN_BASE_YEAR)
    elif cells & milestones:
        lead += label("landing.missing_milestones", lang)
    milestones = milestones | bases  # both set in bold
    parts += [
        f"<h2>{_e(label('landing.missing', lang))}</h2>",
        f'<p class="muted">{_e_code(lead)}</p>',
        _missing_table(
            coverage.by_department(owed, department_rank(results.gaps["departments"])),
            lang,
            finals,
            departments,
            getattr(results, "department_notes", None),
            milestones,
        ),  # fmt: skip
    ]
    cov = f"figures/coverage_{lang}.png"
    if cov in figures:
        parts += [
            # on the figures' page in print: a heading left alone at the foot of a page
            f'<h2 class="fig">{_e(label("landing.coverage", lang))}</h2>',  # SVG and PDF too
            _figure(cov, "coverage", label("title.coverage", lang), lang=lang, wide=True),
        ]

    said = {**(titles or {}), **{p: t for p in [*documents, *tables]
                                 if (t := download_title(p, lang))}}  # fmt: skip
    empty = set(empty)
    nothing = label("download.empty", lang)

    def links(paths: Iterable[str]) -> str:
        items = "".join(f'<li><a href="{_e(p)}">{_e(_link_text(p, said, lang))}</a>'
                        f'{_e(nothing) if p in empty else ""}</li>' for p in paths)  # fmt: skip
        return f"<ul>{items or '<li>—</li>'}</ul>"

    said_of = views.definitions(results.indicators, results.targets, lang)
    if said_of:  # what each specialist indicator counts, and the measure defining it
        items = "".join(f"<dt>{_e(n)}</dt><dd>{_e(d)}</dd>" for n, d in said_of)
        parts += [f'<h2 id="definitions">{_e(label("landing.definitions", lang))}</h2>',
                  f'<p class="muted">{_e(label("landing.definitions_lead", lang))}</p>',
                  f'<dl class="definitions">{items}</dl>']  # fmt: skip
    parts += [
        # links are of no use on paper: printed, they took a landscape page of their own
        # between two portrait ones (the print review)
        '<div class="online">',
        f'<h2 id="downloads">{_e(label("landing.downloads", lang))}</h2>',
        links(sorted(documents, key=lambda p: _document_order(p, lang))),
        # the processed tables: English column names and codes, for whoever analyses them
        f'<p class="muted">{_e(label("landing.tables_for_analysts", lang))}</p>',
        links(sorted(tables)),
        f"<h2>{_e(label('index.notebooks', lang))}</h2>",
        links(sorted(notebook_pages)),
        "</div>",
        f'<h2 class="fig">{_e(label("index.figures", lang))}</h2>',
        _gallery(figures, lang, results.indicators, results.gaps),
        "\n</body></html>\n",
    ]
    return "".join(parts)


def write_landing(results, reports: Path, *, processed: Path | None = None) -> list[Path]:
    """Write ``index.html`` and ``index_en.html`` into ``reports``, linking what is there.

    Every file is discovered in the folders (figures, notebook pages, the workbook, any Word
    document a stage wrote, the processed tables), so a new document needs no change here.

    Parameters
    ----------
    results : compute.Results
    reports : Path
        The (staged) reports folder.
    processed : Path, optional
        The (staged) ``data/processed`` folder; its CSV files are linked as
        ``../data/processed/<name>`` (where they are once published).

    Returns
    -------
    list of Path
    """
    from .export import atomic_write_text

    reports = Path(reports)

    def rel(paths: Iterable[Path]) -> list[str]:
        return sorted(p.relative_to(reports).as_posix() for p in paths if p.is_file())

    fig_dir = reports / config.FIGURES_NAME
    figures = rel(fig_dir.glob("*")) if fig_dir.is_dir() else []
    nb = reports / config.NOTEBOOK_PAGES_NAME
    pages = rel(nb.glob("*.html")) if nb.is_dir() else []
    documents = rel(p for ext in ("xlsx", "docx") for p in reports.glob(f"*.{ext}"))
    tables, empty = [], set()
    if processed is not None and Path(processed).is_dir():
        tables = [f"{config.PROCESSED_LINK}/{p.name}"
                  for p in sorted(Path(processed).glob("*.csv"))]  # fmt: skip
        # a table of headers only (no backtest yet, nothing to verify) says so
        empty = {f"{config.PROCESSED_LINK}/{p.name}" for p in sorted(Path(processed).glob("*.csv"))
                 if len(p.read_bytes().strip().splitlines()) <= 1}  # fmt: skip
    titles = {p: _page_title(reports / p) for p in pages}
    titles |= {p: _page_title(reports / p) for lg in PAGE_NAMES
               for p in (rel((nb / lg).glob("*.html")) if (nb / lg).is_dir() else [])}  # fmt: skip
    written = []
    for lang, name in PAGE_NAMES.items():
        # a page links the notebooks in its own language where the run wrote them
        own = rel((nb / lang).glob("*.html")) if (nb / lang).is_dir() else []
        page = landing_html(results, lang=lang, figures=figures, notebook_pages=own or pages,
                            documents=documents, tables=tables, titles=titles,
                            empty=empty)  # fmt: skip
        written.append(atomic_write_text(reports / name, page, encoding="utf-8"))
    return written


def _page_title(path: Path) -> str:
    """The ``<title>`` of an HTML page ("" when it has none or cannot be read)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return ""
    m = re.search(r"<title>(.*?)</title>", head, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def _document(name: str) -> tuple[str, str, str] | None:
    """``(kind, language, data year)`` of a workbook ("workbook", "zh", "") or brief
    ("brief", "en", "2022"; "brief_final" for a final evaluation's) the run writes, from
    its name; None for another file."""
    from .brief import BRIEF_NAMES, FINAL_BRIEF_NAMES

    for lg in ("zh", "en"):
        if name == config.WORKBOOK_NAMES[lg]:
            return "workbook", lg, ""
        for kind, names in (("brief", BRIEF_NAMES), ("brief_final", FINAL_BRIEF_NAMES)):
            stem, _, ext = names[lg].partition("{as_of}")
            year = name[len(stem) : -len(ext)]
            if name.startswith(stem) and name.endswith(ext) and year.isdigit():
                return kind, lg, year
    return None


def _document_order(path: str, lang: str) -> tuple:
    """Workbooks before briefs, the page's own language first (sorted by name, the English
    brief "monitoring-brief" came before 监测简报 on the Chinese page)."""
    name = Path(path).name
    doc = _document(name)
    return (not name.endswith(".xlsx"), doc is None or doc[1] != lang, name)


def download_title(path: str, lang: str) -> str:
    """What a download is, in words ("Excel 工作簿（中文）", "待核实的数字"): the list read
    "accuracy.csv, backtests.csv, ..." to a planner. "" for a file it does not know."""
    name = Path(path).name
    doc = _document(name)
    if doc is not None:
        kind, lg, year = doc
        return label(f"download.{kind}", lang, language=label(f"download.lang_{lg}", lang),
                     year=year)  # fmt: skip
    from .pipeline import PROCESSED_TABLES

    stem = Path(name).stem  # a table the run writes; "brief.csv" is none of them
    return (
        label(f"download.{stem}", lang)
        if name.endswith(".csv") and stem in PROCESSED_TABLES
        else ""
    )


def _link_text(path: str, titles: Mapping[str, str], lang: str) -> str:
    """A link's words: the page's title and its file name, or the file name alone."""
    name = Path(path).name
    title = titles.get(path, "")
    if not title:
        return name
    return f"{title}（{name}）" if lang == "zh" else f"{title} ({name})"


__all__ = ["PAGE_NAMES", "data_years", "landing_html", "status_counts", "write_landing"]
