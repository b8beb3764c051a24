"""The audit page: filters, the count line, export buttons and the grid (its rows come from a callback).
Anyone but an admin gets a notice in the out-of-scope style, with nothing of the trail in it."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.strings.i18n import t
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.audit import ids
from chuangye.web.pages.audit.guard import is_admin
from chuangye.web.pages.audit.rows import action_options, outcome_options
from chuangye.web.viewstate import ViewState


def _fixed(width: int) -> dict:
    """A column exactly this wide (AG Grid's default is 200 px whatever the content)."""
    return {"width": width, "minWidth": width}


GRID_COLUMNS = (
    GridColumn("at", "aud_col_at", options=_fixed(250)),  # 2026-12-01T16:00:00+08:00 on one line
    GridColumn("username", "aud_col_username", options=_fixed(130)),
    GridColumn("role", "aud_col_role", options=_fixed(135)),
    GridColumn("address", "aud_col_address", options=_fixed(130)),
    GridColumn("action", "aud_col_action", options=_fixed(150)),
    GridColumn("object", "aud_col_object", options=_fixed(140)),
    GridColumn("region", "aud_col_region", options=_fixed(100)),
    GridColumn("region_name", "aud_col_region_name", options=_fixed(110)),
    GridColumn("outcome", "aud_col_outcome", options=_fixed(80)),
    GridColumn("detail", "aud_col_detail", options={"minWidth": 220, "flex": 1, "wrapText": True, "autoHeight": True}),
)


def layout(state: ViewState, an: Analytics) -> html.Div:
    return audit_page(state.lang) if is_admin() else admin_only(state)


def _labelled(label: str, control, html_for: str, **col) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=html_for, className="mb-1 small"), control], **col)


def filters(lang: str) -> dbc.Row:
    return dbc.Row(
        [
            _labelled(
                t("aud_filter_dates", lang),
                dcc.DatePickerRange(
                    id=ids.DATES,
                    display_format="YYYY-MM-DD",
                    start_date_placeholder_text=t("aud_date_start", lang),
                    end_date_placeholder_text=t("aud_date_end", lang),
                    clearable=True,
                ),
                ids.DATES,
                xs=12,
                md="auto",
            ),
            _labelled(
                t("aud_filter_user", lang),
                dbc.Input(id=ids.USER, type="text", debounce=True, placeholder=t("aud_filter_user_placeholder", lang)),
                ids.USER,
                xs=12,
                md=2,
            ),
            _labelled(
                t("aud_filter_action", lang),
                dcc.Dropdown(id=ids.ACTION, options=action_options(lang), placeholder=t("aud_filter_any", lang)),
                ids.ACTION,
                xs=12,
                md=3,
            ),
            _labelled(
                t("aud_filter_outcome", lang),
                dcc.Dropdown(id=ids.OUTCOME, options=outcome_options(lang), placeholder=t("aud_filter_any", lang)),
                ids.OUTCOME,
                xs=12,
                md=2,
            ),
        ],
        className="g-2 mb-2 align-items-end",
    )


def audit_page(lang: str) -> html.Div:
    return html.Div(
        [
            html.H2(t("aud_title", lang), id=ids.TITLE, className="h4"),
            html.P(t("aud_intro", lang), className="text-muted small"),
            filters(lang),
            html.Div(
                [
                    html.Span(id=ids.COUNT, className="me-auto", role="status"),
                    dbc.Button(
                        t("aud_export_csv", lang),
                        id=ids.EXPORT_CSV,
                        size="sm",
                        outline=True,
                        color="primary",
                        title=t("aud_export_note", lang),
                    ),
                    dbc.Button(
                        t("aud_export_xlsx", lang),
                        id=ids.EXPORT_XLSX,
                        size="sm",
                        outline=True,
                        color="primary",
                        title=t("aud_export_note", lang),
                    ),
                    dcc.Download(id=ids.DOWNLOAD),
                ],
                className="d-flex flex-wrap align-items-center gap-2 mb-2",
            ),
            dag.AgGrid(
                id=ids.GRID,
                columnDefs=column_defs(GRID_COLUMNS, lang),
                rowData=[],
                getRowId="params.data.id",
                dashGridOptions=grid_options(lang, pagination=True, paginationPageSize=50),
                style={"height": "60vh"},
            ),
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
                            t("aud_admin_only_title", lang),
                        ],
                        className="h4",
                    ),
                    html.P(t("aud_admin_only_text", lang), className="mb-3"),
                    dcc.Link(t("aud_admin_only_back", lang), href=state.href("overview"), className="btn btn-primary"),
                ]
            ),
            className="my-4 mx-auto",
            style={"maxWidth": "40rem"},
        ),
        id=ids.ADMIN_ONLY,
        role="alert",
    )
