"""``/api/v1/submissions``: cities and counties deliver their figures, reviewed upward (issue 10; docs/api.md,
docs/submissions.md).

- ``POST /submissions`` (multipart ``files``; ``table``, ``year`` and ``comment`` optional): a ``city`` or
  ``county`` user's figures for its own region, checked by the region import's preview
  (``Store.preview_import(paths, region=...)``); only a clean upload becomes a submission, else 422 with the
  problems (a row of a unit outside the region among them, named).
- ``GET /submissions`` (``state``, ``year``, ``region``, ``lang``): what the user may see, with state, deadline,
  late flag and validation summary; ``GET /submissions/<id>`` with its history and files;
  ``GET /submissions/<id>/files/<name>`` the file as uploaded.
- ``POST /submissions/<id>/forward|return|accept`` and ``POST /submissions/accept`` (``ids``): the review steps.
  Accepting imports every accepted submission's files into ONE new version
  (``Store.import_paths(..., region=(their regions), by="web:<user>")``) and marks them accepted with its id.

Who may do what is the scope rule (``engine/submissions.py``), whether the step is possible the state machine
(``data/db/submissions.py``). Every route answers 401 without credentials, 403 (zh/en, audited) out of role or
scope, JSON errors only; a POST signed in by session cookie carries the session's CSRF token
(``X-CSRF-Token`` header or ``csrf_token`` field), one with a bearer token needs none.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, request

from chuangye.data.db.submissions import (
    OPEN_STATES,
    STATES,
    Submission,
    SubmissionError,
)
from chuangye.data.problems import Problem
from chuangye.engine import submissions as rules
from chuangye.engine.regions import RegionTree
from chuangye.web import submitting
from chuangye.web.access import Principal, current_scope
from chuangye.web.api.errors import ApiError, Words, json_response
from chuangye.web.api.guard import ApiAudit, forbid, require_principal
from chuangye.web.api.params import bad, choice_of, code_of, lang_of, query
from chuangye.web.audit import actor
from chuangye.web.auth import sessions
from chuangye.web.services import Services
from chuangye.web.submissions import store_of
from chuangye.web.submitting import LISTED_WARNINGS

CSRF_HEADER = "X-CSRF-Token"
MULTIPART_OVERHEAD = 1024 * 1024  # form boundaries and fields around the files themselves
# the state machine's refusals that are the caller's role, not the submission's state
FORBIDDEN_CODES = frozenset({"not_reviewer"})
NOT_FOUND_CODES = frozenset({"not_found"})
BAD_REQUEST_CODES = frozenset(
    {"comment_required", "comment_too_long", "nothing_to_accept", "unknown_action", "no_files", "too_many_files",
     "bad_file_name", "duplicate_file_name"}
)  # fmt: skip
TOO_LARGE_CODES = frozenset({"file_too_large", "files_too_large"})


def register(bp: Blueprint, services: Services, audit: ApiAudit) -> None:
    """The submission routes on the API's blueprint (before its catch-all)."""

    def tree() -> RegionTree:
        return services.snapshot().regions

    @bp.post("/submissions")
    def submit() -> Response:
        principal = require_principal(audit)
        _check_csrf(audit, principal)
        query(set())
        whole = tree()
        scope = current_scope()
        level = rules.submitting_level(scope, whole)
        if level is None:
            raise forbid(audit, "sub_api_province_imports", request.path, region=None)
        store = store_of(services)
        request.max_content_length = store.limits.max_total_bytes + MULTIPART_OVERHEAD
        form = _fields({"table", "year", "comment", sessions.CSRF_FIELD})
        uploaded = _uploaded_files()
        year = _year_param(form.get("year", ""))
        try:
            outcome = submitting.submit(services, scope, level, uploaded, by=actor(), table=form.get("table", ""),
                                        year=year, comment=form.get("comment"))  # fmt: skip
        except submitting.Refusal as exc:
            raise _from_service(exc) from None
        except SubmissionError as exc:
            raise _refusal(exc) from None
        if outcome.submission is None:
            return _not_clean(outcome.errors, outcome.warnings, outcome.changes)
        made = outcome.submission
        return json_response(_payload(services, made, lang_of({}), detail=True), 201)

    @bp.get("/submissions")
    def listing() -> Response:
        require_principal(audit)
        services.analytics()  # an account whose region does not fit the data gets nothing
        args = query({"state", "year", "region", "lang"})
        whole, lang = tree(), lang_of(args)
        state = choice_of(args, "state", (*STATES, "open"), None)
        states = OPEN_STATES if state == "open" else ({state} if state else None)
        year = _year_param(args.get("year", ""))
        region = code_of(args, "region", "api_expected_region", required=False)
        regions = rules.visible_regions(current_scope(), whole)
        if region is not None:
            if whole.level_of(region) is None:
                raise ApiError(404, "unknown_region", "api_unknown_region", parameter="region", name="region",
                               code=region)  # fmt: skip
            if regions is not None and region not in regions:
                raise forbid(audit, "api_forbidden_region", region, region=region)
            regions = {region}
        found = store_of(services).search(regions=regions, states=states, year=year)
        body = {"lang": lang, "submissions": [_payload(services, s, lang) for s in found]}
        return json_response(body)

    @bp.get("/submissions/<int:submission_id>")
    def one(submission_id: int) -> Response:
        require_principal(audit, object=str(submission_id))
        services.analytics()
        lang = lang_of(query({"lang"}))
        found = _visible(audit, services, submission_id)
        return json_response(_payload(services, found, lang, detail=True))

    @bp.get("/submissions/<int:submission_id>/files/<path:name>")
    def file(submission_id: int, name: str) -> Response:
        require_principal(audit, object=str(submission_id))
        services.analytics()
        query(set())
        found = _visible(audit, services, submission_id)
        store = store_of(services)
        kept = store.file(submission_id, name)
        if kept is None:
            raise ApiError(404, "unknown_file", "sub_api_unknown_file", id=submission_id, name=name[:80])
        try:
            store.record_file_read(found, name, by=actor())
        except Exception as exc:  # unit data that cannot be recorded is not handed out (as ApiAudit.viewed)
            raise ApiError(503, "audit_unavailable", "api_audit_unavailable") from exc
        info, content = kept
        return _file_response(info.name, content)

    @bp.post("/submissions/<int:submission_id>/<any(forward, return):action>")
    def review(submission_id: int, action: str) -> Response:
        principal = require_principal(audit, object=str(submission_id))
        _check_csrf(audit, principal)
        services.analytics()
        query(set())
        form = _fields({"comment", sessions.CSRF_FIELD})
        found = _visible(audit, services, submission_id)
        tier = rules.reviewer_tier(current_scope(), found.region, tree())
        try:
            done = store_of(services).review(submission_id, action, tier=tier, by=actor(),
                                             comment=form.get("comment"))  # fmt: skip
        except SubmissionError as exc:
            raise _refusal(exc, audit, found) from None
        return json_response(_payload(services, done, "zh", detail=True))

    @bp.post("/submissions/<int:submission_id>/accept")
    def accept_one(submission_id: int) -> Response:
        principal = require_principal(audit, object=str(submission_id))
        _check_csrf(audit, principal)
        query(set())
        form = _fields({"comment", sessions.CSRF_FIELD})
        return _accept(audit, services, [submission_id], form.get("comment"))

    @bp.post("/submissions/accept")
    def accept_several() -> Response:
        principal = require_principal(audit)
        _check_csrf(audit, principal)
        query(set())
        form = _fields({"ids", "comment", sessions.CSRF_FIELD})
        return _accept(audit, services, _ids(form.get("ids")), form.get("comment"))


# ---------------------------------------------------------------------------------------------- accepting


def _accept(audit: ApiAudit, services: Services, ids: list[int], comment: str | None) -> Response:
    """Several submissions into ONE new version: every one checked first, their files imported together as a
    region import of their regions, then all marked accepted with the version's id (or none of them)."""
    services.analytics()
    scope = current_scope()
    if not scope.is_full:
        raise forbid(audit, "sub_api_province_accepts", ",".join(map(str, ids))[:200], region=scope.region)
    try:
        done = submitting.accept(services, ids, by=actor(), comment=comment, via="api")
    except SubmissionError as exc:
        raise _refusal(exc) from None
    except submitting.Refusal as exc:
        raise _from_service(exc) from None
    if done.version is None:
        return _not_clean(done.errors, done.warnings, {c.table: c.as_dict() for c in done.changes})
    body = {
        "ok": True,
        "version": done.version,
        "changes": {c.table: c.as_dict() for c in done.changes},
        "warnings": [submitting.problem_dict(p) for p in done.warnings[:LISTED_WARNINGS]],
        "submissions": [_payload(services, s, "zh", detail=True) for s in done.submissions],
    }
    return json_response(body)


# ---------------------------------------------------------------------------------------------- helpers


def _check_csrf(audit: ApiAudit, principal: Principal | None) -> None:
    """A POST on a browser's session carries the session's CSRF token; a bearer token (another system) and the
    local user of a server without accounts need none."""
    if principal is None or principal.via != "session":
        return
    sent = request.headers.get(CSRF_HEADER) or request.form.get(sessions.CSRF_FIELD)
    if not sessions.csrf_ok(sent):
        audit.denied(403, object=request.path[:200], region=principal.region)
        raise ApiError(403, "csrf", "sub_api_csrf", header=CSRF_HEADER)


def _fields(allowed: set[str]) -> dict[str, str]:
    """The POST's fields (a form, or a JSON object), refusing any the route does not take."""
    body: Mapping[str, Any]
    if request.is_json:
        loaded = request.get_json(silent=True)
        if not isinstance(loaded, dict):
            raise ApiError(400, "bad_body", "sub_api_bad_body")
        body = {k: ",".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
                for k, v in loaded.items()}  # fmt: skip
    else:
        body = {name: request.form.getlist(name)[-1] for name in request.form}
        if request.form.getlist("ids"):
            body = {**body, "ids": ",".join(request.form.getlist("ids"))}
    for name in body:
        if name not in allowed:
            raise ApiError(400, "unknown_parameter", "api_unknown_parameter", parameter=name, name=name,
                           allowed=", ".join(sorted(allowed)))  # fmt: skip
    return {name: value.strip() for name, value in body.items()}


def _uploaded_files() -> list[tuple[str, bytes]]:
    """The ``files`` of the multipart form as (name as sent, bytes)."""
    if request.is_json:
        raise ApiError(400, "no_files", "sub_err_no_files")
    uploads = request.files.getlist("files")
    unknown = [name for name in request.files if name != "files"]
    if unknown:
        raise ApiError(400, "unknown_parameter", "api_unknown_parameter", parameter=unknown[0], name=unknown[0],
                       allowed="files")  # fmt: skip
    if not uploads:
        raise ApiError(400, "no_files", "sub_err_no_files")
    return [(upload.filename or "", upload.read()) for upload in uploads]


def _year_param(text: str) -> int | None:
    if not text:
        return None
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        raise bad("year", text, "sub_api_expected_year")
    return int(text)


def _ids(text: str | None) -> list[int]:
    parts = [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise ApiError(400, "missing_parameter", "api_missing_parameter", parameter="ids", name="ids",
                       expected=Words("sub_api_expected_ids"))  # fmt: skip
    if not all(part.isdigit() for part in parts):
        raise bad("ids", text or "", "sub_api_expected_ids")
    return [int(part) for part in parts]


def _visible(audit: ApiAudit, services: Services, submission_id: int) -> Submission:
    """The submission, 404 when there is none, 403 (audited) when it lies outside the user's area."""
    found = store_of(services).get(submission_id)
    if found is None:
        raise ApiError(404, "not_found", "sub_err_not_found", id=submission_id)
    if not rules.sees(current_scope(), found.region, services.snapshot().regions):
        raise forbid(audit, "sub_api_forbidden", str(submission_id), region=found.region)
    return found


def _from_service(exc: submitting.Refusal) -> ApiError:
    """The submitting service's refusal as the API's error."""
    if exc.words is not None:
        return _Worded(exc.status, exc.error, *exc.words)
    return ApiError(exc.status, exc.error, exc.key, **exc.values)


def _refusal(exc: SubmissionError, audit: ApiAudit | None = None, found: Submission | None = None) -> ApiError:
    """A refusal of the state machine or the limits as the API's error (its message in both languages)."""
    if exc.code in FORBIDDEN_CODES:
        if audit is not None:
            audit.denied(403, object=str(found.id) if found else None, region=found.region if found else None)
        status = 403
    elif exc.code in NOT_FOUND_CODES:
        status = 404
    elif exc.code in BAD_REQUEST_CODES:
        status = 400
    elif exc.code in TOO_LARGE_CODES:
        status = 413
    else:
        status = 409
    return _Worded(status, exc.code, exc.message("zh"), exc.message("en"))


class _Worded(ApiError):
    """An ``ApiError`` whose words another layer wrote (the state machine's, an upload's refusal)."""

    def __init__(self, status: int, error: str, message_zh: str, message_en: str) -> None:
        super().__init__(status, error, "")
        self.words = {"zh": message_zh, "en": message_en}

    def message(self, lang: str) -> str:
        return self.words["en" if lang == "en" else "zh"]


def _not_clean(errors: list[Problem], warnings: list[Problem], changes: dict[str, dict]) -> Response:
    """422: the upload (or the accepted submissions) cannot go in; every error and warning, nothing stored."""
    refusal = ApiError(422, "not_clean", "sub_api_not_clean", errors=len(errors))
    body = {
        "ok": False,
        **refusal.body(),
        "problems": [submitting.problem_dict(p) for p in errors],
        "warnings": [submitting.problem_dict(p) for p in warnings],
        "changes": changes,
    }
    return json_response(body, 422)


def _payload(services: Services, s: Submission, lang: str, *, detail: bool = False) -> dict[str, Any]:
    """A submission as JSON: codes, ISO times (UTC) and dates, numbers; names in ``lang``."""
    cycle = services.cfg.certification_cycle
    late = rules.lateness(s, cycle)
    tree = services.snapshot().regions
    body: dict[str, Any] = {
        "id": s.id,
        "region": s.region,
        "region_name": tree.name(s.region, lang) if s.region in tree else None,
        "level": s.level,
        "tables": list(s.tables),
        "year": s.year,
        "submitter": s.submitter,
        "created": _iso(s.created_at),
        "updated": _iso(s.updated_at),
        "state": s.state,
        "next_reviewer": s.reviewer,
        "version": s.version_id,
        "superseded_by": s.superseded_by,
        "deadline": late.deadline.isoformat() if late.deadline else None,
        "late": late.late,
        "days_late": late.days_late,
        "validation": {
            "errors": s.errors,
            "warnings": s.warnings,
            "changes": s.summary.get("changes", {}),
        },
        "files": [
            {"name": f.name, "size": f.size, "sha256": f.sha256, "url": _file_url(s.id, f.name)} for f in s.files
        ],
    }
    if detail:
        body["validation"]["warning_list"] = s.summary.get("warnings", [])
        body["history"] = [
            {
                "at": _iso(step.at),
                "by": step.username,
                "role": step.role,
                "action": step.action,
                "from": step.from_state,
                "to": step.to_state,
                "comment": step.comment,
                "version": step.version_id,
            }
            for step in s.history
        ]
    return body


def _iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _file_url(submission_id: int, name: str) -> str:
    return f"/api/v1/submissions/{submission_id}/files/{quote(name)}"


FILE_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file_response(name: str, content: bytes) -> Response:
    """The file as it was uploaded, as an attachment (never shown inline: it is the user's content)."""
    kind = FILE_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response = Response(content, content_type=kind)
    response.headers["Content-Disposition"] = disposition
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["CSRF_HEADER", "register"]
