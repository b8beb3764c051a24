"""The region workbook: the numbers behind the report as an Excel file, one sheet per level.

Sheets: the region itself per unit type; its cities (province only); its counties (a county: the
counties of its city); the units below the standard, closest first. Percentages are numbers.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from chuangye.engine.manager import Analytics
from chuangye.exports.chrome import data_stamp
from chuangye.exports.report.build import (
    coverage_specs,
    header_pair,
    headline_specs,
    localise_coverage,
    unit_specs,
    units_below_standard,
)
from chuangye.exports.report.model import ReportError
from chuangye.exports.tables import ColumnSpec, Sheet, table_to_xlsx
from chuangye.strings.i18n import data_source, t


def region_sheets(
    an: Analytics, region: str, year: int, basis: str = "certified", lang: str = "zh"
) -> dict[str, Sheet]:
    if region not in an.regions:
        raise ReportError(
            t("cli_unknown_region", "zh", code=region) + " / " + t("cli_unknown_region", "en", code=region)
        )
    level = an.regions.level_of(region)
    type_column = ColumnSpec("type_label", *header_pair("exp_col_type"))
    order = {u: i for i, u in enumerate(an.cfg.unit_types)}

    def tidy(frame: pd.DataFrame) -> pd.DataFrame:
        frame = localise_coverage(an, frame, basis, lang)
        return frame.sort_values(
            ["unit_type", "region_code"], key=lambda s: s.map(order) if s.name == "unit_type" else s
        ).reset_index(drop=True)

    sheets: dict[str, Sheet] = {}
    own = tidy(an.coverage(basis=basis, region=region, year=year))
    sheets[an.region_name(region, lang)] = (own, headline_specs(basis))
    if level == "province":
        sheets[t("exp_level_city", lang)] = (
            tidy(an.coverage(basis=basis, level="city", year=year)),
            [type_column, *coverage_specs(basis)],
        )
        counties = an.coverage(basis=basis, level="county", year=year)
    elif level == "city":
        counties = an.coverage(basis=basis, level="county", parent=region, year=year)
    else:
        counties = an.coverage(basis=basis, level="county", parent=an.regions.parent_of(region), year=year)
    sheets[t("exp_level_county", lang)] = (tidy(counties), [type_column, *coverage_specs(basis)])
    below = []
    for unit_type in an.cfg.unit_types:
        rows = units_below_standard(an, region, level, year, unit_type, lang)
        below.append(rows.assign(type_label=t(f"type_{unit_type}", lang)))
    units = pd.concat(below, ignore_index=True)
    failing = ColumnSpec("failing", *header_pair("exp_col_failing"), wrap=True)
    sheets[t("exp_sheet_units_below", lang)] = (units, [type_column, *unit_specs()[:4], failing, *unit_specs()[4:]])
    return sheets


def region_workbook(an: Analytics, region: str, year: int, basis: str = "certified", lang: str = "zh") -> bytes:
    """The region's coverage tables as .xlsx bytes (see the module docstring for the sheets)."""
    sheets = region_sheets(an, region, year, basis, lang)
    name = an.region_name(region, lang)
    meta = [
        (t("exp_meta_region", lang), f"{name} ({region})"),
        (t("exp_meta_year", lang), str(year)),
        (t("exp_meta_basis", lang), t(f"basis_{basis}", lang)),
        (t("exp_meta_version", lang), data_stamp(an, lang)),
        (t("exp_meta_exported", lang), date.today().isoformat()),
        (t("exp_meta_source", lang), data_source(lang, an.dataset.synthetic)),
    ]
    return table_to_xlsx(sheets, t("exp_report_title", lang, region=name, year=year), meta, lang=lang)


__all__ = ["region_sheets", "region_workbook"]
