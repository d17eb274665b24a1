"""Extract many reports: serially, in a process pool, through the cache or on Spark.

:func:`extract_files` is what :func:`kg.pipeline.extract_all` runs, and
:func:`extract_rendered` what :func:`kg.pipeline.build` runs: it also turns
each report into its part of the outputs where the report was extracted.
Both keep the input order and stream: results come back one report at a
time, so a caller never holds more than the pool's in-flight reports.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。", "utf-8")
>>> _ = (d / "b.txt").write_bytes(b"")
>>> [type(r).__name__ for _, r in extract_files([d / "a.txt", d / "b.txt"])]
['ExtractedReport', 'InputError']
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.model import ExtractedReport
from kg.run.cache import ReportCache
from kg.run.report import Outcome, Packed, extract_one, pack, unpack, warm_up
from kg.run.spark import extract_with_spark

__all__ = ["ENGINES", "ExtractOptions", "beside", "extract_files", "extract_rendered"]

ENGINES = ("local", "spark")
#: Each worker process gets at least this many reports, so a small batch runs in
#: fewer processes whatever ``jobs`` asks.  A forked worker shares the vocabularies and
#: gazetteer this process loaded and starts in milliseconds, so 8 reports are worth two
#: (10 reports: 3.91 -> 3.67 s); a spawned one (no ``fork``: Windows) loads them
#: itself, a second or so, as long as extracting and rendering 20-40 reports takes
#: (BENCHMARKS.md, "Speed and scale").
MIN_REPORTS_PER_WORKER = 4 if "fork" in multiprocessing.get_all_start_methods() else 16


@dataclass(frozen=True)
class ExtractOptions:
    """How to run extraction.

    Parameters
    ----------
    jobs : int
        Worker processes (1 runs in this process; 0 means one per core).
    cache_dir : Path, optional
        Folder of the :class:`~kg.run.cache.ReportCache`; no cache when None.
    engine : str
        ``local`` (this machine) or ``spark`` (a PySpark job, see :mod:`kg.run.spark`).
    spark_master : str
        Spark master URL for the spark engine (``local[2]``, ``spark://host:7077``, ``yarn``).
    shards_dir : Path, optional
        Where the spark engine writes its N-Quads shards (one named graph per report).
    shard : callable, optional
        A report's N-Quads for the shards; :func:`kg.pipeline.build` sets
        :func:`kg.graph.nquads.report_nquads`.
    min_per_worker : int
        Fewest reports per worker (:data:`MIN_REPORTS_PER_WORKER`); fewer workers
        start when the batch is small.
    addresses : mapping of Path to str
        The web page each file was saved from, where known from elsewhere
        (:mod:`kg.ingest.addresses`), by the file's path as given.

    Examples
    --------
    >>> ExtractOptions(jobs=2).workers()
    2
    >>> ExtractOptions(jobs=-1)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: --jobs must be 0 (one per core) or more, not -1
    """

    jobs: int = 1
    cache_dir: Path | None = None
    engine: str = "local"
    spark_master: str = "local[*]"
    shards_dir: Path | None = None
    shard: Callable[[ExtractedReport], str] | None = None
    min_per_worker: int = MIN_REPORTS_PER_WORKER
    addresses: Mapping[Path, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.jobs, int) or self.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per core) or more, not {self.jobs}")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}: choose from {', '.join(ENGINES)}")

    def workers(self) -> int:
        """Number of processes to use (``jobs``, or the core count for 0)."""
        return self.jobs or (os.cpu_count() or 1)


def extract_files(
    files: Sequence[Path],
    progress: Callable[[int, int, Path], None] | None = None,
    options: ExtractOptions | None = None,
) -> Iterator[tuple[Path, Outcome]]:
    """Extract each file, yielding ``(path, report or error)`` in input order.

    Cached reports are served without extraction; the rest run serially, in
    a pool of ``options.jobs`` processes, or on Spark.
    """
    for path, outcome, _ in extract_rendered(files, progress, options):
        assert outcome is not None, "with reports=True every report comes back"
        yield path, outcome


def extract_rendered(
    files: Sequence[Path],
    progress: Callable[[int, int, Path], None] | None = None,
    options: ExtractOptions | None = None,
    render: Callable[[ExtractedReport], Any] | None = None,
    reports: bool = True,
) -> Generator[tuple[Path, Outcome | None, Any], None, None]:
    """Like :func:`extract_files`, also yielding ``render(report)`` (None for an error).

    ``render`` runs where the report is extracted or read from the cache: in
    a worker process when ``jobs > 1``, so turning each report into its part
    of the output (:func:`kg.pipeline.report_output`) scales with the
    workers too.  It must be picklable (a module-level function or a
    :func:`functools.partial` of one).  With ``reports=False`` a worker sends
    back only what ``render`` made, not the report (None comes in its place):
    a report is far larger than its rendering, and copying it between
    processes would keep the main process busy.
    """
    options = options or ExtractOptions()
    files = [Path(f) for f in files]
    cache = ReportCache(options.cache_dir) if options.cache_dir is not None else None
    addresses = [options.addresses.get(f) for f in files]
    keys = [cache.key(f, a) for f, a in zip(files, addresses)] if cache else [None] * len(files)
    # Only existence is checked here: a cached report is read by whoever
    # renders it, one at a time, so a warm rebuild of 10,000 reports holds one.
    tasks = [
        (f, key, cache is not None and key in cache, a) for f, key, a in zip(files, keys, addresses)
    ]
    results = _run(tasks, options, cache, render, reports)
    for i, ((path, *_), (outcome, rendered)) in enumerate(zip(tasks, results), 1):
        if progress:
            progress(i, len(files), path)
        yield (
            path,
            None if not reports and isinstance(outcome, ExtractedReport) else outcome,
            rendered,
        )


# A file, its cache key, whether the cache has it, and its web address if given.
_Task = tuple[Path, "str | None", bool, "str | None"]
_Result = tuple["Outcome | None", Any]
# What renders a report in the worker that extracted it (see extract_rendered).
_Render = Callable[[ExtractedReport], Any]
# A worker's cache, render function and whether it sends reports back.
_Setup = tuple[ReportCache | None, _Render | None, bool]


def _run(
    tasks: list[_Task],
    options: ExtractOptions,
    cache: ReportCache | None,
    render: _Render | None,
    reports: bool,
) -> Iterator[_Result]:
    if options.engine == "spark":
        return _run_spark(tasks, options, cache, render)
    workers = min(options.workers(), len(tasks) // max(1, options.min_per_worker))
    if workers <= 1:
        return _serial(tasks, cache, render)
    return _pool_map(tasks, workers, (cache, render, reports))


def _serial(
    tasks: list[_Task], cache: ReportCache | None, render: _Render | None
) -> Iterator[_Result]:
    if not tasks:
        return
    warm_up()
    # The loaded vocabularies and gazetteer are millions of objects that live as long as
    # the process; walking them at every full collection costs about a tenth of the time.
    # Frozen objects are skipped until unfreeze(), which gives the caller's objects back.
    gc.freeze()
    try:
        for task in tasks:
            yield _process(task, cache, render)
    finally:
        gc.unfreeze()


def _process(task: _Task, cache: ReportCache | None, render: _Render | None) -> tuple[Outcome, Any]:
    """Read one report from the cache or extract (and cache) it, then render it."""
    path, key, hit, address = task
    # A hit is only ever listed with a cache.
    outcome: Outcome | None = cache.get(key, path) if hit and cache is not None else None
    if outcome is None:  # a miss, or an entry damaged since it was listed
        outcome = extract_one(path, address)
        if cache is not None and isinstance(outcome, ExtractedReport):
            cache.put(key, outcome)
    return outcome, _rendered(outcome, render)


def _rendered(outcome: Outcome, render: _Render | None) -> Any:
    return render(outcome) if render and isinstance(outcome, ExtractedReport) else None


def _run_spark(
    tasks: list[_Task], options: ExtractOptions, cache: ReportCache | None, render: _Render | None
) -> Iterator[_Result]:

    missing = [path for path, _, hit, _ in tasks if not hit]
    extracted = iter(
        extract_with_spark(
            missing,
            master=options.spark_master,
            shards_dir=options.shards_dir,
            shard=options.shard,
            addresses=options.addresses,
        )
        if missing
        else ()
    )
    for task in tasks:
        path, key, hit, _ = task
        if hit:
            yield _process(task, cache, render)
            continue
        done_path, outcome = next(extracted)
        if done_path != path:  # the engines keep order; a mismatch is a bug
            raise RuntimeError(f"extraction out of order: {done_path} for {path}")
        if cache is not None and isinstance(outcome, ExtractedReport):
            cache.put(key, outcome)
        yield outcome, _rendered(outcome, render)


def _pool_map(tasks: list[_Task], workers: int, setup: _Setup) -> Iterator[_Result]:
    # fork shares the parent's loaded vocabularies and gazetteer copy-on-write;
    # spawn (other platforms) loads them once per worker in _warm_up.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "fork":
        # Loaded here once, before the fork, instead of in each worker: 0.8 s of CPU a
        # worker, which the workers spent beside each other while this process waited.
        # Frozen as a worker freezes them (_start_worker): they live as long as the process,
        # and every full collection here would walk them again (a build unfreezes at its end).
        warm_up()
        gc.freeze()
    # Small chunks keep both cores busy to the end; reports take milliseconds each.
    chunk = max(1, min(4, len(tasks) // (workers * 8)))
    # A bounded window of reports in flight: imap would otherwise hand out every task at
    # once, and when the main process appends results slower than the workers make them,
    # the finished ones (megabytes each) pile up in its memory.  The window holds several
    # chunks per worker, so a worker never waits for the feeder.
    window = threading.BoundedSemaphore(chunk * workers * 3)
    stop = threading.Event()

    def feed() -> Iterator[_Task]:
        for task in tasks:
            # Waits in turns, so that a pool shut down early (an error, Ctrl-C) can join
            # the thread that runs this.
            while not window.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield task

    with context.Pool(workers, initializer=_start_worker, initargs=setup) as pool:
        try:
            for packed, rendered in pool.imap(_worker, feed(), chunksize=chunk):
                window.release()
                yield unpack(packed), rendered
        finally:
            stop.set()


_worker_setup: _Setup = (None, None, True)


def _start_worker(cache: ReportCache | None, render: _Render | None, reports: bool) -> None:
    global _worker_setup
    _worker_setup = (cache, render, reports)
    warm_up()
    gc.freeze()  # see _serial; a worker's loaded tables live as long as it does


def _worker(task: _Task) -> tuple[Packed, Any]:
    cache, render, reports = _worker_setup
    outcome, rendered = _process(task, cache, render)
    if not reports and isinstance(outcome, ExtractedReport):
        return ("none",), rendered
    return pack(outcome), rendered


@contextlib.contextmanager
def beside(work: Callable[[], object]) -> Iterator[None]:
    """Run ``work`` in a forked copy of this process while the ``with`` block runs here.

    Leaving the block waits for ``work`` and raises what it raised (a
    :class:`RuntimeError` with its traceback when that cannot be sent back);
    an error in the block stops it first.  A build runs the end outputs that
    need no more than what the reports gave this way, beside the ones that
    wait for the corpus analyses, so both cores work at the end.  Where there
    is no ``fork`` (Windows), or when other threads run (a fork copies only this
    one, and a lock another held would stay locked in the copy), ``work`` runs
    first, here.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with beside(lambda: (d / "a.txt").write_text("made beside")):
    ...     pass
    >>> (d / "a.txt").read_text()
    'made beside'
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        work()
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: never returns into the caller's code
        os.close(read)
        code = 0
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 (sent back whatever it is)
            code = 1
            try:
                message = pickle.dumps(exc)
                pickle.loads(message)  # some errors pickle but cannot be made again
            except Exception:  # noqa: BLE001 (an error that does not make the trip)
                message = pickle.dumps(RuntimeError(traceback.format_exc()))
            with contextlib.suppress(OSError):
                os.write(write, message)
        finally:
            os._exit(code)  # no cleanup: the files and buffers are the caller's
    os.close(write)
    try:
        yield
    except BaseException:
        os.kill(pid, signal.SIGTERM)
        raise
    finally:
        with os.fdopen(read, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
    if sent:
        raise pickle.loads(sent)  # written by the copy forked above, nothing else
    if status:
        raise RuntimeError(f"the process writing outputs beside the build stopped ({status})")
