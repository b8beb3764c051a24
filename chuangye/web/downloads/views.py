"""Exports of what a dashboard view shows: a chart as drawn, an AG Grid table as filtered, the region report.

The browser sends what it shows (the figure as drawn, the grid's displayed columns and rows); these
functions add the view's context from the URL state (region, year, unit type, basis, data version) and
return the file's bytes and name. No Dash here: the callbacks in chuangye/web/downloads/callbacks.py stay thin.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any

import pandas as pd

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import FORMATS, PRESETS, chart_subtitle, data_stamp, source_line
from chuangye.exports.tables import ColumnSpec, table_to_csv, table_to_xlsx
from chuangye.strings.i18n import bilingual, t
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


class ExportRequestError(ValueError):
    """A request from the page that cannot be exported (bad format, no figure, no rows); zh + en."""


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str


# ------------------------------------------------------------------------------------------ naming


def subject_code(state: ViewState, an: Analytics | None = None) -> str:
    """The region (or unit) a view is about: the province on the overview (and when the URL names no region),
    the unit on the unit page."""
    if state.page == "unit" and state.unit:
        return state.unit
    province = an.regions.root if an is not None else ""
    return province if state.page == "overview" else state.region or province


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


def chart_unit_type(graph_id: str, default: str) -> str:
    """The unit type a chart is about: named at the end of its id (``ov-trend-park``), else the view's."""
    for unit_type in UNIT_TYPES:
        if graph_id.endswith(f"-{unit_type}"):
            return unit_type
    return default


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


def chart_download(an: Analytics, state: ViewState, request: Mapping[str, Any]) -> ExportFile:
    """The chart the page sent (``figure`` as JSON text or dict, ``fmt``, ``preset``, ``graph``, ``title``,
    ``name``) decorated for a report and rendered on the server."""
    from chuangye.exports.figures import export_figure

    fmt, preset = str(request.get("fmt", "")), str(request.get("preset", "a4"))
    if fmt not in FORMATS or preset not in PRESETS:
        raise ExportRequestError(bilingual("ex_bad_chart_format", fmt=fmt, preset=preset))
    figure = request.get("figure")
    if isinstance(figure, str):
        figure = json.loads(figure)
    if not isinstance(figure, dict) or not figure.get("data"):
        raise ExportRequestError(bilingual("ex_chart_empty"))
    figure = room_for_rotated_ticks({"data": figure["data"], "layout": figure.get("layout") or {}}, preset)
    graph_id = str(request.get("graph", "chart"))
    unit_type = chart_unit_type(graph_id, state.unit_type)
    title = chart_title(request.get("title"), request.get("label"), figure["layout"].get("title")) or graph_id
    content = export_figure(
        figure,
        fmt,
        title=title,
        subtitle=view_subtitle(an, state, unit_type),
        source=source_line(state.lang),
        preset=preset,
        lang=state.lang,
    )
    name = str(request.get("name") or local_name(graph_id))
    return ExportFile(content, f"{export_stem(state.page, name, subject_code(state, an), state.year, preset)}.{fmt}")


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
        if fmt == "text":
            cells = [
                None if _is_missing(v) else str(s if s is not None else v) for v, s in zip(values, shown, strict=True)
            ]
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
        (t("exp_meta_source", lang), t("footer_source", lang)),
    ]
    return meta


def table_download(an: Analytics, state: ViewState, request: Mapping[str, Any]) -> ExportFile:
    """The grid the page sent as a styled workbook (``fmt`` "xlsx") or UTF-8 CSV with a BOM ("csv")."""
    fmt = str(request.get("fmt", ""))
    if fmt not in TABLE_FORMATS:
        raise ExportRequestError(bilingual("ex_bad_table_format", fmt=fmt))
    frame, specs = grid_sheet(request)
    grid_id = str(request.get("grid", "table"))
    stem = export_stem(state.page, local_name(grid_id), subject_code(state, an), state.year)
    if fmt == "csv":
        return ExportFile(table_to_csv(frame, specs, lang=state.lang), f"{stem}.csv")
    title = plain_text(request.get("title")) or t("ex_table_sheet", state.lang)
    meta = view_meta(an, state, state.unit_type, len(frame))
    content = table_to_xlsx({title: (frame, specs)}, title, meta, lang=state.lang)
    return ExportFile(content, f"{stem}.xlsx")


# ------------------------------------------------------------------------------------------ the region


def region_download(an: Analytics, state: ViewState, fmt: str) -> ExportFile:
    """The region report (PDF or Word) or the whole-region workbook for the view's region and year."""
    from chuangye.exports.report.build import build_report
    from chuangye.exports.report.docx import render_docx
    from chuangye.exports.report.pdf import render_pdf
    from chuangye.exports.workbook import region_workbook

    if fmt not in REGION_FORMATS:
        raise ExportRequestError(bilingual("ex_bad_region_format", fmt=fmt))
    region = an.regions.root if state.page == "overview" else report_region(an, state.region)
    if fmt == "xlsx":
        content = region_workbook(an, region, state.year, state.basis, state.lang)
        return ExportFile(content, f"region-{region}-{state.year}-{state.lang}.xlsx")
    report = build_report(an, region, state.year, state.lang, state.basis)
    content = render_pdf(report) if fmt == "pdf" else render_docx(report)
    return ExportFile(content, f"{report.file_stem}.{fmt}")


__all__ = [
    "ExportFile",
    "ExportRequestError",
    "chart_download",
    "chart_name",
    "chart_title",
    "chart_unit_type",
    "export_stem",
    "grid_sheet",
    "local_name",
    "plain_text",
    "region_download",
    "report_region",
    "room_for_rotated_ticks",
    "subject_code",
    "table_download",
    "untyped_format",
    "view_meta",
    "view_subtitle",
]
