"""What a template is asked for: which table (or all), the region pre-filled, the year; checked the same way for
the command line and the API, each refusal a :class:`TemplateError` in Chinese and English."""

from __future__ import annotations

from chuangye.data.headers import normalise_header
from chuangye.data.schema import TABLES
from chuangye.engine.manager import Analytics
from chuangye.engine.regions import RegionTree
from chuangye.engine.scope import Scope
from chuangye.strings.i18n import t

ALL = "all"
# the order of the sheets in the workbook with every table: who is where, then what is asked, then the figures
TEMPLATE_TABLES: tuple[str, ...] = ("regions", "units", "quotas", "indicator_inputs", "certifications")
PREFILLED_LEVELS = ("province", "city", "county")


class TemplateError(ValueError):
    """A template asked for wrongly: ``error`` for programs (unknown_table, unknown_region, not_a_region,
    bad_year), ``key`` and ``values`` its words (strings/templates.py)."""

    def __init__(self, error: str, key: str, **values: object) -> None:
        super().__init__(error)
        self.error, self.key, self.values = error, key, values

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.values)

    def __str__(self) -> str:
        return f"{self.message('zh')} / {self.message('en')}"


def known_tables() -> str:
    return ", ".join([*TEMPLATE_TABLES, ALL])


def table_of(name: str) -> str:
    """``all`` or the table ``name`` means: its code, its Chinese name or an accepted file name, exactly."""
    key = normalise_header(name)
    if key == ALL:
        return ALL
    for table in TEMPLATE_TABLES:
        spec = TABLES[table]
        if key in {normalise_header(spelling) for spelling in (spec.name, spec.zh, *spec.file_names)}:
            return table
    raise TemplateError("unknown_table", "tpl_err_unknown_table", table=name[:60], known=known_tables())


def template_years(an: Analytics) -> list[int]:
    """The years a template may be pre-filled for: the data's years and the one after them (the figures of a
    year are gathered after it ends, so the next year's template comes before its data)."""
    years = sorted(an.years) or list(range(an.cfg.base_year, an.cfg.target_year + 1))
    return [*years, years[-1] + 1]


def checked_year(an: Analytics, year: int | str | None) -> int:
    """``year`` (a number, or a text as typed), or the data's latest year when None or empty; a year outside
    ``template_years`` is refused, naming what was given."""
    years = template_years(an)
    text = str(year).strip() if year is not None else ""
    if not text:
        return years[-2]
    if not (text.isdigit() and int(text) in years):
        raise TemplateError("bad_year", "tpl_err_bad_year", year=text[:20], first=years[0], last=years[-1])
    return int(text)


def checked_region(tree: RegionTree, code: str) -> str:
    """``code`` when it is the province, a city or a county-level area of ``tree`` (the whole version's)."""
    level = tree.level_of(code)
    if level is None:
        if code.isdigit() and len(code) > 6:
            raise TemplateError("not_a_region", "tpl_err_not_a_region", code=code[:20])
        raise TemplateError("unknown_region", "tpl_err_unknown_region", code=code[:20])
    if level not in PREFILLED_LEVELS:
        raise TemplateError("not_a_region", "tpl_err_not_a_region", code=code)
    return code


def region_scope(tree: RegionTree, region: str) -> Scope:
    """The scope of the user a region's template is for: a city's or county's own, the province's everything."""
    level = tree.level_of(region)
    if level in ("city", "county"):
        return Scope(level, region)  # type: ignore[arg-type]
    return Scope.everything()


__all__ = [
    "ALL",
    "TEMPLATE_TABLES",
    "TemplateError",
    "checked_region",
    "checked_year",
    "known_tables",
    "region_scope",
    "table_of",
    "template_years",
]
