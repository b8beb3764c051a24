"""What every callback reaches: the store, the configuration and the data manager (the active Analytics, as the
request's user may see it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chuangye.config.loader import Config
from chuangye.data.db import Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics, DataManager
from chuangye.engine.scope import scoped
from chuangye.strings.i18n import t
from chuangye.web.access import current_scope, within_scope
from chuangye.web.audit import PageAudit
from chuangye.web.viewstate import ViewState


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

    def analytics(self) -> Analytics:
        """The active version as the current request's user may see it (web/access.py, engine/scope.py)."""
        return scoped(self.manager.current(), current_scope())

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
        return self.store.active_version_id() or ""
