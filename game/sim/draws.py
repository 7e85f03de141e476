"""Counter-based random draws: the same number for the same (seed, turn, stream, index).

Rules:
- A draw is a pure function of its four integers (a splitmix64-style hash), so a game needs no
  generator state: a look-ahead, a replay, a saved game and the batch engine (which computes
  the very same hash with NumPy over thousands of games at once) all see the same draws.
- ``stream`` separates independent uses (event chances, the random player's picks, ...);
  ``index`` numbers the draws within one stream and month (an event's position, an action's).
- ``uniform`` is in [0, 1) with 53 random bits; ``uniforms`` is its NumPy twin and gives
  bit-identical results.
"""

from __future__ import annotations

import numpy as np

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
M1 = 0xBF58476D1CE4E5B9
M2 = 0x94D049BB133111EB
SCALE = 2.0**-53

# streams: one per independent use of randomness
EVENT_CHANCE = 1
RANDOM_ORDER = 2
RANDOM_TAKE = 3


def _mix(z: int) -> int:
    z = (z ^ (z >> 30)) * M1 & MASK
    z = (z ^ (z >> 27)) * M2 & MASK
    return z ^ (z >> 31)


def key(seed: int, turn: int, stream: int, index: int) -> int:
    """The 64-bit hash of a draw's coordinates."""
    return _mix((month_key(seed, turn, stream) + (index & MASK) * M1 + GOLDEN) & MASK)


def month_key(seed: int, turn: int, stream: int) -> int:
    """The part of ``key`` shared by every draw of one stream in one month."""
    z = _mix((seed & MASK) + GOLDEN & MASK)
    return _mix((z + (turn & MASK) * GOLDEN + stream) & MASK)


def uniform(seed: int, turn: int, stream: int, index: int) -> float:
    """A number in [0, 1), the same for the same four integers."""
    return (key(seed, turn, stream, index) >> 11) * SCALE


def uniform_of(month: int, index: int) -> float:
    """``uniform(seed, turn, stream, index)`` from ``month = month_key(seed, turn, stream)``."""
    return (_mix((month + (index & MASK) * M1 + GOLDEN) & MASK) >> 11) * SCALE


_U = np.uint64


def _mix_array(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _U(30))) * _U(M1)
    z = (z ^ (z >> _U(27))) * _U(M2)
    return z ^ (z >> _U(31))


def keys(seeds: np.ndarray, turn: int, stream: int, index: np.ndarray | int) -> np.ndarray:
    """``key`` for many seeds (and indices) at once: uint64 arrays, wrapping like the scalar."""
    seeds = np.asarray(seeds)
    z = _mix_array(_as_u64(seeds) + _U(GOLDEN))
    z = _mix_array(z + _U((turn & MASK) * GOLDEN + stream & MASK))
    return _mix_array(z + _as_u64(np.asarray(index)) * _U(M1) + _U(GOLDEN))


def uniforms(seeds: np.ndarray, turn: int, stream: int, index: np.ndarray | int) -> np.ndarray:
    """``uniform`` for many seeds (and indices) at once, bit-identical to the scalar."""
    return (keys(seeds, turn, stream, index) >> _U(11)).astype(np.float64) * SCALE


def _as_u64(values: np.ndarray) -> np.ndarray:
    if values.dtype == np.uint64:
        return values
    return (
        values.astype(np.int64).view(np.uint64)
        if values.dtype.kind == "i"
        else values.astype(np.uint64)
    )
