"""单位详情 Unit scorecard: find a unit, its indicators by year, its certification rounds, what it still needs.

Pure computations on the active data (an ``Analytics``); the search index and the per-unit row positions
are built once per data version and memoised on the Analytics.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from chuangye.config.loader import CertificationCycle
from chuangye.engine import deadlines
from chuangye.engine.indicators import unit_scorecard
from chuangye.engine.manager import Analytics
from chuangye.engine.peers import county_units, unit_gaps, unit_years_for

SEARCH_LIMIT = 20
RECENT_HISTORIES = 64
STEP_DATES: dict[str, str] = {
    "declared": "declared_date",
    "county_evaluated": "county_evaluated_date",
    "city_reviewed": "city_reviewed_date",
    "decided": "decided_date",
}


# -------------------------------------------------------------------------------------------- search


@dataclass(frozen=True)
class UnitSearchIndex:
    """Every unit, sorted by code, with its names lower-cased for matching."""

    codes: pd.Series
    names: pd.Series
    names_en: pd.Series  # lower-cased, for matching
    display_en: np.ndarray
    county_codes: np.ndarray
    unit_types: np.ndarray
    name_lengths: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)


def build_search_index(units: pd.DataFrame) -> UnitSearchIndex:
    units = units.drop_duplicates("unit_code").sort_values("unit_code").reset_index(drop=True)
    names = units["name"].fillna("").astype(str)
    return UnitSearchIndex(
        codes=units["unit_code"].astype(str),
        names=names,
        names_en=units["name_en"].fillna("").astype(str).str.lower(),
        display_en=units["name_en"].fillna(units["name"]).astype(str).to_numpy(dtype=object),
        county_codes=units["county_code"].fillna("").astype(str).to_numpy(dtype=object),
        unit_types=units["unit_type"].astype(object).where(units["unit_type"].notna(), None).to_numpy(dtype=object),
        name_lengths=names.str.len().to_numpy(dtype="int64"),
    )


def search_units(index: UnitSearchIndex, query: str, limit: int = SEARCH_LIMIT) -> list[int]:
    """Positions in ``index`` of the units best matching ``query``: a code prefix, or part of a name.

    A query of digits matches codes: the exact code first, then codes starting with it, shorter (higher
    level) codes first, then by code. Other text matches the Chinese name (names starting with it before
    names containing it) and then the English name, case-insensitive; shorter names first, then by code.
    """
    q = query.strip()
    if not q:
        return []
    n = len(index)
    group = np.full(n, 9, dtype="int64")
    if q.isdigit():
        group[index.codes.str.startswith(q).to_numpy(dtype=bool)] = 1
        group[(index.codes == q).to_numpy(dtype=bool)] = 0
        length = index.codes.str.len().to_numpy(dtype="int64")
    else:
        low = q.lower()
        group[index.names_en.str.contains(low, regex=False).to_numpy(dtype=bool)] = 4
        group[index.names.str.contains(q, regex=False).to_numpy(dtype=bool)] = 3
        group[index.names.str.startswith(q).to_numpy(dtype=bool)] = 2
        length = index.name_lengths
    hits = np.flatnonzero(group < 9)
    order = np.lexsort((hits, length[hits], group[hits]))  # positions follow code order
    return [int(i) for i in hits[order[:limit]]]


def search_index_for(an: Analytics) -> UnitSearchIndex:
    return an.artefact("unit_search_index", lambda: build_search_index(an.dataset.units))


# -------------------------------------------------------------------------------------------- profile


def unit_profile(an: Analytics, code: str) -> dict[str, Any] | None:
    """Name, type, place and flags of one unit; None when the code is unknown."""
    row = an.unit_row(code)
    if row is None:
        return None
    unit_type = row["unit_type"] if isinstance(row["unit_type"], str) else None
    return {
        "unit_code": code,
        "name": row["name"],
        "name_en": row["name_en"] if isinstance(row["name_en"], str) and row["name_en"] else row["name"],
        "unit_type": unit_type,
        "division_kind": row.get("division_kind"),
        "in_scope": bool(row["in_scope"]) if not pd.isna(row["in_scope"]) else False,
        "city_code": row["city_code"],
        "county_code": row["county_code"],
        "park_level": row.get("park_level") if isinstance(row.get("park_level"), str) else None,
        "location_synthetic": bool(row["location_synthetic"]) if not pd.isna(row["location_synthetic"]) else False,
        "active_from": None if pd.isna(row["active_from"]) else int(row["active_from"]),
        "active_to": None if pd.isna(row["active_to"]) else int(row["active_to"]),
    }


# -------------------------------------------------------------------------------------------- history


def indicator_history_for(an: Analytics, code: str) -> pd.DataFrame:
    """``indicator_history`` of the recently viewed units, kept (the page's callbacks each need it)."""
    recent: OrderedDict[str, pd.DataFrame] = an.artefact("recent_histories", OrderedDict)
    if code in recent:
        recent.move_to_end(code)
        return recent[code]
    out = recent[code] = indicator_history(an, code)
    while len(recent) > RECENT_HISTORIES:
        recent.popitem(last=False)
    return out


def indicator_history(an: Analytics, code: str, years: list[int] | None = None) -> pd.DataFrame:
    """``an.scorecard`` for every year, stacked: one row per (year, indicator), core indicators first.

    Columns of ``unit_scorecard``'s table plus ``year`` and ``meets_standard`` (the year's verdict).
    """
    ui = an.unit_indicators
    rows_of = an.artefact("unit_indicator_rows", lambda: ui.groupby("unit_code").indices)
    mine = ui.iloc[rows_of.get(code, np.array([], dtype="int64"))]
    units = an.dataset.units
    unit = units[units["unit_code"] == code] if len(mine) == 0 else None
    frames = []
    for year in years or an.years:
        card = unit_scorecard(code, year, mine, an.cfg, unit)
        table = card["indicators"].assign(year=int(year), meets_standard=card["meets_standard"])
        frames.append(table)
    out = pd.concat(frames, ignore_index=True)
    out["meets_standard"] = out["meets_standard"].astype("boolean")
    return out


# ------------------------------------------------------------------------------------ certification


def step_deadline(step: str, round_year: int, cycle: CertificationCycle | None = None) -> date | None:
    """The programme's deadlines (``[certification_cycle]``, engine/deadlines.py; the packaged file: county
    evaluation and city review by 31 December of the year before the round, the provincial decision by 31 May
    of the round year); self-declaration has none."""
    return deadlines.step_deadline(step, round_year, cycle) if step in STEP_DATES else None


def certification_rounds(certifications: pd.DataFrame, cycle: CertificationCycle | None = None) -> list[dict[str, Any]]:
    """One unit's rounds, oldest first, each with its four steps.

    A step: ``step`` (declared, county_evaluated, city_reviewed, decided), ``date`` (or None), ``state``
    (done, rejected, pending: not reached), ``deadline`` and ``late`` (done after the deadline). The last
    step is ``decided``: done when certified, rejected when the province (or an earlier step) turned the
    unit down. A rejection without a decision date is placed at the first step without a date.
    Round: ``round_year``, ``stage``, ``outcome`` (certified, rejected, open), ``steps``, ``n_late``.
    """
    rounds = []
    for rec in certifications.sort_values("round_year").to_dict("records"):
        year = int(rec["round_year"])
        stage = rec["stage"]
        dates = {step: _as_date(rec.get(col)) for step, col in STEP_DATES.items()}
        reached = {
            "declared": True,
            "county_evaluated": stage in ("county_evaluated", "city_reviewed", "certified")
            or dates["county_evaluated"] is not None,
            "city_reviewed": stage in ("city_reviewed", "certified") or dates["city_reviewed"] is not None,
            "decided": stage in ("certified", "rejected") and (stage == "certified" or dates["decided"] is not None),
        }
        rejected_at = None
        if stage == "rejected":
            rejected_at = "decided" if reached["decided"] else next(s for s in STEP_DATES if not reached[s])
        steps = []
        for step in STEP_DATES:
            deadline = step_deadline(step, year, cycle)
            when = dates[step]
            if step == rejected_at:
                state = "rejected"
            elif reached[step]:
                state = "done"
            else:
                state = "pending"
            steps.append(
                {
                    "step": step,
                    "date": when,
                    "state": state,
                    "deadline": deadline,
                    "late": bool(when and deadline and when > deadline),
                }
            )
        outcome = "certified" if stage == "certified" else "rejected" if stage == "rejected" else "open"
        rounds.append(
            {
                "round_year": year,
                "stage": stage,
                "outcome": outcome,
                "steps": steps,
                "n_late": sum(s["late"] for s in steps),
            }
        )
    return rounds


def certification_rounds_for(an: Analytics, code: str) -> list[dict[str, Any]]:
    certs = an.dataset.certifications
    rows_of = an.artefact("unit_cert_rows", lambda: certs.groupby("unit_code").indices)
    mine = certs.iloc[rows_of.get(code, np.array([], dtype="int64"))]
    return certification_rounds(mine, an.cfg.certification_cycle)


def _as_date(value: Any) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


# ---------------------------------------------------------------------------------------- suggestions


def closest_to_standard(an: Analytics, county: str, year: int, unit_type: str, n: int = 8) -> pd.DataFrame:
    """Units of a county not yet meeting the standard, smallest gap first (the easiest wins).

    When the county has fewer than ``n`` such units, the rest of its city fills the list. Columns of
    ``peers.unit_gaps``.
    """

    def below(rows: pd.DataFrame) -> pd.DataFrame:
        gaps = unit_gaps(rows, an.cfg, year, "meets")
        gaps = gaps[gaps["meets_standard"].astype("boolean").eq(False).fillna(False).to_numpy(bool)]
        return gaps.sort_values(["gap_score", "unit_code"]).head(n)

    found = below(county_units(an, county, year, unit_type))
    if len(found) >= n:
        return found.reset_index(drop=True)
    city = an.regions.parent_of(county)
    siblings = an.regions.children(city) if city else ()
    more = below(county_units(an, [c for c in siblings if c != county], year, unit_type))
    return pd.concat([found, more], ignore_index=True).head(n)


def warm_up(an: Analytics) -> None:
    """Build the per-version look-ups now (about 0.3 s) rather than on a user's first click."""
    search_index_for(an)
    unit_years_for(an)
    an.artefact("unit_indicator_rows", lambda: an.unit_indicators.groupby("unit_code").indices)
    certs = an.dataset.certifications
    an.artefact("unit_cert_rows", lambda: certs.groupby("unit_code").indices)


__all__ = [
    "SEARCH_LIMIT",
    "UnitSearchIndex",
    "build_search_index",
    "certification_rounds",
    "certification_rounds_for",
    "closest_to_standard",
    "indicator_history",
    "indicator_history_for",
    "search_index_for",
    "search_units",
    "step_deadline",
    "unit_profile",
    "warm_up",
]
