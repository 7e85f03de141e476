"""The turn's flow as a pure state machine (no window): phases, seats, questions, the end."""

from __future__ import annotations

import pytest

from game.play.flow import FlowError, Phase, TurnFlow
from game.sim.players import make_player
from game.sim.session import Game


def game_for(model, humans: tuple[str, ...] = ("us",), seed: int = 4) -> Game:
    players = {a: None if a in humans else make_player("ai:normal", seed) for a in model.actor_ids}
    return Game(model, seed, players)


def test_one_seat_orders_and_the_month_is_played_on_end_orders(mini_model):
    flow = TurnFlow(game_for(mini_model))
    assert flow.phase is Phase.ORDERS and flow.actor == "us"
    assert flow.toggle("us_blame_mx")
    flow.end_orders()
    assert flow.phase is Phase.REVEAL
    assert flow.ledger is not None and flow.ledger.orders["us"] == ("us_blame_mx",)
    flow.revealed()
    assert flow.phase is Phase.ORDERS and flow.my_orders() == []
    assert len(flow.game.ledgers) == 1


def test_an_empty_month_asks_and_no_goes_back_to_orders(mini_model):
    flow = TurnFlow(game_for(mini_model))
    flow.end_orders()
    assert flow.phase is Phase.CONFIRM_EMPTY
    flow.confirm(False)
    assert flow.phase is Phase.ORDERS and flow.game.ledgers == []
    flow.end_orders()
    flow.confirm(True)
    assert flow.phase is Phase.REVEAL and flow.ledger.orders["us"] == ()


def test_without_the_question_an_empty_month_is_played_at_once(mini_model):
    flow = TurnFlow(game_for(mini_model), confirm_empty=False)
    flow.end_orders()
    assert flow.phase is Phase.REVEAL


def test_hot_seat_covers_every_seat_and_predictions_come_before_the_next_seat(mini_model):
    flow = TurnFlow(game_for(mini_model, ("us", "mx")), predict=True)
    seen = []
    for _ in range(2):
        assert flow.phase is Phase.COVER
        flow.ready()
        seen.append(flow.actor)
        assert flow.phase is Phase.ORDERS
        flow.toggle(flow.game.model.actions_by_actor[flow.actor][0])
        flow.end_orders()
        assert flow.phase is Phase.PREDICTION
        flow.predicted("up")
    assert seen == ["us", "mx"]
    assert flow.phase is Phase.REVEAL
    assert set(flow.game.predictions[0]) == {"us", "mx"}
    flow.revealed()
    assert flow.phase is Phase.COVER and flow.seat == 0 and flow.predictions == {}


def test_backing_out_of_a_prediction_returns_to_the_same_seats_orders(mini_model):
    flow = TurnFlow(game_for(mini_model), predict=True, confirm_empty=False)
    flow.end_orders()
    flow.predicted(None)
    assert flow.phase is Phase.ORDERS and flow.actor == "us"
    with pytest.raises(FlowError, match="'up' or 'down'"):
        flow.end_orders()
        flow.predicted("sideways")


def test_a_seat_with_something_to_answer_answers_before_ordering(mini_model):
    flow = TurnFlow(game_for(mini_model), needs_answers=lambda game, actor: actor == "us")
    assert flow.phase is Phase.ANSWERS
    flow.answered([])
    assert flow.phase is Phase.ORDERS


def test_a_refused_card_is_not_ordered_and_says_why(mini_model):
    flow = TurnFlow(game_for(mini_model))
    costs = {a: mini_model.action(a).cost for a in mini_model.actions_by_actor["us"]}
    for action_id in costs:
        flow.toggle(action_id)
    spent = sum(costs[a] for a in flow.my_orders())
    assert spent <= flow.game.state.capital_of("us")
    for action_id in set(costs) - set(flow.my_orders()):
        assert flow.problem(action_id)
        assert not flow.toggle(action_id)


def test_commands_out_of_phase_are_errors_not_silent(mini_model):
    flow = TurnFlow(game_for(mini_model))
    with pytest.raises(FlowError, match="cover command in the orders phase"):
        flow.ready()
    with pytest.raises(FlowError):
        flow.revealed()


def test_the_flow_ends_when_the_game_does(mini_model):
    flow = TurnFlow(game_for(mini_model), confirm_empty=False)
    for _ in range(mini_model.scenario.meta.turns + 1):
        if flow.phase is Phase.OVER:
            break
        flow.end_orders()
        flow.revealed()
    assert flow.phase is Phase.OVER and flow.game.finished
    assert TurnFlow(flow.game).phase is Phase.OVER
