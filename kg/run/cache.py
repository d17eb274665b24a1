"""A cache of extracted reports, keyed by file content and extractor version.

Rebuilding a corpus after one report was added should extract that one
report only.  Each :class:`~kg.model.ExtractedReport` is written as JSON into
its own file named after the SHA-256 of the file's bytes (and its suffix,
since ``.html`` and ``.txt`` are read differently), inside a folder named
after the extractor version: a hash of every source and data file that
decides what extraction returns.  Editing an extractor, a vocabulary or the
ontology therefore starts a fresh folder instead of serving stale mentions.

The cache sits in the output folder, where anyone who can write there can
plant a file, so an entry is data, never code: JSON read back field by field
into the frozen records, each value checked against the type the record
declares; an entry must name the key it is filed under and describe a file
with that content; and anything unreadable, mistyped or mismatched is a
miss (the report is extracted again and the entry rewritten).

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
import enum
import hashlib
import json
import operator
import re
import types
import typing
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

from kg.errors import FazhiError, UsageError
from kg.files import atomic_write
from kg.ingest.read import file_digest, open_regular
from kg.model import ExtractedReport

__all__ = ["ENTRY_FORMAT", "ReportCache", "decode_report", "encode_report", "extractor_version"]

#: Version of the entry format; entries of another format are misses.
ENTRY_FORMAT = 3
#: An entry larger than this is not read (a report at the size limits takes a few MB).
MAX_ENTRY_BYTES = 256 * 2**20

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
    """Extracted reports as JSON under ``root/<extractor version>/``.

    Parameters
    ----------
    root : str or Path
        The cache folder (``kg build`` uses ``<out>/.cache``).
    version : str, optional
        The extractor version; :func:`extractor_version` by default.

    Notes
    -----
    A cached report is returned with the path of the file asked for, so a
    renamed or copied file is still a hit.
    """

    def __init__(self, root: str | Path, version: str | None = None) -> None:
        self.root = Path(root)
        self.version = version or extractor_version()
        self.folder = self.root / self.version

    def key(self, path: str | Path, address: str | None = None) -> str | None:
        """Cache key of a file: the SHA-256 of its bytes and its suffix; None if unreadable.

        A web address given for the file (:mod:`kg.ingest.addresses`) may place
        its town, so it is part of the key: the digest of its bytes and the
        address's, then the suffix.  Only a regular file is read (a FIFO or device
        is not, see :func:`kg.ingest.read.open_regular`); reading it is left to
        extraction, which reports why it cannot.
        """
        suffix = Path(path).suffix.lower()
        if not _SUFFIX.fullmatch(suffix):
            return None
        try:
            digest = file_digest(path)
        except FazhiError:
            return None  # extraction reports the error; nothing to cache
        if address is not None:
            digest += (
                "-" + hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            )
        return digest + suffix

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def __contains__(self, key: str | None) -> bool:
        """Whether an entry for ``key`` exists (it may still turn out damaged: see :meth:`get`)."""
        return key is not None and self._file(key).is_file()

    def get(self, key: str | None, path: str | Path) -> ExtractedReport | None:
        """The cached report for ``key``, relabelled with ``path``; None on a miss.

        Any entry that cannot be read, is not the JSON :meth:`put` writes, holds a
        value of the wrong type, or is filed under another key is a miss.
        """
        if key is None:
            return None
        try:
            with open_regular(self._file(key)) as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
            if len(data) > MAX_ENTRY_BYTES:
                return None
            entry = json.loads(data.decode("utf-8", "surrogatepass"))
            if not isinstance(entry, dict) or entry.get("format") != ENTRY_FORMAT:
                return None
            if entry.get("key") != key:
                return None  # an entry moved or copied under another name
            report = decode_report(entry["report"])
        except (FazhiError, OSError, ValueError, TypeError, KeyError, RecursionError):
            # A missing or damaged entry is just a miss: it is rewritten after extraction.
            return None
        source = report.document.source
        if not (key.startswith(source.sha256) and key.endswith(Path(source.path).suffix.lower())):
            return None  # describes another file than the one the key names
        return _with_path(report, str(path))

    def put(self, key: str | None, report: ExtractedReport) -> None:
        """Store ``report`` under ``key`` atomically (no-op for a None key)."""
        if key is None:
            return
        entry = {"format": ENTRY_FORMAT, "key": key, "report": encode_report(report)}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        try:
            # Not synced: a cut entry is a miss (get), and a build writes one a report.
            atomic_write(self._file(key), data.encode("utf-8", "surrogatepass"), durable=False)
        except OSError as exc:
            raise UsageError(
                f"cannot write the extraction cache in {self.root}: "
                f"{exc.strerror or exc} (choose another folder or use --no-cache)"
            ) from exc


# A file suffix that can be part of a file name in the cache.
_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


def _with_path(report: ExtractedReport, path: str) -> ExtractedReport:
    source = report.document.source
    if source.path == path:
        return report
    document = dataclasses.replace(report.document, source=dataclasses.replace(source, path=path))
    return dataclasses.replace(report, document=document)


# --- the entry format: records as JSON, read back by their declared types ----------------------
#
# A record is the list of its fields in order; a tuple of records (a report's
# mentions, sentences, sections) is the list of its columns, one list per
# field, so that both directions run over whole columns in C instead of over
# each record in Python: a build writes every report it extracts, and a warm
# rebuild reads them all.


def encode_report(report: ExtractedReport) -> list[Any]:
    """An extracted report as JSON values: each record a list of its fields, in order.

    Fields whose name starts with ``_`` are derived by the record itself and left out.
    """
    return typing.cast(list[Any], _encoder(ExtractedReport)(report))  # a record encodes as a list


def decode_report(data: Any) -> ExtractedReport:
    """The :class:`~kg.model.ExtractedReport` of :func:`encode_report`'s values.

    Every value is checked against the type its record declares; nothing is
    looked up by name from the data, so an entry can only ever give records.

    Raises
    ------
    ValueError
        A value of the wrong type or shape.
    """
    return typing.cast(ExtractedReport, _decoder(ExtractedReport)(data))


@cache
def _field_types(cls: Any) -> tuple[tuple[str, Any], ...]:
    """(name, declared type) of each field a record is written with, in order: those its
    constructor takes, but for the ones whose name starts with ``_`` (derived by the record)."""
    hints = typing.get_type_hints(cls)
    init = [f.name for f in dataclasses.fields(cls) if f.init]
    names = [name for name in init if not name.startswith("_")]
    if init[: len(names)] != names:  # the values are passed by position
        raise TypeError(f"{cls.__name__}: derived fields must come after the others")
    return tuple((name, hints[name]) for name in names)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _record_items(tp: Any) -> Any:
    """The record type of ``tuple[Record, ...]``; None for any other type."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0] if _is_record(args[0]) else None
    return None


# Turns a value of one declared type into JSON values (Any: a list, str, int, float, bool or
# None by the type). ``_same`` marks a value that is its own JSON value.
_Encoder: TypeAlias = Callable[[Any], Any]
_PLAIN = (str, int, float, bool, type(None))


def _same(value: Any) -> Any:
    return value


@cache
def _encoder(tp: Any) -> _Encoder:
    """A function that turns a value of type ``tp`` into JSON values."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in _PLAIN:
        return _same
    if origin in (typing.Union, types.UnionType):
        if all(arg in _PLAIN for arg in args):
            return _same
        choices = {arg: _encoder(arg) for arg in args}
        return lambda value: choices[type(value)](value)
    if (record := _record_items(tp)) is not None:
        return _columns_encoder(record)
    if origin is tuple:  # a JSON array as it stands when its items are plain
        if len(args) == 2 and args[1] is Ellipsis:
            item = _encoder(args[0])
            return _same if item is _same else lambda value: list(map(item, value))
        items = [_encoder(arg) for arg in args]
        if all(f is _same for f in items):
            return _same
        return lambda value: [f(v) for f, v in zip(items, value)]
    if _is_enum(tp):
        return operator.attrgetter("_value_")  # the member's value, without Enum's descriptor
    if _is_record(tp):
        fields = _field_types(tp)
        get = operator.attrgetter(*(name for name, _ in fields), "__class__")  # always a tuple
        # Most fields are plain: only the others are visited, in place.
        encoded = [(i, f) for i, (_, t) in enumerate(fields) if (f := _encoder(t)) is not _same]

        def record(value: Any) -> list[Any]:
            values = list(get(value))
            del values[-1]
            for i, f in encoded:
                values[i] = f(values[i])
            return values

        return record
    raise TypeError(f"the cache cannot hold a value of type {tp!r}")


def _columns_encoder(tp: Any) -> _Encoder:
    """Records of type ``tp`` as one list per field."""
    fields = _field_types(tp)
    get = operator.attrgetter(*(name for name, _ in fields), "__class__")  # always a tuple
    steps = [_encoder(t) for _, t in fields]

    def columns(value: Any) -> list[Any]:
        rows = list(map(get, value))
        if not rows:
            return [[] for _ in steps]
        return [
            column if f is _same else list(map(f, column)) for f, column in zip(steps, zip(*rows))
        ]

    return columns


# Turns JSON values into a value of one declared type, or raises ValueError. Any: the values
# are what json.loads gives, and the type is the one the decoder was made for.
_Decoder: TypeAlias = Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> _Decoder:
    """A function that turns JSON values into a value of type ``tp``, or raises ValueError."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (str, int, bool):
        return _exactly(tp)
    if tp is float:
        return _number
    if tp is type(None):
        return _exactly(type(None))
    if origin in (typing.Union, types.UnionType):
        choices = [_decoder(arg) for arg in args]
        return lambda value: _first_fit(choices, value)
    if (record := _record_items(tp)) is not None:
        return _columns_decoder(record)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(map(item, _list(value)))
        if len(set(args)) == 1 and args[0] in (str, int):  # a pair of names, of offsets
            return _same_typed(args[0], len(args))
        items = [_decoder(arg) for arg in args]
        return lambda value: tuple(f(v) for f, v in zip(items, _list(value, len(items))))
    if _is_enum(tp):
        members: dict[str, enum.Enum] = {member.value: member for member in tp}

        def member(value: Any) -> enum.Enum:
            if type(value) is not str or value not in members:
                raise ValueError(f"not a {tp.__name__}: {value!r}")
            return members[value]

        return member
    if _is_record(tp):
        plan = _plan(tp)

        def record(value: Any) -> Any:
            args = []
            for (exact, decode), item in zip(plan, _list(value, len(plan))):
                if decode is not None:  # a plan has either a decoder or an exact type
                    args.append(decode(item))
                elif type(item) is exact:
                    args.append(item)
                else:
                    raise ValueError(f"expected {exact.__name__}, found {type(item).__name__}")
            return tp(*args)

        return record
    raise TypeError(f"the cache cannot hold a value of type {tp!r}")


def _plan(tp: Any) -> list[tuple[Any, _Decoder | None]]:
    """How each field of record type ``tp`` is read: (str or int, None) or (None, decoder).

    A plain str or int field (most are) is checked in place, by its type; Any: a
    type from get_type_hints.
    """
    return [(t, None) if t in (str, int) else (None, _decoder(t)) for _, t in _field_types(tp)]


def _columns_decoder(tp: Any) -> _Decoder:
    """Records of type ``tp`` from one list per field, a plain column checked whole."""
    plan = _plan(tp)

    def records(value: Any) -> tuple[Any, ...]:
        columns = _list(value, len(plan))
        length = len(_list(columns[0])) if columns else 0
        decoded = []
        for (exact, decode), column in zip(plan, columns):
            if len(_list(column)) != length:
                raise ValueError("columns of different lengths")
            if decode is not None:
                decoded.append(list(map(decode, column)))
            elif set(map(type, column)) <= {exact}:
                decoded.append(column)
            else:
                raise ValueError(f"expected a column of {exact.__name__}")
        return tuple(map(tp, *decoded))

    return records


def _exactly(tp: type) -> _Decoder:
    def check(value: Any) -> Any:
        if type(value) is not tp:
            raise ValueError(f"expected {tp.__name__}, found {type(value).__name__}")
        return value

    return check


def _same_typed(tp: type, length: int) -> _Decoder:
    def check(value: Any) -> tuple[Any, ...]:
        if not set(map(type, _list(value, length))) <= {tp}:
            raise ValueError(f"expected {length} of {tp.__name__}")
        return tuple(value)

    return check


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    return float(value)


def _list(value: Any, length: int | None = None) -> list[Any] | tuple[Any, ...]:
    """``value`` if it is an array (a tuple where it never went through JSON text)."""
    if type(value) not in (list, tuple) or (length is not None and len(value) != length):
        raise ValueError("expected a list" + (f" of {length}" if length is not None else ""))
    return typing.cast(list[Any] | tuple[Any, ...], value)


def _first_fit(choices: list[_Decoder], value: Any) -> Any:
    for choice in choices:
        try:
            return choice(value)
        except ValueError:
            continue
    raise ValueError("no declared type fits")
