"""Strings of who sees what: the notice a page shows for a region or unit outside the user's area, and the refusal
of a download about one (issue 9)."""

ACCESS: dict[str, dict[str, str]] = {
    "acc_title": {"zh": "不在您的查看范围内", "en": "Outside the area you may see"},
    "acc_text": {
        "zh": "这个页面所指的地区或单位不在您账号的查看范围内。您可以查看{home}的各地区和单位；"
        "其他设区市只显示市级汇总数字。",
        "en": "The region or unit this page names is outside the area your account may see. You see the "
        "regions and units of {home}; of other cities, only their city-level totals.",
    },
    "acc_text_county": {
        "zh": "这个页面所指的地区或单位不在您账号的查看范围内。您可以查看{home}的街道(乡镇)、社区(村)和园区；"
        "{city}的其他县(市、区)只显示县级汇总数字，其他设区市只显示市级汇总数字。",
        "en": "The region or unit this page names is outside the area your account may see. You see the "
        "streets/towns, communities/villages and parks of {home}; of the other counties of {city}, only their "
        "county totals; of other cities, only their city-level totals.",
    },
    "acc_back": {"zh": "返回{home}", "en": "Back to {home}"},
    "acc_overview": {"zh": "打开总览", "en": "Open the overview"},
    "acc_export_refused": {
        "zh": "不在您的查看范围内：只能导出本地区的文件。",
        "en": "Outside the area you may see: files can be exported only for your own area.",
    },
}
