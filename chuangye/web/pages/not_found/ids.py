"""Component ids of the 404 page."""

PAGE = "not-found"
TITLE = "not-found-title"
BACK = "not-found-back"
ADDRESS = "not-found-address"
