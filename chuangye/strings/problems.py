"""Validation and import problems (chuangye.data.problems): per check code its default severity ("error" or
"warning") and its Chinese and English templates, and a short title naming the kind of problem (what a
summary of unlisted problems says). Kept apart from the UI strings (a different shape)."""

# check code -> (default severity, Chinese template, English template). Templates use str.format fields.
PROBLEM_MESSAGES: dict[str, tuple[str, str, str]] = {
    # files and tables
    "unreadable_file": ("error", "无法读取文件：{reason}", "Cannot read the file: {reason}"),
    "unsupported_format": ("error", "不支持的文件格式（支持 CSV、XLSX）", "Unsupported file format (use CSV or XLSX)"),
    "no_input_files": ("error", "未找到可导入的 CSV/XLSX 文件", "No CSV/XLSX files to import were found"),
    "unknown_table": (
        "error",
        "无法识别这是哪张表：文件名和表头都不匹配（可用文件名：{known}）",
        "Cannot tell which table this is from its name or headers (known names: {known})",
    ),
    "ambiguous_table": (
        "error",
        "无法确定是哪张表，可能是：{candidates}；请按表名命名文件",
        "Cannot tell which table this is, it could be: {candidates}; name the file after the table",
    ),
    "table_given_twice": (
        "error",
        "“{table}”表重复提供（另见 {other}）；每张表只能提供一个文件",
        "Table '{table}' is given twice (also in {other}); give each table in one file only",
    ),
    "sheet_ignored": (
        "warning",
        "工作表“{sheet}”无法识别为任何表，已忽略",
        "Sheet '{sheet}' does not look like any table and was ignored",
    ),
    "empty_table": ("warning", "表中没有数据行", "The table has no data rows"),
    # filled-in templates (chuangye/exports/templates/, docs/templates.md)
    "template_rows_skipped": (
        "warning",
        "{count} 行只有预填的代码、没有填写数据（第 {rows} 行），已跳过，不导入",
        "{count} rows hold only their pre-filled codes and no figures (rows {rows}); they were skipped, not imported",
    ),
    "template_unfilled": (
        "warning",
        "模板工作表“{sheet}”中没有填写数据，不导入；当前版本的“{table_zh}”表（{table}）保持不变",
        "Nothing was filled in on template sheet '{sheet}', so it is not imported; the active version's table "
        "'{table}' ({table_zh}) stays as it is",
    ),
    "template_empty": (
        "error",
        "模板中没有填写任何数据，没有可导入的内容；请在第 3 行起填写数据后再上传",
        "Nothing was filled in anywhere in the template, so there is nothing to import; fill in rows from row 3 "
        "on and upload it again",
    ),
    # reading limits and evidence (chuangye.data.limits, chuangye.data.encoding)
    "file_too_large": (
        "error",
        "文件大小为 {size}，超过每个文件 {limit} 的上限；请按地区或年度拆分后分别导入",
        "The file is {size}, over the limit of {limit} per file; split it by region or year and import the parts",
    ),
    "too_many_rows": (
        "error",
        "文件超过 {limit} 行的上限，在此停止读取；请按地区或年度拆分后分别导入",
        "The file has more than the limit of {limit} rows and was not read further; split it by region or year",
    ),
    "too_many_columns": (
        "error",
        "这一行有 {count} 列，超过 {limit} 列的上限；请检查分隔符，或删除多余的列",
        "This row has {count} columns, over the limit of {limit}; check the delimiter or remove the extra columns",
    ),
    "xlsx_encrypted": (
        "error",
        "这个 XLSX 文件设有打开密码（已加密），或是改了扩展名的旧 .xls 文件，无法读取；请在 Excel 或 WPS 中取消密码、"
        "另存为 .xlsx 后重新上传",
        "This XLSX file is password-protected (encrypted), or an old .xls file renamed, and cannot be read; remove "
        "the password in Excel or WPS, save it as .xlsx and upload it again",
    ),
    "zip_encrypted": (
        "error",
        "文件中的 {member} 设有密码（已加密），无法读取；请去掉密码后重新保存或打包上传",
        "{member} inside the file is password-protected (encrypted) and cannot be read; save or pack it again "
        "without a password and upload it",
    ),
    "zip_too_large": (
        "error",
        "XLSX 文件解压后共 {size}，超过 {limit} 的上限（可能是“压缩炸弹”），未读取",
        "The XLSX file unpacks to {size}, over the limit of {limit} (possibly a zip bomb); it was not read",
    ),
    "zip_ratio": (
        "error",
        "XLSX 文件中的 {member} 解压后为 {size}，压缩比 {ratio}:1，超过 {limit}:1 的上限（可能是“压缩炸弹”），未读取",
        "{member} inside the XLSX file unpacks to {size}, a ratio of {ratio}:1, over the limit of {limit}:1 "
        "(possibly a zip bomb); it was not read",
    ),
    "encoding_unknown": (
        "error",
        "文件编码既不是 UTF-8 也不是 GBK/GB18030（检测结果为 {found}），这一行无法解码；"
        "请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入",
        "The file's encoding is neither UTF-8 nor GBK/GB18030 (the detector says {found}) and this line cannot be "
        "decoded; save it as 'CSV UTF-8 (Comma delimited)' in Excel/WPS and import again",
    ),
    "encoding_doubtful": (
        "error",
        "无法确定文件编码：文件不是 UTF-8，按 GBK/GB18030 读出的这一行不像中文，编码检测结果为 {found}；"
        "为免存入乱码，未导入。请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入"
        "（繁体中文 Big5 编码的文件不能直接导入）",
        "Cannot be sure of the file's encoding: it is not UTF-8, read as GBK/GB18030 this line is not Chinese, and "
        "the detector says {found}; to keep garbled names out it was not imported. Save it as 'CSV UTF-8 (Comma "
        "delimited)' in Excel/WPS and import again (a Big5, Traditional Chinese, file cannot be imported as it is)",
    ),
    "csv_unclosed_quote": (
        "error",
        '本行第 {position} 个单元格以英文双引号（"）开头，但引号在本行没有闭合，{lines_zh}被读成了这一个单元格，'
        '整张表未读取。请检查这一行的引号：单元格中的引号要写成两个（""），或删去多余的引号',
        'Cell {position} of this line opens with a double quote (") that is not closed on this line, so '
        "{lines_en} ran into this one cell and the table was not read. Check the quotes on this line: a quote "
        'inside a cell is written as two (""); remove a stray one',
    ),
    "cross_checks_skipped": (
        "warning",
        "“{table_zh}”表（{table}）未能读取，{others_zh} 中依赖它的检查（代码引用、上下级关系等）已跳过；"
        "修正此文件后请重新校验",
        "Table '{table}' ({table_zh}) could not be read, so the checks of {others_en} that depend on it "
        "(references to its codes, parents ...) were skipped; validate again once this file is fixed",
    ),
    "text_too_long": (
        "error",
        "内容过长：{length} 个字符，本列最多 {limit} 个字符",
        "Too long: {length} characters; this column takes at most {limit}",
    ),
    "forbidden_character": (
        "error",
        "含有不允许的字符 {char}（{kind_zh}）；请删除或改为正常文字",
        "Holds a character that is not allowed, {char} ({kind_en}); remove it or type the text again",
    ),
    "xlsx_merged_cell": (
        "error",
        "单元格与 {anchor} 合并，值只在 {anchor} 中；请取消合并并在每一行填写",
        "Merged with {anchor}, which alone holds the value; unmerge the cells and fill in every row",
    ),
    "xlsx_formula_without_value": (
        "error",
        "公式 {formula} 没有计算结果（文件保存时未经 Excel/WPS 计算）；请在 Excel/WPS 中打开并保存，"
        "或复制后“选择性粘贴为数值”",
        "Formula {formula} without a cached value (the file was saved without being calculated by Excel/WPS); "
        "open and save it in Excel/WPS, or paste the cells as values",
    ),
    "xlsx_hidden_rows": (
        "warning",
        "工作表“{sheet}”中第 {rows} 行是隐藏的，也会导入；请确认这些行属于本表",
        "Rows {rows} of sheet '{sheet}' are hidden and are imported too; make sure they belong in the table",
    ),
    "xlsx_hidden_sheet": (
        "warning",
        "工作表“{sheet}”是隐藏的，其中的数据也会导入；请确认它属于本次导入",
        "Sheet '{sheet}' is hidden and its data is imported too; make sure it belongs in this import",
    ),
    "missing_table": (
        "error",
        "缺少“{table_zh}”表（{table}），当前版本中也没有",
        "Table '{table}' ({table_zh}) is missing and the active version has none either",
    ),
    # headers
    "missing_column": (
        "error",
        "缺少必填列“{column_zh}”（{column}）",
        "Required column '{column}' ({column_zh}) is missing",
    ),
    "unexpected_column": ("warning", "无法识别的列“{header}”，已忽略", "Unrecognised column '{header}' was ignored"),
    "duplicate_column": (
        "error",
        "列“{header}”与“{other}”都对应 {column}，只能保留一列",
        "Columns '{header}' and '{other}' both mean {column}; keep only one",
    ),
    # cell types
    "not_integer": ("error", "不是整数", "Not a whole number"),
    "not_number": ("error", "不是数字", "Not a number"),
    "not_boolean": (
        "error",
        "不是是/否值（可用 是/否、true/false、1/0、Y/N）",
        "Not a yes/no value (use true/false, 1/0, Y/N, 是/否)",
    ),
    "not_date": (
        "error",
        "不是有效日期（可用 2019-05-31、2019/5/31、2019年5月31日）",
        "Not a valid date (use 2019-05-31, 2019/5/31 or 2019年5月31日)",
    ),
    "excel_scientific": (
        "error",
        "代码被 Excel 显示为科学计数法，位数已丢失；请把该列设为“文本”格式后重新导出",
        "Excel turned this code into scientific notation and lost digits; format the column as Text and export again",
    ),
    # cell values
    "required_empty": ("error", "必填项为空", "Required value is empty"),
    "invalid_choice": ("error", "取值无效，可用：{choices}", "Invalid value; allowed: {choices}"),
    "code_format": ("error", "代码应为 {lengths} 位数字", "Code must be {lengths} digits"),
    "out_of_range": ("error", "数值超出范围（{bounds}）", "Value out of range ({bounds})"),
    "duplicate_key": ("error", "与第 {first_row} 行重复（{key}）", "Duplicates row {first_row} ({key})"),
    "years_reversed": (
        "error",
        "设立年份 {active_from} 晚于撤销年份 {active_to}",
        "First year {active_from} is after last year {active_to}",
    ),
    "in_scope_without_type": ("error", "纳入统计的单位必须填写单位类型", "A unit counted in scope needs a unit type"),
    "placeholder_in_scope": (
        "warning",
        "{code}（{name}）是国家统计局的虚拟单位（虚拟社区/虚拟生活区，代码尾号 498/598），"
        "不是实际的社区(村)，不计入覆盖率",
        "{code} ({name}) is an NBS placeholder (虚拟社区/虚拟生活区, code ending 498/598), not a real community or "
        "village; it is not counted",
    ),
    # references between tables
    "unknown_region_parent": ("error", "上级代码不在行政区划表中", "Parent code is not in the regions table"),
    "missing_region_parent": ("error", "{level_zh}必须填写上级代码", "A {level} needs a parent code"),
    "bad_region_parent": (
        "error",
        "{level_zh}的上级应为{parent_level_zh}，而 {value} 是{actual_zh}",
        "The parent of a {level} must be a {parent_level}, but {value} is {actual}",
    ),
    "unknown_county": ("error", "不是行政区划表中的县级区域", "Not a county-level area in the regions table"),
    "unknown_city": ("error", "不是行政区划表中的设区市", "Not a city in the regions table"),
    "unknown_unit": ("error", "单位代码不在单位名录中", "Unit code is not in the units table"),
    "county_not_in_city": (
        "error",
        "县级区域 {value} 不属于设区市 {city_code}（其上级为 {actual_city}）",
        "County {value} does not belong to city {city_code} (its parent is {actual_city})",
    ),
    "township_not_in_county": (
        "error",
        "乡镇 {value} 不属于本单位所在县级区域 {county_code}",
        "Township {value} is not in this unit's county {county_code}",
    ),
    "unknown_township": ("warning", "乡镇代码不在单位名录中", "Township code is not in the units table"),
    # plausibility
    "numerator_above_denominator": (
        "warning",
        "{numerator_zh}（{value}）大于{denominator_zh}（{denominator_value}）",
        "{numerator} ({value}) is larger than {denominator} ({denominator_value})",
    ),
    "far_from_previous": (
        "warning",
        "{column_zh}为 {value}，与该单位 {previous_year} 年的 {previous_value} 相差约 {ratio} 倍；"
        "请核对是否多输或少输了数位、填错了列",
        "{column} is {value}, about {ratio} times apart from the unit's {previous_year} figure ({previous_value}); "
        "check for a digit too many or too few, or a figure in the wrong column",
    ),
    "missing_years": (
        "warning",
        "单位 {value}（{name}）缺少 {years} 年的数据（数据覆盖 {first}–{last} 年）",
        "Unit {value} ({name}) has no figures for {years} (the data covers {first}–{last})",
    ),
    "cert_dates_order": (
        "error",
        "{column_zh}（{value}）早于{previous_zh}（{previous_value}）",
        "{column} ({value}) is before {previous} ({previous_value})",
    ),
    "stage_date_mismatch": (
        "error",
        "当前环节为“{stage_zh}”，但已填写{column_zh}",
        "The stage is '{stage}' but {column} is filled in",
    ),
    "quota_below_target": (
        "warning",
        "申报评估数（{value}）小于目标任务数（{target}）",
        "Evaluation quota ({value}) is below the target count ({target})",
    ),
    # codes against their own structure (NBS division codes: a code begins with its parent's)
    "region_code_level": (
        "error",
        "层级为“{level_zh}”，而{shape_zh}",
        "The level is '{level}', but {shape_en}",
    ),
    "region_code_prefix": (
        "error",
        "区划代码 {code} 的前 {digits} 位应与上级代码 {value} 相同"
        "（{level_zh}的代码以所属{parent_level_zh}代码的前 {digits} 位开头）",
        "Region code {code} must begin with the first {digits} digits of its parent {value} (a {level}'s code "
        "begins with its {parent_level}'s)",
    ),
    "code_length_for_type": (
        "error",
        "{type_zh}的代码为 {lengths} 位，而单位代码 {code} 是 {length} 位",
        "A {type_en} has a {lengths}-digit code, but unit code {code} has {length} digits",
    ),
    "code_not_in_county": (
        "error",
        "单位代码 {code} 以 {prefix} 开头，与所属县代码 {value} 不符（单位代码以所在县级区域的代码开头）",
        "Unit code {code} begins with {prefix}, not with its county {value} (a unit's code begins with its county's)",
    ),
    "code_not_in_township": (
        "error",
        "单位代码 {code} 以 {prefix} 开头，与所属乡镇代码 {value} 不符（村级代码以所属乡镇的代码开头）",
        "Unit code {code} begins with {prefix}, not with its township {value} (a village-level code begins with "
        "its township's)",
    ),
    "replaced_code": (
        "error",
        "代码 {value} 没有被任何其他行引用，而本表中没有的 {missing} 仍被其他行引用：本行的代码可能原为 {missing}",
        "Code {value} is named by no other row, while {missing}, which this table lacks, is still named elsewhere: "
        "this row's code was probably {missing}",
    ),
    # dates against the yearly certification cycle (config: [certification_cycle])
    "date_outside_cycle": (
        "error",
        "{column_zh} {date} 不在 {round_year} 年度认定周期（{opens} 至 {closes}）内：请检查年份，"
        "或该格是否是被当作日期读入的数字（Excel 日期序号）",
        "{column} {date} lies outside the {round_year} round's cycle ({opens} to {closes}): check the year, or "
        "whether the cell is a number read as a date (an Excel date serial)",
    ),
    "date_far_after_deadline": (
        "warning",
        "{column_zh} {date} 比 {round_year} 年度该环节的截止日期 {deadline} 晚 {days} 天（超过 {limit} 天）："
        "请检查认定年度和日期",
        "{column} {date} is {days} days after the {round_year} round's deadline for this step, {deadline} "
        "(more than {limit}): check the round year and the date",
    ),
    # boundaries supplied by the user
    "boundary_invalid": (
        "error",
        "“{level}”边界数据无效：{reason}",
        "Boundaries for '{level}' are not usable: {reason}",
    ),
    # what an import would change (chuangye/data/changes.py): refused unless the user confirms it
    "table_emptied": (
        "error",
        "表中没有数据行：导入后“{table_zh}”表（{table}）将为空{before_zh}；确需如此，请明确确认"
        "（命令行加 --allow-empty）",
        "The table has no data rows: after the import '{table}' ({table_zh}) would be empty{before_en}; if that is "
        "intended, confirm it explicitly (--allow-empty on the command line)",
    ),
    "table_shrinks": (
        "error",
        "导入将删除“{table_zh}”表（{table}）当前 {before} 行中的 {removed} 行（{share}，超过配置 [imports] "
        "max_removed_share 允许的 {limit}）；确需如此，请明确确认（命令行加 --allow-shrink）",
        "The import would delete {removed} of the {before} rows of '{table}' ({table_zh}) in the active version "
        "({share}, more than the {limit} that [imports] max_removed_share allows); if that is intended, confirm it "
        "explicitly (--allow-shrink on the command line)",
    ),
    "missing_table_first_import": (
        "error",
        "数据目录中还没有数据，导入须提供全部五张表：缺少“{table_zh}”表（{table}）；若要用内置示例（合成）数据补齐，"
        "请加 --with-sample",
        "The data directory holds no data yet, so an import needs all five tables: '{table}' ({table_zh}) is "
        "missing; to fill it from the bundled (synthetic) sample, add --with-sample",
    ),
    # a region's ("merge") import: a city's or county's figures into the active version (chuangye/data/regional.py)
    "row_outside_region": (
        "error",
        "{subject_zh}不在本次导入的区域{region_zh}内：区域（市、县）提交只能包含本区域的行",
        "{subject_en} lies outside this import's region, {region_en}: a city's or county's submission may only "
        "hold its own rows",
    ),
    "registry_table_in_region_import": (
        "error",
        "区域提交不能包含“{table_zh}”表（{table}）：行政区划和单位名录（包括单位是否纳入统计）由省级统一维护；"
        "请只提交指标基础数据、认定进程或目标任务表",
        "A region's submission cannot hold the '{table}' table ({table_zh}): the regions and the units registry "
        "(whether a unit counts included) are kept by the province; submit only indicator_inputs, certifications "
        "or quotas",
    ),
    "region_table_empty": (
        "error",
        "表中没有数据行：区域提交按文件中的年度替换本区域的行，空表不替换任何数据；请填入数据后再提交",
        "The table has no data rows: a region's submission replaces its region's rows for the years the file "
        "holds, and an empty table replaces nothing; fill it in and submit again",
    ),
    "region_key_in_two_files": (
        "error",
        "{key} 已在 {other} 第 {other_row} 行提供；同一行只能由一个文件提供",
        "{key} is also given in {other} row {other_row}; each row may come from one file only",
    ),
    "region_rows_shrink": (
        "error",
        "区域提交将删除“{table_zh}”表（{table}）中 {region_zh} 在文件所含年度的现有 {before} 行中的 {removed} 行"
        "（{share}，超过配置 [imports] max_removed_share 允许的 {limit}）；"
        "确需如此，请明确确认（命令行加 --allow-shrink）",
        "This region's import would delete {removed} of the {before} rows that {region_en} has in '{table}' "
        "({table_zh}) for the years in the file ({share}, more than the {limit} that [imports] max_removed_share "
        "allows); if that is intended, confirm it explicitly (--allow-shrink on the command line)",
    ),
    "region_import_without_data": (
        "error",
        "数据目录中还没有数据：区域提交只能并入已有的数据版本，请先由省级导入全部五张表",
        "The data directory holds no data yet: a region's submission can only be merged into an existing version; "
        "the province imports all five tables first",
    ),
    # capping (the summary takes the severity of the problems it counts)
    "more_problems": (
        "warning",
        "另有 {count} 条“{title_zh}”问题只计数、未逐条列出（每个文件每类问题最多列 {per_group} 条，共最多 {total} 条）",
        "{count} more '{title_en}' problems were counted but not listed (at most {per_group} per file and kind of "
        "problem, {total} in all)",
    ),
}

# check code -> (Chinese title, English title): the kind of problem in a few words.
PROBLEM_TITLES: dict[str, tuple[str, str]] = {
    "unreadable_file": ("文件无法读取", "unreadable file"),
    "unsupported_format": ("文件格式不支持", "unsupported file format"),
    "no_input_files": ("没有可导入的文件", "no files to import"),
    "unknown_table": ("无法识别的表", "table not recognised"),
    "ambiguous_table": ("无法确定是哪张表", "ambiguous table"),
    "table_given_twice": ("表重复提供", "table given twice"),
    "sheet_ignored": ("工作表被忽略", "sheet ignored"),
    "empty_table": ("表中没有数据", "empty table"),
    "template_rows_skipped": ("模板中未填写的行", "template rows left blank"),
    "template_unfilled": ("未填写的模板工作表", "template sheet left blank"),
    "template_empty": ("未填写的模板", "template left blank"),
    "file_too_large": ("文件过大", "file too large"),
    "too_many_rows": ("行数过多", "too many rows"),
    "too_many_columns": ("列数过多", "too many columns"),
    "xlsx_encrypted": ("XLSX 已加密", "XLSX password-protected"),
    "zip_encrypted": ("压缩包已加密", "archive password-protected"),
    "zip_too_large": ("XLSX 解压后过大", "XLSX unpacks to too much"),
    "zip_ratio": ("XLSX 压缩比过高", "XLSX compression ratio too high"),
    "encoding_unknown": ("无法识别的文件编码", "unknown file encoding"),
    "encoding_doubtful": ("无法确定的文件编码", "doubtful file encoding"),
    "csv_unclosed_quote": ("引号未闭合", "unclosed quote"),
    "cross_checks_skipped": ("跨表检查已跳过", "cross-table checks skipped"),
    "text_too_long": ("内容过长", "text too long"),
    "forbidden_character": ("不允许的字符", "character not allowed"),
    "xlsx_merged_cell": ("合并单元格", "merged cell"),
    "xlsx_formula_without_value": ("公式没有计算结果", "formula without a cached value"),
    "xlsx_hidden_rows": ("隐藏的行", "hidden rows"),
    "xlsx_hidden_sheet": ("隐藏的工作表", "hidden sheet"),
    "missing_table": ("缺少表", "missing table"),
    "missing_column": ("缺少必填列", "missing required column"),
    "unexpected_column": ("无法识别的列", "unrecognised column"),
    "duplicate_column": ("重复的列", "duplicate column"),
    "not_integer": ("不是整数", "not a whole number"),
    "not_number": ("不是数字", "not a number"),
    "not_boolean": ("不是是/否值", "not a yes/no value"),
    "not_date": ("不是有效日期", "not a valid date"),
    "excel_scientific": ("代码被 Excel 改成科学计数法", "code turned into scientific notation by Excel"),
    "required_empty": ("必填项为空", "required value empty"),
    "invalid_choice": ("取值无效", "invalid value"),
    "code_format": ("代码位数不对", "malformed code"),
    "out_of_range": ("数值超出范围", "value out of range"),
    "duplicate_key": ("重复的行", "duplicate row"),
    "years_reversed": ("设立年份晚于撤销年份", "first year after last year"),
    "in_scope_without_type": ("纳入统计的单位缺少类型", "unit in scope without a type"),
    "placeholder_in_scope": ("虚拟单位标为纳入统计（不计入）", "NBS placeholder marked in scope (not counted)"),
    "unknown_region_parent": ("上级代码不在区划表中", "parent code not in the regions table"),
    "missing_region_parent": ("缺少上级代码", "missing parent code"),
    "bad_region_parent": ("上级区划层级不对", "parent of the wrong level"),
    "unknown_county": ("县级区域代码不在区划表中", "county not in the regions table"),
    "unknown_city": ("设区市代码不在区划表中", "city not in the regions table"),
    "unknown_unit": ("单位代码不在单位名录中", "unit not in the units table"),
    "county_not_in_city": ("县级区域不属于所填设区市", "county not in the given city"),
    "township_not_in_county": ("乡镇不属于所填县级区域", "township not in the given county"),
    "unknown_township": ("乡镇代码不在单位名录中", "township not in the units table"),
    "numerator_above_denominator": ("分子大于分母", "numerator larger than denominator"),
    "far_from_previous": ("与上年相差悬殊", "far from the previous year"),
    "missing_years": ("单位缺少某些年度的数据", "unit without figures for some years"),
    "cert_dates_order": ("认定各环节日期顺序不对", "certification dates out of order"),
    "stage_date_mismatch": ("环节与日期不一致", "stage and dates disagree"),
    "quota_below_target": ("申报评估数小于目标任务数", "evaluation quota below the target count"),
    "region_code_level": ("区划代码与层级不符", "region code does not fit its level"),
    "region_code_prefix": ("区划代码与上级代码不对应", "region code does not begin with its parent's"),
    "code_length_for_type": ("单位代码位数与类型不符", "unit code length does not fit its type"),
    "code_not_in_county": ("单位代码与所属县不对应", "unit code does not begin with its county's"),
    "code_not_in_township": ("单位代码与所属乡镇不对应", "unit code does not begin with its township's"),
    "replaced_code": ("代码可能被改错（无人引用，原代码仍被引用）", "code probably changed (unused; old one named)"),
    "date_outside_cycle": ("日期不在该年度认定周期内", "date outside the round's cycle"),
    "date_far_after_deadline": ("日期远晚于该环节截止日期", "date long after the step's deadline"),
    "boundary_invalid": ("边界数据无效", "unusable boundaries"),
    "table_emptied": ("导入会清空整张表", "import would empty a table"),
    "table_shrinks": ("导入会删除表中大部分行", "import would delete most of a table"),
    "missing_table_first_import": ("首次导入缺少表", "first import without every table"),
    "row_outside_region": ("行不属于本次导入的区域", "row outside the import's region"),
    "registry_table_in_region_import": ("区域提交不能包含名录表", "registry table in a region's submission"),
    "region_table_empty": ("区域提交的表没有数据", "region's table without rows"),
    "region_key_in_two_files": ("同一行由两个文件提供", "row given by two files"),
    "region_rows_shrink": ("区域提交会删除本区域大部分行", "region's import would delete most of its rows"),
    "region_import_without_data": ("没有可并入的数据版本", "no version to merge into"),
    "more_problems": ("未列出的问题", "problems not listed"),
}

# Root causes and the problems that follow from them (chuangye.data.checks.folding): what a root problem adds to
# its message, and what a problem listed under its root says. Each entry is (Chinese, English).
FOLD_TEXTS: dict[str, tuple[str, str]] = {
    "depending_counted": (
        "；另有 {count} 行依赖于它（{breakdown}），改正它后随之解决，未逐条列出",
        "; and {count} rows depending on it ({breakdown}), which it fixes too; not listed one by one",
    ),
    "depending_listed": (
        "；另有 {count} 行依赖于它（{breakdown}），列在其下",
        "; and {count} rows depending on it ({breakdown}), listed under it",
    ),
    "same_code_counted": (
        "；另有 {count} 行引用同一代码（{breakdown}），未逐条列出",
        "; and {count} more rows naming the same code ({breakdown}), not listed one by one",
    ),
    "same_code_listed": (
        "；另有 {count} 行引用同一代码（{breakdown}），列在其下",
        "; and {count} more rows naming the same code ({breakdown}), listed under it",
    ),
    "breakdown_item": ("{file} {count} 行“{title}”", "{file}: {count} × '{title}'"),
    "breakdown_separator": ("；", "; "),
    "replaced_hint": (
        "；本表中没有的 {missing} 仍被其他行引用，本行可能原为 {missing}",
        "; {missing}, which this table lacks, is still named elsewhere: this row was probably {missing}",
    ),
    "caused_by": ("（源于 {file} 第 {row} 行的问题）", " (follows from {file} row {row})"),
}

# How a region code is shaped at each level (problem "region_code_level"): (Chinese, English).
REGION_CODE_SHAPES: dict[str, tuple[str, str]] = {
    "province": (
        "省级代码应为 2 位数字加 0000（如 320000）",
        "a province's code is two digits then 0000 (e.g. 320000)",
    ),
    "city": (
        "设区市代码应为 4 位数字加 00，且不以 0000 结尾（如 320100）",
        "a city's code is four digits then 00, not ending in 0000 (e.g. 320100)",
    ),
    "county": (
        "县级区域代码不能以 00 结尾（以 00 结尾的是设区市或省的代码）",
        "a county-level code does not end in 00 (codes ending in 00 are cities' or provinces')",
    ),
}

# Names used inside problem messages: (Chinese, English).
REGION_LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "province": ("省", "province"),
    "city": ("设区市", "city"),
    "county": ("县级区域", "county-level area"),
}
UNIT_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "street_town": ("街道(乡镇)", "street or town"),
    "community_village": ("社区(村)", "community or village"),
    "park": ("园区", "park"),
}

# what kind of forbidden character a cell holds (chuangye.data.cells.kind_of) -> (Chinese, English)
CHARACTER_KINDS: dict[str, tuple[str, str]] = {
    "control": ("控制字符，如 NUL、制表符、换行", "a control character such as NUL, tab or a line break"),
    "format": (
        "不可见的格式字符，如零宽空格、文字方向控制符",
        "an invisible format character such as a zero-width space or a text direction override",
    ),
    "private_use": (
        "私用区字符，常见于造字或编码转换出错",
        "a private-use character, from a made-up glyph or a broken conversion",
    ),
    "replacement": (
        "替换字符，此前的编码转换已丢失原字",
        "the replacement character: an earlier conversion lost the original",
    ),
}
