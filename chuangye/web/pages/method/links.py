"""The link from a status (badge, legend entry) to its explanation on the 口径与方法 Method page."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from dash import dcc, html

from chuangye.figures.style import STATUS_COLORS, STATUS_MARKS, STATUS_ORDER, STATUS_TEXT_COLOR
from chuangye.strings.i18n import status_label, t
from chuangye.web.pages.method.ids import section, status_anchor

PATH = "/method"
BAR_STATUSES: tuple[str, ...] = tuple(s for s in STATUS_ORDER if s != "no_data")  # what a bar or a row can show


def status_href(status: str, lang: str, search: str | None = None) -> str:
    """The Method page at ``status``'s explanation in the view's language: with ``search`` (the view's query
    string) the year, type and basis are kept too, so the navigation leads back to the same view."""
    query = search if search else "?" + urlencode({"lang": lang})
    return f"{PATH}{query}#{status_anchor(status)}"


def status_legend(
    lang: str, search: str | None = None, statuses: Sequence[str] = STATUS_ORDER, preset: str = "", **props
) -> html.Div:
    """The statuses as a legend (mark on the colour, then the words), each linking to its explanation; with
    ``preset`` (the active cut-off preset's name) a last entry names it, linking to the statuses section."""
    items = [
        dcc.Link(
            [
                html.Span(
                    STATUS_MARKS[s],
                    className="legend-swatch me-1",
                    style={"backgroundColor": STATUS_COLORS[s], "color": STATUS_TEXT_COLOR},
                    **{"aria-hidden": "true"},
                ),
                status_label(s, lang),
            ],
            href=status_href(s, lang, search),
            title=t("st_link_title", lang, status=status_label(s, lang)),
            className="status-legend-link me-3 text-nowrap",
        )
        for s in statuses
    ]
    if preset:
        query = search if search else "?" + urlencode({"lang": lang})
        items.append(
            dcc.Link(
                t("st_legend_preset", lang, preset=preset),
                href=f"{PATH}{query}#{section('status')}",
                className="status-legend-link text-muted",
            )
        )
    label = html.Span(t("st_legend_label", lang), className="text-muted me-2")
    classes = f"status-legend small d-flex flex-wrap align-items-center gap-1 {props.pop('className', '')}".strip()
    return html.Div([label, *items], className=classes, **props)
