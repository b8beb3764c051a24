"""Exports for reports: charts (PNG/SVG/PDF), tables (XLSX/CSV) and the region report (PDF/DOCX).

Everything renders on the server with the system Chromium (one browser kept alive, see ``browser``) and
the system Noto Sans CJK font; nothing is downloaded.
"""

from dashboard.exports.browser import ExportBrowser, ExportError, export_browser
from dashboard.exports.chrome import PRESETS, chart_subtitle, data_stamp, source_line
from dashboard.exports.figures import MIME_TYPES, export_figure
from dashboard.exports.maps import static_choropleth
from dashboard.exports.report import ReportContent, ReportError, build_report, render_docx, render_pdf
from dashboard.exports.tables import ColumnSpec, table_to_csv, table_to_xlsx
from dashboard.exports.workbook import region_sheets, region_workbook

__all__ = [
    "MIME_TYPES",
    "PRESETS",
    "ColumnSpec",
    "ExportBrowser",
    "ExportError",
    "ReportContent",
    "ReportError",
    "build_report",
    "chart_subtitle",
    "data_stamp",
    "export_browser",
    "export_figure",
    "region_sheets",
    "region_workbook",
    "render_docx",
    "render_pdf",
    "source_line",
    "static_choropleth",
    "table_to_csv",
    "table_to_xlsx",
]
