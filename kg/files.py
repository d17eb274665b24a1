"""Files written atomically: beside their target, then renamed into place; scratch databases.

The one atomic writer of fazhi-kg.  A crash, ``kill`` or Ctrl-C while a file
is being written leaves the earlier file whole; the temporary file is removed
on every exit path that Python sees.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "a.txt", "法治").read_text("utf-8")
'法治'
>>> with AtomicFile(d / "b.txt") as f:
...     _ = f.write("甲".encode("utf-8"))
...     _ = f.commit()
>>> (d / "b.txt").read_text("utf-8"), sorted(p.name for p in d.iterdir())
('甲', ['a.txt', 'b.txt'])
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

__all__ = ["AtomicFile", "atomic_write", "current_umask", "scratch_database"]


class AtomicFile:
    """A binary file written beside ``path`` and renamed into place by :meth:`commit`.

    Leaving the ``with`` block without :meth:`commit` deletes the temporary
    file, so nothing half-written ever stands at ``path``.
    """

    def __init__(self, path: str | Path, *, buffering: int = -1, durable: bool = True) -> None:
        self.path = Path(path)
        self.durable = durable
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        self.handle = os.fdopen(fd, "wb", buffering=buffering)

    def write(self, data: bytes) -> int:
        return self.handle.write(data)

    def commit(self) -> Path:
        """Flush (and sync, if durable) the file, make it as readable as any the user
        creates, rename it."""
        if self.handle.closed:
            return self.path
        self.handle.flush()
        if self.durable:
            os.fsync(self.handle.fileno())
        self.handle.close()
        # mkstemp makes the file private (0600); an output is as readable as any file the user makes.
        os.chmod(self.tmp, 0o666 & ~current_umask())
        os.replace(self.tmp, self.path)
        return self.path

    def discard(self) -> None:
        """Close and delete the temporary file (nothing happens after :meth:`commit`)."""
        if not self.handle.closed:
            self.handle.close()
            Path(self.tmp).unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()


def atomic_write(path: str | Path, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically; returns ``path``.

    ``durable=False`` skips the sync to disk, for a file whose reader checks it and
    can do without it (a cache entry): after a crash it may stand empty or cut short,
    never half of an earlier and half of a later version.
    """
    with AtomicFile(path, durable=durable) as file:
        file.write(data.encode("utf-8") if isinstance(data, str) else data)
        return file.commit()


def current_umask() -> int:
    """The process's file-creation mask (read by setting it and back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def scratch_database(folder: Path | None, name: str) -> sqlite3.Connection:
    """A new SQLite database for what a build keeps till its end: ``.scratch-NAME.sqlite``
    in ``folder`` (a build's staged folder, which removes it at the commit and on an error
    or Ctrl-C), or in memory when ``folder`` is None.

    Nothing in it needs to survive a crash, so it keeps no journal and never syncs.
    """
    path = ":memory:" if folder is None else str(Path(folder) / f".scratch-{name}.sqlite")
    if folder is not None:
        Path(path).unlink(missing_ok=True)
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode = OFF")
    database.execute("PRAGMA synchronous = OFF")
    return database
