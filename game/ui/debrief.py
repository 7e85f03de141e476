"""The debrief: key variables over the game with every decision marked, objectives, scores and
prediction scores, the five largest turning points, the discussion questions, export, where the
game log was written, and "Replay from turn k" (a branch; its debrief draws both games)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.i18n import _, format_month, format_number, signed
from game.play.classroom import prediction_score
from game.play.insight import key_variables, turning_points
from game.render.style import INK, MUTED, PAPER, blit_text, wrap_text
from game.sim.session import Game
from game.ui import layout
from game.ui.arguments import argument_record_html
from game.ui.bindings import labelled
from game.ui.export import PNG_SIZE, export_game
from game.ui.markup import bold, escape
from game.ui.scene import Scene
from game.ui.summary import draw_credibility, draw_summary
from game.ui.words import VERDICTS, confidence_name, who_plays


def ending_text(game: Game) -> str:
    state = game.state
    if state.ended_by:
        event = game.model.event(state.ended_by)
        return _("The game ended early in {month}: {why}").format(
            month=format_month(game.ledgers[-1].date), why=event.ending or event.name
        )
    return _("The game ran its full {n} months.").format(n=len(game.ledgers))


def outcome_html(game: Game, heading: str = "") -> str:
    actors = game.model.scenario.actors
    parts = [bold(escape(heading or _("Objectives and scores")))]
    for actor_id, result in game.outcome().items():
        seat = escape(who_plays(game, actor_id))
        right, total = prediction_score(game, actor_id)
        verdict = _(VERDICTS[result.verdict]) if result.verdict in VERDICTS else result.verdict
        score = _("{score} of {most} points").format(
            score=format_number(result.score, 1), most=f"{result.max_score:g}"
        )
        if total:
            predicted = _("predictions {right}/{total} right").format(right=right, total=total)
            score = _("{score}; {predictions}").format(score=score, predictions=predicted)
        parts.append(
            _("{country} ({seat}): {verdict}, {score}").format(
                country=bold(escape(actors[actor_id].name)), seat=seat, verdict=verdict, score=score
            )
        )
        for o in result.objectives:
            met = _("MET") if o.met else _("missed")
            value = _("not measured") if o.value != o.value else missed_value(o, 1)
            target = _("target {target}").format(target=f"{o.target:g}")
            parts.append(
                _("- {status}: {objective} ({value}; {target})").format(
                    status=met, objective=escape(o.label), value=value, target=target
                )
            )
    return "<br>".join(parts)


def missed_value(objective, decimals: int) -> str:
    """The objective's value with enough decimals that a miss never reads as the target."""
    text = format_number(objective.value, decimals)
    while (
        not objective.met
        and decimals < 4
        and format_number(objective.value, decimals) == format_number(objective.target, decimals)
    ):
        decimals += 1
        text = format_number(objective.value, decimals)
    return text


def turning_points_html(game: Game) -> str:
    model = game.model
    parts = [
        bold(_("Turning points"))
        + " "
        + _("(largest single contributions, relative to each variable's range)")
    ]
    for p in turning_points(model, game.ledgers, key_variables(model)):
        info = model.variables[model.variable_position[p.variable]]
        change = _("{change} from {cause} (confidence {confidence})").format(
            change=signed(p.value, max(info.decimals, 1)),
            cause=f"<i>{escape(p.label)}</i>",
            confidence=confidence_name(p.confidence),
        )
        parts.append(f"- {format_month(p.date)}: {escape(info.label)} {change}")
    return "<br>".join(parts)


def discussion_html(game: Game) -> str:
    questions = game.model.scenario.discussion
    if not questions:
        return ""
    items = "<br>".join(f"{i}. {escape(q)}" for i, q in enumerate(questions, 1))
    return bold(_("For discussion")) + f"<br>{items}"


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
                # beside the credibility chart, the argument record comes first
                argument_record_html(self.game) if self.on_credibility else "",
                self._logs_html(),
                *self._outcomes_html(),
                turning_points_html(self.game),
                "" if self.on_credibility else argument_record_html(self.game),
                discussion_html(self.game),
            )
            if h
        )
        self.text_box(
            pygame.Rect(split, top, rect.width - split - 10, bottom - top - 10),
            html,
            name="debrief",
        )
        export_text = labelled("debrief", "export", _("Export"))
        charts_text = labelled("debrief", "charts", _("More charts"))
        new_text, quit_text = _("New game"), _("Quit")
        bar = layout.rect(10, bottom, rect.width - 20, line)
        export, charts, replay, new, leave = layout.button_bar(
            bar,
            [export_text, charts_text, self._replay_text()],
            [new_text, quit_text],
            text,
        )
        # no tooltip: it would cover the status line above, which names the folder in full
        self.button(export, export_text, "export", object_id="#primary")
        self.button(
            charts,
            charts_text,
            "charts",
            tip=_("Page through the key variables"),
        )
        self.replay_button = self.button(
            replay,
            self._replay_text(),
            "replay",
            tip=_("Play again from the end of month k with the same seats (Left/Right choose k)"),
        )
        if not self.game.ledgers:
            self.replay_button.disable()
        self.button(new, new_text, "new")
        self.button(leave, quit_text, "quit")

    def _replay_text(self) -> str:
        return _("Replay from turn {k}  (B, Left/Right)").format(k=self.replay_from)

    def _logs_html(self) -> str:
        if self.logs is None:
            return ""
        if isinstance(self.logs, Path):
            return (
                bold(_("Game log saved"))
                + " "
                + _("(JSON and CSV) in {folder}").format(folder=escape(str(self.logs)))
            )
        return bold(_("Note:")) + f" {escape(self.logs)}"

    def _outcomes_html(self) -> list[str]:
        if self.original is None:
            return [outcome_html(self.game)]
        k = branch_turn(self.original, self.game)
        return [
            outcome_html(
                self.game,
                _("This branch (replayed from turn {k}): objectives and scores").format(k=k),
            ),
            outcome_html(self.original, _("The original game: objectives and scores")),
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
            self.status = _("Already exported {name}.json/.csv/.png to {folder}").format(
                name=self.exported[0].stem, folder=self.folder
            )
            self.rebuild()
            return

        def draw(surface: pygame.Surface) -> None:
            surface.fill(PAPER)
            blit_text(
                surface,
                _("{title} (seed {seed})").format(
                    title=self.game.model.scenario.meta.title, seed=self.game.seed
                ),
                (20, 12),
                24,
                INK,
                True,
            )
            area = pygame.Rect(20, 56, PNG_SIZE[0] - 40, PNG_SIZE[1] - 76)
            if self.argued:  # the argument record's credibility chart along the bottom
                chart = pygame.Rect(area.x, area.bottom - area.height // 5, area.width, 0)
                chart.height = area.bottom - chart.y
                area.height -= chart.height + 12
                draw_credibility(surface, chart, self.game, 18)
            draw_summary(surface, area, self.game, self.variables, 18, columns=3)

        try:
            self.exported = export_game(self.game, self.folder, draw)
            self.status = _("Exported {name}.json/.csv/.png to {folder}").format(
                name=self.exported[0].stem, folder=self.folder
            )
        except OSError as error:
            self.status = _("Could not export to {folder}: {reason}").format(
                folder=self.folder, reason=error.strerror or error
            )
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
        """Pages of key-variable charts, and the argument record's credibility chart last."""
        return max(1, -(-len(self.variables) // CHARTS_PER_PAGE)) + self.argued

    @property
    def argued(self) -> bool:
        return self.game.state.debate is not None

    @property
    def on_credibility(self) -> bool:
        return self.argued and self.page == self.pages - 1

    def page_variables(self) -> list[str]:
        start = self.page * CHARTS_PER_PAGE
        return self.variables[start : start + CHARTS_PER_PAGE]

    def turn_page(self, delta: int) -> None:
        was = self.on_credibility
        self.page = (self.page + delta) % self.pages
        if self.on_credibility != was and self.root is not None:
            self.rebuild()  # the side text puts the argument record first beside its chart
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
            _("Debrief: {title}  ·  seed {seed}").format(title=meta.title, seed=self.game.seed),
            (12, self.heading_y),
            text + 6,
            INK,
            True,
        )
        blit_text(surface, ending_text(self.game), (12, self.heading_y + text + 14), text, INK)
        if self.on_credibility:
            draw_credibility(surface, self.charts, self.game, text)
        else:
            draw_summary(
                surface, self.charts, self.game, self.page_variables(), text, original=self.original
            )
        status = self.status or _("Exports go to {folder}").format(folder=self.folder)
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
            note = _("Charts {page} of {pages}  (Page Up / Page Down)").format(
                page=self.page + 1, pages=self.pages
            )
            blit_text(
                surface,
                note,
                (self.charts.right, self.heading_y + text + 14),
                text,
                INK,
                anchor="topright",
            )
