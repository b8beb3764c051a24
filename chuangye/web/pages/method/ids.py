"""Component ids and anchors of the 口径与方法 Method page (browser tests select by these values)."""

from __future__ import annotations

PAGE = "method-page"
TITLE = "method-title"
TOC = "method-toc"
EXAMPLE = "method-example"  # the worked gap example: the view's year, type and basis (a callback keeps it current)
SCROLLED = "method-scrolled"  # the anchor the page scrolled to once drawn (a clientside callback)
SECTIONS: tuple[str, ...] = ("years", "indicators", "standard", "basis", "coverage", "gap", "pace", "status", "sources")


def section(name: str) -> str:
    """The anchor of one section (``/method#sec-status``)."""
    return f"sec-{name}"


def status_anchor(status: str) -> str:
    """The anchor of one status's explanation (``/method#status-missed``)."""
    return f"status-{status}"
