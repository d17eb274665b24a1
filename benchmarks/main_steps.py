"""CPU seconds of a build's main process, step by step (``time.thread_time`` around each step).

The build runs as ``kg build`` does (every output, ``--no-cache``), in this
process, with the functions the main thread calls per report or per chunk
wrapped in a timer, so the figures stay near an untimed build's, unlike a
profiler's; a generator (the research analyses' rows and triples) is timed
at each item it yields, which adds about a microsecond an item (0.1-0.4 s
of a 1,000-report build).  Each step is given with what it spent itself,
outside the timed steps inside it; garbage collection apart (a collection
in one of the pool's threads is taken from the step the main thread is in,
so a step's own time can come out below zero).  The main
thread's CPU, and the whole process's (the pool's threads receive and
unpickle the workers' results), are given while the reports come in and
after the last one; the workers' CPU is not counted, the forked processes'
of the end (the early outputs, the research tables) is given apart.

Usage::

    python benchmarks/main_steps.py CORPUS [BUILD OPTIONS ...]   # e.g. --jobs 2
"""

from __future__ import annotations

import time

START = time.process_time()

import functools  # noqa: E402 (after the clock: the imports are part of the cost)
import gc  # noqa: E402
import importlib  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

#: What is timed: (module, attribute) of a function, or (module, "Class.method").
STEPS = [
    ("kg.pipeline", "extract_rendered"),  # results received from the workers (a generator)
    ("kg.pipeline", "_classify"),
    ("kg.pipeline", "_Sinks.add"),
    ("kg.pipeline", "_Sinks.add_triples"),
    ("kg.pipeline", "_Sinks.finish"),
    ("kg.pipeline", "_add_analyses"),
    ("kg.pipeline", "write_outputs"),
    ("kg.pipeline", "write_site"),
    ("kg.pipeline", "fragment_of"),
    ("kg.pipeline", "node_objects"),
    ("kg.pipeline", "fragment_trig"),
    ("kg.pipeline", "trig_graph"),  # before fragment_trig
    ("kg.pipeline", "knowledge_view"),
    ("kg.pipeline", "town_mechanism_view"),
    ("kg.pipeline", "render_html"),
    ("kg.pipeline", "overview_note"),
    ("kg.output.html", "layout_positions"),
    ("kg.graph.stream", "GraphFiles.add_fragment"),
    ("kg.graph.stream", "GraphFiles.commit"),
    ("kg.run.spool", "SpoolReader.write"),
    ("kg.output.rdf", "JsonLdFile.add"),
    ("kg.output.tables", "EntityTable.add"),
    ("kg.output.tables", "NetworkFiles.add"),
    ("kg.output.tables", "NetworkFiles.finish"),
    ("kg.output.views", "ViewData.add"),
    ("kg.graph.validate", "Checker.add"),
    ("kg.graph.validate", "Checker.report"),
    ("kg.analysis.facts", "TownFacts.add"),
    ("kg.output.research_build", "ResearchOutputs.add"),
    ("kg.output.research_build", "ResearchOutputs.finish"),
    ("kg.output.research_build", "ResearchOutputs.write"),
    ("kg.output.research_build", "scorecard_rows"),
    ("kg.output.research_build", "indicator_rows"),
    ("kg.output.research_build", "series_of"),
    ("kg.output.research_build", "_light"),
    ("kg.output.research_build", "rows_csv"),
    ("kg.output.research_build", "entries_page"),
    ("kg.output.research_build", "scorecard_page"),  # before entries_page
    ("kg.output.research_build", "copies_in_table"),
    ("kg.output.research_build", "copies_csv"),
    ("kg.output.research_build", "unit_changes"),
    ("kg.output.research_build", "iter_panel_rows"),
    ("kg.output.research_build", "iter_first_years"),
    ("kg.output.research_build", "adoption_curves"),
    ("kg.output.research_build", "_Sink.write"),
    ("kg.output.research_rdf", "scorecard_triples"),
    ("kg.output.research_rdf", "indicator_triples"),
    ("kg.output.research_rdf", "copy_triples"),
    ("kg.output.research_rdf", "change_triples"),
    ("kg.output.research_rdf", "first_naming_triples"),
    ("kg.analysis.profile", "ProfileWriter.profiles"),
    ("kg.analysis.profile", "ProfileWriter.read"),
    ("kg.analysis.profile", "ProfileWriter.add"),
    ("kg.analysis.profile", "ProfileWriter.commit"),
    ("kg.output.outset", "OutputSet.commit"),
]

stats: dict[str, list[float]] = {}  # name -> [calls, inclusive s, own s]
stack: list[list[Any]] = []  # [name, seconds of timed steps inside]
clock = time.thread_time  # the main thread's: the pool's threads receive results beside it
marks: dict[str, tuple[float, float, float]] = {}  # moment -> (thread, process CPU, wall)


def _mark(moment: str) -> None:
    marks[moment] = (clock(), time.process_time(), time.perf_counter())


def _record(name: str, spent: float, inner: float) -> None:
    row = stats.setdefault(name, [0, 0.0, 0.0])
    row[0] += 1
    row[1] += spent
    row[2] += spent - inner
    if stack:
        stack[-1][1] += spent


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        stack.append([name, 0.0])
        try:
            result = fn(*args, **kwargs)
        finally:
            _record(name, clock() - start, stack.pop()[1])
        if hasattr(result, "__next__") and hasattr(result, "send"):  # a generator: its steps
            return _steps(name, result)
        return result

    return call


def _steps(name: str, gen: Iterator[Any]) -> Iterator[Any]:
    try:
        while True:
            start = clock()
            stack.append([name, 0.0])
            try:
                item = next(gen)
            except StopIteration:
                if name == "extract_rendered":
                    _mark("last report in")
                return
            finally:
                _record(name, clock() - start, stack.pop()[1])
            yield item
    finally:
        close = getattr(gen, "close", None)
        if close:
            close()


def _phases() -> None:
    """CPU of the main thread and of the whole process, and wall, between the moments."""
    names = [m for m in ("start", "last report in", "end") if m in marks]
    for a, b in zip(names, names[1:]):
        (t0, p0, w0), (t1, p1, w1) = marks[a], marks[b]
        print(
            f"{a} -> {b}: main thread {t1 - t0:.2f} s CPU, process {p1 - p0:.2f} s CPU "
            f"(its other threads {p1 - p0 - (t1 - t0):.2f}), wall {w1 - w0:.2f} s"
        )
    for what in ("the end outputs", "the research tables"):
        if f"{what} child" in marks:
            print(
                f"forked process of {what}: {marks[f'{what} child'][1]:.2f} s CPU, "
                f"the build waited {marks[f'{what} wait'][2]:.2f} s for it"
            )


class _beside:
    """kg.pipeline.beside, noting the forked process's CPU and how long the build waited."""

    def __init__(self, beside: Callable[..., Any], what: str) -> None:
        self.beside = beside
        self.what = what

    def __call__(self, work: Callable[[], object]) -> Any:
        import contextlib
        import os

        def timed_work() -> object:
            try:
                return work()
            finally:
                cpu = time.process_time()
                os.write(write, repr(cpu).encode())
                os.close(write)

        read, write = os.pipe()

        @contextlib.contextmanager
        def block() -> Iterator[None]:
            with self.beside(timed_work):
                yield
                waited = time.perf_counter()
            marks[f"{self.what} wait"] = (0.0, 0.0, time.perf_counter() - waited)
            os.close(write)
            cpu = float(os.read(read, 100) or 0)
            os.close(read)
            marks[f"{self.what} child"] = (0.0, cpu, 0.0)

        return block()


gc_start = [0.0]


def _gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        gc_start[0] = clock()
    else:
        _record("gc (collections)", clock() - gc_start[0], 0.0)


def main(argv: list[str]) -> int:
    from kg.cli import main as kg_main

    for module_name, attr in STEPS:
        module = importlib.import_module(module_name)
        owner: Any = module
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):  # (a step of older or newer code may be missing)
            setattr(owner, name, timed(attr, getattr(owner, name)))
    gc.callbacks.append(_gc)
    imported = clock()
    pipeline = importlib.import_module("kg.pipeline")
    pipeline.beside = _beside(pipeline.beside, "the end outputs")
    research = importlib.import_module("kg.output.research_build")
    if hasattr(research, "beside"):
        research.beside = _beside(research.beside, "the research tables")
    with tempfile.TemporaryDirectory(prefix="fazhi-steps-") as out:
        _mark("start")
        code = kg_main(["build", "-q", "--no-cache", "-o", out, *argv])
        _mark("end")
    total = marks["end"][0] - marks["start"][0]
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(f"exit {code}; imports {imported - START:.2f} s (with the timers)")
    print(f"rusage user+sys of this process: {own.ru_utime + own.ru_stime:.2f} s")
    _phases()
    print(f"{'step':<40} {'calls':>7} {'incl s':>8} {'own s':>8}")
    for name, (calls, incl, own_s) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"{name:<40} {int(calls):>7} {incl:>8.2f} {own_s:>8.2f}")
    tops = sum(row[2] for row in stats.values())
    print(f"{'(main thread, not in any timed step)':<40} {'':>7} {total - tops:>8.2f}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
