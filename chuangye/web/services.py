"""What every callback reaches: the store, the configuration, the cache and the active Analytics."""

from __future__ import annotations

import os
from dataclasses import dataclass

from flask_caching import Cache

from chuangye.data.store import Store
from chuangye.engine.config import Config
from chuangye.engine.manager import Analytics, for_store

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

    def analytics(self) -> Analytics:
        return for_store(self.store, self.cfg)

    @property
    def version(self) -> str:
        return self.store.active_version_id() or ""
