"""The columns of a template's data sheet: the schema's columns of the table (``chuangye/data/schema.py``), in
its order, with reference columns (a unit's name, type, county and street/town; a city's name) beside the key
so that a pre-filled row can be checked at a glance. Each column knows its Excel number format, its
drop-down list and its limits; the reader (``chuangye/data/tables.py``) reads them back."""

from __future__ import annotations

from dataclasses import dataclass

from chuangye.data.headers import (
    BOOL_WORDS_ZH,
    CHOICE_WORDS_ZH,
    bool_label,
    choice_label,
    reference_code,
    reference_header,
)
from chuangye.data.schema import TABLES, Column, max_chars
from chuangye.strings.i18n import t

TEXT_FORMAT = "@"  # Excel's "Text": what is typed stays as typed, leading digits included
NUMBER_FORMATS = {"int": "#,##0", "year": "0", "float": "0.000000", "date": "yyyy-mm-dd"}

# reference column key -> the words of its header (strings/templates.py)
REFERENCES: dict[str, str] = {
    "unit_name": "tpl_ref_unit_name",
    "unit_type": "tpl_ref_unit_type",
    "county": "tpl_ref_county",
    "township": "tpl_ref_township",
    "city": "tpl_ref_city",
}
# after which column of a table its reference columns come
REFERENCE_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "indicator_inputs": ("unit_code", ("unit_name", "unit_type", "county", "township")),
    "certifications": ("unit_code", ("unit_name", "unit_type", "county", "township")),
    "quotas": ("city_code", ("city",)),
}


@dataclass(frozen=True)
class TemplateColumn:
    key: str  # the schema column, or ``ref:<reference>`` for a reference column
    header: str  # row 1: the Chinese header (``*`` marks a required column)
    code: str  # row 2: the English code the reader matches
    column: Column | None = None  # the schema's column; None for a reference column

    @property
    def is_reference(self) -> bool:
        return self.column is None

    @property
    def required(self) -> bool:
        return self.column is not None and self.column.required

    @property
    def number_format(self) -> str:
        col = self.column
        if col is None or col.type in ("code", "text", "bool", "category"):
            return TEXT_FORMAT
        if col.type == "int":
            return NUMBER_FORMATS["year" if col.unit == "year" else "int"]
        return NUMBER_FORMATS[col.type]

    @property
    def choices(self) -> tuple[str, ...]:
        """The drop-down list: each allowed value as the Chinese word with its code (``街道(乡镇) street_town``)."""
        col = self.column
        if col is None:
            return ()
        if col.type == "bool":
            return tuple(bool_label(value) for value in BOOL_WORDS_ZH)
        words = CHOICE_WORDS_ZH.get(col.name, {})
        return tuple(choice_label(words.get(code, code), code) for code in col.choices)

    @property
    def max_chars(self) -> int | None:
        return None if self.column is None else max_chars(self.column)


def _schema_column(col: Column) -> TemplateColumn:
    header = f"{col.zh}（{t(f'tpl_unit_{col.unit}', 'zh')}）" if col.unit and col.unit != "year" else col.zh
    return TemplateColumn(col.name, header + (" *" if col.required else ""), col.name, col)


def _reference_column(key: str) -> TemplateColumn:
    words = REFERENCES[key]
    return TemplateColumn(f"ref:{key}", reference_header(t(words, "zh")), reference_code(key))


def sheet_columns(table: str) -> list[TemplateColumn]:
    """The columns of ``table``'s data sheet, left to right."""
    after, references = REFERENCE_COLUMNS.get(table, ("", ()))
    columns: list[TemplateColumn] = []
    for col in TABLES[table].columns:
        columns.append(_schema_column(col))
        if col.name == after:
            columns.extend(_reference_column(key) for key in references)
    return columns


__all__ = ["REFERENCES", "TEXT_FORMAT", "TemplateColumn", "sheet_columns"]
