"""The attributes newsledger's components add to spaCy objects, registered in one place.

Doc
  doc._.published      the publication date (YYYY-MM-DD) relative dates resolve against
  doc._.entities       list[EntityCluster]: the things the article names (references.py)
  doc._.lists          {mention start: [(start, end)] of the names coordinated with it}
  doc.spans["mentions"]     names, descriptions ("the carmaker") and pronouns
  doc.spans["times"]        time expressions
  doc.spans["quantities"]   figures (money, percentages, counts)
  doc.spans["boilerplate"]  sentences that are not the story (wire trailers, credits)
Span (in those groups)
  span._.kind          mention kind: "name" | "description" | "pronoun"
  span._.info          mentions.MentionInfo: typing evidence and context of a mention
  span._.ref           index into doc._.entities of what the mention refers to, or None
  span._.time          TimeSpan of a time expression; span._.time_role its role
  span._.quantity      numbers.Quantity of a figure; span._.change_pct a stated change
Token
  token._.ent          entity type of the resolved mention covering the token, or "" (read from
                       its entity, so a type decided later shows everywhere)
  token._.ref          index into doc._.entities of that mention, or -1
  token._.mention      (start, end) token range of that mention, or None
  token._.kind         that mention's kind (name, description, pronoun), or ""
  token._.group        for "they", "their", "the two companies": the entities they stand for
  token._.boilerplate  True inside a boilerplate sentence
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_DOC = {"published": None, "entities": None, "lists": None}
_SPAN = {"kind": None, "info": None, "ref": None, "time": None, "time_role": None,
         "quantity": None, "change_pct": None}
_TOKEN = {"ref": -1, "mention": None, "kind": "", "group": None, "boilerplate": False}


def ref_of(token) -> int:
    """token._.ref, read where spaCy keeps extension values (doc.user_data, keyed by the
    token's character offset) rather than through a new `._` object: loops over every
    token of an article ask it."""
    return token.doc.user_data.get(("._.", "ref", token.idx, None), -1)


def _entity_type(token) -> str:
    data = token.doc.user_data
    ref = data.get(("._.", "ref", token.idx, None), -1)      # as ref_of: asked of thousands of tokens
    if ref < 0:
        return ""
    entities = data.get(("._.", "entities", None, None))
    return entities[ref].type if entities else ""


def register() -> None:
    """Register every extension once (idempotent: safe in every worker process)."""
    for cls, attrs in ((Doc, _DOC), (Span, _SPAN), (Token, _TOKEN)):
        for name, default in attrs.items():
            if not cls.has_extension(name):
                cls.set_extension(name, default=default)
    if not Token.has_extension("ent"):
        Token.set_extension("ent", getter=_entity_type)


register()


# ---------------------------------------------------------------- spans by sentence

def spans_in_sentence(doc: Doc, group: str, sent_start: int) -> list[Span]:
    """The spans of doc.spans[group] that start in the sentence starting at `sent_start`.

    Extraction asks this for every candidate fact; scanning the whole group each time
    made long articles cost quadratic time.  The index is built once per Doc and group
    (the groups are final once the pipeline has run)."""
    key = f"newsledger_index_{group}"
    index = doc.user_data.get(key)
    if index is None:
        index = {}
        starts = sentence_starts(doc)
        for span in doc.spans.get(group, []):
            index.setdefault(starts[span.start], []).append(span)
        doc.user_data[key] = index
    return index.get(sent_start, [])


def sentence_starts(doc: Doc) -> list[int]:
    """Token index -> the index of its sentence's first token (built once per Doc)."""
    starts = doc.user_data.get("newsledger_sentence_starts")
    if starts is None:
        starts = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                starts[i] = sent.start
        doc.user_data["newsledger_sentence_starts"] = starts
    return starts
