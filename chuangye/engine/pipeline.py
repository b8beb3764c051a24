"""The certification round pipeline: quota → declared → county-evaluated → city-reviewed → certified, per city.

Round ``Y`` follows the yearly cycle of the notice (苏人社发〔2016〕249号, 认定程序), as ``[certification_cycle]`` in
the configuration dates it (``engine/deadlines.py``); the packaged file says:

- county evaluation and city review, i.e. the city's submission to the province: by 31 December of ``Y-1``;
- the provincial decision (certified or rejected): by 31 May of ``Y``.

Counting follows ``chuangye.engine.coverage``: a round row means the unit declared; it reached a later step when its
stage is at or beyond that step, or it was rejected after that step's date was set. Flags:

- ``late``: a step date after its deadline (days late = date − deadline);
- ``missing``: a step date absent although the unit went beyond the step (its stage lies beyond it or a later
  date is set); a certified unit, or one rejected after the city review, needs the decision date too;
- ``no_decision``: submitted by the city (stage ``city_reviewed``) and never decided although the decision
  deadline has passed (every round counts as closed unless ``as_of`` says otherwise);
- per city: declared fewer units than its evaluation quota, certified fewer than its target count.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from chuangye.config.loader import CertificationCycle
from chuangye.engine import deadlines as cycle_deadlines
from chuangye.engine.manager import Analytics
from chuangye.engine.scope import ScopedAnalytics

DATE_STEPS: tuple[str, ...] = ("declared", "county_evaluated", "city_reviewed", "decided")
DATE_COLUMNS: dict[str, str] = {step: f"{step}_date" for step in DATE_STEPS}
REACHED_STEPS: tuple[str, ...] = ("declared", "county_evaluated", "city_reviewed", "certified", "rejected")
FUNNEL_STAGES: tuple[str, ...] = ("evaluation_quota", "declared", "county_evaluated", "city_reviewed", "certified")
COUNT_COLUMNS: tuple[str, ...] = ("target_count", "evaluation_quota", *REACHED_STEPS)
SUBMISSION_STEPS: tuple[str, ...] = ("county_evaluated", "city_reviewed")
ISSUE_KINDS: tuple[str, ...] = ("late", "missing", "no_decision")
CITY_FLAGS: tuple[str, ...] = (
    "late_submission",
    "late_decision",
    "missing_date",
    "no_decision",
    "declared_below_quota",
    "certified_below_target",
)
ISSUE_COLUMNS: tuple[str, ...] = (
    "unit_code",
    "name",
    "name_en",
    "unit_type",
    "city_code",
    "county_code",
    "round_year",
    "step",
    "kind",
    "date",
    "deadline",
    "days_late",
)


def step_deadline(step: str, round_year: int, cycle: CertificationCycle | None = None) -> pd.Timestamp | None:
    """The deadline of a step of round ``round_year`` (``[certification_cycle]``; the packaged file's without
    ``cycle``); None for self-declaration (no deadline)."""
    if step not in DATE_STEPS:
        raise ValueError(f"未知环节 {step!r} / unknown step {step!r}, expected one of {DATE_STEPS}")
    day = cycle_deadlines.step_deadline(step, round_year, cycle)
    return None if day is None else pd.Timestamp(day)


def deadlines(step: str, round_years: np.ndarray, cycle: CertificationCycle | None = None) -> np.ndarray:
    """``step_deadline`` for many rounds at once (datetime64[us]; NaT for self-declaration)."""
    step_deadline(step, 2000, cycle)  # an unknown step raises
    return cycle_deadlines.step_deadlines(step, round_years, cycle)


# ----------------------------------------------------------------------------------------------- unit level


def unit_rounds(certifications: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and round with the unit's type, city, county and names and the steps it reached.

    Rows of units missing from ``units`` are dropped (they belong to no city).
    """
    info = units[["unit_code", "name", "name_en", "unit_type", "city_code", "county_code"]].drop_duplicates("unit_code")
    cert = certifications[certifications["round_year"].notna()]
    rounds = cert.merge(info, on="unit_code", how="inner")
    rounds["round_year"] = rounds["round_year"].astype("int64")
    for step in DATE_STEPS:
        column = DATE_COLUMNS[step]
        rounds[column] = pd.to_datetime(rounds[column]) if column in rounds else pd.NaT
    stage = rounds["stage"]
    rejected = stage.eq("rejected").to_numpy(dtype=bool)
    has = {step: rounds[DATE_COLUMNS[step]].notna().to_numpy(dtype=bool) for step in DATE_STEPS}
    rounds["declared"] = True
    rounds["county_evaluated"] = stage.isin(["county_evaluated", "city_reviewed", "certified"]).to_numpy(bool) | (
        rejected & has["county_evaluated"]
    )
    rounds["city_reviewed"] = stage.isin(["city_reviewed", "certified"]).to_numpy(bool) | (
        rejected & has["city_reviewed"]
    )
    rounds["certified"] = stage.eq("certified").to_numpy(dtype=bool)
    rounds["rejected"] = rejected
    return rounds.reset_index(drop=True)


def _issue_frame(
    rounds: pd.DataFrame,
    mask: np.ndarray,
    step: str,
    kind: str,
    days: np.ndarray,
    cycle: CertificationCycle | None = None,
) -> pd.DataFrame:
    hit = rounds.loc[mask]
    return pd.DataFrame(
        {
            "unit_code": hit["unit_code"].to_numpy(),
            "name": hit["name"].to_numpy(),
            "name_en": hit["name_en"].to_numpy(),
            "unit_type": hit["unit_type"].to_numpy(),
            "city_code": hit["city_code"].to_numpy(),
            "county_code": hit["county_code"].to_numpy(),
            "round_year": hit["round_year"].to_numpy(),
            "step": step,
            "kind": kind,
            "date": hit[DATE_COLUMNS[step]].to_numpy(),
            "deadline": deadlines(step, hit["round_year"].to_numpy(), cycle),
            "days_late": pd.array(days[mask], dtype="Int64"),
        }
    )


def late_and_missing(
    rounds: pd.DataFrame, as_of: date | None = None, cycle: CertificationCycle | None = None
) -> pd.DataFrame:
    """Every late, missing or undecided step of every round (columns ``ISSUE_COLUMNS``).

    ``as_of``: the day the data describe; a round whose decision deadline lies on or after it is still open
    and its undecided submissions are not flagged. None treats every round as closed. ``cycle``: the
    configuration's ``[certification_cycle]`` (the packaged file's when None).
    """
    years = rounds["round_year"].to_numpy(dtype="int64")
    dates = {step: rounds[DATE_COLUMNS[step]] for step in DATE_STEPS}
    has = {step: dates[step].notna().to_numpy(dtype=bool) for step in DATE_STEPS}
    reached = {step: rounds[step].to_numpy(dtype=bool) for step in REACHED_STEPS}
    no_days = np.full(len(rounds), np.nan)
    frames = []

    for step in DATE_STEPS[1:]:
        due = deadlines(step, years, cycle)
        late_by = (dates[step].to_numpy(dtype="datetime64[us]") - due) / np.timedelta64(1, "D")
        late = has[step] & (np.nan_to_num(late_by, nan=0.0) > 0)
        frames.append(_issue_frame(rounds, late, step, "late", np.ceil(late_by), cycle))  # part of a day counts

    stage = rounds["stage"].to_numpy(dtype=object)
    beyond = {
        "declared": reached["county_evaluated"] | has["county_evaluated"] | has["city_reviewed"] | has["decided"],
        "county_evaluated": reached["city_reviewed"] | has["city_reviewed"] | has["decided"],
        "city_reviewed": reached["certified"] | has["decided"],
        "decided": reached["certified"] | (reached["rejected"] & reached["city_reviewed"]),
    }
    for step in DATE_STEPS:
        frames.append(_issue_frame(rounds, beyond[step] & ~has[step], step, "missing", no_days, cycle))

    if as_of is None:
        closed = np.ones(len(rounds), dtype=bool)
        overdue = no_days
    else:
        since = (np.datetime64(as_of, "us") - deadlines("decided", years, cycle)) / np.timedelta64(1, "D")
        closed = since > 0
        overdue = np.floor(since)
    undecided = (stage == "city_reviewed") & ~has["decided"] & closed
    frames.append(_issue_frame(rounds, undecided, "decided", "no_decision", overdue, cycle))

    out = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    order = {kind: i for i, kind in enumerate(ISSUE_KINDS)}
    out = out.assign(_kind=out["kind"].map(order)).sort_values(
        ["round_year", "city_code", "_kind", "days_late", "unit_code"], ascending=[True, True, True, False, True]
    )
    return out.drop(columns="_kind").reset_index(drop=True)[list(ISSUE_COLUMNS)]


# ----------------------------------------------------------------------------------------------- city level


def city_pipeline(
    rounds: pd.DataFrame,
    issues: pd.DataFrame,
    quotas: pd.DataFrame,
    areas: pd.DataFrame,
    round_year: int,
    unit_type: str,
    level: str = "city",
) -> pd.DataFrame:
    """Per area (rows of ``areas``: region_code, name, name_en) the round's quota, step counts and flags.

    ``level`` is "city" or "county" (units are grouped by their ``<level>_code``); quotas exist per city only,
    so county rows have no target count, evaluation quota or shortfall. Columns: region_code, name,
    name_en, ``COUNT_COLUMNS`` (quota columns nullable), pct_target (certified ÷ target count),
    late_submissions, late_decisions, missing_dates, no_decision, declared_shortfall, certified_shortfall and
    flags (a tuple of ``CITY_FLAGS``).
    """
    if level not in ("city", "county"):
        raise ValueError(f"未知层级 {level!r} / unknown level {level!r}, expected 'city' or 'county'")
    key = f"{level}_code"
    out = areas[["region_code", "name", "name_en"]].reset_index(drop=True).copy()
    codes = pd.Index(out["region_code"])
    here = rounds[(rounds["round_year"] == round_year) & (rounds["unit_type"] == unit_type)]
    counts = here.groupby(key)[list(REACHED_STEPS)].sum()
    for step in REACHED_STEPS:
        out[step] = counts[step].reindex(codes).fillna(0).astype("int64").to_numpy()

    q = quotas[(quotas["year"] == round_year) & (quotas["unit_type"] == unit_type)]
    q = q.groupby("city_code")[["target_count", "evaluation_quota"]].sum(min_count=1)
    for column in ("target_count", "evaluation_quota"):
        known = level == "city" and len(q) > 0
        values = q[column].reindex(codes).to_numpy() if known else [pd.NA] * len(out)
        out[column] = pd.array(values, dtype="Int64")

    found = issues[(issues["round_year"] == round_year) & (issues["unit_type"] == unit_type)]
    late = found["kind"] == "late"

    def per_area(mask: pd.Series) -> np.ndarray:
        return found.loc[mask, key].value_counts().reindex(codes).fillna(0).astype("int64").to_numpy()

    out["late_submissions"] = per_area(late & found["step"].isin(SUBMISSION_STEPS))
    out["late_decisions"] = per_area(late & (found["step"] == "decided"))
    out["missing_dates"] = per_area(found["kind"] == "missing")
    out["no_decision"] = per_area(found["kind"] == "no_decision")

    target = out["target_count"].astype("float64").to_numpy()
    quota = out["evaluation_quota"].astype("float64").to_numpy()
    certified = out["certified"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["pct_target"] = np.where(target > 0, certified / target, np.nan)
    out["declared_shortfall"] = pd.array(np.clip(quota - out["declared"].to_numpy(), 0, None), dtype="Int64")
    out["certified_shortfall"] = pd.array(np.clip(target - certified, 0, None), dtype="Int64")

    counts_by_flag = {
        "late_submission": out["late_submissions"],
        "late_decision": out["late_decisions"],
        "missing_date": out["missing_dates"],
        "no_decision": out["no_decision"],
        "declared_below_quota": out["declared_shortfall"].fillna(0),
        "certified_below_target": out["certified_shortfall"].fillna(0),
    }
    raised = np.column_stack([counts_by_flag[f].to_numpy(dtype="int64") > 0 for f in CITY_FLAGS])
    out["flags"] = [tuple(f for f, on in zip(CITY_FLAGS, row, strict=True) if on) for row in raised]
    return out


def funnel_totals(table: pd.DataFrame, city: str | None = None) -> dict[str, int | None]:
    """The funnel of one city, or of the province (sum over the cities) when ``city`` is None."""
    rows = table if city is None else table[table["region_code"] == city]
    totals: dict[str, int | None] = {}
    for column in COUNT_COLUMNS:
        values = rows[column]
        known = values.dropna()
        totals[column] = int(known.sum()) if len(known) else None
    return totals


# ------------------------------------------------------------------------------------------------ per dataset


@dataclass
class CertificationPipeline:
    """Unit rounds and their issues for one data version, computed once; rounds are then cut per request."""

    rounds: pd.DataFrame
    issues: pd.DataFrame
    quotas: pd.DataFrame
    cities: pd.DataFrame  # region_code, name, name_en of the province's cities, in code order
    counties: pd.DataFrame  # region_code, name, name_en, parent_code of their counties
    province: str
    # a scoped pipeline's whole-version pipeline: its city and county tables are aggregates of every unit,
    # cut to the areas this one shows, never counted from the cut rows (engine/scope.py)
    aggregates: CertificationPipeline | None = field(default=None, repr=False)
    _tables: dict[tuple[int, str, str | None], pd.DataFrame] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def round_years(self) -> list[int]:
        return sorted(int(y) for y in self.rounds["round_year"].unique())

    def city_table(self, round_year: int, unit_type: str) -> pd.DataFrame:
        """One row per city of the province."""
        return self._table(int(round_year), unit_type, None)

    def county_table(self, round_year: int, unit_type: str, city: str) -> pd.DataFrame:
        """One row per county-level area of ``city`` (no quotas: they are handed to cities)."""
        return self._table(int(round_year), unit_type, city)

    def _table(self, round_year: int, unit_type: str, city: str | None) -> pd.DataFrame:
        if self.aggregates is not None:
            table = self.aggregates._table(round_year, unit_type, city)
            shown = self.cities if city is None else self.counties
            return table[table["region_code"].isin(shown["region_code"])].reset_index(drop=True)
        key = (round_year, unit_type, city)
        with self._lock:
            hit = self._tables.get(key)
        if hit is None:
            if city is None:
                hit = city_pipeline(self.rounds, self.issues, self.quotas, self.cities, round_year, unit_type)
            else:
                areas = self.counties[self.counties["parent_code"] == city]
                hit = city_pipeline(self.rounds, self.issues, self.quotas, areas, round_year, unit_type, "county")
            with self._lock:
                self._tables[key] = hit
        return hit

    def funnel(self, round_year: int, unit_type: str, city: str | None = None) -> dict[str, int | None]:
        return funnel_totals(self.city_table(round_year, unit_type), city)

    def issue_list(self, round_year: int, unit_type: str, city: str | None = None) -> pd.DataFrame:
        issues = self.issues
        mask = (issues["round_year"] == round_year) & (issues["unit_type"] == unit_type)
        mask &= issues["city_code"].isin(self.cities["region_code"]) if city is None else issues["city_code"] == city
        return issues[mask].reset_index(drop=True)

    def restricted(self, unit_codes: pd.Series, areas: frozenset[str]) -> CertificationPipeline:
        """This pipeline as a scope sees it: the rounds and issues of ``unit_codes``, the counties in ``areas``;
        its tables stay the whole version's aggregates (``aggregates``)."""
        return CertificationPipeline(
            rounds=self.rounds[self.rounds["unit_code"].isin(unit_codes)].reset_index(drop=True),
            issues=self.issues[self.issues["unit_code"].isin(unit_codes)].reset_index(drop=True),
            quotas=self.quotas,
            cities=self.cities,
            counties=self.counties[self.counties["region_code"].isin(areas)].reset_index(drop=True),
            province=self.province,
            aggregates=self,
        )


def build_pipeline(
    certifications: pd.DataFrame,
    units: pd.DataFrame,
    quotas: pd.DataFrame,
    regions: pd.DataFrame,
    province: str,
    as_of: date | None = None,
    cycle: CertificationCycle | None = None,
) -> CertificationPipeline:
    cities = regions[(regions["level"] == "city") & (regions["parent_code"] == province)]
    cities = cities.drop_duplicates("region_code").sort_values("region_code")[["region_code", "name", "name_en"]]
    counties = regions[(regions["level"] == "county") & regions["parent_code"].isin(cities["region_code"])]
    counties = counties.drop_duplicates("region_code").sort_values("region_code")
    rounds = unit_rounds(certifications, units)
    rounds = rounds[rounds["city_code"].isin(cities["region_code"])].reset_index(drop=True)
    return CertificationPipeline(
        rounds=rounds,
        issues=late_and_missing(rounds, as_of, cycle),
        quotas=quotas,
        cities=cities.reset_index(drop=True),
        counties=counties[["region_code", "name", "name_en", "parent_code"]].reset_index(drop=True),
        province=province,
    )


def pipeline_for(an: Analytics) -> CertificationPipeline:
    """The pipeline of ``an``'s data version (built on first use); of a scoped view, the whole version's cut
    to what the scope sees."""
    if isinstance(an, ScopedAnalytics):
        return an.artefact(
            "pipeline", lambda: pipeline_for(an.whole).restricted(an.dataset.units["unit_code"], an.visible)
        )
    d, cycle = an.dataset, an.cfg.certification_cycle
    return an.artefact(
        "pipeline",
        lambda: build_pipeline(d.certifications, d.units, d.quotas, d.regions, an.regions.root, cycle=cycle),
    )


__all__ = [
    "CITY_FLAGS",
    "COUNT_COLUMNS",
    "FUNNEL_STAGES",
    "CertificationPipeline",
    "build_pipeline",
    "city_pipeline",
    "funnel_totals",
    "late_and_missing",
    "pipeline_for",
    "step_deadline",
    "unit_rounds",
]
