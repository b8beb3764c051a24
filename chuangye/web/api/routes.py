"""The routes under ``/api/v1/`` (documented in ``docs/api.md``): coverage, a region's units, one unit's
scorecard, the data versions; anything else under the prefix is a JSON 404 or 405."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from chuangye.data.schema import REGION_LEVELS
from chuangye.engine.drilldown import drill_data
from chuangye.engine.regions import RegionTree
from chuangye.engine.scope import ScopeError
from chuangye.web.api import imports, payloads, submissions, templates
from chuangye.web.api.asof import as_of
from chuangye.web.api.errors import ApiError, failed, http_refused, json_response, refused, scope_refused
from chuangye.web.api.guard import ApiAudit, forbid, require_principal, scope
from chuangye.web.api.params import (
    bad,
    basis_of,
    code_of,
    lang_of,
    level_of,
    query,
    unit_type_of,
    year_of,
)
from chuangye.web.services import Services

PREFIX = "/api/v1"
UNIT_LIST_LEVELS = ("city", "county")
ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def blueprint(services: Services, audit: ApiAudit) -> Blueprint:
    """A new blueprint of the API on ``services`` (one per app: a blueprint is registered once)."""
    bp = Blueprint("api_v1", __name__, url_prefix=PREFIX)
    bp.register_error_handler(ApiError, refused)
    bp.register_error_handler(ScopeError, scope_refused)
    bp.register_error_handler(HTTPException, http_refused)
    bp.register_error_handler(Exception, failed)

    def whole_tree() -> RegionTree:
        """The whole version's regions: whether a code exists at all (404) before whether it may be seen (403)."""
        return services.snapshot().regions

    @bp.get("/coverage")
    def coverage() -> Response:
        require_principal(audit)
        as_of(audit, services)  # ?version=: the stored version to answer from (before any data is read)
        an = services.analytics()
        args = query({"year", "level", "type", "parent", "basis", "lang", "version"})
        year, level, basis, lang = year_of(args, an.years), level_of(args), basis_of(args), lang_of(args)
        unit_type = unit_type_of(args, an.cfg.unit_types)
        parent = code_of(args, "parent", "api_expected_region", required=False)
        frame = an.coverage(basis=basis, level=level, year=year, unit_type=unit_type)
        if parent is not None:
            tree = whole_tree()
            _check_parent(audit, tree, parent, level)
            frame = frame[[parent in tree.path(code)[:-1] for code in frame["region_code"]]]
        body = {
            "version": an.version_id,
            "year": year,
            "level": level,
            "type": unit_type,
            "parent": parent,
            "basis": basis,
            "lang": lang,
            "rows": payloads.coverage_rows(an, frame, lang),
        }
        return json_response(body)

    @bp.get("/units")
    def units() -> Response:
        require_principal(audit)
        as_of(audit, services)
        an = services.analytics()  # first: an account whose region does not fit the data gets nothing
        args = query({"year", "region", "type", "lang", "version"})
        region = code_of(args, "region", "api_expected_region_of_units", required=True)
        counties = _unit_counties(audit, whole_tree(), region)
        year, lang = year_of(args, an.years), lang_of(args)
        unit_type = unit_type_of(args, an.cfg.unit_types)
        types = [unit_type] if unit_type else list(an.cfg.unit_types)
        rows = payloads.unit_list(drill_data(an), counties, types, year, lang)
        audit.viewed("unit_list_view", object=region, region=region,
                     detail={"year": year, "type": unit_type, "units": len(rows), "via": "api"})  # fmt: skip
        body = {"version": an.version_id, "region": region, "year": year, "type": unit_type, "lang": lang,
                "units": rows}  # fmt: skip
        return json_response(body)

    @bp.get("/units/<code>")
    def unit(code: str) -> Response:
        require_principal(audit, object=code)
        as_of(audit, services)
        an = services.analytics()
        args = query({"year", "lang", "version"})
        county = _unit_county(audit, services, code)
        year, lang = year_of(args, an.years), lang_of(args)
        body = payloads.scorecard(an, code, year, lang)
        audit.viewed("unit_view", object=code, region=county, detail={"year": year, "via": "api"})
        return json_response({"version": an.version_id, "lang": lang, **body})

    @bp.get("/versions")
    def versions() -> Response:
        require_principal(audit)
        services.analytics()  # an account whose region does not fit the data gets nothing, not even this
        query(set())
        return json_response(payloads.versions(services.store.versions(), audit.importers()))

    imports.register(bp, services, audit)  # POST /imports, POST /versions/<id>/activate
    templates.register(bp, services, audit)  # /templates/<table>.xlsx
    submissions.register(bp, services, audit)  # /submissions… (web/api/submissions.py)

    @bp.route("/", defaults={"rest": ""}, methods=ANY_METHOD)
    @bp.route("/<path:rest>", methods=ANY_METHOD)
    def elsewhere(rest: str) -> Response:
        """No route of the API: 405 when the address is a route that takes other methods, else 404."""
        if allowed := _allowed_methods(request.path):
            response = refused(ApiError(405, "method_not_allowed", "api_method_not_allowed", allowed=allowed))
            response.headers["Allow"] = allowed
            return response
        raise ApiError(404, "not_found", "api_not_found", path=request.path[:200])

    return bp


def _is_read_route(path: str) -> bool:
    return _is_route(path, "GET")


def _is_route(path: str, method: str) -> bool:
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, _ = adapter.match(path, method=method)
    except HTTPException:
        return False
    return endpoint != request.endpoint


def _allowed_methods(path: str) -> str:
    """What a route at ``path`` takes ("" for none): reading (GET, HEAD), writing (POST), or both."""
    methods = [*(["GET", "HEAD"] if _is_read_route(path) else []), *(["POST"] if _is_route(path, "POST") else [])]
    return ", ".join([*methods, "OPTIONS"]) if methods else ""


def _check_parent(audit: ApiAudit, tree: RegionTree, parent: str, level: str) -> None:
    """``parent=``: a region (404 if none), above ``level`` (400), whose rows at ``level`` the user may see some
    of (403): a city user asking for another city's counties is refused, not answered with nothing."""
    parent_level = tree.level_of(parent)
    if parent_level is None:
        raise ApiError(404, "unknown_region", "api_unknown_region", parameter="parent", name="parent", code=parent)
    if REGION_LEVELS.index(parent_level) >= REGION_LEVELS.index(level):
        raise bad("parent", parent, "api_expected_parent", level=level)
    who = scope()
    below = [code for code in tree.codes(level) if parent in tree.path(code)[:-1]]
    if not who.sees_region(parent, tree) or (below and not any(who.sees_region(c, tree) for c in below)):
        raise forbid(audit, "api_forbidden_region", parent, region=parent)


def _unit_counties(audit: ApiAudit, tree: RegionTree, region: str) -> list[str]:
    """The county-level areas whose units ``region=`` asks for: the county itself, or a city's counties. 404 for a
    code that is no region, 400 for one that is not a city or county, 403 when any of them is out of scope."""
    level = tree.level_of(region)
    if level is None:
        raise ApiError(404, "unknown_region", "api_unknown_region", parameter="region", name="region", code=region)
    if level not in UNIT_LIST_LEVELS:
        raise bad("region", region, "api_expected_region_of_units")
    counties = [region] if level == "county" else list(tree.children(region))
    if not set(counties) <= scope().unit_counties(tree):
        raise forbid(audit, "api_forbidden_region", region, region=region)
    return counties


def _unit_county(audit: ApiAudit, services: Services, code: str) -> str:
    """The county of unit ``code``: 404 when the active version has no such unit, 403 when it lies outside the
    user's area (and the scoped view must hold it too)."""
    whole = services.snapshot()
    row = whole.unit_row(code) if code.isdigit() else None
    if row is None:
        raise ApiError(404, "unknown_unit", "api_unknown_unit", code=code[:40])
    county = str(row["county_code"])
    if county not in scope().unit_counties(whole.regions) or services.analytics().unit_row(code) is None:
        raise forbid(audit, "api_forbidden_unit", code, region=county)
    return county


__all__ = ["PREFIX", "blueprint"]
