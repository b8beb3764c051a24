"""One folder per page: its ids, its layout and its callbacks, side by side."""
