"""The region hierarchy every page, export and command asks (RegionTree), on the bundled sample's regions."""

from __future__ import annotations

import pandas as pd
import pytest

from chuangye.engine.regions import RegionTree
from chuangye.sample.bundled import SAMPLE_DIR


@pytest.fixture(scope="module")
def tree() -> RegionTree:
    regions = pd.read_csv(SAMPLE_DIR / "regions.csv", dtype=str, keep_default_na=False)
    regions["is_stat_zone"] = regions["is_stat_zone"].str.lower().eq("true")
    return RegionTree.from_frame(regions)


def test_root_levels_and_names(tree):
    assert tree.root == "320000"
    assert len(tree.codes("city")) == 13 and len(tree.codes("county")) == 104
    assert tree.name("320100") == "南京市" and tree.name("320100", "en") == "Nanjing City"
    assert tree.name("999999") == "999999"  # unknown codes name themselves
    assert "320576" in tree.stat_zones and "320102" not in tree.stat_zones


def test_city_of(tree):
    assert tree.city_of("320000") is None
    assert tree.city_of("320700") == "320700"
    assert tree.city_of("320722") == "320700"  # a county lies in its city
    assert tree.city_of("320576") == "320500"  # a statistical development zone too
    assert tree.city_of("999900") is None
    assert tree.city_of("320102002") == "320100"  # a township by its county prefix
    assert tree.city_of("320102002001") == "320100"  # a village too


def test_county_of_children_and_path(tree):
    assert tree.county_of("320102002") == "320102" and tree.county_of("320100") is None
    assert tree.path("320102") == ("320000", "320100", "320102")
    assert tree.path("nope") == ("320000",)
    assert tree.children("320000") == tree.codes("city")
    nanjing = tree.children("320100")
    assert len(nanjing) == 11 and all(tree.parent_of(c) == "320100" for c in nanjing)
    assert "320576" in tree.children("320500")


def test_region_or_root(tree):
    assert tree.region_or_root("320102") == "320102"
    assert tree.region_or_root("320102002") == "320000"  # a unit is not a region
    assert tree.region_or_root(None) == "320000"
    assert tree.region_or_root("320102", levels=("province", "city")) == "320000"


def test_a_table_without_a_province_is_refused():
    frame = pd.DataFrame(
        {
            "region_code": ["320100"],
            "name": ["南京市"],
            "name_en": ["Nanjing"],
            "level": ["city"],
            "parent_code": [""],
            "is_stat_zone": [False],
        }
    )
    with pytest.raises(ValueError, match="no province"):
        RegionTree.from_frame(frame)
