"""What is wrong with a scenario file: ``Problem`` (file, line, key path, message) and
``ScenarioError`` (all of them). Light on purpose: the command line imports it at start-up,
before it knows whether it will load a scenario at all."""

from __future__ import annotations

from dataclasses import dataclass


def _cut(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file, with where it is."""

    file: str
    line: int
    path: str
    message: str
    column: int = 0
    warning: bool = False

    def __post_init__(self) -> None:  # a message stays readable whatever the file holds
        object.__setattr__(self, "message", _cut(self.message, 400))
        object.__setattr__(self, "path", _cut(self.path, 100))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        message = f"warning: {self.message}" if self.warning else self.message
        return f"{where}: {self.path}: {message}" if self.path else f"{where}: {message}"


class ScenarioError(Exception):
    """A scenario that cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
