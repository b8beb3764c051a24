"""Strings of this page (zh/en)."""
