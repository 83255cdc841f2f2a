"""Bytes to text: UTF-8 when it is, the detected encoding when it is not, never silently.

Three outcomes besides clean UTF-8, each leaving a note on the document (notes that
start with `ENCODING_NOTE` are also shown as warnings when the document is ingested):

- UTF-8 with a few broken bytes (a truncated character, a stray byte): the text is
  kept, each broken sequence replaced by U+FFFD, rather than the whole article refused;
- another encoding (cp1252, cp1251, ...), detected by charset-normalizer: decoded with it,
  when the characters it gives look like words (accented letters inside words,
  typographic quotes and dashes);
- ASCII with stray bytes that no encoding turns into words ("battery ÿþunit" in
  cp1252): the bytes are treated as broken UTF-8, replaced by U+FFFD, so nothing
  garbled is stored as if it were the article's own words.
"""
from __future__ import annotations

import unicodedata

from newsledger.models import ENCODING_NOTE

REPLACEMENT = "\ufffd"

# Characters a single-byte Western encoding legitimately gives in English-language news.
_TYPOGRAPHIC = set("€„…†‡‹›‘’“”•–—™°£§©®±²³µ·½¼¾×¡¿«»¢¥\u00a0")
# Letters a stray byte decodes to far more often than any article uses them.
_UNLIKELY_LETTERS = set("ÿþÞðÐ")
MOSTLY_ASCII = 0.15         # share of bytes >= 0x80 below which text is "mostly ASCII"
MIN_COHERENCE = 0.35        # charset-normalizer's language fit: 0.25 for random bytes


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can tell; the message says why."""


def decode_text(data: bytes, charset: str | None = None) -> tuple[str, list[str]]:
    """The text of `data` and notes on how it was decoded (empty for clean UTF-8).

    `charset`: what the sender declared (an HTTP header); trusted when it decodes.
    """
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(charset), []
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8-sig", errors="replace")
    broken = as_utf8.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    if _has_utf8_characters(as_utf8):
        return as_utf8, [_replaced_note(broken, "not valid UTF-8")]
    detected = _detect(data)
    if detected is not None:
        encoding, text = detected
        if _reads_as_words(text):
            return text, [f"{ENCODING_NOTE}not UTF-8: decoded as {encoding} (detected)"]
    if _high_byte_share(data) > 0.3:
        raise Undecodable("not valid UTF-8 text, nor text in an encoding that could be detected")
    return as_utf8, [_replaced_note(broken, "stray bytes in ASCII text")]


def _replaced_note(count: int, what: str) -> str:
    plural = "s" if count != 1 else ""
    return f"{ENCODING_NOTE}{count} byte sequence{plural} {what}: replaced by U+FFFD (�)"


def _has_utf8_characters(text: str) -> bool:
    """True when the bytes hold real multi-byte UTF-8 characters beside the broken ones."""
    return any(ord(c) > 127 and c != REPLACEMENT for c in text)


def _high_byte_share(data: bytes) -> float:
    return sum(1 for b in data if b >= 0x80) / max(1, len(data))


def _detect(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) of a single-byte encoding that turns the bytes into words, if any.

    Mostly-ASCII text: cp1252 or nothing (what Western news sites wrote before UTF-8;
    on a few accents charset-normalizer cannot tell it from cp1250 and the like).
    Otherwise charset-normalizer's guesses, cleanest first, when its language model
    finds the text coherent enough (random bytes read as Cyrillic letters score low).
    """
    from charset_normalizer import from_bytes

    if _high_byte_share(data) < MOSTLY_ASCII:
        # a few high bytes are too little for charset-normalizer to go on: cp1252 or none
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return ("cp1252", text) if _reads_as_words(text) else None
    guesses = sorted(from_bytes(data), key=lambda r: (r.chaos, r.encoding != "cp1252",
                                                      -r.coherence))
    for guess in guesses:
        if guess.coherence < MIN_COHERENCE:
            continue
        try:
            text = data.decode(guess.encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if _reads_as_words(text):
            return guess.encoding, text
    return None


def _reads_as_words(text: str) -> bool:
    """Every non-ASCII character is a typographic symbol or a letter sitting in a word.

    In mostly-ASCII text a letter must touch an ASCII letter ("café", "Zürich") and not
    be one a stray byte usually gives; in text that is mostly non-ASCII (Cyrillic,
    Greek...) letters are all that is asked.
    """
    high = [i for i, c in enumerate(text) if ord(c) > 127]
    if not high:
        return True
    mostly_ascii = len(high) < MOSTLY_ASCII * len(text)
    for i in high:
        c = text[i]
        if c in _TYPOGRAPHIC:
            continue
        if not unicodedata.category(c).startswith("L"):
            return False
        if mostly_ascii and (c in _UNLIKELY_LETTERS or not _touches_ascii_letter(text, i)):
            return False
    return True


def _touches_ascii_letter(text: str, i: int) -> bool:
    """A neighbour (skipping other non-ASCII letters) is an ASCII letter."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and ord(text[j]) > 127 and text[j].isalpha():
            j += step
        if 0 <= j < len(text) and text[j].isascii() and text[j].isalpha():
            return True
    return False
