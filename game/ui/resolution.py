"""The month resolved: every government's orders and statements revealed together, meters
animating to their new values, the headlines and election results."""

from __future__ import annotations

import pygame

from game.i18n import _, format_month
from game.play.insight import meter_variables
from game.render.style import INK, PAPER, RULE, blit_text
from game.sim.engine import Ledger
from game.sim.session import Game
from game.ui.bindings import labelled
from game.ui.layout import GAP, meter_grid
from game.ui.mapview import MapView
from game.ui.markup import bold
from game.ui.meters import draw_meter
from game.ui.news import events_html, orders_html
from game.ui.scene import Scene, ease


class ResolutionScene(Scene):
    """Pushed by the turn screen after the engine has played the month; dismisses with None."""

    animation_seconds = 1.2
    keymap = "resolution"

    def __init__(self, app, game: Game, ledger: Ledger, viewer: str) -> None:
        super().__init__(app)
        self.game, self.ledger, self.viewer = game, ledger, viewer
        self.model = game.model
        self.meters = meter_variables(self.model)
        self.map_view = MapView(self.model.scenario)
        self.anim = 0.0
        self.meter_rects: list[pygame.Rect] = []
        self.map_rect = pygame.Rect(0, 0, 0, 0)

    @property
    def animating(self) -> bool:  # type: ignore[override]
        return self.anim < 1.0

    def shown_value(self, variable: str) -> float:
        i = self.model.variable_position[variable]
        before, after = self.ledger.before[i], self.ledger.after[i]
        return before + (after - before) * ease(self.anim)

    def build(self, rect: pygame.Rect) -> None:
        text = self.app.text
        line = round(text * 2.2)
        self.heading_y = 12 + line // 2
        body = pygame.Rect(GAP, line + 24, rect.width - 2 * GAP, rect.height - 2 * line - 44)
        left = pygame.Rect(body.x, body.y, body.width // 2 - GAP // 2, body.height)
        right = pygame.Rect(left.right + GAP, body.y, body.width - left.width - GAP, body.height)
        orders_h = round(left.height * 0.58)
        self.text_box(
            pygame.Rect(left.x, left.y, left.width, orders_h),
            bold(_("Orders revealed")) + "<br>" + orders_html(self.game, self.ledger),
            name="orders",
            main=True,
        )
        self.text_box(
            pygame.Rect(left.x, left.y + orders_h + GAP, left.width, left.height - orders_h - GAP),
            events_html(self.game, self.ledger, self.viewer),
            name="events",
        )
        meters_h = min(right.height // 2, 3 * (round(text * 5) + GAP))
        self.map_rect = pygame.Rect(right.x, right.y, right.width, right.height - meters_h)
        self.meter_rects = meter_grid(
            pygame.Rect(right.x, self.map_rect.bottom + GAP, right.width, meters_h - GAP),
            len(self.meters),
            text,
        )
        last = self.game.finished
        label = _("See the debrief  (Enter)") if last else _("Continue  (Enter)")
        self.button(
            pygame.Rect(rect.width - 330, rect.height - line - 12, 320, line),
            label,
            "continue",
            object_id="#primary",
        )
        self.button(
            pygame.Rect(GAP, rect.height - line - 12, 260, line),
            labelled("resolution", "skip", _("Skip animation")),
            "skip",
        )
        self.ring.focus("continue")

    def on_command(self, command: str) -> None:
        if command == "continue":
            self.dismiss(None)
        elif command == "skip":
            self.anim = 1.0

    def moving_rects(self) -> list[pygame.Rect]:
        """While the month's change animates: the map and the meters."""
        if self.root is None or not self.meter_rects:
            return []
        return [self.map_rect, self.meter_rects[0].unionall(self.meter_rects[1:])]

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
        text = self.app.text
        title = _("{month}: all orders revealed").format(month=format_month(self.ledger.date))
        if self.game.state.ended_by:
            title += "  ·  " + _("the game ends here")
        blit_text(surface, title, (GAP, self.heading_y), text + 6, INK, True, "midleft")
        self.map_view.draw(surface, self.map_rect, self.shown_value, self._unit_info, text)
        pygame.draw.rect(surface, RULE, self.map_rect, 1)
        for variable, rect in zip(self.meters, self.meter_rects, strict=False):
            info = self.model.variables[self.model.variable_position[variable]]
            draw_meter(
                surface, rect, info, self.shown_value(variable), self.ledger.change(variable), text
            )

    def _unit_info(self, variable: str) -> tuple[str, int, float]:
        info = self.model.variables[self.model.variable_position[variable]]
        return info.unit, info.decimals, info.initial
