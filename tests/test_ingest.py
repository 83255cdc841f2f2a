"""Tests for newsledger.ingest: input kinds, cleaning, metadata, bad inputs, URLs and feeds."""
from __future__ import annotations

import gzip
import io
import json
import os
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.ingest import (
    Document, FetchError, IngestError, clean_html, clean_text, count_inputs, detect_language,
    fetch, iter_inputs, looks_like_feed, looks_like_html, skipped_inputs,
)
from newsledger.ingest.pubdate import normalise_date

SAMPLES = Path(__file__).parent / "samples"

ARTICLE_TEXT = (
    "Tarnwick Chemicals agreed to sell its coatings division to Ellery Industrial for "
    "410 million dollars, the companies said on Thursday. The division makes paints for "
    "ships and bridges and employs about 900 people in three plants. Tarnwick said it "
    "would use the proceeds to cut debt and expand its specialty plastics business."
)


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def errors(items):
    return [i for i in items if isinstance(i, IngestError)]


def write(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return str(path)


def good_file(tmp_path: Path, name: str = "good.txt") -> str:
    return write(tmp_path / name, ARTICLE_TEXT)


# ============================================================================ clean_text

def test_clean_text_drops_page_chrome_from_pasted_page():
    raw = (SAMPLES / "pasted_page.txt").read_text(encoding="utf-8")
    out = clean_text(raw)
    kept = [l for l in out.split("\n") if l]
    dropped_markers = [
        "1. Home", "2. Business", "Senior Reporter", "By Anna Kowalczyk", "Click here",
        "Velmora Cellvia plant", "Photo: Example", "Related:", "Advertisement",
        "Share this article", "Smart Picks", "our experts give you", "in her spare time",
        "developing story", "All rights reserved", "views", "view", "5 min read",
        "Regulators in Brussels", "Shares of a Japanese chipmaker", "Read more",
        "You may also like",
    ]
    for marker in dropped_markers:
        assert marker not in out, marker
    assert "Anna Kowalczyk" not in out
    expected = [
        "Velmora Motors to fold battery unit back into parent group",
        "The carmaker's battery subsidiary, spun off only two years ago, is being reabsorbed.",
        "Velmora Motors said on Tuesday it would merge its battery subsidiary Cellvia back into "
        "the parent company by the end of March, reversing a spin-off completed in 2023.",
        "The Stuttgart-based group, which employs about 42,000 people, said the move would save "
        "roughly €300 million a year.",
        "Chief executive Lena Hart told analysts the unit had never reached the scale needed to "
        "win outside customers.",
        "Why the reversal",
        "Cellvia was set up to supply rival carmakers, but only one outside contract was ever signed.",
        "It did not last.",
        "\"We could not find enough buyers for the cells,",
        "Hart said, adding that the decision was final.\"",
        "The unit's 2,100 staff will join Velmora's engineering division, the company said.",
    ]
    assert kept == expected
    for line in kept:                       # verbatim: every kept line is the user's line
        assert line in raw


def test_clean_text_keeps_glued_caption_and_credit_lines_verbatim():
    raw = ("A crane stands at the Vessa shipyard.\n"
           "© 2023 Example Picture AgencyVessa Shipbuilding, after a decade of losses, said on "
           "Monday it would close its oldest yard in Gdansk.\n"
           "The company will keep its repair business.\n"
           "(Reporting by Example Reporter; Editing by Another Editor)\n")
    assert clean_text(raw) == raw.strip()


def test_clean_text_drops_timestamp_junk_and_trailing_teasers_only_after_the_end():
    raw = ("Ostrava Rail said on Tuesday it had won a contract to build 40 trams for Leipzig.\n"
           "The order, worth about 150 million euros, is the largest in the company's history\n"
           "and will be delivered from 2027.\n"
           "2024-11-05 10:221544 view\n"
           "2024-11-05 09:58 300 views\n"
           "A regional airline said it would resume flights to three islands after a two-mont\n"
           "Short tail heading\n")
    out = [l for l in clean_text(raw).split("\n") if l]
    assert out == [
        "Ostrava Rail said on Tuesday it had won a contract to build 40 trams for Leipzig.",
        "The order, worth about 150 million euros, is the largest in the company's history",
        "and will be delivered from 2027.",
        "Short tail heading",
    ]


def test_clean_text_keeps_article_lines_that_resemble_chrome():
    lines = [
        "Follow-on orders are now expected from two more airlines, the company said.",
        "Based in Lyon, the firm enjoys growing sales in Asia and plans a second plant.",
        "Customers can sign up for the car-sharing service in 12 cities.",
        "More than 500 jobs will go at the Leeds site.",
        "Related party transactions rose to 40 million euros",
        "Key takeaways:",
        "Outlook",
        "Sales rose 4% in the first quarter, helped by demand for hybrids.",
    ]
    raw = "\n\n".join(lines)
    assert clean_text(raw) == raw


def test_clean_text_simple_cases():
    assert clean_text("") == ""
    assert clean_text("   \n\t\n") == ""
    assert clean_text("  One short sentence.  ") == "One short sentence."
    assert clean_text("A line\r\n\r\nB line.") == "A line\n\nB line."
    assert clean_text("A.\n\n\nB.\nC.") == "A.\n\n\nB.\nC."


def test_clean_text_keeps_an_article_that_needs_no_cleaning_as_given():
    raw = (SAMPLES / "plain.txt").read_text(encoding="utf-8")
    assert clean_text(raw) == raw.strip()                 # offsets into the file stay valid
    # where lines were dropped, one blank line stands for the gap (if there was one)
    assert clean_text("Para one is here.\n\nAdvertisement\n\n\nPara two is here.") == \
        "Para one is here.\n\nPara two is here."
    assert clean_text("Para one is here.\nAdvertisement\nPara two is here.") == \
        "Para one is here.\nPara two is here."


def test_clean_text_on_the_real_examples_drops_only_chrome():
    seed = Path("/work/shared/seeds/002_c84fa4dee71658e8.txt")
    if not seed.exists():
        pytest.skip("shared seeds not present")
    raw = seed.read_text(encoding="utf-8")
    out = clean_text(raw)
    for line in out.split("\n"):
        assert line in raw
    assert clean_text(out) == out
    assert "\n\n\n" not in out            # gaps left by dropped lines close up


# ============================================================================ clean_html

def test_clean_html_removes_chrome_and_reads_metadata():
    html = (SAMPLES / "article.html").read_text(encoding="utf-8")
    text, meta = clean_html(html)
    for junk in ("NAVJUNK", "ASIDEJUNK", "FOOTERJUNK", "SCRIPTJUNK", "STYLEJUNK",
                 "Advertisement", "Privacy policy", "All rights reserved"):
        assert junk not in text
    assert "Quillon Foods will close its Leeds bakery in September, cutting 180 jobs" in text
    assert "Union officials said they would seek talks" in text
    assert meta["title"] == "Quillon Foods to close Leeds bakery with 180 job cuts"
    assert meta["date"].startswith("2025-05-14")
    assert meta["sitename"] == "The Example Ledger"
    assert meta["lang"] == "en-GB"


def test_clean_html_falls_back_on_broken_and_deeply_nested_markup():
    nested = ("<html><body>" + "<div><span>" * 3000 + "<p>" + ARTICLE_TEXT
              + "<b><i>unclosed <table><tr><td>cell")
    text, _ = clean_html(nested)
    assert "Tarnwick Chemicals agreed to sell its coatings division" in text
    for garbage in ("", "<", "<<<>>>&#xffffff;&bogus;", "<html><body><script>x()</script>",
                    "\x00<p>\x01</p>", "<!DOCTYPE html><html>" * 50):
        text, meta = clean_html(garbage)
        assert isinstance(text, str) and isinstance(meta, dict)


def test_looks_like_html_and_feed():
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("<div><p>Some text</p><p>More</p></div>")
    assert not looks_like_html("Revenue rose 5% <as expected> in the quarter.")
    assert not looks_like_html(ARTICLE_TEXT)
    assert looks_like_feed('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    assert not looks_like_feed("<html><body>rss</body></html>")


# ============================================================================ language

@pytest.mark.parametrize("text,lang", [
    (ARTICLE_TEXT, "en"),
    ("François Provost, le nouveau directeur général, said the company will keep its plants "
     "in France and that it has no plans to sell the unit to Jean-Dominique Senard's rivals.",
     "en"),
    ((SAMPLES / "french.txt").read_text(encoding="utf-8"), "fr"),
    ("Der Autobauer hat am Mittwoch angekündigt, dass die Tochter aufgelöst wird und die "
     "Mitarbeiter in den Konzern zurückkehren.", "de"),
    ("El fabricante anunció el miércoles que su filial será reintegrada en el grupo, según "
     "los sindicatos y también los directivos.", "es"),
    ("La casa automobilistica ha annunciato che la sua controllata sarà reintegrata nel "
     "gruppo, secondo i sindacati.", "it"),
    ("A fabricante anunciou na quarta-feira que a sua subsidiária será reintegrada no grupo, "
     "segundo os sindicatos.", "pt"),
    ("De autofabrikant heeft woensdag aangekondigd dat zijn dochteronderneming weer in de "
     "groep wordt opgenomen, volgens de vakbonden.", "nl"),
    ("Too short.", None),
    ("", None),
    ("12345 67890 !!! ???", None),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# ============================================================================ dates

def test_normalise_date():
    assert normalise_date("2025-05-14T08:30:00+01:00") == "2025-05-14"
    assert normalise_date("Fri, 07 Mar 2025 10:00:00 GMT") == "2025-03-07"
    assert normalise_date("March 7, 2025") == "2025-03-07"
    assert normalise_date("2025-02-30") is None
    assert normalise_date("soon") is None
    assert normalise_date(None) is None


# ============================================================================ input kinds

def test_txt_file():
    [doc] = list(iter_inputs([str(SAMPLES / "plain.txt")]))
    assert isinstance(doc, Document)
    assert doc.doc_id == "plain"
    assert doc.source == str(SAMPLES / "plain.txt")
    assert doc.language == "en"
    assert doc.text.startswith("Harbourline Logistics agreed on Monday")
    raw = (SAMPLES / "plain.txt").read_text(encoding="utf-8")
    assert all(line in raw for line in doc.text.split("\n"))


def test_html_file_uses_page_metadata():
    [doc] = list(iter_inputs([str(SAMPLES / "article.html")]))
    assert doc.doc_id == "article"
    assert doc.title == "Quillon Foods to close Leeds bakery with 180 job cuts"
    assert doc.outlet == "The Example Ledger"
    assert doc.published == "2025-05-14"
    assert "NAVJUNK" not in doc.text and "SCRIPTJUNK" not in doc.text
    assert doc.notes == []


def test_directory_is_recursive_sorted_and_skips_other_files():
    items = list(iter_inputs([str(SAMPLES / "sub")]))
    assert errors(items) == []
    assert [d.doc_id for d in items] == ["second", "first", "nometa"]
    assert count_inputs([str(SAMPLES / "sub")]) == 3
    assert [(Path(s.input).name, s.reason) for s in skipped_inputs([str(SAMPLES / "sub")])] \
        == [("notes.csv", "not an article file type (.csv)")]     # hidden files: no word


def test_directory_leaves_manifest_files_to_their_manifest(tmp_path):
    write(tmp_path / "a" / "one.txt", ARTICLE_TEXT)
    write(tmp_path / "a" / "two.txt", ARTICLE_TEXT.replace("Tarnwick", "Bexley"))
    write(tmp_path / "list.jsonl", json.dumps({"id": "one-id", "path": "a/one.txt",
                                               "published": "2024-02-03"}) + "\n")
    write(tmp_path / "gold.jsonl", json.dumps({"doc_id": "x", "type": "stake"}) + "\n")
    items = list(iter_inputs([str(tmp_path)]))
    assert [d.doc_id for d in docs(items)] == ["two", "one-id"]
    assert docs(items)[1].published == "2024-02-03"
    [err] = errors(items)
    assert err.input.endswith("gold.jsonl") and "not an article manifest" in err.reason


def test_manifest_relative_paths_text_lines_and_precedence():
    manifest = str(SAMPLES / "manifest.jsonl")
    items = list(iter_inputs([manifest]))
    assert errors(items) == []
    by_id = {d.doc_id: d for d in items}
    assert list(by_id) == ["m-plain", "m-html", "m-html-page", "nometa", "m-text"]
    plain = by_id["m-plain"]
    assert plain.source == str(SAMPLES / "plain.txt")     # relative to the manifest's folder
    assert (plain.published, plain.outlet, plain.title, plain.url) == (
        "2025-06-02", "Manifest Wire", "Harbourline buys Osterby",
        "https://example.com/news/harbourline-osterby")
    # manifest fields win over the page's own metadata ...
    m_html = by_id["m-html"]
    assert (m_html.published, m_html.outlet, m_html.title) == (
        "2025-01-31", "Manifest Outlet", "Manifest title")
    # ... and the page's metadata fills what the manifest lacks
    page = by_id["m-html-page"]
    assert (page.published, page.outlet, page.title) == (
        "2025-05-14", "The Example Ledger", "Quillon Foods to close Leeds bakery with 180 job cuts")
    text = by_id["m-text"]
    assert text.published == "2025-03-07" and text.source == f"{manifest}:5"
    assert text.text.startswith("Corvane Steel said on Friday")
    assert count_inputs([manifest]) == 5


def test_no_metadata_anywhere_means_none_never_the_mtime(tmp_path):
    p = write(tmp_path / "undated.txt", ARTICLE_TEXT)
    h = write(tmp_path / "undated.html", (SAMPLES / "sub" / "nometa.html").read_text())
    stamp = time.mktime((2019, 4, 1, 12, 0, 0, 0, 0, -1))
    os.utime(p, (stamp, stamp))
    os.utime(h, (stamp, stamp))
    items = list(iter_inputs([p, h]))
    assert len(docs(items)) == 2
    for doc in items:
        assert doc.published is None
        assert doc.title is None and doc.outlet is None and doc.url is None
        assert "no publication date: relative dates left unresolved" in doc.notes
        assert "2019" not in json.dumps(doc.to_json())


def test_non_english_article_is_yielded_with_a_note():
    [doc] = list(iter_inputs([str(SAMPLES / "french.txt")]))
    assert doc.language == "fr"
    assert "language 'fr': stored, not extracted" in doc.notes


def test_stdin_text_and_html():
    [doc] = list(iter_inputs(["-"], stdin=io.StringIO(ARTICLE_TEXT)))
    assert doc.source == "-" and doc.doc_id.startswith("stdin-")
    assert doc.text == ARTICLE_TEXT
    html = (SAMPLES / "article.html").read_text(encoding="utf-8")
    stream = io.TextIOWrapper(io.BytesIO(html.encode("utf-8")), encoding="utf-8")
    [doc] = list(iter_inputs(["-"], stdin=stream))
    assert doc.published == "2025-05-14" and "NAVJUNK" not in doc.text
    [err] = list(iter_inputs(["-"], stdin=io.StringIO("  \n")))
    assert err.input == "-"
    assert count_inputs(["-"]) is None


def test_iter_inputs_is_lazy(tmp_path):
    seen = []

    def names():
        for name in (str(SAMPLES / "plain.txt"), str(SAMPLES / "french.txt")):
            seen.append(name)
            yield name

    gen = iter_inputs(names())
    assert seen == []
    first = next(gen)
    assert first.doc_id == "plain" and seen == [str(SAMPLES / "plain.txt")]


def test_cp1252_text_is_decoded_when_plausible(tmp_path):
    p = write(tmp_path / "legacy.txt", (ARTICLE_TEXT + " Caf\u00e9 owner Ren\u00e9e agreed.")
              .encode("cp1252"))
    [doc] = list(iter_inputs([p]))
    assert "Renée" in doc.text
    assert "encoding: not UTF-8: decoded as cp1252 (detected)" in doc.notes


# ============================================================================ bad inputs

def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name -> (input, expected reason fragment)."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:                       # sparse: 50 MB + 1 without writing it
        f.truncate(50_000_001)
    nested = "<html><body>" + "<div>" * 4000 + "<p><b><i></i></b>"
    manifest = tmp_path / "lines.jsonl"
    manifest.write_text("\n".join([
        json.dumps({"id": "ok-1", "text": ARTICLE_TEXT}),
        "{not json",
        json.dumps({"id": "no-body", "published": "2024-01-01"}),
        json.dumps({"id": "gone", "path": "x.txt"}),
        json.dumps({"id": "ok-2", "text": ARTICLE_TEXT.replace("Tarnwick", "Ruvik")}),
    ]) + "\n", encoding="utf-8")
    return {
        "binary": (write(tmp_path / "binary.txt", os.urandom(2000) + b"\x00\x00" + os.urandom(100)),
                   "binary file"),
        "empty": (write(tmp_path / "empty.txt", b""), "empty file"),
        "blank": (write(tmp_path / "blank.txt", "  \n\t \n"), "empty file"),
        "too-big": (str(big), "larger than 50 MB limit"),
        "bad-utf8": (write(tmp_path / "bad.txt", bytes(range(0x80, 0x100)) * 20),
                     "not valid UTF-8 text"),
        "no-html-text": (write(tmp_path / "nested.html", nested), "no article text found in HTML"),
        "too-little": (write(tmp_path / "short.txt", "Only a few words here."),
                       "too little article text (22 chars)"),
        "missing": (str(tmp_path / "does-not-exist.txt"), "file not found"),
        "ftp": ("ftp://example.com/article.txt", "scheme 'ftp' not allowed"),
        "file-url": ("file:///etc/passwd", "scheme 'file' not allowed"),
        "data-url": ("data:text/plain,hello", "not allowed"),
        "not-feed": (write(tmp_path / "plain.xml", "<?xml version='1.0'?><catalog><book/></catalog>"),
                     "not an RSS/Atom feed"),
    }


def test_each_bad_input_yields_one_error_and_the_batch_goes_on(tmp_path):
    good = good_file(tmp_path)
    for name, (inp, reason) in _bad_inputs(tmp_path).items():
        items = list(iter_inputs([good, inp, good]))
        errs = errors(items)
        assert len(errs) == 1, (name, items)
        assert errs[0].input == inp, name
        assert reason in errs[0].reason, (name, errs[0].reason)
        assert len(docs(items)) == 2, name
        assert str(errs[0]) == f"{inp}: {errs[0].reason}"


def test_size_limit_is_configurable_and_checked_before_reading(tmp_path):
    p = good_file(tmp_path)
    [err] = list(iter_inputs([p], max_bytes=100))
    assert err.reason == "larger than 100 bytes limit"


def test_min_chars_is_configurable(tmp_path):
    p = good_file(tmp_path)
    [err] = list(iter_inputs([p], min_chars=10_000))
    assert err.reason == f"too little article text ({len(ARTICLE_TEXT)} chars)"


def test_bad_manifest_lines(tmp_path):
    manifest = str(tmp_path / "lines.jsonl")
    _bad_inputs(tmp_path)
    items = list(iter_inputs([manifest]))
    assert [d.doc_id for d in docs(items)] == ["ok-1", "ok-2"]
    assert [(e.input, e.reason) for e in errors(items)] == [
        (f"{manifest}:2", "not valid JSON"),
        (f"{manifest}:3", "no 'path' or 'text'"),
        (f"{manifest}:4", "file not found: x.txt"),
    ]


def test_manifest_line_naming_a_bad_file(tmp_path):
    write(tmp_path / "bin.txt", b"\x00\x01\x02" * 50)
    manifest = write(tmp_path / "m.jsonl", json.dumps({"path": "bin.txt"}) + "\n")
    [err] = list(iter_inputs([manifest]))
    assert err.input == f"{manifest}:1"
    assert err.reason == "binary file (contains NUL bytes): bin.txt"


# ============================================================================ fetch

def test_fetch_refuses_other_schemes():
    for url, reason in [("file:///etc/passwd", "scheme 'file' not allowed"),
                        ("ftp://example.com/x", "scheme 'ftp' not allowed"),
                        ("data:text/html,<p>x</p>", "scheme 'data' not allowed"),
                        ("example.com/page", "not an http(s) URL")]:
        with pytest.raises(FetchError) as exc:
            fetch(url, timeout=1)
        assert exc.value.reason == reason


def _page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
            f"<meta property='og:title' content='{title}'>"
            f"<meta property='og:site_name' content='Local Test News'>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/biz'>Business</a></nav><article><h1>{title}</h1>"
            + "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
            + "</article><footer>Contact us</footer></body></html>").encode("utf-8")


PAGE_ONE = ARTICLE_TEXT
PAGE_TWO = ("Marlow Airways will cut 350 jobs at its Glasgow base as it moves maintenance work to "
            "Belfast, the airline said on Monday. The carrier, which is owned by Tessaly Holdings, "
            "said the cuts would be completed by the end of the year and that no pilots would be "
            "affected by the change in its engineering operations.")
PAGE_THREE = ("Sorrel Bank reported a net profit of 2.1 billion pounds for the first half, up 12 "
              "percent from a year earlier, helped by higher interest income. The lender said it "
              "would buy back up to 500 million pounds of shares and raised its target for the "
              "return on tangible equity to 14 percent.")
FULL_CONTENT = " ".join([PAGE_TWO.replace("Marlow Airways", "Quenby Air")] * 2)
SUMMARY_ONLY = ("Castlereagh Mining said on Wednesday it had agreed to buy a 30 percent stake in "
                "the Kivu copper project from a state company, its first acquisition in Africa.")


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []
    agents: list[str] = []
    bomb = gzip.compress(b"\0" * 12_000_000)

    def log_message(self, *args):          # keep test output quiet
        pass

    def _send(self, code, body: bytes, ctype="text/html; charset=utf-8", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        type(self).hits.append(path)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        if path == "/article/one.html":
            self._send(200, _page("Tarnwick sells coatings arm", PAGE_ONE, "2025-04-03T09:00:00Z"))
        elif path == "/article/two.html":
            self._send(200, _page("Marlow Airways to cut 350 jobs", PAGE_TWO))
        elif path == "/article/three.txt":
            self._send(200, PAGE_THREE.encode(), "text/plain; charset=utf-8")
        elif path == "/deflate":
            self._send(200, zlib.compress(_page("Deflated", PAGE_ONE)),
                       extra=[("Content-Encoding", "deflate")])
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, _page("Slow", PAGE_ONE))
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/article/one.html" if n == 0 else f"/hop/{n - 1}"
            self._send(302, b"", extra=[("Location", target)])
        elif path == "/to-file":
            self._send(302, b"", extra=[("Location", "file:///etc/passwd")])
        elif path == "/bomb":
            self._send(200, self.bomb, extra=[("Content-Encoding", "gzip")])
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 binary", "application/pdf")
        elif path == "/feed.rss":
            items = [
                ("Tarnwick sells coatings arm", f"{base}/article/one.html", "Tue, 01 Apr 2025 10:00:00 GMT", "Short teaser."),
                ("Marlow Airways to cut jobs", f"{base}/article/two.html", "Wed, 02 Apr 2025 10:00:00 GMT", ""),
                ("Broken link item", f"{base}/missing/item.html", "Thu, 03 Apr 2025 10:00:00 GMT", "Teaser only."),
                ("Quenby Air full text", f"{base}/never-fetched.html", "Fri, 04 Apr 2025 10:00:00 GMT", FULL_CONTENT),
            ]
            xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                   "<title>Local Test Feed</title><link>" + base + "/</link>"
                   + "".join(f"<item><title>{t}</title><link>{l}</link><pubDate>{d}</pubDate>"
                             f"<description>{s}</description></item>" for t, l, d, s in items)
                   + "</channel></rss>")
            self._send(200, xml.encode(), "application/rss+xml")
        elif path == "/feed.atom":
            xml = ('<?xml version="1.0" encoding="utf-8"?>'
                   '<feed xmlns="http://www.w3.org/2005/Atom"><title>Local Atom</title>'
                   f'<entry><title>Sorrel Bank profit</title><link href="{base}/article/three.txt"/>'
                   "<updated>2025-07-25T07:00:00Z</updated><summary>Profit up.</summary></entry>"
                   f'<entry><title>Castlereagh stake</title><link href="{base}/missing/two"/>'
                   f"<updated>2025-07-26T07:00:00Z</updated><summary>{SUMMARY_ONLY} {SUMMARY_ONLY}</summary></entry>"
                   "</feed>")
            self._send(200, xml.encode(), "application/atom+xml")
        else:
            self._send(404, b"<html><body>not here</body></html>")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """The local test server must be reached directly, whatever the environment says."""
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass                               # clients that gave up (timeouts, size limits)


@pytest.fixture(scope="module")
def server():
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_page_and_user_agent(server):
    page = fetch(f"{server}/article/one.html", timeout=5)
    assert page.status == 200 and page.mime == "text/html" and b"Tarnwick" in page.body
    assert "newsledger" in _Handler.agents[-1]


def test_fetch_follows_a_short_redirect_chain(server):
    page = fetch(f"{server}/hop/2", timeout=5)
    assert page.final_url.endswith("/article/one.html") and b"Tarnwick" in page.body


def test_fetch_deflate_body(server):
    page = fetch(f"{server}/deflate", timeout=5)
    assert b"Tarnwick" in page.body


@pytest.mark.parametrize("path,timeout,reason", [
    ("/missing", 5, "HTTP 404"),
    ("/slow", 0.5, "timed out after 0.5s"),
    ("/hop/7", 5, "more than 5 redirects"),
    ("/to-file", 5, "redirect to scheme 'file' not allowed"),
    ("/bomb", 5, "larger than 10 MB"),
])
def test_fetch_failures(server, path, timeout, reason):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}{path}", timeout=timeout)
    assert exc.value.reason.startswith(reason)


def test_url_inputs(server, tmp_path):
    good = good_file(tmp_path)
    bad = [f"{server}/missing", f"{server}/slow", f"{server}/hop/7", f"{server}/to-file",
           f"{server}/bomb", f"{server}/pdf"]
    url = f"{server}/article/one.html"
    items = list(iter_inputs([url, *bad, good], fetch_timeout=0.5))
    [doc, last] = docs(items)
    assert doc.source == url and doc.url == url
    assert doc.doc_id.startswith("one-") and len(doc.doc_id) == len("one-") + 8
    assert (doc.title, doc.outlet, doc.published) == (
        "Tarnwick sells coatings arm", "Local Test News", "2025-04-03")
    assert "Home" not in doc.text.split("\n")
    assert last.source == good
    errs = errors(items)
    assert [e.input for e in errs] == bad
    assert [e.reason.split(" after")[0].split(" (")[0] for e in errs] == [
        "HTTP 404 Not Found", "timed out", "more than 5 redirects",
        "redirect to scheme 'file' not allowed", "larger than 10 MB",
        "PDF is not supported: convert it to text"]
    assert count_inputs([url, good]) is None


def test_rss_feed_url(server):
    _Handler.hits.clear()
    items = list(iter_inputs([f"{server}/feed.rss"], fetch_timeout=2))
    got = docs(items)
    assert [d.title for d in got] == ["Tarnwick sells coatings arm", "Marlow Airways to cut jobs",
                                      "Quenby Air full text"]
    one, two, full = got
    assert one.published == "2025-04-01"            # the feed item's date comes first
    assert one.outlet == "Local Test News" and one.url == f"{server}/article/one.html"
    assert "Tarnwick Chemicals agreed to sell its coatings division" in one.text
    assert two.published == "2025-04-02" and "350 jobs" in two.text
    assert full.text.startswith("Quenby Air will cut 350 jobs")     # full content, not fetched
    assert "/never-fetched.html" not in _Handler.hits
    [err] = errors(items)
    assert err.input == f"{server}/missing/item.html" and err.reason.startswith("HTTP 404")


def test_atom_feed_file_with_item_links(server, tmp_path):
    atom = fetch(f"{server}/feed.atom", timeout=5).body
    path = write(tmp_path / "saved.atom", atom)
    items = list(iter_inputs([path], fetch_timeout=2))
    assert errors(items) == []
    sorrel, castle = items
    assert sorrel.text == PAGE_THREE and sorrel.published == "2025-07-25"
    assert sorrel.title == "Sorrel Bank profit" and sorrel.outlet == "Local Atom"
    # the page is gone (404) but the summary has enough text: used, with a note
    assert castle.text.startswith("Castlereagh Mining said on Wednesday")
    assert any("HTTP 404" in n and "feed summary used" in n for n in castle.notes)
    assert count_inputs([path]) == 2


def test_rss_file_sniffed_by_body(server, tmp_path):
    rss = fetch(f"{server}/feed.rss", timeout=5).body
    path = write(tmp_path / "feed-saved.txt", rss)       # not a feed suffix: sniffed
    items = list(iter_inputs([path], fetch_timeout=2))
    assert len(docs(items)) == 3 and len(errors(items)) == 1


# ============================================================================ properties

_JUNKY_LINES = st.sampled_from([
    "1. Home", "2. News", "Derek Example", "Journalist", "Read more", "MORE: Other things",
    "Click here to save", "© 2024 Example", "2025-01-01 10:00 123 view",
    "The company said revenue rose 5% in the quarter.", "A caption line", "A caption line",
    "In his spare time he loves hiking. Based in Oslo.", "(This is a developing story.)",
    "Short heading", "A long line that was cut off in the middle of a word witho",
    "Fast Answers, Honest Reviews, Better Prices", "", "   ", "\t",
])
_LINES = st.lists(st.one_of(_JUNKY_LINES, st.text(max_size=80)), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), _LINES.map("\n".join), _LINES.map("\r\n\n".join)))
def test_clean_text_properties(text):
    out = clean_text(text)
    assert clean_text(out) == out
    assert out == out.strip()
    for line in out.split("\n"):
        assert line.strip() == line and line in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_detect_language_never_raises(text):
    assert detect_language(text) in (None, "en", "fr", "de", "es", "it", "pt", "nl")
