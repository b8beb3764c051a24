"""Strings of the 地图钻取 drill-down map page (zh/en); every key starts with ``dd_``."""

DRILLDOWN: dict[str, dict[str, str]] = {
    # unit states on the county map
    "dd_state_certified": {"zh": "已认定", "en": "Certified"},
    "dd_state_meets": {"zh": "达标未认定", "en": "Meets standard, not certified"},
    "dd_state_below": {"zh": "未达标", "en": "Below standard"},
    "dd_state_no_data": {"zh": "无数据", "en": "No data"},
    "dd_state_inactive": {"zh": "当年未设立", "en": "Not active that year"},
    "dd_state_short_certified": {"zh": "已认定", "en": "Certified"},
    "dd_state_short_meets": {"zh": "达标未认定", "en": "Meets std."},
    "dd_state_short_below": {"zh": "未达标", "en": "Below std."},
    "dd_state_short_no_data": {"zh": "无数据", "en": "No data"},
    "dd_state_short_inactive": {"zh": "未设立", "en": "Inactive"},
    "dd_core_met": {"zh": "核心指标达标", "en": "Core indicators met"},
    # map
    "dd_map_title_region": {
        "zh": "{year}年{region}各{child}{type}覆盖率（以目标为中点）",
        "en": "{type}: coverage by {child} in {region}, {year} (scale centred on the goal)",
    },
    "dd_map_title_county": {
        "zh": "{year}年{region}{type}状态",
        "en": "{type} in {region}, {year}: certification and standard",
    },
    "dd_child_city": {"zh": "设区市", "en": "city"},
    "dd_child_county": {"zh": "县(市、区)", "en": "county"},
    "dd_hint_region": {
        "zh": "点击地图上的区域或表格中的一行，逐级向下钻取；用上方路径返回上级。",
        "en": "Click a region on the map or a row of the table to drill down; use the path above to go back up.",
    },
    "dd_hint_county": {
        "zh": "点击地图上的单位或表格中的一行，查看该单位的指标。",
        "en": "Click a unit on the map or a row of the table to see its indicators.",
    },
    "dd_synthetic_short": {"zh": "位置为示意", "en": "Locations are synthetic"},
    "dd_synthetic_note": {
        "zh": "位置为示意：单位点位为合成位置，街道(乡镇)范围为按点位生成的示意分区，并非真实边界。",
        "en": "Locations are synthetic: unit points are generated and the street/town areas are cells drawn "
        "around them, not real boundaries.",
    },
    "dd_zone_hover": {
        "zh": "{name}（统计用开发区，单独统计）",
        "en": "{name} (statistical development zone, counted separately)",
    },
    "dd_path_label": {"zh": "钻取路径", "en": "Drill-down path"},
    "dd_unknown_region": {
        "zh": "未找到区划代码 {code}，已显示全省。",
        "en": "No region with code {code}; showing the whole province.",
    },
    # side panel: headline
    "dd_summary_title": {"zh": "{region} · {type} · {year}年", "en": "{region} · {type} · {year}"},
    "dd_in_scope": {"zh": "纳入统计", "en": "In scope"},
    "dd_certified": {"zh": "已认定", "en": "Certified"},
    "dd_meets": {"zh": "指标达标", "en": "Meet the standard"},
    "dd_goal_line": {"zh": "目标 {goal}（{target}年）", "en": "Goal {goal} by {target}"},
    "dd_gap": {"zh": "差距 {points} 个百分点 · 尚差 {units} 个", "en": "Gap {points} points · units short: {units}"},
    "dd_gap_met": {"zh": "已超目标 {points} 个百分点", "en": "Above the goal by {points} points"},
    "dd_pace": {"zh": "今后每年需新增 {n} 个", "en": "{n} more needed per year"},
    "dd_basis_note_certified": {"zh": "覆盖率口径：已认定", "en": "Coverage basis: certified"},
    "dd_basis_note_meets": {"zh": "覆盖率口径：指标达标", "en": "Coverage basis: meets the standard"},
    "dd_no_units": {"zh": "该区域没有此类单位。", "en": "This area has no units of this type."},
    # side panel: table
    "dd_table_city": {"zh": "各设区市", "en": "Cities"},
    "dd_table_county": {"zh": "各县(市、区)", "en": "County-level areas"},
    "dd_table_units": {"zh": "{type}名单", "en": "{type}"},
    "dd_table_hint_region": {"zh": "点击一行向下钻取", "en": "Click a row to drill down"},
    "dd_table_hint_units": {"zh": "点击一行查看单位", "en": "Click a row to see the unit"},
    "dd_search": {"zh": "搜索名称或代码", "en": "Search name or code"},
    "dd_col_name": {"zh": "名称", "en": "Name"},
    "dd_col_code": {"zh": "代码", "en": "Code"},
    "dd_col_coverage": {"zh": "覆盖率", "en": "Coverage"},
    "dd_col_gap_points": {"zh": "差距(百分点)", "en": "Gap (pts)"},
    "dd_col_gap_units": {"zh": "尚差(个)", "en": "Units short"},
    "dd_col_status": {"zh": "进度", "en": "Status"},
    "dd_col_in_scope": {"zh": "纳入统计", "en": "In scope"},
    "dd_col_state": {"zh": "状态", "en": "State"},
    "dd_col_town": {"zh": "所属街道(乡镇)", "en": "Street/town"},
    "dd_col_core": {"zh": "核心指标达标", "en": "Core met"},
    "dd_col_cert_year": {"zh": "认定年度", "en": "Certified in"},
    "dd_zone_tag": {"zh": "开发区", "en": "zone"},
    # side panel: unit scorecard
    "dd_unit_heading": {"zh": "单位指标（{year}年）", "en": "Unit indicators, {year}"},
    "dd_unit_indicator": {"zh": "指标", "en": "Indicator"},
    "dd_unit_value": {"zh": "数值", "en": "Value"},
    "dd_unit_threshold": {"zh": "标准", "en": "Threshold"},
    "dd_unit_result": {"zh": "结果", "en": "Result"},
    "dd_pass": {"zh": "达标", "en": "Pass"},
    "dd_fail": {"zh": "未达标", "en": "Fail"},
    "dd_na": {"zh": "无数据", "en": "No data"},
    "dd_unit_stage": {"zh": "认定进程：{stage}（{year}年度）", "en": "Certification: {stage} ({year} round)"},
    "dd_unit_not_declared": {"zh": "认定进程：截至{year}年未申报", "en": "Certification: not declared by {year}"},
    "dd_unit_link": {"zh": "查看单位详情", "en": "Open the unit scorecard"},
    "dd_unit_close": {"zh": "取消选择", "en": "Clear selection"},
    "dd_unit_other_type": {
        "zh": "该单位属于{type}，地图上只显示当前所选类型的单位。",
        "en": "This unit is one of the {type}; the map shows only units of the chosen type.",
    },
    # a signed-in city or county user sees other regions' totals but opens only its own area
    "dd_table_hint_region_scoped": {
        "zh": "点击{regions}向下钻取；其他{child}只显示汇总数字",
        "en": "Click {regions} to drill down; every other {child} shows totals only",
    },
    "dd_hint_region_scoped": {
        "zh": "点击地图上或表格中的{regions}向下钻取；其他{child}只显示汇总数字，不能打开；用上方路径返回上级。",
        "en": "Click {regions} on the map or in the table to drill down; every other {child} shows totals only "
        "and does not open; use the path above to go back up.",
    },
}
