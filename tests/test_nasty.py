"""A corpus of nasty inputs through the real `newsledger ingest`, then the web pages.

Each input is written by `nasty_corpus` (nothing large is committed: the 10 MB line
and the deeply nested page are generated) and has one expected outcome: a clear
`error:` line naming it (the reason given), or a clean result -- stored, text intact
where it was valid, every fact's evidence an exact slice of the stored text, and its
page rendering with the hostile parts escaped.  One run of the console script with
the real NLP pipeline takes them all, next to a good article; the batch goes on.
On SQLite and, when a server is given, PostgreSQL.
"""
from __future__ import annotations

import json
import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsledger.api import Ledger
from newsledger.web import create_app
from reliability_corpus import ENGINES, Engine, command, environment

import subprocess

ARTICLE = ("Halvorsen Motors said on Tuesday it had appointed Ines Varga as chief executive. "
           "The carmaker will cut 1,200 jobs at its Fredrikstad plant by the end of 2026, "
           "and reported sales of 4.1 billion euros last year, up 6% from 2023. Halvorsen "
           "holds a 30% stake in Nordcell, a battery maker based in Sweden.\n")
ZW = "\u200b\u200c\u200d\u2060\ufeff"
RLO, LRO, PDF, RLI, PDI = "\u202e", "\u202d", "\u202c", "\u2067", "\u2069"
SCRIPT = "<script>alert('x')</script>"


def art(k: int) -> str:
    """The article, made unique (a different job count) so no two inputs are duplicates."""
    return ARTICLE.replace("1,200", f"{1200 + k:,}")


def _zero_width(text: str) -> str:
    return "".join(c + (ZW[i % len(ZW)] if c.isalpha() and i % 7 == 0 else "")
                   for i, c in enumerate(text))


def _nested(depth: int) -> str:
    return ("<html><head><title>Nested</title></head><body>" + "<div>" * depth
            + "<p>" + art(1) + "</p>" + "</div>" * depth + "</body></html>")


# name -> (bytes, expected): expected is "stored" or the reason an `error:` line gives
def nasty_corpus() -> dict[str, tuple[bytes, str]]:
    big_line = ("Halvorsen Motors sold 312,000 vehicles last year. " * 200_001)[:10_000_000]
    return {
        "invalid_utf8_mostly.txt": (bytes(range(128, 256)) * 8 + art(2).encode(),
                                    "not valid UTF-8 text"),
        "invalid_utf8_one_byte.txt": (art(3).replace("euros", "\x80 euros")
                                      .encode("utf-8").replace(b"\xc2\x80", b"\x80"), "stored"),
        "overlong_and_surrogate_bytes.txt": (art(4).encode() + b"\xc0\xaf\xed\xa0\x80" * 40,
                                             "not valid UTF-8 text"),
        "nul_bytes.txt": (art(5).encode().replace(b" ", b" \x00", 3), "binary file (contains NUL"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 64, "binary file"),
        "empty.txt": (b"", "empty file"),
        "whitespace_only.txt": (b" \n\t\r\n " * 100, "empty file (whitespace only)"),
        "one_line_10mb.txt": (big_line.encode(), "too much text for one article"),
        "deeply_nested.html": (_nested(20_000).encode(), "stored"),
        "unclosed_tags.html": (("<html><body>" + "<div><span><b><i>" * 3000 + art(6)
                                ).encode(), "stored"),
        "right_to_left.txt": (("تقرير: شركة هالفورسن للسيارات عينت رئيسا تنفيذيا جديدا. " * 8
                               + "\n" + "חברת הלברסן מוטורס מינתה מנכ\"לית חדשה. " * 6).encode(),
                              "stored"),
        "bidi_overrides.txt": ((RLO + "Halvorsen Motors" + PDF + " " + art(7).replace(
            "Ines Varga", LRO + "Ines Varga" + PDF).replace("Nordcell", RLI + "Nordcell" + PDI)
                               ).encode(), "stored"),
        "zero_width.txt": (_zero_width(art(8)).encode(), "stored"),
        "mixed_languages.txt": ((art(9) + "哈尔沃森汽车公司周二表示，已任命新的首席执行官。\n"
                                 "Компания Halvorsen Motors назначила нового генерального директора.\n"
                                 "Die Firma meldete einen Umsatz von 4,1 Milliarden Euro. \U0001f697\U0001f4c8\n"
                                 ).encode(), "stored"),
        "combining_marks.txt": (("H\u0336a\u0337l\u0338v\u0335o\u0334r\u0336s\u0337e\u0338n "
                                 "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o\u0358. "
                                 + art(10)).encode(), "stored"),
        "terminal_escapes.txt": (("\x1b[31m\x1b]0;pwned\x07" + art(11) + "\x1b[2J").encode(),
                                 "stored"),
        "utf16_with_bom.txt": (art(12).encode("utf-16"), "stored"),
        "utf8_with_bom.txt": (b"\xef\xbb\xbf" + art(13).encode(), "stored"),
        "one_long_word.txt": (("x" * 300_000 + " " + art(14)).encode(),
                              "not article text: a 300,000-character word"),
        "long_word_under_the_limit.txt": (("y" * 4_000 + " " + art(21)).encode(), "stored"),
        "script_injection.html": ((f"<html><head><title>T {SCRIPT}</title>{SCRIPT}</head><body>"
                                   f"<article><h1>Halvorsen {SCRIPT}</h1><p>{art(15)}</p>"
                                   f"<p><img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">"
                                   f"link</a> {SCRIPT}</p></article></body></html>").encode(),
                                  "stored"),
        "only_markup.html": (b"<html><body>" + b"<div></div>" * 500 + b"</body></html>",
                             "no article text found in HTML"),
    }


# manifest lines -> expected outcome (JSON lets a manifest carry what files cannot)
def nasty_manifest_lines() -> list[tuple[str, str]]:
    def line(**rec) -> str:
        return json.dumps(rec)
    return [
        (line(id="nul-in-text", text=art(16).replace(" jobs", " jobs\u0000")),
         "text contains NUL characters"),
        (line(id="lone-surrogate", text=art(17) + "\ud800"), "not valid Unicode text"),
        (line(id="hostile-meta", text=art(18).replace("Tuesday", "Wednesday"),
              title=f"{SCRIPT}\u202e title\u0000\udfff", outlet="<b>Outlet</b>\u200b",
              url="javascript:alert(1)", published=""), "stored"),
        (line(id="impossible-date", text=art(22), published="9999-99-99"),
         "published date '9999-99-99' is not a real date"),
        (line(id="../../etc/passwd\u0000", text=art(19).replace("Tuesday", "Friday")), "stored"),
        ('{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}", "not valid JSON"),
        ("\ufeff" + line(id="bom-line", text=art(20).replace("Tuesday", "Monday")), "stored"),
    ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nasty")
    expected = {}
    for name, (data, outcome) in nasty_corpus().items():
        (folder / name).write_bytes(data)
        expected[str(folder / name)] = outcome
    manifest = folder / "nasty.jsonl"
    lines = nasty_manifest_lines()
    manifest.write_text("\n".join(text for text, _ in lines) + "\n", encoding="utf-8")
    for n, (_, outcome) in enumerate(lines, start=1):
        expected[f"{manifest}:{n}"] = outcome
    good = folder / "good.txt"
    good.write_text(art(0), encoding="utf-8")
    expected[str(good)] = "stored"
    inputs = [*(str(folder / name) for name in nasty_corpus()), str(manifest), str(good)]
    return inputs, expected


@pytest.mark.parametrize("engine_name", ENGINES)
def test_every_nasty_input_gives_a_clear_error_or_a_clean_result(engine_name, corpus, tmp_path,
                                                                 record_property):
    inputs, expected = corpus
    with Engine(engine_name, tmp_path) as engine:
        db = engine.make_db("nasty")
        proc = subprocess.run(command(db, "ingest", *inputs), capture_output=True, text=True,
                              env=environment(), timeout=600)
        assert proc.returncode == 1, proc.stderr[-3000:]     # some inputs failed
        errors = {}
        for ln in proc.stderr.splitlines():
            if ln.startswith("warning: ") and ": encoding: " in ln:
                continue                                 # stored, its bytes were not clean
            assert ln.startswith("error: "), ln          # nothing but one line per bad input
            name, _, reason = ln[len("error: "):].rpartition(": ")
            if name not in expected:                     # the reason itself had ": " in it
                name, _, reason = ln[len("error: "):].partition(": ")
            assert name not in errors, f"two errors for {name}"
            errors[name] = reason
        with Ledger(db, create=False) as ledger:
            docs = ledger.documents()
            by_source = {d.source: d for d in docs}
            for name, outcome in expected.items():
                if outcome == "stored":
                    assert name not in errors, (name, errors.get(name))
                    assert name in by_source, f"{name} was not stored"
                else:
                    assert name in errors and outcome in errors[name], (name, errors.get(name))
                    assert len(errors[name]) < 200
                    assert name not in by_source
            assert len(docs) == sum(o == "stored" for o in expected.values())
            facts = ledger.facts()
            texts = {d.doc_id: d.text for d in docs}
            for f in facts:
                assert texts[f.doc_id][f.evidence.start:f.evidence.end] == f.evidence.text
            assert any(f.doc_id == by_source[inputs[-1]].doc_id for f in facts)
            zero_width = by_source[next(i for i in inputs if i.endswith("zero_width.txt"))]
            assert zero_width.text == _zero_width(art(8)).strip()    # kept exactly as given
            html_doc = by_source[next(i for i in inputs if i.endswith("script_injection.html"))]
            assert "alert" not in html_doc.text and "<" not in html_doc.text
            meta = next(d for d in docs if d.doc_id.startswith("hostile-meta"))
            assert "\x00" not in meta.title and "\udfff" not in meta.title
            assert meta.published is None
            assert any(d.doc_id == "../../etc/passwd" for d in docs)   # only a name
            one_byte = by_source[next(i for i in inputs if i.endswith("invalid_utf8_one_byte.txt"))]
            assert "€ euros" in one_byte.text and any("cp1252" in n for n in one_byte.notes)
        # every stored document's page renders, with the hostile parts as inert text
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            for doc in docs:
                r = client.get("/doc", params={"id": doc.doc_id})
                assert r.status_code == 200, (doc.doc_id, r.text[:300])
                assert len(re.findall(r"<script\b", r.text)) == 1       # only our own
                assert "<b>Outlet</b>" not in r.text and 'href="javascript:' not in r.text
            assert client.get("/").status_code == 200
        engine.drop_db(db)
    record_property("nasty_inputs_tried", len(expected))
    record_property("cases", {name.rsplit("/", 1)[-1]: (
        "stored" if outcome == "stored" else f"error: {errors[name]}")
        for name, outcome in expected.items()})
