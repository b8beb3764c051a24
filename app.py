"""The Dash application: ``create_app()`` wires layouts/ and callbacks/ to the core in dashboard/.

Run it with ``chuangye serve`` (or ``bash scripts/run.sh``).
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from callbacks import register_all
from callbacks.context import Services, cache, cache_config
from dashboard.config import load_config
from dashboard.i18n import t
from dashboard.store import Store
from layouts.shell import shell

ROOT = Path(__file__).resolve().parent
SAMPLE_DIR = ROOT / "sample_data" / "jiangsu"


def create_app(data_dir: str | Path | None = None, config_path: str | Path | None = None) -> Dash:
    cfg = load_config(config_path)
    store = Store(data_dir, config=cfg)
    store.ensure_initialised(SAMPLE_DIR)
    services = Services(store, cfg)
    services.analytics()  # compute once at start-up, not on the first click

    app = Dash(
        __name__,
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title=t("app_title"),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.server.config.update(cache_config())
    cache.init_app(app.server)
    app.layout = lambda: shell(services.analytics().years, services.version)
    register_all(app, services)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
