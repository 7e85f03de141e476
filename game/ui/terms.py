"""The deal editor pop-up: each term is a row of values to step through (who does what, for
how long); it dismisses with ``{key: index}`` or None (Esc).

Rules:
- It knows nothing of deals: the caller gives the rows (``TermField``: key, label, the values
  in words, the value to start at) and a ``preview`` that says the chosen terms in words.
- Keyboard: Up/Down (or Tab) move between rows, Left/Right (or Enter, Space) change the
  focused row's value, Ctrl+Enter sends the offer, Esc sends nothing. Mouse: the arrows beside
  each value, or a click on the value for the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.i18n import _
from game.play.debate import TermField
from game.ui.bindings import labelled
from game.ui.markup import escape
from game.ui.scene import ModalScene, modal_rect


class TermsScene(ModalScene):
    """Rows of values (one per term), a preview of the offer, then send or cancel."""

    keymap = "terms"

    def __init__(
        self,
        app,
        heading: str,
        fields: Sequence[TermField],
        preview: Callable[[dict[str, int]], str],
        confirm: str,
    ) -> None:
        super().__init__(app)
        self.heading, self.fields, self.preview = heading, list(fields), preview
        self.confirm_text = confirm
        self.chosen = {f.key: f.index for f in self.fields}
        self.values: dict[str, object] = {}

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.8, 0.8)
        text = self.app.text
        line, row = round(text * 2.3), round(text * 2.1)
        inner = pygame.Rect(box.x + 16, box.y + 12, box.width - 32, box.height - 24)
        self.label(pygame.Rect(inner.x, inner.y, inner.width, line), self.heading, "#heading")
        bottom = inner.bottom - line
        rows_h = len(self.fields) * (row + 8)
        y = inner.y + line + 4
        preview_h = bottom - 12 - y - rows_h
        self.preview_box = self.text_box(
            pygame.Rect(inner.x, y, inner.width, preview_h), self._preview_html(), name="offer"
        )
        y += preview_h + 8
        label_w = inner.width // 4
        arrow = row + 8
        value_w = inner.width - label_w - 2 * arrow - 16
        for i, term in enumerate(self.fields):
            top = y + i * (row + 8)
            self.label(pygame.Rect(inner.x, top, label_w, row), term.label)
            left = inner.x + label_w
            less = self.button(
                pygame.Rect(left, top, arrow, row),
                "<",
                f"less:{term.key}",
                focusable=False,
                tip=_("Previous value (Left)"),
            )
            value = self.button(
                pygame.Rect(left + arrow + 8, top, value_w, row),
                "",
                f"more:{term.key}",
                object_id="#scenario",
                tip=_("Next value (Right, Enter or a click)"),
            )
            more = self.button(
                pygame.Rect(left + arrow + 16 + value_w, top, arrow, row),
                ">",
                f"more:{term.key}",
                focusable=False,
                tip=_("Next value (Right)"),
            )
            self.values[term.key] = (less, value, more)
        half = (inner.width - 16) // 2
        self.button(
            pygame.Rect(inner.x, bottom, half, line),
            labelled("terms", "confirm", self.confirm_text),
            "confirm",
            object_id="#primary",
        )
        self.button(
            pygame.Rect(inner.x + half + 16, bottom, half, line),
            labelled("terms", "cancel", _("Offer nothing")),
            "cancel",
        )
        self._show()
        if self.fields:
            self.ring.focus(f"more:{self.fields[0].key}")

    def _preview_html(self) -> str:
        return self.preview(dict(self.chosen))

    def _show(self) -> None:
        for term in self.fields:
            less, value, more = self.values[term.key]  # type: ignore[misc]
            index = self.chosen[term.key]
            value.set_text(term.choices[index])
            value.set_tooltip(escape(term.choices[index]))
            for button, usable in ((less, index > 0), (more, index < len(term.choices) - 1)):
                button.enable() if usable else button.disable()
            if len(term.choices) == 1:
                value.disable()
        if hasattr(self, "preview_box"):
            self.preview_box.set_text(self._preview_html())
        self.app.invalidate()

    def step(self, key: str, delta: int, wrap: bool = False) -> None:
        """The term ``key`` moves ``delta`` values on (around to the first with ``wrap``)."""
        term = next(f for f in self.fields if f.key == key)
        index = self.chosen[key] + delta
        if wrap:
            index %= len(term.choices)
        self.chosen[key] = max(0, min(len(term.choices) - 1, index))
        self._show()

    def on_key_command(self, command: str) -> bool:
        focused = self.ring.current
        if command in ("less", "more") and focused.startswith("more:"):
            self.step(focused[5:], -1 if command == "less" else 1)
            return True
        return super().on_key_command(command)

    def on_command(self, command: str) -> None:
        if command.startswith("less:"):
            self.step(command[5:], -1)
        elif command.startswith("more:"):
            # a click on the value, Enter or Space: the next value, around to the first
            self.step(command[5:], 1, wrap=self.ring.current == command)
        elif command == "confirm":
            self.dismiss(dict(self.chosen))
        elif command in ("cancel", "close"):
            self.dismiss(None)
