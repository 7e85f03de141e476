"""The scenarios folder, served as the package game.scenarios when installed (see setup.py)."""
