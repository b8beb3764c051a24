"""HTML in unit and region names is shown as text on every page (issue 9, "Hardening").

The data directory holds the bundled sample with markup in a county's, a street's, two communities' and a
park's names (``tests/markup_names.py``), imported by the real ``chuangye import``. On every page showing them,
in both languages: no alert ever opens, no element is made from a name (no ``<img src=x>``, no link to
example.com, no inline script carrying ``alert(2)``), no chart draws a name's markup as formatting (plotly turns
``<b>``/``<a>``/``<br>`` into tspans and drops unknown tags), and the literal names are what is visible, in the
HTML text and in the charts' SVG text, hover labels included.
"""

from __future__ import annotations

import html
import re

import pytest
from selenium.common.exceptions import NoAlertPresentException

from tests.browser.conftest import open_path, snap, wait_settled
from tests.markup_names import (
    ALL_NAMES,
    CITY,
    COMMUNITY,
    COUNTY,
    ESCAPED_COMMUNITY,
    PARK,
    REGION_NAMES,
    STREET,
    UNIT_NAMES,
    import_marked_up_sample,
)

YEAR = 2019


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("names-as-text")
    return import_marked_up_sample(root / "data", root / "files")


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.app import create_app

    return create_app(data_dir=data_dir, auth=False)


# Every alert/confirm/prompt is recorded before any script of the page runs.
RECORD_ALERTS = """
window.__alerts = [];
['alert', 'confirm', 'prompt'].forEach(k => { window[k] = m => { window.__alerts.push(String(m)); }; });
"""

INJECTED = """
const xlink = 'http://www.w3.org/1999/xlink';
const out = [];
document.querySelectorAll('img').forEach(e => { if (e.getAttribute('src') === 'x') out.push('img src=x'); });
document.querySelectorAll('a').forEach(e => {
    const href = e.getAttribute('href') || e.getAttributeNS(xlink, 'href') || '';
    if (href.includes('example.com')) out.push('link ' + href);
});
document.querySelectorAll('script').forEach(e => { if (e.textContent.includes('alert(2)')) out.push('script'); });
return out;
"""

SVG_TEXTS = """
return Array.from(document.querySelectorAll('.js-plotly-plot svg text')).map(e => e.textContent);
"""

# One hover per cartesian chart on a point whose label, text or customdata carries a marked-up name (escaped or
# not); returns the hover layers' text.
HOVER_NAMED_POINTS = """
const marks = arguments[0];
const hit = v => typeof v === 'string' && marks.some(m => v.includes(m));
const found = [];
document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    if (!gd._fullData || !window.Plotly) { return; }
    for (const trace of gd._fullData) {
        if (!trace.visible || trace.hoverinfo === 'skip' || trace.type.endsWith('map')) { continue; }
        const n = Math.max((trace.x || []).length, (trace.y || []).length, (trace.text || []).length);
        for (let i = 0; i < n; i++) {
            const bits = [(trace.y || [])[i], (trace.x || [])[i], [].concat((trace.text || [])[i]),
                          [].concat((trace.customdata || [])[i] || []), (trace.hovertext || [])[i]].flat();
            if (bits.some(hit)) {
                window.Plotly.Fx.hover(gd, [{curveNumber: trace.index, pointNumber: i}]);
                const layer = gd.querySelector('.hoverlayer');
                found.push(layer ? layer.textContent : '');
                window.Plotly.Fx.unhover(gd);
                return;
            }
        }
    }
});
return found;
"""


def formatted(name: str) -> str:
    """What plotly would show for ``name`` if it read it as markup: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^<>]*>", "", name))


def visit(dash_duo, path: str, ready: str) -> dict:
    """Open ``path`` (alerts recorded), wait for the page at rest; what it shows and what it must not."""
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ALERTS})
    open_path(dash_duo, path, ready)
    wait_settled(dash_duo)
    try:
        opened = [driver.switch_to.alert.text]
    except NoAlertPresentException:
        opened = []
    marks = [
        m
        for n in ALL_NAMES
        for m in ("粗体", "Bold", "链接", "Link", "已转义", "escaped", "园区", "Xuanwu", "玄武区", "公式", "Formula")
        if m in n
    ]
    hovers = driver.execute_script(HOVER_NAMED_POINTS, sorted(set(marks)))
    return {
        "alerts": opened + driver.execute_script("return window.__alerts || []"),
        "injected": driver.execute_script(INJECTED),
        "html": driver.execute_script("return document.body.innerText"),
        "svg": driver.execute_script(SVG_TEXTS),
        "hovers": hovers,
    }


def assert_names_as_text(seen: dict, shown: list[str], path: str) -> None:
    assert seen["alerts"] == [], f"{path}: an alert opened: {seen['alerts']}"
    assert seen["injected"] == [], f"{path}: elements made from a name: {seen['injected']}"
    svg = "\n".join(seen["svg"] + seen["hovers"])
    for name in ALL_NAMES:
        plain = formatted(name)
        drawn = svg.replace(name, "")  # the literal name may hold its formatted form (an <img> before it)
        assert plain == name or plain not in drawn, f"{path}: a chart drew {name!r} as markup ({plain!r})"
    everything = seen["html"] + "\n" + svg
    for name in shown:
        assert name in everything, f"{path}: {name!r} is not shown as text"


def lang_names(names: dict[str, tuple[str, str]], codes: list[str], lang: str) -> list[str]:
    return [names[c][0 if lang == "zh" else 1] for c in codes]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("path", "ready", "regions", "units"),
    [
        (f"/overview?year={YEAR}&region={CITY}", "#page-content > *", [], []),
        (f"/map?year={YEAR}", "#dd-map .js-plotly-plot", [], []),
        (f"/map?year={YEAR}&region={CITY}", "#dd-grid .ag-row", [COUNTY], []),
        (f"/map?year={YEAR}&region={COUNTY}&type=street_town", "#dd-grid .ag-row", [COUNTY], [STREET]),
        (f"/map?year={YEAR}&region={COUNTY}&type=community_village", "#dd-grid .ag-row", [COUNTY], [COMMUNITY]),
        (f"/map?year={YEAR}&region={COUNTY}&type=park", "#dd-grid .ag-row", [COUNTY], [PARK]),
        (f"/unit?year={YEAR}&unit={STREET}", "#unit-page", [COUNTY], [STREET]),
        (f"/unit?year={YEAR}&unit={COMMUNITY}", "#unit-page", [COUNTY], [COMMUNITY]),
        (f"/unit?year={YEAR}&unit={ESCAPED_COMMUNITY}", "#unit-page", [], [ESCAPED_COMMUNITY]),
        (f"/unit?year={YEAR}&unit={PARK}", "#unit-page", [COUNTY], [PARK]),
        (f"/peers?year={YEAR}&region={COUNTY}", "#peers-card-body-street_town", [COUNTY], []),
        (f"/certification?year={YEAR}&region={CITY}", "#cert-table .ag-row", [], []),
    ],
)
def test_names_are_shown_as_text(dash_duo, path, ready, regions, units, lang):
    full = f"{path}&lang={lang}"
    seen = visit(dash_duo, full, ready)
    shown = lang_names(REGION_NAMES, regions, lang) + lang_names(UNIT_NAMES, units, lang)
    assert_names_as_text(seen, shown, full)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_of_the_county_and_a_unit(dash_duo, lang):
    for name, path, ready in (
        ("names-county", f"/map?year={YEAR}&region={COUNTY}&type=community_village&lang={lang}", "#dd-grid .ag-row"),
        ("names-unit", f"/unit?year={YEAR}&unit={COMMUNITY}&lang={lang}", "#unit-page"),
    ):
        visit(dash_duo, path, ready)
        assert all(p.exists() for p in snap(dash_duo, f"{name}-{lang}"))
