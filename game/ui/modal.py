"""Modal windows drawn over the scene below: a message, a yes/no question, the help, the menu."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.bindings import help_html, labelled
from game.ui.howto import HOW_TO_PLAY
from game.ui.scene import ModalScene, modal_rect


class MessageScene(ModalScene):
    """A heading, a scrolling text and OK; dismisses with None."""

    def __init__(self, app, heading: str, html: str, button: str = "") -> None:
        super().__init__(app)
        self.heading, self.html = heading, html
        self.button_text = button or _("OK  (Enter)")

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
        self.body = self.text_box(body, self.html, name="body", main=True)
        self.button(
            pygame.Rect(box.centerx - 120, box.bottom - line - 16, 240, line),
            self.button_text,
            "ok",
            object_id="#primary",
        )
        self.ring.focus("ok")

    def on_command(self, command: str) -> None:
        if command in ("ok", "close"):
            self.dismiss(None)


class ConfirmScene(ModalScene):
    """A question with a safe answer (focused, Enter, Esc) and a deliberate one (Y or a click).

    Dismisses with True for the deliberate answer, False otherwise; with ``never_again`` a third
    button answers True and asks not to be asked again (the result is then "never").
    """

    keymap = "confirm"
    on_escape = None

    def __init__(
        self,
        app,
        question: str,
        html: str,
        yes: str,
        no: str,
        never_again: str = "",
    ) -> None:
        super().__init__(app)
        self.question, self.html = question, html
        self.yes, self.no, self.never_again = yes, no, never_again

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.6, 0.44)
        line = round(self.app.text * 2.3)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), self.question, "#heading"
        )
        rows = 2 if self.never_again else 1
        body_bottom = box.bottom - rows * (line + 10) - 16
        self.text_box(
            pygame.Rect(
                box.x + 16, box.y + 20 + line, box.width - 32, body_bottom - box.y - 20 - line
            ),
            self.html,
            main=True,
        )
        half = (box.width - 48) // 2
        y = body_bottom + 8
        self.button(
            pygame.Rect(box.x + 16, y, half, line),
            _("{answer}  (Enter or Esc)").format(answer=self.no),
            "no",
            object_id="#primary",
        )
        self.button(
            pygame.Rect(box.right - 16 - half, y, half, line),
            labelled("confirm", "yes", self.yes),
            "yes",
        )
        if self.never_again:
            self.button(
                pygame.Rect(box.right - 16 - half, y + line + 10, half, line),
                self.never_again,
                "never",
            )
        self.ring.focus("no")

    def on_command(self, command: str) -> None:
        if command == "yes":
            self.dismiss(True)
        elif command == "never":
            self.dismiss("never")
        elif command in ("no", "close"):
            self.dismiss(False)


class HelpScene(ModalScene):
    """F1: how to play in a few short pages, then every key (from the binding tables)."""

    keymap = "help"

    def __init__(self, app, page: int = 0) -> None:
        super().__init__(app)
        self.pages = [*((_(t), _(h)) for t, h in HOW_TO_PLAY), (_("Every key"), help_html())]
        self.page = page

    def build(self, rect: pygame.Rect) -> None:
        box = modal_rect(rect.size, 0.74, 0.84)
        self.box = box
        line = round(self.app.text * 2.2)
        title, html = self.pages[self.page]
        heading = _("Help {page} of {pages}: {title}").format(
            page=self.page + 1, pages=len(self.pages), title=title
        )
        self.label(pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), heading, "#heading")
        body = pygame.Rect(
            box.x + 16, box.y + 20 + line, box.width - 32, box.height - 2 * line - 52
        )
        self.body = self.text_box(body, html, name="body", main=True)
        y = box.bottom - line - 16
        third = (box.width - 64) // 3
        self.previous_button = self.button(
            pygame.Rect(box.x + 16, y, third, line), _("< Previous  (Left)"), "previous_page"
        )
        self.next_button = self.button(
            pygame.Rect(box.x + 32 + third, y, third, line),
            _("Next  (Right) >"),
            "next_page",
            object_id="#primary",
        )
        self.button(pygame.Rect(box.right - 16 - third, y, third, line), _("Close  (Esc)"), "close")
        if self.page == 0:
            self.previous_button.disable()
        if self.page == len(self.pages) - 1:
            self.next_button.disable()
            self.ring.focus("close")
        else:
            self.ring.focus("next_page")

    def on_command(self, command: str) -> None:
        if command == "close":
            self.dismiss(None)
        elif command in ("next_page", "previous_page"):
            step = 1 if command == "next_page" else -1
            self.page = max(0, min(len(self.pages) - 1, self.page + step))
            self.rebuild()
            last = self.page == len(self.pages) - 1
            self.ring.focus("close" if last else "next_page")


class MenuScene(ModalScene):
    """The pause menu; dismisses with 'resume', 'title', 'quit' or one of ``extra``'s ids."""

    on_escape = "resume"

    def __init__(self, app, extra: list[tuple[str, str]] | None = None) -> None:
        super().__init__(app)
        self.extra = extra or []

    def build(self, rect: pygame.Rect) -> None:
        line = round(self.app.text * 2.6)
        entries = [
            (_("Resume  (Esc)"), "resume"),
            *self.extra,
            (_("Help  (F1)"), "help"),
            (_("Text size: {size}  (F2)").format(size=_(self.app.text_size)), "text"),
            (_("Full screen  (F11)"), "fullscreen"),
            (_("Quit to title"), "title"),
            (_("Quit the game"), "quit"),
        ]
        width = min(420, rect.width - 40)
        line = min(line, (rect.height - 120) // len(entries) - 10)
        self.box = pygame.Rect(0, 0, width + 40, len(entries) * (line + 10) + 40 + line)
        self.box.center = rect.center
        self.label(
            pygame.Rect(self.box.x + 20, self.box.y + 12, width, line), _("Menu"), "#heading"
        )
        y = self.box.y + 20 + line
        for text, command in entries:
            self.button(pygame.Rect(self.box.x + 20, y, width, line), text, command)
            y += line + 10

    def on_command(self, command: str) -> None:
        if command == "help":
            self.app.open("help")
        elif command == "text":
            self.app.cycle_text_size(1)
        elif command == "fullscreen":
            self.app.toggle_fullscreen()
        elif command == "close":
            self.dismiss(self.on_escape)
        else:
            self.dismiss(command)


def handle_menu_result(app, result: str | None) -> None:
    """What every in-game scene does with the pause menu's answer."""
    if result == "title":
        app.show("title")
    elif result == "quit":
        app.quit()
