"""The dataset's tables and columns: the one contract loaders, validation, the store and docs share.

Every table a dataset holds is declared here once: its English code, the Chinese header a user may
write instead, the type, the unit and the meaning. ``docs/data-format.md`` is written from this module
(``python -m chuangye.data.schema`` prints it) so the two never drift apart.

Region and unit codes are GB/T 2260 / National Bureau of Statistics division codes kept as strings:
province ``320000``, city ``320100``, county-level ``320102``, township-level 9 digits, village-level
12 digits. Parks carry the code of the division they are registered as (township-level 9 digits, or the
6-digit code of a county-level statistical development zone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["code", "text", "int", "float", "bool", "date", "category"]

UNIT_TYPES: tuple[str, ...] = ("street_town", "community_village", "park")
REGION_LEVELS: tuple[str, ...] = ("province", "city", "county")
CERT_STAGES: tuple[str, ...] = ("declared", "county_evaluated", "city_reviewed", "certified", "rejected")
PARK_LEVELS: tuple[str, ...] = ("national", "provincial")


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    type: ColumnType
    description_en: str
    description_zh: str
    unit: str = ""
    required: bool = True
    aliases: tuple[str, ...] = ()  # further accepted headers (Chinese or English)
    choices: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    code_length: tuple[int, ...] = ()  # accepted lengths for code columns
    max_chars: int | None = None  # longest accepted cell, in characters; None: the type's CELL_MAX_CHARS


# The longest cell each type of column accepts, in characters, unless the column sets its own ``max_chars``:
# generous for real data (codes are 6-12 digits, the longest of the registry's 23,500 names has 19
# characters), and far below what would make one county's views megabytes large. Longer cells are refused.
CELL_MAX_CHARS: dict[str, int] = {
    "code": 20,
    "text": 100,
    "int": 30,
    "float": 30,
    "bool": 10,
    "date": 30,
    "category": 30,
}
NAME_MAX_CHARS = 60
NAME_EN_MAX_CHARS = 200


def max_chars(col: Column) -> int:
    return col.max_chars if col.max_chars is not None else CELL_MAX_CHARS[col.type]


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    description_en: str
    description_zh: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    file_names: tuple[str, ...] = field(default=())  # accepted file stems, e.g. "units", "单位名录"

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _count(name: str, zh: str, en: str, zh_desc: str, unit: str = "persons", aliases: tuple[str, ...] = ()) -> Column:
    return Column(name, zh, "int", en, zh_desc, unit=unit, min_value=0, aliases=aliases)


# the English name of a region or a unit: the same column in both tables
NAME_EN_COLUMN = Column(
    "name_en",
    "英文名称",
    "text",
    "English or pinyin name",
    "英文或拼音名称",
    required=False,
    max_chars=NAME_EN_MAX_CHARS,
)

REGIONS = Table(
    name="regions",
    zh="行政区划",
    description_en="Province, the 13 prefecture-level cities and the county-level areas (counties, districts, "
    "county-level cities and statistical development zones).",
    description_zh="省、13个设区市及县级区域（县、市辖区、县级市及统计用开发区）。",
    key=("region_code",),
    file_names=("regions", "行政区划", "区划"),
    columns=(
        Column("region_code", "区划代码", "code", "Division code (6 digits)", "6位区划代码", code_length=(6,)),
        Column("name", "名称", "text", "Official name", "名称", max_chars=NAME_MAX_CHARS),
        NAME_EN_COLUMN,
        Column("level", "层级", "category", "province, city or county", "层级：省/市/县", choices=REGION_LEVELS),
        Column(
            "parent_code",
            "上级代码",
            "code",
            "Code of the parent region (blank for the province)",
            "上级区划代码（省为空）",
            required=False,
            code_length=(6,),
        ),
        Column(
            "is_stat_zone",
            "统计用开发区",
            "bool",
            "County-level statistical development zone without its own polygon",
            "无独立边界的县级统计用开发区",
            required=False,
        ),
    ),
)

UNITS = Table(
    name="units",
    zh="单位名录",
    description_en="Every township-level and village-level division and every park; each is either a unit "
    "of one of the three types (in scope) or kept out of scope (farms, prisons, scenic areas ...).",
    description_zh="全部乡级、村级区划和园区；在统计范围内的按三类单位归类，农场、监狱、景区等不计入。",
    key=("unit_code",),
    file_names=("units", "单位名录", "单位"),
    columns=(
        Column(
            "unit_code",
            "单位代码",
            "code",
            "Division code (9 or 12 digits; 6 for county-level zones)",
            "区划代码（乡级9位、村级12位、县级开发区6位）",
            code_length=(6, 9, 12),
        ),
        Column("name", "单位名称", "text", "Official name", "名称", max_chars=NAME_MAX_CHARS),
        NAME_EN_COLUMN,
        Column(
            "unit_type",
            "单位类型",
            "category",
            "street_town, community_village or park (blank when out of scope)",
            "街道(乡镇)/社区(村)/园区，范围外为空",
            required=False,
            choices=UNIT_TYPES,
            aliases=("类型",),
        ),
        Column(
            "division_kind",
            "区划类别",
            "text",
            "What the registry calls it: 街道, 镇, 乡, 社区, 村, 开发区, 农场 ...",
            "区划类别：街道、镇、乡、社区、村、开发区、农场等",
            required=False,
            max_chars=20,
        ),
        Column(
            "in_scope",
            "纳入统计",
            "bool",
            "Counted towards coverage (NBS placeholders 虚拟社区/虚拟生活区, codes ending 498/598, never are)",
            "是否计入覆盖率（国家统计局虚拟社区/虚拟生活区，代码尾号 498/598，一律不计入）",
        ),
        Column("city_code", "所属市代码", "code", "City (6 digits)", "所属设区市代码", code_length=(6,)),
        Column(
            "county_code", "所属县代码", "code", "County-level area (6 digits)", "所属县(市、区)代码", code_length=(6,)
        ),
        Column(
            "township_code",
            "所属乡镇代码",
            "code",
            "Township-level parent of a village-level unit (9 digits)",
            "村级单位所属乡镇代码",
            required=False,
            code_length=(9,),
        ),
        Column(
            "park_level",
            "园区级别",
            "category",
            "national or provincial (parks only)",
            "国家级/省级（仅园区）",
            required=False,
            choices=PARK_LEVELS,
        ),
        Column(
            "lon",
            "经度",
            "float",
            "Longitude of the unit's point (WGS 84)",
            "经度（WGS 84）",
            unit="degrees",
            required=False,
            min_value=73,
            max_value=136,
        ),
        Column(
            "lat",
            "纬度",
            "float",
            "Latitude of the unit's point (WGS 84)",
            "纬度（WGS 84）",
            unit="degrees",
            required=False,
            min_value=3,
            max_value=54,
        ),
        Column(
            "location_synthetic",
            "位置为示意",
            "bool",
            "True when lon/lat is a synthetic placement, not a survey",
            "经纬度为示意位置（非实测）",
            required=False,
        ),
        Column(
            "active_from",
            "设立年份",
            "int",
            "First year the unit exists (blank: before the period)",
            "设立年份（空表示期初已存在）",
            unit="year",
            required=False,
            min_value=1949,
            max_value=2100,
        ),
        Column(
            "active_to",
            "撤销年份",
            "int",
            "Last year the unit exists (blank: still exists)",
            "最后存续年份（空表示仍存在）",
            unit="year",
            required=False,
            min_value=1949,
            max_value=2100,
        ),
    ),
)

INDICATOR_INPUTS = Table(
    name="indicator_inputs",
    zh="指标基础数据",
    description_en="Per unit and year, the raw counts behind the four core indicators.",
    description_zh="按单位、年度填报的四大核心指标基础数据。",
    key=("unit_code", "year"),
    file_names=("indicator_inputs", "指标基础数据", "指标数据"),
    columns=(
        Column("unit_code", "单位代码", "code", "Unit", "单位代码", code_length=(6, 9, 12)),
        Column(
            "year",
            "年度",
            "int",
            "Calendar year of the figures",
            "数据年度",
            unit="year",
            min_value=2000,
            max_value=2100,
        ),
        _count("working_age_population", "劳动年龄人口", "Working-age resident population", "常住劳动年龄人口"),
        _count("new_entrepreneurs", "新增创业人数", "People who started a business this year", "当年新增创业人数"),
        _count("trainees", "创业培训人数", "People who completed entrepreneurship training", "参加创业培训人数"),
        _count("trainees_started", "培训后创业人数", "Trainees who then started a business", "培训后成功创业人数"),
        _count(
            "entities_prev_year",
            "上年新创主体数",
            "Entities started in the previous year",
            "上年新创办经营主体数",
            unit="entities",
        ),
        _count(
            "entities_surviving",
            "上年新创主体存活数",
            "Of those, still operating at year end",
            "其中本年末仍在经营的数量",
            unit="entities",
        ),
        _count(
            "jobs_by_entrepreneurship",
            "创业带动就业人数",
            "Jobs created by entrepreneurship",
            "创业带动就业人数",
            unit="jobs",
        ),
        _count("new_jobs_total", "城镇新增就业人数", "All new jobs in the area", "辖区新增就业总人数", unit="jobs"),
    ),
)

CERTIFICATIONS = Table(
    name="certifications",
    zh="认定进程",
    description_en="One row per unit and certification round: the furthest step reached and the date of each step.",
    description_zh="每个单位每轮认定一行：到达的最远环节及各环节日期。",
    key=("unit_code", "round_year"),
    file_names=("certifications", "认定进程", "认定"),
    columns=(
        Column("unit_code", "单位代码", "code", "Unit", "单位代码", code_length=(6, 9, 12)),
        Column(
            "round_year",
            "认定年度",
            "int",
            "Year of the round (certification published that year)",
            "认定年度（当年公布认定结果）",
            unit="year",
            min_value=2000,
            max_value=2100,
        ),
        Column(
            "stage",
            "当前环节",
            "category",
            "declared, county_evaluated, city_reviewed, certified or rejected",
            "自主申报/县级评估/市级审核/省级认定/未通过",
            choices=CERT_STAGES,
        ),
        Column("declared_date", "申报日期", "date", "Self-declaration date", "自主申报日期", required=False),
        Column(
            "county_evaluated_date", "县级评估日期", "date", "County evaluation date", "县级评估日期", required=False
        ),
        Column(
            "city_reviewed_date",
            "市级审核日期",
            "date",
            "City review (submission to the province) date",
            "市级审核（上报省厅）日期",
            required=False,
        ),
        Column(
            "decided_date",
            "省级认定日期",
            "date",
            "Date of the provincial decision (certified or rejected)",
            "省级认定（或不予认定）日期",
            required=False,
        ),
    ),
)

QUOTAS = Table(
    name="quotas",
    zh="目标任务",
    description_en="The yearly quota the province hands each city, per unit type.",
    description_zh="省厅每年下达各市的分类目标任务。",
    key=("city_code", "year", "unit_type"),
    file_names=("quotas", "目标任务", "任务数"),
    columns=(
        Column("city_code", "设区市代码", "code", "City", "设区市代码", code_length=(6,)),
        Column(
            "year",
            "年度",
            "int",
            "Round year the quota is for",
            "任务所属认定年度",
            unit="year",
            min_value=2000,
            max_value=2100,
        ),
        Column("unit_type", "单位类型", "category", "Unit type", "单位类型", choices=UNIT_TYPES),
        Column("target_count", "目标任务数", "int", "Units to be certified", "目标任务数", unit="units", min_value=0),
        Column(
            "evaluation_quota",
            "申报评估数",
            "int",
            "Units the city may submit for evaluation",
            "申报评估数",
            unit="units",
            min_value=0,
        ),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (REGIONS, UNITS, INDICATOR_INPUTS, CERTIFICATIONS, QUOTAS)}

UNIT_TYPE_LABELS: dict[str, dict[str, str]] = {
    "street_town": {"zh": "街道(乡镇)", "en": "Streets/towns"},
    "community_village": {"zh": "社区(村)", "en": "Communities/villages"},
    "park": {"zh": "园区", "en": "Development parks"},
}
UNIT_TYPE_ZH_ALIASES: dict[str, str] = {
    "街道(乡镇)": "street_town",
    "街道（乡镇）": "street_town",
    "街道乡镇": "street_town",
    "街道": "street_town",
    "社区(村)": "community_village",
    "社区（村）": "community_village",
    "社区村": "community_village",
    "园区": "park",
}
