"""Texts of the 数据报送 / Submissions page (web/pages/submissions): upload, the user's submissions, review."""

STRINGS = {
    "nav_submissions": {"zh": "数据报送", "en": "Submissions"},
    "page_submissions": {"zh": "数据报送", "en": "Submissions"},
    "sp_title": {"zh": "数据报送", "en": "Submissions"},
    "sp_intro_submitter": {
        "zh": "下载本地区的模板，填好后上传：没有错误的上传即成为一次报送，先由设区市审核（县级报送），再由省厅采用。",
        "en": "Download your region's template, fill it in and upload it: a clean upload becomes a submission, "
        "reviewed by the city first (a county's), then accepted by the province.",
    },
    "sp_intro_city": {
        "zh": "本市的报送和所辖县(市、区)待本市审核的报送：审核通过并转报省厅，或写明原因退回。",
        "en": "Your city's submissions and your counties' awaiting your review: forward them to the province, or "
        "return them with a reason.",
    },
    "sp_intro_province": {
        "zh": "各地报送：选择一个或几个，查看校验结果和覆盖率变化，采用为一个新的数据版本，或写明原因退回。",
        "en": "Submissions from cities and counties: select one or several, see their validation and the change "
        "in coverage, accept them into one new data version, or return one with a reason.",
    },
    "sp_refused": {
        "zh": "数据报送页面只对省厅、设区市和县(市、区)的账户开放",
        "en": "The Submissions page is open to province, city and county accounts only",
    },
    # 1. deliver
    "sp_deliver_heading": {"zh": "报送本地区数据：{region}", "en": "Deliver your figures: {region}"},
    "sp_deadlines_none": {"zh": "{year}年没有报送截止日期", "en": "No deadlines for {year}"},
    "sp_templates": {"zh": "下载模板（已填好本地区单位）：", "en": "Templates (your units filled in):"},
    "sp_upload_prompt": {
        "zh": "把 CSV 或 XLSX 文件拖到这里，或点击选择（可多个文件；表和年份从文件中读取）",
        "en": "Drop CSV or XLSX files here, or click to choose (several at once; the table and year are read "
        "from the files)",
    },
    "sp_comment": {"zh": "说明（可选）", "en": "Comment (optional)"},
    "sp_comment_placeholder": {"zh": "例如：补报社区数据", "en": "e.g. community figures added"},
    "sp_checking": {"zh": "正在校验上传的文件……", "en": "Checking the uploaded files…"},
    "sp_submitted": {
        "zh": "已报送：报送 #{id}（{tables}，{year}年），状态：{state}",
        "en": "Delivered: submission #{id} ({tables}, {year}), state: {state}",
    },
    "sp_not_clean": {
        "zh": "上传的文件有 {errors} 个错误，未报送，也没有保存任何内容。请改正下表所列问题后重新上传。",
        "en": "The upload has {errors} error(s): nothing was delivered or kept. Correct the problems below and "
        "upload again.",
    },
    "sp_upload_failed": {"zh": "上传未被接受：{reason}", "en": "The upload was not taken: {reason}"},
    "sp_problems_heading": {"zh": "问题", "en": "Problems"},
    "sp_upload_request_too_large": {"zh": "上传的文件太大", "en": "The upload is too large"},
    # 2. the list
    "sp_list_heading": {"zh": "报送列表", "en": "Submissions"},
    "sp_filter_state": {"zh": "状态", "en": "State"},
    "sp_filter_year": {"zh": "年份", "en": "Year"},
    "sp_filter_city": {"zh": "设区市", "en": "City"},
    "sp_filter_any": {"zh": "全部", "en": "Any"},
    "sp_filter_open": {"zh": "待办（已提交或市级已审核）", "en": "Open (submitted or forwarded)"},
    "sp_count": {"zh": "共 {n} 个报送", "en": "{n} submission(s)"},
    "sp_select_hint_region": {"zh": "点击一行查看详情。", "en": "Click a row for its details."},
    "sp_select_hint": {
        "zh": "点击一行查看详情；省厅可勾选几个一并采用。",
        "en": "Click a row for its details; the province may tick several to accept them together.",
    },
    "sp_col_id": {"zh": "编号", "en": "No."},
    "sp_col_region": {"zh": "地区", "en": "Region"},
    "sp_col_tables": {"zh": "表", "en": "Tables"},
    "sp_col_year": {"zh": "年份", "en": "Year"},
    "sp_col_state": {"zh": "状态", "en": "State"},
    "sp_col_waiting": {"zh": "待谁办理", "en": "Awaiting"},
    "sp_col_deadline": {"zh": "截止日期", "en": "Deadline"},
    "sp_col_late": {"zh": "逾期", "en": "Late"},
    "sp_col_submitter": {"zh": "报送人", "en": "Submitted by"},
    "sp_col_created": {"zh": "报送时间", "en": "Submitted at"},
    "sp_col_comment": {"zh": "最新意见", "en": "Latest comment"},
    "sp_late_days": {"zh": "◷ 逾期 {days} 天", "en": "◷ {days} day(s) late"},
    "sp_on_time": {"zh": "按期", "en": "on time"},
    "sp_waiting_city": {"zh": "设区市审核", "en": "the city"},
    "sp_waiting_province": {"zh": "省厅采用", "en": "the province"},
    "sp_waiting_none": {"zh": "—", "en": "—"},
    # 3. the detail
    "sp_detail_heading": {"zh": "报送 #{id}：{region} {year}年", "en": "Submission #{id}: {region}, {year}"},
    "sp_detail_none": {"zh": "在列表中选择一个报送查看详情", "en": "Select a submission in the list to see it"},
    "sp_detail_several": {"zh": "已选择 {n} 个报送：{ids}", "en": "{n} submissions selected: {ids}"},
    "sp_validation": {
        "zh": "校验：{errors} 个错误，{warnings} 个警告",
        "en": "Validation: {errors} error(s), {warnings} warning(s)",
    },
    "sp_files": {"zh": "文件：{files}", "en": "Files: {files}"},
    "sp_changes_heading": {"zh": "各表变化（报送时）", "en": "Change per table (when delivered)"},
    "sp_change_line": {
        "zh": "{table}：{before} → {after} 行（新增 {added}，修改 {changed}，删除 {removed}）",
        "en": "{table}: {before} → {after} rows ({added} added, {changed} changed, {removed} removed)",
    },
    "sp_history_heading": {"zh": "办理记录", "en": "History"},
    "sp_history_line": {"zh": "{at} {who}：{action}（{state}）", "en": "{at} {who}: {action} ({state})"},
    "sp_history_comment": {"zh": "意见：{comment}", "en": "Comment: {comment}"},
    "sp_returned_why": {"zh": "退回原因：{comment}", "en": "Returned because: {comment}"},
    "sp_accepted_into": {"zh": "已采用，进入数据版本 {version}", "en": "Accepted into data version {version}"},
    # 4. review
    "sp_review_heading": {"zh": "审核", "en": "Review"},
    "sp_review_comment": {"zh": "审核意见（退回时必填）", "en": "Comment (required to return)"},
    "sp_forward": {"zh": "转报省厅", "en": "Forward to the province"},
    "sp_return": {"zh": "退回", "en": "Return"},
    "sp_accept": {"zh": "采用所选报送", "en": "Accept the selected"},
    "sp_choose_one": {"zh": "请只选择一个报送", "en": "Select exactly one submission"},
    "sp_choose_some": {"zh": "请先选择报送", "en": "Select a submission first"},
    "sp_forwarded": {"zh": "报送 #{id} 已转报省厅", "en": "Submission #{id} forwarded to the province"},
    "sp_returned": {"zh": "报送 #{id} 已退回", "en": "Submission #{id} returned"},
    "sp_refusal": {"zh": "未能办理：{reason}", "en": "Not done: {reason}"},
    "sp_not_visible": {"zh": "没有编号为 {id} 的报送", "en": "There is no submission {id}"},
    "sp_confirm_title": {"zh": "采用报送", "en": "Accept submissions"},
    "sp_confirm_question": {
        "zh": "把报送 {ids} 一并导入为一个新的数据版本（当前版本 {active}）？看板随即显示新版本。",
        "en": "Import submissions {ids} together as one new data version (now {active})? The dashboard then "
        "shows the new version.",
    },
    "sp_confirm_ok": {"zh": "确认采用", "en": "Accept"},
    "sp_confirm_cancel": {"zh": "取消", "en": "Cancel"},
    "sp_accepted": {
        "zh": "已采用报送 {ids}，新的数据版本：{version}",
        "en": "Submissions {ids} accepted; the new data version: {version}",
    },
    "sp_accept_rejected": {
        "zh": "导入被拒绝（{errors} 个错误），没有采用任何报送，数据不变：{first}",
        "en": "The import was refused ({errors} error(s)): nothing was accepted and the data stay as they were: "
        "{first}",
    },
    # the preview of an acceptance
    "sp_impact_heading": {
        "zh": "采用后的覆盖率变化（各设区市、类型和年份）",
        "en": "Coverage before/after accepting (per city, type and year)",
    },
    "sp_impact_none": {"zh": "覆盖率没有变化", "en": "No coverage changes"},
    "sp_impact_blocked": {"zh": "现在不能采用：{reason}", "en": "Cannot be accepted now: {reason}"},
    "sp_impact_rows_heading": {"zh": "各表行数", "en": "Rows per table"},
}
