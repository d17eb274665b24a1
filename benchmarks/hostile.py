"""Time and peak memory of the worst hostile input of each kind (issue 12).

Usage: python benchmarks/hostile.py [--work DIR] [--only NAME,...]

Builds each hostile input under ``--work`` (default /tmp/fazhi-hostile; nothing
is committed: the zip bomb and the 300 MB literal are made here), runs the
command that once failed on it in a fresh process, and prints one row per
input: what happened (exit code or HTTP status, and the first words of the
message), wall time, and the peak resident memory of the whole process tree
(the command and any worker processes, sampled every 20 ms).  The figures go
to BENCHMARKS.md, "Hostile input".
"""

from __future__ import annotations

import argparse
import http.server
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KG = [sys.executable, "-c", "from kg.cli import console; console()"]


# --- measuring a process tree --------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeSampler:
    """Peak of the summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))
            time.sleep(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


@dataclass
class Row:
    kind: str
    case: str
    outcome: str
    seconds: float
    peak_mib: float


def run_command(argv: list[str], timeout: float = 900) -> tuple[int, str, float, float]:
    """(exit code, first line of stderr, seconds, peak MiB of the tree)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(process.pid)
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        err = f"(killed after {timeout:g} s) " + err
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    first = next((line for line in err.splitlines() if line.strip()), "")
    return process.returncode, first, seconds, peak / 2**20


def _short(message: str, width: int = 110) -> str:
    message = re.sub(r"/\S*/", "", message)  # paths: the file names say enough
    return message if len(message) <= width else message[: width - 1] + "…"


# --- inputs ---------------------------------------------------------------------------------------


def billion_laughs() -> str:
    entities = '<!ENTITY a "aaaaaaaaaa">\n' + "".join(
        f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">\n' for i in range(9)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/">'
        '<rdf:Description rdf:about="http://a"><x:p>&j;</x:p></rdf:Description></rdf:RDF>\n'
    )


def deep_jsonld(depth: int) -> str:
    return (
        '{"@id": "http://a", "http://x/p": ' + '{"http://x/q": ' * depth + '"v"' + "}" * depth + "}"
    )


def zip_bomb_docx(unpacked: int) -> bytes:
    from tests.ingest.test_formats import make_docx

    good = zipfile.ZipFile(io.BytesIO(make_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in good.infolist():
            bomb.writestr(item, good.read(item))
        with bomb.open("word/document2.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**24
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def report_text(town: str = "青禾镇") -> str:
    return (
        f"浙江省松阳县{town}人民政府\n关于{town}2023年度法治政府建设工作情况的报告\n"
        "一、主要举措和成效\n严格落实合法性审查制度。\n二、存在的不足\n普法宣传还未实现全覆盖。\n"
    )


# --- the cases ------------------------------------------------------------------------------------


def query_cases(work: Path) -> list[Row]:
    rows = []
    listener = _Listener()
    port = listener.port
    files = {
        "lol.rdf": ("billion laughs RDF/XML", billion_laughs()),
        "deep.jsonld": ("JSON-LD nested 20,000 deep", deep_jsonld(20_000)),
        "remote.jsonld": (
            "JSON-LD with a remote @context",
            f'{{"@context": "http://127.0.0.1:{port}/ctx", "@id": "http://a", "x:p": "v"}}',
        ),
        "file.jsonld": (
            "JSON-LD with a file:// @context",
            '{"@context": "file:///etc/hostname", "@id": "http://a", "x:p": "v"}',
        ),
    }
    for name, (_, text) in files.items():
        (work / name).write_text(text, "utf-8")
    big = work / "literal.ttl"
    if not big.exists():
        with big.open("w", encoding="utf-8") as handle:
            handle.write('<http://a> <http://b> "')
            for _ in range(300):
                handle.write("x" * 2**20)
            handle.write('" .\n')
    files["literal.ttl"] = ("300 MB literal in a .ttl", "")
    for name, (what, _) in files.items():
        for engine in ("oxigraph", "rdflib"):
            argv = [*KG, "query", str(work / name), "-e", "ASK { ?s ?p ?o }", "--engine", engine]
            code, err, seconds, peak = run_command(argv)
            rows.append(
                Row(
                    "5 graph files",
                    f"{what} (`{name}`, {engine})",
                    f"exit {code}: {_short(err)}; requests seen: {len(listener.hits)}",
                    seconds,
                    peak,
                )
            )
    bypass = (
        "SELECT * WHERE { VALUES ?z { <http://x/\\u0041#> } "
        f"SERVICE <http://127.0.0.1:{port}/x> {{?a ?b ?c}} }}"
    )
    code, err, seconds, peak = run_command([*KG, "query", str(work / "ex"), "-e", bypass])
    rows.append(
        Row(
            "1 SERVICE",
            "`kg query` with the `\\u0041#` SERVICE bypass",
            f"exit {code}: {_short(err)}; requests seen: {len(listener.hits)}",
            seconds,
            peak,
        )
    )
    listener.close()
    values = " ".join(f'"青禾镇{i}"@zh' for i in range(20_000))
    longest = "SELECT ?t WHERE { ?t rdfs:label ?l VALUES ?l { " + values + " } }"
    longest = longest[: 100_000 - 4].rsplit(" ", 1)[0] + " } }"
    for text in (longest, longest.replace("VALUES", "VALUES " + " " * (100_001 - len(longest)), 1)):
        query = work / "long.rq"  # one argument may hold 128 KB at most: a file then
        query.write_text(text, "utf-8")
        code, err, seconds, peak = run_command([*KG, "query", str(work / "ex"), str(query)])
        rows.append(
            Row(
                "2 query length",
                f"`kg query` with a query of {len(text):,} characters",
                f"exit {code}" + (f": {_short(err)}" if code else ""),
                seconds,
                peak,
            )
        )
    return rows


def ingest_cases(work: Path) -> list[Row]:
    from tests.ingest.test_formats import page_tree_pdf

    rows = []
    cases: list[tuple[str, str, Callable[[Path], None]]] = [
        ("a FIFO named pipe.txt", "fifo", lambda d: os.mkfifo(d / "pipe.txt")),
        ("a link to /dev/zero", "zero", lambda d: os.symlink("/dev/zero", d / "zero.txt")),
        (
            "a .docx unpacking to 4 GiB (zip bomb)",
            "bomb",
            lambda d: (d / "bomb.docx").write_bytes(zip_bomb_docx(4 * 2**30)),
        ),
        (
            "a 4.5 KB PDF of 99,225 pages",
            "pages",
            lambda d: (d / "pages.pdf").write_bytes(page_tree_pdf(315, 2)),
        ),
        (
            "a 1 KB PDF of 2**30 pages",
            "pages30",
            lambda d: (d / "pages.pdf").write_bytes(page_tree_pdf(2, 30)),
        ),
        ("a report 1,200 folders deep (8,400-character path)", "deep", _deep_folder),
        ("a file name in Latin-1 (not UTF-8)", "latin1", _latin1_name),
        (
            "an election sentence of one 495,000-character clause",
            "clause",
            lambda d: (d / "clause.txt").write_text(
                report_text() + "选举" + "工作为重点" * 99_000 + "。", "utf-8"
            ),
        ),
        (
            "one post and name 20,000 times, nothing closing the name",
            "names",
            lambda d: (d / "names.txt").write_text(
                report_text() + "".join(f"派出所教导员张伟整队{i}，" for i in range(20_000)),
                "utf-8",
            ),
        ),
    ]
    for what, name, make in cases:
        folder = work / "in" / name
        if folder.exists():
            remove_deep(folder)
        folder.mkdir(parents=True)
        (folder / "ok.txt").write_text(report_text(), "utf-8")
        make(folder)
        # Regular files at the top only: the deep folder cannot be walked by path.
        size = sum(
            e.stat(follow_symlinks=False).st_size
            for e in os.scandir(folder)
            if e.is_file(follow_symlinks=False)
        )
        argv = [
            *KG,
            "build",
            str(folder),
            "-o",
            str(work / "out" / name),
            "--formats",
            "ttl,problems",
        ]
        code, _, seconds, peak = run_command(argv, timeout=600)
        problems = work / "out" / name / "problems.jsonl"
        records = problems.read_text("utf-8").splitlines() if problems.exists() else []
        skipped = [r for r in records if '"skipped"' in r]
        reason = (skipped or records or ["no problem"])[0]
        rows.append(
            Row(
                "7/11 input files",
                f"{what} ({size / 2**10:,.0f} KB on disk)",
                f"exit {code}: {_short(reason)}",
                seconds,
                peak,
            )
        )
    return rows


def remove_deep(folder: Path) -> None:
    # The tests' function: shutil.rmtree recurses and fails on 1,200 levels.
    from tests.test_robustness import remove_deep as remove

    remove(folder)


def _deep_folder(folder: Path) -> None:
    """1,200 folders named `nested` (8,400 characters, past PATH_MAX), made level by level."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(1200):
            os.mkdir("nested", dir_fd=fd)
            inner = os.open("nested", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
            handle.write(report_text("深镇"))
    finally:
        os.close(fd)


def _latin1_name(folder: Path) -> None:
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(report_text("咖啡镇").encode("utf-8"))


def output_cases(work: Path) -> list[Row]:
    rows = []
    good = work / "good-out"
    reports = work / "in" / "seeds"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "r.txt").write_text(report_text(), "utf-8")
    run_command([*KG, "build", str(reports), "-o", str(good), "-q", "--formats", "ttl,summary"])
    before = (good / "graph.ttl").read_bytes()
    code, err, seconds, peak = run_command(
        [*KG, "build", str(work / "in" / "sedes"), "-o", str(good)]
    )
    kept = (good / "graph.ttl").read_bytes() == before
    rows.append(
        Row(
            "8 typo",
            "`kg build sedes -o good-out`",
            f"exit {code}: {_short(err)}; graph kept: {kept}",
            seconds,
            peak,
        )
    )
    blocker = work / "a-file"
    blocker.write_text("x", "utf-8")
    code, err, seconds, peak = run_command([*KG, "build", str(reports), "-o", str(blocker)])
    rows.append(Row("11 output", "`-o` names a file", f"exit {code}: {_short(err)}", seconds, peak))
    inside = work / "in" / "inside"
    shutil.rmtree(inside, ignore_errors=True)
    inside.mkdir(parents=True)
    (inside / "r.txt").write_text(report_text(), "utf-8")
    (inside / "README.md").write_text("# 说明\n" + report_text("说明镇"), "utf-8")
    for _ in (1, 2):  # the second run meets the first one's outputs
        code, err, seconds, peak = run_command(
            [
                *KG,
                "build",
                str(inside),
                "-o",
                str(inside / "outputs"),
                "-q",
                "--formats",
                "ttl,summary,html",
            ]
        )
    summary = (inside / "outputs" / "summary.json").read_text("utf-8")
    reports_read = re.search(r'"reports": (\d+)', summary).group(1)
    rows.append(
        Row(
            "9 non-reports",
            "second `kg build . -o outputs` with a README.md",
            f"exit {code}; reports read: {reports_read}",
            seconds,
            peak,
        )
    )
    return rows


class _Listener:
    """A local HTTP server that counts requests (none may come)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                hits.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def serve_cases(work: Path) -> list[Row]:
    rows = []
    process = subprocess.Popen(
        [*KG, "serve", str(work / "ex"), "--port", "0"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The endpoint's line comes after the explorer's (site: N units ... indexed).
    found = None
    while found is None:
        line = process.stderr.readline()
        if not line:
            raise SystemExit(f"kg serve stopped before saying where it serves ({process.wait()})")
        found = re.search(r"http://127\.0\.0\.1:\d+/sparql", line)
    url = found.group()
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    listener = _Listener()

    def ask(body: bytes | None = None, query: str | None = None, headers=None, timeout=120):
        target = url + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
        request = urllib.request.Request(target, data=body, headers=headers or {})
        sampler = TreeSampler(process.pid)
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, text = response.status, response.read(200).decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read(300).decode("utf-8", "replace")
        except OSError as exc:
            status, text = 0, str(exc)
        seconds = time.perf_counter() - start
        return (
            status,
            text.strip().splitlines()[0] if text.strip() else "",
            seconds,
            sampler.stop() / 2**20,
        )

    try:
        status, text, seconds, peak = _huge_post(process.pid, port, 100 * 2**20)
        rows.append(
            Row("2 request size", "a 100 MB POST body", f"{status}: {_short(text)}", seconds, peak)
        )
        greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f"
        status, text, seconds, peak = ask(query=greedy)
        rows.append(
            Row(
                "2 query memory",
                f"`{greedy}` ({len(greedy)} bytes)",
                f"{status}: {_short(text)}",
                seconds,
                peak,
            )
        )
        bypass = (
            "SELECT * WHERE { VALUES ?z { <http://x/\\u0041#> } "
            f"SERVICE <http://127.0.0.1:{listener.port}/x> {{?a ?b ?c}} }}"
        )
        status, text, seconds, peak = ask(query=bypass)
        rows.append(
            Row(
                "1 SERVICE",
                "GET with the `\\u0041#` SERVICE bypass",
                f"{status}: {_short(text)}; requests seen: {len(listener.hits)}",
                seconds,
                peak,
            )
        )
        status, text, seconds, peak = ask(
            query="ASK { ?s ?p ?o }", headers={"Host": "evil.example:7879"}
        )
        rows.append(
            Row(
                "1 DNS rebinding",
                "`Host: evil.example`",
                f"{status}: {_short(text)}",
                seconds,
                peak,
            )
        )
        slow = []
        for _ in range(120):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /sparql?query=ASK")
            slow.append(sock)
        time.sleep(1)
        status, text, seconds, peak = ask(query="ASK { ?s ?p ?o }", timeout=60)
        rows.append(
            Row(
                "3 slow clients",
                "a new client while 120 connections hold half-sent requests",
                f"{status}: {_short(text)}",
                seconds,
                peak,
            )
        )
        for sock in slow:
            sock.close()
    finally:
        process.terminate()
        process.wait(30)
        listener.close()
    return rows


def _huge_post(pid: int, port: int, size: int) -> tuple[int, str, float, float]:
    """Announce a body of ``size`` bytes, send until the server answers or closes."""
    sampler = TreeSampler(pid)
    start = time.perf_counter()
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/sparql-query\r\n"
        b"Content-Length: %d\r\n\r\n" % size
    )
    chunk, sent = b"A" * 2**20, 0
    try:
        while sent < size:
            sock.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass  # the server closed the connection
    try:
        answer = sock.recv(4096).decode("latin-1")
    except OSError:
        answer = ""
    sock.close()
    seconds = time.perf_counter() - start
    status = int(answer.split()[1]) if answer.startswith("HTTP/") else 0
    body = answer.split("\r\n\r\n", 1)[-1].strip().splitlines()
    sent_text = f"{sent / 2**20:.0f} MB sent before the answer"
    return status, f"{body[0] if body else ''} ({sent_text})", seconds, sampler.stop() / 2**20


def cache_cases(work: Path) -> list[Row]:
    import pickle

    rows = []
    folder = work / "in" / "cache"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "r.txt").write_text(report_text(), "utf-8")
    out = work / "out" / "cache"
    shutil.rmtree(out, ignore_errors=True)
    run_command([*KG, "build", str(folder), "-o", str(out), "-q", "--formats", "ttl"])
    marker = work / "pwned"
    marker.unlink(missing_ok=True)

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for entry in (out / ".cache").rglob("*.json"):
        entry.write_bytes(pickle.dumps(Evil()))
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(Evil()))
    code, err, seconds, peak = run_command(
        [*KG, "build", str(folder), "-o", str(out), "-q", "--formats", "ttl"]
    )
    rows.append(
        Row(
            "4 cache",
            "a pickle planted in OUT/.cache",
            f"exit {code}; code ran: {marker.exists()}",
            seconds,
            peak,
        )
    )
    rows.append(_cache_read_cost())
    return rows


def _cache_read_cost() -> Row:
    """Reading one cached report: the JSON entry against the pickle it replaced."""
    import json
    import pickle

    from kg.run.cache import decode_report, encode_report
    from kg.run.report import extract_report

    reports = [extract_report(p) for p in sorted((ROOT / "examples" / "reports").iterdir())]
    entries = [json.dumps(encode_report(r), ensure_ascii=False).encode() for r in reports]
    pickles = [pickle.dumps(r) for r in reports]
    timings = {}
    for name, load, data in (
        ("JSON", lambda b: decode_report(json.loads(b)), entries),
        ("pickle", pickle.loads, pickles),
    ):
        start = time.perf_counter()
        for _ in range(10):
            for blob in data:
                load(blob)
        timings[name] = (time.perf_counter() - start) / (10 * len(data)) * 1000
    size = sum(map(len, entries)) / len(entries) / 2**10
    return Row(
        "4 cache",
        f"reading one cached example report ({size:.0f} KB of JSON)",
        f"JSON {timings['JSON']:.1f} ms (pickle was {timings['pickle']:.1f} ms)",
        timings["JSON"] / 1000,
        0,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-hostile"))
    parser.add_argument("--only", default="query,ingest,output,serve,cache")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "ex" / "graph.trig").exists():
        run_command(
            [
                *KG,
                "build",
                "examples/reports",
                "-o",
                str(work / "ex"),
                "-q",
                "--formats",
                "ttl,trig",
            ]
        )
    groups = {
        "query": query_cases,
        "ingest": ingest_cases,
        "output": output_cases,
        "serve": serve_cases,
        "cache": cache_cases,
    }
    print("| item | worst input | what happened | time | peak memory |")
    print("|---|---|---|---|---|")
    for name in args.only.split(","):
        for row in groups[name](work):
            print(
                f"| {row.kind} | {row.case} | {row.outcome} | {row.seconds:.2f} s | "
                f"{row.peak_mib:,.0f} MiB |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
