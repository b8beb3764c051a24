"""The committed Jiangsu registry (chuangye/sample/registry/) and the classification rules that built it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from chuangye.sample.bundled import REGISTRY_DIR, SAMPLE_DIR

REPO = Path(__file__).resolve().parents[4]
REGISTRY = REGISTRY_DIR


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return pd.read_csv(REGISTRY / "regions.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return pd.read_csv(REGISTRY / "units.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_registry", REPO / "tools" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script is executed
    spec.loader.exec_module(module)
    return module


def test_regions_have_the_real_jiangsu_tiers(regions: pd.DataFrame) -> None:
    assert regions["level"].value_counts().to_dict() == {"province": 1, "city": 13, "county": 104}
    assert regions.loc[regions["level"] == "province", "region_code"].tolist() == ["320000"]
    cities = regions[regions["level"] == "city"]
    assert cities["region_code"].str.fullmatch(r"32\d\d00").all()
    assert "320100" in set(cities["region_code"]) and (cities["parent_code"] == "320000").all()
    counties = regions[regions["level"] == "county"]
    assert (counties["parent_code"] == counties["region_code"].str[:4] + "00").all()
    zones = counties[counties["is_stat_zone"] == "true"]
    assert len(zones) == 9
    assert zones["region_code"].str[4:].isin(["71", "76"]).all()
    assert "320576" in set(zones["region_code"])  # 苏州工业园区


def test_units_counts_per_level(units: pd.DataFrame) -> None:
    lengths = units["unit_code"].str.len().value_counts().to_dict()
    assert lengths == {12: 21_958, 9: 1_487, 6: 9}
    assert units["unit_code"].is_unique


def test_class_counts(units: pd.DataFrame) -> None:
    kinds = units[units["unit_code"].str.len() == 9]["division_kind"].value_counts()
    assert (kinds["镇"], kinds["街道"], kinds["乡"], kinds["街道办"]) == (691, 495, 17, 7)
    in_scope = units[units["in_scope"] == "true"]
    by_type = in_scope["unit_type"].value_counts()
    assert by_type["street_town"] == 1_210  # 街道, 镇, 乡 and the 7 办 street offices
    assert 21_000 <= by_type["community_village"] <= 21_500
    villages = units[units["unit_code"].str.len() == 12]["division_kind"].value_counts()
    assert 13_000 <= villages["村"] <= 13_600
    assert 5_800 <= villages["社区"] <= 6_200
    out = units[units["in_scope"] == "false"]
    assert (out["unit_type"] == "").all()
    assert {"农场", "监狱", "风景区", "林场", "生活区", "开发区", "虚拟"} <= set(out["division_kind"])


def _placeholders(frame: pd.DataFrame) -> pd.Series:
    """NBS placeholders by plain pandas: village-level serial 498/598 or 虚拟 in the name."""
    code = frame["unit_code"].astype(str)
    by_code = (code.str.len() == 12) & code.str[-3:].isin(["498", "598"])
    return by_code | frame["name"].str.contains("虚拟", regex=False)


def test_no_nbs_placeholder_is_in_scope(units: pd.DataFrame) -> None:
    """126 虚拟社区 (four of them prisons') used to count as communities."""
    placeholders = units[_placeholders(units)]
    assert len(placeholders) == 174  # 126 虚拟社区 + 48 虚拟生活区
    assert (placeholders["in_scope"] == "false").all() and (placeholders["unit_type"] == "").all()
    assert (placeholders["division_kind"] == "虚拟").all()
    assert "320113400498" in set(placeholders["unit_code"])  # 龙潭监狱虚拟社区
    in_scope = units[units["in_scope"] == "true"]
    assert not in_scope["name"].str.contains("虚拟").any()
    assert not in_scope["unit_code"].str.fullmatch(r"\d{9}(498|598)").any()


def test_bundled_sample_counts_no_placeholder() -> None:
    sample = pd.read_csv(SAMPLE_DIR / "units.csv", dtype=str, keep_default_na=False)
    assert (sample.loc[_placeholders(sample), "in_scope"] == "false").all()
    assert _placeholders(sample).sum() == 174


def test_communities_and_villages_belong_to_streets_towns_or_parks(units: pd.DataFrame) -> None:
    """Rule 2 of PROVENANCE.md: no in-scope community or village under a farm, scenic area, unlisted zone ...;
    those under a township inside a county-level zone park count as the park's."""
    townships = units[units["unit_code"].str.len() == 9].set_index("unit_code")
    zone_parks = set(units.loc[(units["unit_code"].str.len() == 6) & (units["in_scope"] == "true"), "unit_code"])
    villages = units[(units["unit_code"].str.len() == 12) & (units["in_scope"] == "true")]
    parent_type = villages["township_code"].map(townships["unit_type"])
    parent_ok = parent_type.isin(["street_town", "park"]) | villages["county_code"].isin(zone_parks)
    assert parent_ok.all(), villages[~parent_ok].head()
    orphans = units[
        (units["unit_code"].str.len() == 12)
        & units["division_kind"].isin(["村", "社区", "居委会"])
        & (units["in_scope"] == "false")
    ]
    parent_kind = orphans["township_code"].map(townships["division_kind"]).value_counts()
    assert set(parent_kind.index) <= {"农场", "风景区", "开发区", "林场", "其他", "监狱"}
    offices = villages[villages["township_code"].map(townships["division_kind"]) == "街道办"]
    assert len(offices) > 0  # the communities of 办 street offices count


def _documented_counts() -> pd.DataFrame:
    """The Counts table of PROVENANCE.md: level, division_kind, unit_type, in scope, count."""
    text = (REGISTRY / "PROVENANCE.md").read_text(encoding="utf-8")
    table = text[text.index("## Counts") :].split("\n\n")[2]
    rows = []
    for line in table.splitlines()[2:]:
        level, kind, unit_type, in_scope, count = (c.strip() for c in line.strip("|").split("|"))
        rows.append(
            {
                "length": {"township": 9, "village": 12, "county-level zone": 6}[level],
                "division_kind": kind.split(" ")[0],
                "unit_type": "" if unit_type == "–" else unit_type,
                "in_scope": {"yes": "true", "no": "false"}[in_scope],
                "count": int(count.replace(",", "")),
            }
        )
    return pd.DataFrame(rows)


def test_documented_counts_hold(units: pd.DataFrame) -> None:
    documented = _documented_counts().groupby(["length", "division_kind", "unit_type", "in_scope"])["count"].sum()
    actual = units.groupby([units["unit_code"].str.len().rename("length"), "division_kind", "unit_type", "in_scope"])
    assert actual.size().rename("count").sort_index().to_dict() == documented.sort_index().to_dict()
    by_type = units[units["in_scope"] == "true"]["unit_type"].value_counts()
    line = f"In scope: {by_type['street_town']:,} street_town, {by_type['community_village']:,} community_village, "
    line += f"{by_type['park']:,} park ({by_type.sum():,} units)"
    assert line in (REGISTRY / "PROVENANCE.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for n in (by_type["street_town"], by_type["community_village"], by_type["park"]):
        assert f"{n:,}" in readme


def test_codes_are_consistent_with_their_prefixes(units: pd.DataFrame, regions: pd.DataFrame) -> None:
    assert (units["county_code"] == units["unit_code"].str[:6]).all()
    assert (units["city_code"] == units["unit_code"].str[:4] + "00").all()
    villages = units[units["unit_code"].str.len() == 12]
    assert (villages["township_code"] == villages["unit_code"].str[:9]).all()
    assert (units.loc[units["unit_code"].str.len() < 12, "township_code"] == "").all()
    assert set(villages["township_code"]) <= set(units["unit_code"])
    assert set(units["county_code"]) <= set(regions.loc[regions["level"] == "county", "region_code"])


def test_about_130_parks_with_a_level(units: pd.DataFrame) -> None:
    parks = units[units["unit_type"] == "park"]
    assert 120 <= len(parks) <= 140
    assert (parks["in_scope"] == "true").all()
    assert parks["park_level"].isin(["national", "provincial"]).all()
    assert (units.loc[units["unit_type"] != "park", "park_level"] == "").all()
    zones = parks[parks["unit_code"].str.len() == 6]
    assert len(zones) == 9 and (zones["park_level"] == "national").all()
    assert parks["county_code"].nunique() >= 70  # spread over the counties, not piled up in a few
    assert not parks["name"].str.endswith(("街道", "镇", "乡")).any()


@pytest.mark.parametrize(
    ("name", "kind", "unit_type"),
    [
        ("东华门街道", "街道", "street_town"),
        ("汤泉农场", "农场", None),
        ("龙潭监狱", "监狱", None),
        ("珍珠泉旅游度假区", "风景区", None),
        ("老山林场", "林场", None),
        ("南京经济技术开发区", "开发区", None),
        ("三星镇（叠石桥家纺产业园区）", "开发区", None),
        ("东方丝绸市场", "其他", None),
        ("灌西盐场", "农场", None),
        ("宁连路办", "街道办", "street_town"),
        ("高铁商务区办", "街道办", "street_town"),
        ("金牛湖旅游管理办公室", "风景区", None),
    ],
)
def test_township_rules(builder, name: str, kind: str, unit_type: str | None) -> None:
    rule = builder.classify(name, builder.TOWNSHIP_RULES)
    assert (rule.division_kind, rule.unit_type) == (kind, unit_type)


@pytest.mark.parametrize(
    ("name", "kind", "in_scope"),
    [
        ("多福巷社区居委会", "社区", True),
        ("九洲里居委会", "居委会", True),
        ("公和村委会（新）", "村", True),
        ("南夏墅社区居委会（含南夏墅村村委）", "社区", True),
        ("耕耘路管理区社区", "社区", True),
        ("二分场生活区", "生活区", False),
        ("第四生产队", "生产队", False),
        ("综合保税管理区", "管理区", False),
        ("郭庄村（居）委会", "村", True),
        ("龙潭监狱虚拟社区", "虚拟", False),
        ("新港虚拟生活区", "虚拟", False),
    ],
)
def test_village_rules(builder, name: str, kind: str, in_scope: bool) -> None:
    rule = builder.classify(builder.strip_note(name), builder.VILLAGE_RULES)
    assert (rule.division_kind, rule.in_scope) == (kind, in_scope)
