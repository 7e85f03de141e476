"""Window settings: remembered between runs, robust to damaged files, set from the command line."""

from __future__ import annotations

import json
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

from game.tools.cli import main
from game.ui import app as app_module
from game.ui.app import App, LaunchOptions
from game.ui.settings import Settings, parse_size, settings_path

from .ui_driver import key


def test_settings_are_written_and_read_back_keeping_keys_this_version_does_not_know(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"future_setting": [1, 2], "width": 900}), encoding="utf-8")
    settings = Settings.load(path)
    assert settings.size == (900, 720) and settings.extra == {"future_setting": [1, 2]}
    settings.height, settings.fullscreen, settings.text_size = 700, True, "large"
    assert settings.save(path) == ""
    again = Settings.load(path)
    assert (again.size, again.fullscreen, again.text_size) == ((900, 700), True, "large")
    assert json.loads(path.read_text(encoding="utf-8"))["future_setting"] == [1, 2]
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp file left


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2]",
        '{"width": -5, "height": "big", "fullscreen": "yes", "text_size": "huge"}',
        '{"width": 1e999}',
        "[" * 5000,
        '{"width": true}',
    ],
)
def test_a_damaged_settings_file_gives_the_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert Settings.load(path) == Settings()


def test_settings_that_cannot_be_written_say_why_instead_of_raising(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    problem = Settings().save(blocker / "settings.json")
    assert problem.startswith("settings not saved")


@pytest.mark.parametrize(
    ("text", "size"),
    [("1024x640", (1024, 640)), ("800X600", (800, 600)), ("3440×1440", (3440, 1440))],
)
def test_a_size_is_width_x_height(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["1024", "axb", "0x600", "1024x640x2", "-800x600", "99999x600"])
def test_a_bad_size_on_the_command_line_is_refused_with_exit_2(text, capsys):
    with pytest.raises(ValueError):
        parse_size(text)
    assert main(["play", "--size", text]) == 2
    assert "--size" in capsys.readouterr().err


def test_run_opens_the_remembered_size_and_remembers_a_new_one(monkeypatch):
    opened = []

    class Quick(App):
        def run_loop(self, seconds=None):
            opened.append((self.size, self.fullscreen))
            self.resize((1100, 700))
            return 0

    monkeypatch.setattr(app_module, "App", Quick)
    Settings(width=1000, height=650).save()
    assert app_module.run() == 0
    assert opened == [((1000, 650), False)]
    assert Settings.load().size == (1100, 700)
    assert app_module.run(size=(1366, 768)) == 0
    assert opened[-1] == ((1366, 768), False)
    assert settings_path().is_file()
    pygame.quit()


def test_f11_switches_full_screen_and_back_to_the_same_window(tmp_path):
    app = App((1024, 640), LaunchOptions(exports_dir=tmp_path))
    try:
        key(app, pygame.K_F11)
        assert app.fullscreen and app.settings.fullscreen
        key(app, pygame.K_F11)
        assert not app.fullscreen and app.size == (1024, 640)
    finally:
        pygame.quit()
