"""The choices of the setup screen, and the Game they start."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from game.format.schema import Scenario
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game

DIFFICULTIES = ("easy", "normal", "hard")
SEATS = ("computer", "human")
MAX_NAME = 40


def random_seed() -> int:
    """A seed short enough to read out to a class."""
    return random.SystemRandom().randrange(1000, 100000)


@dataclass
class SetupChoices:
    """Everything the setup screen decides; ``seats`` covers the other governments."""

    path: Path
    actor: str
    seats: dict[str, str] = field(default_factory=dict)
    difficulty: str = "normal"
    assumptions: str = ""
    seed: int = field(default_factory=random_seed)
    predict: str = ""  # "on", "off", or "" for the default (on when several people play)
    player_names: dict[str, str] = field(default_factory=dict)  # actor -> the name typed

    def name_of(self, actor: str) -> str:
        """The name typed for a human seat, trimmed to MAX_NAME characters ('' if none)."""
        if self.seat_of(actor) != "human":
            return ""
        return " ".join(self.player_names.get(actor, "").split())[:MAX_NAME]

    def seat_of(self, actor: str) -> str:
        """'human' or 'computer' for any government."""
        if actor == self.actor:
            return "human"
        return self.seats.get(actor, "computer")

    def humans(self, actors: list[str]) -> int:
        return sum(self.seat_of(a) == "human" for a in actors)

    def predicting(self, actors: list[str]) -> bool:
        """Whether each person predicts a metric before committing (default: hot seat only)."""
        if self.predict:
            return self.predict == "on"
        return self.humans(actors) > 1


def default_actor(scenario: Scenario, wanted: str | None = None) -> str:
    actors = list(scenario.actors)
    for candidate in (wanted, scenario.meta.default_actor):
        if candidate and candidate in scenario.actors:
            return candidate
    return actors[0]


def seat_name(choices: SetupChoices, actor: str) -> str:
    """How the game log names a seat: 'human' or 'ai:<difficulty>'."""
    return "human" if choices.seat_of(actor) == "human" else f"ai:{choices.difficulty}"


def start_game(scenario: Scenario, choices: SetupChoices) -> Game:
    """A new Game for these choices: computer seats play ``ai:<difficulty>``."""
    model = Model.build(scenario, choices.assumptions)
    names = {actor: seat_name(choices, actor) for actor in model.actor_ids}
    players = {
        actor: None if name == "human" else make_player(name, choices.seed)
        for actor, name in names.items()
    }
    return Game(
        model,
        choices.seed,
        players,
        seat_names=names,
        scenario_file=str(choices.path.resolve()),
        player_names={a: choices.name_of(a) for a in model.actor_ids if choices.name_of(a)},
    )
