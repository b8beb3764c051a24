"""A damaged active data version (issue 12): the dashboard still opens, shows the newest intact version and says
so in a visible warning above the controls, in Chinese and in English (the language switch translates it), on
every page; the footer names the version shown."""

from __future__ import annotations

import shutil

import pytest

from chuangye.web.shell import ids
from tests.browser.conftest import open_path, snap, wait_for, wait_idle
from tests.store_faults import active_version, copy_as_older, damage

OLDER = "20000101T000000-0000"


@pytest.fixture(scope="module")
def data_dir(seeded_store, tmp_path_factory):
    """The seeded store with an intact older copy of its version, then its active units.parquet damaged."""
    path = tmp_path_factory.mktemp("browser-damaged") / "data"
    shutil.copytree(seeded_store, path)
    copy_as_older(path, OLDER)
    damage(active_version(path) / "units.parquet")
    return path


def _notice(dash_duo) -> str:
    element = dash_duo.driver.find_element("id", ids.DATA_NOTICE)
    return element.text if element.is_displayed() else ""


def test_the_warning_is_visible_in_both_languages_and_the_page_shows_the_intact_version(dash_duo, data_dir):
    damaged = active_version(data_dir).name
    open_path(dash_duo, "/?lang=zh", "#page-content .card")
    shown = wait_for(lambda: _notice(dash_duo), 20, "no warning about the damaged version")
    expected = ("当前数据版本", damaged, "已损坏", "文件 units.parquet", f"现显示最近的完好版本 {OLDER}")
    for words in expected:
        assert words in shown, (words, shown)
    assert OLDER in dash_duo.find_element(f"#{ids.FOOTER_VERSION}").text
    assert "全省进度" in dash_duo.find_element("#page-content").text  # the overview is drawn from the intact version
    snap(dash_duo, "store-damaged-notice-overview-zh")

    dash_duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    wait_for(lambda: "is damaged" in _notice(dash_duo), 20, lambda: f"not translated: {_notice(dash_duo)}")
    wait_idle(dash_duo)
    shown = _notice(dash_duo)
    for words in (f"The active data version {damaged} is damaged", "units.parquet", f"intact version, {OLDER}"):
        assert words in shown, (words, shown)
    snap(dash_duo, "store-damaged-notice-overview-en")


@pytest.mark.parametrize("path", ["/map?lang=en", "/unit?lang=zh&unit=320102002"])
def test_every_page_carries_the_warning(dash_duo, path):
    open_path(dash_duo, path)
    shown = wait_for(lambda: _notice(dash_duo), 20, f"no warning on {path}")
    assert OLDER in shown and "units.parquet" in shown
    snap(dash_duo, f"store-damaged-notice-{path.strip('/').split('?')[0]}-{path.split('lang=')[1][:2]}")
