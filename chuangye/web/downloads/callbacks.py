"""Export callbacks: every chart's 下载 menu, every grid's XLSX/CSV buttons, the region report buttons.

A click in the browser collects what is shown (assets/exports.js: the figure as drawn, the grid's rows
as filtered and sorted) into the component's request store; a server callback renders the file from
that and the URL's view state and hands it to the component's dcc.Download. Pattern-matching ids keep
this to one pair of callbacks for all charts and one for all tables.
"""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from chuangye.exports.browser import ExportError
from chuangye.exports.report.model import ReportError
from chuangye.strings.i18n import t
from chuangye.web.downloads.views import (
    ExportFile,
    ExportRequestError,
    chart_download,
    region_download,
    table_download,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

log = logging.getLogger(__name__)
EXPECTED = (ExportError, ReportError, ExportRequestError)
REGION_BUTTONS = {"export-report-pdf": "pdf", "export-report-docx": "docx", "export-region-xlsx": "xlsx"}


def _send(file: ExportFile) -> dict:
    return dcc.send_bytes(file.content, file.filename)


def register(app: Dash, services: Services) -> None:
    def view(pathname: str | None, search: str | None) -> ViewState:
        return ViewState.from_url(pathname, search, tuple(services.analytics().years))

    # ------------------------------------------------------------------------------------ charts
    app.clientside_callback(
        ClientsideFunction("exports", "chartRequest"),
        Output({"type": "chart-export-request", "graph": MATCH}, "data"),
        Input({"type": "chart-export", "graph": MATCH, "fmt": ALL, "preset": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output({"type": "chart-export-download", "graph": MATCH}, "data"),
        Input({"type": "chart-export-request", "graph": MATCH}, "data"),
        State("url", "pathname"),
        State("url", "search"),
        running=[(Output({"type": "chart-export-menu", "graph": MATCH}, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def download_chart(request, pathname, search):
        if not request:
            return no_update
        try:
            return _send(chart_download(services.analytics(), view(pathname, search), request))
        except EXPECTED as exc:
            log.warning("chart export failed: %s", exc)
            return no_update

    # ------------------------------------------------------------------------------------ tables
    app.clientside_callback(
        ClientsideFunction("exports", "tableRequest"),
        Output({"type": "table-export-request", "grid": MATCH}, "data"),
        Input({"type": "table-export", "grid": MATCH, "fmt": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output({"type": "table-export-download", "grid": MATCH}, "data"),
        Input({"type": "table-export-request", "grid": MATCH}, "data"),
        State("url", "pathname"),
        State("url", "search"),
        running=[(Output({"type": "table-export", "grid": MATCH, "fmt": ALL}, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def download_table(request, pathname, search):
        if not request:
            return no_update
        try:
            return _send(table_download(services.analytics(), view(pathname, search), request))
        except EXPECTED as exc:
            log.warning("table export failed: %s", exc)
            return no_update

    # ------------------------------------------------------------------------------------ the region
    @app.callback(
        Output("export-report-download", "data"),
        Output("export-report-error", "children"),
        [Input(button, "n_clicks") for button in REGION_BUTTONS],
        State("url", "pathname"),
        State("url", "search"),
        running=[
            *((Output(button, "disabled"), True, False) for button in REGION_BUTTONS),
            (Output("export-report-status", "hidden"), False, True),
        ],
        prevent_initial_call=True,
    )
    def download_region(_pdf, _docx, _xlsx, pathname, search):
        fmt = REGION_BUTTONS.get(ctx.triggered_id or "")
        if not fmt or not ctx.triggered[0].get("value"):
            return no_update, no_update
        state = view(pathname, search)
        try:
            return _send(region_download(services.analytics(), state, fmt)), None
        except EXPECTED as exc:
            log.warning("region export failed: %s", exc)
            message = t("ex_failed", state.lang, error=str(exc))
            return no_update, dbc.Alert(message, color="danger", className="small mt-2 mb-0", dismissable=True)
