"""The Data page: 1 upload, 2 the validation report, 3 what the import changes (and the import), 4 the versions
(and the rollback). The report and the change preview appear once files are uploaded; their contents, the file
list and the versions come from callbacks. Anyone but an admin gets a notice, with nothing of the data in it."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.data.limits import UPLOAD_LIMITS, size_text
from chuangye.data.store import NOTE_MAX_CHARS
from chuangye.engine.manager import Analytics
from chuangye.exports.templates import ALL, TEMPLATE_TABLES, template_years
from chuangye.strings.i18n import t
from chuangye.web import busy
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.data import ids
from chuangye.web.pages.data.guard import is_admin
from chuangye.web.pages.data.rows import BLANK_TEMPLATE, table_label, template_href, template_region_options
from chuangye.web.viewstate import ViewState

HIDDEN = "d-none"
PROGRESS_SHOWN = "d-flex align-items-center gap-2 text-primary small my-2"
SECTION = "mb-3"
ROW_NUMBER = {"valueFormatter": {"function": "chuangyePlain(params)"}}
WRAPPED = {"wrapText": True, "autoHeight": True}

PROBLEM_COLUMNS = (
    GridColumn("file", "dp_col_file", options={"minWidth": 150, "flex": 1, **WRAPPED}),
    GridColumn("row", "dp_col_row", "int", {"width": 92, **ROW_NUMBER}),
    GridColumn("column", "dp_col_column", options={"minWidth": 150, "flex": 1, **WRAPPED}),
    GridColumn("value", "dp_col_value", options={"minWidth": 110, "flex": 1, **WRAPPED}),
    GridColumn("message", "dp_col_message", options={"minWidth": 260, "flex": 3, **WRAPPED}),
    GridColumn("check", "dp_col_check", options={"minWidth": 130, "flex": 1, **WRAPPED}),
)
CHANGE_COLUMNS = (
    GridColumn("table", "dp_col_table", options={"minWidth": 170, "flex": 2, **WRAPPED}),
    GridColumn("source", "dp_col_source", options={"minWidth": 150, "flex": 2, **WRAPPED}),
    GridColumn("before", "dp_col_before", "int", {"width": 104}),
    GridColumn("after", "dp_col_after", "int", {"width": 104}),
    GridColumn("added", "dp_col_added", "int", {"width": 92}),
    GridColumn("changed", "dp_col_changed", "int", {"width": 92}),
    GridColumn("removed", "dp_col_removed", "int", {"width": 92}),
    GridColumn("note", "dp_col_note", options={"minWidth": 140, "flex": 1, **WRAPPED}),
)
COVERAGE_COLUMNS = (
    GridColumn("region", "dp_col_region", options={"minWidth": 100, "flex": 1}),
    GridColumn("type", "dp_col_type", options={"minWidth": 130, "flex": 1}),
    GridColumn("year", "dp_col_year", "int", {"width": 80, **ROW_NUMBER}),
    GridColumn("before", "dp_col_cov_before", options={"width": 100, "cellClass": "ag-right-aligned-cell"}),
    GridColumn("after", "dp_col_cov_after", options={"width": 100, "cellClass": "ag-right-aligned-cell"}),
    GridColumn("change", "dp_col_cov_change", options={"width": 150, "cellClass": "ag-right-aligned-cell"}),
    GridColumn("certified", "dp_col_certified", options={"minWidth": 190, "flex": 1}),
)
VERSION_COLUMNS = (
    GridColumn("id", "dp_col_version", options={"width": 210, "minWidth": 210}),
    GridColumn("view", "dp_col_view", options={"width": 130, "minWidth": 130, "cellRenderer": "markdown"}),
    GridColumn("created", "dp_col_created", options={"width": 196, "minWidth": 196, "wrapText": False}),
    GridColumn("by", "dp_col_by", options={"minWidth": 110, **WRAPPED}),
    GridColumn("note", "dp_col_version_note", options={"minWidth": 140, "flex": 1, **WRAPPED}),
    GridColumn("status", "dp_col_status", options={"minWidth": 110, **WRAPPED}),
    GridColumn("changes", "dp_col_changes", options={"minWidth": 160, "flex": 2, **WRAPPED}),
    GridColumn("files", "dp_col_files", options={"minWidth": 150, "flex": 2, **WRAPPED}),
    GridColumn("rows", "dp_col_rows", options={"minWidth": 160, "flex": 2, **WRAPPED}),
)
SUBMISSIONS_HREF = "/submissions?lang={lang}"  # 数据报送: where cities, counties and the province send figures
PAGED = {"pagination": True, "paginationPageSize": 20, "paginationPageSizeSelector": False}


def layout(state: ViewState, an: Analytics) -> html.Div:
    return data_page(state.lang, an) if is_admin() else admin_only(state)


def _grid(grid_id: str, columns: tuple[GridColumn, ...], lang: str, **options) -> dag.AgGrid:
    """A grid as tall as its rows (a page of them at most, where it pages)."""
    return dag.AgGrid(
        id=grid_id,
        columnDefs=column_defs(columns, lang),
        rowData=[],
        getRowId="params.data.id",
        dashGridOptions=grid_options(lang, domLayout="autoHeight", **options),
        style={"height": None},
    )


def _card(heading: str, body: list, **attributes) -> dbc.Card:
    return dbc.Card([dbc.CardHeader(html.H3(heading, className="h6 mb-0")), dbc.CardBody(body)], **attributes)


def template_tools(lang: str, an: Analytics | None) -> html.Div:
    """Choose a table (or all), a region (blank, the province, a city or county) and a year; the link is the
    audited templates API's, fetched with the admin's session."""
    years = template_years(an) if an is not None else []
    year = years[-2] if len(years) > 1 else None
    regions = template_region_options(an.regions, lang) if an is not None else []
    tables = [{"label": t("dp_template_all", lang), "value": ALL}] + [
        {"label": table_label(table, lang), "value": table} for table in TEMPLATE_TABLES
    ]

    def choice(label: str, component) -> html.Div:
        return html.Div([dbc.Label(label, html_for=component.id, className="small mb-0"), component])

    return html.Div(
        [
            html.H4(t("dp_template_heading", lang), className="h6 mb-1"),
            html.P(t("dp_template_intro", lang), className="small text-muted mb-2"),
            html.Div(
                [
                    choice(t("dp_template_table", lang), dbc.Select(id=ids.TEMPLATE_TABLE, options=tables, value=ALL,
                                                                      size="sm")),
                    choice(t("dp_template_region", lang), dbc.Select(id=ids.TEMPLATE_REGION, options=regions,
                                                                       value=BLANK_TEMPLATE, size="sm")),
                    choice(t("dp_template_year", lang), dbc.Select(id=ids.TEMPLATE_YEAR, value=year, size="sm",
                                                                     options=[{"label": str(y), "value": y}
                                                                              for y in years])),
                    html.A(
                        [html.I(className="bi bi-file-earmark-spreadsheet me-1", **{"aria-hidden": "true"}),
                         t("dp_template_download", lang)],
                        id=ids.TEMPLATE_LINK,
                        href=template_href(ALL, None, year, lang),
                        className="btn btn-outline-primary btn-sm text-nowrap",
                    ),
                ],
                className="dp-template-tools d-flex flex-wrap align-items-end gap-2",
            ),
            html.P(t("dp_template_slow", lang), id=ids.TEMPLATE_HINT, className=HIDDEN),
        ],
        className="mt-3 pt-3 border-top",
    )  # fmt: skip


def upload_card(lang: str, an: Analytics | None = None) -> dbc.Card:
    limits = t(
        "dp_upload_limits",
        lang,
        files=UPLOAD_LIMITS.max_files,
        each=size_text(UPLOAD_LIMITS.max_file_bytes),
        total=size_text(UPLOAD_LIMITS.max_total_bytes),
    )
    return _card(
        t("dp_upload_heading", lang),
        [
            dcc.Upload(
                html.Div(
                    [
                        html.I(className="bi bi-cloud-upload fs-3 d-block mb-1", **{"aria-hidden": "true"}),
                        html.Div(t("dp_upload_prompt", lang), className="fw-semibold"),
                        html.Div(t("dp_upload_kinds", lang), className="small text-muted mt-1"),
                    ]
                ),
                id=ids.UPLOAD,
                multiple=True,
                className="dp-upload border border-2 rounded-3 p-3 text-center bg-light",
                style={"borderStyle": "dashed", "cursor": "pointer"},
            ),
            html.P(limits, className="small text-muted mt-2 mb-1"),
            html.Div(
                [dbc.Spinner(size="sm", spinner_class_name="me-1"), t("dp_progress", lang)],
                id=ids.PROGRESS,
                className=HIDDEN,
                role="status",
            ),
            busy.region(html.Div(t("dp_upload_none", lang), id=ids.FILES, className="small"), className="mt-1"),
            template_tools(lang, an),
        ],
        className=SECTION,
    )


def report_card(lang: str) -> dbc.Card:
    return _card(
        t("dp_report_heading", lang),
        [
            html.P(id=ids.REPORT_SUMMARY, className=f"{busy.BUSY_TEXT} fw-semibold", role="status"),
            html.Div(
                [
                    html.Div(
                        [
                            dbc.Label(t("dp_report_choice", lang), html_for=ids.REPORT_CHOICE, className="mb-0 small"),
                            dbc.Select(
                                id=ids.REPORT_CHOICE, options=[], value="list", size="sm", style={"maxWidth": "26rem"}
                            ),
                            dbc.Button(
                                [
                                    html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}),
                                    t("dp_report_download", lang),
                                ],
                                id=ids.REPORT_DOWNLOAD,
                                size="sm",
                                outline=True,
                                color="primary",
                                className="text-nowrap",
                            ),
                        ],
                        className="d-flex flex-wrap align-items-center gap-2 mb-1",
                    ),
                    html.P(id=ids.REPORT_CSV_NOTE, className="small text-muted mb-2"),
                    dbc.Input(
                        id=ids.FILTER,
                        type="search",
                        size="sm",
                        debounce=True,
                        placeholder=t("dp_filter_placeholder", lang),
                        className="mb-2",
                        style={"maxWidth": "26rem"},
                    ),
                ],
                id=ids.REPORT_TOOLS,
            ),
            dcc.Download(id=ids.REPORT_FILE),
            html.Div(
                [
                    html.H4(id=ids.ERRORS_HEADING, className="h6 text-danger"),
                    busy.region(_grid(ids.ERROR_GRID, PROBLEM_COLUMNS, lang, quickFilterText="", **PAGED)),
                ],
                id=ids.ERRORS,
                className="mb-3",
            ),
            html.Div(
                [
                    html.H4(id=ids.WARNINGS_HEADING, className="h6 text-warning-emphasis"),
                    busy.region(_grid(ids.WARNING_GRID, PROBLEM_COLUMNS, lang, quickFilterText="", **PAGED)),
                ],
                id=ids.WARNINGS,
            ),
            html.P(id=ids.SHOWN_NOTE, className="small text-muted mt-2 mb-0"),
        ],
        id=ids.REPORT,
        className=f"{SECTION} {HIDDEN}",
    )


def changes_card(lang: str) -> dbc.Card:
    return _card(
        t("dp_changes_heading", lang),
        [
            html.P(id=ids.CHANGES_AGAINST, className=busy.BUSY_TEXT),
            busy.region(_grid(ids.CHANGE_GRID, CHANGE_COLUMNS, lang), className="mb-3"),
            html.P(id=ids.COVERAGE, className=f"{busy.BUSY_TEXT} fw-semibold mb-1", role="status"),
            html.Div(
                busy.region(_grid(ids.COVERAGE_GRID, COVERAGE_COLUMNS, lang, **PAGED)),
                id=ids.COVERAGE_BOX,
                className=HIDDEN,
            ),
            html.Div(className="mb-3"),
            html.Div(id=ids.BOUNDARY_NOTES, className="small mb-3"),
            html.Div(
                [
                    html.P(t("dp_consent_heading", lang), className="fw-semibold mb-1"),
                    dbc.Checklist(id=ids.CONSENT, options=[], value=[], className="mb-2"),
                ],
                id=ids.CONSENT_BOX,
                className=HIDDEN,
            ),
            dbc.Label(t("dp_note_label", lang), html_for=ids.NOTE, className="small mb-1"),
            dbc.Input(
                id=ids.NOTE,
                type="text",
                size="sm",
                maxLength=NOTE_MAX_CHARS,
                placeholder=t("dp_note_placeholder", lang),
                className="mb-2",
                style={"maxWidth": "40rem"},
            ),
            html.Div(
                [
                    dbc.Button(
                        [html.I(className="bi bi-database-up me-1", **{"aria-hidden": "true"}), t("dp_import", lang)],
                        id=ids.IMPORT,
                        color="primary",
                        disabled=True,
                    ),
                    html.Span(id=ids.IMPORT_HINT, className="small text-muted"),
                ],
                className="d-flex flex-wrap align-items-center gap-2",
            ),
        ],
        id=ids.CHANGES,
        className=f"{SECTION} {HIDDEN}",
    )


def versions_card(lang: str) -> dbc.Card:
    return _card(
        t("dp_versions_heading", lang),
        [
            html.P(t("dp_versions_intro", lang), className="small text-muted"),
            html.Div(
                [
                    dbc.Button(
                        [
                            html.I(className="bi bi-arrow-counterclockwise me-1", **{"aria-hidden": "true"}),
                            t("dp_rollback", lang),
                        ],
                        id=ids.ROLLBACK,
                        size="sm",
                        color="warning",
                        disabled=True,
                    ),
                ],
                className="d-flex flex-wrap gap-2 mb-2",
            ),
            busy.region(
                _grid(
                    ids.VERSION_GRID,
                    VERSION_COLUMNS,
                    lang,
                    rowSelection={"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                )
            ),
        ],
        className=SECTION,
    )


def rollback_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("dp_rollback_title", lang))),
            dbc.ModalBody(html.P(id=ids.ROLLBACK_QUESTION, className="mb-0")),
            dbc.ModalFooter(
                [
                    dbc.Button(t("dp_rollback_cancel", lang), id=ids.ROLLBACK_CANCEL, color="secondary", outline=True),
                    dbc.Button(t("dp_rollback_confirm", lang), id=ids.ROLLBACK_CONFIRM, color="warning"),
                ]
            ),
        ],
        id=ids.ROLLBACK_MODAL,
        is_open=False,
    )


def data_page(lang: str, an: Analytics | None = None) -> html.Div:
    return html.Div(
        [
            html.H2(t("dp_title", lang), id=ids.TITLE, className="h4"),
            html.P(t("dp_intro", lang), className="text-muted small"),
            dcc.Store(
                id=ids.SESSION, storage_type="session"
            ),  # kept when the page is drawn again in the other language
            dcc.Store(id=ids.VERSIONS_REV, data=0),
            upload_card(lang, an),
            report_card(lang),
            changes_card(lang),
            html.Div(id=ids.RESULT, role="status", **{"aria-live": "polite"}),
            versions_card(lang),
            rollback_modal(lang),
        ],
        id=ids.PAGE,
    )


def admin_only(state: ViewState) -> html.Div:
    lang = state.lang
    return html.Div(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(
                        [
                            html.I(className="bi bi-shield-lock me-2", **{"aria-hidden": "true"}),
                            t("dp_admin_only_title", lang),
                        ],
                        className="h4",
                    ),
                    html.P(t("dp_admin_only_text", lang), className="mb-2"),
                    html.P(
                        [
                            t("dp_admin_only_submit", lang),
                            dcc.Link(
                                t("dp_admin_only_submissions", lang),
                                href=SUBMISSIONS_HREF.format(lang=lang),
                                id=ids.SUBMISSIONS_LINK,
                                className="fw-semibold",
                            ),
                            t("dp_admin_only_submit_end", lang),
                        ],
                        className="mb-3",
                    ),
                    dcc.Link(t("dp_admin_only_back", lang), href=state.href("overview"), className="btn btn-primary"),
                ]
            ),
            className="my-4 mx-auto",
            style={"maxWidth": "40rem"},
        ),
        id=ids.ADMIN_ONLY,
        role="alert",
    )
