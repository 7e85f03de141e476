"""The news feed and the revealed orders, as pygame_gui HTML, framed for one country's press."""

from __future__ import annotations

from game.i18n import _, format_month, format_number
from game.sim.engine import Ledger
from game.sim.session import Game
from game.ui.markup import bold, escape
from game.ui.words import who_plays


def press_name(game: Game, viewer: str) -> str:
    actor = game.model.scenario.actors[viewer]
    return actor.press or _("{country} press").format(country=actor.name)


def month_news(game: Game, ledger: Ledger, viewer: str) -> str:
    """One month's headlines as ``viewer``'s press reports them, then other governments' words."""
    actors = game.model.scenario.actors
    lines = [f"<b>{format_month(ledger.date)}</b>"]
    lines += [f"- {escape(e.headlines.get(viewer, e.name))}" for e in ledger.events]
    lines += [f"- {escape(r.headline)}" for r in ledger.elections]
    for actor, action_ids in ledger.orders.items():
        if actor == viewer:
            continue
        for action_id in action_ids:
            statement = game.model.action(action_id).statement
            lines.append(f'- {escape(actors[actor].name)}: <i>"{escape(statement)}"</i>')
    if len(lines) == 1:
        lines.append("- " + _("A quiet month."))
    return "<br>".join(lines)


def news_html(game: Game, viewer: str) -> str:
    """Every month so far, newest first."""
    heading = f"<b>{escape(press_name(game, viewer))}</b><br>"
    if not game.ledgers:
        return heading + _("No news yet: the first month is about to begin.")
    months = [month_news(game, ledger, viewer) for ledger in reversed(game.ledgers)]
    return heading + "<br><br>".join(months)


def orders_html(game: Game, ledger: Ledger) -> str:
    """Every government's orders and public statements this month, revealed together."""
    scenario = game.model.scenario
    parts = []
    for actor_id, action_ids in ledger.orders.items():
        actor = scenario.actors[actor_id]
        parts.append(f"<b>{escape(actor.name)}</b> ({escape(who_plays(game, actor_id))})")
        if not action_ids:
            parts.append("- " + _("ordered nothing this month"))
        for action_id in action_ids:
            action = game.model.action(action_id)
            target = (
                " "
                + _("(aimed at {country})").format(
                    country=escape(scenario.actors[action.target].name)
                )
                if action.target in scenario.actors
                else ""
            )
            parts.append(
                f'- <b>{escape(action.name)}</b>{target}: <i>"{escape(action.statement)}"</i>'
            )
        parts.append("")
    return "<br>".join(parts)


def events_html(game: Game, ledger: Ledger, viewer: str) -> str:
    heading = _("Headlines, as the {press} tells it").format(press=escape(press_name(game, viewer)))
    lines = [f"<b>{heading}</b>"]
    lines += [f"- {escape(e.headlines.get(viewer, e.name))}" for e in ledger.events]
    if not ledger.events:
        lines.append("- " + _("No major events this month."))
    if ledger.elections:
        lines.append("<br>" + bold(_("Elections")))
        for result in ledger.elections:
            verdict = (
                _("governing side wins") if result.incumbent_won else _("governing side loses")
            )
            tally = _("{verdict}: {value} against {needed} needed").format(
                verdict=verdict,
                value=format_number(result.value, 1),
                needed=f"{result.threshold:g}",
            )
            lines.append(f"- {escape(result.headline)} ({tally})")
    return "<br>".join(lines)
