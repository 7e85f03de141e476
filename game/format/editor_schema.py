"""The JSON Schema of the scenario format, for editors (VS Code with Even Better TOML, taplo).

``scenarios/scenario.schema.json`` is this schema; every shipped scenario's first line
``#:schema ./scenario.schema.json`` points editors at it. ``python main.py schema --out
scenarios/scenario.schema.json`` regenerates it and a test checks it is current.

Rules:
- The schema is pydantic's, from ``game.format.schema`` (so every field's description is the hover
  text), declared as Draft 2020-12, with a few additions pydantic cannot derive from the models:
  the id pattern on the keys of id tables (``propertyNames``), the pattern of an objective's
  ``when``, and the "exactly one of" rules of effects and events.
- It is never stricter than the loader: a file the game accepts must pass it. It may be looser,
  since cross references (an unknown actor, a formula) are only checked by ``validate``.
"""

from __future__ import annotations

import json
from typing import Any

from game.format.schema import ID_PATTERN, MONTH_PATTERN, Scenario

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "scenarios/scenario.schema.json"
WHEN_PATTERN = r"^(end|mean)$|" + MONTH_PATTERN


def _id_tables() -> tuple[str, ...]:
    """Fields of Scenario whose keys the schema's own validator requires to be ids."""
    validators = Scenario.__pydantic_decorators__.field_validators
    return tuple(validators["_ids_are_identifiers"].info.fields)


def _one_of_required(*names: str) -> dict[str, Any]:
    return {"oneOf": [{"required": [name]} for name in names]}


def scenario_json_schema() -> dict[str, Any]:
    """The scenario format as a JSON Schema (Draft 2020-12) dictionary."""
    schema = Scenario.model_json_schema()
    schema = {
        "$schema": DRAFT,
        "title": "Precursor scenario",
        "description": (
            "A Precursor scenario file (TOML). Generated from game/schema.py by "
            "`python main.py schema --out scenarios/scenario.schema.json`; "
            "see docs/authoring.md."
        ),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }
    for name in _id_tables():
        schema["properties"][name]["propertyNames"] = {"pattern": ID_PATTERN}
    defs = schema["$defs"]
    defs["Objective"]["properties"]["when"]["pattern"] = WHEN_PATTERN
    defs["Effect"]["allOf"] = [
        _one_of_required("counter", "policy", "variable"),
        _one_of_required("add", "set"),
    ]
    defs["Event"]["allOf"] = [
        {
            "anyOf": [
                {"required": ["date"]},
                {"required": ["when"]},
                {"required": ["inject"], "properties": {"inject": {"const": True}}},
            ]
        },
        {"anyOf": [{"required": ["headline"]}, {"required": ["headlines"]}]},
    ]
    defs["Category"].setdefault("description", "The category of an action.")
    defs["Confidence"].setdefault(
        "description", "How sure the scenario's author is of a number or a formula."
    )
    return schema


def json_schema_text() -> str:
    """The schema file's exact text."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
