"""Region ("merge") imports (issue 10): a city's or county's figures replace that region's rows for the years the
files hold, every other row stays exactly as it was; rows outside the region, the registry tables, empty files
and rows given twice are refused on their own rows; the shrink guard counts the region's rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.changes import Consent
from chuangye.data.regional import RegionScope
from chuangye.data.store import ImportRejected, Store, StoreError
from tests.synthetic import small_tables, write_csv_dir

CONFIG = load_config()
NANJING, WUXI = "320100", "320200"
XUANWU, QINHUAI, XISHAN = "320102", "320104", "320205"  # 南京市玄武区, 南京市秦淮区, 无锡市锡山区


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The user's own tables (not synthetic: the shrink guard applies)."""
    store = Store(tmp_path / "data", config=CONFIG)
    store.import_paths([write_csv_dir(tmp_path / "real", small_tables())])
    return store


def inputs_of(county_prefix: str, year: int, **changed: str) -> pd.DataFrame:
    """The small dataset's indicator rows of the units whose code begins with ``county_prefix`` in ``year``."""
    inputs = small_tables()["indicator_inputs"]
    rows = inputs[inputs["unit_code"].str.startswith(county_prefix) & (inputs["year"] == str(year))].copy()
    for column, value in changed.items():
        rows[column] = value
    return rows


def submit(tmp_path: Path, name: str, **tables: pd.DataFrame) -> Path:
    return write_csv_dir(tmp_path / name, tables)


def by_key(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


def outside(frame: pd.DataFrame, county_prefixes: tuple[str, ...], years: set[int]) -> pd.Series:
    """Rows of units outside the given counties, or of other years."""
    in_counties = frame["unit_code"].str.startswith(county_prefixes)
    return ~(in_counties & frame["year"].isin(years))


# ----------------------------------------------------------------------------------------- the merge


def test_a_city_replaces_its_own_rows_of_its_years_and_keeps_every_other_row(store: Store, tmp_path: Path) -> None:
    before = store.active().indicator_inputs
    files = submit(tmp_path, "wuxi", indicator_inputs=inputs_of(XISHAN, 2019, new_entrepreneurs="7"))
    result = store.import_paths([files], region=WUXI)
    after = store.active().indicator_inputs
    key = ["unit_code", "year"]
    others = outside(before, (XISHAN,), {2019})
    assert others.sum() == 30
    pd.testing.assert_frame_equal(by_key(after[outside(after, (XISHAN,), {2019})], key), by_key(before[others], key))
    mine = after[~outside(after, (XISHAN,), {2019})]
    assert sorted(mine["unit_code"]) == ["320205001", "320205001001"] and set(mine["new_entrepreneurs"]) == {7}
    change = {c.table: c for c in result.changes}["indicator_inputs"]
    assert (change.origin, change.before, change.after, change.added, change.changed, change.removed) == (
        "file", 32, 32, 0, 2, 0
    )  # fmt: skip
    assert change.region_before == 2
    carried = {c.table for c in result.changes if c.origin == "carried"}
    assert carried == {"regions", "units", "certifications", "quotas"}
    for table in ("regions", "units", "certifications", "quotas"):
        pd.testing.assert_frame_equal(store.active().table(table), store.load(store.versions()[0].id).table(table))


def test_a_unit_missing_from_the_regions_file_is_removed_for_those_years_only(store: Store, tmp_path: Path) -> None:
    kept = inputs_of(XISHAN, 2019).iloc[:1]  # 东亭镇 only; 东亭村 dropped from 2019
    store.import_paths([submit(tmp_path, "one", indicator_inputs=kept)], region=WUXI)
    inputs = store.active().indicator_inputs
    village = inputs[inputs["unit_code"] == "320205001001"]
    assert sorted(village["year"]) == [2016, 2017, 2018]  # its other years stay


def test_a_county_import_leaves_the_other_counties_of_its_city(store: Store, tmp_path: Path) -> None:
    before = store.active().indicator_inputs
    files = submit(tmp_path, "xuanwu", indicator_inputs=inputs_of(XUANWU, 2018, trainees="90"))
    store.import_paths([files], region=XUANWU)
    after = store.active().indicator_inputs
    key = ["unit_code", "year"]
    pd.testing.assert_frame_equal(
        by_key(after[outside(after, (XUANWU,), {2018})], key), by_key(before[outside(before, (XUANWU,), {2018})], key)
    )
    assert set(after.loc[~outside(after, (XUANWU,), {2018}), "trainees"]) == {90}
    qinhuai = after[after["unit_code"].str.startswith(QINHUAI) & (after["year"] == 2018)]
    assert set(qinhuai["trainees"]) == {100}


def test_certifications_are_replaced_by_round_year(store: Store, tmp_path: Path) -> None:
    certs = small_tables()["certifications"]
    xuanwu_2019 = certs[(certs["unit_code"] == "320102001001")].copy()
    xuanwu_2019["stage"] = "county_evaluated"
    result = store.import_paths([submit(tmp_path, "c", certifications=xuanwu_2019)], region=NANJING)
    after = store.active().certifications.set_index(["unit_code", "round_year"])["stage"]
    # 南京's 2019 round is the file's: 秦淮 320104001's city_reviewed row of 2019 is gone, 2018's stays
    assert after.to_dict() == {("320102001", 2018): "certified", ("320102001001", 2019): "county_evaluated"}
    change = {c.table: c for c in result.changes}["certifications"]
    assert (change.changed, change.removed, change.region_before) == (1, 1, 2)


def test_two_regions_at_once_each_file_replacing_its_own_region(store: Store, tmp_path: Path) -> None:
    """The province accepting two submissions (two paths, the same table) into one version."""
    before = store.active().indicator_inputs
    xuanwu = submit(tmp_path, "xuanwu", indicator_inputs=inputs_of(XUANWU, 2019, trainees="91"))
    wuxi = submit(tmp_path, "wuxi", indicator_inputs=inputs_of(XISHAN, 2018, trainees="92"))
    result = store.import_paths([xuanwu, wuxi], region=(XUANWU, WUXI), by="web:admin")
    after = store.active().indicator_inputs.set_index(["unit_code", "year"])["trainees"]
    old = before.set_index(["unit_code", "year"])["trainees"]
    changed = {key for key in old.index if after[key] != old[key]}
    assert changed == {(code, 2019) for code in ("320102001", "320102002", "320102001001", "320102001002")} | {
        (code, 2018) for code in ("320205001", "320205001001")
    }
    assert {after[k] for k in changed} == {91, 92} and len(after) == len(old)
    assert store.versions()[-1].region == (XUANWU, WUXI) and store.versions()[-1].by == "web:admin"
    assert {c.table: c.changed for c in result.changes}["indicator_inputs"] == 6


def test_nested_regions_each_file_speaks_for_the_smallest_region_holding_its_rows(store: Store, tmp_path: Path) -> None:
    """A county's file and its city's file in one import: the county file does not wipe the city's other rows."""
    qinhuai = submit(tmp_path, "qinhuai", indicator_inputs=inputs_of(QINHUAI, 2017, trainees="93"))
    scope = RegionScope((NANJING, QINHUAI), store.active().regions, store.active().units)
    frame = inputs_of(QINHUAI, 2017).set_index(pd.RangeIndex(2, 4))
    assert scope.slice_of("indicator_inputs", frame) == (QINHUAI,)
    store.import_paths([qinhuai], region=(NANJING, QINHUAI))
    after = store.active().indicator_inputs
    xuanwu_2017 = after[after["unit_code"].str.startswith(XUANWU) & (after["year"] == 2017)]
    assert len(xuanwu_2017) == 4 and set(xuanwu_2017["trainees"]) == {100}


# ---------------------------------------------------------------------------------------- refusals


def test_a_row_of_another_city_is_refused_on_its_own_row_and_nothing_is_stored(store: Store, tmp_path: Path) -> None:
    inputs = small_tables()["indicator_inputs"]
    nanjing_row = inputs[(inputs["unit_code"] == "320102001") & (inputs["year"] == "2019")]
    files = submit(tmp_path, "mixed", indicator_inputs=pd.concat([inputs_of(XISHAN, 2019), nanjing_row]))
    digest = tree_digest(store.data_dir)
    with pytest.raises(ImportRejected) as info:
        store.import_paths([files], region=WUXI)
    errors = [p for p in info.value.problems if p.is_error]
    assert [(p.check, p.file, p.row, p.column, p.value) for p in errors] == [
        ("row_outside_region", "indicator_inputs.csv", 4, "unit_code", "320102001")
    ]
    [problem] = errors
    assert "单位 320102001 不在本次导入的区域无锡市（320200）内" in problem.message_zh
    assert "Unit 320102001 lies outside this import's region, Wuxi (320200)" in problem.message_en
    # the unit's name and county are another area's, which the submitting region may not see
    assert "玄武" not in problem.message_zh and "Xuanwu" not in problem.message_en
    assert tree_digest(store.data_dir) == digest


def test_a_quota_of_another_city_is_refused(store: Store, tmp_path: Path) -> None:
    quotas = small_tables()["quotas"]
    files = submit(tmp_path, "q", quotas=quotas[quotas["year"] == "2019"])
    problems = store.preview_import([files], region=NANJING).problems
    rows = [(p.check, p.row, p.value) for p in problems if p.is_error]
    assert rows == [("row_outside_region", row, WUXI) for row in (5, 6, 7)]
    assert "设区市 320200（无锡市）" in problems[0].message_zh
    # a county holds no city's quota
    nanjing = quotas[(quotas["year"] == "2019") & (quotas["city_code"] == NANJING)]
    county = store.preview_import([submit(tmp_path, "q2", quotas=nanjing)], region=XUANWU).problems
    assert {p.check for p in county if p.is_error} == {"row_outside_region"}


def test_the_registry_is_the_provinces(store: Store, tmp_path: Path) -> None:
    units = small_tables()["units"]
    files = submit(tmp_path, "u", units=units[units["county_code"] == XISHAN])
    problems = store.preview_import([files], region=WUXI).problems
    assert [(p.check, p.file) for p in problems if p.is_error] == [("registry_table_in_region_import", "units.csv")]
    assert "由省级统一维护" in problems[0].message_zh and "kept by the province" in problems[0].message_en


def test_an_empty_file_is_refused_without_a_second_warning(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "indicator_inputs.csv").write_text(",".join(small_tables()["indicator_inputs"].columns) + "\n")
    problems = store.preview_import([folder], region=WUXI).problems
    assert [(p.check, p.is_error) for p in problems] == [("region_table_empty", True)]


def test_a_row_given_by_two_files_is_refused(store: Store, tmp_path: Path) -> None:
    first = submit(tmp_path, "a", indicator_inputs=inputs_of(XISHAN, 2019))
    again = submit(tmp_path, "b", indicator_inputs=inputs_of(XISHAN, 2019).iloc[1:])
    problems = store.preview_import([first, again], region=WUXI).problems
    assert [(p.check, p.row, p.value) for p in problems if p.is_error] == [
        ("region_key_in_two_files", 2, "320205001001")
    ]
    assert "indicator_inputs.csv 第 3 行" in problems[0].message_zh


def test_removing_most_of_the_regions_rows_needs_consent(store: Store, tmp_path: Path) -> None:
    one = submit(tmp_path, "one", indicator_inputs=inputs_of(XUANWU, 2019).iloc[:1])  # 1 of 南京's 6 units
    digest = tree_digest(store.data_dir)
    with pytest.raises(ImportRejected) as info:
        store.import_paths([one], region=NANJING)
    [problem] = [p for p in info.value.problems if p.is_error]
    assert problem.check == "region_rows_shrink"
    assert "南京市（320100）" in problem.message_zh and "现有 6 行中的 5 行（83.3%" in problem.message_zh
    assert "delete 5 of the 6 rows that Nanjing (320100) has" in problem.message_en
    assert tree_digest(store.data_dir) == digest
    result = store.import_paths([one], region=NANJING, consent=Consent(allow_shrink=True))
    change = {c.table: c for c in result.changes}["indicator_inputs"]
    assert (change.before, change.after, change.removed, change.removed_share) == (32, 27, 5, 5 / 6)


def test_an_unknown_region_is_said_in_both_languages(store: Store, tmp_path: Path) -> None:
    files = submit(tmp_path, "w", indicator_inputs=inputs_of(XISHAN, 2019))
    with pytest.raises(StoreError) as info:
        store.preview_import([files], region="329900")
    assert "329900" in str(info.value) and "regions table" in str(info.value) and "行政区划表" in str(info.value)


def test_a_region_import_into_an_empty_store_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "none", config=CONFIG)
    files = submit(tmp_path, "w", indicator_inputs=inputs_of(XISHAN, 2019))
    with pytest.raises(ImportRejected) as info:
        store.import_paths([files], region=WUXI)
    assert [p.check for p in info.value.problems if p.is_error] == ["region_import_without_data"]
    assert not (tmp_path / "none" / "ACTIVE").exists()


def test_a_region_import_is_validated_against_the_active_registry(store: Store, tmp_path: Path) -> None:
    rows = inputs_of(XISHAN, 2019)
    rows.loc[rows.index[0], "unit_code"] = "320205009"  # no such unit
    rows.loc[rows.index[1], "trainees"] = "many"
    problems = store.preview_import([submit(tmp_path, "v", indicator_inputs=rows)], region=WUXI).problems
    assert {(p.check, p.row) for p in problems if p.is_error} == {("unknown_unit", 2), ("not_integer", 3)}
