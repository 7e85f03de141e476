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
from game.i18n import N_, _, format_number, format_significant
from game.sim.outcome import AT_RISK, HELD, LOST, MET, MISSED, ON_TRACK, WON
from game.sim.session import Game

STATUS_MARK = {
    ON_TRACK: N_("on track"),
    AT_RISK: N_("AT RISK"),
    MET: N_("met"),
    MISSED: N_("MISSED"),
}
VERDICT_WORDS = {WON: N_("won"), HELD: N_("held"), LOST: N_("lost")}
CRISIS_HEADING = N_("Crisis: choose one response")


def objectives_html(game: Game, actor: str) -> str:
    """The seat's objectives as they stand now, with the points each is worth."""
    outcome = game.live_outcome().get(actor)
    if outcome is None or not outcome.objectives:
        return ""
    heading = _("({score} of {most} points if the game ended now: {verdict})").format(
        score=format_number(outcome.score, 1),
        most=f"{outcome.max_score:g}",
        verdict=_(VERDICT_WORDS.get(outcome.verdict, outcome.verdict)),
    )
    lines = [f"<b>{_('Your objectives')}</b> {heading}"]
    for o in outcome.objectives:
        now = (
            _("not measured")
            if o.value != o.value
            else _("now {value}").format(value=format_significant(o.value))
        )
        points = _("{points} of {weight} points").format(
            points=format_number(o.points, 1), weight=f"{o.weight:g}"
        )
        mark = _(STATUS_MARK[o.status]) if o.status in STATUS_MARK else o.status
        lines.append(
            _("- <b>{status}</b>: {objective} ({now}; {points})").format(
                status=mark, objective=escape(o.label), now=now, points=points
            )
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
        heading = _("Crisis: {name}").format(name=escape(event.name))
        choose = _("Choose one response card below (if you choose none: {default}).").format(
            default=escape(default)
        )
        parts.append(f"<b>{heading}</b> {escape(event.question)} {choose}")
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
            groups.append((CRISIS_HEADING, list(event.responses)))
    for category, title in titles.items():
        actions = [
            a for a in mine if model.action(a).category == category and not model.crisis_of.get(a)
        ]
        if actions:
            groups.append((title, actions))
    return groups
