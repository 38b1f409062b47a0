"""Errors that the command line prints as one clear line (no stack trace)."""


class UserError(Exception):
    """An error caused by the user's input or environment."""
