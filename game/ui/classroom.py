"""Classroom screens: the hot-seat cover, the prediction before committing, a list of choices
(instructor injects, saved games). The rules behind them are in game/play/classroom.py.

Rules:
- The cover is opaque (not an overlay): while it is up nothing of the previous player's
  choices is drawn. Only a deliberate Enter (a fresh press, not a held key) or a click on its
  button dismisses it: a stray key must not show the next player's screen to the wrong person.
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import _
from game.render.style import INK, MUTED, PAPER, blit_text
from game.ui.bindings import labelled
from game.ui.markup import escape
from game.ui.scene import ModalScene, Scene, modal_rect


class CoverScene(Scene):
    """'Pass to the Mexico player': hides the screen between hot-seat players."""

    keymap = "cover"

    def __init__(self, app, actor_name: str, note: str = "") -> None:
        super().__init__(app)
        self.actor_name, self.note = actor_name, note

    def build(self, rect: pygame.Rect) -> None:
        line = round(self.app.text * 2.4)
        width = min(520, rect.width - 40)
        self.button(
            pygame.Rect((rect.width - width) // 2, rect.height // 2 + 3 * line, width, line),
            labelled(
                "cover", "ready", _("I am the {country} player").format(country=self.actor_name)
            ),
            "ready",
            object_id="#primary",
            focusable=False,  # not Space: only Enter (or a click on it) shows the next screen
        )

    def on_command(self, command: str) -> None:
        if command == "ready":
            self.dismiss(None)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
        w, h = surface.get_size()
        text = self.app.text
        blit_text(
            surface,
            _("Pass to the {country} player").format(country=self.actor_name),
            (w // 2, h // 2 - 2 * text),
            text * 2,
            INK,
            True,
            "midbottom",
        )
        lines = [
            self.note or _("The previous player's orders are sealed."),
            _("{country} player: press Enter (or click the button) when ready.").format(
                country=self.actor_name
            ),
        ]
        for i, line in enumerate(lines):
            blit_text(
                surface, line, (w // 2, h // 2 + i * (text + 12)), text + 2, MUTED, anchor="midtop"
            )


class PredictScene(ModalScene):
    """Up or down for one meter next month; dismisses with 'up', 'down' or None (Esc)."""

    keymap = "predict"

    def __init__(self, app, label: str, value: str, actor_name: str) -> None:
        super().__init__(app)
        self.label_text, self.value, self.actor_name = label, value, actor_name
        self.box = pygame.Rect(0, 0, 0, 0)

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.56, 0.36)
        line = round(self.app.text * 2.4)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line),
            _("Predict before you commit"),
            "#heading",
        )
        html = _(
            "<b>{country}</b>: will <b>{meter}</b> (now {value}) go up or down next month, once "
            "every government's orders are in? The debrief scores your predictions."
        ).format(
            country=escape(self.actor_name), meter=escape(self.label_text), value=escape(self.value)
        )
        self.text_box(
            pygame.Rect(box.x + 16, box.y + 20 + line, box.width - 32, box.height - 2 * line - 48),
            html,
        )
        half = (box.width - 48) // 2
        y = box.bottom - line - 16
        self.button(
            pygame.Rect(box.x + 16, y, half, line),
            labelled("predict", "up", _("Up")),
            "up",
            object_id="#primary",
        )
        self.button(
            pygame.Rect(box.right - 16 - half, y, half, line),
            labelled("predict", "down", _("Down")),
            "down",
        )

    def on_command(self, command: str) -> None:
        self.dismiss(command if command in ("up", "down") else None)


class ChoiceScene(ModalScene):
    """A heading and a list of choices; dismisses with the chosen id or None (Esc)."""

    keymap = "choice"

    def __init__(self, app, heading: str, choices: list[tuple[str, str]], note: str = "") -> None:
        super().__init__(app)
        self.heading, self.choices, self.note = heading, choices, note
        self.box = pygame.Rect(0, 0, 0, 0)

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.66, 0.8)
        line = round(self.app.text * 2.3)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), self.heading, "#heading"
        )
        y = box.y + 16 + line
        if self.note:
            self.text_box(
                pygame.Rect(box.x + 16, y, box.width - 32, line + 12), self.note, object_id="#small"
            )
            y += line + 16
        bottom = box.bottom - line - 24
        scroller = pygame_gui.elements.UIScrollingContainer(
            pygame.Rect(box.x + 16, y, box.width - 32, bottom - y),
            self.app.manager,
            container=self.root,
            allow_scroll_x=False,
        )
        width = box.width - 32 - 24
        for i, (text, choice) in enumerate(self.choices):
            self.button(
                pygame.Rect(0, i * (line + 6), width, line),
                text,
                f"pick:{choice}",
                object_id="#scenario",
                container=scroller,
            )
        scroller.set_scrollable_area_dimensions((width, max(1, len(self.choices) * (line + 6))))
        self.button(
            pygame.Rect(box.centerx - 120, box.bottom - line - 12, 240, line),
            _("Cancel  (Esc)"),
            "cancel",
        )

    def on_command(self, command: str) -> None:
        self.dismiss(command[5:] if command.startswith("pick:") else None)
