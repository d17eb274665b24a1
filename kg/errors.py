"""The few errors fazhi-kg raises; each message names the bad value and the fix.

Examples
--------
>>> raise InputError("reports/a.txt", "file is empty", "remove it or re-download it")
Traceback (most recent call last):
...
kg.errors.InputError: reports/a.txt: file is empty (remove it or re-download it)
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class InputError(FazhiError):
    """A report file that cannot be read as a report (skipped, the batch goes on)."""

    exit_code = 2

    def __init__(self, path: str, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        message = f"{self.path}: {problem}"
        super().__init__(f"{message} ({fix})" if fix else message)


class ExtractionError(InputError):
    """An unexpected failure while extracting one report: that file is skipped, the batch goes on."""


class UsageError(FazhiError):
    """A bad option, argument or configuration value given by the caller."""

    exit_code = 64


class RefusedError(UsageError):
    """A query the read-only tools refuse: SPARQL Update, or SERVICE (a call to another server).

    ``kg query`` exits with 64 as for any bad usage; ``kg serve`` answers 403.
    """


class OutputError(FazhiError):
    """The output folder cannot be written: a file stands there, or no permission, or disk full."""

    exit_code = 73  # EX_CANTCREAT of sysexits.h


class VocabularyError(FazhiError):
    """An ontology or vocabulary file that is missing or malformed."""

    exit_code = 65
