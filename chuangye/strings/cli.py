"""Strings of the ``chuangye`` command line (chuangye.cli): help texts, argparse's own words, messages, read-outs.

Usage, help and argparse's errors follow the language chosen before parsing (``--lang`` or ``$CHUANGYE_LANG``,
Chinese by default); messages about what happened are printed as ``中文 / English`` (``bilingual``); table
headings and the scorecard follow --lang.
"""

CLI: dict[str, dict[str, str]] = {
    "cli_description": {
        "zh": "创业型单位建设进度看板命令行工具",
        "en": "Command-line tool of the entrepreneurship-type units dashboard",
    },
    # --help of the options every sub-command shares
    "cli_help_data_dir": {
        "zh": "数据目录（默认 $CHUANGYE_DATA_DIR 或 ./data）",
        "en": "data directory (default $CHUANGYE_DATA_DIR or ./data)",
    },
    "cli_help_config": {
        "zh": "指标配置文件（默认内置 indicators.toml）",
        "en": "indicator configuration file (default: the packaged indicators.toml)",
    },
    "cli_help_lang": {
        "zh": "界面与输出语言：zh 中文（默认）或 en 英文；也可设环境变量 CHUANGYE_LANG",
        "en": "language of help, messages and output: zh Chinese (default) or en English; or set $CHUANGYE_LANG",
    },
    "cli_usage_hint": {
        "zh": "每个子命令的选项见 chuangye 子命令 --help；退出码：0 成功，1 数据有错误，2 命令行或输入有误，"
        "3 没有符合条件的结果，4 看板服务无法启动，5 账户数据库无法打开或不可写",
        "en": "see chuangye COMMAND --help for each command's options; exit codes: 0 success, 1 the data has "
        "errors, 2 wrong command line or input, 3 nothing matches, 4 the dashboard server could not start, "
        "5 the accounts database cannot be opened or written",
    },
    # --help of the sub-commands and their arguments
    "cli_help_sample": {"zh": "生成示例数据", "en": "generate sample data"},
    "cli_help_scale": {"zh": "江苏真实区划或全国合成规模", "en": "real Jiangsu registry or synthetic national scale"},
    "cli_help_out_dir": {
        "zh": "输出目录（默认在当前目录新建 chuangye-sample-<规模>，不覆盖已有文件）",
        "en": "output directory (default: a new chuangye-sample-<scale> in the current directory; nothing is "
        "overwritten)",
    },
    "cli_help_seed": {"zh": "随机种子", "en": "random seed"},
    "cli_help_validate": {"zh": "校验输入文件（不改动数据）", "en": "validate input files (changes nothing)"},
    "cli_help_validate_paths": {"zh": "CSV/XLSX 文件或目录", "en": "CSV/XLSX files or directories"},
    "cli_help_all": {
        "zh": "逐条列出全部问题（默认每个文件每类问题最多列 {per_group} 条、共 {total} 条，其余只计数）",
        "en": "list every problem (by default at most {per_group} per file and check, {total} in all; the rest "
        "are counted)",
    },
    "cli_help_import": {
        "zh": "校验并导入数据（原子切换版本）",
        "en": "validate and import data (atomic version switch)",
    },
    "cli_help_import_paths": {
        "zh": "CSV/XLSX 文件或目录（只导入边界时可省略）；边界文件另用 --boundaries",
        "en": "CSV/XLSX files or directories (none when importing only boundaries); boundaries go in --boundaries",
    },
    "cli_help_boundaries": {
        "zh": "乡镇边界文件（Shapefile/zip/GeoJSON/GeoPackage）",
        "en": "township boundary file (Shapefile/zip/GeoJSON/GeoPackage)",
    },
    "cli_help_code_column": {"zh": "边界文件中的代码列", "en": "code column of the boundary file"},
    "cli_help_versions": {"zh": "列出数据版本", "en": "list data versions"},
    "cli_help_rollback": {"zh": "回滚到上一版本或指定版本", "en": "roll back to the previous or a given version"},
    "cli_help_version": {"zh": "版本号", "en": "version id"},
    "cli_help_coverage": {"zh": "覆盖率、差距与进度状态", "en": "coverage, gap and progress status"},
    "cli_help_year": {"zh": "年度，如 2020", "en": "year, e.g. 2020"},
    "cli_help_level": {
        "zh": "层级：province 省（默认）、city 设区市、county 县(市、区)；也可写 省、市、县",
        "en": "level: province (default), city or county",
    },
    "cli_help_unit_type": {
        "zh": "单位类型（默认全部）：street_town 街道(乡镇)、community_village 社区(村)、park 园区；"
        "也可写 街道、乡镇、社区、村 等",
        "en": "unit type (default all): street_town, community_village or park; Chinese names such as "
        "街道(乡镇), 街道, 乡镇, 社区(村), 社区, 村, 园区 work too",
    },
    "cli_help_parent": {
        "zh": "只列这个区划以下的（比 --level 高一级或以上），如 --level county --parent 320100",
        "en": "only regions under this one (a level above --level), e.g. --level county --parent 320100",
    },
    "cli_help_basis": {"zh": "口径：已认定或指标达标", "en": "basis: certified or meets the standard"},
    "cli_help_output_format": {"zh": "输出格式", "en": "output format"},
    "cli_help_unit": {"zh": "单位成绩单", "en": "unit scorecard"},
    "cli_help_unit_code": {"zh": "单位代码", "en": "unit code"},
    "cli_help_report": {
        "zh": "生成地区进度报告（PDF 或 Word）",
        "en": "write a region progress report (PDF or Word)",
    },
    "cli_help_region": {
        "zh": "省、市或县区划代码，如 320000、320100、320102",
        "en": "province, city or county code, e.g. 320100",
    },
    "cli_help_file_format": {"zh": "文件格式", "en": "file format"},
    "cli_help_out_file": {"zh": "输出文件路径", "en": "output file path"},
    "cli_help_serve": {"zh": "启动看板", "en": "start the dashboard"},
    "cli_help_host": {
        "zh": "监听地址（默认 127.0.0.1，只允许本机访问；0.0.0.0 允许其他机器访问）",
        "en": "address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 lets other machines in)",
    },
    "cli_help_port": {"zh": "端口（默认 8050）", "en": "port (default 8050)"},
    "cli_help_workers": {
        "zh": "工作进程数（默认 1：单进程 waitress；大于 1 时在 Linux 上用 gunicorn 启动这么多个进程，"
        "共用一个数据目录）",
        "en": "worker processes (default 1: one waitress process; more than 1 runs that many gunicorn worker "
        "processes on Linux, sharing one data folder)",
    },
    "cli_help_serve_lang": {
        "zh": "看板的默认界面语言（链接中没有 lang 参数时使用）：zh 中文（默认）或 en 英文",
        "en": "the dashboard's default language, for links without a lang parameter: zh Chinese (default) or en",
    },
    # messages
    "cli_validate_clean": {"zh": "校验通过，未发现问题。", "en": "Validation passed: no problems found."},
    "cli_validate_found": {
        "zh": "发现 {errors} 个错误、{warnings} 个警告。",
        "en": "Found {errors} error(s) and {warnings} warning(s).",
    },
    "cli_validate_capped": {
        "zh": "以上有 {count} 个问题只计数、未逐条列出；用 chuangye validate --all 加同样的文件列出全部。",
        "en": "{count} of these problems were counted but not listed; run chuangye validate --all with the same "
        "files to list them all.",
    },
    "cli_import_nothing": {"zh": "请给出要导入的文件", "en": "give the files to import"},
    "cli_import_done": {
        "zh": "导入成功，当前版本：{version}",
        "en": "Import succeeded; active version: {version}",
    },
    "cli_import_rejected": {
        "zh": "导入被拒绝，现有数据未作任何改动。",
        "en": "Import rejected; the existing data was left unchanged.",
    },
    "cli_rollback_done": {"zh": "已回滚，当前版本：{version}", "en": "Rolled back; active version: {version}"},
    "cli_audit_unwritable": {
        "zh": "注意：审计日志无法写入（{error}），本次操作未记录",
        "en": "Note: the audit trail could not be written ({error}); this change is not recorded",
    },
    "cli_sample_done": {"zh": "示例数据已写入 {path}", "en": "Sample data written to {path}"},
    "cli_report_done": {"zh": "报告已写入 {path}（{size} KB）", "en": "Report written to {path} ({size} KB)"},
    "cli_no_such_year": {
        "zh": "数据中没有 {year} 年（现有 {first}–{last} 年）",
        "en": "No data for {year}; the data covers {first}–{last}",
    },
    "cli_unknown_unit": {"zh": "未找到单位代码 {code}", "en": "No unit with code {code}"},
    "cli_bad_year": {
        "zh": "年度应为四位数的年份，如 2020，而不是“{value}”",
        "en": "give a year such as 2020, not '{value}'",
    },
    "cli_bad_unit_type": {
        "zh": "无法识别的单位类型“{value}”；可用：{choices}",
        "en": "unknown unit type '{value}'; use one of: {choices}",
    },
    "cli_bad_level": {
        "zh": "无法识别的层级“{value}”；可用：{choices}",
        "en": "unknown level '{value}'; use one of: {choices}",
    },
    "cli_parent_not_above": {
        "zh": "{code}（{name}）是{parent_level}，其下没有{level}；用 --level {below} 列出它下面的区划",
        "en": "{code} ({name}) is a {parent_level}: there is no {level} under it; use --level {below} for the "
        "regions under it",
    },
    "cli_parent_lowest": {
        "zh": "{code}（{name}）是{parent_level}，其下没有可列出的区划；不加 --parent 或换一个上级区划",
        "en": "{code} ({name}) is a {parent_level}: no regions are listed under it; drop --parent or give a "
        "higher region",
    },
    "cli_parent_at_province": {
        "zh": "--level province 只有全省一行，不能加 --parent",
        "en": "--level province is the one province row: it takes no --parent",
    },
    "cli_empty_result": {
        "zh": "没有符合条件的结果：{year} 年，{what}。",
        "en": "Nothing to show for {year}, {what}.",
    },
    "cli_empty_what": {"zh": "{level}层级{parent}{type}", "en": "{level} level{parent}{type}"},
    "cli_empty_parent": {"zh": "、{name}（{code}）以下", "en": " under {name} ({code})"},
    "cli_empty_type": {"zh": "、{type}", "en": ", {type}"},
    "cli_port_busy": {
        "zh": "端口 {port} 已被占用（{host}）：用 --port 换一个端口，或先停止占用它的程序",
        "en": "Port {port} on {host} is already in use: choose another with --port or stop the program using it",
    },
    "cli_cannot_listen": {
        "zh": "无法在 {host}:{port} 上启动看板：{reason}",
        "en": "Cannot start the dashboard on {host}:{port}: {reason}",
    },
    "cli_workers_unavailable": {
        "zh": "--workers {workers} 需要 Linux 上的 gunicorn（{reason}）："
        "在这台机器上请用 --workers 1（单进程 waitress）",
        "en": "--workers {workers} needs gunicorn on Linux ({reason}): on this machine use --workers 1 (one "
        "waitress process)",
    },
    "cli_workers_reason_windows": {"zh": "Windows 上没有 gunicorn", "en": "gunicorn does not run on Windows"},
    "cli_workers_reason_missing": {"zh": "gunicorn 未安装或无法加载", "en": "gunicorn is not installed or cannot load"},
    "cli_workers_at_least_one": {"zh": "--workers 至少为 1", "en": "--workers must be at least 1"},
    "cli_serving_workers": {
        "zh": "{workers} 个工作进程（gunicorn），每个 {threads} 个线程；退出的进程会自动重启",
        "en": "{workers} worker processes (gunicorn), {threads} threads each; a worker that exits is replaced",
    },
    "cli_serving": {
        "zh": "看板已启动：{url}（按 Ctrl+C 停止）",
        "en": "Dashboard running at {url} (Ctrl+C stops it)",
    },
    # also the error of the region report and workbook exports for an unknown region
    "cli_unknown_region": {"zh": "未找到区划代码 {code}", "en": "No region with code {code}"},
    # coverage table headings
    "cli_col_code": {"zh": "代码", "en": "Code"},
    "cli_col_name": {"zh": "名称", "en": "Name"},
    "cli_col_type": {"zh": "类型", "en": "Type"},
    "cli_col_units": {"zh": "单位数", "en": "Units"},
    "cli_col_coverage": {"zh": "覆盖率", "en": "Coverage"},
    "cli_col_goal": {"zh": "目标", "en": "Goal"},
    "cli_col_gap_points": {"zh": "差距(百分点)", "en": "Gap (pts)"},
    "cli_col_gap_units": {"zh": "差距(个)", "en": "Gap (units)"},
    "cli_col_status": {"zh": "进度状态", "en": "Status"},
    "cli_col_needed_per_year": {"zh": "每年需新增", "en": "Needed/yr"},
    # unit scorecard
    "cli_overall": {"zh": "综合判定：{verdict}", "en": "Overall: {verdict}"},
    "cli_verdict_meets": {"zh": "达标", "en": "meets the standard"},
    "cli_verdict_below": {"zh": "未达标", "en": "below the standard"},
    "cli_verdict_no_data": {"zh": "无数据", "en": "no data"},
    "cli_verdict_not_active": {"zh": "该年不计入（单位不存在）", "en": "not counted (the unit did not exist)"},
    "cli_unit_established": {
        "zh": "该单位 {start} 年起设立，{year} 年尚未设立",
        "en": "Established in {start}: the unit did not exist yet in {year}",
    },
    "cli_unit_abolished": {
        "zh": "该单位于 {end} 年后撤销，{year} 年已不存在",
        "en": "Abolished after {end}: the unit no longer existed in {year}",
    },
    "cli_certification_history": {"zh": "认定进程：", "en": "Certification history:"},
}

# argparse's own words. "en" is argparse's message text exactly (its gettext msgid, Python 3.11–3.13), "zh" the
# translation chuangye.cli.language puts in its place; a message missing here stays in English.
ARGPARSE: dict[str, dict[str, str]] = {
    "argparse_usage": {"zh": "用法：", "en": "usage: "},
    "argparse_positionals": {"zh": "位置参数", "en": "positional arguments"},
    "argparse_options": {"zh": "选项", "en": "options"},
    "argparse_help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    "argparse_error": {"zh": "%(prog)s：错误：%(message)s\n", "en": "%(prog)s: error: %(message)s\n"},
    "argparse_argument": {"zh": "参数 %(argument_name)s：%(message)s", "en": "argument %(argument_name)s: %(message)s"},
    "argparse_required": {"zh": "缺少必需的参数：%s", "en": "the following arguments are required: %s"},
    "argparse_one_required": {"zh": "参数 %s 必须给出一个", "en": "one of the arguments %s is required"},
    "argparse_unrecognized": {"zh": "无法识别的参数：%s", "en": "unrecognized arguments: %s"},
    "argparse_invalid_choice": {
        "zh": "无效的取值：%(value)r（可选：%(choices)s）",
        "en": "invalid choice: %(value)r (choose from %(choices)s)",
    },
    "argparse_invalid_value": {"zh": "无效的 %(type)s 值：%(value)r", "en": "invalid %(type)s value: %(value)r"},
    "argparse_unknown_parser": {
        "zh": "未知的子命令 %(parser_name)r（可用：%(choices)s）",
        "en": "unknown parser %(parser_name)r (choices: %(choices)s)",
    },
    "argparse_not_allowed": {"zh": "不能与参数 %s 同时使用", "en": "not allowed with argument %s"},
    "argparse_ignored_explicit": {"zh": "多余的参数值 %r", "en": "ignored explicit argument %r"},
    "argparse_expected_one": {"zh": "需要一个取值", "en": "expected one argument"},
    "argparse_expected_at_most_one": {"zh": "最多一个取值", "en": "expected at most one argument"},
    "argparse_expected_at_least_one": {"zh": "至少需要一个取值", "en": "expected at least one argument"},
    "argparse_expected_n": {"zh": "需要 %s 个取值", "en": "expected %s argument"},
    "argparse_expected_n_plural": {"zh": "需要 %s 个取值", "en": "expected %s arguments"},
    "argparse_ambiguous": {
        "zh": "选项 %(option)s 不明确，可能是：%(matches)s",
        "en": "ambiguous option: %(option)s could match %(matches)s",
    },
    "argparse_unexpected_option": {"zh": "意外的选项：%s", "en": "unexpected option string: %s"},
    "argparse_cannot_open": {"zh": "无法打开“%(filename)s”：%(error)s", "en": "can't open '%(filename)s': %(error)s"},
}
