"""A mistyped address in a real browser: the 404 page in the view's language with a working way back, and the
server's default language (``chuangye serve --lang en``) for links without ``lang``."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_no_outside_requests, current_query, open_path, snap, wait_for, wait_idle


@pytest.fixture(scope="module")
def dash_app(data_dir):
    from chuangye.web.app import create_app

    return create_app(data_dir=data_dir, default_lang="en")  # as `chuangye serve --lang en`


def _console_errors(dash_duo) -> list[str]:
    """Console errors other than the 404 status of the page itself (the answer we want)."""
    return [
        e["message"]
        for e in dash_duo.get_logs()
        if "status of 404" not in e["message"] and "favicon.ico" not in e["message"]
    ]


@pytest.mark.parametrize(
    ("query", "title", "back", "nav"),
    [
        ("?lang=zh&year=2018", "找不到这个页面", "返回总览", "总览"),
        ("?year=2018", "Page not found", "Back to the overview", "Overview"),  # no lang: the server's default
    ],
)
def test_an_unknown_path_shows_a_404_page_with_a_way_back(dash_duo, query, title, back, nav):
    open_path(dash_duo, f"/no-such-page{query}", "#not-found-title")
    assert dash_duo.find_element("#not-found-title").text == title
    link = dash_duo.find_element("#not-found-back")
    assert link.text == back and link.is_displayed()
    assert "404" in dash_duo.find_element("#not-found").text
    wait_for(lambda: dash_duo.find_element("#not-found-address").text == "/no-such-page")  # what was mistyped
    assert dash_duo.find_element("#nav-overview").text == nav  # the shell speaks the same language
    assert _console_errors(dash_duo) == []
    lang = "zh" if "lang=zh" in query else "en"
    snap(dash_duo, f"not-found-{lang}")

    link.click()
    wait_for(lambda: urlparse(dash_duo.driver.current_url).path == "/overview", 15, dash_duo.driver.current_url)
    wait_idle(dash_duo)
    assert current_query(dash_duo)["year"] == "2018" and current_query(dash_duo)["lang"] == lang
    dash_duo.wait_for_element("#page-content > *:not(#not-found)", timeout=30)
    assert not dash_duo.driver.find_elements("css selector", "#not-found")
    assert_no_outside_requests(dash_duo)


def test_the_servers_default_language_is_used_without_lang(dash_duo):
    open_path(dash_duo, "/overview")
    dash_duo.wait_for_text_to_equal("#nav-overview", "Overview", timeout=20)
    assert dash_duo.find_element("#app-title").text == "Entrepreneurship-type Units Progress Dashboard"
    open_path(dash_duo, "/overview?lang=zh")
    dash_duo.wait_for_text_to_equal("#nav-overview", "总览", timeout=20)
