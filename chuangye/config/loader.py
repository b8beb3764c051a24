"""Load and check ``indicators.toml``: programme years, goals, indicator formulas, thresholds, rules.

``load_config()`` reads, in this order, the path it is given, the file named by ``$CHUANGYE_CONFIG``,
or the copy packaged with the code (``chuangye/config/indicators.toml``). Every problem found is reported
at once, in Chinese and English, naming the file, the key and the value (texts in :mod:`chuangye.strings.config`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chuangye.data.schema import INDICATOR_INPUTS, UNIT_TYPES
from chuangye.strings.i18n import STRINGS, t

CONFIG_ENV_VAR = "CHUANGYE_CONFIG"
PACKAGED_CONFIG_NAME = "indicators.toml"

# Columns of indicator_inputs a formula may use: every count column, not the key.
FORMULA_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in INDICATOR_INPUTS.columns if c.type == "int" and c.name not in INDICATOR_INPUTS.key
)


@dataclass(frozen=True)
class ConfigProblem:
    key: str
    value: Any
    zh: str
    en: str


class ConfigError(ValueError):
    """A configuration file that cannot be used; ``problems`` lists every finding."""

    def __init__(self, source: str, problems: list[ConfigProblem]):
        self.source = source
        self.problems = problems
        lines = [_problem_line(source, p, lang) for p in problems for lang in ("zh", "en")]
        super().__init__("\n".join(lines))


def _problem_line(source: str, problem: ConfigProblem, lang: str) -> str:
    setting = t("config_problem_setting", lang, setting=problem.key) if problem.key else ""
    value = "" if problem.value is None else t("config_problem_value", lang, value=repr(problem.value))
    message = problem.en if lang == "en" else problem.zh
    return t("config_problem", lang, source=source, setting=setting, value=value, message=message)


def _problem(key: str, value: Any, text: str, **values: object) -> ConfigProblem:
    """The problem at setting ``key`` (``""``: the whole file), its message the string ``text`` of strings/config."""
    return ConfigProblem(key, value, t(text, "zh", **values), t(text, "en", **values))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Programme(_Strict):
    base_year: int = Field(ge=2000, le=2100)
    target_year: int = Field(ge=2000, le=2100)


class Goals(BaseModel):
    """``[goals]``: one share per unit type plus the ``source`` it comes from."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, float] = Field(init=False)
    source: str = ""


class IndicatorDef(_Strict):
    code: str = ""  # filled from the table name [indicators.<code>]
    name_zh: str
    name_en: str
    numerator: str
    denominator: str
    core: bool = False
    format: Literal["percent", "ratio"] = "percent"
    digits: int | None = Field(default=None, ge=0, le=4)  # decimals shown; None: 1 for a percentage, 2 for a ratio
    shortfall_zh: str = t("config_shortfall_default", "zh")  # a template: {n} is filled in later
    shortfall_en: str = t("config_shortfall_default", "en")

    @property
    def is_share(self) -> bool:
        """A share cannot exceed 1: a numerator above its denominator is suspect."""
        return self.format == "percent"

    @property
    def shown_digits(self) -> int:
        """Decimals every screen, export and command shows this indicator's values and thresholds with."""
        if self.digits is not None:
            return self.digits
        return 1 if self.format == "percent" else 2


class StandardRule(_Strict):
    rule: Literal["all_core", "at_least"] = "all_core"
    min_passed: int | None = None


CUTOFF_NAMES: tuple[str, ...] = ("on_track", "acceleration_needed", "limited_progress")


class StatusPreset(_Strict):
    """One named set of progress-status cut-offs (``[status.presets.<name>]``) and where it comes from."""

    name_zh: str
    name_en: str
    on_track: float = Field(allow_inf_nan=False)
    acceleration_needed: float = Field(allow_inf_nan=False)
    limited_progress: float = Field(allow_inf_nan=False)
    citation: str = ""
    url: str = ""


class StatusSection(_Strict):
    """``[status]`` as written: the chosen preset and every preset on offer."""

    preset: str
    presets: dict[str, StatusPreset]


class StatusCutoffs(_Strict):
    """The cut-offs the engine uses (the active preset's) and the preset's name and citation, for the screens."""

    on_track: float
    acceleration_needed: float
    limited_progress: float
    preset: str = "custom"
    name_zh: str = ""
    name_en: str = ""
    citation: str = ""
    url: str = ""

    @classmethod
    def of_preset(cls, name: str, preset: StatusPreset) -> StatusCutoffs:
        return cls(preset=name, **preset.model_dump())


# The steps of a certification round, in order, as the certifications table dates them (``<step>_date``).
CYCLE_STEPS: tuple[str, ...] = ("declared", "county_evaluated", "city_reviewed", "decided")
# A day of the month that exists in every year (no 29 February), to check a configured day against.
_COMMON_YEAR = 2001


class CycleDay(_Strict):
    """A day of a round's cycle: ``year`` counts from the round year (-1: the year before the round)."""

    year: int = Field(ge=-3, le=3)
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def date_in(self, round_year: int) -> dt.date:
        return dt.date(round_year + self.year, self.month, self.day)

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day)

    def text(self) -> str:
        return f"{{year: {self.year}, month: {self.month}, day: {self.day}}}"


# The step ``[certification_cycle] quota`` dates: the province hands round Y's quotas to the cities.
QUOTA_STEP = "quota"
# The tables a city or county delivers figures of one year in, and that year's column (engine/deadlines.py).
SUBMISSION_TABLES: dict[str, str] = {"quotas": "year", "certifications": "round_year", "indicator_inputs": "year"}


class SubmissionDue(_Strict):
    """``[certification_cycle.submissions] <table>``: a table's figures for year Y are due by the deadline of
    cycle step ``step`` (``quota`` or a step of ``deadlines``) in round Y + ``round``."""

    step: str
    round: int = Field(default=0, ge=-1, le=2)


# A province's older copy of the file, written before submissions had deadlines, gets the packaged file's values.
_DEFAULT_QUOTA = {"year": -1, "month": 6, "day": 30}
_DEFAULT_SUBMISSIONS = {
    "quotas": {"step": QUOTA_STEP, "round": 0},
    "certifications": {"step": "city_reviewed", "round": 0},
    "indicator_inputs": {"step": "decided", "round": 1},
}


class CertificationCycle(_Strict):
    """``[certification_cycle]``: the window a round's dates must lie in and the notice's deadline per step."""

    source: str = ""
    opens: CycleDay
    closes: CycleDay
    late_warning_days: int = Field(ge=0, le=366)
    deadlines: dict[str, CycleDay]
    quota: CycleDay = CycleDay.model_validate(_DEFAULT_QUOTA)  # round Y's quotas are handed out by this day
    utc_offset_hours: int = Field(default=8, ge=-12, le=14)  # the deadlines' time zone (Beijing: UTC+8)
    submissions: dict[str, SubmissionDue] = Field(
        default_factory=lambda: {k: SubmissionDue.model_validate(v) for k, v in _DEFAULT_SUBMISSIONS.items()}
    )

    def window(self, round_year: int) -> tuple[dt.date, dt.date]:
        """The first and the last day a date of round ``round_year`` may have."""
        return self.opens.date_in(round_year), self.closes.date_in(round_year)

    def deadline(self, step: str, round_year: int) -> dt.date | None:
        """The deadline of ``step`` (one of ``CYCLE_STEPS``) in round ``round_year``; None when it has none."""
        day = self.deadlines.get(step)
        return None if day is None else day.date_in(round_year)


class StoreSettings(_Strict):
    """``[store]``: how the data directory keeps its versions (chuangye/data/store.py)."""

    keep_versions: int = Field(default=10, ge=1)  # the newest versions each import keeps, besides pinned ones


class ImportRules(_Strict):
    """``[imports]``: when an import needs the user's explicit say-so (chuangye/data/changes.py). A file
    without the section gets the packaged file's values, so a province's older copy keeps working."""

    max_removed_share: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False)
    far_from_previous_factor: float = Field(default=10, gt=1, allow_inf_nan=False)
    far_from_previous_min_difference: float = Field(default=100, ge=0, allow_inf_nan=False)


class _ConfigFile(_Strict):
    """The TOML file as written, so validation errors point at its own keys."""

    programme: Programme
    goals: Goals
    indicators: dict[str, IndicatorDef]
    thresholds: dict[str, dict[str, float]]
    standard: StandardRule = StandardRule()
    certification_cycle: CertificationCycle
    status: StatusSection
    store: StoreSettings = StoreSettings()
    imports: ImportRules = ImportRules()


class Config(_Strict):
    base_year: int
    target_year: int
    goals: dict[str, float]
    goals_source: str
    indicators: dict[str, IndicatorDef]
    thresholds: dict[str, dict[str, float]]
    standard: StandardRule
    certification_cycle: CertificationCycle
    status: StatusCutoffs  # the active preset's cut-offs
    status_presets: dict[str, StatusCutoffs]  # every preset the file offers, the active one included
    source: str
    store: StoreSettings = StoreSettings()
    imports: ImportRules = ImportRules()

    @property
    def unit_types(self) -> list[str]:
        """Unit types with a goal, in the schema's order."""
        return [t for t in UNIT_TYPES if t in self.goals]

    @property
    def core_indicators(self) -> list[str]:
        return [code for code, ind in self.indicators.items() if ind.core]

    def threshold(self, unit_type: str, indicator: str) -> float | None:
        return self.thresholds.get(unit_type, {}).get(indicator)


def packaged_config_path() -> Path:
    return Path(str(files("chuangye.config"))) / PACKAGED_CONFIG_NAME  # package data


def resolve_config_path(path: str | Path | None = None) -> Path:
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(CONFIG_ENV_VAR, "").strip()
    return Path(env) if env else packaged_config_path()


def load_config(path: str | Path | None = None) -> Config:
    """Read and check the configuration; raise ``ConfigError`` (bilingual) if it cannot be used."""
    source = resolve_config_path(path)

    def fail(text: str, **values: object) -> ConfigError:
        return ConfigError(str(source), [_problem("", None, text, **values)])

    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise fail("config_unreadable", reason=exc.strerror or str(exc)) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise fail("config_not_utf8", byte=exc.start) from exc
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        if where:
            raise fail("config_toml_syntax_at", line=where[1], column=where[2], error=exc) from exc
        raise fail("config_toml_syntax", error=exc) from exc
    return config_from_mapping(data, source=str(source))


def config_from_mapping(data: Mapping[str, Any], source: str = "<mapping>") -> Config:
    """Build a Config from already-parsed TOML (as ``tomllib`` returns it)."""
    try:
        parsed = _ConfigFile.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(err) for err in exc.errors()]
        raise ConfigError(source, _explain_flat_cutoffs(data, problems)) from None
    problems = _check(parsed)
    if problems:
        raise ConfigError(source, problems)
    goals = dict(parsed.goals.__pydantic_extra__ or {})
    return Config(
        base_year=parsed.programme.base_year,
        target_year=parsed.programme.target_year,
        goals={t: goals[t] for t in UNIT_TYPES if t in goals},
        goals_source=parsed.goals.source,
        indicators={code: ind.model_copy(update={"code": code}) for code, ind in parsed.indicators.items()},
        thresholds={t: dict(v) for t, v in parsed.thresholds.items()},
        standard=parsed.standard,
        certification_cycle=parsed.certification_cycle,
        status=StatusCutoffs.of_preset(parsed.status.preset, parsed.status.presets[parsed.status.preset]),
        status_presets={name: StatusCutoffs.of_preset(name, p) for name, p in parsed.status.presets.items()},
        source=source,
        store=parsed.store,
        imports=parsed.imports,
    )


def _explain_flat_cutoffs(data: Mapping[str, Any], problems: list[ConfigProblem]) -> list[ConfigProblem]:
    """Cut-offs written directly under ``[status]`` (the layout before presets): say where they go now
    instead of pydantic's "unknown setting" and "missing preset"."""
    status = data.get("status")
    flat = [name for name in CUTOFF_NAMES if isinstance(status, Mapping) and name in status]
    if not flat:
        return problems
    replaced = {f"status.{name}" for name in flat} | {"status.preset", "status.presets"}
    kept = [p for p in problems if p.key not in replaced]
    return [*kept, _problem("status", None, "config_status_flat_cutoffs", names=", ".join(flat))]


def _problem_from_pydantic(err: Mapping[str, Any]) -> ConfigProblem:
    """Chinese: our words for the error type (``config_type_<type>``); English: pydantic's own message."""
    key = ".".join(str(part) for part in err["loc"])
    text = f"config_type_{err['type']}"
    value = None if err["type"] == "missing" else err.get("input")
    if isinstance(value, Mapping):
        value = None
    return _problem(key, value, text if text in STRINGS else "config_type_other", msg=str(err["msg"]))


def _check(cfg: _ConfigFile) -> list[ConfigProblem]:
    """Checks that need more than one value at a time."""
    out: list[ConfigProblem] = []

    def add(key: str, value: Any, text: str, **values: object) -> None:
        out.append(_problem(key, value, text, **values))

    prog = cfg.programme
    if prog.target_year <= prog.base_year:
        add("programme.target_year", prog.target_year, "config_target_not_after_base", base_year=prog.base_year)

    goals = cfg.goals.__pydantic_extra__ or {}
    if not goals:
        add("goals", None, "config_no_goals")
    for unit_type, share in goals.items():
        key = f"goals.{unit_type}"
        if unit_type not in UNIT_TYPES:
            add(key, share, "config_unknown_unit_type", types=", ".join(UNIT_TYPES))
        elif not 0 < share <= 1:
            add(key, share, "config_goal_range")

    if not any(ind.core for ind in cfg.indicators.values()):
        add("indicators", None, "config_no_core_indicator")
    for code, ind in cfg.indicators.items():
        for part in ("numerator", "denominator"):
            column = getattr(ind, part)
            if column not in FORMULA_COLUMNS:
                add(f"indicators.{code}.{part}", column, "config_unknown_column", columns=", ".join(FORMULA_COLUMNS))
        for part in ("shortfall_zh", "shortfall_en"):
            try:
                getattr(ind, part).format(n=1)
            except (KeyError, IndexError, ValueError):
                add(f"indicators.{code}.{part}", getattr(ind, part), "config_shortfall_placeholder", placeholder="{n}")

    for unit_type, table in cfg.thresholds.items():
        if unit_type not in UNIT_TYPES:
            add(f"thresholds.{unit_type}", None, "config_unknown_unit_type", types=", ".join(UNIT_TYPES))
            continue
        for code, value in table.items():
            key = f"thresholds.{unit_type}.{code}"
            ind = cfg.indicators.get(code)
            if ind is None:
                add(key, value, "config_undefined_indicator")
            elif value < 0 or (ind.is_share and value > 1):
                add(key, value, "config_threshold_share_range" if ind.is_share else "config_threshold_negative")
    for unit_type in goals:
        if unit_type not in UNIT_TYPES:
            continue
        for code, ind in cfg.indicators.items():
            if ind.core and code not in cfg.thresholds.get(unit_type, {}):
                add(f"thresholds.{unit_type}.{code}", None, "config_core_threshold_missing")

    n_core = sum(ind.core for ind in cfg.indicators.values())
    std = cfg.standard
    if std.rule == "at_least" and (std.min_passed is None or not 1 <= std.min_passed <= n_core):
        add("standard.min_passed", std.min_passed, "config_min_passed_range", n_core=n_core)

    out.extend(_check_cycle(cfg.certification_cycle))

    st = cfg.status
    if st.preset not in st.presets:
        add("status.preset", st.preset, "config_status_unknown_preset", presets=", ".join(st.presets) or "—")
    for name, preset in st.presets.items():
        if not preset.on_track > preset.acceleration_needed > preset.limited_progress:
            add(f"status.presets.{name}", None, "config_status_order")
        if preset.on_track <= 0:
            add(f"status.presets.{name}.on_track", preset.on_track, "config_status_on_track_positive")
    return out


def _check_cycle(cycle: CertificationCycle) -> list[ConfigProblem]:
    """Days that exist, a window that opens before it closes, every step of the notice with a deadline inside
    it, and deadlines in the order of the steps."""
    out: list[ConfigProblem] = []
    days = {"opens": cycle.opens, "closes": cycle.closes, **{f"deadlines.{k}": v for k, v in cycle.deadlines.items()}}
    real = set()
    for name, day in days.items():
        try:
            dt.date(_COMMON_YEAR, day.month, day.day)
            real.add(name)
        except ValueError:
            out.append(_problem(f"certification_cycle.{name}", day.text(), "config_cycle_no_such_day"))
    if {"opens", "closes"} <= real and cycle.opens.order >= cycle.closes.order:
        out.append(_problem("certification_cycle.closes", cycle.closes.text(), "config_cycle_window_order"))
    steps = ", ".join(CYCLE_STEPS)
    for step in cycle.deadlines:
        if step not in CYCLE_STEPS:
            key = f"certification_cycle.deadlines.{step}"
            out.append(_problem(key, None, "config_cycle_unknown_step", steps=steps))
    for step in CYCLE_STEPS[1:]:  # self-declaration has no deadline of its own in the notice
        if step not in cycle.deadlines:
            out.append(_problem(f"certification_cycle.deadlines.{step}", None, "config_cycle_deadline_missing"))
    previous: tuple[str, CycleDay] | None = None
    for step in CYCLE_STEPS:
        day = cycle.deadlines.get(step)
        if day is None:
            continue
        if not cycle.opens.order <= day.order <= cycle.closes.order:
            key = f"certification_cycle.deadlines.{step}"
            out.append(_problem(key, day.text(), "config_cycle_deadline_outside"))
        elif previous is not None and day.order < previous[1].order:
            key = f"certification_cycle.deadlines.{step}"
            out.append(_problem(key, day.text(), "config_cycle_deadline_order", previous=previous[0]))
        previous = (step, day)
    return out + _check_submission_deadlines(cycle)


def _check_submission_deadlines(cycle: CertificationCycle) -> list[ConfigProblem]:
    """The quota day exists; each table of ``submissions`` is one delivered per year, due at a step that has a
    deadline."""
    out: list[ConfigProblem] = []
    try:
        dt.date(_COMMON_YEAR, cycle.quota.month, cycle.quota.day)
    except ValueError:
        out.append(_problem("certification_cycle.quota", cycle.quota.text(), "config_cycle_no_such_day"))
    steps_with_deadline = [QUOTA_STEP, *(step for step in CYCLE_STEPS if step in cycle.deadlines)]
    for table, due in cycle.submissions.items():
        key = f"certification_cycle.submissions.{table}"
        if table not in SUBMISSION_TABLES:
            out.append(_problem(key, None, "config_submission_unknown_table", tables=", ".join(SUBMISSION_TABLES)))
        if due.step not in steps_with_deadline:
            out.append(_problem(f"{key}.step", due.step, "config_submission_unknown_step",
                                steps=", ".join(steps_with_deadline)))  # fmt: skip
    return out


__all__ = [
    "CONFIG_ENV_VAR",
    "CUTOFF_NAMES",
    "CYCLE_STEPS",
    "FORMULA_COLUMNS",
    "QUOTA_STEP",
    "SUBMISSION_TABLES",
    "CertificationCycle",
    "Config",
    "ConfigError",
    "ConfigProblem",
    "CycleDay",
    "ImportRules",
    "IndicatorDef",
    "StandardRule",
    "StatusCutoffs",
    "StatusPreset",
    "StoreSettings",
    "config_from_mapping",
    "load_config",
    "packaged_config_path",
    "resolve_config_path",
]
