"""Component ids of the unit-scorecard page (browser tests select by these values)."""

from __future__ import annotations

ROOT = "unit-page"
SEARCH = "unit-search"
EMPTY = "unit-empty"
SUGGESTIONS = "unit-suggestions"
SUGGESTION_LIST = "unit-suggestion-list"
NOT_FOUND = "unit-not-found"
BODY = "unit-body"
HEADER = "unit-header"
NAME = "unit-name"
CODE = "unit-code"
VERDICT = "unit-verdict"
CERT_STATUS = "unit-cert-status"
FIGURES_TITLE = "unit-figures-title"
FIGURE_LEGEND = "unit-figure-legend"
GRID_FILTER = "unit-grid-filter"
GRID = "unit-grid"
HISTORY = "unit-history"
ROUNDS = "unit-rounds"
CONTEXT_TITLE = "unit-context-title"
CONTEXT = "unit-context"


def figure(indicator: str) -> str:
    """The small history chart of one core indicator."""
    return f"unit-fig-{indicator}"
