"""Audit page callbacks: the filtered records into the grid (the newest ``SHOWN_MAX``, with the count line) and
their export as CSV or XLSX. Both answer a 403 to anyone but an admin, and both are recorded in the trail they
read (``audit_view``, ``export``)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from chuangye.strings.i18n import t
from chuangye.web.callbacks import page_callback
from chuangye.web.pages.audit import ids
from chuangye.web.pages.audit.guard import require_admin
from chuangye.web.pages.audit.rows import (
    EXPORT_MAX,
    SHOWN_MAX,
    Filters,
    count_text,
    csv_bytes,
    matching,
    rows,
    total,
    xlsx_bytes,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "audit"
OBJECT = "audit_log"
FILTERS = {
    "start": ids.DATES + ".start_date",
    "end": ids.DATES + ".end_date",
    "user": ids.USER + ".value",
    "action": ids.ACTION + ".value",
    "outcome": ids.OUTCOME + ".value",
}


def _dependencies(kind: type[Input] | type[State]) -> dict:
    return {name: kind(*target.rsplit(".", 1)) for name, target in FILTERS.items()}


def register(app: Dash, services: Services) -> None:
    def region_namer(lang: str):
        an = services.analytics()
        return lambda code: an.region_name(code, lang) if code in an.regions else None

    @page_callback(
        app,
        services,
        PAGE,
        output={"rows": Output(ids.GRID, "rowData"), "count": Output(ids.COUNT, "children")},
        inputs=_dependencies(Input),
    )
    def audit_records(state: ViewState, **values) -> dict:
        require_admin()
        filters = Filters.parse(**values)
        trail = services.audit.trail()
        records, found = matching(trail, filters, limit=SHOWN_MAX), total(trail, filters)
        services.audit.record("audit_view", object=OBJECT, detail={**filters.detail(), "total": found})
        shown = rows(records, state.lang, region_namer(state.lang))
        return {"rows": shown, "count": count_text(len(shown), found, state.lang)}

    @page_callback(
        app,
        services,
        PAGE,
        output={"file": Output(ids.DOWNLOAD, "data")},
        inputs={
            "csv_clicks": Input(ids.EXPORT_CSV, "n_clicks"),
            "xlsx_clicks": Input(ids.EXPORT_XLSX, "n_clicks"),
            **_dependencies(State),
        },
        url_trigger=False,
    )
    def audit_export(state: ViewState, csv_clicks, xlsx_clicks, **values) -> dict:
        require_admin()
        fmt = {ids.EXPORT_CSV: "csv", ids.EXPORT_XLSX: "xlsx"}.get(ctx.triggered_id)
        if fmt is None or not (csv_clicks or xlsx_clicks):
            raise PreventUpdate
        filters = Filters.parse(**values)
        records = matching(services.audit.trail(), filters, limit=EXPORT_MAX)
        namer = region_namer(state.lang)
        content = (
            csv_bytes(records, state.lang, namer) if fmt == "csv" else xlsx_bytes(records, state.lang, namer, filters)
        )
        services.audit.record("export", object=OBJECT, detail={**filters.detail(), "format": fmt, "rows": len(records)})
        return {"file": dcc.send_bytes(content, f"{t('aud_export_title', state.lang)}.{fmt}")}


__all__ = ["SHOWN_MAX", "register"]
