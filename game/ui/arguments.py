"""The debate in the window: answering accusations and offers, making a case, proposing deals,
the debate view of the month, and the debrief's argument record.

Rules:
- What may be said comes from ``game.play.debate`` (options the engine accepts); this module
  only shows them (in the "debate" pop-up, opened by name) and hands the chosen ``Move`` to the
  turn's flow (``flow.moves``).
- In a hot seat game the pop-ups open only after the cover, for the seat playing, and show
  nothing of another seat's pending moves.
"""

from __future__ import annotations

from collections.abc import Callable

from game.play import debate as view
from game.sim.debate import Move
from game.sim.session import Game
from game.ui.markup import escape

# -- the turn screen's pieces ------------------------------------------------------------------


def ask_answers(scene, done: Callable[[list[Move]], None]) -> None:
    """ANSWERS: put each accusation and offer to the seat in turn, then ``done(moves)``."""
    game, actor = scene.game, scene.actor
    chosen: list[Move] = []
    rebut_cost = game.model.scenario.debate.rebut_cost

    def ask(index: int) -> None:
        spent = rebut_cost * sum(m.kind == "rebut" for m in chosen)
        questions = view.questions_for(game, actor, game.state.capital_of(actor) - spent)
        if index >= len(questions):
            done(chosen)
            return
        question = questions[index]
        html = escape(question.detail) + "<br><br>" + month_html(game, actor)

        def answered(choice: object) -> None:
            if isinstance(choice, int):
                move = question.options[choice][1]
                if move is not None:
                    chosen.append(move)
            ask(index + 1)

        scene.app.open(
            "debate",
            question.heading,
            html,
            [label for label, _ in question.options],
            "Skip  (Esc)",
            on_result=answered,
        )

    ask(0)


def ask_claim(scene, action_id: str, done: Callable[[], None]) -> None:
    """After ordering a blame (or credit) card: which claim and evidence go with it."""
    game, actor = scene.game, scene.actor
    options = view.claim_options(game, actor, action_id)
    if not options:
        done()
        return
    action = game.model.action(action_id)
    html = (
        "Choose the claim you make with this card and the evidence you attach (up to two "
        "cards you hold). Each audience weighs it by the evidence, by whether it is true "
        "under the facts of this game, and by your credibility. A claim made with no "
        "evidence costs credibility; one shown false later costs more.<br><br>"
        + held_cards_html(game, actor)
    )

    def chosen(choice: object) -> None:
        if isinstance(choice, int) and options[choice][1] is not None:
            scene.flow.moves.setdefault(actor, []).append(options[choice][1])
        done()

    scene.app.open(
        "debate",
        f"Make your case: {action.name}",
        html,
        [label for label, _ in options],
        "No claim  (Esc)",
        on_result=chosen,
    )


def open_debate_view(scene, done: Callable[[], None]) -> None:
    """D on the turn screen: the month's debate, running deals, credibility; offer a deal."""
    game, actor = scene.game, scene.actor
    pending = scene.flow.moves.setdefault(actor, [])
    options = view.proposal_options(game, actor, pending)
    html = "<br><br>".join(
        h
        for h in (
            pending_html(game, pending),
            month_html(game, actor),
            deals_html(game),
            credibility_html(game),
            held_cards_html(game, actor),
        )
        if h
    )

    def chosen(choice: object) -> None:
        if isinstance(choice, int):
            pending.append(options[choice][1])
        done()

    scene.app.open("debate", "The debate", html, [label for label, _ in options], on_result=chosen)


def pending_html(game: Game, moves: list[Move]) -> str:
    """This seat's debate moves so far this month (secret until the month is revealed)."""
    lines = []
    for move in moves:
        if move.kind == "claim":
            cards = ", ".join(view.card_label(game, c) for c in move.evidence) or "no evidence"
            lines.append(f'Claim: "{view.claim_text(game, move.claim)}" ({cards})')
        elif move.kind == "propose":
            lines.append(f"Offer: {game.model.scenario.deals[move.deal].label}")
        elif move.kind == "rebut":
            lines.append(f'Rebuttal: "{view.claim_text(game, move.claim)}"')
        elif move.kind == "counter":
            lines.append(f"Counter-offer: {game.model.scenario.deals[move.deal].label}")
        else:
            lines.append(move.kind.capitalize())
    if not lines:
        return ""
    return "<b>Your case this month</b> (secret until the month is revealed):<br>" + "<br>".join(
        f"- {escape(line)}" for line in lines
    )


def month_html(game: Game, viewer: str) -> str:
    """Last month's debate as the viewer's press reports it."""
    if not game.ledgers or not game.ledgers[-1].debate:
        return "<b>Last month's debate:</b> nothing was said."
    lines = [view.entry_line(game, e, viewer) for e in game.ledgers[-1].debate]
    return "<b>Last month's debate</b><br>" + "<br>".join(
        f"- {escape(line)}" for line in lines if line
    )


def deals_html(game: Game) -> str:
    deals = view.running_deals(game)
    if not deals:
        return "<b>Deals running:</b> none."
    return "<b>Deals running</b><br>" + "<br>".join(f"- {escape(d)}" for d in deals)


def credibility_html(game: Game) -> str:
    parts = [f"{view.actor_name(game, a)} {c:.0f}" for a, c in view.credibility_now(game).items()]
    return "<b>Credibility</b> (0-100): " + escape(", ".join(parts))


def held_cards_html(game: Game, actor: str) -> str:
    debate = game.state.debate
    if debate is None:
        return ""
    cards = [
        f"{view.card_label(game, c)}: {game.model.scenario.evidence[c].text}"
        for c in debate.cards(actor)
    ]
    return "<b>Evidence you hold</b><br>" + "<br>".join(f"- {escape(c)}" for c in cards)


# -- the debrief ------------------------------------------------------------------------------


def argument_record_html(game: Game) -> str:
    """The debrief's argument record per government, and the questions that use it."""
    if game.state.debate is None:
        return ""
    parts = ["<b>Argument record</b>"]
    for actor, record in view.argument_record(game).items():
        name = escape(view.actor_name(game, actor))
        series = record.credibility
        trend = " ".join(f"{v:.0f}" for v in series[::3]) + (
            f" .. {series[-1]:.0f}" if series else "-"
        )
        made = ", ".join(
            f'"{escape(view.claim_text(game, c))}" x{n}' for c, n in sorted(record.claims.items())
        )
        parts.append(
            f"<b>{name}</b>: {record.statements} claims ({record.with_evidence} with evidence, "
            f"{record.bare} bare; mean truth {record.mean_truth:.2f}); "
            f"upheld {record.upheld:.1f}, shown false {record.exposed:.1f}; rebuttals won "
            f"{record.rebuttals_won}, lost {record.rebuttals_lost}; concessions "
            f"{record.concessions}; deals completed {record.deals_kept}, broken "
            f"{record.deals_broken}; credibility every 3 months: {trend}."
            + (f"<br>Claims: {made}" if made else "")
        )
    questions = view.record_questions(game)
    if questions:
        parts.append("<b>Claim, evidence, reasoning</b>")
        parts += [f"- {escape(q)}" for q in questions]
    return "<br>".join(parts)
