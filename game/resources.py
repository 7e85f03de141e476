"""Where the game's own files are: scenarios, the theme, the map, fonts and translations.

Everything the game ships is package data read through ``importlib.resources``, so the same code
runs from a clone (an editable install), from an installed wheel and from the standalone build.
In the repository the data stays where authors expect it, ``scenarios/`` and ``assets/`` at the
top; setup.py serves those folders as the packages ``game.scenarios`` and ``game.assets``.
Translations live in ``game/locale``. No other module finds files from ``__file__``.

Scenarios a player adds go in the user data folder (``scenarios`` next to the saves); any path
given on the command line works too.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from game.sim.folders import data_dir

SCENARIOS_PACKAGE = "game.scenarios"
ASSETS_PACKAGE = "game.assets"
DEFAULT_SCENARIO_FILE = "fentanyl_2023.toml"


class ResourceError(Exception):
    """The game's own files are missing: a broken or outdated installation."""


def _folder(package: str, *parts: str) -> Path:
    """A shipped folder as a real path (every way the game is installed keeps files on disk)."""
    try:
        place: Traversable = resources.files(package).joinpath(*parts)
    except ModuleNotFoundError:
        raise ResourceError(
            f"the game's data ({package}) is not installed; from a clone run "
            "'python -m pip install -e .' again (or 'make play')"
        ) from None
    if not isinstance(place, Path):
        raise ResourceError(f"{package}: the game's data must be unpacked on disk, not in {place}")
    return place


def bundled_scenarios() -> Path:
    """The folder of the scenarios that come with the game."""
    return _folder(SCENARIOS_PACKAGE)


def user_scenarios() -> Path:
    """The player's own scenarios: ``scenarios`` in the user data folder (may not exist)."""
    return data_dir() / "scenarios"


def scenario_folders() -> list[Path]:
    """Where the scenario picker looks: the bundled folder, then the user's if it exists."""
    folders = [bundled_scenarios()]
    if user_scenarios().is_dir():
        folders.append(user_scenarios())
    return folders


def default_scenario() -> Path:
    return bundled_scenarios() / DEFAULT_SCENARIO_FILE


def find_scenario(name: str | Path) -> Path:
    """A scenario argument as a file: an existing path, else a name in the user or bundled folder.

    ``fentanyl_2023``, ``fentanyl_2023.toml`` and ``scenarios/fentanyl_2023.toml`` all find the
    bundled file from any folder. A name found nowhere comes back unchanged, so the loader's
    "cannot read file" message names what the user typed.
    """
    given = Path(name)
    if given.exists():
        return given
    file_name = given.name if given.suffix == ".toml" else f"{given.name}.toml"
    for folder in (user_scenarios(), bundled_scenarios()):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return given


def asset(name: str) -> Path:
    """A shipped asset file (``theme.json``, ``map.json``, ``fonts/...``)."""
    return _folder(ASSETS_PACKAGE, *name.split("/"))


def read_asset(name: str) -> str:
    return asset(name).read_text(encoding="utf-8")


def fonts() -> Path:
    """The folder of the bundled fonts."""
    return _folder(ASSETS_PACKAGE, "fonts")


def font_file(bold: bool = False) -> Path:
    """The bundled font (Latin and Simplified Chinese in one family, see assets/fonts/README.md)."""
    return fonts() / ("PrecursorCJK-Bold.otf" if bold else "PrecursorCJK-Regular.otf")


def locale_folder() -> Path:
    """The gettext catalogs: ``LANG/LC_MESSAGES/precursor.mo``."""
    return _folder("game", "locale")
