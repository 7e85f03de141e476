"""Saving and resuming from the window: Continue, Load game, Ctrl+S.

Rules:
- A save that cannot be read (damaged, truncated, newer version, scenario gone) is shown with
  its SaveError message in a modal; nothing else is lost and nothing crashes.
- A resumed game goes to the turn screen, or to the debrief when it had already ended.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from game.i18n import _, ngettext
from game.sim.saves import (
    SaveError,
    SaveFile,
    is_autosave,
    latest_autosave,
    list_saves,
    write_save,
)
from game.sim.session import Game, load_saved_game, to_save
from game.ui.markup import escape


def has_autosave() -> bool:
    return latest_autosave() is not None


def show_error(app, heading: str, message: str) -> None:
    app.open("message", heading, escape(message))


def resume(app, game: Game) -> None:
    """Go on playing ``game``: its turn screen, or its debrief if it is over."""
    app.show("debrief" if game.finished else "turn", game)


def open_save(app, path: Path) -> bool:
    """Load the save at ``path`` and resume it; False (with a message shown) when it cannot."""
    try:
        game = load_saved_game(path)
    except SaveError as error:
        show_error(app, _("This save cannot be opened"), str(error))
        return False
    resume(app, game)
    return True


def continue_autosave(app) -> bool:
    """Open the newest autosave (each game has its own slot)."""
    path = latest_autosave()
    if path is None:
        show_error(app, _("Nothing to continue"), _("There is no autosaved game."))
        return False
    return open_save(app, path)


def save_choices() -> list[tuple[str, str]]:
    """(text, path) of every save, newest first; damaged ones say what is wrong."""
    rows = []
    for path, save in list_saves():
        rows.append((describe(path, save), str(path)))
    return rows


def describe(path: Path, save: SaveFile | SaveError) -> str:
    if isinstance(save, SaveError):
        return _("DAMAGED {file}: {problem}").format(file=path.name, problem=save)
    name = _("Autosave") if is_autosave(path) else path.stem
    months = ngettext("{n} month", "{n} months", len(save.turns)).format(n=len(save.turns))
    return f"{name}: {save.label}  ({months}, {save.saved_at[:16]})"


def open_load_list(app) -> None:
    choices = save_choices()
    note = "" if choices else _("No saved games yet: a game saves itself after every month.")
    app.open(
        "choice",
        _("Load game"),
        choices,
        note,
        on_result=lambda path: open_save(app, Path(path)) if path else None,
    )


def save_game(app, game: Game) -> None:
    """Ctrl+S: the game into a new slot named by the time; a message says where or why not."""
    slot = "save-" + datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        path = write_save(to_save(game), slot)
    except (SaveError, OSError) as error:
        show_error(app, _("The game was not saved"), str(error))
        return
    saved = _("Saved as {name}").format(name=f"<b>{escape(path.stem)}</b>")
    app.open("message", _("Game saved"), f"{saved}<br>{path}")
