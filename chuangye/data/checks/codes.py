"""Codes against their own structure: a division code says its level and begins with its parent's code.

National Bureau of Statistics division codes (GB/T 2260 for the first six digits): a province is ``PP0000``, a
city ``PPCC00``, a county-level area ``PPCCXX`` (not ending in 00); a township-level code is its county's six
digits plus three, a village-level code its township's nine digits plus three. A unit's type fixes its code's
length: streets/towns are township-level (9), communities/villages village-level (12), and a park carries the
code of the division it is registered as (9 digits, or the 6 of a county-level statistical development zone).
These rules are the code system itself, not settings; ``docs/data-format.md`` lists them.
"""

from __future__ import annotations

import pandas as pd

from chuangye.data.checks.base import Collector, has, isin
from chuangye.data.tables import LoadedTable
from chuangye.strings.problems import REGION_CODE_SHAPES, REGION_LEVEL_NAMES, UNIT_TYPE_NAMES

REGION_CODE_DIGITS = 6
# How a well-formed 6-digit region code of each level looks.
REGION_CODE_PATTERNS: dict[str, str] = {
    "province": r"\d{2}0000",
    "city": r"\d{2}(?!00)\d{2}00",
    "county": r"\d{4}(?!00)\d{2}",
}
# How many leading digits a region shares with its parent.
PARENT_PREFIX_DIGITS: dict[str, int] = {"city": 2, "county": 4}
COUNTY_PREFIX_DIGITS = 6  # a unit's code begins with its county's code
TOWNSHIP_CODE_DIGITS = 9  # ... and a village-level code with its township's
VILLAGE_CODE_DIGITS = 12
# The code lengths each unit type has.
UNIT_CODE_LENGTHS: dict[str, tuple[int, ...]] = {"street_town": (9,), "community_village": (12,), "park": (6, 9)}
PARENT_LEVEL: dict[str, str] = {"city": "province", "county": "city"}


def _digits(codes: pd.Series, lengths: tuple[int, ...]) -> pd.Series:
    """Codes made of digits only, of one of ``lengths``."""
    ok = codes.str.fullmatch(r"\d+").fillna(False).astype(bool) & codes.str.len().isin(lengths)
    return ok.fillna(False).astype(bool)


def region_code_checks(r: LoadedTable, out: Collector) -> pd.Series:
    """A region's code against its level and its parent's code; returns the rows found at fault."""
    f = r.frame
    faulty = pd.Series(False, index=f.index)
    if not has(r, "region_code", "level"):
        return faulty
    code = f["region_code"]
    well_formed = _digits(code, (REGION_CODE_DIGITS,))
    for level, pattern in REGION_CODE_PATTERNS.items():
        wrong = (f["level"] == level).fillna(False) & well_formed & ~code.str.fullmatch(pattern).fillna(False)
        wrong = wrong.astype(bool)
        shape_zh, shape_en = REGION_CODE_SHAPES[level]
        out.add_mask(
            "region_code_level",
            r,
            "region_code",
            wrong,
            explains=("region", "region_code"),
            level=REGION_LEVEL_NAMES[level][1],
            level_zh=REGION_LEVEL_NAMES[level][0],
            shape_zh=shape_zh,
            shape_en=shape_en,
        )
        faulty |= wrong
    if not has(r, "parent_code"):
        return faulty
    parent = f["parent_code"]
    known_parent = isin(parent, code.dropna()) & _digits(parent, (REGION_CODE_DIGITS,))
    for level, digits in PARENT_PREFIX_DIGITS.items():
        moved = (f["level"] == level).fillna(False) & well_formed & ~faulty & known_parent
        moved &= code.str[:digits] != parent.str[:digits]
        moved = moved.fillna(False).astype(bool)
        out.add_mask(
            "region_code_prefix",
            r,
            "parent_code",
            moved,
            explains=("region", "region_code"),
            digits=digits,
            level=REGION_LEVEL_NAMES[level][1],
            level_zh=REGION_LEVEL_NAMES[level][0],
            parent_level=REGION_LEVEL_NAMES[PARENT_LEVEL[level]][1],
            parent_level_zh=REGION_LEVEL_NAMES[PARENT_LEVEL[level]][0],
            row_params={"code": code[moved].tolist()},
        )
        faulty |= moved
    return faulty


def unit_code_checks(u: LoadedTable, counties: pd.Index | None, out: Collector) -> pd.Series:
    """A unit's code against its type, its county and its township; returns the rows whose code does not fit
    their county or township (the township cross-check leaves them out: they are reported here)."""
    f = u.frame
    misfiled = pd.Series(False, index=f.index)
    if not has(u, "unit_code"):
        return misfiled
    code = f["unit_code"]
    well_formed = _digits(code, tuple(sorted({n for lengths in UNIT_CODE_LENGTHS.values() for n in lengths})))
    if has(u, "unit_type"):
        _type_lengths(u, well_formed, out)
    if has(u, "county_code"):
        county = f["county_code"]
        known = _digits(county, (COUNTY_PREFIX_DIGITS,))
        if counties is not None:
            known &= isin(county, counties)
        wrong = well_formed & known & (code.str[:COUNTY_PREFIX_DIGITS] != county)
        misfiled |= _misfiled(u, "code_not_in_county", "county_code", wrong, COUNTY_PREFIX_DIGITS, out)
    if has(u, "township_code"):
        township = f["township_code"]
        village = well_formed & (code.str.len() == VILLAGE_CODE_DIGITS) & _digits(township, (TOWNSHIP_CODE_DIGITS,))
        # a township of another county is reported by the township cross-check ("not in this unit's county")
        same_county = township.str[:COUNTY_PREFIX_DIGITS] == code.str[:COUNTY_PREFIX_DIGITS]
        wrong = village & ~misfiled & same_county & (code.str[:TOWNSHIP_CODE_DIGITS] != township)
        misfiled |= _misfiled(u, "code_not_in_township", "township_code", wrong, TOWNSHIP_CODE_DIGITS, out)
    return misfiled


def _misfiled(u: LoadedTable, check: str, column: str, wrong: pd.Series, digits: int, out: Collector) -> pd.Series:
    """Report the rows whose unit code does not begin with their ``column``'s code; those rows."""
    wrong = wrong.fillna(False).astype(bool)
    code = u.frame["unit_code"]
    prefix = code[wrong].str[:digits]
    row_params = {"code": code[wrong].tolist(), "prefix": prefix.tolist()}
    out.add_mask(check, u, column, wrong, explains=("unit", "unit_code"), row_params=row_params)
    return wrong


def _type_lengths(u: LoadedTable, well_formed: pd.Series, out: Collector) -> None:
    f = u.frame
    code = f["unit_code"]
    for unit_type, lengths in UNIT_CODE_LENGTHS.items():
        wrong = (f["unit_type"] == unit_type).fillna(False) & well_formed & ~code.str.len().isin(lengths)
        wrong = wrong.fillna(False).astype(bool)
        type_zh, type_en = UNIT_TYPE_NAMES[unit_type]
        out.add_mask(
            "code_length_for_type",
            u,
            "unit_type",
            wrong,
            explains=("unit", "unit_code"),
            type_zh=type_zh,
            type_en=type_en,
            lengths="/".join(map(str, lengths)),
            row_params={"code": code[wrong].tolist(), "length": code[wrong].str.len().tolist()},
        )
