"""The game as installed: its data comes through game.resources, and a built wheel plays.

The wheel test copies the sources to a temporary folder, builds the wheel there without build
isolation, installs it with no dependencies into a fresh virtual environment that borrows this
environment's packages, and runs the installed ``precursor`` from an empty folder.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from game import resources
from game.format.loader import load_scenario
from game.play.catalog import list_scenarios

from .conftest import DATA, ROOT

SOURCES = ("game", "scenarios", "assets", "setup.py", "pyproject.toml", "README.md")


def test_no_module_of_the_game_uses_dunder_file_to_find_its_files():
    offenders = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            named = isinstance(node, ast.Name) and node.id == "__file__"
            attribute = isinstance(node, ast.Attribute) and node.attr == "__file__"
            if named or attribute:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_bundled_scenarios_and_assets_are_the_repository_folders_in_a_clone():
    assert resources.bundled_scenarios().samefile(ROOT / "scenarios")
    assert resources.asset("theme.json").samefile(ROOT / "assets" / "theme.json")
    assert resources.default_scenario().name == "fentanyl_2023.toml"


def test_a_scenario_is_found_by_name_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = ROOT / "scenarios" / "tutorial.toml"
    for name in ("tutorial", "tutorial.toml", "scenarios/tutorial.toml"):
        assert resources.find_scenario(name).samefile(expected)
    assert resources.find_scenario("no_such_scenario") == Path("no_such_scenario")


def test_a_scenario_in_the_user_data_folder_is_found_and_listed(data_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (data_dir / "scenarios").mkdir(parents=True)
    mine = data_dir / "scenarios" / "mine.toml"
    shutil.copy(DATA / "mini.toml", mine)
    assert resources.find_scenario("mine") == mine
    listed = [entry.path for entry in list_scenarios(None)]
    assert mine in listed
    assert resources.default_scenario() in listed
    assert load_scenario(resources.find_scenario("mine")).meta.id


def test_an_uninstalled_data_package_is_reported_in_words(monkeypatch):
    from game.tools.cli import main

    monkeypatch.setattr(resources, "SCENARIOS_PACKAGE", "game.no_such_data")
    with pytest.raises(resources.ResourceError, match="pip install -e"):
        resources.bundled_scenarios()
    assert main(["simulate", "--turns", "1"]) == 1


def _build_wheel(workdir: Path) -> Path:
    source = workdir / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*command, "--quiet", "-w", str(workdir / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (workdir / "dist").glob("precursor-*.whl")
    return wheel


def _fresh_environment(workdir: Path, wheel: Path) -> Path:
    """A new venv holding only the wheel; the dependencies come from this environment."""
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*install, "--no-deps", "--no-index", str(wheel)], check=True)
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(workdir)
    names = zipfile.ZipFile(wheel).namelist()
    assert "game/scenarios/fentanyl_2023.toml" in names
    assert "game/assets/theme.json" in names
    return _fresh_environment(workdir, wheel)


def _precursor(bin_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PRECURSOR_DATA_DIR": str(folder / "data"),
        "PYTHONPATH": "",
    }
    return subprocess.run(
        [str(bin_dir / "precursor"), *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_wheel_validates_simulates_and_opens_the_window_from_any_folder(
    installed, tmp_path
):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    where = _precursor(installed, folder, "validate", "fentanyl_2023", "tutorial", "trilateral")
    assert where.returncode == 0, where.stderr
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout
    assert where.stdout.count(": ok") == 3

    simulated = _precursor(installed, folder, "simulate", "--turns", "3", "--json", "-")
    assert simulated.returncode == 0, simulated.stderr
    log = json.loads(simulated.stdout)
    assert log["scenario"] == "fentanyl_2023" and len(log["turns"]) == 3

    window = _precursor(installed, folder, "play", "--quit-after", "1.5")
    assert window.returncode == 0, window.stderr
    assert window.stderr == ""
    assert sorted(p.name for p in folder.iterdir()) in ([], ["data"])
