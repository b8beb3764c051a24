"""Certification dates against their round's yearly cycle (``[certification_cycle]`` in the configuration).

Round Y (the year its results are published) runs, per the notice (苏人社发〔2016〕249号, 认定程序), from the
quotas handed out in Y-1 to the provincial decision by the end of May of Y. Every step's date must lie in the
round's window (``opens`` to ``closes``): a date outside it belongs to no step of that round, most often a wrong
year or a number read as a date (the Excel serial 12345 is 18 October 1933). That is an error. A date inside the
window but more than ``late_warning_days`` after its step's deadline is a warning: late steps happen (the
dashboard flags them), but that late usually means the round year or the date is wrong.

The configuration object is duck-typed (``chuangye.config`` sits above this layer): ``window(round_year)`` gives
(opens, closes), ``deadline(step, round_year)`` a date or None, ``late_warning_days`` a number.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chuangye.data.checks.base import Collector, has
from chuangye.data.schema import TABLES
from chuangye.data.tables import LoadedTable

CERT_DATE_COLUMNS: tuple[str, ...] = ("declared_date", "county_evaluated_date", "city_reviewed_date", "decided_date")


def check_cycle(c: LoadedTable, cfg: Any, out: Collector) -> dict[str, pd.Series]:
    """Report dates outside their round's window (errors) and long after their step's deadline (warnings);
    returns, per date column, the rows whose date is outside the window (other date checks leave them out)."""
    cycle = getattr(cfg, "certification_cycle", None)
    present = [col for col in CERT_DATE_COLUMNS if has(c, col)]
    if cycle is None or not present or not has(c, "round_year"):
        return {}
    f = c.frame
    spec = TABLES["certifications"]
    rounds = _valid_rounds(f["round_year"])
    windows = {year: cycle.window(year) for year in rounds.dropna().unique()}
    opens = _days(rounds, {y: w[0] for y, w in windows.items()})
    closes = _days(rounds, {y: w[1] for y, w in windows.items()})
    outside_by_column: dict[str, pd.Series] = {}
    for col in present:
        dates = f[col]
        outside = (dates.notna() & rounds.notna() & ((dates < opens) | (dates > closes))).fillna(False).astype(bool)
        outside_by_column[col] = outside
        out.add_mask(
            "date_outside_cycle",
            c,
            col,
            outside,
            column_zh=spec.column(col).zh,
            row_params={
                "date": dates[outside].tolist(),
                "round_year": rounds[outside].tolist(),
                "opens": opens[outside].tolist(),
                "closes": closes[outside].tolist(),
            },
        )
        _check_late(c, col, rounds, outside, cycle, out)
    return outside_by_column


def _check_late(c: LoadedTable, col: str, rounds: pd.Series, outside: pd.Series, cycle: Any, out: Collector) -> None:
    step = col.removesuffix("_date")
    deadlines = {year: cycle.deadline(step, year) for year in rounds.dropna().unique()}
    if not any(d is not None for d in deadlines.values()):
        return
    deadline = _days(rounds, deadlines)
    dates = c.frame[col]
    days_late = (dates - deadline).dt.days
    limit = int(cycle.late_warning_days)
    late = (days_late > limit).fillna(False).astype(bool) & ~outside
    out.add_mask(
        "date_far_after_deadline",
        c,
        col,
        late,
        column_zh=TABLES["certifications"].column(col).zh,
        limit=limit,
        row_params={
            "date": dates[late].tolist(),
            "round_year": rounds[late].tolist(),
            "deadline": deadline[late].tolist(),
            "days": days_late[late].astype("Int64").tolist(),
        },
    )


def _valid_rounds(years: pd.Series) -> pd.Series:
    """Round years within the schema's range (others are reported as out of range, not checked again)."""
    spec = TABLES["certifications"].column("round_year")
    valid = years.between(spec.min_value, spec.max_value).fillna(False).astype(bool)
    return years.where(valid).astype("Int64")


def _days(rounds: pd.Series, by_year: dict[Any, Any]) -> pd.Series:
    """Each row's day from ``by_year`` (round year -> date or None), as timestamps comparable with the dates."""
    stamps = {year: pd.Timestamp(day) for year, day in by_year.items() if day is not None}
    return rounds.map(stamps).astype("datetime64[us]")
