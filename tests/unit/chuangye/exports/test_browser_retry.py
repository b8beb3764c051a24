"""The export browser retries a job once on a fresh browser when kaleido ran it in a tab that was not ready
(``kaleido_scopes is not defined``), and only then; other page errors are reported at once."""

from __future__ import annotations

import pytest

from chuangye.exports.browser import TAB_NOT_READY, ExportBrowser, ExportError


class Recorded(ExportBrowser):
    """The job machinery of ExportBrowser, without a browser: each attempt's outcome is given."""

    def __init__(self, outcomes: list[object]) -> None:
        super().__init__()
        self.outcomes, self.starts, self.stops = list(outcomes), 0, 0

    def start(self) -> None:
        self.starts += 1

    def stop(self) -> None:
        self.stops += 1

    @property
    def running(self) -> bool:
        return True

    def _call(self, coro, timeout):
        coro.close()
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


async def _job() -> None:
    return None


def test_a_tab_that_was_not_ready_gets_one_retry_on_a_fresh_browser():
    browser = Recorded([RuntimeError(f"ReferenceError: {TAB_NOT_READY}"), b"png"])
    assert browser._run(_job, 1) == b"png"
    assert (browser.starts, browser.stops) == (2, 1)


def test_not_ready_twice_is_reported():
    browser = Recorded([RuntimeError(TAB_NOT_READY), RuntimeError(TAB_NOT_READY)])
    with pytest.raises(ExportError, match=TAB_NOT_READY):
        browser._run(_job, 1)


def test_another_page_error_is_reported_at_once():
    browser = Recorded([RuntimeError("TypeError: cannot read properties of undefined"), b"png"])
    with pytest.raises(ExportError, match="TypeError"):
        browser._run(_job, 1)
    assert browser.starts == 1
