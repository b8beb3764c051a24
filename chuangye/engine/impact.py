"""What an import would do to the coverage: the same coverage rows of two versions side by side (issue 10).

``coverage_changes(before, after)`` takes the ``Analytics`` of the active version and of the version an import
would store (``Analytics(ImportPreview.dataset, cfg)``) and returns, per region × unit type × year, the coverage,
the count behind it and the units in scope of both, for the rows where anything differs (``every_row=True``:
all of them). Codes and numbers only; the page or the API puts them in words ("徐州市 社区(村) 2019:
43.2 % → 43.3 %"). Every number comes from ``Analytics.coverage``, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from chuangye.data.dataset import Dataset
from chuangye.engine.manager import BASES, Analytics

KEY = ["region_code", "level", "unit_type", "year"]
# the count behind each basis' coverage (in the columns before_certified / after_certified)
COUNT_OF_BASIS = {"certified": "certified_cumulative", "meets": "meets_standard"}
COLUMNS = [
    "region_code",
    "level",
    "unit_type",
    "year",
    "before_coverage",
    "after_coverage",
    "before_certified",
    "after_certified",
    "before_total",
    "after_total",
]


def _side(an: Analytics, basis: str, levels: list[str], years: set[int] | None, prefix: str) -> pd.DataFrame:
    rows = pd.concat([an.coverage(basis=basis, level=level) for level in levels], ignore_index=True)
    if years is not None:
        rows = rows[rows["year"].isin(years)]
    out = rows[KEY].astype({"region_code": object, "level": object, "unit_type": object})
    out = out.assign(year=rows["year"].astype("int64"))
    out[f"{prefix}_coverage"] = rows["coverage"].astype("float64")
    out[f"{prefix}_certified"] = rows[COUNT_OF_BASIS[basis]].astype("Int64")
    out[f"{prefix}_total"] = rows["units_in_scope"].astype("Int64")
    return out


def _differs(frame: pd.DataFrame) -> pd.Series:
    before, after = frame["before_coverage"].to_numpy(), frame["after_coverage"].to_numpy()
    coverage = ~((before == after) | (np.isnan(before) & np.isnan(after)))
    counts = pd.Series(False, index=frame.index)
    for what in ("certified", "total"):
        a, b = frame[f"before_{what}"], frame[f"after_{what}"]
        counts |= (a.isna() != b.isna()) | (a != b).fillna(False).astype(bool)
    return pd.Series(coverage, index=frame.index) | counts


def coverage_changes(
    before: Analytics,
    after: Analytics,
    *,
    years: Iterable[int] | None = None,
    basis: str = "certified",
    level: str | Iterable[str] = "city",
    every_row: bool = False,
) -> pd.DataFrame:
    """One row per region × unit type × year (of ``level``, one level or several; of ``years``, or every year
    either version has) where the coverage, its count (certified units, or for ``basis="meets"`` units meeting
    the standard) or the units in scope differ between ``before`` and ``after``; ``every_row``: all rows.
    A row only one version has is NaN/NA on the other side. Sorted by region code, unit type, year."""
    if basis not in COUNT_OF_BASIS:
        raise KeyError(basis)
    levels = [level] if isinstance(level, str) else list(level)
    wanted = None if years is None else {int(y) for y in years}
    merged = _side(before, basis, levels, wanted, "before").merge(
        _side(after, basis, levels, wanted, "after"), on=KEY, how="outer"
    )
    if not every_row:
        merged = merged[_differs(merged)]
    return merged.sort_values(["region_code", "unit_type", "year"]).reset_index(drop=True)[COLUMNS]


IMPORT_IMPACT_LEVELS = ("province", "city")


def import_impact(
    before: Analytics, after: Analytics, *, years: Iterable[int] | None = None, lang: str = "zh"
) -> pd.DataFrame:
    """What an import does to the coverage as every way in shows it (the Data page's preview, the Submissions
    page's, the API's ``impact``): the rows of the province and each city that change, on each basis (``basis``:
    certifications move the certified coverage, indicator figures the coverage of units meeting the standard),
    for ``years`` (None: every year), with the region's name in ``lang`` (``region_name``, from the version after
    the import, else before)."""
    years = None if years is None else list(years)
    frames = [
        coverage_changes(before, after, years=years, level=IMPORT_IMPACT_LEVELS, basis=basis).assign(basis=basis)
        for basis in BASES
    ]
    rows = pd.concat(frames, ignore_index=True)
    names = {}
    for code in rows["region_code"].unique():
        known = after if code in after.regions.names["zh"] else before
        names[code] = known.region_name(code, lang)
    return rows.assign(region_name=rows["region_code"].map(names).astype(object))


YEAR_COLUMNS = {"indicator_inputs": "year", "quotas": "year", "certifications": "round_year"}
CUMULATIVE_TABLES = frozenset({"certifications"})  # a unit certified in a year counts in every later year


def touched_years(dataset: Dataset, tables: Iterable[str], known_years: Iterable[int]) -> frozenset[int] | None:
    """The years whose coverage the rows of ``tables`` (those an import's files bring, as ``dataset`` holds
    them) may change: the years they are for, and for certifications every later year of ``known_years`` too;
    None when a table has no year (the units or the regions: any year may change)."""
    years: set[int] = set()
    for name in tables:
        column = YEAR_COLUMNS.get(name)
        if column is None:
            return None
        found = {int(y) for y in dataset.table(name)[column].dropna().unique()}
        if name in CUMULATIVE_TABLES and found:
            found |= {int(y) for y in known_years if int(y) >= min(found)}
        years |= found
    return frozenset(years)


__all__ = [
    "COLUMNS",
    "CUMULATIVE_TABLES",
    "IMPORT_IMPACT_LEVELS",
    "YEAR_COLUMNS",
    "coverage_changes",
    "import_impact",
    "touched_years",
]
