"""One build's output files, switched in together: never half of one build beside another's.

A build writes every output into a new folder, ``OUT/.kg/build-PID-TIME/``, and
:meth:`OutputSet.commit` switches it in with one rename: ``OUT/.kg/current`` is
a symbolic link to the folder of the last finished build, and each output in
``OUT`` (``graph.ttl``, ``graph.html`` ...) a link to ``.kg/current/NAME``.  A
build killed at any point (``kill -9`` included) leaves ``current`` on the
previous build, so the files a person opens are always of one build; its
unfinished folder is removed when the build stops (Ctrl-C, an error) or by
the next build (``kill -9``).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with OutputSet(out) as files:
...     _ = files.open("a.txt").write(b"one")
...     files.commit()
>>> (out / "a.txt").read_text(), (out / "a.txt").is_symlink()
('one', True)
>>> with OutputSet(out) as files:
...     _ = files.open("a.txt").write(b"two")
...     pass  # no commit: as when an error or Ctrl-C stops the build here
>>> (out / "a.txt").read_text(), sorted(p.name for p in (out / ".kg").iterdir())  # doctest: +ELLIPSIS
('one', ['build-...', 'current'])
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import BinaryIO

from kg.files import current_umask

__all__ = ["OutputSet", "STATE_DIR"]

#: The hidden folder of ``OUT`` holding the builds' folders and the ``current`` link.
STATE_DIR = ".kg"
_CURRENT = "current"


class OutputSet:
    """The files of one build, staged in their own folder and switched in by :meth:`commit`.

    ``out_dir`` None stages nothing (a build that writes no file).  Use it as
    a context manager: leaving the block without :meth:`commit` deletes the
    staged folder and leaves the previous build's outputs as they were.
    """

    def __init__(self, out_dir: str | Path | None) -> None:
        self.out = Path(out_dir) if out_dir is not None else None
        self.files: dict[str, BinaryIO] = {}
        self.committed = False
        self.stage: Path | None = None
        if self.out is None:
            return
        state = self.out / STATE_DIR
        state.mkdir(parents=True, exist_ok=True)
        _remove_stale(state)
        self.stage = state / f"build-{os.getpid()}-{time.time_ns()}"
        self.stage.mkdir()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.committed:
            self.discard()

    def path(self, name: str) -> Path:
        """Where output ``name`` is staged (a name starting with "." gets no link in ``OUT``)."""
        if self.stage is None:
            raise ValueError("this build writes no files")
        return self.stage / name

    def open(self, name: str) -> BinaryIO:
        """A new binary file ``name`` in the staged folder (closed by :meth:`commit`)."""
        handle = open(self.path(name), "wb", buffering=1 << 20)  # noqa: SIM115 (closed at commit)
        self.files[name] = handle
        return handle

    def scratch(self, name: str) -> BinaryIO:
        """A scratch file in the staged folder, removed at :meth:`commit`."""
        return self.open(f".scratch-{name}")

    def commit(self) -> None:
        """Sync the staged files and switch them in (one rename), then drop the previous build."""
        if self.stage is None or self.out is None:
            self.committed = True
            return
        for handle in self.files.values():
            handle.close()
        umask = current_umask()
        for path in self.stage.iterdir():
            if path.name.startswith(".scratch-"):
                path.unlink()
            elif path.is_dir():  # the static site, a query store
                for folder, _, names in os.walk(path):
                    os.chmod(folder, 0o777 & ~umask)
                    for name in names:
                        _sync(Path(folder) / name, umask)
            else:
                _sync(path, umask)
        state = self.out / STATE_DIR
        current = state / _CURRENT
        previous = os.readlink(current) if current.is_symlink() else None
        if current.is_dir() and not current.is_symlink():  # a copy that followed the link
            shutil.rmtree(current)
        _link(current, self.stage.name)  # the switch: one atomic rename
        self.committed = True
        staged = {p.name for p in self.stage.iterdir() if not p.name.startswith(".")}
        for name in sorted(staged):
            target = self.out / name
            wanted = f"{STATE_DIR}/{_CURRENT}/{name}"
            if not (target.is_symlink() and os.readlink(target) == wanted):
                _link(target, wanted)
        for entry in self.out.iterdir():  # outputs of the previous build this one did not write
            if entry.is_symlink() and os.readlink(entry).startswith(f"{STATE_DIR}/{_CURRENT}/"):
                if entry.name not in staged:
                    entry.unlink()
        if previous and previous != self.stage.name:
            shutil.rmtree(state / previous, ignore_errors=True)

    def discard(self) -> None:
        """Close and delete the staged folder (the previous outputs stay)."""
        for handle in self.files.values():
            handle.close()
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)


def _sync(path: Path, umask: int) -> None:
    """Flush ``path`` to disk and give it the permissions a plain new file gets."""
    with open(path, "rb") as file:
        os.fsync(file.fileno())
    os.chmod(path, 0o666 & ~umask)


def _link(path: Path, target: str) -> None:
    """Point ``path`` at ``target`` atomically (a new link renamed over the old entry)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _remove_stale(state: Path) -> None:
    """Remove the folders of builds that died (``kill -9``) and were not switched in."""
    current = state / _CURRENT
    live = os.readlink(current) if current.is_symlink() else None
    for entry in state.iterdir():
        if not entry.name.startswith("build-") or entry.name == live:
            continue
        try:
            pid = int(entry.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and _alive(pid):
            continue  # another build writing into the same folder right now
        shutil.rmtree(entry, ignore_errors=True)
    for entry in state.glob(f".{_CURRENT}.*.link"):
        entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
