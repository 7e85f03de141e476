"""The safe formula language of scenario files.

Rules:
- A formula is a Python-looking expression over numbers, names, ``+ - * / **``, comparisons,
  ``and or not`` and the functions in ``FUNCTIONS``. Nothing else parses: no attributes, no
  subscripts, no strings, no lambdas, no keyword arguments.
- Text is parsed with ``ast`` and checked node by node against a whitelist; the checked tree is
  rewritten so that every name becomes ``ns["name"]`` and every operator that could fail or
  explode becomes a guarded helper call (``**`` with a bounded exponent, ``/`` by zero gives 0,
  ``exp`` and ``log`` never overflow). Only that rewritten tree is compiled, never raw text.
- Every function is checked for its number of arguments when the formula is read, and every
  number written in a formula is finite and at most ``MAX_NUMBER`` in size.
- Whatever the inputs, evaluating a formula cannot run code, read a file or hang the game, and
  its value is a finite number: a result that is not (``nan``, or an overflow to infinity) is
  replaced by 0 (for ``nan``) or the largest float of its sign. Terms of variables are the one
  exception (``guard_outputs=False``): the engine replaces and reports those itself.
"""

from __future__ import annotations

import ast
import copy
import math
import operator
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from game.format.limits import MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_NUMBER, shorten
from game.format.suggest import did_you_mean

MAX_LENGTH = MAX_FORMULA_LENGTH
MAX_DEPTH = MAX_FORMULA_DEPTH
MAX_EXPONENT = 64.0
LARGEST = sys.float_info.max
EXP_LIMIT = 700.0

Namespace = dict[str, float]


class FormulaError(ValueError):
    """A formula that does not parse or uses something outside the language."""


def _pow(base: float, exponent: float) -> float:
    exponent = max(-MAX_EXPONENT, min(MAX_EXPONENT, float(exponent)))
    try:
        result = math.pow(base, exponent)
    except (OverflowError, ValueError, ZeroDivisionError):
        return 0.0
    return result if math.isfinite(result) else 0.0


def _div(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _exp(x: float) -> float:
    return math.exp(min(EXP_LIMIT, float(x)))


def _log(x: float) -> float:
    return math.log(x) if x > 1e-300 else math.log(1e-300)


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x > 0 else 0.0


def _clamp(x: float, low: float, high: float) -> float:
    return high if x > high else x if x >= low else low  # nan gives low


def _finite(x: float) -> float:
    """``x`` when finite; 0 for nan; the largest float of its sign for an infinity."""
    if x != x:
        return 0.0
    return x if -LARGEST <= x <= LARGEST else (LARGEST if x > 0 else -LARGEST)


def _where(condition: float, if_true: float, if_false: float) -> float:
    return if_true if condition else if_false


FUNCTIONS: dict[str, tuple[Callable[..., float], int | None, str]] = {
    # name: (implementation, number of arguments or None for 2 or more, description)
    "min": (min, None, "smallest of its arguments (two or more)"),
    "max": (max, None, "largest of its arguments (two or more)"),
    "abs": (abs, 1, "absolute value"),
    "exp": (_exp, 1, "e to the power x (x capped at 700)"),
    "log": (_log, 1, "natural logarithm (of at least 1e-300)"),
    "sqrt": (_sqrt, 1, "square root (0 for negative x)"),
    "clamp": (_clamp, 3, "clamp(x, low, high) keeps x between low and high"),
    "where": (_where, 3, "where(condition, a, b) is a when condition holds, else b"),
}

HELPERS: dict[str, Callable[..., float]] = {
    "_pow": _pow,
    "_div": _div,
    "_finite": _finite,
    **{f"_f_{name}": impl for name, (impl, _, _) in FUNCTIONS.items()},
}

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_CMPOPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_OPERATOR_WORDS = {ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&"}


@dataclass(frozen=True)
class Formula:
    """A checked formula: its text, the names it reads, and its rewritten tree."""

    text: str
    names: frozenset[str]
    tree: ast.expr

    def compile(self) -> Callable[[Namespace], float]:
        """Compile to a function of a namespace dict (names -> values); its value is finite."""
        return compile_function([("_result", self.tree)], ["_result"])


def parse(text: str, known: Iterable[str] | None = None) -> Formula:
    """Parse and check ``text``; with ``known``, every name it reads must be in it."""
    if not isinstance(text, str):
        raise FormulaError("a formula must be text")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise FormulaError("formula is empty")
    try:
        module = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        detail = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        raise FormulaError(f"not a valid formula ({detail}): {shorten(text.strip())}") from None
    names: set[str] = set()
    tree = _Rewriter(names).rewrite(module.body, 0)
    if known is not None:
        known_set = set(known)
        unknown = sorted(names - known_set)
        if unknown:
            raise FormulaError(_unknown_names_message(unknown, known_set))
    return Formula(text=text.strip(), names=frozenset(names), tree=tree)


def _unknown_names_message(unknown: list[str], known: set[str]) -> str:
    parts = [f"{name!r}" + did_you_mean(name, known) for name in unknown]
    return "unknown name " + ", ".join(parts)


class _Rewriter:
    """Checks each node against the whitelist and returns the guarded tree."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def rewrite(self, node: ast.AST, depth: int) -> ast.expr:
        if depth > MAX_DEPTH:
            raise FormulaError(f"formula is nested more than {MAX_DEPTH} levels deep")
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise FormulaError(f"{_describe(node)} is not allowed in a formula")
        return method(node, depth + 1)

    def _Constant(self, node: ast.Constant, depth: int) -> ast.expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FormulaError(f"only numbers are allowed as values (got {shorten(value)})")
        if abs(value) > MAX_NUMBER:  # an int compares exactly, however many digits it has
            shown = shorten(value)
            shown = shown if shown.startswith("a number") else f"number {shown}"
            raise FormulaError(
                f"{shown} is too large (numbers in a formula are at most {MAX_NUMBER:g})"
            )
        return ast.Constant(float(value))

    def _Name(self, node: ast.Name, depth: int) -> ast.expr:
        if node.id in FUNCTIONS:
            raise FormulaError(f"{node.id!r} is a function: call it as {node.id}(...)")
        if node.id.startswith("_"):
            raise FormulaError(f"names cannot start with '_' (got {node.id!r})")
        self.names.add(node.id)
        return ast.Subscript(
            value=ast.Name("ns", ast.Load()), slice=ast.Constant(node.id), ctx=ast.Load()
        )

    def _BinOp(self, node: ast.BinOp, depth: int) -> ast.expr:
        if not isinstance(node.op, _BINOPS):
            word = _OPERATOR_WORDS.get(type(node.op), type(node.op).__name__)
            raise FormulaError(f"operator {word!r} is not allowed (use + - * / **)")
        left, right = self.rewrite(node.left, depth), self.rewrite(node.right, depth)
        if isinstance(node.op, ast.Pow):
            return _call("_pow", [left, right])
        if isinstance(node.op, ast.Div):
            return _call("_div", [left, right])
        return ast.BinOp(left=left, op=node.op, right=right)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> ast.expr:
        if not isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
            raise FormulaError("only -, + and not are allowed before a value")
        return ast.UnaryOp(op=node.op, operand=self.rewrite(node.operand, depth))

    def _Compare(self, node: ast.Compare, depth: int) -> ast.expr:
        for op in node.ops:
            if not isinstance(op, _CMPOPS):
                raise FormulaError("only the comparisons < <= > >= == != are allowed")
        return ast.Compare(
            left=self.rewrite(node.left, depth),
            ops=node.ops,
            comparators=[self.rewrite(c, depth) for c in node.comparators],
        )

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> ast.expr:
        return ast.BoolOp(op=node.op, values=[self.rewrite(v, depth) for v in node.values])

    def _Call(self, node: ast.Call, depth: int) -> ast.expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            called = node.func.id if isinstance(node.func, ast.Name) else "this"
            allowed = ", ".join(sorted(FUNCTIONS))
            raise FormulaError(f"unknown function {called!r} (allowed: {allowed})")
        if node.keywords:
            raise FormulaError(f"{node.func.id}() takes no named arguments")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise FormulaError(f"{node.func.id}() cannot take *arguments")
        _, arity, _ = FUNCTIONS[node.func.id]
        count = len(node.args)
        if (arity is None and count < 2) or (arity is not None and count != arity):
            wanted = "at least 2 arguments" if arity is None else _arguments(arity)
            raise FormulaError(f"{node.func.id}() takes {wanted}, got {count}")
        return _call("_f_" + node.func.id, [self.rewrite(a, depth) for a in node.args])


def _arguments(count: int) -> str:
    return f"{count} argument" + ("" if count == 1 else "s")


def _call(helper: str, args: list[ast.expr]) -> ast.expr:
    return ast.Call(func=ast.Name(helper, ast.Load()), args=args, keywords=[])


def _describe(node: ast.AST) -> str:
    kinds = {
        "Attribute": "attribute access ('.')",
        "Subscript": "indexing ('[...]')",
        "Lambda": "lambda",
        "IfExp": "'x if c else y' (use where(c, x, y))",
        "JoinedStr": "a string",
        "List": "a list",
        "Tuple": "a tuple",
        "Dict": "a dict",
        "NamedExpr": "':='",
    }
    name = type(node).__name__
    return kinds.get(name, f"{name!r}")


def compile_function(
    assignments: list[tuple[str, ast.expr]],
    outputs: list[str],
    store: list[str] | None = None,
    guard_outputs: bool = True,
) -> Callable[[Namespace], tuple[float, ...] | float]:
    """Compile checked trees into one function of ``ns``.

    ``assignments`` are ``(local_name, tree)`` pairs computed in order; names listed in
    ``store`` are also written back into ``ns`` (so later trees can read them as ``ns[name]``).
    The function returns the ``outputs`` locals (a tuple, or a float for a single output).
    Stored values are always made finite (see ``_finite``); outputs too unless
    ``guard_outputs`` is False.
    """
    store_set = set(store or ())
    body: list[ast.stmt] = []
    for local, tree in assignments:
        target_name = "_l_" + local
        body.append(ast.Assign(targets=[ast.Name(target_name, ast.Store())], value=tree))
        if local in store_set:
            body.append(_make_finite(target_name))
            body.append(
                ast.Assign(
                    targets=[
                        ast.Subscript(
                            value=ast.Name("ns", ast.Load()),
                            slice=ast.Constant(local),
                            ctx=ast.Store(),
                        )
                    ],
                    value=ast.Name(target_name, ast.Load()),
                )
            )
    trees = dict(assignments)
    if guard_outputs:
        body += [_make_finite("_l_" + name) for name in outputs if name not in store_set]
    returned: ast.expr
    if len(outputs) == 1:
        returned = _as_float(ast.Name("_l_" + outputs[0], ast.Load()))
    else:
        returned = ast.Tuple(
            elts=[_number(ast.Name("_l_" + name, ast.Load()), trees[name]) for name in outputs],
            ctx=ast.Load(),
        )
    body.append(ast.Return(returned))
    helpers: dict[str, object] = {"__builtins__": {"float": float}, **HELPERS}
    return function_of(body, helpers, "<scenario formula>")


def function_of(body: list[ast.stmt], helpers: dict[str, object], filename: str) -> Callable:
    """Compile checked statements into ``def _formula(ns): ...`` run with only ``helpers``."""
    function = ast.FunctionDef(
        name="_formula",
        args=ast.arguments(
            posonlyargs=[], args=[ast.arg("ns")], kwonlyargs=[], kw_defaults=[], defaults=[]
        ),
        body=body,
        decorator_list=[],
        returns=None,
        type_params=[],
    )
    module = ast.fix_missing_locations(ast.Module(body=[function], type_ignores=[]))
    namespace = dict(helpers)
    exec(compile(module, filename, "exec"), namespace)  # checked trees, never text
    return namespace["_formula"]  # type: ignore[return-value]


def _make_finite(name: str) -> ast.stmt:
    """``if not -LARGEST <= name <= LARGEST: name = _finite(name)`` (false for nan too)."""
    return ast.If(
        test=ast.UnaryOp(
            op=ast.Not(),
            operand=ast.Compare(
                left=ast.Constant(-LARGEST),
                ops=[ast.LtE(), ast.LtE()],
                comparators=[ast.Name(name, ast.Load()), ast.Constant(LARGEST)],
            ),
        ),
        body=[
            ast.Assign(
                targets=[ast.Name(name, ast.Store())],
                value=_call("_finite", [ast.Name(name, ast.Load())]),
            )
        ],
        orelse=[],
    )


def _number(node: ast.expr, tree: ast.expr) -> ast.expr:
    """``node`` as a float: wrapped in float() only where its tree can give a bool."""
    if isinstance(tree, ast.Compare | ast.BoolOp) or (
        isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not)
    ):
        return _as_float(node)
    return node


def _as_float(node: ast.expr) -> ast.expr:
    return ast.Call(func=ast.Name("float", ast.Load()), args=[node], keywords=[])


def fold_constants(tree: ast.expr, constants: dict[str, float]) -> ast.expr:
    """A copy of a checked tree with ``constants`` inlined and constant sub-trees computed.

    Parameters are fixed for a whole game, so reading them once at build time instead of every
    month is the same arithmetic, done earlier. Only the guarded helpers and the operators of
    the language are evaluated, exactly as they would be at run time.
    """
    return _Folder(constants).visit(copy.deepcopy(tree))


def overflowing_part(tree: ast.expr, constants: dict[str, float]) -> str:
    """The text of a part of a checked tree that is made of constants only and is not a
    finite number (``exp(700) * exp(700)``) once ``constants`` are inlined; '' if none."""
    folder = _Folder(constants)
    folder.visit(copy.deepcopy(tree))
    return readable(folder.overflows[0]) if folder.overflows else ""


def readable(tree: ast.expr) -> str:
    """A checked (rewritten) tree written back in the formula language."""
    return ast.unparse(_Readable().visit(copy.deepcopy(tree)))


class _Readable(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name in ("_pow", "_div"):
            op = ast.Pow() if name == "_pow" else ast.Div()
            return ast.BinOp(node.args[0], op, node.args[1])
        if name.startswith("_f_"):
            return ast.Call(ast.Name(name[3:], ast.Load()), node.args, [])
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        if isinstance(node.slice, ast.Constant):
            return ast.Name(str(node.slice.value), ast.Load())
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.expr:
        origin = getattr(node, "origin", None)
        if origin is not None:  # a part folded into a constant: show it as written
            return self.visit(origin)
        value = node.value
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return ast.Constant(int(value))
        return node


class _Folder(ast.NodeTransformer):
    def __init__(self, constants: dict[str, float]) -> None:
        self.constants = constants
        self.overflows: list[ast.expr] = []

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        name = node.slice.value if isinstance(node.slice, ast.Constant) else None
        if isinstance(name, str) and name in self.constants:
            return ast.Constant(float(self.constants[name]))
        return node

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name == "_div" and isinstance(node.args[1], ast.Constant) and node.args[1].value:
            if isinstance(node.args[0], ast.Constant):
                return self._folded(node, node.args[0].value / node.args[1].value)
            return ast.BinOp(node.args[0], ast.Div(), node.args[1])  # never by zero
        helper = HELPERS.get(name)
        if helper is not None and all(isinstance(a, ast.Constant) for a in node.args):
            try:
                value = float(helper(*(a.value for a in node.args)))
            except (ArithmeticError, ValueError, TypeError):
                self.overflows.append(node)
                return node
            return self._folded(node, value)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant):
            operate = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
            function = operate.get(type(node.op))
            if function is not None:
                return self._folded(node, function(node.left.value, node.right.value))
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return ast.Constant(-node.operand.value)
        return node

    def _folded(self, node: ast.expr, value: float) -> ast.expr:
        """The constant ``value`` in place of ``node``, or ``node`` when it is not finite."""
        if math.isfinite(value):
            folded = ast.Constant(value)
            folded.origin = node  # type: ignore[attr-defined]  # for readable()
            return folded
        self.overflows.append(node)
        return node
