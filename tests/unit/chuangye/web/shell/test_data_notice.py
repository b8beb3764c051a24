"""A damaged active data version (issue 12): the dashboard serves the newest intact version and every page says
so in a warning above its controls, in the page's language (first paint and language switch); the footer names
the version shown. Without damage there is no warning."""

from __future__ import annotations

import json
import shutil

import pytest

from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app
from chuangye.web.shell import ids
from tests.store_faults import active_version, copy_as_older, damage

OLDER = "20000101T000000-0000"


@pytest.fixture(scope="module")
def intact_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("notice") / "data"
    Store(path).ensure_initialised(SAMPLE_DIR)
    return path


@pytest.fixture(scope="module")
def damaged_dir(intact_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("notice-damaged") / "data"
    shutil.copytree(intact_dir, path)
    copy_as_older(path, OLDER)
    damage(active_version(path) / "units.parquet")
    return path


def _props_of(layout, component_id: str) -> dict:
    found = {}

    def walk(node) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == component_id:
                found.update(props)
            walk(props.get("children"))

    walk(layout)
    return found


def _words(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(_words(child) for child in node)
    return _words(node.get("props", {}).get("children")) if isinstance(node, dict) else ""


def _first_paint(app, lang: str) -> dict:
    response = app.server.test_client().get("/_dash-layout", headers={"Referer": f"http://127.0.0.1/?lang={lang}"})
    assert response.status_code == 200
    return response.get_json()


def _notice_callback(app, lang: str) -> str:
    """What the shell's notice callback answers for a page in ``lang`` (the language switch rewrites the URL)."""
    output = next(key for key in app.callback_map if ids.DATA_NOTICE in key)
    payload = {
        "output": output,
        "outputs": [{"id": ids.DATA_NOTICE, "property": "children"}],
        "inputs": [
            {"id": ids.URL, "property": "search", "value": f"?lang={lang}"},
            {"id": ids.URL, "property": "pathname", "value": "/"},
        ],
        "changedPropIds": [f"{ids.URL}.search"],
    }
    response = app.server.test_client().post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.data[:500]
    return _words(json.loads(response.data)["response"][ids.DATA_NOTICE]["children"])


def test_a_damaged_active_version_is_announced_on_every_page_in_its_language(damaged_dir):
    app = create_app(damaged_dir, warm=False, auth=False)
    active = active_version(damaged_dir).name
    expected = {"zh": ["已损坏", "现显示最近的完好版本"], "en": ["is damaged", "showing the newest intact"]}
    for lang, words in expected.items():
        layout = _first_paint(app, lang)
        shown = _words(_props_of(layout, ids.DATA_NOTICE).get("children"))
        for text in (*words, active, OLDER, "units.parquet"):
            assert text in shown, (lang, text, shown)
        assert OLDER in _words(_props_of(layout, ids.FOOTER_VERSION).get("children"))  # the version shown
        assert all(text in _notice_callback(app, lang) for text in (*words, OLDER))


def test_an_intact_store_shows_no_notice(intact_dir):
    app = create_app(intact_dir, warm=False, auth=False)
    assert _words(_props_of(_first_paint(app, "zh"), ids.DATA_NOTICE).get("children")) == ""
    assert _notice_callback(app, "en") == ""
