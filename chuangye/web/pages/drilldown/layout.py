"""地图钻取 Drill-down map: province → city → county → unit; the path lives in the URL (region, unit).

Static structure only; callbacks.py beside it fills it from the URL. Map on the left (full width on
phones), the selected region's figures, the selected unit and the children table on the right (below).
"""

from __future__ import annotations

import json

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.drilldown import (
    INACTIVE,
    DrillData,
    DrillTarget,
    children_rows,
    core_indicator_rows,
    unit_names_lookup,
)
from chuangye.engine.manager import Analytics
from chuangye.figures.drilldown import COUNTY_HEIGHT, UNIT_STATE_MARKS
from chuangye.figures.style import STATUS_COLORS, STATUS_MARKS, UNIT_STATE_COLORS, UNIT_STATES, pct
from chuangye.strings.i18n import t
from chuangye.web.components import figure_card, graph, region_exports_card, status_badge, table_downloads
from chuangye.web.viewstate import ViewState

GRID_HEIGHT = 420
# Unit names come from the grid's context; while a new table replaces the old one the two may briefly
# disagree, so look up defensively (a throwing getter breaks the page's rendering).
NAME_GETTER = "(params.context && params.context.names && params.context.names[params.data.code]) || params.data.code"
TOWN_GETTER = "(params.context && params.context.towns && params.context.towns[params.data.code]) || ''"


def _map_graph(lang: str) -> html.Div:
    """The map, as tall as it is useful: 560 px on a desktop, about square on a phone."""
    box = graph("dd-map", label=t("page_map", lang), filename="drilldown-map", lang=lang)
    box.children.style = {"height": f"min({COUNTY_HEIGHT}px, 96vw)"}
    return box


def _table_card(lang: str) -> dbc.Card:
    """The children table: sortable, searchable (name or code), a row click drills down."""
    grid = dag.AgGrid(
        id="dd-grid",
        rowData=[],
        columnDefs=[],
        getRowId="params.data.code",
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": False,
            "minWidth": 60,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "quickFilterText": "",
            "animateRows": False,
            "suppressCellFocus": True,
            "rowStyle": {"cursor": "pointer"},
            "includeHiddenColumnsInQuickFilter": True,
        },
        # fixed widths for numbers, flex for names (size-to-fit squeezed the names)
        style={"height": f"{GRID_HEIGHT}px", "width": "100%"},
    )
    search = [
        html.Label(t("dd_search", lang), htmlFor="dd-search", className="visually-hidden"),
        dbc.Input(
            id="dd-search", type="search", size="sm", debounce=0.3, placeholder=t("dd_search", lang), className="mb-2"
        ),
    ]
    header = dbc.CardHeader(
        [html.H2(id="dd-table-title", className="h6 mb-0"), html.Small(id="dd-table-hint", className="text-muted")]
    )
    tools = html.Div(  # the search box and the XLSX/CSV buttons share a line
        [html.Div(search, className="flex-grow-1"), table_downloads("dd-grid", lang)], className="d-flex gap-2"
    )
    return dbc.Card([header, dbc.CardBody([tools, grid], className="p-2")], className="shadow-sm")


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    map_card = figure_card(
        "dd-map-title", [_map_graph(lang), html.Div(id="dd-map-note", className="small text-muted mt-1")]
    )
    side = [
        html.Div(id="dd-summary", className="mb-3"),
        region_exports_card(lang, className="mb-3"),
        html.Div(id="dd-unit", className="mb-3"),
        _table_card(lang),
    ]
    return html.Div(
        [
            html.Nav(
                html.Ol(id="dd-breadcrumb", className="breadcrumb mb-0 flex-wrap"),
                className="my-2",
                **{"aria-label": t("dd_path_label", lang)},
            ),
            html.Div(id="dd-alert"),
            dbc.Row([dbc.Col(map_card, lg=6, className="mb-3"), dbc.Col(side, lg=6, className="mb-3")]),
            dcc.Store(id="dd-map-drawn"),
            dcc.Store(id="dd-table-drawn"),
            dcc.Store(id="dd-map-fit"),
        ],
        id="dd-page",
    )


# ----------------------------------------------------------------------------------- pieces for callbacks


def _type(state: ViewState) -> str:
    return t(f"type_{state.unit_type}", state.lang)


def map_title(data: DrillData, target: DrillTarget, state: ViewState) -> str:
    name = data.region_name(target.region, state.lang)
    if target.level == "county":
        return t("dd_map_title_county", state.lang, year=state.year, region=name, type=_type(state))
    child = t("dd_child_city" if target.level == "province" else "dd_child_county", state.lang)
    return t("dd_map_title_region", state.lang, year=state.year, region=name, child=child, type=_type(state))


def map_note(target: DrillTarget, synthetic: bool, lang: str) -> list:
    if target.level != "county":
        return [html.I(className="bi bi-hand-index me-1", **{"aria-hidden": "true"}), t("dd_hint_region", lang)]
    note: list = [html.I(className="bi bi-hand-index me-1", **{"aria-hidden": "true"}), t("dd_hint_county", lang)]
    if synthetic:
        note += [
            html.Br(),
            html.Span(
                [html.I(className="bi bi-info-circle me-1", **{"aria-hidden": "true"}), t("dd_synthetic_note", lang)],
                id="dd-synthetic-note",
                className="fw-semibold",
            ),
        ]
    return note


def breadcrumb(data: DrillData, target: DrillTarget, state: ViewState) -> list[html.Li]:
    """江苏省 › 南京市 › 玄武区 › unit: every step but the last is a link that goes up."""
    lang = state.lang
    steps = [(code, data.region_name(code, lang), data.level_of(code) or "province") for code in target.path]
    if target.unit:
        steps.append((target.unit, data.unit_name(target.unit, lang), "unit"))
    items = []
    for i, (code, name, level) in enumerate(steps):
        last = i == len(steps) - 1
        if last:
            body = html.Span(name, id=f"dd-crumb-{level}", **{"aria-current": "page"}, className="fw-semibold")
        else:
            body = dcc.Link(name, href=state.href("map", region=code, unit=None), id=f"dd-crumb-{level}")
        items.append(html.Li(body, className="breadcrumb-item" + (" active" if last else "")))
    return items


def unknown_region_alert(data: DrillData, state: ViewState):
    code = state.region
    if code == data.resolve(None).region or data.level_of(code) is not None or code in data.units.index:
        return None
    return dbc.Alert(t("dd_unknown_region", state.lang, code=code), color="warning", className="py-2 small")


def _stat(label: str, value: str, stat_id: str) -> dbc.Col:
    return dbc.Col(
        [html.Div(label, className="text-muted small"), html.Div(value, className="fw-semibold fs-5", id=stat_id)],
        xs=4,
    )


def summary_card(data: DrillData, target: DrillTarget, state: ViewState) -> dbc.Card:
    lang = state.lang
    name = data.region_name(target.region, lang)
    head = data.headline(target.region, state.year, state.unit_type, state.basis)
    title = html.H2(
        t("dd_summary_title", lang, region=name, type=_type(state), year=state.year), className="h6 mb-0 me-2"
    )
    if head is None or not head.get("units_in_scope"):
        return dbc.Card(
            [dbc.CardHeader(title), dbc.CardBody(t("dd_no_units", lang), className="text-muted")],
            className="shadow-sm",
            id="dd-summary-card",
        )
    coverage, goal, gap = head["coverage"], head["goal"], head["gap_points"]
    if gap is not None and gap > 0:
        gap_line = t("dd_gap", lang, points=f"{gap:.1f}", units=f"{int(head['gap_units'] or 0):,}")
    elif gap is not None:
        gap_line = t("dd_gap_met", lang, points=f"{-gap:.1f}")
    else:
        gap_line = t("no_data", lang)
    lines = [
        html.Div(
            [
                html.Span(pct(coverage), className="display-6 fw-bold me-2 headline-value", id="dd-coverage"),
                html.Span(t("dd_goal_line", lang, goal=f"{goal * 100:.0f}%", target=data.an.cfg.target_year)),
            ],
            className="d-flex align-items-baseline flex-wrap",
        ),
        html.Div(gap_line, className="fw-semibold", id="dd-gap"),
    ]
    needed = head.get("units_needed_per_year")
    if state.year < data.an.cfg.target_year and needed:
        lines.append(html.Div(t("dd_pace", lang, n=f"{int(needed):,}"), className="small", id="dd-pace"))
    lines += [
        dbc.Row(
            [
                _stat(t("dd_in_scope", lang), f"{head['units_in_scope']:,}", "dd-stat-in-scope"),
                _stat(t("dd_certified", lang), f"{head['certified_cumulative']:,}", "dd-stat-certified"),
                _stat(t("dd_meets", lang), f"{head['meets_standard']:,}", "dd-stat-meets"),
            ],
            className="g-2 mt-2 text-center",
        ),
        html.Div(t(f"dd_basis_note_{state.basis}", lang), className="text-muted small mt-2"),
    ]
    header = html.Div(
        [title, status_badge(head["status"], lang)], className="d-flex justify-content-between align-items-start"
    )
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(lines)], className="shadow-sm", id="dd-summary-card")


def table_header(data: DrillData, target: DrillTarget, state: ViewState, n_rows: int) -> tuple[str, str]:
    lang = state.lang
    if target.level == "county":
        return f"{t('dd_table_units', lang, type=_type(state))} ({n_rows})", t("dd_table_hint_units", lang)
    key = "dd_table_city" if target.level == "province" else "dd_table_county"
    return f"{t(key, lang)} ({n_rows})", t("dd_table_hint_region", lang)


def _js_map(mapping: dict[str, str]) -> str:
    pairs = ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in mapping.items())
    return "({" + pairs + "})"


def table_columns(target: DrillTarget, state: ViewState, n_core: int = 4) -> list[dict]:
    """Localised column definitions; percentages and labels are formatted in the browser."""
    lang = state.lang
    name_col = {"field": "name", "headerName": t("dd_col_name", lang), "minWidth": 112, "flex": 2}
    if target.level == "county":  # unit rows carry codes only; names come from the grid's context
        name_col = {
            **name_col,
            "field": None,
            "colId": "name",
            "valueGetter": {"function": NAME_GETTER},
        }
    code_col = {"field": "code", "headerName": t("dd_col_code", lang), "hide": True}  # searchable, not shown
    if target.level == "county":
        states = {s: f"{UNIT_STATE_MARKS[s]} {t(f'dd_state_short_{s}', lang)}" for s in (*UNIT_STATES, INACTIVE)}
        label = f"{_js_map(states)}[params.value] || params.value"
        columns = [
            name_col,
            {
                "field": "state",
                "headerName": t("dd_col_state", lang),
                "minWidth": 108,
                "flex": 1,
                "valueFormatter": {"function": label},
                "getQuickFilterText": {"function": label},
                "cellStyle": {
                    "styleConditions": [
                        {"condition": f"params.value == '{s}'", "style": {"color": UNIT_STATE_COLORS[s]}}
                        for s in UNIT_STATES
                    ]
                },
            },
            {
                "field": "core",
                "headerName": t("dd_col_core", lang),
                "width": 78,
                "valueFormatter": {"function": f"params.value == null ? '—' : params.value + '/{n_core}'"},
            },
        ]
        if state.unit_type == "community_village":
            columns.append(
                {
                    "colId": "town",
                    "headerName": t("dd_col_town", lang),
                    "valueGetter": {"function": TOWN_GETTER},
                    "minWidth": 104,
                    "flex": 1,
                }
            )
        columns += [
            {
                "field": "year",
                "headerName": t("dd_col_cert_year", lang),
                "width": 78,
                "valueFormatter": {"function": "params.value == null ? '—' : String(params.value)"},
            },
            code_col,
        ]
        return columns
    statuses = {s: f"{STATUS_MARKS[s]} {t(f'status_{s}', lang)}" for s in STATUS_COLORS}
    status_label = f"{_js_map(statuses)}[params.value] || params.value"
    zone = t("dd_zone_tag", lang)
    return [
        {
            **name_col,
            "valueFormatter": {"function": f"params.data.zone ? params.value + ' ({zone})' : params.value"},
        },
        {
            "field": "coverage",
            "headerName": t("dd_col_coverage", lang),
            "width": 82,
            "valueFormatter": {"function": "params.value == null ? '—' : d3.format('.1%')(params.value)"},
        },
        {
            "field": "status",
            "headerName": t("dd_col_status", lang),
            "minWidth": 108,
            "flex": 1,
            "valueFormatter": {"function": status_label},
            "getQuickFilterText": {"function": status_label},
            "cellStyle": {
                "styleConditions": [
                    {"condition": f"params.value == '{s}'", "style": {"backgroundColor": color + "55"}}
                    for s, color in STATUS_COLORS.items()
                ]
            },
        },
        {
            "field": "gap",
            "headerName": t("dd_col_gap_points", lang),
            "width": 80,
            "valueFormatter": {
                "function": "params.value == null ? '—' : Math.abs(params.value) < 0.05 ? '0.0'"
                " : d3.format('+.1f')(params.value)"
            },
        },
        {"field": "short", "headerName": t("dd_col_gap_units", lang), "width": 66},
        {"field": "n", "headerName": t("dd_col_in_scope", lang), "width": 66},
        code_col,
    ]


def table_rows(data: DrillData, target: DrillTarget, state: ViewState) -> list[dict]:
    return children_rows(data, target, state.year, state.unit_type, state.basis, state.lang)


def table_context(data: DrillData, target: DrillTarget, state: ViewState) -> dict:
    """What the grid's name and town columns look up (``params.context``): sent once per table."""
    if target.level != "county":
        return {}
    return unit_names_lookup(data, target.region, state.unit_type, state.lang)


def _indicator_value(value, fmt: str) -> str:
    if value is None or value != value:
        return "—"
    return f"{value * 100:.1f}%" if fmt == "percent" else f"{value:.2f}"


def unit_card(an: Analytics, data: DrillData, target: DrillTarget, state: ViewState) -> dbc.Card | None:
    """The selected unit's mini scorecard: core indicators against thresholds, state, certification step."""
    lang = state.lang
    code = target.unit
    info = data.unit_info(code, lang) if code else None
    if info is None:
        return None
    rows = []
    for r in core_indicator_rows(data, code, state.year):
        threshold = "—" if r["threshold"] is None else _indicator_value(r["threshold"], r["format"])
        if r["passed"] is None:
            result = html.Span(["– ", t("dd_na", lang)], className="text-muted")
        elif r["passed"]:
            result = html.Span(["✔ ", t("dd_pass", lang)], style={"color": UNIT_STATE_COLORS["meets"]})
        else:
            result = html.Span(["✘ ", t("dd_fail", lang)], style={"color": UNIT_STATE_COLORS["below"]})
        shortfall = r[f"shortfall_{lang}"]
        name = r[f"name_{lang}"]
        rows.append(
            html.Tr(
                [
                    html.Td([name, html.Div(shortfall, className="text-muted small")] if shortfall else name),
                    html.Td(_indicator_value(r["value"], r["format"]), className="text-end"),
                    html.Td(threshold, className="text-end"),
                    html.Td(result, className="text-nowrap"),
                ]
            )
        )
    indicator_table = dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("dd_unit_indicator", lang)),
                        html.Th(t("dd_unit_value", lang), className="text-end"),
                        html.Th(t("dd_unit_threshold", lang), className="text-end"),
                        html.Th(t("dd_unit_result", lang)),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        size="sm",
        className="mb-2 small",
        id="dd-unit-indicators",
    )
    unit_state = data.unit_state(code, state.year) or "no_data"
    badge = html.Span(
        f"{UNIT_STATE_MARKS[unit_state]} {t(f'dd_state_{unit_state}', lang)}",
        className="badge",
        style={"backgroundColor": UNIT_STATE_COLORS.get(unit_state, "#cccccc"), "color": "#fff"},
        id="dd-unit-state",
    )
    latest = data.latest_round(code, state.year)
    if latest is None:
        stage = t("dd_unit_not_declared", lang, year=state.year)
    else:
        stage = t("dd_unit_stage", lang, stage=t(f"stage_{latest[1]}", lang), year=latest[0])
    subtitle = [t(f"type_{info['unit_type']}", lang)]
    if info["township_name"]:
        subtitle.append(info["township_name"])
    body = [
        html.Div([badge, html.Span(" · ".join(subtitle), className="text-muted small ms-2")], className="mb-2"),
        html.Div(t("dd_unit_heading", lang, year=state.year), className="small fw-semibold"),
        indicator_table,
        html.Div(stage, className="small mb-2", id="dd-unit-stage"),
    ]
    if info["unit_type"] != state.unit_type:
        body.append(
            html.Div(t("dd_unit_other_type", lang, type=t(f"type_{info['unit_type']}", lang)), className="small")
        )
    body.append(
        dcc.Link(
            [t("dd_unit_link", lang), html.I(className="bi bi-arrow-right ms-1", **{"aria-hidden": "true"})],
            href=state.href("unit", unit=code),
            className="btn btn-sm btn-outline-primary",
            id="dd-unit-link",
        )
    )
    header = html.Div(
        [
            html.H2([info["name"], html.Small(f" {code}", className="text-muted")], className="h6 mb-0"),
            dcc.Link(
                [
                    html.I(className="bi bi-x-lg", **{"aria-hidden": "true"}),
                    html.Span(t("dd_unit_close", lang), className="visually-hidden"),
                ],
                href=state.href("map", unit=None),
                title=t("dd_unit_close", lang),
                className="text-secondary",
                id="dd-unit-close",
            ),
        ],
        className="d-flex justify-content-between align-items-start",
    )
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body)], className="shadow-sm", id="dd-unit-card")
