"""The window: the scene stack, the frame loop and the window-wide keys.

Rules:
- One ``App`` owns the window, the pygame_gui manager and a stack of scenes; only the top
  scene gets input. ``push`` covers the top scene (a modal's result goes to the callback given
  to ``push``), ``pop`` uncovers it, ``switch`` replaces the whole stack.
- A frame: events to the manager then the top scene, ``update`` everything, draw only if
  something changed (input in the last moment, an animation, a scene asking). When nothing
  happens the loop sleeps in ``pygame.event.wait`` so an idle window costs almost no CPU.
- Window-wide keys: F1 help, F2 (or Ctrl+=) text size, F11 full screen (``bindings.WINDOW``).
- Safe keys: a key held down acts once. A KEYDOWN for a key that has had no KEYUP since its
  last press is a repeat and is dropped, except for the keys that scroll or move the focus
  (``REPEATING``) and the text-editing keys. Of the activation keys (Enter, Space, Esc) queued
  in one frame only the first counts (a stalled frame must not fire five Enters), and once a key
  has changed the screen the rest of that frame's keys are dropped: a key acts on the screen
  that was shown when it was pressed.
- While only the top scene animates (no input, no widget changed since the last frame), only
  its ``moving_rects`` are drawn again and sent to the screen: a big window costs the pixels
  that move, not the whole window.
- Any window size: a resize re-lays out every scene on the stack (the ones below a modal are
  drawn under it); several resizes queued in one frame count as the last one. Text and
  controls scale with the window (``layout.text_px``). The window opens at the size asked
  for on the command line, else the remembered one, never larger than the screen; sizes
  smaller than ``layout.MIN_WINDOW`` are laid out at that minimum (the OS is asked not to
  shrink the window further). F11 switches to the desktop's full screen and back.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.i18n import set_language, system_language
from game.render.style import TEXT_SCALE, TEXT_SIZES, font, text_surface
from game.sim.folders import exports_dir
from game.ui.bindings import window_command
from game.ui.language import saved_language
from game.ui.layout import MIN_WINDOW, text_px
from game.ui.mapview import _boxed_label
from game.ui.meters import _card
from game.ui.scene import Scene
from game.ui.screens import screen_class
from game.ui.settings import Settings
from game.ui.theme import make_manager

MIN_SIZE = MIN_WINDOW
MAX_SIZE = (16384, 16384)
FPS = 60
ACTIVE_AFTER_INPUT_S = 1.5  # keep drawing this long after input (hover, tooltips)
IDLE_WAIT_MS = 500
RELEASE_EVERY_S = 2.0  # free memory after a relayout at most this often
REPEATING = frozenset(
    (
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_LEFT,
        pygame.K_RIGHT,
        pygame.K_PAGEUP,
        pygame.K_PAGEDOWN,
        pygame.K_TAB,
        pygame.K_BACKSPACE,
        pygame.K_DELETE,
    )
)
ACTIVATION = frozenset((pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE))
NO_DISPLAY = (
    "precursor: no display available for the game window; "
    "play in the terminal with: python main.py simulate scenarios/fentanyl_2023.toml"
)


@dataclass
class LaunchOptions:
    """What the command line asked for; the setup screen starts from these."""

    scenario: Path | None = None
    as_actor: str | None = None
    seed: int | None = None
    scenarios_dir: Path | None = None  # None: the bundled scenarios and the player's own
    exports_dir: Path = field(default_factory=exports_dir)  # Documents/Precursor


class App:
    """The window and its scene stack. Tests drive it with ``step_frame`` and ``pump``."""

    def __init__(
        self,
        size: tuple[int, int] | None = (1280, 720),
        options: LaunchOptions | None = None,
        *,
        fullscreen: bool = False,
        settings: Settings | None = None,
    ):
        """``size`` None: the remembered size (``settings``, else the user's settings file,
        which also holds the text size and the other remembered choices)."""
        self.options = options or LaunchOptions()
        self.settings = settings or Settings.load()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        pygame.display.set_caption("Precursor")
        self.windowed_size = _fit_screen(_clamped(size or self.settings.size))
        self.fullscreen = False
        self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        _set_minimum_size(MIN_SIZE)
        font.cache_clear()
        _clear_drawn_caches()
        self.text_size = (
            self.settings.text_size if self.settings.text_size in TEXT_SIZES else "normal"
        )
        self._manager_key = (self.text, self.text_size)
        self._released = 0.0
        self._release_pending = False
        self.manager = make_manager(self.size, self.text_size, self.text)
        self.stack: list[Scene] = []
        self.callbacks: list[Callable[[Any], None] | None] = []
        self.running = True
        self.exit_code = 0
        self.clock = pygame.time.Clock()
        self._dirty = True
        self._last_input = 0.0
        self._last_frame = time.perf_counter()
        self.held: set[int] = set()  # keys pressed and not yet released
        self._drawn: tuple = ()  # ``_frame_key`` of the last frame drawn
        self.open("title")
        if fullscreen:
            self.toggle_fullscreen()

    # sizes and settings ---------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """The size the scenes are laid out for (the window's, at least ``MIN_SIZE``)."""
        return self.window.get_size()

    @property
    def text(self) -> int:
        """Body text size in pixels for custom drawing (it grows with the window)."""
        return text_px(self.size, TEXT_SCALE[self.text_size])

    def invalidate(self) -> None:
        """Ask for a redraw on the next frame."""
        self._dirty = True

    def cycle_text_size(self, delta: int = 1) -> None:
        index = (TEXT_SIZES.index(self.text_size) + delta) % len(TEXT_SIZES)
        self.text_size = TEXT_SIZES[index]
        self.settings.text_size = self.text_size
        self.relayout()

    def resize(self, size: tuple[int, int]) -> None:
        """The window is now ``size`` (or should be): lay every scene out again."""
        wanted = _clamped(size)
        if self.window.get_size() != wanted:
            flags = pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE
            self.window = pygame.display.set_mode(wanted, flags)
        else:
            self.window = pygame.display.get_surface() or self.window
        if not self.fullscreen:
            self.windowed_size = self.size
            self.settings.width, self.settings.height = self.size
        self.relayout()

    def relayout(self) -> None:
        """New widgets for every scene on the stack (scenes below the top stay hidden, but
        their layout is current, so a modal is drawn over a correct screen)."""
        key = (self.text, self.text_size)
        replaced = key != self._manager_key
        for scene in self.stack:
            scene.clear_widgets()
        if replaced:
            self._manager_key = key
            self.manager = make_manager(self.size, self.text_size, self.text)
        else:
            self.manager.set_window_resolution(self.size)
        for scene in self.stack[:-1]:
            scene.rebuild()
            scene.pause()
        if self.stack:
            self.top.rebuild()
        if replaced:
            _clear_drawn_caches()  # text and cards drawn at the old size are not drawn again
            self._release_pending = True
            self._release_if_due()
        self.invalidate()

    def _release_if_due(self) -> None:
        """After a new layout, free what the old one left, at most every ``RELEASE_EVERY_S``
        (not on every step of a window being dragged bigger) but always in the end."""
        now = time.perf_counter()
        if self._release_pending and now - self._released > RELEASE_EVERY_S:
            self._released = now
            self._release_pending = False
            _release_memory()  # the old manager's widgets hold large surfaces in cycles

    def toggle_fullscreen(self) -> None:
        """Full screen at the desktop's size, or back to the window it was."""
        going_full = not self.fullscreen
        try:
            if going_full:
                desktop = _desktop_size() or self.size
                self.window = pygame.display.set_mode(desktop, pygame.FULLSCREEN)
            else:
                self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
                _set_minimum_size(MIN_SIZE)
        except pygame.error:
            return
        self.fullscreen = going_full
        self.settings.fullscreen = going_full
        self.relayout()

    def save_settings(self) -> str:
        """Remember the window size, full screen and text size for the next run."""
        return self.settings.save()

    # the stack ------------------------------------------------------------------------------
    @property
    def top(self) -> Scene:
        return self.stack[-1]

    def push(self, scene: Scene, on_result: Callable[[Any], None] | None = None) -> None:
        if self.stack:
            self.top.pause()
        self.stack.append(scene)
        self.callbacks.append(on_result)
        scene.resume()
        self.invalidate()

    def pop(self, result: Any = None) -> None:
        scene = self.stack.pop()
        callback = self.callbacks.pop()
        scene.shutdown()
        if self.stack:
            self.top.resume()
        if callback is not None:
            callback(result)
        self.invalidate()

    def open(
        self, name: str, *args: Any, on_result: Callable[[Any], None] | None = None, **kw: Any
    ) -> Scene:
        """Cover the top scene with the screen registered as ``name`` (``screens.SCREENS``)."""
        scene = screen_class(name)(self, *args, **kw)
        self.push(scene, on_result)
        return scene

    def show(self, name: str, *args: Any, **kw: Any) -> Scene:
        """Replace every scene with the screen registered as ``name``."""
        scene = screen_class(name)(self, *args, **kw)
        self.switch(scene)
        return scene

    def switch(self, scene: Scene) -> None:
        """Replace every scene with ``scene``."""
        while self.stack:
            self.stack.pop().shutdown()
            self.callbacks.pop()
        self.push(scene)

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # the frame ------------------------------------------------------------------------------
    def fresh_keys(self, batch: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """The frame's events without key repeats and without a second activation key."""
        kept = []
        activated = False
        for event in batch:
            if event.type == pygame.KEYUP:
                self.held.discard(event.key)
            elif event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED):
                self.held.clear()
            elif event.type == pygame.KEYDOWN:
                repeat = event.key in self.held
                self.held.add(event.key)
                if repeat and event.key not in REPEATING:
                    continue
                if event.key in ACTIVATION:
                    if activated:
                        continue
                    activated = True
            kept.append(event)
        return kept

    def handle_events(self, events: Iterable[pygame.event.Event]) -> None:
        """Handle a frame's events; of several resizes only the last is applied."""
        batch = list(events)
        resizes = [i for i, e in enumerate(batch) if e.type == pygame.VIDEORESIZE]
        screen = self.top if self.stack else None
        for i, event in enumerate(batch):
            if not self.running:
                break
            if event.type == pygame.VIDEORESIZE and i != resizes[-1]:
                continue
            typed = event.type in (pygame.KEYDOWN, pygame.TEXTINPUT)
            if typed and self.stack and self.top is not screen:
                continue  # pressed for a screen that is gone
            self.handle_event(event)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and self._window_key(event):
            return
        if self.manager.process_events(event):
            return
        if self.stack:
            self.top.process_event(event)

    def _window_key(self, event: pygame.event.Event) -> bool:
        command = window_command(event)
        if command == "help":
            if isinstance(self.top, screen_class("help")):
                return False  # F1 on the help closes it
            self.open("help")
        elif command == "text_size":
            self.cycle_text_size(1)
        elif command == "text_smaller":
            self.cycle_text_size(-1)
        elif command == "fullscreen":
            self.toggle_fullscreen()
        else:
            return False
        return True

    def step_frame(self, events: Iterable[pygame.event.Event] | None = None) -> bool:
        """One frame: the given events plus any queued ones; True when it drew."""
        now = time.perf_counter()
        dt = min(now - self._last_frame, 0.1)
        self._last_frame = now
        batch = self.fresh_keys([*(events or ()), *pygame.event.get()])
        self.handle_events(batch)
        if batch:
            self._last_input = now
            self._dirty = True
        if not self.running or not self.stack:
            return False
        self._release_if_due()
        self.manager.update(dt)
        animating = self.top.update(dt)
        if animating or self._dirty or now - self._last_input < ACTIVE_AFTER_INPUT_S:
            regions = self._moving_regions() if animating and not batch else []
            if regions:
                self.draw_regions(regions)
                pygame.display.update(regions)
            else:
                self.draw()
                pygame.display.flip()
            self._drawn = self._frame_key()
            self._dirty = False
            return True
        return False

    def _frame_key(self) -> tuple:
        """What the last full frame showed besides the top scene's moving parts: the window,
        the scene and every widget image with its place (pygame_gui swaps a widget's image
        when it changes, and adds a sprite for a tooltip or a menu)."""
        images = tuple(
            (id(image), rect.x, rect.y, rect.w, rect.h)
            for image, rect, *_rest in self.manager.get_sprite_group().visible
        )
        return (self.size, id(self.manager), id(self.top), len(self.stack), images)

    def _moving_regions(self) -> list[pygame.Rect]:
        """Where the frame differs from the last one when only the top scene's animation
        moved (nothing pressed, no widget changed): its ``moving_rects``; [] for a full frame."""
        top = self.top
        if self._dirty or top.overlay or self._drawn != self._frame_key():
            return []
        window = self.window.get_rect()
        return [r.clip(window) for r in top.moving_rects() if r.colliderect(window)]

    def draw_regions(self, regions: list[pygame.Rect]) -> None:
        """Redraw only ``regions``: the scene, the widgets over them and the focus outline,
        each clipped to its region (the rest of the window keeps the last frame)."""
        top = self.top
        widgets, tooltips = self._widget_layers()
        clip = self.window.get_clip()
        for region in regions:
            self.window.set_clip(region)
            top.draw(self.window)
            self.window.blits([item for item in widgets if region.colliderect(item[1])])
            top.draw_over(self.window)
            self.window.blits([item for item in tooltips if region.colliderect(item[1])])
        self.window.set_clip(clip)

    def draw(self) -> None:
        top = self.top
        if top.overlay and len(self.stack) > 1:
            self.stack[-2].draw(self.window)
            shade = pygame.Surface(self.size, pygame.SRCALPHA)
            shade.fill((0, 0, 0, 120))
            self.window.blit(shade, (0, 0))
        top.draw(self.window)
        widgets, tooltips = self._widget_layers()
        self.window.blits(widgets)
        top.draw_over(self.window)  # card titles, the focus outline: under any tooltip
        self.window.blits(tooltips)

    def _widget_layers(self) -> tuple[list, list]:
        """The widgets' images in drawing order: those under the tooltips, and the tooltips."""
        group = self.manager.get_sprite_group()
        tips = [s.layer for s in group.sprites() if isinstance(s, pygame_gui.elements.UITooltip)]
        if not tips:
            return group.visible, []
        lowest = min(tips)
        widgets, tooltips = [], []
        for sprite in group.sprites():
            if sprite.visible and sprite.image is not None:
                (tooltips if sprite.layer >= lowest else widgets).append(sprite.blit_data)
        return widgets, tooltips

    def pump(self, frames: int = 1) -> None:
        """Run frames without waiting (tests)."""
        for _ in range(frames):
            self.step_frame()

    def idle(self) -> bool:
        now = time.perf_counter()
        return not self._dirty and now - self._last_input >= ACTIVE_AFTER_INPUT_S

    def run_loop(self, seconds: float | None = None) -> int:
        """Frames until the window closes (or for ``seconds``, for benchmarks)."""
        deadline = None if seconds is None else time.perf_counter() + seconds
        while self.running and (deadline is None or time.perf_counter() < deadline):
            events: list[pygame.event.Event] = []
            if self.idle() and not self.top.animating:
                first = pygame.event.wait(IDLE_WAIT_MS)
                if first.type != pygame.NOEVENT:
                    events.append(first)
            self.step_frame(events)
            self.clock.tick(FPS)
        return self.exit_code


def _clamped(size: tuple[int, int]) -> tuple[int, int]:
    return (
        min(max(size[0], MIN_SIZE[0]), MAX_SIZE[0]),
        min(max(size[1], MIN_SIZE[1]), MAX_SIZE[1]),
    )


def _clear_drawn_caches() -> None:
    """Forget the text and cards drawn for one text size (they are kept by size)."""
    text_surface.cache_clear()
    _boxed_label.cache_clear()
    _card.cache_clear()


def _release_memory() -> None:
    """Free what the last layout left behind now, and give it back to the system (glibc keeps
    freed blocks otherwise, so a few resizes to a huge window would keep the process large)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _desktop_size() -> tuple[int, int] | None:
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return tuple(sizes[0]) if sizes and min(sizes[0]) > 0 else None  # type: ignore[return-value]


def _fit_screen(size: tuple[int, int]) -> tuple[int, int]:
    """``size``, made smaller when the screen is smaller (a window larger than the screen
    hides its own buttons), but never below ``MIN_SIZE``."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return size
    desktop = _desktop_size()
    if desktop is None:
        return size
    return _clamped((min(size[0], desktop[0]), min(size[1], desktop[1])))


def _set_minimum_size(size: tuple[int, int]) -> None:
    """Ask the window manager not to shrink the window below ``size`` (where it can)."""
    window_type = getattr(pygame, "Window", None)
    if window_type is None:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            window_type.from_display_module().minimum_size = size
    except (pygame.error, AttributeError, ValueError):
        pass


def display_available() -> bool:
    """False on Linux without an X or Wayland display (unless SDL is told to run headless)."""
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(
    scenario: str | None = None,
    as_actor: str | None = None,
    seed: int | None = None,
    size: tuple[int, int] | None = None,
    fullscreen: bool | None = None,
    quit_after: float | None = None,
    language: str | None = None,
) -> int:
    """Open the game window and play until it is closed (or ``quit_after`` seconds); the exit code.

    ``size`` and ``fullscreen`` None: as remembered from the last run. ``quit_after`` is for
    smoke tests of an installed copy and of the standalone build.
    """
    if not display_available():
        print(NO_DISPLAY)
        return 1
    set_language(language or saved_language() or system_language())
    options = LaunchOptions(Path(scenario) if scenario else None, as_actor, seed)
    settings = Settings.load()
    if size is not None:
        settings.width, settings.height = size
        settings.fullscreen = False
    if fullscreen is not None:
        settings.fullscreen = fullscreen
    try:
        app = App(settings.size, options, fullscreen=settings.fullscreen, settings=settings)
    except pygame.error:
        print(NO_DISPLAY)
        pygame.quit()
        return 1
    try:
        return app.run_loop(quit_after)
    finally:
        problem = app.save_settings()
        if problem:
            print(f"precursor: {problem}", file=sys.stderr)
        pygame.quit()
