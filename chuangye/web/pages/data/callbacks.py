"""Data page callbacks: an upload saved and checked (the report and the change preview drawn from it), the report
downloaded, the import, the versions listed, the rollback. Each answers a 403 to anyone but an admin before it
reads or writes anything, and each step is written to the audit trail: a check is an ``import`` with
``dry_run`` in its detail (as the API's dry run), the report an ``export``, then ``import`` and ``rollback``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Dash, Input, Output, Patch, State, ctx, dcc, html
from dash.exceptions import PreventUpdate
from flask import current_app

from chuangye.data.changes import ChangeSummary, Consent
from chuangye.data.limits import MIB, UPLOAD_LIMITS
from chuangye.data.store import NOTE_MAX_CHARS, ImportRejected, StoreError
from chuangye.engine.impact import import_impact, touched_years
from chuangye.engine.manager import Analytics
from chuangye.exports.problem_report import is_workbook, markable, marked_workbook, problem_list_xlsx
from chuangye.exports.templates import ALL
from chuangye.strings.i18n import t
from chuangye.strings.numbers import byte_size_text
from chuangye.web.access import Principal
from chuangye.web.callbacks import page_callback
from chuangye.web.errors import CALLBACK_LIMIT_KEY, MAX_REQUEST_BYTES
from chuangye.web.pages.data import ids
from chuangye.web.pages.data.guard import importer, is_admin, require_admin
from chuangye.web.pages.data.layout import HIDDEN, PROGRESS_SHOWN
from chuangye.web.pages.data.preview import CONSENT_CHECKS, Preview, consent_needed, consent_of, preview_upload
from chuangye.web.pages.data.rows import (
    BLANK_TEMPLATE,
    change_rows,
    counts_text,
    coverage_rows,
    problem_rows,
    shown_note,
    template_href,
    template_is_slow,
    version_rows,
)
from chuangye.web.pages.data.workspace import (
    TTL_SECONDS,
    Refused,
    Undecodable,
    Upload,
    UploadRefused,
    Workspaces,
    decode_contents,
    refusal_message,
)
from chuangye.web.services import Services
from chuangye.web.viewstate import ViewState

PAGE = "data"
REPORT_OBJECT = "problem_report"
LIST_CHOICE = "list"
MARKED_PREFIX = "marked:"
SHOWN_CARD = "mb-3"
TEMPLATE_HINT_SHOWN = "small text-warning-emphasis mt-1 mb-0"
# an upload comes base64-encoded in a JSON callback request: a third more than the files, and room for the rest
UPLOAD_REQUEST_BYTES = UPLOAD_LIMITS.max_total_bytes * 4 // 3 + MIB

log = logging.getLogger(__name__)


def _alert(message: str, color: str) -> dbc.Alert:
    return dbc.Alert(message, color=color, dismissable=True, className="my-2")


def _refusal_text(exc: Refused, lang: str) -> str:
    return t("dp_upload_refused", lang, reason=refusal_message(exc, lang))


def _store_error_text(exc: StoreError) -> str:
    return str(exc)  # the store's messages are Chinese and English already


def change_detail(changes: tuple[ChangeSummary, ...]) -> dict[str, dict[str, int | None]]:
    """The counts of each table read from a file, for the audit trail (as the command line records them)."""
    return {
        c.table: {"before": c.before, "after": c.after, "added": c.added, "changed": c.changed, "removed": c.removed}
        for c in changes
        if c.origin == "file"
    }


def consent_detail(consent: Consent) -> list[str]:
    return [name for name in CONSENT_CHECKS.values() if getattr(consent, name)]


def upload_request_limit() -> int | None:
    """The body an admin's callback request may have (an upload's files in it); others keep the app's limit, and
    so does everyone when the operator set one (``$CHUANGYE_MAX_REQUEST_BYTES``: the cap of every request)."""
    if current_app.config.get("MAX_CONTENT_LENGTH") != MAX_REQUEST_BYTES:
        return None
    return UPLOAD_REQUEST_BYTES if is_admin() else None


def register(app: Dash, services: Services) -> None:
    workspaces = Workspaces()
    store = services.store
    app.server.config[CALLBACK_LIMIT_KEY] = upload_request_limit

    def upload_of(session: Any, principal: Principal) -> Upload | None:
        token = session.get("token") if isinstance(session, dict) else None
        return workspaces.get(token, principal.username)

    def preview_of(upload: Upload, consent: Consent) -> Preview:
        """The upload's preview for ``consent`` against the active version, computed once (and audited then)."""
        key = (consent, store.active_version_id())
        found = upload.previews.get(key)
        if found is None:
            found = upload.previews[key] = preview_upload(store, upload.table_files, upload.boundary_files, consent)
            detail = {
                "dry_run": True,
                "files": [p.name for p in upload.files],
                "errors": len(found.errors),
                "warnings": len(found.warnings),
                "consent": consent_detail(consent),
                "changes": change_detail(found.changes),
            }
            outcome = "failed" if found.blocked else "ok"
            services.audit.record("import", object=None, outcome=outcome, detail=detail)
        return found

    # ---- 1. upload

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "session": Output(ids.SESSION, "data"),
            "contents": Output(ids.UPLOAD, "contents"),
            "consent": Output(ids.CONSENT, "value"),
            "result": Output(ids.RESULT, "children"),
        },
        inputs={"contents": Input(ids.UPLOAD, "contents"), "names": State(ids.UPLOAD, "filename")},
        url_trigger=False,
        prevent_initial_call=True,
        running=[(Output(ids.PROGRESS, "className"), PROGRESS_SHOWN, HIDDEN)],
    )
    def receive_upload(state: ViewState, contents: Any, names: Any) -> dict:
        """Save the files and check them now (the progress line shows meanwhile); the preview callback then
        draws what was found. The Upload's contents are emptied, so the same file can be chosen again."""
        principal = require_admin()
        if not contents:
            raise PreventUpdate
        names = names if isinstance(names, list) else [names]
        try:
            upload = workspaces.add(principal.username, decode_contents(names, contents))
        except (UploadRefused, Undecodable) as exc:
            detail = {"dry_run": True, "files": [str(n) for n in names], "refused": exc.message_en}
            services.audit.record("import", object=None, outcome="failed", detail=detail)
            return {"contents": None, "result": _alert(_refusal_text(exc, state.lang), "danger")}
        try:
            preview_of(upload, consent_of(()))
        except StoreError as exc:
            return {"session": None, "contents": None, "result": store_refused(upload, exc, state.lang)}
        return {"session": upload.describe(), "contents": None, "consent": [], "result": None}

    def store_refused(upload: Upload, exc: StoreError, lang: str) -> dbc.Alert:
        """The store cannot check the upload (e.g. the active version is damaged and not every table was given):
        its words, the upload forgotten."""
        detail = {"dry_run": True, "files": [p.name for p in upload.files], "reason": str(exc)}
        services.audit.record("import", object=None, outcome="failed", detail=detail)
        workspaces.discard(upload.token)
        return _alert(t("dp_import_failed", lang, reason=_store_error_text(exc)), "danger")

    # ---- the template download (the link is the audited templates API's)

    @page_callback(
        app,
        services,
        PAGE,
        output={"href": Output(ids.TEMPLATE_LINK, "href"), "hint": Output(ids.TEMPLATE_HINT, "className")},
        inputs={
            "table": Input(ids.TEMPLATE_TABLE, "value"),
            "region": Input(ids.TEMPLATE_REGION, "value"),
            "year": Input(ids.TEMPLATE_YEAR, "value"),
        },
        url_trigger=False,
        prevent_initial_call=True,
    )
    def choose_template(state: ViewState, table: Any, region: Any, year: Any) -> dict:
        require_admin()
        table = str(table or ALL)
        region = str(region) if region and region != BLANK_TEMPLATE else None
        slow = template_is_slow(table, region, services.snapshot().regions.root)
        return {"href": template_href(table, region, year, state.lang), "hint": TEMPLATE_HINT_SHOWN if slow else HIDDEN}

    # ---- 2 and 3. the report and the change preview

    report_outputs = {
        "files": Output(ids.FILES, "children"),
        "report_class": Output(ids.REPORT, "className"),
        "summary": Output(ids.REPORT_SUMMARY, "children"),
        "tools_class": Output(ids.REPORT_TOOLS, "className"),
        "choices": Output(ids.REPORT_CHOICE, "options"),
        "choice": Output(ids.REPORT_CHOICE, "value"),
        "csv_note": Output(ids.REPORT_CSV_NOTE, "children"),
        "errors_class": Output(ids.ERRORS, "className"),
        "errors_heading": Output(ids.ERRORS_HEADING, "children"),
        "error_rows": Output(ids.ERROR_GRID, "rowData"),
        "warnings_class": Output(ids.WARNINGS, "className"),
        "warnings_heading": Output(ids.WARNINGS_HEADING, "children"),
        "warning_rows": Output(ids.WARNING_GRID, "rowData"),
        "shown_note": Output(ids.SHOWN_NOTE, "children"),
        "changes_class": Output(ids.CHANGES, "className"),
        "against": Output(ids.CHANGES_AGAINST, "children"),
        "change_rows": Output(ids.CHANGE_GRID, "rowData"),
        "coverage": Output(ids.COVERAGE, "children"),
        "coverage_class": Output(ids.COVERAGE_BOX, "className"),
        "coverage_rows": Output(ids.COVERAGE_GRID, "rowData"),
        "boundary_notes": Output(ids.BOUNDARY_NOTES, "children"),
        "consent_class": Output(ids.CONSENT_BOX, "className"),
        "consent_options": Output(ids.CONSENT, "options"),
        "import_disabled": Output(ids.IMPORT, "disabled"),
        "import_hint": Output(ids.IMPORT_HINT, "children"),
        "result": Output(ids.RESULT, "children", allow_duplicate=True),
        "session": Output(ids.SESSION, "data", allow_duplicate=True),
    }

    @page_callback(
        app,
        services,
        PAGE,
        output=report_outputs,
        inputs={"session": Input(ids.SESSION, "data"), "consent": Input(ids.CONSENT, "value")},
        prevent_initial_call="initial_duplicate",
        running=[(Output(ids.PROGRESS, "className"), PROGRESS_SHOWN, HIDDEN)],
    )
    def show_preview(state: ViewState, session: Any, consent: Any) -> dict:
        principal = require_admin()
        lang = state.lang
        if not session:
            return nothing_uploaded(lang)
        upload = upload_of(session, principal)
        if upload is None:
            expired = _alert(t("dp_upload_expired", lang, minutes=TTL_SECONDS // 60), "warning")
            return {**nothing_uploaded(lang), "result": expired, "session": None}
        try:
            preview = preview_of(upload, consent_of(consent))
        except StoreError as exc:
            return {**nothing_uploaded(lang), "result": store_refused(upload, exc, lang), "session": None}
        return {
            **report_view(upload, preview, lang),
            **changes_view(preview, lang),
            **coverage_view(upload, preview, lang),
        }

    def nothing_uploaded(lang: str) -> dict:
        return {
            "files": t("dp_upload_none", lang),
            "report_class": f"{SHOWN_CARD} {HIDDEN}",
            "changes_class": f"{SHOWN_CARD} {HIDDEN}",
            "error_rows": [],
            "warning_rows": [],
            "change_rows": [],
            "coverage": None,
            "coverage_class": HIDDEN,
            "coverage_rows": [],
            "import_disabled": True,
        }

    def report_view(upload: Upload, preview: Preview, lang: str) -> dict:
        errors, warnings = preview.errors, preview.warnings
        tables = preview.tables
        names = [p.name for p in upload.table_files]
        choices = [{"label": t("dp_report_list", lang), "value": LIST_CHOICE}] + [
            {"label": t("dp_report_marked", lang, file=name), "value": MARKED_PREFIX + name}
            for name in names
            if markable(name, preview.problems)
        ]
        csv_names = [name for name in names if not is_workbook(name)]
        return {
            "files": file_list(upload, lang),
            "report_class": SHOWN_CARD,
            "summary": counts_text(len(errors), len(warnings), lang),
            "tools_class": "" if preview.problems else HIDDEN,
            "choices": choices,
            "choice": LIST_CHOICE,
            "csv_note": t("dp_report_csv_note", lang, files=", ".join(csv_names)) if csv_names else "",
            "errors_class": "mb-3" if errors else HIDDEN,
            "errors_heading": t("dp_errors_heading", lang, count=f"{len(errors):,}"),
            "error_rows": problem_rows(errors, lang, tables),
            "warnings_class": "" if warnings else HIDDEN,
            "warnings_heading": t("dp_warnings_heading", lang, count=f"{len(warnings):,}"),
            "warning_rows": problem_rows(warnings, lang, tables),
            "shown_note": shown_note(len(errors), len(warnings), lang),
        }

    def changes_view(preview: Preview, lang: str) -> dict:
        needed = consent_needed(preview.problems) + [
            name
            for name, on in (
                ("allow_empty", preview.consent.allow_empty),
                ("allow_shrink", preview.consent.allow_shrink),
            )
            if on
        ]
        needed = [name for name in CONSENT_CHECKS.values() if name in needed]
        options = [{"label": consent_label(name, lang), "value": name} for name in needed]
        against = t("dp_changes_against", lang, version=preview.based_on or "—")
        return {
            "changes_class": SHOWN_CARD,
            "against": against if preview.changes else t("dp_changes_none", lang),
            "change_rows": change_rows(preview.changes, lang),
            "boundary_notes": boundary_notes(preview, lang),
            "consent_class": "" if options else HIDDEN,
            "consent_options": options,
            "import_disabled": preview.blocked,
            "import_hint": t("dp_import_blocked" if preview.blocked else "dp_import_ready", lang),
        }

    def coverage_view(upload: Upload, preview: Preview, lang: str) -> dict:
        """The coverage of the province and each city before and after, for the years the files touch."""
        impact = coverage_impact(upload, preview, lang)
        if impact is None:
            return {"coverage": t("dp_coverage_unknown", lang), "coverage_class": HIDDEN, "coverage_rows": []}
        frame, years = impact
        if years is None:
            years_text = t("dp_coverage_every_year", lang)
        else:
            years_text = ("、" if lang == "zh" else ", ").join(map(str, sorted(years))) or "—"
        if frame.empty:
            return {"coverage": t("dp_coverage_none", lang, years=years_text), "coverage_class": HIDDEN,
                    "coverage_rows": []}  # fmt: skip
        heading = t("dp_coverage_heading", lang, years=years_text, count=f"{len(frame):,}")
        return {"coverage": heading, "coverage_class": "", "coverage_rows": coverage_rows(frame, lang)}

    def coverage_impact(upload: Upload, preview: Preview, lang: str) -> tuple[pd.DataFrame, frozenset | None] | None:
        """``import_impact`` of the active version the preview is against and of the version the import would
        store (as the API's ``impact``), computed once per preview and language; None when there is nothing
        to compare (errors, or no active version)."""
        if preview.dataset is None or preview.based_on is None:
            return None
        key = (preview.consent, preview.based_on, lang)
        if key not in upload.impacts:
            before = services.manager.current()
            if before.dataset.version_id != preview.based_on:
                return None  # the active version is damaged (another is served) or just switched: no honest "before"
            after = Analytics(preview.dataset, services.cfg)
            known = set(before.years) | set(after.years)
            years = touched_years(preview.dataset, preview.tables.values(), known)
            upload.impacts[key] = (import_impact(before, after, years=years, lang=lang), years)
        return upload.impacts[key]

    def consent_label(name: str, lang: str) -> str:
        if name == "allow_empty":
            return t("dp_consent_empty", lang)
        limit = getattr(getattr(services.cfg, "imports", None), "max_removed_share", None)
        share = f"{limit:.0%}" if isinstance(limit, float) else "—"
        return t("dp_consent_shrink", lang, limit=share)

    # ---- 2. the report file

    @page_callback(
        app,
        services,
        PAGE,
        output={"file": Output(ids.REPORT_FILE, "data")},
        inputs={
            "clicks": Input(ids.REPORT_DOWNLOAD, "n_clicks"),
            "session": State(ids.SESSION, "data"),
            "choice": State(ids.REPORT_CHOICE, "value"),
            "consent": State(ids.CONSENT, "value"),
        },
        url_trigger=False,
        prevent_initial_call=True,
    )
    def download_report(state: ViewState, clicks: Any, session: Any, choice: Any, consent: Any) -> dict:
        principal = require_admin()
        upload = upload_of(session, principal)
        if not clicks or upload is None:
            raise PreventUpdate
        preview = preview_of(upload, consent_of(consent))
        lang = state.lang
        marked = str(choice).removeprefix(MARKED_PREFIX) if str(choice).startswith(MARKED_PREFIX) else None
        path = next((p for p in upload.table_files if p.name == marked), None) if marked else None
        if path is not None and markable(path.name, preview.problems):
            content = marked_workbook(path, preview.problems, lang, preview.tables)
            name = f"{t('dp_report_marked_file', lang, stem=path.stem)}{path.suffix.lower()}"
        else:
            files = [p.name for p in upload.files]
            content = problem_list_xlsx(preview.problems, lang, files=files, tables=preview.tables)
            name = f"{t('dp_report_file', lang)}.xlsx"
        detail = {"format": "xlsx", "report": marked or LIST_CHOICE, "problems": len(preview.problems)}
        services.audit.record("export", object=REPORT_OBJECT, detail=detail)
        return {"file": dcc.send_bytes(content, name)}

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "errors": Output(ids.ERROR_GRID, "dashGridOptions"),
            "warnings": Output(ids.WARNING_GRID, "dashGridOptions"),
        },
        inputs={"text": Input(ids.FILTER, "value")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def filter_problems(state: ViewState, text: Any) -> dict:
        require_admin()
        patches = []
        for _ in range(2):
            patch = Patch()
            patch["quickFilterText"] = text if isinstance(text, str) else ""
            patches.append(patch)
        return {"errors": patches[0], "warnings": patches[1]}

    # ---- 3. the import

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "result": Output(ids.RESULT, "children", allow_duplicate=True),
            "session": Output(ids.SESSION, "data", allow_duplicate=True),
            "versions": Output(ids.VERSIONS_REV, "data", allow_duplicate=True),
            "note": Output(ids.NOTE, "value"),
        },
        inputs={
            "clicks": Input(ids.IMPORT, "n_clicks"),
            "session": State(ids.SESSION, "data"),
            "consent": State(ids.CONSENT, "value"),
            "revision": State(ids.VERSIONS_REV, "data"),
            "note": State(ids.NOTE, "value"),
        },
        url_trigger=False,
        prevent_initial_call=True,
        running=[(Output(ids.IMPORT, "disabled"), True, False)],
    )
    def run_import(state: ViewState, clicks: Any, session: Any, consent: Any, revision: Any, note: Any) -> dict:
        principal = require_admin()
        lang = state.lang
        upload = upload_of(session, principal)
        if not clicks:
            raise PreventUpdate
        if upload is None:
            expired = _alert(t("dp_upload_expired", lang, minutes=TTL_SECONDS // 60), "warning")
            return {"result": expired, "session": None}
        chosen, active = consent_of(consent), store.active_version_id()
        checked = upload.previews.get((chosen, active))
        if checked is None:  # checked against another version: the preview is drawn again against this one
            earlier = [p.based_on for (c, _), p in upload.previews.items() if c == chosen]
            message = t("dp_import_stale", lang, checked=earlier[-1] if earlier else "—", active=active)
            return {"result": _alert(message, "warning"), "session": {**session, "active": active}}
        return import_checked(upload, checked, principal, lang, revision, version_note(note))

    def import_checked(
        upload: Upload, preview: Preview, principal: Principal, lang: str, revision: Any, note: str | None
    ) -> dict:
        files = [p.name for p in upload.files]
        detail: dict[str, Any] = {"files": files, "consent": consent_detail(preview.consent)}
        if note:
            detail["note"] = note
        try:
            result = store.import_paths(
                upload.table_files,
                boundaries=preview.boundaries or None,
                consent=preview.consent,
                by=importer(principal),
                note=note,
            )
        except ImportRejected as exc:
            errors = sum(p.is_error for p in exc.problems)
            services.audit.record("import", object=None, outcome="failed", detail={**detail, "errors": errors})
            upload.previews.clear()  # what the store found now is drawn again
            upload.impacts.clear()
            message = t("dp_import_rejected", lang, errors=f"{errors:,}")
            return {"result": _alert(message, "danger"), "session": {**upload.describe(), "rejected": True}}
        except StoreError as exc:
            services.audit.record("import", object=None, outcome="failed", detail={**detail, "reason": str(exc)})
            return {"result": _alert(t("dp_import_failed", lang, reason=_store_error_text(exc)), "danger")}
        detail.update(
            {"by": importer(principal), "changes": change_detail(result.changes), "synthetic": list(result.synthetic)}
        )
        services.audit.record("import", object=result.version_id, detail=detail)
        workspaces.discard(upload.token)
        done = _alert(t("dp_import_done", lang, version=result.version_id), "success")
        return {"result": done, "session": None, "versions": (revision or 0) + 1, "note": ""}

    # ---- 4. versions and rollback

    @page_callback(
        app,
        services,
        PAGE,
        output={"rows": Output(ids.VERSION_GRID, "rowData")},
        inputs={"revision": Input(ids.VERSIONS_REV, "data")},
    )
    def list_versions(state: ViewState, revision: Any) -> dict:
        require_admin()
        return {"rows": version_rows(store.versions(verify=True), state.lang, importers())}

    def importers() -> dict[str, str]:
        """Who made each version, as the audit trail knows it (for versions whose manifest does not say)."""
        found: dict[str, str] = {}
        try:
            for record in services.audit.trail().search(action="import", outcome="ok", limit=None):  # newest first
                if record.object:
                    found.setdefault(record.object, str(record.detail.get("by") or record.username or ""))
        except Exception:
            log.exception("the audit trail could not be read for the versions' importers")
        return {version: by for version, by in found.items() if by}

    @page_callback(
        app,
        services,
        PAGE,
        output={"disabled": Output(ids.ROLLBACK, "disabled")},
        inputs={"selected": Input(ids.VERSION_GRID, "selectedRows"), "rows": Input(ids.VERSION_GRID, "rowData")},
        url_trigger=False,
        prevent_initial_call=True,
    )
    def choose_version(state: ViewState, selected: Any, rows: Any) -> dict:
        """Rollback only to a version that is neither the active one nor damaged, as the list now says."""
        require_admin()
        chosen = _selected(selected)
        now = next((r for r in rows or [] if chosen and isinstance(r, dict) and r.get("id") == chosen["id"]), None)
        return {"disabled": now is None or bool(now.get("active")) or bool(now.get("damaged"))}

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "is_open": Output(ids.ROLLBACK_MODAL, "is_open"),
            "question": Output(ids.ROLLBACK_QUESTION, "children"),
            "result": Output(ids.RESULT, "children", allow_duplicate=True),
            "versions": Output(ids.VERSIONS_REV, "data", allow_duplicate=True),
        },
        inputs={
            "ask": Input(ids.ROLLBACK, "n_clicks"),
            "cancel": Input(ids.ROLLBACK_CANCEL, "n_clicks"),
            "confirm": Input(ids.ROLLBACK_CONFIRM, "n_clicks"),
            "selected": State(ids.VERSION_GRID, "selectedRows"),
            "revision": State(ids.VERSIONS_REV, "data"),
        },
        url_trigger=False,
        prevent_initial_call=True,
    )
    def rollback(state: ViewState, ask: Any, cancel: Any, confirm: Any, selected: Any, revision: Any) -> dict:
        require_admin()
        lang = state.lang
        row = _selected(selected)
        trigger = ctx.triggered_id
        if trigger == ids.ROLLBACK_CANCEL:
            return {"is_open": False}
        if row is None:
            return {"is_open": False, "result": _alert(t("dp_rollback_choose", lang), "warning")}
        active = store.active_version_id()
        if trigger == ids.ROLLBACK:
            question = t("dp_rollback_question", lang, active=active, version=row["id"], created=row.get("created", ""))
            return {"is_open": True, "question": question}
        if trigger != ids.ROLLBACK_CONFIRM or not confirm:
            raise PreventUpdate
        return {"is_open": False, **roll_back_to(str(row["id"]), active, lang, revision)}

    def roll_back_to(version: str, active: str | None, lang: str, revision: Any) -> dict:
        if version == active:
            return {"result": _alert(t("dp_rollback_active", lang, version=version), "info")}
        detail = {"from": active}
        try:
            done = store.rollback(version)
        except StoreError as exc:
            services.audit.record("rollback", object=version, outcome="failed", detail={**detail, "reason": str(exc)})
            message = t("dp_rollback_failed", lang, reason=_store_error_text(exc))
            return {"result": _alert(message, "danger"), "versions": (revision or 0) + 1}
        services.audit.record("rollback", object=done, detail=detail)
        return {"result": _alert(t("dp_rollback_done", lang, version=done), "success"), "versions": (revision or 0) + 1}


def version_note(value: Any) -> str | None:
    """The note typed for the version, trimmed to what the input allows (as the API's ``note``); None if blank."""
    text = value.strip()[:NOTE_MAX_CHARS] if isinstance(value, str) else ""
    return text or None


def file_list(upload: Upload, lang: str) -> html.Div:
    """The uploaded files by name and size, boundary files said so."""
    boundaries = set(upload.boundary_files)
    items = [
        html.Li(
            t(
                "dp_file_boundary" if path in boundaries else "dp_file_table",
                lang,
                file=path.name,
                size=byte_size_text(_size(path)),
            )
        )
        for path in upload.files
    ]
    return html.Div([html.Span(t("dp_files_heading", lang), className="fw-semibold"), html.Ul(items, className="mb-0")])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _selected(selected: Any) -> dict | None:
    if isinstance(selected, list) and selected and isinstance(selected[0], dict) and selected[0].get("id"):
        return selected[0]
    return None


def boundary_notes(preview: Preview, lang: str) -> list:
    if not preview.boundary_notes:
        return []
    lines = [html.Li(note.text(lang)) for note in preview.boundary_notes]
    return [html.Span(t("dp_boundary_heading", lang), className="fw-semibold"), html.Ul(lines, className="mb-0")]


__all__ = ["PAGE", "register"]
