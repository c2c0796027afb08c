"""Errors whose message is meant for the person running the coach.

The command line prints ``str(error)`` of a :class:`CoachError` without a traceback, so every
message says what went wrong and what to do about it.
"""


class CoachError(Exception):
    """Base class for errors that the command line reports as a plain message (exit status 2)."""


class AudioInputError(CoachError):
    """Call audio could not be used: unreadable, truncated beyond repair, or the wrong shape."""


class ConfigError(CoachError, ValueError):
    """The configuration file is missing, malformed, or holds an unknown key or a bad value.

    The one error type of every section's validation (a ``ValueError`` too, so a dataclass built
    directly in code reports a bad value the usual way)."""


class ModelMissingError(CoachError):
    """A model file is not installed; the message names the command that installs it."""
