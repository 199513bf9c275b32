"""Exceptions meant for people: one line that says what was wrong and what is allowed."""


class KarabakhError(Exception):
    """Base class: the command line prints these as one line, without a traceback."""


class DataError(KarabakhError):
    """A data file breaks the rules: missing file, column or source, bad date, duplicate key."""


class ParameterError(KarabakhError, ValueError):
    """A notebook parameter has the wrong name, type or range."""


class Interrupted(KarabakhError):
    """The user stopped a run (Ctrl-C); the previous run folder is kept."""
