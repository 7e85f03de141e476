"""The scenario picker's list: every ``*.toml`` in the scenarios folder, valid or broken."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.format.loader import ScenarioError, load_scenario
from game.format.schema import Scenario
from game.i18n import _, format_month
from game.resources import DEFAULT_SCENARIO_FILE, scenario_folders
from game.sim.model import month_label


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario file: loaded, or broken with the loader's problems."""

    path: Path
    scenario: Scenario | None
    problems: tuple[str, ...] = ()

    @property
    def broken(self) -> bool:
        return self.scenario is None

    @property
    def title(self) -> str:
        return self.scenario.meta.title if self.scenario else self.path.name

    @property
    def length(self) -> str:
        if self.scenario is None:
            return ""
        meta = self.scenario.meta
        last = month_label(meta.start, meta.turns - 1)
        return _("{turns} monthly turns, {start} to {end}").format(
            turns=meta.turns, start=format_month(meta.start), end=format_month(last)
        )

    @property
    def first_problem(self) -> str:
        return self.problems[0] if self.problems else ""


def load_entry(path: Path) -> ScenarioEntry:
    """Load one file; a broken file becomes an entry with its problems, never an exception."""
    try:
        return ScenarioEntry(path, load_scenario(path))
    except ScenarioError as error:
        return ScenarioEntry(path, None, tuple(str(p) for p in error.problems))
    except Exception as error:
        return ScenarioEntry(path, None, (f"{path}: cannot load: {error}",))


def list_scenarios(folder: Path | None, extra: Path | None = None) -> list[ScenarioEntry]:
    """Every scenario in ``folder`` (sorted by file name), plus ``extra`` if it is elsewhere.

    No folder means the game's own scenarios followed by the player's (the user data folder).
    """
    folders = scenario_folders() if folder is None else [folder]
    paths = [path for place in folders if place.is_dir() for path in sorted(place.glob("*.toml"))]
    if extra is not None and extra.resolve() not in {p.resolve() for p in paths}:
        paths.insert(0, extra)
    return [load_entry(path) for path in paths]


def default_index(entries: list[ScenarioEntry], preferred: Path | None = None) -> int:
    """The entry offered first: the preferred file, else the default scenario, else a valid one."""
    wanted = [preferred.resolve()] if preferred else []
    for target in wanted:
        for i, entry in enumerate(entries):
            if entry.path.resolve() == target:
                return i
    for i, entry in enumerate(entries):
        if entry.path.name == DEFAULT_SCENARIO_FILE and not entry.broken:
            return i
    return next((i for i, entry in enumerate(entries) if not entry.broken), 0)
