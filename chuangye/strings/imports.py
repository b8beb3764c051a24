"""Strings of the import core every way in shares (issue 10): region imports, saving uploaded files, the
imports API (``POST /api/v1/imports``, ``POST /api/v1/versions/<id>/activate``) and who made each version."""

STORE_IMPORTS: dict[str, dict[str, str]] = {
    "imp_unknown_region": {
        "zh": "区域导入的区划代码 {codes} 不在当前数据版本的行政区划表中",
        "en": "The region import's code {codes} is not in the active version's regions table",
    },
    "imp_region_no_boundaries": {
        "zh": "区域导入不接受边界文件：乡镇边界由省级整层导入",
        "en": "A region import takes no boundary files: the province imports township boundaries as a whole layer",
    },
}

UPLOADS: dict[str, dict[str, str]] = {
    "upl_no_files": {"zh": "没有收到任何文件", "en": "No file was received"},
    "upl_bad_name": {
        "zh": "文件名“{name}”不可用：去掉路径和不允许的字符后为空",
        "en": "The file name '{name}' cannot be used: nothing is left once its path and forbidden characters go",
    },
    "upl_too_many_files": {
        "zh": "一次上传了 {count} 个文件，最多 {limit} 个",
        "en": "{count} files were sent at once; at most {limit} are taken",
    },
    "upl_file_too_large": {
        "zh": "文件“{name}”有 {size}，超过单个文件上限 {limit}",
        "en": "The file '{name}' is {size}, more than the {limit} one file may be",
    },
    "upl_total_too_large": {
        "zh": "本次上传共 {size}，超过上限 {limit}",
        "en": "The files sent come to {size}, more than the {limit} allowed at once",
    },
}

VERSIONS_CLI: dict[str, dict[str, str]] = {
    # chuangye versions: what follows a version's rows (who, which region, what changed, the note)
    "imp_cli_versions_by": {"zh": "导入者", "en": "by"},
    "imp_cli_versions_region": {"zh": "区域", "en": "region"},
    "imp_cli_versions_changes": {"zh": "变更（+新增 ~修改 -删除）", "en": "changes (+added ~changed -removed)"},
    "imp_cli_versions_note": {"zh": "说明", "en": "note"},
}

IMPORTS_API: dict[str, dict[str, str]] = {
    "imp_api_admin_only": {
        "zh": "只有管理员可以导入数据或切换数据版本",
        "en": "Only an administrator may import data or switch the data version",
    },
    "imp_api_csrf": {
        "zh": "浏览器会话发出的请求须带上会话的 CSRF 令牌（请求头 {header} 或表单字段 csrf_token）",
        "en": "A request made with a browser session must carry the session's CSRF token (header {header} or "
        "form field csrf_token)",
    },
    "imp_api_upload_refused": {"zh": "上传被拒绝：{reason}", "en": "Upload refused: {reason}"},
    "imp_api_expected_flag": {"zh": "1 或 0（true/false）", "en": "1 or 0 (true/false)"},
    "imp_api_expected_note": {"zh": "最多 {limit} 个字符的说明", "en": "a note of at most {limit} characters"},
    "imp_api_unknown_version": {"zh": "没有编号为 {code} 的数据版本", "en": "There is no data version {code}"},
    "imp_api_store_refused": {
        "zh": "数据存储无法完成这项操作，数据未改动：{reason}",
        "en": "The data store could not do this; nothing was changed: {reason}",
    },
}
