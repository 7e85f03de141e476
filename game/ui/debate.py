"""The debate's pop-up: a heading, a text (the month's arguments, an accusation, an offer)
and one button per option; it dismisses with the chosen option's index, or None (Esc).

What it shows and what a choice means is ``game.ui.arguments``'s business; screens open this
one by name ("debate")."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import _
from game.ui.markup import escape
from game.ui.scene import ModalScene, modal_rect


class DebateScene(ModalScene):
    """A heading, a text and one button per option; dismisses with the option's index."""

    keymap = "choice"

    def __init__(self, app, heading: str, html: str, options: list[str], cancel: str = "") -> None:
        super().__init__(app)
        self.heading, self.html, self.options = heading, html, options
        self.cancel = cancel or _("Close  (Esc)")

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.74, 0.86)
        line = round(self.app.text * 2.3)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), self.heading, "#heading"
        )
        top = box.y + 16 + line
        bottom = box.bottom - line - 24
        list_height = (
            min(len(self.options) * (line + 6), (bottom - top) // 2) if self.options else 0
        )
        text_bottom = bottom - list_height - 8
        self.text_box(
            pygame.Rect(box.x + 16, top, box.width - 32, text_bottom - top),
            self.html,
            name="debate",
            main=not self.options,
        )
        if self.options:
            scroller = pygame_gui.elements.UIScrollingContainer(
                pygame.Rect(box.x + 16, text_bottom + 4, box.width - 32, list_height),
                self.app.manager,
                container=self.root,
                allow_scroll_x=False,
            )
            width = box.width - 32 - 24
            for i, text in enumerate(self.options):
                self.button(
                    pygame.Rect(0, i * (line + 6), width, line),
                    text,
                    f"option:{i}",
                    object_id="#scenario",
                    container=scroller,
                    tip=escape(text),
                )
            scroller.set_scrollable_area_dimensions((width, max(1, len(self.options) * (line + 6))))
        self.button(
            pygame.Rect(box.centerx - 120, box.bottom - line - 12, 240, line), self.cancel, "cancel"
        )
        if self.options:
            self.ring.focus("option:0")

    def on_command(self, command: str) -> None:
        if command.startswith("option:"):
            self.dismiss(int(command[7:]))
        elif command in ("cancel", "close"):
            self.dismiss(None)
