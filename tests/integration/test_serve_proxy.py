"""Behind an HTTPS reverse proxy on the same machine (docs/deployment.md section 7.3), the page's callbacks
pass the cross-site check: the proxy's ``X-Forwarded-Proto: https`` makes the browser's ``https://`` Origin
this site's, with one waitress process and with gunicorn workers alike. Before, waitress ignored the header
and refused every callback POST of a page served over HTTPS with 403."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.postgres import free_port

CHUANGYE = Path(sys.executable).with_name("chuangye")
CALLBACK = "/_dash-update-component"


def _status(url: str, headers: dict[str, str], data: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(params=[["--workers", "1"], ["--workers", "2"]], ids=["waitress", "gunicorn"])
def server(request, tmp_path):
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
    environ["CHUANGYE_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.Popen(
        [str(CHUANGYE), "serve", "--no-auth", "--port", str(port), *request.param],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        assert proc.poll() is None, f"serve exited {proc.returncode}"
        try:
            urllib.request.urlopen(f"{base}/_version", timeout=5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "no answer"
            time.sleep(0.3)
    try:
        yield base, port
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_a_callback_from_the_https_page_passes_the_cross_site_check(server):
    base, port = server
    page = f"https://127.0.0.1:{port}"
    body = b'{"output": "nothing.children", "outputs": {}, "inputs": [], "changedPropIds": []}'
    json_post = {"Content-Type": "application/json", "Origin": page}
    through_proxy = _status(f"{base}{CALLBACK}", {**json_post, "X-Forwarded-Proto": "https"}, body)
    assert through_proxy != 403, "the proxy's https page was taken for another site"
    assert _status(f"{base}{CALLBACK}", json_post, body) == 403, "without the proxy's word it is another site"
    other = {**json_post, "Origin": "https://evil.example", "X-Forwarded-Proto": "https"}
    assert _status(f"{base}{CALLBACK}", other, body) == 403
