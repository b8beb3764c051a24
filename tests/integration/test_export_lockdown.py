"""The export browser fetches nothing a figure or a page names, and refuses what is too large (issue 8).

Server-side Chromium used to load whatever a figure named: ``layout.images[].source`` on 127.0.0.1 or under
``file:///`` was fetched and drawn into the PNG/SVG/PDF, map styles, GeoJSON layers and tiles were fetched.
Here a tiny HTTP server on a free 127.0.0.1 port records every request; figures and pages that name it (and
local files) go through ``export_figure`` and ``print_pdf``, and the server must see nothing, the files must
hold no fetched image. A direct request proves the recorder hears requests, and a ``data:`` image (which the
browser may draw: the page made it) proves the figures would show an image that loaded.
"""

from __future__ import annotations

import base64
import http.server
import io
import json
import os
import threading
import urllib.request
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse
from urllib.request import url2pathname

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from chuangye.exports.browser import EXPORT_PAGE_POLICY, HEAP_MB, ExportBrowser, find_browser
from chuangye.exports.figures import export_figure
from chuangye.exports.limits import ExportError, ExportLimitError
from chuangye.exports.pdf import pdf_text

pytestmark = pytest.mark.skipif(find_browser() is None, reason="needs chromium")
RED = (255, 0, 0)


def red_png(size: int = 64) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), RED).save(out, "PNG")
    return out.getvalue()


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers anything (a red PNG, a map style, GeoJSON) and writes down what was asked."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path.endswith(".png"):
            body, kind = red_png(), "image/png"
        elif "style" in self.path:
            body, kind = b'{"version": 8, "sources": {}, "layers": []}', "application/json"
        else:
            body, kind = b'{"type": "FeatureCollection", "features": []}', "application/json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_requests_yet():
    Recorder.requests.clear()
    yield


@pytest.fixture(scope="module")
def browser():
    """A browser of the module's own with short timeouts (a map whose layer cannot load waits for it)."""
    b = ExportBrowser(render_timeout=6, print_timeout=20)
    b.start()
    yield b
    b.close()


@pytest.fixture(scope="module")
def red_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("local") / "red.png"
    path.write_bytes(red_png())
    return path


def red_pixels(png: bytes) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    return int(((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)).sum())


def covering_image(source: str) -> dict:
    """An image over the whole plot area."""
    return {"source": source, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1, "sizey": 1,
            "sizing": "stretch", "layer": "above"}  # fmt: skip


def with_images(*sources: str) -> dict:
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3], line={"color": "#333"}))
    figure.update_layout(images=[covering_image(s) for s in sources], plot_bgcolor="white")
    return figure.to_dict()


def refused(browser: ExportBrowser, url: str) -> bool:
    """The browser refused ``url`` (or a URL starting so): the chart page's policy did, or the request guard."""
    return any(url in text for text in browser.csp_violations) or any(u.startswith(url) for u in browser.blocked)


def red_images(pdf: bytes) -> int:
    """Images in the PDF with red in them (a failed image may still leave the browser's broken-image icon)."""
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            out = io.BytesIO()
            image.image.convert("RGB").save(out, "PNG")
            count += red_pixels(out.getvalue()) > 0
    return count


def test_the_recorder_hears_a_direct_request(server):
    assert urllib.request.urlopen(f"{server.base}/direct.png", timeout=5).read() == red_png()
    assert Recorder.requests == ["/direct.png"]


def test_a_data_uri_image_is_drawn(browser):
    """The control: an image the page already holds is drawn, so a missing image below was not fetched."""
    data_uri = "data:image/png;base64," + base64.b64encode(red_png()).decode("ascii")
    png = export_figure(with_images(data_uri), "png", title="control", browser=browser)
    assert red_pixels(png) > 10_000


def test_layout_images_on_a_server_or_on_disk_are_neither_fetched_nor_drawn(browser, server, red_file):
    sources = [f"{server.base}/red.png", red_file.as_uri(), "file:///etc/passwd"]
    figure = with_images(*sources)
    png = export_figure(figure, "png", title="图片", browser=browser)
    svg = export_figure(figure, "svg", title="图片", browser=browser)
    pdf = export_figure(figure, "pdf", title="图片", browser=browser)
    assert Recorder.requests == []
    assert red_pixels(png) == 0
    assert base64.b64encode(red_png()).decode("ascii")[:40] not in svg.decode("utf-8")
    assert "data:image/png" not in svg.decode("utf-8")
    assert red_images(pdf) == 0
    # refused before any request: by the chart page's own policy (img-src), the request guard behind it
    assert refused(browser, f"{server.base}/red.png")


def map_figure(**map_layout) -> dict:
    figure = go.Figure(go.Scattermap(lat=[32.06], lon=[118.79], mode="markers"))
    figure.update_layout(map={"center": {"lat": 32.06, "lon": 118.79}, "zoom": 5, **map_layout})
    return figure.to_dict()


def attempt(figure: dict, browser: ExportBrowser) -> bytes | None:
    """The export, or None when the browser gave up on it (a map whose style or layer did not load)."""
    try:
        return export_figure(figure, "png", title="地图", browser=browser)
    except ExportError:
        return None


def test_map_style_tiles_and_geojson_urls_are_not_fetched(browser, server):
    figures = {
        "style": map_figure(style=f"{server.base}/style.json"),
        "tiles": map_figure(
            style="white-bg",
            layers=[
                {"sourcetype": "raster", "source": [f"{server.base}/tiles/{{z}}/{{x}}/{{y}}.png"], "below": "traces"}
            ],
        ),
        "trace geojson": go.Figure(go.Choroplethmap(geojson=f"{server.base}/trace.geojson", locations=["a"], z=[1]))
        .update_layout(map={"style": "white-bg"})
        .to_dict(),
    }
    for name, figure in figures.items():
        png = attempt(figure, browser)
        assert Recorder.requests == [], name
        assert png is None or red_pixels(png) == 0, name
    assert refused(browser, f"{server.base}/")


SQUARE = {"type": "Polygon", "coordinates": [[[110, 25], [125, 25], [125, 40], [110, 40], [110, 25]]]}
RED_SQUARE = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "a", "properties": {}, "geometry": SQUARE}],
}


def test_a_map_drawn_from_inline_geojson_renders():
    """The control for the maps: MapLibre works in the locked-down browser (the dashboard's maps carry their
    GeoJSON inline), so a map below that shows no red did not load its layer. A job meant to succeed, so a
    browser with the usual timeouts: on a loaded machine the module's 6 s render timeout failed it."""
    browser = ExportBrowser()
    browser.start()
    try:
        figure = go.Figure(go.Choroplethmap(geojson=RED_SQUARE, locations=["a"], z=[1], featureidkey="id",
                                            colorscale=[[0, "red"], [1, "red"]], showscale=False))  # fmt: skip
        figure.update_layout(map={"style": "white-bg", "center": {"lat": 32.5, "lon": 117.5}, "zoom": 3})
        assert red_pixels(export_figure(figure.to_dict(), "png", title="地图", browser=browser)) > 10_000
    finally:
        browser.close()


def test_the_chart_page_has_a_content_security_policy_of_its_own(server):
    """Kaleido's page is a file: page that no server sends headers for: its policy is a <meta> in it, in force
    (an image a figure names is refused by img-src before any request is made), and the dashboard's kind of
    map (inline GeoJSON drawn by MapLibre's blob: workers) draws under it with nothing refused. (A browser of
    its own with the usual timeouts: the module's short ones are for jobs meant to fail.)"""
    browser = ExportBrowser()
    browser.start()
    try:
        check_the_chart_page_policy(browser, server)
    finally:
        browser.close()


def check_the_chart_page_policy(browser: ExportBrowser, server) -> None:
    index = Path(url2pathname(urlparse(browser._kaleido._index).path)).read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{EXPORT_PAGE_POLICY}">' in index
    assert index.index("Content-Security-Policy") < index.index("<script")
    mark = browser.csp_violation_count
    figure = go.Figure(go.Choroplethmap(geojson=RED_SQUARE, locations=["a"], z=[1], featureidkey="id",
                                        colorscale=[[0, "red"], [1, "red"]], showscale=False))  # fmt: skip
    figure.update_layout(map={"style": "white-bg", "center": {"lat": 32.5, "lon": 117.5}, "zoom": 3})
    assert red_pixels(export_figure(figure.to_dict(), "png", title="地图", browser=browser)) > 10_000
    assert browser.csp_violations_since(mark) == []
    image = f"{server.base}/policy.png"
    assert red_pixels(export_figure(with_images(image), "png", title="图片", browser=browser)) == 0
    refusals = browser.csp_violations_since(mark)
    assert refusals and all("img-src" in text for text in refusals), refusals
    assert any(image in text for text in refusals)
    assert Recorder.requests == [] and image not in browser.blocked  # the policy stopped it, not the guard


def test_a_geojson_layer_on_a_server_or_on_disk_is_not_loaded(browser, server, tmp_path):
    """MapLibre loads a GeoJSON layer in a worker and waits for it: the job ends at the browser's timeout
    (seconds) with nothing fetched and nothing drawn, the browser is replaced, and the next export works."""
    layer_file = tmp_path / "layer.geojson"
    layer_file.write_text(json.dumps(RED_SQUARE), encoding="utf-8")
    layers = [{"sourcetype": "geojson", "source": source, "type": "fill", "color": "red"}
              for source in (f"{server.base}/layer.geojson", layer_file.as_uri())]  # fmt: skip
    figure = map_figure(style="white-bg", layers=layers)
    png = attempt(figure, browser)
    assert Recorder.requests == []
    assert png is None or red_pixels(png) == 0
    assert red_pixels(export_figure(with_images(), "png", title="next", browser=browser)) == 0


def test_print_pdf_loads_nothing_but_its_page(browser, server, red_file):
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
    <link rel="stylesheet" href="{server.base}/sheet.css">
    <style>body {{ background: url('{server.base}/background.png'); }}</style></head><body>
    <h1>打印页 printed page</h1>
    <img src="{server.base}/red.png" width="200" height="200">
    <img src="{red_file.as_uri()}" width="200" height="200">
    <iframe src="file:///etc/passwd" width="400" height="200"></iframe>
    <script>fetch('{server.base}/script-fetch'); new WebSocket('ws://127.0.0.1:{server.server_address[1]}/ws');
    document.write('<p>script ran</p>');</script>
    </body></html>"""
    pdf = browser.print_pdf(page)
    assert Recorder.requests == []
    text = pdf_text(pdf)
    assert "printed page" in text
    assert "root:" not in text and "script ran" not in text
    assert red_images(pdf) == 0
    assert f"{server.base}/red.png" in browser.blocked and "file:///etc/passwd" in browser.blocked


def test_a_page_script_reaches_no_server_by_fetch_or_websocket(browser, server):
    """What request interception does not see (a WebSocket) the host resolver stops: run a script in a tab of
    the export browser itself."""

    async def probe() -> dict:
        k = browser._kaleido
        tab = await k.create_tab("about:blank")
        try:
            port = server.server_address[1]
            script = f"""Promise.all([
                fetch('{server.base}/page-fetch').then(() => 'loaded', () => 'failed'),
                new Promise(done => {{ const ws = new WebSocket('ws://127.0.0.1:{port}/ws');
                    ws.onopen = () => done('open'); ws.onerror = () => done('failed'); }}),
                fetch('file:///etc/passwd').then(() => 'loaded', () => 'failed'),
                new Promise(done => {{ const xhr = new XMLHttpRequest(); xhr.open('GET', 'file:///etc/passwd');
                    xhr.onload = () => done(xhr.responseText ? 'loaded' : 'failed'); xhr.onerror = () => done('failed');
                    xhr.send(); }}),
            ])"""
            params = {"expression": script, "awaitPromise": True, "returnByValue": True}
            return await tab.send_command("Runtime.evaluate", params=params)
        finally:
            await k.close_tab(tab.target_id)

    browser.start()
    response = browser._call(probe(), 20)
    assert response["result"]["result"]["value"] == ["failed", "failed", "failed", "failed"]
    assert "file:///etc/passwd" in browser.blocked
    assert Recorder.requests == []


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_browser_runs_with_a_heap_cap_and_no_loosened_security(browser):
    export_figure(with_images(), "png", title="warm", browser=browser)  # renderer processes exist
    command_lines = []  # Chromium's child processes rewrite theirs as one line: compare text, not arguments
    for pid in descendants(browser.process_id):
        try:
            command_lines.append(Path(f"/proc/{pid}/cmdline").read_bytes().decode().replace("\0", " "))
        except OSError:
            continue
    renderers = [cmd for cmd in command_lines if "--type=renderer" in cmd]
    assert renderers and all(f"--js-flags=--max-old-space-size={HEAP_MB}" in cmd for cmd in renderers)
    assert any("--host-resolver-rules=MAP * ~NOTFOUND" in cmd for cmd in command_lines)
    assert not any("--disable-web-security" in cmd for cmd in command_lines)


def test_a_figure_beyond_the_limits_never_reaches_the_renderer(browser):
    huge = {"data": [{"type": "scattergl", "x": list(range(1_000_000)), "y": list(range(1_000_000))}], "layout": {}}
    before = browser.process_id
    with pytest.raises(ExportLimitError, match="300,000"):
        export_figure(huge, "png", title="太大", browser=browser)
    grid = go.Figure().set_subplots(30, 30).to_dict()
    with pytest.raises(ExportLimitError, match="子图"):
        export_figure(grid, "png", title="太多", browser=browser)
    assert browser.process_id == before and browser.running  # refused before the browser was asked
