"""The web view of a ledger (`newsledger serve`): see app.py."""
from .app import create_app, is_loopback, loopback_hosts

__all__ = ["create_app", "is_loopback", "loopback_hosts"]
