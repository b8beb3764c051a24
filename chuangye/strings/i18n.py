"""Every user-facing string in Simplified Chinese and English: the one place to translate.

``t("key", lang, **values)`` formats the string; Chinese is the default language.
"""

from __future__ import annotations

from typing import Literal

from chuangye.strings import collect_strings

Lang = Literal["zh", "en"]
DEFAULT_LANG: Lang = "zh"

STRINGS: dict[str, dict[str, str]] = collect_strings()


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def bilingual(key: str, **values: object) -> str:
    """``中文 / English`` for places with no language switch (CLI output, logs)."""
    return f"{t(key, 'zh', **values)} / {t(key, 'en', **values)}"


def data_source(lang: str = DEFAULT_LANG, synthetic: bool = True) -> str:
    """The source line of footers, exports and reports; "sample data is synthetic" only when ``synthetic`` (the
    data version's manifest says a table is sample data: ``Dataset.synthetic``)."""
    source = t("footer_source", lang)
    return t("data_source_synthetic", lang, source=source) if synthetic else source


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    """The words for a progress status code from the engine (``on_track`` -> 进度正常 / On track)."""
    return t(f"status_{status}", lang)
