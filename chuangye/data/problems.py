"""Problems found in input data, with their messages in Chinese and English.

Every message a user can see about their data is written here, once, in both languages, so that readers,
validation and the store speak with one voice. A :class:`Problem` always names the file, the row the user
sees in Excel/WPS (header = row 1), the column, the offending value and what is wrong.

Root causes come first: a problem that makes other rows fail (an unknown code in ``regions.csv`` that 70 units
name, a street moved to another county under which its villages no longer fit) carries those rows' problems
*folded* under it: counted in its message ("and 70 rows depending on it") and, when every problem is listed,
listed right after it, each naming the row it follows from (``fold_under``, ``caused_by``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

from chuangye.data.cells import shown_value
from chuangye.strings.problems import FOLD_TEXTS
from chuangye.strings.problems import PROBLEM_MESSAGES as MESSAGES
from chuangye.strings.problems import PROBLEM_TITLES as TITLES

Severity = Literal["error", "warning"]
# How many problems get listed one by one, per (file, check) and in all; the rest are counted in a summary.
LIST_PER_GROUP = 50
LIST_TOTAL = 500
# A file that could not be read at all: its problem is the cause of whatever else goes wrong, listed first.
FILE_FAILURES = frozenset(
    {
        "unreadable_file",
        "unsupported_format",
        "file_too_large",
        "too_many_rows",
        "too_many_columns",
        "xlsx_encrypted",
        "zip_encrypted",
        "zip_too_large",
        "zip_ratio",
        "encoding_unknown",
        "encoding_doubtful",
        "csv_unclosed_quote",
    }
)
# A cell the reader could not take is reported once, as what it is; what checks then say about its missing
# value on the same cell (e.g. "required value is empty") is left out.
CELL_FAILURES = frozenset({"text_too_long", "forbidden_character", "xlsx_merged_cell", "xlsx_formula_without_value"})


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    check: str
    message_zh: str
    message_en: str
    severity: Severity = "error"
    # how many problems of other rows follow from this one (a root cause), counted in its message
    folded: int = 0
    # for a problem listed under its root cause: the root's file and row
    cause: tuple[str, int | None] | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_root(self) -> bool:
        return self.folded > 0

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


def make_problem(
    check: str,
    *,
    file: str,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    severity: Severity | None = None,
    **params: object,
) -> Problem:
    """Build a Problem from the bilingual template of ``check``; ``params`` fill the template."""
    default_severity, zh, en = MESSAGES[check]
    text_value = None if value is None else shown_value(str(value))
    fields = {"value": text_value, "column": column, **params}
    return Problem(
        file=file,
        row=row,
        column=column,
        value=text_value,
        check=check,
        message_zh=zh.format(**fields),
        message_en=en.format(**fields),
        severity=severity or default_severity,  # type: ignore[arg-type]
    )


def format_problem(p: Problem, lang: str = "zh") -> str:
    """One line naming file, row, column, value and the problem, in ``lang`` ("zh" or "en")."""
    if lang == "en":
        parts = [p.file]
        if p.row is not None:
            parts.append(f"row {p.row}")
        if p.column:
            parts.append(f"column {p.column}")
        if p.value is not None and p.check != "more_problems":
            parts.append(f"value '{p.value}'")
        label = "Error" if p.is_error else "Warning"
        return f"{_indent(p)}{label}: {', '.join(parts)}: {p.message_en}"
    parts = [p.file]
    if p.row is not None:
        parts.append(f"第 {p.row} 行")
    if p.column:
        parts.append(f"列 {_column_with_zh(p.column, p.file)}")
    if p.value is not None and p.check != "more_problems":
        parts.append(f"值“{p.value}”")
    label = "错误" if p.is_error else "警告"
    return f"{_indent(p)}{label}：{'，'.join(parts)}：{p.message_zh}"


def _indent(p: Problem) -> str:
    """A problem listed under its root cause is drawn as a branch of it."""
    return "  └ " if p.cause is not None else ""


def _column_with_zh(column: str, file: str) -> str:
    """``column（中文表头）``, taking the Chinese header from the table the file name indicates when it can."""
    from chuangye.data.headers import table_from_name
    from chuangye.data.schema import TABLES

    stem = re.split(r"[\[（(]", Path(file).name)[0].rsplit(".", 1)[0]
    sheet = re.search(r"\[([^\]]+)\]$", file)  # a workbook's sheet, "data.xlsx[quotas]"
    guessed = (table_from_name(sheet.group(1)) if sheet else None) or (table_from_name(stem) if stem else None)
    tables = ([TABLES[guessed]] if guessed else []) + list(TABLES.values())
    for table in tables:
        for col in table.columns:
            if col.name == column:
                return f"{column}（{col.zh}）"
    return column


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def problems_to_records(problems: Iterable[Problem]) -> list[dict[str, object]]:
    """Plain dicts (e.g. for a data table in the UI or a CSV download)."""
    return [asdict(p) for p in problems]


def cap_problems(
    problems: Iterable[Problem],
    per_group: int = LIST_PER_GROUP,
    total: int = LIST_TOTAL,
    not_listed: Mapping[tuple[str, str, str], int] | None = None,
) -> list[Problem]:
    """Keep at most ``per_group`` problems per (file, check) and ``total`` overall: errors first, and among them
    files that could not be read at all first, then root causes (problems with others folded under them);
    a cell the reader could not take is reported by the reader only.

    What is left out, plus ``not_listed`` (counts per (file, check, severity) of problems a caller never
    built), is counted in one "more_problems" Problem per (file, check), so nothing is silently dropped;
    those summaries do not count towards ``total``. A summary's ``value`` is how many it stands for; its message
    names the kind of problem in words (``problem_title``) and the limits.
    """
    unique = _without_superseded(list(dict.fromkeys(problems)))
    ordered = sorted(
        unique,
        key=lambda p: (
            not p.is_error,
            p.check not in FILE_FAILURES,
            not p.is_root,
            p.file,
            p.row if p.row is not None else -1,
        ),
    )
    kept: list[Problem] = []
    left_out: dict[tuple[str, str, str], int] = dict(not_listed or {})
    per_key: dict[tuple[str, str], int] = {}
    for p in ordered:
        key = (p.file, p.check)
        per_key[key] = per_key.get(key, 0) + 1
        if per_key[key] > per_group or len(kept) >= total:
            summary_key = (p.file, p.check, p.severity)
            left_out[summary_key] = left_out.get(summary_key, 0) + 1
        else:
            kept.append(p)
    for (file, check, severity), count in sorted(left_out.items(), key=lambda item: item[0][2] != "error"):
        if count > 0:
            kept.append(_more_problems(file, check, severity, count, per_group, total))  # type: ignore[arg-type]
    return kept


def _without_superseded(problems: list[Problem]) -> list[Problem]:
    unreadable_cells = {(p.file, p.row, p.column) for p in problems if p.check in CELL_FAILURES}
    if not unreadable_cells:
        return problems
    return [p for p in problems if p.check in CELL_FAILURES or (p.file, p.row, p.column) not in unreadable_cells]


def problem_title(check: str, lang: str = "zh") -> str:
    """The kind of problem a check finds, in a few words ("单位缺少某些年度的数据")."""
    zh, en = TITLES.get(check, (check, check))
    return en if lang == "en" else zh


def not_listed_count(problems: Iterable[Problem]) -> int:
    """How many problems the "more_problems" summaries among ``problems`` stand for."""
    return sum(int(p.value or 0) for p in problems if p.check == "more_problems")


def _more_problems(file: str, check: str, severity: Severity, count: int, per_group: int, total: int) -> Problem:
    _, zh, en = MESSAGES["more_problems"]
    fields = {"count": count, "per_group": per_group, "total": total}
    return Problem(
        file=file,
        row=None,
        column=None,
        value=str(count),
        check="more_problems",
        message_zh=zh.format(title_zh=problem_title(check, "zh"), **fields),
        message_en=en.format(title_en=problem_title(check, "en"), **fields),
        severity=severity,
    )


def fold_under(
    root: Problem,
    consequences: Sequence[Problem] | Mapping[tuple[str, str], int],
    *,
    listed: bool,
    same_code: bool = False,
    hint: Mapping[str, str] | None = None,
) -> Problem:
    """``root`` with the problems that follow from it folded under it: their number and, per file and kind of
    problem, how many, added to its message (``listed``: they are listed right after it; else only counted).
    ``same_code``: they name the same unknown code as ``root`` rather than depend on its row. ``hint``: the
    ``replaced_hint`` fields (``missing``) when the root row probably held the code the others still name."""
    counts = consequences if isinstance(consequences, Mapping) else Counter((p.file, p.check) for p in consequences)
    count = sum(counts.values())
    kind = ("same_code" if same_code else "depending") + ("_listed" if listed else "_counted")
    texts = []
    for lang in (0, 1):
        items = [
            FOLD_TEXTS["breakdown_item"][lang].format(file=f, count=n, title=problem_title(c, ("zh", "en")[lang]))
            for (f, c), n in counts.items()
        ]
        extra = FOLD_TEXTS["replaced_hint"][lang].format(**hint) if hint else ""
        breakdown = FOLD_TEXTS["breakdown_separator"][lang].join(items)
        texts.append(extra + (FOLD_TEXTS[kind][lang].format(count=count, breakdown=breakdown) if count else ""))
    return replace(
        root,
        folded=root.folded + count,
        message_zh=root.message_zh + texts[0],
        message_en=root.message_en + texts[1],
    )


def caused_by(problem: Problem, root: Problem) -> Problem:
    """``problem`` as listed under its root cause ``root``: it names the root's file and row."""
    fields = {"file": root.file, "row": "—" if root.row is None else root.row}
    return replace(
        problem,
        cause=(root.file, root.row),
        message_zh=problem.message_zh + FOLD_TEXTS["caused_by"][0].format(**fields),
        message_en=problem.message_en + FOLD_TEXTS["caused_by"][1].format(**fields),
    )
