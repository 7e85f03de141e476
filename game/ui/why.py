"""The Why panel: this month's change of one variable as the ledger's labelled contributions,
largest first, each with its source and confidence; they add up exactly to the change."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.i18n import _, signed
from game.render.style import (
    BLUE,
    CARD,
    INK,
    MUTED,
    RULE,
    VERMILLION,
    blit_text,
    fit_text,
    fitted_text,
    format_value,
)
from game.sim.engine import Contribution
from game.sim.session import Game
from game.ui import layout
from game.ui.bindings import labelled
from game.ui.markup import escape
from game.ui.scene import Scene, modal_rect
from game.ui.words import confidence_name


def sorted_contributions(game: Game, variable: str) -> list[Contribution]:
    """The last month's contributions to ``variable``, largest |value| first."""
    if not game.ledgers:
        return []
    items = game.ledgers[-1].contributions(variable)
    return sorted(items, key=lambda c: abs(c.value), reverse=True)


def source_title(game: Game, key: str) -> str:
    source = game.model.scenario.sources.get(key)
    if source is None:
        return key
    return ", ".join(p for p in (source.title, source.publisher, source.date) if p)


class WhyScene(Scene):
    """Modal over the turn screen; Left/Right step through the meters; dismisses with None."""

    overlay = True
    keymap = "why"

    def __init__(self, app, game: Game, variable: str, meters: Sequence[str]) -> None:
        super().__init__(app)
        self.game, self.variable = game, variable
        self.meters = list(meters) if variable in meters else [variable]
        self.box = pygame.Rect(0, 0, 0, 0)
        self.bars = pygame.Rect(0, 0, 0, 0)

    @property
    def info(self):
        model = self.game.model
        return model.variables[model.variable_position[self.variable]]

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.8, 0.86)
        line = round(self.app.text * 2.2)
        count = min(6, len(sorted_contributions(self.game, self.variable))) or 1
        bar_h = count * (self.app.text + 10) + 10
        self.bars = pygame.Rect(box.x + 16, box.y + 16 + line, box.width - 32, bar_h)
        body = pygame.Rect(
            box.x + 16,
            self.bars.bottom + 10,
            box.width - 32,
            box.bottom - self.bars.bottom - line - 34,
        )
        self.text_box(body, self._details_html(), name="details", main=True)
        close_text = labelled("why", "close", _("Close"))
        previous_text, next_text = _("< Previous"), _("Next >")
        bar = layout.rect(box.x + 16, box.bottom - line - 14, box.width - 32, line)
        previous, following, close = layout.button_bar(
            bar, [previous_text, next_text], [close_text], self.app.text
        )
        self.button(previous, previous_text, "previous", focusable=False)
        self.button(following, next_text, "next", focusable=False)
        self.button(close, close_text, "close", object_id="#primary")
        self.ring.focus("close")

    def _details_html(self) -> str:
        items = sorted_contributions(self.game, self.variable)
        info = self.info
        if not items:
            return _("No month has been played yet: nothing has changed.")
        lines = []
        for c in items:
            value = signed(c.value, max(info.decimals, 2))
            where = source_title(self.game, c.source) if c.source else _("model judgement")
            confidence = confidence_name(c.confidence)
            lines.append(
                f"<b>{value}</b>  {escape(c.label)}<br>      "
                + _("source: {source}; confidence: {confidence}").format(
                    source=escape(where), confidence=confidence
                )
            )
        total = self.game.ledgers[-1].change(self.variable)
        heading = _("Total change: {change}").format(change=signed(total, max(info.decimals, 2)))
        lines.append(f"<b>{heading}</b> " + _("(the contributions add up to it exactly)"))
        return "<br>".join(lines)

    def on_command(self, command: str) -> None:
        if command == "close":
            self.dismiss(None)
        else:
            self.step(1 if command == "next" else -1)

    def step(self, delta: int) -> None:
        index = self.meters.index(self.variable)
        self.variable = self.meters[(index + delta) % len(self.meters)]
        self.rebuild()

    def draw(self, surface: pygame.Surface) -> None:
        box, text, info = self.box, self.app.text, self.info
        pygame.draw.rect(surface, CARD, box, border_radius=6)
        pygame.draw.rect(surface, INK, box, 2, border_radius=6)
        states = self.game.states
        now = states[-1].value(self.variable)
        before = states[-2].value(self.variable) if len(states) > 1 else now
        titles = [  # with the unit, without it, then the question alone
            _("Why did {meter} change?  {before} to {now}").format(
                meter=info.label,
                before=format_value(before, info.decimals, unit),
                now=format_value(now, info.decimals, unit),
            )
            for unit in dict.fromkeys((info.unit, ""))
        ]
        titles.append(_("Why did {meter} change?").format(meter=info.label))
        title, size = fitted_text(titles, text + 4, box.width - 32)
        blit_text(surface, title, (box.x + 16, box.y + 14), size, INK, True)
        self._draw_bars(surface, sorted_contributions(self.game, self.variable)[:6], text)

    def _draw_bars(self, surface: pygame.Surface, items: list[Contribution], text: int) -> None:
        area = self.bars
        pygame.draw.rect(surface, RULE, area, 1)
        if not items:
            return
        largest = max(abs(c.value) for c in items) or 1.0
        label_w = area.width * 2 // 5
        zero = area.x + label_w + (area.width - label_w) // 2
        half = (area.width - label_w) // 2 - 70
        pygame.draw.line(surface, INK, (zero, area.y + 4), (zero, area.bottom - 4), 1)
        for i, c in enumerate(items):
            y = area.y + 10 + i * (text + 10)
            blit_text(
                surface, fit_text(c.label, text - 1, label_w - 16), (area.x + 8, y), text - 1, INK
            )
            length = round(half * abs(c.value) / largest)
            bar = pygame.Rect(zero if c.value >= 0 else zero - length, y + 2, length, text - 2)
            pygame.draw.rect(surface, BLUE if c.value >= 0 else VERMILLION, bar)
            sign = signed(c.value, max(self.info.decimals, 2))
            anchor = (bar.right + 6, y) if c.value >= 0 else (bar.x - 6, y)
            blit_text(
                surface,
                sign,
                anchor,
                text - 1,
                MUTED,
                anchor="topleft" if c.value >= 0 else "topright",
            )
