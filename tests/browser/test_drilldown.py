"""地图钻取 in a real browser: drill province → city → county → unit by map and table clicks, go back up by
the breadcrumb and the back button, reopen a deep link, recolour with small patches, all offline."""

from __future__ import annotations

import pytest
import shapely
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from shapely.ops import polylabel

from tests.browser.conftest import (
    assert_clean_console,
    assert_no_outside_requests,
    click,
    current_query,
    focus_grid_row,
    focused_row,
    open_path,
    press,
    snap,
    wait_for,
    wait_idle,
    wait_settled,
)

NANJING = "320100"
XUANWU = "320102"
SUZHOU = "320500"
SIP = "320576"  # 苏州工业园区: a statistical development zone drawn over its host county
PROVINCE = "320000"


def wait_query(dash_duo, **expected: str | None) -> None:
    def matches() -> bool:
        query = current_query(dash_duo)
        return all(query.get(k) == v for k, v in expected.items())

    wait_for(matches, message=f"URL query never matched {expected}: {current_query(dash_duo)}")
    wait_idle(dash_duo)


def crumbs(dash_duo) -> list[str]:
    return [el.text.strip() for el in dash_duo.find_elements("#dd-breadcrumb li")]


def grid_codes(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#dd-grid .ag-center-cols-container .ag-row'))"
        ".map(r => r.getAttribute('row-id'))"
    )


def click_in_view(dash_duo, selector: str) -> None:
    """A click on an element brought to the middle of the window first (the page may be scrolled away from it)."""
    click(dash_duo, dash_duo.find_element(selector))


def click_grid_row(dash_duo, code: str) -> None:
    wait_for(lambda: code in grid_codes(dash_duo), message=f"row {code} not in the table")
    click_in_view(dash_duo, f"#dd-grid .ag-center-cols-container .ag-row[row-id='{code}'] .ag-cell")


GD = "const gd = document.querySelector('#dd-map .js-plotly-plot');"

# What plotly's hover names under the pointer, first point first: a region's code (map) or a unit's code
# (the first custom datum of a marker). A click on the map sends exactly these points (plotly does not
# look again at the click), so the pointer must be over the target *and* plotly must have seen it there.
HOVERED = (
    GD
    + """
return (gd._hoverdata || []).map(p => p.location !== undefined ? p.location
    : (Array.isArray(p.customdata) ? p.customdata[0] : p.customdata));
"""
)


def region_interior(dash_duo, code: str, trace: int = 0) -> tuple[float, float]:
    """lon/lat of the point of a region's drawn shape farthest from its edges (its largest part's pole of
    inaccessibility): a click there is inside the region even when the region is a few pixels wide."""
    geometry = dash_duo.driver.execute_script(
        GD + "return gd.data[arguments[1]].geojson.features.find(f => f.id === arguments[0]).geometry;",
        code,
        trace,
    )
    shape = shapely.geometry.shape(geometry)
    if shape.geom_type == "MultiPolygon":
        shape = max(shape.geoms, key=lambda part: part.area)
    point = polylabel(shape, tolerance=1e-5)
    return point.x, point.y


def map_point(dash_duo, lon: float, lat: float) -> tuple[float, float]:
    """Where a lon/lat is now on the MapLibre map, in viewport pixels."""
    return tuple(
        dash_duo.driver.execute_script(
            GD
            + """
            const map = gd._fullLayout.map._subplot.map;
            const box = map.getCanvas().getBoundingClientRect();
            const p = map.project([arguments[0], arguments[1]]);
            return [box.left + p.x, box.top + p.y];
            """,
            lon,
            lat,
        )
    )


def unit_marker_point(dash_duo, code: str) -> tuple[float, float]:
    """Where a unit's marker is now on the cartesian county map, in viewport pixels."""
    return tuple(
        dash_duo.driver.execute_script(
            GD
            + """
            const trace = gd.data.find(t => t.name === 'units');
            const i = trace.customdata.findIndex(c => c[0] === arguments[0]);
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return [box.left + xa.l2p(trace.x[i]), box.top + ya.l2p(trace.y[i])];
            """,
            code,
        )
    )


def click_on_map(dash_duo, code: str, locate) -> None:
    """A real mouse click on ``code``.

    The map in view and at rest first (drawn, not moving, its view unchanged for a while, so the page's refit
    after a resize is done; no callback pending). Then the pointer goes to ``locate()`` in viewport pixels (no
    element-relative offset: Selenium 4.2 takes those from the in-view part of an element, which is off when
    the map is cut by the window's bottom edge), asked again if the map moved, until plotly's hover names
    ``code``; then the button is pressed and released where the pointer is."""
    driver = dash_duo.driver
    driver.execute_script("document.querySelector('#dd-map').scrollIntoView({block: 'center', behavior: 'instant'})")
    wait_settled(dash_duo)
    seen: dict = {}

    def pointing_at_code() -> bool:
        x, y = (round(v) for v in locate())
        if seen.get("at") != (x, y):
            move = ActionBuilder(driver)
            move.pointer_action.move_to_location(x, y)
            move.perform()
            seen["at"] = (x, y)
        seen["hovered"] = driver.execute_script(HOVERED)
        return seen["hovered"][:1] == [code]

    wait_for(pointing_at_code, 20, lambda: f"the pointer at {seen.get('at')} is over {seen.get('hovered')}, not {code}")
    ActionChains(driver).click().perform()


def test_drill_down_and_back_up(dash_duo):
    open_path(dash_duo, "/map", "#dd-map .js-plotly-plot")
    dash_duo.wait_for_contains_text("#dd-table-title", "(13)", timeout=20)
    assert crumbs(dash_duo) == ["江苏省"]
    assert len(grid_codes(dash_duo)) == 13
    assert "覆盖率" in dash_duo.find_element("#dd-map-title").text
    snap(dash_duo, "drill-province-zh")

    # province → city: a real mouse click on Nanjing on the MapLibre map
    nanjing = region_interior(dash_duo, NANJING)
    click_on_map(dash_duo, NANJING, lambda: map_point(dash_duo, *nanjing))
    wait_query(dash_duo, region=NANJING)
    dash_duo.wait_for_contains_text("#dd-breadcrumb", "南京市", timeout=20)
    assert crumbs(dash_duo) == ["江苏省", "南京市"]
    codes = grid_codes(dash_duo)
    assert XUANWU in codes and all(c.startswith("3201") for c in codes)
    snap(dash_duo, "drill-city-zh")

    # the table's search box filters by name or (hidden column) code
    search = dash_duo.find_element("#dd-search")
    search.send_keys("玄武")
    wait_for(lambda: grid_codes(dash_duo) == [XUANWU], message="search by name did not filter")
    search.clear()
    search.send_keys("320104")
    wait_for(lambda: grid_codes(dash_duo) == ["320104"], message="search by code did not filter")

    # city → county: a row of the children table; the search box empties for the new table
    click_grid_row(dash_duo, "320104")
    wait_query(dash_duo, region="320104")
    wait_for(lambda: search.get_attribute("value") == "", message="search box not cleared")
    dash_duo.driver.back()
    wait_query(dash_duo, region=NANJING)
    click_grid_row(dash_duo, XUANWU)
    wait_query(dash_duo, region=XUANWU)
    dash_duo.wait_for_contains_text("#dd-table-title", "街道(乡镇)名单", timeout=20)
    assert crumbs(dash_duo) == ["江苏省", "南京市", "玄武区"]
    assert "位置为示意" in dash_duo.find_element("#dd-map-note").text
    units = grid_codes(dash_duo)
    assert units and all(len(c) == 9 and c.startswith(XUANWU) for c in units)
    snap(dash_duo, "drill-county-zh")

    # county → unit: a real click on the unit's marker
    unit = units[0]
    click_on_map(dash_duo, unit, lambda: unit_marker_point(dash_duo, unit))
    wait_query(dash_duo, region=XUANWU, unit=unit)
    dash_duo.wait_for_element("#dd-unit-card", timeout=20)
    assert len(crumbs(dash_duo)) == 4
    link = dash_duo.find_element("#dd-unit-link").get_attribute("href")
    assert "/unit?" in link and f"unit={unit}" in link
    assert len(dash_duo.find_elements("#dd-unit-indicators tbody tr")) == 4
    ring = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#dd-map .js-plotly-plot');"
        "const t = gd.data.find(t => t.name === 'selected'); return t.x.length;"
    )
    assert ring == 1
    snap(dash_duo, "drill-unit-zh")

    # up by the breadcrumb, then the browser's back button returns to the unit
    dash_duo.find_element("#dd-crumb-city").click()
    wait_query(dash_duo, region=NANJING, unit=None)
    dash_duo.wait_for_contains_text("#dd-table-title", "各县(市、区)", timeout=20)
    wait_settled(dash_duo)
    assert current_query(dash_duo).get("region") == NANJING  # and it stays there
    assert crumbs(dash_duo) == ["江苏省", "南京市"]
    dash_duo.driver.back()
    wait_query(dash_duo, region=XUANWU, unit=unit)
    dash_duo.wait_for_element("#dd-unit-card", timeout=20)
    dash_duo.driver.back()
    wait_query(dash_duo, region=XUANWU, unit=None)
    wait_for(lambda: not dash_duo.find_elements("#dd-unit-card"), message="unit card still shown")
    assert_clean_console(dash_duo)
    assert_no_outside_requests(dash_duo)


def test_deep_link_reopens_the_view(dash_duo, seeded_store):
    from chuangye.data.store import Store
    from chuangye.engine.drilldown import drill_data
    from chuangye.engine.manager import DataManager

    # a village of Xuanwu that is certified by 2019
    an = DataManager(Store(seeded_store)).current()
    states = drill_data(an).unit_states(XUANWU, 2019, "community_village")
    village = states.loc[states["state"] == "certified", "unit_code"].iloc[0]
    name = states.loc[states["unit_code"] == village, "name"].iloc[0]

    open_path(dash_duo, f"/map?region={XUANWU}&unit={village}&type=community_village&year=2019", "#dd-unit-card")
    dash_duo.wait_for_contains_text("#dd-unit-card", name, timeout=20)
    assert crumbs(dash_duo)[-1] == name
    assert crumbs(dash_duo)[:3] == ["江苏省", "南京市", "玄武区"]
    assert "已认定" in dash_duo.find_element("#dd-unit-state").text
    dash_duo.wait_for_contains_text("#dd-table-title", "社区(村)名单", timeout=20)
    assert current_query(dash_duo)["type"] == "community_village"
    selected = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#dd-map .js-plotly-plot');"
        "const t = gd.data.find(t => t.name === 'selected'); return [t.x.length, gd.data.length];"
    )
    assert selected[0] == 1
    assert_clean_console(dash_duo)

    # English: the same view, translated
    dash_duo.find_element("#lang-toggle").click()
    dash_duo.wait_for_contains_text("#dd-table-title", "Communities/villages", timeout=20)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["lang"] == "en"
    assert "Locations are synthetic" in dash_duo.find_element("#dd-map-note").text
    assert dash_duo.find_element("#dd-unit-link").text.strip() == "Open the unit scorecard"
    snap(dash_duo, "drill-unit-en")
    assert_clean_console(dash_duo)


def test_recolour_sends_small_patches(dash_duo):
    for path, name in (("/map?lang=en", "province"), (f"/map?lang=en&region={NANJING}", "city")):
        open_path(dash_duo, path, "#dd-map .js-plotly-plot")
        dash_duo.wait_for_contains_text("#dd-table-title", "(", timeout=20)
        wait_idle(dash_duo)
        snap(dash_duo, f"drill-{name}-en")
    open_path(dash_duo, f"/map?lang=en&region={XUANWU}&type=community_village", "#dd-map .js-plotly-plot")
    dash_duo.wait_for_contains_text("#dd-table-title", "Communities/villages", timeout=20)
    wait_idle(dash_duo)
    snap(dash_duo, "drill-county-en")
    before = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').length")
    Select(dash_duo.find_element("#ctl-year")).select_by_value("2018")
    dash_duo.wait_for_contains_text("#dd-map-title", "2018", timeout=20)
    wait_idle(dash_duo)
    sizes = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').slice(arguments[0])"
        ".filter(e => e.name.indexOf('_dash-update-component') >= 0).map(e => e.encodedBodySize)",
        before,
    )
    assert sizes and max(sizes) < 50_000, sizes
    legend = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#dd-map .js-plotly-plot');"
        "return gd.data.filter(t => t.showlegend).map(t => t.name);"
    )
    assert len(legend) == 4 and legend[0].startswith("Certified")
    assert_clean_console(dash_duo)


def test_statistical_zone_is_clickable_on_top_of_its_host(dash_duo):
    open_path(dash_duo, f"/map?region={SUZHOU}&type=park", "#dd-map .js-plotly-plot")
    dash_duo.wait_for_contains_text("#dd-breadcrumb", "苏州市", timeout=20)
    wait_for(  # the counties' trace, then the zones' (then the colour bar's and the legend's carriers)
        lambda: dash_duo.driver.execute_script(
            GD + "return !!(gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map.loaded())"
            " && gd.data[1].type === 'choroplethmap' && gd.data[1].locations.includes(arguments[0]);",
            SIP,
        ),
        message="map with the zone trace never loaded",
    )
    wait_idle(dash_duo)
    snap(dash_duo, "drill-city-zone-zh")
    # the zone's trace is drawn after (over) the counties': at a point inside the zone, which is also inside
    # its host county 吴中区, the pointer is over the zone
    zone = region_interior(dash_duo, SIP, trace=1)
    click_on_map(dash_duo, SIP, lambda: map_point(dash_duo, *zone))
    wait_query(dash_duo, region=SIP)
    dash_duo.wait_for_contains_text("#dd-breadcrumb", "苏州工业园区", timeout=20)
    assert crumbs(dash_duo) == ["江苏省", "苏州市", "苏州工业园区"]
    dash_duo.wait_for_contains_text("#dd-table-title", "园区名单", timeout=20)
    assert grid_codes(dash_duo) == [SIP]  # the zone itself is its one park
    assert_clean_console(dash_duo)


# ---------------------------------------------------------------------------------- names after an in-app drill

# the visible text of the table's name column, by row id: the column is the one headed 名称/Name, whatever its colId
VISIBLE_NAMES = """
const grid = document.querySelector('#dd-grid');
const header = Array.from(grid.querySelectorAll('.ag-header-cell'))
    .find(h => h.innerText.trim() === arguments[0]);
if (!header) { return null; }
const column = header.getAttribute('col-id');
const names = {};
grid.querySelectorAll('.ag-center-cols-container .ag-row').forEach(row => {
    const cell = row.querySelector('.ag-cell[col-id="' + column + '"]');
    names[row.getAttribute('row-id')] = cell ? cell.innerText.trim() : null;
});
return names;
"""


@pytest.fixture(scope="module")
def registry(seeded_store):
    """Names as the data has them: regions from the regions table, units from the units table (English falling
    back to Chinese), and the statistical zones, which the table tags."""
    from chuangye.data.store import Store
    from chuangye.engine.manager import DataManager

    an = DataManager(Store(seeded_store)).current()
    units = an.dataset.units
    english = units["name_en"].where(units["name_en"].notna() & (units["name_en"] != ""), units["name"])
    towns = units[units["unit_type"] == "street_town"]
    return {
        "regions": an.regions.names,
        "units": {
            "zh": dict(zip(units["unit_code"], units["name"], strict=True)),
            "en": dict(zip(units["unit_code"], english, strict=True)),
        },
        "zones": an.regions.stat_zones,
        "children": {code: set(an.regions.children(code)) for code in an.regions.level},
        "towns": towns.groupby("county_code")["unit_code"].agg(set).to_dict(),
    }


def expected_name(registry: dict, code: str, lang: str) -> str:
    from chuangye.strings.i18n import t

    if code in registry["regions"][lang]:
        name = registry["regions"][lang][code]
        return f"{name} ({t('dd_zone_tag', lang)})" if code in registry["zones"] else name
    return registry["units"][lang][code]


def assert_names_shown(dash_duo, registry: dict, lang: str, parent: str) -> None:
    """The table shows ``parent``'s children (its streets/towns at a county), each with its own name as the
    registry spells it in the name column."""
    from chuangye.strings.i18n import t

    children = registry["children"].get(parent) or registry["towns"][parent]
    seen: dict = {}

    def names_right() -> bool:
        seen["names"] = dash_duo.driver.execute_script(VISIBLE_NAMES, t("dd_col_name", lang)) or {}
        codes = set(seen["names"])
        return (
            bool(codes)
            and codes <= children
            and all(seen["names"][code] == expected_name(registry, code, lang) for code in codes)
        )

    wait_for(names_right, 20, lambda: f"the table's names under {parent} ({lang}): {seen.get('names')}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_after_drilling_in_the_app(dash_duo, registry, lang):
    """Province → city → county by map clicks, then again by table rows: the name column is never empty."""
    open_path(dash_duo, f"/map?lang={lang}", "#dd-map .js-plotly-plot")
    dash_duo.wait_for_contains_text("#dd-table-title", "(13)", timeout=20)
    assert_names_shown(dash_duo, registry, lang, PROVINCE)

    # by the map: a city, then a county on the city's map
    nanjing = region_interior(dash_duo, NANJING)
    click_on_map(dash_duo, NANJING, lambda: map_point(dash_duo, *nanjing))
    wait_query(dash_duo, region=NANJING)
    assert_names_shown(dash_duo, registry, lang, NANJING)
    xuanwu = region_interior(dash_duo, XUANWU)
    click_on_map(dash_duo, XUANWU, lambda: map_point(dash_duo, *xuanwu))
    wait_query(dash_duo, region=XUANWU)
    assert_names_shown(dash_duo, registry, lang, XUANWU)
    snap(dash_duo, f"drill-county-names-map-{lang}")

    # by the table: back to the province, a city's row, then a county's row
    click_in_view(dash_duo, "#dd-crumb-province")
    wait_query(dash_duo, region=PROVINCE)
    assert_names_shown(dash_duo, registry, lang, PROVINCE)
    click_grid_row(dash_duo, SUZHOU)
    wait_query(dash_duo, region=SUZHOU)
    assert_names_shown(dash_duo, registry, lang, SUZHOU)  # 苏州工业园区 among them, tagged as a zone
    click_grid_row(dash_duo, SIP)
    wait_query(dash_duo, region=SIP)
    assert_names_shown(dash_duo, registry, lang, SIP)
    click_in_view(dash_duo, "#dd-crumb-city")  # and up again: the regions' names are back
    wait_query(dash_duo, region=SUZHOU)
    assert_names_shown(dash_duo, registry, lang, SUZHOU)
    assert_clean_console(dash_duo)


def test_enter_and_space_on_a_row_drill_like_a_click(dash_duo, registry):
    """A keyboard user reaches a row with Tab and the arrow keys; Enter drills into it, and the focus lands on the
    new table, where Space on a unit selects it."""
    open_path(dash_duo, f"/map?region={NANJING}", "#dd-map .js-plotly-plot")
    dash_duo.wait_for_contains_text("#dd-table-title", "各县(市、区)", timeout=20)
    focus_grid_row(dash_duo, "dd-grid", "320104", start="#dd-search")
    press(dash_duo, Keys.ENTER)
    wait_query(dash_duo, region="320104")
    dash_duo.wait_for_contains_text("#dd-table-title", "街道(乡镇)名单", timeout=20)
    assert_names_shown(dash_duo, registry, "zh", "320104")

    first = wait_for(lambda: focused_row(dash_duo, "dd-grid"), 10, "the new table's first row never got the focus")
    assert first == min(registry["towns"]["320104"] & set(dash_duo.driver.execute_script(VISIBLE_NAMES, "名称")))
    press(dash_duo, Keys.ARROW_DOWN)
    unit = focused_row(dash_duo, "dd-grid")
    assert unit and unit != first
    press(dash_duo, Keys.SPACE)
    wait_query(dash_duo, region="320104", unit=unit)
    dash_duo.wait_for_contains_text("#dd-unit-card", registry["units"]["zh"][unit], timeout=20)
    assert_clean_console(dash_duo)
