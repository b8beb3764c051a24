"""The 404 page: what a URL that names no page shows (in the view's language), with a way back."""
