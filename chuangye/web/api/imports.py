"""Data in through the API (issue 10): ``POST /api/v1/imports`` and ``POST /api/v1/versions/<id>/activate``.

Both are the administrator's (403 for every other role, audited) and go through the one import path every way
in uses: the files are saved by ``save_uploads`` into a private folder that is removed afterwards, then
``Store.preview_import`` (``dry_run=1``) or ``Store.import_paths`` (``by="api:<user>"``) does the rest, and
``coverage_changes`` says what the coverage of the province and each city would become. A refused import is
``422`` with every problem, the data left as it was. Activating a version is the store's rollback to it.

A browser's session cookie is an ambient credential: a POST carrying it must also carry the session's CSRF token
(``X-CSRF-Token`` header or ``csrf_token`` field), on top of the same-site check every POST gets
(``web/auth/hardening.py``). A bearer token is sent deliberately by its holder and needs none.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, request

from chuangye.data.changes import ChangeSummary, Consent
from chuangye.data.limits import MIB, UPLOAD_LIMITS
from chuangye.data.problems import Problem, has_errors
from chuangye.data.store import CHANGE_COUNTS, NOTE_MAX_CHARS, CorruptVersion, ImportRejected, StoreError
from chuangye.data.uploads import UploadRefused, save_uploads, upload_folder
from chuangye.engine.impact import import_impact
from chuangye.engine.manager import Analytics
from chuangye.web.access import Principal
from chuangye.web.api.errors import ApiError, Words, json_response
from chuangye.web.api.guard import ApiAudit, forbid, require_principal
from chuangye.web.api.params import LANGS, bad, choice_of
from chuangye.web.api.payloads import records
from chuangye.web.audit import actor
from chuangye.web.auth import sessions
from chuangye.web.services import Services
from chuangye.web.submitting import problem_dict

ADMIN = "admin"
CSRF_HEADER = "X-CSRF-Token"
FLAGS = ("dry_run", "allow_empty", "allow_shrink")
IMPORT_PARAMETERS = frozenset({*FLAGS, "note", "lang"})
TRUE, FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"", "0", "false", "no", "off"})
SIZE_CHECKS = frozenset({"too_many_files", "file_too_large", "total_too_large"})  # 413; others 400
AUDITED_FILES, AUDITED_NAME_CHARS = 10, 60  # the audit detail stays small (DETAIL_MAX_CHARS)

log = logging.getLogger(__name__)


def register(bp: Blueprint, services: Services, audit: ApiAudit) -> None:
    """Add the import routes to the API's blueprint (before its catch-all route)."""

    @bp.post("/imports")
    def imports() -> Response:
        request.max_content_length = UPLOAD_LIMITS.max_total_bytes + MIB  # before the form is read; its own bytes
        who = _administrator(audit)
        params = _parameters()
        dry_run = _flag(params, "dry_run")
        consent = Consent(allow_empty=_flag(params, "allow_empty"), allow_shrink=_flag(params, "allow_shrink"))
        lang = choice_of(params, "lang", LANGS, "zh") or "zh"
        note = _note(params)
        before = services.snapshot()
        files = request.files.getlist("files")
        names = [f.filename or "" for f in files]
        with upload_folder() as folder:
            try:
                paths = save_uploads(((f.filename or "", f.read()) for f in files), folder)
            except UploadRefused as exc:
                _record_import(audit, None, "failed", names, dry_run=dry_run, refused=exc.check)
                status = 413 if exc.check in SIZE_CHECKS else 400
                raise ApiError(status, "upload_refused", "imp_api_upload_refused",
                               reason=Words(f"upl_{exc.check}", exc.values)) from None  # fmt: skip
            if dry_run:
                return _dry_run(services, audit, before, paths, names, consent, lang)
            return _import(services, audit, who, before, paths, names, consent, note, lang)

    @bp.post("/versions/<version_id>/activate")
    def activate(version_id: str) -> Response:
        _administrator(audit, object=version_id)
        _parameters(allowed=frozenset())
        store = services.store
        if version_id not in {info.id for info in store.versions()}:
            raise ApiError(404, "unknown_version", "imp_api_unknown_version", code=version_id[:40])
        previous = store.active_version_id()
        try:
            store.rollback(version_id)
        except StoreError as exc:
            _record(audit, "rollback", version_id, "failed", {"from": previous, "via": "api"})
            raise _store_refusal(exc) from None
        _record(audit, "rollback", version_id, "ok", {"from": previous, "via": "api"})
        return json_response({"ok": True, "active": version_id, "previous": previous})


# ------------------------------------------------------------------------------------------ who and what


def _administrator(audit: ApiAudit, *, object: str | None = None) -> Principal:
    """The signed-in administrator; 401 without a user, 403 for any other role or a browser's POST without its
    session's CSRF token."""
    who = require_principal(audit, object=object or request.path)
    assert who is not None  # require_principal raises otherwise
    if who.role != ADMIN:
        raise forbid(audit, "imp_api_admin_only", object or request.path, region=who.region)
    if who.via != "token":
        sent = request.headers.get(CSRF_HEADER) or request.form.get(sessions.CSRF_FIELD)
        if not sessions.csrf_ok(sent):
            audit.denied(403, object=object or request.path, region=who.region)
            raise ApiError(403, "csrf", "imp_api_csrf", header=CSRF_HEADER)
    return who


def _parameters(allowed: frozenset[str] = IMPORT_PARAMETERS) -> dict[str, str]:
    """The form fields and query parameters (files and the CSRF token aside); any other name is refused."""
    given: dict[str, str] = {}
    for source in (request.args, request.form):
        for name in source:
            if name == sessions.CSRF_FIELD:
                continue
            if name not in allowed:
                raise ApiError(400, "unknown_parameter", "api_unknown_parameter", parameter=name, name=name,
                               allowed=", ".join(sorted(allowed | {"files"})))  # fmt: skip
            given[name] = source.getlist(name)[-1].strip()
    return given


def _flag(params: Mapping[str, str], name: str) -> bool:
    text = params.get(name, "").lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise bad(name, text, "imp_api_expected_flag")


def _note(params: Mapping[str, str]) -> str | None:
    note = params.get("note", "")
    if len(note) > NOTE_MAX_CHARS:
        raise bad("note", note, "imp_api_expected_note", limit=NOTE_MAX_CHARS)
    return note or None


# ------------------------------------------------------------------------------------------ answers


def _dry_run(
    services: Services,
    audit: ApiAudit,
    before: Analytics,
    paths: list,
    names: list[str],
    consent: Consent,
    lang: str,
) -> Response:
    try:
        preview = services.store.preview_import(paths, consent=consent)
    except StoreError as exc:
        _record_import(audit, None, "failed", names, dry_run=True, refused="store")
        raise _store_refusal(exc) from None
    impact = []
    if preview.dataset is not None:
        impact = _impact(before, Analytics(preview.dataset, services.cfg), lang)
    ok = not has_errors(preview.problems)
    _record_import(audit, None, "ok" if ok else "failed", names, dry_run=True,
                   problems=preview.problems, changes=preview.changes)  # fmt: skip
    body = _body(ok, preview.problems, preview.changes, impact, version=None, dry_run=True)
    return json_response(body, 200 if ok else 422)


def _import(
    services: Services,
    audit: ApiAudit,
    who: Principal,
    before: Analytics,
    paths: list,
    names: list[str],
    consent: Consent,
    note: str | None,
    lang: str,
) -> Response:
    store = services.store
    try:
        result = store.import_paths(paths, consent=consent, by=f"api:{who.username}", note=note)
    except ImportRejected as exc:
        _record_import(audit, None, "failed", names, dry_run=False, problems=exc.problems, changes=exc.changes)
        return json_response(_body(False, exc.problems, exc.changes, [], version=None, dry_run=False), 422)
    except StoreError as exc:
        _record_import(audit, None, "failed", names, dry_run=False, refused="store")
        raise _store_refusal(exc) from None
    _record_import(audit, result.version_id, "ok", names, dry_run=False, problems=result.warnings,
                   changes=result.changes)  # fmt: skip
    impact = _impact(before, Analytics(store.load(result.version_id), services.cfg), lang)
    body = _body(True, result.warnings, result.changes, impact, version=result.version_id, dry_run=False)
    return json_response(body, 201)


def _body(
    ok: bool,
    problems: list[Problem],
    changes: tuple[ChangeSummary, ...],
    impact: list[dict[str, Any]],
    *,
    version: str | None,
    dry_run: bool,
) -> dict[str, Any]:
    return {
        "ok": ok,
        "dry_run": dry_run,
        "problems": [problem_dict(p) for p in problems if p.is_error],
        "warnings": [problem_dict(p) for p in problems if not p.is_error],
        "changes": {c.table: c.as_dict() for c in changes},
        "impact": impact,
        "version": version,
    }


def _impact(before: Analytics, after: Analytics, lang: str) -> list[dict[str, Any]]:
    """Coverage before/after of the province and each city, for the rows that change (``import_impact``, the
    Data page's preview too)."""
    return records(import_impact(before, after, lang=lang))


def _store_refusal(exc: StoreError) -> ApiError:
    """A store that could not do it: a damaged version (409), or a read-only or full disk (503)."""
    if isinstance(exc, CorruptVersion):
        return ApiError(409, "version_damaged", "imp_api_store_refused", reason=str(exc))
    return ApiError(503, "store_unavailable", "imp_api_store_refused", reason=str(exc))


# ------------------------------------------------------------------------------------------ audit


def _record_import(
    audit: ApiAudit,
    version: str | None,
    outcome: str,
    names: list[str],
    *,
    dry_run: bool,
    problems: list[Problem] | None = None,
    changes: tuple[ChangeSummary, ...] = (),
    refused: str | None = None,
) -> None:
    detail: dict[str, Any] = {
        "via": "api",
        "dry_run": dry_run,
        "files": [name[:AUDITED_NAME_CHARS] for name in names[:AUDITED_FILES]],
        "file_count": len(names),
        "changes": {c.table: {k: getattr(c, k) for k in CHANGE_COUNTS} for c in changes if c.origin == "file"},
    }
    if problems is not None:
        detail["errors"] = sum(p.is_error for p in problems)
        detail["warnings"] = sum(not p.is_error for p in problems)
    if refused:
        detail["refused"] = refused
    _record(audit, "import", version, outcome, detail)


def _record(audit: ApiAudit, action: str, version: str | None, outcome: str, detail: dict[str, Any]) -> None:
    """An import or a rollback in the audit trail; one that cannot be written is logged (the data change,
    already made, stands, as on the command line)."""
    try:
        audit.trail.record(action, actor=actor(), object=version, outcome=outcome, detail=detail)
    except Exception:
        log.exception("audit record %s of %s could not be written", action, version)


__all__ = ["CSRF_HEADER", "register"]
