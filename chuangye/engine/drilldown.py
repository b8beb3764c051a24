"""Drill-down data: where a /map view stands (province → city → county → unit), a region's children, and
the state of every unit of a county with the synthetic town cells it is drawn on.

Pure computation, no Dash. Everything expensive is built once per ``Analytics`` (data version and
configuration) in a :class:`DrillData`; town cells once per county.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from chuangye.engine.indicators import unit_scorecard
from chuangye.engine.manager import Analytics
from chuangye.engine.regions import Level, RegionTree
from chuangye.geo.boundaries import load_boundaries, place_points, synthetic_cells

CHILD_LEVEL: dict[str, str] = {"province": "city", "city": "county", "county": "unit"}
INACTIVE = "inactive"  # a unit that does not exist in the chosen year: drawn faintly, never counted
CELL_SALT = "chuangye-drilldown-cells"
MEMO_SIZE = 600  # per-view results kept: a few megabytes at most

_REGION_COLUMNS = (
    "region_code",
    "region_name",
    "units_in_scope",
    "certified_cumulative",
    "meets_standard",
    "units_no_data",
    "coverage",
    "goal",
    "gap_points",
    "gap_units",
    "units_needed_per_year",
    "status",
)


@dataclass(frozen=True)
class DrillTarget:
    """The view a URL asks for, made consistent: a known region, its level, its path and a known unit."""

    level: Level
    region: str
    path: tuple[str, ...]  # province first, ending at ``region``
    unit: str | None = None


@dataclass
class CountyLayout:
    """What the county map draws that does not change with year, type or basis."""

    outline: shapely.Geometry
    cells: gpd.GeoDataFrame  # code (a street/town unit), geometry, synthetic
    positions: pd.DataFrame  # per unit code: x, y (where its marker goes)
    zones: gpd.GeoDataFrame  # statistical development zones lying on this county: code, name, geometry
    synthetic: bool  # any cell or unit position is synthetic


@dataclass
class DrillData:
    """Per-Analytics look-ups shared by every drill-down request."""

    an: Analytics
    units: pd.DataFrame  # in-scope typed units, indexed by unit_code, plus first_certified
    by_county_type: dict[tuple[str, str], np.ndarray]  # (county, type) -> positions in ``units``, by code
    status_by_year: dict[int, pd.DataFrame]  # year -> meets_standard, n_core_passed, n_core_no_data by unit
    rounds: dict[str, list[tuple[int, str]]]  # unit -> [(round_year, stage)] sorted
    regions: RegionTree
    _layouts: dict[str, CountyLayout] = field(default_factory=dict)
    _names: dict[str, pd.Series] = field(default_factory=dict)
    _coverage_index: dict[str, tuple[pd.DataFrame, dict, dict]] = field(default_factory=dict)
    _memo: OrderedDict[tuple, object] = field(default_factory=OrderedDict)  # per-view results, least recent first
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def remember(self, key: tuple, build):
        """``build()`` once per key; the last MEMO_SIZE results are kept (shared: callers must not modify them)."""
        try:
            hit = self._memo[key]
            self._memo.move_to_end(key)
            return hit
        except KeyError:
            pass
        hit = build()
        with self._lock:
            self._memo[key] = hit
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return hit

    # ------------------------------------------------------------------ regions and path

    def level_of(self, code: str) -> Level | None:
        return self.regions.level_of(code)

    def resolve(self, region: str | None, unit: str | None = None) -> DrillTarget:
        """The drill target for a URL's ``region`` and ``unit``.

        A known unit puts the view on its county (a copied link with only ``unit=`` still opens the right
        county); a 9-digit region that is a unit selects it; an unknown region falls back to the province.
        """
        tree = self.regions
        region = region or tree.root
        if unit is not None and unit not in self.units.index:
            unit = None
        if unit is None and region not in tree and region in self.units.index:
            unit = region
        if unit is not None:
            region = str(self.units.at[unit, "county_code"])
        level = tree.level_of(region)
        if level is None:
            return DrillTarget("province", tree.root, (tree.root,), None)
        return DrillTarget(level, region, tree.path(region), unit)

    # ------------------------------------------------------------------ region figures

    def _coverage(self, basis: str) -> tuple[pd.DataFrame, dict, dict]:
        """All coverage rows of a basis with look-ups by (region, type, year) and (parent, level, type, year)."""
        hit = self._coverage_index.get(basis)
        if hit is None:
            frame = self.an.coverage(basis=basis).reset_index(drop=True)
            keys = zip(frame["region_code"], frame["unit_type"], frame["year"].astype(int), strict=True)
            by_region = {key: i for i, key in enumerate(keys)}
            by_parent = frame.groupby(["parent_code", "level", "unit_type", "year"]).indices
            hit = self._coverage_index[basis] = (frame, by_region, by_parent)
        return hit

    def headline(self, region: str, year: int, unit_type: str, basis: str) -> dict | None:
        frame, by_region, _ = self._coverage(basis)
        position = by_region.get((region, unit_type, int(year)))
        if position is None:
            return None
        row = frame.iloc[position]
        out = {c: _plain(row[c]) for c in _REGION_COLUMNS if c in frame}
        out["coverage_certified"] = _plain(row["coverage_certified"])
        out["coverage_meets"] = _plain(row["coverage_meets"])
        return out

    def region_children(self, target: DrillTarget, year: int, unit_type: str, basis: str, lang: str) -> pd.DataFrame:
        """The cities of the province or the county-level areas of a city, with coverage and status.

        Columns: region_code, region_name (in ``lang``), is_stat_zone and the progress columns.
        """
        if target.level not in ("province", "city"):
            raise ValueError(f"{target.level} has units, not regions, as children")
        key = ("children", target.region, int(year), unit_type, basis, lang)
        return self.remember(key, lambda: self._region_children(target, int(year), unit_type, basis, lang))

    def _region_children(self, target: DrillTarget, year: int, unit_type: str, basis: str, lang: str) -> pd.DataFrame:
        coverage, _, by_parent = self._coverage(basis)
        level = "city" if target.level == "province" else "county"
        positions = sorted(by_parent.get((target.region, level, unit_type, year), []))
        frame = coverage.iloc[positions][[c for c in _REGION_COLUMNS if c in coverage]]
        names = self.regions.names["en" if lang == "en" else "zh"]
        return frame.assign(
            region_name=[names.get(c, c) for c in frame["region_code"]],
            is_stat_zone=frame["region_code"].isin(self.stat_zones),
        ).reset_index(drop=True)

    @cached_property
    def indicator_rows(self) -> dict[str, np.ndarray]:
        """Positions of each unit's rows in ``Analytics.unit_indicators``."""
        return self.an.unit_indicators.groupby("unit_code").indices

    @cached_property
    def stat_zones(self) -> frozenset[str]:
        regions = self.an.dataset.regions
        flag = regions["is_stat_zone"].fillna(False).astype(bool)
        return frozenset(regions.loc[flag, "region_code"])

    # ------------------------------------------------------------------ units of a county

    def county_units(self, county: str, unit_type: str) -> pd.DataFrame:
        positions = self.by_county_type.get((county, unit_type))
        if positions is None:
            return self.units.iloc[0:0]
        return self.units.iloc[positions]

    def unit_states(self, county: str, year: int, unit_type: str, lang: str = "zh") -> pd.DataFrame:
        """Every in-scope unit of one type in a county with its state in ``year``.

        state: ``certified`` (certified in a round of that year or earlier), ``meets`` (meets the standard
        that year, not yet certified), ``below`` (has complete figures, does not meet it), ``no_data``
        (figures incomplete or missing) or ``inactive`` (the unit does not exist that year; not counted).
        Sorted by unit code; the set of rows depends only on county and type, never on the year.
        The frame is shared (kept for the next request): do not modify it.
        """
        key = ("states", county, int(year), unit_type, lang)
        return self.remember(key, lambda: self._unit_states(county, int(year), unit_type, lang))

    def _unit_states(self, county: str, year: int, unit_type: str, lang: str) -> pd.DataFrame:
        positions = self.by_county_type.get((county, unit_type), np.zeros(0, dtype="int64"))
        units = self.units.iloc[positions]
        codes = units.index
        status = self.status_by_year.get(int(year))
        if status is None:
            status = pd.DataFrame(columns=["meets_standard", "n_core_passed", "n_core_no_data"])
        known = status.reindex(codes)
        meets = known["meets_standard"].astype("boolean")
        first = units["first_certified"].to_numpy(dtype="float64")
        start = units["active_from"].to_numpy(dtype="float64", na_value=-np.inf)
        end = units["active_to"].to_numpy(dtype="float64", na_value=np.inf)
        active = (start <= year) & (end >= year)
        state = np.select(
            [
                ~active,
                first <= year,
                meets.fillna(False).to_numpy(dtype=bool),
                (~meets).fillna(False).to_numpy(dtype=bool),
            ],
            [INACTIVE, "certified", "meets", "below"],
            default="no_data",
        )
        all_names = self.unit_names(lang)
        names = all_names.iloc[positions]
        towns = units["township_code"]
        town_names = towns.map(all_names)
        n_core = len(self.an.cfg.core_indicators)
        return pd.DataFrame(
            {
                "unit_code": codes.to_numpy(dtype=object),
                "name": names.to_numpy(dtype=object),
                "township_code": towns.to_numpy(dtype=object),
                "township_name": town_names.where(town_names.notna(), None).to_numpy(dtype=object),
                "state": state,
                "meets_standard": meets.to_numpy(dtype=object, na_value=None),
                "n_core_passed": known["n_core_passed"].to_numpy(dtype="float64", na_value=np.nan),
                "n_core": n_core,
                "certified_year": np.where(np.isfinite(first), first, np.nan),
                "location_synthetic": units["location_synthetic"].fillna(True).to_numpy(dtype=bool),
            }
        )

    def unit_names(self, lang: str) -> pd.Series:
        """Unit names in ``lang`` (English falls back to Chinese), indexed like ``units``."""
        hit = self._names.get(lang)
        if hit is None:
            names = self.units["name"]
            if lang == "en":
                english = self.units["name_en"]
                names = english.where(english.notna() & (english != ""), names)
            hit = self._names[lang] = names.astype(object)
        return hit

    def unit_info(self, unit: str, lang: str = "zh") -> dict | None:
        if unit not in self.units.index:
            return None
        row = self.units.loc[unit]
        name = row["name_en"] if lang == "en" and isinstance(row["name_en"], str) and row["name_en"] else row["name"]
        town = row["township_code"]
        return {
            "unit_code": unit,
            "name": name,
            "unit_type": row["unit_type"],
            "county_code": row["county_code"],
            "township_code": town if isinstance(town, str) and town else None,
            "township_name": self.unit_name(town, lang) if isinstance(town, str) and town else None,
        }

    def unit_name(self, unit: str, lang: str = "zh") -> str:
        return str(self.unit_names(lang).get(unit, unit))

    def region_name(self, code: str, lang: str = "zh") -> str:
        return self.regions.name(code, lang)

    def unit_state(self, unit: str, year: int) -> str | None:
        info = self.units.loc[unit] if unit in self.units.index else None
        if info is None:
            return None
        states = self.unit_states(info["county_code"], year, info["unit_type"])
        hit = states.loc[states["unit_code"] == unit, "state"]
        return None if hit.empty else str(hit.iloc[0])

    def latest_round(self, unit: str, year: int) -> tuple[int, str] | None:
        """The unit's certification round with the latest year up to ``year``: (round_year, stage)."""
        rounds = [r for r in self.rounds.get(unit, []) if r[0] <= year]
        if not rounds:
            return None
        certified = [r for r in rounds if r[1] == "certified"]
        return certified[0] if certified else rounds[-1]

    # ------------------------------------------------------------------ county map geometry

    def county_layout(self, county: str) -> CountyLayout:
        """Outline, town cells and unit positions of one county (computed once, then kept)."""
        hit = self._layouts.get(county)
        if hit is not None:
            return hit
        with self._lock:
            hit = self._layouts.get(county)
            if hit is None:
                hit = self._build_layout(county)
                self._layouts[county] = hit
        return hit

    def _build_layout(self, county: str) -> CountyLayout:
        counties = load_boundaries("county").set_index("code")
        if county in counties.index:
            outline = counties.at[county, "geometry"]
        else:  # a county without a bundled polygon: the hull of its units
            pts = self.units.loc[self.units["county_code"] == county, ["lon", "lat"]].dropna().to_numpy()
            outline = shapely.MultiPoint(pts).convex_hull.buffer(0.01) if len(pts) else shapely.Polygon()
        zones = counties[(counties["host_code"] == county) & counties["is_stat_zone"]]
        zones = gpd.GeoDataFrame(
            {"code": zones.index.to_numpy(dtype=object), "name": zones["name"].to_numpy(dtype=object)},
            geometry=zones.geometry.to_numpy(),
            crs="EPSG:4326",
        )
        in_county = self.units[self.units["county_code"] == county]
        positions = pd.DataFrame(
            {"x": in_county["lon"].to_numpy(dtype="float64"), "y": in_county["lat"].to_numpy(dtype="float64")},
            index=in_county.index,
        )
        synthetic = bool(in_county["location_synthetic"].fillna(True).any())
        towns = in_county[in_county["unit_type"] == "street_town"]
        if outline.is_empty:
            return CountyLayout(outline, _empty_cells(), positions, zones, synthetic)
        missing = positions["x"].isna() | positions["y"].isna()
        if missing.any():  # no location given: a deterministic synthetic one inside the county
            pts = place_points(outline, list(positions.index[missing]), CELL_SALT)
            positions.loc[missing, ["x", "y"]] = pts
            synthetic = True

        user = self.an.dataset.boundaries.get("township")
        user_cells = _user_cells(user, list(towns.index)) if user is not None else _empty_cells()
        if len(user_cells):
            cells = user_cells
        else:
            seeds = _distinct(positions.loc[towns.index, ["x", "y"]].to_numpy())
            cells = synthetic_cells(outline, list(towns.index), seeds) if len(towns) else _empty_cells()
            synthetic = synthetic or len(cells) > 0
        cells = cells[~cells.geometry.is_empty].reset_index(drop=True)
        cell_of = dict(zip(cells["code"], cells.geometry, strict=True))

        # Towns drawn on a user's real shape get their marker inside it; synthetic villages are placed
        # inside their own town's cell so a village never appears in a neighbouring town's area.
        for code in towns.index:
            if code in cell_of and not bool(cells.loc[cells["code"] == code, "synthetic"].iloc[0]):
                point = cell_of[code].representative_point()
                positions.loc[code, ["x", "y"]] = (point.x, point.y)
        villages = in_county[
            (in_county["unit_type"] == "community_village") & in_county["location_synthetic"].fillna(True)
        ]
        for town, group in villages.groupby("township_code"):
            cell = cell_of.get(str(town))
            if cell is None or cell.area <= 0:
                continue
            positions.loc[group.index, ["x", "y"]] = place_points(cell, list(group.index), CELL_SALT)
        return CountyLayout(outline, cells, positions, zones, synthetic)


def _empty_cells() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": pd.Series(dtype=object), "synthetic": pd.Series(dtype=bool)},
        geometry=gpd.GeoSeries([], crs="EPSG:4326"),
        crs="EPSG:4326",
    )


def _user_cells(shapes: gpd.GeoDataFrame, codes: list[str]) -> gpd.GeoDataFrame:
    if "code" not in shapes or not codes:
        return _empty_cells()
    hit = shapes[shapes["code"].astype(str).isin(codes)]
    if hit.empty:
        return _empty_cells()
    return gpd.GeoDataFrame(
        {"code": hit["code"].astype(str).to_numpy(dtype=object), "synthetic": False},
        geometry=hit.geometry.to_numpy(),
        crs="EPSG:4326",
    )


def _distinct(points: np.ndarray) -> np.ndarray:
    """Nudge repeated points apart (a few metres) so Voronoi cells can be built: deterministic."""
    out = np.array(points, dtype="float64", copy=True)
    seen: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(out):
        key = (round(float(x), 7), round(float(y), 7))
        n = seen.get(key, 0)
        if n:
            angle = n * 2.399963  # golden angle: repeated copies spiral outwards
            out[i] += 2e-5 * np.sqrt(n) * np.array([np.cos(angle), np.sin(angle)])
        seen[key] = n + 1
    return out


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _build(an: Analytics) -> DrillData:
    units = an.dataset.units
    units = units[units["in_scope"].fillna(False).astype(bool) & units["unit_type"].notna()]
    units = units.drop_duplicates("unit_code").sort_values("unit_code").set_index("unit_code", drop=False)
    units.index.name = None
    certs = an.dataset.certifications
    certified = certs[certs["stage"] == "certified"]
    first = certified.groupby("unit_code")["round_year"].min().astype("float64")
    first_certified = first.reindex(units.index).to_numpy(dtype="float64", na_value=np.nan)
    units = units.assign(first_certified=first_certified)

    keys = list(zip(units["county_code"], units["unit_type"], strict=True))
    by_county_type: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(keys):
        by_county_type.setdefault(key, []).append(i)

    ui = an.unit_indicators[["unit_code", "year", "meets_standard", "n_core_passed", "n_core_no_data"]]
    status_by_year = {
        int(year): frame.drop_duplicates("unit_code").set_index("unit_code")[
            ["meets_standard", "n_core_passed", "n_core_no_data"]
        ]
        for year, frame in ui.groupby("year")
    }
    rounds: dict[str, list[tuple[int, str]]] = {}
    ordered = certs.dropna(subset=["round_year"]).sort_values(["unit_code", "round_year"])
    for code, year, stage in zip(ordered["unit_code"], ordered["round_year"], ordered["stage"], strict=True):
        rounds.setdefault(code, []).append((int(year), str(stage)))

    return DrillData(
        an=an,
        units=units,
        by_county_type={k: np.asarray(v) for k, v in by_county_type.items()},
        status_by_year=status_by_year,
        rounds=rounds,
        regions=an.regions,
    )


def drill_data(an: Analytics) -> DrillData:
    """The DrillData of ``an``'s data version (built on first use)."""
    return an.artefact("drilldown", lambda: _build(an))


def children_rows(data: DrillData, target: DrillTarget, year: int, unit_type: str, basis: str, lang: str) -> list[dict]:
    """The rows of the children table: cities, county-level areas or (at a county) its units.

    Region rows: code, name, coverage (share), gap (points), short (units), status, n (in scope), zone.
    Unit rows: code, state, core (core indicators met, None without data), year (certified); their names
    and towns do not change with the year and come from :func:`unit_names_lookup`.
    Units keep a fixed set and order (by code; a unit not active that year has state ``inactive``) so a
    year change can patch only the rows that changed.
    """
    key = ("rows", target.region, int(year), unit_type, basis if target.level != "county" else "", lang)
    return data.remember(key, lambda: _children_rows(data, target, int(year), unit_type, basis, lang))


def _children_rows(
    data: DrillData, target: DrillTarget, year: int, unit_type: str, basis: str, lang: str
) -> list[dict]:
    if target.level == "county":
        units = data.unit_states(target.region, year, unit_type, lang)  # inactive ones too: rows never move
        return [
            {
                "code": code,
                "state": state,
                "core": None if np.isnan(core) else int(core),
                "year": int(cert) if state == "certified" else None,  # never a later year's certification
            }
            for code, state, core, cert in zip(
                units["unit_code"],
                units["state"],
                units["n_core_passed"],
                units["certified_year"],
                strict=True,
            )
        ]
    frame = data.region_children(target, year, unit_type, basis, lang)
    return [
        {
            "code": r.region_code,
            "name": r.region_name,
            "coverage": _plain(r.coverage),
            "gap": _plain(r.gap_points),
            "short": _plain(r.gap_units),
            "status": r.status,
            "n": int(r.units_in_scope),
            "zone": bool(r.is_stat_zone),
        }
        for r in frame.itertuples(index=False)
    ]


def unit_names_lookup(data: DrillData, county: str, unit_type: str, lang: str) -> dict[str, dict[str, str]]:
    """``{"names": {unit: name}, "towns": {unit: its street/town's name}}`` for a county's units of a type."""
    units = data.unit_states(county, data.an.years[-1], unit_type, lang)
    towns = {c: w for c, w in zip(units["unit_code"], units["township_name"], strict=True) if w}
    return {"names": dict(zip(units["unit_code"], units["name"], strict=True)), "towns": towns}


def core_indicator_rows(data: DrillData, unit: str, year: int) -> list[dict]:
    """The unit's core indicators in ``year`` against their thresholds (``indicators.unit_scorecard``).

    Each row: indicator, name_zh, name_en, format, value, threshold (None without one), passed (True,
    False or None for no data), shortfall_zh, shortfall_en (empty unless failed).
    """
    return data.remember(("scorecard", unit, int(year)), lambda: _core_indicator_rows(data, unit, int(year)))


def _core_indicator_rows(data: DrillData, unit: str, year: int) -> list[dict]:
    an = data.an
    rows_of_unit = an.unit_indicators.iloc[data.indicator_rows.get(unit, [])]
    table = unit_scorecard(unit, year, rows_of_unit, an.cfg, data.units.loc[[unit]])["indicators"]
    rows = []
    for record in table[table["core"]].to_dict("records"):
        passed = record["pass"]
        rows.append(
            {
                "indicator": record["indicator"],
                "name_zh": record["name_zh"],
                "name_en": record["name_en"],
                "format": record["format"],
                "digits": record["digits"],
                "value": _plain(record["value"]),
                "threshold": _plain(record["threshold"]),
                "passed": None if passed is None or passed is pd.NA else bool(passed),
                "shortfall_zh": record["shortfall_zh"],
                "shortfall_en": record["shortfall_en"],
            }
        )
    return rows
