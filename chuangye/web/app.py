"""The Dash application: ``create_app()`` wires the shell and the pages to the data manager.

Run it with ``chuangye serve`` (or ``bash scripts/run.sh``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from dash import Dash

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.strings.i18n import t
from chuangye.web.downloads import callbacks as downloads
from chuangye.web.pages.certification import callbacks as certification
from chuangye.web.pages.drilldown import callbacks as drilldown
from chuangye.web.pages.overview import callbacks as overview
from chuangye.web.pages.peers import callbacks as peers
from chuangye.web.pages.unit import callbacks as unit
from chuangye.web.services import Services, cache, cache_config
from chuangye.web.shell import callbacks as shell_callbacks
from chuangye.web.shell.layout import shell

ASSETS_DIR = Path(str(files("chuangye.web"))) / "assets"


def create_app(data_dir: str | Path | None = None, config_path: str | Path | None = None) -> Dash:
    cfg = load_config(config_path)
    store = Store(data_dir, config=cfg)
    store.ensure_initialised(SAMPLE_DIR)
    services = Services(store, cfg)
    services.analytics()  # compute once at start-up, not on the first click

    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title=t("app_title"),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.server.config.update(cache_config())
    cache.init_app(app.server)
    app.layout = lambda: shell(services.analytics().years, services.version, services.subtitle("zh"))
    for module in (shell_callbacks, overview, drilldown, peers, unit, certification, downloads):
        module.register(app, services)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
