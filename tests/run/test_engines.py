"""Extraction in a process pool: same outcomes, same order, same graph as serial."""

from __future__ import annotations

import functools
import os

import pytest
from rdflib.compare import isomorphic

from kg.errors import InputError, UsageError
from kg.graph.triples import build_graph
from kg.pipeline import build, report_output
from kg.run import engines
from kg.run.cache import ReportCache
from kg.run.engines import (
    MIN_REPORTS_PER_WORKER,
    ExtractOptions,
    beside,
    extract_files,
    extract_rendered,
)
from kg.run.report import pack, unpack


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"jobs": -1}, "--jobs"),
        ({"engine": "dask"}, "unknown engine"),
    ],
)
def test_bad_options_are_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message):
        ExtractOptions(**kwargs)


@pytest.mark.parametrize(
    "outcome",
    [
        InputError("a.txt", "file is empty", "remove it"),
        InputError("b.txt", "binary file"),
        UsageError("bad option"),
    ],
)
def test_errors_survive_the_trip_between_processes(outcome):
    import pickle

    back = unpack(pickle.loads(pickle.dumps(pack(outcome))))
    assert type(back) is type(outcome) and str(back) == str(outcome)


def test_pool_matches_serial_on_seeds(seed_files, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [*seed_files, empty]
    seen: list[int] = []
    serial = list(extract_files(files, options=ExtractOptions(jobs=1)))
    pooled = list(
        extract_files(
            files, lambda i, n, p: seen.append(i), ExtractOptions(jobs=2, min_per_worker=1)
        )
    )
    assert [p for p, _ in pooled] == files  # input order kept
    assert seen == list(range(1, len(files) + 1))
    assert isinstance(pooled[-1][1], InputError) and str(pooled[-1][1]) == str(serial[-1][1])
    assert [r.mentions for _, r in pooled[:-1]] == [r.mentions for _, r in serial[:-1]]
    assert isomorphic(
        build_graph(r for _, r in pooled[:-1]), build_graph(r for _, r in serial[:-1])
    )


def test_build_with_jobs_equals_serial_build(example_files):
    plain = build(example_files, validate_graph=False)
    pooled = build(
        example_files, validate_graph=False, extraction=ExtractOptions(jobs=2, min_per_worker=1)
    )
    assert isomorphic(plain.graph, pooled.graph)
    assert {(p.path, p.category) for p in plain.problems} == {
        (p.path, p.category) for p in pooled.problems
    }


def test_rendering_runs_with_extraction_and_reads_the_cache(example_files, tmp_path):
    render = functools.partial(report_output, formats=("nt",))  # what a build runs

    def texts(options=None):
        return [
            o.fragment.text
            for _, _, o in extract_rendered(example_files, options=options, render=render)
        ]

    serial = texts()
    options = ExtractOptions(jobs=2, cache_dir=tmp_path, min_per_worker=1)
    assert texts(options) == texts(options) == serial  # cold cache, then warm


def test_an_entry_damaged_after_listing_is_extracted_again(example_files, tmp_path, monkeypatch):
    options = ExtractOptions(cache_dir=tmp_path)
    first = [r.mentions for _, r in extract_files(example_files[:2], options=options)]
    monkeypatch.setattr(ReportCache, "get", lambda self, key, path: None)
    again = [r.mentions for _, r in extract_files(example_files[:2], options=options)]
    assert again == first


@pytest.mark.parametrize(
    ("reports", "jobs", "pooled"),
    [
        (1, 2, False),
        (2 * MIN_REPORTS_PER_WORKER - 1, 2, False),
        (2 * MIN_REPORTS_PER_WORKER, 2, True),
        (10, 1, False),
    ],
)
def test_a_small_batch_runs_in_one_process_whatever_jobs_asks(
    tmp_path, monkeypatch, reports, jobs, pooled
):
    """Under MIN_REPORTS_PER_WORKER reports a worker, fewer workers start (4 a worker where
    workers are forked, 16 where each loads the vocabularies itself)."""
    import kg.run.engines as engines

    started = []
    monkeypatch.setattr(
        engines, "_pool_map", lambda tasks, workers, setup: started.append(workers) or iter(())
    )
    monkeypatch.setattr(engines, "_serial", lambda tasks, cache, render: iter(()))
    files = [tmp_path / f"{i}.txt" for i in range(reports)]
    list(
        engines._run([(f, None, False) for f in files], ExtractOptions(jobs=jobs), None, None, True)
    )
    assert started == ([2] if pooled else [])


def _fail(error: Exception) -> None:
    raise error


@pytest.fixture
def forking(monkeypatch):
    """``beside`` forks as in a build, whatever threads other tests left running
    (the suite's servers); the work forked here takes no lock another thread holds."""
    monkeypatch.setattr(engines.threading, "active_count", lambda: 1)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (UsageError("no font with Chinese glyphs"), UsageError),
        (InputError("a.txt", "no space left", "free some"), RuntimeError),  # does not pickle back
        (OSError(28, "No space left on device"), OSError),
    ],
)
def test_an_error_beside_the_build_reaches_the_build(forking, error, expected):
    with pytest.raises(expected), beside(functools.partial(_fail, error)):
        pass


def test_work_beside_the_build_is_done_when_the_block_ends(forking, tmp_path):
    target = tmp_path / "made.txt"
    with beside(lambda: target.write_text("made beside", "utf-8")):
        made_here = (tmp_path / "here.txt").write_text("made here", "utf-8")
    assert target.read_text("utf-8") == "made beside" and made_here == 9


def test_an_error_in_the_build_stops_the_work_beside_it(forking, tmp_path):
    target = tmp_path / "late.txt"
    work = functools.partial(_sleep_then_write, target)
    with pytest.raises(KeyError), beside(work):
        raise KeyError("the build failed")
    assert not target.exists()


def _sleep_then_write(target) -> None:
    import time

    time.sleep(5)
    target.write_text("too late", "utf-8")


@pytest.mark.parametrize(("threads", "runs_here"), [(1, False), (2, True)])
def test_work_beside_runs_here_while_other_threads_run(monkeypatch, threads, runs_here):
    # A fork copies only the calling thread; with others running the work is done in
    # this process (its effect on this process's memory shows it), before the block.
    monkeypatch.setattr(engines.threading, "active_count", lambda: threads)
    done: list[int] = []
    with beside(lambda: done.append(os.getpid())):
        pass
    assert (done == [os.getpid()]) is runs_here
