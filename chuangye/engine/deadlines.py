"""Deadlines of the yearly certification cycle, from ``[certification_cycle]`` in the configuration: codes and
dates only.

- a cycle step's deadline in a round: ``quota`` (the province hands round Y's quotas to the cities), then the
  steps of ``[certification_cycle.deadlines]`` (county evaluation, city review and submission, the decision);
- a table's submission deadline for year Y: ``[certification_cycle.submissions] <table>`` names the step and the
  round (Y + ``round``) whose deadline it is; tables without one have no deadline;
- whether something delivered at an instant is late: its local day (``utc_offset_hours``) after the deadline.

The certification pipeline (``engine/pipeline.py``), the unit scorecard's rounds (``engine/scorecard.py``) and
the submissions (``web/api/submissions.py``, the certification page) read their dates here, so a province that
changes a date in its configuration changes them everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

import numpy as np

from chuangye.config.loader import (
    CYCLE_STEPS,
    QUOTA_STEP,
    SUBMISSION_TABLES,
    CertificationCycle,
    load_config,
    packaged_config_path,
)

DEADLINE_STEPS: tuple[str, ...] = (QUOTA_STEP, *CYCLE_STEPS)


@cache
def packaged_cycle() -> CertificationCycle:
    """The packaged configuration's cycle: the dates of a caller that was handed no configuration."""
    return load_config(packaged_config_path()).certification_cycle


def _cycle(cycle: CertificationCycle | None) -> CertificationCycle:
    return packaged_cycle() if cycle is None else cycle


def step_deadline(step: str, round_year: int, cycle: CertificationCycle | None = None) -> dt.date | None:
    """The deadline of ``step`` (one of ``DEADLINE_STEPS``) in round ``round_year``; None for a step without one
    (self-declaration). An unknown step raises ``ValueError``."""
    cycle = _cycle(cycle)
    if step == QUOTA_STEP:
        return cycle.quota.date_in(round_year)
    if step not in CYCLE_STEPS:
        raise ValueError(f"未知环节 {step!r} / unknown step {step!r}, expected one of {DEADLINE_STEPS}")
    return cycle.deadline(step, round_year)


def step_deadlines(step: str, round_years: Iterable[int], cycle: CertificationCycle | None = None) -> np.ndarray:
    """``step_deadline`` for many rounds at once, as ``datetime64[us]`` (NaT where the step has no deadline)."""
    years = np.asarray(round_years, dtype="int64")
    step_deadline(step, 2000, cycle)  # an unknown step raises, with rounds or without
    by_year = {int(year): step_deadline(step, int(year), cycle) for year in np.unique(years)}
    days = [by_year[int(year)] for year in years]
    out = np.array([np.datetime64("NaT") if day is None else np.datetime64(day, "D") for day in days], "datetime64[D]")
    return out.astype("datetime64[us]")


def table_deadline(table: str, year: int, cycle: CertificationCycle | None = None) -> dt.date | None:
    """When a city or county must have delivered ``table``'s figures for ``year``; None for a table that has no
    submission deadline (``[certification_cycle.submissions]``)."""
    due = _cycle(cycle).submissions.get(table)
    if due is None:
        return None
    return step_deadline(due.step, year + due.round, cycle)


def submission_deadline(
    tables: Iterable[str], year: int | None, cycle: CertificationCycle | None = None
) -> dt.date | None:
    """The deadline of a submission of ``tables`` for ``year``: the earliest of its tables' (None without a year
    or when none of them has one)."""
    if year is None:
        return None
    found = [day for table in tables if (day := table_deadline(table, year, cycle)) is not None]
    return min(found) if found else None


def local_day(at: dt.datetime, cycle: CertificationCycle | None = None) -> dt.date:
    """The day ``at`` (an aware instant) falls on where the deadlines are set (``utc_offset_hours``)."""
    zone = dt.timezone(dt.timedelta(hours=_cycle(cycle).utc_offset_hours))
    return at.astimezone(zone).date()


def days_late(at: dt.datetime, deadline: dt.date | None, cycle: CertificationCycle | None = None) -> int | None:
    """How many days after ``deadline`` the instant ``at`` falls (locally); None when it is not late."""
    if deadline is None:
        return None
    late = (local_day(at, cycle) - deadline).days
    return late if late > 0 else None


def is_late(at: dt.datetime, deadline: dt.date | None, cycle: CertificationCycle | None = None) -> bool:
    return days_late(at, deadline, cycle) is not None


def year_column(table: str) -> str | None:
    """The column that holds the year of ``table``'s figures (None for a table not delivered per year)."""
    return SUBMISSION_TABLES.get(table)


__all__ = [
    "DEADLINE_STEPS",
    "days_late",
    "is_late",
    "local_day",
    "packaged_cycle",
    "step_deadline",
    "step_deadlines",
    "submission_deadline",
    "table_deadline",
    "year_column",
]
