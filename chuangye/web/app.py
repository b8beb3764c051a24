"""The Dash application: ``create_app()`` wires the shell and the pages to the data manager.

Run it with ``chuangye serve`` (or ``bash scripts/run.sh``). Start-up has two steps: the app is built (the
active data version loaded, every callback registered), then, with ``warm=True``, the pages' ``warm_up``
functions run in one background thread, building what a first visit would otherwise wait for. Requests are
served meanwhile: each warm-up piece takes only its own short lock, and a request that needs a piece being
built waits for that piece alone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from dash import Dash
from flask import has_request_context, request

from chuangye.config.loader import load_config
from chuangye.data.db.database import Database
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web import api, version_watch
from chuangye.web import auth as auth_layer
from chuangye.web import baseline_notice as notice
from chuangye.web.auth.hardening import install_hardening
from chuangye.web.auth.widget import account_menu
from chuangye.web.delivery import install_delivery
from chuangye.web.downloads import callbacks as downloads
from chuangye.web.errors import on_callback_error, register_error_handlers
from chuangye.web.pages.audit import callbacks as audit_page
from chuangye.web.pages.certification import callbacks as certification
from chuangye.web.pages.data import callbacks as data_page
from chuangye.web.pages.drilldown import callbacks as drilldown
from chuangye.web.pages.method import callbacks as method
from chuangye.web.pages.not_found import callbacks as not_found
from chuangye.web.pages.overview import callbacks as overview
from chuangye.web.pages.peers import callbacks as peers
from chuangye.web.pages.submissions import callbacks as submissions_page
from chuangye.web.pages.unit import callbacks as unit
from chuangye.web.services import Services
from chuangye.web.shell import callbacks as shell_callbacks
from chuangye.web.shell.layout import as_of_notice, back_to_current, shell, version_label
from chuangye.web.validation import validation_layout
from chuangye.web.version_watch import version_notice

ASSETS_DIR = Path(str(files("chuangye.web"))) / "assets"
CALLBACK_MODULES = (
    shell_callbacks,
    overview,
    drilldown,
    peers,
    unit,
    certification,
    downloads,
    not_found,
    method,
    notice,
    audit_page,
    data_page,
    submissions_page,
)
# the pages' start-up steps, in order: the overview's coverage first (what the first request needs), the unit
# search index, then the drill-down maps and county layouts (tens of seconds on a loaded machine)
WARM_UPS: tuple[Callable[[Services], None], ...] = (overview.warm_up, unit.warm_up, drilldown.warm_up)
# Dash checks every callback's ids and properties against the validation layout (the shell and each page
# drawn for representative views, web/validation.py) instead of suppressing callback exceptions.
VALIDATE_CALLBACKS = True
EXTENSION = "chuangye"  # app.server.extensions[EXTENSION]: {"services": ..., "warm_up": thread or None}
# create_app's sign-in when not given: on (the test suite's shared fixture turns it off for the tests of other
# things, tests/conftest.py)
AUTH_DEFAULT = True

log = logging.getLogger(__name__)


def warm_up(services: Services, steps: Sequence[Callable[[Services], None]] = WARM_UPS) -> float:
    """Run the warm-up steps in turn and return the seconds taken; a failing step is logged and skipped
    (warm-up is only a head start: the views build the same things on demand)."""
    names = ", ".join(f"{step.__module__.rsplit('.', 2)[-2]}.{step.__name__}" for step in steps)
    log.info("warm-up started (%s)", names)
    start = time.perf_counter()
    for step in steps:
        try:
            step(services)
        except Exception:
            log.exception("warm-up step %s.%s failed", step.__module__, step.__name__)
    seconds = time.perf_counter() - start
    log.info("warm-up finished in %.1f s", seconds)
    return seconds


def start_warm_up(services: Services, steps: Sequence[Callable[[Services], None]] = WARM_UPS) -> threading.Thread:
    """``warm_up`` in a daemon thread (it never keeps the process alive)."""
    thread = threading.Thread(target=warm_up, args=(services, steps), name="chuangye-warm-up", daemon=True)
    thread.start()
    return thread


def create_app(
    data_dir: str | Path | None = None,
    config_path: str | Path | None = None,
    *,
    warm: bool = True,
    default_lang: str = "zh",
    auth: bool | None = None,
    database: Database | None = None,
) -> Dash:
    """The dashboard on the store at ``data_dir`` (initialised with the bundled sample when empty).

    ``warm=True`` starts the warm-up thread once the app is built; tests and tools that want no background
    work pass ``warm=False``. ``default_lang`` is the language of a URL without ``lang=``. ``auth=True`` (the
    default) signs users in against the accounts ``database`` (default: the data directory's, or
    ``$CHUANGYE_DATABASE_URL``'s); ``auth=False`` serves one local user with the province's scope
    (``chuangye serve --no-auth``)."""
    cfg = load_config(config_path)
    store = Store(data_dir, config=cfg)
    store.ensure_initialised(SAMPLE_DIR)
    signs_in = AUTH_DEFAULT if auth is None else auth
    if signs_in:
        database = database or Database.open(store.data_dir)
    services = Services(store, cfg, default_lang=default_lang, database=database)
    services.analytics()  # load the active version now, not on the first click

    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        suppress_callback_exceptions=not VALIDATE_CALLBACKS,
        title=t("app_title", default_lang),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=on_callback_error,  # a failing callback: logged, and an alert in the page (web/errors.py)
    )
    register_error_handlers(app, default_lang)  # JSON, never Flask's HTML page or a traceback, for non-pages
    if signs_in:
        level_of = lambda code: services.analytics().regions.level_of(code)  # noqa: E731  the active data's
        auth_layer.install(app, store.data_dir, database, level_of)
    else:
        auth_layer.install_single_user(app)
    install_hardening(app)  # last: its cross-site check runs before everything else
    install_delivery(app)  # compression and Cache-Control (web/delivery.py)
    for module in CALLBACK_MODULES:
        module.register(app, services)
    api.register(app, services)  # the JSON API under /api/v1/ (web/api, docs/api.md)
    version_watch.register(app, lambda: services.version)  # GET /_version: the page's "data changed" notice
    if VALIDATE_CALLBACKS:  # before the layout, or Dash draws the layout once to validate it
        app.validation_layout = validation_layout(app, services)
    app.layout = lambda: app_shell(services)
    app.server.extensions[EXTENSION] = {
        "services": services,
        "warm_up": start_warm_up(services) if warm else None,
    }
    return app


def app_shell(services: Services):
    """The layout Dash serves (at ``/_dash-layout``, fetched by the page, whose address is the referrer)."""
    address = urlsplit(request.referrer) if has_request_context() and request.referrer else None
    path = address.path if address else "/"
    state = services.view(path, address.query if address else "")  # first: it fixes the version shown
    an = services.analytics()
    as_of = services.as_of()
    return shell(
        an.years,
        version_label(as_of, state.lang),
        services.subtitle(state.lang),
        an.regions.root,
        state.lang,
        state.page,
        account=account_menu(state.lang),
        version_notice=version_notice(state.lang, services.active_version),  # quiet on another (version-watch.js)
        fallback=services.manager.fallback,
        as_of=as_of_notice(as_of, back_to_current(path, state), state.lang),
    )


if __name__ == "__main__":
    create_app(auth=False).run()
