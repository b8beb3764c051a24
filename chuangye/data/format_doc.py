"""docs/data-format.md, generated from the schema: ``python -m chuangye.data.format_doc [FILE|-]``."""

from __future__ import annotations

from chuangye.data.changes import SYNTHETIC_MARKER
from chuangye.data.checks.codes import (
    COUNTY_PREFIX_DIGITS,
    PARENT_PREFIX_DIGITS,
    TOWNSHIP_CODE_DIGITS,
    UNIT_CODE_LENGTHS,
)
from chuangye.data.headers import BOOL_FALSE, BOOL_TRUE, CHOICE_ALIASES
from chuangye.data.limits import UPLOAD_LIMITS, size_text
from chuangye.data.problems import LIST_PER_GROUP, LIST_TOTAL, MESSAGES
from chuangye.data.reading_doc import reading_rules_md
from chuangye.data.schema import TABLES, Column, max_chars
from chuangye.data.tables import ENCODINGS

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
        "new_entrepreneurs": "260",
        "trainees": "120",
        "trainees_started": "66",
        "entities_prev_year": "180",
        "entities_surviving": "150",
        "jobs_by_entrepreneurship": "1050",
        "new_jobs_total": "1900",
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
    rules.append(f"≤ {max_chars(col)} 字符 / chars")
    return "; ".join(rules)


def _code_rules() -> list[str]:
    """How codes must fit their level, type and parents (``chuangye.data.checks.codes``)."""
    lengths = "；".join(f"`{t}` {'/'.join(map(str, n))} 位" for t, n in UNIT_CODE_LENGTHS.items())
    lengths_en = "; ".join(f"`{t}` {'/'.join(map(str, n))} digits" for t, n in UNIT_CODE_LENGTHS.items())
    city, county = PARENT_PREFIX_DIGITS["city"], PARENT_PREFIX_DIGITS["county"]
    return [
        "**代码结构 / Code structure.** 代码须与自身层级、类型和上级相符，否则为错误："
        "省级代码形如 `320000`，设区市 `320100`（以 00 结尾、不以 0000 结尾），县级区域不以 00 结尾；"
        f"设区市代码的前 {city} 位与省相同，县级区域的前 {county} 位与所属设区市相同；"
        f"单位代码的前 {COUNTY_PREFIX_DIGITS} 位是所属县代码，村级代码的前 {TOWNSHIP_CODE_DIGITS} 位是所属乡镇代码；"
        f"单位类型决定代码位数：{lengths}。",
        "Codes must fit their own level, type and parents (errors otherwise): a province looks like `320000`, a city "
        "like `320100` (ending in 00, not 0000), a county-level code does not end in 00; a city shares its first "
        f"{city} digits with its province, a county its first {county} with its city; a unit's code begins with its "
        f"county's {COUNTY_PREFIX_DIGITS} digits, a village-level code with its township's {TOWNSHIP_CODE_DIGITS}; "
        f"the unit type fixes the length: {lengths_en}.",
    ]


def render_data_format_md() -> str:
    """The user-facing description of every input table (docs/data-format.md), generated from this module."""
    out: list[str] = [
        "# 数据格式说明 / Data format",
        "",
        "> 本文件由 `python -m chuangye.data.format_doc` 根据 `chuangye/data/schema.py` 生成，请勿手工修改。",
        "> Generated from `chuangye/data/schema.py` by `python -m chuangye.data.format_doc`; do not edit by hand.",
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
        + "、".join(f"`{e}`" for e in ENCODINGS)
        + "。分隔符为逗号（首行中制表符或分号更多时按其分隔）。",
        "  CSV files may be UTF-8, UTF-8 with BOM or GBK/GB18030, tried strictly in this order: "
        + ", ".join(f"`{e}`" for e in ENCODINGS)
        + ". Comma-separated (tab or semicolon if the first line "
        "has more of them).",
        "- **XLSX**：读取与表同名的工作表，否则读取第一个工作表；一个工作簿可包含多张表，每张表一个工作表，"
        "工作表按表名命名（或能按表头识别）。",
        "  XLSX: the sheet named after the table, else the first sheet. One workbook may hold several tables, one "
        "sheet each, named after the table (or recognisable from its headers).",
    ]
    out += reading_rules_md()
    out += [
        "- **识别表 / Which table**：先看文件名（或工作表名），与上表“可用文件名”相同或以其开头"
        "（如 `units_2019.csv`）；否则按表头判断。 By the file (or sheet) name, equal to or starting with an "
        "accepted name (e.g. `units_2019.csv`); otherwise by the headers.",
        "- **表头行 / Header row**：前 15 行中第一行含两个以上可识别列名的行；其上方的标题行被忽略。"
        "The first of the top 15 rows with at least two recognised headers; title rows above it are ignored.",
        "- **填报模板 / Templates**：`chuangye template` 生成的 XLSX 模板（见 [templates.md](templates.md)）原样读回："
        "中文表头下的英文列代码行也是表头；“说明”工作表和表头以“（参考）”结尾的列不读取；只有预填代码、没有填写数据的行"
        "跳过并给出一条警告；一行都没有填写的工作表不导入（该表沿用当前版本）。 A filled-in template is read as it "
        "is: the row of English codes under the Chinese headers is a header row; the instructions sheet and columns "
        "whose header ends in （参考）/(reference) are not read; rows holding only their pre-filled key are skipped "
        "with one warning; a sheet with no row filled in is not imported (the active version's table stays).",
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
        + ", ".join(f"`{v}`" for v in BOOL_TRUE)
        + "；否 = "
        + ", ".join(f"`{v}`" for v in BOOL_FALSE)
        + "（不区分大小写 / any case）。",
        "- **日期 / Dates**：`2019-05-31`、`2019/5/31`、`2019.5.31`、`2019年5月31日`，以及 Excel 日期单元格或日期序号"
        "（如 `43616`）。 Also Excel date cells and date serial numbers.",
        "- **枚举 / Choices**：可写英文代码或中文：",
    ]
    for column, aliases in CHOICE_ALIASES.items():
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
    out += _import_safeguards()
    out += [
        "",
        "## 校验 / Checks",
        "",
        f"导入前检查全部表，一次列出所有问题（每个文件每类问题最多列 {LIST_PER_GROUP} 条，共 {LIST_TOTAL} 条，"
        "其余计数；`chuangye validate --all` 逐条列出全部）。有“错误”时拒绝导入、数据不变；“警告”不阻止导入。",
        "Every table is checked before anything is stored and all problems are listed at once (at most "
        f"{LIST_PER_GROUP} per file and check, {LIST_TOTAL} in all, the rest counted; `chuangye validate --all` "
        "lists every one). Any error rejects the import and leaves the data unchanged; warnings do not block it.",
        "",
        *_code_rules(),
        "",
        "**先报根源 / Root causes first.** 一个错误导致其他行出错时（区划表中一个县级代码被改成未知代码，"
        "引用原代码的 70 个单位随之报错；一个街道被移到别的县，其下社区(村)随之报错），"
        "只在根源那一行报一个错误，写明其值，并注明“另有 N 行依赖于它”及这些行按文件和问题类别的计数；"
        "`chuangye validate --all` 把这些行逐条列在它下面（以 └ 开头，注明源于哪一行）。"
        "某行的代码没有被任何行引用，而本表缺少的某个代码仍被引用且与它位置相同"
        "（层级和上级相同，或所属县、乡镇相同）时，视为该代码被改成了本行的代码，根源即在本行。"
        "找不到根源行时，每个文件中引用同一未知代码的各行归在该文件的第一行之下。根源排在其他错误之前。",
        "When one error makes other rows fail (a county code in regions.csv changed to an unknown one, and the "
        "70 units naming the old code fail; a street moved to another county, and its communities fail), one "
        'error is reported on the root cause\'s own row with its value, saying "and N rows depending on it" and '
        "how many per file and kind; `chuangye validate --all` lists those rows under it (starting with └, naming "
        "the row they follow from). A row whose code nothing names while a code its table lacks is still named "
        "(same level and parent, or same county and township) is taken to be that code, changed. With no row to "
        "blame, the rows of a file naming the same unknown code are folded under the first of them. Root causes "
        "come before the other errors.",
        "",
        "**认定日期 / Certification dates.** 每个环节日期都须落在该认定年度的时间窗内，否则为错误；晚于该环节截止日期"
        "过久为警告；时间窗、截止日期和天数见 `chuangye/config/indicators.toml` 的 `[certification_cycle]`"
        "（[docs/configuration.md](configuration.md#certification_cycle-认定周期--certification-cycle)）。"
        "日期顺序颠倒（如县级评估早于申报）仍为错误。",
        "Every step's date must lie within its round's window (an error otherwise); a date long after its step's "
        "deadline is a warning; the window, deadlines and days are `[certification_cycle]` in "
        "`chuangye/config/indicators.toml`. Dates out of order (an evaluation before its declaration) stay errors.",
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


def _import_safeguards() -> list[str]:
    """What every import reports about its changes, and what it does only when the user says so (data/changes.py)."""
    return [
        "",
        "## 导入的变更与确认 / What an import changes, and what needs a confirmation",
        "",
        "- 每次导入（包括被拒绝的）都按主键列出每张表与当前版本相比新增、修改、删除了多少行。",
        "  Every import, a refused one too, lists per table how many rows it adds, changes and removes against the",
        "  active version, matched on the table's key.",
        "- 只有表头、没有数据行的表会清空该表：只有加 `--allow-empty` 才导入（报错 `table_emptied`）。",
        "  A table with a header and no rows would empty that table: it is imported only with `--allow-empty`",
        "  (error `table_emptied`).",
        "- 会删除当前版本某表中超过 `[imports] max_removed_share`（见 configuration.md）比例的行的导入，只有加",
        "  `--allow-shrink` 才进行（报错 `table_shrinks`）；被替换的合成示例数据不算删除。",
        "  An import that would delete more than `[imports] max_removed_share` (configuration.md) of a table's rows",
        "  in the active version needs `--allow-shrink` (error `table_shrinks`); replacing synthetic sample rows",
        "  is not a loss.",
        "- 数据目录中还没有数据时，导入须提供全部五张表（报错 `missing_table_first_import`）；加 `--with-sample`",
        "  时未提供的表取自内置示例数据，记为合成数据。只有看板（`chuangye serve`）和查询命令第一次用空目录时才自动",
        "  载入示例数据。",
        "  Into a data directory with no data yet, an import needs all five tables (error",
        "  `missing_table_first_import`); with `--with-sample` the tables not given come from the bundled sample,",
        "  marked synthetic. Only the dashboard (`chuangye serve`) and the reading commands load the sample by",
        "  themselves, on their first use of an empty directory.",
        f"- `chuangye sample` 生成的文件夹里有 `{SYNTHETIC_MARKER}`：从这样的文件夹导入的表记为合成数据，",
        "  看板页脚、导出和报告注明“示例数据为合成数据”；数据版本中没有合成数据时不注明。",
        "  把表换成真实数据后请删除该文件。",
        f"  A folder written by `chuangye sample` holds `{SYNTHETIC_MARKER}`: tables imported from it are marked",
        '  synthetic, and the dashboard\'s footer, exports and reports say "sample data is synthetic"; a version',
        "  without synthetic tables does not. Delete the file once the tables hold real data.",
        "  本功能之前写入的版本没有这项记录，按合成数据标注；导入全部五张表后即按实际标注。",
        "  A version written before tables were marked counts as synthetic until all five tables are imported again.",
        "- 市、县的区域提交（区域导入）只含指标基础数据、认定进程和目标任务，只替换本区域在文件所含年度的行，",
        "  其他行不变；见 [store.md](store.md#区域导入--region-imports)。",
        "  A city's or county's submission (a region import) holds only indicator_inputs, certifications and",
        "  quotas and replaces only its region's rows of the years in its files; see store.md.",
        f"- 通过网页或 API 上传时，一次最多 {UPLOAD_LIMITS.max_files} 个文件、每个最大 "
        f"{size_text(UPLOAD_LIMITS.max_file_bytes)}、合计最大 {size_text(UPLOAD_LIMITS.max_total_bytes)}；"
        "文件名只保留最后一段（去掉路径、`..` 和不允许的字符），同名文件自动改名，"
        "超过上限或文件名不可用时整批拒绝、不写入任何文件。",
        f"  An upload through the web or the API brings at most {UPLOAD_LIMITS.max_files} files, each at most "
        f"{size_text(UPLOAD_LIMITS.max_file_bytes)}, {size_text(UPLOAD_LIMITS.max_total_bytes)} in all; a file name",
        "  keeps only its last part (no path, no `..`, no forbidden characters), files of the same name are renamed,",
        "  and an upload over a limit or with an unusable name is refused whole, nothing written.",
        "- `chuangye validate` 接受同样的 `--allow-empty`、`--allow-shrink`、`--with-sample`，",
        "  报告与导入相同的错误（空数据目录也一样：只校验一张表时会说明导入须提供全部五张表）。",
        "  `chuangye validate` takes the same `--allow-empty`, `--allow-shrink` and `--with-sample` and reports",
        "  the same errors (into an empty data directory too: one table alone is told an import needs all five).",
    ]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    text = render_data_format_md()
    if sys.argv[1:] == ["-"]:
        sys.stdout.write(text)
    else:
        target = Path(sys.argv[1]) if sys.argv[1:] else Path.cwd() / "docs" / "data-format.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(target)
