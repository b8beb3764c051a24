"""Viewing a stored data version read-only ("as of" it, ``?version=<id>``): the shell's banner and footer, the
notice when the version asked for is not shown, and the API's refusals (web/services.py ``ask``)."""

ASOF_STRINGS = {
    # the banner on every page while an older version is shown (web/shell/layout.py as_of_banner)
    "asof_banner": {
        "zh": "正在查看历史版本 {version}（只读）；当前版本为 {active}",
        "en": "Viewing the older data version {version} (read-only); the current version is {active}",
    },
    "asof_back": {"zh": "返回当前版本", "en": "Back to the current version"},
    # the footer's version while an older one is shown
    "asof_footer": {"zh": "历史版本 {version}（只读）", "en": "older version {version} (read-only)"},
    # a version asked for that is not shown: why, and what is shown instead (services.AsOf.refused)
    "asof_refused_unknown": {
        "zh": "没有数据版本 {version}（可能已被清理），正在显示当前版本 {active}。",
        "en": "There is no data version {version} (it may have been pruned); showing the current version {active}.",
    },
    "asof_refused_damaged": {
        "zh": "数据版本 {version} 已损坏（文件与清单的校验和不符），无法显示；正在显示当前版本 {active}。",
        "en": "Data version {version} is damaged (its files do not match its manifest's checksums) and cannot "
        "be shown; showing the current version {active}.",
    },
    "asof_refused_role": {
        "zh": "只有管理员和省级用户可以查看历史数据版本；正在显示当前版本 {active}。",
        "en": "Only administrators and provincial users may view older data versions; showing the current "
        "version {active}.",
    },
    # the JSON API's ?version= (web/api/asof.py)
    "api_expected_version": {
        "zh": "数据版本号（GET /api/v1/versions 列出的 id）",
        "en": "a data version id (an id GET /api/v1/versions lists)",
    },
    "api_unknown_version": {
        "zh": "没有数据版本 {version}（可能已被清理，见 GET /api/v1/versions）",
        "en": "There is no data version {version} (it may have been pruned; see GET /api/v1/versions)",
    },
    "api_damaged_version": {
        "zh": "数据版本 {version} 已损坏（文件与清单的校验和不符），无法提供",
        "en": "Data version {version} is damaged (its files do not match its manifest's checksums) and cannot "
        "be served",
    },
    "api_forbidden_version": {
        "zh": "只有管理员和省级用户可以查看历史数据版本（version 参数）",
        "en": "Only administrators and provincial users may view older data versions (the version parameter)",
    },
}
