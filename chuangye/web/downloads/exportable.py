"""What a page declares exportable, in its ``charts.py``: each graph as a ``Chart`` (how the server rebuilds the
figure for a view, the title above it, its file name) and each grid as a ``Grid`` (how many rows and columns it
holds for a view). The page's callbacks draw from the same functions, so a page and its export cannot drift;
an export request names only the graph or grid, the URL's view state says the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from chuangye.engine.manager import Analytics
from chuangye.web.viewstate import ViewState


class NothingToExport(LookupError):
    """The view has no such chart to draw (its page hides it: no unit chosen, no round that year)."""


@dataclass(frozen=True)
class Chart:
    """A graph a page draws.

    ``build(an, state)`` is the figure the page's callback sends for that view; ``heading(an, state)`` the title
    of the card the graph sits in; ``label`` the string key of the graph's own label where several graphs share
    one card; ``name`` the graph box's ``data-export-name`` (the chart's part of the file name); ``unit_type``
    the unit type the chart is about when it is not the view's; ``basis(an, state)`` the basis it shows when
    that is not the view's (the overview's baseline before any certification round)."""

    name: str
    build: Callable[[Analytics, ViewState], dict]
    heading: Callable[[Analytics, ViewState], str]
    label: str | None = None
    unit_type: str | None = None
    basis: Callable[[Analytics, ViewState], str] | None = None


@dataclass(frozen=True)
class Grid:
    """A grid a page draws: ``size(an, state)`` is (rows, columns) it holds for the view, the most a table
    export of it may carry."""

    size: Callable[[Analytics, ViewState], tuple[int, int]]


def figure_dict(figure: Any) -> dict:
    """A figure as the plain dict Dash sends (``go.Figure.to_plotly_json`` is its ``to_dict``)."""
    return figure.to_dict() if isinstance(figure, go.Figure) else figure


def leaf_columns(column_defs: list[dict]) -> int:
    """The columns a grid can show: column groups count their children."""
    return sum(leaf_columns(c["children"]) if "children" in c else 1 for c in column_defs)


__all__ = ["Chart", "Grid", "NothingToExport", "figure_dict", "leaf_columns"]
