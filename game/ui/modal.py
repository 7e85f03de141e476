"""Modal windows drawn over the scene below: a message, the help, the pause menu."""

from __future__ import annotations

import pygame

from game.ui.keys import help_html
from game.ui.look import CARD, INK
from game.ui.scene import Scene


def modal_rect(size: tuple[int, int], width: float = 0.7, height: float = 0.8) -> pygame.Rect:
    w, h = size
    rect = pygame.Rect(0, 0, round(w * width), round(h * height))
    rect.center = (w // 2, h // 2)
    return rect


class ModalScene(Scene):
    """Base of the pop-ups: drawn in a framed box over the scene below; Esc dismisses it."""

    overlay = True
    on_escape: str | None = None  # what Esc dismisses with
    box = pygame.Rect(0, 0, 0, 0)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            self.dismiss(self.on_escape)
            return True
        return super().on_key(event)

    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, CARD, self.box, border_radius=6)
        pygame.draw.rect(surface, INK, self.box, 2, border_radius=6)


class MessageScene(ModalScene):
    """A heading, a scrolling text and OK; dismisses with None."""

    def __init__(self, app, heading: str, html: str, button: str = "OK  (Enter)") -> None:
        super().__init__(app)
        self.heading, self.html, self.button_text = heading, html, button

    def build(self, rect: pygame.Rect) -> None:
        box = modal_rect(rect.size)
        self.box = box
        line = round(self.app.text * 2.2)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), self.heading, "#heading"
        )
        body = pygame.Rect(
            box.x + 16, box.y + 20 + line, box.width - 32, box.height - 3 * line - 40
        )
        self.text_box(body, self.html)
        self.button(
            pygame.Rect(box.centerx - 120, box.bottom - line - 16, 240, line),
            self.button_text,
            "ok",
            object_id="#primary",
        )

    def on_command(self, command: str) -> None:
        self.dismiss(None)


class HelpScene(MessageScene):
    def __init__(self, app) -> None:
        super().__init__(app, "Keys", help_html(), "Close  (Esc)")

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F1:
            self.dismiss(None)
            return True
        return super().on_key(event)


class MenuScene(ModalScene):
    """The pause menu; dismisses with 'resume', 'title', 'quit' or one of ``extra``'s ids."""

    on_escape = "resume"

    def __init__(self, app, extra: list[tuple[str, str]] | None = None) -> None:
        super().__init__(app)
        self.extra = extra or []

    def build(self, rect: pygame.Rect) -> None:
        line = round(self.app.text * 2.6)
        entries = [
            ("Resume  (Esc)", "resume"),
            *self.extra,
            ("Help  (F1)", "help"),
            (f"Text size: {self.app.text_size}  (F2)", "text"),
            ("Full screen  (F11)", "fullscreen"),
            ("Quit to title", "title"),
            ("Quit the game", "quit"),
        ]
        width = min(420, rect.width - 40)
        line = min(line, (rect.height - 120) // len(entries) - 10)
        self.box = pygame.Rect(0, 0, width + 40, len(entries) * (line + 10) + 40 + line)
        self.box.center = rect.center
        self.label(pygame.Rect(self.box.x + 20, self.box.y + 12, width, line), "Menu", "#heading")
        y = self.box.y + 20 + line
        for text, command in entries:
            self.button(pygame.Rect(self.box.x + 20, y, width, line), text, command)
            y += line + 10

    def on_command(self, command: str) -> None:
        if command == "help":
            self.app.push(HelpScene(self.app))
        elif command == "text":
            self.app.cycle_text_size(1)
        elif command == "fullscreen":
            self.app.toggle_fullscreen()
        else:
            self.dismiss(command)


def handle_menu_result(app, result: str | None) -> None:
    """What every in-game scene does with the pause menu's answer."""
    if result == "title":
        from game.ui.title import TitleScene

        app.switch(TitleScene(app))
    elif result == "quit":
        app.quit()
