"""Packaging: the code under game/, plus the repository's data folders mapped into the package.

Authors keep scenarios/ and assets/ at the top of the repository; the wheel (and an editable
install) serves them as the packages game.scenarios and game.assets, which game/resources.py
reads with importlib.resources. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA_FOLDERS = {"game.scenarios": "scenarios", "game.assets": "assets"}

setup(
    packages=[*find_packages(include=["game", "game.*"]), *DATA_FOLDERS],
    package_dir=DATA_FOLDERS,
)
