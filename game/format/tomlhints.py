"""Plain-words hints for TOML syntax errors, for someone who has never read the TOML spec.

Rules:
- tomllib says what it saw ("Invalid value", "Cannot overwrite a value"); a hint says what to
  do about it ("put dates in quotes: \"2025-04\""). Each hint is chosen from the text of the
  line the error is on, never guessed from the message alone.
- A hint never replaces tomllib's message, it follows it, so nothing tomllib said is lost.
"""

from __future__ import annotations

import re

from game.format.tomlpos import TomlLines

_UNQUOTED_MONTH = re.compile(r"=\s*(\d{4}-\d{1,2}(?:-\d{1,2})?)\s*(?:[,}\]#]|$)")
_WINDOWS_PATH = re.compile(r"""=.*"[^"]*\\""")
_HEADER_OR_KEY = re.compile(r"^\s*(\[[^\]]*\]?|[^=]*=)")


def toml_hint(text: str, line: int, column: int, message: str) -> str:
    """A hint for a tomllib error at ``line``/``column`` (1-based) of ``text``, or ''."""
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\r" in here.rstrip("\r"):
        return (
            "this line holds a lone carriage return (CR): save the file with ordinary line "
            "endings (LF, or CR LF on Windows)"
        )
    month = _UNQUOTED_MONTH.search(here)
    if month:
        return f'put dates in quotes: "{_as_month(month.group(1))}"'
    head = _HEADER_OR_KEY.match(here)
    if head and any(ord(char) > 127 for char in head.group(1)):
        return "ids use a-z, 0-9 and _: no accents, spaces or other letters"
    if _WINDOWS_PATH.search(here):
        return (
            "a backslash starts an escape inside double quotes: use single quotes for "
            "Windows paths ('C:\\Users\\...') or write each backslash twice"
        )
    if "Unterminated string" in message or "Illegal character" in message:
        return "a text is missing its closing quote, or holds a line break: close it on its line"
    return ""


def duplicate_hint(text: str) -> tuple[int, str]:
    """(line, hint) for a key or table that is defined twice, or (0, '') if none is found."""
    positions = TomlLines(text)
    if not positions.duplicates:
        return 0, ""
    path, first, again = positions.duplicates[0]
    dotted = ".".join(str(part) for part in path)
    return again, f"{dotted!r} is already set at line {first}: give each key and table only once"


def _as_month(written: str) -> str:
    year, month = written.split("-")[:2]
    return f"{year}-{int(month):02d}"
