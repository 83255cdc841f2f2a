"""newsledger: reads business-news articles and builds a time-aware, source-cited
ledger of company facts.

    from newsledger import Ledger
    with Ledger("ledger.db") as ledger:
        print(ledger.ingest(["articles/"]).summary())
        ledger.export("claims", open("claims.jsonl", "w"))

`Ledger` and `Store` are imported on first use, so `import newsledger.models` (what
every stage imports) stays cheap.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Ledger", "Store", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Ledger":
        from .api import Ledger
        return Ledger
    if name == "Store":
        from .store import Store
        return Store
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
