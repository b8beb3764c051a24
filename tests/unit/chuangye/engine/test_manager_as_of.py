"""Any stored version, read-only ("as of" it): ``DataManager.version`` builds it from the store (verified), keeps
a few of them, and names why one cannot be shown (``unknown``: no such version or pruned; ``damaged``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine import manager as manager_module
from chuangye.engine.manager import DataManager, VersionUnavailable
from chuangye.engine.scope import Scope
from tests.synthetic import small_tables, write_csv_dir

PROVINCE_STREETS_2019 = {"level": "province", "unit_type": "street_town", "year": 2019}


def two_versions(tmp_path: Path) -> tuple[Store, str, str]:
    """A store whose older version has 1 of 4 streets/towns certified by 2019 and whose active one 2 of 4
    (夫子庙街道's 2019 round reaches provincial certification)."""
    store = Store(tmp_path / "data", config=load_config())
    tables = small_tables()
    old = store.import_paths([write_csv_dir(tmp_path / "old", tables)]).version_id
    certifications = tables["certifications"]
    certifications.loc[certifications["unit_code"] == "320104001", ["stage", "decided_date"]] = [
        "certified",
        "2019-05-20",
    ]
    new = store.import_paths([write_csv_dir(tmp_path / "new", tables)]).version_id
    return store, old, new


def coverage(an) -> float:
    return float(an.coverage(**PROVINCE_STREETS_2019)["coverage"].iloc[0])


def test_an_older_version_gives_its_own_numbers_and_the_active_one_stays(tmp_path: Path) -> None:
    store, old, new = two_versions(tmp_path)
    manager = DataManager(store, load_config())
    assert coverage(manager.current()) == pytest.approx(0.5)
    older = manager.version(old)
    assert older.version_id == old and coverage(older) == pytest.approx(0.25)
    assert manager.current().version_id == new  # viewing an older version switches nothing
    assert manager.version(new) is manager.current()  # the active one is the served Analytics itself


def test_an_older_version_is_built_once_and_only_a_few_are_kept(tmp_path: Path, monkeypatch) -> None:
    store, old, new = two_versions(tmp_path)
    third = store.import_paths([write_csv_dir(tmp_path / "third", small_tables())]).version_id
    manager = DataManager(store, load_config())
    loads: list[str] = []
    real = store.load
    monkeypatch.setattr(store, "load", lambda version_id: loads.append(version_id) or real(version_id))
    monkeypatch.setattr(manager_module, "OLDER_VERSIONS_KEPT", 1)
    first = manager.version(old)
    assert manager.version(old) is first and loads == [old]
    manager.version(new)  # pushes the first out of the one place kept
    assert manager.version(old) is not first and loads == [old, new, old]
    assert manager.current().version_id == third


@pytest.mark.parametrize("asked", ["20990101T000000-dead", "../data", ""])
def test_an_unknown_version_says_so(tmp_path: Path, asked: str) -> None:
    store, _, _ = two_versions(tmp_path)
    with pytest.raises(VersionUnavailable) as refused:
        DataManager(store, load_config()).version(asked)
    assert refused.value.reason == "unknown"


def test_a_damaged_version_says_so_and_names_the_damage(tmp_path: Path) -> None:
    store, old, _ = two_versions(tmp_path)
    units = store.versions_dir / old / "units.parquet"
    units.write_bytes(units.read_bytes()[:-4] + b"0000")
    with pytest.raises(VersionUnavailable) as refused:
        DataManager(Store(store.data_dir), load_config()).version(old)
    assert refused.value.reason == "damaged"
    assert [(d.file, d.kind) for d in refused.value.damage] == [("units.parquet", "checksum_mismatch")]


def test_a_version_pruned_after_it_was_built_is_unknown_then(tmp_path: Path) -> None:
    store, old, _ = two_versions(tmp_path)
    manager = DataManager(store, load_config())
    manager.version(old)
    (store.versions_dir / old).rename(store.versions_dir / f".pruned-{old}")  # what pruning does first
    with pytest.raises(VersionUnavailable) as refused:
        manager.version(old)
    assert refused.value.reason == "unknown"


@pytest.mark.parametrize(
    ("scope", "sees"),
    [
        (Scope("admin"), True),
        (Scope("province"), True),
        (Scope("city", "320100"), False),
        (Scope("county", "320102"), False),
    ],
)
def test_only_admin_and_province_view_older_versions(scope: Scope, sees: bool) -> None:
    assert scope.sees_history is sees
