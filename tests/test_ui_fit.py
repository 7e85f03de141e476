"""Every translated string fits where it is drawn: the buttons and labels of every scene, and
the text the scenes draw themselves (headings, card titles, chart titles, the top bar), in
Spanish and Chinese at 1024x640 and 1280x720.

A widget fits when its text, in the widget's own font, is no wider than the widget less its
border; drawn text fits when ``fit_text`` (also inside ``wrap_text``) never has to cut it. The
one place allowed to cut is listed in ALLOWED_CUTS with where the whole text is shown instead.
Every glyph exists: tests/test_i18n.py renders every translated string with the bundled font.
"""

from __future__ import annotations

import inspect
import os
import sys

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"


import pygame
import pygame_gui
import pytest
from pygame_gui.core import UIContainer

from game import i18n
from game.render import style
from game.ui.app import App, LaunchOptions
from game.ui.screens import SCREENS, screen_class

from .test_ui_layout import DEFAULT, SCENES, finished_game, new_game, open_scene

FIT_SIZES = [(1024, 640), (1280, 720)]
FIT_SCENES = [*SCENES, "hot_seat_setup", "debate"]
ALLOWED_CUTS = {
    "game.ui.why._draw_bars": "the bars' labels: the text below the bars lists each one whole",
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def _elements(container):
    """Every element inside ``container``, also inside scrolling lists and panels."""
    for element in container.get_container().elements:
        yield element
        if hasattr(element, "get_container"):
            yield from _elements(element)


def overflowing_widgets(app: App) -> list[str]:
    """Buttons and labels of the top scene whose text is wider than the widget."""
    found = []
    for element in _elements(app.top.root):
        if not isinstance(element, pygame_gui.elements.UIButton | pygame_gui.elements.UILabel):
            continue
        if not element.visible or not element.text:
            continue
        border = element.border_width
        sides = border["left"] + border["right"] if isinstance(border, dict) else 2 * border
        room = element.rect.width - sides - 2 * element.shadow_width
        needed = element.font.size(element.text)[0]
        if needed > room:
            kind = type(element).__name__
            found.append(f"{kind} {element.text!r} needs {needed} px, has {room}")
    return found


class CutRecorder:
    """Replaces ``fit_text`` in every game module; records each cut and who asked for it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cuts: list[tuple[str, str]] = []
        original = style.fit_text

        def recording(text: str, size: int, width: int, bold: bool = False) -> str:
            shown = original(text, size, width, bold)
            if shown != text:
                self.cuts.append((text, self._caller()))
            return shown

        for name, module in list(sys.modules.items()):
            if name.startswith("game.") and getattr(module, "fit_text", None) is original:
                monkeypatch.setattr(module, "fit_text", recording)

    @staticmethod
    def _caller() -> str:
        for frame in inspect.stack()[2:8]:
            module = frame.frame.f_globals.get("__name__", "")
            if module != "game.render.style":
                return f"{module}.{frame.function}"
        return "?"


def _open(app: App, name: str, played, finished) -> None:
    if name == "hot_seat_setup":  # every seat human, each with a name entry
        open_scene(app, "setup", played)
        setup = app.top
        for actor in setup.entry.scenario.actors:
            setup._set_option(f"seat:{actor}", "human")
        app.pump(2)
    elif name == "debate":
        open_scene(app, "turn", played)
        app.top.on_command("debate")
        app.pump(2)
        assert type(app.top).__name__ == "DebateScene"
    else:
        open_scene(app, name, finished if name == "debrief" else played)


@pytest.mark.parametrize("language", ["es", "zh"])
def test_every_translated_string_fits_its_widget_at_1024x640_and_1280x720(
    language, monkeypatch, tmp_path
):
    i18n.set_language(language)
    played, finished = new_game(DEFAULT, 3), finished_game(DEFAULT)
    for screen in SCREENS:  # every screen's module, imported now so that it is patched
        screen_class(screen)
    cuts = CutRecorder(monkeypatch)
    problems = []
    for size in FIT_SIZES:
        for name in FIT_SCENES:
            app = App(size, LaunchOptions(seed=3, exports_dir=tmp_path))
            try:
                _open(app, name, played, finished)
                cuts.cuts.clear()
                app.draw()
                problems += [f"{size} {name}: {p}" for p in overflowing_widgets(app)]
                problems += [
                    f"{size} {name}: {text!r} cut by {where}"
                    for text, where in cuts.cuts
                    if where not in ALLOWED_CUTS
                ]
            finally:
                pygame.quit()
    assert problems == []


def test_the_fit_check_finds_a_button_too_narrow_and_a_cut_heading(monkeypatch, tmp_path):
    from game.ui.scene import Scene

    app = App((1024, 640), LaunchOptions(exports_dir=tmp_path))
    try:
        scene = Scene(app)
        app.push(scene)
        scene.root = UIContainer(pygame.Rect(0, 0, 1024, 640), app.manager)
        scene.button(pygame.Rect(10, 10, 40, 30), "Una etiqueta demasiado larga", "x")
        scene.label(pygame.Rect(10, 50, 400, 30), "Cabe")
        assert overflowing_widgets(app) == [
            "UIButton 'Una etiqueta demasiado larga' needs "
            f"{scene.root.elements[0].font.size('Una etiqueta demasiado larga')[0]} px, has 38"
        ]
        cuts = CutRecorder(monkeypatch)
        import game.ui.title

        game.ui.title.fit_text("Un título largo que no cabe", 16, 40)
        [(text, where)] = cuts.cuts
        assert text == "Un título largo que no cabe"
        assert where.endswith(".test_the_fit_check_finds_a_button_too_narrow_and_a_cut_heading")
    finally:
        pygame.quit()


def _rows(html: str, width: int) -> list[str]:
    from game.ui.theme import make_manager

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((800, 600))
    manager = make_manager((800, 600), "normal")
    box = pygame_gui.elements.UITextBox(
        html, pygame.Rect(0, 0, width, 600), manager, allow_split_dashes=False
    )
    manager.update(0.01)
    rows = box.text_box_layout.layout_rows
    return ["".join(getattr(item, "text", "") for item in row.items) for row in rows]


def test_chinese_text_breaks_between_characters_never_before_its_punctuation():
    try:
        rows = _rows(
            "每项行动都要花费<b>政治资本</b>。你每个月都会得到一些；没花完的会攒下来（有上限）。",
            260,
        )
        assert len(rows) >= 2
        assert rows[0].startswith("每项行动都要花费政治资本。")  # the mark stays with its word
        assert not any(row[:1] in "。；，）" for row in rows)
        english = _rows(
            "Every action costs <b>political capital</b>. You get some each month.", 260
        )
        assert all(not row.startswith(" ") for row in english) and len(english) >= 2
    finally:
        pygame.quit()
