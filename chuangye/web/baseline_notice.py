"""A notice under the global controls for a view on the certified basis in a year before the first certification
round: certified coverage is 0 there only because nothing could be certified yet, so rankings and comparisons on
that basis say nothing. The notice says so and links to the same view on the meets basis (the baseline). The
overview shows the baseline itself and the Method page explains it, so neither carries the notice."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Output, dcc, html

from chuangye.strings.i18n import t
from chuangye.web.callbacks import page_callback
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

NOTICE = "baseline-notice"
PAGES_WITHOUT_NOTICE = ("overview", "method", "not_found", "out_of_scope")


def notice_slot() -> html.Div:
    return html.Div(id=NOTICE, **{"aria-live": "polite"})


def notice(state: ViewState, first: int | None) -> dbc.Alert | None:
    """The notice for ``state`` given the data's first round year, or None when the view needs none."""
    if state.page in PAGES_WITHOUT_NOTICE or state.basis != "certified":
        return None
    if first is not None and state.year >= first:
        return None
    text = t("base_notice", state.lang, year=state.year, first=first) if first else t("base_notice_ever", state.lang)
    link = dcc.Link(t("base_notice_link", state.lang), href=state.href(basis="meets"), className="alert-link ms-1")
    return dbc.Alert(
        [html.I(className="bi bi-flag-fill me-2", **{"aria-hidden": "true"}), text, link],
        color="info",
        className="py-2 mb-2 small",
    )


def register(app: Dash, services: Services) -> None:
    @page_callback(app, services, None, output={"notice": Output(NOTICE, "children")}, pathname_trigger=True)
    def baseline_notice(state: ViewState) -> dict:
        an = services.analytics()
        first = an.first_round
        return {"notice": notice(state, first)}
