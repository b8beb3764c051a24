"""The submissions of cities and counties as the web layer reaches them: kept in the database of the app's
accounts and audit trail (``Services.audit``), read for the request's user through the scope rule
(``engine/submissions.py``). The JSON API (``web/api/submissions.py``) and the certification page use this."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

import pandas as pd

from chuangye.data.db.submissions import Submission, Submissions
from chuangye.engine import submissions as rules
from chuangye.web.access import current_scope
from chuangye.web.services import Services

log = logging.getLogger(__name__)


def store_of(services: Services) -> Submissions:
    """The submissions of the app's database (opened on first use, with the audit trail)."""
    return Submissions(services.audit.trail().db)


def visible(services: Services, *, year: int | None = None, states: Collection[str] | None = None) -> list[Submission]:
    """The submissions the request's user may see (engine/submissions.py), newest first."""
    regions = rules.visible_regions(current_scope(), services.snapshot().regions)
    return store_of(services).search(regions=regions, year=year, states=states)


def counts_by_area(services: Services, areas: Iterable[str], year: int) -> pd.DataFrame:
    """Open and late submissions of ``year`` per area, of those the user may see; none (logged) when the
    database cannot be read: the page is still served."""
    try:
        found = visible(services, year=year)
        return rules.region_counts(found, areas, services.snapshot().regions, services.cfg.certification_cycle)
    except Exception:
        log.exception("the submissions could not be read for the certification page")
        return rules.region_counts([], (), services.snapshot().regions, services.cfg.certification_cycle)


__all__ = ["counts_by_area", "store_of", "visible"]
