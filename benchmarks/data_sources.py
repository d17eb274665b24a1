"""Check (or rewrite) the third-party data fazhi-kg ships against jionlp and jieba.

The gazetteer and the traditional-character table come unchanged from jionlp,
the common words are filtered from jieba's dictionary (LICENSES/README.md). This
script needs both packages installed (`pip install jionlp jieba`); fazhi-kg
itself does not.

    python benchmarks/data_sources.py            # say which shipped files differ
    python benchmarks/data_sources.py --update   # rewrite them from the installed releases
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Words of jieba's dictionary kept: 2-4 characters, at least this frequent.
MIN_FREQUENCY = 100
HEADER = (
    "# Frequent 2-4 character words and their frequencies, from jieba's dictionary (dict.txt of\n"
    "# jieba {version}, MIT licence: see LICENSES/MIT-jieba.txt); words with a frequency of "
    f"{MIN_FREQUENCY} or more.\n"
    "# The officials extractor reads it to tell a name from a common word. Regenerate with\n"
    "# `python benchmarks/data_sources.py --update`.\n"
)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"data_sources: {name} is not installed (pip install {name})")
    return Path(next(iter(spec.submodule_search_locations)))


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def common_words() -> bytes:
    """The shipped common-word list, made from the installed jieba."""
    lines = [HEADER.format(version=_version("jieba"))]
    for line in (_package_dir("jieba") / "dict.txt").read_text("utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and parts[1].isdigit():
            if int(parts[1]) >= MIN_FREQUENCY:
                lines.append(f"{parts[0]} {parts[1]}\n")
    return "".join(lines).encode("utf-8")


def sources() -> dict[Path, bytes]:
    jionlp = _package_dir("jionlp") / "dictionary"
    return {
        ROOT / "extractors/data/china_location.zip": (jionlp / "china_location.zip").read_bytes(),
        ROOT / "kg/ingest/data/tra2sim_char.txt": (jionlp / "tra2sim_char.txt").read_bytes(),
        ROOT / "extractors/data/common_words.txt": common_words(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the shipped files")
    args = parser.parse_args()
    differ = 0
    for path, data in sources().items():
        same = path.is_file() and path.read_bytes() == data
        differ += not same
        print(f"{'same' if same else 'DIFFERS'}  {path.relative_to(ROOT)}")
        if args.update and not same:
            path.write_bytes(data)
            print(
                f"  rewrote {path.relative_to(ROOT)}: graphs built before may link towns differently"
            )
    return 1 if differ and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
