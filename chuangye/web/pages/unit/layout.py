"""单位详情 Unit scorecard: search, the unit's indicators by year, its certification rounds, its area's coverage."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.figures.scorecard import FAIL_COLOR, PASS_COLOR
from chuangye.figures.style import UNIT_TYPE_COLORS
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text, rounded
from chuangye.web import busy, shown
from chuangye.web.components import graph, status_badge, table_downloads
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.peers.layout import WRAP, dropdown_labels
from chuangye.web.pages.unit import ids
from chuangye.web.viewstate import ViewState

LATE_COLOR = "#b35900"


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    option = unit_option(an, state.unit, lang) if state.unit else None
    core = an.cfg.core_indicators
    return html.Div(
        [
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label(t("unit_search_label", lang), html_for=ids.SEARCH, className="mb-1"),
                        dcc.Dropdown(
                            id=ids.SEARCH,
                            options=[option] if option else [],
                            value=state.unit if option else None,
                            searchable=True,
                            clearable=True,
                            placeholder=t("unit_search_placeholder", lang),
                            maxHeight=360,
                            labels=dropdown_labels(lang, no_options_found=t("unit_search_none", lang)),
                        ),
                    ],
                    lg=8,
                ),
                className="mt-2 mb-3",
            ),
            html.Div(
                [
                    dbc.Alert(
                        [html.I(className="bi bi-search me-2", **{"aria-hidden": "true"}), t("unit_empty_hint", lang)],
                        color="light",
                        className="border",
                    ),
                    busy.region(html.Div(id=ids.SUGGESTIONS)),
                ],
                id=ids.EMPTY,
                style={"display": "none" if option else "block"},
            ),
            html.Div(
                [
                    busy.region(html.Div(id=ids.HEADER), className="mb-3"),
                    busy.region(_figures_card(lang, core), className="mb-3"),
                    busy.region(_table_card(lang), className="mb-3"),
                    dbc.Row(
                        [
                            dbc.Col(busy.region(_history_card(lang), className="h-100"), lg=7, className="mb-3"),
                            dbc.Col(busy.region(_context_card(), className="h-100"), lg=5, className="mb-3"),
                        ]
                    ),
                ],
                id=ids.BODY,
                style={"display": "block" if option else "none"},
            ),
        ],
        id=ids.ROOT,
    )


def _figures_card(lang: str, core: list[str]) -> dbc.Card:
    """The core indicators year by year, one small chart each."""
    charts = [
        dbc.Col(graph(ids.figure(code), height=240, filename=f"unit-{code}", lang=lang), md=6, xl=3, className="mb-2")
        for code in core
    ]
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(id=ids.FIGURES_TITLE, className="h6 mb-0")),
            dbc.CardBody([figure_legend(lang), dbc.Row(charts)], className="p-2"),
        ],
        className="shadow-sm",
    )


def _table_card(lang: str) -> dbc.Card:
    """The indicators of every year in a searchable table with its downloads."""
    search = dcc.Input(
        id=ids.GRID_FILTER,
        type="search",
        debounce=0.3,
        placeholder=t("unit_filter_placeholder", lang),
        className="form-control form-control-sm mb-2",
        style={"maxWidth": "22rem"},
    )
    grid = dag.AgGrid(
        id=ids.GRID,
        rowData=[],
        columnDefs=grid_columns(lang),
        defaultColDef={"sortable": True, "resizable": True, "minWidth": 90},
        dashGridOptions=grid_options(lang, domLayout="autoHeight", animateRows=False, context=grid_context(lang)),
        columnSize="responsiveSizeToFit",
        className="ag-theme-alpine",
        style={"width": "100%"},
    )
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("unit_table_title", lang), className="h6 mb-0")),
            dbc.CardBody(
                [
                    dbc.Label(
                        t("unit_filter_placeholder", lang), html_for=ids.GRID_FILTER, className="visually-hidden"
                    ),
                    html.Div(
                        [search, table_downloads(ids.GRID, lang)],
                        className="d-flex align-items-start justify-content-between flex-wrap gap-2",
                    ),
                    grid,
                ],
                className="p-2",
            ),
        ],
        className="shadow-sm",
    )


def _history_card(lang: str) -> dbc.Card:
    """The unit's certification rounds, step by step."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(t("unit_history_title", lang), className="h6 mb-0")),
            dbc.CardBody(
                [html.Div(id=ids.HISTORY), html.Small(t("unit_deadlines_note", lang), className="text-muted")],
                className="p-2",
            ),
        ],
        className="shadow-sm h-100",
    )


def _context_card() -> dbc.Card:
    """The coverage of the unit's county and city for its type."""
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(id=ids.CONTEXT_TITLE, className="h6 mb-0")),
            dbc.CardBody(html.Div(id=ids.CONTEXT), className="p-2"),
        ],
        className="shadow-sm h-100",
    )


def figure_legend(lang: str) -> html.Div:
    """What the small charts' marks mean, once for all four."""

    def item(symbol: str, color: str, key: str) -> html.Span:
        return html.Span([html.Span(symbol, style={"color": color}, className="me-1"), t(key, lang)], className="me-3")

    return html.Div(
        [
            item("●", PASS_COLOR, "unit_legend_pass"),
            item("✕", FAIL_COLOR, "unit_legend_fail"),
            item("╌╌", "#333", "unit_legend_threshold"),
            item("▮", "rgba(0,114,178,0.25)", "unit_legend_year"),
        ],
        className="small text-muted px-1 mb-1 d-flex flex-wrap",
        id=ids.FIGURE_LEGEND,
    )


# ----------------------------------------------------------------------------------- pieces for callbacks


def unit_option(an: Analytics, code: str | None, lang: str) -> dict | None:
    row = an.unit_row(code) if code else None
    if row is None:
        return None
    return option_for(code, row["name"], row["name_en"], row["county_code"], an, lang)


def option_for(code: str, name: str, name_en: Any, county: str, an: Analytics, lang: str, query: str = "") -> dict:
    """A search option: the label shows name, code and county; ``search`` holds what the server matched,
    so the dropdown's own filtering (by label, value and search) never hides a server-side hit."""
    shown = name_en if lang == "en" and isinstance(name_en, str) and name_en else name
    label = f"{shown} · {code} · {an.region_name(county, lang)}"
    extra = f"{query} {name} {name_en if isinstance(name_en, str) else ''}".strip()
    return {"label": label, "value": code, "search": extra}


def header_card(profile: dict, card: pd.DataFrame, certified_year: int | None, state: ViewState, an: Analytics):
    lang = state.lang
    year = state.year
    unit_type = profile["unit_type"]
    name = profile["name_en"] if lang == "en" else profile["name"]
    type_label = t(f"type_{unit_type}", lang) if unit_type else t("unit_no_type", lang)
    color = UNIT_TYPE_COLORS.get(unit_type or "", "#6c757d")

    def place(key: str, code: str) -> html.Span:
        return html.Span(
            [
                html.Span(t("unit_label", lang, label=t(key, lang)), className="text-muted"),
                html.Strong(an.region_name(code, lang), className="me-1"),
                "(",
                dcc.Link(t("unit_link_map", lang), href=state.href("map", region=code), className="unit-link-map"),
                " · ",
                dcc.Link(
                    t("unit_link_peers", lang), href=state.href("peers", region=code), className="unit-link-peers"
                ),
                ")",
            ],
            className="me-3 d-inline-block",
        )

    core = card[card["core"]]
    meets = card["meets_standard"].iloc[0] if len(card) else pd.NA
    n_pass = int(core["pass"].fillna(False).sum())
    if pd.isna(meets):
        verdict, icon, vcolor = t("unit_verdict_no_data", lang, year=year), "bi-question-circle", "#666"
    elif meets:
        verdict = t("unit_verdict_meets", lang, year=year, n=n_pass, total=len(core))
        icon, vcolor = "bi-check-circle-fill", PASS_COLOR
    else:
        verdict = t("unit_verdict_below", lang, year=year, n=n_pass, total=len(core))
        icon, vcolor = "bi-x-circle-fill", FAIL_COLOR
    cert = (
        t("unit_certified_in", lang, year=certified_year)
        if certified_year is not None and certified_year <= year
        else t("unit_not_certified", lang, year=year)
    )
    notes = []
    if profile["location_synthetic"]:
        notes.append(html.Div([html.I(className="bi bi-geo-alt me-1"), t("unit_synthetic_note", lang)]))
    if not profile["in_scope"]:
        notes.append(html.Div([html.I(className="bi bi-slash-circle me-1"), t("unit_out_of_scope", lang)]))
    active_from, active_to = profile["active_from"], profile["active_to"]
    if (active_from is not None and year < active_from) or (active_to is not None and year > active_to):
        notes.append(html.Div([html.I(className="bi bi-calendar-x me-1"), t("unit_inactive", lang, year=year)]))
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(name, className="h4 mb-0 me-2", id=ids.NAME),
                        html.Span(type_label, className="badge", style={"backgroundColor": color, "color": "white"}),
                    ],
                    className="d-flex flex-wrap align-items-center gap-1",
                ),
                html.Div(
                    [
                        html.Span(
                            [
                                html.Span(f"{t('unit_code', lang)} ", className="text-muted"),
                                html.Code(profile["unit_code"]),
                            ],
                            className="me-3 d-inline-block",
                            id=ids.CODE,
                        ),
                        place("unit_county", profile["county_code"]),
                        place("unit_city", profile["city_code"]),
                    ],
                    className="my-2",
                ),
                html.Div(
                    [
                        html.Span(
                            [html.I(className=f"bi {icon} me-1", style={"color": vcolor}), verdict],
                            className="fw-semibold me-3",
                            id=ids.VERDICT,
                        ),
                        html.Span(cert, className="text-muted", id=ids.CERT_STATUS),
                    ]
                ),
                html.Div(notes, className="small text-muted mt-2"),
            ]
        ),
        className="shadow-sm",
    )


# Column specs (chuangye/web/grid.py): the kind formats the cell (assets/grid.js) and the export's number.
# A row's pass state is a code; its words and colour come with the grid's context (grid_context).
GRID_COLUMNS = (
    # a year shows as written; exported as a number
    GridColumn(
        "year",
        "unit_col_year",
        "int",
        {"maxWidth": 90, "minWidth": 70, "valueFormatter": {"function": "chuangyePlain(params)"}},
    ),
    GridColumn("indicator", "unit_col_indicator", options={"minWidth": 120, **WRAP}),
    GridColumn(
        "pass",
        "unit_col_pass",
        options={
            "minWidth": 100,
            "valueFormatter": {"function": "chuangyeLabel(params, 'pass')"},
            "getQuickFilterText": {"function": "chuangyeLabel(params, 'pass')"},
            "cellStyle": {"function": "chuangyeStyle(params, 'pass')"},
        },
    ),
    GridColumn("value", "unit_col_value", "percent", {"valueFormatter": {"function": "chuangyeIndicator(params)"}}),
    GridColumn(
        "threshold",
        "unit_col_threshold",
        "percent",
        {"valueFormatter": {"function": "chuangyeAtLeast(params)"}},  # "≥ 1.5%"
    ),
    GridColumn("shortfall", "unit_col_shortfall", options={"minWidth": 220, **WRAP}),
    GridColumn("numerator", "unit_col_numerator", "int"),
    GridColumn("denominator", "unit_col_denominator", "int"),
)
PASS_STATES = {True: "pass", False: "fail", None: "nodata"}  # a core indicator in a year: passes, fails, no data


def grid_columns(lang: str) -> list[dict]:
    return column_defs(GRID_COLUMNS, lang)


def grid_context(lang: str) -> dict:
    """What the grid's functions look up (``params.context``, assets/grid.js): the pass states' words and colours."""
    return {
        "labels": {"pass": {state: t(f"unit_{state}", lang) for state in PASS_STATES.values()}},
        "styles": {"pass": {"pass": {"color": PASS_COLOR}, "fail": {"color": FAIL_COLOR}}},
    }


def grid_rows(history: pd.DataFrame, lang: str) -> list[dict]:
    rows = []
    core = history[history["core"]].sort_values(["year", "indicator"], ascending=[False, True], kind="stable")
    order = {code: i for i, code in enumerate(dict.fromkeys(history["indicator"]))}
    core = core.assign(_o=core["indicator"].map(order)).sort_values(["year", "_o"], ascending=[False, True])
    for r in core.to_dict("records"):
        passed = None if pd.isna(r["pass"]) else bool(r["pass"])
        rows.append(
            {
                "year": int(r["year"]),
                "indicator": r["name_en"] if lang == "en" else r["name_zh"],
                "value": shown.share(r["value"], r["digits"]),  # the grid prints a percentage rounded here, once
                "threshold": shown.share(r["threshold"], r["digits"]),
                "digits": int(r["digits"]),
                "pass": PASS_STATES[passed],
                "shortfall": (r["shortfall_en"] if lang == "en" else r["shortfall_zh"]) or "",
                "numerator": None if pd.isna(r["numerator"]) else int(r["numerator"]),
                "denominator": None if pd.isna(r["denominator"]) else int(r["denominator"]),
            }
        )
    return rows


def shown_history(history: pd.DataFrame) -> pd.DataFrame:
    """The indicator history with values and thresholds rounded as the grid shows them (each indicator to its
    config ``digits``: a percentage to 0.1 % or 0.01 %, a ratio to 0.01), so the charts print the grid's numbers
    (web/shown.py)."""

    def shown_values(column: str) -> list:
        return [
            shown.share(v, digits) if fmt == "percent" else rounded(v, digits)
            for v, fmt, digits in zip(history[column], history["format"], history["digits"], strict=True)
        ]

    return history.assign(value=shown_values("value"), threshold=shown_values("threshold")).astype(
        {"value": "float64", "threshold": "float64"}
    )


STEP_LABEL = {"declared": "stage_declared", "county_evaluated": "stage_county_evaluated",
              "city_reviewed": "stage_city_reviewed"}  # fmt: skip


def history_view(rounds: list[dict], lang: str):
    """Each round as a row of four steps: mark + label + date; a late step is flagged with its deadline."""
    if not rounds:
        return html.P(t("unit_no_rounds", lang), className="text-muted mb-2")
    items = []
    for rnd in reversed(rounds):  # newest first
        steps = []
        for i, step in enumerate(rnd["steps"]):
            state = step["state"]
            if step["step"] == "decided":
                key = "stage_rejected" if state == "rejected" else "stage_certified"
            else:
                key = STEP_LABEL[step["step"]]
            icon, color = {
                "done": ("bi-check-circle-fill", PASS_COLOR),
                "rejected": ("bi-x-circle-fill", FAIL_COLOR),
                "pending": ("bi-circle", "#999"),
            }[state]
            detail = step["date"].isoformat() if step["date"] else t("unit_step_pending", lang)
            parts = [
                *([html.Span("→", className="text-muted me-2", **{"aria-hidden": "true"})] if i else []),
                html.I(className=f"bi {icon} me-1", style={"color": color}, **{"aria-hidden": "true"}),
                html.Span(t(key, lang), className="fw-semibold me-1"),
                html.Small(detail, className="text-muted"),
            ]
            if step["late"]:
                parts.append(
                    html.Small(
                        [
                            html.I(className="bi bi-exclamation-triangle-fill ms-1 me-1", **{"aria-hidden": "true"}),
                            t("unit_step_late", lang, deadline=step["deadline"].isoformat()),
                        ],
                        className="unit-step-late",
                        style={"color": LATE_COLOR},
                    )
                )
            steps.append(
                html.Li(
                    parts,
                    className=f"unit-step unit-step-{state} me-3 mb-1",
                    style={"opacity": 0.6 if state == "pending" else 1},
                    **{"data-step": step["step"], "data-state": state},
                )
            )
        outcome_color = {"certified": PASS_COLOR, "rejected": FAIL_COLOR, "open": "#6c757d"}[rnd["outcome"]]
        head = [
            html.Strong(t("unit_round", lang, year=rnd["round_year"]), className="me-2"),
            html.Span(
                t(f"unit_outcome_{rnd['outcome']}", lang),
                className="badge me-2",
                style={"backgroundColor": outcome_color, "color": "white"},
            ),
        ]
        if rnd["n_late"]:
            head.append(html.Small(t("unit_n_late", lang, n=rnd["n_late"]), style={"color": LATE_COLOR}))
        items.append(
            html.Li(
                [
                    html.Div(head, className="d-flex flex-wrap align-items-center mb-1"),
                    html.Ol(steps, className="list-unstyled d-flex flex-wrap mb-0"),
                ],
                className="list-group-item unit-round",
            )
        )
    return html.Ul(items, className="list-group list-group-flush mb-2", id=ids.ROUNDS)


def context_view(rows: list[tuple[str, str, str, pd.Series | None]], state: ViewState):
    """The coverage of the unit's county and city for its type: value against the goal, status, gap.

    ``rows``: (label key, region code, display name, coverage row or None) per area.
    """
    lang = state.lang
    blocks = []
    for level_key, code, display, row in rows:
        name = dcc.Link(html.Strong(display), href=state.href("peers", region=code))
        if row is None or pd.isna(row["coverage"]):
            blocks.append(html.Div([t("unit_label", lang, label=t(level_key, lang)), name, " —"], className="mb-3"))
            continue
        cov, goal = float(row["coverage"]), float(row["goal"])
        gap = (
            t("unit_context_met", lang)
            if pd.isna(row["gap_units"]) or int(row["gap_units"]) == 0
            else t("unit_context_gap", lang, units=int(row["gap_units"]))
        )
        bar = html.Div(
            [
                html.Div(style={"width": f"{min(cov, 1) * 100:.1f}%", "height": "100%", "background": "#0072B2"}),
                html.Div(
                    style={
                        "position": "absolute",
                        "left": f"{goal * 100:.1f}%",
                        "top": "-3px",
                        "bottom": "-3px",
                        "borderLeft": "2px dashed #333",
                    },
                    title=f"{t('goal', lang)} {percent_text(goal, 0)}",
                ),
            ],
            style={"position": "relative", "height": "10px", "background": "#e9ecef", "borderRadius": "3px"},
            className="my-1",
            role="img",
            **{"aria-label": f"{percent_text(cov)} / {t('goal', lang)} {percent_text(goal, 0)}"},
        )
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [
                            html.Span([t("unit_label", lang, label=t(level_key, lang)), name], className="me-2"),
                            status_badge(row["status"], lang, small=True),
                        ],
                        className="d-flex flex-wrap justify-content-between align-items-center",
                    ),
                    html.Div(
                        t("unit_context_line", lang, coverage=percent_text(cov), goal=percent_text(goal, 0)),
                        className="fw-semibold",
                    ),
                    bar,
                    html.Small(gap, className="text-muted"),
                ],
                className="mb-3 unit-context-row",
            )
        )
    return html.Div(blocks)


def not_found(code: str, lang: str) -> html.Div:
    """The warning above the suggestions when the URL names a unit code the data does not have."""
    return html.Div(t("unit_not_found", lang, code=code), className="alert alert-warning", id=ids.NOT_FOUND)


def suggestions_view(found: pd.DataFrame, state: ViewState, an: Analytics, county: str, unit_type: str):
    lang = state.lang
    title = t(
        "unit_suggest_title",
        lang,
        year=state.year,
        county=an.region_name(county, lang),
        type=t(f"type_{unit_type}", lang),
    )
    if found.empty:
        return html.Div([html.H2(title, className="h6"), html.P(t("unit_suggest_none", lang), className="text-muted")])
    items = []
    for r in found.to_dict("records"):
        name = r["name_en"] if lang == "en" and isinstance(r["name_en"], str) and r["name_en"] else r["name"]
        short = r["shortfall_en"] if lang == "en" else r["shortfall_zh"]
        items.append(
            html.Li(
                [
                    dcc.Link(name, href=state.href("unit", unit=r["unit_code"]), className="fw-semibold me-2"),
                    html.Small(f"{r['unit_code']} · {an.region_name(r['county_code'], lang)}", className="text-muted"),
                    html.Div(short, className="small"),
                ],
                className="list-group-item",
            )
        )
    return html.Div(
        [html.H2(title, className="h6"), html.Ul(items, className="list-group mb-3", id=ids.SUGGESTION_LIST)]
    )
