"""Strings of the ``chuangye`` command line (chuangye.cli): help texts, messages, read-out tables.

The CLI prints most of them as ``中文 / English`` (``bilingual``); table headings and the scorecard follow --lang.
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
    "cli_help_lang": {"zh": "输出语言（默认中文）", "en": "output language (default Chinese)"},
    # --help of the sub-commands and their arguments
    "cli_help_sample": {"zh": "生成示例数据", "en": "generate sample data"},
    "cli_help_scale": {"zh": "江苏真实区划或全国合成规模", "en": "real Jiangsu registry or synthetic national scale"},
    "cli_help_out_dir": {"zh": "输出目录", "en": "output directory"},
    "cli_help_seed": {"zh": "随机种子", "en": "random seed"},
    "cli_help_validate": {"zh": "校验输入文件（不改动数据）", "en": "validate input files (changes nothing)"},
    "cli_help_validate_paths": {"zh": "CSV/XLSX 文件或目录", "en": "CSV/XLSX files or directories"},
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
    "cli_help_year": {"zh": "年度", "en": "year"},
    "cli_help_level": {"zh": "层级", "en": "level"},
    "cli_help_unit_type": {"zh": "单位类型", "en": "unit type"},
    "cli_help_parent": {"zh": "上级区划代码，如 320100", "en": "parent region code, e.g. 320100"},
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
    # messages
    "cli_validate_clean": {"zh": "校验通过，未发现问题。", "en": "Validation passed: no problems found."},
    "cli_validate_found": {
        "zh": "发现 {errors} 个错误、{warnings} 个警告。",
        "en": "Found {errors} error(s) and {warnings} warning(s).",
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
    "cli_sample_done": {"zh": "示例数据已写入 {path}", "en": "Sample data written to {path}"},
    "cli_sample_national_needs_out": {
        "zh": "全国规模需要 --out 目录",
        "en": "the national scale needs an --out directory",
    },
    "cli_report_done": {"zh": "报告已写入 {path}（{size} KB）", "en": "Report written to {path} ({size} KB)"},
    "cli_no_such_year": {"zh": "数据中没有 {year} 年", "en": "no data for {year}; years: {years}"},
    "cli_unknown_unit": {"zh": "未找到单位代码 {code}", "en": "No unit with code {code}"},
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
    "cli_certification_history": {"zh": "认定进程：", "en": "Certification history:"},
}
