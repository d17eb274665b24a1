"""Each report's web address, from a table kept beside the reports (``kg build --addresses``).

A report saved from a government site as text loses the page's address, and with
it the one clue that places a same-name town its text leaves open (下洋镇 of 徐闻县
or of 永定区: :mod:`kg.extractors.web_address`).  Whoever saved the reports mostly
kept where each came from; this reads that list.

The table is tab- or comma-separated (tabs if its first line has one), in UTF-8,
with a header row.  One column holds the address (``url``, ``address`` or
``page_url``); another names the report: ``file`` (its file name, or its path from
the table's folder) or ``id`` (its file name without the suffix, as a corpus
``MANIFEST.tsv`` has it).  Other columns are ignored.  An address a report's own
page states (a canonical link, an address line) is trusted over the table's.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "pages.tsv").write_text(
...     "id\\turl\\nr001\\thttp://www.xuwen.gov.cn/a.html\\nr002\\tnot an address\\n", "utf-8")
>>> table = read_address_table(d / "pages.tsv")
>>> found, problems = table.for_files([d / "r001.txt", d / "r003.txt"])
>>> found[d / "r001.txt"]
'http://www.xuwen.gov.cn/a.html'
>>> print(problems[0].reason)
line 3: not a web address (http:// or https://): 'not an address'; the row is left out
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import FazhiError, UsageError
from kg.ingest.html import web_address
from kg.ingest.read import open_regular
from kg.model import Problem

__all__ = ["ADDRESS_COLUMNS", "MAX_TABLE_BYTES", "AddressTable", "read_address_table"]

#: The header names an address column may have, in the order they are looked for.
ADDRESS_COLUMNS = ("url", "address", "page_url")
#: How a column may name each report: by file name (or path), or by name without suffix.
_NAME_COLUMNS = ("file", "id")
#: A table larger than this is not read (a list of 100,000 pages takes a few MB).
MAX_TABLE_BYTES = 64 * 2**20
#: How much of a cell a problem quotes.
_SHOWN = 80


@dataclass(frozen=True)
class AddressTable:
    """The rows of an address table: ``(line, name, address)``, ``name`` as the table
    writes it in its ``by`` column (``file`` or ``id``)."""

    path: Path
    by: str
    rows: tuple[tuple[int, str, str], ...]

    def for_files(self, files: Sequence[Path]) -> tuple[dict[Path, str], list[Problem]]:
        """Each of ``files`` the table gives an address, and a problem for each row left out.

        A row is left out (a ``warning`` naming the table and its line) when its
        address is not a web address, when its report was given another address
        on an earlier line, or when it names more than one of ``files``.  Rows
        that name none of ``files`` are a list of more pages than this batch reads,
        and are passed over, unless no row names any: then one ``warning`` says so
        (a table of other reports, or names in another form).
        """
        found: dict[Path, str] = {}
        given: dict[Path, int] = {}  # the line each address came from
        problems: list[Problem] = []
        lookup = self._lookup(files)
        named = False  # whether any row names one of files
        for line, name, value in self.rows:
            matches = lookup.get(self._key(name), [])
            named = named or bool(matches)
            address = web_address(value)
            if address is None:
                shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
                self._warn(problems, line, f"not a web address (http:// or https://): {shown!r}")
            elif len(matches) > 1:
                self._warn(
                    problems,
                    line,
                    f"{name!r} names {len(matches)} report files; name each by its path "
                    "from the table's folder in a 'file' column",
                )
            elif matches:
                path = matches[0]
                if path not in found:
                    found[path], given[path] = address, line
                elif found[path] != address:
                    self._warn(
                        problems, line, f"{path} was given another address on line {given[path]}"
                    )
        if files and self.rows and not named:
            form = "file names" if self.by == "file" else "file names without their suffix"
            problems.append(
                Problem(
                    str(self.path),
                    "warning",
                    f"its '{self.by}' column names none of the {len(files)} report files "
                    f"({form}): no report has an address; check the column",
                )
            )
        return found, problems

    def _lookup(self, files: Iterable[Path]) -> dict[str, list[Path]]:
        """Each way a row may name one of ``files`` (file name, path from the table's folder,
        or name without suffix, by the column), with the files it names."""
        folder = self.path.parent.resolve()
        lookup: dict[str, list[Path]] = {}
        for path in files:
            names = {path.stem} if self.by == "id" else {path.name}
            if self.by == "file":
                try:
                    names.add(path.resolve().relative_to(folder).as_posix())
                except ValueError:
                    pass  # a file outside the table's folder: named by its file name alone
            for name in names:
                lookup.setdefault(name, []).append(path)
        return lookup

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().replace("\\", "/").removeprefix("./")

    def _warn(self, problems: list[Problem], line: int, reason: str) -> None:
        problems.append(
            Problem(str(self.path), "warning", f"line {line}: {reason}; the row is left out")
        )


def read_address_table(path: str | Path) -> AddressTable:
    """Read an address table (see the module's description).

    Raises
    ------
    UsageError
        The file cannot be read, is larger than :data:`MAX_TABLE_BYTES`, is not
        UTF-8 text, or its header has no address column or no column naming
        the reports.
    """
    path = Path(path)
    fix = "give a tab- or comma-separated table with a header row (see kg build --help)"
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_TABLE_BYTES + 1)
    except FazhiError as exc:
        raise UsageError(f"--addresses {path}: {exc}") from exc
    if len(data) > MAX_TABLE_BYTES:
        raise UsageError(
            f"--addresses {path}: larger than {MAX_TABLE_BYTES // 2**20} MB; split the table"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"--addresses {path}: not UTF-8 text (byte {exc.start}); {fix}") from exc
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in first else ",")
    # A cell may be as long as the table (the limit is the csv module's, set process-wide:
    # put back after); an overlong one is no web address, which for_files says.
    limit = csv.field_size_limit(MAX_TABLE_BYTES)
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        address = next((header.index(c) for c in ADDRESS_COLUMNS if c in header), None)
        by = next((c for c in _NAME_COLUMNS if c in header), None)
        if address is None or by is None:
            wanted = (
                f"address column ({', '.join(ADDRESS_COLUMNS)})"
                if address is None
                else f"column naming each report ({' or '.join(_NAME_COLUMNS)})"
            )
            raise UsageError(
                f"--addresses {path}: the header row {first[:80]!r} has no {wanted}; {fix}"
            )
        name = header.index(by)
        rows = tuple(
            (reader.line_num, row[name], row[address])
            for row in reader
            if len(row) > max(name, address) and row[name].strip()
        )
    except csv.Error as exc:
        raise UsageError(f"--addresses {path}: line {reader.line_num}: {exc}; {fix}") from exc
    finally:
        csv.field_size_limit(limit)
    return AddressTable(path, by, rows)
