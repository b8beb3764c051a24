"""Method page callbacks: the worked gap example follows the view's year, type and basis; once the page is
drawn, it scrolls to the anchor the link named (a status badge links to ``/method?…#status-missed``)."""

from __future__ import annotations

from dash import Dash, Input, Output

from chuangye.web.callbacks import page_callback
from chuangye.web.pages.method import ids
from chuangye.web.pages.method.layout import example_text
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "method"

# The page is drawn by a callback after the URL (and its #anchor) arrived, so the browser's own jump to the
# anchor found nothing: scroll there, mark the target and move the focus to it once the page is in the DOM.
SCROLL_TO_ANCHOR = """
function(_) {
    const target = decodeURIComponent((window.location.hash || '').slice(1));
    if (!target) { return window.dash_clientside.no_update; }
    const go = (tries) => {
        const el = document.getElementById(target);
        if (!el) { if (tries > 0) { setTimeout(() => go(tries - 1), 50); } return; }
        document.querySelectorAll('.mth-target').forEach(e => e.classList.remove('mth-target'));
        el.classList.add('mth-target');
        el.scrollIntoView({block: 'start'});
        el.focus({preventScroll: true});
    };
    requestAnimationFrame(() => go(40));
    return target;
}
"""


def register(app: Dash, services: Services) -> None:
    app.clientside_callback(SCROLL_TO_ANCHOR, Output(ids.SCROLLED, "data"), Input(ids.PAGE, "id"))

    @page_callback(app, services, PAGE, output={"example": Output(ids.EXAMPLE, "children")})
    def update_example(state: ViewState) -> dict:
        return {"example": example_text(state, services.analytics())}
