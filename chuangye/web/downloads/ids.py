"""Ids of the download controls every page shares: the region report buttons and the pattern-matching types of
the chart and table export menus (components.py draws them, callbacks.py answers them)."""

REPORT_PDF = "export-report-pdf"
REPORT_DOCX = "export-report-docx"
REGION_XLSX = "export-region-xlsx"
REPORT_STATUS = "export-report-status"
REPORT_ERROR = "export-report-error"
REPORT_DOWNLOAD = "export-report-download"

CHART_EXPORT = "chart-export"  # {"type", "graph", "fmt", "preset"}: one menu item
CHART_MENU = "chart-export-menu"  # {"type", "graph"}
CHART_REQUEST = "chart-export-request"  # {"type", "graph"}: the figure as drawn, written by exports.js
CHART_DOWNLOAD = "chart-export-download"
TABLE_EXPORT = "table-export"  # {"type", "grid", "fmt"}: one button
TABLE_REQUEST = "table-export-request"  # {"type", "grid"}
TABLE_DOWNLOAD = "table-export-download"
