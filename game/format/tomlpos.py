"""Find the line of a dotted key path in TOML text, so errors can say FILE:LINE.

tomllib gives values but no positions. This scanner follows table headers (``[a.b]``,
``[[a.b]]`` with their array indices) and ``key = value`` lines, skipping the inside of
multi-line strings and arrays, and records the first line of each path it sees. Paths inside
inline tables or multi-line arrays fall back to the line of the nearest key that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*="""
)
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*(?:\.|$)""")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(dotted))


class TomlLines:
    """Maps dotted key paths of one TOML document to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._scan(text.splitlines())

    def _scan(self, lines: Sequence[str]) -> None:
        header: Path = ()
        array_counts: dict[tuple[str, ...], int] = {}
        in_multiline: str | None = None
        bracket_depth = 0
        for number, raw in enumerate(lines, start=1):
            line = raw
            if in_multiline:
                if in_multiline in line:
                    in_multiline = None
                continue
            if bracket_depth > 0:
                bracket_depth += _bracket_balance(line)
                continue
            match = _HEADER.match(line)
            if match and not _KEY.match(line):
                parts = _split_key(match.group(2))
                if match.group(1) == "[[":
                    index = array_counts.get(parts, -1) + 1
                    array_counts[parts] = index
                    header = (*self._with_indices(parts, array_counts), index)
                else:
                    header = self._with_indices(parts, array_counts)
                self.lines.setdefault(header, number)
                continue
            match = _KEY.match(line)
            if not match:
                continue
            path = header + _split_key(match.group(1))
            self.lines.setdefault(path, number)
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
            if in_multiline is None:
                bracket_depth = max(0, _bracket_balance(rest))

    @staticmethod
    def _with_indices(parts: tuple[str, ...], array_counts: dict[tuple[str, ...], int]) -> Path:
        path: list[str | int] = []
        for i in range(len(parts)):
            path.append(parts[i])
            prefix = parts[: i + 1]
            if prefix in array_counts and i < len(parts) - 1:
                path.append(array_counts[prefix])
        return tuple(path)

    def line_of(self, path: Sequence[str | int]) -> int:
        """Line of ``path``, or of its longest known prefix; 1 when nothing matches."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


def _bracket_balance(text: str) -> int:
    depth = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth
