"""An import may not silently wipe or mix data (issue 12): the store's change summary, its refusals of empty and
shrinking tables, the first import of the user's data only, and which tables each version marks synthetic."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.changes import Consent, write_synthetic_marker
from chuangye.data.store import ImportRejected, Store
from tests.synthetic import small_tables, write_csv_dir

CONFIG = load_config()
TABLES = ("regions", "units", "indicator_inputs", "certifications", "quotas")


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
    }


def manifest(store: Store) -> dict:
    version = store.active_version_id()
    return json.loads((store.data_dir / "versions" / version / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def real_store(tmp_path: Path) -> Store:
    """A store whose active version holds the user's own (not synthetic) tables."""
    store = Store(tmp_path / "data", config=CONFIG)
    store.import_paths([write_csv_dir(tmp_path / "real", small_tables())])
    return store


@pytest.fixture
def sample_store(tmp_path: Path) -> Store:
    """A store started from the sample, as the dashboard's first run does."""
    store = Store(tmp_path / "data", config=CONFIG)
    store.ensure_initialised(write_csv_dir(tmp_path / "sample", small_tables()))
    return store


def header_only(tmp_path: Path, table: str) -> Path:
    folder = tmp_path / f"empty-{table}"
    folder.mkdir()
    (folder / f"{table}.csv").write_text(",".join(small_tables()[table].columns) + "\n", encoding="utf-8")
    return folder / f"{table}.csv"


# ------------------------------------------------------------------------------------------ empty tables


def test_an_empty_table_is_refused_and_changes_nothing(real_store: Store, tmp_path: Path) -> None:
    digest = tree_digest(real_store.data_dir)
    with pytest.raises(ImportRejected) as info:
        real_store.import_paths([header_only(tmp_path, "certifications")])
    problems = info.value.problems
    assert [(p.check, p.file, p.is_error) for p in problems] == [("table_emptied", "certifications.csv", True)]
    assert "empty_table" not in {p.check for p in problems}  # the reader's warning is not said twice
    certs = {c.table: c for c in info.value.changes}["certifications"]
    assert (certs.before, certs.after, certs.removed) == (3, 0, 3)  # the summary says how many rows disappear
    assert tree_digest(real_store.data_dir) == digest


def test_validate_says_the_same_as_an_error(real_store: Store, tmp_path: Path) -> None:
    path = header_only(tmp_path, "certifications")
    assert [(p.check, p.is_error) for p in real_store.validate_paths([path])] == [("table_emptied", True)]
    allowed = real_store.validate_paths([path], consent=Consent(allow_empty=True))
    assert [(p.check, p.is_error) for p in allowed] == [("empty_table", False)]


def test_an_empty_table_is_imported_when_the_user_says_so(real_store: Store, tmp_path: Path) -> None:
    result = real_store.import_paths([header_only(tmp_path, "certifications")], consent=Consent(allow_empty=True))
    assert real_store.active().version_id == result.version_id and real_store.active().certifications.empty
    assert [p.check for p in result.warnings] == ["empty_table"]


# ------------------------------------------------------------------------------------------ shrinking tables


def test_a_table_that_loses_most_of_its_rows_is_refused_unless_allowed(real_store: Store, tmp_path: Path) -> None:
    inputs = small_tables()["indicator_inputs"]  # 32 rows
    kept = write_csv_dir(tmp_path / "few", {"indicator_inputs": inputs.iloc[:12]})
    digest = tree_digest(real_store.data_dir)
    with pytest.raises(ImportRejected) as info:
        real_store.import_paths([kept])
    [problem] = [p for p in info.value.problems if p.is_error]
    assert problem.check == "table_shrinks" and problem.file == "indicator_inputs.csv"
    assert "32 行中的 20 行（62.5%" in problem.message_zh and "delete 20 of the 32 rows" in problem.message_en
    assert tree_digest(real_store.data_dir) == digest
    result = real_store.import_paths([kept], consent=Consent(allow_shrink=True))
    assert len(real_store.active().indicator_inputs) == 12
    changes = {c.table: c for c in result.changes}
    assert (changes["indicator_inputs"].removed, changes["indicator_inputs"].removed_share) == (20, 20 / 32)


def test_losing_up_to_the_limit_needs_no_confirmation(real_store: Store, tmp_path: Path) -> None:
    inputs = small_tables()["indicator_inputs"]
    half = write_csv_dir(tmp_path / "half", {"indicator_inputs": inputs.iloc[:16]})
    assert not [p for p in real_store.validate_paths([half]) if p.is_error]
    real_store.import_paths([half])
    assert len(real_store.active().indicator_inputs) == 16


def test_replacing_the_sample_with_fewer_real_rows_is_no_loss(sample_store: Store, tmp_path: Path) -> None:
    inputs = small_tables()["indicator_inputs"]
    result = sample_store.import_paths([write_csv_dir(tmp_path / "few", {"indicator_inputs": inputs.iloc[:4]})])
    change = {c.table: c for c in result.changes}["indicator_inputs"]
    assert (change.before, change.after, change.removed, change.before_synthetic) == (32, 4, 28, True)


def test_the_summary_counts_added_changed_removed_and_carried(real_store: Store, tmp_path: Path) -> None:
    quotas = small_tables()["quotas"]
    quotas.loc[0, "target_count"] = "3"
    quotas = pd.concat([quotas.iloc[1:], quotas.iloc[[0]], quotas.iloc[[1]].assign(year="2020")])
    preview = real_store.preview_import([write_csv_dir(tmp_path / "q", {"quotas": quotas})])
    by_table = {c.table: c for c in preview.changes}
    assert list(by_table) == list(TABLES)
    q = by_table["quotas"]
    assert (q.origin, q.before, q.after, q.added, q.changed, q.removed) == ("file", 12, 13, 1, 1, 0)
    units = by_table["units"]
    assert (units.origin, units.before, units.after, units.added, units.removed) == ("carried", 9, 9, 0, 0)
    assert preview.problems == []


# ------------------------------------------------------------------------------------------ the first import


def test_a_first_import_needs_every_table(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", config=CONFIG)
    with pytest.raises(ImportRejected) as info:
        store.import_paths([write_csv_dir(tmp_path / "q", {"quotas": small_tables()["quotas"]})])
    missing = [p for p in info.value.problems if p.check == "missing_table_first_import"]
    assert [p.file for p in missing] == ["regions", "units", "indicator_inputs", "certifications"]
    assert "--with-sample" in missing[0].message_zh and "--with-sample" in missing[0].message_en
    assert "missing_table" not in {p.check for p in info.value.problems}  # said once, with the way out
    assert store.active_version_id() is None and store.versions() == []


def test_with_the_sample_asked_for_the_other_tables_come_from_it_marked_synthetic(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", config=CONFIG)
    sample = write_csv_dir(tmp_path / "sample", small_tables())
    quotas = small_tables()["quotas"].assign(target_count="1")
    result = store.import_paths([write_csv_dir(tmp_path / "q", {"quotas": quotas})], sample=sample)
    assert result.imported == ("quotas",) and result.from_sample == TABLES[:4] and result.carried_over == ()
    assert result.synthetic == TABLES[:4]
    tables = manifest(store)["tables"]
    assert {name: info["synthetic"] for name, info in tables.items()} == {
        "regions": True,
        "units": True,
        "indicator_inputs": True,
        "certifications": True,
        "quotas": False,
    }
    assert manifest(store)["synthetic"] is True
    assert set(store.active().quotas["target_count"]) == {1}
    assert store.active().meta.synthetic_tables == TABLES[:4] and store.active().synthetic


def test_a_first_import_of_every_table_is_real_data(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", config=CONFIG)
    result = store.import_paths([write_csv_dir(tmp_path / "real", small_tables())])
    assert result.synthetic == () and manifest(store)["synthetic"] is False
    assert not store.active().synthetic
    # a later import carries the flags of the tables it does not replace
    sample_quotas = write_csv_dir(tmp_path / "generated", {"quotas": small_tables()["quotas"]})
    write_synthetic_marker(sample_quotas)
    store.import_paths([sample_quotas])
    assert store.active().meta.synthetic_tables == ("quotas",)
    store.import_paths([write_csv_dir(tmp_path / "again", {"units": small_tables()["units"]})])
    assert store.active().meta.synthetic_tables == ("quotas",)


def test_the_sample_imported_on_first_use_is_synthetic(sample_store: Store) -> None:
    assert sample_store.active().meta.synthetic_tables == TABLES and manifest(sample_store)["synthetic"] is True


def test_a_version_written_before_tables_were_marked_counts_as_synthetic(real_store: Store) -> None:
    version = real_store.active_version_id()
    path = real_store.data_dir / "versions" / version / "manifest.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    old.pop("synthetic")
    for info in old["tables"].values():
        info.pop("synthetic")
    path.write_text(json.dumps(old), encoding="utf-8")
    assert Store(real_store.data_dir).active().synthetic
