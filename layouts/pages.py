"""Page registry: which layout function draws which page."""

from __future__ import annotations

from importlib import import_module

from dashboard.analytics import Analytics
from dashboard.viewstate import ViewState

PAGE_MODULES = {
    "overview": "layouts.overview",
    "map": "layouts.drilldown",
    "peers": "layouts.peers",
    "unit": "layouts.unit",
    "certification": "layouts.certification",
}


def render_page(state: ViewState, an: Analytics):
    module = import_module(PAGE_MODULES[state.page])
    return module.layout(state, an)
