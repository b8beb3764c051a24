"""The region report: what it says (``build_report``), independent of PDF or Word.

For the province, a city or a county and a year: per unit type the coverage against the goal, the trend,
the map and ranking of the child regions (a county is shown among the counties of its city), the child
table, the units closest to the standard and those furthest behind, and prose written from the numbers.
``pdf.render_pdf`` and ``docx.render_docx`` turn the content into files.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from chuangye.engine.indicators import needed_to_reach
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import first_round_year
from chuangye.exports.browser import ExportBrowser, export_browser
from chuangye.exports.chrome import chart_subtitle, data_stamp, decorate, source_line
from chuangye.exports.figures import compact_png, render_decorated
from chuangye.exports.maps import static_choropleth
from chuangye.exports.report.model import ReportContent, ReportError, ReportFigure, ReportSection, ReportTable
from chuangye.exports.report.narrative import (
    children_sentence,
    closest_unit_sentence,
    coverage_sentences,
    join_sentences,
    pct,
    rank_sentence,
)
from chuangye.exports.tables import ColumnSpec
from chuangye.figures.maps import subset_geojson
from chuangye.figures.overview import ranking_figure, trend_figure
from chuangye.figures.style import STATUS_MARKS
from chuangye.strings.i18n import STRINGS, data_source, status_label, t
from chuangye.strings.numbers import indicator_text, percent_text

REPORT_LEVELS = ("province", "city", "county")
UNIT_LIST_LENGTH = 8


def header_pair(key: str) -> tuple[str, str]:
    """(zh, en) of a UI string, for a ColumnSpec."""
    entry = STRINGS[key]
    return entry["zh"], entry["en"]


def coverage_specs(basis: str) -> list[ColumnSpec]:
    """Columns of a coverage table (regions × one unit type)."""
    return [
        ColumnSpec("region_name", *header_pair("exp_col_name")),
        ColumnSpec("region_code", *header_pair("exp_col_code")),
        ColumnSpec("units_in_scope", *header_pair("exp_col_units"), fmt="int"),
        ColumnSpec("reached", *header_pair(f"exp_col_reached_{basis}"), fmt="int"),
        ColumnSpec("coverage", *header_pair("exp_col_coverage"), fmt="percent"),
        ColumnSpec("gap_points", *header_pair("exp_col_gap_points"), fmt="points"),
        ColumnSpec("gap_units", *header_pair("exp_col_gap_units"), fmt="int"),
        ColumnSpec("units_needed_per_year", *header_pair("exp_col_per_year"), fmt="int"),
        ColumnSpec("status_label", *header_pair("exp_col_status")),
    ]


def headline_specs(basis: str) -> list[ColumnSpec]:
    return [
        ColumnSpec("type_label", *header_pair("exp_col_type")),
        ColumnSpec("units_in_scope", *header_pair("exp_col_units"), fmt="int"),
        ColumnSpec("reached", *header_pair(f"exp_col_reached_{basis}"), fmt="int"),
        ColumnSpec("coverage", *header_pair("exp_col_coverage"), fmt="percent"),
        ColumnSpec("goal", *header_pair("exp_col_goal"), fmt="percent"),
        ColumnSpec("gap_points", *header_pair("exp_col_gap_points"), fmt="points"),
        ColumnSpec("gap_units", *header_pair("exp_col_gap_units"), fmt="int"),
        ColumnSpec("units_needed_per_year", *header_pair("exp_col_per_year"), fmt="int"),
        ColumnSpec("status_label", *header_pair("exp_col_status")),
    ]


def unit_specs() -> list[ColumnSpec]:
    return [
        ColumnSpec("name", *header_pair("exp_col_name")),
        ColumnSpec("unit_code", *header_pair("exp_col_code")),
        ColumnSpec("county_name", *header_pair("exp_col_county")),
        ColumnSpec("n_failing", *header_pair("exp_col_n_failing"), fmt="int"),
        ColumnSpec("worst", *header_pair("exp_col_worst"), wrap=True),
        ColumnSpec("needed", *header_pair("exp_col_needed"), wrap=True),
    ]


def localise_coverage(an: Analytics, frame: pd.DataFrame, basis: str, lang: str) -> pd.DataFrame:
    reached = frame["certified_cumulative"] if basis == "certified" else frame["meets_standard"]
    return frame.assign(
        region_name=[an.region_name(c, lang) for c in frame["region_code"]],
        reached=reached,
        status_label=[f"{STATUS_MARKS[s]} {status_label(s, lang)}" for s in frame["status"]],
        type_label=[t(f"type_{u}", lang) for u in frame["unit_type"]],
    )


# ------------------------------------------------------------------------------------------ units


def _units_in(an: Analytics, region: str, level: str, year: int, unit_type: str) -> pd.DataFrame:
    units = an.dataset.units
    mask = (units["unit_type"] == unit_type) & units["in_scope"].fillna(False).astype(bool)
    start = pd.to_numeric(units["active_from"], errors="coerce")
    end = pd.to_numeric(units["active_to"], errors="coerce")
    mask &= (start.isna() | (start <= year)) & (end.isna() | (end >= year))
    if level == "city":
        mask &= units["city_code"] == region
    elif level == "county":
        mask &= units["county_code"] == region
    return units[mask.fillna(False).to_numpy(dtype=bool)]


def units_below_standard(an: Analytics, region: str, level: str, year: int, unit_type: str, lang: str) -> pd.DataFrame:
    """Units of the region failing the standard that year, with what they lack, closest first.

    Order: fewer failing core indicators first, then the smaller summed relative shortfall
    ((threshold − value) ÷ threshold over the failing indicators). ``needed`` counts what each failing
    indicator lacks at that year's denominator (as in the unit scorecard).
    """
    units = _units_in(an, region, level, year, unit_type)
    ui = an.unit_indicators
    rows = ui[(ui["year"] == year) & ui["unit_code"].isin(units["unit_code"])]
    rows = rows[rows["meets_standard"].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)]
    rows = rows.reset_index(drop=True)
    cfg = an.cfg
    n = len(rows)
    n_failing = np.zeros(n, dtype="int64")
    relative = np.zeros(n)
    worst_gap = np.full(n, -1.0)
    worst_text = np.full(n, "", dtype=object)
    failing: list[list[str]] = [[] for _ in range(n)]
    needed: list[list[str]] = [[] for _ in range(n)]
    for code in cfg.core_indicators:
        threshold = cfg.threshold(unit_type, code)
        if threshold is None:
            continue
        ind = cfg.indicators[code]
        fails = rows[f"{code}_pass"].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)
        value = pd.to_numeric(rows[code], errors="coerce").to_numpy(dtype="float64")
        gap = np.where(np.isnan(value), 1.0, (threshold - value) / threshold)
        count = np.maximum(1, needed_to_reach(threshold, rows[ind.denominator], rows[ind.numerator])).astype(int)
        label = ind.name_zh if lang == "zh" else ind.name_en
        template = ind.shortfall_zh if lang == "zh" else ind.shortfall_en
        n_failing += fails
        relative += np.where(fails, gap, 0.0)
        for i in np.flatnonzero(fails):
            failing[i].append(label)
            needed[i].append(template.format(n=count[i]))
            if gap[i] > worst_gap[i]:
                shown = indicator_text(value[i], ind.format, ind.shown_digits)
                limit = indicator_text(threshold, ind.format, ind.shown_digits)
                worst_gap[i], worst_text[i] = gap[i], f"{label} {shown} / {limit}"
    names = units.drop_duplicates("unit_code").set_index("unit_code").reindex(rows["unit_code"])
    county = names["county_code"].astype(str)
    unit_names = names["name"]
    if lang == "en" and "name_en" in names:
        unit_names = names["name_en"].where(names["name_en"].fillna("").astype(str) != "", names["name"])
    sep, list_sep = ("；", "、") if lang == "zh" else ("; ", ", ")
    frame = pd.DataFrame(
        {
            "unit_code": rows["unit_code"].astype(str),
            "name": unit_names.astype(str).to_numpy(),
            "county_code": county.to_numpy(),
            "county_name": [an.region_name(c, lang) for c in county],
            "n_failing": n_failing,
            "relative_gap": relative,
            "failing": [list_sep.join(f) for f in failing],
            "worst": worst_text,
            "needed": [sep.join(x) for x in needed],
        }
    )
    return frame.sort_values(["n_failing", "relative_gap", "unit_code"]).reset_index(drop=True)


# ------------------------------------------------------------------------------------------ build


@dataclass
class _Chart:
    key: str
    title: str
    figure: go.Figure
    height: int | None = None
    basis: str | None = None  # the basis the chart shows, when not the report's


def build_report(
    an: Analytics,
    region: str,
    year: int,
    lang: str = "zh",
    basis: str = "certified",
    *,
    browser: ExportBrowser | None = None,
    charts: bool = True,
) -> ReportContent:
    """Everything the report shows for ``region`` (province, city or county code) and ``year``.

    ``charts=False`` skips the chart images (no browser needed), e.g. for a quick check of the text.
    """
    if an.regions.level_of(region) not in REPORT_LEVELS:
        raise ReportError(
            t("cli_unknown_region", "zh", code=region) + " / " + t("cli_unknown_region", "en", code=region)
        )
    if year not in an.years:
        raise ReportError(f"数据中没有 {year} 年（可选 {an.years}） / no data for {year} (years: {an.years})")
    if basis not in ("certified", "meets"):
        raise ReportError(f"未知口径 {basis!r} / unknown basis {basis!r}")
    cfg = an.cfg
    level = an.regions.level_of(region)
    name = an.region_name(region, lang)
    stamp = data_stamp(an, lang)
    today = date.today()
    history = localise_coverage(an, an.coverage(basis=basis, region=region), basis, lang)
    current = history[history["year"] == year].set_index("unit_type")

    child_level = map_level = "city" if level == "province" else "county"
    parent = region if level in ("province", "city") else an.regions.parent_of(region)
    children = _children(an, region, parent, child_level, year, basis, lang)
    parent_name = an.region_name(parent, lang)

    baseline = _baseline_sentences(an, region, year, basis, lang)
    # before the first certification round every child is at 0 % certified: the map and the ranking show the
    # baseline meeting the standard by indicators instead, under titles that say so (as the overview does)
    chart_basis = "meets" if baseline else basis
    chart_children = children if not baseline else _children(an, region, parent, child_level, year, "meets", lang)
    headline_rows = current.reset_index()
    headline_rows = headline_rows.set_index("unit_type").reindex(cfg.unit_types).reset_index()
    headline = ReportTable("headline", t("exp_h_headline", lang), headline_rows, headline_specs(basis))
    summary = []
    for unit_type in cfg.unit_types:
        if unit_type in current.index:
            row = current.loc[unit_type]
            row = pd.concat([row, pd.Series({"unit_type": unit_type})])
            said = coverage_sentences(
                row, name, basis=basis, base_year=cfg.base_year, target_year=cfg.target_year, lang=lang
            )
            parts = [said.get("level"), baseline.get(unit_type), said.get("needed"), said.get("status")]
            summary.append(join_sentences(parts, lang))

    sections: list[ReportSection] = []
    charts_wanted: list[tuple[ReportSection, _Chart]] = []
    peers_rank = _peer_rank(an, region, level, year, basis)
    for n, unit_type in enumerate(cfg.unit_types, start=2):
        type_label = t(f"type_{unit_type}", lang)
        names = {
            "type": type_label,
            "type_lower": t(f"exp_type_lower_{unit_type}", lang),
            "year": year,
            "parent": parent_name,
            "level": t(f"exp_level_{child_level}", lang),
            "level_lower": t(f"exp_level_{child_level}", lang).lower(),
        }
        section = ReportSection(unit_type, t("exp_h_type", lang, n=_section_number(n, lang), type=type_label), [])
        kids = children[children["unit_type"] == unit_type].sort_values(
            ["coverage", "region_code"], ascending=[False, True]
        )
        if unit_type in current.index:
            row = pd.concat([current.loc[unit_type], pd.Series({"unit_type": unit_type})])
            said = coverage_sentences(
                row, name, basis=basis, base_year=cfg.base_year, target_year=cfg.target_year, lang=lang
            )
            paragraph = [said.get("level"), baseline.get(unit_type), said.get("pace")]
        else:
            paragraph = [t("exp_nar_no_data", lang, region=name, **names)]
        if level in ("city", "county") and unit_type in peers_rank:
            rank, total, peer_parent = peers_rank[unit_type]
            peer_level = "city" if level == "city" else "county"
            paragraph.append(rank_sentence(rank, total, an.region_name(peer_parent, lang), peer_level, lang))
        # before any certification round every child is at 0 %: "highest" and "lowest" would mean nothing
        if level != "county" and not baseline and (sentence := children_sentence(kids, child_level, lang)):
            paragraph.append(sentence)
        below = units_below_standard(an, region, level, year, unit_type, lang)
        if sentence := closest_unit_sentence(below, lang):
            paragraph.append(sentence)
        section.paragraphs = [join_sentences(paragraph, lang)]

        section.tables.append(
            ReportTable(
                "children", t("exp_tab_children", lang, **names), kids.reset_index(drop=True), coverage_specs(basis)
            )
        )
        furthest = below.sort_values(["n_failing", "relative_gap", "unit_code"], ascending=[False, False, True])
        none = t("exp_tab_none", lang)
        section.tables.append(
            ReportTable(
                "closest", t("exp_tab_closest", lang, **names), below.head(UNIT_LIST_LENGTH), unit_specs(), none
            )
        )
        section.tables.append(
            ReportTable(
                "furthest",
                t("exp_tab_furthest", lang, **names),
                furthest.head(UNIT_LIST_LENGTH).reset_index(drop=True),
                unit_specs(),
                none,
            )
        )
        sections.append(section)

        if charts:
            trend = trend_figure(history, unit_type, year, cfg.target_year, lang)
            charts_wanted.append(
                (
                    section,
                    _Chart(
                        "trend",
                        t("exp_fig_trend", lang, region=name, base=cfg.base_year, target=cfg.target_year, **names),
                        trend,
                    ),
                )
            )
            shown = chart_children[chart_children["unit_type"] == unit_type]
            if not shown.empty:
                goal = float(cfg.goals[unit_type])
                suffix = "_base" if baseline else ""
                geo = subset_geojson(map_level, tuple(shown["region_code"]))
                if geo["features"]:
                    fig = static_choropleth(geo, shown, goal, lang, highlight=region if level == "county" else None)
                    title = t(f"exp_fig_map{suffix}", lang, **names)
                    # no height: the map is as tall as it needs to fill the page's width (exports.chrome.map_height)
                    charts_wanted.append((section, _Chart("map", title, fig, basis=chart_basis)))
                ranking = ranking_figure(shown, unit_type, lang)
                title = t(f"exp_fig_ranking{suffix}", lang, **names)
                height = max(380, 130 + 26 * len(shown))
                charts_wanted.append((section, _Chart("ranking", title, ranking, height, basis=chart_basis)))

    if charts_wanted:
        browser = browser or export_browser()
        source = source_line(lang, today, synthetic=an.dataset.synthetic)

        def render(item: tuple[ReportSection, _Chart]) -> ReportFigure:
            section, chart = item
            subtitle = chart_subtitle(an, region, year, lang, unit_type=section.unit_type, basis=chart.basis or basis)
            figure, p = decorate(
                chart.figure, title=chart.title, subtitle=subtitle, source=source, preset_name="a4", height=chart.height
            )
            png = compact_png(render_decorated(figure, p, "png", browser=browser))
            return ReportFigure(chart.key, chart.title, png, p.width, p.height)

        with ThreadPoolExecutor(max_workers=2) as pool:  # the export browser has two tabs
            for (section, _), figure in zip(charts_wanted, pool.map(render, charts_wanted), strict=True):
                section.figures.append(figure)

    goals = {u: pct(g, 0) for u, g in cfg.goals.items()}
    notes = [
        t(f"exp_note_basis_{basis}", lang),
        t(
            "exp_note_goals",
            lang,
            target=cfg.target_year,
            **{u: goals.get(u, "—") for u in ("street_town", "community_village", "park")},
        ),
        t("exp_note_status", lang, base=cfg.base_year),
        preset_note(cfg, lang),
        t(
            "exp_status_legend",
            lang,
            items=("；" if lang == "zh" else "; ").join(
                f"{STATUS_MARKS[s]} {t(f'status_{s}', lang)}" for s in STATUS_MARKS
            ),
        ),
        t("exp_note_units", lang),
        data_source(lang, an.dataset.synthetic),
    ]
    return ReportContent(
        region=region,
        region_name=name,
        level=level,
        year=year,
        lang=lang,
        basis=basis,
        version_id=an.version_id,
        data_stamp=stamp,
        generated=today,
        title=t("exp_report_title", lang, region=name, year=year),
        subtitle=t("exp_report_subtitle", lang, basis=t(f"basis_{basis}", lang), stamp=stamp, date=today.isoformat()),
        header_text=t("exp_report_header", lang, region=name, year=year, stamp=stamp),
        summary=summary,
        headline=headline,
        sections=sections,
        notes=notes,
    )


def preset_note(cfg, lang: str) -> str:
    """The active status preset: its name, cut-offs (as shares of the required pace) and citation."""
    st = cfg.status
    return t(
        "rep_note_preset",
        lang,
        name=st.name_zh if lang == "zh" else st.name_en,
        on_track=percent_text(st.on_track, 0),
        acceleration_needed=percent_text(st.acceleration_needed, 0),
        limited_progress=percent_text(st.limited_progress, 0),
        target=cfg.target_year,
        citation=st.citation or "—",
    )


def _children(
    an: Analytics, region: str, parent: str, child_level: str, year: int, basis: str, lang: str
) -> pd.DataFrame:
    """The coverage of ``parent``'s children (cities of the province, counties of a city) with their names; a
    county's own row is marked, as it stands among its city's counties."""
    frame = an.coverage(basis=basis, level=child_level, parent=parent, year=year)
    children = localise_coverage(an, frame, basis, lang)
    if an.regions.level_of(region) == "county":
        children["region_name"] = [
            t("exp_this_region", lang, name=n) if c == region else n
            for c, n in zip(children["region_code"], children["region_name"], strict=True)
        ]
    return children


def _baseline_sentences(an: Analytics, region: str, year: int, basis: str, lang: str) -> dict[str, str]:
    """Per unit type, on the certified basis in a year before any certification round: the baseline of units
    meeting the standard by indicators (certified coverage is 0 only because nothing could be certified yet)."""
    first = first_round_year(an.dataset.certifications)
    if basis != "certified" or (first is not None and year >= first):
        return {}
    meets = an.coverage(basis="meets", region=region, year=year).dropna(subset=["coverage"])
    return {
        str(r["unit_type"]): t(
            "rep_nar_no_round",
            lang,
            year=year,
            coverage=percent_text(r["coverage"]),
            reached=int(r["meets_standard"]),
            total=int(r["units_in_scope"]),
        )
        for r in meets.to_dict("records")
    }


def _section_number(n: int, lang: str) -> str:
    return "一二三四五六七八九十"[n - 1] if lang == "zh" and n <= 10 else str(n)


def _peer_rank(an: Analytics, region: str, level: str, year: int, basis: str) -> dict[str, tuple[int, int, str]]:
    """Per unit type: (rank by coverage, number of peers, parent) of a city among cities or a county in its city."""
    if level not in ("city", "county"):
        return {}
    parent = an.regions.parent_of(region)
    peers = an.coverage(basis=basis, level=level, year=year, parent=parent if level == "county" else None)
    out = {}
    for unit_type, rows in peers.groupby("unit_type"):
        rows = rows.dropna(subset=["coverage"])
        if region not in set(rows["region_code"]):
            continue
        mine = float(rows.loc[rows["region_code"] == region, "coverage"].iloc[0])
        rank = int((rows["coverage"].to_numpy(dtype=np.float64) > mine + 1e-12).sum()) + 1
        out[str(unit_type)] = (rank, len(rows), str(parent))
    return out


__all__ = [
    "build_report",
    "coverage_specs",
    "header_pair",
    "headline_specs",
    "localise_coverage",
    "unit_specs",
    "units_below_standard",
]
