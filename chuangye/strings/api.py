"""Strings of the JSON API under ``/api/v1/`` (its error messages; the data it returns are codes and numbers)."""

API: dict[str, dict[str, str]] = {
    "api_unauthorized": {
        "zh": "需要登录：请带上会话 Cookie 或 Authorization: Bearer <令牌>（chuangye users token 用户名）",
        "en": "Sign-in required: send the session cookie or Authorization: Bearer <token> (chuangye users token NAME)",
    },
    # a refusal never echoes the code asked for: nothing of another area appears in any answer
    "api_forbidden_region": {
        "zh": "无权查看这个区划的这些数据（超出您账户的范围）",
        "en": "You may not see these figures of this region (outside your account's scope)",
    },
    "api_forbidden_unit": {
        "zh": "无权查看这个单位（超出您账户的范围）",
        "en": "You may not see this unit (outside your account's scope)",
    },
    "api_scope_invalid": {
        "zh": "您的账户（角色 {role}，区划 {region}）与当前数据不符：请管理员检查账户的区划",
        "en": (
            "Your account (role {role}, region {region}) does not fit the active data: "
            "ask an administrator to check its region"
        ),
    },
    "api_bad_parameter": {
        "zh": "参数 {name} 的值“{value}”无效：{expected}",
        "en": 'Parameter {name} has an invalid value "{value}": {expected}',
    },
    "api_missing_parameter": {
        "zh": "缺少参数 {name}：{expected}",
        "en": "Parameter {name} is missing: {expected}",
    },
    "api_unknown_parameter": {
        "zh": "不认识的参数 {name}；可用参数：{allowed}",
        "en": "Unknown parameter {name}; the parameters are: {allowed}",
    },
    "api_expected_year": {
        "zh": "数据中的年份，{first}–{last}",
        "en": "a year the data has, {first}–{last}",
    },
    "api_expected_choice": {"zh": "可选 {choices}", "en": "one of {choices}"},
    "api_expected_region": {"zh": "一个区划代码", "en": "a region code"},
    "api_expected_region_of_units": {
        "zh": "设区市或县(市、区)的代码",
        "en": "the code of a city or a county-level area",
    },
    "api_expected_parent": {
        "zh": "比 level={level} 高一级以上的区划代码",
        "en": "the code of a region above level={level}",
    },
    "api_unknown_region": {
        "zh": "参数 {name}：没有代码为 {code} 的区划",
        "en": "Parameter {name}: there is no region with code {code}",
    },
    "api_unknown_unit": {"zh": "没有代码为 {code} 的单位", "en": "There is no unit with code {code}"},
    "api_not_found": {
        "zh": "API 中没有这个地址：{path}（见 docs/api.md）",
        "en": "The API has nothing at this address: {path} (see docs/api.md)",
    },
    "api_method_not_allowed": {
        "zh": "该地址只接受 {allowed} 请求",
        "en": "This address accepts only {allowed} requests",
    },
    "api_audit_unavailable": {
        "zh": "审计记录无法写入，暂不提供数据；请联系管理员检查账户数据库",
        "en": (
            "The audit record cannot be written, so no data is served; "
            "ask the administrator to check the accounts database"
        ),
    },
    "api_internal": {
        "zh": "服务器内部错误，已记录在服务器日志中",
        "en": "Internal server error; it has been written to the server's log",
    },
}
