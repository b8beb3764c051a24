"""The admin's 数据管理 / Data page (web/pages/data): upload, validation report, change preview, import, versions
and rollback. Chinese first."""

DATA_PAGE: dict[str, dict[str, str]] = {
    "nav_data": {"zh": "数据管理", "en": "Data"},
    "page_data": {"zh": "数据管理", "en": "Data management"},
    "dp_title": {"zh": "数据管理", "en": "Data management"},
    "dp_intro": {
        "zh": "上传数据文件，查看校验报告和导入将带来的变更，确认后导入为新的数据版本；也可以回滚到任一完好的版本。"
        "每一步都记入审计日志。",
        "en": "Upload data files, review the validation report and what the import would change, then import them "
        "as a new data version; or roll back to any intact version. Every step goes to the audit log.",
    },
    # admins only
    "dp_refused": {
        "zh": "数据管理只对省厅管理员开放",
        "en": "Data management is open to administrators only",
    },
    "dp_admin_only_title": {"zh": "数据管理只对管理员开放", "en": "Data management is for administrators"},
    "dp_admin_only_text": {
        "zh": "导入数据、查看数据版本和回滚只能由省厅管理员操作。",
        "en": "Only the provincial administrators import data, manage the data versions and roll back.",
    },
    "dp_admin_only_submit": {
        "zh": "设区市、县(市、区)和省厅用户请在",
        "en": "City, county and provincial users send their figures on the ",
    },
    "dp_admin_only_submissions": {"zh": "“数据报送”页", "en": "数据报送 / Submissions page"},
    "dp_admin_only_submit_end": {
        "zh": "下载模板、上传本地区的数据并查看审核情况。",
        "en": ": download a template, upload your area's figures and follow their review.",
    },
    "dp_admin_only_back": {"zh": "返回总览", "en": "Back to the overview"},
    # 1. upload
    "dp_upload_heading": {"zh": "1. 上传文件", "en": "1. Upload files"},
    "dp_upload_prompt": {
        "zh": "把文件拖放到这里，或点击选择文件（可一次选多个）",
        "en": "Drop files here, or click to choose them (several at once)",
    },
    "dp_upload_kinds": {
        "zh": "数据表：CSV（UTF-8、带 BOM 的 UTF-8、GBK/GB18030）或 XLSX，中文或英文表头；"
        "乡镇边界：zip 压缩的 Shapefile、GeoJSON 或 GeoPackage（每次一个）。",
        "en": "Tables: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, Chinese or English headers; township "
        "boundaries: a zipped Shapefile, GeoJSON or GeoPackage (one at a time).",
    },
    "dp_upload_limits": {
        "zh": "每次最多 {files} 个文件，每个不超过 {each}，合计不超过 {total}；超过读取上限（大小、行数、解压后大小）"
        "的文件会被拒绝并说明原因。",
        "en": "At most {files} files per upload, each at most {each}, {total} in all; a file over a reading limit "
        "(size, rows, unpacked size) is refused with the reason.",
    },
    "dp_progress": {
        "zh": "正在读取和校验上传的文件，请稍候……",
        "en": "Reading and validating the uploaded files, please wait…",
    },
    "dp_importing": {"zh": "正在导入……", "en": "Importing…"},
    "dp_files_heading": {"zh": "已上传：", "en": "Uploaded:"},
    "dp_file_table": {"zh": "{file}（{size}）", "en": "{file} ({size})"},
    "dp_file_boundary": {"zh": "{file}（{size}，乡镇边界）", "en": "{file} ({size}, township boundaries)"},
    "dp_upload_refused": {"zh": "上传被拒绝：{reason}", "en": "Upload refused: {reason}"},
    "dp_upload_undecodable": {
        "zh": "文件“{file}”的内容无法解码（浏览器发送的不是有效的文件数据），请重新选择该文件",
        "en": "The contents of '{file}' cannot be decoded (the browser did not send valid file data); choose the "
        "file again",
    },
    "dp_upload_expired": {
        "zh": "上传的文件已不在服务器上（超过 {minutes} 分钟、已导入、您在另一个窗口又上传了文件，或服务已重启），"
        "请重新上传",
        "en": "The uploaded files are no longer on the server (older than {minutes} minutes, already imported, "
        "replaced by your upload in another window, or the server restarted); upload them again",
    },
    "dp_upload_none": {"zh": "还没有上传文件。", "en": "No files uploaded yet."},
    "dp_template_heading": {"zh": "填报模板", "en": "Templates to fill in"},
    "dp_template_intro": {
        "zh": "下载 XLSX 模板，填好后在上面上传。选一个地区时，模板已预填该地区单位的代码和名称；"
        "空白模板只有表头和说明。",
        "en": "Download an XLSX template, fill it in and upload it above. For a region, the template comes with "
        "its units' codes and names filled in; a blank one has the headers and instructions only.",
    },
    "dp_template_table": {"zh": "数据表", "en": "Table"},
    "dp_template_region": {"zh": "地区", "en": "Region"},
    "dp_template_year": {"zh": "年度", "en": "Year"},
    "dp_template_all": {"zh": "全部表（一个工作簿）", "en": "All tables (one workbook)"},
    "dp_template_blank": {"zh": "空白模板（不预填）", "en": "Blank template (nothing filled in)"},
    "dp_template_whole": {"zh": "{region}（全省预填）", "en": "{region} (the whole province filled in)"},
    "dp_template_download": {"zh": "下载模板", "en": "Download the template"},
    "dp_template_slow": {
        "zh": "全省预填的全部表工作簿约需半分钟生成，请稍候。",
        "en": "The province-wide workbook of all tables takes about half a minute to build.",
    },
    "dp_boundaries_twice": {
        "zh": "一次只能导入一个乡镇边界文件，本次上传了 {count} 个：{files}",
        "en": "Only one township boundary file can be imported at a time; this upload holds {count}: {files}",
    },
    # 2. validation report
    "dp_report_heading": {"zh": "2. 校验报告", "en": "2. Validation report"},
    "dp_report_clean": {
        "zh": "没有发现问题。",
        "en": "No problems found.",
    },
    "dp_report_counts": {
        "zh": "发现 {errors} 个错误、{warnings} 个警告。有错误时不能导入；警告不妨碍导入。",
        "en": "Errors: {errors}, warnings: {warnings}. Errors block the import; warnings do not.",
    },
    "dp_report_warnings_only": {
        "zh": "没有错误，有 {warnings} 个警告（不妨碍导入）。",
        "en": "No errors; {warnings} warnings (they do not block the import).",
    },
    "dp_errors_heading": {"zh": "错误（{count}）", "en": "Errors ({count})"},
    "dp_warnings_heading": {"zh": "警告（{count}，不妨碍导入）", "en": "Warnings ({count}, not blocking)"},
    "dp_shown_part": {
        "zh": "表格显示前 {shown} 条，共 {total} 条；下载报告可查看全部。",
        "en": "The grid shows the first {shown} of {total}; download the report for all of them.",
    },
    "dp_filter_placeholder": {
        "zh": "筛选问题（文件、列、值、说明……）",
        "en": "Filter the problems (file, column, value…)",
    },
    "dp_col_file": {"zh": "文件", "en": "File"},
    "dp_col_row": {"zh": "Excel 行", "en": "Excel row"},
    "dp_col_column": {"zh": "列", "en": "Column"},
    "dp_col_value": {"zh": "值", "en": "Value"},
    "dp_col_message": {"zh": "说明", "en": "Message"},
    "dp_col_check": {"zh": "检查项", "en": "Check"},
    "dp_col_severity": {"zh": "级别", "en": "Severity"},
    "dp_severity_error": {"zh": "错误", "en": "Error"},
    "dp_severity_warning": {"zh": "警告", "en": "Warning"},
    "dp_report_choice": {"zh": "报告内容", "en": "Report"},
    "dp_report_list": {"zh": "问题清单（全部文件）", "en": "Problem list (every file)"},
    "dp_report_marked": {
        "zh": "{file}：标出问题单元格的副本",
        "en": "{file}: a copy with the problem cells marked",
    },
    "dp_report_download": {"zh": "下载报告（XLSX）", "en": "Download the report (XLSX)"},
    "dp_report_csv_note": {
        "zh": "CSV 文件没有可以标注的工作簿，其问题只在问题清单中列出：{files}。",
        "en": "CSV files have no workbook to mark: their problems are in the problem list only ({files}).",
    },
    "dp_report_file": {"zh": "校验报告", "en": "validation-report"},
    "dp_report_marked_file": {"zh": "{stem}-已标注问题", "en": "{stem}-problems-marked"},
    # the report workbook (chuangye/exports/problem_report.py)
    "dp_xlsx_title": {"zh": "数据校验报告", "en": "Data validation report"},
    "dp_xlsx_sheet_problems": {"zh": "问题清单", "en": "Problems"},
    "dp_xlsx_files": {"zh": "校验的文件", "en": "Files validated"},
    "dp_xlsx_counts": {"zh": "错误 / 警告", "en": "Errors / warnings"},
    "dp_xlsx_csv_only": {"zh": "只有问题清单的文件（CSV）", "en": "Files with the problem list only (CSV)"},
    "dp_xlsx_marked_note": {
        "zh": "问题单元格已标色（错误为红色、警告为黄色），批注中写明问题",
        "en": "Problem cells are coloured (errors red, warnings yellow); their comments say what is wrong",
    },
    "dp_xlsx_note_label": {"zh": "说明", "en": "Note"},
    "dp_xlsx_generated": {"zh": "生成时间", "en": "Generated"},
    "dp_xlsx_column_zh": {"zh": "中文表头", "en": "Chinese header"},
    # 3. what changes
    "dp_changes_heading": {"zh": "3. 导入后的变更", "en": "3. What the import changes"},
    "dp_changes_against": {
        "zh": "与当前版本 {version} 相比（尚未导入，数据未改动）：",
        "en": "Against the active version {version} (nothing is imported or changed yet):",
    },
    "dp_changes_none": {
        "zh": "文件无法读成数据表，无法计算变更；请先修正校验报告中的错误。",
        "en": "The files could not be read into tables, so no change can be computed; fix the errors in the "
        "report first.",
    },
    "dp_col_table": {"zh": "表", "en": "Table"},
    "dp_col_source": {"zh": "来源", "en": "Source"},
    "dp_col_before": {"zh": "原行数", "en": "Rows before"},
    "dp_col_after": {"zh": "新行数", "en": "Rows after"},
    "dp_col_added": {"zh": "新增", "en": "Added"},
    "dp_col_changed": {"zh": "修改", "en": "Changed"},
    "dp_col_removed": {"zh": "删除", "en": "Removed"},
    "dp_col_note": {"zh": "备注", "en": "Note"},
    "dp_origin_carried": {"zh": "沿用当前版本", "en": "carried over"},
    "dp_origin_sample": {"zh": "内置示例数据", "en": "bundled sample"},
    "dp_note_synthetic": {"zh": "合成示例数据", "en": "synthetic sample data"},
    "dp_note_removed_share": {"zh": "删除原有行的 {share}", "en": "{share} of the rows removed"},
    "dp_coverage_heading": {
        "zh": "覆盖率变化（全省和各设区市，按单位类型；涉及的年度：{years}）：{count} 行",
        "en": "Coverage before and after (the province and each city, by unit type; years touched: {years}): "
        "{count} rows",
    },
    "dp_coverage_every_year": {"zh": "全部年度", "en": "every year"},
    "dp_coverage_none": {
        "zh": "覆盖率没有变化（全省和各设区市；涉及的年度：{years}）。",
        "en": "No coverage changes (the province and each city; years touched: {years}).",
    },
    "dp_coverage_unknown": {
        "zh": "导入前后的覆盖率无法比较（没有当前版本，或上传的文件还有错误）。",
        "en": "The coverage before and after cannot be compared (no active version, or the files still have errors).",
    },
    "dp_direction_up": {"zh": "▲ 上升 {points}", "en": "▲ up {points}"},
    "dp_direction_down": {"zh": "▼ 下降 {points}", "en": "▼ down {points}"},
    "dp_direction_level": {"zh": "＝ 持平 {points}", "en": "= level {points}"},
    "dp_direction_new": {"zh": "新增", "en": "new"},
    "dp_direction_gone": {"zh": "不再有", "en": "gone"},
    "dp_coverage_line": {
        "zh": "{region} {type} {year}：{before} → {after}",
        "en": "{region} {type} {year}: {before} → {after}",
    },
    "dp_col_region": {"zh": "地区", "en": "Region"},
    "dp_col_type": {"zh": "单位类型", "en": "Unit type"},
    "dp_col_year": {"zh": "年度", "en": "Year"},
    "dp_col_cov_before": {"zh": "导入前", "en": "Before"},
    "dp_col_cov_after": {"zh": "导入后", "en": "After"},
    "dp_col_cov_change": {"zh": "变化（百分点）", "en": "Change (points)"},
    "dp_col_certified": {"zh": "已认定/单位数（前 → 后）", "en": "Certified/units (before → after)"},
    "dp_boundary_heading": {"zh": "乡镇边界", "en": "Township boundaries"},
    "dp_consent_heading": {"zh": "需要明确确认：", "en": "Needs your explicit confirmation:"},
    "dp_consent_empty": {
        "zh": "我确认：导入后没有数据行的表将被清空",
        "en": "I confirm: tables given with no rows are emptied by the import",
    },
    "dp_consent_shrink": {
        "zh": "我确认：导入将删除表中超过 {limit} 的行",
        "en": "I confirm: the import deletes more than {limit} of a table's rows",
    },
    "dp_import": {"zh": "导入为新版本", "en": "Import as a new version"},
    "dp_note_label": {"zh": "版本说明（可选，记入版本和审计日志）", "en": "Note (optional, kept with the version)"},
    "dp_note_placeholder": {
        "zh": "例如：徐州市 2020 年认定名单更正",
        "en": "e.g. corrected 2020 certification list of Xuzhou",
    },
    "dp_import_blocked": {
        "zh": "校验报告中还有错误，不能导入。",
        "en": "The report still has errors: the import is not possible.",
    },
    "dp_import_ready": {
        "zh": "导入会原子地切换到新版本；失败时当前数据一个字节都不变，随时可以回滚。",
        "en": "The import switches to the new version atomically; if it fails, the data stays byte-for-byte as "
        "it is, and any version can be rolled back to.",
    },
    "dp_import_done": {
        "zh": "已导入：当前版本为 {version}。各页面现在显示新数据。",
        "en": "Imported: the active version is now {version}. Every page now shows the new data.",
    },
    "dp_import_failed": {
        "zh": "导入被拒绝，数据未改动：{reason}",
        "en": "The import was refused and nothing changed: {reason}",
    },
    "dp_import_rejected": {
        "zh": "导入被拒绝，数据未改动：发现 {errors} 个错误（见校验报告）。",
        "en": "The import was refused and nothing changed: {errors} errors (see the report).",
    },
    "dp_import_stale": {
        "zh": "检查之后当前版本已从 {checked} 变为 {active}：变更已按新的当前版本重新计算，请再次确认后导入。",
        "en": "The active version changed from {checked} to {active} since the check: the changes were computed "
        "again against it; confirm them and import again.",
    },
    # 4. versions
    "dp_versions_heading": {"zh": "4. 数据版本", "en": "4. Data versions"},
    "dp_versions_intro": {
        "zh": "最新的在前，时间为服务器本地时间。选中一个版本后可以回滚到它；“按此版本查看”只读地打开该版本的看板。",
        "en": "Newest first, times in the server's local time. Choose a version to roll back to it; \"View as of "
        'this version" opens the dashboard on that version, read-only.',
    },
    "dp_col_version": {"zh": "版本", "en": "Version"},
    "dp_col_created": {"zh": "创建时间", "en": "Created"},
    "dp_col_by": {"zh": "导入人", "en": "By"},
    "dp_col_files": {"zh": "来源文件", "en": "Source files"},
    "dp_col_rows": {"zh": "行数", "en": "Rows"},
    "dp_col_changes": {"zh": "变更", "en": "Changes"},
    "dp_col_version_note": {"zh": "说明", "en": "Note"},
    "dp_col_status": {"zh": "状态", "en": "Status"},
    "dp_col_view": {"zh": "查看", "en": "View"},
    "dp_status_active": {"zh": "当前版本", "en": "active"},
    "dp_status_pinned": {"zh": "已固定", "en": "pinned"},
    "dp_status_damaged": {"zh": "已损坏", "en": "damaged"},
    "dp_view_as_of": {"zh": "按此版本查看", "en": "View as of this version"},
    "dp_by_unknown": {"zh": "（未记录）", "en": "(not recorded)"},
    "dp_change_none": {"zh": "没有行变化", "en": "no rows changed"},
    "dp_change_text": {
        "zh": "{table}：+{added} / ~{changed} / −{removed}",
        "en": "{table}: +{added} / ~{changed} / −{removed}",
    },
    "dp_rows_text": {"zh": "{table} {rows}", "en": "{table} {rows}"},
    "dp_rollback": {"zh": "回滚到所选版本", "en": "Roll back to the chosen version"},
    "dp_rollback_choose": {"zh": "先在表中选中一个版本。", "en": "Choose a version in the table first."},
    "dp_rollback_title": {"zh": "确认回滚", "en": "Confirm the rollback"},
    "dp_rollback_question": {
        "zh": "把当前版本从 {active} 切换回 {version}（{created}）？所有页面随即显示该版本的数据；之后仍可再切换。",
        "en": "Switch the active version from {active} back to {version} ({created})? Every page then shows that "
        "version's data; you can switch again later.",
    },
    "dp_rollback_confirm": {"zh": "回滚", "en": "Roll back"},
    "dp_rollback_cancel": {"zh": "取消", "en": "Cancel"},
    "dp_rollback_done": {
        "zh": "已回滚：当前版本为 {version}。",
        "en": "Rolled back: the active version is now {version}.",
    },
    "dp_rollback_active": {"zh": "{version} 已经是当前版本。", "en": "{version} is already the active version."},
    "dp_rollback_damaged": {
        "zh": "版本 {version} 已损坏，不能回滚到它。",
        "en": "Version {version} is damaged and cannot be rolled back to.",
    },
    "dp_rollback_failed": {
        "zh": "回滚失败，数据未改动：{reason}",
        "en": "The rollback failed, nothing changed: {reason}",
    },
}
