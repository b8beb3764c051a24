"""Strings of the dashboard's shell and pages."""

SHELL: dict[str, dict[str, str]] = {
    "page_overview": {"zh": "总览", "en": "Overview"},
    "page_map": {"zh": "地图钻取", "en": "Drill-down map"},
    "page_peers": {"zh": "同级比较", "en": "Peer comparison"},
    "page_unit": {"zh": "单位详情", "en": "Unit scorecard"},
    "page_certification": {"zh": "认定进度", "en": "Certification progress"},
    # the top navigation's words: the page names, in English shortened so that six fit one line at 1440 px
    "nav_overview": {"zh": "总览", "en": "Overview"},
    "nav_map": {"zh": "地图钻取", "en": "Map"},
    "nav_peers": {"zh": "同级比较", "en": "Peers"},
    "nav_unit": {"zh": "单位详情", "en": "Unit"},
    "nav_certification": {"zh": "认定进度", "en": "Certification"},
    "nav_method": {"zh": "口径与方法", "en": "Method"},
    "control_year": {"zh": "年度", "en": "Year"},
    "control_type": {"zh": "单位类型", "en": "Unit type"},
    "control_basis": {"zh": "口径", "en": "Basis"},
    "lang_switch": {"zh": "English", "en": "中文"},
    "lang_switch_title": {"zh": "切换语言", "en": "Switch language"},
    # the synthetic label is added only when the data version holds sample data (i18n.data_source)
    "footer_source": {
        "zh": "数据来源：江苏省人力资源社会保障厅创业型单位建设统计",
        "en": "Source: Jiangsu HRSS entrepreneurship-type units statistics",
    },
    "data_version": {"zh": "数据版本", "en": "Data version"},
    "goal": {"zh": "目标", "en": "Goal"},
    "coverage": {"zh": "覆盖率", "en": "Coverage"},
    "gap_points": {"zh": "差距（百分点）", "en": "Gap (points)"},
    "gap_units": {"zh": "尚差单位数", "en": "Units short"},
    "units_in_scope": {"zh": "纳入统计单位数", "en": "Units in scope"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "grid_no_rows": {"zh": "没有可显示的行", "en": "No rows to show"},
}

OVERVIEW: dict[str, dict[str, str]] = {
    "trend_projection": {"zh": "按现有速度推算", "en": "Projected at the observed pace"},
    "trend_required": {"zh": "达标所需速度", "en": "Pace required"},
    "ov_cards_title": {"zh": "{year}年底全省进度", "en": "Province at the end of {year}"},
    "ov_trend_title": {"zh": "2016—{target}年覆盖率走势与目标", "en": "Coverage 2016–{target} against the goal"},
    "ov_ranking_title": {"zh": "{year}年各设区市覆盖率排名", "en": "Cities ranked by coverage, {year}"},
    "ov_map_title": {
        "zh": "{year}年各设区市{type}覆盖率（以目标为中点）",
        "en": "{type}: coverage by city, {year} (scale centred on the goal)",
    },
    "card_goal_line": {"zh": "目标 {goal}（{target}年）", "en": "Goal {goal} by {target}"},
    "card_gap": {"zh": "差距 {points} 个百分点 · 尚差 {units} 个", "en": "Gap {points} points · units short: {units}"},
    "card_gap_met": {"zh": "已超目标 {points} 个百分点", "en": "Above the goal by {points} points"},
    "card_units": {"zh": "已认定 {count} / 纳入统计 {total}", "en": "{count} certified of {total} in scope"},
    "card_units_meets": {"zh": "指标达标 {count} / 纳入统计 {total}", "en": "{count} meet the standard of {total}"},
    "card_pace": {"zh": "今后每年需新增 {n} 个", "en": "{n} more needed per year"},
    "ov_map_hint": {"zh": "点击设区市进入地图钻取", "en": "Click a city to drill down"},
    # the overview's cards and charts show every unit type; the type choice sits on the map, the one part it changes
    "ov_map_type": {"zh": "地图显示", "en": "Map shows"},
}
