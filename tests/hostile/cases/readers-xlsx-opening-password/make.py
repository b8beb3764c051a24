"""units.xlsx: a real units workbook encrypted with an opening password the way Excel does it (msoffcrypto)."""

import io
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook


def make(inputs: Path, sample: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "units"
    sheet.append(["unit_code", "name", "unit_type", "county_code"])
    sheet.append(["320102002", "梅园新村街道", "street_town", "320102"])
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    with open(inputs / "units.xlsx", "wb") as out:
        OOXMLFile(plain).encrypt("jiangsu", out)
