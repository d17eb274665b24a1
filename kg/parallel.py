"""Extract many reports: serially, in a process pool, through the cache or on Spark.

:func:`extract_files` is what :func:`kg.pipeline.extract_all` runs.  It keeps
the input order and streams: results come back one report at a time, so a
caller that folds them into a graph never holds more than the pool's
in-flight reports besides its own.

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

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.cache import ReportCache
from kg.errors import FazhiError, InputError, UsageError
from kg.model import ExtractedReport

ENGINES = ("local", "spark")

Outcome = ExtractedReport | FazhiError


@dataclass(frozen=True)
class ExtractOptions:
    """How to run extraction.

    Parameters
    ----------
    jobs : int
        Worker processes (1 runs in this process; 0 means one per core).
    cache_dir : Path, optional
        Folder of the :class:`~kg.cache.ReportCache`; no cache when None.
    engine : str
        ``local`` (this machine) or ``spark`` (a PySpark job, see :mod:`kg.spark_engine`).
    spark_master : str
        Spark master URL for the spark engine (``local[2]``, ``spark://host:7077``, ``yarn``).
    shards_dir : Path, optional
        Where the spark engine writes its N-Quads shards (one named graph per report).

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

    def __post_init__(self) -> None:
        if not isinstance(self.jobs, int) or self.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per core) or more, not {self.jobs}")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}: choose from {', '.join(ENGINES)}")

    def workers(self) -> int:
        """Number of processes to use (``jobs``, or the core count for 0)."""
        return self.jobs or (os.cpu_count() or 1)


def extract_files(files: Sequence[Path],
                  progress: Callable[[int, int, Path], None] | None = None,
                  options: ExtractOptions | None = None) -> Iterator[tuple[Path, Outcome]]:
    """Extract each file, yielding ``(path, report or error)`` in input order.

    Cached reports are served without extraction; the rest run serially, in
    a pool of ``options.jobs`` processes, or on Spark.
    """
    options = options or ExtractOptions()
    files = [Path(f) for f in files]
    cache = ReportCache(options.cache_dir) if options.cache_dir is not None else None
    keys = [cache.key(f) for f in files] if cache else [None] * len(files)
    cached = [cache.get(k, f) if cache else None for k, f in zip(keys, files)]
    todo = [f for f, hit in zip(files, cached) if hit is None]
    fresh = iter(_run(todo, options))
    for i, (path, key, hit) in enumerate(zip(files, keys, cached), 1):
        if progress:
            progress(i, len(files), path)
        if hit is not None:
            yield path, hit
            continue
        done_path, outcome = next(fresh)
        if done_path != path:  # the engines keep order; a mismatch is a bug, not bad input
            raise RuntimeError(f"extraction out of order: {done_path} for {path}")
        if cache is not None and isinstance(outcome, ExtractedReport):
            cache.put(key, outcome)
        yield path, outcome


def _run(files: list[Path], options: ExtractOptions) -> Iterator[tuple[Path, Outcome]]:
    if not files:
        return iter(())
    if options.engine == "spark":
        from kg.spark_engine import extract_with_spark
        return extract_with_spark(files, master=options.spark_master,
                                  shards_dir=options.shards_dir)
    workers = min(options.workers(), len(files))
    if workers <= 1:
        return ((f, extract_one(f)) for f in files)
    return _pool_map(files, workers)


def extract_one(path: Path) -> Outcome:
    """Extract one file, returning (not raising) the error that stopped it."""
    from kg.pipeline import extract_report
    try:
        return extract_report(path)
    except FazhiError as exc:
        return exc


def _pool_map(files: list[Path], workers: int) -> Iterator[tuple[Path, Outcome]]:
    # fork shares the parent's loaded vocabularies and gazetteer copy-on-write;
    # spawn (other platforms) loads them once per worker in _warm_up.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # Small chunks keep both cores busy to the end; reports take milliseconds each.
    chunk = max(1, min(16, len(files) // (workers * 8)))
    with context.Pool(workers, initializer=_warm_up) as pool:
        for path, packed in zip(files, pool.imap(_worker, files, chunksize=chunk)):
            yield path, _unpack(packed)


def _warm_up() -> None:
    """Load the pipeline (vocabularies, gazetteer, patterns) once per worker process."""
    from kg.structure import document_from_text
    from extractors.registry import PLACE_RESOLVER, run_extractors
    doc = document_from_text("青禾镇2023年法治政府建设情况报告\n一、主要举措\n落实合法性审查。")
    run_extractors(doc)
    PLACE_RESOLVER(doc)


def _worker(path: Path):
    return _pack(extract_one(path))


def _pack(outcome: Outcome):
    """Make an outcome picklable: InputError's constructor takes three arguments,
    which plain exception pickling does not pass back."""
    if isinstance(outcome, InputError):
        return ("input-error", outcome.path, outcome.problem, outcome.fix)
    if isinstance(outcome, FazhiError):
        return ("error", type(outcome).__name__, str(outcome))
    return ("ok", outcome)


def _unpack(packed) -> Outcome:
    kind = packed[0]
    if kind == "ok":
        return packed[1]
    if kind == "input-error":
        return InputError(*packed[1:])
    import kg.errors
    cls = getattr(kg.errors, packed[1], FazhiError)
    return cls(packed[2])
