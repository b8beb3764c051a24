"""Submissions page callbacks: an upload delivered (``web/submitting.py``: the same check as the API), the list
the user may see, the selected submission's detail (and, for the province, what accepting the selected ones
would change), a city's forward or return, the province's return and acceptance (with a confirmation).

Each answers a 403 to a user the page is not for (``guard.member_scope``) before it reads anything, reads only
what ``engine/submissions.py`` lets the user see (an id it may not see is "no such submission"), and leaves the
steps to the state machine, which audits each (``submission_*``; an unclean upload and the import are audited
by ``web/submitting.py``, as for the API)."""

from __future__ import annotations

import logging
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate
from flask import current_app

from chuangye.data.db.submissions import Submission, SubmissionError
from chuangye.engine import submissions as rules
from chuangye.engine.impact import import_impact
from chuangye.engine.scope import Scope
from chuangye.strings.i18n import bilingual, t
from chuangye.web import submitting
from chuangye.web.access import current_scope
from chuangye.web.audit import actor
from chuangye.web.callbacks import page_callback
from chuangye.web.errors import CALLBACK_LIMIT_KEY, MAX_REQUEST_BYTES, refuse
from chuangye.web.grid import column_defs, grid_options
from chuangye.web.pages.data.layout import CHANGE_COLUMNS, COVERAGE_COLUMNS
from chuangye.web.pages.data.rows import change_rows, coverage_rows, problem_rows
from chuangye.web.pages.data.workspace import UploadRefused, decode_contents
from chuangye.web.pages.submissions import ids
from chuangye.web.pages.submissions.guard import member_scope, require_province, submits
from chuangye.web.pages.submissions.layout import HIDDEN, PROGRESS_SHOWN
from chuangye.web.pages.submissions.rows import (
    change_lines,
    history_lines,
    returned_reason,
    selected_ids,
    states_of,
    submission_rows,
    tables_text,
    year_of,
)
from chuangye.web.services import Services
from chuangye.web.submissions import store_of
from chuangye.web.viewstate import ViewState

PAGE = "submissions"
LIST_MAX = 500  # rows the list shows (newest first); the filters narrow it
SHOWN_CARD = "mb-3"

log = logging.getLogger(__name__)


def _alert(message: str, color: str) -> dbc.Alert:
    return dbc.Alert(message, color=color, dismissable=True, className="my-2")


def _said(comment: Any) -> str | None:
    """A comment box's text, None when empty."""
    return comment.strip() if isinstance(comment, str) and comment.strip() else None


def upload_request_limit(services: Services, previous: Any) -> Any:
    """A city or county user's callback request may carry a submission's files (base64: a third more); others
    keep what was set before (the Data page's admins), and everyone the operator's limit when one is set."""

    def limit() -> int | None:
        earlier = previous() if previous is not None else None
        if current_app.config.get("MAX_CONTENT_LENGTH") != MAX_REQUEST_BYTES or not submits(current_scope()):
            return earlier
        mine = store_of(services).limits.max_total_bytes * 4 // 3 + 1024 * 1024
        return max(mine, earlier or 0)

    return limit


def register(app: Dash, services: Services) -> None:
    app.server.config[CALLBACK_LIMIT_KEY] = upload_request_limit(services, app.server.config.get(CALLBACK_LIMIT_KEY))

    def tree():
        return services.snapshot().regions

    def namer(lang: str):
        whole = tree()
        return lambda code: whole.name(code, lang) if code in whole else code

    def visible_one(scope: Scope, submission_id: int) -> Submission | None:
        """The submission if the user may see it (else None: it is as if there were none)."""
        found = store_of(services).get(submission_id)
        return found if found is not None and rules.sees(scope, found.region, tree()) else None

    # ---- 1. deliver

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "result": Output(ids.UPLOAD_RESULT, "children"),
            "problems_class": Output(ids.PROBLEMS, "className"),
            "problem_rows": Output(ids.PROBLEM_GRID, "rowData"),
            "contents": Output(ids.UPLOAD, "contents"),
            "revision": Output(ids.REVISION, "data"),
        },
        inputs={
            "contents": Input(ids.UPLOAD, "contents"),
            "names": State(ids.UPLOAD, "filename"),
            "comment": State(ids.COMMENT, "value"),
            "revision": State(ids.REVISION, "data"),
        },
        url_trigger=False,
        prevent_initial_call=True,
        running=[(Output(ids.PROGRESS, "className"), PROGRESS_SHOWN, HIDDEN)],
    )
    def deliver_upload(state: ViewState, contents: Any, names: Any, comment: Any, revision: Any) -> dict:
        """A clean upload becomes a submission; an unclean one shows its problems and nothing is kept."""
        whole = tree()
        scope = member_scope(whole)
        level = rules.submitting_level(scope, whole)
        if level is None:
            raise refuse(403, bilingual("sub_api_province_imports"))
        if not contents:
            raise PreventUpdate
        lang = state.lang
        nothing = {"problems_class": HIDDEN, "problem_rows": [], "contents": None}
        try:
            files = decode_contents(names, contents)
            outcome = submitting.submit(services, scope, level, files, by=actor(), comment=_said(comment))
        except UploadRefused as exc:
            return {**nothing, "result": _alert(t("sp_upload_failed", lang, reason=exc.message(lang)), "danger")}
        except submitting.Refusal as exc:
            return {**nothing, "result": _alert(t("sp_upload_failed", lang, reason=exc.message(lang)), "danger")}
        except SubmissionError as exc:
            return {**nothing, "result": _alert(t("sp_upload_failed", lang, reason=exc.message(lang)), "danger")}
        if outcome.submission is None:
            message = t("sp_not_clean", lang, errors=f"{len(outcome.errors):,}")
            return {
                "result": _alert(message, "danger"),
                "problems_class": "",
                "problem_rows": problem_rows(outcome.errors + outcome.warnings, lang, outcome.tables),
                "contents": None,
            }
        made = outcome.submission
        message = t("sp_submitted", lang, id=made.id, tables=tables_text(made.tables, lang), year=made.year or "—",
                    state=t(f"sub_state_{made.state}", lang))  # fmt: skip
        return {**nothing, "result": _alert(message, "success"), "revision": (revision or 0) + 1}

    # ---- 2. the list

    @page_callback(
        app,
        services,
        PAGE,
        output={"rows": Output(ids.GRID, "rowData"), "count": Output(ids.COUNT, "children")},
        inputs={
            "revision": Input(ids.REVISION, "data"),
            "state_choice": Input(ids.FILTER_STATE, "value"),
            "year_choice": Input(ids.FILTER_YEAR, "value"),
            "city": Input(ids.FILTER_CITY, "value"),
        },
    )
    def list_submissions(state: ViewState, revision: Any, state_choice: Any, year_choice: Any, city: Any) -> dict:
        whole = tree()
        scope = member_scope(whole)
        regions = rules.visible_regions(scope, whole)
        if scope.is_full and isinstance(city, str) and whole.level_of(city) == "city":
            regions = frozenset({city, *whole.children(city)})
        store = store_of(services)
        found = store.search(regions=regions, states=states_of(state_choice), year=year_of(year_choice))[:LIST_MAX]
        with_history = [store.get(s.id) or s for s in found]  # the reviewers' comments
        rows = submission_rows(with_history, state.lang, namer(state.lang), services.cfg.certification_cycle)
        return {"rows": rows, "count": t("sp_count", state.lang, n=f"{len(rows):,}")}

    # ---- 3. the detail

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "detail": Output(ids.DETAIL, "children"),
            "impact": Output(ids.IMPACT, "children"),
            "forward": Output(ids.FORWARD, "disabled"),
            "accept": Output(ids.ACCEPT, "disabled"),
            "give_back": Output(ids.RETURN, "disabled"),
        },
        inputs={"selected": Input(ids.GRID, "selectedRows")},
        url_trigger=False,
    )
    def show_detail(state: ViewState, selected: Any) -> dict:
        whole = tree()
        scope = member_scope(whole)
        lang = state.lang
        chosen = [s for i in selected_ids(selected) if (s := visible_one(scope, i)) is not None]
        closed = {"forward": True, "accept": True, "give_back": True, "impact": None}
        if not chosen:
            return {**closed, "detail": t("sp_detail_none", lang)}
        one = chosen[0] if len(chosen) == 1 else None
        tier = rules.reviewer_tier(scope, one.region, whole) if one else None
        detail = detail_view(one, lang) if one else several_view(chosen, lang)
        return {
            "detail": detail,
            "impact": impact_view(chosen, lang) if scope.is_full else None,
            "forward": not (one and tier and one.reviewer == tier and not scope.is_full),
            "accept": not (scope.is_full and all(s.reviewer == "province" for s in chosen)),
            "give_back": not (one and tier and one.reviewer == tier),
        }

    def detail_view(s: Submission, lang: str) -> html.Div:
        name = namer(lang)(s.region)
        parts: list[Any] = [
            html.H4(t("sp_detail_heading", lang, id=s.id, region=name, year=s.year or "—"), className="h6"),
            html.P(
                f"{t(f'sub_state_{s.state}', lang)} · {tables_text(s.tables, lang)} · "
                + t("sp_validation", lang, errors=s.errors, warnings=s.warnings),
                className="mb-1",
            ),
            html.P(t("sp_files", lang, files=", ".join(f.name for f in s.files) or "—"), className="small mb-1"),
        ]
        reason = returned_reason(s)
        if reason:
            parts.append(dbc.Alert(t("sp_returned_why", lang, comment=reason), color="warning", className="py-2"))
        if s.version_id:
            parts.append(html.P(t("sp_accepted_into", lang, version=s.version_id), className="small mb-1"))
        changes = change_lines(s.summary.get("changes", {}), lang)
        if changes:
            parts += [html.Div(t("sp_changes_heading", lang), className="fw-semibold small mt-2"),
                      html.Ul([html.Li(line) for line in changes], className="small mb-1")]  # fmt: skip
        parts += [
            html.Div(t("sp_history_heading", lang), className="fw-semibold small mt-2"),
            html.Ul([html.Li(line) for line in history_lines(s.history, lang)], className="small mb-0"),
        ]
        return html.Div(parts)

    def several_view(chosen: list[Submission], lang: str) -> html.Div:
        listed = ", ".join(f"#{s.id}" for s in chosen)
        return html.Div(html.P(t("sp_detail_several", lang, n=len(chosen), ids=listed), className="mb-1"))

    def impact_view(chosen: list[Submission], lang: str) -> Any:
        """What accepting the selected would do: rows per table and coverage before/after, or why it cannot."""
        try:
            preview = submitting.preview_accept(services, [s.id for s in chosen])
        except SubmissionError as exc:
            return html.P(t("sp_impact_blocked", lang, reason=exc.message(lang)), className="small text-muted")
        except Exception:
            log.exception("the acceptance of submissions %s could not be previewed", [s.id for s in chosen])
            return html.P(t("sp_impact_blocked", lang, reason=t("err_internal", lang)), className="small text-muted")
        if preview.after is None:
            first = preview.errors[0].message(lang) if preview.errors else "—"
            return _alert(t("sp_accept_rejected", lang, errors=len(preview.errors), first=first), "warning")
        coverage = coverage_rows(import_impact(services.snapshot(), preview.after, lang=lang), lang)
        return html.Div(
            [
                html.Div(t("sp_impact_rows_heading", lang), className="fw-semibold small"),
                small_grid("sp-impact-changes", CHANGE_COLUMNS, change_rows(preview.changes, lang), lang),
                html.Div(t("sp_impact_heading", lang), className="fw-semibold small mt-2"),
                small_grid("sp-impact-coverage", COVERAGE_COLUMNS, coverage, lang)
                if coverage
                else html.P(t("sp_impact_none", lang), className="small text-muted"),
            ]
        )

    # ---- 4. review: forward, return

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "result": Output(ids.ACTION_RESULT, "children"),
            "revision": Output(ids.REVISION, "data", allow_duplicate=True),
            "comment": Output(ids.REVIEW_COMMENT, "value"),
        },
        inputs={
            "forward": Input(ids.FORWARD, "n_clicks"),
            "give_back": Input(ids.RETURN, "n_clicks"),
            "selected": State(ids.GRID, "selectedRows"),
            "comment": State(ids.REVIEW_COMMENT, "value"),
            "revision": State(ids.REVISION, "data"),
        },
        url_trigger=False,
        prevent_initial_call=True,
    )
    def review(state: ViewState, forward: Any, give_back: Any, selected: Any, comment: Any, revision: Any) -> dict:
        whole = tree()
        scope = member_scope(whole)
        action = {ids.FORWARD: "forward", ids.RETURN: "return"}.get(ctx.triggered_id)
        if action is None or not (forward or give_back):
            raise PreventUpdate
        lang = state.lang
        chosen = selected_ids(selected)
        if len(chosen) != 1:
            return {"result": _alert(t("sp_choose_one", lang), "warning")}
        found = visible_one(scope, chosen[0])
        if found is None:
            return {"result": _alert(t("sp_not_visible", lang, id=chosen[0]), "warning")}
        tier = rules.reviewer_tier(scope, found.region, whole)
        said = _said(comment)
        try:
            done = store_of(services).review(found.id, action, tier=tier, by=actor(), comment=said)
        except SubmissionError as exc:
            return {"result": _alert(t("sp_refusal", lang, reason=exc.message(lang)), "danger")}
        key = "sp_forwarded" if action == "forward" else "sp_returned"
        return {"result": _alert(t(key, lang, id=done.id), "success"), "revision": (revision or 0) + 1, "comment": ""}

    # ---- 5. the province accepts several into one version

    @page_callback(
        app,
        services,
        PAGE,
        output={
            "is_open": Output(ids.CONFIRM, "is_open"),
            "question": Output(ids.CONFIRM_TEXT, "children"),
            "result": Output(ids.ACTION_RESULT, "children", allow_duplicate=True),
            "revision": Output(ids.REVISION, "data", allow_duplicate=True),
        },
        inputs={
            "ask": Input(ids.ACCEPT, "n_clicks"),
            "cancel": Input(ids.CONFIRM_CANCEL, "n_clicks"),
            "confirm": Input(ids.CONFIRM_OK, "n_clicks"),
            "selected": State(ids.GRID, "selectedRows"),
            "comment": State(ids.REVIEW_COMMENT, "value"),
            "revision": State(ids.REVISION, "data"),
        },
        url_trigger=False,
        prevent_initial_call=True,
    )
    def accept(
        state: ViewState, ask: Any, cancel: Any, confirm: Any, selected: Any, comment: Any, revision: Any
    ) -> dict:
        scope = member_scope(tree())
        require_province(scope)
        lang, trigger = state.lang, ctx.triggered_id
        if trigger == ids.CONFIRM_CANCEL:
            return {"is_open": False}
        chosen = selected_ids(selected)
        if not chosen:
            return {"is_open": False, "result": _alert(t("sp_choose_some", lang), "warning")}
        listed = ", ".join(f"#{i}" for i in chosen)
        if trigger == ids.ACCEPT and ask:
            active = services.store.active_version_id() or "—"
            return {"is_open": True, "question": t("sp_confirm_question", lang, ids=listed, active=active)}
        if trigger != ids.CONFIRM_OK or not confirm:
            raise PreventUpdate
        said = _said(comment)
        return {"is_open": False, **accepted(chosen, listed, said, lang, revision)}

    def accepted(chosen: list[int], listed: str, comment: str | None, lang: str, revision: Any) -> dict:
        try:
            done = submitting.accept(services, chosen, by=actor(), comment=comment, via="page")
        except SubmissionError as exc:
            return {"result": _alert(t("sp_refusal", lang, reason=exc.message(lang)), "danger")}
        except submitting.Refusal as exc:
            return {"result": _alert(t("sp_refusal", lang, reason=exc.message(lang)), "danger")}
        if done.version is None:
            first = done.errors[0].message(lang) if done.errors else "—"
            message = t("sp_accept_rejected", lang, errors=len(done.errors), first=first)
            return {"result": _alert(message, "danger")}
        message = t("sp_accepted", lang, ids=listed, version=done.version)
        return {"result": _alert(message, "success"), "revision": (revision or 0) + 1}


def small_grid(grid_id: str, columns, rows: list[dict], lang: str) -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        columnDefs=column_defs(columns, lang),
        rowData=rows,
        getRowId="params.data.id",
        dashGridOptions=grid_options(lang, domLayout="autoHeight"),
        style={"height": None},
    )


__all__ = ["PAGE", "register"]
