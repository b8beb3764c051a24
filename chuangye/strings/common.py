"""Strings shared by every page, the exports and the CLI (the CLI's own are in cli.py)."""

COMMON: dict[str, dict[str, str]] = {
    # product
    "app_title": {"zh": "创业型单位建设进度看板", "en": "Entrepreneurship-type Units Progress Dashboard"},
    # the title on a phone's one-line header (the full English title takes two lines at 390 px)
    "app_title_short": {"zh": "创业型单位建设进度看板", "en": "Entrepreneurship Units"},
    "app_subtitle": {
        "zh": "{province}创业型街道(乡镇)、社区(村)和园区建设进度（{start}—{end}）",
        "en": "{province} entrepreneurship-type streets/towns, communities/villages and parks, {start}–{end}",
    },
    # unit types
    "type_street_town": {"zh": "街道(乡镇)", "en": "Streets/towns"},
    "type_community_village": {"zh": "社区(村)", "en": "Communities/villages"},
    "type_park": {"zh": "园区", "en": "Development parks"},
    # levels
    "level_province": {"zh": "省", "en": "Province"},
    "level_city": {"zh": "设区市", "en": "City"},
    "level_county": {"zh": "县(市、区)", "en": "County"},
    "level_unit": {"zh": "单位", "en": "Unit"},
    # progress status
    "status_achieved": {"zh": "已达目标", "en": "Achieved"},
    "status_on_track": {"zh": "进度正常", "en": "On track"},
    "status_acceleration_needed": {"zh": "需要加速", "en": "Acceleration needed"},
    "status_limited_progress": {"zh": "进展有限", "en": "Limited progress"},
    "status_deterioration": {"zh": "出现倒退", "en": "Deterioration"},
    "status_missed": {"zh": "未达目标", "en": "Goal missed"},
    "status_baseline": {"zh": "基期", "en": "Base year"},
    "status_no_data": {"zh": "无数据", "en": "No data"},
    # certification stages
    "stage_declared": {"zh": "自主申报", "en": "Self-declared"},
    "stage_county_evaluated": {"zh": "县级评估", "en": "County evaluated"},
    "stage_city_reviewed": {"zh": "市级审核", "en": "City reviewed"},
    "stage_certified": {"zh": "省级认定", "en": "Certified"},
    "stage_rejected": {"zh": "未通过", "en": "Rejected"},
    # coverage basis
    "basis_certified": {"zh": "已认定", "en": "Certified"},
    "basis_meets": {"zh": "指标达标", "en": "Meets the standard"},
    # the data changed under an open page (web/version_watch.py; {version} filled in by the page's script)
    "version_changed": {
        "zh": "数据已更新（当前版本 {version}），本页仍按打开时的数据绘制。",
        "en": "The data has been updated (now version {version}); this page still shows the data it opened with.",
    },
    "version_reload": {"zh": "刷新页面", "en": "Reload"},
}
