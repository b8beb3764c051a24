"""A CSV's encoding is told on evidence: UTF-8 and real GBK/GB18030 are read, Big5 and the undecodable refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.data.encoding import GB18030, UTF8, detect_csv_encoding
from chuangye.data.limits import ReadLimits, ReadRefused
from chuangye.data.problems import format_problem
from chuangye.data.tables import read_inputs, read_table
from chuangye.sample.bundled import SAMPLE_DIR

# Big5 has no simplified characters: a Taiwan or Hong Kong Excel writes the traditional forms (or "?").
TRADITIONAL = str.maketrans("园区门东阳乡镇办处县苏无锡连云盐开发经济术", "園區門東陽鄉鎮辦處縣蘇無錫連雲鹽開發經濟術")
SAMPLE_UNITS = (SAMPLE_DIR / "units.csv").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_big5_units_are_refused_naming_the_encoding_and_the_first_doubtful_line(tmp_path: Path) -> None:
    big5 = SAMPLE_UNITS.translate(TRADITIONAL).encode("big5", errors="replace")
    big5.decode("gb18030")  # the trap: Big5 decodes as GB18030 without an error, into nonsense
    t = read_table(_write(tmp_path, "units.csv", big5))
    (problem,) = t.problems
    assert (problem.check, problem.file, problem.row) == ("encoding_doubtful", "units.csv", 2)
    assert problem.value.startswith("320102002,")  # the line as GB18030 reads it, so the user sees the garbling
    assert "Big5" in problem.message_zh and "Big5" in problem.message_en
    assert "CSV UTF-8" in format_problem(problem, "zh") and "CSV UTF-8" in format_problem(problem, "en")
    assert t.table == "units" and t.unreadable and t.frame.empty


def test_a_few_big5_names_without_telltale_symbols_are_refused_too(tmp_path: Path) -> None:
    # 梅園新村街道 reads as 宾堕穝刁笵: no kana or private-use character, but two ideographs outside GB2312,
    # and too short a file for the detector to name GB18030
    text = "unit_code,name,unit_type,in_scope\n320102002,梅園新村街道,street_town,true\n"
    t = read_table(_write(tmp_path, "units.csv", text.encode("big5")))
    assert [(p.check, p.row) for p in t.problems] == [("encoding_doubtful", 2)]


def test_gb18030_with_rare_place_name_characters_is_read_right(tmp_path: Path) -> None:
    # the registry's names hold 㳇, 甪, 垞 ... (outside GB2312, some outside GBK): rare, and the detector agrees
    t = read_table(_write(tmp_path, "units.csv", SAMPLE_UNITS.encode("gb18030")))
    assert t.encoding == GB18030 and not t.unreadable
    assert "湖㳇镇" in set(t.frame["name"]) and "甪直镇" in set(t.frame["name"])
    assert [p for p in t.problems if p.is_error] == []


def test_a_short_gbk_file_of_common_characters_is_read_without_asking_the_detector(tmp_path: Path) -> None:
    text = "单位代码,单位名称,单位类型,纳入统计\n320102001,玄武门街道,街道（乡镇）,是\n"
    t = read_table(_write(tmp_path, "单位名录.csv", text.encode("gbk")))
    assert t.encoding == GB18030
    assert t.frame["name"].tolist() == ["玄武门街道"] and t.frame["unit_type"].tolist() == ["street_town"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom_is_utf8(tmp_path: Path, bom: bytes) -> None:
    path = _write(tmp_path, "units.csv", bom + SAMPLE_UNITS.encode("utf-8"))
    found = detect_csv_encoding(path)
    assert found.encoding == UTF8 and found.lines == SAMPLE_UNITS.count("\n")


def test_utf16_is_refused_naming_it(tmp_path: Path) -> None:
    # Excel's "Unicode text" is UTF-16 with a BOM: neither UTF-8 nor GB18030
    path = _write(tmp_path, "units.csv", "unit_code\tname\n320102002\t梅园新村街道\n".encode("utf-16"))
    with pytest.raises(ReadRefused) as refused:
        detect_csv_encoding(path)
    assert refused.value.check == "encoding_unknown" and refused.value.params["found"] == "UTF-16"


def test_too_many_lines_are_refused_while_counting(tmp_path: Path) -> None:
    path = _write(tmp_path, "quotas.csv", b"city_code,year\n" + b"320100,2019\n" * 20)
    with pytest.raises(ReadRefused) as refused:
        detect_csv_encoding(path, ReadLimits(max_rows=10))
    assert refused.value.check == "too_many_rows" and refused.value.row == 11


def test_a_refused_file_stops_the_checks_of_the_tables_that_depend_on_it(tmp_path: Path) -> None:
    from chuangye.data.validation import validate

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "units.csv", SAMPLE_UNITS.translate(TRADITIONAL).encode("big5", errors="replace"))
    _write(folder, "certifications.csv", (SAMPLE_DIR / "certifications.csv").read_bytes())
    loaded, problems = read_inputs([folder])
    assert loaded["units"].unreadable and [p.check for p in problems] == ["encoding_doubtful", "cross_checks_skipped"]
    # the certifications' 20,954 unit codes are not checked against a table that could not be read
    checks = [p.check for p in validate(loaded, extra_problems=problems, per_group=None, total=None)]
    assert checks == ["encoding_doubtful", "cross_checks_skipped"]
