"""The simulation: compiled model, engine, computer players, game sessions, saves and logs.

Never imports pygame, the window (``game.ui``) or the tools (``game.tools``).
"""
