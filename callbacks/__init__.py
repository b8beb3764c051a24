"""Thin callbacks: read the view state, ask dashboard/ for the numbers and figures, return them."""

from __future__ import annotations

from importlib import import_module

from dash import Dash

from callbacks.context import Services

MODULES = ("shell", "overview", "drilldown", "peers", "unit", "certification", "exports")


def register_all(app: Dash, services: Services) -> None:
    for name in MODULES:
        module = import_module(f"callbacks.{name}")
        module.register(app, services)
