"""地图钻取 Drill-down map: province → city → county → unit; the path lives in the URL (region, unit).

Static structure only; callbacks.py beside it fills it from the URL. Map on the left (full width on
phones), the selected region's figures, the selected unit and the children table on the right (below).
"""

from __future__ import annotations

from collections.abc import Iterable

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
from chuangye.figures.style import STATUS_COLORS, STATUS_MARKS, UNIT_STATE_COLORS, UNIT_STATES
from chuangye.strings.i18n import t
from chuangye.strings.numbers import indicator_text, percent_text, points_text
from chuangye.web import busy, shown
from chuangye.web.access import current_scope
from chuangye.web.components import (
    chart_menu_id,
    figure_card,
    graph,
    region_exports_card,
    status_badge,
    status_texts,
    table_downloads,
)
from chuangye.web.grid import GridColumn, column_defs, grid_options, widen_for_words
from chuangye.web.pages.drilldown import ids
from chuangye.web.pages.method.links import BAR_STATUSES, status_legend
from chuangye.web.rows import ROW_KEYS
from chuangye.web.viewstate import ViewState

GRID_HEIGHT = 420
MAP_MENU = chart_menu_id(ids.MAP)  # the map's 下载 menu (web/components.chart_export_menu)


def _map_graph(lang: str) -> html.Div:
    """The map, as tall as it is useful: 560 px on a desktop, about square on a phone. Its 下载 menu stays
    hidden until the view's callback has checked that the user may export the region (``update_path``)."""
    box = graph(ids.MAP, label=t("page_map", lang), filename="drilldown-map", lang=lang, menu_shown=False)
    box.children.style = {"height": f"min({COUNTY_HEIGHT}px, 96vw)"}
    return box


def _table_card(lang: str) -> dbc.Card:
    """The children table: sortable, searchable (name or code); a row click, Enter or Space drills down."""
    grid = dag.AgGrid(
        id=ids.GRID,
        rowData=[],
        columnDefs=[],
        getRowId="chuangyeRowId(params)",
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": False,
            "minWidth": 60,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions=grid_options(
            lang,
            quickFilterText="",
            animateRows=False,
            rowStyle={"cursor": "pointer"},
            includeHiddenColumnsInQuickFilter=True,
        ),
        eventListeners=ROW_KEYS,  # Enter or Space on a row drills like a click
        # fixed widths for numbers, flex for names (size-to-fit squeezed the names)
        style={"height": f"{GRID_HEIGHT}px", "width": "100%"},
    )
    search = [
        html.Label(t("dd_search", lang), htmlFor=ids.SEARCH, className="visually-hidden"),
        dbc.Input(
            id=ids.SEARCH, type="search", size="sm", debounce=0.3, placeholder=t("dd_search", lang), className="mb-2"
        ),
    ]
    header = dbc.CardHeader(
        [html.H2(id=ids.TABLE_TITLE, className="h6 mb-0"), html.Small(id=ids.TABLE_HINT, className="text-muted")]
    )
    downloads = html.Div(table_downloads(ids.GRID, lang), id=ids.TABLE_DOWNLOADS, hidden=True)  # see _map_graph
    tools = html.Div(  # the search box and the XLSX/CSV buttons share a line
        [html.Div(search, className="flex-grow-1"), downloads], className="d-flex gap-2"
    )
    legend = status_legend(lang, statuses=BAR_STATUSES, className="grid-status-legend mt-2")  # with a status column
    return dbc.Card([header, dbc.CardBody([tools, grid, legend], className="p-2")], className="shadow-sm")


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    map_card = busy.region(
        figure_card(ids.MAP_TITLE, [_map_graph(lang), html.Div(id=ids.MAP_NOTE, className="small text-muted mt-1")])
    )
    side = [
        busy.region(html.Div(id=ids.SUMMARY), className="mb-3"),
        busy.region(html.Div(id=ids.EXPORTS), className="mb-3"),  # filled once the callback knows what may go
        busy.region(html.Div(id=ids.UNIT), className="mb-3"),
        busy.region(_table_card(lang)),
    ]
    return html.Div(
        [
            html.Nav(
                html.Ol(id=ids.BREADCRUMB, className=f"breadcrumb mb-0 flex-wrap {busy.BUSY_TEXT}"),
                className="my-2",
                **{"aria-label": t("dd_path_label", lang)},
            ),
            busy.region(html.Div(id=ids.ALERT)),
            dbc.Row([dbc.Col(map_card, lg=6, className="mb-3"), dbc.Col(side, lg=6, className="mb-3")]),
            dcc.Store(id=ids.MAP_DRAWN),
            dcc.Store(id=ids.TABLE_DRAWN),
            dcc.Store(id=ids.EXPORTS_DRAWN),
            dcc.Store(id=ids.MAP_FIT),
        ],
        id=ids.ROOT,
    )


# ----------------------------------------------------------------------------------- pieces for callbacks


def _type(state: ViewState) -> str:
    return t(f"type_{state.unit_type}", state.lang)


def map_title(data: DrillData, target: DrillTarget, state: ViewState) -> str:
    name = data.region_name(target.region, state.lang)
    if target.level == "county":
        return t("dd_map_title_county", state.lang, year=state.year, region=name, type=_type(state))
    child = _child_word(target, state.lang)
    return t("dd_map_title_region", state.lang, year=state.year, region=name, child=child, type=_type(state))


def _child_word(target: DrillTarget, lang: str) -> str:
    return t("dd_child_city" if target.level == "province" else "dd_child_county", lang)


def openable_children(data: DrillData, target: DrillTarget) -> list[str] | None:
    """The children of a province or city view that the signed-in user may open (their own city or county);
    None when they may open every one. The others are shown as totals: a click on one opens the notice."""
    children = data.regions.children(target.region)
    scope = current_scope()
    openable = [code for code in children if scope.opens(code, data.regions)]
    return None if len(openable) == len(children) else openable


def _click_hint(data: DrillData, target: DrillTarget, lang: str, key: str) -> str:
    """What a click on a child does (``key``), or, for a user who may open only some children, which ones
    (``key`` + ``_scoped``: the others show totals only)."""
    openable = openable_children(data, target)
    if not openable:
        return t(key, lang)
    names = ("、" if lang == "zh" else ", ").join(data.region_name(code, lang) for code in openable)
    return t(f"{key}_scoped", lang, regions=names, child=_child_word(target, lang))


def map_note(data: DrillData, target: DrillTarget, synthetic: bool, lang: str) -> list:
    """The hint under the map: what a click opens (for a user who may not open every child, which ones)."""
    if target.level != "county":
        hint = _click_hint(data, target, lang, "dd_hint_region")
        return [html.I(className="bi bi-hand-index me-1", **{"aria-hidden": "true"}), hint]
    note: list = [html.I(className="bi bi-hand-index me-1", **{"aria-hidden": "true"}), t("dd_hint_county", lang)]
    if synthetic:
        note += [
            html.Br(),
            html.Span(
                [html.I(className="bi bi-info-circle me-1", **{"aria-hidden": "true"}), t("dd_synthetic_note", lang)],
                id=ids.SYNTHETIC_NOTE,
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
            body = html.Span(name, id=ids.crumb(level), **{"aria-current": "page"}, className="fw-semibold")
        else:
            body = dcc.Link(name, href=state.href("map", region=code, unit=None), id=ids.crumb(level))
        items.append(html.Li(body, className="breadcrumb-item" + (" active" if last else "")))
    return items


def exports_card(data: DrillData, state: ViewState, allowed: bool, home: str) -> dbc.Card:
    """The region report card: its buttons where the user may export the view's region (``allowed``), else a
    note and a link to ``home``, the user's own area (web/access.home_region), in the view's year and type."""
    lang = state.lang
    link = None
    if not allowed:
        link = dcc.Link(
            [t("ex_open_home", lang, region=data.region_name(home, lang)),
             html.I(className="bi bi-arrow-right ms-1", **{"aria-hidden": "true"})],
            href=state.href("map", region=home, unit=None),
            id=ids.EXPORTS_HOME,
        )  # fmt: skip
    return region_exports_card(lang, allowed=allowed, home_link=link)


def unknown_region_alert(data: DrillData, state: ViewState):
    code = state.region
    if not code or data.level_of(code) is not None or code in data.units.index:  # "" is the province
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
            id=ids.SUMMARY_CARD,
        )
    coverage, goal, gap = head["coverage"], head["goal"], head["gap_points"]
    if gap is not None and gap > 0:
        gap_line = t("dd_gap", lang, points=points_text(gap), units=f"{int(head['gap_units'] or 0):,}")
    elif gap is not None:
        gap_line = t("dd_gap_met", lang, points=points_text(-gap))
    else:
        gap_line = t("no_data", lang)
    lines = [
        html.Div(
            [
                html.Span(percent_text(coverage), className="display-6 fw-bold me-2 headline-value", id=ids.COVERAGE),
                html.Span(t("dd_goal_line", lang, goal=percent_text(goal, 0), target=data.an.cfg.target_year)),
            ],
            className="d-flex align-items-baseline flex-wrap",
        ),
        html.Div(gap_line, className="fw-semibold", id=ids.GAP),
    ]
    needed = head.get("units_needed_per_year")
    if state.year < data.an.cfg.target_year and needed:
        lines.append(html.Div(t("dd_pace", lang, n=f"{int(needed):,}"), className="small", id=ids.PACE))
    lines += [
        dbc.Row(
            [
                _stat(t("dd_in_scope", lang), f"{head['units_in_scope']:,}", ids.STAT_IN_SCOPE),
                _stat(t("dd_certified", lang), f"{head['certified_cumulative']:,}", ids.STAT_CERTIFIED),
                _stat(t("dd_meets", lang), f"{head['meets_standard']:,}", ids.STAT_MEETS),
            ],
            className="g-2 mt-2 text-center",
        ),
        html.Div(t(f"dd_basis_note_{state.basis}", lang), className="text-muted small mt-2"),
    ]
    header = html.Div(
        [title, status_badge(head["status"], lang, search=state.search())],
        className="d-flex justify-content-between align-items-start",
    )
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(lines)], className="shadow-sm", id=ids.SUMMARY_CARD)


def table_header(data: DrillData, target: DrillTarget, state: ViewState, n_rows: int) -> tuple[str, str]:
    lang = state.lang
    if target.level == "county":
        return f"{t('dd_table_units', lang, type=_type(state))} ({n_rows})", t("dd_table_hint_units", lang)
    key = "dd_table_city" if target.level == "province" else "dd_table_county"
    return f"{t(key, lang)} ({n_rows})", _click_hint(data, target, lang, "dd_table_hint_region")


# Column specs (chuangye/web/grid.py). Formatters, look-ups and styles are functions of assets/grid.js; the words
# and colours they need come with the grid's context (table_context), sent once per table.
#
# One grid shows regions, then (at a county) units. A drill sends the new rows and the new columns in one
# update, and AG Grid draws the new rows before it takes the new columns; a new column definition under an
# existing colId is applied to that column without redrawing its cells, so the units' names stayed what the
# regions' name column made of them (nothing: unit rows have no "name" field). A column whose definition
# differs between the two tables therefore has a colId of its own, and AG Grid draws it afresh.
NAME = GridColumn("name", "dd_col_name", options={"minWidth": 112, "flex": 2})
CODE = GridColumn("code", "dd_col_code", options={"hide": True})  # searchable, not shown
REGION_NAME = "region_name"  # the unit tables' name column is "name"
REGION_COLUMNS = (
    NAME.with_options(colId=REGION_NAME, valueFormatter={"function": "chuangyeTagged(params, 'zone')"}),
    GridColumn("coverage", "dd_col_coverage", "percent", {"width": 82}),
    GridColumn(
        "status",
        "dd_col_status",
        options={
            "minWidth": 108,
            "flex": 1,
            "valueFormatter": {"function": "chuangyeLabel(params, 'status')"},
            "getQuickFilterText": {"function": "chuangyeLabel(params, 'status')"},
            "cellStyle": {"function": "chuangyeStyle(params, 'status')"},
        },
        shows=lambda lang: status_texts(lang).values(),  # kept whole on one line (web/grid.py)
    ),
    GridColumn("gap", "dd_col_gap_points", "points", {"width": 80}),
    GridColumn("short", "dd_col_gap_units", "int", {"width": 66}),
    GridColumn("n", "dd_col_in_scope", "int", {"width": 66}),
    CODE,
)
# unit rows carry codes only: names and towns come from the grid's context (the code while it catches up)
UNIT_NAME = NAME.with_options(
    field=None, colId="name", valueGetter={"function": "chuangyeLookup(params, 'names', 'code')"}
)
UNIT_STATE = GridColumn(
    "state",
    "dd_col_state",
    options={
        "minWidth": 108,
        "flex": 1,
        "valueFormatter": {"function": "chuangyeLabel(params, 'state')"},
        "getQuickFilterText": {"function": "chuangyeLabel(params, 'state')"},
        "cellStyle": {"function": "chuangyeStyle(params, 'state')"},
    },
    shows=lambda lang: (f"{UNIT_STATE_MARKS[s]} {t(f'dd_state_short_{s}', lang)}" for s in UNIT_STATE_MARKS),
)
UNIT_TOWN = GridColumn(
    "town",
    "dd_col_town",
    options={
        "field": None,
        "colId": "town",
        "valueGetter": {"function": "chuangyeLookup(params, 'towns')"},
        "minWidth": 104,
        "flex": 1,
    },
)
# a year shows as written ("—" without one); exported as a number, as before
CERT_YEAR = GridColumn(
    "year", "dd_col_cert_year", "int", {"width": 78, "valueFormatter": {"function": "chuangyePlain(params)"}}
)


def unit_columns(unit_type: str, n_core: int) -> tuple[GridColumn, ...]:
    core = GridColumn(  # "3/4": the grid's text goes into the export
        "core",
        "dd_col_core",
        options={"width": 78, "valueFormatter": {"function": f"chuangyeOutOf(params, {int(n_core)})"}},
    )
    town = (UNIT_TOWN,) if unit_type == "community_village" else ()
    return (UNIT_NAME, UNIT_STATE, core, *town, CERT_YEAR, CODE)


def table_columns(target: DrillTarget, state: ViewState, n_core: int = 4, names: Iterable[str] = ()) -> list[dict]:
    """Localised column definitions; numbers, labels and styles are formatted in the browser. ``names``: the
    table's names, whose longest word the name column keeps whole."""
    county = target.level == "county"
    columns = unit_columns(state.unit_type, n_core) if county else REGION_COLUMNS
    return widen_for_words(column_defs(columns, state.lang), "name" if county else REGION_NAME, names)


def table_rows(data: DrillData, target: DrillTarget, state: ViewState) -> list[dict]:
    """The children's rows with coverage and gap rounded as shown (web/shown.py): the grid prints them."""
    rows = children_rows(data, target, state.year, state.unit_type, state.basis, state.lang)
    if target.level == "county":
        return rows  # unit rows carry counts and codes only
    return [row | {"coverage": shown.share(row["coverage"]), "gap": shown.points(row["gap"])} for row in rows]


def table_context(data: DrillData, target: DrillTarget, state: ViewState) -> dict:
    """What the grid's functions look up (``params.context``, assets/grid.js): the words for status and unit
    state codes, their cell styles, the statistical-zone tag and, for a county's units, names and towns. Sent
    once per table."""
    lang = state.lang
    context: dict = {
        "labels": {
            "status": {s: f"{STATUS_MARKS[s]} {t(f'status_{s}', lang)}" for s in STATUS_COLORS},
            "state": {s: f"{UNIT_STATE_MARKS[s]} {t(f'dd_state_short_{s}', lang)}" for s in (*UNIT_STATES, INACTIVE)},
        },
        "styles": {
            "status": {s: {"backgroundColor": color + "55"} for s, color in STATUS_COLORS.items()},
            "state": {s: {"color": UNIT_STATE_COLORS[s]} for s in UNIT_STATES},
        },
        "tags": {"zone": t("dd_zone_tag", lang)},
    }
    if target.level == "county":
        context |= unit_names_lookup(data, target.region, state.unit_type, lang)
    return context


def unit_card(an: Analytics, data: DrillData, target: DrillTarget, state: ViewState) -> dbc.Card | None:
    """The selected unit's mini scorecard: core indicators against thresholds, state, certification step."""
    lang = state.lang
    code = target.unit
    info = data.unit_info(code, lang) if code else None
    if info is None:
        return None
    rows = []
    for r in core_indicator_rows(data, code, state.year):
        threshold = "—" if r["threshold"] is None else indicator_text(r["threshold"], r["format"], r["digits"])
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
                    html.Td(indicator_text(r["value"], r["format"], r["digits"]), className="text-end"),
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
        id=ids.UNIT_INDICATORS,
    )
    unit_state = data.unit_state(code, state.year) or "no_data"
    badge = html.Span(
        f"{UNIT_STATE_MARKS[unit_state]} {t(f'dd_state_{unit_state}', lang)}",
        className="badge",
        style={"backgroundColor": UNIT_STATE_COLORS.get(unit_state, "#cccccc"), "color": "#fff"},
        id=ids.UNIT_STATE,
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
        html.Div(stage, className="small mb-2", id=ids.UNIT_STAGE),
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
            id=ids.UNIT_LINK,
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
                id=ids.UNIT_CLOSE,
            ),
        ],
        className="d-flex justify-content-between align-items-start",
    )
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body)], className="shadow-sm", id=ids.UNIT_CARD)
