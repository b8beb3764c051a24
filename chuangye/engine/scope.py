"""Who sees what: a user's scope, and the scoped view of a data version that every path reads through.

The rule (issue 9), applied here once:

- ``admin`` and ``province`` see everything;
- ``city`` (bound to a city code) sees everything inside its city, and of every other city only the city-level
  aggregates (so the peer comparison works): no county row, unit row, name or scorecard of another city;
- ``county`` (bound to a county code) sees everything inside its county, the city-level aggregates of every
  city and the county-level aggregates of the counties of its own city; nothing below county level elsewhere.

``scoped(an, scope)`` is an ``Analytics`` holding only what the scope may see: its units, indicator rows,
certification steps and township shapes are those of the home area; its region tree and coverage hold the
province, every city and the counties it may see. The aggregates it keeps are the whole version's (a city's
coverage is the same number for everyone who may see it), taken from ``whole`` and then cut, never recomputed
from the cut rows. A page, callback, export, report, API route or CLI read-out handed a scoped view cannot show
what it does not hold.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import geopandas as gpd
import pandas as pd

from chuangye.data.dataset import Dataset
from chuangye.data.db.codes import ROLES as ACCOUNT_ROLES
from chuangye.engine.manager import Analytics
from chuangye.engine.regions import COUNTY_CODE_LENGTH, RegionTree

Role = Literal["admin", "province", "city", "county"]
ROLES: tuple[str, ...] = ACCOUNT_ROLES  # one list of roles, the accounts' (data/db/codes.py)
FULL_ROLES: tuple[Role, ...] = ("admin", "province")
# Who may view a stored version other than the active one, read-only (web/services.py ``ask``; docs/api.md).
# A city or county user sees the active version only: least privilege, as no task of theirs needs superseded
# figures (the province compares versions when it accepts data), and an older version may hold figures later
# corrected or withdrawn, or regions an account's region no longer fits.
HISTORY_ROLES: tuple[Role, ...] = FULL_ROLES
BOUND_LEVEL: dict[str, str] = {"city": "city", "county": "county"}  # the region level a bound role names


class ScopeError(ValueError):
    """A role bound to no region, or to a region of the wrong level; ``code`` names the problem."""

    def __init__(self, code: str, role: str, region: str | None) -> None:
        super().__init__(f"{code}: role={role!r} region={region!r}")
        self.code, self.role, self.region = code, role, region


@dataclass(frozen=True)
class Scope:
    role: Role
    region: str | None = None  # the city code of a city user, the county code of a county user

    @classmethod
    def everything(cls) -> Scope:
        """What the province (and a single user with ``--no-auth``) sees."""
        return cls("province")

    @property
    def is_full(self) -> bool:
        return self.role in FULL_ROLES

    @property
    def sees_history(self) -> bool:
        """Whether the scope may view stored versions other than the active one (``HISTORY_ROLES``)."""
        return self.role in HISTORY_ROLES

    @property
    def key(self) -> str:
        return "all" if self.is_full else f"{self.role}:{self.region}"

    def check(self, tree: RegionTree) -> Scope:
        """This scope if its region suits its role in ``tree``; a ``ScopeError`` otherwise."""
        if self.role not in ROLES:
            raise ScopeError("unknown_role", self.role, self.region)
        if self.is_full:
            return self
        if not self.region:
            raise ScopeError("region_required", self.role, self.region)
        if tree.level_of(self.region) != BOUND_LEVEL[self.role]:
            raise ScopeError(f"region_not_a_{BOUND_LEVEL[self.role]}", self.role, self.region)
        return self

    def home_city(self, tree: RegionTree) -> str | None:
        """The city the scope lives in (None for a full scope)."""
        return None if self.is_full else tree.city_of(self.region)

    def unit_counties(self, tree: RegionTree) -> frozenset[str]:
        """The county-level areas whose units, townships and county-level details the scope sees."""
        if self.is_full:
            return frozenset(tree.codes("county"))
        if self.role == "city":
            return frozenset(tree.children(self.region))
        return frozenset({self.region})

    def visible_regions(self, tree: RegionTree) -> frozenset[str]:
        """The regions whose aggregates the scope sees: the province, every city, and the counties of its city
        (a county user sees its neighbours' county figures, not their units)."""
        if self.is_full:
            return frozenset(tree.level)
        city = self.home_city(tree)
        return frozenset({tree.root, *tree.codes("city"), *tree.children(city)})

    def sees_region(self, code: str | None, tree: RegionTree) -> bool:
        """Whether a region (or a unit, by its code's county) may be opened: a page, a drill-down, a unit list."""
        if self.is_full or code is None:
            return True
        if tree.level_of(code) is not None:
            return code in self.visible_regions(tree)
        return str(code)[:COUNTY_CODE_LENGTH] in self.unit_counties(tree)

    def opens(self, code: str | None, tree: RegionTree) -> bool:
        """Whether a view about ``code`` may be opened: a page that names it shows its breakdown (a city's
        counties, a county's units) or, for a unit, its scorecard. The province (and no code) always; a city
        only the scope's own; a county or unit only within the scope's unit counties. Another city's
        aggregates stay visible where the province lists its cities, but the city cannot be opened."""
        if self.is_full or not code or code == tree.root:
            return True
        if tree.level_of(code) == "city":
            return code == self.home_city(tree)
        return str(code)[:COUNTY_CODE_LENGTH] in self.unit_counties(tree)

    def may_export(self, code: str | None, tree: RegionTree) -> bool:
        """Whether files about a region (report, region workbook, tables) may be made: only within the home area
        (its city for a city user, its county for a county user); a full scope exports anything."""
        if self.is_full:
            return True
        home = {self.region} | (set(tree.children(self.region)) if self.role == "city" else set())
        if code is None or code == tree.root:
            return False
        return code in home or str(code)[:COUNTY_CODE_LENGTH] in self.unit_counties(tree)


@dataclass
class ScopedAnalytics(Analytics):
    """One data version as a scope sees it (build with ``scoped``)."""

    whole: Analytics | None = field(default=None, repr=False)  # aggregates only: never hand its rows to a user
    scope: Scope = field(default_factory=Scope.everything)
    unit_counties: frozenset[str] = frozenset()
    visible: frozenset[str] = frozenset()

    @cached_property
    def unit_indicators(self) -> pd.DataFrame:
        rows = self.whole.unit_indicators
        return rows[rows["unit_code"].isin(self.dataset.units["unit_code"])].reset_index(drop=True)

    @cached_property
    def years(self) -> list[int]:
        return self.whole.years

    @cached_property
    def first_round(self) -> int | None:
        return self.whole.first_round

    def _coverage_of(self, basis: str) -> pd.DataFrame:
        def build() -> pd.DataFrame:
            frame = self.whole._coverage_of(basis)
            return frame[frame["region_code"].isin(self.visible)].reset_index(drop=True)

        return self.artefact(f"coverage:{basis}", build)


def scoped(an: Analytics, scope: Scope) -> Analytics:
    """``an`` as ``scope`` sees it: ``an`` itself for a full scope, else its scoped view (built once per scope
    and version). A scope whose region does not suit its role raises ``ScopeError``."""
    whole = an.whole if isinstance(an, ScopedAnalytics) else an
    scope = scope.check(whole.regions)
    if scope.is_full:
        return whole
    return whole.artefact(f"scope:{scope.key}", lambda: _build(whole, scope))


def _build(whole: Analytics, scope: Scope) -> ScopedAnalytics:
    tree = whole.regions
    counties = scope.unit_counties(tree)
    visible = scope.visible_regions(tree)
    return ScopedAnalytics(
        dataset=_cut(whole.dataset, counties, visible),
        cfg=whole.cfg,
        whole=whole,
        scope=scope,
        unit_counties=counties,
        visible=visible,
    )


def _cut(dataset: Dataset, counties: frozenset[str], visible: frozenset[str]) -> Dataset:
    """The dataset's rows the scope may see; quotas are handed to cities, so they are city-level aggregates."""
    units = dataset.units[dataset.units["county_code"].isin(counties)]
    codes = units["unit_code"]
    return dataclasses.replace(
        dataset,
        regions=dataset.regions[dataset.regions["region_code"].isin(visible)].reset_index(drop=True),
        units=units.reset_index(drop=True),
        indicator_inputs=_rows_of(dataset.indicator_inputs, codes),
        certifications=_rows_of(dataset.certifications, codes),
        boundaries={level: _shapes_in(shapes, counties) for level, shapes in dataset.boundaries.items()},
    )


def _rows_of(table: pd.DataFrame, unit_codes: pd.Series) -> pd.DataFrame:
    return table[table["unit_code"].isin(unit_codes)].reset_index(drop=True)


def _shapes_in(shapes: gpd.GeoDataFrame, counties: frozenset[str]) -> gpd.GeoDataFrame:
    """Township shapes of the scope's counties (a shape's code starts with its county's)."""
    if "code" not in shapes:
        return shapes.iloc[0:0]
    inside = shapes["code"].astype(str).str[:COUNTY_CODE_LENGTH].isin(counties)
    return shapes[inside.to_numpy()].reset_index(drop=True)


__all__ = ["FULL_ROLES", "HISTORY_ROLES", "ROLES", "Role", "Scope", "ScopeError", "ScopedAnalytics", "scoped"]
