"""The look of everything drawn by hand (map, meters, charts, PNG exports): colours, text
sizes, cached text rendering, markers and number formats.

Colours follow the Okabe-Ito colour-blind-safe palette; anything that carries meaning is
also given a shape or a label, never colour alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import pygame

from game.i18n import N_, _, format_number, signed
from game.resources import font_file

# Okabe-Ito
BLACK = (0, 0, 0)
ORANGE = (230, 159, 0)
SKY_BLUE = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)
OKABE_ITO = (BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, YELLOW, BLACK)

# The page
PAPER = (245, 243, 238)
CARD = (255, 255, 255)
INK = (26, 26, 26)
MUTED = (70, 70, 70)
RULE = (168, 165, 158)
GRID = (220, 217, 210)
SEA = (226, 236, 242)
LAND = (236, 232, 222)

TEXT_SIZES = (N_("small"), N_("normal"), N_("large"))
TEXT_SCALE = {"small": 0.85, "normal": 1.0, "large": 1.25}

MARKER_SHAPES = ("circle", "square", "triangle", "diamond", "star")


def hex_colour(text: str) -> tuple[int, int, int]:
    """'#RRGGBB' as an RGB tuple."""
    return tuple(int(text[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    return pygame.font.Font(str(font_file(bold)), max(8, size))


@lru_cache(maxsize=1024)
def text_surface(text: str, size: int, colour: tuple = INK, bold: bool = False) -> pygame.Surface:
    """Rendered text, cached: drawing the same label every frame costs one blit."""
    return font(size, bold).render(text, True, colour)


def blit_text(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int,
    colour: tuple = INK,
    bold: bool = False,
    anchor: str = "topleft",
) -> pygame.Rect:
    image = text_surface(text, size, colour, bold)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


@lru_cache(maxsize=2048)
def fit_text(text: str, size: int, width: int, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so it fits in ``width`` pixels."""
    if font(size, bold).size(text)[0] <= width:
        return text
    while text and font(size, bold).size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def fitted_text(
    candidates: Sequence[str], size: int, width: int, bold: bool = True
) -> tuple[str, int]:
    """The first of ``candidates`` (longest form first) that fits at ``size`` (then one or two
    pixels smaller), with the size it is set in; else the last one shortened."""
    smallest = max(9, size - 2)
    for candidate_size in range(size, smallest - 1, -1):
        for title in candidates:
            if font(candidate_size, bold).size(title)[0] <= width:
                return title, candidate_size
    return fit_text(candidates[-1], smallest, width, bold), smallest


def draw_marker(
    surface: pygame.Surface, shape: str, centre: tuple[float, float], radius: float, colour
) -> None:
    """A filled marker with a dark outline, so it reads without its colour."""
    x, y = centre
    r = radius
    if shape == "square":
        points = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    elif shape == "triangle":
        points = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    elif shape == "diamond":
        points = [(x, y - r * 1.3), (x + r, y), (x, y + r * 1.3), (x - r, y)]
    elif shape == "star":
        points = [
            (x, y - r * 1.3),
            (x + r * 0.4, y - r * 0.4),
            (x + r * 1.3, y),
            (x + r * 0.4, y + r * 0.4),
            (x, y + r * 1.3),
            (x - r * 0.4, y + r * 0.4),
            (x - r * 1.3, y),
            (x - r * 0.4, y - r * 0.4),
        ]
    else:
        pygame.draw.circle(surface, colour, (x, y), r)
        pygame.draw.circle(surface, INK, (x, y), r, 2)
        return
    pygame.draw.polygon(surface, colour, points)
    pygame.draw.polygon(surface, INK, points, 2)


def format_value(value: float, decimals: int, unit: str = "") -> str:
    """A value as the UI shows it: thousands separators, the variable's decimals, its unit."""
    text = format_number(value, decimals)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def format_change(change: float, decimals: int) -> str:
    shown = round(change, decimals)
    if shown == 0:
        return _("no change")
    return signed(shown, decimals)


@lru_cache(maxsize=1024)
def wrap_text(
    text: str, size: int, width: int, max_lines: int = 3, bold: bool = False
) -> tuple[str, ...]:
    """``text`` in lines that fit ``width`` pixels (at spaces, else after a slash or a
    backslash); the last line is shortened with an ellipsis when more than ``max_lines`` would
    be needed."""
    measure = font(size, bold).size
    lines: list[str] = []
    current = ""
    for word in _wrap_pieces(text):
        trial = current + word
        if current and measure(trial.rstrip())[0] > width:
            lines.append(current.rstrip())
            current = word.lstrip()
        else:
            current = trial
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        joiner = "" if is_cjk(lines[max_lines - 1][-1:] or "a") else " "
        lines = [*lines[: max_lines - 1], joiner.join(lines[max_lines - 1 :])]
    return tuple(fit_text(line, size, width, bold) for line in lines)


def _wrap_pieces(text: str) -> list[str]:
    """Words with their following space; long paths split after each slash or backslash;
    Chinese, which has no spaces, between any two characters (but never before a closing
    mark)."""
    pieces: list[str] = []
    for word in text.split(" "):
        parts = re.split(r"(?<=[/\\])", word)
        for part in parts[:-1]:
            pieces += _cjk_pieces(part)
        last = _cjk_pieces(parts[-1]) or [""]
        pieces += [*last[:-1], last[-1] + " "]
    return pieces


NO_LINE_START = frozenset("，。、；：？！）」』》〉】…%％·,.;:?!)]")
NO_LINE_END = frozenset("（「『《〈【([")


def is_cjk(character: str) -> bool:
    code = ord(character)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _cjk_pieces(word: str) -> list[str]:
    """``word`` cut before each Chinese character, keeping punctuation with its neighbour."""
    pieces: list[str] = []
    for character in word:
        glued = not pieces or (
            not is_cjk(character) and not is_cjk(pieces[-1][-1])  # a Latin run stays whole
        )
        if not glued and (character in NO_LINE_START or pieces[-1][-1] in NO_LINE_END):
            glued = True
        if glued and pieces:
            pieces[-1] += character
        else:
            pieces.append(character)
    return pieces


UNIT_ABBREVIATIONS = (
    ("/month", "/mo"),
    ("per month", "/mo"),
    ("million ", "M "),
    ("pill-equivalents", "pills"),
    (" pure", ""),
    ("points", "pts"),
    ("deaths", ""),
)


@lru_cache(maxsize=256)
def unit_variants(unit: str) -> tuple[str, ...]:
    """The unit, then ever shorter abbreviations of it (used only when the long one won't fit)."""
    variants = [unit]
    for long, short in UNIT_ABBREVIATIONS:
        if long in variants[-1]:
            variants.append(variants[-1].replace(long, short).strip())
    return tuple(v for v in variants if v)


def draw_dashed(
    surface: pygame.Surface, colour, points: Sequence[tuple[float, float]], width: int, dash=7
) -> None:
    """A polyline drawn in dashes of ``dash`` pixels with equal gaps."""
    on, left = True, float(dash)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a, b = done / length, (done + step) / length
                start = (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)
                end = (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)
                pygame.draw.line(surface, colour, start, end, width)
            done += step
            left -= step
            if left <= 0:
                on, left = not on, float(dash)
