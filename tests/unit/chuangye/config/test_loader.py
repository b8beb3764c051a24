"""indicators.toml: the packaged defaults, replacing the file, and bilingual errors naming file and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chuangye.config.loader import CONFIG_ENV_VAR, ConfigError, load_config, packaged_config_path

PACKAGED_TEXT = packaged_config_path().read_text(encoding="utf-8")


def write_variant(tmp_path: Path, old: str, new: str, name: str = "province.toml") -> Path:
    assert old in PACKAGED_TEXT, old
    path = tmp_path / name
    path.write_text(PACKAGED_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_packaged_defaults(monkeypatch):
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)
    cfg = load_config()
    assert (cfg.base_year, cfg.target_year) == (2016, 2020)
    assert cfg.goals == {"street_town": 0.80, "community_village": 0.70, "park": 0.90}
    assert "苏人社发〔2016〕249号" in cfg.goals_source
    assert cfg.core_indicators == ["participation_rate", "success_rate", "survival_rate", "employment_contribution"]
    assert cfg.thresholds["street_town"] == {
        "participation_rate": 0.005,
        "success_rate": 0.50,
        "survival_rate": 0.80,
        "employment_contribution": 0.50,
    }
    assert cfg.thresholds["community_village"]["success_rate"] == 0.45
    assert cfg.thresholds["park"]["employment_contribution"] == 0.60
    jobs = cfg.indicators["jobs_per_entrepreneur"]
    assert (jobs.core, jobs.format, jobs.numerator, jobs.denominator) == (
        False,
        "ratio",
        "jobs_by_entrepreneurship",
        "new_entrepreneurs",
    )
    assert cfg.indicators["success_rate"].code == "success_rate"
    assert [cfg.indicators[c].shown_digits for c in ("participation_rate", "success_rate")] == [2, 1]
    assert cfg.threshold("park", "jobs_per_entrepreneur") is None
    assert cfg.standard.rule == "all_core"
    # issue 8: the cut-offs are a named preset, Open SDG's by default (its middle cut-off is 60 %, not 50 %)
    assert cfg.status.preset == "open_sdg"
    assert (cfg.status.on_track, cfg.status.acceleration_needed, cfg.status.limited_progress) == (0.95, 0.6, 0.0)
    assert cfg.source == str(packaged_config_path())


def test_env_var_replaces_the_file_and_an_explicit_path_wins(tmp_path, monkeypatch):
    env_file = write_variant(tmp_path, "street_town = 0.80", "street_town = 0.85", "env.toml")
    monkeypatch.setenv(CONFIG_ENV_VAR, str(env_file))
    assert load_config().goals["street_town"] == 0.85
    explicit = write_variant(tmp_path, "street_town = 0.80", "street_town = 0.75", "explicit.toml")
    assert load_config(explicit).goals["street_town"] == 0.75


def test_at_least_rule_is_accepted(tmp_path):
    path = write_variant(tmp_path, 'rule = "all_core"', 'rule = "at_least"')
    path.write_text(path.read_text(encoding="utf-8").replace("min_passed = 4", "min_passed = 3"), encoding="utf-8")
    cfg = load_config(path)
    assert (cfg.standard.rule, cfg.standard.min_passed) == ("at_least", 3)


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_missing_core_threshold_names_file_and_key_in_both_languages(tmp_path):
    path = write_variant(tmp_path, "survival_rate = 0.85\n", "")
    message = error_of(path)
    assert str(path) in message
    assert "[thresholds.park.survival_rate]" in message
    assert "缺少核心指标的阈值" in message
    assert "missing threshold for a core indicator" in message


@pytest.mark.parametrize(
    ("old", "new", "key", "zh", "en"),
    [
        ("park = 0.90", "park = 1.20", "goals.park", "不超过 1", "at most 1"),
        (
            'numerator = "trainees_started"',
            'numerator = "trainees_succeeded"',
            "indicators.success_rate.numerator",
            "没有这一列",
            "no such column",
        ),
        ("core = true", "core = 1.5", "indicators.participation_rate.core", "应为 true 或 false", "boolean"),
        (
            "target_year = 2020",
            "target_year = 2015",
            "programme.target_year",
            "目标年必须晚于基期年",
            "must be after the base year",
        ),
        ("min_passed = 4", "min_pased = 4", "standard.min_pased", "未知的设置项", "Extra inputs are not permitted"),
        ('rule = "all_core"', 'rule = "most"', "standard.rule", "取值不在允许范围内", "'all_core' or 'at_least'"),
        (
            "on_track = 0.95",
            "on_track = 0.40",
            "status.presets.open_sdg",
            "on_track > acceleration_needed",
            "cut-offs must",
        ),
        (
            'shortfall_en = "{n} more trainees must start a business"',
            'shortfall_en = "{count} more trainees"',
            "indicators.success_rate.shortfall_en",
            "占位符 {n}",
            "placeholder {n}",
        ),
    ],
)
def test_bad_values_are_reported_bilingually(tmp_path, old, new, key, zh, en):
    message = error_of(write_variant(tmp_path, old, new))
    assert f"[{key}]" in message
    assert zh in message and en in message
    assert "配置文件" in message and "Configuration file" in message


def test_bad_value_is_quoted(tmp_path):
    message = error_of(write_variant(tmp_path, "park = 0.90", "park = 1.20"))
    assert "1.2" in message


def test_every_problem_is_reported_at_once(tmp_path):
    path = write_variant(tmp_path, "community_village = 0.70", "community_village = 0")
    path.write_text(
        path.read_text(encoding="utf-8").replace('denominator = "trainees"', 'denominator = "x"'), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    keys = {p.key for p in info.value.problems}
    assert {"goals.community_village", "indicators.success_rate.denominator"} <= keys


def test_at_least_needs_a_sensible_minimum(tmp_path):
    path = write_variant(tmp_path, 'rule = "all_core"', 'rule = "at_least"')
    path.write_text(path.read_text(encoding="utf-8").replace("min_passed = 4", "min_passed = 7"), encoding="utf-8")
    message = error_of(path)
    assert "[standard.min_passed]" in message and "1 到 4" in message and "from 1 to 4" in message


def test_toml_syntax_error_gives_the_line(tmp_path):
    message = error_of(write_variant(tmp_path, "base_year = 2016", "base_year = = 2016"))
    assert "TOML 语法错误" in message and "TOML syntax error" in message
    assert "第 20 行第 13 列" in message and "line 20, column 13" in message


def test_missing_file(tmp_path):
    message = error_of(tmp_path / "nowhere.toml")
    assert "nowhere.toml" in message and "无法读取文件" in message and "cannot read the file" in message


# ---- [status]: named presets of cut-offs (issue 8) ---------------------------------------------------------

CUSTOM_TABLE = "\n[status.presets.custom]\n"


def test_presets_carry_their_methods_cut_offs_and_a_citation():
    presets = load_config().status_presets
    assert set(presets) == {"open_sdg", "un_progress_chart", "custom"}
    open_sdg, un = presets["open_sdg"], presets["un_progress_chart"]
    # Open SDG, indicators with quantitative targets: 95 % / 60 % / 0 %
    assert (open_sdg.on_track, open_sdg.acceleration_needed, open_sdg.limited_progress) == (0.95, 0.60, 0.0)
    assert "Open SDG" in open_sdg.citation and open_sdg.url.startswith("https://open-sdg.readthedocs.io/")
    # UN Statistics Division Progress Chart, indicators with a numerical target: 95 % / 50 % / −10 %
    assert (un.on_track, un.acceleration_needed, un.limited_progress) == (0.95, 0.50, -0.10)
    assert "Progress Chart" in un.citation and un.url.startswith("https://unstats.un.org/")
    assert all(p.name_zh and p.name_en for p in presets.values())


def test_choosing_a_preset_makes_its_cut_offs_the_active_ones(tmp_path):
    cfg = load_config(write_variant(tmp_path, 'preset = "open_sdg"', 'preset = "un_progress_chart"'))
    assert cfg.status.preset == "un_progress_chart"
    assert (cfg.status.on_track, cfg.status.acceleration_needed, cfg.status.limited_progress) == (0.95, 0.5, -0.1)
    assert cfg.status.name_en == cfg.status_presets["un_progress_chart"].name_en


def test_a_provinces_own_cut_offs_in_the_custom_preset(tmp_path):
    custom = (
        '[status.presets.custom]\nname_zh = "苏省自定"\nname_en = "Jiangsu\'s own"\n'
        "on_track = 0.90\nacceleration_needed = 0.70\nlimited_progress = 0.10\n"
    )
    text = PACKAGED_TEXT.replace('preset = "open_sdg"', 'preset = "custom"', 1)
    text = text[: text.index(CUSTOM_TABLE)] + "\n" + custom
    path = tmp_path / "custom.toml"
    path.write_text(text, encoding="utf-8")
    cfg = load_config(path)
    assert (cfg.status.preset, cfg.status.name_zh) == ("custom", "苏省自定")
    assert (cfg.status.on_track, cfg.status.acceleration_needed, cfg.status.limited_progress) == (0.9, 0.7, 0.1)
    assert cfg.status.citation == ""


@pytest.mark.parametrize(
    ("old", "new", "key", "zh", "en"),
    [
        (
            'preset = "open_sdg"',
            'preset = "sdsn"',
            "status.preset",
            "没有这一套进度状态分界值，可选：open_sdg, un_progress_chart, custom",
            "no such set of status cut-offs; available: open_sdg, un_progress_chart, custom",
        ),
        (
            "acceleration_needed = 0.50",
            "acceleration_needed = 0.99",
            "status.presets.un_progress_chart",
            "on_track > acceleration_needed > limited_progress",
            "on_track > acceleration_needed > limited_progress",
        ),
        (
            "limited_progress = -0.10",
            "limited_progress = nan",
            "status.presets.un_progress_chart.limited_progress",
            "应为有限的数字",
            "finite",
        ),
        ('name_en = "The province\'s own"', "", "status.presets.custom.name_en", "缺少必填项", "Field required"),
    ],
)
def test_bad_status_settings_are_reported_bilingually(tmp_path, old, new, key, zh, en):
    message = error_of(write_variant(tmp_path, old, new))
    assert f"[{key}]" in message
    assert zh in message and en in message


def test_on_track_must_be_a_positive_share_of_the_required_pace(tmp_path):
    text = PACKAGED_TEXT.replace('preset = "open_sdg"', 'preset = "custom"', 1)
    head, custom = text.split(CUSTOM_TABLE)
    changes = {"on_track = 0.95": "on_track = 0.0", "acceleration_needed = 0.60": "acceleration_needed = -0.5",
               "limited_progress = 0.0": "limited_progress = -1.0"}  # fmt: skip
    for old, new in changes.items():
        custom = custom.replace(old, new)
    path = tmp_path / "zero.toml"
    path.write_text(head + CUSTOM_TABLE + custom, encoding="utf-8")
    message = error_of(path)
    assert "[status.presets.custom.on_track]" in message
    assert "必须大于 0" in message and "must be above 0" in message


def test_cut_offs_written_directly_under_status_say_where_they_belong_now(tmp_path):
    text = PACKAGED_TEXT[: PACKAGED_TEXT.index("[status]")]
    text += "[status]\non_track = 0.95\nacceleration_needed = 0.50\nlimited_progress = 0.0\n"
    path = tmp_path / "old-layout.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert [p.key for p in info.value.problems] == ["status"]  # one clear problem, not four pydantic ones
    message = str(info.value)
    assert "[status.presets.custom]" in message and 'preset = "custom"' in message
    assert "不再直接写在 [status] 下" in message and "no longer sit directly under [status]" in message


def test_store_keeps_ten_versions_and_a_file_without_store_keeps_ten_too(tmp_path):
    assert load_config().store.keep_versions == 10
    without = tmp_path / "without-store.toml"
    without.write_text(re.sub(r"(?ms)^\[store\]\n.*?(?=^\[|\Z)", "", PACKAGED_TEXT), encoding="utf-8")
    assert "keep_versions" not in without.read_text(encoding="utf-8")
    assert load_config(without).store.keep_versions == 10
    assert load_config(write_variant(tmp_path, "keep_versions = 10", "keep_versions = 3")).store.keep_versions == 3


def test_keep_versions_below_one_is_refused_naming_the_setting(tmp_path):
    message = error_of(write_variant(tmp_path, "keep_versions = 10", "keep_versions = 0"))
    assert "store.keep_versions" in message and "0" in message


@pytest.mark.parametrize(("value", "zh"), [("1.5", "数值过大"), ("-0.1", "数值过小"), ('"half"', "")])
def test_the_import_limit_must_be_a_share(tmp_path, value, zh):
    message = error_of(write_variant(tmp_path, "max_removed_share = 0.5", f"max_removed_share = {value}"))
    assert "[imports.max_removed_share]" in message and zh in message


def test_a_file_without_the_imports_section_keeps_the_packaged_limit(tmp_path):
    packaged = load_config().imports.max_removed_share
    start = PACKAGED_TEXT.index("\n[imports]")
    end = PACKAGED_TEXT.find("\n[", start + 1)
    path = tmp_path / "older.toml"
    path.write_text(PACKAGED_TEXT[:start] + (PACKAGED_TEXT[end:] if end != -1 else "\n"), encoding="utf-8")
    assert load_config(path).imports.max_removed_share == packaged
    tighter = write_variant(tmp_path, "max_removed_share = 0.5", "max_removed_share = 0.2", name="tighter.toml")
    assert load_config(tighter).imports.max_removed_share == 0.2
