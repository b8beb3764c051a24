"""口径与方法: every number on the page comes from the configuration (or, for the worked example and the data
version, from the data). Changing the configuration changes the page; nothing is hard-coded."""

from __future__ import annotations

import re

import pytest
from dash import dcc

from chuangye.config.loader import StatusCutoffs, load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import STATUSES
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.numbers import percent_text
from chuangye.web.pages.method import ids
from chuangye.web.pages.method.layout import layout
from chuangye.web.validation import components
from chuangye.web.viewstate import ViewState

PACKAGED = load_config()


def other_config():
    """The packaged configuration with every goal, threshold, cut-off and year changed to a value it never has."""
    goals = {"street_town": 0.83, "community_village": 0.67, "park": 0.93}
    thresholds = {
        unit_type: {code: round(value * 0.9 + 0.001, 4) for code, value in table.items()}
        for unit_type, table in PACKAGED.thresholds.items()
    }
    presets = {
        name: preset.model_copy(update={"on_track": 0.91, "acceleration_needed": 0.57, "limited_progress": -0.03})
        for name, preset in PACKAGED.status_presets.items()
    }
    status = presets["un_progress_chart"]  # another preset active, too
    return PACKAGED.model_copy(
        update={
            "base_year": 2017,
            "target_year": 2021,
            "goals": goals,
            "thresholds": thresholds,
            "status": status,
            "status_presets": presets,
            "goals_source": "某省某号文件",
        }
    )


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("method-page"))
    store.ensure_initialised(SAMPLE_DIR)
    return store.active()


def page_text(component, skip: tuple[str, ...] = ()) -> str:
    """Every string the page shows (its components' children), joined; subtrees with an id in ``skip`` left out."""
    if isinstance(component, str | int | float) and not isinstance(component, bool):
        return str(component)
    if isinstance(component, list | tuple):
        return "\n".join(page_text(c, skip) for c in component)
    if getattr(component, "id", None) in skip or not hasattr(component, "children"):
        return ""
    return page_text(component.children, skip) if component.children is not None else ""


def config_numbers(cfg) -> set[str]:
    """Every number of the configuration as the page writes it."""
    shown = {percent_text(goal, 0) for goal in cfg.goals.values()}
    for table in cfg.thresholds.values():
        for code, value in table.items():
            if cfg.indicators[code].is_share:
                shown.add(percent_text(value))
    for preset in cfg.status_presets.values():
        shown |= {percent_text(v, 0) for v in (preset.on_track, preset.acceleration_needed, preset.limited_progress)}
    return shown | {str(cfg.base_year), str(cfg.target_year)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_every_number_of_the_configuration(dataset, lang):
    for cfg in (PACKAGED, other_config()):
        text = page_text(layout(ViewState(page="method", lang=lang), Analytics(dataset, cfg)))
        missing = {n for n in config_numbers(cfg) if n not in text}
        assert not missing, missing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changing_the_configuration_changes_the_page(dataset, lang):
    view = ViewState(page="method", lang=lang)
    before = layout(view, Analytics(dataset, PACKAGED))
    cfg = other_config()
    after = layout(view, Analytics(dataset, cfg))
    # what is written from the configuration alone: all but the worked example and the data's sources
    from_data = (ids.EXAMPLE, ids.section("sources"))
    old, new = page_text(before, from_data), page_text(after, from_data)
    gone = config_numbers(PACKAGED) - config_numbers(cfg)
    assert gone, "the other configuration changes every value"
    for number in gone:
        assert number in old
        pattern = rf"(?<![\d.−-]){re.escape(number)}(?!–)"  # "0%–100%" bounds every share, whatever the config
        assert not re.search(pattern, new), f"{number} is still on the page with another configuration"
    assert str(cfg.base_year) in new and str(cfg.target_year) in new
    assert cfg.goals_source in page_text(after)


def test_the_active_preset_is_named_with_its_cut_offs_and_citation(dataset):
    cfg = other_config()
    text = page_text(layout(ViewState(page="method", lang="en"), Analytics(dataset, cfg)))
    assert cfg.status.name_en in text and cfg.status.citation in text
    assert f"Ratio ≥ {percent_text(cfg.status.on_track, 0)}" in text
    assert f"{percent_text(cfg.status.acceleration_needed, 0)} ≤ ratio < {percent_text(cfg.status.on_track, 0)}" in text
    zh = page_text(layout(ViewState(page="method", lang="zh"), Analytics(dataset, cfg)))
    assert cfg.status.name_zh in zh and "（当前）" in zh


def test_every_status_has_an_anchor_a_badge_and_an_explanation(dataset):
    page = layout(ViewState(page="method", lang="zh"), Analytics(dataset, PACKAGED))
    found = {c.id: c for c in components(page) if isinstance(getattr(c, "id", None), str)}
    for status in STATUSES:
        assert ids.status_anchor(status) in found, status
    for name in ids.SECTIONS:
        assert ids.section(name) in found
    # the Method page's own badges explain, they do not link back to themselves
    assert not [c for c in components(page) if isinstance(c, dcc.Link) and "#status-" in (c.href or "")]


def test_a_custom_rule_and_preset_are_explained_from_the_configuration(dataset):
    cfg = PACKAGED.model_copy(
        update={
            "standard": PACKAGED.standard.model_copy(update={"rule": "at_least", "min_passed": 3}),
            "status": StatusCutoffs(
                on_track=0.88, acceleration_needed=0.44, limited_progress=0.11, name_zh="苏省自定", name_en="own"
            ),
        }
    )
    text = page_text(layout(ViewState(page="method", lang="zh"), Analytics(dataset, cfg)))
    assert "至少 3 项" in text and "苏省自定" in text
    assert "比值 ≥ 88%" in text and "44% ≤ 比值 < 88%" in text and "11% ≤ 比值 < 44%" in text
