"""The region report's charts as built (the browser replaced by a recorder): before the first certification round
the map and the ranking show the baseline meeting the standard, not a row of "0.0%", as the overview does; from
the first round on they show the report's basis. Expected values come from the engine."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import chuangye.exports.report.build as build
from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.engine.progress import first_round_year
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.strings.numbers import percent_text


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("report-charts"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


@pytest.fixture
def drawn(monkeypatch) -> list[go.Figure]:
    """The decorated figures the report would render, in order; each "renders" to a stub PNG."""
    figures: list[go.Figure] = []

    def record(figure, p, fmt, **_):
        figures.append(figure)
        return b"png"

    monkeypatch.setattr(build, "render_decorated", record)
    monkeypatch.setattr(build, "compact_png", lambda png: png)
    return figures


def ranking_labels(figure: go.Figure) -> dict[str, str]:
    """City name → the value label right of its bar."""
    return {a.y: a.text for a in figure.layout.annotations if a.xref == "paper" and a.yref == "y"}


def city_names(an: Analytics, frame: pd.DataFrame) -> list[str]:
    return [an.region_name(code, "zh") for code in frame["region_code"]]


def first_ranking(figures: list[go.Figure]) -> go.Figure:
    """The first section's ranking: the first figure of horizontal bars."""
    return next(f for f in figures if any(tr.type == "bar" and tr.orientation == "h" for tr in f.data))


def test_before_the_first_round_the_map_and_ranking_show_the_baseline(an, drawn):
    year = an.years[0]
    first = first_round_year(an.dataset.certifications)
    assert first is None or year < first  # the sample's base year has no round
    report = build.build_report(an, an.regions.root, year, "zh", browser=object())
    section = report.sections[0]
    unit_type = section.unit_type
    meets = an.coverage(basis="meets", level="city", parent=an.regions.root, year=year, unit_type=unit_type)
    assert any(coverage > 0 for coverage in meets["coverage"])
    ranking = first_ranking(drawn)
    labels = ranking_labels(ranking)
    for name, coverage in zip(city_names(an, meets), meets["coverage"], strict=True):
        assert labels[name].startswith(percent_text(coverage)), (name, labels[name])  # not "0.0%"
    assert t("basis_meets", "zh") in ranking.layout.title.subtitle.text  # the subtitle names the basis shown
    titles = {figure.key: figure.title for figure in section.figures}
    names = {"year": year, "parent": an.region_name(an.regions.root, "zh"), "level": t("exp_level_city", "zh")}
    names["type"] = t(f"type_{unit_type}", "zh")
    assert titles["ranking"] == t("exp_fig_ranking_base", "zh", **names)
    assert titles["map"] == t("exp_fig_map_base", "zh", **names)


def test_after_the_first_round_the_charts_keep_the_reports_basis(an, drawn):
    year = an.years[-1]
    report = build.build_report(an, an.regions.root, year, "zh", browser=object())
    section = report.sections[0]
    titles = {figure.key: figure.title for figure in section.figures}
    assert "基线" not in titles["ranking"] and "基线" not in titles["map"]
    certified = an.coverage(level="city", parent=an.regions.root, year=year, unit_type=section.unit_type)
    ranking = first_ranking(drawn)
    labels = ranking_labels(ranking)
    for name, coverage in zip(city_names(an, certified), certified["coverage"], strict=True):
        assert labels[name].startswith(percent_text(coverage))
    assert t("basis_certified", "zh") in ranking.layout.title.subtitle.text
