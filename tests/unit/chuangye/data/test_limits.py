"""Reading limits: files too large, too long, too wide, and XLSX archives that would unpack to too much, are
refused before (or while) they are read, naming the file and the limit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from chuangye.data.limits import MIB, READ_LIMITS, ReadLimits, ReadRefused, check_zip_archive, size_text
from chuangye.data.tables import read_inputs, read_table


def _workbook(rows: list[list[object]], title: str = "quotas") -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return workbook


def _bomb(path: Path, unpacked: int) -> None:
    """A real XLSX whose sheet carries ``unpacked`` bytes of spaces in an XML comment, deflated as written."""
    buffer = io.BytesIO()
    _workbook([["unit_code", "name"], ["320102002", "梅园新村街道"]], "units").save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"<sheetData>", 1)
                data = head + b"<!--" + b" " * unpacked + b"--><sheetData>" + tail
            out.writestr(member.filename, data)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "indicator_inputs.csv"
    path.write_bytes(b"unit_code,year\n" + b"320102002,2019\n" * 1000)
    t = read_table(path, limits=ReadLimits(max_file_bytes=10_000))
    (problem,) = t.problems
    assert problem.check == "file_too_large" and problem.file == "indicator_inputs.csv"
    assert "14.7 KiB" in problem.message_zh and "9.8 KiB" in problem.message_en
    assert t.table == "indicator_inputs" and t.unreadable


def test_the_default_byte_limit_takes_the_national_benchmark_but_not_a_200_mb_file() -> None:
    assert 115 * MIB < READ_LIMITS.max_file_bytes < 200 * 1000 * 1000
    assert size_text(READ_LIMITS.max_file_bytes) == "128.0 MiB"


def test_a_sheet_with_too_many_rows_stops_being_read_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "quotas.xlsx"
    _workbook([["city_code", "year"]] + [["320100", 2019]] * 30).save(path)
    t = read_table(path, limits=ReadLimits(max_rows=20))
    assert [(p.check, p.row) for p in t.problems] == [("too_many_rows", 21)]


def test_too_many_columns_are_refused(tmp_path: Path) -> None:
    csv_path = tmp_path / "quotas.csv"
    csv_path.write_text("city_code,year" + ",x" * 300 + "\n320100,2019\n", encoding="utf-8")
    assert [(p.check, p.row) for p in read_table(csv_path).problems] == [("too_many_columns", 1)]
    xlsx_path = tmp_path / "quotas.xlsx"
    workbook = _workbook([["city_code", "year"], ["320100", 2019]])
    workbook.active.cell(row=3, column=1000, value="far away")
    workbook.save(xlsx_path)
    assert [(p.check, p.row) for p in read_table(xlsx_path).problems] == [("too_many_columns", 3)]


def test_a_zip_bomb_is_refused_from_the_archive_directory(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    _bomb(path, 40 * MIB)
    assert path.stat().st_size < MIB // 4
    loaded, problems = read_inputs([path], limits=ReadLimits(max_unzipped_bytes=32 * MIB))
    assert [p.check for p in problems] == ["zip_too_large", "cross_checks_skipped"]
    assert "40.0 MiB" in problems[0].message_zh and "32.0 MiB" in problems[0].message_en
    assert loaded["units"].unreadable  # refused by name: the active version's units are not checked instead


def test_a_member_with_an_extreme_compression_ratio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    _bomb(path, 20 * MIB)
    with pytest.raises(ReadRefused) as refused:
        check_zip_archive(path, ReadLimits(zip_ratio_floor_bytes=MIB, max_zip_ratio=100))
    assert refused.value.check == "zip_ratio" and refused.value.params["member"] == "xl/worksheets/sheet1.xml"


def test_an_ordinary_workbook_is_well_within_the_zip_limits(tmp_path: Path) -> None:
    path = tmp_path / "quotas.xlsx"
    _workbook([["city_code", "year", "unit_type", "target_count", "evaluation_quota"]] * 5000).save(path)
    check_zip_archive(path)  # raises nothing


def test_a_file_that_is_not_a_zip_is_unreadable_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert [p.check for p in read_table(path).problems] == ["unreadable_file"]


def _saved(workbook: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_workbook_with_an_opening_password_is_refused_saying_so(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile  # Office's own encryption, as Excel applies an opening password

    path = tmp_path / "units.xlsx"
    with open(path, "wb") as out:
        OOXMLFile(_saved(_workbook([["unit_code", "name"], ["320102002", "梅园新村街道"]], "units"))).encrypt("pw", out)
    loaded, problems = read_inputs([path])
    assert problems[0].check == "xlsx_encrypted" and problems[0].file == "units.xlsx"
    assert "设有打开密码" in problems[0].message_zh and "password-protected" in problems[0].message_en
    assert loaded["units"].unreadable


def test_a_workbook_packed_with_a_password_is_refused_naming_the_member(tmp_path: Path) -> None:
    import pyzipper

    plain = zipfile.ZipFile(_saved(_workbook([["target_count"], [3]])))
    path = tmp_path / "quotas.xlsx"
    with pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(b"pw")
        for member in plain.namelist():
            archive.writestr(member, plain.read(member))
    problems = read_table(path).problems
    assert [p.check for p in problems] == ["zip_encrypted"]
    assert f"{plain.namelist()[0]} 设有密码" in problems[0].message_zh and "(encrypted)" in problems[0].message_en
