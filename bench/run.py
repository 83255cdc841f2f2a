"""The scale benchmark: one command, figures on stdout (not part of the test suite).

    .venv/bin/python bench/run.py            # full run (~60 min on 2 cores)
    .venv/bin/python bench/run.py --quick    # smaller numbers (a few minutes)

Measures:
  1. real text (the dev manifest ../shared/eval/dev/dev.jsonl, replicated with unique
     suffixes to >= 300 articles) and a synthetic archive (bench/corpus.py): ingest
     with claims and with --no-claims in one process, paired with bare spaCy over the
     same texts (nlp.pipe and one nlp() call per article) in alternating runs, min and
     median of the per-run ratios; what ingest adds to extraction per document; 1 vs 2
     worker processes; a Dask LocalCluster (2 processes) vs 2 plain processes;
  2. peak RSS of an ingest of 1k and 10k articles (`--workers 2`; parent and largest
     worker, each run in its own subprocess so numbers don't bleed into each other);
  3. growth: the per-document cost of storing (extraction excluded, see growth.py) as
     the ledger grows to 1k, 10k and 100k articles, with --no-claims and with claims;
  4. query latency at 100k and 1M stored facts with 10k and 100k claims, on SQLite
     and on PostgreSQL (bulk-generated in SQL): the store queries, and the library's
     timeline / entity / org --at / claims for the entity with the most facts.

Every ingest runs in a fresh subprocess (`bench/run.py _ingest ...`) on a fresh
SQLite ledger; the wall time is that of `Ledger.ingest`, including starting worker
processes and loading spaCy in them (the one-process run loads it before timing, so
its figure is the pipeline's own speed).  PostgreSQL figures need a server: set
NEWSLEDGER_BENCH_PG (or NEWSLEDGER_TEST_PG) to a URL whose role may CREATE DATABASE;
without one those rows say "skipped".
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import Archive  # noqa: E402

SIZES = {  # (throughput articles, RSS sizes, fact counts, growth checkpoints, paired runs)
    # growth stops at 30k: on this templated synthetic text 3% of document pairs are LSH
    # candidates (0.3% on the real dev articles), so growing to 100k takes over an hour
    "full": (200, (1_000, 10_000), (100_000, 1_000_000), (1_000, 10_000, 30_000), 3),
    "quick": (40, (100, 400), (20_000, 100_000), (1_000, 3_000), 3),
}
DEV_MANIFEST = HERE.parent.parent / "shared" / "eval" / "dev" / "dev.jsonl"
REAL_ARTICLES = {"full": 300, "quick": 76}
GROWTH_POOL, GROWTH_BATCH = 300, 500


# ----------------------------------------------------------------- subprocess modes

def mode_ingest(args: argparse.Namespace) -> None:
    """Child: ingest a manifest into a fresh ledger; print timings and peak RSS as JSON.
    In one process, extraction is timed on its own too (`extract_seconds`)."""
    from newsledger.api import Ledger
    spent = [0.0]
    extractor = None
    if args.workers == 1 and not args.dask and not args.cold:
        from newsledger import nlp
        from newsledger.extract import extract_document
        model = nlp.load()                         # time the pipeline, not its loading

        def extractor(doc):
            began = time.perf_counter()
            try:
                return extract_document(doc, model)
            finally:
                spent[0] += time.perf_counter() - began
    with Ledger(args.db, extractor=extractor) as ledger:
        stored: list[float] = []           # when each document was stored
        start = time.perf_counter()
        report = ledger.ingest([args.manifest], workers=args.workers, dask=args.dask,
                               claims=not args.no_claims,
                               progress=lambda event: stored.append(time.perf_counter()))
        elapsed = time.perf_counter() - start
        rebuild = None
        if args.no_claims and args.reconcile:
            start = time.perf_counter()
            ledger.rebuild_claims()
            rebuild = time.perf_counter() - start
        stats = ledger.stats()
    print(json.dumps({
        "seconds": elapsed, "extract_seconds": spent[0] if extractor else None,
        # from the first document stored to the last: the pace once workers are up
        "steady_seconds": stored[-1] - stored[0] if len(stored) > 1 else None,
        "steady_documents": len(stored) - 1,
        "reconcile_seconds": rebuild, "new": report.new, "failed": len(report.failed),
        "facts": stats["facts"], "claims": stats["claims"],
        "rss_parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def mode_spacy(args: argparse.Namespace) -> None:
    """Child: the bare spaCy pipeline over the same cleaned texts ingest would parse, as
    `nlp.pipe` (default batching) and as one `nlp(text)` call per article (what ingest
    does: memory stays flat); the two alternate, in an order given by --first."""
    from newsledger import nlp
    from newsledger.ingest import iter_inputs
    from newsledger.models import Document
    texts = [d.text for d in iter_inputs([args.manifest]) if isinstance(d, Document)]
    model = nlp.load()

    def pipe() -> float:
        start = time.perf_counter()
        for _ in model.pipe(texts):
            pass
        return time.perf_counter() - start

    def each() -> float:
        start = time.perf_counter()
        for t in texts:
            model(t)
        return time.perf_counter() - start
    order = [pipe, each] if args.first == "pipe" else [each, pipe]
    timed = {fn.__name__: fn() for fn in order}
    print(json.dumps({"seconds": timed["pipe"], "per_article_seconds": timed["each"],
                      "words": sum(len(t.split()) for t in texts), "articles": len(texts)}))


def _child(*argv: str) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__)), *argv], capture_output=True,
                          text=True, cwd=HERE.parent)
    if proc.returncode != 0:
        raise SystemExit(f"bench child {argv} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def ingest(manifest: Path, work: Path, workers: int = 1, dask: str | None = None,
           claims: bool = True, reconcile: bool = False, cold: bool = False) -> dict:
    db = work / f"ledger-{uuid.uuid4().hex[:8]}.db"
    argv = ["_ingest", str(manifest), str(db), "--workers", str(workers)]
    argv += ["--cold"] if cold else []
    argv += (["--dask", dask] if dask else []) + ([] if claims else ["--no-claims"])
    result = _child(*argv, *(["--reconcile"] if reconcile else []))
    db.unlink(missing_ok=True)
    return result


# ------------------------------------------------------------------------ pipeline

def words_of(manifest: Path) -> int:
    from newsledger.ingest import iter_inputs
    from newsledger.models import Document
    return sum(len(d.text.split()) for d in iter_inputs([str(manifest)])
               if isinstance(d, Document))


def real_manifest(work: Path, n: int) -> Path:
    """The dev manifest's articles (cleaned as ingest cleans them), repeated until there
    are n, each copy with its own closing line: distinct texts for the duplicate check,
    near-duplicates of each other for reconcile (as syndicated copies are)."""
    from newsledger.ingest import iter_inputs
    from newsledger.models import Document
    docs = [d for d in iter_inputs([str(DEV_MANIFEST)]) if isinstance(d, Document)]
    path = work / f"real{n}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            d, copy = docs[i % len(docs)], i // len(docs) + 1
            text = f"{d.text}\n\nThis is copy number {copy} of the story in the archive."
            f.write(json.dumps({"id": f"{d.doc_id}-{copy}", "text": text, "title": d.title,
                                "published": d.published, "outlet": d.outlet}) + "\n")
    return path


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}"


def bench_pipeline(label: str, manifest: Path, work: Path, reps: int, out: list[str]) -> None:
    """Paired, alternating runs of bare spaCy and ingest over the same texts; then 1 vs 2
    workers vs Dask.  Ratios are taken run by run, then their min and median."""
    n = sum(1 for _ in manifest.open(encoding="utf-8"))
    words = words_of(manifest)
    out.append(f"## {label}: {n} articles ({words:,} words, {words / n:.0f} per article)\n")
    kinds = ["spacy", "claims", "no_claims"]
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for r in range(reps):
        for kind in kinds[r % 3:] + kinds[:r % 3]:           # a different order each round
            if kind == "spacy":
                runs[kind].append(_child("_spacy", str(manifest),
                                         "--first", "pipe" if r % 2 == 0 else "each"))
            else:
                runs[kind].append(ingest(manifest, work, claims=kind == "claims"))
            print(f"  {label} round {r} {kind}: {runs[kind][-1]}", file=sys.stderr)
    out.append("| round | bare spaCy nlp.pipe s | bare spaCy per article s | ingest s | "
               "ratio to nlp.pipe | ratio to per article | ingest --no-claims s | ratio to nlp.pipe |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ratios: dict[str, list[float]] = {"claims": [], "claims_each": [], "no_claims": []}
    for r in range(reps):
        sp, cl, nc = runs["spacy"][r], runs["claims"][r], runs["no_claims"][r]
        ratios["claims"].append(cl["seconds"] / sp["seconds"])
        ratios["claims_each"].append(cl["seconds"] / sp["per_article_seconds"])
        ratios["no_claims"].append(nc["seconds"] / sp["seconds"])
        out.append(f"| {r + 1} | {sp['seconds']:.1f} | {sp['per_article_seconds']:.1f} | "
                   f"{cl['seconds']:.1f} | {ratios['claims'][-1]:.2f} | "
                   f"{ratios['claims_each'][-1]:.2f} | {nc['seconds']:.1f} | "
                   f"{ratios['no_claims'][-1]:.2f} |")
    per_doc = {k: [1000 * v / n for v in vals] for k, vals in {
        "spacy": [r["per_article_seconds"] for r in runs["spacy"]],
        "extract": [r["extract_seconds"] for r in runs["claims"]],
        "rest": [r["seconds"] - r["extract_seconds"] for r in runs["claims"]],
        "rest_nc": [r["seconds"] - r["extract_seconds"] for r in runs["no_claims"]]}.items()}
    out.append("")
    out.append(f"- ingest with claims, 1 process, vs bare spaCy (min / median of {reps} paired "
               f"rounds): {_spread(ratios['claims'])} x `nlp.pipe`, "
               f"{_spread(ratios['claims_each'])} x one `nlp()` per article; "
               f"--no-claims {_spread(ratios['no_claims'])} x `nlp.pipe`")
    out.append(f"- per document (median): bare spaCy {statistics.median(per_doc['spacy']):.1f} ms "
               f"(one call per article); extraction inside ingest (spaCy + extractors) "
               f"{statistics.median(per_doc['extract']):.1f} ms; everything else "
               f"(reading, entity matching, storing, near-duplicates, claims) "
               f"{statistics.median(per_doc['rest']):.1f} ms "
               f"({statistics.median(per_doc['rest_nc']):.1f} ms with --no-claims)")
    bench_workers(manifest, work, reps, n, words, out)
    facts_claims = {(r["facts"], r["claims"]) for r in runs["claims"]}
    out.append(f"- same facts/claims in every run with claims: "
               f"{'yes' if len(facts_claims) == 1 else 'NO ' + str(facts_claims)}")
    out.append("")


def bench_workers(manifest: Path, work: Path, reps: int, n: int, words: int,
                  out: list[str]) -> None:
    """1 process vs 2 workers vs Dask, each timed from the call (loading spaCy included:
    in the process itself, or in every worker), in rotating order."""
    kinds = [("1 process", {}), ("2 worker processes (--workers 2)", {"workers": 2}),
             ("Dask LocalCluster, 2 processes (--dask local --workers 2)",
              {"workers": 2, "dask": "local"})]
    runs: dict[str, list[dict]] = {name: [] for name, _ in kinds}
    for r in range(reps):
        for name, options in kinds[r % 3:] + kinds[:r % 3]:
            runs[name].append(ingest(manifest, work, cold=True, **options))
            print(f"  workers round {r} {name}: {runs[name][-1]}", file=sys.stderr)
    out.append("")
    out.append("| run (claims) | seconds from the call, min / median | articles/s | "
               "words/s | steady articles/s (first to last stored), median | facts | claims |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    median, steady = {}, {}
    for name, _ in kinds:
        secs = [r["seconds"] for r in runs[name]]
        median[name] = statistics.median(secs)
        steady[name] = statistics.median(r["steady_documents"] / r["steady_seconds"]
                                         for r in runs[name])
        last = runs[name][-1]
        out.append(f"| {name} | {min(secs):.1f} / {median[name]:.1f} | {n / median[name]:.2f} | "
                   f"{words / median[name]:,.0f} | {steady[name]:.2f} | {last['facts']:,} | "
                   f"{last['claims']:,} |")
    one, two, dask = (median[name] for name, _ in kinds)
    pair = [a["seconds"] / b["seconds"] for a, b in zip(runs[kinds[0][0]], runs[kinds[1][0]])]
    s_one, s_two, s_dask = (steady[name] for name, _ in kinds)
    out.append("")
    out.append(f"- 2 workers vs 1 process, from the call (loading spaCy included: once in the "
               f"process, once in every worker): {one / two:.2f}x faster (medians; per round "
               f"min / median {_spread(pair)}); at steady pace {s_two / s_one:.2f}x")
    out.append(f"- Dask local vs 2 plain processes at steady pace: {s_dask / s_two:.2f}x the speed")
    out.append(f"- Dask local (2 processes) vs 2 plain processes: {two / dask:.2f}x the speed "
               f"({dask:.1f} s vs {two:.1f} s)")
    same = {(r["facts"], r["claims"]) for rs in runs.values() for r in rs}
    out.append(f"- same facts/claims whatever ran where: "
               f"{'yes' if len(same) == 1 else 'NO ' + str(same)}")


def bench_rss(archive: Archive, work: Path, sizes: tuple[int, ...], out: list[str]) -> None:
    out.append("## Peak memory of `ingest --workers 2` (streamed, window 16 documents)\n")
    out.append("Per-document claims rebuild reads every fact and document behind the keys a "
               "document touches, so it slows as the ledger grows; `--no-claims` streams "
               "documents and facts only and `reconcile` then builds the claims once.\n")
    out.append("| articles | claims | ingest s | articles/s | parent peak RSS | "
               "largest worker peak RSS | facts | reconcile after |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    small, large = sizes
    # the two streamed runs (--no-claims, no reconcile) are the like-for-like memory comparison;
    # the last two show what per-document claims and a final reconcile cost on top
    runs = [(small, False, False), (large, False, False), (small, True, False), (small, False, True)]
    peaks: dict[int, float] = {}
    for n, claims, reconcile in runs:
        manifest = archive.write(work / f"rss{n}", n)
        r = ingest(manifest, work, workers=2, claims=claims, reconcile=reconcile)
        after = f"{r['reconcile_seconds']:.1f} s" if r["reconcile_seconds"] is not None else "-"
        out.append(f"| {n:,} | {'per document' if claims else '--no-claims'} | "
                   f"{r['seconds']:.0f} | {n / r['seconds']:.2f} | {r['rss_parent_mb']:.0f} MB | "
                   f"{r['rss_worker_mb']:.0f} MB | {r['facts']:,} | {after} |")
        print(f"  rss {n} claims={claims}: {r}", file=sys.stderr)
        if not claims and not reconcile:
            peaks[n] = max(r["rss_parent_mb"], r["rss_worker_mb"])
    out.append("")
    out.append(f"- streamed peak RSS, {large:,} vs {small:,} articles: {peaks[large]:.0f} MB vs "
               f"{peaks[small]:.0f} MB ({(peaks[large] / peaks[small] - 1) * 100:+.1f}%)")
    out.append("")


# -------------------------------------------------------------------------- growth

def mode_pool(args: argparse.Namespace) -> None:
    import growth
    growth.extract_pool(Archive(seed=7), args.n, Path(args.path))
    print(json.dumps({"pool": args.n}))


def mode_growth(args: argparse.Namespace) -> None:
    import growth
    growth.run(args.db, Archive(seed=7), Path(args.pool), args.checkpoints, GROWTH_BATCH,
               lambda row: print(json.dumps(row), flush=True))
    print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def bench_growth(work: Path, checkpoints: tuple[int, ...], pool: int, out: list[str]) -> None:
    out.append("## Growth: storing one more document as the ledger grows (extraction excluded)\n")
    out.append(f"A pool of {pool} synthetic articles is extracted once for real; article i then "
               f"carries pool article i % {pool}'s facts and entities over archive article i's "
               f"text, each block of 1,000 articles about its own companies and people "
               f"(bench/growth.py).  The ledger is grown with --no-claims to "
               f"{GROWTH_BATCH * 2:,} articles short of each checkpoint, then {GROWTH_BATCH} "
               f"articles are timed with --no-claims and the last {GROWTH_BATCH} with claims "
               f"(one process, SQLite; what is timed is `Ledger.ingest` minus the replay, so "
               f"the near-duplicate profile a worker would compute is included).  "
               f"LSH candidates: document pairs sharing a bucket, per document, counted once per "
               f"shared band (each is confirmed on stored shingle hashes).\n")
    pool_path = work / "pool.pkl"
    _child("_pool", str(pool_path), str(pool))
    db = work / "growth.db"
    proc = subprocess.run([sys.executable, str(Path(__file__)), "_growth", str(pool_path),
                           str(db), *map(str, checkpoints)], capture_output=True, text=True,
                          cwd=HERE.parent)
    if proc.returncode != 0:
        raise SystemExit(f"growth child failed:\n{proc.stderr[-3000:]}")
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    rss = rows.pop()["rss_mb"]
    out.append("| articles in the ledger | facts | entities | claims | LSH candidates per "
               "document | ms per document, --no-claims | ms per document, claims | "
               "growing to it (s) |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        out.append(f"| {r['articles']:,} | {r['facts']:,} | {r['entities']:,} | {r['claims']:,} "
                   f"| {r['candidates']:.1f} | {r['no_claims_ms']:.1f} | {r['claims_ms']:.1f} | "
                   f"{r['fill_s']:.0f} |")
        print(f"  growth: {r}", file=sys.stderr)
    first, last = rows[0], rows[-1]
    out.append("")
    out.append(f"- per-document cost at {last['articles']:,} vs {first['articles']:,} articles: "
               f"--no-claims {last['no_claims_ms'] / first['no_claims_ms']:.2f}x, "
               f"claims {last['claims_ms'] / first['claims_ms']:.2f}x; peak RSS of the "
               f"growing process {rss:.0f} MB")
    out.append("")


# ------------------------------------------------------------------------- queries

TIMELINE = ("SELECT f.fact_id, f.type, f.args, f.time_start, f.time_end FROM facts f "
            "JOIN fact_entities fe ON fe.fact_id = f.fact_id WHERE fe.entity_id = ? "
            "ORDER BY f.time_start, f.fact_id")
AS_OF = ("SELECT f.fact_id, f.type, f.args, f.time_start, f.time_end FROM facts f "
         "JOIN fact_entities fe ON fe.fact_id = f.fact_id WHERE fe.entity_id = ? "
         "AND (f.time_start IS NULL OR f.time_start <= ?) "
         "AND (f.time_end IS NULL OR f.time_end >= ?) ORDER BY f.type, f.time_start")
ENTITIES = 20_000       # ~2 links per fact: ~100 facts per entity at 1M facts
FACTS_PER_DOC = 20
BUSY_EVERY = 500        # one fact in 500 also names e0, the busiest entity (as a big group)
KEYS = 100_000          # claim keys: one claim each, over 1 fact at 100k facts, 10 at 1M
# A fact's type and org follow from its key (facts with one key say one thing); the
# key reads like reconcile's: "type|org|n".
_TYPES = ("position", "stake", "operates", "part_of", "metric")
_SQLITE_TYPE = ("CASE (i % {k}) % 5 " + " ".join(f"WHEN {n} THEN '{t}'" for n, t in enumerate(_TYPES))
                + " END").format(k=KEYS)
_PG_TYPE = f"(ARRAY{list(_TYPES)})[(i % {KEYS}) % 5 + 1]"


def _fill_sqlite(store, start: int, stop: int) -> None:
    conn = store._conn
    conn.execute("BEGIN")
    conn.execute(f"""WITH RECURSIVE s(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM s
                                          WHERE i + 1 < {stop})
        INSERT INTO documents (doc_id, content_hash, title, text, notes, ingested_at)
        SELECT printf('d%08d', i), printf('h%08d', i), 'synthetic', 'synthetic text ' || i,
               '[]', '2026-01-01' FROM s WHERE i % {FACTS_PER_DOC} = 0""")
    conn.execute(f"""WITH RECURSIVE s(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM s
                                          WHERE i + 1 < {stop})
        INSERT INTO facts (fact_id, doc_id, type, args, time_start, time_end, time, status,
                           ev_start, ev_end, ev_text, confidence, claim_key)
        SELECT printf('f%08d', i), printf('d%08d', i - i % {FACTS_PER_DOC}),
               {_SQLITE_TYPE}, '{{"org": "e' || ((i % {KEYS}) * 7919 % {ENTITIES}) || '"}}',
               date('2000-01-01', '+' || (i * 104729 % 9000) || ' days'),
               CASE WHEN i % 3 = 0 THEN date('2000-01-01', '+' || (i * 104729 % 9000 + 400)
                                            || ' days') END,
               '{{}}', 'actual', 0, 10, 'synthetic', 0.8,
               {_SQLITE_TYPE} || '|e' || ((i % {KEYS}) * 7919 % {ENTITIES}) || '|' || (i % {KEYS})
        FROM s""")
    conn.execute(f"""WITH RECURSIVE s(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM s
                                          WHERE i + 1 < {stop})
        INSERT INTO fact_entities (fact_id, entity_id, role)
        SELECT printf('f%08d', i), 'e' || ((i % {KEYS}) * 7919 % {ENTITIES}), 'org' FROM s
        UNION ALL
        SELECT printf('f%08d', i), CASE WHEN i % {BUSY_EVERY} = 0 THEN 'e0'
                                   ELSE 'e' || (i * 3571 % {ENTITIES}) END, 'parent' FROM s""")
    # one claim per key over all its facts, in the store's format (rebuilt whole each fill),
    # with the history today's claims carry (a claim without one is rebuilt when read)
    conn.execute("DELETE FROM claims")
    conn.execute("""INSERT INTO claims (claim_id, claim_key, fact_key, type, data)
        SELECT 'c' || claim_key, claim_key, claim_key, MIN(type), json_object(
            'claim_id', 'c' || claim_key, 'type', MIN(type), 'args', json(MIN(args)),
            'time', json_object('start', MIN(time_start), 'end', NULL, 'approx', json('false'),
                                'text', NULL, 'resolved', json('true')),
            'status', 'actual',
            'sources', json_group_array(json_object(
                'doc_id', doc_id, 'fact_id', fact_id,
                'evidence', json_object('start', 0, 'end', 10, 'text', 'synthetic'),
                'outlet', 'Synthetic Daily',
                'time', json_object('start', time_start, 'end', time_end, 'approx', json('false'),
                                    'text', NULL, 'resolved', json('true')),
                'status', 'actual', 'args', json(args), 'attributed_to', NULL)),
            'independent_sources', COUNT(*), 'conflicts', json_array(), 'based_on', json_array(),
            'history', json_object('started', json_object('date', MIN(time_start), 'basis', 'stated',
                                                          'doc_ids', json_array()),
                                   'state', 'holds'))
        FROM facts GROUP BY claim_key""")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def _fill_postgres(store, start: int, stop: int) -> None:
    conn = store._conn
    with conn.transaction():
        conn.execute(f"""INSERT INTO documents (doc_id, content_hash, title, text, notes,
                                                ingested_at)
            SELECT 'd' || lpad(i::text, 8, '0'), 'h' || lpad(i::text, 8, '0'), 'synthetic',
                   'synthetic text ' || i, '[]', '2026-01-01'
            FROM generate_series({start}, {stop - 1}) i WHERE i % {FACTS_PER_DOC} = 0""")
        conn.execute(f"""INSERT INTO facts (fact_id, doc_id, type, args, time_start, time_end,
                time, status, ev_start, ev_end, ev_text, confidence, claim_key)
            SELECT 'f' || lpad(i::text, 8, '0'),
                   'd' || lpad((i - i % {FACTS_PER_DOC})::text, 8, '0'),
                   {_PG_TYPE}, '{{"org": "e' || ((i % {KEYS})::bigint * 7919 % {ENTITIES}) || '"}}',
                   to_char(date '2000-01-01' + (i::bigint * 104729 % 9000)::int, 'YYYY-MM-DD'),
                   CASE WHEN i % 3 = 0 THEN to_char(date '2000-01-01'
                        + (i::bigint * 104729 % 9000 + 400)::int, 'YYYY-MM-DD') END,
                   '{{}}', 'actual', 0, 10, 'synthetic', 0.8,
                   {_PG_TYPE} || '|e' || ((i % {KEYS})::bigint * 7919 % {ENTITIES}) || '|'
                   || (i % {KEYS})
            FROM generate_series({start}, {stop - 1}) i""")
        conn.execute(f"""INSERT INTO fact_entities (fact_id, entity_id, role)
            SELECT 'f' || lpad(i::text, 8, '0'), 'e' || ((i % {KEYS})::bigint * 7919 % {ENTITIES}),
                   'org'
            FROM generate_series({start}, {stop - 1}) i
            UNION ALL
            SELECT 'f' || lpad(i::text, 8, '0'), CASE WHEN i % {BUSY_EVERY} = 0 THEN 'e0'
                   ELSE 'e' || (i::bigint * 3571 % {ENTITIES}) END,
                   'parent' FROM generate_series({start}, {stop - 1}) i""")
        conn.execute("DELETE FROM claims")
        conn.execute("""INSERT INTO claims (claim_id, claim_key, fact_key, type, data)
            SELECT 'c' || claim_key, claim_key, claim_key, MIN(type), json_build_object(
                'claim_id', 'c' || claim_key, 'type', MIN(type), 'args', MIN(args)::json,
                'time', json_build_object('start', MIN(time_start), 'end', NULL, 'approx', false,
                                          'text', NULL, 'resolved', true),
                'status', 'actual',
                'sources', json_agg(json_build_object(
                    'doc_id', doc_id, 'fact_id', fact_id,
                    'evidence', json_build_object('start', 0, 'end', 10, 'text', 'synthetic'),
                    'outlet', 'Synthetic Daily',
                    'time', json_build_object('start', time_start, 'end', time_end,
                                              'approx', false, 'text', NULL, 'resolved', true),
                    'status', 'actual', 'args', args::json, 'attributed_to', NULL)),
                'independent_sources', COUNT(*), 'conflicts', json_build_array(),
                'based_on', json_build_array(),
                'history', json_build_object('started', json_build_object(
                    'date', MIN(time_start), 'basis', 'stated', 'doc_ids', json_build_array()),
                    'state', 'holds'))::text
            FROM facts GROUP BY claim_key""")
    conn.execute("VACUUM ANALYZE")


def _latency(store, sql: str, params_of, repeats: int = 41) -> tuple[float, int]:
    """Median milliseconds of `repeats` queries (one warm-up first), and median rows."""
    rng = random.Random(1)
    store._rows(sql, params_of(rng))
    times, rows = [], []
    for _ in range(repeats):
        params = params_of(rng)
        start = time.perf_counter()
        rows.append(len(store._rows(sql, params)))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), int(statistics.median(rows))


def bench_queries(work: Path, counts: tuple[int, ...], out: list[str]) -> None:
    from newsledger import query
    from newsledger.store import Store
    out.append("## Query latency on synthetic facts and claims\n")
    out.append(f"~2 entity links per fact over {ENTITIES:,} entities; {KEYS:,} claim keys "
               f"(`type|org|n`), each stored as a claim holding all its facts as sources.  "
               f"SQL columns: median of 41 store queries for random entities (timeline: an "
               f"entity's facts ordered by time_start; as-of: its facts valid at a date).  "
               f"Library columns: median of 21 in-process calls of `query.timeline`, "
               f"`query.entity_profile` (the `entity` command), `query.org_at` (`org --at`) and "
               f"`query.claims` (`claims`), end to end, for the entity with the most facts.\n")
    out.append("| engine | facts | claims | fill s | timeline SQL ms | as-of SQL ms | "
               "busiest entity: facts, claims | timeline() ms | entity() ms | org --at ms | "
               "claims() ms |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")

    def entity(rng):
        return (f"e{rng.randrange(ENTITIES)}",)

    def entity_at(rng):
        day = f"{rng.randint(2000, 2024)}-06-15"
        return (f"e{rng.randrange(ENTITIES)}", day, day)

    engines = [("SQLite", str(work / "facts.db"), _fill_sqlite)]
    server = os.environ.get("NEWSLEDGER_BENCH_PG") or os.environ.get("NEWSLEDGER_TEST_PG")
    pg_name = f"nl_bench_{uuid.uuid4().hex[:8]}"
    if server:
        _pg_admin(server, f'CREATE DATABASE "{pg_name}"')
        engines.append(("PostgreSQL", _with_db(server, pg_name), _fill_postgres))
    else:
        out.append("| PostgreSQL | - | skipped: set NEWSLEDGER_BENCH_PG | | | | |")
    try:
        for name, url, fill in engines:
            with Store.open(url) as store:
                done = 0
                for count in counts:
                    start = time.perf_counter()
                    fill(store, done, count)
                    filled = time.perf_counter() - start
                    done = count
                    t_ms, t_rows = _latency(store, TIMELINE, entity)
                    a_ms, a_rows = _latency(store, AS_OF, entity_at)
                    if done == counts[0]:
                        _add_entities(store)
                    busiest, n_facts = store._rows(
                        "SELECT entity_id, COUNT(DISTINCT fact_id) FROM fact_entities "
                        "GROUP BY entity_id ORDER BY 2 DESC, 1 LIMIT 1")[0]
                    n_claims = len(query.claims(store, busiest))
                    lib = [_call_latency(lambda rng: call(busiest)) for call in (
                        lambda e: query.timeline(store, e),
                        lambda e: query.entity_profile(store, e),
                        lambda e: query.org_at(store, e, "2012-06-15"),
                        lambda e: query.claims(store, e))]
                    n_all = store._rows("SELECT COUNT(*) FROM claims")[0][0]
                    out.append(f"| {name} | {count:,} | {n_all:,} | {filled:.0f} | {t_ms:.2f} | "
                               f"{a_ms:.2f} | {n_facts}, {n_claims} | "
                               + " | ".join(f"{ms:.1f}" for ms in lib) + " |")
                    print(f"  queries {name} {count}: {out[-1]}", file=sys.stderr)
    finally:
        if server:
            _pg_admin(server, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    out.append("")


def _add_entities(store) -> None:
    """Entity rows for the synthetic ids, so the library's queries can look them up."""
    from newsledger.store import alias_key
    with store.transaction():
        for i in range(ENTITIES):
            store._execute("INSERT INTO entities (entity_id, name, type, aliases) VALUES (?, ?, ?, ?)",
                           (f"e{i}", f"e{i}", "organization", "[]"))
            store._execute("INSERT INTO entity_aliases (alias_key, entity_id) VALUES (?, ?)",
                           (alias_key(f"e{i}"), f"e{i}"))


def _call_latency(call, repeats: int = 21) -> float:
    rng = random.Random(2)
    call(rng)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call(rng)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _pg_admin(url: str, sql: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


# ---------------------------------------------------------------------------- main

def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description="newsledger scale benchmark")
    sub = parser.add_subparsers(dest="mode")
    child = sub.add_parser("_ingest")
    child.add_argument("manifest")
    child.add_argument("db")
    child.add_argument("--workers", type=int, default=1)
    child.add_argument("--dask", default=None)
    child.add_argument("--no-claims", action="store_true")
    child.add_argument("--reconcile", action="store_true")
    child.add_argument("--cold", action="store_true",
                       help="time loading spaCy too, and do not time extraction apart")
    spacy_child = sub.add_parser("_spacy")
    spacy_child.add_argument("manifest")
    spacy_child.add_argument("--first", choices=["pipe", "each"], default="pipe")
    pool_child = sub.add_parser("_pool")
    pool_child.add_argument("path")
    pool_child.add_argument("n", type=int)
    growth_child = sub.add_parser("_growth")
    growth_child.add_argument("pool")
    growth_child.add_argument("db")
    growth_child.add_argument("checkpoints", type=int, nargs="+")
    parser.add_argument("--quick", action="store_true", help="smaller numbers (~3 min)")
    parser.add_argument("--only", choices=["real", "pipeline", "rss", "growth", "queries"],
                        action="append",
                        help="run only these parts (repeatable)")
    args = parser.parse_args()
    if args.mode == "_ingest":
        return mode_ingest(args)
    if args.mode == "_spacy":
        return mode_spacy(args)
    if args.mode == "_pool":
        return mode_pool(args)
    if args.mode == "_growth":
        return mode_growth(args)

    size = "quick" if args.quick else "full"
    throughput, rss_sizes, fact_counts, checkpoints, reps = SIZES[size]
    parts = args.only or ["real", "pipeline", "rss", "growth", "queries"]
    archive = Archive(seed=7)
    out = [f"# newsledger benchmark ({'quick' if args.quick else 'full'})\n",
           f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
           f"- machine: {machine()}",
           f"- command: `.venv/bin/python bench/run.py{' --quick' if args.quick else ''}`",
           f"- archive: bench/corpus.py, seed 7, 300-800-word articles\n"]
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        work = Path(tmp)
        if "real" in parts:
            bench_pipeline("Real text (dev manifest, replicated)",
                           real_manifest(work, REAL_ARTICLES[size]), work, reps, out)
            print("\n".join(out), file=sys.stderr)
        if "pipeline" in parts:
            bench_pipeline("Synthetic text (bench/corpus.py)",
                           archive.write(work / f"tp{throughput}", throughput), work, reps, out)
            print("\n".join(out), file=sys.stderr)
        if "rss" in parts:
            bench_rss(archive, work, rss_sizes, out)
        if "growth" in parts:
            bench_growth(work, checkpoints, GROWTH_POOL if size == "full" else 100, out)
            print("\n".join(out), file=sys.stderr)
        if "queries" in parts:
            bench_queries(work, fact_counts, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
