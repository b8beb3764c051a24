"""What every callback reaches: the store, the configuration and the data manager (the request's Analytics, as
the request's user may see it).

A request shows one data version: the active one, or the stored version its URL (``version=``) or API call
(``?version=``) asks for, read-only, when the user may view it (``Scope.sees_history``: admin and province).
``ask`` fixes that version once, before anything of the request is read; ``as_of`` says what was asked, what
is shown and, when the asked version is not shown, why (a code the shell and the API put into words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_request_context

from chuangye.config.loader import Config
from chuangye.data.db import Database
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics, DataManager, VersionUnavailable
from chuangye.engine.scope import scoped
from chuangye.strings.i18n import t
from chuangye.web.access import current_scope, within_scope
from chuangye.web.audit import PageAudit
from chuangye.web.viewstate import ViewState

SNAPSHOT_KEY = "chuangye_snapshot"  # flask.g: the request's Analytics (Services.snapshot)
ACTIVE_KEY = "chuangye_active"  # flask.g: the active version as the request first took it
AS_OF_KEY = "chuangye_as_of"  # flask.g: the request's AsOf (Services.ask)
REFUSALS = ("unknown", "damaged", "role")  # why an asked version is not shown (VersionUnavailable.reason + role)


@dataclass(frozen=True)
class AsOf:
    """Which version a request shows: ``asked`` (its ``version=``, None without one), ``shown`` and ``active``
    (the ids of the version shown and of the active one, the version served instead when that is damaged) and,
    when the asked version is not shown, ``refused`` (one of ``REFUSALS``)."""

    asked: str | None
    shown: str
    active: str
    refused: str | None = None

    @property
    def older(self) -> bool:
        """Whether the request shows another version than the active one (read-only, "as of" it)."""
        return self.shown != self.active


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
        """The whole version the request shows, taken once per request: the active one, or the one ``ask``
        fixed. Every read of one request (its data, the keys of later Patch updates, the version it names) sees
        the same version, even when an import or a rollback switches the active one meanwhile. Unscoped:
        callers outside the scoped view (the API's 403 checks)."""
        if not has_request_context():
            return self.manager.current()
        taken = g.get(SNAPSHOT_KEY)
        if taken is None:
            taken = self._active()
            setattr(g, SNAPSHOT_KEY, taken)
        return taken

    def _active(self) -> Analytics:
        """The active version (or the one served while it is damaged), taken once per request."""
        if not has_request_context():
            return self.manager.current()
        taken = g.get(ACTIVE_KEY)
        if taken is None:
            taken = self.manager.current()
            setattr(g, ACTIVE_KEY, taken)
        return taken

    def ask(self, version: str | None) -> AsOf:
        """Fix the version the request shows: ``version`` when it is given, stored, intact and the user may view
        older versions (``Scope.sees_history``), else the active one. Called before the request reads any
        data (``view`` for pages and callbacks, the API's routes for ``?version=``); says what it chose."""
        active = self._active()
        shown, refused = active, None
        if version is not None and version != active.dataset.version_id:
            if not current_scope().sees_history:
                refused = "role"
            else:
                try:
                    shown = self.manager.version(version)
                except VersionUnavailable as exc:
                    refused = exc.reason
        as_of = AsOf(version, shown.dataset.version_id or "", active.dataset.version_id or "", refused)
        if has_request_context():
            setattr(g, SNAPSHOT_KEY, shown)
            setattr(g, AS_OF_KEY, as_of)
        return as_of

    def as_of(self) -> AsOf:
        """What the request shows (``ask``'s answer; the active version when nothing was asked)."""
        taken = g.get(AS_OF_KEY) if has_request_context() else None
        if taken is not None:
            return taken
        active = self._active().dataset.version_id or ""
        return AsOf(None, self.snapshot().dataset.version_id or "", active)

    def analytics(self) -> Analytics:
        """The request's version as its user may see it (web/access.py, engine/scope.py). The scope is applied
        on every call, not cached with the snapshot: sign-in may read the data before it sets the scope."""
        return scoped(self.snapshot(), current_scope())

    def view(self, pathname: str | None, search: str | None) -> ViewState:
        """The view a URL asks for, on the version it asks for (``ask``: without ``version`` on the version the
        user may not or cannot see), its year kept to the years that version has; the out-of-scope notice when
        it names a region or unit the user may not open (web/access.py)."""
        asked = ViewState.from_url(pathname, search, (), self.default_lang)
        if self.ask(asked.version).refused:
            asked = asked.model_copy(update={"version": None})
        an = self.analytics()
        return within_scope(asked.within_years(tuple(an.years)), an)

    def subtitle(self, lang: str) -> str:
        """The programme in one line: the province (from the data) and its years (from the configuration)."""
        an = self.analytics()
        province = an.region_name(an.regions.root, lang)
        return t("app_subtitle", lang, province=province, start=self.cfg.base_year, end=self.cfg.target_year)

    @property
    def version(self) -> str:
        """The request's version id ("" when nothing is imported): the one it shows (``ask``), by default the
        active one, or the intact one shown while the active one is damaged (DataManager.fallback)."""
        return self.snapshot().dataset.version_id or ""

    @property
    def active_version(self) -> str:
        """The active version's id (or the one served while it is damaged), whatever the request shows."""
        return self._active().dataset.version_id or ""
