"""Figures in business news: find them, read their values, spot stated changes.

* ``find_quantities(text)`` returns every figure worth a fact (money, percentages,
  counts, multiples) with exact character offsets into ``text``.
* ``parse_number(s)`` reads the value of one figure written on its own.
* ``find_changes(text)`` finds stated percentage changes ("rose 5%", "a 3.2% increase",
  "an increase of 35.1%", "doubled") with their sign.

Everything here is pure and stdlib-only.  The approach: one regular expression
describes the *shape* of a figure (qualifier, sign, currency, number, scale, unit word),
then small checks on the surrounding words throw out what only looks like a figure:
years, days of the month, clock times, model names, durations, IDs, phone numbers.

The start of the text is read as if it were preceded by a space, so a figure is found
the same way whether or not unrelated sentences come before it.

Ranges written with a dash ("10-15%", "€2-3 billion") are one figure, read by their low
end with the qualifier "between" (percentages and sums only).

Known gaps: "one and a half",
"one in five", European decimal commas ("1,5") and space-grouped thousands
("10 000") are not read; "¥" is taken as yen; a bare "k"/"b" needs a currency
("$5k"); adjectival compounds ("a 1,000-employee plant") are skipped; number words
go up to "nine hundred and ninety-nine" (times a scale word) and are kept only with a
counted noun, a scale, a percent or a currency after them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import lexicon as lx

__all__ = ["Quantity", "Change", "find_quantities", "find_changes", "parse_number"]


@dataclass
class Quantity:
    """One figure: ``text == source[start:end]`` covers qualifier through unit word."""
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None          # 'EUR', 'USD', ..., '%', 'pp', 'bp', or None for counts
    kind: str                 # 'money' | 'percent' | 'count' | 'multiple'
    qualifier: str | None = None   # 'over', 'about', 'nearly', 'at least', 'up to', 'under'
    unit_noun: str | None = None   # counted noun after a count: "11,000 employees" -> 'employees'


@dataclass
class Change:
    """A stated percentage change; ``pct`` is signed (falls are negative)."""
    start: int
    end: int
    text: str
    pct: float
    quantity_start: int       # where the percentage (or the "doubled" word) starts


# ---------------------------------------------------------------------------
# Regex building blocks
# ---------------------------------------------------------------------------

# ASCII matching keeps IGNORECASE from folding odd Unicode letters ("İ", "K" Kelvin)
# into our keywords, which would break the lookups that follow a match.
_FLAGS = re.IGNORECASE | re.ASCII

# Whitespace, plus the no-break and thin spaces typesetters put inside figures.
_WS = r"[\s\u00a0\u2009\u202f]"


def _alt(phrases) -> str:
    """An alternation of phrases, longest first, whose words may be split by any spaces."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    joined = (_WS + "+").join
    return "(?:" + "|".join(joined(re.escape(w) for w in p.split()) for p in ordered) + ")"


def _squash(s: str) -> str:
    """Lowercase and collapse runs of whitespace (for table lookups of matched words)."""
    return re.sub(_WS + "+", " ", s.strip()).lower()


# Qualifiers: the words before a figure that say it is a bound or an estimate.
_QUALIFIERS = {
    "over": ("over", "more than", "above", "exceeding", "upwards of", "in excess of",
             "north of", "greater than", "higher than"),
    "about": ("about", "around", "roughly", "approximately", "approx.", "some",
              "an estimated", "estimated", "circa"),
    "nearly": ("nearly", "almost", "close to", "just shy of"),
    "at least": ("at least", "no less than", "not less than", "no fewer than", "a minimum of"),
    "up to": ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of"),
    "under": ("under", "less than", "fewer than", "below", "lower than"),
}
_QUALIFIER_NORM = {phrase: norm for norm, phrases in _QUALIFIERS.items() for phrase in phrases}
# "just over", "well above": the softener does not change the bound, so it is dropped.
_SOFTENER = r"(?:(?:well|just|slightly|far|much|comfortably)" + _WS + r"+)"
_QUALIFIER = (r"\b" + _SOFTENER + "?" + _alt(_QUALIFIER_NORM) + _WS + "+")

# A sign only when the text says so: the word "minus", the Unicode minus, or a hyphen
# glued to the digits ("-5%"; whether it follows a space is checked afterwards).
_SIGN = r"minus" + _WS + r"+|\u2212" + _WS + r"?|-(?=[0-9\u20ac$\u00a3\u00a5\u20a9\u20b9])"

# Currency written before the number.  Letter codes are case-sensitive ("EUR", not
# "eur") so ordinary words are not taken for currencies.
_CURRENCY_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL", "\u20ac": "EUR", "$": "USD",
    "\u00a3": "GBP", "\u00a5": "JPY", "\u20a9": "KRW", "\u20b9": "INR", "Rs.": "INR", "Rs": "INR",
}
_CURRENCY_CODES = {
    "EUR": "EUR", "USD": "USD", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY",
    "KRW": "KRW", "INR": "INR", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD", "HKD": "HKD",
    "SGD": "SGD", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "BRL": "BRL", "PLN": "PLN",
    "CZK": "CZK", "ZAR": "ZAR",
}
_CODE = r"(?-i:" + "|".join(_CURRENCY_CODES) + r")(?![A-Za-z])"
_CUR_PREFIX = (r"(?-i:" + "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))
               + r")|" + _CODE)

_GLUED_MONEY = re.compile(r"(?:" + _CUR_PREFIX + r")(?:\d[\d.,]*)?")


def is_currency_token(token: str) -> bool:
    """A token that is a currency, bare or with its figure glued on ("US$", "S$870",
    "EUR140"): never a name."""
    m = _GLUED_MONEY.fullmatch(token)
    return bool(m) and (token.endswith("$") or token[-1].isdigit())


# Currency written after the number ("10 billion euros", "5 trillion won").
# Checked in order: the specific dollars before plain "dollars".
_CURRENCY_WORDS = [
    (r"(?:us|u\.s\.|american)" + _WS + r"+dollars?", "USD"),
    (r"canadian" + _WS + r"+dollars?", "CAD"),
    (r"australian" + _WS + r"+dollars?", "AUD"),
    (r"hong" + _WS + r"+kong" + _WS + r"+dollars?", "HKD"),
    (r"singapore" + _WS + r"+dollars?", "SGD"),
    (r"swiss" + _WS + r"+francs?", "CHF"),
    (r"swedish" + _WS + r"+(?:crowns?|kronor|krona)", "SEK"),
    (r"norwegian" + _WS + r"+(?:crowns?|kroner|krone)", "NOK"),
    (r"danish" + _WS + r"+(?:crowns?|kroner|krone)", "DKK"),
    (r"czech" + _WS + r"+(?:crowns?|korunas?)", "CZK"),
    (r"icelandic" + _WS + r"+(?:crowns?|kronur|krona)", "ISK"),
    (r"kronor|krona", "SEK"),
    (r"kroner|krone", "NOK"),
    (r"euros?", "EUR"),
    (r"dollars?", "USD"),
    (r"pounds?(?:" + _WS + r"+sterling)?|sterling", "GBP"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
    (r"won", "KRW"),
    (r"rupees?", "INR"),
    (r"francs?", "CHF"),
    (r"zlotys?", "PLN"),
    (r"forints?", "HUF"),
]
_CUR_SUFFIX = (r"(?:" + _WS + r"+|-)(?:" + "|".join(p for p, _ in _CURRENCY_WORDS) + r"|"
               + _CODE + r")\b")

# Digits: "151,939", "2,300,000", "2.3", "11000".  Thousands groups must be exactly
# three digits, so "1,5" is not read as a number at all.
_DIGITS = r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"

_SCALES = {
    "thousand": 10**3, "k": 10**3, "lakh": 10**5, "crore": 10**7,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}
# Scale after digits: a word after a space or hyphen ("2.3 million", "$2-billion"), an
# abbreviation glued or spaced ("1.5bn", "5 mn"), or a single glued letter ("€10m",
# "$5k"); single letters are vetted afterwards because "4K", "5G", "3M" are not scales.
_SCALE = (r"(?:" + _WS + r"+|-)?(?:thousand|million|billion|trillion|crore|lakh|mln|bln|mn|bn|trn|tn)\b"
          r"|(?:k|m|b)(?![A-Za-z])")
_WORD_SCALE = _WS + r"+(?:thousand|million|billion|trillion)\b"

# Number words: "three", "twenty-five", "a hundred", "two hundred and fifty", "a dozen",
# and "a"/"one" only when a scale follows ("a million").
_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEEN_WORDS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen"]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: i + 1 for i, w in enumerate(_UNIT_WORDS)}
_WORD_VALUES.update({w: i + 10 for i, w in enumerate(_TEEN_WORDS)})
_WORD_VALUES.update({w: (i + 2) * 10 for i, w in enumerate(_TENS_WORDS)})
_WORD_VALUES["a"] = 1

_UNITS_RE = "(?:" + "|".join(_UNIT_WORDS) + ")"
_NUM99 = ("(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[- ]" + _UNITS_RE + r"\b)?|(?:"
          + "|".join(_TEEN_WORDS) + ")|" + _UNITS_RE + ")")
_HUNDREDS = (r"(?:a|one|" + _UNITS_RE + r")" + _WS + r"+hundred(?:" + _WS + r"+(?:and"
             + _WS + r"+)?" + _NUM99 + r"\b)?")
_WORD_NUMBER = (r"(?P<words>\b(?:" + _HUNDREDS + "|" + _NUM99 + r"|a" + _WS + r"+dozen"
                r"|(?:a|one)(?=" + _WORD_SCALE + r"))\b)")

# Fractions of a whole, reported as percentages ("a quarter of" -> 25 %).  They need an
# "of" after them so that "the first quarter", "a quarter-century" or "last quarter"
# never match; "half" may also take "the"/"its" ("half the workforce").
_FRACTIONS = {
    "a quarter": Decimal(1) / 4, "one quarter": Decimal(1) / 4, "three quarters": Decimal(3) / 4,
    "a third": Decimal(1) / 3, "one third": Decimal(1) / 3, "two thirds": Decimal(2) / 3,
    "a fifth": Decimal(1) / 5, "one fifth": Decimal(1) / 5, "a tenth": Decimal(1) / 10,
    "one tenth": Decimal(1) / 10, "half": Decimal(1) / 2, "a half": Decimal(1) / 2,
    "one half": Decimal(1) / 2,
}
_FRACTION = (r"(?P<frac>\b(?:(?:a|one)[- ](?:quarter|third|fifth|tenth)|three[- ]quarters"
             r"|two[- ]thirds)(?=" + _WS + r"+of\b)|\bhalf(?=" + _WS
             + r"+(?:of|the|its|their|his|her|our|all)\b))")
# After "by" a fraction needs no "of": "fell by a third", "cut by half".  The "by" is
# checked after matching (_BY_BEFORE_RE) because a qualifier may sit in between.
_BY_FRACTION = (r"(?P<byfrac>\b(?:(?:a|one)[- ](?:quarter|third|fifth|tenth)|three[- ]quarters"
                r"|two[- ]thirds|half)(?![\w-])(?!" + _WS + r"+of\b))")
_HALF_SCALE = r"(?P<halfscale>\bhalf" + _WS + r"+a" + _WS + r"+(?:million|billion)\b)"

# Multiples: "five times", "10-fold", "threefold", "twice as".
_FOLD_WORD = r"(?P<foldword>\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b)"
_TWICE = r"(?P<twice>\btwice(?=" + _WS + r"+(?:as|the|that|what)\b))"
_TIMES = r"(?P<times>" + _WS + r"+times\b)"
_FOLD = r"(?P<fold>-?fold\b)"

# Percent words: "10%", "10 %", "72 per cent", "20.2 percent", "35.1 pct", "5-per-cent";
# percentage points and basis points get their own units.
_PERCENT = r"(?P<pct>[ \u00a0\u202f]?%|(?:" + _WS + r"+|-)(?:per[ -]?cent|pct)\b)"
# The abbreviations are lowercase only: "5 BP stations" is about the oil company.
_POINTS = (r"(?P<pp>(?:" + _WS + r"+|-)?(?:percentage[ -]points?|(?-i:ppts?|pp))\b)"
           r"|(?P<bp>(?:" + _WS + r"+|-)?(?:basis[ -]points?|(?-i:bps|bp))\b)")

# "5,000+ jobs", "a 1,000-plus workforce": read as a lower bound.
_PLUS = r"(?P<plus>\+|-plus\b)"

_QUANTITY_RE = re.compile(
    "(?P<qual>" + _QUALIFIER + ")?"
    "(?P<sign>" + _SIGN + ")?"
    "(?:(?P<cur_pre>" + _CUR_PREFIX + ")" + _WS + "?)?"
    "(?:" + _FRACTION + "|" + _HALF_SCALE + "|" + _BY_FRACTION + "|" + _FOLD_WORD + "|" + _TWICE
    + "|" + _DIGITS + "(?P<scale>" + _SCALE + ")?"
    + "|" + _WORD_NUMBER + "(?P<wscale>" + _WORD_SCALE + ")?" + ")"
    "(?:" + _POINTS + "|" + _PERCENT + "|(?P<cur_post>" + _CUR_SUFFIX + ")|" + _TIMES
    + "|" + _FOLD + ")?"
    + _PLUS + "?",
    _FLAGS,
)

# Spans where digits are never figures: web and mail addresses, and phone numbers
# (a leading "+", or three or more short digit groups with at least seven digits).
# (Both start only at a token start, which keeps long runs of letters linear.)
_URL_RE = re.compile(r"(?<![\w.+-])(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+)", _FLAGS)
_PHONE_RE = re.compile(
    r"(?<![\w+])(?P<plus>\+)?(?:\(0\))?\(?[0-9]{1,4}\)?(?:[ .-]\(?[0-9]{1,4}\)?){2,}(?![\w])", _FLAGS)

# ---------------------------------------------------------------------------
# Word lists for the context checks
# ---------------------------------------------------------------------------

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
_MONTHS = r"(?:" + "|".join(_MONTH_NAMES) + r")\b\.?"
# Days of the month sit next to a capitalised month name ("July 31", "31 July"); the
# case matters because "may" is also a verb.
_CAPITALISED_MONTH = r"(?-i:" + "|".join(_MONTH_NAMES) + r")\b\.?"
_DAY_BEFORE_RE = re.compile(r"\b" + _CAPITALISED_MONTH + _WS + r"+$", _FLAGS)
_DAY_AFTER_RE = re.compile(_WS + r"+(?:of" + _WS + r"+)?" + _CAPITALISED_MONTH, _FLAGS)
# Words after which a 19xx/20xx number is a year: "in 2023", "November 2023", "FY 2025".
_YEAR_CONTEXT_RE = re.compile(
    r"\b(?:in|since|by|from|until|till|through|of|during|before|after|between|and|to"
    r"|fiscal|fy|year|" + _MONTHS + r"|q[1-4]|h[12])" + _WS + r"+$", _FLAGS)
# "Renault 5", "Model 3", "Le Mans 24", "CAC 40": a bare number right after a name.
_NAME_BEFORE_RE = re.compile(r"(?<![\w&.'\u2019-])(?P<name>(?-i:[A-Z])[\w&.'\u2019-]*) $", _FLAGS)
# "the 5 E-Tech", "the 3 Series", "iPhone 15 Pro": a bare number before a model word
# (a capitalised hyphenated word, or a usual model suffix).
_MODEL_AFTER_RE = re.compile(
    r" (?:(?-i:[A-Z])\w*-[\w-]+|(?-i:Series|Class|Plus|Pro|Max))\b", _FLAGS)
# "No. 1", "#1", "number 1": ordinals, not amounts.
_ORDINAL_BEFORE_RE = re.compile(r"\b(?:no\.|number)" + _WS + r"*$", _FLAGS)
# Clock times: "7.30 pm", "10 a.m.", "14.00 CET".
_CLOCK_AFTER_RE = re.compile(_WS + r"*(?:a\.m\.|p\.m\.|am|pm|o'clock|(?-i:GMT|CET|CEST|UTC|BST|EST|EDT|ET|PT|JST))(?![A-Za-z])", _FLAGS)
# "half" in "the first half", "a half", "one and a half" is not a fraction of something.
_HALF_BEFORE_RE = re.compile(
    r"\b(?:first|second|the|a|an|latter|former|other|back|front|this|last|next|each)" + _WS + r"+$", _FLAGS)
_BY_BEFORE_RE = re.compile(r"\bby" + _WS + r"+$", _FLAGS)
# "a quarter of a century" is a duration.
_FRACTION_OF_TIME_RE = re.compile(_WS + r"+of" + _WS + r"+(?:a|an)" + _WS
                                  + r"+(?:century|hour|mile|year|decade|point)\b", _FLAGS)
# Attribution, not amounts: "two sources said", "three people familiar with ...".
_ATTRIBUTION_AFTER_RE = re.compile(
    _WS + r"+(?:sources\b|insiders\b|(?:people|persons|officials|executives)" + _WS
    + r"+(?:familiar|with" + _WS + r"+knowledge|close|briefed)\b)", _FLAGS)
# Units a figure may be written in as a hyphen compound ("a 500-megawatt plant").
# (units of a site's size -- power, energy, oil -- never weights: "a 40-tonne truck" is a truck)
_PHYSICAL_UNITS = frozenset(k for k, v in lx.table("physical_units").items()
                            if v in ("MW", "GW", "GWh", "MWh", "kWh", "barrels"))
# A hyphen compound after a bare number: "18-month low", "800-volt", "5,000-strong".
_COMPOUND_AFTER_RE = re.compile(r"-(?P<word>[A-Za-z]+)", _FLAGS)

_TIME_NOUNS = {
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days",
    "hour", "hours", "minute", "minutes", "second", "seconds", "decade", "decades",
    "quarter", "quarters", "century", "centuries", "weekend", "weekends", "night", "nights",
}
# Nouns that make a 19xx/20xx number a count ("2000 employees"), not a year
# ("2025 deliveries", "2030 targets").  They also end a unit noun phrase.
_COUNT_NOUNS = {
    "employees", "staff", "workers", "people", "persons", "jobs", "positions", "roles",
    "vehicles", "cars", "units", "trucks", "vans", "buses", "evs", "bikes", "motorcycles",
    "shares", "stores", "shops", "outlets", "dealers", "dealerships", "branches",
    "customers", "clients", "users", "subscribers", "members", "engineers",
    "plants", "factories", "sites", "homes", "households", "chargers", "batteries",
    "engines", "robots", "aircraft", "planes", "ships", "machines", "suppliers",
    "contractors", "managers", "executives", "drivers", "passengers", "patients",
    "students", "companies", "firms", "subsidiaries",
}
# Units of measure end a counted-noun phrase ("300 MW electrolyser" counts megawatts).
_UNIT_WORDS = {k for k in lx.table("physical_units")}
# Words that cannot start or continue a counted-noun phrase.
_NOUN_STOPWORDS = {
    "of", "in", "at", "on", "for", "to", "from", "by", "with", "into", "onto", "per", "across",
    "over", "under", "between", "among", "than", "since", "until", "during", "through",
    "about", "around", "after", "before", "as", "like", "via", "within", "without", "against",
    "toward", "towards", "including", "and", "or", "but", "nor", "so", "yet", "if", "while",
    "the", "a", "an", "that", "which", "who", "whom", "whose", "this", "these", "those",
    "its", "their", "his", "her", "our", "my", "your", "each", "every", "it", "they", "we",
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "should",
    "can", "may", "might", "must", "shall", "have", "has", "had", "do", "does", "did",
    "said", "says", "say", "according", "worldwide", "globally", "overall", "annually",
    "yearly", "total", "apiece", "last", "next", "more", "less", "fewer", "too", "also",
    "already", "only", "just", "now", "then", "there", "here", "ago", "earlier", "later",
    "respectively", "year", "years", "month", "months", "times", "percent", "pct",
}
# Capitalised words that begin sentences or phrases and are not product or index names.
_CAPITALISED_FUNCTION_WORDS = {
    "the", "in", "about", "over", "some", "nearly", "roughly", "with", "by", "to", "of",
    "and", "at", "for", "on", "from", "since", "than", "almost", "around", "approximately",
    "just", "only", "up", "down", "another", "all", "its", "their", "our", "his", "her",
    "it", "we", "they", "he", "she", "those", "these", "between", "under", "above",
    "below", "more", "less", "fewer", "exactly", "a", "an", "but", "or", "if", "as",
    "after", "before", "until", "during", "while", "when", "there", "here", "this",
    "that", "also", "then", "now", "employing", "employs", "sold", "cut", "hired",
}

_GLUE_BEFORE = set("_/@\\#'\u2019=&")   # "#1", "'25", "/2023/", "x=5" are not figures
_GLUE_AFTER = set("_/@\\")               # "24/7", "5@", "5_" are not figures either


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _before(text: str, i: int, n: int = 60) -> str:
    """The n characters before i, padded with spaces: the start of text reads as a space."""
    chunk = text[max(0, i - n):i]
    return " " * (n - len(chunk)) + chunk


def _char_before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _char_after(text: str, i: int) -> str:
    return text[i] if i < len(text) else " "


def _to_float(d: Decimal) -> float | None:
    try:
        f = float(d)
    except (OverflowError, ValueError):
        return None
    return f if f == f and f not in (float("inf"), float("-inf")) else None


def _words_value(words: str) -> Decimal | None:
    """'twenty-five' -> 25, 'a hundred' -> 100, 'two hundred and fifty' -> 250."""
    current = 0
    for tok in re.split(r"[-\s\u00a0\u2009\u202f]+", words.lower()):
        if tok in ("", "and"):
            continue
        if tok == "hundred":
            current = (current or 1) * 100
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok in _WORD_VALUES:
            current += _WORD_VALUES[tok]
        else:
            return None
    return Decimal(current)


def _scale_value(scale: str | None) -> int:
    if not scale:
        return 1
    return _SCALES.get(re.sub(r"[-\s\u00a0\u2009\u202f]", "", scale).lower(), 1)


def _magnitude(g: dict) -> Decimal | None:
    """The unsigned number a match spells, before percent conversion (fractions as 0.25)."""
    if g["frac"]:
        return _FRACTIONS.get(_squash(g["frac"]).replace("-", " "))
    if g["halfscale"]:
        return Decimal(1) / 2 * _scale_value(g["halfscale"].split()[-1])
    if g["foldword"]:
        return _words_value(g["foldword"][:-4])
    if g["twice"]:
        return Decimal(2)
    if g["digits"]:
        try:
            return Decimal(g["digits"].replace(",", "")) * _scale_value(g["scale"])
        except InvalidOperation:
            return None
    if g["words"]:
        v = _words_value(g["words"])
        return None if v is None else v * _scale_value(g["wscale"])
    return None


def _currency(g: dict) -> str | None:
    if g["cur_pre"]:
        sym = re.sub(_WS, "", g["cur_pre"])
        return _CURRENCY_SYMBOLS.get(sym) or _CURRENCY_CODES.get(sym)
    if g["cur_post"]:
        word = g["cur_post"].lstrip("-").strip()
        if word in _CURRENCY_CODES:
            return _CURRENCY_CODES[word]
        for pattern, code in _CURRENCY_WORDS:
            if re.fullmatch(pattern, word, _FLAGS):
                return code
    return None


def _kind_and_unit(g: dict, currency: str | None) -> tuple[str, str | None]:
    if g["frac"] or g["pct"]:
        return "percent", "%"
    if g["pp"]:
        return "percent", "pp"
    if g["bp"]:
        return "percent", "bp"
    if currency:
        return "money", currency
    if g["times"] or g["fold"] or g["foldword"] or g["twice"]:
        return "multiple", None
    return "count", None


def _qualifier(g: dict) -> str | None:
    if g["qual"]:
        phrase = re.sub(r"^" + _SOFTENER, "", _squash(g["qual"]), flags=_FLAGS)
        return _QUALIFIER_NORM.get(phrase)
    if g["plus"]:
        return "over"
    return None


_NEXT_WORD_RE = re.compile(_WS + r"+(?P<w>[A-Za-z](?:[A-Za-z'\u2019-]*[A-Za-z])?)\b", _FLAGS)


def _unit_noun(text: str, i: int) -> str | None:
    """The counted noun phrase starting after position i: up to three words, ending at
    the first known count noun or plural-looking word; None if a stopword comes first."""
    words: list[str] = []
    m = _NEXT_WORD_RE.match(text, i)
    while m is not None and len(words) < 3:
        w = m.group("w").lower()
        if w in _NOUN_STOPWORDS:
            break
        words.append(w)
        if w in _COUNT_NOUNS or _looks_plural(w) or " ".join(words) in _UNIT_WORDS:
            break       # ("a 300 MW electrolyser": the unit, not the thing it sizes)
        m = _NEXT_WORD_RE.match(text, m.end())
    return " ".join(words) or None


def _looks_plural(w: str) -> bool:
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and phone numbers: digits inside them are not figures."""
    spans = [m.span() for m in _URL_RE.finditer(text)]
    for m in _PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        if m.group("plus") or digits >= 7:
            spans.append(m.span())
    return spans


# ---------------------------------------------------------------------------
# Checks that throw out things shaped like figures
# ---------------------------------------------------------------------------

def _glued(text: str, start: int, end: int, g: dict) -> bool:
    """True when the match is part of a bigger token: inside a word ("A320", "5G"), a
    decimal or list ("1,5", "1.2.3"), a time ("07:32"), a range or date ("2024-25",
    "24/7"), a ticker ("7203.T") or a hyphenated name ("COVID-19")."""
    before, after = _char_before(text, start), _char_after(text, end)
    two_before = _char_before(text, start - 1) if start > 0 else " "
    if before.isalnum() or before in _GLUE_BEFORE:
        return True
    if before in ".,:" and two_before.isalnum():
        return True
    if before in "-\u2013\u2014" and two_before.isalnum():     # second half of a range
        return True
    if g["sign"] and g["sign"] == "-" and not (before.isspace() or before in "(["):
        return True
    if after.isalnum() or after in _GLUE_AFTER:
        return True
    if after in ".,:" and _char_after(text, end + 1).isalnum():
        return True
    if after in "-\u2013\u2014" and _char_after(text, end + 1).isdigit():   # first half of a range
        return True
    return False


def _bad_glued_scale(g: dict, currency: str | None) -> bool:
    """Single-letter scales need money around them ("€10m", "$5k"), except a lowercase
    "m" ("2.3m vehicles"); "4K", "5G" or "3M" never count."""
    scale = g["scale"] or ""
    if len(scale) != 1:
        return False
    if currency:
        return False
    return scale != "m"


def _is_plain(g: dict) -> bool:
    """Bare digits with nothing around them: the shape years, days and model numbers take."""
    d = g["digits"]
    return bool(d) and d.isdigit() and not (
        g["scale"] or g["qual"] or g["sign"] or g["cur_pre"] or g["cur_post"] or g["pct"]
        or g["pp"] or g["bp"] or g["times"] or g["fold"] or g["plus"])


def _is_year(text: str, start: int, digits: str, noun: str | None) -> bool:
    """A 19xx/20xx number is a year unless a count noun follows ("2000 employees")."""
    if len(digits) != 4 or not 1900 <= int(digits) <= 2100:
        return False
    if _YEAR_CONTEXT_RE.search(_before(text, start)):
        return True
    return not (noun and noun.split()[-1] in _COUNT_NOUNS)


def _is_day_of_month(text: str, start: int, end: int, digits: str) -> bool:
    if len(digits) > 2 or not 1 <= int(digits) <= 31:
        return False
    return bool(_DAY_BEFORE_RE.search(_before(text, start)) or _DAY_AFTER_RE.match(text, end))


def _is_model_name(text: str, start: int, end: int, noun: str | None) -> bool:
    """'Renault 5', 'Model 3', 'CAC 40', 'the 5 E-Tech': a bare number tied to a name."""
    if noun and noun.split()[-1] in _COUNT_NOUNS:
        return False                                   # "Renault 5 plants" is a count
    m = _NAME_BEFORE_RE.search(_before(text, start))
    if m and m.group("name").lower().rstrip(".") not in _CAPITALISED_FUNCTION_WORDS:
        return True
    return bool(_MODEL_AFTER_RE.match(text, end))


def _skip_count(text: str, m: re.Match, g: dict, noun: str | None) -> bool:
    """Counts that are really durations, attributions, years, dates, names or IDs."""
    start, end = m.start(), m.end()
    following = _NEXT_WORD_RE.match(text, end)
    next_word = following.group("w").lower() if following else ""
    has_scale = g["scale"] or g["wscale"]
    if next_word in _TIME_NOUNS and not has_scale:
        return True                                     # "two years ago", "18 months"
    if _ATTRIBUTION_AFTER_RE.match(text, end):
        return True                                     # "two sources said"
    if _CLOCK_AFTER_RE.match(text, end):
        return True                                     # "7.30 pm"
    if _ORDINAL_BEFORE_RE.search(_before(text, start)):
        return True                                     # "No. 1"
    if g["words"] and not has_scale:
        words = _squash(g["words"])
        if words == "one" or not noun:
            return True                                 # "one of", "the two"
    if _is_plain(g):
        digits = g["digits"]
        if len(digits) > 1 and digits.startswith("0"):
            return True                                 # "007", "0800"
        if len(digits) >= 8:
            return True                                 # order or registry numbers
        if _is_year(text, start, digits, noun):
            return True
        if _is_day_of_month(text, start, end, digits):
            return True
        if _is_model_name(text, start, end, noun):
            return True
    return False


def _skip_fraction(text: str, m: re.Match, g: dict) -> bool:
    if _FRACTION_OF_TIME_RE.match(text, m.end()):
        return True                                     # "a quarter of a century"
    if g["byfrac"]:
        return False
    frac_start = m.start("frac")
    return _squash(g["frac"]) == "half" and bool(_HALF_BEFORE_RE.search(_before(text, frac_start)))


def _interpret(text: str, m: re.Match) -> Quantity | None:
    """Turn one regex match into a Quantity, or None when it is not a figure."""
    g = m.groupdict()
    start, end = m.span()
    if g["byfrac"]:
        if not _BY_BEFORE_RE.search(_before(text, start)):
            return None                                 # "a third plant", "the first half"
        g["frac"] = g["byfrac"]
    if _glued(text, start, end, g):
        return None
    currency = _currency(g)
    if _bad_glued_scale(g, currency):
        return None
    magnitude = _magnitude(g)
    if magnitude is None:
        return None
    kind, unit = _kind_and_unit(g, currency)
    if g["frac"]:
        if _skip_fraction(text, m, g):
            return None
        magnitude = (magnitude * 100).quantize(Decimal("0.01"))
    if g["sign"]:
        magnitude = -magnitude
    noun_from = end
    if kind in ("count", "multiple"):
        compound = _COMPOUND_AFTER_RE.match(text, end)
        if compound:
            word = compound.group("word").lower()
            unit_word = next((w for w in (word + "s", word) if w in _PHYSICAL_UNITS), None)
            if word != "strong" and unit_word is None:
                return None                             # "18-month low", "800-volt", "one-off"
            noun_from = compound.end()
            if unit_word is not None:                   # "a 500-megawatt plant": a figure in a unit
                if kind == "count" and _skip_count(text, m, g, unit_word):
                    return None
                value = _to_float(magnitude)
                return None if value is None else Quantity(start, end, text[start:end], value, unit, kind,
                                                           _qualifier(g), unit_word)
    noun = _unit_noun(text, noun_from) if kind == "count" else None
    if kind == "count" and _skip_count(text, m, g, noun):
        return None
    value = _to_float(magnitude)
    if value is None:
        return None
    return Quantity(start, end, text[start:end], value, unit, kind, _qualifier(g), noun)


# ---------------------------------------------------------------------------
# Public API: quantities and numbers
# ---------------------------------------------------------------------------

_RANGE_LOW_RE = re.compile(r"(?:(?P<cur>" + _CUR_PREFIX + r")" + _WS + r"?)?"
                           r"(?P<low>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)$", _FLAGS)


def _range(text: str, m: re.Match) -> Quantity | None:
    """'growth of 7-9%', '€2-3 billion': a range written with a dash is one figure, read by
    its low end with the qualifier "between" (the high end gives the unit and scale); only
    percentages and sums (never "2024-25" or a model name)."""
    g = dict(m.groupdict())
    if not g["digits"] or g["qual"] or g["cur_pre"]:
        return None
    dash = m.start() if g["sign"] == "-" else m.start() - 1
    if dash < 1 or text[dash] not in "-\u2013":
        return None
    low = _RANGE_LOW_RE.search(text[max(0, dash - 30):dash])
    if low is None:
        return None
    start = max(0, dash - 30) + low.start()
    if _char_before(text, start).isalnum() or _char_before(text, start) in "-.,":
        return None
    g["sign"] = None
    high = _magnitude(g)
    g["digits"], g["cur_pre"] = low.group("low"), low.group("cur")
    lowest = _magnitude(g)
    currency = _currency(g)
    kind, unit = _kind_and_unit(g, currency)
    if kind not in ("percent", "money") or high is None or lowest is None or not lowest < high:
        return None
    end = m.end()
    if _char_after(text, end).isalnum():
        return None
    value = _to_float(lowest)
    return None if value is None else Quantity(start, end, text[start:end], value, unit, kind, "between", None)


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in text, in order, non-overlapping, with exact offsets."""
    blocked = _blocked_spans(text)
    found: list[Quantity] = []
    for m in _QUANTITY_RE.finditer(text):
        if _overlaps(blocked, m.start(), m.end()):
            continue
        q = _interpret(text, m)
        if q is None:
            q = _range(text, m)
        if q is not None and (not found or q.start >= found[-1].end):
            found.append(q)
    return found


def parse_number(s: str) -> float | None:
    """The value of one figure written on its own.

    '2.3 million' -> 2300000, '11,000' -> 11000, '1.5bn' -> 1.5e9, 'three' -> 3,
    'twenty-five' -> 25, '€10 billion' -> 1e10, '10%' -> 10, 'minus 5' -> -5.
    Fractions are read as fractions: 'a quarter' -> 0.25, 'two-thirds' -> 0.666...
    (find_quantities reports "a quarter of ..." as 25 with unit '%').  Qualifiers are
    ignored ('over 5' -> 5).  None when s is not a single figure.
    """
    t = s.strip()
    key = _squash(t).replace("-", " ")
    if key in _FRACTIONS:
        return float(_FRACTIONS[key])
    if key == "twice":
        return 2.0
    m = _QUANTITY_RE.fullmatch(t)
    if m is None:
        return None
    magnitude = _magnitude(m.groupdict())
    if magnitude is None:
        return None
    return _to_float(-magnitude if m.group("sign") else magnitude)


# ---------------------------------------------------------------------------
# Public API: stated changes
# ---------------------------------------------------------------------------

_UP_VERBS = (r"ris(?:e|es|en|ing)|rose|increas(?:e|ed|es|ing)|jump(?:s|ed|ing)?|climb(?:s|ed|ing)?"
             r"|gr(?:ew|own|ow|ows|owing)|gain(?:s|ed|ing)?|surg(?:e|ed|es|ing)|soar(?:s|ed|ing)?"
             r"|rall(?:y|ied|ies|ying)|advanc(?:e|ed|es|ing)|rebound(?:s|ed|ing)?|expand(?:s|ed|ing)?"
             r"|boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|rais(?:e|ed|es|ing)|improv(?:e|ed|es|ing)"
             r"|add(?:s|ed|ing)?")
_DOWN_VERBS = (r"f(?:ell|all|alls|allen|alling)|drop(?:s|ped|ping)?|declin(?:e|ed|es|ing)"
               r"|slump(?:s|ed|ing)?|plung(?:e|ed|es|ing)|tumbl(?:e|ed|es|ing)|s(?:ank|ink|inks|inking|unk)"
               r"|sl(?:id|ide|ides|iding)|slip(?:s|ped|ping)?|decreas(?:e|ed|es|ing)"
               r"|shr(?:ank|ink|inks|inking|unk)|contract(?:s|ed|ing)?|cut(?:s|ting)?"
               r"|reduc(?:e|ed|es|ing)|lower(?:s|ed|ing)?|l(?:ost|ose|oses|osing)|shed(?:s|ding)?"
               r"|eas(?:e|ed|es|ing)|dip(?:s|ped|ping)?")
_UP_NOUNS = (r"increase|rise|gain|jump|growth|surge|climb|rebound|boost|hike|uptick"
             r"|improvement|expansion|upswing")
_DOWN_NOUNS = (r"decline|drop|fall|decrease|slump|plunge|reduction|cut|contraction|dip"
               r"|downturn|slide|tumble")
_NEUTRAL_NOUNS = r"change"

# "rose 5%", "fell by 5%", "jumped a further 5%", "down 12 percent", "rose sharply by 5%".
_VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>" + _UP_VERBS + "|" + _DOWN_VERBS + r"|up|down)"
    r"(?:" + _WS + r"+(?:[a-z]+ly|further|another|a" + _WS + r"+further))?"
    r"(?:" + _WS + r"+by)?" + _WS + r"+$", _FLAGS)
# "increased its prices by 5%", "cut the forecast by 10%": a few words, then "by".
_VERB_BY_RE = re.compile(
    r"\b(?P<verb>" + _UP_VERBS + "|" + _DOWN_VERBS + r")(?:" + _WS + r"+[a-z'-]+){1,4}"
    + _WS + r"+by" + _WS + r"+$", _FLAGS)
# "an increase of 35.1%", "a decline in sales of 4%".
_NOUN_OF_RE = re.compile(
    r"\b(?P<noun>" + _UP_NOUNS + "|" + _DOWN_NOUNS + "|" + _NEUTRAL_NOUNS + r")s?"
    r"(?:" + _WS + r"+(?:in|for)(?:" + _WS + r"+[\w-]+){1,3})?" + _WS + r"+of" + _WS + r"+$", _FLAGS)
# What a change noun may name between it and its figure: "a 24-percent sales slump", "a
# 5% revenue increase" (the one-word measures of the measures lexicon).
_MEASURE_WORD = (r"(?:" + "|".join(sorted((re.escape(k) for k in lx.table("measures") if k.isalpha()),
                                          key=len, reverse=True)) + r")s?")
# "a 3.2% increase", "a 5 per cent year-on-year drop", "3% lower".
_NOUN_AFTER_RE = re.compile(
    r"(?:" + _WS + r"+|-)(?:(?:year-on-year|year-over-year|yoy|y/y|on-year|annual|yearly"
    r"|quarterly|monthly|sequential|organic|overall|combined|further|cumulative)" + _WS + r"+){0,2}"
    r"(?:" + _MEASURE_WORD + _WS + r"+)?"
    r"(?P<noun>" + _UP_NOUNS + "|" + _DOWN_NOUNS + "|" + _NEUTRAL_NOUNS + r"|higher|lower)\b", _FLAGS)
# "... increase of 5% for hybrids and of 7% for EVs": the joint before a second figure.
_CONTINUATION_RE = re.compile(
    r"(?:," + _WS + r"*(?:and" + _WS + r"+)?|" + _WS + r"+and" + _WS + r"+)"
    r"(?:(?P<prep>of|by)" + _WS + r"+)?$", _FLAGS)
_SENTENCE_BREAK_RE = re.compile(r"[;!?\n]|\.(?:\s|$)")
_ANY_TRIGGER_RE = re.compile(
    r"\b(?:" + _UP_VERBS + "|" + _DOWN_VERBS + "|" + _UP_NOUNS + "|" + _DOWN_NOUNS + r"|up|down)\b", _FLAGS)
# "doubled", "more than tripled", "halved" (but not "doubled down").
_MULTIPLIER_VERB_RE = re.compile(
    r"\b(?:(?:more" + _WS + r"+than|nearly|almost)" + _WS + r"+)?"
    r"(?P<verb>doubled|tripled|trebled|quadrupled|halved)\b(?!" + _WS + r"+down\b)", _FLAGS)
_MULTIPLIER_PCT = {"doubled": 100.0, "tripled": 200.0, "trebled": 200.0,
                   "quadrupled": 300.0, "halved": -50.0}
_OF_AFTER_RE = re.compile(_WS + r"+of\b", _FLAGS)


def _direction(word: str) -> int:
    """+1 for rises, -1 for falls, 0 for neutral words ("change")."""
    w = word.lower()
    if re.fullmatch(_UP_VERBS + "|" + _UP_NOUNS + "|up|higher", w, _FLAGS):
        return 1
    if re.fullmatch(_DOWN_VERBS + "|" + _DOWN_NOUNS + "|down|lower", w, _FLAGS):
        return -1
    return 0


def _signed(direction: int, value: float) -> float:
    return value if direction == 0 else direction * abs(value)


def _trigger_before(text: str, q: Quantity) -> tuple[int, str] | None:
    """(start, word) of a verb or noun that states a change just before q."""
    window_start = max(0, q.start - 80)
    window = _before(text, q.start, 80)
    pad = 80 - (q.start - window_start)
    for pattern, name in ((_VERB_BEFORE_RE, "verb"), (_VERB_BY_RE, "verb"), (_NOUN_OF_RE, "noun")):
        m = pattern.search(window)
        if m is None:
            continue
        if name == "verb" and _OF_AFTER_RE.match(text, q.end):
            continue                                   # "cut 5% of its workforce" is a share
        return window_start + m.start(name) - pad, m.group(name)
    return None


def _change_from_quantity(text: str, q: Quantity) -> Change | None:
    before = _trigger_before(text, q)
    if before is not None:
        start, word = before
        return Change(start, q.end, text[start:q.end], _signed(_direction(word), q.value), q.start)
    after = _NOUN_AFTER_RE.match(text, q.end)
    if after is not None:
        end = after.end()
        return Change(q.start, end, text[q.start:end],
                      _signed(_direction(after.group("noun")), q.value), q.start)
    return None


def _continuation(text: str, previous: Change, q: Quantity) -> Change | None:
    """A second figure sharing the previous change's verb: "... 5% in Europe and 7% in
    China", "an increase of 35% for hybrids and of 9% for EVs"."""
    gap = text[previous.end:q.start]
    if len(gap) > 80 or "%" in gap or _SENTENCE_BREAK_RE.search(gap) or _ANY_TRIGGER_RE.search(gap):
        return None
    joint = _CONTINUATION_RE.search(gap)
    if joint is None:
        return None
    if not joint.group("prep") and _OF_AFTER_RE.match(text, q.end):
        return None                                     # "and 40% of them" is a share
    direction = 1 if previous.pct > 0 else -1 if previous.pct < 0 else 0
    return Change(q.start, q.end, q.text, _signed(direction, q.value), q.start)


def find_changes(text: str, quantities: list[Quantity] | None = None) -> list[Change]:
    """Stated percentage changes, in order and non-overlapping, signed by direction:
    "a 3.2% increase" -> 3.2, "fell 5%" -> -5, "down 12 percent" -> -12, "doubled" -> 100.
    Percentage-point and basis-point moves are not percentage changes and are left out.
    `quantities` is find_quantities(text) when the caller has it already."""
    changes: list[Change] = []
    previous: Change | None = None
    for q in find_quantities(text) if quantities is None else quantities:
        if q.kind != "percent" or q.unit != "%" or q.value is None:
            continue
        change = _change_from_quantity(text, q)
        if change is None and previous is not None and q.start >= previous.end:
            change = _continuation(text, previous, q)
        if change is not None:
            changes.append(change)
            previous = change
    for m in _MULTIPLIER_VERB_RE.finditer(text):
        pct = _MULTIPLIER_PCT[m.group("verb").lower()]
        changes.append(Change(m.start(), m.end(), m.group(), pct, m.start("verb")))
    changes.sort(key=lambda c: (c.start, -c.end))
    kept: list[Change] = []
    for c in changes:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept
