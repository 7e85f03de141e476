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
    names: dict[str, str] = field(default_factory=dict)  # actor -> the person's typed name

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


MAX_NAME = 40  # characters of a player's name
POLICY_WORDS = {
    "idle": "does nothing",
    "random": "random moves",
    "tft": "tit for tat",
    "ai": "normal",
    "ai:easy": "easy",
    "ai:normal": "normal",
    "ai:hard": "hard",
}


def seat_words(seat: str, person: str = "") -> str:
    """A seat in plain words: 'Ana', 'a person' or 'Computer (normal)', never 'ai:normal'."""
    if seat == "human":
        return person.strip() or "a person"
    return f"Computer ({POLICY_WORDS.get(seat, seat)})"


def who_plays(game: Game, actor: str) -> str:
    """Who plays ``actor`` in ``game``, in plain words (the typed name for a person)."""
    person = game.player_names.get(actor, "")
    return seat_words(game.seat_names.get(actor, "human"), person)


def player_names(choices: SetupChoices, actors: list[str]) -> dict[str, str]:
    """The names typed for the seats people play (blank names left out)."""
    return {
        actor: name.strip()[:MAX_NAME]
        for actor, name in choices.names.items()
        if actor in actors and choices.seat_of(actor) == "human" and name.strip()
    }


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
    game = Game(
        model, choices.seed, players, seat_names=names, scenario_file=str(choices.path.resolve())
    )
    game.player_names.update(player_names(choices, list(model.actor_ids)))
    return game
