"""Drill-down callbacks: map, side panel, table and navigation, all driven by the URL.

A click (map or table row) writes the URL with ``state.href("map", region=..., unit=...)``; the
breadcrumb is made of links; the browser's back button therefore works and a copied link reopens the
view. When only year/type/basis change and the geometry on screen stays, the map and the table get a
``dash.Patch``.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate

from chuangye.engine.drilldown import INACTIVE, drill_data
from chuangye.engine.manager import Analytics
from chuangye.figures.drilldown import county_map_updates, region_map, region_map_updates, selection_trace_index
from chuangye.web.access import home_region, may_export, subject_code
from chuangye.web.callbacks import page_callback
from chuangye.web.components import export_menu_style
from chuangye.web.downloads.views import region_subject
from chuangye.web.pages.drilldown import charts, ids
from chuangye.web.pages.drilldown.layout import (
    MAP_MENU,
    breadcrumb,
    exports_card,
    map_note,
    summary_card,
    table_columns,
    table_context,
    table_header,
    table_rows,
    unit_card,
    unknown_region_alert,
)
from chuangye.web.services import Services
from chuangye.web.shell.ids import URL
from chuangye.web.viewstate import ViewState

PAGE = "map"


def warm_up(services: Services) -> None:
    """Build what the first visit of each view would otherwise wait for: the county layouts (town cells,
    about 50 ms each) and the region maps. A start-up step (``create_app(warm=True)``), run in the background:
    each piece takes its own short lock, so requests are served meanwhile."""
    an = services.analytics()
    data = drill_data(an)
    year, unit_type = an.years[-1], an.cfg.unit_types[0]
    goal = an.cfg.goals[unit_type]
    data.indicator_rows  # noqa: B018 - a cached property: builds the per-unit index of the scorecards
    for lang in ("zh", "en"):
        for region in (data.regions.root, *data.regions.codes("city")):
            target = data.resolve(region)
            region_map(target.level, data.region_children(target, year, unit_type, "certified", lang), goal, lang)
    for county in data.regions.codes("county"):
        data.county_layout(county)


def register(app: Dash, services: Services) -> None:
    @page_callback(
        app,
        services,
        PAGE,
        output={
            "figure": Output(ids.MAP, "figure"),
            "title": Output(ids.MAP_TITLE, "children"),
            "note": Output(ids.MAP_NOTE, "children"),
            "drawn": Output(ids.MAP_DRAWN, "data"),
            "click": Output(ids.MAP, "clickData"),
        },
        inputs={"drawn": State(ids.MAP_DRAWN, "data")},
    )
    def update_map(state: ViewState, drawn: dict | None) -> dict:
        an = services.analytics()
        data = drill_data(an)
        target = data.resolve(state.region, state.unit)
        lang = state.lang
        goal = an.cfg.goals[state.unit_type]
        if target.level == "county":
            geometry_key = f"{services.version}|{target.region}|{state.unit_type}|{lang}"
            values_key = str(state.year)  # unit states do not depend on the coverage basis
            layout = data.county_layout(target.region)
            units = data.unit_states(target.region, state.year, state.unit_type, lang)
            if drawn and drawn.get("geometry") == geometry_key:
                updates = county_map_updates(layout, units, state.unit_type, target.unit, lang)
                if drawn.get("values") == values_key:  # only the selection moved
                    updates = [u for u in updates if u[0][1] == selection_trace_index(layout)]
                figure = _patch(updates)
                fresh = False
            else:
                figure = charts.county_figure(data, target, state, layout, units)
                fresh = True
            note = map_note(data, target, layout.synthetic, lang)
        else:
            geometry_key = f"{services.version}|{target.region}|{lang}"
            values_key = f"{state.year}|{state.unit_type}|{state.basis}"
            frame = data.region_children(target, state.year, state.unit_type, state.basis, lang)
            if drawn and drawn.get("geometry") == geometry_key:
                same = drawn.get("values") == values_key
                figure = no_update if same else _patch(region_map_updates(frame, goal, lang))
                fresh = False
            else:
                figure = charts.region_figure(an, data, target, state, frame)
                fresh = True
            note = map_note(data, target, False, lang)
        result = {
            "figure": figure,
            "title": charts.map_heading(an, state),
            "note": note,
            "drawn": {"geometry": geometry_key, "values": values_key},
        }
        if fresh:  # a new map: forget the click on the old one
            result["click"] = None
        return result

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "summary": Output(ids.SUMMARY, "children"),
            "title": Output(ids.TABLE_TITLE, "children"),
            "hint": Output(ids.TABLE_HINT, "children"),
            "columns": Output(ids.GRID, "columnDefs"),
            "rows": Output(ids.GRID, "rowData"),
            "options": Output(ids.GRID, "dashGridOptions"),
            "drawn": Output(ids.TABLE_DRAWN, "data"),
            "search": Output(ids.SEARCH, "value"),
        },
        inputs={"text": Input(ids.SEARCH, "value"), "drawn": State(ids.TABLE_DRAWN, "data")},
    )
    def update_table(state: ViewState, text: str | None, drawn: dict | None) -> dict:
        if ctx.triggered_id == ids.SEARCH:
            options = Patch()
            options["quickFilterText"] = text or ""
            return {"options": options}
        an = services.analytics()
        data = drill_data(an)
        target = data.resolve(state.region, state.unit)
        key = f"{services.version}|{target.region}|{state.unit_type}|{state.lang}"
        values = f"{state.year}|{state.basis}"
        same_table = bool(drawn) and drawn.get("key") == key
        if same_table and drawn.get("values") == values:
            raise PreventUpdate  # only the selected unit changed
        if target.level == "county":  # a county's table lists its units
            services.audit.record("unit_list_view", object=target.region, region=target.region, detail=_seen(state))
        rows = table_rows(data, target, state)
        title, hint = table_header(data, target, state, sum(r.get("state") != INACTIVE for r in rows))
        result = {
            "summary": summary_card(data, target, state),
            "title": title,
            "hint": hint,
            "drawn": {"key": key, "values": values},
        }
        if same_table:  # the same table for another year or basis: the rows that changed
            return {**result, "rows": _rows_patch(data, target, state, drawn, rows)}
        # a new table: names and words travel once in the grid's context, the rows carry only what a year changes
        context = table_context(data, target, state)
        options = Patch()
        options["context"] = context
        options["quickFilterText"] = ""
        names = context["names"].values() if "names" in context else (row.get("name", "") for row in rows)
        result |= {
            "columns": table_columns(target, state, len(an.cfg.core_indicators), names),
            "rows": rows,
            "options": options,
        }
        if text:
            result["search"] = ""
        return result

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "breadcrumb": Output(ids.BREADCRUMB, "children"),
            "alert": Output(ids.ALERT, "children"),
            "unit": Output(ids.UNIT, "children"),
            "exports": Output(ids.EXPORTS, "children"),
            "exports_drawn": Output(ids.EXPORTS_DRAWN, "data"),
            "table_downloads_hidden": Output(ids.TABLE_DOWNLOADS, "hidden"),
            "map_menu_style": Output(MAP_MENU, "style"),
        },
        inputs={"exports_drawn": State(ids.EXPORTS_DRAWN, "data")},
    )
    def update_path(state: ViewState, exports_drawn: bool | None) -> dict:
        """The path, the selected unit and what the view offers to export."""
        an = services.analytics()
        data = drill_data(an)
        target = data.resolve(state.region, state.unit)
        if target.unit:
            services.audit.record("unit_view", object=target.unit, region=target.region, detail=_seen(state))
        return {
            "breadcrumb": breadcrumb(data, target, state),
            "alert": unknown_region_alert(data, state),
            "unit": unit_card(an, data, target, state) if target.unit else None,
            **export_controls(an, state, exports_drawn),
        }

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(URL, "href", allow_duplicate=True)},
        inputs={"click": Input(ids.MAP, "clickData"), "cell": Input(ids.GRID, "cellClicked")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def drill(state: ViewState, click: dict | None, cell: dict | None) -> dict:
        """A map click or a table row: one level down, or (at a county) select the unit."""
        if ctx.triggered_id == ids.MAP:
            points = (click or {}).get("points") or []
            if not points:
                raise PreventUpdate
            custom = points[0].get("customdata")
            code = points[0].get("location") or (custom[0] if isinstance(custom, list) and custom else custom)
        else:
            code = (cell or {}).get("rowId")
        if not code:
            raise PreventUpdate
        data = drill_data(services.analytics())
        code = str(code)
        if data.level_of(code) is not None:
            return {"href": state.href("map", region=code, unit=None)}
        if code in data.units.index:
            return {"href": state.href("map", region=str(data.units.at[code, "county_code"]), unit=code)}
        raise PreventUpdate

    # fit the map to the drawn regions once plotly has laid it out (assets/drilldown.js)
    app.clientside_callback(
        ClientsideFunction("drilldown", "fitMap"),
        Output(ids.MAP_FIT, "data"),
        Input(ids.MAP, "figure"),
        State(ids.MAP, "id"),
    )


def export_controls(an: Analytics, state: ViewState, drawn: bool | None) -> dict:
    """Offer only the files the server would make (the checks of web/downloads/callbacks.py, on the same
    subjects): the region report card's buttons (else a note and a link home), the table's XLSX/CSV and the
    map's 下载 menu. The card is sent again only when it changes (buttons kept while a report is made) or
    when it holds the link home (whose address carries the view's year and type)."""
    report = may_export(region_subject(an, state), an)
    view = may_export(subject_code(state, an), an)
    controls = {"table_downloads_hidden": not view, "map_menu_style": export_menu_style(view)}
    if not (report and drawn is True):
        controls |= {"exports": exports_card(drill_data(an), state, report, home_region(an)), "exports_drawn": report}
    return controls


def _seen(state: ViewState) -> dict:
    """What the audit trail keeps of a view besides its object: the page, year, type and basis."""
    return {"page": "map", "year": state.year, "type": state.unit_type, "basis": state.basis}


def _rows_patch(data, target, state: ViewState, drawn: dict, rows: list[dict]):
    """The table rows after a year/basis change: only the rows that changed, or all when most did."""
    if target.level != "county":
        return rows
    old_year = str(drawn.get("values", "")).split("|")[0]
    old = table_rows(data, target, state.model_copy(update={"year": int(old_year)})) if old_year.isdigit() else []
    if len(old) != len(rows):
        return rows
    changed = [(i, after) for i, (before, after) in enumerate(zip(old, rows, strict=True)) if before != after]
    if len(changed) > len(rows) // 3:  # a patch entry costs about twice a plain row
        return rows
    patch = Patch()
    for i, row in changed:
        patch[i] = row
    return patch


def _patch(updates) -> Patch:
    patch = Patch()
    for path, value in updates:
        node = patch
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return patch
