"""URL ⇄ controls, page switching and the shell's language.

The URL is the single source of truth: a control writes the URL, the URL (typed, pasted or reached with
the browser's back button) sets the controls and the page. Both directions live in one callback, the
only way Dash allows the cycle.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, html, no_update

from chuangye.data.schema import UNIT_TYPES
from chuangye.strings.i18n import t
from chuangye.web.routing import render_page
from chuangye.web.services import Services
from chuangye.web.shell.layout import PAGE_ICONS
from chuangye.web.viewstate import PAGES, ViewState


def register(app: Dash, services: Services) -> None:
    register_menu(app)

    def years() -> tuple[int, ...]:
        return tuple(services.analytics().years)

    @app.callback(
        Output("url", "search"),
        Output("ctl-year", "value"),
        Output("ctl-type", "value"),
        Output("ctl-basis", "value"),
        Input("url", "search"),
        Input("ctl-year", "value"),
        Input("ctl-type", "value"),
        Input("ctl-basis", "value"),
        Input("lang-toggle", "n_clicks"),
        State("url", "pathname"),
    )
    def sync_url_and_controls(search, year, unit_type, basis, _clicks, pathname):
        state = ViewState.from_url(pathname, search, years())
        trigger = ctx.triggered_id
        if trigger in (None, "url"):
            return no_update, str(state.year), state.unit_type, state.basis
        if trigger == "lang-toggle":
            new = state.model_copy(update={"lang": "en" if state.lang == "zh" else "zh"})
        else:
            new = state.model_copy(update={"year": int(year), "unit_type": unit_type, "basis": basis})
        new_search = new.search()
        return (no_update if new_search == search else new_search), no_update, no_update, no_update

    @app.callback(
        Output("page-content", "children"),
        Output("page-key", "data"),
        Input("url", "pathname"),
        Input("url", "search"),
        State("page-key", "data"),
    )
    def switch_page(pathname, search, rendered):
        state = ViewState.from_url(pathname, search, years())
        key = f"{state.page}|{state.lang}"
        if key == rendered:
            return no_update, no_update  # same page, same language: the page's own callbacks update it
        return render_page(state, services.analytics()), key

    @app.callback(
        [Output(f"nav-{page}", "children") for page in PAGES],
        [Output(f"nav-{page}", "href") for page in PAGES],
        [Output(f"nav-{page}", "active") for page in PAGES],
        Output("lang-toggle", "children"),
        Output("app-title", "children"),
        Output("app-subtitle", "children"),
        Output("ctl-year-label", "children"),
        Output("ctl-type-label", "children"),
        Output("ctl-basis-label", "children"),
        Output("ctl-type", "options"),
        Output("ctl-basis", "options"),
        Output("footer-source", "children"),
        Input("url", "pathname"),
        Input("url", "search"),
    )
    def translate_shell(pathname, search):
        state = ViewState.from_url(pathname, search, years())
        lang = state.lang
        labels = [
            [html.I(className=f"bi {PAGE_ICONS[page]} me-1", **{"aria-hidden": "true"}), t(f"page_{page}", lang)]
            for page in PAGES
        ]
        hrefs = [state.href(page) for page in PAGES]
        active = [page == state.page for page in PAGES]
        return (
            *labels,
            *hrefs,
            *active,
            t("lang_switch", lang),
            t("app_title", lang),
            services.subtitle(lang),
            t("control_year", lang),
            t("control_type", lang),
            t("control_basis", lang),
            [{"label": t(f"type_{ut}", lang), "value": ut} for ut in UNIT_TYPES],
            [{"label": t(f"basis_{b}", lang), "value": b} for b in ("certified", "meets")],
            t("footer_source", lang),
        )


def register_menu(app: Dash) -> None:
    @app.callback(
        Output("nav-collapse", "is_open"),
        Input("nav-toggler", "n_clicks"),
        Input("url", "pathname"),
        State("nav-collapse", "is_open"),
        prevent_initial_call=True,
    )
    def toggle_menu(_clicks, _pathname, is_open):
        # the phone menu opens with the toggler and closes once a page is chosen
        return not is_open if ctx.triggered_id == "nav-toggler" else False
