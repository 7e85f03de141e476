"""Where things go on the turn screen, recomputed for every window size and text size."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

GAP = 10


@dataclass(frozen=True)
class TurnLayout:
    top: pygame.Rect
    map: pygame.Rect
    meters: list[pygame.Rect]
    chart_picker: pygame.Rect
    chart: pygame.Rect
    news: pygame.Rect
    cards: pygame.Rect
    detail: pygame.Rect
    end_turn: pygame.Rect
    line: int


def meter_grid(area: pygame.Rect, count: int, text: int) -> list[pygame.Rect]:
    """``count`` meter cells filling ``area``: three columns when they fit, else two."""
    if count <= 0:
        return []
    columns = 3 if area.width / 3 >= text * 9 else 2
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    width = (area.width - GAP * (columns - 1)) // columns
    height = min(round(text * 5), (area.height - GAP * (rows - 1)) // rows)
    return [
        pygame.Rect(
            area.x + (i % columns) * (width + GAP),
            area.y + (i // columns) * (height + GAP),
            width,
            height,
        )
        for i in range(count)
    ]


def turn_layout(size: tuple[int, int], text: int, meters: int) -> TurnLayout:
    """Three columns: map and meters | chart and news | action cards, details, End Turn."""
    width, height = size
    line = round(text * 2.2)
    top = pygame.Rect(0, 0, width, line + 2 * GAP)
    body = pygame.Rect(GAP, top.bottom + GAP, width - 2 * GAP, height - top.bottom - 2 * GAP)
    left_w = round(body.width * 0.38)
    right_w = round(body.width * 0.31)
    mid_w = body.width - left_w - right_w - 2 * GAP
    left = pygame.Rect(body.x, body.y, left_w, body.height)
    mid = pygame.Rect(left.right + GAP, body.y, mid_w, body.height)
    right = pygame.Rect(mid.right + GAP, body.y, right_w, body.height)
    rows = math.ceil(meters / (3 if left_w / 3 >= text * 9 else 2)) if meters else 0
    map_min = max(left.height // 3, round(left.width * 0.56))  # the map's own aspect ratio
    meter_h = min(rows * (round(text * 5) + GAP), left.height - map_min)
    map_rect = pygame.Rect(left.x, left.y, left.width, left.height - meter_h)
    meter_area = pygame.Rect(left.x, map_rect.bottom + GAP, left.width, meter_h - GAP)
    picker = pygame.Rect(mid.x, mid.y, mid.width, line)
    chart = pygame.Rect(mid.x, picker.bottom + 4, mid.width, round(mid.height * 0.5) - line)
    news = pygame.Rect(mid.x, chart.bottom + GAP, mid.width, mid.bottom - chart.bottom - GAP)
    end_turn = pygame.Rect(right.x, right.bottom - line - 6, right.width, line + 6)
    detail_h = round(right.height * 0.34)
    detail = pygame.Rect(right.x, end_turn.y - GAP - detail_h, right.width, detail_h)
    cards = pygame.Rect(right.x, right.y, right.width, detail.y - GAP - right.y)
    return TurnLayout(
        top,
        map_rect,
        meter_grid(meter_area, meters, text),
        picker,
        chart,
        news,
        cards,
        detail,
        end_turn,
        line,
    )
