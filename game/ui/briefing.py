"""The briefing before turn 1: the situation, your objectives, your political capital, the keys."""

from __future__ import annotations

import pygame

from game.i18n import _, format_month, format_number, ngettext
from game.render.style import PAPER
from game.sim.session import Game
from game.ui import layout
from game.ui.bindings import keys_sentence, labelled
from game.ui.markup import escape
from game.ui.scene import Scene
from game.ui.words import who_plays

BRIEFED = ("end_turn", "key:cards", "key:meters")  # the turn keys the briefing names


def objectives_html(game: Game, actor: str) -> str:
    objectives = game.model.scenario.actors[actor].objectives.values()
    if not objectives:
        return _("No scored objectives: play for what you think matters.") + "<br>"
    return "".join(
        _("- {objective} ({terms})").format(objective=escape(o.label), terms=objective_terms(o))
        + "<br>"
        for o in objectives
    )


def objective_terms(objective) -> str:
    """'at least 45, at the end; 2 points' in the window's language."""
    goal = {"at_least": _("at least {target}"), "at_most": _("at most {target}")}[objective.goal]
    when = {"end": _("at the end"), "mean": _("on average")}.get(objective.when)
    if when is None:
        when = format_month(objective.when) if len(objective.when) == 7 else objective.when
    points = ngettext(
        "{n} point", "{n} points", int(objective.weight) if objective.weight.is_integer() else 2
    )
    return _("{goal}, {when}; {points}").format(
        goal=goal.format(target=format_number(objective.target, _decimals(objective.target))),
        when=when,
        points=points.format(n=f"{objective.weight:g}"),
    )


def _decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def seats_html(game: Game) -> str:
    actors = game.model.scenario.actors
    return "".join(
        _("- {country}: {seat}").format(
            country=escape(actors[a].name), seat=escape(who_plays(game, a))
        )
        + "<br>"
        for a in game.model.actor_ids
    )


class BriefingScene(Scene):
    keymap = "briefing"

    def __init__(self, app, game: Game, predict: bool | None = None) -> None:
        super().__init__(app)
        self.game = game
        self.predict = predict

    def build(self, rect: pygame.Rect) -> None:
        game = self.game
        meta = game.model.scenario.meta
        actor_id = game.human_actors[0] if game.human_actors else game.model.actor_ids[0]
        actor = game.model.scenario.actors[actor_id]
        line = round(self.app.text * 2.3)
        self.label(
            pygame.Rect(24, 12, rect.width - 48, line + 8),
            _("Briefing: {title}").format(title=meta.title),
            "#heading",
        )
        if actor.leader:
            you = _("You play {country}, led by {leader}.").format(
                country=escape(actor.name), leader=escape(actor.leader)
            )
        else:
            you = _("You play {country}.").format(country=escape(actor.name))
        length = _("{turns} monthly turns from {start}. Seed {seed}.").format(
            turns=meta.turns, start=format_month(meta.start), seed=game.seed
        )
        capital = _(
            "{points} points a month to spend on actions (sanctions, diplomacy, blame, "
            "domestic). What you do not spend is saved, up to a limit."
        ).format(points=f"{actor.capital_per_turn:g}")
        keys = _(
            "Tab and the arrow keys move the yellow focus outline; Enter or Space presses; "
            "PgUp/PgDn scroll this text. On the turn screen: {keys}. F1: how to play, and "
            "every key."
        ).format(keys=escape(keys_sentence("turn", BRIEFED)))
        objectives, political = _("Your objectives"), _("Political capital:")
        seats, keys_heading = _("Seats"), _("Keys:")
        body = (
            f"<b>{you}</b> {length}<br><br>"
            f"{escape(meta.situation or meta.summary)}<br><br>"
            f"<b>{objectives}</b><br>{objectives_html(game, actor_id)}<br>"
            f"<b>{political}</b> {capital}<br><br>"
            f"<b>{seats}</b><br>{seats_html(game)}<br>"
            f"<b>{keys_heading}</b> {keys}"
        )
        self.text_box(
            pygame.Rect(24, 24 + line, rect.width - 48, rect.height - 2 * line - 56),
            body,
            name="briefing",
            main=True,
        )
        begin_text, menu_text = _("Begin  (Enter)"), labelled("briefing", "menu", _("Menu"))
        bar = layout.rect(24, rect.height - line - 16, rect.width - 48, line)
        menu, begin = layout.button_bar(bar, [menu_text], [begin_text], self.app.text)
        self.button(begin, begin_text, "begin", object_id="#primary")
        self.button(menu, menu_text, "menu")
        self.ring.focus("begin")

    def on_command(self, command: str) -> None:
        if command == "begin":
            self.app.show("turn", self.game, self.predict)
        elif command == "menu":
            self.app.open("menu", on_result=self.on_menu)

    def on_menu(self, result: str | None) -> None:
        if result == "title":
            self.app.show("title")
        elif result == "quit":
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
