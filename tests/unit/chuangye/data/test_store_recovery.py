"""A store that recovers by itself (issue 12): reading never writes, a damaged active version gives way to the
newest intact one (and says so), a complete import always works over it, old versions are pruned, a full disk
is refused in words with the space needed, the store left as it was."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from chuangye.config.loader import StoreSettings, load_config
from chuangye.data import store as store_module
from chuangye.data.integrity import Damage, damage_text
from chuangye.data.retention import versions_to_prune
from chuangye.data.store import (
    CorruptVersion,
    Fallback,
    Store,
    StoreError,
    StoreFull,
    StoreReadOnly,
    fallback_text,
)
from tests.read_only import refuse_writes_under
from tests.synthetic import small_tables, write_csv_dir


def tree_digest(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        out[str(path.relative_to(root))] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def damage_file(store: Store, version_id: str, rel: str = "units.parquet") -> None:
    path = store.versions_dir / version_id / rel
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return write_csv_dir(tmp_path / "inputs", small_tables())


@pytest.fixture
def two_versions(tmp_path: Path, inputs: Path) -> tuple[Store, str, str]:
    store = Store(tmp_path / "data", config=load_config())
    first = store.import_paths([inputs]).version_id
    second = store.import_paths([inputs]).version_id
    return store, first, second


# ------------------------------------------------------------------------------------------ read-only


def test_opening_a_store_creates_nothing(tmp_path: Path) -> None:
    where = tmp_path / "nowhere"
    store = Store(where)
    assert store.active_version_id() is None and store.versions() == [] and store.check().damage == ()
    assert not where.exists()


def test_every_read_works_in_a_directory_that_may_not_be_written(two_versions, inputs: Path) -> None:
    store, _, second = two_versions
    before = tree_digest(store.data_dir)
    with refuse_writes_under(store.data_dir):
        reader = Store(store.data_dir, config=load_config())  # another process: nothing cached
        assert reader.ensure_initialised(inputs) is None
        assert reader.active().version_id == second
        assert reader.serving().fallback is None
        assert [v.id for v in reader.versions(verify=True)][-1] == second
        assert reader.check().damage == ()
        assert reader.validate_paths([inputs]) == []
    assert tree_digest(store.data_dir) == before


def test_a_writer_in_a_directory_that_may_not_be_written_is_told_so(two_versions, inputs: Path) -> None:
    store, first, _ = two_versions
    before = tree_digest(store.data_dir)
    with refuse_writes_under(store.data_dir):
        writer = Store(store.data_dir, config=load_config())
        for write in (lambda: writer.import_paths([inputs]), lambda: writer.rollback(first), lambda: writer.pin(first)):
            with pytest.raises(StoreReadOnly) as info:
                write()
            message = str(info.value)
            assert str(store.data_dir) in message and "不可写" in message and "not writable" in message
    assert tree_digest(store.data_dir) == before


def test_the_sample_cannot_be_put_into_an_empty_directory_that_may_not_be_written(tmp_path: Path, inputs: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with refuse_writes_under(empty), pytest.raises(StoreReadOnly, match="not writable"):
        Store(empty).ensure_initialised(inputs)
    assert list(empty.iterdir()) == []


# ------------------------------------------------------------------------------------- damaged versions


def test_a_damaged_active_version_gives_way_to_the_newest_intact_one(two_versions) -> None:
    store, first, second = two_versions
    damage_file(store, second)
    serving = Store(store.data_dir).serving()
    assert serving.dataset.version_id == first
    assert serving.fallback == Fallback(second, first, (Damage(second, "units.parquet", "checksum_mismatch"),))
    zh, en = fallback_text(serving.fallback, "zh"), fallback_text(serving.fallback, "en")
    assert second in zh and first in zh and "units.parquet" in zh and "已损坏" in zh
    assert second in en and first in en and "units.parquet" in en and "damaged" in en
    assert store.active_version_id() == second  # nothing is switched behind the admin's back


@pytest.mark.parametrize(
    ("harm", "kind"),
    [
        (lambda root: (root / "manifest.json").write_text("{ not json"), "manifest_unreadable"),
        (lambda root: (root / "manifest.json").unlink(), "manifest_missing"),
        (lambda root: (root / "quotas.parquet").unlink(), "file_missing"),
        (lambda root: shutil.rmtree(root), "version_missing"),
    ],
    ids=["manifest-unreadable", "manifest-missing", "file-missing", "version-missing"],
)
def test_every_kind_of_damage_to_the_active_version_is_named_and_served_around(two_versions, harm, kind) -> None:
    store, first, second = two_versions
    harm(store.versions_dir / second)
    serving = Store(store.data_dir).serving()
    assert serving.dataset.version_id == first
    assert [d.kind for d in serving.fallback.damage] == [kind]
    for lang in ("zh", "en"):
        assert second in damage_text(serving.fallback.damage[0], lang)


def test_nothing_intact_is_an_error_naming_the_damage(tmp_path: Path, inputs: Path) -> None:
    store = Store(tmp_path / "data")
    only = store.import_paths([inputs]).version_id
    damage_file(store, only)
    with pytest.raises(CorruptVersion) as info:
        Store(store.data_dir).serving()
    assert info.value.damage == (Damage(only, "units.parquet", "checksum_mismatch"),)
    assert "没有完好的旧版本" in str(info.value) and "no intact older version" in str(info.value)


def test_versions_and_check_name_every_damage(two_versions) -> None:
    store, first, second = two_versions
    (store.versions_dir / first / "manifest.json").write_text("{ truncated")
    damage_file(store, second, "certifications.parquet")
    infos = {v.id: v for v in store.versions(verify=True)}  # the old code raised CorruptVersion here
    assert infos[first].damage == (Damage(first, "manifest.json", "manifest_unreadable"),)
    assert infos[second].damage == (Damage(second, "certifications.parquet", "checksum_mismatch"),)
    assert infos[second].active and not infos[first].active
    assert [v.damage for v in store.versions()][1] == ()  # without verify only an unreadable manifest is named
    report = store.check()
    assert report.active == second and report.active_damaged and report.served is None
    assert set(report.damage) == {*infos[first].damage, *infos[second].damage}


def test_check_says_when_no_active_file_names_a_version(two_versions) -> None:
    store, *_ = two_versions
    (store.data_dir / "ACTIVE").unlink()
    assert store.check().damage == (Damage("", "ACTIVE", "no_active"),)


def test_check_of_an_intact_store_finds_nothing(two_versions) -> None:
    store, first, second = two_versions
    report = store.check()
    assert report.damage == () and report.versions == (first, second) and not report.active_damaged


def test_a_complete_import_works_over_a_damaged_active_version(two_versions, inputs: Path, tmp_path: Path) -> None:
    store, _, second = two_versions
    damage_file(store, second)
    result = Store(store.data_dir, config=load_config()).import_paths([inputs])  # the old code raised CorruptVersion
    reader = Store(store.data_dir)
    assert reader.active_version_id() == result.version_id and reader.serving().fallback is None
    assert result.carried_over == ()


def test_a_partial_import_over_a_damaged_active_version_is_refused_in_words(two_versions, tmp_path: Path) -> None:
    store, _, second = two_versions
    damage_file(store, second)
    before = tree_digest(store.data_dir)
    quotas = write_csv_dir(tmp_path / "q", {"quotas": small_tables()["quotas"]})
    with pytest.raises(CorruptVersion) as info:
        Store(store.data_dir).import_paths([quotas])
    message = str(info.value)
    assert "请导入全部五张表" in message and "import all five tables" in message and "units.parquet" in message
    assert tree_digest(store.data_dir) == before


def test_intact_boundary_layers_of_a_damaged_version_are_carried_over(two_versions, inputs: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    store, *_ = two_versions
    shapes = gpd.GeoDataFrame({"code": ["320102001"]}, geometry=[box(118.78, 32.05, 118.8, 32.07)], crs="EPSG:4326")
    damaged = store.import_paths([], boundaries={"township": shapes}).version_id
    damage_file(store, damaged)
    store = Store(store.data_dir)
    store.import_paths([inputs])
    assert store.active().boundaries["township"]["code"].tolist() == ["320102001"]


# ---------------------------------------------------------------------------------------------- pruning


def test_the_configuration_keeps_ten_versions_unless_told_otherwise() -> None:
    assert load_config().store.keep_versions == 10


def test_pruning_keeps_the_newest_the_pinned_and_the_active() -> None:
    ids = [f"2020010{i}T000000-0000" for i in range(1, 7)]
    assert versions_to_prune(ids, 2, pinned={ids[0]}, active=ids[1]) == ids[2:4]
    assert versions_to_prune(ids, 10, pinned=set(), active=None) == []


def test_each_import_prunes_beyond_keep_versions_but_never_a_pinned_version(tmp_path: Path, inputs: Path) -> None:
    cfg = load_config().model_copy(update={"store": StoreSettings(keep_versions=2)})
    store = Store(tmp_path / "data", config=cfg)
    made = [store.import_paths([inputs]).version_id]
    store.pin(made[0])
    made += [store.import_paths([inputs]).version_id for _ in range(3)]
    assert [v.id for v in store.versions()] == [made[0], made[2], made[3]]
    assert [v.pinned for v in store.versions()] == [True, False, False]
    assert not [p for p in store.versions_dir.iterdir() if p.name.startswith(".")]
    assert store.unpin(made[0]) and not store.unpin(made[0])
    made.append(store.import_paths([inputs]).version_id)
    assert [v.id for v in store.versions()] == made[-2:]


def test_a_store_without_a_configuration_prunes_nothing(tmp_path: Path, inputs: Path) -> None:
    store = Store(tmp_path / "data")
    for _ in range(3):
        store.import_paths([inputs])
    assert len(store.versions()) == 3


def test_pinning_an_unknown_version_is_an_error(two_versions) -> None:
    store, *_ = two_versions
    with pytest.raises(StoreError, match="no version 2099"):
        store.pin("20990101T000000-ffff")
    assert not (store.data_dir / "PINNED").exists()


def test_a_pruning_killed_midway_is_finished_by_the_next_writer(two_versions) -> None:
    store, first, _ = two_versions
    (store.versions_dir / first).rename(store.versions_dir / f".pruned-{first}")  # as a killed pruning leaves it
    store.pin(store.active_version_id())
    assert sorted(p.name for p in store.versions_dir.iterdir()) == [store.active_version_id()]


# -------------------------------------------------------------------------------------------- full disk


def test_a_full_disk_is_refused_before_writing_with_the_space_needed(
    two_versions, inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, *_ = two_versions
    before = tree_digest(store.data_dir)
    usage = shutil.disk_usage(store.versions_dir)
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda path: usage._replace(free=1000))
    with pytest.raises(StoreFull) as info:
        store.import_paths([inputs])
    version_bytes = sum(p.stat().st_size for p in (store.versions_dir / store.active_version_id()).glob("*.parquet"))
    assert info.value.free == 1000 and info.value.needed == pytest.approx(version_bytes, rel=0.05)
    message = str(info.value)
    assert "磁盘空间不足" in message and "Not enough disk space" in message and str(store.data_dir) in message
    assert "1000 B" in message and "KB" in message  # what is free, what is needed
    assert tree_digest(store.data_dir) == before


def test_a_disk_that_fills_up_while_writing_is_told_and_cleaned_up(
    two_versions, inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, *_ = two_versions
    before = tree_digest(store.data_dir)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_module, "_write_new_file", full)
    with pytest.raises(StoreFull, match="磁盘空间不足"):
        store.import_paths([inputs])
    assert tree_digest(store.data_dir) == before


def test_a_full_disk_when_pinning_leaves_the_pins_as_they_were(two_versions, monkeypatch: pytest.MonkeyPatch) -> None:
    store, first, second = two_versions
    store.pin(first)

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_module, "_replace_text", full)
    with pytest.raises(StoreFull, match="Not enough disk space"):
        store.pin(second)
    assert store.pinned() == {first}


def test_the_manifest_still_lists_every_file_with_its_checksum(two_versions) -> None:
    store, _, second = two_versions
    manifest = json.loads((store.versions_dir / second / "manifest.json").read_text())
    assert set(manifest["sha256"]) == {f"{name}.parquet" for name in manifest["tables"]}
    assert store.damage(second) == ()


def test_a_disk_just_too_small_says_the_bytes_not_two_equal_sizes(tmp_path: Path) -> None:
    message = str(StoreFull(tmp_path, needed=2_726_301, free=2_719_744))
    assert "2,719,744 B" in message and "2,726,301 B" in message and "2.6 MB" not in message
