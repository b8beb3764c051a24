"""What every callback reaches: the store, the configuration and the data manager (the active Analytics)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from flask_caching import Cache

from chuangye.config.loader import Config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics, DataManager
from chuangye.strings.i18n import t
from chuangye.web.viewstate import ViewState

cache = Cache()


def cache_config() -> dict:
    """A local in-process cache by default; Redis when CHUANGYE_REDIS_URL is set."""
    url = os.environ.get("CHUANGYE_REDIS_URL", "").strip()
    if url:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_DEFAULT_TIMEOUT": 0}
    return {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000, "CACHE_DEFAULT_TIMEOUT": 0}


@dataclass
class Services:
    store: Store
    cfg: Config
    manager: DataManager = field(init=False)

    def __post_init__(self) -> None:
        self.manager = DataManager(self.store, self.cfg)

    def analytics(self) -> Analytics:
        return self.manager.current()

    def view(self, pathname: str | None, search: str | None) -> ViewState:
        """The view a URL asks for, its year kept to the years the active data has."""
        return ViewState.from_url(pathname, search, tuple(self.analytics().years))

    def subtitle(self, lang: str) -> str:
        """The programme in one line: the province (from the data) and its years (from the configuration)."""
        an = self.analytics()
        province = an.region_name(an.regions.root, lang)
        return t("app_subtitle", lang, province=province, start=self.cfg.base_year, end=self.cfg.target_year)

    @property
    def version(self) -> str:
        return self.store.active_version_id() or ""
