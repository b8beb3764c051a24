"""The frame every page sits in: title bar, page tabs, global controls, language switch."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from chuangye.data.schema import UNIT_TYPES
from chuangye.data.store import Fallback, fallback_text
from chuangye.engine.manager import BASES
from chuangye.strings.i18n import bilingual, t
from chuangye.web.access import LOCAL_USER, current_principal
from chuangye.web.baseline_notice import notice_slot
from chuangye.web.errors import app_alert_region
from chuangye.web.pages.audit.guard import is_admin
from chuangye.web.services import AsOf
from chuangye.web.shell import ids
from chuangye.web.viewstate import ADMIN_PAGES, PAGES, SIGNED_IN_PAGES, ViewState

PAGE_ICONS = {
    "overview": "bi-speedometer2",
    "map": "bi-map",
    "peers": "bi-bar-chart-steps",
    "unit": "bi-card-checklist",
    "certification": "bi-funnel",
    "method": "bi-journal-text",
    "audit": "bi-clipboard-data",
    "data": "bi-database-up",
    "submissions": "bi-send-check",
}


def app_title(lang: str) -> list:
    """The dashboard's name in the header: in full from 768 px, shortened on a phone so the header stays one line."""
    return [
        html.Span(t("app_title", lang), className="d-none d-md-inline"),
        html.Span(t("app_title_short", lang), className="d-md-none", title=t("app_title", lang)),
    ]


def nav_label(page: str, lang: str) -> list:
    """A page's link in the top navigation: its icon and its short name (one line at 1440 px in English too)."""
    return [html.I(className=f"bi {PAGE_ICONS[page]} me-1", **{"aria-hidden": "true"}), t(f"nav_{page}", lang)]


def nav_links(lang: str = "zh") -> list:
    return [
        dbc.NavItem(
            dbc.NavLink(
                nav_label(page, lang),
                id=ids.nav(page),
                className="text-nowrap",
                href=f"/{page}",
                active=False,
            ),
            className="d-none" if nav_hidden(page) else None,
        )
        for page in PAGES
    ]


def nav_hidden(page: str) -> bool:
    """Whether ``page``'s link is left out of this user's navigation: the admins' pages for anyone else, 数据报送
    without a signed-in account (the single local user of ``serve --no-auth`` has no submissions)."""
    if page in ADMIN_PAGES:
        return not is_admin()
    principal = current_principal()
    return page in SIGNED_IN_PAGES and (principal is None or principal.via == LOCAL_USER)


# the overview's cards, trends and rankings show every unit type; its map has its own type choice
# (pages/overview/layout.py), so the shell's type control is hidden there
TYPE_CONTROL_HIDDEN_ON: tuple[str, ...] = ("overview", "submissions")
# 数据报送 follows the year (its deadlines and templates) but shows no figure of a type or basis
BASIS_CONTROL_HIDDEN_ON: tuple[str, ...] = ("submissions",)
CHOICE_CLASS = "d-flex align-items-center"
# the audit log and the Data page read no indicator data: year, type and basis mean nothing there
CONTROLS_HIDDEN_ON: tuple[str, ...] = ("audit", "data")
CONTROLS_CLASS = "g-2 align-items-center py-2 control-bar"


def _button_choice(
    control_id: str, label_id: str, label: str, options: list[dict], value: str, color: str, **col: str
) -> dbc.Col:
    """A labelled radio group drawn as a row of toggle buttons (keyboard-reachable, wraps on phones)."""
    return dbc.Col(
        [
            html.Span(label, id=label_id, className="me-2"),
            dbc.RadioItems(
                id=control_id,
                options=options,
                value=value,
                inline=True,
                className="btn-group btn-group-sm",
                inputClassName="btn-check",
                labelClassName=f"btn btn-outline-{color}",
                labelCheckedClassName="active",
            ),
        ],
        width="auto",
        **({"className": CHOICE_CLASS} | col),
    )


def type_options(lang: str) -> list[dict]:
    return [{"label": t(f"type_{ut}", lang), "value": ut} for ut in UNIT_TYPES]


def basis_options(lang: str) -> list[dict]:
    return [{"label": t(f"basis_{b}", lang), "value": b} for b in BASES]


def type_group_class(page: str) -> str:
    """The unit-type control's class on ``page``: hidden where the page has its own type choice."""
    return "d-none" if page in TYPE_CONTROL_HIDDEN_ON else CHOICE_CLASS


def basis_group_class(page: str) -> str:
    """The basis control's class on ``page``: hidden where the page shows no figure of either basis."""
    return "d-none" if page in BASIS_CONTROL_HIDDEN_ON else CHOICE_CLASS


def controls_class(page: str) -> str:
    """The control bar's class on ``page``: hidden where the page follows none of its controls."""
    return f"{CONTROLS_CLASS} d-none" if page in CONTROLS_HIDDEN_ON else CONTROLS_CLASS


def year_options(years: list[int]) -> list[dict]:
    return [{"label": str(y), "value": str(y)} for y in years]


def global_controls(years: list[int], lang: str = "zh", page: str = "overview") -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("control_year", lang), html_for=ids.YEAR, id=ids.YEAR_LABEL, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.YEAR,
                        options=year_options(years),
                        value=str(max(years)),
                        style={"width": "6.5rem"},
                    ),
                ],
                width="auto",
                className="d-flex align-items-center",
            ),
            _button_choice(
                ids.TYPE,
                ids.TYPE_LABEL,
                t("control_type", lang),
                type_options(lang),
                UNIT_TYPES[0],
                "primary",
                id=ids.TYPE_GROUP,
                className=type_group_class(page),
            ),
            _button_choice(
                ids.BASIS,
                ids.BASIS_LABEL,
                t("control_basis", lang),
                basis_options(lang),
                BASES[0],
                "secondary",
                id=ids.BASIS_GROUP,
                className=basis_group_class(page),
            ),
        ],
        className=controls_class(page),
        id=ids.CONTROLS,
    )


def data_notice(fallback: Fallback | None, lang: str) -> dbc.Alert | None:
    """The warning that the active data version is damaged and an older, intact one is shown (or nothing)."""
    if fallback is None:
        return None
    icon = html.I(className="bi bi-exclamation-triangle-fill me-2", **{"aria-hidden": "true"})
    return dbc.Alert(
        [icon, fallback_text(fallback, lang)],
        color="warning",
        className="py-2 mb-2 small",
    )


def as_of_notice(as_of: AsOf, back_href: str, lang: str) -> html.Div | None:
    """While another version than the active one is shown: the banner saying so, with the way back to the
    current version (``back_href``: the same view without ``version``). When the version asked for is not
    shown: why, and that the current one is. Nothing otherwise."""
    if as_of.refused:
        icon = html.I(className="bi bi-exclamation-triangle-fill me-2", **{"aria-hidden": "true"})
        words = t(f"asof_refused_{as_of.refused}", lang, version=as_of.asked, active=as_of.active)
        return dbc.Alert([icon, words], color="warning", className="py-2 mb-2 small")
    if not as_of.older:
        return None
    icon = html.I(className="bi bi-clock-history me-2", **{"aria-hidden": "true"})
    words = html.Span(t("asof_banner", lang, version=as_of.shown, active=as_of.active), className="me-2")
    back = dcc.Link(t("asof_back", lang), href=back_href, id=ids.AS_OF_BACK, className="alert-link text-nowrap")
    back = html.Span(["· ", back], className="text-nowrap")  # the separator wraps with the link, not alone
    banner = dbc.Alert([icon, words, back], color="info", className="py-2 mb-2 as-of-banner")
    return html.Div(banner, **{ids.AS_OF_ATTRIBUTE: as_of.shown})


def back_to_current(pathname: str | None, state: ViewState) -> str:
    """The address of the same view on the current (active) version: without ``version``."""
    return f"{pathname or '/'}{state.model_copy(update={'version': None}).search()}"


def version_label(as_of: AsOf, lang: str) -> str:
    """The footer's version: the one shown, marked read-only when it is not the active one."""
    return t("asof_footer", lang, version=as_of.shown) if as_of.older else as_of.shown


def footer_version(as_of: AsOf, lang: str) -> str:
    return f" · {version_label(as_of, lang)}"


def shell(
    years: list[int],
    data_version: str,
    subtitle: str,
    province: str = "",
    lang: str = "zh",
    page: str = "overview",
    account: Component | None = None,
    version_notice: Component | None = None,
    fallback: Fallback | None = None,
    as_of: Component | None = None,
) -> html.Div:
    """The frame, first drawn in ``lang`` for ``page`` (the page's language and controls, so that it does not
    flash the other language or a control the page hides before the shell's callbacks run); ``province`` (the
    region a URL without one means, ``RegionTree.root``) is written in the ``data-province`` attribute, where
    assets/exports.js reads it; ``fallback`` (the store serves an older version, the active one being damaged)
    draws a warning above the controls, ``as_of`` the banner of a view of another version than the active one
    (``as_of_notice``)."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),  # a callback writing href must reach the page callbacks
            dcc.Store(id=ids.PAGE_KEY),
            app_alert_region(),  # a failed callback's alert (web/errors.py)
            dbc.Navbar(
                dbc.Container(
                    [
                        html.Div(
                            [
                                html.H1(app_title(lang), id=ids.APP_TITLE, className="h5 mb-0 text-white"),
                                html.Small(subtitle, id=ids.APP_SUBTITLE, className="text-white-50 d-none d-md-block"),
                            ],
                            className="me-3",
                        ),
                        dbc.Button(
                            t("lang_switch", lang),
                            id=ids.LANG_TOGGLE,
                            color="light",
                            size="sm",
                            outline=True,
                            title=bilingual("lang_switch_title"),
                            className="order-lg-last ms-auto text-nowrap",
                        ),
                        account,  # the signed-in user and the sign-out button (web/auth/widget.py), or None
                        dbc.NavbarToggler(id=ids.NAV_TOGGLER, className="ms-2"),
                        dbc.Collapse(
                            dbc.Nav(nav_links(lang), id=ids.PAGE_NAV, pills=True, className="me-auto"),
                            id=ids.NAV_COLLAPSE,
                            navbar=True,
                            is_open=False,
                        ),
                    ],
                    fluid=True,
                ),
                color="primary",
                dark=True,
                expand="lg",
                className="mb-2",
            ),
            dbc.Container(
                [
                    html.Div(data_notice(fallback, lang), id=ids.DATA_NOTICE, role="status"),
                    html.Div(as_of, id=ids.AS_OF, role="status"),
                    global_controls(years, lang, page),
                    notice_slot(),
                    version_notice,  # the data changed since this page opened (web/version_watch.py)
                    html.Main(id=ids.PAGE_CONTENT, className="pb-4"),
                    html.Footer(
                        [
                            html.Span(id=ids.FOOTER_SOURCE),
                            html.Span(f" · {data_version}", id=ids.FOOTER_VERSION),
                        ],
                        className="text-muted small border-top pt-2",
                    ),
                ],
                fluid=True,
            ),
        ],
        id=ids.SHELL,
        **{"data-province": province},
    )
