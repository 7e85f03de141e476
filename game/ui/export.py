"""Export a finished game for the instructor: the JSON game log, a CSV, a PNG of the charts."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.sim.session import Game

PNG_SIZE = (1600, 1000)


def export_stem(game: Game) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{game.model.scenario.meta.id}_seed{game.seed}_{stamp}"


def export_game(
    game: Game, folder: Path, draw_charts: Callable[[pygame.Surface], None]
) -> list[Path]:
    """Write ``<stem>.json``, ``<stem>.csv`` and ``<stem>.png`` into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / export_stem(game)
    log = game.to_log()
    json_path, csv_path, png_path = (stem.with_suffix(s) for s in (".json", ".csv", ".png"))
    log.write_json(json_path)
    csv_path.write_text(log.to_csv(), encoding="utf-8")
    surface = pygame.Surface(PNG_SIZE)
    draw_charts(surface)
    pygame.image.save(surface, str(png_path))
    return [json_path, csv_path, png_path]
