"""Which charts and grids each page can export: the page → its ``charts.py`` (``charts(an)``, ``grids(an)``)."""

from __future__ import annotations

from types import ModuleType

from chuangye.engine.manager import Analytics
from chuangye.web.downloads.exportable import Chart, Grid
from chuangye.web.pages.certification import charts as certification
from chuangye.web.pages.drilldown import charts as drilldown
from chuangye.web.pages.overview import charts as overview
from chuangye.web.pages.peers import charts as peers
from chuangye.web.pages.unit import charts as unit

PAGE_EXPORTS: dict[str, ModuleType] = {
    "overview": overview,
    "map": drilldown,
    "peers": peers,
    "unit": unit,
    "certification": certification,
}


def page_charts(an: Analytics, page: str) -> dict[str, Chart]:
    """Graph id → Chart of every graph ``page`` draws (none for a page that draws no chart)."""
    module = PAGE_EXPORTS.get(page)
    return module.charts(an) if module is not None else {}


def page_grids(an: Analytics, page: str) -> dict[str, Grid]:
    """Grid id → Grid of every grid ``page`` draws."""
    module = PAGE_EXPORTS.get(page)
    return module.grids(an) if module is not None else {}


__all__ = ["PAGE_EXPORTS", "page_charts", "page_grids"]
