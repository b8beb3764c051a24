"""口径与方法 Method: what each indicator, threshold, basis, coverage, gap, pace and status means.

Every number on the page is read from the configuration in use (``an.cfg``) or from the data (the worked
example, the data version): nothing is written here but words, which live in strings/method.py.
"""

from __future__ import annotations

from pathlib import Path

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.config.loader import Config, StatusCutoffs
from chuangye.data.schema import INDICATOR_INPUTS
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import first_round_year
from chuangye.strings.i18n import data_source, status_label, t
from chuangye.strings.numbers import percent_text, rounded
from chuangye.web import busy
from chuangye.web.components import status_badge
from chuangye.web.pages.method import ids
from chuangye.web.viewstate import ViewState

# The order the engine decides a status in (engine/progress.py), which is the order the page explains them.
DECISION_ORDER: tuple[str, ...] = (
    "no_data",
    "achieved",
    "missed",
    "baseline",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
)
SECTION_TITLES = {
    "years": "m_h_years",
    "indicators": "m_h_indicators",
    "standard": "m_h_standard",
    "basis": "m_h_basis",
    "coverage": "m_h_coverage",
    "gap": "m_h_gap",
    "pace": "m_h_pace",
    "status": "m_h_status",
    "sources": "m_h_sources",
}


def _section(name: str, lang: str, *body) -> html.Section:
    return html.Section(
        [html.H2(t(SECTION_TITLES[name], lang), className="h5 mt-2"), *body],
        id=ids.section(name),
        className="mth-section mb-4",
        tabIndex="-1",
    )


def _table(header: list, rows: list[list], *, className: str = "") -> dbc.Table:
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])), html.Tbody([html.Tr(r) for r in rows])],
        bordered=False,
        hover=True,
        responsive=True,
        size="sm",
        className=f"mth-table {className}",
    )


def _name(obj, lang: str) -> str:
    return obj.name_zh if lang == "zh" else obj.name_en


def cutoff_values(status: StatusCutoffs) -> dict[str, str]:
    """The preset's cut-offs as shares of the required pace (``0.6`` → ``60%``)."""
    return {
        "on_track": percent_text(status.on_track, 0),
        "acceleration_needed": percent_text(status.acceleration_needed, 0),
        "limited_progress": percent_text(status.limited_progress, 0),
    }


# ---------------------------------------------------------------------------------------------- sections


def years_section(cfg: Config, lang: str) -> html.Section:
    rows = [
        [html.Td(t(f"type_{unit_type}", lang)), html.Td(percent_text(goal, 0), className="text-end")]
        for unit_type, goal in cfg.goals.items()
    ]
    goal = html.Span(t("m_col_goal", lang, target=cfg.target_year), className="d-block text-end")
    header = [t("m_col_type", lang), goal]
    return _section(
        "years",
        lang,
        html.P(t("m_years_text", lang, base=cfg.base_year, target=cfg.target_year)),
        _table(header, rows, className="mth-goals w-auto"),
        html.P(t("m_goals_source", lang, source=cfg.goals_source), className="small text-muted")
        if cfg.goals_source
        else None,
    )


def _threshold_text(cfg: Config, unit_type: str, code: str, lang: str) -> str:
    value = cfg.threshold(unit_type, code)
    if value is None:
        return t("m_no_threshold", lang)
    if cfg.indicators[code].is_share:
        return percent_text(value)
    return t("m_ratio_value", lang, value=rounded(value, 2))


def _column_label(name: str, lang: str) -> str:
    column = INDICATOR_INPUTS.column(name)
    return column.description_zh if lang == "zh" else column.description_en


def indicators_section(cfg: Config, lang: str) -> html.Section:
    header = [
        t("m_col_indicator", lang),
        t("m_col_formula", lang),
        t("m_col_core", lang),
        *(t("m_col_threshold", lang, type=t(f"type_{unit_type}", lang)) for unit_type in cfg.unit_types),
    ]
    rows = []
    for code, ind in cfg.indicators.items():
        formula = f"{_column_label(ind.numerator, lang)} ÷ {_column_label(ind.denominator, lang)}"
        rows.append(
            [
                html.Td([html.Div(_name(ind, lang), className="fw-semibold"), html.Code(code, className="small")]),
                html.Td(formula),
                html.Td(t("m_core_yes" if ind.core else "m_core_no", lang)),
                *(html.Td(_threshold_text(cfg, ut, code, lang), className="text-end") for ut in cfg.unit_types),
            ]
        )
    used = {c for ind in cfg.indicators.values() for c in (ind.numerator, ind.denominator)}
    inputs = [
        [
            html.Td(html.Code(column.name)),
            html.Td(f"{column.zh} / {column.name}"),
            html.Td(column.description_zh if lang == "zh" else column.description_en),
        ]
        for column in INDICATOR_INPUTS.columns
        if column.name in used
    ]
    table_name = INDICATOR_INPUTS.zh if lang == "zh" else INDICATOR_INPUTS.name
    return _section(
        "indicators",
        lang,
        html.P(t("m_indicators_text", lang)),
        _table(header, rows, className="mth-indicators"),
        html.H3(t("m_h_inputs", lang), className="h6 mt-3"),
        html.P(t("m_inputs_text", lang, table=table_name), className="small"),
        _table([t("m_col_input", lang), t("m_col_header", lang), t("m_col_meaning", lang)], inputs),
    )


def standard_section(cfg: Config, lang: str) -> html.Section:
    n_core = len(cfg.core_indicators)
    if cfg.standard.rule == "at_least":
        rule = t("m_rule_at_least", lang, n=n_core, k=cfg.standard.min_passed)
    else:
        rule = t("m_rule_all_core", lang, n=n_core)
    core = [html.Li(_name(cfg.indicators[code], lang)) for code in cfg.core_indicators]
    return _section("standard", lang, html.P(rule), html.Ul(core), html.P(t("m_rule_no_data", lang)))


def basis_section(lang: str) -> html.Section:
    return _section(
        "basis",
        lang,
        html.Dl(
            [
                html.Dt(t("basis_certified", lang)),
                html.Dd(t("m_basis_certified", lang)),
                html.Dt(t("basis_meets", lang)),
                html.Dd(t("m_basis_meets", lang)),
            ]
        ),
    )


def coverage_section(lang: str) -> html.Section:
    return _section("coverage", lang, html.P(t("m_coverage_text", lang)))


def example_text(state: ViewState, an: Analytics) -> str:
    """The gap worked out on the view's own numbers: the province, the view's year, unit type and basis."""
    lang, root = state.lang, an.regions.root
    rows = an.coverage(basis=state.basis, region=root, year=state.year, unit_type=state.unit_type)
    names = {
        "year": state.year,
        "region": an.region_name(root, lang),
        "type": t(f"type_{state.unit_type}", lang),
        "basis": t(f"basis_{state.basis}", lang),
    }
    if rows.empty or rows["coverage"].isna().all():
        return t("m_example_none", lang, **names)
    row = rows.iloc[0]
    reached = row["certified_cumulative"] if state.basis == "certified" else row["meets_standard"]
    return t(
        "m_example",
        lang,
        total=f"{int(row['units_in_scope']):,}",
        reached=f"{int(reached):,}",
        coverage=percent_text(row["coverage"]),
        goal=percent_text(row["goal"], 0),
        points=f"{rounded(row['gap_points'], 1):.1f}",
        units=f"{int(row['gap_units']):,}",
        **names,
    )


def gap_section(state: ViewState, an: Analytics) -> html.Section:
    lang = state.lang
    return _section(
        "gap",
        lang,
        html.Ul([html.Li(t("m_gap_points", lang)), html.Li(t("m_gap_units", lang))]),
        html.P(
            example_text(state, an),
            id=ids.EXAMPLE,
            className=f"mth-example {busy.BUSY_TEXT}",  # dims while the view's year/type/basis redraw it
            **{"aria-live": "polite"},
        ),
    )


def pace_section(cfg: Config, lang: str) -> html.Section:
    items = [
        t("m_pace_observed", lang),
        t("m_pace_required", lang, target=cfg.target_year),
        t("m_pace_ratio", lang),
        t("m_pace_base", lang, base=cfg.base_year),
        t("m_pace_from_now", lang, target=cfg.target_year),
    ]
    return _section("pace", lang, html.Ul([html.Li(i) for i in items]))


def status_explanation(status: str, cfg: Config, lang: str, first_round: int | None = None) -> str:
    """What ``status`` means, with the active preset's cut-offs; for ``baseline``, when the data's first
    certification round comes after the base year, why certified coverage is 0 there."""
    text = t(f"st_explain_{status}", lang, base=cfg.base_year, target=cfg.target_year, **cutoff_values(cfg.status))
    if status == "baseline" and first_round is not None and first_round > cfg.base_year:
        text += ("" if lang == "zh" else " ") + t("st_explain_baseline_no_round", lang, first=first_round)
    return text


def _citation(preset: StatusCutoffs, lang: str) -> list:
    if not preset.citation:
        return ["—"]
    if not preset.url:
        return [preset.citation]
    return [preset.citation, " ", html.A(t("m_preset_link", lang), href=preset.url, target="_blank", rel="noopener")]


def status_section(cfg: Config, lang: str, first_round: int | None = None) -> html.Section:
    active = cfg.status
    entries = []
    for status in DECISION_ORDER:
        entries += [
            html.Dt(status_badge(status, lang, link=False), id=ids.status_anchor(status), tabIndex="-1"),
            html.Dd(status_explanation(status, cfg, lang, first_round), className="mb-2"),
        ]
    presets = []
    for name, preset in cfg.status_presets.items():
        cuts = cutoff_values(preset)
        label = [html.Code(name), " ", _name(preset, lang)]
        if name == active.preset:
            label.append(html.Strong(t("m_preset_active", lang)))
        presets.append(
            html.Tr(
                [
                    html.Td(label),
                    html.Td(cuts["on_track"], className="text-end"),
                    html.Td(cuts["acceleration_needed"], className="text-end"),
                    html.Td(cuts["limited_progress"], className="text-end"),
                    html.Td(_citation(preset, lang), className="small"),
                ],
                className="table-active" if name == active.preset else "",
            )
        )
    header = [
        t("m_col_preset", lang),
        status_label("on_track", lang),
        status_label("acceleration_needed", lang),
        status_label("limited_progress", lang),
        t("m_col_source", lang),
    ]
    table = dbc.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])), html.Tbody(presets)],
        hover=True,
        responsive=True,
        size="sm",
        className="mth-table mth-presets",
    )
    return _section(
        "status",
        lang,
        html.P(t("m_status_intro", lang, preset=_name(active, lang)), className="mth-preset-intro"),
        html.Dl(entries, className="mth-statuses"),
        html.P([t("m_col_source", lang), t("m_colon", lang), *_citation(active, lang)], className="small text-muted"),
        html.H3(t("m_presets_h", lang), className="h6 mt-3"),
        html.P(t("m_presets_text", lang), className="small"),
        table,
    )


def sources_section(an: Analytics, lang: str) -> html.Section:
    cfg = an.cfg
    meta = an.dataset.meta
    items = []
    if meta is not None:
        created = meta.created_at.replace("T", " ")[:16]
        items.append(t("m_src_version", lang, version=meta.version_id, created=created))
        if meta.source_files:
            items.append(t("m_src_files", lang, files="、".join(sorted(set(meta.source_files.values())))))
    else:
        items.append(t("m_src_version_none", lang, version=an.version_id))
    items += [
        t("m_src_config", lang, file=Path(cfg.source).name),
        t("m_src_goals", lang, source=cfg.goals_source or "—"),
        t("m_src_preset", lang, citation=cfg.status.citation or _name(cfg.status, lang)),
        t("m_src_formulas", lang),
        t("m_src_boundaries", lang),
        data_source(lang, an.dataset.synthetic),
    ]
    return _section("sources", lang, html.Ul([html.Li(i) for i in items], className="small"))


def toc(lang: str) -> html.Nav:
    links = [html.Li(html.A(t(SECTION_TITLES[name], lang), href=f"#{ids.section(name)}")) for name in ids.SECTIONS]
    return html.Nav(
        [html.H2(t("m_toc", lang), className="h6"), html.Ol(links, className="small ps-3 mb-0")],
        id=ids.TOC,
        className="mth-toc",
        **{"aria-label": t("m_toc", lang)},
    )


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang, cfg = state.lang, an.cfg
    body = [
        years_section(cfg, lang),
        indicators_section(cfg, lang),
        standard_section(cfg, lang),
        basis_section(lang),
        coverage_section(lang),
        gap_section(state, an),
        pace_section(cfg, lang),
        status_section(cfg, lang, first_round_year(an.dataset.certifications)),
        sources_section(an, lang),
    ]
    return html.Div(
        [
            html.H1(t("m_title", lang), id=ids.TITLE, className="h4 mt-2"),
            html.P(t("m_intro", lang, file=Path(cfg.source).name), className="text-muted"),
            dbc.Row(
                [
                    dbc.Col(toc(lang), lg=3, className="mb-3"),
                    dbc.Col(body, lg=9),
                ]
            ),
            dcc.Store(id=ids.SCROLLED),
        ],
        id=ids.PAGE,
        className="mth-page",
        lang="zh-Hans" if lang == "zh" else "en",
    )
