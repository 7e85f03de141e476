"""The news feed and the revealed orders, as pygame_gui HTML, framed for one country's press."""

from __future__ import annotations

from game.play.newgame import who_plays
from game.sim.engine import Ledger
from game.sim.session import Game
from game.ui.markup import escape


def press_name(game: Game, viewer: str) -> str:
    actor = game.model.scenario.actors[viewer]
    return actor.press or f"{actor.name} press"


def month_news(game: Game, ledger: Ledger, viewer: str) -> str:
    """One month's headlines as ``viewer``'s press reports them, then other governments' words."""
    actors = game.model.scenario.actors
    lines = [f"<b>{ledger.date}</b>"]
    lines += [f"- {escape(e.headlines.get(viewer, e.name))}" for e in ledger.events]
    lines += [f"- {escape(r.headline)}" for r in ledger.elections]
    for actor, action_ids in ledger.orders.items():
        if actor == viewer:
            continue
        for action_id in action_ids:
            statement = game.model.action(action_id).statement
            lines.append(f'- {escape(actors[actor].name)}: <i>"{escape(statement)}"</i>')
    if len(lines) == 1:
        lines.append("- A quiet month.")
    return "<br>".join(lines)


def news_html(game: Game, viewer: str) -> str:
    """Every month so far, newest first."""
    heading = f"<b>{escape(press_name(game, viewer))}</b><br>"
    if not game.ledgers:
        return heading + "No news yet: the first month is about to begin."
    months = [month_news(game, ledger, viewer) for ledger in reversed(game.ledgers)]
    return heading + "<br><br>".join(months)


def orders_html(game: Game, ledger: Ledger) -> str:
    """Every government's orders and public statements this month, revealed together."""
    scenario = game.model.scenario
    parts = []
    for actor_id, action_ids in ledger.orders.items():
        actor = scenario.actors[actor_id]
        seat = escape(who_plays(game, actor_id))
        parts.append(f"<b>{escape(actor.name)}</b> ({seat})")
        if not action_ids:
            parts.append("- ordered nothing this month")
        for action_id in action_ids:
            action = game.model.action(action_id)
            target = (
                f" (aimed at {escape(scenario.actors[action.target].name)})"
                if action.target in scenario.actors
                else ""
            )
            parts.append(
                f'- <b>{escape(action.name)}</b>{target}: <i>"{escape(action.statement)}"</i>'
            )
        parts.append("")
    return "<br>".join(parts)


def events_html(game: Game, ledger: Ledger, viewer: str) -> str:
    lines = [f"<b>Headlines, as the {escape(press_name(game, viewer))} tells it</b>"]
    lines += [f"- {escape(e.headlines.get(viewer, e.name))}" for e in ledger.events]
    if not ledger.events:
        lines.append("- No major events this month.")
    if ledger.elections:
        lines.append("<br><b>Elections</b>")
        for result in ledger.elections:
            verdict = "governing side wins" if result.incumbent_won else "governing side loses"
            lines.append(
                f"- {escape(result.headline)} ({verdict}: {result.value:.1f} against "
                f"{result.threshold:g} needed)"
            )
    return "<br>".join(lines)
