"""Command line: `newsledger [--db FILE] [--model NAME] COMMAND ...`, thin over `Ledger`.

Every command maps onto one Ledger method, so whatever the CLI can do a program can
do too.  Output that is data (exports, search hits) goes to stdout; progress, errors
and warnings go to stderr.  Exit codes: 0 success (even if some inputs failed),
1 when every input failed or the ledger cannot be used, 2 for usage errors.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys

import click

from .api import IngestEvent, Ledger, LedgerError
from .export import KINDS
from .store import StoreError


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
        if event.outcome != "warning":
            self.bar.update(1)

    def _line(self, text: str) -> None:
        if self.bar.disable:
            click.echo(text, err=True)
        else:
            self.bar.write(text, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


# ---------------------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="FILE", envvar="NEWSLEDGER_DB", default="newsledger.db",
              show_default=True, help="Ledger database (env NEWSLEDGER_DB).")
@click.option("--model", metavar="NAME", envvar="NEWSLEDGER_MODEL", default=None,
              help="Installed spaCy pipeline to use (env NEWSLEDGER_MODEL).")
@click.version_option(package_name="newsledger")
@click.pass_context
def cli(ctx: click.Context, db: str, model: str | None) -> None:
    """A time-aware, source-cited ledger of company facts, built from business news."""
    obj = ctx.ensure_object(dict)
    obj.setdefault("db", db)
    obj.setdefault("model", model)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=15.0,
              show_default=True, metavar="S", help="Seconds to wait for each URL.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], fetch_timeout: float, quiet: bool) -> None:
    """Read articles into the ledger: .txt/.html files, folders, manifests (.jsonl), URLs, '-'."""
    ledger = _ledger(ctx)
    total = ledger.count_inputs(list(inputs))
    progress = _Progress(total, quiet or total == 1)
    try:
        report = ledger.ingest(list(inputs), progress=progress, fetch_timeout=fetch_timeout,
                               stdin=sys.stdin if "-" in inputs else None)
    except (LedgerError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        progress.close()
    if not quiet:
        click.echo(report.summary())
    if report.all_failed:
        ctx.exit(1)


@cli.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", default="-", metavar="FILE",
              help="Write here instead of stdout ('-').")
@click.option("--doc", "doc_id", metavar="ID", help="Only this document's records.")
@click.option("--type", "type_", metavar="TYPE", help="Only facts/claims/entities of this type.")
@click.option("--entity", metavar="NAME", help="Only facts/claims naming this entity.")
@click.pass_context
def export_cmd(ctx: click.Context, kind: str, output: str, doc_id: str | None,
               type_: str | None, entity: str | None) -> None:
    """Write facts, claims, documents or entities as JSON Lines."""
    ledger = _ledger(ctx, create=False)     # before touching FILE: no empty file on error
    filters = {"doc_id": doc_id, "type": type_, "entity": entity}
    try:
        # atomic: FILE appears complete or not at all (written aside, then renamed)
        with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as fh:
            ledger.export(kind, fh, **filters)
    except OSError as exc:
        if output == "-":
            raise
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc


@cli.command()
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


@cli.command()
@click.argument("text")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def search(ctx: click.Context, text: str, limit: int) -> None:
    """Full-text search over document titles and texts (JSON Lines: doc and passage)."""
    for hit in _ledger(ctx, create=False).search(text, limit):
        click.echo(json.dumps(hit.to_json(), ensure_ascii=False))


@cli.command()
@click.argument("name")
@click.pass_context
def entity(ctx: click.Context, name: str) -> None:
    """Look up the entity a name or alias refers to (exit 1 if none)."""
    found = _ledger(ctx, create=False).find_entity(name)
    if found is None:
        raise click.ClickException(f"no entity named {name!r}")
    click.echo(json.dumps(found.to_json(), ensure_ascii=False))


@cli.command()
@click.pass_context
def reconcile(ctx: click.Context) -> None:
    """Rebuild every claim from the stored facts (after a newsledger upgrade)."""
    try:
        n = _ledger(ctx, create=False).rebuild_claims()
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"claims {n}")


@cli.command("eval")
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
