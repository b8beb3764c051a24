"""Which component ids the layouts have, which ids the callbacks name, and the validation layout.

Every page is drawn into the shell's ``page-content`` by a callback, so no single layout holds every id a
callback names. ``layout_components`` draws the shell and each page for representative views (the overview;
the map at the province, a city, a county and with a unit selected; peers; a unit; certification with and
without a city); ``unknown_ids`` lists the callback dependencies no layout has (the test
tests/unit/chuangye/web/test_callback_ids.py); ``validation_layout`` is what Dash checks callbacks against
(``app.validation_layout``, its documented way for multi-page apps), so ``suppress_callback_exceptions`` can
stay off.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dash import Dash, html
from dash.development.base_component import Component

from chuangye.engine.manager import Analytics
from chuangye.web.pages.audit.layout import audit_page
from chuangye.web.pages.data.layout import data_page
from chuangye.web.routing import render_page
from chuangye.web.services import Services
from chuangye.web.shell.layout import shell
from chuangye.web.viewstate import NOT_FOUND, ViewState

WILDCARDS = ("MATCH", "ALL", "ALLSMALLER")


def representative_views(an: Analytics) -> list[ViewState]:
    """One view per layout a page draws differently, with codes from the data: the first city of the
    province, its first county and that county's first unit."""
    regions = an.regions
    city = regions.children(regions.root)[0]
    county = regions.children(city)[0]
    units = an.dataset.units
    unit = str(units.loc[units["county_code"] == county, "unit_code"].iloc[0])
    return [
        ViewState(page="overview"),
        ViewState(page="map"),
        ViewState(page="map", region=city),
        ViewState(page="map", region=county),
        ViewState(page="map", region=county, unit=unit),
        ViewState(page="peers"),
        ViewState(page="peers", region=county),
        ViewState(page="unit"),
        ViewState(page="unit", unit=unit),
        ViewState(page="certification"),
        ViewState(page="certification", region=city),
        ViewState(page="method"),
        ViewState(page="data"),
        ViewState(page="submissions"),
    ]


def layout_components(services: Services, views: Iterable[ViewState] | None = None) -> list[Component]:
    """The shell and every page's layout for the views (``representative_views`` by default), and the 404 page."""
    an = services.analytics()
    views = representative_views(an) if views is None else list(views)
    drawn: list[Component] = [shell(an.years, services.version, services.subtitle("zh"), an.regions.root)]
    drawn += [render_page(view, an) for view in [*views, ViewState(page=NOT_FOUND)]]
    # the admin's page, which render_page draws as a notice outside a signed-in request, in the views' language
    drawn.append(audit_page(views[0].lang if views else "zh"))
    drawn.append(data_page(views[0].lang if views else "zh"))
    return drawn


def components(layout: Component | Iterable[Component]) -> Iterator[Component]:
    """Every component of a layout (or of several), the roots included."""
    for root in [layout] if isinstance(layout, Component) else layout:
        yield root
        for child in root._traverse():
            if isinstance(child, Component):
                yield child


def id_key(component_id: str | dict) -> str:
    """A hashable key of a string or pattern-matching (dict) id."""
    return component_id if isinstance(component_id, str) else json.dumps(component_id, sort_keys=True)


def components_by_id(layout: Component | Iterable[Component]) -> dict[str, Component]:
    """The first component of each id (string ids and dict ids, keyed by ``id_key``)."""
    found: dict[str, Component] = {}
    for component in components(layout):
        component_id = getattr(component, "id", None)
        if isinstance(component_id, str | dict):
            found.setdefault(id_key(component_id), component)
    return found


@dataclass(frozen=True)
class Dependency:
    callback: str  # the callback's function (or clientside namespace.function)
    role: str  # "Output", "Input", "State" or "running"
    id: str | dict
    property: str


def _parse_id(component_id: str | dict) -> str | dict:
    """A dependency's id: pattern-matching ids come as JSON text in the callback list."""
    if isinstance(component_id, str) and component_id.startswith("{"):
        return json.loads(component_id)
    return component_id


def _split(spec: str) -> list[tuple[str, str]]:
    """``..a.b...c.d..`` or ``a.b`` (ids may be JSON objects holding dots) → [(id, property)]."""
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    return [tuple(part.rsplit(".", 1)) for part in parts]  # type: ignore[misc]


def _callback_name(app: Dash, entry: dict) -> str:
    function = entry.get("clientside_function")
    if function:
        return f"clientside {function.get('namespace')}.{function.get('function_name')}"
    server = app.callback_map.get(entry["output"], {}).get("callback")
    return getattr(server, "__name__", None) or entry["output"]


def dependencies(app: Dash) -> Iterator[Dependency]:
    """Every id a registered callback names: outputs, inputs, states and ``running`` outputs."""
    for entry in app._callback_list:
        name = _callback_name(app, entry)
        for component_id, prop in _split(entry["output"]):
            yield Dependency(name, "Output", _parse_id(component_id), prop.split("@")[0])
        for role in ("inputs", "state"):
            for dep in entry.get(role) or []:
                role_name = "Input" if role == "inputs" else "State"
                yield Dependency(name, role_name, _parse_id(dep["id"]), dep["property"])
        for spec in (entry.get("running") or {}).get("running", {}):
            component_id, prop = spec.rsplit(".", 1)
            yield Dependency(name, "running", _parse_id(component_id), prop)


def _is_wildcard(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS


def matches(pattern: dict, component_id: dict) -> bool:
    """A pattern-matching id (MATCH/ALL/ALLSMALLER values) against a layout's dict id."""
    if set(pattern) != set(component_id):
        return False
    return all(_is_wildcard(value) or component_id[key] == value for key, value in pattern.items())


def has_property(component: Component, prop: str) -> bool:
    if prop in component._prop_names:
        return True
    return any(prop.startswith(prefix) for prefix in getattr(component, "_valid_wildcard_attributes", []))


def _check(app: Dash, layout: Component | Iterable[Component]) -> Iterator[tuple[str, str]]:
    """("id" | "property", message) for every dependency no layout answers."""
    found = components_by_id(layout)
    patterns = [c.id for c in found.values() if isinstance(c.id, dict)]
    for dep in dependencies(app):
        if isinstance(dep.id, dict):
            hits = [found[id_key(i)] for i in patterns if matches(dep.id, i)]
        else:
            hits = [found[dep.id]] if dep.id in found else []
        where = f"{dep.callback}: {dep.role}({json.dumps(dep.id, ensure_ascii=False)}, {dep.property!r})"
        if not hits:
            yield "id", f"{where}: no layout has this id"
        elif not any(has_property(hit, dep.property) for hit in hits):
            yield "property", f"{where}: {type(hits[0]).__name__} has no property {dep.property!r}"


def unknown_ids(app: Dash, layout: Component | Iterable[Component]) -> list[str]:
    """``callback: Role(id, property): ...`` for every dependency whose id (or pattern) no layout has."""
    return sorted({message for kind, message in _check(app, layout) if kind == "id"})


def unknown_properties(app: Dash, layout: Component | Iterable[Component]) -> list[str]:
    """The same for dependencies whose component does not declare the property (Dash's renderer reports
    these as "Invalid prop for this component" when it validates callbacks)."""
    return sorted({message for kind, message in _check(app, layout) if kind == "property"})


def _stub(component: Component) -> Component:
    """The component's type with its id only: enough for Dash to check a callback's id and property."""
    try:
        return type(component)(id=component.id)
    except TypeError:  # a component with required properties: keep them, drop its children
        props = {p: getattr(component, p) for p in component._prop_names if p != "children" and hasattr(component, p)}
        return type(component)(**props)


def running_wildcards(app: Dash) -> list[str]:
    """``running`` outputs with an ALL or ALLSMALLER key: Dash's renderer resolves only MATCH keys there (it
    looks the component up without the ALL key and, with callback validation on, reports it "not found")."""
    problems = {
        f"{dep.callback}: running({json.dumps(dep.id)}, {dep.property!r})"
        for dep in dependencies(app)
        if dep.role == "running"
        and isinstance(dep.id, dict)
        and any(_is_wildcard(v) and v[0] != "MATCH" for v in dep.id.values())
    }
    return sorted(problems)


def validation_layout(app: Dash, services: Services, views: Iterable[ViewState] | None = None) -> html.Div:
    """What ``app.validation_layout`` needs, not what a page shows: flat and small, a stub of every component
    with a string id in the shell and the pages (``layout_components``), and for each pattern-matching id a
    callback names, one component it matches (one chart's 下载 items stand for every chart's)."""
    found = components_by_id(layout_components(services, views))
    keep = {key: c for key, c in found.items() if isinstance(c.id, str)}
    patterns = {id_key(dep.id): dep.id for dep in dependencies(app) if isinstance(dep.id, dict)}
    for pattern in patterns.values():
        hit = next((c for c in found.values() if isinstance(c.id, dict) and matches(pattern, c.id)), None)
        if hit is not None:
            keep.setdefault(id_key(hit.id), hit)
    return html.Div([_stub(c) for c in keep.values()])


__all__ = [
    "Dependency",
    "components",
    "components_by_id",
    "dependencies",
    "layout_components",
    "matches",
    "representative_views",
    "running_wildcards",
    "unknown_ids",
    "unknown_properties",
    "validation_layout",
]
