"""Small synthetic datasets, as text tables with English headers, for the reading/validation/store tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

YEARS = (2016, 2017, 2018, 2019)


def small_tables() -> dict[str, pd.DataFrame]:
    """A valid dataset: 2 cities, 3 counties, 4 townships, 3 villages, 1 park, 1 out-of-scope farm."""
    regions = pd.DataFrame(
        [
            ["320000", "江苏省", "Jiangsu", "province", "", "false"],
            ["320100", "南京市", "Nanjing", "city", "320000", "false"],
            ["320200", "无锡市", "Wuxi", "city", "320000", "false"],
            ["320102", "玄武区", "Xuanwu", "county", "320100", "false"],
            ["320104", "秦淮区", "Qinhuai", "county", "320100", "false"],
            ["320205", "锡山区", "Xishan", "county", "320200", "false"],
        ],
        columns=["region_code", "name", "name_en", "level", "parent_code", "is_stat_zone"],
    )
    unit_rows = [
        # unit_code, name, unit_type, division_kind, in_scope, city, county, township, park_level
        ["320102001", "玄武门街道", "street_town", "街道", "true", "320100", "320102", "", ""],
        ["320102002", "梅园新村街道", "street_town", "街道", "true", "320100", "320102", "", ""],
        ["320104001", "夫子庙街道", "street_town", "街道", "true", "320100", "320104", "", ""],
        ["320205001", "东亭镇", "street_town", "镇", "true", "320200", "320205", "", ""],
        ["320102001001", "玄武门社区", "community_village", "社区", "true", "320100", "320102", "320102001", ""],
        ["320102001002", "百子亭社区", "community_village", "社区", "true", "320100", "320102", "320102001", ""],
        ["320205001001", "东亭村", "community_village", "村", "true", "320200", "320205", "320205001", ""],
        ["320104500", "秦淮科技园", "park", "开发区", "true", "320100", "320104", "", "provincial"],
        ["320205400", "锡山农场", "", "农场", "false", "320200", "320205", "", ""],
    ]
    units = pd.DataFrame(
        unit_rows,
        columns=[
            "unit_code",
            "name",
            "unit_type",
            "division_kind",
            "in_scope",
            "city_code",
            "county_code",
            "township_code",
            "park_level",
        ],
    )
    units["active_from"] = ""
    units["active_to"] = ""
    inputs = []
    for i, code in enumerate(units.loc[units["in_scope"] == "true", "unit_code"]):
        for year in YEARS:
            base = 1000 * (i + 1) + 10 * (year - 2016)
            inputs.append(
                [
                    code,
                    str(year),
                    str(base * 20),
                    str(base // 25),
                    "100",
                    str(40 + i),
                    "80",
                    str(60 + i),
                    str(base // 10),
                    str(base // 5),
                ]
            )
    indicator_inputs = pd.DataFrame(
        inputs,
        columns=[
            "unit_code",
            "year",
            "working_age_population",
            "new_entrepreneurs",
            "trainees",
            "trainees_started",
            "entities_prev_year",
            "entities_surviving",
            "jobs_by_entrepreneurship",
            "new_jobs_total",
        ],
    )
    certifications = pd.DataFrame(
        [
            ["320102001", "2018", "certified", "2017-06-01", "2017-09-01", "2017-12-01", "2018-05-20"],
            ["320104001", "2019", "city_reviewed", "2018-06-01", "2018-09-01", "2018-12-01", ""],
            ["320102001001", "2019", "rejected", "2018-06-01", "2018-09-01", "", ""],
        ],
        columns=[
            "unit_code",
            "round_year",
            "stage",
            "declared_date",
            "county_evaluated_date",
            "city_reviewed_date",
            "decided_date",
        ],
    )
    quotas = pd.DataFrame(
        [
            [city, str(year), unit_type, "2", "3"]
            for city in ("320100", "320200")
            for year in (2018, 2019)
            for unit_type in ("street_town", "community_village", "park")
        ],
        columns=["city_code", "year", "unit_type", "target_count", "evaluation_quota"],
    )
    return {
        "regions": regions,
        "units": units,
        "indicator_inputs": indicator_inputs,
        "certifications": certifications,
        "quotas": quotas,
    }


def write_csv_dir(directory: Path, tables: dict[str, pd.DataFrame], encoding: str = "utf-8") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(directory / f"{name}.csv", index=False, encoding=encoding)
    return directory


def large_tables(
    n_counties: int = 100,
    townships_per_county: int = 15,
    villages_per_township: int = 14,
    years: tuple[int, ...] = (2016, 2017, 2018, 2019, 2020),
) -> dict[str, pd.DataFrame]:
    """A national-size dataset (defaults: 22,500 units, 112,500 input rows) built with vectorised pandas."""
    cities = [f"{32 + c // 20:02d}{(c % 20) + 1:02d}00" for c in range(max(1, n_counties // 8))]
    county_codes = [f"{cities[k % len(cities)][:4]}{k // len(cities) + 1:02d}" for k in range(n_counties)]
    regions = pd.DataFrame(
        {
            "region_code": ["320000", *cities, *county_codes],
            "name": ["省", *[f"市{c}" for c in cities], *[f"县{c}" for c in county_codes]],
            "level": ["province", *["city"] * len(cities), *["county"] * n_counties],
            "parent_code": ["", *["320000"] * len(cities), *[cc[:4] + "00" for cc in county_codes]],
        }
    )
    towns = pd.DataFrame({"county_code": county_codes}).merge(
        pd.DataFrame({"t": range(1, townships_per_county + 1)}), how="cross"
    )
    towns["unit_code"] = towns["county_code"] + towns["t"].map("{:03d}".format)
    towns["township_code"] = ""
    towns["unit_type"] = "street_town"
    villages = (
        towns[["county_code", "unit_code"]]
        .rename(columns={"unit_code": "township_code"})
        .merge(pd.DataFrame({"v": range(1, villages_per_township + 1)}), how="cross")
    )
    villages["unit_code"] = villages["township_code"] + villages["v"].map("{:03d}".format)
    villages["unit_type"] = "community_village"
    units = pd.concat([towns, villages], ignore_index=True)[["unit_code", "county_code", "township_code", "unit_type"]]
    units["name"] = "单位" + units["unit_code"]
    units["in_scope"] = "true"
    units["city_code"] = units["county_code"].str[:4] + "00"
    inputs = units[["unit_code"]].merge(pd.DataFrame({"year": [str(y) for y in years]}), how="cross")
    n = len(inputs)
    inputs["working_age_population"] = "50000"
    inputs["new_entrepreneurs"] = "900"
    inputs["trainees"] = "100"
    inputs["trainees_started"] = "55"
    inputs["entities_prev_year"] = "80"
    inputs["entities_surviving"] = "70"
    inputs["jobs_by_entrepreneurship"] = "3000"
    inputs["new_jobs_total"] = "5000"
    assert len(inputs) == n
    certifications = pd.DataFrame(
        {
            "unit_code": units["unit_code"].iloc[::10],
            "round_year": "2019",
            "stage": "certified",
            "decided_date": "2019-05-31",
        }
    )
    quotas = pd.DataFrame(
        {"city_code": cities, "year": "2019", "unit_type": "park", "target_count": "1", "evaluation_quota": "2"}
    )
    return {
        "regions": regions,
        "units": units,
        "indicator_inputs": inputs,
        "certifications": certifications,
        "quotas": quotas,
    }
