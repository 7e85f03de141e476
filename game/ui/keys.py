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
            ("Enter", "End Turn (the focus starts there each month)"),
            ("Ctrl+Enter or E", "End Turn from anywhere"),
            ("A", "jump to the action cards; Enter or Space orders or cancels a card"),
            ("M", "jump to the meters; Enter on a meter opens the Why panel"),
            ("W", "Why panel for the charted variable"),
            ("C / Shift+C", "chart the next / previous variable"),
        ),
    ),
    (
        "Why panel",
        (
            ("Left / Right", "previous / next meter"),
            ("Esc or Enter", "close"),
        ),
    ),
    ("Debrief", (("X", "export the game log (JSON, CSV) and a PNG of the charts"),)),
)


def help_html() -> str:
    parts = []
    for section, keys in SHORTCUTS:
        parts.append(f"<b>{section}</b><br>")
        parts += [f"  <b>{key}</b>: {what}<br>" for key, what in keys]
        parts.append("<br>")
    return "".join(parts)
