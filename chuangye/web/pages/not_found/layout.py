"""The 404 page: says the address names no page and links back to the overview (and to every page), keeping the
view's language, year, type and basis."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.strings.i18n import t
from chuangye.web.pages.not_found import ids
from chuangye.web.viewstate import ADMIN_PAGES, PAGES, ViewState


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    others = [
        dcc.Link(t(f"page_{page}", lang), href=state.href(page), className="me-3 text-nowrap d-inline-block")
        for page in PAGES[1:]
        if page not in ADMIN_PAGES  # the audit log is in the navigation of admins only
    ]
    return html.Div(
        dbc.Card(
            dbc.CardBody(
                [
                    html.P(t("nf_code", lang), className="text-muted mb-1"),
                    html.H2(t("nf_title", lang), id=ids.TITLE, className="h4"),
                    html.P(t("nf_text", lang), className="mb-2"),
                    html.P(
                        [t("nf_address", lang), html.Code(id=ids.ADDRESS, className="text-break")],
                        className="mb-3 small",
                    ),
                    dcc.Link(
                        [html.I(className="bi bi-arrow-left me-1", **{"aria-hidden": "true"}), t("nf_back", lang)],
                        href=state.href("overview"),
                        id=ids.BACK,
                        className="btn btn-primary mb-3",
                    ),
                    html.P([html.Span(t("nf_pages", lang), className="me-2"), *others], className="mb-0"),
                ]
            ),
            className="my-4 mx-auto",
            style={"maxWidth": "40rem"},
        ),
        id=ids.PAGE,
        role="alert",
    )
