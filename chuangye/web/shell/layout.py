"""The frame every page sits in: title bar, page tabs, global controls, language switch."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from chuangye.data.schema import UNIT_TYPES
from chuangye.data.store import Fallback, fallback_text
from chuangye.engine.manager import BASES
from chuangye.strings.i18n import bilingual, t
from chuangye.web.baseline_notice import notice_slot
from chuangye.web.errors import app_alert_region
from chuangye.web.pages.audit.guard import is_admin
from chuangye.web.shell import ids
from chuangye.web.viewstate import ADMIN_PAGES, PAGES

PAGE_ICONS = {
    "overview": "bi-speedometer2",
    "map": "bi-map",
    "peers": "bi-bar-chart-steps",
    "unit": "bi-card-checklist",
    "certification": "bi-funnel",
    "method": "bi-journal-text",
    "audit": "bi-clipboard-data",
    "data": "bi-database-up",
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
            className="d-none" if page in ADMIN_PAGES and not is_admin() else None,
        )
        for page in PAGES
    ]


# the overview's cards, trends and rankings show every unit type; its map has its own type choice
# (pages/overview/layout.py), so the shell's type control is hidden there
TYPE_CONTROL_HIDDEN_ON: tuple[str, ...] = ("overview",)
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


def controls_class(page: str) -> str:
    """The control bar's class on ``page``: hidden where the page follows none of its controls."""
    return f"{CONTROLS_CLASS} d-none" if page in CONTROLS_HIDDEN_ON else CONTROLS_CLASS


def global_controls(years: list[int], lang: str = "zh", page: str = "overview") -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("control_year", lang), html_for=ids.YEAR, id=ids.YEAR_LABEL, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.YEAR,
                        options=[{"label": str(y), "value": str(y)} for y in years],
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
                ids.BASIS, ids.BASIS_LABEL, t("control_basis", lang), basis_options(lang), BASES[0], "secondary"
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
) -> html.Div:
    """The frame, first drawn in ``lang`` for ``page`` (the page's language and controls, so that it does not
    flash the other language or a control the page hides before the shell's callbacks run); ``province`` (the
    region a URL without one means, ``RegionTree.root``) is written in the ``data-province`` attribute, where
    assets/exports.js reads it; ``fallback`` (the store serves an older version, the active one being damaged)
    draws a warning above the controls."""
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
