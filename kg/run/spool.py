"""Output parts a worker process writes to a spool file, copied into the outputs by the build.

A build's workers turn each report into its parts of the output files (its
graph text, TriG, JSON-LD, CSV lines ...: 2.5 MB a report).  Sent back through
the pool they were pickled in the worker, unpickled in the build's process and
written again there.  Instead a worker appends them to its own spool file in
the output set's staged folder (:meth:`Spool.put`) and sends back only where
each part is (:class:`Spooled`, a few numbers); the build's process copies the
parts into the output files in input order (:meth:`SpoolReader.write`,
``os.copy_file_range``: the kernel copies, no byte passes through Python).

A worker starts a new spool file after :data:`SPOOL_BYTES`; the reader deletes
a worker's file when a part from the worker's next file arrives (results come
back in the order each worker made them), so the spool never holds more than
a file per worker and the reports in flight.  Spool files are named
``.scratch-spool-*``: the output set deletes them with the staged folder on an
error or Ctrl-C and at its commit (:class:`kg.output.outset.OutputSet`).

Examples
--------
>>> import io, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> spool = Spool(d, owner=-1)  # -1: no process is the owner, so this one spools
>>> parts = spool.put([b"first ", b"", "二".encode("utf-8")])
>>> [(p.offset, p.length) for p in parts]
[(0, 6), (6, 0), (6, 3)]
>>> out = io.BytesIO()
>>> with SpoolReader() as reader:
...     for part in parts:
...         reader.write(out, part)
>>> out.getvalue().decode("utf-8")
'first 二'
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["Part", "SPOOL_BYTES", "Spool", "SpoolReader", "Spooled", "part_length"]

#: A worker starts a new spool file once its current one holds this many bytes; the
#: build's process deletes a file as soon as it has copied the file's last part.
SPOOL_BYTES = 64 << 20

_PREFIX = ".scratch-spool"
_SPOOLS = itertools.count(1)  # tells apart the spools of one process
_CHUNK = 1 << 20  # copied through memory where the kernel cannot copy file to file
# Close-on-exec where there is one; binary (no newline translation) on Windows.
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Spooled:
    """Where a worker wrote one part of an output: its spool file, offset and length."""

    path: str
    offset: int
    length: int


#: A part of an output: its bytes, or where a worker spooled them.
Part = bytes | Spooled


def part_length(part: Part) -> int:
    """The length in bytes of a part, wherever it is."""
    return part.length if isinstance(part, Spooled) else len(part)


class Spool:
    """The spool files a worker process writes its parts to (see the module).

    ``owner`` is the process that copies the parts into the outputs (the
    build's): a part made there is kept as bytes, since writing it to a spool
    file and copying it back would only cost more.
    """

    def __init__(self, folder: Path, owner: int | None = None) -> None:
        self.folder = Path(folder)
        self.owner = os.getpid() if owner is None else owner
        self.fd: int | None = None
        self.pid = 0
        self.name = ""  # the spool's files are NAME-1, NAME-2 ...
        self.path = ""
        self.size = 0
        self.files = 0

    def __reduce__(self) -> tuple[type[Spool], tuple[Path, int]]:
        # A copy sent to a worker opens its own files there.
        return Spool, (self.folder, self.owner)

    def put(self, parts: Sequence[Part]) -> list[Part]:
        """Append ``parts`` to this process's spool file; where each one is, in order.

        In the owner's process, and for a part spooled already, the parts come
        back as they are.
        """
        if os.getpid() == self.owner:
            return list(parts)
        fd = self._file()
        where: list[Part] = []
        written: list[bytes] = []
        offset = self.size
        for part in parts:
            if isinstance(part, Spooled):
                where.append(part)
                continue
            where.append(Spooled(self.path, offset, len(part)))
            offset += len(part)
            if part:
                written.append(part)
        _write_all(fd, written)
        self.size = offset
        return where

    def _file(self) -> int:
        if self.fd is not None and self.pid == os.getpid() and self.size < SPOOL_BYTES:
            return self.fd
        if self.fd is not None and self.pid == os.getpid():
            os.close(self.fd)
        if self.pid != os.getpid():
            self.name = f"{_PREFIX}-{os.getpid()}-{next(_SPOOLS)}"
        self.pid, self.files, self.size = os.getpid(), self.files + 1, 0
        self.path = str(self.folder / f"{self.name}-{self.files}")
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600)
        return self.fd


def _write_all(fd: int, parts: list[bytes]) -> None:
    """Write every byte of ``parts`` (one system call for all of them, as a rule)."""
    views = [memoryview(p) for p in parts]
    while views:
        # at most 1,024 buffers a call (IOV_MAX on Linux)
        written = os.writev(fd, views[:1024]) if hasattr(os, "writev") else os.write(fd, views[0])
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


def _read(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # no pread (Windows): one reader per file, so no race
    return os.read(fd, size)


class SpoolReader:
    """Copies spooled parts into output files, deleting each spool file once it is used up.

    Use it as a context manager: leaving the block closes and deletes every
    spool file it has read from.
    """

    def __init__(self) -> None:
        self.files: dict[str, int] = {}
        self.latest: dict[str, str] = {}  # each spool's file in use, by the spool's name

    def __enter__(self) -> SpoolReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, out: IO[bytes], part: Part) -> None:
        """Append ``part`` to ``out`` (a file, or any binary stream for bytes)."""
        if not isinstance(part, Spooled):
            out.write(part)
            return
        if not part.length:
            return
        source = self._source(part.path)
        out.flush()  # what was written before the part goes before it
        try:
            target = out.fileno()
        except (AttributeError, OSError):  # an in-memory stream: no file to copy into
            target = -1
        offset, left = part.offset, part.length
        if target >= 0 and hasattr(os, "copy_file_range"):
            with contextlib.suppress(OSError):  # no such copy between these files: by memory
                while left:
                    copied = os.copy_file_range(source, target, left, offset)
                    if not copied:
                        break
                    offset, left = offset + copied, left - copied
        while left:
            data = _read(source, min(left, _CHUNK), offset)
            if not data:
                raise OSError(f"spool file {part.path} ends before {offset + left} bytes")
            out.write(data)
            offset, left = offset + len(data), left - len(data)
        out.flush()

    def _source(self, path: str) -> int:
        fd = self.files.get(path)
        if fd is not None:
            return fd
        # A spool's next file: every part of its earlier one has been copied.
        worker = path.rsplit("-", 1)[0]
        earlier = self.latest.get(worker)
        if earlier is not None:
            self._drop(earlier)
        self.latest[worker] = path
        fd = self.files[path] = os.open(path, os.O_RDONLY | _FLAGS)
        return fd

    def _drop(self, path: str) -> None:
        fd = self.files.pop(path, None)
        if fd is not None:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)

    def close(self) -> None:
        """Close and delete every spool file read from."""
        for path in list(self.files):
            self._drop(path)
        self.latest = {}
