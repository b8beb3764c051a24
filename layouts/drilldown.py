"""Placeholder until the page lands."""

from __future__ import annotations

from dash import html

from dashboard.analytics import Analytics
from dashboard.viewstate import ViewState


def layout(state: ViewState, an: Analytics) -> html.Div:
    return html.Div()
