"""Readers, one per kind of input, each yielding Documents or IngestErrors.

Metadata precedence: the manifest's fields, then the page's own metadata (HTML meta
tags, a feed item's date/title), else None -- never the file's mtime.  A bad input
becomes one IngestError naming it, and the batch goes on.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO
from urllib.parse import unquote, urlsplit

from newsledger.ingest.clean import clean_html, clean_text, looks_like_feed, looks_like_html
from newsledger.ingest.decode import Undecodable, decode_text
from newsledger.ingest.fetch import Fetched, FetchError, check_url, fetch, human_size
from newsledger.ingest.lang import detect_language
from newsledger.ingest.pubdate import normalise_date, published_problem
from newsledger.ingest.title import headline_of
from newsledger.models import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
MANIFEST_SUFFIXES = (".jsonl",)
DIR_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES[:2] + MANIFEST_SUFFIXES + FEED_SUFFIXES
READABLE = ".txt, .md, .html files, .jsonl manifests and RSS/Atom feeds (.xml, .rss, .atom)"
# Files that are surely not articles newsledger can read, and what to do instead.
_NOT_ARTICLES = {
    "PDF is not supported: convert it to text (.txt) first": (".pdf",),
    "word-processor files are not supported: save it as text or HTML":
        (".doc", ".docx", ".odt", ".rtf"),
    "archives are not read: unpack it first": (".zip", ".gz", ".tar"),
    "an image, not an article": (".png", ".jpg", ".jpeg", ".gif", ".webp"),
}
UNSUPPORTED_SUFFIXES = {suffix: why for why, suffixes in _NOT_ARTICLES.items()
                        for suffix in suffixes}

NOTE_NO_DATE = "no publication date: relative dates left unresolved"


@dataclass
class IngestError:
    """One input that could not be read; the batch goes on without it."""
    input: str          # the path, URL or "manifest.jsonl:LINE" it concerns
    reason: str         # one clear human line

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass
class IngestOptions:
    fetch_timeout: float = 15.0
    max_bytes: int = 50_000_000          # local files and stdin
    fetch_max_bytes: int = 10_000_000    # one fetched page or feed
    min_chars: int = 200                 # least cleaned article text kept
    max_chars: int = 1_000_000           # most (far beyond any news article)
    max_word_chars: int = 5_000          # a longer "word" is a blob (base64, junk), not prose
    full_content_chars: int = 400        # a feed item this long is used without fetching
    fetcher: Callable[..., Fetched] = fetch
    allow_outside_paths: bool = False    # manifest paths may leave the manifest's folder


class Bad(Exception):
    """Internal: this input cannot be used, for `reason`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Meta:
    """Metadata from one place (a manifest line, a page, a feed item)."""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: Any = None       # as written; normalised when the Document is built
    lang: str | None = None

    @classmethod
    def from_page(cls, m: dict[str, str | None]) -> "Meta":
        return cls(title=m.get("title"), outlet=m.get("sitename") or m.get("hostname"),
                   url=m.get("url"), published=m.get("date"), lang=m.get("lang"))


@dataclass
class Body:
    """Cleaned article text plus what the page itself says about it."""
    text: str
    meta: Meta = field(default_factory=Meta)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- bytes

def read_file_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The file's bytes; its size is checked before anything is read."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise Bad("file not found") from None
    except PermissionError:
        raise Bad("permission denied") from None
    except OSError as exc:
        raise Bad(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise Bad("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise Bad("not a regular file")
    if st.st_size > max_bytes:
        raise Bad(f"larger than {human_size(max_bytes)} limit")
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise Bad("permission denied") from None
    except OSError as exc:
        raise Bad(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise Bad(f"larger than {human_size(max_bytes)} limit")
    return data


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def decode_bytes(data: bytes, *, charset: str | None = None) -> tuple[str, list[str]]:
    """Text of a file's bytes (see decode.py), or Bad: empty, binary, or a PDF."""
    if not data.strip():
        raise Bad("empty file" if not data else "empty file (whitespace only)")
    if data.startswith(b"%PDF-"):
        raise Bad(UNSUPPORTED_SUFFIXES[".pdf"])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, notes = data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise Bad("not valid UTF-16 text") from None
    else:
        if b"\x00" in data:
            raise Bad("binary file (contains NUL bytes)")
        sample = data[:65536]
        controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
        if controls > 0.02 * len(sample):
            raise Bad("binary file (mostly non-text bytes)")
        try:
            text, notes = decode_text(data, charset)
        except Undecodable as exc:
            raise Bad(str(exc)) from None
    if not text.strip():
        raise Bad("empty file (whitespace only)")
    return text, notes


# ---------------------------------------------------------------------------- bodies

def body_from_text(text: str) -> Body:
    """Plain text; its first line is the title when it reads as a headline."""
    cleaned = clean_text(text)
    return Body(cleaned, Meta(title=headline_of(cleaned)))


def body_from_html(html: str, url: str | None = None) -> Body:
    text, meta = clean_html(html, url)
    if not text:
        raise Bad("no article text found in HTML")
    return Body(text, Meta.from_page(meta))


def body_from_fetched(page: Fetched) -> Body:
    mime = page.mime
    text, notes = decode_bytes(page.body, charset=page.charset) if page.body.strip() \
        else ("", [])
    if not text:
        raise Bad("empty response")
    if mime in ("text/html", "application/xhtml+xml") or looks_like_html(text):
        body = body_from_html(text, page.final_url)
    elif mime.startswith("text/") or not mime:
        body = body_from_text(text)
    else:
        raise Bad(f"unsupported content type '{mime}'")
    body.notes.extend(notes)
    return body


# ---------------------------------------------------------------------------- documents

def _url_slug(url: str) -> str:
    parts = urlsplit(url)
    segs = [s for s in unquote(parts.path).split("/") if s]
    last = segs[-1] if segs else (parts.hostname or "page")
    last = re.sub(r"\.(html?|php|aspx?|jsp|shtml)$", "", last, flags=re.I)
    if last.isdigit() and len(segs) >= 2:          # ".../some-title/15637140/"
        last = segs[-2]
    norm = unicodedata.normalize("NFKD", last)
    norm = "".join(c for c in norm if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")[:60].strip("-") or "page"
    return f"{s}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


# NUL (PostgreSQL text cannot hold it) and lone surrogates (not encodable as UTF-8):
# JSON manifests and feeds can carry both as escapes; files cannot (see decode_bytes).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _first(*values: Any) -> Any:
    for v in values:
        if isinstance(v, str):
            v = _UNSTORABLE.sub("", v)
            if v.strip():
                return " ".join(v.split())
        elif v is not None:
            return v
    return None


def _lang_code(tag: str | None) -> str | None:
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def build_document(doc_id: str, body: Body, *, source: str, err_input: str,
                   metas: Iterable[Meta], opts: IngestOptions,
                   notes: Iterable[str] = ()) -> Document | IngestError:
    """A Document from a cleaned body; metas in precedence order (manifest first)."""
    text = body.text
    if len(text) < opts.min_chars:
        return IngestError(err_input, f"too little article text ({len(text)} chars)")
    if len(text) > opts.max_chars:
        return IngestError(err_input, f"too much text for one article ({len(text):,} chars; "
                                      f"the limit is {opts.max_chars:,})")
    bad = _UNSTORABLE.search(text)
    if bad:
        return IngestError(err_input, "text contains NUL characters" if bad.group() == "\x00"
                           else "not valid Unicode text (a lone surrogate)")
    doc_id = _UNSTORABLE.sub("", doc_id) or "document"
    blob = re.search(r"\S{%d,}" % (opts.max_word_chars + 1), text)
    if blob:
        return IngestError(err_input, f"not article text: a {blob.end() - blob.start():,}-"
                                      f"character word (the limit is {opts.max_word_chars:,})")
    metas = [m for m in metas if m is not None] + [body.meta]
    all_notes = list(notes) + list(body.notes)
    published = None
    for m in metas:
        if m.published is None or (isinstance(m.published, str) and not m.published.strip()):
            continue
        published = normalise_date(m.published)
        if published:
            break
        all_notes.append(f"publication date {str(m.published)!r} not understood")
    if published is None:
        all_notes.append(NOTE_NO_DATE)
    language = detect_language(text) or _lang_code(_first(*(m.lang for m in metas)))
    if language is None:
        all_notes.append("language not detected")
    elif language != "en":
        all_notes.append(f"language '{language}': stored, not extracted")
    return Document(
        doc_id=doc_id, text=text,
        title=_first(*(m.title for m in metas)),
        outlet=_first(*(m.outlet for m in metas)),
        url=_first(*(m.url for m in metas)),
        published=published, language=language, source=source,
        notes=list(dict.fromkeys(all_notes)))


# ---------------------------------------------------------------------------- files

def _body_of_local(text: str, kind: str, url: str | None = None) -> Body:
    if kind == "html" or (kind == "text" and looks_like_html(text)):
        return body_from_html(text, url)
    return body_from_text(text)


def read_article_file(path: str, opts: IngestOptions, *, err_input: str | None = None,
                      doc_id: str | None = None, metas: Iterable[Meta] = (),
                      kind: str | None = None) -> Iterator[Document | IngestError]:
    """A .txt or .html file (or a feed, when its body is one)."""
    err_input = err_input or path
    try:
        text, notes = decode_bytes(read_file_bytes(path, opts.max_bytes))
        kind = kind or ("html" if path.lower().endswith(HTML_SUFFIXES) else "text")
        if kind != "html" and looks_like_feed(text):
            yield from read_feed_text(text, path, opts)
            return
        metas = list(metas)
        body = _body_of_local(text, kind, _first(*(m.url for m in metas)))
    except Bad as exc:
        yield IngestError(err_input, exc.reason)
        return
    yield build_document(doc_id or Path(path).stem, body, source=path, err_input=err_input,
                         metas=metas, opts=opts, notes=notes)


def read_feed_file(path: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    try:
        text, _ = decode_bytes(read_file_bytes(path, opts.max_bytes))
    except Bad as exc:
        yield IngestError(path, exc.reason)
        return
    if not looks_like_feed(text):
        yield IngestError(path, "not an RSS/Atom feed")
        return
    yield from read_feed_text(text, path, opts)


def read_stdin(stream: TextIO | io.BufferedIOBase | None,
               opts: IngestOptions) -> Iterator[Document | IngestError]:
    stream = sys.stdin if stream is None else stream
    try:
        raw = getattr(stream, "buffer", stream).read(opts.max_bytes + 1)
        if isinstance(raw, str):
            if len(raw) > opts.max_bytes:
                raise Bad(f"larger than {human_size(opts.max_bytes)} limit")
            text, notes = raw, []
            if not text.strip():
                raise Bad("empty input")
        else:
            if len(raw) > opts.max_bytes:
                raise Bad(f"larger than {human_size(opts.max_bytes)} limit")
            text, notes = decode_bytes(raw)
        if looks_like_feed(text):
            yield from read_feed_text(text, "-", opts)
            return
        body = body_from_html(text) if looks_like_html(text) else body_from_text(text)
    except Bad as exc:
        yield IngestError("-", exc.reason)
        return
    except OSError as exc:
        yield IngestError("-", f"cannot read standard input: {exc}")
        return
    doc_id = "stdin-" + hashlib.sha1(body.text.encode("utf-8")).hexdigest()[:8]
    yield build_document(doc_id, body, source="-", err_input="-", metas=(), opts=opts,
                         notes=notes)


# ---------------------------------------------------------------------------- manifests

def _manifest_meta(rec: dict[str, Any]) -> Meta:
    def s(key: str) -> str | None:
        v = rec.get(key)
        return v if isinstance(v, str) and v.strip() else None
    return Meta(title=s("title"), outlet=s("outlet"), url=s("url"), published=s("published"),
                lang=s("language"))


def _published_field_problem(rec: dict[str, Any]) -> str | None:
    """Why the line's `published` cannot be used (None: it can, or there is none)."""
    value = rec.get("published")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        return f"'published' must be a date string like \"2024-03-12\", not {value!r}"
    return published_problem(value)


def _inside(folder: Path, path: str) -> bool:
    """Does `path` (symbolic links followed) lie inside `folder`?"""
    real_folder = os.path.realpath(folder)
    return os.path.commonpath([real_folder, os.path.realpath(path)]) == real_folder


ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


def _article_beside(base: Path, rel: str, full: str) -> bool:
    """A relative path to an article file in a folder next to the manifest's own
    ('../seeds/a.txt', as the evaluation manifests write them) may be read: a text or HTML
    article, one level up at most, nothing hidden.  Absolute paths, other kinds of files
    ('../../etc/passwd'), anything further up ('../../home/x.txt') and hidden places
    ('../.ssh/notes.txt') still need --allow-outside-paths."""
    if os.path.isabs(rel) or not rel.lower().endswith(ARTICLE_SUFFIXES):
        return False
    real = os.path.realpath(full)
    return _inside(Path(os.path.realpath(base)).parent, real) and \
        not any(part.startswith(".") for part in Path(real).parts[1:])


def manifest_paths(path: str) -> set[str]:
    """Resolved paths a manifest names (to skip them when walking its folder)."""
    out: set[str] = set()
    base = Path(path).parent
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and isinstance(rec.get("path"), str):
                    out.add(os.path.realpath(base / rec["path"]))
    except OSError:
        pass
    return out


def is_article_manifest(path: str) -> bool:
    """False for a JSON Lines file whose first record is not an article entry."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError:
                    return True        # let the reader report the broken line
                return not isinstance(rec, dict) or "path" in rec or "text" in rec
    except OSError:
        return True
    return True


def read_manifest(path: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    """One article per JSON line; `path` is relative to the manifest's folder."""
    try:
        size = os.path.getsize(path)
        f = open(path, "rb")
    except FileNotFoundError:
        yield IngestError(path, "file not found")
        return
    except OSError as exc:
        yield IngestError(path, f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        f.close()
        yield IngestError(path, "empty file")
        return
    with f:
        yield from manifest_lines(path, enumerate(f, start=1), opts)


def manifest_lines(path: str, numbered_lines, opts: IngestOptions) -> Iterator[Document | IngestError]:
    """Documents and errors of (line number, raw bytes) pairs of the manifest at `path`
    (all its lines, or a worker's share of them)."""
    base, stem = Path(path).parent, Path(path).stem
    for lineno, raw in numbered_lines:
        where = f"{path}:{lineno}"
        if not raw.strip():
            continue
        try:
            yield from _manifest_line(raw, where, base, stem, lineno, opts)
        except Exception as exc:  # noqa: BLE001 - one line must not stop the batch
            yield IngestError(where, f"unexpected error: {type(exc).__name__}: {exc}")


def _manifest_line(raw: bytes, where: str, base: Path, stem: str, lineno: int,
                   opts: IngestOptions) -> Iterator[Document | IngestError]:
    try:
        rec = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):    # RecursionError: [[[[...
        yield IngestError(where, "not valid JSON")
        return
    if not isinstance(rec, dict):
        yield IngestError(where, "not a JSON object")
        return
    problem = _published_field_problem(rec)
    if problem:
        yield IngestError(where, problem)
        return
    meta = _manifest_meta(rec)
    rid = rec.get("id")
    rid = str(rid).strip() if isinstance(rid, (str, int)) and str(rid).strip() else None
    rel, text = rec.get("path"), rec.get("text")
    if isinstance(rel, str) and rel.strip():
        full = str(base / rel)          # an absolute `rel` stays absolute
        if "\x00" in rel:
            yield IngestError(where, "file not found: the path contains a NUL character")
            return
        if not opts.allow_outside_paths and not _inside(base, full) and not _article_beside(base, rel, full):
            yield IngestError(where, f"path {rel!r} is outside the manifest's folder: refused "
                                     f"(pass --allow-outside-paths to read it anyway)")
            return
        shown = rel if rel.isprintable() else repr(rel)      # one line, whatever the path holds
        if not os.path.exists(full):
            yield IngestError(where, f"file not found: {shown}")
            return
        if os.path.isdir(full):
            yield IngestError(where, f"is a directory: {shown}")
            return
        kind = "html" if rel.lower().endswith(HTML_SUFFIXES) else "text"
        for item in read_article_file(full, opts, err_input=where, doc_id=rid or Path(rel).stem,
                                      metas=[meta], kind=kind):
            if isinstance(item, IngestError) and item.input == where:
                item = IngestError(where, f"{item.reason}: {rel}")
            yield item
        return
    if isinstance(text, str) and text.strip():
        body = body_from_html(text) if looks_like_html(text) else body_from_text(text)
        yield build_document(rid or f"{stem}-{lineno}", body, source=where, err_input=where,
                             metas=[meta], opts=opts)
        return
    yield IngestError(where, "no 'path' or 'text'")


# ---------------------------------------------------------------------------- directories

def walk_directory(path: str) -> list[str]:
    """Article files under `path`, recursively, sorted; hidden entries left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(DIR_SUFFIXES):
                found.append(os.path.join(root, name))
    return sorted(found, key=lambda p: os.path.relpath(p, path).split(os.sep))


def unsupported_reason(path: str) -> str | None:
    """Why a file of this kind is not read, for kinds that surely are not articles."""
    return UNSUPPORTED_SUFFIXES.get(os.path.splitext(path)[1].lower())


def skipped_files(path: str) -> Iterator[IngestError]:
    """The files under directory `path` that reading it leaves out, each with why
    (hidden files and folders are left out without a word, as everywhere)."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().endswith(DIR_SUFFIXES):
                continue
            suffix = os.path.splitext(name)[1].lower()
            reason = unsupported_reason(name) or (
                f"not an article file type ({suffix or 'no extension'})")
            yield IngestError(os.path.join(root, name), reason)


def directory_plan(path: str) -> list[str]:
    """The files a directory input reads, in order: files that a manifest in the same
    tree names are left to that manifest (which carries their metadata)."""
    files = walk_directory(path)
    named: set[str] = set()
    for p in files:
        if p.lower().endswith(MANIFEST_SUFFIXES):
            named |= manifest_paths(p)
    return [p for p in files
            if p.lower().endswith(MANIFEST_SUFFIXES) or os.path.realpath(p) not in named]


def read_directory(path: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    for p in directory_plan(path):
        if p.lower().endswith(MANIFEST_SUFFIXES) and not is_article_manifest(p):
            yield IngestError(p, "not an article manifest (no 'path' or 'text')")
            continue
        try:
            yield from read_path(p, opts)
        except Exception as exc:  # noqa: BLE001 - one file must not stop the batch
            yield IngestError(p, f"unexpected error: {type(exc).__name__}: {exc}")


def read_path(path: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    """Any local path: directory, manifest, feed, HTML or text file."""
    if not os.path.exists(path):
        yield IngestError(path, "file not found")
        return
    if os.path.isdir(path):
        yield from read_directory(path, opts)
        return
    low = path.lower()
    if unsupported_reason(path):
        yield IngestError(path, unsupported_reason(path))
    elif low.endswith(MANIFEST_SUFFIXES):
        yield from read_manifest(path, opts)
    elif low.endswith(FEED_SUFFIXES):
        yield from read_feed_file(path, opts)
    else:
        kind = "html" if low.endswith(HTML_SUFFIXES) else "text"
        yield from read_article_file(path, opts, kind=kind)


# ---------------------------------------------------------------------------- URLs & feeds

def read_url(url: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    try:
        page = opts.fetcher(url, timeout=opts.fetch_timeout, max_bytes=opts.fetch_max_bytes)
    except FetchError as exc:
        yield IngestError(url, exc.reason)
        return
    head = page.body[:4000].decode("utf-8", errors="replace")
    if "rss" in page.mime or "atom" in page.mime or looks_like_feed(head):
        try:
            text, _ = decode_bytes(page.body, charset=page.charset)
        except Bad as exc:
            yield IngestError(url, exc.reason)
            return
        yield from read_feed_text(text, url, opts)
        return
    try:
        body = body_from_fetched(page)
    except Bad as exc:
        yield IngestError(url, exc.reason)
        return
    yield build_document(_url_slug(url), body, source=url, err_input=url,
                         metas=[Meta(url=url)], opts=opts)


def _entry_body(entry: Any) -> str:
    for c in entry.get("content") or []:
        value = c.get("value") if isinstance(c, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


def _clean_fragment(fragment: str) -> str:
    if not fragment.strip():
        return ""
    if looks_like_html(fragment) or re.search(r"<[a-zA-Z][^>]*>", fragment):
        text, _ = clean_html(fragment)
        return text
    return clean_text(fragment)


def read_feed_text(text: str, source: str, opts: IngestOptions) -> Iterator[Document | IngestError]:
    """Each item of an RSS/Atom feed: its page fetched from its link, or its own content
    when that is full (>= full_content_chars) or the fetch fails."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")),
                                  response_headers={"content-type": "application/xml; charset=utf-8"})
    except Exception as exc:  # noqa: BLE001
        yield IngestError(source, f"feed could not be parsed: {exc}")
        return
    if not parsed.get("version") and not parsed.entries:
        yield IngestError(source, "not an RSS/Atom feed")
        return
    if not parsed.entries:
        yield IngestError(source, "feed has no items")
        return
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    stem = "stdin-feed" if source == "-" else (Path(urlsplit(source).path).stem or "feed")
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            yield _feed_item(entry, n, source, stem, feed_title, opts)
        except Exception as exc:  # noqa: BLE001 - one item must not stop the feed
            yield IngestError(f"{source}#{n}", f"unexpected error: {type(exc).__name__}: {exc}")


def _feed_item(entry: Any, n: int, source: str, stem: str, feed_title: str | None,
               opts: IngestOptions) -> Document | IngestError:
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    link = link.strip() if link and link.strip() else None
    where = link or f"{source}#{n}"
    item_meta = Meta(title=entry.get("title"), url=link,
                     published=entry.get("published") or entry.get("updated")
                     or entry.get("published_parsed") or entry.get("updated_parsed"))
    feed_meta = Meta(outlet=feed_title)
    own = _clean_fragment(_entry_body(entry))
    doc_id = _url_slug(link) if link else f"{stem}-{n}"
    src = link or f"{source}#{n}"

    def from_own(note: str | None) -> Document | IngestError:
        return build_document(doc_id, Body(own), source=src, err_input=where,
                              metas=[item_meta, feed_meta], opts=opts,
                              notes=[note] if note else [])

    if len(own) >= opts.full_content_chars:
        return from_own(None)
    if not link:
        if own:
            return from_own("feed item without link: its summary is all the text")
        return IngestError(where, "feed item has no link and no text")
    try:
        check_url(link)
        page = opts.fetcher(link, timeout=opts.fetch_timeout, max_bytes=opts.fetch_max_bytes)
        if looks_like_feed(page.body[:4000].decode("utf-8", errors="replace")):
            raise Bad("item link is a feed, not an article")
        body = body_from_fetched(page)
        if len(body.text) < opts.min_chars and len(own) > len(body.text):
            raise Bad(f"too little article text ({len(body.text)} chars)")
    except (FetchError, Bad) as exc:
        if len(own) >= opts.min_chars:
            return from_own(f"page not fetched ({exc.reason}): feed summary used")
        return IngestError(where, exc.reason)
    # Page metadata: the feed item's own date/title first, then the page's, then the feed's.
    return build_document(doc_id, body, source=link, err_input=where,
                          metas=[item_meta, body.meta, feed_meta], opts=opts)
