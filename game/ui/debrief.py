"""The debrief: key variables over the game with every decision marked, objectives, scores and
prediction scores, the five largest turning points, the discussion questions, export, where the
game log was written, and "Replay from turn k" (a branch; its debrief draws both games)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.play.classroom import prediction_score
from game.play.insight import key_variables, turning_points
from game.play.newgame import who_plays
from game.sim.session import Game
from game.ui import layout
from game.ui.bindings import labelled
from game.ui.export import PNG_SIZE, export_game
from game.ui.look import INK, MUTED, PAPER, blit_text, wrap_text
from game.ui.markup import escape
from game.ui.scene import Scene
from game.ui.summary import draw_summary


def ending_text(game: Game) -> str:
    state = game.state
    if state.ended_by:
        event = game.model.event(state.ended_by)
        return f"The game ended early in {game.ledgers[-1].date}: {event.ending or event.name}"
    return f"The game ran its full {len(game.ledgers)} months."


def outcome_html(game: Game, heading: str = "Objectives and scores") -> str:
    actors = game.model.scenario.actors
    parts = [f"<b>{escape(heading)}</b>"]
    for actor_id, result in game.outcome().items():
        seat = escape(who_plays(game, actor_id))
        right, total = prediction_score(game, actor_id)
        predicted = f"; predictions {right}/{total} right" if total else ""
        parts.append(
            f"<b>{escape(actors[actor_id].name)}</b> ({seat}): "
            f"{result.verdict.upper()}, {result.score:.1f} of {result.max_score:g} "
            f"points{predicted}"
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


def branch_turn(original: Game, branch: Game) -> int:
    """How many months the two games share."""
    shared = 0
    for mine, theirs in zip(original.ledgers, branch.ledgers, strict=False):
        if mine is not theirs:
            break
        shared += 1
    return shared


class DebriefScene(Scene):
    keymap = "debrief"

    def __init__(
        self, app, game: Game, original: Game | None = None, logs: Path | str | None = None
    ) -> None:
        super().__init__(app)
        self.game = game
        self.original = original
        self.logs = logs
        self.replay_from = max(0, len(game.ledgers) // 2)
        self.variables = key_variables(game.model)
        self.status = ""
        self.page = 0
        self.charts = pygame.Rect(0, 0, 0, 0)
        self.exported: list = []
        self.status_rect = pygame.Rect(0, 0, 0, 0)
        self.side_html = ""

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
        small = max(11, text - 3)
        status_h = 2 * (small + 3) + 4
        self.status_rect = pygame.Rect(10, bottom - 8 - status_h, split - 20, status_h)
        self.charts = pygame.Rect(10, top, split - 20, self.status_rect.y - 4 - top)
        self.side_html = html = "<br><br>".join(
            h
            for h in (
                self._logs_html(),
                *self._outcomes_html(),
                turning_points_html(self.game),
                discussion_html(self.game),
            )
            if h
        )
        self.text_box(
            pygame.Rect(split, top, rect.width - split - 10, bottom - top - 10),
            html,
            name="debrief",
        )
        export_text = labelled("debrief", "export", "Export")
        charts_text = labelled("debrief", "charts", "More charts")
        bar = layout.rect(10, bottom, rect.width - 20, line)
        export, charts, replay, new, leave = layout.button_bar(
            bar,
            [export_text, charts_text, self._replay_text()],
            ["New game", "Quit"],
            text,
        )
        self.button(
            export,
            export_text,
            "export",
            object_id="#primary",
            tip=f"Writes JSON, CSV and PNG into {escape(str(self.folder))}",
        )
        self.button(
            charts,
            charts_text,
            "charts",
            tip="Page through the key variables",
        )
        self.replay_button = self.button(
            replay,
            self._replay_text(),
            "replay",
            tip="Play again from the end of month k with the same seats (Left/Right choose k)",
        )
        if not self.game.ledgers:
            self.replay_button.disable()
        self.button(new, "New game", "new")
        self.button(leave, "Quit", "quit")

    def _replay_text(self) -> str:
        return f"Replay from turn {self.replay_from}  (B, Left/Right)"

    def _logs_html(self) -> str:
        if self.logs is None:
            return ""
        if isinstance(self.logs, Path):
            return f"<b>Game log saved</b> (JSON and CSV) in {escape(str(self.logs))}"
        return f"<b>Note:</b> {escape(self.logs)}"

    def _outcomes_html(self) -> list[str]:
        if self.original is None:
            return [outcome_html(self.game)]
        k = branch_turn(self.original, self.game)
        return [
            outcome_html(self.game, f"This branch (replayed from turn {k}): objectives and scores"),
            outcome_html(self.original, "The original game: objectives and scores"),
        ]

    def replay(self) -> None:
        if not self.game.ledgers:
            return
        self.app.show("turn", self.game.branch(self.replay_from), original=self.game)

    def adjust_replay(self, delta: int) -> None:
        last = max(0, len(self.game.ledgers) - 1)
        self.replay_from = min(last, max(0, self.replay_from + delta))
        if self.root is not None:
            self.replay_button.set_text(self._replay_text())
        self.app.invalidate()

    def export(self) -> None:
        if self.exported and all(path.exists() for path in self.exported):
            # the game has not changed: say where the files are instead of writing copies
            self.status = (
                f"Already exported {self.exported[0].stem}.json/.csv/.png to {self.folder}"
            )
            self.rebuild()
            return

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
            self.status = f"Exported {self.exported[0].stem}.json/.csv/.png to {self.folder}"
        except OSError as error:
            self.status = f"Could not export to {self.folder}: {error.strerror or error}"
        self.rebuild()

    def on_command(self, command: str) -> None:
        if command == "export":
            self.export()
        elif command == "new":
            self.app.show("title")
        elif command == "quit":
            self.app.quit()
        elif command == "charts":
            self.turn_page(1)
        elif command == "charts_back":
            self.turn_page(-1)
        elif command == "replay":
            if self.ring.current == "replay":
                self.replay()
            else:
                self.ring.focus("replay")  # B: choose k first, then Enter
        elif command == "menu":
            self.app.open("menu", on_result=self.on_menu)

    def on_menu(self, result: str | None) -> None:
        if result == "title":
            self.app.show("title")
        elif result == "quit":
            self.app.quit()

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
        if self.ring.current == "replay" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.adjust_replay(1 if event.key == pygame.K_RIGHT else -1)
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
        draw_summary(
            surface, self.charts, self.game, self.page_variables(), text, original=self.original
        )
        status = self.status or f"Exports go to {self.folder}"
        small = max(11, text - 3)
        lines = wrap_text(status, small, self.status_rect.width, 2)
        for i, line in enumerate(lines):
            blit_text(
                surface,
                line,
                (self.status_rect.x, self.status_rect.y + i * (small + 3)),
                small,
                MUTED,
            )
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
