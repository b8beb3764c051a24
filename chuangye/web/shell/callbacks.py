"""URL ⇄ controls, page switching and the shell's language.

The URL is the single source of truth: a control writes the URL, the URL (typed, pasted or reached with
the browser's back button) sets the controls and the page. Both directions live in one callback, the
only way Dash allows the cycle.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from chuangye.strings.i18n import data_source, t
from chuangye.web.callbacks import page_callback
from chuangye.web.routing import render_page
from chuangye.web.services import Services
from chuangye.web.shell import ids
from chuangye.web.shell.layout import (
    app_title,
    as_of_notice,
    back_to_current,
    basis_group_class,
    basis_options,
    controls_class,
    data_notice,
    footer_version,
    nav_label,
    type_group_class,
    type_options,
    year_options,
)
from chuangye.web.viewstate import PAGES, ViewState


def register(app: Dash, services: Services) -> None:
    @page_callback(
        app,
        services,
        None,
        output={
            "search": Output(ids.URL, "search"),
            "year": Output(ids.YEAR, "value"),
            "unit_type": Output(ids.TYPE, "value"),
            "basis": Output(ids.BASIS, "value"),
        },
        inputs={
            "year": Input(ids.YEAR, "value"),
            "unit_type": Input(ids.TYPE, "value"),
            "basis": Input(ids.BASIS, "value"),
            "lang_clicks": Input(ids.LANG_TOGGLE, "n_clicks"),
        },
        pass_url=True,
    )
    def sync_url_and_controls(
        state: ViewState, year: str, unit_type: str, basis: str, lang_clicks, url_search: str | None, url_pathname
    ) -> dict:
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL):
            return {"year": str(state.year), "unit_type": state.unit_type, "basis": state.basis}
        if trigger == ids.LANG_TOGGLE:
            new = state.model_copy(update={"lang": "en" if state.lang == "zh" else "zh"})
        else:
            new = state.model_copy(update={"year": int(year), "unit_type": unit_type, "basis": basis})
        new_search = new.search()
        if new_search == url_search:
            raise PreventUpdate
        return {"search": new_search}

    @page_callback(
        app,
        services,
        None,
        output={"page": Output(ids.PAGE_CONTENT, "children"), "key": Output(ids.PAGE_KEY, "data")},
        inputs={"rendered": State(ids.PAGE_KEY, "data")},
        pathname_trigger=True,
    )
    def switch_page(state: ViewState, rendered: str | None) -> dict:
        key = f"{state.page}|{state.lang}|{state.version or ''}"
        if key == rendered:
            raise PreventUpdate  # same page, language and version asked: the page's own callbacks update it
        return {"page": render_page(state, services.analytics()), "key": key}

    @page_callback(
        app,
        services,
        None,
        output={
            "nav_labels": [Output(ids.nav(page), "children") for page in PAGES],
            "nav_hrefs": [Output(ids.nav(page), "href") for page in PAGES],
            "nav_active": [Output(ids.nav(page), "active") for page in PAGES],
            "lang_switch": Output(ids.LANG_TOGGLE, "children"),
            "title": Output(ids.APP_TITLE, "children"),
            "subtitle": Output(ids.APP_SUBTITLE, "children"),
            "year_label": Output(ids.YEAR_LABEL, "children"),
            "type_label": Output(ids.TYPE_LABEL, "children"),
            "basis_label": Output(ids.BASIS_LABEL, "children"),
            "type_options": Output(ids.TYPE, "options"),
            "basis_options": Output(ids.BASIS, "options"),
            "footer": Output(ids.FOOTER_SOURCE, "children"),
        },
        pathname_trigger=True,
    )
    def translate_shell(state: ViewState) -> dict:
        lang = state.lang
        return {
            "nav_labels": [nav_label(page, lang) for page in PAGES],
            "nav_hrefs": [state.href(page) for page in PAGES],
            "nav_active": [page == state.page for page in PAGES],
            "lang_switch": t("lang_switch", lang),
            "title": app_title(lang),
            "subtitle": services.subtitle(lang),
            "year_label": t("control_year", lang),
            "type_label": t("control_type", lang),
            "basis_label": t("control_basis", lang),
            "type_options": type_options(lang),
            "basis_options": basis_options(lang),
            "footer": data_source(lang, services.analytics().dataset.synthetic),
        }

    @page_callback(
        app,
        services,
        None,
        output={
            "type_group": Output(ids.TYPE_GROUP, "className"),
            "basis_group": Output(ids.BASIS_GROUP, "className"),
            "controls": Output(ids.CONTROLS, "className"),
        },
        url_trigger=False,
        pathname_trigger=True,
    )
    def control_scope(state: ViewState) -> dict:
        """The type control only where the whole page follows it (not on the overview: its map has its own), the
        basis control where a page shows figures; no control bar where the page follows none of it (the audit log)."""
        return {
            "type_group": type_group_class(state.page),
            "basis_group": basis_group_class(state.page),
            "controls": controls_class(state.page),
        }

    @page_callback(
        app,
        services,
        None,
        output={"is_open": Output(ids.NAV_COLLAPSE, "is_open")},
        inputs={"clicks": Input(ids.NAV_TOGGLER, "n_clicks"), "is_open": State(ids.NAV_COLLAPSE, "is_open")},
        url_trigger=False,
        pathname_trigger=True,
        prevent_initial_call=True,
    )
    def toggle_menu(state: ViewState, clicks, is_open: bool | None) -> dict:
        # the phone menu opens with the toggler and closes once a page is chosen
        return {"is_open": not is_open if ctx.triggered_id == ids.NAV_TOGGLER else False}

    @page_callback(
        app,
        services,
        None,
        output={
            "banner": Output(ids.AS_OF, "children"),
            "footer": Output(ids.FOOTER_VERSION, "children"),
            "years": Output(ids.YEAR, "options"),
        },
        pathname_trigger=True,
        pass_url=True,
    )
    def version_shown(state: ViewState, url_search: str | None, url_pathname: str | None) -> dict:
        """The version the view shows: the banner while it is not the active one (or why the one asked for is
        not shown), the footer naming it, and the years it has in the year control."""
        as_of = services.as_of()
        return {
            "banner": as_of_notice(as_of, back_to_current(url_pathname, state), state.lang),
            "footer": footer_version(as_of, state.lang),
            "years": year_options(services.analytics().years),
        }

    @page_callback(app, services, None, output={"notice": Output(ids.DATA_NOTICE, "children")}, pathname_trigger=True)
    def damaged_data_notice(state: ViewState) -> dict:
        """The damaged-version warning in the page's language, gone once an intact version is active again."""
        return {"notice": data_notice(services.manager.fallback, state.lang)}
