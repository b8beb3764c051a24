"""Page registry: which layout function draws which page."""

from __future__ import annotations

from importlib import import_module

from chuangye.engine.manager import Analytics
from chuangye.web.viewstate import ViewState

PAGE_MODULES = {
    "overview": "chuangye.web.pages.overview.layout",
    "map": "chuangye.web.pages.drilldown.layout",
    "peers": "chuangye.web.pages.peers.layout",
    "unit": "chuangye.web.pages.unit.layout",
    "certification": "chuangye.web.pages.certification.layout",
    "not_found": "chuangye.web.pages.not_found.layout",
    "method": "chuangye.web.pages.method.layout",
    "out_of_scope": "chuangye.web.pages.out_of_scope.layout",
    "audit": "chuangye.web.pages.audit.layout",
    "data": "chuangye.web.pages.data.layout",
    "submissions": "chuangye.web.pages.submissions.layout",
}


def render_page(state: ViewState, an: Analytics):
    module = import_module(PAGE_MODULES[state.page])
    return module.layout(state, an)
