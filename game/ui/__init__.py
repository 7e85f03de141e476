"""The desktop window: pygame-ce draws and runs the loop, pygame_gui provides the widgets.

Rules:
- Nothing here holds a game rule. Scenes read the engine's immutable states and ledgers and send
  commands (orders, end turn, inject) to ``game.sim.session.Game``.
- Nothing here names a scenario's governments, variables or texts: everything shown comes from
  the scenario file (``display`` section, actors, actions, events) and from ``assets/``.
- Drawing never changes game state; custom drawing is only for the map, meters and charts.
"""
