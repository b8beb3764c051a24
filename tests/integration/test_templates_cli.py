"""``chuangye template`` as a user runs it (issue 10): templates written, a blank one filled in with openpyxl from
the sample's own figures, checked with ``chuangye validate`` and imported with ``chuangye import`` to the same
coverage read-out; every wrong command line refused in Chinese and English without a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from chuangye.data.schema import TABLES
from chuangye.data.store import Store
from chuangye.exports.templates.build import cell_value
from chuangye.exports.templates.layout import sheet_columns
from chuangye.sample.bundled import SAMPLE_DIR
from tests.integration.test_cli import run

XUZHOU_GULOU = "320302"
FOUND = re.compile(r"发现 (\d+) 个错误、(\d+) 个警告")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template-sample")
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


def test_a_region_template_is_written_pre_filled_with_that_regions_units(sample_dir, tmp_path):
    out = tmp_path / "鼓楼区" / "指标.xlsx"
    result = run("template", "indicator_inputs", "--region", XUZHOU_GULOU, "--year", "2020", "--out", str(out),
                 data_dir=sample_dir)  # fmt: skip
    assert result.returncode == 0, result.stderr
    ws = load_workbook(out)["指标基础数据"]
    codes = [row[0] for row in ws.iter_rows(min_row=3, values_only=True)]
    assert codes and all(code.startswith(XUZHOU_GULOU) for code in codes)
    assert f"预填 {len(codes)} 行" in result.stdout and f"{len(codes)} rows pre-filled" in result.stdout


def test_a_template_handed_out_is_in_the_audit_trail_as_the_apis_are(sample_dir, tmp_path):
    """The API audited every template (which area's units it holds); the command line gave the same file unrecorded."""
    out = tmp_path / "鼓楼区.xlsx"
    args = ("units", "--region", XUZHOU_GULOU, "--year", "2020", "--out", str(out))
    result = run("template", *args, data_dir=sample_dir)
    assert result.returncode == 0, result.stderr
    audit = run("audit", "--format", "json", data_dir=sample_dir)
    record = next(r for r in json.loads(audit.stdout) if r["action"] == "template")  # newest first
    assert (record["object"], record["region"], record["username"][:4]) == ("units", XUZHOU_GULOU, "cli:")
    assert record["detail"] == {"table": "units", "year": 2020, "lang": "zh", "rows": record["detail"]["rows"],
                                "via": "cli"}  # fmt: skip
    assert record["detail"]["rows"] > 0


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["shops"], "没有名为“shops”的表", "There is no table 'shops'"),
        (["units", "--region", "999999"], "没有代码为 999999 的区划", "no region with code 999999"),
        (["units", "--region", "320302001"], "不是省、设区市或县(市、区)的代码", "is not the code of the province"),
        (["units", "--year", "1999"], "年度 1999 无效", "Year 1999 is not possible"),
        (["units", "--year", "twenty"], "年度 twenty 无效", "Year twenty is not possible"),
    ],
)
def test_a_wrong_table_region_or_year_is_refused_in_both_languages(sample_dir, tmp_path, args, zh, en):
    out = tmp_path / "t.xlsx"
    result = run("template", *args, "--out", str(out), data_dir=sample_dir)
    assert result.returncode == 2
    assert zh in result.stderr and en in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_an_output_that_is_no_xlsx_or_cannot_be_written_is_refused(sample_dir, tmp_path):
    result = run("template", "units", "--out", str(tmp_path / "t.csv"), data_dir=sample_dir)
    assert result.returncode == 2 and ".xlsx" in result.stderr and "Traceback" not in result.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run("template", "units", "--out", str(blocker / "t.xlsx"), data_dir=sample_dir)
    assert result.returncode == 2 and "无法写入" in result.stderr and "Cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def _fill_from(template: Path, dataset, out: Path) -> None:
    """What a user does: open the blank template and type each table's rows under its two header rows."""
    wb = load_workbook(template)
    for table in TABLES:
        ws = wb[TABLES[table].zh]
        columns = sheet_columns(table)
        frame = dataset.table(table)
        for values in frame.reindex(columns=[c.key for c in columns]).itertuples(index=False, name=None):
            ws.append([cell_value(column, value) for column, value in zip(columns, values, strict=True)])
    wb.save(out)


@pytest.mark.slow
def test_a_template_filled_with_the_samples_figures_validates_clean_and_imports_to_the_same_numbers(
    sample_dir, tmp_path
):
    blank = tmp_path / "blank.xlsx"
    assert run("template", "all", "--out", str(blank), data_dir=sample_dir).returncode == 0
    sample = Store(sample_dir).active()
    filled = tmp_path / "全部表.xlsx"
    _fill_from(blank, sample, filled)

    fresh = tmp_path / "fresh"
    checked = run("validate", str(filled), data_dir=fresh)
    assert checked.returncode == 0, checked.stdout[-3000:]
    for words in ("只有预填的代码", "没有填写数据", "pre-filled codes", "Nothing was filled in"):
        assert words not in checked.stdout  # no template row or sheet was left out
    from_csv = run("validate", str(SAMPLE_DIR), data_dir=fresh)
    found, expected = FOUND.search(checked.stdout), FOUND.search(from_csv.stdout)
    assert found.group(1) == "0" and found.groups() == expected.groups()  # no error; the sample's own warnings

    imported = run("import", str(filled), data_dir=fresh)
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr
    args = ("coverage", "--year", "2020", "--level", "county", "--format", "json")
    assert json.loads(run(*args, data_dir=fresh).stdout) == json.loads(run(*args, data_dir=sample_dir).stdout)
    stored = Store(fresh).active()
    for table in TABLES:  # the same rows and values the sample's CSVs gave: every number follows
        pd.testing.assert_frame_equal(stored.table(table), sample.table(table), obj=table)
