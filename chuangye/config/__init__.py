"""The rulebook: goals, indicator formulas, thresholds, the standard rule, status cut-offs and programme years,
loaded and checked from one TOML file (``indicators.toml`` here, or ``--config`` / ``$CHUANGYE_CONFIG``)."""
