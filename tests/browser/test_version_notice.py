"""A page open while the data changes: an import makes another version active, and the open page says so in
its language, with a button that reloads it onto the new version (web/version_watch.py)."""

from __future__ import annotations

import pytest

from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web import version_watch
from chuangye.web.app import EXTENSION
from tests.browser.conftest import assert_clean_console, open_path, snap, wait_for

POLL_SECONDS = 0.5  # the page asks twice a second here (a minute in use)


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.app import create_app

    normal, version_watch.POLL_SECONDS = version_watch.POLL_SECONDS, POLL_SECONDS
    yield create_app(data_dir=data_dir)
    version_watch.POLL_SECONDS = normal


def _notice(dash_duo) -> str:
    boxes = dash_duo.driver.find_elements("css selector", "#version-notice")
    return boxes[0].text if boxes and boxes[0].is_displayed() else ""


NOTICES = [("zh", "数据已更新", "刷新页面"), ("en", "has been updated", "Reload")]


@pytest.mark.parametrize(("lang", "words", "button"), NOTICES)
def test_an_open_page_notices_an_import_and_reloads_onto_it(dash_duo, dash_app, tmp_path, lang, words, button):
    store = dash_app.server.extensions[EXTENSION]["services"].store
    open_path(dash_duo, f"/map?region=320100&lang={lang}", "#dd-grid .ag-row")
    loaded = store.active_version_id()
    assert not _notice(dash_duo)
    regions = tmp_path / "regions.csv"
    text = (SAMPLE_DIR / "regions.csv").read_text(encoding="utf-8")
    renamed = {"zh": "玄武新区", "en": "Xuanwu New District"}[lang]
    text = text.replace("320102,玄武区,Xuanwu District,", "320102,玄武新区,Xuanwu New District,", 1)
    regions.write_text(text, encoding="utf-8")
    newer = store.import_paths([regions]).version_id
    shown = wait_for(lambda: _notice(dash_duo), 20, "the page did not notice the new version")
    assert words in shown and newer in shown and button in shown
    if lang == "zh":
        snap(dash_duo, "version-notice")
    dash_duo.driver.find_element("css selector", "#version-notice-reload").click()
    wait_for(lambda: renamed in dash_duo.driver.find_element("css selector", "#page-content").text, 30)
    assert not _notice(dash_duo) and newer in dash_duo.driver.find_element("css selector", "footer").text
    assert loaded != newer
    assert_clean_console(dash_duo)
