"""Issue 7: a messy batch of real-world files never stops the build.

One build runs over a folder holding every kind of bad input the issue
names; the tables below check what happened to each file: kept (in the
graph), or reported with its category and reason.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import InputError
from kg.graph.triples import build_graph
from kg.ingest.inputs import collect_inputs
from kg.ingest.read import MAX_TEXT_CHARS, issues_of, read_report, source_from_text
from kg.ingest.structure import structure
from kg.model import EntityType, ExtractedReport
from kg.pipeline import build
from tests.ingest.test_formats import make_docx, make_pdf

ROOT = Path(__file__).resolve().parents[1]


def report(town="青禾镇", county="浙江省松阳县", year=2023, extra=""):
    return (
        f"{county}{town}人民政府\n关于{town}{year}年度法治政府建设工作情况的报告\n"
        f"一、主要举措和成效\n严格落实合法性审查制度，推行政府法律顾问制度。{extra}\n"
        f"二、存在的不足\n普法宣传还未实现全覆盖。\n三、{year + 1}年工作安排\n推进行政执法三项制度。\n"
        f"{town}人民政府\n{year + 1}年1月9日\n"
    )


HTML = (
    "<!DOCTYPE html><html><head><title>关于柏林镇2022年度法治政府建设工作情况的报告</title>"
    "<script>document.write('<p>脚本里的假正文</p>')</script><style>.x{color:red}</style></head>"
    "<body><nav><a href='/'>首页</a> 政务公开</nav><div class='breadcrumb'>您当前所在位置：首页</div>"
    "<div class='TRS_Editor'>"
    + "".join(f"<p>{line}</p>" for line in report("柏林镇", "四川省宣汉县", 2022).split("\n"))
    + "</div><footer>版权所有</footer></body></html>"
)
TRADITIONAL = (
    "浙江省松陽縣竹源鎮人民政府\n關於竹源鎮2023年度法治政府建設工作情況的報告\n一、主要舉措和成效\n"
    "嚴格落實合法性審查制度，推行政府法律顧問制度。\n二、存在的不足\n普法宣傳還未實現全覆蓋。\n"
)
NEWS = "青禾镇举办第十届茶叶节\n本报讯 3月5日，青禾镇举办第十届茶叶节，吸引游客两万余人。\n活动现场热闹非凡。\n"


def _files() -> dict[str, bytes | str]:
    """File name -> content (str is written as UTF-8) of the messy batch."""
    return {
        "ok.txt": report(),
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n  ",
        "junk.txt": bytes(range(256)) * 40,
        "gbk.txt": report("桃源镇", "浙江省松阳县", 2021).encode("gbk"),
        "gb18030.txt": report("柳溪镇", "浙江省松阳县", 2021, "䶮𠀀").encode("gb18030"),
        "utf16.txt": report("梅岭镇", "浙江省松阳县", 2021).encode("utf-16"),
        "page.html": HTML,
        "word.docx": make_docx([*report("竹林镇", "浙江省松阳县", 2020).split("\n")]),
        "scan.pdf": make_pdf([[], []]),
        "old.doc": b"\xd0\xcf\x11\xe0" + b"\x00" * 64,
        "notown.txt": "2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n严格落实合法性审查制度。\n",
        "noyear.txt": "关于石门镇法治政府建设工作情况的报告\n一、主要举措和成效\n严格落实合法性审查制度。\n",
        "ok_copy.txt": report(),
        "v1.txt": report("荷塘镇", "浙江省松阳县", 2022),
        "v2.txt": report("荷塘镇", "浙江省松阳县", 2022, "（修订稿）"),
        "yuntai.txt": report("云台镇", "", 2024),
        "deep/er/nested.txt": report("杉木镇", "浙江省松阳县", 2019),
        "news.txt": NEWS,
        "traditional.txt": TRADITIONAL,
        "cut.txt": report("枫林镇", "浙江省松阳县", 2021).encode("utf-8")[:-3],  # cut inside 日
        "notes.xlsx": b"PK\x03\x04",
    }


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    for name, content in _files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    os.symlink(folder, folder / "deep" / "loop")  # a folder link back up: a loop
    os.symlink("self.txt", folder / "self.txt")  # a file link to itself
    os.mkfifo(folder / "pipe.txt")  # would block a naive read
    os.symlink("/dev/zero", folder / "zero.txt")  # would be read until memory runs out
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "report.txt"
    elsewhere.write_text(report("石桥镇", "浙江省松阳县", 2022), "utf-8")
    os.symlink(elsewhere, folder / "outside.txt")  # read, but said
    (folder / "README.md").write_text(f"# 说明\n{report('说明镇')}", "utf-8")  # not a report
    (folder / "..txt").write_text(report("点点镇"), "utf-8")
    (folder / ".hidden.txt").write_text(report("藏镇"), "utf-8")
    (folder / "back\\slash.txt").write_text(report("斜杠镇", "浙江省松阳县", 2020), "utf-8")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as latin1:  # a Latin-1 name
        latin1.write(report("咖啡镇").encode("utf-8"))
    old_out = folder / "old-out"  # outputs of an earlier build inside the input
    old_out.mkdir()
    for name in ("summary.json", "problems.jsonl", "graph.ttl"):
        (old_out / name).write_text("{}", "utf-8")
    (old_out / "graph.html").write_text(f"<html><title>{report('页面镇')}</title></html>", "utf-8")
    deep = folder
    for name in DEEP.split("/")[:-1]:  # one at a time: mkdir(parents=True) recurses
        deep = deep / name
        deep.mkdir()
    deep = deep / DEEP.rsplit("/", 1)[1]
    deep.write_text(report("深山镇", "浙江省松阳县", 2018), "utf-8")
    _too_deep(folder)
    out = tmp_path_factory.mktemp("messy-out")
    result = build(
        [folder], out, formats=("ttl", "problems", "summary"), validate_graph=True, in_memory=True
    )
    yield folder, out, result
    remove_deep(folder)  # 1,200 levels: pytest's own clean-up would recurse too deep


def _problems(result, folder):
    found: dict[str, list[tuple[str, str]]] = {}
    for p in result.problems:
        found.setdefault(str(Path(p.path).relative_to(folder)), []).append((p.category, p.reason))
    return found


#: A report 1,200 folders deep, its path under the system's limit (PATH_MAX, 4,096 bytes).
DEEP = "/".join(["d"] * 1200) + "/deepest.txt"


def remove_deep(folder: Path) -> None:
    """Delete a tree of any depth, one level at a time.

    ``shutil.rmtree`` recurses, so it (and pytest's clean-up of old temporary
    folders) fails on 1,200 levels; paths that long cannot be opened either, so
    each folder is opened relative to the one above it.
    """
    fds = [os.open(folder, os.O_RDONLY)]
    names: list[str] = []
    try:
        while fds:
            with os.scandir(fds[-1]) as scan:
                entries = list(scan)
            below = next((e.name for e in entries if e.is_dir(follow_symlinks=False)), None)
            if below is not None:
                fds.append(os.open(below, os.O_RDONLY, dir_fd=fds[-1]))
                names.append(below)
                continue
            for entry in entries:
                os.unlink(entry.name, dir_fd=fds[-1])
            os.close(fds.pop())
            if names:
                os.rmdir(names.pop(), dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)
    os.rmdir(folder)


def _too_deep(folder: Path) -> None:
    """1,200 folders named `nested`: past PATH_MAX, which once ended the build in a traceback.

    Made one level at a time relative to the last (a full path that long cannot be opened).
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(1200):
            os.mkdir("nested", dir_fd=fd)
            inner = os.open("nested", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
            handle.write(report("远镇", "浙江省松阳县", 2017))
    finally:
        os.close(fd)


KEPT = [
    "ok.txt",
    "gbk.txt",
    "gb18030.txt",
    "utf16.txt",
    "page.html",
    "word.docx",
    "notown.txt",
    "noyear.txt",
    "v1.txt",
    "v2.txt",
    "yuntai.txt",
    "deep/er/nested.txt",
    "traditional.txt",
    "cut.txt",
    "back\\slash.txt",
    "outside.txt",
    DEEP,
]


@pytest.mark.parametrize("name", KEPT)
def test_good_and_repairable_files_are_in_the_graph(messy, name):
    folder, _, result = messy
    paths = {str(Path(r.document.source.path).relative_to(folder)) for r in result.reports}
    assert name in paths


@pytest.mark.parametrize(
    "name, category, reason",
    [
        ("empty.txt", "skipped", "empty"),
        ("blank.txt", "skipped", "white space"),
        ("junk.txt", "skipped", "binary"),
        ("scan.pdf", "skipped", "no text layer"),
        ("old.doc", "skipped", "old binary Word .doc"),
        ("ok_copy.txt", "skipped", "duplicate: same content as"),
        ("news.txt", "skipped", "not a rule-of-law report"),
        ("notes.xlsx", "skipped", "unsupported file type .xlsx"),
        ("self.txt", "skipped", "broken or looping symbolic link"),
        ("pipe.txt", "skipped", "not a regular file (a FIFO)"),
        ("zero.txt", "skipped", "not a regular file (a character device)"),
        ("README.md", "skipped", "Markdown file"),
        ("..txt", "skipped", "hidden file"),
        (".hidden.txt", "skipped", "hidden file"),
        ("outside.txt", "warning", "symbolic link to a file outside"),
        ("old-out", "warning", "output folder of an earlier build"),
        ("caf\\xe9.txt", "skipped", "name is not valid UTF-8"),
        ("deep/loop", "warning", "symbolic link to a folder not followed"),
        ("notown.txt", "partial", "no unit found"),
        ("noyear.txt", "partial", "no report year"),
        ("v1.txt", "warning", "another version of the 荷塘镇 2022 report"),
        ("v2.txt", "warning", "another version of the 荷塘镇 2022 report"),
        ("yuntai.txt", "warning", "unit 云台镇 not linked with confidence: ambiguous"),
        ("traditional.txt", "warning", "traditional characters converted to simplified"),
        ("cut.txt", "warning", "undecodable byte sequence(s) replaced"),
        ("page.html", None, None),
        ("ok.txt", None, None),
        ("gbk.txt", None, None),
        ("utf16.txt", None, None),
        ("word.docx", None, None),
        ("deep/er/nested.txt", None, None),
        ("back\\slash.txt", None, None),
        (DEEP, None, None),
    ],
)
def test_every_problem_is_reported_with_category_and_reason(messy, name, category, reason):
    folder, _, result = messy
    found = _problems(result, folder).get(name, [])
    if category is None:
        assert found == []
    else:
        assert any(c == category and reason in r for c, r in found), found


def test_a_folder_past_the_path_limit_is_reported_and_the_batch_goes_on(messy):
    folder, _, result = messy
    [problem] = [p for p in result.problems if p.path.startswith(str(folder / "nested"))]
    assert problem.category == "skipped" and "File name too long" in problem.reason
    assert len(result.reports) == len(KEPT)


def test_messy_batch_outputs_list_every_problem_and_conform(messy):
    folder, out, result = messy
    records = [
        json.loads(line) for line in (out / "problems.jsonl").read_text("utf-8").splitlines()
    ]
    assert {(r["path"], r["category"], r["reason"]) for r in records} == {
        (p.path, p.category, p.reason) for p in result.problems
    }
    assert all(r["category"] in {"skipped", "partial", "warning"} for r in records)
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), result.graph)
    assert result.validation.conforms, result.validation.violations[:3]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["reports"] == len(KEPT)


def test_html_page_keeps_the_article_and_drops_code_and_chrome(messy):
    _, _, result = messy
    doc = next(r.document for r in result.reports if r.document.source.path.endswith("page.html"))
    assert (doc.town, doc.year) == ("柏林镇", 2022)
    for chrome in ("脚本里的假正文", "color:red", "政务公开", "您当前所在位置", "版权所有"):
        assert chrome not in doc.text


def test_versions_are_separate_reports_of_one_town(messy):
    _, _, result = messy
    versions = [r for r in result.reports if r.document.town == "荷塘镇"]
    assert len(versions) == 2
    assert len({r.document.report_id for r in versions}) == 2


def test_traditional_report_is_converted_and_extracted(messy):
    _, _, result = messy
    rep = next(r for r in result.reports if r.document.source.path.endswith("traditional.txt"))
    assert rep.document.town == "竹源镇"
    keys = {m.key for m in rep.mentions if m.type == EntityType.MECHANISM}
    assert "legality-review" in keys
    assert len(rep.document.text) <= len(rep.document.source.raw)


def test_exit_codes_and_terminal_summary(messy, tmp_path, capsys):
    folder, _, _ = messy
    assert (
        main(
            [
                "build",
                str(folder / "ok.txt"),
                "-o",
                str(tmp_path / "a"),
                "-q",
                "--no-cache",
                "--formats",
                "ttl,problems,summary",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "build",
                str(folder / "ok.txt"),
                str(folder / "junk.txt"),
                "-o",
                str(tmp_path / "b"),
                "-q",
                "--no-cache",
                "--formats",
                "ttl,problems,summary",
            ]
        )
        == 1
    )
    out = capsys.readouterr().out
    assert "problems: 1 (skipped 1)" in out and "skipped  " in out and "junk.txt: binary" in out
    assert (
        main(
            [
                "build",
                str(folder / "junk.txt"),
                str(folder / "ok.txt"),
                "-o",
                str(tmp_path / "c"),
                "-q",
                "--strict",
                "--no-cache",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and "junk.txt" in err and "--strict" in err
    assert not (tmp_path / "c").exists() or not (tmp_path / "c" / "graph.ttl").exists()


def test_strict_stops_at_the_first_skipped_file(messy):
    folder, _, _ = messy
    with pytest.raises(InputError, match="duplicate"):
        build([folder / "ok.txt", folder / "ok_copy.txt"], strict=True, validate_graph=False)
    with pytest.raises(InputError, match="no such file"):
        build([folder / "missing.txt", folder / "ok.txt"], strict=True, validate_graph=False)


def test_a_crashing_extractor_costs_its_family_not_the_report(tmp_path, monkeypatch):
    import kg.run.report as runner

    def explode(doc):
        if "爆炸" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return []

    monkeypatch.setattr(runner, "EXTRACTORS", runner.EXTRACTORS + (("boom", explode),))
    (tmp_path / "a.txt").write_text(report(extra="爆炸"), "utf-8")
    (tmp_path / "b.txt").write_text(report("桃源镇"), "utf-8")
    result = build([tmp_path], validate_graph=False)
    assert sorted(r.document.town for r in result.reports) == ["桃源镇", "青禾镇"]
    (problem,) = result.problems
    assert problem.path.endswith("a.txt") and problem.category == "partial"
    assert "the boom extractor failed (RecursionError: maximum recursion depth" in problem.reason
    crashed = next(r for r in result.reports if r.document.source.path.endswith("a.txt"))
    assert any(m.type.value == "Mechanism" for m in crashed.mentions)  # the other families ran


def test_a_crash_outside_the_extractors_costs_one_file_not_the_batch(tmp_path, monkeypatch):
    import kg.run.report as runner

    real = runner.structure

    def explode(source):
        if "爆炸" in source.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(source)

    monkeypatch.setattr(runner, "structure", explode)
    (tmp_path / "a.txt").write_text(report(extra="爆炸"), "utf-8")
    (tmp_path / "b.txt").write_text(report("桃源镇"), "utf-8")
    result = build([tmp_path], validate_graph=False)
    assert [r.document.town for r in result.reports] == ["桃源镇"]
    (problem,) = result.problems
    assert (
        problem.category == "skipped"
        and "internal error while extracting (RecursionError" in problem.reason
    )


def test_unreadable_file_is_skipped_with_the_os_reason(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(report(), "utf-8")
    real_open = os.open

    def deny(name, *args, **kwargs):
        if Path(name).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(InputError, match="cannot read file: Permission denied"):
        read_report(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(report(), "utf-8")
    path.chmod(0)
    result = build([tmp_path], validate_graph=False)
    assert result.problems[0].reason.startswith("cannot read file")


def test_top_level_symlink_loop_is_reported(tmp_path):
    os.symlink("loop.txt", tmp_path / "loop.txt")
    files, problems = collect_inputs([tmp_path / "loop.txt"])
    assert (
        files == [] and problems[0].category == "skipped" and "symbolic link" in problems[0].reason
    )


def test_fifty_megabyte_file_is_read_up_to_the_limit(tmp_path):
    unit = report(extra="依法行政。" * 20).encode("utf-8")
    path = tmp_path / "huge.txt"
    path.write_bytes(unit * (50 * 2**20 // len(unit) + 1))
    source = read_report(path)
    assert path.stat().st_size >= 50 * 2**20
    assert len(source.raw) <= MAX_TEXT_CHARS
    (issue,) = issues_of(source)
    assert issue[0] == "partial" and "only the first" in issue[1]


def test_file_over_the_byte_cap_is_partial(tmp_path, monkeypatch):
    import kg.ingest.read

    monkeypatch.setattr(kg.ingest.read, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(report() * 20, "utf-8")
    source = read_report(path)
    assert ("partial", "file of 0 MB: only the first 0 MB were read") in issues_of(source)
    assert source.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


# --- text never becomes code -------------------------------------------------------------

EVIL = [
    '他说"合法性审查"',
    "反斜杠\\n不是换行\\",
    "三引号\"\"\"'''结束",
    "换行\n回车\r制表\t",
    "控制\x00\x01\x1b\x7f字符",
    "孤立\ud800代理\udfff",
    "<script>alert('x')</script>&amp;",
    "@prefix fz: <http://evil/> .",
    "U+2028\u2028U+2029\u2029",
    "emoji😀 𠀀 \ufeff\ufffe",
]


@pytest.mark.parametrize("evil", EVIL)
def test_adversarial_text_round_trips_through_turtle_and_ntriples(evil):
    source = source_from_text(report(extra=evil))
    doc = structure(source)
    graph = build_graph([ExtractedReport(doc, None, ())])
    assert not any("\ud800" <= ch <= "\udfff" for o in graph.objects() for ch in str(o))
    for fmt in ("turtle", "nt"):
        data = graph.serialize(format=fmt)
        assert isomorphic(Graph().parse(data=data, format=fmt), graph), fmt
    assert "evil" not in " ".join(str(p) for p in graph.predicates())


@pytest.mark.parametrize("evil", EVIL)
def test_adversarial_literal_round_trips(evil):
    text = source_from_text(evil + "法治").text
    graph = Graph()
    graph.add(
        (
            URIRef("https://w3id.org/fazhi-kg/id/x"),
            URIRef("https://w3id.org/fazhi-kg/id/p"),
            Literal(text, lang="zh"),
        )
    )
    for fmt in ("turtle", "nt", "xml", "json-ld"):
        assert isomorphic(Graph().parse(data=graph.serialize(format=fmt), format=fmt), graph), fmt


def test_lone_surrogates_become_replacement_characters_with_a_warning():
    source = source_from_text(report(extra="孤立\ud800代理"))
    assert "\ud800" not in source.text and "\ufffd" in source.text
    assert ("warning", "1 lone surrogate code points replaced with U+FFFD") in issues_of(source)


def test_report_text_is_escaped_in_the_html_view(tmp_path):
    (tmp_path / "r.txt").write_text(report(extra="“<script>alert('x')</script>”工作法"), "utf-8")
    result = build([tmp_path], tmp_path / "out", formats=("html",), validate_graph=False)
    html = (result.outputs["html"]).read_text("utf-8")
    assert "<script>alert('x')</script>" not in html


# --- a build killed mid-way leaves the previous outputs intact ------------------------------

OUTPUT_NAMES = ("graph.ttl", "graph.html", "cooccurrence.csv", "problems.jsonl", "summary.json")


def _batch(folder: Path, copies: int) -> None:
    reports = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    for i in range(copies):
        src = reports[i % len(reports)]
        text = read_report(src).raw
        # A small edit per copy: new content, so no copy is a duplicate of another.
        (folder / f"{i:03d}_{src.name}").write_text(text + f"\n（第{i}份副本）\n", "utf-8")


def _intact(out: Path) -> dict[str, bytes]:
    contents = {name: (out / name).read_bytes() for name in OUTPUT_NAMES}
    Graph().parse(data=contents["graph.ttl"].decode("utf-8"), format="turtle")
    json.loads(contents["summary.json"])
    for line in contents["problems.jsonl"].decode("utf-8").splitlines():
        json.loads(line)
    assert contents["graph.html"].rstrip().endswith(b"</html>")
    return contents


_CMD = [
    sys.executable,
    "-c",
    "from kg.cli import console; console()",
    "build",
    "--no-cache",
    "--no-validate",
]


def _start_build(reports: Path, out: Path) -> subprocess.Popen[str]:
    """A build of ``reports`` into ``out`` in a process of its own, to be stopped."""
    # A shell that starts the tests in the background makes them ignore SIGINT, and the build
    # would inherit that: give it the default, as when run from a terminal.
    return subprocess.Popen(
        [*_CMD, "-o", str(out), str(reports)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.fixture(scope="module")
def previous_outputs(tmp_path_factory):
    """Outputs of an earlier, finished build (two reports)."""
    first, out = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("previous")
    _batch(first, 2)
    subprocess.run([*_CMD, "-o", str(out), str(first)], cwd=ROOT, check=True, capture_output=True)
    return out


@pytest.mark.slow  # real builds in subprocesses
@pytest.mark.parametrize(
    "sig, when",
    [
        (signal.SIGKILL, "reading"),
        (signal.SIGINT, "reading"),
        (signal.SIGKILL, "writing"),
    ],
)
def test_killed_build_leaves_previous_outputs_intact(tmp_path, previous_outputs, sig, when):
    second, out = tmp_path / "second", tmp_path / "out"
    second.mkdir()
    shutil.copytree(previous_outputs, out)
    # Enough reports that the build is still reading when it is killed, however busy the machine.
    _batch(second, 40 if when == "reading" else 3)
    before = _intact(out)
    proc = _start_build(second, out)
    if when == "reading":
        # Kill once it has read a few files: outputs are not written yet.
        seen = ""
        while proc.poll() is None and seen.count("\n") < 2:
            seen += proc.stderr.readline()
    else:
        # Kill as soon as the first output is replaced: the rest are mid-write or pending.
        ttl = out / "graph.ttl"
        stamp = ttl.stat().st_mtime_ns
        deadline = time.monotonic() + 120
        while (
            proc.poll() is None and ttl.stat().st_mtime_ns == stamp and time.monotonic() < deadline
        ):
            time.sleep(0.002)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    after = _intact(out)  # every file parses, old or new, never half-written
    if when == "reading":
        assert [name for name in OUTPUT_NAMES if after[name] != before[name]] == []
        if sig == signal.SIGINT:
            assert proc.returncode == 130
            assert "nothing was written" in proc.stderr.read()
            assert not list(out.glob(".*.tmp")) and not list((out / ".kg").glob("build-*.*"))


# --- hostile inputs, issue 12 (the killed-build tests are issue 10's) ---------------------------------


def _quick_build(*args: str) -> int:
    return main(["build", *args, "-q", "--no-cache", "--no-validate", "--formats", "ttl,summary"])


def test_a_typo_in_the_input_path_writes_nothing(tmp_path, capsys):
    """`kg build sedes -o good-out` once replaced a good graph with an empty one."""
    good = tmp_path / "good-out"
    reports = tmp_path / "seeds"
    reports.mkdir()
    (reports / "r.txt").write_text(report(), "utf-8")
    assert _quick_build(str(reports), "-o", str(good)) == 0
    before = {p.name: p.read_bytes() for p in good.iterdir() if p.is_file()}
    capsys.readouterr()
    assert _quick_build(str(tmp_path / "sedes"), "-o", str(good)) == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error: no report read from") and "no such file" in err
    assert len(err.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in good.iterdir() if p.is_file()} == before


def test_a_folder_of_nothing_readable_writes_nothing(tmp_path, capsys):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(b"\x00" * 10)
    (junk / "README.md").write_text("# notes", "utf-8")
    assert _quick_build(str(junk), "-o", str(tmp_path / "out")) == 64
    assert "binary" in capsys.readouterr().err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_building_inside_the_input_twice_reads_only_reports(tmp_path, capsys):
    """`kg build . -o outputs` on its second run once read its own outputs as reports."""
    (tmp_path / "r.txt").write_text(report(), "utf-8")
    (tmp_path / "README.md").write_text(f"# 说明\n{report('说明镇')}", "utf-8")
    for _ in range(2):
        assert _quick_build(str(tmp_path), "-o", str(tmp_path / "outputs")) == 1  # README.md
        summary = json.loads((tmp_path / "outputs" / "summary.json").read_text("utf-8"))
        assert summary["reports"] == 1
    out = capsys.readouterr().out
    assert "Markdown" in out and "output folder of this build" in out


@pytest.mark.parametrize("where", ["file", "below a file"])
def test_an_output_path_that_cannot_be_a_folder_is_one_line(tmp_path, capsys, where):
    (tmp_path / "r.txt").write_text(report(), "utf-8")
    blocker = tmp_path / "taken"
    blocker.write_text("x", "utf-8")
    out = blocker if where == "file" else blocker / "sub"
    assert _quick_build(str(tmp_path / "r.txt"), "-o", str(out)) == 73
    err = capsys.readouterr().err
    assert err.startswith("kg: error: output folder") and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the mode")
def test_an_output_folder_that_is_not_writable_is_one_line(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(report(), "utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert _quick_build(str(tmp_path / "r.txt"), "-o", str(locked / "out")) == 73
    assert "permission denied" in capsys.readouterr().err


def test_quiet_build_prints_no_wrote_lines(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(report(), "utf-8")
    assert _quick_build(str(tmp_path / "r.txt"), "-o", str(tmp_path / "out")) == 0
    out = capsys.readouterr().out
    assert "reports read: 1" in out and "wrote" not in out


def test_a_backslash_is_part_of_the_file_name(messy):
    _, _, result = messy
    names = {str(o) for o in result.graph.objects(None, URIRef(FZ_FILE_NAME))}
    assert "back\\slash.txt" in names and "slash.txt" not in names


FZ_FILE_NAME = "https://w3id.org/fazhi-kg/ontology#fileName"


@pytest.mark.parametrize("argv", [["build", "x", "--bogus"], ["query", "--nope"], ["frobnicate"]])
def test_unknown_options_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 64
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "HAND", "-e", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "csv"],
        ["query", "HAND", "-e", "SELECT * WHERE { ?s ?p ?o }", "--format", "tsv"],
    ],
)
def test_a_closed_pipe_ends_quietly(argv, tmp_path):
    """`kg cooccur | head` once ended in a BrokenPipeError traceback (the output here is far
    larger than a pipe holds, so the write meets the closed pipe)."""
    out = tmp_path / "out"
    folder = tmp_path / "r"
    folder.mkdir()
    for i, town in enumerate(("青禾镇", "白石镇", "红岭镇")):
        (folder / f"{i}.txt").write_text(report(town, year=2021 + i), "utf-8")
    assert _quick_build(str(folder), "-o", str(out)) == 0
    argv = [str(out) if a == "HAND" else a for a in argv]
    done = subprocess.run(
        f"{sys.executable} -c 'from kg.cli import console; console()' "
        f"{' '.join(map(repr, argv))} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_no_csv_cell_runs_as_a_spreadsheet_formula(tmp_path):
    """Report text reaches mentions.csv and the other tables: a sentence starting with
    `=`, `+`, `-` or `@` once went out as a live formula."""
    import csv
    import re

    evil = "=SUM(1,2)*cmd全面推行行政执法公示制度。\n@SUM(1+1)推行政府法律顾问制度。\n-1+1普法。"
    text = report(extra="\n" + evil)
    (tmp_path / "r.txt").write_text(text, "utf-8")
    out = tmp_path / "out"
    tables = "mentions,entities,reports,indicators,matrix,cooccurrence"
    assert main(["build", str(tmp_path / "r.txt"), "-o", str(out), "-q", "--formats", tables]) == 0
    number = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
    cells = []
    for table in out.glob("*.csv"):
        with table.open(encoding="utf-8-sig", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    risky = [
        c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.fullmatch(c)
    ]
    assert risky == []
    assert any(c.startswith("'=SUM") for c in cells) and any(c.startswith("'@SUM") for c in cells)


def test_a_file_past_the_time_limit_is_skipped_and_the_batch_goes_on(tmp_path, monkeypatch):
    """A file that keeps the extractors busy (a pathological pattern, a huge table)
    costs its own time limit, not the batch."""
    import kg.run.report

    (tmp_path / "a.txt").write_text(report(), "utf-8")
    (tmp_path / "slow.txt").write_text(report("慢镇", extra="慢"), "utf-8")
    monkeypatch.setattr(kg.run.report, "MAX_SECONDS_PER_FILE", 0.5)
    real = kg.run.report.structure

    def slow_structure(source):
        if "慢镇" in source.text:
            time.sleep(30)
        return real(source)

    monkeypatch.setattr(kg.run.report, "structure", slow_structure)
    start = time.monotonic()
    result = build([tmp_path], validate_graph=False)
    assert time.monotonic() - start < 20
    assert [Path(r.document.source.path).name for r in result.reports] == ["a.txt"]
    [problem] = [p for p in result.problems if p.path.endswith("slow.txt")]
    assert problem.category == "skipped" and "took longer than 0.5 s" in problem.reason


def test_a_fifo_never_hangs_the_default_build_with_its_cache(tmp_path):
    """The cache hashed every file before the type check: a FIFO blocked the build for ever."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.txt").write_text(report(), "utf-8")
    os.mkfifo(folder / "pipe.txt")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kg.cli import console; console()",
            "build",
            str(folder),
            "-o",
            str(tmp_path / "out"),
            "-q",
            "--formats",
            "ttl,problems",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "not a regular file (a FIFO)" in (tmp_path / "out" / "problems.jsonl").read_text("utf-8")


# --- the output folder holds one build's files, whatever stops a build -------------------------


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.name[0] != "."
    }


@pytest.fixture(scope="module")
def second_build(tmp_path_factory, previous_outputs):
    """A second batch and the outputs of its build, finished without interruption."""
    second, out = tmp_path_factory.mktemp("second"), tmp_path_factory.mktemp("second-out")
    _batch(second, 6)
    subprocess.run([*_CMD, "-o", str(out), str(second)], cwd=ROOT, check=True, capture_output=True)
    return second, _outputs(out)


@pytest.mark.slow  # real builds in subprocesses
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
@pytest.mark.parametrize("stage", ["graph.html", "summary.json"])
def test_a_build_stopped_while_writing_leaves_one_build_s_outputs(
    tmp_path, previous_outputs, second_build, sig, stage
):
    """Stopped as the last outputs are written, the folder holds the previous build, whole."""
    second, finished = second_build
    out = tmp_path / "out"
    shutil.copytree(previous_outputs, out, symlinks=True)
    before = _outputs(out)
    proc = _start_build(second, out)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if list((out / ".kg").glob(f"build-*/{stage}")):
            break
        time.sleep(0.001)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    after = _outputs(out)
    assert after in (before, finished)  # never a mix of the two builds
    if sig == signal.SIGINT and proc.returncode == 130:
        assert after == before and "nothing was written" in proc.stderr.read()
        assert (
            not list((out / ".kg").glob("build-*")) or len(list((out / ".kg").glob("build-*"))) == 1
        )
    assert not list(out.rglob("*.tmp"))
    # The next build removes what a killed one left and switches in its own outputs.
    subprocess.run([*_CMD, "-o", str(out), str(second)], cwd=ROOT, check=True, capture_output=True)
    assert _outputs(out) == finished
    assert len(list((out / ".kg").glob("build-*"))) == 1


@pytest.mark.slow  # real builds in subprocesses
def test_outputs_a_build_did_not_write_are_not_left_from_an_earlier_one(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    _batch(reports, 2)
    out = tmp_path / "out"
    subprocess.run([*_CMD, "-o", str(out), str(reports)], cwd=ROOT, check=True, capture_output=True)
    assert (out / "graph.html").exists()
    subprocess.run(
        [*_CMD, "--formats", "ttl,summary", "-o", str(out), str(reports)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert sorted(_outputs(out)) == ["graph.ttl", "summary.json"]
