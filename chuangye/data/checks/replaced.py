"""Which row probably held a code that other rows still name but its own table lacks.

When one code in ``regions.csv`` or ``units.csv`` is changed (a county ``320102`` typed as ``320199``), every
row naming the old code fails (70 units "not in the regions table"), and nothing names the changed row itself.
The changed row leaves a trace: nothing names *its* code, while it sits exactly where the missing code belongs
(same level and parent city for a region; same county, and township for a village, for a unit). When exactly
one such row fits one missing code, it is the root cause: ``chuangye.data.checks.folding`` reports it on that
row and folds the rows naming the missing code under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from chuangye.data.checks.base import Key, has, isin
from chuangye.data.checks.codes import COUNTY_PREFIX_DIGITS, TOWNSHIP_CODE_DIGITS, VILLAGE_CODE_DIGITS
from chuangye.data.tables import LoadedTable

# What a row must share with the missing code's expectations: a region its level and parent (a city's parent is
# the province its code begins with), a unit its county and, for a village, its township ("" for a township).
_REGION_MATCH = ("level", "parent")
_UNIT_MATCH = ("county", "township")
PROVINCE_DIGITS = 2


@dataclass(frozen=True)
class Replacement:
    """``key``'s code is named elsewhere but missing from its table; the row ``row`` of ``file``, whose code
    ``value`` (in ``column``) nothing names, is where it belongs."""

    key: Key
    file: str
    row: int
    column: str
    value: str


def replaced_codes(loaded: Mapping[str, LoadedTable], rows_with_errors: set[tuple[str, int]]) -> list[Replacement]:
    """Every missing region or unit code with exactly one row that probably held it (``rows_with_errors``:
    the (file, row) that have a problem of their own, preferred when several rows fit)."""
    found: list[Replacement] = []
    r, u = loaded.get("regions"), loaded.get("units")
    if has(r, "region_code", "level", "parent_code") and has(u, "county_code", "city_code"):
        found += _regions(r, u, loaded.get("quotas"), rows_with_errors)  # type: ignore[arg-type]
    figures = loaded.get("indicator_inputs")
    if has(u, "unit_code", "county_code") and has(figures, "unit_code") and len(figures.frame):  # type: ignore[union-attr]
        found += _units(u, figures, loaded.get("certifications"), rows_with_errors)  # type: ignore[arg-type]
    return found


def _regions(
    r: LoadedTable, u: LoadedTable, q: LoadedTable | None, rows_with_errors: set[tuple[str, int]]
) -> list[Replacement]:
    regions, units = r.frame, u.frame
    counties = regions[regions["level"] == "county"]
    cities = [units["city_code"], counties["parent_code"]]
    if has(q, "city_code"):
        cities.append(q.frame["city_code"])  # type: ignore[union-attr]
    city_codes = pd.concat(cities, ignore_index=True).dropna().astype("str")
    refs_frame = pd.concat(
        [
            pd.DataFrame({"code": units["county_code"], "level": "county", "parent": units["city_code"]}),
            pd.DataFrame({"code": city_codes, "level": "city", "parent": city_codes.str[:PROVINCE_DIGITS] + "0000"}),
        ],
        ignore_index=True,
    )
    refs_frame = refs_frame.dropna().astype("str")
    orphans = regions[regions["level"].isin(["city", "county"]) & regions["region_code"].notna()]
    orphans = orphans[~isin(orphans["region_code"], refs_frame["code"])]
    candidates = pd.DataFrame(
        {"row": orphans.index, "value": orphans["region_code"].to_numpy(), "level": orphans["level"].to_numpy()}
    )
    candidates["parent"] = orphans["parent_code"].fillna("").astype("str").to_numpy()
    missing = refs_frame[~isin(refs_frame["code"], regions["region_code"])]
    return _pair("region", missing, candidates, _REGION_MATCH, r.source, "region_code", rows_with_errors)


def _units(
    u: LoadedTable, figures: LoadedTable, c: LoadedTable | None, rows_with_errors: set[tuple[str, int]]
) -> list[Replacement]:
    units = u.frame
    named = [figures.frame["unit_code"]]
    if has(c, "unit_code"):
        named.append(c.frame["unit_code"])  # type: ignore[union-attr]
    codes = pd.concat(named, ignore_index=True).dropna().astype("str")
    well_formed = codes.str.fullmatch(rf"\d{{{TOWNSHIP_CODE_DIGITS}}}|\d{{{VILLAGE_CODE_DIGITS}}}").fillna(False)
    codes = codes[well_formed.astype(bool)]
    village = codes.str.len() == VILLAGE_CODE_DIGITS
    refs = [
        pd.DataFrame(
            {
                "code": codes,
                "county": codes.str[:COUNTY_PREFIX_DIGITS],
                "township": codes.str[:TOWNSHIP_CODE_DIGITS].where(village, ""),
            }
        )
    ]
    if has(u, "township_code"):
        under = units[units["township_code"].notna()]
        refs.append(pd.DataFrame({"code": under["township_code"], "county": under["county_code"], "township": ""}))
    refs_frame = pd.concat(refs, ignore_index=True).dropna(subset=["code", "county"]).astype("str")
    orphans = units[units["unit_code"].notna() & units["county_code"].notna()]
    if has(u, "in_scope"):  # only units in scope have figures; one without any stands out
        orphans = orphans[orphans["in_scope"].fillna(False).astype(bool)]
    orphans = orphans[~isin(orphans["unit_code"], refs_frame["code"])]
    township = orphans["township_code"] if "township_code" in orphans.columns else pd.Series("", index=orphans.index)
    candidates = pd.DataFrame(
        {
            "row": orphans.index,
            "value": orphans["unit_code"].to_numpy(),
            "county": orphans["county_code"].to_numpy(),
            "township": township.fillna("").astype("str").to_numpy(),
        }
    )
    missing = refs_frame[~isin(refs_frame["code"], units["unit_code"])]
    return _pair("unit", missing, candidates, _UNIT_MATCH, u.source, "unit_code", rows_with_errors)


def _pair(
    namespace: str,
    missing: pd.DataFrame,
    candidates: pd.DataFrame,
    match: tuple[str, ...],
    file: str,
    column: str,
    rows_with_errors: set[tuple[str, int]],
) -> list[Replacement]:
    """Pair each missing code with the one candidate row that fits it (the same values in ``match``). Only a
    missing code alone in its group is paired, so the work stays linear however broken the tables are."""
    if missing.empty or candidates.empty:
        return []
    expected = missing.groupby("code", sort=False).first().reset_index()
    alone = expected.groupby(list(match), sort=False)["code"].transform("size") == 1
    pairs = expected[alone].merge(candidates, on=list(match))
    if pairs.empty:
        return []
    pairs = pairs.assign(own_error=[(file, int(row)) in rows_with_errors for row in pairs["row"]])
    size = pairs.groupby("code")["row"].transform("size")
    errors = pairs.groupby("code")["own_error"].transform("sum")
    chosen = pairs[(size == 1) | ((errors == 1) & pairs["own_error"])]
    return [
        Replacement((namespace, str(p.code)), file, int(p.row), column, str(p.value))
        for p in chosen.itertuples(index=False)
    ]
