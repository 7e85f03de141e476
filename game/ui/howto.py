"""How to play, in five short help pages (F1); the sixth page, every key, comes from bindings.

The pages are marked N_() and translated where the help shows them."""

from __future__ import annotations

from game.i18n import N_

HOW_TO_PLAY: tuple[tuple[str, str], ...] = (
    (
        N_("The game"),
        N_(
            "You lead one government (the United States, Mexico or China in the main scenario) "
            "through a year or two of the fentanyl crisis, one month per turn.<br><br>"
            "Every government orders actions at the same time; nobody sees the others' orders "
            "until the month is played. A transparent model then moves the numbers on the "
            "meters: overdose deaths, tension between governments, approval at home and "
            "more.<br><br>"
            "Your <b>objectives</b> (in the briefing, and scored in the debrief) say which numbers "
            "your government cares about. There is no single right answer: the game is for "
            "arguing about policy with evidence."
        ),
    ),
    (
        N_("A month"),
        N_(
            "1. <b>Read</b> the meters, the chart and the news. Each meter shows this month's "
            "value and how much it moved.<br>"
            "2. <b>Order</b> actions: click a card, or press A and then Enter or Space on a card. "
            "Each card says its <b>cost</b> in political capital and any <b>cooldown</b> "
            "(months before it can be used again). A greyed card says why it cannot be ordered "
            "now.<br>"
            "3. <b>Check the forecast</b>: the advisers' box shows what your orders would change "
            "next month and three months on (others assumed idle).<br>"
            "4. <b>End Turn</b> (E). If you ordered nothing the game asks first.<br>"
            "5. <b>Reveal</b>: every government's orders and statements, the headlines, and the "
            "meters moving to their new values."
        ),
    ),
    (
        N_("Political capital"),
        N_(
            "Every action costs <b>political capital</b>. You receive some every month; what you "
            "do not spend is saved, up to a limit, so waiting a month to afford a big action is a "
            "real choice.<br><br>"
            "Some actions have a <b>cooldown</b>: after you use one it is unavailable for a few "
            "months. Some need a condition (for example, tension below a level) and say so on "
            "the card.<br><br>"
            "Your capital left this month is at the top of the turn screen."
        ),
    ),
    (
        N_("Why did that happen?"),
        N_(
            "Press M to move to the meters, and Enter on one (or click it) to open the "
            "<b>Why panel</b>: the month's change split into its causes, largest first, each with "
            "its source and how confident the evidence is. The causes add up exactly to the "
            "change.<br><br>"
            "The chart shows any variable since the start (C changes it); events are marked on "
            "the line.<br><br>"
            "When the game ends, the <b>debrief</b> shows the whole game with every decision "
            "marked, your objectives and score, the biggest turning points and questions for "
            "discussion. Export (X) writes the game log for your teacher."
        ),
    ),
    (
        N_("Playing in class"),
        N_(
            "Up to three people can share one computer (<b>hot seat</b>): choose Human for a "
            "government in New game and type each player's name. Between players a cover "
            "screen hides the orders; the next player presses Enter when ready.<br><br>"
            "With several players each one first <b>predicts</b> whether one meter will go up or "
            "down; the debrief scores the predictions.<br><br>"
            "Share the <b>seed</b> shown in New game so that another group plays exactly the same "
            "month-by-month luck. The game saves itself after every month: Continue on the title "
            "screen resumes it."
        ),
    ),
)
