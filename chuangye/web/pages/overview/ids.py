"""Component ids of the overview page; browser tests select by these values."""

from __future__ import annotations

CARDS_TITLE = "ov-cards-title"
TREND_TITLE = "ov-trend-title"
RANKING_TITLE = "ov-ranking-title"
STATUS_LEGEND = "ov-status-legend"
MAP = "ov-map"
MAP_TITLE = "ov-map-title"
MAP_TYPE = "ov-map-type"  # the map's own unit-type choice (the rest of the page shows every type)
MAP_DRAWN = "ov-map-drawn"  # "version|lang" of the geometry in the browser: later views send a Patch
EXPORTS_HOME = "ov-exports-home"  # for a user who may not export the province: the link to their own area


def card(unit_type: str) -> str:
    """The column holding one unit type's headline card."""
    return f"ov-card-{unit_type}"


def card_body(unit_type: str) -> str:
    """The headline card itself."""
    return f"ov-card-body-{unit_type}"


def trend(unit_type: str) -> str:
    return f"ov-trend-{unit_type}"


def ranking(unit_type: str) -> str:
    return f"ov-ranking-{unit_type}"
