"""``chuangye import`` never silently wipes or mixes data (issue 12), run as a user would: the change summary on
every import, an empty table refused without ``--allow-empty`` (``validate`` says the same, exit 1), one table
into an empty data directory refused without ``--with-sample``, and whether the new version is synthetic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chuangye.data.changes import SYNTHETIC_MARKER
from chuangye.sample.bundled import SAMPLE_DIR
from tests.integration.test_cli import run, tree_digest

TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("changes-sample") / "data"
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


@pytest.fixture
def data_dir(sample_store, tmp_path) -> Path:
    shutil.copytree(sample_store, tmp_path / "data")
    return tmp_path / "data"


def header_only(folder: Path, table: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    header = (SAMPLE_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
    path = folder / f"{table}.csv"
    path.write_text(header + "\n", encoding="utf-8")
    return path


def own_copy(folder: Path, tables=TABLES) -> Path:
    """The sample's tables as the user's own files (no marker beside them)."""
    folder.mkdir(parents=True)
    for name in tables:
        shutil.copy(SAMPLE_DIR / f"{name}.csv", folder / f"{name}.csv")
    return folder


def manifest(data_dir: Path) -> dict:
    version = (data_dir / "ACTIVE").read_text(encoding="utf-8").strip()
    return json.loads((data_dir / "versions" / version / "manifest.json").read_text(encoding="utf-8"))


def test_an_empty_table_is_refused_and_the_summary_says_what_would_disappear(data_dir, tmp_path):
    path = header_only(tmp_path / "in", "certifications")
    rows = len((SAMPLE_DIR / "certifications.csv").read_text(encoding="utf-8").splitlines()) - 1
    before = tree_digest(data_dir)
    refused = run("import", str(path), data_dir=data_dir)
    out = refused.stdout
    assert refused.returncode == 1, out + refused.stderr
    assert "错误：certifications.csv：表中没有数据行" in out and "--allow-empty" in out
    assert "Error: certifications.csv: The table has no data rows" in out
    assert f"原 {rows} 行，现 0 行；新增 0，修改 0，删除 {rows}（删除原有行的 100%）" in out
    assert f"{rows} rows before, 0 now; 0 added, 0 changed, {rows} removed (100% of the rows before)" in out
    assert "沿用当前版本" in out and "carried over from the active version" in out
    assert "Traceback" not in out + refused.stderr
    assert tree_digest(data_dir) == before

    checked = run("validate", str(path), data_dir=data_dir)
    assert checked.returncode == 1 and "表中没有数据行" in checked.stdout and "Error:" in checked.stdout
    assert run("validate", str(path), "--allow-empty", data_dir=data_dir).returncode == 0

    allowed = run("import", str(path), "--allow-empty", data_dir=data_dir)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert f"删除 {rows}" in allowed.stdout and f"{rows} removed" in allowed.stdout
    assert manifest(data_dir)["tables"]["certifications"]["rows"] == 0


def test_a_table_losing_most_of_its_rows_is_refused_unless_allowed(tmp_path):
    data_dir = tmp_path / "data"
    real = run("import", str(own_copy(tmp_path / "own")), data_dir=data_dir)  # the user's own data, all five
    assert real.returncode == 0, real.stdout + real.stderr
    lines = (SAMPLE_DIR / "indicator_inputs.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    few = tmp_path / "few" / "indicator_inputs.csv"
    few.parent.mkdir()
    few.write_text("".join(lines[: len(lines) // 4]), encoding="utf-8")
    before = tree_digest(data_dir)
    refused = run("import", str(few), data_dir=data_dir)
    assert refused.returncode == 1, refused.stdout
    assert "导入将删除“指标基础数据”表（indicator_inputs）" in refused.stdout and "--allow-shrink" in refused.stdout
    assert "The import would delete" in refused.stdout and "[imports] max_removed_share" in refused.stdout
    assert tree_digest(data_dir) == before
    assert run("validate", str(few), data_dir=data_dir).returncode == 1
    allowed = run("import", str(few), "--allow-shrink", data_dir=data_dir)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert manifest(data_dir)["tables"]["indicator_inputs"]["rows"] == len(lines) // 4 - 1


def test_one_table_into_an_empty_directory_is_refused_and_leaves_no_data_behind(tmp_path):
    data_dir = tmp_path / "data"
    quotas = own_copy(tmp_path / "own", ["quotas"]) / "quotas.csv"
    refused = run("import", str(quotas), data_dir=data_dir)
    out = refused.stdout
    assert refused.returncode == 1, out + refused.stderr
    assert "数据目录中还没有数据，导入须提供全部五张表：缺少“单位名录”表（units）" in out and "--with-sample" in out
    assert "so an import needs all five tables: 'units' (单位名录) is missing" in out
    assert not data_dir.exists() or tree_digest(data_dir) == {}  # at most the audit trail's database
    assert not (data_dir / "versions").exists() and not (data_dir / "ACTIVE").exists()


def test_with_sample_fills_the_other_tables_and_says_they_are_synthetic(tmp_path):
    data_dir = tmp_path / "data"
    quotas = own_copy(tmp_path / "own", ["quotas"]) / "quotas.csv"
    done = run("import", str(quotas), "--with-sample", data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "新版本含合成示例数据（regions, units, indicator_inputs, certifications）" in done.stdout
    assert "the new version holds synthetic sample data (regions, units, indicator_inputs, certifications)" in (
        done.stdout
    )
    assert {n: t["synthetic"] for n, t in manifest(data_dir)["tables"].items()} == {
        **dict.fromkeys(TABLES[:4], True),
        "quotas": False,
    }
    again = run("import", str(quotas), "--with-sample", data_dir=data_dir)
    assert again.returncode == 2 and "--with-sample 只用于还没有数据的数据目录" in again.stderr
    assert "only for a data directory with no data yet" in again.stderr


def test_every_table_of_the_users_own_is_real_data_and_a_sample_folder_is_not(tmp_path):
    real_dir, sample_dir = tmp_path / "real", tmp_path / "sample"
    real = run("import", str(own_copy(tmp_path / "own")), data_dir=real_dir)
    assert real.returncode == 0, real.stdout + real.stderr
    assert "新版本不含合成示例数据" in real.stdout and "The new version holds no synthetic sample data" in real.stdout
    assert "变更摘要（数据目录中还没有数据）" in real.stdout
    assert "Changes (the data directory holds no data yet)" in real.stdout
    assert manifest(real_dir)["synthetic"] is False

    generated = tmp_path / "generated"
    shutil.copytree(SAMPLE_DIR, generated)
    assert (generated / SYNTHETIC_MARKER).is_file()
    from_sample = run("import", str(generated), data_dir=sample_dir)
    assert from_sample.returncode == 0, from_sample.stdout + from_sample.stderr
    assert "新版本含合成示例数据" in from_sample.stdout and manifest(sample_dir)["synthetic"] is True


def test_boundaries_into_an_empty_directory_ask_for_the_tables_first(tmp_path):
    result = run("import", "--boundaries", str(tmp_path / "towns.gpkg"), data_dir=tmp_path / "data")
    assert result.returncode == 2, result.stderr
    assert "请先导入五张表" in result.stderr and "import the five tables first" in result.stderr
    assert "Traceback" not in result.stderr
