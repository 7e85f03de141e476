"""The window's modules: no import cycle, no screen importing another, no pygame in game/play."""

from __future__ import annotations

import ast
from pathlib import Path

from game.ui.screens import SCREENS

GAME = Path(__file__).resolve().parents[1] / "game"


def type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The import statements under ``if TYPE_CHECKING:`` (never run)."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for inner in node.body:
                skipped |= set(ast.walk(inner))
    return skipped


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports when it runs, at the top or inside a function."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = type_checking_only(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def ui_graph() -> dict[str, set[str]]:
    modules = {f"game.ui.{p.stem}": p for p in (GAME / "ui").glob("*.py") if p.stem != "__init__"}
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def test_the_window_modules_form_no_import_cycle():
    graph = ui_graph()
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycle = [*trail[trail.index(target) :], module, target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_screen_imports_another_screen():
    screens = {entry.partition(":")[0] for entry in SCREENS.values()}
    graph = ui_graph()
    for screen in screens:
        assert not (graph[screen] & screens) - {screen}, f"{screen} imports a screen"


def test_the_play_rules_need_no_window():
    for path in (GAME / "play").glob("*.py"):
        bad = {m for m in imports_of(path) if m.startswith(("pygame", "game.ui"))}
        assert not bad, f"{path.name} imports {sorted(bad)}"
