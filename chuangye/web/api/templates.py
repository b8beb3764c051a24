"""``GET /api/v1/templates/<table>.xlsx`` and ``GET /api/v1/templates/all.xlsx`` (``docs/api.md``,
``docs/templates.md``): the XLSX template of a table, or of all of them, pre-filled for a region and year.

A city or county user gets its own region by default and may ask for its own city's or county's (a city user
for one of its counties too); any other region is 403. An admin or province user gets a blank template by
default and may ask for any region. The rows are taken from the user's scoped view of the active version, so a
template never holds another area's units. Every template handed out is audited (``template``).
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, send_file

from chuangye.engine.manager import Analytics
from chuangye.exports.templates import (
    TemplateError,
    build_template,
    checked_region,
    checked_year,
    known_tables,
    table_of,
    template_years,
)
from chuangye.web.api.errors import ApiError
from chuangye.web.api.guard import ApiAudit, forbid, require_principal, scope
from chuangye.web.api.params import bad, code_of, lang_of, query
from chuangye.web.services import Services

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register(bp: Blueprint, services: Services, audit: ApiAudit) -> None:
    """The template routes on the API's blueprint (before its catch-all route)."""

    @bp.get("/templates/<table>.xlsx")
    def template(table: str) -> Response:
        require_principal(audit, object=f"template:{table[:40]}")
        an = services.analytics()  # first: an account whose region does not fit the data gets nothing
        args = query({"region", "year", "lang"})
        table = _table(table)
        whole = services.snapshot()
        lang = lang_of(args)
        year = _year(whole, args.get("year"))
        region = code_of(args, "region", "tpl_api_expected_region", required=False)
        if region is None and not scope().is_full:
            region = scope().region  # a city or county user's own area
        if region is not None:
            _check_region(audit, whole, region)
        built = build_template(an, table, region=region, year=year, lang=lang)
        detail = {"table": table, "year": year, "lang": lang, "rows": built.prefilled, "via": "api"}
        audit.viewed("template", object=table, region=region, detail=detail)
        response = send_file(
            io.BytesIO(built.content), mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=built.filename
        )
        response.headers["Cache-Control"] = "no-store"  # scoped data: no shared cache may keep it
        return response


def _table(name: str) -> str:
    """The table a template's address names (its code, Chinese name, or ``all``); 404 for anything else."""
    try:
        return table_of(name)
    except TemplateError:
        raise ApiError(
            404, "unknown_template", "tpl_api_unknown_table", table=name[:60], known=known_tables()
        ) from None


def _year(whole: Analytics, text: str | None) -> int:
    try:
        return checked_year(whole, text)
    except TemplateError:
        years = template_years(whole)
        raise bad("year", text or "", "tpl_api_expected_year", first=years[0], last=years[-1]) from None


def _check_region(audit: ApiAudit, whole: Analytics, region: str) -> None:
    """404 for a code the whole version does not have, 400 for one that is no province, city or county, 403 for
    one outside the user's own area (checked against the whole version: refused, not reported unknown)."""
    tree = whole.regions
    try:
        checked_region(tree, region)
    except TemplateError as exc:
        if exc.error == "unknown_region":
            raise ApiError(
                404, "unknown_region", "api_unknown_region", parameter="region", name="region", code=region
            ) from None
        raise bad("region", region, "tpl_api_expected_region") from None
    if not scope().may_export(region, tree):
        raise forbid(audit, "api_forbidden_region", region, region=region)


__all__ = ["XLSX_MIMETYPE", "register"]
