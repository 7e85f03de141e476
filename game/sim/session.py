"""A game in progress: the history of states and ledgers, the seats, and the log.

The engine is a pure function; this class is the one place that remembers a game, for the
window, the command line and the tests alike. Computer seats are asked for their orders here,
so the window only ever sends the human seats' orders.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from game.format.loader import ScenarioError, load_scenario
from game.sim import random_debate
from game.sim.debate import Move, Moves
from game.sim.debate_ai import debate_moves, honour_deals, style_of
from game.sim.engine import (
    GameOverError,
    Ledger,
    Orders,
    State,
    check_orders,
    initial_state,
    step,
)
from game.sim.gamelog import (
    ActorOutcomeLog,
    ElectionLog,
    EventLog,
    GameLog,
    ObjectiveLog,
    OutcomeLog,
    TurnLog,
)
from game.sim.model import Model
from game.sim.outcome import ActorOutcome, evaluate
from game.sim.players import Player, choose_in_games, choose_seats
from game.sim.saves import (
    SAVE_FORMAT,
    SavedTurn,
    SaveError,
    SaveFile,
    autosave_slot,
    clean_orphans,
    data_dir,
    new_game_id,
    now_iso,
    prune_autosaves,
    read_save,
    write_new,
    write_save,
)


@dataclass
class Game:
    """One game: the model, the seed, who plays each government, and everything so far."""

    model: Model
    seed: int
    players: dict[str, Player | None]  # None: a person plays this seat
    seat_names: dict[str, str] = field(default_factory=dict)
    scenario_file: str = ""
    states: list[State] = field(default_factory=list)
    ledgers: list[Ledger] = field(default_factory=list)
    predictions: list[dict[str, dict[str, str]]] = field(default_factory=list)
    player_names: dict[str, str] = field(default_factory=dict)  # actor -> the person's name
    game_id: str = field(default_factory=new_game_id)  # names this game's autosave slot

    def __post_init__(self) -> None:
        if not self.states:
            self.states.append(initial_state(self.model, self.seed))
        for actor in self.model.actor_ids:
            self.players.setdefault(actor, None)
            player = self.players[actor]
            default = "human" if player is None else getattr(player, "policy", "ai:normal")
            self.seat_names.setdefault(actor, default)

    @property
    def state(self) -> State:
        return self.states[-1]

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def human_actors(self) -> list[str]:
        return [a for a in self.model.actor_ids if self.players[a] is None]

    def computer_seats(self, skip: Iterable[str] = ()) -> dict[str, Player]:
        """The computer seats (but those in ``skip``)."""
        skip = set(skip)
        return {
            actor: player
            for actor, player in self.players.items()
            if player is not None and actor not in skip
        }

    def computer_orders(
        self, skip: Iterable[str] = (), chosen: Mapping[str, list[str]] | None = None
    ) -> dict[str, list[str]]:
        """What every computer seat (but those in ``skip``) orders this month; seeded.

        ``chosen``: the seats' choices when already made (``players.choose_in_games``);
        either way they are then adjusted to keep (or break) the seat's running deals."""
        seats = self.computer_seats(skip)
        if chosen is None:
            chosen = choose_seats(self.state, seats, self.ledgers)
        return {
            actor: honour_deals_for(self.state, actor, player, list(chosen[actor]))
            for actor, player in seats.items()
        }

    def computer_moves(self, orders: Mapping[str, Sequence[str]]) -> dict[str, list[Move]]:
        """The debate moves of every computer seat, given this month's orders; seeded."""
        return {
            actor: debate_moves_for(self.state, actor, player, orders.get(actor, ()))
            for actor, player in self.players.items()
            if player is not None
        }

    def play_turn(
        self,
        human_orders: Orders | None = None,
        predictions: dict | None = None,
        moves: Moves | None = None,
        chosen: Mapping[str, list[str]] | None = None,
    ) -> Ledger:
        """Play one month with the humans' orders and debate moves; computers choose their own
        (or make the choices in ``chosen``, made for this month by ``choose_in_games``)."""
        if self.finished:
            raise GameOverError("the game is over: no more turns can be played")
        orders = {actor: list(ids) for actor, ids in (human_orders or {}).items()}
        orders.update(self.computer_orders(skip=orders, chosen=chosen))
        all_moves: dict[str, list] = {a: list(m) for a, m in (moves or {}).items()}
        if self.state.debate is not None:
            check_orders(self.state, orders)  # the computer's moves read them: no unknown cards
            for actor, chosen in self.computer_moves(orders).items():
                if actor not in (human_orders or {}) and chosen:
                    all_moves[actor] = list(chosen)
        new_state, ledger = step(self.state, orders, {a: m for a, m in all_moves.items() if m})
        self.states.append(new_state)
        self.ledgers.append(ledger)
        self.predictions.append(predictions or {})
        return ledger

    def inject(self, event_id: str) -> None:
        """Queue an instructor inject for the coming month."""
        self.states[-1] = self.state.with_inject(event_id)

    def branch(self, turn: int) -> Game:
        """A new game that shares this one's first ``turn`` months, ready to play turn+1."""
        if not 0 <= turn <= len(self.ledgers):
            raise ValueError(f"can branch from turns 0 to {len(self.ledgers)}, not {turn}")
        return Game(
            self.model,
            self.seed,
            dict(self.players),
            dict(self.seat_names),
            self.scenario_file,
            states=self.states[: turn + 1],
            ledgers=self.ledgers[:turn],
            predictions=self.predictions[:turn],
            player_names=dict(self.player_names),
        )

    def names_of_players(self) -> dict[str, str]:
        """Actor id -> the name typed for it (only seats with a name), for logs and saves."""
        return {a: n for a, n in self.player_names.items() if a in self.players and n.strip()}

    def outcome(self) -> dict[str, ActorOutcome]:
        return evaluate(self.states)

    def live_outcome(self) -> dict[str, ActorOutcome]:
        """Objectives as they stand now: on track, at risk, or already decided."""
        return evaluate(self.states, final=self.finished)

    def to_log(self) -> GameLog:
        scenario = self.model.scenario
        turns = [
            _turn_log(ledger, self.model, prediction)
            for ledger, prediction in zip(self.ledgers, self.predictions, strict=True)
        ]
        return GameLog(
            scenario=scenario.meta.id,
            scenario_title=scenario.meta.title,
            scenario_version=scenario.meta.version,
            scenario_file=self.scenario_file,
            seed=self.seed,
            assumptions=self.model.assumptions,
            seats=dict(self.seat_names),
            player_names=self.names_of_players(),
            game_id=self.game_id,
            key_variables=list(scenario.display.key_variables),
            initial=self.states[0].as_dict(),
            turns=turns,
            outcome=_outcome_log(self.outcome(), len(self.ledgers), self.state.ended_by),
        ).sealed()


def _debate_style(player: Player) -> str:
    """How a computer seat argues: spam seats say nothing (they repeat one action, nothing
    else: the batch engine plays them), the others as ``debate_ai.style_of`` says."""
    policy = getattr(player, "policy", "ai")
    return "idle" if policy.startswith("spam:") else style_of(policy)


def _debate_rng(state: State, actor: str, player: Player) -> random.Random:
    return random.Random(f"debate:{getattr(player, 'seed', 0)}:{actor}:{state.turn}")


def honour_deals_for(state: State, actor: str, player: Player, orders: list[str]) -> list[str]:
    """A computer seat's orders adjusted to keep (or break) its running deals."""
    if state.debate is None:
        return orders
    loyalty = state.model.scenario.actors[actor].ai.loyalty
    style = _debate_style(player)
    if style == "random":  # counter-based draws: the batch engine plays the same games
        return random_debate.honour(state, actor, orders, getattr(player, "seed", 0))
    return honour_deals(state, actor, orders, style, _debate_rng(state, actor, player), loyalty)


def debate_moves_for(state: State, actor: str, player: Player, orders: Sequence[str]) -> list[Move]:
    style = _debate_style(player)
    if style == "random":
        return random_debate.moves(state, actor, orders, getattr(player, "seed", 0))
    return debate_moves(state, actor, orders, style, _debate_rng(state, actor, player))


def _turn_log(ledger: Ledger, model: Model, predictions: dict) -> TurnLog:
    return TurnLog(
        turn=ledger.turn,
        date=ledger.date,
        orders={actor: list(ids) for actor, ids in ledger.orders.items()},
        variables=dict(zip(model.variable_ids, ledger.after, strict=True)),
        contributions={v: ledger.contributions_dict(v) for v in model.variable_ids},
        events=[
            EventLog(id=e.id, name=e.name, headlines=e.headlines, injected=e.injected)
            for e in ledger.events
        ],
        elections=[
            ElectionLog(
                id=r.id,
                actor=r.actor,
                value=r.value,
                threshold=r.threshold,
                incumbent_won=r.incumbent_won,
                headline=r.headline,
            )
            for r in ledger.elections
        ],
        predictions=predictions,
        moves={a: [m.to_dict() for m in ms] for a, ms in ledger.moves.items() if ms},
        debate=[entry.to_dict() for entry in ledger.debate],
    )


def _outcome_log(outcome: Mapping[str, ActorOutcome], turns: int, ended_by: str) -> OutcomeLog:
    return OutcomeLog(
        turns_played=turns,
        ended_by=ended_by,
        actors={
            actor: ActorOutcomeLog(
                score=result.score,
                max_score=result.max_score,
                verdict=result.verdict,
                objectives=[
                    ObjectiveLog(
                        id=o.id,
                        label=o.label,
                        value=o.value if o.value == o.value else None,
                        target=o.target,
                        met=o.met,
                        points=o.points,
                        weight=o.weight,
                    )
                    for o in result.objectives
                ],
            )
            for actor, result in outcome.items()
        },
    )


def play_out(game: Game, turns: int | None = None) -> Game:
    """Play computer-only turns until the end (or ``turns`` more turns)."""
    remaining = turns if turns is not None else game.model.scenario.meta.turns
    while remaining > 0 and not game.finished:
        game.play_turn()
        remaining -= 1
    return game


def play_out_together(games: Sequence[Game], turns: int | None = None) -> list[Game]:
    """``play_out`` of several computer-only games at once, month by month: the look-ahead
    players of every game decide in shared batches (the same games as one by one)."""
    remaining = turns if turns is not None else max(g.model.scenario.meta.turns for g in games)
    while remaining > 0:
        live = [g for g in games if not g.finished]
        if not live:
            break
        decided = choose_in_games([(g.state, g.computer_seats(), g.ledgers) for g in live])
        for game, chosen in zip(live, decided, strict=True):
            game.play_turn(chosen=chosen)
        remaining -= 1
    return list(games)


def replay_orders(
    model: Model,
    seed: int,
    orders: Sequence[Mapping[str, Sequence[str]]],
    injects: Sequence[Sequence[str]] = (),
    moves: Sequence[Moves] = (),
) -> Game:
    """Re-run a game from its seed and recorded orders, injects and debate moves."""
    game = Game(model, seed, {actor: None for actor in model.actor_ids})
    for turn, turn_orders in enumerate(orders):
        for event_id in injects[turn] if turn < len(injects) else ():
            game.inject(event_id)
        game.play_turn(turn_orders, moves=moves[turn] if turn < len(moves) else None)
    return game


def injects_of(ledger: Ledger) -> list[str]:
    return [event.id for event in ledger.events if event.injected]


def to_save(game: Game, label: str = "") -> SaveFile:
    """What a save slot holds for ``game``."""
    scenario = game.model.scenario
    return SaveFile(
        format=SAVE_FORMAT,
        saved_at=now_iso(),
        scenario_file=game.scenario_file,
        scenario_id=scenario.meta.id,
        scenario_version=scenario.meta.version,
        assumptions=game.model.assumptions,
        seed=game.seed,
        seats=dict(game.seat_names),
        player_names=game.names_of_players(),
        game_id=game.game_id,
        turns=[
            SavedTurn(
                orders={a: list(ids) for a, ids in ledger.orders.items()},
                moves={a: [m.to_dict() for m in ms] for a, ms in ledger.moves.items() if ms},
                injects=injects_of(ledger),
                predictions=prediction,
            )
            for ledger, prediction in zip(game.ledgers, game.predictions, strict=True)
        ],
        pending_injects=list(game.state.pending_injects),
        label=label or f"{scenario.meta.title}, {game.state.date}",
    )


def from_save(save: SaveFile) -> Game:
    """Rebuild a saved game by replaying its orders; SaveError when that is impossible."""
    from game.sim.players import make_player

    try:
        scenario = load_scenario(save.scenario_file)
    except ScenarioError as exc:
        raise SaveError(f"the save's scenario cannot be loaded: {exc.problems[0]}") from None
    if scenario.meta.id != save.scenario_id:
        raise SaveError(
            f"the save is for scenario {save.scenario_id!r} but {save.scenario_file} "
            f"is {scenario.meta.id!r}"
        )
    try:
        model = Model.build(scenario, save.assumptions)
        players = {
            actor: None if seat == "human" else make_player(seat, save.seed)
            for actor, seat in save.seats.items()
            if actor in model.actor_ids
        }
        game = Game(
            model,
            save.seed,
            players,
            dict(save.seats),
            save.scenario_file,
            player_names=dict(save.player_names),
            game_id=save.game_id or new_game_id(),
        )
        for turn in save.turns:
            for event_id in turn.injects:
                game.inject(event_id)
            game.play_turn(turn.orders, turn.predictions, turn.moves)
        for event_id in save.pending_injects:
            game.inject(event_id)
    except (ValueError, GameOverError) as exc:
        raise SaveError(f"the save does not fit its scenario any more ({exc})") from None
    return game


def load_saved_game(path: str | Path) -> Game:
    """The game saved at ``path``, or SaveError naming the file and what is wrong."""
    save = read_save(path)
    try:
        return from_save(save)
    except SaveError as exc:
        raise SaveError(f"save {Path(path).name}: {exc}") from None


def write_finished_log(game: Game, folder: Path | None = None) -> tuple[Path, Path]:
    """Write a finished game's log (JSON) and variables (CSV) to the logs folder.

    Names are ``DATE-TIME_SCENARIO_seedSEED`` and never overwrite: a second game with the same
    seed finishing in the same second gets ``...-2``. The CSV takes the JSON's name.
    """
    folder = folder or data_dir() / "logs"
    clean_orphans(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    stem = f"{stamp}_{game.model.scenario.meta.id}_seed{game.seed}"
    log = game.to_log()
    json_path = write_new(folder / f"{stem}.json", log.model_dump_json(indent=1))
    csv_path = write_new(json_path.with_suffix(".csv"), log.to_csv(game.model.scenario))
    return json_path, csv_path


def autosave(game: Game) -> str:
    """Write this game's autosave slot: '' when saved, else why not (play goes on either way)."""
    try:
        path = write_save(to_save(game), autosave_slot(game.game_id))
    except SaveError as exc:
        return str(exc)
    prune_autosaves(path)
    return ""
