"""The ``chuangye`` command line speaks Chinese first, English on request, and fails clearly (issue 8).

Each test runs the console script as a user does (a subprocess, a real data directory). Expected figures come
from the data or from the command's own JSON, never from today's sample numbers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import rounded

CHUANGYE = Path(sys.executable).with_name("chuangye")
BOM = b"\xef\xbb\xbf"
EXIT_USAGE, EXIT_EMPTY, EXIT_SERVER = 2, 3, 4
TYPE_ALIASES = {
    "street_town": ("街道(乡镇)", "街道（乡镇）", "街道", "乡镇", "street_town"),
    "community_village": ("社区(村)", "社区", "村", "community_village"),
    "park": ("园区", "park"),
}


def run(*args: str, data_dir: Path, env: dict[str, str] | None = None, cwd: Path | None = None, text: bool = True):
    environ = {k: v for k, v in os.environ.items() if k != "CHUANGYE_LANG"}
    environ.update({"CHUANGYE_DATA_DIR": str(data_dir), **(env or {})})
    return subprocess.run([str(CHUANGYE), *args], capture_output=True, text=text, env=environ, timeout=300, cwd=cwd)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-messages")
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


@pytest.fixture(scope="module")
def years() -> list[int]:
    inputs = pd.read_csv(SAMPLE_DIR / "indicator_inputs.csv", usecols=["year"])
    return sorted(int(y) for y in inputs["year"].unique())


# ------------------------------------------------------------------------------------ language of argparse


def test_usage_help_and_errors_are_chinese_by_default(data_dir):
    helped = run("--help", data_dir=data_dir)
    assert helped.returncode == 0
    assert helped.stdout.startswith("用法：chuangye") and "显示本帮助并退出" in helped.stdout
    assert "usage:" not in helped.stdout and "show this help message" not in helped.stdout

    missing = run("coverage", data_dir=data_dir)
    assert missing.returncode == EXIT_USAGE
    assert "用法：chuangye coverage" in missing.stderr and "错误：缺少必需的参数：--year" in missing.stderr
    assert "the following arguments are required" not in missing.stderr

    wrong = run("coverage", "--year", "2020", "--basis", "everything", data_dir=data_dir)
    assert wrong.returncode == EXIT_USAGE and "无效的取值：'everything'" in wrong.stderr
    serve_help = run("serve", "--help", data_dir=data_dir).stdout
    for option in ("--host", "--port", "--no-auth", "--lang"):  # every option of serve says what it does
        line = next(line for line in serve_help.splitlines() if line.strip().startswith(option))
        assert re.search(r"[\u4e00-\u9fff]", line), line
    assert "链接中没有 lang 参数时" in serve_help


@pytest.mark.parametrize("how", ["option", "environment"])
def test_english_with_lang_en_or_the_environment(data_dir, how):
    args, env = (["--lang", "en"], {}) if how == "option" else ([], {"CHUANGYE_LANG": "en"})
    helped = run("coverage", "--help", *args, data_dir=data_dir, env=env)
    assert helped.stdout.startswith("usage: chuangye coverage") and "show this help message and exit" in helped.stdout
    assert "用法" not in helped.stdout and "unit type" in helped.stdout
    missing = run("unit", *args, data_dir=data_dir, env=env)
    assert missing.returncode == EXIT_USAGE
    assert "error: the following arguments are required: code, --year" in missing.stderr
    table = run("coverage", "--year", "2020", *args, data_dir=data_dir, env=env)
    assert table.returncode == 0 and "Coverage" in table.stdout and "覆盖率" not in table.stdout


# ------------------------------------------------------------------------------------------------ unit types


@pytest.mark.parametrize("code", list(TYPE_ALIASES))
def test_unit_types_are_accepted_by_chinese_name_and_alias(data_dir, code):
    expected = run("coverage", "--year", "2020", "--level", "city", "--type", code, "--format", "json",
                   data_dir=data_dir)  # fmt: skip
    assert expected.returncode == 0, expected.stderr
    for alias in TYPE_ALIASES[code]:
        result = run("coverage", "--year", "2020", "--level", "city", "--type", alias, "--format", "json",
                     data_dir=data_dir)  # fmt: skip
        assert result.returncode == 0, (alias, result.stderr)
        assert result.stdout == expected.stdout, alias
        assert {row["unit_type"] for row in json.loads(result.stdout)} == {code}


def test_an_unknown_unit_type_lists_the_accepted_names(data_dir):
    result = run("coverage", "--year", "2020", "--type", "街区", data_dir=data_dir)
    assert result.returncode == EXIT_USAGE
    assert "无法识别的单位类型“街区”" in result.stderr and "街道(乡镇)（street_town）" in result.stderr


# --------------------------------------------------------------------------------------- coverage output


def _json_rows(data_dir: Path, *args: str) -> list[dict]:
    result = run("coverage", *args, "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_csv_has_a_bom_and_every_number_rounded_once(data_dir):
    args = ("--year", "2020", "--level", "city")
    result = run("coverage", *args, "--format", "csv", data_dir=data_dir, text=False)
    assert result.returncode == 0
    assert result.stdout.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    exact = _json_rows(data_dir, *args)
    assert [(r["region_code"], r["unit_type"]) for r in rows] == [(r["region_code"], r["unit_type"]) for r in exact]
    for row, full in zip(rows, exact, strict=True):
        for column, digits in (("coverage", 3), ("goal", 3), ("gap_points", 1), ("observed_pace", 1)):
            cell = row[column]
            if full[column] is None:
                assert cell == ""
                continue
            assert float(cell) == rounded(full[column], digits), (column, cell, full[column])
            assert len(cell.split(".")[-1]) <= digits, (column, cell)  # no 8.750000000000002
    assert any(full["gap_points"] != rounded(full["gap_points"], 1) for full in exact)  # the case that mattered


def test_json_keeps_full_precision_and_text_codes(data_dir):
    rows = _json_rows(data_dir, "--year", "2020", "--level", "county", "--parent", "320100")
    assert rows and all(isinstance(r["region_code"], str) and isinstance(r["parent_code"], str) for r in rows)
    for r in rows:
        if r["units_in_scope"]:
            assert r["coverage"] == r["certified_cumulative"] / r["units_in_scope"]  # not rounded


def test_rows_sort_by_region_code_then_the_configured_type_order(data_dir):
    rows = _json_rows(data_dir, "--year", "2020", "--level", "city")
    order = list(TYPE_ALIASES)  # the order of [goals] in the packaged indicators.toml
    keys = [(r["region_code"], order.index(r["unit_type"])) for r in rows]
    assert keys == sorted(keys) and len({k[0] for k in keys}) == 13


def test_table_shows_dashes_not_pandas_placeholders(data_dir):
    result = run("coverage", "--year", "2020", "--level", "county", "--parent", "320100", data_dir=data_dir)
    assert result.returncode == 0
    for placeholder in ("<NA>", "NaN", "nan", "None", "Empty DataFrame"):
        assert placeholder not in result.stdout
    assert "—" in result.stdout  # units needed per year is missing where the goal is met


def test_an_empty_result_says_so_with_its_own_exit_code(data_dir, tmp_path):
    config = (Path(__file__).resolve().parents[2] / "chuangye" / "config" / "indicators.toml").read_text("utf-8")
    without_parks = tmp_path / "no-parks.toml"
    without_parks.write_text(re.sub(r"(?m)^park\s*=.*$", "", config), encoding="utf-8")  # parks have no goal
    for fmt, stdout in (("table", ""), ("json", "[]\n")):
        result = run("coverage", "--year", "2020", "--type", "园区", "--format", fmt, "--config", str(without_parks),
                     data_dir=data_dir)  # fmt: skip
        assert result.returncode == EXIT_EMPTY
        assert result.stdout == stdout
        assert result.stderr.strip() == "没有符合条件的结果：2020 年，省层级、园区。 / Nothing to show for 2020, " \
                                        "province level, development parks."  # fmt: skip


def test_a_parent_that_cannot_have_children_at_that_level(data_dir):
    same = run("coverage", "--year", "2020", "--level", "city", "--parent", "320100", data_dir=data_dir)
    assert same.returncode == EXIT_USAGE and same.stdout == ""
    assert "320100（南京市）是设区市，其下没有设区市；用 --level county" in same.stderr
    assert "is a city: there is no city under it; use --level county" in same.stderr
    county = run("coverage", "--year", "2020", "--level", "county", "--parent", "320102", data_dir=data_dir)
    assert county.returncode == EXIT_USAGE and "320102（玄武区）是县(市、区)" in county.stderr
    # a parent two levels up is fine: every county of the province
    rows = _json_rows(data_dir, "--year", "2020", "--level", "county", "--parent", "320000", "--type", "园区")
    regions = pd.read_csv(SAMPLE_DIR / "regions.csv", dtype=str)
    assert {r["region_code"] for r in rows} == set(regions.loc[regions["level"] == "county", "region_code"])


# ---------------------------------------------------------------------------------------- unit and years


def test_unit_and_coverage_agree_on_a_year_without_data(data_dir, years):
    year = str(max(years) + 5)
    unit = pd.read_csv(SAMPLE_DIR / "units.csv", dtype=str)["unit_code"].iloc[0]
    coverage = run("coverage", "--year", year, data_dir=data_dir)
    card = run("unit", unit, "--year", year, data_dir=data_dir)
    assert coverage.returncode == card.returncode == EXIT_USAGE
    assert coverage.stdout == card.stdout == ""
    assert coverage.stderr == card.stderr
    assert (
        f"数据中没有 {year} 年（现有 {years[0]}–{years[-1]} 年）" in card.stderr
        and f"No data for {year}" in card.stderr
    )


def test_unit_json_dates_are_iso_dates(data_dir):
    certs = pd.read_csv(SAMPLE_DIR / "certifications.csv", dtype=str)
    row = certs.dropna(subset=["declared_date"]).iloc[0]
    result = run("unit", row["unit_code"], "--year", row["round_year"], "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    history = json.loads(result.stdout)["certification"]
    dates = [r[c] for r in history for c in ("declared_date", "decided_date") if r[c] is not None]
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates), dates


def test_a_unit_outside_its_active_years_says_so(data_dir, years):
    units = pd.read_csv(SAMPLE_DIR / "units.csv", dtype=str)
    later = units.dropna(subset=["active_from"])
    later = later[later["active_from"].astype(int) > years[0]].iloc[0]
    start = int(later["active_from"])
    zh = run("unit", later["unit_code"], "--year", str(start - 1), data_dir=data_dir)
    assert zh.returncode == 0 and f"该单位 {start} 年起设立，{start - 1} 年尚未设立" in zh.stdout
    en = run("unit", later["unit_code"], "--year", str(start - 1), "--lang", "en", data_dir=data_dir)
    assert f"Established in {start}" in en.stdout
    payload = json.loads(run("unit", later["unit_code"], "--year", str(start - 1), "--format", "json",
                             data_dir=data_dir).stdout)  # fmt: skip
    assert (payload["active_from"], payload["active_in_year"]) == (start, False)
    inside = run("unit", later["unit_code"], "--year", str(start), data_dir=data_dir)
    assert "设立" not in inside.stdout.splitlines()[1]

    retired = units.dropna(subset=["active_to"])
    retired = retired[retired["active_to"].astype(int) < years[-1]].iloc[0]
    end = int(retired["active_to"])
    gone = run("unit", retired["unit_code"], "--year", str(end + 1), data_dir=data_dir)
    assert f"该单位于 {end} 年后撤销，{end + 1} 年已不存在" in gone.stdout


# -------------------------------------------------------------------------------------------- validation


def test_validate_says_what_is_capped_and_all_lists_everything(data_dir, tmp_path):
    inputs = pd.read_csv(SAMPLE_DIR / "indicator_inputs.csv", dtype=str).head(60).copy()
    inputs["trainees_started"] = (inputs["trainees"].astype(int) + 1).astype(str)  # 60 rows above their trainees
    path = tmp_path / "indicator_inputs.csv"
    inputs.to_csv(path, index=False)
    capped = run("validate", str(path), data_dir=data_dir)
    assert capped.returncode == 0  # warnings only
    listed = [line for line in capped.stdout.splitlines() if line.startswith("警告") and "第 " in line]
    assert len(listed) == 50
    assert "另有 10 条“分子大于分母”问题只计数、未逐条列出" in capped.stdout
    assert "numerator_above_denominator" not in capped.stdout
    assert "发现 0 个错误、60 个警告" in capped.stdout and "chuangye validate --all" in capped.stdout
    everything = run("validate", "--all", str(path), data_dir=data_dir)
    listed = [line for line in everything.stdout.splitlines() if line.startswith("警告") and "第 " in line]
    assert len(listed) == 60 and "只计数" not in everything.stdout


# ------------------------------------------------------------------------------------------- serve, sample


def test_a_busy_port_is_one_bilingual_line_and_exit_4(data_dir):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run("serve", "--port", port, data_dir=data_dir)
    assert result.returncode == EXIT_SERVER
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert f"端口 {port} 已被占用" in line and f"Port {port} on 127.0.0.1 is already in use" in line


def _digest(root: Path) -> dict[str, tuple[str, int]]:
    """Content and modification time of each file: rewriting a file with the same bytes shows too."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.iterdir())
        if p.is_file()
    }


def test_sample_without_out_writes_a_new_directory_and_leaves_the_bundled_files(data_dir, tmp_path):
    before = _digest(SAMPLE_DIR)
    first = run("sample", data_dir=data_dir, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    written = tmp_path / "chuangye-sample-jiangsu"
    assert str(written) in first.stdout
    assert sorted(p.name for p in written.glob("*.csv")) == sorted(p.name for p in SAMPLE_DIR.glob("*.csv"))
    second = run("sample", data_dir=data_dir, cwd=tmp_path)
    assert str(tmp_path / "chuangye-sample-jiangsu-2") in second.stdout  # never over the first
    assert _digest(SAMPLE_DIR) == before
