"""Loading and checking the configuration (chuangye.config.loader). Templates use str.format fields.

Each problem is printed as ``config_problem`` (file, then the setting and value parts when there are any, then the
message), once in Chinese and once in English.
"""

CONFIG: dict[str, dict[str, str]] = {
    # the line of one problem
    "config_problem": {
        "zh": "配置文件 {source}{setting}{value}：{message}",
        "en": "Configuration file {source}{setting}{value}: {message}",
    },
    "config_problem_setting": {"zh": "，设置项 [{setting}]", "en": ", key [{setting}]"},
    "config_problem_value": {"zh": "（值 {value}）", "en": " (value {value})"},
    # reading the file
    "config_unreadable": {"zh": "无法读取文件（{reason}）", "en": "cannot read the file ({reason})"},
    "config_not_utf8": {"zh": "文件不是 UTF-8 编码（第 {byte} 字节）", "en": "the file is not UTF-8 (byte {byte})"},
    "config_toml_syntax": {"zh": "TOML 语法错误：{error}", "en": "TOML syntax error: {error}"},
    # the English error of tomllib already names the line and column
    "config_toml_syntax_at": {
        "zh": "TOML 语法错误（第 {line} 行第 {column} 列）：{error}",
        "en": "TOML syntax error: {error}",
    },
    # a value of the wrong type or out of range, per pydantic error type; the English is pydantic's own message
    "config_type_missing": {"zh": "缺少必填项", "en": "{msg}"},
    "config_type_extra_forbidden": {"zh": "未知的设置项（拼写错误？）", "en": "{msg}"},
    "config_type_literal_error": {"zh": "取值不在允许范围内", "en": "{msg}"},
    "config_type_bool_type": {"zh": "应为 true 或 false", "en": "{msg}"},
    "config_type_bool_parsing": {"zh": "应为 true 或 false", "en": "{msg}"},
    "config_type_int_type": {"zh": "应为整数", "en": "{msg}"},
    "config_type_int_parsing": {"zh": "应为整数", "en": "{msg}"},
    "config_type_int_from_float": {"zh": "应为整数", "en": "{msg}"},
    "config_type_float_type": {"zh": "应为数字", "en": "{msg}"},
    "config_type_float_parsing": {"zh": "应为数字", "en": "{msg}"},
    "config_type_string_type": {"zh": "应为文本（加引号）", "en": "{msg}"},
    "config_type_dict_type": {"zh": "应为一个表（[...] 小节）", "en": "{msg}"},
    "config_type_model_type": {"zh": "应为一个表（[...] 小节）", "en": "{msg}"},
    "config_type_greater_than_equal": {"zh": "数值过小", "en": "{msg}"},
    "config_type_less_than_equal": {"zh": "数值过大", "en": "{msg}"},
    "config_type_finite_number": {"zh": "应为有限的数字（不能是 inf 或 nan）", "en": "{msg}"},
    "config_type_other": {"zh": "取值无效", "en": "{msg}"},
    # checks across values
    "config_target_not_after_base": {
        "zh": "目标年必须晚于基期年 {base_year}",
        "en": "the target year must be after the base year {base_year}",
    },
    "config_no_goals": {"zh": "至少需要为一种单位类型设定目标", "en": "at least one unit type needs a goal"},
    "config_unknown_unit_type": {
        "zh": "未知的单位类型，应为 {types} 之一",
        "en": "unknown unit type; expected one of {types}",
    },
    "config_goal_range": {
        "zh": "目标比例必须大于 0 且不超过 1（例如 0.80 表示 80%）",
        "en": "a goal must be above 0 and at most 1 (0.80 means 80 %)",
    },
    "config_no_core_indicator": {
        "zh": "至少需要一个核心指标（core = true）",
        "en": "at least one indicator must be core (core = true)",
    },
    "config_unknown_column": {
        "zh": "指标基础数据中没有这一列，可用列：{columns}",
        "en": "no such column in indicator_inputs; available: {columns}",
    },
    "config_shortfall_placeholder": {
        "zh": "文字中只能使用占位符 {placeholder}",
        "en": "the text may use only the placeholder {placeholder}",
    },
    "config_undefined_indicator": {
        "zh": "未定义的指标（[indicators] 中没有）",
        "en": "undefined indicator (not in [indicators])",
    },
    "config_threshold_share_range": {
        "zh": "阈值必须在 0 到 1 之间（0.50 表示 50%）",
        "en": "a threshold must be between 0 and 1 (0.50 means 50 %)",
    },
    "config_threshold_negative": {"zh": "阈值不能为负数", "en": "a threshold cannot be negative"},
    "config_core_threshold_missing": {"zh": "缺少核心指标的阈值", "en": "missing threshold for a core indicator"},
    "config_min_passed_range": {
        "zh": "规则 at_least 需要 1 到 {n_core}（核心指标个数）之间的整数",
        "en": 'rule "at_least" needs a whole number from 1 to {n_core} (the number of core indicators)',
    },
    "config_status_order": {
        "zh": "分界值必须满足 on_track > acceleration_needed > limited_progress",
        "en": "cut-offs must satisfy on_track > acceleration_needed > limited_progress",
    },
    "config_status_unknown_preset": {
        "zh": "没有这一套进度状态分界值，可选：{presets}（在 [status.presets.<名称>] 中定义）",
        "en": "no such set of status cut-offs; available: {presets} (defined in [status.presets.<name>])",
    },
    "config_status_on_track_positive": {
        "zh": "“进度正常”的分界值必须大于 0（实际速度须为所需速度的一定比例）",
        "en": "the on_track cut-off must be above 0 (a share of the required pace)",
    },
    "config_status_flat_cutoffs": {
        "zh": '分界值 {names} 不再直接写在 [status] 下：请写入 [status.presets.custom]，并设 preset = "custom"'
        '（或选用 preset = "open_sdg" / "un_progress_chart"）',
        "en": "the cut-offs {names} no longer sit directly under [status]: put them in [status.presets.custom] "
        'and set preset = "custom" (or choose preset = "open_sdg" / "un_progress_chart")',
    },
    # [certification_cycle]
    "config_cycle_no_such_day": {
        "zh": "没有这一天（每年都有的日期：月 1–12，日不超过该月天数，不用 2 月 29 日）",
        "en": "no such day (a day every year has: month 1–12, day within the month, not 29 February)",
    },
    "config_cycle_window_order": {
        "zh": "时间窗的结束（closes）必须晚于开始（opens）",
        "en": "the window must close (closes) after it opens (opens)",
    },
    "config_cycle_unknown_step": {
        "zh": "未知的认定环节，应为 {steps} 之一",
        "en": "unknown certification step; expected one of {steps}",
    },
    "config_cycle_deadline_missing": {
        "zh": "缺少这一环节的截止日期（通知“五、认定程序”规定了它）",
        "en": "this step's deadline is missing (the notice's certification procedure sets one)",
    },
    "config_cycle_deadline_outside": {
        "zh": "截止日期必须在时间窗（opens 至 closes）之内",
        "en": "a deadline must lie within the window (opens to closes)",
    },
    "config_cycle_deadline_order": {
        "zh": "截止日期不能早于前一环节 {previous} 的截止日期",
        "en": "a deadline cannot come before that of the step before it, {previous}",
    },
    # [certification_cycle.submissions]
    "config_submission_unknown_table": {
        "zh": "不是按年报送的表，应为 {tables} 之一",
        "en": "not a table delivered per year; expected one of {tables}",
    },
    "config_submission_unknown_step": {
        "zh": "该环节没有截止日期，应为 {steps} 之一",
        "en": "this step has no deadline; expected one of {steps}",
    },
    # The default shortfall text of an indicator: itself a template, {n} is filled in per unit later, so it is
    # read with t(key, lang) and no values (which returns the text unformatted).
    "config_shortfall_default": {"zh": "还需 {n}", "en": "{n} more needed"},
}
