"""Submitting and accepting, one service for both doors: the JSON API (``web/api/submissions.py``) and the
数据报送 page (``web/pages/submissions/``) call these and turn what comes back into their own answers.

- ``submit``: the upload saved (``data/uploads.py``), its table(s) and year learnt from the files, checked as a
  region import of the user's region (``Store.preview_import(region=...)``); only a clean upload becomes a
  submission (``Submissions.submit``), an unclean one is handed back with its problems and nothing is kept.
- ``accept``: several submissions into ONE new version: checked by the state machine (``check_accept``), their
  files imported together as a region import of their regions (``Store.import_paths(region=..., by=...)``),
  then all marked accepted with the version's id (or none of them).
- ``preview_accept``: what accepting them would make: the dataset (for coverage before/after) and the changes.

Codes, problems and records come back; a refusal is a ``Refusal`` (status, error code, message key and values,
or words another layer wrote) or the state machine's ``SubmissionError``. No Flask object here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuangye.config.loader import SUBMISSION_TABLES
from chuangye.data.changes import ChangeSummary
from chuangye.data.db import Actor
from chuangye.data.db.submissions import PROVINCE_REVIEWER, Submission, Submissions
from chuangye.data.problems import Problem
from chuangye.data.store import ImportRejected, StoreError
from chuangye.data.tables import read_inputs
from chuangye.data.uploads import UploadRefused, save_uploads, upload_folder
from chuangye.engine.manager import Analytics
from chuangye.engine.scope import Scope
from chuangye.strings.i18n import t
from chuangye.web.services import Services
from chuangye.web.submissions import store_of

LISTED_WARNINGS = 50  # warnings kept with a submission (the rest are counted)
TOO_LARGE_CHECKS = frozenset({"file_too_large", "total_too_large"})


class Refusal(Exception):
    """Why a submission or an acceptance cannot be made: an HTTP-like ``status``, an ``error`` code for programs
    and a message: ``key`` (``strings/``) with its ``values``, or ``words`` (zh, en) another layer wrote."""

    def __init__(
        self, status: int, error: str, key: str = "", *, words: tuple[str, str] | None = None, **values: object
    ) -> None:
        super().__init__(f"{status} {error}")
        self.status, self.error, self.key, self.words, self.values = status, error, key, words, values

    def message(self, lang: str) -> str:
        if self.words is not None:
            return self.words[1 if lang == "en" else 0]
        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class SubmitOutcome:
    """A submission made (``submission``), or an unclean upload's problems (``errors`` non-empty, nothing kept)."""

    submission: Submission | None
    files: tuple[str, ...]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: dict[str, dict] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # file name -> table, for the problems' column headers


@dataclass(frozen=True)
class AcceptOutcome:
    """The new version and the accepted submissions, or the import's problems (``errors``, none accepted)."""

    version: str | None
    submissions: list[Submission]
    changes: tuple[ChangeSummary, ...] = ()
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class AcceptPreview:
    """What accepting ``submissions`` would make: its changes, and its dataset's analytics (None when refused)."""

    submissions: list[Submission]
    changes: tuple[ChangeSummary, ...]
    errors: list[Problem]
    after: Analytics | None


# ---------------------------------------------------------------------------------------------- submitting


def submit(
    services: Services,
    scope: Scope,
    level: str,
    uploaded: Sequence[tuple[str, bytes]],
    *,
    by: Actor,
    table: str = "",
    year: int | None = None,
    comment: str | None = None,
) -> SubmitOutcome:
    """``uploaded`` (name as sent, bytes) as a submission of the user's region, at ``level``; the ``submission_submit``
    audit record of an unclean upload is written here, a clean one's by the store with the submission."""
    store = store_of(services)
    with upload_folder() as folder:
        saved = _saved(uploaded, folder)  # under safe names (data/uploads.py): the names the submission keeps
        files = [(path.name, content) for path, (_, content) in zip(saved, uploaded, strict=True)]
        store.check_files(files)
        given, readable = _given([folder])
        if readable:  # the table and the year first: refused in moments, before the whole validation
            year_of(given, tables_of(given, table), year)
        preview = services.store.preview_import([folder], region=scope.region)  # one path: one submission
        errors = [p for p in preview.problems if p.is_error]
        warnings = [p for p in preview.problems if not p.is_error]
        changes = {c.table: c.as_dict() for c in preview.changes if c.origin == "file"}  # the tables it brings
        names = tuple(name for name, _ in files)
        if errors:
            detail = {"errors": len(errors), "warnings": len(warnings), "files": list(names)}
            services.audit.record("submission_submit", object=None, region=scope.region, outcome="failed",
                                  detail=detail)  # fmt: skip
            tables = {c.source: c.table for c in preview.changes if c.origin == "file"}
            return SubmitOutcome(None, names, errors, warnings, changes, tables)
    tables = tables_of(given, table)
    found_year = year_of(given, tables, year)
    summary = {"changes": changes, "warnings": [problem_dict(p) for p in warnings[:LISTED_WARNINGS]]}
    made = store.submit(region=scope.region, level=level, tables=tables, year=found_year, files=files, by=by,
                        warnings=len(warnings), summary=summary, comment=comment)  # fmt: skip
    return SubmitOutcome(made, names, [], warnings, changes)


# ---------------------------------------------------------------------------------------------- accepting


def accept(services: Services, ids: Sequence[int], *, by: Actor, comment: str | None = None, via: str) -> AcceptOutcome:
    """Several submissions into ONE new version (the caller has checked that the user is the province). A
    ``SubmissionError`` when the state machine refuses one of them, before anything is imported."""
    store = store_of(services)
    chosen = store.check_accept(ids, tier=PROVINCE_REVIEWER)
    note = "submissions " + ", ".join(f"#{s.id}" for s in chosen)
    regions = tuple(dict.fromkeys(s.region for s in chosen))
    with upload_folder() as folder:
        paths = _written(store, chosen, folder)
        try:
            result = services.store.import_paths(paths, region=regions, by=f"web:{by.username}", note=note)
        except ImportRejected as exc:
            errors = [p for p in exc.problems if p.is_error]
            warnings = [p for p in exc.problems if not p.is_error]
            return AcceptOutcome(None, [], exc.changes, errors, warnings)
        except StoreError as exc:
            raise Refusal(409, "store_refused", "sub_api_store_refused", reason=str(exc)) from None
    services.audit.record("import", object=result.version_id, detail={"submissions": [s.id for s in chosen],
                          "regions": list(regions), "via": via})  # fmt: skip
    try:
        accepted = store.accept([s.id for s in chosen], tier=PROVINCE_REVIEWER, by=by, version_id=result.version_id,
                                comment=comment)  # fmt: skip
    except Exception:  # taken meanwhile by another reviewer: the version stays, say so
        raise Refusal(409, "accepted_meanwhile", "sub_api_accepted_meanwhile", version=result.version_id) from None
    return AcceptOutcome(result.version_id, accepted, result.changes, [], list(result.warnings))


def preview_accept(services: Services, ids: Sequence[int]) -> AcceptPreview:
    """What accepting ``ids`` would do (nothing changes): the state machine's check, then the region import's
    preview of their files together."""
    store = store_of(services)
    chosen = store.check_accept(ids, tier=PROVINCE_REVIEWER)
    regions = tuple(dict.fromkeys(s.region for s in chosen))
    with upload_folder() as folder:
        preview = services.store.preview_import(_written(store, chosen, folder), region=regions)
    errors = [p for p in preview.problems if p.is_error]
    after = Analytics(preview.dataset, services.cfg) if preview.dataset is not None and not errors else None
    return AcceptPreview(chosen, preview.changes, errors, after)


# ---------------------------------------------------------------------------------------------- the files


def _written(store: Submissions, chosen: Iterable[Submission], folder: Path) -> list[Path]:
    """Each submission's files in a folder of its own: one path per submission, the region import's parts."""
    paths = []
    for submission in chosen:
        path = folder / str(submission.id)
        _saved(store.contents(submission.id), path)
        paths.append(path)
    return paths


def _saved(files: Sequence[tuple[str, bytes]], folder: Path) -> list[Path]:
    """The files written where the readers take them (``data/uploads.py``: safe names, size limits)."""
    try:
        return save_uploads(files, folder)
    except UploadRefused as exc:
        status = 413 if exc.check in TOO_LARGE_CHECKS else 400
        raise Refusal(status, "upload_refused", words=(exc.message_zh, exc.message_en)) from None


def _given(paths: Iterable[Path]) -> tuple[dict[str, Any], bool]:
    """The tables the uploaded files hold (read as the import reads them), to learn their tables and years, and
    whether they could all be read (when not, the import's preview says why)."""
    tables, problems = read_inputs(list(paths))
    readable = not any(p.is_error for p in problems) and not any(t.unreadable for t in tables.values())
    return {name: loaded for name, loaded in tables.items()}, readable


def tables_of(given: Mapping[str, Any], asked: str) -> list[str]:
    """The tables of the upload, in the schema's order; ``asked`` (one or several, comma-separated) must name
    exactly them."""
    found = [name for name in SUBMISSION_TABLES if name in given] + [n for n in given if n not in SUBMISSION_TABLES]
    if asked:
        wanted = {part.strip() for part in asked.split(",") if part.strip()}
        if wanted != set(found):
            raise Refusal(422, "table_mismatch", "sub_api_table_mismatch", asked=", ".join(sorted(wanted)),
                          found=", ".join(found) or "—")  # fmt: skip
    return found


def year_of(given: Mapping[str, Any], tables: Sequence[str], wanted: int | None) -> int | None:
    """The one year the upload's figures are of; ``wanted`` must be it. Several years are refused: one
    submission is one year's figures."""
    years: set[int] = set()
    for table in tables:
        column = SUBMISSION_TABLES.get(table)
        loaded = given.get(table)
        frame = getattr(loaded, "frame", None)
        if column and frame is not None and column in frame:
            years |= {int(y) for y in frame[column].dropna().unique()}
    if len(years) > 1:
        raise Refusal(422, "several_years", "sub_api_several_years", years=", ".join(map(str, sorted(years))))
    found = next(iter(years), None)
    if wanted is not None and found is not None and wanted != found:
        raise Refusal(422, "year_mismatch", "sub_api_year_mismatch", asked=wanted, found=found)
    return found if found is not None else wanted


def problem_dict(p: Problem) -> dict[str, Any]:
    """A problem as ``POST /api/v1/imports`` gives it: where (file, Excel row, column, value) and what."""
    return {
        "file": p.file,
        "row": p.row,
        "column": p.column,
        "value": p.value,
        "check": p.check,
        "severity": p.severity,
        "message_zh": p.message_zh,
        "message_en": p.message_en,
    }


__all__ = [
    "LISTED_WARNINGS",
    "AcceptOutcome",
    "AcceptPreview",
    "Refusal",
    "SubmitOutcome",
    "accept",
    "preview_accept",
    "problem_dict",
    "submit",
    "tables_of",
    "year_of",
]
