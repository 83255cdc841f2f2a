"""A synthetic business-news archive: realistic 300-800-word articles about invented firms.

Deterministic for a seed, so benchmark runs (and tests) read exactly the same words.
Each article mixes fact-bearing sentences of every kind the extractors look for
(appointments, units, plants, stakes, figures, mergers, acquisitions, job cuts,
partnerships, listings, closures, products) with the background prose real
articles carry (markets, quotes, analysts), over a shared cast of companies and
people so the same entities and claims recur across articles.

    from corpus import Archive
    archive = Archive(seed=7)
    for article in archive.articles(1000): ...
    archive.write(folder, 1000)           # .txt files + manifest.jsonl with metadata

Run directly: `python bench/corpus.py OUT_DIR N [--seed S]`.
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

_STEMS = ["Arvel", "Brenn", "Calder", "Dorvik", "Eskar", "Fenwick", "Galdor", "Halvor",
          "Istra", "Jorvan", "Kestrel", "Lumor", "Meridan", "Norrl", "Orvex", "Pellan",
          "Quillon", "Rastor", "Sunmar", "Tessal", "Ulvan", "Velor", "Wexley", "Yarrow",
          "Zephran", "Aubrac", "Baltav", "Corvex", "Draven", "Elmsworth", "Forsa", "Granit"]
_ENDINGS = ["", "ia", "on", "ex", "a", "is", "ar", "en"]
_KINDS = [("Motors", "cars"), ("Energy", "wind turbines"), ("Pharma", "vaccines"),
          ("Steel", "steel coils"), ("Foods", "frozen meals"), ("Systems", "chips"),
          ("Logistics", "parcel robots"), ("Chemicals", "coatings"), ("Aerospace", "engines"),
          ("Telecom", "network gear"), ("Robotics", "industrial robots"), ("Batteries", "cells")]
_SUFFIXES = ["Group", "Holdings", "AG", "SA", "plc", "Inc", "", "", ""]
_FIRST = ["Anna", "Marc", "Sofia", "Tomas", "Elena", "Jonas", "Clara", "Pieter", "Ingrid",
          "Rafael", "Mira", "Oskar", "Leila", "Henrik", "Nadia", "Victor", "Hanne", "Luca",
          "Greta", "Samuel", "Yuki", "Amara", "Felix", "Irene"]
_LAST = ["Lindqvist", "Moreau", "Kowalski", "Brandt", "Okafor", "Ferreira", "Halden",
         "Novak", "Castellan", "Varga", "Dufresne", "Whitcombe", "Sato", "Albers", "Reyes",
         "Marchetti", "Engström", "Petrov", "Achterberg", "Quinlan", "Nakamura", "Solberg"]
_ROLES = ["chief executive", "chief financial officer", "chairman", "chief operating officer",
          "head of its European business", "chief technology officer"]
_PLACES = ["Lyon", "Brno", "Gdansk", "Porto", "Tampere", "Graz", "Valencia", "Leipzig",
           "Ostrava", "Aarhus", "Turin", "Rotterdam", "Cluj", "Bilbao", "Dortmund", "Linz"]
_UNITS = ["Mobility", "Digital", "Services", "Components", "Energy Solutions", "Labs"]
_OUTLETS = ["Business Post", "Market Wire", "The Ledger Review", "Continental Times",
            "Industry Daily"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_ANALYSTS = ["Berenson Capital", "Northgate Securities", "Halcyon Research", "Torvald Bank"]


@dataclass
class Article:
    doc_id: str
    title: str
    outlet: str
    published: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Company:
    name: str
    short: str
    product: str
    unit: str
    plant: str


class Archive:
    """A world of invented companies and people, and articles written about them."""

    def __init__(self, seed: int = 7, companies: int = 60, people: int = 150):
        self.seed = seed
        rng = random.Random(seed)
        self.companies = self._companies(rng, companies)
        self.people = self._people(rng, people)

    @staticmethod
    def _companies(rng: random.Random, n: int) -> list[Company]:
        seen: set[str] = set()
        out = []
        while len(out) < n:
            short = rng.choice(_STEMS) + rng.choice(_ENDINGS)
            if short in seen:
                continue
            seen.add(short)
            kind, product = rng.choice(_KINDS)
            name = " ".join(x for x in (short, kind, rng.choice(_SUFFIXES)) if x)
            out.append(Company(name, short, product, f"{short} {rng.choice(_UNITS)}",
                               rng.choice(_PLACES)))
        return out

    @staticmethod
    def _people(rng: random.Random, n: int) -> list[str]:
        names: list[str] = []
        while len(names) < n:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if name not in names:
                names.append(name)
        return names

    # ------------------------------------------------------------------ articles

    def articles(self, n: int, start: int = 0) -> Iterator[Article]:
        """Articles number start .. start+n-1 (each one deterministic on its own)."""
        for i in range(start, start + n):
            yield self.article(i)

    def article(self, i: int) -> Article:
        rng = random.Random(f"{self.seed}:{i}")
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365))
        a, b = rng.sample(self.companies, 2)
        target_words = rng.randint(320, 760)
        writer = _Writer(rng, self, a, b, day)
        title, paragraphs = writer.compose(target_words)
        return Article(doc_id=f"art{i:07d}", title=title, outlet=rng.choice(_OUTLETS),
                       published=day.isoformat(), text="\n\n".join(paragraphs))

    def write(self, folder: str | Path, n: int, *, start: int = 0) -> Path:
        """n articles as .txt files plus manifest.jsonl (metadata); returns the manifest."""
        folder = Path(folder)
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        manifest = folder / "manifest.jsonl"
        with manifest.open("w", encoding="utf-8") as fh:
            for art in self.articles(n, start):
                rel = f"articles/{art.doc_id}.txt"
                (folder / rel).write_text(f"{art.title}\n\n{art.text}\n", encoding="utf-8")
                fh.write(json.dumps({"id": art.doc_id, "path": rel, "title": art.title,
                                     "outlet": art.outlet, "published": art.published,
                                     "language": "en"}) + "\n")
        return manifest


class _Writer:
    """Writes one article: a lead fact, more facts, and background prose between them."""

    def __init__(self, rng: random.Random, world: Archive, a: Company, b: Company, day: date):
        self.rng, self.world, self.a, self.b, self.day = rng, world, a, b, day

    def compose(self, target_words: int) -> tuple[str, list[str]]:
        rng = self.rng
        kinds = [self.appointment, self.unit, self.plant, self.stake, self.figures,
                 self.merger, self.acquisition, self.job_cuts, self.partnership,
                 self.listing, self.closure, self.product]
        lead = rng.choice(kinds)
        title, first = lead(headline=True)
        used = {first}
        paragraphs, words = [first], len(first.split())
        while words < target_words:
            sentences = [self._fresh(used, kinds) for _ in range(rng.randint(2, 4))]
            paragraph = " ".join(s for s in sentences if s)
            if words + len(paragraph.split()) > 800:
                break
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        return title, paragraphs

    def _fresh(self, used: set[str], kinds: list) -> str:
        """A fact (45%) or background sentence not yet in this article ('' if none found)."""
        for _ in range(8):
            sentence = (self.rng.choice(kinds)()[1] if self.rng.random() < 0.45
                        else self.background())
            if sentence not in used:
                used.add(sentence)
                return sentence
        return ""

    # -- helpers
    def person(self) -> str:
        return self.rng.choice(self.world.people)

    def when(self) -> str:
        rng, d = self.rng, self.day
        choice = rng.randrange(6)
        if choice == 0:
            return f"in {_MONTHS[(d.month - 2) % 12]} {d.year if d.month > 1 else d.year - 1}"
        if choice == 1:
            return "last year"
        if choice == 2:
            return f"on {d.strftime('%A')}"
        if choice == 3:
            return f"by {d.year + rng.randint(1, 3)}"
        if choice == 4:
            return f"in the {rng.choice(['first', 'second', 'third', 'fourth'])} quarter"
        return f"in {d.year - rng.randint(1, 6)}"

    def money(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.choice(['€', '$', '£'])}{rng.randint(12, 980)} million"
        return f"{rng.randint(1, 40)}.{rng.randint(1, 9)} billion {rng.choice(['euros', 'dollars'])}"

    # -- fact-bearing sentences: (headline, sentence)
    def appointment(self, headline: bool = False) -> tuple[str, str]:
        rng, a, p = self.rng, self.a, self.person()
        role = rng.choice(_ROLES)
        old = self.person()
        forms = [
            f"{a.name} named {p} as {role} {self.when()}, replacing {old}, who held the post "
            f"for {rng.randint(2, 11)} years.",
            f"{p} has been appointed {role} of {a.name}, the company said {self.when()}.",
            f"{a.short} said {p} would step down as {role} at the end of the year.",
            f"{p}, who joined {a.short} from {self.b.name} {self.when()}, becomes {role}.",
        ]
        return f"{a.short} names {p} {role}", rng.choice(forms)

    def unit(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.unit}, the {rng.choice(['software', 'services', 'electric', 'components'])} "
            f"unit of {a.name}, employs about {rng.randint(3, 40) * 100} people.",
            f"{a.name} will fold {a.unit} back into the group {self.when()}.",
            f"{a.short} plans to spin off {a.unit} as a separate listed company {self.when()}.",
            f"{a.unit}, a subsidiary of {a.name}, reported higher orders.",
        ]
        return f"{a.short} reshapes {a.unit}", rng.choice(forms)

    def plant(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.name} operates a plant in {a.plant} that makes {a.product}.",
            f"The {a.plant} plant, which {a.short} opened {self.when()}, builds {a.product} "
            f"for customers across Europe.",
            f"{a.short} will invest {self.money()} to expand its factory in {a.plant}.",
            f"{a.name} said it would open a new plant in {rng.choice(_PLACES)} {self.when()}.",
        ]
        return f"{a.short} invests in {a.plant} plant", rng.choice(forms)

    def stake(self, headline: bool = False) -> tuple[str, str]:
        rng, a, b = self.rng, self.a, self.b
        pct = rng.choice([5, 9.9, 12, 15, 20, 24.5, 30, 35, 49, 51])
        forms = [
            f"{a.name} holds a {pct}% stake in {b.name}.",
            f"{a.short} raised its stake in {b.short} to {pct}% {self.when()}.",
            f"{a.name} agreed to buy a {pct} percent stake in {b.name} for {self.money()}.",
            f"{a.short} sold its {pct}% holding in {b.name} {self.when()}.",
        ]
        return f"{a.short} and its {b.short} stake", rng.choice(forms)

    def figures(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        year = self.day.year - 1
        forms = [
            f"{a.name} reported revenue of {self.money()} for {year}, up "
            f"{rng.randint(1, 25)}% from a year earlier.",
            f"Net profit at {a.short} fell {rng.randint(2, 40)}% to {self.money()} "
            f"{self.when()}.",
            f"{a.short} expects sales of about {self.money()} in {year + 2}.",
            f"{a.name} employs {rng.randint(2, 90) * 1000:,} people worldwide.",
        ]
        return f"{a.short} results", rng.choice(forms)

    def merger(self, headline: bool = False) -> tuple[str, str]:
        rng, a, b = self.rng, self.a, self.b
        forms = [
            f"{a.name} and {b.name} agreed to merge in a deal valued at {self.money()}.",
            f"{b.name} will be merged into {a.name} {self.when()}, the companies said.",
            f"Talks between {a.short} and {b.short} about a merger ended without a deal "
            f"{self.when()}.",
        ]
        return f"{a.short} and {b.short} to merge", rng.choice(forms)

    def acquisition(self, headline: bool = False) -> tuple[str, str]:
        rng, a, b = self.rng, self.a, self.b
        forms = [
            f"{a.name} agreed to acquire {b.name} for {self.money()}.",
            f"{a.short} completed its takeover of {b.short} {self.when()}.",
            f"{a.name} made a {self.money()} bid for {b.name}, which the board rejected.",
        ]
        return f"{a.short} bids for {b.short}", rng.choice(forms)

    def job_cuts(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.name} will cut {rng.randint(2, 60) * 100} jobs {self.when()}.",
            f"{a.short} plans to eliminate {rng.randint(3, 15)}% of its workforce.",
            f"About {rng.randint(2, 30) * 50} positions will go at the {a.plant} site.",
        ]
        return f"{a.short} to cut jobs", rng.choice(forms)

    def partnership(self, headline: bool = False) -> tuple[str, str]:
        rng, a, b = self.rng, self.a, self.b
        forms = [
            f"{a.name} partners with {b.name} on {b.product}.",
            f"{a.short} and {b.short} formed a joint venture to make {a.product} in "
            f"{rng.choice(_PLACES)}.",
            f"{a.name} signed a supply agreement with {b.name} {self.when()}.",
        ]
        return f"{a.short} teams up with {b.short}", rng.choice(forms)

    def listing(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.name} plans an initial public offering in {rng.choice(['Frankfurt', 'Amsterdam', 'London', 'Stockholm'])} {self.when()}.",
            f"{a.unit} listed its shares {self.when()}, raising {self.money()}.",
        ]
        return f"{a.short} plans listing", rng.choice(forms)

    def closure(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.name} will close its plant in {a.plant} {self.when()}.",
            f"{a.short} shut its {rng.choice(_PLACES)} factory {self.when()} after years of losses.",
            f"{a.unit} was wound down {self.when()}.",
        ]
        return f"{a.short} closes {a.plant} site", rng.choice(forms)

    def product(self, headline: bool = False) -> tuple[str, str]:
        rng, a = self.rng, self.a
        forms = [
            f"{a.name} makes {a.product} at its {a.plant} plant.",
            f"{a.short} started production of {a.product} in {rng.choice(_PLACES)} {self.when()}.",
            f"{a.name} was founded in {rng.randint(1890, 2015)} in {rng.choice(_PLACES)}.",
        ]
        return f"{a.short} expands {a.product}", rng.choice(forms)

    # -- background prose (no facts, the bulk of real articles)
    def background(self) -> str:
        """A sentence assembled from parts, so two articles rarely share long phrases."""
        rng, a, b = self.rng, self.a, self.b
        pick = rng.choice
        who = pick([f"Analysts at {pick(_ANALYSTS)}", "Industry consultants", "Investors",
                    f"Unions at the {a.plant} site", f"Rivals such as {b.short}",
                    "Several large shareholders", f"Officials in {pick(_PLACES)}",
                    "People familiar with the matter", "Credit rating agencies"])
        said = pick(["said", "warned", "argued", "noted", "expect", "fear", "believe",
                     "told reporters"])
        what = pick([f"demand for {a.product} could {pick(['slow', 'recover', 'stall', 'rebound'])} "
                     f"in {pick(['the coming months', 'the second half', 'most European markets', 'Asia'])}",
                     f"margins would stay under pressure from {pick(['energy costs', 'wage increases', 'cheaper imports', 'weak pricing'])}",
                     f"the plan leaves {a.short} {pick(['better placed', 'exposed', 'stretched', 'more focused'])} "
                     f"against {pick(['Asian producers', 'larger rivals', 'new entrants', 'its peers'])}",
                     f"the {pick(['board', 'management', 'new leadership'])} still has to convince "
                     f"{pick(['lenders', 'shareholders', 'regulators', 'customers'])}",
                     f"more {pick(['consolidation', 'job losses', 'plant closures', 'asset sales'])} "
                     f"are likely across the {pick(['sector', 'industry', 'region'])}"])
        tail = pick(["", "", f", citing {pick(['order books', 'recent surveys', 'customer talks', 'export data'])}",
                     f", a view shared by {pick(_ANALYSTS)}", " despite the recent rally",
                     f" after a {rng.randint(2, 9)}% fall in the shares this year"])
        shares = (f"Shares of {pick([a.short, b.short])} {pick(['rose', 'fell', 'slipped', 'jumped', 'edged up'])} "
                  f"{rng.randint(1, 9)}.{rng.randint(0, 9)}% {pick(['in early trading', 'by midday', 'at the close', 'in Frankfurt', 'in thin trading'])}.")
        quote = (f"\"{pick(['We', 'Our teams', 'Our customers', 'Carmakers'])} "
                 f"{pick(['see', 'need', 'want', 'expect'])} {pick(['clarity', 'more capacity', 'lower costs', 'faster delivery', 'stable supply'])} "
                 f"{pick(['this year', 'now', 'over the next decade', 'before anything else'])},\" "
                 f"{self.person()} {pick(['said', 'told analysts', 'said in a statement', 'told a conference'])}.")
        context = (f"{pick(['The sector', 'European industry', 'The company', 'Its main market'])} "
                   f"{pick(['has struggled with', 'has been hit by', 'is adapting to', 'faces'])} "
                   f"{pick(['higher energy prices', 'weaker demand from China', 'supply chain disruptions', 'rising interest rates', 'new tariffs'])}"
                   f"{pick(['', ' and a shortage of skilled workers', ' over the past two years', ' since the pandemic'])}.")
        return pick([f"{who} {said} {what}{tail}.", shares, quote, context,
                     f"{who} {said} {what}{tail}."])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write articles/ and manifest.jsonl into")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    manifest = Archive(args.seed).write(args.out, args.n)
    print(manifest)


if __name__ == "__main__":
    main()
