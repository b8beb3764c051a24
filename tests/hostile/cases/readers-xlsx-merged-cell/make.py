"""quotas.xlsx as a person might lay it out: the city's code typed once and merged down over its rows (A2:A4)."""

import csv
from pathlib import Path

from openpyxl import Workbook


def make(inputs: Path, sample: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "quotas"
    with (sample / "quotas.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    sheet.merge_cells("A2:A4")
    workbook.save(inputs / "quotas.xlsx")
