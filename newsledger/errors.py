"""Errors a user reads: one module below the API and the worker code, which both raise them."""
from __future__ import annotations


class LedgerError(Exception):
    """A problem that stops a whole operation (no model, no pipeline module); user-readable."""
