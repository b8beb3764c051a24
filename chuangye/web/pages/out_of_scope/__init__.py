"""The notice a page shows for a region or unit outside the user's area (web/access.py)."""
