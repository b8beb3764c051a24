"""The exit codes of ``chuangye`` (listed in the README): what a script calling it can rely on."""

EXIT_OK = 0
EXIT_DATA_ERRORS = 1  # validate / import found errors in the data
EXIT_USAGE = 2  # wrong command line or input: argparse's own code, and unknown region, unit or year, bad config
EXIT_EMPTY = 3  # the command ran, but nothing matches what was asked
EXIT_SERVER = 4  # the dashboard server could not start (port in use, not permitted)
EXIT_DATABASE = 5  # the accounts database cannot be opened, or cannot be written (a read-only data directory)
EXIT_STORE = 6  # the data store: a damaged version (check), nothing intact to serve, a full disk, a read-only directory
