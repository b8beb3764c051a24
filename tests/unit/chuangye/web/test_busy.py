"""Loading regions (web/busy.py, assets/busy.js): the script knows the shell's ids, and every page marks the
parts its callbacks redraw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web import busy
from chuangye.web.routing import render_page
from chuangye.web.shell import ids as shell_ids
from chuangye.web.viewstate import PAGES, ViewState

BUSY_JS = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "busy.js"


def test_the_script_names_the_shells_ids():
    script = BUSY_JS.read_text(encoding="utf-8")
    assert re.search(rf"var PAGE = '{shell_ids.PAGE_CONTENT}';", script)
    assert re.search(rf"var URL_ID = '{shell_ids.URL}';", script)
    assert f"'.{busy.REGION_CLASS}'" in script


def test_a_region_wraps_its_content_without_an_id_of_its_own():
    wrapper = busy.region("x", className="h-100")
    assert wrapper.className == "busy-region h-100" and wrapper.children == "x"
    assert getattr(wrapper, "id", None) is None  # no id to collide with a page's own


@pytest.fixture(scope="module")
def analytics(tmp_path_factory):
    path = tmp_path_factory.mktemp("busy")
    Store(path).ensure_initialised(SAMPLE_DIR)
    return Analytics(Store(path).active(), load_config())


def _regions(component, inside: bool = False) -> int:
    """How many busy regions the layout has (a region inside a region would dim twice)."""
    classes = str(getattr(component, "className", "") or "").split()
    here = busy.REGION_CLASS in classes
    assert not (here and inside), "a busy region inside another"
    children = getattr(component, "children", None)
    children = children if isinstance(children, list | tuple) else [children]
    return int(here) + sum(_regions(child, inside or here) for child in children if hasattr(child, "to_plotly_json"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_marks_what_its_callbacks_redraw(analytics, page):
    assert _regions(render_page(ViewState(page=page, unit="320102002"), analytics)) >= 3
