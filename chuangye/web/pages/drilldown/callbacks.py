"""Drill-down callbacks: map, side panel, table and navigation, all driven by the URL.

A click (map or table row) writes the URL with ``state.href("map", region=..., unit=...)``; the
breadcrumb is made of links; the browser's back button therefore works and a copied link reopens the
view. When only year/type/basis change and the geometry on screen stays, the map and the table get a
``dash.Patch``.
"""

from __future__ import annotations

import logging
import threading

from dash import Dash, Input, Output, Patch, State, ctx, no_update

from chuangye.engine.drilldown import INACTIVE, drill_data
from chuangye.figures.drilldown import county_map, county_map_updates, region_map, region_map_updates
from chuangye.web.pages.drilldown.layout import (
    breadcrumb,
    map_note,
    map_title,
    summary_card,
    table_columns,
    table_context,
    table_header,
    table_rows,
    unit_card,
    unknown_region_alert,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

FIT_MAP_JS = """
function (figure) {
    const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const fit = () => {
        const gd = document.querySelector('#dd-map .js-plotly-plot');
        if (!gd || !gd._fullLayout) { return false; }
        const bounds = gd.layout && gd.layout.meta && gd.layout.meta.bounds;
        if (!bounds || !gd._fullLayout.map) { return true; }
        const sub = gd._fullLayout.map._subplot;
        if (!sub || !sub.map || !sub.map.loaded() || !sub.map.isStyleLoaded()) { return false; }  // not ready yet
        const [x0, y0, x1, y1] = bounds;
        const bar = 84;  // the colour bar sits over the right edge of the map: keep the regions clear of it
        const w = gd._fullLayout._size.w - bar, h = gd._fullLayout._size.h;
        const lonSpan = Math.max(x1 - x0, 1e-3);
        const ySpan = Math.max(merc(y1) - merc(y0), 1e-5) * 180 / Math.PI;
        const zoom = Math.min(Math.log2(360 * w / (512 * lonSpan)), Math.log2(360 * h / (512 * ySpan))) - 0.15;
        const yMid = (merc(y0) + merc(y1)) / 2;
        const lat = (2 * Math.atan(Math.exp(yMid)) - Math.PI / 2) * 180 / Math.PI;
        const lon = (x0 + x1) / 2 + (bar / 2) * 360 / (512 * Math.pow(2, zoom));
        const now = gd._fullLayout.map;
        const moved = Math.abs(now.center.lat - lat) > 1e-4 || Math.abs(now.center.lon - lon) > 1e-4;
        if (moved || Math.abs(now.zoom - zoom) > 0.02) {
            window.Plotly.relayout(gd, {'map.zoom': zoom, 'map.center': {lon: lon, lat: lat}});
        }
        return true;
    };
    const attempt = (n) => { if (!fit() && n > 0) { setTimeout(() => attempt(n - 1), 150); } };
    setTimeout(() => attempt(20), 50);
    if (!window.__ddFitOnResize) {
        window.__ddFitOnResize = true;
        let timer = null;
        window.addEventListener('resize', () => { clearTimeout(timer); timer = setTimeout(() => attempt(5), 250); });
    }
    return window.dash_clientside.no_update;
}
"""


def warm_up(services: Services) -> None:
    """Build what the first visit of each view would otherwise wait for: the county layouts (town cells,
    about 50 ms each) and the region maps. Runs in a background thread when the app starts."""
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
    def warm() -> None:
        try:
            warm_up(services)
        except Exception:  # only a head start: the views build the same things on demand
            logging.getLogger(__name__).exception("drill-down warm-up failed")

    threading.Thread(target=warm, name="drilldown-warm-up", daemon=True).start()

    def view(pathname: str | None, search: str | None):
        an = services.analytics()
        state = ViewState.from_url(pathname, search, tuple(an.years))
        return an, state

    @app.callback(
        Output("dd-map", "figure"),
        Output("dd-map-title", "children"),
        Output("dd-map-note", "children"),
        Output("dd-map-drawn", "data"),
        Output("dd-map", "clickData"),
        Input("url", "search"),
        State("url", "pathname"),
        State("dd-map-drawn", "data"),
    )
    def update_map(search, pathname, drawn):
        an, state = view(pathname, search)
        if state.page != "map":
            return (no_update,) * 5
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
                    updates = [u for u in updates if u[0][1] == len(layout.cells) + 3]
                figure = _patch(updates)
                fresh = False
            else:
                figure = county_map(layout, units, state.unit_type, target.unit, lang)
                fresh = True
            note = map_note(target, layout.synthetic, lang)
        else:
            geometry_key = f"{services.version}|{target.region}|{lang}"
            values_key = f"{state.year}|{state.unit_type}|{state.basis}"
            frame = data.region_children(target, state.year, state.unit_type, state.basis, lang)
            if drawn and drawn.get("geometry") == geometry_key:
                same = drawn.get("values") == values_key
                figure = no_update if same else _patch(region_map_updates(frame, goal, lang))
                fresh = False
            else:
                figure = region_map(target.level, frame, goal, lang)
                fresh = True
            note = map_note(target, False, lang)
        title = map_title(data, target, state)
        stored = {"geometry": geometry_key, "values": values_key}
        return figure, title, note, stored, (None if fresh else no_update)

    @app.callback(
        Output("dd-summary", "children"),
        Output("dd-table-title", "children"),
        Output("dd-table-hint", "children"),
        Output("dd-grid", "columnDefs"),
        Output("dd-grid", "rowData"),
        Output("dd-grid", "dashGridOptions"),
        Output("dd-table-drawn", "data"),
        Output("dd-search", "value"),
        Input("url", "search"),
        Input("dd-search", "value"),
        State("url", "pathname"),
        State("dd-table-drawn", "data"),
    )
    def update_table(search, text, pathname, drawn):
        skip = (no_update,) * 8
        if ctx.triggered_id == "dd-search":
            options = Patch()
            options["quickFilterText"] = text or ""
            return *skip[:5], options, no_update, no_update
        an, state = view(pathname, search)
        if state.page != "map":
            return skip
        data = drill_data(an)
        target = data.resolve(state.region, state.unit)
        lang = state.lang
        key = f"{services.version}|{target.region}|{state.unit_type}|{lang}"
        values = f"{state.year}|{state.basis}"
        same_table = bool(drawn) and drawn.get("key") == key
        if same_table and drawn.get("values") == values:
            return skip  # only the selected unit changed
        rows = table_rows(data, target, state)
        summary = summary_card(data, target, state)
        title, hint = table_header(data, target, state, sum(r.get("state") != INACTIVE for r in rows))
        stored = {"key": key, "values": values}
        if same_table:
            return (
                summary,
                title,
                hint,
                no_update,
                _rows_patch(data, target, state, drawn, rows),
                no_update,
                stored,
                no_update,
            )
        # a new table: names travel once in the grid's context, the rows carry only what a year changes
        options = Patch()
        options["context"] = table_context(data, target, state)
        options["quickFilterText"] = ""
        columns = table_columns(target, state, len(an.cfg.core_indicators))
        return summary, title, hint, columns, rows, options, stored, ("" if text else no_update)

    @app.callback(
        Output("dd-breadcrumb", "children"),
        Output("dd-alert", "children"),
        Output("dd-unit", "children"),
        Input("url", "search"),
        State("url", "pathname"),
    )
    def update_path(search, pathname):
        an, state = view(pathname, search)
        if state.page != "map":
            return no_update, no_update, no_update
        data = drill_data(an)
        target = data.resolve(state.region, state.unit)
        return (
            breadcrumb(data, target, state),
            unknown_region_alert(data, state),
            unit_card(an, data, target, state) if target.unit else None,
        )

    @app.callback(
        Output("url", "href", allow_duplicate=True),
        Input("dd-map", "clickData"),
        Input("dd-grid", "cellClicked"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def drill(click, cell, pathname, search):
        """A map click or a table row: one level down, or (at a county) select the unit."""
        trigger = ctx.triggered_id
        an, state = view(pathname, search)
        if state.page != "map":
            return no_update
        if trigger == "dd-map":
            points = (click or {}).get("points") or []
            if not points:
                return no_update
            custom = points[0].get("customdata")
            code = points[0].get("location") or (custom[0] if isinstance(custom, list) and custom else custom)
        else:
            code = (cell or {}).get("rowId")
        if not code:
            return no_update
        data = drill_data(an)
        code = str(code)
        if data.level_of(code) is not None:
            return state.href("map", region=code, unit=None)
        if code in data.units.index:
            return state.href("map", region=str(data.units.at[code, "county_code"]), unit=code)
        return no_update

    app.clientside_callback(FIT_MAP_JS, Output("dd-map-fit", "data"), Input("dd-map", "figure"))


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
