"""Exports of what a dashboard view shows: a chart, an AG Grid table as filtered, the region report.

A chart is rebuilt on the server from the URL's view state (page, region, year, unit type, basis, language,
unit) by the page's own chart registry (``web/pages/<page>/charts.py``): the browser names only the graph, the
format and the size preset. A table comes from the browser as shown (its displayed columns and its rows after
filter and sort), checked against what that grid holds for the view. A request that asks for anything else is
refused with ``ExportRequestError`` (zh + en, with the HTTP status the callback answers). These functions add
the view's context (region, year, unit type, basis, data version) and return the file's bytes and name. No
Dash here: the callbacks in chuangye/web/downloads/callbacks.py stay thin.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any

import pandas as pd

from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import FORMATS, PRESETS, chart_subtitle, data_stamp, source_line
from chuangye.exports.tables import ColumnSpec, table_to_csv, table_to_xlsx
from chuangye.strings.i18n import bilingual, data_source, t
from chuangye.web.access import subject_code
from chuangye.web.downloads.exportable import Chart, NothingToExport
from chuangye.web.downloads.registry import page_charts, page_grids
from chuangye.web.grid import export_format
from chuangye.web.viewstate import ViewState

REPORT_LEVELS = ("province", "city", "county")
# prefixes that already name the page in a chart's file name or a component id (see chart_name)
PAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "overview": ("overview", "ov"),
    "map": ("map", "drilldown", "dd"),
    "peers": ("peers",),
    "unit": ("unit",),
    "certification": ("certification", "cert"),
}
TABLE_FORMATS = ("xlsx", "csv")
REGION_FORMATS = ("pdf", "docx", "xlsx")
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_UNSAFE = re.compile(r"[^0-9A-Za-z_.\-]+")
# what a request from assets/exports.js may carry, and how much
CHART_REQUEST_KEYS = frozenset({"graph", "fmt", "preset", "nonce"})
TABLE_REQUEST_KEYS = frozenset({"grid", "fmt", "title", "columns", "rows", "texts", "nonce"})
COLUMN_KEYS = frozenset({"id", "field", "header", "type", "formatted"})
MAX_NAME_CHARS = 120  # a graph or grid id, a nonce, a column type
MAX_TITLE_CHARS = 300  # a table's title, a column's id, field or header
MAX_CELL_CHARS = 2000
MAX_TABLE_BYTES = 3 * 1024 * 1024  # the request as sent; the largest grid (a county's 520 units) takes ~0.3 MB


class ExportRequestError(ValueError):
    """A request from the page that cannot be exported (unknown chart, bad format, malformed or too large);
    the message is in Chinese and English, ``status`` the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str


# ------------------------------------------------------------------------------------------ naming


def chart_name(page: str, name: str) -> str:
    """``certification-funnel`` on the certification page → ``funnel``: the page is named once."""
    for alias in PAGE_ALIASES.get(page, (page,)):
        rest = name[len(alias) + 1 :] if name.startswith(f"{alias}-") else ""
        if rest and rest != page:
            return rest
    return name


def export_stem(page: str, name: str, subject: str, year: int | str, preset: str | None = None) -> str:
    """``<page>-<chart>-<region>-<year>`` (``-slide`` for the slide preset), safe as a file name.

    assets/exports.js names the plotly toolbar's PNG by the same rule."""
    parts = [page, chart_name(page, name), subject, str(year)] + ([preset] if preset and preset != "a4" else [])
    stem = "-".join(_UNSAFE.sub("_", str(p)).strip("_") for p in parts if str(p))
    return stem or "chuangye"


def local_name(component_id: str) -> str:
    """``cert-table`` → ``table``: the page prefix is already the file name's first part."""
    return component_id.split("-", 1)[1] if "-" in component_id else component_id


def plain_text(text: object) -> str:
    """A plotly/HTML title as plain text: ``<br>`` becomes a space, tags go, entities are decoded."""
    if isinstance(text, Mapping):
        text = text.get("text")
    if not isinstance(text, str):
        return ""
    text = _TAG.sub("", _BREAK.sub(" ", text))
    return " ".join(unescape(text).split())


def chart_title(*parts: object) -> str:
    """The distinct non-empty parts (card header, the graph's label, the figure's own title) joined."""
    seen: list[str] = []
    for part in parts:
        text = plain_text(part)
        if text and not any(text in s for s in seen):
            seen = [s for s in seen if s not in text] + [text]
    return " · ".join(seen)


def report_region(an: Analytics, region: str | None) -> str:
    """The nearest region a report can be written for (province, city or county); the province if unknown."""
    return an.regions.region_or_root(region, levels=REPORT_LEVELS)


# ------------------------------------------------------------------------------------------ charts


def view_subtitle(an: Analytics, state: ViewState, unit_type: str) -> str:
    """Region (or unit), year, unit type, basis and data version of the view."""
    lang = state.lang
    if state.page == "unit" and state.unit and (row := an.unit_row(state.unit)) is not None:
        name = str(row.get("name_en") or row["name"]) if lang == "en" else str(row["name"])
        county = an.region_name(str(row["county_code"]), lang)
        parts = [
            t("ex_unit_in_county", lang, name=name, county=county),
            t("exp_year", lang, year=state.year),
            t(f"type_{row['unit_type']}", lang),
            data_stamp(an, lang),
        ]
        return " · ".join(parts)
    return chart_subtitle(an, subject_code(state, an), state.year, lang, unit_type=unit_type, basis=state.basis)


def _text_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)  # CJK characters take two columns


def room_for_rotated_ticks(figure: dict, preset: str = "a4") -> dict:
    """The figure with a bottom margin that holds its slanted x tick labels at the preset's font size.

    The export layout reserves one line of tick labels above the source line; labels at an angle (city
    names at -45°) need their slanted extent, or they run into the source line.
    """
    layout = figure.get("layout") or {}
    xaxis = layout.get("xaxis") or {}
    angle = xaxis.get("tickangle")
    if not _is_number(angle) or float(angle) % 180 == 0:
        return figure
    labels = xaxis.get("ticktext")
    if not isinstance(labels, list):
        labels = [x for trace in figure.get("data", []) if isinstance(trace.get("x"), list) for x in trace["x"]]
    labels = [plain_text(label) for label in labels if isinstance(label, str)]
    if not labels:
        return figure
    size = PRESETS[preset].font_size
    longest = max(_text_width(label) for label in labels) * size * 0.55  # one column ≈ half an em
    slant = math.radians(abs(float(angle)))
    extent = round(longest * abs(math.sin(slant)) + size * abs(math.cos(slant)))
    margin = dict(layout.get("margin") or {})
    margin["b"] = max(margin.get("b") or 0, extent)
    return {**figure, "layout": {**layout, "margin": margin}}


@dataclass(frozen=True)
class ChartRequest:
    graph: str
    fmt: str
    preset: str


def _refuse(key: str, status: int = 400, **values: object) -> ExportRequestError:
    return ExportRequestError(bilingual(key, **values), status)


def _short_text(value: object, limit: int = MAX_NAME_CHARS) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _known_keys(request: object, allowed: frozenset[str]) -> Mapping[str, Any]:
    """The request as a mapping with none but the ``allowed`` keys."""
    if not isinstance(request, Mapping):
        raise _refuse("ex_request_shape")
    unknown = sorted(str(key)[:40] for key in request if key not in allowed)
    if unknown:
        raise _refuse("ex_request_unknown_keys", keys=", ".join(unknown[:5]))
    nonce = request.get("nonce")
    if nonce is not None and not (_is_number(nonce) or _short_text(nonce)):
        raise _refuse("ex_request_shape")
    return request


def chart_subtitle_for(an: Analytics, state: ViewState, chart: Chart) -> str:
    """The subtitle of an exported chart: the view's, with the unit type and the basis the chart shows."""
    shown = state.model_copy(update={"basis": chart.basis(an, state)}) if chart.basis else state
    return view_subtitle(an, shown, chart.unit_type or state.unit_type)


def chart_request(request: object) -> ChartRequest:
    """The graph, format and preset a chart request names; ``ExportRequestError`` for anything else (a figure,
    unknown keys, values of the wrong kind)."""
    request = _known_keys(request, CHART_REQUEST_KEYS)
    graph, fmt, preset = request.get("graph"), request.get("fmt"), request.get("preset", "a4")
    if not _short_text(graph):
        raise _refuse("ex_request_shape")
    if fmt not in FORMATS or preset not in PRESETS:
        raise _refuse("ex_bad_chart_format", fmt=str(fmt)[:20], preset=str(preset)[:20])
    return ChartRequest(str(graph), str(fmt), str(preset))


def chart_download(an: Analytics, state: ViewState, request: Mapping[str, Any]) -> ExportFile:
    """The chart ``request`` names (``graph``, ``fmt``, ``preset``), rebuilt for the view by the page's chart
    registry, titled as on the page, decorated for a report and rendered on the server."""
    from chuangye.exports.figures import export_figure

    wanted = chart_request(request)
    chart = page_charts(an, state.page).get(wanted.graph)
    if chart is None:
        raise _refuse("ex_unknown_chart", 404, graph=wanted.graph[:MAX_NAME_CHARS], page=state.page)
    try:
        figure = chart.build(an, state)
    except NothingToExport as exc:
        raise _refuse("ex_chart_empty", 404) from exc
    if not figure.get("data"):
        raise _refuse("ex_chart_empty", 404)
    figure = room_for_rotated_ticks({"data": figure["data"], "layout": figure.get("layout") or {}}, wanted.preset)
    label = t(chart.label, state.lang) if chart.label else ""
    title = chart_title(chart.heading(an, state), label, figure["layout"].get("title")) or wanted.graph
    content = export_figure(
        figure,
        wanted.fmt,
        title=title,
        subtitle=chart_subtitle_for(an, state, chart),
        source=source_line(state.lang, synthetic=an.dataset.synthetic),
        preset=wanted.preset,
        lang=state.lang,
    )
    stem = export_stem(state.page, chart.name, subject_code(state, an), state.year, wanted.preset)
    return ExportFile(content, f"{stem}.{wanted.fmt}")


# ------------------------------------------------------------------------------------------ tables


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value)) or value == ""


def untyped_format(values: Sequence[object]) -> str:
    """A column that declares no kind: numbers stay numbers ("int" when all are whole), anything else is text."""
    present = [v for v in values if not _is_missing(v)]
    if not present or not all(_is_number(v) for v in present):
        return "text"
    return "int" if all(float(v).is_integer() for v in present) else "decimal"


def _kind(column: Mapping[str, Any]) -> str | None:
    """The column's kind (chuangye/web/grid.py) from its AG Grid type: a string or a list of types."""
    types = column.get("type")
    for candidate in types if isinstance(types, list) else [types]:
        if isinstance(candidate, str) and export_format(candidate) is not None:
            return candidate
    return None


def _text_cell(value: object, shown: object) -> object:
    if _is_missing(value):
        return None
    if shown is not None:
        return str(shown)
    return value if _is_number(value) else str(value)


def _scalar(value: object) -> bool:
    """A cell as the grid sends it: empty, a boolean, a finite number or a text of ``MAX_CELL_CHARS`` at most."""
    if value is None or isinstance(value, bool) or _is_number(value):
        return True
    return isinstance(value, str) and len(value) <= MAX_CELL_CHARS


def _valid_column(column: object) -> bool:
    if not isinstance(column, Mapping) or set(column) - COLUMN_KEYS:
        return False
    if not all(column.get(k) is None or _short_text(column.get(k), MAX_TITLE_CHARS) for k in ("id", "field", "header")):
        return False
    kind = column.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if len(kinds) > 8 or not all(k is None or _short_text(k) for k in kinds):
        return False
    return isinstance(column.get("formatted", False), bool)


def _valid_rows(rows: object, width: int) -> bool:
    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == width and all(_scalar(cell) for cell in row) for row in rows
    )


def table_request(
    an: Analytics, state: ViewState, request: object, request_bytes: int | None = None
) -> Mapping[str, Any]:
    """The table request, checked: known keys only, the grid one the page draws, a known format, columns and
    rows of plain cells, and no more rows or columns than that grid holds for the view (``Grid.size``) nor more
    bytes than ``MAX_TABLE_BYTES``. ``ExportRequestError`` (400, 404 or 413) otherwise."""
    if request_bytes is not None and request_bytes > MAX_TABLE_BYTES:
        raise _refuse("ex_request_too_large", 413, limit=f"{MAX_TABLE_BYTES / 1e6:.0f}")
    request = _known_keys(request, TABLE_REQUEST_KEYS)
    grid_id, fmt, title = request.get("grid"), request.get("fmt"), request.get("title")
    if not _short_text(grid_id) or not (title is None or (isinstance(title, str) and len(title) <= MAX_TITLE_CHARS)):
        raise _refuse("ex_request_shape")
    if fmt not in TABLE_FORMATS:
        raise _refuse("ex_bad_table_format", fmt=str(fmt)[:20])
    grid = page_grids(an, state.page).get(str(grid_id))
    if grid is None:
        raise _refuse("ex_unknown_grid", 404, grid=str(grid_id), page=state.page)
    columns, rows, texts = request.get("columns"), request.get("rows"), request.get("texts")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise _refuse("ex_request_shape")
    most_rows, most_columns = grid.size(an, state)  # counted first: a huge request is refused unread
    if len(rows) > most_rows or len(columns) > most_columns:
        raise _refuse(
            "ex_table_too_large",
            413,
            rows=len(rows),
            columns=len(columns),
            most_rows=most_rows,
            most_columns=most_columns,
        )
    if not all(_valid_column(c) for c in columns) or not _valid_rows(rows, len(columns)):
        raise _refuse("ex_request_shape")
    if texts is not None and not (_valid_rows(texts, len(columns)) and len(texts) == len(rows)):
        raise _refuse("ex_request_shape")
    return request


def grid_sheet(request: Mapping[str, Any]) -> tuple[pd.DataFrame, list[ColumnSpec]]:
    """The grid the page sent (``columns``: id, header, field, type; ``rows``: raw values as shown in the
    grid, valueGetters applied; ``texts``: the same cells as the column's own formatter writes them, where it
    has one) as a DataFrame and column specs for ``table_to_xlsx`` / ``table_to_csv``.

    The number format comes from the column's type (its kind, ``export_format``); a column of kind "text"
    takes the grid's text. A numeric kind whose cells are not all numbers falls back to text."""
    columns = list(request.get("columns") or [])
    rows = [list(r) for r in (request.get("rows") or [])]
    texts = [list(r) for r in (request.get("texts") or [])] or [[None] * len(columns) for _ in rows]
    if not columns:
        raise ExportRequestError(bilingual("ex_table_no_columns"))
    data: dict[str, object] = {}
    specs: list[ColumnSpec] = []
    for i, column in enumerate(columns):
        key = f"c{i}"
        values = [r[i] if i < len(r) else None for r in rows]
        shown = [r[i] if i < len(r) else None for r in texts]
        kind = _kind(column)
        fmt = untyped_format(values) if kind is None else export_format(kind) or "text"
        if fmt != "text" and not all(_is_number(v) for v in values if not _is_missing(v)):
            fmt = "text"  # a numeric kind holding words: keep what the grid shows
        if fmt == "text":  # the grid's text where it writes one; a bare number stays a number (no formula risk)
            cells = [_text_cell(v, s) for v, s in zip(values, shown, strict=True)]
            data[key] = pd.Series(cells, dtype="object")
        elif fmt == "int" and all(float(v).is_integer() for v in values if not _is_missing(v)):
            data[key] = pd.array([None if _is_missing(v) else int(v) for v in values], dtype="Int64")
        else:
            data[key] = pd.Series([None if _is_missing(v) else float(v) for v in values], dtype="float64")
        header = str(column.get("header") or column.get("id") or key)
        specs.append(ColumnSpec(key, header, header, fmt))
    return pd.DataFrame(data, index=range(len(rows))), specs


def view_meta(an: Analytics, state: ViewState, unit_type: str, rows: int | None = None) -> list[tuple[str, str]]:
    """The "about" rows of an exported table: what, where, when, from which data."""
    lang = state.lang
    subject = subject_code(state, an)
    if state.page == "unit" and state.unit and (row := an.unit_row(state.unit)) is not None:
        where = (t("ex_meta_unit", lang), f"{row['name']} ({state.unit})")
    else:
        where = (t("exp_meta_region", lang), f"{an.region_name(subject, lang)} ({subject})")
    meta = [
        where,
        (t("exp_meta_year", lang), str(state.year)),
        (t("ex_meta_type", lang), t(f"type_{unit_type}", lang)),
        (t("exp_meta_basis", lang), t(f"basis_{state.basis}", lang)),
        (t("ex_meta_page", lang), t(f"page_{state.page}", lang)),
    ]
    if rows is not None:
        meta.append((t("ex_meta_rows", lang), str(rows)))
    meta += [
        (t("exp_meta_version", lang), data_stamp(an, lang)),
        (t("exp_meta_exported", lang), date.today().isoformat()),
        (t("exp_meta_source", lang), data_source(lang, an.dataset.synthetic)),
    ]
    return meta


def table_download(
    an: Analytics, state: ViewState, request: Mapping[str, Any], request_bytes: int | None = None
) -> ExportFile:
    """The grid the page sent, checked (``table_request``), as a styled workbook (``fmt`` "xlsx") or UTF-8 CSV
    with a BOM ("csv")."""
    request = table_request(an, state, request, request_bytes)
    fmt = str(request["fmt"])
    frame, specs = grid_sheet(request)
    grid_id = str(request["grid"])
    stem = export_stem(state.page, local_name(grid_id), subject_code(state, an), state.year)
    if fmt == "csv":
        return ExportFile(table_to_csv(frame, specs, lang=state.lang), f"{stem}.csv")
    title = plain_text(request.get("title")) or t("ex_table_sheet", state.lang)
    meta = view_meta(an, state, state.unit_type, len(frame))
    content = table_to_xlsx({title: (frame, specs)}, title, meta, lang=state.lang)
    return ExportFile(content, f"{stem}.xlsx")


# ------------------------------------------------------------------------------------------ the region


def region_subject(an: Analytics, state: ViewState) -> str:
    """The region a view's report and region workbook are about: the province on the overview, else the view's
    region (``report_region``)."""
    return an.regions.root if state.page == "overview" else report_region(an, state.region)


def region_download(an: Analytics, state: ViewState, fmt: str) -> ExportFile:
    """The region report (PDF or Word) or the whole-region workbook for the view's region and year."""
    from chuangye.exports.report.build import build_report
    from chuangye.exports.report.docx import render_docx
    from chuangye.exports.report.pdf import render_pdf
    from chuangye.exports.workbook import region_workbook

    if fmt not in REGION_FORMATS:
        raise ExportRequestError(bilingual("ex_bad_region_format", fmt=fmt))
    region = region_subject(an, state)
    if fmt == "xlsx":
        content = region_workbook(an, region, state.year, state.basis, state.lang)
        return ExportFile(content, f"region-{region}-{state.year}-{state.lang}.xlsx")
    report = build_report(an, region, state.year, state.lang, state.basis)
    content = render_pdf(report) if fmt == "pdf" else render_docx(report)
    return ExportFile(content, f"{report.file_stem}.{fmt}")


__all__ = [
    "ChartRequest",
    "ExportFile",
    "ExportRequestError",
    "chart_download",
    "chart_name",
    "chart_request",
    "chart_subtitle_for",
    "chart_title",
    "export_stem",
    "grid_sheet",
    "local_name",
    "plain_text",
    "region_download",
    "region_subject",
    "report_region",
    "room_for_rotated_ticks",
    "table_download",
    "table_request",
    "untyped_format",
    "view_meta",
    "view_subtitle",
]
