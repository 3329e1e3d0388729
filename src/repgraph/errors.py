"""The one exception type the command line turns into a one-line error and a non-zero exit."""


class RepgraphError(Exception):
    """A problem to report to the user in one line (no traceback)."""
