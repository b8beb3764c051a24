"""Component ids of the certification-progress page (browser tests select by these values)."""

from __future__ import annotations

TITLE = "cert-title"
CITY = "cert-city"
HINT = "cert-hint"
SUBMISSIONS = "cert-submissions"  # deadlines of the year's figures, open and late submissions per region
EMPTY = "cert-empty"
BODY = "cert-body"
SUMMARY = "cert-summary"
FUNNEL_TITLE = "cert-funnel-title"
FUNNEL = "cert-funnel"
BAR_TITLE = "cert-bar-title"
BAR = "cert-bar"
TABLE_TITLE = "cert-table-title"
TABLE = "cert-table"
ISSUES_TITLE = "cert-issues-title"
ISSUES = "cert-issues"
ISSUES_COUNT = "cert-issues-count"
GRIDS = (TABLE, ISSUES)
GRAPHS = (FUNNEL, BAR)  # each with its 下载 menu
DOWNLOADS = {TABLE: "cert-table-downloads", ISSUES: "cert-issues-downloads"}  # each grid's 下载 buttons


def search(grid: str) -> str:
    """The quick-search box above a grid."""
    return f"{grid}-search"
