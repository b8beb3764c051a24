"""同级比较 Peer comparison: a city or county among its peers, its core indicators, its lagging parts."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import Analytics
from chuangye.engine.peers import region_options
from chuangye.figures.style import STATUS_MARKS, UNIT_TYPE_COLORS
from chuangye.strings.i18n import t
from chuangye.strings.numbers import indicator_text, percent_points, percent_text, points_text
from chuangye.web import busy, shown
from chuangye.web.access import may_export, peer_subject
from chuangye.web.components import (
    figure_card,
    graph,
    status_badge,
    status_texts,
    table_downloads,
)
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.method.links import BAR_STATUSES, status_legend
from chuangye.web.pages.peers import ids
from chuangye.web.rows import ROW_KEYS
from chuangye.web.viewstate import ViewState

LINK = {  # the first column stays in view when a phone scrolls the table sideways; a click opens the row
    "pinned": "left",
    "cellStyle": {"color": "#0b5ed7", "textDecoration": "underline", "cursor": "pointer"},
}
WRAP = {  # long texts wrap inside the cell; the row grows
    "wrapText": True,
    "autoHeight": True,
    "cellStyle": {"lineHeight": "1.4", "paddingTop": "6px", "paddingBottom": "6px"},
}


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    subject = peer_subject(an, state.region)
    # files about another city or county are not offered (the page's callback keeps this in step with the view;
    # the server refuses them anyway: web/downloads/callbacks.py)
    allowed = may_export(subject.code, an)
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(t("peers_city_label", lang), html_for=ids.CITY, className="mb-1"),
                            dcc.Dropdown(
                                id=ids.CITY,
                                options=region_options(an.regions, "city", lang),
                                value=subject.city_code,
                                clearable=False,
                                placeholder=t("peers_city_placeholder", lang),
                                labels=dropdown_labels(lang),
                            ),
                        ],
                        md=4,
                        className="mb-2",
                    ),
                    dbc.Col(
                        [
                            dbc.Label(t("peers_county_label", lang), html_for=ids.COUNTY, className="mb-1"),
                            dcc.Dropdown(
                                id=ids.COUNTY,
                                options=region_options(an.regions, "county", lang, subject.city_code),
                                value=subject.county_code,
                                clearable=True,
                                placeholder=t("peers_county_placeholder", lang),
                                labels=dropdown_labels(lang),
                            ),
                        ],
                        md=4,
                        className="mb-2",
                    ),
                    dbc.Col(
                        html.Div(id=ids.PEER_NOTE, className=f"text-muted small {busy.BUSY_TEXT}"),
                        md=4,
                        className="mb-2",
                    ),
                ],
                className="align-items-end mt-2",
            ),
            html.H2(id=ids.HEADING, className=f"h5 mt-2 {busy.BUSY_TEXT}"),
            dbc.Row(
                [
                    dbc.Col(busy.region(html.Div(id=ids.card(ut)), className="h-100"), md=4, className="mb-3")
                    for ut in UNIT_TYPES
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        busy.region(
                            figure_card(
                                ids.chart_title(ut),
                                graph(ids.chart(ut), height=320, filename=f"peers-{ut}", lang=lang, menu_shown=allowed),
                            ),
                            className="h-100",
                        ),
                        lg=4,
                        className="mb-3",
                    )
                    for ut in UNIT_TYPES
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        busy.region(
                            figure_card(
                                ids.IND_TITLE,
                                [
                                    html.Div(id=ids.IND_TABLE, className="table-responsive"),
                                    html.Small(t("peers_indicators_note", lang), className="text-muted"),
                                ],
                            ),
                            className="h-100",
                        ),
                        lg=7,
                        className="mb-3",
                    ),
                    dbc.Col(
                        busy.region(
                            figure_card(
                                ids.PASS_TITLE,
                                graph(
                                    ids.PASS_SHARE, height=300, filename=ids.PASS_SHARE, lang=lang, menu_shown=allowed
                                ),
                                title=t("peers_pass_share_title", lang),
                            ),
                            className="h-100",
                        ),
                        lg=5,
                        className="mb-3",
                    ),
                ]
            ),
            busy.region(_children_card(lang, allowed)),
        ],
        id=ids.ROOT,
    )


def _children_card(lang: str, allowed: bool) -> dbc.Card:
    """The subject's lagging counties (a city) or units (a county); a row click, Enter or Space opens the row."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(id=ids.CHILDREN_TITLE, className="h6 mb-0")),
            dbc.CardBody(
                [
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label(
                                        t("peers_filter_label", lang),
                                        html_for=ids.GRID_FILTER,
                                        className="visually-hidden",
                                    ),
                                    dcc.Input(
                                        id=ids.GRID_FILTER,
                                        type="search",
                                        debounce=0.3,
                                        placeholder=t("peers_filter_placeholder", lang),
                                        className="form-control form-control-sm",
                                    ),
                                ],
                                md=4,
                            ),
                            dbc.Col(html.Small(id=ids.CHILDREN_HINT, className="text-muted"), md=True),
                            dbc.Col(
                                html.Div(table_downloads(ids.GRID, lang), id=ids.GRID_DOWNLOADS, hidden=not allowed),
                                width="auto",
                            ),
                        ],
                        className="g-2 mb-2 align-items-center",
                    ),
                    dag.AgGrid(
                        id=ids.GRID,
                        rowData=[],
                        columnDefs=[],
                        defaultColDef={"sortable": True, "resizable": True, "filter": False, "minWidth": 90},
                        dashGridOptions=grid_options(lang, domLayout="normal", animateRows=False),
                        getRowId="chuangyeRowId(params)",  # the row's code (assets/grid.js)
                        eventListeners=ROW_KEYS,  # Enter or Space on a row opens it like a click
                        columnSize="responsiveSizeToFit",
                        className="ag-theme-alpine",
                        style={"height": "420px", "width": "100%"},
                    ),
                    status_legend(lang, statuses=BAR_STATUSES, className="grid-status-legend mt-2"),
                ],
                className="p-2",
            ),
        ],
        className="shadow-sm mb-3",
    )


def dropdown_labels(lang: str, **overrides: str) -> dict[str, str]:
    """The texts inside a dcc.Dropdown (search box, clear buttons), localised."""
    labels = {
        "search": t("peers_dropdown_search", lang),
        "clear_search": t("peers_dropdown_clear_search", lang),
        "clear_selection": t("peers_dropdown_clear_selection", lang),
        "no_options_found": t("peers_dropdown_none", lang),
    }
    return labels | overrides


# ----------------------------------------------------------------------------------- pieces for callbacks


def _name(an: Analytics, code: str | None, lang: str) -> str:
    return an.region_name(code, lang) if code else ""


def rank_card(row: pd.Series | None, unit_type: str, level: str, city_name: str, an: Analytics, lang: str):
    """The subject's standing for one unit type: coverage, rank, percentile, distances."""
    header = html.Div(
        [html.H3(t(f"type_{unit_type}", lang), className="h6 mb-0")],
        className="d-flex justify-content-between align-items-start",
    )
    if row is None or pd.isna(row["coverage"]):
        body = [header, html.Div(t("peers_no_units", lang), className="text-muted my-2")]
        return dbc.Card(dbc.CardBody(body), className="shadow-sm h-100", id=ids.card_body(unit_type))
    header.children.append(status_badge(row["status"], lang))
    lines = [
        html.Div(
            [
                html.Span(
                    percent_text(row["coverage"]),
                    className="display-6 fw-bold me-2 peers-coverage",
                    style={"color": UNIT_TYPE_COLORS[unit_type]},
                ),
                html.Span(f"{t('goal', lang)} {percent_text(row['goal'], 0)}", className="text-muted"),
            ],
            className="my-1",
        ),
        html.Div(
            [
                html.Span(
                    t("peers_rank", lang, rank=int(row["rank"]), n=int(row["n_peers"])),
                    className="fw-semibold peers-rank me-2",
                ),
                html.Span(
                    t("peers_percentile", lang, pct=points_text(row["percentile"], 0)), className="text-muted small"
                ),
            ]
        ),
    ]
    if level == "county":
        lines.append(
            html.Div(
                t(
                    "peers_rank_in_city",
                    lang,
                    rank=int(row["rank_in_parent"]),
                    n=int(row["n_in_parent"]),
                    city=city_name,
                ),
                className="peers-rank-city",
            )
        )
    # distances as shown: one rounding of each, so "0.0" is "equal" and the words never contradict the figure
    to_province = shown.points(row["to_province_points"])
    prov = percent_text(row["province_coverage"])
    if to_province is None:
        province_line = ""
    elif to_province == 0:
        province_line = t("peers_to_province_equal", lang, prov=prov)
    else:
        key = "peers_to_province_above" if to_province > 0 else "peers_to_province_below"
        province_line = t(key, lang, prov=prov, points=points_text(abs(to_province)))
    lines.append(html.Div(province_line, className="small peers-to-province"))
    to_best = shown.points(row["to_best_points"])
    if to_best is not None:
        if to_best >= 0:
            best_line = t("peers_is_best", lang, value=percent_text(row["best_coverage"]))
        else:
            best_name = row["best_name_en"] if lang == "en" and isinstance(row["best_name_en"], str) else None
            best_line = t(
                "peers_to_best",
                lang,
                best=best_name or _name(an, row["best_code"], lang),
                value=percent_text(row["best_coverage"]),
                points=points_text(-to_best),
            )
        lines.append(html.Div(best_line, className="small"))
    return dbc.Card(dbc.CardBody([header, *lines]), className="shadow-sm h-100", id=ids.card_body(unit_type))


def _indicator(row: dict, column: str) -> str:
    """An indicator's value, threshold or province value with the indicator's own decimals (config ``digits``)."""
    return indicator_text(row[column], row["format"], row["digits"])


def indicator_table(comparison: pd.DataFrame, lang: str) -> dbc.Table:
    """The four core indicators: pooled value (✔/✘ against the threshold), threshold, province, pass shares."""
    wide = "d-none d-md-table-cell"  # the pass shares are also in the chart beside: dropped on phones
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("peers_col_indicator", lang), scope="col"),
                html.Th(t("peers_col_value", lang), scope="col"),
                html.Th(t("peers_col_threshold", lang), scope="col"),
                html.Th(t("peers_col_province", lang), scope="col"),
                html.Th(t("peers_col_pass_share", lang), scope="col", className=wide),
                html.Th(t("peers_col_province_pass_share", lang), scope="col", className=wide),
            ]
        )
    )
    body = []
    for r in comparison.to_dict("records"):
        reaches = r["reaches"]
        if pd.isna(reaches):
            mark, label, color = "–", t("no_data", lang), "#666"
        elif reaches:
            mark, label, color = "✔", t("peers_reaches", lang), "#007a5a"
        else:
            mark, label, color = "✘", t("peers_misses", lang), "#b34700"
        body.append(
            html.Tr(
                [
                    html.Th(
                        r["name_en"] if lang == "en" else r["name_zh"],
                        scope="row",
                        className="fw-normal",
                        style={"whiteSpace": "nowrap" if lang == "zh" else "normal"},
                    ),
                    html.Td(
                        [
                            html.Span(mark, className="me-1", title=label, style={"color": color}),
                            _indicator(r, "value"),
                        ],
                        title=label,
                        style={"whiteSpace": "nowrap"},
                    ),
                    html.Td(f"≥ {_indicator(r, 'threshold')}", style={"whiteSpace": "nowrap"}),
                    html.Td(_indicator(r, "province_value")),
                    html.Td(percent_text(r["pass_share"], 0), className=wide),
                    html.Td(percent_text(r["province_pass_share"], 0), className=wide),
                ]
            )
        )
    return dbc.Table([head, html.Tbody(body)], bordered=False, hover=True, size="sm", className="mb-1 peers-ind")


# Column specs (chuangye/web/grid.py): the kind formats the cell (assets/grid.js) and the export's number.
COUNTY_COLUMNS = (
    GridColumn("name", "peers_col_county", options={"minWidth": 120, **LINK}),
    GridColumn("coverage", "peers_col_coverage", "percent"),
    GridColumn("gap_points", "peers_col_gap_points", "points"),
    GridColumn("gap_units", "peers_col_gap_units", "int"),
    GridColumn("status", "peers_col_status", options={"minWidth": 120}, shows=lambda lang: status_texts(lang).values()),
    GridColumn("goal", "peers_col_goal", "percent"),
    # "2 / 13": the grid's text goes into the export
    GridColumn(
        "rank", "peers_col_rank", options={"valueFormatter": {"function": "chuangyeOutOf(params, 'n_peers', ' / ')"}}
    ),
    GridColumn("units", "peers_col_units", "int"),
)
UNIT_COLUMNS = (
    GridColumn("name", "peers_col_unit", options={"minWidth": 140, "tooltipField": "name", **LINK}),
    GridColumn("state", "peers_col_state", options={"minWidth": 130}),
    GridColumn("gap", "peers_col_gap_score", "decimal", {"minWidth": 110}),
    GridColumn("shortfall", "peers_col_shortfall", options={"minWidth": 260, **WRAP}),
    GridColumn("passed", "peers_col_passed", options={"minWidth": 90}),
    GridColumn("failing", "peers_col_failing", options={"minWidth": 160, **WRAP}),
    GridColumn("code", "peers_col_code", options={"minWidth": 120}),
)


def county_columns(lang: str) -> list[dict]:
    return column_defs(COUNTY_COLUMNS, lang)


def county_rows(counties: pd.DataFrame, an: Analytics, lang: str) -> list[dict]:
    rows = []
    for r in counties.to_dict("records"):
        rows.append(
            {
                "code": r["region_code"],
                "name": an.region_name(r["region_code"], lang),
                "coverage": shown.share(r["coverage"]),
                "goal": shown.share(r["goal"]),
                "gap_points": shown.points(r["gap_points"]),
                "gap_units": None if pd.isna(r["gap_units"]) else int(r["gap_units"]),
                "status": f"{STATUS_MARKS[r['status']]} {t('status_' + r['status'], lang)}",
                "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
                "n_peers": int(r["n_peers"]),
                "units": int(r["units_in_scope"]),
            }
        )
    return rows


def unit_columns(lang: str) -> list[dict]:
    return column_defs(UNIT_COLUMNS, lang)


def unit_rows(units: pd.DataFrame, an: Analytics, lang: str) -> list[dict]:
    core = len(an.cfg.core_indicators)
    names = {code: (ind.name_en if lang == "en" else ind.name_zh) for code, ind in an.cfg.indicators.items()}
    sep = t("peers_list_sep", lang)
    rows = []
    for r in units.to_dict("records"):
        name = r["name_en"] if lang == "en" and isinstance(r["name_en"], str) and r["name_en"] else r["name"]
        no_data = int(r["n_core_no_data"]) > 0
        rows.append(
            {
                "code": r["unit_code"],
                "name": name,
                "state": t(f"peers_state_{r['state']}", lang),
                "passed": "—" if no_data else f"{int(r['n_core_passed'])}/{core}",
                "gap": percent_points(r["gap_score"]),
                "failing": sep.join(names[c] for c in r["failing"]),
                "shortfall": r["shortfall_en"] if lang == "en" else r["shortfall_zh"],
            }
        )
    return rows
