"""Formulas over arrays: the checked formula trees compiled to NumPy, one value per game.

Rules:
- The trees are the very ones the scalar engine compiles (``formula.parse`` + constant
  folding); only the helpers differ: each vector helper gives, element by element, exactly
  what its scalar twin in ``game.format.formula`` gives, NaN and infinity included (Python's
  ``min``/``max`` keep the first argument unless a later one is strictly smaller/larger, so
  they are folds of ``where``, not ``np.minimum``).
- Comparisons, ``and``, ``or`` and ``not`` become float arrays (1.0/0.0 where the scalar has
  True/False; Python's ``a and b`` is ``a`` when ``a`` is falsy, else ``b``, and so here).
- A value may be a Python float (a constant) or an array; ``full`` broadcasts it.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable

import numpy as np

from game.format import formula

VNamespace = dict[str, object]


def _v_min(*args):
    current = args[0]
    for other in args[1:]:
        current = np.where(other < current, other, current)
    return current


def _v_max(*args):
    current = args[0]
    for other in args[1:]:
        current = np.where(other > current, other, current)
    return current


def _v_pow(base, exponent):
    limit = formula.MAX_EXPONENT
    exponent = np.where(exponent < limit, exponent, limit)
    exponent = np.where(exponent > -limit, exponent, -limit)
    with np.errstate(all="ignore"):
        result = np.power(np.asarray(base, dtype=float), exponent)
    return np.where(np.isfinite(result), result, 0.0)


def _v_div(numerator, denominator):
    if np.ndim(denominator) == 0:
        return numerator / denominator if denominator else 0.0
    with np.errstate(all="ignore"):
        result = np.true_divide(numerator, denominator)
    return np.where(denominator != 0, result, 0.0)


def _v_exp(x):
    limit = formula.EXP_LIMIT
    with np.errstate(all="ignore"):
        return np.exp(np.where(x < limit, x, limit))


def _v_log(x):
    return np.log(np.where(x > 1e-300, x, 1e-300))


def _v_sqrt(x):
    return np.sqrt(np.where(x > 0, x, 0.0))


def _v_clamp(x, low, high):
    return np.where(x > high, high, np.where(x >= low, x, low))  # nan gives low


def _v_finite(x):
    """As ``formula._finite``: 0 for nan, the largest float of its sign for an infinity."""
    array = np.asarray(x, dtype=float)
    if np.isfinite(array).all():
        return x
    largest = formula.LARGEST
    return np.where(np.isnan(array), 0.0, np.clip(array, -largest, largest))


def _v_where(condition, if_true, if_false):
    return np.where(condition != 0, if_true, if_false)


def _v_and(*values):
    current = values[0]
    for other in values[1:]:
        current = np.where(current != 0, other, current)
    return current


def _v_or(*values):
    current = values[0]
    for other in values[1:]:
        current = np.where(current != 0, current, other)
    return current


def _v_not(value):
    return (np.asarray(value) == 0).astype(float)


_COMPARE = {
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
}


def _v_cmp(op_name: str):
    function = _COMPARE[getattr(ast, op_name)]

    def compare(left, right):
        return function(left, right).astype(float)

    return compare


VECTOR_HELPERS: dict[str, object] = {
    "_pow": _v_pow,
    "_div": _v_div,
    "_finite": _v_finite,
    "_f_min": _v_min,
    "_f_max": _v_max,
    "_f_abs": np.abs,
    "_f_exp": _v_exp,
    "_f_log": _v_log,
    "_f_sqrt": _v_sqrt,
    "_f_clamp": _v_clamp,
    "_f_where": _v_where,
    "_v_and": _v_and,
    "_v_or": _v_or,
    "_v_not": _v_not,
    **{f"_v_{op.__name__}": _v_cmp(op.__name__) for op in _COMPARE},
}


class _ToVector(ast.NodeTransformer):
    """Comparisons and boolean operators as calls of the vector helpers."""

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        parts = []
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            parts.append(_call(f"_v_{type(op).__name__}", [left, right]))
            left = right
        return parts[0] if len(parts) == 1 else _call("_v_and", parts)

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:
        self.generic_visit(node)
        name = "_v_and" if isinstance(node.op, ast.And) else "_v_or"
        return _call(name, node.values)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return _call("_v_not", [node.operand])
        return node


def _call(name: str, args: list[ast.expr]) -> ast.expr:
    return ast.Call(func=ast.Name(name, ast.Load()), args=args, keywords=[])


def vectorise(tree: ast.expr) -> ast.expr:
    """A copy of a checked (scalar) formula tree that works on arrays."""
    return _ToVector().visit(copy.deepcopy(tree))


def compile_vector(
    assignments: list[tuple[str, ast.expr]],
    outputs: list[str],
    store: list[str] | None = None,
    guard_outputs: bool = True,
) -> Callable[[VNamespace], tuple]:
    """Like ``formula.compile_function`` for arrays; always returns a tuple of ``outputs``.

    As there, stored values are made finite, and outputs too unless ``guard_outputs`` is False.
    """
    store_set = set(store or ())
    body: list[ast.stmt] = []
    for local, tree in assignments:
        target = "_l_" + local
        body.append(ast.Assign(targets=[ast.Name(target, ast.Store())], value=vectorise(tree)))
        if local in store_set or (guard_outputs and local in outputs):
            body.append(
                ast.Assign(
                    targets=[ast.Name(target, ast.Store())],
                    value=_call("_finite", [ast.Name(target, ast.Load())]),
                )
            )
        if local in store_set:
            body.append(
                ast.Assign(
                    targets=[
                        ast.Subscript(
                            value=ast.Name("ns", ast.Load()),
                            slice=ast.Constant(local),
                            ctx=ast.Store(),
                        )
                    ],
                    value=ast.Name(target, ast.Load()),
                )
            )
    body.append(
        ast.Return(
            ast.Tuple(elts=[ast.Name("_l_" + name, ast.Load()) for name in outputs], ctx=ast.Load())
        )
    )
    function = formula.function_of(
        body, {"__builtins__": {}, **VECTOR_HELPERS}, "<scenario formula, vector>"
    )

    def quiet(ns: VNamespace) -> tuple:
        with np.errstate(all="ignore"):  # inf and nan are values here, as in the scalar
            return function(ns)  # type: ignore[operator]

    return quiet


def full(value, count: int) -> np.ndarray:
    """``value`` (a constant or an array of ``count``) as a float array of ``count``."""
    array = np.asarray(value, dtype=float)
    return array if array.shape == (count,) else np.broadcast_to(array, (count,)).copy()
