"""Exports without a browser: narrative sentences, report content, font subsetting, PDF text maps, CLI."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from fontTools.ttLib import TTFont

from chuangye.cli.main import build_parser
from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.exports.fonts import EMBEDDED_FAMILY, embed_font_in_svg, embedded_font_faces, svg_text
from chuangye.exports.pdf import _fix_cmap
from chuangye.exports.report.build import build_report, units_below_standard
from chuangye.exports.report.model import ReportError
from chuangye.exports.report.narrative import children_sentence, coverage_sentences
from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[5]


@pytest.fixture(scope="module")
def an(tmp_path_factory) -> Analytics:
    store = Store(tmp_path_factory.mktemp("exports-text"))
    store.ensure_initialised(SAMPLE_DIR)
    return Analytics(store.active(), load_config())


def row(**values) -> pd.Series:
    base = {
        "unit_type": "street_town",
        "year": 2019,
        "units_in_scope": 101,
        "certified_cumulative": 85,
        "meets_standard": 90,
        "coverage": 85 / 101,
        "goal": 0.8,
        "gap_points": (0.8 - 85 / 101) * 100,
        "gap_units": 0,
        "observed_pace": 28.0,
        "required_pace": 20.0,
        "required_pace_from_now": 0.0,
        "projected_coverage_target": 1.0,
        "units_needed_per_year": 0,
        "status": "achieved",
    }
    return pd.Series({**base, **values})


def say(r: pd.Series, lang: str = "zh") -> dict[str, str]:
    return coverage_sentences(r, "南京市" if lang == "zh" else "Nanjing", basis="certified", base_year=2016,
                              target_year=2020, lang=lang)  # fmt: skip


def test_sentences_follow_the_numbers() -> None:
    above = say(row())
    assert above["level"] == "截至2019年底，南京市街道(乡镇)覆盖率为84.2%（85/101），已超过80%的目标。"
    assert "pace" not in above and "needed" not in above and above["status"] == "进度状态：已达目标。"

    behind = say(row(year=2018, coverage=0.55, certified_cumulative=56, gap_points=25.0, gap_units=26,
                     observed_pace=18.3, required_pace=20.0, projected_coverage_target=0.733,
                     units_needed_per_year=13, required_pace_from_now=12.5, status="acceleration_needed"))  # fmt: skip
    assert behind["level"].startswith("截至2018年底，南京市街道(乡镇)覆盖率为55.0%（56/101）")
    assert "距80%的目标还差25.0个百分点（尚差26个街道(乡镇)）" in behind["level"]
    assert behind["pace"].startswith("2016年以来年均提高18.3个百分点，低于如期达标所需的20.0个百分点")
    assert "仅能达到73.3%" in behind["pace"]
    assert behind["needed"] == "要在2020年底达到目标，今后每年需新增13个街道(乡镇)（年均提高12.5个百分点）。"
    assert behind["status"] == "进度状态：需要加速。"
    one_year_left = say(row(coverage=0.55, gap_points=25.0, gap_units=26, units_needed_per_year=26))
    assert "needed" not in one_year_left  # "26 more per year" would repeat "26 short"

    fast = say(row(coverage=0.7, year=2018, gap_points=10.0, gap_units=11, observed_pace=23.0,
                   projected_coverage_target=0.93, units_needed_per_year=6, required_pace_from_now=5.0,
                   status="on_track"), "en")  # fmt: skip
    assert fast["pace"].startswith("Since 2016 it has risen 23.0 points a year, faster than the 20.0 points needed")
    assert "6 more streets/towns are needed each year" in fast["needed"]

    falling = say(row(coverage=0.3, gap_points=50.0, gap_units=51, observed_pace=-2.0, status="deterioration"))
    assert falling["pace"] == "与2016年相比覆盖率不升反降（年均-2.0个百分点）。"

    late = say(row(year=2020, coverage=0.75, gap_points=5.0, gap_units=6, units_needed_per_year=pd.NA,
                   status="limited_progress"))  # fmt: skip
    assert late["needed"] == "目标年份已到，仍需6个街道(乡镇)才能达到目标。" and "pace" not in late

    empty = say(row(coverage=float("nan")))
    assert empty == {"level": "南京市街道(乡镇)暂无覆盖率数据。"}


def test_children_sentence_names_best_and_worst() -> None:
    kids = pd.DataFrame(
        {
            "region_code": ["a", "b", "c"],
            "region_name": ["玄武区", "江宁区", "秦淮区"],
            "coverage": [1.0, 0.4, 0.8],
            "goal": [0.8, 0.8, 0.8],
        }
    )
    assert (
        children_sentence(kids, "county", "zh")
        == "3个县(市、区)中2个已达到目标；玄武区最高（100.0%），江宁区最低（40.0%）。"
    )
    low = kids.assign(coverage=[0.5, 0.4, 0.6])
    assert children_sentence(low, "county", "en").startswith("None of the 3 counties has reached the goal yet")
    assert children_sentence(kids.head(1), "county", "zh") is None


def test_report_content_matches_analytics(an: Analytics) -> None:
    content = build_report(an, "320100", 2019, "zh", charts=False)
    expected = an.coverage(basis="certified", region="320100", year=2019).set_index("unit_type")
    headline = content.headline.frame.set_index("unit_type")
    for unit_type in ("street_town", "community_village", "park"):
        assert headline.at[unit_type, "coverage"] == expected.at[unit_type, "coverage"]
        assert headline.at[unit_type, "reached"] == expected.at[unit_type, "certified_cumulative"]
        assert headline.at[unit_type, "gap_units"] == expected.at[unit_type, "gap_units"]
    first = f"截至2019年底，南京市街道(乡镇)覆盖率为{expected.at['street_town', 'coverage'] * 100:.1f}%"
    assert content.summary[0].startswith(first)
    assert [s.unit_type for s in content.sections] == ["street_town", "community_village", "park"]
    section = content.sections[0]
    assert section.heading == "二、街道(乡镇)"
    assert "在江苏省13个设区市中位列第" in section.paragraphs[0]
    children = section.tables[0].frame
    county_rows = an.coverage(basis="certified", level="county", parent="320100", year=2019, unit_type="street_town")
    assert sorted(children["region_code"]) == sorted(county_rows["region_code"])
    assert children["coverage"].is_monotonic_decreasing
    assert content.header_text.startswith("南京市 · 2019年 · 数据版本 ")
    assert content.version_id in content.header_text

    # the unit lists: below the standard that year, closest = fewest failing indicators first
    below = units_below_standard(an, "320100", "city", 2019, "street_town", "zh")
    assert below["n_failing"].is_monotonic_increasing
    ui = an.unit_indicators
    flags = ui[(ui["year"] == 2019) & ui["unit_code"].isin(below["unit_code"])]["meets_standard"]
    assert len(flags) == len(below) and not flags.astype(bool).any()
    assert section.tables[1].frame["unit_code"].tolist() == below["unit_code"].head(8).tolist()


def test_county_and_english_report(an: Analytics) -> None:
    content = build_report(an, "320102", 2019, "en", basis="meets", charts=False)
    assert content.region_name == "Xuanwu District"
    assert content.title == "Xuanwu District: entrepreneurship-type units, progress report 2019"
    peers = content.sections[0].tables[0].frame
    assert "Xuanwu District (this region)" in set(peers["region_name"])  # the county among its city's counties
    assert content.sections[0].paragraphs[0].startswith("By the end of 2019, coverage of streets/towns in Xuanwu")
    assert "Coverage = units meeting all four core indicators" in content.notes[0]
    with pytest.raises(ReportError, match="999999"):
        build_report(an, "999999", 2019, charts=False)
    with pytest.raises(ReportError, match="2031"):
        build_report(an, "320100", 2031, charts=False)


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><g>'
    "<text style=\"font-family: 'Noto Sans CJK SC', &quot;Microsoft YaHei&quot;, sans-serif; font-size: 12px;\""
    ' x="0" y="20">南京市覆盖率 84.2%</text><text font-family="sans-serif" y="35">目标</text></g></svg>'
)


def test_svg_gets_a_subset_font_with_its_characters() -> None:
    assert set("南京市覆盖率84.2%目标") <= set(svg_text(SVG))
    out = embed_font_in_svg(SVG)
    root = ET.fromstring(out)  # still well-formed XML
    (face,) = embedded_font_faces(out)
    font = TTFont(io.BytesIO(face))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "南京市覆盖率目标84.2%")
    assert len(cmap) < 200 and len(face) < 40_000  # a subset, not the 16 MB collection
    families = [el.get("style") or el.get("font-family") for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert all(EMBEDDED_FAMILY in f for f in families)
    assert "&quot;Microsoft YaHei&quot;" not in out.split("</style>", 1)[1]  # the old family list was replaced


def test_cmap_fix_maps_kangxi_radicals_to_ideographs() -> None:
    cmap = (
        "begincmap\n2 beginbfchar\n<0C> <2F6C>\n<0D> <6807>\nendbfchar\n"
        "1 beginbfrange\n<10> <12> <2F5E>\nendbfrange\nendcmap"
    )
    fixed = _fix_cmap(cmap)
    assert "<0C> <76EE>" in fixed  # ⽬ (U+2F6C) → 目
    assert "<0D> <6807>" in fixed
    assert "<10> <7384>" in fixed  # ⽞ → 玄, the range split into single entries
    assert "2F5E" not in fixed and "beginbfrange" not in fixed
    assert "3 beginbfchar" in fixed
    assert _fix_cmap("begincmap\n1 beginbfchar\n<01> <5357>\nendbfchar\nendcmap") is None


def test_cli_report_arguments() -> None:
    args = build_parser().parse_args(["report", "--region", "320100", "--year", "2019", "--out", "x.pdf"])
    assert (args.region, args.year, args.fmt, args.lang, args.basis) == ("320100", 2019, "pdf", "zh", "certified")
    # help is in the language chosen before parsing (Chinese unless --lang en / $CHUANGYE_LANG=en)
    helps = build_parser()._subparsers._group_actions[0].choices["report"].format_help()
    assert "输出文件路径" in helps and "output file path" not in helps
    english = build_parser("en")._subparsers._group_actions[0].choices["report"].format_help()
    assert "output file path" in english
