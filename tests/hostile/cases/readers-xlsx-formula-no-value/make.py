"""quotas.xlsx with a target count written as a formula by openpyxl, which stores no computed value."""

import csv
from pathlib import Path

from openpyxl import Workbook


def make(inputs: Path, sample: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "quotas"
    with (sample / "quotas.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append([int(v) if v.isdigit() else v for v in row])
    sheet["D3"] = "=D2+1"
    workbook.save(inputs / "quotas.xlsx")
