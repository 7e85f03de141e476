"""What the turn screen tells a seat about its goals and crises (text only, no pygame here).

- ``objectives_html``: the seat's objectives with their live status (on track / at risk /
  met / missed), the value now against the target, and the points at stake.
- ``crisis_html``: the crises the seat must answer this month, with the question put to it.
- ``card_groups``: the seat's action cards by heading, with this month's crisis responses first
  and crisis responses that are not open left out.
"""

from __future__ import annotations

from html import escape

from game.format.schema import Category
from game.sim.outcome import AT_RISK, MET, MISSED, ON_TRACK
from game.sim.session import Game

STATUS_MARK = {ON_TRACK: "on track", AT_RISK: "AT RISK", MET: "met", MISSED: "MISSED"}


def objectives_html(game: Game, actor: str) -> str:
    """The seat's objectives as they stand now, with the points each is worth."""
    outcome = game.live_outcome().get(actor)
    if outcome is None or not outcome.objectives:
        return ""
    lines = [
        f"<b>Your objectives</b> ({outcome.score:.1f} of {outcome.max_score:g} points if the "
        f"game ended now: {outcome.verdict})"
    ]
    for o in outcome.objectives:
        now = "not measured" if o.value != o.value else f"now {o.value:,.4g}"
        lines.append(
            f"- <b>{STATUS_MARK.get(o.status, o.status)}</b>: {escape(o.label)} "
            f"({now}; {o.points:.1f} of {o.weight:g} points)"
        )
    return "<br>".join(lines)


def crisis_html(game: Game, actor: str) -> str:
    """The open crises this seat must answer this month, or ''."""
    model = game.model
    parts = []
    for crisis in game.state.open_crises:
        event = model.event(crisis)
        if event.responder != actor:
            continue
        default = model.action(event.default_response).name
        parts.append(
            f"<b>Crisis: {escape(event.name)}.</b> {escape(event.question)} Choose one "
            f"response card below (if you choose none: {escape(default)})."
        )
    return "<br>".join(parts)


def card_groups(game: Game, actor: str, titles: dict[Category, str]) -> list[tuple[str, list[str]]]:
    """(heading, action ids) for the seat's cards: open crisis responses first."""
    model = game.model
    open_crises = game.state.open_crises
    mine = model.actions_by_actor.get(actor, ())
    groups: list[tuple[str, list[str]]] = []
    for crisis in open_crises:
        event = model.event(crisis)
        if event.responder == actor:
            groups.append(("Crisis: choose one response", list(event.responses)))
    for category, title in titles.items():
        actions = [
            a for a in mine if model.action(a).category == category and not model.crisis_of.get(a)
        ]
        if actions:
            groups.append((title, actions))
    return groups
