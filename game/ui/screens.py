"""Every screen by name, in one registry (Textual's ``App.SCREENS``, Tuxemon's states by name).

Rules:
- Screens never import each other: they ask the app for another screen by its name here
  (``app.show("debrief", game)``, ``app.open("help")``). The registry names the classes as text
  and imports a screen's module only when it is first shown, so the window's modules form no
  import cycle.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.scene import Scene

SCREENS: dict[str, str] = {
    "title": "game.ui.title:TitleScene",
    "setup": "game.ui.setup:SetupScene",
    "briefing": "game.ui.briefing:BriefingScene",
    "turn": "game.ui.turn:TurnScene",
    "resolution": "game.ui.resolution:ResolutionScene",
    "debrief": "game.ui.debrief:DebriefScene",
    "why": "game.ui.why:WhyScene",
    "cover": "game.ui.classroom:CoverScene",
    "predict": "game.ui.classroom:PredictScene",
    "choice": "game.ui.classroom:ChoiceScene",
    "message": "game.ui.modal:MessageScene",
    "confirm": "game.ui.modal:ConfirmScene",
    "help": "game.ui.modal:HelpScene",
    "menu": "game.ui.modal:MenuScene",
    "debate": "game.ui.debate:DebateScene",
    "pick": "game.ui.pick:PickScene",
    "terms": "game.ui.terms:TermsScene",
}


@cache
def screen_class(name: str) -> type[Scene]:
    """The scene class registered as ``name``."""
    module, _, cls = SCREENS[name].partition(":")
    return getattr(import_module(module), cls)
