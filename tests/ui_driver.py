"""Scripted input for window tests (the dummy SDL driver is set in conftest.py)."""

from __future__ import annotations

import pygame

from game.ui.app import App


def key(app: App, code: int, mod: int = 0, frames: int = 2) -> None:
    """Press one key and let ``frames`` frames run."""
    event = pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
    app.step_frame([event])
    app.pump(frames)
