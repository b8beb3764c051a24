"""inputs.xlsx, a workbook with the sample's quotas on its visible sheet (Nanjing's 2018 communities/villages target
changed from 225 to 226) and the sample's certifications on a hidden sheet, left there from earlier work: both
are imported, the hidden sheet with a warning naming it."""

import csv
from pathlib import Path

from openpyxl import Workbook


def _fill(sheet, table: Path) -> None:
    with table.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append(row)


def make(inputs: Path, sample: Path) -> None:
    workbook = Workbook()
    quotas = workbook.active
    quotas.title = "quotas"
    _fill(quotas, sample / "quotas.csv")
    assert quotas["D5"].value == "225"
    quotas["D5"] = "226"
    hidden = workbook.create_sheet("certifications")
    _fill(hidden, sample / "certifications.csv")
    hidden.sheet_state = "hidden"
    workbook.save(inputs / "inputs.xlsx")
