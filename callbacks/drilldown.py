"""Placeholder until the page lands."""

from __future__ import annotations

from dash import Dash

from callbacks.context import Services


def register(app: Dash, services: Services) -> None:
    return None
