"""Every scene at every window size: it draws, and its buttons stay whole on the screen.

The grid covers a small laptop (800x600, 1024x640), common screens, ultra-wide (2560x640,
3440x1440) and 4K. Each scene is opened once and the window is resized through the grid, so
this also checks that a resize lays the scene out again.
"""

from __future__ import annotations

import itertools
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.sim.session import Game
from game.ui.app import App, LaunchOptions
from game.ui.layout import MIN_WINDOW, button_bar, row, text_px, turn_layout
from game.ui.scene import _visible_clip

from .ui_driver import DEFAULT, ROOT, SCENES, TRILATERAL, key, new_game, open_scene, resize

SIZES = [
    (800, 600),
    (1024, 640),
    (1280, 720),
    (1366, 768),
    (1920, 1080),
    (2560, 640),
    (3440, 1440),
    (3840, 2160),
]


def finished_game(path: Path) -> Game:
    return new_game(path, 10_000)


def problems_on_screen(app: App) -> list[str]:
    """Buttons (and other controls) outside the window, or on top of each other."""
    window = pygame.Rect((0, 0), app.size)
    scene = app.top
    problems = []
    boxes: list[tuple[str, pygame.Rect]] = []
    for element, command in scene.commands.items():
        if not element.visible:
            continue
        box = element.get_abs_rect()
        clip = _visible_clip(element)
        if clip is not None:  # in a scrolling list: the part that shows
            box = box.clip(clip)
            if not box.width or not box.height:
                continue
        elif box.width < 8 or box.height < 8:
            problems.append(f"{command} is only {box.size}")
        if not window.contains(box):
            problems.append(f"{command} at {box} is not inside the window {window.size}")
        boxes.append((command, box))
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if box_a.colliderect(box_b):
                problems.append(f"{a} {box_a} overlaps {b} {box_b}")
    for element in scene.root.elements if scene.root else []:
        if isinstance(element, pygame_gui.elements.UIDropDownMenu | pygame_gui.elements.UITextBox):
            box = element.get_abs_rect()
            if not window.contains(box):
                problems.append(f"{type(element).__name__} at {box} is outside the window")
    return problems


@pytest.fixture(scope="module")
def played() -> Game:
    return new_game(DEFAULT, 3)


@pytest.fixture(scope="module")
def finished() -> Game:
    return finished_game(DEFAULT)


@pytest.mark.parametrize("name", SCENES)
def test_every_scene_draws_at_every_size_with_its_buttons_on_screen(
    name, played, finished, tmp_path
):
    options = LaunchOptions(seed=3, scenarios_dir=ROOT / "scenarios", exports_dir=tmp_path)
    app = App((1280, 720), options)
    try:
        open_scene(app, name, played, finished)
        scene = app.top
        report = {}
        for size in SIZES:
            resize(app, size)
            assert app.top is scene, f"resizing to {size} changed the scene"
            assert app.size == size
            app.draw()  # every layer, also the scene under a modal
            problems = problems_on_screen(app)
            if problems:
                report[size] = problems
        assert not report, f"{name}: {report}"
    finally:
        pygame.quit()


def test_the_trilateral_turn_screen_fits_every_size(tmp_path):
    from game.ui.turn import TurnScene

    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        app.switch(TurnScene(app, new_game(TRILATERAL, 2)))
        for size in SIZES:
            resize(app, size)
            app.draw()
            assert problems_on_screen(app) == [], size
    finally:
        pygame.quit()


def test_a_window_smaller_than_the_minimum_is_laid_out_at_the_minimum(tmp_path):
    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        for size in [(200, 150), (799, 2000), (5120, 300)]:
            resize(app, size)
            assert app.size == (max(size[0], MIN_WINDOW[0]), max(size[1], MIN_WINDOW[1]))
            assert problems_on_screen(app) == []
    finally:
        pygame.quit()


def test_a_resize_under_a_modal_lays_out_the_scene_below_it_too(played, tmp_path):
    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        from game.ui.turn import TurnScene

        open_scene(app, "menu", played)
        turn = next(scene for scene in app.stack if isinstance(scene, TurnScene))
        resize(app, (2560, 640))
        assert turn.layout.end_turn.right <= 2560 and turn.layout.end_turn.bottom <= 640
        for _ in range(10):  # the menu, then the debate's questions of the month, if any
            key(app, pygame.K_ESCAPE)
            if app.top is turn:
                break
        assert app.top is turn
        assert turn.end_button.get_abs_rect().bottom <= 640
    finally:
        pygame.quit()


def test_several_resizes_in_one_frame_lay_out_once_for_the_last(tmp_path):
    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        builds = []
        original = app.top.build
        app.top.build = lambda rect: (builds.append(rect.size), original(rect))[1]
        sizes = [(900, 700), (1000, 700), (1600, 900)]
        events = [pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h)) for w, h in sizes]
        app.step_frame(events)
        assert builds == [(1600, 900)] and app.size == (1600, 900)
    finally:
        pygame.quit()


def test_text_grows_with_the_window_and_the_players_text_size():
    assert text_px((1280, 720)) == 16
    assert text_px((800, 600)) < text_px((1280, 720)) < text_px((1920, 1080))
    assert text_px((2560, 1440)) < text_px((3840, 2160))
    assert text_px((2560, 640)) == text_px((5120, 640))  # height limits an ultra-wide window
    assert text_px((1280, 720), 1.25) == 20


@pytest.fixture
def fonts():
    from game.render.style import font

    pygame.font.init()
    font.cache_clear()
    yield
    font.cache_clear()


def test_a_row_of_buttons_that_does_not_fit_shrinks_instead_of_leaving_the_area(fonts):
    area = pygame.Rect(10, 0, 300, 30)
    rects = row(area, [200, 200, 200])
    assert all(area.contains(r) for r in rects)
    assert all(a.right < b.left for a, b in itertools.pairwise(rects))
    bar = button_bar(area, ["Export  (X)"], ["New game", "Quit"], 16)
    assert all(area.contains(r) for r in bar) and bar[-1].right == area.right


@pytest.mark.parametrize("size", [*SIZES, (200, 150), (5120, 1440), (1, 1)])
def test_the_turn_layout_has_room_for_every_part_at_any_size(size, fonts):
    layout = turn_layout(size, text_px(size), 6)
    window = pygame.Rect((0, 0), (max(size[0], 1), max(size[1], 1)))
    parts = [layout.map, layout.chart, layout.news, layout.cards, layout.detail, layout.end_turn]
    assert all(p.width >= 1 and p.height >= 1 for p in [*parts, *layout.meters])
    if size[0] >= MIN_WINDOW[0] and size[1] >= MIN_WINDOW[1]:
        assert all(window.contains(p) for p in [*parts, *layout.meters])
        assert layout.map.height >= window.height // 4
        assert len(layout.meters) == 6


def test_esc_on_an_open_option_list_closes_the_list_and_stays_in_setup(tmp_path):
    from game.ui.setup import SetupScene

    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        app.push(SetupScene(app))
        app.pump(2)
        setup = app.top
        dropdown = next(iter(setup.dropdowns))
        dropdown.current_state.should_transition = True  # as a click on it does
        app.pump(2)
        assert dropdown.current_state is dropdown.menu_states["expanded"]
        key(app, pygame.K_ESCAPE)
        assert app.top is setup
        assert dropdown.current_state is dropdown.menu_states["closed"]
        key(app, pygame.K_ESCAPE)
        assert app.top is not setup
    finally:
        pygame.quit()


def test_the_chart_picker_names_the_chart_shown_after_the_why_panel(played, tmp_path):
    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        from game.ui.turn import TurnScene

        open_scene(app, "turn", played)
        for _ in range(10):  # the debate's questions of the month first, if any
            if isinstance(app.top, TurnScene):
                break
            key(app, pygame.K_ESCAPE)
        turn = app.top
        other = turn.meters[-1]
        assert turn.chart_picker.selected_option[1] != other
        turn.open_why(other)
        app.pump(2)
        key(app, pygame.K_ESCAPE)
        assert app.top is turn and turn.chart_variable == other
        assert turn.chart_picker.selected_option[1] == other
        turn.cycle_chart(1)
        assert turn.chart_picker.selected_option[1] == turn.chart_variable != other
    finally:
        pygame.quit()


def test_tooltips_wrap_at_a_width_that_follows_the_text_size():
    from game.ui.theme import scaled_theme

    narrow = int(scaled_theme("normal", 12)["tool_tip"]["misc"]["rect_width"])
    wide = int(scaled_theme("normal", 24)["tool_tip"]["misc"]["rect_width"])
    assert 250 < narrow < wide


@pytest.mark.parametrize("language", ["en", "es", "zh"])
def test_the_turn_headers_month_is_never_cut_at_any_size(language, played, tmp_path, monkeypatch):
    import game.ui.turn as turn_module
    from game.i18n import format_month, set_language
    from game.render.style import font

    drawn = []
    real = turn_module.top_bar_texts
    monkeypatch.setattr(
        turn_module,
        "top_bar_texts",
        lambda *args: drawn.append((args, real(*args))) or drawn[-1][1],
    )
    set_language(language)
    app = App((1280, 720), LaunchOptions(seed=3, exports_dir=tmp_path))
    try:
        open_scene(app, "turn", played)
        month = format_month(played.state.date)
        for size in SIZES:
            resize(app, size)
            drawn.clear()
            app.draw()
            (_titles, _whens, (_left, _column, right), px), (title, x, when, when_x) = drawn[-1]
            measure = font(px, True).size
            assert when.endswith(month), (size, when)
            assert x + measure(title)[0] < when_x, (size, title, when)
            assert when_x + measure(when)[0] <= right, (size, when)
            if size[0] >= 1024:  # the turn too, in one form or the other
                assert "·" in when and str(played.state.turn + 1) in when, (size, when)
    finally:
        set_language("en")
        pygame.quit()
