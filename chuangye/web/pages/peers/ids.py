"""Component ids of the peer-comparison page (browser tests select by these values)."""

from __future__ import annotations

ROOT = "peers-page"
CITY = "peers-city"
COUNTY = "peers-county"
PEER_NOTE = "peers-peer-note"
HEADING = "peers-heading"
IND_TITLE = "peers-ind-title"
IND_TABLE = "peers-ind-table"
PASS_TITLE = "peers-pass-title"
PASS_SHARE = "peers-pass-share"
CHILDREN_TITLE = "peers-children-title"
CHILDREN_HINT = "peers-children-hint"
GRID_FILTER = "peers-grid-filter"
GRID = "peers-grid"
GRID_DOWNLOADS = "peers-grid-downloads"  # the grid's XLSX/CSV buttons, shown where the user may export


def card(unit_type: str) -> str:
    """The column that holds one unit type's standing card."""
    return f"peers-card-{unit_type}"


def card_body(unit_type: str) -> str:
    """The standing card itself."""
    return f"peers-card-body-{unit_type}"


def chart(unit_type: str) -> str:
    return f"peers-chart-{unit_type}"


def chart_title(unit_type: str) -> str:
    return f"peers-chart-title-{unit_type}"
