"""Every keyboard shortcut, as the help screen lists them."""

from __future__ import annotations

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("Tab / Shift+Tab, arrow keys", "move the keyboard focus (yellow outline)"),
            ("Enter or Space", "press the focused button"),
            ("Esc", "back, close a window, or open the menu"),
            ("F1", "this help"),
            ("F2 or Ctrl+=  /  Ctrl+-", "text size: small, normal, large"),
            ("F11", "full screen on or off"),
        ),
    ),
    (
        "Setup",
        (
            ("Left / Right", "change the focused choice"),
            ("R", "full error report of a broken scenario"),
            ("N", "a new random seed"),
        ),
    ),
    (
        "Turn",
        (
            ("E or Ctrl+Enter", "End Turn from anywhere (Enter on a focused card orders it)"),
            ("Enter", "End Turn when the focus is on it (where it starts each month)"),
            ("A", "jump to the action cards; Enter or Space orders or cancels a card"),
            ("M", "jump to the meters; Enter on a meter opens the Why panel"),
            ("W", "Why panel for the charted variable"),
            ("C / Shift+C", "chart the next / previous variable"),
            ("U / D", "predict up / down, when asked before committing"),
            ("Ctrl+S", "save the game to a new slot (it also saves itself every month)"),
            ("Ctrl+I", "instructor inject: queue a scenario event for the coming month"),
        ),
    ),
    (
        "Why panel",
        (
            ("Left / Right", "previous / next meter"),
            ("Esc or Enter", "close"),
        ),
    ),
    (
        "Hot seat",
        (("Any key", "on the 'Pass to ...' cover: the next player is ready"),),
    ),
    (
        "Debrief",
        (
            ("X", "export the game log (JSON, CSV) and a PNG of the charts"),
            ("B, then Left / Right", "replay from turn k: choose k, Enter to start the branch"),
        ),
    ),
)


def help_html() -> str:
    parts = []
    for section, keys in SHORTCUTS:
        parts.append(f"<b>{section}</b><br>")
        parts += [f"  <b>{key}</b>: {what}<br>" for key, what in keys]
        parts.append("<br>")
    return "".join(parts)
