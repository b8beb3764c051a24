"""Benchmarks (not shipped with the package): run them with ``.venv/bin/python -m benchmarks.<name>``."""
