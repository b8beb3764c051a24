"""Component ids of the drill-down map page; browser tests select by these values."""

from __future__ import annotations

ROOT = "dd-page"
BREADCRUMB = "dd-breadcrumb"
ALERT = "dd-alert"
MAP = "dd-map"
MAP_TITLE = "dd-map-title"
MAP_NOTE = "dd-map-note"
SYNTHETIC_NOTE = "dd-synthetic-note"
# the region's headline card
SUMMARY = "dd-summary"
SUMMARY_CARD = "dd-summary-card"
COVERAGE = "dd-coverage"
GAP = "dd-gap"
PACE = "dd-pace"
STAT_IN_SCOPE = "dd-stat-in-scope"
STAT_CERTIFIED = "dd-stat-certified"
STAT_MEETS = "dd-stat-meets"
# the selected unit's card
UNIT = "dd-unit"
UNIT_CARD = "dd-unit-card"
UNIT_INDICATORS = "dd-unit-indicators"
UNIT_STATE = "dd-unit-state"
UNIT_STAGE = "dd-unit-stage"
UNIT_LINK = "dd-unit-link"
UNIT_CLOSE = "dd-unit-close"
# the children table
TABLE_TITLE = "dd-table-title"
TABLE_HINT = "dd-table-hint"
SEARCH = "dd-search"
GRID = "dd-grid"
# what the view offers to export (only what the user may have: web/access.may_export)
EXPORTS = "dd-exports"  # the region report card's place
EXPORTS_DRAWN = "dd-exports-drawn"  # whether the card on screen offers the report buttons
EXPORTS_HOME = "dd-exports-home"  # the link to the user's own area, under the note when it does not
TABLE_DOWNLOADS = "dd-table-downloads"  # the table's XLSX/CSV buttons
# what the browser has drawn (so a later view sends a Patch), and the clientside map fit's dummy output
MAP_DRAWN = "dd-map-drawn"
TABLE_DRAWN = "dd-table-drawn"
MAP_FIT = "dd-map-fit"


def crumb(level: str) -> str:
    """The breadcrumb step of a level: province, city, county or unit."""
    return f"dd-crumb-{level}"
