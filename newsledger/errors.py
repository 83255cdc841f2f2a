"""Errors a user reads: one module below the API and the worker code, which both raise them."""
from __future__ import annotations


class LedgerError(Exception):
    """A problem that stops a whole operation (no model, no pipeline module); user-readable."""


class QueryError(ValueError):
    """A question the ledger cannot answer as asked (bad date, malformed search...).

    The message is for users of the CLI and of the web pages alike, so it names things
    as both say them ("the 'from' date", not a command-line flag).
    """


class EntityNotFound(QueryError, LookupError):
    """No entity has that name or alias; `suggestions` are the closest known names."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = list(suggestions or [])
