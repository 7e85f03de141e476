"""Find the line of a dotted key path in TOML text, so errors can say FILE:LINE.

tomllib gives values but no positions. This scanner follows table headers (``[a.b]``,
``[[a.b]]`` with their array indices) and ``key = value`` lines, skipping the inside of strings
(escaped quotes included), multi-line strings and arrays, and records the first line of each
path it sees and of every prefix of it (so a misspelt ``[variable.x]`` is found at its own line
under ``variable``). Paths inside inline tables or multi-line arrays fall back to the line of
the nearest key that holds them. It also notes keys and tables defined twice, which tomllib
reports without a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*(\]\]?)\s*(#.*)?$")
_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)"""
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_PART = re.compile(rf"\s*({_KEY_PART})\s*(?:\.|$)")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(_unquote(part) for part in _PART.findall(dotted))


def _unquote(part: str) -> str:
    if part.startswith('"'):
        return re.sub(r"\\(.)", r"\1", part[1:-1])
    return part.strip("'")


class TomlLines:
    """Maps dotted key paths of one TOML document to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self.defined: dict[Path, int] = {}
        self.duplicates: list[tuple[Path, int, int]] = []  # (path, first line, second line)
        self._scan(text.split("\n"))  # as tomllib counts lines

    def _record(self, path: Path, number: int, explicit: bool) -> None:
        for end in range(1, len(path) + 1):
            self.lines.setdefault(path[:end], number)
        if not explicit:
            return
        if path in self.defined:
            self.duplicates.append((path, self.defined[path], number))
        else:
            self.defined[path] = number

    def _scan(self, lines: Sequence[str]) -> None:
        header: Path = ()
        array_counts: dict[tuple[str, ...], int] = {}
        in_multiline: str | None = None
        bracket_depth = 0
        for number, line in enumerate(lines, start=1):
            if in_multiline:
                end = _closing(line, in_multiline, 0)
                if end >= 0:
                    in_multiline = None
                    balance, in_multiline = _scan_value(line[end:])
                    bracket_depth = max(0, bracket_depth + balance)
                continue
            if bracket_depth > 0:
                balance, in_multiline = _scan_value(line)
                bracket_depth = max(0, bracket_depth + balance)
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
                self._record(header, number, explicit=match.group(1) == "[")
                continue
            match = _KEY.match(line)
            if not match:
                continue
            self._record(header + _split_key(match.group(1)), number, explicit=True)
            balance, in_multiline = _scan_value(line[match.end() :])
            bracket_depth = max(0, balance)

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


def _closing(text: str, delimiter: str, start: int) -> int:
    """Index just after the ``delimiter`` closing a string opened before ``start``, or -1."""
    i = start
    while i < len(text):
        if delimiter[0] == '"' and text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            end = i + len(delimiter)
            while end < len(text) and text[end] == delimiter[0] and len(delimiter) == 3:
                end += 1  # up to two quotes may end a multi-line string's text
            return end
        i += 1
    return -1


def _scan_value(text: str) -> tuple[int, str | None]:
    """Bracket balance of ``text`` outside strings and comments, and an unclosed ``\"\"\"``."""
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "#":
            break
        if char in "\"'":
            delimiter = text[i : i + 3] if text.startswith(char * 3, i) else char
            end = _closing(text, delimiter, i + len(delimiter))
            if end < 0:
                return depth, delimiter if len(delimiter) == 3 else None
            i = end
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        i += 1
    return depth, None
