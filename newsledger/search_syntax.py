"""The search box's query language, read once and written for each engine.

    reintegrate                 words are matched by their stem (also "reintegration")
    Renault Nissan              every word must appear (AND is implied; writing it is fine)
    Renault OR Nissan           either
    Renault NOT Nissan          the first without the second (also: Renault -Nissan)
    reintegrat*                 any word starting so
    "battery unit"              the words in a row (a phrase; "battery uni"* ends in a prefix)
    (Renault OR Nissan) Ampere  parentheses group

Operators are upper case (a lower-case "or" is a word).  Punctuation inside a word
splits it into a phrase ("e-mail" is "e mail"); "Renault's" is "Renault".  A query
that cannot be read (an unclosed quote or bracket, OR with nothing after it, only
exclusions) is a `SearchSyntaxError` that says what is wrong.

`to_fts5` writes SQLite FTS5 syntax with every word quoted, so no user text is ever
read as FTS5 syntax of its own; `to_tsquery` writes PostgreSQL's `to_tsquery` syntax
(with the 'english' configuration it stems as FTS5's porter tokenizer does).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Union

from .errors import QueryError

OPERATORS = ("AND", "OR", "NOT")


class SearchSyntaxError(QueryError):
    """A search query that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Term:
    """One word, or several in a row (a phrase); `prefix`: the last one is a prefix."""
    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Op:
    """AND / OR over `parts`; NOT is AND's `excluded` list (FTS5's NOT is binary)."""
    kind: str                        # "AND" | "OR"
    parts: tuple["Node", ...]
    excluded: tuple["Node", ...] = ()


Node = Union[Term, Op]

_TOKEN = re.compile(r'\s*(?:(?P<quote>"[^"]*("|$))|(?P<paren>[()])|(?P<bare>[^\s"()]+))')
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def parse(text: str) -> Node | None:
    """The query as a tree; None when it holds no word at all."""
    tokens = _tokens(text)
    if not tokens:
        return None
    reader = _Reader(tokens)
    node = reader.or_expr()
    if reader.peek() is not None:
        raise SearchSyntaxError(f"unexpected {reader.peek()!r} in the search "
                                f"(is a '(' missing?)")
    return node


def _tokens(text: str) -> list[object]:
    """Terms and operator strings ("AND", "OR", "NOT", "(", ")")."""
    out: list[object] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m["quote"] is not None:
            quoted = m["quote"]
            if len(quoted) < 2 or not quoted.endswith('"'):
                raise SearchSyntaxError('unclosed quote in the search: add the closing "')
            prefix = text[pos:pos + 1] == "*"
            pos += prefix
            words = _words(quoted[1:-1])
            if words:
                out.append(Term(words, prefix))
        elif m["paren"]:
            out.append(m["paren"])
        else:
            out.extend(_bare(m["bare"]))
    return out


def _bare(token: str) -> list[object]:
    if token in OPERATORS:
        return [token]
    negate = token.startswith("-") and len(token) > 1
    token = token[1:] if negate else token
    words = _words(token.rstrip("*"))
    if not words:
        return []
    return (["NOT"] if negate else []) + [Term(words, token.endswith("*"))]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_POSSESSIVE.sub("", text)))


class _Reader:
    """Recursive descent over the tokens: OR binds loosest, then AND, then NOT."""

    def __init__(self, tokens: list[object]):
        self.tokens = tokens
        self.i = 0

    def peek(self) -> object | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> object:
        token = self.peek()
        self.i += 1
        return token

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr(after="OR"))
        return parts[0] if len(parts) == 1 else Op("OR", tuple(parts))

    def and_expr(self, after: str | None = None) -> Node:
        parts: list[Node] = []
        excluded: list[Node] = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
                continue
            if self.peek() == "NOT":
                self.take()
                excluded.append(self.primary(after="NOT"))
            else:
                parts.append(self.primary())
        if not parts:
            if excluded:
                raise SearchSyntaxError("a search of only NOT terms finds nothing: "
                                        "say what to find first (Renault NOT Nissan)")
            nxt = self.peek()
            where = f"after {after}" if after else f"before {nxt}" if nxt else "at the end"
            raise SearchSyntaxError(f"a word is missing {where} in the search")
        if len(parts) == 1 and not excluded:
            return parts[0]
        return Op("AND", tuple(parts), tuple(excluded))

    def primary(self, after: str | None = None) -> Node:
        token = self.take()
        if isinstance(token, Term):
            return token
        if token == "(":
            if self.peek() == ")":
                raise SearchSyntaxError("empty brackets () in the search")
            node = self.or_expr()
            if self.take() != ")":
                raise SearchSyntaxError("unclosed bracket in the search: add the closing )")
            return node
        where = f"after {after}" if after else f"before {token!r}" if token else "at the end"
        raise SearchSyntaxError(f"a word is missing {where} in the search")


# ----------------------------------------------------------------------------- output

# A prefix ("reintegrat*") cannot be matched against stems: "reintegration" is indexed
# as "reintegr".  So the store expands a one-word prefix into the words the articles
# contain that start with it ("reintegrate", "reintegration"), each then matched by its
# stem; `expand` returns those words, or None to fall back on the engine's own prefix.
Expand = Callable[[str], "list[str] | None"]


def _no_expansion(prefix: str) -> list[str] | None:
    return None


def to_fts5(node: Node, expand: Expand = _no_expansion) -> str:
    """SQLite FTS5 MATCH syntax; every word quoted."""
    if isinstance(node, Term):
        words = expand(node.words[0]) if node.prefix and len(node.words) == 1 else None
        if words:
            return "(" + " OR ".join(_quoted(w) for w in words) + ")"
        return " ".join([_quoted(" ".join(node.words))] + (["*"] if node.prefix else []))
    joined = f" {node.kind} ".join(_group_fts5(p, expand) for p in node.parts)
    if node.excluded:
        joined = f"({joined})" if len(node.parts) > 1 else joined
        joined += "".join(f" NOT {_group_fts5(x, expand)}" for x in node.excluded)
    return joined


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _group_fts5(node: Node, expand: Expand) -> str:
    return to_fts5(node, expand) if isinstance(node, Term) else f"({to_fts5(node, expand)})"


def to_tsquery(node: Node, expand: Expand = _no_expansion) -> str:
    """PostgreSQL to_tsquery syntax: & | ! and <-> for phrases, :* for prefixes."""
    if isinstance(node, Term):
        words = expand(node.words[0]) if node.prefix and len(node.words) == 1 else None
        if words:
            return "(" + " | ".join(f"'{w}'" for w in words) + ")"
        lexemes = [f"'{w}'" for w in node.words]
        if node.prefix:
            lexemes[-1] += ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
    sep = " & " if node.kind == "AND" else " | "
    text = sep.join(_group_ts(p, expand) for p in node.parts)
    text += "".join(f" & !{_group_ts(x, expand)}" for x in node.excluded)
    return text


def _group_ts(node: Node, expand: Expand) -> str:
    return to_tsquery(node, expand) if isinstance(node, Term) else f"({to_tsquery(node, expand)})"


def index_words(text: str) -> set[str]:
    """The words of a text as the prefix expansion looks them up: lower case, no accents."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return set(_WORD.findall(plain))


def index_key(prefix: str) -> str:
    return next(iter(index_words(prefix)), "")


def required_words(node: Node | None) -> list[str]:
    """Words a match must contain when no full-text index is there to read the rest (the
    LIKE fallback): every word outside exclusions; OR keeps the first alternative's."""
    if node is None:
        return []
    if isinstance(node, Term):
        return list(node.words)
    if node.kind == "OR":
        return required_words(node.parts[0])
    return [w for p in node.parts for w in required_words(p)]


def alternatives(node: Node | None) -> list[str]:
    """The names a query looks for, one per OR alternative ("Renault OR Nissan" ->
    ["Renault", "Nissan"]; prefixes without their star): for matching entity names."""
    if node is None:
        return []
    if isinstance(node, Op) and node.kind == "OR":
        return [a for p in node.parts for a in alternatives(p)]
    return [" ".join(required_words(node))]
