"""Word lists the extractors share: roles, corporate words, triggers, gazetteers.

These are lexicons of English business vocabulary, not lists of sentences: every
entry is a word or phrase that means the same thing wherever it appears.
"""
from __future__ import annotations

# Words that end an organisation's name and mark it as one ("Nissan Motor Co.").
ORG_SUFFIXES = {
    "group", "groupe", "motor", "motors", "co", "co.", "corp", "corp.", "corporation", "inc",
    "inc.", "ltd", "ltd.", "limited", "plc", "sa", "s.a.", "ag", "nv", "n.v.", "se", "llc",
    "gmbh", "spa", "s.p.a.", "bv", "sas", "ab", "asa", "kk", "holding", "holdings",
    "industries", "automobile", "automobiles", "automotive", "technologies", "technology",
    "systems", "partners", "capital", "bank", "press", "shimbun", "news", "media",
    "airlines", "airways", "energy", "software", "solutions", "labs", "ventures",
    "company", "companies", "enterprises", "international", "worldwide", "powertrain",
    "mobility", "electric", "electronics", "pharmaceuticals", "therapeutics", "networks",
    "communications", "telecom", "insurance", "financial", "securities", "investments",
    "associates", "brands", "foods", "chemicals", "steel", "motor company", "auto",
    "autoworks", "aerospace", "airline", "pharma", "semiconductor", "semiconductors",
    # what a company's name says it does ("Alder Building Society", "Norrland Air")
    "society", "mutual", "bancorp", "bankshares", "trust", "fund", "funds", "air", "aero",
    "lines", "shipping", "shipyard", "yard", "yards", "verft", "robotics", "photonics",
    "bio", "biotech", "biosciences", "biologics", "sciences", "health", "healthcare",
    "wealth", "mortgages", "digital", "direct", "re", "logistics", "rail", "railways",
    "mining", "metals", "oil", "petroleum", "power", "utilities", "retail", "stores",
    "markets", "market", "studios", "trucks", "truck", "buses", "bus", "tubes", "pipes",
    "cables", "components", "parts", "dairies", "dairy", "farms", "packaging", "plastics",
    "glass", "cement", "paper", "tyres", "tires", "wire", "textile", "mills", "entertainment", "games", "cars", "vehicles", "batteries",
    "cells", "chips", "devices", "instruments", "equipment", "machinery", "engineering",
    "construction", "properties", "realty", "hotels", "resorts", "beverages", "brewing",
    "breweries", "textiles", "apparel", "cosmetics", "laboratories", "analytics",
    "platforms", "payments", "finance", "credit", "assurance", "reinsurance", "exchange",
    "pension", "plan", "industrial", "oy", "oyj", "a/s", "aps", "kft", "srl", "s.r.l.",
    "pte", "pty", "bhd", "tbk", "n.v", "systemes", "systèmes", "telecoms", "wireless",
    "mobile", "broadband", "cable", "satellite", "dynamics", "microsystems", "foundry",
    "materials", "minerals", "resources", "renewables", "solar", "wind", "nuclear",
    "airport", "ports", "terminals", "freight", "express", "transport", "motorworks",
}
# Corporate words that may be dropped when comparing names ("Renault Group" = "Renault").
GENERIC_ORG_WORDS = {
    "group", "groupe", "motor", "motors", "co", "co.", "corp", "corp.", "corporation",
    "inc", "inc.", "ltd", "ltd.", "limited", "plc", "sa", "s.a.", "ag", "nv", "se", "llc",
    "gmbh", "spa", "bv", "sas", "kk", "holding", "holdings", "company", "automobiles",
    "automobile", "industries", "international",
}
# Remainders too ordinary to stand for a company on their own ("General" Motors).
COMMON_NAME_WORDS = {
    "general", "american", "united", "national", "first", "new", "international", "global",
    "standard", "royal", "central", "eastern", "western", "northern", "southern", "great",
    "british", "french", "german", "japanese", "chinese", "korean", "european", "asian",
    "ford motor", "the", "motor", "electric", "super", "best", "big",
}

# Acronyms and capitalised words that are not names of anything we track.
NON_NAMES = {
    "ev", "evs", "bev", "bevs", "hev", "hevs", "phev", "phevs", "nev", "nevs", "ice", "ipo",
    "eur", "usd", "gbp", "chf", "jpy", "cny", "rmb", "sek", "nok", "dkk", "cad", "aud", "hkd",
    "sgd", "inr", "krw", "brl", "pln", "huf", "czk",
    "ipos", "suv", "suvs", "ceo", "cfo", "cto", "coo", "cpo", "ai", "it", "us", "uk", "eu",
    "gdp", "r&d", "adas", "vs", "am", "pm", "gmt", "utc", "tv", "pc", "q1", "q2", "q3", "q4",
    "h1", "h2", "yoy", "ebit", "ebitda", "esg", "m&a", "ok", "i", "mr", "ms", "mrs", "dr",
    "key", "more", "read", "share", "click", "home", "news", "photo", "image", "video",
    "update", "updated", "related", "advertisement", "copyright", "journalist", "editor",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "chief", "executive", "president", "chairman",
    "chairwoman", "chair", "director", "officer", "vice", "senior", "head", "boss",
    "deputy", "interim", "acting", "former", "board", "minister", "secretary", "governor",
    "founder", "co-founder", "analyst", "analysts", "spokesman", "spokeswoman",
    "spokesperson", "mayor", "senator", "prime", "representative", "managing",
    "general manager", "manager", "premier", "reporting", "editing", "writing", "source",
    "sources", "according", "despite", "instead", "however", "meanwhile", "under", "since",
    "after", "before", "with", "while", "although", "but", "and", "or", "the", "a", "an",
    "this", "that", "these", "those", "its", "their", "his", "her", "our", "we", "they",
    "he", "she", "in", "on", "at", "by", "for", "from", "to", "of", "as", "both", "all",
    "last", "next", "new", "first", "second", "third", "early", "late", "mid", "earlier",
    "later", "today", "yesterday", "tomorrow", "week", "month", "year", "quarter",
    "half", "billion", "million", "percent", "per", "cent", "total", "sales", "revenue",
    "profit", "loss", "tariffs", "nationals", "brit", "internet", "web", "app", "apps",
    "newsletter", "privacy", "policy", "terms", "use", "sign", "log", "subscribe",
}

# Demonyms: never names on their own, and dropped before a person's name ("Brit Duncan Minto").
DEMONYMS = {
    "french", "german", "italian", "spanish", "british", "brit", "english", "american",
    "japanese", "chinese", "korean", "south korean", "indian", "swedish", "dutch", "belgian",
    "swiss", "austrian", "portuguese", "russian", "brazilian", "mexican", "canadian",
    "australian", "european", "asian", "african", "taiwanese", "vietnamese", "thai",
    "turkish", "polish", "czech", "romanian", "norwegian", "danish", "finnish", "irish",
    "scottish", "israeli", "saudi", "emirati", "egyptian", "argentine", "chilean",
    "indonesian", "malaysian", "singaporean", "filipino", "pakistani", "ukrainian",
    "hungarian", "greek", "western", "eastern", "northern", "southern",
    "latvian", "lithuanian", "estonian", "icelandic", "slovak", "slovakian", "slovenian",
    "croatian", "serbian", "bulgarian", "luxembourgish", "qatari", "kuwaiti", "bahraini",
    "omani", "nigerian", "kenyan", "ghanaian", "ethiopian", "moroccan", "algerian",
    "tunisian", "colombian", "peruvian", "venezuelan", "uruguayan", "paraguayan",
    "bolivian", "ecuadorian", "cuban", "iranian", "iraqi", "jordanian", "lebanese",
    "syrian", "kazakh", "uzbek", "georgian", "armenian", "azerbaijani", "belarusian",
    "moldovan", "albanian", "bosnian", "macedonian", "montenegrin", "cypriot", "maltese",
    "welsh", "scandinavian", "nordic", "baltic", "bangladeshi", "sri lankan", "nepalese",
    "burmese", "cambodian", "laotian", "mongolian", "north korean", "new zealand",
    "south african", "latin american", "north american", "south american", "hong kong",
    "swiss-based", "dutch-based", "u.s.", "us", "uk", "u.k.", "anglo-dutch", "franco-japanese",
    "german-based", "french-based",
}

# Places: countries, regions and big business cities (with short forms).
PLACES = {
    "france", "germany", "italy", "spain", "portugal", "britain", "great britain",
    "united kingdom", "uk", "u.k.", "england", "scotland", "wales", "ireland", "europe",
    "asia", "africa", "america", "north america", "south america", "latin america",
    "united states", "us", "u.s.", "usa", "canada", "mexico", "brazil", "argentina",
    "chile", "china", "japan", "korea", "south korea", "north korea", "india", "taiwan",
    "vietnam", "thailand", "indonesia", "malaysia", "singapore", "philippines",
    "australia", "new zealand", "russia", "ukraine", "poland", "czech republic",
    "romania", "hungary", "austria", "switzerland", "belgium", "netherlands", "sweden",
    "norway", "denmark", "finland", "turkey", "israel", "saudi arabia", "egypt",
    "morocco", "south africa", "iran", "iraq", "pakistan", "bangladesh", "asia-pacific",
    "middle east", "paris", "london", "berlin", "tokyo", "beijing", "shanghai", "seoul",
    "detroit", "new york", "san francisco", "los angeles", "chicago", "miami", "austin",
    "atlanta", "boston", "washington", "munich", "stuttgart", "wolfsburg", "turin", "milan",
    "rome", "madrid", "barcelona", "amsterdam", "brussels", "geneva", "zurich", "stockholm",
    "gothenburg", "yokohama", "osaka", "nagoya", "hong kong", "shenzhen", "mumbai",
    "delhi", "new delhi", "bangalore", "sydney", "melbourne", "toronto", "dubai",
    "silicon valley", "raleigh", "durham", "california", "texas", "michigan", "ohio",
    "normandy", "brittany", "bavaria", "silesia", "hauts-de-france", "little rock",
    "arkansas", "florida", "georgia", "nevada", "arizona", "tennessee", "kentucky",
    "alabama", "south carolina", "north carolina", "indiana", "illinois", "wuhan",
    "guangzhou", "chongqing", "hangzhou", "ningbo", "busan", "incheon", "lagos", "cairo",
    "latvia", "lithuania", "estonia", "iceland", "slovakia", "slovenia", "croatia", "serbia",
    "bulgaria", "luxembourg", "qatar", "kuwait", "bahrain", "oman", "nigeria", "kenya",
    "ghana", "ethiopia", "algeria", "tunisia", "colombia", "peru", "venezuela", "uruguay",
    "cuba", "jordan", "lebanon", "syria", "kazakhstan", "uzbekistan", "armenia",
    "azerbaijan", "belarus", "moldova", "albania", "cyprus", "malta", "greece", "ireland",
    "sri lanka", "nepal", "myanmar", "cambodia", "mongolia", "united arab emirates", "uae",
    "riga", "vilnius", "tallinn", "helsinki", "oslo", "copenhagen", "reykjavik", "dublin",
    "edinburgh", "glasgow", "manchester", "birmingham", "leeds", "bristol", "cardiff",
    "lyon", "marseille", "toulouse", "lille", "bordeaux", "nantes", "strasbourg", "hamburg",
    "frankfurt", "cologne", "dusseldorf", "düsseldorf", "dresden", "leipzig", "vienna",
    "prague", "warsaw", "budapest", "bucharest", "sofia", "athens", "lisbon", "porto",
    "valencia", "seville", "bilbao", "basel", "bern", "lausanne", "luxembourg city",
    "rotterdam", "antwerp", "bologna", "naples", "florence", "venice", "genoa", "istanbul",
    "ankara", "moscow", "kyiv", "kiev", "tel aviv", "riyadh", "doha", "abu dhabi",
    "singapore city", "jakarta", "bangkok", "hanoi", "manila", "kuala lumpur", "taipei",
    "san jose", "seattle", "denver", "dallas", "houston", "phoenix", "tucson", "portland",
    "philadelphia", "pittsburgh", "cleveland", "minneapolis", "st. louis", "nashville",
    "charlotte", "baltimore", "new jersey", "massachusetts", "pennsylvania", "virginia",
    "wisconsin", "minnesota", "missouri", "colorado", "oregon", "utah", "iowa", "kansas",
    "louisiana", "mississippi", "oklahoma", "connecticut", "maryland", "quebec", "ontario",
    "british columbia", "alberta", "montreal", "vancouver", "sao paulo", "são paulo",
    "rio de janeiro", "buenos aires", "santiago", "lima", "bogota", "mexico city",
    "midwest", "scandinavia", "the baltics", "baltics", "west africa", "east africa",
    "southeast asia", "latin america", "eastern europe", "western europe", "central europe",
    "northern europe", "southern europe", "north africa", "the gulf", "gulf",
}
# Multi-word places with a short form companies use in their names ("Renault South Korea").
PLACE_SHORT_FORMS = {
    "south korea": "korea", "united states": "us", "united kingdom": "uk",
    "great britain": "britain", "u.s.": "us", "u.k.": "uk", "usa": "us",
}

# News organisations: whom a report can rest on.
NEWS_AGENCIES = {
    "reuters", "thomson reuters", "bloomberg", "associated press", "ap", "afp",
    "agence france-presse", "agence france presse", "jiji press", "jiji", "kyodo",
    "kyodo news", "nikkei", "nikkei asia", "asahi shimbun", "yomiuri shimbun",
    "mainichi shimbun", "yonhap", "xinhua", "dpa", "ansa", "efe", "les echos",
    "le monde", "le figaro", "financial times", "ft", "wall street journal", "wsj",
    "new york times", "washington post", "cnbc", "cnn", "bbc", "the information",
    "handelsblatt", "der spiegel", "automotive news", "electrek", "techcrunch",
    "the verge", "forbes", "fortune", "business insider", "axios", "politico",
    "caixin", "south china morning post", "korea herald", "korea times", "nhk",
}

# Organisations well enough known to be typed without context.
KNOWN_ORGS = NEWS_AGENCIES | {
    "renault", "nissan", "mitsubishi", "mitsubishi motors", "honda", "toyota", "volkswagen",
    "vw", "stellantis", "ford", "general motors", "gm", "tesla", "byd", "geely", "hyundai",
    "kia", "bmw", "mercedes-benz", "mercedes", "daimler", "volvo", "volvo cars", "audi",
    "porsche", "ferrari", "fiat", "peugeot", "citroen", "citroën", "opel", "dacia", "skoda",
    "seat", "mazda", "subaru", "suzuki", "lexus", "jaguar land rover", "jlr", "tata motors",
    "mahindra", "saic", "great wall", "chery", "nio", "xpeng", "li auto", "leapmotor",
    "rivian", "lucid", "polestar", "waymo", "cruise", "uber", "lyft", "apple", "google",
    "alphabet", "microsoft", "amazon", "meta", "nvidia", "intel", "samsung", "lg", "sony",
    "panasonic", "catl", "lg energy solution", "sk on", "northvolt", "bosch", "continental",
    "valeo", "denso", "kering", "gucci", "lvmh", "airbus", "boeing", "siemens", "total",
    "totalenergies", "shell", "bp", "exxon", "exxonmobil", "chevron", "ibm", "oracle",
    "foxconn", "tsmc", "baidu", "alibaba", "tencent", "huawei", "xiaomi",
}

# Role vocabulary, longest first so that "chief executive officer" beats "chief".
ROLE_PHRASES = [
    "chief executive officer", "chief executive", "chief operating officer",
    "chief financial officer", "chief technology officer", "chief technical officer",
    "chief procurement officer", "chief marketing officer", "chief information officer",
    "chief strategy officer", "chief commercial officer", "chief product officer",
    "chief sustainability officer", "chief legal officer", "chief people officer",
    "chief engineer", "chief economist", "chief scientist", "chief designer",
    "executive chairman", "executive chair", "non-executive chairman",
    "chairman of the board of directors", "chairman of the board", "board chair",
    "chairman and ceo", "chair and ceo", "president and ceo", "chairman and chief executive",
    "deputy ceo", "deputy chief executive", "vice chairman", "vice president",
    "executive vice president", "senior vice president", "managing director",
    "general manager", "finance director", "financial director", "finance chief",
    "procurement chief", "procurement director", "purchasing director",
    "director of purchasing", "head of procurement", "head of purchasing",
    "engineering chief", "head of engineering", "chief", "ceo", "cfo", "cto", "coo", "cpo",
    "cmo", "cio", "chairman", "chairwoman", "chairperson", "chair", "president", "founder",
    "co-founder", "cofounder", "boss", "head", "director", "leader", "executive",
    "top executive",
]
ROLE_HEADS = {"ceo", "cfo", "cto", "coo", "cpo", "cmo", "cio", "chairman", "chairwoman",
              "chairperson", "chair", "president", "founder", "co-founder", "cofounder",
              "boss", "head", "director", "chief", "officer", "executive", "leader",
              "manager", "engineer"}
ROLE_QUALIFIERS = {"former", "then", "then-", "interim", "acting", "new", "incoming",
                   "outgoing", "permanent", "current", "ex", "ex-", "late", "longtime",
                   "long-time", "group", "global", "business-turnaround"}

# Nouns for parts of a company.
UNIT_NOUNS = {"unit", "units", "division", "divisions", "subsidiary", "subsidiaries", "arm",
              "arms", "business", "businesses", "brand", "brands", "affiliate", "affiliates",
              "spin-off", "spinoff", "offshoot", "entity", "operation", "operations",
              "venture", "startup", "start-up", "branch", "segment"}
# Nouns that describe a whole company ("the automaker", "the French group").
COMPANY_NOUNS = {"company", "group", "automaker", "carmaker", "firm", "maker",
                 "manufacturer", "conglomerate", "corporation", "giant", "automotive group",
                 "car maker", "auto maker", "rival", "supplier", "retailer", "bank",
                 "lender", "insurer", "airline", "startup", "owner", "parent", "mothership",
                 "holding company", "parent company", "brand", "outlet", "newspaper",
                 "agency", "publication", "broadcaster", "insurer", "chipmaker",
                 "partner", "ally"}
PERSON_NOUNS = {"executive", "ceo", "boss", "chief", "chairman", "chairwoman", "president",
                "founder", "manager", "director", "predecessor", "successor", "leader",
                "official", "spokesman", "spokeswoman", "insider", "veteran", "man", "woman"}
FACILITY_NOUNS = {"plant", "plants", "factory", "factories", "facility", "facilities",
                  "site", "sites", "works", "mill", "refinery", "gigafactory", "hub",
                  "centre", "center", "campus", "assembly plant", "foundry", "smelter",
                  "warehouse", "depot", "yard", "shipyard", "fab"}
PRODUCT_NOUNS = {"range", "lineup", "series", "supermini", "suv", "suvs", "sedan", "sedans", "hatchback", "hatchbacks",
                 "pickup", "pickups", "truck", "trucks", "van", "vans", "crossover",
                 "crossovers", "coupe", "saloon", "estate", "minivan", "model", "models",
                 "quadricycle", "quadricycles", "car", "cars", "ev", "evs", "vehicle",
                 "vehicles", "roadster", "convertible", "compact", "microcar", "scooter",
                 "motorcycle", "bike", "smartphone", "phone", "chip", "chips", "processor",
                 "software", "system", "systems", "platform", "app", "service", "drug",
                 "vaccine", "aircraft", "jet", "plane", "engine", "battery", "robotaxi",
                 "device", "console", "tablet", "laptop"}
