"""The region hierarchy of one data version: the one answer to "what level, which parent, which city, which
children, what name" for every page, export and command.

Built from the ``regions`` table (province → cities → county-level areas, statistical development zones
included). Township and village codes are not regions; their first six digits name their county, which is
how a unit code is placed (``county_of``/``city_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Level = Literal["province", "city", "county"]
LEVELS: tuple[Level, ...] = ("province", "city", "county")
COUNTY_CODE_LENGTH = 6


@dataclass(frozen=True)
class RegionTree:
    root: str  # the province's code
    level: dict[str, Level]
    parent: dict[str, str]  # every region but the root
    names: dict[str, dict[str, str]]  # lang -> code -> name (English falls back to Chinese)
    stat_zones: frozenset[str]
    _children: dict[str, tuple[str, ...]]

    @classmethod
    def from_frame(cls, regions: pd.DataFrame) -> RegionTree:
        codes = [str(c) for c in regions["region_code"]]
        levels = dict(zip(codes, (str(v) for v in regions["level"]), strict=True))
        parent = {
            code: str(p) for code, p in zip(codes, regions["parent_code"], strict=True) if isinstance(p, str) and p
        }
        roots = sorted(code for code, level in levels.items() if level == "province")
        if not roots:
            raise ValueError("区划表中没有省级区划 / the regions table has no province")
        zh = dict(zip(codes, (str(n) for n in regions["name"]), strict=True))
        en = {
            code: name if isinstance(name, str) and name else zh[code]
            for code, name in zip(codes, regions["name_en"], strict=True)
        }
        children: dict[str, list[str]] = {}
        for code in sorted(codes):
            if code in parent:
                children.setdefault(parent[code], []).append(code)
        zones = regions["is_stat_zone"].fillna(False).astype(bool).to_numpy() if "is_stat_zone" in regions else []
        return cls(
            root=roots[0],
            level=levels,  # type: ignore[arg-type]
            parent=parent,
            names={"zh": zh, "en": en},
            stat_zones=frozenset(code for code, zone in zip(codes, zones, strict=False) if zone),
            _children={code: tuple(kids) for code, kids in children.items()},
        )

    def __contains__(self, code: object) -> bool:
        return code in self.level

    def level_of(self, code: str | None) -> Level | None:
        return self.level.get(code or "")

    def parent_of(self, code: str) -> str | None:
        return self.parent.get(code)

    def name(self, code: str, lang: str = "zh") -> str:
        return self.names["en" if lang == "en" else "zh"].get(code, code)

    def children(self, code: str) -> tuple[str, ...]:
        """The regions directly below ``code``, by code (statistical zones among their city's counties)."""
        return self._children.get(code, ())

    def codes(self, level: Level) -> tuple[str, ...]:
        return tuple(sorted(code for code, lvl in self.level.items() if lvl == level))

    def path(self, code: str) -> tuple[str, ...]:
        """Root first, ending at ``code``; just the root for an unknown code."""
        if code not in self.level:
            return (self.root,)
        out = [code]
        while (parent := self.parent.get(out[-1])) is not None and parent not in out:
            out.append(parent)
        return tuple(reversed(out))

    def county_of(self, code: str | None) -> str | None:
        """The county-level area a region or unit code lies in; None at or above city level."""
        if not code:
            return None
        candidate = code if code in self.level else code[:COUNTY_CODE_LENGTH]
        return candidate if self.level.get(candidate) == "county" else None

    def city_of(self, code: str | None) -> str | None:
        """The city a region or unit code lies in (itself for a city); None for the province or unknown codes."""
        if not code:
            return None
        if self.level.get(code) == "city":
            return code
        county = self.county_of(code)
        if county is not None:
            parent = self.parent.get(county)
            return parent if self.level.get(parent or "") == "city" else None
        return None

    def region_or_root(self, code: str | None, *, levels: tuple[Level, ...] = LEVELS) -> str:
        """``code`` when it is a known region of one of ``levels``, else the province."""
        return code if code is not None and self.level.get(code) in levels else self.root
