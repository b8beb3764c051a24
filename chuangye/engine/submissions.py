"""Submissions as the engine sees them: who may see and review one (from the scope rule of ``engine/scope.py``,
never a rule of its own), its deadline and late flag (``engine/deadlines.py``), and the open and late ones per
region for the certification page. Codes, dates and numbers only.

- a ``county`` user submits for its county, a ``city`` user for its city; ``admin`` and ``province`` submit
  nothing (they import);
- a user sees the submissions of its own area: a county its county's, a city its own and its counties', the
  province everyone's;
- a county's submission is reviewed first by its city (a ``city`` user whose scope holds the county), then by
  the province (``admin``, ``province``); a city's goes straight to the province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from chuangye.config.loader import CertificationCycle
from chuangye.data.db.submissions import (
    CITY_REVIEWER,
    OPEN_STATES,
    PROVINCE_REVIEWER,
    SUPERSEDED,
    Submission,
)
from chuangye.engine import deadlines
from chuangye.engine.regions import RegionTree
from chuangye.engine.scope import Scope

REGION_COUNT_COLUMNS: tuple[str, ...] = ("region_code", "open", "late")


def submitting_level(scope: Scope, tree: RegionTree) -> str | None:
    """The level a user submits for (its own region's: ``city`` or ``county``); None for a full scope, which
    imports instead of submitting."""
    if scope.is_full:
        return None
    return tree.level_of(scope.check(tree).region)


def visible_regions(scope: Scope, tree: RegionTree) -> frozenset[str] | None:
    """The regions whose submissions a user sees; None for every region (a full scope)."""
    if scope.is_full:
        return None
    scope.check(tree)
    return frozenset({scope.region, *scope.unit_counties(tree)})


def sees(scope: Scope, region: str, tree: RegionTree) -> bool:
    regions = visible_regions(scope, tree)
    return regions is None or region in regions


def reviewer_tier(scope: Scope, region: str, tree: RegionTree) -> str | None:
    """Who a user is for a submission of ``region``: the province (a full scope), its city's reviewer (a city
    user whose scope holds the county), or nobody (None). The state machine (``data/db/submissions.py``) then
    says whether that reviewer may take a step from the submission's state."""
    if scope.is_full:
        return PROVINCE_REVIEWER
    if scope.role == "city" and tree.level_of(region) == "county" and region in scope.unit_counties(tree):
        return CITY_REVIEWER
    return None


@dataclass(frozen=True)
class Lateness:
    deadline: dt.date | None
    days_late: int | None  # None when on time (or without a deadline)

    @property
    def late(self) -> bool:
        return self.days_late is not None


def lateness(submission: Submission, cycle: CertificationCycle) -> Lateness:
    """The submission's deadline (the earliest of its tables' for its year) and how late it came."""
    deadline = deadlines.submission_deadline(submission.tables, submission.year, cycle)
    return Lateness(deadline, deadlines.days_late(submission.created_at, deadline, cycle))


def region_counts(
    submissions: Iterable[Submission], areas: Iterable[str], tree: RegionTree, cycle: CertificationCycle
) -> pd.DataFrame:
    """Per area (cities, or one city's counties and the city itself), the open submissions and the late ones
    (delivered after their deadline, superseded ones left out: the newer one counts); a city counts its own and
    its counties'. Areas with neither are left out. Columns ``REGION_COUNT_COLUMNS``."""
    wanted = list(dict.fromkeys(areas))
    counts = {code: [0, 0] for code in wanted}
    for submission in submissions:
        area = _area_of(submission.region, counts, tree)
        if area is None or submission.state == SUPERSEDED:
            continue
        counts[area][0] += submission.state in OPEN_STATES
        counts[area][1] += lateness(submission, cycle).late
    rows = [(code, *counts[code]) for code in wanted if any(counts[code])]
    return pd.DataFrame(rows, columns=list(REGION_COUNT_COLUMNS)).astype({"open": "int64", "late": "int64"})


def _area_of(region: str, areas: dict[str, list[int]], tree: RegionTree) -> str | None:
    """The area ``region`` counts under: itself, or its city when the areas are cities."""
    if region in areas:
        return region
    city = tree.city_of(region)
    return city if city in areas else None


__all__ = [
    "REGION_COUNT_COLUMNS",
    "Lateness",
    "lateness",
    "region_counts",
    "reviewer_tier",
    "sees",
    "submitting_level",
    "visible_regions",
]
