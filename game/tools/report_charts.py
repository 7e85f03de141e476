"""PNG charts for class reports, drawn with pygame on off-screen surfaces (no window needed).

Colours are the Okabe-Ito palette; every series also carries a text label.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from game.i18n import _
from game.resources import font_file
from game.sim.gamelog import GameLog

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
SIZE = (900, 420)
MARGIN = (70, 40, 30, 50)  # left, top, right, bottom


def _pygame():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.font.init()
    return pygame


def _frame(pygame, title: str, low: float, high: float, x_label: str):
    surface = pygame.Surface(SIZE)
    surface.fill("white")
    font = pygame.font.Font(font_file(), 14)
    big = pygame.font.Font(font_file(bold=True), 17)
    surface.blit(big.render(title, True, "black"), (MARGIN[0], 10))
    left, top, right, bottom = MARGIN
    box = pygame.Rect(left, top, SIZE[0] - left - right, SIZE[1] - top - bottom)
    pygame.draw.rect(surface, "#444444", box, 1)
    for i in range(5):
        value = low + (high - low) * i / 4
        y = box.bottom - box.height * i / 4
        pygame.draw.line(surface, "#dddddd", (box.left + 1, y), (box.right - 1, y))
        label = font.render(
            f"{value:,.0f}" if abs(high) >= 100 else f"{value:.2f}", True, "#222222"
        )
        surface.blit(label, (box.left - label.get_width() - 6, y - 7))
    surface.blit(font.render(x_label, True, "#222222"), (box.centerx - 30, box.bottom + 22))
    return surface, box, font


def paths_chart(logs: Sequence[GameLog], variable: str, path: Path) -> None:
    """Every game's path of ``variable`` (thin lines) and their mean (thick)."""
    pygame = _pygame()
    series = [[log.initial[variable]] + [t.variables[variable] for t in log.turns] for log in logs]
    low = min(min(s) for s in series)
    high = max(max(s) for s in series)
    high = high if high > low else low + 1
    length = max(len(s) for s in series)
    title = _("{variable} across {n} games").format(variable=variable, n=len(series))
    surface, box, font = _frame(pygame, title, low, high, _("turn"))

    def point(i: int, value: float) -> tuple[float, float]:
        x = box.left + box.width * i / max(1, length - 1)
        return x, box.bottom - box.height * (value - low) / (high - low)

    for s in series:
        if len(s) > 1:
            pygame.draw.lines(surface, "#56B4E9", False, [point(i, v) for i, v in enumerate(s)], 1)
    mean = [
        sum(s[i] for s in series if len(s) > i) / sum(1 for s in series if len(s) > i)
        for i in range(length)
    ]
    if len(mean) > 1:
        pygame.draw.lines(surface, "#0072B2", False, [point(i, v) for i, v in enumerate(mean)], 4)
    surface.blit(
        font.render(_("thin: each game   thick: mean"), True, "#0072B2"), (box.right - 260, 14)
    )
    pygame.image.save(surface, str(path))


def histogram_chart(scores: dict[str, list[float]], path: Path) -> None:
    """Score distribution per country, side by side bars per bin."""
    pygame = _pygame()
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
    top = max(max(c) for c in counts.values()) or 1
    surface, box, font = _frame(pygame, _("Score distribution by country"), 0, top, _("score"))
    width = box.width / bins
    for k, (country, bars) in enumerate(counts.items()):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        for b, count in enumerate(bars):
            bar_w = width / (len(counts) + 1)
            x = box.left + b * width + k * bar_w + bar_w / 2
            h = box.height * count / top
            pygame.draw.rect(surface, colour, (x, box.bottom - h, bar_w, h))
        surface.blit(
            font.render(f"{country}", True, colour), (box.right - 60, box.top + 8 + 20 * k)
        )
    for b in (0, bins):
        label = font.render(f"{low + (high - low) * b / bins:.1f}", True, "#222222")
        surface.blit(label, (box.left + b * width - 10, box.bottom + 4))
    pygame.image.save(surface, str(path))


def draw_report_charts(logs, table, out: Path) -> list[str]:
    """Write the report's PNGs into ``out``; returns their file names."""
    from game.tools.report import key_variables

    games = [log for _, log in logs if log.turns]
    names: list[str] = []
    scores: dict[str, list[float]] = {}
    for row in table:
        if row["score"] != "":
            scores.setdefault(str(row["country"]), []).append(float(row["score"]))
    if scores:
        histogram_chart(scores, out / "scores.png")
        names.append("scores.png")
    for variable in key_variables(logs)[:4]:
        if games:
            paths_chart(games, variable, out / f"path_{variable}.png")
            names.append(f"path_{variable}.png")
    return names


def backtest_chart(report, path: Path) -> None:
    """One panel per observed variable: observed values (dots) and the simulated path (line)."""
    pygame = _pygame()
    panels = [fit for fit in report.fits if fit.months]
    sheet = pygame.Surface((SIZE[0], SIZE[1] * max(1, len(panels))))
    sheet.fill("white")
    for k, fit in enumerate(panels):
        values = [*fit.observed, *fit.simulated]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        low, high = low - pad, high + pad
        surface, box, font = _frame(pygame, fit.label, low, high, _("month"))
        count = len(fit.months)
        index = [int(m[:4]) * 12 + int(m[5:7]) for m in fit.months]
        span = max(1, index[-1] - index[0])

        def point(i: int, value: float, box=box, low=low, high=high, index=index, span=span):
            x = box.left + box.width * (index[i] - index[0]) / span
            return x, box.bottom - box.height * (value - low) / (high - low)

        if count > 1:
            line = [point(i, v) for i, v in enumerate(fit.simulated)]
            pygame.draw.lines(surface, OKABE_ITO[1], False, line, 3)
        for i, value in enumerate(fit.observed):
            pygame.draw.circle(surface, OKABE_ITO[0], point(i, value), 5)
        for i in range(0, count, max(1, count // 6)):
            label = font.render(fit.months[i], True, "#222222")
            surface.blit(label, (point(i, low)[0] - 24, box.bottom + 4))
        legend = _("dots: observed   line: simulated   MAPE {error}").format(
            error=f"{fit.mape:.0%}"
        )
        surface.blit(font.render(legend, True, "#222222"), (box.right - 340, box.top + 6))
        sheet.blit(surface, (0, SIZE[1] * k))
    pygame.image.save(sheet, str(path))
