"""The Submissions page's rows and lines: submissions, their history and changes, the year's deadlines and the
template links turned into grid cells and sentences. Pure functions of records and a language (no Dash, no
request); the callbacks add who is asking."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from chuangye.config.loader import SUBMISSION_TABLES, CertificationCycle
from chuangye.data.db.submissions import (
    CITY_REVIEWER,
    OPEN_STATES,
    PROVINCE_REVIEWER,
    RETURNED,
    STATES,
    Step,
    Submission,
)
from chuangye.engine import deadlines
from chuangye.engine import submissions as rules
from chuangye.strings.i18n import t
from chuangye.web.pages.audit.rows import local_iso
from chuangye.web.pages.certification.rows import day_text

RegionName = Callable[[str], str]
OPEN_CHOICE = "open"
WAITING = {CITY_REVIEWER: "sp_waiting_city", PROVINCE_REVIEWER: "sp_waiting_province"}


def tables_text(tables: Sequence[str], lang: str) -> str:
    return t("sub_list_sep", lang).join(t(f"sub_table_{table}", lang) for table in tables)


def late_text(submission: Submission, cycle: CertificationCycle, lang: str) -> str:
    late = rules.lateness(submission, cycle)
    if late.days_late is not None:
        return t("sp_late_days", lang, days=late.days_late)
    return t("sp_on_time", lang) if late.deadline else "—"


def latest_comment(submission: Submission) -> str:
    said = [step.comment for step in submission.history if step.comment]
    return said[-1] if said else ""


def submission_row(submission: Submission, lang: str, name_of: RegionName, cycle: CertificationCycle) -> dict:
    """One submission as the list shows it: codes in words, times local, the deadline and the late flag."""
    late = rules.lateness(submission, cycle)
    return {
        "id": submission.id,
        "region": name_of(submission.region),
        "tables": tables_text(submission.tables, lang),
        "year": submission.year,
        "state": t(f"sub_state_{submission.state}", lang),
        "waiting": t(WAITING.get(submission.reviewer or "", "sp_waiting_none"), lang),
        "deadline": day_text(late.deadline, lang) if late.deadline else "—",
        "late": late_text(submission, cycle, lang),
        "submitter": submission.submitter,
        "created": local_iso(submission.created_at),
        "comment": latest_comment(submission),
    }


def submission_rows(
    found: Sequence[Submission], lang: str, name_of: RegionName, cycle: CertificationCycle
) -> list[dict]:
    return [submission_row(s, lang, name_of, cycle) for s in found]


def history_lines(history: Sequence[Step], lang: str) -> list[str]:
    """Each step: when, who, what and the state it led to, with its comment."""
    lines = []
    for step in history:
        line = t("sp_history_line", lang, at=local_iso(step.at), who=step.username or "—",
                 action=t(f"sub_action_{step.action}", lang), state=t(f"sub_state_{step.to_state}", lang))  # fmt: skip
        if step.comment:
            line += " " + t("sp_history_comment", lang, comment=step.comment)
        lines.append(line)
    return lines


def returned_reason(submission: Submission) -> str | None:
    """Why a returned submission was returned: the comment of the step that returned it."""
    if submission.state != RETURNED:
        return None
    steps = [step for step in submission.history if step.to_state == RETURNED]
    return steps[-1].comment if steps and steps[-1].comment else None


def change_lines(changes: Mapping[str, Mapping[str, Any]], lang: str) -> list[str]:
    """The submission's change per table as it was checked when delivered."""
    return [
        t(
            "sp_change_line",
            lang,
            table=t(f"sub_table_{table}", lang) if table in SUBMISSION_TABLES else table,
            **{key: _count(counts.get(key)) for key in ("before", "after", "added", "changed", "removed")},
        )
        for table, counts in changes.items()
    ]


def _count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else "—"


def deadline_lines(cycle: CertificationCycle, year: int, lang: str) -> list[str]:
    """Each table's submission deadline for ``year`` in date order (``engine/deadlines.py``)."""
    due = [(table, deadlines.table_deadline(table, year, cycle)) for table in SUBMISSION_TABLES]
    return [
        t("sub_cert_deadline_item", lang, table=t(f"sub_table_{table}", lang), day=day_text(day, lang))
        for table, day in sorted(((k, d) for k, d in due if d is not None), key=lambda item: item[1])
    ]


def template_links(region: str, year: int, lang: str) -> list[tuple[str, str]]:
    """(label, URL) of each submission table's template for the region and year (``/api/v1/templates``)."""
    query = urlencode({"region": region, "year": year, "lang": lang})
    return [(t(f"sub_table_{table}", lang), f"/api/v1/templates/{table}.xlsx?{query}") for table in SUBMISSION_TABLES]


def state_options(lang: str) -> list[dict]:
    return [{"label": t("sp_filter_open", lang), "value": OPEN_CHOICE}] + [
        {"label": t(f"sub_state_{state}", lang), "value": state} for state in STATES
    ]


def states_of(choice: object) -> frozenset[str] | None:
    """The states a filter value means: the open ones, one state, or any (None) for anything else."""
    if choice == OPEN_CHOICE:
        return frozenset(OPEN_STATES)
    return frozenset({choice}) if choice in STATES else None


def year_of(choice: object) -> int | None:
    text = str(choice) if choice is not None else ""
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def selected_ids(selected: object) -> list[int]:
    """The ids of the grid's selected rows (only the ids are trusted: each is read again from the store)."""
    if not isinstance(selected, list):
        return []
    found = [row.get("id") for row in selected if isinstance(row, dict)]
    return [int(i) for i in found if isinstance(i, int) or (isinstance(i, str) and i.isdigit())]


__all__ = [
    "OPEN_CHOICE",
    "change_lines",
    "deadline_lines",
    "history_lines",
    "latest_comment",
    "returned_reason",
    "selected_ids",
    "state_options",
    "states_of",
    "submission_row",
    "submission_rows",
    "tables_text",
    "template_links",
    "year_of",
]
