"""The scope rules shared by the registry build, the samples and the engine (chuangye/data/scope.py)."""

from __future__ import annotations

import pandas as pd

from chuangye.data.scope import parent_is_a_unit, placeholder_mask, without_placeholders


def test_placeholders_are_found_by_serial_or_by_name() -> None:
    codes = ["320113400498", "320113400598", "320102002001", "320113498", "320102002003", "320102002499"]
    names = ["龙潭监狱虚拟社区", "某虚拟生活区", "梅园新村社区", "某开发区", "虚拟村委会", "某社区"]
    assert placeholder_mask(codes, names).tolist() == [True, True, False, False, True, False]


def test_placeholders_in_scope_are_overruled_and_nothing_else_changes() -> None:
    units = pd.DataFrame(
        {
            "unit_code": pd.array(["320113400", "320113400498", "320113400001"], dtype="string"),
            "name": pd.array(["龙潭街道", "龙潭监狱虚拟社区", "龙潭社区"], dtype="string"),
            "in_scope": pd.array([True, True, None], dtype="boolean"),
        }
    )
    scoped = without_placeholders(units)
    assert scoped["in_scope"].tolist() == [True, False, pd.NA]
    assert units["in_scope"].tolist() == [True, True, pd.NA]  # the caller's frame is left alone
    clean = scoped
    assert without_placeholders(clean) is clean  # nothing to overrule: no copy


def test_a_village_counts_only_under_a_unit_township_or_in_a_zone_park() -> None:
    townships = ["320102002", "320115400", "320671", "320671400"]  # street, farm, zone park, township in the zone
    villages = ["320102002001", "320115400001", "320671400001", "320199001001"]
    units = pd.DataFrame(
        {
            "unit_code": townships + villages,
            "in_scope": [True, False, True, False, True, True, True, True],
            "township_code": ["", "", "", "", "320102002", "320115400", "320671400", "320199001"],
        }
    )
    # street's community, farm's community (out), zone park's community, village of an unknown township
    assert parent_is_a_unit(units).tolist() == [True] * 5 + [False, True, True]
