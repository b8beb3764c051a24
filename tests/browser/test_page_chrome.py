"""What the libraries draw around our content, on every page in both languages: the chart toolbars (no cloud
button, out of the tab order, never over a title), plotly's and AG Grid's own words (Chinese on a Chinese
page), the keyboard focus ring, and grids that cut nothing at 1440 and 390 px.

Each page is surveyed once per language and width (the views of web/validation.py): every chart hovered,
then what the page shows is read once and each test checks its part.
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from chuangye.web.app import EXTENSION
from chuangye.web.grid import grid_locale
from chuangye.web.validation import representative_views
from tests.browser.conftest import SIZES, open_path, resize, wait_for, wait_settled
from tests.unit.chuangye.web.test_plotly_locale import dictionary as plotly_zh

LANGS = ("zh", "en")
WIDE = SIZES[0][0]  # 1440 px
CLOUD = re.compile(r"share|cloud|chart studio|分享|云端|共享", re.I)
AG_GRID_DEFAULTS = ("No Rows To Show", "No Matching Rows", "Loading...", "Page Size:", "First Page", "Last Page")


def english_library_texts() -> list[str]:
    """Every English text plotly.js or AG Grid would show by themselves (their words, not ours)."""
    texts = set(plotly_zh()) | set(grid_locale("en").values()) | set(AG_GRID_DEFAULTS)
    texts.discard(grid_locale("en")["noRowsToShow"])  # "No rows to show" is ours (strings/pages.py)
    return sorted(t for t in texts if len(re.sub(r"[^A-Za-z]", "", t)) >= 3)


def library_text_pattern() -> re.Pattern:
    return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])" for t in english_library_texts()))


# ------------------------------------------------------------------------------------------ the survey

HOVER_ALL = """
const done = arguments[arguments.length - 1];
const plots = Array.from(document.querySelectorAll('.chart-box .js-plotly-plot'));
(async () => {
  for (const gd of plots) {
    gd.scrollIntoView({block: 'center', behavior: 'instant'});
    const r = gd.getBoundingClientRect();
    const at = {bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2};
    for (const type of ['pointerover', 'mouseover', 'mouseenter', 'pointermove', 'mousemove']) {
      (document.elementFromPoint(at.clientX, at.clientY) || gd).dispatchEvent(new MouseEvent(type, at));
    }
    await new Promise(ok => setTimeout(ok, 50));
  }
  window.scrollTo(0, 0);
  done(plots.length);
})();
"""

READ_CHARTS = """
const texts = [];
const charts = Array.from(document.querySelectorAll('.chart-box')).map(box => {
  const gd = box.querySelector('.js-plotly-plot');
  const rect = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const modebar = gd && gd.querySelector('.modebar');
  const menu = box.querySelector('.chart-tools .dropdown');
  const words = gd ? Array.from(gd.querySelectorAll('.main-svg text'))
      .filter(t => (t.textContent || '').trim() && t.getBoundingClientRect().width > 0)
      .map(t => ({text: t.textContent.trim(), rect: rect(t)})) : [];
  return {
    name: box.getAttribute('data-export-name'),
    titles: gd ? Array.from(gd.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title') || '') : [],
    modebar: modebar && modebar.getBoundingClientRect().width > 0 ? rect(modebar) : null,
    menu: menu ? rect(menu) : null,
    words: words,
  };
});
const attributes = [];
document.querySelectorAll('[title], [aria-label], [placeholder], [data-title]').forEach(el => {
  for (const a of ['title', 'aria-label', 'placeholder', 'data-title']) {
    const v = el.getAttribute(a); if (v) { attributes.push(a + '=' + v); }
  }
});
const lines = el => {
  const range = document.createRange(); range.selectNodeContents(el);
  return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
};
const nav = Array.from(document.querySelectorAll('#page-nav .nav-link'))
  .filter(a => a.getBoundingClientRect().width > 0).map(a => [a.textContent.trim(), lines(a)]);
const header = document.querySelector('.navbar').getBoundingClientRect().height;
return {charts: charts, text: document.body.innerText, attributes: attributes, nav: nav, header: header};
"""

READ_GRIDS = """
const out = []; let cells = 0;
document.querySelectorAll('.ag-root-wrapper').forEach(root => {
  const grid = root.closest('[id]').id;
  root.querySelectorAll('.ag-cell').forEach(cell => {
    cells += 1;
    const value = cell.querySelector('.ag-cell-value') || cell;
    const numeric = cell.classList.contains('ag-right-aligned-cell');
    if (value.scrollWidth > value.clientWidth + 1 || cell.scrollWidth > cell.clientWidth + 1) {
      out.push([grid, numeric ? 'number cut' : 'text cut', cell.getAttribute('col-id'), cell.textContent]);
    }
    if (numeric && value.getClientRects().length && value.textContent.trim()) {
      const range = document.createRange(); range.selectNodeContents(value);
      const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (lines.size > 1) { out.push([grid, 'number wrapped', cell.getAttribute('col-id'), cell.textContent]); }
    }
  });
  root.querySelectorAll('.ag-header-cell').forEach(header => {
    const text = header.querySelector('.ag-header-cell-text');
    if (!text || !text.textContent.trim()) { return; }
    if (text.scrollWidth > text.clientWidth + 1) { out.push([grid, 'header cut', '', text.textContent]); }
    const node = text.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) { return; }
    const word = /[A-Za-z0-9%().,\\/+\\-]+/g; let m;
    while ((m = word.exec(node.textContent))) {
      const range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (lines.size > 1) { out.push([grid, 'header word broken', m[0], text.textContent]); }
    }
  });
});
return {cells: cells, problems: out};
"""


@pytest.fixture(scope="module")
def views(dash_app):
    an = dash_app.server.extensions[EXTENSION]["services"].analytics()
    return {f"{v.page}{'-' + v.region if v.region else ''}{'-' + v.unit if v.unit else ''}": v for v in
            representative_views(an)}  # fmt: skip


@pytest.fixture(scope="module")
def survey(dash_duo, views):
    """What each view shows, per language and window width: {width: {"charts", "text", "attributes", "grids"}}.
    Every chart is hovered first (the toolbar is drawn for the pointer)."""
    seen: dict = {}

    def look(name: str, lang: str) -> dict:
        if (name, lang) not in seen:
            view = views[name].model_copy(update={"lang": lang})
            dash_duo.driver.set_window_size(*SIZES[0])
            open_path(dash_duo, view.href())
            wait_settled(dash_duo)
            dash_duo.driver.set_script_timeout(30)
            dash_duo.driver.execute_async_script(HOVER_ALL)
            found = {}
            for width, height in SIZES:
                resize(dash_duo, width, height)
                found[width] = dash_duo.driver.execute_script(READ_CHARTS)
                found[width]["grids"] = dash_duo.driver.execute_script(READ_GRIDS)
            resize(dash_duo, *SIZES[0])
            seen[(name, lang)] = found
        return seen[(name, lang)]

    return look


# ----------------------------------------------------------------------------------- 1. no cloud button


def test_no_chart_on_any_page_offers_to_share_it_to_the_cloud(survey, views):
    charts = 0
    for name in views:
        for lang in LANGS:
            for chart in survey(name, lang)[WIDE]["charts"]:
                charts += 1
                assert chart["titles"], f"{name} {lang} {chart['name']}: no modebar drawn"
                shared = [t for t in chart["titles"] if CLOUD.search(t)]
                assert not shared, f"{name} {lang} {chart['name']}: {shared}"
    assert charts >= 2 * 15  # every chart of every page was looked at, in both languages


# --------------------------------------------------------------------- 2. no English library text in zh


def test_a_chinese_page_shows_no_english_library_text(survey, views):
    pattern = library_text_pattern()
    titles: set[str] = set()
    for name in views:
        found = survey(name, "zh")[WIDE]
        shown = {t for chart in found["charts"] for t in chart["titles"]}
        assert not found["charts"] or "下载图片（PNG）" in shown, f"{name}: {shown}"
        titles |= shown
        for where, text in [("text", found["text"]), *(("attribute", a) for a in found["attributes"])]:
            hit = pattern.search(text)
            assert hit is None, f"{name} (zh): {where} shows plotly/AG Grid English {hit.group(0)!r}: {text[:120]!r}"
    assert {"缩放", "平移", "放大", "缩小", "自动缩放", "重置坐标轴"} <= titles


def test_an_english_page_keeps_the_libraries_english(survey, views):
    found = survey("overview", "en")[WIDE]
    titles = {t for chart in found["charts"] for t in chart["titles"]}
    assert {"Download plot as a PNG", "Zoom in", "Reset axes"} <= titles
    assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in titles)


def _search_for_nothing(dash_duo, lang: str) -> str:
    open_path(dash_duo, f"/map?lang={lang}", "#dd-grid .ag-row")
    search = dash_duo.find_element("#dd-search")
    search.send_keys("没有这个地区 nothing here")
    overlay = wait_for(
        lambda: dash_duo.driver.execute_script(
            "const o = document.querySelector('#dd-grid .ag-overlay-no-rows-center, #dd-grid .ag-overlay-panel');"
            "return o && o.offsetParent !== null ? o.innerText.trim() : '';"
        ),
        message="the empty grid shows no overlay",
    )
    assert dash_duo.driver.execute_script("return document.querySelectorAll('#dd-grid .ag-row').length") == 0
    return overlay


def test_an_empty_grid_says_so_in_the_pages_language(dash_duo):
    """A search with no match: AG Grid's overlay said "No Matching Rows" on a Chinese page."""
    zh = _search_for_nothing(dash_duo, "zh")
    assert zh in (grid_locale("zh")["noMatchingRows"], grid_locale("zh")["noRowsToShow"])
    assert not library_text_pattern().search(zh)
    en = _search_for_nothing(dash_duo, "en")
    assert en in (grid_locale("en")["noMatchingRows"], grid_locale("en")["noRowsToShow"])


# ----------------------------------------------------------------------------------------- 3. keyboard

FOCUS = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) { return null; }
// a radio button drawn as a toggle button is an invisible input: its ring is on its label
const shown = el.matches('.btn-check') ? (document.querySelector('label[for="' + el.id + '"]') || el) : el;
const s = getComputedStyle(shown);
const box = el.closest('.chart-box');
return {
  what: el.tagName + (el.id ? '#' + el.id : '') + ' '
      + (shown.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30),
  outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
  shadow: s.boxShadow !== 'none' && !/ 0px 0px 0px 0px/.test(s.boxShadow),
  chart: box ? box.getAttribute('data-export-name') : null,
  grid: Boolean(el.closest('.ag-root-wrapper')),
  nav: Boolean(el.closest('.navbar')),
  control: Boolean(el.closest('#global-controls')),
};
"""


@pytest.mark.parametrize("path", ["/overview?lang=zh", "/map?region=320100&lang=en"])
def test_tabbing_shows_a_ring_and_gives_each_chart_at_most_two_stops(dash_duo, path):
    open_path(dash_duo, path, ".chart-box .js-plotly-plot")
    wait_settled(dash_duo)
    charts = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.chart-box')).map(b => b.getAttribute('data-export-name'))"
    )
    stops: dict[str, int] = dict.fromkeys(charts, 0)
    seen: list[dict] = []
    for _ in range(40 + 10 * len(charts)):
        ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
        focus = dash_duo.driver.execute_script(FOCUS)
        if focus is None or (seen and focus["what"] == seen[0]["what"]):
            break  # the page is done (or focus went round)
        if focus["grid"]:
            break  # inside a grid: AG Grid's own keys take over
        seen.append(focus)
        assert focus["outline"] >= 2 or focus["shadow"], f"no visible focus ring on {focus['what']}"
        if focus["chart"]:
            stops[focus["chart"]] += 1
    assert sum(f["nav"] for f in seen) >= 6, "the navigation (5 pages and the language switch) was not reached"
    assert sum(f["control"] for f in seen) >= 3, "the year, type and basis controls were not reached"
    for chart, count in stops.items():
        assert 1 <= count <= 2, f"{chart}: {count} tab stops (its 下载 menu must be one of them)"


# -------------------------------------------------------------------------------------------- 4. clipping


@pytest.mark.parametrize("lang", LANGS)
def test_no_grid_cuts_a_number_a_header_or_a_word(survey, views, lang):
    problems, cells = [], 0
    for name in views:
        for width, found in survey(name, lang).items():
            problems += [f"{name} {lang} {width}px {p}" for p in found["grids"]["problems"]]
            cells += found["grids"]["cells"]
    assert not problems, "\n".join(problems[:30])
    assert cells > 200  # the drill-down, peers, unit and certification grids were drawn and looked at


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


@pytest.mark.parametrize("lang", LANGS)
def test_the_chart_tools_never_cover_a_charts_words(survey, views, lang):
    """In English the modebar lay over the ranking charts' titles ("Communities/villages")."""
    covered, looked = [], 0
    for name in views:
        for width, found in survey(name, lang).items():
            for chart in found["charts"]:
                looked += chart["modebar"] is not None and chart["menu"] is not None
                for tool in ("modebar", "menu"):
                    if chart[tool] is None:
                        continue
                    covered += [
                        f"{name} {width}px {chart['name']}: the {tool} covers {w['text']!r}"
                        for w in chart["words"]
                        if _overlap(chart[tool], w["rect"])
                    ]
    assert not covered, "\n".join(covered)
    assert looked >= 2 * 15


@pytest.mark.parametrize("lang", LANGS)
def test_the_top_navigation_is_one_line_of_one_line_links(survey, views, lang):
    """In English every page name broke over two lines at 1440 px and the header grew to 88 px; on a phone
    the subtitle made the header take a seventh of the screen."""
    found = survey("overview", lang)
    wide, phone = found[WIDE], found[SIZES[1][0]]
    assert len(wide["nav"]) == 6 and all(n == 1 for _, n in wide["nav"]), wide["nav"]
    assert wide["header"] <= 70, wide["header"]
    assert phone["header"] <= 70, phone["header"]
