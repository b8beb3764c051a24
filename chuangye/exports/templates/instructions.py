"""The instructions sheet (说明 / Instructions): what the template is for, how to fill it in, and every column of
its data sheets (header, code, required, type, unit, allowed values, limits, meaning), in Chinese and English,
the template's language first. The reader skips this sheet (``chuangye/data/headers.is_instruction_sheet``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from chuangye.data.limits import READ_LIMITS, size_text
from chuangye.data.schema import TABLES
from chuangye.exports.templates.layout import TemplateColumn, sheet_columns
from chuangye.strings.i18n import t

HOWTO = (
    "tpl_howto_headers",
    "tpl_howto_required",
    "tpl_howto_codes",
    "tpl_howto_choices",
    "tpl_howto_prefilled",
    "tpl_howto_plain",
    "tpl_howto_limits",
    "tpl_howto_upload",
)
COLUMN_HEADINGS = (
    "tpl_col_table",
    "tpl_col_header",
    "tpl_col_code",
    "tpl_col_required",
    "tpl_col_type",
    "tpl_col_unit",
    "tpl_col_values",
    "tpl_col_limits",
)


@dataclass(frozen=True)
class Line:
    """One row of the sheet: its cells from column A, and how it looks."""

    cells: tuple[str, ...]
    kind: str = "text"  # title, subtitle, label, heading, table_header, text, muted


def other(lang: str) -> str:
    return "zh" if lang == "en" else "en"


def both(key: str, lang: str, **values: object) -> str:
    """``key`` in the template's language, then in the other: ``说明 / Instructions``."""
    return f"{t(key, lang, **values)} / {t(key, other(lang), **values)}"


def instruction_lines(tables: Mapping[str, str], meta: list[tuple[str, str]], lang: str) -> Iterator[Line]:
    """The sheet, row by row; ``tables`` maps each table to its sheet's name, ``meta`` the (label key, value)
    pairs of what this template holds."""
    yield Line((t("tpl_title", lang),), "title")
    yield Line((t("tpl_title", other(lang)),), "subtitle")
    yield Line(())
    for key, value in meta:
        yield Line((both(key, lang), value), "label")
    yield Line(())
    yield Line((both("tpl_howto_heading", lang),), "heading")
    limits = {
        "file_size": size_text(READ_LIMITS.max_file_bytes),
        "rows": f"{READ_LIMITS.max_rows:,}",
        "columns": READ_LIMITS.max_columns,
    }
    for number, key in enumerate(HOWTO, start=1):
        yield Line((f"{number}.", t(key, lang, **limits)))
        yield Line(("", t(key, other(lang), **limits)), "muted")
    yield Line(())
    yield Line((both("tpl_columns_heading", lang),), "heading")
    meanings = ("tpl_col_meaning_zh", "tpl_col_meaning_en")
    if lang == "en":
        meanings = meanings[::-1]
    headings = (*COLUMN_HEADINGS, *meanings)
    yield Line(tuple(both(key, lang) for key in headings), "table_header")
    for table, sheet in tables.items():
        for column in sheet_columns(table):
            yield Line(column_row(sheet, column, lang))


def column_row(sheet: str, column: TemplateColumn, lang: str) -> tuple[str, ...]:
    col = column.column
    if col is None:
        meaning = (t("tpl_reference_only", "zh"), t("tpl_reference_only", "en"))
        cells = (sheet, column.header, column.code, both("tpl_no", lang), both("tpl_type_text", lang), "", "", "")
    else:
        meaning = (col.description_zh, col.description_en)
        unit = both(f"tpl_unit_{col.unit}", lang) if col.unit else ""
        cells = (
            sheet,
            column.header,
            column.code,
            both("tpl_yes" if col.required else "tpl_no", lang),
            both(f"tpl_type_{col.type}", lang),
            unit,
            t("tpl_list_separator", lang).join(column.choices),
            limits_text(column, lang),
        )
    return (*cells, *(meaning if lang == "zh" else meaning[::-1]))


def limits_text(column: TemplateColumn, lang: str) -> str:
    """What a cell of the column may hold beyond its type: code lengths, a number's range, a text's length."""
    col = column.column
    if col is None:
        return ""
    parts: list[str] = []
    if col.type == "code" and col.code_length:
        parts.append(t("tpl_limit_digits", lang, lengths=one_of([str(n) for n in col.code_length], lang)))
    if col.type in ("int", "float") and col.min_value is not None:
        low, high = _number(col.min_value), _number(col.max_value)
        key = "tpl_limit_range" if col.max_value is not None else "tpl_limit_at_least"
        parts.append(t(key, lang, low=low, high=high))
    if col.type == "date":
        parts.append(t("tpl_limit_date", lang))
    if col.type in ("text", "code"):
        parts.append(t("tpl_limit_chars", lang, n=column.max_chars))
    return "; ".join(parts) if lang == "en" else "；".join(parts)


def one_of(items: list[str], lang: str) -> str:
    """``6、9 或 12`` / ``6, 9 or 12``."""
    if len(items) < 2:
        return "".join(items)
    return t("tpl_one_of", lang, some=t("tpl_list_separator", lang).join(items[:-1]), last=items[-1])


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def table_label(table: str, lang: str) -> str:
    spec = TABLES[table]
    return f"{spec.zh}（{spec.name}）" if lang == "zh" else f"{spec.name} ({spec.zh})"


__all__ = ["Line", "both", "instruction_lines", "limits_text", "table_label"]
