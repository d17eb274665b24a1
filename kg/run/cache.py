"""A cache of extracted reports, keyed by file content and extractor version.

Rebuilding a corpus after one report was added should extract that one
report only.  Each :class:`~kg.model.ExtractedReport` is pickled into its own
file named after the SHA-256 of the file's bytes (and its suffix, since
``.html`` and ``.txt`` are read differently), inside a folder named after the
extractor version: a hash of every source and data file that decides what
extraction returns.  Editing an extractor, a vocabulary or the ontology
therefore starts a fresh folder instead of serving stale mentions.

One file per report (rather than one database) lets parallel builds write
without a lock, and makes a write atomic (temporary file, then rename).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.pipeline import extract_report
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> report_file = d / "r.txt"
>>> _ = report_file.write_text("青禾镇2023年法治政府建设情况报告\\n一、主要举措\\n落实合法性审查。", "utf-8")
>>> cache = ReportCache(d / ".cache")
>>> key = cache.key(report_file)
>>> cache.get(key, report_file) is None
True
>>> cache.put(key, extract_report(report_file))
>>> cache.get(key, report_file).document.year
2023
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import UsageError
from kg.files import atomic_write
from kg.model import ExtractedReport

# Everything that decides what ``extract_report`` returns for given bytes: (package, pattern).
# The build driver and the outputs are not here, so editing them keeps the cache.
_VERSIONED = (
    ("kg.ingest", "*.py"),
    ("kg.ingest", "data/*"),
    ("kg.extractors", "*.py"),
    ("kg.extractors", "data/*"),
    ("kg.ontology", "*.ttl"),
    ("kg", "model.py"),
    ("kg.run", "report.py"),
)


@cache
def extractor_version() -> str:
    """Hash of the extractor, ingest and structure sources, data files and ontology.

    Computed once per process; any edit to one of those files changes it.

    Examples
    --------
    >>> len(extractor_version())
    16
    """
    digest = hashlib.sha256()
    for package, pattern in _VERSIONED:
        folder = Path(str(resources.files(package)))
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                digest.update(f"{package}/{path.relative_to(folder)}".encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class ReportCache:
    """Pickled extracted reports under ``root/<extractor version>/``.

    Parameters
    ----------
    root : str or Path
        The cache folder (``kg build`` uses ``<out>/.cache``).
    version : str, optional
        The extractor version; :func:`extractor_version` by default.

    Notes
    -----
    A cached report is returned with the path of the file asked for, so a
    renamed or copied file is still a hit.  Pickles are only read from a
    folder the user chose; never point the cache at files from elsewhere.
    """

    def __init__(self, root: str | Path, version: str | None = None) -> None:
        self.root = Path(root)
        self.version = version or extractor_version()
        self.folder = self.root / self.version

    def key(self, path: str | Path) -> str | None:
        """Cache key of a file: hash of its bytes and suffix, or None if unreadable."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError:
            return None  # extraction reports the error; nothing to cache
        return hashlib.sha256(data + b"\0" + path.suffix.lower().encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def __contains__(self, key: str | None) -> bool:
        """Whether an entry for ``key`` exists (it may still turn out damaged: see :meth:`get`)."""
        return key is not None and self._file(key).is_file()

    def get(self, key: str | None, path: str | Path) -> ExtractedReport | None:
        """The cached report for ``key``, relabelled with ``path``; None on a miss."""
        if key is None:
            return None
        try:
            with open(self._file(key), "rb") as handle:
                report = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            # A missing or damaged entry is just a miss: it is rewritten after extraction.
            return None
        return _with_path(report, str(path))

    def put(self, key: str | None, report: ExtractedReport) -> None:
        """Store ``report`` under ``key`` atomically (no-op for a None key)."""
        if key is None:
            return
        target = self._file(key)
        try:
            atomic_write(target, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            raise UsageError(
                f"cannot write the extraction cache in {self.root}: "
                f"{exc.strerror or exc} (choose another folder or use --no-cache)"
            ) from exc


def _with_path(report: ExtractedReport, path: str) -> ExtractedReport:
    source = report.document.source
    if source.path == path:
        return report
    document = dataclasses.replace(report.document, source=dataclasses.replace(source, path=path))
    return dataclasses.replace(report, document=document)
