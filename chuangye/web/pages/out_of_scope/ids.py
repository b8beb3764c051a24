"""Component ids of the out-of-scope notice."""

PAGE = "out-of-scope"
TITLE = "out-of-scope-title"
BACK = "out-of-scope-back"
