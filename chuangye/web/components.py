"""Small building blocks shared by the pages: status badge, figure card, graph with its download menu,
table download buttons, region report buttons."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.figures.style import STATUS_COLORS, STATUS_ICONS, STATUS_MARKS, STATUS_TEXT_COLOR
from chuangye.strings.i18n import status_label, t
from chuangye.web.downloads import ids
from chuangye.web.pages.method.links import status_href

# Every link to Plotly's cloud off. plotly.js 4 (the bundle plotly 7 ships, which Dash serves) adds a "Share
# chart..." button (sendChartToCloud) that posts the chart to plotlyServerURL, cloud.plotly.com by default,
# unless showSendToCloud is false; showEditInChartStudio, showLink, sendData and linkText are the older
# plotly.js versions' names for the same leaks (dcc.Graph still accepts them, plotly.js ignores unknown keys).
NO_CLOUD: dict[str, Any] = {
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "sendData": False,
    "linkText": "",
    "plotlyServerURL": "",
    "displaylogo": False,
    "watermark": False,
}
CLOUD_BUTTONS = ("sendChartToCloud", "sendDataToCloud", "editInChartStudio")
# the locale each language asks plotly.js for; zh-CN is registered by assets/plotly-locale-zh-cn.js
PLOTLY_LOCALES = {"zh": "zh-CN", "en": "en-US"}
GRAPH_CONFIG: dict[str, Any] = {
    **NO_CLOUD,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", *CLOUD_BUTTONS],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "chuangye"},
}


def graph_config(lang: str = "zh", *, filename: str = "chuangye", static: bool = False) -> dict[str, Any]:
    """The one dcc.Graph config: no cloud links, plotly's own texts in ``lang``, the camera's file name.

    ``static`` is for pictures with no toolbar and no interaction (the overview cards' sparklines)."""
    config: dict[str, Any] = {
        **GRAPH_CONFIG,
        "modeBarButtonsToRemove": list(GRAPH_CONFIG["modeBarButtonsToRemove"]),
        "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename},
        "locale": PLOTLY_LOCALES.get(lang, PLOTLY_LOCALES["zh"]),
    }
    if static:
        config.update(displayModeBar=False, staticPlot=True)
    return config


def status_badge(
    status: str, lang: str, *, small: bool = False, search: str | None = None, link: bool = True, title: str = ""
) -> dcc.Link | html.Span:
    """Status as icon + label on its colour (never colour alone), linking to the status's explanation on the
    Method page in the view's language (``search``: the view's query string, to keep its year, type and basis)."""
    label = status_label(status, lang)
    content = [html.I(className=f"bi {STATUS_ICONS[status]} me-1", **{"aria-hidden": "true"}), label]
    look = {
        "className": f"badge status-badge {'small' if small else ''}",
        "style": {"backgroundColor": STATUS_COLORS[status], "color": STATUS_TEXT_COLOR},
    }
    if not link:
        return html.Span(content, title=title or label, **look)
    look["className"] += " status-badge-link"
    title = title or t("st_link_title", lang, status=label)
    return dcc.Link(content, href=status_href(status, lang, search), title=title, **look)


def status_texts(lang: str) -> dict[str, str]:
    """Each status as a table cell writes it, mark and words ("✔ 已达目标"): the widths of status columns."""
    return {status: f"{STATUS_MARKS[status]} {status_label(status, lang)}" for status in STATUS_MARKS}


CHART_PRESETS = ("a4", "slide")
CHART_FORMATS = ("png", "svg", "pdf")
FORMAT_ICONS = {"png": "bi-file-earmark-image", "svg": "bi-filetype-svg", "pdf": "bi-file-earmark-pdf"}


EXPORT_MENU_SHOWN: dict = {}
EXPORT_MENU_HIDDEN = {"display": "none"}  # its row stays: plotly's toolbar sits in it


def chart_menu_id(graph_id: str) -> dict:
    """The id of a graph's 下载 menu (for a callback that shows or hides it)."""
    return {"type": ids.CHART_MENU, "graph": graph_id}


def export_menu_style(allowed: bool) -> dict:
    """A 下载 menu's style: shown where the user may have the file (web/access.may_export), else hidden."""
    return EXPORT_MENU_SHOWN if allowed else EXPORT_MENU_HIDDEN


def chart_export_menu(graph_id: str, lang: str = "zh", label: str = "", *, shown: bool = True) -> dbc.DropdownMenu:
    """下载 ▾: PNG / SVG / PDF at the A4 (16 cm) or the slide size, rendered on the server as shown."""
    items: list = []
    for preset in CHART_PRESETS:
        if items:
            items.append(dbc.DropdownMenuItem(divider=True))
        items.append(dbc.DropdownMenuItem(t(f"ex_preset_{preset}", lang), header=True))
        for fmt in CHART_FORMATS:
            text = t("ex_fmt_png_a4" if (fmt, preset) == ("png", "a4") else f"ex_fmt_{fmt}", lang)
            items.append(
                dbc.DropdownMenuItem(
                    [html.I(className=f"bi {FORMAT_ICONS[fmt]} me-2", **{"aria-hidden": "true"}), text],
                    id={"type": ids.CHART_EXPORT, "graph": graph_id, "fmt": fmt, "preset": preset},
                    n_clicks=0,
                )
            )
    return dbc.DropdownMenu(
        items,
        label=[
            html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}),
            t("ex_download", lang),
            *([html.Span(f" {label}", className="visually-hidden")] if label else []),
        ],
        id=chart_menu_id(graph_id),
        style=export_menu_style(shown),
        size="sm",
        color="light",
        align_end=True,
        toggleClassName="chart-export-toggle",
        toggle_style={"fontSize": "0.8rem"},
        className="chart-export-menu",
    )


def graph(
    graph_id: str,
    *,
    height: int | None = None,
    label: str = "",
    filename: str = "chuangye",
    lang: str = "zh",
    exportable: bool = True,
    menu_shown: bool = True,
) -> html.Div:
    """A graph in a labelled figure region (dcc.Graph itself takes no aria attributes) with a download menu.

    The returned box's single child is the frame (menu row + graph): setting the frame's height makes the
    graph fill what the menu leaves. The plotly toolbar's camera saves ``<page>-<filename>-<region>-<year>``
    (assets/exports.js names it at click time from the URL). ``menu_shown`` false: the menu is there but hidden,
    for a page whose callback shows it once the user may have the file (``export_menu_style``).
    """
    extra = {"style": {"height": f"{height}px"}} if height else {}
    parts: list = []
    if exportable:
        parts.append(html.Div(chart_export_menu(graph_id, lang, label, shown=menu_shown), className="chart-tools"))
    parts.append(dcc.Graph(id=graph_id, config=graph_config(lang, filename=filename), className="chart-graph", **extra))
    if exportable:
        parts += [
            dcc.Store(id={"type": ids.CHART_REQUEST, "graph": graph_id}),
            dcc.Download(id={"type": ids.CHART_DOWNLOAD, "graph": graph_id}),
        ]
    return html.Div(
        html.Div(parts, className="chart-frame"),
        role="figure",
        className="chart-box",
        **{"aria-label": label or filename, "data-export-name": filename, "data-export-label": label},
    )


def table_downloads(grid_id: str, lang: str = "zh") -> html.Div:
    """XLSX and CSV buttons for an AG Grid: the rows as filtered and sorted, the columns as shown."""
    buttons = [
        dbc.Button(
            [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), fmt.upper()],
            id={"type": ids.TABLE_EXPORT, "grid": grid_id, "fmt": fmt},
            n_clicks=0,
            size="sm",
            color="light",
            className="border",
            title=t(f"ex_table_{fmt}_title", lang),
        )
        for fmt, icon in (("xlsx", "bi-file-earmark-spreadsheet"), ("csv", "bi-filetype-csv"))
    ]
    return html.Div(
        [
            html.Div(
                buttons, className="btn-group btn-group-sm", role="group", **{"aria-label": t("ex_table_group", lang)}
            ),
            dcc.Store(id={"type": ids.TABLE_REQUEST, "grid": grid_id}),
            dcc.Download(id={"type": ids.TABLE_DOWNLOAD, "grid": grid_id}),
        ],
        className="table-downloads mb-2",
    )


def region_exports(lang: str = "zh", *, allowed: bool = True, home_link: Any = None) -> html.Div:
    """区域报告 PDF / DOCX and 整个区域 XLSX for the view's region, year and basis (web/downloads/callbacks.py);
    where the user may not export the region (``allowed`` false) the buttons are not sent at all and a note
    says where its own reports are, followed by ``home_link`` (a link to that area) when given (the server
    refuses such files anyway). A ``hidden`` attribute alone would not do: Bootstrap's ``d-flex`` overrides it."""
    spec = (
        (ids.REPORT_PDF, "ex_report_pdf", "bi-file-earmark-pdf"),
        (ids.REPORT_DOCX, "ex_report_docx", "bi-file-earmark-word"),
        (ids.REGION_XLSX, "ex_region_xlsx", "bi-file-earmark-spreadsheet"),
    )
    buttons = [
        dbc.Button(
            [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), t(key, lang)],
            id=button_id,
            n_clicks=0,
            size="sm",
            color="primary" if button_id == ids.REPORT_PDF else "outline-primary",
            title=t(f"{key}_title", lang),
        )
        for button_id, key, icon in spec
    ]
    return html.Div(
        [
            html.Div(buttons, className="d-flex flex-wrap gap-2", hidden=False) if allowed else html.Div(hidden=True),
            html.Div(
                [t("ex_outside_area", lang), *([html.Div(home_link, className="mt-1")] if home_link else [])],
                className="small text-muted",
                hidden=allowed,
            ),
            html.Div(
                [
                    html.Span(className="spinner-border spinner-border-sm me-2", **{"aria-hidden": "true"}),
                    t("ex_report_running", lang),
                ],
                id=ids.REPORT_STATUS,
                className="small text-muted mt-2",
                role="status",
                hidden=True,
            ),
            html.Div(id=ids.REPORT_ERROR, **{"aria-live": "polite"}),
            dcc.Download(id=ids.REPORT_DOWNLOAD),
        ],
        className="region-exports",
    )


def region_exports_card(
    lang: str = "zh", *, allowed: bool = True, home_link: Any = None, className: str = ""
) -> dbc.Card:
    """The region report buttons in a small card (the drill-down map's side panel); ``allowed`` and
    ``home_link`` as for ``region_exports``."""
    header = dbc.CardHeader(
        [
            html.H2(t("ex_region_heading", lang), className="h6 mb-0"),
            html.Small(t("ex_region_hint", lang), className="text-muted"),
        ]
    )
    body = dbc.CardBody(region_exports(lang, allowed=allowed, home_link=home_link), className="p-2")
    return dbc.Card([header, body], className=f"shadow-sm {className}")


def figure_card(title_id: str, body, *, title: str = "", className: str = "") -> dbc.Card:
    return dbc.Card(
        [dbc.CardHeader(html.H2(title, id=title_id, className="h6 mb-0")), dbc.CardBody(body, className="p-2")],
        className=f"shadow-sm h-100 {className}",
    )
