"""What an upload would do, computed once per consent and active version: every problem (the tables' and a
boundary file's), the change per table, and the township boundary layer read from a boundary file, ready for the
import. One path with the command line: ``Store.preview_import`` and ``Store.import_paths`` with the same files,
boundaries and consent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from chuangye.data.changes import NO_CONSENT, ChangeSummary, Consent
from chuangye.data.dataset import Dataset
from chuangye.data.problems import Problem
from chuangye.data.store import Store
from chuangye.strings.i18n import t

if TYPE_CHECKING:
    from chuangye.geo.user_files import BoundaryMessage

BOUNDARY_LEVEL = "township"  # the level users bring real shapes for (the rest ship with the package)
CONSENT_CHECKS = {"table_emptied": "allow_empty", "table_shrinks": "allow_shrink"}  # problem -> Consent field


@dataclass(frozen=True)
class Preview:
    based_on: str | None  # the active version the changes are against
    consent: Consent
    problems: tuple[Problem, ...]
    changes: tuple[ChangeSummary, ...]
    boundary_notes: tuple[BoundaryMessage, ...] = ()
    boundaries: dict[str, Any] = field(default_factory=dict)  # level -> shapes read from the boundary file
    dataset: Dataset | None = None  # the version the import would store (None: errors stand in the way)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    @property
    def tables(self) -> dict[str, str]:
        """Where each table read from a file came from (the name problems give) -> the table."""
        return {c.source: c.table for c in self.changes if c.origin == "file"}


def consent_needed(problems: Sequence[Problem]) -> list[str]:
    """The confirmations (Consent fields) that would lift some of ``problems``, in a fixed order."""
    checks = {p.check for p in problems}
    return [name for check, name in CONSENT_CHECKS.items() if check in checks]


def consent_of(values: Sequence[str] | None) -> Consent:
    """The page's confirmation checkboxes (their values are Consent's field names) as a Consent."""
    chosen = set(values or ())
    return Consent(allow_empty="allow_empty" in chosen, allow_shrink="allow_shrink" in chosen)


def _boundary_problem(file: str, message_zh: str, message_en: str) -> Problem:
    return Problem(file, None, None, None, "boundary_invalid", message_zh, message_en)


def read_boundaries(
    files: Sequence[Path], units: pd.DataFrame
) -> tuple[dict[str, Any], list[Problem], list[BoundaryMessage]]:
    """The township layer of the one boundary file uploaded, matched to the townships of ``units``; problems
    when the file cannot be used (the reader's own zh/en message) or when more than one was uploaded."""
    if not files:
        return {}, [], []
    if len(files) > 1:
        names = ", ".join(p.name for p in files)
        texts = [t("dp_boundaries_twice", lang, count=len(files), files=names) for lang in ("zh", "en")]
        return {}, [_boundary_problem(names, *texts)], []
    from chuangye.geo.user_files import BoundaryFileError, read_user_boundaries

    townships = units.loc[units["unit_code"].str.len() == 9, ["unit_code", "name"]]
    known = townships.rename(columns={"unit_code": "code"})
    try:
        shapes, report = read_user_boundaries(files[0], BOUNDARY_LEVEL, known)
    except BoundaryFileError as exc:
        return {}, [_boundary_problem(exc.file, exc.message_zh, exc.message_en)], []
    return {BOUNDARY_LEVEL: shapes}, [], report.messages()


def preview_upload(
    store: Store, table_files: Sequence[Path], boundary_files: Sequence[Path], consent: Consent = NO_CONSENT
) -> Preview:
    """What importing the files would do, every problem listed (the grid shows part, the report all). A store
    that cannot say (the active version damaged and not every table given) raises its StoreError."""
    active = store.active_version_id()
    units = pd.DataFrame({"unit_code": [], "name": []})
    if boundary_files and active is not None:  # the townships shapes are matched to (an intact version's)
        units = store.serving().dataset.units
    boundaries, boundary_problems, notes = read_boundaries(boundary_files, units)
    if boundary_problems and not table_files:
        return Preview(active, consent, tuple(boundary_problems), ())
    result = store.preview_import(table_files, boundaries=boundaries or None, list_all=True, consent=consent)
    problems = tuple(boundary_problems) + tuple(result.problems)
    return Preview(active, consent, problems, result.changes, tuple(notes), boundaries, result.dataset)


__all__ = ["CONSENT_CHECKS", "Preview", "consent_needed", "consent_of", "preview_upload", "read_boundaries"]
