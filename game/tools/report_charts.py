"""PNG charts for class reports and back-tests, drawn off-screen (no window needed) by the same
chart renderer as the game window (``game.render.charts``), so they look alike.

Colours are the Okabe-Ito palette; every series also carries a text label.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from game.i18n import _
from game.sim.gamelog import GameLog

SIZE = (900, 420)
TEXT = 16


def _canvas(size: tuple[int, int] = SIZE):
    """pygame with fonts, and a blank page of ``size``."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.render.style import PAPER, font, text_surface

    if not pygame.font.get_init():  # fonts cached before a pygame.quit() are dead
        font.cache_clear()
        text_surface.cache_clear()
    pygame.font.init()
    surface = pygame.Surface(size)
    surface.fill(PAPER)
    return pygame, surface


def save_png(pygame, surface, path: Path) -> None:
    """Write ``surface`` as a PNG; OSError (not pygame.error) when the file cannot be written."""
    try:
        pygame.image.save(surface, str(path))
    except pygame.error as exc:
        raise OSError(errno.ENOENT, str(exc)) from None


def paths_chart(logs: Sequence[GameLog], variable: str, path: Path) -> None:
    """Every game's path of ``variable`` (thin lines) and their mean (thick)."""
    from game.render.charts import Series, draw_series
    from game.render.style import BLUE, SKY_BLUE

    pygame, surface = _canvas()
    series = [[log.initial[variable]] + [t.variables[variable] for t in log.turns] for log in logs]
    length = max(len(s) for s in series)
    mean = [
        sum(s[i] for s in series if len(s) > i) / sum(1 for s in series if len(s) > i)
        for i in range(length)
    ]
    lines = [Series(s, SKY_BLUE, 1) for s in series] + [Series(mean, BLUE, 4)]
    title = _("{variable} across {n} games").format(variable=variable, n=len(series))
    rect = surface.get_rect().inflate(-20, -20)
    draw_series(
        surface, rect, title, lines, ("turn 0", f"turn {length - 1}"), TEXT,
        legend=_("thin: each game   thick: mean"),
    )  # fmt: skip
    save_png(pygame, surface, path)


def histogram_chart(scores: dict[str, list[float]], path: Path) -> None:
    """Score distribution per country, side by side bars per bin."""
    from game.render.charts import draw_bars

    pygame, surface = _canvas()
    values = [v for vs in scores.values() for v in vs]
    low, high = min(values), max(values)
    high = high if high > low else low + 1
    bins = 10
    counts = {
        country: [
            sum(1 for v in vs if min(bins - 1, int((v - low) / (high - low) * bins)) == b)
            for b in range(bins)
        ]
        for country, vs in scores.items()
    }
    rect = surface.get_rect().inflate(-20, -20)
    labels = (f"score {low:.1f}", f"{high:.1f}")
    draw_bars(surface, rect, _("Score distribution by country"), counts, labels, TEXT)
    save_png(pygame, surface, path)


def draw_report_charts(logs, table, out: Path, variables: Sequence[str]) -> list[str]:
    """Write the report's PNGs into ``out`` (paths of the first four ``variables``); returns
    their file names."""
    games = [log for _, log in logs if log.turns]
    names: list[str] = []
    scores: dict[str, list[float]] = {}
    for row in table:
        if row["score"] != "":
            scores.setdefault(str(row["country"]), []).append(float(row["score"]))
    if scores:
        histogram_chart(scores, out / "scores.png")
        names.append("scores.png")
    for variable in list(variables)[:4]:
        if games:
            paths_chart(games, variable, out / f"path_{variable}.png")
            names.append(f"path_{variable}.png")
    return names


def backtest_chart(report, path: Path) -> None:
    """One panel per observed variable: observed values (dots) and the simulated path of every
    month played (line), on one time axis."""
    from game.render.charts import Series, draw_series
    from game.render.style import BLUE, VERMILLION

    panels = [fit for fit in report.fits if fit.months]
    played = [(state.model.month(state.turn - 1), state) for state in report.states[1:]]
    pygame, sheet = _canvas((SIZE[0], SIZE[1] * max(1, len(panels))))

    def index(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:7])

    for k, fit in enumerate(panels):
        path_months = [m for m, _ in played] or list(fit.months)
        first, last = index(path_months[0]), index(path_months[-1])
        span = max(1, last - first)
        simulated = [s.value(fit.variable) for _, s in played] or list(fit.simulated)
        lines = [
            Series(simulated, VERMILLION, 3, xs=[(index(m) - first) / span for m in path_months]),
            Series(
                fit.observed, BLUE, 4, "dots", xs=[(index(m) - first) / span for m in fit.months]
            ),
        ]
        rect = pygame.Rect(10, SIZE[1] * k + 10, SIZE[0] - 20, SIZE[1] - 20)
        legend = _("dots: observed   line: simulated   MAPE {error}").format(
            error=f"{fit.mape:.0%}"
        )
        months = (path_months[0], path_months[-1])
        draw_series(sheet, rect, fit.label, lines, months, TEXT, legend=legend)
    save_png(pygame, sheet, path)
