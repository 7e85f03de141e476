"""The title screen: New game (Enter), Help, Text size, Quit."""

from __future__ import annotations

import pygame

from game.ui.look import MUTED, PAPER, blit_text
from game.ui.scene import Scene


class TitleScene(Scene):
    def build(self, rect: pygame.Rect) -> None:
        width = min(520, rect.width - 80)
        x = (rect.width - width) // 2
        top = rect.height // 5
        self.label(pygame.Rect(x - 100, top, width + 200, 70), "Precursor", "#title")
        self.label(
            pygame.Rect(x - 100, top + 72, width + 200, 34),
            "A turn-based policy-debate simulation",
            "#subtitle",
        )
        y = top + 140
        height = round(self.app.text * 3)
        entries = [
            ("New game  (Enter)", "new", "#primary", "Choose a scenario and your country"),
            ("Help  (F1)", "help", None, "Keys and how a turn works"),
            (f"Text size: {self.app.text_size}  (F2)", "text", None, "Small, normal or large"),
            ("Quit", "quit", None, None),
        ]
        for text, command, object_id, tip in entries:
            self.button(
                pygame.Rect(x, y, width, height), text, command, object_id=object_id, tip=tip
            )
            y += height + 12

    def on_command(self, command: str) -> None:
        if command == "new":
            from game.ui.setup import SetupScene

            self.app.push(SetupScene(self.app))
        elif command == "help":
            from game.ui.modal import HelpScene

            self.app.push(HelpScene(self.app))
        elif command == "text":
            self.app.cycle_text_size(1)
        elif command == "quit":
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
        w, h = surface.get_size()
        hint = "Tab or arrows: move   Enter or Space: choose   F1: help   F11: full screen"
        blit_text(surface, hint, (w // 2, h - 24), self.app.text, MUTED, anchor="midbottom")
