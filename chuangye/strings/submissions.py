"""Strings of submissions from cities and counties (zh/en): states, steps, refusals, the API's messages and the
certification page's column; every key starts with ``sub_`` (audit actions: ``audit_action_submission_``)."""

SUBMISSIONS: dict[str, dict[str, str]] = {
    # states and steps (data/db/submissions.py)
    "sub_state_submitted": {"zh": "已提交", "en": "Submitted"},
    "sub_state_city_accepted": {"zh": "市级已审核，待省级", "en": "Accepted by the city, awaiting the province"},
    "sub_state_returned": {"zh": "已退回", "en": "Returned"},
    "sub_state_accepted": {"zh": "已采用", "en": "Accepted"},
    "sub_state_superseded": {"zh": "已被新提交取代", "en": "Superseded"},
    "sub_action_submit": {"zh": "提交", "en": "Submit"},
    "sub_action_forward": {"zh": "审核通过并转报省厅", "en": "Forward to the province"},
    "sub_action_return": {"zh": "退回", "en": "Return"},
    "sub_action_accept": {"zh": "采用", "en": "Accept"},
    "sub_action_supersede": {"zh": "被取代", "en": "Supersede"},
    "sub_superseded_by": {"zh": "已被提交 #{id} 取代", "en": "Superseded by submission #{id}"},
    # refusals of a step or a submission
    "sub_err_not_found": {"zh": "没有编号为 {id} 的提交", "en": "There is no submission {id}"},
    "sub_err_unknown_action": {
        "zh": "未知操作 {action}，应为 forward、return 或 accept",
        "en": "Unknown action {action}; expected forward, return or accept",
    },
    "sub_err_closed": {
        "zh": "提交 #{id} 的状态为“{state}”，已办结，不能再处理",
        "en": "Submission #{id} is closed (“{state}”) and can take no further step",
    },
    "sub_err_city_goes_to_province": {
        "zh": "提交 #{id} 是设区市的提交，直接报省厅，无需转报",
        "en": "Submission #{id} is a city's: it goes straight to the province, there is nothing to forward",
    },
    "sub_err_already_forwarded": {
        "zh": "提交 #{id} 已由设区市审核并转报省厅",
        "en": "Submission #{id} has already been forwarded to the province by its city",
    },
    "sub_err_not_allowed": {
        "zh": "提交 #{id} 处于“{state}”状态，不能进行此操作",
        "en": "Submission #{id} is “{state}”: this step is not possible",
    },
    "sub_err_awaits_city": {
        "zh": "提交 #{id} 是县(市、区)的提交，须先由其设区市审核（县级评估 → 市级审核 → 省级认定）",
        "en": "Submission #{id} is a county's: its city reviews it first (county → city → province)",
    },
    "sub_err_city_forwards": {
        "zh": "设区市审核通过县(市、区)的提交 #{id} 后转报省厅（forward），由省级采用",
        "en": "A city passes a county's submission #{id} on to the province (forward); the province accepts it",
    },
    "sub_err_awaits_province": {
        "zh": "提交 #{id} 已转报省厅，由省级采用或退回",
        "en": "Submission #{id} is with the province now, which accepts or returns it",
    },
    "sub_err_not_reviewer": {
        "zh": "你不能审核提交 #{id}：县(市、区)的提交由其设区市审核，设区市的提交由省厅审核",
        "en": "You cannot review submission #{id}: a county's is reviewed by its city, a city's by the province",
    },
    "sub_err_bad_level": {
        "zh": "只有设区市和县(市、区)报送数据，不能是 {level}",
        "en": "Only cities and counties submit figures, not {level}",
    },
    "sub_err_has_errors": {
        "zh": "上传的文件有 {errors} 个错误，不能作为提交；请改正后重新上传",
        "en": "The upload has {errors} error(s) and cannot be submitted; correct them and upload again",
    },
    "sub_err_no_tables": {"zh": "上传的文件中没有可以报送的表", "en": "The upload holds no table to submit"},
    "sub_err_no_files": {"zh": "没有上传文件（表单字段 files）", "en": "No file uploaded (form field files)"},
    "sub_err_too_many_files": {
        "zh": "一次提交最多 {limit} 个文件，上传了 {count} 个",
        "en": "A submission takes at most {limit} files; {count} were uploaded",
    },
    "sub_err_bad_file_name": {
        "zh": "文件名 {name} 不能使用：不能为空，不能含路径（/、\\）",
        "en": "The file name {name} cannot be used: it must not be empty or contain a path (/, \\)",
    },
    "sub_err_duplicate_file_name": {
        "zh": "文件名 {name} 出现了不止一次",
        "en": "The file name {name} appears more than once",
    },
    "sub_err_file_too_large": {
        "zh": "文件 {name} 有 {size}，一次提交的每个文件最多 {limit}",
        "en": "The file {name} has {size}; each file of a submission may have at most {limit}",
    },
    "sub_err_files_too_large": {
        "zh": "上传的文件共 {size}，一次提交最多 {limit}",
        "en": "The files come to {size}; a submission may hold at most {limit}",
    },
    "sub_err_accept_needs_version": {
        "zh": "采用提交 #{id} 须导入其数据，生成新的数据版本",
        "en": "Accepting submission #{id} imports its figures into a new data version",
    },
    "sub_err_comment_required": {
        "zh": "退回提交 #{id} 须写明原因（comment）",
        "en": "Returning submission #{id} needs a comment saying why",
    },
    "sub_err_comment_too_long": {
        "zh": "意见最多 {limit} 个字符",
        "en": "A comment may have at most {limit} characters",
    },
    "sub_err_nothing_to_accept": {
        "zh": "没有指定要采用的提交（ids）",
        "en": "No submission named to accept (ids)",
    },
    "sub_err_overlap": {
        "zh": "提交 #{id} 和 #{other} 都是 {region} 的 {table} {year} 年数据，不能采用到同一个版本",
        "en": "Submissions #{id} and #{other} both hold {region}'s {table} for {year}; one version cannot take both",
    },
    # the input tables a submission holds
    "sub_table_regions": {"zh": "行政区划", "en": "Regions"},
    "sub_table_units": {"zh": "单位名录", "en": "Units"},
    "sub_table_indicator_inputs": {"zh": "指标基础数据", "en": "Indicator inputs"},
    "sub_table_certifications": {"zh": "认定进程", "en": "Certifications"},
    "sub_table_quotas": {"zh": "目标任务", "en": "Quotas"},
    # a day of the cycle: 2018年12月31日 / 31 Dec 2018
    "sub_day": {"zh": "{y}年{m}月{d}日", "en": "{d} {month} {y}"},
    **{
        f"sub_month_{n}": {"zh": f"{n}月", "en": name}
        for n, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
    # the certification page (web/pages/certification): deadlines and the open and late submissions per region
    "sub_cert_deadlines": {"zh": "{year}年数据报送截止：{items}", "en": "Figures for {year} are due: {items}"},
    "sub_list_sep": {"zh": "；", "en": "; "},
    "sub_cert_deadline_item": {"zh": "{table} {day}", "en": "{table} by {day}"},
    "sub_cert_heading": {"zh": "数据报送", "en": "Data submissions"},
    "sub_cert_open": {"zh": "待审 {n}", "en": "{n} open"},
    "sub_cert_late": {"zh": "◷ 逾期 {n}", "en": "◷ {n} late"},
    "sub_cert_none": {"zh": "没有待审或逾期的报送", "en": "none open or late"},
    # the JSON API (web/api/submissions.py)
    "sub_api_province_imports": {
        "zh": "省级和管理员账户不报送数据：请用数据导入（POST /api/v1/imports）",
        "en": "Province and admin accounts do not submit figures: they import them (POST /api/v1/imports)",
    },
    "sub_api_province_accepts": {
        "zh": "只有省级和管理员账户可以采用提交",
        "en": "Only province and admin accounts may accept submissions",
    },
    "sub_api_forbidden": {
        "zh": "无权查看这个提交（不属于您账户的区划）",
        "en": "You may not see this submission (outside your account's region)",
    },
    "sub_api_csrf": {
        "zh": "请求缺少本次登录的 CSRF 令牌（{header} 请求头或 csrf_token 字段），已拒绝",
        "en": "The request lacks this session's CSRF token ({header} header or csrf_token field) and was refused",
    },
    "sub_api_bad_body": {
        "zh": "请求体须为表单或 JSON 对象",
        "en": "The request body must be a form or a JSON object",
    },
    "sub_api_unknown_file": {
        "zh": "提交 #{id} 中没有文件 {name}",
        "en": "Submission #{id} has no file {name}",
    },
    "sub_api_upload_refused": {"zh": "上传的文件被拒绝：{reason}", "en": "The upload was refused: {reason}"},
    "sub_api_not_clean": {
        "zh": "文件有 {errors} 个错误，未保存为提交，数据未改动；请改正后重新上传",
        "en": "The files have {errors} error(s): nothing was submitted or changed; correct them and upload again",
    },
    "sub_api_table_mismatch": {
        "zh": "参数 table 为 {asked}，但文件中的表是 {found}",
        "en": "table= says {asked}, but the files hold {found}",
    },
    "sub_api_several_years": {
        "zh": "文件中有多个年份的数据（{years}）；一次提交只报送一年的数据，请分开提交",
        "en": "The files hold figures of several years ({years}); a submission is one year's figures: split them",
    },
    "sub_api_year_mismatch": {
        "zh": "参数 year 为 {asked}，但文件中的数据是 {found} 年的",
        "en": "year= says {asked}, but the files hold figures for {found}",
    },
    "sub_api_expected_year": {"zh": "四位数的年份", "en": "a four-digit year"},
    "sub_api_expected_ids": {
        "zh": "提交编号，用逗号分隔（如 ids=3,5）",
        "en": "submission numbers, separated by commas (e.g. ids=3,5)",
    },
    "sub_api_store_refused": {
        "zh": "数据存储拒绝了导入，提交未采用：{reason}",
        "en": "The data store refused the import; nothing was accepted: {reason}",
    },
    "sub_api_accepted_meanwhile": {
        "zh": "已生成数据版本 {version}，但其中的提交在此期间已被他人处理；请查看各提交的状态",
        "en": "Data version {version} was made, but some of the submissions were handled by someone else meanwhile; "
        "check their states",
    },
    # audit trail (data/db/codes.py ACTIONS)
    "audit_action_submission_submit": {"zh": "报送数据", "en": "Submission"},
    "audit_action_submission_forward": {"zh": "审核转报提交", "en": "Submission forwarded"},
    "audit_action_submission_return": {"zh": "退回提交", "en": "Submission returned"},
    "audit_action_submission_accept": {"zh": "采用提交", "en": "Submission accepted"},
    "audit_action_submission_supersede": {"zh": "提交被取代", "en": "Submission superseded"},
    "audit_action_submission_file": {"zh": "下载提交的文件", "en": "Submission file download"},
}
