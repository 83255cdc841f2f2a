"""Command line: `newsledger [--db FILE] [--model NAME] COMMAND ...`, thin over `Ledger`.

Every command maps onto one Ledger method, so whatever the CLI can do a program can
do too.  Output that is data (exports, search hits) goes to stdout; progress, errors
and warnings go to stderr.  Exit codes: 0 success; 1 when
any input failed, nothing was found to ingest, a name is unknown or the ledger cannot
be used; 2 for usage errors.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from contextlib import contextmanager, suppress
from typing import Any, Iterator, TextIO

import click

from .api import IngestEvent, Ledger
from .errors import LedgerError
from .export import FORMATS as _ROW_FORMATS, KINDS, STORE_FORMATS
from . import tables
from .errors import QueryError
from .store import StoreError, database_errors


EXPORT_FORMATS = tuple([*_ROW_FORMATS, *STORE_FORMATS])

# ----------------------------------------------------------------------------- helpers

def _ledger(ctx: click.Context, *, create: bool = True) -> Ledger:
    """Open the ledger named by the global options (once per invocation).

    `ctx.obj["ledger_options"]` is a hook for programs and tests that drive the CLI
    in-process: its items are passed to `Ledger(...)`, e.g. {"extractor": fake}.
    """
    obj = ctx.ensure_object(dict)
    if "ledger" not in obj:
        try:
            ledger = Ledger(obj.get("db"), obj.get("model"), create=create,
                            **obj.get("ledger_options", {}))
        except (StoreError, LedgerError) as exc:
            raise click.ClickException(str(exc)) from exc
        obj["ledger"] = ledger
        ctx.call_on_close(ledger.close)
    return obj["ledger"]


class _Progress:
    """Turns IngestEvents into a tqdm bar on stderr and one `error:` line per failure."""

    def __init__(self, total: int | None, quiet: bool):
        from tqdm import tqdm
        # disable=None: tqdm hides itself when stderr is not a terminal (logs, CI, tests)
        self.bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False,
                        disable=True if quiet else None, dynamic_ncols=True)

    def __call__(self, event: IngestEvent) -> None:
        if event.outcome == "failed":
            self._line(f"error: {event.input}: {event.reason}")
        elif event.outcome == "warning":
            self._line(f"warning: {event.input}: {event.reason}")
        elif event.outcome == "skipped":
            self._line(f"skipped: {event.input} ({event.reason})")
        if event.outcome not in ("warning", "skipped"):     # not counted in the total
            self.bar.update(1)

    def _line(self, text: str) -> None:
        if self.bar.disable:
            click.echo(text, err=True)
        else:
            self.bar.write(text, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


@contextmanager
def atomic_text_file(path: str, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file that appears complete or not at all: written aside, then renamed."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".newsledger-", suffix=".tmp", dir=folder)
    try:
        with open(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
        mask = os.umask(0o22)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)         # as a plain open() would (mkstemp gives 0600)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _ask(question):
    """Run a query; unknown names and impossible dates become one-line errors (exit 1)."""
    try:
        return question()
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc


class _DateType(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD (checked up front: a bad date is a usage error, exit 2)."""
    name = "DATE"

    def convert(self, value, param, ctx):
        from .query import parse_date
        try:
            parse_date(value)
        except QueryError as exc:
            self.fail(str(exc), param, ctx)
        return value


DATE = _DateType()


# ---------------------------------------------------------------- output formats

def _emit(fmt: str, kind: str, answer: Any) -> None:
    """json: the whole answer; csv: one flat row per line; table: for people to read."""
    if fmt == "json":
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(tables.to_csv(tables.rows(kind, answer)), nl=False)
    else:
        click.echo(tables.table(kind, answer))


OUTPUT_FORMATS = ("table", "json", "csv")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS),
                             default="table", show_default=True, help="Output format.")


# ---------------------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="FILE", envvar="NEWSLEDGER_DB", default="newsledger.db",
              show_default=True, help="Ledger database (env NEWSLEDGER_DB).")
@click.option("--model", metavar="NAME", envvar="NEWSLEDGER_MODEL", default=None,
              help="Installed spaCy pipeline to use (env NEWSLEDGER_MODEL).")
@click.version_option(package_name="newsledger")
@click.pass_context
def cli(ctx: click.Context, db: str, model: str | None) -> None:
    """A time-aware, source-cited ledger of company facts, built from business news.

    Ingest articles, then ask about a company: what it is, what happened to it and
    when, what it looked like on a date, what changed, and where outlets disagree.
    Every answer cites the articles and the exact words it comes from.

    \b
    Examples:
      newsledger --db ledger.db ingest examples/manifest.jsonl
      newsledger --db ledger.db entity "Halvorsen Motors"
      newsledger --db ledger.db timeline "Halvorsen Motors" --from 2024 --to 2026-06
      newsledger --db ledger.db org "Halvorsen Motors" --at 2025-01-01
      newsledger --db ledger.db search 'reintegrat* OR "battery unit"'
      newsledger --db ledger.db serve

    Dates are YYYY, YYYY-MM or YYYY-MM-DD.  `newsledger COMMAND --help` tells more.
    """
    obj = ctx.ensure_object(dict)
    obj.setdefault("db", db)
    obj.setdefault("model", model)


@cli.command(short_help="Read articles (files, folders, manifests, URLs, feeds).")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=15.0,
              show_default=True, metavar="S", help="Seconds to wait for each URL.")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read and extract in N worker processes (default 1: all in this one; "
                   "with --dask local: its worker count, default one per core).")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Run reading and extraction on Dask: 'local' (a local cluster) or a "
                   "scheduler address such as tcp://HOST:8786.")
@click.option("--batch-size", type=click.IntRange(min=0), default=None, metavar="N",
              help="Documents in flight ahead of the one being stored (bounds memory; "
                   "default 8 per worker, 16 per Dask worker).")
@click.option("--no-claims", is_flag=True,
              help="Store documents and facts only (fastest for bulk loads); build the "
                   "claims afterwards, once, with `newsledger reconcile`.")
@click.option("--allow-outside-paths", is_flag=True,
              help="Let a manifest name files outside its own folder (refused by default).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], fetch_timeout: float,
           workers: int | None, dask_address: str | None, batch_size: int | None,
           no_claims: bool, allow_outside_paths: bool, quiet: bool) -> None:
    """Read articles into the ledger: .txt, .md and .html files, folders, manifests
    (.jsonl), RSS/Atom feeds, http(s) URLs, or '-' for standard input.

    Documents are stored in input order whatever --workers/--dask say, so the ledger
    is the same; running the same command again after an interruption skips what is
    already stored.  A manifest's paths must stay inside its folder unless
    --allow-outside-paths is given; its `published` dates are YYYY-MM-DD.

    Exit status: 0 when every input was read; 1 when any input failed (each gets an
    `error:` line; the rest are stored all the same) or nothing was found to read.

    \b
    Examples:
      newsledger ingest examples/manifest.jsonl
      newsledger ingest articles/ https://example.com/story.html --workers 2
    """
    if dask_address is not None and dask_address != "local" and "://" not in dask_address:
        raise click.BadParameter("use 'local' or a scheduler address like tcp://HOST:8786",
                                 param_hint="--dask")
    ledger = _ledger(ctx)
    total = ledger.count_inputs(list(inputs))
    progress = _Progress(total, quiet or total == 1)
    try:
        report = ledger.ingest(list(inputs), progress=progress, fetch_timeout=fetch_timeout,
                               stdin=sys.stdin if "-" in inputs else None,
                               workers=workers, dask=dask_address, batch_size=batch_size,
                               claims=not no_claims, allow_outside_paths=allow_outside_paths)
    except (LedgerError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    except database_errors() as exc:     # e.g. the PostgreSQL server went away mid-run
        raise click.ClickException(f"database: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        progress.close()
    if not quiet:
        click.echo(report.summary())
    if report.read == 0 and not report.failed:
        from .ingest.sources import READABLE
        click.echo(f"error: no articles found: newsledger reads {READABLE}", err=True)
    if not report.ok:
        ctx.exit(1)


@cli.command("export", short_help="Write facts, claims, documents or entities to a file.")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", default="-", metavar="FILE",
              help="Write here instead of stdout ('-').")
@click.option("--doc", "doc_id", metavar="ID", help="Only this document's records.")
@click.option("--type", "type_", metavar="TYPE", help="Only facts/claims/entities of this type.")
@click.option("--entity", metavar="NAME", help="Only facts/claims naming this entity.")
@click.option("--format", "format_", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True, help="JSON Lines, CSV, or JSON-LD (RDF with W3C PROV "
              "provenance and Wikidata properties).")
@click.pass_context
def export_cmd(ctx: click.Context, kind: str, output: str, doc_id: str | None,
               type_: str | None, entity: str | None, format_: str = "jsonl") -> None:
    """Write facts, claims, documents or entities as JSON Lines (or CSV, JSON-LD).

    \b
    Examples:
      newsledger export facts -o facts.jsonl
      newsledger export facts --format csv -o facts.csv
      newsledger export claims --entity "Halvorsen Motors" --format jsonld
    """
    ledger = _ledger(ctx, create=False)     # before touching FILE: no empty file on error
    filters = {"doc_id": doc_id, "type": type_, "entity": entity}
    try:
        if output == "-":
            with click.open_file("-", "w", encoding="utf-8") as fh:
                ledger.export(kind, fh, format=format_, **filters)
            return
        # newline="": the CSV writer's CRLF row ends go through untranslated
        with atomic_text_file(output, newline="" if format_ == "csv" else None) as fh:
            ledger.export(kind, fh, format=format_, **filters)
    except OSError as exc:
        if output == "-":
            raise
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc


@cli.command(short_help="Counts of documents, facts, entities and claims.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of documents, facts, entities and claims."""
    numbers = _ledger(ctx, create=False).stats()
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False))
        return
    for name, value in numbers.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        click.echo(f"{name + ':':<23} {value}")


@cli.command(short_help="Full-text search (stemmed; OR, NOT, prefix*, \"phrases\").")
@click.argument("text")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("jsonl", *OUTPUT_FORMATS)), default="jsonl",
              show_default=True, help="jsonl: one matching document per line; table, json "
              "and csv also list the entities whose names match.")
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, fmt: str = "jsonl") -> None:
    """Full-text search over document titles and texts (JSON Lines: doc and passage).

    Words are matched by their stem ("reintegrate" finds "reintegration"); all words
    must appear unless joined by OR.  NOT word (or -word) excludes, word* matches a
    prefix, "a phrase" matches words in a row, parentheses group.

    \b
    Examples:
      newsledger search reintegrate
      newsledger search 'Renault OR Nissan' --format table
      newsledger search '"battery unit" NOT listing'
    """
    ledger = _ledger(ctx, create=False)
    if fmt == "jsonl":
        for hit in _ask(lambda: ledger.search(text, limit)):
            click.echo(json.dumps(hit.to_json(), ensure_ascii=False))
        return
    _emit(fmt, "search", _ask(lambda: ledger.find(text, limit)))


@cli.command(short_help="What a company or person is: facts and sources.")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
              show_default=True, help="table: a summary, its facts and its sources; json: "
              "the entity with its facts grouped by type; csv: one row per fact.")
@click.pass_context
def entity(ctx: click.Context, name: str, fmt: str = "table") -> None:
    """Look up the entity a name or alias refers to, with its facts and sources.

    An unknown name exits 1 and suggests close names.

    \b
    Example:
      newsledger entity "Halvorsen Motors" --format json
    """
    profile = _ask(lambda: _ledger(ctx, create=False).entity_profile(name))
    _emit(fmt, "entity", profile)


@cli.command(short_help="What happened to NAME, in date order.")
@click.argument("name")
@click.option("--from", "date_from", type=DATE,
              help="Only lines on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE,
              help="Only lines on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@FORMAT_OPTION
@click.pass_context
def timeline(ctx: click.Context, name: str, date_from: str | None, date_to: str | None,
             fmt: str) -> None:
    """Dated events and changes involving NAME, in date order, each with its sources.

    \b
    Example:
      newsledger timeline "Halvorsen Motors" --from 2024 --to 2026-06
    """
    data = _ask(lambda: _ledger(ctx, create=False).timeline(name, date_from, date_to))
    _emit(fmt, "timeline", data)


@cli.command(short_help="NAME's units, stakes, plants and people at a date.")
@click.argument("name")
@click.option("--at", "date", type=DATE, required=True,
              help="The date the structure is for (YYYY, YYYY-MM or YYYY-MM-DD).")
@FORMAT_OPTION
@click.pass_context
def org(ctx: click.Context, name: str, date: str, fmt: str) -> None:
    """NAME's units, subsidiaries, stakes, plants and people valid at a date.

    The rules for what holds at a date are in docs/query.md.

    \b
    Example:
      newsledger org "Halvorsen Motors" --at 2025-01-01
    """
    data = _ask(lambda: _ledger(ctx, create=False).org_at(name, date))
    _emit(fmt, "org", data)


@cli.command(short_help="What NAME's structure gained and lost between dates.")
@click.argument("name")
@click.option("--from", "date_from", type=DATE, required=True,
              help="The earlier date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, required=True,
              help="The later date (YYYY, YYYY-MM or YYYY-MM-DD).")
@FORMAT_OPTION
@click.pass_context
def diff(ctx: click.Context, name: str, date_from: str, date_to: str, fmt: str) -> None:
    """What NAME's structure gained (+) and lost (-) between two dates.

    \b
    Example:
      newsledger diff "Halvorsen Motors" --from 2024-01 --to 2026-06
    """
    data = _ask(lambda: _ledger(ctx, create=False).diff(name, date_from, date_to))
    _emit(fmt, "diff", data)


@cli.command(short_help="Facts merged across articles, with their sources.")
@click.argument("entity", required=False)
@FORMAT_OPTION
@click.pass_context
def claims(ctx: click.Context, entity: str | None, fmt: str) -> None:
    """Claims (facts merged across articles), all or those naming ENTITY."""
    data = _ask(lambda: _ledger(ctx, create=False).claim_list(entity))
    _emit(fmt, "claims", data)


@cli.command(short_help="Where sources disagree, with their quotes.")
@click.option("--entity", metavar="NAME", help="Only claims naming this entity.")
@FORMAT_OPTION
@click.pass_context
def conflicts(ctx: click.Context, entity: str | None, fmt: str) -> None:
    """Claims whose sources disagree: each value with the quoted evidence and outlet."""
    data = _ask(lambda: _ledger(ctx, create=False).conflicts(entity))
    _emit(fmt, "conflicts", data)


@cli.command(short_help="Browse the ledger in a web browser.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default answers this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="NEWSLEDGER_TOKEN", metavar="T", default=None,
              help="Require this token on every request (env NEWSLEDGER_TOKEN): send it as "
              "'Authorization: Bearer T', or open any page once with ?token=T.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Browse the ledger in a web browser: read-only pages, a JSON API under /api and
    its description at /docs.  Works on a read-only ledger file too.

    \b
    Example:
      newsledger serve --port 8080      # then open http://127.0.0.1:8080/
    """
    try:
        from .web import create_app, is_loopback, loopback_hosts
        import uvicorn
    except ImportError as exc:
        raise click.ClickException(f"the web app needs fastapi, jinja2 and uvicorn: {exc}")
    db = _ledger(ctx, create=False).db       # fail now on a missing ledger, not per request
    loopback = is_loopback(host)
    if not loopback and not token:
        click.echo(f"warning: serving on {host} without --token: anyone who can reach it "
                   "can read the ledger", err=True)
    app = create_app(db, token=token, allowed_hosts=loopback_hosts() if loopback else None,
                     loopback=loopback)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsledger: serving {db} on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@cli.command(short_help="Rebuild every claim from the stored facts.")
@click.pass_context
def reconcile(ctx: click.Context) -> None:
    """Rebuild every claim from the stored facts (after a newsledger upgrade)."""
    try:
        n = _ledger(ctx, create=False).rebuild_claims()
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"claims {n}")


@cli.command("eval", short_help="Score extraction against gold annotations.")
@click.option("--manifest", required=True, metavar="FILE", help="Article manifest (JSON Lines).")
@click.option("--gold", required=True, metavar="DIR", help="Gold annotations folder.")
@click.option("--scorer", metavar="FILE", help="score.py to use (default: found beside --gold).")
@click.option("--show", is_flag=True, help="List missed and spurious facts too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON summary line.")
@click.pass_context
def eval_cmd(ctx: click.Context, manifest: str, gold: str, scorer: str | None, show: bool,
             as_json: bool) -> None:
    """Ingest MANIFEST into a fresh ledger, export, and score against GOLD."""
    from .evaluate import ScorerNotFound, evaluate
    try:
        out = evaluate(manifest, gold, scorer=scorer, model=ctx.obj.get("model") if ctx.obj else None,
                       show=show, as_json=as_json)
    except (ScorerNotFound, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(out, nl=False)


# ------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: database errors become one line, never a traceback."""
    try:
        cli.main(args=argv, prog_name="newsledger", standalone_mode=True)
    except sqlite3.Error as exc:        # e.g. locked past the busy timeout, disk full
        click.echo(f"Error: database: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:             # `newsledger export facts | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
