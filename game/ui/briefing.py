"""The briefing before turn 1: the situation, your objectives, your political capital, the keys."""

from __future__ import annotations

import pygame

from game.play.newgame import who_plays
from game.sim.session import Game
from game.ui import layout
from game.ui.bindings import keys_sentence, labelled
from game.ui.look import PAPER
from game.ui.markup import escape
from game.ui.scene import Scene

BRIEFED = ("end_turn", "key:cards", "key:meters")  # the turn keys the briefing names


def objectives_html(game: Game, actor: str) -> str:
    objectives = game.model.scenario.actors[actor].objectives.values()
    if not objectives:
        return "No scored objectives: play for what you think matters.<br>"
    words = {"at_least": "at least", "at_most": "at most"}
    return "".join(
        f"- {escape(o.label)} ({words[o.goal]} {o.target:g}, "
        f"{'at the end' if o.when == 'end' else 'on average' if o.when == 'mean' else o.when};"
        f" {o.weight:g} point{'s' if o.weight != 1 else ''})<br>"
        for o in objectives
    )


def seats_html(game: Game) -> str:
    actors = game.model.scenario.actors
    return "".join(
        f"- {escape(actors[a].name)}: {escape(who_plays(game, a))}<br>"
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
            pygame.Rect(24, 12, rect.width - 48, line + 8), f"Briefing: {meta.title}", "#heading"
        )
        leader = f", led by {escape(actor.leader)}" if actor.leader else ""
        body = (
            f"<b>You play {escape(actor.name)}{leader}.</b> {meta.turns} monthly turns from "
            f"{meta.start}. Seed {game.seed}.<br><br>"
            f"{escape(meta.situation or meta.summary)}<br><br>"
            f"<b>Your objectives</b><br>{objectives_html(game, actor_id)}<br>"
            f"<b>Political capital:</b> {actor.capital_per_turn:g} points a month to spend on "
            "actions (sanctions, diplomacy, blame, domestic). What you do not spend is saved, "
            "up to a limit.<br><br>"
            f"<b>Seats</b><br>{seats_html(game)}<br>"
            "<b>Keys:</b> Tab and the arrow keys move the yellow focus outline; Enter or Space "
            "presses; PgUp/PgDn scroll this text. On the turn screen: "
            f"{escape(keys_sentence('turn', BRIEFED))}. F1: how to play, and every key."
        )
        self.text_box(
            pygame.Rect(24, 24 + line, rect.width - 48, rect.height - 2 * line - 56),
            body,
            name="briefing",
            main=True,
        )
        begin_text, menu_text = "Begin  (Enter)", labelled("briefing", "menu", "Menu")
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
