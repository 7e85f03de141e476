"""Scenes and their lifecycle, and keyboard focus.

Rules:
- A scene has ``build`` (create its widgets in ``self.root`` for the current window size),
  ``resume``/``pause`` (shown again / covered by another scene), ``process_event``, ``update``
  (returns True while it animates), ``draw`` (custom drawing under the widgets; never changes
  game state), ``draw_over`` (focus outline above the widgets) and ``shutdown``.
- Widgets send commands: every interactive widget is registered with a command string; a
  button press or a keyboard activation both end in ``on_command``.
- A modal scene returns a result with ``dismiss(value)``; the scene that pushed it receives it
  in the callback it passed to ``App.push``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import UIContainer, UIElement

from game.ui.look import INK, PAPER, YELLOW

if TYPE_CHECKING:
    from game.ui.app import App

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class FocusRing:
    """Which registered widget the keyboard is on; Tab/arrows move, Enter/Space activate."""

    items: list[tuple[UIElement, str]] = field(default_factory=list)
    index: int = 0

    def clear(self) -> None:
        self.items.clear()
        self.index = 0

    def add(self, element: UIElement, command: str) -> None:
        self.items.append((element, command))

    @property
    def current(self) -> str:
        return self.items[self.index][1] if self.items else ""

    @property
    def element(self) -> UIElement | None:
        return self.items[self.index][0] if self.items else None

    def move(self, delta: int) -> None:
        if not self.items:
            return
        for _ in range(len(self.items)):
            self.index = (self.index + delta) % len(self.items)
            if self.items[self.index][0].is_enabled:
                return

    def focus(self, command: str) -> bool:
        for i, (_, item_command) in enumerate(self.items):
            if item_command == command:
                self.index = i
                return True
        return False


class Scene:
    """Base scene: a root container of widgets, a command table and a focus ring."""

    overlay = False  # a modal drawn over the scene below it
    animating = False  # True while ``update`` moves something

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIContainer | None = None
        self.commands: dict[UIElement, str] = {}
        self.ring = FocusRing()
        self.on_result: Callable[[Any], None] | None = None

    # lifecycle --------------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> None:
        """Create the widgets for a window of this size (inside ``self.root``)."""

    def rebuild(self) -> None:
        """Widgets again from scratch (window resized, text size changed); state is kept."""
        focused = self.ring.current
        self.clear_widgets()
        rect = pygame.Rect((0, 0), self.app.size)
        self.root = UIContainer(rect, self.app.manager)
        self.build(rect)
        if focused:
            self.ring.focus(focused)
        self.app.invalidate()

    def clear_widgets(self) -> None:
        if self.root is not None:
            self.root.kill()
        self.root = None
        self.commands.clear()
        self.ring.clear()

    def resume(self) -> None:
        if self.root is None or self.root.ui_manager is not self.app.manager:
            self.rebuild()
        else:
            self.root.show()

    def pause(self) -> None:
        if self.root is not None:
            self.root.hide()

    def shutdown(self) -> None:
        self.clear_widgets()

    # widgets ----------------------------------------------------------------------------
    def button(
        self,
        rect: pygame.Rect,
        text: str,
        command: str,
        *,
        object_id: str | None = None,
        tip: str | None = None,
        container: Any = None,
        focusable: bool = True,
    ) -> pygame_gui.elements.UIButton:
        button = pygame_gui.elements.UIButton(
            rect,
            text,
            self.app.manager,
            container=container or self.root,
            tool_tip_text=tip,
            object_id=object_id,
        )
        self.commands[button] = command
        if focusable:
            self.ring.add(button, command)
        return button

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None, container=None):
        return pygame_gui.elements.UILabel(
            rect, text, self.app.manager, container=container or self.root, object_id=object_id
        )

    def text_box(self, rect: pygame.Rect, html: str, container=None, object_id=None):
        return pygame_gui.elements.UITextBox(
            html, rect, self.app.manager, container=container or self.root, object_id=object_id
        )

    # events -----------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle one event; True when it was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.commands:
            command = self.commands[event.ui_element]
            self.ring.focus(command)
            self.on_command(command)
            return True
        if event.type == pygame.KEYDOWN:
            return self.on_key(event)
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        """Default keys: Tab/arrows move the focus, Enter/Space activate it."""
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_TAB:
            self.ring.move(-1 if shift else 1)
        elif event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.ring.move(1)
        elif event.key in (pygame.K_UP, pygame.K_LEFT):
            self.ring.move(-1)
        elif event.key in ACTIVATE_KEYS and self.ring.items:
            element = self.ring.element
            if element is not None and element.is_enabled:
                self.on_command(self.ring.current)
        else:
            return False
        self.app.invalidate()
        return True

    def on_command(self, command: str) -> None:
        """A widget was pressed or activated from the keyboard."""

    def dismiss(self, result: Any = None) -> None:
        """Close this (modal) scene and hand ``result`` to whoever pushed it."""
        self.app.pop(result)

    # frame ------------------------------------------------------------------------------
    anim = 1.0  # progress of the scene's animation, 0 to 1 (1: nothing moves)
    animation_seconds = 1.0

    def update(self, dt: float) -> bool:
        """Advance the animation by ``dt`` seconds; True while something still moves."""
        if self.anim < 1.0:
            self.anim = min(1.0, self.anim + dt / self.animation_seconds)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Above the widgets: the keyboard focus outline."""
        element = self.ring.element
        if element is None or not element.visible:
            return
        rect = element.get_abs_rect().inflate(6, 6)
        clip = _visible_clip(element)
        if clip is not None:
            rect = rect.clip(clip.inflate(6, 6))
            if not rect.width or not rect.height:
                return
        pygame.draw.rect(surface, INK, rect, 4, border_radius=6)
        pygame.draw.rect(surface, YELLOW, rect.inflate(-4, -4), 2, border_radius=5)


def _visible_clip(element: UIElement) -> pygame.Rect | None:
    """The on-screen area in which ``element`` can be seen: the intersection of the containers
    holding it (a scrolling list's view, a panel), or None when nothing but the window holds it.
    """
    root = element.ui_manager.get_root_container()
    container = element.ui_container
    clip: pygame.Rect | None = None
    for _ in range(16):  # containers nest only a few levels deep
        if container is None or container is root:
            break
        area = container.get_rect()
        clip = area.copy() if clip is None else clip.clip(area)
        following = getattr(container, "ui_container", None)
        if following is container:
            break
        container = following
    return clip
