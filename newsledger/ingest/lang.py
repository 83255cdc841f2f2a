"""Guess an article's language from how often each language's stop words occur.

Stdlib only.  Words that are stop words in more than one of the languages ("de",
"in", "a", ...) are left out, so an English article that quotes "Luca de Meo" or
"Denis Le Vot" still reads as English.
"""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS_RAW: dict[str, str] = {
    "en": """the and of to is was are were that this with for on by from have has had
             be been it its which who will would not but or they their said at an as
             also than more after about into over there what when said says he she""",
    "fr": """le la les des du et est une dans pour qui que sur au aux pas par avec
             son sa ses ce cette sont été être plus ont il elle nous vous leur mais ou
             comme lui fait aussi entre selon""",
    "de": """der die das und ist nicht mit den dem des ein eine einer sich auf für
             von zu im auch wird werden wurde sind hat haben noch nach bei aus wie oder
             als dass sie er es aber""",
    "es": """el los las del y en es una por para con que se su sus al como más pero
             fue ha han sido este esta entre sobre también muy hasta desde donde según
             un lo le ya años otros""",
    "it": """il lo gli della delle dei degli e è che per con una non sono alla alle
             nel nella del al più anche come ma stato essere questo questa dopo tra
             di sua suo suoi i dal dalla sul sulla hanno ed loro ancora secondo""",
    "pt": """o os as da das do dos e é que um uma para com não no na nos nas por
             mais ao como mas foi ser são também pelo pela entre após sobre
             seu sua seus ainda já anos segundo""",
    "nl": """het een van en is dat niet op te met voor zijn aan er ook als bij door
             maar uit nog wordt worden werd naar dan om deze dit hij zij""",
}


def _build() -> dict[str, frozenset[str]]:
    sets = {lang: set(words.split()) for lang, words in _STOPWORDS_RAW.items()}
    seen: Counter[str] = Counter()
    for words in sets.values():
        seen.update(words)
    shared = {w for w, n in seen.items() if n > 1}
    return {lang: frozenset(words - shared) for lang, words in sets.items()}


STOPWORDS = _build()
LANGUAGES = tuple(STOPWORDS)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 8
MIN_HITS = 3
_SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str | None:
    """'en', 'fr', 'de', 'es', 'it', 'pt' or 'nl'; None when there is too little text
    or too few stop words of any of these languages to tell."""
    if not isinstance(text, str) or not text:
        return None
    words = [w.casefold() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) < MIN_WORDS:
        return None
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(LANGUAGES, key=lambda lang: (hits[lang], lang == "en"))
    if hits[best] < MIN_HITS:
        return None
    return best
