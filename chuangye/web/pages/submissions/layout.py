"""The Submissions page: 1 deliver (city and county users: the year's deadlines, template links, upload and the
problems of an unclean upload), 2 the submissions the user may see (filters for the province), 3 the selected
one's detail and the review (forward or return for a city, accept several or return one for the province).
Every part is drawn for every role (the callbacks name them all) and hidden where the role has no use for it;
the list, the detail and the results come from callbacks. Anyone else gets a notice, with nothing in it."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.engine.scope import Scope, ScopeError
from chuangye.strings.i18n import t
from chuangye.web import busy
from chuangye.web.access import current_scope
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.data.layout import PROBLEM_COLUMNS
from chuangye.web.pages.submissions import ids
from chuangye.web.pages.submissions.guard import SUBMITTING_ROLES
from chuangye.web.pages.submissions.rows import deadline_lines, state_options, template_links
from chuangye.web.viewstate import ViewState

HIDDEN = "d-none"
SECTION = "mb-3"
PROGRESS_SHOWN = "d-flex align-items-center gap-2 text-primary small my-2"
WRAPPED = {"wrapText": True, "autoHeight": True}
LIST_COLUMNS = (
    GridColumn("id", "sp_col_id", "int", {"width": 96, "minWidth": 96}),
    GridColumn("region", "sp_col_region", options={"minWidth": 110, "flex": 1}),
    GridColumn("tables", "sp_col_tables", options={"minWidth": 150, "flex": 2, **WRAPPED}),
    GridColumn("year", "sp_col_year", options={"width": 80, "minWidth": 80}),
    GridColumn("state", "sp_col_state", options={"minWidth": 130, "flex": 1, **WRAPPED}),
    GridColumn("waiting", "sp_col_waiting", options={"minWidth": 100, "flex": 1}),
    GridColumn("deadline", "sp_col_deadline", options={"minWidth": 130, "flex": 1}),
    GridColumn("late", "sp_col_late", options={"minWidth": 110, "flex": 1}),
    GridColumn("submitter", "sp_col_submitter", options={"minWidth": 110, "flex": 1}),
    GridColumn("created", "sp_col_created", options={"minWidth": 200}),
    GridColumn("comment", "sp_col_comment", options={"minWidth": 160, "flex": 2, **WRAPPED}),
)


def layout(state: ViewState, an: Analytics) -> html.Div:
    scope = current_scope()
    try:
        scope.check(an.regions)
    except ScopeError:
        return no_access(state)
    return submissions_page(state, an, scope)


def _card(heading, body: list, **attributes) -> dbc.Card:
    return dbc.Card([dbc.CardHeader(html.H3(heading, className="h6 mb-0")), dbc.CardBody(body)], **attributes)


def intro(scope: Scope, lang: str) -> str:
    if scope.is_full:
        return t("sp_intro_province", lang)
    if scope.role == "city":
        return f"{t('sp_intro_submitter', lang)} {t('sp_intro_city', lang)}"
    return t("sp_intro_submitter", lang)


def deliver_card(state: ViewState, an: Analytics, scope: Scope) -> dbc.Card:
    """Deadlines, templates and the upload of a city or county user; drawn hidden (and empty) for the province."""
    lang, shown = state.lang, scope.role in SUBMITTING_ROLES
    region = scope.region if shown and scope.region else ""
    cycle = an.cfg.certification_cycle
    due = deadline_lines(cycle, state.year, lang) if shown else []
    deadlines_text = (
        t("sub_cert_deadlines", lang, year=state.year, items=t("sub_list_sep", lang).join(due))
        if due
        else t("sp_deadlines_none", lang, year=state.year)
    )
    links = [
        html.A(
            [html.I(className="bi bi-file-earmark-spreadsheet me-1", **{"aria-hidden": "true"}), label],
            href=href,
            className="btn btn-sm btn-outline-primary",
            download="",
        )
        for label, href in (template_links(region, state.year, lang) if shown else [])
    ]
    heading = t("sp_deliver_heading", lang, region=an.region_name(region, lang) if region else "—")
    return _card(
        heading,
        [
            html.P(deadlines_text, id=ids.DEADLINES, className="mb-2"),
            html.Div(
                [html.Span(t("sp_templates", lang), className="me-1 small"), *links],
                id=ids.TEMPLATES,
                className="d-flex flex-wrap align-items-center gap-2 mb-3",
            ),
            dbc.Label(t("sp_comment", lang), html_for=ids.COMMENT, className="small mb-1"),
            dbc.Input(
                id=ids.COMMENT,
                type="text",
                maxLength=2000,
                placeholder=t("sp_comment_placeholder", lang),
                className="mb-2",
            ),
            dcc.Upload(
                html.Div(
                    [
                        html.I(className="bi bi-cloud-upload fs-3 d-block mb-1", **{"aria-hidden": "true"}),
                        html.Div(t("sp_upload_prompt", lang), className="fw-semibold"),
                    ]
                ),
                id=ids.UPLOAD,
                multiple=True,
                className="border border-2 rounded-3 p-3 text-center bg-light",
                style={"borderStyle": "dashed", "cursor": "pointer"},
            ),
            html.Div(
                [dbc.Spinner(size="sm", spinner_class_name="me-1"), t("sp_checking", lang)],
                id=ids.PROGRESS,
                className=HIDDEN,
                role="status",
            ),
            html.Div(id=ids.UPLOAD_RESULT, className="mt-2", role="status"),
            html.Div(
                [
                    html.H4(t("sp_problems_heading", lang), className="h6 text-danger"),
                    dag.AgGrid(
                        id=ids.PROBLEM_GRID,
                        columnDefs=column_defs(PROBLEM_COLUMNS, lang),
                        rowData=[],
                        getRowId="params.data.id",
                        dashGridOptions=grid_options(
                            lang,
                            domLayout="autoHeight",
                            pagination=True,
                            paginationPageSize=20,
                            paginationPageSizeSelector=False,
                        ),
                        style={"height": None},
                    ),
                ],
                id=ids.PROBLEMS,
                className=HIDDEN,
            ),
        ],
        id=ids.DELIVER,
        className=SECTION if shown else HIDDEN,
    )


def filters(an: Analytics, scope: Scope, lang: str) -> dbc.Row:
    """State and year for everyone; the city for the province."""
    cities = [{"label": an.region_name(code, lang), "value": code} for code in an.regions.children(an.regions.root)]
    years = [{"label": str(year), "value": str(year)} for year in sorted(an.years, reverse=True)]
    any_ = t("sp_filter_any", lang)

    def labelled(label: str, control, control_id: str, **col) -> dbc.Col:
        return dbc.Col([dbc.Label(label, html_for=control_id, className="mb-1 small"), control], **col)

    return dbc.Row(
        [
            labelled(
                t("sp_filter_state", lang),
                dcc.Dropdown(id=ids.FILTER_STATE, options=state_options(lang), placeholder=any_),
                ids.FILTER_STATE,
                xs=12,
                md=4,
            ),
            labelled(
                t("sp_filter_year", lang),
                dcc.Dropdown(id=ids.FILTER_YEAR, options=years, placeholder=any_),
                ids.FILTER_YEAR,
                xs=6,
                md=2,
            ),
            labelled(
                t("sp_filter_city", lang),
                dcc.Dropdown(id=ids.FILTER_CITY, options=cities if scope.is_full else [], placeholder=any_),
                ids.FILTER_CITY,
                xs=6,
                md=3,
                className="" if scope.is_full else HIDDEN,
            ),
        ],
        id=ids.FILTERS,
        className="g-2 mb-2 align-items-end",
    )


def list_card(an: Analytics, scope: Scope, lang: str) -> dbc.Card:
    selection = (
        {"mode": "multiRow", "checkboxes": True, "headerCheckbox": False, "enableClickSelection": True}
        if scope.is_full
        else {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
    )
    return _card(
        t("sp_list_heading", lang),
        [
            filters(an, scope, lang),
            html.Div(
                [
                    busy.region(html.Span(id=ids.COUNT, role="status"), className="me-auto"),
                    html.Span(
                        t("sp_select_hint" if scope.is_full else "sp_select_hint_region", lang),
                        className="small text-muted",
                    ),
                ],
                className="d-flex flex-wrap gap-2 mb-2",
            ),
            busy.region(
                dag.AgGrid(
                    id=ids.GRID,
                    columnDefs=column_defs(LIST_COLUMNS, lang),
                    rowData=[],
                    getRowId="params.data.id",
                    dashGridOptions=grid_options(
                        lang,
                        rowSelection=selection,
                        domLayout="autoHeight",
                        pagination=True,
                        paginationPageSize=20,
                        paginationPageSizeSelector=False,
                    ),
                    style={"height": None},
                )
            ),
        ],
        className=SECTION,
    )


def review_card(scope: Scope, lang: str) -> dbc.Card:
    """The selected submission(s) and the steps the user may take: forward (a city), accept (the province),
    return (both)."""
    reviews = scope.is_full or scope.role == "city"
    return _card(
        t("sp_review_heading", lang),
        [
            busy.region(html.Div(t("sp_detail_none", lang), id=ids.DETAIL)),
            busy.region(html.Div(id=ids.IMPACT, className="mt-2")),
            html.Div(
                [
                    dbc.Label(t("sp_review_comment", lang), html_for=ids.REVIEW_COMMENT, className="small mb-1"),
                    dbc.Textarea(id=ids.REVIEW_COMMENT, maxLength=2000, rows=2, className="mb-2"),
                    html.Div(
                        [
                            dbc.Button(
                                t("sp_forward", lang),
                                id=ids.FORWARD,
                                color="primary",
                                disabled=True,
                                className="" if scope.role == "city" else HIDDEN,
                            ),
                            dbc.Button(
                                t("sp_accept", lang),
                                id=ids.ACCEPT,
                                color="success",
                                disabled=True,
                                className="" if scope.is_full else HIDDEN,
                            ),
                            dbc.Button(
                                t("sp_return", lang), id=ids.RETURN, color="danger", outline=True, disabled=True
                            ),
                        ],
                        className="d-flex flex-wrap gap-2",
                    ),
                ],
                id=ids.REVIEW,
                className="mt-3" if reviews else HIDDEN,
            ),
            html.Div(id=ids.ACTION_RESULT, className="mt-2", role="status"),
            confirm_modal(lang),
        ],
        className=SECTION,
    )


def confirm_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("sp_confirm_title", lang))),
            dbc.ModalBody(html.P(id=ids.CONFIRM_TEXT, className="mb-0")),
            dbc.ModalFooter(
                [
                    dbc.Button(t("sp_confirm_cancel", lang), id=ids.CONFIRM_CANCEL, color="secondary", outline=True),
                    dbc.Button(t("sp_confirm_ok", lang), id=ids.CONFIRM_OK, color="success"),
                ]
            ),
        ],
        id=ids.CONFIRM,
        is_open=False,
    )


def submissions_page(state: ViewState, an: Analytics, scope: Scope) -> html.Div:
    lang = state.lang
    return html.Div(
        [
            html.H2(t("sp_title", lang), id=ids.TITLE, className="h4"),
            html.P(intro(scope, lang), className="text-muted small"),
            dcc.Store(id=ids.REVISION, data=0),
            deliver_card(state, an, scope),
            list_card(an, scope, lang),
            review_card(scope, lang),
        ],
        id=ids.PAGE,
    )


def no_access(state: ViewState) -> html.Div:
    return html.Div(
        dbc.Alert(t("sp_refused", state.lang), color="warning", className="my-4"),
        id=ids.NO_ACCESS,
        role="alert",
    )


__all__ = ["LIST_COLUMNS", "layout", "submissions_page"]
