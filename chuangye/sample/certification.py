"""Synthetic certifications: one row per unit and round it entered, dated along the yearly cycle.

Round Y: self-declaration in the second half of Y-1, county evaluation and city review (submission to the
province) by the end of December Y-1, provincial decision by the end of May Y. The units the plan certifies
in round Y reach ``certified``; other units of the same city and type also declare and stop at some step or
are rejected (they may succeed in a later round). No row follows a unit's certification. A few submissions
and decisions come after their deadline so the dashboard has something to flag.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chuangye.sample.story import NEVER, ROUNDS

DATE_COLUMNS = ("declared_date", "county_evaluated_date", "city_reviewed_date", "decided_date")
OTHER_STAGES = ("rejected", "county_evaluated", "declared")
OTHER_STAGE_P = (0.50, 0.25, 0.25)
LATE_SUBMISSION_SHARE = 0.008
LATE_DECISION_SHARE = 0.005


def _day(year: int, month: int, day: int) -> np.datetime64:
    return np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D")


def generate_certifications(
    units: pd.DataFrame, plan: pd.DataFrame, offsets: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """``units`` in scope, ``plan`` aligned row by row, ``offsets`` the unit's city offset (cities behind
    the province declare more units that do not make it)."""
    active_from = units["active_from"].fillna(0).astype(int).to_numpy()
    active_to = units["active_to"].fillna(NEVER).astype(int).to_numpy()
    cert_round = plan["cert_round"].to_numpy()
    group = units["city_code"].astype(str).to_numpy() + "|" + units["unit_type"].astype(str).to_numpy()
    frames = []
    for year in ROUNDS:
        eligible = (active_from <= year - 1) & (active_to >= year) & ((cert_round == 0) | (cert_round >= year))
        now = cert_round == year
        others = _other_declarers(eligible & ~now, now, group, plan, offsets, year, rng)
        idx = np.r_[np.flatnonzero(now), others]
        stage = np.r_[
            np.full(int(now.sum()), "certified", dtype=object),
            rng.choice(OTHER_STAGES, size=len(others), p=OTHER_STAGE_P).astype(object),
        ]
        frames.append(_dated(units["unit_code"].to_numpy()[idx], year, stage, rng))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["unit_code", "round_year"], kind="stable").reset_index(drop=True)


def _other_declarers(
    candidates: np.ndarray,
    now: np.ndarray,
    group: np.ndarray,
    plan: pd.DataFrame,
    offsets: np.ndarray,
    year: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Indices of units that declare in ``year`` without being certified: the most promising candidates."""
    ratio = 0.30 + 3.0 * np.maximum(-offsets, 0)
    frame = pd.DataFrame({"group": group, "now": now, "ratio": ratio})
    per_group = frame.groupby("group", sort=True).agg(certified=("now", "sum"), ratio=("ratio", "first"))
    wanted = np.rint(per_group["certified"] * per_group["ratio"]).astype(int) + rng.integers(0, 2, len(per_group))
    score = plan["strength"].to_numpy() + 1.5 * (plan["meet_year"].to_numpy() <= year) + rng.normal(0, 0.7, len(plan))
    cand = pd.DataFrame({"idx": np.flatnonzero(candidates), "group": group[candidates], "score": score[candidates]})
    cand["rank"] = cand.groupby("group")["score"].rank(ascending=False, method="first")
    cand = cand[cand["rank"] <= cand["group"].map(wanted).fillna(0)]
    return cand["idx"].to_numpy()


def _dated(codes: np.ndarray, year: int, stage: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n = len(codes)
    prev = year - 1
    if year == ROUNDS[0]:  # the programme's notice came out in September 2016: declarations from October
        declared = _day(prev, 10, 1) + rng.integers(0, 46, n)
    else:
        declared = _day(prev, 7, 1) + rng.integers(0, 123, n)
    county = np.minimum(declared + rng.integers(14, 51, n), _day(prev, 12, 10))
    city = np.minimum(county + rng.integers(5, 26, n), _day(prev, 12, 31))
    decided = _day(year, 3, 1) + rng.integers(0, 92, n)
    reached_city = np.isin(stage, ("certified", "rejected"))
    late_city = reached_city & (rng.random(n) < LATE_SUBMISSION_SHARE)
    city = np.where(late_city, _day(year, 1, 2) + rng.integers(0, 24, n), city)
    # Some late submissions of units that were not certified were never decided.
    stage = np.where(late_city & (stage == "rejected") & (rng.random(n) < 0.4), "city_reviewed", stage)
    decided = np.where(rng.random(n) < LATE_DECISION_SHARE, _day(year, 6, 1) + rng.integers(0, 20, n), decided)
    depth = (
        pd.Series(stage)
        .map({"declared": 1, "county_evaluated": 2, "city_reviewed": 3, "certified": 4, "rejected": 4})
        .to_numpy()
    )
    out = pd.DataFrame({"unit_code": codes, "round_year": year, "stage": stage})
    for level, (col, dates) in enumerate(zip(DATE_COLUMNS, (declared, county, city, decided), strict=True), 1):
        text = pd.Series(np.datetime_as_string(dates, unit="D"), dtype="string")
        out[col] = text.where(depth >= level, pd.NA)
    return out
