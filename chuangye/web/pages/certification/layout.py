"""认定进度 Certification progress: round funnel, certified vs target by city, per-area table, late/missing list."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from chuangye.engine.manager import Analytics
from chuangye.engine.pipeline import COUNT_COLUMNS, pipeline_for
from chuangye.strings.i18n import t
from chuangye.web import busy
from chuangye.web.access import may_export, subject_code
from chuangye.web.components import figure_card, graph, table_downloads
from chuangye.web.grid import GridColumn, column_defs, grid_options
from chuangye.web.pages.certification import ids
from chuangye.web.pages.certification.rows import round_span
from chuangye.web.viewstate import ViewState

FUNNEL_HEIGHT = 460
BAR_HEIGHT = 460
ISSUES_PAGE = 12

# Column specs (chuangye/web/grid.py): the kind formats the cell (assets/grid.js) and the export's number.
COUNTS = {"minWidth": 100}
WRAP = {
    "wrapText": True,
    "autoHeight": True,
    "cellStyle": {"lineHeight": "1.4", "paddingTop": "6px", "paddingBottom": "6px"},
}
AREA = GridColumn("area", "cert_col_city", options={"pinned": "left", "minWidth": 150, "flex": 1.2})
AREA_COLUMNS = (
    AREA,
    *(GridColumn(c, f"cert_col_{c}", "int", COUNTS) for c in COUNT_COLUMNS),
    GridColumn("pct_target", "cert_col_pct_target", "percent", COUNTS),
    GridColumn("late", "cert_col_late", "int", COUNTS),
    GridColumn("flags", "cert_col_flags", options={"minWidth": 200, "flex": 2.5, **WRAP}),
)
ISSUE_AREA = GridColumn("area", "cert_col_issue_city", options={"minWidth": 96, "flex": 1})
ISSUE_COLUMNS = (
    GridColumn("unit", "cert_col_unit", options={"minWidth": 200, "flex": 2}),
    ISSUE_AREA,
    GridColumn("step", "cert_col_step", options={"minWidth": 100, "flex": 1}),
    GridColumn("kind", "cert_col_kind", options={"minWidth": 110, "flex": 1}),
    GridColumn(
        "date", "cert_col_date", options={"minWidth": 108, "valueFormatter": {"function": "chuangyePlain(params)"}}
    ),
    GridColumn("deadline", "cert_col_deadline", options={"minWidth": 108}),
    GridColumn("days_late", "cert_col_days_late", "int", {**COUNTS, "sort": "desc"}),
)
COUNTY_HEADER = "level_county"  # the area column's header once a city is chosen


def _at_level(columns: tuple[GridColumn, ...], area: GridColumn, level: str) -> tuple[GridColumn, ...]:
    """The columns with the area column headed for the level shown: cities, or a city's counties."""
    if level == "city":
        return columns
    county = GridColumn(area.field, COUNTY_HEADER, area.kind, area.options)
    return tuple(county if column is area else column for column in columns)


def area_columns(lang: str, level: str = "city") -> list[dict]:
    """Columns of the per-area grid: cities for the province, counties once a city is chosen."""
    return column_defs(_at_level(AREA_COLUMNS, AREA, level), lang)


def issue_columns(lang: str, level: str = "city") -> list[dict]:
    return column_defs(_at_level(ISSUE_COLUMNS, ISSUE_AREA, level), lang)


def cert_grid_options(lang: str, **extra) -> dict:
    """The shared grid options (chuangye/web/grid.py) with this page's pager words and quick-filter start."""
    locale = {key: t(f"cert_grid_{key}", lang) for key in ("page", "of", "to", "more")}
    locale |= {
        "noRowsToShow": t("cert_grid_no_rows", lang),
        "firstPage": t("cert_grid_first_page", lang),
        "previousPage": t("cert_grid_previous_page", lang),
        "nextPage": t("cert_grid_next_page", lang),
        "lastPage": t("cert_grid_last_page", lang),
    }
    return grid_options(
        lang,
        context={"rowStyles": {"selected": {"fontWeight": "600"}}},  # for chuangyeRowStyle (assets/grid.js)
        quickFilterText="",
        localeText=locale,
        suppressCellFocus=True,
        enableCellTextSelection=True,
        **extra,
    )


def _grid(grid_id: str, columns: list[dict], lang: str, style: dict, **options) -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "wrapHeaderText": True, "autoHeaderHeight": True},
        columnSize="responsiveSizeToFit",
        dashGridOptions=cert_grid_options(lang, **options),
        getRowStyle={"function": "chuangyeRowStyle(params, 'selected')"},  # the chosen city's own row in bold
        style=style,
    )


def _search(search_id: str, lang: str, label: str) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=search_id, className="visually-hidden"),
            dbc.Input(
                id=search_id,
                type="search",
                placeholder=t("cert_search_placeholder", lang),
                size="sm",
                debounce=False,
                style={"maxWidth": "16rem"},
            ),
        ],
        className="mb-2",
    )


def empty_state(year: int, rounds: list[int], base_year: int, lang: str) -> list:
    """What the page says for a year without a round: before the first round, why; otherwise which years."""
    span = round_span(rounds, lang)
    if rounds and year <= base_year:
        detail = t("cert_empty_detail", lang, year=base_year, first=rounds[0], years=span)
    else:
        detail = t("cert_empty_generic", lang, years=span)
    icon = html.I(className="bi bi-calendar-x me-2", **{"aria-hidden": "true"})
    return [html.H3([icon, t("cert_empty", lang, year=year)], className="h5"), html.P(detail, className="mb-0")]


def submissions_block(deadlines: str, items: list[dict], lang: str) -> list:
    """The year's submission deadlines, then per region its open and late submissions (``rows.submission_items``),
    or that there are none."""
    heading = html.Span(t("sub_cert_heading", lang) + ("：" if lang == "zh" else ": "), className="fw-semibold")
    if not items:
        line = [heading, html.Span(t("sub_cert_none", lang), className="text-muted")]
    else:
        line = [heading]
        for i, item in enumerate(items):
            parts: list = [item["name"]]
            if item["open"]:
                parts += [" ", item["open"]]
            if item["late"]:
                parts += [" ", html.Span(item["late"], className="text-warning-emphasis fw-semibold")]
            line.append(html.Span(parts, className="text-nowrap", **{"data-region": item["code"]}))
            if i < len(items) - 1:
                line.append(t("sub_list_sep", lang))  # outside the unbreakable span: the line may wrap here
    return [html.Div(deadlines, className="text-muted"), html.Div(line)]


def city_options(an: Analytics, lang: str) -> list[dict]:
    pipe = pipeline_for(an)
    province = t("cert_scope_province", lang, name=an.region_name(pipe.province, lang))
    cities = [{"label": an.region_name(code, lang), "value": code} for code in pipe.cities["region_code"]]
    return [{"label": province, "value": pipe.province}, *cities]


def layout(state: ViewState, an: Analytics) -> html.Div:
    lang = state.lang
    pipe = pipeline_for(an)
    city = an.regions.city_of(state.region)
    table_title = t("cert_table_title", lang)
    # files about a region outside the user's area are not offered (the callback keeps this in step with the
    # view; the server refuses them anyway: web/downloads/callbacks.py)
    allowed = may_export(subject_code(state, an), an)
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H2(id=ids.TITLE, className=f"h5 mb-0 {busy.BUSY_TEXT}"), md=True),
                    dbc.Col(
                        [
                            dbc.Label(t("cert_city_label", lang), html_for=ids.CITY, className="me-2 mb-0"),
                            dcc.Dropdown(
                                id=ids.CITY,
                                options=city_options(an, lang),
                                value=city or pipe.province,
                                clearable=False,
                                searchable=True,
                                maxHeight=360,
                                labels={
                                    "search": t("cert_search_placeholder", lang),
                                    "clear_search": t("cert_dropdown_clear_search", lang),
                                    "no_options_found": t("cert_dropdown_no_match", lang),
                                },
                                style={"minWidth": "13rem"},
                            ),
                        ],
                        md="auto",
                        className="d-flex align-items-center",
                    ),
                ],
                className="mt-2 mb-1 g-2 align-items-center",
            ),
            html.P(id=ids.HINT, className=f"text-muted small mb-2 {busy.BUSY_TEXT}"),
            html.Div(id=ids.SUBMISSIONS, className=f"small mb-2 {busy.BUSY_TEXT}"),
            busy.region(dbc.Alert(id=ids.EMPTY, color="secondary", is_open=False, className="my-4")),
            html.Div(
                [
                    html.P(id=ids.SUMMARY, className=f"mb-3 {busy.BUSY_TEXT}", role="status"),
                    dbc.Row(
                        [
                            dbc.Col(
                                busy.region(
                                    figure_card(
                                        ids.FUNNEL_TITLE,
                                        graph(
                                            ids.FUNNEL,
                                            height=FUNNEL_HEIGHT,
                                            label=t("cert_funnel_title", lang),
                                            filename="certification-funnel",
                                            lang=lang,
                                            menu_shown=allowed,
                                        ),
                                        title=t("cert_funnel_title", lang),
                                    ),
                                    className="h-100",
                                ),
                                lg=5,
                                className="mb-3",
                            ),
                            dbc.Col(
                                busy.region(
                                    figure_card(
                                        ids.BAR_TITLE,
                                        [
                                            graph(
                                                ids.BAR,
                                                height=BAR_HEIGHT,
                                                label=t("cert_bar_title", lang),
                                                filename="certified-vs-target",
                                                lang=lang,
                                                menu_shown=allowed,
                                            ),
                                            html.Small(t("cert_bar_hint", lang), className="text-muted"),
                                        ],
                                        title=t("cert_bar_title", lang),
                                    ),
                                    className="h-100",
                                ),
                                lg=7,
                                className="mb-3",
                            ),
                        ]
                    ),
                    busy.region(
                        figure_card(
                            ids.TABLE_TITLE,
                            [
                                html.Div(
                                    [
                                        _search(ids.search(ids.TABLE), lang, table_title),
                                        html.Div(
                                            table_downloads(ids.TABLE, lang),
                                            id=ids.DOWNLOADS[ids.TABLE],
                                            hidden=not allowed,
                                        ),
                                    ],
                                    className="d-flex align-items-start justify-content-between flex-wrap gap-2",
                                ),
                                _grid(ids.TABLE, area_columns(lang), lang, {"height": None}, domLayout="autoHeight"),
                            ],
                            title=table_title,
                            className="mb-3",
                        )
                    ),
                    busy.region(
                        figure_card(
                            ids.ISSUES_TITLE,
                            [
                                html.Div(
                                    [
                                        _search(ids.search(ids.ISSUES), lang, t("cert_col_unit", lang)),
                                        html.Span(id=ids.ISSUES_COUNT, className="text-muted small ms-2 mb-2"),
                                        html.Div(
                                            table_downloads(ids.ISSUES, lang),
                                            id=ids.DOWNLOADS[ids.ISSUES],
                                            hidden=not allowed,
                                            className="ms-auto",
                                        ),
                                    ],
                                    className="d-flex align-items-center flex-wrap",
                                ),
                                _grid(
                                    ids.ISSUES,
                                    issue_columns(lang),
                                    lang,
                                    {"height": None},
                                    domLayout="autoHeight",
                                    pagination=True,
                                    paginationPageSize=ISSUES_PAGE,
                                    paginationPageSizeSelector=False,
                                ),
                            ],
                            className="mb-3",
                        )
                    ),
                ],
                id=ids.BODY,
            ),
        ]
    )
