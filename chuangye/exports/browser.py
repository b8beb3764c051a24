"""One headless Chromium, kept alive, for every export: chart images (through kaleido) and HTML → PDF.

Starting the browser costs a few seconds; an image afterwards a fraction of a second. ``export_browser()``
hands out a process-wide instance whose asyncio loop runs in a daemon thread; any thread may call it.
Kaleido queues concurrent renders on its tab(s); a PDF print gets a tab of its own that is closed after.

Nothing is downloaded: the browser is the system Chromium (``$CHUANGYE_BROWSER``, ``$BROWSER_PATH`` or
``chromium`` on the PATH), plotly.js comes from the installed plotly package, and MathJax (which kaleido
would otherwise fetch from a CDN) is switched off.

The browser renders what it is given, so it is locked down (a figure or a page naming a URL must not make the
server fetch it, nor a huge figure take the server down):

- no network: every request of every tab is paused and answered through the DevTools ``Fetch`` domain
  (``RequestGuard``, enabled on the browser target before any tab loads anything, so it covers kaleido's tabs
  and the print tabs alike): the renderer's own files (kaleido's page and the scripts it names, a print job's
  page) load, anything else fails; the host resolver resolves nothing (``--host-resolver-rules``), which also
  stops what request interception does not see (WebSockets, workers); choreographer's
  ``--disable-web-security`` is dropped, and print pages run no script;
- a Content-Security-Policy of its own (``EXPORT_PAGE_POLICY``, a ``<meta>`` in kaleido's page: a ``file:`` page
  gets no headers from a server) lets the chart page run the renderer's scripts and nothing else, and load
  only what it made itself (``data:``/``blob:`` images, MapLibre's ``blob:`` workers); what the page's policy
  refused is kept in ``csp_violations`` and logged, as the guard keeps ``blocked``;
- limits: a figure is measured before it reaches the browser (``check_figure``: bytes, traces, values,
  subplots), every job has a timeout of seconds (a job that overruns kills the browser, the next job starts a
  new one) and the V8 heap of each page is capped (``--js-flags=--max-old-space-size``).
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import concurrent.futures
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from choreographer.browsers import Chromium

from chuangye.exports.limits import LIMITS, ExportError, ExportLimitError, FigureLimits, check_figure
from chuangye.strings.i18n import bilingual

RENDER_TIMEOUT_S = 15.0  # one chart: well under a second normally, a few seconds on a busy machine
PRINT_TIMEOUT_S = 30.0  # one PDF print (a report of ten pages with nine images)
START_TIMEOUT_S = 30.0
QUEUE_TIMEOUT_S = 120.0  # waiting for a free tab (a report queues nine charts on two tabs)
HEAP_MB = 512  # V8 heap of one page
# Device pixels per CSS px of the chart tabs. MapLibre draws a map at the page's device pixel ratio (1 in a
# headless browser) and plotly puts that bitmap into the image, so a map exported at scale 2 was a 1x bitmap
# blown up. The largest PNG scale of the export presets (exports.chrome.PRESETS) keeps it sharp; plotly sizes
# everything else from width × height × scale, whatever the ratio.
PIXEL_RATIO = 2.0
MAX_PAGE_BYTES = 32 * 1024 * 1024  # an HTML page to print (a report's images are inlined)
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# what choreographer adds to Chromium's command line that lets a page reach other origins. (Its
# --allow-file-access-from-files stays: MapLibre's worker does not start on a file: page without it; the request
# guard below lets no file but the renderer's own load.)
LOOSENING_FLAGS = frozenset({"--disable-web-security"})
LOCKDOWN_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no host name or address resolves: no connection anywhere
    f"--js-flags=--max-old-space-size={HEAP_MB}",
    "--disable-background-networking",
    "--dns-prefetch-disable",
    "--no-pings",
)
ALWAYS_ALLOWED_SCHEMES = ("data:", "blob:", "about:")  # made by the page itself, nothing fetched
# The chart page's own policy. Scripts: kaleido's page names plotly.js and its own script as file: URLs (the
# request guard lets no other file load); kaleido drives the page through DevTools, which no policy limits.
# Styles inline: plotly and MapLibre add <style> elements, kaleido sizes a PDF page in one. Images: a map's
# canvas and plotly's own images become data:/blob: URLs; MapLibre's workers are blob:. No connect-src: the
# figures carry their GeoJSON inline, so nothing is fetched.
EXPORT_PAGE_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src file:",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "font-src data:",
        "worker-src blob:",
        "base-uri 'none'",
        "form-action 'none'",
    )
)
CSP_MARK = "Content Security Policy"  # in Chromium's report of a refusal (Log domain, source "security")
KEPT = 256  # refusals kept (blocked URLs, policy violations): the latest

log = logging.getLogger(__name__)


# ------------------------------------------------------------------------------------------ lockdown


def find_browser() -> str | None:
    for variable in ("CHUANGYE_BROWSER", "BROWSER_PATH"):
        path = os.environ.get(variable)
        if path and Path(path).is_file():
            return path
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return None


class LockedDownChromium(Chromium):
    """Choreographer's Chromium command line without the flag that opens a page to other origins, and with a
    host resolver that resolves nothing and a V8 heap cap (``LOCKDOWN_FLAGS``)."""

    def get_cli(self) -> list[str]:
        cli = [arg for arg in super().get_cli() if arg not in LOOSENING_FLAGS]
        return [*cli, *LOCKDOWN_FLAGS]


class RequestGuard:
    """Answers every request of the target it watches (DevTools ``Fetch`` domain, every URL paused; watching the
    browser target covers all its tabs): a URL in ``allowed`` (or a ``data:``/``blob:`` URL the page made)
    continues, anything else fails. What it refused is kept in ``blocked`` (the last 256 URLs) and logged."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        self.allowed: set[str] = set(allowed)
        self.blocked: list[str] = []

    def allows(self, url: str) -> bool:
        return url in self.allowed or url.startswith(ALWAYS_ALLOWED_SCHEMES)

    async def watch(self, target: Any) -> None:
        """Pause every request of ``target`` (a choreographer tab, or the browser: all its tabs) and answer it;
        call before the target loads anything."""

        async def answer(event: dict) -> None:
            params = event.get("params") or {}
            request_id, url = params.get("requestId"), str((params.get("request") or {}).get("url", ""))
            if self.allows(url):
                await target.send_command("Fetch.continueRequest", params={"requestId": request_id})
                return
            self.blocked = [*self.blocked[-(KEPT - 1) :], url]
            log.warning("export browser: blocked a request for %s", url[:200])
            await target.send_command(
                "Fetch.failRequest", params={"requestId": request_id, "errorReason": "BlockedByClient"}
            )

        target.subscribe("Fetch.requestPaused", answer)
        _check(await target.send_command("Fetch.enable", params={"patterns": [{"urlPattern": "*"}]}))


def page_files(index_uri: str) -> set[str]:
    """Kaleido's page and the local scripts it loads (``file:`` URLs only: anything remote stays refused)."""
    path = Path(url2pathname(urlparse(index_uri).path))
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', path.read_text(encoding="utf-8"))
    return {index_uri, *(s for s in sources if s.startswith("file:"))}


class PolicyWatch:
    """Keeps what Chromium reports a page's Content-Security-Policy refused in the tabs it watches (DevTools
    ``Log`` domain: enabling it also hands over what the page reported before)."""

    def __init__(self) -> None:
        self.violations: list[str] = []  # the latest KEPT
        self.count = 0  # all there were

    def since(self, count: int) -> list[str]:
        """The violations after the first ``count`` (those still kept)."""
        return self.violations[len(self.violations) - min(self.count - count, len(self.violations)) :]

    async def watch(self, tab: Any) -> None:
        async def note(event: dict) -> None:
            entry = (event.get("params") or {}).get("entry") or {}
            text = str(entry.get("text", ""))
            if CSP_MARK in text:
                self.violations = [*self.violations[-(KEPT - 1) :], text]
                self.count += 1
                log.warning("export browser: the chart page's policy refused: %s", text[:300])

        tab.subscribe("Log.entryAdded", note)
        _check(await tab.send_command("Log.enable"))


def policed_page(policy: str = EXPORT_PAGE_POLICY) -> Any:
    """Kaleido's page (plotly.js from the installed plotly package, no MathJax) with ``policy`` as its
    Content-Security-Policy, the first thing in its head."""
    from kaleido import PageGenerator

    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'

    class PolicedPage(PageGenerator):
        header = PageGenerator.header.replace("<head>", f"<head>\n        {meta}", 1)

    return PolicedPage(mathjax=False)


async def set_pixel_ratio(tab: Any, ratio: float) -> None:
    """Render ``tab`` at ``ratio`` device pixels per CSS px (window.devicePixelRatio), its size unchanged."""
    params = {"width": 0, "height": 0, "deviceScaleFactor": ratio, "mobile": False}
    _check(await tab.send_command("Emulation.setDeviceMetricsOverride", params=params))


def _kaleido_class() -> type:
    """Kaleido whose browser pauses every request before any tab loads anything (imported late: kaleido checks
    plotly on import)."""
    import kaleido

    class GuardedKaleido(kaleido.Kaleido):
        def __init__(self, policy_watch: PolicyWatch, **kwargs: Any) -> None:
            super().__init__(browser_cls=LockedDownChromium, **kwargs)
            self.guard = RequestGuard()
            self.policy_watch = policy_watch
            self._guarding = False

        async def populate_targets(self) -> None:
            # Fetch.enable on the browser's own session covers every tab, those kaleido opens later and the
            # print tabs included; it is on before kaleido's populate_targets navigates the first tab
            if not self._guarding:
                self.guard.allowed |= page_files(self._index)
                await self.guard.watch(self)
                self._guarding = True
            await super().populate_targets()
            for tab in list(self.tabs.values()):  # kaleido's tabs (an override outlives its reloads)
                await set_pixel_ratio(tab, PIXEL_RATIO)
                await self.policy_watch.watch(tab)

    return GuardedKaleido


# ------------------------------------------------------------------------------------------ the browser


# kaleido ran its script in a tab whose page had not finished loading (kaleido 1.5 takes the first script
# context it sees; on a busy 2-core machine that can be the old page's): the job is retried on a new browser
TAB_NOT_READY = "kaleido_scopes is not defined"


class ExportBrowser:
    """A locked-down kaleido browser on a private event loop. Thread-safe; starts on first use; restarts if it
    died or a job overran its timeout."""

    def __init__(
        self,
        *,
        tabs: int = 2,
        render_timeout: float = RENDER_TIMEOUT_S,
        print_timeout: float = PRINT_TIMEOUT_S,
        limits: FigureLimits = LIMITS,
    ) -> None:
        self._tabs = tabs
        self.render_timeout = render_timeout
        self.print_timeout = print_timeout
        self.limits = limits
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(tabs)  # the per-job timeout starts once a tab is free
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._policy_watch = PolicyWatch()  # outlives a browser that is replaced (a job that overran)
        self._scratch = Path(tempfile.mkdtemp(prefix="chuangye-export-"))
        self._exit_hook = False

    # ------------------------------------------------------------------------------------ life cycle

    @property
    def running(self) -> bool:
        k = self._kaleido
        process = getattr(k, "subprocess", None)
        loop_alive = self._thread is not None and self._thread.is_alive()  # its loop may have been stopped
        return k is not None and process is not None and process.poll() is None and loop_alive

    @property
    def blocked(self) -> list[str]:
        """The URLs the browser refused since it started (chart tabs and print tabs)."""
        guard = getattr(self._kaleido, "guard", None)
        return list(guard.blocked) if guard else []

    @property
    def csp_violations(self) -> list[str]:
        """What the chart page's Content-Security-Policy refused (Chromium's words), the latest ``KEPT``, whichever
        browser process it happened in."""
        return list(self._policy_watch.violations)

    @property
    def csp_violation_count(self) -> int:
        """How many refusals the chart page's policy made in all (a mark for ``csp_violations_since``)."""
        return self._policy_watch.count

    def csp_violations_since(self, count: int) -> list[str]:
        """The refusals after the first ``count`` of them (``csp_violation_count`` taken earlier)."""
        return self._policy_watch.since(count)

    @property
    def process_id(self) -> int | None:
        process = getattr(self._kaleido, "subprocess", None)
        return process.pid if process is not None else None

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._stop_locked()
            path = find_browser()
            if path is None:
                raise ExportError(bilingual("ex_no_browser"))
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
                raise ExportError(bilingual("ex_browser_failed", path=path, error=exc)) from exc

    async def _open(self, path: str) -> Any:
        k = _kaleido_class()(
            self._policy_watch, n=self._tabs, page_generator=policed_page(), path=path, timeout=self.render_timeout
        )
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

    def _kill(self) -> None:
        """Stop a browser whose job overran: its page may still be busy, so the process goes at once."""
        process = getattr(self._kaleido, "subprocess", None)
        if process is not None and process.poll() is None:
            process.kill()
        self.stop()

    def _call(self, coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _run(self, make: Callable[[], Coroutine[Any, Any, Any]], timeout: float) -> Any:
        """Run ``make()``'s coroutine on the browser loop within ``timeout`` seconds once a tab is free; start
        (or restart once) the browser as needed. A job that overruns kills the browser."""
        if not self._slots.acquire(timeout=QUEUE_TIMEOUT_S):
            raise ExportError(bilingual("ex_browser_busy"))
        try:
            for attempt in (1, 2):
                self.start()
                try:
                    return self._call(make(), timeout)
                except (TimeoutError, concurrent.futures.TimeoutError) as exc:
                    self._kill()
                    raise ExportError(bilingual("ex_render_timeout", seconds=f"{timeout:g}")) from exc
                except ExportError:
                    raise
                except Exception as exc:  # the page's own error (kaleido's), or the browser died: once more
                    if attempt == 1 and TAB_NOT_READY in str(exc):
                        self.stop()  # a fresh browser's tabs are loaded before the retry
                        continue
                    if self.running or attempt == 2:
                        raise ExportError(bilingual("ex_render_failed", error=str(exc)[:300])) from exc
            raise AssertionError("unreachable")
        finally:
            self._slots.release()

    # ---------------------------------------------------------------------------------------- work

    def render(self, figure: dict, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
        """A plotly figure (dict) as png/svg/pdf/jpeg/webp bytes, ``width`` × ``height`` CSS px × ``scale``.

        The figure is measured first (``check_figure``); one larger than ``limits`` is refused."""
        check_figure(figure, self.limits)
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        # kaleido's own timeout cancels the render a moment before ours gives up on the job
        return self._run(lambda: self._kaleido.calc_fig(figure, opts=opts), self.render_timeout + 2)

    def print_pdf(self, html: str, options: dict[str, Any] | None = None) -> bytes:
        """Print an HTML page (self-contained: data-URI images, system fonts) to PDF via ``Page.printToPDF``.
        The page loads nothing but itself and runs no script."""
        if len(html.encode("utf-8")) > MAX_PAGE_BYTES:
            raise ExportLimitError(bilingual("ex_limit_page", limit=f"{MAX_PAGE_BYTES / 1e6:.0f}"))
        return self._run(lambda: self._print(html, options or {}), self.print_timeout)

    async def _print(self, html: str, options: dict[str, Any]) -> bytes:
        fd, name = tempfile.mkstemp(suffix=".html", dir=self._scratch)
        page = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        k = self._kaleido
        tab = await k.create_tab("about:blank")
        k.guard.allowed.add(page.as_uri())  # this job's page, and nothing else, loads while it prints
        try:
            _check(await tab.send_command("Emulation.setScriptExecutionDisabled", params={"value": True}))
            loaded = tab.subscribe_once("Page.loadEventFired")
            _check(await tab.send_command("Page.enable"))
            _check(await tab.send_command("Page.navigate", params={"url": page.as_uri()}))
            await loaded
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
            k.guard.allowed.discard(page.as_uri())
            await k.close_tab(tab.target_id)
            page.unlink(missing_ok=True)


def _check(response: dict) -> None:
    if "error" in response:
        error = json.dumps(response["error"], ensure_ascii=False)[:300]
        raise ExportError(bilingual("ex_browser_command", error=error))


_instance: ExportBrowser | None = None
_instance_lock = threading.Lock()


def export_browser() -> ExportBrowser:
    """The process-wide export browser (started on first render, closed at exit)."""
    global _instance
    with _instance_lock:
        if _instance is None:
            _instance = ExportBrowser()
        return _instance


__all__ = [
    "EXPORT_PAGE_POLICY",
    "LIMITS",
    "PIXEL_RATIO",
    "ExportBrowser",
    "ExportError",
    "ExportLimitError",
    "FigureLimits",
    "LockedDownChromium",
    "PolicyWatch",
    "RequestGuard",
    "check_figure",
    "export_browser",
    "find_browser",
]
