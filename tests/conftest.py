"""Shared fixtures. Window tests set the dummy SDL drivers before pygame is imported."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SCENARIOS = ROOT / "scenarios"
DEFAULT_SCENARIO = SCENARIOS / "fentanyl_2023.toml"


@pytest.fixture(scope="session")
def mini_model():
    from game.format.loader import load_scenario
    from game.sim.model import Model

    return Model.build(load_scenario(DATA / "mini.toml"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Saves and finished-game logs go to a fresh folder, never the user's own."""
    folder = tmp_path / "precursor-data"
    monkeypatch.setenv("PRECURSOR_DATA_DIR", str(folder))
    monkeypatch.setenv("PRECURSOR_EXPORTS_DIR", str(tmp_path / "precursor-exports"))
    return folder
