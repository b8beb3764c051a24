"""Compression and Cache-Control (web/delivery.py): large JS is sent br or gzip as the browser offers,
fingerprinted files are cached for good, the plain-named Plotly bundle is revalidated, and pages and callbacks
(the user's data) are never stored; responses carrying the CSRF token are not compressed."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from dash import Dash, html

from chuangye.web.app import create_app
from chuangye.web.delivery import IMMUTABLE, install_delivery
from tests.dash_requests import UPDATE, payload, server_callbacks

BR_GZIP = {"Accept-Encoding": "br, gzip"}
PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(tmp_path_factory.mktemp("delivery") / "data", warm=False, auth=False)


@pytest.fixture(scope="module")
def index(app) -> str:
    return app.server.test_client().get("/").get_data(as_text=True)


def _renderer(index: str) -> str:
    (path,) = re.findall(r'src="(/_dash-component-suites/dash/dash-renderer/build/dash_renderer\.v[^"]+)"', index)
    return path


def test_a_large_script_is_sent_brotli_or_gzip_as_offered_and_unchanged_inside(app, index):
    client = app.server.test_client()
    path = _renderer(index)
    plain = client.get(path)
    assert "Content-Encoding" not in plain.headers and len(plain.data) > 100_000
    br = client.get(path, headers=BR_GZIP)
    assert br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in br.headers["Vary"]
    assert brotli.decompress(br.data) == plain.data and len(br.data) < len(plain.data) / 3
    gz = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.data) == plain.data


def test_fingerprinted_files_are_cached_for_good(app, index):
    client = app.server.test_client()
    stylesheet = re.search(r'href="(/assets/00-bootstrap\.min\.css\?m=[^"]+)"', index).group(1)
    for path in (_renderer(index), stylesheet):
        response = client.get(path, headers=BR_GZIP)
        assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE, path


def test_the_plain_named_plotly_bundle_is_compressed_and_revalidated(app):
    client = app.server.test_client()
    response = client.get(PLOTLY, headers=BR_GZIP)
    assert response.headers["Content-Encoding"] == "br" and response.headers["Cache-Control"] == "no-cache"
    assert len(response.data) < 2_000_000  # 4.8 MB as sent before
    again = client.get(PLOTLY, headers={**BR_GZIP, "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_a_made_up_fingerprint_does_not_grow_the_compressed_cache(app, index):
    client = app.server.test_client()
    path = _renderer(index)
    client.get(path, headers=BR_GZIP)
    cache = next(f.__self__ for f in app.server.after_request_funcs[None] if hasattr(f, "__self__")).cache
    kept = len(cache.kept)
    for stamp in range(5):
        made_up = re.sub(r"m\d+\.min\.js$", f"m{stamp}.min.js", path)
        assert client.get(made_up, headers=BR_GZIP).status_code == 200
    assert len(cache.kept) == kept


def test_pages_and_callbacks_are_never_stored_and_callbacks_are_compressed(app):
    client = app.server.test_client()
    assert client.get("/", headers=BR_GZIP).headers["Cache-Control"] == "no-store"
    ids = {name.split(":")[0]: key for key, name in server_callbacks(app).items()}
    search = "?region=320100&year=2020&type=street_town&basis=certified&lang=zh"
    body = payload(app, ids["update_table"], {"url.search": search, "url.pathname": "/map"}, ["url.search"])
    response = client.post(UPDATE, json=body, headers=BR_GZIP)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Encoding"] == "br"
    assert "玄武区" in brotli.decompress(response.data).decode()


def test_the_layout_with_the_sign_out_token_is_not_compressed(app):
    response = app.server.test_client().get("/_dash-layout", headers=BR_GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_the_sign_in_page_is_not_compressed_but_others_are():
    small = Dash(__name__)
    small.layout = html.Div()
    page = "<html>" + "csrf_token " * 200 + "</html>"
    small.server.add_url_rule("/login", "login", lambda: page)
    small.server.add_url_rule("/other", "other", lambda: page)
    install_delivery(small)
    client = small.server.test_client()
    assert "Content-Encoding" not in client.get("/login", headers=BR_GZIP).headers
    assert client.get("/other", headers=BR_GZIP).headers["Content-Encoding"] == "br"
