"""The case pop-up: pick one claim and up to ``limit`` evidence cards from lists, by keyboard or
mouse; it dismisses with ``(claim id, [card ids])`` or None (Esc).

Rules:
- It knows nothing of the debate: the caller gives labels, which cards may back which claim,
  and a ``preview`` function that says in words what the current choice would say.
- A claim comes with the strongest cards that back it (those ``usable`` lists first) unless
  cards already chosen back it too. A card that cannot back the chosen claim is greyed; once
  ``limit`` cards are chosen the others are greyed until one is dropped.
- Enter or Space (or a click) picks a claim or turns a card on or off; Ctrl+Enter makes the
  case from anywhere; Esc says nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
import pygame_gui

from game.i18n import _
from game.ui.bindings import labelled
from game.ui.markup import escape
from game.ui.scene import ModalScene, modal_rect

Entry = tuple[str, str]  # (id, label)


class PickScene(ModalScene):
    """One claim (radio list) and up to ``limit`` cards (check list), then confirm."""

    keymap = "pick"

    def __init__(
        self,
        app,
        heading: str,
        claims: Sequence[Entry],
        cards: Sequence[Entry],
        usable: dict[str, Sequence[str]],
        preview: Callable[[str, list[str]], str],
        confirm: str,
        limit: int = 2,
    ) -> None:
        super().__init__(app)
        self.heading, self.claims, self.cards = heading, list(claims), list(cards)
        self.usable, self.preview, self.limit = usable, preview, limit
        self.confirm_text = confirm
        self.claim = self.claims[0][0] if self.claims else ""
        self.chosen: list[str] = list(self.usable.get(self.claim, ()))[:limit]
        self.rows: dict[str, pygame_gui.elements.UIButton] = {}

    # widgets ------------------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.86, 0.92)
        text = self.app.text
        line, row = round(text * 2.3), round(text * 2.0)
        inner = pygame.Rect(box.x + 16, box.y + 12, box.width - 32, box.height - 24)
        self.label(pygame.Rect(inner.x, inner.y, inner.width, line), self.heading, "#heading")
        bottom = inner.bottom - line
        y = inner.y + line + 4
        room = bottom - 12 - y - 2 * (text + 10)  # both lists and the preview share this
        claims_h = min(len(self.claims) * (row + 4), room * 2 // 5)
        cards_h = min(max(1, len(self.cards)) * (row + 4), room * 2 // 5)
        preview_h = room - claims_h - cards_h
        self.preview_box = self.text_box(
            pygame.Rect(inner.x, y, inner.width, preview_h), self._preview_html(), name="case"
        )
        y += preview_h + 4
        self.label(pygame.Rect(inner.x, y, inner.width, text + 6), _("Claim"), "#small")
        y += text + 10
        self._list(pygame.Rect(inner.x, y, inner.width, claims_h), self.claims, "claim", row)
        y += claims_h + 4
        heading = _("Evidence: up to {limit} cards you hold").format(limit=self.limit)
        self.label(pygame.Rect(inner.x, y, inner.width, text + 6), heading, "#small")
        y += text + 10
        if self.cards:
            self._list(pygame.Rect(inner.x, y, inner.width, cards_h), self.cards, "card", row)
        else:
            self.label(
                pygame.Rect(inner.x, y, inner.width, row), _("You hold no evidence."), "#small"
            )
        half = (inner.width - 16) // 2
        confirm = labelled("pick", "confirm", self.confirm_text)
        self.button(
            pygame.Rect(inner.x, bottom, half, line), confirm, "confirm", object_id="#primary"
        )
        self.button(
            pygame.Rect(inner.x + half + 16, bottom, half, line),
            labelled("pick", "cancel", _("Say nothing")),
            "cancel",
        )
        self._show_choice()
        self.ring.focus(f"claim:{self.claim}")

    def _list(self, area: pygame.Rect, entries: list[Entry], kind: str, row: int) -> None:
        scroller = pygame_gui.elements.UIScrollingContainer(
            area, self.app.manager, container=self.root, allow_scroll_x=False
        )
        width = area.width - 24
        for i, (key, label) in enumerate(entries):
            self.rows[f"{kind}:{key}"] = self.button(
                pygame.Rect(0, i * (row + 4), width, row),
                label,
                f"{kind}:{key}",
                object_id="#scenario",
                container=scroller,
                tip=escape(label),
            )
        scroller.set_scrollable_area_dimensions((width, max(1, len(entries) * (row + 4))))

    # state --------------------------------------------------------------------------------
    def _preview_html(self) -> str:
        return self.preview(self.claim, list(self.chosen)) if self.claim else ""

    def _show_choice(self) -> None:
        """Marks, selection colours and greyed cards follow the current choice."""
        allowed = set(self.usable.get(self.claim, ()))
        for key, label in self.claims:
            button = self.rows.get(f"claim:{key}")
            if button is not None:
                mark = "(*)" if key == self.claim else "( )"
                button.set_text(f"{mark} {label}")
                button.select() if key == self.claim else button.unselect()
        full = len(self.chosen) >= self.limit
        for key, label in self.cards:
            button = self.rows.get(f"card:{key}")
            if button is None:
                continue
            on = key in self.chosen
            button.set_text(f"{'[x]' if on else '[ ]'} {label}")
            button.select() if on else button.unselect()
            if key in allowed and (on or not full):
                button.enable()
            else:
                button.disable()
        if self.root is not None and hasattr(self, "preview_box"):
            self.preview_box.set_text(self._preview_html())
        self.app.invalidate()

    def pick_claim(self, claim: str) -> None:
        self.claim = claim
        allowed = self.usable.get(claim, ())
        self.chosen = [c for c in self.chosen if c in allowed] or list(allowed)[: self.limit]
        self._show_choice()

    def toggle_card(self, card: str) -> None:
        if card in self.chosen:
            self.chosen.remove(card)
        elif card in self.usable.get(self.claim, ()) and len(self.chosen) < self.limit:
            self.chosen.append(card)
        self._show_choice()

    def on_command(self, command: str) -> None:
        if command.startswith("claim:"):
            self.pick_claim(command[6:])
        elif command.startswith("card:"):
            self.toggle_card(command[5:])
        elif command == "confirm" and self.claim:
            self.dismiss((self.claim, list(self.chosen)))
        elif command in ("cancel", "close"):
            self.dismiss(None)
