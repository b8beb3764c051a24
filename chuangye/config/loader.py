"""Load and check ``indicators.toml``: programme years, goals, indicator formulas, thresholds, rules.

``load_config()`` reads, in this order, the path it is given, the file named by ``$CHUANGYE_CONFIG``,
or the copy packaged with the code (``chuangye/config/indicators.toml``). Every problem found is reported
at once, in Chinese and English, naming the file, the key and the value.
"""

from __future__ import annotations

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
        lines = []
        for p in problems:
            key_zh = f"，设置项 [{p.key}]" if p.key else ""
            key_en = f", key [{p.key}]" if p.key else ""
            value_zh = "" if p.value is None else f"（值 {p.value!r}）"
            value_en = "" if p.value is None else f" (value {p.value!r})"
            lines.append(
                f"配置文件 {source}{key_zh}{value_zh}：{p.zh}\nConfiguration file {source}{key_en}{value_en}: {p.en}"
            )
        super().__init__("\n".join(lines))


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
    shortfall_zh: str = "还需 {n}"
    shortfall_en: str = "{n} more needed"

    @property
    def is_share(self) -> bool:
        """A share cannot exceed 1: a numerator above its denominator is suspect."""
        return self.format == "percent"


class StandardRule(_Strict):
    rule: Literal["all_core", "at_least"] = "all_core"
    min_passed: int | None = None


class StatusCutoffs(_Strict):
    on_track: float = 0.95
    acceleration_needed: float = 0.50
    limited_progress: float = 0.0


class _ConfigFile(_Strict):
    """The TOML file as written, so validation errors point at its own keys."""

    programme: Programme
    goals: Goals
    indicators: dict[str, IndicatorDef]
    thresholds: dict[str, dict[str, float]]
    standard: StandardRule = StandardRule()
    status: StatusCutoffs = StatusCutoffs()


class Config(_Strict):
    base_year: int
    target_year: int
    goals: dict[str, float]
    goals_source: str
    indicators: dict[str, IndicatorDef]
    thresholds: dict[str, dict[str, float]]
    standard: StandardRule
    status: StatusCutoffs
    source: str

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

    def fail(zh: str, en: str) -> ConfigError:
        return ConfigError(str(source), [ConfigProblem("", None, zh, en)])

    try:
        raw = source.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise fail(f"无法读取文件（{reason}）", f"cannot read the file ({reason})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise fail(f"文件不是 UTF-8 编码（第 {exc.start} 字节）", f"the file is not UTF-8 (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        where_zh = f"（第 {where[1]} 行第 {where[2]} 列）" if where else ""
        raise fail(f"TOML 语法错误{where_zh}：{exc}", f"TOML syntax error: {exc}") from exc
    return config_from_mapping(data, source=str(source))


def config_from_mapping(data: Mapping[str, Any], source: str = "<mapping>") -> Config:
    """Build a Config from already-parsed TOML (as ``tomllib`` returns it)."""
    try:
        parsed = _ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, [_problem_from_pydantic(err) for err in exc.errors()]) from None
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
        status=parsed.status,
        source=source,
    )


_PYDANTIC_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的设置项（拼写错误？）",
    "literal_error": "取值不在允许范围内",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "string_type": "应为文本（加引号）",
    "dict_type": "应为一个表（[...] 小节）",
    "model_type": "应为一个表（[...] 小节）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


def _problem_from_pydantic(err: Mapping[str, Any]) -> ConfigProblem:
    key = ".".join(str(part) for part in err["loc"])
    zh = _PYDANTIC_ZH.get(err["type"], "取值无效")
    value = None if err["type"] == "missing" else err.get("input")
    if isinstance(value, Mapping):
        value = None
    return ConfigProblem(key, value, zh, str(err["msg"]))


def _check(cfg: _ConfigFile) -> list[ConfigProblem]:
    """Checks that need more than one value at a time."""
    out: list[ConfigProblem] = []
    add = lambda key, value, zh, en: out.append(ConfigProblem(key, value, zh, en))  # noqa: E731

    prog = cfg.programme
    if prog.target_year <= prog.base_year:
        add(
            "programme.target_year",
            prog.target_year,
            f"目标年必须晚于基期年 {prog.base_year}",
            f"the target year must be after the base year {prog.base_year}",
        )

    goals = cfg.goals.__pydantic_extra__ or {}
    if not goals:
        add("goals", None, "至少需要为一种单位类型设定目标", "at least one unit type needs a goal")
    for unit_type, share in goals.items():
        key = f"goals.{unit_type}"
        if unit_type not in UNIT_TYPES:
            add(
                key,
                share,
                f"未知的单位类型，应为 {', '.join(UNIT_TYPES)} 之一",
                f"unknown unit type; expected one of {', '.join(UNIT_TYPES)}",
            )
        elif not 0 < share <= 1:
            add(
                key,
                share,
                "目标比例必须大于 0 且不超过 1（例如 0.80 表示 80%）",
                "a goal must be above 0 and at most 1 (0.80 means 80 %)",
            )

    if not any(ind.core for ind in cfg.indicators.values()):
        add(
            "indicators",
            None,
            "至少需要一个核心指标（core = true）",
            "at least one indicator must be core (core = true)",
        )
    for code, ind in cfg.indicators.items():
        for part in ("numerator", "denominator"):
            column = getattr(ind, part)
            if column not in FORMULA_COLUMNS:
                add(
                    f"indicators.{code}.{part}",
                    column,
                    f"指标基础数据中没有这一列，可用列：{', '.join(FORMULA_COLUMNS)}",
                    f"no such column in indicator_inputs; available: {', '.join(FORMULA_COLUMNS)}",
                )
        for part in ("shortfall_zh", "shortfall_en"):
            try:
                getattr(ind, part).format(n=1)
            except (KeyError, IndexError, ValueError):
                add(
                    f"indicators.{code}.{part}",
                    getattr(ind, part),
                    "文字中只能使用占位符 {n}",
                    "the text may use only the placeholder {n}",
                )

    for unit_type, table in cfg.thresholds.items():
        if unit_type not in UNIT_TYPES:
            add(
                f"thresholds.{unit_type}",
                None,
                f"未知的单位类型，应为 {', '.join(UNIT_TYPES)} 之一",
                f"unknown unit type; expected one of {', '.join(UNIT_TYPES)}",
            )
            continue
        for code, value in table.items():
            key = f"thresholds.{unit_type}.{code}"
            ind = cfg.indicators.get(code)
            if ind is None:
                add(key, value, "未定义的指标（[indicators] 中没有）", "undefined indicator (not in [indicators])")
            elif value < 0 or (ind.is_share and value > 1):
                add(
                    key,
                    value,
                    "阈值必须在 0 到 1 之间（0.50 表示 50%）" if ind.is_share else "阈值不能为负数",
                    "a threshold must be between 0 and 1 (0.50 means 50 %)"
                    if ind.is_share
                    else "a threshold cannot be negative",
                )
    for unit_type in goals:
        if unit_type not in UNIT_TYPES:
            continue
        for code, ind in cfg.indicators.items():
            if ind.core and code not in cfg.thresholds.get(unit_type, {}):
                add(
                    f"thresholds.{unit_type}.{code}",
                    None,
                    "缺少核心指标的阈值",
                    "missing threshold for a core indicator",
                )

    n_core = sum(ind.core for ind in cfg.indicators.values())
    std = cfg.standard
    if std.rule == "at_least" and (std.min_passed is None or not 1 <= std.min_passed <= n_core):
        add(
            "standard.min_passed",
            std.min_passed,
            f"规则 at_least 需要 1 到 {n_core}（核心指标个数）之间的整数",
            f'rule "at_least" needs a whole number from 1 to {n_core} (the number of core indicators)',
        )

    st = cfg.status
    if not st.on_track > st.acceleration_needed > st.limited_progress:
        add(
            "status",
            None,
            "分界值必须满足 on_track > acceleration_needed > limited_progress",
            "cut-offs must satisfy on_track > acceleration_needed > limited_progress",
        )
    return out


__all__ = [
    "CONFIG_ENV_VAR",
    "FORMULA_COLUMNS",
    "Config",
    "ConfigError",
    "ConfigProblem",
    "IndicatorDef",
    "StandardRule",
    "StatusCutoffs",
    "config_from_mapping",
    "load_config",
    "packaged_config_path",
    "resolve_config_path",
]
