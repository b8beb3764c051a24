"""Small building blocks shared by the pages: status badge, figure card, section heading."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.style import STATUS_COLORS, STATUS_ICONS
from dashboard.i18n import t

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "chuangye"},
}


def status_badge(status: str, lang: str, *, small: bool = False) -> html.Span:
    """Status as icon + label on its colour: never colour alone."""
    return html.Span(
        [html.I(className=f"bi {STATUS_ICONS[status]} me-1", **{"aria-hidden": "true"}), t(f"status_{status}", lang)],
        className=f"badge status-badge {'small' if small else ''}",
        style={"backgroundColor": STATUS_COLORS[status], "color": "#111"},
        title=t(f"status_{status}", lang),
    )


def graph(graph_id: str, *, height: int | None = None, label: str = "", filename: str = "chuangye") -> html.Div:
    """A graph in a labelled figure region (dcc.Graph itself takes no aria attributes)."""
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename}}
    extra = {"style": {"height": f"{height}px"}} if height else {}
    return html.Div(
        dcc.Graph(id=graph_id, config=config, **extra),
        role="figure",
        **{"aria-label": label or filename},
    )


def figure_card(title_id: str, body, *, title: str = "", className: str = "") -> dbc.Card:
    return dbc.Card(
        [dbc.CardHeader(html.H2(title, id=title_id, className="h6 mb-0")), dbc.CardBody(body, className="p-2")],
        className=f"shadow-sm h-100 {className}",
    )
