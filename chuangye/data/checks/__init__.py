"""The pieces of validation (``chuangye.data.validation.validate`` runs them): the collector of findings, checks of
codes against their own structure, of dates against the certification cycle, and the folding of consequences
under their root cause."""
