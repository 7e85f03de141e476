"""Scripted input for window tests (the dummy SDL driver is set in conftest.py)."""

from __future__ import annotations

import pygame

from game.ui.app import App


def key(app: App, code: int, mod: int = 0, frames: int = 2) -> None:
    """Press one key and let ``frames`` frames run."""
    event = pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
    app.step_frame([event])
    app.pump(frames)


def click(app: App, command: str, frames: int = 2) -> None:
    """Click, with the mouse, the top scene's widget that sends ``command``."""
    widget = next(w for w, c in app.top.commands.items() if c == command)
    position = widget.get_abs_rect().center
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION else {}
        event = pygame.event.Event(kind, pos=position, button=1, touch=False, **extra)
        app.step_frame([event])
    app.pump(frames)
