"""Accounts, passwords, sign-in outcomes, the audit trail and the database (chuangye.data.db), and the
``chuangye users`` / ``chuangye audit`` commands. Chinese first."""

ACCOUNTS: dict[str, dict[str, str]] = {
    # roles
    "acct_role_admin": {"zh": "省厅管理员", "en": "Administrator"},
    "acct_role_province": {"zh": "省厅", "en": "Province"},
    "acct_role_city": {"zh": "市局", "en": "City bureau"},
    "acct_role_county": {"zh": "县区", "en": "County"},
    # sign-in outcomes (an unknown user reads as a wrong password)
    "acct_login_ok": {"zh": "登录成功", "en": "Signed in"},
    "acct_login_must_change": {
        "zh": "登录成功，请先修改密码（首次登录或密码已被重置）",
        "en": "Signed in: change your password first (first login or after a reset)",
    },
    "acct_login_wrong_password": {"zh": "用户名或密码错误", "en": "Wrong username or password"},
    "acct_login_locked": {
        "zh": "连续输错密码次数过多，账户已锁定至 {until}，届时再试或请管理员重置密码",
        "en": "Too many wrong passwords: the account is locked until {until}; try again then or ask an "
        "administrator to reset the password",
    },
    "acct_login_disabled": {
        "zh": "该账户已停用，请联系管理员",
        "en": "This account is disabled; contact an administrator",
    },
    # refused account operations
    "acct_err_bad_role": {
        "zh": "角色“{role}”无效，可选：{roles}",
        "en": "Role '{role}' is not valid; choose from {roles}",
    },
    "acct_err_region_not_allowed": {
        "zh": "角色 {role} 不绑定区划，不能给出 --region（{region}）",
        "en": "Role {role} is not bound to a region: give no --region ({region})",
    },
    "acct_err_region_required_city": {
        "zh": "角色 {role} 须用 --region 指定一个设区市代码（如 320100 南京市）",
        "en": "Role {role} needs --region with a city code (e.g. 320100 Nanjing)",
    },
    "acct_err_region_required_county": {
        "zh": "角色 {role} 须用 --region 指定一个县(市、区)代码（如 320102 玄武区）",
        "en": "Role {role} needs --region with a county code (e.g. 320102 Xuanwu)",
    },
    "acct_err_unknown_region": {
        "zh": "当前数据中没有区划代码 {region}",
        "en": "The active data has no region with code {region}",
    },
    "acct_err_region_not_city": {
        "zh": "{region} 不是设区市代码；角色 {role} 须绑定一个设区市",
        "en": "{region} is not a city code; role {role} must be bound to a city",
    },
    "acct_err_region_not_county": {
        "zh": "{region} 不是县(市、区)代码；角色 {role} 须绑定一个县(市、区)",
        "en": "{region} is not a county code; role {role} must be bound to a county",
    },
    "acct_err_bad_username": {
        "zh": "用户名“{username}”无效：须为 2–64 个字母、汉字、数字或 _ . @ -",
        "en": "Username '{username}' is not valid: use 2-64 letters, digits or _ . @ -",
    },
    "acct_err_username_taken": {"zh": "用户名 {username} 已存在", "en": "Username {username} already exists"},
    "acct_err_no_such_user": {"zh": "没有用户 {username}", "en": "There is no user {username}"},
    "acct_err_sso_no_password": {
        "zh": "{username} 通过统一身份认证登录，本系统不保存其密码",
        "en": "{username} signs in through single sign-on: no password is kept here",
    },
    "acct_err_password_required": {
        "zh": "用户 {username} 需要一个密码",
        "en": "User {username} needs a password",
    },
    "acct_err_password_rejected": {"zh": "密码不符合要求", "en": "The password is not accepted"},
    "acct_err_wrong_old_password": {"zh": "原密码错误", "en": "The current password is wrong"},
    "acct_err_same_password": {
        "zh": "新密码不能与原密码相同",
        "en": "The new password must differ from the current one",
    },
    "acct_err_last_admin": {
        "zh": "这是最后一个启用的管理员账户，不能停用或降级；请先添加另一个管理员",
        "en": "This is the last enabled administrator: it cannot be disabled or demoted; add another first",
    },
    # password rules
    "acct_pw_too_short": {"zh": "至少 {minimum} 个字符", "en": "at least {minimum} characters"},
    "acct_pw_too_few_classes": {
        "zh": "须包含小写字母、大写字母、数字、符号中的至少 {minimum} 类",
        "en": "use at least {minimum} of: lower-case letters, upper-case letters, digits, symbols",
    },
    "acct_pw_contains_username": {"zh": "不能包含用户名", "en": "must not contain the username"},
    # the database and the policy
    "acct_db_read_only": {
        "zh": "数据目录 {folder} 不可写：账户和审计记录只能读取；添加或修改用户、记录审计需要该目录的写权限",
        "en": "The data directory {folder} is not writable: accounts and audit records can only be read; adding "
        "or changing users and recording audit events needs write access to it",
    },
    "acct_db_unreadable": {
        "zh": "无法读取账户数据库 {path}（请检查文件权限）",
        "en": "Cannot read the accounts database {path} (check the file's permissions)",
    },
    "acct_db_unusable": {
        "zh": "无法使用账户数据库 {where}：{reason}",
        "en": "Cannot use the accounts database {where}: {reason}",
    },
    "acct_db_too_new": {
        "zh": "账户数据库的结构版本为 {version}，本程序只支持到 {supported}；请升级程序",
        "en": "The accounts database has schema version {version}; this program supports up to {supported}: upgrade it",
    },
    "acct_db_bad_url": {
        "zh": "{variable} 不是有效的数据库地址（例如 postgresql://用户:密码@主机:5432/库名）",
        "en": "{variable} is not a valid database URL (e.g. postgresql://user:password@host:5432/name)",
    },
    "acct_policy_bad_env": {
        "zh": "环境变量 {variable} 的值“{value}”无效：须为 {low} 到 {high} 之间的整数",
        "en": "Environment variable {variable} has the invalid value '{value}': use a whole number from {low} "
        "to {high}",
    },
}

AUDIT: dict[str, dict[str, str]] = {
    "audit_action_login": {"zh": "登录", "en": "Sign-in"},
    "audit_action_logout": {"zh": "退出", "en": "Sign-out"},
    "audit_action_login_failed": {"zh": "登录失败", "en": "Failed sign-in"},
    "audit_action_lockout": {"zh": "账户锁定", "en": "Lockout"},
    "audit_action_session_timeout": {"zh": "会话超时", "en": "Session timeout"},
    "audit_action_unit_view": {"zh": "查看单位成绩单", "en": "Unit scorecard view"},
    "audit_action_unit_list_view": {"zh": "查看单位列表", "en": "Unit list view"},
    "audit_action_export": {"zh": "导出", "en": "Export"},
    "audit_action_report": {"zh": "生成报告", "en": "Report"},
    "audit_action_import": {"zh": "导入数据", "en": "Import"},
    "audit_action_rollback": {"zh": "回滚版本", "en": "Rollback"},
    "audit_action_version_pin": {"zh": "固定版本", "en": "Version pinned"},
    "audit_action_version_unpin": {"zh": "取消固定版本", "en": "Version unpinned"},
    "audit_action_user_add": {"zh": "添加用户", "en": "User added"},
    "audit_action_user_change": {"zh": "修改用户", "en": "User changed"},
    "audit_action_user_disable": {"zh": "停用用户", "en": "User disabled"},
    "audit_action_user_enable": {"zh": "启用用户", "en": "User enabled"},
    "audit_action_password_change": {"zh": "修改密码", "en": "Password change"},
    "audit_action_password_reset": {"zh": "重置密码", "en": "Password reset"},
    "audit_action_token_issue": {"zh": "签发 API 令牌", "en": "API token issued"},
    "audit_action_token_revoke": {"zh": "吊销 API 令牌", "en": "API token revoked"},
    "audit_action_denied": {"zh": "拒绝访问", "en": "Access denied"},
    "audit_outcome_ok": {"zh": "成功", "en": "Succeeded"},
    "audit_outcome_failed": {"zh": "失败", "en": "Failed"},
    "audit_outcome_denied": {"zh": "拒绝", "en": "Denied"},
}

ACCOUNTS_CLI: dict[str, dict[str, str]] = {
    # --help
    "acct_cli_help_users": {
        "zh": "管理账户：add 添加、list 列出、disable 停用、enable 启用、reset-password 重置密码、token 签发 API 令牌",
        "en": "manage accounts: add, list, disable, enable, reset-password, token (issue an API token)",
    },
    "acct_cli_help_add": {
        "zh": "添加账户（首次登录须修改密码）",
        "en": "add an account (it must change its password at first login)",
    },
    "acct_cli_help_username": {"zh": "用户名", "en": "username"},
    "acct_cli_help_role": {
        "zh": "角色：admin 省厅管理员、province 省厅、city 市局、county 县区（也可写中文）",
        "en": "role: admin, province, city or county (Chinese names accepted too)",
    },
    "acct_cli_help_region": {
        "zh": "绑定的区划代码：city 须为设区市代码，county 须为县(市、区)代码，按当前数据核对",
        "en": "the region the account is bound to: a city code for city, a county code for county, checked "
        "against the active data",
    },
    "acct_cli_help_display_name": {"zh": "显示名称（如 南京市人社局）", "en": "display name (e.g. Nanjing bureau)"},
    "acct_cli_help_password": {
        "zh": "密码；不给时提示输入两次（非终端时读取标准输入的前两行）。"
        "注意：命令行中的密码可能被其他用户在进程列表中看到",
        "en": "the password; without it you are asked twice (standard input's first two lines when it is not a "
        "terminal). A password on the command line may show in the process list",
    },
    "acct_cli_help_sso": {
        "zh": "通过统一身份认证登录的账户（本系统不保存其密码）",
        "en": "an account that signs in through single sign-on (no password kept here)",
    },
    "acct_cli_help_list": {"zh": "列出全部账户", "en": "list every account"},
    "acct_cli_help_disable": {
        "zh": "停用账户（不能登录，其 API 令牌失效）",
        "en": "disable an account (no sign-in, its API tokens stop working)",
    },
    "acct_cli_help_enable": {"zh": "重新启用账户（同时解除锁定）", "en": "enable an account again (and unlock it)"},
    "acct_cli_help_reset": {
        "zh": "重置密码（解除锁定，下次登录须修改）",
        "en": "reset the password (unlocks; it must be changed at the next login)",
    },
    "acct_cli_help_token": {
        "zh": "签发 API 令牌（只显示这一次）",
        "en": "issue an API token (shown this once only)",
    },
    "acct_cli_help_audit": {
        "zh": "查询审计记录（最新的在前）",
        "en": "search the audit trail (newest first)",
    },
    "acct_cli_help_since": {
        "zh": "起始日期或时间（含），如 2026-12-01 或 2026-12-01T08:00+08:00；不带时区按 UTC",
        "en": "from this date or time (inclusive), e.g. 2026-12-01 or 2026-12-01T08:00+08:00; UTC unless an "
        "offset is given",
    },
    "acct_cli_help_until": {
        "zh": "截止日期（含当天）或时间（不含）；不带时区按 UTC",
        "en": "up to this date (the whole day included) or time (excluded); UTC unless an offset is given",
    },
    "acct_cli_help_audit_user": {"zh": "只看该用户的记录", "en": "only this user's records"},
    "acct_cli_help_audit_action": {"zh": "只看该动作：{actions}", "en": "only this action: {actions}"},
    "acct_cli_help_limit": {"zh": "最多显示多少条（默认全部）", "en": "show at most this many (default: all)"},
    # argument errors
    "acct_cli_bad_role": {
        "zh": "无效的角色“{value}”（可选：{choices}）",
        "en": "invalid role '{value}' (choose from {choices})",
    },
    "acct_cli_bad_date": {
        "zh": "无效的日期“{value}”，请写作 2026-12-01 或 2026-12-01T08:00",
        "en": "invalid date '{value}': write 2026-12-01 or 2026-12-01T08:00",
    },
    "acct_cli_bad_action": {
        "zh": "无效的动作“{value}”（可选：{choices}）",
        "en": "invalid action '{value}' (choose from {choices})",
    },
    "acct_cli_bad_limit": {
        "zh": "--limit 须为正整数，而不是 {value}",
        "en": "--limit must be a positive number, not {value}",
    },
    # prompts and messages
    "acct_cli_prompt_password": {"zh": "密码：", "en": "Password: "},
    "acct_cli_prompt_again": {"zh": "再次输入密码：", "en": "Repeat the password: "},
    "acct_cli_no_password": {"zh": "没有输入密码", "en": "No password was given"},
    "acct_cli_passwords_differ": {"zh": "两次输入的密码不一致", "en": "The two passwords differ"},
    "acct_cli_added": {
        "zh": "已添加用户 {username}（{role_zh}），首次登录须修改密码",
        "en": "Added user {username} ({role_en}); the password must be changed at first login",
    },
    "acct_cli_added_sso": {
        "zh": "已添加统一身份认证用户 {username}（{role_zh}）",
        "en": "Added single sign-on user {username} ({role_en})",
    },
    "acct_cli_disabled": {"zh": "已停用用户 {username}", "en": "Disabled user {username}"},
    "acct_cli_enabled": {"zh": "已启用用户 {username}", "en": "Enabled user {username}"},
    "acct_cli_reset": {
        "zh": "已重置 {username} 的密码并解除锁定，下次登录须修改密码",
        "en": "Reset the password of {username} and unlocked it; it must be changed at the next login",
    },
    "acct_cli_token_once": {
        "zh": "以上是 {username} 的 API 令牌，只显示这一次，请妥善保存",
        "en": "Above is the API token of {username}; it is shown this once only: keep it safe",
    },
    "acct_cli_no_users": {
        "zh": "还没有账户；用 chuangye users add 添加",
        "en": "There are no accounts yet; add one with chuangye users add",
    },
    "acct_cli_no_records": {"zh": "没有符合条件的审计记录", "en": "No audit records match"},
    # table cells and headings
    "acct_cli_state_enabled": {"zh": "启用", "en": "enabled"},
    "acct_cli_state_disabled": {"zh": "停用", "en": "disabled"},
    "acct_cli_state_locked": {"zh": "锁定", "en": "locked"},
    "acct_cli_auth_source_local": {"zh": "本地密码", "en": "password"},
    "acct_cli_auth_source_sso": {"zh": "统一身份认证", "en": "single sign-on"},
    "acct_cli_yes": {"zh": "是", "en": "yes"},
    "acct_cli_no": {"zh": "否", "en": "no"},
    "acct_cli_col_username": {"zh": "用户名", "en": "Username"},
    "acct_cli_col_role": {"zh": "角色", "en": "Role"},
    "acct_cli_col_region": {"zh": "区划", "en": "Region"},
    "acct_cli_col_display_name": {"zh": "显示名称", "en": "Display name"},
    "acct_cli_col_auth_source": {"zh": "登录方式", "en": "Sign-in"},
    "acct_cli_col_state": {"zh": "状态", "en": "State"},
    "acct_cli_col_must_change_password": {"zh": "须改密码", "en": "Must change password"},
    "acct_cli_col_locked_until": {"zh": "锁定至（UTC）", "en": "Locked until (UTC)"},
    "acct_cli_col_created_at": {"zh": "创建时间（UTC）", "en": "Created (UTC)"},
    "acct_cli_col_last_login_at": {"zh": "最后登录（UTC）", "en": "Last login (UTC)"},
    "acct_cli_col_at": {"zh": "时间（UTC）", "en": "Time (UTC)"},
    "acct_cli_col_address": {"zh": "来源地址", "en": "Address"},
    "acct_cli_col_action": {"zh": "动作", "en": "Action"},
    "acct_cli_col_object": {"zh": "对象", "en": "Object"},
    "acct_cli_col_outcome": {"zh": "结果", "en": "Outcome"},
    "acct_cli_col_detail": {"zh": "详情", "en": "Detail"},
}
