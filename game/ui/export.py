"""Export a finished game for the instructor: the JSON game log, a CSV, a PNG of the charts.

Rules:
- Exports go to the player's documents folder (``Documents/Precursor``, see
  ``game.sim.saves.exports_dir``) unless the launch options name another.
- Nothing is overwritten: the JSON is created exclusively (``NAME-2`` when the name is taken)
  and the CSV and PNG take its name. The full paths are returned for display.
- The CSV is the teacher's table: labelled columns with units, rounded values, the orders by
  card name and the players' names.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.sim.saves import clean_orphans, write_new
from game.sim.session import Game

PNG_SIZE = (1600, 1000)


def export_stem(game: Game) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{game.model.scenario.meta.id}_seed{game.seed}_{stamp}"


def export_game(
    game: Game, folder: Path, draw_charts: Callable[[pygame.Surface], None]
) -> list[Path]:
    """Write ``<stem>.json``, ``<stem>.csv`` and ``<stem>.png`` into ``folder``; their paths."""
    clean_orphans(folder)  # temporaries of an export the process was killed in
    log = game.to_log()
    json_path = write_new(folder / f"{export_stem(game)}.json", log.model_dump_json(indent=1))
    csv_path = write_new(json_path.with_suffix(".csv"), log.to_csv(game.model.scenario))
    surface = pygame.Surface(PNG_SIZE)
    draw_charts(surface)
    png = io.BytesIO()
    pygame.image.save(surface, png, "chart.png")
    png_path = write_new(json_path.with_suffix(".png"), png.getvalue())
    return [json_path, csv_path, png_path]
