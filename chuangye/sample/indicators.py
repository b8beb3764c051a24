"""Synthetic indicator_inputs: the eight raw counts per in-scope unit and year, agreeing with the story plan.

Whether each core indicator passes its threshold in a unit-year is decided first (from the plan); the rate is
then drawn on the right side of the threshold and turned into integer counts, numerator <= denominator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chuangye.data.schema import UNIT_TYPES
from chuangye.sample.thresholds import CORE_INDICATORS, Targets

YEARS: tuple[int, ...] = (2016, 2017, 2018, 2019, 2020)
COUNT_COLUMNS: tuple[str, ...] = (
    "working_age_population",
    "new_entrepreneurs",
    "trainees",
    "trainees_started",
    "entities_prev_year",
    "entities_surviving",
    "jobs_by_entrepreneurship",
    "new_jobs_total",
)


@dataclass(frozen=True)
class Profile:
    """Plausible ratios of one unit type (its working-age population comes from population.py)."""

    trainees_per_entrepreneur: tuple[float, float]
    entities_per_entrepreneur: tuple[float, float]  # entities started last year per new entrepreneur
    jobs_per_entrepreneur: tuple[float, float]  # rises 3 % a year from 2016
    minimum_count: int  # smallest trainee and entity counts (keeps small units' rates meaningful)


# Jobs per entrepreneur: Jiangsu's 2018 totals give 121.28万 / 30.11万 = 4.0 (2015-2018: 407.86万 / 101.57万 = 4.0);
# streets/towns average about 4 in 2018 (3.8 x 1.06), communities/villages a little fewer (smaller businesses).
PROFILES: dict[str, Profile] = {
    "street_town": Profile((0.25, 0.60), (0.50, 0.80), (2.8, 4.8), 20),
    "community_village": Profile((0.40, 1.00), (0.50, 0.80), (2.5, 4.5), 5),
    # A park's entrepreneurs include founders from outside who register firms there, with more employees.
    "park": Profile((0.30, 0.80), (1.2, 2.5), (4.0, 9.0), 20),
}


def type_index(unit_types: np.ndarray | pd.Series) -> np.ndarray:
    """Position of each unit type in UNIT_TYPES (vectorised)."""
    return pd.Categorical(np.asarray(unit_types, dtype=object), categories=UNIT_TYPES).codes.astype(np.intp)


def by_type(type_idx: np.ndarray, values: dict[str, object]) -> np.ndarray:
    """Look a per-type value up for every element of ``type_idx`` (from :func:`type_index`)."""
    table = np.array([values.get(t, values[UNIT_TYPES[0]]) for t in UNIT_TYPES])
    return table[type_idx]


def _bounds(indicator: str, threshold: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(cap, floor): the best and worst plausible rate around a threshold."""
    if indicator == "participation_rate":
        return 2.5 * threshold, 0.3 * threshold
    room = {"success_rate": 0.80, "survival_rate": 0.85, "employment_contribution": 0.75}[indicator]
    floor = {"success_rate": 0.35, "survival_rate": 0.60, "employment_contribution": 0.30}[indicator]
    return threshold + room * (1 - threshold), floor * threshold


# The dashboard shows rates to a tenth of a percentage point. A failing sample value is kept below the threshold
# minus half of that, so it never shows as "0.4% ✘" beside "≥ 0.4%" (a passing one shows >= the threshold anyway,
# as every default threshold has at most one decimal in percent).
DISPLAY_HALF_STEP = 0.0005


def numerators(rate: np.ndarray, den: np.ndarray, threshold: np.ndarray, must_pass: np.ndarray) -> np.ndarray:
    """Integer numerators near rate*den such that num/den >= threshold exactly when must_pass; a failing one is
    also below threshold - DISPLAY_HALF_STEP (it shows below the threshold when rounded for display)."""
    num = np.rint(rate * den).astype(np.int64)
    lowest_pass = np.ceil(threshold * den).astype(np.int64)
    lowest_pass = np.where(lowest_pass / den < threshold, lowest_pass + 1, lowest_pass)
    lowest_pass = np.where((lowest_pass - 1) / den >= threshold, lowest_pass - 1, lowest_pass)
    shown_below = threshold - DISPLAY_HALF_STEP
    highest_fail = np.ceil(shown_below * den).astype(np.int64) - 1
    highest_fail = np.where(highest_fail / den >= shown_below, highest_fail - 1, highest_fail)
    highest_fail = np.minimum(highest_fail, lowest_pass - 1)
    num = np.where(must_pass, np.maximum(num, lowest_pass), np.minimum(num, highest_fail))
    return np.clip(num, 0, den)


def unit_years(units: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and active year of the period, sorted by unit then year."""
    first = units["active_from"].fillna(YEARS[0]).astype(int).clip(lower=YEARS[0]).to_numpy()
    last = units["active_to"].fillna(YEARS[-1]).astype(int).clip(upper=YEARS[-1]).to_numpy()
    n_years = np.maximum(last - first + 1, 0)
    idx = np.repeat(np.arange(len(units)), n_years)
    offset = np.arange(len(idx)) - np.repeat(np.cumsum(n_years) - n_years, n_years)
    return pd.DataFrame({"row": idx, "year": first[idx] + offset})


def generate_indicators(
    units: pd.DataFrame,
    plan: pd.DataFrame,
    population: np.ndarray,
    targets: Targets,
    rng: np.random.Generator,
    missing_share: float = 0.003,
) -> pd.DataFrame:
    """``units`` in scope (unit_code, unit_type, active_from, active_to), ``plan`` aligned with it row by row,
    ``population`` the working-age population of each row of ``unit_years(units)``."""
    uy = unit_years(units)
    row, year = uy["row"].to_numpy(), uy["year"].to_numpy()
    n = len(row)
    unit_type_idx = type_index(units["unit_type"])
    utype = unit_type_idx[row]
    strength = plan["strength"].to_numpy()[row]
    meet_year = plan["meet_year"].to_numpy()[row]
    dip = plan["dip_year"].to_numpy()[row] == year
    weak = plan["weak_indicator"].to_numpy()[row]
    cert_round = plan["cert_round"].to_numpy()[row]
    meets = (year >= meet_year) & ~dip
    years_to_meet = np.clip(np.minimum(meet_year, YEARS[-1] + 1) - year, 0, 4)

    passes = np.ones((n, 4), dtype=bool)
    extra_fail = rng.random((n, 4)) < (0.15 + 0.10 * np.minimum(years_to_meet, 3))[:, None]
    for i in range(4):
        fails = ~meets & ((weak == i) | (extra_fail[:, i] & ~dip))
        passes[:, i] = ~fails

    counts = {"working_age_population": np.asarray(population, dtype=np.int64)}
    profile = {
        name: by_type(utype, {t: getattr(p, name) for t, p in PROFILES.items()})
        for name in ("trainees_per_entrepreneur", "entities_per_entrepreneur", "jobs_per_entrepreneur", "minimum_count")
    }
    same_unit_as_previous = np.r_[False, row[1:] == row[:-1]]
    rates = {}
    for i, indicator in enumerate(CORE_INDICATORS):
        threshold = by_type(utype, {t: targets.thresholds[t][indicator] for t in targets.thresholds})
        rates[indicator] = (
            _rate(indicator, threshold, passes[:, i], strength, year, years_to_meet, dip, rng),
            threshold,
            passes[:, i],
        )

    def fill(indicator: str, den: np.ndarray) -> np.ndarray:
        rate, threshold, must_pass = rates[indicator]
        return numerators(rate, den, threshold, must_pass)

    def scaled(base: np.ndarray, ratio: str, trend: float) -> np.ndarray:
        lo, hi = profile[ratio].T
        return base * rng.uniform(lo, hi) * (1 + trend * (year - YEARS[0]))

    minimum = profile["minimum_count"]
    counts["new_entrepreneurs"] = fill("participation_rate", counts["working_age_population"])
    trainees = scaled(counts["new_entrepreneurs"], "trainees_per_entrepreneur", 0.05)  # training expands
    counts["trainees"] = np.maximum(minimum, np.rint(trainees)).astype(np.int64)
    counts["trainees_started"] = fill("success_rate", counts["trainees"])
    previous = np.where(
        same_unit_as_previous, np.r_[0, counts["new_entrepreneurs"][:-1]], np.rint(counts["new_entrepreneurs"] * 0.95)
    )
    entities = scaled(previous, "entities_per_entrepreneur", 0.0)
    counts["entities_prev_year"] = np.maximum(minimum, np.rint(entities)).astype(np.int64)
    counts["entities_surviving"] = fill("survival_rate", counts["entities_prev_year"])
    jobs = scaled(counts["new_entrepreneurs"], "jobs_per_entrepreneur", 0.03)
    employment_rate = rates["employment_contribution"][0]
    counts["new_jobs_total"] = np.maximum(np.rint(jobs / employment_rate), 5).astype(np.int64)
    counts["jobs_by_entrepreneurship"] = fill("employment_contribution", counts["new_jobs_total"])

    out = pd.DataFrame({"unit_code": units["unit_code"].to_numpy()[row], "year": year})
    for col in COUNT_COLUMNS:
        out[col] = pd.array(counts[col], dtype="Int64")
    missing = _left_out(~meets & (cert_round == 0) & (year <= 2018), missing_share, rng)
    return out[~missing].reset_index(drop=True)


def _rate(
    indicator: str,
    threshold: np.ndarray,
    must_pass: np.ndarray,
    strength: np.ndarray,
    year: np.ndarray,
    years_to_meet: np.ndarray,
    dip: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(threshold)
    cap, floor = _bounds(indicator, threshold)
    ahead = np.clip(
        0.12 + 0.12 * strength + 0.07 * (year - YEARS[0]) - 0.10 * years_to_meet + rng.normal(0, 0.12, n), 0.03, 0.95
    )
    behind = np.clip(0.06 + 0.12 * years_to_meet - 0.06 * strength + np.abs(rng.normal(0, 0.10, n)), 0.03, 0.90)
    behind = np.where(dip, np.minimum(behind, 0.10), behind)
    return np.where(must_pass, threshold + ahead * (cap - threshold), threshold - behind * (threshold - floor))


def _left_out(eligible: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Unit-years whose return never came in: their rows are left out, so the dashboard shows "no data".

    (Blank cells would be errors: the schema requires every count of a row that is present.)
    """
    return eligible & (rng.random(len(eligible)) < share)
