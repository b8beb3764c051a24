"""XLSX templates the staff who hold the figures fill in, one per input table or one with all of them
(``docs/templates.md``): Chinese headers with the English codes beneath, an instructions sheet, drop-downs,
number formats, and for a region its units' codes and names pre-filled. ``chuangye template`` and
``GET /api/v1/templates/<table>.xlsx`` make them; the reader (``chuangye/data/tables.py``) takes them back."""

from chuangye.exports.templates.build import TemplateFile, build_template
from chuangye.exports.templates.request import (
    ALL,
    TEMPLATE_TABLES,
    TemplateError,
    checked_region,
    checked_year,
    known_tables,
    region_scope,
    table_of,
    template_years,
)

__all__ = [
    "ALL",
    "TEMPLATE_TABLES",
    "TemplateError",
    "TemplateFile",
    "build_template",
    "checked_region",
    "checked_year",
    "known_tables",
    "region_scope",
    "table_of",
    "template_years",
]
