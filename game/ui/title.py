"""The title screen: Continue (the autosave, when there is one), New game, Load game, Help,
Text size, Language, Quit.

Rules:
- When there is an autosave (a game stopped, or the window crashed) the focus starts on
  Continue, so Enter resumes it; New game asks before a new game takes Continue's place.
- The language button cycles English, Español, 中文 and rebuilds the screen in the new one.
"""

from __future__ import annotations

import pygame

from game.i18n import LANGUAGES, _, language
from game.render.style import MUTED, PAPER, blit_text, fit_text
from game.sim.folders import KEEP_AUTOSAVES, latest_autosave
from game.ui import layout
from game.ui.bindings import labelled
from game.ui.language import choose_language, next_language
from game.ui.layout import GAP
from game.ui.scene import Scene


class TitleScene(Scene):
    keymap = "title"

    def build(self, rect: pygame.Rect) -> None:
        text = self.app.text
        width = min(text * 33, rect.width - 80)
        x = (rect.width - width) // 2
        top = rect.height // 7
        title_h, subtitle_h = round(text * 4.6), round(text * 2.4)
        wide = min(rect.width - 2 * GAP, width + 2 * text * 6)
        heading = layout.rect((rect.width - wide) // 2, top, wide, title_h)
        self.label(heading, "Precursor", "#title")
        self.label(
            layout.rect(heading.x, heading.bottom, heading.width, subtitle_h),
            _("A turn-based policy-debate simulation"),
            "#subtitle",
        )
        y = top + title_h + subtitle_h + 30
        height = round(text * 3)
        resumable = latest_autosave() is not None
        entries = [
            (
                labelled("title", "continue", _("Continue")),
                "continue",
                "#primary",
                _("Resume the last game where it stopped"),
            ),
            (
                labelled("title", "new", _("New game")),
                "new",
                None if resumable else "#primary",
                _("Choose a scenario and your country"),
            ),
            (labelled("title", "load", _("Load game")), "load", None, _("Open a saved game")),
            (_("Help  (F1)"), "help", None, _("Keys and how a turn works")),
            (
                _("Text size: {size}  (F2)").format(size=_(self.app.text_size)),
                "text",
                None,
                _("Small, normal or large"),
            ),
            (
                labelled("title", "language", LANGUAGES[language()]),
                "language",
                None,
                " / ".join(LANGUAGES.values()),
            ),
            (_("Quit"), "quit", None, None),
        ]
        if not resumable:
            entries.pop(0)
        area = layout.rect(x, y, width, rect.height - y - 2 * text - 16)
        spots = layout.column(area, len(entries), height, 12)
        for (label, command, object_id, tip), spot in zip(entries, spots, strict=True):
            self.button(spot, label, command, object_id=object_id, tip=tip)
        self.ring.focus("continue" if resumable else "new")

    def on_command(self, command: str) -> None:
        if command == "continue":
            if latest_autosave() is not None:
                from game.ui.saveload import continue_autosave  # the engine, once it is needed

                continue_autosave(self.app)
        elif command == "load":
            from game.ui.saveload import open_load_list

            open_load_list(self.app)
        elif command == "new":
            if latest_autosave() is not None:
                self._ask_replace()
            else:
                self._new_game(True)
        elif command == "help":
            self.app.open("help")
        elif command == "text":
            self.app.cycle_text_size(1)
        elif command == "language":
            choose_language(next_language())
            self.rebuild()
            self.ring.focus("language")
        elif command == "quit":
            self.app.quit()

    def _ask_replace(self) -> None:
        html = _(
            "Your last game is saved and Continue resumes it. Once a new game begins, Continue "
            "resumes the new one; the last game stays under Load game (with the newest "
            "{autosaves} autosaves and every game you saved with Ctrl+S).<br><br>"
            "Press <b>Y</b> (or click) to set up a new game; Enter or Esc keeps the saved one."
        ).format(autosaves=KEEP_AUTOSAVES)
        self.app.open(
            "confirm",
            _("Replace the saved game?"),
            html,
            _("New game"),
            _("Keep it"),
            on_result=self._new_game,
        )

    def _new_game(self, answer: object) -> None:
        if answer is True:
            self.app.open("setup")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
        w, h = surface.get_size()
        hint = _("Tab or arrows: move   Enter or Space: choose   F1: help   F11: full screen")
        text = self.app.text
        hint = fit_text(hint, text, w - 2 * GAP)
        blit_text(surface, hint, (w // 2, h - text), text, MUTED, anchor="midbottom")
