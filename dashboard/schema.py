"""The dataset's tables and columns: the one contract loaders, validation, the store and docs share.

Every table a dataset holds is declared here once: its English code, the Chinese header a user may
write instead, the type, the unit and the meaning. ``docs/data-format.md`` is written from this module
(``python -m dashboard.schema`` prints it) so the two never drift apart.

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
        Column("name", "名称", "text", "Official name", "名称"),
        Column("name_en", "英文名称", "text", "English or pinyin name", "英文或拼音名称", required=False),
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
        Column("name", "单位名称", "text", "Official name", "名称"),
        Column("name_en", "英文名称", "text", "English or pinyin name", "英文或拼音名称", required=False),
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
        ),
        Column("in_scope", "纳入统计", "bool", "Counted towards coverage", "是否计入覆盖率"),
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


# ------------------------------------------------------------------------------------ docs/data-format.md

_TYPE_LABELS: dict[str, str] = {
    "code": "代码（文本）/ code (text)",
    "text": "文本 / text",
    "int": "整数 / integer",
    "float": "小数 / number",
    "bool": "是/否 / yes-no",
    "date": "日期 / date",
    "category": "枚举 / choice",
}
_UNIT_LABELS: dict[str, str] = {
    "persons": "人 / persons",
    "entities": "户 / entities",
    "jobs": "个岗位 / jobs",
    "units": "个 / units",
    "year": "年 / year",
    "degrees": "度 / degrees",
}
_EXAMPLE_ROWS: dict[str, dict[str, str]] = {
    "regions": {
        "region_code": "320102",
        "name": "玄武区",
        "name_en": "Xuanwu",
        "level": "county",
        "parent_code": "320100",
        "is_stat_zone": "false",
    },
    "units": {
        "unit_code": "320102002",
        "name": "梅园新村街道",
        "name_en": "Meiyuanxincun",
        "unit_type": "street_town",
        "division_kind": "街道",
        "in_scope": "true",
        "city_code": "320100",
        "county_code": "320102",
        "township_code": "",
        "park_level": "",
        "lon": "118.8012",
        "lat": "32.0457",
        "location_synthetic": "true",
        "active_from": "",
        "active_to": "",
    },
    "indicator_inputs": {
        "unit_code": "320102002",
        "year": "2019",
        "working_age_population": "42000",
        "new_entrepreneurs": "960",
        "trainees": "180",
        "trainees_started": "99",
        "entities_prev_year": "310",
        "entities_surviving": "262",
        "jobs_by_entrepreneurship": "2350",
        "new_jobs_total": "4100",
    },
    "certifications": {
        "unit_code": "320102002",
        "round_year": "2019",
        "stage": "certified",
        "declared_date": "2018-06-20",
        "county_evaluated_date": "2018-09-15",
        "city_reviewed_date": "2018-12-20",
        "decided_date": "2019-05-31",
    },
    "quotas": {
        "city_code": "320100",
        "year": "2019",
        "unit_type": "street_town",
        "target_count": "12",
        "evaluation_quota": "15",
    },
}


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value_rules(col: Column) -> str:
    rules = []
    if col.code_length:
        rules.append("/".join(map(str, col.code_length)) + " 位数字 / digits")
    if col.choices:
        rules.append(", ".join(f"`{c}`" for c in col.choices))
    if col.min_value is not None or col.max_value is not None:
        lo = "" if col.min_value is None else f"{col.min_value:g}"
        hi = "" if col.max_value is None else f"{col.max_value:g}"
        rules.append(f"≥ {lo}" if not hi else f"{lo}–{hi}")
    return "; ".join(rules)


def render_data_format_md() -> str:
    """The user-facing description of every input table (docs/data-format.md), generated from this module."""
    from dashboard import tables as reading
    from dashboard.problems import MESSAGES

    out: list[str] = [
        "# 数据格式说明 / Data format",
        "",
        "> 本文件由 `python -m dashboard.schema` 根据 `dashboard/schema.py` 生成，请勿手工修改。",
        "> Generated from `dashboard/schema.py` by `python -m dashboard.schema`; do not edit by hand.",
        "",
        "一个数据集由五张表组成。导入时可以一次提供全部表，也可以只提供要更新的表，其余表沿用当前版本。",
        "A dataset consists of five tables. An import may supply all of them or only those to update; the others",
        "are carried over from the active version.",
        "",
        "| 表 / table | 中文 | 可用文件名（不含扩展名）/ accepted file names | 主键 / key |",
        "| --- | --- | --- | --- |",
    ]
    for t in TABLES.values():
        names = ", ".join(f"`{n}`" for n in dict.fromkeys((t.name, t.zh, *t.file_names)))
        out.append(f"| `{t.name}` | {t.zh} | {names} | {', '.join(t.key)} |")
    out += [
        "",
        "## 文件与编码 / Files and encodings",
        "",
        "- **CSV**：编码可为 UTF-8、带 BOM 的 UTF-8（Excel“CSV UTF-8”）或 GBK/GB18030（Excel/WPS 默认“CSV”）。"
        "依次严格尝试 "
        + "、".join(f"`{e}`" for e in reading.ENCODINGS)
        + "。分隔符为逗号（首行中制表符或分号更多时按其分隔）。",
        "  CSV files may be UTF-8, UTF-8 with BOM or GBK/GB18030, tried strictly in this order: "
        + ", ".join(f"`{e}`" for e in reading.ENCODINGS)
        + ". Comma-separated (tab or semicolon if the first line "
        "has more of them).",
        "- **XLSX**：读取与表同名的工作表，否则读取第一个工作表；一个工作簿可包含多张表，每张表一个工作表，"
        "工作表按表名命名（或能按表头识别）。",
        "  XLSX: the sheet named after the table, else the first sheet. One workbook may hold several tables, one "
        "sheet each, named after the table (or recognisable from its headers).",
        "- **识别表 / Which table**：先看文件名（或工作表名），与上表“可用文件名”相同或以其开头"
        "（如 `units_2019.csv`）；否则按表头判断。 By the file (or sheet) name, equal to or starting with an "
        "accepted name (e.g. `units_2019.csv`); otherwise by the headers.",
        "- **表头行 / Header row**：前 15 行中第一行含两个以上可识别列名的行；其上方的标题行被忽略。"
        "The first of the top 15 rows with at least two recognised headers; title rows above it are ignored.",
        "- **行号 / Row numbers**：问题报告中的行号与 Excel/WPS 左侧显示的行号一致（表头通常为第 1 行）；"
        "空行保留行号但不作数据。 Problems name the row number Excel/WPS shows (the header is usually row 1); "
        "blank rows keep their number and are skipped.",
        "- **表头写法 / Headers**：英文代码、中文表头或下表列出的别名均可；忽略大小写、空格、全角/半角括号、"
        "末尾的必填标记 `*` 和末尾括号里的单位（如 `劳动年龄人口（人）`）。无法识别的列给出警告并忽略。",
        "  The English code, the Chinese header or a listed alias; case, spaces, full-width brackets, a trailing `*` "
        "and a trailing unit in brackets (e.g. `劳动年龄人口（人）`) are ignored. Unrecognised columns are ignored "
        "with a warning.",
        "",
        "## 取值规则 / Value rules",
        "",
        "- **代码 / Codes**：按文本读取，保留前导零。Excel 把代码存成数字时产生的 `320102.0` 会还原为 `320102`；"
        "科学计数法（如 `3.20102E+11`）已丢失位数，报错，请把该列设为“文本”格式后重新导出。"
        "Read as text, leading zeros kept; `320102.0` becomes `320102`; Excel's scientific notation "
        "(`3.20102E+11`) has lost digits and is an error. Province `320000`, city `320100`, county-level `320102`, "
        "township-level 9 digits, village-level 12 digits; parks carry the code of the division they are "
        "registered as.",
        "- **整数与小数 / Numbers**：可带千位分隔符（`1,234`）；整数列接受 `12.0`，不接受 `12.5`。"
        "Thousands separators allowed; integer columns accept `12.0` but not `12.5`. Counts cannot be negative.",
        "- **是/否 / Yes-no**：是 = "
        + ", ".join(f"`{v}`" for v in reading.BOOL_TRUE)
        + "；否 = "
        + ", ".join(f"`{v}`" for v in reading.BOOL_FALSE)
        + "（不区分大小写 / any case）。",
        "- **日期 / Dates**：`2019-05-31`、`2019/5/31`、`2019.5.31`、`2019年5月31日`，以及 Excel 日期单元格或日期序号"
        "（如 `43616`）。 Also Excel date cells and date serial numbers.",
        "- **枚举 / Choices**：可写英文代码或中文：",
    ]
    for column, aliases in reading.CHOICE_ALIASES.items():
        by_code: dict[str, list[str]] = {}
        for spelling, code in aliases.items():
            if spelling != code:
                by_code.setdefault(code, []).append(spelling)
        parts = "；".join(f"`{code}` = " + "、".join(spellings) for code, spellings in by_code.items())
        out.append(f"  - `{column}`：{parts}")
    for t in TABLES.values():
        out += [
            "",
            f"## {t.zh} `{t.name}`",
            "",
            f"{t.description_zh}",
            f"{t.description_en}",
            "",
            f"主键 / key: {', '.join(f'`{k}`' for k in t.key)}（不得重复 / must be unique）",
            "",
            "| 列 / column | 中文表头及别名 / Chinese header, aliases | 类型 / type | 单位 / unit | 必填 / required "
            "| 取值 / values | 含义 | meaning |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for col in t.columns:
            headers = "、".join(dict.fromkeys((col.zh, *col.aliases)))
            out.append(
                "| "
                + " | ".join(
                    _md_cell(x)
                    for x in (
                        f"`{col.name}`",
                        headers,
                        _TYPE_LABELS[col.type],
                        _UNIT_LABELS.get(col.unit, col.unit),
                        "是 / yes" if col.required else "否 / no",
                        _value_rules(col),
                        col.description_zh,
                        col.description_en,
                    )
                )
                + " |"
            )
        example = _EXAMPLE_ROWS.get(t.name, {})
        if example:
            names = t.column_names
            out += [
                "",
                "示例 / example (CSV):",
                "",
                "```csv",
                ",".join(names),
                ",".join(example.get(n, "") for n in names),
                "```",
            ]
    out += [
        "",
        "## 校验 / Checks",
        "",
        "导入前检查全部表，一次列出所有问题（每个文件每类问题最多列 50 条，共 500 条，其余计数）。"
        "有“错误”时拒绝导入、数据不变；“警告”不阻止导入。",
        "Every table is checked before anything is stored and all problems are listed at once (at most 50 per file "
        "and check, 500 in all, the rest counted). Any error rejects the import and leaves the data unchanged; "
        "warnings do not block it.",
        "",
        "| 检查 / check | 级别 / severity | 说明 | description |",
        "| --- | --- | --- | --- |",
    ]
    for check, (severity, zh, en) in MESSAGES.items():
        level = "错误 / error" if severity == "error" else "警告 / warning"
        if check == "more_problems":
            level = "—"
        out.append(f"| `{check}` | {level} | {_md_cell(zh)} | {_md_cell(en)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    text = render_data_format_md()
    if sys.argv[1:] == ["-"]:
        sys.stdout.write(text)
    else:
        target = Path(sys.argv[1]) if sys.argv[1:] else Path(__file__).resolve().parents[1] / "docs" / "data-format.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(target)
