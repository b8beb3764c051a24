"""What every callback reaches: the store, the configuration and the data manager (the active Analytics, as the
request's user may see it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_request_context

from chuangye.config.loader import Config
from chuangye.data.db import Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics, DataManager
from chuangye.engine.scope import scoped
from chuangye.strings.i18n import t
from chuangye.web.access import current_scope, within_scope
from chuangye.web.audit import PageAudit
from chuangye.web.viewstate import ViewState

SNAPSHOT_KEY = "chuangye_snapshot"  # flask.g: the request's Analytics (Services.snapshot)


@dataclass
class Services:
    store: Store
    cfg: Config
    default_lang: str = "zh"  # the language of a URL without lang= (chuangye serve --lang)
    database: Database | None = None  # accounts and audit trail; None: the data directory's, opened on first use
    manager: DataManager = field(init=False)
    audit: PageAudit = field(init=False)  # unit views, exports, reports, API records, the audit page (web/audit.py)

    def __post_init__(self) -> None:
        self.manager = DataManager(self.store, self.cfg)
        self.audit = PageAudit(self._database)

    def _database(self) -> Database:
        return self.database or Database.open(self.store.data_dir)

    def snapshot(self) -> Analytics:
        """The whole active version, taken once per request: every read of one request (its data, the keys of
        later Patch updates, the version it names) sees the same version, even when an import or a rollback
        switches the active one meanwhile. Unscoped: callers outside the scoped view (the API's 403 checks)."""
        if not has_request_context():
            return self.manager.current()
        taken = g.get(SNAPSHOT_KEY)
        if taken is None:
            taken = self.manager.current()
            setattr(g, SNAPSHOT_KEY, taken)
        return taken

    def analytics(self) -> Analytics:
        """The request's version as its user may see it (web/access.py, engine/scope.py). The scope is applied
        on every call, not cached with the snapshot: sign-in may read the data before it sets the scope."""
        return scoped(self.snapshot(), current_scope())

    def view(self, pathname: str | None, search: str | None) -> ViewState:
        """The view a URL asks for, its year kept to the years the active data has; the out-of-scope notice
        when it names a region or unit the user may not open (web/access.py)."""
        an = self.analytics()
        return within_scope(ViewState.from_url(pathname, search, tuple(an.years), self.default_lang), an)

    def subtitle(self, lang: str) -> str:
        """The programme in one line: the province (from the data) and its years (from the configuration)."""
        an = self.analytics()
        province = an.region_name(an.regions.root, lang)
        return t("app_subtitle", lang, province=province, start=self.cfg.base_year, end=self.cfg.target_year)

    @property
    def version(self) -> str:
        """The request's version id ("" when nothing is imported): the active one, or the intact one shown while
        the active one is damaged (DataManager.fallback)."""
        return self.snapshot().dataset.version_id or ""
