"""Scripted input for window tests (the dummy SDL driver is set in conftest.py)."""

from __future__ import annotations

import pygame

from game.ui.app import App


def key_event(kind: int, code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(kind, key=code, mod=mod, unicode="", scancode=0)


def key(app: App, code: int, mod: int = 0, frames: int = 2) -> None:
    """Press and release one key, and let ``frames`` frames run."""
    app.step_frame([key_event(pygame.KEYDOWN, code, mod)])
    app.step_frame([key_event(pygame.KEYUP, code, mod)])
    app.pump(frames)


def hold(app: App, code: int, repeats: int, mod: int = 0) -> None:
    """Hold a key down: the press, ``repeats`` key-repeat events one frame apart, the release."""
    app.step_frame([key_event(pygame.KEYDOWN, code, mod)])
    for _ in range(repeats):
        app.step_frame([key_event(pygame.KEYDOWN, code, mod)])
    app.step_frame([key_event(pygame.KEYUP, code, mod)])
    app.pump(2)


def click(app: App, command: str, frames: int = 2) -> None:
    """Click, with the mouse, the top scene's widget that sends ``command``."""
    widget = next(w for w, c in app.top.commands.items() if c == command)
    position = widget.get_abs_rect().center
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {}
        event = pygame.event.Event(kind, pos=position, button=1, touch=False, **extra)
        app.step_frame([event])
    app.pump(frames)
