"""Every key binding, declared once: one table per scene (key, command, help text).

Rules:
- A scene's table drives its key dispatch (``Scene.on_key`` looks the key up here and sends the
  command, exactly as a click on the button with that command does), the F1 help (``help_html``),
  the button labels (``labelled``) and the briefing's key paragraph (``keys_sentence``), so the
  four can never disagree. Textual's ``BINDINGS`` is the model.
- A key is written as text: ``"e"``, ``"ctrl+return"``, ``"shift+c"``, ``"pagedown"``; the name
  after the last ``+`` is a pygame key name (``pygame.K_<name>``). Modifiers must match exactly,
  so ``"e"`` does not fire on Ctrl+E.
- ``help`` is what the F1 help says; a binding with an empty ``help`` is dispatched but not
  listed (a second key for the same thing, listed once through ``also``).
- Commands are the scene's own command strings (the same ones its buttons send); the few
  keyboard-only commands start with ``key:`` (move focus, scroll the text) and are handled by the
  scene base class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pygame

from game.i18n import N_, _

KEY_NAMES = {
    "return": "Enter",
    "kp_enter": "Enter",
    "escape": "Esc",
    "space": N_("Space"),
    "tab": "Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": N_("Home"),
    "end": N_("End"),
    "up": N_("Up (key)"),  # " (key)" tells these from the prediction's Up and Down
    "down": N_("Down (key)"),
    "left": N_("Left"),
    "right": N_("Right"),
    "equals": "=",
    "minus": "-",
    "plus": "+",
}
MODIFIERS = {"ctrl": pygame.KMOD_CTRL, "shift": pygame.KMOD_SHIFT, "alt": pygame.KMOD_ALT}


@dataclass(frozen=True)
class Binding:
    """One key (with modifiers) that sends ``command``; ``help`` says what it does."""

    key: str
    command: str
    help: str = ""
    also: tuple[str, ...] = field(default=())  # more keys for the same command, one help line

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.also)

    @property
    def label(self) -> str:
        """How the help and buttons write the keys: 'E or Ctrl+Enter'."""
        return _(" or ").join(dict.fromkeys(key_label(k) for k in self.keys))


def key_label(spec: str) -> str:
    *mods, name = spec.split("+")
    if name in KEY_NAMES:
        shown = _(KEY_NAMES[name]).removesuffix(" (key)")
    else:
        shown = name.upper() if len(name) == 1 else name.capitalize()
    return "+".join([*(m.capitalize() for m in mods), shown])


@cache
def parse(spec: str) -> tuple[int, int]:
    """('ctrl+return') -> (pygame.K_RETURN, pygame.KMOD_CTRL)."""
    *mods, name = spec.split("+")
    code = getattr(pygame, f"K_{name}", None)
    if code is None:
        code = getattr(pygame, f"K_{name.upper()}")
    mask = 0
    for mod in mods:
        mask |= MODIFIERS[mod]
    return code, mask


def matches(spec: str, event: pygame.event.Event) -> bool:
    code, mask = parse(spec)
    if event.key != code:
        return False
    return all(bool(event.mod & bits) == bool(mask & bits) for bits in MODIFIERS.values())


# The tables -------------------------------------------------------------------------------
# Keys every scene understands (handled by ``Scene`` itself).
FOCUS = (
    Binding("tab", "key:next", N_("move the focus (yellow outline) forward"), ("down", "right")),
    Binding("shift+tab", "key:previous", N_("move the focus back"), ("up", "left")),
    Binding("return", "key:activate", N_("press the focused button"), ("kp_enter", "space")),
)
SCROLL = (
    Binding("down", "key:scroll", N_("scroll a focused text by a line"), ("up",)),
    Binding("pagedown", "key:scroll", N_("scroll the text by a page"), ("pageup",)),
    Binding("home", "key:scroll", N_("to the top / the end of the text"), ("end",)),
)
WINDOW = (
    Binding("f1", "help", N_("help: how to play, and every key")),
    Binding("f2", "text_size", N_("text size: small, normal, large"), ("ctrl+equals",)),
    Binding("ctrl+minus", "text_smaller", N_("smaller text")),
    Binding("f11", "fullscreen", N_("full screen on or off")),
)

SCENES: dict[str, tuple[Binding, ...]] = {
    "title": (
        Binding("c", "continue", N_("continue the last game (it saves itself every month)")),
        Binding("n", "new", N_("new game")),
        Binding("l", "load", N_("load a saved game")),
        Binding("g", "language", N_("language: English, Español, 中文")),
    ),
    "setup": (
        Binding("escape", "back", N_("back to the title")),
        Binding("n", "new_seed", N_("a new random seed (not while typing)")),
        Binding("r", "report", N_("full error report of a broken scenario")),
    ),
    "briefing": (Binding("escape", "menu", N_("menu")),),
    "turn": (
        Binding(
            "e", "end_turn", N_("end the month (asks if nothing is ordered)"), ("ctrl+return",)
        ),
        Binding(
            "a", "key:cards", N_("jump to the action cards; Enter or Space orders or cancels one")
        ),
        Binding("m", "key:meters", N_("jump to the meters; Enter on a meter opens the Why panel")),
        Binding("o", "key:orders", N_("jump to your orders and the forecast (arrows scroll it)")),
        Binding("w", "why", N_("Why panel for the charted variable")),
        Binding(
            "d",
            "debate",
            N_("the debate: last month's arguments, deals, credibility; offer a deal"),
        ),
        Binding("c", "chart_next", N_("chart the next variable")),
        Binding("shift+c", "chart_previous", N_("chart the previous variable")),
        Binding(
            "ctrl+s", "save", N_("save the game to a new slot (it also saves itself every month)")
        ),
        Binding("ctrl+i", "inject", N_("instructor inject: queue a scenario event for next month")),
        Binding("escape", "menu", N_("menu")),
    ),
    "confirm": (
        Binding("y", "yes", N_("yes (the deliberate answer)")),
        Binding("escape", "no", N_("no, go back (Enter too, where the focus starts)")),
    ),
    "predict": (
        Binding("u", "up", N_("predict up")),
        Binding("d", "down", N_("predict down")),
        Binding("escape", "cancel", N_("back to your orders")),
    ),
    "cover": (
        Binding("return", "ready", N_("the next player is ready (no other key)"), ("kp_enter",)),
    ),
    "resolution": (Binding("s", "skip", N_("skip the animation"), ("escape",)),),
    "why": (
        Binding("right", "next", N_("next meter")),
        Binding("left", "previous", N_("previous meter")),
        Binding("escape", "close", N_("close"), ("w",)),
    ),
    "debrief": (
        Binding("x", "export", N_("export the game log (JSON, CSV) and a PNG of the charts")),
        Binding("pagedown", "charts", N_("more charts (when the text has no focus)")),
        Binding("pageup", "charts_back", N_("previous charts")),
        Binding("b", "replay", N_("replay from turn k (Left / Right choose k, Enter starts)")),
        Binding("escape", "menu", N_("menu")),
    ),
    "modal": (Binding("escape", "close", N_("close")),),
    "choice": (Binding("escape", "cancel", N_("cancel")),),
    "terms": (
        Binding("right", "key:more", N_("the focused term's next value")),
        Binding("left", "key:less", N_("the focused term's previous value")),
        Binding("ctrl+return", "confirm", N_("send the offer on these terms")),
        Binding("escape", "cancel", N_("offer nothing")),
    ),
    "pick": (
        Binding("ctrl+return", "confirm", N_("make the case with the claim and cards chosen")),
        Binding("escape", "cancel", N_("say nothing (no claim, no rebuttal)")),
    ),
    "help": (
        Binding("right", "next_page", N_("next page")),
        Binding("left", "previous_page", N_("previous page")),
        Binding("escape", "close", N_("close"), ("f1",)),
    ),
}

SECTION_TITLES = {
    "title": N_("Title"),
    "setup": N_("New game"),
    "briefing": N_("Briefing"),
    "turn": N_("Turn"),
    "confirm": N_("Questions (such as ending a month with no orders)"),
    "predict": N_("Prediction"),
    "cover": N_("Hot seat cover ('Pass to ...')"),
    "resolution": N_("Month revealed"),
    "why": N_("Why panel"),
    "pick": N_("Making a case (claim and evidence)"),
    "terms": N_("Deal terms"),
    "debrief": N_("Debrief"),
    "help": N_("Help"),
}


def table(scene: str) -> tuple[Binding, ...]:
    return SCENES.get(scene, ())


def command_for(scene: str, event: pygame.event.Event) -> str | None:
    """The command the key in ``event`` sends on ``scene`` (scene keys first), or None."""
    for binding in (*table(scene), *FOCUS):
        if any(matches(key, event) for key in binding.keys):
            return binding.command
    return None


def window_command(event: pygame.event.Event) -> str | None:
    for binding in WINDOW:
        if any(matches(k, event) for k in binding.keys):
            return binding.command
    return None


def keys_for(scene: str, command: str) -> str:
    """'E or Ctrl+Enter': every key of ``scene`` that sends ``command``."""
    found: list[str] = []
    for binding in table(scene):
        if binding.command == command:
            found += [k for k in binding.keys if k not in found]
    return _(" or ").join(dict.fromkeys(key_label(k) for k in found))


def labelled(scene: str, command: str, text: str) -> str:
    """A button's text with its keys: 'End Turn  (E or Ctrl+Enter)'."""
    keys = keys_for(scene, command)
    return f"{text}  ({keys})" if keys else text


def keys_sentence(scene: str, commands: tuple[str, ...]) -> str:
    """'E or Ctrl+Enter: end the month ...; A: jump to ...' for the briefing."""
    parts = []
    for binding in table(scene):
        if binding.command in commands and binding.help:
            parts.append(f"{binding.label}: {_(binding.help)}")
    return "; ".join(parts)


def _section(title: str, bindings: tuple[Binding, ...]) -> str:
    rows = [f"  <b>{b.label}</b>: {_(b.help)}<br>" for b in bindings if b.help]
    return f"<b>{_(title)}</b><br>" + "".join(rows) + "<br>" if rows else ""


def help_html() -> str:
    """The key list of the F1 help, made from the tables above."""
    parts = [_section(N_("Everywhere"), FOCUS + WINDOW), _section(N_("Scrolling text"), SCROLL)]
    parts += [_section(SECTION_TITLES[name], table(name)) for name in SECTION_TITLES]
    return "".join(parts)
