"""The rows a template is pre-filled with for one region and year, taken from the ``Analytics`` the user may see
(a scoped view holds nothing of another area, so nothing of it can be pre-filled).

- ``regions``: the region and every region below it, as the active version has them;
- ``units``: every unit of the region (the register has no year: units abolished earlier keep their row and
  their last year), as the active version has them, to correct or extend;
- ``quotas``: each city at or below the region, per unit type, for the year, the numbers left blank;
- ``indicator_inputs``: each unit counted towards coverage (in scope, of a unit type) that exists in the year,
  with the year, the figures left blank;
- ``certifications``: the same units, less those certified in an earlier round, with the round year, the step
  and dates left blank.

Codes stay strings; the reference columns (``ref:unit_name`` ...) hold names in the template's language.
"""

from __future__ import annotations

import pandas as pd

from chuangye.data.schema import TABLES
from chuangye.engine.manager import Analytics
from chuangye.engine.regions import RegionTree
from chuangye.strings.i18n import t


def counties_under(tree: RegionTree, region: str) -> frozenset[str]:
    """The county-level areas whose units a region's template lists."""
    level = tree.level_of(region)
    if level == "province":
        return frozenset(tree.codes("county"))
    if level == "city":
        return frozenset(tree.children(region))
    return frozenset({region}) if level == "county" else frozenset()


def prefilled_rows(an: Analytics, table: str, region: str, year: int, lang: str) -> pd.DataFrame:
    """``table``'s pre-filled rows for ``region`` and ``year``: the schema's columns and the reference columns."""
    build = {
        "regions": _regions,
        "units": _units,
        "quotas": _quotas,
        "indicator_inputs": _indicator_inputs,
        "certifications": _certifications,
    }[table]
    return build(an, region, year, lang)


def _regions(an: Analytics, region: str, year: int, lang: str) -> pd.DataFrame:
    tree = an.regions
    regions = an.dataset.regions
    below = [region in tree.path(code) for code in regions["region_code"]]
    return regions[pd.Series(below, index=regions.index, dtype=bool)].sort_values("region_code")


def _units_of(an: Analytics, region: str) -> pd.DataFrame:
    units = an.dataset.units
    return units[units["county_code"].isin(counties_under(an.regions, region))]


def _units(an: Analytics, region: str, year: int, lang: str) -> pd.DataFrame:
    return _units_of(an, region).sort_values("unit_code")


def _counted_in(an: Analytics, region: str, year: int) -> pd.DataFrame:
    """The region's units that count towards coverage in ``year``."""
    units = _units_of(an, region)
    counted = units["in_scope"].fillna(False).astype(bool) & units["unit_type"].isin(an.cfg.unit_types)
    started = units["active_from"].isna() | (units["active_from"] <= year)
    not_ended = units["active_to"].isna() | (units["active_to"] >= year)
    return units[(counted & started & not_ended).fillna(False).astype(bool)].sort_values("unit_code")


def _unit_names(units: pd.DataFrame, lang: str) -> pd.Series:
    """Unit code -> its name in ``lang`` (the Chinese name when it has no English one)."""
    names = units["name"]
    if lang == "en":
        names = units["name_en"].where(units["name_en"].fillna("") != "", units["name"])
    return pd.Series(names.to_numpy(), index=units["unit_code"].to_numpy())


def _with_unit_references(an: Analytics, frame: pd.DataFrame, units: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = _unit_names(an.dataset.units, lang)  # the townships' names too
    by_code = units.set_index("unit_code")
    codes = frame["unit_code"]
    return frame.assign(
        **{
            "ref:unit_name": codes.map(names),
            "ref:unit_type": codes.map(by_code["unit_type"]).map(lambda code: t(f"type_{code}", lang)),
            "ref:county": codes.map(by_code["county_code"]).map(lambda code: an.region_name(code, lang)),
            "ref:township": codes.map(by_code["township_code"]).map(names),
        }
    )


def _empty(table: str, length: int) -> pd.DataFrame:
    return pd.DataFrame({col.name: [None] * length for col in TABLES[table].columns}, dtype=object)


def _indicator_inputs(an: Analytics, region: str, year: int, lang: str) -> pd.DataFrame:
    units = _counted_in(an, region, year)
    frame = _empty("indicator_inputs", len(units)).assign(unit_code=units["unit_code"].to_numpy(), year=year)
    return _with_unit_references(an, frame, units, lang)


def _certifications(an: Analytics, region: str, year: int, lang: str) -> pd.DataFrame:
    units = _counted_in(an, region, year)
    certs = an.dataset.certifications
    earlier = certs[(certs["stage"] == "certified") & (certs["round_year"] < year)]
    units = units[~units["unit_code"].isin(earlier["unit_code"])]
    frame = _empty("certifications", len(units)).assign(unit_code=units["unit_code"].to_numpy(), round_year=year)
    return _with_unit_references(an, frame, units, lang)


def _quotas(an: Analytics, region: str, year: int, lang: str) -> pd.DataFrame:
    tree = an.regions
    level = tree.level_of(region)
    cities = tree.codes("city") if level == "province" else ((region,) if level == "city" else ())
    rows = [(city, unit_type) for city in cities for unit_type in an.cfg.unit_types]
    frame = _empty("quotas", len(rows)).assign(
        city_code=[city for city, _ in rows], year=year, unit_type=[unit_type for _, unit_type in rows]
    )
    return frame.assign(**{"ref:city": [an.region_name(city, lang) for city, _ in rows]})


__all__ = ["counties_under", "prefilled_rows"]
