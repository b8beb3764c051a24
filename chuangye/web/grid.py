"""One column spec for every AG Grid: it writes the grid's columnDefs and tells the exports the number format.

    COLUMNS = (
        GridColumn("name", "dd_col_name", options={"minWidth": 112, "flex": 2}),
        GridColumn("coverage", "dd_col_coverage", "percent", {"width": 82}),
    )
    dag.AgGrid(columnDefs=column_defs(COLUMNS, lang), dashGridOptions=grid_options(lang), ...)

A column's ``kind`` becomes its AG Grid column ``type``; ``COLUMN_TYPES`` (in every grid's options) gives each
kind its formatter from ``assets/grid.js`` (the ``dashAgGridFunctions`` namespace) and its alignment.
assets/exports.js sends the type with the grid's columns, and ``export_format`` turns it into the workbook's
number format: a percentage stays a number shown as 0.0 %, never the text "81.3%". A column whose formatter
writes more than the number ("3/4", "2 / 13") is of kind ``"text"``: the export takes the grid's text.

Nothing is cut: a number column is never narrower than its widest text ("100.0%", "−100.0", "≥ 100.0%"), a
header wraps at spaces only and its column is never narrower than its longest word in the page's language,
and a text column's cells wrap (the row grows) instead of ending in "…".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal, get_args

from chuangye.exports.tables import Format
from chuangye.strings.grid import AG_GRID
from chuangye.strings.i18n import t

Kind = Literal["text", "int", "percent", "points", "decimal"]
KINDS: tuple[str, ...] = get_args(Kind)
NUMERIC_KINDS: tuple[str, ...] = ("int", "percent", "points", "decimal")

# assets/grid.js: "—" for a missing value, otherwise .1% / +.1f / thousands separators / .1f
FORMATTERS: dict[str, str] = {
    "int": "chuangyeInt(params)",
    "percent": "chuangyePercent(params)",
    "points": "chuangyePoints(params)",
    "decimal": "chuangyeDecimal(params)",
}
RIGHT_CELL = "ag-right-aligned-cell"
RIGHT_HEADER = "ag-right-aligned-header"

# ------------------------------------------------------------------------------------------------- widths
# Text widths in the grids' 14 px font, from DejaVu Sans's advance widths (thousandths of an em; the widest
# sans a grid falls back to here: Noto Sans CJK, IBM Plex Sans, Segoe UI and Microsoft YaHei are narrower, so an
# estimate is never short). Any other character (Chinese, full-width punctuation, ✔) counts a full em.
FONT_PX = 14
CELL_PADDING_PX = 34  # a cell's 15 px padding and 1 px border on each side, and 2 px to spare
HEADER_PADDING_PX = 34  # a header's 16 px padding on each side, and 2 px to spare (the sort arrow wraps below)
_ASCII_WIDTHS = (
    318,
    401,
    460,
    838,
    637,
    951,
    780,
    275,
    391,
    391,
    500,
    838,
    318,
    361,
    318,
    337,
    637,
    637,
    637,
    637,
    637,
    637,
    637,
    637,
    637,
    637,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    685,
    687,
    699,
    771,
    632,
    576,
    775,
    752,
    295,
    295,
    656,
    558,
    863,
    749,
    788,
    604,
    788,
    695,
    635,
    611,
    732,
    685,
    989,
    686,
    611,
    686,
    391,
    337,
    391,
    838,
    500,
    500,
    613,
    635,
    550,
    635,
    616,
    353,
    635,
    634,
    278,
    278,
    580,
    278,
    975,
    634,
    612,
    635,
    635,
    412,
    521,
    393,
    634,
    592,
    818,
    592,
    592,
    525,
    637,
    337,
    637,
    838,
)  # " " (32) to "~" (126)
_EM_BY_CHAR = {chr(32 + i): width / 1000 for i, width in enumerate(_ASCII_WIDTHS)} | {"−": 0.838, "≥": 0.838}
# the widest text each formatter of assets/grid.js writes; a plain whole number is a year, a plain text a date
WIDEST: dict[str, str] = {
    "chuangyePercent": "100.0%",
    "chuangyeIndicator": "100.00%",
    "chuangyePoints": "−100.0",
    "chuangyeDecimal": "−100.0",
    "chuangyeInt": "99,999",
    "chuangyeAtLeast": "≥ 100.00%",
    "chuangyeOutOf": "99 / 99",
    "chuangyePlain:int": "2020",
    "chuangyePlain:text": "2020-12-31",
}


def char_em(char: str) -> float:
    return _EM_BY_CHAR.get(char, 1.0)


def text_px(text: str) -> int:
    """The estimated width of ``text`` in the grids' font, in whole pixels (rounded up)."""
    return -int(-sum(char_em(c) for c in text) * FONT_PX // 1)


def unbreakable_parts(text: str) -> list[str]:
    """What a line never breaks inside: a run of Latin letters, digits and signs is a word; Chinese breaks
    between any two characters, but keeps a punctuation mark with its neighbour (so two characters count)."""
    parts: list[str] = []
    for token in text.split():
        run = ""
        for char in token:
            if char.isascii():
                run += char
                continue
            if run:
                parts.append(run)
                run = ""
            parts.append(char * 2)
        if run:
            parts.append(run)
    return parts


def header_min_width(header: str) -> int:
    """The narrowest column whose header keeps its longest word whole."""
    return max((text_px(part) for part in unbreakable_parts(header)), default=0) + HEADER_PADDING_PX


def cell_min_width(text: str) -> int:
    """The narrowest column that shows ``text`` on one line, uncut."""
    return text_px(text) + CELL_PADDING_PX


WORD_WIDTH_CAP_PX = 240  # a longer "word" (a run of Latin letters without a space) may break: rare, and wider hurts


def word_min_width(texts: Iterable[str]) -> int:
    """The narrowest column in which a wrapped cell of ``texts`` breaks only between words, never inside one
    (English names such as "Lianyungang City" broke as "Lianyunga / ng City" on a phone)."""
    widest = max((text_px(part) for text in texts if text for part in unbreakable_parts(str(text))), default=0)
    return min(widest + CELL_PADDING_PX, WORD_WIDTH_CAP_PX)


def widen_for_words(defs: list[dict], column: str, texts: Iterable[str]) -> list[dict]:
    """``defs`` with the column whose colId (or field) is ``column`` at least as wide as ``texts``' longest word."""
    needed = word_min_width(texts)
    return [
        {**d, "minWidth": max(d.get("minWidth", 0), needed)} if d.get("colId", d.get("field")) == column else d
        for d in defs
    ]


def _function_name(formatter: object) -> str | None:
    if isinstance(formatter, Mapping) and isinstance(formatter.get("function"), str):
        return formatter["function"].split("(")[0].strip()
    return None


def widest_text(kind: str, options: Mapping[str, Any]) -> str | None:
    """The widest text a column of ``kind`` with these colDef options shows, when its formatter is known."""
    name = _function_name(options.get("valueFormatter")) or _function_name(
        {"function": FORMATTERS[kind]} if kind in FORMATTERS else None
    )
    if name == "chuangyePlain":
        name = f"chuangyePlain:{'int' if kind == 'int' else 'text'}"
    return WIDEST.get(name or "")


# Every column type wraps its header at spaces (the height follows); a number column is never narrower than
# its kind's widest text; a text column's cells wrap and the row grows (assets/10-app.css spaces the lines).
WRAPPED_HEADER = {"wrapHeaderText": True, "autoHeaderHeight": True}
COLUMN_TYPES: dict[str, dict] = {
    "text": {**WRAPPED_HEADER, "wrapText": True, "autoHeight": True},
    **{
        kind: {
            **WRAPPED_HEADER,
            "valueFormatter": {"function": formatter},
            "cellClass": RIGHT_CELL,
            "headerClass": RIGHT_HEADER,
            "minWidth": cell_min_width(WIDEST[formatter.split("(")[0]]),
        }
        for kind, formatter in FORMATTERS.items()
    },
}

_EXPORT_FORMATS: dict[str, Format] = {
    "text": "text",
    "int": "int",
    "percent": "percent",
    "points": "points",
    "decimal": "decimal",
}


def _with_class(extra: object, base: str) -> object:
    """A column's own cellClass/headerClass next to the kind's alignment class (a colDef's key replaces the
    type's, so the two are joined here)."""
    if isinstance(extra, str):
        return f"{base} {extra}"
    if isinstance(extra, list):
        return [base, *extra]
    return extra  # a function ({"function": ...}) decides on its own


@dataclass(frozen=True)
class GridColumn:
    field: str
    header: str  # a strings key, translated with t()
    kind: Kind = "text"
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # extra colDef keys
    # the texts a column of words shows, when it is a code's few labels (a status): kept whole on one line
    shows: Callable[[str], Iterable[str]] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown grid column kind {self.kind!r}")

    def column_def(self, lang: str) -> dict:
        definition: dict[str, Any] = {"field": self.field, "headerName": t(self.header, lang), "type": self.kind}
        definition.update(self.options)
        if self.kind in NUMERIC_KINDS:
            for key, base in (("cellClass", RIGHT_CELL), ("headerClass", RIGHT_HEADER)):
                if key in self.options:
                    definition[key] = _with_class(self.options[key], base)
        # AG Grid widens a narrower "width" to the minWidth; the kind's own (its type's) fits its widest number
        minimum, own = self.min_width(lang), self.options.get("minWidth")
        if (minimum > own) if own is not None else (minimum != COLUMN_TYPES[self.kind].get("minWidth", 0)):
            definition["minWidth"] = minimum
        return definition

    def min_width(self, lang: str) -> int:
        """The narrowest this column may be in ``lang``: its longest header word whole, its widest known text
        (a number's, or a label's) uncut."""
        texts = list(self.shows(lang)) if self.shows else []
        widest = widest_text(self.kind, self.options)
        texts += [widest] if widest else []
        return max([header_min_width(t(self.header, lang)), *(cell_min_width(text) for text in texts)])

    def with_options(self, **options: Any) -> GridColumn:
        """The same column with more (or other) colDef keys."""
        return replace(self, options=MappingProxyType({**self.options, **options}))


def column_defs(columns: Sequence[GridColumn], lang: str) -> list[dict]:
    return [column.column_def(lang) for column in columns]


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's own texts in ``lang`` (strings/grid.py): overlays, pager, filter menu, screen-reader words."""
    locale = {key.removeprefix("ag_"): t(key, lang) for key in AG_GRID}
    locale["noRowsToShow"] = t("grid_no_rows", lang)
    return locale


def grid_options(lang: str, **extra: Any) -> dict:
    """The dashGridOptions every grid shares: the column types and AG Grid's own texts in ``lang``.

    ``extra`` adds or replaces options; its ``localeText`` is merged into the shared one."""
    options: dict[str, Any] = {"columnTypes": COLUMN_TYPES, "localeText": grid_locale(lang)}
    locale = extra.pop("localeText", None)
    options.update(extra)
    if locale:
        options["localeText"] = {**grid_locale(lang), **locale}
    return options


def export_format(kind: str | None) -> Format | None:
    """The workbook number format (``ColumnSpec.fmt``) of a column kind; None for a type that is not a kind."""
    return _EXPORT_FORMATS.get(kind or "")


__all__ = [
    "COLUMN_TYPES",
    "FORMATTERS",
    "KINDS",
    "NUMERIC_KINDS",
    "WIDEST",
    "GridColumn",
    "Kind",
    "cell_min_width",
    "column_defs",
    "export_format",
    "grid_locale",
    "grid_options",
    "header_min_width",
    "text_px",
]
