"""One headless Chromium, kept alive, for every export: chart images (through kaleido) and HTML → PDF.

Starting the browser costs a few seconds; an image afterwards a fraction of a second. ``export_browser()``
hands out a process-wide instance whose asyncio loop runs in a daemon thread; any thread may call it.
Kaleido queues concurrent renders on its tab(s); a PDF print gets a tab of its own that is closed after.

Nothing is downloaded: the browser is the system Chromium (``$CHUANGYE_BROWSER``, ``$BROWSER_PATH`` or
``chromium`` on the PATH), plotly.js comes from the installed plotly package, and MathJax (which kaleido
would otherwise fetch from a CDN) is switched off.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import os
import shutil
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

RENDER_TIMEOUT_S = 60.0
START_TIMEOUT_S = 60.0
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ExportError(RuntimeError):
    """An export that could not be produced; the message is in Chinese and English."""


def find_browser() -> str | None:
    for variable in ("CHUANGYE_BROWSER", "BROWSER_PATH"):
        path = os.environ.get(variable)
        if path and Path(path).is_file():
            return path
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return None


class ExportBrowser:
    """A kaleido browser on a private event loop. Thread-safe; starts on first use; restarts if it died."""

    def __init__(self, *, tabs: int = 2) -> None:
        self._tabs = tabs
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._scratch = Path(tempfile.mkdtemp(prefix="chuangye-export-"))
        self._exit_hook = False

    # ------------------------------------------------------------------------------------ life cycle

    @property
    def running(self) -> bool:
        k = self._kaleido
        process = getattr(k, "subprocess", None)
        loop_alive = self._thread is not None and self._thread.is_alive()  # its loop may have been stopped
        return k is not None and process is not None and process.poll() is None and loop_alive

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._stop_locked()
            path = find_browser()
            if path is None:
                raise ExportError(
                    "未找到 Chromium 浏览器，无法导出图片或 PDF；请安装 chromium"
                    "（Debian/Ubuntu：apt-get install chromium）或用环境变量 CHUANGYE_BROWSER 指定其路径。"
                    " / No Chromium browser found, so images and PDFs "
                    "cannot be exported; install chromium (Debian/Ubuntu: apt-get install chromium) or set "
                    "CHUANGYE_BROWSER to its path."
                )
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="chuangye-export-browser", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            try:
                self._kaleido = self._call(self._open(path), START_TIMEOUT_S)
                if not self._exit_hook:
                    # registered after the browser's temporary profile exists, so that at exit it runs before
                    # the clean-up of that directory (atexit runs hooks last-in, first-out)
                    atexit.register(self.close)
                    self._exit_hook = True
            except Exception as exc:
                self._stop_locked()
                raise ExportError(
                    f"Chromium 浏览器（{path}）无法启动：{exc} / The Chromium browser at {path} failed to start: {exc}"
                ) from exc

    async def _open(self, path: str) -> Any:
        import kaleido  # imported here: it checks the plotly version and registers an encoder

        k = kaleido.Kaleido(n=self._tabs, mathjax=False, path=path, timeout=RENDER_TIMEOUT_S)
        await k.open()
        return k

    def stop(self) -> None:
        """Close the browser (a later render starts a new one)."""
        with self._lock:
            self._stop_locked()

    def close(self) -> None:
        """Close the browser and remove the scratch directory."""
        self.stop()
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _stop_locked(self) -> None:
        loop, k = self._loop, self._kaleido
        process = getattr(k, "subprocess", None)
        if loop is not None and not loop.is_running() and process is not None and process.poll() is None:
            process.kill()  # the loop that owned the browser is gone: nothing can close it politely
        if loop is not None and k is not None and loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
            except Exception:  # a dead browser cannot be closed politely; the process is ours: kill it
                process = getattr(k, "subprocess", None)
                if process is not None and process.poll() is None:
                    process.kill()
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
            if self._thread is not None:
                self._thread.join(5)
            if not loop.is_running():
                loop.close()
        self._loop, self._thread, self._kaleido = None, None, None

    def _call(self, coro: Coroutine[Any, Any, Any], timeout: float = RENDER_TIMEOUT_S) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _run(self, make: Any, timeout: float = RENDER_TIMEOUT_S) -> Any:
        """Run ``make()``'s coroutine on the browser loop; start (or restart once) the browser as needed."""
        for attempt in (1, 2):
            self.start()
            try:
                return self._call(make(), timeout)
            except Exception:
                if self.running or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # ---------------------------------------------------------------------------------------- work

    def render(self, figure: dict, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
        """A plotly figure (dict) as png/svg/pdf/jpeg/webp bytes, ``width`` × ``height`` CSS px × ``scale``."""
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        return self._run(lambda: self._kaleido.calc_fig(figure, opts=opts))

    def print_pdf(self, html: str, options: dict[str, Any] | None = None) -> bytes:
        """Print an HTML page (self-contained: data-URI images, system fonts) to PDF via ``Page.printToPDF``."""
        return self._run(lambda: self._print(html, options or {}), timeout=RENDER_TIMEOUT_S * 2)

    async def _print(self, html: str, options: dict[str, Any]) -> bytes:
        fd, name = tempfile.mkstemp(suffix=".html", dir=self._scratch)
        page = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        k = self._kaleido
        tab = await k.create_tab("about:blank")
        try:
            loaded = tab.subscribe_once("Page.loadEventFired")
            _check(await tab.send_command("Page.enable"))
            _check(await tab.send_command("Page.navigate", params={"url": page.as_uri()}))
            await asyncio.wait_for(loaded, RENDER_TIMEOUT_S)
            # web fonts and images are loaded by the load event; fonts may still be swapping in
            _check(
                await tab.send_command(
                    "Runtime.evaluate", params={"expression": "document.fonts.ready", "awaitPromise": True}
                )
            )
            params = {"printBackground": True, "preferCSSPageSize": True, **options}
            response = await tab.send_command("Page.printToPDF", params=params)
            _check(response)
            return base64.b64decode(response["result"]["data"])
        finally:
            await k.close_tab(tab.target_id)
            page.unlink(missing_ok=True)


def _check(response: dict) -> None:
    if "error" in response:
        raise ExportError(f"浏览器命令失败：{response['error']} / Browser command failed: {response['error']}")


_instance: ExportBrowser | None = None
_instance_lock = threading.Lock()


def export_browser() -> ExportBrowser:
    """The process-wide export browser (started on first render, closed at exit)."""
    global _instance
    with _instance_lock:
        if _instance is None:
            _instance = ExportBrowser()
        return _instance


__all__ = ["ExportBrowser", "ExportError", "export_browser", "find_browser"]
