"""The turn's flow as a small state machine: who is choosing, and what comes next.

A month runs through these phases, for each human seat in turn, then once for the table:

    COVER -> ANSWERS -> ORDERS -> (CONFIRM_EMPTY) -> (PREDICTION) -> next seat's COVER ...
          ... last seat done -> REVEAL (the engine plays the month) -> next month, or OVER

Rules:
- Pure: no pygame, no files. The window draws the phase and sends the commands below; the
  command line and the tests drive the same object. A command that does not belong to the
  current phase raises ``FlowError`` (a bug in the caller, never a silent no-op).
- COVER only with several people at one machine (hot seat): the screen stays hidden until the
  seat says it is ready. ANSWERS only when ``needs_answers`` says the seat has something to
  answer first (the debate's proposals and accusations). CONFIRM_EMPTY only when the seat ordered
  nothing and ``confirm_empty`` is on. PREDICTION only when the table predicts.
- Each transition goes through ``_enter``: deciding the next phase (``_after_*``) and entering
  it are separate, as in Tuxemon's combat; ``_enter`` is the one place a phase starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import assert_never

from game.i18n import _
from game.play.classroom import prediction_variable
from game.sim.debate import move_cost
from game.sim.engine import Ledger, order_problem
from game.sim.session import Game


class Phase(Enum):
    COVER = "cover"  # hot seat: hidden until the seat now playing is at the keyboard
    ANSWERS = "answers"  # the seat answers what was put to it last month
    ORDERS = "orders"  # the seat chooses its orders (cards)
    CONFIRM_EMPTY = "confirm_empty"  # it ordered nothing: is that meant?
    PREDICTION = "prediction"  # it predicts whether one meter goes up or down
    REVEAL = "reveal"  # the month has been played: every government's orders revealed
    OVER = "over"  # the game has ended


class FlowError(RuntimeError):
    """A command sent in a phase where it means nothing."""


def _never(game: Game, actor: str) -> bool:
    return False


@dataclass
class TurnFlow:
    """One game's months, seat by seat; read ``phase``, ``actor``, ``ledger``; send commands."""

    game: Game
    predict: bool = False
    confirm_empty: bool = True
    needs_answers: Callable[[Game, str], bool] = _never
    phase: Phase = Phase.ORDERS
    seat: int = 0
    orders: dict[str, list[str]] = field(default_factory=dict)
    moves: dict[str, list] = field(default_factory=dict)  # debate moves per seat
    predictions: dict[str, dict[str, str]] = field(default_factory=dict)
    ledger: Ledger | None = None  # the month just played (REVEAL)

    def __post_init__(self) -> None:
        self._enter(Phase.OVER if self.game.finished else self._start_of_seat())

    # what the window reads -------------------------------------------------------------------
    @property
    def seats(self) -> list[str]:
        return self.game.human_actors

    @property
    def actor(self) -> str:
        """The seat playing now."""
        return self.seats[min(self.seat, len(self.seats) - 1)]

    @property
    def shared(self) -> bool:
        """Several people at one machine (hot seat)."""
        return len(self.seats) > 1

    def my_orders(self) -> list[str]:
        return self.orders.setdefault(self.actor, [])

    def capital_left(self) -> float:
        spent = sum(self.game.model.action(a).cost for a in self.my_orders())
        spent += sum(move_cost(self.game.model, m) for m in self.moves.get(self.actor, []))
        return self.game.state.capital_of(self.actor) - spent

    def problem(self, action_id: str) -> str:
        """Why the engine would refuse this card on top of this seat's orders ('' if not)."""
        problem = order_problem(self.game.state, self.actor, self.my_orders(), action_id)
        cost = self.game.model.action(action_id).cost
        if not problem and action_id not in self.my_orders() and cost > self.capital_left() + 1e-9:
            problem = _("costs {cost}, you have {left} left").format(
                cost=f"{cost:g}", left=f"{max(self.capital_left(), 0):g}"
            )
        return problem

    @property
    def prediction_variable(self) -> str:
        return prediction_variable(self.game, self.game.state.turn)

    # commands ------------------------------------------------------------------------------
    def ready(self) -> None:
        """COVER: the seat is at the keyboard."""
        self._expect(Phase.COVER)
        self._enter(Phase.ANSWERS if self.needs_answers(self.game, self.actor) else Phase.ORDERS)

    def answered(self, moves: list | None = None) -> None:
        """ANSWERS: the seat's answers (debate moves) are in."""
        self._expect(Phase.ANSWERS)
        if moves:
            self.moves.setdefault(self.actor, []).extend(moves)
        self._enter(Phase.ORDERS)

    def toggle(self, action_id: str) -> bool:
        """ORDERS: order or cancel a card; False when the engine would refuse it."""
        self._expect(Phase.ORDERS)
        orders = self.my_orders()
        if action_id in orders:
            orders.remove(action_id)
            moves = self.moves.get(self.actor, [])  # a claim made with it goes too
            moves[:] = [m for m in moves if getattr(m, "action", "") != action_id]
        elif self.problem(action_id):
            return False
        else:
            orders.append(action_id)
        return True

    def end_orders(self) -> None:
        """ORDERS: the seat is done (End Turn)."""
        self._expect(Phase.ORDERS)
        if self.confirm_empty and not self.my_orders():
            self._enter(Phase.CONFIRM_EMPTY)
        else:
            self._enter(self._after_orders())

    def confirm(self, yes: bool) -> None:
        """CONFIRM_EMPTY: yes, end with no orders; no, back to the cards."""
        self._expect(Phase.CONFIRM_EMPTY)
        self._enter(self._after_orders() if yes else Phase.ORDERS)

    def predicted(self, direction: str | None) -> None:
        """PREDICTION: 'up' or 'down'; None goes back to the cards."""
        self._expect(Phase.PREDICTION)
        if direction is None:
            self._enter(Phase.ORDERS)
            return
        if direction not in ("up", "down"):
            raise FlowError(f"a prediction is 'up' or 'down', not {direction!r}")
        self.predictions[self.actor] = {self.prediction_variable: direction}
        self._enter(self._after_seat())

    def revealed(self) -> None:
        """REVEAL: the table has seen the month; on to the next month (or the end)."""
        self._expect(Phase.REVEAL)
        self.seat = 0
        self.orders, self.moves, self.predictions = {}, {}, {}
        self._enter(Phase.OVER if self.game.finished else self._start_of_seat())

    # deciding the next phase -------------------------------------------------------------------
    def _after_orders(self) -> Phase:
        if self.predict and self.actor not in self.predictions:
            return Phase.PREDICTION
        return self._after_seat()

    def _after_seat(self) -> Phase:
        if self.seat < len(self.seats) - 1:
            self.seat += 1
            return self._start_of_seat()
        return Phase.REVEAL

    def _start_of_seat(self) -> Phase:
        if self.shared:
            return Phase.COVER
        return Phase.ANSWERS if self.needs_answers(self.game, self.actor) else Phase.ORDERS

    # entering a phase ----------------------------------------------------------------------
    def _enter(self, phase: Phase) -> None:
        self.phase = phase
        match phase:
            case Phase.REVEAL:
                self._play_month()
            case (
                Phase.COVER | Phase.ANSWERS | Phase.ORDERS | Phase.CONFIRM_EMPTY | Phase.PREDICTION
            ):
                pass  # the window shows these; nothing to do on entry
            case Phase.OVER:
                pass
            case _:
                assert_never(phase)

    def _play_month(self) -> None:
        orders = {actor: list(self.orders.get(actor, [])) for actor in self.seats}
        moves = {actor: list(m) for actor, m in self.moves.items() if m}
        self.ledger = self.game.play_turn(orders, dict(self.predictions), moves or None)

    def _expect(self, phase: Phase) -> None:
        if self.phase is not phase:
            raise FlowError(f"{phase.value} command in the {self.phase.value} phase")
