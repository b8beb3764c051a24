"""The audit page's rows: records filtered, turned into the grid's cells and into CSV/XLSX files.

Pure functions of records, filters and a language (no Dash, no request): the callbacks add who is asking.
Times are shown in the server's local time zone, ISO 8601 to the second; the trail stores UTC.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from chuangye.data.db import AuditRecord, AuditTrail
from chuangye.data.db.codes import ACTIONS, OUTCOMES
from chuangye.exports.tables import ColumnSpec, table_to_csv, table_to_xlsx
from chuangye.strings.i18n import t

SHOWN_MAX = 500  # the grid shows the newest this many; the exports hold every match
EXPORT_MAX = 100_000  # a file of more would not open in a spreadsheet comfortably; the filters narrow it
DETAIL_SHORT = 120  # characters of the JSON detail the grid shows
COLUMNS = ("at", "username", "role", "address", "action", "object", "region", "region_name", "outcome", "detail")
RegionName = Callable[[str], str | None]


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # local dates, both included
    end: dt.date | None = None
    user: str | None = None
    action: str | None = None
    outcome: str | None = None

    @classmethod
    def parse(cls, start: object, end: object, user: object, action: object, outcome: object) -> Filters:
        """The filters the page's controls hold; anything malformed is no filter (a hand-made request)."""
        return cls(
            _date(start),
            _date(end),
            user.strip() if isinstance(user, str) and user.strip() else None,
            action if action in ACTIONS else None,
            outcome if outcome in OUTCOMES else None,
        )

    def since(self) -> dt.datetime | None:
        return None if self.start is None else _local_midnight(self.start)

    def until(self) -> dt.datetime | None:
        return None if self.end is None else _local_midnight(self.end + dt.timedelta(days=1))

    def detail(self) -> dict[str, str]:
        """What the audit record of a view or an export says about the filters."""
        values = {"start": self.start, "end": self.end, "user": self.user, "action": self.action,
                  "outcome": self.outcome}  # fmt: skip
        return {key: str(value) for key, value in values.items() if value is not None}

    def query(self) -> dict:
        """The trail's ``search``/``count`` keywords for these filters."""
        return {"since": self.since(), "until": self.until(), "user": self.user, "action": self.action,
                "outcome": self.outcome}  # fmt: skip


def matching(trail: AuditTrail, filters: Filters, limit: int | None = None) -> list[AuditRecord]:
    """The records the filters match, newest first, at most ``limit`` of them (the database filters and cuts)."""
    return trail.search(**filters.query(), limit=limit)


def total(trail: AuditTrail, filters: Filters) -> int:
    """How many records the filters match in all."""
    return trail.count(**filters.query())


def local_iso(moment: dt.datetime) -> str:
    """A stored (UTC) time in the server's local zone: ``2026-12-01T16:00:00+08:00``."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return aware.astimezone().isoformat(timespec="seconds")


def detail_text(detail: dict, limit: int | None = DETAIL_SHORT) -> str:
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def row(record: AuditRecord, lang: str, region_name: RegionName, detail_limit: int | None = DETAIL_SHORT) -> dict:
    """One record as the grid and the files show it: words for codes in ``lang``, the region's name."""
    return {
        "id": record.id,
        "at": local_iso(record.at),
        "username": record.username or "",
        "role": t(f"acct_role_{record.role}", lang) if record.role else "",
        "address": record.address or "",
        "action": t(f"audit_action_{record.action}", lang),
        "object": record.object or "",
        "region": record.region or "",
        "region_name": (region_name(record.region) or "") if record.region else "",
        "outcome": t(f"audit_outcome_{record.outcome}", lang),
        "detail": detail_text(record.detail, detail_limit),
    }


def rows(records: Sequence[AuditRecord], lang: str, region_name: RegionName, limit: int | None = SHOWN_MAX) -> list:
    return [row(r, lang, region_name) for r in records[:limit]]


def count_text(shown: int, total: int, lang: str) -> str:
    if shown < total:
        return t("aud_count", lang, shown=f"{shown:,}", total=f"{total:,}")
    return t("aud_count_all", lang, total=f"{total:,}")


def action_options(lang: str) -> list[dict]:
    return [{"label": t(f"audit_action_{code}", lang), "value": code} for code in ACTIONS]


def outcome_options(lang: str) -> list[dict]:
    return [{"label": t(f"audit_outcome_{code}", lang), "value": code} for code in OUTCOMES]


def specs() -> list[ColumnSpec]:
    return [ColumnSpec(key, t(f"aud_col_{key}", "zh"), t(f"aud_col_{key}", "en")) for key in COLUMNS]


def frame(records: Sequence[AuditRecord], lang: str, region_name: RegionName) -> pd.DataFrame:
    """Every record (up to ``EXPORT_MAX``) with the full detail, for a file."""
    data = [row(r, lang, region_name, detail_limit=None) for r in records[:EXPORT_MAX]]
    return pd.DataFrame(data, columns=["id", *COLUMNS])


def csv_bytes(records: Sequence[AuditRecord], lang: str, region_name: RegionName) -> bytes:
    """Like ``chuangye audit --format csv``: UTF-8 with a BOM, CRLF, text cells neutralised; headers in ``lang``."""
    return table_to_csv(frame(records, lang, region_name), specs(), lang=lang)


def xlsx_bytes(records: Sequence[AuditRecord], lang: str, region_name: RegionName, filters: Filters) -> bytes:
    title = t("aud_export_title", lang)
    labels = {"start": "aud_date_start", "end": "aud_date_end", "user": "aud_filter_user",
              "action": "aud_filter_action", "outcome": "aud_filter_outcome"}  # fmt: skip
    meta = [(t(labels[key], lang), value) for key, value in filters.detail().items()]
    return table_to_xlsx({title: (frame(records, lang, region_name), specs())}, title, meta, lang=lang)


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()
