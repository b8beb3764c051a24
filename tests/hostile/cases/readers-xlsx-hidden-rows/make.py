"""quotas.xlsx, the sample's quotas with rows 5, 6 and 9 hidden (filtered away, say) but still in the file;
row 5 (Nanjing, 2018, communities/villages) has its target count changed from 225 to 226."""

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
    assert sheet["D5"].value == 225
    sheet["D5"] = 226
    for number in (5, 6, 9):
        sheet.row_dimensions[number].hidden = True
    workbook.save(inputs / "quotas.xlsx")
