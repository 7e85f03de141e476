"""The debrief: key variables over the game with every decision marked, objectives and scores,
the five largest turning points, the discussion questions, and export."""

from __future__ import annotations

import pygame

from game.session import Game
from game.ui.export import PNG_SIZE, export_game
from game.ui.insight import key_variables, turning_points
from game.ui.look import INK, PAPER, blit_text
from game.ui.scene import Scene
from game.ui.setup import escape
from game.ui.summary import draw_summary


def ending_text(game: Game) -> str:
    state = game.state
    if state.ended_by:
        event = game.model.event(state.ended_by)
        return f"The game ended early in {game.ledgers[-1].date}: {event.ending or event.name}"
    return f"The game ran its full {len(game.ledgers)} months."


def outcome_html(game: Game) -> str:
    actors = game.model.scenario.actors
    parts = ["<b>Objectives and scores</b>"]
    for actor_id, result in game.outcome().items():
        seat = game.seat_names.get(actor_id, "")
        parts.append(
            f"<b>{escape(actors[actor_id].name)}</b> ({seat}): "
            f"{result.score:.1f} of {result.max_score:g} points"
        )
        for o in result.objectives:
            verdict = "MET" if o.met else "missed"
            value = "not measured" if o.value != o.value else f"{o.value:,.1f}"
            parts.append(f"- {verdict}: {escape(o.label)} ({value}; target {o.target:g})")
    return "<br>".join(parts)


def turning_points_html(game: Game) -> str:
    model = game.model
    parts = [
        "<b>Turning points</b> (largest single contributions, relative to each variable's range)"
    ]
    for p in turning_points(model, game.ledgers, key_variables(model)):
        info = model.variables[model.variable_position[p.variable]]
        parts.append(
            f"- {p.date}: {escape(info.label)} {p.value:+,.{max(info.decimals, 1)}f} "
            f"from <i>{escape(p.label)}</i> (confidence {p.confidence or 'n/a'})"
        )
    return "<br>".join(parts)


def discussion_html(game: Game) -> str:
    questions = game.model.scenario.discussion
    if not questions:
        return ""
    items = "<br>".join(f"{i}. {escape(q)}" for i, q in enumerate(questions, 1))
    return f"<b>For discussion</b><br>{items}"


CHARTS_PER_PAGE = 6


class DebriefScene(Scene):
    def __init__(self, app, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.variables = key_variables(game.model)
        self.status = ""
        self.page = 0
        self.charts = pygame.Rect(0, 0, 0, 0)
        self.exported: list = []

    @property
    def folder(self):
        return self.app.options.exports_dir.resolve()

    def build(self, rect: pygame.Rect) -> None:
        text = self.app.text
        line = round(text * 2.2)
        self.heading_y = 12
        top = 20 + 2 * (text + 8)
        bottom = rect.height - line - 20
        split = round(rect.width * 0.58)
        self.charts = pygame.Rect(10, top, split - 20, bottom - top - 10)
        html = "<br><br>".join(
            h
            for h in (
                outcome_html(self.game),
                turning_points_html(self.game),
                discussion_html(self.game),
            )
            if h
        )
        self.text_box(pygame.Rect(split, top, rect.width - split - 10, bottom - top - 10), html)
        y = bottom
        self.button(
            pygame.Rect(10, y, 220, line),
            "Export  (X)",
            "export",
            object_id="#primary",
            tip=f"Writes JSON, CSV and PNG into {self.folder}",
        )
        self.button(
            pygame.Rect(240, y, 220, line),
            "More charts  (PgDn)",
            "charts",
            tip="Page through the key variables",
        )
        status = self.status or f"Exports go to {self.folder}"
        self.text_box(
            pygame.Rect(470, y - 8, rect.width - 470 - 380, line + 16), status, object_id="#small"
        )
        self.button(pygame.Rect(rect.width - 370, y, 200, line), "New game", "new")
        self.button(pygame.Rect(rect.width - 160, y, 150, line), "Quit", "quit")

    def export(self) -> None:
        def draw(surface: pygame.Surface) -> None:
            surface.fill(PAPER)
            blit_text(
                surface,
                f"{self.game.model.scenario.meta.title} (seed {self.game.seed})",
                (20, 12),
                24,
                INK,
                True,
            )
            draw_summary(
                surface,
                pygame.Rect(20, 56, PNG_SIZE[0] - 40, PNG_SIZE[1] - 76),
                self.game,
                self.variables,
                18,
                columns=3,
            )

        try:
            self.exported = export_game(self.game, self.folder, draw)
            self.status = f"Saved {self.exported[0].stem}.json, .csv, .png<br>in {self.folder}"
        except OSError as error:
            self.status = f"Could not export to {self.folder}: {error.strerror or error}"
        self.rebuild()

    def on_command(self, command: str) -> None:
        if command == "export":
            self.export()
        elif command == "new":
            from game.ui.title import TitleScene

            self.app.switch(TitleScene(self.app))
        elif command == "quit":
            self.app.quit()
        elif command == "charts":
            self.turn_page(1)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.variables) // CHARTS_PER_PAGE))

    def page_variables(self) -> list[str]:
        start = self.page * CHARTS_PER_PAGE
        return self.variables[start : start + CHARTS_PER_PAGE]

    def turn_page(self, delta: int) -> None:
        self.page = (self.page + delta) % self.pages
        self.app.invalidate()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.turn_page(1 if event.key == pygame.K_PAGEDOWN else -1)
            return True
        if event.key == pygame.K_x:
            self.export()
            return True
        if event.key == pygame.K_ESCAPE:
            from game.ui.modal import MenuScene, handle_menu_result

            self.app.push(MenuScene(self.app), lambda r: handle_menu_result(self.app, r))
            return True
        return super().on_key(event)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
        text = self.app.text
        meta = self.game.model.scenario.meta
        blit_text(
            surface,
            f"Debrief: {meta.title}  ·  seed {self.game.seed}",
            (12, self.heading_y),
            text + 6,
            INK,
            True,
        )
        blit_text(surface, ending_text(self.game), (12, self.heading_y + text + 14), text, INK)
        draw_summary(surface, self.charts, self.game, self.page_variables(), text)
        if self.pages > 1:
            note = f"Charts {self.page + 1} of {self.pages}  (Page Up / Page Down)"
            blit_text(
                surface,
                note,
                (self.charts.right, self.heading_y + text + 14),
                text,
                INK,
                anchor="topright",
            )
