"""What an import changes, table by table, and when it needs the user's explicit say-so.

:func:`summarise_changes` compares the tables a new version would hold with the active version, row by row on
each table's key (``unit_code`` + ``year`` ...): a :class:`ChangeSummary` per table says how many rows are added,
changed (same key, other values) and removed. It is data (``as_dict``), so the command line prints it and an
upload page can show it and ask for a confirmation.

:func:`change_problems` turns the summaries into errors an import is refused for unless the user allows it
(:class:`Consent`): a table given with no rows (``allow_empty``), or one that deletes more than
``[imports] max_removed_share`` of the active version's rows of that table (``allow_shrink``). Rows of synthetic
sample data being replaced never count as lost. In a region import (``chuangye/data/regional.py``) the share is of
the rows the region's files replace (its units' rows for the years the files hold), not of the whole table: a
county's file that drops most of its own rows is refused though the province's table hardly shrinks.

Synthetic data is tracked per table in each version's manifest: the bundled sample imported on first use, tables
filled from it on request, and files that sit beside :data:`SYNTHETIC_MARKER` (which ``chuangye sample`` writes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from chuangye.data.problems import Problem, make_problem
from chuangye.data.schema import TABLES
from chuangye.strings.i18n import t

# The file `chuangye sample` writes beside its tables: tables read from a folder holding it are synthetic. Not a
# CSV/XLSX name, so reading the folder skips it.
SYNTHETIC_MARKER = "SYNTHETIC-SAMPLE.md"

Origin = Literal["file", "carried", "sample"]  # the user's file, the active version, the bundled sample


@dataclass(frozen=True)
class Consent:
    """What the user has explicitly allowed this import to do."""

    allow_empty: bool = False  # a given table with no rows empties that table
    allow_shrink: bool = False  # a given table may delete more than the configured share of its rows


NO_CONSENT = Consent()  # the default: nothing beyond the rules


@dataclass(frozen=True)
class ChangePolicy:
    """The configured limit (``[imports]`` of indicators.toml); ``None``: no configuration, no limit on removals."""

    max_removed_share: float | None = None

    @classmethod
    def from_config(cls, cfg: Any) -> ChangePolicy:
        rules = getattr(cfg, "imports", None)
        return cls(max_removed_share=getattr(rules, "max_removed_share", None))


@dataclass(frozen=True)
class ChangeSummary:
    """One table of the new version against the same table of the active version."""

    table: str
    origin: Origin
    source: str  # the file it comes from (for a carried-over table: where it first came from)
    synthetic: bool  # the new version's table is synthetic sample data
    before: int | None  # rows in the active version; None when there is no active version
    after: int
    added: int
    changed: int
    removed: int
    before_synthetic: bool = False  # the active version's table was synthetic sample data
    # a region import: how many of the active version's rows the region's files replace (None: a whole table)
    region_before: int | None = None

    @property
    def unchanged(self) -> int:
        return self.after - self.added - self.changed

    @property
    def removed_share(self) -> float | None:
        """The share of the active version's rows that disappear (in a region import: of the rows its files
        replace); None without rows to lose."""
        before = self.before if self.region_before is None else self.region_before
        return self.removed / before if before else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "unchanged": self.unchanged, "removed_share": self.removed_share}


def share_text(share: float) -> str:
    """A share as a percentage with at most one decimal: 0.5 → "50%", 0.6667 → "66.7%"."""
    return f"{share:.1%}".replace(".0%", "%")


def table_is_marked_synthetic(path: str | Path) -> bool:
    """A table file that sits beside the marker ``chuangye sample`` leaves."""
    return isinstance(path, Path) and (path.parent / SYNTHETIC_MARKER).is_file()


def write_synthetic_marker(folder: str | Path) -> Path:
    """Leave the marker (a short bilingual note) in a folder of generated sample tables."""
    path = Path(folder) / SYNTHETIC_MARKER
    path.write_text(f"{t('synthetic_marker_text', 'zh')}\n{t('synthetic_marker_text', 'en')}", encoding="utf-8")
    return path


def _row_keys(frame: pd.DataFrame, key: Iterable[str]) -> pd.MultiIndex:
    """Each row's key as (hash of the key columns, occurrence): unique even where a key repeats."""
    hashed = pd.util.hash_pandas_object(frame[list(key)], index=False).reset_index(drop=True)
    occurrence = hashed.groupby(hashed).cumcount()
    return pd.MultiIndex.from_arrays([hashed.to_numpy(), occurrence.to_numpy()])


def _row_contents(frame: pd.DataFrame, index: pd.MultiIndex) -> pd.Series:
    return pd.Series(pd.util.hash_pandas_object(frame, index=False).to_numpy(), index=index)


def compare_table(table: str, new: pd.DataFrame, old: pd.DataFrame) -> tuple[int, int, int]:
    """(added, changed, removed) rows of ``new`` against ``old``, both conformed to the schema of ``table``."""
    key = TABLES[table].key
    columns = TABLES[table].column_names
    new_rows = _row_contents(new[columns], _row_keys(new, key))
    old_rows = _row_contents(old[columns], _row_keys(old, key))
    common = new_rows.index.intersection(old_rows.index)
    changed = int((new_rows.reindex(common) != old_rows.reindex(common)).sum())
    return len(new) - len(common), changed, len(old) - len(common)


def summarise_table(
    table: str,
    new: pd.DataFrame,
    old: pd.DataFrame | None,
    *,
    origin: Origin,
    source: str,
    synthetic: bool,
    before_synthetic: bool = False,
    region_before: int | None = None,
) -> ChangeSummary:
    """The change of one table; a carried-over table is unchanged by definition (not compared again)."""
    if old is None:
        added, changed, removed = len(new), 0, 0
    elif origin == "carried":
        added, changed, removed = 0, 0, 0
    else:
        added, changed, removed = compare_table(table, new, old)
    return ChangeSummary(
        table=table,
        origin=origin,
        source=source,
        synthetic=synthetic,
        before=None if old is None else len(old),
        after=len(new),
        added=added,
        changed=changed,
        removed=removed,
        before_synthetic=before_synthetic,
        region_before=region_before,
    )


def change_problems(
    summaries: Iterable[ChangeSummary], policy: ChangePolicy, consent: Consent, *, region: tuple[str, str] = ("", "")
) -> list[Problem]:
    """The errors an import is refused for unless ``consent`` allows them: only tables read from the user's files
    count (carried-over and sample tables are as they were checked before). ``region``: a region import's
    region in words, (Chinese, English)."""
    problems = []
    for s in summaries:
        if s.origin != "file":
            continue
        if s.after == 0:  # emptying is its own confirmation, not also a shrink
            if not consent.allow_empty:
                problems.append(_emptied(s))
        elif _shrinks_too_much(s, policy) and not consent.allow_shrink:
            problems.append(_shrinks(s, policy) if s.region_before is None else _region_shrinks(s, policy, region))
    return problems


def _shrinks_too_much(s: ChangeSummary, policy: ChangePolicy) -> bool:
    share = s.removed_share
    limit = policy.max_removed_share
    return share is not None and limit is not None and not s.before_synthetic and share > limit


def _emptied(s: ChangeSummary) -> Problem:
    before = {"before_zh": "", "before_en": ""}
    if s.before:
        before = {f"before_{lang}": t("chg_emptied_before", lang, before=s.before) for lang in ("zh", "en")}
    return make_problem("table_emptied", file=s.source, table=s.table, table_zh=TABLES[s.table].zh, **before)


def _shrinks(s: ChangeSummary, policy: ChangePolicy) -> Problem:
    return make_problem(
        "table_shrinks",
        file=s.source,
        table=s.table,
        table_zh=TABLES[s.table].zh,
        before=s.before,
        removed=s.removed,
        share=share_text(s.removed_share),
        limit=share_text(policy.max_removed_share),
    )


def _region_shrinks(s: ChangeSummary, policy: ChangePolicy, region: tuple[str, str]) -> Problem:
    return make_problem(
        "region_rows_shrink",
        file=s.source,
        table=s.table,
        table_zh=TABLES[s.table].zh,
        before=s.region_before,
        removed=s.removed,
        share=share_text(s.removed_share),
        limit=share_text(policy.max_removed_share),
        region_zh=region[0],
        region_en=region[1],
    )


def first_import_problems(missing: Iterable[str]) -> list[Problem]:
    """An import into a data directory with no data yet must bring every table (or ask for the sample's)."""
    return [
        make_problem("missing_table_first_import", file=name, table=name, table_zh=TABLES[name].zh) for name in missing
    ]


__all__ = [
    "NO_CONSENT",
    "SYNTHETIC_MARKER",
    "ChangePolicy",
    "ChangeSummary",
    "Consent",
    "change_problems",
    "compare_table",
    "first_import_problems",
    "share_text",
    "summarise_table",
    "table_is_marked_synthetic",
    "write_synthetic_marker",
]
