"""Drawing with pygame on any Surface, with no window, widgets or scenes: the look (palette,
text, markers, number formats) and the charts. The window (``game.ui``) draws its charts with
it on screen and the tools (``game.tools``) draw their PNG exports with it, so the two always
look alike. ``game.format`` and ``game.sim`` never import it.
"""
