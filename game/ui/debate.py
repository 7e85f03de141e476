"""The debate in the window: answering accusations and offers, making a case, proposing deals,
the debate view of the month, and the debrief's argument record.

Rules:
- What may be said comes from ``game.play.debate`` (options the engine accepts); this module
  only shows them and hands the chosen ``Move`` to the turn's flow (``flow.moves``).
- Each pop-up is a ``DebateScene`` opened by name ("debate"): a heading, a text, one button
  per option; it dismisses with the chosen option's index, or None (Esc).
- In a hot seat game the pop-ups open only after the cover, for the seat playing, and show
  nothing of another seat's pending moves.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui

from game.play import debate as view
from game.sim.debate import Move
from game.sim.session import Game
from game.ui.markup import escape
from game.ui.scene import ModalScene, modal_rect


class DebateScene(ModalScene):
    """A heading, a text and one button per option; dismisses with the option's index."""

    keymap = "choice"

    def __init__(self, app, heading: str, html: str, options: list[str], cancel: str = "") -> None:
        super().__init__(app)
        self.heading, self.html, self.options = heading, html, options
        self.cancel = cancel or "Close  (Esc)"

    def build(self, rect: pygame.Rect) -> None:
        self.box = box = modal_rect(rect.size, 0.74, 0.86)
        line = round(self.app.text * 2.3)
        self.label(
            pygame.Rect(box.x + 16, box.y + 12, box.width - 32, line), self.heading, "#heading"
        )
        top = box.y + 16 + line
        bottom = box.bottom - line - 24
        list_height = (
            min(len(self.options) * (line + 6), (bottom - top) // 2) if self.options else 0
        )
        text_bottom = bottom - list_height - 8
        self.text_box(
            pygame.Rect(box.x + 16, top, box.width - 32, text_bottom - top),
            self.html,
            name="debate",
            main=not self.options,
        )
        if self.options:
            scroller = pygame_gui.elements.UIScrollingContainer(
                pygame.Rect(box.x + 16, text_bottom + 4, box.width - 32, list_height),
                self.app.manager,
                container=self.root,
                allow_scroll_x=False,
            )
            width = box.width - 32 - 24
            for i, text in enumerate(self.options):
                self.button(
                    pygame.Rect(0, i * (line + 6), width, line),
                    text,
                    f"option:{i}",
                    object_id="#scenario",
                    container=scroller,
                    tip=escape(text),
                )
            scroller.set_scrollable_area_dimensions((width, max(1, len(self.options) * (line + 6))))
        self.button(
            pygame.Rect(box.centerx - 120, box.bottom - line - 12, 240, line), self.cancel, "cancel"
        )
        if self.options:
            self.ring.focus("option:0")

    def on_command(self, command: str) -> None:
        if command.startswith("option:"):
            self.dismiss(int(command[7:]))
        elif command in ("cancel", "close"):
            self.dismiss(None)


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
