"""Names reach plotly escaped (issue 9): plotly reads its texts as HTML (<b>, <a href>, <br> format, other tags
vanish, entities decode), so a name must arrive with ``&``, ``<`` and ``>`` escaped to be drawn as typed."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chuangye.figures.maps import hover_lines
from chuangye.figures.overview import ranking_figure
from chuangye.figures.peers import pass_share_bars, peer_bars
from chuangye.figures.style import plain_text

NAMES = ["<b>粗体</b>街道", "<a href='http://example.com'>链接</a>社区", "&lt;已转义&gt;A&B社区"]


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ("<b>粗体</b>街道", "&lt;b&gt;粗体&lt;/b&gt;街道"),
        ("A&B社区", "A&amp;B社区"),
        ("&lt;已转义&gt;", "&amp;lt;已转义&amp;gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("梅园新村街道", "梅园新村街道"),
    ],
)
def test_plain_text_escapes_what_plotly_reads_as_markup(name, sent):
    assert plain_text(name) == sent


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["320102", "320104", "320105"],
            "region_name": NAMES,
            "coverage": [0.5, 0.7, 0.9],
            "goal": [0.8] * 3,
            "gap_points": [-30.0, -10.0, 10.0],
            "gap_units": [3.0, 1.0, 0.0],
            "status": ["on_track"] * 3,
            "units_in_scope": [10] * 3,
            "parent_code": ["320100"] * 3,
        }
    )


def assert_only_escaped(figure) -> None:
    plain = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    text = json.dumps(plain, ensure_ascii=False, default=str)
    for name in NAMES:
        assert plain_text(name) in text
        assert name not in text


def test_map_hover_names_are_escaped():
    assert_only_escaped({"text": hover_lines(frame(), "zh")})


def test_ranking_and_peer_names_are_escaped():
    assert_only_escaped(ranking_figure(frame().assign(unit_type="street_town"), "street_town", "zh"))
    assert_only_escaped(peer_bars(frame(), "320102", 0.8, 0.6, "zh"))


def test_subject_name_in_the_pass_share_legend_is_escaped():
    comparison = pd.DataFrame(
        {"name_zh": ["指标"], "name_en": ["Indicator"], "pass_share": [0.5], "province_pass_share": [0.6]}
    )
    figure = pass_share_bars(comparison, NAMES[0], "zh")
    plain = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    assert [trace.get("name") for trace in plain["data"]][1] == plain_text(NAMES[0])
