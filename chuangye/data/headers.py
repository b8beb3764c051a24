"""How a user may spell things: headers (Chinese or English, full-width, with units or a '*') matched to the schema's
columns, file and sheet names matched to tables, and the accepted spellings of booleans and categories."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from chuangye.data.schema import TABLES, UNIT_TYPE_LABELS, UNIT_TYPE_ZH_ALIASES, Table

# How a template's dropdowns write each choice: the Chinese word, then the code (chuangye/exports/templates/);
# the reader takes them back like any other spelling.
CHOICE_WORDS_ZH: dict[str, dict[str, str]] = {
    "unit_type": {code: labels["zh"] for code, labels in UNIT_TYPE_LABELS.items()},
    "stage": {
        "declared": "自主申报",
        "county_evaluated": "县级评估",
        "city_reviewed": "市级审核",
        "certified": "省级认定",
        "rejected": "未通过",
    },
    "level": {"province": "省", "city": "设区市", "county": "县(市、区)"},
    "park_level": {"national": "国家级", "provincial": "省级"},
}
BOOL_WORDS_ZH: dict[bool, str] = {True: "是", False: "否"}


def choice_label(zh: str, code: str) -> str:
    """A dropdown item of a template: ``街道(乡镇) street_town``."""
    return f"{zh} {code}"


def bool_label(value: bool) -> str:
    return choice_label(BOOL_WORDS_ZH[value], "true" if value else "false")


BOOL_TRUE = ("true", "1", "是", "y", "yes", "t", "√", bool_label(True))
BOOL_FALSE = ("false", "0", "否", "n", "no", "f", "×", bool_label(False))

# Chinese (and loose English) spellings accepted for category columns, keyed by column name.
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "unit_type": {
        **{code: code for code in UNIT_TYPE_LABELS},
        **UNIT_TYPE_ZH_ALIASES,
        **{labels["zh"]: code for code, labels in UNIT_TYPE_LABELS.items()},
        **{labels["en"]: code for code, labels in UNIT_TYPE_LABELS.items()},
        "乡镇": "street_town",
        "镇": "street_town",
        "乡": "street_town",
        "街道乡镇": "street_town",
        "社区": "community_village",
        "村": "community_village",
    },
    "stage": {
        "declared": "declared",
        "自主申报": "declared",
        "申报": "declared",
        "已申报": "declared",
        "county_evaluated": "county_evaluated",
        "县级评估": "county_evaluated",
        "县评估": "county_evaluated",
        "city_reviewed": "city_reviewed",
        "市级审核": "city_reviewed",
        "市审核": "city_reviewed",
        "certified": "certified",
        "省级认定": "certified",
        "已认定": "certified",
        "认定": "certified",
        "rejected": "rejected",
        "未通过": "rejected",
        "不予认定": "rejected",
        "未认定": "rejected",
    },
    "level": {
        "province": "province",
        "省": "province",
        "省级": "province",
        "city": "city",
        "市": "city",
        "市级": "city",
        "设区市": "city",
        "地级市": "city",
        "county": "county",
        "县": "county",
        "县级": "county",
        "县(市、区)": "county",
        "县(市,区)": "county",
    },
    "park_level": {
        "national": "national",
        "国家级": "national",
        "国家": "national",
        "provincial": "provincial",
        "省级": "provincial",
        "省": "provincial",
    },
}
for _column, _words in CHOICE_WORDS_ZH.items():
    CHOICE_ALIASES[_column].update({choice_label(zh, code): code for code, zh in _words.items()})

_WHITESPACE = re.compile(r"\s+")
_TRAILING_UNIT = re.compile(r"\([^()]*\)$")  # "劳动年龄人口(人)" -> "劳动年龄人口"
_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"})


def normalise_header(text: object) -> str:
    """Fold full-width forms, brackets, whitespace, case and a trailing required-marker '*'."""
    s = unicodedata.normalize("NFKC", str(text)).translate(_BRACKETS)
    s = _WHITESPACE.sub("", s).strip("*").lower()
    return s


def _header_lookup(table: Table) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for col in table.columns:
        for spelling in (col.name, col.zh, *col.aliases):
            lookup.setdefault(normalise_header(spelling), col.name)
    return lookup


HEADER_LOOKUP: dict[str, dict[str, str]] = {name: _header_lookup(t) for name, t in TABLES.items()}


# A template's columns shown only to help the person filling it in (a unit's name beside its code) end in one of
# these; they are never data, whatever the rest of the header says.
REFERENCE_SUFFIXES = ("(参考)", "(reference)")
# Sheets of a workbook that hold no table: a template's instructions.
INSTRUCTION_SHEETS = ("说明", "填表说明", "instructions")


def reference_header(zh: str) -> str:
    """The Chinese header of a template's reference column: ``单位名称（参考）``."""
    return f"{zh}（参考）"


def reference_code(code: str) -> str:
    """The English code of a reference column, in a template's second header row: ``unit_name (reference)``."""
    return f"{code} (reference)"


def is_reference_header(header: object) -> bool:
    return normalise_header(header).endswith(REFERENCE_SUFFIXES)


def is_instruction_sheet(name: str | None) -> bool:
    return name is not None and normalise_header(name) in INSTRUCTION_SHEETS


def match_header(table: str, header: object) -> str | None:
    """The canonical column a header means in ``table``, or None (a template's reference column is none)."""
    lookup = HEADER_LOOKUP[table]
    key = normalise_header(header)
    if key.endswith(REFERENCE_SUFFIXES):
        return None
    if key in lookup:
        return lookup[key]
    without_unit = _TRAILING_UNIT.sub("", key)
    return lookup.get(without_unit) if without_unit != key else None


def table_from_name(name: str) -> str | None:
    """The table a file stem or sheet name refers to: exact name first, then the longest name it starts with."""
    key = normalise_header(name)
    best: tuple[int, str] | None = None
    for table in TABLES.values():
        for spelling in (table.name, table.zh, *table.file_names):
            candidate = normalise_header(spelling)
            if key == candidate:
                return table.name
            is_prefix = key.startswith(candidate) and not re.match(r"[a-z]", key[len(candidate) :])
            if is_prefix and (best is None or len(candidate) > best[0]):
                best = (len(candidate), table.name)
    return best[1] if best else None


def tables_from_headers(headers: Sequence[object]) -> list[str]:
    """Tables whose headers fit best: most recognised columns, all key columns present; ties are all returned."""
    scores: dict[str, int] = {}
    for name, table in TABLES.items():
        matched = {match_header(name, h) for h in headers} - {None}
        if set(table.key) <= matched:
            scores[name] = len(matched)
    if not scores:
        return []
    top = max(scores.values())
    return [name for name, score in scores.items() if score == top]
