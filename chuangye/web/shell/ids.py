"""Component ids of the shell (the frame every page sits in); browser tests select by these values."""

from __future__ import annotations

URL = "url"  # dcc.Location: the view state lives in its search
PAGE_KEY = "page-key"  # "page|lang" of the page drawn in PAGE_CONTENT
SHELL = "app-shell"  # carries data-province: the region a URL without one means (assets/exports.js)
APP_TITLE = "app-title"
APP_SUBTITLE = "app-subtitle"
LANG_TOGGLE = "lang-toggle"
NAV_TOGGLER = "nav-toggler"
NAV_COLLAPSE = "nav-collapse"
PAGE_NAV = "page-nav"
CONTROLS = "global-controls"
YEAR = "ctl-year"
TYPE = "ctl-type"
BASIS = "ctl-basis"
YEAR_LABEL = "ctl-year-label"
TYPE_LABEL = "ctl-type-label"
TYPE_GROUP = "ctl-type-group"  # the type control with its label: hidden where the page has its own choice
BASIS_GROUP = "ctl-basis-group"  # the basis control with its label: hidden where the page reads no figures
BASIS_LABEL = "ctl-basis-label"
PAGE_CONTENT = "page-content"
FOOTER_SOURCE = "footer-source"
FOOTER_VERSION = "footer-version"
DATA_NOTICE = "data-notice"  # the store serves an older version because the active one is damaged
AS_OF = "as-of"  # the banner while a stored version other than the active one is shown (?version=), or why not
AS_OF_BACK = "as-of-back"  # the banner's link back to the current version
AS_OF_ATTRIBUTE = "data-as-of"  # on the banner: the version shown (assets/version-watch.js stays quiet then)


def nav(page: str) -> str:
    """The page tab of ``page``."""
    return f"nav-{page}"
