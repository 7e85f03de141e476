"""The assets folder, served as the package game.assets when installed (see setup.py)."""
