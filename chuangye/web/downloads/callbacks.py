"""Export callbacks: every chart's 下载 menu, every grid's XLSX/CSV buttons, the region report buttons.

A click in the browser writes a request into the component's request store (assets/exports.js: for a chart
only its graph id, the format and the preset; for a grid its displayed columns and its rows as filtered and
sorted); a server callback makes the file from that and the URL's view state (views.py: a chart is rebuilt
by the page's chart registry) and hands it to the component's dcc.Download. Pattern-matching ids keep this
to one pair of callbacks for all charts and one for all tables.

A view outside the user's area is refused with a 403 before any file is built (web/access.check_export).
A request the server will not serve (a figure, unknown keys, an unknown chart, a table larger than its grid)
is answered with its 4xx status and a JSON message in Chinese and English (web/errors.py); an export that
fails (the browser is missing, a job timed out) shows an alert in the page.
"""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, ctx, dcc
from dash.exceptions import PreventUpdate
from flask import request as http_request
from werkzeug.exceptions import HTTPException

from chuangye.engine.manager import Analytics
from chuangye.exports.browser import ExportError
from chuangye.exports.report.model import ReportError
from chuangye.strings.i18n import t
from chuangye.web.access import check_export
from chuangye.web.callbacks import page_callback
from chuangye.web.downloads import ids
from chuangye.web.downloads.views import (
    TABLE_FORMATS,
    ExportFile,
    ExportRequestError,
    chart_download,
    region_download,
    region_subject,
    subject_code,
    table_download,
)
from chuangye.web.errors import refuse, show_alert
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

log = logging.getLogger(__name__)
FAILURES = (ExportError, ReportError)  # the export could not be made: the user is told in the page
REGION_BUTTONS = {ids.REPORT_PDF: "pdf", ids.REPORT_DOCX: "docx", ids.REGION_XLSX: "xlsx"}


def _send(file: ExportFile) -> dict:
    return dcc.send_bytes(file.content, file.filename)


def _failed(kind: str, exc: Exception, lang: str) -> dict:
    """No file, and an alert in the page saying why (the callback still answers, so the alert arrives)."""
    log.warning("%s export failed: %s", kind, exc)
    show_alert(str(exc), lang, title_key="ex_alert_title")  # the alert's title says "export failed"
    return {"file": None}


def audited_export(
    services: Services, action: str, subject: str, state: ViewState, an: Analytics, *, kind: str, request=None
) -> None:
    """The export or report of ``subject`` in the audit trail; outside the user's area it is refused (403,
    recorded as denied) before any file is built."""
    detail = {"kind": kind, "page": state.page, "year": state.year, "basis": state.basis}
    if isinstance(request, dict):
        detail |= {k: str(request[k])[:40] for k in ("graph", "grid", "fmt", "preset") if k in request}
    try:
        check_export(subject, an)
    except HTTPException:
        services.audit.record(action, object=kind, region=subject, outcome="denied", detail=detail)
        raise
    services.audit.record(action, object=kind, region=subject, detail=detail)


def register(app: Dash, services: Services) -> None:
    # ------------------------------------------------------------------------------------ charts
    # clientside and pattern-matching, reading no URL: page_callback registers server callbacks of a view
    app.clientside_callback(
        ClientsideFunction("exports", "chartRequest"),
        Output({"type": ids.CHART_REQUEST, "graph": MATCH}, "data"),
        Input({"type": ids.CHART_EXPORT, "graph": MATCH, "fmt": ALL, "preset": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @page_callback(
        app,
        services,
        None,
        output={"file": Output({"type": ids.CHART_DOWNLOAD, "graph": MATCH}, "data")},
        inputs={"request": Input({"type": ids.CHART_REQUEST, "graph": MATCH}, "data")},
        url_trigger=False,
        running=[(Output({"type": ids.CHART_MENU, "graph": MATCH}, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def download_chart(state: ViewState, request: dict | None) -> dict:
        if not request:
            raise PreventUpdate
        an = services.analytics()
        subject = subject_code(state, an)
        audited_export(services, "export", subject, state, an, kind="chart", request=request)
        try:
            return {"file": _send(chart_download(an, state, request))}
        except ExportRequestError as exc:
            raise refuse(exc.status, str(exc)) from exc
        except FAILURES as exc:
            return _failed("chart", exc, state.lang)

    # ------------------------------------------------------------------------------------ tables
    # clientside and pattern-matching, reading no URL: page_callback registers server callbacks of a view
    app.clientside_callback(
        ClientsideFunction("exports", "tableRequest"),
        Output({"type": ids.TABLE_REQUEST, "grid": MATCH}, "data"),
        Input({"type": ids.TABLE_EXPORT, "grid": MATCH, "fmt": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @page_callback(
        app,
        services,
        None,
        output={"file": Output({"type": ids.TABLE_DOWNLOAD, "grid": MATCH}, "data")},
        inputs={"request": Input({"type": ids.TABLE_REQUEST, "grid": MATCH}, "data")},
        url_trigger=False,
        # one running output per button: the renderer looks a running output up without its ALL keys (not found)
        running=[
            (Output({"type": ids.TABLE_EXPORT, "grid": MATCH, "fmt": fmt}, "disabled"), True, False)
            for fmt in TABLE_FORMATS
        ],
        prevent_initial_call=True,
    )
    def download_table(state: ViewState, request: dict | None) -> dict:
        if not request:
            raise PreventUpdate
        an = services.analytics()
        subject = subject_code(state, an)
        audited_export(services, "export", subject, state, an, kind="table", request=request)
        try:
            file = table_download(an, state, request, http_request.content_length)
            return {"file": _send(file)}
        except ExportRequestError as exc:
            raise refuse(exc.status, str(exc)) from exc
        except FAILURES as exc:
            return _failed("table", exc, state.lang)

    # ------------------------------------------------------------------------------------ the region
    @page_callback(
        app,
        services,
        None,
        output={"file": Output(ids.REPORT_DOWNLOAD, "data"), "error": Output(ids.REPORT_ERROR, "children")},
        inputs={fmt: Input(button, "n_clicks") for button, fmt in REGION_BUTTONS.items()},
        url_trigger=False,
        running=[
            *((Output(button, "disabled"), True, False) for button in REGION_BUTTONS),
            (Output(ids.REPORT_STATUS, "hidden"), False, True),
        ],
        prevent_initial_call=True,
    )
    def download_region(state: ViewState, **clicks: int | None) -> dict:
        fmt = REGION_BUTTONS.get(ctx.triggered_id or "")
        if not fmt or not clicks.get(fmt):
            raise PreventUpdate
        an = services.analytics()
        subject = region_subject(an, state)
        audited_export(services, "report", subject, state, an, kind=fmt)
        try:
            return {"file": _send(region_download(an, state, fmt)), "error": None}
        except (*FAILURES, ExportRequestError) as exc:
            log.warning("region export failed: %s", exc)
            message = t("ex_failed", state.lang, error=str(exc))
            alert = dbc.Alert(message, color="danger", className="small mt-2 mb-0", dismissable=True)
            return {"error": alert}  # no file
