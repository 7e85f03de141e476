"""Where things go, for any window size and text size.

Rules:
- Scenes compute every rectangle from the window size and the text size in pixels, with the
  helpers here, on every build; nothing sits at a fixed pixel position or has a fixed width.
- Text scales with the window: ``text_px`` grows with the smaller of width/1280 and
  height/720 (gently, to the power 0.75), never below 0.75 of the base size; the player's
  text size (F2) multiplies it.
- A row of buttons that does not fit shrinks its buttons (pygame_gui then shortens their
  labels) instead of leaving the window; a bar that still cannot fit wraps to a second row.
- Every rect made here has a positive size, so no drawing code ever makes an empty Surface.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.i18n import _

GAP = 10
BASE_TEXT = 16
REFERENCE_SIZE = (1280, 720)
MIN_WINDOW = (800, 600)  # the smallest window the layouts are designed for


def window_scale(size: tuple[int, int]) -> float:
    """How much bigger than at 1280x720 text and controls are drawn."""
    ratio = min(size[0] / REFERENCE_SIZE[0], size[1] / REFERENCE_SIZE[1])
    return max(0.75, min(3.0, max(ratio, 0.01) ** 0.75))


def text_px(size: tuple[int, int], text_scale: float = 1.0) -> int:
    """Body text size in pixels for a window of ``size`` and the player's text scale."""
    return max(10, round(BASE_TEXT * window_scale(size) * text_scale))


def line_height(text: int) -> int:
    """Height of a button or a one-line label for body text of ``text`` pixels."""
    return round(text * 2.2)


def rect(x: float, y: float, width: float, height: float) -> pygame.Rect:
    """A rect with at least 1x1 pixels."""
    return pygame.Rect(round(x), round(y), max(1, round(width)), max(1, round(height)))


BUTTON_TEXT_SCALE = 18 / 16  # primary buttons' text (theme.json "#primary") to body text


def label_width(label: str, text: int) -> int:
    """Width of a button that shows ``label`` whole (also in the larger bold of primary
    buttons), with its padding."""
    from game.render.style import font

    return font(round(text * BUTTON_TEXT_SCALE), True).size(label)[0] + 2 * text


def row(
    area: pygame.Rect, widths: Sequence[int], gap: int = GAP, align: str = "left"
) -> list[pygame.Rect]:
    """Rects of ``widths`` side by side in ``area`` (its full height), shrunk in proportion
    when they do not fit; ``align`` 'left', 'right', 'center' or 'spread' (one each end)."""
    if not widths:
        return []
    room = max(len(widths), area.width - gap * (len(widths) - 1))
    total = sum(widths)
    scale = min(1.0, room / total) if total else 1.0
    sized = [max(1, math.floor(w * scale)) for w in widths]
    used = sum(sized) + gap * (len(sized) - 1)
    if align == "right":
        x = area.right - used
    elif align == "center":
        x = area.x + (area.width - used) // 2
    else:
        x = area.x
    rects = []
    for i, width in enumerate(sized):
        if align == "spread" and i == len(sized) - 1 and len(sized) > 1:
            x = max(x, area.right - width)
        rects.append(rect(x, area.y, width, area.height))
        x += width + gap
    return rects


def button_bar(
    area: pygame.Rect, left: Sequence[str], right: Sequence[str], text: int, gap: int = GAP
) -> list[pygame.Rect]:
    """Buttons for ``left`` labels from the left edge and ``right`` labels from the right
    edge of ``area`` (one row of its height), each as wide as its label when there is room;
    the rects in the order left then right."""
    widths = [label_width(label, text) for label in (*left, *right)]
    room = area.width - gap * max(0, len(widths) - 1) - (gap * 2 if left and right else 0)
    total = sum(widths)
    if total > room > 0:
        widths = [max(1, math.floor(w * room / total)) for w in widths]
    left_w, right_w = widths[: len(left)], widths[len(left) :]
    rects = []
    x = area.x
    for width in left_w:
        rects.append(rect(x, area.y, width, area.height))
        x += width + gap
    x = area.right - sum(right_w) - gap * max(0, len(right_w) - 1)
    for width in right_w:
        rects.append(rect(x, area.y, width, area.height))
        x += width + gap
    return rects


def column(
    area: pygame.Rect, count: int, height: int, gap: int = GAP, width: int | None = None
) -> list[pygame.Rect]:
    """``count`` rects of ``height`` (less when they do not fit) stacked from the top of
    ``area``, centred, ``width`` wide (default: the area's)."""
    if count <= 0:
        return []
    each = max(1, min(height, (area.height - gap * (count - 1)) // count))
    width = min(width or area.width, area.width)
    x = area.x + (area.width - width) // 2
    return [rect(x, area.y + i * (each + gap), width, each) for i in range(count)]


def centred_box(size: tuple[int, int], width: float, height: float) -> pygame.Rect:
    """A box of ``width`` x ``height`` (fractions of the window when <= 1, else pixels),
    centred, never bigger than the window less a margin."""
    w, h = size
    box_w = round(w * width) if width <= 1 else round(width)
    box_h = round(h * height) if height <= 1 else round(height)
    box = rect(0, 0, min(box_w, w - 2 * GAP), min(box_h, h - 2 * GAP))
    box.center = (w // 2, h // 2)
    return box


def inset(area: pygame.Rect, dx: int, dy: int | None = None) -> pygame.Rect:
    """``area`` less ``dx`` on the left and right and ``dy`` top and bottom, at least 1x1."""
    dy = dx if dy is None else dy
    return rect(area.x + dx, area.y + dy, area.width - 2 * dx, area.height - 2 * dy)


# the turn screen ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TurnLayout:
    top: pygame.Rect
    help_button: pygame.Rect
    menu_button: pygame.Rect
    map: pygame.Rect
    meters: list[pygame.Rect]
    chart_picker: pygame.Rect
    chart: pygame.Rect
    news: pygame.Rect
    cards: pygame.Rect
    detail: pygame.Rect
    end_turn: pygame.Rect
    line: int


def meter_columns(width: int, count: int, text: int) -> int:
    """As many meter columns as fit at about nine characters each (rows balanced)."""
    if count <= 0:
        return 1
    columns = max(1, min(count, width // max(1, text * 9 + GAP)))
    rows = math.ceil(count / columns)
    return math.ceil(count / rows)


def meter_grid(
    area: pygame.Rect, count: int, text: int, columns: int | None = None
) -> list[pygame.Rect]:
    """``count`` meter cells filling ``area`` in balanced rows."""
    if count <= 0:
        return []
    columns = columns or meter_columns(area.width, count, text)
    rows = math.ceil(count / columns)
    width = (area.width - GAP * (columns - 1)) // columns
    height = min(round(text * 4.6), (area.height - GAP * (rows - 1)) // rows)
    return [
        rect(
            area.x + (i % columns) * (width + GAP),
            area.y + (i // columns) * (height + GAP),
            width,
            height,
        )
        for i in range(count)
    ]


def turn_layout(
    size: tuple[int, int], text: int, meters: int, map_aspect: float = 1.8
) -> TurnLayout:
    """Three columns: map and meters | chart and news | action cards, details, End Turn.

    The card column keeps a readable width (17 to 34 characters' worth). The map is the
    centrepiece: its column is as wide as a map of ``map_aspect`` (width / height) filling
    about 55% of the height needs, within 45-65% of what the cards leave; the meters go under
    it in as many columns as fit, and the chart and news take the rest."""
    width, height = max(size[0], 1), max(size[1], 1)
    line = line_height(text)
    top = rect(0, 0, width, line + 2 * GAP)
    help_rect, menu_rect = button_bar(
        rect(GAP, top.y + GAP, width - 2 * GAP, line), [], [_("Help  (F1)"), _("Menu  (Esc)")], text
    )
    body = rect(GAP, top.bottom + GAP, width - 2 * GAP, height - top.bottom - 2 * GAP)
    right_w = max(text * 17, min(text * 34, round(body.width * 0.31)))
    right_w = min(right_w, round(body.width * 0.45))
    rest = body.width - right_w - 2 * GAP
    wanted = round(map_aspect * body.height * 0.55)
    left_w = max(round(rest * 0.45), min(round(rest * 0.65), wanted))
    mid_w = rest - left_w
    left = rect(body.x, body.y, left_w, body.height)
    mid = rect(left.right + GAP, body.y, mid_w, body.height)
    right = rect(mid.right + GAP, body.y, right_w, body.height)
    columns = meter_columns(left.width, meters, text)
    rows = math.ceil(meters / columns) if meters else 0
    map_h = max(left.height * 0.4, min(left.height * 0.7, left.width / map_aspect + GAP))
    room = (left.height - map_h) // max(rows, 1) - GAP
    meter_each = min(round(text * 4.6), max(round(text * 3.2), room))
    meter_h = rows * (meter_each + GAP)
    map_rect = rect(left.x, left.y, left.width, left.height - meter_h)
    meter_area = rect(left.x, map_rect.bottom + GAP, left.width, meter_h - GAP)
    picker = rect(mid.x, mid.y, mid.width, line)
    chart = rect(mid.x, picker.bottom + 4, mid.width, round(mid.height * 0.55) - line)
    news = rect(mid.x, chart.bottom + GAP, mid.width, mid.bottom - chart.bottom - GAP)
    end_turn = rect(right.x, right.bottom - line - 6, right.width, line + 6)
    detail_h = round(right.height * 0.34)
    detail = rect(right.x, end_turn.y - GAP - detail_h, right.width, detail_h)
    cards = rect(right.x, right.y, right.width, detail.y - GAP - right.y)
    return TurnLayout(
        top,
        help_rect,
        menu_rect,
        map_rect,
        meter_grid(meter_area, meters, text, columns),
        picker,
        chart,
        news,
        cards,
        detail,
        end_turn,
        line,
    )
