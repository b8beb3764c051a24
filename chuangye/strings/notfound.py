"""Strings of the page a URL that names no page shows (404)."""

NOT_FOUND: dict[str, dict[str, str]] = {
    "nf_title": {"zh": "找不到这个页面", "en": "Page not found"},
    "nf_code": {"zh": "404 · 页面不存在", "en": "404 · No such page"},
    "nf_text": {
        "zh": "这个地址不是看板中的页面：链接可能有误，或页面已改名。",
        "en": "This address is not a page of the dashboard: the link may be mistyped, or the page renamed.",
    },
    "nf_address": {"zh": "您打开的地址：", "en": "The address you opened: "},
    "nf_back": {"zh": "返回总览", "en": "Back to the overview"},
    "nf_pages": {"zh": "或打开：", "en": "Or open:"},
}
