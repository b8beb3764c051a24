"""Loading feedback: a region being redrawn says so, so old figures never pass for the new view's.

A page wraps each part that its callbacks redraw (cards, a chart, a map, a table, a line of text) as a *busy
region*: ``busy.region(children)`` in the layout, or the class ``busy-text`` (``BUSY_TEXT``) on a heading that
a callback rewrites. ``assets/busy.js`` then sets ``aria-busy="true"`` on a region while a Dash callback that
writes into it is pending, and on every region of the page while a callback that rewrites the URL is pending
(a control, a drill, a row click): from that moment until the page's own callbacks start, every figure on
the page belongs to the old view. ``assets/30-busy.css`` dims a busy region in place (nothing moves) and draws
a spinner over it, both after a short delay so that a quick answer does not flicker; screen readers hear
``aria-busy``. Nothing to register: the regions follow from the callbacks' outputs.
"""

from __future__ import annotations

from typing import Any

from dash import html

REGION_CLASS = "busy-region"
BUSY_TEXT = f"{REGION_CLASS} busy-text"  # a heading or a line a callback rewrites: it dims, without a spinner


def region(children: Any, *, className: str = "", **attributes: Any) -> html.Div:
    """A wrapper whose content dims, under a spinner, while a callback redraws something inside it."""
    return html.Div(children, className=f"{REGION_CLASS} {className}".strip(), **attributes)


__all__ = ["BUSY_TEXT", "REGION_CLASS", "region"]
