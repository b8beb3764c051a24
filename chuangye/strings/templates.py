"""The XLSX templates staff fill in (chuangye/exports/templates/, ``chuangye template``, ``GET /api/v1/templates``):
the instructions sheet, the reference columns' headers, file names, and the errors of a template asked for
wrongly. Chinese first. The reader's words about a filled-in template are problems (strings/problems.py)."""

TEMPLATE_SHEETS = {
    "tpl_sheet_instructions": {"zh": "说明", "en": "Instructions"},
    "tpl_title": {"zh": "创业型单位建设数据填报模板", "en": "Entrepreneurship-type units: data template"},
    "tpl_meta_tables": {"zh": "表", "en": "Tables"},
    "tpl_meta_region": {"zh": "预填地区", "en": "Pre-filled for"},
    "tpl_meta_region_none": {
        "zh": "未预填（空白模板，从第 3 行起自行填写）",
        "en": "Nothing pre-filled (a blank template: type the rows from row 3 on)",
    },
    "tpl_meta_year": {"zh": "年度", "en": "Year"},
    "tpl_meta_rows": {"zh": "预填行数", "en": "Rows pre-filled"},
    "tpl_meta_version": {"zh": "预填所据数据版本", "en": "Pre-filled from data version"},
    "tpl_meta_made": {"zh": "生成日期", "en": "Made on"},
    "tpl_howto_heading": {"zh": "如何填写", "en": "How to fill it in"},
    "tpl_howto_headers": {
        "zh": "每个数据工作表的第 1 行是中文表头，第 2 行是英文列代码：两行都不要修改、删除或在其间插入行；"
        "从第 3 行起每行一条记录。",
        "en": "Row 1 of each data sheet holds the Chinese headers and row 2 the English column codes: do not change "
        "or delete them or insert rows between them; each row from row 3 on is one record.",
    },
    "tpl_howto_required": {
        "zh": "表头带 * 的列必须填写；表头为灰色、名称带“（参考）”的列只供核对，不导入。",
        "en": "Columns whose header ends in * must be filled in; grey columns marked （参考） (reference) are there "
        "to check against and are not imported.",
    },
    "tpl_howto_codes": {
        "zh": "代码列设为“文本”格式，保留前导零：不要把它改成数字或科学计数法。",
        "en": "Code columns are formatted as text so that leading digits stay: do not turn them into numbers or "
        "scientific notation.",
    },
    "tpl_howto_choices": {
        "zh": "带下拉箭头的列请从列表中选择（中文后面是导入时认得的代码，也可以只写其中之一）。",
        "en": "Pick the value of a column with a drop-down arrow from its list (the Chinese word is followed by "
        "the code the import reads; either alone is accepted too).",
    },
    "tpl_howto_prefilled": {
        "zh": "预填了代码、名称和年度的行只需填写数字。什么都没有填写的预填行在导入时跳过并给出警告；"
        "一张工作表一行都没有填写时不导入该表，当前数据中的该表保持不变。",
        "en": "Rows pre-filled with codes, names and the year need only the figures. A pre-filled row left "
        "without any figure is skipped with a warning when the file is read; a sheet with no row filled in is "
        "not imported, and the active data's table stays as it is.",
    },
    "tpl_howto_plain": {
        "zh": "不要合并单元格、隐藏行或工作表，不要留下没有计算结果的公式；不需要的行和工作表可以删除。",
        "en": "Do not merge cells, hide rows or sheets, or leave formulas without a computed value; rows and "
        "sheets you do not need may be deleted.",
    },
    "tpl_howto_limits": {
        "zh": "每个文件最大 {file_size}，每个工作表最多 {rows} 行、{columns} 列；各列的字符数上限见下表。",
        "en": "At most {file_size} per file and {rows} rows and {columns} columns per sheet; each column's "
        "character limit is in the table below.",
    },
    "tpl_howto_upload": {
        "zh": "填好后在看板的“数据管理”页上传，或在服务器上运行 chuangye validate 文件 检查、"
        "chuangye import 文件 导入。",
        "en": "When it is filled in, upload it on the dashboard's Data page, or on the server run "
        "chuangye validate FILE to check it and chuangye import FILE to import it.",
    },
    "tpl_columns_heading": {"zh": "各列说明", "en": "The columns"},
    "tpl_col_table": {"zh": "工作表", "en": "Sheet"},
    "tpl_col_header": {"zh": "中文表头", "en": "Chinese header"},
    "tpl_col_code": {"zh": "列代码", "en": "Column code"},
    "tpl_col_required": {"zh": "必填", "en": "Required"},
    "tpl_col_type": {"zh": "类型", "en": "Type"},
    "tpl_col_unit": {"zh": "单位", "en": "Unit"},
    "tpl_col_values": {"zh": "可选值", "en": "Allowed values"},
    "tpl_col_limits": {"zh": "限制", "en": "Limits"},
    "tpl_col_meaning_zh": {"zh": "含义（中文）", "en": "Meaning (Chinese)"},
    "tpl_col_meaning_en": {"zh": "含义（英文）", "en": "Meaning (English)"},
    "tpl_yes": {"zh": "是", "en": "yes"},
    "tpl_no": {"zh": "否", "en": "no"},
    "tpl_reference_only": {"zh": "仅供核对，不导入", "en": "to check against only; not imported"},
    "tpl_type_code": {"zh": "代码（文本）", "en": "code (text)"},
    "tpl_type_text": {"zh": "文本", "en": "text"},
    "tpl_type_int": {"zh": "整数", "en": "whole number"},
    "tpl_type_float": {"zh": "小数", "en": "number"},
    "tpl_type_bool": {"zh": "是/否", "en": "yes/no"},
    "tpl_type_date": {"zh": "日期", "en": "date"},
    "tpl_type_category": {"zh": "选项", "en": "choice"},
    "tpl_unit_persons": {"zh": "人", "en": "persons"},
    "tpl_unit_entities": {"zh": "户", "en": "entities"},
    "tpl_unit_jobs": {"zh": "个岗位", "en": "jobs"},
    "tpl_unit_units": {"zh": "个", "en": "units"},
    "tpl_unit_year": {"zh": "年", "en": "year"},
    "tpl_unit_degrees": {"zh": "度", "en": "degrees"},
    "tpl_limit_chars": {"zh": "最多 {n} 个字符", "en": "at most {n} characters"},
    "tpl_limit_digits": {"zh": "{lengths} 位数字", "en": "{lengths} digits"},
    "tpl_limit_range": {"zh": "{low}–{high}", "en": "{low}–{high}"},
    "tpl_limit_at_least": {"zh": "≥ {low}", "en": "≥ {low}"},
    "tpl_limit_date": {"zh": "如 2019-05-31", "en": "e.g. 2019-05-31"},
    "tpl_one_of": {"zh": "{some} 或 {last}", "en": "{some} or {last}"},
    "tpl_list_separator": {"zh": "、", "en": ", "},
    # the data sheets' reference columns (Chinese header: row 1 is always Chinese)
    "tpl_ref_unit_name": {"zh": "单位名称", "en": "Unit name"},
    "tpl_ref_unit_type": {"zh": "单位类型", "en": "Unit type"},
    "tpl_ref_county": {"zh": "所属县(市、区)", "en": "County"},
    "tpl_ref_township": {"zh": "所属街道(乡镇)", "en": "Street/town"},
    "tpl_ref_city": {"zh": "设区市", "en": "City"},
    # data validation messages (Excel shows them while filling in)
    "tpl_dv_error_title": {"zh": "无效的值", "en": "Invalid value"},
    "tpl_dv_pick": {"zh": "可选：{values}", "en": "One of: {values}"},
    "tpl_dv_whole": {"zh": "请填写 {limits} 的整数", "en": "Type a whole number, {limits}"},
    "tpl_dv_decimal": {"zh": "请填写 {limits} 的数字", "en": "Type a number, {limits}"},
    # file names
    "tpl_file_name": {"zh": "填报模板-{what}-{region}-{year}.xlsx", "en": "template-{what}-{region}-{year}.xlsx"},
    "tpl_file_all": {"zh": "全部表", "en": "all"},
    "tpl_file_blank": {"zh": "空白", "en": "blank"},
}

TEMPLATE_ERRORS = {
    "tpl_err_unknown_table": {
        "zh": "没有名为“{table}”的表；可用：{known}",
        "en": "There is no table '{table}'; the tables are: {known}",
    },
    "tpl_err_unknown_region": {
        "zh": "当前数据中没有代码为 {code} 的区划",
        "en": "The active data has no region with code {code}",
    },
    "tpl_err_not_a_region": {
        "zh": "{code} 不是省、设区市或县(市、区)的代码：模板按这三级区划预填",
        "en": "{code} is not the code of the province, a city or a county-level area: templates are pre-filled "
        "for those",
    },
    "tpl_err_bad_year": {
        "zh": "年度 {year} 无效：可选 {first}–{last}（数据中的年份及其下一年）",
        "en": "Year {year} is not possible: {first}–{last} (the data's years and the one after)",
    },
    "tpl_err_out_suffix": {
        "zh": "模板是 XLSX 工作簿：--out 的文件名须以 .xlsx 结尾（{path}）",
        "en": "The template is an XLSX workbook: give --out a file name ending in .xlsx ({path})",
    },
    "tpl_err_write": {"zh": "无法写入 {path}：{reason}", "en": "Cannot write {path}: {reason}"},
    "tpl_api_expected_year": {
        "zh": "数据中的年份或其下一年，{first}–{last}",
        "en": "a year of the data or the one after, {first}–{last}",
    },
    "tpl_api_expected_region": {
        "zh": "省、设区市或县(市、区)的代码",
        "en": "the code of the province, a city or a county-level area",
    },
    "tpl_api_unknown_table": {
        "zh": "没有这个模板：{table}；可用：{known}（见 docs/templates.md）",
        "en": "There is no such template: {table}; the templates are: {known} (see docs/templates.md)",
    },
}

TEMPLATE_CLI = {
    "tpl_cli_help": {
        "zh": "生成 XLSX 填报模板（每张表一个，或 all 为全部表）；给出 --region 时预填该地区的单位代码和名称",
        "en": "Write an XLSX template to fill in (one table, or all); with --region it is pre-filled with the "
        "region's unit codes and names",
    },
    "tpl_cli_help_table": {
        "zh": "表：regions、units、quotas、indicator_inputs、certifications（或中文表名），all 为全部表",
        "en": "the table: regions, units, quotas, indicator_inputs, certifications (or its Chinese name); all for "
        "every table",
    },
    "tpl_cli_help_region": {
        "zh": "预填该区划（省、设区市或县(市、区)代码）的单位；不给时为空白模板",
        "en": "pre-fill the units of this region (province, city or county-level code); without it, a blank template",
    },
    "tpl_cli_help_year": {
        "zh": "预填的年度（默认为数据中最近的年份）",
        "en": "the year pre-filled (default: the latest year of the data)",
    },
    "tpl_cli_help_out": {"zh": "写入的 .xlsx 文件", "en": "the .xlsx file to write"},
    "tpl_cli_help_lang": {
        "zh": "模板工作表名和说明的语言（表头总是中文加英文代码）",
        "en": "the language of the template's sheet names and instructions (headers are always Chinese with the "
        "English codes)",
    },
    "tpl_cli_done": {
        "zh": "模板已写入 {path}（{size} KB，预填 {rows} 行）",
        "en": "Template written to {path} ({size} KB, {rows} rows pre-filled)",
    },
    "audit_action_template": {"zh": "下载填报模板", "en": "Template download"},
}
