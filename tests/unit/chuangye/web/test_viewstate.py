"""The view state keeps ``version=`` (a stored version shown read-only) through the URL round trip and every
link made from it, like the other view parameters; anything that is not a version id is dropped, never used."""

from __future__ import annotations

import pytest

from chuangye.web.viewstate import ViewState

OLD = "20261205T182858-bbd4"


def test_the_version_survives_the_url_round_trip() -> None:
    state = ViewState.from_url("/map", f"?year=2019&type=park&region=320100&version={OLD}")
    assert state.version == OLD
    again = ViewState.from_url("/map", state.search())
    assert again == state


def test_links_and_control_changes_keep_the_version() -> None:
    state = ViewState.from_url("/overview", f"?year=2020&version={OLD}&lang=en")
    assert f"version={OLD}" in state.href("peers")
    changed = state.model_copy(update={"year": 2018, "unit_type": "park"})  # what the shell's controls do
    assert ViewState.from_url("/overview", changed.search()).version == OLD
    assert ViewState.from_url("/overview", changed.search()).year == 2018


def test_without_version_the_view_is_the_active_version_and_says_nothing_of_one() -> None:
    state = ViewState.from_url("/overview", "?year=2020")
    assert state.version is None
    assert "version" not in state.search()
    assert "version" not in ViewState.from_url("/overview", f"?version={OLD}").href(version=None)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "a/b", ".hidden", "x" * 80, "2026 12", "版本"])
def test_a_malformed_version_is_dropped_and_the_rest_of_the_view_kept(bad: str) -> None:
    state = ViewState.from_url("/map", f"?year=2018&region=320100&version={bad}")
    assert state.version is None
    assert (state.page, state.year, state.region) == ("map", 2018, "320100")


def test_the_year_is_kept_to_the_years_of_the_version_shown() -> None:
    state = ViewState.from_url("/overview", "?year=2016")
    assert state.within_years((2017, 2018)).year == 2018
    assert state.within_years((2016, 2017)).year == 2016
    assert state.within_years(()).year == 2016
