"""The look moved to ``game.render.style`` (drawing shared with the PNG exports); this name is
kept so that code written before the move still imports."""

from game.render.style import *  # noqa: F403
