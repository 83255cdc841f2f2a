"""Where the heavy, pure stages of ingest run: here, in worker processes, or on Dask.

Ingest has two kinds of work.  Reading + cleaning an input, running spaCy + the
extractors on a document and computing its near-duplicate profile (shingles,
MinHash buckets, wire markers) depend on nothing but that input: they may run
anywhere, in any order.  Canonicalising against the known entities, storing and
rebuilding claims depend on everything stored before: they stay in the calling
process and go strictly in input order, so a ledger built with N workers is the
same as one built with one.

A `Runner` hides where the pure work goes:

- `InlineRunner`: in this process, one document after another (the default);
- `ProcessRunner`: N local worker processes (`--workers N`), each loading spaCy once;
- `DaskRunner`: dask.distributed workers, a LocalCluster (`--dask local`) or a
  running scheduler (`--dask tcp://HOST:PORT`).  Remote workers need newsledger and
  the spaCy model installed, and must see file inputs at the same paths (or read URLs).

`Runner.ordered` keeps a bounded window of tasks in flight and hands results back
in submission order, which is what bounds memory on a 1,000,000-article run.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import deque
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .errors import LedgerError
from .models import Document

T = TypeVar("T")
Job = tuple  # (function, *args): a picklable call, run by a Runner

MANIFEST_CHUNK = 8      # manifest lines one worker task reads and cleans


# ------------------------------------------------------------------------- runners

class Runner:
    """Runs jobs somewhere and returns their results in the order they were submitted."""

    workers = 1
    parallel = False        # False: jobs run in this process (no pickling, hooks allowed)

    def submit(self, job: Job) -> Any:
        raise NotImplementedError

    def result(self, handle: Any) -> Any:
        """The job's value; its own exception re-raised; LedgerError if the runner broke."""
        return handle.result()

    def default_window(self) -> int:
        """Documents in flight ahead of the one being stored: enough to keep workers busy."""
        return 0 if not self.parallel else 8 * self.workers

    def ordered(self, jobs: Iterable[tuple[T, Job | None]], window: int
                ) -> Iterator[tuple[T, Any]]:
        """(item, handle) in input order, with at most `window` items queued past the head.

        `jobs` is pulled lazily, so deciding whether an item needs a job (e.g. is it
        stored already?) happens as late as the window allows.
        """
        queue: deque[tuple[T, Any]] = deque()
        for item, job in jobs:
            queue.append((item, self.submit(job) if job is not None else None))
            while len(queue) > window:
                yield queue.popleft()
        while queue:
            yield queue.popleft()

    def close(self) -> None:
        pass

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Lazy:
    """An inline job, run when its result is asked for (never, if it turns out unneeded)."""

    def __init__(self, job: Job):
        self._job = job

    def result(self) -> Any:
        fn, *args = self._job
        return fn(*args)


class InlineRunner(Runner):
    """Everything in this process, in order: exactly the sequential ingest."""

    def submit(self, job: Job) -> _Lazy:
        return _Lazy(job)


class ProcessRunner(Runner):
    """N local worker processes.  Spawned, not forked: a forked child would share the
    parent's database connection (and its threads' locks) and could break it on exit."""

    parallel = True

    def __init__(self, workers: int, model: str | None, preload: bool):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up if preload else None, initargs=(model,) if preload else ())

    def submit(self, job: Job) -> Future:
        fn, *args = job
        return self._pool.submit(fn, *args)

    def result(self, handle: Future) -> Any:
        from concurrent.futures.process import BrokenProcessPool
        try:
            return handle.result()
        except BrokenProcessPool as exc:
            raise LedgerError(f"a worker process died ({exc}); what is stored is kept, "
                              f"run the same ingest again to go on") from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner(Runner):
    """dask.distributed: `address` is "local" (a LocalCluster of `workers` processes with
    one thread each: spaCy is not shared between threads) or a scheduler's address."""

    parallel = True

    def __init__(self, address: str, workers: int | None, model: str | None, preload: bool):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise LedgerError(f"--dask needs dask.distributed: {exc}") from exc
        import dask
        self._cluster = None
        try:
            if address == "local":
                # A worker samples its own stack every 10 ms for the dashboard's profile
                # (which --dask local does not start): CPU the extractions need on a
                # small machine.  The nannies hand this config to the workers they start.
                dask.config.set({"distributed.worker.profile.enabled": False})
                self._cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                    processes=True, dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise LedgerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))
        if preload:
            self._client.run(warm_up, model)

    def submit(self, job: Job) -> Any:
        fn, *args = job
        return self._client.submit(fn, *args, pure=False)

    def result(self, handle: Any) -> Any:
        try:
            return handle.result()
        except (CancelledError, OSError) as exc:     # OSError: the comm to the cluster closed
            raise LedgerError(f"the Dask cluster stopped ({type(exc).__name__}: {exc}); what "
                              f"is stored is kept, run the same ingest again to go on") from exc

    def default_window(self) -> int:
        return 16 * self.workers    # a scheduler round trip per task: keep more in flight

    def close(self) -> None:
        for part in ("_client", "_cluster"):
            thing = getattr(self, part, None)
            if thing is not None:
                try:
                    thing.close()
                except Exception:   # noqa: BLE001 - closing must not hide the real error
                    pass


def open_runner(*, workers: int | None = 1, dask: str | None = None, model: str | None = None,
                preload: bool = True) -> Runner:
    """The runner for `--workers N` / `--dask ADDRESS`.  `preload`: load spaCy in every
    worker up front (False when a custom extractor replaces it)."""
    if dask:
        return DaskRunner(dask, workers, model, preload)
    if workers and workers > 1:
        return ProcessRunner(workers, model, preload)
    return InlineRunner()


# ------------------------------------------------------------- jobs run on workers

_NLP_LOCK = threading.Lock()    # a Dask worker may run several threads; spaCy is shared


def warm_up(model: str | None) -> None:
    """Load the spaCy pipeline once per worker process (nlp.load caches it).  Never
    raises: a missing model is reported, with its reason, by the first extraction."""
    try:
        with _NLP_LOCK:
            _load_nlp(model)
    except LedgerError:
        pass


def _load_nlp(model: str | None) -> Any:
    from . import nlp
    try:
        return nlp.load(model)
    except Exception as exc:   # ModelNotFound, ImportError: every document would fail
        raise LedgerError(str(exc) or f"cannot load the NLP pipeline: {exc!r}") from exc


@dataclass
class Extracted:
    """What a worker sends back: the facts and entities, without the heavy spaCy parse,
    and the document's near-duplicate profile (origins.DocProfile)."""
    facts: list
    entities: list
    profile: Any = None


def prepared(doc: Document, extraction: Any) -> Extracted:
    """An extraction plus every other per-document computation that needs nothing
    stored (so it runs on the worker, not in the process that stores)."""
    from .origins import profile
    return Extracted(list(extraction.facts), list(extraction.entities), profile(doc))


def extract_on_worker(doc: Document, model: str | None,
                      extractor: Callable[[Document], Any] | None = None) -> Extracted:
    """Run extraction on one document (a custom `extractor` must be picklable)."""
    if extractor is not None:
        out = extractor(doc)
    else:
        from .extract import extract_document
        with _NLP_LOCK:
            out = extract_document(doc, _load_nlp(model))
    return prepared(doc, out)


# ---------------------------------------------------------- reading on workers

@dataclass(frozen=True)
class Unit:
    """An input a worker reads and cleans by itself: a file or URL, or `lines` lines of a
    manifest starting at line `first` (byte `offset`), so big manifests are shared out."""
    input: str
    first: int | None = None
    offset: int = 0
    lines: int = 0


def read_on_workers(runner: Runner, inputs: list[str], window: int, *,
                    fetch_timeout: float = 15.0, stdin: Any = None
                    ) -> Iterator[Any]:
    """What `ingest.iter_inputs` yields, in the same order, with reading and cleaning
    done by the runner's workers."""
    from .ingest import IngestError, IngestOptions
    opts = IngestOptions(fetch_timeout=fetch_timeout)
    jobs = ((u, (read_unit, u, opts) if isinstance(u, Unit) else None)
            for u in plan_units(inputs, opts, stdin))
    for unit, handle in runner.ordered(jobs, window):
        if handle is None:              # read here already (stdin, a planning error)
            yield unit
            continue
        try:
            yield from runner.result(handle)
        except LedgerError:
            raise
        except Exception as exc:        # noqa: BLE001 - one input must not stop the batch
            yield IngestError(unit.input, f"unexpected error: {type(exc).__name__}: {exc}")


def plan_units(inputs: Iterable[str], opts: Any, stdin: Any = None,
               chunk: int = MANIFEST_CHUNK) -> Iterator[Any]:
    """Cut the inputs into Units, in iter_inputs' order, touching only file names and
    manifest line ends.  Standard input is read here: a worker cannot."""
    from .ingest import IngestError, iter_inputs
    for inp in map(str, inputs):
        try:
            if inp == "-":
                yield from iter_inputs(["-"], stdin=stdin, options=opts)
            elif inp.strip() and not _is_url(inp) and os.path.isdir(inp):
                yield from _directory_units(inp, chunk)
            else:
                yield from _file_units(inp, chunk)
        except Exception as exc:  # noqa: BLE001 - as iter_inputs: one input never stops all
            yield IngestError(inp, f"unexpected error: {type(exc).__name__}: {exc}")


def _is_url(inp: str) -> bool:
    from .ingest import _is_url as is_url
    return is_url(inp)


def _directory_units(path: str, chunk: int) -> Iterator[Any]:
    """As ingest's read_directory: its plan, manifests that hold no articles refused."""
    from .ingest import IngestError
    from .ingest.sources import MANIFEST_SUFFIXES, directory_plan, is_article_manifest
    for p in directory_plan(path):
        if p.lower().endswith(MANIFEST_SUFFIXES) and not is_article_manifest(p):
            yield IngestError(p, "not an article manifest (no 'path' or 'text')")
        else:
            yield from _file_units(p, chunk)


def _file_units(path: str, chunk: int) -> Iterator[Unit]:
    """One Unit per file, except a readable, non-empty manifest: one per `chunk` lines."""
    from .ingest.sources import MANIFEST_SUFFIXES
    if not path.lower().endswith(MANIFEST_SUFFIXES) or not os.path.isfile(path):
        yield Unit(path)
        return
    try:
        f = open(path, "rb")
    except OSError:
        yield Unit(path)                # the worker reports why it cannot be read
        return
    with f:
        first, offset, position, count = 1, 0, 0, 0
        for count, raw in enumerate(f, start=1):
            position += len(raw)
            if count - first + 1 == chunk:
                yield Unit(path, first, offset, chunk)
                first, offset = count + 1, position
    if count == 0:
        yield Unit(path)                # empty: the reader's own error message
    elif count >= first:
        yield Unit(path, first, offset, count - first + 1)


def read_unit(unit: Unit, opts: Any) -> list[Any]:
    """Documents and IngestErrors of one Unit (run on a worker)."""
    from .ingest import iter_inputs
    if unit.first is None:
        return list(iter_inputs([unit.input], options=opts))
    return list(_manifest_lines(unit, opts))


def _manifest_lines(unit: Unit, opts: Any) -> Iterator[Any]:
    """As ingest's read_manifest, for the unit's lines only."""
    from .ingest import IngestError
    from .ingest.sources import manifest_lines
    path = unit.input
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield IngestError(path, f"cannot read: {exc.strerror or exc}")
        return
    with f:
        f.seek(unit.offset)
        numbered = ((lineno, f.readline()) for lineno in range(unit.first, unit.first + unit.lines))
        yield from manifest_lines(path, numbered, opts)
