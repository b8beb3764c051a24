"""What a view shows, kept in the URL so a copied link reopens the same view.

``/map?year=2019&type=park&basis=certified&lang=en&region=320100`` ⇄ ``ViewState``. Unknown or
malformed parameters fall back to defaults instead of failing: a hand-edited link still opens. A path that
names no page is the ``not_found`` page (a 404 with a way back), not silently the overview.

``version=<id>`` shows a stored data version read-only ("as of" it, ``Services.snapshot``); without it the
view shows the active version. Like every other parameter it is kept by each link and control change, so a
user viewing an older version stays on it until they choose the current one.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import parse_qs, urlencode

from pydantic import BaseModel, ConfigDict, field_validator

from chuangye.data.schema import UNIT_TYPES
from chuangye.engine.manager import is_version_id

PAGES: tuple[str, ...] = ("overview", "map", "peers", "unit", "certification", "method", "audit", "data", "submissions")
Page = Literal["overview", "map", "peers", "unit", "certification", "method", "audit", "data", "submissions"]
ADMIN_PAGES: tuple[str, ...] = ("audit", "data")  # in the navigation of admins only (web/pages/audit/guard.py)
# in the navigation of signed-in users only: submissions come from accounts, which `serve --no-auth` has none of
SIGNED_IN_PAGES: tuple[str, ...] = ("submissions",)
NOT_FOUND = "not_found"  # the page of a path that names no page (not in PAGES: no navigation tab)
NotFound = Literal["not_found"]
OUT_OF_SCOPE = "out_of_scope"  # the page of a view naming a region or unit the user may not open (web/access.py)
OutOfScope = Literal["out_of_scope"]
DEFAULT_YEAR = 2020


class ViewState(BaseModel):
    model_config = ConfigDict(frozen=True)

    page: Page | NotFound | OutOfScope = "overview"
    year: int = DEFAULT_YEAR
    unit_type: str = "street_town"
    basis: Literal["certified", "meets"] = "certified"
    lang: Literal["zh", "en"] = "zh"
    region: str = ""  # drill-down path end / peer-comparison subject; "" = the province (RegionTree.root)
    unit: str | None = None
    version: str | None = None  # a stored data version shown read-only; None: the active version

    @field_validator("unit_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in UNIT_TYPES:
            raise ValueError(value)
        return value

    @field_validator("region")
    @classmethod
    def _region_code(cls, value: str) -> str:
        if value and not (value.isdigit() and len(value) in (6, 9)):
            raise ValueError(value)
        return value

    @field_validator("version")
    @classmethod
    def _version_id(cls, value: str | None) -> str | None:
        if value is not None and not is_version_id(value):
            raise ValueError(value)
        return value or None

    @classmethod
    def from_url(
        cls, pathname: str | None, search: str | None, years: tuple[int, ...] = (), default_lang: str = "zh"
    ) -> ViewState:
        """The view of a URL; ``default_lang`` is the language of a URL without ``lang`` (``serve --lang``)."""
        page = (pathname or "/").strip("/").split("/")[0] or "overview"
        query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items() if v}
        raw: dict[str, object] = {"page": page if page in PAGES else NOT_FOUND}
        mapping = {
            "year": "year",
            "type": "unit_type",
            "basis": "basis",
            "lang": "lang",
            "region": "region",
            "unit": "unit",
            "version": "version",
        }
        for key, field in mapping.items():
            if key in query:
                raw[field] = query[key]
        state = cls(lang=default_lang)  # type: ignore[arg-type]
        for field, value in raw.items():  # one bad parameter must not discard the good ones
            try:
                state = cls.model_validate({**state.model_dump(), field: value})
            except ValueError:
                continue
        return state.within_years(years)

    def within_years(self, years: tuple[int, ...]) -> ViewState:
        """This view with its year kept to ``years`` (the data's): the latest of them when it names another."""
        if years and self.year not in years:
            return self.model_copy(update={"year": max(years)})
        return self

    def search(self) -> str:
        params: dict[str, object] = {"year": self.year, "type": self.unit_type, "basis": self.basis, "lang": self.lang}
        if self.region:
            params["region"] = self.region
        if self.unit:
            params["unit"] = self.unit
        if self.version:
            params["version"] = self.version
        return "?" + urlencode(params)

    def href(self, page: str | None = None, **changes: object) -> str:
        state = self.model_copy(update={"page": page or self.page, **changes})
        return f"/{state.page}{state.search()}"
