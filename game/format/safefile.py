"""One safe way to read a file a user hands the program: scenarios, plans, saves, logs.

Rules:
- Only regular files are read. A named pipe (FIFO), a device such as /dev/zero, a folder, a
  symlink loop or a link to nothing is refused at once with a sentence, never read (so nothing
  hangs and nothing fills memory). The file is opened without blocking and checked on the open
  descriptor, so it cannot be swapped for something else between the check and the read.
- Each kind of file has a size cap; a bigger file is refused before it is read.
- Text is UTF-8 (a byte order mark is accepted and dropped); otherwise the message names the line
  and column of the first bad byte.
- JSON and TOML syntax errors, nesting too deep for the parser, numbers too long to be a number
  the game uses (a 5,001-digit integer) and non-finite numbers (NaN, Infinity, 1e999) become a
  ``FileProblem`` with the file, the line and a message. Callers turn it into their own error
  (``ScenarioError``, ``SaveError``, a skipped report input) with the same text.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.format.limits import MAX_FILE_BYTES as MAX_SCENARIO_BYTES

if sys.version_info >= (3, 11):  # noqa: UP036 - tomli is the fallback for older Pythons
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_NUMBER_CHARS = 100  # no number the game reads or writes comes near this
MAX_NESTING = 200  # where a "nested too deeply" message points; no file of the game comes near
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class FileKind:
    """A kind of file: its name in messages and its size cap in bytes."""

    name: str
    max_bytes: int

    @property
    def cap_text(self) -> str:
        megabytes = self.max_bytes / 1_000_000
        return f"{megabytes:g} MB" if megabytes >= 1 else f"{self.max_bytes // 1000} KB"


SCENARIO = FileKind("scenario", MAX_SCENARIO_BYTES)
PLAN = FileKind("plan", 1_000_000)
SAVE = FileKind("save", 5_000_000)
LOG = FileKind("game log", 20_000_000)


class FileProblem(ValueError):
    """A file that cannot be read as its kind: ``str()`` is ``FILE:LINE: message``."""

    def __init__(
        self, path: str | Path, message: str, line: int = 1, column: int = 0, damage: str = ""
    ) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        self.damage = damage  # for a file read whole but wrong inside: what is wrong, in brief
        where = f"{self.path}:{line}" + (f":{column}" if column else "")
        super().__init__(f"{where}: {message}")


def read_bytes(path: str | Path, kind: FileKind) -> bytes:
    """The bytes of the regular file at ``path``, or FileProblem saying why it cannot be read."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        _refuse_unless_regular(path, os.stat(path).st_mode, kind)  # never open a pipe or device
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(path, _open_error(path, exc)) from None
    try:
        info = os.fstat(descriptor)
        _refuse_unless_regular(path, info.st_mode, kind)  # it may have been swapped meanwhile
        if info.st_size > kind.max_bytes:
            raise FileProblem(path, _too_big(kind, info.st_size))
        chunks = []
        size = 0
        while size <= kind.max_bytes:  # the file may grow while we read it
            chunk = os.read(descriptor, min(1 << 20, kind.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > kind.max_bytes:
            raise FileProblem(path, _too_big(kind, size))
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(path, f"cannot read this {kind.name}: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def read_text(path: str | Path, kind: FileKind) -> str:
    """The file's text (UTF-8, a leading BOM dropped), or FileProblem with the bad byte's line."""
    return decode_text(read_bytes(path, kind), path, kind)


def decode_text(data: bytes, path: str | Path, kind: FileKind) -> str:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblem(
            path,
            f"this {kind.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} here); "
            "save it again as UTF-8",
            line,
            column,
            damage="not UTF-8 text",
        ) from None


def read_json(path: str | Path, kind: FileKind) -> Any:
    """The JSON value in the file; FileProblem for anything not plain, finite, shallow JSON."""
    return parse_json(read_text(path, kind), path, kind)


def parse_json(text: str, path: str | Path, kind: FileKind) -> Any:
    try:
        return json.loads(
            text,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as exc:
        raise FileProblem(
            path,
            f"this {kind.name} is not valid JSON ({exc.msg}): damaged or cut short",
            exc.lineno,
            exc.colno,
            damage="cut short or overwritten",
        ) from None
    except _BadNumber as exc:
        raise FileProblem(
            path, f"this {kind.name} holds {exc.reason}", *_find(text, exc), damage=exc.reason
        ) from None
    except RecursionError:
        raise FileProblem(
            path, _deep_message(kind), *_too_deep(text), damage="nested too deeply"
        ) from None
    except ValueError as exc:  # int() limits of the interpreter
        raise FileProblem(
            path,
            f"this {kind.name} holds a number it cannot read: {_short(exc)}",
            damage="a number it cannot read",
        ) from None


def read_toml(path: str | Path, kind: FileKind) -> dict[str, Any]:
    """The TOML table in the file; FileProblem with the line for any syntax or number problem."""
    return parse_toml(read_text(path, kind), path, kind)


def parse_toml(text: str, path: str | Path, kind: FileKind) -> dict[str, Any]:
    try:
        return tomllib.loads(text, parse_float=_toml_float)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = toml_position(exc, text)
        raise FileProblem(
            path, f"TOML syntax: {message}", line, column, damage="not valid TOML"
        ) from None
    except _BadNumber as exc:
        raise FileProblem(
            path, f"this {kind.name} holds {exc.reason}", *_find(text, exc), damage=exc.reason
        ) from None
    except RecursionError:
        raise FileProblem(
            path, _deep_message(kind), *_too_deep(text), damage="nested too deeply"
        ) from None
    except ValueError as exc:  # an integer past the interpreter's digit limit
        found = re.search(rf"\d{{{MAX_NUMBER_CHARS + 1},}}", text)
        line, column = _position(text, found.start()) if found else (1, 0)
        raise FileProblem(
            path,
            f"a number in this {kind.name} is too long to read ({_short(exc)})",
            line,
            column,
            damage="a number too long to read",
        ) from None


def toml_position(exc: tomllib.TOMLDecodeError, text: str = "") -> tuple[int, int, str]:
    """(line, column, message without position) of a TOML syntax error, on any Python."""
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:  # Python < 3.14: "... (at line 3, column 7)"
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = message[: found.start()].strip()
        elif "(at end of document)" in message:
            line, column = _position(text, len(text.rstrip("\n")))
            message = message.replace("(at end of document)", "at the end of the file").strip()
        else:
            line, column = 1, 1
    return int(line), int(column or 1), getattr(exc, "msg", message)


def is_regular_file(path: str | Path) -> bool:
    """True for a regular file (through links); False for anything else, never an error."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


class _BadNumber(ValueError):
    def __init__(self, literal: str, reason: str) -> None:
        super().__init__(reason)
        self.literal = literal
        self.reason = reason


def _json_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _BadNumber(
            literal, f"a number of {len(literal):,} digits, too long to be one the game uses"
        )
    return int(literal)


def _json_float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _BadNumber(
            literal, f"a number of {len(literal):,} characters, too long to be one the game uses"
        )
    value = float(literal)
    if not math.isfinite(value):
        raise _BadNumber(literal, f"{literal}, a number too large to be finite")
    return value


def _json_constant(literal: str) -> float:
    raise _BadNumber(literal, f"{literal}, which is not a number the game can use")


def _toml_float(literal: str) -> float:
    value = _json_float(literal) if "n" not in literal.lower() else math.nan
    if not math.isfinite(value):
        raise _BadNumber(literal, f"{literal}, which is not a number the game can use")
    return value


def _find(text: str, exc: _BadNumber) -> tuple[int, int]:
    """Where the offending literal is, preferring a place outside strings."""
    literal = exc.literal if len(exc.literal) <= 1000 else exc.literal[:1000]
    start = 0
    first = -1
    while True:
        at = text.find(literal, start)
        if at < 0:
            break
        first = at if first < 0 else first
        before = text[max(0, at - 40) : at].rstrip()
        if not before or before[-1] in ":=[,{":
            return _position(text, at)
        start = at + 1
    return _position(text, first) if first >= 0 else (1, 0)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_OPEN_OR_CLOSE_OR_STRING = re.compile(r'[\[{]|[\]}]|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')


def _deep_message(kind: FileKind) -> str:
    return f"this {kind.name} is nested too deeply (brackets inside brackets {MAX_NESTING}+ deep)"


def _too_deep(text: str) -> tuple[int, int]:
    """(line, column) where brackets first nest deeper than MAX_NESTING, skipping strings."""
    depth = 0
    for match in _OPEN_OR_CLOSE_OR_STRING.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return _position(text, match.start())
        elif token in "]}":
            depth = max(0, depth - 1)
    return 1, 0


def _open_error(path: Path, exc: OSError) -> str:
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        if exc.errno == errno.ELOOP:
            return "cannot read file: it is a link that loops back on itself"
        return f"cannot read file: it is a link to {target}, which does not exist"
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return "cannot read file: it is a folder"
    if isinstance(exc, FileNotFoundError):
        return "cannot read file: no such file"
    return f"cannot read file: {exc.strerror or exc}"


def _refuse_unless_regular(path: Path, mode: int, kind: FileKind) -> None:
    refusal = _not_regular(mode)
    if refusal:
        raise FileProblem(path, f"cannot read this {kind.name}: it is {refusal}, not a file")


def _not_regular(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_big(kind: FileKind, size: int) -> str:
    return f"this {kind.name} is larger than {kind.cap_text} ({size:,} bytes): not read"


def _short(exc: Exception, limit: int = 120) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[: limit - 3] + "..."
