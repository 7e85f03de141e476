"""Scenario text in other languages: ``[translations.LANG]`` tables inside the scenario.

A translation table maps the dotted path of a text to its translation::

    [translations.es]
    "meta.title" = "Primavera de 2023"
    "actions.us_blame_mx.name" = "Culpar a México"
    "discussion.0" = "¿Quién ganó más con la culpa?"

English (the text in the file) is the fallback for any text without a translation. The texts
that take translations are the fields named in ``TEXT_FIELDS`` anywhere in the scenario except
``[sources]`` (the titles of articles stay as published), and only when they hold a letter (a
unit like "%" needs none). A claim's or evidence card's own ``texts`` table counts as the
translation of its ``text``. A text the game fills in (a debrief question's ``{claim}``) keeps
the same ``{placeholders}`` in every language: a translation that drops, adds or misspells one
is not used (the English shows instead). ``validate`` reports unknown paths, missing
translations and placeholder mismatches as warnings; they never stop a scenario from loading.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported when a scenario is, not by the window's start
    from pydantic import BaseModel

TEXT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "situation",
        "name",
        "short",
        "leader",
        "press",
        "label",
        "unit",
        "description",
        "statement",
        "headline",
        "headlines",
        "ending",
        "win_headline",
        "loss_headline",
        "discussion",
        "text",
        "reasoning",
        "question",
        "questions",
    }
)
SKIPPED_SECTIONS = frozenset({"sources", "translations"})
Path = tuple[str | int, ...]


def texts(scenario: BaseModel) -> dict[str, str]:
    """Every translatable text of the scenario by dotted path (in file order)."""
    return {_dotted(path): text for path, text in _walk(scenario, (), None)}


def _is_model(node: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(node, BaseModel)


def _walk(node: Any, path: Path, field: str | None) -> Iterator[tuple[Path, str]]:
    if _is_model(node):
        for name in type(node).model_fields:
            if (not path and name in SKIPPED_SECTIONS) or name == "texts":
                continue
            yield from _walk(getattr(node, name), (*path, name), name)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key), field if isinstance(value, str) else None)
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index), field if isinstance(value, str) else None)
    elif isinstance(node, str) and field in TEXT_FIELDS and any(c.isalpha() for c in node):
        yield path, node


def _dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


def placeholders(text: str) -> tuple[str, ...] | None:
    """The sorted ``{names}`` a text is filled in with; None when its braces do not match."""
    try:
        return tuple(sorted({name for _, name, _, _ in string.Formatter().parse(text) if name}))
    except ValueError:
        return None


def _mismatch(english: str, translation: str) -> str:
    """Why a translation's placeholders cannot stand in for the English ones ('' if they can)."""
    want, got = placeholders(english), placeholders(translation)
    if want == got:
        return ""
    shown = ", ".join(f"{{{name}}}" for name in want or ()) or "none"
    if got is None:
        return f"its braces do not match; the English uses {shown} (write {{{{ for a brace)"
    return f"its placeholders differ from the English ones ({shown})"


def own_translations(scenario: BaseModel, language: str) -> dict[str, str]:
    """Translations a section carries itself: a claim's ``texts`` table translates its text."""
    found: dict[str, str] = {}
    for path, node in _models(scenario, ()):
        own = getattr(node, "texts", None)
        if isinstance(own, dict) and own.get(language):
            found[_dotted((*path, "text"))] = own[language]
    return found


def _models(node: Any, path: Path) -> Iterator[tuple[Path, BaseModel]]:
    if _is_model(node):
        yield path, node
        for name in type(node).model_fields:
            yield from _models(getattr(node, name), (*path, name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _models(value, (*path, key))
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _models(value, (*path, index))


def warnings(scenario: BaseModel) -> list[tuple[str, str]]:
    """(path, message) for each translation that names no text, and each text left untranslated.

    Only the languages the scenario has a ``[translations.LANG]`` table for are checked.
    """
    tables: dict[str, dict[str, str]] = getattr(scenario, "translations", {}) or {}
    english = texts(scenario)
    found = []
    for language, table in tables.items():
        for path, text in table.items():
            if path not in english:
                found.append((f"translations.{language}.{path}", "no such text in the scenario"))
            elif problem := _mismatch(english[path], text):
                found.append((f"translations.{language}.{path}", problem))
        own = own_translations(scenario, language)
        missing = [path for path in english if path not in table and path not in own]
        found.extend((path, f"no {language} translation") for path in missing)
    return found


def translated(scenario: BaseModel, language: str) -> BaseModel:
    """The scenario with its texts in ``language`` where translated (English elsewhere)."""
    tables: dict[str, dict[str, str]] = getattr(scenario, "translations", {}) or {}
    if language not in tables and not own_translations(scenario, language):
        return scenario
    english = texts(scenario)
    wanted = {**own_translations(scenario, language), **tables.get(language, {})}
    overrides: dict[Path, str] = {}
    for path, _ in _walk(scenario, (), None):
        dotted = _dotted(path)
        text = wanted.get(dotted)
        if text and path and dotted in english and not _mismatch(english[dotted], text):
            overrides[path] = text
    return _replace(scenario, overrides) if overrides else scenario


def _replace(node: Any, overrides: dict[Path, str]) -> Any:
    """A copy of ``node`` with the texts at the (relative) paths replaced; the rest shared."""
    if () in overrides:
        return overrides[()]
    heads: dict[str | int, dict[Path, str]] = {}
    for path, text in overrides.items():
        heads.setdefault(path[0], {})[path[1:]] = text
    if _is_model(node):
        update = {name: _replace(getattr(node, name), sub) for name, sub in heads.items()}
        return node.model_copy(update=update)
    if isinstance(node, dict):
        return {k: _replace(v, heads[k]) if k in heads else v for k, v in node.items()}
    if isinstance(node, list | tuple):
        items = [_replace(v, heads[i]) if i in heads else v for i, v in enumerate(node)]
        return type(node)(items)
    return node


class ContentLanguage:
    """The language scenario files are read in (the window sets it; the command line never)."""

    code = "en"


def set_content_language(code: str) -> None:
    ContentLanguage.code = code


def content_language() -> str:
    return ContentLanguage.code
