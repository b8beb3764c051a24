"""A page learns that the data changed under it (an import or a rollback since it was loaded) and offers to
reload, instead of mixing the version it drew with the one its next update reads (issue 12).

The shell carries the version the page was drawn from and a hidden notice with its words in both languages;
``assets/version-watch.js`` asks ``/_version`` now and then and, when the active version is another one, shows
the notice in the page's language. The question does not count as activity: a page left open still reaches
its idle timeout (web/auth/resolvers.py ``PASSIVE_PATHS``). A page showing another stored version on purpose
(``?version=``, web/shell ``as_of_notice``) is not asked to reload: the script stays quiet while its banner is
there.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, html
from flask import jsonify

from chuangye.strings.i18n import t

VERSION_PATH = "/_version"
NOTICE = "version-notice"
RELOAD = "version-notice-reload"
POLL_SECONDS = 60  # how often an open page asks; a change is rare (an import), the question is cheap


def version_notice(lang: str, version: str, poll_seconds: float | None = None) -> html.Div:
    """Hidden until the script finds another active version than ``version``."""
    words = {f"data-{key}-{code}": t(f"version_{key}", code) for key in ("changed", "reload") for code in ("zh", "en")}
    return html.Div(
        html.Div(  # the flex box inside: a display utility on the notice itself would override ``hidden``
            [
                html.Span(className="version-notice-text me-2"),
                html.Button(t("version_reload", lang), id=RELOAD, type="button", className="btn btn-sm btn-primary"),
            ],
            className="d-flex flex-wrap align-items-center gap-2",
        ),
        id=NOTICE,
        hidden=True,
        role="status",
        className="alert alert-info py-2",
        **{
            "data-version": version,
            "data-lang": lang,
            "data-poll-ms": str(round(1000 * (POLL_SECONDS if poll_seconds is None else poll_seconds))),
            **words,
        },
    )


def register(app: Dash, version: Callable[[], str]) -> None:
    """``GET /_version``: the active version's id as JSON (``version()`` reads it), never cached."""

    @app.server.get(VERSION_PATH)
    def active_version():
        response = jsonify({"version": version()})
        response.headers["Cache-Control"] = "no-store"
        return response
