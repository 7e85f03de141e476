"""The words the window shows for the model's codes (seats, verdicts, confidence), translatable.

Each table maps a code to an English phrase marked ``N_``; show it with ``_(TABLE[code])``.
"""

from __future__ import annotations

from game.i18n import N_

SEAT_NAMES = {
    "human": N_("human"),
    "ai:easy": N_("computer (easy)"),
    "ai:normal": N_("computer (normal)"),
    "ai:hard": N_("computer (hard)"),
}
VERDICTS = {"won": N_("WON"), "held": N_("HELD"), "lost": N_("LOST")}
CONFIDENCE = {
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "contested": N_("contested"),
}
DIFFICULTY_NAMES = {"easy": N_("Easy"), "normal": N_("Normal"), "hard": N_("Hard")}


def seat_name(code: str) -> str:
    """'human', 'computer (hard)' in the window's language (an unknown code as it is)."""
    from game.i18n import _

    return _(SEAT_NAMES[code]) if code in SEAT_NAMES else code


def confidence_name(code: str | None) -> str:
    from game.i18n import _

    return _(CONFIDENCE[code]) if code in CONFIDENCE else (code or _("n/a"))


def who_plays(game, actor: str) -> str:
    """Who plays ``actor``: the name typed in setup, else 'human' / 'computer (hard)'."""
    person = game.player_names.get(actor, "").strip()
    return person or seat_name(game.seat_names.get(actor, "human"))
