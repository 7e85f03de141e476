"""Scenes and their lifecycle, and keyboard focus.

Rules:
- A scene has ``build`` (create its widgets in ``self.root`` for the current window size),
  ``resume``/``pause`` (shown again / covered by another scene), ``process_event``, ``update``
  (returns True while it animates), ``draw`` (custom drawing under the widgets; never changes
  game state), ``draw_over`` (focus outline above the widgets) and ``shutdown``. A scene whose
  animation moves only part of the window names that part in ``moving_rects``.
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

from game.render.style import CARD, INK, PAPER, YELLOW
from game.ui import bindings
from game.ui.markup import keep_bullets

if TYPE_CHECKING:
    from game.ui.app import App


def ease(t: float) -> float:
    """Animation easing: fast start, gentle stop."""
    return 1 - (1 - t) ** 3


SCROLL_KEYS = {
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_PAGEUP: "page_up",
    pygame.K_PAGEDOWN: "page_down",
    pygame.K_HOME: "top",
    pygame.K_END: "bottom",
}


def scroll_bar_of(element: Any):
    """The vertical scroll bar of a text box or scrolling container, when it has one."""
    bar = getattr(element, "scroll_bar", None) or getattr(element, "vert_scroll_bar", None)
    if bar is None or not bar.visible:
        return None
    return bar


def scroll(element: Any, how: str) -> bool:
    """Scroll a text box (or scrolling container) by a line, a page or to an end; False when
    it has nothing to scroll."""
    bar = scroll_bar_of(element)
    if bar is None:
        return False
    visible = bar.visible_percentage
    if visible >= 1.0:
        return False
    start = bar.start_percentage
    line = visible / 6
    target = {
        "up": start - line,
        "down": start + line,
        "page_up": start - visible * 0.9,
        "page_down": start + visible * 0.9,
        "top": 0.0,
        "bottom": 1.0,
    }[how]
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - visible, target)))
    return True


@dataclass
class FocusRing:
    """Which registered widget the keyboard is on; Tab/arrows move, Enter/Space activate."""

    items: list[tuple[UIElement, str]] = field(default_factory=list)
    index: int = 0
    greyed_ok: set[str] = field(default_factory=set)  # focusable even when disabled

    def clear(self) -> None:
        self.items.clear()
        self.greyed_ok.clear()
        self.index = 0

    def add(self, element: UIElement, command: str, *, when_greyed: bool = False) -> None:
        """Add a widget; ``when_greyed``: it keeps the focus when disabled (a greyed card says
        why it cannot be ordered)."""
        self.items.append((element, command))
        if when_greyed:
            self.greyed_ok.add(command)

    def focusable(self, i: int) -> bool:
        element, command = self.items[i]
        return element.is_enabled or command in self.greyed_ok

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
            if self.focusable(self.index):
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
    keymap = ""  # the scene's table in ``bindings.SCENES``
    main_text: Any = None  # the text PgUp/PgDn/Home/End scroll when no text has the focus

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
        self.main_text = None
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
        when_greyed: bool = False,
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
            self.ring.add(button, command, when_greyed=when_greyed)
        return button

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None, container=None):
        return pygame_gui.elements.UILabel(
            rect, text, self.app.manager, container=container or self.root, object_id=object_id
        )

    def text_box(
        self,
        rect: pygame.Rect,
        html: str,
        container=None,
        object_id=None,
        *,
        name: str = "",
        main: bool = False,
    ):
        """A scrolling text; with ``name`` it takes the keyboard focus (arrows scroll it);
        ``main``: PgUp/PgDn/Home/End scroll it wherever the focus is."""
        box = pygame_gui.elements.UITextBox(
            keep_bullets(html),
            rect,
            self.app.manager,
            container=container or self.root,
            object_id=object_id,
            allow_split_dashes=False,  # Chinese has no spaces: lines break between characters
        )
        if name:
            self.ring.add(box, f"text:{name}")
        if main:
            self.main_text = box
        return box

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
        """Keys from the scene's table in ``bindings`` (then the focus keys every scene has);
        arrows, PgUp/PgDn and Home/End scroll a focused text first."""
        if self.scroll_key(event):
            self.app.invalidate()
            return True
        command = bindings.command_for(self.keymap, event)
        if command is None:
            return False
        if command.startswith("key:"):
            used = self.on_key_command(command[4:])
        else:
            used = self.send(command)
        self.app.invalidate()
        return used

    def scroll_key(self, event: pygame.event.Event) -> bool:
        how = SCROLL_KEYS.get(event.key)
        if how is None or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        focused = self.ring.element
        if isinstance(focused, pygame_gui.elements.UITextBox) and scroll(focused, how):
            return True
        if how in ("up", "down") or self.main_text is None:
            return False
        return scroll(self.main_text, how)

    def on_key_command(self, command: str) -> bool:
        """The keyboard-only commands: move the focus, press the focused widget."""
        if command == "next":
            self.ring.move(1)
        elif command == "previous":
            self.ring.move(-1)
        elif command == "activate":
            element = self.ring.element
            if element is None or not element.is_enabled:
                return bool(self.ring.items)
            self.on_command(self.ring.current)
        else:
            return False
        return True

    def send(self, command: str) -> bool:
        """A key's command: like a click on the button that sends it (not when it is greyed)."""
        for widget, widget_command in self.commands.items():
            if widget_command == command and not widget.is_enabled:
                return True
        self.on_command(command)
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

    def moving_rects(self) -> list[pygame.Rect]:
        """The areas that change while the scene animates and nothing else happens; the
        window then redraws only these, each with the surface clipped to it (so ``draw``
        and ``draw_over`` must respect the clip). [] (the default): redraw everything."""
        return []

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


def modal_rect(size: tuple[int, int], width: float = 0.7, height: float = 0.8) -> pygame.Rect:
    w, h = size
    rect = pygame.Rect(0, 0, round(w * width), round(h * height))
    rect.center = (w // 2, h // 2)
    return rect


class ModalScene(Scene):
    """Base of the pop-ups: drawn in a framed box over the scene below; Esc dismisses it."""

    overlay = True
    keymap = "modal"
    on_escape: str | None = None  # what Esc dismisses with
    box = pygame.Rect(0, 0, 0, 0)

    def on_command(self, command: str) -> None:
        if command == "close":
            self.dismiss(self.on_escape)

    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, CARD, self.box, border_radius=6)
        pygame.draw.rect(surface, INK, self.box, 2, border_radius=6)


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
