"""The frame every page sits in: title bar, page tabs, global controls, language switch."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.data.schema import UNIT_TYPES
from chuangye.strings.i18n import t
from chuangye.web.viewstate import PAGES

PAGE_ICONS = {
    "overview": "bi-speedometer2",
    "map": "bi-map",
    "peers": "bi-bar-chart-steps",
    "unit": "bi-card-checklist",
    "certification": "bi-funnel",
}


def nav_links(lang: str = "zh") -> list:
    return [
        dbc.NavItem(
            dbc.NavLink(
                [html.I(className=f"bi {PAGE_ICONS[page]} me-1", **{"aria-hidden": "true"}), t(f"page_{page}", lang)],
                id=f"nav-{page}",
                href=f"/{page}",
                active=False,
            )
        )
        for page in PAGES
    ]


def _button_choice(control_id: str, label: str, options: list[dict], value: str, color: str) -> dbc.Col:
    """A labelled radio group drawn as a row of toggle buttons (keyboard-reachable, wraps on phones)."""
    return dbc.Col(
        [
            html.Span(label, id=f"{control_id}-label", className="me-2"),
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
        className="d-flex align-items-center",
    )


def global_controls(years: list[int], lang: str = "zh") -> dbc.Row:
    type_options = [{"label": t(f"type_{ut}", lang), "value": ut} for ut in UNIT_TYPES]
    basis_options = [{"label": t(f"basis_{b}", lang), "value": b} for b in ("certified", "meets")]
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("control_year", lang), html_for="ctl-year", id="ctl-year-label", className="me-2 mb-0"),
                    dbc.Select(
                        id="ctl-year",
                        options=[{"label": str(y), "value": str(y)} for y in years],
                        value=str(max(years)),
                        style={"width": "6.5rem"},
                    ),
                ],
                width="auto",
                className="d-flex align-items-center",
            ),
            _button_choice("ctl-type", t("control_type", lang), type_options, UNIT_TYPES[0], "primary"),
            _button_choice("ctl-basis", t("control_basis", lang), basis_options, "certified", "secondary"),
        ],
        className="g-2 align-items-center py-2 control-bar",
        id="global-controls",
    )


def shell(years: list[int], data_version: str, subtitle: str) -> html.Div:
    lang = "zh"
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),  # a callback writing href must reach the page callbacks
            dcc.Store(id="page-key"),
            dbc.Navbar(
                dbc.Container(
                    [
                        html.Div(
                            [
                                html.H1(t("app_title", lang), id="app-title", className="h5 mb-0 text-white"),
                                html.Small(subtitle, id="app-subtitle", className="text-white-50"),
                            ],
                            className="me-3",
                        ),
                        dbc.Button(
                            "English",
                            id="lang-toggle",
                            color="light",
                            size="sm",
                            outline=True,
                            title="切换语言 / Switch language",
                            className="order-lg-last ms-auto",
                        ),
                        dbc.NavbarToggler(id="nav-toggler", className="ms-2"),
                        dbc.Collapse(
                            dbc.Nav(nav_links(lang), id="page-nav", pills=True, className="me-auto"),
                            id="nav-collapse",
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
                    global_controls(years, lang),
                    html.Main(id="page-content", className="pb-4"),
                    html.Footer(
                        [
                            html.Span(id="footer-source"),
                            html.Span(f" · {data_version}", id="footer-version"),
                        ],
                        className="text-muted small border-top pt-2",
                    ),
                ],
                fluid=True,
            ),
        ]
    )
