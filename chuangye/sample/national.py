"""A synthetic nationwide dataset for benchmarks: real province prefixes, synthetic everything else.

At ``scale`` 1.0: 31 provinces, about 340 cities, 2,800 counties, 40,000 townships and 600,000 villages, with
well-formed codes (city PPCC00, county PPCCXX, township 9 digits, village 12 digits), synthetic names, the same
five tables as the Jiangsu sample and ``counties.geojson``: one schematic square per county, laid out as a grid
inside a block per province. Nothing here is real data. Smaller ``scale`` shrinks every tier (tests).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from chuangye.data.scope import parent_is_a_unit, placeholder_mask
from chuangye.sample.pipeline import build_figures, write_dataset
from chuangye.sample.rng import stream
from chuangye.sample.story import PROVINCE_COVERAGE_2020, StoryKnobs
from chuangye.sample.thresholds import load_targets
from chuangye.sample.units import with_lifecycle

PROVINCES: tuple[tuple[str, str], ...] = (
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
)
FULL_SIZE = {"city": 340, "county": 2_800, "township": 40_000, "village": 600_000}
# Communities and villages nationwide are smaller than Jiangsu's: about 890 million people of working age
# (15-59, 2020 census: 894 million) in some 600,000 village-level divisions, about 1,500 each.
POPULATION_SCALE = 0.68
# Shares of township- and village-level divisions per kind: (division_kind, unit_type, in_scope, share).
TOWNSHIP_KINDS = (
    ("街道", "street_town", True, 0.38),
    ("镇", "street_town", True, 0.50),
    ("乡", "street_town", True, 0.06),
    ("开发区", "park", True, 0.03),
    ("农场", "", False, 0.03),
)
VILLAGE_KINDS = (
    ("社区", "community_village", True, 0.33),
    ("村", "community_village", True, 0.635),
    ("生活区", "", False, 0.03),
    ("虚拟", "community_village", True, 0.005),  # NBS placeholders: taken out of scope by the scope rules
)
NAME_SUFFIX = {
    "街道": "街道",
    "镇": "镇",
    "乡": "乡",
    "开发区": "经济开发区",
    "农场": "农场",
    "社区": "社区居委会",
    "村": "村委会",
    "生活区": "生活区",
    "虚拟": "虚拟社区",
}
# Province blocks on a 6 x 6 grid over China's extent; counties are squares inside their province's block.
GRID_COLUMNS, LON0, LAT0, BLOCK_W, BLOCK_H = 6, 75.0, 20.0, 9.5, 5.2


def _split(total: int, parents: int, rng: np.random.Generator, limit: int) -> np.ndarray:
    """Children per parent: at least one each, sizes varying, summing to ``total`` (when >= parents)."""
    total = max(total, parents)
    weights = rng.gamma(2.0, size=parents)
    counts = 1 + rng.multinomial(total - parents, weights / weights.sum())
    if counts.max() > limit:
        raise ValueError(f"a parent got {counts.max()} children, more than its {limit} codes allow")
    return counts


def _children(parent_codes: np.ndarray, counts: np.ndarray, width: int, start: int = 1) -> tuple[np.ndarray, ...]:
    """Codes of the children: the parent code followed by a ``width``-digit serial number."""
    parent_idx = np.repeat(np.arange(len(parent_codes)), counts)
    serial = np.arange(len(parent_idx)) - np.repeat(np.cumsum(counts) - counts, counts) + start
    codes = pd.Series(parent_codes[parent_idx]).str.cat(pd.Series(serial).astype(str).str.zfill(width))
    return codes.to_numpy(dtype=object), parent_idx, serial


def _kinds(n: int, kinds: tuple, rng: np.random.Generator) -> np.ndarray:
    return rng.choice(len(kinds), size=n, p=[k[3] for k in kinds])


def build_divisions(scale: float, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(regions, units without locations, county squares as (code, x0, y0, size, name, city))."""
    size = {level: round(n * scale) for level, n in FULL_SIZE.items()}
    prov_codes = np.array([p for p, _ in PROVINCES], dtype=object)
    prov_names = np.array([n for _, n in PROVINCES], dtype=object)
    city_serial_codes, city_prov, city_no = _children(prov_codes, _split(size["city"], 31, rng, 69), 2)
    city_codes = city_serial_codes + "00"
    city_names = pd.Series(prov_names[city_prov]).str[:2].str.cat(pd.Series(city_no).astype(str).str.zfill(2))
    city_names = (city_names + "市").to_numpy(dtype=object)
    county_codes, county_city, county_no = _children(
        city_serial_codes, _split(size["county"], len(city_codes), rng, 69), 2
    )
    county_names = (
        pd.Series(city_names[county_city]).str[:-1] + pd.Series(county_no).astype(str).str.zfill(2) + "区"
    ).to_numpy(dtype=object)
    town_codes, town_county, _ = _children(county_codes, _split(size["township"], len(county_codes), rng, 999), 3)
    village_codes, village_town, _ = _children(town_codes, _split(size["village"], len(town_codes), rng, 999), 3)

    regions = pd.DataFrame(
        {
            "region_code": np.r_[prov_codes + "0000", city_codes, county_codes],
            "name": np.r_[prov_names, city_names, county_names],
            "level": ["province"] * 31 + ["city"] * len(city_codes) + ["county"] * len(county_codes),
            "parent_code": np.r_[[""] * 31, prov_codes[city_prov] + "0000", city_codes[county_city]],
            "is_stat_zone": False,
        }
    )
    regions["name_en"] = ""

    town_kind = _kinds(len(town_codes), TOWNSHIP_KINDS, rng)
    village_kind = _kinds(len(village_codes), VILLAGE_KINDS, rng)
    frames = []
    for codes, kind, kinds, county_idx, township in (
        (town_codes, town_kind, TOWNSHIP_KINDS, town_county, np.full(len(town_codes), "", dtype=object)),
        (village_codes, village_kind, VILLAGE_KINDS, town_county[village_town], town_codes[village_town]),
    ):
        division = np.array([k[0] for k in kinds], dtype=object)[kind]
        suffix = np.array([NAME_SUFFIX[k[0]] for k in kinds], dtype=object)[kind]
        frames.append(
            pd.DataFrame(
                {
                    "unit_code": codes,
                    "name": "示例" + pd.Series(codes).str[-6:].to_numpy(dtype=object) + suffix,
                    "name_en": "",
                    "unit_type": np.array([k[1] for k in kinds], dtype=object)[kind],
                    "division_kind": division,
                    "in_scope": np.array([k[2] for k in kinds])[kind],
                    "city_code": city_codes[county_city[county_idx]],
                    "county_code": county_codes[county_idx],
                    "township_code": township,
                }
            )
        )
    units = _apply_scope_rules(pd.concat(frames, ignore_index=True))
    is_park = (units["unit_type"] == "park").to_numpy()
    units["park_level"] = np.where(is_park, np.where(rng.random(len(units)) < 0.25, "national", "provincial"), "")
    squares = _county_squares(county_codes, county_names, city_codes[county_city], city_prov[county_city])
    return regions, units.sort_values("unit_code", kind="stable").reset_index(drop=True), squares


def _apply_scope_rules(units: pd.DataFrame) -> pd.DataFrame:
    """The rules of the Jiangsu registry (chuangye.data.scope): NBS placeholders are out of scope, and so is every
    community or village of a township that is not a unit (the farms)."""
    out = ~parent_is_a_unit(units) | placeholder_mask(units["unit_code"], units["name"])
    units.loc[out, "in_scope"] = False
    units.loc[out, "unit_type"] = ""
    return units


def _county_squares(codes: np.ndarray, names: np.ndarray, parents: np.ndarray, province: np.ndarray) -> pd.DataFrame:
    counts = np.bincount(province, minlength=31)
    serial = np.arange(len(codes)) - np.repeat(np.cumsum(counts) - counts, counts)
    columns = np.ceil(np.sqrt(counts * BLOCK_W / BLOCK_H)).astype(int)
    rows = np.ceil(counts / columns).astype(int)
    cell = np.minimum(BLOCK_W / columns, BLOCK_H / np.maximum(rows, 1))
    p_cols, p_rows, p_cell = columns[province], rows[province], cell[province]
    x0 = LON0 + (province % GRID_COLUMNS) * BLOCK_W + (serial % p_cols) * p_cell
    y0 = LAT0 + (province // GRID_COLUMNS) * BLOCK_H + (p_rows - 1 - serial // p_cols) * p_cell
    return pd.DataFrame(
        {"code": codes, "name": names, "parent_code": parents, "x0": x0, "y0": y0, "size": p_cell * 0.96}
    )


def _locate(units: pd.DataFrame, squares: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    sq = squares.set_index("code").loc[units["county_code"].to_numpy()]
    size = sq["size"].to_numpy()
    units = units.copy()
    units["lon"] = np.round(sq["x0"].to_numpy() + size * (0.02 + 0.96 * rng.random(len(units))), 6)
    units["lat"] = np.round(sq["y0"].to_numpy() + size * (0.02 + 0.96 * rng.random(len(units))), 6)
    units["location_synthetic"] = True
    return units


def write_county_squares(squares: pd.DataFrame, path: Path) -> Path:
    features = []
    for code, name, parent, x0, y0, size in squares[["code", "name", "parent_code", "x0", "y0", "size"]].itertuples(
        index=False
    ):
        x1, y1 = x0 + size, y0 + size
        ring = [[round(x, 4), round(y, 4)] for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "code": code,
                    "name": name,
                    "level": "county",
                    "parent_code": parent,
                    "is_stat_zone": False,
                    "host_code": None,
                },
            }
        )
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    return path


def generate(out_dir: Path, seed: int, scale: float = 1.0) -> dict[str, Path]:
    if not 0 < scale <= 1.0:
        raise ValueError(f"scale must be in (0, 1], not {scale}")
    regions, units, squares = build_divisions(scale, stream(seed, "national-divisions"))
    units = _locate(with_lifecycle(units, stream(seed, "lifecycle")), squares, stream(seed, "national-locations"))
    city_codes = regions.loc[regions["level"] == "city", "region_code"].to_numpy()
    offsets = np.clip(stream(seed, "national-offsets").normal(0, 0.07, len(city_codes)), -0.15, 0.15)
    knobs = StoryKnobs(
        province_coverage=PROVINCE_COVERAGE_2020,
        city_offsets=dict(zip(city_codes, offsets, strict=True)),
        population_scale=POPULATION_SCALE,
    )
    tables = {"regions": regions, "units": units, **build_figures(units, knobs, load_targets(), seed)}
    paths = write_dataset(tables, out_dir)
    paths["counties"] = write_county_squares(squares, Path(out_dir) / "counties.geojson")
    return paths
