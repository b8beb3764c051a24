"""units.xlsx of about 1 MiB whose sheet unpacks to 1 GiB: a real workbook with a gigabyte of spaces inside an
XML comment of its sheet, deflated as it is written (the bomb is never held in memory)."""

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

GIB = 1024**3
CHUNK = b" " * (16 * 1024 * 1024)


def make(inputs: Path, sample: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "units"
    sheet.append(["unit_code", "name"])
    sheet.append(["320102002", "梅园新村街道"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(inputs / "units.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename != "xl/worksheets/sheet1.xml":
                out.writestr(member.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with out.open(member.filename, "w", force_zip64=True) as stream:
                stream.write(head + b"<!--")
                for _ in range(GIB // len(CHUNK)):
                    stream.write(CHUNK)
                stream.write(b"--><sheetData>" + tail)
